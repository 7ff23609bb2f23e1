//! `oci-model convert-manifest`: an OCI manifest or index as a Docker v2
//! schema 2 manifest or manifest list, and back (as `skopeo copy --format
//! v2s2|oci` converts them).

use oci_model::docker::{
    Converted, DockerError, ManifestKind, RegistryManifest, index_to_docker, list_to_oci,
    manifest_to_docker, manifest_to_oci,
};

use crate::{Outcome, complain, read_input};

/// The format to convert to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// OCI image manifest / image index.
    Oci,
    /// Docker v2 schema 2 manifest / manifest list.
    Docker,
}

/// The arguments of `convert-manifest`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  oci-model convert-manifest --to docker manifest.json\n  \
                        oci-model convert-manifest --to oci --config config.json --config-out oci-config.json manifest.json\n  \
                        oci-model convert-manifest --to oci list.json\n\n\
                  What the target format has no place for (annotations, artifactType, subject, ...) \
                  is listed on stderr and fails the command unless --allow-loss is given."
)]
pub struct Args {
    /// The format to convert to.
    #[arg(long, value_enum)]
    to: Target,
    /// The image configuration a Docker manifest describes (needed for
    /// `--to oci`: the configuration is rewritten as an OCI one, so its
    /// digest changes).
    #[arg(long, value_name = "CONFIG")]
    config: Option<String>,
    /// Where to write the OCI configuration of `--to oci`.
    #[arg(long, value_name = "FILE")]
    config_out: Option<String>,
    /// Convert even when something cannot be carried over (still listed
    /// on stderr).
    #[arg(long)]
    allow_loss: bool,
    /// Print compact JSON instead of pretty JSON.
    #[arg(long)]
    compact: bool,
    /// The manifest or index (`-` reads standard input).
    #[arg(value_name = "FILE")]
    file: String,
}

/// Runs `convert-manifest`.
pub fn run(args: &Args) -> Outcome {
    match convert(args) {
        Ok(o) | Err(o) => o,
    }
}

fn fail(file: &str, e: &DockerError) -> Outcome {
    errln!("oci-model: {file}: {e}");
    Outcome::Invalid
}

/// Lists the losses; refuses them unless `--allow-loss`.
fn accept<T>(args: &Args, c: Converted<T>) -> Result<T, Outcome> {
    for l in c.losses() {
        let what = if args.allow_loss { "warning" } else { "error" };
        errln!(
            "oci-model: {}: {}: {what}[loss]: {}",
            args.file,
            l.path(),
            l.what()
        );
    }
    if !c.losses().is_empty() && !args.allow_loss {
        return Err(Outcome::Invalid);
    }
    Ok(c.into_value())
}

fn print<T: serde::Serialize>(args: &Args, value: &T) -> Result<Outcome, Outcome> {
    match oci_model::io::to_vec(value, !args.compact) {
        Ok(bytes) => {
            outln!("{}", String::from_utf8_lossy(&bytes));
            Ok(Outcome::Ok)
        }
        Err(e) => Err(complain(&format!("cannot write: {e}"))),
    }
}

fn convert(args: &Args) -> Result<Outcome, Outcome> {
    let file = args.file.as_str();
    let bytes = read_input(file).map_err(|m| complain(&m))?;
    let doc = RegistryManifest::from_registry(None, bytes).map_err(|e| fail(file, &e))?;
    let kind = doc.kind();
    match (args.to, doc) {
        (Target::Docker, RegistryManifest::OciManifest(m)) => {
            let c = manifest_to_docker(m.value()).map_err(|e| fail(file, &e))?;
            print(args, &accept(args, c)?)
        }
        (Target::Docker, RegistryManifest::OciIndex(i)) => {
            let c = index_to_docker(i.value()).map_err(|e| fail(file, &e))?;
            print(args, &accept(args, c)?)
        }
        (Target::Oci, RegistryManifest::DockerManifestList(l)) => {
            let c = list_to_oci(l.value()).map_err(|e| fail(file, &e))?;
            print(args, &accept(args, c)?)
        }
        (Target::Oci, RegistryManifest::DockerManifest(m)) => {
            let Some(config) = &args.config else {
                return Err(complain(&format!(
                    "{file}: a docker manifest converts to oci with its configuration: give --config"
                )));
            };
            let config_bytes = read_input(config).map_err(|m| complain(&m))?;
            let c = manifest_to_oci(m.value(), &config_bytes).map_err(|e| fail(file, &e))?;
            let image = accept(args, c)?;
            if let Some(out) = &args.config_out {
                std::fs::write(out, image.config())
                    .map_err(|e| complain(&format!("{out}: {}", crate::io_message(&e))))?;
            }
            print(args, image.manifest())
        }
        (_, _) if matches!(kind, ManifestKind::Schema1 | ManifestKind::Schema1Signed) => {
            Err(complain(&format!(
                "{file}: a {kind} converts with its layer blobs (their diff ids): use oci_model::docker::schema1_to_oci"
            )))
        }
        (to, _) => Err(complain(&format!(
            "{file}: a {kind} is already {}",
            if to == Target::Oci { "oci" } else { "docker" }
        ))),
    }
}
