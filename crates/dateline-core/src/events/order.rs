//! Story-time order: which events make the timeline and in what order.
//!
//! Dated events sort by where their time value starts, at its granularity (a
//! bare year before any day of that year or later). Values with an unknown
//! year ("XXXX-WXX-1" when there is no article date) come after every
//! explicit date, in text order: news tells of the past relative to "now".
//! Undated events are placed next to a dated neighbour: before it when the
//! text says so ("after the bombing", "as a result of the bombing"), else
//! after the dated event told before them.

use std::cmp::Ordering;
use std::collections::HashSet;

use super::{placeable, words};
use crate::document::{Document, EventClass, TokenKind};
use crate::lexicon::{lexicon, Pos};

/// Indices into `doc.events` in story-time order.
pub fn timeline(doc: &Document) -> Vec<usize> {
    let mut keys: Vec<(Key, usize)> = Vec::new();
    // Dated events first: their keys anchor the undated ones.
    let mut dated: Vec<(Key, usize)> = Vec::new();
    for (i, e) in doc.events.iter().enumerate() {
        let pos = e.mentions.first().map_or(0, |m| m.start);
        let Some(primary) = time_key(doc, e) else { continue };
        dated.push((
            Key {
                primary,
                anchor: pos,
                nudge: 0,
                own: pos,
            },
            i,
        ));
    }
    crate::sort::sort_by(&mut dated, |a, b| a.0.cmp(&b.0));
    let mut by_text = dated.clone();
    crate::sort::sort_by_key(&mut by_text, |(k, _)| k.own);

    let triggers: HashSet<usize> = doc.events.iter().flat_map(|e| e.mentions.iter().map(|m| m.start)).collect();
    for (i, e) in doc.events.iter().enumerate() {
        if time_key(doc, e).is_some() || !prominent(doc, e, &triggers) {
            continue;
        }
        let pos = e.mentions.first().map_or(0, |m| m.start);
        keys.push((place_undated(doc, e, pos, &dated, &by_text), i));
    }
    keys.extend(dated);
    crate::sort::sort_by(&mut keys, |a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    keys.into_iter().map(|(_, i)| i).collect()
}

/// Where a time value sits: its calendar key, or for a value whose year is
/// unknown (no article date) a key after every calendar date, ordered by
/// its distance back from the article's "now" ([`relative_days`]).
fn time_key(doc: &Document, e: &crate::document::Event) -> Option<f64> {
    let t = e.time.as_ref()?;
    let (value, timex) = (t.value.as_str(), t.timex);
    let text = timex.and_then(|t| doc.timexes.get(t)).map_or("", |t| doc.slice(t.span));
    let future = e.mentions.first().is_some_and(|m| told_as_future(doc, m.start));
    if !placeable(value) && relative_days(value, text, future).is_none() {
        return None;
    }
    Some(calendar_key(value).unwrap_or_else(|| UNKNOWN_YEAR + relative_days(value, text, future).unwrap_or(0.0)))
}

/// Whether a word is told as to come ("will meet", "would meet", "to meet").
fn told_as_future(doc: &Document, at: usize) -> bool {
    let i = doc.tokens.partition_point(|t| t.span.start < at);
    (i.saturating_sub(2)..i).any(|k| {
        matches!(doc.slice(doc.tokens[k].span).to_ascii_lowercase().as_str(), "will" | "would" | "shall" | "'ll" | "’ll" | "to")
    })
}

/// Days back from the article's date for a time with no known year, when
/// its value or words say: a weekday ("XXXX-WXX-3"), the weekend
/// ("XXXX-WXX-WE"), "last week", "last month", "last year".
/// With `future` (the event is told as to come), a weekday is the next one.
pub(crate) fn relative_days(value: &str, text: &str, future: bool) -> Option<f64> {
    if let Some(day) = value.strip_prefix("XXXX-WXX-") {
        // Taken as published mid-week (a Wednesday): a weekday told in the
        // past is the latest one before it, the weekend the one just gone.
        return match day {
            "WE" => Some(-3.5),
            d => d.parse::<i32>().ok().filter(|d| (1..=7).contains(d)).map(|d| {
                let back = (3 - d).rem_euclid(7);
                if future { f64::from(7 - back) } else { -f64::from(back) }
            }),
        };
    }
    if value.starts_with('P') && !value.ends_with("_REF") || value.is_empty() {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let back = |unit: &str| {
        ["last ", "past ", "previous "]
            .iter()
            .any(|w| lower.ends_with(&format!("{w}{unit}")))
    };
    if back("week") {
        Some(-7.0)
    } else if back("month") {
        Some(-30.0)
    } else if back("year") {
        Some(-365.0)
    } else {
        None
    }
}

/// An undated event worth showing: told more than once, not a report, and
/// named at least once by an event noun of the curated list — a concrete
/// happening ("the bombing", "an arrest") of an occurrence class, or any
/// listed noun (a state of things, "the agreement"; or of class STATE or
/// I_STATE) only when a happening acts on it there ("the agreement was
/// signed"). "Close cooperation" told twice stays off.
fn prominent(doc: &Document, e: &crate::document::Event, triggers: &HashSet<usize>) -> bool {
    let weak_class = matches!(e.class, EventClass::State | EventClass::IState);
    e.class != EventClass::Reporting
        && e.mentions.len() >= 2
        && e.mentions.iter().any(|m| {
            let word = doc.slice(*m);
            let noun = lexicon().get(word).is_some_and(|x| x.pos() == Pos::Noun) || after_determiner(doc, m.start);
            let lower = word.to_lowercase();
            let lemma = words::lemma(&lower);
            let listed = words::is_nominal(&lemma) || words::is_nominal(&lower);
            let concrete = words::is_happening(&lemma) || words::is_happening(&lower);
            noun && listed && (concrete && !weak_class || acted_on(doc, m.end, triggers))
        })
}

/// Whether an event verb right after a noun ending at `end` acts on it in
/// the passive ("agreement was initialed", "deal was never signed").
fn acted_on(doc: &Document, end: usize, triggers: &HashSet<usize>) -> bool {
    let i = doc.tokens.partition_point(|t| t.span.start < end);
    let word = |k: usize| doc.tokens.get(k).map(|t| doc.slice(t.span).to_ascii_lowercase()).unwrap_or_default();
    if !matches!(word(i).as_str(), "was" | "were" | "is" | "are" | "been" | "be" | "has" | "had") {
        return false;
    }
    let mut k = i + 1;
    while k < i + 4 && matches!(word(k).as_str(), "been" | "be" | "not" | "never" | "n't" | "already" | "later" | "finally" | "formally" | "also" | "then") {
        k += 1;
    }
    doc.tokens.get(k).is_some_and(|t| triggers.contains(&t.span.start))
}

fn after_determiner(doc: &Document, at: usize) -> bool {
    let i = doc.tokens.partition_point(|t| t.span.start < at);
    i.checked_sub(1).is_some_and(|p| {
        matches!(
            doc.slice(doc.tokens[p].span).to_ascii_lowercase().as_str(),
            "the" | "a" | "an" | "this" | "that"
        )
    })
}

/// A rough day count for a key, to tell which dated events lie close together.
fn day_number(primary: f64) -> f64 {
    if primary >= UNKNOWN_YEAR / 2.0 {
        return primary - UNKNOWN_YEAR;
    }
    let year = (primary / 10000.0).floor();
    let month = ((primary - year * 10000.0) / 100.0).floor();
    let day = primary - year * 10000.0 - month * 100.0;
    year * 372.0 + month * 31.0 + day
}

/// The first of the run of dated events (sorted) ending at `at` whose
/// neighbours lie within [`CLUSTER_GAP`] days of each other.
fn burst_start(dated: &[(Key, usize)], mut at: usize) -> usize {
    let relative = |k: &Key| k.primary >= UNKNOWN_YEAR / 2.0;
    while at > 0
        && at < dated.len()
        && day_number(dated[at].0.primary) - day_number(dated[at - 1].0.primary) <= CLUSTER_GAP
        && relative(&dated[at].0) == relative(&dated[at - 1].0)
    {
        at -= 1;
    }
    at
}

/// Dated events closer than this (in days) tell one burst of news.
const CLUSTER_GAP: f64 = 10.0;

const UNKNOWN_YEAR: f64 = 1e12;

#[derive(Clone, Copy, Debug)]
struct Key {
    /// Calendar position (yyyymmdd.fraction) or [`UNKNOWN_YEAR`].
    primary: f64,
    /// Text position of the dated event this key hangs off.
    anchor: usize,
    /// -1 just before the anchor, +1 just after it.
    nudge: i8,
    /// Own text position, for ties.
    own: usize,
}

impl Key {
    fn cmp(&self, other: &Key) -> Ordering {
        self.primary
            .total_cmp(&other.primary)
            .then(self.anchor.cmp(&other.anchor))
            .then(self.nudge.cmp(&other.nudge))
            .then(self.own.cmp(&other.own))
    }
}

/// Words before a mention saying the event came earlier than the clause's time.
const BEFORE_CUES: &[&str] = &["after", "since", "following", "result", "wake", "aftermath", "recent", "over"];
/// Words saying it comes later.
const AFTER_CUES: &[&str] = &["before", "ahead", "prior", "until", "upcoming", "coming", "planned"];

fn place_undated(doc: &Document, e: &crate::document::Event, pos: usize, dated: &[(Key, usize)], by_text: &[(Key, usize)]) -> Key {
    let mut led_to_news = false;
    for m in &e.mentions {
        let Some(sent) = doc.sentence_at(m.start) else { continue };
        let cue = cue_before(doc, m.start);
        if cue == 0 {
            continue;
        }
        // The dated events told in the same sentence.
        let refs = dated.iter().filter(|(_, j)| doc.events[*j].sentences.contains(&sent));
        let r = if cue < 0 { refs.min_by(|a, b| a.0.cmp(&b.0)) } else { refs.max_by(|a, b| a.0.cmp(&b.0)) };
        if let Some((k, _)) = r {
            if cue < 0 {
                // What led to news ("after the bombing", "as a result of the
                // bombing") came before the whole burst of news it led to.
                let at = dated.iter().position(|(d, _)| d.cmp(k) == Ordering::Equal).unwrap_or(0);
                let first = dated.get(burst_start(dated, at)).map_or(*k, |(d, _)| *d);
                return Key { primary: first.primary, anchor: first.anchor, nudge: -1, own: pos };
            }
            return Key { primary: k.primary, anchor: k.anchor, nudge: cue, own: pos };
        }
        led_to_news |= cue < 0;
    }
    // "After the explosion" with no date at hand: before the latest burst of news.
    if led_to_news && !dated.is_empty() {
        let first = dated[burst_start(dated, dated.len() - 1)].0;
        return Key { primary: first.primary, anchor: first.anchor, nudge: -1, own: pos };
    }
    // Narrative order: just after the dated event told before it.
    let before = by_text.partition_point(|(k, _)| k.own < pos);
    if before > 0 {
        let k = by_text[before - 1].0;
        return Key { primary: k.primary, anchor: k.anchor, nudge: 1, own: pos };
    }
    if let Some((k, _)) = by_text.first() {
        return Key { primary: k.primary, anchor: k.anchor, nudge: -1, own: pos };
    }
    Key { primary: 0.0, anchor: pos, nudge: 0, own: pos }
}

/// -1 if a cue within the few words before `at` puts the event earlier, +1 later, 0 none.
fn cue_before(doc: &Document, at: usize) -> i8 {
    let i = doc.tokens.partition_point(|t| t.span.start < at);
    for k in (i.saturating_sub(6)..i).rev() {
        let t = &doc.tokens[k];
        let s = doc.slice(t.span);
        if t.kind == TokenKind::Punct && !matches!(s, "’s" | "'s" | "-") {
            break;
        }
        if BEFORE_CUES.iter().any(|c| c.eq_ignore_ascii_case(s)) {
            return -1;
        }
        if AFTER_CUES.iter().any(|c| c.eq_ignore_ascii_case(s)) {
            return 1;
        }
    }
    0
}

/// A run of ASCII digits as a number, what `str::parse::<f64>` gives for it
/// (up to 38 digits, exactly: `u128 as f64` rounds as the parser does);
/// anything else is `None`. TIMEX3 values hold no signs, points or exponents
/// where this reads. Not `parse::<f64>`: float parsing and printing were
/// 18 KB gzip of the page.
fn number(s: &str) -> Option<f64> {
    s.bytes().all(|b| b.is_ascii_digit()).then(|| s.parse::<u128>().ok()).flatten().map(|n| n as f64)
}

/// Where a TIMEX3 value starts, as yyyymmdd plus a fraction of the day, with
/// month and day 0 for coarser values; `None` if the year is unknown.
pub(crate) fn calendar_key(value: &str) -> Option<f64> {
    let (date, time) = value.split_once('T').unwrap_or((value, ""));
    let mut parts = date.split('-');
    let year_part = parts.next()?;
    if !year_part.bytes().all(|b| b.is_ascii_digit()) || year_part.is_empty() || year_part.len() > 4 {
        return None;
    }
    // "201" is the 2010s, "19" the 1900s.
    let year: f64 = number(year_part)? * 10f64.powi(4 - year_part.len() as i32);
    let (mut month, mut day) = (0.0, 0.0);
    if let Some(p) = parts.next() {
        match p {
            _ if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                month = number(p)?;
                if let Some(d) = parts.next().filter(|d| d.bytes().all(|b| b.is_ascii_digit()) && !d.is_empty()) {
                    day = number(d)?;
                }
            }
            _ if p.starts_with('W') => {
                let week: f64 = p.get(1..).and_then(number).unwrap_or(0.0);
                let weekday: f64 = parts
                    .next()
                    .and_then(|d| if d == "WE" { Some(6.0) } else { number(d) })
                    .unwrap_or(0.0);
                let doy = (week - 1.0) * 7.0 + weekday.max(1.0);
                month = (doy / 30.5).floor() + 1.0;
                day = (doy - (month - 1.0) * 30.5).max(1.0).floor();
            }
            "Q1" | "H1" => month = 1.0,
            "Q2" => month = 4.0,
            "Q3" | "H2" => month = 7.0,
            "Q4" => month = 10.0,
            "WI" => month = 1.0,
            "SP" => month = 3.0,
            "SU" => month = 6.0,
            "FA" => month = 9.0,
            _ => {}
        }
    }
    let fraction = match time {
        "" => 0.0,
        "MO" => 0.3,
        "MI" => 0.5,
        "AF" => 0.6,
        "EV" => 0.8,
        "NI" => 0.9,
        t => {
            let (h, m) = t.split_once(':').unwrap_or((t, "0"));
            let h: f64 = number(h).unwrap_or(0.0);
            let m: f64 = number(m.get(..2).unwrap_or(m)).unwrap_or(0.0);
            (h * 60.0 + m) / 1440.0
        }
    };
    Some(year * 10000.0 + month * 100.0 + day + fraction)
}

#[cfg(test)]
mod tests {
    use super::{calendar_key, relative_days};

    #[test]
    fn relative_times_without_a_year_order_back_from_now() {
        let d = |v: &str, t: &str| relative_days(v, t, false).unwrap();
        // Last week, then the weekend, then Monday and Tuesday of this week.
        assert!(d("PAST_REF", "last week") < d("XXXX-WXX-WE", "the weekend"));
        assert!(d("XXXX-WXX-WE", "the weekend") < d("XXXX-WXX-1", "Monday"));
        assert!(d("XXXX-WXX-1", "Monday") < d("XXXX-WXX-2", "Tuesday"));
        // A Friday told in the past is before the weekend; a Thursday to come is after now.
        assert!(d("XXXX-WXX-5", "Friday") < d("XXXX-WXX-WE", "the weekend"));
        assert!(relative_days("XXXX-WXX-4", "Thursday", true).unwrap() > 0.0);
        assert!(d("PAST_REF", "last year") < d("PAST_REF", "last month"));
        assert!(relative_days("PAST_REF", "recently", false).is_none());
        assert!(relative_days("P6M", "six months", false).is_none());
    }

    #[test]
    fn keys_order_by_granularity_and_start() {
        let k = |v| calendar_key(v).unwrap();
        assert!(k("2012") < k("2012-01-01"));
        assert!(k("2012-12-31") < k("2013"));
        assert!(k("2013") < k("2013-04-29"));
        assert!(k("2013-04-29") < k("2013-04-29T10:30"));
        assert!(k("2013-04") < k("2013-04-01"));
        assert!(k("201") < k("2012"));
        assert!(k("2013-W17") < k("2013-05-01"));
        assert!(calendar_key("XXXX-WXX-1").is_none());
        assert!(calendar_key("PAST_REF").is_none());
    }
}
