//! `oci-model platform`: parse platform strings (`linux/arm64/v8`,
//! `aarch64`, `windows(10.0.20348)/amd64`) and print their normal form,
//! as containerd's `platforms.Normalize` gives it.

use oci_model::image::{Platform, PlatformMatcher};
use serde::Serialize;

use crate::Outcome;
use crate::common::{Format, print_json};

/// The arguments of `platform`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  oci-model platform aarch64 linux/armhf 'windows(10.0.20348)/amd64'\n  \
                        oci-model platform --host --format json"
)]
pub struct Args {
    /// Also print the platform of this host (printed alone when no STRING
    /// is given).
    #[arg(long)]
    host: bool,
    /// The report format: `text` prints one normalized platform per line;
    /// `json` an array with the fields and what each platform runs.
    #[arg(long, short, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Platform strings: `os`, `arch`, `os/arch` or `os/arch/variant`.
    #[arg(value_name = "STRING")]
    strings: Vec<String>,
}

/// One platform, as the JSON report lists it.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    input: &'a str,
    platform: String,
    normalized: &'a Platform,
    runs: Vec<String>,
}

/// Runs `platform`.
pub fn run(args: &Args) -> Outcome {
    let host = Platform::host();
    let mut parsed: Vec<(&str, Platform)> = Vec::new();
    let mut worst = Outcome::Ok;
    // Printed as containerd's `Format(Normalize(Parse(s)))`: `linux/arm`
    // is `linux/arm/v7`, `linux/arm64/v8` is `linux/arm64`.
    if args.host || args.strings.is_empty() {
        parsed.push(("--host", host.normalize()));
    }
    for s in &args.strings {
        match Platform::parse_with_host(s, &host) {
            Ok(p) => parsed.push((s, p.normalize())),
            Err(e) => {
                errln!("oci-model: {e}");
                worst = Outcome::Invalid;
            }
        }
    }
    match args.format {
        Format::Text => {
            for (_, p) in &parsed {
                outln!("{p}");
            }
        }
        Format::Json => {
            let entries: Vec<Entry<'_>> = parsed
                .iter()
                .map(|(input, p)| Entry {
                    input,
                    platform: p.to_string(),
                    normalized: p,
                    runs: PlatformMatcher::only(p)
                        .platforms()
                        .map(ToString::to_string)
                        .collect(),
                })
                .collect();
            worst = worst.max(print_json(&entries));
        }
    }
    worst
}
