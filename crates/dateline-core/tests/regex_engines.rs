//! The page matches time expressions with `regex-lite`, the CLI with `regex`
//! (see `src/re.rs`). Every pattern must give the same matches, groups
//! included, in both engines: checked on the timex cases and, when present,
//! on the TimeBank texts in `../shared/data`.

mod common;

fn texts() -> Vec<String> {
    let mut out: Vec<String> = include_str!("timex_cases.txt")
        .lines()
        .filter_map(|l| l.split(" | ").nth(1).map(str::to_string))
        .collect();
    out.push("Ünïcödé — “quoted” Mon., 29 Apr. 2013 at 3 p.m. GMT; 日本 1/2/2013 ﬁve weeks".to_string());
    let dir = common::shared_data().join("tempeval3/TBAQ-cleaned/TimeBank");
    match std::fs::read_dir(&dir) {
        Ok(entries) => {
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for p in paths.iter().take(30) {
                if let Ok(s) = std::fs::read_to_string(p) {
                    out.push(s);
                }
            }
        }
        Err(e) => eprintln!("TimeBank not readable at {} ({e}); checking the cases only", dir.display()),
    }
    out
}

/// Every match with every group's span, as the native engine reports them.
fn native(re: &regex::Regex, text: &str) -> Vec<Vec<Option<(usize, usize)>>> {
    re.captures_iter(text).map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()).collect()
}

fn lite(re: &regex_lite::Regex, text: &str) -> Vec<Vec<Option<(usize, usize)>>> {
    re.captures_iter(text).map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()).collect()
}

#[test]
fn page_and_native_engines_agree() {
    let texts = texts();
    let sources: Vec<&str> =
        dateline_core::timex::rules::pattern_sources().chain([dateline_core::dct::pattern_source()]).collect();
    assert!(sources.len() > 20, "the pattern table is there");
    for source in sources {
        let native_re = regex::Regex::new(source).expect("native pattern");
        let lite_source = source.replacen(dateline_core::re::ASCII_CI, "(?i)", 1);
        let lite_re = regex_lite::Regex::new(&lite_source).unwrap_or_else(|e| panic!("regex-lite rejects {source}: {e}"));
        for text in &texts {
            assert_eq!(native(&native_re, text), lite(&lite_re, text), "engines differ for {source}");
        }
    }
}
