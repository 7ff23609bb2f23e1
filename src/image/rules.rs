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

macro_rules! rule {
    ($(#[$m:meta])* $const:ident, $name:literal, $id:literal, $section:literal, $sev:ident, $summary:literal) => {
        $(#[$m])*
        pub const $const: Rule = Rule {
            name: $name,
            id: $id,
            spec: SPEC,
            section: $section,
            severity: Severity::$sev,
            summary: $summary,
        };
    };
}

rule!(
    /// `schemaVersion` of a manifest or index is `2`.
    SCHEMA_VERSION, "schema-version", "MAN-S1", "manifest.md#image-manifest-property-descriptions",
    Error, "schemaVersion must be 2"
);
rule!(
    /// A manifest's `mediaType`, when present, is the OCI manifest type.
    MANIFEST_MEDIA_TYPE, "manifest-media-type", "MAN-N1", "manifest.md#image-manifest-property-descriptions",
    Error, "a manifest's mediaType, when used, must be application/vnd.oci.image.manifest.v1+json"
);
rule!(
    /// An index's `mediaType`, when present, is the OCI index type.
    INDEX_MEDIA_TYPE, "index-media-type", "IDX-N1", "image-index.md#image-index-property-descriptions",
    Error, "an index's mediaType, when used, must be application/vnd.oci.image.index.v1+json"
);
rule!(
    /// A document carries the Docker v2 schema 2 media type of its kind:
    /// accepted for compatibility, but not an OCI document.
    DOCKER_MEDIA_TYPE, "docker-media-type", "", "media-types.md#compatibility-matrix",
    Warning, "a docker media type is accepted for compatibility; oci tools should write the oci type"
);
rule!(
    /// `artifactType` is set when `config.mediaType` is the empty type.
    MANIFEST_ARTIFACT_TYPE, "manifest-artifact-type", "MAN-N2", "manifest.md#image-manifest-property-descriptions",
    Error, "artifactType must be set when config.mediaType is application/vnd.oci.empty.v1+json"
);
rule!(
    /// `layers` SHOULD have at least one entry (the schema says MUST: §5.2 X1).
    MANIFEST_LAYERS_EMPTY, "manifest-layers-empty", "MAN-X1", "manifest.md#image-manifest-property-descriptions",
    Warning, "layers should have at least one entry (the official schema requires one)"
);
rule!(
    /// Every `mediaType` and `artifactType` follows RFC 6838 §4.2.
    MEDIA_TYPE_GRAMMAR, "media-type-grammar", "DESC-S1", "descriptor.md#properties",
    Error, "media types must follow rfc 6838 section 4.2: type/subtype of 1 to 127 allowed characters each"
);
rule!(
    /// `subject` is the descriptor of a manifest or index.
    SUBJECT_MEDIA_TYPE, "subject-media-type", "", "manifest.md#image-manifest-property-descriptions",
    Warning, "subject should be the descriptor of a manifest or an index"
);
rule!(
    /// Descriptor `data` is padded standard base64 (RFC 4648 §4).
    DESCRIPTOR_DATA_BASE64, "descriptor-data-base64", "DESC-N3", "descriptor.md#properties",
    Error, "data must be standard, padded base64 (rfc 4648 section 4)"
);
rule!(
    /// Decoded descriptor `data` is as long as `size`.
    DESCRIPTOR_DATA_SIZE, "descriptor-data-size", "DESC-N4", "descriptor.md#properties",
    Error, "the decoded data must be the referenced content: its length must equal size"
);
rule!(
    /// Decoded descriptor `data` hashes to `digest` (checked with the `hash` feature).
    DESCRIPTOR_DATA_DIGEST, "descriptor-data-digest", "DESC-N4", "descriptor.md#properties",
    Error, "the decoded data must be the referenced content: it must hash to digest"
);
rule!(
    /// Each `urls` entry is an RFC 3986 URI.
    DESCRIPTOR_URL, "descriptor-url", "DESC-S4", "descriptor.md#properties",
    Error, "each urls entry must be an rfc 3986 uri with a scheme"
);
rule!(
    /// `urls` entries SHOULD use http or https.
    DESCRIPTOR_URL_SCHEME, "descriptor-url-scheme", "", "descriptor.md#properties",
    Warning, "urls entries should use the http or https scheme"
);
rule!(
    /// A descriptor of type `application/vnd.oci.empty.v1+json` describes `{}`.
    EMPTY_DESCRIPTOR, "empty-descriptor", "", "manifest.md#guidance-for-an-empty-descriptor",
    Warning, "an empty descriptor should have size 2 and the digest of \"{}\""
);
rule!(
    /// Annotation keys are not empty.
    ANNOTATION_KEY_EMPTY, "annotation-key-empty", "ANN-1", "annotations.md#rules",
    Warning, "annotation keys should not be empty"
);
rule!(
    /// Keys in `org.opencontainers.image.` are the ones image-spec defines.
    ANNOTATION_RESERVED_KEY, "annotation-reserved-key", "ANN-5", "annotations.md#rules",
    Warning, "the org.opencontainers prefix is reserved for keys the oci specifications define"
);
rule!(
    /// `org.opencontainers.image.created` is an RFC 3339 date-time.
    ANNOTATION_CREATED, "annotation-created", "", "annotations.md#pre-defined-annotation-keys",
    Error, "org.opencontainers.image.created must be an rfc 3339 date-time"
);
rule!(
    /// `org.opencontainers.image.base.digest` is a digest.
    ANNOTATION_BASE_DIGEST, "annotation-base-digest", "", "annotations.md#pre-defined-annotation-keys",
    Error, "org.opencontainers.image.base.digest must be a digest"
);
rule!(
    /// `org.opencontainers.image.ref.name` SHOULD follow the ref grammar.
    ANNOTATION_REF_NAME, "annotation-ref-name", "", "annotations.md#pre-defined-annotation-keys",
    Warning, "org.opencontainers.image.ref.name should follow the ref grammar of components separated by \"/\""
);
rule!(
    /// URL-valued pre-defined annotations hold a URL.
    ANNOTATION_URL, "annotation-url", "", "annotations.md#pre-defined-annotation-keys",
    Warning, "url, documentation and source annotations should hold a url"
);
rule!(
    /// `architecture` SHOULD be a Go `GOARCH` value.
    PLATFORM_ARCHITECTURE, "platform-architecture", "", "image-index.md#image-index-property-descriptions",
    Warning, "architecture should be a go GOARCH value"
);
rule!(
    /// `os` SHOULD be a Go `GOOS` value.
    PLATFORM_OS, "platform-os", "", "image-index.md#image-index-property-descriptions",
    Warning, "os should be a go GOOS value"
);
rule!(
    /// `platform.features` is RESERVED.
    PLATFORM_FEATURES, "platform-features-reserved", "IDX-N4", "image-index.md#image-index-property-descriptions",
    Warning, "platform features is reserved for future versions of the spec"
);
rule!(
    /// `rootfs.type` is `layers`.
    CONFIG_ROOTFS_TYPE, "config-rootfs-type", "CFG-S2", "config.md#properties",
    Error, "rootfs.type must be \"layers\""
);
rule!(
    /// Each `rootfs.diff_ids` entry is a digest.
    CONFIG_DIFF_ID, "config-diff-id", "CFG-N1", "config.md#properties",
    Error, "each rootfs.diff_ids entry must be a digest"
);
rule!(
    /// `created` of a configuration and of history entries is an RFC 3339 date-time.
    CONFIG_CREATED, "config-created", "CFG-S4", "config.md#properties",
    Error, "created must be an rfc 3339 date-time"
);
rule!(
    /// `config.Env` entries are `VARNAME=VARVALUE`.
    CONFIG_ENV, "config-env", "CFG-N2", "config.md#properties",
    Error, "each config.Env entry must be VARNAME=VARVALUE"
);
rule!(
    /// History entries that are not `empty_layer` match the `diff_ids`.
    CONFIG_HISTORY_LAYERS, "config-history-layers", "", "config.md#properties",
    Warning, "the number of history entries that are not empty_layer should equal the number of rootfs.diff_ids"
);
