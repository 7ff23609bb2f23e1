//! Conversion between OCI and Docker documents, as skopeo does it
//! (`skopeo copy --format oci|v2s2`, containers/image's `image/oci.go`,
//! `image/docker_schema2.go`, `image/docker_schema1.go` and the list
//! conversions of `manifest/`).
//!
//! Only media types change between an OCI manifest and a Docker one
//! (configuration, layers, the manifest's own); what the target format has
//! no place for (annotations, `artifactType`, `subject`, a platform's
//! `features`, Docker-only configuration members) is listed as a [`Loss`]
//! in the [`Converted`] result, never dropped silently: call
//! [`Converted::into_lossless`] to refuse any loss. What cannot be carried
//! over at all (zstd layers, an artifact's configuration, an unknown layer
//! type, a nested index) is a [`DockerError::Unconvertible`].
//!
//! Docker → OCI also rewrites the configuration, as containers/image does:
//! the OCI configuration keeps the OCI members only, written in Go's
//! member order, so its digest is the one skopeo gives
//! ([`config_to_oci`]).

use serde_json::{Map, Value};

use crate::docker::{
    DockerError, DockerManifest, DockerManifestList, DockerMediaType, Schema1Manifest,
};
use crate::image::{
    Descriptor, Digest, ImageIndex, ImageIndexBuilder, ImageManifest, ImageManifestBuilder,
    MediaType,
};

/// Something a conversion could not carry over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loss {
    path: String,
    what: String,
}

impl Loss {
    pub(crate) fn new(path: impl Into<String>, what: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            what: what.into(),
        }
    }

    /// The JSON path (RFC 6901 pointer) of what was lost, in the source
    /// document; `config:` before it for the configuration blob of a
    /// manifest conversion.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was lost and why.
    pub fn what(&self) -> &str {
        &self.what
    }
}

impl std::fmt::Display for Loss {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.what)
    }
}

/// A converted document and what the conversion lost.
#[derive(Clone, Debug, PartialEq)]
pub struct Converted<T> {
    value: T,
    losses: Vec<Loss>,
}

impl<T> Converted<T> {
    /// The converted value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The converted value, to change (for instance a list's entries
    /// after converting the manifests they point to).
    pub fn value_mut(&mut self) -> &mut T {
        &mut self.value
    }

    /// What was not carried over, source paths first to last.
    pub fn losses(&self) -> &[Loss] {
        &self.losses
    }

    /// The converted value, accepting the losses.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The converted value when nothing was lost.
    ///
    /// # Errors
    /// [`DockerError::Lossy`] listing the losses otherwise.
    pub fn into_lossless(self) -> Result<T, DockerError> {
        if self.losses.is_empty() {
            Ok(self.value)
        } else {
            Err(DockerError::Lossy(self.losses))
        }
    }
}

/// An image converted to OCI: the manifest and the bytes of its new
/// configuration (the blob the manifest's `config` describes).
#[derive(Clone, Debug, PartialEq)]
pub struct OciImage {
    manifest: ImageManifest,
    config: Vec<u8>,
}

impl OciImage {
    /// The OCI manifest.
    pub fn manifest(&self) -> &ImageManifest {
        &self.manifest
    }

    /// The bytes of the OCI configuration.
    pub fn config(&self) -> &[u8] {
        &self.config
    }
}

fn unconvertible(path: impl Into<String>, why: impl Into<String>) -> DockerError {
    DockerError::Unconvertible {
        path: path.into(),
        why: why.into(),
    }
}

/// A descriptor with the members both formats have (`mediaType`, `digest`,
/// `size`, `urls`), the rest listed as losses at `path`.
fn plain_descriptor(
    d: &Descriptor,
    media_type: MediaType,
    path: &str,
    keep_platform: bool,
    losses: &mut Vec<Loss>,
) -> Descriptor {
    let mut out = Descriptor::new(media_type, d.size(), d.digest().clone());
    out.set_urls(d.urls().clone());
    if keep_platform {
        out.set_platform(d.platform().clone());
    } else if d.platform().is_some() {
        losses.push(Loss::new(
            format!("{path}/platform"),
            "no place for a platform",
        ));
    }
    if d.annotations().as_ref().is_some_and(|a| !a.is_empty()) {
        losses.push(Loss::new(
            format!("{path}/annotations"),
            "docker descriptors have no annotations",
        ));
    }
    if d.artifact_type().is_some() {
        losses.push(Loss::new(
            format!("{path}/artifactType"),
            "docker descriptors have no artifactType",
        ));
    }
    if d.data().is_some() {
        losses.push(Loss::new(
            format!("{path}/data"),
            "docker descriptors have no data",
        ));
    }
    for k in d.unknown_members().keys() {
        losses.push(Loss::new(
            format!("{path}/{k}"),
            "a member the converted descriptor does not keep",
        ));
    }
    out
}

/// The Docker layer type of an OCI layer type.
fn docker_layer_type(m: &MediaType, path: &str) -> Result<DockerMediaType, DockerError> {
    Ok(match m {
        MediaType::ImageLayer => DockerMediaType::Layer,
        MediaType::ImageLayerGzip => DockerMediaType::LayerGzip,
        MediaType::ImageLayerNonDistributable => DockerMediaType::ForeignLayer,
        MediaType::ImageLayerNonDistributableGzip => DockerMediaType::ForeignLayerGzip,
        MediaType::ImageLayerZstd | MediaType::ImageLayerNonDistributableZstd => {
            return Err(unconvertible(
                path,
                format!("{m}: zstd compression is not supported for docker images"),
            ));
        }
        MediaType::Other(s) if MediaType::from_known(s).is_some() => {
            return docker_layer_type(&MediaType::from(s.as_str()), path);
        }
        _ => {
            return Err(unconvertible(
                path,
                format!(
                    "unknown layer media type {}",
                    crate::validate::quote(m.as_str())
                ),
            ));
        }
    })
}

/// The OCI layer type of a Docker layer type.
fn oci_layer_type(m: &MediaType, path: &str) -> Result<MediaType, DockerError> {
    Ok(match DockerMediaType::of(m) {
        Some(DockerMediaType::Layer) => MediaType::ImageLayer,
        Some(DockerMediaType::LayerGzip) => MediaType::ImageLayerGzip,
        Some(DockerMediaType::ForeignLayer) => MediaType::ImageLayerNonDistributable,
        Some(DockerMediaType::ForeignLayerGzip) => MediaType::ImageLayerNonDistributableGzip,
        _ => {
            return Err(unconvertible(
                path,
                format!(
                    "unknown layer media type {}",
                    crate::validate::quote(m.as_str())
                ),
            ));
        }
    })
}

/// An OCI image manifest as a Docker v2 schema 2 manifest (skopeo's
/// `--format v2s2`): the configuration type becomes Docker's, each layer
/// type its Docker equivalent; the configuration blob is unchanged.
///
/// # Errors
/// [`DockerError::Unconvertible`] for an artifact (a configuration that is
/// not an OCI image configuration), a zstd or unknown layer type.
pub fn manifest_to_docker(m: &ImageManifest) -> Result<Converted<DockerManifest>, DockerError> {
    let mut losses = Vec::new();
    if *m.config().media_type() != MediaType::ImageConfig {
        return Err(unconvertible(
            "/config/mediaType",
            format!(
                "{} is not an image configuration: an artifact has no docker form",
                crate::validate::quote(m.config().media_type().as_str())
            ),
        ));
    }
    let config = plain_descriptor(
        m.config(),
        DockerMediaType::ContainerConfig.into(),
        "/config",
        false,
        &mut losses,
    );
    let mut layers = Vec::with_capacity(m.layers().len());
    for (i, l) in m.layers().iter().enumerate() {
        let path = format!("/layers/{i}");
        let t = docker_layer_type(l.media_type(), &format!("{path}/mediaType"))?;
        layers.push(plain_descriptor(l, t.into(), &path, false, &mut losses));
    }
    if m.artifact_type().is_some() {
        losses.push(Loss::new(
            "/artifactType",
            "docker manifests have no artifactType",
        ));
    }
    if m.subject().is_some() {
        losses.push(Loss::new("/subject", "docker manifests have no subject"));
    }
    if m.annotations().as_ref().is_some_and(|a| !a.is_empty()) {
        losses.push(Loss::new(
            "/annotations",
            "docker manifests have no annotations",
        ));
    }
    for k in m.unknown_members().keys() {
        losses.push(Loss::new(
            format!("/{k}"),
            "a member the docker manifest does not keep",
        ));
    }
    let mut out = crate::docker::DockerManifestBuilder::default()
        .config(config)
        .layers(layers)
        .build()?;
    out.set_schema_version(2);
    Ok(Converted { value: out, losses })
}

/// A Docker v2 schema 2 manifest and its configuration (`config`, the
/// bytes of the blob its `config` describes) as an OCI manifest and
/// configuration (skopeo's `--format oci`): see [`config_to_oci`].
///
/// # Errors
/// [`DockerError::Unconvertible`] for an unknown layer type or a
/// configuration that is not a JSON object; [`DockerError::Spec`] when the
/// configuration does not decode.
pub fn manifest_to_oci(
    m: &DockerManifest,
    config: &[u8],
) -> Result<Converted<OciImage>, DockerError> {
    let mut losses = Vec::new();
    let cfg = config_to_oci(config)?;
    losses.extend(
        cfg.losses
            .iter()
            .map(|l| Loss::new(format!("config:{}", l.path), l.what.clone())),
    );
    let cfg_bytes = cfg.value;
    let config_desc = Descriptor::new(
        MediaType::ImageConfig,
        cfg_bytes.len() as u64,
        Digest::sha256_of(&cfg_bytes),
    );
    let mut layers = Vec::with_capacity(m.layers().len());
    for (i, l) in m.layers().iter().enumerate() {
        let path = format!("/layers/{i}");
        let t = oci_layer_type(l.media_type(), &format!("{path}/mediaType"))?;
        layers.push(plain_descriptor(l, t, &path, false, &mut losses));
    }
    for k in m.unknown_members().keys() {
        losses.push(Loss::new(
            format!("/{k}"),
            "a member the oci manifest does not keep",
        ));
    }
    let manifest = ImageManifestBuilder::default()
        .media_type(MediaType::ImageManifest)
        .config(config_desc)
        .layers(layers)
        .build()?;
    Ok(Converted {
        value: OciImage {
            manifest,
            config: cfg_bytes,
        },
        losses,
    })
}

/// The members of an OCI image configuration, in the order Go's
/// `imgspecv1.Image` writes them.
const CONFIG_MEMBERS: &[&str] = &[
    "created",
    "author",
    "architecture",
    "os",
    "os.version",
    "os.features",
    "variant",
    "config",
    "rootfs",
    "history",
];
/// The members of `config` (Go's `imgspecv1.ImageConfig`), in its order.
const RUN_MEMBERS: &[&str] = &[
    "User",
    "ExposedPorts",
    "Env",
    "Entrypoint",
    "Cmd",
    "Volumes",
    "WorkingDir",
    "Labels",
    "StopSignal",
    "ArgsEscaped",
];
/// The members of a history entry, in Go's order.
const HISTORY_MEMBERS: &[&str] = &["created", "created_by", "author", "comment", "empty_layer"];
/// The members of `rootfs`, in Go's order (never omitted).
const ROOTFS_MEMBERS: &[&str] = &["type", "diff_ids"];

/// A Docker image configuration (bytes) as an OCI image configuration
/// (bytes), as containers/image does it (decoding into Go's
/// `imgspecv1.Image` and encoding that): the OCI members only, empty ones
/// left out as Go's `omitempty` does, in Go's member order, with Go's
/// escapes of `<`, `>` and `&`, and `created` times without trailing
/// fractional zeros. Every Docker member left out is a [`Loss`].
///
/// # Errors
/// [`DockerError::Spec`] when the bytes do not decode;
/// [`DockerError::Unconvertible`] when they are not a JSON object.
pub fn config_to_oci(config: &[u8]) -> Result<Converted<Vec<u8>>, DockerError> {
    // Decoding as the model first: the same errors as everywhere else.
    let _: crate::image::ImageConfiguration = crate::io::from_slice(config)?;
    let value: Value = crate::io::from_slice(config)?;
    let Value::Object(obj) = value else {
        return Err(unconvertible("", "the configuration is not a json object"));
    };
    let mut losses = Vec::new();
    let mut out = String::from("{");
    let mut first = true;
    for &name in CONFIG_MEMBERS {
        let v = obj.get(name);
        let text = match name {
            "config" => Some(go_object(
                v,
                RUN_MEMBERS,
                "/config",
                &mut losses,
                &|_, v| v.clone(),
            )),
            "rootfs" => Some(go_rootfs(v)),
            "history" => match v {
                Some(Value::Array(items)) if !items.is_empty() => {
                    let parts: Vec<String> = items
                        .iter()
                        .enumerate()
                        .map(|(i, h)| {
                            go_object(
                                Some(h),
                                HISTORY_MEMBERS,
                                &format!("/history/{i}"),
                                &mut losses,
                                &go_time_member,
                            )
                        })
                        .collect();
                    Some(format!("[{}]", parts.join(",")))
                }
                _ => None,
            },
            "architecture" | "os" => Some(go_string(v.and_then(Value::as_str).unwrap_or_default())),
            "created" => v
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(|s| go_string(&go_time(s))),
            _ => v.filter(|v| !go_empty(v)).map(go_text),
        };
        if let Some(text) = text {
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&go_string(name));
            out.push(':');
            out.push_str(&text);
        }
    }
    out.push('}');
    for (k, v) in &obj {
        if !CONFIG_MEMBERS.contains(&k.as_str()) && !v.is_null() {
            losses.push(Loss::new(
                format!("/{}", pointer_escape(k)),
                "a docker member the oci configuration does not have",
            ));
        }
    }
    Ok(Converted {
        value: out.into_bytes(),
        losses,
    })
}

fn pointer_escape(k: &str) -> String {
    k.replace('~', "~0").replace('/', "~1")
}

/// Go's `omitempty`: false, 0, "", null, empty array or object.
fn go_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
    }
}

/// JSON text as Go's encoder writes it (HTML characters escaped).
fn go_text(v: &Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_default();
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn go_string(s: &str) -> String {
    go_text(&Value::String(s.to_owned()))
}

/// A time as Go's `time.Time` writes it back (RFC 3339 with the shortest
/// fraction).
fn go_time(s: &str) -> String {
    let Some(dot) = s.find('.') else {
        return s.to_owned();
    };
    let rest = &s[dot + 1..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let frac = rest[..digits].trim_end_matches('0');
    let zone = &rest[digits..];
    if frac.is_empty() {
        format!("{}{zone}", &s[..dot])
    } else {
        format!("{}.{frac}{zone}", &s[..dot])
    }
}

fn go_time_member(name: &str, v: &Value) -> Value {
    match (name, v) {
        ("created", Value::String(s)) => Value::String(go_time(s)),
        _ => v.clone(),
    }
}

/// An object with the members `order` (empty ones left out), the others
/// listed as losses below `path`.
fn go_object(
    v: Option<&Value>,
    order: &[&str],
    path: &str,
    losses: &mut Vec<Loss>,
    map: &dyn Fn(&str, &Value) -> Value,
) -> String {
    let empty = Map::new();
    let obj = match v {
        Some(Value::Object(o)) => o,
        _ => &empty,
    };
    let mut parts = Vec::new();
    for &name in order {
        if let Some(v) = obj.get(name).filter(|v| !go_empty(v)) {
            parts.push(format!("{}:{}", go_string(name), go_text(&map(name, v))));
        }
    }
    for (k, v) in obj {
        if !order.contains(&k.as_str()) && !go_empty(v) {
            losses.push(Loss::new(
                format!("{path}/{}", pointer_escape(k)),
                "a docker member the oci configuration does not have",
            ));
        }
    }
    format!("{{{}}}", parts.join(","))
}

fn go_rootfs(v: Option<&Value>) -> String {
    let get = |k: &str| v.and_then(|v| v.get(k));
    let typ = go_string(
        get(ROOTFS_MEMBERS[0])
            .and_then(Value::as_str)
            .unwrap_or_default(),
    );
    let ids = match get(ROOTFS_MEMBERS[1]) {
        Some(a @ Value::Array(_)) => go_text(a),
        _ => "null".to_owned(),
    };
    format!("{{\"type\":{typ},\"diff_ids\":{ids}}}")
}

/// An OCI image index as a Docker manifest list: entry types become
/// Docker's (the manifests they point to are converted apart, and their
/// digests then set with [`Converted::value_mut`]).
///
/// # Errors
/// [`DockerError::Unconvertible`] for an entry without a platform (a
/// Docker list entry needs one) or of a type a list cannot hold.
pub fn index_to_docker(index: &ImageIndex) -> Result<Converted<DockerManifestList>, DockerError> {
    let mut losses = Vec::new();
    let mut entries = Vec::with_capacity(index.manifests().len());
    for (i, d) in index.manifests().iter().enumerate() {
        let path = format!("/manifests/{i}");
        let t: MediaType = if *d.media_type() == MediaType::ImageManifest
            || DockerMediaType::of(d.media_type()) == Some(DockerMediaType::Manifest)
        {
            DockerMediaType::Manifest.into()
        } else {
            return Err(unconvertible(
                format!("{path}/mediaType"),
                format!(
                    "{}: a docker manifest list holds image manifests only",
                    crate::validate::quote(d.media_type().as_str())
                ),
            ));
        };
        if d.platform().is_none() {
            return Err(unconvertible(
                format!("{path}/platform"),
                "no platform: each entry of a docker manifest list needs one",
            ));
        }
        entries.push(plain_descriptor(d, t, &path, true, &mut losses));
    }
    if index.artifact_type().is_some() {
        losses.push(Loss::new(
            "/artifactType",
            "docker manifest lists have no artifactType",
        ));
    }
    if index.subject().is_some() {
        losses.push(Loss::new(
            "/subject",
            "docker manifest lists have no subject",
        ));
    }
    if index.annotations().as_ref().is_some_and(|a| !a.is_empty()) {
        losses.push(Loss::new(
            "/annotations",
            "docker manifest lists have no annotations",
        ));
    }
    for k in index.unknown_members().keys() {
        losses.push(Loss::new(
            format!("/{k}"),
            "a member the docker list does not keep",
        ));
    }
    let value = crate::docker::DockerManifestListBuilder::default()
        .manifests(entries)
        .build()?;
    Ok(Converted { value, losses })
}

/// A Docker manifest list as an OCI image index (containers/image's
/// `ToOCI1Index`): entry types become OCI's; a platform's `features`
/// (reserved in OCI) is a loss.
///
/// # Errors
/// [`DockerError::Unconvertible`] for an entry of a type other than a
/// Docker v2 schema 2 manifest.
pub fn list_to_oci(list: &DockerManifestList) -> Result<Converted<ImageIndex>, DockerError> {
    let mut losses = Vec::new();
    let mut entries = Vec::with_capacity(list.manifests().len());
    for (i, d) in list.manifests().iter().enumerate() {
        let path = format!("/manifests/{i}");
        if DockerMediaType::of(d.media_type()) != Some(DockerMediaType::Manifest) {
            return Err(unconvertible(
                format!("{path}/mediaType"),
                format!(
                    "{} is not a docker v2 schema 2 manifest",
                    crate::validate::quote(d.media_type().as_str())
                ),
            ));
        }
        let mut e = plain_descriptor(d, MediaType::ImageManifest, &path, true, &mut losses);
        if let Some(p) = e.platform_mut() {
            if p.features().is_some() {
                losses.push(Loss::new(
                    format!("{path}/platform/features"),
                    "reserved in oci: not carried over",
                ));
                p.set_features(None);
            }
        }
        entries.push(e);
    }
    for k in list.unknown_members().keys() {
        losses.push(Loss::new(
            format!("/{k}"),
            "a member the oci index does not keep",
        ));
    }
    let value = ImageIndexBuilder::default()
        .media_type(MediaType::ImageIndex)
        .manifests(entries)
        .build()?;
    Ok(Converted { value, losses })
}

/// What a schema 1 conversion needs to know of a layer blob.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayerFacts {
    /// The size of the (compressed) blob.
    pub size: u64,
    /// The digest of the uncompressed tar (the DiffID).
    pub diff_id: Digest,
}

/// A schema 1 manifest as an OCI image (containers/image's schema 1 →
/// schema 2 → OCI path): the layers base first without the `throwaway`
/// ones, a configuration from the top-most `v1Compatibility` with `rootfs`
/// from the DiffIDs and `history` from every `v1Compatibility` entry.
/// `layer` gives the size and DiffID of a layer blob (reading it).
///
/// # Errors
/// [`DockerError::Unconvertible`] when the manifest has no history or its
/// history and layers do not pair up, or a `v1Compatibility` is not a JSON
/// object; [`DockerError::Layer`] when `layer` fails.
pub fn schema1_to_oci<F>(
    m: &Schema1Manifest,
    mut layer: F,
) -> Result<Converted<OciImage>, DockerError>
where
    F: FnMut(&Digest) -> std::io::Result<LayerFacts>,
{
    if m.history().is_empty() || m.history().len() != m.fs_layers().len() {
        return Err(unconvertible(
            "/history",
            format!(
                "{} history entries for {} fsLayers",
                m.history().len(),
                m.fs_layers().len()
            ),
        ));
    }
    let mut compat = Vec::with_capacity(m.history().len());
    for (i, h) in m.history().iter().enumerate() {
        match serde_json::from_str::<Value>(h.v1_compatibility()) {
            Ok(Value::Object(o)) => compat.push(o),
            _ => {
                return Err(unconvertible(
                    format!("/history/{i}/v1Compatibility"),
                    "not a json object in a string",
                ));
            }
        }
    }
    let mut layers = Vec::new();
    let mut diff_ids = Vec::new();
    let mut history = Vec::new();
    for i in (0..compat.len()).rev() {
        let c = &compat[i];
        let throwaway = c.get("throwaway").and_then(Value::as_bool).unwrap_or(false);
        let mut h = Map::new();
        for (k, from) in [
            ("created", "created"),
            ("author", "author"),
            ("comment", "comment"),
        ] {
            if let Some(v) = c.get(from) {
                h.insert(k.to_owned(), v.clone());
            }
        }
        let cmd = c
            .get("container_config")
            .and_then(|cc| cc.get("Cmd"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        h.insert("created_by".to_owned(), Value::String(cmd));
        h.insert("empty_layer".to_owned(), Value::Bool(throwaway));
        history.push(Value::Object(h));
        if throwaway {
            continue;
        }
        let digest = m.fs_layers()[i].blob_sum();
        let facts = layer(digest).map_err(|source| DockerError::Layer {
            digest: digest.to_string(),
            source,
        })?;
        layers.push(Descriptor::new(
            MediaType::ImageLayerGzip,
            facts.size,
            digest.clone(),
        ));
        diff_ids.push(Value::String(facts.diff_id.to_string()));
    }
    let mut top = compat[0].clone();
    for k in ["id", "parent", "parent_id", "layer_id", "throwaway", "Size"] {
        top.remove(k);
    }
    let mut rootfs = Map::new();
    rootfs.insert("type".to_owned(), Value::String("layers".to_owned()));
    rootfs.insert("diff_ids".to_owned(), Value::Array(diff_ids));
    top.insert("rootfs".to_owned(), Value::Object(rootfs));
    top.insert("history".to_owned(), Value::Array(history));
    let docker_config = serde_json::to_vec(&Value::Object(top))
        .map_err(|e| unconvertible("/history/0/v1Compatibility", e.to_string()))?;
    let cfg = config_to_oci(&docker_config)?;
    let mut losses: Vec<Loss> = cfg
        .losses
        .iter()
        .map(|l| {
            Loss::new(
                format!("/history/0/v1Compatibility{}", l.path),
                l.what.clone(),
            )
        })
        .collect();
    if m.is_signed() {
        losses.push(Loss::new(
            "/signatures",
            "signatures sign the schema 1 manifest only",
        ));
    }
    let cfg_bytes = cfg.value;
    let manifest = ImageManifestBuilder::default()
        .media_type(MediaType::ImageManifest)
        .config(Descriptor::new(
            MediaType::ImageConfig,
            cfg_bytes.len() as u64,
            Digest::sha256_of(&cfg_bytes),
        ))
        .layers(layers)
        .build()?;
    Ok(Converted {
        value: OciImage {
            manifest,
            config: cfg_bytes,
        },
        losses,
    })
}
