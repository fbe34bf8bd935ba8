//! The event tagger and anchoring against TempEval-3 TBAQ-cleaned, with
//! floors: AQUAINT is held out (the tagger is trained on TimeBank only).
//! Needs `../shared/data` (or `$DATELINE_DATA`); says so and passes when
//! it is absent. `dateline eval events DIR` prints the same figures.

mod common;

use dateline_core::events::timeml::{self, EventScore};
use std::path::PathBuf;

fn corpus(part: &str) -> Option<Vec<PathBuf>> {
    let dir = common::shared_data().join("tempeval3/TBAQ-cleaned").join(part);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent (TempEval-3 TBAQ-cleaned from ../shared/data)", dir.display());
        return None;
    };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "tml")).collect();
    files.sort();
    Some(files)
}

fn score(files: &[PathBuf]) -> EventScore {
    let mut total = EventScore::default();
    for f in files {
        total += timeml::evaluate(&timeml::parse(&std::fs::read_to_string(f).unwrap()));
    }
    total
}

#[test]
fn aquaint_held_out_floors() {
    let Some(files) = corpus("AQUAINT") else { return };
    let s = score(&files);
    eprintln!("AQUAINT: {}", s.summary());
    assert!(s.strict_f1() >= 0.85, "span F1 {:.3}", s.strict_f1());
    assert!(s.class_accuracy() >= 0.80, "class accuracy {:.3}", s.class_accuracy());
    assert!(s.anchoring() >= 0.60, "anchoring {:.3}", s.anchoring());
}

#[test]
fn timebank_anchoring_floor() {
    let Some(files) = corpus("TimeBank") else { return };
    let s = score(&files);
    eprintln!("TimeBank: {}", s.summary());
    // Span figures here are on the training data; anchoring is rule-based
    // (its rules were looked at on TimeBank only).
    assert!(s.anchoring() >= 0.78, "anchoring {:.3}", s.anchoring());
}

/// Why TimeBank anchors go wrong (TimeBank only: AQUAINT stays unseen):
/// `cargo test --release --test events_eval -- --ignored anchoring_breakdown --nocapture`.
#[test]
#[ignore]
fn anchoring_breakdown() {
    let Some(files) = corpus("TimeBank") else { return };
    let (mut no_timex, mut other_sentence, mut none, mut wrong, mut ok, mut found_but_dur) = (0, 0, 0, 0, 0, 0);
    let mut examples = Vec::new();
    for f in &files {
        let gold = timeml::parse(&std::fs::read_to_string(f).unwrap());
        let doc = dateline_core::annotate(&gold.text, &dateline_core::Options { dct: gold.dct, ..Default::default() });
        let ms = dateline_core::events::mentions(&doc);
        for g in gold.events.iter().filter(|g| !g.anchors.is_empty()) {
            let Some(m) = ms.iter().find(|m| doc.source_span(m.span).overlaps(g.span)) else { continue };
            let ours: Vec<usize> = g.anchors.iter().filter_map(|&a| doc.timexes.iter().position(|t| doc.source_span(t.span).overlaps(gold.timexes[a].span))).collect();
            if ours.is_empty() {
                no_timex += 1;
                continue;
            }
            let same = ours.iter().any(|&t| doc.sentence_at(doc.timexes[t].span.start) == doc.sentence_at(m.span.start));
            match m.anchor {
                Some(a) if ours.contains(&a) => {
                    ok += 1;
                    found_but_dur += usize::from(m.time.is_none());
                }
                _ if !same => other_sentence += 1,
                None => none += 1,
                Some(a) => {
                    wrong += 1;
                    if examples.len() < 25 {
                        let s = doc.sentence_at(m.span.start).map(|s| doc.slice(doc.sentences[s])).unwrap_or("");
                        examples.push(format!("{} -> ours {:?} gold {:?}: {}", doc.slice(m.span), doc.slice(doc.timexes[a].span), doc.slice(doc.timexes[ours[0]].span), s));
                    }
                }
            }
        }
    }
    eprintln!("ok {ok} (of which no calendar time {found_but_dur}), gold time not found {no_timex}, other sentence {other_sentence}, none {none}, wrong {wrong}");
    for e in examples {
        eprintln!("{e}");
    }
}
