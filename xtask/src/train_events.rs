//! `cargo xtask train-events`: trains the event-mention tagger on TimeBank
//! (TempEval-3 TBAQ-cleaned) and writes `crates/dateline-core/data/events.bin`.
//!
//! Each TimeBank text is annotated by the pipeline with its creation date;
//! every word gets the class of the gold EVENT it overlaps, or none. An
//! averaged perceptron is trained over a fixed number of passes, in an order
//! shuffled by a seeded generator, so the output is the same on every run.
//! `--dev` holds out every fifth document and reports per-pass figures
//! instead of writing the model. AQUAINT is never read here.

use std::io::Write;
use std::path::{Path, PathBuf};

use dateline_core::events::{tagger, timeml};
use dateline_core::perceptron::{Model, Trainer};

pub const EPOCHS: usize = 10;
pub const PRUNE: f32 = 0.12;

struct Sample {
    features: Vec<Vec<u32>>,
    labels: Vec<usize>,
    /// Per token: does its span (in the file's text) equal the gold span?
    exact: Vec<bool>,
}

fn load(dir: &Path) -> Result<Vec<Sample>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no .tml files", dir.display()));
    }
    let mut out = Vec::new();
    for file in &files {
        let xml = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let gold = timeml::parse(&xml);
        let options = dateline_core::Options { dct: gold.dct, ..Default::default() };
        let doc = dateline_core::annotate(&gold.text, &options);
        let features = tagger::training_features(&doc);
        let mut labels = Vec::with_capacity(doc.tokens.len());
        let mut exact = Vec::with_capacity(doc.tokens.len());
        for t in &doc.tokens {
            let span = doc.source_span(t.span);
            let k = gold.events.partition_point(|e| e.span.end <= span.start);
            match gold.events.get(k).filter(|e| e.span.overlaps(span)) {
                Some(e) => {
                    labels.push(tagger::label_index(Some(e.class)));
                    exact.push(e.span == span);
                }
                None => {
                    labels.push(0);
                    exact.push(false);
                }
            }
        }
        out.push(Sample { features, labels, exact });
    }
    Ok(out)
}

/// A small deterministic generator (SplitMix64) for the shuffles.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

fn train_pass(trainer: &mut Trainer, samples: &[&Sample], rng: &mut Rng) {
    let mut order: Vec<(usize, usize)> = samples
        .iter()
        .enumerate()
        .flat_map(|(d, s)| (0..s.labels.len()).filter(move |&i| !s.features[i].is_empty()).map(move |i| (d, i)))
        .collect();
    rng.shuffle(&mut order);
    for (d, i) in order {
        let f = &samples[d].features[i];
        let guess = trainer.predict(f);
        trainer.update(f, samples[d].labels[i], guess);
    }
}

/// Span (strict, relaxed) and class figures of a model over samples.
fn score(model: &Model, samples: &[&Sample], margin: f32) -> String {
    let (mut gold, mut predicted, mut strict, mut relaxed, mut class_ok) = (0, 0, 0, 0, 0);
    for s in samples {
        for i in 0..s.labels.len() {
            let guess = if s.features[i].is_empty() { 0 } else { tagger::decide(model, &s.features[i], margin) };
            let truth = s.labels[i];
            gold += usize::from(truth != 0);
            predicted += usize::from(guess != 0);
            if guess != 0 && truth != 0 {
                relaxed += 1;
                strict += usize::from(s.exact[i]);
                class_ok += usize::from(guess == truth);
            }
        }
    }
    let f1 = |hits: usize| if hits == 0 { 0.0 } else { 2.0 * hits as f64 / (gold + predicted) as f64 };
    format!(
        "tokens: gold {gold} predicted {predicted} | strict F1 {:.3} | relaxed F1 {:.3} (P {:.3} R {:.3}) | class acc {:.3}",
        f1(strict),
        f1(relaxed),
        relaxed as f64 / predicted.max(1) as f64,
        relaxed as f64 / gold.max(1) as f64,
        class_ok as f64 / relaxed.max(1) as f64
    )
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = gz.write_all(bytes);
    gz.finish().map(|v| v.len()).unwrap_or(0)
}

/// Trains and writes the model (or, with `dev`, reports held-out figures).
pub fn run(data: &Path, out: &Path, dev: bool) -> Result<String, String> {
    let dir = data.join("tempeval3/TBAQ-cleaned/TimeBank");
    let samples = load(&dir)?;
    let mut report = String::new();
    if dev {
        let train: Vec<&Sample> = samples.iter().enumerate().filter(|(i, _)| i % 5 != 4).map(|(_, s)| s).collect();
        let held: Vec<&Sample> = samples.iter().enumerate().filter(|(i, _)| i % 5 == 4).map(|(_, s)| s).collect();
        for epochs in [6, EPOCHS] {
            let bytes = averaged_bytes(&train, epochs, PRUNE);
            let model = Model::from_bytes(&bytes).ok_or("bad model bytes")?;
            report.push_str(&format!("passes {epochs:>2}: {} | {} B ({} B gzip)\n", score(&model, &held, tagger::MARGIN), bytes.len(), gzip_len(&bytes)));
        }
        let bytes = averaged_bytes(&train, EPOCHS, PRUNE);
        let model = Model::from_bytes(&bytes).ok_or("bad model bytes")?;
        for margin in [0.0, 4.0, 6.0, 8.0] {
            report.push_str(&format!("margin {margin}: {}\n", score(&model, &held, margin)));
        }
        for prune in [0.08, 0.2] {
            let bytes = averaged_bytes(&train, EPOCHS, prune);
            let model = Model::from_bytes(&bytes).ok_or("bad model bytes")?;
            report.push_str(&format!("prune {prune}: {} | {} B ({} B gzip)\n", score(&model, &held, tagger::MARGIN), bytes.len(), gzip_len(&bytes)));
        }
        return Ok(report);
    }
    let all: Vec<&Sample> = samples.iter().collect();
    let mut trainer = Trainer::new(tagger::LABELS.len());
    let mut rng = Rng(0x5eed);
    for _ in 0..EPOCHS {
        train_pass(&mut trainer, &all, &mut rng);
    }
    trainer.average();
    let bytes = trainer.to_bytes(PRUNE);
    let model = Model::from_bytes(&bytes).ok_or("bad model bytes")?;
    std::fs::write(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    report.push_str(&format!(
        "{} TimeBank documents, {EPOCHS} passes, prune {PRUNE}\ntraining data: {}\n{}: {} features, {} bytes ({} bytes gzip)",
        samples.len(),
        score(&model, &all, tagger::MARGIN),
        out.display(),
        model.len(),
        bytes.len(),
        gzip_len(&bytes)
    ));
    Ok(report)
}

/// The bytes a model trained for `epochs` passes would ship as.
fn averaged_bytes(train: &[&Sample], epochs: usize, prune: f32) -> Vec<u8> {
    let mut t = Trainer::new(tagger::LABELS.len());
    let mut rng = Rng(0x5eed);
    for _ in 0..epochs {
        train_pass(&mut t, train, &mut rng);
    }
    t.average();
    t.to_bytes(prune)
}
