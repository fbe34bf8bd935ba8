//! The compact word list every stage consults: word frequency ranks, place
//! and person-name gazetteers, and coarse part-of-speech and entity priors,
//! a map from lower-case key to packed flags.
//!
//! Built by `cargo xtask lexicons` from `../shared/data` and committed as
//! `data/lexicon.bin`, so the build itself never needs the corpora. The file
//! is laid out for the page's gzip (see [`encode`]): front-coded keys and a
//! column of value numbers take 149 KB gzip where an `fst::Map` of the same
//! entries took 286 KB (its per-transition outputs defeat suffix sharing, and
//! its bytes hardly compress). It is read once into a hash table.

use std::sync::OnceLock;

static LEXICON_BYTES: &[u8] = include_bytes!("../data/lexicon.bin");

/// The lexicon, decoded once.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::from_bytes(LEXICON_BYTES))
}

/// A read-only map from lower-case word (or multi-word name, words joined by
/// one space) to its [`Entry`]: every key in one buffer, and an
/// open-addressing table (at most half full) from key hash to key number.
pub struct Lexicon {
    /// The keys, concatenated in sorted order.
    text: Vec<u8>,
    /// Key `i` ends at `ends[i]` (and starts where key `i - 1` ends).
    ends: Vec<u32>,
    values: Vec<u32>,
    /// Slot → `[key hash, key number]`; [`EMPTY`] marks a free slot.
    slots: Vec<[u32; 2]>,
    mask: usize,
}

const MAGIC: &[u8; 4] = b"DLX1";
const EMPTY: u32 = u32::MAX;
/// A key byte below this is a drop count (see [`encode`]); keys have none.
const KEY_BYTE_MIN: u8 = 0x20;
/// A drop count this large or larger takes a second byte.
const LONG_DROP: u8 = 0x1F;

/// FNV-1a over the key, then a final mix so that nearby keys spread over the
/// table (also the hash of the time rules' word lists).
pub(crate) fn word_hash(key: &[u8]) -> u32 {
    let mut h = 0x811c_9dc5u32;
    for &b in key {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    h ^= h >> 16;
    h = h.wrapping_mul(0x7feb_352d);
    h ^ (h >> 15)
}

impl Lexicon {
    /// Reads a lexicon; bad bytes give an empty lexicon rather than a panic.
    pub fn from_bytes(bytes: &[u8]) -> Lexicon {
        Lexicon::decode(bytes).unwrap_or_else(|| Lexicon::build(Vec::new(), Vec::new(), Vec::new()))
    }

    fn decode(bytes: &[u8]) -> Option<Lexicon> {
        let u32_at = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at.checked_add(4)?)?.try_into().ok()?) as usize);
        if bytes.get(..4)? != MAGIC {
            return None;
        }
        let (count, table_len, keys_len) = (u32_at(4)?, u32_at(8)?, u32_at(12)?);
        let table_at: usize = 16;
        let numbers_at = table_at.checked_add(table_len.checked_mul(4)?)?;
        let table = bytes.get(table_at..numbers_at)?;
        let keys_at = numbers_at.checked_add(bytes.get(numbers_at..)?.len().checked_sub(keys_len)?)?;
        let mut numbers = bytes.get(numbers_at..keys_at)?.iter();
        let keys = bytes.get(keys_at..)?;
        if count > keys.len() {
            return None;
        }
        let mut values = Vec::with_capacity(count);
        for _ in 0..count {
            let mut n = 0usize;
            for shift in (0..21).step_by(7) {
                let b = *numbers.next()?;
                n |= ((b & 0x7F) as usize) << shift;
                if b < 0x80 {
                    break;
                }
            }
            let v = table.get(n.checked_mul(4)?..)?.get(..4)?;
            values.push(u32::from_le_bytes(v.try_into().ok()?));
        }
        // Each key: its drop count (bytes to take off the end of the
        // previous key), then the bytes it adds.
        let mut text: Vec<u8> = Vec::with_capacity(keys.len() * 3 / 2);
        let mut ends = Vec::with_capacity(count);
        let mut start = 0;
        let mut at = 0;
        while at < keys.len() {
            let mut drop = keys[at] as usize;
            at += 1;
            if drop == LONG_DROP as usize {
                drop += *keys.get(at)? as usize;
                at += 1;
            }
            let previous = text.get(start..)?;
            let keep = previous.len().checked_sub(drop)?;
            let added = keys.get(at..)?.iter().take_while(|&&b| b >= KEY_BYTE_MIN).count();
            text.extend_from_within(start..start + keep);
            start = text.len() - keep;
            text.extend_from_slice(keys.get(at..at + added)?);
            at += added;
            ends.push(u32::try_from(text.len()).ok()?);
        }
        (ends.len() == count).then(|| Lexicon::build(text, ends, values))
    }

    fn build(text: Vec<u8>, ends: Vec<u32>, values: Vec<u32>) -> Lexicon {
        let size = (ends.len() * 2).next_power_of_two().max(16);
        let mut lexicon = Lexicon { text, ends, values, slots: vec![[EMPTY, EMPTY]; size], mask: size - 1 };
        for i in 0..lexicon.ends.len() {
            let h = word_hash(lexicon.key(i));
            let mut slot = h as usize & lexicon.mask;
            while lexicon.slots[slot][1] != EMPTY {
                slot = (slot + 1) & lexicon.mask;
            }
            lexicon.slots[slot] = [h, i as u32];
        }
        lexicon
    }

    /// Key number `i` (empty if out of range).
    fn key(&self, i: usize) -> &[u8] {
        let start = i.checked_sub(1).and_then(|j| self.ends.get(j)).map_or(0, |&s| s as usize);
        let end = self.ends.get(i).map_or(0, |&e| e as usize);
        self.text.get(start..end).unwrap_or_default()
    }

    /// Looks up a key that is already lower-case.
    pub fn get_lower(&self, key: &str) -> Option<Entry> {
        let key = key.as_bytes();
        let h = word_hash(key);
        let mut slot = h as usize & self.mask;
        loop {
            let [sh, i] = *self.slots.get(slot)?;
            if i == EMPTY {
                return None;
            }
            if sh == h && self.key(i as usize) == key {
                return self.values.get(i as usize).map(|&v| Entry(v as u64));
            }
            slot = (slot + 1) & self.mask;
        }
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
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Writes a lexicon for [`Lexicon::from_bytes`] (the builder's half; keys
/// sorted, no repeats, no byte below 0x20, values below 2^32).
///
/// Layout (little-endian): magic `DLX1`; key count, value-table length and
/// key-section length (u32 each); the table of distinct values (u32 each,
/// most frequent first, ties by value); per key, its value's number in the
/// table (LEB128); then the key section: per key, how many bytes to drop off
/// the end of the previous key (one byte, or 0x1F and a second byte adding
/// to it), then the bytes that follow. The drop count doubles as the end of
/// the previous key (key bytes are all 0x20 or above), and gzip finds more
/// repeats in these runs than in an fst's transitions.
pub fn encode<'a>(entries: impl IntoIterator<Item = (&'a str, Entry)>) -> Result<Vec<u8>, String> {
    let entries: Vec<(&[u8], u32)> = entries
        .into_iter()
        .map(|(k, e)| u32::try_from(e.0).map(|v| (k.as_bytes(), v)).map_err(|_| format!("{k:?}: value {} above 32 bits", e.0)))
        .collect::<Result<_, _>>()?;
    let mut counts = std::collections::BTreeMap::<u32, usize>::new();
    for &(_, v) in &entries {
        *counts.entry(v).or_default() += 1;
    }
    let mut table: Vec<(usize, u32)> = counts.into_iter().map(|(v, n)| (n, v)).collect();
    table.sort_by_key(|&(n, v)| (std::cmp::Reverse(n), v));
    let number: std::collections::BTreeMap<u32, usize> = table.iter().enumerate().map(|(i, &(_, v))| (v, i)).collect();
    let mut numbers = Vec::new();
    let mut keys = Vec::new();
    let mut previous: &[u8] = &[];
    for &(key, v) in &entries {
        if key <= previous && !keys.is_empty() {
            return Err(format!("{:?}: keys out of order or repeated", String::from_utf8_lossy(key)));
        }
        if key.iter().any(|&b| b < KEY_BYTE_MIN) {
            return Err(format!("{:?}: control byte in key", String::from_utf8_lossy(key)));
        }
        let mut n = number.get(&v).copied().unwrap_or(0);
        while n >= 0x80 {
            numbers.push(n as u8 | 0x80);
            n >>= 7;
        }
        numbers.push(n as u8);
        let common = previous.iter().zip(key).take_while(|(a, b)| a == b).count();
        let drop = previous.len() - common;
        if drop < LONG_DROP as usize {
            keys.push(drop as u8);
        } else {
            let extra = u8::try_from(drop - LONG_DROP as usize).map_err(|_| "key longer than 286 bytes".to_string())?;
            keys.extend([LONG_DROP, extra]);
        }
        keys.extend_from_slice(&key[common..]);
        previous = key;
    }
    let mut out = MAGIC.to_vec();
    for n in [entries.len(), table.len(), keys.len()] {
        out.extend_from_slice(&u32::try_from(n).map_err(|_| "lexicon too large")?.to_le_bytes());
    }
    for (_, v) in table {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&numbers);
    out.extend_from_slice(&keys);
    Ok(out)
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
    fn encoded_entries_read_back_and_nothing_else() {
        let long = "x".repeat(40);
        let keys = ["", "a", "ab", "abc", "abd", "b", "new york", "x", &long, "xy", "zürich"];
        let entries: Vec<(&str, Entry)> = keys.iter().enumerate().map(|(i, &k)| (k, Entry(i as u64 % 3 * 65537))).collect();
        let bytes = encode(entries.iter().copied()).unwrap();
        let lex = Lexicon::from_bytes(&bytes);
        assert_eq!(lex.len(), keys.len());
        for (k, e) in entries {
            assert_eq!(lex.get_lower(k), Some(e), "{k:?}");
        }
        for absent in ["abcd", "aa", "new", "x ", "xx", "zur", "c"] {
            assert_eq!(lex.get_lower(absent), None, "{absent:?}");
        }
        // Bad input is refused, never read as something else or a panic.
        assert!(encode([("b", Entry(1)), ("a", Entry(1))]).is_err());
        assert!(encode([("a", Entry(1)), ("a", Entry(2))]).is_err());
        assert!(encode([("a\tb", Entry(1))]).is_err());
        assert!(encode([("a", Entry(1 << 40))]).is_err());
        for cut in 0..bytes.len() {
            let _ = Lexicon::from_bytes(&bytes[..cut]).get_lower("abc");
            let mut flipped = bytes.clone();
            flipped[cut] ^= 0xA5;
            let _ = Lexicon::from_bytes(&flipped).get_lower("abc");
        }
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
