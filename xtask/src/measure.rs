//! `cargo xtask measure`: throughput of the `dateline` CLI on public corpus
//! text (CoNLL-2003 dev documents, detokenised), written to a temporary
//! JSON-lines file that never enters the repository.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

pub fn cli_throughput(root: &Path, data: &Path) -> Result<String, String> {
    let conll_path = data.join("conll2003/eng.testa");
    let conll = std::fs::read_to_string(&conll_path).map_err(|e| format!("{}: {e}", conll_path.display()))?;
    let docs = dateline_core::conll::parse(&conll);
    let mut jsonl = String::new();
    let mut bytes = 0;
    for (i, doc) in docs.iter().enumerate() {
        bytes += doc.text.len();
        jsonl.push_str(&serde_json::json!({ "id": format!("doc{}", i + 1), "text": doc.text }).to_string());
        jsonl.push('\n');
    }
    let input = root.join("target/measure-input.jsonl");
    std::fs::write(&input, &jsonl).map_err(|e| e.to_string())?;
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(root)
        .args(["build", "--release", "-q", "-p", "dateline-cli"])
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("building the CLI failed".into());
    }
    let binary = root.join("target/release/dateline");
    let mut best = f64::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        let out = Command::new(&binary)
            .args(["annotate", "--jsonl"])
            .stdin(std::fs::File::open(&input).map_err(|e| e.to_string())?)
            .stdout(Stdio::null())
            .status()
            .map_err(|e| e.to_string())?;
        if !out.success() {
            return Err("dateline annotate --jsonl failed".into());
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    let tokens: usize = docs.iter().map(|d| d.tokens).sum();
    Ok(format!(
        "CLI throughput on CoNLL-2003 eng.testa ({} documents, {:.2} MB, {} tokens): best of 3 {:.2} s = {:.2} MB/s, {:.0} tokens/s (`dateline annotate --jsonl`, release build, one process)",
        docs.len(),
        bytes as f64 / 1e6,
        tokens,
        best,
        bytes as f64 / 1e6 / best,
        tokens as f64 / best
    ))
}
