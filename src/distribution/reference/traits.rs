//! The standard and serde traits of [`Reference`]: it prints, compares and
//! hashes as its text, and reads through [`Reference::parse`].

use std::fmt;
use std::str::FromStr;

use super::Reference;
use crate::error::ParseError;

impl fmt::Debug for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut t = f.debug_tuple("Reference");
        t.field(&self.as_str());
        if let Some(m) = &self.mirror_registry {
            t.field(&format_args!("mirror {m}"));
        }
        t.finish()
    }
}

/// The reference as written.
impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl AsRef<str> for Reference {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl PartialEq for Reference {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.mirror_registry == other.mirror_registry
    }
}

impl Eq for Reference {}

impl PartialEq<str> for Reference {
    fn eq(&self, other: &str) -> bool {
        &*self.text == other
    }
}

impl PartialEq<&str> for Reference {
    fn eq(&self, other: &&str) -> bool {
        &*self.text == *other
    }
}

impl PartialOrd for Reference {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Reference {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (&self.text, &self.mirror_registry).cmp(&(&other.text, &other.mirror_registry))
    }
}

impl std::hash::Hash for Reference {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
        self.mirror_registry.hash(state);
    }
}

/// The error is [`crate::distribution::ParseError`], as in `oci-spec`;
/// `?` converts it into [`crate::OciSpecError`].
impl FromStr for Reference {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<&str> for Reference {
    type Error = ParseError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Reference {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Reference> for String {
    fn from(r: Reference) -> String {
        r.text.into_string()
    }
}

/// Writes the reference as its string.
impl serde::Serialize for Reference {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Validated: the reference grammar has nothing JSON escapes.
        crate::json::plain_str(&self.text, s)
    }
}

/// Reads a string and validates it.
impl<'de> serde::Deserialize<'de> for Reference {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Reference;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an image reference string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Reference, E> {
                Reference::parse(s).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}
