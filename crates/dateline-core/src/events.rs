//! Events and the timeline.

use crate::document::{Document, Event};

/// Events of the document (needs text, tokens, sentences, entities, timexes, dct).
pub fn find(doc: &Document) -> Vec<Event> {
    let _ = doc;
    Vec::new()
}

/// Indices into `doc.events` in story-time order.
pub fn timeline(doc: &Document) -> Vec<usize> {
    (0..doc.events.len()).collect()
}
