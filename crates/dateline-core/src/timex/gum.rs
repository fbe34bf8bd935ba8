//! GUM's normalised dates as a second check on time expressions, outside
//! news: reading a GUM CoNLL-U string into text, gold date spans and the
//! document's creation date, and scoring predictions against them. No IO:
//! the caller reads the files (tests, `dateline eval timex-gum DIR`).
//!
//! GUM marks dates with TEI `<date>` elements carried in the MISC column:
//! `XML=<date when:::"2006-02-23">` on the first token, `XML=</date>` on the
//! last (both on one token for a one-word date). Values are W3C dates
//! (`when`: "2006", "2006-02", "2006-02-23", "--05" a May of no year,
//! "15:00:00" a clock time) or a stretch (`from` / `to`; `notBefore` /
//! `notAfter`). GUM has no durations or sets, and marks no vague
//! references ("now", "recently", "the future": TimeML's `PAST_REF`,
//! `PRESENT_REF`, `FUTURE_REF`), so precision counts only predicted DATE
//! and TIME expressions with a calendar value.
//!
//! ```
//! use dateline_core::timex::gum;
//! let conllu = "# newdoc id = GUM_news_x\n# meta::dateCreated = 2006-02-23\n# text = On Thursday\n\
//! 1\tOn\ton\tADP\tIN\t_\t2\tcase\t_\t_\n\
//! 2\tThursday\tThursday\tPROPN\tNNP\t_\t0\troot\t_\tXML=<date when:::\"2006-02-23\"></date>\n";
//! let docs = gum::parse(conllu);
//! assert_eq!(docs[0].text, "On Thursday");
//! assert_eq!(docs[0].dates[0].when.as_deref(), Some("2006-02-23"));
//! ```

use crate::document::{Span, Timex, TimexType};

/// A gold `<date>`: its span in [`GumDoc::text`] and its TEI attributes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldDate {
    pub span: Span,
    pub when: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub not_before: Option<String>,
    pub not_after: Option<String>,
}

/// One GUM document rebuilt as text: tokens joined as written
/// (`SpaceAfter=No` honoured), sentences by a space, paragraphs
/// (`# newpar`) by a blank line.
#[derive(Clone, Debug, Default)]
pub struct GumDoc {
    pub id: String,
    pub text: String,
    /// `# meta::dateCreated`.
    pub dct: Option<jiff::civil::Date>,
    pub dates: Vec<GoldDate>,
    /// Whether the words are there (18 reddit documents ship as `_`).
    pub has_text: bool,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}:::\"");
    let i = tag.find(&key)? + key.len();
    let rest = tag.get(i..)?;
    Some(rest[..rest.find('"')?].to_string())
}

/// Reads the `XML=` value of a MISC column: `(opens, closes)` of `<date>`,
/// each open with its tag text.
fn date_tags(misc: &str) -> (Vec<&str>, usize) {
    let Some(xml) = misc.split('|').find_map(|f| f.strip_prefix("XML=")) else { return (Vec::new(), 0) };
    let mut opens = Vec::new();
    let mut closes = 0;
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let Some(j) = rest[i..].find('>') else { break };
        let tag = &rest[i + 1..i + j];
        if tag.starts_with("date") {
            opens.push(tag);
        } else if tag == "/date" {
            closes += 1;
        }
        rest = &rest[i + j + 1..];
    }
    (opens, closes)
}

/// Reads every document of a GUM CoNLL-U string. Malformed lines are
/// skipped; an unclosed `<date>` is dropped.
pub fn parse(conllu: &str) -> Vec<GumDoc> {
    let mut docs: Vec<GumDoc> = Vec::new();
    let mut open: Vec<(usize, GoldDate)> = Vec::new();
    let mut words = 0usize;
    let mut blank_words = 0usize;
    // End of the current multiword token (its word lines are not text).
    let mut mwt_end: Option<(usize, Span)> = None;
    let mut pending_space = false;
    let finish = |doc: &mut GumDoc, words: usize, blank: usize| {
        doc.has_text = words > 0 && blank * 2 < words;
        doc.dates.sort_by_key(|d| d.span);
    };
    for line in conllu.lines() {
        if let Some(id) = line.strip_prefix("# newdoc id = ").or_else(|| line.strip_prefix("# newdoc id=")) {
            if let Some(d) = docs.last_mut() {
                finish(d, words, blank_words);
            }
            docs.push(GumDoc { id: id.trim().to_string(), ..Default::default() });
            open.clear();
            words = 0;
            blank_words = 0;
            pending_space = false;
            continue;
        }
        if docs.is_empty() {
            docs.push(GumDoc::default());
        }
        let Some(doc) = docs.last_mut() else { continue };
        if let Some(d) = line.strip_prefix("# meta::dateCreated = ") {
            doc.dct = d.trim().get(..10).and_then(|d| d.parse().ok());
            continue;
        }
        if line.starts_with("# newpar") {
            if !doc.text.is_empty() {
                doc.text.push_str("\n\n");
            }
            pending_space = false;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            // End of a sentence.
            if !doc.text.is_empty() && !doc.text.ends_with('\n') {
                pending_space = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || cols[0].contains('.') {
            continue;
        }
        let (form, misc) = (cols[1], cols[9]);
        let id_range = cols[0].split_once('-').and_then(|(a, b)| Some((a.parse::<usize>().ok()?, b.parse::<usize>().ok()?)));
        let word_id: Option<usize> = cols[0].parse().ok();
        // The span this line's tags attach to: a multiword token's span for
        // its words, else the token's own.
        let span = match (id_range, word_id, mwt_end) {
            (None, Some(w), Some((end, span))) if w <= end => {
                if w == end {
                    mwt_end = None;
                }
                span
            }
            _ => {
                if pending_space {
                    doc.text.push(' ');
                }
                let start = doc.text.len();
                doc.text.push_str(form);
                words += 1;
                if form == "_" {
                    blank_words += 1;
                }
                let span = Span::new(start, doc.text.len());
                if let Some((_, end)) = id_range {
                    mwt_end = Some((end, span));
                }
                pending_space = !misc.split('|').any(|f| f == "SpaceAfter=No");
                span
            }
        };
        if id_range.is_some() && !misc.contains("XML=") {
            continue;
        }
        let (opens, closes) = date_tags(misc);
        for tag in opens {
            let gold = GoldDate {
                span: Span::new(span.start, span.start),
                when: attr(tag, "when"),
                from: attr(tag, "from"),
                to: attr(tag, "to"),
                not_before: attr(tag, "notBefore"),
                not_after: attr(tag, "notAfter"),
            };
            open.push((span.start, gold));
        }
        for _ in 0..closes {
            if let Some((start, mut gold)) = open.pop() {
                gold.span = Span::new(start, span.end);
                doc.dates.push(gold);
            }
        }
    }
    if let Some(d) = docs.last_mut() {
        finish(d, words, blank_words);
    }
    docs.retain(|d| !d.text.is_empty());
    docs
}

/// The document ids listed under `## {split}` in GUM's `splits.md`.
pub fn split_ids(splits_md: &str, split: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in splits_md.lines() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix("## ") {
            inside = h.trim() == split;
            continue;
        }
        if inside {
            if let Some(id) = t.strip_prefix("* ") {
                out.push(id.trim().to_string());
            }
        }
    }
    out
}

/// Counts for the GUM check; add them up over documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GumScore {
    pub gold: usize,
    /// Predicted DATE and TIME expressions with a calendar value (see [`counted`]).
    pub predicted: usize,
    /// Predictions overlapping a gold date (one-to-one).
    pub relaxed: usize,
    pub strict: usize,
    /// Relaxed matches whose gold value can be compared (`when`, or
    /// `from` with `to`).
    pub valued: usize,
    pub value_ok: usize,
}

impl std::ops::AddAssign for GumScore {
    fn add_assign(&mut self, o: GumScore) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.relaxed += o.relaxed;
        self.strict += o.strict;
        self.valued += o.valued;
        self.value_ok += o.value_ok;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl GumScore {
    pub fn recall(&self) -> f64 {
        ratio(self.relaxed, self.gold)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.relaxed, self.predicted)
    }
    /// Share of comparable relaxed matches with a compatible value.
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_ok, self.valued)
    }
    pub fn summary(&self) -> String {
        format!(
            "gold {} predicted {} | relaxed span R {:.3} P {:.3} | strict R {:.3} | value accuracy {:.3} ({} of {})",
            self.gold,
            self.predicted,
            self.recall(),
            self.precision(),
            ratio(self.strict, self.gold),
            self.value_accuracy(),
            self.value_ok,
            self.valued
        )
    }
}

/// The days a TIMEX3 calendar value covers, first and last.
pub fn interval(value: &str) -> Option<(jiff::civil::Date, jiff::civil::Date)> {
    use jiff::civil::Date;
    let v = value.split('T').next().unwrap_or(value);
    let num = |s: &str| s.parse::<i16>().ok();
    let day = |y: i16, m: i8, d: i8| Date::new(y, m, d).ok();
    let last_of_month = |y: i16, m: i8| day(y, m, 1).map(|d| d.last_of_month());
    if v.len() <= 3 && v.chars().all(|c| c.is_ascii_digit()) && !v.is_empty() {
        // "198" the 1980s, "19" the 1900s.
        let n: i16 = v.parse().ok()?;
        let (first, span) = if v.len() == 3 { (n.checked_mul(10)?, 9) } else { (n.checked_mul(100)?, 99) };
        return Some((day(first, 1, 1)?, day(first.checked_add(span)?, 12, 31)?));
    }
    if let Some((y, s)) = v.split_once('-').filter(|(y, s)| y.len() == 4 && matches!(*s, "SP" | "SU" | "FA" | "WI")) {
        let y = num(y)?;
        let m0: i8 = match s {
            "SP" => 3,
            "SU" => 6,
            "FA" => 9,
            _ => 12,
        };
        let (ey, em) = if m0 == 12 { (y.checked_add(1)?, 2) } else { (y, m0 + 2) };
        return Some((day(y, m0, 1)?, last_of_month(ey, em)?));
    }
    let parts: Vec<&str> = v.split('-').collect();
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)?;
            Some((day(y, 1, 1)?, day(y, 12, 31)?))
        }
        [y, m] if y.len() == 4 && m.len() == 2 && m.chars().all(|c| c.is_ascii_digit()) => {
            let (y, m) = (num(y)?, m.parse().ok()?);
            Some((day(y, m, 1)?, last_of_month(y, m)?))
        }
        [y, q] if y.len() == 4 && q.starts_with('Q') => {
            let (y, q): (i16, i8) = (num(y)?, q[1..].parse().ok()?);
            let m0 = (q - 1) * 3 + 1;
            Some((day(y, m0, 1)?, last_of_month(y, m0 + 2)?))
        }
        [y, w] if y.len() == 4 && w.starts_with('W') => {
            let week: i8 = w[1..].parse().ok()?;
            let monday = jiff::civil::ISOWeekDate::new(num(y)?, week, jiff::civil::Weekday::Monday).ok()?.date();
            Some((monday, monday.checked_add(jiff::Span::new().days(6)).ok()?))
        }
        [y, w, we] if y.len() == 4 && w.starts_with('W') && *we == "WE" => {
            let week: i8 = w[1..].parse().ok()?;
            let sat = jiff::civil::ISOWeekDate::new(num(y)?, week, jiff::civil::Weekday::Saturday).ok()?.date();
            Some((sat, sat.checked_add(jiff::Span::new().days(1)).ok()?))
        }
        [y, m, d] if y.len() == 4 => {
            let d = day(num(y)?, m.parse().ok()?, d.parse().ok()?)?;
            Some((d, d))
        }
        _ => None,
    }
}

/// Whether a predicted TIMEX3 value says what a GUM date says.
/// `when` is compared as written, allowing for the TEI forms: "--05" (a
/// month of no year) against any May, "15:00:00" against a time at 15:00,
/// a day against a time on that day. A `from`/`to` stretch matches a value
/// covering the same days, give or take a day at either end (GUM's weeks
/// run Sunday to Sunday, TIMEX3's Monday to Sunday).
pub fn value_matches(gold: &GoldDate, value: &str) -> bool {
    if let Some(w) = gold.when.as_deref() {
        if w == value {
            return true;
        }
        // TEI "-0508" (or unpadded "-400") is TIMEX "BC0508" ("BC0400").
        if let Some(bc) = w.strip_prefix('-').filter(|y| (1..=4).contains(&y.len()) && y.chars().all(|c| c.is_ascii_digit())) {
            return value.strip_prefix("BC").and_then(|v| v.parse::<u32>().ok()).is_some_and(|v| bc.parse::<u32>().ok() == Some(v));
        }
        if let Some(md) = w.strip_prefix("--") {
            // "--05" / "--05-23": the month (and day) of any year.
            return value.len() > 4 && value.get(4..).is_some_and(|rest| rest.strip_prefix('-').is_some_and(|r| r.split('T').next() == Some(md)));
        }
        if w.len() >= 5 && w.as_bytes().get(2) == Some(&b':') {
            // A clock time: "15:00:00" against "…T15:00".
            return value.split_once('T').is_some_and(|(_, t)| t.get(..5) == w.get(..5));
        }
        if let Some((d, t)) = w.split_once('T') {
            return value.split_once('T').is_some_and(|(vd, vt)| vd == d && vt.get(..5) == t.get(..5));
        }
        // A time on the gold day.
        return value.split_once('T').is_some_and(|(d, _)| d == w);
    }
    if let (Some(f), Some(t)) = (gold.from.as_deref(), gold.to.as_deref()) {
        let (Some((gf, _)), Some((_, gt))) = (interval(f), interval(t)) else { return false };
        let Some((vf, vt)) = interval(value) else { return false };
        let close = |a: jiff::civil::Date, b: jiff::civil::Date| a.since(b).ok().is_some_and(|s| s.get_days().abs() <= 1);
        // GUM's `to` is sometimes the first day after the stretch ("2012-06"
        // to "2012-09" for a summer).
        let gt_start = interval(t).map(|(s, _)| s);
        return close(gf, vf) && (close(gt, vt) || gt_start.is_some_and(|s| close(s, vt)));
    }
    false
}

/// Whether a prediction is of a kind GUM annotates: a DATE or TIME that is
/// not a vague reference (`PAST_REF`, `PRESENT_REF`, `FUTURE_REF`).
pub fn counted(t: &Timex) -> bool {
    matches!(t.kind, TimexType::Date | TimexType::Time) && !t.value.ends_with("_REF")
}

/// Scores predictions against a document's gold dates. Each gold date
/// matches at most one prediction: the exact one first, else the first
/// overlapping one.
pub fn score(doc: &GumDoc, predicted: &[Timex]) -> GumScore {
    let preds: Vec<&Timex> = predicted.iter().filter(|t| counted(t)).collect();
    let mut s = GumScore { gold: doc.dates.len(), predicted: preds.len(), ..Default::default() };
    let mut used = vec![false; doc.dates.len()];
    for p in preds {
        let exact = doc.dates.iter().enumerate().find(|(i, g)| !used[*i] && g.span == p.span);
        let hit = exact.or_else(|| doc.dates.iter().enumerate().find(|(i, g)| !used[*i] && g.span.overlaps(p.span)));
        let Some((i, g)) = hit else { continue };
        used[i] = true;
        s.relaxed += 1;
        if g.span == p.span {
            s.strict += 1;
        }
        if g.when.is_some() || (g.from.is_some() && g.to.is_some()) {
            s.valued += 1;
            if value_matches(g, &p.value) {
                s.value_ok += 1;
            }
        }
    }
    s
}

/// Runs [`super::find`] over a document with its creation date and scores it.
pub fn evaluate(doc: &GumDoc) -> (GumScore, Vec<Timex>) {
    let whole = [Span::new(0, doc.text.len())];
    let predicted = super::find(&doc.text, &[], &whole, doc.dct);
    (score(doc, &predicted), predicted)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# newdoc id = GUM_x\n# meta::dateCreated = 2006-02-23\n# newpar\n# text = Thursday, February 23, 2006\n\
1\tThursday\tThursday\tPROPN\tNNP\t_\t0\troot\t_\tSpaceAfter=No|XML=<date when:::\"2006-02-23\">\n\
2\t,\t,\tPUNCT\t,\t_\t1\tpunct\t_\t_\n\
3\tFebruary\tFebruary\tPROPN\tNNP\t_\t1\tappos\t_\t_\n\
4\t23\t23\tNUM\tCD\t_\t3\tnummod\t_\tSpaceAfter=No\n\
5\t,\t,\tPUNCT\t,\t_\t3\tpunct\t_\t_\n\
6\t2006\t2006\tNUM\tCD\t_\t3\tnmod\t_\tXML=</date>\n\
\n\
# newpar\n# text = It was this week's news.\n\
1\tIt\tit\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n\
2\twas\tbe\tAUX\tVBD\t_\t0\troot\t_\t_\n\
3\tthis\tthis\tDET\tDT\t_\t4\tdet\t_\tXML=<date from:::\"2006-02-19\" to:::\"2006-02-26\">\n\
4-5\tweek's\t_\t_\t_\t_\t_\t_\t_\t_\n\
4\tweek\tweek\tNOUN\tNN\t_\t6\tnmod\t_\tXML=</date>\n\
5\t's\t's\tPART\tPOS\t_\t4\tcase\t_\t_\n\
6\tnews\tnews\tNOUN\tNN\t_\t2\tattr\t_\tSpaceAfter=No\n\
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";

    #[test]
    fn parses_text_dates_and_dct() {
        let docs = parse(DOC);
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.text, "Thursday, February 23, 2006\n\nIt was this week's news.");
        assert_eq!(d.dct.map(|d| d.to_string()), Some("2006-02-23".into()));
        let spans: Vec<&str> = d.dates.iter().map(|g| &d.text[g.span.range()]).collect();
        assert_eq!(spans, ["Thursday, February 23, 2006", "this week's"]);
        assert!(d.has_text);
    }

    #[test]
    fn values_compare_across_forms() {
        let g = |when: &str| GoldDate { when: Some(when.into()), ..Default::default() };
        assert!(value_matches(&g("2006-02-23"), "2006-02-23"));
        assert!(value_matches(&g("--05"), "2013-05"));
        assert!(value_matches(&g("--05"), "XXXX-05"));
        assert!(!value_matches(&g("--05"), "2013-06"));
        assert!(value_matches(&g("15:00:00"), "2013-04-30T15:00"));
        assert!(value_matches(&g("2006-02-23"), "2006-02-23T15:00"));
        let week = GoldDate { from: Some("2006-02-19".into()), to: Some("2006-02-26".into()), ..Default::default() };
        assert!(value_matches(&week, "2006-W08"));
        assert!(!value_matches(&week, "2006-W09"));
        assert!(value_matches(&g("-0508"), "BC0508"));
        assert!(value_matches(&g("-400"), "BC0400"));
        assert!(!value_matches(&g("-400"), "BC0040"));
        assert!(!value_matches(&g("-400"), "0400"));
    }

    #[test]
    fn scores_and_survives_junk() {
        let docs = parse(DOC);
        let (s, _) = evaluate(&docs[0]);
        assert_eq!(s.gold, 2);
        assert!(s.relaxed >= 1);
        for junk in ["", "\t\t\t", "# newdoc id = x\n1\ta", "1\tx\tx\tX\tX\t_\t0\troot\t_\tXML=</date><date when:::\"", "1-9\tab\t_\t_\t_\t_\t_\t_\t_\t_"] {
            for d in parse(junk) {
                let _ = evaluate(&d);
            }
        }
    }

    #[test]
    fn reads_splits() {
        let md = "# Splits\n\n## dev\n\n  * GUM_a\n  * GUM_b\n\n## test\n\n  * GUM_c\n";
        assert_eq!(split_ids(md, "dev"), ["GUM_a", "GUM_b"]);
        assert_eq!(split_ids(md, "test"), ["GUM_c"]);
    }
}
