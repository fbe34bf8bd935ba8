//! The recogniser: a table of patterns, each with a builder that reads its
//! match into an [`Expr`] (what the words say) or rejects it. Values are
//! computed later by `normalize`, which knows the article date and context.
//!
//! Every pattern is compiled once. A pattern may match context words around
//! the expression (a preposition that licenses a bare month, say); the named
//! group `t`, when present, is the TIMEX extent.

use std::sync::LazyLock;

use crate::re::{Captures, Regex, ASCII_CI};

use super::lex::{self, Amount, Unit, MONTH, NUM_WORD, UNIT, WEEKDAY, ZONE, ZONE_NAME};
use crate::document::Span;

/// Direction words: "last", "this", "next", or none (tense decides).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rel {
    None,
    Last,
    This,
    Next,
}

impl Rel {
    fn of(words: &str) -> Rel {
        let lower = words.to_ascii_lowercase();
        match lower.split_whitespace().next_back().unwrap_or("") {
            "last" | "past" | "previous" => Rel::Last,
            "this" | "current" | "present" => Rel::This,
            "next" | "coming" => Rel::Next,
            _ => Rel::None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holiday {
    Fixed(u8, u8),
    /// Fourth Thursday of November.
    Thanksgiving,
    /// First Monday of September.
    LaborDay,
    /// Last Monday of May.
    MemorialDay,
    Easter,
    /// Days after (negative: before) Western Easter Sunday: Good Friday −2.
    EasterOffset(i16),
    /// The `n`th weekday `wd` (ISO, Monday 1) of `month`.
    NthWeekday { month: u8, n: u8, wd: u8 },
    /// Days after US Thanksgiving: Black Friday 1, Cyber Monday 4.
    AfterThanksgiving(u8),
    /// US Election Day: the Tuesday after the first Monday of November.
    ElectionDay,
}

/// What an expression says, before it is placed on the calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// A written calendar date; missing parts come from context.
    /// `rel` is "last"/"next" before a bare month.
    Cal {
        year: Option<i64>,
        month: Option<u8>,
        day: Option<u8>,
        rel: Rel,
    },
    /// "June last year", "March 3 this year": a month (and day) in the
    /// year `shift` years from the DCT's.
    MonthOfYear {
        month: u8,
        day: Option<u8>,
        shift: i64,
    },
    /// "the 1990s" → decade 199.
    Decade(i64),
    /// "the 20th century" → century 19.
    Century(i64),
    /// "508 BC" (`bc`), "AD 394".
    Era { year: i64, bc: bool },
    /// "today" 0, "yesterday" −1, "tomorrow" +1.
    DayOffset(i64),
    Weekday { wd: u8, rel: Rel },
    /// "last week", "this year", "next month": a unit shifted from the DCT.
    Unit { unit: Unit, shift: i64 },
    /// "two years ago" (sign −1), "two years from now" (+1): from the DCT.
    Ago { n: i64, unit: Unit, sign: i64 },
    /// "the next day" (`amount` false), "a week later" (`amount` true),
    /// "that year" (shift 0): from the reference time.
    Anaphor { unit: Unit, shift: i64, amount: bool },
    Duration { amount: Amount, unit: Unit },
    /// `extra` weeks beyond `rel`: "the weekend before last" is one more back.
    Weekend { rel: Rel, extra: i64 },
    Season { season: &'static str, year: Option<i64>, rel: Rel },
    /// "the week of March 6": the ISO week a date falls in.
    WeekOf(Box<Expr>),
    /// "two winters ago": the season `n` back from the last one.
    SeasonsAgo { season: &'static str, n: i64 },
    /// Quarter `q` (None: "the quarter", the latest one); `shift` in years
    /// ("the year-ago quarter").
    Quarter { q: Option<u8>, year: Option<i64>, rel: Rel, year_shift: i64 },
    Half { h: u8, year: Option<i64>, rel: Rel },
    /// `rel`: "last Easter" is the latest before the DCT, "next Easter"
    /// the first after it, "this Easter" the DCT year's (None: tense).
    Holiday { h: Holiday, year: Option<i64>, rel: Rel },
    /// A clock time, on a day when one is named.
    Time { hour: u8, minute: u8, second: Option<u8>, day: Option<Box<Expr>> },
    /// "this morning", "Friday night": TMO/TAF/TEV/TNI on a day.
    PartOfDay { day: Box<Expr>, part: &'static str },
    /// PAST_REF, PRESENT_REF, FUTURE_REF.
    Ref(&'static str),
    /// "a week from today", "a month from Friday", "this time last year":
    /// the day `base` names moved by `n` units, at the day's grain.
    Shifted { base: Box<Expr>, unit: Unit, n: i64 },
    /// "Labor Day weekend": the weekend the day falls in (a Monday's: the
    /// one just before it).
    WeekendOf(Box<Expr>),
    /// "the turn of the century": the century that ends at the turn
    /// nearest the time the text is at.
    TurnOfCentury,
    /// "the fourth quarter of last year": quarter `q` of the year `shift`
    /// years from the article's.
    QuarterOfYear { q: u8, shift: i64 },
    /// "on the 20th": that day of the month the text is in (the month of
    /// the last date named, else the article's).
    MonthDay(u8),
    /// A SET with a fixed value ("P1Y", "XXXX-WXX-1").
    Set(String),
}

pub struct Candidate {
    pub span: Span,
    pub expr: Expr,
    /// Index of the rule: lower wins a tie in length.
    pub rule: usize,
}

type Build = fn(&Captures, &str) -> Option<Expr>;

struct Rule {
    /// Words near which the pattern can match (see [`Trig`]).
    trig: Trig,
    re: Regex,
    build: Build,
}

fn g<'t>(c: &Captures<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

/// The word just before byte `at` (letters, digits, apostrophes), lower-cased.
pub fn word_before(text: &str, at: usize) -> String {
    let head = text.get(..at).unwrap_or("");
    let trimmed = head.trim_end();
    let w: String = trimmed
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '\'' || *c == '’' || *c == '-')
        .collect();
    w.chars().rev().collect::<String>().to_lowercase()
}

/// The word just after byte `at`, as written.
pub fn word_after(text: &str, at: usize) -> &str {
    let tail = text.get(at..).unwrap_or("");
    let t = tail.trim_start();
    let end = t.find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).unwrap_or(t.len());
    &t[..end]
}

/// The first non-space character after byte `at`.
fn char_after(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|t| t.chars().find(|c| !c.is_whitespace() || *c == '\n'))
}

fn end_of(c: &Captures) -> usize {
    c.name("t").or_else(|| c.get(0)).map_or(0, |m| m.end())
}
fn start_of(c: &Captures) -> usize {
    c.name("t").or_else(|| c.get(0)).map_or(0, |m| m.start())
}

/// Prepositions and modifiers that license a bare month or year.
const LICENSORS: &[&str] = &[
    "in", "since", "until", "till", "by", "through", "thru", "during", "before", "after", "from", "to", "of",
    "between", "and", "or", "last", "this", "next", "early", "late", "mid", "around", "circa", "throughout",
    "fiscal", "year", "the", "for", "as", "that", "until", "on", "at", "end", "beginning", "start", "middle",
];

fn month_ok(word: &str, licensed: bool) -> bool {
    if !lex::capitalised(word) {
        return false;
    }
    let m = lex::month_of(word);
    // "May" and "March" are also a modal and a verb; abbreviations are
    // ambiguous alone ("Jan" the name): these need a licensing word.
    let ambiguous = matches!(m, Some(3) | Some(5)) || word.len() <= 4;
    !ambiguous || licensed
}

/// Whether the word after byte `end` makes `word` (a season or holiday) a
/// modifier of a noun: "winter storms", "Christmas trees", "Summer
/// Paralympics" (capitalised word after a capitalised name).
fn modifies_noun(text: &str, end: usize, word: &str) -> bool {
    if text.get(end..).is_some_and(|t| !t.starts_with(' ')) {
        return false;
    }
    let next = word_after(text, end);
    let Some(first) = next.chars().next() else { return false };
    if first.is_uppercase() {
        return lex::capitalised(word) && next.len() > 1 && !matches!(next, "I" | "The" | "A" | "In" | "On" | "At" | "And" | "But");
    }
    // A common noun after it (by the lexicon's most frequent part of
    // speech), other than the time nouns that keep it a time ("the summer
    // holidays", "Christmas week").
    first.is_lowercase()
        && !matches!(
            next,
            "season" | "break" | "holidays" | "holiday" | "day" | "eve" | "week" | "weekend" | "vacation" | "recess"
                | "time" | "period" | "quarter" | "months" | "term" | "semester" | "session" | "night" | "morning"
        )
        && noun(next)
}

/// Whether the lexicon's most frequent part of speech for `word` is a noun.
fn noun(word: &str) -> bool {
    crate::lexicon::lexicon().get_lower(&word.to_lowercase()).is_some_and(|e| e.pos() == crate::lexicon::Pos::Noun)
}

/// Whether `s` starts (or, `at_end`, ends) with a year 1500–2099 standing
/// alone: the other side of a "1990-1995" range.
fn year_at(s: &str, at_end: bool) -> bool {
    let b = s.as_bytes();
    let (digits, beyond) = if at_end {
        (b.len().checked_sub(4).and_then(|i| b.get(i..)), b.len().checked_sub(5).and_then(|i| b.get(i)))
    } else {
        (b.get(..4), b.get(4))
    };
    let Some(d) = digits else { return false };
    d.iter().all(u8::is_ascii_digit)
        && (d.starts_with(b"1") && d.get(1).is_some_and(|c| *c >= b'5') || d.starts_with(b"20"))
        && beyond.is_none_or(|c| !c.is_ascii_alphanumeric())
}

/// Whether a number ending at byte `end` stands alone: no figure or noun
/// follows it ("384,", "420)", "420 in Bethlehem"; not "420 people",
/// "1,000").
fn stands_alone(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("").trim_start();
    let mut chars = rest.chars();
    match chars.next() {
        None => true,
        Some('.' | ',') => !chars.next().is_some_and(|ch| ch.is_ascii_digit()),
        Some(ch) if ch.is_alphabetic() => !noun(word_after(rest, 0)),
        Some(ch) => !ch.is_alphanumeric() && ch != '%',
    }
}

/// Words that start a holiday's name, for the holiday rule's trigger
/// (the word list drops a final "'s": "Valentine's" is "valentine").
const HOLIDAY_TRIGGERS: &[&str] = &[
    "christmas", "new", "independence", "fourth", "halloween", "valentine", "thanksgiving", "labor", "labour", "memorial",
    "easter", "boxing", "veterans", "patrick", "bastille", "remembrance", "armistice", "earth", "juneteenth", "cinco",
    "good", "holy", "maundy", "palm", "ash", "shrove", "mardi", "pancake", "pentecost", "whit", "whitsunday", "whitsun",
    "ascension", "mothering", "black", "cyber", "mother", "mothers", "father", "fathers", "king", "mlk", "president",
    "presidents", "washington", "columbus", "election",
];

/// Capitalised words that make a following day name part of a name:
/// "Good Friday", "Black Friday", "Super Tuesday", "Bloody Sunday". The
/// bare day is then never the time expression (the holiday rule reads the
/// ones it knows).
const DAY_NAME_HEADS: &[&str] = &[
    "easter", "good", "holy", "maundy", "palm", "ash", "shrove", "whit", "pentecost", "mothering", "black", "cyber",
    "bloody", "super", "fat", "giving", "blue", "bowl",
];

/// Whether the day name starting at byte `at` is the tail of a name ("Good
/// Friday", "Super Tuesday"): the capitalised word right before it heads one.
fn named_day(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or("");
    let trimmed = head.trim_end_matches(' ');
    if trimmed.len() + 1 != head.len() {
        return false;
    }
    let word = trimmed.rsplit(|ch: char| !ch.is_ascii_alphabetic()).next().unwrap_or("");
    lex::capitalised(word) && DAY_NAME_HEADS.iter().any(|h| h.eq_ignore_ascii_case(word))
}

/// Holiday names the holiday rules read (see [`holiday_of`]).
const HOLIDAY_NAME: &str = r"Christmas(?:\s+(?:Day|Eve))?|New\s+Year(?:'s|’s)(?:\s+(?:Day|Eve))?|Independence\s+Day|Fourth\s+of\s+July|Halloween|Valentine(?:'s|’s)\s+Day|Thanksgiving(?:\s+Day)?|Labou?r\s+Day|Memorial\s+Day|Easter(?:\s+(?:Sunday|Monday))?|Boxing\s+Day|Veterans\s+Day|St\.?\s+Patrick(?:'s|’s)\s+Day|Bastille\s+Day|Remembrance\s+Day|Armistice\s+Day|Earth\s+Day|Juneteenth|Cinco\s+de\s+Mayo|Good\s+Friday|Holy\s+(?:Thursday|Saturday)|Maundy\s+Thursday|Palm\s+Sunday|Ash\s+Wednesday|Shrove\s+Tuesday|Mardi\s+Gras|Pancake\s+Day|Pentecost(?:\s+Sunday)?|Whit\s*Sunday|Whit\s+Monday|Whitsun|Ascension\s+Day|Mothering\s+Sunday|Black\s+Friday|Cyber\s+Monday|(?:Mother|Father)(?:'s|’s|s'|s’|s)?\s+Day|Martin\s+Luther\s+King(?:,?\s+Jr\.?)?(?:\s+Day|(?:'s|’s)\s+Birthday)|MLK\s+Day|Presidents?(?:'s|’s|'|’)?\s+Day|Washington(?:'s|’s)\s+Birthday|Columbus\s+Day|Election\s+Day";

/// A holiday, its part of day, its week or weekend, or every one of it.
fn holiday(c: &Captures, text: &str) -> Option<Expr> {
    let name = g(c, "name")?;
    // Every word capitalised ("a good Friday for stocks" is not
    // the holiday), but "de", "of", "Day", "Eve", "Jr.".
    let proper = name.split_whitespace().all(|w| {
        lex::capitalised(w) || matches!(w.to_ascii_lowercase().trim_end_matches(['.', ',']), "de" | "of" | "day" | "eve" | "jr")
    });
    if !proper {
        return None;
    }
    let key: String = name
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|ch| ch.is_ascii_alphanumeric() || *ch == ' ')
        .collect();
    if key.starts_with("easter") && word_after(text, end_of(c)).eq_ignore_ascii_case("island") {
        return None;
    }
    // "a Christmas tree", "Merry Christmas". A name ending in a
    // day name is a day before a common noun too ("Black Friday
    // sales", as "Friday prayers"), not before a name ("the Good
    // Friday Agreement").
    let weekday_name = lex::weekday_of(name.rsplit(char::is_whitespace).next().unwrap_or("")).is_some() && name.contains(char::is_whitespace);
    let modifier = if weekday_name {
        let next = word_after(text, end_of(c));
        text.get(end_of(c)..).is_some_and(|t| t.starts_with(' ')) && lex::capitalised(next) && next.len() > 1
    } else {
        modifies_noun(text, end_of(c), name)
    };
    let plain = c.name("y").is_none() && c.name("pod").is_none() && c.name("wk").is_none() && c.name("we").is_none();
    if plain && (modifier || word_before(text, start_of(c)) == "merry") {
        return None;
    }
    let h = holiday_of(&key)?;
    // "every Christmas": each year's (a moving feast: yearly).
    if c.name("every").is_some() {
        return Some(Expr::Set(match h {
            Holiday::Fixed(m, d) => format!("XXXX-{m:02}-{d:02}"),
            _ => "P1Y".to_string(),
        }));
    }
    if c.name("we").is_some() {
        return Some(Expr::WeekendOf(Box::new(Expr::Holiday { h, year: None, rel: g(c, "hrel").map_or(Rel::None, Rel::of) })));
    }
    if c.name("wk").is_some() {
        // Easter week is the one ending on Easter Sunday: its
        // Monday is the day that dates it (said as it begins,
        // it is under way, not a year back).
        let h = if h == Holiday::Easter { Holiday::EasterOffset(-6) } else { h };
        return Some(Expr::WeekOf(Box::new(Expr::Holiday { h, year: None, rel: g(c, "hrel").map_or(Rel::None, Rel::of) })));
    }
    let rel = g(c, "hrel").map_or(Rel::None, Rel::of);
    let day = Expr::Holiday { h, year: year_of(g(c, "y")), rel };
    match g(c, "pod").and_then(part_of) {
        Some(part) => Some(Expr::PartOfDay { day: Box::new(day), part }),
        None => Some(day),
    }
}

/// The holiday a name (lower case, letters, digits and single spaces)
/// names. Moving feasts count from Western Easter (Good Friday is two days
/// before it, Pentecost 49 days after), from US Thanksgiving (Black Friday
/// the day after, Cyber Monday four days after) or are the nth weekday of
/// a month (US Mother's Day the second Sunday of May, Father's Day the
/// third Sunday of June).
fn holiday_of(key: &str) -> Option<Holiday> {
    let nth = |month, n, wd| Holiday::NthWeekday { month, n, wd };
    Some(match key {
        "christmas" | "christmas day" => Holiday::Fixed(12, 25),
        "christmas eve" => Holiday::Fixed(12, 24),
        "new years" | "new years day" => Holiday::Fixed(1, 1),
        "new years eve" => Holiday::Fixed(12, 31),
        "independence day" | "fourth of july" => Holiday::Fixed(7, 4),
        "halloween" => Holiday::Fixed(10, 31),
        "valentines day" => Holiday::Fixed(2, 14),
        "boxing day" => Holiday::Fixed(12, 26),
        "st patricks day" => Holiday::Fixed(3, 17),
        "bastille day" => Holiday::Fixed(7, 14),
        "remembrance day" | "armistice day" | "veterans day" => Holiday::Fixed(11, 11),
        "earth day" => Holiday::Fixed(4, 22),
        "juneteenth" => Holiday::Fixed(6, 19),
        "cinco de mayo" => Holiday::Fixed(5, 5),
        "labor day" | "labour day" => Holiday::LaborDay,
        "memorial day" => Holiday::MemorialDay,
        "thanksgiving" | "thanksgiving day" => Holiday::Thanksgiving,
        "easter" | "easter sunday" => Holiday::Easter,
        "easter monday" => Holiday::EasterOffset(1),
        "good friday" => Holiday::EasterOffset(-2),
        "holy saturday" => Holiday::EasterOffset(-1),
        "holy thursday" | "maundy thursday" => Holiday::EasterOffset(-3),
        "palm sunday" => Holiday::EasterOffset(-7),
        "mothering sunday" => Holiday::EasterOffset(-21),
        "ash wednesday" => Holiday::EasterOffset(-46),
        "shrove tuesday" | "mardi gras" | "pancake day" => Holiday::EasterOffset(-47),
        "ascension day" => Holiday::EasterOffset(39),
        "pentecost" | "pentecost sunday" | "whit sunday" | "whitsunday" | "whitsun" => Holiday::EasterOffset(49),
        "whit monday" => Holiday::EasterOffset(50),
        "black friday" => Holiday::AfterThanksgiving(1),
        "cyber monday" => Holiday::AfterThanksgiving(4),
        "mothers day" => nth(5, 2, 7),
        "fathers day" => nth(6, 3, 7),
        "mlk day" => nth(1, 3, 1),
        k if k.starts_with("martin luther king") => nth(1, 3, 1),
        "presidents day" | "president day" | "washingtons birthday" => nth(2, 3, 1),
        "columbus day" => nth(10, 2, 1),
        "election day" => Holiday::ElectionDay,
        _ => return None,
    })
}

/// The separator and what follows it when a range dash (or a slash) comes
/// right after byte `end`: "-", " – ", "/" (a slash without spaces).
fn range_dash(text: &str, end: usize) -> Option<(char, usize)> {
    let rest = text.get(end..)?;
    let spaced = rest.trim_start_matches(' ');
    let sep = spaced.chars().next().filter(|c| matches!(c, '-' | '–' | '/'))?;
    if sep == '/' && spaced.len() != rest.len() {
        return None;
    }
    let after = &spaced[sep.len_utf8()..];
    let next = after.trim_start_matches(' ');
    if sep == '/' && next.len() != after.len() {
        return None;
    }
    Some((sep, text.len() - next.len()))
}

/// Whether the two figures at byte `at`, after the year `y` and a range
/// dash, stand for a later year of its century: "2012-13", "1892 – 94",
/// "2010/11" (after a slash only the next year). Two years, each a TIMEX,
/// as "1990-1995".
fn year_tail(text: &str, at: usize, y: i64, sep: char) -> bool {
    let Some(two) = text.get(at..at + 2) else { return false };
    let rest = text.get(at + 2..).unwrap_or("");
    let mut after = rest.chars();
    // Alone: no figure, letter or score sign goes on ("2012-13-14", "2012-13.5", "13 people").
    let alone = match after.next() {
        None => true,
        Some('.' | ',') => !after.next().is_some_and(|ch| ch.is_ascii_digit()),
        Some(ch) => !ch.is_ascii_alphanumeric() && !matches!(ch, '/' | '-' | ':' | '%'),
    };
    let Some(n) = two.bytes().all(|b| b.is_ascii_digit()).then(|| two.parse::<i64>().ok()).flatten() else { return false };
    let fits = if sep == '/' { n == (y + 1) % 100 } else { n == (y + 1) % 100 || n > y % 100 };
    // Spaced, a count may follow ("in 2012 - 13 people died"); written
    // tight it is the years' ("the 2012-13 season").
    let tight = text.get(..at).and_then(|h| h.chars().next_back()) == Some(sep);
    fits && alone && (tight || stands_alone(text, at + 2))
}

/// A century named by its ordinal (`n`, a figure, or `w`, a word): the
/// 20th is "19".
fn century(c: &Captures, _: &str) -> Option<Expr> {
    let n: i64 = match (g(c, "n"), g(c, "w")) {
        (Some(n), _) => n.parse().ok()?,
        // "sixteenth centuries" ends a range written in words.
        (_, Some(w)) if !c.get(0)?.as_str().ends_with(['s', 'S']) => ordinal_word(w)?,
        _ => return None,
    };
    (1..=30).contains(&n).then_some(Expr::Century(n - 1))
}

fn year_of(s: Option<&str>) -> Option<i64> {
    s.and_then(|y| y.parse().ok())
}

/// The year "13" names: 2013 ("89": 1989).
fn two_digit_year(yy: i64) -> i64 {
    if yy < 50 { 2000 + yy } else { 1900 + yy }
}

fn day_ok(d: &str) -> Option<u8> {
    let d: u8 = d.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn part_of(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().as_str() {
        "morning" => "MO",
        "afternoon" | "mid-afternoon" | "midafternoon" => "AF",
        "evening" => "EV",
        "night" | "overnight" | "tonight" => "NI",
        _ => return None,
    })
}

fn season_of(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().as_str() {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// A day named with a time or part of day: a weekday, "today", a date.
fn day_expr(word: &str) -> Option<Expr> {
    let w = word.to_ascii_lowercase();
    match w.as_str() {
        "today" | "tonight" => Some(Expr::DayOffset(0)),
        "yesterday" => Some(Expr::DayOffset(-1)),
        "tomorrow" => Some(Expr::DayOffset(1)),
        _ => lex::weekday_of(&w).map(|wd| Expr::Weekday { wd, rel: Rel::None }),
    }
}

fn clock(h: &str, m: Option<&str>, ampm: Option<&str>) -> Option<(u8, u8)> {
    let mut hour: u8 = match h.parse() {
        Ok(v) => v,
        Err(_) => u8::try_from(lex::number_word(h)?).ok()?,
    };
    let minute: u8 = match m {
        Some(m) => m.parse().ok()?,
        None => 0,
    };
    if minute > 59 || hour > 24 {
        return None;
    }
    if let Some(ap) = ampm {
        if hour == 0 || hour > 12 {
            return None;
        }
        let pm = ap.to_ascii_lowercase().starts_with('p');
        hour = match (pm, hour) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
    }
    Some((hour, minute))
}

/// Words in a matched stretch, lower-cased.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(|c: char| c == ',' || c == '.').to_lowercase())
        .collect()
}

/// A capitalised month name with a day and perhaps a year, in either order.
fn month_day(c: &Captures, text: &str) -> Option<Expr> {
    let mw = g(c, "mon")?;
    if !lex::capitalised(mw) {
        return None;
    }
    let (month, day) = (lex::month_of(mw), day_ok(g(c, "d")?)?);
    // "the September 11 attacks": the day of 2001 the name comes from.
    let named_2001 = month == Some(9)
        && day == 11
        && matches!(
            word_after(text, end_of(c)).to_ascii_lowercase().as_str(),
            "attacks" | "attack" | "terrorist" | "terror" | "hijackings" | "hijackers" | "commission"
        );
    let year = year_of(g(c, "y")).or(named_2001.then_some(2001));
    Some(Expr::Cal { year, month, day: Some(day), rel: Rel::None })
}

/// The day named after a clock time (see `day_tail`): a written date wins
/// over a day name ("Friday, Nov. 3").
fn time_day(c: &Captures) -> Option<Box<Expr>> {
    let date = match (g(c, "dmon").or(g(c, "dmon2")), g(c, "dd").or(g(c, "dd2"))) {
        (Some(mw), Some(d)) if lex::capitalised(mw) => Some(Expr::Cal {
            year: year_of(g(c, "dy").or(g(c, "dy2"))),
            month: lex::month_of(mw),
            day: Some(day_ok(d)?),
            rel: Rel::None,
        }),
        _ => None,
    };
    date.or_else(|| g(c, "day").and_then(day_expr))
        .map(Box::new)
}

/// The SET value of a frequency word ("daily" → "P1D").
fn set_of_frequency(w: &str) -> &'static str {
    match w {
        "daily" => "P1D",
        "nightly" => "XXXX-XX-XXTNI",
        "weekly" => "P1W",
        "biweekly" | "fortnightly" => "P2W",
        "monthly" => "P1M",
        "quarterly" => "P1Q",
        "hourly" => "PT1H",
        _ => "P1Y",
    }
}

/// "nineteenth" → 19, "twenty-first" → 21.
fn ordinal_word(w: &str) -> Option<i64> {
    const ORD: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    let w = w.to_ascii_lowercase();
    if w == "thirtieth" {
        return Some(30);
    }
    let (base, rest) = match (w.strip_prefix("twenty").map(|r| r.trim_start_matches(|c: char| c == '-' || c.is_whitespace())), w.strip_prefix("thirty").map(|r| r.trim_start_matches(|c: char| c == '-' || c.is_whitespace()))) {
        (Some(r), _) if r != "ieth" && !r.is_empty() => (20, r),
        (_, Some(r)) if !r.is_empty() => (30, r),
        _ => (0, w.as_str()),
    };
    ORD.iter()
        .position(|o| *o == rest)
        .map(|i| base + i as i64 + 1)
}

macro_rules! rule {
    ($trig:expr, $re:expr, $build:expr) => {
        Rule { trig: $trig, re: compile(&$re), build: $build }
    };
}

/// Case-insensitive, with ASCII word boundaries: Unicode `\b` keeps the
/// regex engine off its fast paths on non-ASCII text, and every word the
/// patterns name is ASCII anyway.
fn compile(pattern: &str) -> Regex {
    Regex::new(&format!("{ASCII_CI}{pattern}")).expect("timex pattern")
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let amount = lex::amount_fragment();
    // The day a clock time is on: "Friday", "today", "Nov. 9", "Friday, Nov. 9, 1989".
    let day_tail = format!(
        r"(?:,?\s+(?:on\s+)?(?:(?P<day>{WEEKDAY}|today|yesterday|tomorrow|tonight)(?:,?\s+(?P<dmon>{MONTH})\s*(?P<dd>\d{{1,2}})\b(?:,?\s*(?P<dy>\d{{4}})\b)?)?|(?P<dmon2>{MONTH})\s*(?P<dd2>\d{{1,2}})\b(?:,?\s*(?P<dy2>\d{{4}})\b)?))?"
    );
    // A zone after a clock time: "EST", "(GMT)", "Eastern time", "local time".
    let zone = format!(r"(?:\s*\(?(?P<z>{ZONE}|{ZONE_NAME})\)?)?");
    // Ordinal day words: "first" to "thirty-first".
    let ord_day = r"(?:(?:twenty|thirty)[\s-]+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)";
    let mods = r"(?:(?:about|around|some|nearly|almost|approximately|roughly|(?:no\s+)?more\s+than|(?:no\s+)?less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|well\s+over|just\s+over|just\s+under)\s+)";
    vec![
        // "from March to August 2011", "between May and June in 1981",
        // "January 23 - March 9 2014": the first month takes the year
        // written after the second (its own extent only; the second is
        // matched by the rules below).
        rule!(t(M),
            format!(r"\b(?P<t>(?P<mon>{MONTH})(?:\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?)?)\s*(?:to|through|until|till|and|-|–)\s*(?P<mon2>{MONTH})(?:\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?,?\s+(?:(?:of|in)\s+)?(?P<y>\d{{4}})\b"),
            |c, _| {
                let (mw, mw2) = (g(c, "mon")?, g(c, "mon2")?);
                if !lex::capitalised(mw) || !lex::capitalised(mw2) {
                    return None;
                }
                let (m, m2) = (lex::month_of(mw)?, lex::month_of(mw2)?);
                let day = match g(c, "d") {
                    Some(d) => Some(day_ok(d)?),
                    None => None,
                };
                // "December to March 2011" starts the year before.
                let y = year_of(g(c, "y"))? - i64::from(m > m2);
                Some(Expr::Cal { year: Some(y), month: Some(m), day, rel: Rel::None })
            }
        ),
        // "March 16-17, 2013", "Nov. 2 and 3": two days, each a TIMEX (as
        // "1990-1995"); the first takes the year written after the second,
        // the second (its figure alone) the first's month.
        rule!(t(M),
            format!(r"\b(?P<t>(?P<mon>{MONTH})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?)\s*(?:-|–|to|through|and)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b,?\s+(?P<y>\d{{4}})\b"),
            |c, text| {
                let Expr::Cal { month, day, .. } = month_day(c, text)? else { return None };
                (day_ok(g(c, "d2")?)? > day?).then_some(Expr::Cal { year: year_of(g(c, "y")), month, day, rel: Rel::None })
            }
        ),
        rule!(t(M),
            format!(r"\b(?P<mon>{MONTH})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|through|and)\s*(?P<t>(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?)"),
            |c, text| {
                let Expr::Cal { month, day, .. } = month_day(c, text)? else { return None };
                let d2 = day_ok(g(c, "d2")?)?;
                // "March 16-17": a later day, alone (not "Nov. 2-3 p.m.", "May 3-1 win").
                let rest = text.get(end_of(c)..).unwrap_or("");
                let next = word_after(text, end_of(c)).to_ascii_lowercase();
                if d2 <= day? || c.name("y").is_none() && !stands_alone(text, end_of(c)) || rest.starts_with([':', '.', '/', '-']) && !rest.starts_with(". ") && rest != "." || matches!(next.as_str(), "am" | "pm" | "a" | "p" | "percent" | "win" | "victory" | "loss" | "defeat" | "vote") {
                    return None;
                }
                Some(Expr::Cal { year: year_of(g(c, "y")), month, day: Some(d2), rel: Rel::None })
            }
        ),
        // 2013-04-30, 2013-04-30T02:00, 2013-04-30T14:22:00.5Z: a
        // timestamp's seconds and zone are in its span (the zone, as
        // TimeML writes clock times, not in the value).
        rule!(t(D),
            r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b",
            |c, _| {
                let y = year_of(g(c, "y"))?;
                let m: u8 = g(c, "m")?.parse().ok()?;
                let d = day_ok(g(c, "d")?)?;
                if !(1..=12).contains(&m) {
                    return None;
                }
                let date = Expr::Cal { year: Some(y), month: Some(m), day: Some(d), rel: Rel::None };
                match (g(c, "H"), g(c, "M")) {
                    (Some(h), Some(mi)) => {
                        let (hour, minute) = clock(h, Some(mi), None)?;
                        let second = match g(c, "S") {
                            Some(s) => Some(s.parse::<u8>().ok().filter(|s| *s < 61)?),
                            None => None,
                        };
                        Some(Expr::Time { hour, minute, second, day: Some(Box::new(date)) })
                    }
                    _ => Some(date),
                }
            }
        ),
        // 4/15/2013, 04/16/13 (month first, as US news writes it, unless
        // the first number cannot be a month), 15.04.2013 (day first),
        // 2013/04/15. Two-part "4/15" stays out: stock prices and scores
        // ("rose 4 5/8", "won 24/7") write it far more than dates do.
        rule!(t(D),
            r"\b(?P<t>(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})|(?P<a2>\d{1,2})\.(?P<b2>\d{1,2})\.(?P<y2>\d{4})|(?P<y3>\d{4})/(?P<m3>\d{1,2})/(?P<d3>\d{1,2}))\b",
            |c, text| {
                // Part of a longer figure: "1/4/15/2013", "10.1.2.2013".
                let before = text.get(..start_of(c)).and_then(|h| h.chars().next_back());
                if matches!(before, Some('/' | '.' | '-' | ':' | '$')) || matches!(text.get(end_of(c)..).and_then(|r| r.chars().next()), Some('/' | '-' | ':')) {
                    return None;
                }
                let num = |a: &str, b: &str, d: &str| g(c, a).or(g(c, b)).or(g(c, d))?.parse::<u8>().ok();
                let (first, second) = (num("a", "a2", "m3")?, num("b", "b2", "d3")?);
                // Month first ("4/15") unless dotted (day first, "15.04.");
                // whichever reading leaves a month of 1–12 ("2013/04/15" as written).
                let day_first = c.name("a2").is_some() || first > 12 && c.name("y3").is_none();
                let (month, day) = if day_first && second <= 12 { (second, first) } else { (first, second) };
                let y = g(c, "y").or(g(c, "y2")).or(g(c, "y3"))?;
                let year = if y.len() == 2 { two_digit_year(y.parse().ok()?) } else { y.parse().ok()? };
                if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
                    return None;
                }
                Some(Expr::Cal { year: Some(year), month: Some(month), day: Some(day), rel: Rel::None })
            }
        ),
        // (Tuesday,) April 30(th)(, 2013)
        rule!(t(M), 
            format!(r"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*(?P<y>\d{{4}})\b)?"),
            month_day
        ),
        // the week of March 6(, 2000): that date's week; the first week of
        // May, the last week of April: the ISO week holding most of those
        // seven days (the week of their middle day)
        rule!(t(M),
            format!(r"\b(?P<t>the\s+(?:(?P<o>first|second|third|fourth|last|final)\s+)?week\s+of\s+(?P<mon>{MONTH})(?:\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?)?\b(?:,?\s*(?P<y>\d{{4}})\b)?)"),
            |c, text| {
                let day = match (g(c, "o"), g(c, "d")) {
                    (None, Some(_)) => month_day(c, text)?,
                    (Some(o), None) => {
                        let mw = g(c, "mon")?;
                        let month = lex::month_of(mw).filter(|_| lex::capitalised(mw))?;
                        let day = match lex::ordinal_of(o) {
                            Some(n) => 7 * n - 3,
                            // The last seven days' middle (February's of a common year).
                            None => match month {
                                2 => 25,
                                4 | 6 | 9 | 11 => 27,
                                _ => 28,
                            },
                        };
                        Expr::Cal { year: year_of(g(c, "y")), month: Some(month), day: Some(day), rel: Rel::None }
                    }
                    _ => return None,
                };
                Some(Expr::WeekOf(Box::new(day)))
            }
        ),
        // (the) 30(th) (of) April( 2013)
        rule!(t(M), 
            format!(r"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?|-)(?P<mon>{MONTH})(?:(?:,?\s*|-)(?P<y>\d{{4}})\b)?"),
            month_day
        ),
        // March eighth, the fifth of January(, 2013)
        rule!(t(M),
            format!(r"\b(?:(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?:the\s+)?(?P<o>{ord_day})|(?:the\s+)?(?P<o2>{ord_day})\s+of\s+(?P<mon2>{MONTH}))\b(?:,?\s*(?P<y>\d{{4}})\b)?"),
            |c, _| {
                let mw = g(c, "mon").or(g(c, "mon2"))?;
                if !lex::capitalised(mw) {
                    return None;
                }
                let d = ordinal_word(g(c, "o").or(g(c, "o2"))?)?;
                let day = u8::try_from(d).ok().filter(|d| (1..=31).contains(d))?;
                Some(Expr::Cal { year: year_of(g(c, "y")), month: lex::month_of(mw), day: Some(day), rel: Rel::None })
            }
        ),
        // June last year, March 3 this year, early May of next year
        rule!(
            t(M),
            format!(
                r"\b(?P<t>(?:(?:early|late|mid)(?:-|\s+))?(?P<mon>{MONTH})(?:\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?(?P<rel>last|this|next)\s+year)\b"
            ),
            |c, _| {
                let mw = g(c, "mon")?;
                lex::capitalised(mw).then_some(())?;
                let shift = match Rel::of(g(c, "rel")?) {
                    Rel::Last => -1,
                    Rel::Next => 1,
                    _ => 0,
                };
                let day = match g(c, "d") {
                    Some(d) => Some(day_ok(d)?),
                    None => None,
                };
                Some(Expr::MonthOfYear {
                    month: lex::month_of(mw)?,
                    day,
                    shift,
                })
            }
        ),
        // (early) April (of) 2013
        rule!(t(M), 
            format!(r"\b(?:(?:early|late|mid|end|(?:the\s+)?(?:end|beginning|start|middle)\s+of)(?:-|\s+))?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>\d{{4}})\b"),
            |c, _| {
                let mw = g(c, "mon")?;
                lex::capitalised(mw).then_some(())?;
                Some(Expr::Cal { year: year_of(g(c, "y")), month: lex::month_of(mw), day: None, rel: Rel::None })
            }
        ),
        // 30 September 420, December of 384, the winter of 373: years of
        // three figures, as history writes them, where no count can be
        // read ("on 30 September 420 people marched" stays a day).
        rule!(t(M | S),
            format!(r"\b(?P<t>(?:(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH})|(?P<mon2>{MONTH})\s+of|(?:the\s+)?(?P<s>spring|summer|fall|autumn|winter)\s+of)\s+(?P<y>[1-9]\d\d))\b"),
            |c, text| {
                if !stands_alone(text, end_of(c)) {
                    return None;
                }
                let year = year_of(g(c, "y"));
                if let Some(season) = g(c, "s").and_then(season_of) {
                    return Some(Expr::Season { season, year, rel: Rel::None });
                }
                let mw = g(c, "mon").or(g(c, "mon2")).filter(|m| lex::capitalised(m))?;
                let day = match g(c, "d") {
                    Some(d) => Some(day_ok(d)?),
                    None => None,
                };
                Some(Expr::Cal { year, month: lex::month_of(mw), day, rel: Rel::None })
            }
        ),
        // (in) (last|early|mid-) April
        rule!(t(M), 
            format!(r"(?:\b(?P<prep>in|since|until|till|by|through|during|before|after|from|to|of|between|and|or|around|throughout|on)\s+)?(?P<t>\b(?:(?P<rel>last|this|next)\s+|(?P<m>early|late|mid|(?:the\s+)?(?:end|beginning|start|middle)\s+of)(?:-|\s+)|(?P<m2>end)-)?(?P<mon>{MONTH}))"),
            |c, text| {
                let mw = g(c, "mon")?;
                let licensed = c.name("prep").is_some() || c.name("rel").is_some() || c.name("m").is_some() || c.name("m2").is_some();
                if !month_ok(mw, licensed) {
                    return None;
                }
                // "May 2" etc. belong to the longer rules; a following
                // capitalised word ("April Smith") makes a name.
                let next = word_after(text, end_of(c));
                if next.starts_with(|ch: char| ch.is_ascii_digit()) {
                    return None;
                }
                let weak = g(c, "prep").is_none_or(|p| p.eq_ignore_ascii_case("and") || p.eq_ignore_ascii_case("or"));
                if weak && lex::capitalised(next) && c.name("rel").is_none() {
                    return None;
                }
                Some(Expr::Cal { year: None, month: lex::month_of(mw), day: None, rel: g(c, "rel").map_or(Rel::None, Rel::of) })
            }
        ),
        // 2012, fiscal 1989, FY2012, early 2013
        rule!(t(D), 
            r"(?P<t>\b(?:(?P<fy>fiscal(?:\s+year)?\s+|calendar(?:\s+year)?\s+|(?:financial|tax)\s+year\s+|FY\s?)|(?P<m>early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|end(?:-|\s+)of)(?:-|\s+)|(?P<m2>end)-)?(?P<y>1[5-9]\d\d|20\d\d)\b)",
            |c, text| {
                let y = year_of(g(c, "y"))?;
                let start = start_of(c);
                let end = end_of(c);
                if c.name("fy").is_some() || c.name("m").is_some() || c.name("m2").is_some() {
                    return Some(Expr::Cal { year: Some(y), month: None, day: None, rel: Rel::None });
                }
                let before_char = text.get(..start).and_then(|h| h.chars().next_back());
                let after = text.get(end..).and_then(|t| t.chars().next());
                // "1990-1995", "2000 – 2050", "2012-13": a range of two
                // years, each a TIMEX.
                // After a slash only the next year: "2010/2011", "2010/11".
                let next_year = |s: &str| s.get(..4).is_some_and(|d| d.parse::<i64>().ok() == Some(y + 1)) && year_at(s, false);
                let range_start = range_dash(text, end).is_some_and(|(sep, at)| {
                    let rest = text.get(at..).unwrap_or("");
                    (if sep == '/' { next_year(rest) } else { year_at(rest, false) }) || year_tail(text, at, y, sep)
                });
                let head = text.get(..start).unwrap_or("").trim_end_matches(' ');
                let range_end = head.strip_suffix(['-', '–']).is_some_and(|h| year_at(h.trim_end_matches(' '), true))
                    || head.strip_suffix('/').is_some_and(|h| {
                        year_at(h, true) && h.get(h.len().saturating_sub(4)..).and_then(|d| d.parse::<i64>().ok()) == Some(y - 1)
                    });
                if range_start || range_end {
                    return Some(Expr::Cal { year: Some(y), month: None, day: None, rel: Rel::None });
                }
                if matches!(before_char, Some('$' | '#' | '.' | ',' | '/' | '-' | ':' | '£' | '€')) {
                    return None;
                }
                if matches!(after, Some('%' | '/' | '-' | ':')) || after.is_some_and(|ch| ch.is_alphanumeric()) {
                    return None;
                }
                // "closed at 2082.1", "1,678.5": a figure with decimals.
                if matches!(after, Some('.' | ','))
                    && text
                        .get(end + 1..)
                        .and_then(|t| t.chars().next())
                        .is_some_and(|ch| ch.is_ascii_digit())
                {
                    return None;
                }
                let prev = word_before(text, start);
                if LICENSORS.contains(&prev.as_str()) || prev.ends_with("'s") || prev.ends_with("’s") {
                    return Some(Expr::Cal { year: Some(y), month: None, day: None, rel: Rel::None });
                }
                let next = word_after(text, end);
                let next_l = next.to_ascii_lowercase();
                let free = next.is_empty()
                    || matches!(
                        char_after(text, end),
                        Some(',' | '.' | ';' | ')' | '\'' | '"' | '’' | '”' | '\n' | '—' | '–')
                    )
                    || [
                        "was", "were", "saw", "and", "or", "to", "when", "as", "had", "is", "will",
                        "brought", "through",
                    ]
                    .contains(&next_l.as_str());
                // A year before a noun: "its 1990 invasion", "a 1971
                // Convention", "1990 BellSouth earnings". Edited news writes
                // other four-digit counts with a comma, so only a plural
                // noun after a bare number ("won 2000 votes") is doubted,
                // unless a determiner makes it a modifier ("its 1990 earnings").
                let modifier = (1800..=2039).contains(&y)
                    && (lex::capitalised(next)
                        || !next_l.ends_with('s')
                        || matches!(
                            prev.as_str(),
                            "its"
                                | "his"
                                | "her"
                                | "their"
                                | "our"
                                | "my"
                                | "your"
                                | "a"
                                | "an"
                                | "the"
                                | "this"
                                | "that"
                        ));
                let counted = matches!(
                    prev.as_str(),
                    "about"
                        | "some"
                        | "nearly"
                        | "over"
                        | "under"
                        | "than"
                        | "approximately"
                        | "almost"
                        | "roughly"
                        | "only"
                        | "just"
                        | "another"
                        | "additional"
                        | "extra"
                );
                (free || (modifier && !counted)).then_some(Expr::Cal {
                    year: Some(y),
                    month: None,
                    day: None,
                    rel: Rel::None,
                })
            }
        ),
        // the 13 of "2012-13", the 94 of "1892 – 94": a later year of the
        // first one's century (see `year_tail`)
        rule!(t(D), r"\b(?P<y>(?:1[5-9]|20)\d\d)(?:\s*(?:-|–)\s*|/)(?P<t>\d\d)\b", |c, text| {
            let y = year_of(g(c, "y"))?;
            let before = text.get(..c.get(0)?.start()).and_then(|h| h.chars().next_back());
            if before.is_some_and(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '$' | '/' | '-' | '.' | '#')) {
                return None;
            }
            let (sep, at) = range_dash(text, c.name("y")?.end())?;
            let n: i64 = g(c, "t")?.parse().ok()?;
            // "1999-00" is 2000.
            let tail = year_tail(text, at, y, sep).then_some(if n == (y + 1) % 100 { y + 1 } else { y - y % 100 + n })?;
            Some(Expr::Cal { year: Some(tail), month: None, day: None, rel: Rel::None })
        }),
        // 9/11: the day of the 2001 attacks, which the name says (a date
        // written "9/11" alone is never read: see the numeric rule)
        rule!(t(D), r"\b(?P<t>9/11)\b", |c, text| {
            let before = text.get(..start_of(c)).and_then(|h| h.chars().next_back());
            let after = text.get(end_of(c)..).unwrap_or("");
            let figure_goes_on = after.starts_with('/') && after[1..].starts_with(|ch: char| ch.is_ascii_digit());
            if before.is_some_and(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '/' | '.' | '$')) || figure_goes_on || after.starts_with(['.', ':']) && after[1..].starts_with(|ch: char| ch.is_ascii_digit()) {
                return None;
            }
            Some(Expr::Cal { year: Some(2001), month: Some(9), day: Some(11), rel: Rel::None })
        }),
        // the 2014 fiscal year, the 2013-14 school year: the first year named
        rule!(t(D), r"\b(?P<t>the\s+(?P<y>(?:1[5-9]|20)\d\d)(?:(?:-|/|–)\d\d)?\s+(?:fiscal|financial|calendar|tax|budget|school|academic)\s+year)\b", |c, _| {
            Some(Expr::Cal { year: year_of(g(c, "y")), month: None, day: None, rel: Rel::None })
        }),
        // FY13, FY'13
        rule!(t(D), r"\bFY\s?'?(?P<y>\d{2})\b", |c, _| {
            let yy: i64 = g(c, "y")?.parse().ok()?;
            Some(Expr::Cal { year: Some(two_digit_year(yy)), month: None, day: None, rel: Rel::None })
        }),
        // 508 BC, 776 BCE, AD 394, 394 A.D.
        rule!(t(D),
            r"\b(?P<t>(?P<y>\d{1,4})\s*(?P<era>BCE|BC|B\.C\.E\.|B\.C\.|AD|A\.D\.|CE|C\.E\.)|(?:AD|A\.D\.)\s*(?P<y2>\d{1,4})\b)",
            |c, text| {
                let bc = g(c, "era").is_some_and(|e| e.to_ascii_uppercase().starts_with('B'));
                let y: i64 = g(c, "y").or(g(c, "y2"))?.parse().ok()?;
                // Upper case only ("ad" is a word); a word right after "AD" ends the era.
                let t = c.name("t")?;
                if !t.as_str().chars().filter(|ch| ch.is_alphabetic()).all(|ch| ch.is_uppercase()) || y == 0 {
                    return None;
                }
                if text[t.end()..].starts_with(|ch: char| ch.is_alphanumeric()) {
                    return None;
                }
                Some(Expr::Era { year: y, bc })
            }
        ),
        // the 1990s, the '80s, the early 2000s
        rule!(t(D), 
            r"(?P<t>(?:\bthe\s+)?(?:\b(?:early|mid|late)(?:-|\s+))?(?:\b(?P<c>1[5-9]|20)(?P<d>\d)0(?:'|’)?s|(?:'|’)(?P<d2>\d)0(?:'|’)?s|(?P<the>\bthe\s+)(?P<d3>\d)0(?:'|’)?s)\b)",
            |c, text| {
                // "’80s" needs its apostrophe or "the" ("in the 90s"); a
                // bare "90s" may be temperatures or ages.
                if c.name("d2").is_some() && c.name("t").is_some_and(|t| t.start() > 0 && text[..t.start()].ends_with(|ch: char| ch.is_alphanumeric())) {
                    return None;
                }
                let dec = match (g(c, "c"), g(c, "d"), g(c, "d2")) {
                    (Some(cc), Some(d), _) => cc.parse::<i64>().ok()? * 10 + d.parse::<i64>().ok()?,
                    (_, _, Some(d)) => 190 + d.parse::<i64>().ok()?,
                    _ if g(c, "d3").is_some() => 190 + g(c, "d3")?.parse::<i64>().ok()?,
                    _ => return None,
                };
                Some(Expr::Decade(dec))
            }
        ),
        // the nineties, the late sixties
        rule!(
            w(&[
                "twenties",
                "thirties",
                "forties",
                "fifties",
                "sixties",
                "seventies",
                "eighties",
                "nineties"
            ]),
            r"\b(?P<t>the\s+(?:(?:early|mid|late)(?:-|\s+))?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b",
            |c, _| {
                let k = match g(c, "w")?.to_ascii_lowercase().as_str() {
                    "twenties" => 2,
                    "thirties" => 3,
                    "forties" => 4,
                    "fifties" => 5,
                    "sixties" => 6,
                    "seventies" => 7,
                    "eighties" => 8,
                    _ => 9,
                };
                Some(Expr::Decade(190 + k))
            }
        ),
        // the 20th century, the nineteenth century, 11th-century
        rule!(
            t(U),
            r"\b(?P<t>(?:the\s+)?(?:(?:early|mid|late)(?:-|\s+))?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>(?:twenty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)))[\s-]+centur(?:y|ies))\b",
            century
        ),
        // the turn of the century: the century that turns over, as "the end
        // of the century" is that century
        rule!(w(&["turn"]), r"\b(?P<t>the\s+turn\s+of\s+the\s+century)\b", |_, _| Some(Expr::TurnOfCentury)),
        // from the 15th to the 19th century, the 18th and 19th centuries:
        // the first end is a century too (each end a TIMEX, as year
        // ranges; GUM marks word ranges, "the twelfth to sixteenth
        // centuries", whole, which no value can write: left out)
        rule!(
            t(U),
            r"\b(?P<t>(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th))(?:\s+century)?\s+(?:to|and|through|or|-|–)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)[\s-]+centur(?:y|ies)\b",
            century
        ),
        // (last|next|the previous) Monday (night)
        rule!(
            t(W),
            format!(
                r"\b(?:(?:early|late|earlier|later)\s+)?(?:(?P<rel>last|this|next|(?:this\s+)?coming|(?:this\s+)?past|(?:the\s+)?previous)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<pod>morning|afternoon|evening|night))?"
            ),
            |c, text| {
                let wd = lex::weekday_of(g(c, "wd")?)?;
                if named_day(text, c.name("wd")?.start()) {
                    return None;
                }
                let day = Expr::Weekday { wd, rel: g(c, "rel").map_or(Rel::None, Rel::of) };
                match g(c, "pod").and_then(part_of) {
                    Some(part) => Some(Expr::PartOfDay { day: Box::new(day), part }),
                    None => Some(day),
                }
            }
        ),
        // Mondays, every Monday, each Thursday → SET
        rule!(t(W), 
            r"\b(?P<t>(?:(?:every|each)\s+)?(?P<wd>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)(?:\s+(?P<pod>mornings|afternoons|evenings|nights))?)\b",
            |c, _| {
                let wd = lex::weekday_of(g(c, "wd")?)?;
                let pod = g(c, "pod").and_then(|p| part_of(p.trim_end_matches('s'))).map_or(String::new(), |p| format!("T{p}"));
                Some(Expr::Set(format!("XXXX-WXX-{wd}{pod}")))
            }
        ),
        rule!(w(&["every", "each"]), 
            format!(r"\b(?P<t>(?:every|each)\s+(?:other\s+)?(?:(?P<n>{NUM_WORD}|\d+)\s+)?(?P<x>{WEEKDAY}|{MONTH}|{UNIT}|morning|afternoon|evening|night|weekend|spring|summer|fall|autumn|winter))"),
            |c, _| {
                let x = g(c, "x")?;
                let every_other = c.get(0)?.as_str().to_ascii_lowercase().contains("other");
                if let Some(wd) = lex::weekday_of(x).filter(|_| x.len() > 5 || x.ends_with('.')) {
                    return Some(Expr::Set(format!("XXXX-WXX-{wd}")));
                }
                if let Some((u, k)) = Unit::measure(x) {
                    let n: i64 = match g(c, "n") {
                        Some(n) => n.parse().ok().or_else(|| lex::number_word(n))?,
                        None if every_other => 2,
                        None => 1,
                    };
                    let n = n.checked_mul(k)?;
                    let value = if u.is_clock() { format!("PT{n}{}", u.duration_letter()) } else { format!("P{n}{}", u.duration_letter()) };
                    return Some(Expr::Set(value));
                }
                if let Some(p) = part_of(x) {
                    return Some(Expr::Set(format!("XXXX-XX-XXT{p}")));
                }
                if let Some(s) = season_of(x) {
                    return Some(Expr::Set(format!("XXXX-{s}")));
                }
                if x.eq_ignore_ascii_case("weekend") {
                    return Some(Expr::Set("XXXX-WXX-WE".into()));
                }
                let m = lex::month_of(x)?;
                Some(Expr::Set(format!("XXXX-{m:02}")))
            }
        ),
        // daily, weekly, annually...
        rule!(
            w(&[
                "daily", "nightly", "weekly", "biweekly", "fortnightly", "monthly", "annually", "yearly", "hourly"
            ]),
            r"\b(?P<t>daily|nightly|weekly|biweekly|fortnightly|monthly|annually|yearly|hourly)\b",
            |c, text| {
                let w = g(c, "t")?.to_ascii_lowercase();
                let prev = word_before(text, start_of(c));
                let next = word_after(text, end_of(c));
                let lower_next = next.chars().next().is_some_and(|ch| ch.is_ascii_lowercase());
                // After a determiner: "the daily" (a newspaper), "a weekly" (a
                // magazine) are nouns; "a daily basis", "his daily life", "the
                // daily tally", "his weekly radio address" say how often (TimeBank
                // and AQUAINT both mark these).
                let determiner = matches!(prev.as_str(), "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "my" | "your");
                if determiner {
                    return lower_next.then(|| Expr::Set(set_of_frequency(&w).into()));
                }
                // A frequency that qualifies a quantity is a rate, which TimeBank
                // leaves out: "daily volume", "rise 8.5% annually", "10,000 units annually".
                let adjective = next
                    .chars()
                    .next()
                    .is_some_and(|ch| ch.is_ascii_lowercase())
                    && !matches!(
                        next,
                        "and"
                            | "or"
                            | "in"
                            | "at"
                            | "on"
                            | "since"
                            | "through"
                            | "until"
                            | "for"
                            | "to"
                            | "by"
                            | "from"
                            | "with"
                            | "basis"
                            | "during"
                            | "over"
                            | "after"
                            | "before"
                    );
                let head = text.get(..start_of(c)).unwrap_or("");
                let near_figure = head
                    .rsplit(|ch: char| ch.is_whitespace())
                    .filter(|w| !w.is_empty())
                    .take(3)
                    .any(|w| w.contains(|ch: char| ch.is_ascii_digit() || ch == '%' || ch == '$'));
                if adjective || near_figure {
                    return None;
                }
                Some(Expr::Set(set_of_frequency(&w).into()))
            }
        ),
        // twice a year, three times a week
        rule!(w(&["once", "twice", "thrice", "times"]), 
            format!(r"\b(?P<t>(?:once|twice|thrice|(?:\d+|{NUM_WORD})\s+times)\s+(?:a|an|per|each|every)\s+(?P<u>{UNIT}))"),
            |c, _| {
                let (u, k) = Unit::measure(g(c, "u")?)?;
                Some(Expr::Set(if u.is_clock() { format!("PT{k}{}", u.duration_letter()) } else { format!("P{k}{}", u.duration_letter()) }))
            }
        ),
        // today, late yesterday, tomorrow morning, tonight
        rule!(w(&["today", "yesterday", "tomorrow", "tonight"]), 
            r"\b(?P<t>(?:(?:early|late|later|earlier)\s+)?(?P<w>today|yesterday|tomorrow|tonight)(?:\s+(?P<pod>morning|afternoon|evening|night))?)\b",
            |c, text| {
                let w = g(c, "w")?.to_ascii_lowercase();
                if w == "today" && c.name("pod").is_none() && g(c, "t")?.len() == 5 {
                    let prev = word_before(text, start_of(c));
                    let after = text.get(end_of(c)..).unwrap_or("");
                    let poss_len = if after.starts_with("'s") { 2 } else if after.starts_with("’s") { 4 } else { 0 };
                    let possessive = poss_len > 0;
                    // "in today's world", "for today's youth", "much of today's
                    // technology": the present age, which the corpora leave out.
                    let age = matches!(
                        word_after(text, end_of(c) + poss_len).to_ascii_lowercase().as_str(),
                        "world" | "society" | "economy" | "market" | "climate" | "environment" | "age" | "era" | "generation" | "youth"
                    );
                    if possessive && (prev == "of" || age) {
                        return None;
                    }
                    // "still used today", "known today as": the present, not the day.
                    let prev2 = word_before(text, start_of(c).saturating_sub(prev.len() + 1));
                    if !possessive && (prev == "still" || prev2 == "still" || prev == "known" || word_after(text, end_of(c)).eq_ignore_ascii_case("as")) {
                        return Some(Expr::Ref("PRESENT_REF"));
                    }
                }
                let day = day_expr(&w)?;
                let part = g(c, "pod").and_then(part_of).or((w == "tonight").then_some("NI"));
                match part {
                    Some(part) => Some(Expr::PartOfDay { day: Box::new(day), part }),
                    None => Some(day),
                }
            }
        ),
        // mid-afternoon yesterday, early morning Tuesday
        rule!(
            t(P),
            format!(
                r"\b(?P<t>(?:(?:early|late)\s+)?(?:mid-?)?(?P<pod>morning|afternoon|evening|night)\s+(?:on\s+)?(?P<day>{WEEKDAY}|yesterday|today|tomorrow))"
            ),
            |c, _| {
                let part = part_of(g(c, "pod")?)?;
                Some(Expr::PartOfDay {
                    day: Box::new(day_expr(g(c, "day")?)?),
                    part,
                })
            }
        ),
        // this morning, last night, (mid-)afternoon yesterday
        rule!(t(P), 
            r"\b(?P<t>(?:(?:early|late|later|earlier)\s+)?(?P<rel>this|last)\s+(?P<pod>morning|afternoon|evening|night))\b",
            |c, _| {
                let part = part_of(g(c, "pod")?)?;
                let last = g(c, "rel")?.eq_ignore_ascii_case("last");
                // "last night" is the night before; "last morning" is not said.
                if last && part != "NI" {
                    return None;
                }
                Some(Expr::PartOfDay { day: Box::new(Expr::DayOffset(if last { -1 } else { 0 })), part })
            }
        ),
        // last week, this year, next month, earlier this month, late last year, that year, the following day
        rule!(t(U | S | P), 
            r"\b(?P<t>(?:(?P<m>early|late|earlier|later|mid|(?:the\s+)?(?:end|beginning|start|middle)\s+of)(?:-|\s+)(?:in\s+)?)?(?P<the>the\s+)?(?:this\s+)?(?P<rel>last|this|next|coming|past|previous|current|following|that\s+same|same|that|preceding|prior)\s+(?:fiscal\s+)?(?P<u>day|week|fortnight|month|year|quarter|decade|century|weekend|spring|summer|fall|autumn|winter|morning|afternoon|evening|night))\b",
            |c, _| {
                let rel = g(c, "rel")?.to_ascii_lowercase();
                // "that same year" is "the same year", its "that" included
                // (GUM marks it whole, 2 of 2; TimeBank and AQUAINT-dev
                // have none).
                let rel = if rel.ends_with("same") { "same".to_string() } else { rel };
                let the = c.name("the").is_some();
                let u = g(c, "u")?.to_ascii_lowercase();
                if let Some(season) = season_of(&u) {
                    let r = match rel.as_str() {
                        "last" | "past" | "previous" => Rel::Last,
                        "this" | "current" => Rel::This,
                        "next" | "coming" => Rel::Next,
                        _ => return None,
                    };
                    return Some(Expr::Season { season, year: None, rel: r });
                }
                if u == "weekend" {
                    let r = match rel.as_str() {
                        "last" | "past" | "previous" => Rel::Last,
                        "this" => Rel::This,
                        "next" | "coming" => Rel::Next,
                        "that" | "same" => Rel::None,
                        "following" => Rel::Next,
                        _ => return None,
                    };
                    return Some(Expr::Weekend { rel: r, extra: 0 });
                }
                if let Some(part) = part_of(&u) {
                    // "the next morning", "that night", "the previous evening"
                    let shift = match rel.as_str() {
                        "next" | "following" => 1,
                        "previous" | "preceding" | "prior" => -1,
                        "that" | "same" => 0,
                        _ => return None,
                    };
                    return Some(Expr::PartOfDay { day: Box::new(Expr::Anaphor { unit: Unit::Day, shift, amount: false }), part });
                }
                let (unit, k) = Unit::measure(&u)?;
                // "the past fortnight", "next fortnight": no calendar unit
                // is two weeks long, so any of them is the stretch.
                if k > 1 {
                    return Some(Expr::Duration { amount: Amount::Num(k.to_string()), unit });
                }
                let anaphor = |shift| Some(Expr::Anaphor { unit, shift, amount: false });
                match (rel.as_str(), the) {
                    ("following", _) | ("next", true) if unit == Unit::Day || rel == "following" => anaphor(1),
                    ("previous" | "preceding" | "prior", true) => anaphor(-1),
                    ("same", _) | ("that", false) => anaphor(0),
                    // "the past year", "the last decade": TimeBank and GUM
                    // both write the calendar year (decade) before.
                    ("past" | "last", true) if matches!(unit, Unit::Year | Unit::Decade | Unit::Century) => {
                        Some(Expr::Unit { unit, shift: -1 })
                    }
                    // "the past week", "the next month": a stretch of time.
                    ("past" | "last" | "next" | "coming" | "following", true) => {
                        Some(Expr::Duration { amount: Amount::Num("1".into()), unit })
                    }
                    _ if unit == Unit::Day => None,
                    ("last" | "past" | "previous", false) => Some(Expr::Unit { unit, shift: -1 }),
                    ("this" | "current", _) => Some(Expr::Unit { unit, shift: 0 }),
                    ("next" | "coming", false) => Some(Expr::Unit { unit, shift: 1 }),
                    _ => None,
                }
            }
        ),
        // a week from today, three days from tomorrow, a month from Friday:
        // counted from that day ("from now" is the rule above's).
        rule!(
            t(U),
            format!(
                r"\b(?P<t>{mods}?(?P<n>{amount})[\s-]+(?P<u>{UNIT})(?P<half>\s+and\s+a\s+half)?\s+from\s+(?P<b>today|tonight|tomorrow|yesterday|(?:(?P<rel>this|next|last)\s+)?(?P<wd>{WEEKDAY})))\b"
            ),
            |c, text| {
                // "three days from Monday to Thursday": a length and a range.
                let next = word_after(text, end_of(c)).to_ascii_lowercase();
                if matches!(next.as_str(), "to" | "through" | "until" | "till" | "and" | "or") || text.get(end_of(c)..).is_some_and(|r| r.trim_start().starts_with(['-', '–'])) {
                    return None;
                }
                let mut amount = lex::amount_of(g(c, "n")?)?;
                if c.name("half").is_some() {
                    amount = Amount::Num(format!("{}.5", amount.int()?));
                }
                let (amount, mut unit) = amount.of_unit(g(c, "u")?)?;
                if unit.is_clock() {
                    return None;
                }
                // A count from a bare day name looks ahead ("a week from
                // Saturday", said on a Tuesday, is eleven days on).
                let base = match (g(c, "wd"), g(c, "b")?.to_ascii_lowercase().as_str()) {
                    (Some(wd), _) => Expr::Weekday { wd: lex::weekday_of(wd)?, rel: g(c, "rel").map_or(Rel::Next, Rel::of) },
                    (None, "yesterday") => Expr::DayOffset(-1),
                    (None, "tomorrow") => Expr::DayOffset(1),
                    _ => Expr::DayOffset(0),
                };
                let n = match amount.text().strip_suffix(".5").and_then(|n| n.parse::<i64>().ok()) {
                    // "a year and a half from today": counted in months.
                    Some(n) if unit == Unit::Year => {
                        unit = Unit::Month;
                        n.checked_mul(12)?.checked_add(6)?
                    }
                    Some(_) => return None,
                    None => match amount.int() {
                        Some(n) => n,
                        None => return Some(Expr::Ref("FUTURE_REF")),
                    },
                };
                Some(Expr::Shifted { base: Box::new(base), unit, n })
            }
        ),
        // a year ago today, three years ago tomorrow night: that day moved
        // back; the day is its own TIMEX (GUM marks the two apart, 1 of 1)
        rule!(
            t(U),
            format!(r"\b(?P<t>{mods}?(?P<n>{amount})[\s-]+(?P<u>{UNIT})\s+ago)\s+(?P<b>today|tonight|tomorrow|yesterday)\b"),
            |c, _| {
                let (amount, unit) = lex::amount_of(g(c, "n")?)?.of_unit(g(c, "u")?)?;
                let n = amount.int()?;
                let base = match g(c, "b")?.to_ascii_lowercase().as_str() {
                    "yesterday" => Expr::DayOffset(-1),
                    "tomorrow" => Expr::DayOffset(1),
                    _ => Expr::DayOffset(0),
                };
                (!unit.is_clock()).then(|| Expr::Shifted { base: Box::new(base), unit, n: -n })
            }
        ),
        // this time last year, the same time next year, this time two years
        // ago: the article's day moved by that much. TimeML gives a value the
        // grain the words fix: "this time" is the moment of writing, whose
        // grain in news is the article's day (TimeBank writes "a year ago"
        // itself as the day a year back); a year alone would lose that it is
        // the same part of the year.
        rule!(
            w(&["time"]),
            format!(
                r"\b(?P<t>(?:this|the\s+same)\s+time\s+(?:(?P<rel>last|next)\s+(?P<u>week|month|year)|(?P<n>{amount})\s+(?P<u2>{UNIT})\s+(?P<dir>ago|hence|from\s+now|before|earlier|later)|(?P<d>yesterday|tomorrow)))\b"
            ),
            |c, _| {
                if let Some(d) = g(c, "d") {
                    let n = if d.eq_ignore_ascii_case("tomorrow") { 1 } else { -1 };
                    return Some(Expr::Shifted { base: Box::new(Expr::DayOffset(0)), unit: Unit::Day, n });
                }
                let (n, unit) = match (g(c, "rel"), g(c, "n")) {
                    (Some(rel), _) => (if rel.eq_ignore_ascii_case("last") { -1 } else { 1 }, Unit::of(g(c, "u")?)?),
                    (None, Some(n)) => {
                        let (amount, unit) = lex::amount_of(n)?.of_unit(g(c, "u2")?)?;
                        let n = amount.int()?;
                        let dir = g(c, "dir")?.to_ascii_lowercase();
                        let back = matches!(dir.as_str(), "ago" | "before" | "earlier");
                        // "the same time a year earlier": a year before the
                        // time the text is at, not the article's.
                        if matches!(dir.as_str(), "before" | "earlier" | "later") {
                            return Some(Expr::Anaphor { unit, shift: if back { -n } else { n }, amount: true });
                        }
                        (if back { -n } else { n }, unit)
                    }
                    _ => return None,
                };
                if unit.is_clock() {
                    return None;
                }
                Some(Expr::Shifted { base: Box::new(Expr::DayOffset(0)), unit, n })
            }
        ),
        // on the 20th, by the 15th, until the 3rd: a day of the month the
        // text is in. Only after a preposition and before a pause or a
        // function word ("the 20th century", "the 20th anniversary", "the
        // 20th straight day" stay out).
        rule!(
            t(D),
            r"\b(?P<t>the\s+(?P<d>\d{1,2})(?:st|nd|rd|th))\b",
            |c, text| {
                // After a preposition, or a range's "to" after another day
                // ("from the 6th to the 12th").
                let prep = word_before(text, start_of(c));
                let before_prep = text.get(..start_of(c)).unwrap_or("").trim_end();
                let before_prep = before_prep.get(..before_prep.len().saturating_sub(prep.len())).unwrap_or("");
                let licensed = match prep.as_str() {
                    "on" | "by" | "until" | "till" | "through" | "before" | "after" | "since" | "from" | "between" => true,
                    "to" | "and" => {
                        let w = word_before(before_prep, before_prep.len());
                        w.len() > 2 && w.starts_with(|ch: char| ch.is_ascii_digit()) && ["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s))
                    }
                    _ => false,
                };
                if !licensed {
                    return None;
                }
                let d = day_ok(g(c, "d")?)?;
                let ordinal = g(c, "t")?.to_ascii_lowercase();
                let suffix_ok = match d % 10 {
                    1 if d != 11 => ordinal.ends_with("st"),
                    2 if d != 12 => ordinal.ends_with("nd"),
                    3 if d != 13 => ordinal.ends_with("rd"),
                    _ => ordinal.ends_with("th"),
                };
                let follows_ok = |at: usize| {
                    let rest = text.get(at..).unwrap_or("");
                    let next = word_after(text, at).to_ascii_lowercase();
                    // "the 20th-century", "the 20th's": a word goes on.
                    !rest.starts_with(['-', '\'', '’'])
                        && (!rest.starts_with(' ')
                            || next.is_empty()
                            || matches!(
                                next.as_str(),
                                "and" | "or" | "at" | "in" | "when" | "as" | "to" | "through" | "until" | "till" | "but" | "with" | "after" | "before" | "from"
                            ))
                };
                if !suffix_ok || !follows_ok(end_of(c)) {
                    return None;
                }
                // "from the 15th to the 19th century", "from the 6th to the
                // 12th week": the range's other end names what they count.
                let rest = text.get(end_of(c)..).unwrap_or("");
                if let Some(m) = OTHER_END.find(rest) {
                    if !follows_ok(end_of(c) + m.end()) {
                        return None;
                    }
                }
                Some(Expr::MonthDay(d))
            }
        ),
        // earlier in the day, later in the year, the end of the month: the
        // stretch the text is in (a decade's edge: the article's decade)
        rule!(t(U), r"\b(?P<t>(?:earlier|later)\s+in\s+the\s+(?P<u>day|week|month|year)|the\s+(?:end|beginning|start|middle)\s+of\s+the\s+(?P<e>week|month|decade|century))\b", |c, text| {
            // "the end of the week's trading": the week's own noun.
            if text.get(end_of(c)..).is_some_and(|r| r.starts_with(['\'', '’'])) {
                return None;
            }
            match Unit::of(g(c, "u").or(g(c, "e"))?)? {
                unit @ (Unit::Decade | Unit::Century) => Some(Expr::Unit { unit, shift: 0 }),
                unit => Some(Expr::Anaphor { unit, shift: 0, amount: false }),
            }
        }),
        // the day before, the week after
        rule!(t(U), r"\b(?P<t>the\s+(?P<u>day|week|month|year)\s+(?P<d>before|after))\s*[,.;:]", |c, _| {
            let unit = Unit::of(g(c, "u")?)?;
            let shift = if g(c, "d")?.eq_ignore_ascii_case("before") { -1 } else { 1 };
            Some(Expr::Anaphor { unit, shift, amount: false })
        }),
        // the night before, the morning after (a clause of its own): that
        // part of the day before (after) the one the text is at, a TIME as
        // TimeML writes "the night before" (moved from "that day" so that
        // it is not read as "the next night", a DATE).
        rule!(t(P), r"\b(?P<t>the\s+(?P<pod>morning|afternoon|evening|night)\s+(?P<d>before|after))\s*[,.;:]", |c, _| {
            let part = part_of(&g(c, "pod")?.to_ascii_lowercase())?;
            let n = if g(c, "d")?.eq_ignore_ascii_case("before") { -1 } else { 1 };
            let that_day = Expr::Anaphor { unit: Unit::Day, shift: 0, amount: false };
            let day = Expr::Shifted { base: Box::new(that_day), unit: Unit::Day, n };
            Some(Expr::PartOfDay { day: Box::new(day), part })
        }),
        // in the weeks before the shooting, the day after his death: the unit
        // alone (AQUAINT and TimeBank mostly leave "the" out), near the
        // reference time; plural days and weeks are its month.
        rule!(t(U), r"\bthe\s+(?P<t>(?P<u>days?|weeks?|months?))\s+(?P<dir>before|after|following|leading\s+up\s+to)\s+(?P<x>\w+)", |c, text| {
            let x = g(c, "x")?.to_ascii_lowercase();
            if matches!(x.as_str(), "yesterday" | "tomorrow" | "next" | "last" | "that" | "this") || x.starts_with(|ch: char| ch.is_ascii_digit()) {
                return None;
            }
            // "a year to the day after the attack": an idiom, not a day.
            if text.get(..c.get(0)?.start()).unwrap_or("").trim_end().strip_suffix(" to").is_some_and(|b| Unit::of(&word_before(b, b.len())).is_some()) {
                return None;
            }
            let u = g(c, "u")?.to_ascii_lowercase();
            let unit = match u.as_str() {
                "days" | "weeks" => Unit::Month,
                "months" => Unit::Year,
                one => Unit::of(one)?,
            };
            // "the day after his death": the day next to the event the text
            // last dated; in apposition to a date ("Oct. 12, the day
            // before the plunge") that date itself.
            let head = text.get(..c.get(0)?.start()).unwrap_or("").trim_end();
            let apposition = head.strip_suffix(',').is_some_and(|h| h.ends_with(|ch: char| ch.is_ascii_digit()));
            let shift = match g(c, "dir")?.to_ascii_lowercase().as_str() {
                _ if unit != Unit::Day || apposition => 0,
                "before" => -1,
                "after" | "following" => 1,
                _ => 0,
            };
            Some(Expr::Anaphor { unit, shift, amount: true })
        }),
        // the day before yesterday, the week after next, the weekend
        // before last: two steps from the article's day (week, ...).
        rule!(t(U | P),
            r"\b(?P<t>the\s+(?P<u>day|night|week|weekend|month|year)\s+(?:(?P<b>before\s+(?:last|yesterday))|after\s+(?:next|tomorrow)))\b",
            |c, text| {
                // "the day before last Tuesday's hearing": "last" goes with
                // what follows.
                let next = word_after(text, end_of(c));
                let next = next.strip_suffix("'s").or_else(|| next.strip_suffix("’s")).unwrap_or(next);
                if lex::capitalised(next) || classify(&next.to_ascii_lowercase()) != 0 {
                    return None;
                }
                let sign = if c.name("b").is_some() { -1 } else { 1 };
                let u = g(c, "u")?;
                Some(if u.eq_ignore_ascii_case("night") {
                    Expr::PartOfDay { day: Box::new(Expr::DayOffset(2 * sign)), part: "NI" }
                } else if u.eq_ignore_ascii_case("weekend") {
                    Expr::Weekend { rel: if sign < 0 { Rel::Last } else { Rel::Next }, extra: sign }
                } else {
                    match Unit::of(u)? {
                        Unit::Day => Expr::DayOffset(2 * sign),
                        unit => Expr::Unit { unit, shift: 2 * sign },
                    }
                })
            }
        ),
        // (over) the weekend
        rule!(t(U), r"\b(?P<t>the\s+weekend)\b", |_, _| Some(Expr::Weekend { rel: Rel::None, extra: 0 })),
        // two years ago, three days later, a week earlier
        rule!(
            t(U),
            format!(
                r"\b(?P<t>{mods}?(?P<n>{amount})[\s-]+(?:(?:trading|business|working)\s+)?(?P<u>{UNIT})(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|before|after|afterwards?|hence|from\s+now|back|previously|prior)\b)"
            ),
            |c, text| {
                let mut amount = lex::amount_of(g(c, "n")?)?;
                if c.name("half").is_some() {
                    amount = Amount::Num(format!("{}.5", amount.int()?));
                }
                let (mut amount, mut unit) = amount.of_unit(g(c, "u")?)?;
                // "a year and a half ago", "2 1/2 years ago": counted in months.
                if let Some(n) = amount.text().strip_suffix(".5").and_then(|n| n.parse::<i64>().ok()) {
                    if unit != Unit::Year {
                        return None;
                    }
                    amount = Amount::Num(n.checked_mul(12)?.checked_add(6)?.to_string());
                    unit = Unit::Month;
                }
                let dir = g(c, "dir")?.to_ascii_lowercase();
                if matches!(dir.as_str(), "before" | "after" | "prior") {
                    // "two years before the war", "prior to": the word governs a noun.
                    let next = char_after(text, end_of(c));
                    if !matches!(next, None | Some(',' | '.' | ';' | ':' | ')' | '\n')) {
                        return None;
                    }
                }
                let Some(n) = amount.int() else {
                    let r = if matches!(dir.as_str(), "ago" | "earlier" | "before" | "back" | "previously" | "prior") { "PAST_REF" } else { "FUTURE_REF" };
                    return Some(Expr::Ref(r));
                };
                match dir.as_str() {
                    "ago" | "back" => Some(Expr::Ago { n, unit, sign: -1 }),
                    "hence" | "from now" => Some(Expr::Ago { n, unit, sign: 1 }),
                    d if d.starts_with("from") => Some(Expr::Ago { n, unit, sign: 1 }),
                    // "three years prior": three years before the time last named.
                    "earlier" | "before" | "previously" | "prior" => Some(Expr::Anaphor { unit, shift: -n, amount: true }),
                    _ => Some(Expr::Anaphor { unit, shift: n, amount: true }),
                }
            }
        ),
        // (in) two weeks' time, a month's time: the date that far on, as
        // "two weeks from now" ("in two weeks" stays a duration).
        rule!(
            t(U),
            format!(r"\bin\s+(?P<t>{mods}?(?P<n>{amount})[\s-]+(?P<u>{UNIT})(?:'s|’s|'|’)?\s+time)\b"),
            |c, _| {
                let (amount, unit) = lex::amount_of(g(c, "n")?)?.of_unit(g(c, "u")?)?;
                Some(match amount.int() {
                    Some(n) => Expr::Ago { n, unit, sign: 1 },
                    None => Expr::Ref("FUTURE_REF"),
                })
            }
        ),
        // six months, the past two years, the first nine months, six-month, 22-year-old, two more weeks
        rule!(
            t(U),
            format!(
                r"\b(?P<t>(?:(?:at\s+least|at\s+most|more\s+than|less\s+than|nearly|almost)\s+the\s+|the\s+|these\s+)?(?:(?P<rel>past|last|next|coming|first|final|previous|following|initial|latest|recent|remaining|other)\s+)?{mods}?(?P<n>{amount})(?:\s*(?:to|or|-|–)\s*(?P<n2>{amount}))?[\s-]+(?:more\s+)?(?:(?:trading|business|working|calendar)\s+)?(?P<u>{UNIT})(?P<old>-old)?(?P<half>\s+and\s+a\s+half\b)?(?:\s+or\s+so\b)?)"
            ),
            |c, text| {
                let amount = lex::amount_of(g(c, "n")?)?;
                let uw = g(c, "u")?;
                let unit = Unit::of(uw)?;
                let plural = uw.to_ascii_lowercase().ends_with('s') && !uw.eq_ignore_ascii_case("centuries") || uw.eq_ignore_ascii_case("centuries");
                let n_word = g(c, "n")?;
                let whole = c.name("t")?.as_str();
                let hyphen = whole.contains('-');
                if amount.int() == Some(1) && plural {
                    return None;
                }
                // "a quarter of the seats" is a share, not a time.
                if word_after(text, end_of(c)).eq_ignore_ascii_case("of") && unit == Unit::Quarter {
                    return None;
                }
                // "a day" after a price or a count is a rate: "$5 a day", "twice a day".
                if n_word.eq_ignore_ascii_case("a") || n_word.eq_ignore_ascii_case("an") {
                    if c.name("rel").is_none() && !whole.contains(' ') {
                        return None;
                    }
                    let prev = word_before(text, start_of(c));
                    let prev_char = text
                        .get(..start_of(c))
                        .and_then(|h| h.trim_end().chars().next_back());
                    // A rate ("$5 a day", "four flights a week", "358,000 a
                    // month"): TimeBank mostly leaves these out.
                    let prev2 = word_before(text, start_of(c).saturating_sub(prev.len() + 1));
                    if prev_char.is_some_and(|ch| ch.is_ascii_digit() || ch == '%')
                        || [
                            "cents", "dollars", "million", "billion", "percent", "times",
                            "barrels", "tons", "hours", "pounds", "yen", "marks", "francs",
                            "euros", "each", "apiece",
                        ]
                        .contains(&prev.as_str())
                        || (prev.chars().all(|ch| ch.is_alphabetic())
                            && (prev2.starts_with(|ch: char| ch.is_ascii_digit())
                                || lex::number_word(&prev2).is_some()))
                    {
                        return None;
                    }
                }
                if amount == Amount::Vague && !plural && !hyphen {
                    return None;
                }
                // "a second group", "a second term": the ordinal, not the unit.
                if unit == Unit::Second && !plural && amount.int() == Some(1) && !n_word.starts_with(|ch: char| ch.is_ascii_digit()) {
                    let next = word_after(text, end_of(c));
                    if next.starts_with(|ch: char| ch.is_alphabetic())
                        && !matches!(next.to_ascii_lowercase().as_str(), "or" | "and" | "later" | "ago" | "earlier" | "before" | "after" | "longer" | "too")
                    {
                        return None;
                    }
                }
                // "52 years old", "a 22-year-old man": an age, which the
                // TimeML corpora leave out.
                if c.name("old").is_some() || word_after(text, end_of(c)).eq_ignore_ascii_case("old") {
                    return None;
                }
                // "2 1/2 years", "a year and a half"
                let amount = match (c.name("half"), amount) {
                    (Some(_), Amount::Num(n)) if !n.contains('.') => Amount::Num(format!("{n}.5")),
                    (Some(_), _) => return None,
                    (None, a) => a,
                };
                let (amount, unit) = amount.of_unit(uw)?;
                Some(Expr::Duration { amount, unit })
            }
        ),
        // years, (the past) few days, many years, recent years, centuries
        rule!(
            t(U),
            r"(?:\b(?P<prep>for|in|over|within|of)\s+)?(?P<t>\b(?P<the>the\s+)?(?:(?P<rel>past|last|next|coming|upcoming|future|recent|previous|first|following|ensuing)\s+)?(?P<q>few|several|many|some)?\s*(?P<u>(?:second|minute|hour|day|week|month|quarter|year|decade)s|centuries)(?:\s+(?P<ahead>ahead|to\s+come)|\s+(?P<ago>ago))?)\b",
            |c, text| {
                let unit = Unit::of(g(c, "u")?)?;
                let rel = g(c, "rel").map(|r| r.to_ascii_lowercase());
                let start = start_of(c);
                let prev = text.get(..start).and_then(|h| h.trim_end().chars().next_back());
                if prev.is_some_and(|ch| ch.is_ascii_digit()) {
                    return None;
                }
                // "months ago", "years ago": TimeBank writes the vague
                // stretch back (DURATION PXM, 1 of 1), not a past reference
                // (a count is the rule above's).
                if c.name("ago").is_some() {
                    let counted = rel.is_some() || lex::number_word(&word_before(text, start)).is_some();
                    return (!counted).then_some(Expr::Duration { amount: Amount::Vague, unit });
                }
                // "the following months", "the ensuing years": a vague stretch
                // from the time the text is at (no corpus case; as "the next
                // few weeks", PXW); "following months of talks" is not one.
                if matches!(rel.as_deref(), Some("following" | "ensuing")) && c.name("the").is_none() {
                    return None;
                }
                // "recent weeks", "recent months": TimeBank writes a vague
                // duration (PXW, PXM: 3 of 3); "recent days", "recent
                // years" a past reference (4 of 7 with AQUAINT-dev).
                if rel.as_deref() == Some("recent") && !matches!(unit, Unit::Week | Unit::Month) {
                    return Some(Expr::Ref("PAST_REF"));
                }
                // "coming months", "future quarters", "the weeks ahead": some time after now.
                if matches!(rel.as_deref(), Some("coming" | "upcoming" | "future"))
                    && c.name("q").is_none()
                    || c.name("ahead").is_some()
                {
                    return Some(Expr::Ref("FUTURE_REF"));
                }
                if c.name("q").is_none() && rel.is_none() && c.name("prep").is_none() {
                    return None;
                }
                // "the days", "in days": too loose without a quantifier;
                // "for weeks", "within months" say how long.
                let prep = g(c, "prep").map(|p| p.to_ascii_lowercase());
                let how_long = matches!(prep.as_deref(), Some("for" | "within" | "over"))
                    && !text
                        .get(start..)
                        .unwrap_or("")
                        .to_ascii_lowercase()
                        .starts_with("the");
                if c.name("q").is_none()
                    && rel.is_none()
                    && !how_long
                    && unit != Unit::Year
                    && unit != Unit::Decade
                    && unit != Unit::Century
                {
                    return None;
                }
                Some(Expr::Duration { amount: Amount::Vague, unit })
            }
        ),
        // in the past, recently, now, the future...
        rule!(
            w(&[
                "now",
                "currently",
                "recently",
                "lately",
                "nowadays",
                "soon",
                "past",
                "future",
                "present",
                "days",
                "term"
            ]),
            r"(?:\b(?P<prep>in|of|for|over)\s+)?(?P<t>\b(?P<w>now|currently|recently|lately|nowadays|soon|the\s+past|the\s+future|the\s+present|these\s+days|at\s+present|right\s+now|the\s+(?:near|immediate|foreseeable|distant)\s+future|the\s+(?:near|short)\s+term))\b",
            |c, text| {
                let w = g(c, "w")?.to_ascii_lowercase();
                let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
                let next = word_after(text, end_of(c)).to_ascii_lowercase();
                if w == "the past" || w == "the future" || w == "the present" {
                    // "the past two weeks" is a duration, matched elsewhere.
                    if lex::amount_of(&next).is_some() || Unit::of(&next).is_some() || next == "few" || next == "several" {
                        return None;
                    }
                    if w == "the present" && c.name("prep").is_none() {
                        return None;
                    }
                }
                if w.ends_with("term") && c.name("prep").is_none() {
                    return None;
                }
                // "have recently moved", "was recently extended": inside a
                // perfect or passive verb the tuning golds leave it out
                // (TimeBank 1 of 1, AQUAINT-dev 2 of 2; the 12 they mark
                // have no auxiliary before).
                if w == "recently"
                    && matches!(
                        word_before(text, start_of(c)).as_str(),
                        "have" | "has" | "had" | "was" | "were" | "is" | "are" | "been" | "be"
                    )
                {
                    return None;
                }
                // "as soon as", "soon after": a signal word, not a time.
                if w == "soon" {
                    let before = word_before(text, start_of(c));
                    if before == "as"
                        || before == "so"
                        || matches!(next.as_str(), "after" | "before" | "as" | "thereafter")
                    {
                        return None;
                    }
                    // "was soon released", "soon became": shortly after a past
                    // event, which TimeBank and AQUAINT leave unmarked.
                    let modal = matches!(before.as_str(), "will" | "would" | "could" | "may" | "might" | "should" | "must" | "to");
                    let past_next = (next.len() > 4 && next.ends_with("ed") && !next.ends_with("eed"))
                        || matches!(next.as_str(), "became" | "came" | "went" | "took" | "made" | "found" | "got" | "began" | "grew" | "fell" | "rose" | "left" | "arose" | "gave" | "saw");
                    if matches!(before.as_str(), "was" | "were" | "had") || (past_next && !modal) {
                        return None;
                    }
                }
                Some(Expr::Ref(match w.as_str() {
                    "now" | "currently" | "nowadays" | "the present" | "these days"
                    | "at present" | "right now" => "PRESENT_REF",
                    "soon" => "FUTURE_REF",
                    w if w.ends_with("future") || w.ends_with("term") => "FUTURE_REF",
                    _ => "PAST_REF",
                }))
            }
        ),
        // the past three summers, hot summers: every such season, a SET
        // (TimeBank 1 of 1; GUM marks generic "summers", "winters" too).
        // "springs" and "falls" are water and a verb; "Summers" a name.
        rule!(Trig { flags: 0, words: &["summers", "winters", "autumns"] },
            format!(r"\b(?P<t>(?:the\s+)?(?:(?P<rel>past|last|previous|next|coming|following)\s+(?:{amount})\s+)?(?P<s>summers|winters|autumns))\b"),
            |c, _| {
                let sw = g(c, "s")?;
                if c.name("rel").is_none() && !sw.starts_with(|ch: char| ch.is_ascii_lowercase()) {
                    return None;
                }
                Some(Expr::Set(format!("XXXX-{}", season_of(sw.strip_suffix('s')?)?)))
            }
        ),
        // two winters ago, a summer ago
        rule!(Trig { flags: S, words: &["summers", "winters", "springs", "autumns", "falls"] },
            format!(r"\b(?P<t>(?P<n>{amount})\s+(?P<s>summer|winter|spring|autumn|fall)s?\s+ago)\b"),
            |c, _| {
                let n = lex::amount_of(g(c, "n")?)?.int()?;
                (1..=100).contains(&n).then_some(Expr::SeasonsAgo { season: season_of(g(c, "s")?)?, n })
            }
        ),
        // (the) summer (of 2012), last winter, in the fall
        rule!(t(S), 
            r"(?:\b(?P<prep>in|during|over|through|since|until|by|for|throughout)\s+)?(?P<t>\b(?P<the>the\s+)?(?:(?P<m>early|late|mid)(?:-|\s+))?(?P<s>spring|summer|fall|autumn|winter)(?:,?\s+(?:of\s+)?(?P<y>\d{4}))?)\b",
            |c, text| {
                let season = season_of(g(c, "s")?)?;
                let year = year_of(g(c, "y"));
                // "summer", "winter", "autumn" in lower case are seasons even
                // alone; "spring" and "fall" are also a water source and a verb.
                let plain = matches!(season, "SU" | "WI") || g(c, "s").is_some_and(|w| w == "autumn");
                let licensed = year.is_some() || c.name("prep").is_some() || c.name("the").is_some() || c.name("m").is_some() || plain;
                if !licensed {
                    return None;
                }
                // "the fall of the Berlin Wall", "the spring of the year": "fall" and "spring" as nouns.
                let next = word_after(text, end_of(c)).to_ascii_lowercase();
                if year.is_none() && (next == "of" || next == "in") && matches!(season, "FA" | "SP") {
                    return None;
                }
                if year.is_none() && season == "FA" && c.name("prep").is_none() {
                    return None;
                }
                // "winter storms", "the Summer Paralympics", "summer camp": a
                // season naming a kind of thing, not a time.
                if year.is_none() && modifies_noun(text, end_of(c), g(c, "s")?) {
                    return None;
                }
                Some(Expr::Season { season, year, rel: Rel::None })
            }
        ),
        // the third quarter (of 2013), third-quarter, the year-ago quarter, the latest quarter
        rule!(t(U), 
            r"\b(?P<t>(?:the\s+)?(?:(?:\d{4}(?:'s|’s)?|year[- ](?:ago|earlier)|fiscal|latest|last|current|previous|past|next|coming|recent|same|final|(?:this|last|next)\s+year(?:'s|’s))[\s-]+)*(?:(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+)?(?:fiscal[\s-]+)?quarter(?:\s+of\s+(?:fiscal\s+)?(?P<y>\d{4})|,?\s+(?P<y2>\d{4})\b|\s+of\s+(?P<ry>this|last|next)\s+year\b)?)\b",
            |c, _| {
                let whole = c.name("t")?.as_str();
                let ws = words(whole);
                // "the final quarter of 2012", "the last quarter of next
                // year": the fourth, when a year is named.
                let of_year = c.name("y").is_some() || c.name("ry").is_some();
                let last_of = of_year && g(c, "o").is_none() && ws.iter().any(|w| w == "final" || w == "last");
                let q = g(c, "o").and_then(lex::ordinal_of).or(last_of.then_some(4));
                let mut year = year_of(g(c, "y").or(g(c, "y2")));
                let mut shift = 0;
                let mut rel = Rel::None;
                for w in &ws {
                    let w = w.trim_end_matches("'s").trim_end_matches("’s");
                    if w.len() == 4 && w.chars().all(|ch| ch.is_ascii_digit()) && year.is_none() {
                        year = w.parse().ok();
                    }
                    match w {
                        "ago" | "earlier" => shift = -1,
                        "last" | "previous" | "past" => rel = Rel::Last,
                        "current" | "this" => rel = Rel::This,
                        "next" | "coming" => rel = Rel::Next,
                        _ => {}
                    }
                }
                // "last year's quarter", "next year's first quarter": the
                // quarter (the latest one, or the one named) of that year.
                let lower = whole.to_ascii_lowercase().replace('’', "'");
                // "the fourth quarter of last year", "next year's first
                // quarter": that quarter of the year the words name, whatever
                // the tense.
                let year_word = g(c, "ry").map(str::to_ascii_lowercase).or_else(|| {
                    ["last", "this", "next"].into_iter().find(|r| lower.contains(&format!("{r} year's"))).map(str::to_string)
                });
                if let (Some(q), Some(r)) = (q, year_word) {
                    let shift = match r.as_str() {
                        "last" => -1,
                        "next" => 1,
                        _ => 0,
                    };
                    return Some(Expr::QuarterOfYear { q, shift });
                }
                if last_of {
                    rel = Rel::None;
                }
                if lower.contains("last year's") || lower.contains("next year's") {
                    shift = if lower.contains("last year's") { -1 } else { 1 };
                    rel = Rel::None;
                } else if q.is_none() && !lower.starts_with("the") && rel == Rel::None && year.is_none() {
                    // bare "quarter" ("a quarter of the vote") is not a time.
                    return None;
                }
                Some(Expr::Quarter { q, year, rel, year_shift: shift })
            }
        ),
        // the 1988 period: the period under discussion (a quarter), in 1988
        rule!(t(D), r"\b(?P<t>the\s+(?P<y>1[5-9]\d\d|20\d\d)\s+period)\b", |c, _| {
            Some(Expr::Quarter { q: None, year: year_of(g(c, "y")), rel: Rel::None, year_shift: 0 })
        }),
        // Q1, Q3 2013, 1Q13; H1 2013, 2H 2012: a half year, as company
        // results write it
        rule!(t(D), r"\b(?:(?-i:Q)(?P<q>[1-4])(?:\s+(?P<y>\d{4}))?|(?P<q2>[1-4])(?-i:Q)\s*(?P<y2>\d{4}|\d\d)|(?:(?-i:H)(?P<h>[12])|(?P<h2>[12])(?-i:H))\s+(?P<y3>(?:19|20)\d\d))\b", |c, text| {
            if let Some(h) = g(c, "h").or(g(c, "h2")) {
                return Some(Expr::Half { h: h.parse().ok()?, year: year_of(g(c, "y3")), rel: Rel::None });
            }
            let q: u8 = g(c, "q").or(g(c, "q2"))?.parse().ok()?;
            // "the first quartile, Q1": statistics, not a quarter.
            let near = |a: usize, b: usize| {
                let lo = floor_boundary(text, a);
                let hi = floor_boundary(text, b.min(text.len()));
                text.get(lo..hi).is_some_and(|s| s.to_ascii_lowercase().contains("quartile") || s.contains("IQR"))
            };
            if near(start_of(c).saturating_sub(40), end_of(c) + 40) {
                return None;
            }
            let year = match g(c, "y2") {
                Some(yy) if yy.len() == 2 => Some(two_digit_year(yy.parse().ok()?)),
                y2 => year_of(g(c, "y").or(y2)),
            };
            Some(Expr::Quarter { q: Some(q), year, rel: Rel::None, year_shift: 0 })
        }),
        // the first half (of 2013 | of the year)
        rule!(w(&["half"]), 
            r"\b(?P<t>the\s+(?P<o>first|second|last|latter)\s+half(?:\s+of\s+(?:(?P<y>\d{4})|(?P<rel>this|last|next|the)\s+year))?)\b",
            |c, _| {
                let h = if g(c, "o")?.eq_ignore_ascii_case("first") { 1 } else { 2 };
                let rel = g(c, "rel").map_or(Rel::None, Rel::of);
                if c.name("y").is_none() && c.name("rel").is_none() {
                    return None;
                }
                Some(Expr::Half { h, year: year_of(g(c, "y")), rel })
            }
        ),
        // Christmas, New Year's Day, last Thanksgiving, Good Friday, Mother's
        // Day (July 4th is a date already); "Easter Sunday morning" is that
        // day's part, "Easter week" its ISO week (AQUAINT-dev 1 of 1).
        rule!(w(HOLIDAY_TRIGGERS),
            format!(r"\b(?P<t>(?:(?P<hrel>(?-i:last|this|next))\s+|(?P<every>every|each)\s+)?(?P<name>{HOLIDAY_NAME})(?:,?\s+(?P<y>\d{{4}})\b|\s+(?P<pod>morning|afternoon|evening|night)\b|\s+(?P<wk>week)\b|\s+(?P<we>weekend)\b)?)\b"),
            holiday
        ),
        // the Memorial Day weekend, the Christmas week: "the" with them, as
        // "the weekend"
        rule!(w(HOLIDAY_TRIGGERS),
            format!(r"\b(?P<t>the\s+(?P<name>{HOLIDAY_NAME})\s+(?:(?P<wk>week)|(?P<we>weekend)))\b"),
            holiday
        ),
        // 3 p.m., 10:30 am EST Friday
        rule!(
            t(D),
            format!(
                r"\b(?P<t>(?:(?:about|around|at\s+about|approximately|shortly\s+after|shortly\s+before|just\s+after|just\s+before)\s+)?(?P<h>\d{{1,2}})(?:[:.](?P<m>\d{{2}}))?\s*(?P<ap>a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b){zone}{day_tail})"
            ),
            |c, _| {
                let (hour, minute) = clock(g(c, "h")?, g(c, "m"), g(c, "ap"))?;
                let day = time_day(c);
                Some(Expr::Time {
                    hour,
                    minute,
                    second: None,
                    day,
                })
            }
        ),
        // "at 6 a.m. ten days before the robbery": one time, counted
        // from the day the text last named (AQUAINT-dev marks it so, 1 of 1;
        // "before"/"after" stays out as there).
        rule!(
            t(D),
            format!(
                r"\b(?P<t>(?P<h>\d{{1,2}})(?:[:.](?P<m>\d{{2}}))?\s*(?P<ap>a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b)\s+(?P<n>{amount})\s+(?P<u>days?|weeks?))\s+(?P<dir>before|after|earlier|later)\b"
            ),
            |c, _| {
                let (hour, minute) = clock(g(c, "h")?, g(c, "m"), g(c, "ap"))?;
                let n = lex::amount_of(g(c, "n")?)?.int()?;
                let days = n.checked_mul(if Unit::of(g(c, "u")?)? == Unit::Week { 7 } else { 1 })?;
                let sign = if matches!(g(c, "dir")?.to_ascii_lowercase().as_str(), "before" | "earlier") { -1 } else { 1 };
                let day = Expr::Anaphor { unit: Unit::Day, shift: sign * days, amount: true };
                Some(Expr::Time { hour, minute, second: None, day: Some(Box::new(day)) })
            }
        ),
        // 15:00 GMT Saturday, 10:30:15; 0900 GMT, the wire services'
        // 24-hour clock, always with its zone
        rule!(
            t(D),
            format!(
                r"\b(?P<t>(?:(?:about|around|at\s+about|approximately)\s+)?(?:(?P<h>[01]?\d|2[0-4]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?|(?P<h2>[01]\d|2[0-3])(?P<m2>[0-5]\d))\b(?:\s*(?P<ap>a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b))?{zone}{day_tail})"
            ),
            |c, text| {
                let after = text.get(end_of(c)..).and_then(|t| t.chars().next());
                if matches!(after, Some(':' | '/')) || after.is_some_and(|ch| ch.is_ascii_digit()) {
                    return None;
                }
                let before = text.get(..start_of(c)).and_then(|t| t.chars().next_back());
                if matches!(before, Some(':' | '/' | '.' | ',')) || before.is_some_and(|ch| ch.is_ascii_digit()) {
                    return None;
                }
                // Without am/pm, a zone, a day or "at", "3:2" is a score.
                let licensed = c.name("ap").is_some()
                    || c.name("z").is_some()
                    || c.name("day").is_some()
                    || c.name("dmon2").is_some()
                    || matches!(
                        word_before(text, start_of(c)).as_str(),
                        "at" | "by"
                            | "until"
                            | "till"
                            | "from"
                            | "to"
                            | "around"
                            | "about"
                            | "after"
                            | "before"
                            | "since"
                    );
                // "0900" only with "GMT" or "UTC" after it (not "1430 EST", a year).
                let military = c.name("h2").is_some();
                if !licensed || military && !g(c, "z").is_some_and(|z| z == "GMT" || z == "UTC") {
                    return None;
                }
                let (hour, minute) = clock(g(c, "h").or(g(c, "h2"))?, g(c, "m").or(g(c, "m2")), g(c, "ap"))?;
                let second = g(c, "s").and_then(|s| s.parse().ok());
                let day = time_day(c);
                Some(Expr::Time {
                    hour,
                    minute,
                    second,
                    day,
                })
            }
        ),
        // a decade-long ban, a two-year-long inquiry, a months-long search:
        // the length of what the noun names, the whole word.
        rule!(t(U), format!(r"\b(?P<t>(?:(?P<n>\d{{1,3}}|{NUM_WORD})-)?(?P<u>{UNIT})-long)\b"), |c, _| {
            let uw = g(c, "u")?;
            let amount = match g(c, "n") {
                Some(n) => lex::amount_of(n)?,
                None if uw.ends_with(['s', 'S']) => Amount::Vague,
                None => Amount::Num("1".into()),
            };
            let (amount, unit) = amount.of_unit(uw)?;
            Some(Expr::Duration { amount, unit })
        }),
        // at 2 in the morning, at nine at night
        rule!(t(D | N), 
            format!(r"\bat\s+(?P<t>(?P<h>\d{{1,2}}|{NUM_WORD})(?:\s+o(?:'|’)clock)?\s+(?:in\s+the\s+(?P<pod>morning|afternoon|evening)|at\s+night))"),
            |c, _| {
                let (mut hour, minute) = clock(g(c, "h")?, None, None)?;
                if hour > 12 {
                    return None;
                }
                match g(c, "pod").map(|p| p.to_ascii_lowercase()) {
                    Some(p) if p == "morning" => {
                        if hour == 12 {
                            hour = 0
                        }
                    }
                    Some(_) => {
                        if hour < 12 {
                            hour += 12
                        }
                    }
                    None => {
                        if (6..12).contains(&hour) {
                            hour += 12
                        } else if hour == 12 {
                            hour = 0
                        }
                    }
                }
                Some(Expr::Time { hour, minute, second: None, day: None })
            }
        ),
        // at two o'clock
        rule!(t(D | N), format!(r"\b(?P<t>(?P<h>\d{{1,2}}|{NUM_WORD})\s+o(?:'|’)clock)"), |c, _| {
            let (hour, minute) = clock(g(c, "h")?, None, None)?;
            (hour <= 12).then_some(Expr::Time { hour, minute, second: None, day: None })
        }),
        // noon, midnight (Friday)
        rule!(
            w(&["noon", "midnight", "midday"]),
            format!(r"\b(?P<t>(?P<w>noon|midnight|midday){zone}{day_tail})\b"),
            |c, _| {
                let w = g(c, "w")?.to_ascii_lowercase();
                let hour = if w == "midnight" { 24 } else { 12 };
                let day = time_day(c);
                Some(Expr::Time {
                    hour,
                    minute: 0,
                    second: None,
                    day,
                })
            }
        ),
        // year-earlier, the year-ago quarter: the same period a year back
        // the corresponding period last year, the quarter a year ago
        rule!(w(&["year"]), r"\b(?P<t>the\s+(?:comparable\s+|corresponding\s+)?year[- ](?:earlier|ago)\s+(?:period|quarter)|the\s+(?:(?:comparable|corresponding|same)\s+)?(?P<q>period|quarter)\s+(?:last\s+year|a\s+year\s+(?:ago|earlier))|year[- ](?:earlier|ago)\b)", |c, _| {
            // "the quarter a year ago" names a quarter itself: the latest, a year back.
            if g(c, "q").is_some_and(|q| q.eq_ignore_ascii_case("quarter")) {
                return Some(Expr::Quarter { q: None, year: None, rel: Rel::None, year_shift: -1 });
            }
            Some(Expr::Ago { n: 1, unit: Unit::Year, sign: -1 })
        }),
        // the week ended April 27, the week ending Friday: a week's length
        // and its last day apart, as TimeBank writes "the year ended
        // March 31" (the year: P1Y, 7 of 8).
        rule!(
            w(&["week"]),
            format!(r"\b(?P<t>the\s+week)\s+end(?:ed|ing)\s+(?:on\s+)?(?:{WEEKDAY}|{MONTH}|\d|yesterday\b|today\b|tomorrow\b)"),
            |_, _| Some(Expr::Duration { amount: Amount::Num("1".into()), unit: Unit::Week })
        ),
        // the year ended March 31, throughout the year (a duration), for / in the year (this year); the end of the year
        rule!(
            w(&["year"]),
            r"(?:\b(?P<prep>for|during|over|through|throughout|in|of)\s+)?(?P<t>\b(?:the\s+(?P<edge>end|beginning|start|middle)\s+of\s+)?the\s+(?:full\s+|whole\s+|entire\s+)?(?:fiscal\s+)?year)\b",
            |c, text| {
                let next = word_after(text, end_of(c)).to_ascii_lowercase();
                let after = text.get(end_of(c)..).and_then(|t| t.chars().next());
                if matches!(after, Some('-' | '\'' | '’')) || ["ago", "earlier", "before", "after", "later", "of", "to", "that", "when"].contains(&next.as_str()) || lex::amount_of(&next).is_some() {
                    return None;
                }
                if c.name("edge").is_some() {
                    return Some(Expr::Unit { unit: Unit::Year, shift: 0 });
                }
                // TimeBank: "the year ended March 31" is a year's length (7 of
                // 8), "for the (full) year" this year (5 of 5).
                if matches!(next.as_str(), "ended" | "ending") {
                    return Some(Expr::Duration { amount: Amount::Num("1".into()), unit: Unit::Year });
                }
                match g(c, "prep").map(|p| p.to_ascii_lowercase()).as_deref() {
                    Some("during" | "over" | "through" | "throughout") => Some(Expr::Duration { amount: Amount::Num("1".into()), unit: Unit::Year }),
                    Some("in" | "for") => Some(Expr::Unit { unit: Unit::Year, shift: 0 }),
                    // "the first nine months of the year" — but not "player of
                    // the year", "much of the year", "the Book of the Year".
                    Some("of") => {
                        let year_word = c.name("t")?.as_str().rsplit(char::is_whitespace).next().unwrap_or("");
                        let of_at = c.name("prep")?.start();
                        let owner = word_before(text, of_at);
                        let time_owner = Unit::of(&owner).is_some()
                            || matches!(owner.as_str(), "half" | "part" | "portion" | "rest" | "remainder" | "balance" | "course");
                        (time_owner && !lex::capitalised(year_word)).then_some(Expr::Unit { unit: Unit::Year, shift: 0 })
                    }
                    _ => None,
                }
            }
        ),
        // year-end, by year end, the year's end
        rule!(
            w(&["year", "year's", "year’s"]),
            r"\b(?P<t>(?:the\s+)?year[- ]end|(?:the\s+)?year(?:'s|’s)\s+end)\b",
            |c, text| {
                // TimeBank and GUM write "year-end" as the day, December 31;
                // "since year-end" is the last one.
                let since = word_before(text, start_of(c)) == "since";
                let t = c.name("t")?.as_str();
                if t.contains("'s") || t.contains("’s") {
                    return Some(Expr::Unit { unit: Unit::Year, shift: 0 });
                }
                Some(Expr::MonthOfYear { month: 12, day: Some(31), shift: if since { -1 } else { 0 } })
            }
        ),
        // the latest period: the quarter just reported
        rule!(
            w(&["period"]),
            r"\b(?P<t>the\s+(?:latest|most\s+recent)\s+period)\b",
            |_, _| {
                Some(Expr::Quarter {
                    q: None,
                    year: None,
                    rel: Rel::None,
                    year_shift: 0,
                })
            }
        ),
        // nineteen ninety-six, the year two thousand
        rule!(
            t(N | M | S),
            format!(
                r"\b(?P<t>(?:(?P<mon>{MONTH})\s+(?:of\s+)?|(?:the\s+)?(?P<s>spring|summer|fall|autumn|winter)\s+of\s+)?(?:(?:the\s+year\s+)?(?P<c>nineteen|twenty)[\s-]+(?P<r>{NUM_WORD})|the\s+year\s+two\s+thousand(?:\s+(?:and\s+)?(?P<r2>{NUM_WORD}))?))"
            ),
            |c, _| {
                let month = g(c, "mon")
                    .filter(|m| lex::capitalised(m))
                    .and_then(lex::month_of);
                if g(c, "mon").is_some() && month.is_none() {
                    return None;
                }
                let y = match (g(c, "c"), g(c, "r"), g(c, "r2")) {
                    (Some(cc), Some(r), _) => {
                        let r = lex::number_word(r)?;
                        if r < 10 {
                            return None;
                        }
                        if cc.eq_ignore_ascii_case("nineteen") { 1900 + r } else { 2000 + r }
                    }
                    (_, _, Some(r)) => 2000 + lex::number_word(r)?,
                    _ => 2000,
                };
                if let Some(season) = g(c, "s").and_then(season_of) {
                    return Some(Expr::Season {
                        season,
                        year: Some(y),
                        rel: Rel::None,
                    });
                }
                Some(Expr::Cal {
                    year: Some(y),
                    month,
                    day: None,
                    rel: Rel::None,
                })
            }
        ),
        // overnight
        // Only before a noun ("overnight losses", TimeBank 1 of 1): as an
        // adverb ("struck overnight", "refrigerate overnight") the tuning
        // golds leave it out (AQUAINT-dev 1 of 1, GUM train 5 of 5).
        rule!(w(&["overnight"]), r"\b(?P<t>overnight)\b", |c, text| {
            let next = word_after(text, end_of(c)).to_ascii_lowercase();
            let noun = text.get(end_of(c)..).is_some_and(|t| t.starts_with(' '))
                && noun(&next);
            noun.then(|| Expr::PartOfDay { day: Box::new(Expr::DayOffset(-1)), part: "NI" })
        }),
    ]
});

/// Word classes a rule is triggered by.
const D: u8 = 1; // a word with a digit
const M: u8 = 2; // a month name
const W: u8 = 4; // a day name
const U: u8 = 8; // a time unit, "weekend"
const S: u8 = 16; // a season
const P: u8 = 32; // a part of the day
const N: u8 = 64; // a number word

/// Where a rule can match: near a word of one of `flags`' classes or one of
/// `words`. Rules run only in windows around such words, which keeps the
/// (many, case-insensitive) patterns off the bulk of the text.
#[derive(Clone, Copy)]
struct Trig {
    flags: u8,
    words: &'static [&'static str],
}

const fn t(flags: u8) -> Trig {
    Trig { flags, words: &[] }
}
const fn w(words: &'static [&'static str]) -> Trig {
    Trig { flags: 0, words }
}

/// Bytes of context a match may reach before / after its trigger word.
const BACK: usize = 80;
const AHEAD: usize = 60;

fn classify(w: &str) -> u8 {
    if w.bytes().any(|b| b.is_ascii_digit()) {
        return D;
    }
    let mut f = 0;
    if lex::month_of(w).is_some() && (w.len() <= 4 || matches!(w, "january" | "february" | "march" | "april" | "may" | "june" | "july" | "august" | "september" | "october" | "november" | "december")) {
        f |= M;
    }
    let singular = w.strip_suffix('s').unwrap_or(w);
    if matches!(singular, "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" | "mon" | "tue" | "tues" | "wed" | "thu" | "thur" | "thurs" | "fri" | "sat") {
        f |= W;
    }
    if Unit::of(w).is_some() || singular == "weekend" {
        f |= U;
    }
    if season_of(w).is_some() {
        f |= S;
    }
    if part_of(singular).is_some() {
        f |= P;
    }
    if lex::number_word(w).is_some() {
        f |= N;
    }
    f
}

/// Words of `text`: byte span and lower-cased ASCII form.
fn words_of(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let in_word = c.is_ascii_alphanumeric() || ((c == '\'' || c == '’') && start.is_some());
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = text[s..i].trim_end_matches(['\'', '’']);
                // "Friday's" triggers like "Friday".
                let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
                out.push((s, s + w.len(), w.to_ascii_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Ends a window where a word ends, so `\b` at the cut means what it says.
fn window_end(text: &str, at: usize) -> usize {
    let mut end = floor_boundary(text, at.min(text.len()));
    while let Some(c) = text.get(end..).and_then(|t| t.chars().next()) {
        if !c.is_alphanumeric() {
            break;
        }
        end += c.len_utf8();
    }
    end
}

/// The source of every pattern, flags included, for the test that checks the
/// page's regex engine against the native one.
#[doc(hidden)]
pub fn pattern_sources() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|rule| rule.re.as_str()).chain(std::iter::once(OTHER_END.as_str()))
}

/// The other end of a range of days of the month: " to the 12th".
static OTHER_END: LazyLock<Regex> = LazyLock::new(|| compile(r"^\s+(?:to|through|until|till|and|or|-)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b"));

/// Every candidate expression in `text`, overlapping, in no particular order.
pub fn candidates(text: &str) -> Vec<Candidate> {
    let words = words_of(text);
    let classes: Vec<u8> = words.iter().map(|(_, _, w)| classify(w)).collect();
    let mut out = Vec::new();
    for (i, rule) in RULES.iter().enumerate() {
        // Merged windows around this rule's trigger words.
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for ((s, e, w), class) in words.iter().zip(&classes) {
            if class & rule.trig.flags == 0 && !rule.trig.words.contains(&w.as_str()) {
                continue;
            }
            let ws = floor_boundary(text, s.saturating_sub(BACK));
            let we = window_end(text, e.saturating_add(AHEAD));
            match windows.last_mut() {
                Some(last) if ws <= last.1 => last.1 = last.1.max(we),
                _ => windows.push((ws, we)),
            }
        }
        for (ws, we) in windows {
            scan(rule, i, text, ws, we, &mut out);
        }
    }
    out
}

/// Runs one rule over `text[from..to]` (context before `from` still counts
/// for `\b`), pushing what its builder accepts.
fn scan(rule: &Rule, index: usize, text: &str, from: usize, to: usize, out: &mut Vec<Candidate>) {
    let Some(hay) = text.get(..to) else { return };
    let mut pos = from;
    while pos <= hay.len() {
        let Some(c) = rule.re.captures_at(hay, pos) else { break };
        let Some(whole) = c.get(0) else { break };
        let t = c.name("t").unwrap_or(whole);
        let next_start = hay
            .get(whole.start()..)
            .and_then(|s| s.chars().next())
            .map_or(hay.len() + 1, |ch| whole.start() + ch.len_utf8());
        let accepted = if t.as_str().trim().is_empty() {
            None
        } else {
            (rule.build)(&c, text)
        };
        let accepted = accepted.filter(|e| !title_like(text, Span::new(t.start(), t.end()), e));
        match accepted {
            Some(expr) => {
                let span = tail_on(text, lead_off(text, adjectival(text, trim_span(text, Span::new(t.start(), t.end())), &expr), &expr));
                out.push(Candidate { span, expr, rule: index });
                pos = whole.end().max(next_start);
            }
            None => pos = next_start,
        }
    }
}

/// A deictic phrase written as a title or a name: "ABC's \"This Week\"",
/// "VOA Today", "USA Today". Dates with names of their own (holidays,
/// months) are not deictic and are never judged here.
fn title_like(text: &str, span: Span, expr: &Expr) -> bool {
    if !matches!(
        expr,
        Expr::Unit { .. }
            | Expr::DayOffset(_)
            | Expr::Ref(_)
            | Expr::Anaphor { .. }
            | Expr::Duration { .. }
            | Expr::Weekend { .. }
            | Expr::PartOfDay { .. }
    ) {
        return false;
    }
    let s = text.get(span.range()).unwrap_or("");
    let words: Vec<&str> = s.split_whitespace().collect();
    let caps = |w: &&str| w.chars().next().is_some_and(|c| c.is_uppercase());
    if words.len() >= 2 {
        // "60 Minutes": figures aside, every word capitalised.
        let lettered = || words.iter().filter(|w| !w.starts_with(|c: char| c.is_ascii_digit()));
        return lettered().next().is_some() && lettered().all(caps);
    }
    if !words.first().is_some_and(caps) {
        return false;
    }
    // One capitalised word right after another on the same line: a name.
    let head = text.get(..span.start).unwrap_or("");
    let gap = head.len() - head.trim_end_matches([' ', '\t']).len();
    gap > 0
        && head
            .trim_end_matches([' ', '\t'])
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| lex::capitalised(w) && w.len() > 1)
}

/// "the third-quarter results", "the two-week trip": before a noun the
/// article belongs to the noun phrase, not the expression.
fn adjectival(text: &str, span: Span, expr: &Expr) -> Span {
    if !matches!(expr, Expr::Duration { .. } | Expr::Quarter { .. }) {
        return span;
    }
    let s = text.get(span.range()).unwrap_or("");
    let Some(rest) = s.get(..4).filter(|h| h.eq_ignore_ascii_case("the ")).map(|_| &s[4..]) else { return span };
    let last_token = rest.rsplit(' ').next().unwrap_or("");
    let last = last_token.rsplit('-').next().unwrap_or("");
    // "third-quarter", "two-week" — not "fiscal-first quarter".
    let hyphenated = last_token.contains('-') && (lex::ordinal_of(last_token.split('-').next().unwrap_or("")).is_some() || Unit::of(last).is_some());
    let singular_after_number = !last.ends_with('s') && rest.split_whitespace().count() == 2 && lex::amount_of(rest.split_whitespace().next().unwrap_or("")).and_then(|a| a.int()).is_some_and(|n| n > 1 && n < 1000);
    if (hyphenated || singular_after_number) && !word_after(text, span.end).is_empty() && rest.split_whitespace().count() <= 2 {
        Span::new(span.start + 4, span.end)
    } else {
        span
    }
}

/// Leaves "about" and "later" out of the front of a span ("about two
/// weeks", "Later Thursday" → "two weeks", "Thursday"): AQUAINT leaves them
/// out, TimeBank mostly keeps them; on the pooled tuning parts dropping
/// "about" wins and "later" ties (GUM train decides). "earlier" stays: there
/// TimeBank outweighs AQUAINT. The verb "last" goes too ("could last two
/// weeks"). The value is still read from the whole match.
fn lead_off(text: &str, span: Span, expr: &Expr) -> Span {
    let s = text.get(span.range()).unwrap_or("");
    let Some((first, rest)) = s.split_once(' ') else { return span };
    let rest_start = rest.trim_start();
    let drop = match first.to_ascii_lowercase().as_str() {
        "about" => true,
        // "later in the day" is one expression.
        "later" => !rest_start.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("in ")),
        // "could last weeks", "expected to last two days": the verb.
        "last" => matches!(expr, Expr::Duration { .. }) && matches!(
            word_before(text, span.start).as_str(),
            "to" | "will" | "would" | "could" | "can" | "may" | "might" | "not"
        ),
        _ => false,
    };
    if drop && !rest_start.is_empty() {
        Span::new(span.end - rest_start.len(), span.end)
    } else {
        span
    }
}

/// Takes in a vague tail that widens an expression ("the next year or so",
/// "1994 or later", "1990 and beyond", "a year or two", "weeks or months"):
/// TimeBank marks these whole, and no tuning corpus leaves one out.
fn tail_on(text: &str, span: Span) -> Span {
    const TAILS: &[&str] = &["or so", "or later", "or earlier", "and beyond", "or more", "or longer", "or two", "or three"];
    let rest = text.get(span.end..).unwrap_or("");
    let Some(after) = rest.strip_prefix(' ') else { return span };
    let word_end = |n: usize| after.as_bytes().get(n).is_none_or(|b| !b.is_ascii_alphanumeric());
    for tail in TAILS {
        if after.get(..tail.len()).is_some_and(|h| h.eq_ignore_ascii_case(tail)) && word_end(tail.len()) {
            return Span::new(span.start, span.end + 1 + tail.len());
        }
    }
    // "weeks or months", "recent weeks and months": two plural units.
    let last = text.get(span.range()).unwrap_or("").rsplit(' ').next().unwrap_or("");
    let plural_unit = |w: &str| w.len() > 3 && w.ends_with('s') && Unit::of(w).is_some();
    if plural_unit(last) {
        if let Some((conj, more)) = after.split_once(' ') {
            let next = word_after(more, 0);
            if matches!(conj, "or" | "and") && plural_unit(next) && more.starts_with(next) {
                return Span::new(span.start, span.end + 1 + conj.len() + 1 + next.len());
            }
        }
    }
    span
}

/// Drops trailing spaces, a sentence-final comma and an unopened bracket
/// from a span, and the
/// last full stop of "a.m." / "p.m." inside a sentence ("at 6 a.m. near the
/// house": the tuning corpora end the span before it; before a comma or at
/// a sentence end they keep it).
fn trim_span(text: &str, span: Span) -> Span {
    let s = text.get(span.range()).unwrap_or("");
    let mut trimmed = s.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    // "(1430 GMT)": a zone's closing bracket only with its opening one.
    if trimmed.ends_with(')') && !trimmed.contains('(') {
        trimmed = trimmed[..trimmed.len() - 1].trim_end();
    }
    let tail = trimmed.as_bytes().get(trimmed.len().saturating_sub(4)..).unwrap_or(b"");
    let mid_sentence = || {
        let after = text.get(span.start + trimmed.len()..).unwrap_or("");
        after.starts_with(' ') && after.trim_start().starts_with(|c: char| c.is_ascii_lowercase())
    };
    if (tail.eq_ignore_ascii_case(b"a.m.") || tail.eq_ignore_ascii_case(b"p.m.")) && mid_sentence() {
        trimmed = &trimmed[..trimmed.len() - 1];
    }
    let lead = trimmed.len() - trimmed.trim_start().len();
    Span::new(span.start + lead, span.start + trimmed.len())
}

