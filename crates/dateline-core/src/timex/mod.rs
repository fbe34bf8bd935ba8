//! Time expressions: found and normalised to TIMEX3 values.
//!
//! Three stages, kept apart so each can grow on its own:
//! 1. [`rules`] — a table of patterns over the raw text proposes candidates
//!    (overlapping) and reads each into an `Expr`;
//! 2. selection — the longest candidate wins, earlier rules break ties;
//! 3. [`normalize`] — in text order, each expression is placed against the
//!    article date, the sentence's tense and the reference time.
//!
//! The recogniser works from `text` alone (tokens are not needed); sentence
//! spans only narrow the window the tense is read from.

pub mod gum;
pub mod lex;
pub mod normalize;
pub mod rules;
pub mod timeml;



use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::document::{Span, Timex, TimexType, Token};
use normalize::{Ctx, Point, Tense};
use crate::lexicon::Pos;
use lex::Unit;
use rules::{Expr, Rel};

/// Every time expression in `text`, in order, normalised against `dct`
/// (relative ones stay relative when there is no article date; see
/// [`normalize`] for the values used then).
pub fn find(text: &str, tokens: &[Token], sentences: &[Span], dct: Option<jiff::civil::Date>) -> Vec<Timex> {
    find_with_year(text, tokens, sentences, dct, None)
}

/// [`find`], also given the article's year when only the year is known
/// (`dct` is `None` then): year-level expressions ("last year", "two years
/// ago") resolve against it, day-level ones stay relative.
pub fn find_with_year(
    text: &str,
    tokens: &[Token],
    sentences: &[Span],
    dct: Option<jiff::civil::Date>,
    dct_year: Option<i64>,
) -> Vec<Timex> {
    let _ = tokens;
    let dct_year = dct.map(|d| i64::from(d.year())).or(dct_year);
    let chosen = select(rules::candidates(text));
    let mut out = Vec::with_capacity(chosen.len());
    let mut reference: Option<(Point, usize)> = None;
    let mut recent_quarter: Option<((i64, u8), usize)> = None;
    // The year the text last wrote out, used only when the text tells of
    // another time than its own (see `narrative`).
    let mut text_year: Option<i64> = None;
    let narrative = narrative(&chosen, dct_year);
    // The last bare weekday or yearless date, its step and its tense, for
    // ranges ("from Monday to Thursday", "from November 20 to December 11").
    let mut last_range_start: Option<(usize, RangeStep, Tense)> = None;
    let stops = clause_stops(text);
    for (i, cand) in chosen.iter().enumerate() {
        let window = clause(text, sentences, &stops, cand.span);
        // A day, a time of day, or a date without its year ("Nov. 6").
        let day_level = matches!(
            cand.expr,
            Expr::Weekday { .. } | Expr::PartOfDay { .. } | Expr::Time { .. } | Expr::Cal { year: None, day: Some(_), rel: Rel::None, .. }
        );
        // A month or a weekend too may be a schedule's ("opens in the US in
        // September", "Arsenal play Wigan at the weekend").
        let month_level = matches!(cand.expr, Expr::Cal { year: None, month: Some(_), day: None, rel: Rel::None } | Expr::Weekend { rel: Rel::None, .. });
        let mut tense = tense(text, window, cand.span, day_level, month_level);
        // "Wednesday's ruling": a possessive day names a done thing (13 of
        // 13 in TimeBank and AQUAINT-dev are the article's day or before);
        // "since March" counts from a time already past.
        // Unless "will" follows the noun or "ahead of" comes before it:
        // "Sunday's election will decide", "ahead of Tuesday's vote".
        let possessive = text.get(cand.span.end..).is_some_and(|a| a.starts_with("'s") || a.starts_with("’s"));
        let ahead = text.get(..cand.span.start).is_some_and(|b| {
            let b = b.trim_end();
            b.len() >= 8 && b.get(b.len() - 8..).is_some_and(|t| t.eq_ignore_ascii_case("ahead of"))
        });
        // "heads to Madrid for Wednesday's match": what a plan is for is ahead;
        // "investors await Friday's jobs report": so is what is awaited.
        let ahead = ahead
            || possessive && tense == Tense::Future && word_before(text, cand.span.start) == "for"
            || possessive && listed("await awaits awaiting", &word_before(text, cand.span.start));
        if possessive && ahead {
            tense = Tense::Future;
        }
        if matches!(cand.expr, Expr::Weekday { rel: Rel::None, .. }) && possessive && !ahead && !will_follows(text, cand.span.end)
            || word_before(text, cand.span.start).eq_ignore_ascii_case("since")
        {
            tense = Tense::Past;
        }
        // "will report fourth-quarter results in February": a quarter whose
        // results are reported is over, whatever the tense of the telling.
        // Only the quarter just ended across the new year: a later one may be
        // a fiscal quarter ("will post fourth-quarter earnings in October").
        let first_quarter = dct.is_some_and(|d| d.month() <= 3);
        if let (Expr::Quarter { q: Some(4), year: None, rel: Rel::None, year_shift: 0 }, true) = (&cand.expr, first_quarter) {
            // (Only when reported: "expects third-quarter sales to rise" is ahead.)
            let next = word_after(text, cand.span.end);
            let head = before(text, cand.span.start, 40);
            let reported = head.split_whitespace().rev().take(3).any(|w| {
                let w = w.to_ascii_lowercase();
                ["report", "post", "release", "announce", "publish", "unveil"].iter().any(|v| w.starts_with(v))
            });
            if reported && listed("results earnings profit profits loss losses sales revenue revenues net figures", next) {
                tense = Tense::Past;
            }
        }
        // "postponed until the autumn", "pushed back to June": the new time
        // lies after the act of putting it off, however told.
        let put_off = postponed_to(text, cand.span);
        if put_off {
            tense = Tense::Future;
        }
        // "The election is on Sunday", "the deadline is Friday": a day a
        // present "is" sets is ahead (a done one would be "was").
        if day_level && tense == Tense::Unknown && copula_before(text, cand.span.start) {
            tense = Tense::Future;
        }
        // A quarter counts as "nearby" within a few hundred bytes.
        let near_quarter = recent_quarter.filter(|(_, at)| cand.span.start.saturating_sub(*at) < 400).map(|(q, _)| q);
        // For a bare clock time: a day named earlier in its clause, or, in a
        // past clause, one named a few sentences back ("The attack
        // happened on April 15. At 2:50 p.m., …").
        let sentence_day = match reference {
            Some((Point::Day(d), at)) if at >= window.start || tense == Tense::Past && cand.span.start.saturating_sub(at) < 300 => Some(d),
            _ => None,
        };
        let mut ctx = Ctx {
            dct,
            dct_year,
            tense,
            reference: reference.map(|(p, _)| p),
            recent_quarter: near_quarter,
            sentence_day,
            text_year: text_year.filter(|_| narrative),
        };
        // "a 9 p.m. deadline on Friday": the day named just after it.
        if let Expr::Time { day: None, hour, .. } = cand.expr {
            let next_day = chosen
                .get(i + 1)
                .filter(|next| next.span.end <= window.end && text.get(cand.span.end..next.span.start).is_some_and(|g| g.split_whitespace().count() <= 3))
                .and_then(|next| match normalize::normalize(&next.expr, &ctx).point {
                    Some(Point::Day(d)) => match next.expr {
                        // "6 a.m. local time (2300 GMT Sunday)": the same
                        // instant in another zone, so the day that keeps the
                        // two clocks within half a day of each other.
                        Expr::Time { hour: other, day: Some(_), .. }
                            if text.get(cand.span.end..next.span.start).is_some_and(|g| g.trim_start().starts_with('(')) =>
                        {
                            let gap = i64::from(hour) - i64::from(other);
                            let k = [-1i64, 0, 1].into_iter().min_by_key(|k| (24 * k + gap).abs()).unwrap_or(0);
                            normalize::add_days(d, k)
                        }
                        _ => Some(d),
                    },
                    _ => None,
                });
            ctx.sentence_day = next_day.or(ctx.sentence_day);
        }
        // "The fire was lit shortly after midnight": a bare midnight told in
        // the past is the one the article's day began with, not its end.
        if let (Expr::Time { hour: 24, day: None, .. }, None, Tense::Past) = (&cand.expr, ctx.sentence_day, tense) {
            ctx.sentence_day = dct.and_then(|d| normalize::add_days(d, -1));
        }
        let alt = that_year(text, &cand.expr, cand.span, ctx.reference)
            .or_else(|| next_anaphor(text, &cand.expr, cand.span))
            .or_else(|| if put_off { dct.and_then(|d| ahead_of(&cand.expr, d)) } else { None })
            .or_else(|| apposed_day(text, &cand.expr, cand.span, i.checked_sub(1).and_then(|k| chosen.get(k))));
        let n = match (&alt, weekday_anaphor(text, &cand.expr, cand.span), weekend_anaphor(text, &cand.expr, cand.span), ctx.reference) {
            // "the previous Friday", "the following Monday": next to the day the text is at.
            (None, Some((wd, past)), _, Some(Point::Day(d))) => normalize::weekday_from(d, wd, past),
            // "The following weekend", "the previous weekend": next to the day the text is at.
            (None, None, Some(step), Some(Point::Day(d))) => normalize::weekend_from(d, step),
            _ => normalize::normalize(alt.as_ref().unwrap_or(&cand.expr), &ctx),
        };
        if let Expr::Cal { year: Some(y), .. } | Expr::Season { year: Some(y), .. } | Expr::Era { year: y, bc: false } = &cand.expr {
            text_year = Some(*y);
        }
        if let Some(p) = n.point {
            if updates_reference(&cand.expr) {
                reference = Some((p, cand.span.start));
            }
            if let (Point::Quarter(y, q), Expr::Quarter { year_shift: 0, year: None, .. }) = (p, &cand.expr) {
                recent_quarter = Some(((y, q), cand.span.start));
            }
        }
        // "from Monday to Thursday", "from November 20 to December 11": a
        // range of bare weekdays (or of dates without their year) runs
        // forward, back from its end when told in the past, on from its
        // start otherwise.
        let step = match cand.expr {
            Expr::Weekday { rel: Rel::None, .. } => Some(RangeStep::Week),
            Expr::Cal { year: None, month: Some(_), day: Some(_), rel: Rel::None } => Some(RangeStep::Year),
            _ => None,
        };
        let mut value = n.value;
        // "about 170 years later, in 1896": the year set beside a count
        // is what the count came to.
        if matches!(cand.expr, Expr::Anaphor { amount: true, .. } | Expr::Ago { .. }) {
            let beside = chosen.get(i + 1).filter(|next| {
                matches!(next.expr, Expr::Cal { year: Some(_), .. })
                    && text.get(cand.span.end..next.span.start).is_some_and(|gap| matches!(gap.trim(), ", in" | ", on" | "– in" | "— in"))
            });
            if let Some(next) = beside {
                value = normalize::normalize(&next.expr, &ctx).value;
            }
        }
        if let (Some(step), Some((prev, _, prev_tense))) = (step, last_range_start.filter(|(k, s, _)| *k + 1 == out.len() && Some(*s) == step)) {
            if let Some(fixed) = out.get_mut(prev).and_then(|start| forward_range(text, start, cand.span, &mut value, (prev_tense, tense), step)) {
                out[prev].value = fixed;
            }
        }
        last_range_start = step.map(|s| (out.len(), s, tense));
        out.push(Timex { id: format!("t{}", out.len() + 1), kind: n.kind, value, span: cand.span });
    }
    out
}

/// "That summer", "that October": a season or month the word "that"
/// points back to is in the year of the reference time, not the article's;
/// "the following January" is the first after it.
fn that_year(text: &str, e: &Expr, span: Span, reference: Option<Point>) -> Option<Expr> {
    let head = text.get(span.range()).unwrap_or("").get(..5).is_some_and(|h| h.eq_ignore_ascii_case("that "));
    let before = word_before(text, span.start);
    if !(head || before == "that" || before == "following") {
        return None;
    }
    let r = reference?;
    let mut year = normalize::year_of(r);
    // "the following January": the first January after the reference.
    if before == "following" {
        let Expr::Cal { year: None, month: Some(m), day: None, .. } = e else { return None };
        if normalize::month_of(r).is_none_or(|rm| *m <= rm) {
            year = year.checked_add(1)?;
        }
    }
    let year = Some(year);
    match e {
        Expr::Season { season, year: None, rel: Rel::None } => Some(Expr::Season { season, year, rel: Rel::None }),
        Expr::Cal { year: None, month: Some(m), day, rel: Rel::None } => Some(Expr::Cal { year, month: Some(*m), day: *day, rel: Rel::None }),
        _ => None,
    }
}

/// "arrived on Sunday, the day after the attack": in apposition to the day
/// just named, "the day after" is that day itself (rules.rs does so after a
/// written date; a weekday is the common case in news).
fn apposed_day(text: &str, e: &Expr, span: Span, prev: Option<&rules::Candidate>) -> Option<Expr> {
    let Expr::Anaphor { unit: Unit::Day, shift, amount: true } = *e else { return None };
    let prev = prev.filter(|p| matches!(p.expr, Expr::Weekday { .. }))?;
    let gap = text.get(prev.span.end..span.start)?.trim();
    (shift != 0 && gap.eq_ignore_ascii_case(", the")).then_some(Expr::Anaphor { unit: Unit::Day, shift: 0, amount: true })
}

/// Up to `n` bytes of `text` before byte `at` (fewer, to keep to a
/// character boundary).
fn before(text: &str, at: usize, n: usize) -> &str {
    let at = at.min(text.len());
    let mut from = at.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text.get(from..at).unwrap_or("")
}

/// Verbs of putting off: what they put off to lies after the act.
static POSTPONE: WordList = WordList::new("postponed delayed deferred pushed put moved rescheduled adjourned shifted bumped suspended shelved \
    extended postpone delay defer adjourn reschedule postpones delays defers adjourns reschedules \
    postponing delaying deferring adjourning rescheduling");

/// Whether the expression at `span` is the time something is put off to:
/// "postponed until the autumn", "delayed to next spring", "pushed back
/// to June", "adjourned until Monday" (the verb within three words before
/// "until", "till", "to" or "for": "rescheduled for Thursday").
fn postponed_to(text: &str, span: Span) -> bool {
    let head = before(text, span.start, 80);
    let mut back = head.split(|c: char| !(c.is_ascii_alphabetic() || c == '-')).filter(|w| !w.is_empty()).rev();
    let Some(prep) = back.next() else { return false };
    // (Not "into": "the protests extended into Monday" ran on.)
    if !listed("until till to til for", prep) {
        return false;
    }
    back.take(3).any(|w| POSTPONE.contains(w))
}

/// A month or day without its year, placed on or after `dct` (for
/// [`postponed_to`]): "pushed back to March" said in April is next March.
/// A season begun already ("delayed until the spring", said in April)
/// is the next one.
fn ahead_of(e: &Expr, dct: jiff::civil::Date) -> Option<Expr> {
    let y = i64::from(dct.year());
    let now = (u8::try_from(dct.month()).ok()?, u8::try_from(dct.day()).ok()?);
    if let Expr::Season { season, year: None, rel: Rel::None } = *e {
        let start = match season {
            "SP" => 3,
            "SU" => 6,
            "FA" => 9,
            _ => 12,
        };
        return Some(Expr::Season { season, year: Some(if now.0 >= start { y + 1 } else { y }), rel: Rel::None });
    }
    let Expr::Cal { year: None, month: Some(m), day, rel: Rel::None } = *e else { return None };
    let behind = (m, day.unwrap_or(31)) < now;
    Some(Expr::Cal { year: Some(if behind { y + 1 } else { y }), month: Some(m), day, rel: Rel::None })
}

/// "The next year, it reopened", "it reopened the next year": the year
/// after the one the text is at, not the stretch "over the next year" is.
fn next_anaphor(text: &str, e: &Expr, span: Span) -> Option<Expr> {
    let Expr::Duration { amount, unit } = e else { return None };
    let head = text.get(span.range()).unwrap_or("").get(..9).is_some_and(|h| h.eq_ignore_ascii_case("the next "));
    let stretch = matches!(
        word_before(text, span.start).as_str(),
        "over" | "during" | "in" | "for" | "within" | "throughout" | "through" | "into" | "of" | "until" | "by" | "after"
    );
    (head && amount.int() == Some(1) && !stretch).then_some(Expr::Anaphor { unit: *unit, shift: 1, amount: false })
}

/// For a weekday told from the day the text is at: the weekday and `true`
/// for "the previous Friday", `false` for "the following Monday", "the
/// next Monday" (without "the", "next Monday" counts from the article's day).
fn weekday_anaphor(text: &str, e: &Expr, span: Span) -> Option<(u8, bool)> {
    let Expr::Weekday { wd, rel } = *e else { return None };
    let head = text.get(span.range()).unwrap_or("");
    if rel == Rel::Last && head.get(..12).is_some_and(|h| h.eq_ignore_ascii_case("the previous")) {
        return Some((wd, true));
    }
    let before = word_before(text, span.start);
    (rel == Rel::None && before == "following" || rel == Rel::Next && before == "the").then_some((wd, false))
}

/// For a weekend told from the day the text is at: 1 for "the following
/// weekend", "the next weekend", -1 for "the previous weekend" (without
/// "the", "next weekend" counts from the article's day).
fn weekend_anaphor(text: &str, e: &Expr, span: Span) -> Option<i64> {
    let Expr::Weekend { rel, extra: 0 } = *e else { return None };
    let head = text.get(span.range()).unwrap_or("").to_ascii_lowercase();
    match rel {
        Rel::Next if head.starts_with("the following") || head.starts_with("the next") => Some(1),
        Rel::Last if head.starts_with("the previous") => Some(-1),
        _ => None,
    }
}

/// Whether "will" comes within the three words after byte `at`, before
/// any punctuation ("Sunday's presidential election will …").
fn will_follows(text: &str, at: usize) -> bool {
    let tail = text.get(at..).unwrap_or("");
    let tail = tail.get(..tail.find([',', '.', ';', ':', '!', '?']).unwrap_or(tail.len())).unwrap_or("");
    tail.split_whitespace().take(4).any(|w| w.eq_ignore_ascii_case("will") || w.ends_with("'ll") || w.ends_with("’ll"))
}

/// Whether a present "is" or "are" sets the expression at byte `at`:
/// "is Friday", "are on Nov. 6".
fn copula_before(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or("").trim_end();
    let head = match head.len().checked_sub(3).and_then(|k| head.get(k..)) {
        Some(tail) if tail.eq_ignore_ascii_case(" on") => &head[..head.len() - 3],
        _ => head,
    };
    let w = word_before(head, head.len());
    matches!(w.as_str(), "is" | "are" | "it's" | "it’s")
}

/// How far a range's end is moved to come after its start: a week for
/// weekdays, a year for dates written without theirs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RangeStep {
    Week,
    Year,
}

/// For a range "from `start` to `end`" whose end resolved before its
/// start: in the past the start moves a `step` back (returned as its new
/// value), otherwise the end a `step` on (changed in place). Two past
/// weekdays told in turn ("began on Monday and ended on Thursday") are in
/// order too. `tenses`: of the start's clause and of the end's.
fn forward_range(text: &str, start: &Timex, end: Span, end_value: &mut String, tenses: (Tense, Tense), step: RangeStep) -> Option<String> {
    let tense = tenses.0;
    let between = text.get(start.span.end..end.start)?.trim();
    let opener = word_before(text, start.span.start).to_ascii_lowercase();
    let in_turn = step == RangeStep::Week
        && tenses == (Tense::Past, Tense::Past)
        && (between.starts_with(',') || between.split_whitespace().next().is_some_and(|w| listed("and then before", w)))
        && between.split_whitespace().count() <= 4
        // a verb of its own ("on Monday and Thursday" is a list, each the nearest)
        && between.split_whitespace().any(|w| !listed("and then before on ,", w.trim_matches(',')) && !w.trim_matches(',').is_empty())
        && !between.contains(['.', ';', '(', ')'])
        && !between.split_whitespace().any(|w| listed("said told says that after since when because but or", w.trim_matches(',')));
    let linked = matches!(between, "to" | "through" | "until" | "till" | "-" | "–") && matches!(opener.as_str(), "from" | "between")
        || between == "and" && opener == "between"
        || in_turn;
    let (a, b) = (parse_day(&start.value)?, parse_day(end_value)?);
    if !linked || a <= b {
        return None;
    }
    // `try_days`: `days` panics with jiff's error, whose messages would ship.
    let span = match step {
        RangeStep::Week => jiff::Span::new().try_days(7).ok()?,
        RangeStep::Year => jiff::Span::new().try_years(1).ok()?,
    };
    if tense == Tense::Past {
        Some(normalize::fmt_day(a.checked_sub(span).ok()?))
    } else {
        *end_value = normalize::fmt_day(b.checked_add(span).ok()?);
        None
    }
}

/// A day written "YYYY-MM-DD" (as `normalize::fmt_day` writes it and a
/// date field gives it); anything else (a week, "XXXX-WXX-1", a negative
/// year) is `None`, as with jiff's parser. Not `str::parse::<Date>`: that
/// parser and the error messages it brings were 40 KB gzip of the page.
pub fn parse_day(v: &str) -> Option<jiff::civil::Date> {
    let digits = |r: std::ops::Range<usize>| v.get(r).filter(|s| s.bytes().all(|c| c.is_ascii_digit()))?.parse::<i16>().ok();
    if v.len() != 10 || v.get(4..5) != Some("-") || v.get(7..8) != Some("-") {
        return None;
    }
    jiff::civil::Date::new(digits(0..4)?, i8::try_from(digits(5..7)?).ok()?, i8::try_from(digits(8..10)?).ok()?).ok()
}

/// Whether a resolved expression becomes the reference time for later
/// anaphora: dates the text names, "today" too (the story is back at the
/// article's day: "whatever happens today … later in the day"), not the
/// comparisons "a year ago" / "a year earlier" (a second "a year earlier"
/// compares with the same period, not with the first comparison).
fn updates_reference(e: &Expr) -> bool {
    !matches!(
        e,
        Expr::Ref(_)
            | Expr::Set(_)
            | Expr::Duration { .. }
            | Expr::Ago { .. }
            | Expr::Anaphor { amount: true, .. }
    )
}

/// Whether the text tells of another time than its own date: most years
/// it writes out (two at least: one "July 1997" in a news report is
/// background) lie two or more years from the article's, and it seldom
/// counts from the article date ("yesterday", "Monday", "last week", "two
/// years ago"). A biography or a history is such a text, a news report is
/// not; there a bare "June" is in the year the text last named, not the
/// article's.
fn narrative(chosen: &[rules::Candidate], dct_year: Option<i64>) -> bool {
    let Some(dy) = dct_year else { return false };
    let (mut near, mut far, mut deictic) = (0usize, 0usize, 0usize);
    for c in chosen {
        match c.expr {
            Expr::Cal { year: Some(y), .. } if y.abs_diff(dy) <= 1 => near += 1,
            Expr::Cal { year: Some(_), .. } => far += 1,
            // "today" also means the present age ("still in use today").
            Expr::DayOffset(n) if n != 0 => deictic += 1,
            Expr::Weekday { .. } | Expr::Weekend { .. } | Expr::Ago { .. } | Expr::Unit { .. } => deictic += 1,
            _ => {}
        }
    }
    far > near.max(1) && deictic.saturating_mul(4) < far
}

/// Longest-leftmost selection of non-overlapping candidates, in text order.
fn select(mut cands: Vec<rules::Candidate>) -> Vec<rules::Candidate> {
    cands.retain(|c| !c.span.is_empty());
    crate::sort::sort_by(&mut cands, |a, b| b.span.len().cmp(&a.span.len()).then(a.rule.cmp(&b.rule)).then(a.span.start.cmp(&b.span.start)));
    // Chosen spans by start: they never overlap, so the one starting last
    // before a candidate's end is the only one that can overlap it.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut chosen: Vec<rules::Candidate> = Vec::new();
    for c in cands {
        if taken.range(..c.span.end).next_back().is_none_or(|(_, &end)| end <= c.span.start) {
            taken.insert(c.span.start, c.span.end);
            chosen.push(c);
        }
    }
    crate::sort::sort_by_key(&mut chosen, |c| c.span.start);
    chosen
}

/// How far a clause reaches either side of an expression for its tense:
/// enough for any real clause, and it keeps a text without full stops
/// (a pasted table, junk) from costing time squared.
const CLAUSE_REACH: usize = 600;

/// Where clauses stop: byte offsets of sentence punctuation and line
/// breaks (see [`clause`]), found once per text.
fn clause_stops(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let next_is_space = |k: usize| bytes.get(k + 1).is_none_or(|n| n.is_ascii_whitespace());
    (0..bytes.len())
        .filter(|&k| match bytes[k] {
            b'\n' => true,
            b'!' | b'?' | b';' => next_is_space(k),
            b'.' => next_is_space(k) && !abbreviation_dot(text, k),
            _ => false,
        })
        .collect()
}

/// The stretch the tense of `span` is read from: its sentence (when the
/// sentence splitter gave one), narrowed to the clause between sentence
/// punctuation or line breaks (`stops`, from [`clause_stops`]) — sentences
/// may still be whole paragraphs — and to [`CLAUSE_REACH`] either side.
fn clause(text: &str, sentences: &[Span], stops: &[usize], span: Span) -> Span {
    let i = sentences.partition_point(|s| s.end <= span.start);
    let mut outer = match sentences.get(i) {
        Some(s) if s.start <= span.start && s.end <= text.len() => *s,
        _ => Span::new(0, text.len()),
    };
    // A sentence the splitter ended at an abbreviation ("at 8 p.m. (0000
    // GMT Sunday)") runs on into the next.
    let runs_on = |s: Span| {
        let body = text.get(s.range()).unwrap_or("").trim_end();
        body.ends_with('.') && stops.binary_search(&(s.start + body.len() - 1)).is_err()
    };
    if let Some(next) = sentences.get(i + 1).filter(|n| n.end <= text.len() && runs_on(outer)) {
        outer.end = next.end;
    }
    if let Some(prev) = i.checked_sub(1).and_then(|k| sentences.get(k)).filter(|p| p.end <= outer.start && runs_on(**p)) {
        outer.start = prev.start;
    }
    let mut start = span.start.min(text.len());
    if start > outer.start {
        // After the last stop before the expression.
        let before = stops.partition_point(|&k| k < start);
        let after_stop = before.checked_sub(1).map_or(0, |b| stops[b] + 1);
        start = after_stop.max(outer.start).max(start.saturating_sub(CLAUSE_REACH)).min(start);
    }
    let mut end = span.end.min(text.len());
    if end < outer.end {
        // At the first stop from the expression's end.
        let first = stops.partition_point(|&k| k < end);
        let stop = stops.get(first).copied().unwrap_or(text.len());
        end = stop.min(outer.end).min(end.saturating_add(CLAUSE_REACH)).max(end);
    }
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end.max(start))
}

/// Whether the full stop at byte `k` ends an abbreviation or an initial
/// ("Mr.", "P.", "Nov.", "U.S.") rather than a sentence: then the next word
/// is lower case, a figure or a bracket, or the word before is a known abbreviation.
fn abbreviation_dot(text: &str, k: usize) -> bool {
    let head = text.get(..k).unwrap_or("");
    let word = head
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let next = text.get(k + 1..).unwrap_or("").trim_start().chars().next();
    // ("8 p.m. (0000 GMT Sunday)": a bracket seldom opens a sentence.)
    if next.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit() || c == '(') {
        return true;
    }
    if word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()) {
        return true;
    }
    const ABBREV: &[&str] = &[
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col", "maj",
        "capt", "sgt", "rev", "prof", "messrs", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
        "fri", "sat", "no", "vs", "ft", "mt",
    ];
    word.len() <= 6 && ABBREV.contains(&word.to_ascii_lowercase().as_str())
}

/// Words of `hay`: a letter, then letters and apostrophes, with byte offsets.
fn words(hay: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = hay.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.find(|(_, c)| c.is_alphabetic())?;
        let mut end = hay.len();
        while let Some(&(i, c)) = rest.peek() {
            if !(c.is_alphabetic() || c == '\'' || c == '’') {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start, &hay[start..end]))
    })
}

/// [`rules::word_after`], kept out of line: called from a dozen places here,
/// inlined it would be copied into each (page bytes).
#[inline(never)]
fn word_after(text: &str, at: usize) -> &str {
    rules::word_after(text, at)
}

/// [`rules::word_before`], kept out of line (see [`word_after`]).
#[inline(never)]
fn word_before(text: &str, at: usize) -> String {
    rules::word_before(text, at)
}

/// The lexicon's most frequent part of speech of a lower-case word.
#[inline(never)]
fn pos(w: &str) -> Option<Pos> {
    crate::lexicon::lexicon().get_lower(w).map(|e| e.pos())
}

/// Whether `w` is one of the space-separated words of `list`, in any
/// case: for the short lists written inline, scanned in place.
#[inline(never)]
fn listed(list: &str, w: &str) -> bool {
    !w.is_empty() && list.split(' ').any(|x| x.eq_ignore_ascii_case(w))
}

/// A named word list, kept as one string (a table of `&str` costs 8 bytes
/// a word more in the page) and made a set on first use: the tense search
/// asks several lists about every word of a window around every
/// expression, so a scan per question made the pipeline 75% slower.
struct WordList {
    words: &'static str,
    set: OnceLock<HashSet<&'static str, BuildHasherDefault<WordHasher>>>,
}

impl WordList {
    const fn new(words: &'static str) -> Self {
        WordList { words, set: OnceLock::new() }
    }

    /// Whether `w` is in the list, in any case (the lists are lower case).
    fn contains(&self, w: &str) -> bool {
        let set = self.set.get_or_init(|| self.words.split_whitespace().collect());
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            set.contains(w.to_ascii_lowercase().as_str())
        } else {
            set.contains(w)
        }
    }
}

/// The lexicon's word hash ([`crate::lexicon::word_hash`]) for the word
/// lists: they are fixed and small, so SipHash's protection against chosen
/// keys buys nothing and cost most of the tense search's time.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = self.0.rotate_left(32) ^ u64::from(crate::lexicon::word_hash(bytes));
    }
}

/// Past verbs of commitment: what they commit to ("to rebuild") lies ahead.
static COMMITTED: WordList = WordList::new("promised pledged vowed agreed decided offered threatened undertook");

static FUTURE: WordList = WordList::new("will shall won't going plans plan planned planning scheduled expected expects expect intends intend \
    would upcoming next tomorrow due set hopes hope aims prepares preparing payable slated could might \
    must may effective forecast agreement deal");

/// Present tenses of verbs of schedules: "the talks resume Monday", "my
/// exams start on Monday", "the rights expire Nov. 21", "voters go to the
/// polls on Nov. 6" look ahead (for a day; "the summer holidays begin" is
/// said of any summer). In TimeBank and AQUAINT-dev such a present (not
/// after "to") dates a day ahead 3 times of 3.
static SCHEDULED: WordList = WordList::new("begin begins start starts resume resumes meet meets open opens arrive arrives visit visits leave \
    leaves return returns expire expires end ends close closes run runs go goes reopen reopens convene \
    convenes take takes kick kicks");

/// Schedule verbs that need their particle ("takes effect", "kicks off"),
/// or a market's close, told in a headline's present ("stocks close
/// higher"), and a noun ("by year end").
fn particle_ok(verb: &str, next: &str, prev: &str) -> bool {
    match verb {
        "take" | "takes" => next.eq_ignore_ascii_case("effect"),
        "kick" | "kicks" => next.eq_ignore_ascii_case("off"),
        "close" | "closes" => !["higher", "lower", "up", "down", "mixed", "flat", "sharply"].iter().any(|w| next.eq_ignore_ascii_case(w)),
        "end" => !matches!(prev, "year" | "month" | "quarter" | "week"),
        _ => true,
    }
}

/// Passives that report rather than schedule: "is accused of", "is
/// believed to", "is said to".
static REPORT_PASSIVE: WordList = WordList::new("accused alleged believed thought said reported suspected feared understood known charged estimated \
    expected scheduled planned set due based located named called considered seen owned used made been \
    had was were concerned worried pleased interested involved related linked tied married divorced dead \
    killed injured wounded");

/// Words that make a present habitual ("usually meets on Friday").
static HABITUAL: WordList = WordList::new("usually often always normally typically generally sometimes rarely seldom never every each weekly \
    daily");

/// Whether a clause tells of a habit: "usually", "every", "per week",
/// "twice a week".
fn habitual(hay: &str) -> bool {
    let mut prev = "";
    words(hay).any(|(_, w)| {
        let per = w.eq_ignore_ascii_case("week") && (prev.eq_ignore_ascii_case("per") || prev.eq_ignore_ascii_case("a"));
        prev = w;
        per || HABITUAL.contains(w)
    })
}

/// Present verbs of news schedules the lexicon does not know as verbs
/// (it has "vote", "visit", "host" as nouns): "the Senate votes on
/// Thursday", "United host Arsenal on Sunday".
static SCHEDULE_VERBS: WordList = WordList::new("vote votes visit visits host hosts unveil unveils hear hears head heads launch launches stage stages \
    publish publishes testify testifies play plays face faces fly flies travel travels release releases \
    hold holds sign signs debate debates rule rules decide decides announce announces present presents \
    tour tours");

/// Present verbs that do not schedule what they govern: saying, thinking,
/// being, and auxiliaries ("says it lost money on Friday"); plural nouns
/// of time; events a headline or a lead tells in the present ("a man dies
/// after a crash on Monday").
static NOT_SCHEDULE: WordList = WordList::new("say says tell tells add adds note notes claim claims argue argues insist insists believe believes \
    think thinks know knows warn warns explain explains write writes admit admits deny denies recall \
    recalls allege alleges confirm confirms suggest suggests show shows mean means seem seems remain \
    remains want wants need needs is are has have does do gets get let lets hope hopes fear fears feel \
    feels like likes include includes continue continues describe describes report reports accuse \
    accuses blame blames lose loses owns own news times hours days weeks months years minutes this his \
    its us as was yes less plus thus die dies kill kills hit hits rise rises fall falls rally rallies \
    slip slips climb climbs drop drops gain gains put cut set win wins beat beats");

/// Whether `w` (lower case) reads as a finite present verb after `prev`
/// (lower case; `prev_cap`: written capitalised): a third-person "-s" form
/// after a subject ("the museum opens", "Apple unveils"), or a bare form
/// after a plural one ("negotiators face", "they meet"). The word or its
/// stem must be a present verb in the lexicon; what comes before must not
/// make it a noun or an infinitive ("the opens", "to face").
fn present_verb(w: &str, prev: &str, prev_cap: bool, next: &str) -> bool {
    // "reports earnings on Thursday" is a schedule, "reports that" a saying;
    // "posts results" a verb, "blog posts" a noun.
    let results = listed("report reports post posts release releases announce announces publish publishes", w)
        && listed(
            "earnings results its their quarterly fiscal annual first-quarter second-quarter third-quarter fourth-quarter full-year",
            next,
        );
    if w.len() < 3 || NOT_SCHEDULE.contains(w) && !results || next.eq_ignore_ascii_case("of") || next.starts_with('\'') {
        return false;
    }
    let verb = |k: &str| results || SCHEDULE_VERBS.contains(k) || pos(k) == Some(Pos::VerbPresent);
    let blocked = listed(
        "to not did didn't does doesn't do don't would could might should can may must will shall the a an its his her \
         their our my your this these those of in on at for with by from into or is are was were be been has have had s new \
         first last next",
        prev,
    ) || prev.is_empty();
    if blocked {
        return false;
    }
    let subject_noun = || {
        prev_cap || matches!(pos(prev), None | Some(Pos::Noun | Pos::ProperNoun | Pos::Unknown))
    };
    let stem = w.strip_suffix("es").filter(|s| s.ends_with("sh") || s.ends_with("ch") || s.ends_with('x') || s.ends_with("ss"));
    let stem = stem.or_else(|| w.strip_suffix("ies").map(|_| "")).or_else(|| w.strip_suffix('s').filter(|s| !s.ends_with('s') && !s.ends_with('u') && !s.ends_with('i')));
    match stem {
        Some(stem) => {
            // "premiered in May and opens in September": a verb sharing its subject.
            prev == "and" && verb(w)
                || (verb(w) || !stem.is_empty() && verb(stem))
                    && (matches!(prev, "he" | "she" | "it" | "who" | "which" | "that") || subject_noun() && !prev.ends_with("ly"))
        }
        None => {
            verb(w)
                && prev != "and"
                && (matches!(prev, "they" | "we" | "who" | "which" | "that")
                    || prev.len() > 3 && prev.ends_with('s') && !prev.ends_with("ss") && subject_noun()
                    // "Manchester United host Arsenal", "Police face"
                    || prev_cap && subject_noun())
        }
    }
}

/// Whether `prev` (lower case; `cap`: written capitalised) reads as a
/// singular subject: "he", "it", a name, a noun not ending in "-s".
fn singular_subject(prev: &str, cap: bool) -> bool {
    if matches!(prev, "he" | "she" | "it" | "who" | "which") {
        return true;
    }
    if prev.len() < 3 || prev.ends_with('s') || prev.ends_with("ly") || NOT_SUBJECT.contains(prev) {
        return false;
    }
    cap || matches!(pos(prev), Some(Pos::Noun | Pos::ProperNoun))
}

/// Words before a verb that make it an infinitive, a noun or a
/// modal's complement ("to cut", "a rate cut", "will hit").
static NOT_SUBJECT: WordList = WordList::new("to not did didn't does doesn't do don't would could might should can may must will shall the a an \
    its his her their our my your this these those of in on at for with by from into and or rate price \
    tax job budget spending interest pay wage cost power fund direct big hard further deep deeper");

/// Whether the line holding `span` is a headline: short, with no
/// sentence punctuation at its end.
fn headline(text: &str, span: Span) -> bool {
    // A headline is short: look no further than a few hundred bytes either
    // side (a long text without line breaks would cost time squared).
    const REACH: usize = 300;
    let mut from = span.start.saturating_sub(REACH);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = span.end.saturating_add(REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let start = match text.get(from..span.start).and_then(|h| h.rfind('\n')) {
        Some(k) => from + k + 1,
        None if from == 0 => 0,
        None => return false,
    };
    let end = match text.get(span.end..to).and_then(|t| t.find('\n')) {
        Some(k) => span.end + k,
        None if to == text.len() => to,
        None => return false,
    };
    let line = text.get(start..end).unwrap_or("").trim_end();
    !line.ends_with(['.', '!', '?', '"', '\'', '”', '’', ')', ':', ';']) && line.split_whitespace().count() <= 16
}

static PAST: WordList = WordList::new("said was were had did told went came took made gave met left began fell rose won lost saw held spoke \
    sent found got became brought thought kept paid sold bought ran led struck wrote broke chose drove \
    flew fled fought grew heard knew meant felt stood sat shot slept spent stole swore taught threw \
    understood woke wore ago last yesterday earlier been has have died tied owed axed lit sought hid \
    slid swept wept dealt lent bent sped bled bred caught dug forgot froze hung lay rode sank shook sang \
    sprang stuck stung swam swung tore withdrew overtook undertook forbade forgave arose awoke bore \
    clung");

/// Past forms written like their present ("the storm hit the coast"):
/// past only after a singular subject, where the present would take "-s".
static PAST_LIKE_PRESENT: WordList = WordList::new("hit cut put quit hurt shut upset burst cast fed");

/// Past-tense reporting verbs.
/// Words that bring in an event a day dates ("faces charges over a crash on Friday").
static BRINGS_IN_EVENT: WordList = WordList::new("after over following since despite amid from");

/// A market's close ("after the bell"): a report time, not an event.
static MARKET_CLOSE: WordList = WordList::new("bell close closes market markets");

static REPORTING: WordList = WordList::new("said told");

/// Words ending in "-ed" that are not past tenses.
static NOT_PAST: WordList = WordList::new("need speed indeed hundred seed feed bed red shed proceed exceed succeed breed embed bleed greed weed \
    deed creed reed steed sacred kindred naked wicked scheduled slated rescheduled expected planned \
    based related united limited interested concerned");

/// Tense of the clause around `span`: the tense marker nearest the
/// expression wins ("said on Monday that he will" → past), ties to past.
/// `day_level`: the expression names a day or a time of day; `month_level`:
/// a month without its year or a bare weekend (a present verb may look
/// ahead to any of them).
fn tense(text: &str, window: Span, span: Span, day_level: bool, month_level: bool) -> Tense {
    let hay = text.get(window.range()).unwrap_or("");
    // "On Monday, the president said …": an expression fronted before a
    // comma dates the main clause's verb, a reporting one too.
    let fronted = text.get(window.start..span.start).is_some_and(|before| {
        before.split_whitespace().all(|w| matches!(w.to_ascii_lowercase().as_str(), "on" | "by" | "late" | "early" | "earlier" | "later" | "and" | "but" | "—" | "“" | "\""))
    }) && text.get(span.end..).is_some_and(|after| after.trim_start().starts_with(','));
    // "The museum, which opens on Saturday, spent the week preparing": the
    // comma that closes the relative clause the expression sits in ends the
    // search; the main clause's verb beyond it dates something else.
    let clause_end = relative_clause_end(text, window, span);
    let mut best: Option<(usize, Tense)> = None;
    let mut prev: String = String::new();
    let mut prev2: String = String::new();
    let mut prev_raw: &str = "";
    // A present verb looks ahead only in running text told of one time:
    // not in a headline ("Bomb kills 12 on Monday" is done) nor where the
    // clause tells of a habit ("usually meets on Friday").
    let present_ahead = (day_level || month_level) && !headline(text, span) && !habitual(hay);
    for (offset, raw) in words(hay) {
        let start = window.start + offset;
        if clause_end.is_some_and(|c| start > c) {
            break;
        }
        let end = start + raw.len();
        let w = raw.to_lowercase();
        let prev_w = std::mem::replace(&mut prev, w.clone());
        let prev2_w = std::mem::replace(&mut prev2, prev_w.clone());
        let prev_cap = lex::capitalised(std::mem::replace(&mut prev_raw, raw));
        // No clause break between this word and the expression (but "On
        // Saturday, the museum opens" fronts the day before the comma).
        let gap = if end <= span.start { text.get(end..span.start) } else { text.get(span.end..start) };
        let same_stretch = fronted || gap.is_some_and(|g| !g.contains([',', ';', '—', '–']));
        // "faces charges over a crash on Friday": the day dates the event the
        // preposition brings in, not the verb.
        // ("after the bell", "after the close" only time a report.)
        let own_event = gap.is_some_and(|g| {
            let mut ws = g.split_whitespace().peekable();
            while let Some(w) = ws.next() {
                if BRINGS_IN_EVENT.contains(w) {
                    let market = ws.peek().is_some_and(|n| n.eq_ignore_ascii_case("the") || n.to_ascii_lowercase().starts_with("market"))
                        && g.split_whitespace().any(|n| MARKET_CLOSE.contains(n));
                    if !market {
                        return true;
                    }
                }
            }
            false
        });
        // "when he is sentenced on Friday", "the figures are published on
        // Thursday": a present passive before its day is a schedule too (not
        // "is accused of", "is believed to").
        let present_passive = present_ahead
            && end <= span.start
            && same_stretch
            && !own_event
            && matches!(prev_w.as_str(), "is" | "are")
            && (w.ends_with("ed") || PAST.contains(&w))
            && !REPORT_PASSIVE.contains(&w);
        if start < span.end && span.start < end {
            continue;
        }
        // "raised rates in December and is expected to hold them": once the
        // expression's clause has a tense, one joined on by "and" is another's.
        if start >= span.end && best.is_some() && gap.is_some_and(|g| g.split_whitespace().any(|x| x.eq_ignore_ascii_case("and"))) {
            break;
        }
        let t = if COMMITTED.contains(&w) {
            // "promised to rebuild it by December": what was promised comes
            // after; "promised on Monday" dates the promise.
            let to_between = end <= span.start && text.get(end..span.start).is_some_and(|gap| gap.split_whitespace().any(|g| g == "to"));
            if to_between {
                Tense::Future
            } else {
                Tense::Past
            }
        } else if FUTURE.contains(&w) || w.ends_with("'ll") || w.ends_with("’ll") {
            // "had been due to expire Friday", "had planned": a plan as it
            // stood before, so the day is past.
            let to_follows = text.get(end..).unwrap_or("").trim_start().starts_with("to ");
            // "the hastily planned trip", "an expected rise": an adjective, no tense.
            if w.ends_with("ed") && !to_follows && (matches!(prev_w.as_str(), "the" | "a" | "an" | "its" | "his" | "her" | "their") || (prev_w.ends_with("ly") && prev_w != "previously")) {
                continue;
            }
            let modal = matches!(w.as_str(), "could" | "might" | "must" | "may");
            // "May" is the month; a modal after the day is its clause's
            // ("warnings on Thursday that strikes could follow").
            if modal && (raw != w || end > span.start) {
                continue;
            }
            if ((prev_w == "had" || (prev_w == "been" && prev2_w == "had")) && to_follows) || prev_w == "previously" {
                Tense::Past
            } else if modal && matches!(word_after(text, end).to_ascii_lowercase().as_str(), "have" | "not" | "n't") {
                // "could have come", "may not": no schedule
                continue
            } else if matches!(w.as_str(), "going" | "set" | "due" | "plan" | "plans" | "forecast" | "agreement" | "deal") {
                // "going to", "set to", "due to", "plans to" — only with a
                // following "to" ("vacation plans" is a noun); "is set for
                // Nov. 6", "is due on Jan. 15" too, but "was due on" tells
                // of a day as past as the "was".
                let after = word_after(text, end).to_ascii_lowercase();
                // ("the record set on Aug. 6" is done.)
                // "due out on", "due in court on", "due back on" too.
                let slot = w == "set" && after == "for"
                    || w == "due"
                        && (matches!(after.as_str(), "for" | "on" | "by" | "out" | "back" | "at" | "before")
                            || after == "in" && day_level && !matches!(word_after(text, end + 3).to_ascii_lowercase().as_str(), "part" | "large"));
                if !(after == "to" || slot && !matches!(prev_w.as_str(), "was" | "were" | "had" | "been")) {
                    continue;
                }
                Tense::Future
            } else {
                Tense::Future
            }
        } else if present_passive
            // A schedule verb told of a day: "the talks resume Monday".
            || day_level
                && SCHEDULED.contains(&w)
                // "the bill, which passed the House on Friday, now goes to the Senate"
                && same_stretch
                && particle_ok(&w, word_after(text, end), &prev_w)
                // a noun: "the far end of the floor"
                && !word_after(text, end).eq_ignore_ascii_case("of")
                && !matches!(
                    prev_w.as_str(),
                    // an infinitive, a negation, a modal or a noun ("the start")
                    "to" | "not" | "did" | "didn't" | "would" | "could" | "might" | "should" | "can" | "may" | "must"
                        | "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our" | "my" | "your" | "this" | "that"
                )
            // "Negotiators face a deadline on Friday", "the team plays
            // Chelsea on Saturday": a present told of one day is a schedule.
            || present_ahead
                // a schedule's verb comes first ("opens on Saturday"), unless the
                // day is fronted; "pleaded guilty in January and faces" is another clause's
                && (end <= span.start || fronted)
                && !own_event
                && !PAST.contains(&w)
                // in the expression's own stretch: "the company, which makes chips, cut jobs on Friday"
                && same_stretch
                && present_verb(&w, &prev_w, prev_cap, word_after(text, end))
            // "is to be held", "to be paid": a passive infinitive looks ahead
            // (a bare infinitive may be a past purpose: "went to meet him");
            // so does "is to run", "are to meet": a plan.
            || prev_w == "to" && (w == "be" || matches!(prev2_w.as_str(), "is" | "are" | "am"))
        {
            Tense::Future
        } else if PAST.contains(&w)
            || PAST_LIKE_PRESENT.contains(&w) && !lex::capitalised(raw) && singular_subject(&prev_w, prev_cap)
        {
            // "will be paid", "being held": a participle after "be" is no past.
            if matches!(prev_w.as_str(), "be" | "being") {
                continue;
            }
            // "Lawmakers have until Friday to pass it": a time left, ahead.
            if matches!(w.as_str(), "has" | "have") && word_after(text, end).eq_ignore_ascii_case("until") {
                Tense::Future
            } else {
            // "were planning to", "was expected to": the plan speaks, not the
            // auxiliary ("there was scheduled a meeting" stays past).
            if matches!(w.as_str(), "was" | "were") {
                let next = word_after(text, end);
                let after_next = text.get(end..).and_then(|t| t.find(next).map(|i| end + i + next.len()));
                if FUTURE.contains(next)
                    && after_next.is_some_and(|k| word_after(text, k).eq_ignore_ascii_case("to"))
                {
                    continue;
                }
            }
            // A reporting verb dates the saying, so it speaks for the
            // expression only right next to it ("said Friday", "said on Monday").
            if REPORTING.contains(&w) && !(fronted && start >= span.end) {
                let gap = if end <= span.start { text.get(end..span.start) } else { text.get(span.end..start) };
                // ("Obama, who visits Israel on Wednesday, said": the comma
                // closes the clause the day is in.)
                if gap.is_none_or(|g| g.split_whitespace().count() > 1 || start >= span.end && g.contains(',')) {
                    continue;
                }
            }
            Tense::Past
            }
        } else if w.len() > 4
            && w.ends_with("ed")
            && !lex::capitalised(raw)
            && !NOT_PAST.contains(&w)
        {
            // "will be held", "to be signed": passives after "be" are not
            // past; "the reduced dividend", "an unspecified date", "the long
            // awaited merger": adjectives.
            if matches!(
                prev_w.as_str(),
                "be" | "being"
                    | "the"
                    | "a"
                    | "an"
                    | "its"
                    | "his"
                    | "her"
                    | "their"
                    | "our"
                    | "this"
                    | "that"
                    | "still"
                    | "long"
                    | "much"
                    | "newly"
            ) || w.starts_with("un")
            {
                continue;
            }
            Tense::Past
        } else {
            continue;
        };
        let dist = if end <= span.start { span.start - end } else { start.saturating_sub(span.end) };
        if best.is_none_or(|(d, bt)| dist < d || (dist == d && t == Tense::Past && bt != Tense::Past)) {
            best = Some((dist, t));
        }
    }
    best.map_or(Tense::Unknown, |(_, t)| t)
}

/// Where the relative clause holding `span` closes: the first comma after
/// it when ", which" / ", who" / ", whose" opens a clause before it with no comma
/// between (none otherwise).
fn relative_clause_end(text: &str, window: Span, span: Span) -> Option<usize> {
    let before = text.get(window.start..span.start)?;
    let last_comma = before.rfind(',')?;
    let opener = before.get(last_comma + 1..)?.split_whitespace().next()?;
    if !matches!(opener.to_ascii_lowercase().as_str(), "which" | "who" | "whose") {
        return None;
    }
    let after = text.get(span.end..window.end)?;
    after.find(',').map(|i| span.end + i)
}

/// A kind of TIMEX read from the TimeML name ("DATE" → Date).
pub fn timex_type(name: &str) -> Option<TimexType> {
    Some(match name {
        "DATE" => TimexType::Date,
        "TIME" => TimexType::Time,
        "DURATION" => TimexType::Duration,
        "SET" => TimexType::Set,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, dct: &str) -> Vec<(String, &'static str, String)> {
        let dct: jiff::civil::Date = dct.parse().unwrap();
        find(text, &[], &[], Some(dct))
            .into_iter()
            .map(|t| (text[t.span.range()].to_string(), t.kind.name(), t.value))
            .collect()
    }

    #[test]
    fn last_week_is_the_iso_week_before() {
        assert_eq!(values("He said last week.", "2013-04-30"), vec![("last week".into(), "DATE", "2013-W17".into())]);
    }

    #[test]
    fn weekday_follows_tense() {
        assert_eq!(values("He spoke on Monday.", "2013-04-30")[0].2, "2013-04-29");
        assert_eq!(values("He will speak on Monday.", "2013-04-30")[0].2, "2013-05-06");
    }

    #[test]
    fn a_sentence_split_at_pm_bracket_runs_on() {
        // The splitter may end a sentence at "p.m." before a bracket.
        let text = "Polls close at 8 p.m. (0000 GMT Sunday).";
        let dct: jiff::civil::Date = "2013-04-30".parse().unwrap();
        let found = find(text, &[], &[Span::new(0, 21), Span::new(22, text.len())], Some(dct));
        let values: Vec<&str> = found.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(values, ["2013-05-04T20:00", "2013-05-05T00:00"]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in ["", "é", "99999999999999999999 years ago", "FY", "at 99 in the morning", "Q5", "\u{0}May 32"] {
            let _ = find(s, &[], &[], None);
            let _ = find(s, &[], &[Span::new(0, s.len())], Some(jiff::civil::Date::constant(9999, 12, 31)));
        }
    }
}
