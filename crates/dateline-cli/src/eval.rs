//! `dateline eval`: quality figures over public corpora, computed on the
//! output of the same public pipeline the `annotate` command runs.

use dateline_core::conll;
use dateline_core::timex::timeml;
use std::path::{Path, PathBuf};

/// TempEval-3 Task A over every `.tml` file under `dir`, one line per
/// sub-folder (AQUAINT also per half, see [`timeml::tbaq_part`]) and a total. Each file's text is annotated with its own DCT;
/// predicted spans are mapped back to the file's text before scoring.
pub fn timex(dir: &Path) -> Result<String, String> {
    per_folder(
        dir,
        |xml| {
            let gold = timeml::parse(xml);
            let options = dateline_core::Options { dct: gold.dct, ..Default::default() };
            let doc = dateline_core::annotate(&gold.text, &options);
            let predicted: Vec<_> =
                doc.timexes.iter().map(|t| dateline_core::Timex { span: doc.source_span(t.span), ..t.clone() }).collect();
            timeml::score(&gold.timexes, &predicted)
        },
        timeml::TimexScore::summary,
    )
}

/// Scores every `.tml` file under `dir` with `score`, adding the scores up
/// per sub-folder and in total; one `summary` line each.
fn per_folder<S: Copy + Default + std::ops::AddAssign>(dir: &Path, score: impl Fn(&str) -> S, summary: fn(&S) -> String) -> Result<String, String> {
    let mut files = Vec::new();
    collect_tml(dir, &mut files).map_err(|e| format!("{}: {e}", dir.display()))?;
    if files.is_empty() {
        return Err(format!("{}: no .tml files", dir.display()));
    }
    files.sort();
    let mut parts: Vec<(String, S, usize)> = Vec::new();
    let mut total = S::default();
    for file in &files {
        let xml = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let one = score(&xml);
        total += one;
        let folder = file.parent().and_then(|p| p.strip_prefix(dir).ok()).map(|p| p.display().to_string()).unwrap_or_default();
        let name = file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        let half = timeml::tbaq_part(&folder, &name);
        // A split folder gets a line for each half and one for the whole.
        let lines: &[&str] = if half == folder { &[&folder] } else { &[&folder, half] };
        for &line in lines {
            match parts.iter_mut().find(|(name, _, _)| name == line) {
                Some((_, s, n)) => {
                    *s += one;
                    *n += 1;
                }
                None => parts.push((line.to_string(), one, 1)),
            }
        }
    }
    let mut report = String::new();
    for (name, s, n) in &parts {
        let name = if name.is_empty() { "." } else { name };
        report.push_str(&format!("{name} ({n} files): {}\n", summary(s)));
    }
    report.push_str(&format!("all ({} files): {}", files.len(), summary(&total)));
    Ok(report)
}

/// The GUM files to score: the dev split of `dir` (`splits.md` +
/// `dep/*.conllu`), or every `.conllu` file when `dir` has no `splits.md`.
fn gum_dev_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let splits = dir.join("splits.md");
    let files: Vec<PathBuf> = if splits.is_file() {
        let md = std::fs::read_to_string(&splits).map_err(|e| format!("{}: {e}", splits.display()))?;
        dateline_core::timex::gum::split_ids(&md, "dev").iter().map(|id| dir.join("dep").join(format!("{id}.conllu"))).collect()
    } else {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "conllu"))
            .collect();
        v.sort();
        v
    };
    if files.is_empty() {
        return Err(format!("{}: no GUM .conllu files", dir.display()));
    }
    Ok(files)
}

/// GUM's TEI `<date>` annotations as a second check on time expressions:
/// the dev split of `dir` (`splits.md` + `dep/*.conllu`), or every
/// `.conllu` file when `dir` has no `splits.md`. Each document's text is
/// annotated with its `meta::dateCreated` as the article date; documents
/// whose words are withheld are skipped.
pub fn timex_gum(dir: &Path) -> Result<String, String> {
    use dateline_core::timex::gum;
    let files = gum_dev_files(dir)?;
    let mut total = gum::GumScore::default();
    let mut docs = 0;
    for file in &files {
        let conllu = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        for gold in gum::parse(&conllu).iter().filter(|d| d.has_text) {
            let options = dateline_core::Options { dct: gold.dct, ..Default::default() };
            let doc = dateline_core::annotate(&gold.text, &options);
            let predicted: Vec<_> = doc
                .timexes
                .iter()
                .map(|t| dateline_core::Timex { span: doc.source_span(t.span), ..t.clone() })
                .collect();
            total += gum::score(gold, &predicted);
            docs += 1;
        }
    }
    Ok(format!("{} ({docs} documents): {}", dir.display(), total.summary()))
}

fn collect_tml(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_tml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "tml") {
            out.push(path);
        }
    }
    Ok(())
}

/// conlleval-style NER figures for a CoNLL file: each document is rebuilt as
/// text, annotated by the pipeline, and its mentions compared with the gold
/// spans (exact type and boundaries; NORP counts as MISC).
pub fn ner(file: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let docs = conll::parse(&text);
    let mut score = conll::NerScore::default();
    let mut tokens = 0;
    for doc in &docs {
        let annotated = dateline_core::annotate(&doc.text, &dateline_core::Options::default());
        score += conll::NerScore::of(&doc.gold, &conll::predicted(&annotated));
        tokens += doc.tokens;
    }
    Ok(format!("{}: {} documents, {tokens} tokens\n{}", file.display(), docs.len(), score.report().trim_end()))
}

/// NER figures on GUM's dev split (`dir` holds `splits.md` and
/// `dep/*.conllu`; a folder of `.conllu` files is read whole): GUM's named
/// person, place and organization entities as PER, LOC and ORG
/// (`entities::corpus::gum_docs` says which spans count); GUM has no
/// miscellaneous type, so predicted MISC and NORP mentions are left out of
/// the count. Documents whose words are withheld are skipped.
pub fn ner_gum(dir: &Path) -> Result<String, String> {
    use dateline_core::entities::corpus;
    let files = gum_dev_files(dir)?;
    let mut score = conll::NerScore::default();
    let (mut docs, mut tokens) = (0, 0);
    for file in &files {
        let conllu = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        for gold in corpus::gum_docs(&conllu) {
            let annotated = dateline_core::annotate(&gold.eval.text, &dateline_core::Options::default());
            let mut predicted = conll::predicted(&annotated);
            predicted.retain(|l| l.kind != "MISC");
            score += conll::NerScore::of(&gold.eval.gold, &predicted);
            docs += 1;
            tokens += gold.eval.tokens;
        }
    }
    Ok(format!("{} (PER/LOC/ORG; MISC not counted): {docs} documents, {tokens} tokens\n{}", dir.display(), score.report().trim_end()))
}

/// Event mentions (TimeML EVENT tags: strict/relaxed span F1, class
/// accuracy) and their anchoring (gold event–time TLINKs of an including
/// kind) over every `.tml` file under `dir`, per sub-folder and in total.
pub fn events(dir: &Path) -> Result<String, String> {
    use dateline_core::events::timeml as events_timeml;
    per_folder(dir, |xml| events_timeml::evaluate(&events_timeml::parse(xml)), events_timeml::EventScore::summary)
}
