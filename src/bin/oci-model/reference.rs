//! `oci-model reference`: parse an image reference and print its parts.

use oci_model::distribution::Reference;
use serde::Serialize;

use crate::{Outcome, complain};

/// The arguments of `reference`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the parts as a JSON object.
    #[arg(long)]
    json: bool,
    /// The reference, such as `docker.io/library/alpine:3.20`.
    #[arg(value_name = "REF")]
    reference: String,
}

/// The parts of a reference, as printed.
#[derive(Debug, Serialize)]
struct Parts<'a> {
    reference: &'a str,
    registry: &'a str,
    repository: &'a str,
    tag: Option<&'a str>,
    digest: Option<&'a str>,
    normalized: String,
    familiar: String,
}

/// Runs `reference`.
pub fn run(args: &Args) -> Outcome {
    let reference = match Reference::parse(&args.reference) {
        Ok(r) => r,
        Err(e) => {
            errln!("oci-model: {e}");
            return Outcome::Invalid;
        }
    };
    let parts = Parts {
        reference: reference.as_str(),
        registry: reference.registry(),
        repository: reference.repository(),
        tag: reference.written_tag(),
        digest: reference.digest(),
        normalized: reference.normalized().as_str().to_owned(),
        familiar: reference.familiar().as_str().to_owned(),
    };
    if args.json {
        return match serde_json::to_string_pretty(&parts) {
            Ok(s) => {
                outln!("{s}");
                Outcome::Ok
            }
            Err(e) => complain(&format!("cannot write: {e}")),
        };
    }
    let tag = parts.tag.map_or_else(
        || format!("(none; {} is pulled)", reference.effective_tag()),
        str::to_owned,
    );
    outln!("reference:  {}", parts.reference);
    outln!("registry:   {}", parts.registry);
    outln!("repository: {}", parts.repository);
    outln!("tag:        {tag}");
    outln!("digest:     {}", parts.digest.unwrap_or("(none)"));
    outln!("normalized: {}", parts.normalized);
    outln!("familiar:   {}", parts.familiar);
    Outcome::Ok
}
