//! Repeated member names (issue 28, item 1): a name that appears twice in
//! one object, at any depth of any document kind (a modeled member, a map
//! such as annotations, labels or `linux.sysctl`, a set such as
//! `ExposedPorts`, an unknown member, a value nested inside one), is
//! refused with the JSON pointer of the object, the name quoted and the
//! member that holds the object named (labels are not annotations). With
//! `RepeatedNames::KeepLast` the last value is read, as Go's encoding/json
//! reads it, and each repeat is a `repeated-name` warning of
//! `Decoded::validate` at the same pointer.
#![cfg(all(feature = "image", feature = "runtime", feature = "distribution"))]
#![allow(clippy::unwrap_used, reason = "tests")]

use std::fmt::Debug;

use oci_model::distribution::{
    ErrorResponse, ExtensionList, ReferrersResponse, RepositoryList, TagList,
};
use oci_model::image::{Descriptor, ImageConfiguration, ImageIndex, ImageManifest, OciLayout};
use oci_model::io::{self, DecodeOptions, RepeatedNames};
use oci_model::runtime::{ContainerProcessState, Features, Spec, State};
use oci_model::{ModelError, Validate};
use serde::Serialize;
use serde::de::DeserializeOwned;

const DIGEST: &str = "sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f";

/// What a row's document gives read each way.
struct Got {
    /// The decode error of the default reading.
    refused: Result<String, ModelError>,
    /// With `KeepLast`: the compact output and the `repeated-name`
    /// warnings (pointer, message), or the error.
    kept: Result<(String, Vec<(String, String)>), ModelError>,
}

type Reader = fn(&[u8]) -> Got;

fn read<T>(bytes: &[u8]) -> Got
where
    T: DeserializeOwned + Serialize + Validate + PartialEq + Debug,
{
    let refused = io::from_slice::<T>(bytes).and_then(|v| io::to_string(&v, false));
    let options = DecodeOptions::default().repeated_names(RepeatedNames::KeepLast);
    let kept = io::from_slice_with::<T>(bytes, options).and_then(|decoded| {
        let warnings: Vec<(String, String)> = decoded
            .validate()
            .warnings()
            .filter(|w| w.rule_name() == "repeated-name")
            .map(|w| (w.path().to_owned(), w.message().to_owned()))
            .collect();
        assert_eq!(
            warnings.len(),
            decoded.repeated_names().len(),
            "validate() reports each repeat once"
        );
        let out = io::to_string(decoded.value(), false)?;
        // What was read is a document without repeats: it reads back
        // equal, by the default reader.
        let back: T = io::from_str(&out)?;
        assert_eq!(&back, decoded.value(), "round trip of {out:.300}");
        Ok((out, warnings))
    });
    Got { refused, kept }
}

/// One repeated name in one document.
struct Row {
    name: &'static str,
    read: Reader,
    input: String,
    /// The JSON pointer of the object the name repeats in.
    pointer: &'static str,
    /// The repeated name, as written in the document.
    repeated: &'static str,
    /// What the message calls the object.
    words: &'static str,
    /// A text the compact output has when the last value is read.
    last: &'static str,
}

fn row(
    name: &'static str,
    read: Reader,
    input: impl Into<String>,
    (pointer, repeated, words): (&'static str, &'static str, &'static str),
    last: &'static str,
) -> Row {
    Row {
        name,
        read,
        input: input.into(),
        pointer,
        repeated,
        words,
        last,
    }
}

fn descriptor(extra: &str) -> String {
    format!(
        r#"{{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{DIGEST}","size":7023{extra}}}"#
    )
}

fn manifest(extra: &str) -> String {
    format!(
        r#"{{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[]{extra}}}"#,
        descriptor("")
    )
}

fn index(extra: &str) -> String {
    format!(
        r#"{{"schemaVersion":2,"manifests":[{}]{extra}}}"#,
        descriptor("")
    )
}

fn configuration(extra: &str) -> String {
    format!(
        r#"{{"architecture":"amd64","os":"linux","rootfs":{{"type":"layers","diff_ids":[]}}{extra}}}"#
    )
}

fn spec(extra: &str) -> String {
    format!(r#"{{"ociVersion":"1.3.0","root":{{"path":"rootfs"}}{extra}}}"#)
}

fn state(extra: &str) -> String {
    format!(r#"{{"ociVersion":"1.3.0","id":"c","status":"running","pid":1,"bundle":"/b"{extra}}}"#)
}

fn features(extra: &str) -> String {
    format!(r#"{{"ociVersionMin":"1.0.0","ociVersionMax":"1.3.0"{extra}}}"#)
}

fn rows() -> Vec<Row> {
    let mut rows = vec![
        // image-spec
        row(
            "manifest: a modeled member at the top",
            read::<ImageManifest>,
            manifest(r#","schemaVersion":2"#),
            ("", "schemaVersion", "the document"),
            r#""schemaVersion":2"#,
        ),
        row(
            "manifest: annotations",
            read::<ImageManifest>,
            manifest(r#","annotations":{"a":"1","a":"2"}"#),
            ("/annotations", "a", "annotations"),
            r#""annotations":{"a":"2"}"#,
        ),
        row(
            "manifest: a member of the config descriptor",
            read::<ImageManifest>,
            format!(
                r#"{{"schemaVersion":2,"config":{{"mediaType":"application/vnd.oci.image.config.v1+json","size":1,"digest":"{DIGEST}","size":7023}},"layers":[]}}"#
            ),
            ("/config", "size", "config"),
            r#""size":7023"#,
        ),
        row(
            "manifest: annotations of a layer",
            read::<ImageManifest>,
            format!(
                r#"{{"schemaVersion":2,"config":{},"layers":[{}]}}"#,
                descriptor(""),
                descriptor(r#","annotations":{"k":"1","k":"2"}"#)
            ),
            ("/layers/0/annotations", "k", "annotations"),
            r#""annotations":{"k":"2"}"#,
        ),
        row(
            "manifest: an unknown member at the top",
            read::<ImageManifest>,
            manifest(r#","x-extra":1,"x-extra":2"#),
            ("", "x-extra", "the document"),
            r#""x-extra":2"#,
        ),
        row(
            "manifest: deep inside an unknown member",
            read::<ImageManifest>,
            manifest(r#","x":{"y":[{"z":1,"z":2}]}"#),
            ("/x/y/0", "z", "an element of y"),
            r#""x":{"y":[{"z":2}]}"#,
        ),
        row(
            "descriptor: platform",
            read::<Descriptor>,
            descriptor(r#","platform":{"architecture":"amd64","os":"linux","os":"windows"}"#),
            ("/platform", "os", "platform"),
            r#""os":"windows""#,
        ),
        row(
            "index: annotations",
            read::<ImageIndex>,
            index(r#","annotations":{"a":"1","a":"2"}"#),
            ("/annotations", "a", "annotations"),
            r#""annotations":{"a":"2"}"#,
        ),
        row(
            "index: a member of a manifests entry",
            read::<ImageIndex>,
            format!(
                r#"{{"schemaVersion":2,"manifests":[{}]}}"#,
                descriptor(
                    r#","digest":"sha256:3c3a4604a545cdc127456d94e421cd355bca5b528f4a9c1905b15da2eb4a4c6b""#
                )
            ),
            ("/manifests/0", "digest", "an element of manifests"),
            "3c3a4604a545",
        ),
        row(
            "configuration: Labels are labels, not annotations",
            read::<ImageConfiguration>,
            configuration(r#","config":{"Labels":{"a":"1","a":"2"}}"#),
            ("/config/Labels", "a", "Labels"),
            r#""Labels":{"a":"2"}"#,
        ),
        row(
            "configuration: ExposedPorts (a set)",
            read::<ImageConfiguration>,
            configuration(r#","config":{"ExposedPorts":{"80/tcp":{},"80/tcp":{}}}"#),
            ("/config/ExposedPorts", "80/tcp", "ExposedPorts"),
            r#""ExposedPorts":{"80/tcp":{}}"#,
        ),
        row(
            "configuration: Volumes (a set), the first value not {}",
            read::<ImageConfiguration>,
            configuration(r#","config":{"Volumes":{"/a":{"x":1},"/a":{}}}"#),
            ("/config/Volumes", "/a", "Volumes"),
            r#""Volumes":{"/a":{}}"#,
        ),
        row(
            "configuration: a modeled member of config",
            read::<ImageConfiguration>,
            configuration(r#","config":{"User":"a","User":"b"}"#),
            ("/config", "User", "config"),
            r#""User":"b""#,
        ),
        row(
            "configuration: a history entry",
            read::<ImageConfiguration>,
            configuration(r#","history":[{"comment":"a"},{"created_by":"x","created_by":"y"}]"#),
            ("/history/1", "created_by", "an element of history"),
            r#""created_by":"y""#,
        ),
        row(
            "configuration: a Docker member read leniently (Healthcheck)",
            read::<ImageConfiguration>,
            configuration(r#","config":{"Healthcheck":{"Test":["NONE"],"Test":["CMD","true"]}}"#),
            ("/config/Healthcheck", "Test", "Healthcheck"),
            r#""Test":["CMD","true"]"#,
        ),
        row(
            "oci-layout: imageLayoutVersion",
            read::<OciLayout>,
            r#"{"imageLayoutVersion":"1.0.0","imageLayoutVersion":"1.0.1"}"#,
            ("", "imageLayoutVersion", "the document"),
            r#""imageLayoutVersion":"1.0.1""#,
        ),
        // runtime-spec
        row(
            "config.json: annotations",
            read::<Spec>,
            spec(r#","annotations":{"a":"1","a":"2"}"#),
            ("/annotations", "a", "annotations"),
            r#""annotations":{"a":"2"}"#,
        ),
        row(
            "config.json: linux.sysctl",
            read::<Spec>,
            spec(r#","linux":{"sysctl":{"net.ipv4.ip_forward":"0","net.ipv4.ip_forward":"1"}}"#),
            ("/linux/sysctl", "net.ipv4.ip_forward", "sysctl"),
            r#""sysctl":{"net.ipv4.ip_forward":"1"}"#,
        ),
        row(
            "config.json: linux.resources.unified",
            read::<Spec>,
            spec(r#","linux":{"resources":{"unified":{"a":"1","a":"2"}}}"#),
            ("/linux/resources/unified", "a", "unified"),
            r#""unified":{"a":"2"}"#,
        ),
        row(
            "config.json: a Copy struct's member (pids.limit)",
            read::<Spec>,
            spec(r#","linux":{"resources":{"pids":{"limit":1,"limit":2}}}"#),
            ("/linux/resources/pids", "limit", "pids"),
            r#""pids":{"limit":2}"#,
        ),
        row(
            "config.json: an rlimit (a Copy struct in a list)",
            read::<Spec>,
            spec(
                r#","process":{"cwd":"/","user":{"uid":0,"gid":0},"rlimits":[{"type":"RLIMIT_NOFILE","soft":1,"hard":2,"soft":2}]}"#,
            ),
            ("/process/rlimits/0", "soft", "an element of rlimits"),
            r#""hard":2,"soft":2"#,
        ),
        row(
            "config.json: capabilities (kept values), the first unknown",
            read::<Spec>,
            spec(
                r#","process":{"cwd":"/","user":{"uid":0,"gid":0},"capabilities":{"bounding":["CAP_FUTURE"],"bounding":["CAP_CHOWN"]}}"#,
            ),
            ("/process/capabilities", "bounding", "capabilities"),
            r#""bounding":["CAP_CHOWN"]"#,
        ),
        row(
            "config.json: linux.netDevices (a map of structs)",
            read::<Spec>,
            spec(r#","linux":{"netDevices":{"a":{},"a":{"name":"x"}}}"#),
            ("/linux/netDevices", "a", "netDevices"),
            r#""netDevices":{"a":{"name":"x"}}"#,
        ),
        row(
            "config.json: linux.timeOffsets (a map of Copy structs)",
            read::<Spec>,
            spec(r#","linux":{"timeOffsets":{"boottime":{"secs":1},"boottime":{"secs":2}}}"#),
            ("/linux/timeOffsets", "boottime", "timeOffsets"),
            r#""timeOffsets":{"boottime":{"secs":2}}"#,
        ),
        row(
            "config.json: linux.timeOffsets, the first with an unknown member",
            read::<Spec>,
            spec(r#","linux":{"timeOffsets":{"boottime":{"secs":1,"x":1},"boottime":{"secs":2}}}"#),
            ("/linux/timeOffsets", "boottime", "timeOffsets"),
            r#""timeOffsets":{"boottime":{"secs":2}}"#,
        ),
        row(
            "config.json: linux.resources.rdma",
            read::<Spec>,
            spec(r#","linux":{"resources":{"rdma":{"m":{"hcaHandles":1},"m":{"hcaHandles":2}}}}"#),
            ("/linux/resources/rdma", "m", "rdma"),
            r#""rdma":{"m":{"hcaHandles":2}}"#,
        ),
        row(
            "config.json: windows.credentialSpec (a free-form value)",
            read::<Spec>,
            spec(r#","windows":{"layerFolders":["a"],"credentialSpec":{"a":1,"a":2}}"#),
            ("/windows/credentialSpec", "a", "credentialSpec"),
            r#""credentialSpec":{"a":2}"#,
        ),
        row(
            "config.json: an unknown member nested in an unknown member",
            read::<Spec>,
            spec(r#","x-vendor":{"opts":{"o":true,"o":false}}"#),
            ("/x-vendor/opts", "o", "opts"),
            r#""x-vendor":{"opts":{"o":false}}"#,
        ),
        row(
            "config.json: a name with a slash and escapes",
            read::<Spec>,
            spec(r#","annotations":{"a/b":"1","a\u002fb":"2"}"#),
            ("/annotations", "a/b", "annotations"),
            r#""annotations":{"a/b":"2"}"#,
        ),
        row(
            "state.json: annotations",
            read::<State>,
            state(r#","annotations":{"a":"1","a":"2"}"#),
            ("/annotations", "a", "annotations"),
            r#""annotations":{"a":"2"}"#,
        ),
        row(
            "state.json: status",
            read::<State>,
            state(r#","status":"stopped""#),
            ("", "status", "the document"),
            r#""status":"stopped""#,
        ),
        row(
            "process state: a state member",
            read::<ContainerProcessState>,
            format!(
                r#"{{"ociVersion":"1.3.0","fds":[],"pid":1,"metadata":"m","state":{}}}"#,
                state(r#","pid":2"#)
            ),
            ("/state", "pid", "state"),
            r#""pid":2"#,
        ),
        row(
            "features.json: annotations",
            read::<Features>,
            features(r#","annotations":{"a":"1","a":"2"}"#),
            ("/annotations", "a", "annotations"),
            r#""annotations":{"a":"2"}"#,
        ),
        row(
            "features.json: linux.seccomp",
            read::<Features>,
            features(r#","linux":{"seccomp":{"enabled":false,"enabled":true}}"#),
            ("/linux/seccomp", "enabled", "seccomp"),
            r#""enabled":true"#,
        ),
        // distribution-spec
        row(
            "error response: inside detail",
            read::<ErrorResponse>,
            r#"{"errors":[{"code":"X","detail":{"d":{"a":1,"a":2}}}]}"#,
            ("/errors/0/detail/d", "a", "d"),
            r#""detail":{"d":{"a":2}}"#,
        ),
        row(
            "error response: an errors entry",
            read::<ErrorResponse>,
            r#"{"errors":[{"code":"X","message":"a","message":"b"}]}"#,
            ("/errors/0", "message", "an element of errors"),
            r#""message":"b""#,
        ),
        row(
            "tag list: an unknown member",
            read::<TagList>,
            r#"{"name":"a","tags":[],"x":1,"x":2}"#,
            ("", "x", "the document"),
            r#""x":2"#,
        ),
        row(
            "tag list: name",
            read::<TagList>,
            r#"{"name":"a","tags":[],"name":"b"}"#,
            ("", "name", "the document"),
            r#""name":"b""#,
        ),
        row(
            "repository list: repositories",
            read::<RepositoryList>,
            r#"{"repositories":["a"],"repositories":["b"]}"#,
            ("", "repositories", "the document"),
            r#"["b"]"#,
        ),
        row(
            "referrers: annotations of a manifests entry",
            read::<ReferrersResponse>,
            format!(
                r#"{{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{}]}}"#,
                descriptor(r#","artifactType":"application/x","annotations":{"a":"1","a":"2"}"#)
            ),
            ("/manifests/0/annotations", "a", "annotations"),
            r#""annotations":{"a":"2"}"#,
        ),
        row(
            "extension list: an extension",
            read::<ExtensionList>,
            r#"{"extensions":[{"name":"_oci","url":"u","description":"a","description":"b","endpoints":[]}]}"#,
            ("/extensions/0", "description", "an element of extensions"),
            r#""description":"b""#,
        ),
    ];
    rows.extend(docker_rows());
    rows
}

#[cfg(feature = "docker")]
fn docker_rows() -> Vec<Row> {
    use oci_model::docker::{DockerImageConfig, DockerManifest, DockerManifestList};
    vec![
        row(
            "docker manifest: a layer",
            read::<DockerManifest>,
            format!(
                r#"{{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{{"mediaType":"application/vnd.docker.container.image.v1+json","size":1,"digest":"{DIGEST}"}},"layers":[{{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":1,"size":2,"digest":"{DIGEST}"}}]}}"#
            ),
            ("/layers/0", "size", "an element of layers"),
            r#""size":2"#,
        ),
        row(
            "docker manifest list: a platform",
            read::<DockerManifestList>,
            format!(
                r#"{{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[{{"mediaType":"application/vnd.docker.distribution.manifest.v2+json","size":1,"digest":"{DIGEST}","platform":{{"architecture":"amd64","os":"linux","architecture":"arm64"}}}}]}}"#
            ),
            ("/manifests/0/platform", "architecture", "platform"),
            r#""architecture":"arm64""#,
        ),
        row(
            "docker config: Labels",
            read::<DockerImageConfig>,
            configuration(r#","config":{"Labels":{"a":"1","a":"2"}}"#),
            ("/config/Labels", "a", "Labels"),
            r#""Labels":{"a":"2"}"#,
        ),
    ]
}

#[cfg(not(feature = "docker"))]
fn docker_rows() -> Vec<Row> {
    Vec::new()
}

/// The message, without its line and column.
fn message_of(e: &ModelError) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

#[test]
fn repeated_names_are_refused_and_kept_last_on_request() {
    let mut failures = Vec::new();
    for r in rows() {
        let got = (r.read)(r.input.as_bytes());
        let quoted = format!("{:?}", r.repeated);
        let start = if r.pointer.is_empty() {
            format!("repeated name {quoted} in {}: ", r.words)
        } else {
            format!("{}: repeated name {quoted} in {}: ", r.pointer, r.words)
        };
        match &got.refused {
            Err(e @ ModelError::Decode(d)) => {
                let message = message_of(e);
                if !message.starts_with(&start) {
                    failures.push(format!(
                        "{}: error {message:.300} does not start {start:?}",
                        r.name
                    ));
                }
                if d.pointer() != r.pointer {
                    failures.push(format!("{}: pointer {:?}", r.name, d.pointer()));
                }
            }
            Err(e) => failures.push(format!("{}: not a decode error: {e}", r.name)),
            Ok(out) => failures.push(format!("{}: accepted: {out:.300}", r.name)),
        }
        match &got.kept {
            Ok((out, warnings)) => {
                if !out.contains(r.last) {
                    failures.push(format!("{}: output {out:.300} lacks {:?}", r.name, r.last));
                }
                let want_message = format!(
                    "repeated name {quoted} in {}: the last value was read",
                    r.words
                );
                match warnings.as_slice() {
                    [(path, message)]
                        if path == r.pointer && message.starts_with(&want_message) => {}
                    other => failures.push(format!(
                        "{}: warnings {other:?}, wanted one at {:?} starting {want_message:?}",
                        r.name, r.pointer
                    )),
                }
            }
            Err(e) => failures.push(format!("{}: keep-last refused: {e:.300}", r.name)),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// An aliased member given in both spellings (`hwConfig`, `hwconfig`) is
/// two names to the reader, one member to the model: refused in both
/// modes, never a silent choice.
#[test]
fn both_spellings_of_an_aliased_member_are_refused() {
    let doc = spec(
        r#","vm":{"hypervisor":{"path":"/h"},"kernel":{"path":"/k"},"hwConfig":{"vcpus":1},"hwconfig":{"vcpus":2}}"#,
    );
    let e = io::from_str::<Spec>(&doc).unwrap_err().to_string();
    assert!(e.starts_with("/vm: duplicate field `hwConfig`"), "{e}");
    let options = DecodeOptions::default().repeated_names(RepeatedNames::KeepLast);
    let e = io::from_str_with::<Spec>(&doc, options)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("/vm: duplicate field `hwConfig`"), "{e}");
}

/// With `KeepLast`, a repeat inside the value that a later one replaces
/// is reported too, and every error other than a repeat stays an error.
#[test]
fn keep_last_reports_every_repeat_and_keeps_other_errors() {
    let options = DecodeOptions::default().repeated_names(RepeatedNames::KeepLast);
    let doc = spec(r#","annotations":{"a":"1","a":"2","a":"3"},"x":{"y":1,"y":2},"x":{}"#);
    let read = io::from_str_with::<Spec>(&doc, options).unwrap();
    let at: Vec<&str> = read
        .repeated_names()
        .iter()
        .map(oci_model::Violation::path)
        .collect();
    assert_eq!(at, ["/annotations", "/annotations", "/x", ""]);
    assert_eq!(read.value().annotations().as_ref().unwrap()["a"], "3");
    assert_eq!(read.value().unknown_members()["x"], serde_json::json!({}));
    assert!(read.validate().is_valid(), "warnings only");
    let e = io::from_str_with::<Spec>(&spec(r#","hostname":1,"hostname":"h""#), options)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("/hostname: invalid type"), "{e}");
    // Without repeats, nothing to report.
    let read = io::from_str_with::<Spec>(&spec(""), options).unwrap();
    assert!(read.repeated_names().is_empty());
}

/// `oci-model validate` refuses a repeated name (exit 1, the decode error);
/// `--keep-last` reports it as a warning (exit 0, or 1 under `--strict`).
#[cfg(feature = "cli")]
#[test]
fn cli_validate_refuses_or_warns_with_keep_last() {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let run = |args: &[&str], input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_oci-model"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let doc = configuration(r#","config":{"Labels":{"a":"1","a":"2"}}"#);
    let (code, out) = run(&["validate", "--kind", "config", "-"], &doc);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(r#"-: /config/Labels: error[decode]: repeated name "a" in Labels: "#),
        "{out}"
    );
    let (code, out) = run(&["validate", "--keep-last", "-"], &doc);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(r#"-: /config/Labels: warning[repeated-name]: repeated name "a" in Labels: the last value was read"#),
        "{out}"
    );
    let (code, _) = run(&["validate", "--keep-last", "--strict", "-"], &doc);
    assert_eq!(code, 1);
}

/// A repeated name before a syntax error: the input is not JSON, and that
/// is the error (as for a type error met first).
#[test]
fn a_syntax_error_further_on_is_the_error() {
    let e = io::from_str::<Spec>(&spec(r#","annotations":{"a":"1","a":"2"},"x":[1,]"#))
        .unwrap_err()
        .to_string();
    assert!(!e.contains("repeated name"), "{e}");
    assert!(e.contains("trailing comma `,]`"), "{e}");
    assert!(e.ends_with("at line 1 column 87"), "{e}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any object with any repeats, as runtime annotations and inside an
    /// unknown member: refused at the first repeat, or read last-wins with
    /// one warning per repeat.
    #[test]
    fn any_repeats_are_found(entries in proptest::collection::vec(("[abc]{1,2}", 0u8..4), 0..12)) {
        use std::collections::{HashMap, HashSet};
        let body: Vec<String> = entries
            .iter()
            .map(|(k, v)| format!(r#""{k}":"{v}""#))
            .collect();
        let body = body.join(",");
        let mut seen = HashSet::new();
        let first_repeat = entries.iter().find(|(k, _)| !seen.insert(k.clone())).map(|(k, _)| k.clone());
        let repeats = entries.len() - entries.iter().map(|(k, _)| k).collect::<HashSet<_>>().len();
        let last: HashMap<String, String> = entries.iter().map(|(k, v)| (k.clone(), v.to_string())).collect();
        for (doc, pointer, words) in [
            (spec(&format!(r#","annotations":{{{body}}}"#)), "/annotations", "annotations"),
            (spec(&format!(r#","x-vendor":[{{}},{{"deep":{{{body}}}}}]"#)), "/x-vendor/1/deep", "deep"),
        ] {
            match (io::from_str::<Spec>(&doc), &first_repeat) {
                (Ok(_), None) => {}
                (Err(e), Some(name)) => {
                    let want = format!("{pointer}: repeated name \"{name}\" in {words}: ");
                    proptest::prop_assert!(e.to_string().starts_with(&want), "{e} / {want}");
                }
                (got, want) => proptest::prop_assert!(false, "{doc}: {got:?}, first repeat {want:?}"),
            }
            let options = DecodeOptions::default().repeated_names(RepeatedNames::KeepLast);
            let read = io::from_str_with::<Spec>(&doc, options).unwrap();
            proptest::prop_assert_eq!(read.repeated_names().len(), repeats);
            proptest::prop_assert!(read.repeated_names().iter().all(|v| v.path() == pointer));
            let got: HashMap<String, String> = if pointer == "/annotations" {
                read.value().annotations().clone().unwrap_or_default()
            } else {
                serde_json::from_value(read.value().unknown_members()["x-vendor"][1]["deep"].clone()).unwrap()
            };
            proptest::prop_assert_eq!(got, last.clone());
        }
    }
}
