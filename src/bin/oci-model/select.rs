//! `oci-model select`: the manifest of an image index to use on a platform,
//! chosen as containerd chooses it.

use oci_model::image::{ImageIndex, Platform, PlatformMatcher};

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
    /// The image index (`-` reads standard input).
    #[arg(value_name = "INDEX")]
    index: String,
}

/// Runs `select`: prints the chosen descriptor as JSON; exit status 1 when
/// no entry matches.
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
    let bytes = match read_input(file) {
        Ok(b) => b,
        Err(message) => return complain(&message),
    };
    let index = match oci_model::io::from_slice::<ImageIndex>(&bytes) {
        Ok(i) => i,
        Err(e) => {
            let (path, message) = decode_parts(&e);
            errln!("oci-model: {file}: {path}: error[decode]: {message}");
            return Outcome::Invalid;
        }
    };
    let found = index.matching(&matcher);
    let Some(best) = found.first() else {
        let wanted: Vec<String> = matcher.platforms().map(ToString::to_string).collect();
        errln!(
            "oci-model: {file}: no manifest matches: expected an entry for one of {}",
            wanted.join(", ")
        );
        return Outcome::Invalid;
    };
    if args.all {
        print_json(&found)
    } else {
        print_json(*best)
    }
}
