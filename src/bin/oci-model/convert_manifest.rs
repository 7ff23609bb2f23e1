//! `oci-model convert-manifest`: an OCI manifest or index as a Docker v2
//! schema 2 manifest or manifest list, and back, and a schema 1 manifest
//! as an OCI one (as `skopeo copy --format v2s2|oci` converts them).

use std::path::{Path, PathBuf};

use oci_model::docker::{
    Converted, DockerError, LayerFacts, RegistryManifest, index_to_docker, list_to_oci,
    manifest_to_docker, manifest_to_oci, schema1_to_oci,
};
use oci_model::image::Digest;

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
                        oci-model convert-manifest --to oci list.json\n  \
                        oci-model convert-manifest --to oci --blobs ./image --config-out oci-config.json schema1.json\n\n\
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
    /// Where the layer blobs of a schema 1 manifest are (needed for its
    /// `--to oci`: the configuration lists each layer's DiffID, the digest
    /// of the uncompressed tar): a directory of blobs named by their hex
    /// digest (skopeo's `dir:`) or an image layout (`blobs/sha256/...`).
    #[arg(long, value_name = "DIR")]
    blobs: Option<String>,
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
        (Target::Oci, RegistryManifest::Schema1(m)) => {
            let Some(blobs) = &args.blobs else {
                return Err(complain(&format!(
                    "{file}: a {kind} converts to oci with its layer blobs (their diff ids): give --blobs"
                )));
            };
            let c = schema1_to_oci(m.value(), |d| layer_facts(Path::new(blobs), d))
                .map_err(|e| fail(file, &e))?;
            let image = accept(args, c)?;
            if let Some(out) = &args.config_out {
                std::fs::write(out, image.config())
                    .map_err(|e| complain(&format!("{out}: {}", crate::io_message(&e))))?;
            }
            print(args, image.manifest())
        }
        (Target::Docker, RegistryManifest::Schema1(_)) => Err(complain(&format!(
            "{file}: a {kind} converts to oci only (schema 1 is read-only)"
        ))),
        (to, _) => Err(complain(&format!(
            "{file}: a {kind} is already {}",
            if to == Target::Oci { "oci" } else { "docker" }
        ))),
    }
}

/// The blob `digest` under `dir`: `dir/<hex>` (skopeo's `dir:`) or
/// `dir/blobs/<algorithm>/<hex>` (an image layout).
fn blob_path(dir: &Path, digest: &Digest) -> PathBuf {
    let flat = dir.join(digest.encoded());
    if flat.is_file() {
        return flat;
    }
    dir.join("blobs")
        .join(digest.algorithm().to_string())
        .join(digest.encoded())
}

/// The size of the layer blob `digest` and its DiffID (the digest of the
/// tar inside, read through its compression); the blob must hash to
/// `digest`.
fn layer_facts(dir: &Path, digest: &Digest) -> std::io::Result<LayerFacts> {
    let path = blob_path(dir, digest);
    let file = std::fs::File::open(&path)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
    let size = file.metadata()?.len();
    let d = oci_model::image::Descriptor::new(
        oci_model::image::MediaType::ImageLayerGzip,
        size,
        digest.clone(),
    );
    let summary = oci_model::layer::LayerReader::with_descriptor(file, &d)
        .and_then(|r| r.for_each(|_, _| Ok(())))
        .map_err(|e| std::io::Error::other(format!("{}: {e}", path.display())))?;
    Ok(LayerFacts {
        size,
        diff_id: summary.diff_id().clone(),
    })
}
