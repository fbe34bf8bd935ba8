//! TimeML events and event–time links, with no IO: the gold side of
//! `dateline eval events` and of `cargo xtask train-events`.
//!
//! The text is read by [`crate::timex::timeml::parse`] itself, so offsets
//! agree with the time-expression reader: EVENT elements are handed to it
//! as TIMEX3 elements whose value carries the event id and class, and each
//! TIMEX3's value is prefixed with its id (a second, plain read gives the
//! real values).
//!
//! ```
//! use dateline_core::events::timeml;
//! let doc = timeml::parse(r#"<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07">x</TIMEX3></DCT>
//! <TEXT>Bombs <EVENT eid="e1" class="OCCURRENCE">exploded</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>.</TEXT>
//! <MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" />
//! <TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />"#);
//! assert_eq!(doc.events.len(), 1);
//! assert_eq!(&doc.text[doc.events[0].span.range()], "exploded");
//! assert_eq!(doc.events[0].anchors, vec![0]);
//! ```

use std::collections::HashMap;

use crate::document::{EventClass, Span};
use crate::timex::timeml as tml;

pub use crate::timex::timeml::GoldTimex;

/// A gold event mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldEvent {
    pub eid: String,
    pub span: Span,
    pub class: EventClass,
    /// Indices into [`EventDoc::timexes`] of the (non-DCT) time expressions
    /// that place it: TLINKs of an including or simultaneous kind.
    pub anchors: Vec<usize>,
}

/// A TimeML document with its events.
#[derive(Clone, Debug, Default)]
pub struct EventDoc {
    pub text: String,
    pub dct: Option<jiff::civil::Date>,
    pub timexes: Vec<GoldTimex>,
    /// TIMEX3 ids, parallel to `timexes`.
    pub tids: Vec<String>,
    pub events: Vec<GoldEvent>,
}

/// TimeML class name to [`EventClass`].
pub fn class_of(name: &str) -> Option<EventClass> {
    Some(match name {
        "OCCURRENCE" => EventClass::Occurrence,
        "REPORTING" => EventClass::Reporting,
        "STATE" => EventClass::State,
        "I_ACTION" => EventClass::IAction,
        "I_STATE" => EventClass::IState,
        "ASPECTUAL" => EventClass::Aspectual,
        "PERCEPTION" => EventClass::Perception,
        _ => return None,
    })
}

/// Link types that place an event at a time expression.
pub const ANCHOR_RELATIONS: &[&str] = &[
    "IS_INCLUDED",
    "INCLUDES",
    "DURING",
    "DURING_INV",
    "SIMULTANEOUS",
    "BEGINS",
    "ENDS",
    "BEGUN_BY",
    "ENDED_BY",
    "IDENTITY",
];

/// The value of attribute `name` in a tag's inside (`name="value"`).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = rest[i + name.len()..].trim_start();
        if before_ok {
            if let Some(v) = after
                .strip_prefix('=')
                .map(str::trim_start)
                .and_then(|v| v.strip_prefix('"'))
            {
                return v.find('"').map(|e| &v[..e]);
            }
        }
        rest = &rest[i + name.len()..];
    }
    None
}

/// Each tag `<NAME ...>` (or `<NAME .../>`) of `xml`: its inside, after the name.
fn tags<'a>(xml: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let open = format!("<{name} ");
    let mut at = 0;
    std::iter::from_fn(move || {
        let i = xml[at..].find(&open)? + at;
        let end = xml[i..].find('>')? + i;
        at = end;
        Some(&xml[i + open.len()..end])
    })
}

/// Reads a TimeML string. Malformed input gives what could be read.
pub fn parse(xml: &str) -> EventDoc {
    let plain = tml::parse(xml);
    // Rewrite the body: EVENT → TIMEX3 carrying "E|eid|class", TIMEX3 value → "T|tid".
    let body_start = xml.find("<TEXT>").unwrap_or(0);
    let mut marked = String::with_capacity(xml.len() + xml.len() / 4);
    marked.push_str(&xml[..body_start]);
    let mut rest = &xml[body_start..];
    while let Some(i) = rest.find('<') {
        marked.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find('>') else { break };
        let tag = &rest[1..end];
        if let Some(inside) = tag.strip_prefix("EVENT ") {
            let eid = attr(inside, "eid").unwrap_or("");
            let class = attr(inside, "class").unwrap_or("");
            marked.push_str(&format!("<TIMEX3 type=\"DATE\" value=\"E|{eid}|{class}\">"));
        } else if tag == "/EVENT" {
            marked.push_str("</TIMEX3>");
        } else if let Some(inside) = tag.strip_prefix("TIMEX3 ") {
            let tid = attr(inside, "tid").unwrap_or("");
            marked.push_str(&format!("<TIMEX3 value=\"T|{tid}\" {inside}>"));
        } else {
            marked.push_str(&rest[..=end]);
        }
        rest = &rest[end + 1..];
    }
    marked.push_str(rest);
    let read = tml::parse(&marked);

    let mut doc = EventDoc {
        text: plain.text,
        dct: plain.dct,
        ..Default::default()
    };
    let mut tid_index: HashMap<String, usize> = HashMap::new();
    let mut events = Vec::new();
    for t in &read.timexes {
        let mut parts = t.value.split('|');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("E"), Some(eid), Some(class)) => {
                if let Some(class) = class_of(class) {
                    events.push(GoldEvent {
                        eid: eid.to_string(),
                        span: t.span,
                        class,
                        anchors: Vec::new(),
                    });
                }
            }
            (Some("T"), Some(tid), None) => {
                // The plain read has the same expressions at the same spans.
                if let Ok(k) = plain.timexes.binary_search_by_key(&t.span, |g| g.span) {
                    tid_index.insert(tid.to_string(), doc.timexes.len());
                    doc.timexes.push(plain.timexes[k].clone());
                    doc.tids.push(tid.to_string());
                }
            }
            _ => {}
        }
    }
    // Links: instance → event, then event–time links of an anchoring kind.
    let mut instance: HashMap<&str, &str> = HashMap::new();
    for tag in tags(xml, "MAKEINSTANCE") {
        if let (Some(eiid), Some(eid)) = (attr(tag, "eiid"), attr(tag, "eventID")) {
            instance.insert(eiid, eid);
        }
    }
    let mut event_index: HashMap<String, usize> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        event_index.insert(e.eid.clone(), i);
    }
    for tag in tags(xml, "TLINK") {
        let Some(rel) = attr(tag, "relType") else {
            continue;
        };
        if !ANCHOR_RELATIONS.contains(&rel) {
            continue;
        }
        let pair = match (
            attr(tag, "eventInstanceID"),
            attr(tag, "relatedToTime"),
            attr(tag, "timeID"),
            attr(tag, "relatedToEventInstance"),
        ) {
            (Some(ei), Some(t), _, _) | (_, _, Some(t), Some(ei)) => Some((ei, t)),
            _ => None,
        };
        let Some((ei, t)) = pair else { continue };
        let (Some(eid), Some(&ti)) = (instance.get(ei), tid_index.get(t)) else {
            continue;
        };
        if let Some(&k) = event_index.get(*eid) {
            if !events[k].anchors.contains(&ti) {
                events[k].anchors.push(ti);
            }
        }
    }
    events.sort_by_key(|e| e.span);
    doc.events = events;
    doc
}

/// Event-mention and anchoring counts; add them up over documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EventScore {
    pub gold: usize,
    pub predicted: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub class_ok: usize,
    /// Gold events with an anchoring link to a (non-DCT) time expression.
    pub linked: usize,
    /// ... of which a predicted mention matches the event.
    pub linked_found: usize,
    /// ... of which the mention is anchored to an overlapping time expression.
    pub anchored_ok: usize,
    /// Predicted mentions with an anchor at all.
    pub anchored: usize,
}

impl std::ops::AddAssign for EventScore {
    fn add_assign(&mut self, o: EventScore) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.class_ok += o.class_ok;
        self.linked += o.linked;
        self.linked_found += o.linked_found;
        self.anchored_ok += o.anchored_ok;
        self.anchored += o.anchored;
    }
}

impl EventScore {
    /// Strict span F1.
    pub fn strict_f1(&self) -> f64 {
        f1(self.strict, self.gold + self.predicted)
    }
    /// Relaxed (overlap) span F1.
    pub fn relaxed_f1(&self) -> f64 {
        f1(self.relaxed, self.gold + self.predicted)
    }
    /// Share of relaxed matches with the gold class.
    pub fn class_accuracy(&self) -> f64 {
        share(self.class_ok, self.relaxed)
    }
    /// Share of linked gold events anchored to a right time expression.
    pub fn anchoring(&self) -> f64 {
        share(self.anchored_ok, self.linked)
    }
    /// One line for a report.
    pub fn summary(&self) -> String {
        format!(
            "events: gold {} predicted {} | strict F1 {:.3} | relaxed F1 {:.3} (P {:.3} R {:.3}) | class acc {:.3} | \
             anchoring: {} linked gold events, right time {:.3} ({} found: {:.3})",
            self.gold,
            self.predicted,
            self.strict_f1(),
            self.relaxed_f1(),
            share(self.relaxed, self.predicted),
            share(self.relaxed, self.gold),
            share(self.class_ok, self.relaxed),
            self.linked,
            share(self.anchored_ok, self.linked),
            self.linked_found,
            share(self.anchored_ok, self.linked_found),
        )
    }
}

fn f1(hits: usize, total: usize) -> f64 {
    if hits == 0 { 0.0 } else { 2.0 * hits as f64 / total as f64 }
}

fn share(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores one document: its text annotated with its DCT by the public
/// pipeline ([`crate::annotate`]), the event mentions ([`super::mentions`])
/// mapped back to the text and matched one-to-one with the gold events
/// (exact span first, else overlap); a linked gold event counts as
/// anchored when its mention's anchor overlaps one of its gold times.
pub fn evaluate(gold: &EventDoc) -> EventScore {
    let options = crate::Options { dct: gold.dct, ..Default::default() };
    let doc = crate::annotate(&gold.text, &options);
    let predicted = super::mentions(&doc);
    let mut s = EventScore { gold: gold.events.len(), predicted: predicted.len(), ..Default::default() };
    // Gold event index → matched prediction.
    let mut matched: Vec<Option<usize>> = vec![None; gold.events.len()];
    for (pi, p) in predicted.iter().enumerate() {
        let span = doc.source_span(p.span);
        s.anchored += usize::from(p.anchor.is_some());
        let k = gold.events.partition_point(|g| g.span.end <= span.start);
        let mut hit = None;
        for (gi, g) in gold.events.iter().enumerate().skip(k) {
            if g.span.start >= span.end {
                break;
            }
            if matched[gi].is_none() && g.span.overlaps(span) && (hit.is_none() || g.span == span) {
                hit = Some(gi);
            }
        }
        if let Some(gi) = hit {
            matched[gi] = Some(pi);
            s.relaxed += 1;
            let g = &gold.events[gi];
            s.strict += usize::from(g.span == span);
            s.class_ok += usize::from(g.class == p.class);
        }
    }
    for (gi, g) in gold.events.iter().enumerate() {
        if g.anchors.is_empty() {
            continue;
        }
        s.linked += 1;
        let Some(pi) = matched[gi] else { continue };
        s.linked_found += 1;
        let Some(t) = predicted[pi].anchor.and_then(|t| doc.timexes.get(t)) else { continue };
        let span = doc.source_span(t.span);
        if g.anchors.iter().any(|&a| gold.timexes[a].span.overlaps(span)) {
            s.anchored_ok += 1;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_events_timexes_and_links() {
        let doc = parse(
            r#"<DCT><TIMEX3 tid="t0" type="DATE" value="2000-01-02">x</TIMEX3></DCT><TEXT>He &amp; she <EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t5" type="DATE" value="1999">last year</TIMEX3> it <EVENT eid="e2" class="OCCURRENCE">rained</EVENT>.</TEXT>
<MAKEINSTANCE eventID="e2" eiid="ei2" /><MAKEINSTANCE eventID="e1" eiid="ei1" />
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0" />
<TLINK lid="l2" relType="INCLUDES" timeID="t5" relatedToEventInstance="ei2" />"#,
        );
        assert_eq!(doc.text, "He & she said last year it rained.");
        assert_eq!(doc.dct.map(|d| d.to_string()), Some("2000-01-02".into()));
        assert_eq!(doc.timexes.len(), 1);
        assert_eq!(doc.timexes[0].value, "1999");
        assert_eq!(doc.tids, ["t5"]);
        let words: Vec<&str> = doc
            .events
            .iter()
            .map(|e| &doc.text[e.span.range()])
            .collect();
        assert_eq!(words, ["said", "rained"]);
        assert_eq!(doc.events[0].class, EventClass::Reporting);
        assert!(doc.events[0].anchors.is_empty());
        assert_eq!(doc.events[1].anchors, vec![0]);
    }

    #[test]
    fn junk_never_panics() {
        for s in [
            "",
            "<TEXT>",
            "<EVENT eid=",
            "<TEXT><EVENT class=\"X\">a</TEXT>",
            "<TLINK relType=\"IS_INCLUDED\" />",
        ] {
            let _ = parse(s);
        }
    }
}
