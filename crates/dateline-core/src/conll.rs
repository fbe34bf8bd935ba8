//! CoNLL NER files (CoNLL-2003, wikigold: token first, IOB1 tag last) turned
//! into running text with gold entity spans, and conlleval-style scoring.
//! No IO: callers read the file and hand in its text.
//!
//! ```
//! use dateline_core::conll;
//! let docs = conll::parse("-DOCSTART- -X- O O\n\nMr. NNP I-NP O\nSmith NNP I-NP I-PER\nleft VBD I-VP O\n. . O O\n");
//! assert_eq!(docs[0].text, "Mr. Smith left.");
//! assert_eq!(&docs[0].text[docs[0].gold[0].span.range()], "Smith");
//! ```

use crate::document::{Document, EntityType, Span};

/// CoNLL's four entity types.
pub const TYPES: [&str; 4] = ["PER", "LOC", "ORG", "MISC"];

/// A gold or predicted entity: a span of the document text and a CoNLL type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Labelled {
    pub span: Span,
    pub kind: &'static str,
}

/// One document: its tokens rebuilt as text (a sentence a line) and its gold entities.
#[derive(Clone, Debug, Default)]
pub struct ConllDoc {
    pub text: String,
    pub tokens: usize,
    pub gold: Vec<Labelled>,
}

/// Splits a CoNLL file into documents at `-DOCSTART-` lines.
pub fn parse(conll: &str) -> Vec<ConllDoc> {
    let mut docs = Vec::new();
    let mut doc = DocBuilder::default();
    for line in conll.lines() {
        let mut cols = line.split_whitespace();
        let Some(token) = cols.next() else {
            doc.end_sentence();
            continue;
        };
        if token == "-DOCSTART-" {
            doc.end_sentence();
            if let Some(d) = std::mem::take(&mut doc).finish() {
                docs.push(d);
            }
            continue;
        }
        let tag = cols.last().unwrap_or("O");
        doc.push(token, tag);
    }
    doc.end_sentence();
    docs.extend(doc.finish());
    docs
}

#[derive(Default)]
struct DocBuilder {
    doc: ConllDoc,
    sentence_start: bool,
    quote_open: bool,
    glue_next: bool,
    /// The entity being read: start byte and type.
    open: Option<(usize, &'static str)>,
    last_token_end: usize,
}

impl DocBuilder {
    fn push(&mut self, token: &str, tag: &str) {
        let text = &mut self.doc.text;
        let closing = matches!(token, "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "'s" | "n't" | "'") || (token == "\"" && self.quote_open);
        if !text.is_empty() && !self.sentence_start && !closing && !self.glue_next {
            text.push(' ');
        }
        self.sentence_start = false;
        let start = text.len();
        text.push_str(token);
        self.glue_next = matches!(token, "(" | "[" | "{" | "$") || (token == "\"" && !self.quote_open);
        if token == "\"" {
            self.quote_open = !self.quote_open;
        }
        self.doc.tokens += 1;
        // IOB1: I-X continues an X entity, B-X starts a new one next to it.
        let (prefix, kind) = tag.split_once('-').unwrap_or(("O", ""));
        let kind = TYPES.iter().copied().find(|t| *t == kind);
        match (kind, self.open) {
            (Some(k), Some((_, open))) if open == k && prefix == "I" => {}
            (k, _) => {
                self.close();
                self.open = k.map(|k| (start, k));
            }
        }
        self.last_token_end = self.doc.text.len();
    }

    fn close(&mut self) {
        if let Some((start, kind)) = self.open.take() {
            self.doc.gold.push(Labelled { span: Span::new(start, self.last_token_end), kind });
        }
    }

    fn end_sentence(&mut self) {
        self.close();
        if !self.sentence_start && !self.doc.text.is_empty() {
            self.doc.text.push('\n');
        }
        self.sentence_start = true;
        self.quote_open = false;
        self.glue_next = false;
    }

    fn finish(mut self) -> Option<ConllDoc> {
        self.close();
        let trimmed = self.doc.text.trim_end().len();
        self.doc.text.truncate(trimmed);
        (self.doc.tokens > 0).then_some(self.doc)
    }
}

/// CoNLL's type for a Dateline entity type (NORP counts as MISC).
pub fn conll_type(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "PER",
        EntityType::Location => "LOC",
        EntityType::Organization => "ORG",
        EntityType::Norp | EntityType::Misc => "MISC",
    }
}

/// The document's entity mentions as spans of its input text, typed as CoNLL does.
pub fn predicted(doc: &Document) -> Vec<Labelled> {
    let mut out: Vec<Labelled> =
        doc.entities.iter().flat_map(|e| e.mentions.iter().map(move |&m| Labelled { span: doc.source_span(m), kind: conll_type(e.kind) })).collect();
    out.sort();
    out
}

/// Exact-match counts per type (conlleval): found, gold, correct.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NerCounts {
    pub predicted: usize,
    pub gold: usize,
    pub correct: usize,
}

impl NerCounts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Per-type counts in [`TYPES`] order; add them up over documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NerScore {
    pub by_type: [NerCounts; 4],
}

impl NerScore {
    /// Scores predictions against gold (both sorted or not; exact type and boundaries).
    pub fn of(gold: &[Labelled], predicted: &[Labelled]) -> NerScore {
        let mut score = NerScore::default();
        let index = |k: &str| TYPES.iter().position(|t| *t == k).unwrap_or(3);
        let mut gold_sorted = gold.to_vec();
        gold_sorted.sort();
        for g in gold {
            score.by_type[index(g.kind)].gold += 1;
        }
        for p in predicted {
            let c = &mut score.by_type[index(p.kind)];
            c.predicted += 1;
            if gold_sorted.binary_search(p).is_ok() {
                c.correct += 1;
            }
        }
        score
    }

    pub fn micro(&self) -> NerCounts {
        self.by_type.iter().fold(NerCounts::default(), |a, c| NerCounts { predicted: a.predicted + c.predicted, gold: a.gold + c.gold, correct: a.correct + c.correct })
    }

    /// A conlleval-style table.
    pub fn report(&self) -> String {
        let row = |name: &str, c: &NerCounts| {
            format!("{name:<8} precision {:6.2}%  recall {:6.2}%  F1 {:6.2}  (gold {}, found {}, correct {})\n", 100.0 * c.precision(), 100.0 * c.recall(), 100.0 * c.f1(), c.gold, c.predicted, c.correct)
        };
        let mut out = row("overall", &self.micro());
        for (name, c) in TYPES.iter().zip(&self.by_type) {
            out.push_str(&row(name, c));
        }
        out
    }
}

impl std::ops::AddAssign for NerScore {
    fn add_assign(&mut self, o: NerScore) {
        for (a, b) in self.by_type.iter_mut().zip(o.by_type) {
            a.predicted += b.predicted;
            a.gold += b.gold;
            a.correct += b.correct;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_runs_become_spans_and_b_splits_neighbours() {
        let docs = parse("EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\ncall NN I-NP O\n\nPeter I-PER\nBlackburn I-PER\nJohn B-PER\n-DOCSTART- O\nx O\n");
        assert_eq!(docs.len(), 2);
        let d = &docs[0];
        assert_eq!(d.text, "EU rejects German call\nPeter Blackburn John");
        let got: Vec<(&str, &str)> = d.gold.iter().map(|g| (&d.text[g.span.range()], g.kind)).collect();
        assert_eq!(got, [("EU", "ORG"), ("German", "MISC"), ("Peter Blackburn", "PER"), ("John", "PER")]);
    }

    #[test]
    fn scores_exact_matches_only() {
        let g = [Labelled { span: Span::new(0, 2), kind: "ORG" }, Labelled { span: Span::new(5, 9), kind: "PER" }];
        let p = [Labelled { span: Span::new(0, 2), kind: "ORG" }, Labelled { span: Span::new(5, 8), kind: "PER" }, Labelled { span: Span::new(10, 12), kind: "LOC" }];
        let s = NerScore::of(&g, &p);
        assert_eq!(s.micro(), NerCounts { predicted: 3, gold: 2, correct: 1 });
        assert!((s.micro().f1() - 0.4).abs() < 1e-9);
    }
}
