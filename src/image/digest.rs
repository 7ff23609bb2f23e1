//! Content digests: [image-spec v1.1.1, descriptor.md "Digests"](https://github.com/opencontainers/image-spec/blob/v1.1.1/descriptor.md#digests).
//!
//! ```text
//! digest                ::= algorithm ":" encoded
//! algorithm             ::= algorithm-component (algorithm-separator algorithm-component)*
//! algorithm-component   ::= [a-z0-9]+
//! algorithm-separator   ::= [+._-]
//! encoded               ::= [a-zA-Z0-9=_-]+
//! ```
//!
//! The registered algorithms (`sha256`, `sha512`, and `blake3` from image-spec
//! `main`) and `sha384` (known to go-digest) also require their exact length
//! of lowercase hex. A digest with an unknown algorithm is valid when it
//! follows the grammar.

use std::fmt;
use std::str::FromStr;

use crate::error::{ModelError, OciSpecError, ParseError, ParseErrorKind};

open_enum! {
    /// A digest algorithm. Unknown algorithms that follow the grammar are kept
    /// in `Other`.
    ///
    /// `#[non_exhaustive]` as in `oci-spec`: matches need a `_` arm, so
    /// registering a new algorithm is not a breaking change.
    ///
    /// `Other` holds a `Box<str>`, as in `oci-spec`.
    #[non_exhaustive]
    pub enum DigestAlgorithm(Box<str>) {
        /// SHA-256, the algorithm every implementation MUST support.
        Sha256 = "sha256",
        /// SHA-384 (not registered by OCI; known to go-digest).
        Sha384 = "sha384",
        /// SHA-512, registered by image-spec.
        Sha512 = "sha512",
        /// BLAKE3 with 256-bit output, registered on image-spec `main`.
        Blake3 = "blake3",
    }
}

impl DigestAlgorithm {
    /// The number of hex characters of the encoded part, for algorithms with
    /// a fixed hex encoding (`None` for unknown algorithms).
    pub const fn digest_hexlen(&self) -> Option<u32> {
        match self {
            DigestAlgorithm::Sha256 | DigestAlgorithm::Blake3 => Some(64),
            DigestAlgorithm::Sha384 => Some(96),
            DigestAlgorithm::Sha512 => Some(128),
            DigestAlgorithm::Other(_) => None,
        }
    }

    /// True for the algorithms image-spec registers (`sha256`, `sha512`,
    /// `blake3`).
    pub fn is_registered(&self) -> bool {
        matches!(
            Self::from_known(self.as_str()),
            Some(DigestAlgorithm::Sha256 | DigestAlgorithm::Sha512 | DigestAlgorithm::Blake3)
        )
    }
}

static SHA256: DigestAlgorithm = DigestAlgorithm::Sha256;
static SHA384: DigestAlgorithm = DigestAlgorithm::Sha384;
static SHA512: DigestAlgorithm = DigestAlgorithm::Sha512;
static BLAKE3: DigestAlgorithm = DigestAlgorithm::Blake3;

/// The algorithm of a parsed digest: a shared constant for known ones, so
/// parsing a sha256 digest allocates only the digest text.
#[derive(Clone, Debug)]
enum Alg {
    Known(&'static DigestAlgorithm),
    Other(Box<DigestAlgorithm>),
}

/// A validated content digest such as `sha256:6c3c…`.
///
/// Parsing validates the grammar in one pass over the bytes; the text is kept
/// as written. Digests compare, order and hash by their text.
///
/// ```
/// use oci_model::image::{Digest, DigestAlgorithm};
///
/// let d: Digest = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
///     .parse()?;
/// assert_eq!(d.algorithm(), &DigestAlgorithm::Sha256);
/// assert!(d.digest().starts_with("e3b0c442"));
/// assert!("sha256:E3B0".parse::<Digest>().is_err());
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[derive(Clone)]
pub struct Digest {
    value: Box<str>,
    split: usize,
    algorithm: Alg,
}

impl Digest {
    /// Parses and validates a digest; the one constructor `FromStr`,
    /// `TryFrom` and serde use.
    ///
    /// # Errors
    /// [`ParseError`] of kind [`ParseErrorKind::Digest`] when `s` breaks the
    /// grammar or the algorithm's encoding.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let (split, algorithm) = Self::check(s)?;
        Ok(Self {
            value: s.into(),
            split,
            algorithm,
        })
    }

    fn parse_owned(s: String) -> Result<Self, ParseError> {
        let (split, algorithm) = Self::check(&s)?;
        Ok(Self {
            value: s.into_boxed_str(),
            split,
            algorithm,
        })
    }

    /// A digest of a known hex algorithm from its computed lowercase hex
    /// (used by the hashing code, whose output is valid by construction).
    #[cfg(feature = "hash")]
    pub(crate) fn from_computed(algorithm: &'static DigestAlgorithm, hex: &str) -> Self {
        let name = algorithm.as_str();
        let mut value = String::with_capacity(name.len() + 1 + hex.len());
        value.push_str(name);
        value.push(':');
        value.push_str(hex);
        Self {
            value: value.into_boxed_str(),
            split: name.len(),
            algorithm: Alg::Known(algorithm),
        }
    }

    /// The shared constant of a known algorithm.
    #[cfg(feature = "hash")]
    pub(crate) fn known_algorithm(algorithm: &DigestAlgorithm) -> Option<&'static DigestAlgorithm> {
        match algorithm.as_str() {
            "sha256" => Some(&SHA256),
            "sha384" => Some(&SHA384),
            "sha512" => Some(&SHA512),
            "blake3" => Some(&BLAKE3),
            _ => None,
        }
    }

    /// Validates `s`; returns the position of `:` and the algorithm.
    fn check(s: &str) -> Result<(usize, Alg), ParseError> {
        let err = |expected: &'static str| ParseError::new(ParseErrorKind::Digest, s, expected);
        let bytes = s.as_bytes();
        // Fast path for the common case, a valid sha256 digest; anything
        // else (including a broken sha256 one) takes the general path,
        // which names the problem.
        if let Some(enc) = bytes.strip_prefix(b"sha256:") {
            if enc.len() == 64 && is_lower_hex(enc) {
                return Ok((6, Alg::Known(&SHA256)));
            }
        }
        let Some(split) = bytes.iter().position(|&b| b == b':') else {
            return Err(err("\"algorithm:encoded\""));
        };
        let (alg, enc) = (&bytes[..split], &bytes[split + 1..]);
        if !valid_algorithm(alg) {
            return Err(err(
                "an algorithm of lowercase letters and digits, in components separated by one of \"+._-\"",
            ));
        }
        if enc.is_empty() {
            return Err(err("an encoded part after \":\""));
        }
        // `s[..split]` is ASCII, so these are char boundaries.
        let algorithm = match &s[..split] {
            "sha256" => Alg::Known(&SHA256),
            "sha384" => Alg::Known(&SHA384),
            "sha512" => Alg::Known(&SHA512),
            "blake3" => Alg::Known(&BLAKE3),
            other => Alg::Other(Box::new(DigestAlgorithm::Other(other.into()))),
        };
        match &algorithm {
            // blake3 is registered on image-spec `main` only: in v1.1.1 (and
            // for oci-spec) its encoded part follows the general grammar.
            Alg::Known(a) if **a != DigestAlgorithm::Blake3 => {
                let len = a.digest_hexlen().unwrap_or(0) as usize;
                let hex = is_lower_hex(enc);
                if enc.len() != len || !hex {
                    return Err(ParseError::new(
                        ParseErrorKind::Digest,
                        s,
                        format!("{len} lowercase hex characters after \"{a}:\""),
                    ));
                }
            }
            Alg::Known(_) | Alg::Other(_) => {
                let ok = enc
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'=' | b'_' | b'-'));
                if !ok {
                    return Err(err(
                        "an encoded part of ASCII letters, digits, \"=\", \"_\" or \"-\"",
                    ));
                }
            }
        }
        Ok((split, algorithm))
    }

    /// The algorithm, such as `sha256`.
    pub fn algorithm(&self) -> &DigestAlgorithm {
        match &self.algorithm {
            Alg::Known(a) => a,
            Alg::Other(a) => a,
        }
    }

    /// The encoded part after `:` (for sha256: 64 lowercase hex characters).
    pub fn digest(&self) -> &str {
        &self.value[self.split + 1..]
    }

    /// The encoded part after `:`; the same as [`Digest::digest`].
    pub fn encoded(&self) -> &str {
        self.digest()
    }

    /// The whole digest text, `algorithm:encoded`.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The sha256 value, when the algorithm is sha256.
    pub fn to_sha256(&self) -> Option<Sha256Digest> {
        matches!(self.algorithm(), DigestAlgorithm::Sha256).then(|| Sha256Digest {
            digest: self.digest().into(),
        })
    }

    /// True when the algorithm is one image-spec registers.
    pub fn is_registered(&self) -> bool {
        self.algorithm().is_registered()
    }
}

/// True when every byte is a lowercase hex digit. No early exit, so the
/// compiler vectorizes it: about 10x fewer instructions than a byte-by-byte
/// `all` on a 64-character sha256 digest (the largest single cost of
/// parsing an index before).
fn is_lower_hex(bytes: &[u8]) -> bool {
    bytes.iter().fold(true, |ok, &b| {
        ok & ((b.wrapping_sub(b'0') < 10) | (b.wrapping_sub(b'a') < 6))
    })
}

fn valid_algorithm(alg: &[u8]) -> bool {
    // [a-z0-9]+ ([+._-] [a-z0-9]+)*
    let mut prev_sep = true; // at start, a component must begin
    for &b in alg {
        match b {
            b'a'..=b'z' | b'0'..=b'9' => prev_sep = false,
            b'+' | b'.' | b'_' | b'-' if !prev_sep => prev_sep = true,
            _ => return false,
        }
    }
    !prev_sep
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Digest").field(&self.as_str()).finish()
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

impl AsRef<str> for Digest {
    fn as_ref(&self) -> &str {
        &self.value
    }
}

impl PartialEq for Digest {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Digest {}

impl PartialEq<str> for Digest {
    fn eq(&self, other: &str) -> bool {
        &*self.value == other
    }
}

impl PartialEq<&str> for Digest {
    fn eq(&self, other: &&str) -> bool {
        &*self.value == *other
    }
}

impl PartialOrd for Digest {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Digest {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

impl std::hash::Hash for Digest {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

/// `oci-spec`'s error type: [`OciSpecError::Other`] with the message
/// ([`Digest::parse`] gives the typed [`ParseError`]).
impl FromStr for Digest {
    type Err = OciSpecError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s).map_err(|e| OciSpecError::Other(e.to_string()))
    }
}

impl TryFrom<&str> for Digest {
    type Error = OciSpecError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::parse(s).map_err(|e| OciSpecError::Other(e.to_string()))
    }
}

impl TryFrom<String> for Digest {
    type Error = OciSpecError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse_owned(s).map_err(|e| OciSpecError::Other(e.to_string()))
    }
}

impl From<Digest> for String {
    fn from(d: Digest) -> String {
        d.value.into_string()
    }
}

impl serde::Serialize for Digest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Validated: the digest grammar has nothing JSON escapes.
        crate::json::plain_str(&self.value, s)
    }
}

impl<'de> serde::Deserialize<'de> for Digest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Digest;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a digest string \"algorithm:encoded\"")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Digest, E> {
                Digest::parse(s).map_err(E::custom)
            }
            fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Digest, E> {
                Digest::parse_owned(s).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// A SHA-256 digest value: exactly 64 lowercase hex characters.
///
/// `FromStr` takes the bare hex (as `oci-spec` does) or the `sha256:` form;
/// `Display` writes the bare hex.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sha256Digest {
    digest: Box<str>,
}

impl Sha256Digest {
    /// The 64 lowercase hex characters.
    pub fn digest(&self) -> &str {
        &self.digest
    }
}

impl Sha256Digest {
    /// Parses the bare hex or the `sha256:` form, with the typed error.
    fn parse(s: &str) -> Result<Self, ParseError> {
        let hex = s.strip_prefix("sha256:").unwrap_or(s);
        let ok = hex.len() == 64 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if ok {
            Ok(Self { digest: hex.into() })
        } else {
            Err(ParseError::new(
                ParseErrorKind::Digest,
                s,
                "a sha256 digest: 64 lowercase hex characters",
            ))
        }
    }
}

/// `oci-spec`'s error type: [`OciSpecError::Other`] with the message.
impl FromStr for Sha256Digest {
    type Err = OciSpecError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s).map_err(|e| OciSpecError::Other(e.to_string()))
    }
}

impl TryFrom<&str> for Sha256Digest {
    type Error = ModelError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Ok(Self::parse(s)?)
    }
}

impl TryFrom<Digest> for Sha256Digest {
    type Error = ModelError;
    fn try_from(d: Digest) -> Result<Self, Self::Error> {
        d.to_sha256().ok_or_else(|| {
            ParseError::new(ParseErrorKind::Digest, d.as_str(), "a sha256 digest").into()
        })
    }
}

impl fmt::Display for Sha256Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.digest)
    }
}

impl AsRef<str> for Sha256Digest {
    fn as_ref(&self) -> &str {
        &self.digest
    }
}

impl From<Sha256Digest> for Digest {
    fn from(d: Sha256Digest) -> Digest {
        let mut value = String::with_capacity(71);
        value.push_str("sha256:");
        value.push_str(&d.digest);
        Digest {
            value: value.into_boxed_str(),
            split: 6,
            algorithm: Alg::Known(&SHA256),
        }
    }
}

impl serde::Serialize for Sha256Digest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Validated: lowercase hex.
        crate::json::plain_str(&self.digest, s)
    }
}

impl<'de> serde::Deserialize<'de> for Sha256Digest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPTY: &str = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn lower_hex_check_matches_the_grammar_for_every_byte() {
        for b in 0..=u8::MAX {
            let expected = matches!(b, b'0'..=b'9' | b'a'..=b'f');
            assert_eq!(is_lower_hex(&[b]), expected, "byte {b}");
            let mut enc = [b'a'; 64];
            enc[37] = b;
            assert_eq!(is_lower_hex(&enc), expected, "byte {b} inside");
        }
        assert!(is_lower_hex(b""));
    }

    #[test]
    fn sha256_fast_path_accepts_only_valid_digests() {
        let d = Digest::parse(EMPTY).unwrap();
        assert_eq!(d.algorithm(), &DigestAlgorithm::Sha256);
        assert_eq!(d.digest().len(), 64);
        // Broken sha256 digests fall through to the general path's errors.
        let upper = EMPTY.to_uppercase().replacen("SHA256", "sha256", 1);
        let short = &EMPTY[..EMPTY.len() - 1];
        let long = format!("{EMPTY}0");
        for bad in [upper.as_str(), short, long.as_str()] {
            let e = Digest::parse(bad).unwrap_err().to_string();
            assert!(e.contains("64 lowercase hex characters"), "{bad}: {e}");
        }
    }

    #[test]
    fn valid_digests() {
        for s in [
            EMPTY,
            "multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8",
            "sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564",
            "sha256.foo-bar:abc",
            "sha256+b64u.unknownlength:abc=",
            "md5:0123",
        ] {
            let d = Digest::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(d.as_str(), s);
        }
    }

    #[test]
    fn invalid_digests() {
        for s in [
            "",
            "foo",
            ":",
            "blah+",
            "_digest:somevalue",
            ":blah",
            "blah:",
            "FooBar:123abc",
            "^:foo",
            "sha256+foo+-b:abc",
            "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "sha256:abc",
            "sha512:abc",
            "sha384:abc",
            "foo:a b",
            "foo:ä",
        ] {
            assert!(Digest::parse(s).is_err(), "{s} parsed");
        }
    }

    /// Decoding accepts exactly the digests oci-spec 0.10 accepts.
    #[test]
    fn accepts_what_oci_spec_accepts() {
        let hex64 = "a".repeat(64);
        for s in [
            format!("sha256:{hex64}"),
            format!("blake3:{hex64}"),
            "blake3:abc".to_owned(),
            "blake3:ABC=_-".to_owned(),
            "sha256:abc".to_owned(),
            format!("sha256:{}", hex64.to_uppercase()),
            "sha384:abc".to_owned(),
            "sha512:abc".to_owned(),
            "multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8".to_owned(),
            "sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564".to_owned(),
            "FooBar:123abc".to_owned(),
            "foo:a b".to_owned(),
            "foo:".to_owned(),
            "foo".to_owned(),
            "a..b:c".to_owned(),
        ] {
            let theirs = oci_spec::image::Digest::try_from(s.as_str()).is_ok();
            assert_eq!(Digest::parse(&s).is_ok(), theirs, "{s}");
        }
    }

    #[test]
    fn message_names_the_rule() {
        let e = Digest::parse("sha256:ABC").unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"invalid digest "sha256:ABC": expected 64 lowercase hex characters after "sha256:""#
        );
    }

    #[test]
    fn algorithm_and_encoded() {
        let d = Digest::parse(EMPTY).unwrap();
        assert_eq!(d.algorithm(), &DigestAlgorithm::Sha256);
        assert_eq!(d.digest().len(), 64);
        let o = Digest::parse("sha256+b64u:abc").unwrap();
        assert_eq!(o.algorithm().as_str(), "sha256+b64u");
        assert!(o.algorithm().is_other());
        assert!(!o.is_registered());
    }

    #[test]
    fn serde_round_trip() {
        let d: Digest = serde_json::from_str(&format!("\"{EMPTY}\"")).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{EMPTY}\""));
        assert!(serde_json::from_str::<Digest>("\"sha256:x\"").is_err());
    }

    #[test]
    fn sha256_digest() {
        let hex = &EMPTY[7..];
        let s: Sha256Digest = hex.parse().unwrap();
        assert_eq!(s.to_string(), hex);
        let d: Digest = s.clone().into();
        assert_eq!(d.as_str(), EMPTY);
        assert_eq!(d.to_sha256(), Some(s));
        assert!("ABC".parse::<Sha256Digest>().is_err());
    }
}
