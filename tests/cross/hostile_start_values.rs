//! Hostile input, runtime values that cannot start (issue 28, item 5), on
//! the command line: an rlimit whose `soft` is above its `hard` is a
//! warning citing setrlimit(2), pinned with its path, quote and exit
//! status (0: the document is valid; 1 under `--strict`).
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    reason = "test helpers fail the test loudly on a broken setup"
)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_oci-model");

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

const CONFIG: &[u8] = br#"{"ociVersion":"1.3.0","root":{"path":"rootfs"},
  "process":{"cwd":"/","args":["sh"],"user":{"uid":0,"gid":0},
    "rlimits":[{"type":"RLIMIT_NOFILE","soft":4096,"hard":1024}]}}"#;

#[test]
fn an_rlimit_soft_above_hard_is_a_warning_citing_setrlimit() {
    let o = run_stdin(&["validate", "--kind", "runtime-config", "-"], CONFIG);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "-: /process/rlimits/0/soft: warning[rlimit-soft-above-hard]: rlimit \"RLIMIT_NOFILE\" \
         has soft 4096 above hard 1024: setrlimit(2) refuses it (EINVAL), so the container \
         cannot start\n-: ok with 1 warning\n"
    );
    let o = run_stdin(
        &[
            "validate",
            "--strict",
            "--format",
            "json",
            "--kind",
            "runtime-config",
            "-",
        ],
        CONFIG,
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["path"], "/process/rlimits/0/soft");
    assert_eq!(v[0]["rule"], "rlimit-soft-above-hard");
    assert_eq!(v[0]["severity"], "warning");
}

#[test]
fn a_sysctl_without_its_namespace_is_a_warning() {
    let config = br#"{"ociVersion":"1.3.0","root":{"path":"rootfs"},
      "process":{"cwd":"/","args":["sh"],"user":{"uid":0,"gid":0}},
      "linux":{"namespaces":[{"type":"mount"}],"sysctl":{"net.ipv4.ip_forward":"1"}}}"#;
    let o = run_stdin(&["validate", "--kind", "runtime-config", "-"], config);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "-: /linux/sysctl/net.ipv4.ip_forward: warning[linux-sysctl-namespace]: sysctl \
         \"net.ipv4.ip_forward\" needs a network namespace, and linux.namespaces has none: \
         runc refuses it\n-: ok with 1 warning\n"
    );
}
