//! Events and the timeline: stories with hand-given time expressions
//! (`events_cases.txt`), hand-built documents for ordering, the reference
//! article through the whole pipeline, and properties.

use dateline_core::events::{find, timeline};
use dateline_core::{annotate, Document, Event, Span, Timex, TimexType};

mod common;

fn timex_type(name: &str) -> TimexType {
    match name {
        "TIME" => TimexType::Time,
        "DURATION" => TimexType::Duration,
        "SET" => TimexType::Set,
        _ => TimexType::Date,
    }
}

/// Byte span of the n-th (1-based) occurrence of `phrase` as whole words.
fn locate(text: &str, phrase: &str, n: usize) -> Span {
    let mut from = 0;
    let mut seen = 0;
    while let Some(i) = text[from..].find(phrase) {
        let start = from + i;
        let end = start + phrase.len();
        let before_ok = !text[..start].chars().next_back().is_some_and(char::is_alphanumeric);
        let after_ok = !text[end..].chars().next().is_some_and(char::is_alphanumeric);
        if before_ok && after_ok {
            seen += 1;
            if seen == n {
                return Span::new(start, end);
            }
        }
        from = start + phrase.len().max(1);
    }
    panic!("{phrase:?} #{n} not in text");
}

/// "phrase" or "phrase#n".
fn split_n(s: &str) -> (&str, usize) {
    match s.rsplit_once('#') {
        Some((p, n)) if n.trim().parse::<usize>().is_ok() => (p.trim(), n.trim().parse().unwrap()),
        _ => (s.trim(), 1),
    }
}

/// The document for a story, with the given time expressions in place of the timex stage's.
fn story(text: &str, timexes: &[String]) -> Document {
    let mut doc = annotate(text, &Default::default());
    let mut tx: Vec<Timex> = timexes
        .iter()
        .map(|line| {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            let (phrase, n) = split_n(parts[0]);
            Timex { id: String::new(), kind: timex_type(parts[2]), value: parts[1].to_string(), span: locate(&doc.text, phrase, n) }
        })
        .collect();
    tx.sort_by_key(|t| t.span);
    for (i, t) in tx.iter_mut().enumerate() {
        t.id = format!("t{}", i + 1);
    }
    doc.timexes = tx;
    doc.events = find(&doc);
    doc.timeline = timeline(&doc);
    doc
}

/// The event holding the n-th token spelled `trigger`.
fn event_of<'a>(doc: &'a Document, trigger: &str) -> Result<(usize, &'a Event), String> {
    let (word, n) = split_n(trigger);
    let tok = doc.tokens.iter().filter(|t| doc.slice(t.span) == word).nth(n - 1).ok_or(format!("no token {trigger:?}"))?;
    doc.events
        .iter()
        .enumerate()
        .find(|(_, e)| e.mentions.contains(&tok.span))
        .ok_or_else(|| format!("{trigger:?} is no event mention"))
}

fn describe(doc: &Document) -> String {
    let mut out = String::new();
    for (i, e) in doc.events.iter().enumerate() {
        let ms: Vec<&str> = e.mentions.iter().map(|m| doc.slice(*m)).collect();
        let time = e.time.as_ref().map_or("-", |t| t.value.as_str());
        let parts: Vec<&str> = e.participants.iter().map(|&p| doc.entities[p].name.as_str()).collect();
        let place = e.place.map_or("-", |p| doc.entities[p].name.as_str());
        let duration = e.duration.map_or("-", |t| doc.timexes[t].value.as_str());
        out.push_str(&format!("{i:>3} {} {:<11} {:<12} {duration} {:?} «{}» {:?} in {place}\n", e.id, e.class.name(), time, ms, e.title, parts));
    }
    let tl: Vec<String> = doc.timeline.iter().map(|&i| format!("{}:{}", doc.events[i].id, doc.slice(doc.events[i].mentions[0]))).collect();
    out.push_str(&format!("timeline: {}\n", tl.join(" < ")));
    out
}

fn check_event_line(doc: &Document, line: &str) -> Result<(), String> {
    if let Some((a, place)) = line.split_once(" where ") {
        let (_, e) = event_of(doc, a.trim())?;
        let got = e.place.map_or("-", |p| doc.entities[p].name.as_str());
        return if got == place.trim() { Ok(()) } else { Err(format!("place {got}")) };
    }
    if let Some((a, v)) = line.split_once(" for ") {
        let (_, e) = event_of(doc, a.trim())?;
        let got = e.duration.map_or("-", |t| doc.timexes[t].value.as_str());
        return if got == v.trim() { Ok(()) } else { Err(format!("duration {got}")) };
    }
    if let Some((a, who)) = line.split_once(" without ") {
        let (_, e) = event_of(doc, a.trim())?;
        let names: Vec<&str> = e.participants.iter().map(|&p| doc.entities[p].name.as_str()).collect();
        return if !names.contains(&who.trim()) { Ok(()) } else { Err(format!("participants {names:?}")) };
    }
    if let Some((a, who)) = line.split_once(" with ") {
        let (_, e) = event_of(doc, a.trim())?;
        let names: Vec<&str> = e.participants.iter().map(|&p| doc.entities[p].name.as_str()).collect();
        return if names.contains(&who.trim()) { Ok(()) } else { Err(format!("participants {names:?}")) };
    }
    if let Some((a, b)) = line.split_once("!=") {
        let (ia, _) = event_of(doc, a.trim())?;
        let (ib, _) = event_of(doc, b.trim())?;
        return if ia != ib { Ok(()) } else { Err("same event".into()) };
    }
    if let Some((a, b)) = line.split_once(" = ") {
        let (ia, _) = event_of(doc, a.trim())?;
        let (ib, _) = event_of(doc, b.trim())?;
        return if ia == ib { Ok(()) } else { Err(format!("events {ia} and {ib}")) };
    }
    if let Some((a, v)) = line.split_once(" @ ") {
        let (_, e) = event_of(doc, a.trim())?;
        let got = e.time.as_ref().map_or("-", |t| t.value.as_str());
        return if got == v.trim() { Ok(()) } else { Err(format!("time {got}")) };
    }
    if let Some((a, c)) = line.split_once(" : ") {
        let (_, e) = event_of(doc, a.trim())?;
        return if e.class.name() == c.trim() { Ok(()) } else { Err(format!("class {}", e.class.name())) };
    }
    if let Some((a, t)) = line.split_once(" ~ ") {
        let (_, e) = event_of(doc, a.trim())?;
        return if e.title.contains(t.trim()) { Ok(()) } else { Err(format!("title «{}»", e.title)) };
    }
    Err("unreadable line".into())
}

#[test]
fn stories() {
    let cases = common::parse_cases(include_str!("events_cases.txt"));
    assert!(cases.len() >= 3);
    let mut failures = Vec::new();
    for case in &cases {
        let section = |name: &str| case.sections.iter().find(|(s, _)| s == name).map(|(_, l)| l.as_slice()).unwrap_or(&[]);
        let doc = story(&case.input, section("timexes"));
        let mut bad = Vec::new();
        for line in section("events") {
            if let Err(e) = check_event_line(&doc, line) {
                bad.push(format!("  {line}: {e}"));
            }
        }
        let mut last: Option<(usize, &str)> = None;
        for trigger in section("timeline") {
            let place = event_of(&doc, trigger).ok().and_then(|(i, _)| doc.timeline.iter().position(|&t| t == i));
            match (place, last) {
                (None, _) => bad.push(format!("  timeline lacks {trigger}")),
                (Some(p), Some((q, prev))) if p <= q => bad.push(format!("  timeline has {trigger} before {prev}")),
                (Some(p), _) => last = Some((p, trigger)),
            }
        }
        // Events that must stay off the timeline (undated states, however often told).
        for trigger in section("off timeline") {
            if let Ok((i, _)) = event_of(&doc, trigger) {
                if doc.timeline.contains(&i) {
                    bad.push(format!("  timeline has {trigger}, which should stay off"));
                }
            }
        }
        check_invariants(&doc);
        if !bad.is_empty() {
            failures.push(format!("{}:\n{}\n{}", case.name, bad.join("\n"), describe(&doc)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What every document's events and timeline must satisfy.
fn check_invariants(doc: &Document) {
    for (i, e) in doc.events.iter().enumerate() {
        assert_eq!(e.id, format!("ev{}", i + 1));
        assert!(!e.mentions.is_empty());
        assert!(e.mentions.windows(2).all(|w| w[0].start < w[1].start), "mentions in order");
        assert!(e.sentences.windows(2).all(|w| w[0] < w[1]) && e.sentences.iter().all(|&s| s < doc.sentences.len()));
        assert!(e.participants.iter().all(|&p| p < doc.entities.len()));
        assert!(e.place.is_none_or(|p| p < doc.entities.len() && !e.participants.contains(&p)));
        assert!(e.duration.is_none_or(|t| t < doc.timexes.len() && doc.timexes[t].kind == TimexType::Duration));
        assert!(!e.title.is_empty() && e.title.split_whitespace().count() <= 8, "title «{}»", e.title);
        let last_word = e.title.split_whitespace().last().unwrap_or("");
        let abbreviation = last_word.len() > 1 && last_word[..last_word.len() - 1].contains('.');
        assert!(!e.title.ends_with([',', ';', ':', '“', '(', '—']) && (!e.title.ends_with('.') || abbreviation), "title «{}»", e.title);
        if let Some(t) = &e.time {
            assert!(t.timex.is_none_or(|x| x < doc.timexes.len() && doc.timexes[x].value == t.value));
        }
    }
    let mut seen = vec![false; doc.events.len()];
    for &i in &doc.timeline {
        assert!(i < doc.events.len() && !seen[i], "timeline indices unique and valid");
        seen[i] = true;
    }
}

fn hand_doc(text: &str, timexes: &[(&str, usize, &str)]) -> Document {
    let lines: Vec<String> = timexes.iter().map(|(p, n, v)| format!("{p} #{n} | {v} | DATE")).collect();
    story(text, &lines)
}

#[test]
fn years_sort_before_later_days_and_unknown_years_come_last() {
    let doc = hand_doc(
        "Officials met on Monday. The bridge collapsed in 2013. Workers repaired it on 2012-05-04. Crews inspected it in 2012.",
        &[("on Monday", 1, "XXXX-WXX-1"), ("in 2013", 1, "2013"), ("on 2012-05-04", 1, "2012-05-04"), ("in 2012", 1, "2012")],
    );
    let order: Vec<&str> = doc.timeline.iter().map(|&i| doc.slice(doc.events[i].mentions[0])).collect();
    assert_eq!(order, ["inspected", "repaired", "collapsed", "met"], "{}", describe(&doc));
}

#[test]
fn undated_event_goes_before_the_time_of_the_clause_that_follows_it() {
    let doc = hand_doc(
        "The ministers spoke on Friday. Relations improved on Monday as a result of the blast. The blast hurt farmers. In 2010 the border opened.",
        &[("on Friday", 1, "XXXX-WXX-5"), ("on Monday", 1, "XXXX-WXX-1"), ("In 2010", 1, "2010")],
    );
    let pos = |w: &str| {
        let (i, _) = event_of(&doc, w).unwrap();
        doc.timeline.iter().position(|&t| t == i).unwrap_or_else(|| panic!("{w} not on timeline\n{}", describe(&doc)))
    };
    assert!(pos("opened") < pos("spoke"), "{}", describe(&doc));
    assert!(pos("blast") < pos("improved"), "{}", describe(&doc));
    assert!(pos("spoke") < pos("improved"), "unknown years keep text order\n{}", describe(&doc));
}

#[test]
fn reference_article() {
    let Some(source) = common::seed_article() else { return };
    let doc = annotate(&source, &Default::default());
    check_invariants(&doc);
    eprintln!("{} timexes\n{}", doc.timexes.len(), describe(&doc));
    assert!(!doc.events.is_empty());
    let has = |trigger: &str| event_of(&doc, trigger).is_ok();
    for t in ["bombing", "conversation", "stay", "warnings", "said"] {
        assert!(has(t), "{t} is an event\n{}", describe(&doc));
    }
    // With the timex stage in place, the dated events are placed.
    if doc.timexes.iter().any(|t| t.value == "2012") {
        assert_eq!(event_of(&doc, "stay").unwrap().1.time.as_ref().map(|t| t.value.as_str()), Some("2012"), "{}", describe(&doc));
    }
    if doc.timexes.iter().any(|t| t.value == "2011") {
        assert_eq!(event_of(&doc, "warnings").unwrap().1.time.as_ref().map(|t| t.value.as_str()), Some("2011"), "{}", describe(&doc));
    }
    let (_, bombing) = event_of(&doc, "bombing").unwrap();
    assert!(bombing.mentions.len() >= 3, "the bombing is one story event\n{}", describe(&doc));
}

/// The reference article's timeline, with and without its date: the
/// warnings (2011), the stay (2012), the bombing (undated, before the news
/// it led to), the statement last week, the report over the weekend, the
/// telephone call on Monday.
#[test]
fn reference_article_timeline() {
    let Some(source) = common::seed_article() else { return };
    for dct in [Some("2013-04-30"), None] {
        let options = dateline_core::Options { dct: dct.map(|d| d.parse().unwrap()), ..Default::default() };
        let doc = annotate(&source, &options);
        check_invariants(&doc);
        let place = |trigger: &str| {
            let (i, _) = event_of(&doc, trigger).unwrap_or_else(|e| panic!("{e}\n{}", describe(&doc)));
            doc.timeline.iter().position(|&t| t == i).unwrap_or_else(|| panic!("{trigger} not on the timeline ({dct:?})\n{}", describe(&doc)))
        };
        let order = ["warnings", "stay", "bombing", "said#2", "reported", "conversation"];
        for w in order.windows(2) {
            assert!(place(w[0]) < place(w[1]), "{} before {} ({dct:?})\n{}", w[0], w[1], describe(&doc));
        }
        // Reports stay on the timeline, marked as such.
        for t in ["said#2", "reported"] {
            assert_eq!(event_of(&doc, t).unwrap().1.class.name(), "REPORTING");
        }
        // One happening told twice (a stay, with a duration and a year) is one item.
        assert_eq!(event_of(&doc, "spent").unwrap().0, event_of(&doc, "stay").unwrap().0, "one stay ({dct:?})\n{}", describe(&doc));
        // Undated items are concrete happenings only: no states told twice.
        for &i in &doc.timeline {
            let e = &doc.events[i];
            assert!(e.time.is_some() || e.mentions.len() >= 2 && e.class.name() == "OCCURRENCE", "{} on the timeline ({dct:?})\n{}", e.title, describe(&doc));
        }
        assert!(doc.timeline.len() <= 10, "timeline crowded: {}\n{}", doc.timeline.len(), describe(&doc));
    }
}

#[test]
fn events_never_panic_on_odd_documents() {
    for text in ["", " ", "said.", "“", "The the the.", "Bombing bombing bombing on on on", "é’s ’s —"] {
        let doc = annotate(text, &Default::default());
        check_invariants(&doc);
    }
    // Timexes that do not line up with tokens, or overlap, or lie outside sentences.
    let mut doc = annotate("They met in 2012-ish. Later they spoke.", &Default::default());
    doc.timexes = vec![
        Timex { id: "t1".into(), kind: TimexType::Date, value: "2012".into(), span: Span::new(12, 16) },
        Timex { id: "t2".into(), kind: TimexType::Date, value: "".into(), span: Span::new(13, 30) },
        Timex { id: "t3".into(), kind: TimexType::Date, value: "XXXX".into(), span: Span::new(200, 300) },
    ];
    doc.events = find(&doc);
    doc.timeline = timeline(&doc);
    check_invariants(&doc);
}

#[test]
#[ignore]
fn dump() {
    let source = match std::env::var("DUMP") {
        Ok(p) => std::fs::read_to_string(p).unwrap(),
        Err(_) => common::seed_article().unwrap(),
    };
    let dct = std::env::var("DUMP_DCT").ok().and_then(|d| d.parse().ok());
    let doc = annotate(
        &source,
        &dateline_core::Options {
            dct,
            ..Default::default()
        },
    );
    eprintln!("{}", describe(&doc));
}

/// Rough cost of the stages this crate's rules own, on the reference article
/// repeated 40 times (~35k words): `cargo test --test events -- --ignored timing --nocapture`.
#[test]
#[ignore]
fn timing() {
    let Some(source) = common::seed_article() else { return };
    let big = vec![source.as_str(); 40].join("\n\n");
    let doc = annotate(&big, &Default::default());
    let t = std::time::Instant::now();
    let tokens = dateline_core::text::tokenize(&doc.text);
    let paras = dateline_core::text::paragraphs(&doc.text);
    let sents = dateline_core::text::sentences(&doc.text, &tokens, &paras);
    let t_text = t.elapsed();
    let t = std::time::Instant::now();
    let ents = dateline_core::entities::find(&doc.text, &tokens, &sents);
    let t_ent = t.elapsed();
    let t = std::time::Instant::now();
    let evs = find(&doc);
    let t_ev = t.elapsed();
    let t = std::time::Instant::now();
    let tl = timeline(&doc);
    let t_tl = t.elapsed();
    eprintln!(
        "{} bytes, {} tokens, {} sentences: text {:?}, entities {:?} ({}), events {:?} ({}), timeline {:?} ({})",
        doc.text.len(), tokens.len(), sents.len(), t_text, t_ent, ents.len(), t_ev, evs.len(), t_tl, tl.len()
    );
}
