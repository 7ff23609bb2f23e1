//! Verifying a whole image layout (fsck): [image-spec v1.1.1,
//! image-layout.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-layout.md),
//! with the rules of [descriptor.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/descriptor.md#verification),
//! [manifest.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/manifest.md)
//! and [config.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/config.md).
//!
//! The walk starts at `index.json` and follows every descriptor (index
//! entries, configs, layers, subjects) depth first. Each blob is verified
//! once, streamed through the hasher in a fixed buffer (memory does not
//! grow with blob size); a blob whose stored length differs from its
//! descriptor's size is reported without reading it. Documents are read
//! whole up to [`MAX_DOCUMENT_SIZE`], decoded and validated. The chain of
//! digests being walked is kept, so a cycle (possible only through blobs
//! whose content does not match their digest) is reported, not followed,
//! and nesting stops at [`MAX_DEPTH`].

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

use crate::ModelError;
use crate::image::layout::report::{LayoutProblem, LayoutReport};
use crate::image::layout::{BlobEntryKind, MAX_DEPTH, MAX_DOCUMENT_SIZE, ReadLayout, blob_path};
use crate::image::{
    Descriptor, Digest, ImageConfiguration, ImageIndex, ImageManifest, MediaType, rules,
};
use crate::validate::{Rule, Validate};

mod blob;

/// The role a descriptor has in the document that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Entry,
    Config,
    Layer,
    Subject,
}

/// How a blob is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Index,
    Manifest,
    Config,
    Blob,
}

fn kind_of(media_type: &MediaType, role: Role) -> Kind {
    if media_type.is_index() {
        Kind::Index
    } else if *media_type == MediaType::ImageManifest
        || media_type.as_str() == MediaType::DOCKER_MANIFEST
    {
        Kind::Manifest
    } else if role == Role::Config && media_type.is_config() {
        Kind::Config
    } else {
        Kind::Blob
    }
}

/// What a visit of one blob found, for later references to it.
#[derive(Debug, Clone, Default)]
struct Visit {
    /// The document's own `mediaType` member.
    content_type: Option<MediaType>,
    /// The number of `rootfs.diff_ids` of a configuration.
    diff_ids: Option<usize>,
}

const BUFFER: usize = 256 * 1024;

pub(super) struct Walker<'a, L> {
    layout: &'a L,
    report: LayoutReport,
    /// Visits by digest, declared size and kind: a second reference with
    /// another size is checked again.
    seen: BTreeMap<(Digest, u64, Kind), Visit>,
    reached: BTreeSet<Digest>,
    reported: BTreeSet<String>,
    stack: Vec<Digest>,
    buf: Vec<u8>,
}

/// Walks `layout` from its `index.json`; `problems` found before (in
/// `oci-layout`, in an archive's entries) come first in the report.
pub(crate) fn walk<L: ReadLayout>(layout: &L, problems: Vec<LayoutProblem>) -> LayoutReport {
    let mut w = Walker {
        layout,
        report: LayoutReport::default(),
        seen: BTreeMap::new(),
        reached: BTreeSet::new(),
        reported: BTreeSet::new(),
        stack: Vec::new(),
        buf: vec![0; BUFFER],
    };
    for p in problems {
        if let Some(entry) = p.location().strip_prefix("blobs/") {
            w.reported.insert(format!("blobs/{entry}"));
        }
        w.report.push(p);
    }
    let index = layout.index();
    for v in index.validate().violations() {
        w.report
            .push(LayoutProblem::from_violation("index.json", v));
    }
    for (i, d) in index.manifests().iter().enumerate() {
        w.descriptor(&format!("index.json → manifests[{i}]"), d, Role::Entry);
    }
    if let Some(s) = index.subject() {
        w.descriptor("index.json → subject", s, Role::Subject);
    }
    w.entries();
    w.report
}

impl<L: ReadLayout> Walker<'_, L> {
    fn problem(&mut self, location: &str, rule: &'static Rule, message: String) {
        self.report
            .push(LayoutProblem::new(location, rule, message));
    }

    /// Visits one descriptor; returns the number of `diff_ids` when it is
    /// an image configuration.
    fn descriptor(&mut self, loc: &str, d: &Descriptor, role: Role) -> Option<usize> {
        let digest = d.digest();
        self.reached.insert(digest.clone());
        if self.stack.contains(digest) {
            self.problem(
                loc,
                &rules::LAYOUT_CYCLE,
                format!("{digest} refers back to a document on its own path: not followed"),
            );
            return None;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.problem(
                loc,
                &rules::LAYOUT_DEPTH,
                format!("nested more than {MAX_DEPTH} documents deep: not followed"),
            );
            return None;
        }
        let kind = kind_of(d.media_type(), role);
        if let Some(visit) = self.seen.get(&(digest.clone(), d.size(), kind)).cloned() {
            self.check_content_type(loc, d, visit.content_type.as_ref());
            return visit.diff_ids;
        }
        let visit = match kind {
            Kind::Blob => {
                self.stream(loc, d, role);
                Visit::default()
            }
            _ => self.document(loc, d, kind).unwrap_or_default(),
        };
        let diff_ids = visit.diff_ids;
        self.seen.insert((digest.clone(), d.size(), kind), visit);
        diff_ids
    }

    /// Reads, verifies, decodes and walks a document.
    fn document(&mut self, loc: &str, d: &Descriptor, kind: Kind) -> Option<Visit> {
        if d.size() > MAX_DOCUMENT_SIZE {
            self.problem(
                loc,
                &rules::LAYOUT_DOCUMENT_SIZE,
                format!(
                    "{} bytes for a {}: over the limit of {MAX_DOCUMENT_SIZE} bytes, not read",
                    d.size(),
                    d.media_type()
                ),
            );
            return None;
        }
        let mut hasher = self.hasher(loc, d)?;
        let role = if kind == Kind::Config {
            Role::Config
        } else {
            Role::Entry
        };
        let raw = self.open(loc, d, role)?;
        let mut bytes = Vec::with_capacity(usize::try_from(d.size()).unwrap_or(0));
        let read = raw
            .into_reader()
            .take(d.size().saturating_add(1))
            .read_to_end(&mut bytes);
        if let Err(e) = read {
            self.problem(
                loc,
                &rules::LAYOUT_BLOB_MISSING,
                format!("{} cannot be read: {e}", blob_path(d.digest())),
            );
            return None;
        }
        hasher.update(&bytes);
        self.report.count_blob(bytes.len() as u64);
        // A digest mismatch is reported; the content is still decoded and
        // walked, to find what else is wrong (hence the cycle check).
        self.verify(loc, d, hasher);
        match kind {
            Kind::Index => self.index(loc, d, &bytes),
            Kind::Manifest => self.manifest(loc, d, &bytes),
            Kind::Config => self.config(loc, d, &bytes),
            Kind::Blob => None,
        }
    }

    fn decode<T: serde::de::DeserializeOwned + Validate>(
        &mut self,
        loc: &str,
        d: &Descriptor,
        bytes: &[u8],
    ) -> Option<T> {
        match crate::io::from_slice::<T>(bytes) {
            Ok(v) => {
                for violation in v.validate().violations() {
                    self.report
                        .push(LayoutProblem::from_violation(loc, violation));
                }
                Some(v)
            }
            Err(ModelError::Decode(e)) => {
                self.report.push(
                    LayoutProblem::new(
                        loc,
                        &rules::LAYOUT_DOCUMENT,
                        format!("does not decode as {}: {e}", d.media_type()),
                    )
                    .at_pointer(e.pointer()),
                );
                None
            }
            Err(e) => {
                self.problem(
                    loc,
                    &rules::LAYOUT_DOCUMENT,
                    format!("does not decode as {}: {e}", d.media_type()),
                );
                None
            }
        }
    }

    fn check_content_type(&mut self, loc: &str, d: &Descriptor, content: Option<&MediaType>) {
        if let Some(m) = content {
            if m != d.media_type() {
                self.report.push(
                    LayoutProblem::new(
                        loc,
                        &rules::LAYOUT_MEDIA_TYPE,
                        format!(
                            "the descriptor says {}, the content's mediaType is {m}",
                            d.media_type()
                        ),
                    )
                    .at_pointer("/mediaType"),
                );
            }
        }
    }

    fn index(&mut self, loc: &str, d: &Descriptor, bytes: &[u8]) -> Option<Visit> {
        let index: ImageIndex = self.decode(loc, d, bytes)?;
        self.check_content_type(loc, d, index.media_type().as_ref());
        self.stack.push(d.digest().clone());
        for (i, m) in index.manifests().iter().enumerate() {
            self.descriptor(&format!("{loc} → manifests[{i}]"), m, Role::Entry);
        }
        if let Some(s) = index.subject() {
            self.descriptor(&format!("{loc} → subject"), s, Role::Subject);
        }
        self.stack.pop();
        Some(Visit {
            content_type: index.media_type().clone(),
            diff_ids: None,
        })
    }

    fn manifest(&mut self, loc: &str, d: &Descriptor, bytes: &[u8]) -> Option<Visit> {
        let manifest: ImageManifest = self.decode(loc, d, bytes)?;
        self.check_content_type(loc, d, manifest.media_type().as_ref());
        self.stack.push(d.digest().clone());
        let config = manifest.config();
        let diff_ids = self.descriptor(&format!("{loc} → config"), config, Role::Config);
        for (i, l) in manifest.layers().iter().enumerate() {
            self.descriptor(&format!("{loc} → layers[{i}]"), l, Role::Layer);
        }
        if let Some(s) = manifest.subject() {
            self.descriptor(&format!("{loc} → subject"), s, Role::Subject);
        }
        self.stack.pop();
        if let Some(n) = diff_ids {
            let layers = manifest.layers().len();
            if n != layers {
                self.report.push(
                    LayoutProblem::new(
                        loc,
                        &rules::LAYOUT_DIFF_IDS,
                        format!(
                            "the configuration's rootfs.diff_ids has {n} entries, the manifest has {layers} layers"
                        ),
                    )
                    .at_pointer("/layers"),
                );
            }
        }
        Some(Visit {
            content_type: manifest.media_type().clone(),
            diff_ids: None,
        })
    }

    fn config(&mut self, loc: &str, d: &Descriptor, bytes: &[u8]) -> Option<Visit> {
        let config: ImageConfiguration = self.decode(loc, d, bytes)?;
        Some(Visit {
            content_type: None,
            diff_ids: Some(config.rootfs().diff_ids().len()),
        })
    }

    /// Lists the entries of `blobs/`: unreferenced blobs, temporary files,
    /// and entries that have no place there.
    fn entries(&mut self) {
        let entries = match self.layout.blob_entries() {
            Ok(e) => e,
            Err(ModelError::Layout(e)) => {
                self.problem(e.entry(), &rules::LAYOUT_ENTRY, e.message().to_owned());
                return;
            }
            Err(e) => {
                self.problem("blobs", &rules::LAYOUT_ENTRY, e.to_string());
                return;
            }
        };
        for e in entries {
            match e.kind() {
                BlobEntryKind::Blob(digest) => {
                    if !self.reached.contains(digest) {
                        self.report.add_unreferenced(e.path().to_owned());
                    }
                }
                BlobEntryKind::Temporary => self.report.add_unreferenced(e.path().to_owned()),
                BlobEntryKind::Link => {
                    if !self.reported.contains(e.path()) {
                        self.problem(
                            e.path(),
                            &rules::LAYOUT_ENTRY,
                            "is a link: refused, not followed".to_owned(),
                        );
                    }
                }
                BlobEntryKind::Unexpected(what) => {
                    let what = what.clone();
                    self.problem(e.path(), &rules::LAYOUT_BLOB_NAME, what);
                }
            }
        }
    }
}
