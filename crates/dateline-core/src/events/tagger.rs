//! The event-mention tagger: an averaged perceptron ([`crate::perceptron`])
//! labelling each word with a TimeML event class or nothing, trained on
//! TimeBank by `cargo xtask train-events` and shipped as `data/events.bin`.
//!
//! Features are read off the word and its neighbours: the word, its lemma
//! and suffixes, the lexicon's part of speech and frequency, capitals,
//! auxiliaries and determiners before it, what the words around suggest it
//! is (a noun after a determiner, a verb after "to" or before an object),
//! whether it is the nominalisation of a known verb ("investigation" ←
//! "investigate"), time-expression coverage, and what the rule-based
//! finder (`super::triggers`) says.

use std::sync::OnceLock;

use super::{words, Ctx};
use crate::document::{Document, EventClass, TokenKind};
use crate::lexicon::Pos;
use crate::perceptron::{FeatureHasher, Model};

static MODEL_BYTES: &[u8] = include_bytes!("../../data/events.bin");

/// Label of each model class: 0 is "no event".
pub const LABELS: [Option<EventClass>; 8] = [
    None,
    Some(EventClass::Occurrence),
    Some(EventClass::Reporting),
    Some(EventClass::State),
    Some(EventClass::IAction),
    Some(EventClass::IState),
    Some(EventClass::Aspectual),
    Some(EventClass::Perception),
];

/// Model class of a label.
pub fn label_index(class: Option<EventClass>) -> usize {
    LABELS.iter().position(|l| *l == class).unwrap_or(0)
}

/// The shipped model, or `None` when `data/events.bin` is empty or bad
/// (the rule-based finder then stands alone).
pub(super) fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL
        .get_or_init(|| Model::from_bytes(MODEL_BYTES).filter(|m| m.classes() == LABELS.len()))
        .as_ref()
}

const AUXILIARIES: &[&str] = &[
    "have", "has", "had", "having", "be", "is", "are", "was", "were", "been", "being", "am",
    "will", "would", "can", "could", "may", "might", "must", "shall", "should", "to", "do", "does",
    "did", "'s", "’s", "'re", "’re", "'ve", "’ve", "'d", "’d", "'ll", "’ll", "get", "got",
];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those", "no", "any", "each", "every", "another", "some", "such",
];

fn pos_code(p: Pos) -> u32 {
    p as u32
}

fn class_code(c: Option<EventClass>) -> u32 {
    label_index(c) as u32
}

fn shape(s: &str) -> u32 {
    let mut code = 0;
    if s.contains('-') {
        code |= 1;
    }
    if s.chars().any(|c| c.is_ascii_digit()) {
        code |= 2;
    }
    if s.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) {
        code |= 4;
    }
    code
}

/// The features of token `i` into `out` (cleared first).
pub(super) fn features(ctx: &Ctx, i: usize, out: &mut Vec<u32>) {
    out.clear();
    let toks = &ctx.toks;
    let t = &toks[i];
    let sent = t.sent;
    let tok_at = |k: isize| -> Option<&super::Tok> {
        let k = usize::try_from(i as isize + k).ok()?;
        toks.get(k).filter(|x| x.sent == sent)
    };
    let word = |k: isize| tok_at(k).map_or("<s>", |x| x.lower.as_str());
    let pos = |k: isize| tok_at(k).map_or(99, |x| pos_code(x.pos));
    let f = FeatureHasher::new;
    let w = t.lower.as_str();
    let lemma = t.lemma.as_str();
    out.push(f(0).finish());
    out.push(f(1).str(w).finish());
    out.push(f(2).str(lemma).finish());
    for (tpl, n) in [(3u32, 2usize), (4, 3), (5, 4), (32, 5)] {
        if let Some((at, _)) = w.char_indices().rev().nth(n - 1).filter(|&(at, _)| at > 0) {
            out.push(f(tpl).str(&w[at..]).finish());
        }
    }
    out.push(f(6).num(pos_code(t.pos)).finish());
    out.push(f(7).str(word(-1)).finish());
    out.push(f(8).str(word(1)).finish());
    out.push(f(9).str(word(-2)).finish());
    out.push(f(10).str(word(2)).finish());
    out.push(f(11).num(pos(-1)).finish());
    out.push(f(12).num(pos(1)).finish());
    out.push(f(13).num(pos(-1)).num(pos_code(t.pos)).finish());
    out.push(f(14).num(pos_code(t.pos)).num(pos(1)).finish());
    out.push(
        f(30)
            .num(pos(-2))
            .num(pos(-1))
            .num(pos_code(t.pos))
            .finish(),
    );
    let first = tok_at(-1).is_none()
        || tok_at(-1).is_some_and(|p| matches!(p.s, "“" | "\"" | "(" | "—" | "-" | ":"));
    let capital = t.s.starts_with(char::is_uppercase);
    out.push(
        f(15)
            .num(u32::from(capital) * 2 + u32::from(first))
            .finish(),
    );
    out.push(f(16).num(shape(t.s)).finish());
    // The nearest auxiliary within three words, over adverbs and negation.
    for k in 1..=3 {
        let Some(p) = tok_at(-k) else { break };
        if AUXILIARIES.contains(&p.lower.as_str()) {
            out.push(f(17).str(&p.lower).num(k as u32).finish());
            out.push(f(31).str(&p.lower).str(w).finish());
            break;
        }
        if !(p.pos == Pos::Adverb
            || matches!(
                p.lower.as_str(),
                "not" | "n't" | "never" | "also" | "already" | "just"
            ))
        {
            break;
        }
    }
    // A determiner within three words, over adjectives and nouns.
    for k in 1..=3 {
        let Some(p) = tok_at(-k) else { break };
        if DETERMINERS.contains(&p.lower.as_str()) || matches!(p.s, "’s" | "'s") {
            out.push(f(18).str(&p.lower).finish());
            break;
        }
        if !matches!(p.pos, Pos::Adjective | Pos::Noun | Pos::Number) {
            break;
        }
    }
    // Entity coverage is left out: the tagger must not depend on the state of the entity model.
    out.push(f(19).num(2 * u32::from(t.timex.is_some())).finish());
    let rule = t.event;
    out.push(f(20).num(class_code(rule)).finish());
    out.push(f(21).num(class_code(rule)).str(lemma).finish());
    out.push(
        f(22)
            .num(u32::from(words::is_nominal(lemma)))
            .num(class_code(Some(words::class(lemma, false))))
            .finish(),
    );
    out.push(f(23).num(t.rank).finish());
    out.push(f(24).str(w).num(pos_code(t.pos)).finish());
    out.push(f(25).str(lemma).str(word(-1)).finish());
    out.push(f(26).str(lemma).str(word(1)).finish());
    out.push(f(27).num(pos_code(t.pos)).str(word(-1)).finish());
    out.push(f(28).num(pos_code(t.pos)).str(word(1)).finish());
    let lemma_pos = if lemma == w {
        98
    } else {
        crate::lexicon::lexicon()
            .get_lower(lemma)
            .map_or(97, |e| pos_code(e.pos()))
    };
    out.push(f(33).num(lemma_pos).num(pos_code(t.pos)).finish());
    out.push(f(34).str(word(-1)).str(w).finish());
    out.push(f(35).num(t.rank).num(pos_code(t.pos)).finish());
    // A nominalisation of a known verb ("investigation", "payment", "arrival").
    if let Some((suffix, stem_pos)) = derivation(w) {
        out.push(f(36).str(suffix).num(stem_pos).finish());
    }
    // What the words around say the word is here (a noun after a determiner,
    // a verb after "to" or a subject pronoun), with its own part of speech and ending.
    let left = context_left(tok_at(-1));
    let right = context_right(tok_at(1));
    let suffix3 = w.char_indices().rev().nth(2).map_or(w, |(at, _)| &w[at..]);
    out.push(f(37).num(left).num(pos_code(t.pos)).finish());
    out.push(f(38).num(left).str(suffix3).finish());
    out.push(f(39).num(right).str(suffix3).finish());
    out.push(f(40).num(left).num(right).num(pos_code(t.pos)).finish());
    out.push(
        f(29)
            .num(u32::from(t.kind == TokenKind::Word))
            .num(pos_code(t.pos))
            .num(u32::from(capital && !first))
            .finish(),
    );
}

/// Endings that turn a verb into a noun, longest first.
const NOMINAL_SUFFIXES: &[&str] = &[
    "ation", "ition", "ment", "sion", "tion", "ance", "ence", "ure", "age", "ing", "als", "al", "ery", "ings",
];

/// The ending of a nominalisation and the lexicon's part of speech of the
/// verb it comes from (97 when no such word is known).
fn derivation(w: &str) -> Option<(&'static str, u32)> {
    let suffix = NOMINAL_SUFFIXES.iter().find(|s| w.len() > s.len() + 2 && w.ends_with(*s))?;
    let stem = &w[..w.len() - suffix.len()];
    let lex = crate::lexicon::lexicon();
    // "arriv" + "e", "investig" + "ate", "deci" - "i" + "de"… on a stack buffer.
    let mut buf = [0u8; 48];
    let found = [("", ""), ("", "e"), ("", "ate"), ("i", "y"), ("s", "d"), ("t", "")].iter().find_map(|&(strip, add)| {
        let base = stem.strip_suffix(strip)?;
        let n = base.len() + add.len();
        let slot = buf.get_mut(..n)?;
        slot[..base.len()].copy_from_slice(base.as_bytes());
        slot[base.len()..].copy_from_slice(add.as_bytes());
        let word = std::str::from_utf8(slot).ok()?;
        lex.get_lower(word).map(|e| e.pos()).filter(|p| p.is_verb())
    });
    Some((suffix, found.map_or(97, pos_code)))
}

/// What the word before suggests: 1 a noun (determiner, possessive,
/// adjective), 2 a base verb ("to", modal), 3 a participle or gerund
/// (a form of "be"/"have"), 4 a finite verb (subject pronoun), 5 a noun
/// after a preposition, 6 sentence start, 0 nothing.
fn context_left(prev: Option<&super::Tok>) -> u32 {
    let Some(p) = prev else { return 6 };
    match p.lower.as_str() {
        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "your" | "this" | "these" | "those" | "'s" | "’s" => 1,
        "to" | "will" | "would" | "can" | "could" | "may" | "might" | "must" | "shall" | "should" | "did" | "does" | "do" => 2,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "has" | "have" | "had" | "having" => 3,
        "he" | "she" | "they" | "we" | "i" | "you" | "who" => 4,
        "of" | "in" | "on" | "at" | "for" | "by" | "with" | "from" | "after" | "before" | "during" | "about" | "over" | "into" | "against" => 5,
        _ if p.pos == Pos::Adjective => 1,
        _ => 0,
    }
}

/// What the word after suggests: 1 an object (determiner, pronoun, name,
/// number), 2 "of", 3 another preposition, 4 punctuation, 5 "that" or
/// "to", 6 a verb, 0 else.
fn context_right(next: Option<&super::Tok>) -> u32 {
    let Some(n) = next else { return 4 };
    match n.lower.as_str() {
        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "him" | "them" | "us" | "me" | "it" => 1,
        "of" => 2,
        "in" | "on" | "at" | "for" | "by" | "with" | "from" | "after" | "before" | "during" | "about" | "over" | "into" | "against" => 3,
        "that" | "to" => 5,
        _ if n.kind == TokenKind::Punct => 4,
        _ if n.pos == Pos::ProperNoun || n.kind == TokenKind::Number => 1,
        _ if n.pos.is_verb() => 6,
        _ => 0,
    }
}

/// Whether a token can be an event at all (the model is not asked otherwise).
pub(super) fn candidate(ctx: &Ctx, i: usize) -> bool {
    let t = &ctx.toks[i];
    t.kind == TokenKind::Word
        && t.sent != usize::MAX
        && t.s.len() <= 40
        && t.s.chars().next().is_some_and(char::is_alphabetic)
}

/// How far (in weight units) the best event class may trail "no event"
/// and still win: the tagger is trained for accuracy, and leaning towards
/// recall pays on held-out text (chosen by five-fold cross-validation over
/// TimeBank, `cargo xtask train-events --dev`: strict token F1 0.822 at
/// margin 6, 0.827 at 12, 0.826 at 14).
pub const MARGIN: f32 = 12.0;

/// The class of one token's features: the best event class if it comes
/// within `margin` of "no event", else 0.
pub fn decide(model: &Model, features: &[u32], margin: f32) -> usize {
    let mut scores = [0i32; LABELS.len()];
    if model.classes() != LABELS.len() {
        return 0;
    }
    model.scores(features, &mut scores);
    let mut best = 1;
    for c in 2..LABELS.len() {
        if scores[c] > scores[best] {
            best = c;
        }
    }
    let scale = model.scale();
    if scores[best] as f32 * scale + margin >= scores[0] as f32 * scale && scores[best] != scores[0]
        || scores[best] > scores[0]
    {
        best
    } else {
        0
    }
}

/// Tags every token: the model class per token (0 = no event).
pub(super) fn tag(ctx: &Ctx, model: &Model) -> Vec<usize> {
    let mut out = vec![0; ctx.toks.len()];
    let mut buf = Vec::with_capacity(48);
    for (i, o) in out.iter_mut().enumerate() {
        if candidate(ctx, i) {
            features(ctx, i, &mut buf);
            *o = decide(model, &buf, MARGIN);
        }
    }
    out
}

/// Feature vectors of every token of an annotated document (empty for
/// tokens the tagger never labels), for training.
pub fn training_features(doc: &Document) -> Vec<Vec<u32>> {
    let mut ctx = Ctx::new(doc);
    let _ = super::triggers(&mut ctx);
    (0..ctx.toks.len())
        .map(|i| {
            let mut v = Vec::new();
            if candidate(&ctx, i) {
                features(&ctx, i, &mut v);
            }
            v
        })
        .collect()
}
