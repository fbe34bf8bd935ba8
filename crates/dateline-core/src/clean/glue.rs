//! Glued words: scraping that drops the spaces around a linked name leaves
//! "thatRussiahad", "atNew YorkUniversity", "theBostonbombing". A
//! case-aware segmenter over the lexicon puts the spaces back.
//!
//! Two cues, each checked against the lexicon so real mixed-case words
//! (iPhone, McDonald, YouTube) and names it lacks (Tsarnaev) stay whole:
//! - a lower→upper change inside a letter run ("that|Russia", "York|University");
//! - a capitalised run the lexicon does not know, made of a known name and a
//!   common lower-case word ("Russia|had", "Boston|bombing").

use crate::document::{RepairKind, Span};
use crate::lexicon::{lexicon, Entry, Lexicon, Pos};
use crate::offsets::Edit;

/// Genuine mixed-case words and brands that must never split, though their
/// parts are words ("You|Tube", "Play|Station").
const CAMEL_WORDS: &[&str] = &[
    "AirBnB", "AltaVista", "AmeriCorps", "AstraZeneca", "BankAmerica", "BlackBerry", "BlackRock", "BuzzFeed",
    "ByteDance", "CalPERS", "CenturyLink", "CinemaScope", "CompuServe", "ConocoPhillips", "DaimlerChrysler",
    "DeepMind", "DreamWorks", "DropBox", "ExxonMobil", "FaceTime", "FedEx", "FirstEnergy", "GeoCities",
    "GlaxoSmithKline", "GoPro", "HarperCollins", "HuffPost", "HubSpot", "InBev", "JavaScript", "JetBlue",
    "KitKat", "LinkedIn", "LiveJournal", "MacBook", "MasterCard", "MasterChef", "MediaTek", "MySpace", "OnStar",
    "OutKast", "OxyContin", "PayPal", "PeopleSoft", "PepsiCo", "PetroChina", "PlayStation", "PolitiFact",
    "PowerBall", "PowerPoint", "PowerShell", "PricewaterhouseCoopers", "RealNetworks", "SanDisk", "SeaWorld",
    "ShopRite", "SmackDown", "SmithKline", "SoftBank", "SoundCloud", "SpongeBob", "SquarePants", "StarCraft",
    "StubHub", "SunTrust", "TheStreet", "TikTok", "TripAdvisor", "TypeScript", "WarCraft", "WeChat",
    "WhatsApp", "WikiLeaks", "WorldCom", "WrestleMania", "YouGov", "YouTube", "easyJet", "eBay", "eHarmony",
    "iCloud", "iPad", "iPhone", "iPod", "iTunes", "macOS",
];

/// Capitalised prefixes of surnames that are words or names in their own
/// right: "Mc|Donald", "Le|Bron", "Van|der…" never split after them.
const NAME_PREFIXES: &[&str] = &[
    "abu", "al", "ben", "bin", "da", "de", "del", "della", "des", "di", "du", "el", "fitz", "ibn", "la", "le", "mac",
    "mc", "o", "st", "ten", "ter", "van", "vanden", "vander", "ver", "von",
];

/// Lower-case endings that make names and derived words rather than a next
/// word: "Peter|son", "Jackson|ville", "Paris|ian".
const NAME_SUFFIXES: &[&str] = &[
    "al", "berg", "berry", "borough", "burg", "burgh", "bury", "dale", "ese", "field", "fields", "ford", "ful",
    "gate", "ham", "hill", "hills", "ia", "ian", "ians", "ic", "ics", "ing", "ings", "ish", "ism", "ist", "ists",
    "ite", "ites", "land", "lands", "less", "ley", "ly", "man", "men", "mont", "ness", "port", "sen", "shire", "son",
    "sons", "stan", "stein", "ton", "town", "ville", "well", "wood", "woods", "worth",
];

/// Words that follow a name in news and almost never end one: the only
/// words split off a capitalised run that is not a known name
/// ("Geraghty|said", "Such|had").
const NEXT_WORDS: &[&str] = &[
    "after", "also", "could", "did", "had", "has", "have", "said", "says", "should", "told", "was", "were", "when",
    "which", "who", "will", "with", "would", "from",
];

/// Words that follow a name and end only unknown ones ("Ferdin|and",
/// "Forsy|the"): split off known names and words only.
const NEXT_WORDS_AFTER_KNOWN: &[&str] = &["and", "are", "but", "for", "the", "won"];

/// The two-letter words that may follow a glued name ("Russia|in").
const TWO_LETTER_WORDS: &[&str] = &["as", "at", "by", "in", "is", "of", "on", "or", "to"];

/// A lower-case word left of a glue point must be at least this common.
const MAX_LEFT_RANK: u32 = 40_000;
/// A lower-case word split off a capitalised run must be this common.
const MAX_SUFFIX_RANK: u32 = 20_000;
/// A suffix of three letters or fewer must be this common.
const MAX_SHORT_SUFFIX_RANK: u32 = 1_000;
/// A word capitalised in news more often than not is a name, not a next
/// word ("Mary"), unless it is this common ("may", "will").
const MAX_CAPITALISED_SUFFIX_RANK: u32 = 300;
/// Rank assumed for names the word list does not rank.
const UNRANKED: u32 = 40_000;
/// Extra cost (in bits) of a split whose left part is not a known name.
const WEAK_PREFIX_PENALTY: f64 = 4.0;

const NAMEISH: u64 = Entry::PLACE | Entry::COUNTRY | Entry::CAPITALISED | Entry::FIRST_NAME | Entry::SURNAME;

pub(super) fn split_glued_words(text: &str, edits: &mut Vec<Edit<RepairKind>>) {
    let lex = lexicon();
    let mut splits = Vec::new();
    // The capitalised word before the current run, for multi-word names ("United|States").
    let mut previous: Option<(usize, &str)> = None;
    for (start, run) in LetterRuns::new(text) {
        let context = previous.filter(|&(end, _)| text.get(end..start) == Some(" ")).map(|(_, w)| w);
        splits.clear();
        if !in_address(text, start, start + run.len()) {
            split_run(lex, run, context, &mut splits);
        }
        for &at in &splits {
            edits.push(Edit { range: Span::new(start + at, start + at), replacement: " ".into(), kind: RepairKind::Glue });
        }
        let last_piece = splits.last().map_or(run, |&at| &run[at..]);
        let capital = last_piece.char_indices().rev().find(|(_, c)| c.is_uppercase()).map(|(i, _)| &last_piece[i..]);
        previous = capital.map(|w| (start + run.len(), w));
    }
}

/// Maximal runs of letters, with their byte offsets.
struct LetterRuns<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> LetterRuns<'a> {
    fn new(text: &'a str) -> Self {
        LetterRuns { text, at: 0 }
    }
}

impl<'a> Iterator for LetterRuns<'a> {
    type Item = (usize, &'a str);
    fn next(&mut self) -> Option<(usize, &'a str)> {
        let rest = &self.text[self.at..];
        let start = self.at + rest.find(char::is_alphabetic)?;
        let len = self.text[start..].find(|c: char| !c.is_alphabetic()).unwrap_or(self.text.len() - start);
        self.at = start + len;
        Some((start, &self.text[start..start + len]))
    }
}

/// Handles, hashtags, paths, e-mail and web addresses keep their case: "@BostonGlobe", "YouTube.com".
fn in_address(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let next = after.next();
    matches!(before, Some('@' | '#' | '/' | '\\' | '_' | '.'))
        || matches!(next, Some('@' | '/' | '\\' | '_'))
        || (next == Some('.') && after.next().is_some_and(|c| c.is_ascii_lowercase()))
}

/// Byte offsets inside `run` where a space belongs.
fn split_run(lex: &Lexicon, run: &str, context: Option<&str>, splits: &mut Vec<usize>) {
    let mut chars = run.chars();
    let Some(first) = chars.next() else { return };
    let inner_upper = chars.any(char::is_uppercase);
    if run.len() < 4 || (!first.is_uppercase() && !inner_upper) {
        return;
    }
    // Cue (a): lower→upper changes.
    let mut piece_start = 0;
    let mut pieces: [(usize, usize); 8] = [(0, 0); 8];
    let mut n_pieces = 0;
    if inner_upper {
        let mut prev_lower = false;
        for (i, c) in run.char_indices() {
            let upper = c.is_uppercase();
            if upper && prev_lower && n_pieces + 1 < pieces.len() && !protected(run, i) {
                let left = &run[piece_start..i];
                if camel_split_ok(lex, left, &run[i..]) {
                    pieces[n_pieces] = (piece_start, i);
                    n_pieces += 1;
                    piece_start = i;
                }
            }
            prev_lower = c.is_lowercase();
        }
    }
    pieces[n_pieces] = (piece_start, run.len());
    n_pieces += 1;
    // Cue (b) on each piece, then record the piece boundaries.
    let mut context = context;
    for &(s, e) in &pieces[..n_pieces] {
        if s > 0 {
            splits.push(s);
        }
        let piece = &run[s..e];
        if let Some(k) = capital_split(lex, piece, context) {
            splits.push(s + k);
        }
        context = Some(piece).filter(|p| p.starts_with(char::is_uppercase));
    }
}

/// Whether byte `i` of `run` falls inside a known mixed-case word.
fn protected(run: &str, i: usize) -> bool {
    CAMEL_WORDS.iter().any(|w| {
        let mut from = 0;
        while let Some(off) = run[from..].find(w) {
            let s = from + off;
            if s < i && i < s + w.len() {
                return true;
            }
            from = s + 1;
            while !run.is_char_boundary(from) {
                from += 1;
            }
        }
        false
    })
}

/// Cue (a): may a space go between `left` (the run so far) and `right`?
fn camel_split_ok(lex: &Lexicon, left: &str, right: &str) -> bool {
    // The right side must start a capitalised word: "Russia", "Mc…", not "OS" or "D".
    let right_word_len = right.char_indices().skip(1).find(|(_, c)| !c.is_lowercase()).map_or(right.len(), |(i, _)| i);
    let right_word = &right[..right_word_len];
    let right_lower = right_word.chars().count() - 1;
    if right_lower == 0 {
        return false;
    }
    let Some(left_first) = left.chars().next() else { return false };
    let left_chars = left.chars().count();
    if left_first.is_lowercase() {
        // "that|Russia", "a|Russian"; never "i|Phone", "e|Bay".
        if left_chars < 2 && left != "a" || left.chars().any(char::is_uppercase) {
            return false;
        }
        return match lex.get_lower(left) {
            Some(e) => e.has(Entry::WORD) && e.rank().is_some_and(|r| r <= MAX_LEFT_RANK),
            // A longer lower-case word the list lacks ("quell|Chechnya"): mixed-case
            // brands start with a letter or two ("iPhone", "eBay"), not a word.
            None => left_chars >= 4 && right_lower >= 2,
        };
    }
    // An upper-initial left: "The|Boston", "York|University"; never "Mc|Donald", "Le|Bron".
    if is_name_prefix(left) || right_lower < 2 {
        return false;
    }
    let Some(entry) = lex.get(left) else {
        // "Blackburnand|Southampton": the left is itself a name glued to a word.
        return capital_split(lex, left, None).is_some();
    };
    if entry.pos() == Pos::Function && left_chars >= 2 && entry.rank().is_some_and(|r| r <= 500) {
        return true;
    }
    // A place and a name: "York|University", "Boston|Marathon"; not brands
    // such as "Bell|South" or "Nations|Bank", nor "Mali|Vai".
    left_chars >= 3
        && entry.has(Entry::PLACE | Entry::COUNTRY)
        && (lex.get(right_word).is_some_and(|e| e.has(NAMEISH)) || capital_split(lex, right_word, Some(left)).is_some())
}

fn is_name_prefix(word: &str) -> bool {
    word.len() <= 6 && NAME_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// Cue (b): where an unknown capitalised piece splits into a known name and
/// a common lower-case word, choosing the likeliest split (lowest summed
/// log-rank, a Zipf cost).
fn capital_split(lex: &Lexicon, piece: &str, context: Option<&str>) -> Option<usize> {
    if !piece.starts_with(char::is_uppercase) || piece.len() < 5 {
        return None;
    }
    // The lower-case word must follow the last capital.
    let tail = piece.char_indices().rev().find(|(_, c)| c.is_uppercase()).map(|(i, c)| i + c.len_utf8())?;
    if tail >= piece.len() || !piece[tail..].chars().all(char::is_lowercase) {
        return None;
    }
    if CAMEL_WORDS.contains(&piece) || lex.get(piece).is_some() {
        return None;
    }
    let mut best: Option<(f64, usize)> = None;
    for (k, _) in piece.char_indices().skip(3) {
        if k < tail {
            continue;
        }
        let (prefix, suffix) = piece.split_at(k);
        let Some(cost) = split_cost(lex, prefix, suffix, context) else { continue };
        if best.is_none_or(|(c, _)| cost < c) {
            best = Some((cost, k));
        }
    }
    best.map(|(_, k)| k)
}

/// The Zipf cost of reading `prefix` + `suffix` as a name and the next
/// word (summed log-ranks), or `None` if that reading is not allowed. The
/// less the prefix is known as a name, the more the suffix must look like
/// the word that follows one.
fn split_cost(lex: &Lexicon, prefix: &str, suffix: &str, context: Option<&str>) -> Option<f64> {
    let suffix_entry = lex.get_lower(suffix)?;
    let suffix_rank = suffix_rank(suffix, suffix_entry)?;
    let log = |rank: u32| (rank.max(1) as f64).log2();
    let next_word = NEXT_WORDS.contains(&suffix);
    let next_after_known = next_word || NEXT_WORDS_AFTER_KNOWN.contains(&suffix);
    if let Some((prefix_rank, prefix_entry)) = name_rank(lex, prefix, context) {
        // Person names end in "-in", "-him", "-more" ("Bernardin", "Brahim",
        // "Bellamore"); after a person only the words that follow names split.
        let person = prefix_entry.has(Entry::FIRST_NAME | Entry::SURNAME) && !prefix_entry.has(Entry::PLACE | Entry::COUNTRY);
        let past_verb = suffix.len() >= 4 && suffix_entry.pos() == Pos::VerbPast && suffix_rank <= MAX_SUFFIX_RANK / 4;
        if person && suffix.len() <= 4 && !next_after_known && !past_verb {
            return None;
        }
        return Some(log(prefix_rank) + log(suffix_rank));
    }
    if is_name_prefix(prefix) {
        return None;
    }
    match lex.get(prefix) {
        // A capitalised common word: "Such|had", "House|of".
        Some(word) if next_after_known || suffix == "of" => {
            let rank = word.rank().filter(|&r| r <= MAX_SUFFIX_RANK)?;
            Some(log(rank) + log(suffix_rank) + WEAK_PREFIX_PENALTY)
        }
        // A name the lexicon lacks: "Geraghty|said".
        None if next_word && prefix.chars().count() >= 4 => Some(log(UNRANKED) + log(suffix_rank) + WEAK_PREFIX_PENALTY),
        _ => None,
    }
}

/// The rank of a word that may follow a name, if it is one.
fn suffix_rank(suffix: &str, entry: Entry) -> Option<u32> {
    let n = suffix.chars().count();
    if n < 2 || (n == 2 && !TWO_LETTER_WORDS.contains(&suffix)) || NAME_SUFFIXES.contains(&suffix) || !entry.has(Entry::WORD) {
        return None;
    }
    // Short endings are often just the end of a name ("Karim|ova", "Bra|him"): they must be commoner.
    let max_rank = match n {
        ..=3 => MAX_SHORT_SUFFIX_RANK,
        4 => MAX_SUFFIX_RANK / 4,
        _ => MAX_SUFFIX_RANK,
    };
    let rank = entry.rank().filter(|&r| r <= max_rank)?;
    (!entry.has(Entry::CAPITALISED) || rank <= MAX_CAPITALISED_SUFFIX_RANK).then_some(rank)
}

/// The rank of a capitalised name ("Russia", "Boston", "States" after "United").
fn name_rank(lex: &Lexicon, prefix: &str, context: Option<&str>) -> Option<(u32, Entry)> {
    if is_name_prefix(prefix) {
        return None;
    }
    let entry = lex.get(prefix)?;
    let rank = entry.rank().unwrap_or(UNRANKED);
    if entry.has(NAMEISH) {
        return Some((rank, entry));
    }
    let context = context?;
    let key = format!("{context} {prefix}").to_lowercase();
    lex.get_lower(&key).filter(|e| e.has(Entry::PLACE)).map(|place| (rank, place))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> String {
        crate::clean::run_pass(split_glued_words, text)
    }

    #[test]
    fn splits_glued_names() {
        assert_eq!(run("thatRussiahad inRussiain 2012"), "that Russia had in Russia in 2012");
        assert_eq!(run("theUnited Stateshas atNew YorkUniversity"), "the United States has at New York University");
        assert_eq!(run("theBostonbombing recentBostonbombing"), "the Boston bombing recent Boston bombing");
    }

    #[test]
    fn keeps_mixed_case_words_and_unknown_names() {
        let keep = "iPhone McDonald YouTube LeBron eBay PhD DiCaprio O'Neill macOS PayPal JavaScript WhatsApp \
                    PlayStation FedEx LinkedIn PowerPoint McCain DeSantis VanderBilt Tsarnaev Galeotti Peskov \
                    Dzhokhar Ushakov Johnson Anderson Washington Peterson NASA F.S.B. U.S. 2012s @BostonGlobe";
        assert_eq!(run(keep), keep);
    }
}
