//! Linux-specific configuration: [runtime-spec v1.3.0, config-linux.md](https://github.com/opencontainers/runtime-spec/blob/v1.3.0/config-linux.md).
//!
//! PLACEHOLDER for the parallel work split: the runtime-linux branch replaces
//! this file with the full model. Nothing may be released with it.

use serde::{Deserialize, Serialize};

/// The `linux` section of `config.json` (placeholder, see module docs).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Linux {}

/// PLACEHOLDER (rt-core, until rt-linux lands): a user or group ID mapping.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinuxIdMapping {
    #[serde(rename = "containerID")]
    container_id: u32,
    #[serde(rename = "hostID")]
    host_id: u32,
    size: u32,
}
