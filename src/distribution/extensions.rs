//! Extension discovery: [distribution-spec v1.1.1, extensions/_oci.md,
//! module discover](https://github.com/opencontainers/distribution-spec/blob/v1.1.1/extensions/_oci.md),
//! the body of `GET /v2/_oci/ext/discover` and `GET /v2/<name>/_oci/ext/discover`.

use crate::distribution::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// The extensions a registry (or one repository) supports.
///
/// ```
/// use oci_model::distribution::ExtensionList;
/// use oci_model::Validate;
///
/// let list: ExtensionList = r#"{"extensions":[{"name":"_oci","url":"https://example.com/oci.md",
///     "endpoints":["_oci/ext/discover"]}]}"#.parse()?;
/// assert_eq!(list.extensions()[0].name(), "_oci");
/// assert!(list.validate().is_clean());
/// # Ok::<(), oci_model::ModelError>(())
/// ```
#[spec_struct(default, hash, access(get, get_mut, set), document)]
pub struct ExtensionList {
    /// REQUIRED: the supported extensions.
    extensions: Vec<Extension>,
}

/// One extension of an [`ExtensionList`].
#[spec_struct(hash, access(get, get_mut, set))]
pub struct Extension {
    /// REQUIRED: the extension's name, such as `_oci`: `_` followed by
    /// lowercase components joined by `.`, `_` or `-`.
    name: String,

    /// REQUIRED: a URL of the extension's documentation.
    url: String,

    /// OPTIONAL: a human-readable description.
    description: Option<String>,

    /// REQUIRED by the spec's property list (its own example leaves it
    /// out, so reading tolerates its absence and [`Validate`] reports it):
    /// the endpoints the extension provides.
    endpoints: Option<Vec<String>>,
}

/// `[a-z0-9]+([._-][a-z0-9]+)*`, the extension path segment grammar (the
/// spec writes it without the `*`, which would reject `oci` itself).
fn valid_segment(s: &[u8]) -> bool {
    let mut prev_sep = true;
    for &b in s {
        match b {
            b'a'..=b'z' | b'0'..=b'9' => prev_sep = false,
            b'.' | b'_' | b'-' if !prev_sep => prev_sep = true,
            _ => return false,
        }
    }
    !prev_sep
}

impl Validate for ExtensionList {
    fn check(&self, c: &mut Checker) {
        c.check_each("extensions", &self.extensions);
    }
}

impl Validate for Extension {
    fn check(&self, c: &mut Checker) {
        let ok = self
            .name
            .strip_prefix('_')
            .is_some_and(|rest| valid_segment(rest.as_bytes()));
        if !ok {
            c.report_at(
                "name",
                &rules::EXTENSION_NAME,
                format!(
                    "extension name {} is invalid: expected \"_\" followed by lowercase letters and digits joined by \".\", \"_\" or \"-\"",
                    quote(&self.name)
                ),
            );
        }
        if self.endpoints.is_none() {
            c.report(
                &rules::EXTENSION_ENDPOINTS,
                format!(
                    "extension {} has no \"endpoints\" (REQUIRED)",
                    quote(&self.name)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_grammar() {
        for ok in ["oci", "a.b", "a-b_c", "x1"] {
            assert!(valid_segment(ok.as_bytes()), "{ok}");
        }
        for bad in ["", "A", "a.", ".a", "a..b", "<x>"] {
            assert!(!valid_segment(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn builder() {
        let ext = ExtensionBuilder::default()
            .name("_oci")
            .url("https://example.com")
            .endpoints(vec!["_oci/ext/discover".to_owned()])
            .build()
            .unwrap();
        let list = ExtensionListBuilder::default()
            .extensions(vec![ext])
            .build()
            .unwrap();
        assert_eq!(list.extensions().len(), 1);
        let e = ExtensionBuilder::default()
            .name("_oci")
            .build_model()
            .unwrap_err();
        assert!(e.to_string().contains("`url`"), "{e}");
        // oci-spec's error: `Builder`, naming the field.
        let e = ExtensionBuilder::default()
            .name("_oci")
            .build()
            .unwrap_err();
        let crate::OciSpecError::Builder(u) = &e else {
            panic!("expected OciSpecError::Builder, got {e:?}");
        };
        assert_eq!(u.field_name(), "url");
        assert_eq!(e.to_string(), "uninitialized field");
    }
}
