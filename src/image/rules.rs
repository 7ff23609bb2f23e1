//! The catalogue of image-spec rules that [`crate::validate::Validate`]
//! checks on image documents. Each rule's `name` is stable; its `id` is the
//! number in the project's rules catalogue (spec-rules.md).

use crate::validate::{Rule, Severity};

const SPEC: &str = "image-spec v1.1.1";

/// `imageLayoutVersion` of `oci-layout` is `1.0.0`.
pub const LAYOUT_VERSION: Rule = Rule {
    name: "layout-version",
    id: "LAY-S1",
    spec: SPEC,
    section: "image-layout.md#oci-layout-file",
    severity: Severity::Error,
    summary: "imageLayoutVersion must be \"1.0.0\"",
};
