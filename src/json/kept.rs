//! Kept values: what a `Copy` field cannot hold, kept in the hidden part of
//! the struct that contains it, and written back in place.
//!
//! `oci-spec`'s closed enums (`Capability`, `LinuxNamespaceType`, `Arch`,
//! ...) and its `Copy` structs (`LinuxPids`, `PosixRlimit`, `Box`, ...) are
//! `Copy`, so they cannot hold a string or a map: not an unknown capability,
//! not the unknown members or `null`s of a pids object. A field of such a
//! type (alone, in an `Option`, a `Vec`, a `HashSet` or a `HashMap`) is
//! declared `#[json(keep)]`; the field is then read through [`Keep`], and
//! what the typed value cannot hold goes into a [`Kept`] stored in the
//! containing struct's hidden part under the member's name:
//!
//! - an enum value the crate does not know: [`Kept::Raw`] (`known: false`);
//!   the typed field holds the enum's default (`None` in an `Option`), and
//!   the element is left out of a `Vec` or a set;
//! - an enum value written other than in its canonical form (`"sys_admin"`
//!   for `CAP_SYS_ADMIN`, accepted as `oci-spec` accepts it):
//!   [`Kept::Raw`] (`known: true`), the typed value holds the enum value;
//! - the hidden part of a `Copy` struct (its unknown members, `null`s, and
//!   its own kept values): [`Kept::Struct`];
//! - per element of a `Vec` or set, by the element's position in the
//!   document: [`Kept::Items`]; per key of a map: [`Kept::Entries`].
//!
//! Writing merges them back:
//!
//! - a scalar unknown value is written while the typed field still holds
//!   what decoding put there (the default, or `None`); once the user sets
//!   another value, that value is written (an unknown value cannot be
//!   compared with a known one, so setting the field back to the default
//!   writes the kept value again);
//! - a kept spelling is written while the typed value is the one it spells;
//! - unknown elements of a list are written at their positions in the
//!   document, between the typed elements (after the last one when the list
//!   became shorter), whatever the user did to the typed list; the hidden
//!   part of a `Copy` struct in a list goes with the element at its
//!   position; in a map, with the entry of its key;
//! - a set is written sorted, its unknown elements among the typed ones;
//! - when the user sets an `Option` field that held a list, a set, a map or a
//!   struct to `None`, nothing kept for it is written.
//!
//! `validate()` reports every unknown value (see [`unknown_values`]).

#![cfg_attr(
    not(feature = "runtime"),
    allow(
        dead_code,
        reason = "without the runtime model, only a scalar enum field is kept \
                  (distribution's `ErrorInfo::code`): no lists, sets, maps or Copy structs"
    )
)]

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasher, Hash};
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

use super::spec::Rest;

/// What a field could not hold: see the module documentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kept {
    /// An enum value as written: unknown (`known: false`), or a known value
    /// in another spelling.
    Raw {
        /// The value as it was in the document.
        raw: Value,
        /// The crate reads it as a value of the enum.
        known: bool,
    },
    /// The hidden part of a `Copy` struct.
    Struct(Rest),
    /// Per element, by position in the document's list.
    Items(Vec<(usize, Kept)>),
    /// Per key of a map.
    Entries(Vec<(String, Kept)>),
}

/// A type whose value may not hold all of its JSON: see the module
/// documentation.
pub(crate) trait Keep: Sized {
    /// Reads a value; what it cannot hold goes to `kept` (left `None` when
    /// there is nothing). `Ok(None)`: nothing typed could be read (an
    /// unknown enum value).
    ///
    /// # Errors
    /// The decoder's, for a value of the wrong type where the model needs
    /// one (a struct that is not an object, a list that is not an array).
    fn read<'de, D: Deserializer<'de>>(
        d: D,
        kept: &mut Option<Kept>,
    ) -> Result<Option<Self>, D::Error>;

    /// Writes the value with what was kept for it.
    ///
    /// # Errors
    /// The serializer's.
    fn write<S: Serializer>(&self, kept: Option<&Kept>, s: S) -> Result<S::Ok, S::Error>;

    /// The value to write for an absent optional field, from what was
    /// kept: an unknown scalar value stands in for `None`.
    fn stand_in(kept: Option<&Kept>) -> Option<&Value> {
        let _ = kept;
        None
    }

    /// The value a required field holds when `read` gave nothing.
    fn placeholder() -> Option<Self> {
        None
    }
}

/// A closed string enum (`closed_enum!`): what its [`Keep`] needs.
pub(crate) trait ClosedEnum: Clone + PartialEq + 'static {
    /// The canonical JSON text.
    fn json_str(&self) -> &'static str;
    /// Reads a JSON text as `oci-spec`'s `Deserialize` does.
    fn from_json(s: &str) -> Option<Self>;
    /// The value a required field holds for an unknown value (the
    /// enum's `Default`), if the enum has one.
    const PLACEHOLDER: Option<Self>;
}

/// Reads an enum value: a string the enum knows, or another string kept
/// (anything but a string is a decode error, as in `oci-spec`: the schema
/// refuses it too).
fn read_enum<'de, T: ClosedEnum, D: Deserializer<'de>>(
    d: D,
    kept: &mut Option<Kept>,
) -> Result<Option<T>, D::Error> {
    let text = d.deserialize_str(StrVisitor)?;
    match T::from_json(&text) {
        Some(v) if *text == *v.json_str() => Ok(Some(v)),
        Some(v) => {
            *kept = Some(Kept::Raw {
                raw: Value::String(text.into_owned()),
                known: true,
            });
            Ok(Some(v))
        }
        None => {
            *kept = Some(Kept::Raw {
                raw: Value::String(text.into_owned()),
                known: false,
            });
            Ok(None)
        }
    }
}

/// Writes an enum value, or its kept spelling or stand-in.
fn write_enum<T: ClosedEnum, S: Serializer>(
    v: &T,
    kept: Option<&Kept>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match kept {
        Some(Kept::Raw { raw, known: true })
            if raw.as_str().and_then(T::from_json).as_ref() == Some(v) =>
        {
            serde::Serialize::serialize(raw, s)
        }
        Some(Kept::Raw { raw, known: false }) if T::PLACEHOLDER.as_ref() == Some(v) => {
            serde::Serialize::serialize(raw, s)
        }
        _ => crate::json::plain_str(v.json_str(), s),
    }
}

impl<T: ClosedEnum> Keep for T {
    fn read<'de, D: Deserializer<'de>>(
        d: D,
        kept: &mut Option<Kept>,
    ) -> Result<Option<Self>, D::Error> {
        read_enum(d, kept)
    }

    fn write<S: Serializer>(&self, kept: Option<&Kept>, s: S) -> Result<S::Ok, S::Error> {
        write_enum(self, kept, s)
    }

    fn stand_in(kept: Option<&Kept>) -> Option<&Value> {
        match kept {
            Some(Kept::Raw { raw, known: false }) => Some(raw),
            _ => None,
        }
    }

    fn placeholder() -> Option<Self> {
        T::PLACEHOLDER
    }
}

/// Reads a string, borrowed when the input allows.
struct StrVisitor;

impl<'de> Visitor<'de> for StrVisitor {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

/// Reads one value with [`Keep::read`] (an element of a list or a map).
pub(crate) struct KeepSeed<'a, T> {
    kept: &'a mut Option<Kept>,
    value: PhantomData<T>,
}

impl<'a, T> KeepSeed<'a, T> {
    /// Keeps what the value cannot hold in `*kept`.
    pub(crate) fn new(kept: &'a mut Option<Kept>) -> Self {
        KeepSeed {
            kept,
            value: PhantomData,
        }
    }
}

impl<'de, T: Keep> DeserializeSeed<'de> for KeepSeed<'_, T> {
    type Value = Option<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        T::read(d, self.kept)
    }
}

/// Reads an optional member's value with [`Keep::read`], noting whether it
/// was `null`.
pub(crate) struct KeepOptionSeed<'a, T> {
    null: &'a mut bool,
    kept: &'a mut Option<Kept>,
    value: PhantomData<T>,
}

impl<'a, T> KeepOptionSeed<'a, T> {
    /// Sets `*null` for a `null`; keeps what the value cannot hold in `*kept`.
    pub(crate) fn new(null: &'a mut bool, kept: &'a mut Option<Kept>) -> Self {
        KeepOptionSeed {
            null,
            kept,
            value: PhantomData,
        }
    }
}

impl<'de, T: Keep> DeserializeSeed<'de> for KeepOptionSeed<'_, T> {
    type Value = Option<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, T: Keep> Visitor<'de> for KeepOptionSeed<'_, T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        *self.null = true;
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        *self.null = true;
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        T::read(d, self.kept)
    }
}

/// Writes a field's value with [`Keep::write`] (what the generated
/// `Serialize` of a `#[json(keep)]` field writes).
pub(crate) struct KeptField<'a, T>(pub(crate) &'a T, pub(crate) Option<&'a Kept>);

impl<T: Keep> serde::Serialize for KeptField<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.write(self.1, s)
    }
}

impl<T: Keep> Keep for Option<T> {
    fn read<'de, D: Deserializer<'de>>(
        d: D,
        kept: &mut Option<Kept>,
    ) -> Result<Option<Self>, D::Error> {
        let mut null = false;
        Ok(Some(
            KeepOptionSeed::<T>::new(&mut null, kept).deserialize(d)?,
        ))
    }

    fn write<S: Serializer>(&self, kept: Option<&Kept>, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(v) => v.write(kept, s),
            None => match T::stand_in(kept) {
                Some(raw) => serde::Serialize::serialize(raw, s),
                None => s.serialize_none(),
            },
        }
    }
}

struct SeqVisitor<'a, T>(&'a mut Option<Kept>, PhantomData<T>);

impl<'de, T: Keep> Visitor<'de> for SeqVisitor<'_, T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        let mut items = Vec::new();
        let mut position = 0;
        loop {
            let mut kept = None;
            match seq.next_element_seed(KeepSeed::<T>::new(&mut kept))? {
                None => break,
                Some(Some(v)) => out.push(v),
                Some(None) => {}
            }
            if let Some(k) = kept {
                items.push((position, k));
            }
            position += 1;
        }
        if !items.is_empty() {
            *self.0 = Some(Kept::Items(items));
        }
        Ok(out)
    }
}

impl<T: Keep> Keep for Vec<T> {
    fn read<'de, D: Deserializer<'de>>(
        d: D,
        kept: &mut Option<Kept>,
    ) -> Result<Option<Self>, D::Error> {
        d.deserialize_seq(SeqVisitor(kept, PhantomData)).map(Some)
    }

    fn write<S: Serializer>(&self, kept: Option<&Kept>, s: S) -> Result<S::Ok, S::Error> {
        let Some(Kept::Items(items)) = kept else {
            let mut seq = s.serialize_seq(Some(self.len()))?;
            for v in self {
                seq.serialize_element(&KeptField(v, None))?;
            }
            return seq.end();
        };
        let mut seq = s.serialize_seq(None)?;
        let mut typed = self.iter();
        let mut position = 0;
        let last_kept = items.iter().map(|(p, _)| *p).max().unwrap_or(0);
        loop {
            match items.iter().find(|(p, _)| *p == position) {
                Some((_, Kept::Raw { raw, known: false })) => seq.serialize_element(raw)?,
                k => match typed.next() {
                    Some(v) => seq.serialize_element(&KeptField(v, k.map(|(_, k)| k)))?,
                    None if position > last_kept => break,
                    None => {}
                },
            }
            position += 1;
        }
        seq.end()
    }
}

impl<T: Keep + ClosedEnum + Copy + Hash + Eq, H: BuildHasher + Default> Keep for HashSet<T, H> {
    fn read<'de, D: Deserializer<'de>>(
        d: D,
        kept: &mut Option<Kept>,
    ) -> Result<Option<Self>, D::Error> {
        struct V<T, H>(PhantomData<(T, H)>);
        impl<'de, T: ClosedEnum + Copy + Hash + Eq, H: BuildHasher + Default> Visitor<'de> for V<T, H> {
            type Value = (HashSet<T, H>, Option<Kept>);
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut set = HashSet::with_hasher(H::default());
                // Per element: `None` for a canonical text (nothing to
                // allocate in the usual case), else what was kept.
                let mut raws: Vec<(T, Option<Kept>)> = Vec::new();
                let mut unknown = Vec::new();
                let mut irregular = false;
                loop {
                    let mut kept = None;
                    let Some(v) = seq.next_element_seed(KeepSeed::<T>::new(&mut kept))? else {
                        break;
                    };
                    if let Some(v) = v {
                        irregular |= !set.insert(v) || kept.is_some();
                        raws.push((v, kept));
                    } else {
                        irregular = true;
                        unknown.push((raws.len() + unknown.len(), kept));
                    }
                }
                let kept = irregular.then(|| {
                    // Every element as written, so that duplicates and
                    // spellings come back.
                    let mut items: Vec<(usize, Kept)> = Vec::new();
                    let mut known = raws.into_iter();
                    let mut unknown = unknown.into_iter().peekable();
                    let mut position = 0;
                    loop {
                        if unknown.peek().is_some_and(|(p, _)| *p == position) {
                            if let Some((p, Some(k))) = unknown.next() {
                                items.push((p, k));
                            }
                        } else if let Some((v, k)) = known.next() {
                            items.push((
                                position,
                                k.unwrap_or_else(|| Kept::Raw {
                                    raw: Value::String(v.json_str().to_owned()),
                                    known: true,
                                }),
                            ));
                        } else {
                            break;
                        }
                        position += 1;
                    }
                    // A set has no order: the kept elements are held in
                    // text order, so that equal sets compare equal however
                    // their documents ordered them.
                    let text = |k: &Kept| match k {
                        Kept::Raw { raw, .. } => raw.as_str().map(str::to_owned),
                        _ => None,
                    };
                    items.sort_by_cached_key(|(_, k)| text(k));
                    for (i, item) in items.iter_mut().enumerate() {
                        item.0 = i;
                    }
                    Kept::Items(items)
                });
                Ok((set, kept))
            }
        }
        let (set, k) = d.deserialize_seq(V::<T, H>(PhantomData))?;
        *kept = k;
        Ok(Some(set))
    }

    fn write<'k, S: Serializer>(&self, kept: Option<&'k Kept>, s: S) -> Result<S::Ok, S::Error> {
        // Every element as text (a kept spelling while the set still holds
        // its value), sorted; unknown elements among them.
        let mut out: Vec<&Value> = Vec::new();
        let mut canonical: Vec<&'static str> = Vec::new();
        let items: &[(usize, Kept)] = match kept {
            Some(Kept::Items(items)) => items,
            _ => &[],
        };
        for v in self {
            let mut spelled = false;
            for (_, k) in items {
                if let Kept::Raw { raw, known: true } = k {
                    if raw.as_str().and_then(T::from_json) == Some(*v) {
                        out.push(raw);
                        spelled = true;
                    }
                }
            }
            if !spelled {
                canonical.push(v.json_str());
            }
        }
        for (_, k) in items {
            if let Kept::Raw { raw, known: false } = k {
                out.push(raw);
            }
        }
        let mut all: Vec<(&'k str, Option<&'k Value>)> =
            canonical.into_iter().map(|c| (c, None)).collect();
        all.extend(
            out.into_iter()
                .map(|v| (v.as_str().unwrap_or("\u{10ffff}"), Some(v))),
        );
        all.sort_by(|a, b| a.0.cmp(b.0));
        let mut seq = s.serialize_seq(Some(all.len()))?;
        for (text, raw) in all {
            match raw {
                Some(raw) => seq.serialize_element(raw)?,
                None => seq.serialize_element(&Plain(text))?,
            }
        }
        seq.end()
    }
}

/// A string from an enum's table (needs no escaping).
struct Plain<'a>(&'a str);

impl serde::Serialize for Plain<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::json::plain_str(self.0, s)
    }
}

impl<T: Keep, H: BuildHasher + Default> Keep for HashMap<String, T, H> {
    fn read<'de, D: Deserializer<'de>>(
        d: D,
        kept: &mut Option<Kept>,
    ) -> Result<Option<Self>, D::Error> {
        struct V<'a, T, H>(&'a mut Option<Kept>, PhantomData<(T, H)>);
        impl<'de, T: Keep, H: BuildHasher + Default> Visitor<'de> for V<'_, T, H> {
            type Value = HashMap<String, T, H>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = HashMap::with_hasher(H::default());
                let mut entries: Vec<(String, Option<Kept>)> = Vec::new();
                // Where each key's kept part is: a key read again (the
                // reader let its last value count) drops the earlier one.
                let mut at: HashMap<String, usize> = HashMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let mut kept = None;
                    let v = map.next_value_seed(KeepSeed::<T>::new(&mut kept))?;
                    if !at.is_empty() {
                        if let Some(&i) = at.get(&key) {
                            entries[i].1 = None;
                        }
                    }
                    if let Some(k) = kept {
                        at.insert(key.clone(), entries.len());
                        entries.push((key.clone(), Some(k)));
                    }
                    match v {
                        Some(v) => {
                            out.insert(key, v);
                        }
                        None => {
                            out.remove(&key);
                        }
                    }
                }
                let mut entries: Vec<(String, Kept)> = entries
                    .into_iter()
                    .filter_map(|(k, v)| v.map(|v| (k, v)))
                    .collect();
                // In key order (keys are unique by now): values compare
                // equal whatever order the document listed the keys in, and
                // the writer finds a key's entry by binary search.
                entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                if !entries.is_empty() {
                    *self.0 = Some(Kept::Entries(entries));
                }
                Ok(out)
            }
        }
        d.deserialize_map(V::<T, H>(kept, PhantomData)).map(Some)
    }

    fn write<S: Serializer>(&self, kept: Option<&Kept>, s: S) -> Result<S::Ok, S::Error> {
        let entries: &[(String, Kept)] = match kept {
            Some(Kept::Entries(e)) => e,
            _ => &[],
        };
        let find = |key: &str| {
            entries
                .binary_search_by(|(k, _)| k.as_str().cmp(key))
                .ok()
                .map(|i| &entries[i].1)
        };
        let mut keys: Vec<&String> = self.keys().collect();
        for (k, v) in entries {
            if !self.contains_key(k) && T::stand_in(Some(v)).is_some() {
                keys.push(k);
            }
        }
        keys.sort();
        keys.dedup();
        let mut m = s.serialize_map(Some(keys.len()))?;
        for k in keys {
            match self.get(k) {
                Some(v) => m.serialize_entry(k, &KeptField(v, find(k)))?,
                None => {
                    if let Some(raw) = T::stand_in(find(k)) {
                        m.serialize_entry(k, raw)?;
                    }
                }
            }
        }
        m.end()
    }
}

/// One unknown value kept in a struct's hidden part, where it is.
pub(crate) struct UnknownValue<'a> {
    /// The member names from the struct down to the value (the last one
    /// names the enum-typed member).
    pub(crate) names: Vec<&'static str>,
    /// The JSON path below the struct.
    pub(crate) path: Vec<PathPart<'a>>,
    /// The value as written.
    pub(crate) value: &'a Value,
}

/// One step of an [`UnknownValue`]'s path.
#[derive(Clone, Copy)]
pub(crate) enum PathPart<'a> {
    /// An object member.
    Field(&'static str),
    /// An array element.
    Index(usize),
    /// A map entry.
    Key(&'a str),
}

/// Every unknown value kept in `rest` and, below it, in the hidden parts of
/// `Copy` structs.
pub(crate) fn unknown_values(rest: &Rest) -> Vec<UnknownValue<'_>> {
    let mut out = Vec::new();
    let mut names = Vec::new();
    let mut path = Vec::new();
    walk_rest(rest, &mut names, &mut path, &mut out);
    out
}

fn walk_rest<'a>(
    rest: &'a Rest,
    names: &mut Vec<&'static str>,
    path: &mut Vec<PathPart<'a>>,
    out: &mut Vec<UnknownValue<'a>>,
) {
    for (name, kept) in rest.kept_list() {
        names.push(name);
        path.push(PathPart::Field(name));
        walk(kept, names, path, out);
        path.pop();
        names.pop();
    }
}

fn walk<'a>(
    kept: &'a Kept,
    names: &mut Vec<&'static str>,
    path: &mut Vec<PathPart<'a>>,
    out: &mut Vec<UnknownValue<'a>>,
) {
    match kept {
        Kept::Raw { raw, known: false } => out.push(UnknownValue {
            names: names.clone(),
            path: path.clone(),
            value: raw,
        }),
        Kept::Raw { known: true, .. } => {}
        Kept::Struct(rest) => walk_rest(rest, names, path, out),
        Kept::Items(items) => {
            for (p, k) in items {
                path.push(PathPart::Index(*p));
                walk(k, names, path, out);
                path.pop();
            }
        }
        Kept::Entries(entries) => {
            for (key, k) in entries {
                path.push(PathPart::Key(key));
                walk(k, names, path, out);
                path.pop();
            }
        }
    }
}

/// Reports every unknown value kept in `rest` (see [`unknown_values`]) at
/// its JSON path: `rule` gives, from the member names down to the value
/// and the value,
/// the rule and the words for what the value is (`"capability"`), or
/// `None` to say nothing.
pub(crate) fn report_unknown_values(
    c: &mut crate::validate::Checker,
    rest: &Rest,
    rule: impl Fn(&[&'static str], &Value) -> Option<(&'static crate::validate::Rule, &'static str)>,
) {
    for u in unknown_values(rest) {
        let Some((rule, what)) = rule(&u.names, u.value) else {
            continue;
        };
        let text = match u.value {
            Value::String(s) => crate::validate::quote(s),
            other => other.to_string(),
        };
        let message = format!("{what} {text} is not one this crate knows");
        at(c, &u.path, &mut |c| c.report(rule, message.clone()));
    }
}

fn at(
    c: &mut crate::validate::Checker,
    path: &[PathPart<'_>],
    f: &mut dyn FnMut(&mut crate::validate::Checker),
) {
    match path.split_first() {
        None => f(c),
        Some((PathPart::Field(n), rest)) => c.field(n, |c| at(c, rest, f)),
        Some((PathPart::Index(i), rest)) => c.index(*i, |c| at(c, rest, f)),
        Some((PathPart::Key(k), rest)) => c.key(k, |c| at(c, rest, f)),
    }
}

/// The enum `value` of member `name` is the stand-in for an unknown value
/// kept in `rest` (the value decoding put there, not one the document or
/// the user gave).
pub(crate) fn stands_in<T: ClosedEnum>(rest: &Rest, name: &str, value: T) -> bool {
    matches!(rest.kept(name), Some(Kept::Raw { known: false, .. })) && T::PLACEHOLDER == Some(value)
}

/// The enum `value` of member `name` of the `Copy` struct at `position` of
/// a kept list is the stand-in for an unknown value (`rlimits[i].type`).
pub(crate) fn item_member_unknown<T: ClosedEnum + Copy>(
    kept: Option<&Kept>,
    position: usize,
    name: &str,
    value: T,
) -> bool {
    let Some(Kept::Items(items)) = kept else {
        return false;
    };
    items.iter().any(|(p, k)| {
        *p == position && matches!(k, Kept::Struct(rest) if stands_in(rest, name, value))
    })
}

/// Reports every REQUIRED member that was absent (read as its default, as
/// `oci-spec` reads it: `#[json(default, omit_absent)]`) in `rest` and, below
/// it, in the hidden parts of `Copy` structs, at its JSON path; `skip`
/// leaves out the members the caller reports itself.
pub(crate) fn report_absent_members(
    c: &mut crate::validate::Checker,
    rest: &Rest,
    rule: &'static crate::validate::Rule,
    skip: &[&str],
) {
    for name in rest.absent_names() {
        if !skip.contains(name) {
            c.report_at(
                name,
                rule,
                format!("REQUIRED member {name} is absent (read as its default)"),
            );
        }
    }
    for (name, kept) in rest.kept_list() {
        c.field(name, |c| absent_in(c, kept, rule));
    }
}

fn absent_in(c: &mut crate::validate::Checker, kept: &Kept, rule: &'static crate::validate::Rule) {
    match kept {
        Kept::Raw { .. } => {}
        Kept::Struct(rest) => report_absent_members(c, rest, rule, &[]),
        Kept::Items(items) => {
            for (p, k) in items {
                c.index(*p, |c| absent_in(c, k, rule));
            }
        }
        Kept::Entries(entries) => {
            for (key, k) in entries {
                c.key(key, |c| absent_in(c, k, rule));
            }
        }
    }
}
