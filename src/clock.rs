//! Milliseconds from an arbitrary origin, for timing the pipeline.
//! `std::time::Instant` panics on wasm32-unknown-unknown, so the browser
//! build reads `performance.now()` and native tests use `Instant`.

/// Monotonic milliseconds; only differences mean anything. Read off the
/// global scope, so it works in the page and in the background worker.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    use wasm_bindgen::JsCast;
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or(0.0, |p| p.now())
}

/// Monotonic milliseconds; only differences mean anything.
#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}
