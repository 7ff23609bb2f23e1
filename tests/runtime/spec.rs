//! Behaviour of the runtime `config.json` and `state.json` model that the
//! known defects of `oci-spec` 0.10 call for: data kept, data tolerated,
//! deterministic output, required fields, presets.
#![cfg(feature = "runtime")]
#![allow(clippy::unwrap_used, reason = "test helpers panic on broken test data")]

use std::path::Path;

use oci_model::Validate;
use oci_model::runtime::{
    ConsoleSize, ContainerProcessState, ContainerState, LinuxSchedulerFlag, LinuxSchedulerPolicy,
    ProcessBuilder, Root, RootBuilder, Spec, SpecBuilder, State, StateBuilder, VERSION,
    WindowsCPUGroupAffinity,
};
use serde_json::{Value, json};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("test-data/runtime")
            .join(path),
    )
    .unwrap()
}

fn round_trip(value: &Value) -> Spec {
    let spec: Spec = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(&serde_json::to_value(&spec).unwrap(), value);
    spec
}

#[test]
fn empty_object_is_not_a_spec_and_a_state_reads_as_in_oci_spec() {
    let e = "{}".parse::<Spec>().unwrap_err();
    assert!(e.to_string().contains("ociVersion"), "{e}");
    // oci-spec 0.10 gives every State and ContainerProcessState member
    // `#[serde(default)]`: an absent REQUIRED member reads as its default,
    // is not written back, and validate() reports it at its path.
    for doc in ["{}", r#"{"fds":[]}"#] {
        let theirs: oci_spec::runtime::ContainerProcessState = serde_json::from_str(doc).unwrap();
        let ours: ContainerProcessState = doc.parse().unwrap();
        assert_eq!(ours.pid(), theirs.pid());
        assert_eq!(ours.state().id(), theirs.state().id());
        assert_eq!(ours.to_vec().unwrap(), doc.as_bytes());
        let paths: Vec<String> = ours
            .validate()
            .violations()
            .iter()
            .map(|v| format!("{} {}", v.rule_name(), v.path()))
            .collect();
        assert_eq!(
            paths,
            [
                "required-member-absent /ociVersion",
                "required-member-absent /pid",
                "required-member-absent /state"
            ]
        );
    }
    let state: State = "{}".parse().unwrap();
    assert_eq!(state.to_vec().unwrap(), b"{}");
    assert_eq!(state.status(), &ContainerState::Stopped);
    for missing in ["ociVersion", "id", "status", "bundle"] {
        let mut v = json!({"ociVersion": "1.3.0", "id": "c", "status": "created", "pid": 1, "bundle": "/b"});
        v.as_object_mut().unwrap().remove(missing);
        let text = v.to_string();
        let theirs: oci_spec::runtime::State = serde_json::from_str(&text).unwrap();
        let ours = State::from_slice(text.as_bytes()).unwrap();
        assert_eq!(ours.id(), theirs.id(), "{missing}");
        assert_eq!(ours.bundle(), theirs.bundle(), "{missing}");
        assert_eq!(
            format!("{:?}", ours.status()),
            format!("{:?}", theirs.status()),
            "{missing}"
        );
        assert_eq!(
            serde_json::to_value(&ours).unwrap(),
            v,
            "{missing}: round trip"
        );
        let report = ours.validate();
        assert!(!report.is_valid(), "{missing}: {report}");
        assert_eq!(report.violations().len(), 1, "{missing}: {report}");
        let violation = &report.violations()[0];
        assert_eq!(violation.rule_name(), "required-member-absent");
        assert_eq!(violation.path(), format!("/{missing}"));
        assert!(violation.message().contains(missing), "{violation}");
        // Set, it is written.
        let mut set = ours.clone();
        set.set_id("c".into()).set_bundle("/b".into());
        set.set_version("1.3.0".into());
        assert!(set.to_vec().is_ok());
    }
    // Nested in a container process state, at the state's path.
    let cps: ContainerProcessState =
        r#"{"ociVersion":"1.3.0","pid":1,"state":{"ociVersion":"1.3.0","status":"stopped","bundle":"/b"}}"#
            .parse()
            .unwrap();
    let report = cps.validate();
    assert_eq!(report.violations().len(), 1, "{report}");
    assert_eq!(report.violations()[0].path(), "/state/id");
}

#[test]
fn freebsd_example_without_user_parses_and_keeps_freebsd() {
    let spec = Spec::from_slice(&fixture("config/good/freebsd-example.json")).unwrap();
    let process = spec.process().as_ref().unwrap();
    // oci-spec's `User` field: root when absent, and left out again.
    assert_eq!(process.user(), &oci_model::runtime::User::default());
    assert!(
        !String::from_utf8(spec.to_vec().unwrap())
            .unwrap()
            .contains("\"user\"")
    );
    let jail = spec.freebsd().as_ref().unwrap().jail().as_ref().unwrap();
    assert_eq!(jail.enforce_statfs(), Some(1));
    assert_eq!(jail.allow().as_ref().unwrap().raw_sockets(), Some(true));
    let out: Value = serde_json::from_slice(&spec.to_vec().unwrap()).unwrap();
    assert_eq!(
        out["freebsd"]["devices"][0],
        json!({"path": "pf", "mode": 448})
    );
    // A user warning, no error.
    assert!(spec.validate().is_valid());
}

#[test]
fn vm_hw_config_round_trips_and_go_spelling_is_read() {
    let doc = json!({
        "ociVersion": "1.3.0",
        "root": {"path": "rootfs"},
        "vm": {
            "kernel": {"path": "/vmlinuz", "initrd": "/initrd.img"},
            "hwConfig": {"deviceTree": "/dt.dtb", "vcpus": 2, "memory": 4_194_304,
                "dtdevs": ["a"], "iomems": [{"firstMFN": 1, "nrMFNs": 2},
                {"firstGFN": 3, "firstMFN": 4, "nrMFNs": 5}], "irqs": [11, 22]}
        }
    });
    let spec = round_trip(&doc);
    let hw = spec.vm().as_ref().unwrap().hw_config().as_ref().unwrap();
    assert_eq!(hw.vcpus(), Some(2));
    assert_eq!(hw.iomems().as_ref().unwrap()[1].first_gfn(), Some(3));
    // The Go bindings write `hwconfig`: read it, write `hwConfig`.
    let go = doc.to_string().replace("hwConfig", "hwconfig");
    let from_go = Spec::from_slice(go.as_bytes()).unwrap();
    assert_eq!(from_go, spec);
    assert!(from_go.to_string().unwrap().contains("\"hwConfig\""));
}

#[test]
fn oom_score_adj_and_scheduler_flags_round_trip() {
    let doc = json!({
        "ociVersion": "1.3.0",
        "root": {"path": "rootfs"},
        "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0},
            "oomScoreAdj": -500,
            "scheduler": {"policy": "SCHED_DEADLINE", "runtime": 10_000, "deadline": 20_000, "period": 30_000,
                "flags": ["SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_DL_OVERRUN", "SCHED_FLAG_UTIL_CLAMP_MAX"]},
            "ioPriority": {"class": "IOPRIO_CLASS_RT", "priority": 1},
            "execCPUAffinity": {"initial": "0", "final": "1-3"},
            "consoleSize": {"height": 24, "width": 80}}
    });
    let spec = round_trip(&doc);
    let p = spec.process().as_ref().unwrap();
    assert_eq!(p.oom_score_adj(), Some(-500));
    assert_eq!(
        p.console_size(),
        Some(ConsoleSize::default().with_size(24, 80))
    );
    let sched = p.scheduler().as_ref().unwrap();
    assert_eq!(sched.policy(), &LinuxSchedulerPolicy::SchedDeadline);
    assert_eq!(
        sched.flags().as_ref().unwrap()[..2],
        [
            LinuxSchedulerFlag::SchedResetOnFork,
            LinuxSchedulerFlag::SchedFlagDLOverrun
        ]
    );
    assert_eq!(
        p.exec_cpu_affinity()
            .as_ref()
            .unwrap()
            .cpu_affinity_final()
            .as_deref(),
        Some("1-3")
    );
    assert!(spec.validate().is_clean(), "{}", spec.validate());
}

trait WithSize {
    fn with_size(self, h: u64, w: u64) -> Self;
}
impl WithSize for ConsoleSize {
    fn with_size(mut self, h: u64, w: u64) -> Self {
        self.set_height(h);
        self.set_width(w);
        self
    }
}

#[test]
fn windows_cpu_affinity_array_round_trips() {
    let doc = json!({
        "ociVersion": "1.3.0",
        "root": {"path": "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\"},
        "windows": {"layerFolders": ["C:\\l"],
            "resources": {"cpu": {"count": 2, "affinity": [{"mask": 3, "group": 0}, {"mask": 12, "group": 1}]},
                "memory": {"limit": 1024}, "storage": {"iops": 1, "bps": 2, "sandboxSize": 3}},
            "network": {"allowUnqualifiedDNSQuery": true, "DNSSearchList": ["a.com"]},
            "credentialSpec": {"b": 1, "a": {"z": null}},
            "hyperv": {"utilityVMPath": "C:\\uvm"}}
    });
    let mut doc = doc;
    doc.as_object_mut().unwrap().remove("root"); // hyperv: no root
    let spec = round_trip(&doc);
    let windows = spec.windows().as_ref().unwrap();
    let cpu = windows.resources().unwrap().cpu().unwrap();
    assert_eq!(cpu.count(), Some(2));
    // WindowsCPUResources is Copy (as in oci-spec): the list is kept by
    // `windows` and read from there.
    let aff: Vec<WindowsCPUGroupAffinity> = windows.cpu_affinity().unwrap();
    assert_eq!((aff[1].mask(), aff[1].group()), (12, 1));
    // Only the schema-conflict warning.
    let r = spec.validate();
    assert!(r.is_valid(), "{r}");
    assert!(r.has_rule("windows-cpu-affinity-schema"));
}

#[test]
fn windows_cpu_affinity_is_set_and_removed_through_windows() {
    let mut windows: oci_model::runtime::Windows = serde_json::from_value(json!({
        "layerFolders": ["C:\\l"],
        "resources": {"cpu": {"count": 2, "x": 1}}
    }))
    .unwrap();
    assert_eq!(windows.cpu_affinity(), None);
    let a = oci_model::runtime::WindowsCPUGroupAffinityBuilder::default()
        .mask(3u64)
        .group(1u32)
        .build()
        .unwrap();
    windows.set_cpu_affinity(Some(vec![a]));
    assert_eq!(
        serde_json::to_value(&windows).unwrap(),
        json!({"layerFolders": ["C:\\l"],
            "resources": {"cpu": {"count": 2, "affinity": [{"mask": 3, "group": 1}], "x": 1}}})
    );
    assert_eq!(windows.cpu_affinity(), Some(vec![a]));
    windows.set_cpu_affinity(None);
    assert_eq!(
        serde_json::to_value(&windows).unwrap(),
        json!({"layerFolders": ["C:\\l"], "resources": {"cpu": {"count": 2, "x": 1}}})
    );
    // On a `windows` without resources, setting a list adds them; removing
    // it again leaves a value equal to one that never had it.
    let mut bare = oci_model::runtime::Windows::default();
    bare.set_cpu_affinity(Some(vec![a]));
    assert_eq!(
        serde_json::to_value(&bare).unwrap()["resources"],
        json!({"cpu": {"affinity": [{"mask": 3, "group": 1}]}})
    );
    bare.set_cpu_affinity(None);
    let mut expected = oci_model::runtime::Windows::default();
    expected.set_resources(bare.resources());
    assert_eq!(bare, expected);
    // A null kept beside the list stays when the list goes.
    let mut with_null: oci_model::runtime::Windows = serde_json::from_value(json!({
        "layerFolders": ["C:\\l"],
        "resources": {"cpu": {"count": null, "affinity": [{"mask": 1, "group": 0}]}}
    }))
    .unwrap();
    with_null.set_cpu_affinity(None);
    assert_eq!(
        serde_json::to_value(&with_null).unwrap(),
        json!({"layerFolders": ["C:\\l"], "resources": {"cpu": {"count": null}}})
    );
    let mut untouched = oci_model::runtime::Windows::default();
    untouched.set_cpu_affinity(None);
    assert_eq!(untouched, oci_model::runtime::Windows::default());
}

#[test]
fn unknown_capability_parses_round_trips_and_warns() {
    let doc = json!({
        "ociVersion": "1.3.0",
        "root": {"path": "rootfs"},
        "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0},
            "capabilities": {"bounding": ["CAP_CHOWN", "CAP_FUTURE_THING"],
                "ambient": ["CAP_FUTURE_THING"]}}
    });
    let spec = round_trip(&doc);
    let caps = spec
        .process()
        .as_ref()
        .unwrap()
        .capabilities()
        .as_ref()
        .unwrap();
    // The unknown capability is kept beside the set (round_trip checked
    // that it is written back).
    assert!(
        !caps
            .bounding()
            .as_ref()
            .unwrap()
            .iter()
            .any(|c| c.as_str() == "CAP_FUTURE_THING")
    );
    let r = spec.validate();
    assert!(r.is_valid());
    assert_eq!(r.warnings().count(), 2);
}

#[test]
fn unknown_enum_values_never_fail_a_document() {
    let doc = json!({
        "ociVersion": "1.3.0",
        "root": {"path": "rootfs"},
        "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0},
            "rlimits": [{"type": "RLIMIT_NEWTHING", "soft": 1, "hard": 1}],
            "scheduler": {"policy": "SCHED_NEXT", "flags": ["SCHED_FLAG_NEXT"]},
            "ioPriority": {"class": "IOPRIO_CLASS_NEXT", "priority": 0}},
        "zos": {"namespaces": [{"type": "net"}]},
        "freebsd": {"jail": {"sysvmsg": "share"}}
    });
    let spec = round_trip(&doc);
    let r = spec.validate();
    assert!(r.is_valid(), "{r}");
    assert_eq!(r.warnings().count(), 6, "{r}");
    let state = State::from_slice(
        br#"{"ociVersion":"1.3.0","id":"c","status":"paused","pid":1,"bundle":"/b"}"#,
    )
    .unwrap();
    assert_eq!(state.status(), &ContainerState::Stopped);
    assert!(state.to_string().unwrap().contains("\"paused\""));
}

#[test]
fn capabilities_and_maps_serialize_in_a_stable_sorted_order() {
    let caps = [
        "CAP_SYS_ADMIN",
        "CAP_CHOWN",
        "CAP_KILL",
        "CAP_AUDIT_WRITE",
        "CAP_NET_RAW",
    ];
    let make = |order: &[&str]| {
        let mut spec = Spec::runc_default();
        let set: oci_model::runtime::Capabilities = order
            .iter()
            .map(|c| serde_json::from_value(json!(c)).unwrap())
            .collect();
        let mut p = spec.process().clone().unwrap();
        p.set_capabilities(Some(oci_model::runtime::LinuxCapabilities::all_sets(&set)));
        spec.set_process(Some(p));
        let mut ann = std::collections::HashMap::new();
        for k in order {
            ann.insert(format!("com.example.{k}"), (*k).to_owned());
        }
        spec.set_annotations(Some(ann));
        spec.to_vec().unwrap()
    };
    let a = make(&caps);
    let mut reversed = caps;
    reversed.reverse();
    let b = make(&reversed);
    assert_eq!(a, b);
    for _ in 0..5 {
        assert_eq!(make(&caps), a);
    }
    let text = String::from_utf8(a).unwrap();
    let i = text.find("CAP_AUDIT_WRITE").unwrap();
    let j = text.find("CAP_SYS_ADMIN").unwrap();
    assert!(i < j);
}

#[test]
fn absent_fields_are_never_null() {
    let spec = Spec::empty();
    assert_eq!(spec.to_string().unwrap(), r#"{"ociVersion":"1.3.0"}"#);
    for s in [Spec::runc_default(), Spec::rootless(1000, 1000)] {
        assert!(!s.to_string().unwrap().contains("null"));
    }
    let user_only_username = json!({"username": "ContainerUser"});
    let u: oci_model::runtime::User = serde_json::from_value(user_only_username.clone()).unwrap();
    assert_eq!(serde_json::to_value(&u).unwrap(), user_only_username);
}

#[test]
fn presets_validate_clean_and_serialize_deterministically() {
    let default = Spec::default();
    assert_eq!(default, Spec::runc_default());
    let r = default.validate();
    assert!(r.is_clean(), "{r}");
    assert_eq!(default.version(), VERSION);
    assert_eq!(
        default.to_vec().unwrap(),
        Spec::runc_default().to_vec().unwrap()
    );

    let rootless = Spec::rootless(1000, 1001);
    let r = rootless.validate();
    assert!(r.is_clean(), "{r}");
    assert_eq!(
        rootless.to_vec().unwrap(),
        Spec::rootless(1000, 1001).to_vec().unwrap()
    );
    assert_ne!(rootless, default);
    let linux = rootless.linux().as_ref().unwrap();
    assert_eq!(linux.uid_mappings().as_ref().unwrap()[0].host_id(), 1000);
    assert_eq!(linux.gid_mappings().as_ref().unwrap()[0].host_id(), 1001);
    assert!(linux.resources().is_none());
    let mounts = rootless.mounts().as_ref().unwrap();
    let sys = mounts
        .iter()
        .find(|m| m.destination() == Path::new("/sys"))
        .unwrap();
    assert_eq!(sys.typ().as_deref(), Some("none"));
    assert!(sys.options().as_ref().unwrap().iter().any(|o| o == "rbind"));
    let pts = mounts
        .iter()
        .find(|m| m.destination() == Path::new("/dev/pts"))
        .unwrap();
    assert!(!pts.options().as_ref().unwrap().iter().any(|o| o == "gid=5"));
    // The preset process and root are shared.
    assert_eq!(rootless.process(), default.process());
    assert_eq!(rootless.root(), default.root());

    let p = default.process().as_ref().unwrap();
    assert_eq!(p.args().as_ref().unwrap(), &["sh"]);
    assert_eq!(p.user().uid(), 0);
    assert_eq!(
        p.capabilities()
            .as_ref()
            .unwrap()
            .bounding()
            .as_ref()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(default.root().as_ref().unwrap().readonly(), Some(true));
    assert_eq!(default.mounts().as_ref().unwrap().len(), 7);
}

#[test]
fn presets_survive_a_round_trip() {
    for s in [Spec::runc_default(), Spec::rootless(1, 2)] {
        let back: Spec = s.to_string().unwrap().parse().unwrap();
        assert_eq!(back, s);
    }
}

#[test]
fn builders_fill_the_version_and_start_from_the_runc_defaults() {
    let spec = SpecBuilder::default()
        .root(RootBuilder::default().path("rootfs").build().unwrap())
        .build()
        .unwrap();
    assert_eq!(spec.version(), VERSION);
    // As oci-spec's builders: unset members keep the runc defaults, never
    // an empty (less confined) document.
    assert_eq!(spec.process(), Spec::runc_default().process());
    assert_eq!(spec.linux(), Spec::runc_default().linux());
    assert_eq!(SpecBuilder::default().build().unwrap(), Spec::default());
    assert_eq!(
        ProcessBuilder::default().build().unwrap(),
        oci_model::runtime::Process::default()
    );

    let state = StateBuilder::default()
        .id("c1")
        .status(ContainerState::Created)
        .pid(12)
        .bundle("/b")
        .build()
        .unwrap();
    assert_eq!(state.version(), VERSION);
    assert!(
        StateBuilder::default()
            .id("c1")
            .status(ContainerState::Created)
            .pid(1)
            .bundle("relative")
            .build_checked()
            .is_err()
    );
}

#[test]
fn load_save_and_canonicalize_rootfs() {
    let dir = std::env::temp_dir().join(format!("oci-model-rt-core-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("rootfs")).unwrap();
    let path = dir.join("config.json");
    let spec = Spec::rootless(1000, 1000);
    spec.save(&path).unwrap();
    let loaded = Spec::load(&path).unwrap();
    assert_eq!(loaded, spec);
    // Pretty JSON.
    assert!(std::fs::read_to_string(&path).unwrap().contains("\n  "));

    let mut s = Spec::empty();
    s.set_root(Some(Root::new("rootfs")));
    s.canonicalize_rootfs(&dir).unwrap();
    let expected = std::fs::canonicalize(dir.join("rootfs")).unwrap();
    assert_eq!(s.root().as_ref().unwrap().path(), &expected);

    let mut no_root = Spec::empty();
    assert!(no_root.canonicalize_rootfs(&dir).is_err());
    let mut missing = Spec::empty();
    missing.set_root(Some(Root::new("nope")));
    let e = missing.canonicalize_rootfs(&dir).unwrap_err();
    // oci-spec's `Io`, the path in the message of the io::Error it holds.
    let oci_model::OciSpecError::Io(io) = &e else {
        panic!("expected OciSpecError::Io, got {e:?}");
    };
    assert!(io.to_string().contains("nope"), "{io}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn container_process_state_example() {
    let s = ContainerProcessState::from_slice(&fixture("examples/config-linux-19.json")).unwrap();
    assert_eq!(s.fds(), &[oci_model::runtime::SECCOMP_FD_NAME]);
    assert_eq!(s.state().status(), &ContainerState::Creating);
    assert!(s.validate().is_clean());
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Spec>();
    check::<State>();
    check::<ContainerProcessState>();
}

#[test]
fn part_defaults_and_builders_keep_the_oci_spec_meaning() {
    use oci_model::runtime::{LinuxCapabilities, LinuxCapabilitiesBuilder, Process, User};
    assert_eq!(
        Spec::runc_default().process().as_ref(),
        Some(&Process::default())
    );
    assert_eq!(Root::default().readonly(), Some(true));
    assert_eq!(User::default().uid(), 0);
    assert_eq!(User::default().gid(), 0);
    let caps = LinuxCapabilities::default();
    assert_eq!(caps.ambient().as_ref().unwrap().len(), 3);
    // The builder starts from the defaults, as oci-spec's does.
    let built = LinuxCapabilitiesBuilder::default().build().unwrap();
    assert_eq!(built, caps);
    assert_eq!(
        serde_json::to_string(&LinuxCapabilities::empty()).unwrap(),
        "{}"
    );
    assert_eq!(
        ConsoleSize::default().height() + ConsoleSize::default().width(),
        0
    );
}

/// Every member config.md and the non-Linux platform files define, at
/// once: nothing is dropped on a round trip.
#[test]
fn every_non_linux_member_survives_a_round_trip() {
    let doc = json!({
        "ociVersion": "1.3.0",
        "root": {"path": "rootfs", "readonly": false},
        "mounts": [{"destination": "/data", "type": "bind", "source": "/host", "options": ["rbind", "idmap"],
            "uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}],
            "gidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}]}],
        "process": {"terminal": true, "consoleSize": {"height": 1, "width": 2},
            "user": {"uid": 1, "gid": 2, "umask": 18, "additionalGids": [3], "username": "u"},
            "args": ["a"], "commandLine": "a b", "env": ["A=B"], "cwd": "/",
            "capabilities": {"bounding": ["CAP_KILL"], "effective": ["CAP_KILL"],
                "inheritable": ["CAP_KILL"], "permitted": ["CAP_KILL"], "ambient": ["CAP_KILL"]},
            "rlimits": [{"type": "RLIMIT_CORE", "hard": 1, "soft": 1}],
            "noNewPrivileges": true, "apparmorProfile": "p", "oomScoreAdj": 5,
            "scheduler": {"policy": "SCHED_BATCH", "nice": 1, "priority": 2, "flags": ["SCHED_FLAG_RECLAIM"],
                "runtime": 1, "deadline": 2, "period": 3},
            "selinuxLabel": "l", "ioPriority": {"class": "IOPRIO_CLASS_IDLE", "priority": 7},
            "execCPUAffinity": {"initial": "0", "final": "1"}},
        "hostname": "h", "domainname": "d",
        "hooks": {"prestart": [{"path": "/a", "args": ["a"], "env": ["E=1"], "timeout": 1}],
            "createRuntime": [{"path": "/b"}], "createContainer": [{"path": "/c"}],
            "startContainer": [{"path": "/d"}], "poststart": [{"path": "/e"}], "poststop": [{"path": "/f"}]},
        "annotations": {"a": "b"},
        "linux": {},
        "windows": {"layerFolders": ["C:\\l"], "devices": [{"id": "g", "idType": "class"}],
            "resources": {"memory": {"limit": 1}, "cpu": {"count": 1, "shares": 2, "maximum": 3,
                "affinity": [{"mask": 1, "group": 2}]}, "storage": {"iops": 1, "bps": 2, "sandboxSize": 3}},
            "credentialSpec": {"k": "v"}, "servicing": true, "ignoreFlushesDuringBoot": true,
            "hyperv": {"utilityVMPath": "C:\\u"},
            "network": {"endpointList": ["e"], "allowUnqualifiedDNSQuery": true, "DNSSearchList": ["s"],
                "networkSharedContainerName": "n", "networkNamespace": "ns"}},
        "solaris": {"milestone": "m", "limitpriv": "l", "maxShmMemory": "1m",
            "anet": [{"linkname": "a", "lowerLink": "b", "allowedAddress": "c", "configureAllowedAddress": "true",
                "defrouter": "d", "linkProtection": "e", "macAddress": "f"}],
            "cappedCPU": {"ncpus": "8"}, "cappedMemory": {"physical": "1m", "swap": "2m"}},
        "vm": {"hypervisor": {"path": "/h", "parameters": ["p"]},
            "kernel": {"path": "/k", "parameters": ["p"], "initrd": "/i"},
            "image": {"path": "/i", "format": "qcow2"},
            "hwConfig": {"deviceTree": "/t", "vcpus": 1, "memory": 2, "dtdevs": ["d"],
                "iomems": [{"firstGFN": 1, "firstMFN": 2, "nrMFNs": 3}], "irqs": [4]}},
        "zos": {"namespaces": [{"type": "uts", "path": "/ns"}]},
        "freebsd": {"devices": [{"path": "pf", "mode": 448}],
            "jail": {"parent": "p", "host": "new", "ip4": "inherit", "ip4Addr": ["10.0.0.1"],
                "ip6": "disable", "ip6Addr": ["::1"], "vnet": "inherit", "interface": "em0",
                "vnetInterfaces": ["epair0b"], "sysvmsg": "new", "sysvsem": "inherit", "sysvshm": "disable",
                "enforceStatfs": 2, "allow": {"setHostname": true, "rawSockets": true, "chflags": true,
                    "mount": ["tmpfs"], "quotas": true, "socketAf": true, "mlock": true,
                    "reservedPorts": true, "suser": true}}}
    });
    let spec = round_trip(&doc);
    // Serialized in the spec's property order.
    let text = spec.to_string().unwrap();
    let order = [
        "ociVersion",
        "\"root\"",
        "\"mounts\"",
        "\"process\"",
        "\"hostname\"",
        "\"domainname\"",
        "\"hooks\"",
        "\"annotations\"",
        "\"linux\"",
        "\"windows\"",
        "\"solaris\"",
        "\"vm\"",
        "\"zos\"",
        "\"freebsd\"",
    ];
    let pos: Vec<usize> = order.iter().map(|k| text.find(k).unwrap()).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{text}");
}

#[test]
fn an_array_where_an_object_belongs_is_an_error_naming_the_path() {
    // serde alone would read `[]` as a struct with every member absent.
    for (pointer, expected) in [
        ("/linux", "/linux: invalid type: array, expected an object"),
        (
            "/linux/resources",
            "/linux/resources: invalid type: array, expected an object",
        ),
        ("/root", "/root: invalid type: array, expected an object"),
    ] {
        let mut doc: Value =
            serde_json::from_slice(&fixture("config/good/spec-example.json")).unwrap();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let target = if parent.is_empty() {
            &mut doc
        } else {
            doc.pointer_mut(parent).unwrap()
        };
        target[key] = json!([]);
        let e = Spec::from_slice(&serde_json::to_vec(&doc).unwrap())
            .unwrap_err()
            .to_string();
        assert!(e.starts_with(expected), "{pointer}: {e}");
    }
}
