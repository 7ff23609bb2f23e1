//! What every subcommand shares: reading input, writing lines and
//! reports, the exit status, and finding a document's kind.

use std::io::Read;
use std::process::ExitCode;

use clap::ValueEnum;
use serde::Serialize;

use crate::detect::{self, DetectError};
use crate::kinds::{Kind, Ops};

/// The format of a subcommand's report (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Lines for a person to read.
    Text,
    /// One JSON value, for a program to read.
    Json,
}

/// Prints `value` as pretty JSON on standard output.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Outcome {
    match oci_model::io::to_string(value, true) {
        Ok(s) => {
            outln!("{s}");
            Outcome::Ok
        }
        Err(e) => complain(&format!("cannot write the report: {e}")),
    }
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
    NotJson(oci_model::ModelError),
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
pub fn decode_parts(e: &oci_model::ModelError) -> (String, String) {
    match e {
        oci_model::ModelError::Decode(d) => {
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
