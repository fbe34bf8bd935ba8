//! Drawing a long result a slice at a time. A 200 KB article has thousands
//! of highlights and timeline items; building all their nodes in one render
//! holds the page for most of a second. A component draws the first slice
//! at once, then one more slice per task, so the page answers the reader
//! between slices and the top of the article shows first.

use yew::prelude::*;

/// How many of `steps` slices to draw now: 1 right after `key` changes,
/// then one more per task until all are drawn. `key` names what is drawn
/// (the document): a new one starts again from its first slice.
#[hook]
pub fn use_progressive<K>(key: &K, steps: usize) -> usize
where
    K: PartialEq + Clone + 'static,
{
    let drawn = use_state(|| (key.clone(), 1));
    // Until the task below runs, a new key shows only its first slice.
    let shown = if drawn.0 == *key { drawn.1.min(steps) } else { 1.min(steps) };
    {
        let drawn = drawn.clone();
        let key = key.clone();
        use_effect_with((shown, steps, drawn.0 == key), move |&(shown, steps, _)| {
            let timer = (shown < steps).then(|| gloo_timers::callback::Timeout::new(0, move || drawn.set((key, shown + 1))));
            move || drop(timer)
        });
    }
    shown
}

/// Where each slice ends: the item counts at which the items' sizes
/// (bytes of text, say) first reach each multiple of `budget`. The last
/// entry is always `sizes.len()`; an empty list has one empty slice.
pub fn slice_ends(sizes: impl IntoIterator<Item = usize>, budget: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let (mut count, mut filled) = (0, 0);
    for size in sizes {
        count += 1;
        filled += size;
        if filled >= budget.max(1) {
            ends.push(count);
            filled = 0;
        }
    }
    if ends.last() != Some(&count) || ends.is_empty() {
        ends.push(count);
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::slice_ends;

    #[test]
    fn slices_end_where_the_budget_fills() {
        assert_eq!(slice_ends([], 10), vec![0]);
        assert_eq!(slice_ends([3, 3, 3], 10), vec![3]);
        assert_eq!(slice_ends([6, 6, 6, 1], 10), vec![2, 4]);
        assert_eq!(slice_ends([20, 1, 20], 10), vec![1, 3]);
        assert_eq!(slice_ends([5, 5], 10), vec![2]);
        assert_eq!(slice_ends([5, 5], 0), vec![1, 2]);
    }
}
