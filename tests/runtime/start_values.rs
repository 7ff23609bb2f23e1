//! Values the kernel or runc refuse when the container starts, which a
//! static check can see (issue 28, item 5): each is a warning (runtime-spec
//! states no rule for them), with its rule name, JSON pointer and the
//! refusal it cites. One test per rule of `rules_linux::SPEC_LINUX_RULES`
//! (checked on a whole `config.json`), and the edge cases of every rule
//! added for the item.
#![cfg(feature = "runtime")]
#![allow(clippy::unwrap_used, reason = "test helpers panic on broken test data")]

use std::collections::BTreeSet;

use oci_model::runtime::rules_linux::{self, SPEC_LINUX_RULES};
use oci_model::runtime::{Linux, Spec};
use oci_model::{Severity, Validate, ValidationReport};
use serde_json::{Value, json};

/// A Linux config that starts: the namespaces runc's default spec creates.
fn base() -> Value {
    json!({
        "ociVersion": "1.3.0",
        "root": {"path": "rootfs"},
        "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}},
        "hostname": "box",
        "linux": {
            "namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"},
                           {"type": "uts"}, {"type": "mount"}, {"type": "cgroup"}],
            "maskedPaths": ["/proc/kcore"],
            "readonlyPaths": ["/proc/sys"]
        }
    })
}

/// `base()` with `linux` members replaced by `linux`, and top-level
/// members by `top`.
fn config(top: &Value, linux: &Value) -> ValidationReport {
    let mut doc = base();
    for (k, v) in top.as_object().unwrap() {
        doc[k] = v.clone();
    }
    for (k, v) in linux.as_object().unwrap() {
        doc["linux"][k] = v.clone();
    }
    let spec: Spec = serde_json::from_value(doc).unwrap();
    spec.validate()
}

/// The (rule, path) pairs of a report.
fn found(report: &ValidationReport) -> Vec<(&'static str, String)> {
    report
        .violations()
        .iter()
        .map(|v| (v.rule_name(), v.path().to_owned()))
        .collect()
}

/// Asserts that the report holds exactly the given warnings, and that each
/// message ends by saying who refuses the value.
fn exactly(report: &ValidationReport, want: &[(&str, &str)]) {
    let got = found(report);
    let want: Vec<(&str, String)> = want.iter().map(|(r, p)| (*r, (*p).to_owned())).collect();
    assert_eq!(got, want, "\n{report}");
    for v in report.violations() {
        assert_eq!(v.severity(), Severity::Warning, "{v}");
        assert!(
            v.message().contains("refuse"),
            "the message names the refusal: {v}"
        );
    }
    assert!(report.is_valid());
}

#[test]
fn the_base_config_is_clean() {
    let r = config(&json!({}), &json!({}));
    assert!(r.is_clean(), "{r}");
}

#[test]
fn linux_namespace_required() {
    let no_ns = json!({"namespaces": []});
    exactly(
        &config(&json!({"domainname": "example.org"}), &no_ns),
        &[
            ("linux-namespace-required", "/hostname"),
            ("linux-namespace-required", "/domainname"),
            ("linux-namespace-required", "/linux/maskedPaths"),
            ("linux-namespace-required", "/linux/readonlyPaths"),
        ],
    );
    let r = config(&json!({}), &json!({"namespaces": [{"type": "mount"}]}));
    assert_eq!(
        r.violations()[0].message(),
        "hostname needs a uts namespace, and linux.namespaces has none: runc refuses the configuration"
    );
    // A joined uts namespace is enough (runc checks the type only).
    let r = config(
        &json!({}),
        &json!({"namespaces": [{"type": "mount"}, {"type": "uts", "path": "/proc/1/ns/uts"}]}),
    );
    assert!(r.is_clean(), "{r}");
    // Id mappings need a user namespace; time offsets a new time namespace;
    // net devices a network namespace.
    exactly(
        &config(
            &json!({}),
            &json!({
                "namespaces": [{"type": "uts"}, {"type": "mount"}],
                "uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}],
                "gidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}],
                "timeOffsets": {"monotonic": {"secs": 1}},
                "netDevices": {"eth1": {}}
            }),
        ),
        &[
            ("linux-namespace-required", "/linux/uidMappings"),
            ("linux-namespace-required", "/linux/gidMappings"),
            ("linux-namespace-required", "/linux/netDevices"),
            ("linux-namespace-required", "/linux/timeOffsets"),
        ],
    );
    let r = config(
        &json!({}),
        &json!({
            "namespaces": [{"type": "uts"}, {"type": "mount"}, {"type": "time", "path": "/proc/1/ns/time"}],
            "timeOffsets": {"monotonic": {"secs": 1}}
        }),
    );
    exactly(&r, &[("linux-namespace-required", "/linux/timeOffsets")]);
    assert!(
        r.violations()[0]
            .message()
            .contains("joined at \"/proc/1/ns/time\""),
        "{r}"
    );
    // Without `linux` (another platform), nothing is said.
    let mut doc = base();
    doc.as_object_mut().unwrap().remove("linux");
    let spec: Spec = serde_json::from_value(doc).unwrap();
    assert!(!spec.validate().has_rule("linux-namespace-required"));
}

#[test]
fn linux_user_namespace_unmapped() {
    exactly(
        &config(
            &json!({}),
            &json!({"namespaces": [{"type": "uts"}, {"type": "mount"}, {"type": "user"}]}),
        ),
        &[("linux-user-namespace-unmapped", "/linux/namespaces")],
    );
    // Joined by path, or with mappings: runc accepts it.
    for linux in [
        json!({"namespaces": [{"type": "uts"}, {"type": "mount"}, {"type": "user", "path": "/proc/1/ns/user"}]}),
        json!({"namespaces": [{"type": "uts"}, {"type": "mount"}, {"type": "user"}],
               "uidMappings": [{"containerID": 0, "hostID": 100_000, "size": 65_536}],
               "gidMappings": [{"containerID": 0, "hostID": 100_000, "size": 65_536}]}),
    ] {
        let r = config(&json!({}), &linux);
        assert!(r.is_clean(), "{linux}: {r}");
    }
}

#[test]
fn linux_sysctl_namespace() {
    let sysctl = json!({
        "fs.mqueue.msg_max": "10",
        "kernel.domainname": "example.org",
        "kernel.hostname": "box",
        "kernel.shmmax": "1",
        "net/ipv4/ip_forward": "1",
        "user.max_user_namespaces": "0",
        "vm.swappiness": "10"
    });
    // With the base namespaces (ipc, network, uts, no user).
    exactly(
        &config(&json!({}), &json!({"sysctl": sysctl})),
        &[
            ("linux-sysctl-namespace", "/linux/sysctl/kernel.hostname"),
            (
                "linux-sysctl-namespace",
                "/linux/sysctl/user.max_user_namespaces",
            ),
            ("linux-sysctl-namespace", "/linux/sysctl/vm.swappiness"),
        ],
    );
    // With no namespace at all, every key is refused.
    let r = config(
        &json!({"hostname": null}),
        &json!({"namespaces": [{"type": "mount"}], "sysctl": sysctl}),
    );
    let paths: Vec<_> = found(&r).into_iter().map(|(_, p)| p).collect();
    assert_eq!(paths.len(), 7, "{r}");
    let by_key = |key: &str| {
        r.violations()
            .iter()
            .find(|v| v.path() == format!("/linux/sysctl/{}", key.replace('/', "~1")))
            .map(|v| v.message().to_owned())
            .unwrap()
    };
    assert_eq!(
        by_key("net/ipv4/ip_forward"),
        "sysctl \"net/ipv4/ip_forward\" needs a network namespace, and linux.namespaces has none: runc refuses it"
    );
    assert!(by_key("kernel.shmmax").contains("needs an ipc namespace"));
    assert!(by_key("kernel.domainname").contains("needs a uts namespace"));
    assert!(by_key("vm.swappiness").contains("is not isolated by any namespace"));
    // A network namespace joined by path may be the host's: not told.
    let r = config(
        &json!({}),
        &json!({"namespaces": [{"type": "uts"}, {"type": "mount"}, {"type": "network", "path": "/run/netns/x"}],
                "sysctl": {"net.core.somaxconn": "1024"}}),
    );
    assert!(r.is_clean(), "{r}");
}

#[test]
fn every_spec_linux_rule_has_a_test() {
    let source = include_str!("start_values.rs");
    let all: BTreeSet<&str> = SPEC_LINUX_RULES.iter().map(|r| r.name()).collect();
    for name in &all {
        assert!(
            source.contains(&format!("fn {}()", name.replace('-', "_"))),
            "{name}"
        );
    }
    // Every rule of the module is in one of its three lists.
    let listed: BTreeSet<&str> = rules_linux::LINUX_RULES
        .iter()
        .chain(SPEC_LINUX_RULES)
        .chain(rules_linux::FEATURES_RULES)
        .map(|r| r.name())
        .collect();
    let every: BTreeSet<&str> = rules_linux::ALL.iter().map(|r| r.name()).collect();
    assert_eq!(listed, every);
}

/// Validates a `linux` object alone.
fn linux(json: &Value) -> ValidationReport {
    let l: Linux = serde_json::from_value(json.clone()).unwrap();
    l.validate()
}

#[test]
fn id_mappings_the_kernel_refuses() {
    let m = |c: u64, h: u64, s: u64| json!({"containerID": c, "hostID": h, "size": s});
    // Size 0.
    exactly(
        &linux(&json!({"uidMappings": [m(0, 1000, 0)]})),
        &[("linux-id-mapping-range", "/uidMappings/0/size")],
    );
    // Past 2^32 - 1, in container or host ids.
    exactly(
        &linux(&json!({"gidMappings": [m(4_294_967_295, 1000, 1), m(0, 4_294_967_000, 296)]})),
        &[
            ("linux-id-mapping-range", "/gidMappings/0/containerID"),
            ("linux-id-mapping-range", "/gidMappings/1/hostID"),
        ],
    );
    // Overlap of host ids; ranges that only touch are fine.
    exactly(
        &linux(&json!({"uidMappings": [m(0, 1000, 10), m(10, 1010, 5), m(100, 1012, 1)]})),
        &[("linux-id-mapping-range", "/uidMappings/2/hostID")],
    );
    // More than 340 entries.
    let many: Vec<Value> = (0..341).map(|i| m(i, 100_000 + i, 1)).collect();
    exactly(
        &linux(&json!({"uidMappings": many})),
        &[("linux-id-mapping-range", "/uidMappings")],
    );
    let fine: Vec<Value> = (0..340).map(|i| m(i, 100_000 + i, 1)).collect();
    assert!(linux(&json!({"uidMappings": fine})).is_clean());
    // The mappings of an id-mapped mount too.
    let r = config(
        &json!({"mounts": [{"destination": "/data", "type": "bind", "source": "/srv", "options": ["rbind", "idmap"],
            "uidMappings": [m(0, 1000, 10)], "gidMappings": [m(0, 1000, 0)]}]}),
        &json!({}),
    );
    exactly(
        &r,
        &[("linux-id-mapping-range", "/mounts/0/gidMappings/0/size")],
    );
}

#[test]
fn cpu_bandwidth_the_kernel_refuses() {
    let cpu = |v: Value| linux(&json!({"resources": {"cpu": v}}));
    for ok in [
        json!({"quota": -1, "period": 100_000}),
        json!({"quota": 0, "period": 0}),
        json!({"quota": 1000, "period": 1000}),
        json!({"quota": 5_000_000, "period": 1_000_000}),
    ] {
        let r = cpu(ok.clone());
        assert!(r.is_clean(), "{ok}: {r}");
    }
    exactly(
        &cpu(json!({"quota": 999, "period": 999})),
        &[
            ("linux-cpu-period-quota-range", "/resources/cpu/period"),
            ("linux-cpu-period-quota-range", "/resources/cpu/quota"),
        ],
    );
    exactly(
        &cpu(json!({"quota": -5, "period": 1_000_001})),
        &[
            ("linux-cpu-period-quota-range", "/resources/cpu/period"),
            ("linux-cpu-period-quota-range", "/resources/cpu/quota"),
        ],
    );
}

#[test]
fn memory_swap_runc_refuses() {
    let mem = |v: Value| linux(&json!({"resources": {"memory": v}}));
    for ok in [
        json!({"limit": 1000, "swap": 1000}),
        json!({"limit": 1000, "swap": -1}),
        json!({"limit": -1, "swap": 0}),
        json!({"swap": -1}),
        json!({"limit": 1000}),
    ] {
        let r = mem(ok.clone());
        assert!(r.is_clean(), "{ok}: {r}");
    }
    let r = mem(json!({"limit": 2000, "swap": 1000}));
    exactly(&r, &[("linux-memory-swap-limit", "/resources/memory/swap")]);
    assert_eq!(
        r.violations()[0].message(),
        "swap 1000 (memory plus swap) is below the memory limit 2000: runc and cgroup v1 refuse it"
    );
    for no_limit in [json!({"swap": 1000}), json!({"limit": -1, "swap": 1000})] {
        exactly(
            &mem(no_limit),
            &[("linux-memory-swap-limit", "/resources/memory/swap")],
        );
    }
}

#[test]
fn memory_policy_nodes_and_net_device_names() {
    for (policy, path) in [
        (
            json!({"mode": "MPOL_DEFAULT", "nodes": "0"}),
            "/memoryPolicy/nodes",
        ),
        (json!({"mode": "MPOL_BIND"}), "/memoryPolicy/mode"),
        (
            json!({"mode": "MPOL_INTERLEAVE", "nodes": ""}),
            "/memoryPolicy/mode",
        ),
    ] {
        exactly(
            &linux(&json!({"memoryPolicy": policy})),
            &[("linux-memory-policy-nodes", path)],
        );
    }
    for ok in [
        json!({"mode": "MPOL_PREFERRED"}),
        json!({"mode": "MPOL_PREFERRED", "nodes": "1"}),
        json!({"mode": "MPOL_BIND", "nodes": "0-1"}),
        json!({"mode": "MPOL_LOCAL"}),
    ] {
        let r = linux(&json!({"memoryPolicy": ok}));
        assert!(r.is_clean(), "{r}");
    }
    let r = linux(&json!({"netDevices": {
        "eth0": {"name": "ok0"},
        "a-very-long-name": {},
        "..": {},
        "tab\tname": {"name": ""},
        "fifteen_bytes_x": {}
    }}));
    exactly(
        &r,
        &[
            ("linux-net-device-name", "/netDevices/.."),
            ("linux-net-device-name", "/netDevices/a-very-long-name"),
            ("linux-net-device-name", "/netDevices/tab\tname"),
            ("linux-net-device-name", "/netDevices/tab\tname/name"),
        ],
    );
}
