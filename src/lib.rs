//! Dateline's page: a Yew front end over [`dateline_core`]. Everything runs in
//! the reader's browser; the pasted article never leaves it.
//!
//! Code map: [`state`] holds the page's data and its reducer (no DOM, tested
//! natively); [`layout`] turns a document's spans into a nested tree of
//! highlights (pure, tested natively); [`format`] writes TIMEX3 values for
//! people; [`app`] wires the reducer to the [`components`], one function
//! component per file; [`storage`] and [`dom`] are the only code that touches
//! browser APIs directly.

pub mod app;
pub mod clock;
pub mod components;
pub mod dom;
pub mod format;
pub mod layout;
pub mod progressive;
pub mod state;
pub mod storage;
pub mod wire;
pub mod worker;

#[cfg(all(test, target_arch = "wasm32"))]
mod web_tests;

/// The made-up sample article behind "Try a sample", damaged on purpose so
/// the cleanup has something to repair (a glued image slug, glued words,
/// mojibake, a non-breaking and a zero-width space).
pub const SAMPLE: &str = include_str!("sample.txt");

/// Mounts the page into `#app`, replacing the "Loading…" first view.
pub fn start() {
    yew::set_custom_panic_hook(Box::new(on_panic));
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            // The static first view is only for the seconds before wasm runs.
            while let Some(child) = root.first_child() {
                let _ = root.remove_child(&child);
            }
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}

/// The core promises never to panic; if it does anyway, the wasm module
/// stops. Say so on the page (a dead page with no word is worse), keep the
/// details in the console, and remember it so a reload does not annotate
/// the same text again straight away.
fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    web_sys::console::error_1(&format!("Dateline stopped: {info}").into());
    storage::mark_crashed();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    if let Ok(banner) = document.create_element("div") {
        banner.set_class_name("crash");
        let _ = banner.set_attribute("role", "alert");
        banner.set_text_content(Some(
            "Dateline stopped because of a bug. Your text is saved in this browser: reload the page to get it back.",
        ));
        let _ = body.prepend_with_node_1(&banner);
    }
}
