//! Hostile input, amplification (issue 28, item 3): a document with a
//! hundred thousand bad values must not give a hundred thousand lines. The
//! tool shows at most 10 problems of one rule and 100 in all per file, then
//! one line (one JSON entry, rule `omitted`) with the count left out per
//! rule; the library keeps at most what its caller's `Limits` allow.
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    reason = "test helpers fail the test loudly on a broken setup"
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use oci_model::distribution::TagList;
use oci_model::image::ImageManifest;
use oci_model::validate::{Checker, Limits, Validate, check_null_members};

const BIN: &str = env!("CARGO_BIN_EXE_oci-model");

/// The largest report the tool may write for one file under the default
/// limits: 100 problems and the omitted line, each well under 512 bytes
/// with the short paths of these documents, and the summary.
const MAX_REPORT: usize = 102 * 512;

/// Runs the tool with `input` on standard input (written from a thread, so
/// a large report cannot block a large input).
fn run_stdin(args: &[&str], input: Vec<u8>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // The tool may stop reading early (a usage error): not a failure.
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

fn text(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// A tag list of `n` tags that all break `tag-list-tag` (a tag may not
/// start with `-`), in order, so no other rule fires on each tag.
fn bad_tags(n: usize) -> Vec<u8> {
    let tags: Vec<String> = (0..n).map(|i| format!("-bad{i:07}")).collect();
    serde_json::json!({ "name": "a/b", "tags": tags })
        .to_string()
        .into_bytes()
}

/// A manifest of `n` layers whose media types break `media-type-grammar`.
fn bad_media_types(n: usize) -> Vec<u8> {
    let digest = format!("sha256:{}", "a".repeat(64));
    let layers: Vec<_> = (0..n)
        .map(|i| serde_json::json!({ "mediaType": format!("not a media type {i}"), "digest": digest, "size": 1 }))
        .collect();
    serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": { "mediaType": "application/vnd.oci.image.config.v1+json", "digest": digest, "size": 2 },
        "layers": layers,
    })
    .to_string()
    .into_bytes()
}

/// Runtime `config.json` with `n` `null` members in an unknown member:
/// `n` warnings of `null-member`, no error.
fn many_nulls(n: usize) -> Vec<u8> {
    let nulls: serde_json::Map<String, serde_json::Value> = (0..n)
        .map(|i| (format!("k{i}"), serde_json::Value::Null))
        .collect();
    serde_json::json!({ "ociVersion": "1.3.0", "root": { "path": "rootfs" }, "x-vendor": nulls })
        .to_string()
        .into_bytes()
}

/// The problem lines of a text report (without the omitted line and the
/// summary) that name `rule`.
fn lines_of(out: &str, rule: &str) -> usize {
    out.lines()
        .filter(|l| l.contains(&format!("[{rule}]: ")))
        .count()
}

#[test]
fn a_hundred_thousand_bad_tags_give_a_bounded_text_report() {
    let input = bad_tags(100_000);
    let o = run_stdin(&["validate", "--kind", "taglist", "-"], input.clone());
    assert_eq!(code(&o), 1);
    let out = text(&o);
    assert!(out.len() <= MAX_REPORT, "{} bytes of report", out.len());
    assert!(
        out.len() < input.len() / 100,
        "{} bytes of report",
        out.len()
    );
    assert_eq!(lines_of(&out, "tag-list-tag"), 10, "{out}");
    assert!(
        out.starts_with(
            "-: /tags/0: error[tag-list-tag]: tag \"-bad0000000\" is invalid: expected a first character"
        ),
        "{out}"
    );
    assert!(
        out.ends_with(
            "-: /: error[omitted]: 99990 more problems not shown (tag-list-tag: 99990); \
             --all shows every problem\n\
             -: invalid (100000 errors)\n"
        ),
        "{out}"
    );
}

#[test]
fn a_hundred_thousand_bad_tags_give_a_bounded_json_report() {
    let input = bad_tags(100_000);
    let o = run_stdin(
        &["validate", "--format", "json", "--kind", "taglist", "-"],
        input.clone(),
    );
    assert_eq!(code(&o), 1);
    assert!(o.stdout.len() <= 2 * MAX_REPORT, "{} bytes", o.stdout.len());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 11, "{v}");
    assert!(items[..10].iter().all(|p| p["rule"] == "tag-list-tag"));
    assert_eq!(items[9]["path"], "/tags/9");
    let last = &items[10];
    assert_eq!(last["file"], "-");
    assert_eq!(last["kind"], "taglist");
    assert_eq!(last["path"], "/");
    assert_eq!(last["rule"], "omitted");
    assert_eq!(last["severity"], "error");
    assert_eq!(
        last["message"],
        "99990 more problems not shown (tag-list-tag: 99990); --all shows every problem"
    );
    assert_eq!(
        last["omitted"],
        serde_json::json!({ "tag-list-tag": 99_990 })
    );
    // Problems that were shown have no `omitted` member.
    assert!(items[0].get("omitted").is_none());
}

#[test]
fn a_manifest_of_many_bad_media_types_gives_a_bounded_report() {
    let input = bad_media_types(100_000);
    let o = run_stdin(&["validate", "--kind", "manifest", "-"], input.clone());
    assert_eq!(code(&o), 1);
    let out = text(&o);
    assert!(out.len() <= MAX_REPORT, "{} bytes of report", out.len());
    assert_eq!(lines_of(&out, "media-type-grammar"), 10, "{out}");
    assert!(
        out.contains(
            "-: /layers/9/mediaType: error[media-type-grammar]: media type \"not a media type 9\""
        ),
        "{out}"
    );
    assert!(
        out.ends_with(
            "-: /: error[omitted]: 99990 more problems not shown (media-type-grammar: 99990); \
             --all shows every problem\n\
             -: invalid (100000 errors)\n"
        ),
        "{out}"
    );

    let o = run_stdin(
        &["validate", "--format", "json", "--kind", "manifest", "-"],
        input,
    );
    assert_eq!(code(&o), 1);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let last = v.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["rule"], "omitted");
    assert_eq!(
        last["omitted"],
        serde_json::json!({ "media-type-grammar": 99_990 })
    );
}

#[test]
fn warnings_left_out_are_counted_and_do_not_fail() {
    let input = many_nulls(5_000);
    let o = run_stdin(
        &["validate", "--kind", "runtime-config", "-"],
        input.clone(),
    );
    assert_eq!(code(&o), 0, "{}", text(&o));
    let out = text(&o);
    assert!(out.len() <= MAX_REPORT, "{} bytes of report", out.len());
    assert_eq!(lines_of(&out, "null-member"), 10, "{out}");
    assert!(
        out.ends_with(
            "-: /: warning[omitted]: 4990 more problems not shown (null-member: 4990); \
             --all shows every problem\n\
             -: ok with 5000 warnings\n"
        ),
        "{out}"
    );
    // Under --strict the warnings left out still fail the document.
    let o = run_stdin(
        &["validate", "--strict", "--kind", "runtime-config", "-"],
        input,
    );
    assert_eq!(code(&o), 1);
    assert!(
        text(&o).ends_with("-: invalid under --strict (5000 warnings)\n"),
        "{}",
        text(&o)
    );
}

#[test]
fn flags_raise_lower_or_remove_the_limits() {
    let input = bad_tags(1_000);
    // Lower: 3 per rule, and 2 in all wins.
    let o = run_stdin(
        &[
            "validate",
            "--max-per-rule",
            "3",
            "--max-problems",
            "2",
            "--kind",
            "taglist",
            "-",
        ],
        input.clone(),
    );
    assert_eq!(code(&o), 1);
    let out = text(&o);
    assert_eq!(lines_of(&out, "tag-list-tag"), 2, "{out}");
    assert!(
        out.contains("-: /: error[omitted]: 998 more problems not shown (tag-list-tag: 998);"),
        "{out}"
    );
    // Raise.
    let o = run_stdin(
        &[
            "validate",
            "--max-per-rule",
            "500",
            "--max-problems",
            "600",
            "--kind",
            "taglist",
            "-",
        ],
        input.clone(),
    );
    let out = text(&o);
    assert_eq!(lines_of(&out, "tag-list-tag"), 500);
    assert!(out.contains("(tag-list-tag: 500)"), "{out}");
    // Remove: every problem, no omitted line.
    let o = run_stdin(
        &["validate", "--all", "--kind", "taglist", "-"],
        input.clone(),
    );
    assert_eq!(code(&o), 1);
    let out = text(&o);
    assert_eq!(lines_of(&out, "tag-list-tag"), 1_000);
    assert_eq!(lines_of(&out, "omitted"), 0);
    assert!(out.ends_with("-: invalid (1000 errors)\n"), "{out}");
    // Zero shows none, and still counts them.
    let o = run_stdin(
        &["validate", "--max-problems", "0", "--kind", "taglist", "-"],
        input.clone(),
    );
    assert_eq!(code(&o), 1);
    assert_eq!(
        text(&o),
        "-: /: error[omitted]: 1000 more problems not shown (tag-list-tag: 1000); \
         --all shows every problem\n-: invalid (1000 errors)\n"
    );
    // --all with a limit is a usage error.
    let o = run_stdin(
        &[
            "validate",
            "--all",
            "--max-problems",
            "5",
            "--kind",
            "taglist",
            "-",
        ],
        input,
    );
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("--all"));
}

#[test]
fn each_file_has_its_own_limit_and_line() {
    let dir = std::env::temp_dir().join(format!("oci-model-amplification-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a = dir.join("a.json");
    let b = dir.join("b.json");
    std::fs::write(&a, bad_tags(50)).unwrap();
    std::fs::write(&b, bad_tags(20)).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let o = Command::new(BIN)
        .args(["validate", "--kind", "taglist", a, b])
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code(&o), 1);
    let out = text(&o);
    assert_eq!(lines_of(&out, "tag-list-tag"), 20, "{out}");
    assert!(
        out.contains(&format!(
            "{a}: /: error[omitted]: 40 more problems not shown (tag-list-tag: 40);"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{b}: /: error[omitted]: 10 more problems not shown (tag-list-tag: 10);"
        )),
        "{out}"
    );
    assert!(
        out.ends_with(&format!("{b}: invalid (20 errors)\n")),
        "{out}"
    );
}

#[test]
fn the_library_keeps_what_the_caller_allows() {
    let list: TagList = oci_model::io::from_slice(&bad_tags(100_000)).unwrap();
    let report = list.validate_with(Limits::none().per_rule(5).total(7));
    assert_eq!(report.violations().len(), 5);
    assert_eq!(report.violations()[4].path(), "/tags/4");
    assert_eq!(report.omitted().len(), 1);
    assert_eq!(report.omitted()[0].rule_name(), "tag-list-tag");
    assert_eq!(report.omitted()[0].errors(), 99_995);
    assert_eq!(report.omitted_count(), 99_995);
    assert_eq!(report.error_count(), 100_000);
    assert!(!report.is_valid() && !report.is_complete() && !report.is_clean());
    // The kept violations are all that is held: bounded memory.
    assert!(report.violations().len() <= 7);

    // Without limits, everything (as `validate()`).
    let all = list.validate_with(Limits::none());
    assert_eq!(all.violations().len(), 100_000);
    assert!(all.is_complete());
    assert_eq!(all, list.validate());

    // A total over several rules, through one checker.
    let manifest: ImageManifest = oci_model::io::from_slice(&bad_media_types(1_000)).unwrap();
    let mut checker = Checker::with_limits(Limits::none().total(3));
    manifest.check(&mut checker);
    check_null_members(&many_nulls(10), &mut checker).unwrap();
    let report = checker.finish();
    assert_eq!(report.violations().len(), 3);
    let omitted: Vec<_> = report
        .omitted()
        .iter()
        .map(|o| (o.rule_name(), o.errors(), o.warnings()))
        .collect();
    assert_eq!(
        omitted,
        [("media-type-grammar", 997, 0), ("null-member", 0, 10)]
    );
}

/// The report of `input` validated as `kind` with the default limits, in
/// text and JSON, stays within twice the input plus the bounded report.
fn assert_bounded(kind: &str, input: &[u8]) {
    for format in ["text", "json"] {
        let o = run_stdin(
            &["validate", "--format", format, "--kind", kind, "-"],
            input.to_vec(),
        );
        assert!(
            code(&o) <= 1,
            "{kind}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            o.stdout.len() <= 2 * input.len() + 2 * MAX_REPORT,
            "{kind} {format}: {} bytes of report for {} bytes of input",
            o.stdout.len(),
            input.len()
        );
    }
}

#[test]
fn output_stays_within_a_small_multiple_of_any_input() {
    // Long keys make long JSON pointers: each reported key is in the input.
    let annotations: serde_json::Map<String, serde_json::Value> = (0..300)
        .map(|i| {
            (
                format!("org.opencontainers.{i}.{}", "k".repeat(5_000)),
                serde_json::Value::String(String::new()),
            )
        })
        .collect();
    let config = serde_json::json!({
        "ociVersion": "1.3.0", "root": {"path": "rootfs"}, "annotations": annotations
    });
    assert_bounded("runtime-config", config.to_string().as_bytes());
    // Many rules at once: every layer breaks several.
    let layers: Vec<_> = (0..20_000)
        .map(|i| serde_json::json!({"mediaType": format!("x y {i}"), "digest": "sha256:xyz", "size": -1, "urls": ["not a url"]}))
        .collect();
    let manifest = serde_json::json!({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": format!("sha256:{}", "a".repeat(64)), "size": 2},
        "layers": layers, "annotations": {"": ""}
    });
    assert_bounded("manifest", manifest.to_string().as_bytes());
    assert_bounded("taglist", &bad_tags(100_000));
    assert_bounded("runtime-config", &many_nulls(20_000));
    // A tiny document: the report is bounded by a constant.
    assert_bounded("taglist", br#"{"name":"A","tags":["-"]}"#);
}

#[test]
fn layout_check_reports_are_bounded_too() {
    let dir = std::env::temp_dir().join(format!(
        "oci-model-amplification-layout-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(dir.join("blobs/sha256")).unwrap();
    std::fs::write(dir.join("oci-layout"), br#"{"imageLayoutVersion":"1.0.0"}"#).unwrap();
    let manifests: Vec<_> = (0..500)
        .map(|i| serde_json::json!({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": format!("sha256:{i:064x}"), "size": 10}))
        .collect();
    let index = serde_json::json!({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": manifests});
    std::fs::write(dir.join("index.json"), index.to_string()).unwrap();
    let path = dir.to_str().unwrap();
    let plain = Command::new(BIN)
        .args(["layout", "check", path])
        .output()
        .unwrap();
    let json = Command::new(BIN)
        .args([
            "layout",
            "check",
            "--format",
            "json",
            "--max-per-rule",
            "3",
            path,
        ])
        .output()
        .unwrap();
    let all = Command::new(BIN)
        .args(["layout", "check", "--all", path])
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();

    assert_eq!(code(&plain), 1);
    let out = text(&plain);
    assert_eq!(lines_of(&out, "layout-blob-missing"), 10, "{out}");
    assert!(
        out.contains(&format!(
            "{path}: /: error[omitted]: 490 more problems not shown (layout-blob-missing: 490); \
             --all shows every problem\n"
        )),
        "{out}"
    );
    assert!(
        out.ends_with("invalid (500 errors, 0 warnings; 0 blobs, 0 bytes verified)\n"),
        "{out}"
    );

    assert_eq!(code(&json), 1);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["problems"].as_array().unwrap().len(), 3);
    assert_eq!(v["omitted"]["rule"], "omitted");
    assert_eq!(
        v["omitted"]["omitted"],
        serde_json::json!({"layout-blob-missing": 497})
    );
    assert_eq!(v["valid"], false);

    assert_eq!(lines_of(&text(&all), "layout-blob-missing"), 500);
}
