//! Diagnostics for time expressions (ignored by default): with
//! `cargo test --release -p dateline-core --test timex_diag -- --ignored --nocapture`
//! lists every error of the tuning parts (TimeBank and, from session 4,
//! AQUAINT-dev) and only aggregate error categories for AQUAINT-test (the
//! held-out half, see `timeml::tbaq_part`), through `annotate` as the CLI runs it.

mod common;

use dateline_core::timex::timeml;
use dateline_core::{Span, Timex};
use std::collections::BTreeMap;

fn data_dir() -> Option<std::path::PathBuf> {
    let tb = common::shared_data().join("tempeval3/TBAQ-cleaned");
    tb.is_dir().then_some(tb)
}

fn predict(doc: &timeml::TimemlDoc) -> Vec<Timex> {
    let options = dateline_core::Options { dct: doc.dct, ..Default::default() };
    let a = dateline_core::annotate(&doc.text, &options);
    a.timexes.iter().map(|t| Timex { span: a.source_span(t.span), ..t.clone() }).collect()
}

/// A coarse class of a value's shape: "DATE-Y", "DATE-YM", "DUR", "REF"...
fn shape(v: &str) -> String {
    if v.ends_with("_REF") {
        return "REF".into();
    }
    if v.starts_with('P') {
        return if v.contains('X') { "DUR-X".into() } else { "DUR".into() };
    }
    if v.contains('T') {
        return "TIME".into();
    }
    let parts = v.split('-').count();
    let kind = if v.contains('W') {
        "W"
    } else if v.contains('Q') {
        "Q"
    } else if v.contains('H') {
        "H"
    } else if v.contains("SP") || v.contains("SU") || v.contains("FA") || v.contains("WI") {
        "S"
    } else {
        ["", "Y", "YM", "YMD"][parts.min(3)]
    };
    format!("{}{}", if v.contains('X') { "X" } else { "" }, kind)
}

/// Text with only a closed vocabulary of time words kept: figures become
/// 9, other words w (so aggregate lines name conventions, not documents).
fn mask(s: &str) -> String {
    const KEEP: &[&str] = &[
        "the", "a", "an", "of", "in", "on", "at", "for", "by", "about", "around", "some", "early", "late", "mid",
        "earlier", "later", "ago", "last", "next", "this", "that", "past", "previous", "coming", "recent", "recently",
        "now", "current", "currently", "today", "tonight", "yesterday", "tomorrow", "morning", "afternoon",
        "evening", "night", "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades",
        "hour", "hours", "minute", "minutes", "quarter", "weekend", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "or", "so", "and", "to", "than", "more", "less", "nearly", "almost", "over",
        "within", "during", "since", "until", "end", "beginning", "start", "middle", "summer", "winter", "spring",
        "fall", "autumn", "future", "time", "period", "every", "each", "per", "old", "-", "a.m.", "p.m.", "am", "pm",
        "gmt", "est", "edt", "local", "noon", "midnight", "first", "second", "third", "fourth", "half", "times",
        "several", "few", "many", "once", "after", "before", "from", "just", "only", "another", "following",
        "long", "longer", "up", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    s.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let l = w.to_lowercase();
            let l = l.trim_matches(|c: char| c == ',' || c == '\'' || c == '"');
            if l.chars().any(|c| c.is_ascii_digit()) {
                l.chars().map(|c| if c.is_ascii_digit() { '9' } else { c }).collect::<String>()
            } else if KEEP.contains(&l) {
                l.to_string()
            } else if MONTHS.iter().any(|m| l.starts_with(m)) && l.len() <= 9 {
                "MON".into()
            } else {
                "w".into()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn digits(v: &str) -> String {
    v.chars().map(|c| if c.is_ascii_digit() { '9' } else { c }).collect()
}

fn category(gold: &str, got: &str) -> String {
    let (sg, sp) = (shape(gold), shape(got));
    if sg != sp {
        return format!("shape {sg} -> {sp}");
    }
    if gold.get(..4) != got.get(..4) && sg != "DUR" && sg != "DUR-X" {
        return format!("{sg}: other year");
    }
    format!("{sg}: same shape")
}

#[test]
#[ignore]
fn diagnose() {
    let Some(dir) = data_dir() else { return };
    for (folder, part) in [("TimeBank", "TimeBank"), ("AQUAINT", "AQUAINT-dev"), ("AQUAINT", "AQUAINT-test")] {
        let detail = part != "AQUAINT-test";
        let files = common::tbaq_files(&dir, folder, part);
        let mut cats: BTreeMap<String, usize> = BTreeMap::new();
        let mut bump = |k: String| *cats.entry(k).or_default() += 1;
        for path in &files {
            let doc = timeml::parse(&std::fs::read_to_string(path).unwrap());
            let pred = predict(&doc);
            let t = |s: Span| doc.text[s.range()].replace('\n', " ");
            let ctx = |s: Span| {
                let a = s.start.saturating_sub(50);
                let mut a2 = a;
                while !doc.text.is_char_boundary(a2) { a2 -= 1; }
                let mut b = (s.end + 40).min(doc.text.len());
                while !doc.text.is_char_boundary(b) { b += 1; }
                doc.text[a2..b].replace('\n', " ")
            };
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            for g in &doc.timexes {
                match pred.iter().find(|p| p.span.overlaps(g.span)) {
                    None => {
                        bump(format!("miss {}", g.kind.name()));
                        bump(format!("misstext {} {} [{}]", g.kind.name(), digits(&g.value), mask(&t(g.span))));
                        if detail {
                            println!("MISS {name} {:?} {} {} in {:?}", t(g.span), g.kind.name(), g.value, ctx(g.span));
                        }
                    }
                    Some(p) => {
                        if p.span != g.span {
                            let k = if p.span.start <= g.span.start && p.span.end >= g.span.end {
                                "longer"
                            } else if p.span.start >= g.span.start && p.span.end <= g.span.end {
                                "shorter"
                            } else {
                                "shifted"
                            };
                            bump(format!("span {} {k}", g.kind.name()));
                            bump(format!("spantext gold [{}] got [{}]", mask(&t(g.span)), mask(&t(p.span))));
                            if detail {
                                println!("SPAN {name} gold {:?} got {:?} in {:?}", t(g.span), t(p.span), ctx(g.span));
                            }
                        }
                        if p.kind != g.kind {
                            bump(format!("type {} -> {}", g.kind.name(), p.kind.name()));
                            bump(format!("typetext {} -> {} [{}]", g.kind.name(), p.kind.name(), mask(&t(p.span))));
                        }
                        let wd = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
                        if wd.contains(&t(g.span).to_lowercase().as_str()) {
                            let delta = |v: &str| -> String {
                                match (v.get(..10).and_then(|d| d.parse::<jiff::civil::Date>().ok()), doc.dct) {
                                    (Some(d), Some(dct)) => d.since(dct).map(|s| s.get_days().to_string()).unwrap_or_default(),
                                    _ => "?".into(),
                                }
                            };
                            bump(format!("weekday delta gold {} got {}", delta(&g.value), delta(&p.value)));
                        }
                        if p.value != g.value {
                            bump(format!("value {}", category(&g.value, &p.value)));
                            bump(format!("valtext {} -> {} [{}]", digits(&g.value), digits(&p.value), mask(&t(p.span))));
                            if detail {
                                println!(
                                    "VAL  {name} gold {:?} {} {} | got {:?} {} {} dct {:?} in {:?}",
                                    t(g.span), g.kind.name(), g.value, t(p.span), p.kind.name(), p.value,
                                    doc.dct.map(|d| d.to_string()), ctx(g.span)
                                );
                            }
                        }
                    }
                }
            }
            for p in &pred {
                if !doc.timexes.iter().any(|g| g.span.overlaps(p.span)) {
                    bump(format!("false {} {}", p.kind.name(), shape(&p.value)));
                    bump(format!("falsetext [{}]", mask(&t(p.span))));
                    if detail {
                        println!("FALSE {name} {:?} {} {} in {:?}", t(p.span), p.kind.name(), p.value, ctx(p.span));
                    }
                }
            }
        }
        println!("== {part} aggregate");
        for (k, v) in &cats {
            println!("  {v:4} {k}");
        }
    }
}

/// GUM's train split (tuned on), through `annotate`: misses, false alarms
/// and wrong values, then the totals.
#[test]
#[ignore]
fn diagnose_gum_train() {
    use dateline_core::timex::gum;
    let dir = common::shared_data().join("ner-open/gum");
    let Ok(splits) = std::fs::read_to_string(dir.join("splits.md")) else { return };
    let mut total = gum::GumScore::default();
    for id in gum::split_ids(&splits, "train") {
        let Ok(conllu) = std::fs::read_to_string(dir.join("dep").join(format!("{id}.conllu"))) else { continue };
        for doc in gum::parse(&conllu).iter().filter(|d| d.has_text) {
            let options = dateline_core::Options { dct: doc.dct, ..Default::default() };
            let a = dateline_core::annotate(&doc.text, &options);
            let predicted: Vec<Timex> = a.timexes.iter().map(|t| Timex { span: a.source_span(t.span), ..t.clone() }).collect();
            total += gum::score(doc, &predicted);
            let ctx = |s: Span| {
                let mut a = s.start.saturating_sub(40);
                while !doc.text.is_char_boundary(a) { a -= 1; }
                let mut b = (s.end + 30).min(doc.text.len());
                while !doc.text.is_char_boundary(b) { b += 1; }
                doc.text[a..b].replace('\n', " ")
            };
            for g in &doc.dates {
                let got = predicted.iter().find(|p| p.span.overlaps(g.span));
                let gold = format!("{:?} when={:?} from={:?} to={:?}", &doc.text[g.span.range()], g.when, g.from, g.to);
                match got {
                    None => println!("MISS  {} {gold} in {:?}", doc.id, ctx(g.span)),
                    Some(p) if p.span != g.span => println!("SPAN  {} {gold} | got {:?}", doc.id, &doc.text[p.span.range()]),
                    _ => {}
                }
                if let Some(p) = got {
                    if (g.when.is_some() || g.from.is_some()) && !gum::value_matches(g, &p.value) {
                        println!("DIFF  {} {gold} | got {:?} {} {} dct {:?} in {:?}", doc.id, &doc.text[p.span.range()], p.kind.name(), p.value, doc.dct.map(|d| d.to_string()), ctx(g.span));
                    }
                }
            }
            for p in predicted.iter().filter(|p| gum::counted(p)) {
                if !doc.dates.iter().any(|g| g.span.overlaps(p.span)) {
                    println!("FALSE {} {:?} {} {} in {:?}", doc.id, &doc.text[p.span.range()], p.kind.name(), p.value, ctx(p.span));
                }
            }
        }
    }
    println!("GUM train: {}", total.summary());
}
