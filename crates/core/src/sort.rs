//! Stable sorts that share one copy of the sorting code.
//!
//! `slice::sort_by` is generic over the element and the comparison, so every call site carries
//! its own copy of the standard library's sort (about 4 KB of WebAssembly each). These sort the
//! items' positions with one non-generic sort, then move the items into that order: the result
//! is exactly what the standard library's stable sort gives, with one copy of the sort in the app.

use std::cmp::Ordering;

/// Like `slice::sort_by`: stable, equal items keep their order.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Like `slice::sort_by_key`: stable, and the key is computed at each comparison.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Like `slice::sort_by_cached_key`: stable, and the key is computed once per item.
pub fn sort_by_cached_key<T, K: Ord>(items: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = sorted_order(items.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    permute(items, order);
}

/// The positions `0..len` in the order `compare` puts them, stably. Not generic, so the app has
/// one copy of the sort.
#[inline(never)]
fn sorted_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves the item at `order[k]` to position `k`, following each cycle of the permutation.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_library_does() {
        // Pairs that tie on the key show the sort is stable.
        let mut seed = 7u32;
        for len in 0..200 {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|n| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 13, n)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            let mut by = items.clone();
            sort_by(&mut by, |a, b| a.0.cmp(&b.0));
            assert_eq!(by, expected);
            let mut by_key = items.clone();
            sort_by_key(&mut by_key, |item| item.0);
            assert_eq!(by_key, expected);
            let mut cached = items.clone();
            sort_by_cached_key(&mut cached, |item| item.0);
            assert_eq!(cached, expected);
            let mut reversed = items.clone();
            sort_by_key(&mut reversed, |item| std::cmp::Reverse(item.0));
            expected.sort_by_key(|item| std::cmp::Reverse(item.0));
            assert_eq!(reversed, expected);
        }
    }
}
