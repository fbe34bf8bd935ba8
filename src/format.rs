//! TIMEX3 values written for people: "2013-04-29" → "Mon 29 Apr 2013",
//! "P6M" → "6 months", "201X" → "the 2010s". Anything not understood is
//! shown as it is: a raw value beats a wrong one.

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAY_NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// `format!("{x:.1$}", x, decimals)` for a duration in milliseconds, 0 or
/// 1 decimals, rounded the same way (the exact binary value, ties to even).
/// Not `format!` itself: float parsing and printing were 18 KB gzip of the page.
/// Exact below 10^18; beyond that (no duration is) the digits saturate.
pub fn fixed(x: f64, decimals: u32) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x.is_infinite() {
        return format!("{sign}inf");
    }
    // |x| = m · 2^e exactly.
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    let (m, e) = if exp == 0 { (frac, -1074) } else { (frac | (1 << 52), exp - 1075) };
    let scaled = u128::from(m) * 10u128.pow(decimals.min(1));
    let n = if e >= 0 {
        scaled.checked_shl(e as u32).filter(|v| v >> e == scaled).unwrap_or(u128::MAX)
    } else {
        let k = e.unsigned_abs();
        if k >= 127 {
            0
        } else {
            let (q, r, half) = (scaled >> k, scaled & ((1 << k) - 1), 1u128 << (k - 1));
            q + u128::from(r > half || r == half && q % 2 == 1)
        }
    };
    let n = u64::try_from(n).unwrap_or(u64::MAX);
    if decimals == 0 {
        format!("{sign}{n}")
    } else {
        format!("{sign}{}.{}", n / 10, n % 10)
    }
}

/// A readable form of a TIMEX3 value, at the value's own granularity.
pub fn timex_value(value: &str) -> String {
    let value = value.trim();
    match value {
        "" => return "undated".into(),
        "PRESENT_REF" => return "now".into(),
        "PAST_REF" => return "the past".into(),
        "FUTURE_REF" => return "the future".into(),
        _ => {}
    }
    if let Some(rest) = value.strip_prefix('P') {
        return duration(rest).unwrap_or_else(|| value.to_string());
    }
    let (date, time) = match value.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (value, None),
    };
    let Some(date) = date_part(date) else { return value.to_string() };
    match time.map(time_part) {
        None => date,
        Some(Some(time)) => format!("{date}, {time}"),
        Some(None) => value.to_string(),
    }
}

/// How much time a TIMEX3 value covers, named for the timeline's styles: a
/// year-long stay and a single day are drawn differently.
pub fn granularity(value: &str) -> &'static str {
    let value = value.trim();
    if value.ends_with("_REF") || value.is_empty() {
        return "vague";
    }
    if value.starts_with('P') {
        return "span";
    }
    let date = value.split_once('T').map_or(value, |(d, _)| d);
    if value.contains('T') {
        return "time";
    }
    let mut parts = date.split('-');
    let year = parts.next().unwrap_or("");
    match (parts.next(), parts.next()) {
        (None, _) if year.len() == 4 && !year.contains('X') => "year",
        (None, _) => "era",
        (Some(p), None) if p.starts_with('W') => "week",
        (Some(p), None) if p.starts_with('Q') || p.starts_with('H') => "quarter",
        (Some(p), None) if p.bytes().all(|b| b.is_ascii_digit()) => "month",
        (Some(_), None) => "season",
        (Some(_), Some(_)) => "day",
    }
}

/// A civil date as "Mon 29 Apr 2013".
pub fn full_date(date: jiff::civil::Date) -> String {
    let weekday = WEEKDAYS[date.weekday().to_monday_zero_offset() as usize % 7];
    format!("{weekday} {} {} {}", date.day(), MONTHS[date.month() as usize - 1], date.year())
}

fn number(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

fn month_name(s: &str) -> Option<&'static str> {
    number(s).filter(|m| (1..=12).contains(m)).map(|m| MONTHS[m as usize - 1])
}

fn date_part(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split('-').collect();
    let year = parts[0];
    let year_text = match year.len() {
        4 if number(year).is_some() => year.to_string(),
        4 if year == "XXXX" => String::new(),
        // "201X" or "201": a decade; "19" or "19XX": a century.
        4 if year.ends_with("XX") && year.get(..2).and_then(number).is_some() => format!("the {}00s", &year[..2]),
        4 if year.ends_with('X') && year.get(..3).and_then(number).is_some() => format!("the {}0s", &year[..3]),
        3 if number(year).is_some() => format!("the {year}0s"),
        2 if number(year).is_some() => format!("the {year}00s"),
        _ => return None,
    };
    let in_year = |what: String| if year_text.is_empty() { what } else { format!("{what} {year_text}") };
    match parts.as_slice() {
        [_] if year_text.is_empty() => Some("an unknown year".into()),
        [_] => Some(year_text.clone()),
        [_, "WE"] => Some(in_year("a weekend in".into())),
        // "2013-W17": the ISO week, named by its Monday (few readers know
        // week numbers); without a year, by its number.
        [_, m] if m.starts_with('W') => number(&m[1..]).map(|w| match iso_week_day(year, w, jiff::civil::Weekday::Monday) {
            Some(monday) => format!("the week of {}", full_date(monday)),
            None if year_text.is_empty() => format!("week {w}"),
            None => in_year(format!("week {w} of")),
        }),
        [_, m] if m.starts_with('Q') => number(&m[1..]).map(|q| in_year(format!("Q{q}"))),
        [_, m] if m.starts_with('H') => number(&m[1..]).map(|h| in_year(format!("H{h}"))),
        [_, "SP"] => Some(in_year("spring".into())),
        [_, "SU"] => Some(in_year("summer".into())),
        [_, "FA"] => Some(in_year("autumn".into())),
        [_, "WI"] => Some(in_year("winter".into())),
        [_, m] => month_name(m).map(|m| in_year(m.into())),
        // "2013-W17-WE": the weekend of that ISO week, by its Saturday.
        [_, w, "WE"] if w.starts_with('W') => {
            let saturday = number(&w[1..]).and_then(|w| iso_week_day(year, w, jiff::civil::Weekday::Saturday));
            match (saturday, number(&w[1..])) {
                (Some(saturday), _) => Some(format!("the weekend of {}", full_date(saturday))),
                (None, Some(week)) if year_text.is_empty() => Some(format!("the weekend of week {week}")),
                (None, Some(week)) => Some(in_year(format!("the weekend of week {week} of"))),
                (None, None) => Some(in_year("a weekend in".into())),
            }
        }
        [_, w, d] if w.starts_with('W') => {
            let weekday = number(d).filter(|d| (1..=7).contains(d))?;
            let day = WEEKDAY_NAMES[weekday as usize - 1];
            let exact = number(&w[1..]).and_then(|w| {
                let weekday = jiff::civil::Weekday::from_monday_one_offset(i8::try_from(weekday).ok()?).ok()?;
                iso_week_day(year, w, weekday)
            });
            if let Some(date) = exact {
                return Some(full_date(date));
            }
            match number(&w[1..]) {
                Some(week) if year_text.is_empty() => Some(format!("{day} of week {week}")),
                Some(week) => Some(in_year(format!("{day} of week {week},"))),
                None if w[1..].chars().all(|c| c == 'X') && year_text.is_empty() => Some(format!("a {day}")),
                None => None,
            }
        }
        [_, m, d] => {
            let month = month_name(m)?;
            let day = number(d).filter(|d| (1..=31).contains(d))?;
            let exact = (|| {
                let y: i16 = year.parse().ok()?;
                jiff::civil::Date::new(y, m.parse().ok()?, i8::try_from(day).ok()?).ok()
            })();
            Some(match exact {
                Some(date) => full_date(date),
                None => in_year(format!("{day} {month}")),
            })
        }
        _ => None,
    }
}

/// The day of ISO week `week` of `year` (four digits) that falls on `weekday`.
fn iso_week_day(year: &str, week: u32, weekday: jiff::civil::Weekday) -> Option<jiff::civil::Date> {
    let year = i16::try_from(number(year).filter(|_| year.len() == 4)?).ok()?;
    Some(jiff::civil::ISOWeekDate::new(year, i8::try_from(week).ok()?, weekday).ok()?.date())
}

fn time_part(s: &str) -> Option<String> {
    Some(match s {
        "MO" => "morning".into(),
        "MI" => "midday".into(),
        "AF" => "afternoon".into(),
        "EV" => "evening".into(),
        "NI" => "night".into(),
        "DT" => "daytime".into(),
        _ => {
            let mut it = s.split(':');
            let h = number(it.next()?)?;
            let m = it.next().map_or(Some(0), number)?;
            (h < 25 && m < 60).then(|| format!("{h:02}:{m:02}"))?
        }
    })
}

fn duration(rest: &str) -> Option<String> {
    let mut parts = Vec::new();
    let mut in_time = false;
    let mut amount = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            'T' if amount.is_empty() => in_time = true,
            '0'..='9' | '.' | 'X' => amount.push(c),
            _ if amount.is_empty() => return None,
            _ => {
                // Two-letter units: DE(cade), CE(ntury), ML (millennium).
                let unit = match (c, chars.peek()) {
                    ('D', Some('E')) | ('C', Some('E')) | ('M', Some('L')) => {
                        let second = chars.next()?;
                        format!("{c}{second}")
                    }
                    _ => c.to_string(),
                };
                let name = match (unit.as_str(), in_time) {
                    ("Y", false) => "year",
                    ("M", false) => "month",
                    ("W", false) => "week",
                    ("D", false) => "day",
                    ("DE", false) => "decade",
                    ("CE", false) => "century",
                    ("ML", false) => "millennium",
                    ("H", true) => "hour",
                    ("M", true) => "minute",
                    ("S", true) => "second",
                    _ => return None,
                };
                parts.push(count(&amount, name));
                amount.clear();
            }
        }
    }
    (amount.is_empty() && !parts.is_empty()).then(|| parts.join(" "))
}

fn count(amount: &str, unit: &str) -> String {
    let plural = |unit: &str| match unit {
        "century" => "centuries".to_string(),
        "millennium" => "millennia".to_string(),
        u => format!("{u}s"),
    };
    match amount {
        a if a.chars().all(|c| c == 'X') => format!("some {}", plural(unit)),
        "1" => format!("1 {unit}"),
        a => format!("{a} {}", plural(unit)),
    }
}

#[cfg(test)]
mod tests {
    use super::fixed;

    /// `fixed` prints what `format!` prints, on durations and edge values.
    #[test]
    fn fixed_matches_format() {
        let mut xs = vec![0.0, -0.0, 0.04, 0.05, 0.15, 0.25, 0.35, 0.5, 1.5, 2.5, 0.95, 9.95, 99.95, 12.5, 1234.45, 1e15, 4.4e15, 1e17, 5e-324, f64::MIN_POSITIVE, -3.25, -0.01];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            xs.push((seed % 100_000_000) as f64 / 1000.0);
            xs.push((seed % 4096) as f64 / 16.0 + 0.05);
            xs.push(f64::from_bits(seed >> 2) % 1e9);
        }
        for x in xs {
            assert_eq!(fixed(x, 0), format!("{x:.0}"), "{x:e}");
            assert_eq!(fixed(x, 1), format!("{x:.1}"), "{x:e}");
        }
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!((fixed(x, 0), fixed(x, 1)), (format!("{x:.0}"), format!("{x:.1}")));
        }
    }

    use super::{granularity, timex_value};

    #[test]
    fn values_name_their_granularity() {
        for (value, expected) in [
            ("2012", "year"),
            ("201X", "era"),
            ("2013-04", "month"),
            ("2013-W17", "week"),
            ("2013-Q1", "quarter"),
            ("2012-SU", "season"),
            ("2013-04-29", "day"),
            ("XXXX-WXX-1", "day"),
            ("2013-04-30T02:00", "time"),
            ("P6M", "span"),
            ("PAST_REF", "vague"),
            ("", "vague"),
        ] {
            assert_eq!(granularity(value), expected, "{value}");
        }
    }

    #[test]
    fn values_read_at_their_granularity() {
        for (value, readable) in [
            ("2013-04-29", "Mon 29 Apr 2013"),
            ("2013-04-30", "Tue 30 Apr 2013"),
            ("2013-04", "Apr 2013"),
            ("2012", "2012"),
            ("201X", "the 2010s"),
            ("199", "the 1990s"),
            ("19XX", "the 1900s"),
            ("2013-W17", "the week of Mon 22 Apr 2013"),
            ("2013-W01", "the week of Mon 31 Dec 2012"),
            ("2013-W60", "week 60 of 2013"),
            ("XXXX-W17", "week 17"),
            ("2013-W17-3", "Wed 24 Apr 2013"),
            ("XXXX-W17-3", "Wednesday of week 17"),
            ("2013-W17-WE", "the weekend of Sat 27 Apr 2013"),
            ("XXXX-W17-WE", "the weekend of week 17"),
            ("2013-Q2", "Q2 2013"),
            ("2013-SU", "summer 2013"),
            ("2013-FA", "autumn 2013"),
            ("XXXX-WXX-1", "a Monday"),
            ("XXXX-04-29", "29 Apr"),
            ("2013-04-29T14:30", "Mon 29 Apr 2013, 14:30"),
            ("2013-04-29TEV", "Mon 29 Apr 2013, evening"),
            ("P6M", "6 months"),
            ("P1Y", "1 year"),
            ("P3D", "3 days"),
            ("P2W", "2 weeks"),
            ("PT2H30M", "2 hours 30 minutes"),
            ("P1DT12H", "1 day 12 hours"),
            ("PXY", "some years"),
            ("P2DE", "2 decades"),
            ("PRESENT_REF", "now"),
            ("PAST_REF", "the past"),
            ("FUTURE_REF", "the future"),
            ("2013-02-30", "30 Feb 2013"),
        ] {
            assert_eq!(timex_value(value), readable, "{value}");
        }
    }

    #[test]
    fn unknown_values_are_shown_as_they_are() {
        for value in ["banana", "P", "PQ", "2013-13", "2013-04-29T99:00", "P6", "20131", "é"] {
            assert_eq!(timex_value(value), value);
        }
    }
}

/// Makes invisible characters visible, for "was: …" titles and the repair
/// list: a removed zero-width space should not read as nothing.
pub fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{a0}' => out.push_str("⟨nbsp⟩"),
            '\u{200b}' => out.push_str("⟨zwsp⟩"),
            '\u{200c}' | '\u{200d}' | '\u{2060}' => out.push_str("⟨zw⟩"),
            '\u{ad}' => out.push_str("⟨shy⟩"),
            '\u{feff}' => out.push_str("⟨bom⟩"),
            '\n' => out.push('↵'),
            '\t' => out.push('⇥'),
            c if c.is_control() => out.push('�'),
            c => out.push(c),
        }
    }
    if out.is_empty() {
        "(nothing)".into()
    } else if out.trim().is_empty() {
        format!("“{out}”")
    } else {
        out
    }
}

/// What a repair replaced, for the reader. An insertion replaced nothing,
/// so show the glued stretch of the input around it instead ("inParisfor").
pub fn repair_before(doc: &dateline_core::Document, repair: &dateline_core::Repair) -> String {
    if !repair.before.is_empty() {
        return visible(&repair.before);
    }
    let source = doc.source.as_str();
    let span = match crate::layout::snap(source, repair.source_span) {
        Some(s) => s,
        None => return visible(""),
    };
    let left: usize = source[..span.start].chars().rev().take(40).take_while(|c| !c.is_whitespace()).map(char::len_utf8).sum();
    let right: usize = source[span.end..].chars().take(40).take_while(|c| !c.is_whitespace()).map(char::len_utf8).sum();
    visible(&source[span.start - left..span.end + right])
}

/// What a repair put in, for the reader. An inserted space alone says
/// little, so show it with the words it now separates ("in Paris").
pub fn repair_after(doc: &dateline_core::Document, repair: &dateline_core::Repair) -> String {
    if !repair.before.is_empty() || repair.after.trim() != "" || repair.after.is_empty() {
        return visible(&repair.after);
    }
    let text = doc.text.as_str();
    let Some(span) = crate::layout::snap(text, repair.span) else { return visible(&repair.after) };
    let left: usize = text[..span.start].chars().rev().take(40).take_while(|c| !c.is_whitespace()).map(char::len_utf8).sum();
    let right: usize = text[span.end..].chars().take(40).take_while(|c| !c.is_whitespace()).map(char::len_utf8).sum();
    visible(&text[span.start - left..span.end + right])
}

#[cfg(test)]
mod shown_tests {
    use super::*;
    use dateline_core::{Document, Repair, RepairKind, Span};

    #[test]
    fn invisible_characters_are_named() {
        assert_eq!(visible("a\u{a0}b\u{200b}"), "a⟨nbsp⟩b⟨zwsp⟩");
        assert_eq!(visible(""), "(nothing)");
        assert_eq!(visible(" "), "“ ”");
    }

    #[test]
    fn an_insertion_shows_the_glued_input_around_it() {
        let doc = Document { source: "He was inRussiafor years.".into(), ..Document::default() };
        let repair = Repair { kind: RepairKind::Glue, before: String::new(), after: " ".into(), span: Span::new(9, 10), source_span: Span::new(9, 9) };
        assert_eq!(repair_before(&doc, &repair), "inRussiafor");
        let cleaned = Document { text: "He was in Russiafor years.".into(), ..doc.clone() };
        assert_eq!(repair_after(&cleaned, &repair), "in Russiafor");
        let out_of_range = Repair { source_span: Span::new(90, 99), ..repair };
        assert_eq!(repair_before(&doc, &out_of_range), "(nothing)");
    }
}
