//! Helpers shared by the integration tests: the cases-file parser and the
//! reference article.
#![allow(dead_code)]

/// One case of a cases file: "=== name", input lines, then "--- section"
/// blocks of expected lines.
pub struct Case {
    pub name: String,
    pub input: String,
    pub sections: Vec<(String, Vec<String>)>,
}

pub fn parse_cases(data: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut in_section = false;
    for line in data.lines() {
        if let Some(name) = line.strip_prefix("=== ") {
            cases.push(Case { name: name.to_string(), input: String::new(), sections: Vec::new() });
            in_section = false;
        } else if let Some(name) = line.strip_prefix("--- ") {
            in_section = true;
            if let Some(c) = cases.last_mut() {
                c.sections.push((name.trim().to_string(), Vec::new()));
            }
        } else if let Some(c) = cases.last_mut() {
            if !in_section {
                if !c.input.is_empty() {
                    c.input.push('\n');
                }
                c.input.push_str(line);
            } else if !line.trim().is_empty() {
                c.sections.last_mut().unwrap().1.push(line.trim().to_string());
            }
        }
    }
    for c in &mut cases {
        let trimmed = c.input.trim_end().len();
        c.input.truncate(trimmed);
    }
    cases
}

/// The corpora folder: `$DATELINE_DATA`, else `../shared/data` beside
/// the repository. Tests that read it say so and skip when it is absent.
pub fn shared_data() -> std::path::PathBuf {
    std::env::var_os("DATELINE_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

/// The reference article, or `None` (with a message) when it is absent.
pub fn seed_article() -> Option<String> {
    let path = std::env::var("DATELINE_SEED")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed/article.txt").to_string());
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!("reference article not readable at {path} ({e}); skipping (set DATELINE_SEED)");
            None
        }
    }
}

/// The `.tml` files of TBAQ `folder` under `dir` that fall in `part`
/// (`timeml::tbaq_part`), sorted; none when the folder cannot be read.
pub fn tbaq_files(dir: &std::path::Path, folder: &str, part: &str) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir.join(folder)) else { return Vec::new() };
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tml"))
        .filter(|p| p.file_name().is_some_and(|n| dateline_core::timex::timeml::tbaq_part(folder, &n.to_string_lossy()) == part))
        .collect();
    files.sort();
    files
}
