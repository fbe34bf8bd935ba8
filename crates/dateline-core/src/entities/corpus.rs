//! Gold corpora for the tagger, read from text handed in (no IO): CoNLL-2003
//! as training documents, and GUM's CoNLL-U (entities in the MISC column)
//! both as training documents and as rebuilt text with gold spans.

use super::tagger::{TrainDoc, KINDS};
use crate::conll::{ConllDoc, Labelled};
use crate::document::Span;

/// CoNLL NER files (token first, IOB1 or IOB2 tag last) as training
/// documents: one per `-DOCSTART-`, sentences as segments.
pub fn conll_train_docs(conll: &str) -> Vec<TrainDoc> {
    let mut docs = Vec::new();
    let mut doc = TrainDoc::default();
    let mut new_sentence = true;
    let mut open: Option<(usize, u8)> = None;
    let close = |doc: &mut TrainDoc, open: &mut Option<(usize, u8)>| {
        if let Some((s, k)) = open.take() {
            doc.spans.push((s, doc.words.len(), k));
        }
    };
    for line in conll.lines() {
        let mut cols = line.split_whitespace();
        let Some(token) = cols.next() else {
            close(&mut doc, &mut open);
            new_sentence = true;
            continue;
        };
        if token == "-DOCSTART-" {
            close(&mut doc, &mut open);
            if !doc.words.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            new_sentence = true;
            continue;
        }
        let tag = cols.last().unwrap_or("O");
        let (prefix, kind) = tag.split_once('-').unwrap_or(("O", ""));
        let kind = KINDS.iter().position(|k| *k == kind).map(|k| k as u8);
        let continues = matches!((kind, open), (Some(k), Some((_, o))) if k == o && prefix == "I" && !new_sentence);
        if !continues {
            close(&mut doc, &mut open);
            open = kind.map(|k| (doc.words.len(), k));
        }
        doc.words.push(token.to_string());
        doc.seg_starts.push(new_sentence);
        new_sentence = false;
    }
    close(&mut doc, &mut open);
    if !doc.words.is_empty() {
        docs.push(doc);
    }
    docs
}

/// One GUM document: for training (its tokens) and for evaluation (its text
/// rebuilt with paragraphs, and gold spans into it).
#[derive(Clone, Debug, Default)]
pub struct GumDoc {
    pub id: String,
    pub train: TrainDoc,
    pub eval: ConllDoc,
}

/// A document rebuilt as text (`crate::conll::parse`) as a training
/// document in the pipeline's own tokens and segments (sentences and lines,
/// as `entities::find` hands them to the tagger), so that training sees
/// what tagging sees. A gold mention covers the tokens it overlaps. Text
/// the cleaner would change is tokenised as it is.
pub fn pipeline_train_doc(doc: &ConllDoc) -> TrainDoc {
    let text = doc.text.as_str();
    let paragraphs = crate::text::paragraphs(text);
    let tokens = crate::text::tokenize(text);
    let sentences = crate::text::sentences(text, &tokens, &paragraphs);
    let mut out = TrainDoc::default();
    let mut si = 0;
    let mut last_sent = usize::MAX;
    for (i, t) in tokens.iter().enumerate() {
        while si < sentences.len() && sentences[si].end <= t.span.start {
            si += 1;
        }
        let sent = if si < sentences.len() && sentences[si].contains(t.span) {
            si
        } else {
            usize::MAX
        };
        let gap_line = i > 0
            && text
                .get(tokens[i - 1].span.end..t.span.start)
                .is_some_and(|g| g.contains('\n'));
        out.seg_starts.push(i == 0 || sent != last_sent || gap_line);
        last_sent = sent;
        out.words
            .push(text.get(t.span.range()).unwrap_or("").to_string());
    }
    for g in &doc.gold {
        let Some(kind) = KINDS.iter().position(|k| *k == g.kind) else {
            continue;
        };
        let a = tokens.partition_point(|t| t.span.end <= g.span.start);
        let b = tokens.partition_point(|t| t.span.start < g.span.end);
        if a < b {
            out.spans.push((a, b, kind as u8));
        }
    }
    out.spans.sort_unstable();
    out.spans.dedup_by(|x, y| x.0 < y.1);
    out
}

/// Reads GUM CoNLL-U. Gold mentions are GUM's person, place and organization
/// entities that are named (a Wikipedia identity, or a proper noun heading
/// the span), cut to their minimal span ("the Medical Journal of Australia"
/// → "Medical Journal of Australia") when it holds a proper noun, outermost
/// only, typed PER, LOC, ORG. Documents whose text is withheld ("_") are skipped.
pub fn gum_docs(conllu: &str) -> Vec<GumDoc> {
    let mut out = Vec::new();
    let mut cur: Option<GumBuilder> = None;
    for line in conllu.lines() {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            if let Some(b) = cur.take() {
                out.extend(b.finish());
            }
            cur = Some(GumBuilder {
                id: id.trim().to_string(),
                ..Default::default()
            });
            continue;
        }
        let Some(b) = cur.as_mut() else { continue };
        if line.starts_with("# newpar") && !line.starts_with("# newpar_block") {
            b.new_par = true;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            b.end_sentence();
            continue;
        }
        b.token_line(line);
    }
    if let Some(b) = cur.take() {
        out.extend(b.finish());
    }
    out
}

#[derive(Default)]
struct GumBuilder {
    id: String,
    doc: GumDoc,
    new_par: bool,
    new_sentence: bool,
    /// Sentence tokens: (form, head, upos is PROPN, token index in doc, Entity field).
    sent: Vec<(String, usize, bool, String)>,
    /// Multi-word token range being read: last id and its SpaceAfter.
    range: Option<(usize, bool)>,
    space_after: Vec<bool>,
    withheld: usize,
}

impl GumBuilder {
    fn token_line(&mut self, line: &str) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 {
            return;
        }
        let space = !cols[9].contains("SpaceAfter=No");
        if let Some((a, b)) = cols[0].split_once('-') {
            if let (Ok(_), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
                self.range = Some((b, space));
            }
            return;
        }
        if cols[0].contains('.') {
            return; // empty nodes
        }
        let id: usize = cols[0].parse().unwrap_or(0);
        let head: usize = cols[6].parse().unwrap_or(0);
        let entity = cols[9]
            .split('|')
            .find_map(|f| f.strip_prefix("Entity="))
            .unwrap_or("")
            .to_string();
        let space = match self.range {
            Some((last, s)) if id == last => {
                self.range = None;
                s
            }
            Some(_) => false,
            None => space,
        };
        if cols[1].chars().all(|c| c == '_') {
            self.withheld += 1;
        }
        self.sent
            .push((cols[1].to_string(), head, cols[3] == "PROPN", entity));
        self.space_after.push(space);
    }

    fn end_sentence(&mut self) {
        if self.sent.is_empty() {
            return;
        }
        let base = self.doc.train.words.len();
        // Entities: open "(id-type-…" and close "id)" marks.
        let mut stack: Vec<Open> = Vec::new();
        let mut mentions: Vec<Closed> = Vec::new();
        for (i, (_, _, _, ent)) in self.sent.iter().enumerate() {
            let mut rest = ent.as_str();
            while !rest.is_empty() {
                if let Some(body) = rest.strip_prefix('(') {
                    let end = body.find(['(', ')']).unwrap_or(body.len());
                    let parts: Vec<&str> = body[..end].splitn(8, '-').collect();
                    let id = parts[0].to_string();
                    let kind = match parts.get(1).copied().unwrap_or("") {
                        "person" => "PER",
                        "place" => "LOC",
                        "organization" => "ORG",
                        _ => "",
                    };
                    let minspan = parts.get(5).map_or(Vec::new(), |m| {
                        m.split(',').filter_map(|x| x.parse().ok()).collect()
                    });
                    let identity = parts.get(7).is_some_and(|x| !x.is_empty());
                    stack.push(Open {
                        id: id.clone(),
                        kind,
                        start: i,
                        minspan,
                        identity,
                    });
                    rest = &body[end..];
                    if let Some(r) = rest.strip_prefix(')') {
                        rest = r;
                        close(&mut stack, &id, i, &mut mentions);
                    }
                } else {
                    let end = rest.find(')').unwrap_or(rest.len());
                    let id = rest[..end].to_string();
                    close(&mut stack, &id, i, &mut mentions);
                    rest = rest.get(end + 1..).unwrap_or("");
                }
            }
        }
        // Named: a Wikipedia identity, or a proper noun heads the span (its head lies outside).
        let sent = &self.sent;
        let mut named: Vec<(usize, usize, usize)> = Vec::new();
        for m in &mentions {
            let (s, e) = (m.start, m.end);
            let head = (s..e).find(|&k| sent[k].1 == 0 || sent[k].1 - 1 < s || sent[k].1 > e);
            if !(m.identity || head.is_some_and(|h| sent[h].2)) {
                continue;
            }
            let lo = m
                .minspan
                .iter()
                .min()
                .map_or(s, |&x| s + x.saturating_sub(1))
                .clamp(s, e - 1);
            let hi = m
                .minspan
                .iter()
                .max()
                .map_or(e, |&x| s + x)
                .clamp(lo + 1, e);
            let (s, e) = if (lo..hi).any(|k| sent[k].2) {
                (lo, hi)
            } else {
                (s, e)
            };
            if (s..e).any(|k| sent[k].2) {
                named.push((s, e, m.kind));
            }
        }
        named.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        let mut outer: Vec<(usize, usize, usize)> = Vec::new();
        for m in named {
            if outer.last().is_some_and(|o| m.0 < o.1) {
                continue;
            }
            outer.push(m);
        }
        // Text: sentences joined by a space, paragraphs by a blank line.
        let text = &mut self.doc.eval.text;
        if !text.is_empty() {
            text.push_str(if self.new_par { "\n\n" } else { " " });
        }
        let mut starts = Vec::with_capacity(sent.len());
        let mut ends = Vec::with_capacity(sent.len());
        for (i, (form, _, _, _)) in sent.iter().enumerate() {
            starts.push(text.len());
            text.push_str(form);
            ends.push(text.len());
            if self.space_after[i] && i + 1 < sent.len() {
                text.push(' ');
            }
        }
        for &(s, e, k) in &outer {
            self.doc.eval.gold.push(Labelled {
                span: Span::new(starts[s], ends[e - 1]),
                kind: KINDS[k],
            });
            self.doc.train.spans.push((base + s, base + e, k as u8));
        }
        for (i, (form, ..)) in sent.iter().enumerate() {
            self.doc.train.words.push(form.clone());
            self.doc.train.seg_starts.push(i == 0);
        }
        self.doc.eval.tokens += sent.len();
        self.new_par = false;
        self.sent.clear();
        self.space_after.clear();
        self.range = None;
        let _ = self.new_sentence;
    }

    fn finish(mut self) -> Option<GumDoc> {
        self.end_sentence();
        let n = self.doc.train.words.len();
        if n == 0 || self.withheld * 2 > n {
            return None;
        }
        self.doc.id = self.id;
        Some(self.doc)
    }
}

struct Open {
    id: String,
    kind: &'static str,
    start: usize,
    /// Token numbers (1-based, within the mention) of the minimal span.
    minspan: Vec<usize>,
    identity: bool,
}

struct Closed {
    start: usize,
    end: usize,
    kind: usize,
    minspan: Vec<usize>,
    identity: bool,
}

fn close(stack: &mut Vec<Open>, id: &str, at: usize, out: &mut Vec<Closed>) {
    if let Some(p) = stack.iter().rposition(|o| o.id == id) {
        let o = stack.remove(p);
        if let Some(kind) = KINDS.iter().position(|x| *x == o.kind) {
            out.push(Closed {
                start: o.start,
                end: at + 1,
                kind,
                minspan: o.minspan,
                identity: o.identity,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_docs_with_iob1_spans() {
        let docs = conll_train_docs("-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter I-PER\nBlackburn I-PER\nJohn B-PER\n");
        assert_eq!(docs.len(), 1);
        assert_eq!(
            docs[0].words,
            ["EU", "rejects", "Peter", "Blackburn", "John"]
        );
        assert_eq!(docs[0].seg_starts, [true, false, true, false, false]);
        assert_eq!(docs[0].spans, [(0, 1, 2), (2, 4, 0), (4, 5, 0)]);
    }

    #[test]
    fn pipeline_tokens_carry_the_gold_spans() {
        let conll = "-DOCSTART- -X- O O\n\nU.S. NNP I-NP I-LOC\nsays VBZ I-VP O\nMr. NNP I-NP O\nJ. NNP I-NP I-PER\nSmith NNP I-NP I-PER\nleft VBD I-VP O\n. . O O\n\nDETROIT NNP I-NP I-LOC\n1996-08-22 CD I-NP O\n";
        let docs = crate::conll::parse(conll);
        assert_eq!(docs.len(), 1);
        let d = pipeline_train_doc(&docs[0]);
        let words: Vec<&str> = d.words.iter().map(String::as_str).collect();
        let got: Vec<(String, u8)> = d
            .spans
            .iter()
            .map(|&(a, b, k)| (words[a..b].join(" "), k))
            .collect();
        let want = [("U.S.", 1), ("J. Smith", 0), ("DETROIT", 1)];
        let want: Vec<(String, u8)> = want.iter().map(|&(w, k)| (w.to_string(), k)).collect();
        assert_eq!(got, want, "{words:?}");
        // A new line is a new segment, as the pipeline hands it to the tagger.
        let detroit = words.iter().position(|w| *w == "DETROIT").unwrap();
        assert!(d.seg_starts[0] && d.seg_starts[detroit]);
        assert_eq!(d.seg_starts.len(), words.len());
    }

    #[test]
    fn gum_named_mentions() {
        let conllu =
            "# newdoc id = d1\n# newpar\n# text = Professor Cres Eastman of Sydney spoke.\n\
1\tProfessor\tprofessor\tNOUN\tNN\t_\t3\tcompound\t_\tEntity=(1-person-new-sssss-cf1-2,3-coref\n\
2\tCres\tCres\tPROPN\tNNP\t_\t3\tflat\t_\t_\n\
3\tEastman\tEastman\tPROPN\tNNP\t_\t6\tnsubj\t_\t_\n\
4\tof\tof\tADP\tIN\t_\t5\tcase\t_\t_\n\
5\tSydney\tSydney\tPROPN\tNNP\t_\t3\tnmod\t_\tEntity=(2-place-new-sssss-cf2-1-coref-Sydney)1)\n\
6\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
7\t.\t.\tPUNCT\t.\t_\t6\tpunct\t_\t_\n\n";
        let docs = gum_docs(conllu);
        assert_eq!(docs.len(), 1);
        let d = &docs[0].eval;
        assert_eq!(d.text, "Professor Cres Eastman of Sydney spoke.");
        let got: Vec<(&str, &str)> = d
            .gold
            .iter()
            .map(|g| (&d.text[g.span.range()], g.kind))
            .collect();
        assert_eq!(got, [("Cres Eastman", "PER"), ("Sydney", "LOC")]);
    }
}
