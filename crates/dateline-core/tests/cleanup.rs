//! The cleanup stage, proved three ways: the cases in `cleanup_cases.txt`
//! (each with its repairs checked and undone), real text from
//! `../shared/data` corrupted on purpose and measured, and arbitrary input
//! that must never break it.

mod common;

use dateline_core::clean::{clean, Cleaned};
use dateline_core::Span;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::PathBuf;

// ------------------------------------------------------------------ cases

struct Case {
    name: String,
    input: String,
    expected: Option<String>,
    kinds: Option<Vec<String>>,
    loose_undo: bool,
    no_roundtrip: bool,
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('s') => out.push(' '),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = chars.by_ref().skip_while(|&c| c == '{').take_while(|&c| c != '}').collect();
                let code = u32::from_str_radix(&hex, 16).unwrap_or_else(|_| panic!("bad escape \\u{{{hex}}}"));
                out.push(char::from_u32(code).expect("a valid code point"));
            }
            other => panic!("unknown escape \\{other:?} in {s:?}"),
        }
    }
    out
}

fn cases() -> Vec<Case> {
    let text = include_str!("cleanup_cases.txt");
    let mut cases: Vec<Case> = Vec::new();
    let mut input: Vec<String> = Vec::new();
    let mut expected: Vec<String> = Vec::new();
    let finish = |cases: &mut Vec<Case>, input: &mut Vec<String>, expected: &mut Vec<String>| {
        if let Some(case) = cases.last_mut() {
            case.input = input.join("\n");
            case.expected = (!expected.is_empty()).then(|| expected.join("\n"));
        }
        input.clear();
        expected.clear();
    };
    for line in text.lines() {
        if let Some(header) = line.strip_prefix("## ") {
            finish(&mut cases, &mut input, &mut expected);
            let flags = ["loose-undo", "no-roundtrip"];
            let mut name = header.trim().to_string();
            let (mut loose_undo, mut no_roundtrip) = (false, false);
            for flag in flags {
                if let Some(rest) = name.strip_suffix(flag) {
                    name = rest.trim_end().to_string();
                    loose_undo |= flag == "loose-undo";
                    no_roundtrip |= flag == "no-roundtrip";
                }
            }
            cases.push(Case { name, input: String::new(), expected: None, kinds: None, loose_undo, no_roundtrip });
        } else if let Some(rest) = line.strip_prefix('<') {
            input.push(unescape(rest.strip_prefix(' ').unwrap_or(rest)));
        } else if let Some(rest) = line.strip_prefix('>') {
            expected.push(unescape(rest.strip_prefix(' ').unwrap_or(rest)));
        } else if let Some(rest) = line.strip_prefix("@ ") {
            if let Some(case) = cases.last_mut() {
                case.kinds = Some(rest.split_whitespace().map(str::to_string).collect());
            }
        }
    }
    finish(&mut cases, &mut input, &mut expected);
    cases
}

/// Every repair names its stretch of input and of cleaned text exactly.
fn check_repairs(source: &str, cleaned: &Cleaned) -> Result<(), String> {
    for r in &cleaned.repairs {
        let (s, t) = (r.source_span, r.span);
        if s.start > s.end || t.start > t.end {
            return Err(format!("reversed span in {r:?}"));
        }
        let before = source.get(s.range()).ok_or_else(|| format!("source span off a char boundary: {r:?}"))?;
        let after = cleaned.text.get(t.range()).ok_or_else(|| format!("text span off a char boundary: {r:?}"))?;
        if before != r.before {
            return Err(format!("before {:?} but source[{s:?}] = {before:?}", r.before));
        }
        if after != r.after {
            return Err(format!("after {:?} but text[{t:?}] = {after:?}", r.after));
        }
        if r.before == r.after {
            return Err(format!("a repair that changes nothing: {r:?}"));
        }
    }
    Ok(())
}

fn kinds_in_text_order(cleaned: &Cleaned) -> Vec<&'static str> {
    let mut repairs: Vec<_> = cleaned.repairs.iter().collect();
    repairs.sort_by_key(|r| (r.source_span.start, r.source_span.end));
    repairs.iter().map(|r| r.kind.name()).collect()
}

#[test]
fn cases_file_has_enough_cases() {
    let cases = cases();
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    let negatives = cases.iter().filter(|c| c.expected.is_none()).count();
    assert!(negatives >= 10, "only {negatives} cases that must stay unchanged");
}

#[test]
fn cases_give_the_expected_text_and_repairs() {
    let mut failures = Vec::new();
    for case in cases() {
        let cleaned = clean(&case.input, &[]);
        let expected = case.expected.as_deref().unwrap_or(&case.input);
        if cleaned.text != expected {
            failures.push(format!("{}:\n   input    {:?}\n   expected {:?}\n   got      {:?}", case.name, case.input, expected, cleaned.text));
            continue;
        }
        if case.expected.is_none() && !cleaned.repairs.is_empty() {
            failures.push(format!("{}: unchanged text but repairs {:?}", case.name, cleaned.repairs));
        }
        if let Err(e) = check_repairs(&case.input, &cleaned) {
            failures.push(format!("{}: {e}", case.name));
        }
        let again = clean(&cleaned.text, &[]);
        if again.text != cleaned.text {
            failures.push(format!("{}: cleaning twice changes {:?} to {:?}", case.name, cleaned.text, again.text));
        }
        if let Some(kinds) = &case.kinds {
            let got = kinds_in_text_order(&cleaned);
            if &got != kinds {
                failures.push(format!("{}: repair kinds {got:?}, expected {kinds:?}", case.name));
            }
        }
    }
    assert!(failures.is_empty(), "{} failing case(s):\n{}", failures.len(), failures.join("\n"));
}

/// Undoing one repair brings back exactly its damage; undoing all gives the input.
#[test]
fn every_repair_can_be_undone() {
    let mut failures = Vec::new();
    for case in cases() {
        let cleaned = clean(&case.input, &[]);
        for r in &cleaned.repairs {
            let undone = clean(&case.input, &[r.source_span]);
            let mut expected = cleaned.text.clone();
            expected.replace_range(r.span.range(), &r.before);
            let ok = if case.loose_undo { undone.text.contains(&r.before) } else { undone.text == expected };
            if !ok {
                failures.push(format!(
                    "{}: undoing {} {:?}→{:?} at {:?}\n   expected {expected:?}\n   got      {:?}",
                    case.name,
                    r.kind.name(),
                    r.before,
                    r.after,
                    r.source_span,
                    undone.text
                ));
            }
            if undone.repairs.iter().any(|u| u.source_span == r.source_span) {
                failures.push(format!("{}: the undone repair {r:?} is still made", case.name));
            }
        }
        let all: Vec<Span> = cleaned.repairs.iter().map(|r| r.source_span).collect();
        let reverted = clean(&case.input, &all);
        if !case.no_roundtrip && reverted.text != case.input {
            failures.push(format!("{}: undoing all gives {:?}, not the input {:?}", case.name, reverted.text, case.input));
        }
    }
    assert!(failures.is_empty(), "{} undo failure(s):\n{}", failures.len(), failures.join("\n"));
}

// ------------------------------------------------------------- properties

/// Characters the cleaner must never leave behind (a ZWJ between emoji excepted).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

fn emoji_joiner(text: &str, at: usize) -> bool {
    let emoji = |c: char| matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0xFE0F);
    text[..at].chars().next_back().is_some_and(emoji) && text[at..].chars().nth(1).is_some_and(emoji)
}

fn junk() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(|c| c.to_string()),
        "[a-zA-Z ]{1,8}",
        prop::sample::select(vec![
            "<p>", "</p>", "<br>", "<div class=\"x\">", "</div>", "<script>", "</script>", "<a href='/x'>", "</a>",
            "<!--", "-->", "&amp;", "&#8217;", "&#x2019;", "&nbsp;", "&", ";", "<", ">", "â€", "™", "œ", "\u{9d}",
            "Ã", "©", "ð", "Ÿ", "\u{200b}", "\u{200d}", "\u{ad}", "\u{feff}", "\u{a0}", "\u{0}", "\r\n", "\r", "\n",
            "\n\n\n", "  ", "\t", "thatRussia", "had", "inRussiain", "theUnited Stateshas", "marathon18n-bomb-6",
            "After", "IMG_1.jpg", "x.png", "-", "_", "“", "”", "’", "said", "👩", "é", "Москва", "東京",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..50).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn clean_never_breaks(source in junk()) {
        let cleaned = clean(&source, &[]);
        for (i, c) in cleaned.text.char_indices() {
            prop_assert!(!is_invisible(c) || (c == '\u{200d}' && emoji_joiner(&cleaned.text, i)),
                "invisible {c:?} left at {i} in {:?}", cleaned.text);
        }
        prop_assert!(!cleaned.text.contains("\n\n\n"), "three line breaks in {:?}", cleaned.text);
        prop_assert!(!cleaned.text.contains("  "), "two spaces in {:?}", cleaned.text);
        if let Err(e) = check_repairs(&source, &cleaned) {
            return Err(TestCaseError::fail(e));
        }
        // Undoing any one repair never panics and keeps the invariants.
        if let Some(r) = cleaned.repairs.first() {
            let undone = clean(&source, &[r.source_span]);
            if let Err(e) = check_repairs(&source, &undone) {
                return Err(TestCaseError::fail(e));
            }
        }
    }

    #[test]
    fn any_string_is_safe(source in any::<String>()) {
        let cleaned = clean(&source, &[]);
        if let Err(e) = check_repairs(&source, &cleaned) {
            return Err(TestCaseError::fail(e));
        }
    }
}

// -------------------------------------------------------- corrupted corpus

fn data_dir() -> Option<PathBuf> {
    let dir = common::shared_data();
    dir.is_dir().then_some(dir)
}

/// A CoNLL token with its entity tag.
struct Token {
    word: String,
    entity: bool,
}

/// Documents of sentences from a CoNLL-2003 file.
fn conll_documents(text: &str) -> Vec<Vec<Vec<Token>>> {
    let mut docs: Vec<Vec<Vec<Token>>> = vec![Vec::new()];
    let mut sentence: Vec<Token> = Vec::new();
    for line in text.lines() {
        let cols: Vec<&str> = line.split(' ').collect();
        if cols.len() < 4 || cols[0] == "-DOCSTART-" {
            if !sentence.is_empty() {
                docs.last_mut().unwrap().push(std::mem::take(&mut sentence));
            }
            if cols[0] == "-DOCSTART-" && !docs.last().unwrap().is_empty() {
                docs.push(Vec::new());
            }
            continue;
        }
        sentence.push(Token { word: cols[0].to_string(), entity: cols[3] != "O" });
    }
    if !sentence.is_empty() {
        docs.last_mut().unwrap().push(sentence);
    }
    docs.retain(|d| !d.is_empty());
    docs
}

/// A small deterministic generator (no corpus-dependent randomness).
struct Lcg(u64);

impl Lcg {
    fn chance(&mut self, p: f64) -> bool {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// A lower-case word; single letters other than "a" ("v Kent", "b Croft"
/// in sports results) are left out: glued, they cannot be told from "iPhone".
fn is_lower_word(w: &str) -> bool {
    (w.len() >= 2 || w == "a") && w.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
}

fn is_capitalised_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(|c| c.is_uppercase()) && w.chars().count() >= 2 && chars.all(|c| c.is_alphabetic() && c.is_lowercase())
}

/// One sentence, clean and corrupted, with the glue points (as counts of
/// non-space characters before them) that corruption removed.
struct Line {
    clean: String,
    corrupted: String,
    glued: BTreeSet<usize>,
    char_damage: usize,
}

fn build_line(tokens: &[Token], rng: &mut Lcg) -> Line {
    let (mut clean, mut corrupted) = (String::new(), String::new());
    let mut glued = BTreeSet::new();
    let mut char_damage = 0;
    let mut nonspace = 0;
    let mut open_quote = true;
    for (i, t) in tokens.iter().enumerate() {
        // Curly quotes in the clean text, so that mojibake has something to hit.
        let word = if t.word == "\"" {
            open_quote = !open_quote;
            if open_quote { "”" } else { "“" }
        } else {
            t.word.as_str()
        };
        if i > 0 {
            let prev = &tokens[i - 1];
            let glue_into_name = is_lower_word(&prev.word) && is_capitalised_word(&t.word) && t.entity;
            let glue_after_name = prev.entity && is_capitalised_word(&prev.word) && is_lower_word(&t.word);
            clean.push(' ');
            if (glue_into_name || glue_after_name) && rng.chance(0.3) {
                glued.insert(nonspace);
            } else if rng.chance(0.04) {
                corrupted.push('\u{a0}');
                char_damage += 1;
            } else {
                corrupted.push(' ');
            }
        }
        clean.push_str(word);
        nonspace += word.chars().count();
        let damaged = match word {
            "“" if rng.chance(0.5) => Some("â€œ".to_string()),
            "”" if rng.chance(0.5) => Some("â€\u{9d}".to_string()),
            w if w.len() >= 4 && w.is_ascii() && rng.chance(0.02) => {
                let invisible = if rng.chance(0.5) { '\u{200b}' } else { '\u{ad}' };
                Some(format!("{}{invisible}{}", &w[..2], &w[2..]))
            }
            _ => None,
        };
        char_damage += damaged.is_some() as usize;
        corrupted.push_str(damaged.as_deref().unwrap_or(word));
    }
    Line { clean, corrupted, glued, char_damage }
}

/// The whitespace-delimited word around a span, for reports.
fn word_around(text: &str, span: Span) -> &str {
    let start = text[..span.start].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let end = text[span.end..].find(char::is_whitespace).map_or(text.len(), |i| span.end + i);
    let start = if span.end > start && text[start..span.end].trim().is_empty() { span.start } else { start };
    &text[start..end.max(start)]
}

/// Byte offset of the `n`th non-space character.
fn nth_nonspace(text: &str, n: usize) -> usize {
    text.char_indices().filter(|(_, c)| !c.is_whitespace()).nth(n).map_or(text.len(), |(i, _)| i)
}

/// Word boundaries of a line, as counts of non-space characters before each.
fn boundaries(line: &str) -> (String, BTreeSet<usize>) {
    let mut set = BTreeSet::new();
    let mut stream = String::new();
    let mut n = 0;
    let mut in_space = false;
    for c in line.chars() {
        if c.is_whitespace() {
            in_space = true;
        } else {
            if in_space && n > 0 {
                set.insert(n);
            }
            in_space = false;
            stream.push(c);
            n += 1;
        }
    }
    (stream, set)
}

#[derive(Default, Debug)]
struct Tally {
    lines: usize,
    glued: usize,
    restored: usize,
    spurious: usize,
    lost: usize,
    damaged_lines: usize,
    damaged_lines_fixed: usize,
    clean_lines_changed: usize,
    exact_lines: usize,
    incomparable_lines: usize,
    words: usize,
    repairs_on_clean_text: usize,
}

#[test]
fn repairs_corrupted_news_text() {
    let Some(data) = data_dir() else {
        eprintln!("SKIPPED: no ../shared/data (set DATELINE_DATA to run the corruption test)");
        return;
    };
    let Ok(conll) = std::fs::read_to_string(data.join("conll2003/eng.testa")) else {
        eprintln!("SKIPPED: {} has no conll2003/eng.testa", data.display());
        return;
    };
    let mut rng = Lcg(0x5eed_da7e_11e5);
    // DATELINE_EXAMPLES=n shows more of what went wrong.
    let max_examples = std::env::var("DATELINE_EXAMPLES").ok().and_then(|n| n.parse().ok()).unwrap_or(10);
    let mut tally = Tally::default();
    let mut examples: Vec<String> = Vec::new();
    let mut false_alarms: Vec<String> = Vec::new();
    let mut misses: Vec<String> = Vec::new();
    for doc in conll_documents(&conll) {
        let lines: Vec<Line> = doc.iter().map(|s| build_line(s, &mut rng)).collect();
        let clean_text = lines.iter().map(|l| l.clean.as_str()).collect::<Vec<_>>().join("\n");
        let corrupted = lines.iter().map(|l| l.corrupted.as_str()).collect::<Vec<_>>().join("\n");
        // The clean text itself should need no repair.
        let untouched = clean(&clean_text, &[]);
        tally.repairs_on_clean_text += untouched.repairs.len();
        for r in &untouched.repairs {
            false_alarms.push(format!("{} {:?}", r.kind.name(), word_around(&untouched.text, r.span)));
        }
        let cleaned = clean(&corrupted, &[]);
        let out_lines: Vec<&str> = cleaned.text.split('\n').collect();
        if out_lines.len() != lines.len() {
            tally.incomparable_lines += lines.len();
            continue;
        }
        for (line, out) in lines.iter().zip(out_lines) {
            tally.lines += 1;
            tally.words += line.clean.split(' ').count();
            tally.exact_lines += (out == line.clean) as usize;
            if line.char_damage > 0 {
                tally.damaged_lines += 1;
            }
            let (want_stream, want) = boundaries(&line.clean);
            let (got_stream, got) = boundaries(out);
            if want_stream != got_stream {
                if line.char_damage == 0 {
                    tally.clean_lines_changed += 1;
                }
                tally.incomparable_lines += 1;
                if examples.len() < max_examples {
                    examples.push(format!("chars differ:\n     want {:?}\n     got  {:?}", line.clean, out));
                }
                continue;
            }
            tally.damaged_lines_fixed += (line.char_damage > 0) as usize;
            let kept: BTreeSet<usize> = want.difference(&line.glued).copied().collect();
            let inserted: BTreeSet<usize> = got.difference(&kept).copied().collect();
            tally.glued += line.glued.len();
            tally.restored += inserted.intersection(&line.glued).count();
            tally.spurious += inserted.difference(&want).count();
            tally.lost += kept.difference(&got).count();
            for &m in line.glued.difference(&got) {
                misses.push(word_around(out, Span::new(nth_nonspace(out, m), nth_nonspace(out, m))).to_string());
            }
            let missed = line.glued.difference(&got).count();
            let wrong = inserted.difference(&want).count();
            if (missed > 0 || wrong > 0) && examples.len() < max_examples {
                examples.push(format!("glue {missed} missed, {wrong} wrong:\n     want {:?}\n     got  {:?}", line.clean, out));
            }
        }
    }
    let recall = tally.restored as f64 / tally.glued.max(1) as f64;
    let precision = tally.restored as f64 / (tally.restored + tally.spurious + tally.lost).max(1) as f64;
    let char_fix_rate = tally.damaged_lines_fixed as f64 / tally.damaged_lines.max(1) as f64;
    eprintln!("CoNLL-2003 eng.testa, corrupted deterministically:");
    for e in &examples {
        eprintln!("  {e}");
    }
    eprintln!("  repairs made on the clean text: {}", false_alarms.join(", "));
    if max_examples > 10 {
        eprintln!("  glue missed: {}", misses.join(" "));
    }
    eprintln!("  {tally:?}");
    eprintln!(
        "  glue: {} glued, {} restored, {} spurious splits, {} spaces lost → recall {:.3}, precision {:.3}",
        tally.glued, tally.restored, tally.spurious, tally.lost, recall, precision
    );
    eprintln!(
        "  characters: {}/{} damaged lines fully repaired ({:.3}); {} undamaged lines changed; {}/{} lines exact",
        tally.damaged_lines_fixed, tally.damaged_lines, char_fix_rate, tally.clean_lines_changed, tally.exact_lines, tally.lines
    );
    eprintln!(
        "  clean text: {} repairs over {} words ({:.2} per 1000 words)",
        tally.repairs_on_clean_text,
        tally.words,
        1000.0 * tally.repairs_on_clean_text as f64 / tally.words.max(1) as f64
    );
    // Floors a little under what the cleaner reaches (recall 0.858,
    // precision 0.994, every damaged line repaired, 0.14 false repairs per
    // 1000 words of clean text).
    assert!(tally.glued > 500, "too few corruptions to measure: {}", tally.glued);
    assert!(recall >= 0.83, "glue recall {recall:.3}");
    assert!(precision >= 0.98, "glue precision {precision:.3}");
    assert!(char_fix_rate >= 0.98, "character repair rate {char_fix_rate:.3}");
    assert_eq!(tally.clean_lines_changed, 0, "characters changed in lines that had no damage");
    let false_repairs_per_1000 = 1000.0 * tally.repairs_on_clean_text as f64 / tally.words.max(1) as f64;
    assert!(false_repairs_per_1000 <= 0.5, "{false_repairs_per_1000:.2} repairs per 1000 words of clean text");
}
