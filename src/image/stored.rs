//! Documents that keep their exact bytes (feature `hash`): the content a
//! descriptor points to, [image-spec v1.1.1, descriptor.md,
//! verification](https://github.com/opencontainers/image-spec/blob/v1.1.1/descriptor.md#verification).
//!
//! A digest names bytes, not values: re-serializing a decoded manifest can
//! give other bytes (key order, spacing) and so another digest. [`Stored`]
//! holds the bytes as read, the decoded value, and (computed on first use)
//! the digest of the bytes, so that an unchanged document is written, pushed
//! or described exactly as it came.
//!
//! ```
//! use oci_model::image::{ImageManifest, MediaType, Stored};
//!
//! let bytes = br#"{ "schemaVersion": 2,
//!   "config": {"mediaType": "application/vnd.oci.empty.v1+json", "size": 2,
//!     "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},
//!   "layers": [], "artifactType": "application/vnd.example+json" }"#;
//! let stored: Stored<ImageManifest> = Stored::from_slice(bytes)?;
//! // The descriptor describes the bytes as given, not a re-serialization.
//! let d = stored.descriptor();
//! assert_eq!(d.size(), bytes.len() as u64);
//! assert_eq!(d.media_type(), &MediaType::ImageManifest);
//! // Decoding from that descriptor checks size and digest first.
//! let again = Stored::<ImageManifest>::from_descriptor(&d, bytes.to_vec())?;
//! assert_eq!(again.bytes(), &bytes[..]);
//! assert!(Stored::<ImageManifest>::from_descriptor(&d, b"{}".to_vec()).is_err());
//! # Ok::<(), oci_model::ModelError>(())
//! ```

use std::fmt;
use std::io::Write;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use crate::error::ModelError;
use crate::image::{
    Descriptor, Digest, ImageConfiguration, ImageIndex, ImageManifest, MediaType, OciLayout,
};
use serde::Serialize;

/// A document [`Stored`] can hold: it decodes from JSON, writes compact
/// JSON, and knows the media type its bytes have when nothing else says so.
pub trait StoredDocument: DeserializeOwned + Serialize + Clone + PartialEq {
    /// The media type of this document's bytes: its own `mediaType` member
    /// when it has one, else the type of its kind.
    fn stored_media_type(&self) -> MediaType;
}

impl StoredDocument for ImageManifest {
    fn stored_media_type(&self) -> MediaType {
        self.media_type()
            .clone()
            .unwrap_or(MediaType::ImageManifest)
    }
}

impl StoredDocument for ImageIndex {
    fn stored_media_type(&self) -> MediaType {
        self.media_type().clone().unwrap_or(MediaType::ImageIndex)
    }
}

impl StoredDocument for ImageConfiguration {
    fn stored_media_type(&self) -> MediaType {
        MediaType::ImageConfig
    }
}

impl StoredDocument for Descriptor {
    fn stored_media_type(&self) -> MediaType {
        MediaType::Descriptor
    }
}

impl StoredDocument for OciLayout {
    fn stored_media_type(&self) -> MediaType {
        MediaType::LayoutHeader
    }
}

/// A decoded document with the exact bytes it was decoded from, and the
/// digest of those bytes (computed once, on first use).
///
/// - [`Stored::from_descriptor`] checks size and digest before decoding;
/// - [`Stored::bytes`], [`Stored::write_to`] and [`Stored::descriptor`]
///   give the original bytes and their descriptor while the value is
///   unchanged;
/// - [`Stored::update`] changes the value; only a real change re-serializes.
#[derive(Clone)]
pub struct Stored<T> {
    bytes: Vec<u8>,
    value: T,
    media_type: MediaType,
    digest: OnceLock<Digest>,
}

impl<T: StoredDocument> Stored<T> {
    /// Decodes `bytes` (through [`crate::io::from_slice`]) and keeps them.
    /// The media type is the document's own ([`StoredDocument`]).
    ///
    /// # Errors
    /// [`ModelError::Decode`] when the bytes do not decode as `T`.
    pub fn from_slice(bytes: &[u8]) -> crate::ModelResult<Self> {
        Self::from_vec(bytes.to_vec())
    }

    /// As [`Stored::from_slice`], taking the bytes without copying them.
    ///
    /// # Errors
    /// [`ModelError::Decode`] when the bytes do not decode as `T`.
    pub fn from_vec(bytes: Vec<u8>) -> crate::ModelResult<Self> {
        let value: T = crate::io::from_slice(&bytes)?;
        let media_type = value.stored_media_type();
        Ok(Self {
            bytes,
            value,
            media_type,
            digest: OnceLock::new(),
        })
    }

    /// Decodes the content `descriptor` points to: checks the size, then
    /// the digest, then decodes. The media type is the descriptor's.
    ///
    /// # Errors
    /// [`crate::VerifyError::Size`] or [`crate::VerifyError::Digest`] (with the expected
    /// and the actual value) when the bytes are not the described content,
    /// [`crate::VerifyError::UnsupportedAlgorithm`] when the digest cannot be
    /// computed, [`ModelError::Decode`] when they do not decode as `T`.
    pub fn from_descriptor(descriptor: &Descriptor, bytes: Vec<u8>) -> crate::ModelResult<Self> {
        descriptor.verify(&bytes)?;
        let value: T = crate::io::from_slice(&bytes)?;
        Ok(Self {
            bytes,
            value,
            media_type: descriptor.media_type().clone(),
            digest: OnceLock::from(descriptor.digest().clone()),
        })
    }

    /// Serializes `value` as compact JSON and keeps those bytes.
    ///
    /// # Errors
    /// [`ModelError::SerDe`] if serialization fails.
    pub fn new(value: T) -> crate::ModelResult<Self> {
        let bytes = crate::io::to_vec(&value, false)?;
        let media_type = value.stored_media_type();
        Ok(Self {
            bytes,
            value,
            media_type,
            digest: OnceLock::new(),
        })
    }

    /// Changes the value with `f`. When the value is then different, its
    /// bytes become its compact JSON and the digest is computed anew; when
    /// `f` left it equal, the original bytes stay.
    ///
    /// # Errors
    /// [`ModelError::SerDe`] if serializing the changed value fails (the
    /// value is then left unchanged).
    pub fn update<F: FnOnce(&mut T)>(&mut self, f: F) -> crate::ModelResult<()> {
        let mut value = self.value.clone();
        f(&mut value);
        if value != self.value {
            self.bytes = crate::io::to_vec(&value, false)?;
            self.value = value;
            self.digest = OnceLock::new();
        }
        Ok(())
    }

    /// Sets the media type [`Stored::descriptor`] gives (for instance a
    /// Docker type for a configuration).
    pub fn set_media_type(&mut self, media_type: MediaType) {
        self.media_type = media_type;
    }
}

impl<T> Stored<T> {
    /// The exact bytes of the document.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The decoded value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The media type of the bytes.
    pub fn media_type(&self) -> &MediaType {
        &self.media_type
    }

    /// The digest of the bytes: the descriptor's when decoded from one,
    /// else sha256, computed on first use.
    pub fn digest(&self) -> &Digest {
        self.digest.get_or_init(|| Digest::sha256_of(&self.bytes))
    }

    /// The size of the bytes.
    pub fn size(&self) -> u64 {
        self.bytes.len() as u64
    }

    /// The descriptor of the bytes: media type, size and digest.
    pub fn descriptor(&self) -> Descriptor {
        Descriptor::new(self.media_type.clone(), self.size(), self.digest().clone())
    }

    /// Writes the bytes, unchanged.
    ///
    /// # Errors
    /// [`ModelError::Io`] when writing fails.
    pub fn write_to<W: Write>(&self, mut writer: W) -> crate::ModelResult<()> {
        writer.write_all(&self.bytes).map_err(ModelError::Io)
    }

    /// The value, dropping the bytes.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The bytes, dropping the value.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// The value and the bytes.
    pub fn into_parts(self) -> (T, Vec<u8>) {
        (self.value, self.bytes)
    }
}

impl<T> AsRef<[u8]> for Stored<T> {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl<T> std::ops::Deref for Stored<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Stored<T> {
    /// Equal when the bytes are equal (the bytes decide the digest).
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes && self.media_type == other.media_type
    }
}

impl<T: fmt::Debug> fmt::Debug for Stored<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stored")
            .field("media_type", &self.media_type)
            .field("size", &self.bytes.len())
            .field("digest", &self.digest.get())
            .field("value", &self.value)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::ImageIndexBuilder;

    const PRETTY: &[u8] = b"{\n  \"schemaVersion\": 2,\n  \"manifests\": []\n}";

    #[test]
    fn unchanged_value_keeps_bytes_and_digest() {
        let mut s: Stored<ImageIndex> = Stored::from_slice(PRETTY).unwrap();
        assert_eq!(s.bytes(), PRETTY);
        assert_eq!(s.digest(), &Digest::sha256_of(PRETTY));
        assert_eq!(s.media_type(), &MediaType::ImageIndex);
        s.update(|_| {}).unwrap();
        assert_eq!(s.bytes(), PRETTY);
        let mut out = Vec::new();
        s.write_to(&mut out).unwrap();
        assert_eq!(out, PRETTY);
        assert_eq!(s.descriptor().size(), PRETTY.len() as u64);
    }

    #[test]
    fn changed_value_is_reserialized() {
        let mut s: Stored<ImageIndex> = Stored::from_slice(PRETTY).unwrap();
        let old = s.digest().clone();
        s.update(|v| {
            v.set_media_type(Some(MediaType::ImageIndex));
        })
        .unwrap();
        assert_ne!(s.digest(), &old);
        assert_eq!(s.bytes(), s.value().to_vec().unwrap().as_slice());
        assert_eq!(s.digest(), &Digest::sha256_of(s.bytes()));
    }

    #[test]
    fn from_descriptor_says_which_check_failed() {
        let s = Stored::new(
            ImageIndexBuilder::default()
                .manifests(vec![])
                .build()
                .unwrap(),
        )
        .unwrap();
        let d = s.descriptor();
        let ok = Stored::<ImageIndex>::from_descriptor(&d, s.bytes().to_vec()).unwrap();
        assert_eq!(ok, s);
        let mut longer = s.bytes().to_vec();
        longer.push(b' ');
        let e = Stored::<ImageIndex>::from_descriptor(&d, longer).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "size mismatch: expected {} bytes, got {}",
                d.size(),
                d.size() + 1
            )
        );
        let mut other = s.bytes().to_vec();
        let last = other.len() - 2;
        other[last] = b' ';
        let e = Stored::<ImageIndex>::from_descriptor(&d, other.clone()).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "digest mismatch: expected \"{}\", got \"{}\"",
                d.digest(),
                Digest::sha256_of(&other)
            )
        );
    }

    #[test]
    fn descriptor_media_type_is_kept() {
        let bytes =
            br#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#;
        let d = Descriptor::from_bytes(MediaType::from(MediaType::DOCKER_CONTAINER_CONFIG), bytes);
        let s = Stored::<ImageConfiguration>::from_descriptor(&d, bytes.to_vec()).unwrap();
        assert_eq!(s.descriptor(), d);
        assert_eq!(s.value().os(), &crate::image::Os::Linux);
    }
}
