//! The catalogue of image-spec rules that [`crate::validate::Validate`]
//! checks on image documents. Each rule's `name` is stable; its `id` is its
//! identifier in the crate's catalogue ([`crate::validate::catalogue`],
//! listed in RULES.md).

rules! {
    spec: "image-spec v1.1.1";

    /// `schemaVersion` of a manifest or index is `2`.
    SCHEMA_VERSION = ("schema-version", "MAN-S1", "manifest.md#image-manifest-property-descriptions", Error,
        "schemaVersion must be 2");

    /// A manifest's `mediaType`, when present, is the OCI manifest type.
    MANIFEST_MEDIA_TYPE = ("manifest-media-type", "MAN-N1", "manifest.md#image-manifest-property-descriptions", Error,
        "a manifest's mediaType, when used, must be application/vnd.oci.image.manifest.v1+json");

    /// An index's `mediaType`, when present, is the OCI index type.
    INDEX_MEDIA_TYPE = ("index-media-type", "IDX-N1", "image-index.md#image-index-property-descriptions", Error,
        "an index's mediaType, when used, must be application/vnd.oci.image.index.v1+json");

    /// A document carries the Docker v2 schema 2 media type of its kind:
    /// accepted for compatibility, but not an OCI document.
    DOCKER_MEDIA_TYPE = ("docker-media-type", "", "media-types.md#compatibility-matrix", Warning,
        "a docker media type is accepted for compatibility; oci tools should write the oci type");

    /// `artifactType` is set when `config.mediaType` is the empty type.
    MANIFEST_ARTIFACT_TYPE = ("manifest-artifact-type", "MAN-N2", "manifest.md#image-manifest-property-descriptions", Error,
        "artifactType must be set when config.mediaType is application/vnd.oci.empty.v1+json");

    /// `layers` SHOULD have at least one entry (the schema says MUST: §5.2 X1).
    MANIFEST_LAYERS_EMPTY = ("manifest-layers-empty", "MAN-X1", "manifest.md#image-manifest-property-descriptions", Warning,
        "layers should have at least one entry (the official schema requires one)");

    /// Every `mediaType` and `artifactType` follows RFC 6838 §4.2.
    MEDIA_TYPE_GRAMMAR = ("media-type-grammar", "DESC-S1", "descriptor.md#properties", Error,
        "media types must follow rfc 6838 section 4.2: type/subtype of 1 to 127 allowed characters each");

    /// `subject` is the descriptor of a manifest or index.
    SUBJECT_MEDIA_TYPE = ("subject-media-type", "", "manifest.md#image-manifest-property-descriptions", Warning,
        "subject should be the descriptor of a manifest or an index");

    /// Descriptor `data` is padded standard base64 (RFC 4648 §4).
    DESCRIPTOR_DATA_BASE64 = ("descriptor-data-base64", "DESC-N3", "descriptor.md#properties", Error,
        "data must be standard, padded base64 (rfc 4648 section 4)");

    /// Decoded descriptor `data` is as long as `size`.
    DESCRIPTOR_DATA_SIZE = ("descriptor-data-size", "DESC-N4", "descriptor.md#properties", Error,
        "the decoded data must be the referenced content: its length must equal size");

    /// Decoded descriptor `data` hashes to `digest` (checked with the `hash` feature).
    DESCRIPTOR_DATA_DIGEST = ("descriptor-data-digest", "DESC-N4", "descriptor.md#properties", Error,
        "the decoded data must be the referenced content: it must hash to digest");

    /// Each `urls` entry is an RFC 3986 URI.
    DESCRIPTOR_URL = ("descriptor-url", "DESC-S4", "descriptor.md#properties", Error,
        "each urls entry must be an rfc 3986 uri with a scheme");

    /// `urls` entries SHOULD use http or https.
    DESCRIPTOR_URL_SCHEME = ("descriptor-url-scheme", "", "descriptor.md#properties", Warning,
        "urls entries should use the http or https scheme");

    /// A descriptor of type `application/vnd.oci.empty.v1+json` describes `{}`.
    EMPTY_DESCRIPTOR = ("empty-descriptor", "", "manifest.md#guidance-for-an-empty-descriptor", Warning,
        "an empty descriptor should have size 2 and the digest of \"{}\"");

    /// Annotation keys are not empty.
    ANNOTATION_KEY_EMPTY = ("annotation-key-empty", "ANN-1", "annotations.md#rules", Warning,
        "annotation keys should not be empty");

    /// Keys in `org.opencontainers.image.` are the ones image-spec defines.
    ANNOTATION_RESERVED_KEY = ("annotation-reserved-key", "ANN-5", "annotations.md#rules", Warning,
        "the org.opencontainers prefix is reserved for keys the oci specifications define");

    /// `org.opencontainers.image.created` is an RFC 3339 date-time.
    ANNOTATION_CREATED = ("annotation-created", "", "annotations.md#pre-defined-annotation-keys", Error,
        "org.opencontainers.image.created must be an rfc 3339 date-time");

    /// `org.opencontainers.image.base.digest` is a digest.
    ANNOTATION_BASE_DIGEST = ("annotation-base-digest", "", "annotations.md#pre-defined-annotation-keys", Error,
        "org.opencontainers.image.base.digest must be a digest");

    /// `org.opencontainers.image.ref.name` SHOULD follow the ref grammar.
    ANNOTATION_REF_NAME = ("annotation-ref-name", "", "annotations.md#pre-defined-annotation-keys", Warning,
        "org.opencontainers.image.ref.name should follow the ref grammar of components separated by \"/\"");

    /// URL-valued pre-defined annotations hold a URL.
    ANNOTATION_URL = ("annotation-url", "", "annotations.md#pre-defined-annotation-keys", Warning,
        "url, documentation and source annotations should hold a url");

    /// `architecture` SHOULD be a Go `GOARCH` value.
    PLATFORM_ARCHITECTURE = ("platform-architecture", "", "image-index.md#image-index-property-descriptions", Warning,
        "architecture should be a go GOARCH value");

    /// `os` SHOULD be a Go `GOOS` value.
    PLATFORM_OS = ("platform-os", "", "image-index.md#image-index-property-descriptions", Warning,
        "os should be a go GOOS value");

    /// `platform.features` is RESERVED.
    PLATFORM_FEATURES = ("platform-features-reserved", "IDX-N4", "image-index.md#image-index-property-descriptions", Warning,
        "platform features is reserved for future versions of the spec");

    /// `rootfs.type` is `layers`.
    CONFIG_ROOTFS_TYPE = ("config-rootfs-type", "CFG-S2", "config.md#properties", Error,
        "rootfs.type must be \"layers\"");

    /// Each `rootfs.diff_ids` entry is a digest (decoding refuses others;
    /// one pushed through `diff_ids_mut()` is reported).
    CONFIG_DIFF_ID = ("config-diff-id", "CFG-N1", "config.md#properties", Error,
        "each rootfs.diff_ids entry must be a digest");

    /// `created` of a configuration and of history entries is an RFC 3339 date-time.
    CONFIG_CREATED = ("config-created", "CFG-S4", "config.md#properties", Error,
        "created must be an rfc 3339 date-time");

    /// `config.Env` entries are `VARNAME=VARVALUE`.
    CONFIG_ENV = ("config-env", "CFG-N2", "config.md#properties", Error,
        "each config.Env entry must be VARNAME=VARVALUE");

    /// History entries that are not `empty_layer` match the `diff_ids`.
    CONFIG_HISTORY_LAYERS = ("config-history-layers", "", "config.md#properties", Warning,
        "the number of history entries that are not empty_layer should equal the number of rootfs.diff_ids");

    /// `imageLayoutVersion` of `oci-layout` is `1.0.0`.
    LAYOUT_VERSION = ("layout-version", "LAY-S1", "image-layout.md#oci-layout-file", Error,
        "imageLayoutVersion must be \"1.0.0\"");
}
