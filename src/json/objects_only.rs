//! A deserializer adapter under which a struct decodes from a JSON object
//! only.
//!
//! serde's derived `Deserialize` for a struct also accepts a sequence, its
//! fields by position, and serde_json hands it one for JSON `[`: so
//! `"config": ["application/vnd.oci.image.config.v1+json", "sha256:…", 7]`
//! would decode as a descriptor, and `"linux": []` as an empty `Linux`.
//! Every schema of the three specs says "object" there. This adapter wraps
//! the deserializer, and every deserializer serde hands on below it (map
//! values, sequence elements, `Option` contents, enum variants), and turns a
//! sequence met where a struct is expected into the error
//! `invalid type: sequence, expected struct X`.
//!
//! It is also where repeated member names are found (see `repeated`): each
//! object's reader remembers the names it read (borrowed from the input
//! when they have no escapes) and refuses a repeat, or, with
//! [`RepeatedNames::KeepLast`], lets the model read the last value and
//! records the repeat at its JSON pointer. Only that mode tracks the path;
//! the default mode's error is located by `io` as every decode error is.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};

use super::repeated::{self, DecodeOptions, MARK, RepeatedNames, Seen, Step};
use crate::validate::{Violation, quote};

/// What one decoding does with repeated names, and, with
/// [`RepeatedNames::KeepLast`], where it is and what it found.
pub(crate) struct Reading {
    keep_last: bool,
    track: RefCell<Track>,
}

#[derive(Default)]
struct Track {
    /// The path of the value being read (kept only with `keep_last`).
    steps: Vec<OwnedStep>,
    /// The name of the member whose value is read next (`keep_last`).
    key: Option<String>,
    repeats: Vec<Violation>,
}

enum OwnedStep {
    Key(String),
    Index(usize),
}

impl Reading {
    /// A reading with `options`.
    pub(crate) fn new(options: DecodeOptions) -> Self {
        Reading {
            keep_last: options.get_repeated_names() == RepeatedNames::KeepLast,
            track: RefCell::default(),
        }
    }

    /// The repeats found (with [`RepeatedNames::KeepLast`]), in document
    /// order.
    pub(crate) fn into_repeats(self) -> Vec<Violation> {
        self.track.into_inner().repeats
    }

    /// Reads a value one step further down the path.
    fn within<R>(&self, step: OwnedStep, read: impl FnOnce() -> R) -> R {
        self.track.borrow_mut().steps.push(step);
        let out = read();
        self.track.borrow_mut().steps.pop();
        out
    }

    /// `name` is repeated in the object being read.
    fn repeat<E: de::Error>(&self, name: &str) -> Result<(), E> {
        if !self.keep_last {
            return Err(E::custom(format_args!("{MARK}{}", quote(name))));
        }
        let mut track = self.track.borrow_mut();
        let steps: Vec<Step<'_>> = track
            .steps
            .iter()
            .map(|s| match s {
                OwnedStep::Key(k) => Step::Key(k),
                OwnedStep::Index(i) => Step::Index(*i),
            })
            .collect();
        let warning = repeated::kept_last(name, &steps);
        track.repeats.push(warning);
        Ok(())
    }
}

/// Wraps a deserializer; see the module documentation.
pub(crate) struct ObjectsOnly<'r, D> {
    de: D,
    reading: &'r Reading,
}

impl<'r, D> ObjectsOnly<'r, D> {
    /// Reads `de` as `reading` says.
    pub(crate) fn new(de: D, reading: &'r Reading) -> Self {
        ObjectsOnly { de, reading }
    }
}

/// Wraps a visitor; `object` when it is a struct's (a sequence is refused).
struct Wrap<'r, V> {
    visitor: V,
    object: bool,
    reading: &'r Reading,
}

macro_rules! forward_deserialize {
    ($($method:ident),+) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            let reading = self.reading;
            self.de.$method(Wrap { visitor, object: false, reading })
        }
    )+};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectsOnly<'_, D> {
    type Error = D::Error;

    forward_deserialize!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier,
        deserialize_ignored_any
    );

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let reading = self.reading;
        self.de.deserialize_unit_struct(
            name,
            Wrap {
                visitor,
                object: false,
                reading,
            },
        )
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let reading = self.reading;
        self.de.deserialize_newtype_struct(
            name,
            Wrap {
                visitor,
                object: false,
                reading,
            },
        )
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let reading = self.reading;
        self.de.deserialize_tuple(
            len,
            Wrap {
                visitor,
                object: false,
                reading,
            },
        )
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let reading = self.reading;
        self.de.deserialize_tuple_struct(
            name,
            len,
            Wrap {
                visitor,
                object: false,
                reading,
            },
        )
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let reading = self.reading;
        self.de.deserialize_struct(
            name,
            fields,
            Wrap {
                visitor,
                object: true,
                reading,
            },
        )
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let reading = self.reading;
        self.de.deserialize_enum(
            name,
            variants,
            Wrap {
                visitor,
                object: false,
                reading,
            },
        )
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty)),+) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.visitor.$method(v)
        }
    )+};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    forward_visit!(
        visit_bool(bool),
        visit_i8(i8),
        visit_i16(i16),
        visit_i32(i32),
        visit_i64(i64),
        visit_i128(i128),
        visit_u8(u8),
        visit_u16(u16),
        visit_u32(u32),
        visit_u64(u64),
        visit_u128(u128),
        visit_f32(f32),
        visit_f64(f64),
        visit_char(char),
        visit_str(&str),
        visit_borrowed_str(&'de str),
        visit_string(String),
        visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]),
        visit_byte_buf(Vec<u8>)
    );

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(ObjectsOnly::new(d, self.reading))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.visitor
            .visit_newtype_struct(ObjectsOnly::new(d, self.reading))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        if self.object {
            return Err(de::Error::invalid_type(Unexpected::Seq, &self.visitor));
        }
        self.visitor.visit_seq(Seq {
            access: seq,
            reading: self.reading,
            index: 0,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(Map {
            access: map,
            reading: self.reading,
            seen: Seen::new(),
        })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(Enum {
            data,
            reading: self.reading,
        })
    }
}

/// Wraps the seed of a map value, sequence element or variant.
struct Seed<'r, S> {
    seed: S,
    reading: &'r Reading,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, S> {
    type Value = S::Value;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(ObjectsOnly::new(d, self.reading))
    }
}

struct Seq<'r, A> {
    access: A,
    reading: &'r Reading,
    index: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<'_, A> {
    type Error = A::Error;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        let reading = self.reading;
        let seed = Seed { seed, reading };
        if !reading.keep_last {
            return self.access.next_element_seed(seed);
        }
        let index = self.index;
        self.index += 1;
        let seq = &mut self.access;
        reading.within(OwnedStep::Index(index), || seq.next_element_seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.access.size_hint()
    }
}

struct Map<'r, 'de, A> {
    access: A,
    reading: &'r Reading,
    seen: Seen<'de>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<'_, 'de, A> {
    type Error = A::Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let mut name = None;
        let key = self.access.next_key_seed(KeySeed {
            seed,
            name: &mut name,
        })?;
        if let Some(name) = name {
            if self.reading.keep_last {
                self.reading.track.borrow_mut().key = Some(name.clone().into_owned());
            }
            if !self.seen.insert(Cow::clone(&name)) {
                self.reading.repeat(&name)?;
            }
        }
        Ok(key)
    }

    #[inline]
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        let reading = self.reading;
        let seed = Seed { seed, reading };
        if !reading.keep_last {
            return self.access.next_value_seed(seed);
        }
        let key = reading.track.borrow_mut().key.take().unwrap_or_default();
        let map = &mut self.access;
        reading.within(OwnedStep::Key(key), || map.next_value_seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.access.size_hint()
    }
}

/// Reads a member name and keeps its text in `name` (borrowed from the
/// input when the deserializer lends it).
struct KeySeed<'k, 'de, S> {
    seed: S,
    name: &'k mut Option<Cow<'de, str>>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, 'de, S> {
    type Value = S::Value;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(KeyDe {
            de: d,
            name: self.name,
        })
    }
}

/// The deserializer of a member name, which shows the name's text to
/// [`KeyVisitor`] on its way to the model's visitor.
struct KeyDe<'k, 'de, D> {
    de: D,
    name: &'k mut Option<Cow<'de, str>>,
}

macro_rules! forward_key_deserialize {
    ($($method:ident),+) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.de.$method(KeyVisitor { visitor, name: self.name })
        }
    )+};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyDe<'_, 'de, D> {
    type Error = D::Error;

    forward_key_deserialize!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier,
        deserialize_ignored_any
    );

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_unit_struct(
            name,
            KeyVisitor {
                visitor,
                name: self.name,
            },
        )
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_newtype_struct(
            name,
            KeyVisitor {
                visitor,
                name: self.name,
            },
        )
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_tuple(
            len,
            KeyVisitor {
                visitor,
                name: self.name,
            },
        )
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_tuple_struct(
            name,
            len,
            KeyVisitor {
                visitor,
                name: self.name,
            },
        )
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_struct(
            name,
            fields,
            KeyVisitor {
                visitor,
                name: self.name,
            },
        )
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_enum(
            name,
            variants,
            KeyVisitor {
                visitor,
                name: self.name,
            },
        )
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// Keeps the text of a member name, and hands it on.
struct KeyVisitor<'k, 'de, V> {
    visitor: V,
    name: &'k mut Option<Cow<'de, str>>,
}

macro_rules! forward_key_visit {
    ($($method:ident($ty:ty)),+) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            *self.name = Some(Cow::Owned(v.to_string()));
            self.visitor.$method(v)
        }
    )+};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    // A name read as a number or a boolean (a map with such keys): its text.
    forward_key_visit!(
        visit_bool(bool),
        visit_i8(i8),
        visit_i16(i16),
        visit_i32(i32),
        visit_i64(i64),
        visit_i128(i128),
        visit_u8(u8),
        visit_u16(u16),
        visit_u32(u32),
        visit_u64(u64),
        visit_u128(u128),
        visit_f32(f32),
        visit_f64(f64),
        visit_char(char),
        visit_str(&str)
    );

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        *self.name = Some(Cow::Borrowed(v));
        self.visitor.visit_borrowed_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        *self.name = Some(Cow::Owned(v.clone()));
        self.visitor.visit_string(v)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        *self.name = Some(String::from_utf8_lossy(v).into_owned().into());
        self.visitor.visit_bytes(v)
    }

    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<V::Value, E> {
        *self.name = Some(String::from_utf8_lossy(v));
        self.visitor.visit_borrowed_bytes(v)
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<V::Value, E> {
        *self.name = Some(String::from_utf8_lossy(&v).into_owned().into());
        self.visitor.visit_byte_buf(v)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(KeyDe {
            de: d,
            name: self.name,
        })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_newtype_struct(KeyDe {
            de: d,
            name: self.name,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(map)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(data)
    }
}

struct Enum<'r, A> {
    data: A,
    reading: &'r Reading,
}

impl<'r, 'de, A: EnumAccess<'de>> EnumAccess<'de> for Enum<'r, A> {
    type Error = A::Error;
    type Variant = Variant<'r, A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        let reading = self.reading;
        let (value, variant) = self.data.variant_seed(Seed { seed, reading })?;
        Ok((value, Variant { variant, reading }))
    }
}

struct Variant<'r, A> {
    variant: A,
    reading: &'r Reading,
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Variant<'_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.variant.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        let reading = self.reading;
        self.variant.newtype_variant_seed(Seed { seed, reading })
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        let reading = self.reading;
        self.variant.tuple_variant(
            len,
            Wrap {
                visitor,
                object: false,
                reading,
            },
        )
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let reading = self.reading;
        self.variant.struct_variant(
            fields,
            Wrap {
                visitor,
                object: true,
                reading,
            },
        )
    }
}
