//! The catalogue of distribution-spec rules that [`crate::validate::Validate`]
//! checks on registry documents. Each rule's `name` is stable; its `id` is the
//! number in the project's rules catalogue (spec-rules.md §4).
//!
//! distribution-spec publishes no JSON Schema and no validator, so every rule
//! here is one the official material does not encode.

use crate::validate::{Rule, Severity};

const SPEC: &str = "distribution-spec v1.1.1";

/// An error `code` contains only uppercase letters and underscores.
pub const ERROR_CODE_FORMAT: Rule = Rule {
    name: "error-code-format",
    id: "ERR-N2",
    spec: SPEC,
    section: "spec.md#error-codes",
    severity: Severity::Error,
    summary: "an error code must contain only uppercase letters and underscores",
};

/// An error `code` is one of the 14 codes of the spec. Registries send
/// others (`UNKNOWN`, `NOT_FOUND`, Docker's `TAG_INVALID`), so an unknown
/// well-formed code is a warning.
pub const ERROR_CODE_KNOWN: Rule = Rule {
    name: "error-code-known",
    id: "ERR-N3",
    spec: SPEC,
    section: "spec.md#error-codes",
    severity: Severity::Warning,
    summary: "an error code should be one of the codes the spec lists",
};

/// A tag list's `name` follows the repository-name grammar.
pub const TAG_LIST_NAME: Rule = Rule {
    name: "tag-list-name",
    id: "TAG-N1",
    spec: SPEC,
    section: "spec.md#pulling-manifests",
    severity: Severity::Error,
    summary: "the name of a tag list must match the repository name grammar",
};

/// Each entry of a tag list's `tags` follows the tag grammar (at most 128
/// characters).
pub const TAG_LIST_TAG: Rule = Rule {
    name: "tag-list-tag",
    id: "TAG-N2",
    spec: SPEC,
    section: "spec.md#pulling-manifests",
    severity: Severity::Error,
    summary: "each tag must match [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}",
};

/// A tag list is sorted: lexically (case-insensitive, as v1.1.1 says) or
/// ASCIIbetically (Go's `sort.Strings`, which the spec's `main` branch also
/// allows). Either order is accepted.
pub const TAG_LIST_ORDER: Rule = Rule {
    name: "tag-list-order",
    id: "TAG-N3",
    spec: SPEC,
    section: "spec.md#listing-tags",
    severity: Severity::Error,
    summary: "the tags must be in lexical (case-insensitive) or ASCIIbetical order",
};

/// Each entry of a repository list (the legacy `_catalog` body) follows the
/// repository-name grammar. The catalog is not normative in v1.1.1; the
/// grammar is the one every `<name>` follows.
pub const REPOSITORY_LIST_NAME: Rule = Rule {
    name: "repository-list-name",
    id: "",
    spec: SPEC,
    section: "spec.md#pulling-manifests",
    severity: Severity::Error,
    summary: "each repository must match the repository name grammar",
};

/// A referrers-response entry of image-manifest type carries `artifactType`.
pub const REFERRERS_ARTIFACT_TYPE: Rule = Rule {
    name: "referrers-artifact-type",
    id: "REF-N2",
    spec: SPEC,
    section: "spec.md#listing-referrers",
    severity: Severity::Error,
    summary: "a referrers descriptor of an image manifest must carry artifactType",
};

/// An extension `name` is `_` followed by lowercase components joined by
/// `.`, `_` or `-` (the spec's pattern read with its evident `*`).
pub const EXTENSION_NAME: Rule = Rule {
    name: "extension-name",
    id: "",
    spec: SPEC,
    section: "extensions/README.md#name",
    severity: Severity::Error,
    summary: "an extension name must be \"_\" followed by [a-z0-9]+([._-][a-z0-9]+)*",
};

/// An extension entry lists its `endpoints` (REQUIRED, though the spec's own
/// example leaves it out).
pub const EXTENSION_ENDPOINTS: Rule = Rule {
    name: "extension-endpoints",
    id: "",
    spec: SPEC,
    section: "extensions/_oci.md#extensions-property-descriptions",
    severity: Severity::Error,
    summary: "an extension entry must list its endpoints",
};

/// Every rule of this module, in catalogue order.
pub const ALL: &[&Rule] = &[
    &ERROR_CODE_FORMAT,
    &ERROR_CODE_KNOWN,
    &TAG_LIST_NAME,
    &TAG_LIST_TAG,
    &TAG_LIST_ORDER,
    &REPOSITORY_LIST_NAME,
    &REFERRERS_ARTIFACT_TYPE,
    &EXTENSION_NAME,
    &EXTENSION_ENDPOINTS,
];
