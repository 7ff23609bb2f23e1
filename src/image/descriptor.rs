//! Content descriptors: [image-spec v1.1.1, descriptor.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/descriptor.md),
//! with the empty descriptor of [manifest.md "Guidance for an Empty Descriptor"](https://github.com/opencontainers/image-spec/blob/v1.1.1/manifest.md#guidance-for-an-empty-descriptor).

use std::collections::HashMap;
use std::fmt;

use base64::Engine as _;
use serde::Deserializer;

use crate::image::check::{check_annotations, check_media_type, is_uri};
use crate::image::{Digest, DigestAlgorithm, MediaType, Platform, rules};
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// The digest of the empty JSON blob `{}`.
pub const EMPTY_DIGEST: &str =
    "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
/// The size of the empty JSON blob `{}`.
pub const EMPTY_SIZE: u64 = 2;
/// The empty JSON blob `{}` in base64, as the empty descriptor's `data`.
pub const EMPTY_DATA: &str = "e30=";
/// The largest `size` a descriptor may carry: image-spec types it as int64.
pub const MAX_SIZE: u64 = i64::MAX as u64;

/// A content descriptor: what a blob is (`mediaType`), its identity
/// (`digest`) and its length (`size`), with optional extras.
///
/// ```
/// use oci_model::image::{Descriptor, MediaType};
///
/// let d: Descriptor = r#"{
///   "mediaType": "application/vnd.oci.image.config.v1+json",
///   "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
///   "size": 2
/// }"#.parse()?;
/// assert_eq!(d.media_type(), &MediaType::ImageConfig);
/// assert_eq!(d.size(), 2);
/// assert!(d.as_digest_sha256().is_some());
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[spec_struct(json = "camelCase", access(get, get_mut, set), document)]
pub struct Descriptor {
    /// REQUIRED: the media type of the referenced content; MUST follow
    /// RFC 6838 §4.2.
    media_type: MediaType,
    /// REQUIRED: the digest of the referenced content.
    digest: Digest,
    /// REQUIRED: the size of the raw content in bytes (an int64: at most
    /// 2^63-1, never negative).
    #[json(deserialize_with = "deserialize_size")]
    size: u64,
    /// OPTIONAL: URIs the content MAY be downloaded from; each MUST
    /// follow RFC 3986 and SHOULD use http or https.
    urls: Option<Vec<String>>,
    /// OPTIONAL: arbitrary metadata; MUST follow the annotation rules.
    #[json(deserialize_with = "crate::image::annotations::deserialize_annotations_not_null")]
    annotations: Option<HashMap<String, String>>,
    /// OPTIONAL: the content itself, in padded standard base64; the
    /// decoded bytes MUST be the referenced content.
    data: Option<String>,
    /// OPTIONAL: the type of the artifact the descriptor points to (the
    /// config `mediaType` for an image manifest); MUST follow RFC 6838.
    artifact_type: Option<MediaType>,
    /// OPTIONAL (extended field of index entries): the platform the
    /// referenced manifest runs on; SHOULD be present when it is
    /// platform-specific.
    platform: Option<Platform>,
}

impl Descriptor {
    /// A descriptor with only the required fields.
    pub fn new(media_type: MediaType, size: u64, digest: impl Into<Digest>) -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            media_type,
            digest: digest.into(),
            size,
            urls: None,
            annotations: None,
            data: None,
            artifact_type: None,
            platform: None,
        }
    }

    /// The empty descriptor: `application/vnd.oci.empty.v1+json`, the
    /// digest of `{}`, size 2, with `data` `e30=`.
    pub fn empty() -> Self {
        let mut d = Self::new(MediaType::EmptyJSON, EMPTY_SIZE, empty_digest());
        d.data = Some(EMPTY_DATA.to_owned());
        d
    }

    /// The hex of the digest when its algorithm is sha256.
    pub fn as_digest_sha256(&self) -> Option<&str> {
        matches!(self.digest.algorithm(), DigestAlgorithm::Sha256).then(|| self.digest.digest())
    }

    /// The decoded `data`, when present.
    ///
    /// # Errors
    /// [`crate::ModelError::Parse`] when `data` is not padded standard base64.
    pub fn decoded_data(&self) -> crate::ModelResult<Option<Vec<u8>>> {
        match &self.data {
            None => Ok(None),
            Some(text) => base64::engine::general_purpose::STANDARD
                .decode(text)
                .map(Some)
                .map_err(|e| {
                    crate::ParseError::new(
                        crate::ParseErrorKind::Value,
                        text.as_str(),
                        format!("padded standard base64 ({e})"),
                    )
                    .into()
                }),
        }
    }
}

/// The digest of the empty JSON blob `{}` ([`EMPTY_DIGEST`]).
///
/// # Panics
/// Never: [`EMPTY_DIGEST`] is a valid digest (a unit test checks it).
#[expect(
    clippy::expect_used,
    reason = "EMPTY_DIGEST is a constant that parses (tested)"
)]
pub fn empty_digest() -> Digest {
    Digest::parse(EMPTY_DIGEST).expect("EMPTY_DIGEST parses")
}

/// Reads `size`: an integer from 0 to 2^63-1.
fn deserialize_size<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = u64;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a size in bytes from 0 to 9223372036854775807")
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<u64, E> {
            if v > MAX_SIZE {
                Err(E::custom(format_args!(
                    "invalid size {v}: expected at most 9223372036854775807 (2^63-1)"
                )))
            } else {
                Ok(v)
            }
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<u64, E> {
            u64::try_from(v).map_err(|_| {
                E::custom(format_args!(
                    "invalid size {v}: expected a size that is not negative"
                ))
            })
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<u64, E> {
            Err(E::custom(format_args!(
                "invalid size {v}: expected an integer (no fraction or exponent) from 0 to 9223372036854775807"
            )))
        }
    }
    d.deserialize_u64(V)
}

impl Validate for Descriptor {
    fn check(&self, c: &mut Checker) {
        c.field("mediaType", |c| check_media_type(c, &self.media_type));
        if let Some(urls) = &self.urls {
            c.field("urls", |c| {
                for (i, url) in urls.iter().enumerate() {
                    c.index(i, |c| check_url(c, url));
                }
            });
        }
        if let Some(a) = &self.annotations {
            c.field("annotations", |c| check_annotations(c, a));
        }
        if self.data.is_some() {
            c.field("data", |c| self.check_data(c));
        }
        if let Some(t) = &self.artifact_type {
            c.field("artifactType", |c| check_media_type(c, t));
        }
        if let Some(p) = &self.platform {
            c.check_field("platform", p);
        }
        if self.media_type == MediaType::EmptyJSON
            && (self.size != EMPTY_SIZE || self.digest != EMPTY_DIGEST)
        {
            c.report(
                &rules::EMPTY_DESCRIPTOR,
                format!(
                    "descriptor of type application/vnd.oci.empty.v1+json has size {} and digest {}: expected size 2 and {EMPTY_DIGEST}",
                    self.size,
                    quote(self.digest.as_str())
                ),
            );
        }
    }
}

impl Descriptor {
    fn check_data(&self, c: &mut Checker) {
        let Ok(Some(bytes)) = self.decoded_data() else {
            let text = self.data.as_deref().unwrap_or_default();
            c.report(
                &rules::DESCRIPTOR_DATA_BASE64,
                format!("data {} is not padded standard base64", quote(text)),
            );
            return;
        };
        if bytes.len() as u64 != self.size {
            c.report(
                &rules::DESCRIPTOR_DATA_SIZE,
                format!(
                    "data decodes to {} bytes but size is {}",
                    bytes.len(),
                    self.size
                ),
            );
        }
        #[cfg(feature = "hash")]
        if let Ok(actual) = Digest::compute(self.digest.algorithm(), &bytes) {
            if actual != self.digest {
                c.report(
                    &rules::DESCRIPTOR_DATA_DIGEST,
                    format!(
                        "data hashes to {} but digest is {}",
                        quote(actual.as_str()),
                        quote(self.digest.as_str())
                    ),
                );
            }
        }
    }
}

fn check_url(c: &mut Checker, url: &str) {
    if !is_uri(url) {
        c.report(
            &rules::DESCRIPTOR_URL,
            format!(
                "url {} is not an rfc 3986 uri: expected a scheme such as \"https:\" and uri characters",
                quote(url)
            ),
        );
    } else if !(url.starts_with("http://") || url.starts_with("https://")) {
        c.report(
            &rules::DESCRIPTOR_URL_SCHEME,
            format!("url {} does not use http or https", quote(url)),
        );
    }
}

/// Validates the `subject` member of a manifest or index: the descriptor
/// rules, plus a warning when it does not point to a manifest or an index.
pub(crate) fn check_subject(c: &mut Checker, d: &Descriptor) {
    c.field("subject", |c| {
        d.check(c);
        if !(d.media_type.is_manifest() || d.media_type.is_index()) {
            c.report_at(
                "mediaType",
                &rules::SUBJECT_MEDIA_TYPE,
                format!(
                    "subject media type {} is not a manifest or index type",
                    quote(d.media_type.as_str())
                ),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_descriptor() {
        let e = Descriptor::empty();
        assert_eq!(e.digest().as_str(), EMPTY_DIGEST);
        assert_eq!(e.size(), 2);
        assert_eq!(e.decoded_data().unwrap().as_deref(), Some(&b"{}"[..]));
        assert!(e.validate().is_clean(), "{}", e.validate());
        assert_eq!(
            e.to_string().unwrap(),
            r#"{"mediaType":"application/vnd.oci.empty.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2,"data":"e30="}"#
        );
    }

    #[test]
    fn size_limits() {
        let doc = |size: &str| {
            format!(r#"{{"mediaType":"a/b","digest":"{EMPTY_DIGEST}","size":{size}}}"#)
        };
        assert!(doc("9223372036854775807").parse::<Descriptor>().is_ok());
        let e = doc("9223372036854775808")
            .parse::<Descriptor>()
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("/size: invalid size 9223372036854775808"),
            "{e}"
        );
        let e = doc("-1").parse::<Descriptor>().unwrap_err().to_string();
        assert!(
            e.starts_with("/size: invalid size -1: expected a size that is not negative"),
            "{e}"
        );
        let e = doc("1.5").parse::<Descriptor>().unwrap_err().to_string();
        assert!(e.starts_with("/size: invalid size 1.5"), "{e}");
    }

    #[test]
    fn getter_types_match_oci_spec() {
        // Users of oci-spec call `.platform().as_ref()` expecting `Option<&Platform>`.
        let d = Descriptor::empty();
        let p: Option<&Platform> = d.platform().as_ref();
        assert!(p.is_none());
        let size: u64 = d.size();
        assert_eq!(size, 2);
    }
}
