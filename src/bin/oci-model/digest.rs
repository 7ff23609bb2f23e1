//! `oci-model digest`: the digest of each file's bytes.

use std::io::Read;

use clap::ValueEnum;
use oci_model::image::{Digest, DigestAlgorithm};

use serde::Serialize;

use crate::common::{Format, print_json};
use crate::{Outcome, complain, io_message};

/// The arguments of `digest`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  oci-model digest layer.tar.gz\n  \
                        oci-model digest --algorithm sha512 --format json blobs/*")]
pub struct Args {
    /// The report format: `DIGEST  FILE` lines, or a JSON array of
    /// `{"file", "digest"}` objects.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The digest algorithm.
    #[arg(long, short, value_enum, default_value_t = Algorithm::Sha256)]
    algorithm: Algorithm,
    /// The files to digest (`-` reads standard input).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
}

/// A digest algorithm of image-spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Algorithm {
    /// SHA-256 (the canonical algorithm).
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

/// One file's digest, as the JSON report lists it.
#[derive(Debug, Serialize)]
struct Digested<'a> {
    file: &'a str,
    digest: String,
}

/// Runs `digest`.
pub fn run(args: &Args) -> Outcome {
    let mut worst = Outcome::Ok;
    let mut digests = Vec::new();
    for file in &args.files {
        match digest_file(args.algorithm, file) {
            Ok(digest) => {
                if args.format == Format::Text {
                    outln!("{digest}  {file}");
                }
                digests.push(Digested { file, digest });
            }
            Err(message) => worst = worst.max(complain(&message)),
        }
    }
    if args.format == Format::Json {
        worst = worst.max(print_json(&digests));
    }
    worst
}

fn digest_file(algorithm: Algorithm, file: &str) -> Result<String, String> {
    let reader: Box<dyn Read> = if file == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(file)
            .map_err(|e| format!("{file}: cannot read: {}", io_message(&e)))?;
        Box::new(f)
    };
    let algorithm = match algorithm {
        Algorithm::Sha256 => DigestAlgorithm::Sha256,
        Algorithm::Sha384 => DigestAlgorithm::Sha384,
        Algorithm::Sha512 => DigestAlgorithm::Sha512,
    };
    match Digest::compute_reader(&algorithm, reader) {
        Ok((digest, _len)) => Ok(digest.to_string()),
        Err(oci_model::ModelError::Io(e)) => {
            Err(format!("{file}: cannot read: {}", io_message(&e)))
        }
        Err(e) => Err(format!(
            "{file}: {}",
            crate::lowercase_first(&e.to_string())
        )),
    }
}
