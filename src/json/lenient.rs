//! The lenient reader of members a spec does not define but the model reads into typed fields:
//! Docker's members of an image configuration (`container_config`,
//! `Hostname`, `Healthcheck`, ...; [config.md, "Properties"](https://github.com/opencontainers/image-spec/blob/v1.1.1/config.md#properties):
//! extra fields MUST NOT generate an error) and the legacy
//! `linux.resources.oomScoreAdj` (runtime-spec config.md, Extensibility:
//! unknown properties MUST be ignored). They stay typed, so that they
//! can be used; one whose value has another type reads as absent and is
//! kept among the struct's unknown members (written back as it was), not a
//! decode error of the whole document. Fields marked `#[json(lenient)]`
//! are read this way.

use serde::de::DeserializeOwned;

use super::objects_only::{ObjectsOnly, Reading};
use super::repeated::DecodeOptions;

/// Reads an extension member's value as `T`, or gives the value back when
/// it has another type (the caller keeps it as an unknown member).
///
/// # Errors
/// The value itself, when it is not a `T`.
pub(crate) fn typed<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, serde_json::Value> {
    // A value's names are unique already.
    let reading = Reading::new(DecodeOptions::default());
    match T::deserialize(ObjectsOnly::new(&value, &reading)) {
        Ok(t) => Ok(t),
        Err(_) => Err(value),
    }
}
