//! Cleanup: repairs the damage scraping does to an article, as a series of
//! passes. Each pass proposes [`Edit`]s against its input; the edits become
//! [`Repair`] records and one [`OffsetMap`] per pass, so every character of
//! the cleaned text can be traced back to the input and every repair undone.

mod chars;
mod glue;
mod html;
mod quotes;
mod slug;
mod whitespace;

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

/// Order matters: markup goes first so later passes see text; characters are
/// fixed before whitespace (NBSP, mojibake of spaces); slugs before
/// whitespace so a removed line leaves no stray blank lines; glue and quotes
/// last, on settled text, since they only insert single spaces.
const PASSES: &[Pass] = &[
    html::strip_markup,
    chars::repair_chars,
    slug::remove_slugs,
    whitespace::normalise_whitespace,
    glue::split_glued_words,
    quotes::space_quotes,
];

/// Cleans `source`, making no edit inside a stretch listed in `rejected`
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
            edits.retain(|e| !is_rejected(alignment.to_source(e.range), rejected));
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
            // What the reader sees now, should a later pass have touched it.
            if let Some(now) = text.get(r.span.range()) {
                if now != r.after {
                    r.after = now.to_string();
                }
            }
            r
        })
        .collect();
    Cleaned { text, alignment, repairs }
}

/// Whether an edit of input stretch `span` touches a stretch the reader
/// restored: those stay exactly as they were, so no later pass may edit
/// inside them either (an undone "<p>\n\n\n" keeps its three newlines).
/// An insertion counts when it falls strictly inside, or is itself undone.
fn is_rejected(span: Span, rejected: &[Span]) -> bool {
    rejected.iter().any(|r| {
        if span.is_empty() {
            *r == span || (r.start < span.start && span.start < r.end)
        } else {
            r.contains(span)
        }
    })
}

/// Runs one pass alone and returns its output (for the passes' unit tests).
#[cfg(test)]
pub(crate) fn run_pass(pass: Pass, text: &str) -> String {
    let mut edits = Vec::new();
    pass(text, &mut edits);
    OffsetMap::apply(text, &edits).0
}
