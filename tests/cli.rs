//! The `oci-model` command-line tool, run as a process over `test-data/`.
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    reason = "test helpers fail the test loudly on a broken setup"
)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_oci-model");

/// Runs the tool from the crate root with `args` and optional stdin.
fn run_with(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn run(args: &[&str]) -> Output {
    run_with(args, None)
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).unwrap()
}

const LAYOUT: &str = "test-data/cli/oci-layout";
const LAYOUT_BAD: &str = "test-data/cli/layout-bad-version.json";

#[test]
fn valid_document_exits_0_and_says_ok() {
    let o = run(&["validate", LAYOUT]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{LAYOUT}: ok\n"));
}

#[test]
fn invalid_document_exits_1_with_path_rule_and_message() {
    let o = run(&["validate", LAYOUT_BAD]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.starts_with(&format!(
            "{LAYOUT_BAD}: /imageLayoutVersion: error[layout-version]: imageLayoutVersion \"2.0.0\""
        )),
        "{out}"
    );
    assert!(
        out.ends_with(&format!("{LAYOUT_BAD}: invalid (1 error)\n")),
        "{out}"
    );
}

#[test]
fn decode_failure_exits_1_with_path_line_and_column() {
    let o = run(&[
        "validate",
        "--kind",
        "layout",
        "test-data/cli/layout-wrong-type.json",
    ]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "test-data/cli/layout-wrong-type.json: imageLayoutVersion: error[decode]: invalid type: integer `1`, expected a string at line 1 column 23\n"
        ),
        "{out}"
    );
}

#[test]
fn broken_json_is_a_decode_failure_even_without_kind() {
    let o = run_with(&["validate", "-"], Some(b"{"));
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.starts_with("-: /: error[decode]: unexpected end of input"),
        "{out}"
    );
    assert!(out.contains("at line 1 column"), "{out}");
}

#[test]
fn missing_file_exits_2() {
    let o = run(&["validate", "test-data/cli/no-such-file.json"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "oci-model: test-data/cli/no-such-file.json: cannot read: no such file or directory\n"
    );
}

#[test]
fn worst_outcome_wins_across_files() {
    let o = run(&["validate", LAYOUT, LAYOUT_BAD]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains(&format!("{LAYOUT}: ok\n")));
    let o = run(&["validate", LAYOUT_BAD, "test-data/cli/no-such-file.json"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(code(&run(&["validate"])), 2);
    assert_eq!(code(&run(&["validate", "--kind", "nonsense", LAYOUT])), 2);
    assert_eq!(code(&run(&["frobnicate"])), 2);
}

#[test]
fn stdin_dash() {
    let o = run_with(&["validate", "-"], Some(&read(LAYOUT)));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "-: ok\n");
}

#[test]
fn undecidable_document_exits_2_and_lists_kinds() {
    let o = run_with(&["validate", "-"], Some(b"{\"hello\": 1}"));
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.starts_with("oci-model: -: cannot tell which kind"),
        "{err}"
    );
    for kind in [
        "descriptor",
        "manifest",
        "runtime-config",
        "taglist",
        "extensions",
    ] {
        assert!(err.contains(kind), "{err}");
    }
}

#[test]
fn json_report_parses() {
    let o = run(&[
        "validate",
        "--format",
        "json",
        LAYOUT,
        LAYOUT_BAD,
        "test-data/cli/layout-wrong-type.json",
    ]);
    assert_eq!(code(&o), 1);
    let v = json(&o.stdout);
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 2, "{v}");
    assert_eq!(items[0]["file"], LAYOUT_BAD);
    assert_eq!(items[0]["path"], "/imageLayoutVersion");
    assert_eq!(items[0]["rule"], "layout-version");
    assert_eq!(items[0]["severity"], "error");
    assert!(items[0]["message"].as_str().unwrap().contains("2.0.0"));
    assert_eq!(items[1]["rule"], "decode");
    assert_eq!(items[1]["path"], "imageLayoutVersion");
}

#[test]
fn json_report_of_valid_files_is_empty() {
    let o = run(&["validate", "--format", "json", LAYOUT]);
    assert_eq!(code(&o), 0);
    assert_eq!(json(&o.stdout), serde_json::json!([]));
}

#[test]
fn detection_by_file_name() {
    // `oci-layout` has no media type and is told by its name; the same
    // bytes from stdin are told by their shape.
    let o = run(&["validate", "test-data/cli/oci-layout"]);
    assert_eq!(code(&o), 0);
    let o = run(&["validate", "test-data/cli/config.json"]);
    assert_eq!(code(&o), 2, "{}", stdout(&o));
}

#[test]
fn fmt_pretty_and_compact() {
    let o = run(&["fmt", LAYOUT]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "{\n  \"imageLayoutVersion\": \"1.0.0\"\n}\n");
    let o = run(&["fmt", "--compact", LAYOUT]);
    assert_eq!(stdout(&o), "{\"imageLayoutVersion\":\"1.0.0\"}\n");
    let o = run(&[
        "fmt",
        "--kind",
        "layout",
        "test-data/cli/layout-wrong-type.json",
    ]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("error[decode]"), "{}", stderr(&o));
}

#[test]
fn digest_of_a_file_is_its_sha256() {
    let o = run(&["digest", LAYOUT]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o),
        format!(
            "sha256:18f0797eab35a4597c1e9624aa4f15fd91f6254e5538c1e0d193b2a95dd4acc6  {LAYOUT}\n"
        )
    );
}

#[test]
fn digest_other_algorithms_and_stdin() {
    let o = run_with(&["digest", "--algorithm", "sha512", "-"], Some(b""));
    assert_eq!(
        stdout(&o),
        "sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e  -\n"
    );
    let o = run_with(&["digest", "-a", "sha384", "-"], Some(b"abc"));
    assert_eq!(
        stdout(&o),
        "sha384:cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7  -\n"
    );
    let o = run(&["digest", "test-data/cli/no-such-file.json"]);
    assert_eq!(code(&o), 2);
}

const EMPTY_LAYERS: &str = "test-data/cli/manifest-empty-layers.json";

#[test]
fn warnings_pass_unless_strict() {
    let o = run(&["validate", EMPTY_LAYERS]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with(&format!(
            "{EMPTY_LAYERS}: /layers: warning[manifest-layers-empty]: "
        )),
        "{out}"
    );
    assert!(
        out.ends_with(&format!("{EMPTY_LAYERS}: ok with 1 warning\n")),
        "{out}"
    );

    let o = run(&["validate", "--strict", EMPTY_LAYERS]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stdout(&o).ends_with(&format!(
            "{EMPTY_LAYERS}: invalid under --strict (1 warning)\n"
        )),
        "{}",
        stdout(&o)
    );

    let o = run(&["validate", "--strict", "--format", "json", EMPTY_LAYERS]);
    assert_eq!(code(&o), 1);
    let v = json(&o.stdout);
    assert_eq!(v[0]["severity"], "warning");
    assert_eq!(v[0]["rule"], "manifest-layers-empty");
    assert_eq!(v[0]["kind"], "manifest");
}

/// The kind the tool picked, as the JSON report names it (the document
/// must have at least one problem).
fn detected_kind(args: &[&str], stdin: Option<&[u8]>) -> String {
    let mut all = vec!["validate", "--format", "json"];
    all.extend_from_slice(args);
    let o = run_with(&all, stdin);
    let v = json(&o.stdout);
    v[0]["kind"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn detection_by_media_type() {
    // An index with `layers`: the media type decides (and the empty
    // annotation key gives the warning the report needs).
    let index = br#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","layers":[],"manifests":[],"annotations":{"":""}}"#;
    assert_eq!(detected_kind(&["-"], Some(index)), "index");
    // Docker media types count too.
    assert_eq!(
        detected_kind(&["test-data/cli/manifest-docker.json"], None),
        "manifest"
    );
    // A descriptor carries its target's media type and is still a descriptor.
    let descriptor = br#"{"mediaType":"application/vnd.oci.image.manifest.v1+json","size":-1,"digest":"sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270"}"#;
    let o = run_with(&["validate", "-"], Some(descriptor));
    assert_eq!(code(&o), 1);
    assert_eq!(detected_kind(&["-"], Some(descriptor)), "descriptor");
}

#[test]
fn detection_by_shape() {
    let manifest = br#"{"schemaVersion":2,"config":{},"layers":[]}"#;
    assert_eq!(detected_kind(&["-"], Some(manifest)), "manifest");
    let config = br#"{"architecture":1,"rootfs":{}}"#;
    assert_eq!(detected_kind(&["-"], Some(config)), "config");
    let layout = br#"{"imageLayoutVersion":"0.1"}"#;
    assert_eq!(detected_kind(&["-"], Some(layout)), "layout");
}

#[test]
fn kind_flag_overrides_detection() {
    // An oci-layout file read as a manifest fails to decode as one.
    let o = run(&["validate", "--kind", "manifest", LAYOUT]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("error[decode]: missing field"),
        "{}",
        stdout(&o)
    );
}
