//! One test per rule of `runtime::rules_linux` that applies to the `linux`
//! object: a `linux` object that breaks only that rule, and the JSON
//! pointer of the violation.
#![cfg(feature = "runtime")]

use std::collections::BTreeSet;

use oci_model::runtime::Linux;
use oci_model::runtime::rules_linux::LINUX_RULES;
use oci_model::{Severity, Validate};

/// Checks that `json` (a `linux` object) decodes, and that validation
/// reports exactly one violation, of `rule` at `path`.
fn only(rule: &str, json: &str, path: &str) {
    let linux: Linux = oci_model::io::from_str(json).unwrap_or_else(|e| panic!("{rule}: {e}"));
    let report = linux.validate();
    let got: Vec<_> = report
        .violations()
        .iter()
        .map(|v| (v.rule_name(), v.path()))
        .collect();
    assert_eq!(got, [(rule, path)], "{rule}:\n{report}");
    let v = &report.violations()[0];
    assert_eq!(v.severity(), v.rule().severity());
    assert!(!v.message().is_empty());
    let first = v.message().chars().next().unwrap_or('X');
    assert!(
        first.is_lowercase(),
        "{rule}: message starts uppercase: {}",
        v.message()
    );
}

macro_rules! rule_tests {
    ($($test:ident: $rule:literal, $json:literal, $path:literal;)+) => {
        $(
            #[test]
            fn $test() {
                only($rule, $json, $path);
            }
        )+

        #[test]
        fn every_linux_rule_has_a_test() {
            let tested: BTreeSet<&str> = [$($rule),+].into_iter().collect();
            let all: BTreeSet<&str> = LINUX_RULES.iter().map(|r| r.name()).collect();
            assert_eq!(tested, all);
        }
    };
}

rule_tests! {
    namespace_path_absolute: "linux-namespace-path-absolute",
        r#"{"namespaces":[{"type":"pid","path":"proc/1/ns/pid"}]}"#, "/namespaces/0/path";
    namespace_duplicate: "linux-namespace-duplicate",
        r#"{"namespaces":[{"type":"pid"},{"type":"uts"},{"type":"pid"}]}"#, "/namespaces/2/type";
    namespace_type_unknown: "linux-namespace-type-unknown",
        r#"{"namespaces":[{"type":"fancy"}]}"#, "/namespaces/0/type";
    time_offset_clock: "linux-time-offset-clock",
        r#"{"timeOffsets":{"monotonic":{"secs":1},"realtime":{"secs":1}}}"#, "/timeOffsets/realtime";
    device_major_minor: "linux-device-major-minor",
        r#"{"devices":[{"path":"/dev/x","type":"c","major":1}]}"#, "/devices/0";
    device_type: "linux-device-type",
        r#"{"devices":[{"path":"/dev/x","type":"a","major":1,"minor":3}]}"#, "/devices/0/type";
    device_path_absolute: "linux-device-path-absolute",
        r#"{"devices":[{"path":"dev/x","type":"c","major":1,"minor":3}]}"#, "/devices/0/path";
    device_duplicate: "linux-device-duplicate",
        r#"{"devices":[{"path":"/dev/x","type":"c","major":1,"minor":3},{"path":"/dev/y","type":"c","major":1,"minor":3}]}"#,
        "/devices/1";
    device_file_mode: "linux-device-file-mode",
        r#"{"devices":[{"path":"/dev/x","type":"c","major":1,"minor":3,"fileMode":4095}]}"#, "/devices/0/fileMode";
    masked_path_absolute: "linux-masked-path-absolute",
        r#"{"maskedPaths":["/proc/kcore","proc/keys"]}"#, "/maskedPaths/1";
    readonly_path_absolute: "linux-readonly-path-absolute",
        r#"{"readonlyPaths":["proc/sys"]}"#, "/readonlyPaths/0";
    rootfs_propagation: "linux-rootfs-propagation",
        r#"{"rootfsPropagation":"rslave"}"#, "/rootfsPropagation";
    resources_device_type: "linux-resources-device-type",
        r#"{"resources":{"devices":[{"allow":true,"type":"p"}]}}"#, "/resources/devices/0/type";
    resources_device_access: "linux-resources-device-access",
        r#"{"resources":{"devices":[{"allow":true,"access":"rwx"}]}}"#, "/resources/devices/0/access";
    memory_swappiness: "linux-memory-swappiness",
        r#"{"resources":{"memory":{"swappiness":101}}}"#, "/resources/memory/swappiness";
    cpu_burst: "linux-cpu-burst",
        r#"{"resources":{"cpu":{"quota":10000,"burst":20000}}}"#, "/resources/cpu/burst";
    id_mapping_range: "linux-id-mapping-range",
        r#"{"uidMappings":[{"containerID":0,"hostID":100000,"size":65536},{"containerID":1000,"hostID":300000,"size":1}]}"#,
        "/uidMappings/1/containerID";
    cpu_period_quota_range: "linux-cpu-period-quota-range",
        r#"{"resources":{"cpu":{"quota":50000,"period":2000000}}}"#, "/resources/cpu/period";
    memory_swap_limit: "linux-memory-swap-limit",
        r#"{"resources":{"memory":{"limit":2000000,"swap":1000000}}}"#, "/resources/memory/swap";
    cpu_list: "linux-cpu-list",
        r#"{"resources":{"cpu":{"cpus":"0-3,7","mems":"0-"}}}"#, "/resources/cpu/mems";
    weight_device: "linux-weight-device-weight",
        r#"{"resources":{"blockIO":{"weightDevice":[{"major":8,"minor":0}]}}}"#, "/resources/blockIO/weightDevice/0";
    throttle_rate: "linux-throttle-device-rate",
        r#"{"resources":{"blockIO":{"throttleWriteIOPSDevice":[{"major":8,"minor":0}]}}}"#,
        "/resources/blockIO/throttleWriteIOPSDevice/0";
    hugepage_page_size: "linux-hugepage-page-size",
        r#"{"resources":{"hugepageLimits":[{"pageSize":"2mb","limit":1}]}}"#, "/resources/hugepageLimits/0/pageSize";
    hugepage_limit: "linux-hugepage-limit",
        r#"{"resources":{"hugepageLimits":[{"pageSize":"2MB","limit":-1}]}}"#, "/resources/hugepageLimits/0/limit";
    pids_limit_absent: "linux-pids-limit-absent",
        r#"{"resources":{"pids":{}}}"#, "/resources/pids";
    rdma_limits: "linux-rdma-limits",
        r#"{"resources":{"rdma":{"mlx5_1":{"hcaHandles":1},"mlx/0":{}}}}"#, "/resources/rdma/mlx~10";
    intel_rdt_schemata: "linux-intel-rdt-schemata",
        r#"{"intelRdt":{"schemata":["L3:0=f\nMB:0=20"]}}"#, "/intelRdt/schemata/0";
    intel_rdt_mem_bw_schema: "linux-intel-rdt-mem-bw-schema",
        r#"{"intelRdt":{"memBwSchema":"0=20"}}"#, "/intelRdt/memBwSchema";
    intel_rdt_l3_cache_schema: "linux-intel-rdt-l3-cache-schema",
        r#"{"intelRdt":{"l3CacheSchema":"0=7f0"}}"#, "/intelRdt/l3CacheSchema";
    memory_policy_mode: "linux-memory-policy-mode",
        r#"{"memoryPolicy":{"nodes":"0-1"}}"#, "/memoryPolicy";
    memory_policy_unknown: "linux-memory-policy-unknown",
        r#"{"memoryPolicy":{"mode":"MPOL_BIND","nodes":"0","flags":["MPOL_F_NEW"]}}"#, "/memoryPolicy/flags/0";
    memory_policy_nodes: "linux-memory-policy-nodes",
        r#"{"memoryPolicy":{"mode":"MPOL_LOCAL","nodes":"0-1"}}"#, "/memoryPolicy/nodes";
    net_device_name: "linux-net-device-name",
        r#"{"netDevices":{"eth0":{"name":"container:eth0"}}}"#, "/netDevices/eth0/name";
    personality_domain: "linux-personality-domain",
        r#"{"personality":{}}"#, "/personality";
    personality_unknown: "linux-personality-unknown",
        r#"{"personality":{"domain":"LINUX64"}}"#, "/personality/domain";
    seccomp_listener_metadata: "linux-seccomp-listener-metadata",
        r#"{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","listenerMetadata":"x"}}"#, "/seccomp/listenerMetadata";
    seccomp_syscall_names: "linux-seccomp-syscall-names",
        r#"{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":[],"action":"SCMP_ACT_ERRNO"}]}}"#,
        "/seccomp/syscalls/0/names";
    seccomp_errno_ret: "linux-seccomp-errno-ret",
        r#"{"seccomp":{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW","errnoRet":1}]}}"#,
        "/seccomp/syscalls/0/errnoRet";
    seccomp_unknown: "linux-seccomp-unknown",
        r#"{"seccomp":{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":1,"op":"SCMP_CMP_NEW"}]}]}}"#,
        "/seccomp/syscalls/0/args/0/op";
}

#[test]
fn warnings_do_not_make_a_document_invalid() {
    let linux: Linux =
        oci_model::io::from_str(r#"{"seccomp":{"defaultAction":"SCMP_ACT_KILL_FUTURE"}}"#).unwrap();
    let r = linux.validate();
    assert!(r.is_valid());
    assert_eq!(r.violations()[0].severity(), Severity::Warning);
    assert_eq!(r.violations()[0].path(), "/seccomp/defaultAction");
}

#[test]
fn all_violations_are_reported_at_once() {
    let linux: Linux = oci_model::io::from_str(
        r#"{"maskedPaths":["a","b"],"personality":{},"memoryPolicy":{},
            "resources":{"rdma":{"x":{}},"hugepageLimits":[{"pageSize":"1","limit":0}]}}"#,
    )
    .unwrap();
    assert_eq!(linux.validate().errors().count(), 6);
}

/// Device types are a closed list (config-linux.md): an unknown one fails to
/// decode, naming the member, instead of being a validation warning.
#[test]
fn unknown_device_type_fails_to_decode() {
    let e = oci_model::io::from_str::<Linux>(
        r#"{"devices":[{"path":"/dev/x","type":"x","major":1,"minor":3}]}"#,
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains(r#"/devices/0/type: invalid device type "x": expected a, b, c, u or p"#),
        "{e}"
    );
}
