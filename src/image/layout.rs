//! The `oci-layout` file of an image layout: [image-spec v1.1.1,
//! image-layout.md "oci-layout file"](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-layout.md#oci-layout-file).
//!
//! Its media type is `application/vnd.oci.layout.header.v1+json`. The
//! layout's `index.json` is an [`crate::image::ImageIndex`].

use derive_builder::Builder;
use getset::{Getters, MutGetters, Setters};
use serde::{Deserialize, Serialize};

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
/// # Ok::<(), oci_model::OciSpecError>(())
/// ```
#[derive(
    Builder, Clone, Debug, PartialEq, Eq, Hash, Getters, MutGetters, Setters, Serialize, Deserialize,
)]
#[serde(rename_all = "camelCase")]
#[builder(
    pattern = "owned",
    setter(into, strip_option),
    build_fn(private, name = "build_fields", error = "crate::BuildError")
)]
#[getset(get = "pub", get_mut = "pub", set = "pub")]
pub struct OciLayout {
    /// REQUIRED: the version of the layout, `1.0.0` in image-spec v1.1.1.
    /// The builder defaults it to [`IMAGE_LAYOUT_VERSION`].
    #[builder(default = "IMAGE_LAYOUT_VERSION.to_owned()")]
    image_layout_version: String,
}

impl_document!(OciLayout);
impl_builder!(OciLayoutBuilder => OciLayout, validate);

impl Default for OciLayout {
    fn default() -> Self {
        Self {
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
    use crate::OciSpecError;

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
        let OciSpecError::Builder(b) = &e else {
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
