//! The [OCI distribution specification](https://github.com/opencontainers/distribution-spec/tree/v1.1.1),
//! release v1.1.1: registry error bodies, tag and repository lists, referrers
//! responses, extension discovery, API paths and headers, and image
//! references.

pub mod api;
mod error;
mod extensions;
mod names;
mod reference;
mod referrers;
mod repository;
pub mod rules;
mod tag;

pub use error::{
    ERR_REGISTRY, ErrorCode, ErrorInfo, ErrorInfoBuilder, ErrorResponse, ErrorResponseBuilder,
};
pub use extensions::{Extension, ExtensionBuilder, ExtensionList, ExtensionListBuilder};
pub use names::{RepositoryName, TAG_MAX_LENGTH, Tag};
pub use reference::{
    DEFAULT_TAG, DOCKER_HUB_DOMAIN, DOCKER_HUB_DOMAIN_LEGACY, DOCKER_HUB_OFFICIAL_REPO_NAME,
    NAME_TOTAL_LENGTH_MAX, OciSpecParseError as ParseError, Reference,
};
pub use referrers::{
    ReferrersResponse, ReferrersResponseBuilder, artifact_type_filter_applied, referrers_tag,
};
pub use repository::{RepositoryList, RepositoryListBuilder};
pub use tag::{TagList, TagListBuilder};

/// The major version of the distribution-spec release this module models.
pub const VERSION_MAJOR: u32 = 1;
/// The minor version of the modeled release.
pub const VERSION_MINOR: u32 = 1;
/// The patch version of the modeled release.
pub const VERSION_PATCH: u32 = 1;
/// The development suffix of the modeled release (empty for a release).
pub const VERSION_DEV: &str = "";
/// The distribution-spec release this module models, `1.1.1`.
pub const VERSION: &str =
    const_format::formatcp!("{VERSION_MAJOR}.{VERSION_MINOR}.{VERSION_PATCH}{VERSION_DEV}");

/// The modeled release as a `String` (kept from `oci-spec`; use [`VERSION`]).
#[deprecated(note = "use the VERSION constant")]
pub fn version() -> String {
    VERSION.to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn version_is_the_modeled_release() {
        assert_eq!(super::VERSION, "1.1.1");
        #[expect(deprecated, reason = "the function is kept for oci-spec users")]
        let v = super::version();
        assert_eq!(v, super::VERSION);
    }
}
