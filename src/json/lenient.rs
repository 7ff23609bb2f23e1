//! The lenient reader of members a spec does not define but the model reads into typed fields:
//! Docker's members of an image configuration (`container_config`,
//! `Hostname`, `Healthcheck`, ...; [config.md, "Properties"](https://github.com/opencontainers/image-spec/blob/v1.1.1/config.md#properties):
//! extra fields MUST NOT generate an error) and the legacy
//! `linux.resources.oomScoreAdj` (runtime-spec config.md, Extensibility:
//! unknown properties MUST be ignored). They stay typed, so that they
//! round-trip and can be used; one whose value has another type is ignored
//! (read as absent), not a decode error of the whole document.

use serde::de::{Deserialize, DeserializeOwned, Deserializer};

use super::objects_only::ObjectsOnly;

/// Reads an extension member: its value when it has the expected type,
/// else `None`.
pub(crate) fn or_absent<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = serde_json::Value::deserialize(d)?;
    Ok(T::deserialize(ObjectsOnly(value)).ok())
}
