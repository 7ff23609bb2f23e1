//! runtime-spec documents: `config.json`, `state.json`, the container
//! process state and `features.json`, plus the null-member scan. Every kind
//! is tried on each input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oci_model::runtime::{ContainerProcessState, Features, Spec, State};
use oci_model_fuzz::document;

fuzz_target!(|bytes: &[u8]| {
    document!(Spec, bytes);
    document!(State, bytes);
    document!(ContainerProcessState, bytes);
    document!(Features, bytes);
    match oci_model::validate::null_members(bytes) {
        Ok(found) => {
            for v in &found {
                std::hint::black_box(v.to_string());
            }
        }
        Err(e) => oci_model_fuzz::error(&e),
    }
});
