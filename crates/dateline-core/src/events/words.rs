//! Word knowledge for events: a small lemmatiser, event nouns, TimeML
//! classes and the synonym groups that let "conversation" and "spoke" be
//! one happening.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::document::EventClass;
use crate::lexicon::{lexicon, Pos};

/// Nouns that name happenings (singular forms; plurals are lemmatised).
const NOMINALS: &[&str] = &[
    "bombing", "attack", "explosion", "blast", "conversation", "call", "meeting", "talk", "visit", "stay", "trip",
    "journey", "warning", "report", "statement", "election", "vote", "agreement", "deal", "treaty", "war", "strike",
    "protest", "demonstration", "trial", "arrest", "investigation", "inquiry", "probe", "interview", "death", "killing",
    "shooting", "murder", "raid", "operation", "crash", "collapse", "flood", "flooding", "earthquake", "quake", "fire",
    "storm", "hurricane", "evacuation", "rescue", "summit", "conference", "ceremony", "funeral", "speech", "hearing",
    "verdict", "conviction", "indictment", "resignation", "appointment", "inauguration", "campaign", "negotiation",
    "ceasefire", "invasion", "withdrawal", "release", "launch", "merger", "acquisition", "bankruptcy", "crisis",
    "outbreak", "injury", "damage", "cooperation", "comment", "complaint", "announcement", "decision", "ruling",
    "hijacking", "kidnapping", "abduction", "assassination", "massacre", "riot", "uprising", "coup", "clash", "battle",
    "fighting", "ambush", "siege", "escape", "manhunt", "search", "discovery", "departure", "arrival", "return",
    "eruption", "landslide", "drought", "accident", "collision", "derailment", "sinking", "robbery", "theft", "fraud",
    "scandal", "dispute", "referendum", "debate", "sanction", "ban", "lockdown", "recession", "rally", "march",
    "marathon", "race", "match", "game", "tournament", "festival", "concert", "celebration", "surgery", "treatment",
    "detention", "deportation", "extradition", "sentencing", "execution", "bailout", "reform", "takeover",
];

/// Verbs that are never events on their own, or not verbs here.
const NOT_EVENTS: &[&str] = &[
    "according", "including", "regarding", "concerning", "following", "given", "based", "due", "named", "called",
    "unnamed", "so-called", "known", "used", "let", "able", "unable", "likely", "can", "could", "may", "might", "must",
    "shall", "should", "will", "would", "ought", "need", "dare", "do", "does", "did", "done", "doing", "don't",
    "doesn't", "didn't", "be", "is", "are", "was", "were", "been", "being", "am", "isn't", "aren't", "wasn't",
    "weren't", "seem", "seems", "seemed", "appear", "appears", "appeared", "become", "becomes", "became",
    "longstanding", "leading", "remaining", "existing", "ongoing", "coming", "willing", "interesting", "concerned",
    "involved", "united", "limited", "advanced", "detailed", "related", "worth", "per", "vs",
];

const REPORTING: &[&str] = &[
    "say", "tell", "report", "state", "announce", "add", "claim", "note", "confirm", "deny", "declare", "explain",
    "describe", "insist", "comment", "write", "quote", "reiterate", "repeat", "acknowledge", "argue", "assert", "reply",
    "testify", "predict", "brief", "inform", "disclose", "reveal", "stress", "indicate", "mention", "allege", "contend",
    "tweet", "admit", "recount", "recall", "statement", "remark", "respond", "answer", "emphasize", "emphasise",
    "suggest", "cite", "publish",
];

const I_ACTION: &[&str] = &[
    "try", "seek", "attempt", "promise", "vow", "offer", "propose", "request", "ask", "demand", "urge", "order",
    "allow", "permit", "push", "pledge", "threaten", "refuse", "decline", "prevent", "avoid", "delay", "postpone",
    "investigate", "accuse", "authorize", "authorise", "approve", "agree", "plan", "call", "appeal", "encourage",
    "persuade", "force", "invite", "forbid", "ban", "reject", "veto", "apply", "campaign", "negotiate",
];

const I_STATE: &[&str] = &[
    "want", "believe", "think", "expect", "hope", "fear", "feel", "know", "intend", "wish", "doubt", "suspect", "worry",
    "assume", "consider", "suppose", "anticipate", "prefer", "like", "love", "hate", "trust", "guess", "imagine",
];

const STATE: &[&str] = &[
    "have", "remain", "own", "live", "contain", "exist", "lack", "belong", "resemble", "possess", "reside", "depend",
    "consist", "stand", "sit", "lie", "satisfaction", "confidence", "tension", "tensions",
];

const ASPECTUAL: &[&str] = &[
    "begin", "start", "continue", "stop", "end", "finish", "resume", "complete", "cease", "quit", "halt", "initiate",
    "commence", "keep", "launch", "conclude", "suspend", "terminate", "intensify", "escalate",
];

const PERCEPTION: &[&str] = &["see", "hear", "watch", "observe", "notice", "spot", "witness", "listen", "look", "sense"];

/// Words that tell the same kind of happening; the first is the group's name.
const SYNONYMS: &[&[&str]] = &[
    &["talk", "conversation", "call", "speak", "discuss", "discussion", "chat", "phone", "telephone"],
    &["attack", "bombing", "bomb", "explosion", "blast", "explode"],
    &["meet", "meeting", "summit"],
    &["kill", "killing", "murder", "death", "die"],
    &["shoot", "shooting"],
    &["arrest", "detain", "detention", "capture"],
    &["warn", "warning"],
    &["elect", "election", "vote"],
    &["agree", "agreement", "deal", "accord"],
    &["investigate", "investigation", "inquiry", "probe"],
    &["flood", "flooding"],
    &["earthquake", "quake"],
    &["stay", "visit", "trip", "journey", "sojourn"],
    &["convict", "conviction", "verdict"],
    &["evacuate", "evacuation"],
    &["resign", "resignation"],
];

/// Event nouns that name a state or a standing arrangement more than a
/// happening ("cooperation", "agreement" as a state of things): undated,
/// they are not worth a place on the timeline however often they recur.
const ABSTRACT: &[&str] = &[
    "cooperation", "agreement", "deal", "accord", "damage", "crisis", "recession", "reform", "comment", "complaint",
    "treatment", "relation", "relations", "confidence", "satisfaction", "tension", "support", "trust", "concern",
    "pressure", "interest", "friendship", "partnership", "alliance", "praise",
];

/// Verbs whose object noun names the happening itself ("reached an
/// agreement", "held talks", "launched an attack").
const LIGHT_VERBS: &[&str] = &[
    "reach", "hold", "sign", "conduct", "stage", "make", "give", "deliver", "mount", "launch", "carry", "strike", "pay",
    "undergo", "win",
];

/// Past tenses and participles a suffix rule gets wrong.
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"), ("says", "say"), ("told", "tell"), ("spoke", "speak"), ("spoken", "speak"), ("went", "go"),
    ("gone", "go"), ("goes", "go"), ("made", "make"), ("took", "take"), ("taken", "take"), ("gave", "give"),
    ("saw", "see"), ("seen", "see"), ("met", "meet"), ("left", "leave"), ("came", "come"), ("got", "get"),
    ("gotten", "get"), ("held", "hold"), ("brought", "bring"), ("thought", "think"), ("found", "find"), ("sent", "send"),
    ("spent", "spend"), ("kept", "keep"), ("began", "begin"), ("begun", "begin"), ("sought", "seek"),
    ("fought", "fight"), ("caught", "catch"), ("taught", "teach"), ("bought", "buy"), ("won", "win"), ("ran", "run"),
    ("fell", "fall"), ("fallen", "fall"), ("felt", "feel"), ("knew", "know"), ("known", "know"), ("wrote", "write"),
    ("written", "write"), ("led", "lead"), ("built", "build"), ("paid", "pay"), ("stood", "stand"), ("lost", "lose"),
    ("heard", "hear"), ("meant", "mean"), ("broke", "break"), ("broken", "break"), ("chose", "choose"),
    ("chosen", "choose"), ("drove", "drive"), ("driven", "drive"), ("rose", "rise"), ("risen", "rise"),
    ("struck", "strike"), ("fled", "flee"), ("hid", "hide"), ("hidden", "hide"), ("stole", "steal"),
    ("stolen", "steal"), ("threw", "throw"), ("thrown", "throw"), ("sold", "sell"), ("shook", "shake"),
    ("flew", "fly"), ("flown", "fly"), ("grew", "grow"), ("grown", "grow"), ("drew", "draw"), ("drawn", "draw"),
    ("became", "become"), ("forgot", "forget"), ("forgotten", "forget"), ("wore", "wear"), ("woke", "wake"),
    ("had", "have"), ("has", "have"), ("having", "have"), ("did", "do"), ("does", "do"), ("done", "do"), ("lay", "lie"),
    ("lain", "lie"), ("sat", "sit"), ("slew", "slay"), ("shot", "shoot"), ("dealt", "deal"), ("fed", "feed"),
    ("bled", "bleed"), ("swore", "swear"), ("sworn", "swear"), ("tore", "tear"), ("torn", "tear"), ("bore", "bear"),
    ("born", "bear"), ("ate", "eat"), ("eaten", "eat"), ("drank", "drink"), ("sank", "sink"), ("sang", "sing"),
    ("rang", "ring"), ("swam", "swim"), ("underwent", "undergo"), ("undergone", "undergo"), ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"), ("overthrew", "overthrow"), ("arose", "arise"), ("awoke", "awake"), ("bent", "bend"),
    ("lent", "lend"), ("built", "build"), ("understood", "understand"), ("talks", "talk"), ("news", "news"),
    ("dies", "die"), ("died", "die"), ("dying", "die"), ("lying", "lie"), ("ties", "tie"), ("series", "series"),
    ("crisis", "crisis"), ("analysis", "analysis"), ("was", "be"), ("were", "be"), ("is", "be"), ("are", "be"),
    ("been", "be"), ("being", "be"), ("am", "be"),
];

struct Tables {
    nominal: std::collections::HashSet<&'static str>,
    not_event: std::collections::HashSet<&'static str>,
    class: HashMap<&'static str, EventClass>,
    synonym: HashMap<&'static str, &'static str>,
    irregular: HashMap<&'static str, &'static str>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut class = HashMap::new();
    for (list, c) in [
        (PERCEPTION, EventClass::Perception),
        (ASPECTUAL, EventClass::Aspectual),
        (STATE, EventClass::State),
        (I_STATE, EventClass::IState),
        (I_ACTION, EventClass::IAction),
        (REPORTING, EventClass::Reporting),
    ] {
        for w in list {
            class.insert(*w, c);
        }
    }
    let mut synonym = HashMap::new();
    for group in SYNONYMS {
        for w in *group {
            synonym.insert(*w, group[0]);
        }
    }
    Tables {
        nominal: NOMINALS.iter().copied().collect(),
        not_event: NOT_EVENTS.iter().copied().collect(),
        class,
        synonym,
        irregular: IRREGULAR.iter().copied().collect(),
    }
});

pub fn is_nominal(lemma: &str) -> bool {
    TABLES.nominal.contains(lemma)
}

/// A noun of the curated list that names a concrete happening (a bombing,
/// an election, an arrest), not a state of things ([`ABSTRACT`]).
pub fn is_happening(lemma: &str) -> bool {
    is_nominal(lemma) && !ABSTRACT.contains(&lemma)
}

/// A verb whose object noun tells the happening ([`LIGHT_VERBS`]).
pub fn is_light_verb(lemma: &str) -> bool {
    LIGHT_VERBS.contains(&lemma)
}

/// Verbs that say only that their subject happened ("the quake struck",
/// "the fighting erupted"): with an event noun as subject, one happening.
const HAPPENING_VERBS: &[&str] = &[
    "strike", "struck", "hit", "happen", "occur", "erupt", "begin", "began", "begun", "start", "end", "unfold", "break", "broke", "resume", "continue",
];

pub fn is_happening_verb(lemma: &str) -> bool {
    HAPPENING_VERBS.contains(&lemma)
}

pub fn is_not_event(word: &str) -> bool {
    TABLES.not_event.contains(word)
}

/// TimeML class of a lemma; nominal reports stay reports, other nouns are occurrences.
pub fn class(lemma: &str, nominal: bool) -> EventClass {
    match TABLES.class.get(lemma) {
        Some(EventClass::Reporting) if nominal && !matches!(lemma, "report" | "statement" | "comment" | "announcement") => {
            EventClass::Occurrence
        }
        Some(c) if !nominal || matches!(c, EventClass::Reporting | EventClass::State) => *c,
        _ => EventClass::Occurrence,
    }
}

/// The name of a lemma's synonym group (the lemma itself if it has none).
pub fn synonym_group(lemma: &str) -> &str {
    TABLES.synonym.get(lemma).copied().unwrap_or(lemma)
}

/// Dictionary form of a lower-case word: irregular table, then suffix rules
/// checked against the lexicon ("stopped" → "stop", "used" → "use").
pub fn lemma(word: &str) -> String {
    if let Some(l) = TABLES.irregular.get(word) {
        return (*l).to_string();
    }
    let lex = lexicon();
    let known = |w: &str| lex.get_lower(w).and_then(|e| e.rank()).unwrap_or(u32::MAX);
    let mut candidates: Vec<String> = Vec::with_capacity(3);
    let undouble = |stem: &str| -> Option<String> {
        let b = stem.as_bytes();
        (b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiouslz".contains(&b[b.len() - 1]))
            .then(|| stem[..stem.len() - 1].to_string())
    };
    if let Some(stem) = word.strip_suffix("ies").or_else(|| word.strip_suffix("ied")) {
        if stem.len() >= 2 {
            return format!("{stem}y");
        }
    }
    // "need", "bring", "spring": base forms that only look inflected.
    let inflected = lex.get_lower(word).is_none_or(|e| matches!(e.pos(), Pos::VerbPast | Pos::VerbParticiple | Pos::VerbGerund | Pos::Unknown | Pos::Adjective));
    for suffix in ["ing", "ed"].into_iter().filter(|_| inflected) {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.len() >= 2 && stem.is_char_boundary(stem.len()) {
                candidates.push(stem.to_string());
                candidates.push(format!("{stem}e"));
                candidates.extend(undouble(stem));
            }
        }
    }
    if candidates.is_empty() {
        if let Some(stem) = word.strip_suffix('s').filter(|s| !s.ends_with('s') && s.len() >= 2) {
            candidates.push(stem.to_string());
            if let Some(stem2) = stem.strip_suffix('e').filter(|s| s.ends_with(['s', 'x', 'z']) || s.ends_with("ch") || s.ends_with("sh")) {
                candidates.push(stem2.to_string());
            }
        }
    }
    // Nouns in "-ing" that are events in their own right keep their form.
    if word.ends_with("ing") && is_nominal(word) {
        return word.to_string();
    }
    candidates.into_iter().filter(|c| known(c) != u32::MAX || is_nominal(c)).min_by_key(|c| known(c)).unwrap_or_else(|| word.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemmas() {
        for (w, l) in [
            ("said", "say"), ("warnings", "warning"), ("bombings", "bombing"), ("stopped", "stop"), ("used", "use"),
            ("visited", "visit"), ("talks", "talk"), ("tried", "try"), ("seeking", "seek"), ("complained", "complain"),
            ("bombing", "bombing"), ("reached", "reach"), ("pushes", "push"), ("intensified", "intensify"),
        ] {
            assert_eq!(lemma(w), l, "{w}");
        }
    }
}
