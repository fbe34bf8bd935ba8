//! `dateline`: the command line over dateline-core.
//!
//! ```text
//! dateline annotate [FILE|-] [--dct YYYY-MM-DD]   one JSON object
//! dateline annotate --jsonl                        JSON lines in, JSON lines out
//! ```

mod eval;
mod wire;

use std::io::{BufRead, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage:
  dateline annotate [FILE|-] [--dct YYYY-MM-DD]
      annotate one article (a file, or standard input) and print one JSON object
  dateline annotate --jsonl
      read JSON lines {\"id\": \"...\", \"text\": \"...\", \"dct\": \"YYYY-MM-DD\"} (dct optional)
      on standard input; write one JSON line per input, in order, with the same id
  dateline eval timex DIR
      TempEval-3 Task A figures (strict/relaxed span F1, type and value F1) over the
      TimeML files under DIR, each annotated with its own creation date
  dateline eval timex-gum DIR
      GUM's TEI dates as a check outside news: relaxed span recall and precision
      (DATE and TIME predictions) and value accuracy over GUM's dev split (DIR holds
      splits.md and dep/*.conllu; a folder of .conllu files is read whole), each
      document annotated with its meta::dateCreated
  dateline eval events DIR
      event mentions (strict/relaxed span F1, class accuracy) and their anchoring to
      time expressions (share of gold event-time links found) over the TimeML files
      under DIR, each annotated with its own creation date
  dateline eval ner FILE
      conlleval-style precision, recall and F1 per type and micro-averaged over a
      CoNLL file (token first, IOB1 tag last), its text annotated by the pipeline
  dateline eval ner-gum DIR
      the same figures over GUM's dev split (DIR holds splits.md and dep/*.conllu):
      GUM's named person, place and organization entities as PER, LOC, ORG;
      predicted MISC mentions are not counted (GUM has no such type)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("annotate") => match parse_annotate(&args[1..]) {
            Ok(AnnotateArgs { jsonl: true, .. }) => annotate_jsonl(),
            Ok(a) => annotate_one(a.file.as_deref(), a.dct),
            Err(message) => usage_error(&message),
        },
        Some("eval") => match (args.get(1).map(String::as_str), args.get(2), args.len()) {
            (Some("timex"), Some(dir), 3) => print_report(eval::timex(std::path::Path::new(dir))),
            (Some("timex-gum"), Some(dir), 3) => print_report(eval::timex_gum(std::path::Path::new(dir))),
            (Some("ner"), Some(file), 3) => print_report(eval::ner(std::path::Path::new(file))),
            (Some("ner-gum"), Some(dir), 3) => print_report(eval::ner_gum(std::path::Path::new(dir))),
            (Some("events"), Some(dir), 3) => print_report(eval::events(std::path::Path::new(dir))),
            _ => usage_error("eval takes: timex DIR | timex-gum DIR | events DIR | ner FILE | ner-gum DIR"),
        },
        Some("-h" | "--help" | "help") => print_out(USAGE),
        _ => usage_error("expected a command"),
    }
}

/// Prints `text` and a line break. A reader that stops early (`| head`)
/// is no error; `println!` would panic there.
fn print_out(text: &str) -> ExitCode {
    use std::io::Write;
    match writeln!(std::io::stdout().lock(), "{text}") {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dateline: writing output: {e}");
            ExitCode::FAILURE
        }
    }
}

fn print_report(report: Result<String, String>) -> ExitCode {
    match report {
        Ok(report) => print_out(&report),
        Err(message) => {
            eprintln!("dateline: {message}");
            ExitCode::FAILURE
        }
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("dateline: {message}\n{USAGE}");
    ExitCode::from(2)
}

struct AnnotateArgs {
    file: Option<String>,
    dct: Option<jiff::civil::Date>,
    jsonl: bool,
}

fn parse_annotate(args: &[String]) -> Result<AnnotateArgs, String> {
    let mut parsed = AnnotateArgs { file: None, dct: None, jsonl: false };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--jsonl" => parsed.jsonl = true,
            "--dct" => {
                let value = it.next().ok_or("--dct needs a date YYYY-MM-DD")?;
                parsed.dct = Some(parse_date(value)?);
            }
            flag if flag.starts_with("--dct=") => parsed.dct = Some(parse_date(&flag[6..])?),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            file if parsed.file.is_none() => parsed.file = Some(file.to_string()),
            extra => return Err(format!("unexpected argument {extra}")),
        }
    }
    if parsed.jsonl && (parsed.file.is_some() || parsed.dct.is_some()) {
        return Err("--jsonl reads standard input and takes each line's own dct".into());
    }
    Ok(parsed)
}

fn parse_date(value: &str) -> Result<jiff::civil::Date, String> {
    let bad = || format!("bad date {value:?}: expected YYYY-MM-DD");
    if value.len() != 10 {
        return Err(bad());
    }
    value.parse().map_err(|_| bad())
}

fn annotate_one(file: Option<&str>, dct: Option<jiff::civil::Date>) -> ExitCode {
    let mut bytes = Vec::new();
    let (id, read) = match file {
        None | Some("-") => ("-", std::io::stdin().read_to_end(&mut bytes)),
        Some(path) => (path, std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes))),
    };
    if let Err(e) = read {
        eprintln!("dateline: {id}: {e}");
        return ExitCode::FAILURE;
    }
    // Any bytes are an article: invalid UTF-8 becomes U+FFFD rather than an error.
    let text = String::from_utf8_lossy(&bytes);
    let options = dateline_core::Options { dct, ..Default::default() };
    let doc = dateline_core::annotate(&text, &options);
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_writer(&mut out, &wire::to_wire(id, &doc)).map_err(std::io::Error::from).and_then(|_| writeln!(out));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dateline: writing output: {e}");
            ExitCode::FAILURE
        }
    }
}

#[derive(serde::Deserialize)]
struct InputLine {
    #[serde(default)]
    id: serde_json::Value,
    text: Option<String>,
    dct: Option<String>,
}

fn annotate_jsonl() -> ExitCode {
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0usize;
    for (n, line) in stdin.split(b'\n').enumerate() {
        let line_no = n + 1;
        let line = match line {
            Ok(line) => line,
            Err(e) => {
                eprintln!("dateline: line {line_no}: {e}");
                failed += 1;
                break;
            }
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match annotate_line(&line) {
            Ok(json) => {
                if let Err(e) = out.write_all(json.as_bytes()).and_then(|_| out.write_all(b"\n")) {
                    eprintln!("dateline: writing output: {e}");
                    return ExitCode::FAILURE;
                }
            }
            Err(message) => {
                eprintln!("dateline: line {line_no}: {message}");
                failed += 1;
            }
        }
    }
    if let Err(e) = out.flush() {
        eprintln!("dateline: writing output: {e}");
        return ExitCode::FAILURE;
    }
    if failed > 0 {
        eprintln!("dateline: {failed} line(s) failed");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn annotate_line(line: &[u8]) -> Result<String, String> {
    let input: InputLine = serde_json::from_slice(line).map_err(|e| format!("not a JSON object with \"id\" and \"text\": {e}"))?;
    let text = input.text.ok_or("no \"text\" field")?;
    let id = match &input.id {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => return Err("no \"id\" field".into()),
        other => other.to_string(),
    };
    let dct = input.dct.as_deref().map(parse_date).transpose()?;
    let doc = dateline_core::annotate(&text, &dateline_core::Options { dct, ..Default::default() });
    serde_json::to_string(&wire::to_wire(&id, &doc)).map_err(|e| e.to_string())
}
