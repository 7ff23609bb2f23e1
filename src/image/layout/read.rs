//! Reading an image layout, directory or archive alike: blobs by
//! descriptor, images by name or platform ([image-spec v1.1.1,
//! image-layout.md "index.json file"](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-layout.md#indexjson-file)).

use std::io::Read;

use crate::error::VerifyError;
use crate::image::index_select::{best, candidates, ranked};
use crate::image::layout::blob::{BlobEntry, BlobReader, RawBlob, unwrap_io};
use crate::image::layout::error::{LayoutError, LayoutErrorKind};
use crate::image::layout::fsck;
use crate::image::layout::report::LayoutReport;
use crate::image::{
    ANNOTATION_REF_NAME, Descriptor, Digest, ImageIndex, Platform, PlatformMatcher, Stored,
    StoredDocument,
};

/// The largest document (index, manifest, configuration) read into memory
/// when walking a layout: 4 MiB, the size registries accept for manifests.
pub const MAX_DOCUMENT_SIZE: u64 = 4 * 1024 * 1024;

/// How many indexes deep a walk from `index.json` goes before it stops.
pub const MAX_DEPTH: usize = 16;

/// Reading an image layout: implemented by
/// [`ImageLayout`](crate::image::layout::ImageLayout) (a directory) and,
/// with the `layout-tar` feature, `LayoutArchive` (a `.tar`).
///
/// The required methods give raw access; the provided ones verify what
/// they read.
pub trait ReadLayout {
    /// The layout's `index.json`.
    fn index(&self) -> &ImageIndex;

    /// The stored blob named by `digest`, unchecked; `None` when the layout
    /// has none. Entries that would lead outside the layout (symbolic
    /// links, ...) are refused, never followed.
    ///
    /// # Errors
    /// [`LayoutErrorKind::UnsafeEntry`] for such an entry; I/O errors.
    fn open_raw_blob(&self, digest: &Digest) -> crate::ModelResult<Option<RawBlob<'_>>>;

    /// Every entry below `blobs/`, sorted by path.
    ///
    /// # Errors
    /// I/O errors while listing.
    fn blob_entries(&self) -> crate::ModelResult<Vec<BlobEntry>>;

    /// A reader of the blob `descriptor` points to, which verifies size and
    /// digest as it goes (see [`BlobReader`]).
    ///
    /// # Errors
    /// [`LayoutErrorKind::BlobMissing`] when the layout does not have it;
    /// otherwise as [`ReadLayout::open_raw_blob`] and [`BlobReader::new`].
    fn open_blob(&self, descriptor: &Descriptor) -> crate::ModelResult<BlobReader<'_>> {
        let Some(raw) = self.open_raw_blob(descriptor.digest())? else {
            return Err(missing(descriptor.digest()).into());
        };
        BlobReader::new(raw, descriptor)
    }

    /// The whole blob `descriptor` points to, verified, refusing one larger
    /// than `limit` bytes before reading anything.
    ///
    /// # Errors
    /// [`VerifyError::TooLarge`] over the limit, [`VerifyError::Size`] or
    /// [`VerifyError::Digest`] for content that does not match; otherwise
    /// as [`ReadLayout::open_blob`].
    fn read_blob(&self, descriptor: &Descriptor, limit: u64) -> crate::ModelResult<Vec<u8>> {
        check_size_limit(descriptor, limit)?;
        let mut reader = self.open_blob(descriptor)?;
        let mut bytes = Vec::with_capacity(usize::try_from(descriptor.size()).unwrap_or(0));
        reader.read_to_end(&mut bytes).map_err(unwrap_io)?;
        Ok(bytes)
    }

    /// The document `descriptor` points to, verified, decoded, with its
    /// bytes kept (see [`Stored`]).
    ///
    /// # Errors
    /// As [`ReadLayout::read_blob`]; [`crate::ModelError::Decode`] when
    /// the bytes do not decode as `T`.
    fn read_stored<T: StoredDocument>(
        &self,
        descriptor: &Descriptor,
        limit: u64,
    ) -> crate::ModelResult<Stored<T>> {
        let bytes = self.read_blob(descriptor, limit)?;
        Stored::from_descriptor(descriptor, bytes)
    }

    /// Every entry of `index.json` with its name
    /// (`org.opencontainers.image.ref.name`, when it has one), in order.
    fn images(&self) -> Vec<(Option<&str>, &Descriptor)> {
        self.index()
            .manifests()
            .iter()
            .map(|d| (ref_name(d), d))
            .collect()
    }

    /// The entries of `index.json` named `name`
    /// (`org.opencontainers.image.ref.name`).
    fn find(&self, name: &str) -> Vec<&Descriptor> {
        self.index()
            .manifests()
            .iter()
            .filter(|d| ref_name(d) == Some(name))
            .collect()
    }

    /// The one manifest (not index) that `name` and `platform` select:
    /// [`ReadLayout::resolve_matching`] with [`PlatformMatcher::only`]
    /// (the platform and what runs on it, as `ImageIndex::select` and
    /// `oci-model select` choose by default), or any manifest for `None`.
    ///
    /// # Errors
    /// As [`ReadLayout::resolve_matching`].
    fn resolve(
        &self,
        name: Option<&str>,
        platform: Option<&Platform>,
    ) -> crate::ModelResult<Descriptor> {
        let matcher = platform.map(PlatformMatcher::only);
        self.resolve_matching(name, matcher.as_ref())
    }

    /// The one manifest (not index) that `name` and `matcher` select: the
    /// entries of `index.json` named `name` (all entries for `None`),
    /// followed through image indexes, ranked as
    /// [`ImageIndex::matching_with`] ranks them with this layout's blobs:
    /// an entry without `platform` (as umoci and skopeo write them) is
    /// matched by its image configuration's platform. The answer is the
    /// best match, the manifest [`ImageIndex::select_with`] picks, when no
    /// other manifest is as good; with `matcher` `None`, the only manifest.
    ///
    /// # Errors
    /// [`LayoutErrorKind::NotFound`] when nothing matches,
    /// [`LayoutErrorKind::Ambiguous`] when several different manifests are
    /// equally good (or, without a matcher, when there are several),
    /// [`LayoutErrorKind::Invalid`] for indexes nested deeper than
    /// [`MAX_DEPTH`]; errors reading the blobs on the way.
    fn resolve_matching(
        &self,
        name: Option<&str>,
        matcher: Option<&PlatformMatcher>,
    ) -> crate::ModelResult<Descriptor> {
        let roots: Vec<Descriptor> = match name {
            Some(n) => self.find(n).into_iter().cloned().collect(),
            None => self.index().manifests().clone(),
        };
        let wanted = matcher.map(|m| {
            m.platforms()
                .next()
                .map_or_else(String::new, ToString::to_string)
        });
        let what = match (name, &wanted) {
            (Some(n), Some(p)) => format!("{n} for {p}"),
            (Some(n), None) => n.to_owned(),
            (None, Some(p)) => p.clone(),
            (None, None) => "any image".to_owned(),
        };
        if roots.is_empty() {
            return Err(LayoutError::new(
                LayoutErrorKind::NotFound,
                "index.json",
                format!("no image named {}", crate::validate::quote(&what)),
            )
            .into());
        }
        let mut deepest = None;
        let mut fetch = |d: &Descriptor| self.read_blob(d, MAX_DOCUMENT_SIZE);
        let found = candidates(&roots, matcher, &mut fetch, &mut deepest)?;
        if let Some(d) = deepest {
            return Err(LayoutError::new(
                LayoutErrorKind::Invalid,
                blob_path(d.digest()),
                format!("image indexes nested deeper than {MAX_DEPTH}"),
            )
            .into());
        }
        let mut chosen: Vec<Descriptor> = match matcher {
            None => found.into_iter().map(|c| c.descriptor).collect(),
            Some(m) => {
                let mut ranked = ranked(found, m);
                ranked.truncate(best(&ranked, m));
                ranked.into_iter().map(|(d, _)| d).collect()
            }
        };
        let mut digests: Vec<&Digest> = chosen.iter().map(Descriptor::digest).collect();
        digests.sort();
        digests.dedup();
        match digests.len() {
            0 => Err(LayoutError::new(
                LayoutErrorKind::NotFound,
                "index.json",
                format!("no manifest matches {}", crate::validate::quote(&what)),
            )
            .into()),
            1 => Ok(chosen.swap_remove(0)),
            n => Err(LayoutError::new(
                LayoutErrorKind::Ambiguous,
                "index.json",
                format!(
                    "{n} manifests match {} ({}): expected one; {}",
                    crate::validate::quote(&what),
                    digests
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                    match (name, matcher) {
                        (_, None) => "name a platform",
                        (None, Some(_)) => "name an image",
                        (Some(_), Some(_)) => "they are equally good for this platform",
                    }
                ),
            )
            .into()),
        }
    }

    /// Verifies the whole layout (fsck): see [`check`](crate::image::layout::check()).
    fn check(&self) -> LayoutReport
    where
        Self: Sized,
    {
        fsck::walk(self, Vec::new())
    }
}

/// Refuses a descriptor whose size is over `limit`, before reading.
fn check_size_limit(descriptor: &Descriptor, limit: u64) -> crate::ModelResult<()> {
    if descriptor.size() > limit {
        return Err(VerifyError::TooLarge {
            size: descriptor.size(),
            limit,
        }
        .into());
    }
    Ok(())
}

/// The `org.opencontainers.image.ref.name` of a descriptor.
pub fn ref_name(descriptor: &Descriptor) -> Option<&str> {
    descriptor
        .annotations()
        .as_ref()
        .and_then(|a| a.get(ANNOTATION_REF_NAME))
        .map(String::as_str)
}

pub(crate) fn missing(digest: &Digest) -> LayoutError {
    LayoutError::new(
        LayoutErrorKind::BlobMissing,
        blob_path(digest),
        "no such blob in the layout",
    )
}

/// The path of a blob inside a layout, `blobs/<algorithm>/<encoded>`.
/// A [`Digest`] holds no `/`, `..` or other character that could lead out
/// of `blobs/` (its grammar allows letters, digits and `+._-=` only, with
/// no leading separator in the algorithm).
pub fn blob_path(digest: &Digest) -> String {
    format!("blobs/{}/{}", digest.algorithm(), digest.encoded())
}

/// True when `have` is `want` in any spelling (`aarch64` is `arm64`,
/// `arm64` is `arm64/v8`): [`PlatformMatcher::strict`], no fallbacks.
/// ([`ReadLayout::resolve`] also takes what runs on `want`, as
/// `ImageIndex::select` does; [`ReadLayout::resolve_matching`] with
/// [`PlatformMatcher::strict`] takes only this.)
pub fn platform_matches(want: &Platform, have: &Platform) -> bool {
    PlatformMatcher::strict(want).matches(have)
}
