//! Word lists and regex fragments shared by the recogniser and `dct`.
//!
//! Fragments are plain strings spliced into larger patterns (all compiled
//! case-insensitively); the `*_of` functions read a matched word back.

/// Full and abbreviated month names. Abbreviations take an optional dot; the
/// `\b` keeps "Mayor" and "Marching" out. Capitalisation is checked by the
/// rules (so "may" the modal and "march" the verb stay out).
pub const MONTH: &str = r"(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\b|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)";

/// Day names; abbreviations only with a dot ("Tues."), as bare "Sun" and
/// "Wed" are ordinary words too often.
pub const WEEKDAY: &str = r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat)\.)";

/// Cardinal number words one to ninety-nine.
pub const NUM_WORD: &str = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine)\b";

/// Time units, singular or plural.
pub const UNIT: &str = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)\b";

/// Time zones written after a clock time; upper case only (so "et" and "pt"
/// in running text stay out).
pub const ZONE: &str = r"(?-i:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|Z)\b";

/// Time zones written as words after a clock time ("9 p.m. Eastern time",
/// "noon local time", "10 a.m. Moscow time"): news gives the zone or the
/// place, and TimeBank keeps the zone inside the time ("5 p.m. EST Nov. 9").
pub const ZONE_NAME: &str = r"(?:(?:local|eastern|central|mountain|pacific|moscow|beijing)(?:\s+(?:standard|daylight))?\s+time)\b";

/// The amount before a unit: digits, number words ("a hundred", "two
/// thousand" too), and the vague quantifiers TimeML writes as `X`.
pub fn amount_fragment() -> String {
    format!(
        r"(?:(?:\d{{1,3}}|{NUM_WORD})\s+and\s+a\s+half\b|(?:an?|\d{{1,3}}|{NUM_WORD})\s+(?:hundred|thousand)\b|\d{{1,3}}(?:,\d{{3}})*(?:\.\d+|\s+1/2\b)?|{NUM_WORD}|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+few|a\s+dozen|dozens\s+of|hundreds\s+of|several|many|few|an?\b)"
    )
}

/// A calendar unit, the grain of a TIMEX3 value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The unit a (possibly plural, possibly capitalised) word names.
    pub fn of(word: &str) -> Option<Unit> {
        let w = word.to_ascii_lowercase();
        let w = w.trim_end_matches('.');
        Some(match w {
            "second" | "seconds" => Unit::Second,
            "minute" | "minutes" => Unit::Minute,
            "hour" | "hours" => Unit::Hour,
            "day" | "days" => Unit::Day,
            "week" | "weeks" | "fortnight" | "fortnights" => Unit::Week,
            "month" | "months" => Unit::Month,
            "quarter" | "quarters" => Unit::Quarter,
            "year" | "years" => Unit::Year,
            "decade" | "decades" => Unit::Decade,
            "century" | "centuries" => Unit::Century,
            _ => return None,
        })
    }

    /// The unit a word names and how many of it the word counts: a
    /// "fortnight" is two weeks. Every rule that reads an amount of a unit
    /// word goes through this (or [`Amount::of_unit`]), so no path can
    /// write a fortnight as one week.
    pub fn measure(word: &str) -> Option<(Unit, i64)> {
        let unit = Unit::of(word)?;
        let fortnight = word.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("fort"));
        Some((unit, if fortnight { 2 } else { 1 }))
    }

    /// Letter(s) in a TIMEX3 duration ("P6M", "PT2H").
    pub fn duration_letter(self) -> &'static str {
        match self {
            Unit::Second => "S",
            Unit::Minute => "M",
            Unit::Hour => "H",
            Unit::Day => "D",
            Unit::Week => "W",
            Unit::Month => "M",
            Unit::Quarter => "Q",
            Unit::Year => "Y",
            Unit::Decade => "DE",
            Unit::Century => "CE",
        }
    }

    pub fn is_clock(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }
}

/// Month number (1–12) of a month word or abbreviation.
pub fn month_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let p = w.get(..3)?;
    Some(match p {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

/// ISO weekday number (Monday = 1) of a day name or abbreviation, plural too.
pub fn weekday_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let p = w.get(..3)?;
    Some(match p {
        "mon" => 1,
        "tue" => 2,
        "wed" => 3,
        "thu" => 4,
        "fri" => 5,
        "sat" => 6,
        "sun" => 7,
        _ => return None,
    })
}

/// Value of a cardinal number word ("twenty-one" → 21).
pub fn number_word(word: &str) -> Option<i64> {
    let w = word.to_ascii_lowercase();
    let mut total = 0i64;
    let mut any = false;
    for part in w.split(|c: char| c == '-' || c.is_whitespace()).filter(|p| !p.is_empty()) {
        let v = match part {
            "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "thirteen" => 13,
            "fourteen" => 14,
            "fifteen" => 15,
            "sixteen" => 16,
            "seventeen" => 17,
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            _ => return None,
        };
        total = total.checked_add(v)?;
        any = true;
    }
    any.then_some(total)
}

/// An amount before a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Amount {
    /// A written number, kept as text so "1.5" survives ("P1.5Y").
    Num(String),
    /// "several", "a few", "many": TimeML writes `X`.
    Vague,
}

impl Amount {
    /// The amount as an integer, when it is one.
    pub fn int(&self) -> Option<i64> {
        match self {
            Amount::Num(s) => s.parse().ok(),
            Amount::Vague => None,
        }
    }
    pub fn text(&self) -> &str {
        match self {
            Amount::Num(s) => s,
            Amount::Vague => "X",
        }
    }

    /// The amount times `k` (whole numbers and halves: "1.5 fortnights"
    /// are three weeks); vague amounts stay vague.
    pub fn times(self, k: i64) -> Option<Amount> {
        if k == 1 {
            return Some(self);
        }
        let half = self.text().strip_suffix(".5").and_then(|n| n.parse::<i64>().ok());
        Some(match (self.int(), half) {
            (Some(n), _) => Amount::Num(n.checked_mul(k)?.to_string()),
            (_, Some(n)) if k % 2 == 0 => Amount::Num(n.checked_mul(k)?.checked_add(k / 2)?.to_string()),
            (_, Some(n)) => Amount::Num(format!("{}.5", n.checked_mul(k)?.checked_add(k / 2)?)),
            _ => self,
        })
    }

    /// `self` of the unit `word` names, in that unit: ("two", "fortnights")
    /// → (4, weeks).
    pub fn of_unit(self, word: &str) -> Option<(Amount, Unit)> {
        let (unit, k) = Unit::measure(word)?;
        Some((self.times(k)?, unit))
    }
}

/// Reads an amount matched by [`amount_fragment`].
pub fn amount_of(s: &str) -> Option<Amount> {
    let w = s.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase();
    match w.as_str() {
        "a" | "an" => return Some(Amount::Num("1".into())),
        "a couple of" | "a couple" | "couple of" => return Some(Amount::Num("2".into())),
        "a dozen" => return Some(Amount::Num("12".into())),
        "a few" | "several" | "many" | "few" | "dozens of" | "hundreds of" => return Some(Amount::Vague),
        _ => {}
    }
    // "a hundred", "two thousand"
    for (suffix, k) in [(" hundred", 100), (" thousand", 1000)] {
        if let Some(head) = w.strip_suffix(suffix) {
            let n = match amount_of(head)? {
                Amount::Num(n) => n.parse::<u64>().ok()?,
                Amount::Vague => return None,
            };
            return n.checked_mul(k).map(|n| Amount::Num(n.to_string()));
        }
    }
    if let Some(whole) = w.strip_suffix(" 1/2").or_else(|| w.strip_suffix(" and a half")) {
        // "2 1/2", "two and a half": a half more than a whole number.
        return amount_of(whole)?.int().map(|n| Amount::Num(format!("{n}.5")));
    }
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        let digits: String = w.chars().filter(|&c| c != ',').collect();
        // Keep integers canonical ("007" → "7"); decimals as written.
        if let Ok(n) = digits.parse::<u64>() {
            return Some(Amount::Num(n.to_string()));
        }
        if is_decimal(&digits) {
            return Some(Amount::Num(digits));
        }
        return None;
    }
    number_word(&w).map(|n| Amount::Num(n.to_string()))
}

/// Whether `s` reads as a number the way `str::parse::<f64>` reads one that
/// starts with a digit: digits, an optional fraction, an optional exponent
/// ("1.5", "2.", "1e6"). Not `parse::<f64>` itself: float parsing and
/// printing were 18 KB gzip of the page.
fn is_decimal(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |i: usize| b.get(i..).map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count());
    let mut i = digits(0);
    if i == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1 + digits(i + 1);
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp = digits(i);
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == b.len()
}

/// Ordinal word or figure ("third", "3rd") → number, 1–31 for figures.
pub fn ordinal_of(word: &str) -> Option<u8> {
    let w = word.to_ascii_lowercase();
    Some(match w.as_str() {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        _ => return None,
    })
}

/// Whether `word` starts with an upper-case letter.
pub fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}
