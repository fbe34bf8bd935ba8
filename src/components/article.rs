//! The "Article" region: the cleaned text as paragraphs, every sentence in a
//! `span#s-<i>`, with entities, time expressions and repairs highlighted.
//! Built node by node from [`crate::layout`]: the text is always data, never
//! markup, whatever the reader pasted.
//!
//! Event mentions are `span.evt[data-event=<i>]`. Pointer and focus over
//! them are caught once, on the text's container (not one listener per
//! mention), and reported as the event under them; the highlight itself is
//! a style rule the app writes (see `crate::app`), so hovering re-renders
//! nothing here.

use std::rc::Rc;

use dateline_core::{Document, Span};
use yew::prelude::*;

use crate::format;
use crate::layout::{self, MarkKind, Node};
use crate::progressive::{self, use_progressive};
use crate::state::DocRef;

#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    pub doc: Option<DocRef>,
    /// Index of the chosen entity: its mentions get the `selected` class.
    #[prop_or_default]
    pub selected: Option<usize>,
    /// The sentence a timeline click pointed at: gets the `focused` class.
    #[prop_or_default]
    pub focused: Option<usize>,
    /// Undo `doc.repairs[i]`.
    #[prop_or_default]
    pub on_undo: Callback<usize>,
    /// The pointer or focus entered an event mention (index into
    /// `doc.events`) or left the mentions (`None`).
    #[prop_or_default]
    pub on_hover: Callback<Option<usize>>,
}

/// The event whose mention holds `target`, if any.
fn event_under(target: Option<web_sys::EventTarget>) -> Option<usize> {
    use wasm_bindgen::JsCast;
    let element = target?.dyn_into::<web_sys::Element>().ok()?;
    element.closest(".evt").ok()??.get_attribute("data-event")?.parse().ok()
}

struct Ctx<'a> {
    doc: &'a Document,
    selected: Option<usize>,
    focused: Option<usize>,
    on_undo: &'a Callback<usize>,
}

/// The laid-out paragraphs of one document, compared by identity (the
/// layout is rebuilt only for a new document).
#[derive(Clone)]
struct Layout(Rc<Vec<layout::Paragraph>>);

impl PartialEq for Layout {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Text bytes drawn per slice of a long article (see [`crate::progressive`]).
const SLICE_BYTES: usize = 12_000;

#[function_component]
pub fn Article(props: &ArticleProps) -> Html {
    let paragraphs = use_memo(props.doc.clone(), |doc| {
        let paragraphs = Layout(Rc::new(doc.as_ref().map(|d| layout::layout(d)).unwrap_or_default()));
        let ends = progressive::slice_ends(paragraphs.0.iter().map(|p| p.span.len()), SLICE_BYTES);
        (paragraphs, ends)
    });
    let (layout, ends) = (&paragraphs.0, &paragraphs.1);
    let slices = use_progressive(&props.doc, ends.len());
    // A sentence the reader chose in the timeline is drawn at once, with
    // all before it, and scrolled to once drawn.
    let chosen = props.doc.as_ref().zip(props.focused).and_then(|(doc, i)| doc.sentences.get(i)).map_or(0, |s| {
        layout.0.partition_point(|p| p.span.end <= s.start) + 1
    });
    let drawn = ends.get(slices.saturating_sub(1)).copied().unwrap_or(0).max(chosen).min(layout.0.len());
    use_effect_with(props.focused, |focused| {
        if let Some(i) = *focused {
            crate::dom::reveal_sentence(i);
        }
    });
    let body = match &props.doc {
        None => html! { <p class="empty">{"Paste an article above, or try the sample, then press Annotate."}</p> },
        Some(_) if layout.0.is_empty() => html! { <p class="empty">{"The article is empty."}</p> },
        Some(doc) => (0..drawn)
            .map(|k| {
                let span = layout.0[k].span;
                // Only the paragraphs a choice touches see it change, so
                // choosing an entity or a sentence redraws just those.
                let selected = props.selected.filter(|&e| doc.entities.get(e).is_some_and(|e| touches(&e.mentions, span)));
                let focused = props.focused.filter(|&i| doc.sentences.get(i).is_some_and(|s| s.start < span.end && span.start < s.end));
                html! {
                    <Paragraph key={k} doc={doc.clone()} layout={layout.clone()} index={k} {selected} {focused}
                        on_undo={props.on_undo.clone()} />
                }
            })
            .collect(),
    };
    let onmouseover = props.on_hover.reform(|e: MouseEvent| event_under(e.target()));
    let onfocusin = props.on_hover.reform(|e: FocusEvent| event_under(e.target()));
    let onmouseleave = props.on_hover.reform(|_: MouseEvent| None);
    let onfocusout = props.on_hover.reform(|_: FocusEvent| None);
    let busy = (drawn < layout.0.len()).then_some("true");
    html! {
        <section class="panel article" aria-label="Article">
            <h2>{"Article"}</h2>
            <div class="article-text" aria-busy={busy} data-drawn={drawn.to_string()} {onmouseover} {onmouseleave} {onfocusin} {onfocusout}>{body}</div>
        </section>
    }
}

/// Whether any of `mentions` (in text order) overlaps `span`.
fn touches(mentions: &[Span], span: Span) -> bool {
    let first = mentions.partition_point(|m| m.end <= span.start);
    mentions.get(first).is_some_and(|m| m.start < span.end)
}

#[derive(Properties, PartialEq)]
struct ParagraphProps {
    doc: DocRef,
    layout: Layout,
    index: usize,
    /// The chosen entity, if it has a mention here.
    selected: Option<usize>,
    /// The focused sentence, if it is here.
    focused: Option<usize>,
    on_undo: Callback<usize>,
}

/// One paragraph: redrawn only when its own props change.
#[function_component]
fn Paragraph(props: &ParagraphProps) -> Html {
    let Some(para) = props.layout.0.get(props.index) else { return Html::default() };
    let doc = &props.doc;
    let ctx = Ctx { doc, selected: props.selected, focused: props.focused, on_undo: &props.on_undo };
    let pieces: Html = para.pieces.iter().map(|piece| render_piece(&ctx, piece)).collect();
    let headline = props.index == 0 && is_headline(doc.slice(para.span));
    html! { <p class={classes!(headline.then_some("headline"))}>{pieces}</p> }
}

/// A short first line without closing punctuation reads as the title.
fn is_headline(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 120 && !text.contains('\n') && !text.ends_with(['.', '!', '?', '"', '”', ':'])
}

fn render_piece(ctx: &Ctx, piece: &layout::Piece) -> Html {
    let nodes = render_nodes(ctx, &piece.nodes);
    match piece.sentence {
        None => nodes,
        Some(i) => {
            let id = piece.first.then(|| format!("s-{i}"));
            let focused = ctx.focused == Some(i);
            html! {
                <span id={id} class={classes!("sentence", focused.then_some("focused"))} data-sentence={i.to_string()}>
                    {nodes}
                </span>
            }
        }
    }
}

fn render_nodes(ctx: &Ctx, nodes: &[Node]) -> Html {
    nodes.iter().map(|n| render_node(ctx, n)).collect()
}

fn render_node(ctx: &Ctx, node: &Node) -> Html {
    let doc = ctx.doc;
    match node {
        Node::Text(span) => html! { {doc.slice(*span).to_string()} },
        Node::Mark { mark, children } => {
            let inner = render_nodes(ctx, children);
            match mark.kind {
                MarkKind::Repair(i) => {
                    let Some(repair) = doc.repairs.get(i) else { return inner };
                    let before = format::repair_before(doc, repair);
                    let title = format!("was: {before} — click to undo");
                    let deletion = mark.span.is_empty();
                    // A deletion has no text to name it by: say what went.
                    let label = deletion.then(|| format!("removed “{before}”, click to undo"));
                    let onclick = {
                        let undo = ctx.on_undo.clone();
                        Callback::from(move |e: MouseEvent| {
                            e.stop_propagation();
                            undo.emit(i);
                        })
                    };
                    let onkeydown = {
                        let undo = ctx.on_undo.clone();
                        Callback::from(move |e: KeyboardEvent| {
                            if e.key() == "Enter" || e.key() == " " {
                                e.prevent_default();
                                undo.emit(i);
                            }
                        })
                    };
                    html! {
                        <span class={classes!("repair", format!("repair-{}", repair.kind.name()), deletion.then_some("deletion"))}
                            role="button" tabindex="0" title={title} aria-label={label}
                            data-repair={i.to_string()} {onclick} {onkeydown}>
                            {inner}
                        </span>
                    }
                }
                MarkKind::Entity(i) => {
                    let Some(entity) = doc.entities.get(i) else { return inner };
                    let selected = ctx.selected == Some(i);
                    html! {
                        <span class={classes!("ent", super::entity_class(entity.kind), selected.then_some("selected"))}
                            title={format!("{}: {}", entity.kind.name(), entity.name)} data-entity={i.to_string()}>
                            {inner}
                        </span>
                    }
                }
                MarkKind::Timex(i) => {
                    let Some(timex) = doc.timexes.get(i) else { return inner };
                    let readable = format::timex_value(&timex.value);
                    html! {
                        <mark class={classes!("timex", format!("timex-{}", timex.kind.name().to_ascii_lowercase()))}
                            tabindex="0" title={readable.clone()} data-readable={readable} data-value={timex.value.clone()}>
                            {inner}
                        </mark>
                    }
                }
                MarkKind::Event(i) => {
                    let Some(event) = doc.events.get(i) else { return inner };
                    html! {
                        <span class="evt" tabindex="0" title={format!("Event: {}", event.title)} data-event={i.to_string()}>
                            {inner}
                        </span>
                    }
                }
            }
        }
    }
}
