//! Choosing the manifest for a platform from an image index when some
//! entries carry no `platform` (umoci and skopeo write `index.json` so) or
//! lead to nested indexes: the platform of such an entry is in its image
//! configuration ([image-spec v1.1.1, image-index.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-index.md#image-index-property-descriptions):
//! `platform` is OPTIONAL; [config.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/config.md#properties)
//! carries `architecture`, `os`, `variant`, `os.version`, `os.features`).
//!
//! No I/O here: the blobs come from a caller's fetch callback (a layout's
//! `layout::ReadLayout::read_blob`
//! with the `layout` feature, a registry client, a map in memory).

use crate::image::{Descriptor, ImageIndex, ImageManifest, Platform, PlatformMatcher};

/// How many indexes deep a walk goes; deeper indexes are not followed (the
/// bound of `layout::MAX_DEPTH` with the `layout` feature).
pub(crate) const MAX_INDEX_DEPTH: usize = 16;

/// A manifest an index leads to, with the platform it is for: the
/// descriptor's `platform`, else its configuration's (when a matcher asked
/// for it), else none.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub(crate) descriptor: Descriptor,
    pub(crate) platform: Option<Platform>,
}

/// The manifests `entries` lead to, in walk order (depth first, each
/// index's order), with their platforms.
///
/// With a `matcher`, an entry without `platform` gets its configuration's
/// (read through `fetch`: the manifest, then its configuration when that
/// is an image configuration), and an index entry whose `platform` does
/// not match is not followed, as containerd does. Without one, no blob but
/// nested indexes is read. Entries that are neither manifests nor indexes
/// are skipped. `deepest` receives the first index not followed because it
/// is nested deeper than [`MAX_INDEX_DEPTH`].
pub(crate) fn candidates<F>(
    entries: &[Descriptor],
    matcher: Option<&PlatformMatcher>,
    fetch: &mut F,
    deepest: &mut Option<Descriptor>,
) -> crate::ModelResult<Vec<Candidate>>
where
    F: FnMut(&Descriptor) -> crate::ModelResult<Vec<u8>>,
{
    let mut out = Vec::new();
    walk(entries, matcher, fetch, 0, deepest, &mut out)?;
    Ok(out)
}

fn walk<F>(
    entries: &[Descriptor],
    matcher: Option<&PlatformMatcher>,
    fetch: &mut F,
    depth: usize,
    deepest: &mut Option<Descriptor>,
    out: &mut Vec<Candidate>,
) -> crate::ModelResult<()>
where
    F: FnMut(&Descriptor) -> crate::ModelResult<Vec<u8>>,
{
    for d in entries {
        if d.media_type().is_index() {
            if let (Some(m), Some(p)) = (matcher, d.platform()) {
                if !m.matches(p) {
                    continue;
                }
            }
            if depth >= MAX_INDEX_DEPTH {
                deepest.get_or_insert_with(|| d.clone());
                continue;
            }
            let index: ImageIndex = crate::io::from_slice(&fetch(d)?)?;
            walk(index.manifests(), matcher, fetch, depth + 1, deepest, out)?;
        } else if d.media_type().is_manifest() {
            let platform = match (d.platform(), matcher) {
                (Some(p), _) => Some(p.clone()),
                (None, Some(_)) => config_platform(d, fetch)?,
                (None, None) => None,
            };
            out.push(Candidate {
                descriptor: d.clone(),
                platform,
            });
        }
    }
    Ok(())
}

/// The platform of the image configuration of the manifest `d` points to
/// (containerd's `ConfigPlatform`); `None` when the manifest's config is
/// not an image configuration (an artifact).
fn config_platform<F>(d: &Descriptor, fetch: &mut F) -> crate::ModelResult<Option<Platform>>
where
    F: FnMut(&Descriptor) -> crate::ModelResult<Vec<u8>>,
{
    let manifest: ImageManifest = crate::io::from_slice(&fetch(d)?)?;
    let config = manifest.config();
    if !config.media_type().is_config() {
        return Ok(None);
    }
    let read: Platform = crate::io::from_slice(&fetch(config)?)?;
    let mut p = Platform::new(read.architecture().clone(), read.os().clone());
    p.set_variant(read.variant().clone());
    p.set_os_version(read.os_version().clone());
    p.set_os_features(read.os_features().clone());
    Ok(Some(p))
}

/// `found` restricted to the candidates `matcher` matches, best first;
/// equally good ones keep their walk order.
pub(crate) fn ranked(
    found: Vec<Candidate>,
    matcher: &PlatformMatcher,
) -> Vec<(Descriptor, Platform)> {
    let mut out: Vec<(Descriptor, Platform)> = found
        .into_iter()
        .filter_map(|c| c.platform.map(|p| (c.descriptor, p)))
        .filter(|(_, p)| matcher.matches(p))
        .collect();
    out.sort_by(|a, b| matcher.compare(&a.1, &b.1));
    out
}

/// The leading entries of `ranked` that are as good as the first.
#[cfg(feature = "layout")]
pub(crate) fn best(ranked: &[(Descriptor, Platform)], matcher: &PlatformMatcher) -> usize {
    ranked.first().map_or(0, |(_, first)| {
        ranked
            .iter()
            .take_while(|(_, p)| matcher.compare(first, p).is_eq())
            .count()
    })
}

impl ImageIndex {
    /// The manifest to use on the platforms of `matcher`, where entries
    /// without `platform` and nested indexes are read through `fetch`:
    /// the first of [`ImageIndex::matching_with`].
    ///
    /// `fetch` returns the bytes of the blob a descriptor points to (it
    /// should verify them: `layout::ReadLayout::read_blob`
    /// does, [`Descriptor::verify`] can). For an entry without `platform`
    /// it is called for the manifest, then for its configuration (only
    /// when the config is an image configuration; an artifact's entry
    /// matches nothing), and the platform is the configuration's
    /// `architecture`, `os`, `variant`, `os.version` and `os.features`,
    /// as containerd reads it. A nested index (other than one whose own
    /// `platform` does not match) is read and its entries taken in its
    /// place, up to 16 levels deep. Entries that carry a `platform` cost no
    /// fetch.
    ///
    /// This is what `layout::ReadLayout::resolve`
    /// answers for the same entries with [`PlatformMatcher::only`].
    /// containerd differs in one case: it reads the configuration of only
    /// the first entry without `platform`, and only when no entry with a
    /// `platform` matches; here every entry is ranked by its platform.
    ///
    /// ```
    /// # #[cfg(feature = "hash")] {
    /// use std::collections::HashMap;
    /// use oci_model::image::{Descriptor, ImageIndex, MediaType, Platform, PlatformMatcher};
    ///
    /// // An index as umoci writes it: no platform on its entries.
    /// let config = br#"{"architecture":"arm64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#;
    /// let config_d = Descriptor::from_bytes(MediaType::ImageConfig, config);
    /// let manifest = format!(
    ///     r#"{{"schemaVersion":2,"config":{},"layers":[]}}"#,
    ///     config_d.to_string()?
    /// );
    /// let manifest_d = Descriptor::from_bytes(MediaType::ImageManifest, manifest.as_bytes());
    /// let mut index = ImageIndex::default();
    /// index.set_manifests(vec![manifest_d.clone()]);
    /// let blobs = HashMap::from([
    ///     (config_d.digest().clone(), config.to_vec()),
    ///     (manifest_d.digest().clone(), manifest.into_bytes()),
    /// ]);
    /// let fetch = |d: &Descriptor| {
    ///     blobs.get(d.digest()).cloned().ok_or_else(|| {
    ///         oci_model::ModelError::Other(format!("no blob {}", d.digest()))
    ///     })
    /// };
    ///
    /// let arm64 = PlatformMatcher::only(&"linux/arm64".parse::<Platform>()?);
    /// // Without the blobs the entry's platform is unknown ...
    /// assert!(index.select(&arm64).is_none());
    /// // ... with them it is read from the configuration.
    /// assert_eq!(index.select_with(&arm64, fetch)?, Some(manifest_d));
    /// let amd64 = PlatformMatcher::only(&"linux/amd64".parse::<Platform>()?);
    /// assert_eq!(index.select_with(&amd64, fetch)?, None);
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// What `fetch` returns, and a [`crate::ModelError::Decode`] when a
    /// manifest, nested index or configuration read does not decode.
    pub fn select_with<F>(
        &self,
        matcher: &PlatformMatcher,
        fetch: F,
    ) -> crate::ModelResult<Option<Descriptor>>
    where
        F: FnMut(&Descriptor) -> crate::ModelResult<Vec<u8>>,
    {
        Ok(self
            .matching_with(matcher, fetch)?
            .into_iter()
            .next()
            .map(|(d, _)| d))
    }

    /// Every manifest of this index (and of the indexes it nests) that
    /// matches `matcher`, best first, with the platform it matched by (its
    /// descriptor's, or its configuration's when the descriptor has none):
    /// see [`ImageIndex::select_with`]. Equally good ones keep their
    /// order, depth first.
    ///
    /// # Errors
    /// As [`ImageIndex::select_with`].
    pub fn matching_with<F>(
        &self,
        matcher: &PlatformMatcher,
        mut fetch: F,
    ) -> crate::ModelResult<Vec<(Descriptor, Platform)>>
    where
        F: FnMut(&Descriptor) -> crate::ModelResult<Vec<u8>>,
    {
        let mut deepest = None;
        let found = candidates(self.manifests(), Some(matcher), &mut fetch, &mut deepest)?;
        Ok(ranked(found, matcher))
    }
}
