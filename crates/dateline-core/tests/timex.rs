//! Time expressions: data-driven cases (`timex_cases.txt`), an evaluation
//! over TempEval-3 TimeML (TimeBank and AQUAINT-dev tuned on, AQUAINT-test
//! held out: see `timeml::tbaq_part`) and
//! properties that must hold for any input.

mod common;

use dateline_core::timex::{self, timeml};
use dateline_core::Span;
use proptest::prelude::*;

struct Case {
    line: usize,
    dct: Option<jiff::civil::Date>,
    text: String,
    expected: Vec<String>,
}

/// One case a line: `DCT | text | expectations`, DCT `-` for none,
/// expectations `extent = TYPE VALUE` joined by ` ; `, or `none`.
fn parse_cases(data: &str) -> Vec<Case> {
    let mut out = Vec::new();
    for (i, line) in data.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.splitn(3, " | ").collect();
        assert_eq!(parts.len(), 3, "line {}: expected `dct | text | expectations`", i + 1);
        let dct = match parts[0].trim() {
            "-" => None,
            d => Some(d.parse().unwrap_or_else(|e| panic!("line {}: bad dct {d}: {e}", i + 1))),
        };
        let expected = match parts[2].trim() {
            "none" => Vec::new(),
            e => e.split(" ; ").map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).collect(),
        };
        out.push(Case { line: i + 1, dct, text: parts[1].to_string(), expected });
    }
    out
}

#[test]
fn cases() {
    let cases = parse_cases(include_str!("timex_cases.txt"));
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let whole = [Span::new(0, case.text.len())];
        let found = timex::find(&case.text, &[], &whole, case.dct);
        let got: Vec<String> =
            found.iter().map(|t| format!("{} = {} {}", &case.text[t.span.range()], t.kind.name(), t.value)).collect();
        if got != case.expected {
            failures.push(format!(
                "line {}: {}\n  expected: {}\n  got:      {}",
                case.line,
                case.text,
                case.expected.join(" ; "),
                got.join(" ; ")
            ));
        }
        for (i, t) in found.iter().enumerate() {
            assert_eq!(t.id, format!("t{}", i + 1));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn dct_inferred_from_dateline() {
    use dateline_core::dct::infer;
    let date = |s: &str| infer(s, &[]).map(|d| d.date.to_string());
    assert_eq!(
        date("BOSTON, April 30, 2013 — A man was arrested."),
        Some("2013-04-30".into())
    );
    assert_eq!(
        date("Tuesday, April 30, 2013\n\nA man was arrested."),
        Some("2013-04-30".into())
    );
    assert_eq!(
        date("30 April 2013\nA man was arrested."),
        Some("2013-04-30".into())
    );
    assert_eq!(
        date("Posted 2013-04-30 10:02\n\nText."),
        Some("2013-04-30".into())
    );
    assert_eq!(
        date("April 30, 2013\n\nA man was arrested."),
        Some("2013-04-30".into())
    );
    assert_eq!(
        date("30 Apr 2013\nA man was arrested."),
        Some("2013-04-30".into())
    );
    assert_eq!(
        date("Updated 2:14 PM ET, Tue April 30, 2013\n\nA man was arrested."),
        Some("2013-04-30".into())
    );
    assert_eq!(
        date("Updated 2:14 PM ET, Tue. April 30, 2013\n\nA man was arrested."),
        Some("2013-04-30".into())
    );
    assert_eq!(
        date("2013-04-30T14:02:00Z\nA man was arrested."),
        Some("2013-04-30".into())
    );
    assert_eq!(
        date("Published April 30th, 2013 at 2:14 pm\nText."),
        Some("2013-04-30".into())
    );
    assert_eq!(date("30.04.2013 - BERLIN\nA man was arrested."), Some("2013-04-30".into()));
    assert_eq!(date("Version 1.2.2013 of the text\nA man was arrested."), None);
    assert_eq!(date("Shares rose 12.45.2013\nText."), None);
    assert_eq!(
        date("BOSTON (Reuters) - A man was arrested on Monday."),
        None
    );
    assert_eq!(
        date("Last year the firm moved; in 2012 it had 40 staff."),
        None
    );
    assert_eq!(date("A man was arrested on Monday, police said."), None);
    assert_eq!(date("The war ended in 1945."), None);
    // A date inside a sentence dates an event, not the article.
    assert_eq!(date("LONDON (Reuters) - Shares fell.\n\nThe deal, signed on March 3, 2012, was dropped."), None);
    assert_eq!(date("The company, founded on 4 July 1990, said on Monday it would close."), None);
    let text = "By Ann Lee | Updated on March 3, 2012\n\nThe deal was dropped.";
    let d = infer(text, &[]).unwrap();
    assert_eq!(d.date.to_string(), "2012-03-03");
    match d.source {
        dateline_core::DctSource::Inferred { evidence } => assert_eq!(&text[evidence.range()], "March 3, 2012"),
        other => panic!("{other:?}"),
    }
}

fn data_dir() -> Option<std::path::PathBuf> {
    let tb = common::shared_data().join("tempeval3/TBAQ-cleaned");
    tb.is_dir().then_some(tb)
}

/// Scores the files of `folder` that fall in `part` (see `timeml::tbaq_part`).
fn eval_part(dir: &std::path::Path, folder: &str, part: &str, show_errors: bool) -> timeml::TimexScore {
    let files = common::tbaq_files(dir, folder, part);
    assert!(!files.is_empty(), "no {part} files under {}", dir.join(folder).display());
    let mut total = timeml::TimexScore::default();
    for path in &files {
        let xml = std::fs::read_to_string(path).expect("read tml");
        let doc = timeml::parse(&xml);
        let (score, predicted) = timeml::evaluate(&doc);
        total += score;
        if show_errors {
            print_errors(&doc, &predicted);
        }
    }
    total
}

/// With DATELINE_TIMEX_ERRORS=timebank or aquaint-dev, lists misses, false alarms and wrong values
/// of that tuning part (never of AQUAINT-test).
fn print_errors(doc: &timeml::TimemlDoc, predicted: &[dateline_core::Timex]) {
    let t = |s: Span| doc.text[s.range()].replace('\n', " ");
    for g in &doc.timexes {
        match predicted.iter().find(|p| p.span.overlaps(g.span)) {
            None => {
                let s = g.span.start.saturating_sub(40);
                let ctx: String = doc.text.get(s..(g.span.end + 30).min(doc.text.len())).unwrap_or("").replace('\n', " ");
                println!("MISS  {:?} {} {} in {:?}", t(g.span), g.kind.name(), g.value, ctx)
            }
            Some(p) if p.span != g.span || p.kind != g.kind || p.value != g.value => println!(
                "DIFF  gold {:?} {} {} | got {:?} {} {} (dct {:?})",
                t(g.span),
                g.kind.name(),
                g.value,
                t(p.span),
                p.kind.name(),
                p.value,
                doc.dct.map(|d| d.to_string())
            ),
            _ => {}
        }
    }
    for p in predicted {
        if !doc.timexes.iter().any(|g| g.span.overlaps(p.span)) {
            let s = p.span.start.saturating_sub(30);
            let ctx: String = doc.text.get(s..(p.span.end + 30).min(doc.text.len())).unwrap_or("").replace('\n', " ");
            println!("FALSE {:?} {} {} in {:?}", t(p.span), p.kind.name(), p.value, ctx);
        }
    }
}

#[test]
fn tempeval3() {
    let Some(dir) = data_dir() else {
        println!("tempeval3: no TBAQ-cleaned corpus under ../shared/data (set DATELINE_DATA); skipped");
        return;
    };
    let show = std::env::var("DATELINE_TIMEX_ERRORS").ok();
    let tb = eval_part(&dir, "TimeBank", "TimeBank", show.as_deref() == Some("timebank"));
    let dev = eval_part(&dir, "AQUAINT", "AQUAINT-dev", show.as_deref() == Some("aquaint-dev"));
    let test = eval_part(&dir, "AQUAINT", "AQUAINT-test", false);
    let mut aq = dev;
    aq += test;
    println!("TimeBank (tuned on):      {}", tb.summary());
    println!("AQUAINT-dev (tuned on):   {}", dev.summary());
    println!("AQUAINT-test (held out):  {}", test.summary());
    // Floors a little under the measured figures, to catch regressions.
    assert!(tb.strict_f1() >= 0.90, "TimeBank strict F1 {:.3}", tb.strict_f1());
    assert!(tb.relaxed_f1() >= 0.94, "TimeBank relaxed F1 {:.3}", tb.relaxed_f1());
    assert!(tb.type_f1() >= 0.91, "TimeBank type F1 {:.3}", tb.type_f1());
    assert!(tb.value_f1() >= 0.83, "TimeBank value F1 {:.3}", tb.value_f1());
    assert!(dev.strict_f1() >= 0.88, "AQUAINT-dev strict F1 {:.3}", dev.strict_f1());
    assert!(dev.relaxed_f1() >= 0.94, "AQUAINT-dev relaxed F1 {:.3}", dev.relaxed_f1());
    assert!(aq.strict_f1() >= 0.81, "AQUAINT strict F1 {:.3}", aq.strict_f1());
    assert!(aq.relaxed_f1() >= 0.91, "AQUAINT relaxed F1 {:.3}", aq.relaxed_f1());
    assert!(aq.type_f1() >= 0.83, "AQUAINT type F1 {:.3}", aq.type_f1());
    assert!(aq.value_f1() >= 0.74, "AQUAINT value F1 {:.3}", aq.value_f1());
}

fn gum_dir() -> Option<std::path::PathBuf> {
    let gum = common::shared_data().join("ner-open/gum");
    gum.join("splits.md").is_file().then_some(gum)
}

/// GUM's dev split: TEI dates in twelve genres, a check outside news.
/// With DATELINE_TIMEX_ERRORS=gum, lists misses, false alarms and values.
#[test]
fn gum_dev_dates() {
    use dateline_core::timex::gum;
    let Some(dir) = gum_dir() else {
        println!("gum: no GUM corpus under ../shared/data (set DATELINE_DATA); skipped");
        return;
    };
    let show = std::env::var("DATELINE_TIMEX_ERRORS").ok().as_deref() == Some("gum");
    let splits = std::fs::read_to_string(dir.join("splits.md")).expect("read splits.md");
    let mut total = gum::GumScore::default();
    let mut docs = 0;
    for id in gum::split_ids(&splits, "dev") {
        let Ok(conllu) = std::fs::read_to_string(dir.join("dep").join(format!("{id}.conllu"))) else { continue };
        for doc in gum::parse(&conllu).iter().filter(|d| d.has_text) {
            let (score, predicted) = gum::evaluate(doc);
            total += score;
            docs += 1;
            if show {
                for g in &doc.dates {
                    let got = predicted.iter().find(|p| p.span.overlaps(g.span));
                    let gold = format!("{:?} when={:?} from={:?} to={:?}", &doc.text[g.span.range()], g.when, g.from, g.to);
                    match got {
                        None => println!("MISS  {gold}"),
                        Some(p) if !gum::value_matches(g, &p.value) => println!("DIFF  {gold} | got {:?} {} {}", &doc.text[p.span.range()], p.kind.name(), p.value),
                        _ => {}
                    }
                }
                for p in predicted.iter().filter(|p| gum::counted(p)) {
                    if !doc.dates.iter().any(|g| g.span.overlaps(p.span)) {
                        println!("FALSE {:?} {} {} ({})", &doc.text[p.span.range()], p.kind.name(), p.value, doc.id);
                    }
                }
            }
        }
    }
    println!("GUM dev ({docs} documents): {}", total.summary());
    assert!(docs >= 25, "only {docs} GUM dev documents read");
    // Floors a little under the measured figures, to catch regressions.
    assert!(total.recall() >= GUM_FLOOR.0, "GUM relaxed recall {:.3}", total.recall());
    assert!(total.precision() >= GUM_FLOOR.1, "GUM relaxed precision {:.3}", total.precision());
    assert!(total.value_accuracy() >= GUM_FLOOR.2, "GUM value accuracy {:.3}", total.value_accuracy());
}

/// Relaxed span recall, precision (calendar-valued DATE/TIME predictions,
/// see `gum::counted`) and value accuracy on GUM dev.
const GUM_FLOOR: (f64, f64, f64) = (0.74, 0.78, 0.83);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn find_is_total_sorted_and_on_boundaries(text in "\\PC{0,200}", day in 0i64..4000, with_dct in any::<bool>()) {
        let dct = with_dct.then(|| jiff::civil::Date::constant(2000, 1, 1).checked_add(jiff::Span::new().days(day)).unwrap());
        let whole = [Span::new(0, text.len())];
        let found = timex::find(&text, &[], &whole, dct);
        let mut last_end = 0;
        for t in &found {
            prop_assert!(t.span.start < t.span.end);
            prop_assert!(t.span.start >= last_end);
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            last_end = t.span.end;
        }
    }

    #[test]
    fn find_is_total_on_timey_words(words in proptest::collection::vec(prop_oneof![
        Just("May"), Just("march"), Just("30th"), Just("2013"), Just("99999"), Just("last"), Just("week"), Just("ago"),
        Just("the"), Just("next"), Just("day"), Just("a"), Just("few"), Just("years"), Just("Monday"), Just("at"),
        Just("2"), Just("in"), Just("morning"), Just("15:00"), Just("GMT"), Just("quarter"), Just("first"), Just("é"),
        Just("-"), Just(","), Just("."), Just("'80s"), Just("FY"), Just("Christmas"), Just("every"), Just("p.m."),
        Just("9999999999999999999999"), Just("later"), Just("that"), Just("year"), Just("summer"),
    ], 0..14), far in any::<bool>()) {
        let text = words.join(" ");
        let dct = Some(if far { jiff::civil::Date::constant(9999, 12, 31) } else { jiff::civil::Date::constant(1, 1, 1) });
        let found = timex::find(&text, &[], &[], dct);
        let mut last_end = 0;
        for t in &found {
            prop_assert!(t.span.start >= last_end && t.span.start < t.span.end);
            last_end = t.span.end;
        }
    }
}

#[test]
fn week_values_compare_with_or_without_leading_zero() {
    assert!(timeml::same_value("1998-W7", "1998-W07"));
    assert!(timeml::same_value("1998-W07-WE", "1998-W7-WE"));
    assert!(!timeml::same_value("1998-W7", "1998-W17"));
    assert!(!timeml::same_value("1998-W07", "1998-W08"));
    assert!(timeml::same_value("PAST_REF", "PAST_REF"));
}
