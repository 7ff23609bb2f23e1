//! One test per rule of `oci_model::runtime::rules`: a document that
//! breaks only that rule, asserting the rule name and the JSON pointer.
#![cfg(feature = "runtime")]
#![allow(clippy::unwrap_used, reason = "test helpers panic on broken test data")]

use oci_model::runtime::{ContainerProcessState, Spec, State, rules};
use oci_model::{Severity, Validate, ValidationReport};
use serde_json::{Value, json};

/// A valid POSIX config every config test starts from.
fn base_config() -> Value {
    json!({
        "ociVersion": "1.3.0",
        "root": {"path": "rootfs"},
        "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}
    })
}

/// A valid Windows config (volume GUID root, one layer folder).
fn base_windows() -> Value {
    json!({
        "ociVersion": "1.3.0",
        "root": {"path": "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\"},
        "process": {"cwd": "C:\\", "args": ["cmd.exe"], "user": {"username": "ContainerUser"}},
        "windows": {"layerFolders": ["C:\\layers\\scratch"]}
    })
}

fn base_state() -> Value {
    json!({"ociVersion": "1.3.0", "id": "c1", "status": "running", "pid": 42, "bundle": "/bundles/c1"})
}

/// RFC 7396 JSON merge patch (`null` removes a member).
fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    merge(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

fn patched(mut base: Value, patch: &Value) -> Value {
    merge(&mut base, patch);
    base
}

/// Asserts that `report` holds exactly violations of `rule` (at least one
/// at `path`, each with the rule's severity).
fn assert_only(report: &ValidationReport, rule: &oci_model::Rule, path: &str) {
    assert!(
        report
            .violations()
            .iter()
            .any(|v| v.rule_name() == rule.name() && v.path() == path),
        "expected {} at {path:?}, got:\n{report}",
        rule.name()
    );
    for v in report.violations() {
        assert_eq!(v.rule_name(), rule.name(), "unrelated violation:\n{report}");
        assert_eq!(v.severity(), rule.severity(), "{v}");
        assert!(!v.message().is_empty());
    }
    assert_eq!(report.is_valid(), rule.severity() == Severity::Warning);
}

fn spec(value: Value) -> Spec {
    serde_json::from_value(value).unwrap()
}

fn config(patch: &Value, rule: &oci_model::Rule, path: &str) {
    assert_only(&spec(patched(base_config(), patch)).validate(), rule, path);
}

fn windows(patch: &Value, rule: &oci_model::Rule, path: &str) {
    assert_only(&spec(patched(base_windows(), patch)).validate(), rule, path);
}

fn state(patch: &Value, rule: &oci_model::Rule, path: &str) {
    let s: State = serde_json::from_value(patched(base_state(), patch)).unwrap();
    assert_only(&s.validate(), rule, path);
}

#[test]
fn bases_are_clean() {
    assert!(spec(base_config()).validate().is_clean());
    assert!(spec(base_windows()).validate().is_clean());
    let s: State = serde_json::from_value(base_state()).unwrap();
    assert!(s.validate().is_clean());
}

#[test]
fn oci_version_semver() {
    config(
        &json!({"ociVersion": "1.0"}),
        &rules::OCI_VERSION,
        "/ociVersion",
    );
}

#[test]
fn root_required() {
    config(&json!({"root": null}), &rules::ROOT_REQUIRED, "");
}

#[test]
fn root_required_not_with_hyperv() {
    let doc = patched(
        base_windows(),
        &json!({"root": null, "windows": {"hyperv": {}}}),
    );
    assert!(spec(doc).validate().is_clean());
}

#[test]
fn root_with_hyperv() {
    windows(
        &json!({"windows": {"hyperv": {"utilityVMPath": "C:\\uvm"}}}),
        &rules::ROOT_WITH_HYPERV,
        "/root",
    );
}

#[test]
fn windows_root_path() {
    windows(
        &json!({"root": {"path": "C:\\rootfs"}}),
        &rules::WINDOWS_ROOT_PATH,
        "/root/path",
    );
}

#[test]
fn windows_root_readonly() {
    windows(
        &json!({"root": {"readonly": true}}),
        &rules::WINDOWS_ROOT_READONLY,
        "/root/readonly",
    );
}

#[test]
fn process_cwd_absolute() {
    config(
        &json!({"process": {"cwd": "home"}}),
        &rules::PROCESS_CWD_ABSOLUTE,
        "/process/cwd",
    );
}

#[test]
fn process_args_required() {
    config(
        &json!({"process": {"args": []}}),
        &rules::PROCESS_ARGS,
        "/process/args",
    );
    windows(
        &json!({"process": {"args": null}}),
        &rules::PROCESS_ARGS,
        "/process",
    );
    // On Windows, commandLine alone is enough.
    let doc = patched(
        base_windows(),
        &json!({"process": {"args": null, "commandLine": "cmd.exe /c dir"}}),
    );
    assert!(spec(doc).validate().is_clean());
}

#[test]
fn process_user_ids() {
    config(
        &json!({"process": {"user": {"uid": null}}}),
        &rules::PROCESS_USER_IDS,
        "/process/user/uid",
    );
    config(
        &json!({"process": {"user": {"gid": null}}}),
        &rules::PROCESS_USER_IDS,
        "/process/user/gid",
    );
}

#[test]
fn process_user_missing() {
    config(
        &json!({"process": {"user": null}}),
        &rules::PROCESS_USER_MISSING,
        "/process/user",
    );
}

#[test]
fn rlimit_type_unique() {
    config(
        &json!({"process": {"rlimits": [
            {"type": "RLIMIT_NOFILE", "soft": 1, "hard": 2},
            {"type": "RLIMIT_NOFILE", "soft": 3, "hard": 4}
        ]}}),
        &rules::RLIMIT_UNIQUE,
        "/process/rlimits/1/type",
    );
}

#[test]
fn rlimit_type_format() {
    config(
        &json!({"process": {"rlimits": [{"type": "nofile", "soft": 1, "hard": 2}]}}),
        &rules::RLIMIT_TYPE_FORMAT,
        "/process/rlimits/0/type",
    );
}

#[test]
fn required_member_absent() {
    // Decoded as oci-spec decodes it (the default), reported here, and
    // written back without the member.
    config(
        &json!({"process": {"rlimits": [{"type": "RLIMIT_NOFILE", "soft": 0}]}}),
        &rules::REQUIRED_MEMBER_ABSENT,
        "/process/rlimits/0/hard",
    );
    config(
        &json!({"linux": {"namespaces": [{"type": "user"}], "uidMappings": [{"containerID": 0, "size": 1}],
            "gidMappings": [{"containerID": 0, "hostID": 1, "size": 1}]}}),
        &rules::REQUIRED_MEMBER_ABSENT,
        "/linux/uidMappings/0/hostID",
    );
    let doc = patched(
        base_config(),
        &json!({"process": {"rlimits": [{"type": "RLIMIT_NOFILE", "soft": 0}]}}),
    );
    let back: Value = serde_json::from_slice(&spec(doc.clone()).to_vec().unwrap()).unwrap();
    assert_eq!(back["process"]["rlimits"], doc["process"]["rlimits"]);
}

#[test]
fn rlimit_soft_above_hard() {
    // setrlimit(2): EINVAL when rlim_cur > rlim_max; equal is fine.
    config(
        &json!({"process": {"rlimits": [
            {"type": "RLIMIT_NOFILE", "soft": 1024, "hard": 1024},
            {"type": "RLIMIT_NPROC", "soft": 4096, "hard": 1024}
        ]}}),
        &rules::RLIMIT_SOFT_ABOVE_HARD,
        "/process/rlimits/1/soft",
    );
    let report = spec(patched(
        base_config(),
        &json!({"process": {"rlimits": [{"type": "RLIMIT_NOFILE", "soft": 4096, "hard": 1024}]}}),
    ))
    .validate();
    assert_eq!(
        report.violations()[0].message(),
        "rlimit \"RLIMIT_NOFILE\" has soft 4096 above hard 1024: setrlimit(2) refuses it (EINVAL), so the container cannot start"
    );
    assert!(report.is_valid(), "a warning: runtime-spec states no rule");
}

#[test]
fn oom_score_adj_range() {
    config(
        &json!({"process": {"oomScoreAdj": 1001}}),
        &rules::OOM_SCORE_ADJ_RANGE,
        "/process/oomScoreAdj",
    );
    config(
        &json!({"process": {"oomScoreAdj": -1001}}),
        &rules::OOM_SCORE_ADJ_RANGE,
        "/process/oomScoreAdj",
    );
    for ok in [-1000, 0, 1000] {
        let report = spec(patched(
            base_config(),
            &json!({"process": {"oomScoreAdj": ok}}),
        ))
        .validate();
        assert!(report.is_clean(), "{ok}: {report}");
    }
}

#[test]
fn rlimit_type_unknown() {
    config(
        &json!({"process": {"rlimits": [{"type": "RLIMIT_FUTURE", "soft": 1, "hard": 2}]}}),
        &rules::RLIMIT_TYPE_UNKNOWN,
        "/process/rlimits/0/type",
    );
}

#[test]
fn capability_unknown() {
    config(
        &json!({"process": {"capabilities": {"bounding": ["CAP_CHOWN", "CAP_FUTURE_THING"]}}}),
        &rules::CAPABILITY_UNKNOWN,
        "/process/capabilities/bounding/1",
    );
}

#[test]
fn scheduler_policy_unknown() {
    config(
        &json!({"process": {"scheduler": {"policy": "SCHED_NEXT"}}}),
        &rules::SCHEDULER_POLICY_UNKNOWN,
        "/process/scheduler/policy",
    );
}

#[test]
fn scheduler_values() {
    let at = |scheduler: Value, path: &str| {
        config(
            &json!({"process": {"scheduler": scheduler}}),
            &rules::SCHEDULER_VALUES,
            path,
        );
    };
    at(
        json!({"policy": "SCHED_FIFO", "priority": 0}),
        "/process/scheduler/priority",
    );
    at(
        json!({"policy": "SCHED_RR", "priority": 100}),
        "/process/scheduler/priority",
    );
    at(
        json!({"policy": "SCHED_OTHER", "priority": 5}),
        "/process/scheduler/priority",
    );
    at(
        json!({"policy": "SCHED_BATCH", "nice": 20}),
        "/process/scheduler/nice",
    );
    at(
        json!({"policy": "SCHED_OTHER", "runtime": 1000}),
        "/process/scheduler/runtime",
    );
    at(
        json!({"policy": "SCHED_DEADLINE", "runtime": 1000}),
        "/process/scheduler/deadline",
    );
    at(
        json!({"policy": "SCHED_DEADLINE", "runtime": 1000, "deadline": 2000}),
        "/process/scheduler/runtime",
    );
    at(
        json!({"policy": "SCHED_DEADLINE", "runtime": 2048, "deadline": 1_000_000, "period": 500_000}),
        "/process/scheduler/period",
    );
    for ok in [
        json!({"policy": "SCHED_FIFO", "priority": 99}),
        json!({"policy": "SCHED_OTHER", "nice": -20}),
        json!({"policy": "SCHED_IDLE", "nice": 40}),
        json!({"policy": "SCHED_DEADLINE", "runtime": 1024, "deadline": 1024}),
        json!({"policy": "SCHED_DEADLINE", "runtime": 10_000, "deadline": 20_000, "period": 20_000}),
        // An unknown policy is reported as such, its values not judged.
        json!({"policy": "SCHED_NEXT", "priority": 500}),
    ] {
        let r = spec(patched(
            base_config(),
            &json!({"process": {"scheduler": ok}}),
        ))
        .validate();
        assert!(!r.has_rule("scheduler-values"), "{r}");
    }
}

#[test]
fn scheduler_flag_unknown() {
    config(
        &json!({"process": {"scheduler": {"policy": "SCHED_DEADLINE", "runtime": 10_000, "deadline": 20_000,
            "flags": ["SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_NEXT"]}}}),
        &rules::SCHEDULER_FLAG_UNKNOWN,
        "/process/scheduler/flags/1",
    );
}

#[test]
fn io_priority_class_unknown() {
    config(
        &json!({"process": {"ioPriority": {"class": "IOPRIO_CLASS_NEXT", "priority": 0}}}),
        &rules::IO_PRIORITY_CLASS_UNKNOWN,
        "/process/ioPriority/class",
    );
}

#[test]
fn io_priority_range() {
    config(
        &json!({"process": {"ioPriority": {"class": "IOPRIO_CLASS_BE", "priority": 8}}}),
        &rules::IO_PRIORITY_RANGE,
        "/process/ioPriority/priority",
    );
}

#[test]
fn io_priority_priority_is_required() {
    // Read as 0, as oci-spec reads it; reported, and written back absent.
    config(
        &json!({"process": {"ioPriority": {"class": "IOPRIO_CLASS_BE"}}}),
        &rules::REQUIRED_MEMBER_ABSENT,
        "/process/ioPriority/priority",
    );
}

#[test]
fn exec_cpu_affinity_format() {
    config(
        &json!({"process": {"execCPUAffinity": {"initial": "0-3;7", "final": "0-3,7"}}}),
        &rules::EXEC_CPU_AFFINITY_FORMAT,
        "/process/execCPUAffinity/initial",
    );
}

#[test]
fn hook_path_absolute() {
    config(
        &json!({"hooks": {"poststop": [{"path": "/bin/true"}, {"path": "cleanup.sh"}]}}),
        &rules::HOOK_PATH_ABSOLUTE,
        "/hooks/poststop/1/path",
    );
}

#[test]
fn hook_timeout_positive() {
    config(
        &json!({"hooks": {"createRuntime": [{"path": "/bin/true", "timeout": 0}]}}),
        &rules::HOOK_TIMEOUT_POSITIVE,
        "/hooks/createRuntime/0/timeout",
    );
}

#[test]
fn mount_destination_absolute() {
    // A MUST on non-Linux platforms ...
    config(
        &json!({"solaris": {}, "mounts": [{"destination": "tmp"}]}),
        &rules::MOUNT_DESTINATION_ABSOLUTE,
        "/mounts/0/destination",
    );
    // ... only a warning (deprecated) on Linux.
    let doc = patched(
        base_config(),
        &json!({"linux": {}, "mounts": [{"destination": "tmp"}]}),
    );
    let r = spec(doc).validate();
    assert!(r.is_valid(), "{r}");
    assert_eq!(r.violations().len(), 1);
    assert_eq!(r.violations()[0].rule_name(), "mount-destination-absolute");
    assert_eq!(r.violations()[0].severity(), Severity::Warning);
}

#[test]
fn windows_mount_nested() {
    windows(
        &json!({"mounts": [
            {"destination": "C:\\data", "source": "C:\\host"},
            {"destination": "c:\\Data\\sub", "source": "C:\\host2"},
            {"destination": "C:\\database", "source": "C:\\host3"}
        ]}),
        &rules::WINDOWS_MOUNT_NESTED,
        "/mounts/1/destination",
    );
}

/// A Linux container on Windows (LCOW: `linux` and `windows.hyperv`, no
/// `root`, as hcsshim writes it): its process and mounts are Linux ones, so
/// the Windows-container rules (nested mounts, root, commandLine) do not
/// apply; the POSIX ones do.
#[test]
fn lcow_gets_linux_rules_for_its_container() {
    let lcow = json!({
        "ociVersion": "1.3.0",
        "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}},
        "mounts": [
            {"destination": "/data", "type": "bind", "source": "/run/gcs/c/1"},
            {"destination": "/data/sub", "type": "bind", "source": "/run/gcs/c/2"}
        ],
        "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}]},
        "windows": {
            "layerFolders": ["C:\\layers\\a", "C:\\layers\\scratch"],
            "hyperv": {}
        }
    });
    let r = spec(lcow.clone()).validate();
    assert!(r.is_clean(), "{r}");
    // A POSIX rule still applies to its process.
    let mut no_user = lcow;
    no_user["process"].as_object_mut().unwrap().remove("user");
    assert_only(
        &spec(no_user).validate(),
        &rules::PROCESS_USER_MISSING,
        "/process/user",
    );
}

#[test]
fn mount_id_mappings_pair() {
    config(
        &json!({"mounts": [{"destination": "/data", "type": "bind", "source": "/d",
            "options": ["idmap"],
            "uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}]}]}),
        &rules::MOUNT_ID_MAPPINGS,
        "/mounts/0/uidMappings",
    );
}

#[test]
fn annotation_key_empty() {
    config(
        &json!({"annotations": {"": "x", "com.example.ok": "y"}}),
        &rules::ANNOTATION_KEY_EMPTY,
        "/annotations/",
    );
}

#[test]
fn annotation_key_reserved() {
    config(
        &json!({"annotations": {"org.opencontainers.made.up": "x",
            "org.opencontainers.image.os": "linux"}}),
        &rules::ANNOTATION_KEY_RESERVED,
        "/annotations/org.opencontainers.made.up",
    );
}

/// The keys runtime-spec lists and the one conversion.md prescribes for a
/// runtime config (`org.opencontainers.image.exposedPorts`: "converters
/// SHOULD set" that annotation) are reported by no rule, so converted
/// configs pass `validate --strict`.
#[test]
fn annotation_keys_oci_prescribes_for_runtime_configs_are_clean() {
    let doc = patched(
        base_config(),
        &json!({"annotations": {
            "org.opencontainers.image.exposedPorts": "80/tcp,53/udp",
            "org.opencontainers.image.os": "linux",
            "org.opencontainers.image.os.version": "6.8",
            "org.opencontainers.image.os.features": "a,b",
            "org.opencontainers.image.architecture": "amd64",
            "org.opencontainers.image.variant": "v3",
            "org.opencontainers.image.author": "me",
            "org.opencontainers.image.created": "2024-01-02T03:04:05Z",
            "org.opencontainers.image.stopSignal": "SIGQUIT",
            "org.opencontainers.image.title": "copied from Labels",
            "org.opencontainers.image.source": "https://example.com/src"}}),
    );
    let spec: Spec = doc.to_string().parse().unwrap();
    let report = spec.validate();
    assert!(report.is_clean(), "{:?}", report.violations());
}

#[test]
fn windows_layer_folders() {
    windows(
        &json!({"windows": {"layerFolders": []}}),
        &rules::WINDOWS_LAYER_FOLDERS,
        "/windows/layerFolders",
    );
}

#[test]
fn windows_cpu_exclusive() {
    windows(
        &json!({"windows": {"resources": {"cpu": {"count": 2, "maximum": 5000}}}}),
        &rules::WINDOWS_CPU_EXCLUSIVE,
        "/windows/resources/cpu",
    );
}

#[test]
fn windows_cpu_affinity_schema() {
    windows(
        &json!({"windows": {"resources": {"cpu": {"affinity": [{"mask": 3, "group": 0}]}}}}),
        &rules::WINDOWS_CPU_AFFINITY_SCHEMA,
        "/windows/resources/cpu/affinity",
    );
}

#[test]
fn windows_cpu_affinity() {
    // The schema's object form, a scalar and an entry without `group` all
    // decode (oci-spec ignores the member; it is kept and written back) and
    // are reported.
    for affinity in [
        json!({"mask": 3, "group": 0}),
        json!(7),
        json!([{"mask": 3}]),
    ] {
        windows(
            &json!({"windows": {"resources": {"cpu": {"affinity": affinity}}}}),
            &rules::WINDOWS_CPU_AFFINITY,
            "/windows/resources/cpu/affinity",
        );
    }
}

#[test]
fn windows_network_namespace() {
    windows(
        &json!({"windows": {"network": {"networkNamespace": "ns", "endpointList": ["e"]}}}),
        &rules::WINDOWS_NETWORK_NAMESPACE,
        "/windows/network/networkNamespace",
    );
}

#[test]
fn windows_device_id_type() {
    windows(
        &json!({"windows": {"devices": [{"id": "x", "idType": "vpci"}]}}),
        &rules::WINDOWS_DEVICE_ID_TYPE,
        "/windows/devices/0/idType",
    );
}

#[test]
fn vm_path_absolute() {
    config(
        &json!({"vm": {"kernel": {"path": "/vmlinuz", "initrd": "initrd.img"}}}),
        &rules::VM_PATH_ABSOLUTE,
        "/vm/kernel/initrd",
    );
}

#[test]
fn vm_image_format() {
    config(
        &json!({"vm": {"kernel": {"path": "/vmlinuz"},
            "image": {"path": "/img", "format": "iso"}}}),
        &rules::VM_IMAGE_FORMAT,
        "/vm/image/format",
    );
}

#[test]
fn vm_hwconfig_schema() {
    config(
        &json!({"vm": {"kernel": {"path": "/vmlinuz"}, "hwConfig": {"irqs": [11]}}}),
        &rules::VM_HWCONFIG_SCHEMA,
        "/vm/hwConfig/irqs",
    );
}

#[test]
fn vm_kernel_is_required() {
    let doc = patched(base_config(), &json!({"vm": {}}));
    let e = Spec::from_slice(doc.to_string().as_bytes()).unwrap_err();
    assert!(e.to_string().contains("kernel"), "{e}");
}

#[test]
fn zos_namespace_path_absolute() {
    config(
        &json!({"zos": {"namespaces": [{"type": "pid", "path": "proc/1/ns/pid"}]}}),
        &rules::ZOS_NAMESPACE_PATH,
        "/zos/namespaces/0/path",
    );
}

#[test]
fn zos_namespace_unique() {
    config(
        &json!({"zos": {"namespaces": [{"type": "ipc"}, {"type": "ipc"}]}}),
        &rules::ZOS_NAMESPACE_UNIQUE,
        "/zos/namespaces/1/type",
    );
}

#[test]
fn zos_namespace_type_unknown() {
    config(
        &json!({"zos": {"namespaces": [{"type": "net"}]}}),
        &rules::ZOS_NAMESPACE_TYPE_UNKNOWN,
        "/zos/namespaces/0/type",
    );
}

#[test]
fn freebsd_jail_sharing() {
    config(
        &json!({"freebsd": {"jail": {"host": "disable"}}}),
        &rules::FREEBSD_JAIL_SHARING,
        "/freebsd/jail/host",
    );
}

#[test]
fn freebsd_sharing_unknown() {
    config(
        &json!({"freebsd": {"jail": {"ip4": "share"}}}),
        &rules::FREEBSD_SHARING_UNKNOWN,
        "/freebsd/jail/ip4",
    );
}

#[test]
fn freebsd_enforce_statfs() {
    config(
        &json!({"freebsd": {"jail": {"enforceStatfs": 3}}}),
        &rules::FREEBSD_ENFORCE_STATFS,
        "/freebsd/jail/enforceStatfs",
    );
}

#[test]
fn freebsd_device_mode_schema() {
    config(
        &json!({"freebsd": {"devices": [{"path": "pf", "mode": 4096}]}}),
        &rules::FREEBSD_DEVICE_MODE,
        "/freebsd/devices/0/mode",
    );
}

#[test]
fn freebsd_device_path_is_required() {
    let doc = patched(
        base_config(),
        &json!({"freebsd": {"devices": [{"mode": 448}]}}),
    );
    let e = Spec::from_slice(doc.to_string().as_bytes()).unwrap_err();
    assert!(e.to_string().contains("path"), "{e}");
}

#[test]
fn state_oci_version_semver() {
    state(
        &json!({"ociVersion": "v1"}),
        &rules::STATE_OCI_VERSION,
        "/ociVersion",
    );
}

#[test]
fn state_bundle_absolute() {
    state(
        &json!({"bundle": "bundles/c1"}),
        &rules::STATE_BUNDLE_ABSOLUTE,
        "/bundle",
    );
}

#[test]
fn state_pid_required() {
    state(&json!({"pid": null}), &rules::STATE_PID_REQUIRED, "");
    // Not required while creating or stopped.
    let s: State = serde_json::from_value(patched(
        base_state(),
        &json!({"pid": null, "status": "stopped"}),
    ))
    .unwrap();
    assert!(s.validate().is_clean());
}

#[test]
fn state_pid_negative() {
    state(&json!({"pid": -1}), &rules::STATE_PID_NEGATIVE, "/pid");
}

#[test]
fn state_status_unknown() {
    state(
        &json!({"status": "paused"}),
        &rules::STATE_STATUS_UNKNOWN,
        "/status",
    );
}

fn process_state(patch: &Value, rule: &oci_model::Rule, path: &str) {
    let base =
        json!({"ociVersion": "1.3.0", "fds": ["seccompFd"], "pid": 7, "state": base_state()});
    let s: ContainerProcessState = serde_json::from_value(patched(base, patch)).unwrap();
    assert_only(&s.validate(), rule, path);
}

#[test]
fn process_state_oci_version_semver() {
    process_state(
        &json!({"ociVersion": "1"}),
        &rules::PROCESS_STATE_OCI_VERSION,
        "/ociVersion",
    );
}

#[test]
fn process_state_pid_negative() {
    process_state(&json!({"pid": -7}), &rules::PROCESS_STATE_PID, "/pid");
}

#[test]
fn process_state_checks_its_state() {
    process_state(
        &json!({"state": {"bundle": "rel"}}),
        &rules::STATE_BUNDLE_ABSOLUTE,
        "/state/bundle",
    );
}

/// Every rule of the module has a test above.
#[test]
fn every_rule_is_tested() {
    let source = include_str!("rules.rs");
    for rule in rules::ALL {
        let fn_name = rule.name().replace('-', "_");
        assert!(
            source.contains(&format!("fn {fn_name}()")),
            "no test named {fn_name} for rule {}",
            rule.name()
        );
    }
}
