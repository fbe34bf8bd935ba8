//! Says which date relative times ("on Monday", "last year") were resolved
//! against, and where it came from.

use dateline_core::DctSource;
use yew::prelude::*;

use crate::format;
use crate::state::DocRef;

#[derive(Properties, PartialEq)]
pub struct DctNoteProps {
    pub doc: Option<DocRef>,
    /// The date field holds text that is not a date.
    #[prop_or_default]
    pub bad_date: Option<AttrValue>,
}

#[function_component]
pub fn DctNote(props: &DctNoteProps) -> Html {
    let note = match (&props.bad_date, &props.doc) {
        (Some(bad), _) => html! { <>{format!("“{bad}” is not a date, so it was ignored.")}</> },
        (None, None) => return html! { <p class="dct-note" aria-live="polite"></p> },
        (None, Some(doc)) => match &doc.dct {
            Some(dct) => match &dct.source {
                DctSource::Given => html! { <>{"Times are placed against "}<strong>{format::full_date(dct.date)}</strong>{"."}</> },
                DctSource::Inferred { evidence } => {
                    let evidence = doc.slice(*evidence).trim();
                    html! {
                        <>
                            {"Article date inferred: "}<strong>{format::full_date(dct.date)}</strong>
                            if !evidence.is_empty() {
                                {", from "}<q class="evidence">{evidence.to_string()}</q>
                            }
                            {". Set the date above to override it."}
                        </>
                    }
                }
                // Only the year: "last year" has a value, "on Monday" has not.
                DctSource::InferredYear { relative, explicit } => {
                    let (relative, explicit) = (doc.slice(*relative).trim(), doc.slice(*explicit).trim());
                    html! {
                        <>
                            {"Year inferred: "}<strong>{dct.year().to_string()}</strong>
                            {" (from "}<q class="evidence">{relative.to_string()}</q>{" = "}<q class="evidence">{explicit.to_string()}</q>
                            {"); days (“on Monday”, “yesterday”) stay relative. Set the date above to override it."}
                        </>
                    }
                }
            },
            None => html! { <><strong>{"Article date: "}</strong>{"no date found: relative times stay relative."}</> },
        },
    };
    html! { <p class="dct-note" aria-live="polite">{note}</p> }
}
