//! The [OCI distribution specification](https://github.com/opencontainers/distribution-spec/tree/v1.1.1),
//! release v1.1.1: registry error bodies, tag and repository lists, referrers
//! responses, extension discovery, API paths and headers, and image
//! references.

pub mod api;
mod error;
mod extensions;
mod names;
mod reference;
mod repository;
pub mod rules;
mod tag;

pub use crate::error::ParseError;
pub use error::{
    ERR_REGISTRY, ErrorCode, ErrorInfo, ErrorInfoBuilder, ErrorResponse, ErrorResponseBuilder,
};
pub use extensions::{Extension, ExtensionBuilder, ExtensionList, ExtensionListBuilder};
pub use names::{RepositoryName, TAG_MAX_LENGTH, Tag};
pub use reference::{
    DEFAULT_TAG, DOCKER_HUB_DOMAIN, DOCKER_HUB_DOMAIN_LEGACY, DOCKER_HUB_OFFICIAL_REPO_NAME,
    NAME_TOTAL_LENGTH_MAX, Reference,
};
pub use repository::{RepositoryList, RepositoryListBuilder};
pub use tag::{TagList, TagListBuilder};

/// The distribution-spec release this module models.
pub const VERSION: &str = "1.1.1";
