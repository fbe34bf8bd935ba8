//! The "Timeline" region: the story's events in story-time order, each with
//! its date at the granularity the text gives. Choosing one scrolls to the
//! sentence that tells it. Pointing at (or focusing) an item reports its
//! event, so the app can light up its mentions in the article.

use yew::prelude::*;

use crate::format;
use crate::progressive::use_progressive;
use crate::state::DocRef;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub doc: Option<DocRef>,
    /// The events to show, in order (indices into `doc.events`).
    pub events: Vec<usize>,
    pub show_reporting: bool,
    /// The sentence currently pointed at, to mark its event.
    #[prop_or_default]
    pub focused_sentence: Option<usize>,
    /// An event was chosen (index into `doc.events`).
    #[prop_or_default]
    pub on_choose: Callback<usize>,
    #[prop_or_default]
    pub on_show_reporting: Callback<bool>,
    /// The pointer or focus entered an event's item (index into
    /// `doc.events`) or left it (`None`).
    #[prop_or_default]
    pub on_hover: Callback<Option<usize>>,
}

/// Timeline items drawn per slice of a long timeline.
const SLICE_ITEMS: usize = 150;

#[function_component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let toggle = props.on_show_reporting.reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlInputElement>().checked());
    let placed = props.doc.as_ref().map_or(0, |d| d.timeline.iter().filter(|&&i| d.events.get(i).is_some()).count());
    let hidden = placed.saturating_sub(props.events.len());
    // A long timeline is drawn a slice at a time (see `crate::progressive`).
    let slices = use_progressive(&props.doc, props.events.len().div_ceil(SLICE_ITEMS).max(1));
    let drawn = slices * SLICE_ITEMS;
    let body = match &props.doc {
        None => html! { <p class="empty">{"Events appear here once an article is annotated."}</p> },
        Some(_) if props.events.is_empty() => html! { <p class="empty">{"No events found."}</p> },
        Some(doc) => {
            let mut by_order = placed_by_order(doc, &props.events).into_iter();
            let items: Html = props
                .events
                .iter()
                .take(drawn)
                .filter_map(|&i| Some((i, doc.events.get(i)?)))
                .map(|(i, event)| {
                    let (when, how) = match &event.time {
                        Some(t) if t.timex.is_some() => (format::timex_value(&t.value), None),
                        Some(t) => (format::timex_value(&t.value), Some("placed by tense against the article date")),
                        None => (by_order.next().unwrap_or_default(), Some("placed by order: the text gives no date")),
                    };
                    // "2012 · 6 months": a duration told with the event.
                    let lasting = event.duration.and_then(|d| doc.timexes.get(d)).map(|d| format::timex_value(&d.value));
                    let when = match lasting {
                        Some(lasting) if event.time.is_some() => format!("{when} · {lasting}"),
                        _ => when,
                    };
                    let grain = event.time.as_ref().map_or("undated", |t| format::granularity(&t.value));
                    let place = event.place.and_then(|p| doc.entities.get(p)).map(|e| format!("in {}", e.name));
                    let who: Vec<&str> = event.participants.iter().filter_map(|&p| doc.entities.get(p)).map(|e| e.name.as_str()).collect();
                    let focused = props.focused_sentence.is_some() && event.sentences.first().copied() == props.focused_sentence;
                    let onclick = props.on_choose.reform(move |_: MouseEvent| i);
                    let onmouseenter = props.on_hover.reform(move |_: MouseEvent| Some(i));
                    let onfocus = props.on_hover.reform(move |_: FocusEvent| Some(i));
                    let onmouseleave = props.on_hover.reform(|_: MouseEvent| None);
                    let onblur = props.on_hover.reform(|_: FocusEvent| None);
                    let reporting = event.class == dateline_core::EventClass::Reporting;
                    html! {
                        <li key={i} class={classes!("event", focused.then_some("focused"), reporting.then_some("reporting"))}
                            data-event={i.to_string()} data-granularity={grain}>
                            <button type="button" class="event-button" {onclick} {onmouseenter} {onmouseleave} {onfocus} {onblur}
                                title={how}>
                                <span class={classes!("when", event.time.is_none().then_some("undated"))}>{when}</span>
                                <span class="what">{event.title.clone()}</span>
                                if !who.is_empty() {
                                    <span class="who">{who.join(", ")}</span>
                                }
                                if let Some(place) = place {
                                    <span class="where">{place}</span>
                                }
                            </button>
                        </li>
                    }
                })
                .collect();
            let busy = (drawn < props.events.len()).then_some("true");
            html! { <ol class="events" aria-busy={busy}>{items}</ol> }
        }
    };
    html! {
        <section class="panel timeline" aria-label="Timeline">
            <div class="panel-head">
                <h2>{"Timeline"}</h2>
                <label class="toggle">
                    <input type="checkbox" checked={props.show_reporting} onchange={toggle} />
                    {"Show reporting events"}
                </label>
                if hidden > 0 {
                    <span class="hidden-count" title="reports the text does not date">{format!("{hidden} undated reports hidden")}</span>
                }
            </div>
            {body}
        </section>
    }
}

/// What the order says of each undated event shown, in list order: before
/// the next dated event ("before the week of Mon 22 Apr 2013"), else after the last
/// one before it, else only its place in the list. Two passes, so a long
/// list of undated events costs no more than a short one.
fn placed_by_order(doc: &dateline_core::Document, shown: &[usize]) -> Vec<String> {
    let times: Vec<Option<&str>> =
        shown.iter().filter_map(|&i| doc.events.get(i)).map(|e| e.time.as_ref().map(|t| t.value.as_str())).collect();
    let mut next_dated = vec![None; times.len()];
    let mut next = None;
    for (at, time) in times.iter().enumerate().rev() {
        next_dated[at] = next;
        if time.is_some() {
            next = *time;
        }
    }
    let mut previous = None;
    let mut out = Vec::new();
    for (at, time) in times.iter().enumerate() {
        match time {
            Some(_) => previous = *time,
            None => out.push(match (next_dated[at], previous) {
                (Some(next), _) => format!("before {}", format::timex_value(next)),
                (None, Some(previous)) => format!("after {}", format::timex_value(previous)),
                (None, None) => format!("order: {}", at + 1),
            }),
        }
    }
    out
}
