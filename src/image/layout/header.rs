//! The two files at the root of a layout, `oci-layout` and `index.json`:
//! [image-spec v1.1.1, image-layout.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-layout.md#oci-layout-file).

use crate::ModelError;
use crate::image::layout::error::{LayoutError, LayoutErrorKind};
use crate::image::layout::report::LayoutProblem;
use crate::image::{IMAGE_LAYOUT_VERSION, ImageIndex, OciLayout, rules};
use crate::validate::quote;

/// The largest `index.json` read: 64 MiB.
pub const MAX_INDEX_SIZE: u64 = 64 * 1024 * 1024;

/// Decodes `oci-layout` and checks its version.
pub(crate) fn parse_header(bytes: &[u8]) -> crate::ModelResult<OciLayout> {
    let header = OciLayout::from_slice(bytes)?;
    let version = header.image_layout_version();
    if version != IMAGE_LAYOUT_VERSION {
        let message = if is_newer(version) {
            format!(
                "imageLayoutVersion {} is newer than \"{IMAGE_LAYOUT_VERSION}\", the version this crate knows",
                quote(version)
            )
        } else {
            format!(
                "unknown imageLayoutVersion {}: expected \"{IMAGE_LAYOUT_VERSION}\"",
                quote(version)
            )
        };
        return Err(
            LayoutError::new(LayoutErrorKind::UnsupportedVersion, "oci-layout", message).into(),
        );
    }
    Ok(header)
}

/// True when `version` is a `MAJOR.MINOR.PATCH` above 1.0.0.
fn is_newer(version: &str) -> bool {
    let parts: Vec<Option<u64>> = version
        .split(['.', '-', '+'])
        .take(3)
        .map(|p| p.parse().ok())
        .collect();
    match parts.as_slice() {
        [Some(major), Some(minor), Some(patch)] => (*major, *minor, *patch) > (1, 0, 0),
        _ => false,
    }
}

/// Decodes `index.json`.
pub(crate) fn parse_index(bytes: &[u8]) -> crate::ModelResult<ImageIndex> {
    ImageIndex::from_slice(bytes)
}

fn problem(entry: &str, e: &ModelError, rule: &'static crate::Rule) -> LayoutProblem {
    match e {
        ModelError::Layout(l) => {
            let rule = match l.kind() {
                LayoutErrorKind::UnsupportedVersion => &rules::LAYOUT_VERSION,
                LayoutErrorKind::UnsafeEntry => &rules::LAYOUT_ENTRY,
                _ => rule,
            };
            LayoutProblem::new(entry, rule, l.message())
        }
        ModelError::Decode(d) => {
            LayoutProblem::new(entry, rule, format!("does not decode: {d}")).at_pointer(d.pointer())
        }
        other => LayoutProblem::new(entry, rule, other.to_string()),
    }
}

/// The problem an `oci-layout` error is in a check report.
pub(crate) fn header_problem(e: &ModelError) -> LayoutProblem {
    problem("oci-layout", e, &rules::LAYOUT_HEADER)
}

/// The problem an `index.json` error is in a check report.
pub(crate) fn index_problem(e: &ModelError) -> LayoutProblem {
    problem("index.json", e, &rules::LAYOUT_INDEX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert!(parse_header(br#"{"imageLayoutVersion":"1.0.0"}"#).is_ok());
        let e = parse_header(br#"{"imageLayoutVersion":"1.1.0"}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "oci-layout: imageLayoutVersion \"1.1.0\" is newer than \"1.0.0\", the version this crate knows"
        );
        let e = parse_header(br#"{"imageLayoutVersion":"0.9"}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "oci-layout: unknown imageLayoutVersion \"0.9\": expected \"1.0.0\""
        );
        assert!(!is_newer("1.0.0"));
        assert!(is_newer("2.0.0-rc1"));
    }
}
