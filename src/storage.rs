//! The reader's article and date, kept in localStorage so a reload keeps
//! their work. Uses web-sys directly: gloo-storage throws when the browser
//! blocks storage (private modes, disabled cookies), which would take the
//! page down with it; here every failure is a message and the text stays
//! in the page.

const TEXT_KEY: &str = "dateline.article";
const DATE_KEY: &str = "dateline.date";
/// Set by the panic hook: the page stopped while working on the saved text.
const CRASH_KEY: &str = "dateline.crashed";

/// The saved article and date ("" when nothing was saved), or why they
/// could not be read.
pub fn load() -> Result<(String, String), String> {
    let storage = local_storage()?;
    let get = |key| storage.get_item(key).map_err(|e| describe("could not read the saved article", &e));
    Ok((get(TEXT_KEY)?.unwrap_or_default(), get(DATE_KEY)?.unwrap_or_default()))
}

/// Saves the article and date.
pub fn save(text: &str, date: &str) -> Result<(), String> {
    let storage = local_storage()?;
    storage.set_item(TEXT_KEY, text).map_err(|e| describe("could not save the article", &e))?;
    storage.set_item(DATE_KEY, date).map_err(|e| describe("could not save the date", &e))
}

/// Remembers that the page stopped, so the next load does not annotate
/// the same text straight away. Best effort: it runs in a panic hook.
pub fn mark_crashed() {
    if let Ok(storage) = local_storage() {
        let _ = storage.set_item(CRASH_KEY, "1");
    }
}

/// Whether the page stopped last time; forgets it.
pub fn take_crashed() -> bool {
    let Ok(storage) = local_storage() else { return false };
    let crashed = storage.get_item(CRASH_KEY).ok().flatten().is_some();
    if crashed {
        let _ = storage.remove_item(CRASH_KEY);
    }
    crashed
}

/// Forgets what was saved (tests start from a clean page).
pub fn clear() -> Result<(), String> {
    let storage = local_storage()?;
    for key in [TEXT_KEY, DATE_KEY, CRASH_KEY] {
        storage.remove_item(key).map_err(|e| describe("could not clear storage", &e))?;
    }
    Ok(())
}

fn local_storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("no browser window")?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err("this browser offers no local storage".into()),
        Err(e) => Err(describe("the browser blocks local storage", &e)),
    }
}

fn describe(what: &str, error: &wasm_bindgen::JsValue) -> String {
    let detail = js_error_name(error);
    if detail.is_empty() {
        what.to_string()
    } else {
        format!("{what} ({detail})")
    }
}

/// "QuotaExceededError", "SecurityError"…: enough to tell the reader why.
fn js_error_name(error: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    match error.dyn_ref::<web_sys::DomException>() {
        Some(e) => e.name(),
        None => error.as_string().unwrap_or_default(),
    }
}
