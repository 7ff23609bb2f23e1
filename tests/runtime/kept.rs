//! Unknown values of `Copy` enums and the hidden parts of `Copy` structs,
//! kept in the struct that holds them (src/json/kept.rs): every
//! enum-typed member of the runtime model with an unknown value, every
//! `Copy` struct with unknown members and `null`s, in one document that
//! must come back JSON-equal (sets are written sorted, so the document
//! lists them sorted); then what happens when the typed values
//! change.

#![allow(clippy::unwrap_used, reason = "test code: a failure is a test failure")]

use oci_model::Validate;
use oci_model::runtime::{
    Capability, LinuxNamespaceType, LinuxSchedulerFlag, LinuxSeccompAction, PosixRlimitType, Spec,
    State,
};
use serde_json::{Value, json};

fn document() -> Value {
    json!({
        "ociVersion": "1.3.0",
        "root": {"path": "rootfs"},
        "uidMappings": [{"containerID": 0, "hostID": 1, "size": 1, "u": 1}],
        "process": {
            "cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0},
            "consoleSize": {"height": 1, "width": 2, "x": {"y": null}},
            "capabilities": {"bounding": ["CAP_CHOWN", "CAP_NEW", "sys_admin"],
                "effective": ["CAP_KILL", "CAP_KILL", "cap_kill"]},
            "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 1, "hard": 2},
                {"type": "RLIMIT_NEW", "soft": 1, "hard": 2, "z": []}],
            "scheduler": {"policy": "SCHED_NEW", "flags": ["SCHED_FLAG_RECLAIM", "SCHED_FLAG_NEW", "SCHED_RESET_ON_FORK"]},
            "ioPriority": {"class": "IOPRIO_CLASS_NEW", "priority": 0, "n": null}
        },
        "mounts": [{"destination": "/m", "uidMappings": [{"containerID": 0, "hostID": 1, "size": 1, "q": "r"}]}],
        "linux": {
            "namespaces": [{"type": "pid"}, {"type": "newns"}],
            "uidMappings": [{"containerID": 0, "hostID": 1, "size": 1, "v": true}],
            "timeOffsets": {"monotonic": {"secs": 1, "w": 2}},
            "resources": {
                "memory": {"limit": null, "swap": 5, "m": {}},
                "pids": {"limit": 3, "p": 1},
                "rdma": {"mlx": {"hcaHandles": 1, "r": null}},
                "blockIO": {"weightDevice": [{"major": 1, "minor": 2, "weight": 3, "b": 1}],
                    "throttleReadBpsDevice": [{"major": 1, "minor": 2, "rate": 3, "t": 1}]}
            },
            "seccomp": {
                "defaultAction": "SCMP_ACT_NEW",
                "architectures": ["SCMP_ARCH_VAX", "SCMP_ARCH_X86_64"],
                "flags": ["SECCOMP_FILTER_FLAG_NEW"],
                "syscalls": [{"names": ["read"], "action": "SCMP_ACT_NEWER",
                    "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_NEW", "a": 1}]}]
            },
            "personality": {"domain": "LINUX64"},
            "memoryPolicy": {"mode": "MPOL_NEW", "flags": ["MPOL_F_NEW"]}
        },
        "windows": {"resources": {"memory": {"limit": 1, "wm": 1}, "storage": {"iops": 1, "ws": 1},
            "cpu": {"affinity": [{"mask": 1, "group": 0, "wa": 1}]}}},
        "vm": {"hypervisor": {"path": "/h"}, "kernel": {"path": "/k"},
            "hwConfig": {"iomems": [{"firstMFN": 1, "nrMFNs": 2, "vi": 1}]}},
        "zos": {"namespaces": [{"type": "newzos"}]}
    })
}

fn json_of(spec: &Spec) -> Value {
    serde_json::from_slice(&spec.to_vec().unwrap()).unwrap()
}

#[test]
fn every_unknown_enum_value_and_copy_struct_member_comes_back() {
    let doc = document();
    let spec: Spec = serde_json::from_value(doc.clone()).unwrap();
    assert_eq!(json_of(&spec), doc);
    // Twice: what was kept is kept again.
    let again = Spec::from_slice(&spec.to_vec().unwrap()).unwrap();
    assert_eq!(again, spec);
    assert_eq!(json_of(&again), doc);
}

#[test]
fn unknown_values_are_reported_where_they_are() {
    let spec: Spec = serde_json::from_value(document()).unwrap();
    let r = spec.validate();
    let mut found: Vec<(&str, &str)> = r
        .violations()
        .iter()
        .filter(|v| v.rule_name().ends_with("unknown"))
        .map(|v| (v.rule_name(), v.path()))
        .collect();
    found.sort_unstable();
    assert_eq!(
        found,
        [
            ("capability-unknown", "/process/capabilities/bounding/1"),
            ("io-priority-class-unknown", "/process/ioPriority/class"),
            ("linux-memory-policy-unknown", "/linux/memoryPolicy/flags/0"),
            ("linux-memory-policy-unknown", "/linux/memoryPolicy/mode"),
            ("linux-namespace-type-unknown", "/linux/namespaces/1/type"),
            ("linux-personality-unknown", "/linux/personality/domain"),
            ("linux-seccomp-unknown", "/linux/seccomp/architectures/0"),
            ("linux-seccomp-unknown", "/linux/seccomp/defaultAction"),
            ("linux-seccomp-unknown", "/linux/seccomp/flags/0"),
            ("linux-seccomp-unknown", "/linux/seccomp/syscalls/0/action"),
            (
                "linux-seccomp-unknown",
                "/linux/seccomp/syscalls/0/args/0/op"
            ),
            ("rlimit-type-unknown", "/process/rlimits/1/type"),
            ("scheduler-flag-unknown", "/process/scheduler/flags/1"),
            ("scheduler-policy-unknown", "/process/scheduler/policy"),
            ("zos-namespace-type-unknown", "/zos/namespaces/0/type"),
        ],
        "{r}"
    );
}

#[test]
fn changing_typed_values_beside_kept_ones() {
    let mut spec: Spec = serde_json::from_value(document()).unwrap();
    let mut process = spec.process().clone().unwrap();

    // A set: the unknown capability stays among the typed ones (written
    // sorted); a spelling is written while its value is in the set.
    let mut caps = process.capabilities().clone().unwrap();
    let mut bounding = caps.bounding().clone().unwrap();
    assert!(bounding.contains(&Capability::SysAdmin));
    bounding.insert(Capability::Kill);
    bounding.remove(&Capability::Chown);
    caps.set_bounding(Some(bounding));
    process.set_capabilities(Some(caps));

    // A list: the unknown flag stays at its position.
    let mut sched = process.scheduler().clone().unwrap();
    sched.set_flags(Some(vec![LinuxSchedulerFlag::SchedFlagKeepPolicy]));
    process.set_scheduler(Some(sched));

    // A Copy struct in a list: its unknown members go with the element at
    // its position; setting the type replaces the unknown type.
    let mut rlimits = process.rlimits().clone().unwrap();
    rlimits[1].set_typ(PosixRlimitType::RlimitCore);
    process.set_rlimits(Some(rlimits));
    spec.set_process(Some(process));

    // A scalar: the unknown action is written while the field holds its
    // stand-in (the default); another value replaces it.
    let mut linux = spec.linux().clone().unwrap();
    let mut seccomp = linux.seccomp().clone().unwrap();
    assert_eq!(seccomp.default_action(), LinuxSeccompAction::ScmpActAllow);
    seccomp.set_default_action(LinuxSeccompAction::ScmpActErrno);
    linux.set_seccomp(Some(seccomp));
    // Setting an Option that held kept parts to None drops them.
    let mut resources = linux.resources().clone().unwrap();
    resources.set_pids(None);
    linux.set_resources(Some(resources));
    spec.set_linux(Some(linux));

    let out = json_of(&spec);
    assert_eq!(
        out["process"]["capabilities"]["bounding"],
        json!(["CAP_KILL", "CAP_NEW", "sys_admin"])
    );
    assert_eq!(
        out["process"]["scheduler"]["flags"],
        json!(["SCHED_FLAG_KEEP_POLICY", "SCHED_FLAG_NEW"])
    );
    assert_eq!(
        out["process"]["rlimits"][1],
        json!({"type": "RLIMIT_CORE", "soft": 1, "hard": 2, "z": []})
    );
    assert_eq!(
        out["linux"]["seccomp"]["defaultAction"],
        json!("SCMP_ACT_ERRNO")
    );
    assert!(out["linux"]["resources"].get("pids").is_none());
    assert_eq!(
        out["linux"]["namespaces"],
        json!([{"type": "pid"}, {"type": "newns"}])
    );
    let ns = spec.linux().as_ref().unwrap().namespaces().clone().unwrap();
    assert_eq!(ns[1].typ(), LinuxNamespaceType::Pid);
}

#[test]
fn a_state_with_an_unknown_status_comes_back() {
    let text = r#"{"ociVersion":"1.3.0","id":"c","status":"paused","pid":1,"bundle":"/b"}"#;
    let state = State::from_slice(text.as_bytes()).unwrap();
    assert_eq!(state.to_string().unwrap(), text);
    assert!(state.validate().has_rule("state-status-unknown"));
}

/// Issue 26, inputs 1 and 2: what a `Copy` struct holds beyond its members
/// is read as JSON (not skipped), so invalid UTF-8, a lone surrogate and
/// nesting beyond the limit are errors there as anywhere else.
#[test]
fn copy_struct_members_are_checked_json() {
    let mut bad_utf8 =
        br#"{"ociVersion":"","linux":{"resources":{"rdma":{"":{"":"?"}}}}}"#.to_vec();
    let at = bad_utf8.iter().position(|b| *b == b'?').unwrap();
    bad_utf8[at] = 0xFF;
    assert!(Spec::from_slice(&bad_utf8).is_err());
    let surrogate = br#"{"ociVersion":"","linux":{"resources":{"rdma":{"":{"":"\ud800"}}}}}"#;
    assert!(Spec::from_slice(surrogate).is_err());
    let deep = format!(
        r#"{{"ociVersion":"","process":{{"cwd":"/","consoleSize":{{"height":1,"width":1,"x":{}1{}}}}}}}"#,
        "[".repeat(125),
        "]".repeat(125)
    );
    assert!(Spec::from_slice(deep.as_bytes()).is_err());
    let shallow = format!(
        r#"{{"ociVersion":"","process":{{"consoleSize":{{"height":1,"width":1,"x":{}1{}}},"cwd":"/"}}}}"#,
        "[".repeat(10),
        "]".repeat(10)
    );
    let spec = Spec::from_slice(shallow.as_bytes()).unwrap();
    assert_eq!(spec.to_string().unwrap(), shallow);
}

/// Found by the `runtime` fuzz target (2026-12-08): the unknown members of
/// `Copy` map values (`linux.resources.rdma`), kept per key, made values
/// compare unequal when the document listed the keys in another order than
/// the writer (key order) does.
#[test]
fn kept_map_entries_compare_equal_whatever_the_key_order() {
    let doc = br#"{"ociVersion":"1.0.0","root":{"path":"rootfs"},"linux":{"resources":{"rdma":{
        "mlx5_1":{"hcaHandles":3,"hcaObjests":100},
        "mlx4_0":{"hcaObjjects":10000}}}}}"#;
    let first: oci_model::runtime::Spec = oci_model::io::from_slice(doc).unwrap();
    let out = oci_model::io::to_vec(&first, false).unwrap();
    let second: oci_model::runtime::Spec = oci_model::io::from_slice(&out).unwrap();
    assert_eq!(first, second);
    assert_eq!(oci_model::io::to_vec(&second, false).unwrap(), out);
    assert!(
        String::from_utf8(out).unwrap().contains(
            r#""mlx4_0":{"hcaObjjects":10000},"mlx5_1":{"hcaHandles":3,"hcaObjests":100}"#
        )
    );
}
