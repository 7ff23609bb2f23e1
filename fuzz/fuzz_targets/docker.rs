//! Docker's documents: each input as a Docker v2 schema 2 manifest,
//! manifest list, Docker image configuration and schema 1 manifest (the
//! `document!` checks), then through the registry entry point
//! (`RegistryManifest::from_registry`, with no Content-Type and with the
//! one the first byte picks) and, for whatever decodes, the conversions:
//! OCI <-> Docker manifests and lists (the input standing for the
//! configuration blob too), schema 1 -> OCI, the schema 1 payload digest.
//! A conversion that succeeds must give documents that decode again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oci_model::Validate as _;
use oci_model::docker::{
    DockerImageConfig, DockerManifest, DockerManifestList, LayerFacts, RegistryManifest,
    Schema1Manifest, index_to_docker, list_to_oci, manifest_to_docker, manifest_to_oci,
    schema1_to_oci,
};
use oci_model::image::{Digest, ImageConfiguration, ImageManifest};
use oci_model_fuzz::document;

const TYPES: &[&str] = &[
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.docker.distribution.manifest.v1+prettyjws",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.oci.image.index.v1+json",
    "application/json; charset=utf-8",
    "text/plain",
];

fuzz_target!(|bytes: &[u8]| {
    document!(DockerManifest, bytes);
    document!(DockerManifestList, bytes);
    document!(DockerImageConfig, bytes);
    document!(Schema1Manifest, bytes);
    let picked = bytes.first().map(|b| TYPES[usize::from(*b) % TYPES.len()]);
    for ct in [None, picked] {
        let Ok(m) = RegistryManifest::from_registry(ct, bytes.to_vec()) else {
            continue;
        };
        assert_eq!(m.bytes(), bytes, "the bytes are kept");
        let _ = m.digest();
        std::hint::black_box(m.kind().to_string());
        match &m {
            RegistryManifest::OciManifest(s) => {
                if let Ok(c) = manifest_to_docker(s.value()) {
                    let back = DockerManifest::from_slice(&c.value().to_vec().unwrap())
                        .expect("a converted manifest decodes");
                    std::hint::black_box(back.validate());
                }
            }
            RegistryManifest::OciIndex(s) => {
                if let Ok(c) = index_to_docker(s.value()) {
                    DockerManifestList::from_slice(&c.value().to_vec().unwrap())
                        .expect("a converted list decodes");
                }
            }
            RegistryManifest::DockerManifest(s) => {
                if let Ok(c) = manifest_to_oci(s.value(), bytes) {
                    ImageConfiguration::from_slice(c.value().config())
                        .expect("a converted configuration decodes");
                    ImageManifest::from_slice(&c.value().manifest().to_vec().unwrap())
                        .expect("a converted manifest decodes");
                }
            }
            RegistryManifest::DockerManifestList(s) => {
                if let Ok(c) = list_to_oci(s.value()) {
                    std::hint::black_box(c.value().validate());
                }
            }
            RegistryManifest::Schema1(s) => {
                let _ = s.value().payload(s.bytes());
                let facts = |d: &Digest| {
                    Ok(LayerFacts {
                        size: d.as_str().len() as u64,
                        diff_id: Digest::sha256_of(d.as_str().as_bytes()),
                    })
                };
                if let Ok(c) = schema1_to_oci(s.value(), facts) {
                    ImageConfiguration::from_slice(c.value().config())
                        .expect("a converted configuration decodes");
                }
            }
            _ => {}
        }
    }
});
