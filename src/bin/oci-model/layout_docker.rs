//! docker-archives in `oci-model layout`: `check` and `ls` of a `docker
//! save` archive, `layout docker-archive` writing one from a layout, and
//! `layout from-docker-archive` converting one to a layout.

use std::path::Path;

use oci_model::docker::DockerArchive;
use oci_model::image::layout::{ImageLayout, LayoutArchive, ReadLayout};
use oci_model::image::{Descriptor, Digest};
use oci_model::validate::quote;
use serde::Serialize;

use crate::common::{Format, print_json};
use crate::{Outcome, complain};

/// The docker-archive at `path`, when it is one and not also an OCI
/// layout (those are checked as layouts).
pub fn open(path: &str) -> Option<DockerArchive> {
    if Path::new(path).is_dir() {
        return None;
    }
    DockerArchive::open(path)
        .ok()
        .filter(|a| !a.is_oci_layout())
}

/// One problem of `check --format json`.
#[derive(Serialize)]
struct Problem<'a> {
    path: &'a str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
}

/// The JSON report of `check` on a docker-archive.
#[derive(Serialize)]
struct Report<'a> {
    path: &'a str,
    format: &'static str,
    valid: bool,
    images: usize,
    problems: Vec<Problem<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    omitted: Option<crate::limits::OmittedJson<'a>>,
}

/// `layout check` of a docker-archive.
pub fn check(
    path: &str,
    a: &DockerArchive,
    format: Format,
    limits: &crate::limits::LimitArgs,
) -> Outcome {
    let report = a.check();
    let images = a.images().len();
    let (shown, omitted) = crate::limits::pick(
        report.violations(),
        limits.limits(),
        oci_model::Violation::rule_name,
        oci_model::Violation::is_error,
    );
    match format {
        Format::Text => {
            for v in &shown {
                outln!(
                    "{path}: {}: {}[{}]: {}",
                    v.path(),
                    v.severity().as_str(),
                    v.rule_name(),
                    v.message()
                );
            }
            if !omitted.is_empty() {
                outln!("{path}: {}", omitted.line());
            }
            let errors = report.errors().count();
            let warnings = report.warnings().count();
            let what = format!("docker-archive, {}", plural(images, "image"));
            if errors > 0 {
                outln!(
                    "{path}: invalid ({}, {}; {what})",
                    plural(errors, "error"),
                    plural(warnings, "warning")
                );
            } else if warnings > 0 {
                outln!("{path}: ok with {} ({what})", plural(warnings, "warning"));
            } else {
                outln!("{path}: ok ({what})");
            }
        }
        Format::Json => {
            let json = Report {
                path,
                format: "docker-archive",
                valid: report.is_valid(),
                images,
                problems: shown
                    .iter()
                    .map(|v| Problem {
                        path: v.path(),
                        rule: v.rule_name(),
                        severity: v.severity().as_str(),
                        message: v.message(),
                    })
                    .collect(),
                omitted: crate::limits::OmittedJson::of(&omitted),
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

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// One image of `ls` on a docker-archive.
#[derive(Serialize)]
struct Listed {
    names: Vec<String>,
    config: String,
    layers: Vec<String>,
}

/// `layout ls` of a docker-archive: `NAME  CONFIG-DIGEST  LAYERS` lines.
pub fn ls(path: &str, a: &DockerArchive, format: Format) -> Outcome {
    let mut out = Vec::new();
    for image in a.images() {
        let config = match a.read(image.config(), oci_model::image::layout::MAX_DOCUMENT_SIZE) {
            Ok(bytes) => Digest::sha256_of(&bytes).to_string(),
            Err(e) => return complain(&format!("{path}: {e}")),
        };
        out.push(Listed {
            names: image.repo_tags().clone().unwrap_or_default(),
            config,
            layers: image.layers().clone(),
        });
    }
    match format {
        Format::Text => {
            for l in &out {
                let name = if l.names.is_empty() {
                    "-".to_owned()
                } else {
                    l.names.join(",")
                };
                outln!(
                    "{name}\tdocker-archive\t{}\t{}",
                    l.config,
                    plural(l.layers.len(), "layer")
                );
            }
            Outcome::Ok
        }
        Format::Json => print_json(&out),
    }
}

/// The arguments of `layout docker-archive`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  oci-model layout docker-archive ./image hello.tar hello\n  \
                        oci-model layout docker-archive image.tar out.tar hello=example/hello:1"
)]
pub struct WriteArgs {
    /// The layout: a directory or a `.tar` archive.
    #[arg(value_name = "PATH")]
    path: String,
    /// The docker-archive to write.
    #[arg(value_name = "OUT")]
    out: String,
    /// The images to write, by their name in index.json, each as
    /// `NAME` (tagged `NAME`, with `:latest` when it has no tag) or
    /// `NAME=REPOSITORY:TAG`; every named manifest when none is given.
    #[arg(value_name = "NAME")]
    names: Vec<String>,
}

/// Runs `layout docker-archive`.
pub fn write(args: &WriteArgs) -> Outcome {
    let path = args.path.as_str();
    if open(path).is_some() {
        return not_a_layout(path, "layout docker-archive");
    }
    if Path::new(path).is_dir() {
        match ImageLayout::open(path) {
            Ok(l) => write_from(&l, args),
            Err(e) => complain(&format!("{path}: {e}")),
        }
    } else {
        match LayoutArchive::open(path) {
            Ok(l) => write_from(&l, args),
            Err(e) => complain(&format!("{path}: {e}")),
        }
    }
}

fn repo_tag(name: &str) -> String {
    if name
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains(':'))
    {
        name.to_owned()
    } else {
        format!("{name}:latest")
    }
}

fn write_from<L: ReadLayout>(layout: &L, args: &WriteArgs) -> Outcome {
    let named: Vec<(Option<&str>, &Descriptor)> = layout.images();
    let mut images: Vec<(Descriptor, Vec<String>)> = Vec::new();
    let wanted: Vec<(String, String)> = if args.names.is_empty() {
        named
            .iter()
            .filter_map(|(n, d)| n.filter(|_| d.media_type().is_manifest()))
            .map(|n| (n.to_owned(), repo_tag(n)))
            .collect()
    } else {
        args.names
            .iter()
            .map(|a| match a.split_once('=') {
                Some((n, t)) => (n.to_owned(), t.to_owned()),
                None => (a.clone(), repo_tag(a)),
            })
            .collect()
    };
    if wanted.is_empty() {
        return complain(&format!("{}: no named image manifest to write", args.path));
    }
    for (name, tag) in wanted {
        let Some((_, d)) = named.iter().find(|(n, _)| *n == Some(name.as_str())) else {
            return complain(&format!(
                "{}: no image named {} in index.json",
                args.path,
                quote(&name)
            ));
        };
        if !d.media_type().is_manifest() {
            return complain(&format!(
                "{}: {} is a {}: a docker-archive holds image manifests (name one of the index's manifests)",
                args.path,
                quote(&name),
                d.media_type()
            ));
        }
        match images.iter_mut().find(|(x, _)| x.digest() == d.digest()) {
            Some((_, tags)) => tags.push(tag),
            None => images.push(((*d).clone(), vec![tag])),
        }
    }
    let file = match std::fs::File::create(&args.out) {
        Ok(f) => f,
        Err(e) => return complain(&format!("{}: {}", args.out, crate::io_message(&e))),
    };
    match DockerArchive::write(layout, &images, std::io::BufWriter::new(file)) {
        Ok(mut w) => match std::io::Write::flush(&mut w) {
            Ok(()) => {
                outln!("{}: {} written", args.out, plural(images.len(), "image"));
                Outcome::Ok
            }
            Err(e) => complain(&format!("{}: {}", args.out, crate::io_message(&e))),
        },
        Err(e) => {
            let _ = std::fs::remove_file(&args.out);
            errln!("oci-model: {}: {e}", args.path);
            Outcome::Invalid
        }
    }
}

/// The usage error of a layout command given a docker-archive it does not
/// work on.
pub fn not_a_layout(path: &str, command: &str) -> Outcome {
    complain(&format!(
        "{path}: is a docker-archive: `{command}` works on OCI image layouts \
         (convert it with `oci-model layout from-docker-archive {path} DIR`)"
    ))
}

/// The arguments of `layout from-docker-archive`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  oci-model layout from-docker-archive hello.tar ./image\n  \
                        oci-model layout from-docker-archive --allow-loss saved.tar ./image\n\n\
                  Each image is converted as `skopeo copy docker-archive:... oci:...` converts it \
                  (layers as they are, the configuration as an OCI one) and named by each of its \
                  RepoTags. What the OCI configuration has no place for (container_config, \
                  docker_version, ...) is listed on stderr and fails the command, writing \
                  nothing, unless --allow-loss is given."
)]
pub struct ReadArgs {
    /// Convert even when a Docker-only configuration member is lost (still
    /// listed on stderr).
    #[arg(long)]
    allow_loss: bool,
    /// The docker-archive (`docker save`, `skopeo copy ... docker-archive:`).
    #[arg(value_name = "ARCHIVE")]
    archive: String,
    /// The image layout directory to write (created if missing; images are
    /// added to an existing one).
    #[arg(value_name = "DIR")]
    dir: String,
}

/// Runs `layout from-docker-archive`.
pub fn read(args: &ReadArgs) -> Outcome {
    let path = args.archive.as_str();
    let a = match DockerArchive::open(path) {
        Ok(a) => a,
        Err(e) => {
            errln!("oci-model: {path}: {e}");
            return Outcome::Invalid;
        }
    };
    // The losses are known from the configurations alone: listed (and
    // refused) before anything is written.
    let mut lost = false;
    for image in a.images() {
        let config = match a.read(image.config(), oci_model::image::layout::MAX_DOCUMENT_SIZE) {
            Ok(c) => c,
            Err(e) => {
                errln!("oci-model: {path}: {e}");
                return Outcome::Invalid;
            }
        };
        match oci_model::docker::config_to_oci(&config) {
            Ok(c) => {
                for l in c.losses() {
                    let what = if args.allow_loss { "warning" } else { "error" };
                    errln!(
                        "oci-model: {path}: {}:{}: {what}[loss]: {}",
                        image.config(),
                        l.path(),
                        l.what()
                    );
                    lost = true;
                }
            }
            Err(e) => {
                errln!("oci-model: {path}: {}: {e}", image.config());
                return Outcome::Invalid;
            }
        }
    }
    if lost && !args.allow_loss {
        return Outcome::Invalid;
    }
    let mut layout = match ImageLayout::open_or_create(&args.dir) {
        Ok(l) => l,
        Err(e) => return complain(&format!("{}: {e}", args.dir)),
    };
    match a.to_oci_layout(&mut layout) {
        Ok(images) => {
            outln!("{}: {} written", args.dir, plural(images.len(), "image"));
            Outcome::Ok
        }
        Err(e) => {
            errln!("oci-model: {path}: {e}");
            Outcome::Invalid
        }
    }
}
