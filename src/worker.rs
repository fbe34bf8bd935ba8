//! The background annotator: long texts are annotated in a dedicated web
//! worker, so the page keeps answering while the pipeline runs.
//!
//! One binary: the worker runs the page's own wasm module and JS glue (a
//! second binary carrying the core would nearly double the page). The page
//! starts the worker from a tiny module script that imports the glue the
//! page loaded (found by its `modulepreload` link, so any folder a static
//! host serves works) and initialises it with the page's already compiled
//! `WebAssembly.Module`, posted as the first message: the wasm binary is
//! neither fetched nor compiled again (the small glue is imported again,
//! from the HTTP cache on an ordinary host). The binary's `main` then finds
//! itself in a worker scope and calls [`serve`] instead of mounting the page.
//!
//! Messages are the byte buffers of [`crate::wire`], moved, not copied.
//! Every failure (the glue not found, the worker not loading, a panic in
//! the worker, a damaged reply) becomes [`Outcome::Failed`] for the job,
//! which the page shows; the reader's text is never touched.
//!
//! Not `yew-agent`: its worker bridge hides the `Worker` object, so the page
//! could not see the worker fail to load or die (it would wait forever),
//! could not stop a worker busy with an out-of-date job, and its spawner
//! panics when a worker cannot be created. Its own loader calls the glue's
//! `init()` without arguments, which asks for `dateline-web_bg.wasm`: under
//! Trunk's hashed file names that file does not exist.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use dateline_core::{Document, Options};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

use crate::wire::{self, Reply};

/// Whether this instance of the binary runs in a dedicated worker.
pub fn in_worker() -> bool {
    js_sys::global().has_type::<web_sys::DedicatedWorkerGlobalScope>()
}

thread_local! {
    /// The job the worker is annotating, for the panic hook's message.
    static JOB: Cell<u64> = const { Cell::new(0) };
}

/// The worker's side: annotate every request, reply with the document.
/// A panic is reported for its job before the worker stops.
pub fn serve() {
    std::panic::set_hook(Box::new(|info| {
        post(&wire::failed(JOB.with(Cell::get), &format!("the annotator stopped: {info}")));
    }));
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
        let bytes = js_sys::Uint8Array::new(&event.data()).to_vec();
        let reply = match wire::read_request(&bytes) {
            Some((job, text, options)) => {
                JOB.with(|j| j.set(job));
                let started = crate::clock::now_ms();
                let doc = dateline_core::annotate(&text, &options);
                wire::done(job, crate::clock::now_ms() - started, &doc)
            }
            None => wire::failed(0, "the page sent a damaged request"),
        };
        post(&reply);
    });
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    // Build the core's tables now, while the page may still be pasting.
    let _ = dateline_core::annotate("Warm-up: Ann Lee met Bo Chan in Paris on Monday.", &Options::default());
    post(&wire::ready());
}

/// Posts `bytes` from the worker, handing its buffer over.
fn post(bytes: &[u8]) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let array = js_sys::Uint8Array::from(bytes);
    let _ = scope.post_message_with_transfer(&array, &js_sys::Array::of1(&array.buffer()));
}

/// What became of a job.
#[derive(Debug)]
pub enum Outcome {
    /// Its document (without a source: the page has the text) and the
    /// pipeline's time in the worker.
    Done {
        job: u64,
        doc: Document,
        ms: f64,
    },
    Failed {
        job: u64,
        message: String,
    },
}

/// The page's side: one worker, started when first needed, stopped when
/// its job goes out of date or it fails (the next job starts a new one).
pub struct Background {
    inner: Rc<RefCell<Inner>>,
    on_outcome: Callback<Outcome>,
}

#[derive(Default)]
struct Inner {
    worker: Option<web_sys::Worker>,
    /// Counts started workers: events from a stopped one are ignored.
    generation: u64,
    /// The loader script's object URL, freed once the worker has loaded.
    loader: Option<String>,
    ready: bool,
    /// The request waiting for the worker to load.
    queued: Option<(u64, Vec<u8>)>,
    /// The job the worker is annotating.
    busy: Option<u64>,
}

impl Inner {
    fn stop(&mut self) {
        if let Some(worker) = self.worker.take() {
            worker.terminate();
        }
        self.free_loader();
        self.ready = false;
        self.busy = None;
        self.queued = None;
    }

    fn free_loader(&mut self) {
        if let Some(url) = self.loader.take() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
    }

    /// The job a failure of the worker belongs to.
    fn job(&self) -> Option<u64> {
        self.busy.or(self.queued.as_ref().map(|(job, _)| *job))
    }

    fn post(&mut self, job: u64, bytes: Vec<u8>) {
        let Some(worker) = &self.worker else { return };
        let array = js_sys::Uint8Array::from(bytes.as_slice());
        let _ = worker.post_message_with_transfer(&array, &js_sys::Array::of1(&array.buffer()));
        self.busy = Some(job);
    }
}

impl Background {
    pub fn new(on_outcome: Callback<Outcome>) -> Background {
        Background { inner: Rc::default(), on_outcome }
    }

    /// Starts the worker ahead of a job (a long text is being pasted), so it
    /// has loaded by the time the job comes. Quiet on failure: the job will
    /// report it.
    pub fn prepare(&self) {
        let mut inner = self.inner.borrow_mut();
        if inner.worker.is_none() {
            let _ = self.start(&mut inner);
        }
    }

    /// Annotates `input` with `options` as job `job`, stopping any job
    /// under way (it is out of date).
    pub fn send(&self, job: u64, input: &str, options: &Options) {
        let bytes = wire::request(job, input, options);
        let failed = {
            let mut inner = self.inner.borrow_mut();
            if inner.busy.is_some() {
                inner.stop();
            }
            let started = if inner.worker.is_none() { self.start(&mut inner) } else { Ok(()) };
            match started {
                Err(message) => Some(message),
                Ok(()) if inner.ready => {
                    inner.post(job, bytes);
                    None
                }
                Ok(()) => {
                    inner.queued = Some((job, bytes));
                    None
                }
            }
        };
        if let Some(message) = failed {
            self.on_outcome.emit(Outcome::Failed { job, message });
        }
    }

    /// Forgets any job (a short text was annotated on the page), stopping a
    /// worker busy with one.
    pub fn cancel(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.queued = None;
        if inner.busy.is_some() {
            inner.stop();
        }
    }

    fn start(&self, inner: &mut Inner) -> Result<(), String> {
        let worker = spawn()?;
        inner.generation += 1;
        let generation = inner.generation;
        let onmessage = {
            let (weak, on_outcome) = (Rc::downgrade(&self.inner), self.on_outcome.clone());
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let Some(inner) = weak.upgrade() else { return };
                // Decide under the borrow, tell the page after it: the page's
                // reaction may send the next job.
                let outcome = received(&mut inner.borrow_mut(), generation, event.data());
                if let Some(outcome) = outcome {
                    on_outcome.emit(outcome);
                }
            })
        };
        let onerror = {
            let (weak, on_outcome) = (Rc::downgrade(&self.inner), self.on_outcome.clone());
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
                let Some(inner) = weak.upgrade() else { return };
                let job = {
                    let mut inner = inner.borrow_mut();
                    if inner.generation != generation {
                        return;
                    }
                    let job = inner.job();
                    inner.stop();
                    job
                };
                let detail = event.message();
                let message = if detail.is_empty() { "the background annotator failed to load".to_string() } else { detail };
                if let Some(job) = job {
                    on_outcome.emit(Outcome::Failed { job, message });
                }
            })
        };
        worker.0.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.0.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        // A few bytes per started worker: simpler and safer than freeing a
        // closure that may be the one running.
        onmessage.forget();
        onerror.forget();
        if let Err(e) = worker.0.post_message(&wasm_bindgen::module()) {
            worker.0.terminate();
            let _ = web_sys::Url::revoke_object_url(&worker.1);
            return Err(format!("could not hand the program to the background annotator ({})", describe(&e)));
        }
        inner.worker = Some(worker.0);
        inner.loader = Some(worker.1);
        inner.ready = false;
        inner.busy = None;
        Ok(())
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Ok(mut inner) = self.inner.try_borrow_mut() {
            inner.stop();
        }
    }
}

/// What a message from worker `generation` means for the page.
fn received(inner: &mut Inner, generation: u64, data: JsValue) -> Option<Outcome> {
    if inner.generation != generation || inner.worker.is_none() {
        return None;
    }
    // The loader script reports a failure to load the glue as plain text.
    if let Some(text) = data.as_string() {
        let job = inner.job();
        inner.stop();
        return job.map(|job| Outcome::Failed { job, message: format!("the background annotator could not load: {text}") });
    }
    let bytes = js_sys::Uint8Array::new(&data).to_vec();
    match wire::read_reply(&bytes) {
        Some(Reply::Ready) => {
            inner.ready = true;
            inner.free_loader();
            if let Some((job, bytes)) = inner.queued.take() {
                inner.post(job, bytes);
            }
            None
        }
        Some(Reply::Done { job, ms, doc }) if inner.busy == Some(job) => {
            inner.busy = None;
            Some(Outcome::Done { job, doc, ms })
        }
        Some(Reply::Done { .. }) => None,
        Some(Reply::Failed { message, .. }) => {
            // After a panic the worker's instance is gone: start afresh next time.
            let job = inner.job();
            inner.stop();
            job.map(|job| Outcome::Failed { job, message })
        }
        None => {
            let job = inner.job();
            inner.stop();
            job.map(|job| Outcome::Failed { job, message: "the background annotator sent a damaged reply".into() })
        }
    }
}

/// Creates the worker and its loader script's object URL.
fn spawn() -> Result<(web_sys::Worker, String), String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    // The glue's address as the page itself loaded it (Trunk names it with
    // a content hash and preloads it).
    let href = document
        .query_selector("link[rel=modulepreload][href$='.js']")
        .ok()
        .flatten()
        .and_then(|link| link.get_attribute("href"))
        .ok_or("could not find the page's script to start the background annotator")?;
    let base = document.url().map_err(|e| describe(&e))?;
    let glue = web_sys::Url::new_with_base(&href, &base).map_err(|e| describe(&e))?.href();
    let glue = js_sys::JSON::stringify(&JsValue::from_str(&glue)).map(String::from).map_err(|e| describe(&e))?;
    let loader = format!(
        "self.onmessage = async (event) => {{\n\
           self.onmessage = null;\n\
           try {{\n\
             const glue = await import({glue});\n\
             await glue.default({{ module_or_path: event.data }});\n\
           }} catch (error) {{\n\
             self.postMessage(String((error && error.message) || error));\n\
           }}\n\
         }};\n"
    );
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&loader.into()), &options).map_err(|e| describe(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| describe(&e))?;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    match web_sys::Worker::new_with_options(&url, &options) {
        Ok(worker) => Ok((worker, url)),
        Err(e) => {
            let _ = web_sys::Url::revoke_object_url(&url);
            Err(format!("this browser could not start the background annotator ({})", describe(&e)))
        }
    }
}

/// A thrown JS value as text.
fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
