//! `oci-model reference`: parse an image reference and print its parts.

use oci_model::distribution::Reference;
use serde::Serialize;

use crate::Outcome;
use crate::common::{Format, print_json};

/// The arguments of `reference`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  oci-model reference alpine\n  \
                        oci-model reference --format json ghcr.io/org/app:1.2@sha256:<64 hex>")]
pub struct Args {
    /// The report format: one `part: value` line each, or a JSON object.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    format: Format,
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
    if args.format == Format::Json {
        return print_json(&parts);
    }
    // What a pull fetches: the digest when there is one (a tag beside it is
    // informational), else the tag, `latest` when none is written.
    let tag = match (parts.tag, parts.digest) {
        (Some(t), _) => t.to_owned(),
        (None, Some(_)) => "(none; the digest is pulled)".to_owned(),
        (None, None) => format!("(none; {} is pulled)", reference.effective_tag()),
    };
    outln!("reference:  {}", parts.reference);
    outln!("registry:   {}", parts.registry);
    outln!("repository: {}", parts.repository);
    outln!("tag:        {tag}");
    outln!("digest:     {}", parts.digest.unwrap_or("(none)"));
    outln!("normalized: {}", parts.normalized);
    outln!("familiar:   {}", parts.familiar);
    Outcome::Ok
}
