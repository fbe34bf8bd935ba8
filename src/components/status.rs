//! One line on what the page is doing, and any storage trouble, loudly.

use yew::prelude::*;

use crate::state::DocRef;

#[derive(Properties, PartialEq)]
pub struct StatusProps {
    pub doc: Option<DocRef>,
    pub stale: bool,
    pub annotate_ms: Option<f64>,
    pub storage_error: Option<AttrValue>,
    #[prop_or_default]
    pub notice: Option<AttrValue>,
    /// A text of this many bytes is being annotated in the background.
    #[prop_or_default]
    pub busy: Option<usize>,
    /// Why the background annotation failed.
    #[prop_or_default]
    pub failure: Option<AttrValue>,
}

#[function_component]
pub fn Status(props: &StatusProps) -> Html {
    let line = match (&props.doc, props.stale) {
        _ if props.busy.is_some() => {
            let kb = props.busy.unwrap_or(0).div_ceil(1000);
            format!("Annotating {kb} KB in the background… You can keep reading and editing.")
        }
        (_, true) => "The text changed: it will be annotated again in a moment.".to_string(),
        (None, false) => String::new(),
        (Some(doc), false) => {
            let ms = match props.annotate_ms {
                Some(ms) if ms < 1.0 => "Annotated in under 1 ms: ".to_string(),
                Some(ms) => format!("Annotated in {} ms: ", crate::format::fixed(ms, 0)),
                None => String::new(),
            };
            format!(
                "{ms}{} repairs, {} entities, {} time expressions, {} events.",
                doc.repairs.len(),
                doc.entities.len(),
                doc.timexes.len(),
                doc.events.len()
            )
        }
    };
    html! {
        <>
            if let Some(error) = &props.storage_error {
                <p class="storage-error" role="alert">
                    <strong>{"Not saved: "}</strong>{error.clone()}
                    {". Your text is still on this page, but a reload would lose it: copy it somewhere safe."}
                </p>
            }
            if let Some(failure) = &props.failure {
                <p class="annotate-error" role="alert">
                    <strong>{"Could not annotate this text: "}</strong>{failure.clone()}
                    {". Your text is unchanged; press Annotate to try again."}
                </p>
            }
            if let Some(notice) = &props.notice {
                <p class="notice" role="status">{notice.clone()}</p>
            }
            <p class={classes!("status", props.busy.is_some().then_some("busy"))} aria-live="polite">{line}</p>
        </>
    }
}
