//! Telling the kind of a document without `--kind`: by its `mediaType`,
//! then by its file name, then by the shape of its top-level object. The
//! Docker types name the Docker kinds (a Docker document is checked by
//! Docker's rules, not as an OCI one with a foreign type).

use std::path::Path;

use oci_model::docker::DockerMediaType;
use oci_model::image::MediaType;
use serde_json::{Map, Value};

use crate::kinds::Kind;

/// Why the kind of a document could not be told.
#[derive(Debug)]
pub enum DetectError {
    /// The document is not JSON at all (the decode error says where).
    Decode(oci_model::ModelError),
    /// The document is JSON, but nothing says which kind it is.
    Undecidable,
}

/// Tells the kind of the document `bytes` read from `name` (`-` for stdin).
pub fn detect(name: &str, bytes: &[u8]) -> Result<Kind, DetectError> {
    // A repeated member name is for the typed decoding to refuse (or to
    // report, with --keep-last), once the kind is known.
    let tolerant = oci_model::io::DecodeOptions::default()
        .repeated_names(oci_model::io::RepeatedNames::KeepLast);
    let value: Value = match oci_model::io::from_slice_with(bytes, tolerant) {
        Ok(v) => v.into_value(),
        Err(e) => return by_file_name(name).ok_or(DetectError::Decode(e)),
    };
    let Value::Object(obj) = &value else {
        return by_file_name(name).ok_or(DetectError::Undecidable);
    };
    by_media_type(obj)
        .or_else(|| by_file_name(name))
        .or_else(|| by_shape(obj))
        .ok_or(DetectError::Undecidable)
}

/// A descriptor carries the media type of the content it points to, so an
/// object with `digest` or `size` but no `schemaVersion` is a descriptor
/// whatever its `mediaType` says (manifests and indexes always have a
/// `schemaVersion`, configurations never have a `digest` or `size`).
fn looks_like_descriptor(obj: &Map<String, Value>) -> bool {
    (obj.contains_key("digest") || obj.contains_key("size")) && !obj.contains_key("schemaVersion")
}

fn by_media_type(obj: &Map<String, Value>) -> Option<Kind> {
    let media_type = obj.get("mediaType")?.as_str()?;
    if looks_like_descriptor(obj) {
        return Some(Kind::Descriptor);
    }
    if let Some(docker) = DockerMediaType::from_known(media_type) {
        return match docker {
            DockerMediaType::Manifest => Some(Kind::DockerManifest),
            DockerMediaType::ManifestList => Some(Kind::DockerManifestList),
            DockerMediaType::ContainerConfig => Some(Kind::DockerConfig),
            d if d.is_schema1() => Some(Kind::DockerSchema1),
            _ => None,
        };
    }
    match MediaType::from_known(media_type)? {
        MediaType::ImageManifest => Some(Kind::Manifest),
        MediaType::ImageIndex => Some(Kind::Index),
        MediaType::ImageConfig => Some(Kind::Config),
        MediaType::Descriptor => Some(Kind::Descriptor),
        MediaType::LayoutHeader => Some(Kind::Layout),
        _ => None,
    }
}

fn by_file_name(name: &str) -> Option<Kind> {
    if name == "-" {
        return None;
    }
    match Path::new(name).file_name()?.to_str()? {
        "oci-layout" => Some(Kind::Layout),
        "index.json" => Some(Kind::Index),
        "config.json" => Some(Kind::RuntimeConfig),
        "state.json" => Some(Kind::State),
        "features.json" => Some(Kind::Features),
        _ => None,
    }
}

/// Top-level members that only a runtime `config.json` has (besides
/// `ociVersion`).
const RUNTIME_CONFIG_KEYS: &[&str] = &[
    "root",
    "process",
    "mounts",
    "hostname",
    "domainname",
    "hooks",
    "linux",
    "solaris",
    "windows",
    "vm",
    "zos",
    "freebsd",
];

fn by_shape(obj: &Map<String, Value>) -> Option<Kind> {
    let has = |k: &str| obj.contains_key(k);
    let docker_config = obj
        .get("config")
        .and_then(|c| c.get("mediaType"))
        .and_then(Value::as_str)
        .and_then(DockerMediaType::from_known)
        == Some(DockerMediaType::ContainerConfig);
    let kind = if has("imageLayoutVersion") {
        Kind::Layout
    } else if has("fsLayers") {
        // Only schema 1 has `fsLayers`: one with a wrong schemaVersion is
        // still checked as schema 1 (docker-schema1-version says so).
        Kind::DockerSchema1
    } else if has("schemaVersion") && has("layers") && docker_config {
        Kind::DockerManifest
    } else if has("schemaVersion") && has("layers") {
        Kind::Manifest
    } else if has("schemaVersion") && has("manifests") {
        Kind::Index
    } else if has("rootfs") {
        Kind::Config
    } else if has("ociVersionMin") {
        Kind::Features
    } else if has("ociVersion") && has("id") && has("status") {
        Kind::State
    } else if has("ociVersion") && (has("fds") || obj.get("state").is_some_and(Value::is_object)) {
        Kind::ContainerProcessState
    } else if has("ociVersion") && RUNTIME_CONFIG_KEYS.iter().any(|k| has(k)) {
        Kind::RuntimeConfig
    } else if has("errors") {
        Kind::Error
    } else if has("name") && has("tags") {
        Kind::Taglist
    } else if has("repositories") {
        Kind::Repositorylist
    } else if has("extensions") {
        Kind::Extensions
    } else if has("digest") && has("size") {
        Kind::Descriptor
    } else {
        return None;
    };
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str, json: &str) -> Option<Kind> {
        detect(name, json.as_bytes()).ok()
    }

    #[test]
    fn media_type_wins() {
        let m = r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","layers":[]}"#;
        assert_eq!(kind("x.json", m), Some(Kind::Index));
        let d = r#"{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","schemaVersion":2}"#;
        assert_eq!(kind("index.json", d), Some(Kind::DockerManifest));
        let l = r#"{"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json"}"#;
        assert_eq!(kind("x.json", l), Some(Kind::DockerManifestList));
        let c = r#"{"mediaType":"application/vnd.docker.container.image.v1+json"}"#;
        assert_eq!(kind("x.json", c), Some(Kind::DockerConfig));
    }

    #[test]
    fn descriptor_of_a_manifest_is_a_descriptor() {
        let d = r#"{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":1,"digest":"sha256:x"}"#;
        assert_eq!(kind("d.json", d), Some(Kind::Descriptor));
        // Broken descriptors (size or digest missing) are still descriptors.
        let d = r#"{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":1}"#;
        assert_eq!(kind("d.json", d), Some(Kind::Descriptor));
        assert_eq!(
            kind("d.json", r#"{"size":1,"digest":"x"}"#),
            Some(Kind::Descriptor)
        );
    }

    #[test]
    fn file_names() {
        assert_eq!(kind("a/oci-layout", "{}"), Some(Kind::Layout));
        assert_eq!(kind("a/index.json", "{}"), Some(Kind::Index));
        assert_eq!(kind("config.json", "{}"), Some(Kind::RuntimeConfig));
        assert_eq!(kind("b/state.json", "{}"), Some(Kind::State));
        assert_eq!(kind("features.json", "{}"), Some(Kind::Features));
        assert_eq!(kind("-", "{}"), None);
        // A broken file with a known name still gets its kind, so the
        // decode error is the kind's own.
        assert_eq!(kind("config.json", "{"), Some(Kind::RuntimeConfig));
    }

    #[test]
    fn shapes() {
        let cases = [
            (r#"{"imageLayoutVersion":"1.0.0"}"#, Kind::Layout),
            (r#"{"schemaVersion":2,"layers":[]}"#, Kind::Manifest),
            (r#"{"schemaVersion":2,"manifests":[]}"#, Kind::Index),
            (
                r#"{"schemaVersion":2,"config":{"mediaType":"application/vnd.docker.container.image.v1+json"},"layers":[]}"#,
                Kind::DockerManifest,
            ),
            (
                r#"{"schemaVersion":1,"fsLayers":[],"history":[]}"#,
                Kind::DockerSchema1,
            ),
            (
                r#"{"schemaVersion":2,"fsLayers":[],"history":[]}"#,
                Kind::DockerSchema1,
            ),
            (r#"{"rootfs":{}}"#, Kind::Config),
            // A configuration blob never says which format it is: an OCI
            // configuration keeps Docker's members, so `config` it is
            // (`--kind docker-config` checks it by Docker's rules).
            (r#"{"rootfs":{},"container_config":{}}"#, Kind::Config),
            (r#"{"ociVersion":"1.3.0","root":{}}"#, Kind::RuntimeConfig),
            (
                r#"{"ociVersion":"1.3.0","id":"a","status":"running","annotations":{}}"#,
                Kind::State,
            ),
            (
                r#"{"ociVersion":"1.3.0","fds":[],"pid":1}"#,
                Kind::ContainerProcessState,
            ),
            (r#"{"ociVersionMin":"1.0.0"}"#, Kind::Features),
            (r#"{"errors":[]}"#, Kind::Error),
            (r#"{"name":"a","tags":[]}"#, Kind::Taglist),
            (r#"{"repositories":[]}"#, Kind::Repositorylist),
            (r#"{"extensions":[]}"#, Kind::Extensions),
            (
                r#"{"digest":"d","size":1,"mediaType":"x/y"}"#,
                Kind::Descriptor,
            ),
        ];
        for (json, want) in cases {
            assert_eq!(kind("-", json), Some(want), "{json}");
        }
    }

    #[test]
    fn undecidable_and_broken() {
        assert!(matches!(detect("-", b"{}"), Err(DetectError::Undecidable)));
        assert!(matches!(detect("-", b"[1]"), Err(DetectError::Undecidable)));
        assert!(matches!(detect("-", b"{"), Err(DetectError::Decode(_))));
    }
}
