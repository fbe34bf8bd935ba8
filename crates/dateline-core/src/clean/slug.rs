//! Image slugs: the file name or URL slug of a photo, left in the text by a
//! scraper, either glued to the sentence after it ("marathon18n-bomb-6After
//! conversation…") or alone on a line ("IMG_2041.jpg").

use crate::document::{RepairKind, Span};
use crate::offsets::Edit;

const IMAGE_EXTENSIONS: &[&str] = &[".jpg", ".jpeg", ".png", ".gif", ".webp"];

/// How far back a file name may reach: a bound that keeps the scan linear.
const MAX_SLUG_LEN: usize = 200;

pub(super) fn remove_slugs(text: &str, edits: &mut Vec<Edit<RepairKind>>) {
    let bytes = text.as_bytes();
    let mut line_start = 0;
    while line_start <= text.len() {
        let line_end = line_start + bytes[line_start..].iter().position(|&b| b == b'\n').unwrap_or(text.len() - line_start);
        let line = &text[line_start..line_end];
        if is_image_file_name(line.trim()) {
            let floor = edits.last().map_or(0, |e| e.range.end);
            let range = line_with_breaks(text, floor, line_start, line_end);
            if edits.last().is_none_or(|e| e.range.end <= range.start) {
                edits.push(Edit { range, replacement: String::new(), kind: RepairKind::Slug });
            }
        } else {
            glued_slugs(text, line_start, line_end, edits);
        }
        line_start = line_end + 1;
    }
}

/// A line to remove with the line breaks on one side, the side with fewer,
/// so the lines around it keep the separation they had ("A\n\nIMG\n\nB" →
/// "A\n\nB", "A\nIMG\n\nB" → "A\n\nB") and whitespace needs no second repair.
fn line_with_breaks(text: &str, floor: usize, line_start: usize, line_end: usize) -> Span {
    let is_break = |c: char| c.is_whitespace();
    let before = text[..line_start].trim_end_matches(is_break).len().max(floor.min(line_start));
    let after = text.len() - text[line_end..].trim_start_matches(is_break).len();
    let newlines = |s: &str| s.bytes().filter(|&b| b == b'\n').count();
    let (breaks_before, breaks_after) = (newlines(&text[before..line_start]), newlines(&text[line_end..after]));
    if before == 0 || after == text.len() {
        // At either end of the text, everything around the line goes.
        Span::new(if before == 0 { 0 } else { before }, if after == text.len() { text.len() } else { after })
    } else if breaks_before < breaks_after {
        Span::new(before, line_end)
    } else {
        Span::new(line_start, after)
    }
}

/// "IMG_2041.jpg", "bomb-suspects-2x.png": one token, an image extension, a stem of file-name characters.
fn is_image_file_name(token: &str) -> bool {
    let Some(stem_len) = image_stem_len(token) else { return false };
    stem_len > 0 && token[..stem_len].bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Length of `token` before its image extension, if it has one.
fn image_stem_len(token: &str) -> Option<usize> {
    IMAGE_EXTENSIONS.iter().find_map(|ext| {
        let cut = token.len().checked_sub(ext.len())?;
        (token.is_char_boundary(cut) && token[cut..].eq_ignore_ascii_case(ext)).then_some(cut)
    })
}

fn is_slug_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
}

/// Slugs glued to the start of a capitalised word within one line.
fn glued_slugs(text: &str, from: usize, to: usize, edits: &mut Vec<Edit<RepairKind>>) {
    let bytes = text.as_bytes();
    for i in from + 1..to {
        if !bytes[i].is_ascii_uppercase() {
            continue;
        }
        let prev = bytes[i - 1];
        let start = if prev.is_ascii_alphabetic() && image_stem_len(&text[from..i]).is_some() {
            image_slug_start(bytes, from, i)
        } else if is_slug_byte(prev) {
            url_slug_start(bytes, from, i)
        } else {
            None
        };
        if let Some(start) = start {
            if edits.last().is_none_or(|e| e.range.end <= start) {
                edits.push(Edit { range: Span::new(start, i), replacement: String::new(), kind: RepairKind::Slug });
            }
        }
    }
}

/// Whether the slug may start at `start`: at a line start, after a space or an opening bracket or quote.
fn starts_token(bytes: &[u8], from: usize, start: usize) -> bool {
    start == from || matches!(bytes[start - 1], b' ' | b'\t' | b'(' | b'[' | b'"' | b'\'') || !bytes[start - 1].is_ascii()
}

/// "photo_2.JPG" before `end`: a file name with an image extension.
fn image_slug_start(bytes: &[u8], from: usize, end: usize) -> Option<usize> {
    let limit = end.saturating_sub(MAX_SLUG_LEN).max(from);
    let mut start = end;
    while start > limit && (bytes[start - 1].is_ascii_alphanumeric() || matches!(bytes[start - 1], b'-' | b'_' | b'.')) {
        start -= 1;
    }
    let stem = image_stem_len(std::str::from_utf8(&bytes[start..end]).ok()?)?;
    (stem > 0 && starts_token(bytes, from, start)).then_some(start)
}

/// "marathon18n-bomb-6" before `end`: lower-case letters and digits joined
/// by hyphens or underscores, with a digit. Unlike "covid-19" or "f-16" it
/// needs two joints or a part mixing letters and digits.
fn url_slug_start(bytes: &[u8], from: usize, end: usize) -> Option<usize> {
    let limit = end.saturating_sub(MAX_SLUG_LEN).max(from);
    let mut start = end;
    while start > limit && is_slug_byte(bytes[start - 1]) {
        start -= 1;
    }
    let slug = &bytes[start..end];
    // A slug mixes words and numbers; digits and joints alone are a date
    // or a figure ("2013-04-30T14:22", "10-12Z").
    if !starts_token(bytes, from, start) || !slug.iter().any(u8::is_ascii_digit) || !slug.iter().any(u8::is_ascii_lowercase) {
        return None;
    }
    let parts = slug.split(|&b| b == b'-' || b == b'_');
    let joints = slug.iter().filter(|&&b| b == b'-' || b == b'_').count();
    let mixed = parts.clone().any(|p| p.iter().any(u8::is_ascii_digit) && p.iter().any(u8::is_ascii_lowercase));
    if joints == 0 || parts.clone().any(|p| p.is_empty()) {
        return None;
    }
    (joints >= 2 || mixed).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> String {
        crate::clean::run_pass(remove_slugs, text)
    }

    #[test]
    fn removes_slugs_only() {
        assert_eq!(run("marathon18n-bomb-6After talks"), "After talks");
        assert_eq!(run("A\nIMG_2041.jpg\nB"), "A\nB");
        assert_eq!(run("photo.jpgThe end"), "The end");
        assert_eq!(run("A\n\nx.png\n\nB"), "A\n\nB");
        assert_eq!(run("A\nx.png\n\nB"), "A\n\nB");
        assert_eq!(run("A\nx.png\ny.gif\nB"), "A\n\nB");
        assert_eq!(run("x.png\nA"), "A");
        assert_eq!(run("well-known covid-19Vaccines F-16 self-driving"), "well-known covid-19Vaccines F-16 self-driving");
    }
}
