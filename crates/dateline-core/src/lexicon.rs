//! The compact word list every stage consults: word frequency ranks, place
//! and person-name gazetteers, and coarse part-of-speech and entity priors,
//! in one `fst::Map` from lower-case key to packed flags.
//!
//! Built by `cargo xtask lexicons` from `../shared/data` and committed as
//! `data/lexicon.fst`, so the build itself never needs the corpora.

use std::sync::OnceLock;

static LEXICON_BYTES: &[u8] = include_bytes!("../data/lexicon.fst");

/// The lexicon, decoded once (an fst needs no decoding: this only checks the header).
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::from_bytes(LEXICON_BYTES))
}

/// A read-only map from lower-case word (or multi-word name, words joined by
/// one space) to its [`Entry`].
pub struct Lexicon {
    map: Option<fst::Map<&'static [u8]>>,
}

impl Lexicon {
    /// Reads a lexicon; bad bytes give an empty lexicon rather than a panic.
    pub fn from_bytes(bytes: &'static [u8]) -> Lexicon {
        Lexicon { map: fst::Map::new(bytes).ok() }
    }

    /// Looks up a key that is already lower-case.
    pub fn get_lower(&self, key: &str) -> Option<Entry> {
        self.map.as_ref()?.get(key).map(Entry)
    }

    /// Looks up any word, lower-casing it first (no allocation for short ASCII words).
    pub fn get(&self, word: &str) -> Option<Entry> {
        if !word.chars().any(char::is_uppercase) {
            return self.get_lower(word);
        }
        let mut buf = [0u8; 48];
        if word.is_ascii() && word.len() <= buf.len() {
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            return self.get_lower(std::str::from_utf8(lower).unwrap_or(""));
        }
        self.get_lower(&word.to_lowercase())
    }

    pub fn len(&self) -> usize {
        self.map.as_ref().map_or(0, |m| m.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Packed facts about one key. Layout (shared with `xtask/src/lexicons.rs`):
/// bits 0–7 flags, 8–11 [`Pos`], 12–14 [`NePrior`], 16–23 frequency rank
/// bucket (`1 + round(4·log2(rank))`, 0 = unranked).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry(pub u64);

impl Entry {
    pub const WORD: u64 = 1;
    pub const PLACE: u64 = 2;
    pub const COUNTRY: u64 = 4;
    pub const FIRST_NAME: u64 = 8;
    pub const SURNAME: u64 = 16;
    /// Written capitalised mid-sentence more often than not (news corpus).
    pub const CAPITALISED: u64 = 32;
    /// Seen in the news corpus at all (its POS and NE prior are meaningful).
    pub const IN_CORPUS: u64 = 64;

    pub const fn has(self, flag: u64) -> bool {
        self.0 & flag != 0
    }
    /// Approximate frequency rank among English words (1 = most frequent,
    /// within a factor of 2^⅛); `None` if unranked.
    pub fn rank(self) -> Option<u32> {
        let bucket = (self.0 >> 16) & 0xFF;
        (bucket > 0).then(|| 2f64.powf((bucket - 1) as f64 / 4.0).round() as u32)
    }
    pub fn pos(self) -> Pos {
        Pos::from_code(((self.0 >> 8) & 0xF) as u8)
    }
    pub fn ne_prior(self) -> NePrior {
        NePrior::from_code(((self.0 >> 12) & 0x7) as u8)
    }
    /// Packs an entry (used by the lexicon builder and tests).
    pub fn pack(flags: u64, pos: Pos, ne: NePrior, rank: u32) -> Entry {
        let bucket = if rank == 0 { 0 } else { 1 + ((rank as f64).log2() * 4.0).round() as u64 };
        Entry(flags & 0xFF | (pos as u64) << 8 | (ne as u64) << 12 | bucket << 16)
    }
}

/// The most frequent coarse part of speech of a word in the news corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Pos {
    Unknown = 0,
    Noun = 1,
    ProperNoun = 2,
    VerbPast = 3,
    VerbParticiple = 4,
    VerbGerund = 5,
    VerbPresent = 6,
    Modal = 7,
    Adjective = 8,
    Adverb = 9,
    Function = 10,
    Number = 11,
}

impl Pos {
    pub const fn from_code(code: u8) -> Pos {
        match code {
            1 => Pos::Noun,
            2 => Pos::ProperNoun,
            3 => Pos::VerbPast,
            4 => Pos::VerbParticiple,
            5 => Pos::VerbGerund,
            6 => Pos::VerbPresent,
            7 => Pos::Modal,
            8 => Pos::Adjective,
            9 => Pos::Adverb,
            10 => Pos::Function,
            11 => Pos::Number,
            _ => Pos::Unknown,
        }
    }
    /// Maps a Penn Treebank tag to its coarse class.
    pub fn from_ptb(tag: &str) -> Pos {
        match tag {
            "NN" | "NNS" => Pos::Noun,
            "NNP" | "NNPS" => Pos::ProperNoun,
            "VBD" => Pos::VerbPast,
            "VBN" => Pos::VerbParticiple,
            "VBG" => Pos::VerbGerund,
            "VB" | "VBP" | "VBZ" => Pos::VerbPresent,
            "MD" => Pos::Modal,
            "JJ" | "JJR" | "JJS" => Pos::Adjective,
            "RB" | "RBR" | "RBS" | "WRB" => Pos::Adverb,
            "CD" => Pos::Number,
            "IN" | "TO" | "DT" | "CC" | "PRP" | "PRP$" | "WDT" | "WP" | "WP$" | "EX" | "PDT" | "POS" | "RP" => Pos::Function,
            _ => Pos::Unknown,
        }
    }
    pub const fn is_verb(self) -> bool {
        matches!(self, Pos::VerbPast | Pos::VerbParticiple | Pos::VerbGerund | Pos::VerbPresent)
    }
}

/// The entity type a word most often carries in the news corpus, if it is
/// inside an entity more often than not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum NePrior {
    None = 0,
    Person = 1,
    Location = 2,
    Organization = 3,
    Misc = 4,
}

impl NePrior {
    pub const fn from_code(code: u8) -> NePrior {
        match code {
            1 => NePrior::Person,
            2 => NePrior::Location,
            3 => NePrior::Organization,
            4 => NePrior::Misc,
            _ => NePrior::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_packs_and_unpacks() {
        let e = Entry::pack(Entry::WORD | Entry::PLACE, Pos::ProperNoun, NePrior::Location, 1234);
        assert!(e.has(Entry::PLACE) && !e.has(Entry::SURNAME));
        assert_eq!(e.pos(), Pos::ProperNoun);
        assert_eq!(e.ne_prior(), NePrior::Location);
        assert!((1100..1400).contains(&e.rank().unwrap()));
    }

    #[test]
    fn committed_lexicon_knows_common_words_and_places() {
        let lex = lexicon();
        assert!(lex.len() > 10_000, "lexicon has {} keys", lex.len());
        let the = lex.get("The").expect("'the' is in the lexicon");
        assert_eq!(the.rank(), Some(1));
        assert!(lex.get("russia").unwrap().has(Entry::COUNTRY));
        assert!(lex.get("new york").unwrap().has(Entry::PLACE));
        assert!(lex.get("john").unwrap().has(Entry::FIRST_NAME));
        assert!(lex.get("said").unwrap().pos().is_verb());
        assert!(lex.get("tsarnaev").is_none());
    }
}
