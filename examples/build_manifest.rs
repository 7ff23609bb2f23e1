//! Builds an image manifest for a configuration and one layer, then prints
//! the manifest and its digest.
//!
//! ```text
//! cargo run --example build_manifest
//! ```
//!
//! The output is the same on every run: map keys are written sorted, so the
//! bytes (and the digest) of a document depend only on its content, not on
//! the order of a `HashMap`.

use std::collections::HashMap;

use oci_model::image::{
    ANNOTATION_CREATED, ANNOTATION_TITLE, Descriptor, Digest, ImageManifestBuilder, MediaType,
};

fn main() -> Result<(), oci_model::ModelError> {
    // The blobs the manifest points to. A real tool would write them to a
    // registry or an image layout; here they are only hashed.
    let config = br#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"]}}"#;
    let layer = b"not really a tar archive";

    let manifest = ImageManifestBuilder::default()
        .media_type(MediaType::ImageManifest)
        .config(Descriptor::from_bytes(MediaType::ImageConfig, config))
        .layers(vec![Descriptor::from_bytes(
            MediaType::ImageLayerGzip,
            layer,
        )])
        .annotations(HashMap::from([
            (ANNOTATION_TITLE.to_owned(), "example".to_owned()),
            (
                ANNOTATION_CREATED.to_owned(),
                "2025-01-01T00:00:00Z".to_owned(),
            ),
        ]))
        .build()?;

    // The digest of a manifest is the digest of the exact bytes pushed.
    let bytes = manifest.to_vec_pretty()?;
    println!("{}", String::from_utf8_lossy(&bytes));
    println!("{}", Digest::sha256_of(&bytes));
    Ok(())
}
