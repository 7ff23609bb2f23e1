//! The [OCI runtime specification](https://github.com/opencontainers/runtime-spec/tree/v1.3.0),
//! release v1.3.0: `config.json` for every platform, `state.json` and
//! `features.json`.

mod capability;
mod linux;

pub use capability::{Capabilities, Capability};
pub use linux::Linux;

/// The runtime-spec release this module models.
pub const VERSION: &str = "1.3.0";
