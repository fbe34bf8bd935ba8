//! The regex engine, chosen by target.
//!
//! Natively the `regex` crate (lazy DFA, literal prefilters) keeps the CLI and
//! the evaluations fast. In the page `regex-lite` does the same matching in a
//! fraction of the code: its engine is ~200 KB smaller, which the 1 MB page
//! budget needs. The two agree on every pattern we write because patterns are
//! ASCII-only and case-insensitive by ASCII rules (`tests/regex_engines.rs`
//! checks both engines give the same matches on real text).

#[cfg(not(target_arch = "wasm32"))]
pub use regex::{Captures, Regex};
#[cfg(target_arch = "wasm32")]
pub use regex_lite::{Captures, Regex};

/// Flags every pattern starts with: case-insensitive, ASCII-only classes.
/// `regex` needs `-u` to drop Unicode tables; `regex-lite` is ASCII-only
/// already and has no `u` flag.
#[cfg(not(target_arch = "wasm32"))]
pub const ASCII_CI: &str = "(?i-u)";
#[cfg(target_arch = "wasm32")]
pub const ASCII_CI: &str = "(?i)";
