//! Quotation marks glued to the words around them when scraping dropped a
//! space: said“Hello” → said “Hello”, ”he → ” he.

use crate::document::{RepairKind, Span};
use crate::offsets::Edit;

pub(super) fn space_quotes(text: &str, edits: &mut Vec<Edit<RepairKind>>) {
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            // An opening quote that opens a word but follows one.
            '“' if prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, ',' | ':' | ';'))
                && next.is_some_and(|n| n.is_alphanumeric() || n == '‘') =>
            {
                edits.push(insert_space(i));
            }
            // A closing quote that closes a word and runs into the next.
            '”' if prev.is_some_and(|p| !p.is_whitespace()) && next.is_some_and(char::is_alphanumeric) => {
                edits.push(insert_space(i + c.len_utf8()));
            }
            _ => {}
        }
        prev = Some(c);
    }
}

fn insert_space(at: usize) -> Edit<RepairKind> {
    Edit { range: Span::new(at, at), replacement: " ".into(), kind: RepairKind::Quote }
}
