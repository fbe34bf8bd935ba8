//! Markup: pasted HTML loses its tags, scripts and styles; block elements
//! become paragraph breaks; character references are decoded.
//!
//! This is a lexical scan, never a DOM: pasted HTML is data, often broken,
//! and must not cost more than a linear pass.

use crate::document::{RepairKind, Span};
use crate::offsets::Edit;

/// Tags whose presence makes the text HTML; anything else between angle
/// brackets ("<grin>", "a < b > c") is left alone.
const KNOWN_TAGS: &[&str] = &[
    "a", "abbr", "address", "article", "aside", "b", "big", "blockquote", "body", "br", "button", "caption", "center",
    "cite", "code", "col", "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "iframe", "img", "input", "ins",
    "kbd", "label", "li", "link", "main", "mark", "meta", "nav", "noscript", "ol", "p", "picture", "pre", "q", "s",
    "section", "small", "source", "span", "strike", "strong", "style", "sub", "sup", "svg", "script", "table",
    "tbody", "td", "template", "tfoot", "th", "thead", "time", "title", "tr", "tt", "u", "ul", "video",
];

/// Elements that end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
];

/// Elements whose content is not article text.
const HIDDEN_TAGS: &[&str] = &["head", "noscript", "script", "style", "svg", "template"];

/// A tag longer than this is not a tag: keeps a stray "<" from costing a scan
/// to the end of the text.
const MAX_TAG_LEN: usize = 4096;

#[derive(Clone, Copy, PartialEq, Eq)]
enum TagClass {
    Inline,
    Block,
    Hidden,
    Other,
}

struct Tag {
    end: usize,
    name_start: usize,
    name_end: usize,
    closing: bool,
    class: TagClass,
}

/// Strips markup when the text looks like HTML; decodes character
/// references in any text (a stray "&amp;" in a news story is never meant).
pub(super) fn strip_markup(text: &str, edits: &mut Vec<Edit<RepairKind>>) {
    if looks_like_html(text) {
        strip_html(text, edits);
    } else {
        decode_entities(text, 0, text.len(), edits);
    }
}

/// Several real tags, at least one closing or block tag: "x <b> y" alone is not HTML.
fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (mut tags, mut structural) = (0, false);
    let mut at = 0;
    while let Some(off) = memchr(b'<', &bytes[at..]) {
        let pos = at + off;
        if let Some(tag) = parse_tag(text, pos) {
            tags += 1;
            structural |= tag.closing || tag.class == TagClass::Block;
            if tags >= 2 && structural {
                return true;
            }
            at = tag.end;
        } else {
            at = pos + 1;
        }
    }
    false
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// Reads a tag, comment or declaration starting at `pos` (a '<').
fn parse_tag(text: &str, pos: usize) -> Option<Tag> {
    let bytes = text.as_bytes();
    let rest = &bytes[pos..];
    if rest.starts_with(b"<!--") {
        let close = find(&rest[4..], b"-->").map_or(text.len(), |i| pos + 4 + i + 3);
        return Some(Tag { end: close, name_start: pos, name_end: pos, closing: false, class: TagClass::Other });
    }
    let mut i = pos + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let declaration = !closing && bytes.get(i) == Some(&b'!');
    if declaration {
        i += 1;
    }
    let name_start = i;
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let name_end = i;
    if name_end == name_start || !bytes[name_start].is_ascii_alphabetic() {
        return None;
    }
    // The name must end the tag or be followed by attributes.
    match bytes.get(i) {
        Some(b'>' | b'/') => {}
        Some(b) if b.is_ascii_whitespace() => {}
        _ => return None,
    }
    let end = tag_end(bytes, i)?;
    let name = &text[name_start..name_end];
    let class = if declaration {
        if !name.eq_ignore_ascii_case("doctype") {
            return None;
        }
        TagClass::Other
    } else {
        let lower = lower_name(name)?;
        let lower = lower.as_str();
        if !KNOWN_TAGS.contains(&lower) {
            return None;
        }
        if HIDDEN_TAGS.contains(&lower) {
            TagClass::Hidden
        } else if BLOCK_TAGS.contains(&lower) {
            TagClass::Block
        } else {
            TagClass::Inline
        }
    };
    Some(Tag { end, name_start, name_end, closing, class })
}

/// The byte after the '>' closing a tag whose attributes start at `from`,
/// skipping quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    let limit = bytes.len().min(from + MAX_TAG_LEN);
    for (i, &b) in bytes.iter().enumerate().take(limit).skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i + 1),
            (None, b'<') => return None,
            _ => {}
        }
    }
    None
}

/// A short ASCII tag name, lower-cased on the stack.
fn lower_name(name: &str) -> Option<TinyLower> {
    (name.len() <= 16).then(|| {
        let mut buf = [0u8; 16];
        buf[..name.len()].copy_from_slice(name.as_bytes());
        buf[..name.len()].make_ascii_lowercase();
        TinyLower { buf, len: name.len() }
    })
}

struct TinyLower {
    buf: [u8; 16],
    len: usize,
}

impl TinyLower {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

/// A run of block tags (with the whitespace around and between them) that
/// becomes one paragraph break.
struct BreakGroup {
    span: Span,
    text_before: bool,
}

fn strip_html(text: &str, edits: &mut Vec<Edit<RepairKind>>) {
    let bytes = text.as_bytes();
    // Hidden elements without a closing tag: remembered so a flood of
    // "<script>" cannot make the scan quadratic.
    let mut unclosed: Vec<&str> = Vec::new();
    let mut group: Option<BreakGroup> = None;
    let mut groups: Vec<(usize, BreakGroup)> = Vec::new();
    let mut last_text_end = 0;
    let mut seen_text = false;
    let mut text_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        let Some(off) = memchr(b'<', &bytes[at..]) else { break };
        let pos = at + off;
        let Some(tag) = parse_tag(text, pos) else {
            at = pos + 1;
            continue;
        };
        // Text between the previous tag and this one.
        let (seen, end) = flush_text(text, text_start, pos, seen_text, &mut group, &mut groups, edits);
        if seen {
            seen_text = true;
            last_text_end = end;
        }
        let mut end = tag.end;
        if tag.class == TagClass::Hidden && !tag.closing {
            let name = &text[tag.name_start..tag.name_end];
            if !unclosed.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                let mut close = Vec::with_capacity(name.len() + 2);
                close.extend_from_slice(b"</");
                close.extend_from_slice(name.as_bytes());
                match find_ignore_case(&bytes[tag.end..], &close) {
                    Some(i) => {
                        let close_at = tag.end + i;
                        end = tag_end(bytes, close_at + close.len()).unwrap_or(close_at + close.len());
                    }
                    None => unclosed.push(name),
                }
            }
        }
        let span = Span::new(pos, end);
        if tag.class == TagClass::Block {
            match &mut group {
                Some(g) => g.span.end = end,
                None => {
                    // Take in the whitespace that ends the text before.
                    let mut ws_start = trailing_ws_start(text, pos).max(text_start.min(pos));
                    if let Some(last) = edits.last() {
                        if last.kind == RepairKind::Whitespace && last.range.end == pos {
                            ws_start = ws_start.min(last.range.start);
                            edits.pop();
                        }
                    }
                    group = Some(BreakGroup { span: Span::new(ws_start, end), text_before: seen_text });
                }
            }
        } else {
            if let Some(g) = group.take() {
                groups.push((edits.len(), g));
            }
            edits.push(Edit { range: span, replacement: String::new(), kind: RepairKind::HtmlTag });
        }
        at = end;
        text_start = end;
    }
    let (seen, end) = flush_text(text, text_start, text.len(), seen_text, &mut group, &mut groups, edits);
    if seen {
        last_text_end = end;
    }
    if let Some(g) = group.take() {
        groups.push((edits.len(), g));
    }
    // Insert the break groups at their places, from the back so indices hold.
    for (index, g) in groups.into_iter().rev() {
        let breaks = g.text_before && g.span.end <= last_text_end;
        let replacement = if breaks { "\n\n" } else { "" };
        edits.insert(index, Edit { range: g.span, replacement: replacement.into(), kind: RepairKind::HtmlTag });
    }
}

/// Handles text content `[from, to)` between tags: whitespace next to a
/// pending break group joins it; line breaks inside text become spaces (in
/// HTML a newline is just a space); character references are decoded.
/// Returns whether the stretch had visible text, and where that text ended.
fn flush_text(
    text: &str,
    from: usize,
    to: usize,
    seen_text: bool,
    group: &mut Option<BreakGroup>,
    groups: &mut Vec<(usize, BreakGroup)>,
    edits: &mut Vec<Edit<RepairKind>>,
) -> (bool, usize) {
    let chunk = &text[from..to];
    let content_start = from + (chunk.len() - chunk.trim_start().len());
    let content_end = from + chunk.trim_end().len();
    let has_content = content_start < to;
    let mut start = from;
    if let Some(g) = group {
        if !has_content {
            g.span.end = to;
            return (false, 0);
        }
        g.span.end = content_start;
        start = content_start;
    }
    if let Some(g) = group.take() {
        groups.push((edits.len(), g));
    }
    // Before any text, or after the last, whitespace is the whitespace pass's to trim.
    let scan_start = if seen_text || has_content { start } else { to };
    let scan_end = if to == text.len() { content_end.max(scan_start) } else { to };
    let bytes = text.as_bytes();
    let mut at = scan_start;
    while at < scan_end {
        let Some(off) = bytes[at..scan_end].iter().position(|&b| b == b'&' || b == b'\n' || b == b'\r') else { break };
        let pos = at + off;
        if bytes[pos] == b'&' {
            if let Some((len, decoded)) = entity_at(text, pos) {
                push_entity(edits, pos, len, decoded);
                at = pos + len;
            } else {
                at = pos + 1;
            }
        } else {
            let ws_start = trailing_ws_start(text, pos).max(at);
            let mut ws_end = pos;
            while ws_end < scan_end && bytes[ws_end].is_ascii_whitespace() {
                ws_end += 1;
            }
            edits.push(Edit { range: Span::new(ws_start, ws_end), replacement: " ".into(), kind: RepairKind::Whitespace });
            at = ws_end;
        }
    }
    (has_content, content_end)
}

/// Start of the ASCII whitespace run that ends at `pos`.
fn trailing_ws_start(text: &str, pos: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = pos;
    while i > 0 && bytes[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    i
}

fn decode_entities(text: &str, from: usize, to: usize, edits: &mut Vec<Edit<RepairKind>>) {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(off) = memchr(b'&', &bytes[at..to]) {
        let pos = at + off;
        match entity_at(text, pos) {
            Some((len, decoded)) => {
                push_entity(edits, pos, len, decoded);
                at = pos + len;
            }
            None => at = pos + 1,
        }
    }
}

fn push_entity(edits: &mut Vec<Edit<RepairKind>>, pos: usize, len: usize, decoded: char) {
    // Invisible characters and non-breaking spaces are decoded straight to
    // what the later passes would make of them: one repair, not two.
    let replacement = match decoded {
        c if super::chars::is_unicode_space(c) => " ".to_string(),
        c if super::chars::is_invisible(c) => String::new(),
        c => c.to_string(),
    };
    edits.push(Edit { range: Span::new(pos, pos + len), replacement, kind: RepairKind::HtmlEntity });
}

/// A character reference at `pos` ("&amp;", "&#8217;", "&#x2019;"): its
/// length and the character. Needs the closing ';'.
fn entity_at(text: &str, pos: usize) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let limit = bytes.len().min(pos + 12);
    let semi = pos + 1 + bytes[pos + 1..limit].iter().position(|&b| b == b';')?;
    let body = &text[pos + 1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => u32::from_str_radix(hex, 16).ok()?,
            None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => num.parse().ok()?,
            _ => return None,
        };
        numeric_char(code)?
    } else {
        named_entity(body)?
    };
    Some((semi + 1 - pos, c))
}

/// A numeric reference's character. 128–159 name Windows-1252 characters
/// (as browsers read them); control characters stay undecoded.
fn numeric_char(code: u32) -> Option<char> {
    if (0x80..0xA0).contains(&code) {
        return super::chars::cp1252_char(code as u8);
    }
    let c = char::from_u32(code)?;
    (!c.is_control() || c == '\n' || c == '\t').then_some(c)
}

fn named_entity(name: &str) -> Option<char> {
    let c = match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "shy" => '\u{ad}',
        "zwj" => '\u{200d}',
        "zwnj" => '\u{200c}',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "prime" => '′',
        "Prime" => '″',
        "ndash" => '–',
        "mdash" => '—',
        "minus" => '−',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "dagger" => '†',
        "Dagger" => '‡',
        "sect" => '§',
        "para" => '¶',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup1" => '¹',
        "sup2" => '²',
        "sup3" => '³',
        "micro" => 'µ',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "curren" => '¤',
        "iexcl" => '¡',
        "iquest" => '¿',
        "ordf" => 'ª',
        "ordm" => 'º',
        "not" => '¬',
        "acute" => '´',
        "uml" => '¨',
        "cedil" => '¸',
        "macr" => '¯',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "szlig" => 'ß',
        "aelig" => 'æ',
        "AElig" => 'Æ',
        "oelig" => 'œ',
        "OElig" => 'Œ',
        "scaron" => 'š',
        "Scaron" => 'Š',
        "zcaron" => 'ž',
        "Zcaron" => 'Ž',
        "eth" => 'ð',
        "ETH" => 'Ð',
        "thorn" => 'þ',
        "THORN" => 'Þ',
        "oslash" => 'ø',
        "Oslash" => 'Ø',
        "ccedil" => 'ç',
        "Ccedil" => 'Ç',
        "ntilde" => 'ñ',
        "Ntilde" => 'Ñ',
        "yuml" => 'ÿ',
        "Yuml" => 'Ÿ',
        _ => return accented(name),
    };
    Some(c)
}

/// "eacute", "Ouml", "aring"...: a vowel and an accent name.
fn accented(name: &str) -> Option<char> {
    let (base, accent) = name.split_at(name.char_indices().nth(1)?.0);
    let table: &[(&str, &str)] = match accent {
        "acute" => &[("a", "á"), ("e", "é"), ("i", "í"), ("o", "ó"), ("u", "ú"), ("y", "ý"), ("A", "Á"), ("E", "É"), ("I", "Í"), ("O", "Ó"), ("U", "Ú"), ("Y", "Ý")],
        "grave" => &[("a", "à"), ("e", "è"), ("i", "ì"), ("o", "ò"), ("u", "ù"), ("A", "À"), ("E", "È"), ("I", "Ì"), ("O", "Ò"), ("U", "Ù")],
        "circ" => &[("a", "â"), ("e", "ê"), ("i", "î"), ("o", "ô"), ("u", "û"), ("A", "Â"), ("E", "Ê"), ("I", "Î"), ("O", "Ô"), ("U", "Û")],
        "uml" => &[("a", "ä"), ("e", "ë"), ("i", "ï"), ("o", "ö"), ("u", "ü"), ("A", "Ä"), ("E", "Ë"), ("I", "Ï"), ("O", "Ö"), ("U", "Ü")],
        "tilde" => &[("a", "ã"), ("o", "õ"), ("A", "Ã"), ("O", "Õ")],
        "ring" => &[("a", "å"), ("A", "Å")],
        _ => return None,
    };
    table.iter().find(|(b, _)| *b == base).and_then(|(_, c)| c.chars().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> String {
        crate::clean::run_pass(strip_markup, text)
    }

    #[test]
    fn strips_tags_and_breaks_blocks() {
        assert_eq!(run("<p>One <b>two</b></p>\n<p>Three</p>"), "One two\n\nThree");
        assert_eq!(run("<div><script>var x = '<p>';</script>Hi<br>there</div>"), "Hi\n\nthere");
        assert_eq!(run("a &lt; b &amp; c"), "a < b & c");
        assert_eq!(run("x <y> z"), "x <y> z");
    }

    #[test]
    fn entities_need_a_semicolon_and_a_known_name() {
        assert_eq!(run("AT&T &amp &foo; &#8217;&#x201C;"), "AT&T &amp &foo; ’“");
        assert_eq!(run("&#150;&#0;&#xD800;"), "–&#0;&#xD800;");
    }
}
