//! The normaliser: places an [`Expr`] on the calendar and writes its TIMEX3
//! type and value.
//!
//! Anchors: deictic expressions ("yesterday", "last week", "two years ago")
//! count from the article date (DCT); anaphoric ones ("the next day", "a week
//! later", "that year") from the reference time, the last concrete date
//! mentioned before them, else the DCT. Bare weekdays, months and dates take
//! the side of the DCT the sentence's tense points to; in a text about
//! another time (a biography, a history: `text_year`), bare months and dates
//! take the year the text last wrote.
//!
//! Without a DCT nothing deictic can be placed, so values stay
//! underspecified the TimeML way: "Monday" → `XXXX-WXX-1`, "April 30" →
//! `XXXX-04-30`, and anything before / at / after the unknown article date
//! ("yesterday", "last year", "two years ago" / "today", "this week" /
//! "tomorrow", "next month") → `PAST_REF` / `PRESENT_REF` / `FUTURE_REF`.
//! Ordering code can still sort an explicit year against `PAST_REF` only
//! loosely; that is the honest amount the text tells without a date.

use jiff::civil::{Date, Weekday};

use super::lex::{Amount, Unit};
use super::rules::{Expr, Holiday, Rel};
use crate::document::TimexType;

/// Which side of the DCT the sentence talks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// A concrete stretch of the calendar, at some grain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Point {
    Day(Date),
    /// The Monday of an ISO week.
    Week(Date),
    Month(i64, u8),
    Quarter(i64, u8),
    Year(i64),
}

/// What normalisation knows besides the expression.
pub struct Ctx {
    pub dct: Option<Date>,
    /// The article's year: `dct`'s, or inferred alone (`dct` is then
    /// `None`); only year-level expressions use it.
    pub dct_year: Option<i64>,
    pub tense: Tense,
    /// The last concrete date mentioned before this expression.
    pub reference: Option<Point>,
    /// The last fiscal quarter mentioned nearby: "a year ago" in a sentence
    /// about quarterly results means that quarter a year back.
    pub recent_quarter: Option<(i64, u8)>,
    /// A day named earlier in the same sentence, for bare clock times.
    pub sentence_day: Option<Date>,
    /// The year the text last wrote out, when the text tells of another
    /// time than its own date (a biography, a history): bare months and
    /// days take it instead of the DCT's.
    pub text_year: Option<i64>,
}

pub struct Norm {
    pub kind: TimexType,
    pub value: String,
    /// The new reference time, when this expression names a concrete date.
    pub point: Option<Point>,
}

fn norm(kind: TimexType, value: impl Into<String>) -> Norm {
    Norm { kind, value: value.into(), point: None }
}

fn date_norm(p: Point) -> Norm {
    match format_point(p) {
        Some(v) => Norm { kind: TimexType::Date, value: v, point: Some(p) },
        None => norm(TimexType::Date, "XXXX"),
    }
}

fn side(shift: i64) -> &'static str {
    match shift.signum() {
        -1 => "PAST_REF",
        0 => "PRESENT_REF",
        _ => "FUTURE_REF",
    }
}

pub fn fmt_year(y: i64) -> Option<String> {
    (0..=9999).contains(&y).then(|| format!("{y:04}"))
}

pub fn fmt_day(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn fmt_week(monday: Date) -> String {
    let w = monday.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

pub fn format_point(p: Point) -> Option<String> {
    Some(match p {
        Point::Day(d) => fmt_day(d),
        Point::Week(m) => fmt_week(m),
        Point::Month(y, m) => format!("{}-{m:02}", fmt_year(y)?),
        Point::Quarter(y, q) => format!("{}-Q{q}", fmt_year(y)?),
        Point::Year(y) => fmt_year(y)?,
    })
}

/// The year a point lies in (a week: its Monday's).
pub fn year_of(p: Point) -> i64 {
    match p {
        Point::Day(d) | Point::Week(d) => i64::from(d.year()),
        Point::Month(y, _) | Point::Quarter(y, _) | Point::Year(y) => y,
    }
}

/// The month a point lies in or ends with (none for a whole year).
pub fn month_of(p: Point) -> Option<u8> {
    match p {
        Point::Day(d) | Point::Week(d) => u8::try_from(d.month()).ok(),
        Point::Month(_, m) => Some(m),
        Point::Quarter(_, q) => Some(q.saturating_mul(3)),
        Point::Year(_) => None,
    }
}

pub fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().try_days(n).ok()?).ok()
}

fn make_date(y: i64, m: u8, d: u8) -> Option<Date> {
    Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

fn weekday_num(d: Date) -> i64 {
    i64::from(d.weekday().to_monday_one_offset())
}

fn monday_of(d: Date) -> Option<Date> {
    add_days(d, 1 - weekday_num(d))
}

fn shift_month(y: i64, m: u8, n: i64) -> Option<(i64, u8)> {
    let total = y.checked_mul(12)?.checked_add(i64::from(m) - 1)?.checked_add(n)?;
    Some((total.div_euclid(12), u8::try_from(total.rem_euclid(12) + 1).ok()?))
}

fn shift_quarter(y: i64, q: u8, n: i64) -> Option<(i64, u8)> {
    let total = y.checked_mul(4)?.checked_add(i64::from(q) - 1)?.checked_add(n)?;
    Some((total.div_euclid(4), u8::try_from(total.rem_euclid(4) + 1).ok()?))
}

fn quarter_of(d: Date) -> (i64, u8) {
    (i64::from(d.year()), ((d.month() - 1) / 3 + 1) as u8)
}

/// The `wd` weekday nearest `dct` on the side `tense` picks (`strict` keeps
/// the DCT itself out: "last Monday" on a Monday is a week back).
fn weekday_near(dct: Date, wd: u8, past: bool, strict: bool) -> Option<Date> {
    let cur = weekday_num(dct);
    let wd = i64::from(wd);
    if past {
        let mut back = (cur - wd).rem_euclid(7);
        if back == 0 && strict {
            back = 7;
        }
        add_days(dct, -back)
    } else {
        let mut fwd = (wd - cur).rem_euclid(7);
        if fwd == 0 && strict {
            fwd = 7;
        }
        add_days(dct, fwd)
    }
}

/// "The previous Friday", "the following Monday": the `wd` weekday
/// before (`past`) or after the day `d` the text is at.
pub fn weekday_from(d: Date, wd: u8, past: bool) -> Norm {
    match weekday_near(d, wd, past, true) {
        Some(day) => date_norm(Point::Day(day)),
        None => norm(TimexType::Date, format!("XXXX-WXX-{wd}")),
    }
}

/// "The following weekend" (`dir` 1), "the previous weekend" (`dir` -1)
/// told from the day `d` the text is at: the first weekend after (before)
/// it, `d`'s own weekend excluded.
pub fn weekend_from(d: Date, dir: i64) -> Norm {
    let on_weekend = weekday_num(d) >= 6;
    let weeks = match (dir > 0, on_weekend) {
        (true, true) => 1,
        (true, false) => 0,
        (false, _) => -1,
    };
    match monday_of(d).and_then(|m| add_days(m, weeks * 7)) {
        Some(m) => norm(TimexType::Date, format!("{}-WE", fmt_week(m))),
        None => norm(TimexType::Date, "XXXX-WXX-WE"),
    }
}

/// Picks the year for a month (and day) written without one, by tense.
fn year_for(dct: Date, month: u8, day: Option<u8>, tense: Tense, rel: Rel) -> i64 {
    let y = i64::from(dct.year());
    let dm = dct.month() as u8;
    let dd = dct.day() as u8;
    let key = (month, day.unwrap_or(if rel == Rel::None { 1 } else { 0 }));
    let now = (dm, if day.is_some() { dd } else { 1 });
    match rel {
        Rel::Last => {
            if month < dm {
                y
            } else {
                y - 1
            }
        }
        Rel::Next => {
            if month > dm {
                y
            } else {
                y + 1
            }
        }
        Rel::This => y,
        // Tense moves a date to the neighbouring year only when it is well
        // off (a quarter or more) on the wrong side; otherwise the nearer.
        Rel::None => {
            let ahead = i64::from(month) - i64::from(dm);
            match tense {
                Tense::Past if key > now && ahead >= 3 => y - 1,
                Tense::Future if key < now && (ahead <= -3 || day.is_none()) => y + 1,
                Tense::Unknown if ahead > 6 => y - 1,
                Tense::Unknown if ahead < -6 => y + 1,
                _ => y,
            }
        }
    }
}

fn season_start(s: &str) -> u8 {
    match s {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    }
}

/// The year of a season named without one ("last winter": the winter
/// begun in the year before, December to February).
fn season_year(dct: Date, season: &str, rel: Rel, tense: Tense) -> i64 {
    let y = i64::from(dct.year());
    let m = dct.month() as u8;
    let start = season_start(season);
    match rel {
        Rel::This => y,
        Rel::Last => {
            if m >= start + 3 {
                y
            } else {
                y - 1
            }
        }
        Rel::Next => {
            if m < start {
                y
            } else {
                y + 1
            }
        }
        Rel::None => match tense {
            Tense::Past if m < start => y - 1,
            Tense::Future if m >= start + 3 => y + 1,
            _ => y,
        },
    }
}

/// Western Easter Sunday (anonymous Gregorian algorithm).
fn easter(y: i64) -> Option<Date> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    make_date(y, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
}

fn holiday_date(h: Holiday, y: i64) -> Option<Date> {
    match h {
        Holiday::Fixed(m, d) => make_date(y, m, d),
        Holiday::Thanksgiving => make_date(y, 11, 1)?.nth_weekday_of_month(4, Weekday::Thursday).ok(),
        Holiday::LaborDay => make_date(y, 9, 1)?.nth_weekday_of_month(1, Weekday::Monday).ok(),
        Holiday::MemorialDay => make_date(y, 5, 1)?.nth_weekday_of_month(-1, Weekday::Monday).ok(),
        Holiday::Easter => easter(y),
        Holiday::EasterOffset(days) => add_days(easter(y)?, i64::from(days)),
        Holiday::NthWeekday { month, n, wd } => make_date(y, month, 1)?.nth_weekday_of_month(i8::try_from(n).ok()?, iso_weekday(wd)).ok(),
        Holiday::AfterThanksgiving(days) => add_days(holiday_date(Holiday::Thanksgiving, y)?, i64::from(days)),
        Holiday::ElectionDay => add_days(make_date(y, 11, 1)?.nth_weekday_of_month(1, Weekday::Monday).ok()?, 1),
    }
}

/// The jiff weekday of an ISO weekday number (Monday 1; 7 and beyond Sunday).
fn iso_weekday(wd: u8) -> Weekday {
    match wd {
        1 => Weekday::Monday,
        2 => Weekday::Tuesday,
        3 => Weekday::Wednesday,
        4 => Weekday::Thursday,
        5 => Weekday::Friday,
        6 => Weekday::Saturday,
        _ => Weekday::Sunday,
    }
}

/// Moves `base` by `n` units, at the grain the result should have.
/// `keep_day`: "a week later" from a day is a day, "the following week" a week;
/// "a year earlier" from a quarter is that quarter, from a month the year
/// (TimeBank never writes the month).
fn shift_point(base: Point, unit: Unit, n: i64, keep_day: bool) -> Option<Point> {
    Some(match (unit, base) {
        (Unit::Day, Point::Day(d)) => Point::Day(add_days(d, n)?),
        (Unit::Week, Point::Day(d)) if keep_day => Point::Day(add_days(d, n.checked_mul(7)?)?),
        (Unit::Week, Point::Day(d)) => Point::Week(add_days(monday_of(d)?, n.checked_mul(7)?)?),
        (Unit::Week, Point::Week(m)) => Point::Week(add_days(m, n.checked_mul(7)?)?),
        (Unit::Month, Point::Day(d)) | (Unit::Month, Point::Week(d)) => {
            let (y, m) = shift_month(i64::from(d.year()), d.month() as u8, n)?;
            Point::Month(y, m)
        }
        (Unit::Month, Point::Month(y, m)) => {
            let (y, m) = shift_month(y, m, n)?;
            Point::Month(y, m)
        }
        (Unit::Quarter, Point::Day(d)) | (Unit::Quarter, Point::Week(d)) => {
            let (y, q) = quarter_of(d);
            let (y, q) = shift_quarter(y, q, n)?;
            Point::Quarter(y, q)
        }
        (Unit::Quarter, Point::Month(y, m)) => {
            let (y, q) = shift_quarter(y, (m - 1) / 3 + 1, n)?;
            Point::Quarter(y, q)
        }
        (Unit::Quarter, Point::Quarter(y, q)) => {
            let (y, q) = shift_quarter(y, q, n)?;
            Point::Quarter(y, q)
        }
        (Unit::Year, Point::Day(d)) | (Unit::Year, Point::Week(d)) => Point::Year(i64::from(d.year()).checked_add(n)?),
        (Unit::Year, Point::Quarter(y, q)) if keep_day => Point::Quarter(y.checked_add(n)?, q),
        (Unit::Year, Point::Month(y, _)) | (Unit::Year, Point::Quarter(y, _)) | (Unit::Year, Point::Year(y)) => {
            Point::Year(y.checked_add(n)?)
        }
        _ => return None,
    })
}

/// The day `n` units from `d` (a month on from January 31 is the last
/// day of February); clock units have no day. Calendar units by month
/// arithmetic, as the rest of this file counts them.
fn shift_day(d: Date, unit: Unit, n: i64) -> Option<Date> {
    let months = match unit {
        Unit::Day => return add_days(d, n),
        Unit::Week => return add_days(d, n.checked_mul(7)?),
        Unit::Month => n,
        Unit::Quarter => n.checked_mul(3)?,
        Unit::Year => n.checked_mul(12)?,
        Unit::Decade => n.checked_mul(120)?,
        Unit::Century => n.checked_mul(1200)?,
        _ => return None,
    };
    let (y, m) = shift_month(i64::from(d.year()), d.month() as u8, months)?;
    let day = d.day() as u8;
    (day.saturating_sub(3)..=day).rev().find_map(|dd| make_date(y, m, dd))
}

/// Whether `p` is fine-grained enough to count `unit`s from.
fn fits(p: Point, unit: Unit) -> bool {
    match unit {
        Unit::Day => matches!(p, Point::Day(_)),
        Unit::Week => matches!(p, Point::Day(_) | Point::Week(_)),
        Unit::Month => matches!(p, Point::Day(_) | Point::Week(_) | Point::Month(..)),
        Unit::Quarter => !matches!(p, Point::Year(_)),
        _ => true,
    }
}

/// A TIMEX3 duration. Whole decades and centuries are written in years
/// ("two decades" → `P20Y`), as TimeBank does; vague ones keep their unit
/// letters ("decades" → `PXDE`), but for centuries TimeBank writes `PXC`.
pub fn duration_value(amount: &Amount, unit: Unit) -> String {
    if unit == Unit::Century && matches!(amount, Amount::Vague) {
        return "PXC".into();
    }
    let t = if unit.is_clock() { "T" } else { "" };
    // A half written in the next unit down, as TimeBank does: "2 1/2
    // years" → `P2Y6M`, "a minute and a half" → `PT1M30S`.
    if let Some(n) = amount.text().strip_suffix(".5").and_then(|n| n.parse::<u64>().ok()) {
        let half = match unit {
            Unit::Year => Some("6M"),
            Unit::Month => Some("15D"),
            Unit::Day => Some("T12H"),
            Unit::Hour => Some("30M"),
            Unit::Minute => Some("30S"),
            _ => None,
        };
        if let Some(h) = half {
            return format!("P{t}{n}{}{h}", unit.duration_letter());
        }
    }
    let years = match unit {
        Unit::Decade => Some(10),
        Unit::Century => Some(100),
        _ => None,
    };
    if let (Some(k), Some(n)) = (years, amount.int()) {
        if let Some(y) = n.checked_mul(k) {
            return format!("P{y}Y");
        }
    }
    format!("P{t}{}{}", amount.text(), unit.duration_letter())
}

fn clock_value(hour: u8, minute: u8, second: Option<u8>) -> String {
    match second {
        Some(s) => format!("T{hour:02}:{minute:02}:{s:02}"),
        None => format!("T{hour:02}:{minute:02}"),
    }
}

/// The TIMEX3 type and value of `expr` in context.
pub fn normalize(expr: &Expr, ctx: &Ctx) -> Norm {
    use TimexType::*;
    let dct = ctx.dct;
    match expr {
        Expr::Cal { year: Some(y), month: Some(m), day: Some(d), .. } => match make_date(*y, *m, *d) {
            Some(date) => date_norm(Point::Day(date)),
            None => norm(Date, fmt_year(*y).map_or("XXXX".into(), |ys| format!("{ys}-{m:02}-{d:02}"))),
        },
        Expr::Cal { year: Some(y), month: Some(m), day: None, .. } => date_norm(Point::Month(*y, *m)),
        Expr::Cal { year: Some(y), .. } => date_norm(Point::Year(*y)),
        Expr::Cal { year: None, month: Some(m), day, rel } => match dct {
            Some(dct) => {
                // A date the sentence puts ahead ("will join on March 12")
                // is the article's future, even in a text about the past.
                let y = match (ctx.text_year, rel) {
                    (Some(ty), Rel::None) if ctx.tense != Tense::Future => ty,
                    _ => year_for(dct, *m, *day, ctx.tense, *rel),
                };
                match day {
                    Some(d) => match make_date(y, *m, *d) {
                        Some(date) => date_norm(Point::Day(date)),
                        None => norm(Date, format!("XXXX-{m:02}-{d:02}")),
                    },
                    None => date_norm(Point::Month(y, *m)),
                }
            }
            None => match day {
                Some(d) => norm(Date, format!("XXXX-{m:02}-{d:02}")),
                None => norm(Date, format!("XXXX-{m:02}")),
            },
        },
        Expr::Cal { .. } => norm(Date, "XXXX"),
        Expr::MonthOfYear { month, day, shift } => {
            let Some(year) = ctx.dct_year else {
                return match day {
                    Some(d) => norm(Date, format!("XXXX-{month:02}-{d:02}")),
                    None => norm(Date, format!("XXXX-{month:02}")),
                };
            };
            let y = year + shift;
            match day {
                Some(d) => match make_date(y, *month, *d) {
                    Some(date) => date_norm(Point::Day(date)),
                    None => norm(Date, format!("XXXX-{month:02}-{d:02}")),
                },
                None => date_norm(Point::Month(y, *month)),
            }
        }
        // TIMEX writes years before Christ with a "BC" prefix: "BC0508".
        Expr::Era { year, bc } => match fmt_year(*year) {
            Some(ys) if *bc => norm(Date, format!("BC{ys}")),
            Some(_) => date_norm(Point::Year(*year)),
            None => norm(Date, "XXXX"),
        },
        Expr::Century(c) => match (0..=99).contains(c) {
            true => norm(Date, format!("{c:02}")),
            false => norm(Date, "XXXX"),
        },
        // TIMEX3 writes a decade as its first three digits ("199").
        // "the 1600s" is the seventeenth century, "16" (the 1900s and
        // 2000s are read as decades).
        Expr::Decade(d) if d % 10 == 0 && (0..190).contains(d) => norm(Date, format!("{:02}", d / 10)),
        Expr::Decade(d) => match (0..=999).contains(d) {
            true => norm(Date, format!("{d:03}")),
            false => norm(Date, "XXXX"),
        },
        Expr::DayOffset(n) => match dct.and_then(|d| add_days(d, *n)) {
            Some(d) => date_norm(Point::Day(d)),
            None => norm(Date, side(*n)),
        },
        Expr::Weekday { wd, rel } => {
            let Some(dct) = dct else { return norm(Date, format!("XXXX-WXX-{wd}")) };
            let date = match rel {
                Rel::Last => weekday_near(dct, *wd, true, true),
                Rel::Next => weekday_near(dct, *wd, false, true),
                Rel::This => monday_of(dct).and_then(|m| add_days(m, i64::from(*wd) - 1)),
                Rel::None => weekday_near(dct, *wd, ctx.tense != Tense::Future, false),
            };
            match date {
                Some(d) => date_norm(Point::Day(d)),
                None => norm(Date, format!("XXXX-WXX-{wd}")),
            }
        }
        Expr::Unit { unit, shift } => {
            // "last year" needs only the year; "last week" needs the day.
            let base = match (dct, ctx.dct_year) {
                (Some(d), _) => Point::Day(d),
                (None, Some(y)) if matches!(unit, Unit::Year | Unit::Decade | Unit::Century) => Point::Year(y),
                _ => return norm(Date, side(*shift)),
            };
            let year = match base {
                Point::Year(y) => y,
                _ => ctx.dct_year.unwrap_or_default(),
            };
            match unit {
                Unit::Decade => {
                    let dec = (year / 10).checked_add(*shift);
                    match dec.filter(|d| (0..=999).contains(d)) {
                        Some(d) => norm(Date, format!("{d:03}")),
                        None => norm(Date, side(*shift)),
                    }
                }
                Unit::Century => {
                    let c = year / 100 + shift;
                    norm(Date, format!("{c:02}"))
                }
                _ => match shift_point(base, *unit, *shift, false) {
                    Some(p) => date_norm(p),
                    None => norm(Date, side(*shift)),
                },
            }
        }
        Expr::Ago { n, unit, sign } => {
            let shift = n.saturating_mul(*sign);
            // "two decades ago" is that decade ("199"), "three centuries
            // ago" that century ("17"), from the article's year.
            if let (Unit::Decade | Unit::Century, Some(y)) = (unit, ctx.dct_year) {
                let (span, digits) = if *unit == Unit::Decade { (10, 3) } else { (100, 2) };
                let year = y.saturating_add(shift.saturating_mul(span));
                if (0..=9999).contains(&year) {
                    return norm(Date, format!("{:0digits$}", year / span));
                }
            }
            if unit.is_clock() || matches!(unit, Unit::Decade | Unit::Century) {
                return norm(Date, side(shift));
            }
            let base = match (unit, ctx.recent_quarter, dct, ctx.dct_year) {
                (_, _, None, None) => return norm(Date, side(shift)),
                (Unit::Year, Some((y, q)), _, _) => Point::Quarter(y, q),
                (_, _, Some(dct), _) => Point::Day(dct),
                // Year known alone: "two years ago" is a year, "a week ago" stays relative.
                (Unit::Year, None, None, Some(y)) => Point::Year(y),
                _ => return norm(Date, side(shift)),
            };
            // "two weeks ago" is the day (TimeBank and GUM write it so); "a
            // year ago" after a quarter, that quarter. Beyond year 0 ("ten
            // thousand years ago") only the side is told.
            match shift_point(base, *unit, shift, true).filter(|p| format_point(*p).is_some()) {
                Some(p) => date_norm(p),
                None => norm(Date, side(shift)),
            }
        }
        Expr::Anaphor { unit, shift, amount } => {
            // "two decades later" from a year the text named: that many years on.
            let (unit, shift) = match (unit, ctx.reference) {
                (Unit::Decade, Some(_)) if *amount => (&Unit::Year, &shift.saturating_mul(10)),
                (Unit::Century, Some(_)) if *amount => (&Unit::Year, &shift.saturating_mul(100)),
                _ => (unit, shift),
            };
            if unit.is_clock() || matches!(unit, Unit::Decade | Unit::Century) {
                return norm(Date, side(*shift));
            }
            let reference = ctx.reference.filter(|p| fits(*p, *unit) || (*amount && *unit == Unit::Year));
            let base = match (unit, amount, ctx.recent_quarter) {
                (Unit::Year, true, Some((y, q))) => Some(Point::Quarter(y, q)),
                _ => reference.or(dct.map(Point::Day)),
            };
            let Some(base) = base else {
                return norm(Date, if *shift == 0 { "XXXX".to_string() } else { side(*shift).to_string() });
            };
            // "that year" from a day is the year; "a year later" from a
            // quarter keeps the quarter.
            match shift_point(base, *unit, *shift, *amount) {
                Some(p) => date_norm(p),
                None => norm(Date, side(*shift)),
            }
        }
        Expr::Duration { amount, unit } => norm(Duration, duration_value(amount, *unit)),
        Expr::Weekend { rel, extra } => {
            let Some(dct) = dct else { return norm(Date, "XXXX-WXX-WE") };
            let Some(monday) = monday_of(dct) else { return norm(Date, "XXXX-WXX-WE") };
            let in_weekend = weekday_num(dct) >= 6;
            let weeks = match rel {
                Rel::Last => -1,
                // "was held this weekend", said on a weekday: the one just past.
                Rel::This if ctx.tense == Tense::Past && !in_weekend => -1,
                Rel::This => 0,
                Rel::Next => 1,
                Rel::None => match ctx.tense {
                    Tense::Future => 0,
                    _ if in_weekend => 0,
                    _ => -1,
                },
            };
            match add_days(monday, (weeks + extra) * 7) {
                Some(m) => norm(Date, format!("{}-WE", fmt_week(m))),
                None => norm(Date, "XXXX-WXX-WE"),
            }
        }
        Expr::Season { season, year, rel } => {
            let y = match (year, dct) {
                (Some(y), _) => *y,
                (None, None) => return norm(Date, format!("XXXX-{season}")),
                (None, Some(dct)) => season_year(dct, season, *rel, ctx.tense),
            };
            match fmt_year(y) {
                // "the summer of 2010" names its year for "that year" after it.
                Some(ys) => Norm { kind: Date, value: format!("{ys}-{season}"), point: year.map(Point::Year) },
                None => norm(Date, format!("XXXX-{season}")),
            }
        }
        Expr::WeekOf(day) => {
            let dn = normalize(day, ctx);
            match dn.point.and_then(|p| match p {
                Point::Day(d) => monday_of(d),
                _ => None,
            }) {
                Some(monday) => date_norm(Point::Week(monday)),
                None => norm(Date, "XXXX-WXX"),
            }
        }
        Expr::SeasonsAgo { season, n } => {
            let Some(dct) = dct else { return norm(Date, "PAST_REF") };
            let y = season_year(dct, season, Rel::Last, ctx.tense).saturating_sub(n.saturating_sub(1));
            match fmt_year(y) {
                Some(ys) => norm(Date, format!("{ys}-{season}")),
                None => norm(Date, "PAST_REF"),
            }
        }
        Expr::Quarter { q, year, rel, year_shift } => {
            let point = match (q, year, dct) {
                (Some(q), Some(y), _) => Some((*y, *q)),
                (Some(q), None, Some(dct)) => {
                    let (dy, dq) = quarter_of(dct);
                    Some(if ctx.tense == Tense::Past && *q > dq { (dy - 1, *q) } else { (dy, *q) })
                }
                // "the 1988 quarter": the quarter under discussion, in 1988.
                (None, Some(y), _) => match ctx.recent_quarter {
                    Some((_, q)) => Some((*y, q)),
                    None => return norm(Date, fmt_year(y.saturating_add(*year_shift)).map_or("XXXX-QX".into(), |ys| format!("{ys}-QX"))),
                },
                (None, _, Some(dct)) => {
                    let (dy, dq) = quarter_of(dct);
                    let n = match rel {
                        Rel::This => 0,
                        Rel::Next => 1,
                        _ => -1,
                    };
                    shift_quarter(dy, dq, n)
                }
                (Some(q), None, None) => return norm(Date, format!("XXXX-Q{q}")),
                (None, _, None) => return norm(Date, "XXXX-QX"),
            };
            match point.and_then(|(y, q)| Some(Point::Quarter(y.checked_add(*year_shift)?, q))) {
                Some(p) => date_norm(p),
                None => norm(Date, "XXXX-QX"),
            }
        }
        Expr::Half { h, year, rel } => {
            let y = match (year, dct) {
                (Some(y), _) => Some(*y),
                (None, Some(d)) => Some(
                    i64::from(d.year())
                        + match rel {
                            Rel::Last => -1,
                            Rel::Next => 1,
                            _ => 0,
                        },
                ),
                (None, None) => None,
            };
            match y.and_then(fmt_year) {
                Some(ys) => norm(Date, format!("{ys}-H{h}")),
                None => norm(Date, format!("XXXX-H{h}")),
            }
        }
        Expr::Holiday { h, year, rel } => {
            let y = match (year, dct) {
                (Some(y), _) => *y,
                (None, Some(dct)) => {
                    let y = i64::from(dct.year());
                    match (holiday_date(*h, y), rel) {
                        (_, Rel::This) => y,
                        (Some(d), Rel::Last) if d >= dct => y - 1,
                        (Some(d), Rel::Next) if d <= dct => y + 1,
                        (_, Rel::Last | Rel::Next) => y,
                        (Some(d), _) if ctx.tense == Tense::Past && d > dct => y - 1,
                        (Some(d), _) if ctx.tense == Tense::Future && d < dct => y + 1,
                        _ => y,
                    }
                }
                (None, None) => {
                    return match h {
                        Holiday::Fixed(m, d) => norm(Date, format!("XXXX-{m:02}-{d:02}")),
                        _ => norm(Date, "XXXX-XX-XX"),
                    }
                }
            };
            match holiday_date(*h, y) {
                Some(d) => date_norm(Point::Day(d)),
                None => norm(Date, "XXXX-XX-XX"),
            }
        }
        Expr::Time { hour, minute, second, day } => {
            let clock = clock_value(*hour, *minute, *second);
            let day_norm = match day {
                Some(day) => Some(normalize(day, ctx)),
                None => ctx.sentence_day.or(dct).map(|d| date_norm(Point::Day(d))),
            };
            match day_norm {
                Some(dn) if !dn.value.ends_with("_REF") => Norm { kind: Time, value: format!("{}{clock}", dn.value), point: dn.point },
                _ => norm(Time, clock),
            }
        }
        Expr::PartOfDay { day, part } => {
            let dn = normalize(day, ctx);
            if dn.value.ends_with("_REF") || dn.value.starts_with('X') && !dn.value.contains('W') {
                return norm(Time, format!("XXXX-XX-XXT{part}"));
            }
            // A named or anaphoric day with its part ("Thursday morning",
            // "the next morning") is a DATE in TimeBank and AQUAINT pooled
            // (14 to 5), and its morning the bare day (4 to 1); "this
            // morning", "last night", "overnight" stay TIME (TimeBank).
            if matches!(**day, Expr::Weekday { .. } | Expr::Anaphor { .. }) {
                let value = if *part == "MO" { dn.value } else { format!("{}T{part}", dn.value) };
                return Norm { kind: Date, value, point: dn.point };
            }
            Norm { kind: Time, value: format!("{}T{part}", dn.value), point: dn.point }
        }
        // "a week from today", "this time last year": the day moved.
        Expr::Shifted { base, unit, n } => {
            let shifted = match normalize(base, ctx).point {
                Some(Point::Day(d)) => shift_day(d, *unit, *n).map(Point::Day),
                Some(p) => shift_point(p, *unit, *n, true),
                None => None,
            };
            match shifted.filter(|p| format_point(*p).is_some()) {
                Some(p) => date_norm(p),
                None => norm(Date, side(*n)),
            }
        }
        // "Labor Day weekend": the weekend a day falls in, or a Monday's
        // just before it.
        Expr::WeekendOf(day) => {
            let monday = match normalize(day, ctx).point {
                Some(Point::Day(d)) if d.weekday() == Weekday::Monday => add_days(d, -1).and_then(monday_of),
                Some(Point::Day(d)) => monday_of(d),
                _ => None,
            };
            match monday {
                Some(m) => norm(Date, format!("{}-WE", fmt_week(m))),
                None => norm(Date, "XXXX-WXX-WE"),
            }
        }
        // "the turn of the century": the century ending at the turn nearest
        // the year the text is at (1865: the 1800s, "18"; 2013: "19").
        Expr::TurnOfCentury => match ctx.reference.map(year_of).or(ctx.dct_year) {
            Some(y) if (50..=9949).contains(&y) => norm(Date, format!("{:02}", (y + 50) / 100 - 1)),
            _ => norm(Date, "XXXX"),
        },
        // "the fourth quarter of last year": of the article's year moved.
        Expr::QuarterOfYear { q, shift } => match ctx.dct_year.and_then(|y| y.checked_add(*shift)) {
            Some(y) => date_norm(Point::Quarter(y, *q)),
            None => norm(Date, format!("XXXX-Q{q}")),
        },
        // "on the 20th": in the month of the last date named, else the
        // article's; a tense that points the other way from that day moves
        // the month ("will reopen on the 3rd", written on April 30).
        Expr::MonthDay(d) => {
            // Told in the past, days after a named one are in its month
            // ("on the 6th … on the 12th").
            let (anchor, named) = match ctx.reference {
                Some(Point::Year(_) | Point::Quarter(..)) | None => (dct.map(Point::Day), false),
                named => (named, true),
            };
            let month = anchor.and_then(|p| {
                let shift = match (p, ctx.tense) {
                    (Point::Day(a), Tense::Future) if *d < a.day() as u8 => 1,
                    (Point::Day(a), Tense::Past) if *d > a.day() as u8 && !named => -1,
                    _ => 0,
                };
                shift_month(year_of(p), month_of(p)?, shift)
            });
            match month.and_then(|(y, m)| make_date(y, m, *d)) {
                Some(date) => date_norm(Point::Day(date)),
                None => norm(Date, format!("XXXX-XX-{d:02}")),
            }
        }
        Expr::Ref(r) => norm(Date, *r),
        Expr::Set(v) => norm(Set, v.clone()),
    }
}
