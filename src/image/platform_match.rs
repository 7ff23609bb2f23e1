//! Which platforms run on a platform, and which of several to prefer: the
//! choice of a manifest from an image index
//! ([image-spec v1.1.1, image-index.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/image-index.md)),
//! with the rules of containerd's `platforms` package (`Only`,
//! `OnlyStrict`, `Ordered`, `Default`).

use std::cmp::{Ordering, Reverse};

use crate::image::{Arch, Descriptor, ImageIndex, Os, Platform};

/// The long-term Windows Server builds whose containers later hosts run
/// (Windows Server 2022 and 2025), ascending.
const WINDOWS_LTSC_BUILDS: &[u16] = &[20348, 26100];

/// The `arm64` variants and the versions each one runs: for every major
/// version (newest first), the newest minor version it runs.
const ARM64_VARIANTS: &[(&str, &[(u32, u32)])] = &[
    ("v8", &[(8, 0)]),
    ("v8.0", &[(8, 0)]),
    ("v8.1", &[(8, 1)]),
    ("v8.2", &[(8, 2)]),
    ("v8.3", &[(8, 3)]),
    ("v8.4", &[(8, 4)]),
    ("v8.5", &[(8, 5)]),
    ("v8.6", &[(8, 6)]),
    ("v8.7", &[(8, 7)]),
    ("v8.8", &[(8, 8)]),
    ("v8.9", &[(8, 9)]),
    ("v9", &[(9, 0), (8, 5)]),
    ("v9.0", &[(9, 0), (8, 5)]),
    ("v9.1", &[(9, 1), (8, 6)]),
    ("v9.2", &[(9, 2), (8, 7)]),
    ("v9.3", &[(9, 3), (8, 8)]),
    ("v9.4", &[(9, 4), (8, 9)]),
    ("v9.5", &[(9, 5), (8, 9)]),
    ("v9.6", &[(9, 6), (8, 9)]),
    ("v9.7", &[(9, 7), (8, 9)]),
];

/// A Windows `major.minor.build`; all zero when absent or unreadable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct WindowsBuild {
    major: u8,
    minor: u8,
    build: u16,
}

impl WindowsBuild {
    fn parse(s: &str) -> Self {
        fn number<T: std::str::FromStr>(s: &str) -> Option<T> {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        }
        let mut parts = s.splitn(4, '.');
        let (Some(major), Some(minor), Some(build)) = (parts.next(), parts.next(), parts.next())
        else {
            return Self::default();
        };
        match (number(major), number(minor), number(build)) {
            (Some(major), Some(minor), Some(build)) => Self {
                major,
                minor,
                build,
            },
            _ => Self::default(),
        }
    }

    fn is_empty(self) -> bool {
        self == Self::default()
    }

    /// Whether a host of this build runs a container of build `ctr`.
    fn runs(self, ctr: Self) -> bool {
        if self.major != ctr.major || self.minor != ctr.minor {
            return false;
        }
        if self.build < WINDOWS_LTSC_BUILDS[0] {
            return self.build == ctr.build;
        }
        let oldest = WINDOWS_LTSC_BUILDS
            .iter()
            .rev()
            .find(|&&ltsc| self.build > ltsc)
            .copied()
            .unwrap_or(WINDOWS_LTSC_BUILDS[0]);
        oldest <= ctr.build && ctr.build <= self.build
    }
}

/// One wanted platform, normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Wanted {
    platform: Platform,
    windows: Option<WindowsBuild>,
}

impl Wanted {
    fn new(p: &Platform) -> Self {
        let platform = p.normalize();
        let windows = (*platform.os() == Os::Windows)
            .then(|| WindowsBuild::parse(platform.os_version().as_deref().unwrap_or("")));
        Self { platform, windows }
    }

    fn matches(&self, got: &Platform, strip_features: bool) -> bool {
        let n = got.normalize();
        let want = &self.platform;
        if n.os() != want.os()
            || n.architecture() != want.architecture()
            || n.variant() != want.variant()
        {
            return false;
        }
        if let Some(host) = self.windows {
            let v = got.os_version().as_deref().unwrap_or("");
            if !host.is_empty() && !v.is_empty() && !host.runs(WindowsBuild::parse(v)) {
                return false;
            }
        }
        if strip_features {
            return true;
        }
        let wanted: &[String] = want.os_features().as_deref().unwrap_or(&[]);
        n.os_features()
            .iter()
            .flatten()
            .filter(|f| !(self.windows.is_some() && *f == "win32k"))
            .all(|f| wanted.contains(f))
    }
}

/// Decides which platforms run on a platform and which to prefer.
///
/// A [`PlatformMatcher`] holds platforms in preference order. A platform
/// matches one of them when, both [normalized](Platform::normalize), the
/// OS, architecture and variant are equal, the `os.features` are a subset
/// of the wanted ones (`win32k` is ignored on Windows), and, on Windows,
/// the `os.version` can run on the wanted build (below: Windows builds).
///
/// [`PlatformMatcher::only`] adds what a platform also runs, best first:
///
/// | wanted | also runs, in this order |
/// | --- | --- |
/// | `amd64/vN` | `amd64/vN-1` ... `amd64/v1` (no variant), then `386` |
/// | `arm/vN` (N > 5) | `arm/vN-1` ... `arm/v5` |
/// | `arm64/v8.N` | `arm64/v8.N-1` ... `arm64/v8`, then `arm/v8` ... `arm/v5` |
/// | `arm64/v9.N` | `arm64/v9.N-1` ... `arm64/v9`, `arm64/v8.(N+5, at most 9)` ... `arm64/v8`, then `arm/v8` ... `arm/v5` |
///
/// An `arm` without variant is `arm/v7`, an `arm64` without variant is
/// `arm64/v8`; an `arm64` variant outside `v8` ... `v9.7` matches nothing.
///
/// Windows builds: a wanted platform without `os.version` (or one that is
/// not `major.minor.build`) runs every build, and every platform without
/// `os.version` runs on a wanted build. Otherwise major and minor must be
/// equal and, on a host older than Windows Server 2022 (build 20348), the
/// build too; from 20348 on a host runs the builds from the latest
/// long-term release older than itself (20348 or 26100) up to its own.
///
/// Order ([`PlatformMatcher::compare`]): matching platforms first, by the
/// first wanted platform they match; on a tie, the one with more
/// `os.features`; then, when the wanted Windows platform names a build,
/// the higher `os.version` (as containerd's default matcher on a Windows
/// host; compared number by number, where Go compares the text).
/// Platforms that do not match come last, ranked as if they had no
/// `os.features`.
///
/// ```
/// use oci_model::image::{Platform, PlatformMatcher};
///
/// let host = Platform::new("arm64".into(), "linux".into());
/// let m = PlatformMatcher::only(&host);
/// let p = |s: &str| Platform::parse_with_host(s, &host);
/// assert!(m.matches(&p("linux/arm/v7")?));
/// assert!(!m.matches(&p("linux/amd64")?));
/// // The native platform is preferred over the 32-bit fallback.
/// assert!(m.compare(&p("linux/aarch64")?, &p("linux/arm/v7")?).is_lt());
/// # Ok::<(), oci_model::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformMatcher {
    wanted: Vec<Wanted>,
}

impl PlatformMatcher {
    /// Matches `platform` and what runs on it, best first (containerd's
    /// `Only`): see the table of [`PlatformMatcher`].
    pub fn only(platform: &Platform) -> Self {
        Self::ordered(fallbacks(&platform.normalize()))
    }

    /// Matches `platform` only, in any spelling (containerd's
    /// `OnlyStrict`): `arm64` matches `aarch64` and `arm64/v8`, but `amd64`
    /// does not match `386`.
    pub fn strict(platform: &Platform) -> Self {
        Self::ordered([platform.clone()])
    }

    /// Matches any of `platforms`, preferring them in the order given
    /// (containerd's `Ordered`), without adding fallbacks.
    pub fn ordered(platforms: impl IntoIterator<Item = Platform>) -> Self {
        Self {
            wanted: platforms.into_iter().map(|p| Wanted::new(&p)).collect(),
        }
    }

    /// What runs on this host (containerd's `Default`): [`Platform::host`]
    /// with its fallbacks on Linux and other Unix systems; on macOS the host
    /// then Linux on the same architecture, on FreeBSD the host then Linux
    /// on the same architecture and variant, both without fallbacks; on
    /// Windows the host only, newest compatible build first.
    pub fn host() -> Self {
        let host = Platform::host();
        let linux = || {
            let mut p = Platform::new(host.architecture().clone(), Os::Linux);
            if *host.os() == Os::FreeBSD {
                p.set_variant(host.variant().clone());
            }
            p
        };
        match host.os() {
            Os::Darwin | Os::FreeBSD => Self::ordered([host.clone(), linux()]),
            Os::Windows => Self::strict(&host),
            _ => Self::only(&host),
        }
    }

    /// The wanted platforms, normalized, best first.
    pub fn platforms(&self) -> impl Iterator<Item = &Platform> {
        self.wanted.iter().map(|w| &w.platform)
    }

    /// Whether `platform` runs here.
    pub fn matches(&self, platform: &Platform) -> bool {
        self.rank(platform, false).is_some()
    }

    /// The index of the first wanted platform `platform` matches.
    fn rank(&self, platform: &Platform, strip_features: bool) -> Option<usize> {
        self.wanted
            .iter()
            .position(|w| w.matches(platform, strip_features))
    }

    /// Orders two platforms, the preferred one first (`Less`); equal when
    /// neither is preferred. Sort stably with it to keep the original order
    /// of equals, as an index lists them.
    pub fn compare(&self, a: &Platform, b: &Platform) -> Ordering {
        self.key(a).cmp(&self.key(b))
    }

    /// The sort key of [`PlatformMatcher::compare`].
    fn key(&self, p: &Platform) -> (bool, usize, Reverse<usize>, Reverse<Vec<u64>>) {
        let features = p.os_features().as_ref().map_or(0, Vec::len);
        if let Some(i) = self.rank(p, false) {
            let windows = self.wanted[i].windows.is_some_and(|b| !b.is_empty());
            let version = if windows {
                version_numbers(p.os_version().as_deref().unwrap_or(""))
            } else {
                Vec::new()
            };
            return (false, i, Reverse(features), Reverse(version));
        }
        let i = if features > 0 {
            self.rank(p, true).unwrap_or(usize::MAX)
        } else {
            usize::MAX
        };
        (true, i, Reverse(0), Reverse(Vec::new()))
    }
}

/// The numbers of a dotted version, for ordering builds (`10.0.17763.10`
/// after `10.0.17763.9`); a part that is not a number counts as 0.
fn version_numbers(v: &str) -> Vec<u64> {
    if v.is_empty() {
        return Vec::new();
    }
    v.split('.').map(|n| n.parse().unwrap_or(0)).collect()
}

/// `base` with another architecture and variant.
fn with_arch(base: &Platform, arch: &str, variant: Option<String>) -> Platform {
    let mut p = base.clone();
    p.set_architecture(Arch::from(arch));
    p.set_variant(variant);
    p
}

/// The variant number of `vN`.
fn variant_number(variant: Option<&str>) -> Option<u32> {
    variant?.strip_prefix('v').unwrap_or(variant?).parse().ok()
}

/// `platform` (normalized) and what runs on it, best first.
fn fallbacks(platform: &Platform) -> Vec<Platform> {
    let mut out = vec![platform.clone()];
    let variant = platform.variant().as_deref();
    match platform.architecture().as_str() {
        "amd64" => {
            if let Some(n) = variant_number(variant).filter(|&n| n > 1) {
                out.extend(
                    (1..n)
                        .rev()
                        .map(|v| with_arch(platform, "amd64", Some(format!("v{v}")))),
                );
            }
            out.push(with_arch(platform, "386", None));
        }
        "arm" => {
            if let Some(n) = variant_number(variant).filter(|&n| n > 5) {
                out.extend(
                    (5..n)
                        .rev()
                        .map(|v| with_arch(platform, "arm", Some(format!("v{v}")))),
                );
            }
        }
        "arm64" => {
            let variant = variant.unwrap_or("v8");
            out.clear();
            let Some((_, versions)) = ARM64_VARIANTS.iter().find(|(v, _)| *v == variant) else {
                return out;
            };
            for &(major, newest) in *versions {
                for minor in (0..=newest).rev() {
                    let v = if minor == 0 {
                        format!("v{major}")
                    } else {
                        format!("v{major}.{minor}")
                    };
                    out.push(with_arch(platform, "arm64", Some(v)));
                }
            }
            out.extend(fallbacks(&with_arch(
                platform,
                "arm",
                Some("v8".to_owned()),
            )));
        }
        _ => {}
    }
    out
}

impl ImageIndex {
    /// The manifest to use on the platforms of `matcher`: the best match
    /// among the entries that carry a `platform` (containerd picks the same
    /// one). An entry without `platform` (umoci and skopeo write
    /// `index.json` so) has its platform in its image configuration, which
    /// this method has no blobs to read: it is skipped here, and
    /// [`ImageIndex::select_with`] reads it through a fetch callback.
    ///
    /// ```
    /// use oci_model::image::{ImageIndex, Platform, PlatformMatcher};
    ///
    /// let index: ImageIndex = r#"{"schemaVersion":2,"manifests":[
    ///   {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":1,
    ///    "digest":"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ///    "platform":{"architecture":"arm","os":"linux","variant":"v7"}},
    ///   {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":1,
    ///    "digest":"sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    ///    "platform":{"architecture":"arm64","os":"linux","variant":"v8"}}]}"#.parse()?;
    /// let arm64: Platform = "linux/arm64".parse()?;
    /// let chosen = index.select(&PlatformMatcher::only(&arm64)).unwrap();
    /// assert!(chosen.digest().as_str().starts_with("sha256:bbbb"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn select(&self, matcher: &PlatformMatcher) -> Option<&Descriptor> {
        self.matching(matcher).into_iter().next()
    }

    /// Every entry whose `platform` matches, best first; entries that are
    /// equally good keep their order in the index. Entries without
    /// `platform` are skipped ([`ImageIndex::matching_with`] reads theirs).
    pub fn matching(&self, matcher: &PlatformMatcher) -> Vec<&Descriptor> {
        let mut found: Vec<(&Descriptor, &Platform)> = self
            .manifests()
            .iter()
            .filter_map(|d| d.platform().as_ref().map(|p| (d, p)))
            .filter(|(_, p)| matcher.matches(p))
            .collect();
        found.sort_by(|a, b| matcher.compare(a.1, b.1));
        found.into_iter().map(|(d, _)| d).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(n: u16) -> WindowsBuild {
        WindowsBuild {
            major: 10,
            minor: 0,
            build: n,
        }
    }

    #[test]
    fn windows_host_and_container_builds() {
        // (host, container, runs): Server 2019, 2022, Windows 11 22H2,
        // 23H2, Server 2025.
        let cases = [
            (17763, 17763, true),
            (17763, 20348, false),
            (20348, 17763, false),
            (20348, 20348, true),
            (22621, 17763, false),
            (22621, 20348, true),
            (25398, 17763, false),
            (25398, 20348, true),
            (26100, 20348, true),
            (20348, 26100, false),
            (20348, 22621, false),
            (26100, 22621, true),
        ];
        for (host, ctr, runs) in cases {
            assert_eq!(build(host).runs(build(ctr)), runs, "{host} runs {ctr}");
        }
    }

    #[test]
    fn windows_build_parsing() {
        assert_eq!(WindowsBuild::parse("10.0.17763.1"), build(17763));
        assert!(WindowsBuild::parse("10.0").is_empty());
        assert!(WindowsBuild::parse("10.0.+1").is_empty());
        assert!(WindowsBuild::parse("10.0.99999").is_empty());
    }
}
