//! image-spec documents: descriptor, manifest, index, image configuration,
//! `oci-layout`, and a platform object. Every kind is tried on each input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oci_model::Validate as _;
use oci_model::image::{
    Descriptor, ImageConfiguration, ImageIndex, ImageManifest, OciLayout, Platform,
};
use oci_model_fuzz::document;

fuzz_target!(|bytes: &[u8]| {
    document!(Descriptor, bytes);
    document!(ImageManifest, bytes);
    document!(ImageIndex, bytes);
    document!(ImageConfiguration, bytes);
    document!(OciLayout, bytes);
    // Platform has no string form; it is read as the JSON object of an
    // index entry.
    match oci_model::io::from_slice::<Platform>(bytes) {
        Ok(p) => {
            oci_model_fuzz::report(&p.validate());
            for pretty in [false, true] {
                let out = oci_model::io::to_vec(&p, pretty).expect("a platform serializes");
                if let Err(e) = oci_model_fuzz::json_equal::check_written_back(bytes, &out) {
                    panic!("whatever decodes comes back JSON-equal: {e}");
                }
                let back: Platform = oci_model::io::from_slice(&out).expect("output decodes");
                assert_eq!(back, p);
            }
        }
        Err(e) => oci_model_fuzz::error(&e),
    }
});
