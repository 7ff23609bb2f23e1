//! `oci-model select`: the manifest of an image index to use on a platform,
//! chosen as containerd chooses it; entries without `platform` (as umoci
//! and skopeo write `index.json`) by their image configuration, read from
//! the layout.

use std::path::Path;

use oci_model::image::layout::{ImageLayout, LayoutArchive, MAX_DOCUMENT_SIZE, ReadLayout};
use oci_model::image::{Descriptor, ImageIndex, Platform, PlatformMatcher};

use crate::common::print_json;
use crate::{Outcome, complain, decode_parts, read_input};

/// The arguments of `select`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  oci-model select index.json --platform linux/arm64\n  \
                        oci-model select index.json -p 'windows(10.0.20348)/amd64'\n  \
                        oci-model select index.json -p linux/arm/v7 --all"
)]
pub struct Args {
    /// The platform to run on, such as `linux/arm64` (this host's platform
    /// and what it runs when absent).
    #[arg(long, short, value_name = "P")]
    platform: Option<String>,
    /// Only the exact platform, without the fallbacks it runs (`amd64`
    /// without `386`, `arm/v7` without `arm/v6`).
    #[arg(long)]
    strict: bool,
    /// Print every matching descriptor, best first, as a JSON array.
    #[arg(long)]
    all: bool,
    /// The image index: an image layout (its directory, its `.tar`, or
    /// the `index.json` inside it), whose blobs give the platform of
    /// entries without one and the entries of nested indexes; or a bare
    /// index file (`-` reads standard input), whose entries must all carry
    /// a `platform`.
    #[arg(value_name = "INDEX")]
    index: String,
}

/// Where the blobs of the index's entries come from.
enum Blobs {
    /// An image layout directory.
    Dir(ImageLayout),
    /// An image layout archive.
    Tar(LayoutArchive),
    /// None: a bare index file or standard input.
    None,
}

impl Blobs {
    fn read(&self, d: &Descriptor) -> oci_model::ModelResult<Vec<u8>> {
        match self {
            Blobs::Dir(l) => l.read_blob(d, MAX_DOCUMENT_SIZE),
            Blobs::Tar(l) => l.read_blob(d, MAX_DOCUMENT_SIZE),
            Blobs::None => unreachable_without_blobs(d),
        }
    }
}

/// `Blobs::None` is only used after checking that no entry needs a blob.
fn unreachable_without_blobs(d: &Descriptor) -> oci_model::ModelResult<Vec<u8>> {
    Err(std::io::Error::new(
        std::io::ErrorKind::NotFound,
        format!("no blobs at hand to read {}", d.digest()),
    )
    .into())
}

/// The index `file` names and the blobs beside it: a layout directory or
/// `.tar` (its `index.json`), an `index.json` inside a layout directory,
/// or a bare index file.
fn open(file: &str) -> Result<(ImageIndex, Blobs), Outcome> {
    let path = Path::new(file);
    if file != "-" && path.is_dir() {
        let l = ImageLayout::open(path).map_err(|e| complain(&format!("{file}: {e}")))?;
        return Ok((l.index().clone(), Blobs::Dir(l)));
    }
    if path.extension().is_some_and(|e| e == "tar") && path.is_file() {
        let l = LayoutArchive::open(path).map_err(|e| complain(&format!("{file}: {e}")))?;
        return Ok((l.index().clone(), Blobs::Tar(l)));
    }
    let bytes = read_input(file).map_err(|m| complain(&m))?;
    let index = oci_model::io::from_slice::<ImageIndex>(&bytes).map_err(|e| {
        let (at, message) = decode_parts(&e);
        errln!("oci-model: {file}: {at}: error[decode]: {message}");
        Outcome::Invalid
    })?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let in_layout = file != "-"
        && path.file_name().is_some_and(|n| n == "index.json")
        && dir.join("oci-layout").is_file();
    if in_layout {
        // The layout's own index.json: read the blobs beside it.
        if let Ok(l) = ImageLayout::open(dir) {
            return Ok((index, Blobs::Dir(l)));
        }
    }
    Ok((index, Blobs::None))
}

/// Runs `select`: prints the chosen descriptor as JSON; exit status 1 when
/// no entry matches, 2 when an entry's platform cannot be known because no
/// blobs are at hand.
pub fn run(args: &Args) -> Outcome {
    let matcher = match &args.platform {
        None if args.strict => PlatformMatcher::strict(&Platform::host()),
        None => PlatformMatcher::host(),
        Some(s) => match Platform::parse_with_host(s, &Platform::host()) {
            Ok(p) if args.strict => PlatformMatcher::strict(&p),
            Ok(p) => PlatformMatcher::only(&p),
            Err(e) => return complain(&e.to_string()),
        },
    };
    let file = args.index.as_str();
    let (index, blobs) = match open(file) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    if matches!(blobs, Blobs::None) {
        let needs = index.manifests().iter().enumerate().find(|(_, d)| {
            d.media_type().is_index() || (d.media_type().is_manifest() && d.platform().is_none())
        });
        if let Some((i, d)) = needs {
            let what = if d.media_type().is_index() {
                "is an image index: the platforms of its entries are in its blob"
            } else {
                "has no platform: it is in the image configuration of the manifest"
            };
            return complain(&format!(
                "{file}: /manifests/{i} {what}, and no blobs are at hand: expected an image layout (its directory, its .tar, or the index.json inside it)"
            ));
        }
    }
    let found = match index.matching_with(&matcher, |d| blobs.read(d)) {
        Ok(found) => found,
        Err(e) => return complain(&format!("{file}: {e}")),
    };
    let Some((best, _)) = found.first() else {
        let wanted: Vec<String> = matcher.platforms().map(ToString::to_string).collect();
        errln!(
            "oci-model: {file}: no manifest matches: expected an entry for one of {}",
            wanted.join(", ")
        );
        return Outcome::Invalid;
    };
    if args.all {
        let all: Vec<&Descriptor> = found.iter().map(|(d, _)| d).collect();
        print_json(&all)
    } else {
        print_json(best)
    }
}
