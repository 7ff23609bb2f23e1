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

    /// A manifest has no `mediaType`: manifest.md says "This property
    /// SHOULD be used".
    MANIFEST_MEDIA_TYPE_MISSING = ("manifest-media-type-missing", "MAN-N1", "manifest.md#image-manifest-property-descriptions", Warning,
        "a manifest's mediaType should be used: application/vnd.oci.image.manifest.v1+json");

    /// An index has no `mediaType`: image-index.md says "This property
    /// SHOULD be used".
    INDEX_MEDIA_TYPE_MISSING = ("index-media-type-missing", "IDX-N1", "image-index.md#image-index-property-descriptions", Warning,
        "an index's mediaType should be used: application/vnd.oci.image.index.v1+json");

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

    /// `org.opencontainers.image.created` is an RFC 3339 date-time. A
    /// warning: annotations.md describes the value (no MUST), and values
    /// are informational.
    ANNOTATION_CREATED = ("annotation-created", "", "annotations.md#pre-defined-annotation-keys", Warning,
        "org.opencontainers.image.created should be an rfc 3339 date-time");

    /// `org.opencontainers.image.base.digest` is a digest. A warning: the
    /// value is described, not required (cosign writes `""`).
    ANNOTATION_BASE_DIGEST = ("annotation-base-digest", "", "annotations.md#pre-defined-annotation-keys", Warning,
        "org.opencontainers.image.base.digest should be a digest");

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

    /// `oci-layout` exists and decodes (a directory without it is not a layout).
    LAYOUT_HEADER = ("layout-header", "LAY-S1", "image-layout.md#oci-layout-file", Error,
        "an image layout must have an oci-layout file with imageLayoutVersion");

    /// `index.json` exists and decodes as an image index.
    LAYOUT_INDEX = ("layout-index", "LAY-S2", "image-layout.md#indexjson-file", Error,
        "an image layout must have an index.json file that is an image index");

    /// A blob that a descriptor reachable from `index.json` points to is in
    /// the layout. (The spec lets a layout lack blobs that an external store
    /// provides; `check` verifies a self-contained layout.)
    LAYOUT_BLOB_MISSING = ("layout-blob-missing", "LAY-N2", "image-layout.md#blobs", Error,
        "every blob reachable from index.json must be in blobs/ for the layout to be complete");

    /// A referenced blob that may live elsewhere (a `subject`, a layer with
    /// `urls`) is not in the layout.
    LAYOUT_BLOB_ELSEWHERE = ("layout-blob-elsewhere", "LAY-N2", "image-layout.md#blobs", Warning,
        "a subject or a layer with urls may be missing from blobs/ (fulfilled by another blob store)");

    /// A blob has the size its descriptor gives.
    LAYOUT_BLOB_SIZE = ("layout-blob-size", "LAY-N2", "descriptor.md#properties", Error,
        "a blob must have the size its descriptor gives");

    /// A blob hashes to the digest its descriptor (and its file name) gives.
    LAYOUT_BLOB_DIGEST = ("layout-blob-digest", "LAY-N2", "image-layout.md#blobs", Error,
        "the content of blobs/<alg>/<encoded> must match the digest <alg>:<encoded>");

    /// Entries of a layout are plain files and directories inside it.
    LAYOUT_ENTRY = ("layout-entry", "", "image-layout.md#content", Error,
        "layout entries must be plain files and directories inside the layout: no links, no \"..\", no absolute or duplicate names");

    /// Files below `blobs/` are named `<algorithm>/<encoded>` by their digest.
    LAYOUT_BLOB_NAME = ("layout-blob-name", "LAY-N2", "image-layout.md#blobs", Warning,
        "files below blobs/ should be named by a digest, blobs/<alg>/<encoded>");

    /// A document a descriptor points to decodes as its media type says.
    LAYOUT_DOCUMENT = ("layout-document", "", "image-layout.md#blobs", Error,
        "a blob whose descriptor names a document type must decode as that document");

    /// A descriptor's media type is the one of the content it points to.
    LAYOUT_MEDIA_TYPE = ("layout-media-type", "", "descriptor.md#properties", Error,
        "a descriptor's mediaType must be the media type of the referenced content");

    /// Layer content starts as its media type's compression says (gzip, zstd, tar).
    LAYOUT_LAYER_CONTENT = ("layout-layer-content", "", "layer.md", Warning,
        "a layer's content should be a tar archive compressed as its media type says");

    /// `rootfs.diff_ids` has one entry per layer of an image manifest.
    LAYOUT_DIFF_IDS = ("layout-diff-ids", "", "config.md#properties", Error,
        "rootfs.diff_ids must have one entry per layer of the manifest");

    /// No descriptor leads back to a document on its own path.
    LAYOUT_CYCLE = ("layout-cycle", "", "image-layout.md#indexjson-file", Error,
        "descriptors must not lead back to a document that refers to them (a cycle)");

    /// Indexes are not nested deeper than the walk goes.
    LAYOUT_DEPTH = ("layout-depth", "", "image-layout.md#indexjson-file", Error,
        "indexes must not be nested deeper than the checker's bound");

    /// A document is small enough to read into memory.
    LAYOUT_DOCUMENT_SIZE = ("layout-document-size", "", "image-layout.md#blobs", Error,
        "documents (indexes, manifests, configurations) must fit the size limit");
}
