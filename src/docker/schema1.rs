//! Docker schema 1 manifests (read-only, legacy): [manifest-v2-1.md](https://github.com/distribution/distribution/blob/v2.8.3/docs/spec/manifest-v2-1.md).
//!
//! A schema 1 manifest lists its layers top-most first (`fsLayers`), each
//! with a `history` entry whose `v1Compatibility` is the v1 image JSON as a
//! string. A signed manifest (`application/vnd.docker.distribution.manifest.v1+prettyjws`)
//! adds `signatures`, JWS signatures whose protected header says how to cut
//! the signatures out again: the registry's digest is the digest of that
//! payload, not of the bytes served ([`Schema1Manifest::payload`]).

use base64::Engine as _;

use crate::docker::{DockerError, rules};
use crate::image::Digest;
use crate::spec_struct;
use crate::validate::{Checker, Validate};

/// A schema 1 manifest, plain or signed.
///
/// ```
/// use oci_model::Validate;
/// use oci_model::docker::Schema1Manifest;
///
/// let m: Schema1Manifest = r#"{"schemaVersion":1,"name":"hello-world","tag":"latest",
///   "architecture":"amd64",
///   "fsLayers":[{"blobSum":"sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"}],
///   "history":[{"v1Compatibility":"{\"id\":\"e45a5af57b00\",\"created\":\"2016-09-23T23:20:49Z\"}"}]}"#.parse()?;
/// assert_eq!(m.fs_layers().len(), 1);
/// assert!(m.validate().is_clean());
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[spec_struct(json = "camelCase", access(get, get_mut, set), document)]
pub struct Schema1Manifest {
    /// `1` for this schema.
    schema_version: u32,
    /// The repository name.
    name: Option<String>,
    /// The tag.
    tag: Option<String>,
    /// The host architecture the image runs on.
    architecture: Option<String>,
    /// The layers by digest, top-most first.
    fs_layers: Vec<FsLayer>,
    /// One entry per layer, in the order of `fsLayers`.
    history: Vec<V1History>,
    /// The JWS signatures of a signed manifest.
    signatures: Option<Vec<Schema1Signature>>,
}

/// One entry of `fsLayers`.
#[spec_struct(json = "camelCase", access(get, get_mut, set))]
pub struct FsLayer {
    /// The digest of the layer blob.
    blob_sum: Digest,
}

/// One entry of `history`.
#[spec_struct(json = "camelCase", access(get, get_mut, set))]
pub struct V1History {
    /// The v1 image JSON of the layer, as a string.
    #[json(rename = "v1Compatibility")]
    v1_compatibility: String,
}

/// One JWS signature of a signed schema 1 manifest.
#[spec_struct(json = "camelCase", access(get, get_mut, set))]
pub struct Schema1Signature {
    /// The JWS header (`jwk` is kept as written).
    header: JwsHeader,
    /// The signature, base64url.
    signature: String,
    /// The protected header, base64url JSON with `formatLength` and
    /// `formatTail`.
    protected: String,
}

/// The unprotected JWS header of a signature.
#[spec_struct(json = "camelCase", access(get, get_mut, set))]
pub struct JwsHeader {
    /// The signature algorithm, such as `ES256`.
    alg: String,
}

/// What the protected header says about the payload.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Protected {
    format_length: usize,
    format_tail: String,
}

impl Schema1Manifest {
    /// True when the manifest has signatures.
    pub fn is_signed(&self) -> bool {
        self.signatures.as_ref().is_some_and(|s| !s.is_empty())
    }

    /// The signed payload of `bytes` (the manifest as served): the bytes
    /// themselves for an unsigned manifest, else the manifest with its
    /// signatures cut out as every protected header says
    /// (`formatLength` bytes, then the base64url `formatTail`). Registries
    /// name a schema 1 manifest by the digest of this payload.
    ///
    /// # Errors
    /// [`DockerError::Schema1Signature`] when a protected header does not
    /// decode, its `formatLength` is longer than the bytes, or two
    /// signatures disagree.
    pub fn payload(&self, bytes: &[u8]) -> Result<Vec<u8>, DockerError> {
        let Some(signatures) = self.signatures.as_ref().filter(|s| !s.is_empty()) else {
            return Ok(bytes.to_vec());
        };
        let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let mut payload: Option<Vec<u8>> = None;
        for (i, s) in signatures.iter().enumerate() {
            let bad = |why: String| DockerError::Schema1Signature { index: i, why };
            let header = engine
                .decode(s.protected.trim_end_matches('='))
                .map_err(|e| bad(format!("protected is not base64url: {e}")))?;
            let p: Protected = serde_json::from_slice(&header)
                .map_err(|e| bad(format!("protected header: {e}")))?;
            let head = bytes.get(..p.format_length).ok_or_else(|| {
                bad(format!(
                    "formatLength {} is longer than the manifest ({} bytes)",
                    p.format_length,
                    bytes.len()
                ))
            })?;
            let tail = engine
                .decode(p.format_tail.trim_end_matches('='))
                .map_err(|e| bad(format!("formatTail is not base64url: {e}")))?;
            let mut this = head.to_vec();
            this.extend_from_slice(&tail);
            match &payload {
                Some(first) if *first != this => {
                    return Err(bad("its payload differs from signatures[0]'s".to_owned()));
                }
                Some(_) => {}
                None => payload = Some(this),
            }
        }
        Ok(payload.unwrap_or_else(|| bytes.to_vec()))
    }

    /// The digest registries give this manifest served as `bytes`: sha256
    /// of [`Schema1Manifest::payload`].
    ///
    /// # Errors
    /// As [`Schema1Manifest::payload`].
    pub fn digest_of(&self, bytes: &[u8]) -> Result<Digest, DockerError> {
        Ok(Digest::sha256_of(&self.payload(bytes)?))
    }
}

impl Validate for Schema1Manifest {
    fn check(&self, c: &mut Checker) {
        if self.schema_version != 1 {
            c.report_at(
                "schemaVersion",
                &rules::SCHEMA1_VERSION,
                format!("schemaVersion is {}: expected 1", self.schema_version),
            );
        }
        for (name, v) in [
            ("name", &self.name),
            ("tag", &self.tag),
            ("architecture", &self.architecture),
        ] {
            if v.as_deref().is_none_or(str::is_empty) {
                c.report_at(
                    name,
                    &rules::SCHEMA1_REQUIRED,
                    format!("{name} is missing or empty"),
                );
            }
        }
        if self.fs_layers.len() != self.history.len() {
            c.report_at(
                "history",
                &rules::SCHEMA1_HISTORY,
                format!(
                    "history has {} entries but fsLayers has {}",
                    self.history.len(),
                    self.fs_layers.len()
                ),
            );
        }
        c.field("history", |c| {
            for (i, h) in self.history.iter().enumerate() {
                let ok = matches!(
                    serde_json::from_str::<serde_json::Value>(&h.v1_compatibility),
                    Ok(serde_json::Value::Object(_))
                );
                if !ok {
                    c.index(i, |c| {
                        c.report_at(
                            "v1Compatibility",
                            &rules::SCHEMA1_V1_COMPATIBILITY,
                            "v1Compatibility is not a json object in a string",
                        );
                    });
                }
            }
        });
        if let Some(signatures) = &self.signatures {
            c.field("signatures", |c| {
                for (i, s) in signatures.iter().enumerate() {
                    if s.header.alg.is_empty() || s.signature.is_empty() || s.protected.is_empty() {
                        c.index(i, |c| {
                            c.report(
                                &rules::SCHEMA1_SIGNATURE,
                                "header.alg, signature or protected is empty",
                            );
                        });
                    }
                }
            });
        }
    }
}
