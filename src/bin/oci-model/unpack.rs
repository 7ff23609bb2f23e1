//! `oci-model unpack`: apply every layer of an image of a layout into a
//! directory, verifying each.

use std::path::Path;

use oci_model::image::Platform;
use oci_model::image::layout::{ImageLayout, LayoutArchive, ReadLayout};
use oci_model::layer::{ApplyOptions, Limits, UnpackReport, unpack_image};
use serde::Serialize;

use crate::common::{Format, print_json};
use crate::layer::fail;
use crate::{Outcome, complain, io_message};

/// The arguments of `unpack`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  oci-model unpack ./image:latest rootfs\n  \
                        oci-model unpack image.tar rootfs --platform linux/arm64 --format json")]
pub struct Args {
    /// The report format: one line per layer and a summary, or a JSON
    /// object with `manifest` and `layers`.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The platform of the image to unpack, such as `linux/arm64` (needed
    /// when the name has several).
    #[arg(long, short, value_name = "P")]
    platform: Option<String>,
    /// Apply ownership, device nodes and setuid/setgid bits (needs root);
    /// without it, unpacking is rootless: files belong to the caller,
    /// devices are skipped, setuid/setgid bits cleared.
    #[arg(long)]
    privileged: bool,
    /// Keep a symbolic link to a directory when a later layer has a
    /// directory entry of the same name, and put what follows below the
    /// name through the link (as umoci's `--keep-dirlinks`); without it the
    /// link is replaced by the directory.
    #[arg(long)]
    keep_dirlinks: bool,
    /// The layout (a directory or a `.tar`), with `:TAG` to pick the image
    /// named TAG (`org.opencontainers.image.ref.name`).
    #[arg(value_name = "LAYOUT[:TAG]")]
    image: String,
    /// The directory to unpack into (created when missing).
    #[arg(value_name = "DIR")]
    dir: String,
}

/// The layout path and the tag of `LAYOUT[:TAG]`: the whole text when it
/// names an existing path, else split at the last `:`.
fn split(image: &str) -> (&str, Option<&str>) {
    if Path::new(image).exists() {
        return (image, None);
    }
    match image.rsplit_once(':') {
        Some((path, tag)) if !tag.is_empty() && !tag.contains('/') => (path, Some(tag)),
        _ => (image, None),
    }
}

/// One layer, as the JSON report lists it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Layer {
    digest: String,
    #[serde(rename = "diffID")]
    diff_id: String,
    entries: u64,
    skipped: Vec<String>,
    cleared_bits: u64,
}

/// The JSON report of `unpack`.
#[derive(Serialize)]
struct Report {
    manifest: String,
    layers: Vec<Layer>,
}

/// Runs `unpack`.
pub fn run(args: &Args) -> Outcome {
    let (path, tag) = split(&args.image);
    let platform = match &args.platform {
        None => None,
        Some(s) => match Platform::parse_with_host(s, &Platform::host()) {
            Ok(p) => Some(p),
            Err(e) => return complain(&e.to_string()),
        },
    };
    let dir = Path::new(&args.dir);
    if let Err(e) = std::fs::create_dir_all(dir) {
        return complain(&format!("{}: cannot create: {}", args.dir, io_message(&e)));
    }
    let options = if args.privileged {
        ApplyOptions::privileged()
    } else {
        ApplyOptions::rootless()
    }
    .set_keep_dirlinks(args.keep_dirlinks);
    let result = if Path::new(path).is_dir() {
        ImageLayout::open(path).and_then(|l| go(&l, tag, platform.as_ref(), dir, options))
    } else {
        LayoutArchive::open(path).and_then(|l| go(&l, tag, platform.as_ref(), dir, options))
    };
    match result {
        Ok(report) => print(args, &report),
        Err(e) => fail(path, &e),
    }
}

fn go<L: ReadLayout>(
    layout: &L,
    tag: Option<&str>,
    platform: Option<&Platform>,
    dir: &Path,
    options: ApplyOptions,
) -> oci_model::ModelResult<UnpackReport> {
    unpack_image(layout, tag, platform, dir, options, Limits::default())
}

fn print(args: &Args, report: &UnpackReport) -> Outcome {
    let layers: Vec<Layer> = report
        .layers()
        .iter()
        .map(|l| Layer {
            digest: l.summary().digest().to_string(),
            diff_id: l.summary().diff_id().to_string(),
            entries: l.summary().entries(),
            skipped: l
                .skipped()
                .iter()
                .map(|s| format!("{}: {}", s.entry(), s.reason()))
                .collect(),
            cleared_bits: l.cleared_bits(),
        })
        .collect();
    match args.format {
        Format::Text => {
            let n = layers.len();
            for (i, l) in layers.iter().enumerate() {
                outln!(
                    "layer {}/{n} {}: {} entries, diffID {} verified",
                    i + 1,
                    l.digest,
                    l.entries,
                    l.diff_id
                );
                for s in &l.skipped {
                    outln!("  skipped {s}");
                }
                if l.cleared_bits > 0 {
                    outln!("  setuid/setgid cleared on {} entries", l.cleared_bits);
                }
            }
            outln!(
                "{}: unpacked {} ({n} layers)",
                args.dir,
                report.manifest().digest()
            );
            Outcome::Ok
        }
        Format::Json => print_json(&Report {
            manifest: report.manifest().digest().to_string(),
            layers,
        }),
    }
}
