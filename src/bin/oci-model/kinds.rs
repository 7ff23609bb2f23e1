//! The table of document kinds: each kind names one top-level type of the
//! model, and every command works on a kind through the same two generic
//! functions (decode then validate, decode then re-serialize).

use clap::ValueEnum;
use serde::Serialize;
use serde::de::DeserializeOwned;

use oci_model::io::DecodeOptions;
use oci_model::validate::{Checker, Limits};
use oci_model::{Validate, ValidationReport};

/// A kind of document the tool can read (OCI, and Docker's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// image-spec content descriptor.
    Descriptor,
    /// image-spec image manifest.
    Manifest,
    /// image-spec image index (also an image layout's `index.json`).
    Index,
    /// image-spec image configuration.
    Config,
    /// image-spec `oci-layout` file.
    Layout,
    /// runtime-spec `config.json`.
    RuntimeConfig,
    /// runtime-spec `state.json`.
    State,
    /// runtime-spec `features.json`.
    Features,
    /// runtime-spec container process state (sent to a seccomp agent).
    ContainerProcessState,
    /// distribution-spec error response body.
    Error,
    /// distribution-spec tag list.
    Taglist,
    /// distribution-spec repository list (catalog).
    Repositorylist,
    /// distribution-spec referrers response (an image index).
    Referrers,
    /// distribution-spec extension list.
    Extensions,
    /// Docker v2 schema 2 image manifest.
    DockerManifest,
    /// Docker v2 schema 2 manifest list.
    DockerManifestList,
    /// Docker image configuration (image spec v1.2).
    DockerConfig,
    /// Docker schema 1 manifest, plain or signed (legacy).
    DockerSchema1,
}

/// What a command can do with the documents of one kind.
#[derive(Clone, Copy)]
pub struct Ops {
    /// Decodes the bytes with the options and validates the document,
    /// keeping the violations the limits allow.
    pub validate: fn(&[u8], DecodeOptions, Limits) -> oci_model::ModelResult<ValidationReport>,
    /// Decodes the bytes and serializes the document again (pretty or not).
    pub format: fn(&[u8], bool) -> oci_model::ModelResult<Vec<u8>>,
}

fn validate_as<T: DeserializeOwned + Validate>(
    bytes: &[u8],
    options: DecodeOptions,
    limits: Limits,
) -> oci_model::ModelResult<ValidationReport> {
    // With `RepeatedNames::KeepLast`, each repeated name is a warning of
    // the report.
    let doc = oci_model::io::from_slice_with::<T>(bytes, options)?;
    Ok(doc.validate_with(limits))
}

fn format_as<T: DeserializeOwned + Serialize>(
    bytes: &[u8],
    pretty: bool,
) -> oci_model::ModelResult<Vec<u8>> {
    let doc: T = oci_model::io::from_slice(bytes)?;
    oci_model::io::to_vec(&doc, pretty)
}

/// Also warns about `null` members, which the JSON schema of the document
/// does not allow (image-spec and runtime-spec documents but the image
/// configuration, where the spec allows `null`).
fn validate_without_nulls<T: DeserializeOwned + Validate>(
    bytes: &[u8],
    options: DecodeOptions,
    limits: Limits,
) -> oci_model::ModelResult<ValidationReport> {
    let doc = oci_model::io::from_slice_with::<T>(bytes, options)?;
    let mut checker = Checker::with_limits(limits);
    doc.check(&mut checker);
    drop(doc);
    oci_model::validate::check_null_members(bytes, &mut checker)?;
    Ok(checker.finish())
}

/// The operations for the model type `T`.
fn ops<T: DeserializeOwned + Serialize + Validate>() -> Ops {
    Ops {
        validate: validate_as::<T>,
        format: format_as::<T>,
    }
}

/// The operations for the model type `T` of a document whose schema has no
/// `null` members.
fn ops_without_nulls<T: DeserializeOwned + Serialize + Validate>() -> Ops {
    Ops {
        validate: validate_without_nulls::<T>,
        format: format_as::<T>,
    }
}

impl Kind {
    /// The kind's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Descriptor => "descriptor",
            Kind::Manifest => "manifest",
            Kind::Index => "index",
            Kind::Config => "config",
            Kind::Layout => "layout",
            Kind::RuntimeConfig => "runtime-config",
            Kind::State => "state",
            Kind::Features => "features",
            Kind::ContainerProcessState => "container-process-state",
            Kind::Error => "error",
            Kind::Taglist => "taglist",
            Kind::Repositorylist => "repositorylist",
            Kind::Referrers => "referrers",
            Kind::Extensions => "extensions",
            Kind::DockerManifest => "docker-manifest",
            Kind::DockerManifestList => "docker-manifest-list",
            Kind::DockerConfig => "docker-config",
            Kind::DockerSchema1 => "docker-schema1",
        }
    }

    /// Every kind, in the order of the help text.
    pub fn all() -> &'static [Kind] {
        Kind::value_variants()
    }

    /// The kinds' names joined with ", " (for messages).
    pub fn names() -> String {
        Kind::all()
            .iter()
            .map(|k| k.name())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The operations on this kind's model type: one line per kind.
    pub fn ops(self) -> Ops {
        use oci_model::{distribution, docker, image, runtime};
        match self {
            Kind::Descriptor => ops_without_nulls::<image::Descriptor>(),
            Kind::Manifest => ops_without_nulls::<image::ImageManifest>(),
            Kind::Index => ops_without_nulls::<image::ImageIndex>(),
            Kind::Config => ops::<image::ImageConfiguration>(),
            Kind::Layout => ops_without_nulls::<image::OciLayout>(),
            Kind::RuntimeConfig => ops_without_nulls::<runtime::Spec>(),
            Kind::State => ops_without_nulls::<runtime::State>(),
            // `features.json` checks its own raw-JSON rules (members the
            // spec does not define, `null` members) as it validates.
            Kind::Features => ops::<runtime::Features>(),
            Kind::ContainerProcessState => ops_without_nulls::<runtime::ContainerProcessState>(),
            Kind::Error => ops::<distribution::ErrorResponse>(),
            Kind::Taglist => ops::<distribution::TagList>(),
            Kind::Repositorylist => ops::<distribution::RepositoryList>(),
            Kind::Referrers => ops::<distribution::ReferrersResponse>(),
            Kind::Extensions => ops::<distribution::ExtensionList>(),
            Kind::DockerManifest => ops_without_nulls::<docker::DockerManifest>(),
            Kind::DockerManifestList => ops_without_nulls::<docker::DockerManifestList>(),
            Kind::DockerConfig => ops::<docker::DockerImageConfig>(),
            Kind::DockerSchema1 => ops::<docker::Schema1Manifest>(),
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_clap_values() {
        for k in Kind::all() {
            let pv = k.to_possible_value().unwrap();
            assert_eq!(pv.get_name(), k.name());
        }
        assert_eq!(Kind::all().len(), 18);
    }
}
