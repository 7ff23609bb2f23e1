//! `oci-model layer`: write a directory as a layer, list a layer.

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::Path;

use clap::{Subcommand, ValueEnum};
use oci_model::ModelError;
use oci_model::image::layout::LayoutErrorKind;
use oci_model::image::{Compression, Descriptor};
use oci_model::layer::{LayerEntry, LayerErrorKind, LayerReader, WriteOptions, write_dir};
use serde::Serialize;

use crate::common::{Format, print_json};
use crate::{Outcome, complain, io_message, lowercase_first};

/// The arguments of `layer`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: LayerCommand,
}

#[derive(Debug, Subcommand)]
enum LayerCommand {
    /// Write the tree below a directory as a deterministic layer (sorted
    /// entries, owner 0:0, times 0) and print its descriptor and DiffID.
    ///
    /// Exit status: 0 when written, 2 on usage or I/O errors.
    Create(CreateArgs),
    /// List the entries of a layer (plain, gzip or zstd, detected from its
    /// bytes) and check that it reads to its end.
    ///
    /// Exit status: 0 when the layer reads, 1 when it is broken, 2 when
    /// the file cannot be read.
    Ls(LsArgs),
}

/// A layer compression on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Compress {
    /// gzip (`application/vnd.oci.image.layer.v1.tar+gzip`).
    Gzip,
    /// zstd (`application/vnd.oci.image.layer.v1.tar+zstd`).
    Zstd,
    /// A plain tar (`application/vnd.oci.image.layer.v1.tar`).
    None,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  oci-model layer create rootfs -o layer.tar.gz\n  \
                        oci-model layer create rootfs -o layer.tar.zst --compression zstd --format json"
)]
struct CreateArgs {
    /// The report format: `KEY  VALUE` lines (mediaType, digest, size,
    /// diffID), or a JSON object with `descriptor` and `diffID`.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The compression.
    #[arg(long, short, value_enum, default_value_t = Compress::Gzip)]
    compression: Compress,
    /// The layer file to write (replaced when it exists).
    #[arg(long, short, value_name = "LAYER")]
    output: String,
    /// The directory whose content becomes the layer.
    #[arg(value_name = "DIR")]
    dir: String,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  oci-model layer ls layer.tar.gz\n  \
                        oci-model layer ls --format json blobs/sha256/4e07…")]
struct LsArgs {
    /// The report format: `TYPE MODE UID:GID SIZE PATH [-> TARGET]` lines,
    /// or a JSON object with the digests and `entries`.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The layer file.
    #[arg(value_name = "LAYER")]
    layer: String,
}

/// Runs `layer`.
pub fn run(args: &Args) -> Outcome {
    match &args.command {
        LayerCommand::Create(a) => create(a),
        LayerCommand::Ls(a) => ls(a),
    }
}

/// The JSON report of `layer create`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Created<'a> {
    descriptor: &'a Descriptor,
    #[serde(rename = "diffID")]
    diff_id: String,
    uncompressed_size: u64,
    entries: u64,
}

/// The message of a crate error, naming the file when the error does not.
pub fn message(file: &str, e: &ModelError) -> String {
    match e {
        ModelError::File { path, source } => {
            format!("{}: {}", path.display(), io_message(source))
        }
        ModelError::Io(source) => format!("{file}: {}", io_message(source)),
        other => format!("{file}: {}", lowercase_first(&other.to_string())),
    }
}

/// True for a problem of the layer or image (exit status 1), false for
/// usage and I/O errors (2).
pub fn problem_found(e: &ModelError) -> bool {
    match e {
        ModelError::Layer(l) => l.kind() != LayerErrorKind::NotADirectory,
        ModelError::Layout(l) => !matches!(
            l.kind(),
            LayoutErrorKind::NotALayout | LayoutErrorKind::UnsupportedVersion
        ),
        ModelError::Verify(_) | ModelError::Decode(_) | ModelError::Parse(_) => true,
        _ => false,
    }
}

/// Reports `e` about `file` with the exit status it calls for.
pub fn fail(file: &str, e: &ModelError) -> Outcome {
    let text = message(file, e);
    if problem_found(e) {
        errln!("oci-model: {text}");
        Outcome::Invalid
    } else {
        complain(&text)
    }
}

fn create(args: &CreateArgs) -> Outcome {
    let compression = match args.compression {
        Compress::Gzip => Compression::Gzip,
        Compress::Zstd => Compression::Zstd,
        Compress::None => Compression::Uncompressed,
    };
    let out = match File::create(&args.output) {
        Ok(f) => BufWriter::with_capacity(256 * 1024, f),
        Err(e) => {
            return complain(&format!(
                "{}: cannot write: {}",
                args.output,
                io_message(&e)
            ));
        }
    };
    let written = write_dir(Path::new(&args.dir), out, &WriteOptions::new(compression)).and_then(
        |(w, layer)| {
            w.into_inner()
                .map_err(|e| ModelError::Io(e.into_error()))?
                .sync_all()?;
            Ok(layer)
        },
    );
    let layer = match written {
        Ok(l) => l,
        Err(e) => {
            let _ = std::fs::remove_file(&args.output);
            return complain(&message(&args.dir, &e));
        }
    };
    let d = layer.descriptor();
    match args.format {
        Format::Text => {
            outln!("mediaType  {}", d.media_type());
            outln!("digest     {}", d.digest());
            outln!("size       {}", d.size());
            outln!("diffID     {}", layer.diff_id());
            Outcome::Ok
        }
        Format::Json => print_json(&Created {
            descriptor: d,
            diff_id: layer.diff_id().to_string(),
            uncompressed_size: layer.uncompressed_size(),
            entries: layer.entries(),
        }),
    }
}

/// One entry as `layer ls --format json` lists it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    path: String,
    #[serde(rename = "type")]
    kind: &'static str,
    mode: String,
    uid: u64,
    gid: u64,
    size: u64,
    mtime: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    link_target: Option<String>,
}

impl From<&LayerEntry> for Entry {
    fn from(e: &LayerEntry) -> Self {
        Self {
            path: e.path(),
            kind: e.kind().as_str(),
            mode: format!("{:04o}", e.mode()),
            uid: e.uid(),
            gid: e.gid(),
            size: e.size(),
            mtime: e.mtime(),
            link_target: e.link_target(),
        }
    }
}

/// The JSON report of `layer ls`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Listing {
    compression: &'static str,
    digest: String,
    size: u64,
    #[serde(rename = "diffID")]
    diff_id: String,
    uncompressed_size: u64,
    entries: Vec<Entry>,
}

fn ls(args: &LsArgs) -> Outcome {
    let file = args.layer.as_str();
    let f = match File::open(file) {
        Ok(f) => f,
        Err(e) => return complain(&format!("{file}: cannot read: {}", io_message(&e))),
    };
    let listed =
        LayerReader::new(BufReader::with_capacity(256 * 1024, f)).and_then(LayerReader::list);
    let (entries, summary) = match listed {
        Ok(l) => l,
        Err(e) => return fail(file, &e),
    };
    match args.format {
        Format::Text => {
            for e in &entries {
                let target = e
                    .link_target()
                    .map(|t| format!(" -> {t}"))
                    .unwrap_or_default();
                outln!(
                    "{:<8} {:04o} {}:{} {:>10} {}{target}",
                    e.kind().as_str(),
                    e.mode(),
                    e.uid(),
                    e.gid(),
                    e.size(),
                    e.path()
                );
            }
            Outcome::Ok
        }
        Format::Json => print_json(&Listing {
            compression: match summary.compression() {
                Compression::Gzip => "gzip",
                Compression::Zstd => "zstd",
                _ => "none",
            },
            digest: summary.digest().to_string(),
            size: summary.compressed_size(),
            diff_id: summary.diff_id().to_string(),
            uncompressed_size: summary.size(),
            entries: entries.iter().map(Entry::from).collect(),
        }),
    }
}
