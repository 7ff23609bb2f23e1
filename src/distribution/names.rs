//! Repository names and tags: [distribution-spec v1.1.1, spec.md "Pulling
//! manifests"](https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md#pulling-manifests).
//!
//! ```text
//! <name>  [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*
//! tag     [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}
//! ```
//!
//! Both grammars are checked byte by byte (no regex).

use std::fmt;
use std::str::FromStr;

use crate::error::{ModelError, ParseError, ParseErrorKind};

/// The longest tag the spec allows, in characters.
pub const TAG_MAX_LENGTH: usize = 128;

/// Checks `s` against the repository-name grammar; returns what was expected
/// when it does not match.
pub(crate) fn check_repository_name(s: &str) -> Result<(), &'static str> {
    if s.is_empty() {
        return Err("at least one path component of lowercase letters and digits");
    }
    for component in s.split('/') {
        check_path_component(component.as_bytes())?;
    }
    Ok(())
}

/// Checks one path component: `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`.
fn check_path_component(c: &[u8]) -> Result<(), &'static str> {
    if c.is_empty() {
        return Err("no empty path component (no leading, trailing or double \"/\")");
    }
    let mut i = 0;
    while i < c.len() {
        let b = c[i];
        if b.is_ascii_lowercase() || b.is_ascii_digit() {
            i += 1;
            continue;
        }
        if b.is_ascii_uppercase() {
            return Err("lowercase letters only (no uppercase)");
        }
        if !matches!(b, b'.' | b'_' | b'-') {
            return Err(
                "only lowercase letters, digits, separators \".\", \"_\", \"__\", \"-\" and \"/\"",
            );
        }
        // A run of separator characters.
        let start = i;
        while i < c.len() && matches!(c[i], b'.' | b'_' | b'-') {
            i += 1;
        }
        let run = &c[start..i];
        let ok = matches!(run, b"." | b"_" | b"__") || run.iter().all(|&b| b == b'-');
        if !ok {
            return Err(
                "one separator between alphanumerics: \".\", \"_\", \"__\" or a run of \"-\"",
            );
        }
        if start == 0 || i == c.len() {
            return Err("path components that begin and end with a lowercase letter or digit");
        }
    }
    Ok(())
}

/// Checks `s` against the tag grammar; returns what was expected when it
/// does not match.
pub(crate) fn check_tag(s: &str) -> Result<(), &'static str> {
    let bytes = s.as_bytes();
    let Some(&first) = bytes.first() else {
        return Err("at least one character");
    };
    if !(first.is_ascii_alphanumeric() || first == b'_') {
        return Err("a first character that is an ASCII letter, digit or \"_\"");
    }
    if !bytes[1..]
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
    {
        return Err("only ASCII letters, digits, \"_\", \".\" and \"-\"");
    }
    if bytes.len() > TAG_MAX_LENGTH {
        return Err("at most 128 characters");
    }
    Ok(())
}

macro_rules! name_newtype {
    (
        $(#[$meta:meta])*
        $name:ident, $kind:expr, $check:path, $expecting:literal
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Box<str>);

        impl $name {
            #[doc = concat!("Parses and validates a [`", stringify!($name), "`]; the one")]
            /// constructor `FromStr`, `TryFrom` and serde use.
            ///
            /// # Errors
            #[doc = concat!("[`ParseError`] of kind [`", stringify!($kind), "`] naming the")]
            /// part of the grammar that `s` breaks.
            pub fn parse(s: &str) -> Result<Self, ParseError> {
                $check(s).map_err(|e| ParseError::new($kind, s, e))?;
                Ok(Self(s.into()))
            }

            fn parse_owned(s: String) -> Result<Self, ParseError> {
                match $check(&s) {
                    Ok(()) => Ok(Self(s.into_boxed_str())),
                    Err(e) => Err(ParseError::new($kind, s, e)),
                }
            }

            /// The text, as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.as_str()).finish()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                &*self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                &*self.0 == *other
            }
        }

        impl FromStr for $name {
            type Err = ModelError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::parse(s)?)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = ModelError;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                Ok(Self::parse(s)?)
            }
        }

        impl TryFrom<String> for $name {
            type Error = ModelError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Ok(Self::parse_owned(s)?)
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0.into_string()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                // Validated: the name grammars have nothing JSON escapes.
                crate::json::plain_str(&self.0, s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<$name, E> {
                        $name::parse(s).map_err(E::custom)
                    }
                    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<$name, E> {
                        $name::parse_owned(s).map_err(E::custom)
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}

name_newtype! {
    /// A validated repository name (`<name>` in the API paths), such as
    /// `library/busybox` or `my-org/tools/app`.
    ///
    /// It MUST match
    /// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*`:
    /// `/`-separated components of lowercase letters and digits joined by
    /// `.`, `_`, `__` or a run of `-`. The spec sets no length limit (clients
    /// commonly cap registry + `/` + name at 255 characters; see
    /// [`crate::distribution::Reference`]).
    ///
    /// ```
    /// use oci_model::distribution::RepositoryName;
    ///
    /// let name: RepositoryName = "my-org/app__v2".parse()?;
    /// assert_eq!(name.as_str(), "my-org/app__v2");
    /// assert!("My-Org/app".parse::<RepositoryName>().is_err());
    /// # Ok::<(), oci_model::ModelError>(())
    /// ```
    RepositoryName, ParseErrorKind::RepositoryName, check_repository_name,
    "a repository name string"
}

name_newtype! {
    /// A validated tag, such as `latest` or `v1.2.3_rc-1`.
    ///
    /// It MUST match `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`: at most 128
    /// characters, not starting with `.` or `-`.
    ///
    /// ```
    /// use oci_model::distribution::Tag;
    ///
    /// let tag: Tag = "v1.0".parse()?;
    /// assert_eq!(tag, "v1.0");
    /// assert!("-x".parse::<Tag>().is_err());
    /// # Ok::<(), oci_model::ModelError>(())
    /// ```
    Tag, ParseErrorKind::Tag, check_tag, "a tag string"
}

impl Tag {
    /// Wraps text already checked against the grammar.
    pub(crate) fn from_checked(s: &str) -> Self {
        Self(s.into())
    }
}

impl RepositoryName {
    /// Wraps text already checked against the grammar.
    pub(crate) fn from_checked(s: &str) -> Self {
        Self(s.into())
    }

    /// The `/`-separated path components.
    pub fn components(&self) -> std::str::Split<'_, char> {
        self.0.split('/')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_names() {
        for s in [
            "a",
            "library/busybox",
            "a.b_c__d---e/f0",
            "0/1/2",
            "my-org/tools/app",
        ] {
            assert!(RepositoryName::parse(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn invalid_names() {
        for (s, expected) in [
            ("", "at least one path component"),
            ("Foo", "lowercase letters only"),
            ("a//b", "no empty path component"),
            ("/a", "no empty path component"),
            ("a/", "no empty path component"),
            ("a___b", "one separator"),
            ("a._b", "one separator"),
            ("a-_b", "one separator"),
            ("-a", "begin and end"),
            ("a.", "begin and end"),
            ("a b", "only lowercase letters"),
            ("a:b", "only lowercase letters"),
        ] {
            let e = RepositoryName::parse(s).unwrap_err();
            assert!(e.expected().contains(expected), "{s}: {e}");
            assert_eq!(e.kind(), ParseErrorKind::RepositoryName);
        }
    }

    #[test]
    fn name_message() {
        let e = RepositoryName::parse("Foo/bar").unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"invalid repository name "Foo/bar": expected lowercase letters only (no uppercase)"#
        );
    }

    #[test]
    fn tags() {
        for s in ["a", "_", "0", "A.b-c_D", &"x".repeat(128)] {
            assert!(Tag::parse(s).is_ok(), "{s}");
        }
        for (s, expected) in [
            ("", "at least one character"),
            (".a", "a first character"),
            ("-a", "a first character"),
            ("a:b", "only ASCII letters"),
            ("a/b", "only ASCII letters"),
            ("ä", "a first character"),
            (&"x".repeat(129), "at most 128 characters"),
        ] {
            let e = Tag::parse(s).unwrap_err();
            assert!(e.expected().contains(expected), "{s}: {e}");
        }
    }

    #[test]
    fn serde() {
        let t: Tag = serde_json::from_str("\"v1\"").unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"v1\"");
        let e = serde_json::from_str::<Tag>("\".v1\"").unwrap_err();
        assert!(e.to_string().contains("invalid tag \".v1\""), "{e}");
        let n: RepositoryName = serde_json::from_str("\"a/b\"").unwrap();
        assert_eq!(n.components().collect::<Vec<_>>(), ["a", "b"]);
    }
}
