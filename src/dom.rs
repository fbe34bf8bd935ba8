//! The little the page does to the DOM outside Yew's rendering.

/// Scrolls sentence `i` of the Article region into the middle of the view.
pub fn reveal_sentence(i: usize) {
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("s-{i}")))
    else {
        return;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_behavior(web_sys::ScrollBehavior::Smooth);
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Notes on `<html data-ready-ms>` when the page first rendered (ms since
/// navigation started), for the end-to-end tests to report.
pub fn mark_ready() {
    let Some(window) = web_sys::window() else { return };
    let ms = window.performance().map_or(0.0, |p| p.now());
    if let Some(html) = window.document().and_then(|d| d.document_element()) {
        let _ = html.set_attribute("data-ready-ms", &crate::format::fixed(ms, 0));
    }
}
