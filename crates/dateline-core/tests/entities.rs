//! Entities: data-driven cases (`entities_cases.txt`), the reference
//! article, and properties over arbitrary input.

use dateline_core::{annotate, Document, EntityType};
use proptest::prelude::*;

mod common;

/// `TYPE name [mention | mention] {title; title}`, one line per entity.
fn render(doc: &Document) -> Vec<String> {
    doc.entities
        .iter()
        .map(|e| {
            let ms: Vec<&str> = e.mentions.iter().map(|m| doc.slice(*m)).collect();
            let mut line = format!("{} {} [{}]", e.kind.name(), e.name, ms.join(" | "));
            if !e.titles.is_empty() {
                line.push_str(&format!(" {{{}}}", e.titles.join("; ")));
            }
            line
        })
        .collect()
}

#[test]
fn cases() {
    let cases = common::parse_cases(include_str!("entities_cases.txt"));
    assert!(cases.len() >= 10);
    let mut failures = Vec::new();
    for case in &cases {
        let doc = annotate(&case.input, &Default::default());
        let got = render(&doc);
        let expected = &case
            .sections
            .iter()
            .find(|(s, _)| s == "entities")
            .expect("an entities section")
            .1;
        if &got != expected {
            failures.push(format!(
                "{}\n  expected: {:#?}\n  got:      {:#?}",
                case.name, expected, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn reference_article() {
    let Some(source) = common::seed_article() else {
        return;
    };
    let doc = annotate(&source, &Default::default());
    let lines = render(&doc);
    let find = |kind: EntityType, name: &str| {
        doc.entities
            .iter()
            .find(|e| e.kind == kind && e.name == name)
    };
    let report = || lines.join("\n");

    let putin = find(EntityType::Person, "Vladimir V. Putin")
        .unwrap_or_else(|| panic!("no Putin in\n{}", report()));
    assert!(
        putin.titles.iter().any(|t| t == "President") && putin.titles.iter().any(|t| t == "Mr."),
        "{:?}",
        putin.titles
    );
    assert!(
        putin.mentions.len() >= 4,
        "Mr. Putin / Putin mentions grouped: {}",
        report()
    );
    assert!(putin
        .mentions
        .iter()
        .all(|m| doc.slice(*m) == "Putin" || doc.slice(*m) == "Vladimir V. Putin"));

    let tamerlan = find(EntityType::Person, "Tamerlan Tsarnaev")
        .unwrap_or_else(|| panic!("no Tamerlan in\n{}", report()));
    assert!(tamerlan.mentions.len() >= 3);
    assert!(
        find(EntityType::Location, "Russia").is_some_and(|e| e.mentions.len() >= 2),
        "{}",
        report()
    );
    assert!(
        find(EntityType::Location, "Dagestan").is_some(),
        "{}",
        report()
    );
    assert!(
        find(EntityType::Organization, "Federal Security Service").is_some(),
        "{}",
        report()
    );
    assert!(
        find(EntityType::Norp, "Russian").is_some_and(|e| e.mentions.len() >= 5),
        "{}",
        report()
    );
    // Nothing is a sentence-initial common word or ends in punctuation.
    for e in &doc.entities {
        assert!(
            !e.name.ends_with([',', ';', ':', '’', '\'', '"', '”']),
            "{}",
            e.name
        );
        assert!(
            !["It", "Over", "Cooperation", "There", "He", "The"].contains(&e.name.as_str()),
            "{}",
            e.name
        );
    }
    for (i, e) in doc.entities.iter().enumerate() {
        assert_eq!(e.id, format!("e{}", i + 1));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn entities_never_panic(text in "(?s).{0,300}", words in proptest::collection::vec("(Mr\\.|President|[A-Z][a-z]{0,8}|of|and|the|F\\.S\\.B\\.|’s|\\(|\\)|\\.|,|“|”|V\\.|[a-z]{1,6})", 0..40)) {
        let joined = words.join(" ");
        for text in [text.as_str(), joined.as_str()] {
            let doc = annotate(text, &Default::default());
            let mut firsts = Vec::new();
            for e in &doc.entities {
                prop_assert!(!e.mentions.is_empty());
                prop_assert!(!e.name.is_empty());
                for w in e.mentions.windows(2) {
                    prop_assert!(w[0].end <= w[1].start);
                }
                for m in &e.mentions {
                    prop_assert!(m.start < m.end && m.end <= doc.text.len());
                    prop_assert!(doc.text.is_char_boundary(m.start) && doc.text.is_char_boundary(m.end));
                }
                firsts.push(e.mentions[0].start);
            }
            prop_assert!(firsts.windows(2).all(|w| w[0] < w[1]), "ids in order of first mention");
        }
    }
}

#[test]
#[ignore]
fn dump() {
    let path = std::env::var("DUMP").ok();
    let source = match path {
        Some(p) => std::fs::read_to_string(p).unwrap(),
        None => common::seed_article().unwrap(),
    };
    let doc = annotate(&source, &Default::default());
    eprintln!("{}", render(&doc).join("\n"));
}

/// The trained tagger through the public pipeline on CoNLL-2003 dev
/// (`eng.testa`), scored as `dateline eval ner` scores it.
#[test]
fn conll_dev_f1_floor() {
    let path = common::shared_data().join("conll2003/eng.testa");
    let Ok(conll) = std::fs::read_to_string(&path) else {
        eprintln!("{} not readable; skipping the NER F1 floor (set DATELINE_DATA)", path.display());
        return;
    };
    let mut score = dateline_core::conll::NerScore::default();
    for doc in dateline_core::conll::parse(&conll) {
        let annotated = annotate(&doc.text, &Default::default());
        score += dateline_core::conll::NerScore::of(&doc.gold, &dateline_core::conll::predicted(&annotated));
    }
    let f1 = score.micro().f1();
    eprintln!("eng.testa:\n{}", score.report());
    assert!(f1 >= 0.919, "eng.testa micro F1 {:.2} fell below the floor 91.9\n{}", 100.0 * f1, score.report());
}
