//! The year-only article date: inferred from a relative year tied to an
//! explicit one, never from unrelated mentions (cases in `dct_year_cases.txt`).

mod common;

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
                    assert!(
                        !doc.slice(relative).is_empty() && !doc.slice(explicit).is_empty(),
                        "line {}",
                        n + 1
                    );
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
                Some(t) => failures.push(format!(
                    "line {}: {extent} = {}, want {value}",
                    n + 1,
                    t.value
                )),
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
    let Some(text) = common::seed_article() else { return };
    let doc = annotate(&text, &Options::default());
    let dct = doc.dct.clone().expect("a year is inferred");
    assert_eq!(dct.year(), 2013);
    let DctSource::InferredYear { relative, explicit } = dct.source else {
        panic!("{:?}", dct.source)
    };
    assert_eq!(
        (doc.slice(relative), doc.slice(explicit)),
        ("last year", "in 2012")
    );
    let value = |extent: &str| {
        doc.timexes
            .iter()
            .find(|t| doc.slice(t.span) == extent)
            .map(|t| t.value.clone())
    };
    assert_eq!(value("last year").as_deref(), Some("2012"));
    assert_eq!(value("Monday").as_deref(), Some("XXXX-WXX-1"));
}

/// Counts, with each corpus's DCT withheld, how many documents get a day
/// or a year inferred and how many of those match the withheld DCT.
/// `cargo test --release -p dateline-core --test dct_year -- --ignored --nocapture`
#[test]
#[ignore = "reads the corpora; a measurement, not a check"]
fn withheld_dct_inference() {
    use dateline_core::timex::{gum, timeml};
    let data = common::shared_data();
    // (documents, day inferred, day right, year only, year right)
    let tally = |name: &str, docs: Vec<(String, Option<jiff::civil::Date>)>| {
        let mut t = [0usize; 5];
        for (text, gold) in docs {
            let Some(gold) = gold else { continue };
            t[0] += 1;
            let Some(dct) = annotate(&text, &Options::default()).dct else {
                continue;
            };
            match dct.day() {
                Some(day) => {
                    t[1] += 1;
                    t[2] += usize::from(day == gold);
                    if day != gold && std::env::var_os("DATELINE_DCT_ERRORS").is_some() {
                        println!(
                            "  day {day} (withheld {gold}) from {:?}",
                            text.get(..text.len().min(120)).unwrap_or("")
                        );
                    }
                }
                None => {
                    t[3] += 1;
                    t[4] += usize::from(dct.year() == gold.year());
                }
            }
        }
        println!("{name}: {} documents with a DCT | day inferred {} ({} right) | year only inferred {} ({} right)", t[0], t[1], t[2], t[3], t[4]);
    };
    let gum_dir = data.join("ner-open/gum");
    match std::fs::read_to_string(gum_dir.join("splits.md")) {
        Err(_) => println!("gum: no GUM corpus under {}; skipped", gum_dir.display()),
        Ok(splits) => {
            let mut docs = Vec::new();
            for id in gum::split_ids(&splits, "dev") {
                let Ok(conllu) =
                    std::fs::read_to_string(gum_dir.join("dep").join(format!("{id}.conllu")))
                else {
                    continue;
                };
                docs.extend(
                    gum::parse(&conllu)
                        .into_iter()
                        .filter(|d| d.has_text)
                        .map(|d| (d.text, d.dct)),
                );
            }
            tally("GUM dev", docs);
        }
    }
    let te3 = data.join("tempeval3/TBAQ-cleaned");
    let mut docs = Vec::new();
    for sub in ["AQUAINT", "TimeBank"] {
        let Ok(dir) = std::fs::read_dir(te3.join(sub)) else {
            continue;
        };
        for path in dir
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "tml"))
        {
            let Ok(xml) = std::fs::read_to_string(&path) else {
                continue;
            };
            let doc = timeml::parse(&xml);
            docs.push((doc.text, doc.dct));
        }
    }
    if docs.is_empty() {
        println!("tempeval3: no corpus under {}; skipped", te3.display());
    } else {
        tally("TempEval-3 TBAQ", docs);
    }
}

/// The page's regex-lite and the native engine find the same matches for
/// the year-inference patterns, on the cases' texts.
#[test]
fn year_patterns_agree_across_engines() {
    let texts: Vec<&str> = include_str!("dct_year_cases.txt")
        .lines()
        .filter_map(|l| l.split(" | ").nth(1))
        .collect();
    for source in dateline_core::dct::year_pattern_sources() {
        let native = regex::Regex::new(source).expect("native pattern");
        let lite = regex_lite::Regex::new(&source.replacen(dateline_core::re::ASCII_CI, "(?i)", 1))
            .expect("regex-lite pattern");
        for text in &texts {
            let a: Vec<_> = native.find_iter(text).map(|m| m.range()).collect();
            let b: Vec<_> = lite.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(a, b, "engines differ for {source} on {text}");
        }
    }
}
