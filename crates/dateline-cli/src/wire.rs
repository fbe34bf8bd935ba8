//! The CLI's JSON contract. Spans are half-open and counted in Unicode code
//! points (as the W3C TextPositionSelector and Python count): `span` into the
//! cleaned `text`, `source_span` into the input.

use dateline_core::offsets::TextIndex;
use dateline_core::{DctSource, Document, Span};
use serde::Serialize;

#[derive(Serialize)]
pub struct WireDocument<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub dct: Option<WireDct>,
    pub repairs: Vec<WireRepair<'a>>,
    pub sentences: Vec<[usize; 2]>,
    pub entities: Vec<WireEntity<'a>>,
    pub timexes: Vec<WireTimex<'a>>,
    pub events: Vec<WireEvent<'a>>,
    pub timeline: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct WireDct {
    pub value: String,
    pub source: &'static str,
}

#[derive(Serialize)]
pub struct WireRepair<'a> {
    pub kind: &'static str,
    pub before: &'a str,
    pub after: &'a str,
    pub span: [usize; 2],
    pub source_span: [usize; 2],
}

#[derive(Serialize)]
pub struct WireMention<'a> {
    pub text: &'a str,
    pub span: [usize; 2],
    pub source_span: [usize; 2],
}

#[derive(Serialize)]
pub struct WireEntity<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub name: &'a str,
    /// Titles seen with the name ("President", "Mr."), kept off the name.
    pub titles: &'a [String],
    pub mentions: Vec<WireMention<'a>>,
}

#[derive(Serialize)]
pub struct WireTimex<'a> {
    pub id: &'a str,
    pub text: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub value: &'a str,
    pub span: [usize; 2],
    pub source_span: [usize; 2],
}

#[derive(Serialize)]
pub struct WireEvent<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// TimeML class ("OCCURRENCE", "REPORTING", ...): the page hides reports on request.
    pub class: &'static str,
    pub mentions: Vec<WireMention<'a>>,
    /// Indices into `sentences` of the sentences that tell it.
    pub sentences: &'a [usize],
    pub time: Option<WireEventTime<'a>>,
    /// A duration told with it ("six-month"): drawn beside the date.
    pub duration: Option<WireEventDuration<'a>>,
    /// Entity ids of the participants, people and organisations first.
    pub participants: Vec<&'a str>,
    /// Entity id of the place it happened.
    pub place: Option<&'a str>,
}

#[derive(Serialize)]
pub struct WireEventDuration<'a> {
    pub value: &'a str,
    pub text: &'a str,
    pub timex: &'a str,
}

#[derive(Serialize)]
pub struct WireEventTime<'a> {
    pub value: &'a str,
    pub timex: Option<&'a str>,
}

/// Converts a document to its wire form, counting offsets in code points.
pub fn to_wire<'a>(id: &'a str, doc: &'a Document) -> WireDocument<'a> {
    let text_index = TextIndex::new(&doc.text);
    let source_index = TextIndex::new(&doc.source);
    let clean = |s: Span| text_index.span_to_chars(s);
    let source = |s: Span| source_index.span_to_chars(s);
    let mention = |s: Span| WireMention { text: doc.slice(s), span: clean(s), source_span: source(doc.source_span(s)) };
    WireDocument {
        id,
        text: &doc.text,
        dct: doc.dct.as_ref().map(|d| WireDct {
            // A year-only article date is written as the year ("2013").
            value: match d.day() {
                Some(day) => day.to_string(),
                None => format!("{:04}", d.year()),
            },
            source: match d.source {
                DctSource::Given => "given",
                DctSource::Inferred { .. } | DctSource::InferredYear { .. } => "inferred",
            },
        }),
        repairs: doc
            .repairs
            .iter()
            .map(|r| WireRepair { kind: r.kind.name(), before: &r.before, after: &r.after, span: clean(r.span), source_span: source(r.source_span) })
            .collect(),
        sentences: doc.sentences.iter().map(|&s| clean(s)).collect(),
        entities: doc
            .entities
            .iter()
            .map(|e| WireEntity { id: &e.id, kind: e.kind.name(), name: &e.name, titles: &e.titles, mentions: e.mentions.iter().map(|&m| mention(m)).collect() })
            .collect(),
        timexes: doc
            .timexes
            .iter()
            .map(|t| WireTimex {
                id: &t.id,
                text: doc.slice(t.span),
                kind: t.kind.name(),
                value: &t.value,
                span: clean(t.span),
                source_span: source(doc.source_span(t.span)),
            })
            .collect(),
        events: doc
            .events
            .iter()
            .map(|e| WireEvent {
                id: &e.id,
                title: &e.title,
                class: e.class.name(),
                mentions: e.mentions.iter().map(|&m| mention(m)).collect(),
                sentences: &e.sentences,
                time: e.time.as_ref().map(|t| WireEventTime {
                    value: &t.value,
                    timex: t.timex.and_then(|i| doc.timexes.get(i)).map(|t| t.id.as_str()),
                }),
                duration: e
                    .duration
                    .and_then(|i| doc.timexes.get(i))
                    .map(|t| WireEventDuration { value: &t.value, text: doc.slice(t.span), timex: &t.id }),
                participants: e.participants.iter().filter_map(|&p| doc.entities.get(p)).map(|p| p.id.as_str()).collect(),
                place: e.place.and_then(|p| doc.entities.get(p)).map(|p| p.id.as_str()),
            })
            .collect(),
        timeline: doc.timeline.iter().filter_map(|&i| doc.events.get(i)).map(|e| e.id.as_str()).collect(),
    }
}
