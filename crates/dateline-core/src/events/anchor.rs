//! Features for a trained event–time anchoring ranker: for a mention and
//! each time expression of its sentence and the two before it, what the
//! pair looks like — where the expression sits (same sentence, before or
//! after, how far, across which clause boundaries and events), what it is
//! (type, cue word, fronted), what the mention is (class, noun or verb,
//! reporting), and what the hand rules of [`super::anchor`] chose.
//!
//! `cargo xtask train-events --dev --anchors` trains a ranking perceptron
//! on TimeBank's event–time TLINKs over these features and compares it
//! with the rules by five-fold cross-validation over TimeBank files. It
//! ties them (0.873 vs 0.873 of linked mentions), so no ranker ships: the
//! rules anchor, and these features stay for the next attempt.

use super::{Ctx, Mention, BOUNDARIES};
use crate::document::{EventClass, TimexType};
use crate::perceptron::FeatureHasher;

/// How many sentences before the mention's own are searched.
const SENTENCES_BACK: usize = 2;

/// Time expressions a mention may be anchored to, nearest sentence first:
/// `(timex, first token, end token, sentences back)`.
pub(super) fn candidates(ctx: &Ctx, i: usize) -> Vec<(usize, usize, usize, usize)> {
    let sent = ctx.toks[i].sent;
    let mut out = Vec::new();
    for back in 0..=SENTENCES_BACK.min(sent) {
        if let Some(list) = ctx.sent_timexes.get(sent - back) {
            out.extend(list.iter().map(|&(ti, a, b)| (ti, a, b, back)));
        }
    }
    out
}

fn bucket(d: usize) -> u32 {
    match d {
        0 => 0,
        1 => 1,
        2 => 2,
        3..=4 => 3,
        5..=8 => 4,
        9..=16 => 5,
        _ => 6,
    }
}

/// Features of the pair (mention `m`, candidate `c`) into `out` (cleared
/// first); `rule_any` and `rule_time` are the hand rules' picks.
pub(super) fn features(ctx: &Ctx, m: &Mention, c: (usize, usize, usize, usize), rule_any: Option<usize>, rule_time: Option<usize>, out: &mut Vec<u32>) {
    out.clear();
    let f = FeatureHasher::new;
    let (ti, a, b, back) = c;
    let i = m.tok;
    let timex = &ctx.doc.timexes[ti];
    let kind = match timex.kind {
        TimexType::Date => 0u32,
        TimexType::Time => 1,
        TimexType::Duration => 2,
        TimexType::Set => 3,
    };
    let placeable = u32::from(super::placeable(&timex.value));
    let class = super::tagger::label_index(Some(m.class)) as u32;
    let nominal = u32::from(m.nominal);
    // Direction: 0 before the mention in its sentence, 1 after, 2 an earlier sentence.
    let (dir, d) = if back > 0 {
        (2u32, back)
    } else if b <= i {
        (0, i - b)
    } else {
        (1, a.saturating_sub(i + 1))
    };
    let db = if back > 0 { back as u32 } else { bucket(d) };
    let rules = u32::from(rule_any == Some(ti)) + 2 * u32::from(rule_time == Some(ti));
    out.push(f(0).num(dir).finish());
    out.push(f(1).num(dir).num(db).finish());
    out.push(f(2).num(rules).finish());
    out.push(f(3).num(rules).num(dir).num(db).finish());
    out.push(f(4).num(dir).num(kind).num(placeable).finish());
    out.push(f(5).num(dir).num(class).num(nominal).finish());
    out.push(f(6).num(rules).num(class).num(nominal).finish());
    // Same sentence: what lies between, the cue before the expression.
    let (from, to) = if dir == 0 { (b, i) } else { (i + 1, a) };
    let (mut commas, mut bounds, mut events, mut verbs) = (0u32, 0u32, 0u32, 0u32);
    if back == 0 {
        for t in ctx.toks.get(from..to).unwrap_or(&[]) {
            commas += u32::from(t.s == ",");
            bounds += u32::from(BOUNDARIES.contains(&t.s));
            if t.event.is_some() {
                events += 1;
                verbs += u32::from(t.pos.is_verb());
            }
        }
    }
    out.push(f(7).num(dir).num(commas.min(2)).num(bounds.min(2)).finish());
    out.push(f(8).num(dir).num(events.min(3)).num(verbs.min(2)).finish());
    out.push(f(9).num(dir).num(events.min(2)).num(class).finish());
    let cue = a.checked_sub(1).and_then(|k| ctx.toks.get(k)).filter(|t| t.sent == ctx.toks[a].sent).map_or("", |t| t.lower.as_str());
    let cue = if cue.chars().all(char::is_alphabetic) { cue } else { "," };
    out.push(f(10).str(cue).num(dir).finish());
    out.push(f(11).str(cue).num(kind).finish());
    let fronted = a == ctx.sents.get(ctx.toks[a].sent).map_or(a, |s| s.0);
    out.push(f(12).num(u32::from(fronted)).num(dir).num(db).finish());
    // A report with another event between it and the expression.
    out.push(f(13).num(u32::from(m.class == EventClass::Reporting)).num(dir).num(events.min(1)).finish());
    out.push(f(17).num(rules).num(dir).num(kind).num(placeable).finish());
    out.push(f(18).num(rules).str(cue).finish());
    out.push(f(19).num(rules).num(events.min(2)).num(commas.min(1)).finish());
    // Another event closer to the expression on its far side ("said … on Monday reached").
    if back == 0 {
        let closer = if dir == 0 {
            (a.saturating_sub(d)..a).any(|k| ctx.toks[k].event.is_some() && ctx.toks[k].sent == ctx.toks[a].sent)
        } else {
            (b..(b + d).min(ctx.toks.len())).any(|k| ctx.toks[k].event.is_some() && ctx.toks[k].sent == ctx.toks[a].sent)
        };
        out.push(f(15).num(dir).num(u32::from(closer)).num(nominal).finish());
        let n = ctx.sent_timexes.get(ctx.toks[i].sent).map_or(0, Vec::len) as u32;
        out.push(f(16).num(dir).num(n.min(3)).num(db).finish());
    }
}
