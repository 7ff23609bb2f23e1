//! Deterministic benchmark documents, shared by every bench binary.
//!
//! Each generator returns JSON bytes (compact, keys in the spec's property
//! order) so that `oci-model` and `oci-spec` parse exactly the same input.
//! The documents are valid per image-spec v1.1.1, runtime-spec v1.3.0 and
//! distribution-spec v1.1.1, and shaped like real ones: sha256 digests as 64
//! lowercase hex characters, annotations on some descriptors, platforms with
//! `os.version`/`os.features` on some index entries.
#![allow(dead_code)]

use std::fmt::Write as _;

// ---------------------------------------------------------------------------
// A tiny ordered JSON builder (serde_json's `Value` sorts object keys).

/// A JSON value whose objects keep insertion order.
pub enum J {
    /// A string.
    S(String),
    /// An unsigned number.
    N(u64),
    /// A signed number.
    I(i64),
    /// A boolean.
    B(bool),
    /// An array.
    A(Vec<J>),
    /// An object, in insertion order.
    O(Vec<(String, J)>),
    /// `null`.
    Null,
}

/// A JSON string.
pub fn s(v: impl Into<String>) -> J {
    J::S(v.into())
}

/// A JSON object from `(key, value)` pairs, in order.
pub fn o<K: Into<String>>(pairs: impl IntoIterator<Item = (K, J)>) -> J {
    J::O(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
}

/// A JSON array.
pub fn a(items: impl IntoIterator<Item = J>) -> J {
    J::A(items.into_iter().collect())
}

/// An array of strings.
pub fn sa<T: Into<String>>(items: impl IntoIterator<Item = T>) -> J {
    J::A(items.into_iter().map(|v| J::S(v.into())).collect())
}

impl J {
    fn write(&self, out: &mut String) {
        match self {
            J::S(v) => out.push_str(&serde_json::to_string(v).unwrap()),
            J::N(v) => write!(out, "{v}").unwrap(),
            J::I(v) => write!(out, "{v}").unwrap(),
            J::B(v) => out.push_str(if *v { "true" } else { "false" }),
            J::A(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
            J::Null => out.push_str("null"),
            J::O(pairs) => {
                out.push('{');
                for (i, (k, v)) in pairs.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(k).unwrap());
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }

    /// Compact JSON bytes.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = String::new();
        self.write(&mut out);
        out.into_bytes()
    }
}

// ---------------------------------------------------------------------------
// Deterministic pseudo-random numbers (splitmix64).

/// A small deterministic generator.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// An index in `0..n`.
    pub fn pick(&mut self, n: usize) -> usize {
        usize::try_from(self.below(n as u64)).unwrap()
    }

    /// `len` lowercase hex characters.
    pub fn hex(&mut self, len: usize) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = String::with_capacity(len);
        while out.len() < len {
            let mut bits = self.next_u64();
            for _ in 0..16 {
                if out.len() == len {
                    break;
                }
                out.push(char::from(HEX[usize::try_from(bits & 15).unwrap()]));
                bits >>= 4;
            }
        }
        out
    }

    /// A `sha256:` digest.
    pub fn digest(&mut self) -> String {
        format!("sha256:{}", self.hex(64))
    }

    /// An RFC 3339 UTC timestamp in 2023–2024.
    pub fn timestamp(&mut self) -> String {
        format!(
            "{}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            2023 + self.below(2),
            1 + self.below(12),
            1 + self.below(28),
            self.below(24),
            self.below(60),
            self.below(60)
        )
    }
}

// ---------------------------------------------------------------------------
// image-spec

pub const MANIFEST_MT: &str = "application/vnd.oci.image.manifest.v1+json";
pub const INDEX_MT: &str = "application/vnd.oci.image.index.v1+json";
pub const CONFIG_MT: &str = "application/vnd.oci.image.config.v1+json";
const LAYER_GZIP_MT: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
const LAYER_ZSTD_MT: &str = "application/vnd.oci.image.layer.v1.tar+zstd";
const LAYER_TAR_MT: &str = "application/vnd.oci.image.layer.v1.tar";

fn descriptor(rng: &mut Rng, media_type: &str, annotations: Option<J>) -> J {
    let mut fields = vec![
        ("mediaType", s(media_type)),
        ("digest", s(rng.digest())),
        ("size", J::N(512 + rng.below(80_000_000))),
    ];
    if let Some(ann) = annotations {
        fields.push(("annotations", ann));
    }
    o(fields)
}

fn manifest_annotations(rng: &mut Rng) -> J {
    o([
        ("org.opencontainers.image.created", s(rng.timestamp())),
        (
            "org.opencontainers.image.source",
            s("https://github.com/example/webapp"),
        ),
        ("org.opencontainers.image.revision", s(rng.hex(40))),
        ("org.opencontainers.image.version", s("2.14.1")),
        ("org.opencontainers.image.licenses", s("Apache-2.0")),
    ])
}

fn manifest(seed: u64, layers: usize) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let config = descriptor(&mut rng, CONFIG_MT, None);
    let layers: Vec<J> = (0..layers)
        .map(|i| {
            let mt = match i % 7 {
                3 => LAYER_ZSTD_MT,
                5 => LAYER_TAR_MT,
                _ => LAYER_GZIP_MT,
            };
            let ann = (i % 10 == 4).then(|| {
                o([(
                    "org.opencontainers.image.title",
                    s(format!("layer-{i:04}.tar")),
                )])
            });
            descriptor(&mut rng, mt, ann)
        })
        .collect();
    let annotations = manifest_annotations(&mut rng);
    o([
        ("schemaVersion", J::N(2)),
        ("mediaType", s(MANIFEST_MT)),
        ("config", config),
        ("layers", J::A(layers)),
        ("annotations", annotations),
    ])
    .bytes()
}

/// A typical image manifest: one config, five layers.
pub fn manifest_typical() -> Vec<u8> {
    manifest(1, 5)
}

/// An image manifest with 1,000 layers.
pub fn manifest_1000_layers() -> Vec<u8> {
    manifest(2, 1000)
}

/// Layer annotations as eStargz, zstd:chunked and SOCI images carry them.
const LAYER_ANNOTATION_KEYS: &[&str] = &[
    "containerd.io/snapshot/stargz/toc.digest",
    "io.containers.estargz.uncompressed-size",
    "io.github.containers.zstd-chunked.manifest-checksum",
    "io.github.containers.zstd-chunked.manifest-position",
    "org.opencontainers.image.title",
    "com.amazon.soci.index-digest",
];

/// An image manifest with `layers` layers, each with 3 to 5 annotations
/// written in a random order (not in key order), as eStargz, zstd:chunked
/// and SOCI images have them.
pub fn manifest_annotated(layers: usize) -> Vec<u8> {
    let mut rng = Rng::new(7);
    let config = descriptor(&mut rng, CONFIG_MT, None);
    let layers: Vec<J> = (0..layers)
        .map(|i| {
            let mt = if i % 3 == 0 {
                LAYER_ZSTD_MT
            } else {
                LAYER_GZIP_MT
            };
            let mut keys: Vec<&str> = LAYER_ANNOTATION_KEYS.to_vec();
            // A random permutation, then the first 3 to 5 keys.
            for k in (1..keys.len()).rev() {
                keys.swap(k, rng.pick(k + 1));
            }
            keys.truncate(3 + rng.pick(3));
            let ann: Vec<(&str, J)> = keys
                .iter()
                .map(|&k| {
                    let v = match k {
                        "io.containers.estargz.uncompressed-size" => {
                            (1024 + rng.below(90_000_000)).to_string()
                        }
                        "io.github.containers.zstd-chunked.manifest-position" => format!(
                            "{}:{}:{}:1",
                            rng.below(9_000_000),
                            rng.below(90_000),
                            rng.below(900_000)
                        ),
                        "org.opencontainers.image.title" => format!("layer-{i:04}.tar.zst"),
                        _ => rng.digest(),
                    };
                    (k, s(v))
                })
                .collect();
            descriptor(&mut rng, mt, Some(o(ann)))
        })
        .collect();
    let annotations = manifest_annotations(&mut rng);
    o([
        ("schemaVersion", J::N(2)),
        ("mediaType", s(MANIFEST_MT)),
        ("config", config),
        ("layers", J::A(layers)),
        ("annotations", annotations),
    ])
    .bytes()
}

/// An image manifest with 1,000 layers, 3 to 5 annotations on every one.
pub fn manifest_1000_annotated() -> Vec<u8> {
    manifest_annotated(1000)
}

/// `(architecture, os, variant, os.version, os.features)` of an index entry.
type PlatformRow = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static [&'static str]>,
);

const PLATFORMS: &[PlatformRow] = &[
    ("amd64", "linux", None, None, None),
    ("arm64", "linux", Some("v8"), None, None),
    ("arm", "linux", Some("v7"), None, None),
    ("arm", "linux", Some("v6"), None, None),
    ("ppc64le", "linux", None, None, None),
    ("s390x", "linux", None, None, None),
    ("386", "linux", None, None, None),
    ("riscv64", "linux", None, None, None),
    ("amd64", "windows", None, Some("10.0.20348.2340"), None),
    (
        "amd64",
        "windows",
        None,
        Some("10.0.17763.5576"),
        Some(&["win32k"]),
    ),
    ("amd64", "linux", Some("v3"), None, None),
    ("arm64", "darwin", None, None, None),
];

/// An image index with `n` platform-specific manifests.
pub fn index(n: usize) -> Vec<u8> {
    let mut rng = Rng::new(3);
    let manifests: Vec<J> = (0..n)
        .map(|i| {
            let (arch, os, variant, os_version, os_features) = PLATFORMS[i % PLATFORMS.len()];
            let mut platform = vec![("architecture", s(arch)), ("os", s(os))];
            if let Some(v) = os_version {
                platform.push(("os.version", s(v)));
            }
            if let Some(f) = os_features {
                platform.push(("os.features", sa(f.iter().copied())));
            }
            if let Some(v) = variant {
                platform.push(("variant", s(v)));
            }
            let mut fields = vec![
                ("mediaType", s(MANIFEST_MT)),
                ("digest", s(rng.digest())),
                ("size", J::N(400 + rng.below(3000))),
                ("platform", o(platform)),
            ];
            if i % 8 == 0 {
                fields.push((
                    "annotations",
                    o([
                        (
                            "org.opencontainers.image.ref.name",
                            s(format!("v{}.{}.{}", i / 1000, (i / 10) % 100, i % 10)),
                        ),
                        ("org.opencontainers.image.created", s(rng.timestamp())),
                    ]),
                ));
            }
            o(fields)
        })
        .collect();
    o([
        ("schemaVersion", J::N(2)),
        ("mediaType", s(INDEX_MT)),
        ("manifests", J::A(manifests)),
        (
            "annotations",
            o([("org.opencontainers.image.created", s(rng.timestamp()))]),
        ),
    ])
    .bytes()
}

/// An index with 10,000 platform entries.
pub fn index_10000() -> Vec<u8> {
    index(10_000)
}

const BUILD_STEPS: &[&str] = &[
    "/bin/sh -c #(nop) ADD file:5d673d25da3a14ce1f6cf66e4c7fd4f4b85a3759a9d93efb3fd9ff852b5b56e4 in / ",
    "/bin/sh -c #(nop)  CMD [\"bash\"]",
    "RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/* # buildkit",
    "ENV PYTHONUNBUFFERED=1",
    "WORKDIR /app",
    "COPY requirements.txt /app/requirements.txt # buildkit",
    "RUN /bin/sh -c pip install --no-cache-dir -r requirements.txt # buildkit",
    "COPY . /app # buildkit",
    "EXPOSE map[8080/tcp:{}]",
    "USER app",
    "LABEL org.opencontainers.image.vendor=Example",
];

/// An image configuration with `history` history entries, Env, Labels,
/// ExposedPorts, Volumes and one rootfs diff_id per non-empty layer.
pub fn config(history: usize) -> Vec<u8> {
    let mut rng = Rng::new(4);
    let created = rng.timestamp();
    let mut diff_ids = Vec::new();
    let hist: Vec<J> = (0..history)
        .map(|i| {
            let step = BUILD_STEPS[i % BUILD_STEPS.len()];
            let empty = matches!(i % BUILD_STEPS.len(), 1 | 3 | 4 | 8 | 9 | 10);
            let mut fields = vec![("created", s(rng.timestamp())), ("created_by", s(step))];
            if i % 3 == 0 {
                fields.push(("comment", s("buildkit.dockerfile.v0")));
            }
            if empty {
                fields.push(("empty_layer", J::B(true)));
            } else {
                diff_ids.push(s(rng.digest()));
            }
            o(fields)
        })
        .collect();
    let env = sa([
        "PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "LANG=C.UTF-8",
        "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
        "PYTHON_VERSION=3.12.4",
        "PYTHON_PIP_VERSION=24.0",
        "PYTHONUNBUFFERED=1",
        "APP_HOME=/app",
    ]);
    let labels = o([
        ("maintainer", s("Example Team <team@example.com>")),
        ("org.opencontainers.image.title", s("webapp")),
        ("org.opencontainers.image.vendor", s("Example")),
        ("org.opencontainers.image.version", s("2.14.1")),
        (
            "org.opencontainers.image.source",
            s("https://github.com/example/webapp"),
        ),
    ]);
    let cfg = o([
        ("User", s("app:app")),
        (
            "ExposedPorts",
            o([
                ("8080/tcp", o(Vec::<(&str, J)>::new())),
                ("8443/tcp", o(Vec::<(&str, J)>::new())),
                ("9090/udp", o(Vec::<(&str, J)>::new())),
            ]),
        ),
        ("Env", env),
        ("Entrypoint", sa(["/usr/local/bin/docker-entrypoint.sh"])),
        ("Cmd", sa(["gunicorn", "--bind", "0.0.0.0:8080", "app:app"])),
        ("Volumes", o([("/data", o(Vec::<(&str, J)>::new()))])),
        ("WorkingDir", s("/app")),
        ("Labels", labels),
        ("StopSignal", s("SIGTERM")),
    ]);
    o([
        ("created", s(created)),
        ("author", s("Example Team <team@example.com>")),
        ("architecture", s("amd64")),
        ("os", s("linux")),
        ("config", cfg),
        (
            "rootfs",
            o([("type", s("layers")), ("diff_ids", J::A(diff_ids))]),
        ),
        ("history", J::A(hist)),
    ])
    .bytes()
}

/// An image configuration with 200 history entries.
pub fn config_200_history() -> Vec<u8> {
    config(200)
}

/// The `config` (or `container_config`) object Docker writes: every
/// member present, unset ones as `""`, `false` or `null`.
fn docker_container_config(rng: &mut Rng, cmd: J, healthcheck: bool) -> J {
    let mut fields = vec![
        ("Hostname", s("")),
        ("Domainname", s("")),
        ("User", s("")),
        ("AttachStdin", J::B(false)),
        ("AttachStdout", J::B(false)),
        ("AttachStderr", J::B(false)),
        ("ExposedPorts", o([("80/tcp", o(Vec::<(&str, J)>::new()))])),
        ("Tty", J::B(false)),
        ("OpenStdin", J::B(false)),
        ("StdinOnce", J::B(false)),
        (
            "Env",
            sa([
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "NGINX_VERSION=1.25.4",
                "NJS_VERSION=0.8.3",
                "PKG_RELEASE=1~bookworm",
            ]),
        ),
        ("Cmd", cmd),
    ];
    if healthcheck {
        fields.push((
            "Healthcheck",
            o([
                (
                    "Test",
                    sa(["CMD-SHELL", "curl -fsS http://localhost/ || exit 1"]),
                ),
                ("Interval", J::N(30_000_000_000)),
                ("Timeout", J::N(5_000_000_000)),
                ("StartPeriod", J::N(10_000_000_000)),
                ("Retries", J::N(3)),
            ]),
        ));
    }
    fields.extend([
        ("Image", s(rng.digest())),
        ("Volumes", J::Null),
        ("WorkingDir", s("")),
        ("Entrypoint", sa(["/docker-entrypoint.sh"])),
        ("OnBuild", J::Null),
        (
            "Labels",
            o([(
                "maintainer",
                s("NGINX Docker Maintainers <docker-maint@nginx.com>"),
            )]),
        ),
        ("StopSignal", s("SIGQUIT")),
    ]);
    o(fields)
}

/// An image configuration as `docker build` (the classic builder) writes
/// it: `container`, `container_config`, `docker_version`, every member of
/// the container configuration present (unset ones `""`, `false` or
/// `null`), a Healthcheck, and `history` history entries.
pub fn config_docker(history: usize) -> Vec<u8> {
    let mut rng = Rng::new(8);
    let mut diff_ids = Vec::new();
    let hist: Vec<J> = (0..history)
        .map(|i| {
            let step = BUILD_STEPS[i % BUILD_STEPS.len()];
            let empty = matches!(i % BUILD_STEPS.len(), 1 | 3 | 4 | 8 | 9 | 10);
            let mut fields = vec![("created", s(rng.timestamp())), ("created_by", s(step))];
            if empty {
                fields.push(("empty_layer", J::B(true)));
            } else {
                diff_ids.push(s(rng.digest()));
            }
            o(fields)
        })
        .collect();
    let config = docker_container_config(&mut rng, sa(["nginx", "-g", "daemon off;"]), true);
    let container_config = docker_container_config(
        &mut rng,
        sa([
            "/bin/sh",
            "-c",
            "#(nop) ",
            "CMD [\"nginx\" \"-g\" \"daemon off;\"]",
        ]),
        true,
    );
    o([
        ("architecture", s("amd64")),
        ("config", config),
        ("container", s(rng.hex(64))),
        ("container_config", container_config),
        ("created", s(rng.timestamp())),
        ("docker_version", s("20.10.23")),
        ("history", J::A(hist)),
        ("os", s("linux")),
        (
            "rootfs",
            o([("type", s("layers")), ("diff_ids", J::A(diff_ids))]),
        ),
    ])
    .bytes()
}

/// A Docker-written image configuration with 50 history entries.
pub fn config_docker_50_history() -> Vec<u8> {
    config_docker(50)
}

// ---------------------------------------------------------------------------
// runtime-spec

fn mount(destination: &str, typ: &str, source: &str, options: &[&str]) -> J {
    let mut fields = vec![
        ("destination", s(destination)),
        ("type", s(typ)),
        ("source", s(source)),
    ];
    if !options.is_empty() {
        fields.push(("options", sa(options.iter().copied())));
    }
    o(fields)
}

fn runc_mounts() -> Vec<J> {
    vec![
        mount("/proc", "proc", "proc", &[]),
        mount(
            "/dev",
            "tmpfs",
            "tmpfs",
            &["nosuid", "strictatime", "mode=755", "size=65536k"],
        ),
        mount(
            "/dev/pts",
            "devpts",
            "devpts",
            &[
                "nosuid",
                "noexec",
                "newinstance",
                "ptmxmode=0666",
                "mode=0620",
                "gid=5",
            ],
        ),
        mount(
            "/dev/shm",
            "tmpfs",
            "shm",
            &["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"],
        ),
        mount(
            "/dev/mqueue",
            "mqueue",
            "mqueue",
            &["nosuid", "noexec", "nodev"],
        ),
        mount(
            "/sys",
            "sysfs",
            "sysfs",
            &["nosuid", "noexec", "nodev", "ro"],
        ),
        mount(
            "/sys/fs/cgroup",
            "cgroup",
            "cgroup",
            &["nosuid", "noexec", "nodev", "relatime", "ro"],
        ),
    ]
}

fn runc_config(mounts: Vec<J>, seccomp: Option<J>) -> Vec<u8> {
    let caps = || sa(["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"]);
    let process = o([
        ("terminal", J::B(true)),
        ("user", o([("uid", J::N(0)), ("gid", J::N(0))])),
        ("args", sa(["sh"])),
        (
            "env",
            sa([
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "TERM=xterm",
            ]),
        ),
        ("cwd", s("/")),
        (
            "capabilities",
            o([
                ("bounding", caps()),
                ("effective", caps()),
                ("permitted", caps()),
            ]),
        ),
        (
            "rlimits",
            a([o([
                ("type", s("RLIMIT_NOFILE")),
                ("hard", J::N(1024)),
                ("soft", J::N(1024)),
            ])]),
        ),
        ("noNewPrivileges", J::B(true)),
    ]);
    let mut linux = vec![
        (
            "resources",
            o([(
                "devices",
                a([o([("allow", J::B(false)), ("access", s("rwm"))])]),
            )]),
        ),
        (
            "namespaces",
            a(["pid", "network", "ipc", "uts", "mount", "cgroup"]
                .into_iter()
                .map(|t| o([("type", s(t))]))),
        ),
    ];
    if let Some(seccomp) = seccomp {
        linux.push(("seccomp", seccomp));
    }
    linux.push((
        "maskedPaths",
        sa([
            "/proc/acpi",
            "/proc/asound",
            "/proc/kcore",
            "/proc/keys",
            "/proc/latency_stats",
            "/proc/timer_list",
            "/proc/timer_stats",
            "/proc/sched_debug",
            "/sys/firmware",
            "/proc/scsi",
        ]),
    ));
    linux.push((
        "readonlyPaths",
        sa([
            "/proc/bus",
            "/proc/fs",
            "/proc/irq",
            "/proc/sys",
            "/proc/sysrq-trigger",
        ]),
    ));
    o([
        ("ociVersion", s("1.2.0")),
        ("process", process),
        ("root", o([("path", s("rootfs")), ("readonly", J::B(true))])),
        ("hostname", s("runc")),
        ("mounts", J::A(mounts)),
        ("linux", o(linux)),
    ])
    .bytes()
}

/// The `config.json` that `runc spec` writes.
pub fn runtime_default() -> Vec<u8> {
    runc_config(runc_mounts(), None)
}

/// A runc-style spec with `n` mounts (the seven defaults plus volumes,
/// tmpfs and bind mounts).
pub fn runtime_mounts(n: usize) -> Vec<u8> {
    runc_config(mounts(n), None)
}

/// The seven mounts of `runc spec` and more, up to `n`.
fn mounts(n: usize) -> Vec<J> {
    let mut mounts = runc_mounts();
    let mut rng = Rng::new(5);
    let mut i = 0usize;
    while mounts.len() < n {
        let m = match i % 4 {
            0 | 1 => {
                let id = rng.hex(64);
                mount(
                    &format!("/data/vol-{i:04}"),
                    "bind",
                    &format!("/var/lib/containers/storage/volumes/{id}/_data"),
                    &["rbind", "rprivate", if i % 2 == 0 { "rw" } else { "ro" }],
                )
            }
            2 => mount(
                &format!("/run/tmp-{i:04}"),
                "tmpfs",
                "tmpfs",
                &["nosuid", "nodev", "noexec", "mode=1777", "size=65536k"],
            ),
            _ => mount(
                &format!("/etc/config/app-{i:04}.conf"),
                "bind",
                &format!("/srv/configs/app-{i:04}.conf"),
                &["bind", "ro"],
            ),
        };
        mounts.push(m);
        i += 1;
    }
    mounts
}

/// A runc-style spec with 2,000 mounts.
pub fn runtime_2000_mounts() -> Vec<u8> {
    runtime_mounts(2000)
}

const SYSCALLS: &[&str] = &[
    "accept",
    "accept4",
    "access",
    "adjtimex",
    "alarm",
    "bind",
    "brk",
    "capget",
    "capset",
    "chdir",
    "chmod",
    "chown",
    "chown32",
    "clock_adjtime",
    "clock_getres",
    "clock_gettime",
    "clock_nanosleep",
    "close",
    "close_range",
    "connect",
    "copy_file_range",
    "creat",
    "dup",
    "dup2",
    "dup3",
    "epoll_create",
    "epoll_create1",
    "epoll_ctl",
    "epoll_pwait",
    "epoll_wait",
    "eventfd",
    "eventfd2",
    "execve",
    "execveat",
    "exit",
    "exit_group",
    "faccessat",
    "faccessat2",
    "fadvise64",
    "fallocate",
    "fanotify_mark",
    "fchdir",
    "fchmod",
    "fchmodat",
    "fchown",
    "fchownat",
    "fcntl",
    "fdatasync",
    "fgetxattr",
    "flistxattr",
    "flock",
    "fork",
    "fremovexattr",
    "fsetxattr",
    "fstat",
    "fstatfs",
    "fsync",
    "ftruncate",
    "futex",
    "futimesat",
    "getcpu",
    "getcwd",
    "getdents",
    "getdents64",
    "getegid",
    "geteuid",
    "getgid",
    "getgroups",
    "getitimer",
    "getpeername",
    "getpgid",
    "getpgrp",
    "getpid",
    "getppid",
    "getpriority",
    "getrandom",
    "getresgid",
    "getresuid",
    "getrlimit",
    "get_robust_list",
    "getrusage",
    "getsid",
    "getsockname",
    "getsockopt",
    "get_thread_area",
    "gettid",
    "gettimeofday",
    "getuid",
    "getxattr",
    "inotify_add_watch",
    "inotify_init",
    "inotify_init1",
    "inotify_rm_watch",
    "io_cancel",
    "ioctl",
    "io_destroy",
    "io_getevents",
    "ioprio_get",
    "ioprio_set",
    "io_setup",
    "io_submit",
    "kill",
    "lchown",
    "lgetxattr",
    "link",
    "linkat",
    "listen",
    "listxattr",
    "llistxattr",
    "lremovexattr",
    "lseek",
    "lsetxattr",
    "lstat",
    "madvise",
    "membarrier",
    "memfd_create",
    "mincore",
    "mkdir",
    "mkdirat",
    "mknod",
    "mknodat",
    "mlock",
    "mlock2",
    "mlockall",
    "mmap",
    "mprotect",
    "mq_getsetattr",
    "mq_notify",
    "mq_open",
    "mq_timedreceive",
    "mq_timedsend",
    "mq_unlink",
    "mremap",
    "msgctl",
    "msgget",
    "msgrcv",
    "msgsnd",
    "msync",
    "munlock",
    "munlockall",
    "munmap",
    "nanosleep",
    "newfstatat",
    "open",
    "openat",
    "openat2",
    "pause",
    "pidfd_open",
    "pidfd_send_signal",
    "pipe",
    "pipe2",
    "poll",
    "ppoll",
    "prctl",
    "pread64",
    "preadv",
    "preadv2",
    "prlimit64",
    "pselect6",
    "pwrite64",
    "pwritev",
    "pwritev2",
    "read",
    "readahead",
    "readlink",
    "readlinkat",
    "readv",
    "recv",
    "recvfrom",
    "recvmmsg",
    "recvmsg",
    "remap_file_pages",
    "removexattr",
    "rename",
    "renameat",
    "renameat2",
    "restart_syscall",
    "rmdir",
    "rseq",
    "rt_sigaction",
    "rt_sigpending",
    "rt_sigprocmask",
    "rt_sigqueueinfo",
    "rt_sigreturn",
    "rt_sigsuspend",
    "rt_sigtimedwait",
    "rt_tgsigqueueinfo",
    "sched_getaffinity",
    "sched_getattr",
    "sched_getparam",
    "sched_get_priority_max",
    "sched_get_priority_min",
    "sched_getscheduler",
    "sched_rr_get_interval",
    "sched_setaffinity",
    "sched_setattr",
    "sched_setparam",
    "sched_setscheduler",
    "sched_yield",
    "select",
    "semctl",
    "semget",
    "semop",
    "semtimedop",
    "send",
    "sendfile",
    "sendmmsg",
    "sendmsg",
    "sendto",
    "setfsgid",
    "setfsuid",
    "setgid",
    "setgroups",
    "setitimer",
    "setpgid",
    "setpriority",
    "setregid",
    "setresgid",
    "setresuid",
    "setreuid",
    "setrlimit",
    "set_robust_list",
    "setsid",
    "setsockopt",
    "set_thread_area",
    "set_tid_address",
    "setuid",
    "setxattr",
    "shmat",
    "shmctl",
    "shmdt",
    "shmget",
    "shutdown",
    "sigaltstack",
    "signalfd",
    "signalfd4",
    "socket",
    "socketcall",
    "socketpair",
    "splice",
    "stat",
    "statfs",
    "statx",
    "symlink",
    "symlinkat",
    "sync",
    "sync_file_range",
    "syncfs",
    "sysinfo",
    "tee",
    "tgkill",
    "time",
    "timer_create",
    "timer_delete",
    "timer_getoverrun",
    "timer_gettime",
    "timer_settime",
    "timerfd_create",
    "timerfd_gettime",
    "timerfd_settime",
    "times",
    "tkill",
    "truncate",
    "umask",
    "uname",
    "unlink",
    "unlinkat",
    "utime",
    "utimensat",
    "utimes",
    "vfork",
    "vmsplice",
    "wait4",
    "waitid",
    "waitpid",
    "write",
    "writev",
    "personality",
    "clone",
    "clone3",
    "ptrace",
    "arch_prctl",
    "modify_ldt",
    "chroot",
    "quotactl",
    "mount",
    "umount2",
    "pivot_root",
    "setns",
    "unshare",
    "bpf",
    "perf_event_open",
    "fanotify_init",
    "lookup_dcookie",
];

/// A runc-style spec whose `linux.seccomp` has `n` syscall rules.
pub fn runtime_seccomp(n: usize) -> Vec<u8> {
    runc_config(runc_mounts(), Some(seccomp(n)))
}

/// A runc-style spec with a 300-rule seccomp profile and 40 mounts.
pub fn runtime_300_seccomp_40_mounts() -> Vec<u8> {
    runc_config(mounts(40), Some(seccomp(300)))
}

/// A seccomp profile with `n` syscall rules.
fn seccomp(n: usize) -> J {
    let mut rng = Rng::new(6);
    let syscalls: Vec<J> = (0..n)
        .map(|i| {
            let count = 1 + rng.pick(4);
            let names: Vec<&str> = (0..count)
                .map(|k| SYSCALLS[(i * 3 + k * 7) % SYSCALLS.len()])
                .collect();
            let mut fields = vec![("names", sa(names))];
            match i % 10 {
                0..=6 => fields.push(("action", s("SCMP_ACT_ALLOW"))),
                7 => {
                    fields.push(("action", s("SCMP_ACT_ERRNO")));
                    fields.push(("errnoRet", J::N(1)));
                }
                8 => fields.push(("action", s("SCMP_ACT_LOG"))),
                _ => fields.push(("action", s("SCMP_ACT_KILL_PROCESS"))),
            }
            if i % 5 == 2 {
                let op = match i % 3 {
                    0 => "SCMP_CMP_MASKED_EQ",
                    1 => "SCMP_CMP_EQ",
                    _ => "SCMP_CMP_NE",
                };
                let mut arg = vec![
                    ("index", J::N(u64::try_from(i % 6).unwrap())),
                    ("value", J::N(rng.below(1 << 32))),
                ];
                if op == "SCMP_CMP_MASKED_EQ" {
                    arg.push(("valueTwo", J::N(0)));
                }
                arg.push(("op", s(op)));
                fields.push(("args", a([o(arg)])));
            }
            o(fields)
        })
        .collect();
    o([
        ("defaultAction", s("SCMP_ACT_ERRNO")),
        ("defaultErrnoRet", J::N(1)),
        (
            "architectures",
            sa(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"]),
        ),
        ("flags", sa(["SECCOMP_FILTER_FLAG_SPEC_ALLOW"])),
        ("syscalls", J::A(syscalls)),
    ])
}

/// A runc-style spec with 300 seccomp rules.
pub fn runtime_300_seccomp() -> Vec<u8> {
    runtime_seccomp(300)
}

// ---------------------------------------------------------------------------
// distribution-spec

const REPO_WORDS: &[&str] = &[
    "nginx",
    "alpine",
    "redis",
    "postgres",
    "node",
    "python",
    "golang",
    "busybox",
    "ubuntu",
    "debian",
    "web-app",
    "api_server",
    "payments",
    "auth",
    "frontend",
    "ml.worker",
    "kube-proxy",
    "coredns",
    "etcd",
    "pause",
];
const ORGS: &[&str] = &[
    "library", "bitnami", "acme", "team-a", "platform", "k8s", "infra",
];
const REGISTRIES: &[&str] = &[
    "docker.io",
    "ghcr.io",
    "quay.io",
    "registry.k8s.io",
    "gcr.io",
    "localhost:5000",
    "registry.example.com:8443",
    "123456789012.dkr.ecr.us-east-1.amazonaws.com",
    "10.0.0.12:5000",
];
const TAGS: &[&str] = &[
    "latest",
    "1.25",
    "1.25.3",
    "1.25.3-alpine",
    "v2.14.1",
    "3.19",
    "stable",
    "edge",
    "20240514",
    "main-7f3c2a1",
];

/// `n` image references: docker.io short names, names with an
/// organisation, registries (with and without ports), tags, digests and
/// both tag and digest.
pub fn references(n: usize) -> Vec<String> {
    let mut rng = Rng::new(7);
    (0..n)
        .map(|i| {
            let repo = REPO_WORDS[rng.pick(REPO_WORDS.len())];
            let org = ORGS[rng.pick(ORGS.len())];
            let reg = REGISTRIES[rng.pick(REGISTRIES.len())];
            let tag = TAGS[rng.pick(TAGS.len())];
            match i % 10 {
                0 => repo.to_owned(),
                1 => format!("{repo}:{tag}"),
                2 => format!("{org}/{repo}:{tag}"),
                3 => format!("{reg}/{org}/{repo}:{tag}"),
                4 => format!("{reg}/{org}/{repo}@{}", rng.digest()),
                5 => format!("{reg}/{org}/{repo}:{tag}@{}", rng.digest()),
                6 => format!("{reg}/{org}/sub/{repo}"),
                7 => format!("docker.io/{org}/{repo}:{tag}"),
                8 => format!("{repo}@{}", rng.digest()),
                _ => format!("{reg}/{repo}:{tag}"),
            }
        })
        .collect()
}

/// A tag list response with `n` tags.
pub fn tag_list(n: usize) -> Vec<u8> {
    let mut rng = Rng::new(8);
    let tags: Vec<J> = (0..n)
        .map(|i| {
            let t = match i % 6 {
                0 => format!("{}.{}.{}", i / 600, (i / 6) % 100, i % 6),
                1 => format!("{}.{}.{}-alpine", i / 600, (i / 6) % 100, i % 6),
                2 => format!("sha256-{}.sig", rng.hex(64)),
                3 => format!("main-{}", rng.hex(7)),
                4 => format!("v{}.{}", i / 60, i % 60),
                _ => format!("build_{i}"),
            };
            s(t)
        })
        .collect();
    o([("name", s("acme/payments-api")), ("tags", J::A(tags))]).bytes()
}

/// A tag list with 10,000 tags.
pub fn tag_list_10000() -> Vec<u8> {
    tag_list(10_000)
}

// ---------------------------------------------------------------------------
// Real-world documents

/// The documents of `test-data/real-world/README.md`, from the folder
/// `$OCI_MODEL_REAL_WORLD` names (one folder per kind: `config`, `manifest`,
/// `index`, `runtime-config`, `error`, `taglist`), as `(kind, file, bytes)`
/// in file-name order; `None` when the variable is not set.
pub fn real_world() -> Option<Vec<(String, String, Vec<u8>)>> {
    let dir = std::path::PathBuf::from(std::env::var_os("OCI_MODEL_REAL_WORLD")?);
    let mut docs = Vec::new();
    for kind in [
        "config",
        "manifest",
        "index",
        "runtime-config",
        "error",
        "taglist",
    ] {
        let Ok(entries) = std::fs::read_dir(dir.join(kind)) else {
            continue;
        };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        for f in files {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            docs.push((kind.to_owned(), name, std::fs::read(&f).unwrap()));
        }
    }
    Some(docs)
}
