//! The catalogue of distribution-spec rules that [`crate::validate::Validate`]
//! checks on registry documents. Each rule's `name` is stable; its `id` is
//! its identifier in the crate's catalogue ([`crate::validate::catalogue`],
//! listed in RULES.md).
//!
//! distribution-spec publishes no JSON Schema and no validator, so every rule
//! here is one the official material does not encode.

rules! {
    spec: "distribution-spec v1.1.1";

    /// An error `code` contains only uppercase letters and underscores.
    ERROR_CODE_FORMAT = ("error-code-format", "ERR-N2", "spec.md#error-codes", Error,
        "an error code must contain only uppercase letters and underscores");

    /// An error `code` is one of the 14 codes of the spec ("The `code`
    /// field MUST be one of the following"). The codes the spec names
    /// beside its table (the legacy Docker `TAG_INVALID` and
    /// `MANIFEST_UNVERIFIED`, which "the client MAY encounter", and the
    /// extensions' `EXTENSION_UNKNOWN`) are reported as warnings.
    ERROR_CODE_KNOWN = ("error-code-known", "ERR-N3", "spec.md#error-codes", Error,
        "an error code must be one of the codes the spec lists");

    /// A tag list's `name` follows the repository-name grammar.
    TAG_LIST_NAME = ("tag-list-name", "TAG-N1", "spec.md#pulling-manifests", Error,
        "the name of a tag list must match the repository name grammar");

    /// Each entry of a tag list's `tags` follows the tag grammar (at most 128
    /// characters).
    TAG_LIST_TAG = ("tag-list-tag", "TAG-N2", "spec.md#pulling-manifests", Error,
        "each tag must match [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

    /// A tag list is sorted: lexically (case-insensitive, as v1.1.1 says) or
    /// ASCIIbetically (Go's `sort.Strings`, which the spec's `main` branch also
    /// allows). Either order is accepted.
    TAG_LIST_ORDER = ("tag-list-order", "TAG-N3", "spec.md#listing-tags", Error,
        "the tags must be in lexical (case-insensitive) or ASCIIbetical order");

    /// Each entry of a repository list (the legacy `_catalog` body) follows the
    /// repository-name grammar. The catalog is not normative in v1.1.1; the
    /// grammar is the one every `<name>` follows.
    REPOSITORY_LIST_NAME = ("repository-list-name", "", "spec.md#pulling-manifests", Error,
        "each repository must match the repository name grammar");

    /// A referrers-response entry of image-manifest type carries `artifactType`.
    REFERRERS_ARTIFACT_TYPE = ("referrers-artifact-type", "REF-N2", "spec.md#listing-referrers", Error,
        "a referrers descriptor of an image manifest must carry artifactType");

    /// An extension `name` is `_` followed by lowercase components joined by
    /// `.`, `_` or `-` (the spec's pattern read with its evident `*`).
    EXTENSION_NAME = ("extension-name", "", "extensions/README.md#name", Error,
        "an extension name must be \"_\" followed by [a-z0-9]+([._-][a-z0-9]+)*");

    /// An extension entry lists its `endpoints` (REQUIRED, though the spec's own
    /// example leaves it out).
    EXTENSION_ENDPOINTS = ("extension-endpoints", "", "extensions/_oci.md#extensions-property-descriptions", Error,
        "an extension entry must list its endpoints");

    /// The digest of an image reference is an image-spec digest
    /// ("Digests are defined under the OCI Image Spec"): the reference
    /// grammar's `[0-9a-fA-F]{32,}` lets uppercase hex through, which
    /// image-spec forbids for sha256 and sha512 ("`[A-F]` MUST NOT be
    /// used here"). Parsing accepts it, as `oci-spec` does.
    REFERENCE_DIGEST = ("reference-digest", "", "spec.md#definitions", Error,
        "the digest of a reference must be an image-spec digest (sha256 and sha512 in lowercase hex)");
}
