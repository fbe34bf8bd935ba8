//! Entity tagger speed: `cargo bench -p dateline-core --bench tagger`.
//!
//! Tags CoNLL-2003 dev (eng.testa, rebuilt as text and tokenised by the
//! pipeline) when `../shared/data` is present, else a made-up story; the
//! throughput is in tokens. Only the tagger is timed (features, scores,
//! Viterbi decoding), not tokenising or grouping.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dateline_core::entities::{model, tagger::Tagger};
use std::hint::black_box;

/// A made-up story, also tagged by the in-browser figure (`tests/browser_bench.rs`).
const STORY: &str = include_str!("tagger_story.txt");

fn text() -> String {
    let path = std::env::var("DATELINE_DATA").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data").into());
    match std::fs::read_to_string(format!("{path}/conll2003/eng.testa")) {
        Ok(conll) => dateline_core::conll::parse(&conll).into_iter().map(|d| d.text).collect::<Vec<_>>().join("\n\n"),
        Err(_) => {
            eprintln!("../shared/data absent: tagging a made-up story");
            STORY.repeat(300)
        }
    }
}

fn bench_tagger(c: &mut Criterion) {
    let Some(model) = model() else {
        eprintln!("no tagger model");
        return;
    };
    let text = text();
    let tokens = dateline_core::text::tokenize(&text);
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.range()]).collect();
    let seg: Vec<bool> = tokens.iter().enumerate().map(|(i, t)| i == 0 || text[tokens[i - 1].span.end..t.span.start].contains('\n')).collect();
    let mut tagger = Tagger::new();
    // For instruction counts: `TAGGER_CALLS=n` tags the text n times and
    // stops, without criterion (under `valgrind --tool=callgrind`, the
    // difference between two counts is the cost of the calls after the first).
    if let Some(n) = std::env::var("TAGGER_CALLS").ok().and_then(|n| n.parse::<usize>().ok()) {
        for _ in 0..n {
            black_box(tagger.tag(model, black_box(&words), &seg).len());
        }
        eprintln!("tagged {} tokens {n} times", words.len());
        return;
    }
    let mut group = c.benchmark_group("tagger");
    group.throughput(Throughput::Elements(words.len() as u64));
    group.sample_size(10);
    group.bench_function(format!("tag-{}-tokens", words.len()), |b| b.iter(|| black_box(tagger.tag(model, black_box(&words), &seg).len())));
    group.finish();
}

criterion_group!(benches, bench_tagger);
criterion_main!(benches);
