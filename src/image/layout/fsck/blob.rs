//! Verifying one blob of a layout: [image-spec v1.1.1, descriptor.md,
//! verification](https://github.com/opencontainers/image-spec/blob/v1.1.1/descriptor.md#verification):
//! its stored length against the declared size (without reading), then its
//! digest, streamed through the hasher in the walker's fixed buffer; for a
//! layer, its first bytes against the compression its media type names
//! ([layer.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md)).

use std::io::Read;

use crate::ModelError;
use crate::image::layout::RawBlob;
use crate::image::layout::fsck::{Role, Walker};
use crate::image::layout::read::{ReadLayout, blob_path};
use crate::image::layout::report::LayoutProblem;
use crate::image::{Compression, Descriptor, DigestHasher, rules};

impl<L: ReadLayout> Walker<'_, L> {
    /// Opens the raw blob, reporting a missing or refused one and a
    /// stored length other than the declared size.
    pub(super) fn open(&mut self, loc: &str, d: &Descriptor, role: Role) -> Option<RawBlob<'_>> {
        let path = blob_path(d.digest());
        let raw = match self.layout.open_raw_blob(d.digest()) {
            Ok(Some(raw)) => raw,
            Ok(None) => {
                let elsewhere =
                    role == Role::Subject || d.urls().as_ref().is_some_and(|u| !u.is_empty());
                let rule = if elsewhere {
                    &rules::LAYOUT_BLOB_ELSEWHERE
                } else {
                    &rules::LAYOUT_BLOB_MISSING
                };
                self.report.push(LayoutProblem::new(
                    loc,
                    rule,
                    format!("{path} is not in the layout"),
                ));
                return None;
            }
            Err(ModelError::Layout(e)) => {
                self.reported.insert(path);
                self.report
                    .push(LayoutProblem::new(loc, &rules::LAYOUT_ENTRY, e.to_string()));
                return None;
            }
            Err(e) => {
                self.report.push(LayoutProblem::new(
                    loc,
                    &rules::LAYOUT_BLOB_MISSING,
                    format!("{path} cannot be read: {e}"),
                ));
                return None;
            }
        };
        if raw.len() != d.size() {
            let (more, n) = if raw.len() > d.size() {
                ("larger", raw.len() - d.size())
            } else {
                ("smaller", d.size() - raw.len())
            };
            self.report.push(LayoutProblem::new(
                loc,
                &rules::LAYOUT_BLOB_SIZE,
                format!(
                    "{path} has {} bytes, {n} {more} than the size {} its descriptor gives",
                    raw.len(),
                    d.size()
                ),
            ));
            return None;
        }
        Some(raw)
    }

    /// Streams a blob through the hasher; checks a layer's first bytes.
    pub(super) fn stream(&mut self, loc: &str, d: &Descriptor, role: Role) {
        let Some(mut hasher) = self.hasher(loc, d) else {
            return;
        };
        let mut buf = std::mem::take(&mut self.buf);
        let mut head = Vec::new();
        let result = match self.open(loc, d, role) {
            None => None,
            Some(raw) => {
                let mut reader = raw.into_reader().take(d.size().saturating_add(1));
                let mut result = Ok(());
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => {
                            if head.len() < 512 {
                                let more = (512 - head.len()).min(n);
                                head.extend_from_slice(&buf[..more]);
                            }
                            hasher.update(&buf[..n]);
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(e) => {
                            result = Err(e);
                            break;
                        }
                    }
                }
                Some(result)
            }
        };
        self.buf = buf;
        match result {
            None => {}
            Some(Err(e)) => self.problem(
                loc,
                &rules::LAYOUT_BLOB_MISSING,
                format!("{} cannot be read: {e}", blob_path(d.digest())),
            ),
            Some(Ok(())) => {
                let len = hasher.len();
                if self.verify(loc, d, hasher) && role == Role::Layer {
                    self.check_layer_head(loc, d, &head);
                }
                self.report.count_blob(len);
            }
        }
    }

    pub(super) fn hasher(&mut self, loc: &str, d: &Descriptor) -> Option<DigestHasher> {
        match DigestHasher::new(d.digest().algorithm()) {
            Ok(h) => Some(h),
            Err(e) => {
                self.problem(
                    loc,
                    &rules::LAYOUT_BLOB_DIGEST,
                    format!("cannot verify: {e}"),
                );
                None
            }
        }
    }

    /// Compares what was hashed with the descriptor; true when it matches.
    pub(super) fn verify(&mut self, loc: &str, d: &Descriptor, hasher: DigestHasher) -> bool {
        let len = hasher.len();
        if len != d.size() {
            self.problem(
                loc,
                &rules::LAYOUT_BLOB_SIZE,
                format!(
                    "{} changed while being read: {len} bytes read, expected {}",
                    blob_path(d.digest()),
                    d.size()
                ),
            );
            return false;
        }
        let actual = hasher.finalize();
        if &actual != d.digest() {
            self.problem(
                loc,
                &rules::LAYOUT_BLOB_DIGEST,
                format!(
                    "digest mismatch: {} hashes to \"{actual}\"",
                    blob_path(d.digest())
                ),
            );
            return false;
        }
        true
    }

    fn check_layer_head(&mut self, loc: &str, d: &Descriptor, head: &[u8]) {
        if !d.media_type().is_layer() || head.is_empty() {
            return;
        }
        let (ok, what) = match d.media_type().compression() {
            Some(Compression::Gzip) => (head.starts_with(&[0x1f, 0x8b]), "gzip"),
            Some(Compression::Zstd) => (head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]), "zstd"),
            Some(Compression::Uncompressed) if head.len() >= 262 => {
                (&head[257..262] == b"ustar", "tar")
            }
            _ => return,
        };
        if !ok {
            self.report.push(
                LayoutProblem::new(
                    loc,
                    &rules::LAYOUT_LAYER_CONTENT,
                    format!(
                        "mediaType {} says {what}, but the content does not start as {what} data",
                        d.media_type()
                    ),
                )
                .into_warning(),
            );
        }
    }
}
