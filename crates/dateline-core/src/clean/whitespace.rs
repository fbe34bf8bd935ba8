//! Whitespace: one space between words, "\n" line ends, at most one blank
//! line, nothing at either end. Edits are minimal — in "a  b" only the
//! second space goes — so each repair shows exactly what was wrong.

use crate::document::{RepairKind, Span};
use crate::offsets::Edit;

/// Spaces that separate words on one line.
fn is_horizontal(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{b}' | '\u{c}' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Characters that end a line ("\r\n" counts once, see [`line_break_len`]).
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

pub(super) fn normalise_whitespace(text: &str, edits: &mut Vec<Edit<RepairKind>>) {
    let mut at = 0;
    let bytes = text.as_bytes();
    while at < text.len() {
        // Skip to the next whitespace character quickly over ASCII.
        let b = bytes[at];
        if b.is_ascii() && !b.is_ascii_whitespace() && b != 0x0b {
            at += 1;
            continue;
        }
        let Some(c) = text[at..].chars().next() else { break };
        if !is_horizontal(c) && !is_line_break(c) {
            at += c.len_utf8();
            continue;
        }
        let start = at;
        let end = start + text[start..].find(|c: char| !is_horizontal(c) && !is_line_break(c)).unwrap_or(text.len() - start);
        fix_run(text, Span::new(start, end), edits);
        at = end;
    }
}

/// Pushes the edits that make one whitespace run right.
fn fix_run(text: &str, run: Span, edits: &mut Vec<Edit<RepairKind>>) {
    let s = &text[run.range()];
    if run.start == 0 || run.end == text.len() {
        push(edits, run, "");
        return;
    }
    let breaks = line_breaks(s);
    if breaks == 0 {
        if s == " " {
            return;
        }
        match s.find(' ') {
            // Keep the first plain space, drop the rest.
            Some(i) => {
                push(edits, Span::new(run.start, run.start + i), "");
                push(edits, Span::new(run.start + i + 1, run.end), "");
            }
            None => push(edits, run, " "),
        }
        return;
    }
    // Keep the first one or two line breaks (as "\n"), drop everything else.
    let keep = breaks.min(2);
    let mut kept = 0;
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        let pos = run.start + i;
        if is_line_break(c) && kept < keep {
            kept += 1;
            let len = line_break_len(&s[i..]);
            if &s[i..i + len] != "\n" {
                if &s[i..i + len] == "\r\n" {
                    push(edits, Span::new(pos, pos + 1), "");
                } else {
                    push(edits, Span::new(pos, pos + len), "\n");
                }
            }
            i += len;
        } else {
            push(edits, Span::new(pos, pos + c.len_utf8()), "");
            i += c.len_utf8();
        }
    }
}

fn line_breaks(s: &str) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        if is_line_break(c) {
            n += 1;
            i += line_break_len(&s[i..]);
        } else {
            i += c.len_utf8();
        }
    }
    n
}

fn line_break_len(s: &str) -> usize {
    if s.starts_with("\r\n") {
        2
    } else {
        s.chars().next().map_or(1, char::len_utf8)
    }
}

/// Adds an edit, merging a deletion into the deletion just before it.
fn push(edits: &mut Vec<Edit<RepairKind>>, range: Span, replacement: &str) {
    if range.is_empty() {
        return;
    }
    if let Some(last) = edits.last_mut() {
        if replacement.is_empty() && last.replacement.is_empty() && last.range.end == range.start && last.kind == RepairKind::Whitespace {
            last.range.end = range.end;
            return;
        }
    }
    edits.push(Edit { range, replacement: replacement.into(), kind: RepairKind::Whitespace });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (String, usize) {
        let mut edits = Vec::new();
        normalise_whitespace(text, &mut edits);
        (crate::offsets::OffsetMap::apply(text, &edits).0, edits.len())
    }

    #[test]
    fn normalises_minimally() {
        assert_eq!(run("a  b"), ("a b".into(), 1));
        assert_eq!(run("a\u{a0}b"), ("a b".into(), 1));
        assert_eq!(run(" a \r\n\r\n\r\nb\t "), ("a\n\nb".into(), 5));
        assert_eq!(run("a \n b"), ("a\nb".into(), 2));
        assert_eq!(run("a b\nc"), ("a b\nc".into(), 0));
    }
}
