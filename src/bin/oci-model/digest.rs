//! `oci-model digest`: the digest of each file's bytes.

use std::io::Read;

use clap::ValueEnum;

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
            Ok(d) => println!("{d}  {file}"),
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
    let (name, hex) = match algorithm {
        Algorithm::Sha256 => ("sha256", hash::<sha2::Sha256>(reader)),
        Algorithm::Sha384 => ("sha384", hash::<sha2::Sha384>(reader)),
        Algorithm::Sha512 => ("sha512", hash::<sha2::Sha512>(reader)),
    };
    let hex = hex.map_err(|e| format!("{file}: cannot read: {}", io_message(&e)))?;
    Ok(format!("{name}:{hex}"))
}

fn hash<H: sha2::Digest + std::io::Write>(mut reader: impl Read) -> std::io::Result<String> {
    let mut hasher = H::new();
    std::io::copy(&mut reader, &mut hasher)?;
    let bytes = hasher.finalize();
    let mut hex = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        hex.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        hex.push(char::from(b"0123456789abcdef"[usize::from(b & 0xf)]));
    }
    Ok(hex)
}
