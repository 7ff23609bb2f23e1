//! Differential tests against the `oci-spec` crate 0.10: on every reference
//! both accept, every accessor oci-spec has gives oci-spec's answer
//! (registry, repository, tag with its `latest` default, digest, `whole()`,
//! `Display`, `resolve_registry()`, `namespace()`, equality and serde). The
//! cases where `oci-spec` breaks the specs differ on purpose (release.md
//! lists them).
#![cfg(feature = "distribution")]
#![allow(clippy::unwrap_used, reason = "tests")]

use oci_model::Validate;
use oci_model::distribution::Reference;
use oci_spec::distribution::Reference as Theirs;
use proptest::prelude::*;

fn compare(s: &str) {
    let mut ours = Reference::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
    let mut theirs: Theirs = s.parse().unwrap_or_else(|e| panic!("oci-spec {s}: {e}"));
    assert_eq!(ours.registry(), theirs.registry(), "{s}");
    assert_eq!(ours.repository(), theirs.repository(), "{s}");
    assert_eq!(ours.tag(), theirs.tag(), "{s}");
    assert_eq!(ours.digest(), theirs.digest(), "{s}");
    assert_eq!(ours.whole(), theirs.whole(), "{s}");
    assert_eq!(ours.to_string(), theirs.to_string(), "{s}");
    assert_eq!(
        String::from(ours.clone()),
        String::from(theirs.clone()),
        "{s}"
    );
    assert_eq!(ours.resolve_registry(), theirs.resolve_registry(), "{s}");
    assert_eq!(ours.namespace(), theirs.namespace(), "{s}");
    assert_eq!(
        serde_json::to_value(&ours).unwrap(),
        serde_json::to_value(&theirs).unwrap(),
        "{s}"
    );
    // What oci-spec writes reads back equal here, and the other way round.
    let back: Reference = serde_json::from_value(serde_json::to_value(&theirs).unwrap()).unwrap();
    assert_eq!(back, ours, "{s}");
    let back: Theirs = serde_json::from_value(serde_json::to_value(&ours).unwrap()).unwrap();
    assert_eq!(back, theirs, "{s}");
    // The text as written is kept beside.
    assert_eq!(ours.as_str(), s, "{s}");
    // Its whole form parses back to an equal reference, in both crates.
    assert_eq!(Reference::parse(&ours.whole()).unwrap(), ours, "{s}");
    // With a mirror.
    ours.set_mirror_registry("mirror.example.com".to_owned());
    theirs.set_mirror_registry("mirror.example.com".to_owned());
    assert_eq!(ours.resolve_registry(), theirs.resolve_registry(), "{s}");
    assert_eq!(ours.namespace(), theirs.namespace(), "{s}");
    assert_eq!(ours.whole(), theirs.whole(), "{s}");
    // clone_with_digest takes a String, as oci-spec's.
    let d = format!("sha256:{}", "a".repeat(64));
    let (c, t) = (
        ours.clone_with_digest(d.clone()),
        theirs.clone_with_digest(d),
    );
    assert_eq!(
        (c.registry(), c.repository(), c.tag(), c.digest(), c.whole()),
        (t.registry(), t.repository(), t.tag(), t.digest(), t.whole()),
        "{s}"
    );
    assert_eq!(c.resolve_registry(), t.resolve_registry(), "{s}");
}

const F64: &str = "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

/// oci-spec's own test cases plus short names, ports, digests, tag and
/// digest, Docker Hub spellings.
fn cases() -> Vec<String> {
    let mut v: Vec<String> = [
        "busybox",
        "busybox:1.36",
        "library/busybox",
        "library/busybox:latest",
        "test.com:tag",
        "test.com:5000",
        "test.com/repo:tag",
        "test:5000/repo",
        "test:5000/repo:tag",
        "lowercase:Uppercase",
        "sub-dom1.foo.com/bar/baz/quux",
        "sub-dom1.foo.com/bar/baz/quux:some-long-tag",
        "b.gcr.io/test.example.com/my-app:test.example.com",
        "xn--n3h.com/myimage:xn--n3h.com",
        "foo_bar.com:8080",
        "foo/foo_bar.com:8080",
        "opensuse/leap:15.3",
        "index.docker.io/library/busybox",
        "index.docker.io/busybox:1",
        "docker.io/busybox:1",
        "docker.io/library/busybox",
        "docker.io/library/busybox:latest",
        "docker.io/foo/bar/baz:x",
        "localhost/a",
        "localhost:5000/a/b:c",
        "localhost:5000/a",
        "127.0.0.1:5000/repo:v1",
        "quay.io/example/image:latest",
        "quay.io/example/image",
        "ghcr.io/kubewarden/policies/pod-privileged:v1.0.10",
        "webassembly.azurecr.io/hello-wasm:v1",
        "webassembly.azurecr.io/hello-wasm",
        "registry.k8s.io/pause:3.9",
        "gcr.io/distroless/static-debian12:nonroot",
        "public.ecr.aws/docker/library/alpine:3.20",
        "a/b/c/d/e:f",
        "a__b/c--d/e.f:_t",
        "repo:TAG_with.dots-and_underscores",
        "x:0123456789",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    for name in [
        "test:5000/repo",
        "busybox",
        "docker.io/library/busybox",
        "quay.io/a/b",
        "localhost/x",
    ] {
        v.push(format!("{name}@sha256:{F64}"));
        v.push(format!("{name}:tag@sha256:{F64}"));
    }
    v.push(format!(
        "xn--7o8h.com/myimage:xn--7o8h.com@sha512:{}",
        "f".repeat(128)
    ));
    v.push(format!("reg.io/a@sha384:{}", "a".repeat(96)));
    v
}

#[test]
fn same_answers_as_oci_spec() {
    let cases = cases();
    assert!(cases.len() >= 40, "{}", cases.len());
    for s in &cases {
        compare(s);
    }
}

#[test]
fn equality_as_oci_spec() {
    // oci-spec compares the parts: a short name equals its full form.
    for (a, b) in [
        ("busybox", "docker.io/library/busybox:latest"),
        ("index.docker.io/library/busybox:1", "busybox:1"),
    ] {
        let (oa, ob) = (Reference::parse(a).unwrap(), Reference::parse(b).unwrap());
        let (ta, tb): (Theirs, Theirs) = (a.parse().unwrap(), b.parse().unwrap());
        assert_eq!(oa == ob, ta == tb, "{a} {b}");
        assert!(oa == ob);
    }
    let (a, b) = ("busybox", "busybox:1");
    assert_ne!(Reference::parse(a).unwrap(), Reference::parse(b).unwrap());
}

#[test]
fn constructors_as_oci_spec() {
    let d = format!("sha256:{F64}");
    let pairs = [
        (
            Reference::with_tag("docker.io".into(), "foo/bar".into(), "1.2".into()),
            Theirs::with_tag("docker.io".into(), "foo/bar".into(), "1.2".into()),
        ),
        (
            Reference::with_digest(String::new(), "busybox".into(), d.clone()),
            Theirs::with_digest(String::new(), "busybox".into(), d.clone()),
        ),
        (
            Reference::with_tag_and_digest(
                "docker.io".into(),
                "foo/bar".into(),
                "1.2".into(),
                d.clone(),
            ),
            Theirs::with_tag_and_digest(
                "docker.io".into(),
                "foo/bar".into(),
                "1.2".into(),
                d.clone(),
            ),
        ),
        // Unchecked, as oci-spec's: any text is kept.
        (
            Reference::with_tag("Not A Host".into(), "UPPER".into(), "sha256-x".into()),
            Theirs::with_tag("Not A Host".into(), "UPPER".into(), "sha256-x".into()),
        ),
    ];
    for (ours, theirs) in pairs {
        assert_eq!(
            (
                ours.registry(),
                ours.repository(),
                ours.tag(),
                ours.digest()
            ),
            (
                theirs.registry(),
                theirs.repository(),
                theirs.tag(),
                theirs.digest()
            )
        );
        assert_eq!(ours.whole(), theirs.whole());
        assert_eq!(ours.resolve_registry(), theirs.resolve_registry());
    }
}

#[test]
fn where_we_differ_on_purpose() {
    // Uppercase hex digests: both accept them (the reference grammar
    // allows A-F); only validate() reports them (image-spec: lowercase).
    let upper = format!("repo@sha256:{}", "F".repeat(64));
    let theirs: Theirs = upper.parse().unwrap();
    let ours = Reference::parse(&upper).unwrap();
    assert_eq!(ours.digest(), theirs.digest());
    assert_eq!(ours.whole(), theirs.whole());
    assert_eq!(
        ours.validate().violations()[0].rule_name(),
        "reference-digest"
    );
    // IPv6 registries: oci-spec rejects them.
    assert!("[::1]:5000/repo:tag".parse::<Theirs>().is_err());
    assert!(Reference::parse("[::1]:5000/repo:tag").is_ok());
    // An uppercase first component: oci-spec makes it part of the
    // repository (which the name grammar forbids); as in Docker it is a
    // registry host here.
    let theirs: Theirs = "Host/repo".parse().unwrap();
    assert_eq!(theirs.repository(), "Host/repo");
    let ours = Reference::parse("Host/repo").unwrap();
    assert_eq!((ours.registry(), ours.repository()), ("Host", "repo"));
    // The 255-character limit counts registry "/" repository, as
    // distribution-spec describes it; oci-spec counts the repository only.
    let long = "a".repeat(240);
    assert!(long.parse::<Theirs>().is_ok());
    assert!(Reference::parse(&long).is_err());
    // The same reference, "no tag" kept beside oci-spec's answer.
    let r = Reference::parse("busybox").unwrap();
    assert_eq!(r.tag(), Some("latest"));
    assert_eq!(r.written_tag(), None);
    assert_eq!(r.as_str(), "busybox");
    assert_eq!(r.normalized().as_str(), "docker.io/library/busybox");
}

fn simple_reference() -> impl Strategy<Value = String> {
    (
        prop::option::of(prop_oneof![
            Just("localhost".to_owned()),
            Just("reg.example.com".to_owned()),
            Just("reg.example.com:5000".to_owned()),
            Just("docker.io".to_owned()),
            Just("index.docker.io".to_owned()),
        ]),
        prop::collection::vec("[a-z0-9]{1,4}([._-][a-z0-9]{1,4})?", 1..4),
        prop::option::of("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,10}"),
        prop::option::of("[a-f0-9]{64}"),
    )
        .prop_filter("ambiguous first component", |(d, p, _, _)| {
            d.is_some() || !(p[0].contains('.') || p[0] == "localhost")
        })
        .prop_map(|(d, p, t, h)| {
            let mut s = d.map(|d| format!("{d}/")).unwrap_or_default();
            s.push_str(&p.join("/"));
            if let Some(t) = t {
                s.push(':');
                s.push_str(&t);
            }
            if let Some(h) = h {
                s.push_str("@sha256:");
                s.push_str(&h);
            }
            s
        })
}

proptest! {
    #[test]
    fn agrees_with_oci_spec_on_simple_references(s in simple_reference()) {
        compare(&s);
    }
}
