//! What [`Platform::host`](crate::image::Platform::host) adds to the
//! compile target's `GOARCH`/`GOOS`: the CPU variant on ARM (as containerd
//! finds it: `/proc/cpuinfo` on Linux, else the compile target) and the OS
//! build on Windows (`major.minor.build`, the form image indexes carry in
//! `os.version`).
//!
//! The parsers are plain functions over text, tested on every platform;
//! only [`variant`] and [`os_version`] read the host.

use std::sync::OnceLock;

/// The CPU variant of the host, for `arm` and `arm64` only (`None`
/// elsewhere). Computed once.
pub(crate) fn variant() -> Option<String> {
    static VARIANT: OnceLock<Option<String>> = OnceLock::new();
    VARIANT.get_or_init(detect_variant).clone()
}

/// The Windows build of the host (`10.0.20348`); `None` on other systems
/// or when it cannot be found. Computed once.
pub(crate) fn os_version() -> Option<String> {
    static VERSION: OnceLock<Option<String>> = OnceLock::new();
    VERSION.get_or_init(detect_os_version).clone()
}

fn detect_variant() -> Option<String> {
    let arm64 = cfg!(target_arch = "aarch64");
    let arm = cfg!(target_arch = "arm");
    if !arm && !arm64 {
        return None;
    }
    if cfg!(target_os = "linux") || cfg!(target_os = "android") {
        if let Ok(text) = std::fs::read_to_string("/proc/cpuinfo") {
            if let Some(v) = variant_from_cpuinfo(&text, arm) {
                return Some(v);
            }
        }
    }
    Some(target_variant(arm64).to_owned())
}

/// The variant the compile target implies, when the CPU cannot be asked:
/// `v8` for 64-bit ARM, else the newest ARM architecture the target enables.
fn target_variant(arm64: bool) -> &'static str {
    if arm64 || cfg!(target_feature = "v8") {
        "v8"
    } else if cfg!(target_feature = "v7") {
        "v7"
    } else if cfg!(target_feature = "v6") {
        "v6"
    } else if cfg!(target_feature = "v5te") {
        "v5"
    } else {
        "unknown"
    }
}

/// The variant `/proc/cpuinfo` reports in its first `CPU architecture`
/// line, mapped as containerd does (`8` is `v8`, `7` and `7M` are `v7`,
/// `6TEJ` is `v6`, ...; anything else is `unknown`). On 32-bit ARM, a CPU
/// reporting 7 whose model name starts `ARMv6-compatible` (the Raspberry Pi
/// kernel quirk) is `v6`. `None` when no such line exists.
pub(crate) fn variant_from_cpuinfo(text: &str, arm32: bool) -> Option<String> {
    let field = |name: &str| {
        text.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.split(':').next().unwrap_or("").trim().to_owned())
        })
    };
    let raw = field("CPU architecture")?.to_ascii_lowercase();
    let pi_quirk = arm32
        && raw == "7"
        && field("model name")
            .is_some_and(|m| m.to_ascii_lowercase().starts_with("armv6-compatible"));
    let variant = match if pi_quirk { "6" } else { raw.as_str() } {
        "8" | "aarch64" => "v8",
        "7" | "7m" | "?(12)" | "?(13)" | "?(14)" | "?(15)" | "?(16)" | "?(17)" => "v7",
        "6" | "6tej" => "v6",
        "5" | "5t" | "5te" | "5tej" => "v5",
        "4" | "4t" => "v4",
        "3" => "v3",
        _ => "unknown",
    };
    Some(variant.to_owned())
}

#[cfg(windows)]
fn detect_os_version() -> Option<String> {
    // `ver` prints the kernel's version numbers; no unsafe system call.
    let out = std::process::Command::new("cmd")
        .args(["/d", "/c", "ver"])
        .output()
        .ok()?;
    windows_build_from_ver(&String::from_utf8_lossy(&out.stdout))
}

#[cfg(not(windows))]
fn detect_os_version() -> Option<String> {
    None
}

/// `major.minor.build` from the output of Windows' `ver`
/// (`Microsoft Windows [Version 10.0.20348.2340]`).
#[cfg_attr(not(any(windows, test)), expect(dead_code, reason = "windows only"))]
pub(crate) fn windows_build_from_ver(text: &str) -> Option<String> {
    let start = text.find('[')?;
    let inner = &text[start + 1..];
    let inner = &inner[..inner.find(']')?];
    let numbers = inner.rsplit(' ').next()?;
    let parts: Vec<&str> = numbers.split('.').take(3).collect();
    if parts.len() == 3 && parts.iter().all(|p| p.parse::<u32>().is_ok()) {
        Some(parts.join("."))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpuinfo_variants() {
        let arm64 =
            "processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\nCPU architecture: 8\n";
        assert_eq!(variant_from_cpuinfo(arm64, false).as_deref(), Some("v8"));
        let v7 = "model name\t: ARMv7 Processor rev 4 (v7l)\nCPU architecture: 7\n";
        assert_eq!(variant_from_cpuinfo(v7, true).as_deref(), Some("v7"));
        let pi = "model name\t: ARMv6-compatible processor rev 7 (v6l)\nCPU architecture: 7\n";
        assert_eq!(variant_from_cpuinfo(pi, true).as_deref(), Some("v6"));
        assert_eq!(variant_from_cpuinfo(pi, false).as_deref(), Some("v7"));
        let old = "CPU architecture: 5TEJ\n";
        assert_eq!(variant_from_cpuinfo(old, true).as_deref(), Some("v5"));
        assert_eq!(
            variant_from_cpuinfo("CPU architecture: 9\n", false).as_deref(),
            Some("unknown")
        );
        assert_eq!(variant_from_cpuinfo("flags: fpu\n", false), None);
    }

    #[test]
    fn ver_output() {
        assert_eq!(
            windows_build_from_ver("\r\nMicrosoft Windows [Version 10.0.20348.2340]\r\n")
                .as_deref(),
            Some("10.0.20348")
        );
        assert_eq!(windows_build_from_ver("garbage"), None);
    }

    #[test]
    fn non_arm_has_no_variant() {
        if !cfg!(any(target_arch = "arm", target_arch = "aarch64")) {
            assert_eq!(variant(), None);
        }
        if !cfg!(windows) {
            assert_eq!(os_version(), None);
        }
    }
}
