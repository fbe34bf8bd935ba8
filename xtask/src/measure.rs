//! `cargo xtask measure`: throughput of the `dateline` CLI on public corpus
//! text (CoNLL-2003 dev documents, detokenised), written to a temporary
//! JSON-lines file that never enters the repository.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Rebuilds running text from CoNLL tokens: spaces between tokens except
/// before closing punctuation and after opening brackets/quotes.
pub fn detokenize(tokens: &[&str]) -> String {
    let mut out = String::new();
    let mut quote_open = false;
    let mut glue_next = false;
    for tok in tokens {
        let closing = matches!(*tok, "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "'s" | "n't" | "'") || (*tok == "\"" && quote_open);
        if !out.is_empty() && !closing && !glue_next {
            out.push(' ');
        }
        out.push_str(tok);
        glue_next = matches!(*tok, "(" | "[" | "{" | "$") || (*tok == "\"" && !quote_open);
        if *tok == "\"" {
            quote_open = !quote_open;
        }
    }
    out
}

/// CoNLL documents as (id, text), one sentence a line.
pub fn conll_documents(conll: &str) -> Vec<(String, String)> {
    let mut docs = Vec::new();
    let mut sentences: Vec<String> = Vec::new();
    let mut tokens: Vec<&str> = Vec::new();
    let mut flush_doc = |sentences: &mut Vec<String>, docs: &mut Vec<(String, String)>| {
        if !sentences.is_empty() {
            docs.push((format!("doc{}", docs.len() + 1), sentences.join("\n")));
            sentences.clear();
        }
    };
    for line in conll.lines() {
        let word = line.split(' ').next().unwrap_or("");
        if word == "-DOCSTART-" {
            if !tokens.is_empty() {
                sentences.push(detokenize(&tokens));
                tokens.clear();
            }
            flush_doc(&mut sentences, &mut docs);
        } else if word.is_empty() {
            if !tokens.is_empty() {
                sentences.push(detokenize(&tokens));
                tokens.clear();
            }
        } else {
            tokens.push(word);
        }
    }
    if !tokens.is_empty() {
        sentences.push(detokenize(&tokens));
    }
    flush_doc(&mut sentences, &mut docs);
    docs
}

pub fn cli_throughput(root: &Path, data: &Path) -> Result<String, String> {
    let conll_path = data.join("conll2003/eng.testa");
    let conll = std::fs::read_to_string(&conll_path).map_err(|e| format!("{}: {e}", conll_path.display()))?;
    let docs = conll_documents(&conll);
    let mut jsonl = String::new();
    let mut bytes = 0;
    for (id, text) in &docs {
        bytes += text.len();
        jsonl.push_str(&serde_json::json!({ "id": id, "text": text }).to_string());
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
    let tokens = conll.lines().filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-")).count();
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

#[cfg(test)]
mod tests {
    use super::detokenize;

    #[test]
    fn detokenize_attaches_punctuation() {
        assert_eq!(detokenize(&["He", "said", "\"", "no", "\"", "(", "twice", ")", ",", "it", "'s", "U.S.", "."]), "He said \"no\" (twice), it's U.S..");
    }
}
