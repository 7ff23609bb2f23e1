//! `oci-model fmt`: print a document as the model writes it.

use std::io::Write;

use crate::kinds::Kind;
use crate::{Outcome, Resolved, complain, decode_parts, read_input, resolve};

/// The arguments of `fmt`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  oci-model fmt manifest.json\n  \
                        oci-model fmt --compact config.json > config.min.json")]
pub struct Args {
    /// The kind of the document (detected when absent).
    #[arg(long, short, value_enum)]
    kind: Option<Kind>,
    /// Print compact JSON instead of pretty JSON.
    #[arg(long)]
    compact: bool,
    /// The file to format (`-` reads standard input).
    #[arg(value_name = "FILE")]
    file: String,
}

/// Runs `fmt`.
pub fn run(args: &Args) -> Outcome {
    let file = args.file.as_str();
    let bytes = match read_input(file) {
        Ok(b) => b,
        Err(message) => return complain(&message),
    };
    let result = match resolve(args.kind, file, &bytes) {
        Resolved::Kind(_, ops) => (ops.format)(&bytes, !args.compact),
        Resolved::NotJson(e) => Err(e),
        Resolved::Usage(message) => return complain(&message),
    };
    match result {
        Ok(mut out) => {
            out.push(b'\n');
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(&out).and_then(|()| stdout.flush()) {
                Ok(()) => Outcome::Ok,
                // The reader went away: nothing to say, and nobody to say it to.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Outcome::Usage,
                Err(e) => complain(&format!(
                    "cannot write to standard output: {}",
                    crate::io_message(&e)
                )),
            }
        }
        Err(e) => {
            let (path, message) = decode_parts(&e);
            errln!("oci-model: {file}: {path}: error[decode]: {message}");
            Outcome::Invalid
        }
    }
}
