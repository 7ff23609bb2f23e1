//! The normalization of platform names for the `platform` object of
//! [image-spec v1.1.1, image-index.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-index.md#image-index-property-descriptions):
//! one table of architecture and OS aliases, containerd's row for row.

use crate::image::{Arch, Os, Platform};

/// How an architecture alias rewrites the variant written with it.
#[derive(Debug, Clone, Copy)]
enum VariantRule {
    /// The variant is dropped whatever it was (`i386`).
    Clear,
    /// The variant is replaced whatever it was (`armhf` is always `v7`).
    Set(&'static str),
    /// Listed spellings are rewritten (`""` for "no variant"); any other
    /// variant is kept, lowercased.
    Map(&'static [(&'static str, &'static str)]),
}

/// The architecture table: every spelling, lowercase, with the `GOARCH`
/// name it normalizes to and what happens to its variant. Names not listed
/// are only lowercased. This is containerd's table, row for row.
const ARCH_TABLE: &[(&[&str], &str, VariantRule)] = &[
    (&["i386"], "386", VariantRule::Clear),
    (
        &["x86_64", "x86-64", "amd64"],
        "amd64",
        VariantRule::Map(&[("v1", "")]),
    ),
    (
        &["aarch64", "arm64"],
        "arm64",
        VariantRule::Map(&[
            ("8", ""),
            ("v8", ""),
            ("v8.0", ""),
            ("9", "v9"),
            ("9.0", "v9"),
            ("v9.0", "v9"),
        ]),
    ),
    (&["armhf"], "arm", VariantRule::Set("v7")),
    (&["armel"], "arm", VariantRule::Set("v6")),
    (
        &["arm"],
        "arm",
        VariantRule::Map(&[
            ("", "v7"),
            ("7", "v7"),
            ("5", "v5"),
            ("6", "v6"),
            ("8", "v8"),
        ]),
    ),
];

/// The OS table: aliases, lowercase, and the `GOOS` name they mean.
const OS_TABLE: &[(&str, &str)] = &[("macos", "darwin")];

/// Normalizes an architecture and its variant (`""` for none) through the
/// alias table: lowercase, `x86_64` to `amd64`, `aarch64` to `arm64`,
/// `armhf` to `arm`/`v7`, an `arm64` `v8` to no variant, an `arm` without
/// variant to `v7`, and so on.
///
/// ```
/// use oci_model::image::normalize_arch;
///
/// assert_eq!(normalize_arch("AArch64", "8"), ("arm64".to_owned(), String::new()));
/// assert_eq!(normalize_arch("armhf", ""), ("arm".to_owned(), "v7".to_owned()));
/// assert_eq!(normalize_arch("mips64le", ""), ("mips64le".to_owned(), String::new()));
/// ```
pub fn normalize_arch(arch: &str, variant: &str) -> (String, String) {
    let arch = arch.to_ascii_lowercase();
    let variant = variant.to_ascii_lowercase();
    for (names, goarch, rule) in ARCH_TABLE {
        if names.contains(&arch.as_str()) {
            let variant = match rule {
                VariantRule::Clear => String::new(),
                VariantRule::Set(v) => (*v).to_owned(),
                VariantRule::Map(rows) => rows
                    .iter()
                    .find(|(from, _)| *from == variant)
                    .map_or(variant, |(_, to)| (*to).to_owned()),
            };
            return ((*goarch).to_owned(), variant);
        }
    }
    (arch, variant)
}

/// Normalizes an operating system name: lowercase, and `macos` to
/// `darwin`. An empty name is the host's OS ([`Os::host`]).
///
/// ```
/// use oci_model::image::normalize_os;
///
/// assert_eq!(normalize_os("Linux"), "linux");
/// assert_eq!(normalize_os("macOS"), "darwin");
/// ```
pub fn normalize_os(os: &str) -> String {
    if os.is_empty() {
        return Os::host().as_str().to_owned();
    }
    let os = os.to_ascii_lowercase();
    OS_TABLE
        .iter()
        .find(|(from, _)| *from == os)
        .map_or(os, |(_, to)| (*to).to_owned())
}

impl Platform {
    /// This platform in canonical form, as containerd's `Normalize`: the OS
    /// and architecture through the alias tables ([`normalize_os`],
    /// [`normalize_arch`]), an empty variant removed, `os.features` sorted
    /// without duplicates. `os.version` and `features` are kept.
    ///
    /// Note that an `arm` platform without variant becomes `arm`/`v7` (its
    /// default), while `arm64`/`v8` loses its variant.
    ///
    /// ```
    /// use oci_model::image::{Arch, Os, Platform};
    ///
    /// let p = Platform::new(Arch::from("aarch64"), Os::Linux).normalize();
    /// assert_eq!(p, Platform::new(Arch::ARM64, Os::Linux));
    /// ```
    #[must_use]
    pub fn normalize(&self) -> Platform {
        let (arch, variant) = normalize_arch(
            self.architecture().as_str(),
            self.variant().as_deref().unwrap_or(""),
        );
        let mut p = self.clone();
        p.set_os(Os::from(normalize_os(self.os().as_str())));
        p.set_architecture(Arch::from(arch));
        p.set_variant((!variant.is_empty()).then_some(variant));
        if let Some(features) = p.os_features_mut() {
            features.sort();
            features.dedup();
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_row() {
        let cases = [
            ("i386", "v2", "386", ""),
            ("X86_64", "", "amd64", ""),
            ("x86-64", "V1", "amd64", ""),
            ("amd64", "v3", "amd64", "v3"),
            ("aarch64", "v8.0", "arm64", ""),
            ("arm64", "9.0", "arm64", "v9"),
            ("arm64", "v9.2", "arm64", "v9.2"),
            ("armhf", "v5", "arm", "v7"),
            ("armel", "", "arm", "v6"),
            ("arm", "", "arm", "v7"),
            ("arm", "8", "arm", "v8"),
            ("arm", "v4", "arm", "v4"),
            ("RISCV64", "RVA22", "riscv64", "rva22"),
        ];
        for (arch, variant, want_arch, want_variant) in cases {
            assert_eq!(
                normalize_arch(arch, variant),
                (want_arch.to_owned(), want_variant.to_owned()),
                "{arch}/{variant}"
            );
        }
    }
}
