//! The trained mention tagger: Collins' structured (averaged) perceptron
//! over hashed features (after Ratinov & Roth 2009), each segment decoded by
//! Viterbi under the scheme's transition constraints in training and
//! tagging alike, with the labels earlier segments gave the same word in
//! the document as features. Trained greedily (each token's label from the
//! ones before it, as it tags), the same features scored 89.4 F1 on
//! eng.testa over 5 seeds; structured, 91.5, with a smaller model.
//!
//! One feature function ([`Tagger::features`]) serves training (CoNLL
//! tokens, `cargo xtask train-ner`) and inference (the pipeline's tokens):
//! both hand in a document as a slice of words with segment starts
//! (sentences, and lines, since a headline is a line of its own).
//!
//! Labels are BIO or BILOU over CoNLL's four types; the scheme is read off
//! the model's class count.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::lists::*;
use crate::lexicon::{lexicon, Entry};
use crate::perceptron::{add_row, FeatureHasher, Model, Trainer};

/// The four CoNLL types, in label order.
pub const KINDS: [&str; 4] = ["PER", "LOC", "ORG", "MISC"];

/// How mention boundaries are spelt in labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// O, B-X, I-X: 9 classes.
    Bio,
    /// O, B-X, I-X, L-X, U-X: 17 classes.
    Bilou,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    O,
    B,
    I,
    L,
    U,
}

impl Scheme {
    pub const fn classes(self) -> usize {
        match self {
            Scheme::Bio => 9,
            Scheme::Bilou => 17,
        }
    }
    pub const fn from_classes(n: usize) -> Option<Scheme> {
        match n {
            9 => Some(Scheme::Bio),
            17 => Some(Scheme::Bilou),
            _ => None,
        }
    }
    const fn parts(self) -> usize {
        match self {
            Scheme::Bio => 2,
            Scheme::Bilou => 4,
        }
    }
    fn label(self, part: Part, kind: usize) -> u8 {
        let p = match part {
            Part::O => return 0,
            Part::B => 0,
            Part::I => 1,
            Part::L => 2,
            Part::U => 3,
        };
        (1 + kind * self.parts() + p) as u8
    }
    fn part(self, label: u8) -> (Part, usize) {
        if label == 0 {
            return (Part::O, 0);
        }
        let l = label as usize - 1;
        let part = match l % self.parts() {
            0 => Part::B,
            1 => Part::I,
            2 => Part::L,
            _ => Part::U,
        };
        (part, l / self.parts())
    }
    /// Whether `next` may follow `prev` (`None`: a segment start).
    fn allowed(self, prev: Option<u8>, next: u8) -> bool {
        let (pp, pk) = prev.map_or((Part::O, 0), |p| self.part(p));
        let (np, nk) = self.part(next);
        let open = match self {
            Scheme::Bio => matches!(pp, Part::B | Part::I),
            Scheme::Bilou => matches!(pp, Part::B | Part::I),
        };
        match (self, np) {
            (Scheme::Bio, Part::I) => open && pk == nk,
            (Scheme::Bio, _) => true,
            (Scheme::Bilou, Part::I | Part::L) => open && pk == nk,
            (Scheme::Bilou, _) => !open,
        }
    }
    /// Labels for gold spans `(start, end, kind)` over `n` tokens.
    pub fn encode(self, n: usize, spans: &[(usize, usize, u8)]) -> Vec<u8> {
        let mut out = vec![0u8; n];
        for &(s, e, k) in spans {
            let k = k as usize;
            if s >= e || e > n {
                continue;
            }
            for (i, l) in out[s..e].iter_mut().enumerate() {
                let at = s + i;
                *l = match self {
                    Scheme::Bio => self.label(if at == s { Part::B } else { Part::I }, k),
                    Scheme::Bilou if e - s == 1 => self.label(Part::U, k),
                    Scheme::Bilou if at == s => self.label(Part::B, k),
                    Scheme::Bilou if at + 1 == e => self.label(Part::L, k),
                    Scheme::Bilou => self.label(Part::I, k),
                };
            }
        }
        out
    }
    /// Mention spans `(start, end, kind)` of a label sequence; a mention
    /// never crosses a segment start.
    pub fn decode(self, labels: &[u8], seg_starts: &[bool]) -> Vec<(usize, usize, u8)> {
        let mut out = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        for (i, &l) in labels.iter().enumerate() {
            let (part, kind) = self.part(l);
            let seg = seg_starts.get(i).copied().unwrap_or(false);
            let continues =
                matches!(part, Part::I | Part::L) && !seg && open.is_some_and(|(_, k)| k == kind);
            if !continues {
                if let Some((s, k)) = open.take() {
                    out.push((s, i, k as u8));
                }
                if part != Part::O {
                    open = Some((i, kind));
                }
            }
            if matches!(part, Part::L | Part::U) {
                if let Some((s, k)) = open.take() {
                    out.push((s, i + 1, k as u8));
                }
            }
        }
        if let Some((s, k)) = open {
            out.push((s, labels.len(), k as u8));
        }
        out
    }
    /// The type of a label (0 = outside, 1..=4 = KINDS), for the document history.
    fn kind_of(self, label: u8) -> usize {
        match self.part(label) {
            (Part::O, _) => 0,
            (_, k) => k + 1,
        }
    }
}

// Token flags, computed once per token.
const CAP: u32 = 1;
const ALL_CAPS: u32 = 1 << 1;
const DIGIT: u32 = 1 << 2;
const HYPHEN: u32 = 1 << 3;
const PERIOD: u32 = 1 << 4;
const INITIAL: u32 = 1 << 5;
const ALPHA: u32 = 1 << 6;
const LEX_WORD: u32 = 1 << 7;
const PLACE: u32 = 1 << 8;
const COUNTRY: u32 = 1 << 9;
const FIRST_NAME: u32 = 1 << 10;
const SURNAME: u32 = 1 << 11;
const IS_TITLE: u32 = 1 << 12;
const IS_TITLE_MOD: u32 = 1 << 13;
const IS_DEMONYM: u32 = 1 << 14;
const IS_ORG_HEAD: u32 = 1 << 15;
const IS_LOC_HEAD: u32 = 1 << 16;
const IS_MISC_HEAD: u32 = 1 << 17;
const IS_LOC_PREFIX: u32 = 1 << 18;
const IS_DATE_WORD: u32 = 1 << 19;
const IS_PARTICLE: u32 = 1 << 20;
const IS_ORG_CUE: u32 = 1 << 21;
const IS_LOC_PREP: u32 = 1 << 22;
const IS_PERSON_CUE: u32 = 1 << 23;
const LOWER_IN_DOC: u32 = 1 << 24;
const SEG_START: u32 = 1 << 25;
const HEADLINE: u32 = 1 << 26;
const PLACE_ACR: u32 = 1 << 27;
const IN_GAZ_PHRASE: u32 = 1 << 28;
const FLAG_BITS: u32 = 29;
/// The flags that come from word lists and gazetteers (not casing or characters).
const LIST_FLAGS: u32 = ((1 << FLAG_BITS) - 1)
    & !(CAP | ALL_CAPS | DIGIT | HYPHEN | PERIOD | ALPHA | LEX_WORD | SEG_START | HEADLINE);

/// What the features ask of one token, computed once per document.
#[derive(Clone, Copy, Default)]
struct Tok {
    exact: u32,
    lower: u32,
    shape: u32,
    short_shape: u32,
    flags: u32,
    /// Frequency rank bucket / 4 (0 = unranked).
    rank: u8,
    /// The short shape's number in the document (`SID_NONE`: too many
    /// shapes to number), for [`Tagger::shape_scores`].
    sid: u16,
    /// The token's segment: `[lo, hi)`.
    lo: u32,
    hi: u32,
}

// Feature templates.
mod t {
    pub const BIAS: u32 = 1;
    pub const EXACT: u32 = 2;
    pub const LOWER: u32 = 3; // + position 0..5
    pub const BIGRAM_L: u32 = 10;
    pub const BIGRAM_R: u32 = 11;
    pub const SHAPE: u32 = 12; // + position 0..3
    pub const SHORT_SHAPE: u32 = 16;
    pub const PREFIX: u32 = 17;
    pub const SUFFIX: u32 = 18;
    pub const P1: u32 = 19;
    pub const P1_WORD: u32 = 21;
    pub const P1_SHAPE: u32 = 22;
    pub const FLAG: u32 = 23; // + position 0..3
    pub const RANK_CAP: u32 = 27;
    pub const HIST: u32 = 28;
    pub const HIST_SHAPE: u32 = 29;
    pub const SHAPE_CTX: u32 = 30;
    pub const FLAG_WORD_R: u32 = 31;
    pub const FLAG_WORD_L: u32 = 32;
    pub const HIST2: u32 = 33;
    pub const SHAPE2_L: u32 = 35;
    pub const FLAG2: u32 = 38;
    pub const SHAPE2_R: u32 = 135;
}

/// Which features [`Tagger::features`] lists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FeatureSet {
    All,
    /// Those fixed by the word and its token flags (cached per pair at inference).
    Word,
    /// Those that read neighbours, earlier labels or the document history.
    Context,
}

/// Identity hashing for keys that are already hashes.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u32(&mut self, n: u32) {
        // Also in the top bits, which the table keeps per slot to skip
        // most key comparisons (zeros there made every slot a candidate).
        // Also in the top bits, which the table keeps per slot to skip
        // most key comparisons (zeros there made every slot a candidate).
        self.0 = (n as u64) << 32 | n as u64;
    }
}

pub type IdMap<V> = HashMap<u32, V, BuildHasherDefault<IdHasher>>;

/// Feature extraction and decoding state, reused from document to document
/// (no allocation per token once the buffers have grown).
#[derive(Default)]
pub struct Tagger {
    toks: Vec<Tok>,
    labels: Vec<u8>,
    feats: Vec<u32>,
    lower_seen: IdMap<()>,
    /// Lower-case word → the types given to it so far in the document.
    history: IdMap<[u16; 5]>,
    scores_i: Vec<i32>,
    /// Per-call word cache: exact-word hash → id (index into `word_facts`).
    word_index: IdMap<u32>,
    /// Per distinct word: its first token and its facts (no segment flags).
    word_facts: Vec<(usize, Tok)>,
    /// Per token: its word's id.
    word_ids: Vec<u32>,
    /// Per word id: how many tokens have it. The inference caches skip
    /// words seen once (their scores would be read once, after a copy).
    word_count: Vec<u32>,
    /// Multi-word gazetteer answers per phrase of word ids (`u32::MAX`
    /// pads a two-word phrase).
    phrases: HashMap<(u32, u32, u32), bool>,
    /// Inference cache of word-feature scores: per word id, the head of a
    /// list in `parts` of (token flags, next); entry `p`'s scores are
    /// `part_scores[p * classes..][..classes]`.
    part_heads: Vec<u32>,
    parts: Vec<(u32, u32)>,
    part_scores: Vec<i32>,
    /// The same for the word-bound label features: per word id, the start
    /// of its `(classes + 1) × classes` scores in `label_scores`.
    label_heads: Vec<u32>,
    label_scores: Vec<i32>,
    raw_labels: Vec<i32>,
    /// Per short shape in the document (`shape_index`): the raw scores of
    /// the previous label alone and with the shape (`shape_raw`, one row
    /// per previous label and one for a segment start), and their start in
    /// `label_scores`, which every word of that shape without a
    /// previous-label-and-word weight shares.
    shape_index: IdMap<u32>,
    shape_raw: Vec<i32>,
    shape_heads: Vec<u32>,
    /// Inference cache of the context features a neighbour brings
    /// ([`Tagger::neighbour_scores`]): per word id and offset (`NEIGHBOURS`),
    /// the head of a list in `nb_keys` of (the neighbour's flags, the
    /// token's flags that they combine with, next); entry `e`'s scores are
    /// `nb_scores[e * classes..][..classes]`. `nb_edge`: per offset, the
    /// entry of a missing neighbour (past the segment's ends).
    nb_heads: Vec<u32>,
    nb_keys: Vec<(u32, u32, u32)>,
    nb_scores: Vec<i32>,
    nb_edge: [usize; 4],
    /// The document-history features' scores per distinct history key
    /// ([`Tagger::history_scores`]): key → start in `hist_scores`.
    hist_index: IdMap<u32>,
    hist_scores: Vec<i32>,
    /// Short shape → its number in the document (`Tok::sid`).
    sid_index: IdMap<u32>,
    /// The scores of the three features on runs of short shapes, per run
    /// of five ([`Tagger::shape_scores`]): the key folded to 32 bits →
    /// entry `e`, whose whole key is `run_keys[e]` (another key that folds
    /// the same is scored without the cache) and scores
    /// `run_scores[e * classes..][..classes]`.
    run_index: IdMap<u32>,
    run_keys: Vec<u64>,
    run_scores: Vec<i32>,
    /// Viterbi scratch: a segment's label scores, transition scores, lattice and best path.
    base: Vec<i32>,
    /// Per token of the segment: its word's start in `label_scores`.
    trans: Vec<usize>,
    lattice: Vec<i32>,
    path: Vec<u8>,
}

/// Hash of a word with curly quotes and apostrophes read as straight ones
/// (CoNLL writes them straight), lower-cased if asked.
fn word_hash(template: u32, word: &str, lower: bool) -> u32 {
    // Most words (ASCII, short, no '`', as written): the bytes in one part,
    // as the loop below would hash them.
    if !lower && word.len() <= 64 && word.bytes().all(|b| b.is_ascii() && b != b'`') {
        return FeatureHasher::new(template).str(word).finish();
    }
    word_hash_chars(template, word, lower)
}

/// [`word_hash`] char by char, for any word.
fn word_hash_chars(template: u32, word: &str, lower: bool) -> u32 {
    let mut h = FeatureHasher::new(template);
    let mut buf = [0u8; 4];
    let mut bytes = [0u8; 64];
    let mut n = 0;
    for c in word.chars() {
        let c = match c {
            '’' | '‘' | '`' => '\'',
            '“' | '”' => '"',
            '–' | '—' => '-',
            c => c,
        };
        let mut push = |c: char| {
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                if n == bytes.len() {
                    h = h.bytes(&bytes);
                    n = 0;
                }
                bytes[n] = b;
                n += 1;
            }
        };
        if lower && !c.is_lowercase() {
            for l in c.to_lowercase() {
                push(l);
            }
        } else {
            push(c);
        }
    }
    h.bytes(&bytes[..n]).finish()
}

/// Word shape ("Xxxx", "X.X.", "dd-dd") hashed, full (runs capped at 4) and short (runs collapsed).
fn shapes(word: &str) -> (u32, u32) {
    let mut full = [0u8; 24];
    let mut short = [0u8; 24];
    let (mut nf, mut ns, mut run) = (0, 0, 0);
    let mut last = 0u8;
    for c in word.chars() {
        let s = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_alphabetic() {
            b'a'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'*'
        };
        run = if s == last { run + 1 } else { 1 };
        if run <= 4 && nf < full.len() {
            full[nf] = s;
            nf += 1;
        }
        if run == 1 && ns < short.len() {
            short[ns] = s;
            ns += 1;
        }
        last = s;
    }
    (
        FeatureHasher::new(100).bytes(&full[..nf]).finish(),
        FeatureHasher::new(101).bytes(&short[..ns]).finish(),
    )
}

/// Flags and frequency-rank bucket / 4 of a word.
fn token_flags(word: &str) -> (u32, u8) {
    let mut f = 0;
    let mut chars = word.chars();
    let first = chars.next();
    if first.is_some_and(char::is_uppercase) {
        f |= CAP;
    }
    let (mut letters, mut upper) = (0, 0);
    for c in word.chars() {
        if c.is_alphabetic() {
            letters += 1;
            upper += c.is_uppercase() as u32;
        } else if c.is_numeric() {
            f |= DIGIT;
        } else if c == '-' {
            f |= HYPHEN;
        } else if c == '.' {
            f |= PERIOD;
        }
    }
    if letters > 0 {
        f |= ALPHA;
    }
    if letters >= 1 && upper == letters {
        f |= ALL_CAPS;
    }
    if matches!((first, chars.next(), chars.next()), (Some(a), Some('.'), None) if a.is_uppercase())
    {
        f |= INITIAL;
    }
    if word.len() > 64 {
        return (f, 0);
    }
    if let Some(&lf) = list_flags().get(word) {
        f |= lf;
    }
    if f & ALPHA != 0 && f & IS_DEMONYM == 0 && demonym(word).is_some() {
        f |= IS_DEMONYM;
    }
    let mut rank = 0;
    if let Some(e) = lexicon().get(word) {
        for (lf, flag) in [
            (Entry::WORD, LEX_WORD),
            (Entry::PLACE, PLACE),
            (Entry::COUNTRY, COUNTRY),
            (Entry::FIRST_NAME, FIRST_NAME),
            (Entry::SURNAME, SURNAME),
        ] {
            if e.has(lf) {
                f |= flag;
            }
        }
        rank = (((e.0 >> 16) & 0xFF) as u8).div_ceil(4);
    }
    (f, rank)
}

/// Every closed-list word with the flags of the lists that hold it: one
/// look-up per token instead of one per list.
fn list_flags() -> &'static HashMap<&'static str, u32> {
    static FLAGS: std::sync::OnceLock<HashMap<&'static str, u32>> = std::sync::OnceLock::new();
    FLAGS.get_or_init(|| {
        let mut m: HashMap<&'static str, u32> = HashMap::new();
        for (list, flag) in [
            (TITLES, IS_TITLE),
            (TITLE_MODIFIERS, IS_TITLE_MOD),
            (ORG_HEADS, IS_ORG_HEAD),
            (LOC_HEADS, IS_LOC_HEAD),
            (MISC_HEADS, IS_MISC_HEAD),
            (LOC_PREFIXES, IS_LOC_PREFIX),
            (WEEKDAYS_MONTHS, IS_DATE_WORD),
            (NAME_PARTICLES, IS_PARTICLE),
            (ORG_CUES, IS_ORG_CUE),
            (LOC_PREPOSITIONS, IS_LOC_PREP),
            (PERSON_CUES_AFTER, IS_PERSON_CUE),
            (PLACE_ACRONYMS, PLACE_ACR),
            (DEMONYMS, IS_DEMONYM),
        ] {
            for w in list {
                *m.entry(w).or_insert(0) |= flag;
            }
        }
        m
    })
}

/// The document-history features of a capitalised token whose word was
/// given the types `h` earlier (`None`: never), with its flags `flags`.
fn history_features(h: Option<[u16; 5]>, flags: u32, out: &mut Vec<u32>) {
    let f = |tpl: u32| FeatureHasher::new(tpl);
    match h {
        Some(h) => {
            let total: u32 = h.iter().map(|&c| c as u32).sum();
            let best = (0..5).max_by_key(|&k| (h[k], 5 - k)).unwrap_or(0);
            out.push(f(t::HIST).num(best as u32).finish());
            out.push(
                f(t::HIST_SHAPE)
                    .num(best as u32)
                    .num(flags & (SEG_START | HEADLINE | ALL_CAPS))
                    .finish(),
            );
            for (k, &c) in h.iter().enumerate() {
                if c > 0 {
                    out.push(
                        f(t::HIST2)
                            .num(k as u32)
                            .num((c as u32 * 2 >= total) as u32)
                            .finish(),
                    );
                }
            }
        }
        None => out.push(f(t::HIST).num(99).finish()),
    }
}

/// The scores of the previous-label feature alone after each previous label
/// (row 0: a segment start), for a model of `scores.len()` ≤ 17 classes.
fn p1_table(model: &Model, feats: &mut Vec<u32>, scores: &mut [i32]) -> [i32; 18 * 17] {
    let c = scores.len();
    let mut table = [0i32; 18 * 17];
    for p in 0..=c {
        let p1 = if p == 0 { 255 } else { p as u32 - 1 };
        feats.clear();
        feats.push(FeatureHasher::new(t::P1).num(p1).finish());
        model.scores(feats, scores);
        if let Some(row) = table.get_mut(p * c..(p + 1) * c) {
            row.copy_from_slice(scores);
        }
    }
    table
}

/// What [`history_features`] reads, as one number: equal keys, equal features.
fn history_key(h: Option<[u16; 5]>, flags: u32) -> u32 {
    let Some(h) = h else {
        return u32::MAX;
    };
    let total: u32 = h.iter().map(|&c| c as u32).sum();
    let best = (0..5).max_by_key(|&k| (h[k], 5 - k)).unwrap_or(0) as u32;
    let mut key = best
        | ((flags & (SEG_START | HEADLINE)) >> 25) << 3
        | ((flags & ALL_CAPS != 0) as u32) << 5;
    for (k, &c) in h.iter().enumerate() {
        key |= ((c > 0) as u32) << (6 + k);
        key |= ((c as u32 * 2 >= total) as u32) << (11 + k);
    }
    key
}

/// `Tok::sid` of a shape past the document's first 4,094 (no number),
/// and the number that stands for a missing neighbour in a run's key (12
/// bits each).
const SID_NONE: u16 = 4095;
const SID_EDGE: u16 = 4094;

/// `dst = src`, inline for the 17 classes of BILOU (a call to `memcpy`
/// per token otherwise: the release profile optimises for size).
#[inline(always)]
fn copy_row(dst: &mut [i32], src: &[i32]) {
    match (
        <&mut [i32; 17]>::try_from(&mut *dst),
        <&[i32; 17]>::try_from(src),
    ) {
        (Ok(d), Ok(s)) => *d = *s,
        _ => dst.copy_from_slice(src),
    }
}

/// Offsets of the neighbours whose features [`neighbour_features`] lists.
const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];

/// The context features of [`Tagger::features`] that read one neighbour
/// of a token (at offset `k`, one of [`NEIGHBOURS`]; `nb`: `None` past the
/// segment's ends) and no other token but, through [`neighbour_key`], a
/// few of the token's own flags `own`: the neighbour's lower-cased word,
/// shape, flags and list flags, and a cue word. Inference sums their scores
/// once per neighbouring word and key ([`Tagger::neighbour_scores`]).
fn neighbour_features(k: isize, nb: Option<&Tok>, own: u32, out: &mut Vec<u32>) {
    let f = |tpl: u32| FeatureHasher::new(tpl);
    out.clear();
    let lower = nb.map_or((1000 + k) as u32, |t| t.lower);
    out.push(f(t::LOWER + (k + 2) as u32).num(lower).finish());
    let flags = nb.map_or(0, |t| t.flags);
    if k == -1 || k == 1 {
        let pos = (k + 1) as u32;
        let shape = nb.map_or(u32::MAX, |t| t.shape);
        out.push(f(t::SHAPE + pos).num(shape).finish());
        let mut bits = flags;
        while bits != 0 {
            let b = bits.trailing_zeros();
            bits &= bits - 1;
            if b < FLAG_BITS {
                out.push(
                    f(t::FLAG + pos)
                        .num(b)
                        .num(own & (CAP | SEG_START | HEADLINE))
                        .finish(),
                );
            }
        }
        let (cues, tpl) = if k < 0 {
            (
                IS_TITLE | IS_ORG_CUE | IS_LOC_PREP | IS_TITLE_MOD,
                t::FLAG_WORD_L,
            )
        } else {
            (IS_ORG_HEAD | IS_LOC_HEAD | IS_PERSON_CUE, t::FLAG_WORD_R)
        };
        if flags & cues != 0 {
            out.push(f(tpl).num(lower).num(own & CAP).finish());
        }
    } else {
        let pos = (k > 0) as u32;
        let mut bits = flags & LIST_FLAGS;
        while bits != 0 {
            let b = bits.trailing_zeros();
            bits &= bits - 1;
            out.push(f(t::FLAG2).num(pos).num(b).num(own & CAP).finish());
        }
    }
}

/// The flags [`neighbour_features`] reads: the neighbour's, and the token's own.
fn neighbour_key(k: isize, nb_flags: u32, own: u32) -> (u32, u32) {
    if k == -1 || k == 1 {
        (nb_flags, own & (CAP | SEG_START | HEADLINE))
    } else {
        (nb_flags & LIST_FLAGS, own & CAP)
    }
}

impl Tagger {
    pub fn new() -> Tagger {
        Tagger::default()
    }

    /// Per-token facts for a document: `words[i]` starts a segment when `seg_starts[i]`.
    fn prepare(&mut self, words: &[&str], seg_starts: &[bool]) {
        self.toks.clear();
        self.lower_seen.clear();
        self.history.clear();
        // A document repeats its words (most tokens are a word seen before), so
        // the per-word facts (hashes, shapes, closed lists, lexicon look-ups)
        // are computed once per distinct word. The index is keyed by the
        // exact-word hash and checked against the word itself, so a hash
        // collision only costs a recomputation, never a wrong fact.
        self.word_index.clear();
        self.word_facts.clear();
        self.word_ids.clear();
        self.word_count.clear();
        self.sid_index.clear();
        // Room once, not by doubling (the pipeline tags each article with a
        // new tagger).
        let n = words.len();
        self.toks.reserve(n);
        self.word_ids.reserve(n);
        self.word_count.reserve(n);
        self.word_facts.reserve(n);
        self.word_index.reserve(n / 2);
        for (i, w) in words.iter().enumerate() {
            let exact = word_hash(t::EXACT, w, false);
            let known = self.word_index.get(&exact).copied();
            let id =
                match known {
                    Some(id) if words[self.word_facts[id as usize].0] == *w => id,
                    _ => {
                        let id = self.word_facts.len() as u32;
                        let (shape, short_shape) = shapes(w);
                        let (flags, rank) = token_flags(w);
                        let lower = word_hash(t::LOWER, w, true);
                        if w.chars().next().is_some_and(char::is_lowercase) {
                            self.lower_seen.insert(lower, ());
                        }
                        let sids = self.sid_index.len();
                        let sid = *self.sid_index.entry(short_shape).or_insert(
                            if sids < SID_EDGE as usize {
                                sids as u32
                            } else {
                                SID_NONE as u32
                            },
                        ) as u16;
                        let tk = Tok {
                            exact,
                            lower,
                            shape,
                            short_shape,
                            flags,
                            rank,
                            sid,
                            lo: 0,
                            hi: 0,
                        };
                        self.word_facts.push((i, tk));
                        if known.is_none() {
                            self.word_index.insert(exact, id);
                        }
                        id
                    }
                };
            let mut tk = self.word_facts[id as usize].1;
            if seg_starts.get(i).copied().unwrap_or(i == 0) {
                tk.flags |= SEG_START;
            }
            self.word_ids.push(id);
            if let Some(n) = self.word_count.get_mut(id as usize) {
                *n += 1;
            } else {
                self.word_count.push(1);
            }
            self.toks.push(tk);
        }
        // Capitalised words the document also writes in lower case; headline segments.
        let n = self.toks.len();
        let mut start = 0;
        while start < n {
            let mut end = start + 1;
            while end < n && self.toks[end].flags & SEG_START == 0 {
                end += 1;
            }
            let (mut alpha, mut caps, mut all_caps) = (0, 0, 0);
            for tk in &self.toks[start..end] {
                if tk.flags & ALPHA != 0 {
                    alpha += 1;
                    caps += (tk.flags & CAP != 0) as u32;
                    all_caps += (tk.flags & ALL_CAPS != 0) as u32;
                }
            }
            let headline = alpha >= 2
                && (all_caps * 10 >= alpha * 8
                    || (caps * 10 >= alpha * 7
                        && !matches!(words[end - 1], "." | "?" | "!" | "\"" | "”")));
            for k in start..end {
                let tk = &mut self.toks[k];
                (tk.lo, tk.hi) = (start as u32, end as u32);
                if headline {
                    tk.flags |= HEADLINE;
                }
                if tk.flags & CAP != 0 && self.lower_seen.contains_key(&tk.lower) {
                    tk.flags |= LOWER_IN_DOC;
                }
            }
            start = end;
        }
        // Tokens inside a multi-word gazetteer place ("New York", "Hong Kong").
        let mut key = String::new();
        self.phrases.clear();
        for i in 0..n {
            if self.toks[i].flags & CAP == 0
                || i + 1 >= n
                || self.toks[i + 1].flags & CAP == 0
                || self.toks[i + 1].flags & SEG_START != 0
            {
                continue;
            }
            for len in [3usize, 2] {
                if i + len > n
                    || (i + 1..i + len).any(|k| self.toks[k].flags & (CAP | SEG_START) != CAP)
                {
                    continue;
                }
                // The answer depends on the words only: ask once per distinct phrase.
                let ids = &self.word_ids;
                let phrase = (
                    ids[i],
                    ids[i + 1],
                    if len == 3 { ids[i + 2] } else { u32::MAX },
                );
                if let Some(&hit) = self.phrases.get(&phrase) {
                    if hit {
                        for tk in &mut self.toks[i..i + len] {
                            tk.flags |= IN_GAZ_PHRASE;
                        }
                        break;
                    }
                    continue;
                }
                key.clear();
                for w in &words[i..i + len] {
                    if !key.is_empty() {
                        key.push(' ');
                    }
                    key.extend(w.chars().flat_map(char::to_lowercase));
                }
                let hit = key.len() <= 64
                    && lexicon()
                        .get_lower(&key)
                        .is_some_and(|e| e.has(Entry::PLACE | Entry::COUNTRY));
                self.phrases.insert(phrase, hit);
                if hit {
                    for tk in &mut self.toks[i..i + len] {
                        tk.flags |= IN_GAZ_PHRASE;
                    }
                    break;
                }
            }
        }
    }

    /// The features of token `i` given the two labels before it (`None` past
    /// a segment start) into `out`. Training and inference both call this;
    /// `set` picks all of them (training: in this order), or only those
    /// that depend on the word and its flags alone, or only the others
    /// (inference sums the two parts' scores separately).
    fn features(&self, words: &[&str], i: usize, set: FeatureSet, out: &mut Vec<u32>) {
        out.clear();
        let word_part = set != FeatureSet::Context;
        let ctx = set != FeatureSet::Word;
        let toks = &self.toks;
        let tk = toks[i];
        // Neighbours within the segment; None past its ends.
        let at = |k: isize| near(toks, &tk, i, k);
        let f = |tpl: u32| FeatureHasher::new(tpl);
        if word_part {
            out.push(f(t::BIAS).finish());
            out.push(tk.exact);
        }
        for (pos, k) in [-2isize, -1, 0, 1, 2].into_iter().enumerate() {
            if !(if k == 0 { word_part } else { ctx }) {
                continue;
            }
            let lower = at(k).map_or((1000 + k) as u32, |t| t.lower);
            out.push(f(t::LOWER + pos as u32).num(lower).finish());
        }
        let lower_prev = at(-1).map_or(u32::MAX, |t| t.lower);
        let lower_next = at(1).map_or(u32::MAX, |t| t.lower);
        if ctx {
            out.push(f(t::BIGRAM_L).num(lower_prev).num(tk.lower).finish());
            out.push(f(t::BIGRAM_R).num(tk.lower).num(lower_next).finish());
        }
        for (pos, k) in [-1isize, 0, 1].into_iter().enumerate() {
            if !(if k == 0 { word_part } else { ctx }) {
                continue;
            }
            let shape = at(k).map_or(u32::MAX, |t| t.shape);
            out.push(f(t::SHAPE + pos as u32).num(shape).finish());
        }
        if word_part {
            out.push(f(t::SHORT_SHAPE).num(tk.short_shape).finish());
        }
        if ctx {
            let shape_prev = at(-1).map_or(u32::MAX, |t| t.short_shape);
            let shape_next = at(1).map_or(u32::MAX, |t| t.short_shape);
            out.push(
                f(t::SHAPE_CTX)
                    .num(shape_prev)
                    .num(tk.short_shape)
                    .num(shape_next)
                    .finish(),
            );
        }
        // Affixes.
        let word = words[i];
        if word_part && tk.flags & ALPHA != 0 {
            let chars = word
                .char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(word.len()));
            for (k, b) in chars.skip(1).take(4).enumerate() {
                out.push(f(t::PREFIX).num(k as u32).str(&word[..b]).finish());
            }
            let mut ends = word.char_indices().rev().map(|(b, _)| b);
            for k in 0..4 {
                match ends.next() {
                    Some(b) => out.push(f(t::SUFFIX).num(k).str(&word[b..]).finish()),
                    None => break,
                }
            }
        }
        // Two tokens out: their short shapes with the token's (capitalised
        // runs, "Mr. X", numbers in results tables), and their list and
        // gazetteer flags (casing is in the shapes).
        if ctx {
            let s2 = |k: isize| at(k).map_or(u32::MAX, |t| t.short_shape);
            out.push(
                f(t::SHAPE2_L)
                    .num(s2(-2))
                    .num(s2(-1))
                    .num(tk.short_shape)
                    .finish(),
            );
            out.push(
                f(t::SHAPE2_R)
                    .num(tk.short_shape)
                    .num(s2(1))
                    .num(s2(2))
                    .finish(),
            );
            for (pos, k) in [-2isize, 2].into_iter().enumerate() {
                let mut bits = at(k).map_or(0, |t| t.flags) & LIST_FLAGS;
                while bits != 0 {
                    let b = bits.trailing_zeros();
                    bits &= bits - 1;
                    out.push(
                        f(t::FLAG2)
                            .num(pos as u32)
                            .num(b)
                            .num(tk.flags & CAP)
                            .finish(),
                    );
                }
            }
        }
        // Flags of the token and its neighbours.
        for (pos, k) in [-1isize, 0, 1].into_iter().enumerate() {
            if !(if k == 0 { word_part } else { ctx }) {
                continue;
            }
            let flags = at(k).map_or(0, |t| t.flags);
            let mut bits = flags;
            while bits != 0 {
                let b = bits.trailing_zeros();
                bits &= bits - 1;
                if b < FLAG_BITS {
                    out.push(
                        f(t::FLAG + pos as u32)
                            .num(b)
                            .num(tk.flags & (CAP | SEG_START | HEADLINE))
                            .finish(),
                    );
                }
            }
        }
        // Cue words next to the token, with its own casing.
        let next_flags = at(1).map_or(0, |t| t.flags);
        let prev_flags = at(-1).map_or(0, |t| t.flags);
        if ctx && next_flags & (IS_ORG_HEAD | IS_LOC_HEAD | IS_PERSON_CUE) != 0 {
            out.push(
                f(t::FLAG_WORD_R)
                    .num(lower_next)
                    .num(tk.flags & CAP)
                    .finish(),
            );
        }
        if ctx && prev_flags & (IS_TITLE | IS_ORG_CUE | IS_LOC_PREP | IS_TITLE_MOD) != 0 {
            out.push(
                f(t::FLAG_WORD_L)
                    .num(lower_prev)
                    .num(tk.flags & CAP)
                    .finish(),
            );
        }
        if word_part {
            out.push(
                f(t::RANK_CAP)
                    .num(tk.rank as u32)
                    .num(tk.flags & (CAP | ALL_CAPS | SEG_START | HEADLINE | LOWER_IN_DOC))
                    .finish(),
            );
        }
        // Document history: the types this word was given earlier.
        if ctx && tk.flags & CAP != 0 {
            history_features(self.history_of(i), tk.flags, out);
        }
    }

    /// The types token `i`'s word was given earlier in the document (`None`: none yet).
    fn history_of(&self, i: usize) -> Option<[u16; 5]> {
        let tk = self.toks.get(i)?;
        self.history
            .get(&tk.lower)
            .copied()
            .filter(|h| h.iter().any(|&c| c > 0))
    }

    fn record(&mut self, i: usize, kind: usize) {
        let tk = self.toks[i];
        if tk.flags & CAP != 0 {
            let h = self.history.entry(tk.lower).or_insert([0; 5]);
            h[kind] = h[kind].saturating_add(1);
        }
    }

    /// Start in `part_scores` of the scores of token `i`'s word features
    /// ([`FeatureSet::Word`]), computed once per (word, token flags) in the
    /// document: about half the features, so half the model look-ups.
    /// `feats` and `scores` are scratch.
    fn word_scores(
        &mut self,
        model: &Model,
        words: &[&str],
        i: usize,
        feats: &mut Vec<u32>,
        scores: &mut [i32],
    ) -> Option<usize> {
        let id = self.word_ids[i] as usize;
        if self.word_count[id] < 2 {
            return None;
        }
        let flags = self.toks[i].flags;
        let mut p = self.part_heads[id];
        while p != u32::MAX {
            let (f, next) = self.parts[p as usize];
            if f == flags {
                return Some(p as usize * scores.len());
            }
            p = next;
        }
        self.features(words, i, FeatureSet::Word, feats);
        let at = store_scores(model, feats, scores, &mut self.part_scores);
        let p = self.parts.len();
        self.parts.push((flags, self.part_heads[id]));
        self.part_heads[id] = p as u32;
        Some(at)
    }

    /// Sets `acc` to the scores of token `i`'s word features: cached
    /// ([`Tagger::word_scores`]), or scored here for a word seen once.
    fn word_part(
        &mut self,
        model: &Model,
        words: &[&str],
        i: usize,
        feats: &mut Vec<u32>,
        scores: &mut [i32],
        acc: &mut [i32],
    ) {
        match self.word_scores(model, words, i, feats, scores) {
            Some(at) => copy_row(acc, &self.part_scores[at..at + acc.len()]),
            None => {
                self.features(words, i, FeatureSet::Word, feats);
                model.scores(feats, acc);
            }
        }
    }

    /// Start in `nb_scores` of the scores of the features token `i`'s
    /// neighbour at `NEIGHBOURS[kx]` brings ([`neighbour_features`]),
    /// computed once per (neighbouring word, [`neighbour_key`]) in the
    /// document (`Err`: a word seen once, not cached): most context features, and the ones that do not repeat
    /// across a word's occurrences are in [`Tagger::add_token_context`].
    fn neighbour_scores(
        &mut self,
        model: &Model,
        i: usize,
        kx: usize,
        feats: &mut Vec<u32>,
        scores: &mut [i32],
    ) -> Result<usize, Tok> {
        let (k, tk) = (NEIGHBOURS[kx], self.toks[i]);
        let j = i as isize + k;
        if j < tk.lo as isize || j >= tk.hi as isize {
            return Ok(self.nb_edge[kx]);
        }
        let j = j as usize;
        let nb = self.toks[j];
        let id = self.word_ids[j] as usize;
        if self.word_count[id] < 2 {
            return Err(nb);
        }
        let (a, b) = neighbour_key(k, nb.flags, tk.flags);
        let slot = id * NEIGHBOURS.len() + kx;
        let mut e = self.nb_heads[slot];
        while e != u32::MAX {
            let (ka, kb, next) = self.nb_keys[e as usize];
            if (ka, kb) == (a, b) {
                return Ok(e as usize * scores.len());
            }
            e = next;
        }
        neighbour_features(k, Some(&nb), tk.flags, feats);
        let at = store_scores(model, feats, scores, &mut self.nb_scores);
        let e = self.nb_keys.len();
        self.nb_keys.push((a, b, self.nb_heads[slot]));
        self.nb_heads[slot] = e as u32;
        Ok(at)
    }

    /// Adds to `acc` the scores of token `i`'s context features that read
    /// more than one other token: word pairs, looked up per token, and runs
    /// of short shapes, once per run of five ([`Tagger::shape_scores`]).
    fn add_token_context(
        &mut self,
        model: &Model,
        i: usize,
        feats: &mut Vec<u32>,
        scores: &mut [i32],
        acc: &mut [i32],
    ) {
        let toks = &self.toks;
        let tk = toks[i];
        let at = |k: isize| near(toks, &tk, i, k);
        let f = |tpl: u32| FeatureHasher::new(tpl);
        let lower = |k: isize| at(k).map_or(u32::MAX, |t| t.lower);
        model.add(f(t::BIGRAM_L).num(lower(-1)).num(tk.lower).finish(), acc);
        model.add(f(t::BIGRAM_R).num(tk.lower).num(lower(1)).finish(), acc);
        match self.shape_scores(model, i, feats, scores) {
            Some(at) => add_row(acc, &self.run_scores[at..at + acc.len()]),
            None => {
                self.shape_features(i, feats);
                for &h in feats.iter() {
                    model.add(h, acc);
                }
            }
        }
    }

    /// The features of token `i` on runs of short shapes around it.
    fn shape_features(&self, i: usize, out: &mut Vec<u32>) {
        let toks = &self.toks;
        let tk = toks[i];
        let at = |k: isize| near(toks, &tk, i, k);
        let f = |tpl: u32| FeatureHasher::new(tpl);
        let s = |k: isize| at(k).map_or(u32::MAX, |t| t.short_shape);
        let short = tk.short_shape;
        out.clear();
        out.push(f(t::SHAPE_CTX).num(s(-1)).num(short).num(s(1)).finish());
        out.push(f(t::SHAPE2_L).num(s(-2)).num(s(-1)).num(short).finish());
        out.push(f(t::SHAPE2_R).num(short).num(s(1)).num(s(2)).finish());
    }

    /// Start in `run_scores` of the scores of [`Tagger::shape_features`]
    /// of token `i`, computed once per run of five short shapes (a few
    /// thousand in a long document); `None` when a shape has no number
    /// (or the run's key folds as another's).
    fn shape_scores(
        &mut self,
        model: &Model,
        i: usize,
        feats: &mut Vec<u32>,
        scores: &mut [i32],
    ) -> Option<usize> {
        let tk = self.toks[i];
        let mut key = 0u64;
        for k in -2isize..=2 {
            let j = i as isize + k;
            let sid = if j >= tk.lo as isize && j < tk.hi as isize {
                self.toks[j as usize].sid
            } else {
                SID_EDGE
            };
            if sid == SID_NONE {
                return None;
            }
            key = key << 12 | sid as u64;
        }
        let folded = (key ^ key >> 29).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32;
        if let Some(&e) = self.run_index.get(&(folded as u32)) {
            let e = e as usize;
            return (self.run_keys.get(e) == Some(&key)).then_some(e * scores.len());
        }
        self.shape_features(i, feats);
        let at = store_scores(model, feats, scores, &mut self.run_scores);
        self.run_index.insert(folded as u32, self.run_keys.len() as u32);
        self.run_keys.push(key);
        Some(at)
    }

    /// Start in `hist_scores` of the scores of token `i`'s document-history
    /// features, computed once per [`history_key`] (`None`: a token
    /// without them, not capitalised).
    fn history_scores(
        &mut self,
        model: &Model,
        i: usize,
        feats: &mut Vec<u32>,
        scores: &mut [i32],
    ) -> Option<usize> {
        let flags = self.toks[i].flags;
        if flags & CAP == 0 {
            return None;
        }
        let h = self.history_of(i);
        let key = history_key(h, flags);
        if let Some(&at) = self.hist_index.get(&key) {
            return Some(at as usize);
        }
        feats.clear();
        history_features(h, flags, feats);
        let at = store_scores(model, feats, scores, &mut self.hist_scores);
        self.hist_index.insert(key, at as u32);
        Some(at)
    }

    /// Adds to `acc` the scores of token `i`'s context features
    /// ([`FeatureSet::Context`]) from the caches above: integer sums wrap
    /// the same in any order, so this equals scoring the features at once.
    fn add_context_scores(
        &mut self,
        model: &Model,
        i: usize,
        feats: &mut Vec<u32>,
        scores: &mut [i32],
        acc: &mut [i32],
    ) {
        let c = scores.len();
        for (kx, &k) in NEIGHBOURS.iter().enumerate() {
            match self.neighbour_scores(model, i, kx, feats, scores) {
                Ok(at) => add_row(acc, &self.nb_scores[at..at + c]),
                // A word seen once: its features, scored here.
                Err(nb) => {
                    neighbour_features(k, Some(&nb), self.toks[i].flags, feats);
                    for &h in feats.iter() {
                        model.add(h, acc);
                    }
                }
            }
        }
        self.add_token_context(model, i, feats, scores, acc);
        if let Some(at) = self.history_scores(model, i, feats, scores) {
            add_row(acc, &self.hist_scores[at..at + c]);
        }
    }

    /// Empties the per-document inference caches for a model of `c` classes
    /// (after [`Tagger::prepare`]).
    fn reset_caches(&mut self, model: &Model, c: usize, feats: &mut Vec<u32>, scores: &mut [i32]) {
        let words = self.word_facts.len();
        self.parts.reserve(words);
        self.part_scores.reserve(words * c);
        self.nb_keys.reserve(words * 2);
        self.nb_scores.reserve(words * 2 * c);
        self.part_heads.clear();
        self.part_heads.resize(words, u32::MAX);
        self.parts.clear();
        self.part_scores.clear();
        self.label_heads.clear();
        self.label_heads.resize(words, u32::MAX);
        self.label_scores.clear();
        self.shape_index.clear();
        self.shape_raw.clear();
        self.shape_heads.clear();
        self.nb_heads.clear();
        self.nb_heads.resize(words * NEIGHBOURS.len(), u32::MAX);
        self.nb_keys.clear();
        self.nb_scores.clear();
        for (kx, &k) in NEIGHBOURS.iter().enumerate() {
            neighbour_features(k, None, 0, feats);
            self.nb_edge[kx] = store_scores(model, feats, scores, &mut self.nb_scores);
            self.nb_keys.push((u32::MAX, u32::MAX, u32::MAX));
        }
        self.hist_index.clear();
        self.hist_scores.clear();
        self.run_index.clear();
        self.run_keys.clear();
        self.run_scores.clear();
    }

    /// The features of token `i` that read the previous label (`p1`: 255
    /// at a segment start): the only ones Viterbi decoding scores per pair
    /// of labels.
    fn label_features(&self, i: usize, p1: u32, out: &mut Vec<u32>) {
        let tk = self.toks[i];
        let f = |tpl: u32| FeatureHasher::new(tpl);
        out.clear();
        out.push(f(t::P1).num(p1).finish());
        out.push(f(t::P1_WORD).num(p1).num(tk.lower).finish());
        out.push(f(t::P1_SHAPE).num(p1).num(tk.short_shape).finish());
    }

    /// Start in `label_scores` of the scores of token `i`'s label features
    /// after each previous label (`(classes + 1) × classes`; row 0: a
    /// segment start), computed once per word in the document: the
    /// shape-bound ones and `p1_table` (the previous label's alone) once per
    /// short shape, and a word without any previous-label-and-word weight
    /// shares its shape's scores (most words).
    fn word_label_scores(
        &mut self,
        model: &Model,
        rules: &Constraints,
        p1_table: &[i32],
        i: usize,
        feats: &mut Vec<u32>,
        scores: &mut [i32],
    ) -> usize {
        let id = self.word_ids[i] as usize;
        let head = self.label_heads.get(id).copied().unwrap_or(u32::MAX);
        if head != u32::MAX {
            return head as usize;
        }
        let c = scores.len();
        let tk = self.toks[i];
        let f = |tpl: u32| FeatureHasher::new(tpl);
        let width = (c + 1) * c;
        let shape = match self.shape_index.get(&tk.short_shape) {
            Some(&s) => s as usize,
            None => {
                let s = self.shape_heads.len();
                let from = self.shape_raw.len();
                for p in 0..=c {
                    let p1 = if p == 0 { 255 } else { p as u32 - 1 };
                    feats.clear();
                    feats.push(f(t::P1_SHAPE).num(p1).num(tk.short_shape).finish());
                    model.scores(feats, scores);
                    let p1 = p1_table.get(p * c..(p + 1) * c).unwrap_or(&[]);
                    self.shape_raw
                        .extend(scores.iter().zip(p1).map(|(&a, &b)| a.wrapping_add(b)));
                }
                let at = self.label_scores.len();
                rules.layout(
                    self.shape_raw.get(from..).unwrap_or(&[]),
                    &mut self.label_scores,
                );
                self.shape_heads.push(at as u32);
                self.shape_index.insert(tk.short_shape, s as u32);
                s
            }
        };
        let shared = self.shape_heads.get(shape).copied().unwrap_or(0);
        let base = self
            .shape_raw
            .get(shape * width..(shape + 1) * width)
            .unwrap_or(&[]);
        // Most words have no previous-label-and-word weight: ask first,
        // and copy the shape's scores only for the others.
        let mut hashes = [0u32; 18];
        let mut any = false;
        for (p, h) in hashes.iter_mut().enumerate().take(c + 1) {
            let p1 = if p == 0 { 255 } else { p as u32 - 1 };
            *h = f(t::P1_WORD).num(p1).num(tk.lower).finish();
            any |= model.contains(*h);
        }
        if !any {
            if let Some(h) = self.label_heads.get_mut(id) {
                *h = shared;
            }
            return shared as usize;
        }
        let mut raw = std::mem::take(&mut self.raw_labels);
        raw.clear();
        raw.extend_from_slice(base);
        let mut any = false;
        for (p, &h) in hashes.iter().enumerate().take(c + 1) {
            if let Some(out) = raw.get_mut(p * c..(p + 1) * c) {
                any |= model.add(h, out);
            }
        }
        let at = if any {
            let at = self.label_scores.len();
            rules.layout(&raw, &mut self.label_scores);
            at as u32
        } else {
            shared
        };
        self.raw_labels = raw;
        if let Some(h) = self.label_heads.get_mut(id) {
            *h = at;
        }
        at as usize
    }

    /// Labels for a document: `words` with segment starts, each segment
    /// decoded by Viterbi under the scheme's transition constraints (the
    /// model was trained so: [`Tagger::train_doc`]).
    pub fn tag(&mut self, model: &Model, words: &[&str], seg_starts: &[bool]) -> &[u8] {
        let Some(scheme) = Scheme::from_classes(model.classes()) else {
            self.labels.clear();
            self.labels.resize(words.len(), 0);
            return &self.labels;
        };
        self.prepare(words, seg_starts);
        let c = scheme.classes();
        let mut feats = std::mem::take(&mut self.feats);
        let mut scores = std::mem::take(&mut self.scores_i);
        scores.resize(c, 0);
        self.reset_caches(model, c, &mut feats, &mut scores);
        let rules = Constraints::new(scheme);
        let p1_table = p1_table(model, &mut feats, &mut scores);
        let mut base = std::mem::take(&mut self.base);
        let mut trans = std::mem::take(&mut self.trans);
        let mut lattice = std::mem::take(&mut self.lattice);
        let mut path = std::mem::take(&mut self.path);
        self.labels.clear();
        let n = words.len();
        let mut start = 0;
        while start < n {
            let end = (self.toks[start].hi as usize).clamp(start + 1, n);
            base.clear();
            base.resize((end - start) * c, 0);
            trans.clear();
            for (i, acc) in (start..end).zip(base.chunks_exact_mut(c)) {
                self.word_part(model, words, i, &mut feats, &mut scores, acc);
                let label =
                    self.word_label_scores(model, &rules, &p1_table, i, &mut feats, &mut scores);
                self.add_context_scores(model, i, &mut feats, &mut scores, acc);
                trans.push(label);
            }
            rules.viterbi(&base, &self.label_scores, &trans, &mut lattice, &mut path);
            for (k, &l) in path.iter().enumerate() {
                self.labels.push(l);
                self.record(start + k, scheme.kind_of(l));
            }
            start = end;
        }
        self.base = base;
        self.trans = trans;
        self.lattice = lattice;
        self.path = path;
        self.feats = feats;
        self.scores_i = scores;
        &self.labels
    }

    /// One training pass over a document: Collins' structured perceptron.
    /// Each segment is decoded by Viterbi with the current weights; where
    /// the guessed sequence differs from the gold one (a label, or the label
    /// before it), the gold sequence's features gain and the guess's lose.
    /// The document history reads the guesses of earlier segments. `allowed`
    /// filters out rare features. Returns the number of tokens tagged right.
    pub fn train_doc(
        &mut self,
        trainer: &mut Trainer,
        scheme: Scheme,
        words: &[&str],
        seg_starts: &[bool],
        gold: &[u8],
        allowed: Option<&IdSet>,
    ) -> usize {
        self.prepare(words, seg_starts);
        let c = scheme.classes();
        let rules = Constraints::new(scheme);
        let n = words.len();
        let mut feats = Vec::new();
        let mut lf = Vec::new();
        let mut sc = vec![0f32; c];
        let (mut flat, mut offs) = (Vec::new(), Vec::new());
        let (mut base, mut trans) = (Vec::new(), Vec::new());
        let (mut lattice, mut path, mut rows, mut raw) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let filter = |v: &mut Vec<u32>| {
            if let Some(a) = allowed {
                v.retain(|f| a.contains_key(f));
            }
        };
        // Scores as integers for the shared decoder (weights are whole
        // numbers during training, so nothing is lost).
        let int = |x: f32| x.round() as i32;
        let mut right = 0;
        let mut start = 0;
        while start < n {
            let end = (self.toks[start].hi as usize).clamp(start + 1, n);
            let len = end - start;
            flat.clear();
            offs.clear();
            offs.push(0);
            base.clear();
            trans.clear();
            for i in start..end {
                self.features(words, i, FeatureSet::All, &mut feats);
                filter(&mut feats);
                trainer.scores(&feats, &mut sc);
                base.extend(sc.iter().map(|&x| int(x)));
                flat.extend_from_slice(&feats);
                offs.push(flat.len());
                raw.clear();
                for p in 0..=c {
                    self.label_features(i, if p == 0 { 255 } else { p as u32 - 1 }, &mut lf);
                    filter(&mut lf);
                    trainer.scores(&lf, &mut sc);
                    raw.extend(sc.iter().map(|&x| int(x)));
                }
                rules.layout(&raw, &mut trans);
            }
            rows.clear();
            rows.extend((0..len).map(|k| k * rules.width()));
            rules.viterbi(&base, &trans, &rows, &mut lattice, &mut path);
            for k in 0..len {
                let i = start + k;
                let (g, guess) = (gold[i], path.get(k).copied().unwrap_or(0));
                let gp = if k == 0 { 255 } else { gold[i - 1] as u32 };
                let pp = if k == 0 {
                    255
                } else {
                    path.get(k - 1).map_or(255, |&p| p as u32)
                };
                trainer.update(&flat[offs[k]..offs[k + 1]], g as usize, guess as usize);
                if g != guess || gp != pp {
                    for (prev, class, delta) in [(gp, g, 1.0), (pp, guess, -1.0)] {
                        self.label_features(i, prev, &mut lf);
                        filter(&mut lf);
                        trainer.adjust(&lf, class as usize, delta);
                    }
                }
                right += (g == guess) as usize;
            }
            for k in 0..len {
                let l = path.get(k).copied().unwrap_or(0);
                self.record(start + k, scheme.kind_of(l));
            }
            start = end;
        }
        right
    }

    /// Counts the features of a document under gold labels (for dropping rare ones).
    pub fn count_features(
        &mut self,
        scheme: Scheme,
        words: &[&str],
        seg_starts: &[bool],
        gold: &[u8],
        counts: &mut IdMap<u32>,
    ) {
        self.prepare(words, seg_starts);
        let mut feats = std::mem::take(&mut self.feats);
        let mut prev = 255;
        for (i, &label) in gold.iter().enumerate().take(words.len()) {
            if self.toks[i].flags & SEG_START != 0 {
                prev = 255;
            }
            self.features(words, i, FeatureSet::All, &mut feats);
            for &f in &feats {
                *counts.entry(f).or_insert(0) += 1;
            }
            self.label_features(i, prev, &mut feats);
            for &f in &feats {
                *counts.entry(f).or_insert(0) += 1;
            }
            self.record(i, scheme.kind_of(label));
            prev = label as u32;
        }
        self.feats = feats;
    }
}

/// Scores `feats` into `scores` and appends them to a cache's flat row
/// store; returns where the row starts there.
fn store_scores(model: &Model, feats: &[u32], scores: &mut [i32], store: &mut Vec<i32>) -> usize {
    model.scores(feats, scores);
    let at = store.len();
    store.extend_from_slice(scores);
    at
}

/// Token `i + k` when it lies in the segment of token `i` (`tk`).
#[inline(always)]
fn near<'a>(toks: &'a [Tok], tk: &Tok, i: usize, k: isize) -> Option<&'a Tok> {
    let j = i as isize + k;
    (j >= tk.lo as isize && j < tk.hi as isize).then(|| &toks[j as usize])
}

/// A set of feature hashes.
pub type IdSet = IdMap<()>;
pub type Counts = IdMap<u32>;

/// The scheme's transition constraints, for decoding.
struct Constraints {
    classes: usize,
    /// The classes allowed after each previous label (index 0: a segment
    /// start; `p + 1`: after label `p`), as bit masks.
    masks: [u32; 18],
    /// The labels allowed before each label, and how many.
    before: [[u8; 17]; 17],
    count: [usize; 17],
    /// Where each label's scores start among a token's pair scores, and how many pairs there are.
    offset: [usize; 17],
    pairs: usize,
    /// `before` of every label in turn: the previous label of each pair score.
    pair_prev: [u8; 17 * 17],
    /// Per value [`Constraints::layout`] writes, where it reads it in the
    /// raw scores (`u16::MAX`: a disallowed start, [`NEVER`]).
    src: [u16; 17 + 17 * 17],
    /// The pairs are BILOU's over four types in label order, decoded by
    /// [`best_bilou`].
    bilou: bool,
}

/// Allowed label pairs under BILOU with four types.
const BILOU_PAIRS: usize = 97;

/// Labels that close a mention under BILOU (O, L-x, U-x): those allowed
/// before O, B-x and U-x.
const BILOU_CLOSED: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];

/// One Viterbi step under BILOU with four types, spelt out (the generic
/// loop spends more on bookkeeping than on the 97 sums): `out[y]` is the
/// best `prev[p] + t[pair (p, y)]` over the labels `p` allowed before `y`,
/// with `t` in [`Constraints::layout`] order: O after the 9 closed labels,
/// then per type B (9), I (2: after B, I), L (2) and U (9).
fn best_bilou(prev: &[i32; 32], t: &[i32; BILOU_PAIRS], out: &mut [i32; 32]) {
    let g = BILOU_CLOSED.map(|p| prev[p]);
    let (o, types) = t.split_at(9);
    out[0] = best9(&g, o);
    for (k, t) in types.chunks_exact(22).enumerate().take(4) {
        let (b, i) = (prev[1 + 4 * k], prev[2 + 4 * k]);
        out[1 + 4 * k] = best9(&g, &t[..9]);
        out[2 + 4 * k] = (b + t[9]).max(i + t[10]);
        out[3 + 4 * k] = (b + t[11]).max(i + t[12]);
        out[4 + 4 * k] = best9(&g, &t[13..]);
    }
}

/// The best `g[j] + t[j]` over nine pairs (`NEVER` if `t` is short).
#[inline(always)]
fn best9(g: &[i32; 9], t: &[i32]) -> i32 {
    let Some(t) = t.first_chunk::<9>() else {
        return NEVER;
    };
    let v = |j: usize| g[j] + t[j];
    let a = v(0).max(v(1)).max(v(2).max(v(3)));
    let b = v(4).max(v(5)).max(v(6).max(v(7)));
    a.max(b).max(v(8))
}

impl Constraints {
    fn new(scheme: Scheme) -> Constraints {
        let c = scheme.classes().min(17);
        let mut k = Constraints {
            classes: c,
            masks: [0; 18],
            before: [[0; 17]; 17],
            count: [0; 17],
            offset: [0; 17],
            pairs: 0,
            pair_prev: [0; 17 * 17],
            src: [u16::MAX; 17 + 17 * 17],
            bilou: false,
        };
        for (p, mask) in k.masks.iter_mut().take(c + 1).enumerate() {
            let prev = p.checked_sub(1).map(|p| p as u8);
            for y in 0..c {
                if scheme.allowed(prev, y as u8) {
                    *mask |= 1 << y;
                }
            }
        }
        for y in 0..c {
            for p in 0..c {
                if k.masks[p + 1] & (1 << y) != 0 {
                    k.before[y][k.count[y]] = p as u8;
                    k.count[y] += 1;
                }
            }
            k.offset[y] = k.pairs;
            for j in 0..k.count[y] {
                k.pair_prev[k.pairs + j] = k.before[y][j];
            }
            k.pairs += k.count[y];
        }
        // The layout `best_bilou` spells out, checked rather than assumed.
        let mut want = Vec::new();
        if c == 17 {
            want.extend(BILOU_CLOSED.map(|p| p as u8));
            for t in 0..4u8 {
                let (b, i) = (1 + 4 * t, 2 + 4 * t);
                want.extend(BILOU_CLOSED.map(|p| p as u8));
                want.extend([b, i, b, i]);
                want.extend(BILOU_CLOSED.map(|p| p as u8));
            }
        }
        k.bilou =
            scheme == Scheme::Bilou && k.pairs == BILOU_PAIRS && k.pair_prev[..k.pairs] == want[..];
        for y in 0..c {
            if k.masks[0] & (1 << y) != 0 {
                k.src[y] = y as u16;
            }
        }
        let mut at = c;
        for y in 0..c {
            for &p in &k.before[y][..k.count[y]] {
                k.src[at] = ((p as usize + 1) * c + y) as u16;
                at += 1;
            }
        }
        k
    }

    /// Transition scores per token in the decoder's layout.
    fn width(&self) -> usize {
        self.classes + self.pairs
    }

    /// Appends one token's transition scores in the decoder's layout:
    /// `raw[p * c + y]` scores label `y` after previous label `p - 1` (`p` =
    /// 0: the segment start); out come the `c` start scores (a disallowed
    /// start scoring [`NEVER`]), then per label `y` its scores after each
    /// label allowed before it, in `before` order.
    fn layout(&self, raw: &[i32], out: &mut Vec<i32>) {
        // The order is fixed per scheme: read through `src`.
        out.extend(self.src[..self.width()].iter().map(|&at| {
            if at == u16::MAX {
                NEVER
            } else {
                raw.get(at as usize)
                    .map_or(0, |&v| v.clamp(-SCORE_CAP, SCORE_CAP))
            }
        }));
    }

    /// [`Constraints::layout`] spelt out (the test's reference).
    #[cfg(test)]
    fn layout_slow(&self, raw: &[i32], out: &mut Vec<i32>) {
        let c = self.classes;
        let get = |p: usize, y: usize| {
            raw.get(p * c + y)
                .map_or(0, |&v| v.clamp(-SCORE_CAP, SCORE_CAP))
        };
        out.extend((0..c).map(|y| {
            if self.masks[0] & (1 << y) == 0 {
                NEVER
            } else {
                get(0, y)
            }
        }));
        for y in 0..c {
            out.extend(
                self.before[y][..self.count[y]]
                    .iter()
                    .map(|&p| get(p as usize + 1, y)),
            );
        }
    }

    /// The best label sequence of a segment into `path`: `base[k * c + y]`
    /// scores label `y` at token `k` (`c` classes) and
    /// `table[rows[k]..][..self.width()]` holds the token's transition scores
    /// ([`Constraints::layout`]): only allowed pairs are visited (under
    /// BILOU, 97 of 289). The last label closes its mention. `lattice` is
    /// scratch: each token's best scores, shifted so that the best is 0 (and
    /// floored), so nothing overflows on any input; back pointers are
    /// recomputed along the best path only.
    fn viterbi(
        &self,
        base: &[i32],
        table: &[i32],
        rows: &[usize],
        lattice: &mut Vec<i32>,
        path: &mut Vec<u8>,
    ) {
        let c = self.classes;
        let len = rows.len();
        let width = self.width();
        path.clear();
        if len == 0
            || c == 0
            || base.len() < len * c
            || rows.iter().any(|&r| r + width > table.len())
        {
            path.resize(len, 0);
            return;
        }
        let cap = |v: i32| v.clamp(-SCORE_CAP, SCORE_CAP);
        let normalise = |col: &mut [i32]| {
            let m = col.iter().copied().max().unwrap_or(0);
            col.iter_mut().for_each(|v| *v = (*v - m).max(FLOOR));
        };
        lattice.clear();
        lattice.resize(len * c, 0);
        for y in 0..c {
            lattice[y] = cap(base[y]) + table[rows[0] + y];
        }
        normalise(&mut lattice[..c]);
        // The previous token's scores, padded so that any `u8 & 31` indexes
        // them without a bounds check.
        let mut prev = [NEVER; 32];
        prev[..c].copy_from_slice(&lattice[..c]);
        let pair_prev = &self.pair_prev[..self.pairs];
        for k in 1..len {
            let cur = &mut lattice[k * c..(k + 1) * c];
            let trans = &table[rows[k] + c..rows[k] + width];
            let here = &base[k * c..(k + 1) * c];
            let mut best = [NEVER; 32];
            match <&[i32; BILOU_PAIRS]>::try_from(trans) {
                Ok(t) if self.bilou => best_bilou(&prev, t, &mut best),
                _ => {
                    let mut at = 0;
                    for (b, &n) in best.iter_mut().zip(&self.count) {
                        let end = at + n;
                        let froms = pair_prev.get(at..end).unwrap_or(&[]);
                        let col = trans.get(at..end).unwrap_or(&[]);
                        at = end;
                        for (&p, &t) in froms.iter().zip(col) {
                            *b = (*b).max(prev[(p & 31) as usize] + t);
                        }
                    }
                }
            }
            // `normalise` fused with the sums, and `prev` written on the way.
            let mut m = i32::MIN;
            for ((cell, &h), &b) in cur.iter_mut().zip(here).zip(&best) {
                *cell = b + cap(h);
                m = m.max(*cell);
            }
            for (cell, p) in cur.iter_mut().zip(prev.iter_mut()) {
                *cell = (*cell - m).max(FLOOR);
                *p = *cell;
            }
        }
        // The last label must allow an outside label (class 0) after it.
        let last = &lattice[(len - 1) * c..];
        let mut y = 0;
        for (k, &v) in last.iter().enumerate() {
            if self.masks[k + 1] & 1 != 0 && (v > last[y] || self.masks[y + 1] & 1 == 0) {
                y = k;
            }
        }
        path.resize(len, 0);
        for k in (1..len).rev() {
            path[k] = y as u8;
            let prev = &lattice[(k - 1) * c..k * c];
            let at = rows[k] + c + self.offset[y];
            let n = self.count[y];
            let col = table.get(at..at + n).unwrap_or(&[]);
            let mut best = (0u8, i32::MIN);
            for (&p, &t) in self.before[y][..n].iter().zip(col) {
                let v = prev.get(p as usize).map_or(NEVER, |&d| d + t);
                if v > best.1 {
                    best = (p, v);
                }
            }
            y = best.0 as usize;
        }
        path[0] = y as u8;
    }
}

/// Decoder bounds: scores are capped at `SCORE_CAP` (far above any real
/// one), a disallowed transition scores `NEVER`, and shifted lattice scores
/// stop at `FLOOR`; sums of the three stay inside `i32`.
const SCORE_CAP: i32 = 1 << 24;
const NEVER: i32 = -(1 << 28);
const FLOOR: i32 = -(1 << 29);

/// A training document: words, segment starts and gold mentions
/// `(start, end, kind index into KINDS)`.
#[derive(Clone, Debug, Default)]
pub struct TrainDoc {
    pub words: Vec<String>,
    pub seg_starts: Vec<bool>,
    pub spans: Vec<(usize, usize, u8)>,
}

#[derive(Clone, Debug)]
pub struct TrainConfig {
    pub scheme: Scheme,
    pub epochs: usize,
    /// Features seen fewer times than this (under gold labels) are never learnt.
    pub min_count: u32,
    pub seed: u64,
}

/// Trains a tagger; `log` hears one line per epoch. Deterministic: the
/// document order is shuffled by a fixed-seed generator.
pub fn train(docs: &[TrainDoc], cfg: &TrainConfig, log: &mut dyn FnMut(String)) -> Trainer {
    let scheme = cfg.scheme;
    let mut tagger = Tagger::new();
    let prepared: Vec<(Vec<&str>, Vec<u8>)> = docs
        .iter()
        .map(|d| {
            (
                d.words.iter().map(String::as_str).collect(),
                scheme.encode(d.words.len(), &d.spans),
            )
        })
        .collect();
    let allowed = if cfg.min_count > 1 {
        let mut counts = Counts::default();
        for (d, (words, gold)) in docs.iter().zip(&prepared) {
            tagger.count_features(scheme, words, &d.seg_starts, gold, &mut counts);
        }
        let total = counts.len();
        let set: IdSet = counts
            .into_iter()
            .filter(|&(_, c)| c >= cfg.min_count)
            .map(|(f, _)| (f, ()))
            .collect();
        log(format!(
            "features: {total} seen, {} seen at least {} times",
            set.len(),
            cfg.min_count
        ));
        Some(set)
    } else {
        None
    };
    let mut trainer = Trainer::new(scheme.classes());
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = cfg.seed | 1;
    let tokens: usize = docs.iter().map(|d| d.words.len()).sum();
    for epoch in 0..cfg.epochs {
        // Fisher–Yates with xorshift64.
        for k in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(k, (rng % (k as u64 + 1)) as usize);
        }
        let mut right = 0;
        for &d in &order {
            let (words, gold) = &prepared[d];
            right += tagger.train_doc(
                &mut trainer,
                scheme,
                words,
                &docs[d].seg_starts,
                gold,
                allowed.as_ref(),
            );
        }
        log(format!(
            "epoch {}: {:.2}% of {tokens} training tokens right",
            epoch + 1,
            100.0 * right as f64 / tokens.max(1) as f64
        ));
    }
    trainer.average();
    trainer
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spelt-out BILOU step decodes exactly as the generic loop, on
    /// made-up scores (large ones included).
    #[test]
    fn bilou_step_matches_generic_viterbi() {
        let fast = Constraints::new(Scheme::Bilou);
        assert!(fast.bilou);
        let slow = Constraints {
            bilou: false,
            ..Constraints::new(Scheme::Bilou)
        };
        let (c, w) = (fast.classes, fast.width());
        let mut x: u32 = 12345;
        let mut next = |scale: i32| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            ((x >> 8) as i32 % (2 * scale + 1)) - scale
        };
        for round in 0..200 {
            let len = 1 + round % 23;
            let scale = if round % 5 == 0 { SCORE_CAP } else { 1000 };
            let base: Vec<i32> = (0..len * c).map(|_| next(scale)).collect();
            let table: Vec<i32> = (0..len * w).map(|_| next(scale)).collect();
            let rows: Vec<usize> = (0..len).map(|k| k * w).collect();
            let (mut la, mut pa, mut lb, mut pb) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            fast.viterbi(&base, &table, &rows, &mut la, &mut pa);
            slow.viterbi(&base, &table, &rows, &mut lb, &mut pb);
            assert_eq!((la, pa), (lb, pb), "round {round}");
        }
    }

    /// Made-up training documents: the text lines of the project's cases
    /// files, tokenised by the pipeline, 40 lines a document (a line and a
    /// full stop start a segment), their capitalised runs as mentions of a
    /// type picked by their length.
    fn made_up_docs() -> Vec<TrainDoc> {
        let cases = [
            include_str!("../../tests/entities_cases.txt"),
            include_str!("../../tests/events_cases.txt"),
            include_str!("../../tests/timex_cases.txt"),
            include_str!("../../benches/tagger_story.txt"),
        ];
        let lines: Vec<&str> = cases
            .iter()
            .flat_map(|c| c.lines())
            .filter(|l| !l.is_empty() && !l.starts_with(['#', '=', '-']))
            .collect();
        let mut docs = Vec::new();
        for chunk in lines.chunks(40) {
            let (mut words, mut seg) = (Vec::new(), Vec::new());
            for line in chunk {
                for (k, t) in crate::text::tokenize(line).iter().enumerate() {
                    let w = &line[t.span.range()];
                    seg.push(k == 0 || words.last().is_some_and(|p: &String| p == "."));
                    words.push(w.to_string());
                }
            }
            let cap = |w: &String| w.chars().next().is_some_and(char::is_uppercase);
            let mut spans = Vec::new();
            let mut i = 0;
            while i < words.len() {
                if cap(&words[i]) && !seg[i] {
                    let s = i;
                    while i < words.len() && cap(&words[i]) && (i == s || !seg[i]) {
                        i += 1;
                    }
                    spans.push((s, i, ((i - s + words[s].len()) % 4) as u8));
                } else {
                    i += 1;
                }
            }
            docs.push(TrainDoc {
                words,
                seg_starts: seg,
                spans,
            });
        }
        docs
    }

    /// Labels by scoring every feature of [`Tagger::features`] and
    /// [`Tagger::label_features`] as training does (no cache), checking
    /// on the way that the inference caches give each token the same scores.
    fn reference_tag(model: &Model, words: &[&str], seg: &[bool]) -> Vec<u8> {
        let scheme = Scheme::from_classes(model.classes()).unwrap();
        let c = scheme.classes();
        let rules = Constraints::new(scheme);
        let mut tg = Tagger::new();
        tg.prepare(words, seg);
        let (mut feats, mut scores) = (Vec::new(), vec![0; c]);
        tg.reset_caches(model, c, &mut feats, &mut scores);
        let p1 = p1_table(model, &mut feats, &mut scores);
        let (mut all, mut lf, mut want, mut raw) = (Vec::new(), Vec::new(), vec![0; c], Vec::new());
        let mut out = Vec::new();
        let mut start = 0;
        while start < words.len() {
            let end = tg.toks[start].hi as usize;
            let (mut base, mut table, mut rows) = (Vec::new(), Vec::new(), Vec::new());
            for i in start..end {
                tg.features(words, i, FeatureSet::All, &mut all);
                model.scores(&all, &mut want);
                let mut acc = vec![0; c];
                tg.word_part(model, words, i, &mut feats, &mut scores, &mut acc);
                tg.add_context_scores(model, i, &mut feats, &mut scores, &mut acc);
                assert_eq!(acc, want, "token {i} {:?}", words[i]);
                base.extend_from_slice(&want);
                raw.clear();
                for p in 0..=c {
                    tg.label_features(i, if p == 0 { 255 } else { p as u32 - 1 }, &mut lf);
                    model.scores(&lf, &mut want);
                    raw.extend_from_slice(&want);
                }
                rows.push(table.len());
                rules.layout(&raw, &mut table);
                let label = tg.word_label_scores(model, &rules, &p1, i, &mut feats, &mut scores);
                let width = rules.width();
                assert_eq!(
                    tg.label_scores[label..label + width],
                    table[table.len() - width..]
                );
            }
            let (mut lattice, mut path) = (Vec::new(), Vec::new());
            rules.viterbi(&base, &table, &rows, &mut lattice, &mut path);
            for (k, &l) in path.iter().enumerate() {
                out.push(l);
                tg.record(start + k, scheme.kind_of(l));
            }
            start = end;
        }
        out
    }

    /// A model trained on `docs` keeping every feature.
    fn trained(docs: &[TrainDoc], scheme: Scheme, epochs: usize, seed: u64) -> Trainer {
        let cfg = TrainConfig { scheme, epochs, min_count: 1, seed };
        train(docs, &cfg, &mut |_| {})
    }

    /// The inference caches change no score and no label, for the shipped
    /// model and for models trained here under both schemes (so every
    /// feature template has weights).
    #[test]
    fn cached_scores_equal_every_feature_scored() {
        let docs = made_up_docs();
        let mut models = Vec::new();
        for scheme in [Scheme::Bio, Scheme::Bilou] {
            let trainer = trained(&docs, scheme, 3, 11);
            models.push(Model::from_bytes(&trainer.to_bytes_packed(0.0)).unwrap());
        }
        let shipped = super::super::model();
        let mut tagger = Tagger::new();
        for model in models.iter().chain(shipped) {
            for d in &docs {
                let words: Vec<&str> = d.words.iter().map(String::as_str).collect();
                let want = reference_tag(model, &words, &d.seg_starts);
                assert_eq!(tagger.tag(model, &words, &d.seg_starts), &want[..]);
            }
            // More short shapes than runs get numbers for ("A-1-a-…").
            let many: Vec<String> = (0..4500u32)
                .map(|i| {
                    let mut n = i;
                    let mut w = String::new();
                    for _ in 0..8 {
                        w.push_str(["A-", "a-", "1-"][(n % 3) as usize]);
                        n /= 3;
                    }
                    w
                })
                .collect();
            let words: Vec<&str> = many.iter().map(String::as_str).collect();
            let seg: Vec<bool> = (0..words.len()).map(|i| i % 9 == 0).collect();
            let want = reference_tag(model, &words, &seg);
            assert_eq!(tagger.tag(model, &words, &seg), &want[..]);
            assert!(tagger.toks.iter().any(|t| t.sid == SID_NONE));
            let all: Vec<&str> = docs
                .iter()
                .flat_map(|d| d.words.iter().map(String::as_str))
                .collect();
            let seg: Vec<bool> = docs
                .iter()
                .flat_map(|d| d.seg_starts.iter().copied())
                .collect();
            let want = reference_tag(model, &all, &seg);
            assert_eq!(tagger.tag(model, &all, &seg), &want[..]);
        }
    }

    /// The layout read through `src` equals the one spelt out, for both
    /// schemes, on raw scores of every length (short ones included).
    #[test]
    fn layout_by_table_matches_spelt_out() {
        for scheme in [Scheme::Bio, Scheme::Bilou] {
            let k = Constraints::new(scheme);
            let c = k.classes;
            for len in [0, 5, c * c, (c + 1) * c, (c + 1) * c + 3] {
                let raw: Vec<i32> = (0..len as i32)
                    .map(|i| (i * 7919 - 1000).wrapping_mul(if i % 3 == 0 { 1 << 20 } else { 1 }))
                    .collect();
                let (mut a, mut b) = (vec![1], vec![1]);
                k.layout(&raw, &mut a);
                k.layout_slow(&raw, &mut b);
                assert_eq!(a, b, "{scheme:?} {len}");
            }
        }
    }

    #[test]
    fn schemes_round_trip_spans() {
        let spans = vec![(0, 2, 0), (2, 3, 1), (5, 8, 3)];
        let seg = vec![false; 9];
        for scheme in [Scheme::Bio, Scheme::Bilou] {
            let labels = scheme.encode(9, &spans);
            assert_eq!(scheme.decode(&labels, &seg), spans, "{scheme:?}");
            let mut prev = None;
            for &l in &labels {
                assert!(scheme.allowed(prev, l), "{scheme:?} {labels:?}");
                prev = Some(l);
            }
        }
    }

    #[test]
    fn word_hash_fast_path_equals_char_by_char() {
        let long = "A".repeat(64);
        let longer = "aB`".repeat(22);
        for w in [
            "",
            "Putin",
            "PUTIN",
            "U.S.",
            "`quoted'",
            "rock`n`roll",
            "x-1,000",
            &long,
            &longer,
            "Straße",
            "Putin’s",
            "ÉCOLE",
        ] {
            for lower in [false, true] {
                for template in [t::EXACT, t::LOWER] {
                    assert_eq!(
                        word_hash(template, w, lower),
                        word_hash_chars(template, w, lower),
                        "{w:?} {lower}"
                    );
                }
            }
        }
    }

    #[test]
    fn shapes_and_flags() {
        assert_eq!(shapes("Putin").1, shapes("Obama").1);
        assert_ne!(shapes("Putin").0, shapes("PUTIN").0);
        assert_eq!(shapes("U.S.").0, shapes("F.B.").0);
        assert!(token_flags("Russian").0 & IS_DEMONYM != 0);
        assert!(token_flags("V.").0 & INITIAL != 0);
        assert!(token_flags("President").0 & IS_TITLE != 0);
        assert_eq!(
            word_hash(1, "Putin’s", true),
            word_hash(1, "putin's", false)
        );
    }

    #[test]
    fn learns_a_toy_corpus() {
        let doc = |s: &str, spans: Vec<(usize, usize, u8)>| {
            let words: Vec<String> = s.split(' ').map(String::from).collect();
            let mut seg = vec![false; words.len()];
            seg[0] = true;
            TrainDoc {
                words,
                seg_starts: seg,
                spans,
            }
        };
        let docs = vec![
            doc("Smith went to Paris .", vec![(0, 1, 0), (3, 4, 1)]),
            doc("John Smith visited London .", vec![(0, 2, 0), (3, 4, 1)]),
            doc("The Acme Corp said .", vec![(1, 3, 2)]),
        ];
        for scheme in [Scheme::Bio, Scheme::Bilou] {
            let model = Model::from_bytes(&trained(&docs, scheme, 10, 7).to_bytes(0.0)).unwrap();
            let mut tagger = Tagger::new();
            let words = ["John", "Smith", "went", "to", "London", "."];
            let labels = tagger
                .tag(&model, &words, &[true, false, false, false, false, false])
                .to_vec();
            assert_eq!(
                scheme.decode(&labels, &[true, false, false, false, false, false]),
                vec![(0, 2, 0), (4, 5, 1)]
            );
        }
    }
}
