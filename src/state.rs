//! The page's state: plain data and a reducer, no DOM. Every change the
//! reader makes is an [`Action`]; annotating is a pure call into the core,
//! so the whole flow (type, annotate, undo a repair, redo it) is tested
//! natively below. A long text is not annotated here: the reducer records a
//! [`Pending`] job, the app hands it to the background worker
//! ([`crate::worker`]), and its reply comes back as another action.

use std::rc::Rc;

use dateline_core::{Document, Options, RepairKind, Span};
use yew::Reducible;

/// A document shared between the state and the components. Compared by
/// identity: a new annotation is a new document, and comparing two whole
/// documents on every render would cost more than it saves.
#[derive(Clone, Debug)]
pub struct DocRef(pub Rc<Document>);

impl PartialEq for DocRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for DocRef {
    type Target = Document;
    fn deref(&self) -> &Document {
        &self.0
    }
}

/// A repair the reader undid, kept so it can be redone. Named by its
/// `source_span`, which stays valid as long as the input does not change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undone {
    pub source_span: Span,
    pub kind: RepairKind,
    pub before: String,
    pub after: String,
    /// The input as the reader will now see it there ("inParisfor" for an
    /// undone inserted space), for the redo list.
    pub shown: String,
}

/// Texts longer than this many bytes are annotated by the background
/// worker: the pipeline takes ~6 ms per KB on the main thread, so 20 KB
/// would already hold the page for over a tenth of a second.
pub const BACKGROUND_BYTES: usize = 20_000;

/// A job sent to the background worker and not answered yet.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    /// Its number: replies to any other number are out of date.
    pub job: u64,
    /// The text and options it annotates (the reply's document gets this text as its source).
    pub input: Rc<str>,
    pub options: Options,
    /// The value of `State::edits` when it was asked for.
    pub edits: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    /// The article as the reader pasted or typed it.
    pub input: String,
    /// The date input's value: "YYYY-MM-DD", or "" to let the core infer it.
    pub date: String,
    /// The latest annotation, if any.
    pub doc: Option<DocRef>,
    /// Repairs the reader undid, in the order undone.
    pub undone: Vec<Undone>,
    /// The chosen entity, by its id (ids survive re-annotation, indices may not).
    pub selected_entity: Option<String>,
    /// The sentence a timeline click pointed at.
    pub focused_sentence: Option<usize>,
    /// The event under the pointer or keyboard focus (in the timeline or the
    /// article), by index into `doc.events`: its item and mentions light up.
    pub hovered_event: Option<usize>,
    /// Whether REPORTING events ("said", "told") appear in the timeline.
    pub show_reporting: bool,
    /// Why the article could not be saved in the browser, if it could not.
    pub storage_error: Option<String>,
    /// Bumped on every change to the input or the date: the page saves and
    /// re-annotates (debounced) when it moves.
    pub edits: u64,
    /// The value of `edits` the current `doc` was made from.
    pub annotated_edits: Option<u64>,
    /// Bumped on every annotation, so tests and effects can tell a new one.
    pub revision: u64,
    /// How long the last annotation took, in milliseconds.
    pub annotate_ms: Option<f64>,
    /// The date field holds something that is not a date; it was ignored.
    pub bad_date: bool,
    /// Something the reader should know that is not an error of theirs.
    pub notice: Option<String>,
    /// Bumped on every annotation asked for, here or in the background.
    pub job: u64,
    /// The background job under way, if any: the page shows it is busy.
    pub pending: Option<Pending>,
    /// Why the last background annotation failed (the text is untouched).
    pub failure: Option<String>,
    /// The value of `edits` that failed: the debounce timer does not try it
    /// again by itself (the reader can, with Annotate).
    pub failed_edits: Option<u64>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The reader changed the article text.
    SetText(String),
    /// The reader changed the date input ("" clears it).
    SetDate(String),
    /// Load the sample article and annotate it.
    LoadSample,
    /// Annotate now (the button).
    Annotate,
    /// Annotate if the text has not changed again since edit `n` and the
    /// document is out of date (the debounce timer).
    AnnotateIfStale(u64),
    /// Undo `doc.repairs[i]`.
    UndoRepair(usize),
    /// Redo `undone[i]`.
    RedoRepair(usize),
    /// Choose an entity by id, or choose it again to clear the choice.
    SelectEntity(String),
    /// Point at a sentence (from the timeline).
    FocusSentence(usize),
    /// The pointer or focus entered an event (timeline item or mention), or left it.
    HoverEvent(Option<usize>),
    ShowReporting(bool),
    /// Saving to the browser failed, with a message for the reader.
    StorageFailed(String),
    /// Saving worked again.
    StorageOk,
    /// The background worker annotated job `job` in `ms` milliseconds.
    Annotated {
        job: u64,
        doc: DocRef,
        ms: f64,
    },
    /// The background worker could not annotate job `job`.
    AnnotateFailed {
        job: u64,
        message: String,
    },
}

impl State {
    /// The state a page starts in: what storage gave back, annotated if there
    /// is anything to annotate, so a reload shows the reader's work at once.
    pub fn restored(input: String, date: String, storage_error: Option<String>) -> State {
        let mut state = State { input, date, storage_error, ..State::default() };
        if !state.input.trim().is_empty() {
            state.annotate();
        }
        state
    }

    /// The state after the page stopped while annotating this very text:
    /// the text comes back, but is not annotated until the reader asks, so
    /// one bad input cannot stop the page on every reload.
    pub fn restored_after_crash(input: String, date: String) -> State {
        let notice = "Dateline stopped while annotating this text last time. \
                      Your text is back; press Annotate to try again."
            .to_string();
        State { input, date, notice: Some(notice), ..State::default() }
    }

    /// Whether the shown document is out of date with the text or date.
    pub fn is_stale(&self) -> bool {
        self.annotated_edits != Some(self.edits)
    }

    /// The date the reader gave, if the field holds a valid one (a date
    /// field's value is "YYYY-MM-DD" or empty).
    pub fn given_date(&self) -> Option<jiff::civil::Date> {
        dateline_core::timex::parse_day(self.date.trim())
    }

    /// The options for the next annotation: the given date and every undone repair.
    pub fn options(&self) -> Options {
        Options { dct: self.given_date(), rejected_repairs: self.undone.iter().map(|u| u.source_span).collect() }
    }

    /// Events shown in the timeline, in `doc.timeline` order: indices into `doc.events`.
    pub fn visible_timeline(&self) -> Vec<usize> {
        let Some(doc) = &self.doc else { return Vec::new() };
        doc.timeline
            .iter()
            .copied()
            .filter(|&i| doc.events.get(i).is_some_and(|e| self.show_reporting || !e.is_background_report()))
            .collect()
    }

    /// Index of the selected entity in the current document.
    pub fn selected_index(&self) -> Option<usize> {
        let id = self.selected_entity.as_ref()?;
        self.doc.as_ref()?.entities.iter().position(|e| &e.id == id)
    }

    /// Annotates the current text: here when it is short, else by asking
    /// the background worker (see [`Pending`]); the shown document stays
    /// until the reply.
    fn annotate(&mut self) {
        let options = self.options();
        // The job under way already covers this text and these options (the
        // debounce timer, or Annotate pressed twice): let it finish.
        if self.pending.as_ref().is_some_and(|p| p.edits == self.edits && p.options == options) {
            return;
        }
        self.notice = None;
        self.failure = None;
        self.bad_date = !self.date.trim().is_empty() && options.dct.is_none();
        self.job += 1;
        if self.input.len() > BACKGROUND_BYTES {
            self.pending = Some(Pending { job: self.job, input: Rc::from(self.input.as_str()), options, edits: self.edits });
            return;
        }
        self.pending = None;
        let started = crate::clock::now_ms();
        let doc = dateline_core::annotate(&self.input, &options);
        let ms = crate::clock::now_ms() - started;
        self.install(doc, ms, self.edits);
    }

    /// Shows `doc`, made in `ms` milliseconds from the text as of edit `edits`.
    fn install(&mut self, doc: Document, ms: f64, edits: u64) {
        self.annotate_ms = Some(ms);
        if let Some(id) = &self.selected_entity {
            if !doc.entities.iter().any(|e| &e.id == id) {
                self.selected_entity = None;
            }
        }
        self.focused_sentence = None;
        self.hovered_event = None;
        self.doc = Some(DocRef(Rc::new(doc)));
        self.annotated_edits = Some(edits);
        self.revision += 1;
    }

    /// The document, if it was made from the current input (so its
    /// `source_span`s name stretches of what the reader sees).
    fn current_doc(&self) -> Option<&DocRef> {
        self.doc.as_ref().filter(|d| d.source == self.input)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetText(text) => {
                if text == next.input {
                    return self;
                }
                next.input = text;
                // Undone repairs name stretches of the old input.
                next.undone.clear();
                next.edits += 1;
            }
            Action::SetDate(date) => {
                if date == next.date {
                    return self;
                }
                next.date = date;
                next.edits += 1;
            }
            Action::LoadSample => {
                next.input = crate::SAMPLE.to_string();
                next.date.clear();
                next.undone.clear();
                next.selected_entity = None;
                next.edits += 1;
                next.annotate();
            }
            Action::Annotate => next.annotate(),
            Action::AnnotateIfStale(edits) => {
                if edits != next.edits || !next.is_stale() || next.failed_edits == Some(edits) {
                    return self;
                }
                next.annotate();
            }
            Action::UndoRepair(i) => {
                let Some((repair, shown)) =
                    next.current_doc().and_then(|d| Some((d.repairs.get(i)?.clone(), crate::format::repair_before(d, d.repairs.get(i)?))))
                else {
                    return self;
                };
                if next.undone.iter().any(|u| u.source_span == repair.source_span) {
                    return self;
                }
                next.undone.push(Undone {
                    source_span: repair.source_span,
                    kind: repair.kind,
                    before: repair.before,
                    after: repair.after,
                    shown,
                });
                next.annotate();
            }
            Action::RedoRepair(i) => {
                if i >= next.undone.len() {
                    return self;
                }
                next.undone.remove(i);
                next.annotate();
            }
            Action::SelectEntity(id) => {
                next.selected_entity = if next.selected_entity.as_ref() == Some(&id) { None } else { Some(id) };
            }
            Action::FocusSentence(i) => next.focused_sentence = Some(i),
            Action::HoverEvent(event) => {
                // Pointer moves fire often: no change, no re-render.
                if event == next.hovered_event {
                    return self;
                }
                next.hovered_event = event;
            }
            Action::ShowReporting(show) => next.show_reporting = show,
            Action::StorageFailed(message) => {
                if next.storage_error.as_ref() == Some(&message) {
                    return self;
                }
                next.storage_error = Some(message);
            }
            Action::StorageOk => {
                if next.storage_error.is_none() {
                    return self;
                }
                next.storage_error = None;
            }
            Action::Annotated { job, doc, ms } => {
                let Some(pending) = next.pending.take().filter(|p| p.job == job) else { return self };
                // The worker does not send the text back: the page has it.
                let mut doc = Rc::try_unwrap(doc.0).unwrap_or_else(|rc| (*rc).clone());
                doc.source = pending.input.to_string();
                next.install(doc, ms, pending.edits);
            }
            Action::AnnotateFailed { job, message } => {
                if next.pending.as_ref().is_none_or(|p| p.job != job) {
                    return self;
                }
                next.failed_edits = next.pending.take().map(|p| p.edits);
                next.failure = Some(message);
            }
        }
        Rc::new(next)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use dateline_core::{Entity, EntityType, Event, EventClass, Repair};

    fn reduce(state: State, actions: impl IntoIterator<Item = Action>) -> State {
        let mut state = Rc::new(state);
        for action in actions {
            state = state.reduce(action);
        }
        Rc::try_unwrap(state).unwrap_or_else(|rc| (*rc).clone())
    }

    /// A state holding a hand-made document, for the parts of the reducer
    /// that only read it (the core's stages may not be filled in yet).
    fn with_doc(doc: Document) -> State {
        let input = doc.source.clone();
        State { input, doc: Some(DocRef(Rc::new(doc))), annotated_edits: Some(0), ..State::default() }
    }

    #[test]
    fn typing_marks_the_document_stale_and_annotate_refreshes_it() {
        let s = reduce(State::default(), [Action::SetText("Mr. Smith arrived on Monday.".into())]);
        assert_eq!(s.edits, 1);
        assert!(s.doc.is_none() && s.is_stale());
        let s = reduce(s, [Action::Annotate]);
        let doc = s.doc.as_ref().expect("annotated");
        assert_eq!(doc.source, "Mr. Smith arrived on Monday.");
        assert!(!s.is_stale());
        assert_eq!(s.revision, 1);
        assert!(s.annotate_ms.is_some());
    }

    #[test]
    fn same_text_again_changes_nothing() {
        let s = reduce(State::default(), [Action::SetText("x".into()), Action::SetText("x".into())]);
        assert_eq!(s.edits, 1);
    }

    #[test]
    fn debounced_annotation_only_runs_for_the_latest_edit() {
        let s = reduce(State::default(), [Action::SetText("a".into()), Action::SetText("ab".into())]);
        let early = reduce(s.clone(), [Action::AnnotateIfStale(1)]);
        assert!(early.doc.is_none(), "a timer from an older edit must not annotate");
        let s = reduce(s, [Action::AnnotateIfStale(2)]);
        assert_eq!(s.revision, 1);
        let s = reduce(s, [Action::AnnotateIfStale(2)]);
        assert_eq!(s.revision, 1, "an up-to-date document is not annotated again");
    }

    #[test]
    fn the_date_goes_to_the_core_and_a_bad_date_is_flagged() {
        let s = reduce(State::default(), [Action::SetText("Talks began on Monday.".into()), Action::SetDate("2013-04-30".into())]);
        assert_eq!(s.given_date(), Some(jiff::civil::date(2013, 4, 30)));
        let s = reduce(s, [Action::Annotate]);
        let dct = s.doc.as_ref().and_then(|d| d.dct.clone()).expect("the given date is the dct");
        assert_eq!(dct.date, jiff::civil::date(2013, 4, 30));
        assert!(!s.bad_date);
        let s = reduce(s, [Action::SetDate("2013-02-30".into()), Action::Annotate]);
        assert!(s.bad_date);
        assert!(s.options().dct.is_none());
    }

    #[test]
    fn the_sample_loads_and_is_annotated_at_once() {
        let s = reduce(State { date: "2020-01-01".into(), ..State::default() }, [Action::LoadSample]);
        assert_eq!(s.input, crate::SAMPLE);
        assert_eq!(s.date, "", "the sample's date is inferred, not the old one");
        assert_eq!(s.doc.as_ref().map(|d| d.source.as_str()), Some(crate::SAMPLE));
        assert!(!s.is_stale());
    }

    fn repaired_doc() -> Document {
        let source = "He stayed inParisfor days.".to_string();
        Document {
            text: "He stayed in Paris for days.".into(),
            repairs: vec![Repair {
                kind: RepairKind::Glue,
                before: "inParisfor".into(),
                after: "in Paris for".into(),
                span: Span::new(10, 22),
                source_span: Span::new(10, 20),
            }],
            source,
            ..Document::default()
        }
    }

    #[test]
    fn undo_rejects_the_repair_and_redo_restores_it() {
        let s = reduce(with_doc(repaired_doc()), [Action::UndoRepair(0)]);
        assert_eq!(s.undone.len(), 1);
        assert_eq!(s.undone[0].source_span, Span::new(10, 20));
        assert_eq!(s.undone[0].shown, "inParisfor");
        assert_eq!(s.options().rejected_repairs, vec![Span::new(10, 20)]);
        assert_eq!(s.revision, 1, "undo re-annotates");
        // Undoing the same stretch twice is a no-op; out-of-range indices too.
        let again = reduce(with_doc(repaired_doc()), [Action::UndoRepair(0), Action::UndoRepair(0), Action::UndoRepair(7)]);
        assert_eq!(again.undone.len(), 1);
        let s = reduce(s, [Action::RedoRepair(3), Action::RedoRepair(0)]);
        assert!(s.undone.is_empty());
        assert!(s.options().rejected_repairs.is_empty());
        assert_eq!(s.revision, 2);
    }

    #[test]
    fn undo_is_ignored_once_the_text_has_changed() {
        let s = reduce(with_doc(repaired_doc()), [Action::SetText("Something else.".into()), Action::UndoRepair(0)]);
        assert!(s.undone.is_empty());
    }

    #[test]
    fn editing_the_text_forgets_undone_repairs() {
        let s = reduce(with_doc(repaired_doc()), [Action::UndoRepair(0), Action::SetText("new text".into())]);
        assert!(s.undone.is_empty());
    }

    #[test]
    fn choosing_an_entity_twice_clears_the_choice() {
        let mut doc = repaired_doc();
        doc.entities.push(Entity {
            id: "e1".into(),
            kind: EntityType::Location,
            name: "Paris".into(),
            titles: vec![],
            mentions: vec![Span::new(13, 18)],
        });
        let s = reduce(with_doc(doc), [Action::SelectEntity("e1".into())]);
        assert_eq!(s.selected_index(), Some(0));
        let s = reduce(s, [Action::SelectEntity("e1".into())]);
        assert_eq!(s.selected_index(), None);
    }

    #[test]
    fn reporting_events_are_hidden_until_asked_for() {
        let event = |class| Event {
            id: String::new(),
            title: String::new(),
            class,
            mentions: vec![],
            sentences: vec![],
            time: None,
            participants: vec![],
            place: None,
            duration: None,
        };
        let dated_report = Event {
            time: Some(dateline_core::EventTime { value: "2013-W17".into(), timex: Some(0) }),
            ..event(EventClass::Reporting)
        };
        let report_by_tense =
            Event { time: Some(dateline_core::EventTime { value: "PAST_REF".into(), timex: None }), ..event(EventClass::Reporting) };
        let doc = Document {
            events: vec![event(EventClass::Occurrence), event(EventClass::Reporting), event(EventClass::State), dated_report, report_by_tense],
            timeline: vec![2, 1, 3, 0, 4, 9],
            ..Document::default()
        };
        let s = with_doc(doc);
        assert_eq!(s.visible_timeline(), vec![2, 3, 0], "a report its words date is shown; out-of-range indices are dropped");
        let s = reduce(s, [Action::ShowReporting(true)]);
        assert_eq!(s.visible_timeline(), vec![2, 1, 3, 0, 4]);
    }

    #[test]
    fn hovering_an_event_is_remembered_until_it_leaves_or_a_new_annotation_lands() {
        let s = Rc::new(reduce(State::default(), [Action::SetText("Talks began on Monday.".into()), Action::Annotate]));
        let hovered = s.clone().reduce(Action::HoverEvent(Some(0)));
        assert_eq!(hovered.hovered_event, Some(0));
        let again = hovered.clone().reduce(Action::HoverEvent(Some(0)));
        assert!(Rc::ptr_eq(&hovered, &again), "the same hover again changes nothing (no re-render)");
        assert_eq!(hovered.clone().reduce(Action::HoverEvent(None)).hovered_event, None);
        let annotated = hovered.reduce(Action::Annotate);
        assert_eq!(annotated.hovered_event, None, "indices of the old document mean nothing in the new one");
    }

    fn long_text() -> String {
        "Ann Lee met Bo Chan in Paris on Monday. ".repeat(BACKGROUND_BYTES / 40 + 1)
    }

    #[test]
    fn a_long_text_becomes_a_background_job_and_its_reply_is_shown() {
        let text = long_text();
        let s = reduce(State::default(), [Action::SetText(text.clone()), Action::SetDate("2013-04-30".into()), Action::Annotate]);
        let pending = s.pending.clone().expect("a background job");
        assert_eq!((pending.job, &*pending.input, pending.edits), (s.job, text.as_str(), 2));
        assert_eq!(pending.options.dct, Some(jiff::civil::date(2013, 4, 30)));
        assert!(s.doc.is_none() && s.revision == 0, "nothing is annotated on the page");
        // What the worker sends back: the document without its source.
        let mut doc = dateline_core::annotate(&text, &pending.options);
        doc.source.clear();
        let s = reduce(s, [Action::Annotated { job: pending.job, doc: DocRef(Rc::new(doc)), ms: 42.0 }]);
        assert!(s.pending.is_none() && !s.is_stale());
        assert_eq!(s.doc.as_ref().map(|d| d.source.as_str()), Some(text.as_str()), "the page's own text is the source");
        assert_eq!((s.revision, s.annotate_ms), (1, Some(42.0)));
        // Undo works on it like on any document.
        if !s.doc.as_ref().is_some_and(|d| d.repairs.is_empty()) {
            assert_eq!(reduce(s.clone(), [Action::UndoRepair(0)]).undone.len(), 1);
        }
    }

    #[test]
    fn replies_to_older_jobs_are_ignored_and_short_texts_stay_on_the_page() {
        let text = long_text();
        let s = reduce(State::default(), [Action::SetText(text.clone()), Action::Annotate]);
        let first = s.job;
        let again = reduce(s.clone(), [Action::Annotate, Action::AnnotateIfStale(1)]);
        assert_eq!(again.job, first, "the job under way covers the text: no new one");
        let s = reduce(s, [Action::SetText(format!("{text}More.")), Action::Annotate]);
        assert_eq!(s.pending.as_ref().map(|p| p.job), Some(first + 1));
        let old = dateline_core::annotate(&text, &Options::default());
        let s2 = reduce(s.clone(), [Action::Annotated { job: first, doc: DocRef(Rc::new(old)), ms: 1.0 }]);
        assert!(s2.doc.is_none() && s2.pending.is_some(), "an out-of-date reply is dropped");
        let s2 = reduce(s2, [Action::AnnotateFailed { job: first, message: "old".into() }]);
        assert!(s2.failure.is_none() && s2.pending.is_some());
        // A short text is annotated here at once, and the job in flight is forgotten.
        let s = reduce(s, [Action::SetText("Short.".into()), Action::Annotate]);
        assert!(s.pending.is_none() && s.doc.is_some());
    }

    #[test]
    fn a_failed_background_job_is_reported_and_the_text_kept() {
        let text = long_text();
        let s = reduce(State::default(), [Action::LoadSample, Action::SetText(text.clone()), Action::Annotate]);
        let job = s.job;
        let s = reduce(s, [Action::AnnotateFailed { job, message: "the worker stopped".into() }]);
        assert_eq!(s.failure.as_deref(), Some("the worker stopped"));
        assert_eq!(s.input, text);
        assert!(s.pending.is_none());
        assert_eq!(s.doc.as_ref().map(|d| d.source.as_str()), Some(crate::SAMPLE), "the last document stays");
        let timer = reduce(s.clone(), [Action::AnnotateIfStale(s.edits)]);
        assert!(timer.pending.is_none() && timer.failure.is_some(), "the debounce timer does not retry a failed text");
        let s = reduce(s, [Action::Annotate]);
        assert!(s.failure.is_none() && s.pending.is_some(), "Annotate tries again");
    }

    #[test]
    fn storage_errors_are_shown_and_cleared_without_touching_the_text() {
        let s = reduce(State::default(), [Action::SetText("keep me".into()), Action::StorageFailed("quota".into())]);
        assert_eq!(s.storage_error.as_deref(), Some("quota"));
        assert_eq!(s.input, "keep me");
        let s = reduce(s, [Action::StorageOk]);
        assert_eq!(s.storage_error, None);
        assert_eq!(s.input, "keep me");
    }

    #[test]
    fn after_a_crash_the_text_comes_back_unannotated() {
        let s = State::restored_after_crash("text".into(), "2013-04-30".into());
        assert!(s.doc.is_none() && s.notice.is_some());
        assert_eq!(s.input, "text");
        let s = reduce(s, [Action::Annotate]);
        assert!(s.doc.is_some() && s.notice.is_none());
    }

    #[test]
    fn a_restored_article_is_annotated_at_once() {
        let s = State::restored("Talks resumed in 2011.".into(), String::new(), None);
        assert!(s.doc.is_some() && !s.is_stale());
        let empty = State::restored("  ".into(), String::new(), Some("blocked".into()));
        assert!(empty.doc.is_none());
        assert_eq!(empty.storage_error.as_deref(), Some("blocked"));
    }
}
