//! The [OCI distribution specification](https://github.com/opencontainers/distribution-spec/tree/v1.1.1),
//! release v1.1.1: registry error bodies, tag and repository lists, referrers
//! responses, extension discovery, and image references.

/// The distribution-spec release this module models.
pub const VERSION: &str = "1.1.1";
