//! The standard and serde traits of [`Reference`], as `oci-spec` has them:
//! it prints its full form, compares and hashes by its parts, and serde
//! writes `oci-spec`'s object; strings read through [`Reference::parse`].

use std::fmt;
use std::str::FromStr;

use super::{OciSpecParseError, Reference};

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

/// The whole reference as `oci-spec` prints it: `registry/repository`,
/// then `:tag` and `@digest` when present (`docker.io/library/busybox:latest`
/// for `busybox`). [`Reference::as_str`] is the text as written.
impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut not_empty = false;
        if !self.registry().is_empty() {
            f.write_str(self.registry())?;
            not_empty = true;
        }
        if !self.repository().is_empty() {
            if not_empty {
                f.write_str("/")?;
            }
            f.write_str(self.repository())?;
            not_empty = true;
        }
        if let Some(t) = self.tag() {
            if not_empty {
                f.write_str(":")?;
            }
            f.write_str(t)?;
            not_empty = true;
        }
        if let Some(d) = self.digest() {
            if not_empty {
                f.write_str("@")?;
            }
            f.write_str(d)?;
        }
        Ok(())
    }
}

/// The text as written ([`Reference::as_str`]).
impl AsRef<str> for Reference {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl Reference {
    /// The parts `oci-spec` compares: registry, mirror, repository, tag
    /// (with its `latest` default) and digest.
    fn key(&self) -> (&str, Option<&str>, &str, Option<&str>, Option<&str>) {
        (
            self.registry(),
            self.mirror_registry(),
            self.repository(),
            self.tag(),
            self.digest(),
        )
    }
}

/// Equal when the registry, mirror, repository, tag and digest are, as in
/// `oci-spec`: `busybox` equals `docker.io/library/busybox:latest`.
impl PartialEq for Reference {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Reference {}

impl PartialOrd for Reference {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Orders by registry, mirror, repository, tag and digest.
impl Ord for Reference {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl std::hash::Hash for Reference {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

/// The error is [`crate::distribution::ParseError`], `oci-spec`'s enum of
/// reasons; [`Reference::parse`] gives the detailed [`crate::ParseError`].
impl FromStr for Reference {
    type Err = OciSpecParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse_classified(s).map_err(|(failed, _)| OciSpecParseError::of(s, failed))
    }
}

impl TryFrom<&str> for Reference {
    type Error = OciSpecParseError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl TryFrom<String> for Reference {
    type Error = OciSpecParseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// [`Reference::whole`], as in `oci-spec`.
impl From<Reference> for String {
    fn from(r: Reference) -> String {
        r.whole()
    }
}

/// The fields `oci-spec` writes: `registry`, `mirror_registry` (when set),
/// `repository`, `tag` and `digest` (when present).
impl serde::Serialize for Reference {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let n = 2
            + usize::from(self.mirror_registry.is_some())
            + usize::from(self.tag().is_some())
            + usize::from(self.digest().is_some());
        let mut st = s.serialize_struct("Reference", n)?;
        st.serialize_field("registry", self.registry())?;
        if let Some(m) = self.mirror_registry() {
            st.serialize_field("mirror_registry", m)?;
        }
        st.serialize_field("repository", self.repository())?;
        if let Some(t) = self.tag() {
            st.serialize_field("tag", t)?;
        }
        if let Some(d) = self.digest() {
            st.serialize_field("digest", d)?;
        }
        st.end()
    }
}

/// Reads what [`Reference`]'s `Serialize` writes (`oci-spec`'s object,
/// its parts kept as given), or a reference string, which is parsed and
/// checked.
impl<'de> serde::Deserialize<'de> for Reference {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Reference;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an image reference string or object")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Reference, E> {
                Reference::parse(s).map_err(E::custom)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Reference, A::Error> {
                let mut registry = None;
                let mut mirror = None;
                let mut repository = None;
                let mut tag = None;
                let mut digest = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    let slot = match &*key {
                        "registry" => &mut registry,
                        "mirror_registry" => &mut mirror,
                        "repository" => &mut repository,
                        "tag" => &mut tag,
                        "digest" => &mut digest,
                        _ => {
                            map.next_value_seed(crate::json::checked::Checked::new())?;
                            continue;
                        }
                    };
                    *slot = map.next_value::<Option<String>>()?;
                }
                let registry =
                    registry.ok_or_else(|| serde::de::Error::missing_field("registry"))?;
                let repository =
                    repository.ok_or_else(|| serde::de::Error::missing_field("repository"))?;
                Ok(Reference::from_unchecked(
                    &registry,
                    &repository,
                    tag.as_deref(),
                    digest.as_deref(),
                    mirror,
                ))
            }
        }
        d.deserialize_any(V)
    }
}
