//! The article's date (document creation time), when the text pins it.
//!
//! News puts its date at the top: a dateline ("BOSTON, April 30, 2013 —"),
//! a byline stamp ("Tuesday, April 30, 2013", "2013-04-30 10:02"). So the
//! first full date (day, month and year) in the opening lines is taken when
//! it stands where a dateline or stamp does — not inside a sentence ("the
//! deal, signed on March 3, 2012"), which dates an event;
//! a partial date ("April 30", "Monday") never is — it only makes sense
//! against a date we don't have.
//!
//! Styles read: "BOSTON, April 30, 2013 —", "Tuesday, April 30, 2013",
//! "30 Apr 2013", "April 30th, 2013", "2013-04-30" (with or without a time,
//! "2013-04-30T14:02:00Z"), "04/30/2013", "30.04.2013", "Updated 2:14 PM ET, Tue April
//! 30, 2013". A wire-service credit alone ("(Reuters) -") carries no date.
//!
//! Without a full date, the year alone may still be pinned: a relative year
//! ("last year", "two years ago") and an explicit one ("in 2012") that name
//! the same stretch give the article's year (2012 + 1). Patterns cannot
//! tell that two phrases name one happening, so only two conservative ties
//! are read (see [`infer_year`]); any disagreement between ties, or any
//! doubt, leaves the date unknown. A year-only date resolves "last year"
//! but never "yesterday" or "on Monday" (see `timex::normalize`).

use std::sync::LazyLock;

use crate::re::{Regex, ASCII_CI};

use crate::document::{Dct, DctSource, Span};
use crate::timex::lex::{self, MONTH, WEEKDAY};

/// How far down the text a dateline may sit: the first few non-empty lines
/// (paragraphs), and never more than this many bytes.
const MAX_LINES: usize = 3;
const MAX_BYTES: usize = 1500;

static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{ASCII_CI}\b(?:(?:{WEEKDAY}),?\s+)?(?:(?P<mon>{MONTH})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{MONTH}),?\s+(?P<y2>\d{{4}})|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})(?:T\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)?|(?P<a4>\d{{1,2}})/(?P<b4>\d{{1,2}})/(?P<y4>\d{{4}})|(?P<d5>\d{{2}})\.(?P<m5>\d{{2}})\.(?P<y5>\d{{4}}))\b"
    ))
    .expect("dct pattern")
});

/// The dateline pattern's source, for the regex engine equivalence test.
#[doc(hidden)]
pub fn pattern_source() -> &'static str {
    FULL_DATE.as_str()
}

/// The opening stretch of `text` a dateline may sit in.
fn head(text: &str) -> &str {
    let mut end = 0;
    let mut lines = 0;
    for line in text.split_inclusive('\n') {
        end += line.len();
        if !line.trim().is_empty() {
            lines += 1;
            if lines >= MAX_LINES {
                break;
            }
        }
    }
    let mut end = end.min(MAX_BYTES).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Infers the article date from the text: a dateline, else the first
/// explicit full date in the opening lines, else the year alone from tied
/// expressions ([`infer_year`]); `None` when nothing pins it.
pub fn infer(text: &str, sentences: &[Span]) -> Option<Dct> {
    infer_day(text).or_else(|| infer_year(text, sentences))
}

/// Words a date stamp may have in lower case before its date ("updated
/// on", "posted at"); any other lower-case word means the date sits in a
/// sentence ("the deal, signed on March 3, 2012") and tells of an event,
/// not of when the article was written.
const STAMP_WORDS: [&str; 8] = ["on", "at", "updated", "published", "posted", "last", "modified", "by"];

/// Whether a date starting at `at` sits where a dateline or a stamp does:
/// what precedes it on its line is only names, numbers, punctuation and
/// stamp words ("BOSTON, ", "Updated 2:14 PM ET, Tue ", "Published ").
fn stamp_position(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else { return false };
    let line = before.rsplit('\n').next().unwrap_or(before);
    line.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .all(|w| STAMP_WORDS.contains(&w))
}

/// The full date from a dateline or a date stamp in the opening lines.
fn infer_day(text: &str) -> Option<Dct> {
    let head = head(text);
    for c in FULL_DATE.captures_iter(head) {
        let field = |n: &str| c.name(n).map(|m| m.as_str());
        let num = |n: &str| field(n).and_then(|s| s.parse::<i64>().ok());
        let (y, m, d, mon_word) = if let Some(mw) = field("mon") {
            (num("y"), lex::month_of(mw).map(i64::from), num("d"), Some(mw))
        } else if let Some(mw) = field("mon2") {
            (num("y2"), lex::month_of(mw).map(i64::from), num("d2"), Some(mw))
        } else if field("y3").is_some() {
            (num("y3"), num("m3"), num("d3"), None)
        } else if field("y5").is_some() {
            // 30.04.2013: the dotted form is day first.
            (num("y5"), num("m5"), num("d5"), None)
        } else {
            // 04/30/2013 (US order unless the first number can't be a month).
            let (a, b) = (num("a4")?, num("b4")?);
            let (m, d) = if a > 12 { (b, a) } else { (a, b) };
            (num("y4"), Some(m), Some(d), None)
        };
        if mon_word.is_some_and(|w| !lex::capitalised(w)) {
            continue;
        }
        let (Some(y), Some(m), Some(d)) = (y, m, d) else { continue };
        let date = (|| jiff::civil::Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok())();
        let Some(date) = date else { continue };
        let whole = c.get(0)?;
        if !stamp_position(head, whole.start()) {
            continue;
        }
        // Evidence is the date itself, without a leading day name.
        let start = [c.name("mon"), c.name("d2"), c.name("y3"), c.name("a4"), c.name("d5")]
            .into_iter()
            .flatten()
            .map(|m| m.start())
            .min()
            .unwrap_or(whole.start());
        return Some(Dct { date, source: DctSource::Inferred { evidence: Span::new(start, whole.end()) } });
    }
    None
}

/// A relative year: "last year", "this year", "next year", "two years ago".
const REL_YEAR: &str = r"\b(?:(?P<w>last|this|next)\s+year\b|(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years?\s+ago\b)";

static REL_YEAR_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("{ASCII_CI}{REL_YEAR}")).expect("relative year pattern"));

/// An explicit year said as a point: "in 2012", "during 2012".
static IN_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{ASCII_CI}\b(?:in|during)\s+(?P<y>(?:1[89]|20)\d\d)\b")).expect("year pattern"));

/// Any four-digit year, to refuse sentences holding several.
static ANY_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"{ASCII_CI}\b(?:1[89]|20)\d\d\b")).expect("any year pattern"));

/// Apposition: "last year, in 2012," / "last year (2012)".
static APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{ASCII_CI}{REL_YEAR}\s*(?:,\s*(?P<e>(?:in\s+)?(?P<y>(?:1[89]|20)\d\d))\s*(?:[,;.]|\z)|\(\s*(?P<e2>(?:in\s+)?(?P<y2>(?:1[89]|20)\d\d))\s*\))"
    ))
    .expect("apposition pattern")
});

/// A counted stretch, "six months", "six-month", "the 18 months", with
/// an optional definite determiner.
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{ASCII_CI}(?:\b(?P<det>the|his|her|their|its)\s+)?\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{{1,2}})[\s-]+(?P<u>day|week|month|year)s?\b(?P<ago>\s+ago\b)?"
    ))
    .expect("duration pattern")
});

/// The regex sources used by the year inference, for engine checks.
#[doc(hidden)]
pub fn year_pattern_sources() -> [&'static str; 5] {
    [REL_YEAR_RE.as_str(), IN_YEAR.as_str(), ANY_YEAR.as_str(), APPOSITION.as_str(), DURATION.as_str()]
}

/// The year shift a relative-year match names ("last year" → -1).
fn rel_shift(c: &crate::re::Captures) -> Option<i64> {
    if let Some(w) = c.name("w") {
        return match w.as_str().to_ascii_lowercase().as_str() {
            "last" => Some(-1),
            "this" => Some(0),
            _ => Some(1),
        };
    }
    let n = c.name("n")?.as_str();
    let n = n.parse::<i64>().ok().or_else(|| lex::number_word(n))?;
    Some(-n)
}

/// "the last year", "this past year": a stretch back from now, not a calendar year.
fn is_stretch(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("").trim_end();
    let last = before.rsplit(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    last.eq_ignore_ascii_case("the") || last.eq_ignore_ascii_case("over") || last.eq_ignore_ascii_case("past")
}

/// What one sentence says that year inference can use.
#[derive(Default)]
struct Clues {
    /// Relative years: (shift, span).
    rel: Vec<(i64, Span)>,
    /// Point years "in 2012": (year, span).
    years: Vec<(i64, Span)>,
    any_years: usize,
    /// Counted stretches: (amount, unit letter, definite).
    durations: Vec<(i64, u8, bool)>,
}

fn clues(text: &str, sent: Span) -> Clues {
    let s = text.get(sent.range()).unwrap_or("");
    let at = |a: usize, b: usize| Span::new(sent.start + a, sent.start + b);
    let mut out = Clues::default();
    for c in REL_YEAR_RE.captures_iter(s) {
        let Some(m) = c.get(0) else { continue };
        if is_stretch(s, m.start()) {
            continue;
        }
        if let Some(shift) = rel_shift(&c) {
            out.rel.push((shift, at(m.start(), m.end())));
        }
    }
    for c in IN_YEAR.captures_iter(s) {
        let (Some(y), Some(m)) = (c.name("y"), c.get(0)) else { continue };
        if let Ok(v) = y.as_str().parse() {
            out.years.push((v, at(m.start(), m.end())));
        }
    }
    out.any_years = ANY_YEAR.find_iter(s).count();
    for c in DURATION.captures_iter(s) {
        if c.name("ago").is_some() {
            continue;
        }
        let (Some(n), Some(u)) = (c.name("n"), c.name("u")) else { continue };
        let n = n.as_str();
        let Some(n) = n.parse::<i64>().ok().or_else(|| lex::number_word(n)) else { continue };
        let unit = u.as_str().as_bytes().first().map_or(b'?', |b| b.to_ascii_lowercase());
        out.durations.push((n, unit, c.name("det").is_some()));
    }
    out
}

/// Capitalised words of the sentence, less common sentence openers: the
/// names two sentences must share to be about the same person or place.
fn names(text: &str, sent: Span) -> Vec<&str> {
    const SKIP: [&str; 24] = [
        "The", "His", "Her", "Their", "Its", "Last", "This", "Next", "During", "After", "Before", "When", "But", "And",
        "For", "Over", "Since", "While", "She", "They", "That", "There", "Then", "Also",
    ];
    let s = text.get(sent.range()).unwrap_or("");
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .filter(|w| lex::capitalised(w) && w.chars().skip(1).any(char::is_lowercase))
        .filter(|w| !SKIP.contains(w) && lex::month_of(w).is_none() && lex::weekday_of(w).is_none())
        .collect()
}

/// The article's year from ties between a relative and an explicit year:
///
/// - apposition: "last year, in 2012," or "last year (2012)";
/// - the same counted stretch: one sentence has a single relative year and
///   a single stretch ("the six months he spent there last year"), another
///   a single "in 2012" and the same stretch ("his six-month stay in
///   2012"); at least one of the two is definite ("the", "his"), the two
///   share a name, and no other sentence names that stretch.
///
/// Every tie must give the same year, else nothing is inferred. Known gap:
/// two different stays of the same length, by the same person, one "last
/// year" and one "in 2012", said with "the"/"his", would be tied wrongly.
pub fn infer_year(text: &str, sentences: &[Span]) -> Option<Dct> {
    let whole = [Span::new(0, text.len())];
    let sentences = if sentences.is_empty() { &whole[..] } else { sentences };
    let mut ties: Vec<(i64, Span, Span)> = Vec::new();
    for c in APPOSITION.captures_iter(text) {
        let (Some(m), Some(y), Some(e)) = (c.get(0), c.name("y").or(c.name("y2")), c.name("e").or(c.name("e2"))) else { continue };
        if is_stretch(text, m.start()) {
            continue;
        }
        let (Some(shift), Ok(year)) = (rel_shift(&c), y.as_str().parse::<i64>()) else { continue };
        let start = m.start();
        let rel = text.get(start..m.end()).and_then(|t| REL_YEAR_RE.find(t)).map(|r| Span::new(start + r.start(), start + r.end()));
        if let Some(rel) = rel {
            ties.push((year - shift, rel, Span::new(e.start(), e.end())));
        }
    }
    // Stretch ties: per (amount, unit), the one sentence with a relative year
    // and the one with an explicit year; any other mention makes it unsure.
    /// (amount, unit), sentence, definite, year or shift, span.
    type Side = Vec<((i64, u8), usize, bool, i64, Span)>;
    let mut rel_side: Side = Vec::new();
    let mut year_side: Side = Vec::new();
    let mut seen: Vec<((i64, u8), usize)> = Vec::new();
    for (i, &sent) in sentences.iter().enumerate() {
        let c = clues(text, sent);
        for &(n, u, _) in &c.durations {
            match seen.iter_mut().find(|(k, _)| *k == (n, u)) {
                Some((_, count)) => *count += 1,
                None => seen.push(((n, u), 1)),
            }
        }
        let [(n, u, def)] = c.durations[..] else { continue };
        match (&c.rel[..], &c.years[..], c.any_years) {
            ([(shift, span)], [], 0) => rel_side.push(((n, u), i, def, *shift, *span)),
            ([], [(year, span)], 1) => year_side.push(((n, u), i, def, *year, *span)),
            _ => {}
        }
    }
    for &(key, ri, rdef, shift, rspan) in &rel_side {
        if seen.iter().any(|(k, count)| *k == key && *count != 2) {
            continue;
        }
        let mut matches = year_side.iter().filter(|y| y.0 == key);
        let (Some(&(_, yi, ydef, year, yspan)), None) = (matches.next(), matches.next()) else { continue };
        if !(rdef || ydef) {
            continue;
        }
        let (Some(&rs), Some(&ys)) = (sentences.get(ri), sentences.get(yi)) else { continue };
        let other = names(text, ys);
        if names(text, rs).iter().any(|n| other.contains(n)) {
            ties.push((year - shift, rspan, yspan));
        }
    }
    let &(year, relative, explicit) = ties.first()?;
    if ties.iter().any(|t| t.0 != year) {
        return None;
    }
    let date = jiff::civil::Date::new(i16::try_from(year).ok()?, 1, 1).ok()?;
    Some(Dct { date, source: DctSource::InferredYear { relative, explicit } })
}
