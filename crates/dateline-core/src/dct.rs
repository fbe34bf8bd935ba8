//! The article's date (document creation time), when the text pins it.

use crate::document::{Dct, Span};

/// Infers the article date from the text: a dateline, an explicit full date.
pub fn infer(text: &str, sentences: &[Span]) -> Option<Dct> {
    let _ = (text, sentences);
    None
}
