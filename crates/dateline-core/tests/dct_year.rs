//! The year-only article date: inferred from a relative year tied to an
//! explicit one, never from unrelated mentions (cases in `dct_year_cases.txt`).

use dateline_core::{annotate, DctSource, Options};

#[test]
fn cases() {
    let data = include_str!("dct_year_cases.txt");
    let mut failures = Vec::new();
    for (n, line) in data.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(3, " | ");
        let (want, text) = (parts.next().unwrap().trim(), parts.next().unwrap().trim());
        let expect = parts.next().unwrap_or("").trim();
        let doc = annotate(text, &Options::default());
        let got = match &doc.dct {
            None => "none".to_string(),
            Some(d) => match d.source {
                DctSource::InferredYear { relative, explicit } => {
                    assert!(d.day().is_none());
                    assert!(!doc.slice(relative).is_empty() && !doc.slice(explicit).is_empty(), "line {}", n + 1);
                    d.year().to_string()
                }
                _ => d.date.to_string(),
            },
        };
        if got != want {
            failures.push(format!("line {}: dct {got}, want {want}: {text}", n + 1));
        }
        for e in expect.split(" ; ").map(str::trim).filter(|e| !e.is_empty()) {
            let (extent, value) = e.split_once(" = ").unwrap();
            let found = doc.timexes.iter().find(|t| doc.slice(t.span) == extent);
            match found {
                Some(t) if t.value == value => {}
                Some(t) => failures.push(format!("line {}: {extent} = {}, want {value}", n + 1, t.value)),
                None => failures.push(format!("line {}: {extent} not found", n + 1)),
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The reference article has no dateline; its "six months … last year" and
/// "six-month stay … in 2012" give 2013 (skipped when the file is absent).
#[test]
fn reference_article_year() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/article.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} not found", path.display());
        return;
    };
    let doc = annotate(&text, &Options::default());
    let dct = doc.dct.clone().expect("a year is inferred");
    assert_eq!(dct.year(), 2013);
    let DctSource::InferredYear { relative, explicit } = dct.source else { panic!("{:?}", dct.source) };
    assert_eq!((doc.slice(relative), doc.slice(explicit)), ("last year", "in 2012"));
    let value = |extent: &str| doc.timexes.iter().find(|t| doc.slice(t.span) == extent).map(|t| t.value.clone());
    assert_eq!(value("last year").as_deref(), Some("2012"));
    assert_eq!(value("Monday").as_deref(), Some("XXXX-WXX-1"));
}
