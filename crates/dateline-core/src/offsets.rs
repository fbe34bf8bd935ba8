//! Offsets between texts: between the input and the cleaned text (an
//! [`Alignment`]) and between byte, code-point and UTF-16 counts of one text
//! (a [`TextIndex`]).

use crate::document::Span;

/// One rewrite of a text: the stretches of the output and of the input it was
/// made from. Consecutive segments tile both texts. A segment is either a
/// copy (same bytes on both sides) or a replacement, which maps as a block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segments: Vec<Segment>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    output: Span,
    input: Span,
    copied: bool,
}

/// A replacement of `range` (bytes of the input) by `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit<K> {
    pub range: Span,
    pub replacement: String,
    pub kind: K,
}

impl OffsetMap {
    /// The identity map of a text `len` bytes long.
    pub fn identity(len: usize) -> OffsetMap {
        let span = Span::new(0, len);
        OffsetMap { segments: vec![Segment { output: span, input: span, copied: true }] }
    }

    /// Applies sorted, non-overlapping edits to `input`. Edits that overlap an
    /// earlier one, run past the end or cut a character are skipped: the
    /// pipeline never fails. Returns the output, the map, and for each
    /// applied edit its index and output span.
    pub fn apply<K>(input: &str, edits: &[Edit<K>]) -> (String, OffsetMap, Vec<(usize, Span)>) {
        let mut out = String::with_capacity(input.len());
        let mut segments = Vec::with_capacity(edits.len() * 2 + 1);
        let mut applied = Vec::with_capacity(edits.len());
        let mut at = 0;
        let copy = |out: &mut String, segments: &mut Vec<Segment>, from: usize, to: usize| {
            if to > from {
                let o = out.len();
                out.push_str(&input[from..to]);
                segments.push(Segment { output: Span::new(o, out.len()), input: Span::new(from, to), copied: true });
            }
        };
        for (i, edit) in edits.iter().enumerate() {
            let Span { start, end } = edit.range;
            if start < at || end < start || end > input.len() || !input.is_char_boundary(start) || !input.is_char_boundary(end) {
                continue;
            }
            copy(&mut out, &mut segments, at, start);
            let o = out.len();
            out.push_str(&edit.replacement);
            let output = Span::new(o, out.len());
            segments.push(Segment { output, input: edit.range, copied: false });
            applied.push((i, output));
            at = end;
        }
        copy(&mut out, &mut segments, at, input.len());
        if segments.is_empty() {
            segments.push(Segment { output: Span::new(0, 0), input: Span::new(0, 0), copied: true });
        }
        (out, OffsetMap { segments }, applied)
    }

    /// Maps an output span to the input span it came from. A span that
    /// touches a replacement takes in the whole replaced input.
    pub fn to_input(&self, span: Span) -> Span {
        let start = self.map(span.start, |s| s.output, |s| s.input, Side::Start);
        let end = self.map(span.end, |s| s.output, |s| s.input, Side::End);
        Span::new(start, end.max(start))
    }

    /// Maps an input span to the output span made from it.
    pub fn to_output(&self, span: Span) -> Span {
        let start = self.map(span.start, |s| s.input, |s| s.output, Side::Start);
        let end = self.map(span.end, |s| s.input, |s| s.output, Side::End);
        Span::new(start, end.max(start))
    }

    /// Maps one offset. A span start goes with the first non-empty segment
    /// that ends after it, a span end with the last that starts before it, so
    /// a span never swallows an inserted or deleted neighbour.
    fn map(&self, pos: usize, from: fn(&Segment) -> Span, to: fn(&Segment) -> Span, side: Side) -> usize {
        let segs = &self.segments;
        let seg = match side {
            Side::Start => match segs.get(segs.partition_point(|s| from(s).end <= pos)) {
                Some(s) => s,
                None => return segs.last().map_or(0, |s| to(s).end),
            },
            Side::End => match segs.partition_point(|s| from(s).start < pos).checked_sub(1) {
                Some(i) => &segs[i],
                None => return segs.first().map_or(0, |s| to(s).start),
            },
        };
        let (f, t) = (from(seg), to(seg));
        match (seg.copied, side) {
            (true, _) => t.start + (pos.clamp(f.start, f.end) - f.start),
            (false, Side::Start) => t.start,
            (false, Side::End) => t.end,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Start,
    End,
}

/// The chain of rewrites from the input to the cleaned text, one map per
/// cleaning pass, first pass first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Alignment {
    passes: Vec<OffsetMap>,
}

impl Alignment {
    pub fn push(&mut self, map: OffsetMap) {
        self.passes.push(map);
    }
    /// How many passes changed the text.
    pub fn len(&self) -> usize {
        self.passes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.passes.is_empty()
    }
    /// A cleaned-text span to the input span it came from.
    pub fn to_source(&self, span: Span) -> Span {
        self.passes.iter().rev().fold(span, |s, m| m.to_input(s))
    }
    /// An input span to the cleaned-text span made from it.
    pub fn to_clean(&self, span: Span) -> Span {
        self.passes.iter().fold(span, |s, m| m.to_output(s))
    }
    /// Maps a span of the text after pass `pass` forward to the cleaned text.
    pub fn to_clean_from(&self, pass: usize, span: Span) -> Span {
        self.passes[pass.min(self.passes.len())..].iter().fold(span, |s, m| m.to_output(s))
    }
}

/// Converts byte offsets of one text to code points or UTF-16 units and back.
/// Built once per text in O(n); each lookup is a binary search.
#[derive(Clone, Debug, Default)]
pub struct TextIndex {
    /// Byte offset of every non-ASCII char, with the code-point and UTF-16
    /// counts before it. ASCII runs between them are counted arithmetically.
    marks: Vec<Mark>,
    len_bytes: usize,
}

#[derive(Clone, Copy, Debug, Default)]
struct Mark {
    byte: usize,
    char: usize,
    utf16: usize,
    width: u8,
}

impl TextIndex {
    pub fn new(text: &str) -> TextIndex {
        let mut marks = Vec::new();
        let (mut chars, mut utf16) = (0usize, 0usize);
        let mut last_byte = 0;
        for (byte, c) in text.char_indices() {
            if !c.is_ascii() {
                let ascii_run = byte - last_byte;
                chars += ascii_run;
                utf16 += ascii_run;
                marks.push(Mark { byte, char: chars, utf16, width: c.len_utf8() as u8 });
                chars += 1;
                utf16 += c.len_utf16();
                last_byte = byte + c.len_utf8();
            }
        }
        TextIndex { marks, len_bytes: text.len() }
    }

    /// Code points before byte `byte` (a byte inside a char counts that char).
    pub fn char_of_byte(&self, byte: usize) -> usize {
        self.units_of_byte(byte, |m| m.char, |_| 1)
    }
    /// UTF-16 units before byte `byte`.
    pub fn utf16_of_byte(&self, byte: usize) -> usize {
        self.units_of_byte(byte, |m| m.utf16, |m| if m.width == 4 { 2 } else { 1 })
    }
    /// Byte offset of code point `char` (clamped to the end).
    pub fn byte_of_char(&self, char: usize) -> usize {
        self.byte_of_units(char, |m| m.char, |_| 1)
    }
    /// Byte offset of UTF-16 unit `unit` (a unit inside a surrogate pair maps to its char).
    pub fn byte_of_utf16(&self, unit: usize) -> usize {
        self.byte_of_units(unit, |m| m.utf16, |m| if m.width == 4 { 2 } else { 1 })
    }
    pub fn span_to_chars(&self, span: Span) -> [usize; 2] {
        [self.char_of_byte(span.start), self.char_of_byte(span.end)]
    }
    pub fn span_to_utf16(&self, span: Span) -> [usize; 2] {
        [self.utf16_of_byte(span.start), self.utf16_of_byte(span.end)]
    }

    fn units_of_byte(&self, byte: usize, units: fn(&Mark) -> usize, size: fn(&Mark) -> usize) -> usize {
        let byte = byte.min(self.len_bytes);
        let i = self.marks.partition_point(|m| m.byte < byte);
        match i.checked_sub(1).map(|j| &self.marks[j]) {
            None => byte,
            Some(m) if byte < m.byte + m.width as usize => units(m),
            Some(m) => units(m) + size(m) + (byte - m.byte - m.width as usize),
        }
    }

    fn byte_of_units(&self, n: usize, units: fn(&Mark) -> usize, size: fn(&Mark) -> usize) -> usize {
        let i = self.marks.partition_point(|m| units(m) < n);
        let byte = match i.checked_sub(1).map(|j| &self.marks[j]) {
            None => n,
            Some(m) if n < units(m) + size(m) => m.byte,
            Some(m) => m.byte + m.width as usize + (n - units(m) - size(m)),
        };
        // Inside the next mark's char? Then that char's start.
        byte.min(self.marks.get(i).map_or(self.len_bytes, |m| m.byte)).min(self.len_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn edit(s: usize, e: usize, r: &str) -> Edit<()> {
        Edit { range: Span::new(s, e), replacement: r.to_string(), kind: () }
    }

    #[test]
    fn replacement_maps_as_a_block() {
        let input = "inRussiafor x";
        let (out, map, applied) = OffsetMap::apply(input, &[edit(2, 2, " "), edit(8, 8, " ")]);
        assert_eq!(out, "in Russia for x");
        assert_eq!(applied.len(), 2);
        // "Russia" in the output is "Russia" in the input.
        assert_eq!(map.to_input(Span::new(3, 9)), Span::new(2, 8));
        assert_eq!(map.to_output(Span::new(2, 8)), Span::new(3, 9));
        // A deletion: "ab[XYZ]cd" → "abcd".
        let (out, map, _) = OffsetMap::apply("abXYZcd", &[edit(2, 5, "")]);
        assert_eq!(out, "abcd");
        assert_eq!(map.to_input(Span::new(2, 4)), Span::new(5, 7));
        assert_eq!(map.to_input(Span::new(0, 2)), Span::new(0, 2));
        assert_eq!(map.to_input(Span::new(0, 4)), Span::new(0, 7));
    }

    #[test]
    fn text_index_counts_code_points_and_utf16() {
        let text = "aé😀b’";
        let idx = TextIndex::new(text);
        assert_eq!(idx.char_of_byte(0), 0);
        assert_eq!(idx.char_of_byte(1), 1);
        assert_eq!(idx.char_of_byte(3), 2);
        assert_eq!(idx.char_of_byte(7), 3);
        assert_eq!(idx.char_of_byte(8), 4);
        assert_eq!(idx.char_of_byte(text.len()), 5);
        assert_eq!(idx.utf16_of_byte(7), 4);
        assert_eq!(idx.utf16_of_byte(text.len()), 6);
        assert_eq!(idx.byte_of_char(3), 7);
        assert_eq!(idx.byte_of_utf16(4), 7);
        assert_eq!(idx.byte_of_utf16(3), 3);
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec(prop_oneof![Just("a"), Just("Z"), Just(" "), Just("é"), Just("’"), Just("😀"), Just("ж"), Just("\n")], 0..40)
            .prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn text_index_round_trips(text in text_strategy()) {
            let idx = TextIndex::new(&text);
            for (b, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
                let c = idx.char_of_byte(b);
                prop_assert_eq!(c, text[..b].chars().count());
                prop_assert_eq!(idx.byte_of_char(c), b);
                let u = idx.utf16_of_byte(b);
                prop_assert_eq!(u, text[..b].encode_utf16().count());
                prop_assert_eq!(idx.byte_of_utf16(u), b);
            }
        }

        /// Copied text maps to itself both ways, and every mapped span holds
        /// the text it came from when no edit touches it.
        #[test]
        fn offset_map_round_trips(text in text_strategy(), cuts in proptest::collection::vec((0usize..40, 0usize..4, 0usize..3), 0..6)) {
            let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
            let mut edits = Vec::new();
            let mut at = 0;
            let mut sorted = cuts.clone();
            sorted.sort();
            for (pos, len, rep) in sorted {
                let s = bounds[pos.min(bounds.len() - 1)];
                let e = bounds[(pos + len).min(bounds.len() - 1)];
                if s < at { continue; }
                edits.push(edit(s, e, ["", " ", "ü"][rep]));
                at = e.max(s + 1);
            }
            let (out, map, applied) = OffsetMap::apply(&text, &edits);
            prop_assert_eq!(applied.len(), edits.len());
            // Each edit's output maps back to its input range.
            for (i, o) in &applied {
                prop_assert_eq!(&out[o.range()], edits[*i].replacement.as_str());
                if !o.is_empty() && !edits[*i].range.is_empty() {
                    prop_assert_eq!(map.to_input(*o), edits[*i].range);
                }
            }
            // Copied characters map back onto themselves.
            for (b, c) in out.char_indices() {
                let char_span = Span::new(b, b + c.len_utf8());
                if applied.iter().any(|(_, o)| o.overlaps(char_span)) {
                    continue;
                }
                let s = map.to_input(char_span);
                prop_assert_eq!(&text[s.range()], &out[char_span.range()]);
                prop_assert_eq!(map.to_output(s), char_span);
            }
            // Every output char boundary maps to an input char boundary.
            for (b, _) in out.char_indices() {
                let s = map.to_input(Span::new(b, b));
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
        }
    }
}
