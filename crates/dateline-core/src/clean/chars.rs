//! Characters: mojibake (UTF-8 read as Windows-1252), invisible format
//! characters and stray control characters.

use crate::document::{RepairKind, Span};
use crate::offsets::Edit;

/// Windows-1252 bytes 0x80–0x9F; `None` where the code page leaves a hole
/// (browsers then read the byte as the C1 control of the same number).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'), None, Some('‚'), Some('ƒ'), Some('„'), Some('…'), Some('†'), Some('‡'),
    Some('ˆ'), Some('‰'), Some('Š'), Some('‹'), Some('Œ'), None, Some('Ž'), None,
    None, Some('‘'), Some('’'), Some('“'), Some('”'), Some('•'), Some('–'), Some('—'),
    Some('˜'), Some('™'), Some('š'), Some('›'), Some('œ'), None, Some('ž'), Some('Ÿ'),
];

/// The character a Windows-1252 byte 0x80–0x9F stands for.
pub(super) fn cp1252_char(byte: u8) -> Option<char> {
    CP1252_HIGH.get(byte.wrapping_sub(0x80) as usize).copied().flatten()
}

/// The byte a character came from if the text was decoded as Windows-1252
/// (or Latin-1, which differs only in the C1 range).
fn cp1252_byte(c: char) -> Option<u8> {
    let code = c as u32;
    if code < 0x100 {
        return Some(code as u8);
    }
    CP1252_HIGH.iter().position(|&x| x == Some(c)).map(|i| 0x80 + i as u8)
}

/// Removed wherever they appear: they carry nothing a reader sees.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}' | '\u{180e}')
}

/// Spaces other than the plain one, which the whitespace pass turns into " ".
pub(super) fn is_unicode_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

/// Control characters that are neither line breaks nor tabs: noise from
/// binary junk or broken converters. (NEL and the vertical tab and form
/// feed are whitespace, left to the whitespace pass.)
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}')
}

/// Emoji and their joiners: a ZWJ between two of them builds one glyph and stays.
fn is_emoji_part(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0xFE0F)
}

/// Punctuation that legitimately follows an accented letter ("café’",
/// "CAFÉ”"): such a pair alone is not taken for mojibake.
fn is_trailing_punct(c: char) -> bool {
    matches!(c, '’' | '‘' | '”' | '“' | '—' | '–' | '…' | '•' | '›' | '‹' | '«' | '»' | '°' | '·' | '¡' | '¿' | '´' | '¨')
}

pub(super) fn repair_chars(text: &str, edits: &mut Vec<Edit<RepairKind>>) {
    // Fast path: plain ASCII text has nothing for this pass but controls.
    if text.bytes().all(|b| b.is_ascii() && (b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)) && b != 0x7f) {
        return;
    }
    let mut at = 0;
    while at < text.len() {
        let Some(c) = text[at..].chars().next() else { break };
        if !c.is_ascii() || c.is_control() {
            if let Some((end, fixed)) = mojibake_at(text, at) {
                edits.push(Edit { range: Span::new(at, end), replacement: fixed, kind: RepairKind::Mojibake });
                at = end;
                continue;
            }
            if removable(text, at, c) {
                let mut end = at + c.len_utf8();
                while let Some(next) = text[end..].chars().next().filter(|&n| removable(text, end, n)) {
                    end += next.len_utf8();
                }
                edits.push(Edit { range: Span::new(at, end), replacement: String::new(), kind: RepairKind::Invisible });
                at = end;
                continue;
            }
        }
        at += c.len_utf8();
    }
}

fn removable(text: &str, at: usize, c: char) -> bool {
    if c == '\u{200d}' {
        let before = text[..at].chars().next_back();
        let after = text[at + c.len_utf8()..].chars().next();
        if before.is_some_and(is_emoji_part) && after.is_some_and(is_emoji_part) {
            return false;
        }
    }
    is_invisible(c) || is_stray_control(c)
}

/// One UTF-8 sequence found in the re-encoded bytes.
struct Sequence {
    len: usize,
    lead: char,
    all_trailing_punct: bool,
}

/// A run of mojibake starting at `at`: its end and the repaired text.
fn mojibake_at(text: &str, at: usize) -> Option<(usize, String)> {
    let mut bytes = Vec::new();
    let mut end = at;
    let mut sequences: Vec<Sequence> = Vec::new();
    while let Some((next_end, seq)) = sequence_at(text, end, &mut bytes) {
        end = next_end;
        sequences.push(seq);
    }
    if sequences.is_empty() {
        // "Â " is a non-breaking space (C2 A0) whose second byte became a plain space.
        if text[at..].starts_with("Â ") {
            return Some((at + 'Â'.len_utf8(), String::new()));
        }
        // "â€" whose third byte (0x9D, a hole in Windows-1252) was dropped: a closing quote.
        if let Some(rest) = text[at..].strip_prefix("â€") {
            let after = rest.chars().next();
            if after.is_none_or(|c| cp1252_byte(c).is_none_or(|b| !(0x80..0xC0).contains(&b))) {
                return Some((at + "â€".len(), "”".into()));
            }
        }
        return None;
    }
    // A lone accented letter before a quote or dash, ending a word, is real text.
    let lone = sequences.len() == 1 && sequences[0].len <= 3;
    if lone {
        let s = &sequences[0];
        let common_lead = matches!(s.lead, 'Â' | 'Ã' | 'â');
        let after_letter = text[..at].chars().next_back().is_some_and(char::is_alphabetic);
        if s.all_trailing_punct && !common_lead && after_letter {
            return None;
        }
    }
    let mut fixed = String::from_utf8(bytes).ok()?;
    // Text mangled twice ("Ã¢â‚¬â„¢") unwinds once more per round.
    for _ in 0..2 {
        match redecode(&fixed) {
            Some(again) => fixed = again,
            None => break,
        }
    }
    // Decoded spaces and invisibles go straight to what the later passes
    // would make of them: one repair per stretch of input, not two.
    if fixed.chars().any(|c| is_invisible(c) || is_unicode_space(c)) {
        fixed = fixed.chars().filter(|&c| !is_invisible(c)).map(|c| if is_unicode_space(c) { ' ' } else { c }).collect();
    }
    Some((end, fixed))
}

/// A UTF-8 sequence spelled in Windows-1252 characters at `at`: pushes its
/// bytes and returns where it ends.
fn sequence_at(text: &str, at: usize, bytes: &mut Vec<u8>) -> Option<(usize, Sequence)> {
    let mut chars = text[at..].chars();
    let lead = chars.next()?;
    let lead_byte = cp1252_byte(lead)?;
    let len = match lead_byte {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let mut buf = [lead_byte, 0, 0, 0];
    let mut end = at + lead.len_utf8();
    let mut all_trailing_punct = true;
    for slot in buf.iter_mut().take(len).skip(1) {
        let c = chars.next()?;
        let b = cp1252_byte(c).filter(|b| (0x80..0xC0).contains(b))?;
        all_trailing_punct &= is_trailing_punct(c);
        *slot = b;
        end += c.len_utf8();
    }
    std::str::from_utf8(&buf[..len]).ok()?;
    bytes.extend_from_slice(&buf[..len]);
    Some((end, Sequence { len, lead, all_trailing_punct }))
}

/// The whole string decoded once more, if it is itself nothing but mojibake.
fn redecode(s: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(s.len());
    for c in s.chars() {
        bytes.push(cp1252_byte(c)?);
    }
    if bytes.is_ascii() {
        return None;
    }
    String::from_utf8(bytes).ok().filter(|d| d != s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> String {
        crate::clean::run_pass(repair_chars, text)
    }

    #[test]
    fn repairs_mojibake_and_leaves_real_accents() {
        assert_eq!(run("donâ€™t â€œhiâ€\u{9d} â€” cafÃ©"), "don’t “hi” — café");
        assert_eq!(run("café’ Ångström naïve CAFÉ” São"), "café’ Ångström naïve CAFÉ” São");
        assert_eq!(run("ÐŸÑ€Ð¸Ð²ÐµÑ‚"), "Привет");
        assert_eq!(run("Ã¢â‚¬â„¢"), "’");
    }

    #[test]
    fn removes_invisibles_but_keeps_emoji_joiners() {
        assert_eq!(run("a\u{200b}b\u{ad}c\u{feff}"), "abc");
        assert_eq!(run("👩\u{200d}💻"), "👩\u{200d}💻");
        assert_eq!(run("x\u{0}y\u{7f}"), "xy");
    }
}
