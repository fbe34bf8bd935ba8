//! Named entities: mentions found and grouped into entities.
//!
//! A rule-based first version, to be replaced by a trained tagger behind the
//! same [`find`]. Three steps:
//! 1. **Runs**: maximal runs of capitalised tokens in a sentence, allowing
//!    initials and name connectors ("Bank of England", "bin Laden"), with
//!    sentence-initial common words left out.
//! 2. **Mentions**: titles split off ("President"), leading nationality words
//!    split off ("Russian F.S.B."), each piece classified from head words,
//!    the lexicon's gazetteers and corpus priors, and context cues.
//! 3. **Entities**: mentions grouped as a reader would: a bare surname goes to
//!    the most recent full name with it, an acronym to its long form.

mod lists;

use std::collections::{HashMap, HashSet};

use crate::document::{Entity, EntityType, Span, Token, TokenKind};
use crate::lexicon::{lexicon, Entry, NePrior, Pos};
use lists::*;

/// Entities of `text`, each with all its mentions, in order of first mention.
pub fn find(text: &str, tokens: &[Token], sentences: &[Span]) -> Vec<Entity> {
    let toks = prepare(text, tokens, sentences);
    let mentions = mentions(&toks);
    group(text, &toks, &mentions)
}

/// A token with what the rules ask of it, computed once.
struct Tok<'a> {
    s: &'a str,
    span: Span,
    kind: TokenKind,
    /// Sentence index (`usize::MAX` outside every sentence).
    sent: usize,
    /// Opens a sentence or a quotation, or sits in a headline: capitalisation
    /// says nothing there.
    initial: bool,
    /// In a headline, where every word is capitalised.
    headline: bool,
    cap: bool,
    entry: Option<Entry>,
}

impl Tok<'_> {
    fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    fn has(&self, flag: u64) -> bool {
        self.entry.is_some_and(|e| e.has(flag))
    }
    fn prior(&self) -> NePrior {
        match self.entry {
            Some(e) if e.has(Entry::IN_CORPUS) => e.ne_prior(),
            _ => NePrior::None,
        }
    }
    /// "V.", "S.": a single-letter initial.
    fn is_initial(&self) -> bool {
        let mut c = self.s.chars();
        matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
    }
}

/// Capitalised, or a lower-case Arabic article glued to a name ("al-Qaeda").
fn is_cap(s: &str) -> bool {
    let Some(first) = s.chars().next() else { return false };
    if first.is_uppercase() {
        return true;
    }
    if let Some((pre, rest)) = s.split_once('-') {
        return pre.len() <= 4 && NAME_PARTICLE.has(pre) && rest.chars().next().is_some_and(char::is_uppercase);
    }
    false
}

/// "NATO", "F.S.B.", "U.S.": letters all upper-case, at least two of them.
fn is_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && s.chars().all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
}

fn prepare<'a>(text: &'a str, tokens: &[Token], sentences: &[Span]) -> Vec<Tok<'a>> {
    let lex = lexicon();
    let mut out: Vec<Tok<'a>> = Vec::with_capacity(tokens.len());
    let mut si = 0;
    for t in tokens {
        let s = text.get(t.span.range()).unwrap_or("");
        while si < sentences.len() && sentences[si].end <= t.span.start {
            si += 1;
        }
        let sent = if si < sentences.len() && sentences[si].contains(t.span) { si } else { usize::MAX };
        let entry = if t.kind == TokenKind::Word && s.len() <= 64 { lex.get(s) } else { None };
        out.push(Tok { s, span: t.span, kind: t.kind, sent, initial: false, headline: false, cap: t.kind == TokenKind::Word && is_cap(s), entry });
    }
    // Sentence openers, quotation openers and headline words.
    let mut start = 0;
    while start < out.len() {
        let sent = out[start].sent;
        let mut end = start + 1;
        while end < out.len() && out[end].sent == sent {
            end += 1;
        }
        let words = out[start..end].iter().filter(|t| t.is_word() && t.s.chars().next().is_some_and(char::is_alphabetic));
        let (mut n, mut caps) = (0, 0);
        for w in words {
            n += 1;
            caps += w.cap as usize;
        }
        let last = out[end - 1].s;
        let headline = n >= 3 && caps * 10 >= n * 6 && !matches!(last, "." | "?" | "!" | "”" | "\"" | "…");
        let mut opener = true;
        for t in &mut out[start..end] {
            if t.kind == TokenKind::Punct {
                if matches!(t.s, "“" | "\"" | "‘" | ":" | "(" | "[" | "—" | "–" | "-" | "--") {
                    opener = true;
                }
                continue;
            }
            t.initial = opener || headline || sent == usize::MAX;
            t.headline = headline;
            opener = false;
        }
        start = end;
    }
    out
}

/// Document-wide capitalisation evidence for words the news corpus lacks.
struct Evidence<'a> {
    cap_mid: HashSet<&'a str>,
    lower: HashSet<&'a str>,
}

fn evidence<'a>(toks: &[Tok<'a>]) -> Evidence<'a> {
    let mut ev = Evidence { cap_mid: HashSet::new(), lower: HashSet::new() };
    for t in toks.iter().filter(|t| t.is_word()) {
        if t.cap {
            if !t.initial {
                ev.cap_mid.insert(t.s);
            }
        } else if t.entry.is_some_and(|e| !e.has(Entry::IN_CORPUS)) {
            ev.lower.insert(t.s);
        }
    }
    ev
}

/// Whether a capitalised sentence-initial token is an ordinary word that is
/// capitalised only because of where it stands.
fn is_common_initial(t: &Tok, next_cap: bool, ev: &Evidence) -> bool {
    if TITLE.has(t.s) || demonym(t.s).is_some() {
        return false;
    }
    // Headlines capitalise every word: only known names and words the
    // article itself capitalises mid-sentence count.
    if t.headline {
        let namey = t.entry.is_some_and(|e| {
            e.has(Entry::CAPITALISED | Entry::PLACE | Entry::COUNTRY) || e.has(Entry::IN_CORPUS) && e.ne_prior() != NePrior::None
        });
        return !(namey || ev.cap_mid.contains(t.s) || is_acronym(t.s) && t.s.len() <= 5);
    }
    let Some(e) = t.entry else {
        // An unknown word with an everyday English ending ("Sentencing is …") is no name.
        return !next_cap && t.s.len() > 6 && ["ing", "ed", "tion", "ment", "ness", "ity", "ly"].iter().any(|x| t.s.ends_with(x));
    };
    if matches!(e.pos(), Pos::Function | Pos::Modal | Pos::Adverb | Pos::Number) && !e.has(Entry::CAPITALISED) {
        return true;
    }
    if e.has(Entry::CAPITALISED) {
        return false;
    }
    if e.has(Entry::IN_CORPUS) {
        return !next_cap;
    }
    if ev.cap_mid.contains(t.s) {
        return false;
    }
    if t.s.len() <= 32 && ev.lower.contains(t.s.to_lowercase().as_str()) {
        return true;
    }
    let namey = e.has(Entry::FIRST_NAME | Entry::SURNAME | Entry::PLACE | Entry::COUNTRY);
    e.has(Entry::WORD) && e.rank().is_some_and(|r| r <= 20_000) && !namey && !next_cap
}

/// Whether token `i` may stand inside a name.
fn nameish(toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    if !t.cap || t.s == "I" {
        return false;
    }
    if WEEKDAY_MONTH.has(t.s) {
        return false;
    }
    // "May" the month, not "Theresa May".
    if t.s == "May" {
        let prev = i.checked_sub(1).map(|p| toks[p].s).unwrap_or("");
        let next_num = toks.get(i + 1).is_some_and(|n| n.kind == TokenKind::Number);
        if next_num || matches!(prev, "in" | "on" | "of" | "since" | "until" | "by" | "last" | "next" | "early" | "late" | "mid" | "through")
            || toks.get(i.wrapping_sub(1)).is_some_and(|p| p.kind == TokenKind::Number)
        {
            return false;
        }
    }
    true
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
    /// Classified from solid evidence (lexicon, head word, cue) rather than by default.
    strong: bool,
    /// Token holding the surname this mention shares ("Tamerlan and Dzhokhar Tsarnaev").
    shared_surname: Option<usize>,
}

fn mentions(toks: &[Tok]) -> Vec<Mention> {
    let ev = evidence(toks);
    let mut out = Vec::new();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let sent = toks[i].sent;
        let mut end = i + 1;
        while end < toks.len() && toks[end].sent == sent {
            end += 1;
        }
        runs.clear();
        find_runs(toks, i, end, &ev, &mut runs);
        let first = out.len();
        for &(a, b) in &runs {
            split_run(toks, a, b, &mut out);
        }
        coordinate(toks, &mut out[first..]);
        i = end;
    }
    out
}

/// Maximal runs of name tokens in sentence tokens `[start, end)`.
fn find_runs(toks: &[Tok], start: usize, end: usize, ev: &Evidence, runs: &mut Vec<(usize, usize)>) {
    // In a headline a capitalised next word says nothing about this one.
    let next_cap = |i: usize| i + 1 < end && nameish(toks, i + 1) && !toks[i].headline;
    let can_start = |i: usize| nameish(toks, i) && !(toks[i].initial && is_common_initial(&toks[i], next_cap(i), ev));
    let mut i = start;
    while i < end {
        if !can_start(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            // Only headlines have "initial" tokens inside a run.
            if j < end && nameish(toks, j) && !(toks[j].initial && is_common_initial(&toks[j], next_cap(j), ev)) {
                j += 1;
                continue;
            }
            if j + 1 < end && nameish(toks, j + 1) && connector_ok(toks, j) {
                j += 2;
                continue;
            }
            break;
        }
        runs.push((i, j));
        i = j;
    }
}

/// Whether token `j`, between name tokens `j-1` and `j+1`, joins them.
fn connector_ok(toks: &[Tok], j: usize) -> bool {
    let (prev, c, next) = (&toks[j - 1], &toks[j], &toks[j + 1]);
    match c.s {
        "of" => {
            ORG_HEAD.has(prev.s) || LOC_HEAD.has(prev.s) || (TITLE.has(prev.s) && TITLE_MODIFIER.has(next.s))
        }
        "&" => true,
        s => NAME_PARTICLE.has(s) && c.span.start > prev.span.end,
    }
}

/// Splits a run into title, nationality word and name, and classifies.
fn split_run(toks: &[Tok], a: usize, b: usize, out: &mut Vec<Mention>) {
    // A title: the first title word followed by a name, with the modifiers before it.
    let mut title = None;
    let mut name_start = a;
    if let Some(t) = (a..b).find(|&k| TITLE.has(toks[k].s) && k + 1 < b) {
        let mut ts = t;
        while ts > a && TITLE_MODIFIER.has(toks[ts - 1].s) {
            ts -= 1;
        }
        let mut te = t + 1;
        while te < b {
            if TITLE.has(toks[te].s) || TITLE_MODIFIER.has(toks[te].s) && te + 1 < b {
                te += 1;
            } else if toks[te].s == "of" && te + 2 < b && TITLE_MODIFIER.has(toks[te + 1].s) {
                te += 2;
            } else {
                break;
            }
        }
        // "General Motors" is a company, not a general.
        let org_name = te < b && (ORG_HEAD.has(toks[b - 1].s) || MISC_HEAD.has(toks[b - 1].s));
        if te < b && !org_name {
            if ts > a {
                split_run(toks, a, ts, out);
            }
            title = Some((ts, te));
            name_start = te;
        } else if te >= b {
            // Only a title ("the President said"): no name here.
            if ts > a {
                split_run(toks, a, ts, out);
            }
            return;
        }
    }
    // A leading nationality word stands alone unless it begins a longer name
    // ("Russian Orthodox Church", "American Airlines").
    if title.is_none() && b - name_start >= 2 && demonym(toks[name_start].s).is_some() {
        let last = toks[b - 1].s;
        let whole = ORG_HEAD.has(last) || LOC_HEAD.has(last) || MISC_HEAD.has(last) || (b - name_start >= 3 && !is_acronym(toks[name_start + 1].s));
        if !whole {
            out.push(Mention { start: name_start, end: name_start + 1, title: None, kind: EntityType::Norp, strong: true, shared_surname: None });
            split_run(toks, name_start + 1, b, out);
            return;
        }
    }
    // A name never ends in a connector or particle.
    let mut end = b;
    while end > name_start && !toks[end - 1].cap {
        end -= 1;
    }
    if end == name_start {
        return;
    }
    let Some((kind, strong)) = classify(toks, name_start, end, title.is_some()) else { return };
    out.push(Mention { start: name_start, end, title, kind, strong, shared_surname: None });
}

/// "Tamerlan and Dzhokhar Tsarnaev": a lone first name coordinated with a
/// full name shares its surname.
fn coordinate(toks: &[Tok], ms: &mut [Mention]) {
    for k in 0..ms.len().saturating_sub(1) {
        let (m, n) = (&ms[k], &ms[k + 1]);
        if m.end - m.start == 1 && n.end - n.start >= 2 && n.kind == EntityType::Person && n.start == m.end + 1 && toks[m.end].s == "and" && !toks[m.start].has(Entry::COUNTRY) {
            let surname = n.end - 1;
            let m = &mut ms[k];
            m.kind = EntityType::Person;
            m.strong = true;
            m.shared_surname = Some(surname);
        }
    }
}

fn lower_key(toks: &[Tok], a: usize, b: usize) -> String {
    let mut key = String::new();
    for t in &toks[a..b] {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&t.s.to_lowercase());
    }
    key
}

/// Type of the name in tokens `[a, b)`, and whether the evidence is solid.
/// `None` drops the run (a capitalised common word, not a name).
fn classify(toks: &[Tok], a: usize, b: usize, titled: bool) -> Option<(EntityType, bool)> {
    use EntityType::*;
    let n = b - a;
    let first = &toks[a];
    let last = &toks[b - 1];
    let prev = a.checked_sub(1).map(|p| &toks[p]).filter(|p| p.sent == first.sent);
    let prev_word = prev.map_or("", |p| p.s);
    let next_word = toks.get(b).filter(|t| t.sent == first.sent).map_or("", |t| t.s);

    if titled {
        return Some((Person, true));
    }
    if toks[a..b].iter().all(|t| demonym(t.s).is_some()) {
        return Some((Norp, true));
    }
    if n >= 2 {
        if let Some(e) = lexicon().get_lower(&lower_key(toks, a, b)) {
            if e.has(Entry::COUNTRY | Entry::PLACE) {
                return Some((Location, true));
            }
        }
        // The head is the word before "of" if there is one ("Bank of England").
        let head = (a + 1..b).find(|&k| toks[k].s == "of").map_or(last, |k| &toks[k - 1]);
        if ORG_HEAD.has(head.s) {
            return Some((Organization, true));
        }
        if MISC_HEAD.has(last.s) {
            return Some((Misc, true));
        }
        if LOC_HEAD.has(head.s) {
            return Some((Location, true));
        }
        if LOC_PREFIX.has(first.s) && toks[a + 1..b].iter().any(|t| t.has(Entry::PLACE | Entry::COUNTRY) || t.prior() == NePrior::Location) {
            return Some((Location, true));
        }
    }
    if n == 1 && PLACE_ACRONYM.has(first.s) {
        return Some((Location, true));
    }
    if n == 1 && is_acronym(first.s) {
        let kind = match first.entry {
            Some(e) if e.has(Entry::COUNTRY) => Location,
            Some(e) if e.has(Entry::IN_CORPUS) => match e.ne_prior() {
                NePrior::Location => Location,
                NePrior::Person => Person,
                NePrior::Misc => Misc,
                _ => Organization,
            },
            Some(e) if e.has(Entry::PLACE) => Location,
            _ => Organization,
        };
        return Some((kind, true));
    }
    // "the newspaper Novaya Gazeta", "the agency Interfax".
    if ORG_CUE.has(prev_word) {
        return Some((Organization, true));
    }
    if n >= 2 {
        let particle = toks[a..b].iter().any(|t| NAME_PARTICLE.has(t.s) || t.s.contains('-') && !t.s.starts_with(char::is_uppercase));
        let first_name = first.has(Entry::FIRST_NAME) && first.has(Entry::CAPITALISED) || first.prior() == NePrior::Person;
        if toks[a..b].iter().any(Tok::is_initial) || first_name || particle {
            return Some((Person, true));
        }
    }
    if n == 1 {
        if let Some(e) = first.entry {
            if e.has(Entry::COUNTRY) {
                return Some((Location, true));
            }
            let prior = first.prior();
            if e.has(Entry::PLACE) && prior != NePrior::Person {
                return Some((Location, true));
            }
            match prior {
                NePrior::Location => return Some((Location, true)),
                NePrior::Organization => return Some((Organization, true)),
                NePrior::Misc => return Some((Misc, true)),
                NePrior::Person => return Some((Person, true)),
                NePrior::None => {}
            }
            // A capitalised everyday word ("the Bombing" in a headline) is no name.
            if e.has(Entry::IN_CORPUS) && !e.has(Entry::CAPITALISED) && e.pos() != Pos::ProperNoun {
                return None;
            }
        }
    } else {
        // Vote of the words' corpus priors, the last word breaking ties.
        let mut votes = [0u8; 5];
        for t in &toks[a..b] {
            votes[t.prior() as usize] += 1;
        }
        let best = (1..5).max_by_key(|&k| (votes[k], (last.prior() as usize == k) as u8)).unwrap_or(0);
        if votes[best] > 0 {
            let kind = match NePrior::from_code(best as u8) {
                NePrior::Location => Location,
                NePrior::Organization => Organization,
                NePrior::Misc => Misc,
                _ => Person,
            };
            return Some((kind, false));
        }
    }
    // Context cues for names the lexicon does not know.
    let of_place = prev_word == "of" && a >= 2 && LOC_OF_CUE.has(toks[a - 2].s);
    if LOC_PREPOSITION.has(prev_word) || of_place {
        return Some((Location, of_place || n == 1 && !first.has(Entry::FIRST_NAME | Entry::SURNAME)));
    }
    if PERSON_CUE_AFTER.has(next_word) {
        return Some((Person, true));
    }
    if n >= 2 {
        return Some((Person, false));
    }
    if first.has(Entry::FIRST_NAME | Entry::SURNAME) {
        return Some((Person, false));
    }
    Some((Misc, false))
}

/// An entity being built.
struct Group {
    kind: EntityType,
    strong: bool,
    name: String,
    words: usize,
    titles: Vec<String>,
    mentions: Vec<Span>,
    /// Token index of the latest mention, for "most recent" look-ups.
    last: usize,
}

/// Collapses whitespace inside a name ("New\nYork" → "New York").
fn name_text(text: &str, toks: &[Tok], a: usize, b: usize) -> String {
    let raw = text.get(toks[a].span.start..toks[b - 1].span.end).unwrap_or("");
    let mut s = String::with_capacity(raw.len());
    for (k, w) in raw.split_whitespace().enumerate() {
        if k > 0 {
            s.push(' ');
        }
        s.push_str(w);
    }
    s
}

/// Initial letters of a long name's capitalised words ("Federal Bureau of Investigation" → "FBI").
fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next().filter(|c| c.is_uppercase())).collect()
}

fn group(text: &str, toks: &[Tok], mentions: &[Mention]) -> Vec<Entity> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    // Lower-case first and last names of person entities → entities.
    let mut by_part: HashMap<String, Vec<usize>> = HashMap::new();
    // Initials of multi-word organisations, and acronyms → entities.
    let mut by_initials: HashMap<String, usize> = HashMap::new();

    for m in mentions {
        let single = m.end - m.start == 1;
        let word = toks[m.start].s;
        let acronym = single && is_acronym(word);
        let span = Span::new(toks[m.start].span.start, toks[m.end - 1].span.end);
        let title = m.title.map(|(a, b)| name_text(text, toks, a, b));
        let (name, words) = match (m.kind, m.shared_surname) {
            (EntityType::Norp, _) => (demonym(word).unwrap_or(word).to_string(), 1),
            (_, Some(s)) => (format!("{} {}", name_text(text, toks, m.start, m.end), toks[s].s), 2),
            _ => (name_text(text, toks, m.start, m.end), m.end - m.start),
        };
        let key = name.to_lowercase();

        let mut found = None;
        // A bare first or last name joins the most recent person who has it.
        if single && !acronym && m.kind != EntityType::Norp && (m.kind == EntityType::Person || !m.strong || toks[m.start].prior() == NePrior::Person) {
            let lower = key.as_str();
            let plural = lower.strip_suffix('s').unwrap_or(lower);
            found = [lower, plural]
                .iter()
                .filter_map(|k| by_part.get(*k))
                .flatten()
                .copied()
                .max_by_key(|&g| (groups[g].words >= 2, groups[g].last));
        }
        if found.is_none() {
            found = by_name.get(&key).copied();
        }
        // "Barack Obama" after "President Obama": the fuller name joins.
        if found.is_none() && m.kind == EntityType::Person && !single {
            let last = toks[m.end - 1].s.to_lowercase();
            found = by_part.get(&last).and_then(|gs| gs.iter().copied().filter(|&g| groups[g].words == 1).max_by_key(|&g| groups[g].last));
        }
        // An acronym joins the organisation it abbreviates: parenthesised
        // right after it, or spelling its initials.
        if found.is_none() && acronym {
            let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
            let paren = m.start >= 2 && toks[m.start - 1].s == "(" && toks.get(m.end).is_some_and(|t| t.s == ")");
            if paren {
                found = groups.iter().rposition(|g| g.mentions.last().is_some_and(|s| s.end == toks[m.start - 1].span.start || text.get(s.end..toks[m.start - 1].span.start).is_some_and(|gap| gap.trim().is_empty())));
            }
            if found.is_none() {
                found = by_initials.get(&letters).copied();
            }
        }
        if found.is_none() && m.kind == EntityType::Organization && !single {
            found = by_initials.get(&initials(&name)).copied().filter(|&g| groups[g].words == 1);
        }

        let g = match found {
            Some(g) => {
                let grp = &mut groups[g];
                // Solid evidence settles a type guessed by default.
                if m.strong && !grp.strong && !(single && grp.kind == EntityType::Person) {
                    grp.kind = m.kind;
                    grp.strong = true;
                }
                if words > grp.words && (grp.kind == EntityType::Person || grp.words == 1 && is_acronym(&grp.name)) {
                    grp.name = name;
                    grp.words = words;
                }
                grp.mentions.push(span);
                grp.last = m.start;
                g
            }
            None => {
                groups.push(Group { kind: m.kind, strong: m.strong, name, words, titles: Vec::new(), mentions: vec![span], last: m.start });
                groups.len() - 1
            }
        };
        if let Some(t) = title {
            if !groups[g].titles.contains(&t) {
                groups[g].titles.push(t);
            }
        }
        let grp = &groups[g];
        by_name.entry(grp.name.to_lowercase()).or_insert(g);
        by_name.entry(key).or_insert(g);
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
                by_initials.entry(word.chars().filter(|c| c.is_alphabetic()).collect()).or_insert(g);
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
        .map(|(i, g)| Entity { id: format!("e{}", i + 1), kind: g.kind, name: g.name, titles: g.titles, mentions: g.mentions })
        .collect()
}
