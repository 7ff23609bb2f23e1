//! The checking reader of JSON the crate reads but does not keep (an unknown
//! member of a `Copy` struct, a member of a reference object `oci-spec`
//! ignores, the rest of a document whose decoding already failed).
//!
//! serde's `IgnoredAny` must not be used for that: serde_json skips such a
//! value without checking its strings (invalid UTF-8 and lone surrogate
//! escapes pass) or its numbers (`1e400` passes), and without its nesting
//! limit (a million nested arrays pass). [`Checked`] reads the value the way
//! a kept value is read: every string through the deserializer's own string
//! path (which checks UTF-8 and escapes), every number parsed, every array
//! and object through the deserializer's own `deserialize_any` (which counts
//! nesting from the top of the document: serde_json's limit of 128 levels).
//! It keeps nothing and allocates nothing (serde_json reads escaped strings
//! into its own scratch buffer).
//!
//! It also counts the levels it enters itself, and refuses the 128th, so
//! that a deserializer without a nesting limit of its own cannot make it
//! recurse without bound; under serde_json, whose count starts at the top of
//! the document, that limit is always met first.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// The nesting limit: serde_json's (the document itself is the first level).
const MAX_DEPTH: u16 = 128;

/// Reads any JSON value, checking it as a kept value is checked, and keeps
/// nothing: `map.next_value_seed(Checked::new())` where serde code would
/// write `map.next_value::<IgnoredAny>()`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Checked {
    /// The levels of arrays and objects this value is inside of, counted
    /// from where the check started.
    depth: u16,
}

impl Checked {
    /// A check of one value.
    pub(crate) const fn new() -> Self {
        Checked { depth: 0 }
    }

    /// One level further in, or the nesting error.
    fn deeper<E: de::Error>(self) -> Result<Self, E> {
        let depth = self.depth + 1;
        if depth >= MAX_DEPTH {
            return Err(E::custom("recursion limit exceeded"));
        }
        Ok(Checked { depth })
    }
}

impl<'de> DeserializeSeed<'de> for Checked {
    type Value = ();

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Checked {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        Ok(())
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    // Strings reach the visitor only once the deserializer has decoded them
    // (UTF-8, escapes, surrogate pairs), as for a kept string.
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_borrowed_str<E: de::Error>(self, _: &'de str) -> Result<(), E> {
        Ok(())
    }
    fn visit_string<E: de::Error>(self, _: String) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let inner = self.deeper()?;
        while seq.next_element_seed(inner)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let inner = self.deeper()?;
        // A member name is a string: read as one, so it is checked as one.
        while map.next_key_seed(inner)?.is_some() {
            map.next_value_seed(inner)?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
mod tests {
    use super::*;

    fn check(text: &[u8]) -> Result<(), serde_json::Error> {
        let mut de = serde_json::Deserializer::from_slice(text);
        Checked::new().deserialize(&mut de)?;
        de.end()
    }

    #[test]
    fn reads_what_serde_json_reads_as_a_value() {
        for text in [
            &b"null"[..],
            b"true",
            b"-0",
            b"18446744073709551616",
            b"1.5e300",
            br#""a\u00e9\ud83d\ude00\n""#,
            br#"{"a":[1,{"b":{}}],"":null}"#,
            "\"\u{e9}\"".as_bytes(),
        ] {
            assert!(check(text).is_ok(), "{}", String::from_utf8_lossy(text));
            assert!(serde_json::from_slice::<serde_json::Value>(text).is_ok());
        }
    }

    #[test]
    fn refuses_what_serde_json_refuses_as_a_value() {
        let deep = format!("{}{}", "[".repeat(128), "]".repeat(128));
        let mut bad: Vec<Vec<u8>> = vec![
            b"\"\xFF\"".to_vec(),
            br#"{"\xFF":1}"#.to_vec(),
            br#""\ud800""#.to_vec(),
            br#""\udc00x""#.to_vec(),
            br#"{"\ud800":1}"#.to_vec(),
            b"1e400".to_vec(),
            b"\"\x01\"".to_vec(),
            br#""\x""#.to_vec(),
            b"[1,]".to_vec(),
            deep.into_bytes(),
        ];
        bad.push(format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000)).into_bytes());
        for text in bad {
            let shown = String::from_utf8_lossy(&text[..text.len().min(40)]).into_owned();
            let e = check(&text).expect_err(&shown);
            let v = serde_json::from_slice::<serde_json::Value>(&text).expect_err(&shown);
            assert_eq!(e.to_string(), v.to_string(), "{shown}");
        }
    }

    #[test]
    fn counts_levels_under_a_deserializer_without_a_limit() {
        // A serde_json::Value, as a deserializer, has no nesting limit.
        let nested = |levels: usize| {
            let mut v = serde_json::Value::Null;
            for _ in 0..levels {
                v = serde_json::Value::Array(vec![v]);
            }
            v
        };
        let e = Checked::new().deserialize(&nested(200)).unwrap_err();
        assert!(e.to_string().contains("recursion limit exceeded"), "{e}");
        Checked::new().deserialize(&nested(127)).unwrap();
    }
}
