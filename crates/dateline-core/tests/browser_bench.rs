//! The tagger's and the pipeline's speed inside a browser, as the page runs
//! them (wasm, release build, headless Chromium). Criterion cannot run in a
//! browser, so this is a small harness that prints figures and asserts
//! nothing; `cargo xtask measure` runs it with
//! `cargo test --release --target wasm32-unknown-unknown -p dateline-core --test browser_bench`.
//! It tags the same made-up story as the native `tagger` benchmark's
//! fallback (`DATELINE_DATA=/nonexistent cargo bench -p dateline-core --bench tagger`),
//! so the two figures compare like for like.
#![cfg(target_arch = "wasm32")]

use dateline_core::entities::{model, tagger::Tagger};
use std::hint::black_box;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const STORY: &str = include_str!("../benches/tagger_story.txt");

/// `performance.now()` of the page, in ms.
fn now_ms() -> f64 {
    let global = js_sys::global();
    let performance = js_sys::Reflect::get(&global, &"performance".into()).unwrap_or_default();
    js_sys::Reflect::get(&performance, &"now".into())
        .ok()
        .and_then(|f| js_sys::Function::from(f).call0(&performance).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

/// Runs `work` until at least `min_ms` have passed (after one warm-up run);
/// returns the mean ms per run.
fn time(min_ms: f64, mut work: impl FnMut()) -> f64 {
    work();
    let (start, mut runs) = (now_ms(), 0u32);
    loop {
        work();
        runs += 1;
        let spent = now_ms() - start;
        if spent >= min_ms {
            return spent / f64::from(runs);
        }
    }
}

#[wasm_bindgen_test]
fn tagger_and_pipeline_speed_in_the_browser() {
    let Some(model) = model() else {
        console_log!("browser bench: no tagger model");
        return;
    };
    let text = STORY.repeat(300);
    let tokens = dateline_core::text::tokenize(&text);
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.span.range()]).collect();
    let seg: Vec<bool> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| i == 0 || text.get(tokens[i - 1].span.end..t.span.start).is_some_and(|gap| gap.contains('\n')))
        .collect();
    let mut tagger = Tagger::new();
    let tag_ms = time(2000.0, || {
        black_box(tagger.tag(model, black_box(&words), &seg).len());
    });
    console_log!(
        "browser bench: tagger {} tokens in {tag_ms:.2} ms = {:.0} tokens/s",
        words.len(),
        words.len() as f64 / tag_ms * 1000.0
    );
    let options = dateline_core::Options::default();
    let annotate_ms = time(2000.0, || {
        black_box(dateline_core::annotate(black_box(&text), &options));
    });
    console_log!(
        "browser bench: annotate {} bytes in {annotate_ms:.1} ms = {:.2} MiB/s",
        text.len(),
        text.len() as f64 / 1048576.0 / annotate_ms * 1000.0
    );
}
