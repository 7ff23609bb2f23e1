//! The string values read from untrusted input on their own: `Digest`,
//! `Sha256Digest`, `Reference`, repository names and tags (which fail on bad
//! input), and the open sets `MediaType`, `Arch`, `Os` (which never fail).
//! Whatever parses must print as it was written and parse back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oci_model::distribution::{Reference, RepositoryName, Tag};
use oci_model::image::{Arch, Digest, MediaType, Os, Sha256Digest};

fuzz_target!(|bytes: &[u8]| {
    // A reference read from JSON (a string, or oci-spec's object, whose
    // other members are checked, not kept): serde_json reads it too.
    if oci_model::io::from_slice::<Reference>(bytes).is_ok() {
        assert!(
            serde_json::from_slice::<serde_json::Value>(bytes).is_ok(),
            "a reference that decodes is JSON"
        );
    }
    let Ok(s) = std::str::from_utf8(bytes) else {
        return;
    };

    match s.parse::<Digest>() {
        Ok(d) => {
            assert_eq!(d.to_string(), s, "a digest prints as written");
            assert_eq!(format!("{}:{}", d.algorithm(), d.encoded()), s);
            assert_eq!(d.to_string().parse::<Digest>().expect("reparses"), d);
            if let Some(short) = d.to_sha256() {
                assert_eq!(s.parse::<Sha256Digest>().expect("a sha256 digest"), short);
            }
        }
        Err(e) => std::hint::black_box(e.to_string()).clear(),
    }

    match s.parse::<Sha256Digest>() {
        Ok(d) => {
            assert_eq!(d.to_string().len(), 64);
            assert!(s.ends_with(&d.to_string()));
            assert_eq!(d.to_string().parse::<Sha256Digest>().expect("reparses"), d);
        }
        Err(e) => std::hint::black_box(e.to_string()).clear(),
    }

    match s.parse::<Reference>() {
        Ok(r) => {
            // `as_str()` is the text as written; `Display` is oci-spec's
            // full form (`docker.io/library/...:latest`), which parses back
            // to the same reference.
            assert_eq!(r.as_str(), s, "as_str() is the text as written");
            let again: Reference = r.to_string().parse().expect("reparses");
            assert_eq!(again, r);
            assert_eq!(again.registry(), r.registry());
            assert_eq!(again.repository(), r.repository());
            assert_eq!(again.tag(), r.tag());
            assert_eq!(again.digest(), r.digest());
            std::hint::black_box((r.effective_tag(), r.manifest_reference(), r.name(), r.path()));
            // The normalized and familiar forms are references too, and name
            // the same thing.
            let normalized = r.normalized();
            let n: Reference = normalized.as_str().parse().expect("normalized form parses");
            assert_eq!(n, normalized);
            let familiar = r.familiar();
            let f: Reference = familiar.as_str().parse().expect("familiar form parses");
            assert_eq!(f.normalized(), normalized, "familiar names the same repository");
            if let Some(name) = r.repository_name() {
                assert_eq!(name.as_str().parse::<RepositoryName>().expect("reparses"), name);
            }
        }
        Err(e) => std::hint::black_box(e.to_string()).clear(),
    }

    match s.parse::<RepositoryName>() {
        Ok(n) => assert_eq!(n.to_string(), s),
        Err(e) => std::hint::black_box(e.to_string()).clear(),
    }
    match s.parse::<Tag>() {
        Ok(t) => assert_eq!(t.to_string(), s),
        Err(e) => std::hint::black_box(e.to_string()).clear(),
    }

    let m: MediaType = s.parse().unwrap_or_else(|e| match e {});
    assert_eq!(m.to_string(), s);
    assert_eq!(MediaType::from(m.to_string()), m);
    std::hint::black_box((m.is_well_formed(), m.is_manifest(), m.compression()));
    let a: Arch = s.parse().unwrap_or_else(|e| match e {});
    assert_eq!(a.to_string(), s);
    assert_eq!(Arch::from(s), a);
    let o: Os = s.parse().unwrap_or_else(|e| match e {});
    assert_eq!(o.to_string(), s);
});
