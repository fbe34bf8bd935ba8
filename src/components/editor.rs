//! Where the reader pastes the article and gives its date.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub input: AttrValue,
    pub date: AttrValue,
    pub on_text: Callback<String>,
    pub on_date: Callback<String>,
    pub on_annotate: Callback<()>,
    pub on_sample: Callback<()>,
    /// Shown under the controls (the article date note).
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    let oninput = props.on_text.reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let ondate = props.on_date.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    // Chromium fires `change` (not always `input`) when a date is picked.
    let ondatechange = props.on_date.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value());
    let annotate = props.on_annotate.reform(|_: MouseEvent| ());
    let sample = props.on_sample.reform(|_: MouseEvent| ());
    html! {
        <section class="editor">
            <label class="field-label" for="article-text">{"Article text"}</label>
            <textarea id="article-text" value={props.input.clone()} {oninput} rows="7" spellcheck="false"
                placeholder="Paste a news article here. Nothing leaves your browser." />
            <div class="controls">
                <label class="date-field" for="article-date">
                    <span class="field-label">{"Article date"}</span>
                    <input id="article-date" type="date" value={props.date.clone()} oninput={ondate} onchange={ondatechange} />
                </label>
                <button type="button" class="primary" onclick={annotate}>{"Annotate"}</button>
                <button type="button" onclick={sample}>{"Try a sample"}</button>
            </div>
            {props.children.clone()}
        </section>
    }
}
