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

use dateline_core::{Document, Entity, EntityType, Event, EventClass, EventTime, Options, Repair, RepairKind, Span, Timex, TimexType};
use wasm_bindgen::{JsCast, JsValue};
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
    let highlighted: std::collections::BTreeSet<String> =
        host.all("section[aria-label='Article'] .ent").iter().map(|e| e.get_attribute("data-entity").unwrap()).collect();
    assert_eq!(highlighted.len(), expected.entities.iter().filter(|e| !e.mentions.is_empty()).count());
    assert!(host.all("section[aria-label='Article'] .ent").len() >= mentions.min(1));
    assert!(host.all("section[aria-label='Article'] mark.timex").len() >= expected.timexes.len().min(1));
    assert_eq!(host.all("section[aria-label='Entities'] li").len(), expected.entities.len());
    let shown_events = expected.timeline.iter().filter(|&&i| !expected.events[i].is_background_report()).count();
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
        on_hover: Default::default(),
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
    let props = ArticleProps {
        doc: Some(DocRef(Rc::new(doc))),
        selected: None,
        focused: None,
        on_undo: Default::default(),
        on_hover: Default::default(),
    };
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
        on_hover: Default::default(),
    };
    let handle = yew::Renderer::<Timeline>::with_root_and_props(host.0.clone(), props).render();
    settle().await;
    let items = host.all("ol li");
    assert_eq!(items.len(), 2);
    let first = items[0].text_content().unwrap();
    assert!(first.contains("Mon 29 Apr 2013") && first.contains("Merkel met") && first.contains("Angela Merkel, Zürich"), "{first}");
    let second = items[1].text_content().unwrap();
    assert!(second.contains("after Mon 29 Apr 2013"), "an undated event says where the order puts it: {second}");
    click(&host.all("ol li button")[1]);
    assert_eq!(*chosen.borrow(), [1]);
    assert!(host.text("label.toggle").contains("Show reporting events"));
    handle.destroy();
}

/// Gives the hover colours known values (the test page has no stylesheet).
fn hover_colours() -> Element {
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(":root { --hover: rgb(1, 2, 3); --hover-line: rgb(4, 5, 6); }"));
    document().head().unwrap().append_child(&style).unwrap();
    style
}

fn background(element: &Element) -> String {
    let window = web_sys::window().unwrap();
    window.get_computed_style(element).unwrap().unwrap().get_property_value("background-color").unwrap()
}

#[wasm_bindgen_test]
async fn hovering_links_timeline_items_and_their_mentions_both_ways() {
    let style = hover_colours();
    let (host, handle) = mount_app().await;
    click(&button(&host, "Try a sample"));
    settle().await;
    let doc = dateline_core::annotate(crate::SAMPLE, &Options::default());
    let mention_count = |i: usize| doc.events[i].mentions.len();
    // A timeline item whose event the text mentions.
    let item = host
        .all("section[aria-label='Timeline'] ol > li")
        .into_iter()
        .find(|li| li.get_attribute("data-event").and_then(|i| i.parse().ok()).is_some_and(|i| mention_count(i) > 0))
        .expect("the sample has a timeline event with mentions");
    let i: usize = item.get_attribute("data-event").unwrap().parse().unwrap();
    let mentions = host.all(&format!("section[aria-label='Article'] .evt[data-event='{i}']"));
    assert!(mentions.len() >= mention_count(i), "every mention of event {i} is marked");
    let lit = "rgb(1, 2, 3)";
    assert!(mentions.iter().all(|m| background(m) != lit), "nothing is lit before a hover");

    // Pointer over the timeline item: its mentions light up, and only they.
    let item_button = item.query_selector("button").unwrap().unwrap();
    fire(&item_button, "mouseenter");
    settle().await;
    assert_eq!(host.one(".app").get_attribute("data-hover-event").as_deref(), Some(i.to_string().as_str()));
    assert!(mentions.iter().all(|m| background(m) == lit), "the event's mentions are lit");
    let others = host.all(&format!("section[aria-label='Article'] .evt:not([data-event='{i}'])"));
    assert!(others.iter().all(|m| background(m) != lit), "other events' mentions are not");
    fire(&item_button, "mouseleave");
    settle().await;
    assert!(host.one(".app").get_attribute("data-hover-event").is_none());
    assert!(mentions.iter().all(|m| background(m) != lit), "leaving the item puts them out");

    // Keyboard focus on the item does the same.
    item_button.dyn_ref::<HtmlElement>().unwrap().focus().unwrap();
    fire(&item_button, "focus");
    settle().await;
    assert!(mentions.iter().all(|m| background(m) == lit), "focusing the item lights its mentions");
    fire(&item_button, "blur");
    settle().await;

    // Pointer over a mention in the article: its timeline item lights up.
    fire(&mentions[0], "mouseover");
    settle().await;
    assert_eq!(background(&item_button), lit, "the mention's timeline item is lit");
    let other_items = host.all(&format!("section[aria-label='Timeline'] li:not([data-event='{i}']) button"));
    assert!(other_items.iter().all(|b| background(b) != lit));
    fire(&host.one(".article-text"), "mouseleave");
    settle().await;
    assert_ne!(background(&item_button), lit);
    // And keyboard focus on the mention (they are tab stops).
    assert_eq!(mentions[0].get_attribute("tabindex").as_deref(), Some("0"));
    fire(&mentions[0], "focusin");
    settle().await;
    assert_eq!(background(&item_button), lit, "focusing a mention lights its item");
    handle.destroy();
    style.remove();
}

/// A text long enough for the background worker.
fn long_text() -> String {
    "Ann Lee met Bo Chan in Paris on Monday. ".repeat(crate::state::BACKGROUND_BYTES / 40 + 1)
}

/// Replaces `Worker` with a stand-in that speaks the page's protocol: it
/// answers the program with "ready", and each request with `reply` (the
/// bytes of a `wire::done` for job 0) under the request's own job number.
/// A loader link like Trunk's lets the page find "its script". Returns
/// what to undo.
fn fake_worker(reply: &[u8]) -> (JsValue, Element) {
    let global = js_sys::global();
    let original = js_sys::Reflect::get(&global, &"Worker".into()).unwrap();
    js_sys::Reflect::set(&global, &"__ready".into(), &js_sys::Uint8Array::from(&crate::wire::ready()[..])).unwrap();
    // `wire::done(0, ..)` starts with the tag and a one-byte job 0.
    js_sys::Reflect::set(&global, &"__tail".into(), &js_sys::Uint8Array::from(&reply[2..])).unwrap();
    js_sys::Reflect::set(&global, &"__requests".into(), &0.into()).unwrap();
    let fake = js_sys::Function::new_no_args(
        "return class {
           constructor(url, options) { this.module = options && options.type === 'module'; }
           postMessage(data) {
             const answer = bytes => setTimeout(() => this.onmessage(new MessageEvent('message', { data: bytes })), 5);
             if (data instanceof WebAssembly.Module) { answer(self.__ready); return; }
             self.__requests += 1;
             let n = 0; while (data[n] & 0x80) n++;
             const job = data.slice(0, n + 1), out = new Uint8Array(1 + job.length + self.__tail.length);
             out[0] = 1; out.set(job, 1); out.set(self.__tail, 1 + job.length);
             answer(out);
           }
           terminate() {}
         };",
    )
    .call0(&JsValue::NULL)
    .unwrap();
    js_sys::Reflect::set(&global, &"Worker".into(), &fake).unwrap();
    let link = document().create_element("link").unwrap();
    link.set_attribute("rel", "modulepreload").unwrap();
    link.set_attribute("href", "./fake-glue.js").unwrap();
    document().head().unwrap().append_child(&link).unwrap();
    (original, link)
}

fn restore_worker((original, link): (JsValue, Element)) {
    js_sys::Reflect::set(&js_sys::global(), &"Worker".into(), &original).unwrap();
    link.remove();
}

async fn wait_for(host: &Host, what: &str, done: impl Fn(&Host) -> bool) {
    for _ in 0..200 {
        if done(host) {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
        settle().await;
    }
    panic!("timed out waiting for {what}");
}

#[wasm_bindgen_test]
async fn a_long_text_is_sent_to_the_worker_and_its_reply_shown() {
    let text = long_text();
    let expected = dateline_core::annotate(&text, &Options::default());
    let undo = fake_worker(&crate::wire::done(0, 123.0, &expected));
    let (host, handle) = mount_app().await;
    type_article(&host, &text).await;
    click(&button(&host, "Annotate"));
    settle().await;
    click(&button(&host, "Annotate"));
    settle().await;
    assert_eq!(host.one(".app").get_attribute("data-busy").as_deref(), Some("true"));
    assert!(host.text(".status.busy").contains("in the background"), "{}", host.text(".status"));
    wait_for(&host, "the reply shown", |h| h.one(".app").get_attribute("data-busy").is_none()).await;
    assert_article_shows(&host, &expected);
    assert_eq!(host.one(".app").get_attribute("data-annotate-ms").as_deref(), Some("123.0"), "the worker's own time");
    let requests = js_sys::Reflect::get(&js_sys::global(), &"__requests".into()).unwrap().as_f64();
    assert_eq!(requests, Some(1.0), "one request; pressing Annotate again while it runs sends none");
    // A short text goes back to the page's own thread.
    type_article(&host, "Talks resumed on Monday.").await;
    click(&button(&host, "Annotate"));
    settle().await;
    assert!(host.one(".app").get_attribute("data-busy").is_none());
    assert!(host.text("section[aria-label='Article']").contains("Talks resumed"));
    handle.destroy();
    restore_worker(undo);
    crate::storage::clear().unwrap();
}

#[wasm_bindgen_test]
async fn without_a_worker_a_long_text_gets_a_clear_message_and_stays() {
    // No loader link here: the page cannot find its script to start a worker.
    let (host, handle) = mount_app().await;
    let text = long_text();
    type_article(&host, &text).await;
    click(&button(&host, "Annotate"));
    settle().await;
    let alert = host.text(".annotate-error[role=alert]");
    assert!(alert.contains("Could not annotate this text") && alert.contains("Your text is unchanged"), "{alert}");
    let area: HtmlTextAreaElement = host.one("textarea").dyn_into().unwrap();
    assert_eq!(area.value(), text);
    assert!(host.one(".app").get_attribute("data-busy").is_none());
    handle.destroy();
    crate::storage::clear().unwrap();
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

/// A year pinned by "last year, in 2012," is shown with its evidence; a
/// date the reader sets replaces it.
#[wasm_bindgen_test]
async fn the_date_note_shows_an_inferred_year_and_the_reader_can_override_it() {
    let (host, handle) = mount_app().await;
    type_article(&host, "The firm moved last year, in 2012, to Ohio. It hired staff on Monday.").await;
    click(&button(&host, "Annotate"));
    settle().await;
    let note = host.text(".dct-note");
    assert!(note.starts_with("Year inferred: 2013"), "{note}");
    let evidence: Vec<String> = host.all(".dct-note q.evidence").iter().filter_map(|q| q.text_content()).collect();
    assert_eq!(evidence, ["last year", "in 2012"]);
    assert!(note.contains("stay relative"), "{note}");

    let date: HtmlInputElement = host.one("#article-date").dyn_into().unwrap();
    date.set_value("2014-05-02");
    fire(&date, "input");
    settle().await;
    click(&button(&host, "Annotate"));
    settle().await;
    let note = host.text(".dct-note");
    assert!(note.starts_with("Times are placed against") && !note.contains("inferred"), "{note}");
    handle.destroy();
}

/// A long article is drawn a slice at a time: the top at once, the rest
/// in later tasks, and then all of it, with the chosen entity marked in
/// the last paragraph as in the first.
#[wasm_bindgen_test]
async fn a_long_article_is_drawn_in_slices_until_all_of_it_shows() {
    let paragraph = "Ines Moreau spoke in Porto on Monday. The council agreed.";
    let count = 600;
    let text = vec![paragraph; count].join("\n\n");
    let mut paragraphs = Vec::new();
    let mut mentions = Vec::new();
    for k in 0..count {
        let start = k * (paragraph.len() + 2);
        paragraphs.push(Span::new(start, start + paragraph.len()));
        mentions.push(Span::new(start, start + "Ines Moreau".len()));
    }
    let doc = Document {
        source: text.clone(),
        text,
        sentences: paragraphs.clone(),
        paragraphs,
        entities: vec![Entity { id: "p1".into(), kind: EntityType::Person, name: "Ines Moreau".into(), titles: vec![], mentions }],
        ..Document::default()
    };
    let host = Host::new();
    let doc = Rc::new(doc);
    let props = ArticleProps {
        doc: Some(DocRef(doc.clone())),
        selected: Some(0),
        focused: None,
        on_undo: Default::default(),
        on_hover: Default::default(),
    };
    let handle = yew::Renderer::<Article>::with_root_and_props(host.0.clone(), props).render();
    settle().await;
    let first = host.all(".article-text p").len();
    assert!(first > 0 && first < count, "the first slice shows the top only: {first} of {count}");
    assert_eq!(host.one(".article-text").get_attribute("aria-busy").as_deref(), Some("true"));
    wait_for(&host, "the whole article", |h| h.all(".article-text p").len() == count).await;
    assert_eq!(host.one(".article-text").get_attribute("aria-busy"), None);
    assert_eq!(host.all(".ent-person.selected").len(), count, "every mention of the chosen entity is marked");
    handle.destroy();

    // A sentence chosen far down is drawn in the first render, not slices later.
    let host = Host::new();
    let last = format!("#s-{}", count - 1);
    let props = ArticleProps { doc: Some(DocRef(doc)), selected: None, focused: Some(count - 1), on_undo: Default::default(), on_hover: Default::default() };
    let handle = yew::Renderer::<Article>::with_root_and_props(host.0.clone(), props).render();
    settle().await;
    assert_eq!(host.one(&last).class_name(), "sentence focused");
    handle.destroy();
}
