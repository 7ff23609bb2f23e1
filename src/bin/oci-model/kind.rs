//! `oci-model kind`: the kind each document is detected as, without
//! decoding it as that kind.

use serde::Serialize;

use crate::common::{Format, print_json};
use crate::{Outcome, Resolved, complain, decode_parts, read_input, resolve};

/// The arguments of `kind`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  oci-model kind index.json blobs/sha256/*\n  \
                        oci-model kind --format json config.json"
)]
pub struct Args {
    /// The report format: `KIND  FILE` lines, or a JSON array of
    /// `{"file", "kind"}` objects.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The files to look at (`-` reads standard input).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
}

/// One file's kind, as the JSON report lists it.
#[derive(Debug, Serialize)]
struct Found<'a> {
    file: &'a str,
    kind: String,
}

/// Runs `kind`.
pub fn run(args: &Args) -> Outcome {
    let mut worst = Outcome::Ok;
    let mut found = Vec::new();
    for file in &args.files {
        let outcome = match read_input(file) {
            Err(message) => complain(&message),
            Ok(bytes) => match resolve(None, file, &bytes) {
                Resolved::Kind(kind, _) => {
                    if args.format == Format::Text {
                        outln!("{kind}  {file}");
                    }
                    found.push(Found {
                        file,
                        kind: kind.to_string(),
                    });
                    Outcome::Ok
                }
                Resolved::NotJson(e) => {
                    let (path, message) = decode_parts(&e);
                    errln!("oci-model: {file}: {path}: error[decode]: {message}");
                    Outcome::Invalid
                }
                Resolved::Usage(message) => complain(&message),
            },
        };
        worst = worst.max(outcome);
    }
    if args.format == Format::Json {
        worst = worst.max(print_json(&found));
    }
    worst
}
