//! Layer compression: plain tar, gzip and zstd ([image-spec v1.1.1,
//! layer.md, distributable format](https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md#distributable-format)
//! and media-types.md).

use std::io::{self, Read, Write};

use crate::image::{Compression, Digest, HashingWriter, MediaType};

/// The first bytes of a gzip stream (RFC 1952).
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// The first bytes of a zstd frame (RFC 8878).
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// The OCI layer media type of a layer compressed with `compression`
/// (the reverse of [`MediaType::compression`]).
pub fn layer_media_type(compression: Compression) -> MediaType {
    match compression {
        Compression::Gzip => MediaType::ImageLayerGzip,
        Compression::Zstd => MediaType::ImageLayerZstd,
        _ => MediaType::ImageLayer,
    }
}

/// The compression the first bytes of a layer show (the gzip and zstd
/// magic numbers); anything else is taken as a plain tar.
pub fn detect_compression(prefix: &[u8]) -> Compression {
    if prefix.starts_with(&GZIP_MAGIC) {
        Compression::Gzip
    } else if prefix.starts_with(&ZSTD_MAGIC) {
        Compression::Zstd
    } else {
        Compression::Uncompressed
    }
}

/// A compressor in front of `W`, hashing what it writes to `W` (the
/// compressed bytes: the layer's digest). Without compression nothing is
/// hashed here: the digest is the DiffID, hashed once before.
pub(crate) enum Encoder<W: Write> {
    None(W),
    Gzip(flate2::write::GzEncoder<HashingWriter<W>>),
    Zstd(zstd::stream::write::Encoder<'static, HashingWriter<W>>),
}

impl<W: Write> Encoder<W> {
    /// A compressor of `compression` at `level` (gzip 0-9, default 6; zstd
    /// 1-22, default 3).
    pub(crate) fn new(inner: W, compression: Compression, level: Option<u32>) -> io::Result<Self> {
        Ok(match compression {
            // GzEncoder's header has mtime 0, no name and OS "unknown":
            // the same input gives the same bytes.
            Compression::Gzip => Encoder::Gzip(flate2::write::GzEncoder::new(
                HashingWriter::sha256(inner),
                flate2::Compression::new(level.unwrap_or(6).min(9)),
            )),
            Compression::Zstd => {
                let level = level.map_or(3, |l| i32::try_from(l.min(22)).unwrap_or(3));
                Encoder::Zstd(zstd::stream::write::Encoder::new(
                    HashingWriter::sha256(inner),
                    level,
                )?)
            }
            _ => Encoder::None(inner),
        })
    }

    /// Ends the compressed stream and returns the writer behind it, with
    /// the digest and size of the compressed bytes (`None` without
    /// compression).
    pub(crate) fn finish(self) -> io::Result<(W, Option<(Digest, u64)>)> {
        let hashed = match self {
            Encoder::None(w) => return Ok((w, None)),
            Encoder::Gzip(g) => g.finish()?,
            Encoder::Zstd(z) => z.finish()?,
        };
        let (w, digest, size) = hashed.finish();
        Ok((w, Some((digest, size))))
    }
}

impl<W: Write> Write for Encoder<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Encoder::None(w) => w.write(buf),
            Encoder::Gzip(g) => g.write(buf),
            Encoder::Zstd(z) => z.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Encoder::None(w) => w.flush(),
            Encoder::Gzip(g) => g.flush(),
            Encoder::Zstd(z) => z.flush(),
        }
    }
}

/// A decompressor behind `R`.
pub(crate) enum Decoder<R: Read> {
    None(R),
    // A layer may be several gzip members one after the other (pigz).
    // Boxed: the gzip member parser's state is some 300 bytes.
    Gzip(Box<flate2::read::MultiGzDecoder<R>>),
    Zstd(zstd::stream::read::Decoder<'static, io::BufReader<R>>),
}

impl<R: Read> Decoder<R> {
    pub(crate) fn new(inner: R, compression: Compression) -> io::Result<Self> {
        Ok(match compression {
            Compression::Gzip => Decoder::Gzip(Box::new(flate2::read::MultiGzDecoder::new(inner))),
            Compression::Zstd => Decoder::Zstd(zstd::stream::read::Decoder::new(inner)?),
            _ => Decoder::None(inner),
        })
    }

    /// The compressed reader behind the decompressor.
    pub(crate) fn into_inner(self) -> R {
        match self {
            Decoder::None(r) => r,
            Decoder::Gzip(g) => g.into_inner(),
            Decoder::Zstd(z) => z.finish().into_inner(),
        }
    }
}

impl<R: Read> Read for Decoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Decoder::None(r) => r.read(buf),
            Decoder::Gzip(g) => g.read(buf),
            Decoder::Zstd(z) => z.read(buf),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers() {
        assert_eq!(detect_compression(&[0x1f, 0x8b, 8, 0]), Compression::Gzip);
        assert_eq!(
            detect_compression(&[0x28, 0xb5, 0x2f, 0xfd]),
            Compression::Zstd
        );
        assert_eq!(detect_compression(b"etc/"), Compression::Uncompressed);
        assert_eq!(detect_compression(&[]), Compression::Uncompressed);
    }

    #[test]
    fn media_types_both_ways() {
        for c in [
            Compression::Uncompressed,
            Compression::Gzip,
            Compression::Zstd,
        ] {
            assert_eq!(layer_media_type(c).compression(), Some(c));
        }
    }
}
