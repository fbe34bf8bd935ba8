//! The messages between the page and its background annotator (see
//! [`crate::worker`]): a compact binary form of a request (text and
//! options) and of a [`Document`], so a long article crosses to the worker
//! and back as one byte buffer that is moved, not copied as JS objects.
//!
//! Numbers are LEB128 varints, strings are length + UTF-8, spans are
//! start + length. What the page never reads stays behind: the source
//! (the page still holds it: it sent it), the tokens and the `Alignment`
//! (whose passes the core keeps private); a decoded document has them
//! empty. Decoding checks everything and returns `None` on any damage:
//! a bad message is an error to show, never a panic.

use dateline_core::{
    Dct, DctSource, Document, Entity, EntityType, Event, EventClass, EventTime, Options, Repair, RepairKind, Span, Timex, TimexType,
};

/// A message from the worker.
#[derive(Debug)]
pub enum Reply {
    /// The worker has loaded and takes requests.
    Ready,
    /// Job `job` is done in `ms` milliseconds (its document has no source).
    Done { job: u64, ms: f64, doc: Document },
    /// Job `job` failed (a panic in the worker, or a damaged request).
    Failed { job: u64, message: String },
}

const READY: u8 = 0;
const DONE: u8 = 1;
const FAILED: u8 = 2;

/// Request `job`: annotate `text` with `options`.
pub fn request(job: u64, text: &str, options: &Options) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(text.len() + 64));
    w.num(job);
    w.str(text);
    match options.dct {
        Some(d) => {
            w.byte(1);
            w.date(d);
        }
        None => w.byte(0),
    }
    w.spans(&options.rejected_repairs);
    w.0
}

/// Reads a [`request`]: (job, text, options).
pub fn read_request(bytes: &[u8]) -> Option<(u64, String, Options)> {
    let mut r = Reader { bytes, at: 0 };
    let job = r.num()?;
    let text = r.string()?;
    let dct = match r.byte()? {
        0 => None,
        1 => Some(r.date()?),
        _ => return None,
    };
    let rejected_repairs = r.spans()?;
    r.end()?;
    Some((job, text, Options { dct, rejected_repairs }))
}

pub fn ready() -> Vec<u8> {
    vec![READY]
}

pub fn failed(job: u64, message: &str) -> Vec<u8> {
    let mut w = Writer(vec![FAILED]);
    w.num(job);
    w.str(message);
    w.0
}

/// The reply to job `job`: its document (all but source, tokens and alignment).
pub fn done(job: u64, ms: f64, doc: &Document) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(doc.text.len() + doc.text.len() / 2 + 256));
    w.byte(DONE);
    w.num(job);
    w.0.extend_from_slice(&ms.to_le_bytes());
    w.str(&doc.text);
    match &doc.dct {
        None => w.byte(0),
        Some(Dct { date, source: DctSource::Given }) => {
            w.byte(1);
            w.date(*date);
        }
        Some(Dct { date, source: DctSource::Inferred { evidence } }) => {
            w.byte(2);
            w.date(*date);
            w.span(*evidence);
        }
        Some(Dct { date, source: DctSource::InferredYear { relative, explicit } }) => {
            w.byte(3);
            w.date(*date);
            w.span(*relative);
            w.span(*explicit);
        }
    }
    w.num(doc.repairs.len() as u64);
    for r in &doc.repairs {
        w.byte(repair_code(r.kind));
        w.str(&r.before);
        w.str(&r.after);
        w.span(r.span);
        w.span(r.source_span);
    }
    w.spans(&doc.sentences);
    w.spans(&doc.paragraphs);
    w.num(doc.entities.len() as u64);
    for e in &doc.entities {
        w.str(&e.id);
        w.byte(entity_code(e.kind));
        w.str(&e.name);
        w.num(e.titles.len() as u64);
        for t in &e.titles {
            w.str(t);
        }
        w.spans(&e.mentions);
    }
    w.num(doc.timexes.len() as u64);
    for t in &doc.timexes {
        w.str(&t.id);
        w.byte(timex_code(t.kind));
        w.str(&t.value);
        w.span(t.span);
    }
    w.num(doc.events.len() as u64);
    for e in &doc.events {
        w.str(&e.id);
        w.str(&e.title);
        w.byte(event_code(e.class));
        w.spans(&e.mentions);
        w.nums(&e.sentences);
        match &e.time {
            None => w.byte(0),
            Some(t) => {
                w.byte(1);
                w.str(&t.value);
                // 0 for "placed by tense", else timex index + 1.
                w.opt_index(t.timex);
            }
        }
        w.nums(&e.participants);
        w.opt_index(e.place);
        w.opt_index(e.duration);
    }
    w.nums(&doc.timeline);
    w.0
}

/// Reads any message from the worker.
pub fn read_reply(bytes: &[u8]) -> Option<Reply> {
    let mut r = Reader { bytes, at: 0 };
    let reply = match r.byte()? {
        READY => Reply::Ready,
        FAILED => Reply::Failed { job: r.num()?, message: r.string()? },
        DONE => {
            let job = r.num()?;
            let ms = f64::from_le_bytes(r.take(8)?.try_into().ok()?);
            Reply::Done { job, ms, doc: read_document(&mut r)? }
        }
        _ => return None,
    };
    r.end()?;
    Some(reply)
}

fn read_document(r: &mut Reader) -> Option<Document> {
    let text = r.string()?;
    let dct = match r.byte()? {
        0 => None,
        1 => Some(Dct { date: r.date()?, source: DctSource::Given }),
        2 => Some(Dct { date: r.date()?, source: DctSource::Inferred { evidence: r.span()? } }),
        3 => Some(Dct { date: r.date()?, source: DctSource::InferredYear { relative: r.span()?, explicit: r.span()? } }),
        _ => return None,
    };
    let repairs = r.list(|r| {
        Some(Repair { kind: repair_kind(r.byte()?)?, before: r.string()?, after: r.string()?, span: r.span()?, source_span: r.span()? })
    })?;
    let sentences = r.spans()?;
    let paragraphs = r.spans()?;
    let entities = r.list(|r| {
        Some(Entity {
            id: r.string()?,
            kind: entity_type(r.byte()?)?,
            name: r.string()?,
            titles: r.list(Reader::string)?,
            mentions: r.spans()?,
        })
    })?;
    let timexes = r.list(|r| Some(Timex { id: r.string()?, kind: timex_type(r.byte()?)?, value: r.string()?, span: r.span()? }))?;
    let events = r.list(|r| {
        Some(Event {
            id: r.string()?,
            title: r.string()?,
            class: event_class(r.byte()?)?,
            mentions: r.spans()?,
            sentences: r.indices()?,
            time: match r.byte()? {
                0 => None,
                1 => Some(EventTime {
                    value: r.string()?,
                    timex: r.opt_index()?,
                }),
                _ => return None,
            },
            participants: r.indices()?,
            place: r.opt_index()?,
            duration: r.opt_index()?,
        })
    })?;
    let timeline = r.indices()?;
    Some(Document { text, dct, repairs, sentences, paragraphs, entities, timexes, events, timeline, ..Document::default() })
}

struct Writer(Vec<u8>);

impl Writer {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }
    /// 0 for none, else the index + 1.
    fn opt_index(&mut self, i: Option<usize>) {
        self.num(i.map_or(0, |i| i as u64 + 1));
    }
    fn num(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.0.push(n as u8 | 0x80);
            n >>= 7;
        }
        self.0.push(n as u8);
    }
    fn str(&mut self, s: &str) {
        self.num(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn span(&mut self, s: Span) {
        self.num(s.start as u64);
        self.num(s.end.saturating_sub(s.start) as u64);
    }
    fn spans(&mut self, spans: &[Span]) {
        self.num(spans.len() as u64);
        for &s in spans {
            self.span(s);
        }
    }
    fn nums(&mut self, ns: &[usize]) {
        self.num(ns.len() as u64);
        for &n in ns {
            self.num(n as u64);
        }
    }
    fn date(&mut self, d: jiff::civil::Date) {
        self.0.extend_from_slice(&d.year().to_le_bytes());
        self.0.push(d.month() as u8);
        self.0.push(d.day() as u8);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.at.checked_add(n)?;
        let out = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(out)
    }
    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn num(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }
    /// `Some(None)` for 0, else the index - 1; `None` when the bytes are bad.
    fn opt_index(&mut self) -> Option<Option<usize>> {
        match self.num()? {
            0 => Some(None),
            i => Some(Some(usize::try_from(i - 1).ok()?)),
        }
    }
    fn index(&mut self) -> Option<usize> {
        usize::try_from(self.num()?).ok()
    }
    /// A count of items that each take at least one byte: never more than
    /// the bytes left, so damage cannot ask for a huge allocation.
    fn count(&mut self) -> Option<usize> {
        self.index().filter(|&n| n <= self.bytes.len() - self.at)
    }
    fn string(&mut self) -> Option<String> {
        let n = self.index()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn span(&mut self) -> Option<Span> {
        let start = self.index()?;
        Some(Span::new(start, start.checked_add(self.index()?)?))
    }
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.count()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(item(self)?);
        }
        Some(out)
    }
    fn spans(&mut self) -> Option<Vec<Span>> {
        self.list(Reader::span)
    }
    fn indices(&mut self) -> Option<Vec<usize>> {
        self.list(Reader::index)
    }
    fn date(&mut self) -> Option<jiff::civil::Date> {
        let year = i16::from_le_bytes(self.take(2)?.try_into().ok()?);
        let month = i8::try_from(self.byte()?).ok()?;
        let day = i8::try_from(self.byte()?).ok()?;
        jiff::civil::Date::new(year, month, day).ok()
    }
    fn end(&self) -> Option<()> {
        (self.at == self.bytes.len()).then_some(())
    }
}

/// One table per enum, both ways, so a new variant in the core fails to
/// compile here rather than travel as the wrong one.
macro_rules! codes {
    ($encode:ident, $decode:ident, $ty:ty, [$($variant:path = $code:literal),+ $(,)?]) => {
        fn $encode(v: $ty) -> u8 {
            match v { $($variant => $code),+ }
        }
        fn $decode(c: u8) -> Option<$ty> {
            match c { $($code => Some($variant),)+ _ => None }
        }
    };
}

codes!(
    repair_code,
    repair_kind,
    RepairKind,
    [
        RepairKind::HtmlTag = 0,
        RepairKind::HtmlEntity = 1,
        RepairKind::Whitespace = 2,
        RepairKind::Invisible = 3,
        RepairKind::Mojibake = 4,
        RepairKind::Quote = 5,
        RepairKind::Glue = 6,
        RepairKind::Slug = 7,
    ]
);
codes!(
    entity_code,
    entity_type,
    EntityType,
    [EntityType::Person = 0, EntityType::Location = 1, EntityType::Organization = 2, EntityType::Norp = 3, EntityType::Misc = 4,]
);
codes!(timex_code, timex_type, TimexType, [TimexType::Date = 0, TimexType::Time = 1, TimexType::Duration = 2, TimexType::Set = 3,]);
codes!(
    event_code,
    event_class,
    EventClass,
    [
        EventClass::Occurrence = 0,
        EventClass::Reporting = 1,
        EventClass::State = 2,
        EventClass::IAction = 3,
        EventClass::IState = 4,
        EventClass::Aspectual = 5,
        EventClass::Perception = 6,
    ]
);

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything the page reads, compared field by field (`Document` has
    /// no `PartialEq`: its alignment is not sent).
    fn assert_same(got: &Document, want: &Document) {
        assert_eq!(got.text, want.text);
        assert_eq!(got.dct, want.dct);
        assert_eq!(got.repairs, want.repairs);
        assert_eq!(got.sentences, want.sentences);
        assert_eq!(got.paragraphs, want.paragraphs);
        assert_eq!(got.entities, want.entities);
        assert_eq!(got.timexes, want.timexes);
        assert_eq!(got.events, want.events);
        assert_eq!(got.timeline, want.timeline);
    }

    fn round_trip(doc: &Document) -> Document {
        match read_reply(&done(7, 12.5, doc)) {
            Some(Reply::Done { job: 7, ms, doc }) => {
                assert_eq!(ms, 12.5);
                doc
            }
            other => panic!("bad round trip: {other:?}"),
        }
    }

    #[test]
    fn annotated_documents_cross_unchanged() {
        for (text, dct) in [
            (crate::SAMPLE, None),
            (crate::SAMPLE, Some(jiff::civil::date(2013, 4, 30))),
            ("Zürich 😀 Ann Lee met Bo Chan on Monday.\n\nThey left in 2012.", Some(jiff::civil::date(-44, 3, 15))),
            ("", None),
        ] {
            let options = Options { dct, rejected_repairs: vec![] };
            let doc = dateline_core::annotate(text, &options);
            let back = round_trip(&doc);
            assert_same(&back, &doc);
            assert!(back.source.is_empty() && back.tokens.is_empty(), "the page keeps its own source");
        }
    }

    #[test]
    fn every_variant_and_odd_values_cross_unchanged() {
        let span = Span::new(1, 3);
        let mut doc = Document { text: "ab\u{0}cd".into(), ..Document::default() };
        doc.dct = Some(Dct { date: jiff::civil::date(9999, 12, 31), source: DctSource::Inferred { evidence: span } });
        for kind in [
            RepairKind::HtmlTag,
            RepairKind::HtmlEntity,
            RepairKind::Whitespace,
            RepairKind::Invisible,
            RepairKind::Mojibake,
            RepairKind::Quote,
            RepairKind::Glue,
            RepairKind::Slug,
        ] {
            doc.repairs.push(Repair { kind, before: "x".into(), after: String::new(), span, source_span: Span::new(0, 0) });
        }
        for kind in [EntityType::Person, EntityType::Location, EntityType::Organization, EntityType::Norp, EntityType::Misc] {
            doc.entities.push(Entity {
                id: "e".into(),
                kind,
                name: "N".into(),
                titles: vec!["Dr.".into(), "".into()],
                mentions: vec![span],
            });
        }
        for kind in [TimexType::Date, TimexType::Time, TimexType::Duration, TimexType::Set] {
            doc.timexes.push(Timex { id: "t".into(), kind, value: "P6M".into(), span });
        }
        for (k, class) in [
            EventClass::Occurrence,
            EventClass::Reporting,
            EventClass::State,
            EventClass::IAction,
            EventClass::IState,
            EventClass::Aspectual,
            EventClass::Perception,
        ]
        .into_iter()
        .enumerate()
        {
            let time = match k % 3 {
                0 => None,
                1 => Some(EventTime { value: "2013".into(), timex: None }),
                _ => Some(EventTime { value: "2013".into(), timex: Some(usize::MAX >> 1) }),
            };
            doc.events.push(Event {
                id: format!("ev{k}"),
                title: "t".into(),
                class,
                mentions: vec![span, Span::new(u32::MAX as usize - 5, u32::MAX as usize)],
                sentences: vec![0, 300],
                time,
                participants: vec![k],
                place: (k % 2 == 0).then_some(k),
                duration: (k % 3 == 1).then_some(usize::MAX >> 1),
            });
        }
        doc.timeline = vec![3, 0, 1_000_000];
        assert_same(&round_trip(&doc), &doc);
        doc.dct = Some(Dct { date: jiff::civil::date(2013, 4, 30), source: DctSource::Given });
        assert_same(&round_trip(&doc), &doc);
        let year_only = DctSource::InferredYear { relative: Span::new(0, 2), explicit: Span::new(u32::MAX as usize - 4, u32::MAX as usize) };
        doc.dct = Some(Dct { date: jiff::civil::date(2013, 1, 1), source: year_only });
        assert_same(&round_trip(&doc), &doc);
    }

    #[test]
    fn requests_and_short_replies_cross_unchanged() {
        let options = Options { dct: Some(jiff::civil::date(2013, 4, 30)), rejected_repairs: vec![Span::new(10, 20), Span::new(3, 3)] };
        assert_eq!(read_request(&request(u64::MAX, "Zürich 😀", &options)), Some((u64::MAX, "Zürich 😀".to_string(), options)));
        assert_eq!(read_request(&request(0, "", &Options::default())), Some((0, String::new(), Options::default())));
        assert!(matches!(read_reply(&ready()), Some(Reply::Ready)));
        match read_reply(&failed(3, "panicked at 'x'")) {
            Some(Reply::Failed { job: 3, message }) => assert_eq!(message, "panicked at 'x'"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn damaged_messages_are_refused_never_a_panic() {
        let doc = dateline_core::annotate(crate::SAMPLE, &Options::default());
        let whole = done(1, 1.0, &doc);
        // Every truncation, and a byte too many.
        for cut in 0..whole.len() {
            assert!(read_reply(&whole[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = whole.clone();
        longer.push(0);
        assert!(read_reply(&longer).is_none());
        let req = request(5, "Ann met Bo.", &Options::default());
        for cut in 0..req.len() {
            assert!(read_request(&req[..cut]).is_none());
        }
        // Bad tags, bad UTF-8, an impossible date, a count larger than the message, a varint too long.
        assert!(read_reply(&[9]).is_none());
        assert!(read_reply(&[FAILED, 1, 2, 0xff, 0xfe]).is_none());
        let mut bad_date = request(1, "", &Options { dct: Some(jiff::civil::date(2013, 2, 28)), ..Options::default() });
        let day = bad_date.len() - 2;
        bad_date[day] = 30;
        assert!(read_request(&bad_date).is_none());
        let mut huge = vec![DONE, 1];
        huge.extend_from_slice(&0f64.to_le_bytes());
        huge.extend_from_slice(&[0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f]);
        assert!(read_reply(&huge).is_none());
        assert!(read_reply(&[FAILED, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]).is_none());
        // Every single-byte change either reads as something or is refused.
        for i in (0..whole.len()).step_by(7) {
            let mut flipped = whole.clone();
            flipped[i] ^= 0x55;
            let _ = read_reply(&flipped);
        }
    }
}
