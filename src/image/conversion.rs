//! An image configuration turned into a runtime `config.json`:
//! [image-spec v1.1.1, conversion.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/conversion.md).

use std::collections::BTreeMap;
use std::fmt;

use crate::image::conversion_error::ConversionError;
use crate::image::conversion_process::{conversion_env, escape_windows_arg};
use crate::image::conversion_user::apply_user;
use crate::image::{
    ANNOTATION_ARCHITECTURE, ANNOTATION_AUTHOR, ANNOTATION_CREATED, ANNOTATION_EXPOSED_PORTS,
    ANNOTATION_OS, ANNOTATION_OS_FEATURES, ANNOTATION_OS_VERSION, ANNOTATION_STOP_SIGNAL,
    ANNOTATION_VARIANT, ImageConfiguration, ImageManifest, Os, UserLookup,
};
use crate::runtime::{Mount, Process, Spec, User};

/// The annotation keys conversion.md derives from the configuration.
const MAPPED_KEYS: &[&str] = &[
    ANNOTATION_OS,
    ANNOTATION_ARCHITECTURE,
    ANNOTATION_VARIANT,
    ANNOTATION_OS_VERSION,
    ANNOTATION_OS_FEATURES,
    ANNOTATION_AUTHOR,
    ANNOTATION_CREATED,
    ANNOTATION_STOP_SIGNAL,
    ANNOTATION_EXPOSED_PORTS,
];

/// The options of a mount made for a `Config.Volumes` entry.
pub const VOLUME_MOUNT_OPTIONS: &[&str] = &["nosuid", "nodev", "mode=755"];

/// The `ociVersion` a [`Converter`] writes unless told otherwise
/// ([`Converter::oci_version`]): `1.0.2`.
///
/// Why this one: it is the oldest runtime-spec release that defines every
/// field a conversion writes, so it claims no more than the document
/// needs ("if a configuration is compliant with version 1.1 of this
/// specification, it is compatible with all runtimes that support any 1.1
/// or later release", config.md). The Linux output (`process.args`,
/// `env`, `cwd`, `user`, `capabilities` with `ambient`, `rlimits`,
/// `noNewPrivileges`, `root`, `hostname`, `mounts`, `annotations`,
/// `linux.namespaces`, `maskedPaths`, `readonlyPaths`,
/// `resources.devices`) is all in 1.0.0; the Windows
/// `process.commandLine` of an `ArgsEscaped` image came with 1.0.2
/// ("Windows: Have native CommandLine in Process", #998). Every runtime in
/// use accepts it: crun 1.8.1 (Debian 12) refuses 1.2.0 and later
/// ("unknown version specified") and accepts 1.0.x and 1.1.0; runc 1.1
/// runs it (its own `runc spec` writes 1.0.2-dev).
/// [`crate::runtime::VERSION`] (the model's release, 1.3.0) is not used
/// because crun 1.8 refuses it. A caller whose base spec uses later fields
/// (`linux.timeOffsets`, `process.ioPriority`, ...) sets the version that
/// defines them.
pub const CONVERSION_OCI_VERSION: &str = "1.0.2";

/// Converts image configurations into runtime specs.
///
/// [`Converter`] starts from the runc-style default spec
/// ([`Spec::default`], see [`Spec::runc_default`]: these are the
/// converter's implementation-defined defaults) and applies every row of
/// conversion.md's tables:
///
/// | image | runtime | how |
/// | --- | --- | --- |
/// | `Config.WorkingDir` | `process.cwd` | verbatim; `/` when empty |
/// | `Config.Env` | `process.env` | the image's entries verbatim (order, duplicates and entries without `=` kept), then the base's entries for names the image does not set; a caller's `NAME=value` replaces the first entry of that name in place (and drops its other entries) or is appended, a caller's `NAME` removes it |
/// | `Config.Entrypoint`, `Config.Cmd` | `process.args` | Entrypoint then Cmd; a caller's Cmd replaces the image's, a caller's Entrypoint replaces the image's and drops its Cmd (as `docker run --entrypoint`) |
/// | `Config.ArgsEscaped` (Windows) | `process.commandLine` | when true for a `windows` image and the first argument comes from the image: the first argument as written, then the others escaped for Windows; `args` is removed |
/// | `Config.User` | `process.user` | `uid`, `uid:gid`, `user`, `user:group`, `user:gid`, `uid:group` ([`UserLookup`]); on Windows `username` verbatim |
/// | `os`, `architecture`, `variant`, `os.version`, `os.features`, `author`, `created`, `Config.StopSignal` | `annotations` | `org.opencontainers.image.*` keys (features comma-separated) |
/// | `Config.ExposedPorts` | `annotations` | `org.opencontainers.image.exposedPorts`, the sorted keys comma-separated |
/// | `Config.Labels` | `annotations` | verbatim; a label wins over every implicit annotation |
/// | | `ociVersion` | [`CONVERSION_OCI_VERSION`] (`1.0.2`), or the caller's ([`Converter::oci_version`]) |
/// | `Config.Volumes` | `mounts` | a `tmpfs` mount per volume (unless [`Converter::volumes`] is off), after the base mounts, skipped when the base already mounts the path |
///
/// Nothing is taken from a manifest: conversion.md says "A converter
/// SHOULD NOT attempt to extract annotations from manifests or image
/// indices". A caller who wants that anyway asks for it with
/// [`Converter::manifest_annotations`], which departs from conversion.md.
/// Annotations a caller sets ([`Converter::annotation`]) win over
/// everything. Conversion never reads the host.
///
/// ```
/// use oci_model::image::{Converter, EtcPasswd, ImageConfiguration};
///
/// let image: ImageConfiguration = r#"{
///   "architecture": "amd64", "os": "linux",
///   "config": {"User": "app", "Env": ["PATH=/app/bin"], "Entrypoint": ["/app/bin/serve"],
///              "Cmd": ["--port", "80"], "WorkingDir": "/app", "StopSignal": "SIGQUIT"},
///   "rootfs": {"type": "layers", "diff_ids": []}}"#.parse()?;
/// let users = EtcPasswd::parse("app:x:1000:1000::/app:/bin/false\n", "");
/// let spec = Converter::new()
///     .user_lookup(&users)
///     .env(["DEBUG=1"])
///     .convert(&image)?;
/// let process = spec.process().as_ref().unwrap();
/// assert_eq!(process.args().as_deref().unwrap(), ["/app/bin/serve", "--port", "80"]);
/// assert_eq!(process.env().as_deref().unwrap(), ["PATH=/app/bin", "TERM=xterm", "DEBUG=1"]);
/// assert_eq!(spec.version(), "1.0.2");
/// assert_eq!(process.user().uid(), 1000);
/// let annotations = spec.annotations().as_ref().unwrap();
/// assert_eq!(annotations["org.opencontainers.image.stopSignal"], "SIGQUIT");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Converter<'a> {
    base: Spec,
    entrypoint: Option<Vec<String>>,
    cmd: Option<Vec<String>>,
    env: Vec<String>,
    user: Option<String>,
    lookup: Option<&'a (dyn UserLookup + Sync)>,
    manifest: BTreeMap<String, String>,
    annotations: BTreeMap<String, String>,
    volumes: bool,
    oci_version: String,
}

impl fmt::Debug for Converter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Converter")
            .field("entrypoint", &self.entrypoint)
            .field("cmd", &self.cmd)
            .field("env", &self.env)
            .field("user", &self.user)
            .field("lookup", &self.lookup.is_some())
            .field("volumes", &self.volumes)
            .field("oci_version", &self.oci_version)
            .finish_non_exhaustive()
    }
}

impl Default for Converter<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> Converter<'a> {
    /// A converter from [`Spec::default`] (the runc-style defaults), with
    /// no caller input, volume mounts on, and `ociVersion`
    /// [`CONVERSION_OCI_VERSION`].
    pub fn new() -> Self {
        Self {
            base: Spec::default(),
            entrypoint: None,
            cmd: None,
            env: Vec::new(),
            user: None,
            lookup: None,
            manifest: BTreeMap::new(),
            annotations: BTreeMap::new(),
            volumes: true,
            oci_version: CONVERSION_OCI_VERSION.to_owned(),
        }
    }

    /// Starts from `spec` instead of the runc-style defaults (for instance
    /// a Windows spec for a Windows image). Its `ociVersion` is replaced
    /// like the default's: pass `spec.version()` to
    /// [`Converter::oci_version`] to keep it.
    #[must_use]
    pub fn base(mut self, spec: Spec) -> Self {
        self.base = spec;
        self
    }

    /// The caller's entrypoint: replaces the image's and drops its `Cmd`.
    #[must_use]
    pub fn entrypoint(mut self, args: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.entrypoint = Some(args.into_iter().map(Into::into).collect());
        self
    }

    /// The caller's command: replaces the image's `Cmd`.
    #[must_use]
    pub fn cmd(mut self, args: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.cmd = Some(args.into_iter().map(Into::into).collect());
        self
    }

    /// Environment entries that win over the image's: `NAME=value`
    /// replaces the first entry of that name in place (and removes its
    /// other entries) or is appended; `NAME` alone removes every entry of
    /// that name. The image's own entries are copied verbatim.
    #[must_use]
    pub fn env(mut self, entries: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.env.extend(entries.into_iter().map(Into::into));
        self
    }

    /// The caller's user, in the forms of `Config.User`; replaces the
    /// image's.
    #[must_use]
    pub fn user(mut self, user: impl Into<String>) -> Self {
        self.user = Some(user.into());
        self
    }

    /// How user and group names are resolved. Without one, a name in
    /// `Config.User` is an error.
    #[must_use]
    pub fn user_lookup(mut self, lookup: &'a (dyn UserLookup + Sync)) -> Self {
        self.lookup = Some(lookup);
        self
    }

    /// Takes the manifest's annotations for the keys conversion.md maps
    /// (`org.opencontainers.image.created`, `.author`, `.stopSignal`, ...)
    /// where the configuration leaves them out, below the configuration's
    /// values and its labels; other manifest annotations are not taken.
    ///
    /// This departs from conversion.md, which says "A converter SHOULD NOT
    /// attempt to extract annotations from manifests or image indices":
    /// without this call nothing is taken from a manifest.
    #[must_use]
    pub fn manifest_annotations(mut self, manifest: &ImageManifest) -> Self {
        self.manifest = manifest
            .annotations()
            .iter()
            .flatten()
            .filter(|(k, _)| MAPPED_KEYS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        self
    }

    /// An annotation that wins over the image's.
    #[must_use]
    pub fn annotation(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.annotations.insert(key.into(), value.into());
        self
    }

    /// The `ociVersion` to write instead of [`CONVERSION_OCI_VERSION`]
    /// (for a runtime that accepts a later release, or a base spec whose
    /// version should be kept). `validate()` reports a value that is not
    /// SemVer (rule `oci-version-semver`).
    #[must_use]
    pub fn oci_version(mut self, version: impl Into<String>) -> Self {
        self.oci_version = version.into();
        self
    }

    /// Whether `Config.Volumes` become `tmpfs` mounts (on by default).
    #[must_use]
    pub fn volumes(mut self, on: bool) -> Self {
        self.volumes = on;
        self
    }

    /// Converts `image`.
    ///
    /// # Errors
    /// A [`ConversionError`] when `Config.User` has another form or names
    /// a user or group that cannot be resolved, or when there is no command
    /// at all.
    pub fn convert(&self, image: &ImageConfiguration) -> Result<Spec, ConversionError> {
        let empty = crate::image::Config::default();
        let config = image.config().as_ref().unwrap_or(&empty);
        let windows = *image.os() == Os::Windows;
        let mut spec = self.base.clone();
        spec.set_version(self.oci_version.clone());
        let mut process = spec
            .process()
            .clone()
            .unwrap_or_else(|| Process::with_cwd("/"));

        self.apply_args(&mut process, config, windows)?;
        let env = conversion_env(
            process.env().as_deref().unwrap_or_default(),
            config.env().as_deref().unwrap_or_default(),
            &self.env,
        );
        process.set_env(Some(env));
        let cwd = config.working_dir().as_deref().filter(|d| !d.is_empty());
        process.set_cwd(cwd.unwrap_or("/").into());

        let user_value = self.user.as_deref().or(config.user().as_deref());
        if let Some(value) = user_value.filter(|u| !u.is_empty()) {
            if windows {
                process.set_user(User::windows(value));
            } else {
                let mut user = process.user().clone();
                apply_user(&mut user, value, self.lookup.map(|l| l as &dyn UserLookup))?;
                process.set_user(user);
            }
        }
        spec.set_process(Some(process));

        let annotations = self.annotations_for(image, config, &spec);
        spec.set_annotations(Some(annotations.into_iter().collect()));

        if self.volumes {
            let mut mounts = spec.mounts().clone().unwrap_or_default();
            for volume in config.volumes().iter().flatten() {
                if mounts
                    .iter()
                    .any(|m| m.destination().as_os_str() == volume.as_str())
                {
                    continue;
                }
                let mut m = Mount::default();
                m.set_destination(volume.into())
                    .set_typ(Some("tmpfs".to_owned()))
                    .set_source(Some("tmpfs".into()))
                    .set_options(Some(
                        VOLUME_MOUNT_OPTIONS.iter().map(|&o| o.to_owned()).collect(),
                    ));
                mounts.push(m);
            }
            spec.set_mounts(Some(mounts));
        }
        Ok(spec)
    }

    fn apply_args(
        &self,
        process: &mut Process,
        config: &crate::image::Config,
        windows: bool,
    ) -> Result<(), ConversionError> {
        let image_entrypoint = config.entrypoint().clone().unwrap_or_default();
        let (entrypoint, cmd, first_from_image) = match (&self.entrypoint, &self.cmd) {
            (Some(e), cmd) => (e.clone(), cmd.clone().unwrap_or_default(), false),
            (None, Some(cmd)) => (
                image_entrypoint.clone(),
                cmd.clone(),
                !image_entrypoint.is_empty(),
            ),
            (None, None) => (
                image_entrypoint,
                config.cmd().clone().unwrap_or_default(),
                true,
            ),
        };
        let args: Vec<String> = entrypoint.into_iter().chain(cmd).collect();
        let Some(first) = args.first() else {
            return Err(ConversionError::NoCommand);
        };
        if windows && config.args_escaped() == Some(true) && first_from_image {
            let mut line = first.clone();
            for a in &args[1..] {
                line.push(' ');
                line.push_str(&escape_windows_arg(a));
            }
            process.set_args(None);
            process.set_command_line(Some(line));
        } else {
            process.set_args(Some(args));
            process.set_command_line(None);
        }
        Ok(())
    }

    fn annotations_for(
        &self,
        image: &ImageConfiguration,
        config: &crate::image::Config,
        spec: &Spec,
    ) -> BTreeMap<String, String> {
        let mut out: BTreeMap<String, String> = spec
            .annotations()
            .iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        out.extend(self.manifest.clone());
        let mut set = |key: &str, value: Option<String>| {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                out.insert(key.to_owned(), v);
            }
        };
        set(ANNOTATION_OS, Some(image.os().as_str().to_owned()));
        set(
            ANNOTATION_ARCHITECTURE,
            Some(image.architecture().as_str().to_owned()),
        );
        set(ANNOTATION_VARIANT, image.variant().clone());
        set(ANNOTATION_OS_VERSION, image.os_version().clone());
        set(
            ANNOTATION_OS_FEATURES,
            image.os_features().as_ref().map(|f| f.join(",")),
        );
        set(ANNOTATION_AUTHOR, image.author().clone());
        set(ANNOTATION_CREATED, image.created().clone());
        set(ANNOTATION_STOP_SIGNAL, config.stop_signal().clone());
        let mut ports: Vec<&str> = config
            .exposed_ports()
            .iter()
            .flatten()
            .map(String::as_str)
            .collect();
        ports.sort_unstable();
        ports.dedup();
        set(ANNOTATION_EXPOSED_PORTS, Some(ports.join(",")));
        out.extend(
            config
                .labels()
                .iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.clone())),
        );
        out.extend(self.annotations.clone());
        out
    }
}

impl ImageConfiguration {
    /// This configuration as a runtime spec, with the default [`Converter`]
    /// (runc-style defaults, no caller input, no user lookup).
    ///
    /// # Errors
    /// See [`Converter::convert`].
    pub fn to_runtime_spec(&self) -> Result<Spec, ConversionError> {
        Converter::new().convert(self)
    }
}
