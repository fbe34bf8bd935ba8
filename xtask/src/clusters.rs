//! Word clusters for the entity tagger (Ratinov & Roth 2009 use Brown
//! clusters): words that share neighbours share a cluster, so the tagger
//! can generalise from "Vienna" to "Lisbon" or from "Reuters" to "AFP".
//!
//! Distributional and hierarchical: each word is a vector of its left and
//! right neighbours (log-scaled counts over the most frequent words, cut to
//! unit length), and the words are split in two by spherical 2-means,
//! recursively, down to [`MAX_DEPTH`] levels. A word's cluster is its path
//! of left/right choices from the root, so a prefix of the path is a
//! coarser cluster (as with Brown clusters).
//!
//! Sources (unlabelled text only; never a dev or test set):
//! - `wordfreq/wordsegment/bigrams.txt`: web bigram counts (Norvig's
//!   list from the Google trillion-word corpus), lower case;
//! - the words of CoNLL-2003 `eng.train` and of GUM's train split, as
//!   running text (neighbours within a sentence, lower-cased).
//!
//! Deterministic: no randomness, ties broken by word order.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Levels of the cluster tree (the longest path).
pub const MAX_DEPTH: usize = 14;
/// Context words: the most frequent words of the web unigram list.
const CONTEXTS: usize = 1200;
/// A set this small is not split further.
const MIN_SPLIT: usize = 6;
/// Power-iteration rounds per split.
const ROUNDS: usize = 8;
/// 2-means rounds after the median split.
const REFINE: usize = 2;
/// Words with fewer distinct context entries get no cluster.
const MIN_CONTEXTS: usize = 3;
/// Weight of one corpus bigram against the web counts' log scale.
const CORPUS_WEIGHT: f32 = 1.0;

/// Clusters for `vocab` (lower-case words): word → path as `(bits, len)`,
/// the first choice in the highest bit of `len` bits.
pub fn build(data: &Path, vocab: &[String], corpus_sentences: &[Vec<String>]) -> Result<BTreeMap<String, (u32, u8)>, String> {
    let unigrams = std::fs::read_to_string(data.join("wordfreq/wordsegment/unigrams.txt")).map_err(|e| format!("unigrams.txt: {e}"))?;
    let bigrams = std::fs::read_to_string(data.join("wordfreq/wordsegment/bigrams.txt")).map_err(|e| format!("bigrams.txt: {e}"))?;
    // Context vocabulary: the most frequent words (the file is in descending order).
    let mut ctx_id: HashMap<&str, u32> = HashMap::new();
    // Web frequency rank of each word (for the split seeds: frequent words first).
    let mut web_rank: HashMap<&str, usize> = HashMap::new();
    for (k, line) in unigrams.lines().enumerate() {
        if let Some((w, _)) = line.split_once('\t') {
            if ctx_id.len() < CONTEXTS {
                let n = ctx_id.len() as u32;
                ctx_id.entry(w).or_insert(n);
            }
            web_rank.entry(w).or_insert(k);
        }
    }
    let word_id: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, w)| (w.as_str(), i)).collect();
    // Sparse vectors: (dimension, weight); left contexts 0..C, right C..2C,
    // sentence boundaries 2C (left) and 2C+1 (right).
    let dims = 2 * CONTEXTS as u32 + 2;
    let mut vecs: Vec<BTreeMap<u32, f32>> = vec![BTreeMap::new(); vocab.len()];
    for line in bigrams.lines() {
        let Some((pair, count)) = line.split_once('\t') else { continue };
        let Some((a, b)) = pair.split_once(' ') else { continue };
        let count: f64 = count.trim().parse().unwrap_or(0.0);
        if count <= 0.0 {
            continue;
        }
        // The list starts near 1e5 (web counts over ~1e12 words).
        let w = (count / 1e5) as f32;
        if let (Some(&i), Some(&c)) = (word_id.get(a), ctx_id.get(b)) {
            *vecs[i].entry(CONTEXTS as u32 + c).or_default() += w;
        }
        if let (Some(&i), Some(&c)) = (word_id.get(b), ctx_id.get(a)) {
            *vecs[i].entry(c).or_default() += w;
        }
    }
    // Running text.
    let mut text: Vec<BTreeMap<u32, f32>> = vec![BTreeMap::new(); vocab.len()];
    for s in corpus_sentences {
        for (k, w) in s.iter().enumerate() {
            let Some(&i) = word_id.get(w.as_str()) else { continue };
            let left = if k == 0 { Some(2 * CONTEXTS as u32) } else { ctx_id.get(s[k - 1].as_str()).copied() };
            let right = match s.get(k + 1) {
                None => Some(2 * CONTEXTS as u32 + 1),
                Some(r) => ctx_id.get(r.as_str()).map(|&c| CONTEXTS as u32 + c),
            };
            for d in [left, right].into_iter().flatten() {
                *text[i].entry(d).or_default() += 1.0;
            }
        }
    }
    for (v, t) in vecs.iter_mut().zip(text) {
        for (d, c) in t {
            *v.entry(d).or_default() += CORPUS_WEIGHT * c;
        }
    }
    // Positive pointwise mutual information instead of raw weights: a
    // context says more when it is rare.
    let mut ctx_total = vec![0f64; dims as usize];
    let mut grand = 0f64;
    for v in &vecs {
        for (&d, &x) in v {
            ctx_total[d as usize] += x as f64;
            grand += x as f64;
        }
    }
    for v in vecs.iter_mut() {
        let word_total: f64 = v.values().map(|&x| x as f64).sum();
        for (&d, x) in v.iter_mut() {
            let pmi = ((*x as f64) * grand / (word_total * ctx_total[d as usize]).max(1e-30)).ln();
            *x = pmi.max(0.0) as f32;
        }
        v.retain(|_, x| *x > 0.0);
    }
    // Unit-length sparse rows, sorted by dimension; words with too little evidence dropped.
    let mut order: Vec<usize> = (0..vocab.len()).collect();
    order.sort_by_key(|&i| (web_rank.get(vocab[i].as_str()).copied().unwrap_or(usize::MAX), i));
    let mut rows: Vec<(usize, Vec<(u32, f32)>)> = Vec::new();
    for i in order {
        let v = std::mem::take(&mut vecs[i]);
        if v.len() < MIN_CONTEXTS {
            continue;
        }
        let mut r: Vec<(u32, f32)> = v.into_iter().collect();
        let norm = r.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            r.iter_mut().for_each(|(_, x)| *x /= norm);
            rows.push((i, r));
        }
    }
    let mut out = BTreeMap::new();
    let members: Vec<usize> = (0..rows.len()).collect();
    let mut stack = vec![(members, 0u32, 0u8)];
    let mut centroid = vec![[0f32; 2]; dims as usize];
    while let Some((set, bits, depth)) = stack.pop() {
        if set.len() < MIN_SPLIT || depth as usize >= MAX_DEPTH {
            for &m in &set {
                out.insert(vocab[rows[m].0].clone(), (bits, depth));
            }
            continue;
        }
        let (left, right) = split(&rows, &set, &mut centroid);
        if left.is_empty() || right.is_empty() {
            for &m in &set {
                out.insert(vocab[rows[m].0].clone(), (bits, depth));
            }
            continue;
        }
        stack.push((right, bits << 1 | 1, depth + 1));
        stack.push((left, bits << 1, depth + 1));
    }
    if let Some(path) = std::env::var_os("DATELINE_CLUSTERS_DUMP") {
        let mut lines: Vec<String> = out.iter().map(|(w, (b, l))| format!("{:0width$b}\t{w}", b, width = *l as usize)).collect();
        lines.sort();
        let _ = std::fs::write(path, lines.join("\n"));
    }
    Ok(out)
}

/// Splits `set` (indices into `rows`) in two: at the median of the
/// projections on the set's first principal direction (power iteration from
/// a fixed start), so that the tree stays balanced, then a few rounds of
/// 2-means from those halves. `scratch` is dense, one dimension per context.
fn split(rows: &[(usize, Vec<(u32, f32)>)], set: &[usize], scratch: &mut [[f32; 2]]) -> (Vec<usize>, Vec<usize>) {
    let n = set.len() as f32;
    let dims = scratch.len();
    // Mean (in scratch[.][0]) and direction v (scratch[.][1]).
    scratch.iter_mut().for_each(|c| *c = [0.0; 2]);
    for &m in set {
        for &(d, x) in &rows[m].1 {
            scratch[d as usize][0] += x / n;
        }
    }
    // Start: the first member (most frequent word) minus the mean.
    for &(d, x) in &rows[set[0]].1 {
        scratch[d as usize][1] = x;
    }
    for c in scratch.iter_mut() {
        c[1] -= c[0];
    }
    let mut next = vec![0f32; dims];
    let mut proj = vec![0f32; set.len()];
    for _ in 0..ROUNDS {
        let mean_v: f32 = scratch.iter().map(|c| c[0] * c[1]).sum();
        for (k, &m) in set.iter().enumerate() {
            proj[k] = rows[m].1.iter().map(|&(d, x)| x * scratch[d as usize][1]).sum::<f32>() - mean_v;
        }
        // next = Σ (x_k - μ) proj_k
        next.iter_mut().for_each(|x| *x = 0.0);
        let total: f32 = proj.iter().sum();
        for (k, &m) in set.iter().enumerate() {
            for &(d, x) in &rows[m].1 {
                next[d as usize] += x * proj[k];
            }
        }
        let norm = next.iter().zip(scratch.iter()).map(|(x, c)| {
            let y = x - c[0] * total;
            y * y
        }).sum::<f32>().sqrt();
        if norm <= 0.0 {
            break;
        }
        for (x, c) in next.iter().zip(scratch.iter_mut()) {
            c[1] = (x - c[0] * total) / norm;
        }
    }
    let mean_v: f32 = scratch.iter().map(|c| c[0] * c[1]).sum();
    for (k, &m) in set.iter().enumerate() {
        proj[k] = rows[m].1.iter().map(|&(d, x)| x * scratch[d as usize][1]).sum::<f32>() - mean_v;
    }
    let mut sorted: Vec<(f32, usize)> = proj.iter().copied().zip(0..).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut assign = vec![0u8; set.len()];
    for &(_, k) in &sorted[set.len() / 2..] {
        assign[k] = 1;
    }
    // Refine: 2-means (dot product with unit centroids) from the halves.
    for _ in 0..REFINE {
        scratch.iter_mut().for_each(|c| *c = [0.0; 2]);
        for (k, &m) in set.iter().enumerate() {
            for &(d, x) in &rows[m].1 {
                scratch[d as usize][assign[k] as usize] += x;
            }
        }
        for side in 0..2 {
            let norm = scratch.iter().map(|c| c[side] * c[side]).sum::<f32>().sqrt();
            if norm > 0.0 {
                scratch.iter_mut().for_each(|c| c[side] /= norm);
            }
        }
        for (k, &m) in set.iter().enumerate() {
            let mut s = [0f32; 2];
            for &(d, x) in &rows[m].1 {
                let c = scratch[d as usize];
                s[0] += c[0] * x;
                s[1] += c[1] * x;
            }
            assign[k] = (s[1] > s[0]) as u8;
        }
    }
    let mut left = Vec::new();
    let mut right = Vec::new();
    for (k, &m) in set.iter().enumerate() {
        if assign[k] == 0 { left.push(m) } else { right.push(m) }
    }
    (left, right)
}
