//! Platforms as text (`linux/arm64/v8`, `windows(10.0.20348)/amd64`):
//! containerd's platform specifiers, for the `platform` object of
//! [image-spec v1.1.1, image-index.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-index.md#image-index-property-descriptions).

use std::fmt;
use std::str::FromStr;

use crate::error::{ParseError, ParseErrorKind};
use crate::image::{Arch, Os, Platform, normalize_arch, normalize_os};
use crate::validate::quote;

/// The operating systems a single-word specifier is tried as first (Go's
/// list as containerd has it; `wasip1` is not among them).
const SPECIFIER_OSES: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "windows",
    "zos",
];

impl Platform {
    /// Parses a platform specifier, taking what it leaves out from `host`
    /// instead of from [`Platform::host`] (the `FromStr` implementation
    /// uses the host).
    ///
    /// The forms and the normalization rules are containerd's platform
    /// specifiers (the `platforms` Go package), so a string a Go tool accepts
    /// means the same platform here:
    ///
    /// - `OS`, `ARCH`, `OS/ARCH` or `OS/ARCH/VARIANT`. An OS alone takes the
    ///   architecture (and the arm variant) of the host; an architecture alone
    ///   takes the host's OS. A single word is tried as an OS first.
    /// - The OS may carry an `os.version` and `os.features` in parentheses:
    ///   `windows(10.0.17763)`, `windows(10.0.17763+win32k)`, `linux(+gpu)`.
    ///   This is containerd's form for Windows builds, chosen over docker's
    ///   (which has no text form for the build): `%`, `+`, `(`, `)` and `/`
    ///   inside a version or feature are written as `%25`, `%2B`, `%28`, `%29`
    ///   and `%2F`.
    /// - Names are case-folded and aliases rewritten by one table
    ///   ([`normalize_arch`], [`normalize_os`]): `x86_64` and `x86-64` are
    ///   `amd64`, `aarch64` is `arm64`, `armhf` is `arm/v7`, `armel` is
    ///   `arm/v6`, `i386` is `386`, `macos` is `darwin`; `arm64`'s `v8` and
    ///   `amd64`'s `v1` are their default variants and are dropped, `arm`'s
    ///   default variant is `v7`.
    ///
    /// Parsing the JSON value of a platform never normalizes (an `aarch64`
    /// there stays [`Arch::Other`] and round-trips); normalization is the
    /// explicit step [`Platform::normalize`], which text parsing applies.
    ///
    /// ```
    /// use oci_model::image::{Arch, Os, Platform};
    ///
    /// let host = Platform::new(Arch::Amd64, Os::Linux);
    /// let p = Platform::parse_with_host("aarch64", &host)?;
    /// assert_eq!(p.to_string(), "linux/arm64");
    /// let p = Platform::parse_with_host("windows", &host)?;
    /// assert_eq!(p.to_string(), "windows/amd64");
    /// # Ok::<(), oci_model::ParseError>(())
    /// ```
    ///
    /// # Errors
    /// A [`ParseError`] of kind [`ParseErrorKind::Platform`] that quotes the
    /// input and says what was expected: an empty string, a wildcard, more
    /// than three components, a component with other characters than
    /// letters, digits, `_`, `.` and `-`, a bad `%` escape, or a single word
    /// that is neither a known OS nor a known architecture.
    pub fn parse_with_host(s: &str, host: &Platform) -> Result<Platform, ParseError> {
        let err = |expected: String| ParseError::new(ParseErrorKind::Platform, s, expected);
        if s.is_empty() {
            return Err(err("os, arch, os/arch or os/arch/variant".to_owned()));
        }
        if s.contains('*') {
            return Err(err("no wildcard: they are not supported".to_owned()));
        }
        let parts: Vec<&str> = s.splitn(4, '/').collect();
        let os_part = parse_os_part(parts[0]).map_err(&err)?;
        for part in &parts[1..] {
            if part.is_empty() || !part.bytes().all(is_component_byte) {
                return Err(err(format!(
                    "component {} to be letters, digits, '_', '.' and '-'",
                    quote(part)
                )));
            }
        }
        let os = normalize_os(os_part.name);
        let mut p = Platform::new(Arch::Amd64, Os::from(os.as_str()));
        p.set_os_version((!os_part.version.is_empty()).then_some(os_part.version));
        p.set_os_features(os_part.features);
        let (arch, variant) = match parts.as_slice() {
            [one] => {
                if SPECIFIER_OSES.contains(&os.as_str()) {
                    let arch = host.architecture().as_str().to_owned();
                    let variant = match host.variant().as_deref() {
                        Some(v) if arch == "arm" && v != "v7" => v.to_owned(),
                        _ => String::new(),
                    };
                    (arch, variant)
                } else {
                    let (arch, variant) = specifier_arch(one, "", false);
                    if Arch::from_known(&arch).is_none() {
                        return Err(err(
                            "a known os (such as \"linux\") or architecture (such as \"amd64\")"
                                .to_owned(),
                        ));
                    }
                    p.set_os(host.os().clone());
                    (arch, variant)
                }
            }
            [_, arch] => specifier_arch(arch, "", false),
            [_, arch, variant] => specifier_arch(arch, variant, true),
            _ => {
                return Err(err("at most three components: os/arch/variant".to_owned()));
            }
        };
        p.set_architecture(Arch::from(arch));
        p.set_variant((!variant.is_empty()).then_some(variant));
        Ok(p)
    }
}

/// The architecture and variant of a specifier: normalized, but in the
/// short form containerd writes, where `arm` without a written variant
/// stays without one, and a written-out `arm64` variant of `v8` stays.
fn specifier_arch(arch: &str, variant: &str, written: bool) -> (String, String) {
    let (arch, variant) = normalize_arch(arch, variant);
    if !written && arch == "arm" && variant == "v7" {
        return (arch, String::new());
    }
    if written && arch == "arm64" && variant.is_empty() {
        return (arch, "v8".to_owned());
    }
    (arch, variant)
}

/// A byte of an architecture or variant component.
fn is_component_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

/// The OS component: a name, then optionally `(version+feature+...)`.
struct OsPart<'a> {
    name: &'a str,
    version: String,
    features: Option<Vec<String>>,
}

fn parse_os_part(part: &str) -> Result<OsPart<'_>, String> {
    let bad = || {
        format!(
            "component {} to be an os name of letters, digits, '_' and '-', \
             optionally followed by \"(version+feature...)\"",
            quote(part)
        )
    };
    let (name, options) = match part.find('(') {
        None => (part, None),
        Some(i) => {
            let inner = part[i + 1..].strip_suffix(')').ok_or_else(bad)?;
            (&part[..i], Some(inner))
        }
    };
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
    {
        return Err(bad());
    }
    let mut out = OsPart {
        name,
        version: String::new(),
        features: None,
    };
    let Some(inner) = options else {
        return Ok(out);
    };
    let option_byte = |b: u8| is_component_byte(b) || b == b'%';
    let mut pieces = inner.split('+');
    let version = pieces.next().unwrap_or("");
    if !version.bytes().all(option_byte) {
        return Err(bad());
    }
    out.version = decode_option(version)?;
    let mut features = Vec::new();
    for raw in pieces {
        if raw.is_empty() || !raw.bytes().all(option_byte) {
            return Err(bad());
        }
        let feature = decode_option(raw)?;
        if !feature.is_empty() {
            features.push(feature);
        }
    }
    if !features.is_empty() {
        out.features = Some(features);
    }
    Ok(out)
}

/// Decodes the `%XX` escapes of an os.version or feature.
fn decode_option(s: &str) -> Result<String, String> {
    if !s.contains('%') {
        return Ok(s.to_owned());
    }
    let bad = || format!("{} to use %XX escapes (two hex digits, UTF-8)", quote(s));
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or_else(bad)?;
            let hex = std::str::from_utf8(hex).map_err(|_| bad())?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| bad())
}

/// Writes an os.version or feature with the characters of the syntax
/// escaped: `%`, `+`, `(`, `)` and `/` as containerd does (`%25`, `%2B`,
/// `%28`, `%29`, `%2F`), and, so that the text always parses back, every
/// other byte outside letters, digits, `_`, `.` and `-` too.
fn encode_option(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    for b in s.bytes() {
        if is_component_byte(b) {
            fmt::Write::write_char(f, char::from(b))?;
        } else {
            write!(f, "%{b:02X}")?;
        }
    }
    Ok(())
}

impl fmt::Display for Platform {
    /// Writes the specifier `os[(version+features)]/arch[/variant]` as
    /// containerd's `FormatAll` does: features sorted, without empty or
    /// duplicate entries; `unknown` when the OS is empty. No normalization
    /// is applied: normalize first for the canonical text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let os = self.os().as_str();
        if os.is_empty() {
            return f.write_str("unknown");
        }
        f.write_str(os)?;
        let version = self.os_version().as_deref().unwrap_or("");
        let mut features: Vec<&str> = self
            .os_features()
            .iter()
            .flatten()
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .collect();
        features.sort_unstable();
        features.dedup();
        if !version.is_empty() || !features.is_empty() {
            f.write_str("(")?;
            encode_option(f, version)?;
            for feature in features {
                f.write_str("+")?;
                encode_option(f, feature)?;
            }
            f.write_str(")")?;
        }
        for part in [
            self.architecture().as_str(),
            self.variant().as_deref().unwrap_or(""),
        ] {
            if !part.is_empty() {
                write!(f, "/{part}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for Platform {
    type Err = ParseError;

    /// Parses a platform specifier, filling what it leaves out from
    /// [`Platform::host`]; see [`Platform::parse_with_host`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Platform::parse_with_host(s, &Platform::host())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host() -> Platform {
        Platform::new(Arch::Amd64, Os::Linux)
    }

    #[test]
    fn errors_quote_the_input() {
        let e = Platform::parse_with_host("linux/&arm", &host()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid platform \"linux/&arm\": expected component \"&arm\" to be letters, digits, '_', '.' and '-'"
        );
        let e = Platform::parse_with_host("vax", &host()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid platform \"vax\": expected a known os (such as \"linux\") or architecture (such as \"amd64\")"
        );
        let e = Platform::parse_with_host("windows(1%zz)", &host()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid platform \"windows(1%zz)\": expected \"1%zz\" to use %XX escapes (two hex digits, UTF-8)"
        );
    }

    #[test]
    fn escapes_round_trip() {
        let p = Platform::parse_with_host("windows(1.0%28beta%29+a%2Bb)/amd64", &host()).unwrap();
        assert_eq!(p.os_version().as_deref(), Some("1.0(beta)"));
        assert_eq!(p.os_features().as_deref(), Some(&["a+b".to_owned()][..]));
        assert_eq!(p.to_string(), "windows(1.0%28beta%29+a%2Bb)/amd64");
    }
}
