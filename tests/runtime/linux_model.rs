//! The known defects of `oci-spec` that the linux model must not repeat
//! (shared/design/known-defects.md items 1, 5-7, 12, 19, 21), builders,
//! setters and thread safety.
#![cfg(feature = "runtime")]

use oci_model::Validate;
use oci_model::runtime::{
    Arch, Features, Linux, LinuxBuilder, LinuxCpu, LinuxDevice, LinuxDeviceBuilder,
    LinuxDeviceCgroup, LinuxDeviceType, LinuxIdMappingBuilder, LinuxIntelRdt, LinuxMemory,
    LinuxMemoryPolicy, LinuxNamespace, LinuxNamespaceType, LinuxNetDevice, LinuxPids,
    LinuxPidsBuilder, LinuxRdma, LinuxResources, LinuxResourcesBuilder, LinuxSeccomp,
    LinuxSeccompAction, LinuxSeccompBuilder, LinuxSyscallBuilder, LinuxTimeOffset,
    MemoryPolicyModeType,
};

fn linux(json: &str) -> Linux {
    oci_model::io::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

/// Compact JSON by the crate's writer (which sorts map members).
fn json(l: &Linux) -> String {
    oci_model::io::to_string(l, false).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn defect_7_empty_pids_stays_empty_and_zero_is_kept() {
    let l = linux(r#"{"resources":{"pids":{}}}"#);
    assert_eq!(json(&l), r#"{"resources":{"pids":{}}}"#);
    let l = linux(r#"{"resources":{"pids":{"limit":0}}}"#);
    assert_eq!(json(&l), r#"{"resources":{"pids":{"limit":0}}}"#);
    // The builder starts from `oci-spec`'s default, limit 0; `limit()` is
    // oci-spec's `i64`, `limit_option()` tells an absent limit from 0.
    let p = LinuxPidsBuilder::default().build().unwrap();
    assert_eq!(p.limit(), 0);
    assert_eq!(p.limit_option(), Some(0));
    let l = linux(r#"{"resources":{"pids":{}}}"#);
    let pids = l.resources().as_ref().unwrap().pids().unwrap();
    assert_eq!((pids.limit(), pids.limit_option()), (0, None));
}

#[test]
fn defect_12_unknown_seccomp_values_round_trip() {
    let text = r#"{"seccomp":{"defaultAction":"SCMP_ACT_KILL_FUTURE","architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_NEW"],"flags":["SECCOMP_FILTER_FLAG_NEW"],"syscalls":[{"names":["read"],"action":"SCMP_ACT_NOTIFY_TWICE","args":[{"index":1,"value":2,"valueTwo":3,"op":"SCMP_CMP_NEW"}]}]},"namespaces":[{"type":"newns"}],"personality":{"domain":"LINUX64"},"memoryPolicy":{"mode":"MPOL_NEW","flags":["MPOL_F_NEW"]}}"#;
    let l = linux(text);
    let back: serde_json::Value = serde_json::from_str(&json(&l)).unwrap();
    assert_eq!(
        back,
        serde_json::from_str::<serde_json::Value>(text).unwrap()
    );
    let s = l.seccomp().as_ref().unwrap();
    // The stand-in for the unknown action is the default; the unknown
    // architecture is kept beside the list.
    assert_eq!(s.default_action(), LinuxSeccompAction::ScmpActAllow);
    assert_eq!(
        s.architectures().as_deref(),
        Some(&[Arch::ScmpArchX86_64][..])
    );
    let r = l.validate();
    assert!(r.is_valid(), "{r}");
    assert_eq!(r.warnings().count(), 9, "{r}");
    // Device types are a closed list in config-linux.md (and a `Copy` enum
    // in oci-spec): another value fails to decode, naming the member.
    let e = oci_model::io::from_str::<Linux>(
        r#"{"devices":[{"path":"/dev/q","type":"q","major":1,"minor":1}]}"#,
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains(r#"/devices/0/type: invalid device type "q": expected a, b, c, u or p"#),
        "{e}"
    );
}

#[test]
fn defect_6_net_device_without_name_has_no_null() {
    let mut devices = std::collections::HashMap::new();
    devices.insert("eth1".to_owned(), LinuxNetDevice::default());
    let mut named = LinuxNetDevice::default();
    named.set_name(Some("c0".to_owned()));
    devices.insert("eth0".to_owned(), named);
    let mut l = Linux::empty();
    l.set_net_devices(Some(devices));
    assert_eq!(
        json(&l),
        r#"{"netDevices":{"eth0":{"name":"c0"},"eth1":{}}}"#
    );
    assert!(!json(&Linux::default()).contains("null"));
}

#[test]
fn defect_1_maps_serialize_sorted_and_bytes_are_stable() {
    let text = r#"{"sysctl":{"z":"1","a":"2","m":"3"},"netDevices":{"b":{},"a":{}},
        "resources":{"rdma":{"mlx5":{"hcaHandles":1},"mlx4":{"hcaObjects":2}},
        "unified":{"memory.max":"1","io.max":"2"}},
        "timeOffsets":{"monotonic":{"secs":1},"boottime":{"nanosecs":2}}}"#;
    let l = linux(text);
    let out = json(&l);
    assert_eq!(
        out,
        r#"{"sysctl":{"a":"2","m":"3","z":"1"},"resources":{"rdma":{"mlx4":{"hcaObjects":2},"mlx5":{"hcaHandles":1}},"unified":{"io.max":"2","memory.max":"1"}},"netDevices":{"a":{},"b":{}},"timeOffsets":{"boottime":{"nanosecs":2},"monotonic":{"secs":1}}}"#
    );
    for _ in 0..20 {
        assert_eq!(json(&linux(text)), out);
    }
}

#[test]
fn defect_21_default_is_documented_preset_and_empty_is_neutral() {
    let d = Linux::default();
    let v: serde_json::Value = serde_json::to_value(&d).unwrap();
    assert_eq!(v["namespaces"].as_array().unwrap().len(), 6);
    assert_eq!(v["maskedPaths"][0], "/proc/acpi");
    assert_eq!(v["readonlyPaths"][3], "/proc/sys");
    assert_eq!(v["resources"], serde_json::json!({"devices": []}));
    assert!(d.validate().is_clean());
    assert_eq!(json(&Linux::empty()), "{}");
    // Parsing {} gives the empty object, not the preset.
    assert_eq!(linux("{}"), Linux::empty());
    // Neutral defaults of the parts.
    assert_eq!(
        serde_json::to_string(&LinuxResources::default()).unwrap(),
        "{}"
    );
    assert_eq!(serde_json::to_string(&LinuxCpu::default()).unwrap(), "{}");
    assert_eq!(
        serde_json::to_string(&LinuxMemory::default()).unwrap(),
        "{}"
    );
    assert_eq!(
        serde_json::to_string(&LinuxIntelRdt::default()).unwrap(),
        "{}"
    );
    assert_eq!(
        serde_json::to_string(&LinuxTimeOffset::default()).unwrap(),
        "{}"
    );
    assert_eq!(serde_json::to_string(&LinuxRdma::default()).unwrap(), "{}");
}

#[test]
fn builders_start_from_defaults_as_oci_spec() {
    // As oci-spec's builders: an unset field takes the value of `Default`,
    // so `build()` does not fail; `validate()` reports what the spec needs.
    let s = LinuxSeccompBuilder::default().build().unwrap();
    assert_eq!(s.default_action(), LinuxSeccompAction::ScmpActAllow);
    let d = LinuxDeviceBuilder::default()
        .typ(LinuxDeviceType::C)
        .build()
        .unwrap();
    assert_eq!(d.path().as_os_str(), "");
    assert!(d.validate().has_rule("linux-device-path-absolute"));
    let sc = LinuxSyscallBuilder::default()
        .action(LinuxSeccompAction::ScmpActAllow)
        .build()
        .unwrap();
    assert!(sc.names().is_empty());
    let m = LinuxIdMappingBuilder::default()
        .container_id(0u32)
        .host_id(1000u32)
        .size(1u32)
        .build()
        .unwrap();
    assert_eq!((m.container_id(), m.host_id(), m.size()), (0, 1000, 1));
}

#[test]
fn builders_and_setters_compose_a_valid_linux() {
    let seccomp = LinuxSeccompBuilder::default()
        .default_action(LinuxSeccompAction::ScmpActErrno)
        .default_errno_ret(1u32)
        .architectures(vec![Arch::ScmpArchX86_64])
        .syscalls(vec![
            LinuxSyscallBuilder::default()
                .names(vec!["read".to_owned()])
                .action(LinuxSeccompAction::ScmpActAllow)
                .build()
                .unwrap(),
        ])
        .build()
        .unwrap();
    let resources = LinuxResourcesBuilder::default()
        .pids(LinuxPidsBuilder::default().limit(10i64).build().unwrap())
        .unified([("memory.max".to_owned(), "1G".to_owned())])
        .build()
        .unwrap();
    let mut l = LinuxBuilder::default()
        .namespaces(vec![LinuxNamespace::new(LinuxNamespaceType::Pid)])
        .seccomp(seccomp)
        .resources(resources)
        .sysctl([("net.core.somaxconn".to_owned(), "256".to_owned())])
        .build()
        .unwrap();
    let mut policy = LinuxMemoryPolicy::default();
    policy.set_mode(MemoryPolicyModeType::MpolBind);
    policy.set_nodes(Some("0-1".to_owned()));
    l.set_memory_policy(Some(policy));
    l.set_mount_label(Some("label".to_owned()));
    let mut dev = LinuxDevice::default();
    dev.set_path("/dev/null".into());
    dev.set_typ(LinuxDeviceType::C);
    dev.set_major(1);
    dev.set_minor(3);
    l.set_devices(Some(vec![dev]));
    let mut cg = LinuxDeviceCgroup::default();
    cg.set_allow(false);
    cg.set_access(Some("rwm".to_owned()));
    l.resources_mut()
        .as_mut()
        .unwrap()
        .set_devices(Some(vec![cg]));
    let mut pids = LinuxPids::default();
    pids.set_limit(-1);
    l.resources_mut().as_mut().unwrap().set_pids(Some(pids));
    let r = l.validate();
    assert!(r.is_clean(), "{r}");
    let back: Linux = oci_model::io::from_str(&json(&l)).unwrap();
    assert_eq!(back, l);
    let mut s = LinuxSeccomp::default();
    s.set_listener_path(Some("/run/agent.sock".into()));
    assert_eq!(s.default_action(), LinuxSeccompAction::ScmpActAllow);
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Linux>();
    check::<LinuxResources>();
    check::<LinuxSeccomp>();
    check::<Features>();
    check::<LinuxNamespaceType>();
    check::<oci_model::ValidationReport>();
}
