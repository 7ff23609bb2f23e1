//! `oci-model layout`: check, list and garbage-collect image layouts
//! (directories and `.tar` archives).

use std::path::Path;

use clap::Subcommand;
use oci_model::image::layout::{
    self, ImageLayout, LayoutArchive, LayoutErrorKind, LayoutReport, ReadLayout,
};
use oci_model::image::{Descriptor, ImageIndex};
use serde::Serialize;

use crate::validate::Format;
use crate::{Outcome, complain, io_message, lowercase_first};

/// The arguments of `layout`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: LayoutCommand,
}

#[derive(Debug, Subcommand)]
enum LayoutCommand {
    /// Verify a layout (fsck): every blob reachable from index.json exists
    /// with its size and digest, every document decodes and validates.
    ///
    /// Exit status: 0 when valid (warnings allowed), 1 when a problem is an
    /// error, 2 when the path cannot be read.
    Check(CheckArgs),
    /// List the images of a layout: name, media type, digest, size; the
    /// manifests of an image index below it, with their platforms.
    Ls(PathArg),
    /// Remove the blobs nothing refers to (an archive is rewritten).
    /// Refuses to remove anything while `check` finds errors.
    Gc(GcArgs),
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// The report format.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The layout: a directory or a `.tar` archive.
    #[arg(value_name = "PATH")]
    path: String,
}

#[derive(Debug, clap::Args)]
struct PathArg {
    /// The layout: a directory or a `.tar` archive.
    #[arg(value_name = "PATH")]
    path: String,
}

#[derive(Debug, clap::Args)]
struct GcArgs {
    /// Print what would be removed, remove nothing.
    #[arg(long)]
    dry_run: bool,
    /// The layout: a directory or a `.tar` archive.
    #[arg(value_name = "PATH")]
    path: String,
}

/// Runs `layout`.
pub fn run(args: &Args) -> Outcome {
    match &args.command {
        LayoutCommand::Check(a) => check(a),
        LayoutCommand::Ls(a) => ls(&a.path),
        LayoutCommand::Gc(a) => gc(a),
    }
}

/// The message of an error about the layout at `path`, naming it once.
fn about(path: &str, e: &oci_model::OciSpecError) -> String {
    match e {
        oci_model::OciSpecError::File { .. } => message(e),
        other => format!("{path}: {}", message(other)),
    }
}

fn message(e: &oci_model::OciSpecError) -> String {
    match e {
        oci_model::OciSpecError::File { path, source } => {
            format!("{}: cannot read: {}", path.display(), io_message(source))
        }
        other => lowercase_first(&other.to_string()),
    }
}

/// The JSON report of `check`.
#[derive(Serialize)]
struct JsonReport<'a> {
    path: &'a str,
    valid: bool,
    #[serde(flatten)]
    report: &'a LayoutReport,
}

fn check(args: &CheckArgs) -> Outcome {
    let report = match layout::check(&args.path) {
        Ok(r) => r,
        Err(e) => return complain(&message(&e)),
    };
    let path = args.path.as_str();
    match args.format {
        Format::Text => {
            for p in report.problems() {
                outln!("{path}: {p}");
            }
            for u in report.unreferenced() {
                outln!("{path}: {u}: unreferenced");
            }
            let errors = count(report.errors().count(), "error");
            let warnings = report.warnings().count();
            let verified = format!(
                "{} blobs, {} bytes verified",
                report.blobs_checked(),
                report.bytes_checked()
            );
            if !report.is_valid() {
                outln!(
                    "{path}: invalid ({errors}, {}; {verified})",
                    count(warnings, "warning")
                );
            } else if warnings > 0 {
                outln!(
                    "{path}: ok with {} ({verified})",
                    count(warnings, "warning")
                );
            } else {
                outln!("{path}: ok ({verified})");
            }
        }
        Format::Json => {
            let json = JsonReport {
                path,
                valid: report.is_valid(),
                report: &report,
            };
            match serde_json::to_string_pretty(&json) {
                Ok(s) => outln!("{s}"),
                Err(e) => return complain(&format!("cannot write the report: {e}")),
            }
        }
    }
    if report.is_valid() {
        Outcome::Ok
    } else {
        Outcome::Invalid
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn ls(path: &str) -> Outcome {
    if Path::new(path).is_dir() {
        match ImageLayout::open(path) {
            Ok(l) => list(&l),
            Err(e) => complain(&about(path, &e)),
        }
    } else {
        match LayoutArchive::open(path) {
            Ok(l) => list(&l),
            Err(e) => complain(&about(path, &e)),
        }
    }
}

fn line(indent: &str, name: &str, d: &Descriptor) {
    outln!(
        "{indent}{name}\t{}\t{}\t{}",
        d.media_type(),
        d.digest(),
        d.size()
    );
}

fn list<L: ReadLayout>(layout: &L) -> Outcome {
    let mut outcome = Outcome::Ok;
    for (name, d) in layout.images() {
        line("", name.unwrap_or("-"), d);
        if d.media_type().is_index() {
            match layout.read_stored::<ImageIndex>(d, layout::MAX_DOCUMENT_SIZE) {
                Ok(index) => {
                    for m in index.manifests() {
                        let platform = m.platform().as_ref().map_or_else(
                            || "-".to_owned(),
                            |p| {
                                let mut s = format!("{}/{}", p.os(), p.architecture());
                                if let Some(v) = p.variant() {
                                    s.push('/');
                                    s.push_str(v);
                                }
                                s
                            },
                        );
                        line("  ", &platform, m);
                    }
                }
                Err(e) => {
                    outln!("  (cannot read the index: {})", message(&e));
                    outcome = Outcome::Invalid;
                }
            }
        }
    }
    outcome
}

fn gc(args: &GcArgs) -> Outcome {
    let path = args.path.as_str();
    let result = if Path::new(path).is_dir() {
        ImageLayout::open(path).and_then(|l| {
            if args.dry_run {
                Ok(l.check().unreferenced().to_vec())
            } else {
                l.gc()
            }
        })
    } else {
        LayoutArchive::open(path).and_then(|a| {
            if args.dry_run {
                Ok(a.check().unreferenced().to_vec())
            } else {
                a.gc().map(|(_, removed)| removed)
            }
        })
    };
    match result {
        Ok(paths) => {
            let verb = if args.dry_run {
                "would remove"
            } else {
                "removed"
            };
            for p in &paths {
                outln!("{verb} {p}");
            }
            let done = if args.dry_run { "to remove" } else { "removed" };
            outln!("{path}: {} {done}", paths.len());
            Outcome::Ok
        }
        Err(oci_model::OciSpecError::Layout(e)) if e.kind() == LayoutErrorKind::Invalid => {
            errln!("oci-model: {path}: {e}");
            Outcome::Invalid
        }
        Err(e) => complain(&about(path, &e)),
    }
}
