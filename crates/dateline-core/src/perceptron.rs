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
    /// The same as hashing `n.to_le_bytes()`, spelt out (a hot path).
    pub const fn num(self, n: u32) -> FeatureHasher {
        const P: u32 = 0x0100_0193;
        let mut h = self.0;
        h = (h ^ (n & 0xff)).wrapping_mul(P);
        h = (h ^ ((n >> 8) & 0xff)).wrapping_mul(P);
        h = (h ^ ((n >> 16) & 0xff)).wrapping_mul(P);
        h = (h ^ (n >> 24)).wrapping_mul(P);
        FeatureHasher((h ^ 0xff).wrapping_mul(P))
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

/// `acc[i] += row[i]` (wrapping) over the shorter of the two, four at a
/// time: the release profile optimises for size and would not unroll it.
#[inline]
pub fn add_row(acc: &mut [i32], row: &[i32]) {
    let n = acc.len().min(row.len());
    let (Some(acc), Some(row)) = (acc.get_mut(..n), row.get(..n)) else {
        return;
    };
    let (a4, a_rest) = acc.as_chunks_mut::<4>();
    let (r4, r_rest) = row.as_chunks::<4>();
    for (a, r) in a4.iter_mut().zip(r4) {
        a[0] = a[0].wrapping_add(r[0]);
        a[1] = a[1].wrapping_add(r[1]);
        a[2] = a[2].wrapping_add(r[2]);
        a[3] = a[3].wrapping_add(r[3]);
    }
    for (a, &r) in a_rest.iter_mut().zip(r_rest) {
        *a = a.wrapping_add(r);
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
        Trainer {
            classes: classes.max(1),
            rows: HashMap::new(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            step: 0,
        }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Adds the weights of `features` into `scores` (length = classes).
    pub fn scores(&self, features: &[u32], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(&row) = self.rows.get(f) {
                for (s, w) in scores
                    .iter_mut()
                    .zip(&self.weights[row..row + self.classes])
                {
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
        self.adjust(features, truth, 1.0);
        self.adjust(features, guess, -1.0);
    }

    /// Adds `delta` to `class`'s weight of each of `features` at the current
    /// step (structured training: the gold and the guessed sequences read
    /// different label features, so they move apart; call after the step's
    /// [`Trainer::update`]).
    pub fn adjust(&mut self, features: &[u32], class: usize, delta: f32) {
        if class >= self.classes {
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
            let i = row + class;
            self.totals[i] += (self.step - self.stamps[i]) as f64 * self.weights[i] as f64;
            self.stamps[i] = self.step;
            self.weights[i] += delta;
        }
    }

    /// Replaces each weight by its average over all steps (call once, after training).
    pub fn average(&mut self) {
        for i in 0..self.weights.len() {
            let total =
                self.totals[i] + (self.step - self.stamps[i]) as f64 * self.weights[i] as f64;
            self.weights[i] = (total / self.step.max(1) as f64) as f32;
            self.totals[i] = 0.0;
            self.stamps[i] = self.step;
        }
    }

    /// The `q`-quantile (0..=1) of the weights' magnitudes, zeros left out.
    pub fn magnitude_quantile(&self, q: f32) -> f32 {
        let mut mags: Vec<f32> = self
            .weights
            .iter()
            .map(|w| w.abs())
            .filter(|&w| w > 0.0)
            .collect();
        if mags.is_empty() {
            return 0.0;
        }
        let k = ((mags.len() - 1) as f32 * q.clamp(0.0, 1.0)).round() as usize;
        let (_, v, _) = mags.select_nth_unstable_by(k, f32::total_cmp);
        *v
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
        let (count, body) = self.encode_rows(|x| if x.abs() < threshold { 0 } else { (x / scale).round().clamp(-127.0, 127.0) as i8 });
        let mut out = b"DLP1".to_vec();
        out.push(self.classes as u8);
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// The feature rows in hash order, each weight coded by `code` (0 drops
    /// it): per kept feature a hash delta (LEB128), a class mask, the
    /// non-zero codes. Returns how many features were kept, and the bytes.
    fn encode_rows(&self, code: impl Fn(f32) -> i8) -> (u32, Vec<u8>) {
        let mask_bytes = self.classes.div_ceil(8);
        let mut rows: Vec<(u32, usize)> = self.rows.iter().map(|(&h, &r)| (h, r)).collect();
        rows.sort_unstable();
        let mut body = Vec::new();
        let mut count = 0u32;
        let mut last = 0u32;
        for (hash, row) in rows {
            let q: Vec<i8> = self.weights[row..row + self.classes].iter().map(|&x| code(x)).collect();
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
        (count, body)
    }

    /// Serialises the model with log-scale `i8` codes: magnitudes from
    /// `min_weight` (smaller weights are dropped) to the largest weight on a
    /// geometric grid of 127 steps, so that both the few large weights (bias,
    /// label transitions) and the many small ones survive (a relative error
    /// of a few percent each).
    ///
    /// Layout (little-endian): magic `DLP2`, classes u8, unit f32, count u32,
    /// 127 × u32 magnitudes in units (codes 1..=127; a negative code is the
    /// negated magnitude), then features as in [`Trainer::to_bytes`].
    pub fn to_bytes_log(&self, min_weight: f32) -> Vec<u8> {
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let min = min_weight.max(max / 1e6).max(f32::MIN_POSITIVE);
        let ratio = if max > min {
            (max / min).powf(1.0 / 126.0)
        } else {
            1.0
        };
        // Integer unit: the smallest magnitude is 64 units.
        let unit = min / 64.0;
        let grid: Vec<f32> = (0..127).map(|k| min * ratio.powi(k)).collect();
        let code = |x: f32| -> i8 {
            let a = x.abs();
            if a < min || !a.is_finite() {
                return 0;
            }
            // Nearest grid point in log space.
            let k = ((a / min).ln() / ratio.ln().max(1e-9))
                .round()
                .clamp(0.0, 126.0) as i8
                + 1;
            if x < 0.0 {
                -k
            } else {
                k
            }
        };
        let (count, body) = self.encode_rows(code);
        let mut out = b"DLP2".to_vec();
        out.push(self.classes as u8);
        out.extend_from_slice(&unit.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        for g in grid {
            out.extend_from_slice(&((g / unit).round().min(u32::MAX as f32) as u32).to_le_bytes());
        }
        out.extend_from_slice(&body);
        out
    }
}

impl Trainer {
    /// [`Trainer::to_bytes_log`] in a layout that compresses better
    /// (`DLP5`): the same header and log grid, then a Rice parameter `k`
    /// (u8), the byte length of the hash deltas' Rice code (u32), that code
    /// (per delta: quotient `d >> k` in unary as ones and a zero, then the
    /// `k` low bits, least significant first, bits packed from each byte's
    /// lowest); then the distinct class masks (their count, u32, then each,
    /// most frequent first, ties by bytes), the byte lengths (u32 each) of
    /// the next two columns, each feature's mask number (LEB128), every code
    /// but the last of a row with two or more; then, for each such row, its
    /// last code less the code [`predicted_last`] (wrapping). Hash deltas are
    /// near-random, so a Rice code beats varints (~18 bits a feature, not
    /// 24); columns gzip better than rows interleaved with hashes; numbers
    /// of masks better than the masks; and the last codes, mostly as
    /// predicted, better apart (entity model: 264 KB gzip as rows of
    /// masks and codes in columns, 254 KB so).
    pub fn to_bytes_packed(&self, min_weight: f32) -> Vec<u8> {
        let v2 = self.to_bytes_log(min_weight);
        pack(&v2).unwrap_or(v2)
    }

    /// [`Trainer::to_bytes`] (linear codes) in the layout of
    /// [`Trainer::to_bytes_packed`] (`DLP6`: the `DLP1` header, then the
    /// same columns); the same model, 11 % smaller in gzip for the event
    /// tagger.
    pub fn to_bytes_linear_packed(&self, prune: f32) -> Vec<u8> {
        let v1 = self.to_bytes(prune);
        pack(&v1).unwrap_or(v1)
    }
}

/// Code (as `u8`) → weight in units of the model's scale: the identity for
/// linear codes, the log grid (after the 13-byte header) for log codes.
fn code_table(bytes: &[u8], log: bool) -> Option<[i32; 256]> {
    let mut table = [0i32; 256];
    for code in -128i32..128 {
        table[code as i8 as u8 as usize] = code;
    }
    if log {
        for k in 1..=127usize {
            let at = 13 + (k - 1) * 4;
            let m = u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?).min(i32::MAX as u32 / 256) as i32;
            table[k] = m;
            table[(-(k as i32)) as i8 as u8 as usize] = -m;
        }
        table[128] = -table[127];
    }
    Some(table)
}

/// The code nearest to minus `sum`, the weights of a row but its last: a
/// perceptron moves weights in pairs (+1 for the truth, -1 for the guess),
/// so most rows sum to about zero. Ties go to the smaller magnitude.
fn predicted_last(table: &[i32; 256], sum: i64) -> u8 {
    let target = sum.unsigned_abs().min(i32::MAX as u64) as i32;
    // Codes 1..=127 in order of magnitude (non-decreasing in both layouts).
    let grid = table.get(1..128).unwrap_or(&[]);
    let above = grid.partition_point(|&m| m < target);
    let k = match (above.checked_sub(1).and_then(|i| grid.get(i)), grid.get(above)) {
        (Some(&low), Some(&high)) if target - low <= high - target => above - 1,
        (Some(_), None) => above - 1,
        _ => above,
    };
    let code = k as i8 + 1;
    (if sum > 0 { -code } else { code }) as u8
}

/// `DLP2` bytes to `DLP5`, or `DLP1` to `DLP6` (see [`Trainer::to_bytes_packed`]).
fn pack(rows: &[u8]) -> Option<Vec<u8>> {
    let (head, magic, log) = match rows.get(..4)? {
        b"DLP1" => (13, b"DLP6", false),
        b"DLP2" => (13 + 127 * 4, b"DLP5", true),
        _ => return None,
    };
    let table = code_table(rows, log)?;
    let classes = *rows.get(4)? as usize;
    let count = u32::from_le_bytes(rows.get(9..13)?.try_into().ok()?) as usize;
    let mask_bytes = classes.div_ceil(8);
    let mut at = head;
    let (mut deltas, mut masks, mut codes) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..count {
        deltas.push(read_varint(rows, &mut at)?);
        let mask = rows.get(at..at + mask_bytes)?;
        at += mask_bytes;
        let n: usize = mask.iter().map(|b| b.count_ones() as usize).sum();
        masks.push(mask);
        codes.push(rows.get(at..at + n)?);
        at += n;
    }
    let cost = |k: u32| -> u64 { deltas.iter().map(|&d| (d >> k) as u64 + 1 + k as u64).sum() };
    let k = (0..32).min_by_key(|&k| (cost(k), k))?;
    let mut bits = BitWriter::default();
    for &d in &deltas {
        for _ in 0..(d >> k) {
            bits.push(true);
        }
        bits.push(false);
        for b in 0..k {
            bits.push((d >> b) & 1 == 1);
        }
    }
    let mut seen: HashMap<&[u8], usize> = HashMap::new();
    for &m in &masks {
        *seen.entry(m).or_default() += 1;
    }
    let mut distinct: Vec<(&[u8], usize)> = seen.into_iter().collect();
    distinct.sort_unstable_by_key(|&(m, n)| (std::cmp::Reverse(n), m));
    let number: HashMap<&[u8], usize> = distinct.iter().enumerate().map(|(i, &(m, _))| (m, i)).collect();
    let (mut numbers, mut firsts, mut lasts) = (Vec::new(), Vec::new(), Vec::new());
    for (mask, row) in masks.iter().zip(&codes) {
        write_varint(&mut numbers, *number.get(mask)? as u32);
        match row.split_last() {
            Some((&last, earlier)) if !earlier.is_empty() => {
                firsts.extend_from_slice(earlier);
                let sum = earlier.iter().map(|&c| table[c as usize] as i64).sum();
                lasts.push(last.wrapping_sub(predicted_last(&table, sum)));
            }
            _ => firsts.extend_from_slice(row),
        }
    }
    let mut out = rows.get(..head)?.to_vec();
    out[..4].copy_from_slice(magic);
    out.push(k as u8);
    out.extend_from_slice(&(bits.bytes.len() as u32).to_le_bytes());
    out.extend_from_slice(&bits.bytes);
    out.extend_from_slice(&(distinct.len() as u32).to_le_bytes());
    distinct.iter().for_each(|(m, _)| out.extend_from_slice(m));
    out.extend_from_slice(&(numbers.len() as u32).to_le_bytes());
    out.extend_from_slice(&(firsts.len() as u32).to_le_bytes());
    out.extend_from_slice(&numbers);
    out.extend_from_slice(&firsts);
    out.extend_from_slice(&lasts);
    Some(out)
}

#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    len: usize,
}

impl BitWriter {
    fn push(&mut self, bit: bool) {
        if self.len.is_multiple_of(8) {
            self.bytes.push(0);
        }
        if bit {
            if let Some(last) = self.bytes.last_mut() {
                *last |= 1 << (self.len % 8);
            }
        }
        self.len += 1;
    }
}

struct BitReader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl BitReader<'_> {
    fn bit(&mut self) -> Option<bool> {
        let b = self.bytes.get(self.pos / 8)? >> (self.pos % 8) & 1;
        self.pos += 1;
        Some(b == 1)
    }
    /// A Rice-coded value with parameter `k`; `None` past the end or above `u32`.
    fn rice(&mut self, k: u32) -> Option<u32> {
        let mut q = 0u64;
        while self.bit()? {
            q += 1;
            if q > u32::MAX as u64 {
                return None;
            }
        }
        let mut low = 0u64;
        for b in 0..k {
            low |= (self.bit()? as u64) << b;
        }
        u32::try_from((q << k) | low).ok()
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
/// to its weights, built once from the bytes. Most weights of a feature
/// are zero (3.2 of 17 are not in the entity model), so a row keeps only
/// the others, each as one cell: the weight (the quantised code decoded to
/// `i32` units, at most 2^23 in magnitude) in the high 24 bits, its class
/// in the low 8. A row of up to three cells sits in its slot, beside the
/// hash (one cache line per look-up), a longer one in `cells`. Scoring adds
/// a few cells instead of a dense row of every class: fewer instructions and
/// a quarter of the memory (the tagger waits on memory more than it computes).
pub struct Model {
    classes: usize,
    scale: f32,
    /// Features read (including any the table cannot hold, see `from_bytes`).
    count: usize,
    /// Slot → `[feature hash, a, b, c]`: the row's cells `a, b, c` (unused
    /// ones 0, which adds nothing), or, when `a` is [`SPILL`], the start
    /// and length of its cells in `cells`. `EMPTY` marks a free slot.
    slots: Vec<[u32; 4]>,
    cells: Vec<u32>,
    mask: usize,
    /// One bit per `hash & filter_mask`, set for every stored feature: most
    /// features a tagger asks for are not in the model, and this answers
    /// them from 16 bits a feature (128 KB for the entity model, which stays
    /// in cache) instead of a slot in a table ten times that size.
    filter: Vec<u64>,
    filter_mask: usize,
}

/// The first cell of a slot whose row is in `Model::cells` (no class is 255).
const SPILL: u32 = 0xFF;

/// Adds each cell's weight to its class's score (wrapping, as sums of any order agree).
#[inline(always)]
fn add_cells(acc: &mut [i32], cells: &[u32]) {
    for &cell in cells {
        if let Some(a) = acc.get_mut((cell & 0xFF) as usize) {
            *a = a.wrapping_add(cell as i32 >> 8);
        }
    }
}

const EMPTY: u32 = u32::MAX;

impl Model {
    /// Reads [`Trainer::to_bytes`] output; `None` for bad bytes.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let (log, packed) = match bytes.get(..4)? {
            b"DLP1" => (false, false),
            b"DLP2" => (true, false),
            b"DLP5" => (true, true),
            b"DLP6" => (false, true),
            _ => return None,
        };
        let classes = *bytes.get(4)? as usize;
        let scale = f32::from_le_bytes(bytes.get(5..9)?.try_into().ok()?);
        let count = u32::from_le_bytes(bytes.get(9..13)?.try_into().ok()?) as usize;
        if classes == 0 || count > bytes.len() {
            return None;
        }
        let table = code_table(bytes, log)?;
        let mut at = if log { 13 + 127 * 4 } else { 13 };
        // Load at most 2/3 (a stored feature is found in ~2 probes; the
        // filter turns most absent ones away before any probe).
        let slots = (count + count / 2).next_power_of_two().max(16);
        let bits = (count * 16).next_power_of_two().max(64);
        let mut model = Model {
            classes,
            scale,
            count,
            slots: vec![[EMPTY, 0, 0, 0]; slots],
            cells: Vec::new(),
            mask: slots - 1,
            filter: vec![0; bits / 64],
            filter_mask: bits - 1,
        };
        let mask_bytes = classes.div_ceil(8);
        // Packed: the hash deltas' Rice code, the distinct masks, then the
        // columns (mask numbers, codes, last codes); `at` walks the codes.
        let mut rice = None;
        let (mut masks, mut numbers_at, mut lasts_at) = (&bytes[..0], 0, 0);
        if packed {
            let u32_at = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at.checked_add(4)?)?.try_into().ok()?) as usize);
            let k = *bytes.get(at)? as u32;
            let len = u32_at(at + 1)?;
            at += 5;
            if k > 31 {
                return None;
            }
            let code = bytes.get(at..at.checked_add(len)?)?;
            rice = Some((BitReader { bytes: code, pos: 0 }, k));
            at += len;
            let distinct = u32_at(at)?;
            masks = bytes.get(at + 4..)?.get(..distinct.checked_mul(mask_bytes)?)?;
            at += 4 + masks.len();
            let (numbers_len, codes_len) = (u32_at(at)?, u32_at(at + 4)?);
            numbers_at = at + 8;
            at = numbers_at.checked_add(numbers_len)?;
            lasts_at = at.checked_add(codes_len)?;
        }
        let mut hash = 0u32;
        let mut row = Vec::with_capacity(classes);
        for _ in 0..count {
            let mask = match &mut rice {
                Some((reader, k)) => {
                    hash = hash.wrapping_add(reader.rice(*k)?);
                    let n = read_varint(bytes, &mut numbers_at)? as usize;
                    masks.get(n.checked_mul(mask_bytes)?..)?.get(..mask_bytes)?
                }
                None => {
                    hash = hash.wrapping_add(read_varint(bytes, &mut at)?);
                    let m = bytes.get(at..at + mask_bytes)?;
                    at += mask_bytes;
                    m
                }
            };
            let set: u32 = mask.iter().map(|b| b.count_ones()).sum();
            row.clear();
            let (mut sum, mut seen) = (0i64, 0);
            for c in 0..classes {
                if mask[c / 8] & (1 << (c % 8)) != 0 {
                    seen += 1;
                    let code = if packed && set >= 2 && seen == set {
                        lasts_at += 1;
                        predicted_last(&table, sum).wrapping_add(*bytes.get(lasts_at - 1)?)
                    } else {
                        at += 1;
                        *bytes.get(at - 1)?
                    };
                    // |weight| <= 2^23 - 1 (the table caps it), so it
                    // survives the shift; a zero weight adds nothing.
                    let w = table[code as usize];
                    sum += w as i64;
                    if w != 0 {
                        row.push(((w as u32) << 8) | c as u32);
                    }
                }
            }
            // A slot keyed `EMPTY` reads as free: such a feature was never
            // found, and is not stored.
            if hash == EMPTY {
                continue;
            }
            let bit = hash as usize & model.filter_mask;
            model.filter[bit / 64] |= 1 << (bit % 64);
            let mut slot = hash as usize & model.mask;
            while model.slots[slot][0] != EMPTY {
                slot = (slot + 1) & model.mask;
            }
            model.slots[slot] = match row[..] {
                [] => [hash, 0, 0, 0],
                [a] => [hash, a, 0, 0],
                [a, b] => [hash, a, b, 0],
                [a, b, c] => [hash, a, b, c],
                _ => {
                    let start = model.cells.len() as u32;
                    model.cells.extend_from_slice(&row);
                    [hash, SPILL, start, row.len() as u32]
                }
            };
        }
        Some(model)
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Number of features kept.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Adds the weights of feature `hash` to `scores` (one per class;
    /// classes past its end are left out); false if the model lacks it.
    #[inline]
    pub fn add(&self, hash: u32, scores: &mut [i32]) -> bool {
        let bit = hash as usize & self.filter_mask;
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return false;
        }
        let mut slot = hash as usize & self.mask;
        loop {
            let s = self.slots[slot];
            if s[0] == EMPTY {
                return false;
            }
            if s[0] == hash {
                if s[1] == SPILL {
                    let (start, len) = (s[2] as usize, s[3] as usize);
                    add_cells(scores, self.cells.get(start..start + len).unwrap_or(&[]));
                } else {
                    add_cells(scores, &[s[1], s[2], s[3]]);
                }
                return true;
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// Whether the model holds feature `hash` (what [`Model::add`] returns).
    #[inline]
    pub fn contains(&self, hash: u32) -> bool {
        let bit = hash as usize & self.filter_mask;
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return false;
        }
        let mut slot = hash as usize & self.mask;
        loop {
            match self.slots[slot][0] {
                EMPTY => return false,
                k if k == hash => return true,
                _ => slot = (slot + 1) & self.mask,
            }
        }
    }

    /// Sums the quantised weights of `features` into `scores` (length = classes).
    pub fn scores(&self, features: &[u32], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        for &f in features {
            self.add(f, scores);
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
    fn hasher_num_is_its_bytes() {
        for n in [0, 1, 255, 256, 0x1234_5678, u32::MAX] {
            let a = FeatureHasher::new(7).num(n).finish();
            assert_eq!(a, FeatureHasher::new(7).bytes(&n.to_le_bytes()).finish());
        }
    }

    #[test]
    fn add_row_matches_a_plain_loop() {
        for n in 0..20 {
            for m in [0, n / 2, n, n + 3] {
                let mut a: Vec<i32> = (0..n).map(|i| i * 7 - 40).collect();
                let r: Vec<i32> = (0..m).map(|i| i32::MAX - i * 3).collect();
                let mut b = a.clone();
                b.iter_mut()
                    .zip(&r)
                    .for_each(|(x, &y)| *x = x.wrapping_add(y));
                add_row(&mut a, &r);
                assert_eq!(a, b);
            }
        }
    }

    #[test]
    fn hasher_separates_parts_and_templates() {
        let a = FeatureHasher::new(1).str("ab").str("c").finish();
        let b = FeatureHasher::new(1).str("a").str("bc").finish();
        let c = FeatureHasher::new(2).str("ab").str("c").finish();
        assert!(a != b && a != c);
        assert_eq!(
            FeatureHasher::new(3).lower("PaRiS").finish(),
            FeatureHasher::new(3).str("paris").finish()
        );
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
    fn log_codes_keep_large_and_small_weights() {
        let mut t = Trainer::new(3);
        for _ in 0..500 {
            t.update(&[1], 2, 0);
        }
        t.update(&[2], 1, 0);
        let m = Model::from_bytes(&t.to_bytes_log(0.01)).unwrap();
        assert_eq!(m.len(), 2);
        let mut s = [0i32; 3];
        m.scores(&[1], &mut s);
        assert!(((s[2] as f32 * m.scale()) - 500.0).abs() < 25.0, "{s:?}");
        m.scores(&[2], &mut s);
        assert!(
            ((s[1] as f32 * m.scale()) - 1.0).abs() < 0.05 && s[0] < 0,
            "{s:?}"
        );
        let bytes = t.to_bytes_log(0.01);
        for cut in 0..bytes.len() {
            let _ = Model::from_bytes(&bytes[..cut]);
        }
    }

    /// Both packed layouts decode to the very model of the rows they pack.
    #[test]
    fn packed_bytes_read_as_the_rows() {
        let mut t = Trainer::new(17);
        for i in 0..400u32 {
            let f = [i.wrapping_mul(0x9e37_79b9), i % 7, 1 << (i % 32)];
            t.update(&f, (i % 17) as usize, ((i + 3) % 17) as usize);
        }
        for (rows, packed, magic) in [
            (t.to_bytes_log(0.5), t.to_bytes_packed(0.5), b"DLP5"),
            (t.to_bytes(0.05), t.to_bytes_linear_packed(0.05), b"DLP6"),
        ] {
            assert_eq!(&packed[..4], magic);
            let (a, b) = (Model::from_bytes(&rows).unwrap(), Model::from_bytes(&packed).unwrap());
            assert_eq!(a.len(), b.len());
            assert_eq!((a.scale, &a.slots, &a.cells), (b.scale, &b.slots, &b.cells));
            for cut in 0..packed.len() {
                let _ = Model::from_bytes(&packed[..cut]);
            }
            let mut bad = packed.clone();
            for i in (0..bad.len()).step_by(7) {
                bad[i] ^= 0x5a;
                let _ = Model::from_bytes(&bad);
            }
        }
    }

    /// Each feature's weights as `Model::add` sums them equal its codes
    /// decoded by hand from the bytes (dense: one per class), for rows of
    /// every length, weights at both ends of the grid and absent features.
    #[test]
    fn sparse_rows_add_the_decoded_codes() {
        let mut t = Trainer::new(17);
        for i in 0..600u32 {
            let f = [i.wrapping_mul(0x9e37_79b9), i % 7, 1 << (i % 32), u32::MAX];
            t.update(&f, (i % 17) as usize, ((i * 5 + 3) % 17) as usize);
        }
        for _ in 0..5000 {
            t.update(&[42], 3, 9);
        }
        // Rows of one to eight weights.
        for i in 0..400u32 {
            for c in 0..=(i % 8) {
                t.adjust(&[i.wrapping_mul(0x85eb_ca6b) | 1], (c * 2) as usize, 1.0 + c as f32);
            }
        }
        let v2 = t.to_bytes_log(0.01);
        let count = u32::from_le_bytes(v2[9..13].try_into().unwrap()) as usize;
        let grid: Vec<i32> = (0..127)
            .map(|k| {
                let at = 13 + 4 * k;
                u32::from_le_bytes(v2[at..at + 4].try_into().unwrap()).min(i32::MAX as u32 / 256)
                    as i32
            })
            .collect();
        assert!(grid[126] > 1 << 20, "{}", grid[126]);
        let packed = t.to_bytes_packed(0.01);
        let models = [Model::from_bytes(&v2).unwrap(), Model::from_bytes(&packed).unwrap()];
        let (mut at, mut hash, mut lengths) = (13 + 127 * 4, 0u32, [0usize; 18]);
        for _ in 0..count {
            hash = hash.wrapping_add(read_varint(&v2, &mut at).unwrap());
            let mask = [v2[at], v2[at + 1], v2[at + 2]];
            at += 3;
            let mut want = [0i32; 17];
            for (c, w) in want.iter_mut().enumerate() {
                if mask[c / 8] & (1 << (c % 8)) != 0 {
                    let code = v2[at] as i8 as i32;
                    at += 1;
                    *w = code.signum() * grid.get(code.unsigned_abs() as usize - 1).copied().unwrap_or(0);
                }
            }
            lengths[want.iter().filter(|&&w| w != 0).count()] += 1;
            for m in &models {
                let mut got = [5i32; 17];
                let found = m.add(hash, &mut got);
                assert_eq!(m.contains(hash), found);
                let want = want.map(|w| w.wrapping_add(5));
                assert_eq!((found, got), (hash != u32::MAX, if hash == u32::MAX { [5; 17] } else { want }));
            }
        }
        assert!(lengths[1..=3].iter().all(|&n| n > 0) && lengths[4..].iter().sum::<usize>() > 0, "{lengths:?}");
        for m in &models {
            let mut got = [0i32; 17];
            assert!(!m.add(0x1234_5678, &mut got) && got == [0; 17]);
            assert!(!m.add(u32::MAX, &mut got));
        }
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
