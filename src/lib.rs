#![doc = include_str!("../README.md")]
// docs.rs (`--cfg docsrs`, nightly): a badge on each item names the cargo
// feature it needs, derived from its `#[cfg(feature = ...)]`.
#![cfg_attr(docsrs, feature(doc_cfg))]

#[macro_use]
mod macros;

mod error;
mod json;
pub mod validate;

pub use json::UnknownMembers;
pub use json::io;
/// The struct-declaration attribute of every spec struct.
pub(crate) use oci_model_derive::spec_struct;

#[cfg(feature = "distribution")]
pub mod distribution;
#[cfg(feature = "docker")]
pub mod docker;
#[cfg(feature = "image")]
pub mod image;
#[cfg(feature = "layer")]
pub mod layer;
#[cfg(feature = "runtime")]
pub mod runtime;

pub use error::{
    BuildError, BuildErrorReason, DecodeError, DecodeErrorCategory, ModelError, ModelResult,
    OciSpecError, ParseError, ParseErrorKind, Result, SerializeError, VerifyError,
};
pub use validate::{Rule, Severity, Validate, ValidationReport, Violation};
