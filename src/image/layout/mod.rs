//! Image layouts: [image-spec v1.1.1, image-layout.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-layout.md).
//!
//! [`OciLayout`] models the `oci-layout` file (media type
//! `application/vnd.oci.layout.header.v1+json`); the layout's `index.json`
//! is an [`crate::image::ImageIndex`].
//!
//! With the `layout` feature, this module also reads, writes and verifies
//! whole layouts with synchronous std I/O: `ImageLayout` for a directory,
//! and with `layout-tar`, `LayoutArchive` for a `.tar` of one. Both
//! implement `ReadLayout` (blobs by descriptor, verified as they are
//! read; images by name or platform; `ReadLayout::check`, the fsck).
//! `check()` checks a directory or an archive by path and reports every
//! problem with the chain of descriptors that led there:
//!
//! ```text
//! index.json → manifests[0] → layers[2]: error[layout-blob-digest]: digest mismatch: …
//! ```
//!
//! Nothing outside the layout is read or written: blob paths come only
//! from validated [`crate::image::Digest`]s, symbolic links are refused,
//! never followed, and archive entries with `..`, absolute paths, links or
//! duplicate names are refused.

#[cfg(feature = "layout-tar")]
pub(crate) mod archive;
#[cfg(feature = "layout")]
mod blob;
#[cfg(feature = "layout")]
mod dir;
#[cfg(feature = "layout")]
mod error;
#[cfg(feature = "layout")]
mod fsck;
#[cfg(feature = "layout")]
mod fsutil;
#[cfg(feature = "layout")]
mod header;
#[cfg(feature = "layout")]
mod read;
#[cfg(feature = "layout")]
mod report;

use crate::spec_struct;
#[cfg(feature = "layout-tar")]
pub use archive::LayoutArchive;
#[cfg(feature = "layout")]
pub use blob::{BlobEntry, BlobEntryKind, BlobReader, RawBlob};
#[cfg(feature = "layout")]
pub use dir::ImageLayout;
#[cfg(feature = "layout")]
pub use error::{LayoutError, LayoutErrorKind};
#[cfg(feature = "layout")]
pub use fsutil::TEMP_PREFIX;
#[cfg(feature = "layout")]
pub use header::MAX_INDEX_SIZE;
#[cfg(feature = "layout")]
pub use read::{MAX_DEPTH, MAX_DOCUMENT_SIZE, ReadLayout, blob_path, platform_matches, ref_name};
#[cfg(feature = "layout")]
pub use report::{LayoutProblem, LayoutReport};

/// Checks the layout at `path`: a directory, or (with the `layout-tar`
/// feature) a `.tar` archive of one. Problems inside the layout are in
/// the report; see [`ReadLayout::check`].
///
/// # Errors
/// Only when `path` cannot be read at all (missing, not a directory or a
/// file, or a file without the `layout-tar` feature).
#[cfg(feature = "layout")]
pub fn check<P: AsRef<std::path::Path>>(path: P) -> crate::ModelResult<LayoutReport> {
    let path = path.as_ref();
    let meta = std::fs::metadata(path).map_err(|source| crate::ModelError::File {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.is_dir() {
        return ImageLayout::check_dir(path);
    }
    #[cfg(feature = "layout-tar")]
    {
        LayoutArchive::check_file(path)
    }
    #[cfg(not(feature = "layout-tar"))]
    {
        Err(crate::ModelError::File {
            path: path.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not a directory (archives need the layout-tar feature)",
            ),
        })
    }
}

use crate::image::rules;
use crate::validate::{Checker, Validate, quote};

/// The only `imageLayoutVersion` image-spec v1.1.1 defines.
pub const IMAGE_LAYOUT_VERSION: &str = "1.0.0";

/// The `oci-layout` file at the root of an image layout.
///
/// ```
/// use oci_model::image::OciLayout;
///
/// let layout: OciLayout = r#"{"imageLayoutVersion": "1.0.0"}"#.parse()?;
/// assert_eq!(layout.image_layout_version(), "1.0.0");
/// assert_eq!(layout.to_string()?, r#"{"imageLayoutVersion":"1.0.0"}"#);
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[spec_struct(json = "camelCase", hash, access(get, get_mut, set), document)]
pub struct OciLayout {
    /// REQUIRED: the version of the layout, `1.0.0` in image-spec v1.1.1.
    /// The builder defaults it to [`IMAGE_LAYOUT_VERSION`].
    #[builder(default = "IMAGE_LAYOUT_VERSION.to_owned()")]
    image_layout_version: String,
}

impl Default for OciLayout {
    fn default() -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            image_layout_version: IMAGE_LAYOUT_VERSION.to_owned(),
        }
    }
}

impl Validate for OciLayout {
    fn check(&self, c: &mut Checker) {
        if self.image_layout_version != IMAGE_LAYOUT_VERSION {
            c.report_at(
                "imageLayoutVersion",
                &rules::LAYOUT_VERSION,
                format!(
                    "imageLayoutVersion {} is not \"{IMAGE_LAYOUT_VERSION}\"",
                    quote(&self.image_layout_version)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ModelError;

    #[test]
    fn builder_fills_version() {
        let l = OciLayoutBuilder::default().build().unwrap();
        assert_eq!(l.image_layout_version(), IMAGE_LAYOUT_VERSION);
    }

    #[test]
    fn builder_refuses_other_version() {
        let e = OciLayoutBuilder::default()
            .image_layout_version("2.0.0")
            .build_checked()
            .unwrap_err();
        let ModelError::Builder(b) = &e else {
            panic!("{e:?}")
        };
        assert_eq!(b.type_name(), "OciLayout");
        assert!(e.to_string().contains("\"2.0.0\""), "{e}");
    }

    #[test]
    fn build_skips_the_rules_as_oci_spec() {
        let l = OciLayoutBuilder::default()
            .image_layout_version("2.0.0")
            .build()
            .unwrap();
        assert!(!l.validate().is_valid());
    }

    #[test]
    fn validate_reports_path_and_rule() {
        let l: OciLayout = r#"{"imageLayoutVersion":"0.9"}"#.parse().unwrap();
        let r = l.validate();
        assert!(!r.is_valid());
        let v = &r.violations()[0];
        assert_eq!(v.path(), "/imageLayoutVersion");
        assert_eq!(v.rule_name(), "layout-version");
    }

    #[test]
    fn missing_version_is_a_decode_error_naming_the_field() {
        let e = "{}".parse::<OciLayout>().unwrap_err();
        assert!(e.to_string().contains("imageLayoutVersion"), "{e}");
    }

    #[test]
    fn wrong_type_names_path() {
        let e = r#"{"imageLayoutVersion": 1}"#.parse::<OciLayout>().unwrap_err();
        let s = e.to_string();
        assert!(s.starts_with("/imageLayoutVersion: invalid type"), "{s}");
        assert!(s.contains("line 1 column"), "{s}");
    }
}
