//! TimeML reading and TempEval-3 Task A scoring, with no IO: the caller reads
//! the `.tml` files (tests, `dateline eval timex DIR`) and hands in strings.
//!
//! ```
//! use dateline_core::timex::timeml;
//! let doc = timeml::parse(r#"<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07">x</TIMEX3></DCT>
//! <TEXT>Bombs exploded <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>.</TEXT>"#);
//! let (score, _) = timeml::evaluate(&doc);
//! assert_eq!(score.gold, 1);
//! assert_eq!(score.value_ok, 1);
//! ```

use std::sync::LazyLock;

use crate::re::Regex;

use crate::document::{Span, Timex, TimexType};

/// A gold time expression: span into [`TimemlDoc::text`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldTimex {
    pub span: Span,
    pub kind: TimexType,
    pub value: String,
}

/// A TimeML document: the plain text of its `<TEXT>` element, its creation
/// date and the TIMEX3 annotations inside `<TEXT>` (the DCT's own TIMEX3 is
/// not counted: it is given, not found).
#[derive(Clone, Debug, Default)]
pub struct TimemlDoc {
    pub text: String,
    pub dct: Option<jiff::civil::Date>,
    pub timexes: Vec<GoldTimex>,
}

static ATTR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"([A-Za-z_:]+)[ \t\r\n]*=[ \t\r\n]*"([^"]*)""#).expect("attr pattern"));

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    ATTR.captures_iter(tag).find(|c| &c[1] == name).and_then(|c| c.get(2)).map(|m| m.as_str())
}

/// Reads a TimeML string. Malformed input gives what could be read.
pub fn parse(xml: &str) -> TimemlDoc {
    let dct = xml.find("<DCT>").and_then(|i| {
        let rest = &xml[i..];
        let tag_end = rest.find('>').map(|e| e + 1).unwrap_or(0);
        let inner = &rest[tag_end..];
        let t = inner.find("<TIMEX3")?;
        let tag = &inner[t..t + inner[t..].find('>')?];
        let v = attr(tag, "value")?;
        v.get(..10)?.parse().ok()
    });
    let body = match (xml.find("<TEXT>"), xml.find("</TEXT>")) {
        (Some(s), Some(e)) if s + 6 <= e => &xml[s + 6..e],
        _ => xml,
    };
    let mut text = String::with_capacity(body.len());
    let mut open: Vec<(usize, Option<TimexType>, String)> = Vec::new();
    let mut timexes = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let next = rest.find(['<', '&']).unwrap_or(rest.len());
        text.push_str(&rest[..next]);
        rest = &rest[next..];
        if rest.starts_with('<') {
            let Some(close) = rest.find('>') else {
                text.push_str(rest);
                break;
            };
            let tag = &rest[1..close];
            if let Some(t) = tag.strip_prefix("TIMEX3") {
                let kind = attr(t, "type").and_then(super::timex_type);
                let value = attr(t, "value").unwrap_or("").to_string();
                if tag.ends_with('/') {
                    // An empty TIMEX3 has no extent to find.
                } else {
                    open.push((text.len(), kind, value));
                }
            } else if tag.starts_with("/TIMEX3") {
                if let Some((start, Some(kind), value)) = open.pop() {
                    timexes.push(GoldTimex { span: Span::new(start, text.len()), kind, value });
                }
            }
            rest = &rest[close + 1..];
        } else if rest.starts_with('&') {
            let (ch, len) = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&apos;", '\'')]
                .iter()
                .find(|(e, _)| rest.starts_with(e))
                .map_or(('&', 1), |(e, c)| (*c, e.len()));
            text.push(ch);
            rest = &rest[len..];
        }
    }
    timexes.sort_by_key(|t: &GoldTimex| t.span);
    TimemlDoc { text, dct, timexes }
}

/// Counts for TempEval-3 Task A; add them up over documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimexScore {
    pub gold: usize,
    pub predicted: usize,
    /// Predicted spans equal to a gold span.
    pub strict: usize,
    /// Predicted spans overlapping a gold span (one-to-one).
    pub relaxed: usize,
    /// Relaxed matches with the gold type.
    pub type_ok: usize,
    /// Relaxed matches with the gold value.
    pub value_ok: usize,
}

impl std::ops::AddAssign for TimexScore {
    fn add_assign(&mut self, o: TimexScore) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.type_ok += o.type_ok;
        self.value_ok += o.value_ok;
    }
}

fn f1(hits: usize, predicted: usize, gold: usize) -> f64 {
    if hits == 0 {
        return 0.0;
    }
    let p = hits as f64 / predicted as f64;
    let r = hits as f64 / gold as f64;
    2.0 * p * r / (p + r)
}

impl TimexScore {
    pub fn strict_f1(&self) -> f64 {
        f1(self.strict, self.predicted, self.gold)
    }
    pub fn relaxed_f1(&self) -> f64 {
        f1(self.relaxed, self.predicted, self.gold)
    }
    /// TempEval-3 "type F1": correct types over predicted and over gold.
    pub fn type_f1(&self) -> f64 {
        f1(self.type_ok, self.predicted, self.gold)
    }
    /// TempEval-3 "value F1": correct values over predicted and over gold.
    pub fn value_f1(&self) -> f64 {
        f1(self.value_ok, self.predicted, self.gold)
    }
    /// Share of relaxed matches with the right type.
    pub fn type_accuracy(&self) -> f64 {
        if self.relaxed == 0 {
            0.0
        } else {
            self.type_ok as f64 / self.relaxed as f64
        }
    }
    /// One line for a report.
    pub fn summary(&self) -> String {
        format!(
            "gold {} predicted {} | strict F1 {:.3} | relaxed F1 {:.3} (P {:.3} R {:.3}) | type F1 {:.3} (acc {:.3}) | value F1 {:.3}",
            self.gold,
            self.predicted,
            self.strict_f1(),
            self.relaxed_f1(),
            if self.predicted == 0 { 0.0 } else { self.relaxed as f64 / self.predicted as f64 },
            if self.gold == 0 { 0.0 } else { self.relaxed as f64 / self.gold as f64 },
            self.type_f1(),
            self.type_accuracy(),
            self.value_f1(),
        )
    }
}

/// Whether two TIMEX3 values are equal as ISO 8601 reads them: some gold
/// files write a week number without its leading zero ("1998-W7" for
/// "1998-W07").
pub fn same_value(a: &str, b: &str) -> bool {
    a == b || (a.contains("-W") && b.contains("-W") && pad_week(a) == pad_week(b))
}

fn pad_week(v: &str) -> String {
    match v.split_once("-W") {
        Some((y, rest)) if rest.starts_with(|c: char| c.is_ascii_digit()) && !rest[1..].starts_with(|c: char| c.is_ascii_digit()) => {
            format!("{y}-W0{rest}")
        }
        _ => v.to_string(),
    }
}

/// Scores predicted against gold timexes (same text). Each gold expression
/// matches at most one prediction: the first overlapping one, exact first.
pub fn score(gold: &[GoldTimex], predicted: &[Timex]) -> TimexScore {
    let mut s = TimexScore { gold: gold.len(), predicted: predicted.len(), ..Default::default() };
    let mut used = vec![false; gold.len()];
    for p in predicted {
        let exact = gold.iter().enumerate().find(|(i, g)| !used[*i] && g.span == p.span);
        let hit = exact.or_else(|| gold.iter().enumerate().find(|(i, g)| !used[*i] && g.span.overlaps(p.span)));
        if let Some((i, g)) = hit {
            used[i] = true;
            s.relaxed += 1;
            if g.span == p.span {
                s.strict += 1;
            }
            if g.kind == p.kind {
                s.type_ok += 1;
            }
            if same_value(&g.value, &p.value) {
                s.value_ok += 1;
            }
        }
    }
    s
}

/// Runs [`super::find`] over a document with its DCT (one sentence span
/// over the whole text) and scores it; also returns the predictions.
pub fn evaluate(doc: &TimemlDoc) -> (TimexScore, Vec<Timex>) {
    let whole = [Span::new(0, doc.text.len())];
    let predicted = super::find(&doc.text, &[], &whole, doc.dct);
    (score(&doc.timexes, &predicted), predicted)
}

/// Which part of TBAQ-cleaned a `.tml` file belongs to, from its folder and
/// file name: `"TimeBank"`, `"AQUAINT-dev"` or `"AQUAINT-test"`, else the
/// folder as given.
///
/// AQUAINT is split in two halves by a hash of the file name (FNV-1a, lowest
/// bit), so the split is fixed, needs no list and does not follow the
/// files' order or topic: 36 files (317 expressions) to tune on, and 37
/// files (262 expressions) that are never tuned on and give the held-out
/// figures. Until session 4 all of AQUAINT was held out.
pub fn tbaq_part<'a>(folder: &'a str, file_name: &str) -> &'a str {
    if folder != "AQUAINT" {
        return folder;
    }
    let hash = file_name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    if hash & 1 == 1 {
        "AQUAINT-test"
    } else {
        "AQUAINT-dev"
    }
}

#[cfg(test)]
mod split_tests {
    #[test]
    fn aquaint_halves_are_fixed_by_file_name() {
        assert_eq!(super::tbaq_part("TimeBank", "wsj_0006.tml"), "TimeBank");
        assert_eq!(super::tbaq_part("AQUAINT", "APW19980807.0261.tml"), super::tbaq_part("AQUAINT", "APW19980807.0261.tml"));
        let parts: Vec<_> = ["APW19980807.0261.tml", "APW19980808.0022.tml", "APW19980809.0700.tml", "APW19980810.0907.tml"]
            .iter()
            .map(|f| super::tbaq_part("AQUAINT", f))
            .collect();
        assert!(parts.contains(&"AQUAINT-dev") && parts.contains(&"AQUAINT-test"), "{parts:?}");
    }
}
