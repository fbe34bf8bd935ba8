//! The "Repairs" region: what the cleanup changed, each undoable, and what
//! the reader undid, each redoable. Whitespace and invisible-character
//! repairs are only listed here, not highlighted in the article.

use std::collections::BTreeMap;

use yew::prelude::*;

use crate::format;
use crate::layout;
use crate::state::{DocRef, Undone};

#[derive(Properties, PartialEq)]
pub struct RepairsProps {
    pub doc: Option<DocRef>,
    pub undone: Vec<Undone>,
    /// Undo `doc.repairs[i]`.
    #[prop_or_default]
    pub on_undo: Callback<usize>,
    /// Redo `undone[i]`.
    #[prop_or_default]
    pub on_redo: Callback<usize>,
}

#[function_component]
pub fn Repairs(props: &RepairsProps) -> Html {
    let Some(doc) = &props.doc else { return Html::default() };
    if doc.repairs.is_empty() && props.undone.is_empty() {
        return html! {
            <section class="panel repairs" aria-label="Repairs">
                <h2>{"Repairs"}</h2>
                <p class="empty">{"The text needed no repairs."}</p>
            </section>
        };
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &doc.repairs {
        *kinds.entry(r.kind.name()).or_default() += 1;
    }
    let summary = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect::<Vec<_>>().join(", ");
    let inline = doc.repairs.iter().any(|r| layout::is_inline(r.kind));
    let items: Html = doc
        .repairs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let before = format::repair_before(doc, r);
            let after = format::repair_after(doc, r);
            let onclick = props.on_undo.reform(move |_: MouseEvent| i);
            html! {
                <li key={i}>
                    <span class="kind">{r.kind.name()}</span>
                    <del>{before.clone()}</del>{" → "}<ins>{after.clone()}</ins>
                    <button type="button" class="small" aria-label={format!("Undo: {before} → {after}")} {onclick}>{"Undo"}</button>
                </li>
            }
        })
        .collect();
    let undone: Html = props
        .undone
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let kept = u.shown.clone();
            let onclick = props.on_redo.reform(move |_: MouseEvent| i);
            html! {
                <li key={format!("{}-{}", u.source_span.start, u.source_span.end)}>
                    <span class="kind">{u.kind.name()}</span>
                    {"kept "}<q>{kept.clone()}</q>
                    <button type="button" class="small" aria-label={format!("Redo the {} repair of {kept}", u.kind.name())} {onclick}>{"Redo"}</button>
                </li>
            }
        })
        .collect();
    html! {
        <section class="panel repairs" aria-label="Repairs">
            <h2>{"Repairs"}</h2>
            if !doc.repairs.is_empty() {
                <p>
                    {format!("{} repair{} made: {summary}.", doc.repairs.len(), if doc.repairs.len() == 1 { "" } else { "s" })}
                    if inline {
                        {" Click a highlighted repair in the article to undo it."}
                    }
                </p>
                <details>
                    <summary>{"Show all repairs"}</summary>
                    <ul class="repair-list">{items}</ul>
                </details>
            }
            if !props.undone.is_empty() {
                <h3>{"Undone"}</h3>
                <ul class="undone">{undone}</ul>
            }
        </section>
    }
}
