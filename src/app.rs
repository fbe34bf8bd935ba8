//! The page: wires the reducer in [`crate::state`] to the components, and
//! runs the side effects (saving, debounced annotation, scrolling, handing
//! long texts to the background worker).

use yew::prelude::*;

use crate::components::{
    article::Article, dct_note::DctNote, editor::Editor, entities::Entities, repairs::Repairs, status::Status, timeline::Timeline,
};
use crate::state::{Action, DocRef, State, BACKGROUND_BYTES};
use crate::storage;
use crate::worker::{Background, Outcome};

/// Quiet time after the last keystroke before annotating by itself.
const DEBOUNCE_MS: u32 = 600;

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| match storage::load() {
        Ok((text, date)) if storage::take_crashed() => State::restored_after_crash(text, date),
        Ok((text, date)) => State::restored(text, date, None),
        Err(e) => State::restored(String::new(), String::new(), Some(e)),
    });
    let dispatcher = state.dispatcher();

    // Save on every edit. The text lives in the state either way, so a
    // failure costs only the reload, and the reader is told.
    {
        let state = state.clone();
        use_effect_with(state.edits, move |&edits| {
            if edits > 0 {
                match storage::save(&state.input, &state.date) {
                    Ok(()) => state.dispatch(Action::StorageOk),
                    Err(e) => state.dispatch(Action::StorageFailed(e)),
                }
            }
        });
    }
    // Annotate by itself once the reader pauses.
    {
        let dispatcher = dispatcher.clone();
        use_effect_with(state.edits, move |&edits| {
            let timer = (edits > 0)
                .then(|| gloo_timers::callback::Timeout::new(DEBOUNCE_MS, move || dispatcher.dispatch(Action::AnnotateIfStale(edits))));
            move || drop(timer)
        });
    }

    // Long texts go to the background worker: each new job is sent when the
    // reducer asks for it, and a short text annotated here stops any job
    // still under way. The worker starts as soon as the text is long, so
    // it has loaded by the time the reader pauses.
    let background = {
        let dispatcher = dispatcher.clone();
        use_mut_ref(move || {
            Background::new(Callback::from(move |outcome| {
                dispatcher.dispatch(match outcome {
                    Outcome::Done { job, doc, ms } => Action::Annotated { job, doc: DocRef(std::rc::Rc::new(doc)), ms },
                    Outcome::Failed { job, message } => Action::AnnotateFailed { job, message },
                })
            }))
        })
    };
    {
        let (state, background) = (state.clone(), background.clone());
        use_effect_with(state.job, move |_| match &state.pending {
            Some(p) => background.borrow().send(p.job, &p.input, &p.options),
            None => background.borrow().cancel(),
        });
    }
    {
        let background = background.clone();
        use_effect_with(state.input.len() > BACKGROUND_BYTES, move |&long| {
            if long {
                background.borrow().prepare();
            }
        });
    }

    // The core's first run also builds its tables (about 200 ms in the
    // release build): do that right after the first paint, on a tiny text,
    // so the reader's first Annotate is quick.
    use_effect_with((), |_| {
        crate::dom::mark_ready();
        let timer = gloo_timers::callback::Timeout::new(0, || {
            let _ = dateline_core::annotate("Warm-up: Ann Lee met Bo Chan in Paris on Monday.", &Default::default());
        });
        move || drop(timer)
    });

    // Callbacks keep their identity across renders (the dispatcher never
    // changes), so typing in the textarea does not re-render the article.
    let on_text = use_callback(dispatcher.clone(), |text: String, d| d.dispatch(Action::SetText(text)));
    let on_date = use_callback(dispatcher.clone(), |date: String, d| d.dispatch(Action::SetDate(date)));
    let on_annotate = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::Annotate));
    let on_sample = use_callback(dispatcher.clone(), |(), d| d.dispatch(Action::LoadSample));
    let on_undo = use_callback(dispatcher.clone(), |i: usize, d| d.dispatch(Action::UndoRepair(i)));
    let on_redo = use_callback(dispatcher.clone(), |i: usize, d| d.dispatch(Action::RedoRepair(i)));
    let on_select = use_callback(dispatcher.clone(), |id: String, d| d.dispatch(Action::SelectEntity(id)));
    let on_show_reporting = use_callback(dispatcher.clone(), |show: bool, d| d.dispatch(Action::ShowReporting(show)));
    let on_hover = use_callback(dispatcher.clone(), |event: Option<usize>, d| d.dispatch(Action::HoverEvent(event)));
    let on_choose = use_callback((dispatcher.clone(), state.doc.clone()), |event: usize, (d, doc)| {
        let sentence = doc.as_ref().and_then(|doc| doc.events.get(event)).and_then(|e| e.sentences.first().copied());
        if let Some(sentence) = sentence {
            d.dispatch(Action::FocusSentence(sentence));
            crate::dom::reveal_sentence(sentence);
        }
    });

    let bad_date = state.bad_date.then(|| AttrValue::from(state.date.clone()));
    let hover_rule = state.doc.as_ref().and(state.hovered_event).map(hover_style);
    html! {
        // data-revision and data-annotate-ms let tests see a new annotation land.
        <div class="app" data-revision={state.revision.to_string()}
            data-annotate-ms={state.annotate_ms.map(|ms| crate::format::fixed(ms, 1))}
            data-hover-event={state.hovered_event.map(|i| i.to_string())}
            data-busy={state.pending.is_some().then_some("true")} aria-busy={state.pending.is_some().then_some("true")}>
            // The hovered event's item and mentions: one rule, so a hover
            // re-renders neither the article nor the timeline.
            <style id="hover-link">{hover_rule}</style>
            <header class="masthead">
                <h1>{"Dateline"}</h1>
                <p class="tagline">{"Paste a news article: get clean text, who is in it, when things happened, and a timeline. It all runs in your browser."}</p>
            </header>
            <div class="results">
                <div class="main-column">
                    <Editor input={AttrValue::from(state.input.clone())} date={AttrValue::from(state.date.clone())}
                        {on_text} {on_date} {on_annotate} {on_sample}>
                        <DctNote doc={state.doc.clone()} {bad_date} />
                        <Status doc={state.doc.clone()} stale={state.is_stale() && state.doc.is_some() && state.failure.is_none()} annotate_ms={state.annotate_ms}
                            busy={state.pending.as_ref().map(|p| p.input.len())}
                            failure={state.failure.clone().map(AttrValue::from)}
                            storage_error={state.storage_error.clone().map(AttrValue::from)}
                            notice={state.notice.clone().map(AttrValue::from)} />
                    </Editor>
                    <Article doc={state.doc.clone()} selected={state.selected_index()} focused={state.focused_sentence} on_undo={on_undo.clone()}
                        on_hover={on_hover.clone()} />
                    <Repairs doc={state.doc.clone()} undone={state.undone.clone()} {on_undo} {on_redo} />
                </div>
                <div class="side-column">
                    <Timeline doc={state.doc.clone()} events={state.visible_timeline()} show_reporting={state.show_reporting}
                        focused_sentence={state.focused_sentence} {on_choose} {on_show_reporting} {on_hover} />
                    <Entities doc={state.doc.clone()} selected={state.selected_index()} {on_select} />
                </div>
            </div>
        </div>
    }
}

/// The style rule that lights up event `i`: its mentions in the article and
/// its item in the timeline (the colours are `--hover*` in styles/main.css).
fn hover_style(i: usize) -> String {
    format!(
        ".article-text .evt[data-event=\"{i}\"]{{background:var(--hover);box-shadow:0 0 0 2px var(--hover-line)}}\
         .events li[data-event=\"{i}\"] .event-button{{background:var(--hover);border-color:var(--hover-line)}}"
    )
}
