//! Differential tests against the `oci-spec` crate 0.10: where both accept
//! a reference, the registry, repository and digest agree; the tag agrees
//! once `oci-spec`'s implicit `latest` is taken into account. The cases
//! where `oci-spec` is wrong (known defects 8 and 17) differ on purpose.
#![cfg(feature = "distribution")]
#![allow(clippy::unwrap_used, reason = "tests")]

use oci_model::distribution::Reference;
use oci_spec::distribution::Reference as Theirs;
use proptest::prelude::*;

fn compare(s: &str) {
    let ours = Reference::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
    let theirs: Theirs = s.parse().unwrap_or_else(|e| panic!("oci-spec {s}: {e}"));
    assert_eq!(ours.registry(), theirs.registry(), "{s}");
    assert_eq!(ours.repository(), theirs.repository(), "{s}");
    assert_eq!(
        ours.digest().map(oci_model::image::Digest::as_str),
        theirs.digest(),
        "{s}"
    );
    match (ours.tag(), ours.digest()) {
        // oci-spec invents "latest" when neither tag nor digest is written.
        (None, None) => assert_eq!(theirs.tag(), Some("latest"), "{s}"),
        (tag, _) => assert_eq!(tag, theirs.tag(), "{s}"),
    }
    assert_eq!(ours.resolve_registry(), theirs.resolve_registry(), "{s}");
}

#[test]
fn same_parts_as_oci_spec() {
    for s in [
        "busybox",
        "test.com:tag",
        "test.com:5000",
        "test.com/repo:tag",
        "test:5000/repo",
        "test:5000/repo:tag",
        "test:5000/repo@sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "test:5000/repo:tag@sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "lowercase:Uppercase",
        "sub-dom1.foo.com/bar/baz/quux",
        "sub-dom1.foo.com/bar/baz/quux:some-long-tag",
        "b.gcr.io/test.example.com/my-app:test.example.com",
        "xn--n3h.com/myimage:xn--n3h.com",
        "foo_bar.com:8080",
        "foo/foo_bar.com:8080",
        "opensuse/leap:15.3",
        "index.docker.io/library/busybox",
        "docker.io/busybox:1",
        "localhost/a",
    ] {
        compare(s);
    }
}

#[test]
fn where_we_differ_on_purpose() {
    // Uppercase hex digests: oci-spec accepts them, the digest grammar does not.
    let upper = format!("repo@sha256:{}", "F".repeat(64));
    assert!(upper.parse::<Theirs>().is_ok());
    assert!(Reference::parse(&upper).is_err());
    // IPv6 registries: oci-spec rejects them.
    assert!("[::1]:5000/repo:tag".parse::<Theirs>().is_err());
    assert!(Reference::parse("[::1]:5000/repo:tag").is_ok());
    // No tag stays no tag, and the text is kept as written.
    let r = Reference::parse("busybox").unwrap();
    assert_eq!(r.tag(), None);
    assert_eq!(r.whole(), "busybox");
    let theirs: Theirs = "busybox".parse().unwrap();
    assert_eq!(theirs.whole(), "docker.io/library/busybox:latest");
    assert_eq!(r.normalized().whole(), "docker.io/library/busybox");
    // Serialization: a string, not a struct.
    assert_eq!(serde_json::to_string(&r).unwrap(), "\"busybox\"");
    assert!(serde_json::to_string(&theirs).unwrap().starts_with('{'));
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
