//! Data-driven tests of paragraphs, tokens and sentences (`text_cases.txt`),
//! plus properties that must hold for any input.

use dateline_core::text::{paragraphs, sentences, tokenize};
use proptest::prelude::*;

mod common;
use common::parse_cases;

#[test]
fn cases() {
    let data = include_str!("text_cases.txt");
    let cases = parse_cases(data);
    assert!(cases.len() >= 10);
    let mut failures = Vec::new();
    for case in &cases {
        let text = case.input.as_str();
        let paras = paragraphs(text);
        let tokens = tokenize(text);
        let sents = sentences(text, &tokens, &paras);
        for (section, expected) in &case.sections {
            let got: Vec<String> = match section.as_str() {
                "sentences" => sents.iter().map(|s| text[s.range()].to_string()).collect(),
                "tokens" => vec![tokens.iter().map(|t| &text[t.span.range()]).collect::<Vec<_>>().join(" ")],
                "paragraphs" => vec![paras.len().to_string()],
                other => panic!("unknown section {other}"),
            };
            if &got != expected {
                failures.push(format!("{} [{}]\n  expected: {:#?}\n  got:      {:#?}", case.name, section, expected, got));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn seed_article_sentences_look_sane() {
    let Some(source) = common::seed_article() else { return };
    let doc = dateline_core::annotate(&source, &Default::default());
    assert!(doc.paragraphs.len() >= 10, "{} paragraphs", doc.paragraphs.len());
    let texts: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(*s)).collect();
    // Mid-sentence abbreviations never open a sentence.
    for s in &texts {
        assert!(!s.starts_with("Putin ") && !s.starts_with("Putin’s"), "split after Mr.: {s:?}");
        assert!(!s.starts_with("Putin of"), "split after an initial: {s:?}");
    }
    assert!(texts.iter().any(|s| s.starts_with("Mr. Putin said")));
    assert!(texts.iter().any(|s| s.contains(" in 2011 ") && s.ends_with("radical.")));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn never_panics_and_spans_are_sound(text in "(?s).{0,200}", extra in "[A-Za-z .,’'”“\\-\n0-9]{0,120}") {
        for text in [text.as_str(), extra.as_str()] {
            let paras = paragraphs(text);
            let tokens = tokenize(text);
            let sents = sentences(text, &tokens, &paras);
            let mut last = 0;
            for t in &tokens {
                prop_assert!(t.span.start < t.span.end && t.span.start >= last && t.span.end <= text.len());
                prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                prop_assert!(!text[t.span.range()].chars().any(char::is_whitespace));
                last = t.span.end;
            }
            let mut last = 0;
            for s in &sents {
                prop_assert!(s.start < s.end && s.start >= last && s.end <= text.len());
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                let piece = &text[s.range()];
                prop_assert_eq!(piece.trim(), piece);
                prop_assert!(paras.iter().any(|p| p.contains(*s)), "sentence crosses a paragraph");
                last = s.end;
            }
            let entities = dateline_core::entities::find(text, &tokens, &sents);
            for e in &entities {
                prop_assert!(!e.mentions.is_empty());
                for w in e.mentions.windows(2) {
                    prop_assert!(w[0].start < w[1].start);
                }
                for m in &e.mentions {
                    prop_assert!(m.end <= text.len() && text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                }
            }
        }
    }
}
