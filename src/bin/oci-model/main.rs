//! `oci-model`: validate, format and digest OCI documents, and parse image
//! references, with the `oci_model` crate.
//!
//! Exit status: 0 when everything is valid, 1 when a document is invalid
//! (or a reference does not parse), 2 on usage and I/O errors.

/// Prints a line on standard output; a closed pipe ends the process
/// quietly instead of panicking like `println!`.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::write_line(format_args!($($arg)*))
    };
}

/// Prints a line on standard error, ignoring write errors.
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

mod convert;
mod detect;
mod digest;
mod fmt;
mod kinds;
mod platform;
mod reference;
mod select;
mod validate;

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::detect::DetectError;
use crate::kinds::{Kind, Ops};

/// Validate, format and digest OCI image, runtime and distribution documents.
#[derive(Debug, Parser)]
#[command(name = "oci-model", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Decode each document as its kind and check every rule of its spec.
    ///
    /// Exit status: 0 when every document is valid (warnings allowed), 1 when
    /// a document does not decode or breaks a rule, 2 on usage or I/O errors.
    Validate(validate::Args),
    /// Print a document re-serialized by the model (pretty by default).
    Fmt(fmt::Args),
    /// Print the digest of each file's bytes.
    Digest(digest::Args),
    /// Parse an image reference and print its parts.
    Reference(reference::Args),
    /// Print the kind each document is detected as (`KIND  FILE`).
    Kind(KindArgs),
    /// Parse platform strings and print them normalized (`aarch64` is
    /// `linux/arm64` on a Linux host).
    Platform(platform::Args),
    /// Print the descriptor of an image index to use on a platform.
    Select(select::Args),
    /// Print the runtime `config.json` of an image configuration.
    Convert(convert::Args),
}

/// The arguments of `kind`.
#[derive(Debug, clap::Args)]
struct KindArgs {
    /// The files to look at (`-` reads standard input).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
}

/// How a command ended, from best to worst; the exit status is the worst
/// outcome of all files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Everything was fine.
    Ok,
    /// A document was invalid (or a reference did not parse).
    Invalid,
    /// A usage or I/O error.
    Usage,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> Self {
        ExitCode::from(match o {
            Outcome::Ok => 0,
            Outcome::Invalid => 1,
            Outcome::Usage => 2,
        })
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Digest(args) => digest::run(&args),
        Command::Reference(args) => reference::run(&args),
        Command::Kind(args) => run_kind(&args),
        Command::Platform(args) => platform::run(&args),
        Command::Select(args) => select::run(&args),
        Command::Convert(args) => convert::run(&args),
    };
    outcome.into()
}

/// Runs `kind`: detection only, no decoding as the kind.
fn run_kind(args: &KindArgs) -> Outcome {
    let mut worst = Outcome::Ok;
    for file in &args.files {
        let outcome = match read_input(file) {
            Err(message) => complain(&message),
            Ok(bytes) => match resolve(None, file, &bytes) {
                Resolved::Kind(kind, _) => {
                    outln!("{kind}  {file}");
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
    worst
}

/// Writes one line on standard output. When that fails (a closed pipe, a
/// full disk) there is nobody to report to on stdout: the process ends
/// with status 2, with a message on stderr unless the pipe was closed.
pub fn write_line(args: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.write_all(b"\n")) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            errln!(
                "oci-model: cannot write to standard output: {}",
                io_message(&e)
            );
        }
        std::process::exit(2);
    }
}

/// Reports a usage or I/O error on standard error.
pub fn complain(message: &str) -> Outcome {
    errln!("oci-model: {message}");
    Outcome::Usage
}

/// Reads a file, or standard input for `-`.
///
/// # Errors
/// The lowercase message to print, naming the file.
pub fn read_input(name: &str) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    let res = if name == "-" {
        std::io::stdin().lock().read_to_end(&mut buf).map(|_| ())
    } else {
        std::fs::read(name).map(|b| buf = b)
    };
    res.map(|()| buf)
        .map_err(|e| format!("{name}: cannot read: {}", io_message(&e)))
}

/// An I/O error's message, lowercase and without the OS error number.
pub fn io_message(e: &std::io::Error) -> String {
    let text = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "is a directory".to_owned(),
        _ => e.to_string(),
    };
    lowercase_first(&text)
}

/// Lowercases the first character (messages of other crates may start with
/// a capital).
pub fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The kind to use for the document `bytes` from `name`, with its
/// operations.
pub enum Resolved {
    /// The kind is known and modeled.
    Kind(Kind, Ops),
    /// The document is not even JSON.
    NotJson(oci_model::OciSpecError),
    /// A usage error, already worded.
    Usage(String),
}

/// Picks the kind of a document: `--kind` when given, else detection.
pub fn resolve(kind: Option<Kind>, name: &str, bytes: &[u8]) -> Resolved {
    let kind = match kind {
        Some(k) => k,
        None => match detect::detect(name, bytes) {
            Ok(k) => k,
            Err(DetectError::Decode(e)) => return Resolved::NotJson(e),
            Err(DetectError::Undecidable) => {
                return Resolved::Usage(format!(
                    "{name}: cannot tell which kind of document this is; \
                     give one with --kind (one of: {})",
                    Kind::names()
                ));
            }
        },
    };
    Resolved::Kind(kind, kind.ops())
}

/// The path and message of a decode failure, in the form the reports use:
/// the JSON pointer of the failing value (`/` for the document), as for
/// violations, and the message with line and column.
pub fn decode_parts(e: &oci_model::OciSpecError) -> (String, String) {
    match e {
        oci_model::OciSpecError::Decode(d) => {
            let path = match d.pointer() {
                "" => "/".to_owned(),
                p => p.to_owned(),
            };
            let message = if d.line() > 0 {
                format!("{} at line {} column {}", d.message(), d.line(), d.column())
            } else {
                d.message().to_owned()
            };
            (path, message)
        }
        other => ("/".to_owned(), lowercase_first(&other.to_string())),
    }
}
