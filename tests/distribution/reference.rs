//! Image references: the grammar cases the `oci-spec` crate got wrong
//! (known defects 8 and 17), Docker Hub normalization, serde, and property
//! tests.
#![cfg(feature = "distribution")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers panic on bad data"
)]

use oci_model::distribution::Reference;
use oci_model::{ParseErrorKind, Validate};
use proptest::prelude::*;

const SHA: &str = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

fn parse(s: &str) -> Reference {
    Reference::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// oci-spec's whole form: the normalized name, then the tag (`latest` when
/// neither tag nor digest is written), then the digest.
trait NormalizedText {
    fn normalized_text(&self) -> String;
}

impl NormalizedText for Reference {
    fn normalized_text(&self) -> String {
        let mut s = format!("{}/{}", self.registry(), self.repository());
        if let Some(t) = self.tag() {
            s.push(':');
            s.push_str(t);
        }
        if let Some(d) = self.digest() {
            s.push('@');
            s.push_str(d);
        }
        s
    }
}

fn expected_of(s: &str) -> String {
    let e = Reference::parse(s).expect_err(s);
    assert_eq!(e.kind(), ParseErrorKind::Reference);
    e.to_string()
}

#[test]
fn ipv6_registry_with_port() {
    let r = parse("[::1]:5000/repo:tag");
    assert_eq!(r.registry(), "[::1]:5000");
    assert_eq!(r.domain(), Some("[::1]:5000"));
    assert_eq!(r.repository(), "repo");
    assert_eq!(r.tag(), Some("tag"));
    assert_eq!(r.to_string(), "[::1]:5000/repo:tag");
    let r = parse("[2001:db8::1]/a/b");
    assert_eq!(r.registry(), "[2001:db8::1]");
    assert_eq!(r.written_tag(), None);
    assert_eq!(r.tag(), Some("latest"));
}

#[test]
fn registry_with_port_and_no_tag() {
    let r = parse("test:5000/repo");
    assert_eq!(r.registry(), "test:5000");
    assert_eq!(r.repository(), "repo");
    assert_eq!(r.written_tag(), None, "no tag stays no tag");
    assert_eq!(r.tag(), Some("latest"), "oci-spec's answer");
    assert_eq!(r.effective_tag(), "latest");
    assert_eq!(r.manifest_reference(), "latest");
    assert_eq!(r.whole(), "test:5000/repo:latest");
    assert_eq!(r.as_str(), "test:5000/repo");
    // Equal as in oci-spec (the same parts); the text tells them apart.
    assert_eq!(r, parse("test:5000/repo:latest"));
    assert_ne!(r.as_str(), parse("test:5000/repo:latest").as_str());
}

#[test]
fn digest_only() {
    let r = parse(&format!("localhost/repo@{SHA}"));
    assert_eq!(r.registry(), "localhost");
    assert_eq!(r.tag(), None);
    assert_eq!(r.digest(), Some(SHA));
    assert_eq!(r.typed_digest().unwrap().as_str(), SHA);
    assert_eq!(r.manifest_reference(), SHA);
}

#[test]
fn tag_and_digest() {
    let r = parse(&format!("reg.example.com/a/b:v1@{SHA}"));
    assert_eq!(r.tag(), Some("v1"));
    assert_eq!(r.typed_digest().unwrap().algorithm().as_str(), "sha256");
    assert_eq!(r.manifest_reference(), SHA);
}

#[test]
fn uppercase_repository_rejected() {
    for s in [
        "Busybox",
        "docker.io/Library/busybox",
        "localhost:5000/MyRepo:tag",
        "reg.io/a/B",
    ] {
        let msg = expected_of(s);
        assert!(msg.contains("lowercase letters only"), "{s}: {msg}");
    }
    // As in Docker, an uppercase first component is a registry host.
    assert_eq!(parse("Host/repo").registry(), "Host");
}

#[test]
fn uppercase_hex_digest_accepted_and_reported() {
    // The reference grammar's digest-hex is [0-9a-fA-F]{32,} (oci-spec
    // accepts it); image-spec: "`[A-F]` MUST NOT be used" in sha256.
    let upper = SHA.to_uppercase().replace("SHA256", "sha256");
    let r = parse(&format!("repo@{upper}"));
    assert_eq!(r.digest(), Some(upper.as_str()));
    assert!(r.typed_digest().is_none());
    let report = r.validate();
    assert_eq!(report.violations().len(), 1, "{report}");
    assert_eq!(report.violations()[0].rule_name(), "reference-digest");
    assert!(!report.is_valid());
    // Of the wrong length, it is refused.
    let msg = expected_of(&format!("repo@sha256:{}", "A".repeat(63)));
    assert!(msg.contains("a digest after \"@\""), "{msg}");
    assert!(msg.contains("64 lowercase hex characters"), "{msg}");
    assert!(Reference::parse("repo@sha256:abc").is_err());
}

#[test]
fn name_length_limit() {
    // "example.com/" is 12 characters.
    let ok = format!("example.com/{}", "a".repeat(243));
    assert_eq!(ok.len(), 255);
    parse(&ok);
    parse(&format!("{ok}:tag@{SHA}"));
    let long = format!("example.com/{}", "a".repeat(244));
    let msg = expected_of(&long);
    assert!(msg.contains("at most 255 characters, got 256"), "{msg}");
    // The limit counts the Docker Hub normalized name ("docker.io/library/" + 237 = 255).
    parse(&"a".repeat(237));
    assert!(Reference::parse(&"a".repeat(238)).is_err());
}

#[test]
fn tag_grammar() {
    // First character: letter, digit or underscore.
    for first in ["a", "Z", "0", "_"] {
        assert_eq!(
            parse(&format!("repo:{first}x")).tag().unwrap(),
            format!("{first}x")
        );
    }
    for first in [".", "-"] {
        let msg = expected_of(&format!("repo:{first}x"));
        assert!(msg.contains("a tag with a first character"), "{msg}");
    }
    // Following characters: letters, digits, "_", "." and "-".
    parse("repo:a_b.c-D9");
    for bad in ["a+b", "a b", "a~b", "ä"] {
        assert!(Reference::parse(&format!("repo:{bad}")).is_err(), "{bad}");
    }
    // Empty tag.
    assert!(expected_of("repo:").contains("a tag with at least one character"));
    // Length: 128 ok, 129 rejected.
    parse(&format!("repo:{}", "t".repeat(128)));
    let msg = expected_of(&format!("repo:{}", "t".repeat(129)));
    assert!(msg.contains("at most 128 characters"), "{msg}");
}

#[test]
fn domain_grammar() {
    for ok in [
        "localhost/a",
        "localhost:5000/a",
        "127.0.0.1:5000/a",
        "sub-dom1.foo.com/bar/baz/quux",
        "xn--n3h.com/myimage:xn--n3h.com",
    ] {
        parse(ok);
    }
    for bad in [
        "-bad.com/a",
        "bad-.com/a",
        "a..b/c",
        "reg.io:/a",
        "reg.io:x/a",
        "[::1/a",
        "[zz]:1/a",
        // A first component with "." is a domain, so "_" is not allowed.
        "a_b.com/x",
    ] {
        assert!(Reference::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn other_rejections() {
    for bad in [
        "",
        ":justtag",
        &format!("@{SHA}"),
        "a//b",
        "a/",
        "a___b",
        "repo@",
        "repo@sha256",
        "a:b:c",
        "a b",
    ] {
        assert!(Reference::parse(bad).is_err(), "{bad:?} parsed");
    }
}

#[test]
fn docker_hub_normalization() {
    for (short, full) in [
        ("busybox", "docker.io/library/busybox"),
        ("busybox:1.36", "docker.io/library/busybox:1.36"),
        ("team/app", "docker.io/team/app"),
        (
            "index.docker.io/library/busybox",
            "docker.io/library/busybox",
        ),
        ("docker.io/busybox", "docker.io/library/busybox"),
    ] {
        let r = parse(short);
        assert_eq!(r.registry(), "docker.io", "{short}");
        assert_eq!(r.normalized().as_str(), full, "{short}");
        assert_eq!(parse(full).familiar().normalized().as_str(), full);
    }
    assert_eq!(parse("busybox").repository(), "library/busybox");
    assert_eq!(parse("busybox").path(), "busybox");
    assert_eq!(parse("busybox").domain(), None);
    // Full to short.
    assert_eq!(
        parse("docker.io/library/busybox:1").familiar().as_str(),
        "busybox:1"
    );
    assert_eq!(parse("docker.io/team/app").familiar().as_str(), "team/app");
    assert_eq!(
        parse("index.docker.io/library/a/b").familiar().as_str(),
        "library/a/b"
    );
    assert_eq!(
        parse(&format!("docker.io/library/busybox@{SHA}"))
            .familiar()
            .as_str(),
        format!("busybox@{SHA}")
    );
    // A path whose first component reads as a domain keeps the registry.
    assert_eq!(
        parse("docker.io/foo.bar/baz").familiar().as_str(),
        "docker.io/foo.bar/baz"
    );
    // Other registries are untouched.
    assert_eq!(parse("quay.io/a").normalized().as_str(), "quay.io/a");
    assert_eq!(parse("quay.io/a").familiar().as_str(), "quay.io/a");
    // Connecting to Docker Hub uses the legacy host.
    assert_eq!(parse("busybox").resolve_registry(), "index.docker.io");
}

#[test]
fn serde_round_trip_and_validation() {
    #[derive(Debug, serde::Serialize, serde::Deserialize)]
    struct Doc {
        image: Reference,
    }
    // A string is parsed and checked; the reference writes oci-spec's
    // object, which reads back equal.
    let json = format!(r#"{{"image":"[::1]:5000/a/b:v1@{SHA}"}}"#);
    let doc: Doc = serde_json::from_str(&json).unwrap();
    let written = serde_json::to_string(&doc).unwrap();
    assert_eq!(
        written,
        format!(
            r#"{{"image":{{"registry":"[::1]:5000","repository":"a/b","tag":"v1","digest":"{SHA}"}}}}"#
        )
    );
    let back: Doc = serde_json::from_str(&written).unwrap();
    assert_eq!(back.image, doc.image);
    assert_eq!(
        serde_json::to_string(&parse("busybox")).unwrap(),
        r#"{"registry":"docker.io","repository":"library/busybox","tag":"latest"}"#
    );
    let mut m = parse("busybox");
    m.set_mirror_registry("m.io".into());
    let j = serde_json::to_string(&m).unwrap();
    assert!(j.contains(r#""mirror_registry":"m.io""#), "{j}");
    assert_eq!(serde_json::from_str::<Reference>(&j).unwrap(), m);
    assert!(serde_json::from_str::<Reference>(r#"{"registry":"x"}"#).is_err());
    let err = serde_json::from_str::<Doc>(r#"{"image":"Bad/Repo"}"#).unwrap_err();
    assert!(
        err.to_string().contains("invalid reference \"Bad/Repo\""),
        "{err}"
    );
    assert!(serde_json::from_str::<Reference>("42").is_err());
}

/// Members of oci-spec's object other than its five are not kept, but
/// checked as JSON (issue 26): a lone surrogate, invalid UTF-8, `1e400` or
/// nesting past the limit there is an error, as anywhere else.
#[test]
fn other_members_of_the_object_are_checked() {
    let with = |x: &str| format!(r#"{{"registry":"docker.io","repository":"a","x":{x}}}"#);
    let r: Reference = oci_model::io::from_str(&with(r#"{"y":["\u00e9",1.5]}"#)).unwrap();
    assert_eq!(r.repository(), "a");
    let deep = format!("{}{}", "[".repeat(127), "]".repeat(127));
    for bad in [r#""\ud800""#, "1e400", deep.as_str()] {
        let text = with(bad);
        assert!(
            oci_model::io::from_str::<Reference>(&text).is_err(),
            "{text}"
        );
        assert!(
            serde_json::from_str::<serde_json::Value>(&text).is_err(),
            "{text}"
        );
    }
    let mut bytes = with(r#""@""#).into_bytes();
    for b in &mut bytes {
        if *b == b'@' {
            *b = 0xFF;
        }
    }
    assert!(oci_model::io::from_slice::<Reference>(&bytes).is_err());
}

#[test]
fn error_message_names_the_rule() {
    assert_eq!(
        expected_of("reg.io/a__-b"),
        "invalid reference \"reg.io/a__-b\": expected a repository path with one separator between alphanumerics: \".\", \"_\", \"__\" or a run of \"-\""
    );
}

#[test]
fn send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Reference>();
    check::<oci_model::distribution::TagList>();
    check::<oci_model::distribution::ErrorResponse>();
}

// ---- Property tests --------------------------------------------------------

fn path_component() -> impl Strategy<Value = String> {
    (
        "[a-z0-9]{1,5}",
        prop::collection::vec(
            (
                prop_oneof![
                    Just(".".to_owned()),
                    Just("_".to_owned()),
                    Just("__".to_owned()),
                    "-{1,3}"
                ],
                "[a-z0-9]{1,5}",
            ),
            0..3,
        ),
    )
        .prop_map(|(head, rest)| {
            let mut s = head;
            for (sep, part) in rest {
                s.push_str(&sep);
                s.push_str(&part);
            }
            s
        })
}

fn domain() -> impl Strategy<Value = String> {
    let host = prop_oneof![
        Just("localhost".to_owned()),
        prop::collection::vec("[a-zA-Z0-9]([a-zA-Z0-9-]{0,4}[a-zA-Z0-9])?", 2..4)
            .prop_map(|c| c.join(".")),
        "\\[[0-9a-f:]{1,10}\\]",
    ];
    (host, prop::option::of(1u16..)).prop_map(|(h, p)| match p {
        Some(p) => format!("{h}:{p}"),
        None => h,
    })
}

fn reference() -> impl Strategy<Value = String> {
    (
        prop::option::of(domain()),
        prop::collection::vec(path_component(), 1..4),
        prop::option::of("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,20}"),
        prop::option::of("[a-f0-9]{64}"),
    )
        // Without a domain, a first component with "." would read as one.
        .prop_filter("ambiguous first component", |(d, path, _, _)| {
            d.is_some() || !path[0].contains('.')
        })
        .prop_map(|(d, path, tag, hex)| {
            let mut s = String::new();
            if let Some(d) = d {
                s.push_str(&d);
                s.push('/');
            }
            s.push_str(&path.join("/"));
            if let Some(t) = tag {
                s.push(':');
                s.push_str(&t);
            }
            if let Some(h) = hex {
                s.push_str("@sha256:");
                s.push_str(&h);
            }
            s
        })
}

proptest! {
    #[test]
    fn valid_references_print_back_identically(s in reference()) {
        let r = Reference::parse(&s).map_err(|e| TestCaseError::fail(format!("{s}: {e}")))?;
        prop_assert_eq!(r.as_str(), s.as_str());
        prop_assert_eq!(r.whole(), r.normalized_text());
        let json = serde_json::to_string(&r).unwrap();
        let back: Reference = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &r);
        // Normalization is idempotent and familiar() goes back to the same
        // normalized reference.
        let n = r.normalized();
        prop_assert_eq!(n.normalized(), n.clone());
        prop_assert_eq!(r.familiar().normalized(), n.clone());
        prop_assert_eq!(Reference::parse(n.as_str()).unwrap(), n);
    }

    #[test]
    fn arbitrary_strings_never_panic(s in ".{0,80}") {
        if let Ok(r) = Reference::parse(&s) {
            prop_assert_eq!(r.as_str(), s.as_str());
            let _ = (r.registry(), r.repository(), r.tag(), r.digest(), r.familiar());
        }
    }

    #[test]
    fn reference_like_strings_never_panic(s in "[a-zA-Z0-9:/@._\\-\\[\\]]{0,40}") {
        if let Ok(r) = Reference::parse(&s) {
            prop_assert_eq!(r.as_str(), s);
            prop_assert_eq!(Reference::parse(&r.whole()).unwrap(), r);
        }
    }
}
