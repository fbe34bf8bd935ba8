//! Dateline's build tasks. `cargo xtask <task>` runs `src/main.rs`; this
//! library holds what the end-to-end tests share with it.

pub mod lexicons;
pub mod measure;
pub mod serve;
pub mod tools;
pub mod train_ner;

use std::path::PathBuf;

/// The workspace root (the folder holding the root `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// The shared corpora: `$DATELINE_DATA`, else `../shared/data` beside the checkout.
pub fn data_dir() -> PathBuf {
    std::env::var_os("DATELINE_DATA").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("../shared/data"))
}

/// The reference article, if `../shared` is there.
pub fn seed_article() -> Option<String> {
    let path = std::env::var_os("DATELINE_SEED").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("../shared/seed/article.txt"));
    std::fs::read_to_string(path).ok()
}
