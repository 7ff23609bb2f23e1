//! Computing and verifying digests (feature `hash`): [image-spec v1.1.1,
//! descriptor.md "Verification"](https://github.com/opencontainers/image-spec/blob/v1.1.1/descriptor.md#verification).
//!
//! sha256, sha384 and sha512 are computed with the RustCrypto `sha2` crate;
//! any other algorithm (including `blake3`) gives
//! [`VerifyError::UnsupportedAlgorithm`]. Readers and writers hash as the
//! bytes pass, in constant memory.
//!
//! ```
//! use oci_model::image::{Descriptor, Digest, MediaType};
//!
//! let d = Descriptor::from_bytes(MediaType::EmptyJSON, b"{}");
//! assert_eq!(d, Descriptor::new(MediaType::EmptyJSON, 2, Digest::sha256_of(b"{}")));
//! d.verify(b"{}")?;
//! assert!(d.verify(b"[]").is_err());
//! # Ok::<(), oci_model::ModelError>(())
//! ```

use std::io::{self, Read, Write};

use sha2::Digest as _;

use crate::error::{ModelError, VerifyError};
use crate::image::{Descriptor, Digest, DigestAlgorithm, MediaType};

/// A running hash of one of the supported algorithms, counting bytes.
#[derive(Clone, Debug)]
pub struct DigestHasher {
    algorithm: &'static DigestAlgorithm,
    state: State,
    len: u64,
}

#[derive(Clone, Debug)]
enum State {
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl DigestHasher {
    /// A hasher for `algorithm`.
    ///
    /// # Errors
    /// [`VerifyError::UnsupportedAlgorithm`] for an algorithm other than
    /// sha256, sha384 or sha512.
    pub fn new(algorithm: &DigestAlgorithm) -> crate::ModelResult<Self> {
        let algorithm = Digest::known_algorithm(algorithm).ok_or_else(|| unsupported(algorithm))?;
        let state = match algorithm {
            DigestAlgorithm::Sha256 => State::Sha256(sha2::Sha256::new()),
            DigestAlgorithm::Sha384 => State::Sha384(sha2::Sha384::new()),
            DigestAlgorithm::Sha512 => State::Sha512(sha2::Sha512::new()),
            other => return Err(unsupported(other)),
        };
        Ok(Self {
            algorithm,
            state,
            len: 0,
        })
    }

    /// A sha256 hasher.
    pub fn sha256() -> Self {
        Self {
            algorithm: &SHA256,
            state: State::Sha256(sha2::Sha256::new()),
            len: 0,
        }
    }

    /// Adds bytes.
    pub fn update(&mut self, bytes: &[u8]) {
        self.len += bytes.len() as u64;
        match &mut self.state {
            State::Sha256(h) => h.update(bytes),
            State::Sha384(h) => h.update(bytes),
            State::Sha512(h) => h.update(bytes),
        }
    }

    /// The number of bytes hashed so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// True when no byte was hashed yet.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The digest of the bytes hashed.
    pub fn finalize(self) -> Digest {
        let hex = match self.state {
            State::Sha256(h) => hex(&h.finalize()),
            State::Sha384(h) => hex(&h.finalize()),
            State::Sha512(h) => hex(&h.finalize()),
        };
        Digest::from_computed(self.algorithm, &hex)
    }
}

static SHA256: DigestAlgorithm = DigestAlgorithm::Sha256;

fn unsupported(algorithm: &DigestAlgorithm) -> ModelError {
    VerifyError::UnsupportedAlgorithm(algorithm.as_str().to_owned()).into()
}

fn hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

impl Digest {
    /// The sha256 digest of `bytes`.
    pub fn sha256_of(bytes: &[u8]) -> Digest {
        let mut h = DigestHasher::sha256();
        h.update(bytes);
        h.finalize()
    }

    /// The digest of `bytes` with `algorithm`.
    ///
    /// # Errors
    /// [`VerifyError::UnsupportedAlgorithm`] for an algorithm other than
    /// sha256, sha384 or sha512.
    pub fn compute(algorithm: &DigestAlgorithm, bytes: &[u8]) -> crate::ModelResult<Digest> {
        let mut h = DigestHasher::new(algorithm)?;
        h.update(bytes);
        Ok(h.finalize())
    }

    /// The digest of everything `reader` yields, and its length, read in
    /// chunks (constant memory).
    ///
    /// # Errors
    /// [`VerifyError::UnsupportedAlgorithm`] as [`Digest::compute`];
    /// [`ModelError::Io`] when reading fails.
    pub fn compute_reader<R: Read>(
        algorithm: &DigestAlgorithm,
        mut reader: R,
    ) -> crate::ModelResult<(Digest, u64)> {
        let mut h = DigestHasher::new(algorithm)?;
        let mut buf = [0u8; 16 * 1024];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => h.update(&buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.into()),
            }
        }
        let len = h.len();
        Ok((h.finalize(), len))
    }

    /// Checks that `bytes` hash to this digest.
    ///
    /// # Errors
    /// [`VerifyError::Digest`] when they do not;
    /// [`VerifyError::UnsupportedAlgorithm`] when the algorithm cannot be computed.
    pub fn verify(&self, bytes: &[u8]) -> crate::ModelResult<()> {
        let actual = Digest::compute(self.algorithm(), bytes)?;
        check_digest(self, &actual)
    }
}

fn check_digest(expected: &Digest, actual: &Digest) -> crate::ModelResult<()> {
    if expected == actual {
        Ok(())
    } else {
        Err(VerifyError::Digest {
            expected: expected.to_string(),
            actual: actual.to_string(),
        }
        .into())
    }
}

fn check_size(expected: u64, actual: u64) -> crate::ModelResult<()> {
    if expected == actual {
        Ok(())
    } else {
        Err(VerifyError::Size { expected, actual }.into())
    }
}

impl Descriptor {
    /// The descriptor of `bytes`: their sha256 digest and length.
    pub fn from_bytes(media_type: MediaType, bytes: &[u8]) -> Descriptor {
        Descriptor::new(media_type, bytes.len() as u64, Digest::sha256_of(bytes))
    }

    /// The descriptor of everything `reader` yields (sha256, read in chunks).
    /// (`from_reader` is the JSON decoder every document has.)
    ///
    /// # Errors
    /// [`ModelError::Io`] when reading fails.
    pub fn from_blob_reader<R: Read>(
        media_type: MediaType,
        reader: R,
    ) -> crate::ModelResult<Descriptor> {
        let (digest, len) = Digest::compute_reader(&DigestAlgorithm::Sha256, reader)?;
        Ok(Descriptor::new(media_type, len, digest))
    }

    /// Checks that `bytes` are the content: size first, then digest.
    ///
    /// # Errors
    /// [`VerifyError::Size`], [`VerifyError::Digest`] or
    /// [`VerifyError::UnsupportedAlgorithm`] inside [`ModelError::Verify`].
    pub fn verify(&self, bytes: &[u8]) -> crate::ModelResult<()> {
        check_size(self.size(), bytes.len() as u64)?;
        self.digest().verify(bytes)
    }

    /// Checks that the embedded `data` is the content (no `data` passes).
    ///
    /// # Errors
    /// [`ModelError::Parse`] when `data` is not padded standard base64;
    /// otherwise as [`Descriptor::verify`].
    pub fn verify_data(&self) -> crate::ModelResult<()> {
        match self.decoded_data()? {
            Some(bytes) => self.verify(&bytes),
            None => Ok(()),
        }
    }
}

/// A reader that hashes and counts what passes through it; call
/// [`VerifyingReader::finish`] at the end to compare with the expected
/// size and digest.
///
/// It fails a read with [`io::ErrorKind::InvalidData`] as soon as more
/// bytes than expected arrive, so an oversized blob is not read to its end.
#[derive(Debug)]
pub struct VerifyingReader<R> {
    inner: R,
    hasher: DigestHasher,
    expected_digest: Digest,
    expected_size: u64,
}

impl<R: Read> VerifyingReader<R> {
    /// Wraps `inner`, expecting `size` bytes hashing to `digest`.
    ///
    /// # Errors
    /// [`VerifyError::UnsupportedAlgorithm`] when the digest's algorithm
    /// cannot be computed.
    pub fn new(inner: R, digest: Digest, size: u64) -> crate::ModelResult<Self> {
        Ok(Self {
            inner,
            hasher: DigestHasher::new(digest.algorithm())?,
            expected_digest: digest,
            expected_size: size,
        })
    }

    /// Wraps `inner`, expecting the content `descriptor` describes.
    ///
    /// # Errors
    /// As [`VerifyingReader::new`].
    pub fn for_descriptor(inner: R, descriptor: &Descriptor) -> crate::ModelResult<Self> {
        Self::new(inner, descriptor.digest().clone(), descriptor.size())
    }

    /// The number of bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.hasher.len()
    }

    /// Reads what is left, then checks size and digest, and returns the
    /// inner reader.
    ///
    /// # Errors
    /// [`ModelError::Io`] when reading fails; [`VerifyError::Size`] or
    /// [`VerifyError::Digest`] when the content does not match.
    pub fn finish(mut self) -> crate::ModelResult<R> {
        io::copy(&mut self, &mut io::sink()).map_err(|e| {
            if self.hasher.len() > self.expected_size {
                ModelError::from(VerifyError::Size {
                    expected: self.expected_size,
                    actual: self.hasher.len(),
                })
            } else {
                ModelError::from(e)
            }
        })?;
        check_size(self.expected_size, self.hasher.len())?;
        let actual = self.hasher.finalize();
        check_digest(&self.expected_digest, &actual)?;
        Ok(self.inner)
    }
}

impl<R: Read> Read for VerifyingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        if self.hasher.len() > self.expected_size {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                VerifyError::Size {
                    expected: self.expected_size,
                    actual: self.hasher.len(),
                },
            ));
        }
        Ok(n)
    }
}

/// A writer that hashes and counts what passes through it.
#[derive(Debug)]
pub struct HashingWriter<W> {
    inner: W,
    hasher: DigestHasher,
}

impl<W: Write> HashingWriter<W> {
    /// Wraps `inner`, hashing with `algorithm`.
    ///
    /// # Errors
    /// [`VerifyError::UnsupportedAlgorithm`] for an algorithm other than
    /// sha256, sha384 or sha512.
    pub fn new(inner: W, algorithm: &DigestAlgorithm) -> crate::ModelResult<Self> {
        Ok(Self {
            inner,
            hasher: DigestHasher::new(algorithm)?,
        })
    }

    /// Wraps `inner`, hashing with sha256.
    pub fn sha256(inner: W) -> Self {
        Self {
            inner,
            hasher: DigestHasher::sha256(),
        }
    }

    /// The number of bytes written so far.
    pub fn bytes_written(&self) -> u64 {
        self.hasher.len()
    }

    /// The inner writer, the digest and the number of bytes written.
    pub fn finish(self) -> (W, Digest, u64) {
        let len = self.hasher.len();
        (self.inner, self.hasher.finalize(), len)
    }

    /// Checks what was written against `descriptor` and returns the inner writer.
    ///
    /// # Errors
    /// [`VerifyError::Size`] or [`VerifyError::Digest`] inside
    /// [`ModelError::Verify`].
    pub fn verify(self, descriptor: &Descriptor) -> crate::ModelResult<W> {
        let (w, digest, len) = self.finish();
        check_size(descriptor.size(), len)?;
        check_digest(descriptor.digest(), &digest)?;
        Ok(w)
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPTY: &str = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn known_values() {
        assert_eq!(Digest::sha256_of(b"").as_str(), EMPTY);
        assert_eq!(
            Digest::sha256_of(b"{}").as_str(),
            crate::image::EMPTY_DIGEST
        );
        let d = Digest::compute(&DigestAlgorithm::Sha512, b"").unwrap();
        assert!(d.as_str().starts_with("sha512:cf83e135"), "{d}");
        assert_eq!(d.digest().len(), 128);
        let d = Digest::compute(&DigestAlgorithm::Sha384, b"").unwrap();
        assert_eq!(d.digest().len(), 96);
        // Computed digests parse back.
        assert_eq!(Digest::parse(d.as_str()).unwrap(), d);
    }

    #[test]
    fn blake3_is_unsupported() {
        let e = Digest::compute(&DigestAlgorithm::Blake3, b"").unwrap_err();
        assert!(matches!(
            e,
            ModelError::Verify(VerifyError::UnsupportedAlgorithm(ref a)) if a == "blake3"
        ));
    }

    #[test]
    fn reader_verifies() {
        let d = Descriptor::from_bytes(MediaType::ImageLayer, b"hello");
        let r = VerifyingReader::for_descriptor(&b"hello"[..], &d).unwrap();
        r.finish().unwrap();
        let r = VerifyingReader::for_descriptor(&b"hellO"[..], &d).unwrap();
        assert!(matches!(
            r.finish(),
            Err(ModelError::Verify(VerifyError::Digest { .. }))
        ));
        let r = VerifyingReader::for_descriptor(&b"hello!"[..], &d).unwrap();
        assert!(matches!(
            r.finish(),
            Err(ModelError::Verify(VerifyError::Size {
                expected: 5,
                actual: 6
            }))
        ));
        let r = VerifyingReader::for_descriptor(&b"hell"[..], &d).unwrap();
        assert!(matches!(
            r.finish(),
            Err(ModelError::Verify(VerifyError::Size {
                expected: 5,
                actual: 4
            }))
        ));
    }

    #[test]
    fn writer_hashes() {
        let mut w = HashingWriter::sha256(Vec::new());
        w.write_all(b"{}").unwrap();
        let out = w.verify(&Descriptor::empty()).unwrap();
        assert_eq!(out, b"{}");
        let d = Descriptor::from_blob_reader(MediaType::EmptyJSON, &b"{}"[..]).unwrap();
        assert_eq!(d.digest().as_str(), crate::image::EMPTY_DIGEST);
        Descriptor::empty().verify_data().unwrap();
    }
}
