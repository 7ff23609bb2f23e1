//! `oci-model layout`: check, list and garbage-collect image layouts
//! (directories and `.tar` archives).

use std::path::Path;

use clap::Subcommand;
use oci_model::image::layout::{
    self, ImageLayout, LayoutArchive, LayoutErrorKind, LayoutProblem, ReadLayout,
};
use oci_model::image::{Descriptor, ImageIndex};
use serde::Serialize;

use crate::common::{Format, print_json};
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
    Ls(LsArgs),
    /// Write images of a layout as a docker-archive (`docker load`,
    /// `skopeo copy docker-archive:`); gzip and zstd layers are written
    /// decompressed, as `docker save` and skopeo write them.
    DockerArchive(crate::layout_docker::WriteArgs),
    /// Convert a docker-archive (`docker save`) to an image layout, as
    /// `skopeo copy docker-archive:... oci:...` does.
    FromDockerArchive(crate::layout_docker::ReadArgs),
    /// Remove the blobs nothing refers to (an archive is rewritten).
    /// Refuses to remove anything while `check` finds errors (exit status
    /// 1), with or without --dry-run.
    Gc(GcArgs),
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  oci-model layout check ./image\n  \
                        oci-model layout check --format json image.tar")]
struct CheckArgs {
    /// The report format: one line per problem and a summary, or one JSON
    /// object with `valid`, `problems` and `unreferenced`.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The layout: a directory or a `.tar` archive (or a docker-archive).
    #[arg(value_name = "PATH")]
    path: String,
    #[command(flatten)]
    limits: crate::limits::LimitArgs,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  oci-model layout ls ./image\n  \
                        oci-model layout ls --format json image.tar")]
struct LsArgs {
    /// The report format: `NAME  MEDIATYPE  DIGEST  SIZE` lines (platforms
    /// of an index indented below it), or a JSON array.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The layout: a directory or a `.tar` archive.
    #[arg(value_name = "PATH")]
    path: String,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  oci-model layout gc --dry-run ./image\n  \
                        oci-model layout gc image.tar")]
struct GcArgs {
    /// The report format: `removed PATH` lines, or a JSON object with
    /// `removed` (or `toRemove` with --dry-run).
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Print what would be removed, remove nothing; refuses as gc does
    /// while the layout has errors.
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
        LayoutCommand::Ls(a) => ls(a),
        LayoutCommand::Gc(a) => gc(a),
        LayoutCommand::DockerArchive(a) => crate::layout_docker::write(a),
        LayoutCommand::FromDockerArchive(a) => crate::layout_docker::read(a),
    }
}

/// The message of an error about the layout at `path`, naming it once.
fn about(path: &str, e: &oci_model::ModelError) -> String {
    match e {
        oci_model::ModelError::File { .. } => message(e),
        other => format!("{path}: {}", message(other)),
    }
}

fn message(e: &oci_model::ModelError) -> String {
    match e {
        oci_model::ModelError::File { path, source } => {
            format!("{}: cannot read: {}", path.display(), io_message(source))
        }
        other => lowercase_first(&other.to_string()),
    }
}

/// The JSON report of `check`: the problems shown, and the count of the
/// others per rule (`omitted`, when some were left out).
#[derive(Serialize)]
struct JsonReport<'a> {
    path: &'a str,
    valid: bool,
    problems: Vec<&'a LayoutProblem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    omitted: Option<crate::limits::OmittedJson<'a>>,
    unreferenced: &'a [String],
    blobs_checked: u64,
    bytes_checked: u64,
}

fn check(args: &CheckArgs) -> Outcome {
    if let Some(a) = crate::layout_docker::open(&args.path) {
        return crate::layout_docker::check(&args.path, &a, args.format, &args.limits);
    }
    let report = match layout::check(&args.path) {
        Ok(r) => r,
        Err(e) => return complain(&message(&e)),
    };
    let path = args.path.as_str();
    let (shown, omitted) = crate::limits::pick(
        report.problems(),
        args.limits.limits(),
        |p| p.rule().name(),
        LayoutProblem::is_error,
    );
    match args.format {
        Format::Text => {
            for p in &shown {
                outln!("{path}: {p}");
            }
            if !omitted.is_empty() {
                outln!("{path}: {}", omitted.line());
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
                problems: shown,
                omitted: crate::limits::OmittedJson::of(&omitted),
                unreferenced: report.unreferenced(),
                blobs_checked: report.blobs_checked(),
                bytes_checked: report.bytes_checked(),
            };
            if print_json(&json) == Outcome::Usage {
                return Outcome::Usage;
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

fn ls(args: &LsArgs) -> Outcome {
    let path = args.path.as_str();
    if let Some(a) = crate::layout_docker::open(path) {
        return crate::layout_docker::ls(path, &a, args.format);
    }
    let listed = if Path::new(path).is_dir() {
        ImageLayout::open(path).map(|l| list(&l))
    } else {
        LayoutArchive::open(path).map(|l| list(&l))
    };
    let (images, outcome) = match listed {
        Ok(listed) => listed,
        Err(e) => return complain(&about(path, &e)),
    };
    match args.format {
        Format::Text => {
            for image in &images {
                line("", image.name.as_deref().unwrap_or("-"), &image.descriptor);
                for m in &image.manifests {
                    line("  ", m.platform.as_deref().unwrap_or("-"), &m.descriptor);
                }
                if let Some(e) = &image.error {
                    outln!("  (cannot read the index: {e})");
                }
            }
            outcome
        }
        Format::Json => outcome.max(print_json(&images)),
    }
}

/// One entry of `index.json`, as `ls` lists it.
#[derive(Serialize)]
struct Image {
    name: Option<String>,
    descriptor: Descriptor,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    manifests: Vec<Platformed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// A manifest of an image index, with its platform as text.
#[derive(Serialize)]
struct Platformed {
    platform: Option<String>,
    descriptor: Descriptor,
}

fn line(indent: &str, name: &str, d: &Descriptor) {
    outln!(
        "{indent}{name}\t{}\t{}\t{}",
        d.media_type(),
        d.digest(),
        d.size()
    );
}

fn list<L: ReadLayout>(layout: &L) -> (Vec<Image>, Outcome) {
    let mut outcome = Outcome::Ok;
    let mut images = Vec::new();
    for (name, d) in layout.images() {
        let mut image = Image {
            name: name.map(str::to_owned),
            descriptor: d.clone(),
            manifests: Vec::new(),
            error: None,
        };
        if d.media_type().is_index() {
            match layout.read_stored::<ImageIndex>(d, layout::MAX_DOCUMENT_SIZE) {
                Ok(index) => {
                    image.manifests = index
                        .into_value()
                        .manifests()
                        .iter()
                        .map(|m| Platformed {
                            platform: m.platform().as_ref().map(ToString::to_string),
                            descriptor: m.clone(),
                        })
                        .collect();
                }
                Err(e) => {
                    image.error = Some(message(&e));
                    outcome = Outcome::Invalid;
                }
            }
        }
        images.push(image);
    }
    (images, outcome)
}

fn gc(args: &GcArgs) -> Outcome {
    let path = args.path.as_str();
    if crate::layout_docker::open(path).is_some() {
        return crate::layout_docker::not_a_layout(path, "layout gc");
    }
    let result = if Path::new(path).is_dir() {
        ImageLayout::open(path).and_then(|l| {
            if args.dry_run {
                l.check().gc_plan().map(<[String]>::to_vec)
            } else {
                l.gc()
            }
        })
    } else {
        LayoutArchive::open(path).and_then(|a| {
            if args.dry_run {
                a.check().gc_plan().map(<[String]>::to_vec)
            } else {
                a.gc().map(|(_, removed)| removed)
            }
        })
    };
    match result {
        Ok(paths) => match args.format {
            Format::Text => {
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
            Format::Json => {
                let mut report = std::collections::BTreeMap::new();
                let key = if args.dry_run { "toRemove" } else { "removed" };
                report.insert(key, paths);
                print_json(&report)
            }
        },
        Err(oci_model::ModelError::Layout(e)) if e.kind() == LayoutErrorKind::Invalid => {
            errln!("oci-model: {path}: {e}");
            Outcome::Invalid
        }
        Err(e) => complain(&about(path, &e)),
    }
}
