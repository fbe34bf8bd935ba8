//! An averaged perceptron over hashed features: the learner behind the
//! trained stages (entity tagger, event tagger).
//!
//! Features are `u32` hashes of strings ([`FeatureHasher`]), so extracting
//! them allocates nothing. Training ([`Trainer`]) keeps dense `f32` rows per
//! feature; the shipped model ([`Model`]) keeps only the weights that matter,
//! quantised to `i8` with a per-model scale, in a compact byte format
//! (see [`Trainer::to_bytes`]) read back without copying strings.
//!
//! ```
//! use dateline_core::perceptron::{FeatureHasher, Model, Trainer};
//! let f = |w: &str| vec![FeatureHasher::new(1).str(w).finish()];
//! let mut t = Trainer::new(2);
//! for _ in 0..5 {
//!     for (w, gold) in [("paris", 1), ("the", 0), ("london", 1), ("a", 0)] {
//!         let guess = t.predict(&f(w));
//!         t.update(&f(w), gold, guess);
//!     }
//! }
//! let model = Model::from_bytes(&t.to_bytes(0.0)).unwrap();
//! assert_eq!(model.predict(&f("paris")), 1);
//! assert_eq!(model.predict(&f("the")), 0);
//! ```

use std::collections::HashMap;

/// Builds a feature hash from a template id and parts, with no allocation
/// (FNV-1a over the bytes, a separator between parts).
#[derive(Clone, Copy, Debug)]
pub struct FeatureHasher(u32);

impl FeatureHasher {
    pub const fn new(template: u32) -> FeatureHasher {
        FeatureHasher((0x811c_9dc5 ^ template).wrapping_mul(0x0100_0193))
    }
    pub fn str(self, part: &str) -> FeatureHasher {
        self.bytes(part.as_bytes())
    }
    pub fn bytes(self, part: &[u8]) -> FeatureHasher {
        let mut h = self.0;
        for &b in part {
            h = (h ^ b as u32).wrapping_mul(0x0100_0193);
        }
        FeatureHasher((h ^ 0xff).wrapping_mul(0x0100_0193))
    }
    pub fn num(self, n: u32) -> FeatureHasher {
        self.bytes(&n.to_le_bytes())
    }
    /// Lower-cases ASCII letters on the fly.
    pub fn lower(self, part: &str) -> FeatureHasher {
        let mut h = self.0;
        for c in part.chars() {
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ b as u32).wrapping_mul(0x0100_0193);
                }
            }
        }
        FeatureHasher((h ^ 0xff).wrapping_mul(0x0100_0193))
    }
    pub const fn finish(self) -> u32 {
        // A final mix so that nearby inputs spread over the table.
        let mut h = self.0;
        h ^= h >> 16;
        h = h.wrapping_mul(0x7feb_352d);
        h ^= h >> 15;
        h
    }
}

/// Index of the highest score; ties go to the lowest class.
fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate().skip(1) {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// The training-time perceptron, with weight averaging.
pub struct Trainer {
    classes: usize,
    rows: HashMap<u32, usize>,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    step: u32,
}

impl Trainer {
    pub fn new(classes: usize) -> Trainer {
        Trainer { classes: classes.max(1), rows: HashMap::new(), weights: Vec::new(), totals: Vec::new(), stamps: Vec::new(), step: 0 }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Adds the weights of `features` into `scores` (length = classes).
    pub fn scores(&self, features: &[u32], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(&row) = self.rows.get(f) {
                for (s, w) in scores.iter_mut().zip(&self.weights[row..row + self.classes]) {
                    *s += w;
                }
            }
        }
    }

    pub fn predict(&self, features: &[u32]) -> usize {
        let mut scores = vec![0.0; self.classes];
        self.scores(features, &mut scores);
        argmax(&scores)
    }

    /// One perceptron step: reward `truth`, penalise `guess` (no-op if equal).
    pub fn update(&mut self, features: &[u32], truth: usize, guess: usize) {
        self.step += 1;
        if truth == guess {
            return;
        }
        for &f in features {
            let classes = self.classes;
            let next = self.weights.len();
            let row = *self.rows.entry(f).or_insert(next);
            if row == next {
                self.weights.resize(next + classes, 0.0);
                self.totals.resize(next + classes, 0.0);
                self.stamps.resize(next + classes, 0);
            }
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                let i = row + class;
                self.totals[i] += (self.step - self.stamps[i]) as f64 * self.weights[i] as f64;
                self.stamps[i] = self.step;
                self.weights[i] += delta;
            }
        }
    }

    /// Replaces each weight by its average over all steps (call once, after training).
    pub fn average(&mut self) {
        for i in 0..self.weights.len() {
            let total = self.totals[i] + (self.step - self.stamps[i]) as f64 * self.weights[i] as f64;
            self.weights[i] = (total / self.step.max(1) as f64) as f32;
            self.totals[i] = 0.0;
            self.stamps[i] = self.step;
        }
    }

    /// Serialises the model: weights whose magnitude is below `prune` (as a
    /// share of the largest) are dropped, the rest quantised to `i8`.
    ///
    /// Layout (little-endian): magic `DLP1`, classes u8, scale f32, count
    /// u32, then per feature, in hash order: hash delta as LEB128 varint,
    /// class mask (`ceil(classes/8)` bytes), one i8 per set bit.
    pub fn to_bytes(&self, prune: f32) -> Vec<u8> {
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let threshold = prune * max;
        let mask_bytes = self.classes.div_ceil(8);
        let mut rows: Vec<(u32, usize)> = self.rows.iter().map(|(&h, &r)| (h, r)).collect();
        rows.sort_unstable();
        let mut body = Vec::new();
        let mut count = 0u32;
        let mut last = 0u32;
        for (hash, row) in rows {
            let w = &self.weights[row..row + self.classes];
            let q: Vec<i8> = w.iter().map(|&x| if x.abs() < threshold { 0 } else { (x / scale).round().clamp(-127.0, 127.0) as i8 }).collect();
            if q.iter().all(|&x| x == 0) {
                continue;
            }
            write_varint(&mut body, hash - last);
            last = hash;
            let mut mask = vec![0u8; mask_bytes];
            for (c, &x) in q.iter().enumerate() {
                if x != 0 {
                    mask[c / 8] |= 1 << (c % 8);
                }
            }
            body.extend_from_slice(&mask);
            body.extend(q.iter().filter(|&&x| x != 0).map(|&x| x as u8));
            count += 1;
        }
        let mut out = b"DLP1".to_vec();
        out.push(self.classes as u8);
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&body);
        out
    }
}

fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut v = 0u32;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= ((b & 0x7f) as u32).checked_shl(shift)?;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// The shipped, read-only model: an open-addressing table from feature hash
/// to a dense row of quantised `i8` weights, built once from the bytes.
pub struct Model {
    classes: usize,
    scale: f32,
    /// Slot → feature hash; `EMPTY` marks a free slot.
    keys: Vec<u32>,
    /// Slot → row start in `weights`.
    rows: Vec<u32>,
    weights: Vec<i8>,
    mask: usize,
}

const EMPTY: u32 = u32::MAX;

impl Model {
    /// Reads [`Trainer::to_bytes`] output; `None` for bad bytes.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        if bytes.get(..4)? != b"DLP1" {
            return None;
        }
        let classes = *bytes.get(4)? as usize;
        let scale = f32::from_le_bytes(bytes.get(5..9)?.try_into().ok()?);
        let count = u32::from_le_bytes(bytes.get(9..13)?.try_into().ok()?) as usize;
        if classes == 0 || count > bytes.len() {
            return None;
        }
        let slots = (count * 2).next_power_of_two().max(16);
        let mut model = Model { classes, scale, keys: vec![EMPTY; slots], rows: vec![0; slots], weights: Vec::with_capacity(count * classes), mask: slots - 1 };
        let mask_bytes = classes.div_ceil(8);
        let mut at = 13;
        let mut hash = 0u32;
        for _ in 0..count {
            hash = hash.wrapping_add(read_varint(bytes, &mut at)?);
            let mask = bytes.get(at..at + mask_bytes)?;
            at += mask_bytes;
            let row = model.weights.len() as u32;
            for c in 0..classes {
                if mask[c / 8] & (1 << (c % 8)) != 0 {
                    model.weights.push(*bytes.get(at)? as i8);
                    at += 1;
                } else {
                    model.weights.push(0);
                }
            }
            let mut slot = hash as usize & model.mask;
            while model.keys[slot] != EMPTY {
                slot = (slot + 1) & model.mask;
            }
            model.keys[slot] = hash;
            model.rows[slot] = row;
        }
        Some(model)
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Number of features kept.
    pub fn len(&self) -> usize {
        self.weights.len() / self.classes
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    fn row(&self, hash: u32) -> Option<&[i8]> {
        let mut slot = hash as usize & self.mask;
        loop {
            match self.keys[slot] {
                EMPTY => return None,
                k if k == hash => {
                    let r = self.rows[slot] as usize;
                    return self.weights.get(r..r + self.classes);
                }
                _ => slot = (slot + 1) & self.mask,
            }
        }
    }

    /// Sums the quantised weights of `features` into `scores` (length = classes).
    pub fn scores(&self, features: &[u32], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        for &f in features {
            if let Some(row) = self.row(f) {
                for (s, &w) in scores.iter_mut().zip(row) {
                    *s += w as i32;
                }
            }
        }
    }

    /// Multiply integer scores by this to compare them with trainer scores.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    pub fn predict(&self, features: &[u32]) -> usize {
        let mut scores = [0i32; 32];
        let n = self.classes.min(32);
        self.scores(features, &mut scores[..n]);
        argmax(&scores[..n])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hasher_separates_parts_and_templates() {
        let a = FeatureHasher::new(1).str("ab").str("c").finish();
        let b = FeatureHasher::new(1).str("a").str("bc").finish();
        let c = FeatureHasher::new(2).str("ab").str("c").finish();
        assert!(a != b && a != c);
        assert_eq!(FeatureHasher::new(3).lower("PaRiS").finish(), FeatureHasher::new(3).str("paris").finish());
    }

    #[test]
    fn bad_bytes_give_none_never_a_panic() {
        assert!(Model::from_bytes(b"").is_none());
        assert!(Model::from_bytes(b"DLP1\x02\0\0\x80?\xff\xff\xff\x7f").is_none());
        let mut t = Trainer::new(3);
        t.update(&[1, 2, 3], 2, 0);
        let bytes = t.to_bytes(0.0);
        for cut in 0..bytes.len() {
            let _ = Model::from_bytes(&bytes[..cut]);
        }
        let m = Model::from_bytes(&bytes).unwrap();
        assert_eq!(m.len(), 3);
        assert_eq!(m.predict(&[1, 2, 3]), 2);
    }

    #[test]
    fn averaging_keeps_the_decision() {
        let mut t = Trainer::new(2);
        for _ in 0..10 {
            for (f, y) in [(10u32, 0usize), (20, 1)] {
                let g = t.predict(&[f, 99]);
                t.update(&[f, 99], y, g);
            }
        }
        t.average();
        assert_eq!(t.predict(&[10, 99]), 0);
        assert_eq!(t.predict(&[20, 99]), 1);
    }
}
