//! How a spec struct writes a std hash map or hash set: its members put in
//! key order before they are written. A hash map iterates in an order that
//! changes with its hasher's seed, so without this the same document would
//! give other bytes in another process, with any serde serializer.
//!
//! The order is that of the keys' `Ord` (for `String` keys, byte order:
//! the order of a `BTreeMap<String, _>`, which is what serde_json writes
//! for one). Up to [`ON_STACK`] members are sorted as references in an array
//! on the stack: no allocation, which covers the maps documents hold
//! (annotations, labels, sysctls). A larger map is sorted in a `Vec` of
//! references, one allocation (BENCHMARKS.md).
//!
//! `#[spec_struct]` writes every field whose type is a `HashMap`, a
//! `HashSet` or an `Option` of one through [`Sorted`] (or any field marked
//! `#[json(sorted)]`, for a type alias).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::{Serialize, Serializer};

/// How many members are sorted on the stack.
const ON_STACK: usize = 32;

/// A map or set written in key order.
pub(crate) struct Sorted<'a, T: ?Sized>(pub(crate) &'a T);

/// Writes `items` (at least one, `first`) in the order `key` gives, through
/// `write`.
#[inline]
fn in_order<'a, T: Copy + 'a, K: Ord + ?Sized + 'a, R>(
    first: T,
    len: usize,
    items: impl Iterator<Item = T>,
    key: impl Fn(&T) -> &'a K,
    write: impl FnOnce(&[T]) -> R,
) -> R {
    if len <= ON_STACK {
        let mut on_stack = [first; ON_STACK];
        let mut n = 0;
        for (slot, item) in on_stack.iter_mut().zip(items) {
            *slot = item;
            n += 1;
        }
        let items = &mut on_stack[..n];
        items.sort_unstable_by(|a, b| key(a).cmp(key(b)));
        write(items)
    } else {
        let mut items: Vec<T> = items.collect();
        items.sort_unstable_by(|a, b| key(a).cmp(key(b)));
        write(&items)
    }
}

impl<K: Ord + Serialize, V: Serialize, H> Serialize for Sorted<'_, HashMap<K, V, H>> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let map = self.0;
        match map.iter().next() {
            None => s.collect_map(map.iter()),
            Some(first) => in_order(
                first,
                map.len(),
                map.iter(),
                |e| e.0,
                |items| s.collect_map(items.iter().copied()),
            ),
        }
    }
}

impl<T: Ord + Serialize, H> Serialize for Sorted<'_, HashSet<T, H>> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let set = self.0;
        match set.iter().next() {
            None => s.collect_seq(set.iter()),
            Some(first) => in_order(
                first,
                set.len(),
                set.iter(),
                |e| *e,
                |items| s.collect_seq(items.iter().copied()),
            ),
        }
    }
}

/// Already in key order.
impl<K: Serialize, V: Serialize> Serialize for Sorted<'_, BTreeMap<K, V>> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// Already in order.
impl<T: Serialize> Serialize for Sorted<'_, BTreeSet<T>> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<T> Serialize for Sorted<'_, Option<T>>
where
    for<'b> Sorted<'b, T>: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(inner) => s.serialize_some(&Sorted(inner)),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_maps_and_sets_are_written_in_key_order_at_every_size() {
        for n in [0, 1, 2, 5, ON_STACK - 1, ON_STACK, ON_STACK + 1, 200] {
            let map: HashMap<String, usize> = (0..n).map(|i| (format!("k{i}"), i)).collect();
            let tree: BTreeMap<&String, &usize> = map.iter().collect();
            assert_eq!(
                serde_json::to_string(&Sorted(&map)).unwrap(),
                serde_json::to_string(&tree).unwrap(),
                "{n} members"
            );
            let set: HashSet<String> = map.keys().cloned().collect();
            let ordered = serde_json::to_string(&set.iter().collect::<BTreeSet<_>>()).unwrap();
            assert_eq!(
                serde_json::to_string(&Sorted(&Some(set))).unwrap(),
                ordered,
                "{n} members"
            );
        }
        let none: Option<HashMap<String, u8>> = None;
        assert_eq!(serde_json::to_string(&Sorted(&none)).unwrap(), "null");
    }
}
