//! Cleanup: repairs the damage scraping does to an article, as a series of
//! passes. Each pass proposes [`Edit`]s against its input; the edits become
//! [`Repair`] records and one [`OffsetMap`] per pass, so every character of
//! the cleaned text can be traced back to the input and every repair undone.

use crate::document::{Repair, RepairKind, Span};
use crate::offsets::{Alignment, Edit, OffsetMap};

/// The cleaned text, its alignment with the input, and the repairs made.
#[derive(Clone, Debug, Default)]
pub struct Cleaned {
    pub text: String,
    pub alignment: Alignment,
    pub repairs: Vec<Repair>,
}

/// A cleaning pass: reads its input text and pushes edits in text order.
type Pass = fn(&str, &mut Vec<Edit<RepairKind>>);

const PASSES: &[Pass] = &[];

/// Cleans `source`, skipping any edit whose input stretch is in `rejected`
/// (a repair the reader undid, named by its `source_span`).
pub fn clean(source: &str, rejected: &[Span]) -> Cleaned {
    let mut text = source.to_string();
    let mut alignment = Alignment::default();
    // Repairs with their span in the output of pass `.0`.
    let mut made: Vec<(usize, Repair)> = Vec::new();
    let mut edits = Vec::new();
    for pass in PASSES {
        edits.clear();
        pass(&text, &mut edits);
        if !rejected.is_empty() {
            edits.retain(|e| !rejected.contains(&alignment.to_source(e.range)));
        }
        if edits.is_empty() {
            continue;
        }
        let (out, map, applied) = OffsetMap::apply(&text, &edits);
        let done = alignment.len();
        for (i, span) in applied {
            let edit = &edits[i];
            let source_span = alignment.to_source(edit.range);
            let before = source.get(source_span.range()).unwrap_or_default().to_string();
            made.push((done + 1, Repair { kind: edit.kind, before, after: edit.replacement.clone(), span, source_span }));
        }
        alignment.push(map);
        text = out;
    }
    let repairs = made
        .into_iter()
        .map(|(after_pass, mut r)| {
            r.span = alignment.to_clean_from(after_pass, r.span);
            r
        })
        .collect();
    Cleaned { text, alignment, repairs }
}
