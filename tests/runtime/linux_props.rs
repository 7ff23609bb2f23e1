//! Property tests: any input decodes or fails without panicking, and
//! validation never panics; open enum values round-trip whatever their text.
#![cfg(feature = "runtime")]

use oci_model::Validate;
use oci_model::runtime::{Features, Linux, LinuxSeccomp};
use proptest::prelude::*;

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        if let Ok(l) = oci_model::io::from_slice::<Linux>(&bytes) {
            let _ = l.validate();
        }
        if let Ok(f) = Features::from_slice(&bytes) {
            let _ = f.validate();
        }
    }

    #[test]
    fn seccomp_values_round_trip(action in "[A-Z_]{1,24}", arch in "[A-Z0-9_]{1,24}", op in "[A-Z_]{1,16}") {
        let json = serde_json::json!({
            "defaultAction": action,
            "architectures": [arch],
            "syscalls": [{"names": ["read"], "action": action, "args": [{"index": 0, "value": 1, "op": op}]}],
        });
        let s: LinuxSeccomp = serde_json::from_value(json.clone()).unwrap();
        prop_assert_eq!(serde_json::to_value(&s).unwrap(), json);
        prop_assert!(s.validate().is_valid() || s.validate().has_rule("linux-seccomp-errno-ret"));
    }

    #[test]
    fn linux_paths_and_cpu_lists_never_panic(path in ".{0,40}", cpus in "[0-9,\\-]{0,20}") {
        let json = serde_json::json!({
            "namespaces": [{"type": "pid", "path": path}],
            "maskedPaths": [path],
            "resources": {"cpu": {"cpus": cpus, "mems": cpus}},
            "memoryPolicy": {"mode": "MPOL_BIND", "nodes": cpus},
        });
        let l: Linux = serde_json::from_value(json.clone()).unwrap();
        prop_assert_eq!(serde_json::to_value(&l).unwrap(), json);
        let r = l.validate();
        prop_assert_eq!(r.has_rule("linux-masked-path-absolute"), !path.starts_with('/'));
    }
}
