//! Property tests: `parse(to_string(x)) == x` for generated image documents,
//! and arbitrary or damaged bytes never panic a decoder (generated manifests
//! with bytes changed, and the documents of `test-data/` damaged member by
//! member).
#![cfg(feature = "image")]
#![expect(
    clippy::unwrap_used,
    reason = "proptest strategies outside #[test] functions"
)]

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use oci_model::Validate;
use oci_model::image::{
    Arch, ConfigBuilder, Descriptor, Digest, HistoryBuilder, ImageConfiguration,
    ImageConfigurationBuilder, ImageIndex, ImageManifest, MediaType, OciLayout, Os, Platform,
    RootFs,
};
use proptest::prelude::*;
use serde_json::Value;

use crate::damage;

/// Decodes as every image kind (see `damage::check`).
fn check_all(bytes: &[u8]) -> damage::Reach {
    let mut reach = damage::check::<Descriptor>(bytes);
    reach += damage::check::<ImageManifest>(bytes);
    reach += damage::check::<ImageIndex>(bytes);
    reach += damage::check::<ImageConfiguration>(bytes);
    reach += damage::check::<OciLayout>(bytes);
    reach += damage::check::<Platform>(bytes);
    reach
}

/// The image documents of `test-data/`.
static SEEDS: LazyLock<Vec<Value>> = LazyLock::new(|| {
    damage::seeds(&["image/valid", "image/examples"], |b| {
        check_all(b).decoded > 0
    })
});

/// Damage reaches the validators: of every single edit of some seeds, many
/// still decode, and many of those break a rule.
#[test]
fn damaged_documents_reach_the_validators() {
    let mut reach = damage::Reach::default();
    for seed in SEEDS.iter().step_by(6) {
        reach += damage::every_single_edit(seed, 7, check_all);
    }
    assert!(reach.decoded > 500, "{reach:?}");
    assert!(reach.violations > 50, "{reach:?}");
}

fn media_type() -> impl Strategy<Value = MediaType> {
    prop_oneof![
        proptest::sample::select(MediaType::KNOWN.to_vec()),
        "[a-z][a-z0-9]{0,8}/[a-z0-9][a-z0-9.+-]{0,20}".prop_map(MediaType::from),
        // Not well-formed: parses anyway (validation reports it).
        ".{0,12}".prop_map(MediaType::from),
    ]
}

fn digest() -> impl Strategy<Value = Digest> {
    prop_oneof![
        "[0-9a-f]{64}".prop_map(|h| format!("sha256:{h}")),
        "[0-9a-f]{128}".prop_map(|h| format!("sha512:{h}")),
        "[a-z0-9]{1,6}(\\+[a-z0-9]{1,4})?:[a-zA-Z0-9=_-]{1,30}",
    ]
    .prop_map(|s| s.parse::<Digest>().unwrap())
}

fn string_map() -> impl Strategy<Value = Option<HashMap<String, String>>> {
    proptest::option::of(proptest::collection::hash_map(".{0,10}", ".{0,10}", 0..4))
}

fn platform() -> impl Strategy<Value = Platform> {
    (
        prop_oneof![
            proptest::sample::select(Arch::KNOWN.to_vec()),
            "[a-z0-9]{1,8}".prop_map(Arch::from)
        ],
        prop_oneof![
            proptest::sample::select(Os::KNOWN.to_vec()),
            "[a-z0-9]{1,8}".prop_map(Os::from)
        ],
        proptest::option::of("[0-9.]{1,10}"),
        proptest::option::of(proptest::collection::vec("[a-z0-9]{1,6}", 0..3)),
        proptest::option::of("v[0-9]"),
        proptest::option::of(proptest::collection::vec("[a-z]{1,6}", 0..2)),
    )
        .prop_map(|(arch, os, version, os_features, variant, features)| {
            let mut p = Platform::new(arch, os);
            p.set_os_version(version);
            p.set_os_features(os_features);
            p.set_variant(variant);
            p.set_features(features);
            p
        })
}

fn descriptor() -> impl Strategy<Value = Descriptor> {
    (
        media_type(),
        digest(),
        0..=i64::MAX as u64,
        proptest::option::of(proptest::collection::vec(".{0,16}", 0..3)),
        string_map(),
        proptest::option::of("[A-Za-z0-9+/]{0,12}={0,2}"),
        proptest::option::of(media_type()),
        proptest::option::of(platform()),
    )
        .prop_map(|(m, d, size, urls, ann, data, at, p)| {
            let mut x = Descriptor::new(m, size, d);
            x.set_urls(urls);
            x.set_annotations(ann);
            x.set_data(data);
            x.set_artifact_type(at);
            x.set_platform(p);
            x
        })
}

fn manifest_json() -> impl Strategy<Value = serde_json::Value> {
    (
        0u32..4,
        proptest::option::of(media_type()),
        proptest::option::of(media_type()),
        descriptor(),
        proptest::collection::vec(descriptor(), 0..4),
        proptest::option::of(descriptor()),
        string_map(),
    )
        .prop_map(|(v, m, at, config, layers, subject, ann)| {
            let mut j = serde_json::json!({"schemaVersion": v, "config": config, "layers": layers});
            if let Some(m) = m {
                j["mediaType"] = serde_json::json!(m);
            }
            if let Some(at) = at {
                j["artifactType"] = serde_json::json!(at);
            }
            if let Some(s) = subject {
                j["subject"] = serde_json::json!(s);
            }
            if let Some(a) = ann {
                j["annotations"] = serde_json::json!(a);
            }
            j
        })
}

fn sorted(v: Vec<String>) -> Vec<String> {
    v.into_iter().collect::<BTreeSet<_>>().into_iter().collect()
}

fn configuration() -> impl Strategy<Value = ImageConfiguration> {
    (
        proptest::option::of("[0-9T:Z-]{0,20}"),
        platform(),
        proptest::option::of(proptest::collection::vec("[a-zA-Z0-9=/_]{0,10}", 0..3)),
        proptest::option::of(proptest::collection::vec("[0-9]{1,5}/(tcp|udp)", 0..3)),
        string_map(),
        proptest::collection::vec(digest(), 0..3),
        proptest::option::of(proptest::collection::vec(
            (
                proptest::option::of(".{0,8}"),
                proptest::option::of(any::<bool>()),
                proptest::option::of(".{0,4}"),
            ),
            0..3,
        )),
        (
            proptest::option::of(".{0,6}"),
            proptest::option::of(any::<i64>()),
        ),
    )
        .prop_map(
            |(created, p, env, ports, labels, diff_ids, history, (author, size))| {
                let mut config = ConfigBuilder::default().build().unwrap();
                config.set_env(env);
                config.set_exposed_ports(ports.map(sorted));
                config.set_labels(labels);
                let mut rootfs = RootFs::default();
                rootfs.set_diff_ids(diff_ids.iter().map(ToString::to_string).collect());
                let history = history.map(|h| {
                    h.into_iter()
                        .map(|(by, empty, comment)| {
                            let mut x = HistoryBuilder::default().build().unwrap();
                            x.set_created_by(by);
                            x.set_empty_layer(empty);
                            x.set_comment(comment);
                            x
                        })
                        .collect::<Vec<_>>()
                });
                let mut c = ImageConfigurationBuilder::default()
                    .architecture(p.architecture().clone())
                    .os(p.os().clone())
                    .rootfs(rootfs)
                    .build()
                    .unwrap_or_else(|_| unreachable!("no rule can fail here"));
                c.set_created(created);
                c.set_os_version(p.os_version().clone());
                c.set_os_features(p.os_features().clone());
                c.set_variant(p.variant().clone());
                c.set_config(Some(config));
                c.set_history(history);
                c.set_author(author.clone());
                c.set_docker_version(author);
                c.set_size(size);
                c
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn descriptor_round_trips(d in descriptor()) {
        let text = d.to_string().unwrap();
        let back: Descriptor = text.parse().unwrap();
        prop_assert_eq!(&back, &d);
        prop_assert_eq!(back.to_string().unwrap(), text);
        // The crate's writer gives serde_json's value (serde_json writes a
        // std map in iteration order, the crate's writer sorts it).
        prop_assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&d.to_vec().unwrap()).unwrap(),
            serde_json::to_value(&d).unwrap()
        );
        let _report = back.validate();
    }

    #[test]
    fn manifest_round_trips(j in manifest_json()) {
        let m: ImageManifest = serde_json::from_value(j.clone()).unwrap();
        let text = m.to_string().unwrap();
        let back: ImageManifest = text.parse().unwrap();
        prop_assert_eq!(&back, &m);
        prop_assert_eq!(serde_json::to_value(&back).unwrap(), j.clone());
        prop_assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&m.to_vec().unwrap()).unwrap(),
            j
        );
    }

    #[test]
    fn configuration_round_trips(c in configuration()) {
        let back: ImageConfiguration = c.to_string().unwrap().parse().unwrap();
        prop_assert_eq!(&back, &c);
        // The crate's writer gives serde_json's value (maps sorted by the
        // crate's writer only).
        prop_assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&c.to_vec().unwrap()).unwrap(),
            serde_json::to_value(&c).unwrap()
        );
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        decode_all(&bytes);
    }

    #[test]
    fn damaged_test_data_never_panics(
        seed in any::<proptest::sample::Index>(),
        edits in damage::edits(),
    ) {
        let bytes = damage::damage(seed.get(&SEEDS), &edits);
        check_all(&bytes);
    }

    #[test]
    fn damaged_documents_never_panic(
        j in manifest_json(),
        edits in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 1..6),
    ) {
        let mut bytes = serde_json::to_vec(&j).unwrap();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        decode_all(&bytes);
    }
}

/// Decodes as every kind; whatever decodes must re-serialize and decode
/// back to the same value, and validate without panicking.
fn decode_all(bytes: &[u8]) {
    fn one<T>(bytes: &[u8])
    where
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug + Validate,
    {
        if let Ok(v) = oci_model::io::from_slice::<T>(bytes) {
            let again = oci_model::io::to_vec(&v, false).unwrap();
            assert_eq!(oci_model::io::from_slice::<T>(&again).unwrap(), v);
            let _report = v.validate();
        }
    }
    one::<Descriptor>(bytes);
    one::<ImageManifest>(bytes);
    one::<ImageIndex>(bytes);
    one::<ImageConfiguration>(bytes);
    one::<OciLayout>(bytes);
}
