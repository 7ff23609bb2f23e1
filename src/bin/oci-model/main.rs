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

mod common;
mod convert;
mod convert_manifest;
mod detect;
mod digest;
mod fmt;
mod kind;
mod kinds;
mod layer;
mod layout;
mod layout_docker;
mod limits;
mod platform;
mod reference;
mod select;
mod unpack;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use crate::common::{
    Outcome, Resolved, complain, decode_parts, io_message, lowercase_first, read_input, resolve,
    write_line,
};

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
    Kind(kind::Args),
    /// Check, list or garbage-collect an image layout (directory or `.tar`).
    #[command(subcommand_required = true)]
    Layout(layout::Args),
    /// Parse platform strings and print them normalized (`aarch64` is
    /// `linux/arm64` on a Linux host).
    Platform(platform::Args),
    /// Print the descriptor of an image index to use on a platform.
    Select(select::Args),
    /// Print the runtime `config.json` of an image configuration.
    Convert(convert::Args),
    /// Convert a manifest or index between OCI and Docker v2 schema 2.
    ConvertManifest(convert_manifest::Args),
    /// Write a directory as a layer, or list a layer's entries.
    #[command(subcommand_required = true)]
    Layer(layer::Args),
    /// Apply every layer of an image of a layout into a directory,
    /// verifying each layer's digest and DiffID (rootless by default).
    ///
    /// Exit status: 0 when unpacked, 1 when the image is broken or unsafe
    /// (a digest mismatch, an entry leading outside the directory, no
    /// such image), 2 on usage or I/O errors.
    Unpack(unpack::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Digest(args) => digest::run(&args),
        Command::Reference(args) => reference::run(&args),
        Command::Kind(args) => kind::run(&args),
        Command::Layout(args) => layout::run(&args),
        Command::Platform(args) => platform::run(&args),
        Command::Select(args) => select::run(&args),
        Command::Convert(args) => convert::run(&args),
        Command::ConvertManifest(args) => convert_manifest::run(&args),
        Command::Layer(args) => layer::run(&args),
        Command::Unpack(args) => unpack::run(&args),
    };
    outcome.into()
}
