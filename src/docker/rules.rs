//! The catalogue of Docker rules that [`crate::validate::Validate`] checks
//! on Docker documents: the image manifest and manifest list of
//! [manifest-v2-2.md](https://github.com/distribution/distribution/blob/main/docs/content/spec/manifest-v2-2.md),
//! the schema 1 manifest of
//! [manifest-v2-1.md](https://github.com/distribution/distribution/blob/v2.8.3/docs/spec/manifest-v2-1.md),
//! and the image configuration of Docker's
//! [image spec v1.2](https://github.com/moby/docker-image-spec/blob/v1.2.0/spec.md).
//!
//! Most of Docker's wording is "should" or "optional", so most rules are
//! warnings; a member the text describes without "optional" is an error
//! when missing. Rule names start with `docker-`; sections name the spec
//! file and its heading.

rules! {
    spec: "docker";

    /// `schemaVersion` of a v2 schema 2 manifest or manifest list is `2`.
    SCHEMA_VERSION = ("docker-schema-version", "", "manifest-v2-2.md#image-manifest-field-descriptions", Error,
        "schemaVersion is the image manifest schema version: this schema uses version 2");

    /// A manifest's `mediaType` is the v2 schema 2 manifest type.
    MANIFEST_MEDIA_TYPE = ("docker-manifest-media-type", "", "manifest-v2-2.md#image-manifest-field-descriptions", Warning,
        "a manifest's mediaType should be set to application/vnd.docker.distribution.manifest.v2+json");

    /// `config.mediaType` is the Docker container configuration type.
    CONFIG_MEDIA_TYPE = ("docker-config-media-type", "", "manifest-v2-2.md#image-manifest-field-descriptions", Warning,
        "config.mediaType should be set to application/vnd.docker.container.image.v1+json");

    /// A layer's `mediaType` is a Docker layer type.
    LAYER_MEDIA_TYPE = ("docker-layer-media-type", "", "manifest-v2-2.md#image-manifest-field-descriptions", Warning,
        "a layer's mediaType should be application/vnd.docker.image.rootfs.diff.tar.gzip or application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");

    /// A foreign layer carries `urls` to fetch it from.
    FOREIGN_LAYER_URLS = ("docker-foreign-layer-urls", "", "manifest-v2-2.md#image-manifest-field-descriptions", Warning,
        "a foreign layer should list the urls its content may be fetched from");

    /// A manifest list's `mediaType` is the manifest list type.
    LIST_MEDIA_TYPE = ("docker-list-media-type", "", "manifest-v2-2.md#manifest-list-field-descriptions", Warning,
        "a manifest list's mediaType should be set to application/vnd.docker.distribution.manifest.list.v2+json");

    /// A manifest list entry refers to a v2 schema 2 or a schema 1 manifest.
    LIST_ENTRY_MEDIA_TYPE = ("docker-list-entry-media-type", "", "manifest-v2-2.md#manifest-list-field-descriptions", Warning,
        "a manifest list entry's mediaType is generally application/vnd.docker.distribution.manifest.v2+json (or v1+json for a legacy schema 1 manifest)");

    /// A manifest list entry has a `platform` (with `architecture` and `os`).
    LIST_ENTRY_PLATFORM = ("docker-list-entry-platform", "", "manifest-v2-2.md#manifest-list-field-descriptions", Error,
        "a manifest list entry must describe the platform its image runs on");

    /// A member Docker's format does not have (an OCI one: `annotations`,
    /// `artifactType`, `subject`, `data`): kept, but Docker readers ignore it.
    OCI_MEMBER = ("docker-oci-member", "", "manifest-v2-2.md#image-manifest-field-descriptions", Warning,
        "a docker document should not carry oci-only members (annotations, artifactType, subject, data): docker readers ignore them");

    /// `schemaVersion` of a schema 1 manifest is `1`.
    SCHEMA1_VERSION = ("docker-schema1-version", "", "manifest-v2-1.md#manifest-field-descriptions", Error,
        "schemaVersion of a schema 1 manifest must be 1");

    /// `name`, `tag` and `architecture` of a schema 1 manifest are present.
    SCHEMA1_REQUIRED = ("docker-schema1-required", "", "manifest-v2-1.md#manifest-field-descriptions", Error,
        "a schema 1 manifest has a name, a tag and an architecture");

    /// `fsLayers` and `history` of a schema 1 manifest pair up.
    SCHEMA1_HISTORY = ("docker-schema1-history", "", "manifest-v2-1.md#manifest-field-descriptions", Error,
        "a schema 1 manifest has one history entry per fsLayers entry");

    /// Each `v1Compatibility` string is a JSON object.
    SCHEMA1_V1_COMPATIBILITY = ("docker-schema1-v1-compatibility", "", "manifest-v2-1.md#manifest-field-descriptions", Error,
        "each history entry's v1Compatibility is the v1 image json, as a string");

    /// A signed schema 1 manifest's signatures carry `header.alg`,
    /// `signature` and `protected`.
    SCHEMA1_SIGNATURE = ("docker-schema1-signature", "", "manifest-v2-1.md#signed-manifests", Error,
        "each signature of a signed manifest has a header with alg, a signature and a protected header");

    /// A configuration's `rootfs.type` is `layers`.
    CONFIG_ROOTFS_TYPE = ("docker-config-rootfs-type", "", "spec.md#image-json-field-descriptions", Warning,
        "rootfs.type is usually set to layers");

    /// Each `rootfs.diff_ids` entry is a digest.
    CONFIG_DIFF_ID = ("docker-config-diff-id", "", "spec.md#image-json-field-descriptions", Error,
        "each rootfs.diff_ids entry is a layer content hash (a digest)");

    /// `created` is an ISO-8601 combined date and time.
    CONFIG_CREATED = ("docker-config-created", "", "spec.md#image-json-field-descriptions", Warning,
        "created should be an iso-8601 formatted combined date and time");

    /// History entries that are not `empty_layer` match the `diff_ids`.
    CONFIG_HISTORY_LAYERS = ("docker-config-history-layers", "", "spec.md#image-json-field-descriptions", Warning,
        "the history entries that are not empty_layer should be as many as rootfs.diff_ids");

    /// `config.Env` entries are `VARNAME=VARVALUE`.
    CONFIG_ENV = ("docker-config-env", "", "spec.md#container-runconfig-field-descriptions", Warning,
        "each config.Env entry should be in the format VARNAME=VARVALUE");

    /// A member `manifest.json` names is in the archive.
    ARCHIVE_MEMBER = ("docker-archive-member", "", "spec.md#combined-image-json--filesystem-changeset-format", Error,
        "every configuration and layer manifest.json names is a member of the archive");

    /// A member named by a digest has that digest; an uncompressed layer
    /// hashes to its DiffID.
    ARCHIVE_DIGEST = ("docker-archive-digest", "", "spec.md#combined-image-json--filesystem-changeset-format", Error,
        "a configuration hashes to the digest its name says, a layer tar to its diff_id");

    /// The configuration of an image decodes.
    ARCHIVE_CONFIG = ("docker-archive-config", "", "spec.md#combined-image-json--filesystem-changeset-format", Error,
        "the configuration of each image decodes as an image json");

    /// An image has one layer per DiffID.
    ARCHIVE_LAYERS = ("docker-archive-layers", "", "spec.md#combined-image-json--filesystem-changeset-format", Error,
        "an image lists one layer per rootfs.diff_ids entry");

    /// A layer tar is compressed: its DiffID is checked through the
    /// decompression with the `layer` feature, not at all without it.
    ARCHIVE_LAYER_COMPRESSED = ("docker-archive-layer-compressed", "", "spec.md#combined-image-json--filesystem-changeset-format", Warning,
        "layers are tar files; a compressed one is accepted by docker load (its diff_id is checked only with the layer feature, which decompresses it)");
}
