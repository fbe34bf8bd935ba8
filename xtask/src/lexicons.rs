//! `cargo xtask lexicons`: builds `crates/dateline-core/data/lexicon.bin`
//! from the public corpora in `../shared/data`. Deterministic: the same
//! inputs give the same bytes. The layout is `dateline_core::lexicon::encode`'s,
//! each value an `Entry`.

use std::collections::BTreeMap;
use std::io::{BufRead, Read};
use std::path::Path;

use dateline_core::lexicon::{Entry, NePrior, Pos};


/// How many of the most frequent English words to keep.
const MAX_WORD_RANK: usize = 30000;
/// How many of the most common US surnames to keep.
const MAX_SURNAME_RANK: usize = 10000;
/// Corpus words seen fewer times than this are kept only if listed elsewhere.
const MIN_CORPUS_COUNT: u32 = 5;
/// Cities at least this large are places whatever else their name is.
const MIN_CITY_POPULATION: u64 = 100000;
/// Towns down to this size are places too ("Narva", "Tartu") if the world
/// knows them: at least [`MIN_TOWN_ALTERNATE_NAMES`] names in other languages
/// and scripts (GeoNames has no admin-seat flag; this is its notability
/// sign). A key costs 3.1 B gzip on average in `lexicon.bin` (the fst it
/// replaced took ~7 B a town).
const MIN_TOWN_POPULATION: u64 = 50000;
/// Names a town needs in GeoNames' `alternatenames` (Narva 31, Tartu 19).
const MIN_TOWN_ALTERNATE_NAMES: usize = 10;
/// A town the news corpus never wrote is left out if its name is a word at
/// least this common ("Most", "Bend"); rarer ranked words are mostly place
/// names themselves ("Avignon").
const MAX_TOWN_WORD_RANK: u32 = 10_000;

#[derive(Default)]
struct Facts {
    flags: u64,
    rank: u32,
    pos: u8,
    ne: u8,
}

pub fn build(data: &Path, out: &Path) -> Result<String, String> {
    let mut keys: BTreeMap<String, Facts> = BTreeMap::new();
    let mut add = |key: &str, flag: u64| -> Option<()> {
        let key = normalise_key(key)?;
        keys.entry(key).or_default().flags |= flag;
        Some(())
    };

    // Word frequency: one word a line, most frequent first.
    let words = read_gz(&data.join("wordfreq/wordninja/wordninja_words.txt.gz"))?;
    let mut ranked = Vec::new();
    for (i, word) in words.lines().take(MAX_WORD_RANK).enumerate() {
        if add(word, Entry::WORD).is_some() {
            ranked.push((normalise_key(word).unwrap_or_default(), i as u32 + 1));
        }
    }

    // Places.
    let geo = data.join("gazetteers/geonames");
    let countries = read_json(&geo.join("countries.json"))?;
    for c in countries.as_object().into_iter().flat_map(|m| m.values()) {
        if let Some(name) = c["name"].as_str() {
            add(name, Entry::PLACE | Entry::COUNTRY);
        }
        if let Some(capital) = c["capital"].as_str() {
            add(capital, Entry::PLACE);
        }
    }
    for file in ["us_states.json", "continents.json"] {
        let v = read_json(&geo.join(file))?;
        for item in v.as_object().into_iter().flat_map(|m| m.values()) {
            for field in ["name", "asciiName", "toponymName"] {
                if let Some(name) = item[field].as_str() {
                    add(name, Entry::PLACE);
                }
            }
        }
    }
    let cities = read_json(&geo.join("cities15000.json"))?;
    let mut towns = Vec::new();
    for city in cities.as_object().into_iter().flat_map(|m| m.values()) {
        let population = city["population"].as_u64().unwrap_or(0);
        if let Some(name) = city["name"].as_str() {
            if population >= MIN_CITY_POPULATION {
                add(name, Entry::PLACE);
            } else if population >= MIN_TOWN_POPULATION
                && city["alternatenames"].as_array().map_or(0, Vec::len) >= MIN_TOWN_ALTERNATE_NAMES
            {
                towns.extend(normalise_key(name));
            }
        }
    }

    // Person names (US Census): `NAME freq cumfreq rank`.
    let names = data.join("gazetteers/names");
    for (file, flag, limit) in [
        ("dist.male.first", Entry::FIRST_NAME, usize::MAX),
        ("dist.female.first", Entry::FIRST_NAME, usize::MAX),
        ("dist.all.last", Entry::SURNAME, MAX_SURNAME_RANK),
    ] {
        let text = std::fs::read_to_string(names.join(file)).map_err(|e| format!("{}: {e}", names.join(file).display()))?;
        for line in text.lines().take(limit) {
            if let Some(name) = line.split_whitespace().next() {
                add(name, flag);
            }
        }
    }

    // Part of speech and entity priors from the CoNLL-2003 training set.
    let conll = std::fs::File::open(data.join("conll2003/eng.train")).map_err(|e| format!("eng.train: {e}"))?;
    #[derive(Default)]
    struct Counts {
        pos: BTreeMap<u8, u32>,
        ne: [u32; 5],
        total: u32,
        cap_mid: u32,
        lower_mid: u32,
    }
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut sentence_start = true;
    for line in std::io::BufReader::new(conll).lines() {
        let line = line.map_err(|e| e.to_string())?;
        let cols: Vec<&str> = line.split(' ').collect();
        if cols.len() < 4 || cols[0] == "-DOCSTART-" {
            sentence_start = true;
            continue;
        }
        let word = cols[0];
        let Some(key) = normalise_key(word) else { continue };
        let c = counts.entry(key).or_default();
        *c.pos.entry(Pos::from_ptb(cols[1]) as u8).or_default() += 1;
        let ne = match cols[3].rsplit('-').next().unwrap_or("O") {
            "PER" => 1,
            "LOC" => 2,
            "ORG" => 3,
            "MISC" => 4,
            _ => 0,
        };
        c.ne[ne] += 1;
        c.total += 1;
        if !sentence_start && word.chars().next().is_some_and(char::is_alphabetic) {
            if word.chars().next().is_some_and(char::is_uppercase) {
                c.cap_mid += 1;
            } else {
                c.lower_mid += 1;
            }
        }
        sentence_start = false;
    }
    // Each word's best frequency rank (the town filter reads it).
    for (key, rank) in ranked {
        if let Some(f) = keys.get_mut(&key) {
            if f.rank == 0 {
                f.rank = rank;
            }
        }
    }
    // A town is a place unless the news corpus writes its name as something
    // else ("Rochdale", "Genk": football clubs) or, unseen there, its name is
    // also a common word or a person's ("Most", "Union", "Douglas").
    for key in towns {
        let (flags, rank) = keys.get(&key).map_or((0, 0), |f| (f.flags, f.rank));
        let place = match counts.get(&key) {
            Some(c) => c.ne[2] * 2 > c.total,
            // Rank 0: not a ranked word.
            None => flags & (Entry::FIRST_NAME | Entry::SURNAME) == 0 && (rank == 0 || rank > MAX_TOWN_WORD_RANK),
        };
        if place {
            keys.entry(key).or_default().flags |= Entry::PLACE;
        }
    }
    for (key, c) in counts {
        // Rare corpus words not otherwise listed are mostly names and numbers: leave them to the tagger.
        if c.total < MIN_CORPUS_COUNT && !keys.contains_key(&key) {
            continue;
        }
        let f = keys.entry(key).or_default();
        f.flags |= Entry::IN_CORPUS;
        if c.cap_mid > c.lower_mid {
            f.flags |= Entry::CAPITALISED;
        }
        // Ties go to the lower code: deterministic.
        f.pos = c.pos.iter().max_by_key(|(code, n)| (**n, std::cmp::Reverse(**code))).map_or(0, |(code, _)| *code);
        let (best, n) = (1..5).map(|t| (t, c.ne[t])).max_by_key(|(t, n)| (*n, std::cmp::Reverse(*t))).unwrap_or((0, 0));
        if n * 2 > c.total {
            f.ne = best as u8;
        }
    }
    let bytes = dateline_core::lexicon::encode(
        keys.iter().map(|(key, f)| (key.as_str(), Entry::pack(f.flags, Pos::from_code(f.pos), NePrior::from_code(f.ne), f.rank))),
    )?;
    std::fs::write(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(format!("{}: {} keys, {} bytes", out.display(), keys.len(), bytes.len()))
}

/// Lower-cases and folds whitespace; rejects keys with no letter or too long.
fn normalise_key(raw: &str) -> Option<String> {
    let key = raw.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    (key.chars().any(char::is_alphabetic) && key.len() <= 48).then_some(key)
}

fn read_gz(path: &Path) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file).read_to_string(&mut text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text)
}

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}
