//! The `platform`, `select` and `convert` subcommands of the `oci-model`
//! tool, run as a process over `test-data/platform/` and
//! `test-data/conversion/`.
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    reason = "test helpers fail the test loudly on a broken setup"
)]

use std::process::{Command, Output, Stdio};

use oci_model::Validate;
use oci_model::image::{Descriptor, Platform};
use oci_model::runtime::Spec;

const BIN: &str = env!("CARGO_BIN_EXE_oci-model");
const HUB: &str = "test-data/platform/docker-hub-multiarch.json";

pub(crate) fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

pub(crate) fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn platform_prints_each_string_normalized() {
    let o = run(&[
        "platform",
        "linux/aarch64",
        "Linux/x86_64",
        "linux/armhf",
        "linux/arm64/8",
        "windows(10.0.20348)/AMD64",
        "linux/arm64/v8",
        "linux/arm",
        "linux/armel",
        "linux/arm/7",
        "macos/arm64",
        "linux/x86_64/v1",
        "linux/i386",
        "linux/arm64/9.0",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // containerd: Format(Normalize(Parse(s))).
    assert_eq!(
        stdout(&o),
        "linux/arm64\nlinux/amd64\nlinux/arm/v7\nlinux/arm64\nwindows(10.0.20348)/amd64\n\
         linux/arm64\nlinux/arm/v7\nlinux/arm/v6\nlinux/arm/v7\ndarwin/arm64\nlinux/amd64\n\
         linux/386\nlinux/arm64/v9\n"
    );
}

#[test]
fn platform_rejects_bad_strings_with_exit_1() {
    let o = run(&["platform", "linux/amd64", "linux/&arm"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "linux/amd64\n");
    assert_eq!(
        stderr(&o),
        "oci-model: invalid platform \"linux/&arm\": expected component \"&arm\" to be letters, digits, '_', '.' and '-'\n"
    );
}

#[test]
fn platform_host_is_this_host() {
    let o = run(&["platform", "--host"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), format!("{}\n", Platform::host().normalize()));
    // Without arguments: the host too.
    assert_eq!(stdout(&run(&["platform"])), stdout(&o));
}

#[test]
fn platform_json_report_lists_fields_and_fallbacks() {
    let o = run(&["platform", "--format", "json", "linux/arm64"]);
    assert_eq!(code(&o), 0);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["input"], "linux/arm64");
    assert_eq!(v[0]["platform"], "linux/arm64");
    assert_eq!(v[0]["normalized"]["architecture"], "arm64");
    assert_eq!(
        v[0]["runs"],
        serde_json::json!([
            "linux/arm64",
            "linux/arm/v8",
            "linux/arm/v7",
            "linux/arm/v6",
            "linux/arm/v5"
        ])
    );
}

/// `select` on a layout whose `index.json` entries carry no `platform`
/// (as umoci and skopeo write it): the platforms come from the images'
/// configurations; without the blobs, the error says so.
#[test]
fn select_reads_platforms_from_the_layout_when_entries_have_none() {
    use oci_model::image::layout::LayoutArchive;
    let dir = tempfile::tempdir().unwrap();
    let u = crate::layout_build::unplatformed(&dir.path().join("layout"));
    let root = u.layout.root().to_str().unwrap().to_owned();
    let tar = dir.path().join("layout.tar");
    LayoutArchive::write_file(&u.layout, &tar).unwrap();
    let index_json = format!("{root}/index.json");
    for input in [root.as_str(), index_json.as_str(), tar.to_str().unwrap()] {
        let d = selected(&["select", input, "-p", "linux/arm64"]);
        assert_eq!(d.digest(), u.arm64.manifest.digest(), "{input}");
        let d = selected(&["select", input, "-p", "linux/amd64/v2"]);
        assert_eq!(d, u.amd64_v2.manifest, "{input}");
        let d = selected(&["select", input, "-p", "linux/amd64"]);
        assert_eq!(d.digest(), u.amd64.manifest.digest(), "{input}");
        let o = run(&["select", input, "-p", "linux/amd64/v3", "--all"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let all: Vec<Descriptor> = serde_json::from_slice(&o.stdout).unwrap();
        let digests: Vec<_> = all.iter().map(|d| d.digest().clone()).collect();
        assert_eq!(
            digests,
            [
                u.amd64_v2.manifest.digest().clone(),
                u.amd64.manifest.digest().clone()
            ],
            "{input}"
        );
        let o = run(&["select", input, "-p", "linux/riscv64"]);
        assert_eq!(code(&o), 1, "{}", stderr(&o));
    }
    // The same index.json away from its blobs.
    let bare = dir.path().join("bare.json");
    std::fs::copy(&index_json, &bare).unwrap();
    let o = run(&["select", bare.to_str().unwrap(), "-p", "linux/amd64"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        format!(
            "oci-model: {}: /manifests/0 has no platform: it is in the image configuration of the manifest, and no blobs are at hand: expected an image layout (its directory, its .tar, or the index.json inside it)\n",
            bare.display()
        )
    );
}

fn selected(args: &[&str]) -> Descriptor {
    let o = run(args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn select_prints_the_chosen_descriptor() {
    for (platform, arch, variant) in [
        ("linux/arm64", "arm64", Some("v8")),
        ("linux/arm/v6", "arm", Some("v5")),
        ("linux/amd64", "amd64", None),
        ("linux/386", "386", None),
        ("linux/s390x", "s390x", None),
    ] {
        let d = selected(&["select", HUB, "--platform", platform]);
        let p = d.platform().clone().unwrap();
        assert_eq!(p.architecture().as_str(), arch, "{platform}");
        assert_eq!(p.variant().as_deref(), variant, "{platform}");
    }
    let d = selected(&["select", HUB, "-p", "windows(10.0.20348)/amd64"]);
    assert_eq!(
        d.platform().clone().unwrap().os_version().as_deref(),
        Some("10.0.20348.2966")
    );
}

#[test]
fn select_strict_and_all() {
    // Strict: arm/v6 has no exact entry.
    let o = run(&["select", HUB, "-p", "linux/arm/v6", "--strict"]);
    assert_eq!(code(&o), 1);
    assert_eq!(
        stderr(&o),
        format!(
            "oci-model: {HUB}: no manifest matches: expected an entry for one of linux/arm/v6\n"
        )
    );
    let o = run(&["select", HUB, "-p", "linux/arm64", "--all"]);
    assert_eq!(code(&o), 0);
    let all: Vec<Descriptor> = serde_json::from_slice(&o.stdout).unwrap();
    let names: Vec<String> = all
        .iter()
        .map(|d| d.platform().clone().unwrap().to_string())
        .collect();
    assert_eq!(names, ["linux/arm64/v8", "linux/arm/v7", "linux/arm/v5"]);
}

#[test]
fn select_without_a_match_exits_1() {
    let o = run(&[
        "select",
        "test-data/platform/manifest-list-no-variants.json",
        "-p",
        "linux/riscv64",
    ]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("no manifest matches: expected an entry for one of linux/riscv64"),
        "{}",
        stderr(&o)
    );
    let o = run(&["select", HUB, "-p", "vax"]);
    assert_eq!(code(&o), 2);
}

fn converted(args: &[&str]) -> Spec {
    let o = run(args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let spec: Spec = stdout(&o).parse().unwrap();
    assert!(spec.validate().is_valid(), "{:?}", spec.validate());
    spec
}

#[test]
fn convert_prints_a_valid_config_json() {
    let spec = converted(&["convert", "test-data/conversion/nginx.json"]);
    let p = spec.process().clone().unwrap();
    assert_eq!(
        p.args().as_deref().unwrap(),
        ["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"]
    );
    // Caller overrides: env, user, command after `--`, no volumes.
    let spec = converted(&[
        "convert",
        "test-data/conversion/postgres.json",
        "-e",
        "PGDATA=/tmp/pg",
        "--user",
        "999:999",
        "--no-volumes",
        "--",
        "postgres",
        "-c",
        "fsync=off",
    ]);
    let p = spec.process().clone().unwrap();
    assert_eq!(
        p.args().as_deref().unwrap(),
        ["docker-entrypoint.sh", "postgres", "-c", "fsync=off"]
    );
    assert!(
        p.env()
            .as_ref()
            .unwrap()
            .contains(&"PGDATA=/tmp/pg".to_owned())
    );
    assert_eq!(p.user().uid(), 999);
    assert_eq!(spec.mounts(), Spec::default().mounts());
}

#[test]
fn convert_entrypoint_drops_the_image_cmd() {
    let spec = converted(&[
        "convert",
        "test-data/conversion/nginx.json",
        "--entrypoint",
        "/bin/sh",
    ]);
    assert_eq!(
        spec.process().clone().unwrap().args().as_deref().unwrap(),
        ["/bin/sh"]
    );
    let spec = converted(&[
        "convert",
        "test-data/conversion/nginx.json",
        "--entrypoint",
        "/bin/sh",
        "--",
        "-c",
        "nginx -t",
    ]);
    assert_eq!(
        spec.process().clone().unwrap().args().as_deref().unwrap(),
        ["/bin/sh", "-c", "nginx -t"]
    );
    // No command at all is an error that says so.
    let o = run(&["convert", "test-data/conversion/distroless-nonroot.json"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("/config: no command"), "{}", stderr(&o));
}

#[test]
fn convert_resolves_names_with_passwd_and_group() {
    let o = run(&["convert", "test-data/image/examples/config-01.json"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("cannot resolve user \"alice\""),
        "{}",
        stderr(&o)
    );
    let spec = converted(&[
        "convert",
        "test-data/image/examples/config-01.json",
        "--passwd",
        "test-data/conversion/alice-passwd",
        "--group",
        "test-data/conversion/alice-group",
        "--manifest-annotations",
        "test-data/conversion/manifest.json",
    ]);
    let user = spec.process().clone().unwrap().user().clone();
    assert_eq!((user.uid(), user.gid()), (1000, 1000));
    let a = spec.annotations().clone().unwrap();
    // The config's created wins over the manifest's; its stop signal is
    // absent, so the manifest's fills in.
    assert_eq!(
        a["org.opencontainers.image.created"],
        "2015-10-31T22:22:56.015925234Z"
    );
    assert_eq!(a["org.opencontainers.image.stopSignal"], "SIGTERM");
}

/// `convert` then `validate --strict` on what it printed, as a user
/// would chain them.
fn convert_then_validate_strict(args: &[&str]) -> Output {
    let o = run(args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.json");
    std::fs::write(&file, o.stdout).unwrap();
    run(&["validate", "--strict", file.to_str().unwrap()])
}

#[test]
fn convert_output_passes_validate_strict() {
    // nginx carries ExposedPorts (org.opencontainers.image.exposedPorts,
    // prescribed by conversion.md), a label and a stop signal.
    for args in [
        &["convert", "test-data/conversion/nginx.json"][..],
        &["convert", "test-data/conversion/postgres.json"],
        &[
            "convert",
            "test-data/conversion/busybox.json",
            "--oci-version",
            "1.1.0",
        ],
        &[
            "convert",
            "test-data/image/examples/config-01.json",
            "--passwd",
            "test-data/conversion/alice-passwd",
            "--group",
            "test-data/conversion/alice-group",
        ],
        &[
            "convert",
            "test-data/conversion/windows-app.json",
            "--base",
            "test-data/conversion/windows-base.json",
        ],
    ] {
        let o = convert_then_validate_strict(args);
        assert_eq!(code(&o), 0, "{args:?}: {}{}", stdout(&o), stderr(&o));
    }
}

#[test]
fn convert_writes_oci_version_1_0_2_unless_told() {
    let spec = converted(&["convert", "test-data/conversion/nginx.json"]);
    assert_eq!(spec.version(), "1.0.2");
    let spec = converted(&[
        "convert",
        "test-data/conversion/nginx.json",
        "--oci-version",
        "1.1.0",
    ]);
    assert_eq!(spec.version(), "1.1.0");
    let o = run(&["convert", "--help"]);
    assert!(stdout(&o).contains("--oci-version"), "{}", stdout(&o));
}

#[test]
fn convert_takes_nothing_from_a_manifest_unless_asked() {
    // The old --manifest is gone: taking annotations from a manifest
    // departs from conversion.md, and the flag's name and help say so.
    let o = run(&[
        "convert",
        "test-data/conversion/nginx.json",
        "--manifest",
        "test-data/conversion/manifest.json",
    ]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let o = run(&["convert", "--help"]);
    assert!(
        stdout(&o).contains("Departs from conversion.md"),
        "{}",
        stdout(&o)
    );
    let spec = converted(&["convert", "test-data/conversion/busybox.json"]);
    let a = spec.annotations().clone().unwrap_or_default();
    assert!(
        !a.contains_key("org.opencontainers.image.stopSignal"),
        "{a:?}"
    );
    let spec = converted(&[
        "convert",
        "test-data/conversion/busybox.json",
        "--manifest-annotations",
        "test-data/conversion/manifest.json",
    ]);
    let a = spec.annotations().clone().unwrap();
    assert_eq!(a["org.opencontainers.image.stopSignal"], "SIGTERM");
}

#[test]
fn convert_a_windows_image_onto_a_windows_base() {
    let spec = converted(&[
        "convert",
        "test-data/conversion/windows-app.json",
        "--base",
        "test-data/conversion/windows-base.json",
        "--compact",
    ]);
    let p = spec.process().clone().unwrap();
    assert_eq!(
        p.command_line().as_deref(),
        Some("cmd /S /C C:\\app\\server.exe --port 80")
    );
    assert_eq!(p.user().username().as_deref(), Some("ContainerUser"));
}
