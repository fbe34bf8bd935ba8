//! Dateline's pipeline: a news article in, a [`Document`] out — cleaned text
//! with an exact offset map to the input, entities, time expressions, events
//! and a timeline.
//!
//! The core does no IO and never fails: any string gives a document.
//!
//! ```
//! let doc = dateline_core::annotate("Mr. Smith arrived inParis on Monday.", &Default::default());
//! assert_eq!(doc.text, "Mr. Smith arrived in Paris on Monday.");
//! ```

pub mod clean;
pub mod conll;
pub mod dct;
pub mod document;
pub mod entities;
pub mod events;
pub mod lexicon;
pub mod offsets;
pub mod perceptron;
pub mod re;
pub mod sort;
pub mod text;
pub mod timex;

pub use document::*;

/// Runs the whole pipeline over `source`. Never panics, whatever the input.
pub fn annotate(source: &str, options: &Options) -> Document {
    let cleaned = clean::clean(source, &options.rejected_repairs);
    let mut doc = Document {
        source: source.to_string(),
        text: cleaned.text,
        alignment: cleaned.alignment,
        repairs: cleaned.repairs,
        ..Document::default()
    };
    doc.paragraphs = text::paragraphs(&doc.text);
    doc.tokens = text::tokenize(&doc.text);
    doc.sentences = text::sentences(&doc.text, &doc.tokens, &doc.paragraphs);
    doc.dct = match options.dct {
        Some(date) => Some(Dct { date, source: DctSource::Given }),
        None => dct::infer(&doc.text, &doc.sentences),
    };
    let dct_date = doc.dct.as_ref().and_then(Dct::day);
    let dct_year = doc.dct.as_ref().map(|d| i64::from(d.year()));
    doc.timexes = timex::find_with_year(&doc.text, &doc.tokens, &doc.sentences, dct_date, dct_year);
    doc.entities = entities::find(&doc.text, &doc.tokens, &doc.sentences);
    doc.events = events::find(&doc);
    doc.timeline = events::timeline(&doc);
    doc
}
