//! Tests in headless Chromium: `cargo test --target wasm32-unknown-unknown
//! -p dateline-web` (the runner and CHROMEDRIVER come from
//! .cargo/config.toml and the environment; `cargo xtask test` sets both).
//!
//! Two kinds: the whole App driven like a reader would (checked against
//! what the core itself returns for the same input, so they hold whatever
//! stage of the core is filled in), and single components over hand-made
//! documents (so highlights, undo and offsets are checked even before the
//! core's stages produce them).

use std::cell::RefCell;
use std::rc::Rc;

use dateline_core::{
    Document, Entity, EntityType, Event, EventClass, EventTime, Options, Repair, RepairKind, Span, Timex, TimexType,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

use crate::app::App;
use crate::components::article::{Article, ArticleProps};
use crate::components::entities::{Entities, EntitiesProps};
use crate::components::timeline::{Timeline, TimelineProps};
use crate::state::DocRef;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh host element in the page, removed on drop.
struct Host(Element);

impl Host {
    fn new() -> Host {
        let div = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&div).unwrap();
        Host(div)
    }
    fn one(&self, selector: &str) -> Element {
        self.0.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}"))
    }
    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.0.query_selector_all(selector).unwrap();
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
    }
    fn text(&self, selector: &str) -> String {
        self.one(selector).text_content().unwrap_or_default()
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.0.remove();
    }
}

async fn settle() {
    yew::scheduler::flush().await;
}

fn click(element: &Element) {
    element.dyn_ref::<HtmlElement>().expect("clickable").click();
}

fn fire(element: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

fn button(host: &Host, label: &str) -> Element {
    host.all("button").into_iter().find(|b| b.text_content().as_deref() == Some(label)).unwrap_or_else(|| panic!("no button {label}"))
}

/// Mounts the whole page on clean storage.
async fn mount_app() -> (Host, yew::AppHandle<App>) {
    crate::storage::clear().unwrap();
    let host = Host::new();
    let handle = yew::Renderer::<App>::with_root(host.0.clone()).render();
    settle().await;
    (host, handle)
}

/// The Article region shows `doc.text` (compared without whitespace: the
/// paragraphs' textContent runs together).
fn assert_article_shows(host: &Host, doc: &Document) {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(squeeze(&host.text("section[aria-label='Article'] .article-text")), squeeze(&doc.text));
}

async fn type_article(host: &Host, text: &str) {
    let area: HtmlTextAreaElement = host.one("textarea").dyn_into().unwrap();
    area.set_value(text);
    fire(&area, "input");
    settle().await;
}

#[wasm_bindgen_test]
async fn the_page_has_its_named_controls_and_regions() {
    let (host, handle) = mount_app().await;
    assert_eq!(host.text("label[for=article-text]"), "Article text");
    assert_eq!(host.one("#article-text").tag_name(), "TEXTAREA");
    let date: HtmlInputElement = host.one("#article-date").dyn_into().unwrap();
    assert_eq!(date.type_(), "date");
    assert!(host.one("label[for=article-date]").text_content().unwrap().contains("Article date"));
    button(&host, "Annotate");
    button(&host, "Try a sample");
    for region in ["Article", "Entities", "Timeline"] {
        let section = host.one(&format!("section[aria-label='{region}']"));
        assert_eq!(section.tag_name(), "SECTION");
    }
    handle.destroy();
}

#[wasm_bindgen_test]
async fn typing_and_annotating_shows_what_the_core_found() {
    let (host, handle) = mount_app().await;
    let text = crate::SAMPLE;
    type_article(&host, text).await;
    click(&button(&host, "Annotate"));
    settle().await;
    let expected = dateline_core::annotate(text, &Options::default());

    assert_article_shows(&host, &expected);
    // Every entity mention and time expression the core found is highlighted.
    let mentions: usize = expected.entities.iter().map(|e| e.mentions.len()).sum();
    let highlighted: std::collections::BTreeSet<String> = host
        .all("section[aria-label='Article'] .ent")
        .iter()
        .map(|e| e.get_attribute("data-entity").unwrap())
        .collect();
    assert_eq!(highlighted.len(), expected.entities.iter().filter(|e| !e.mentions.is_empty()).count());
    assert!(host.all("section[aria-label='Article'] .ent").len() >= mentions.min(1));
    assert!(host.all("section[aria-label='Article'] mark.timex").len() >= expected.timexes.len().min(1));
    assert_eq!(host.all("section[aria-label='Entities'] li").len(), expected.entities.len());
    let shown_events = expected.timeline.iter().filter(|&&i| expected.events[i].class != EventClass::Reporting).count();
    assert_eq!(host.all("section[aria-label='Timeline'] ol li").len(), shown_events);

    // Choosing an entity highlights its mentions.
    if let Some(first) = host.all("section[aria-label='Entities'] button").first() {
        click(first);
        settle().await;
        assert!(!host.all("section[aria-label='Article'] .ent.selected").is_empty());
    }
    // Clicking an inline repair undoes it: the input's text comes back.
    if let Some(repair) = host.all("section[aria-label='Article'] .repair").first() {
        let index: usize = repair.get_attribute("data-repair").unwrap().parse().unwrap();
        let rejected = vec![expected.repairs[index].source_span];
        assert!(repair.get_attribute("title").unwrap().starts_with("was: "));
        click(repair);
        settle().await;
        assert_eq!(host.all(".undone li").len(), 1, "the undone repair is listed for redo");
        let undone = dateline_core::annotate(text, &Options { rejected_repairs: rejected, ..Options::default() });
        assert_ne!(undone.text, expected.text, "undoing a repair changes the text");
        assert_article_shows(&host, &undone);
        click(&button(&host, "Redo"));
        settle().await;
        assert!(host.all(".undone li").is_empty());
        assert_article_shows(&host, &expected);
    }
    handle.destroy();
}

#[wasm_bindgen_test]
async fn the_sample_loads_annotated_and_survives_a_remount() {
    let (host, handle) = mount_app().await;
    click(&button(&host, "Try a sample"));
    settle().await;
    let area: HtmlTextAreaElement = host.one("textarea").dyn_into().unwrap();
    assert_eq!(area.value(), crate::SAMPLE);
    assert!(host.text("section[aria-label='Article']").contains("Harbour Towns Sign Flood Pact"));
    // The sample is saved on the next edit; type one to trigger it.
    type_article(&host, &format!("{}\nAdded line.", crate::SAMPLE)).await;
    handle.destroy();
    drop(host);

    let host = Host::new();
    let handle = yew::Renderer::<App>::with_root(host.0.clone()).render();
    settle().await;
    let area: HtmlTextAreaElement = host.one("textarea").dyn_into().unwrap();
    assert!(area.value().ends_with("Added line."), "the text came back from storage");
    assert!(host.text("section[aria-label='Article']").contains("Added line."), "and was annotated at once");
    handle.destroy();
    crate::storage::clear().unwrap();
}

/// "Zürich 😀 …": two-byte and four-byte (two UTF-16 units) characters
/// before the highlights, so byte, char and UTF-16 offsets all differ.
fn non_ascii_doc() -> Document {
    let text = "Zürich 😀 Angela Merkel met inParisfor talks on 29 April.\n\nShe left.";
    let find = |needle: &str| {
        let start = text.find(needle).unwrap();
        Span::new(start, start + needle.len())
    };
    let repaired = find("met");
    Document {
        source: text.to_string(),
        text: text.to_string(),
        paragraphs: vec![find("Zürich 😀 Angela Merkel met inParisfor talks on 29 April."), find("She left.")],
        sentences: vec![find("Zürich 😀 Angela Merkel met inParisfor talks on 29 April."), find("She left.")],
        entities: vec![
            Entity {
                id: "p1".into(),
                kind: EntityType::Person,
                name: "Angela Merkel".into(),
                titles: vec![],
                mentions: vec![find("Angela Merkel"), find("She")],
            },
            Entity { id: "l1".into(), kind: EntityType::Location, name: "Zürich".into(), titles: vec![], mentions: vec![find("Zürich")] },
        ],
        timexes: vec![Timex { id: "t1".into(), kind: TimexType::Date, value: "2013-04-29".into(), span: find("29 April") }],
        repairs: vec![Repair {
            kind: RepairKind::Mojibake,
            before: "mÃ©t".into(),
            after: "met".into(),
            span: repaired,
            source_span: repaired,
        }],
        events: vec![
            Event {
                id: "ev1".into(),
                title: "Merkel met".into(),
                class: EventClass::Occurrence,
                mentions: vec![repaired],
                sentences: vec![0],
                time: Some(EventTime { value: "2013-04-29".into(), timex: Some(0) }),
                participants: vec![0, 1],
                place: None,
                duration: None,
            },
            Event {
                id: "ev2".into(),
                title: "she left".into(),
                class: EventClass::Occurrence,
                mentions: vec![],
                sentences: vec![1],
                time: None,
                participants: vec![],
                place: None,
                duration: None,
            },
        ],
        timeline: vec![0, 1],
        ..Document::default()
    }
}

#[wasm_bindgen_test]
async fn highlights_cover_the_right_text_with_non_ascii_before_them() {
    let doc = Rc::new(non_ascii_doc());
    let undone = Rc::new(RefCell::new(Vec::new()));
    let host = Host::new();
    let props = ArticleProps {
        doc: Some(DocRef(doc.clone())),
        selected: Some(0),
        focused: Some(1),
        on_undo: {
            let undone = undone.clone();
            yew::Callback::from(move |i| undone.borrow_mut().push(i))
        },
    };
    let handle = yew::Renderer::<Article>::with_root_and_props(host.0.clone(), props).render();
    settle().await;

    let people: Vec<String> = host.all(".ent-person").iter().map(|e| e.text_content().unwrap()).collect();
    assert_eq!(people, ["Angela Merkel", "She"]);
    assert_eq!(host.all(".ent-person.selected").len(), 2, "the chosen entity's mentions are marked");
    assert_eq!(host.text(".ent-location"), "Zürich");
    let timex = host.one("mark.timex");
    assert_eq!(timex.text_content().unwrap(), "29 April");
    assert_eq!(timex.get_attribute("title").unwrap(), "Mon 29 Apr 2013");
    assert_eq!(timex.get_attribute("tabindex").unwrap(), "0");
    assert_eq!(host.one("#s-1").class_name(), "sentence focused");
    assert_eq!(host.one("#s-0").class_name(), "sentence");

    // The DOM text of the paragraph is the document's text, so UTF-16
    // offsets from TextIndex land on the same characters in the page.
    let para = doc.paragraphs[0];
    let dom_text = js_sys::JsString::from(host.text("p"));
    let merkel = doc.entities[0].mentions[0];
    let para_index = dateline_core::offsets::TextIndex::new(doc.slice(para));
    let [s16, e16] = para_index.span_to_utf16(Span::new(merkel.start - para.start, merkel.end - para.start));
    assert_eq!(String::from(dom_text.substring(s16 as u32, e16 as u32)), "Angela Merkel");
    assert_ne!(s16, merkel.start - para.start, "the emoji and ü make byte and UTF-16 offsets differ");

    // The repair names what it replaced, and clicking it asks for an undo.
    let repair = host.one(".repair");
    assert_eq!(repair.text_content().unwrap(), "met");
    assert_eq!(repair.get_attribute("title").unwrap(), "was: mÃ©t — click to undo");
    click(&repair);
    assert_eq!(*undone.borrow(), [0]);
    handle.destroy();
}

#[wasm_bindgen_test]
async fn pasted_markup_is_shown_as_text() {
    let text = "<img src=x onerror=alert(1)><b>Bold</b> &amp; more";
    let doc = Document { source: text.into(), text: text.into(), ..Document::default() };
    let host = Host::new();
    let props = ArticleProps { doc: Some(DocRef(Rc::new(doc))), selected: None, focused: None, on_undo: Default::default() };
    let handle = yew::Renderer::<Article>::with_root_and_props(host.0.clone(), props).render();
    settle().await;
    assert!(host.all("img, b").is_empty());
    assert_eq!(host.text("p"), text);
    handle.destroy();
}

#[wasm_bindgen_test]
async fn entities_group_by_type_and_report_choices() {
    let doc = DocRef(Rc::new(non_ascii_doc()));
    let chosen = Rc::new(RefCell::new(Vec::new()));
    let host = Host::new();
    let props = EntitiesProps {
        doc: Some(doc),
        selected: None,
        on_select: {
            let chosen = chosen.clone();
            yew::Callback::from(move |id| chosen.borrow_mut().push(id))
        },
    };
    let handle = yew::Renderer::<Entities>::with_root_and_props(host.0.clone(), props).render();
    settle().await;
    let headings: Vec<String> = host.all("h3").iter().map(|h| h.text_content().unwrap()).collect();
    assert_eq!(headings, ["PeoplePERSON", "PlacesLOCATION"]);
    let person = host.one(".entity.ent-person");
    assert_eq!(person.get_attribute("aria-label").unwrap(), "Angela Merkel, 2 mentions");
    click(&person);
    assert_eq!(*chosen.borrow(), ["p1"]);
    handle.destroy();
}

#[wasm_bindgen_test]
async fn the_timeline_lists_events_with_readable_dates() {
    let doc = DocRef(Rc::new(non_ascii_doc()));
    let chosen = Rc::new(RefCell::new(Vec::new()));
    let host = Host::new();
    let props = TimelineProps {
        doc: Some(doc),
        events: vec![0, 1],
        show_reporting: false,
        focused_sentence: None,
        on_choose: {
            let chosen = chosen.clone();
            yew::Callback::from(move |i| chosen.borrow_mut().push(i))
        },
        on_show_reporting: Default::default(),
    };
    let handle = yew::Renderer::<Timeline>::with_root_and_props(host.0.clone(), props).render();
    settle().await;
    let items = host.all("ol li");
    assert_eq!(items.len(), 2);
    let first = items[0].text_content().unwrap();
    assert!(first.contains("Mon 29 Apr 2013") && first.contains("Merkel met") && first.contains("Angela Merkel, Zürich"), "{first}");
    assert!(items[1].text_content().unwrap().contains("order: 2"));
    click(&host.all("ol li button")[1]);
    assert_eq!(*chosen.borrow(), [1]);
    assert!(host.text("label.toggle").contains("Show reporting events"));
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_storage_failure_is_shown_and_the_text_stays() {
    let (host, handle) = mount_app().await;
    // Make every save fail the way a full quota does.
    let global = js_sys::global();
    let proto = js_sys::Reflect::get(&js_sys::Reflect::get(&global, &"Storage".into()).unwrap(), &"prototype".into()).unwrap();
    let original = js_sys::Reflect::get(&proto, &"setItem".into()).unwrap();
    let failing = js_sys::Function::new_no_args("throw new DOMException('full', 'QuotaExceededError');");
    js_sys::Reflect::set(&proto, &"setItem".into(), &failing).unwrap();

    type_article(&host, "Talks resumed on Monday.").await;
    let alert = host.text("[role=alert]");
    js_sys::Reflect::set(&proto, &"setItem".into(), &original).unwrap();
    assert!(alert.contains("QuotaExceededError") && alert.contains("reload"), "{alert}");
    let area: HtmlTextAreaElement = host.one("textarea").dyn_into().unwrap();
    assert_eq!(area.value(), "Talks resumed on Monday.");

    // Saving works again: the message goes.
    type_article(&host, "Talks resumed on Monday!").await;
    assert!(host.all("[role=alert]").is_empty());
    handle.destroy();
    crate::storage::clear().unwrap();
}
