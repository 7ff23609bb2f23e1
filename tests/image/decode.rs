//! Bad input to the image decoders (issue 2 item 8): each case asserts the
//! message, which names the file or the JSON path, what was wrong and what
//! was expected.
#![cfg(feature = "image")]

use oci_model::image::{Descriptor, ImageConfiguration, ImageManifest};
use oci_model::{DecodeErrorCategory, ModelError};

const MANIFEST: &str = r#"{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]}"#;

fn decode_error(bytes: &[u8]) -> oci_model::DecodeError {
    match ImageManifest::from_slice(bytes) {
        Err(ModelError::Decode(d)) => d,
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn the_base_document_decodes() {
    assert!(ImageManifest::from_slice(MANIFEST.as_bytes()).is_ok());
}

#[test]
fn missing_file_names_the_file() {
    let path = std::env::temp_dir().join("oci-model-no-such-dir/manifest.json");
    let e = oci_model::io::from_file::<_, ImageManifest>(&path).unwrap_err();
    assert!(matches!(e, ModelError::File { .. }), "{e:?}");
    let s = e.to_string();
    assert!(s.starts_with(&path.display().to_string()), "{s}");
    assert!(s.contains("No such file"), "{s}");
    // `from_file` returns oci-spec's error: `Io`, with the path in the
    // message of the io::Error it holds.
    let e = ImageManifest::from_file(&path).unwrap_err();
    let oci_model::OciSpecError::Io(io) = &e else {
        panic!("expected OciSpecError::Io, got {e:?}");
    };
    assert_eq!(e.to_string(), "io operation failed");
    assert!(
        io.to_string().starts_with(&path.display().to_string()),
        "{io}"
    );
}

#[test]
fn from_file_keeps_the_detail_in_the_source() {
    let dir = std::env::temp_dir().join(format!("oci-model-decode-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("manifest.json");
    std::fs::write(&path, br#"{"schemaVersion": 2, "config": []}"#).unwrap();
    let e = ImageManifest::from_file(&path).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(matches!(e, oci_model::OciSpecError::SerDe(_)), "{e:?}");
    assert_eq!(e.to_string(), "serde failed");
    let source = std::error::Error::source(&e).map(ToString::to_string);
    let want = format!(
        "{}: /config: invalid type: array, expected an object at line 1 column 33",
        path.display()
    );
    assert_eq!(source.as_deref(), Some(want.as_str()));
}

#[test]
fn truncated_json() {
    let e = decode_error(&MANIFEST.as_bytes()[..40]);
    assert_eq!(e.category(), DecodeErrorCategory::Eof);
    assert!(
        e.to_string()
            .starts_with("/config: unexpected end of input (eof while parsing"),
        "{e}"
    );
}

#[test]
fn broken_json() {
    let e = decode_error(br#"{"schemaVersion": 2, "config": }"#);
    assert_eq!(e.category(), DecodeErrorCategory::Syntax);
    assert_eq!(
        e.to_string(),
        "/config: expected value, found `}`: a JSON value is an object, an array, a string in \
         double quotes, a number, true, false or null at line 1 column 32"
    );
}

#[test]
fn trailing_garbage() {
    let doc = format!("{MANIFEST} x");
    let e = decode_error(doc.as_bytes());
    assert_eq!(e.category(), DecodeErrorCategory::TrailingInput);
    assert_eq!(
        e.to_string(),
        format!(
            "trailing characters after the document: `x` at line 1 column {}",
            MANIFEST.len() + 2
        )
    );
    // Whitespace after the document is fine.
    assert!(ImageManifest::from_slice(format!("{MANIFEST}\n\n").as_bytes()).is_ok());
}

#[test]
fn invalid_utf8() {
    let mut doc = MANIFEST.as_bytes().to_vec();
    let at = MANIFEST.find("application/vnd").unwrap();
    doc[at] = 0xff;
    let e = decode_error(&doc);
    let s = e.to_string();
    assert!(
        s.starts_with(&format!(
            "/config/mediaType: invalid UTF-8 at byte offset {at} (byte ff, after `\"`): \
             JSON documents must be UTF-8 (RFC 8259 §8.1)"
        )),
        "{s}"
    );
}

#[test]
fn non_ascii_text_decodes_the_same_from_every_input() {
    // from_slice checks UTF-8 once for the whole input, then takes the
    // string reader; the text must come out the same as from a &str.
    let doc = MANIFEST.replace(
        r#""layers":[]"#,
        r#""layers":[],"annotations":{"org.opencontainers.image.authors":"Zoë Ünal \u00e9 日本"}"#,
    );
    let from_str: ImageManifest = doc.parse().unwrap();
    let from_slice = ImageManifest::from_slice(doc.as_bytes()).unwrap();
    let from_reader = ImageManifest::from_reader(doc.as_bytes()).unwrap();
    assert_eq!(from_str, from_slice);
    assert_eq!(from_str, from_reader);
    let authors = &from_str.annotations().as_ref().unwrap()["org.opencontainers.image.authors"];
    assert_eq!(authors, "Zoë Ünal é 日本");
}

#[test]
fn invalid_utf8_is_reported_where_it_is() {
    // Broken UTF-8 in a key and in a truncated multi-byte sequence.
    let mut doc = MANIFEST.as_bytes().to_vec();
    let at = MANIFEST.find("layers").unwrap();
    doc[at] = 0xc3;
    let s = decode_error(&doc).to_string();
    assert!(s.contains("line 1 column"), "{s}");
    let mut doc = MANIFEST.as_bytes().to_vec();
    doc.push(0xe6);
    assert!(ImageManifest::from_slice(&doc).is_err());
}

#[test]
fn wrong_json_type() {
    let e = decode_error(br#""manifest""#);
    assert_eq!(
        e.to_string(),
        "invalid type: string \"manifest\", expected an object at line 1 column 10"
    );
    let e = decode_error(
        MANIFEST
            .replace(r#""layers":[]"#, r#""layers":{}"#)
            .as_bytes(),
    );
    assert!(
        e.to_string()
            .starts_with("/layers: invalid type: object, expected an array"),
        "{e}"
    );
}

#[test]
fn negative_and_oversized_sizes() {
    let neg = MANIFEST.replace(r#""size":2"#, r#""size":-2"#);
    assert!(
        decode_error(neg.as_bytes())
            .to_string()
            .starts_with("/config/size: invalid size -2: expected a size that is not negative"),
    );
    let big = MANIFEST.replace(r#""size":2"#, r#""size":9223372036854775808"#);
    assert!(
        decode_error(big.as_bytes()).to_string().starts_with(
            "/config/size: invalid size 9223372036854775808: expected at most 9223372036854775807 (2^63-1)"
        ),
    );
    let huge = MANIFEST.replace(r#""size":2"#, r#""size":1e400"#);
    assert!(
        decode_error(huge.as_bytes())
            .to_string()
            .starts_with("/config/size: ")
    );
}

#[test]
fn deeply_nested_document_is_an_error_not_a_stack_overflow() {
    // Decoding runs on a thread with a 4 MiB stack: 100,000 levels of
    // unbounded recursion would overflow it.
    let handle = std::thread::Builder::new()
        .stack_size(4 * 1024 * 1024)
        .spawn(|| {
            let depth = 100_000;
            let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            // An unknown member is kept, so serde_json's limit applies there too.
            let doc = MANIFEST.replacen('{', &format!(r#"{{"x":{deep},"#), 1);
            let e = ImageManifest::from_slice(doc.as_bytes())
                .unwrap_err()
                .to_string();
            assert!(e.contains("recursion limit exceeded"), "{e}");
            assert!(e.starts_with("/x/0/0/"), "{e}");
            // Where a value is expected, it is an error naming the path.
            let doc = MANIFEST.replace(r#""layers":[]"#, &format!(r#""layers":{deep}"#));
            let e = ImageManifest::from_slice(doc.as_bytes())
                .unwrap_err()
                .to_string();
            // (A descriptor is an object: the first nested array is refused.)
            assert!(
                e.starts_with("/layers/0: invalid type: array, expected an object"),
                "{e}"
            );
            // serde_json's recursion limit stops nesting through typed values.
            let doc = format!(r#"{{"config":{}"#, "{\"config\":".repeat(depth));
            let e = ImageManifest::from_slice(doc.as_bytes())
                .unwrap_err()
                .to_string();
            assert!(!e.is_empty());
            let e = oci_model::io::from_slice::<serde_json::Value>(deep.as_bytes())
                .unwrap_err()
                .to_string();
            assert!(e.contains("recursion limit exceeded"), "{e}");
        })
        .unwrap();
    handle.join().unwrap();
}

#[test]
fn empty_input() {
    for input in [&b""[..], b"  \n"] {
        let e = decode_error(input);
        assert_eq!(e.category(), DecodeErrorCategory::Eof);
        assert!(
            e.to_string()
                .starts_with("empty document: expected a JSON value"),
            "{e}"
        );
    }
    let path = std::env::temp_dir().join(format!("oci-model-empty-{}.json", std::process::id()));
    std::fs::write(&path, b"").unwrap();
    let e = oci_model::io::from_file::<_, ImageConfiguration>(&path).unwrap_err();
    std::fs::remove_file(&path).unwrap();
    // The error names the file it read.
    assert_eq!(
        e.to_string(),
        format!(
            "{}: empty document: expected a JSON value at line 1 column 0",
            path.display()
        )
    );
}

#[test]
fn missing_required_field_names_it() {
    let e = Descriptor::from_slice(br#"{"mediaType":"a/b","size":1}"#).unwrap_err();
    assert_eq!(e.to_string(), "missing field `digest` at line 1 column 28");
    let e =
        ImageConfiguration::from_slice(br#"{"architecture":"amd64","os":"linux"}"#).unwrap_err();
    assert!(e.to_string().starts_with("missing field `rootfs`"), "{e}");
}

#[test]
fn bad_digest_names_path_value_and_expectation() {
    let doc = MANIFEST.replace("sha256:4413", "sha256:X413");
    assert_eq!(
        decode_error(doc.as_bytes()).to_string(),
        "/config/digest: invalid digest \"sha256:X4136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\": expected 64 lowercase hex characters after \"sha256:\" at line 1 column 166"
    );
}

#[test]
fn duplicate_annotation_keys_are_an_error() {
    let doc = MANIFEST.replace(
        r#""layers":[]"#,
        r#""layers":[],"annotations":{"a":"1","b":"2","a":"3"}"#,
    );
    let e = decode_error(doc.as_bytes()).to_string();
    assert!(
        e.starts_with("/annotations: repeated name \"a\" in annotations: expected each name once"),
        "{e}"
    );
    let labels = br#"{"architecture":"amd64","os":"linux","config":{"Labels":{"x":"1","x":"1"}},"rootfs":{"type":"layers","diff_ids":[]}}"#;
    let e = ImageConfiguration::from_slice(labels)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("/config/Labels: repeated name \"x\" in Labels: "),
        "{e}"
    );
    // null is neither absent nor an empty map (annotations.md).
    let doc = MANIFEST.replace(r#""layers":[]"#, r#""layers":[],"annotations":null"#);
    let e = ImageManifest::from_slice(doc.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(e.contains("must be absent or a map, not null"), "{e}");
}

/// annotations.md: "If there are no annotations then this property MUST
/// either be absent or be an empty map" — `null` is neither. config.md lets
/// OPTIONAL config fields be null, so `Labels: null` still reads as absent.
#[test]
fn null_annotations_are_refused_but_null_labels_are_absent() {
    use oci_model::image::{Descriptor, ImageConfiguration, ImageIndex, ImageManifest};
    let digest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    let desc = format!(
        r#"{{"mediaType":"application/vnd.oci.empty.v1+json","digest":"{digest}","size":2,"annotations":null}}"#
    );
    let e = desc.parse::<Descriptor>().unwrap_err().to_string();
    assert!(
        e.starts_with("/annotations: annotations must be absent or a map, not null"),
        "{e}"
    );
    let manifest = format!(
        r#"{{"schemaVersion":2,"config":{{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{digest}","size":2}},"layers":[],"annotations":null}}"#
    );
    assert!(manifest.parse::<ImageManifest>().is_err());
    assert!(
        r#"{"schemaVersion":2,"manifests":[],"annotations":null}"#
            .parse::<ImageIndex>()
            .is_err()
    );
    let config: ImageConfiguration = r#"{"architecture":"amd64","os":"linux","config":{"Labels":null},"rootfs":{"type":"layers","diff_ids":[]}}"#
        .parse()
        .unwrap();
    assert!(config.config().as_ref().unwrap().labels().is_none());
}

#[test]
fn an_array_where_an_object_belongs_is_an_error() {
    // serde alone would read this descriptor's fields by position.
    let positional = MANIFEST.replace(
        r#""config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2}"#,
        r#""config":["application/vnd.oci.image.config.v1+json","sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",2]"#,
    );
    assert_ne!(positional, MANIFEST);
    let e = decode_error(positional.as_bytes()).to_string();
    assert!(
        e.starts_with("/config: invalid type: array, expected an object"),
        "{e}"
    );
    // The whole document, and an all-optional struct (`config` of an image
    // configuration) given as `[]`.
    let e = decode_error(b"[2]").to_string();
    assert!(e.contains("expected an object"), "{e}");
    let j = r#"{"architecture":"amd64","os":"linux","config":[],"rootfs":{"type":"layers","diff_ids":[]}}"#;
    let e = j.parse::<ImageConfiguration>().unwrap_err().to_string();
    assert!(
        e.starts_with("/config: invalid type: array, expected an object"),
        "{e}"
    );
    // Arrays where the spec has arrays still decode.
    assert!(ImageManifest::from_slice(MANIFEST.as_bytes()).is_ok());
}
