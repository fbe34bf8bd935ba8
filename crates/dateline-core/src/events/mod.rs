//! Events and the timeline.
//!
//! 1. **Mentions**: the trained tagger ([`tagger`], an averaged perceptron
//!    over `data/events.bin`, trained on TimeBank by `cargo xtask
//!    train-events`) labels each word with a TimeML class or nothing. The
//!    rule-based finder (`triggers`: verbs by lexicon part of speech,
//!    event nouns from a list) is one of its features, stands alone when
//!    the model is missing, and keeps the listed event nouns the model
//!    doubts ("blast").
//! 2. **Anchors**: each mention takes the date or time expression of its
//!    clause that places it on the calendar ("stay … in 2012", "spoke on
//!    Monday"; none in a condition: "if we pass it … at 2 in the
//!    morning"; not a reporting verb's when the expression fronts the verb
//!    of the clause it reports: "said the two presidents on Monday reached"); [`mentions`] also gives a looser link to an expression of
//!    any type, the sentence's nearest or the one before (what TimeML's
//!    event–time links measure).
//! 3. **Story events**: mentions of one happening merged — same word or
//!    synonym ("conversation" / "spoke") at the same time, a later definite
//!    noun referring back ("the conversation"), a participle right after
//!    its noun ("warnings sent … in 2011"), a light verb and its object
//!    noun ("reached an agreement"); then drafts of one synonym group with
//!    a shared person and the same time, or a shared duration ("the six
//!    months he spent" / "his six-month stay"), or one undated and a shared
//!    place ("visited …"). Titles are short phrases from
//!    the text, or for a happening told by both a noun and a verb, a
//!    headline from the people the noun names ("A and B speak on telephone").
//!    Each carries its participants (people and organisations first), its
//!    place (a location after "in"/"at", or before its noun: "the Boston
//!    bombing") and a duration told with it ("his six-month stay"), so the
//!    timeline can draw "2012 · six months".
//! 4. **Timeline** ([`timeline`], `order.rs`): dated events and prominent
//!    undated ones — told twice and named by a noun of a concrete happening
//!    (not "cooperation", nor a STATE/I_STATE, unless a happening acts on
//!    it: "the agreement was signed"); reports stay, with class REPORTING.

mod anchor;
mod order;
pub mod tagger;
pub mod timeml;
mod words;

pub use order::timeline;

use std::collections::HashMap;

use crate::document::{
    Document, EntityType, Event, EventClass, EventTime, Span, TimexType, TokenKind,
};
use crate::lexicon::{lexicon, Pos};

/// A token with the facts the rules ask of it.
struct Tok<'a> {
    s: &'a str,
    /// Lower-case form and lemma (empty for non-words).
    lower: String,
    lemma: String,
    /// Frequency rank bucket (0 = unranked).
    rank: u32,
    kind: TokenKind,
    sent: usize,
    /// Entity whose mention covers the token.
    entity: Option<usize>,
    /// Time expression covering the token.
    timex: Option<usize>,
    pos: Pos,
    /// Set once triggers are found.
    event: Option<EventClass>,
}

/// One trigger.
struct Mention {
    tok: usize,
    lemma: String,
    group: String,
    nominal: bool,
    class: EventClass,
    /// Date or time expression that places it on the calendar.
    time: Option<usize>,
    /// Time expression of any type that anchors it (a duration too).
    link: Option<usize>,
}

struct Ctx<'a> {
    doc: &'a Document,
    toks: Vec<Tok<'a>>,
    /// Token range of each sentence.
    sents: Vec<(usize, usize)>,
    /// Time expressions of each sentence, with their token ranges.
    sent_timexes: Vec<Vec<(usize, usize, usize)>>,
    /// For each token, the person named last before it (the token of the
    /// mention's last word and the entity), so "the person told before" is
    /// one look-up, not a scan back.
    person_before: Vec<Option<usize>>,
}

/// Tokens either side of a trigger that its sentence is read over: a whole
/// real sentence, while a "sentence" of thousands of tokens (a table,
/// junk without full stops) costs no more per trigger than a long one.
const SENTENCE_REACH: usize = 80;

impl<'a> Ctx<'a> {
    fn new(doc: &'a Document) -> Ctx<'a> {
        let lex = lexicon();
        let mut toks: Vec<Tok<'a>> = Vec::with_capacity(doc.tokens.len());
        let mut si = 0;
        for t in &doc.tokens {
            while si < doc.sentences.len() && doc.sentences[si].end <= t.span.start {
                si += 1;
            }
            let sent = if si < doc.sentences.len() && doc.sentences[si].contains(t.span) { si } else { usize::MAX };
            let s = doc.slice(t.span);
            let entry = if t.kind == TokenKind::Word && s.len() <= 48 {
                lex.get(s)
            } else {
                None
            };
            let pos = entry.map_or(Pos::Unknown, |e| e.pos());
            let rank = entry
                .and_then(|e| e.rank())
                .map_or(0, |r| 32 - r.leading_zeros());
            let (lower, lemma) = if t.kind == TokenKind::Word && s.len() <= 48 {
                let lower = s.to_lowercase();
                let lemma = words::lemma(&lower);
                (lower, lemma)
            } else {
                (s.to_string(), String::new())
            };
            toks.push(Tok {
                s,
                lower,
                lemma,
                rank,
                kind: t.kind,
                sent,
                entity: None,
                timex: None,
                pos,
                event: None,
            });
        }
        // Entity and timex coverage: one sorted sweep each, no scan per token.
        let mut spans: Vec<(usize, usize, usize)> =
            doc.entities.iter().enumerate().flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.start, m.end, i))).collect();
        spans.sort_unstable();
        cover(doc, &spans, &mut toks, |t, i| t.entity = Some(i));
        let mut spans: Vec<(usize, usize, usize)> = doc.timexes.iter().enumerate().map(|(i, t)| (t.span.start, t.span.end, i)).collect();
        spans.sort_unstable();
        cover(doc, &spans, &mut toks, |t, i| t.timex = Some(i));

        let mut sents = vec![(0, 0); doc.sentences.len()];
        let mut k = 0;
        for (i, sent) in sents.iter_mut().enumerate() {
            while k < toks.len() && toks[k].sent < i {
                k += 1;
            }
            let start = k;
            while k < toks.len() && toks[k].sent == i {
                k += 1;
            }
            *sent = (start, k);
        }
        // Time expressions of each sentence as token runs.
        let mut sent_timexes = vec![Vec::new(); sents.len()];
        for (si, &(a, b)) in sents.iter().enumerate() {
            let mut k = a;
            while k < b {
                let Some(ti) = toks[k].timex else {
                    k += 1;
                    continue;
                };
                let start = k;
                while k < b && toks[k].timex == Some(ti) {
                    k += 1;
                }
                sent_timexes[si].push((ti, start, k));
            }
        }
        let mut person_before = Vec::with_capacity(toks.len());
        let mut last = None;
        for t in &toks {
            person_before.push(last);
            if let Some(e) = t.entity.filter(|&e| doc.entities[e].kind == EntityType::Person) {
                last = Some(e);
            }
        }
        Ctx { doc, toks, sents, sent_timexes, person_before }
    }

    /// The token range of `i`'s sentence, at most [`SENTENCE_REACH`] either side of it.
    fn around(&self, i: usize) -> (usize, usize) {
        let (a, b) = self.sents.get(self.toks[i].sent).copied().unwrap_or((i, i + 1));
        (a.max(i.saturating_sub(SENTENCE_REACH)), b.min(i + SENTENCE_REACH))
    }

    fn lower(&self, i: usize) -> String {
        self.toks[i].lower.clone()
    }
}

/// Marks tokens overlapping sorted spans `(start, end, index)`.
fn cover(doc: &Document, spans: &[(usize, usize, usize)], toks: &mut [Tok], mut set: impl FnMut(&mut Tok, usize)) {
    let mut k = 0;
    for (t, tok) in doc.tokens.iter().zip(toks.iter_mut()) {
        while k < spans.len() && spans[k].1 <= t.span.start {
            k += 1;
        }
        if k < spans.len() && spans[k].0 < t.span.end {
            set(tok, spans[k].2);
        }
    }
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these", "those", "no", "any",
    "each", "every", "another", "two", "three", "several", "many", "some", "both", "first", "last", "recent", "new",
];
const POSSESSIVE_PRONOUNS: &[&str] = &["his", "her", "their", "its"];
/// Words that end a clause: a time expression on the other side belongs elsewhere.
const BOUNDARIES: &[&str] = &[";", ":", "that", "which", "who", "whom", "because", "but", "although", "though", "while", "whereas", "—"];
const TIME_CUES: &[&str] = &["in", "on", "during", "over", "since", "at", "by", "until", "last", "this", "next", "earlier", "late", "early"];

/// Events of the document (needs text, tokens, sentences, entities, timexes, dct).
pub fn find(doc: &Document) -> Vec<Event> {
    let (ctx, mentions) = detect(doc);
    merge(&ctx, &mentions)
}

/// One event mention as the pipeline finds it, before mentions are merged
/// into story events (what `dateline eval events` scores).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MentionInfo {
    /// The trigger word, in `doc.text`.
    pub span: Span,
    pub class: EventClass,
    /// Index into `doc.timexes` of the expression anchoring it, of any type.
    pub anchor: Option<usize>,
    /// Index into `doc.timexes` of the date or time placing it on the calendar.
    pub time: Option<usize>,
}

/// Every event mention of the document, in text order.
pub fn mentions(doc: &Document) -> Vec<MentionInfo> {
    let (ctx, mentions) = detect(doc);
    mentions
        .iter()
        .map(|m| MentionInfo {
            span: ctx.doc.tokens[m.tok].span,
            class: m.class,
            anchor: m.link,
            time: m.time,
        })
        .collect()
}

/// Mentions (the tagger's, else the rules'), anchored.
fn detect(doc: &Document) -> (Ctx<'_>, Vec<Mention>) {
    let mut ctx = Ctx::new(doc);
    let rules = triggers(&mut ctx);
    let mut mentions = match tagger::model() {
        None => rules,
        Some(model) => {
            let tags = tagger::tag(&ctx, model);
            let mut rules = rules.into_iter().peekable();
            let mut out = Vec::new();
            for (i, &c) in tags.iter().enumerate() {
                ctx.toks[i].event = tagger::LABELS[c];
                let rule = loop {
                    match rules.peek() {
                        Some(m) if m.tok < i => {
                            rules.next();
                        }
                        Some(m) if m.tok == i => break rules.next(),
                        _ => break None,
                    }
                };
                // A noun of the curated event list stays an event when the model doubts it.
                let listed = rule.as_ref().filter(|m| m.nominal && words::is_nominal(&m.lemma)).map(|m| m.class);
                let Some(class) = tagger::LABELS[c].or(listed) else {
                    continue;
                };
                if auxiliary(&ctx, i) {
                    ctx.toks[i].event = None;
                    continue;
                }
                ctx.toks[i].event = Some(class);
                let m = match rule {
                    Some(mut m) => {
                        m.class = class;
                        m
                    }
                    None => {
                        let t = &ctx.toks[i];
                        let lemma = t.lemma.clone();
                        let group = words::synonym_group(&lemma).to_string();
                        Mention {
                            tok: i,
                            lemma,
                            group,
                            nominal: guess_nominal(&ctx, i),
                            class,
                            time: None,
                            link: None,
                        }
                    }
                };
                out.push(m);
            }
            out
        }
    };
    for m in &mut mentions {
        m.time = if hypothetical(&ctx, m.tok) {
            None
        } else {
            anchor(&ctx, m, false)
        };
        m.link = anchor(&ctx, m, true);
    }
    (ctx, mentions)
}

/// One mention's anchoring candidates, for training the ranker.
#[derive(Clone, Debug)]
pub struct AnchorSample {
    /// The mention's trigger, in `doc.text`.
    pub span: Span,
    /// Each candidate time expression's span (in `doc.text`) and features.
    pub candidates: Vec<(Span, Vec<u32>)>,
    /// The candidate the hand rules pick.
    pub rule: Option<usize>,
}

/// Every mention's anchoring candidates with their features (see `anchor.rs`).
pub fn anchor_training(doc: &Document) -> Vec<AnchorSample> {
    let (ctx, mentions) = detect(doc);
    let mut out = Vec::with_capacity(mentions.len());
    for m in &mentions {
        let rule_any = anchor(&ctx, m, true);
        let cands = anchor::candidates(&ctx, m.tok);
        let mut candidates = Vec::with_capacity(cands.len());
        for &c in &cands {
            let mut v = Vec::new();
            anchor::features(&ctx, m, c, rule_any, m.time, &mut v);
            candidates.push((ctx.doc.timexes[c.0].span, v));
        }
        out.push(AnchorSample {
            span: ctx.doc.tokens[m.tok].span,
            rule: cands.iter().position(|c| Some(c.0) == rule_any),
            candidates,
        });
    }
    out
}

/// Whether a form of "have", "be" or "do" is an auxiliary here: a verb
/// follows over adverbs, negation and quotes ("had “noticeably
/// intensified", "had not been able"). TimeML marks the verb, never the
/// auxiliary.
fn auxiliary(ctx: &Ctx, i: usize) -> bool {
    let t = &ctx.toks[i];
    if !matches!(t.lemma.as_str(), "have" | "be" | "do") {
        return false;
    }
    for n in ctx.toks.iter().skip(i + 1).take(4) {
        if n.sent != t.sent {
            return false;
        }
        if n.pos == Pos::Adverb || n.lower.ends_with("ly") || matches!(n.lower.as_str(), "not" | "n't" | "never" | "“" | "\"" | "‘") {
            continue;
        }
        return n.pos.is_verb() && n.pos != Pos::VerbPresent || matches!(n.lower.as_str(), "been" | "being");
    }
    false
}

/// Whether the trigger's clause is a condition or a supposition ("if we
/// pass it …", "would meet"): no calendar time for what may not happen.
fn hypothetical(ctx: &Ctx, i: usize) -> bool {
    let sent = ctx.toks[i].sent;
    for k in (i.saturating_sub(8)..i).rev() {
        let t = &ctx.toks[k];
        if t.sent != sent || BOUNDARIES.contains(&t.s) || t.s == "," {
            return false;
        }
        if matches!(
            t.lower.as_str(),
            "if" | "unless" | "whether" | "might" | "could"
        ) {
            return true;
        }
    }
    false
}

/// Whether a tagged word the rules did not propose is a noun here.
fn guess_nominal(ctx: &Ctx, i: usize) -> bool {
    let t = &ctx.toks[i];
    let prev = i
        .checked_sub(1)
        .map(|p| &ctx.toks[p])
        .filter(|p| p.sent == t.sent);
    let after_det = prev.is_some_and(|p| {
        DETERMINERS.contains(&p.lower.as_str())
            || matches!(p.s, "’s" | "'s")
            || p.pos == Pos::Adjective
    });
    let after_aux = prev.is_some_and(|p| {
        matches!(
            p.lower.as_str(),
            "to" | "will"
                | "would"
                | "has"
                | "have"
                | "had"
                | "be"
                | "is"
                | "are"
                | "was"
                | "were"
                | "been"
                | "not"
                | "n't"
        )
    });
    !after_aux && (after_det || matches!(t.pos, Pos::Noun | Pos::ProperNoun))
}

/// Finds trigger tokens, marking them on `ctx.toks`.
fn triggers(ctx: &mut Ctx) -> Vec<Mention> {
    let mut out = Vec::new();
    for i in 0..ctx.toks.len() {
        let t = &ctx.toks[i];
        if t.kind != TokenKind::Word || t.entity.is_some() || t.timex.is_some() || t.sent == usize::MAX || t.s.len() > 30 {
            continue;
        }
        if !t.s.chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        let lower = ctx.lower(i);
        if lower.is_empty() || words::is_not_event(&lower) {
            continue;
        }
        // "going to": a future, not a movement.
        if lower == "going" && ctx.toks.get(i + 1).is_some_and(|n| n.s == "to") {
            continue;
        }
        let lemma = t.lemma.clone();
        let prev = i
            .checked_sub(1)
            .map(|p| &ctx.toks[p])
            .filter(|p| p.sent == t.sent);
        let next = ctx.toks.get(i + 1).filter(|n| n.sent == t.sent);
        let prev_lower = prev.map(|p| p.s.to_lowercase()).unwrap_or_default();
        let after_det = DETERMINERS.contains(&prev_lower.as_str())
            || prev.is_some_and(|p| matches!(p.s, "’s" | "'s") || p.entity.is_some() || p.timex.is_some() || matches!(p.pos, Pos::Adjective | Pos::Noun) || p.kind == TokenKind::Number);
        let before_of = next.is_some_and(|n| n.s == "of");
        let nominal_word = words::is_nominal(&lemma) || words::is_nominal(&lower);
        let verb = t.pos.is_verb() || guess_verb(t.pos, &lower, &lemma, prev, &prev_lower);
        // "a paving company": a gerund used as an adjective.
        if t.pos == Pos::VerbGerund && !nominal_word_for(&lemma, &lower) && DETERMINERS.contains(&prev_lower.as_str()) {
            continue;
        }
        let nominal = nominal_word && (after_det || before_of || !verb || prev_lower.is_empty());
        if !nominal {
            if !verb || prev_lower == "to" && lemma == "have" {
                continue;
            }
            // Auxiliaries: have/get followed (past adverbs and "not") by a verb.
            if matches!(lemma.as_str(), "have" | "get") {
                let mut k = i + 1;
                while k < ctx.toks.len() && ctx.toks[k].sent == t.sent && (ctx.toks[k].pos == Pos::Adverb || matches!(ctx.toks[k].s, "not" | "n't" | "been" | "“" | "\"" | "‘")) {
                    k += 1;
                }
                if ctx.toks.get(k).is_some_and(|n| n.sent == t.sent && n.pos.is_verb()) {
                    continue;
                }
            }
            // A capitalised verb mid-sentence is part of a name the tagger missed.
            if t.s.starts_with(char::is_uppercase) && prev.is_some_and(|p| p.kind == TokenKind::Word) {
                continue;
            }
        }
        let class = words::class(&lemma, nominal);
        let group = words::synonym_group(&lemma).to_string();
        ctx.toks[i].event = Some(class);
        out.push(Mention {
            tok: i,
            lemma,
            group,
            nominal,
            class,
            time: None,
            link: None,
        });
    }
    out
}

fn nominal_word_for(lemma: &str, lower: &str) -> bool {
    words::is_nominal(lemma) || words::is_nominal(lower)
}

/// A verb the news corpus never saw or mostly saw as an adjective: a past
/// form of a known word after a subject ("the river peaked", "Keller
/// testified"), or a base form after "to" or a modal ("to recede").
fn guess_verb(pos: Pos, lower: &str, lemma: &str, prev: Option<&Tok>, prev_lower: &str) -> bool {
    if !matches!(pos, Pos::Unknown | Pos::Adjective) || !lower.chars().all(char::is_alphabetic) {
        return false;
    }
    let known = |w: &str| lexicon().get_lower(w).is_some_and(|e| e.has(crate::lexicon::Entry::WORD));
    let after_subject = prev.is_some_and(|p| p.entity.is_some() || matches!(p.pos, Pos::Noun | Pos::ProperNoun))
        || matches!(prev_lower, "he" | "she" | "they" | "it" | "we" | "i" | "who" | "you");
    let past = lower != lemma && lower.ends_with("ed") && known(lemma);
    past && (pos == Pos::Unknown || after_subject)
        || pos == Pos::Unknown && matches!(prev_lower, "to" | "will" | "would" | "can" | "could" | "may" | "might" | "should" | "must" | "did" | "didn't" | "not")
        || lower.ends_with("ing") && matches!(prev_lower, "is" | "are" | "was" | "were" | "been" | "be")
}

/// Whether a noun is a definite reference back ("the conversation", "the
/// leaders’ conversation", "that agreement"), not a new happening ("border talks").
fn is_definite(ctx: &Ctx, i: usize) -> bool {
    let sent = ctx.toks[i].sent;
    for k in (i.saturating_sub(6)..i).rev() {
        let t = &ctx.toks[k];
        if t.sent != sent {
            return false;
        }
        let lower = t.s.to_lowercase();
        if matches!(lower.as_str(), "the" | "this" | "that" | "these" | "those" | "his" | "her" | "their" | "its" | "’s" | "'s" | "’" | "same") {
            return true;
        }
        if matches!(lower.as_str(), "a" | "an" | "another") || t.kind == TokenKind::Punct || t.pos.is_verb() && t.entity.is_none() || t.pos == Pos::Function {
            return false;
        }
    }
    false
}

/// A TIMEX3 value that places a happening on the calendar (not "P6M", "PAST_REF").
pub(crate) fn placeable(value: &str) -> bool {
    value.starts_with(|c: char| c.is_ascii_digit() || c == 'X') && !value.starts_with('P')
}

/// The time expression of the trigger's clause that places it, if any: a
/// date or time on the calendar, or with `any` an expression of any type.
fn anchor(ctx: &Ctx, m: &Mention, any: bool) -> Option<usize> {
    let i = m.tok;
    let sent = ctx.toks[i].sent;
    let (s0, _) = ctx.sents[sent];
    let mut best: Option<(usize, usize)> = None;
    // Only expressions ending at most 8 tokens before the trigger or
    // starting at most 14 after it can place it (see the distances below).
    let timexes = &ctx.sent_timexes[sent];
    let lo = timexes.partition_point(|&(_, _, b)| b + 8 < i);
    let hi = timexes.partition_point(|&(_, a, _)| a <= i + 14).max(lo);
    for &(ti, a, b) in &timexes[lo..hi] {
        let t = &ctx.doc.timexes[ti];
        let on_calendar =
            placeable(&t.value) || order::relative_days(&t.value, ctx.doc.slice(t.span), false).is_some();
        if !any && (!matches!(t.kind, TimexType::Date | TimexType::Time) || !on_calendar) {
            continue;
        }
        let score = if b <= i {
            // Before the trigger: same clause, and a comma only after a fronted time ("On Monday, …").
            let fronted = a <= s0 + 2;
            let blocked = (b..i).any(|k| {
                let s = ctx.toks[k].s;
                BOUNDARIES.contains(&s) || s == "," && !fronted || ctx.toks[k].event == Some(EventClass::Reporting)
            });
            let d = i - b;
            // A time right after another trigger is that trigger's ("improved on Monday as a result of …").
            // So is a time between a verb and a noun ("spoke on Tuesday about the explosion").
            let taken = (d > 2 || m.nominal && d >= 2) && (a.saturating_sub(3).max(s0)..a).any(|k| ctx.toks[k].event.is_some());
            if blocked || taken || d > 8 {
                continue;
            }
            2 * d + 3
        } else if a > i {
            // After: nothing between that would take the time for itself.
            // The nearest trigger takes the time, except a participle right
            // after a noun ("warnings sent by … in 2011").
            let blocked = (i + 1..a).any(|k| {
                let tk = &ctx.toks[k];
                let reduced_relative = m.nominal && k <= i + 2 && tk.pos.is_verb();
                BOUNDARIES.contains(&tk.s) || tk.event.is_some() && !reduced_relative
            });
            let d = a - i;
            if blocked || d > 14 || fronts_later_verb(ctx, m, i, a, b) {
                continue;
            }
            let cued = TIME_CUES.iter().any(|c| ctx.toks[a - 1].s.eq_ignore_ascii_case(c) || ctx.toks[a].s.eq_ignore_ascii_case(c));
            if cued { d } else { d + 2 }
        } else {
            continue;
        };
        if best.is_none_or(|(s, _)| score < s) {
            best = Some((score, ti));
        }
    }
    if any && best.is_none() {
        // A link of any kind: else the nearest expression of the sentence,
        // else the last one of the three sentences before.
        // The nearest is the last one starting at or before the trigger or the first after it.
        let next = timexes.partition_point(|&(_, a, _)| a <= i);
        best = timexes[next.saturating_sub(1)..(next + 1).min(timexes.len())]
            .iter()
            .map(|&(ti, a, b)| (if b <= i { i - b + 1 } else { a.saturating_sub(i) }, ti))
            .min();
        for back in 1..=sent.min(3) {
            if best.is_some() {
                break;
            }
            best = ctx.sent_timexes[sent - back].last().map(|&(ti, _, _)| (0, ti));
        }
    }
    best.map(|(_, ti)| ti)
}

/// Whether a time expression after verb `i` (tokens `a..b`) opens the next
/// clause instead: it follows that clause's subject and comes right before
/// its verb ("said the two presidents on Monday “reached …”"), so it
/// belongs to that verb, not to the reporting verb before.
fn fronts_later_verb(ctx: &Ctx, m: &Mention, i: usize, a: usize, b: usize) -> bool {
    if m.nominal {
        return false;
    }
    let cue = |k: usize| {
        let t = &ctx.toks[k];
        TIME_CUES.contains(&t.lower.as_str()) || t.pos == Pos::Adverb
    };
    // Words other than the expression's own cue between the verb and it: a subject.
    let subject = (i + 1..a).any(|k| !cue(k));
    if !subject {
        return false;
    }
    let sent = ctx.toks[i].sent;
    let mut k = b;
    while k < ctx.toks.len() && k < b + 3 {
        let t = &ctx.toks[k];
        if t.sent != sent {
            return false;
        }
        if matches!(t.s, "“" | "\"" | "‘" | "'") || t.pos == Pos::Adverb || matches!(t.lower.as_str(), "not" | "never" | "also") {
            k += 1;
            continue;
        }
        return t.event.is_some() && t.pos.is_verb();
    }
    false
}

/// Groups mentions into story events.
fn merge(ctx: &Ctx, mentions: &[Mention]) -> Vec<Event> {
    struct Draft {
        class: EventClass,
        mentions: Vec<usize>,
        time: Option<usize>,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    let mut dated: HashMap<(String, String), usize> = HashMap::new();
    // Latest draft of each synonym group, of each lemma, and latest dated draft of each group.
    let mut latest: HashMap<String, usize> = HashMap::new();
    let mut latest_lemma: HashMap<String, usize> = HashMap::new();
    let mut latest_dated: HashMap<String, usize> = HashMap::new();
    // The draft each mention went to.
    let mut draft_of: Vec<usize> = Vec::with_capacity(mentions.len());
    let groups: Vec<String> = mentions.iter().map(|m| happening_group(ctx, m)).collect();
    for (mi, m) in mentions.iter().enumerate() {
        let group = &groups[mi];
        let value = m.time.map(|t| ctx.doc.timexes[t].value.clone());
        let reporting_verb = m.class == EventClass::Reporting && !m.nominal;
        let definite = m.nominal && is_definite(ctx, m.tok);
        // "warnings sent by … in 2011": a participle right after an event
        // noun, at the same time, tells that noun's happening.
        let prev = mi.checked_sub(1).map(|p| &mentions[p]).filter(|p| {
            p.nominal
                && !m.nominal
                && p.tok + 1 == m.tok
                && p.time == m.time
                && matches!(ctx.toks[m.tok].pos, Pos::VerbParticiple | Pos::VerbPast)
        });
        // "reached a practical agreement": a light verb's object noun tells its happening.
        let light = mi.checked_sub(1).map(|p| &mentions[p]).filter(|p| {
            m.nominal
                && !p.nominal
                && words::is_light_verb(&p.lemma)
                && p.tok < m.tok
                && m.tok - p.tok <= 4
                && (p.time == m.time || p.time.is_none() || m.time.is_none())
                && (p.tok + 1..m.tok).all(|k| {
                    let t = &ctx.toks[k];
                    DETERMINERS.contains(&t.lower.as_str()) || matches!(t.pos, Pos::Adjective | Pos::Adverb) || t.kind == TokenKind::Number
                })
        });
        // "the quake struck": a verb that only says its event-noun subject
        // happened tells that noun's happening.
        let happened = mi.checked_sub(1).map(|p| &mentions[p]).filter(|p| {
            // (The tagger may call the verb a noun: "struck" has "strike"'s lemma.)
            p.nominal
                && p.class == EventClass::Occurrence
                && words::is_happening_verb(&m.lemma)
                && p.tok < m.tok
                && m.tok - p.tok <= 2
                && (p.time == m.time || p.time.is_none() || m.time.is_none())
                && (p.tok + 1..m.tok).all(|k| matches!(ctx.toks[k].pos, Pos::Adverb))
        });
        let target = if let Some(p) = prev {
            draft_of.get(mi - 1).copied().filter(|_| p.class != EventClass::Reporting)
        } else if light.is_some() || happened.is_some() {
            draft_of.get(mi - 1).copied()
        } else if reporting_verb {
            None
        } else if let Some(v) = &value {
            // Same happening at the same time; or a definite noun now dated.
            dated.get(&(group.clone(), v.clone())).copied().or_else(|| {
                latest.get(group).copied().filter(|&d| definite && drafts[d].time.is_none())
            })
        } else if definite {
            // "the conversation": an earlier conversation, else the dated call it names.
            latest_lemma.get(&m.lemma).or_else(|| latest_dated.get(group)).or_else(|| latest.get(group)).copied()
        } else {
            None
        };
        let d = match target {
            Some(d) => {
                drafts[d].mentions.push(mi);
                if drafts[d].time.is_none() {
                    drafts[d].time = m.time;
                }
                // A noun names the happening better than a verb ("conversation" over "spoke").
                if drafts[d].class != m.class && m.nominal && m.class == EventClass::Occurrence {
                    drafts[d].class = m.class;
                }
                d
            }
            None => {
                drafts.push(Draft { class: m.class, mentions: vec![mi], time: m.time });
                drafts.len() - 1
            }
        };
        draft_of.push(d);
        if let Some(v) = value {
            dated.entry((group.clone(), v)).or_insert(d);
        }
        if !reporting_verb {
            latest.insert(group.clone(), d);
            latest_lemma.insert(m.lemma.clone(), d);
            if drafts[d].time.is_some() {
                latest_dated.insert(group.clone(), d);
            }
        }
    }

    // One happening told twice with different words for its time ("the six
    // months he spent there last year" … "his six-month stay in 2012").
    let facts: Vec<Facts> = drafts.iter().map(|d| facts(ctx, mentions, &groups, &d.mentions, d.class)).collect();
    // Only happenings with a synonym group and a person in common can be
    // one, so each is compared with the earlier ones that share a (group,
    // person) pair (the earliest that matches wins), not with every earlier
    // one; a pair shared by more than `MAX_RETELLINGS` (a repetitive or
    // generated text) keeps only its first ones, so the cost stays linear.
    const MAX_RETELLINGS: usize = 64;
    let mut into: Vec<Option<usize>> = vec![None; drafts.len()];
    let mut by_pair: HashMap<(&str, usize), Vec<usize>> = HashMap::new();
    let mut candidates: Vec<usize> = Vec::new();
    for y in 0..drafts.len() {
        let f = &facts[y];
        candidates.clear();
        for g in &f.groups {
            for &p in &f.people {
                candidates.extend(by_pair.get(&(g.as_str(), p)).into_iter().flatten().copied());
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        into[y] = candidates.iter().copied().find(|&x| same_happening(ctx, &facts[x], drafts[x].time, f, drafts[y].time));
        if into[y].is_none() && !f.reporting {
            for g in &f.groups {
                for &p in &f.people {
                    let earlier = by_pair.entry((g.as_str(), p)).or_default();
                    if earlier.len() < MAX_RETELLINGS {
                        earlier.push(y);
                    }
                }
            }
        }
    }
    for y in (0..drafts.len()).rev() {
        let Some(x) = into[y] else { continue };
        let moved = std::mem::take(&mut drafts[y].mentions);
        drafts[x].mentions.extend(moved);
        drafts[x].mentions.sort_unstable();
        // The time on the calendar over a relative one ("2012" over "last year").
        let on_calendar = |t: Option<usize>| t.is_some_and(|t| order::calendar_key(&ctx.doc.timexes[t].value).is_some());
        if drafts[x].time.is_none() || !on_calendar(drafts[x].time) && on_calendar(drafts[y].time) {
            drafts[x].time = drafts[y].time;
        }
        if drafts[x].class != EventClass::Occurrence && drafts[y].class == EventClass::Occurrence {
            drafts[x].class = EventClass::Occurrence;
        }
    }
    drafts.retain(|d| !d.mentions.is_empty());

    drafts
        .into_iter()
        .enumerate()
        .map(|(n, d)| {
            let toks: Vec<usize> = d.mentions.iter().map(|&mi| mentions[mi].tok).collect();
            let told = || d.mentions.iter().map(|&mi| &mentions[mi]).filter(|m| m.class != EventClass::Reporting || d.class == EventClass::Reporting);
            let place = place(ctx, told());
            let duration = told().filter(|_| d.class != EventClass::Reporting).find_map(|m| duration_near(ctx, m.tok).filter(|&t| lasting(ctx, t)));
            let mut sentences: Vec<usize> = toks.iter().map(|&t| ctx.toks[t].sent).collect();
            sentences.dedup();
            sentences.sort_unstable();
            sentences.dedup();
            // The title comes from the mention that tells most: dated, else a noun, else lower-case.
            let head = d
                .mentions
                .iter()
                .copied()
                .max_by_key(|&mi| {
                    // Headline words are capitalised: a mention in running text reads better.
                    let lower = !ctx.toks[mentions[mi].tok].s.starts_with(char::is_uppercase);
                    (mentions[mi].time.is_some(), mentions[mi].nominal, lower, std::cmp::Reverse(mi))
                })
                .unwrap_or(d.mentions[0]);
            Event {
                id: format!("ev{}", n + 1),
                title: headline(ctx, mentions, &d.mentions).unwrap_or_else(|| title(ctx, &mentions[head])),
                class: d.class,
                mentions: toks.iter().map(|&t| ctx.doc.tokens[t].span).collect(),
                sentences,
                time: d.time.map(|t| EventTime { value: ctx.doc.timexes[t].value.clone(), timex: Some(t) }),
                participants: participants(ctx, &toks, place),
                place,
                duration,
            }
        })
        .collect()
}

/// The synonym group a mention's happening belongs to: its own, except
/// "spend" with a duration ("spent six months in …"), which is a stay.
fn happening_group(ctx: &Ctx, m: &Mention) -> String {
    if m.lemma == "spend" && duration_near(ctx, m.tok).is_some() {
        return words::synonym_group("stay").to_string();
    }
    m.group.clone()
}

/// The duration expression right by the trigger: "the six months that he
/// spent", "spent six months", "his six-month stay".
fn duration_near(ctx: &Ctx, i: usize) -> Option<usize> {
    let sent = ctx.toks[i].sent;
    let timexes = ctx.sent_timexes.get(sent)?;
    timexes
        .iter()
        .find(|&&(ti, a, b)| {
            ctx.doc.timexes[ti].kind == TimexType::Duration
                && (b <= i && i - b <= 4 && !(b..i).any(|k| ctx.toks[k].s == "," || ctx.toks[k].event.is_some()) || a > i && a - i <= 2)
        })
        .map(|&(ti, _, _)| ti)
}

/// Whether a duration expression tells how long a happening lasted ("six
/// months", "a two-week visit"), not a vague stretch or a time to come
/// ("the past few days", "in two weeks", "within a month").
fn lasting(ctx: &Ctx, t: usize) -> bool {
    let Some(timex) = ctx.doc.timexes.get(t) else { return false };
    if timex.value.contains('X') {
        return false;
    }
    let first = ctx.doc.tokens.partition_point(|k| k.span.end <= timex.span.start);
    let word = |k: Option<usize>| k.and_then(|k| ctx.toks.get(k)).map_or("", |k| k.lower.as_str());
    let not_lasting = |w: &str| matches!(w, "in" | "within" | "after" | "past" | "next" | "last");
    !not_lasting(word(first.checked_sub(1))) && !not_lasting(word(Some(first)))
}

/// What tells two drafts apart or together: their synonym groups, the
/// durations told with them, the people and places of their sentences.
struct Facts {
    reporting: bool,
    groups: Vec<String>,
    durations: Vec<String>,
    people: Vec<usize>,
    places: Vec<usize>,
}

fn facts(ctx: &Ctx, mentions: &[Mention], groups: &[String], draft: &[usize], class: EventClass) -> Facts {
    let mut f = Facts { reporting: class == EventClass::Reporting, groups: Vec::new(), durations: Vec::new(), people: Vec::new(), places: Vec::new() };
    for &mi in draft {
        let m = &mentions[mi];
        if m.class == EventClass::Reporting {
            continue;
        }
        f.groups.push(groups[mi].clone());
        f.durations.extend(duration_near(ctx, m.tok).map(|t| ctx.doc.timexes[t].value.clone()));
        let (a, b) = ctx.around(m.tok);
        let kinds = |k: usize| ctx.toks[k].entity.map(|e| (e, ctx.doc.entities[e].kind));
        let mut people = 0;
        for k in a..b {
            match kinds(k) {
                Some((e, EntityType::Person)) => {
                    f.people.push(e);
                    people += 1;
                }
                Some((e, EntityType::Location)) => f.places.push(e),
                _ => {}
            }
        }
        // "his stay": the person told before.
        if people == 0 {
            f.people.extend(ctx.person_before[a]);
        }
    }
    // A happening told many times lists each fact once.
    for list in [&mut f.people, &mut f.places] {
        list.sort_unstable();
        list.dedup();
    }
    f.groups.sort_unstable();
    f.groups.dedup();
    f.durations.sort_unstable();
    f.durations.dedup();
    f
}

/// Whether two drafts tell one happening: a shared synonym group and a
/// shared person, and either the same time, or a shared duration with a
/// time at most one of them places on the calendar, or (one undated) a
/// shared place ("spent six months in Dagestan" … "visited Dagestan").
fn same_happening(ctx: &Ctx, x: &Facts, tx: Option<usize>, y: &Facts, ty: Option<usize>) -> bool {
    if x.reporting || y.reporting || !x.groups.iter().any(|g| y.groups.contains(g)) {
        return false;
    }
    if !x.people.iter().any(|p| y.people.contains(p)) {
        return false;
    }
    let value = |t: Option<usize>| t.map(|t| ctx.doc.timexes[t].value.as_str());
    let on_calendar = |t: Option<usize>| value(t).is_some_and(|v| order::calendar_key(v).is_some());
    let (vx, vy) = (value(tx), value(ty));
    if vx.is_some() && vx == vy {
        return true;
    }
    if x.durations.iter().any(|d| y.durations.contains(d)) && !(on_calendar(tx) && on_calendar(ty)) {
        return true;
    }
    (vx.is_none() || vy.is_none()) && (vx.is_some() || vy.is_some()) && x.places.iter().any(|p| y.places.contains(p))
}

/// A headline for a happening told both by a noun and by a verb ("the
/// conversation on telephone between President A and President B" …
/// "the two presidents spoke"): the people the noun names, the verb in the
/// present, the noun's own complement — "A and B speak on telephone".
fn headline(ctx: &Ctx, mentions: &[Mention], draft: &[usize]) -> Option<String> {
    let verb = draft.iter().map(|&mi| &mentions[mi]).find(|m| !m.nominal && m.class != EventClass::Reporting)?;
    let toks = &ctx.toks;
    for noun in draft.iter().map(|&mi| &mentions[mi]).filter(|m| m.nominal) {
        let i = noun.tok;
        let (_, s1) = ctx.sents[toks[i].sent];
        let end = (i + 16).min(s1);
        // The complement: a short phrase opened by a preposition, up to "between"/"with".
        let mut k = i + 1;
        let mut complement: Vec<&str> = Vec::new();
        while k < end && complement.len() < 3 {
            let t = &toks[k];
            if matches!(t.lower.as_str(), "between" | "with" | "among") || t.kind == TokenKind::Punct || t.timex.is_some() || t.entity.is_some() {
                break;
            }
            if complement.is_empty() && t.pos != Pos::Function {
                break;
            }
            complement.push(t.s);
            k += 1;
        }
        if complement.len() < 2 {
            complement.clear();
        }
        if !toks.get(k).is_some_and(|t| matches!(t.lower.as_str(), "between" | "with" | "among")) {
            continue;
        }
        // The people: persons named after "between", in order, at most two.
        let mut people: Vec<usize> = Vec::new();
        for t in &toks[k + 1..end] {
            if t.kind == TokenKind::Punct && t.s != "." || matches!(t.lower.as_str(), "on" | "in" | "about" | "over" | "that" | "which") {
                break;
            }
            if let Some(e) = t.entity.filter(|&e| ctx.doc.entities[e].kind == EntityType::Person) {
                if !people.contains(&e) && people.len() < 2 {
                    people.push(e);
                }
            }
        }
        if people.is_empty() {
            continue;
        }
        let short = |e: usize| ctx.doc.entities[e].name.split_whitespace().last().unwrap_or("").to_string();
        let names: Vec<String> = people.iter().map(|&e| short(e)).collect();
        let lemma = verb.lemma.as_str();
        let verb_form = if names.len() > 1 { lemma.to_string() } else { third_person(lemma) };
        let mut out = names.join(" and ");
        out.push(' ');
        out.push_str(&verb_form);
        for w in complement {
            out.push(' ');
            out.push_str(w);
        }
        return Some(out);
    }
    None
}

/// "speak" → "speaks", "go" → "goes", "try" → "tries".
fn third_person(lemma: &str) -> String {
    if lemma.ends_with(['s', 'x', 'z']) || lemma.ends_with("ch") || lemma.ends_with("sh") || lemma.ends_with('o') {
        format!("{lemma}es")
    } else if lemma.ends_with('y') && !lemma.ends_with(['a', 'e', 'o', 'u']) && lemma.len() > 1 && !lemma[..lemma.len() - 1].ends_with(['a', 'e', 'o', 'u']) {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    }
}

/// Entities named in the trigger sentences, other than the place: people
/// and organisations first, then the rest, each closest first, at most four.
fn participants(ctx: &Ctx, triggers: &[usize], place: Option<usize>) -> Vec<usize> {
    let mut scored: Vec<(usize, usize)> = Vec::new();
    for &t in triggers {
        let (a, b) = ctx.around(t);
        for k in a..b {
            if let Some(e) = ctx.toks[k].entity.filter(|&e| Some(e) != place) {
                let d = k.abs_diff(t);
                match scored.iter_mut().find(|(x, _)| *x == e) {
                    Some(s) => s.1 = s.1.min(d),
                    None => scored.push((e, d)),
                }
            }
        }
    }
    let other = |e: usize| !matches!(ctx.doc.entities[e].kind, EntityType::Person | EntityType::Organization);
    crate::sort::sort_by_key(&mut scored, |&(e, d)| (other(e), d, e));
    // A nationality or a name of a thing ("Russian", "Boston Marathon")
    // takes part only where no person or organisation does ("Russian
    // officials said"); beside "the F.S.B." it only describes.
    let actors = scored.first().is_some_and(|&(e, _)| !other(e));
    scored
        .into_iter()
        .filter(|&(e, _)| !actors || !matches!(ctx.doc.entities[e].kind, EntityType::Norp | EntityType::Misc))
        .take(4)
        .map(|(e, _)| e)
        .collect()
}

/// Prepositions that put a happening somewhere ("in Dagestan", "at the border").
const PLACE_CUES: &[&str] = &["in", "at", "near", "inside", "outside", "across", "throughout"];

/// The place a happening is told at: a location named in the clause of one
/// of its mentions after a place preposition ("stay in Russia", "spent six
/// months in Dagestan") or right before its noun ("the Boston bombing");
/// nearest wins, none across a clause boundary or another verb. Not a
/// recipient or a source ("pass it to Russia", "received from Russia").
fn place<'m>(ctx: &Ctx, triggers: impl Iterator<Item = &'m Mention>) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for m in triggers {
        let i = m.tok;
        let sent = ctx.toks[i].sent;
        let Some(&(a, b)) = ctx.sents.get(sent) else { continue };
        let lo = i.saturating_sub(6).max(a);
        let hi = (i + 12).min(b);
        for k in lo..hi {
            let Some(e) = ctx.toks[k].entity else { continue };
            // The first word of a location's mention.
            if ctx.doc.entities[e].kind != EntityType::Location || k > a && ctx.toks[k - 1].entity == Some(e) {
                continue;
            }
            let (from, to) = if k < i { (k + 1, i) } else { (i + 1, k) };
            let crossed = (from..to).any(|j| {
                let t = &ctx.toks[j];
                BOUNDARIES.contains(&t.s) || t.s == "," || t.event.is_some() && t.pos.is_verb() && t.entity.is_none()
            });
            if crossed {
                continue;
            }
            let cued = k > a && PLACE_CUES.contains(&ctx.toks[k - 1].lower.as_str());
            let modifier = m.nominal && k < i && (k + 1..i).all(|j| ctx.toks[j].entity == Some(e));
            if !cued && !modifier {
                continue;
            }
            let score = k.abs_diff(i);
            if best.is_none_or(|(s, _)| score < s) {
                best = Some((score, e));
            }
        }
    }
    best.map(|(_, e)| e)
}

fn is_function(t: &Tok) -> bool {
    t.pos == Pos::Function && !POSSESSIVE_PRONOUNS.contains(&t.s.to_lowercase().as_str())
}

/// A short phrase around the trigger: who or what, the trigger, and its
/// complement, at most eight words, without dangling words or punctuation.
fn title(ctx: &Ctx, m: &Mention) -> String {
    let i = m.tok;
    let (s0, s1) = ctx.sents[ctx.toks[i].sent];
    let toks = &ctx.toks;
    let word = |k: usize| toks[k].kind != TokenKind::Punct || matches!(toks[k].s, "-" | "’s" | "'s");
    let stop_right = |k: usize| toks[k].kind == TokenKind::Punct && !matches!(toks[k].s, "’s" | "'s") || BOUNDARIES.contains(&toks[k].s) || toks[k].s == "and" || toks[k].timex.is_some_and(|t| ctx.doc.timexes[t].kind != TimexType::Duration);
    // Left: modifiers of a noun, the subject of a verb.
    let mut left = i;
    let max_left = if m.nominal { 4 } else { 3 };
    while left > s0 && i - left < max_left + 2 {
        let p = &toks[left - 1];
        let lower = p.s.to_lowercase();
        if !word(left - 1) || BOUNDARIES.contains(&p.s) || p.timex.is_some_and(|t| ctx.doc.timexes[t].kind != TimexType::Duration) {
            break;
        }
        if m.nominal {
            if is_function(p) && !POSSESSIVE_PRONOUNS.contains(&lower.as_str()) || p.pos.is_verb() && p.entity.is_none() && p.pos != Pos::VerbParticiple {
                break;
            }
        } else if p.event == Some(EventClass::Reporting) {
            break;
        } else if is_function(p) && !matches!(lower.as_str(), "not" | "n't") && p.entity.is_none() {
            // "presidents of Armenia and Georgia spoke": through "of"/"and" between names.
            let joins_names = matches!(lower.as_str(), "of" | "and") && toks[left].entity.is_some() && left >= s0 + 2;
            if !joins_names {
                break;
            }
        }
        left -= 1;
        if POSSESSIVE_PRONOUNS.contains(&lower.as_str()) {
            break;
        }
    }
    // Keep whole names on the left edge.
    while left > s0 && toks[left].entity.is_some() && toks[left - 1].entity == toks[left].entity {
        left -= 1;
    }
    // Right: the complement, up to a clause boundary or a date.
    let mut right = i + 1;
    let mut verbs = 0;
    while right < s1 && right - i <= 6 && !stop_right(right) {
        let t = &toks[right];
        if t.pos.is_verb() && t.entity.is_none() && t.event.is_some() {
            verbs += 1;
            if verbs > 1 || !m.nominal {
                break;
            }
        }
        right += 1;
    }
    while right < s1 && toks[right].entity.is_some() && toks[right - 1].entity == toks[right].entity {
        right += 1;
    }
    // At most eight words, dropping from the right first.
    while right - left > 8 && right > i + 1 {
        right -= 1;
    }
    while right - left > 8 && left < i {
        left += 1;
    }
    // No dangling function words or punctuation at either end.
    let dangling = |k: usize| {
        is_function(&toks[k]) || !word(k) || matches!(toks[k].s, "’s" | "'s") || POSSESSIVE_PRONOUNS.contains(&toks[k].s.to_lowercase().as_str())
    };
    while right > i + 1 && dangling(right - 1) {
        right -= 1;
    }
    while left < i && (is_function(&toks[left]) && !POSSESSIVE_PRONOUNS.contains(&toks[left].s.to_lowercase().as_str()) || !word(left)) {
        left += 1;
    }
    let mut out = String::new();
    #[allow(clippy::needless_range_loop)] // indexes tokens and their spans alike
    for k in left..right {
        let t = &toks[k];
        let span = ctx.doc.tokens[k].span;
        let glued = k > left && ctx.doc.tokens[k - 1].span.end == span.start;
        if k > left && !glued {
            out.push(' ');
        }
        let lower = t.s.to_lowercase();
        if matches!(lower.as_str(), "his" | "her") {
            if let Some(name) = nearest_person(ctx, k) {
                out.push_str(name);
                out.push('’');
                out.push('s');
                continue;
            }
        }
        out.push_str(t.s);
    }
    out
}

/// Who "his"/"her" at `k` stands for: the person named last before it in
/// the sentence, else the next one in it, else the last one before the
/// sentence. None when an indefinite stands between ("hints about someone
/// … kick down his door" is not the speaker's door).
fn nearest_person<'a>(ctx: &'a Ctx, k: usize) -> Option<&'a str> {
    const INDEFINITES: &[&str] = &["someone", "somebody", "anyone", "anybody", "everyone", "everybody", "nobody"];
    let (a, b) = ctx.around(k);
    let person = |j: usize| ctx.toks[j].entity.filter(|&e| ctx.doc.entities[e].kind == EntityType::Person);
    let mut before = None;
    for j in (a..k).rev() {
        if INDEFINITES.contains(&ctx.toks[j].lower.as_str()) {
            return None;
        }
        if let Some(e) = person(j) {
            before = Some(e);
            break;
        }
    }
    let e = before.or_else(|| (k + 1..b).find_map(person)).or(ctx.person_before[a])?;
    Some(ctx.doc.entities[e].name.as_str())
}
