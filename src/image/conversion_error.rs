//! Why a conversion of an image configuration into a runtime spec failed:
//! [image-spec v1.1.1, conversion.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/conversion.md).
//!
//! In a file of its own so that the converter and its `Config.User`
//! resolution both use it without importing each other.

use crate::validate::quote;

/// Why an image configuration could not be converted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConversionError {
    /// `Config.User` is not one of the documented forms.
    #[error(
        "/config/User: invalid user {}: expected uid, uid:gid, user, user:group, user:gid or uid:group",
        quote(value)
    )]
    InvalidUser {
        /// The value of `Config.User`.
        value: String,
    },
    /// A user or group name of `Config.User` is not in the container
    /// (conversion.md: the converter MUST return an error).
    #[error(
        "/config/User: {what} {} of {} is not in the container: expected a {what} the user lookup knows",
        quote(name),
        quote(value)
    )]
    UnknownName {
        /// `user` or `group`.
        what: &'static str,
        /// The name.
        name: String,
        /// The value of `Config.User`.
        value: String,
    },
    /// A user or group name of `Config.User`, and no lookup to resolve it.
    #[error(
        "/config/User: cannot resolve {what} {} of {} without a user lookup: expected a numeric id, or a lookup of the container's names",
        quote(name),
        quote(value)
    )]
    NoLookup {
        /// `user` or `group`.
        what: &'static str,
        /// The name.
        name: String,
        /// The value of `Config.User`.
        value: String,
    },
    /// Neither the image nor the caller gives a command.
    #[error(
        "/config: no command: expected Entrypoint or Cmd in the image, or a command from the caller"
    )]
    NoCommand,
}
