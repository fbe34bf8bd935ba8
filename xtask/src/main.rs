//! `cargo xtask <task>`: the one entry point for set-up, build, serve and test.

use std::path::Path;
use std::process::{Command, ExitCode};
use xtask::{tools, workspace_root};

mod train_events;

const USAGE: &str = "usage: cargo xtask <task>

tasks:
  build      install missing tools, build the release page into dist/, report sizes
  serve      build, then serve dist/ on http://127.0.0.1:8080
  test       install what the tests need, build the page, run every test
             (native, wasm in headless Chromium, end-to-end on dist/)
  measure    CLI throughput on ../shared/data text (CoNLL-2003 dev), then the
             tagger and pipeline speed in headless Chromium (release wasm)
  lexicons   rebuild crates/dateline-core/data/lexicon.bin from ../shared/data
  train-events [--dev]
             train the event tagger on TempEval-3 TimeBank (../shared/data) into
             crates/dateline-core/data/events.bin (--dev: held-out figures only)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => build().map(|_| ()),
        Some("serve") => serve(),
        Some("test") => test(),
        Some("lexicons") => lexicons(),
        Some("train-ner") => xtask::train_ner::Options::parse(&args[1..])
            .and_then(|o| xtask::train_ner::run(&workspace_root(), &xtask::data_dir(), &o))
            .map(|r| println!("{r}")),
        Some("train-events") => train_events::run(
            &xtask::data_dir(),
            &workspace_root().join("crates/dateline-core/data/events.bin"),
            args.iter().any(|a| a == "--dev"),
        )
        .map(|r| println!("{r}")),
        Some("measure") => measure(),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(workspace_root()).env("PATH", tools::path_with_tools());
    cmd
}

fn run(mut cmd: Command) -> Result<(), String> {
    eprintln!("xtask: running {cmd:?}");
    let status = cmd.status().map_err(|e| format!("{cmd:?}: {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("{cmd:?} failed: {status}"))
}

/// Builds the release page into `dist/` and prints each file's size.
fn build() -> Result<String, String> {
    tools::ensure_build_tools()?;
    let root = workspace_root();
    let mut trunk = Command::new("trunk");
    trunk
        .current_dir(&root)
        .env("PATH", tools::path_with_tools())
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .args(["build", "--release"]);
    run(trunk)?;
    let report = size_report(&root.join("dist"))?;
    println!("{report}");
    Ok(report)
}

fn size_report(dist: &Path) -> Result<String, String> {
    use std::io::Write;
    let mut rows = Vec::new();
    let (mut raw_total, mut gz_total) = (0, 0);
    let mut entries: Vec<_> = std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let bytes = std::fs::read(entry.path()).map_err(|e| e.to_string())?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes).map_err(|e| e.to_string())?;
        let gz = gz.finish().map_err(|e| e.to_string())?.len();
        raw_total += bytes.len();
        gz_total += gz;
        rows.push(format!("{:>10} {:>10}  {}", bytes.len(), gz, entry.file_name().to_string_lossy()));
    }
    rows.push(format!("{raw_total:>10} {gz_total:>10}  total (bytes raw, gzip -9)"));
    Ok(rows.join("\n"))
}

fn serve() -> Result<(), String> {
    build()?;
    let dist = workspace_root().join("dist");
    let listener = std::net::TcpListener::bind("127.0.0.1:8080").map_err(|e| format!("127.0.0.1:8080: {e}"))?;
    println!("Dateline is served at http://127.0.0.1:8080 (Ctrl-C stops it)");
    xtask::serve::run(listener, dist);
    Ok(())
}

fn test() -> Result<(), String> {
    let (_, driver) = tools::ensure_browser()?;
    build()?;
    // Native tests, the end-to-end tests on dist/ among them.
    let mut native = cargo();
    native.args(["test", "--workspace"]).env("CHROMEDRIVER", &driver);
    run(native)?;
    // The release CLI on its own: features are resolved without the test
    // dependencies here, as in a user's build.
    smoke_release_cli()?;
    // Wasm tests of the page in headless Chromium (the core's wasm build is
    // proven by the page build above).
    let mut wasm = cargo();
    wasm.args(["test", "--target", "wasm32-unknown-unknown", "-p", "dateline-web", "--lib"])
        .env("CHROMEDRIVER", &driver)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    run(wasm)
}

/// Runs the release `dateline` on a damaged story and checks it succeeds.
fn smoke_release_cli() -> Result<(), String> {
    let mut build = cargo();
    build.args(["build", "--release", "-q", "-p", "dateline-cli"]);
    run(build)?;
    let story = "harbour-12aThe fire inLisbonon Monday\u{a0}destroyed 3 warehouses, officials said last week. \u{201c}Itâ€™s over,\u{201d} she said at 2 p.m. in 2019.";
    let mut child = Command::new(workspace_root().join("target/release/dateline"))
        .args(["annotate", "--dct", "2020-03-04"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("dateline: {e}"))?;
    use std::io::Write;
    child.stdin.take().ok_or("no stdin")?.write_all(story.as_bytes()).map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let json = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() || !json.contains("\"timexes\"") {
        return Err(format!("release CLI smoke test failed: {}", out.status));
    }
    println!("release CLI smoke test: ok");
    Ok(())
}

fn measure() -> Result<(), String> {
    println!("{}", xtask::measure::cli_throughput(&workspace_root(), &xtask::data_dir())?);
    // Criterion does not run in a browser: a wasm test prints the figures
    // (`crates/dateline-core/tests/browser_bench.rs`).
    let (_, driver) = tools::ensure_browser()?;
    tools::ensure_build_tools()?;
    // The page's own profile, so the figure is the code the page ships
    // (native release builds the core at a higher opt-level).
    let mut browser = cargo();
    browser
        .args(["test", "--profile", "page", "--target", "wasm32-unknown-unknown", "-p", "dateline-core", "--test", "browser_bench", "--", "--nocapture"])
        .env("CHROMEDRIVER", &driver);
    run(browser)
}

fn lexicons() -> Result<(), String> {
    let out = workspace_root().join("crates/dateline-core/data/lexicon.bin");
    let report = xtask::lexicons::build(&xtask::data_dir(), &out)?;
    println!("{report}");
    Ok(())
}
