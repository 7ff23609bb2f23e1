//! `oci-model digest`: the digest of each file's bytes.

use std::io::Read;

use clap::ValueEnum;
use oci_model::image::{Digest, DigestAlgorithm};

use crate::{Outcome, complain, io_message};

/// The arguments of `digest`.
#[derive(Debug, clap::Args)]
pub struct Args {
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

/// Runs `digest`.
pub fn run(args: &Args) -> Outcome {
    let mut worst = Outcome::Ok;
    for file in &args.files {
        match digest_file(args.algorithm, file) {
            Ok(d) => outln!("{d}  {file}"),
            Err(message) => worst = worst.max(complain(&message)),
        }
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
        Err(oci_model::OciSpecError::Io(e)) => {
            Err(format!("{file}: cannot read: {}", io_message(&e)))
        }
        Err(e) => Err(format!(
            "{file}: {}",
            crate::lowercase_first(&e.to_string())
        )),
    }
}
