//! The page's entry point: Trunk builds this binary to WebAssembly. The
//! same binary is the background annotator when it starts in a worker
//! (see `dateline_web::worker`).

fn main() {
    if dateline_web::worker::in_worker() {
        dateline_web::worker::serve();
    } else {
        dateline_web::start();
    }
}
