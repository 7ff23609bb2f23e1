//! `oci-model reference`: parse an image reference and print its parts.

use crate::{Outcome, complain};

/// The arguments of `reference`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The reference, such as `docker.io/library/alpine:3.20`.
    #[arg(value_name = "REF")]
    reference: String,
}

/// Runs `reference`.
pub fn run(args: &Args) -> Outcome {
    complain(&format!(
        "cannot parse {:?}: references are not supported by this build of oci-model",
        args.reference
    ))
}
