//! The platform object of an index entry or descriptor: [image-spec v1.1.1,
//! image-index.md "Image Index Property Descriptions"](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-index.md#image-index-property-descriptions),
//! and its `architecture` and `os` values, which SHOULD be Go's `GOARCH` and
//! `GOOS` names.
//!
//! [`Arch`] and [`Os`] are open: a value Go does not list parses into
//! `Other` and round-trips; validation only warns about it.

use crate::image::rules;
use crate::spec_struct;
use crate::validate::{Checker, Validate, quote};

open_enum! {
    /// A CPU architecture, named as Go's `GOARCH`.
    ///
    /// ```
    /// use oci_model::image::Arch;
    ///
    /// assert_eq!(Arch::from("armbe"), Arch::ARMbe);
    /// assert_eq!(Arch::from("arm64be"), Arch::ARM64be);
    /// assert!(Arch::from("vax").is_other());
    /// ```
    pub enum Arch {
        /// 32-bit x86, little-endian (`386`).
        #[expect(non_camel_case_types, reason = "the oci-spec crate's variant name")]
        i386 = "386",
        /// 64-bit x86, little-endian.
        Amd64 = "amd64",
        /// 64-bit x86 with 32-bit pointers, little-endian.
        Amd64p32 = "amd64p32",
        /// 32-bit ARM, little-endian.
        ARM = "arm",
        /// 32-bit ARM, big-endian.
        ARMbe = "armbe",
        /// 64-bit ARM, little-endian.
        ARM64 = "arm64",
        /// 64-bit ARM, big-endian.
        ARM64be = "arm64be",
        /// 64-bit LoongArch, little-endian.
        LoongArch64 = "loong64",
        /// 32-bit MIPS, big-endian.
        Mips = "mips",
        /// 32-bit MIPS, little-endian.
        Mipsle = "mipsle",
        /// 64-bit MIPS, big-endian.
        Mips64 = "mips64",
        /// 64-bit MIPS, little-endian.
        Mips64le = "mips64le",
        /// 64-bit MIPS with 32-bit pointers, big-endian.
        Mips64p32 = "mips64p32",
        /// 64-bit MIPS with 32-bit pointers, little-endian.
        Mips64p32le = "mips64p32le",
        /// 32-bit PowerPC, big-endian.
        PowerPC = "ppc",
        /// 64-bit PowerPC, big-endian.
        PowerPC64 = "ppc64",
        /// 64-bit PowerPC, little-endian.
        PowerPC64le = "ppc64le",
        /// 32-bit RISC-V, little-endian.
        RISCV = "riscv",
        /// 64-bit RISC-V, little-endian.
        RISCV64 = "riscv64",
        /// 32-bit IBM System/390, big-endian.
        #[expect(non_camel_case_types, reason = "the oci-spec crate's variant name")]
        s390 = "s390",
        /// 64-bit IBM System/390, big-endian.
        #[expect(non_camel_case_types, reason = "the oci-spec crate's variant name")]
        s390x = "s390x",
        /// 32-bit SPARC, big-endian.
        SPARC = "sparc",
        /// 64-bit SPARC, big-endian.
        SPARC64 = "sparc64",
        /// 32-bit WebAssembly.
        Wasm = "wasm",
    }
}

open_enum! {
    /// An operating system, named as Go's `GOOS`.
    ///
    /// ```
    /// use oci_model::image::Os;
    ///
    /// assert_eq!(Os::from("linux"), Os::Linux);
    /// // The variants are oci-spec's; Go's `wasip1` is kept in `Other`.
    /// assert_eq!(Os::from("wasip1"), Os::Other("wasip1".to_owned()));
    /// ```
    pub enum Os {
        /// IBM AIX.
        AIX = "aix",
        /// Android.
        Android = "android",
        /// Apple macOS.
        Darwin = "darwin",
        /// DragonFly BSD.
        DragonFlyBSD = "dragonfly",
        /// FreeBSD.
        FreeBSD = "freebsd",
        /// GNU Hurd.
        Hurd = "hurd",
        /// illumos.
        Illumos = "illumos",
        /// Apple iOS.
        #[expect(non_camel_case_types, reason = "the oci-spec crate's variant name")]
        iOS = "ios",
        /// JavaScript (browser) runtime.
        Js = "js",
        /// Linux.
        Linux = "linux",
        /// Native Client.
        Nacl = "nacl",
        /// NetBSD.
        NetBSD = "netbsd",
        /// OpenBSD.
        OpenBSD = "openbsd",
        /// Plan 9.
        Plan9 = "plan9",
        /// Solaris.
        Solaris = "solaris",
        /// Microsoft Windows.
        Windows = "windows",
        /// IBM z/OS.
        #[expect(non_camel_case_types, reason = "the oci-spec crate's variant name")]
        zOS = "zos",
    }
}

impl Arch {
    /// The architecture this crate was compiled for, in `GOARCH` form (the
    /// same as `Arch::default()`).
    pub fn host() -> Self {
        let goarch = match std::env::consts::ARCH {
            "x86" => "386",
            "x86_64" => "amd64",
            "aarch64" if cfg!(target_endian = "big") => "arm64be",
            "aarch64" => "arm64",
            "loongarch64" => "loong64",
            "powerpc" => "ppc",
            "powerpc64" if cfg!(target_endian = "little") => "ppc64le",
            "powerpc64" => "ppc64",
            "riscv32" => "riscv",
            "sparc" => "sparc",
            "wasm32" => "wasm",
            other => other,
        };
        Self::from(goarch)
    }
}

impl Os {
    /// The operating system this crate was compiled for, in `GOOS` form
    /// (the same as `Os::default()`).
    pub fn host() -> Self {
        match std::env::consts::OS {
            "macos" => Os::Darwin,
            other => Self::from(other),
        }
    }
}

/// The architecture this crate was compiled for ([`Arch::host`]), as in
/// `oci-spec`.
impl Default for Arch {
    fn default() -> Self {
        Self::host()
    }
}

/// The operating system this crate was compiled for ([`Os::host`]), as in
/// `oci-spec`.
impl Default for Os {
    fn default() -> Self {
        Self::host()
    }
}

/// The platform an image runs on: the `platform` object of an index entry
/// (and of a descriptor, as an extended field).
///
/// ```
/// use oci_model::image::{Arch, Os, PlatformBuilder};
///
/// let p = PlatformBuilder::default()
///     .architecture(Arch::Amd64)
///     .os(Os::Windows)
///     .os_version("10.0.14393.1066")
///     .os_features(vec!["win32k".to_owned()])
///     .build()?;
/// let json = serde_json::to_string(&p)?;
/// assert_eq!(
///     json,
///     r#"{"architecture":"amd64","os":"windows","os.version":"10.0.14393.1066","os.features":["win32k"]}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[spec_struct(hash, access(get, get_mut, set))]
pub struct Platform {
    /// REQUIRED: the CPU architecture; SHOULD be a Go `GOARCH` value.
    architecture: Arch,
    /// REQUIRED: the operating system; SHOULD be a Go `GOOS` value.
    os: Os,
    /// OPTIONAL (`os.version`): the version of the operating system, such
    /// as `10.0.14393.1066` on Windows.
    #[json(rename = "os.version")]
    os_version: Option<String>,
    /// OPTIONAL (`os.features`): required OS features, such as `win32k`
    /// when `os` is `windows`.
    #[json(rename = "os.features")]
    os_features: Option<Vec<String>>,
    /// OPTIONAL: the CPU variant, such as `v7` for `arm` or `v8` for
    /// `arm64`; SHOULD come from the spec's variants table.
    variant: Option<String>,
    /// RESERVED for future versions of the spec; validation warns when set.
    features: Option<Vec<String>>,
}

impl Platform {
    /// A platform with only `architecture` and `os`.
    pub fn new(architecture: Arch, os: Os) -> Self {
        Self {
            rest: crate::json::spec::fresh(),
            architecture,
            os,
            os_version: None,
            os_features: None,
            variant: None,
            features: None,
        }
    }

    /// The platform this process runs on: [`Arch::host`] and [`Os::host`],
    /// with, as containerd's default platform, the CPU `variant` on `arm`
    /// and `arm64` (from `/proc/cpuinfo` on Linux, else the compile target:
    /// `v8` for `arm64`) and, on Windows, the OS build as `os.version`
    /// (`10.0.20348`). Both are looked up once per process.
    pub fn host() -> Self {
        let mut p = Self::new(Arch::host(), Os::host());
        p.variant = crate::image::platform_host::variant();
        p.os_version = crate::image::platform_host::os_version();
        p
    }
}

/// The platform this crate was compiled for, `architecture` and `os` only
/// ([`Arch::default`], [`Os::default`]), as in `oci-spec`.
/// [`Platform::host`] also reads the CPU variant and the OS version.
impl Default for Platform {
    fn default() -> Self {
        Self::new(Arch::default(), Os::default())
    }
}

/// Go `GOOS` values that are not variants of [`Os`] (its variants are
/// `oci-spec`'s).
const GO_OS_OTHERS: &[&str] = &["wasip1"];

/// True when `os` is a Go `GOOS` value.
fn is_go_os(os: &Os) -> bool {
    !os.is_other() || GO_OS_OTHERS.contains(&os.as_str())
}

/// Warnings for an architecture or OS Go does not list (shared with the
/// image configuration, which carries the same fields at its top level).
pub(crate) fn check_arch_os(c: &mut Checker, arch: &Arch, os: &Os) {
    if arch.is_other() {
        c.report_at(
            "architecture",
            &rules::PLATFORM_ARCHITECTURE,
            format!(
                "architecture {} is not a Go GOARCH value",
                quote(arch.as_str())
            ),
        );
    }
    if !is_go_os(os) {
        c.report_at(
            "os",
            &rules::PLATFORM_OS,
            format!("os {} is not a Go GOOS value", quote(os.as_str())),
        );
    }
}

impl Validate for Platform {
    fn check(&self, c: &mut Checker) {
        check_arch_os(c, &self.architecture, &self.os);
        if self.features.is_some() {
            c.report_at(
                "features",
                &rules::PLATFORM_FEATURES,
                "platform features is reserved for future versions of the spec",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_names() {
        assert_eq!(Arch::i386.as_str(), "386");
        assert_eq!(Arch::from("armbe"), Arch::ARMbe);
        assert_ne!(Arch::from("armbe"), Arch::ARM64be);
        assert_eq!(Arch::LoongArch64.as_str(), "loong64");
        assert_eq!(Os::zOS.as_str(), "zos");
        assert_eq!(Os::KNOWN.len(), 17);
        assert!(is_go_os(&Os::from("wasip1")));
        assert!(!is_go_os(&Os::from("beos")));
        assert_eq!(Arch::KNOWN.len(), 24);
    }

    #[test]
    fn host_is_known_on_common_targets() {
        if cfg!(any(target_arch = "x86_64", target_arch = "aarch64")) {
            assert!(!Arch::host().is_other());
        }
        if cfg!(any(
            target_os = "linux",
            target_os = "macos",
            target_os = "windows"
        )) {
            assert!(!Os::host().is_other());
        }
    }

    #[test]
    fn json_keys_use_dots() {
        let j = r#"{"architecture":"arm64","os":"linux","os.version":"6.1","os.features":["x"],"variant":"v8"}"#;
        let p: Platform = serde_json::from_str(j).unwrap();
        assert_eq!(p.os_version().as_deref(), Some("6.1"));
        assert_eq!(p.os_features().as_deref(), Some(&["x".to_owned()][..]));
        assert_eq!(serde_json::to_string(&p).unwrap(), j);
    }

    #[test]
    fn missing_os_is_an_error() {
        let e = serde_json::from_str::<Platform>(r#"{"architecture":"amd64"}"#).unwrap_err();
        assert!(e.to_string().contains("missing field `os`"), "{e}");
    }

    #[test]
    fn builder_names_missing_field() {
        let e = PlatformBuilder::default()
            .architecture(Arch::Amd64)
            .build_model()
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot build Platform: required field `os` is not set"
        );
    }
}
