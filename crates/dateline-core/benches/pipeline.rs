//! Pipeline speed: `cargo bench -p dateline-core`.
//!
//! Runs `annotate` over CoNLL-2003 dev text (rebuilt from its tokens) when
//! `../shared/data` is present, and always over a damaged article written
//! for this benchmark. Throughput is reported in bytes; tokens ≈ bytes / 6.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

/// A made-up news story with the damage the cleaner repairs.
const DAMAGED: &str = "harbour-fire-12aThe fire that swept theOld Harbourdistrict on Sunday was set deliberately, the police inLisbonsaid on Tuesday.\n\n\
Investigators said two men had been seen near the warehouse at 3 in the morning. The city’s mayor, Ana Ribeiro, said last week that the district\u{a0}had been warned in 2019.\n\n\
â€œWe were told it was safe,â€\u{9d} said one resident, who has lived there for twelve years. The fire service spent six hours on the blaze.";

fn conll_text() -> Option<String> {
    let path = std::env::var("DATELINE_DATA").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data").into());
    let conll = std::fs::read_to_string(format!("{path}/conll2003/eng.testa")).ok()?;
    let mut text = String::new();
    for line in conll.lines() {
        match line.split(' ').next() {
            Some("-DOCSTART-") => text.push_str("\n\n"),
            Some("") | None => text.push('\n'),
            Some(word) => {
                text.push_str(word);
                text.push(' ');
            }
        }
    }
    Some(text)
}

fn bench_pipeline(c: &mut Criterion) {
    let options = dateline_core::Options::default();
    let mut group = c.benchmark_group("annotate");
    let long_damaged = DAMAGED.repeat(20);
    group.throughput(Throughput::Bytes(long_damaged.len() as u64));
    group.bench_function("damaged-story-x20", |b| b.iter(|| dateline_core::annotate(black_box(&long_damaged), &options)));
    if let Some(text) = conll_text() {
        // A slice of about 100 KB: long enough to show any superlinear cost.
        let cut = text.char_indices().map(|(i, _)| i).find(|&i| i >= 100_000).unwrap_or(text.len());
        let text = &text[..cut];
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.bench_function("conll-testa-100k", |b| b.iter(|| dateline_core::annotate(black_box(text), &options)));
    } else {
        eprintln!("../shared/data absent: CoNLL benchmark skipped");
    }
    // Text without full stops is one "sentence" of 100 KB (a pasted table,
    // junk): what is read per sentence must not cost time squared here.
    let unbroken = "Ana Ribeiro met officials in Lisbon on March 3, 2019 and said they spoke ".repeat(1400);
    group.throughput(Throughput::Bytes(unbroken.len() as u64));
    group.sample_size(10);
    group.bench_function("no-full-stops-100k", |b| b.iter(|| dateline_core::annotate(black_box(&unbroken), &options)));
    group.finish();
}

criterion_group!(benches, bench_pipeline);
criterion_main!(benches);
