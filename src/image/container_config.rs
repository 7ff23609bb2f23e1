//! The execution parameters of an image, the `config` object of an image
//! configuration: [image-spec v1.1.1, config.md "Properties"](https://github.com/opencontainers/image-spec/blob/v1.1.1/config.md#properties),
//! with the Docker fields real images carry (moby `container.Config` and
//! docker-image-spec `DockerOCIImageConfigExt`: `Healthcheck`, `OnBuild`,
//! `Shell`, `StopTimeout`, `Hostname`, ...).
//!
//! `ExposedPorts` and `Volumes` are JSON objects whose values are `{}` (Go
//! `map[string]struct{}`); as in `oci-spec` they are modeled as lists of
//! their keys, and written sorted and without duplicates. A value other
//! than `{}` (`null`, or an object with members) is kept beside the list
//! and written back in its place (`#[json(set)]`).

use std::collections::HashMap;

use crate::image::check::check_annotations;
use crate::image::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

/// The execution parameters to use when running a container from the image.
///
/// Every field is OPTIONAL, and `null` reads as absent (and is written back
/// as `null`). Fields are written in
/// the spec's order, then the Docker ones.
#[spec_struct(
    json = "PascalCase",
    default,
    builder_default,
    access(get, get_mut, set)
)]
pub struct Config {
    /// The user (and group) the process runs as: `user`, `uid`,
    /// `user:group`, `uid:gid`, `uid:group` or `user:gid`.
    user: Option<String>,
    /// Ports to expose, such as `8080/tcp`, `53/udp` or `80` (tcp).
    #[json(set)]
    exposed_ports: Option<Vec<String>>,
    /// Environment entries, each MUST be `VARNAME=VARVALUE`.
    env: Option<Vec<String>>,
    /// The command to run (with its arguments).
    entrypoint: Option<Vec<String>>,
    /// Default arguments to the entrypoint; without an entrypoint, the
    /// first entry SHOULD be taken as the executable.
    cmd: Option<Vec<String>>,
    /// Directories that hold data specific to a container instance.
    #[json(set)]
    volumes: Option<Vec<String>>,
    /// The working directory of the process.
    working_dir: Option<String>,
    /// Arbitrary metadata; MUST follow the annotation rules.
    #[json(
        nullable,
        deserialize_with = "crate::image::annotations::deserialize_annotations"
    )]
    labels: Option<HashMap<String, String>>,
    /// The signal that stops the container, such as `SIGKILL` or `SIGRTMIN+3`.
    stop_signal: Option<String>,
    /// Deprecated, Windows/Docker only: the command line is already escaped.
    args_escaped: Option<bool>,
    /// Reserved by image-spec for compatibility: memory limit in bytes.
    #[json(lenient)]
    memory: Option<i64>,
    /// Reserved by image-spec for compatibility: memory plus swap limit.
    #[json(lenient)]
    memory_swap: Option<i64>,
    /// Reserved by image-spec for compatibility: relative CPU weight.
    #[json(lenient)]
    cpu_shares: Option<i64>,
    /// Docker (reserved by image-spec): how to check the container is healthy.
    #[json(lenient)]
    healthcheck: Option<HealthcheckConfig>,
    /// Docker: the container's host name.
    #[json(lenient)]
    hostname: Option<String>,
    /// Docker: the container's domain name.
    #[json(lenient)]
    domainname: Option<String>,
    /// Docker: attach standard input.
    #[json(lenient)]
    attach_stdin: Option<bool>,
    /// Docker: attach standard output.
    #[json(lenient)]
    attach_stdout: Option<bool>,
    /// Docker: attach standard error.
    #[json(lenient)]
    attach_stderr: Option<bool>,
    /// Docker: allocate a pseudo-terminal.
    #[json(lenient)]
    tty: Option<bool>,
    /// Docker: keep standard input open.
    #[json(lenient)]
    open_stdin: Option<bool>,
    /// Docker: close standard input after the first client detaches.
    #[json(lenient)]
    stdin_once: Option<bool>,
    /// Docker: the image the container was created from.
    #[json(lenient)]
    image: Option<String>,
    /// Docker: disable networking.
    #[json(lenient)]
    network_disabled: Option<bool>,
    /// Docker (deprecated): the container's MAC address.
    #[json(lenient)]
    mac_address: Option<String>,
    /// Docker: `ONBUILD` instructions of the Dockerfile.
    #[json(lenient)]
    on_build: Option<Vec<String>>,
    /// Docker: the shell for the shell form of `RUN`, `CMD` and `ENTRYPOINT`.
    #[json(lenient)]
    shell: Option<Vec<String>>,
    /// Docker: seconds to wait for the container to stop.
    #[json(lenient)]
    stop_timeout: Option<i64>,
}

/// Docker's health check of a container (`config.Healthcheck`). Durations
/// are integer nanoseconds; zero means "inherit".
#[spec_struct(
    json = "PascalCase",
    default,
    hash,
    builder_default,
    access(get, get_mut, set)
)]
pub struct HealthcheckConfig {
    /// The test: `[]` inherits, `["NONE"]` disables, `["CMD", args...]`
    /// runs a program, `["CMD-SHELL", command]` runs a shell command.
    test: Option<Vec<String>>,
    /// Time between checks, in nanoseconds.
    interval: Option<i64>,
    /// Time before a check is considered hung, in nanoseconds.
    timeout: Option<i64>,
    /// Time the container gets to start before failures count, in nanoseconds.
    start_period: Option<i64>,
    /// Time between checks during the start period, in nanoseconds.
    start_interval: Option<i64>,
    /// Consecutive failures before the container is unhealthy.
    retries: Option<i64>,
}

impl Validate for Config {
    fn check(&self, c: &mut Checker) {
        if let Some(env) = &self.env {
            c.field("Env", |c| {
                for (i, entry) in env.iter().enumerate() {
                    if entry.find('=').is_none_or(|pos| pos == 0) {
                        c.index(i, |c| {
                            c.report(
                                &rules::CONFIG_ENV,
                                format!("env entry {} is not VARNAME=VARVALUE", quote(entry)),
                            );
                        });
                    }
                }
            });
        }
        if let Some(labels) = &self.labels {
            c.field("Labels", |c| check_annotations(c, labels));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_are_sorted_and_their_values_kept() {
        let c: Config = serde_json::from_str(
            r#"{"ExposedPorts":{"8080/tcp":{},"443/tcp":null},"Volumes":null}"#,
        )
        .unwrap();
        assert_eq!(
            c.exposed_ports().as_deref(),
            Some(&["443/tcp".to_owned(), "8080/tcp".to_owned()][..])
        );
        assert_eq!(c.volumes(), &None);
        let mut c = c;
        c.set_volumes(Some(vec!["/b".into(), "/a".into(), "/b".into()]));
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"ExposedPorts":{"443/tcp":null,"8080/tcp":{}},"Volumes":{"/a":{},"/b":{}}}"#
        );
        // Members inside a value are kept, and the last value of a key.
        let text =
            r#"{"ExposedPorts":{"80/tcp":{"a":1},"81/tcp":{"b":[]},"81/tcp":{}},"Volumes":null}"#;
        let c: Config = serde_json::from_str(text).unwrap();
        assert_eq!(
            c.exposed_ports().as_deref(),
            Some(&["80/tcp".to_owned(), "81/tcp".to_owned()][..])
        );
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"ExposedPorts":{"80/tcp":{"a":1},"81/tcp":{}},"Volumes":null}"#
        );
        // Kept values are data: they count for equality.
        let plain: Config =
            serde_json::from_str(r#"{"ExposedPorts":{"80/tcp":{},"81/tcp":{}}}"#).unwrap();
        assert_ne!(c, plain);
        // A value other than an object or null is an error.
        let e = serde_json::from_str::<Config>(r#"{"Volumes":{"/a":1}}"#).unwrap_err();
        assert!(
            e.to_string().contains("expected an object such as {}"),
            "{e}"
        );
    }

    #[test]
    fn volumes_as_array_is_an_error() {
        let e = serde_json::from_str::<Config>(r#"{"Volumes":["/a"]}"#).unwrap_err();
        assert!(e.to_string().contains("invalid type: sequence"), "{e}");
    }

    #[test]
    fn docker_fields_round_trip() {
        let j = r#"{"Healthcheck":{"Test":["CMD","true"],"Interval":1000000000,"Retries":3},"Hostname":"h","OnBuild":[],"Shell":["/bin/sh","-c"],"StopTimeout":10}"#;
        let c: Config = serde_json::from_str(j).unwrap();
        assert_eq!(c.stop_timeout(), Some(10));
        assert_eq!(serde_json::to_string(&c).unwrap(), j);
    }
}
