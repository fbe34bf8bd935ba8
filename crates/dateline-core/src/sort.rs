//! Stable sorting with one shared copy of the sort.
//!
//! `slice::sort_by` is compiled anew for every element type and comparator:
//! about 5 KB of WebAssembly each, a dozen times over in the page. Here the
//! standard library's stable sort runs once, on positions, behind a `dyn`
//! comparator, and the slice is then put in that order in place. The result
//! is exactly `slice::sort_by`'s (a stable sort's result is unique), at the
//! cost of one `Vec<usize>`; the slices sorted this way are short (events,
//! time expressions, highlights), never a hot loop.

use std::cmp::Ordering;

/// Same result as `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order = sorted_positions(v.len(), &mut |a, b| match (v.get(a), v.get(b)) {
        (Some(a), Some(b)) => cmp(a, b),
        _ => Ordering::Equal,
    });
    permute(v, &mut order);
}

/// Same result as `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..n` in the stable order `cmp` gives.
fn sorted_positions(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves `v[order[k]]` to `k` for every `k`, one cycle of the permutation
/// at a time (linear; `order` is used up as the marks of what is done).
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut k = start;
        while let Some(slot) = order.get_mut(k) {
            let src = std::mem::replace(slot, DONE);
            if src == DONE || src == start || src >= v.len() {
                break;
            }
            v.swap(k, src);
            k = src;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against the standard library's sort on many lengths and key ranges,
    /// ties included (stability shows in the second field).
    #[test]
    fn same_order_as_the_standard_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for len in (0..70).chain([100, 257, 1000, 4099]) {
            for range in [1, 3, 10, 1000] {
                let v: Vec<(u64, usize)> = (0..len).map(|i| (next() % range, i)).collect();
                let (mut ours, mut std) = (v.clone(), v.clone());
                sort_by_key(&mut ours, |x| x.0);
                std.sort_by_key(|x| x.0);
                assert_eq!(ours, std, "len {len} range {range}");
                let (mut ours, mut std) = (v.clone(), v);
                sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
                std.sort_by(|a, b| b.0.cmp(&a.0));
                assert_eq!(ours, std, "len {len} range {range}, reversed");
            }
        }
    }

    #[test]
    fn owned_values_move_whole() {
        let mut v: Vec<String> = ["pear", "fig", "apple", "kiwi", "date", "plum"].map(String::from).to_vec();
        sort_by_key(&mut v, |s| s.len());
        assert_eq!(v, ["fig", "pear", "kiwi", "date", "plum", "apple"]);
    }
}
