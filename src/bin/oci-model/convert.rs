//! `oci-model convert`: an image configuration as a runtime `config.json`
//! (image-spec conversion.md), from the runc-style defaults.

use oci_model::image::{Converter, EtcPasswd, ImageConfiguration, ImageManifest};
use oci_model::runtime::Spec;

use crate::{Outcome, complain, decode_parts, read_input};

/// The arguments of `convert`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  oci-model convert config.json > bundle/config.json\n  \
                        oci-model convert config.json --passwd rootfs/etc/passwd --group rootfs/etc/group\n  \
                        oci-model convert config.json -e DEBUG=1 --entrypoint /bin/sh -- -c 'id'"
)]
pub struct Args {
    /// Departs from conversion.md ("A converter SHOULD NOT attempt to
    /// extract annotations from manifests"): take the annotations of this
    /// manifest for the keys conversion.md maps (created, author,
    /// stopSignal, ...) where the configuration leaves them out. Without
    /// it, nothing comes from a manifest.
    #[arg(long, value_name = "MANIFEST")]
    manifest_annotations: Option<String>,
    /// The `ociVersion` to write. The default, 1.0.2, is the oldest
    /// runtime-spec release that defines every field a conversion writes;
    /// crun 1.8 and runc 1.1 accept it (crun 1.8 refuses 1.2.0 and later).
    #[arg(long, value_name = "VERSION", default_value = oci_model::image::CONVERSION_OCI_VERSION)]
    oci_version: String,
    /// A runtime spec to start from instead of the runc-style defaults.
    #[arg(long, value_name = "SPEC")]
    base: Option<String>,
    /// The container's `/etc/passwd`, to resolve a user name in `User`.
    #[arg(long, value_name = "FILE")]
    passwd: Option<String>,
    /// The container's `/etc/group`, to resolve a group name in `User`.
    #[arg(long, value_name = "FILE")]
    group: Option<String>,
    /// The user to run as instead of the image's `User`.
    #[arg(long, short)]
    user: Option<String>,
    /// An environment entry that wins over the image's (`NAME=value`
    /// replaces the first entry of that name and drops its others, or is
    /// appended; `NAME` alone removes it). The image's `Env` is otherwise
    /// copied verbatim. Repeatable.
    #[arg(long, short, value_name = "ENTRY")]
    env: Vec<String>,
    /// A program that replaces the image's `Entrypoint` (and drops its
    /// `Cmd`, as `docker run --entrypoint` does).
    #[arg(long, value_name = "PROG")]
    entrypoint: Option<String>,
    /// Do not turn `Volumes` into tmpfs mounts.
    #[arg(long)]
    no_volumes: bool,
    /// Print compact JSON instead of pretty JSON.
    #[arg(long)]
    compact: bool,
    /// The image configuration (`-` reads standard input).
    #[arg(value_name = "CONFIG")]
    config: String,
    /// A command that replaces the image's `Cmd`.
    #[arg(last = true, value_name = "CMD")]
    cmd: Vec<String>,
}

/// Reads and decodes one document, reporting failures.
fn load<T: serde::de::DeserializeOwned>(file: &str) -> Result<T, Outcome> {
    let bytes = read_input(file).map_err(|m| complain(&m))?;
    oci_model::io::from_slice::<T>(&bytes).map_err(|e| {
        let (path, message) = decode_parts(&e);
        errln!("oci-model: {file}: {path}: error[decode]: {message}");
        Outcome::Invalid
    })
}

/// Reads a text file, or returns "" when not given.
fn text(file: Option<&String>) -> Result<String, Outcome> {
    let Some(file) = file else {
        return Ok(String::new());
    };
    let bytes = read_input(file).map_err(|m| complain(&m))?;
    String::from_utf8(bytes).map_err(|_| complain(&format!("{file}: not utf-8 text")))
}

/// Runs `convert`.
pub fn run(args: &Args) -> Outcome {
    match convert(args) {
        Ok(out) => out,
        Err(outcome) => outcome,
    }
}

fn convert(args: &Args) -> Result<Outcome, Outcome> {
    let image: ImageConfiguration = load(&args.config)?;
    let users = if args.passwd.is_some() || args.group.is_some() {
        Some(EtcPasswd::parse(
            &text(args.passwd.as_ref())?,
            &text(args.group.as_ref())?,
        ))
    } else {
        None
    };
    let mut converter = Converter::new()
        .volumes(!args.no_volumes)
        .env(&args.env)
        .oci_version(&args.oci_version);
    if let Some(base) = &args.base {
        converter = converter.base(load::<Spec>(base)?);
    }
    if let Some(m) = &args.manifest_annotations {
        converter = converter.manifest_annotations(&load::<ImageManifest>(m)?);
    }
    if let Some(users) = &users {
        converter = converter.user_lookup(users);
    }
    if let Some(u) = &args.user {
        converter = converter.user(u);
    }
    if let Some(e) = &args.entrypoint {
        converter = converter.entrypoint([e]);
    }
    if !args.cmd.is_empty() {
        converter = converter.cmd(&args.cmd);
    }
    let spec = converter.convert(&image).map_err(|e| {
        errln!("oci-model: {}: {e}", args.config);
        Outcome::Invalid
    })?;
    let out = oci_model::io::to_string(&spec, !args.compact);
    match out {
        Ok(s) => {
            outln!("{s}");
            Ok(Outcome::Ok)
        }
        Err(e) => Err(complain(&format!("cannot write: {e}"))),
    }
}
