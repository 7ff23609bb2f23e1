//! The `oci-model` command-line tool, run as a process over `test-data/`
//! and over layouts the tests build (`../image/layout_build.rs`).
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    reason = "test helpers fail the test loudly on a broken setup"
)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use oci_model::image::layout::{LayoutArchive, ReadLayout, blob_path, ref_name};

use crate::layout_build::{MULTI_NAMES, multi, twice};

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
            "test-data/cli/layout-wrong-type.json: /imageLayoutVersion: error[decode]: invalid type: integer `1`, expected a string at line 1 column 23\n"
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
    assert_eq!(items[1]["path"], "/imageLayoutVersion");
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
    // `config.json` is a runtime config by its name, whatever it holds.
    let o = run(&["validate", "test-data/cli/config.json"]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(
        stdout(&o)
            .starts_with("test-data/cli/config.json: /: error[decode]: missing field `ociVersion`"),
        "{}",
        stdout(&o)
    );
    assert_eq!(kind_of("test-data/cli/config.json"), "runtime-config");
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
    // Docker media types name the Docker kinds.
    assert_eq!(
        detected_kind(&["test-data/cli/manifest-docker.json"], None),
        "docker-manifest"
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

/// The rows of a tab-separated file with a header line.
fn tsv(path: &str) -> Vec<Vec<String>> {
    String::from_utf8(read(path))
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

/// The `.json` files of a test-data folder, sorted.
fn json_files(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| Path::new(n).extension().is_some_and(|e| e == "json"))
        .map(|n| format!("{dir}/{n}"))
        .collect();
    files.sort();
    files
}

const GOOD_DIRS: &[&str] = &[
    "test-data/image/examples",
    "test-data/image/valid",
    "test-data/distribution/good",
    "test-data/runtime/config/good",
    "test-data/runtime/linux/good",
    "test-data/runtime/features/good",
    "test-data/runtime/state/good",
];

#[test]
fn good_fixtures_validate_with_exit_0() {
    for dir in GOOD_DIRS {
        let files = json_files(dir);
        assert!(!files.is_empty(), "{dir}");
        let mut args = vec!["validate"];
        args.extend(files.iter().map(String::as_str));
        let o = run(&args);
        assert_eq!(code(&o), 0, "{dir}:\n{}{}", stdout(&o), stderr(&o));
        for f in &files {
            assert!(
                stdout(&o).contains(&format!("{f}: ok")),
                "{f}: {}",
                stdout(&o)
            );
        }
    }
}

#[test]
fn fmt_output_is_json_equal_to_the_input() {
    for dir in GOOD_DIRS {
        for f in json_files(dir) {
            let o = run(&["fmt", &f]);
            assert_eq!(code(&o), 0, "{f}: {}", stderr(&o));
            assert!(o.stdout.ends_with(b"}\n"), "{f}");
            assert_eq!(
                json(&o.stdout),
                json(&read(&f)),
                "{f} changed on a round trip"
            );
            // Formatting is idempotent, byte for byte.
            let again = run_with(
                &["fmt", "-", "--kind", kind_of(&f).as_str()],
                Some(&o.stdout),
            );
            assert_eq!(stdout(&again), stdout(&o), "{f}");
        }
    }
}

#[test]
fn fmt_gives_back_every_real_world_document() {
    use crate::lossless::{first_difference, normalized};
    let Some(dir) = crate::real_world::corpus_dir() else {
        return;
    };
    for r in crate::real_world::listed() {
        let f = dir.join(&r.file);
        let f = f.to_str().unwrap();
        let o = run(&["fmt", "--kind", &r.kind, f]);
        assert_eq!(code(&o), 0, "{f}: {}", stderr(&o));
        let input = std::fs::read(f).unwrap();
        let (back, want) = (normalized(json(&o.stdout)), normalized(json(&input)));
        assert!(
            back == want,
            "{f}: fmt changed the JSON at {}",
            first_difference(&back, &want, "")
        );
    }
}

/// The kind `oci-model kind` detects for a file.
fn kind_of(file: &str) -> String {
    let o = run(&["kind", file]);
    assert_eq!(code(&o), 0, "{file}: {}", stderr(&o));
    let out = stdout(&o);
    let (kind, name) = out.trim_end().split_once("  ").unwrap();
    assert_eq!(name, file);
    kind.to_owned()
}

#[test]
fn detection_matches_the_image_fixture_kinds() {
    let mut checked = 0;
    for row in tsv("test-data/image/KINDS.tsv") {
        let file = format!("test-data/image/{}", row[0]);
        let o = run(&["kind", &file]);
        if code(&o) == 1 {
            // Not JSON at all: nothing to detect from, and it says so.
            assert!(stderr(&o).contains("error[decode]"), "{file}");
            continue;
        }
        // The image-spec compatibility fixtures carry Docker media types,
        // which name the Docker kind of the same document.
        let detected = match kind_of(&file).as_str() {
            "docker-manifest" => "manifest".to_owned(),
            "docker-manifest-list" => "index".to_owned(),
            other => other.to_owned(),
        };
        assert_eq!(detected, row[1], "{file}");
        checked += 1;
    }
    assert!(checked > 60, "{checked}");
}

#[test]
fn image_invalid_fixtures_fail_by_their_expected_rule() {
    let kinds: std::collections::BTreeMap<String, String> = tsv("test-data/image/KINDS.tsv")
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    let rows = tsv("test-data/image/invalid/EXPECTED.tsv");
    assert!(rows.len() > 30);
    for row in rows {
        let (file, rule, path) = (&row[0], &row[1], &row[2]);
        let kind = &kinds[&format!("invalid/{file}")];
        let full = format!("test-data/image/invalid/{file}");
        let o = run(&[
            "validate", "--strict", "--format", "json", "--kind", kind, &full,
        ]);
        assert_eq!(code(&o), 1, "{full}: {}", stdout(&o));
        let problems = json(&o.stdout);
        // EXPECTED.tsv writes JSON pointers, empty or `.` for the whole
        // document, which the tool reports as `/`.
        let want_path = if path.is_empty() || path == "." {
            "/".to_owned()
        } else {
            path.clone()
        };
        assert!(
            problems
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["rule"] == rule.as_str() && p["path"] == want_path),
            "{full}: expected {rule} at {want_path}, got {problems}"
        );
    }
}

/// `layers[0].size` → `/layers/0/size`; `.` → `/`.

#[test]
fn distribution_bad_fixtures_fail_by_their_expected_rule() {
    let rows = tsv("test-data/distribution/bad/EXPECTED.tsv");
    assert!(rows.len() > 10);
    for row in rows {
        let (file, rule) = (&row[0], &row[1]);
        let kind = match file.split('-').next().unwrap() {
            "error" => "error",
            "taglist" => "taglist",
            "catalog" => "repositorylist",
            "extensions" => "extensions",
            "referrers" => "referrers",
            other => panic!("no kind for {other}"),
        };
        let full = format!("test-data/distribution/bad/{file}");
        let o = run(&[
            "validate", "--strict", "--format", "json", "--kind", kind, &full,
        ]);
        assert_eq!(code(&o), 1, "{full}: {}", stdout(&o));
        let problems = json(&o.stdout);
        assert!(
            problems
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["rule"] == rule.as_str() && p["kind"] == kind),
            "{full}: expected {rule}, got {problems}"
        );
    }
}

#[test]
fn distribution_documents_are_detected_by_shape() {
    for (file, kind) in [
        ("test-data/distribution/good/catalog.json", "repositorylist"),
        (
            "test-data/distribution/good/error-unauthorized.json",
            "error",
        ),
        ("test-data/distribution/good/extensions.json", "extensions"),
        (
            "test-data/distribution/good/taglist-busybox.json",
            "taglist",
        ),
        ("test-data/image/examples/image-layout-01.json", "layout"),
        ("test-data/image/examples/manifest-02.json", "descriptor"),
    ] {
        assert_eq!(kind_of(file), kind, "{file}");
    }
}

#[test]
fn referrers_kind_reads_an_index_with_the_referrers_rules() {
    let good = "test-data/distribution/good/referrers.json";
    let o = run(&["validate", "--kind", "referrers", good]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    // Without --kind a referrers response is an index (its media type).
    assert_eq!(kind_of(good), "index");
    let bad = "test-data/distribution/bad/referrers-no-artifact-type.json";
    let as_index = run(&["validate", "--strict", bad]);
    let as_referrers = run(&["validate", "--strict", "--kind", "referrers", bad]);
    assert_eq!(code(&as_referrers), 1, "{}", stdout(&as_referrers));
    assert_ne!(stdout(&as_index), stdout(&as_referrers));
}

#[test]
fn reference_prints_its_parts() {
    let o = run(&["reference", "busybox"]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o),
        "reference:  busybox\n\
         registry:   docker.io\n\
         repository: library/busybox\n\
         tag:        (none; latest is pulled)\n\
         digest:     (none)\n\
         normalized: docker.io/library/busybox\n\
         familiar:   busybox\n"
    );
    let o = run(&[
        "reference",
        "--format",
        "json",
        "docker.io/library/alpine:3.20@sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270",
    ]);
    assert_eq!(code(&o), 0);
    let v = json(&o.stdout);
    assert_eq!(v["registry"], "docker.io");
    assert_eq!(v["repository"], "library/alpine");
    assert_eq!(v["tag"], "3.20");
    assert_eq!(
        v["digest"],
        "sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270"
    );
    assert_eq!(
        v["familiar"],
        "alpine:3.20@sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270"
    );
    let o = run(&["reference", "[::1]:5000/team/app:1.0"]);
    assert!(
        stdout(&o).contains("registry:   [::1]:5000\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn bad_reference_exits_1_with_a_clear_message() {
    let o = run(&["reference", "Busybox"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        err.starts_with("oci-model: invalid reference \"Busybox\": expected"),
        "{err}"
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn digest_of_the_empty_json_is_the_spec_empty_digest() {
    // image-spec's empty descriptor: content `{}`, this digest.
    let o = run_with(&["digest", "-"], Some(b"{}"));
    assert_eq!(
        stdout(&o),
        "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a  -\n"
    );
}

#[test]
fn runtime_bad_fixtures_fail_by_their_expected_rule() {
    let mut checked = 0;
    for (dir, kind) in [
        ("config", "runtime-config"),
        ("linux", "runtime-config"),
        ("features", "features"),
        ("state", "state"),
    ] {
        for row in tsv(&format!("test-data/runtime/{dir}/bad/EXPECTED.tsv")) {
            let (file, rule) = (&row[0], &row[1]);
            let full = format!("test-data/runtime/{dir}/bad/{file}");
            let o = run(&["validate", "--format", "json", "--kind", kind, &full]);
            assert_eq!(code(&o), 1, "{full}: {}", stdout(&o));
            let problems = json(&o.stdout);
            assert!(
                problems
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p["rule"] == rule.as_str() && p["severity"] == "error"),
                "{full}: expected {rule}, got {problems}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked}");
}

/// The runtime-spec examples that are whole documents (the others are
/// fragments of a config.json).
const RUNTIME_DOCUMENT_EXAMPLES: &[(&str, &str)] = &[
    ("test-data/runtime/examples/runtime-01.json", "state"),
    (
        "test-data/runtime/examples/config-linux-19.json",
        "container-process-state",
    ),
    ("test-data/runtime/examples/features-01.json", "features"),
    ("test-data/runtime/examples/features-06.json", "features"),
    (
        "test-data/runtime/config/good/spec-example.json",
        "runtime-config",
    ),
    (
        "test-data/runtime/config/good/minimal.json",
        "runtime-config",
    ),
    (
        "test-data/runtime/config/good/zos-minimal.json",
        "runtime-config",
    ),
    ("test-data/runtime/features/good/runc.json", "features"),
];

#[test]
fn runtime_documents_are_detected_validated_and_formatted() {
    for (file, kind) in RUNTIME_DOCUMENT_EXAMPLES {
        assert_eq!(kind_of(file), *kind, "{file}");
        let o = run(&["validate", file]);
        assert_eq!(code(&o), 0, "{file}: {}", stdout(&o));
        let o = run(&["fmt", "--compact", file]);
        assert_eq!(code(&o), 0, "{file}");
        assert_eq!(json(&o.stdout), json(&read(file)), "{file}");
    }
}

#[test]
fn runtime_fragments_are_undecidable_without_kind() {
    // An example of config-linux.md holds members of `linux` only.
    let file = "test-data/runtime/examples/config-linux-01.json";
    let o = run(&["validate", file]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with(&format!(
            "oci-model: {file}: cannot tell which kind of document this is; give one with --kind (one of: descriptor, manifest,"
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn state_warnings_and_strict() {
    // A status the spec does not list is kept beside the typed status; the validator
    // warns, so the state passes unless --strict.
    let state = br#"{"ociVersion":"1.3.0","id":"c1","status":"paused","bundle":"/b"}"#;
    let o = run_with(&["validate", "-"], Some(state));
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o),
        "-: /status: warning[state-status-unknown]: status \"paused\" is not one this crate knows\n\
         -: ok with 1 warning\n"
    );
    let o = run_with(&["validate", "--strict", "-"], Some(state));
    assert_eq!(code(&o), 1);
    // Errors and warnings together.
    let state = br#"{"ociVersion":"1.3.0","id":"c1","status":"running","bundle":"b"}"#;
    let o = run_with(&["validate", "-"], Some(state));
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("-: /bundle: error[state-bundle-absolute]: "),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).ends_with("-: invalid (1 error, 1 warning)\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn closed_stdout_is_not_a_panic() {
    // A tag list whose pretty form is far larger than a pipe buffer.
    let tags: Vec<String> = (0..20_000).map(|i| format!("v{i:08}")).collect();
    let doc = serde_json::json!({ "name": "a/b", "tags": tags }).to_string();
    let mut child = Command::new(BIN)
        .args(["fmt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the tool has read its input, so every
    // write of the tool fails.
    drop(child.stdout.take());
    child
        .stdin
        .take()
        .unwrap()
        .write_all(doc.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o), "", "a closed pipe is not worth a message");
}

#[test]
fn a_directory_is_an_io_error_and_empty_input_a_decode_error() {
    let o = run(&["validate", "test-data/cli"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "oci-model: test-data/cli: cannot read: is a directory\n"
    );
    let o = run_with(&["validate", "--kind", "manifest", "-"], Some(b""));
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).starts_with("-: /: error[decode]: empty document"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn help_lists_every_command_and_kind() {
    let o = run(&["--help"]);
    assert_eq!(code(&o), 0);
    for cmd in ["validate", "fmt", "digest", "reference", "kind"] {
        assert!(stdout(&o).contains(cmd), "{cmd}");
    }
    let o = run(&["validate", "--help"]);
    assert_eq!(code(&o), 0);
    for kind in [
        "descriptor",
        "manifest",
        "index",
        "config",
        "layout",
        "runtime-config",
        "state",
        "features",
        "container-process-state",
        "error",
        "taglist",
        "repositorylist",
        "referrers",
        "extensions",
        "docker-manifest",
        "docker-manifest-list",
        "docker-config",
        "docker-schema1",
    ] {
        assert!(stdout(&o).contains(&format!("- {kind}:")), "{kind}");
    }
}

#[test]
fn features_raw_json_rules_are_checked() {
    let doc = br#"{"ociVersionMin":"1.0.0","ociVersionMax":"1.3.0","frobs":1,"hooks":null}"#;
    let o = run_with(&["validate", "-"], Some(doc));
    assert_eq!(code(&o), 1);
    assert_eq!(
        stdout(&o),
        "-: /frobs: error[features-unknown-property]: member \"frobs\" is not defined by runtime-spec v1.3.0\n\
         -: /hooks: warning[features-null]: member \"hooks\" is null: valid, but the official schema rejects it\n\
         -: invalid (1 error, 1 warning)\n"
    );
}

#[test]
fn null_members_are_warnings_except_in_an_image_configuration() {
    let spec =
        br#"{"ociVersion":"1.3.0","root":{"path":"rootfs"},"hooks":null,"linux":{"sysctl":null}}"#;
    let o = run_with(&["validate", "--kind", "runtime-config", "-"], Some(spec));
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("-: /hooks: warning[null-member]: member \"hooks\" is null"),
        "{out}"
    );
    assert!(
        out.contains("-: /linux/sysctl: warning[null-member]"),
        "{out}"
    );
    assert!(out.ends_with("-: ok with 2 warnings\n"), "{out}");
    let o = run_with(
        &["validate", "--strict", "--kind", "runtime-config", "-"],
        Some(spec),
    );
    assert_eq!(code(&o), 1, "{}", stdout(&o));

    // config.md: "Any OPTIONAL field MAY also be set to null".
    let config = br#"{"architecture":"amd64","os":"linux","author":null,"config":null,"rootfs":{"type":"layers","diff_ids":[]}}"#;
    let o = run_with(
        &["validate", "--strict", "--kind", "config", "-"],
        Some(config),
    );
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(stdout(&o), "-: ok\n");
}

/// `path` as a command-line argument.
fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn layout_check_exit_status_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let m = multi(&dir.path().join("multi"));
    let path = arg(m.layout.root());
    let o = run(&["layout", "check", path]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    // The one error, the warnings (one per placeholder layer) and the
    // unreferenced blobs, each on its line.
    let size = m.v19_amd64.config.size();
    let defect = format!(
        "{path}: index.json → manifests[6] → config: error[layout-blob-size]: {} has {size} bytes, 1 smaller than the size {} its descriptor gives\n",
        blob_path(m.v19_amd64.config.digest()),
        size + 1
    );
    assert!(out.contains(&defect), "{out}");
    assert_eq!(
        out.matches("warning[layout-layer-content]").count(),
        7,
        "{out}"
    );
    for d in m.unreferenced() {
        let line = format!("{path}: {}: unreferenced\n", blob_path(d.digest()));
        assert!(out.contains(&line), "{out}");
    }
    let report = m.layout.check();
    assert!(
        out.ends_with(&format!(
            "{path}: invalid (1 error, 7 warnings; 20 blobs, {} bytes verified)\n",
            report.bytes_checked()
        )),
        "{out}"
    );
    let t = twice(&dir.path().join("twice"));
    let path = arg(t.layout.root());
    let o = run(&["layout", "check", path]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let bytes: u64 = [&t.first, &t.second]
        .iter()
        .flat_map(|i| [&i.manifest, &i.config].into_iter().chain(&i.layers))
        .map(oci_model::image::Descriptor::size)
        .sum();
    assert!(
        stdout(&o).ends_with(&format!(
            "{path}: ok with 2 warnings (6 blobs, {bytes} bytes verified)\n"
        )),
        "{}",
        stdout(&o)
    );
    // A layout this crate's example wrote (examples/image_layout.rs): an
    // image index named v1 over one linux/amd64 manifest.
    let ok = run(&["layout", "check", "test-data/layout/example"]);
    assert_eq!(code(&ok), 0, "{}", stdout(&ok));
    assert_eq!(
        stdout(&ok),
        "test-data/layout/example: ok (5 blobs, 1112 bytes verified)\n"
    );
    let bad = run(&["layout", "check", "test-data/layout/image-spec"]);
    assert_eq!(code(&bad), 1);
    let out = stdout(&bad);
    assert!(
        out.starts_with(
            "test-data/layout/image-spec: index.json → manifests[0]: error[layout-blob-missing]: blobs/sha256/0228f90e926ba6b96e4f39cf294b2586d38fbb5a1e385c05cd1ee40ea54fe7fd is not in the layout\n"
        ),
        "{out}"
    );
    let bad = run(&[
        "layout",
        "check",
        "--format",
        "json",
        "test-data/layout/image-spec",
    ]);
    assert_eq!(code(&bad), 1);
    let v = json(&bad.stdout);
    assert_eq!(v["valid"], false);
    assert_eq!(v["problems"][1]["location"], "index.json → manifests[1]");
    assert_eq!(v["problems"][1]["rule"], "layout-blob-missing");
    let missing = run(&["layout", "check", "test-data/layout/none"]);
    assert_eq!(code(&missing), 2);
    assert_eq!(
        stderr(&missing),
        "oci-model: test-data/layout/none: cannot read: no such file or directory\n"
    );
}

#[test]
fn layout_ls_lists_names_and_platforms() {
    let dir = tempfile::tempdir().unwrap();
    let m = multi(&dir.path().join("multi"));
    let path = arg(m.layout.root());
    let o = run(&["layout", "ls", path]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "stable\tapplication/vnd.oci.image.index.v1+json\t{}\t{}",
            m.v21.digest(),
            m.v21.size()
        )
    );
    assert_eq!(
        lines[1],
        format!(
            "  linux/amd64\tapplication/vnd.oci.image.manifest.v1+json\t{}\t{}",
            m.v21_amd64.manifest.digest(),
            m.v21_amd64.manifest.size()
        )
    );
    assert!(lines[2].starts_with("  linux/arm64/v8\t"), "{out}");
    // Seven names; the two index entries twice and the other one list two
    // platforms each.
    assert_eq!(lines.len(), 7 + 3 * 2, "{out}");
    let names: Vec<&str> = lines
        .iter()
        .filter(|l| !l.starts_with(' '))
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(names, MULTI_NAMES);
    let o = run(&["layout", "ls", "--format", "json", path]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o.stdout);
    assert_eq!(v[0]["name"], "stable");
    assert_eq!(v[0]["manifests"][1]["platform"], "linux/arm64/v8");
    assert_eq!(v[5]["name"], "1.9.0");
    assert_eq!(v[5]["manifests"][1]["platform"], "linux/386");
    assert_eq!(v.as_array().unwrap().len(), 7);
    let o = run(&["layout", "ls", "test-data/layout/example"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().next().unwrap(),
        "v1\tapplication/vnd.oci.image.index.v1+json\tsha256:b79504e9c7a4b0f1d8c603f340edc7d0633cae4de8f4d708d0f7e925566ca8f2\t289"
    );
    assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));
    // The example of image-spec names blobs it does not have: gc refuses,
    // and so does its dry run, with the same status and message.
    let want = "oci-model: test-data/layout/image-spec: blobs: the layout has 4 errors: \
                gc removes nothing until check passes\n";
    for dry_run in [true, false] {
        let args: &[&str] = if dry_run {
            &["layout", "gc", "--dry-run", "test-data/layout/image-spec"]
        } else {
            &["layout", "gc", "test-data/layout/image-spec"]
        };
        let o = run(args);
        assert_eq!(code(&o), 1, "dry run {dry_run}: {}", stdout(&o));
        assert_eq!(stderr(&o), want, "dry run {dry_run}");
        assert_eq!(stdout(&o), "", "dry run {dry_run}");
    }
}

#[test]
fn layout_gc_removes_what_nothing_refers_to() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = multi(&dir.path().join("multi"));
    let path = arg(m.layout.root()).to_owned();
    let unreferenced: Vec<String> = {
        let mut v: Vec<String> = m
            .unreferenced()
            .iter()
            .map(|d| blob_path(d.digest()))
            .collect();
        v.sort();
        v
    };
    // With the defect, gc refuses and removes nothing; its dry run
    // refuses the same way, also as an archive.
    let want = format!(
        "oci-model: {path}: blobs: the layout has 1 error: gc removes nothing until check passes\n"
    );
    let o = run(&["layout", "gc", "--dry-run", "--format", "json", &path]);
    assert_eq!(
        (code(&o), stderr(&o), stdout(&o)),
        (1, want.clone(), String::new())
    );
    let o = run(&["layout", "gc", &path]);
    assert_eq!((code(&o), stderr(&o), stdout(&o)), (1, want, String::new()));
    let tar = arg(&dir.path().join("multi.tar")).to_owned();
    LayoutArchive::write_file(&m.layout, &tar).unwrap();
    let want = format!(
        "oci-model: {tar}: blobs: the layout has 1 error: gc removes nothing until check passes\n"
    );
    let o = run(&["layout", "gc", "--dry-run", &tar]);
    assert_eq!(
        (code(&o), stderr(&o), stdout(&o)),
        (1, want.clone(), String::new())
    );
    let o = run(&["layout", "gc", &tar]);
    assert_eq!((code(&o), stderr(&o), stdout(&o)), (1, want, String::new()));
    for d in m.all_blobs() {
        assert!(m.layout.blob_file(d.digest()).exists(), "{}", d.digest());
    }
    // Drop the broken name: its manifest and own layer join the
    // unreferenced blobs; the configuration it shares does not.
    let mut index = m.layout.index().clone();
    index
        .manifests_mut()
        .retain(|d| ref_name(d) != Some("1.0.0"));
    m.layout.set_index(index).unwrap();
    let mut expected = unreferenced.clone();
    expected.push(blob_path(m.broken.manifest.digest()));
    expected.push(blob_path(m.broken.layers[0].digest()));
    expected.sort();
    let o = run(&["layout", "gc", "--dry-run", "--format", "json", &path]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o.stdout), serde_json::json!({ "toRemove": expected }));
    let o = run(&["layout", "gc", &path]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let want: String = expected
        .iter()
        .map(|p| format!("removed {p}\n"))
        .chain([format!("{path}: 5 removed\n")])
        .collect();
    assert_eq!(stdout(&o), want);
    assert!(m.layout.blob_file(m.v19_amd64.config.digest()).exists());
    assert!(m.layout.blob_file(m.v204.layers[0].digest()).exists());
    let o = run(&["layout", "check", &path]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(
        stdout(&o).ends_with(&format!(
            "{path}: ok with 6 warnings (18 blobs, {} bytes verified)\n",
            m.layout.check().bytes_checked()
        )),
        "{}",
        stdout(&o)
    );
    let o = run(&["layout", "gc", "--format", "json", &path]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(json(&o.stdout), serde_json::json!({ "removed": [] }));
}

#[test]
fn a_digest_reference_says_the_digest_is_pulled() {
    let o = run(&[
        "reference",
        "alpine@sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270",
    ]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(
        out.contains("tag:        (none; the digest is pulled)\n"),
        "{out}"
    );
    assert!(!out.contains("latest"), "{out}");
}

#[test]
fn every_report_has_a_json_format() {
    let o = run(&["digest", "--format", "json", LAYOUT]);
    assert_eq!(code(&o), 0);
    let v = json(&o.stdout);
    assert_eq!(v[0]["file"], LAYOUT);
    assert!(
        v[0]["digest"].as_str().unwrap().starts_with("sha256:"),
        "{v}"
    );
    let o = run(&["kind", "--format", "json", LAYOUT]);
    assert_eq!(code(&o), 0);
    let v = json(&o.stdout);
    assert_eq!(v[0]["file"], LAYOUT);
    assert!(v[0]["kind"].is_string(), "{v}");
    let o = run(&["kind", "-f", "text", LAYOUT]);
    assert!(
        stdout(&o).ends_with(&format!("  {LAYOUT}\n")),
        "{}",
        stdout(&o)
    );
}

#[test]
fn every_subcommand_help_has_an_example() {
    for sub in ["validate", "fmt", "digest", "reference", "kind"] {
        let o = run(&[sub, "--help"]);
        assert_eq!(code(&o), 0, "{sub}");
        let out = stdout(&o);
        assert!(out.contains("Example"), "{sub}: {out}");
        assert!(out.contains(&format!("oci-model {sub} ")), "{sub}: {out}");
    }
}

#[test]
fn layout_subcommand_help_has_examples() {
    for sub in ["check", "ls", "gc"] {
        let o = run(&["layout", sub, "--help"]);
        assert_eq!(code(&o), 0, "{sub}");
        let out = stdout(&o);
        assert!(out.contains("Example"), "{sub}: {out}");
        assert!(
            out.contains(&format!("oci-model layout {sub} ")),
            "{sub}: {out}"
        );
        assert!(out.contains("--format"), "{sub}: {out}");
    }
}
