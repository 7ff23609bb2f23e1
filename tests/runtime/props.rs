//! Property tests for `config.json`, `state.json` and `features.json`: no
//! input panics the decoder or the validator (arbitrary bytes, and the
//! documents of `test-data/` damaged member by member), generated documents
//! round-trip, and the SemVer check agrees with the grammar on generated
//! versions.
#![cfg(feature = "runtime")]
#![allow(clippy::unwrap_used, reason = "property tests")]

use std::sync::LazyLock;

use oci_model::Validate;
use oci_model::runtime::{ContainerProcessState, Features, Spec, State};
use proptest::prelude::*;
use serde_json::Value;

use crate::damage;

/// Decodes as every runtime kind (see `damage::check`).
fn check_all(bytes: &[u8]) -> damage::Reach {
    let mut reach = damage::check::<Spec>(bytes);
    reach += damage::check::<State>(bytes);
    reach += damage::check::<ContainerProcessState>(bytes);
    reach += damage::check::<Features>(bytes);
    reach
}

/// The runtime documents of `test-data/`.
static SEEDS: LazyLock<Vec<Value>> = LazyLock::new(|| {
    damage::seeds(
        &[
            "runtime/config/good",
            "runtime/examples",
            "runtime/linux/good",
            "runtime/state/good",
            "runtime/features/good",
        ],
        |b| check_all(b).decoded > 0,
    )
});

/// Damage reaches the validators: of every single edit of every seed, many
/// still decode, and many of those break a rule.
#[test]
fn damaged_documents_reach_the_validators() {
    let mut reach = damage::Reach::default();
    for seed in SEEDS.iter().step_by(4) {
        reach += damage::every_single_edit(seed, 7, check_all);
    }
    assert!(reach.decoded > 500, "{reach:?}");
    assert!(reach.violations > 50, "{reach:?}");
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        if let Ok(s) = Spec::from_slice(&bytes) {
            let _ = s.validate();
        }
        if let Ok(s) = State::from_slice(&bytes) {
            let _ = s.validate();
        }
        if let Ok(s) = ContainerProcessState::from_slice(&bytes) {
            let _ = s.validate();
        }
    }

    #[test]
    fn damaged_documents_never_panic(
        seed in any::<proptest::sample::Index>(),
        edits in damage::edits(),
    ) {
        let bytes = damage::damage(seed.get(&SEEDS), &edits);
        check_all(&bytes);
    }

    #[test]
    fn generated_specs_round_trip_and_validation_never_panics(
        version in "[0-9a-z.+-]{0,12}",
        cwd in ".{0,20}",
        dest in ".{0,20}",
        hook in ".{0,20}",
        timeout in any::<i64>(),
        key in ".{0,30}",
        value in ".{0,10}",
        cap in "CAP_[A-Z_]{1,12}",
        rlimit in "[A-Z_]{1,16}",
        status in "[a-z]{0,10}",
        pid in any::<i32>(),
        sharing in "[a-z]{0,8}",
        statfs in any::<i64>(),
    ) {
        let json = serde_json::json!({
            "ociVersion": version,
            "root": {"path": "rootfs"},
            "mounts": [{"destination": dest}],
            "process": {"cwd": cwd, "args": ["sh"], "user": {"uid": 0, "gid": 0},
                "capabilities": {"bounding": [cap]},
                "rlimits": [{"type": rlimit, "soft": 1, "hard": 2}]},
            "hooks": {"poststop": [{"path": hook, "timeout": timeout}]},
            "annotations": {key: value},
            "freebsd": {"jail": {"vnet": sharing, "enforceStatfs": statfs}},
        });
        let s: Spec = serde_json::from_value(json.clone()).unwrap();
        prop_assert_eq!(serde_json::to_value(&s).unwrap(), json);
        let _ = s.validate();
        let back: Spec = s.to_string().unwrap().parse().unwrap();
        prop_assert_eq!(back, s);

        let st = serde_json::json!({"ociVersion": "1.3.0", "id": "c", "status": status,
            "pid": pid, "bundle": "/b"});
        let state: State = serde_json::from_value(st.clone()).unwrap();
        prop_assert_eq!(serde_json::to_value(&state).unwrap(), st);
        prop_assert_eq!(state.validate().is_valid(), pid >= 0);
    }

    #[test]
    fn well_formed_semver_passes(
        major in 0u32..1000, minor in 0u32..1000, patch in 0u32..1000,
        pre in proptest::option::of("[a-z][a-z0-9-]{0,6}(\\.[a-z][a-z0-9-]{0,6}){0,2}"),
        build in proptest::option::of("[A-Za-z0-9-]{1,6}(\\.[A-Za-z0-9-]{1,6}){0,2}"),
    ) {
        let mut v = format!("{major}.{minor}.{patch}");
        if let Some(p) = pre { v.push('-'); v.push_str(&p); }
        if let Some(b) = build { v.push('+'); v.push_str(&b); }
        let s = Spec::from_slice(format!(r#"{{"ociVersion":"{v}","root":{{"path":"rootfs"}}}}"#).as_bytes()).unwrap();
        prop_assert!(s.validate().is_clean(), "{}", v);
    }
}
