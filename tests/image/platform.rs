//! Platform text, normalization, matching and manifest selection, checked
//! against the behaviour of containerd's `platforms` package (the cases
//! follow its parse, format, `Only`, `OnlyStrict`, ordering and Windows
//! tests), and `ImageIndex::select` over the indexes of
//! `test-data/platform/`.
#![cfg(feature = "image")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failure is a test failure"
)]

use std::collections::BTreeSet;

use oci_model::image::{Arch, ImageIndex, Os, Platform, PlatformMatcher};

/// The host the short specifiers are completed from.
fn host() -> Platform {
    Platform::new(Arch::Amd64, Os::Linux)
}

fn parse(s: &str) -> Platform {
    Platform::parse_with_host(s, &host()).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// A platform exactly as written `os/arch[/variant]`, not normalized (as an
/// index may carry it).
fn raw(s: &str) -> Platform {
    let mut parts = s.split('/');
    let os = parts.next().unwrap();
    let arch = parts.next().unwrap();
    let mut p = Platform::new(Arch::from(arch), Os::from(os));
    p.set_variant(parts.next().map(str::to_owned));
    p
}

/// Specifiers that must be refused, with a word the message must contain.
const INVALID: &[(&str, &str)] = &[
    ("", "os, arch, os/arch or os/arch/variant"),
    ("/linux/arm", "os name"),
    ("linux/arm/", "component \"\""),
    ("linux /arm", "component \"linux \""),
    ("linux/&arm", "component \"&arm\""),
    ("linux/arm/foo/bar", "at most three components"),
    ("*", "wildcard"),
    ("linux/*", "wildcard"),
    ("vax", "a known os"),
    ("windows(10.0", "os name"),
    ("linux(++)", "os name"),
    ("windows(1%2)", "%XX escapes"),
];

/// The rows of a TSV table of `test-data/platform/`, without comments.
fn table(name: &str) -> Vec<Vec<String>> {
    let path = format!("{}/test-data/platform/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

fn words(cell: &str) -> Vec<&str> {
    cell.split(' ').filter(|w| !w.is_empty()).collect()
}

#[test]
fn specifiers_parse_format_and_match_as_containerd() {
    let mut strings = BTreeSet::new();
    let rows = table("specifiers.tsv");
    assert!(rows.len() >= 60, "{} rows", rows.len());
    for row in &rows {
        let (input, formatted) = (row[0].as_str(), row[1].as_str());
        let p = parse(input);
        assert_eq!(p.to_string(), formatted, "format of {input:?}");
        // The text is stable: parsing the formatted form gives it back.
        assert_eq!(
            parse(formatted).to_string(),
            formatted,
            "re-parse of {input:?}"
        );
        let m = PlatformMatcher::strict(&p);
        assert!(m.matches(&p), "{input:?} matches itself");
        for a in words(&row[2]) {
            assert!(m.matches(&raw(a)), "{input:?} strictly matches {a:?}");
            strings.insert(a.to_owned());
        }
        strings.insert(input.to_owned());
        strings.insert(formatted.to_owned());
    }
    for row in table("only.tsv") {
        strings.insert(row[1].clone());
        for w in words(&row[2]).into_iter().chain(words(&row[3])) {
            strings.insert(w.to_owned());
        }
    }
    strings.extend(INVALID.iter().map(|(s, _)| (*s).to_owned()));
    assert!(
        strings.len() >= 60,
        "only {} platform strings",
        strings.len()
    );
}

#[test]
fn invalid_specifiers_are_refused_with_the_input_quoted() {
    for (input, words) in INVALID {
        let e = Platform::parse_with_host(input, &host()).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with(&format!("invalid platform {input:?}: expected ")),
            "{msg}"
        );
        assert!(msg.contains(words), "{input:?}: {msg}");
    }
}

#[test]
fn an_os_alone_takes_the_host_arm_variant_unless_v7() {
    let mut arm6 = Platform::new(Arch::ARM, Os::Linux);
    arm6.set_variant(Some("v6".to_owned()));
    let p = Platform::parse_with_host("linux", &arm6).unwrap();
    assert_eq!(p.to_string(), "linux/arm/v6");
    arm6.set_variant(Some("v7".to_owned()));
    assert_eq!(
        Platform::parse_with_host("linux", &arm6)
            .unwrap()
            .to_string(),
        "linux/arm"
    );
    let mut arm64 = Platform::new(Arch::ARM64, Os::Linux);
    arm64.set_variant(Some("v8".to_owned()));
    assert_eq!(
        Platform::parse_with_host("windows", &arm64)
            .unwrap()
            .to_string(),
        "windows/arm64"
    );
    assert_eq!(
        Platform::parse_with_host("amd64", &arm64)
            .unwrap()
            .to_string(),
        "linux/amd64"
    );
}

#[test]
fn only_and_strict_run_what_containerd_runs() {
    let rows = table("only.tsv");
    assert!(rows.len() >= 20, "{} rows", rows.len());
    for row in rows {
        let want = parse(&row[1]);
        let m = match row[0].as_str() {
            "only" => PlatformMatcher::only(&want),
            "strict" => PlatformMatcher::strict(&want),
            other => panic!("unknown matcher {other}"),
        };
        for r in words(&row[2]) {
            assert!(m.matches(&parse(r)), "{} {} runs {r}", row[0], row[1]);
        }
        for r in words(&row[3]) {
            assert!(
                !m.matches(&parse(r)),
                "{} {} does not run {r}",
                row[0],
                row[1]
            );
        }
    }
}

#[test]
fn only_prefers_in_the_documented_order() {
    let m = PlatformMatcher::only(&parse("linux/arm64"));
    let order: Vec<String> = m.platforms().map(ToString::to_string).collect();
    assert_eq!(
        order,
        [
            "linux/arm64",
            "linux/arm/v8",
            "linux/arm/v7",
            "linux/arm/v6",
            "linux/arm/v5"
        ]
    );
    let m = PlatformMatcher::only(&parse("linux/amd64/v3"));
    let order: Vec<String> = m.platforms().map(ToString::to_string).collect();
    assert_eq!(
        order,
        [
            "linux/amd64/v3",
            "linux/amd64/v2",
            "linux/amd64",
            "linux/386"
        ]
    );
    let m = PlatformMatcher::only(&parse("linux/arm64/v9.1"));
    let order: Vec<String> = m.platforms().take(4).map(ToString::to_string).collect();
    assert_eq!(
        order,
        [
            "linux/arm64/v9.1",
            "linux/arm64/v9",
            "linux/arm64/v8.6",
            "linux/arm64/v8.5"
        ]
    );
}

fn sorted(m: &PlatformMatcher, list: &[&str]) -> Vec<String> {
    let mut ps: Vec<Platform> = list.iter().map(|s| parse(s)).collect();
    ps.sort_by(|a, b| m.compare(a, b));
    ps.iter().map(ToString::to_string).collect()
}

#[test]
fn os_features_order_as_containerd() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "linux/amd64",
            &[
                "windows/amd64",
                "linux/amd64",
                "linux(+other)/amd64",
                "linux/arm64",
            ],
            &[
                "linux/amd64",
                "linux(+other)/amd64",
                "windows/amd64",
                "linux/arm64",
            ],
        ),
        (
            "linux(+none)/amd64",
            &[
                "windows/amd64",
                "linux/amd64",
                "linux/arm64",
                "linux(+other)/amd64",
            ],
            &[
                "linux/amd64",
                "linux(+other)/amd64",
                "windows/amd64",
                "linux/arm64",
            ],
        ),
        (
            "linux(+other)/amd64",
            &[
                "windows/amd64",
                "linux/amd64",
                "linux/arm64",
                "linux(+other)/amd64",
            ],
            &[
                "linux(+other)/amd64",
                "linux/amd64",
                "windows/amd64",
                "linux/arm64",
            ],
        ),
        (
            "linux(+af+other+zf)/amd64",
            &[
                "windows/amd64",
                "linux/amd64",
                "linux/arm64",
                "linux(+other)/amd64",
            ],
            &[
                "linux(+other)/amd64",
                "linux/amd64",
                "windows/amd64",
                "linux/arm64",
            ],
        ),
        (
            "linux(+f1+f2)/amd64",
            &[
                "linux/amd64",
                "linux(+f2)/amd64",
                "linux(+f1)/amd64",
                "linux(+f1+f2)/amd64",
            ],
            &[
                "linux(+f1+f2)/amd64",
                "linux(+f2)/amd64",
                "linux(+f1)/amd64",
                "linux/amd64",
            ],
        ),
        (
            "linux(7.2+other)/amd64",
            &[
                "linux/amd64",
                "linux(+other)/amd64",
                "linux(7.1)/amd64",
                "linux(7.2+other)/amd64",
            ],
            &[
                "linux(+other)/amd64",
                "linux(7.2+other)/amd64",
                "linux/amd64",
                "linux(7.1)/amd64",
            ],
        ),
    ];
    for (want, list, expected) in cases {
        let p = parse(want);
        for m in [PlatformMatcher::only(&p), PlatformMatcher::strict(&p)] {
            assert_eq!(sorted(&m, list), *expected, "{want}");
        }
    }
}

fn windows(version: Option<&str>) -> Platform {
    let mut p = Platform::new(Arch::Amd64, Os::Windows);
    p.set_os_version(version.map(str::to_owned));
    p
}

#[test]
fn windows_builds_match_as_containerd() {
    // (host build, image build, runs)
    let cases = [
        (Some("10.0.17763"), Some("10.0.17763"), true),
        (Some("10.0.17763"), Some("10.0.20348"), false),
        (Some("10.0.20348"), Some("10.0.17763"), false),
        (Some("10.0.20348"), Some("10.0.20348"), true),
        (Some("10.0.22621"), Some("10.0.17763"), false),
        (Some("10.0.22621"), Some("10.0.20348"), true),
        (None, Some("10.0.17763"), true),
        (None, None, true),
        (None, Some("10.0.22621"), true),
        (Some("10.0.17763.1"), Some("10.0.17763.2"), true),
        (Some("10.0.17763.1"), Some("10.0.17762.1"), false),
        (Some("10.0.17763.1"), Some("10.0.17764.1"), false),
        (Some("99.99.99.99"), None, true),
    ];
    for (host, image, runs) in cases {
        let m = PlatformMatcher::strict(&windows(host));
        assert_eq!(m.matches(&windows(image)), runs, "{host:?} runs {image:?}");
        assert!(!m.matches(&Platform::new(Arch::Amd64, Os::Linux)));
    }
    // win32k is not considered.
    let mut with_win32k = windows(Some("10.0.20348.1"));
    with_win32k.set_os_features(Some(vec!["win32k".to_owned()]));
    assert!(PlatformMatcher::strict(&windows(Some("10.0.20348"))).matches(&with_win32k));
}

#[test]
fn windows_prefers_the_newest_compatible_build() {
    let m = PlatformMatcher::strict(&windows(Some("10.0.17763.1")));
    let list = [
        "10.0.17764.1",
        "",
        "10.0.17763.1",
        "10.0.17763.2",
        "10.0.17762.1",
    ];
    let mut ps: Vec<Platform> = list
        .iter()
        .map(|v| windows((!v.is_empty()).then_some(*v)))
        .collect();
    ps.sort_by(|a, b| m.compare(a, b));
    let got: Vec<&str> = ps
        .iter()
        .map(|p| p.os_version().as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        got,
        [
            "10.0.17763.2",
            "10.0.17763.1",
            "",
            "10.0.17764.1",
            "10.0.17762.1"
        ]
    );

    // Server 2025 picks its own build, the latest revision first.
    let linux = Platform::new(Arch::Amd64, Os::Linux);
    for (host, list, want) in [
        (
            "10.0.20348.3091",
            ["10.0.20348.3091", "10.0.26100.2894"],
            "10.0.20348.3091",
        ),
        (
            "10.0.26100.2894",
            ["10.0.20348.3091", "10.0.26100.2894"],
            "10.0.26100.2894",
        ),
        (
            "10.0.26100.2894",
            ["10.0.20348.3091", "10.0.26100.3000"],
            "10.0.26100.3000",
        ),
    ] {
        let m = PlatformMatcher::strict(&windows(Some(host)));
        let mut ps = [
            linux.clone(),
            windows(Some(list[0])),
            windows(Some(list[1])),
        ];
        ps.sort_by(|a, b| m.compare(a, b));
        assert_eq!(ps[0].os_version().as_deref(), Some(want), "host {host}");
    }
}

fn index(name: &str) -> ImageIndex {
    let path = format!("{}/test-data/platform/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap().parse().unwrap()
}

/// The platform of the chosen entry, formatted, or "none".
fn chosen(index: &ImageIndex, want: &str) -> String {
    let m = PlatformMatcher::only(&parse(want));
    index.select(&m).map_or_else(
        || "none".to_owned(),
        |d| d.platform().as_ref().unwrap().to_string(),
    )
}

#[test]
fn select_picks_what_containerd_picks_on_a_docker_hub_index() {
    let idx = index("docker-hub-multiarch.json");
    let cases = [
        ("linux/amd64", "linux/amd64"),
        ("linux/x86_64", "linux/amd64"),
        ("linux/amd64/v3", "linux/amd64"),
        ("linux/386", "linux/386"),
        ("linux/arm64", "linux/arm64/v8"),
        ("linux/arm64/v8", "linux/arm64/v8"),
        ("linux/aarch64", "linux/arm64/v8"),
        ("linux/arm64/v9.2", "linux/arm64/v8"),
        ("linux/arm", "linux/arm/v7"),
        ("linux/arm/v7", "linux/arm/v7"),
        ("linux/arm/v8", "linux/arm/v7"),
        ("linux/arm/v6", "linux/arm/v5"),
        ("linux/armel", "linux/arm/v5"),
        ("linux/arm/v5", "linux/arm/v5"),
        ("linux/arm/v4", "none"),
        ("linux/ppc64le", "linux/ppc64le"),
        ("linux/s390x", "linux/s390x"),
        ("linux/riscv64", "linux/riscv64"),
        ("linux/mips64le", "linux/mips64le"),
        ("linux/mips64", "none"),
        (
            "windows(10.0.20348)/amd64",
            "windows(10.0.20348.2966)/amd64",
        ),
        (
            "windows(10.0.17763)/amd64",
            "windows(10.0.17763.6659)/amd64",
        ),
        (
            "windows(10.0.26100)/amd64",
            "windows(10.0.26100.2605)/amd64",
        ),
        (
            "windows(10.0.22621)/amd64",
            "windows(10.0.20348.2966)/amd64",
        ),
        ("windows(10.0.14393)/amd64", "none"),
        ("windows/arm64", "none"),
        ("darwin/arm64", "none"),
    ];
    for (want, expected) in cases {
        assert_eq!(chosen(&idx, want), expected, "--platform {want}");
    }
    // Attestation manifests (unknown/unknown) never match.
    let m = PlatformMatcher::only(&parse("linux/amd64"));
    assert_eq!(idx.matching(&m).len(), 2, "amd64 and its 386 fallback");
}

#[test]
fn select_on_a_manifest_list_without_variants() {
    let idx = index("manifest-list-no-variants.json");
    let cases = [
        ("linux/arm64", "linux/arm64"),
        ("linux/arm64/v8", "linux/arm64"),
        ("linux/arm/v7", "linux/arm"),
        ("linux/arm", "linux/arm"),
        ("linux/arm/v8", "linux/arm"),
        ("linux/arm/v6", "none"),
        ("linux/amd64", "linux/amd64"),
        ("linux/386", "linux/386"),
        ("linux/s390x", "linux/s390x"),
        ("linux/riscv64", "none"),
    ];
    for (want, expected) in cases {
        assert_eq!(chosen(&idx, want), expected, "--platform {want}");
    }
}

#[test]
fn select_on_variant_levels() {
    let idx = index("variant-levels.json");
    let cases = [
        ("linux/amd64", "linux/amd64"),
        ("linux/amd64/v2", "linux/amd64/v2"),
        ("linux/amd64/v4", "linux/amd64/v3"),
        ("linux/arm64", "linux/arm64"),
        ("linux/arm64/v9", "linux/arm64/v9"),
        ("linux/arm64/v8.2", "linux/arm64"),
        ("linux/arm/v7", "linux/arm/v6"),
        ("linux/arm/v5", "none"),
    ];
    for (want, expected) in cases {
        assert_eq!(chosen(&idx, want), expected, "--platform {want}");
    }
    // The order of all matches: best first.
    let m = PlatformMatcher::only(&parse("linux/arm64/v9"));
    let all: Vec<String> = idx
        .matching(&m)
        .iter()
        .map(|d| d.platform().as_ref().unwrap().to_string())
        .collect();
    assert_eq!(all, ["linux/arm64/v9", "linux/arm64", "linux/arm/v6"]);
}

/// Every row of containerd's `normalizeArch` (platforms/database.go):
/// `(arch, variant)` in, `(arch, variant)` out. Both are lowercased first;
/// names not in the switch keep their (lowercased) variant.
const NORMALIZE_ARCH_ROWS: &[(&str, &str, &str, &str)] = &[
    // case "i386": arch = "386", variant = "" (whatever it was)
    ("i386", "", "386", ""),
    ("i386", "v6", "386", ""),
    ("I386", "V7", "386", ""),
    // case "x86_64", "x86-64", "amd64": arch = "amd64"; "v1" is dropped
    ("x86_64", "", "amd64", ""),
    ("x86-64", "", "amd64", ""),
    ("amd64", "", "amd64", ""),
    ("x86_64", "v1", "amd64", ""),
    ("x86-64", "V1", "amd64", ""),
    ("amd64", "v1", "amd64", ""),
    ("X86_64", "v2", "amd64", "v2"),
    ("amd64", "V3", "amd64", "v3"),
    ("AMD64", "v4", "amd64", "v4"),
    // case "aarch64", "arm64": "8", "v8", "v8.0" are dropped; "9", "9.0",
    // "v9.0" are "v9"; any other variant is kept
    ("aarch64", "", "arm64", ""),
    ("arm64", "", "arm64", ""),
    ("aarch64", "8", "arm64", ""),
    ("arm64", "8", "arm64", ""),
    ("aarch64", "v8", "arm64", ""),
    ("arm64", "v8", "arm64", ""),
    ("ARM64", "V8", "arm64", ""),
    ("aarch64", "v8.0", "arm64", ""),
    ("arm64", "v8.0", "arm64", ""),
    ("aarch64", "9", "arm64", "v9"),
    ("arm64", "9", "arm64", "v9"),
    ("arm64", "9.0", "arm64", "v9"),
    ("AArch64", "v9.0", "arm64", "v9"),
    ("arm64", "v9", "arm64", "v9"),
    ("arm64", "v8.2", "arm64", "v8.2"),
    ("arm64", "v9.5", "arm64", "v9.5"),
    ("arm64", "8.2", "arm64", "8.2"),
    // case "armhf": arch = "arm", variant = "v7" (whatever it was)
    ("armhf", "", "arm", "v7"),
    ("armhf", "v5", "arm", "v7"),
    ("ARMHF", "v8", "arm", "v7"),
    // case "armel": arch = "arm", variant = "v6" (whatever it was)
    ("armel", "", "arm", "v6"),
    ("armel", "v7", "arm", "v6"),
    // case "arm": "" and "7" are "v7"; "5", "6", "8" get a "v"; any
    // other variant is kept
    ("arm", "", "arm", "v7"),
    ("arm", "7", "arm", "v7"),
    ("arm", "5", "arm", "v5"),
    ("arm", "6", "arm", "v6"),
    ("arm", "8", "arm", "v8"),
    ("arm", "v5", "arm", "v5"),
    ("arm", "v6", "arm", "v6"),
    ("ARM", "V7", "arm", "v7"),
    ("arm", "v8", "arm", "v8"),
    ("arm", "v4", "arm", "v4"),
    ("arm", "4", "arm", "4"),
    // default: only lowercased
    ("ppc64le", "", "ppc64le", ""),
    ("S390X", "", "s390x", ""),
    ("riscv64", "RVA22", "riscv64", "rva22"),
    ("mips64le", "", "mips64le", ""),
    ("386", "v1", "386", "v1"),
    ("armv7l", "", "armv7l", ""),
    ("x86", "", "x86", ""),
    ("", "", "", ""),
];

/// Every row of containerd's `normalizeOS`: `""` is the host's OS
/// (`runtime.GOOS`), names are lowercased, and `macos` is `darwin`.
const NORMALIZE_OS_ROWS: &[(&str, &str)] = &[
    ("linux", "linux"),
    ("Linux", "linux"),
    ("WINDOWS", "windows"),
    ("macos", "darwin"),
    ("MacOS", "darwin"),
    ("darwin", "darwin"),
    ("FreeBSD", "freebsd"),
    ("wasip1", "wasip1"),
    ("plan9", "plan9"),
];

#[test]
fn normalize_arch_and_os_match_containerd_row_for_row() {
    use oci_model::image::{normalize_arch, normalize_os};
    for &(arch, variant, want_arch, want_variant) in NORMALIZE_ARCH_ROWS {
        assert_eq!(
            normalize_arch(arch, variant),
            (want_arch.to_owned(), want_variant.to_owned()),
            "normalizeArch({arch:?}, {variant:?})"
        );
    }
    for &(os, want) in NORMALIZE_OS_ROWS {
        assert_eq!(normalize_os(os), want, "normalizeOS({os:?})");
    }
    assert_eq!(normalize_os(""), Os::host().as_str(), "normalizeOS(\"\")");
    // Platform::normalize is containerd's Normalize: both tables.
    for &(arch, variant, want_arch, want_variant) in NORMALIZE_ARCH_ROWS {
        if arch.is_empty() {
            continue;
        }
        let mut p = Platform::new(Arch::from(arch), Os::from("MacOS"));
        p.set_variant((!variant.is_empty()).then(|| variant.to_owned()));
        let n = p.normalize();
        assert_eq!(n.os().as_str(), "darwin");
        assert_eq!(n.architecture().as_str(), want_arch, "{arch}/{variant}");
        assert_eq!(
            n.variant().as_deref().unwrap_or(""),
            want_variant,
            "{arch}/{variant}"
        );
    }
}

/// containerd's `Parse` writes the short forms (`linux/arm` without its
/// default `v7`; a written `arm64/v8` kept), and `Normalize` the canonical
/// ones; `oci-model platform` prints `Format(Normalize(Parse(s)))`.
#[test]
fn parse_keeps_short_forms_and_normalize_gives_the_canonical_ones() {
    let cases = [
        ("linux/arm", "linux/arm", "linux/arm/v7"),
        ("linux/armhf", "linux/arm", "linux/arm/v7"),
        ("linux/arm/7", "linux/arm/v7", "linux/arm/v7"),
        ("linux/armel", "linux/arm/v6", "linux/arm/v6"),
        ("linux/arm64/v8", "linux/arm64/v8", "linux/arm64"),
        ("linux/aarch64/8", "linux/arm64/v8", "linux/arm64"),
        ("linux/arm64", "linux/arm64", "linux/arm64"),
        ("linux/x86_64/v1", "linux/amd64", "linux/amd64"),
        ("macos/amd64", "darwin/amd64", "darwin/amd64"),
        ("arm", "linux/arm", "linux/arm/v7"),
    ];
    for (s, parsed, normalized) in cases {
        let p = parse(s);
        assert_eq!(p.to_string(), parsed, "Parse({s:?})");
        assert_eq!(
            p.normalize().to_string(),
            normalized,
            "Normalize(Parse({s:?}))"
        );
    }
}

#[test]
fn normalize_keeps_json_values_apart_from_text() {
    // The JSON value round-trips as written; normalization is explicit.
    let p: Platform =
        serde_json::from_str(r#"{"architecture":"aarch64","os":"Linux","variant":"8"}"#).unwrap();
    assert!(p.architecture().is_other());
    assert_eq!(p.to_string(), "Linux/aarch64/8");
    let n = p.normalize();
    assert_eq!(n.to_string(), "linux/arm64");
    assert_eq!(*n.architecture(), Arch::ARM64);
    // arm's default variant is explicit after normalize.
    assert_eq!(raw("linux/armhf").normalize().to_string(), "linux/arm/v7");
    assert_eq!(raw("linux/arm").normalize().to_string(), "linux/arm/v7");
}

#[test]
fn host_platform_parses_and_matches_itself() {
    let host = Platform::host();
    let text = host.to_string();
    let back: Platform = text.parse().unwrap();
    assert!(PlatformMatcher::host().matches(&back), "{text}");
    assert!(PlatformMatcher::host().matches(&host), "{text}");
}

proptest::proptest! {
    /// No input panics the parser.
    #[test]
    fn parsing_never_panics(s in ".{0,40}") {
        let _ = Platform::parse_with_host(&s, &host());
    }

    /// What parses prints a text that parses back to the same text.
    #[test]
    fn formatted_text_parses_back(s in "[a-zA-Z0-9_.()%+/ -]{1,30}") {
        if let Ok(p) = Platform::parse_with_host(&s, &host()) {
            let text = p.to_string();
            let back = Platform::parse_with_host(&text, &host());
            proptest::prop_assert!(back.is_ok(), "{s:?} printed {text:?}");
            proptest::prop_assert_eq!(back.unwrap().to_string(), text);
        }
    }
}

#[test]
fn odd_os_versions_are_escaped_so_they_parse_back() {
    let mut p = Platform::new(Arch::Amd64, Os::Windows);
    p.set_os_version(Some("10.0 beta/1+x%".to_owned()));
    let text = p.to_string();
    assert_eq!(text, "windows(10.0%20beta%2F1%2Bx%25)/amd64");
    assert_eq!(parse(&text).os_version().as_deref(), Some("10.0 beta/1+x%"));
}
