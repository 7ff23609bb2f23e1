//! The hand-written compact writer of descriptors, manifests, indexes and
//! image configurations
//! (`to_vec`, `to_writer`, `to_string`) gives exactly serde_json's bytes on
//! every image fixture that decodes as one of those kinds.
#![cfg(feature = "image")]
#![allow(clippy::unwrap_used, reason = "test code: a failure is a test failure")]

use oci_model::image::{Descriptor, ImageConfiguration, ImageIndex, ImageManifest};

fn same_bytes<T: serde::Serialize>(file: &str, fast: Vec<u8>, value: &T) {
    let serde = serde_json::to_vec(value).unwrap();
    assert_eq!(
        String::from_utf8(fast).unwrap(),
        String::from_utf8(serde).unwrap(),
        "{file}"
    );
}

#[test]
fn compact_writer_matches_serde_json_on_every_fixture() {
    let kinds = std::fs::read_to_string("test-data/image/KINDS.tsv").unwrap();
    let mut checked = 0;
    let mut configs = 0;
    for line in kinds.lines().skip(1) {
        let (file, kind) = line.split_once('\t').unwrap();
        let path = format!("test-data/image/{file}");
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        match kind {
            "descriptor" => {
                if let Ok(d) = Descriptor::from_slice(&bytes) {
                    same_bytes(&path, d.to_vec().unwrap(), &d);
                    checked += 1;
                }
            }
            "manifest" => {
                if let Ok(m) = ImageManifest::from_slice(&bytes) {
                    same_bytes(&path, m.to_vec().unwrap(), &m);
                    let mut w = Vec::new();
                    m.to_writer(&mut w).unwrap();
                    same_bytes(&path, w, &m);
                    checked += 1;
                }
            }
            "index" => {
                if let Ok(i) = ImageIndex::from_slice(&bytes) {
                    same_bytes(&path, i.to_string().unwrap().into_bytes(), &i);
                    checked += 1;
                }
            }
            "config" => {
                if let Ok(c) = ImageConfiguration::from_slice(&bytes) {
                    same_bytes(&path, c.to_vec().unwrap(), &c);
                    checked += 1;
                    configs += 1;
                }
            }
            _ => {}
        }
    }
    assert!(checked >= 50, "only {checked} fixtures checked");
    assert!(configs >= 5, "only {configs} configurations checked");
}

#[test]
fn configuration_with_every_member_matches_serde_json() {
    let digest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    let full = format!(
        r#"{{"created":"2024-01-31T12:00:00Z","author":"Zoë \"q\"","architecture":"arm64","os":"linux","os.version":"6.1","os.features":["f\n"],"variant":"v8","config":{{"User":"app","ExposedPorts":{{"80/tcp":{{}}}},"Env":["A=1"],"Labels":{{"b":"2","a":"1"}},"Healthcheck":{{"Test":["CMD","true"]}}}},"rootfs":{{"type":"layers","diff_ids":["{digest}","{digest}"]}},"history":[{{}},{{"created":"2024-01-31T12:00:00Z","author":"a","created_by":"/bin/sh -c \t#(nop)","comment":"c","empty_layer":false}},{{"empty_layer":true}},{{"comment":"only"}}],"id":"i","parent":"p","comment":"\u0001","container":"c","container_config":{{"Cmd":["x"]}},"docker_version":"20.10","Size":-1}}"#
    );
    let c: ImageConfiguration = full.parse().unwrap();
    same_bytes("full", c.to_vec().unwrap(), &c);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&c.to_vec().unwrap()).unwrap(),
        serde_json::from_str::<serde_json::Value>(&full).unwrap()
    );
    // The smallest: nothing before `architecture`, no optional member.
    let min: ImageConfiguration =
        r#"{"architecture":"weird\\arch","os":"linux","rootfs":{"type":"lay\"ers","diff_ids":[]}}"#
            .parse()
            .unwrap();
    same_bytes("minimal", min.to_vec().unwrap(), &min);
    let mut w = Vec::new();
    min.to_writer(&mut w).unwrap();
    same_bytes("minimal to_writer", w, &min);
    // Only `author` before `architecture`.
    let author: ImageConfiguration =
        r#"{"author":"x","architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"history":[]}"#
            .parse()
            .unwrap();
    same_bytes("author", author.to_string().unwrap().into_bytes(), &author);
}
