//! The article's date (document creation time), when the text pins it.
//!
//! News puts its date at the top: a dateline ("BOSTON, April 30, 2013 —"),
//! a byline stamp ("Tuesday, April 30, 2013", "2013-04-30 10:02"). So the
//! first full date (day, month and year) in the opening lines is taken;
//! a partial date ("April 30", "Monday") never is — it only makes sense
//! against a date we don't have.
//!
//! Styles read: "BOSTON, April 30, 2013 —", "Tuesday, April 30, 2013",
//! "30 Apr 2013", "April 30th, 2013", "2013-04-30" (with or without a time,
//! "2013-04-30T14:02:00Z"), "04/30/2013", "30.04.2013", "Updated 2:14 PM ET, Tue April
//! 30, 2013". A wire-service credit alone ("(Reuters) -") carries no date.
//!
//! No year-level article date is inferred. A DCT is a day; a guessed one
//! would silently put a wrong value on every "yesterday" and "last week".
//! Explicit years in the body ("in 2012") say when things happened, not
//! when the story was written, and tying "last year" to "in 2012" needs to
//! know that both name the same stretch, which patterns cannot. So without
//! a full date the DCT stays `None`, and deictic expressions keep the
//! honest TimeML values (`PAST_REF`, `FUTURE_REF`, `XXXX-04-30`, see
//! `timex::normalize`); explicit years and dates still get full values.

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
/// explicit full date in the opening lines; `None` when nothing pins it.
/// `sentences` is not needed (the opening lines are read directly).
pub fn infer(text: &str, sentences: &[Span]) -> Option<Dct> {
    let _ = sentences;
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
