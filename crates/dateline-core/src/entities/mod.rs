//! Named entities: mentions found by a trained tagger and grouped into entities.
//!
//! Three steps:
//! 1. **Mentions**: the averaged-perceptron tagger ([`tagger`], model
//!    `data/ner.bin`, built by `cargo xtask train-ner` from CoNLL-2003)
//!    labels the tokens with CoNLL types; miscellaneous mentions that are
//!    nationality, religion or party words become NORP.
//! 2. **Titles**: title words just before a person ("President", "Foreign
//!    Minister", "Secretary of State") are kept as the entity's titles, never
//!    as part of its name.
//! 3. **Entities**: mentions grouped as a reader would: a bare surname goes to
//!    the most recent full name with it, an acronym to its long form.

pub mod corpus;
mod lists;
pub mod tagger;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::document::{Entity, EntityType, Span, Token, TokenKind};
use crate::lexicon::{Entry, Pos};
use crate::perceptron::Model;
use lists::*;

static NER_BYTES: &[u8] = include_bytes!("../../data/ner.bin");

/// The committed tagger model, decoded once; `None` if the bytes are bad.
pub fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(NER_BYTES)).as_ref()
}

/// Entities of `text`, each with all its mentions, in order of first mention.
pub fn find(text: &str, tokens: &[Token], sentences: &[Span]) -> Vec<Entity> {
    match model() {
        Some(m) => find_with(m, text, tokens, sentences),
        None => Vec::new(),
    }
}

/// [`find`] with a given tagger model (training tools evaluate candidates with it).
pub fn find_with(model: &Model, text: &str, tokens: &[Token], sentences: &[Span]) -> Vec<Entity> {
    let toks = prepare(text, tokens, sentences);
    let mentions = mentions(model, text, &toks);
    group(text, &toks, &mentions)
}

/// A token with its sentence.
struct Tok<'a> {
    s: &'a str,
    span: Span,
    kind: TokenKind,
    /// Sentence index (`usize::MAX` outside every sentence).
    sent: usize,
}

/// "NATO", "F.S.B.", "U.S.": letters all upper-case, at least two of them.
fn is_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && s.chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
}

fn prepare<'a>(text: &'a str, tokens: &[Token], sentences: &[Span]) -> Vec<Tok<'a>> {
    let mut out: Vec<Tok<'a>> = Vec::with_capacity(tokens.len());
    let mut si = 0;
    for t in tokens {
        let s = text.get(t.span.range()).unwrap_or("");
        while si < sentences.len() && sentences[si].end <= t.span.start {
            si += 1;
        }
        let sent = if si < sentences.len() && sentences[si].contains(t.span) {
            si
        } else {
            usize::MAX
        };
        out.push(Tok {
            s,
            span: t.span,
            kind: t.kind,
            sent,
        });
    }
    out
}

/// A mention before grouping: token ranges into the prepared tokens.
#[derive(Clone, Debug)]
struct Mention {
    /// Name tokens `[start, end)`.
    start: usize,
    end: usize,
    /// Title tokens, if any.
    title: Option<(usize, usize)>,
    kind: EntityType,
    /// Token holding the surname this mention shares ("Tamerlan and Dzhokhar Tsarnaev").
    shared_surname: Option<usize>,
}

/// Segment starts for the tagger: sentence starts and line starts (a
/// headline or a dateline is a line of its own).
fn segment_starts(text: &str, toks: &[Tok]) -> Vec<bool> {
    toks.iter()
        .enumerate()
        .map(|(i, t)| {
            i == 0
                || toks[i - 1].sent != t.sent
                || text
                    .get(toks[i - 1].span.end..t.span.start)
                    .is_some_and(|gap| gap.contains('\n'))
        })
        .collect()
}

fn mentions(model: &Model, text: &str, toks: &[Tok]) -> Vec<Mention> {
    let words: Vec<&str> = toks.iter().map(|t| t.s).collect();
    let seg = segment_starts(text, toks);
    let Some(scheme) = tagger::Scheme::from_classes(model.classes()) else {
        return Vec::new();
    };
    let mut tg = tagger::Tagger::new();
    let labels = tg.tag(model, &words, &seg);
    let mut spans = scheme.decode(labels, &seg);
    repair_spans(toks, &mut spans);
    trim_title_case_lines(toks, &seg, &mut spans);
    let mut out: Vec<Mention> = Vec::with_capacity(spans.len());
    for (a, b, k) in spans {
        let (mut a, mut b) = (a, b);
        // A name never begins or ends with punctuation or a possessive.
        let edge = |t: &Tok| t.kind == TokenKind::Punct || t.s.starts_with(['\'', '’']);
        while a < b && edge(&toks[a]) {
            a += 1;
        }
        while b > a && edge(&toks[b - 1]) {
            b -= 1;
        }
        if a == b {
            continue;
        }
        // A bracket the name opens it also closes ("Mladost (L)"), and the
        // other way round ("(Jerry) Koosman").
        let open = toks[a..b].iter().rposition(|t| t.s == "(");
        let close = toks[a..b].iter().position(|t| t.s == ")");
        if open.is_some_and(|o| close.is_none_or(|c| c < o)) && toks.get(b).is_some_and(|t| t.s == ")" && t.sent == toks[a].sent) {
            b += 1;
        }
        if close.is_some_and(|c| open.is_none_or(|o| o > c)) && a > 0 && toks[a - 1].s == "(" && toks[a - 1].sent == toks[a].sent {
            a -= 1;
        }
        let mut kind = match k {
            0 => EntityType::Person,
            1 => EntityType::Location,
            2 => EntityType::Organization,
            _ => EntityType::Misc,
        };
        if kind == EntityType::Misc && toks[a..b].iter().all(|t| demonym(t.s).is_some()) {
            kind = EntityType::Norp;
        }
        // "North Caucasus", "Western Sahara": a compass word before a known place.
        if matches!(kind, EntityType::Organization | EntityType::Misc) && b - a >= 2 && LOC_PREFIX.has(toks[a].s) {
            let lex = crate::lexicon::lexicon();
            let placeish = |t: &Tok| match lex.get(t.s) {
                // A place that news mostly writes as a team ("East Fife",
                // "West Bromwich") leaves the tagger's organisation standing.
                Some(e) if kind == EntityType::Organization && e.ne_prior() != crate::lexicon::NePrior::Location => false,
                Some(e) => e.has(Entry::PLACE | Entry::COUNTRY) || !e.has(Entry::WORD) || e.rank().is_none_or(|r| r > 5_000),
                None => true,
            };
            if !ORG_HEAD.has(toks[b - 1].s) && !MISC_HEAD.has(toks[b - 1].s) && toks[a + 1..b].iter().all(placeish) {
                kind = EntityType::Location;
            }
        }
        // "the province of Ombara": a place, whatever it is elsewhere.
        if kind != EntityType::Location && place_noun_before(toks, a) && !ORG_HEAD.has(toks[b - 1].s) && !MISC_HEAD.has(toks[b - 1].s) {
            kind = EntityType::Location;
        }
        // A known place before the noun of a happening is where it happened.
        if matches!(kind, EntityType::Organization | EntityType::Misc)
            && b == a + 1
            && known_place(toks[a].s)
            && toks.get(b).is_some_and(|t| t.sent == toks[a].sent && PLACED_EVENT.has(t.s))
        {
            kind = EntityType::Location;
        }
        // A name headed by an organisation word is an organisation ("New York
        // University", "the Navy"), whatever place or other type the tagger
        // guessed; but "West Bank" is a place, and news calls the White House one.
        if matches!(kind, EntityType::Location | EntityType::Misc)
            && ORG_HEAD.has(toks[b - 1].s)
            && toks[b - 1].s != "House"
            && !(b - a >= 2 && LOC_PREFIX.has(toks[a].s))
        {
            kind = EntityType::Organization;
        }
        // Title words the tagger took into the name ("President Obama",
        // "Mr. Putin") make a person of it, whatever type it guessed.
        // The tagger may also start the name inside a title phrase
        // ("Secretary of" + "State Helen Marsh").
        let in_title = a >= 2 && toks[a - 1].s == "of" && TITLE.has(toks[a - 2].s);
        let mut s = a;
        while s + 1 < b
            && (TITLE.has(toks[s].s)
                || TITLE_MODIFIER.has(toks[s].s) && (TITLE.has(toks[s + 1].s) || s == a && in_title))
        {
            s += 1;
        }
        let org_name = ORG_HEAD.has(toks[b - 1].s) || MISC_HEAD.has(toks[b - 1].s);
        if s > a && !org_name {
            kind = EntityType::Person;
        } else {
            s = a;
        }
        // A name with an initial between words ("Dmitri S. Peskov") is a person's.
        if b - a >= 3 && (a + 1..b - 1).any(|k| is_initial(toks[k].s)) && !org_name {
            kind = EntityType::Person;
        }
        let mut title = None;
        if kind == EntityType::Person {
            let floor = out.last().map_or(0, |m| m.end);
            let ts = if s == a { title_before(toks, a, floor) } else { title_before(toks, s, floor).min(a) };
            if ts < s && (ts..s).any(|k| TITLE.has(toks[k].s)) {
                title = Some((ts, s));
            }
            a = s;
        }
        out.push(Mention { start: a, end: b, title, kind, shared_surname: None });
    }
    coordinate(toks, &mut out);
    agree(toks, &mut out);
    out
}

/// Document-level consistency (Ratinov & Roth's majority vote, per
/// mention string): when most mentions of the same words have one type,
/// the others take it ("Leicestershire" a team twice and a person once).
fn agree(toks: &[Tok], ms: &mut [Mention]) {
    let key = |m: &Mention| toks[m.start..m.end].iter().map(|t| t.s).collect::<Vec<_>>().join(" ");
    let index = |k: EntityType| match k {
        EntityType::Person => 0,
        EntityType::Location => 1,
        EntityType::Organization => 2,
        EntityType::Norp | EntityType::Misc => 3,
    };
    // Each mention's words, joined once for both passes.
    let keys: Vec<String> = ms.iter().map(key).collect();
    let mut votes: HashMap<&str, [u32; 4]> = HashMap::new();
    // Companies the text names with their corporate suffix, by the name
    // without it: a bare "Nordwind" after "Nordwind AG" is that company.
    let mut companies: Vec<String> = Vec::new();
    for (m, k) in ms.iter().zip(&keys) {
        if m.kind == EntityType::Organization {
            let lower = k.to_lowercase();
            let short = name_key(EntityType::Organization, &lower);
            if short.len() < lower.len() {
                companies.push(short);
            }
        }
        votes.entry(k).or_insert([0; 4])[index(m.kind)] += 1;
    }
    // Names the text calls a place once ("the province of Ombara").
    let cued: std::collections::HashSet<&str> = ms.iter().zip(&keys).filter(|(m, _)| place_noun_before(toks, m.start)).map(|(_, k)| k.as_str()).collect();
    let not_a_name = |w: &str| crate::lexicon::lexicon().get(w).is_none_or(|e| !e.has(Entry::FIRST_NAME | Entry::SURNAME));
    for (m, k) in ms.iter_mut().zip(&keys) {
        if m.title.is_some() || m.shared_surname.is_some() || m.kind == EntityType::Norp {
            continue;
        }
        if m.end == m.start + 1 && cued.contains(k.as_str()) && not_a_name(k) {
            m.kind = EntityType::Location;
            continue;
        }
        if m.kind != EntityType::Organization && !companies.is_empty() && companies.contains(&k.to_lowercase()) {
            m.kind = EntityType::Organization;
            continue;
        }
        let Some(v) = votes.get(k.as_str()) else { continue };
        let total: u32 = v.iter().sum();
        let Some((best, &n)) = v.iter().enumerate().max_by_key(|&(k, &n)| (n, 4 - k)) else { continue };
        // Two mentions, a place and something else, of a name the
        // gazetteer knows as a place: both are the place ("Lisbon and Porto").
        let lone_place = total == 2 && v[1] == 1 && m.kind != EntityType::Location && m.end == m.start + 1 && known_place(toks[m.start].s);
        if lone_place {
            m.kind = EntityType::Location;
        } else if n * 3 >= total * 2 && n > v[index(m.kind)] && total >= 3 {
            // The shared NORP/MISC vote: nationality words stay NORP ("American" in a headline).
            let norp = best == 3 && toks[m.start..m.end].iter().all(|t| demonym(t.s).is_some());
            m.kind = if norp { EntityType::Norp } else { [EntityType::Person, EntityType::Location, EntityType::Organization, EntityType::Misc][best] };
        }
    }
}

/// Title-case lines ("American ties With Russia Improve after Boston
/// Bombing"): capitals there say nothing, so a mention's edge words that
/// are common lower-case words ("With", "Improve") are dropped unless the
/// document capitalises them in running text too. Lines of capitals are
/// left to the tagger, which learnt them from CoNLL's headlines.
const EDGE_CONTENT: bool = true;

fn trim_title_case_lines(toks: &[Tok], seg: &[bool], spans: &mut Vec<(usize, usize, u8)>) {
    let lex = crate::lexicon::lexicon();
    let n = toks.len();
    let mut title = vec![false; n];
    let mut any = false;
    let mut start = 0;
    while start < n {
        let end = (start + 1..n).find(|&k| seg.get(k).copied().unwrap_or(true)).unwrap_or(n);
        let (mut words, mut caps, mut all_caps) = (0, 0, 0);
        // Results tables ("Guy Forget ( France ) 6-4") are not headlines.
        let numbers = toks[start..end].iter().any(|t| t.kind == TokenKind::Number);
        for t in &toks[start..end] {
            // Headline style leaves short function words in lower case ("after", "in").
            let minor = t.s.starts_with(char::is_lowercase) && t.s.len() <= 5 && lex.get(t.s).is_some_and(|e| e.pos() == Pos::Function);
            if t.kind == TokenKind::Word && t.s.starts_with(char::is_alphabetic) && !minor {
                words += 1;
                caps += usize::from(t.s.starts_with(char::is_uppercase));
                all_caps += usize::from(t.s.chars().count() >= 2 && !t.s.chars().any(char::is_lowercase));
            }
        }
        let last = toks[end - 1].s;
        if !numbers && (3..=20).contains(&words) && caps * 10 >= words * 7 && all_caps * 2 < words && !matches!(last, "." | "?" | "!" | ":") {
            title[start..end].fill(true);
            any = true;
        }
        start = end;
    }
    if !any {
        return;
    }
    // Words the document capitalises in running text, not at a sentence
    // start; and words it writes in lower case there ("councils", "review"):
    // in a headline those are common words, whatever the lexicon says.
    let mut capitalised: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut lower_case: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (i, t) in toks.iter().enumerate() {
        if !title[i] && !seg.get(i).copied().unwrap_or(true) && t.s.starts_with(char::is_uppercase) {
            capitalised.insert(t.s.to_lowercase());
        }
        if !title[i] && t.kind == TokenKind::Word && t.s.starts_with(char::is_lowercase) {
            lower_case.insert(t.s);
        }
    }
    // (Not a word that heads organisations' names: "Bank", "League".)
    let written_lower = |t: &Tok| {
        t.kind == TokenKind::Word
            && !ORG_HEAD.has(t.s)
            && lower_case.contains(t.s.to_lowercase().as_str())
            && !capitalised.contains(&t.s.to_lowercase())
    };
    // A common lower-case word, not a name's: `content` adds nouns and
    // adjectives ("Summit"), dropped only at a mention's edges.
    // A verb that is also a surname ("Grow", "Rise") is still a verb at a
    // headline's edge; a first name ("Mark") is not dropped.
    let common_entry = |e: crate::lexicon::Entry, content: bool| {
        let pos = e.pos();
        let names = if pos.is_verb() { Entry::FIRST_NAME } else { Entry::FIRST_NAME | Entry::SURNAME };
        e.has(Entry::WORD)
            && e.has(Entry::IN_CORPUS)
            && !e.has(Entry::CAPITALISED | Entry::PLACE | Entry::COUNTRY | names)
            && e.ne_prior() == crate::lexicon::NePrior::None
            && (pos.is_verb()
                || matches!(pos, Pos::Function | Pos::Modal | Pos::Adverb)
                || content && matches!(pos, Pos::Noun | Pos::Adjective))
    };
    let common_word = |t: &Tok, content: bool| {
        t.kind == TokenKind::Word
            && match lex.get(t.s) {
                Some(e) if e.has(Entry::IN_CORPUS) => common_entry(e, content),
                // A third-person verb the corpus never wrote ("Expands"): its stem's.
                _ => t.s.strip_suffix('s').and_then(|stem| lex.get(stem)).is_some_and(|e| e.pos().is_verb() && common_entry(e, false)),
            }
            && !capitalised.contains(&t.s.to_lowercase())
    };
    let common = |t: &Tok| common_word(t, false) || written_lower(t);
    let mut out = Vec::with_capacity(spans.len());
    for &(a, b, k) in spans.iter() {
        if !title[a] {
            out.push((a, b, k));
            continue;
        }
        // Pieces between common words ("American Ties" | "With" | "Russia"),
        // except the joints of names ("Bank of", "Society for", "Smith and").
        let joint = |t: &Tok| matches!(t.s.to_lowercase().as_str(), "of" | "and" | "the" | "for" | "de" | "&");
        let mut p = a;
        while p < b {
            let mut q = p;
            while q < b && !(common(&toks[q]) && !(q > p && joint(&toks[q]))) {
                q += 1;
            }
            let (mut x, mut y) = (p, q);
            while x < y && common_word(&toks[x], EDGE_CONTENT) {
                x += 1;
            }
            while y > x && (common_word(&toks[y - 1], EDGE_CONTENT) || joint(&toks[y - 1])) {
                y -= 1;
            }
            if x < y {
                // A piece cut out of a longer span may be a lone place
                // ("Russia"): the tagger's type was for the longer span.
                let cut = (x, y) != (a, b);
                let place = y == x + 1 && known_place(toks[x].s);
                out.push((x, y, if cut && place { 1 } else { k }));
            }
            p = q + 1;
        }
    }
    *spans = out;
}

/// "the province of" just before token `a`.
fn place_noun_before(toks: &[Tok], a: usize) -> bool {
    a >= 2 && toks[a - 1].s == "of" && PLACE_NOUN.has(toks[a - 2].s) && toks[a - 2].sent == toks[a].sent
}

/// Whether the gazetteer knows `word` as a place or a country.
fn known_place(word: &str) -> bool {
    crate::lexicon::lexicon().get(word).is_some_and(|e| e.has(Entry::PLACE | Entry::COUNTRY))
}

/// "V.", "S.": a single-letter initial.
fn is_initial(s: &str) -> bool {
    let mut c = s.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
}

/// Mends what a left-to-right tagger gets wrong around people's names:
/// a person span never holds "and" ("Obama and President Putin" is two
/// names), and a first name, initials and a surname the tagger split
/// ("Vladimir" "V." "Putin") are one name.
fn repair_spans(toks: &[Tok], spans: &mut Vec<(usize, usize, u8)>) {
    let cap = |t: &Tok| t.kind == TokenKind::Word && t.s.chars().next().is_some_and(char::is_uppercase);
    let same = |a: usize, b: usize| toks[a].sent == toks[b].sent;
    split_at_lower_words(toks, spans);
    split_before_roles(toks, spans);
    let mut out: Vec<(usize, usize, u8)> = Vec::with_capacity(spans.len());
    for (n, &(a, b, k)) in spans.iter().enumerate() {
        let mut b = b;
        // A possessive ends a name ("Roth’s spokesman"), and so does a lower-case word.
        // But a possessive inside a name stays ("Queen's Park", "Boatmen's Bancshares").
        let inside = |c: usize| c + 1 < b && toks[c + 1].s.starts_with(char::is_uppercase);
        if let Some(p) = (a + 1..b).find(|&c| toks[c].s.starts_with(['\'', '’']) && toks[c].s.len() > 1 && !inside(c)) {
            b = p;
        }
        // A title word opens a name, never ends one ("Helen Marsh and Gen." before "Tomas Reyes").
        while b > a + 1 && TITLE.has(toks[b - 1].s) {
            b -= 1;
        }
        while b > a + 1 && toks[b - 1].kind == TokenKind::Word && toks[b - 1].s.starts_with(char::is_lowercase) {
            b -= 1;
        }
        let mut start = a;
        if k == 0 {
            for (c, tok) in toks.iter().enumerate().take(b.saturating_sub(1)).skip(a + 1) {
                if matches!(tok.s, "and" | "or" | "&") {
                    if c > start {
                        out.push((start, c, k));
                    }
                    start = c + 1;
                }
            }
        }
        if start >= b {
            continue;
        }
        // A title alone is no entity: it opens the name after it ("Mr."
        // before "Putin" the tagger left out), or is dropped when that name
        // is a span of its own (which then takes the title).
        if toks[start..b].iter().all(|t| TITLE.has(t.s)) {
            let next_start = spans.get(n + 1).map_or(usize::MAX, |s| s.0);
            let mut j = b;
            while j < toks.len() && j < next_start && same(j, start) && cap(&toks[j]) && !TITLE.has(toks[j].s) {
                j += 1;
            }
            if j > b {
                out.push((start, j, 0));
            }
            continue;
        }
        // Joins the previous person across initials, or when one of two
        // abutting spans has an initial at the seam ("Angela" "M. Roth",
        // "Dmitri S." "Peskov" whatever types the tagger gave them).
        if let Some(last) = out.last_mut() {
            if let Some(gap) = toks.get(last.1..start) {
                let initial_ends_last = last.1 - last.0 >= 2 && is_initial(toks[last.1 - 1].s);
                let seam = gap.is_empty()
                    && (k == 0 && (is_initial(toks[start].s) || is_initial(toks[last.1 - 1].s)) || initial_ends_last);
                if (seam || last.2 == 0 && !gap.is_empty() && gap.iter().all(|t| is_initial(t.s))) && same(start, last.0) {
                    last.1 = b;
                    last.2 = 0;
                    continue;
                }
            }
        }
        let next_start = spans.get(n + 1).map_or(usize::MAX, |s| s.0);
        let mut end = b;
        // A person followed by initials and a capitalised word the tagger left out.
        if k == 0 {
            let mut j = b;
            while j < toks.len() && is_initial(toks[j].s) && same(j, a) {
                j += 1;
            }
            let initial_before = is_initial(toks[b - 1].s);
            if (j > b || initial_before) && j < toks.len() && j < next_start && same(j, a) && cap(&toks[j]) {
                end = j + 1;
            }
        }
        // A name followed by an organisation head the tagger left out ("New York" "University").
        let mut kind = k;
        while end < toks.len() && end < next_start && same(end, a) && cap(&toks[end]) && ORG_HEAD.has(toks[end].s) && k != 0 {
            end += 1;
            kind = 2;
        }
        out.push((start, end, kind));
    }
    // Dotted acronyms the tagger left out ("the Russian F.S.B."): organisations.
    for (i, t) in toks.iter().enumerate() {
        let letters = t.s.chars().filter(|c| c.is_alphabetic()).count();
        let dotted = letters >= 3 && t.s.ends_with('.') && t.s.chars().all(|c| c.is_uppercase() || c == '.') && t.s.chars().filter(|&c| c == '.').count() == letters;
        if dotted && !PLACE_ACRONYM.has(t.s) && !out.iter().any(|&(a, b, _)| a <= i && i < b) {
            let at = out.partition_point(|&(a, _, _)| a < i);
            out.insert(at, (i, i + 1, 2));
        }
    }
    *spans = out;
}

/// Lower-case words that join the parts of one name ("Bank of England",
/// "Ludwig van Beethoven", "Ice Cold in Alex").
const NAME_JOINTS: &[&str] = &[
    "of", "and", "the", "for", "on", "in", "de", "la", "le", "du", "del", "della", "der", "den", "van", "von", "da",
    "di", "dos", "das", "y", "al", "bin", "ibn", "el", "upon", "at", "to", "a", "an",
];

/// A mention never runs on through another lower-case word: "Tiger Woods
/// shot 67" is "Tiger Woods", "East Fife v Clydebank" two names. Pieces
/// that do not start with a capital are dropped.
fn split_at_lower_words(toks: &[Tok], spans: &mut Vec<(usize, usize, u8)>) {
    // A dash between words ("2024 — Portugal's") breaks a name too.
    let breaks = |t: &Tok| {
        t.kind == TokenKind::Word && t.s.starts_with(char::is_lowercase) && !NAME_JOINTS.contains(&t.s) && !t.s.contains('-')
            || matches!(t.s, "—" | "–" | "--")
    };
    if !spans.iter().any(|&(a, b, _)| toks[a..b].iter().any(breaks)) {
        return;
    }
    let capital = |t: &Tok| t.s.starts_with(char::is_uppercase);
    let mut out = Vec::with_capacity(spans.len() + 4);
    for &(a, b, k) in spans.iter() {
        if !toks[a..b].iter().any(breaks) {
            out.push((a, b, k));
            continue;
        }
        let mut p = a;
        while p < b {
            let q = (p..b).find(|&q| breaks(&toks[q])).unwrap_or(b);
            if q > p && capital(&toks[p]) {
                // A lone place cut out of a longer span is a place: the
                // tagger's type was for the longer span.
                let possessive = |t: &Tok| matches!(t.s, "’s" | "'s" | "’" | "'");
                let single = q == p + 1 || q == p + 2 && possessive(&toks[p + 1]);
                let place = single && (p, q) != (a, b) && known_place(toks[p].s);
                out.push((p, q, if place { 1 } else { k }));
            }
            p = q + 1;
        }
    }
    *spans = out;
}

/// Titles that also stand inside names ("Burger King", "Prince Edward
/// Island", "Chief Executive"): never a point to split a name at.
const NAME_TITLES: &[&str] = &[
    "King", "Queen", "Prince", "Princess", "Lord", "Lady", "Sir", "Dame", "Father", "Justice", "Chief", "General", "Agent",
    "Officer", "Metropolitan", "Miss", "Judge", "Marshal", "Sultan", "Emir", "Czar", "Tsar", "Pope", "Sheikh", "Imam",
    "Speaker", "Captain", "Major",
];

/// "Federal Reserve Governor Lawrence Lindsey", "Chicago Cardinal Joseph
/// Bernardin": a role word inside a mention ends the organisation or
/// place before it and opens a person (the title is set apart later).
fn split_before_roles(toks: &[Tok], spans: &mut Vec<(usize, usize, u8)>) {
    let role = |t: &Tok| TITLE.has(t.s) && !NAME_TITLES.contains(&t.s) && t.s.len() > 3 && !t.s.ends_with('.');
    let mut k = 0;
    while k < spans.len() {
        let (a, b, kind) = spans[k];
        let cut = (a + 1..b.saturating_sub(1)).find(|&c| {
            role(&toks[c])
                && !TITLE_MODIFIER.has(toks[c - 1].s)
                && !TITLE.has(toks[c - 1].s)
                && toks[c + 1..b].iter().all(|t| t.s.starts_with(char::is_uppercase))
                && !ORG_HEAD.has(toks[b - 1].s)
        });
        if let Some(c) = cut {
            spans[k] = (a, c, kind);
            spans.insert(k + 1, (c, b, 0));
            k += 1;
        }
        k += 1;
    }
}

/// Start of the title words just before token `a` ("Secretary of State"
/// before "Helen Marsh"); `a` itself if there are none. Never reaches below `floor`.
fn title_before(toks: &[Tok], a: usize, floor: usize) -> usize {
    let mut ts = a;
    let mut titled = false;
    while ts > floor {
        let p = &toks[ts - 1];
        if p.sent != toks[a].sent {
            break;
        }
        // A modifier ("former") or "of" between a title and a modifier
        // ("Secretary of State") continues the title run.
        let continues = TITLE_MODIFIER.has(p.s)
            || (p.s == "of" && ts >= floor + 2 && ts < a && TITLE.has(toks[ts - 2].s) && TITLE_MODIFIER.has(toks[ts].s));
        if TITLE.has(p.s) {
            titled = true;
        } else if !continues {
            break;
        }
        ts -= 1;
    }
    // Leading words must lead up to a title word, not stand alone.
    if !titled {
        return a;
    }
    ts
}

/// "Tamerlan and Dzhokhar Tsarnaev": a lone first name coordinated with a
/// full name shares its surname.
fn coordinate(toks: &[Tok], ms: &mut [Mention]) {
    for k in 0..ms.len().saturating_sub(1) {
        let (m, n) = (&ms[k], &ms[k + 1]);
        if m.end - m.start == 1
            && n.end - n.start >= 2
            && n.kind == EntityType::Person
            && n.start == m.end + 1
            && toks[m.end].s == "and"
            && !crate::lexicon::lexicon()
                .get(toks[m.start].s)
                .is_some_and(|e| e.has(Entry::COUNTRY))
        {
            let surname = n.end - 1;
            let m = &mut ms[k];
            m.kind = EntityType::Person;
            m.shared_surname = Some(surname);
        }
    }
}

/// 1 if token `i` is an abbreviation ending its sentence ("Lear Corp.",
/// "Smith & Co."): its period is the sentence's, not the name's (CoNLL
/// writes "Corp ."), else 0. Dotted acronyms ("U.S.") keep theirs.
fn final_stop(text: &str, toks: &[Tok], i: usize) -> usize {
    let Some(t) = toks.get(i) else { return 0 };
    let last_in_sentence = toks.get(i + 1).is_none_or(|n| {
        n.sent != t.sent || text.get(t.span.end..n.span.start).is_some_and(|gap| gap.contains('\n'))
    });
    let abbrev = t.kind == TokenKind::Word && t.s.len() > 2 && t.s.ends_with('.') && t.s.matches('.').count() == 1;
    usize::from(last_in_sentence && abbrev && t.sent != usize::MAX)
}

/// An entity being built.
struct Group {
    kind: EntityType,
    name: String,
    words: usize,
    titles: Vec<String>,
    mentions: Vec<Span>,
    /// Token index of the latest mention, for "most recent" look-ups.
    last: usize,
}

/// Collapses whitespace inside a name ("New\nYork" → "New York").
fn name_text(text: &str, toks: &[Tok], a: usize, b: usize) -> String {
    let raw = text
        .get(toks[a].span.start..toks[b - 1].span.end)
        .unwrap_or("");
    let mut s = String::with_capacity(raw.len());
    for (k, w) in raw.split_whitespace().enumerate() {
        if k > 0 {
            s.push(' ');
        }
        s.push_str(w);
    }
    s
}

/// Whether the words between a long name and an acronym after it tie the
/// two: "(" (with `closed`: a ")" after the acronym), ", or", "or the",
/// ", known as the", ", also called". A bare comma or "the" does not: that
/// is a list ("the FBI, the CIA").
fn tied_by(gap: &str, closed: bool) -> bool {
    let mut words = 0;
    let (mut paren, mut or) = (false, false);
    for w in gap.split_whitespace().flat_map(|w| w.split_inclusive(',')) {
        words += 1;
        if words > 5 {
            return false;
        }
        match w {
            "(" => paren = true,
            "or" | "as" | "called" => or = true,
            "," | "the" | "known" | "also" | "—" => {}
            _ => return false,
        }
    }
    paren && closed || or
}

/// The key a lower-cased name is grouped by: an organisation's without its
/// corporate suffix ("apple inc." and "apple" are one company).
fn name_key(kind: EntityType, lower: &str) -> String {
    const SUFFIXES: &[&str] = &["inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "llc", "ag", "sa", "nv", "n.v.", "s.a.", "gmbh"];
    if kind != EntityType::Organization {
        return lower.to_string();
    }
    let mut key = lower.trim_end();
    if let Some((head, last)) = key.rsplit_once(' ') {
        if SUFFIXES.contains(&last) {
            key = head.trim_end().trim_end_matches(',');
        }
    }
    key.to_string()
}

/// Nouns a shared surname heads when it names a family ("the Tsarnaev brothers").
fn family_noun(word: &str) -> bool {
    matches!(word, "brothers" | "sisters" | "siblings" | "family" | "families" | "twins" | "couple" | "clan" | "household" | "dynasty")
}

/// Initial letters of a long name's capitalised words ("Federal Bureau of Investigation" → "FBI").
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect()
}

fn group(text: &str, toks: &[Tok], mentions: &[Mention]) -> Vec<Entity> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_name: HashMap<(EntityType, String), usize> = HashMap::new();
    // Lower-case first and last names of person entities → entities.
    let mut by_part: HashMap<String, Vec<usize>> = HashMap::new();
    // Initials of multi-word organisations, and acronyms → entities.
    let mut by_initials: HashMap<String, usize> = HashMap::new();
    // Surnames of families ("the Tsarnaevs") → entities.
    let mut by_family: HashMap<String, usize> = HashMap::new();

    for m in mentions {
        let single = m.end - m.start == 1;
        let word = toks[m.start].s;
        let acronym = single && is_acronym(word);
        let span = Span::new(toks[m.start].span.start, toks[m.end - 1].span.end - final_stop(text, toks, m.end - 1));
        let title = m.title.map(|(a, b)| name_text(text, toks, a, b));
        let (mut name, words) = match (m.kind, m.shared_surname) {
            (EntityType::Norp, _) => (demonym(word).unwrap_or(word).to_string(), 1),
            (_, Some(s)) => (
                format!("{} {}", name_text(text, toks, m.start, m.end), toks[s].s),
                2,
            ),
            _ => {
                let mut n = name_text(text, toks, m.start, m.end);
                if final_stop(text, toks, m.end - 1) == 1 {
                    n.pop();
                }
                (n, m.end - m.start)
            }
        };
        let key = name.to_lowercase();

        let mut found = None;
        // The surname of a family this mention names, if it names one.
        let mut family: Option<String> = None;
        // A bare first or last name joins the most recent person who has it.
        // (The tagger may call a lone surname a place or an organisation; a
        // full name earlier in the story settles it.)
        if single && !acronym && m.kind != EntityType::Norp {
            let lower = key.as_str();
            let fits = |g: &usize| m.kind == EntityType::Person || groups[*g].words >= 2;
            let best = |gs: &[usize]| gs.iter().copied().filter(fits).max_by_key(|&g| (groups[g].words >= 2, groups[g].last));
            let shared = |gs: &[usize]| gs.iter().filter(|&&g| groups[g].words >= 2).count() >= 2;
            // A surname two people share names their family when it is
            // plural ("the Tsarnaevs") or heads a family noun ("the
            // Tsarnaev brothers"); otherwise the latest person with it.
            let before_family_noun = toks.get(m.end).is_some_and(|t| family_noun(t.s));
            let plural = lower.strip_suffix('s').filter(|p| !by_part.contains_key(lower) && by_part.contains_key(*p));
            let surname = plural.unwrap_or(lower);
            match by_part.get(surname) {
                Some(gs) if shared(gs) && (plural.is_some() || before_family_noun) => family = Some(surname.to_string()),
                Some(gs) => found = best(gs),
                None => {}
            }
            if let Some(f) = &family {
                found = by_family.get(f).copied();
                if before_family_noun {
                    // Named as the text names it: "Tsarnaev brothers".
                    name = name_text(text, toks, m.start, m.end + 1);
                }
            }
        }
        if found.is_none() {
            found = by_name.get(&(m.kind, name_key(m.kind, &key))).copied();
        }
        // "Barack Obama" after "President Obama": the fuller name joins.
        if found.is_none() && m.kind == EntityType::Person && !single {
            let last = toks[m.end - 1].s.to_lowercase();
            found = by_part.get(&last).and_then(|gs| {
                gs.iter()
                    .copied()
                    .filter(|&g| groups[g].words == 1)
                    .max_by_key(|&g| groups[g].last)
            });
        }
        // An acronym joins the organisation it abbreviates: tied to it by the
        // text (right after it in parentheses, "(FSB)", or in apposition,
        // ", or F.S.B.", ", known as the F.S.B."), or spelling its initials.
        if found.is_none() && acronym {
            let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
            // Only an organisation's long form, and only one that starts
            // with the acronym's first letter: "Michael Chang (U.S.)" in a
            // results table is a player and his country, not one entity.
            let first = letters.chars().next();
            if m.kind == EntityType::Organization {
                let closed = toks.get(m.end).is_some_and(|t| t.s == ")");
                found = groups.iter().rposition(|g| {
                    g.kind == EntityType::Organization
                        && g.name.chars().next() == first
                        && g.mentions.last().is_some_and(|s| {
                            text.get(s.end..toks[m.start].span.start).is_some_and(|gap| tied_by(gap, closed))
                        })
                });
            }
            if found.is_none() {
                found = by_initials.get(&letters).copied();
            }
        }
        if found.is_none() && m.kind == EntityType::Organization && !single {
            found = by_initials
                .get(&initials(&name))
                .copied()
                .filter(|&g| groups[g].words == 1);
        }

        let g = match found {
            Some(g) => {
                let grp = &mut groups[g];
                if words > grp.words
                    && (grp.kind == EntityType::Person || grp.words == 1 && is_acronym(&grp.name))
                {
                    grp.name = name;
                    grp.words = words;
                }
                grp.mentions.push(span);
                grp.last = m.start;
                g
            }
            None => {
                groups.push(Group {
                    kind: if family.is_some() { EntityType::Person } else { m.kind },
                    name,
                    words,
                    titles: Vec::new(),
                    mentions: vec![span],
                    last: m.start,
                });
                groups.len() - 1
            }
        };
        if let Some(f) = family {
            by_family.entry(f).or_insert(g);
        }
        if let Some(t) = title {
            if !groups[g].titles.contains(&t) {
                groups[g].titles.push(t);
            }
        }
        let grp = &groups[g];
        by_name
            .entry((grp.kind, name_key(grp.kind, &grp.name.to_lowercase())))
            .or_insert(g);
        by_name.entry((m.kind, name_key(m.kind, &key))).or_insert(g);
        if grp.kind == EntityType::Person {
            let mut parts = grp.name.split_whitespace().filter(|w| !w.ends_with('.'));
            if let Some(first) = parts.next() {
                let last = parts.next_back().unwrap_or(first);
                for p in [first, last] {
                    let v = by_part.entry(p.to_lowercase()).or_default();
                    if !v.contains(&g) {
                        v.push(g);
                    }
                }
            }
        }
        if grp.kind == EntityType::Organization {
            if acronym {
                by_initials
                    .entry(word.chars().filter(|c| c.is_alphabetic()).collect())
                    .or_insert(g);
            } else if grp.words >= 2 {
                let ini = initials(&grp.name);
                if ini.len() >= 2 {
                    by_initials.entry(ini).or_insert(g);
                }
            }
        }
    }

    groups
        .into_iter()
        .enumerate()
        .map(|(i, g)| Entity {
            id: format!("e{}", i + 1),
            kind: g.kind,
            name: g.name,
            titles: g.titles,
            mentions: g.mentions,
        })
        .collect()
}
