//! From a document's flat, possibly overlapping spans to the nested tree the
//! Article region renders: paragraphs, then sentences, then highlights.
//!
//! Pure data, tested natively. Rules:
//! - repairs hold entities, entities hold time expressions, and event
//!   mentions are innermost (when two overlap, the outer kind wins and the
//!   inner one is split at its edge);
//! - every span is snapped to char boundaries and clamped to the text, so a
//!   bad span from a stage under construction never panics the page;
//! - repairs that change only whitespace, invisible characters or markup
//!   are not drawn inline (the repair list counts them).

use dateline_core::{Document, RepairKind, Span};

/// What a highlight stands for: an index into `doc.repairs`, `doc.entities`,
/// `doc.timexes` or `doc.events` (one mark per mention of the event).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    Repair(usize),
    Entity(usize),
    Timex(usize),
    Event(usize),
}

impl MarkKind {
    /// Outer kinds first when spans tie or overlap.
    fn rank(self) -> u8 {
        match self {
            MarkKind::Repair(_) => 0,
            MarkKind::Entity(_) => 1,
            MarkKind::Timex(_) => 2,
            MarkKind::Event(_) => 3,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub kind: MarkKind,
    /// Byte span in `doc.text`; empty for a deletion (a removed slug).
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// Plain text: a byte span of `doc.text`, on char boundaries.
    Text(Span),
    /// A highlight (possibly one piece of a split one) and what it holds.
    Mark { mark: Mark, children: Vec<Node> },
}

/// A stretch of a paragraph: a sentence, or the text between sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The sentence index, if this piece is (part of) a sentence.
    pub sentence: Option<usize>,
    /// Whether this is the sentence's first piece, the one that carries its id.
    pub first: bool,
    pub span: Span,
    pub nodes: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub pieces: Vec<Piece>,
}

/// Whether a repair of this kind is drawn inline in the article.
pub fn is_inline(kind: RepairKind) -> bool {
    !matches!(kind, RepairKind::Whitespace | RepairKind::Invisible | RepairKind::HtmlTag)
}

/// Clamps `span` to `text` and widens it to char boundaries. `None` for a
/// reversed span or one starting past the end.
pub fn snap(text: &str, span: Span) -> Option<Span> {
    if span.start > span.end || span.start > text.len() {
        return None;
    }
    let (mut start, mut end) = (span.start, span.end.min(text.len()));
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Some(Span::new(start, end))
}

/// The paragraphs, sentences and highlights of `doc`, ready to render.
///
/// One sweep: paragraphs, sentences and marks are each walked in text
/// order, so a long article (thousands of sentences and highlights) costs
/// no more per highlight than a short one.
pub fn layout(doc: &Document) -> Vec<Paragraph> {
    let paragraphs = paragraph_spans(doc);
    let sentences = sentence_spans(doc);
    let mut marks = marks(doc);
    dateline_core::sort::sort_by_key(&mut marks, |m| m.span.start);
    let mut seen_sentence = vec![false; doc.sentences.len()];
    // Sentences before `first_sentence` end before the current paragraph;
    // marks before `next_mark` have been taken into `open`, which holds
    // those that may still reach the current piece.
    let (mut first_sentence, mut next_mark) = (0, 0);
    let mut open: Vec<Mark> = Vec::new();
    paragraphs
        .into_iter()
        .map(|para| {
            // Tile the paragraph with sentence pieces and the gaps between them.
            while sentences.get(first_sentence).is_some_and(|(_, s)| s.end <= para.start) {
                first_sentence += 1;
            }
            let mut spans: Vec<(Option<usize>, Span)> = Vec::new();
            let mut at = para.start;
            for &(i, s) in sentences[first_sentence..].iter().take_while(|(_, s)| s.start < para.end) {
                let (start, end) = (s.start.max(at), s.end.min(para.end));
                if start >= end {
                    continue;
                }
                if start > at {
                    spans.push((None, Span::new(at, start)));
                }
                spans.push((Some(i), Span::new(start, end)));
                at = end;
            }
            if at < para.end || spans.is_empty() {
                spans.push((None, Span::new(at, para.end)));
            }
            let last = spans.len() - 1;
            let pieces = spans
                .into_iter()
                .enumerate()
                .map(|(k, (sentence, span))| {
                    while marks.get(next_mark).is_some_and(|m| m.span.start <= span.end) {
                        open.push(marks[next_mark]);
                        next_mark += 1;
                    }
                    // A mark ending before this piece reaches no later one
                    // (a deletion right at its start still may).
                    open.retain(|m| m.span.end > span.start || m.span.is_empty() && m.span.end == span.start);
                    let inside: Vec<Mark> = open
                        .iter()
                        .filter_map(|m| {
                            if m.span.is_empty() {
                                let at = m.span.start;
                                (span.start <= at && (at < span.end || (k == last && at == span.end))).then_some(*m)
                            } else {
                                let clipped = Span::new(m.span.start.max(span.start), m.span.end.min(span.end));
                                (!clipped.is_empty()).then_some(Mark { kind: m.kind, span: clipped })
                            }
                        })
                        .collect();
                    let first = sentence.is_some_and(|i| !std::mem::replace(&mut seen_sentence[i], true));
                    Piece { sentence, first, span, nodes: nest(span, inside) }
                })
                .collect();
            Paragraph { span: para, pieces }
        })
        .collect()
}

/// The core's paragraphs when they are usable (in order, apart, and leaving
/// only whitespace outside), else blocks of text between blank lines.
fn paragraph_spans(doc: &Document) -> Vec<Span> {
    let text = doc.text.as_str();
    let core: Vec<Span> = doc.paragraphs.iter().filter_map(|&s| snap(text, s)).filter(|s| !s.is_empty()).collect();
    let mut at = 0;
    let mut usable = !core.is_empty();
    for s in &core {
        if s.start < at || !text[at..s.start].trim().is_empty() {
            usable = false;
            break;
        }
        at = s.end;
    }
    if usable && text[at..].trim().is_empty() {
        return core;
    }
    blank_line_blocks(text)
}

/// Blocks of non-blank lines, trimmed.
fn blank_line_blocks(text: &str) -> Vec<Span> {
    let mut blocks = Vec::new();
    let mut block: Option<Span> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blocks.extend(block.take());
        } else {
            let start = at + (line.len() - line.trim_start().len());
            let end = at + line.trim_end().len();
            block = Some(match block {
                Some(b) => Span::new(b.start, end),
                None => Span::new(start, end),
            });
        }
        at += line.len();
    }
    blocks.extend(block);
    blocks
}

/// Valid sentences with their index, in order, overlapping ones dropped.
fn sentence_spans(doc: &Document) -> Vec<(usize, Span)> {
    let mut out: Vec<(usize, Span)> = Vec::new();
    let mut spans: Vec<(usize, Span)> =
        doc.sentences.iter().enumerate().filter_map(|(i, &s)| snap(&doc.text, s).filter(|s| !s.is_empty()).map(|s| (i, s))).collect();
    dateline_core::sort::sort_by_key(&mut spans, |&(i, s)| (s.start, i));
    for (i, s) in spans {
        if out.last().is_none_or(|&(_, last)| last.end <= s.start) {
            out.push((i, s));
        }
    }
    out
}

/// Every highlight of the document, snapped to the text.
fn marks(doc: &Document) -> Vec<Mark> {
    let text = doc.text.as_str();
    let mut marks = Vec::new();
    for (i, r) in doc.repairs.iter().enumerate() {
        if !is_inline(r.kind) {
            continue;
        }
        if let Some(span) = snap(text, r.span) {
            marks.push(Mark { kind: MarkKind::Repair(i), span: widen_blank(text, span) });
        }
    }
    for (i, e) in doc.entities.iter().enumerate() {
        for &m in &e.mentions {
            if let Some(span) = snap(text, m).filter(|s| !s.is_empty()) {
                marks.push(Mark { kind: MarkKind::Entity(i), span });
            }
        }
    }
    for (i, t) in doc.timexes.iter().enumerate() {
        if let Some(span) = snap(text, t.span).filter(|s| !s.is_empty()) {
            marks.push(Mark { kind: MarkKind::Timex(i), span });
        }
    }
    for (i, e) in doc.events.iter().enumerate() {
        for &m in &e.mentions {
            if let Some(span) = snap(text, m).filter(|s| !s.is_empty()) {
                marks.push(Mark { kind: MarkKind::Event(i), span });
            }
        }
    }
    marks
}

/// A repair that only inserted whitespace (a space between glued words)
/// would be a target too small to see or click: widen it to the word before
/// it ("in␣" of "in Paris for"), or after it when there is none. Two
/// insertions in one glued stretch ("inParisfor") then stay apart.
fn widen_blank(text: &str, span: Span) -> Span {
    let inner = &text[span.range()];
    if inner.is_empty() || !inner.chars().all(char::is_whitespace) {
        return span;
    }
    let word = |c: &char| !c.is_whitespace();
    let before: usize = text[..span.start].chars().rev().take_while(word).map(char::len_utf8).sum();
    if before > 0 {
        return Span::new(span.start - before, span.end);
    }
    let after: usize = text[span.end..].chars().take_while(word).map(char::len_utf8).sum();
    Span::new(span.start, span.end + after)
}

/// Nests `marks` (all inside `range`) into a tree covering `range`.
/// Marks are taken in order from the front, and each takes only the marks
/// that start inside it, so flat highlights cost linear time.
fn nest(range: Span, mut marks: Vec<Mark>) -> Vec<Node> {
    let key = |m: &Mark| (m.span.start, !m.span.is_empty(), m.kind.rank(), std::cmp::Reverse(m.span.end));
    dateline_core::sort::sort_by_key(&mut marks, key);
    let mut out = Vec::new();
    let mut at = range.start;
    let mut rest: std::collections::VecDeque<Mark> = marks.into();
    while let Some(m) = rest.pop_front() {
        let start = m.span.start.max(at);
        let end = m.span.end.min(range.end);
        if !m.span.is_empty() && start >= end {
            continue;
        }
        if start > at {
            out.push(Node::Text(Span::new(at, start)));
        }
        if m.span.is_empty() {
            out.push(Node::Mark { mark: Mark { kind: m.kind, span: Span::new(start, start) }, children: Vec::new() });
            at = start;
            continue;
        }
        // Marks starting inside this one become its children; one that runs
        // past its end is split, and the rest waits its turn outside.
        let mut children = Vec::new();
        let mut split = Vec::new();
        while let Some(x) = rest.front().copied().filter(|x| x.span.start < end) {
            rest.pop_front();
            if x.span.end <= end {
                children.push(x);
            } else {
                children.push(Mark { kind: x.kind, span: Span::new(x.span.start, end) });
                split.push(Mark { kind: x.kind, span: Span::new(end, x.span.end) });
            }
        }
        if !split.is_empty() {
            split.extend(rest.drain(..));
            dateline_core::sort::sort_by_key(&mut split, key);
            rest = split.into();
        }
        let span = Span::new(start, end);
        out.push(Node::Mark { mark: Mark { kind: m.kind, span }, children: nest(span, children) });
        at = end;
    }
    if at < range.end {
        out.push(Node::Text(Span::new(at, range.end)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::{Entity, EntityType, Event, EventClass, Repair, Timex, TimexType};

    fn entity(name: &str, mentions: Vec<Span>) -> Entity {
        Entity { id: name.into(), kind: EntityType::Person, name: name.into(), titles: vec![], mentions }
    }

    fn at(text: &str, needle: &str) -> Span {
        let start = text.find(needle).expect(needle);
        Span::new(start, start + needle.len())
    }

    /// The tree as a string: `[kind:text]` for marks, plain text as is,
    /// `|` between pieces and `¶` between paragraphs, `<i>` opening sentence i.
    fn show(doc: &Document) -> String {
        fn nodes(text: &str, ns: &[Node], out: &mut String) {
            for n in ns {
                match n {
                    Node::Text(s) => out.push_str(&text[s.range()]),
                    Node::Mark { mark, children } => {
                        let k = match mark.kind {
                            MarkKind::Repair(i) => format!("r{i}"),
                            MarkKind::Entity(i) => format!("e{i}"),
                            MarkKind::Timex(i) => format!("t{i}"),
                            MarkKind::Event(i) => format!("v{i}"),
                        };
                        out.push_str(&format!("[{k}:"));
                        nodes(text, children, out);
                        out.push(']');
                    }
                }
            }
        }
        let mut out = String::new();
        for (p, para) in layout(doc).iter().enumerate() {
            if p > 0 {
                out.push('¶');
            }
            for (k, piece) in para.pieces.iter().enumerate() {
                if k > 0 {
                    out.push('|');
                }
                if let (Some(i), true) = (piece.sentence, piece.first) {
                    out.push_str(&format!("<{i}>"));
                }
                nodes(&doc.text, &piece.nodes, &mut out);
            }
        }
        out
    }

    fn doc(text: &str) -> Document {
        Document { text: text.into(), source: text.into(), ..Document::default() }
    }

    #[test]
    fn without_paragraphs_from_the_core_blank_lines_split_the_text() {
        let d = doc("  Title\n\nFirst line\nsecond line.\n \n\nLast.\n");
        assert_eq!(show(&d), "Title¶First line\nsecond line.¶Last.");
    }

    #[test]
    fn sentences_tile_paragraphs_with_the_gaps_between() {
        let mut d = doc("One. Two.\n\nThree.");
        d.paragraphs = vec![Span::new(0, 9), Span::new(11, 17)];
        d.sentences = vec![Span::new(0, 4), Span::new(5, 9), Span::new(11, 17)];
        assert_eq!(show(&d), "<0>One.| |<1>Two.¶<2>Three.");
    }

    #[test]
    fn entities_nest_inside_repairs_and_timexes_inside_entities() {
        let text = "He stayed in Paris for Monday Talks.";
        let mut d = doc(text);
        d.repairs = vec![Repair {
            kind: RepairKind::Glue,
            before: "inParisfor".into(),
            after: "in Paris for".into(),
            span: at(text, "in Paris for"),
            source_span: Span::new(10, 20),
        }];
        d.entities = vec![entity("Paris", vec![at(text, "Paris")]), entity("Monday Talks", vec![at(text, "Monday Talks")])];
        d.timexes = vec![Timex { id: "t0".into(), kind: TimexType::Date, value: "XXXX-WXX-1".into(), span: at(text, "Monday") }];
        assert_eq!(show(&d), "He stayed [r0:in [e0:Paris] for] [e1:[t0:Monday] Talks].");
    }

    #[test]
    fn a_mark_crossing_another_is_split_at_its_edge() {
        let text = "abc def ghi";
        let mut d = doc(text);
        d.repairs = vec![Repair {
            kind: RepairKind::Mojibake,
            before: String::new(),
            after: String::new(),
            span: at(text, "abc def"),
            source_span: Span::new(0, 7),
        }];
        d.entities = vec![entity("x", vec![at(text, "def ghi")])];
        assert_eq!(show(&d), "[r0:abc [e0:def]][e0: ghi]");
    }

    #[test]
    fn sentences_split_marks_that_cross_them() {
        let mut d = doc("Ann Lee. Bo went.");
        d.sentences = vec![Span::new(0, 8), Span::new(9, 17)];
        d.entities = vec![entity("x", vec![Span::new(4, 12)])];
        assert_eq!(show(&d), "<0>Ann [e0:Lee.]|[e0: ]|<1>[e0:Bo ]went.");
    }

    #[test]
    fn deletions_show_where_the_text_was_removed() {
        let text = "Leaders met.";
        let mut d = doc(text);
        d.repairs = vec![Repair {
            kind: RepairKind::Slug,
            before: "summit-04".into(),
            after: String::new(),
            span: Span::new(0, 0),
            source_span: Span::new(0, 9),
        }];
        d.sentences = vec![Span::new(0, 12)];
        d.entities = vec![entity("Leaders", vec![at(text, "Leaders")])];
        assert_eq!(show(&d), "<0>[r0:][e0:Leaders] met.");
    }

    #[test]
    fn whitespace_repairs_are_not_inline_and_inserted_spaces_widen_to_words() {
        let text = "in Russia for a\u{a0}while";
        let mut d = doc(text);
        let repair = |kind, span| Repair { kind, before: String::new(), after: " ".into(), span, source_span: span };
        // "inRussiafor" split twice, plus a normalised non-breaking space.
        d.repairs = vec![
            repair(RepairKind::Glue, Span::new(2, 3)),
            repair(RepairKind::Glue, Span::new(9, 10)),
            repair(RepairKind::Whitespace, at(text, "\u{a0}")),
        ];
        d.entities = vec![entity("Russia", vec![at(text, "Russia")])];
        assert_eq!(show(&d), "[r0:in ][r1:[e0:Russia] ]for a\u{a0}while");
        let mut leading = doc(" x");
        leading.repairs = vec![repair(RepairKind::Glue, Span::new(0, 1))];
        assert_eq!(show(&leading), "[r0:x]", "no word before: the word after");
    }

    #[test]
    fn spans_off_char_boundaries_or_out_of_range_never_panic() {
        let text = "Zürich 😀 Ann";
        let mut d = doc(text);
        // 2 is inside "ü" (bytes 1..3), 9 inside the emoji (8..12), 99 past
        // the end, 5..3 reversed: spans widen to whole chars or are dropped.
        d.entities = vec![entity("x", vec![Span::new(2, 4), Span::new(8, 9), Span::new(13, 99), Span::new(5, 3), Span::new(99, 100)])];
        d.sentences = vec![Span::new(1, 9), Span::new(40, 50)];
        d.paragraphs = vec![Span::new(3, 200)];
        let shown = show(&d);
        assert_eq!(shown, "Z|<0>[e0:ür]ich [e0:😀]| [e0:Ann]");
    }

    #[test]
    fn a_sentence_crossing_paragraphs_keeps_its_id_on_the_first_piece() {
        let mut d = doc("Ab cd\n\nef gh");
        d.paragraphs = vec![Span::new(0, 5), Span::new(7, 12)];
        d.sentences = vec![Span::new(3, 9)];
        assert_eq!(show(&d), "Ab |<0>cd¶ef| gh");
    }

    #[test]
    fn event_mentions_are_marked_innermost_one_mark_per_mention() {
        let text = "The bombing in Boston followed a Boston Bombing Inquiry and the bombing.";
        let mut d = doc(text);
        let inquiry = at(text, "Boston Bombing Inquiry");
        let bombing = Span::new(inquiry.start + 7, inquiry.start + 14);
        d.entities = vec![entity("Boston Bombing Inquiry", vec![inquiry])];
        d.events = vec![Event {
            id: "ev1".into(),
            title: "bombing".into(),
            class: EventClass::Occurrence,
            mentions: vec![at(text, "bombing"), bombing, Span::new(64, 71), Span::new(90, 99)],
            sentences: vec![],
            time: None,
            participants: vec![0],
            place: None,
            duration: None,
        }];
        assert_eq!(show(&d), "The [v0:bombing] in Boston followed a [e0:Boston [v0:Bombing] Inquiry] and the [v0:bombing].");
    }
}
