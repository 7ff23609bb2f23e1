#![doc = include_str!("../README.md")]

#[macro_use]
mod macros;

mod error;
mod extension;
pub mod io;
mod json;
mod objects_only;
pub mod validate;

#[cfg(feature = "distribution")]
pub mod distribution;
#[cfg(feature = "image")]
pub mod image;
#[cfg(feature = "runtime")]
pub mod runtime;

pub use error::{
    BuildError, BuildErrorReason, DecodeError, DecodeErrorCategory, OciSpecError, ParseError,
    ParseErrorKind, Result, VerifyError,
};
pub use validate::{Rule, Severity, Validate, ValidationReport, Violation};
