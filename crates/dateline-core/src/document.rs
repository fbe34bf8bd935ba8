//! The document model: what the pipeline produces and every front end reads.
//!
//! All spans here are **byte** ranges into UTF-8 strings, half-open. `span`
//! always points into [`Document::text`] (the cleaned text) and `source_span`
//! into [`Document::source`] (what the reader pasted). Front ends convert to
//! code points (CLI, JSON) or UTF-16 (DOM) with [`crate::offsets::TextIndex`].

use crate::offsets::Alignment;

/// A half-open byte range `[start, end)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub const fn len(self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(self) -> bool {
        self.start >= self.end
    }
    pub const fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// What the caller tells the pipeline besides the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The article's date (document creation time), when the reader knows it.
    pub dct: Option<jiff::civil::Date>,
    /// Repairs the reader undid, named by their `source_span`: the cleaner
    /// leaves those stretches of the input as they were.
    pub rejected_repairs: Vec<Span>,
}

/// The annotated article.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The input exactly as given.
    pub source: String,
    /// The cleaned text every annotation points into.
    pub text: String,
    /// Maps offsets between `text` and `source`, both ways.
    pub alignment: Alignment,
    pub dct: Option<Dct>,
    pub repairs: Vec<Repair>,
    /// Sentence spans, in order, covering no whitespace at either end.
    pub sentences: Vec<Span>,
    /// Paragraph spans (blocks separated by blank lines), in order.
    pub paragraphs: Vec<Span>,
    pub tokens: Vec<Token>,
    pub entities: Vec<Entity>,
    pub timexes: Vec<Timex>,
    pub events: Vec<Event>,
    /// Indices into `events`, in story-time order.
    pub timeline: Vec<usize>,
}

impl Document {
    /// The cleaned text a span covers ("" for an out-of-range span, never a panic).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
    /// The stretch of the input a cleaned-text span came from.
    pub fn source_span(&self, span: Span) -> Span {
        self.alignment.to_source(span)
    }
    /// Index of the sentence holding byte `offset` of the cleaned text.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        (i < self.sentences.len() && self.sentences[i].start <= offset).then_some(i)
    }
}

/// The article's date and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dct {
    /// The day; January 1 of the year when only the year is known
    /// ([`DctSource::InferredYear`]): use [`Dct::day`] for a day.
    pub date: jiff::civil::Date,
    pub source: DctSource,
}

impl Dct {
    /// The article's day, when known (not for a year-only date).
    pub fn day(&self) -> Option<jiff::civil::Date> {
        (!matches!(self.source, DctSource::InferredYear { .. })).then_some(self.date)
    }
    /// The article's year.
    pub fn year(&self) -> i16 {
        self.date.year()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DctSource {
    /// The reader (or caller) gave it.
    Given,
    /// Read off the text; `evidence` is the span of cleaned text that pins it.
    Inferred { evidence: Span },
    /// Only the year was inferred, from a relative year ("last year") and
    /// an explicit one ("in 2012") that name the same stretch; day-level
    /// expressions ("on Monday", "yesterday") stay relative.
    InferredYear { relative: Span, explicit: Span },
}

/// One change the cleaner made. The reader can undo it by passing its
/// `source_span` in [`Options::rejected_repairs`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    pub kind: RepairKind,
    pub before: String,
    pub after: String,
    pub span: Span,
    pub source_span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RepairKind {
    /// An HTML tag dropped or turned into a paragraph break.
    HtmlTag,
    /// An HTML character reference decoded ("&amp;" → "&").
    HtmlEntity,
    /// Whitespace normalised (runs collapsed, non-breaking spaces, line ends).
    Whitespace,
    /// Invisible characters removed (zero-width, soft hyphen, BOM).
    Invisible,
    /// UTF-8 read as Windows-1252 and repaired ("â€™" → "’").
    Mojibake,
    /// Space restored around a quotation mark.
    Quote,
    /// Words glued together by a lost link boundary, split again.
    Glue,
    /// An image-file slug glued to the text, removed.
    Slug,
}

impl RepairKind {
    /// Stable lower-case name, used by the CLI and the page.
    pub const fn name(self) -> &'static str {
        match self {
            RepairKind::HtmlTag => "html-tag",
            RepairKind::HtmlEntity => "html-entity",
            RepairKind::Whitespace => "whitespace",
            RepairKind::Invisible => "invisible",
            RepairKind::Mojibake => "mojibake",
            RepairKind::Quote => "quote",
            RepairKind::Glue => "glue",
            RepairKind::Slug => "slug",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Person,
    Location,
    Organization,
    /// Nationalities, religious and political groups.
    Norp,
    Misc,
}

impl EntityType {
    pub const fn name(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Location => "LOCATION",
            EntityType::Organization => "ORGANIZATION",
            EntityType::Norp => "NORP",
            EntityType::Misc => "MISC",
        }
    }
}

/// One thing in the world the article names, with all its mentions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    pub id: String,
    pub kind: EntityType,
    /// Canonical name: the fullest mention, titles and possessives stripped.
    pub name: String,
    /// Titles seen with the name ("President", "Mr.").
    pub titles: Vec<String>,
    /// Mention spans in cleaned text, in order.
    pub mentions: Vec<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub const fn name(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A time expression with its TIMEX3 value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timex {
    pub id: String,
    pub kind: TimexType,
    /// TIMEX3 value: "2013-04-29", "2012", "P6M", "XXXX-WXX-1", "PAST_REF"...
    pub value: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventClass {
    Occurrence,
    Reporting,
    State,
    IAction,
    IState,
    Aspectual,
    Perception,
}

impl EventClass {
    pub const fn name(self) -> &'static str {
        match self {
            EventClass::Occurrence => "OCCURRENCE",
            EventClass::Reporting => "REPORTING",
            EventClass::State => "STATE",
            EventClass::IAction => "I_ACTION",
            EventClass::IState => "I_STATE",
            EventClass::Aspectual => "ASPECTUAL",
            EventClass::Perception => "PERCEPTION",
        }
    }
}

/// A happening in the story, with the mentions that tell it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub class: EventClass,
    /// Trigger spans (verbs, nominalisations), in order.
    pub mentions: Vec<Span>,
    /// Indices of the sentences that tell it.
    pub sentences: Vec<usize>,
    pub time: Option<EventTime>,
    /// Entity indices taking part (people and organisations first; the
    /// place is not repeated here).
    pub participants: Vec<usize>,
    /// Entity index of the place it happened ("stay in Dagestan").
    pub place: Option<usize>,
    /// Index into `Document::timexes` of a duration told with it ("his
    /// six-month stay"): drawn beside its date ("2012 · six months").
    pub duration: Option<usize>,
}

impl Event {
    /// A report ("said", "told") that its own words do not date: kept, but
    /// hidden from the timeline until the reader asks, so it does not crowd
    /// the story. A dated report ("Mr. Putin said last week") is part of the
    /// story's chronology and is shown.
    pub fn is_background_report(&self) -> bool {
        self.class == EventClass::Reporting && self.time.as_ref().is_none_or(|t| t.timex.is_none())
    }
}

/// Where an event sits in time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventTime {
    /// TIMEX3 value.
    pub value: String,
    /// Index into `Document::timexes` of the expression that places it, or
    /// `None` when placed by tense against the article date.
    pub timex: Option<usize>,
}
