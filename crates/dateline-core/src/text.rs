//! Paragraphs, tokens and sentences of the cleaned text.
//!
//! Hand-written scanners rather than regexes: they run on every keystroke's
//! worth of text in the page, and the abbreviation rules need look-ahead that
//! a regex would express badly.

use crate::document::{Span, Token, TokenKind};
use crate::lexicon::{lexicon, Entry, Pos};

/// Blocks of text separated by blank lines, trimmed.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None; // first byte of the current block
    let mut end = 0; // end of the last non-blank line in the block
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim();
        if content.is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, end));
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            if start.is_none() {
                start = Some(line_start + lead);
            }
            end = line_start + line.trim_end().len();
        }
        line_start += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, end));
    }
    out
}

/// Abbreviations that take a period as part of the word ("Mr.", "Jan.").
/// Titles and months never end a sentence before a capitalised word.
const TITLE_ABBREVS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "maj", "adm", "cmdr", "cpl",
    "pvt", "prof", "rev", "hon", "pres", "supt", "insp", "det", "messrs", "mme", "mlle", "sr", "jr", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "no", "nos", "vs", "fig", "gov't",
];
/// Capitalised abbreviations of U.S. states ("Boston, Mass."), matched case-sensitively
/// since several are also everyday words.
const STATE_ABBREVS: &[&str] = &[
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass",
    "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis",
    "Wyo",
];
/// Abbreviations that can also close a sentence ("... of Acme Inc. The ...").
const OTHER_ABBREVS: &[&str] =
    &["inc", "corp", "co", "ltd", "bros", "dept", "univ", "ave", "blvd", "etc", "approx", "est", "al", "cf", "llc", "plc"];

fn lower_in(word: &str, list: &[&str]) -> bool {
    word.len() <= 8 && list.iter().any(|a| a.eq_ignore_ascii_case(word))
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_dash_like(c: char) -> bool {
    c == '-' || c == '‐' || c == '‑'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Words, numbers and punctuation, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() || c.is_control() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_ascii_digit() || (c.is_numeric() && !c.is_alphabetic()) {
            // Number: digits with internal , . - : / followed by a digit.
            i += 1;
            while i < n {
                let c = chars[i].1;
                if c.is_ascii_digit() || c.is_numeric() {
                    i += 1;
                } else if matches!(c, ',' | '.' | ':' | '/' | '-') && at(i + 1).is_some_and(|d| d.is_ascii_digit()) {
                    i += 2;
                } else {
                    break;
                }
            }
            // Suffixes glued to numbers: "1990s", "2nd", "5th", "3pm".
            while i < n && chars[i].1.is_alphabetic() {
                i += 1;
            }
            out.push(Token { span: Span::new(byte(start), byte(i)), kind: TokenKind::Number });
            continue;
        }
        if is_word_char(c) {
            i = scan_word(&chars, text, i);
            // Currency prefixes stay one token, as in CoNLL: "C$", "US$", "HK$".
            if at(i) == Some('$') && (1..=3).contains(&(i - start)) && chars[start..i].iter().all(|&(_, c)| c.is_ascii_uppercase()) {
                i += 1;
            }
            out.push(Token { span: Span::new(byte(start), byte(i)), kind: TokenKind::Word });
            continue;
        }
        // Possessive or contraction after a word: "’s", "'s", "’re", "n’t" kept apart.
        if is_apostrophe(c) && at(i + 1).is_some_and(|d| d.is_alphabetic()) && start > 0 && chars[start - 1].1.is_alphanumeric() {
            i += 1;
            while i < n && chars[i].1.is_alphabetic() {
                i += 1;
            }
            out.push(Token { span: Span::new(byte(start), byte(i)), kind: TokenKind::Word });
            continue;
        }
        // Punctuation: runs of periods (ellipsis) and of hyphens ("--") stay one token.
        i += 1;
        if c == '.' || c == '-' {
            while i < n && chars[i].1 == c {
                i += 1;
            }
        }
        out.push(Token { span: Span::new(byte(start), byte(i)), kind: TokenKind::Punct });
    }
    out
}

/// Scans a word starting at char index `i`; returns the char index after it.
fn scan_word(chars: &[(usize, char)], text: &str, mut i: usize) -> usize {
    let n = chars.len();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let start = i;
    loop {
        let seg = i;
        while i < n && (is_word_char(chars[i].1) || is_mark(chars[i].1)) {
            i += 1;
        }
        let c = at(i);
        match c {
            // Internal hyphen: "six-month", "al-Qaeda", "2013-era".
            Some(h) if is_dash_like(h) && at(i + 1).is_some_and(is_word_char) => {
                i += 1;
            }
            // Internal apostrophe, except a possessive or clitic "’s", "’re", "’ll", "’ve", "’d", "’m".
            Some(a) if is_apostrophe(a) && at(i + 1).is_some_and(char::is_alphabetic) => {
                let mut j = i + 1;
                while j < n && chars[j].1.is_alphabetic() {
                    j += 1;
                }
                let clitic = &text[byte(i + 1)..byte(j)];
                let is_clitic = ["s", "re", "ll", "ve", "d", "m"].iter().any(|c| c.eq_ignore_ascii_case(clitic));
                if is_clitic {
                    return i;
                }
                // "don't", "can't": the "n't" stays with the word; "O'Brien" too.
                i += 1;
            }
            Some('.') => {
                let word = &text[byte(seg)..byte(i)];
                let seg_len = i - seg;
                // Initials and dotted acronyms: "V.", "U.S.", "F.S.B.", "p.m.".
                if seg_len == 1 && chars[seg].1.is_alphabetic() && seg == start {
                    i += 1;
                    while at(i).is_some_and(char::is_alphabetic) && at(i + 1) == Some('.') {
                        i += 2;
                    }
                    return i;
                }
                if seg == start && (lower_in(word, TITLE_ABBREVS) || lower_in(word, OTHER_ABBREVS) || STATE_ABBREVS.contains(&word)) {
                    return i + 1;
                }
                return i;
            }
            _ => return i,
        }
    }
}

fn is_mark(c: char) -> bool {
    // Combining marks (U+0300–U+036F and friends) stay inside words.
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Closing punctuation that stays with the sentence before it.
fn is_closer(s: &str) -> bool {
    matches!(s, "”" | "\"" | "’" | "'" | ")" | "]" | "»" | "}")
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// A capitalised word that commonly opens a sentence ("The", "He", "But").
fn is_sentence_opener(word: &str) -> bool {
    if !starts_upper(word) {
        return false;
    }
    lexicon().get(word).is_some_and(|e| {
        !e.has(Entry::CAPITALISED) && matches!(e.pos(), Pos::Function | Pos::Adverb | Pos::Modal)
    })
}

/// Sentence spans; a sentence never crosses a paragraph boundary.
pub fn sentences(text: &str, tokens: &[Token], paragraphs: &[Span]) -> Vec<Span> {
    let mut out = Vec::with_capacity(tokens.len() / 20 + paragraphs.len());
    let tok = |t: &Token| text.get(t.span.range()).unwrap_or("");
    let mut ti = 0;
    for para in paragraphs {
        while ti < tokens.len() && tokens[ti].span.start < para.start {
            ti += 1;
        }
        let first = ti;
        while ti < tokens.len() && tokens[ti].span.end <= para.end {
            ti += 1;
        }
        let toks = &tokens[first..ti];
        let mut s = 0;
        let mut k = 0;
        while k < toks.len() {
            let t = tok(&toks[k]);
            let ends = ends_here(t, toks[k].kind);
            if ends == End::No {
                k += 1;
                continue;
            }
            // Closing quotes and brackets belong to the sentence they close.
            let mut last = k;
            while last + 1 < toks.len() && is_closer(tok(&toks[last + 1])) {
                last += 1;
            }
            let next = toks.get(last + 1).map(|t| (tok(t), t.kind));
            let split = match next {
                None => true,
                Some((nt, nk)) => match ends {
                    End::Strong => !starts_lower(nt) && !matches!(nt, "," | ";" | ":" | ")" | "-" | "–" | "—"),
                    End::Period => starts_upper(nt) || nk == TokenKind::Number || is_opener(nt),
                    End::Title => false,
                    End::Abbrev => is_sentence_opener(nt) || is_opener(nt) && !starts_lower(nt),
                    End::No => false,
                },
            };
            if split {
                out.push(Span::new(toks[s].span.start, toks[last].span.end));
                s = last + 1;
            }
            k = last + 1;
        }
        if s < toks.len() {
            out.push(Span::new(toks[s].span.start, toks[toks.len() - 1].span.end));
        }
    }
    out
}

fn is_opener(s: &str) -> bool {
    matches!(s, "“" | "\"" | "‘" | "(" | "[" | "«")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    No,
    /// "?", "!", "…": ends unless the next word is lower-case.
    Strong,
    /// A plain full stop.
    Period,
    /// "Mr.", "Jan.", initials "V.": never ends before more text.
    Title,
    /// "U.S.", "Inc.", "p.m.": ends only before a typical sentence opener.
    Abbrev,
}

fn ends_here(t: &str, kind: TokenKind) -> End {
    match kind {
        TokenKind::Punct => match t {
            "." => End::Period,
            "?" | "!" | "…" | "?!" => End::Strong,
            _ if t.starts_with("..") => End::Strong,
            _ => End::No,
        },
        TokenKind::Number => End::No,
        TokenKind::Word => {
            let Some(stem) = t.strip_suffix('.') else { return End::No };
            if stem.chars().count() == 1 || lower_in(stem, TITLE_ABBREVS) {
                End::Title
            } else {
                End::Abbrev
            }
        }
    }
}
