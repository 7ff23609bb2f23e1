//! quickcheck [`Arbitrary`] values of the cgroup resource types (feature
//! `proptests`), for property tests of cgroup managers such as youki's
//! libcgroups. The shapes match what such managers parse: device types
//! `a`/`b`/`c`/`u`/`p`, access `rwm` or `m`, huge-page sizes
//! `<digits><KB|MB|GB>`.

use quickcheck::{Arbitrary, Gen};

use super::{LinuxDeviceCgroup, LinuxDeviceType, LinuxHugepageLimit, LinuxMemory};

fn maybe<T: Arbitrary>(g: &mut Gen) -> Option<T> {
    if bool::arbitrary(g) {
        Some(T::arbitrary(g))
    } else {
        None
    }
}

fn pick<T: Clone>(g: &mut Gen, choices: &[T], fallback: T) -> T {
    g.choose(choices).cloned().unwrap_or(fallback)
}

impl Arbitrary for LinuxDeviceCgroup {
    fn arbitrary(g: &mut Gen) -> Self {
        let typ = pick(
            g,
            &[
                LinuxDeviceType::A,
                LinuxDeviceType::B,
                LinuxDeviceType::C,
                LinuxDeviceType::U,
                LinuxDeviceType::P,
            ],
            LinuxDeviceType::A,
        );
        let access = pick(g, &["rwm", "m"], "rwm");
        let mut d = LinuxDeviceCgroup::default();
        d.set_allow(bool::arbitrary(g));
        d.set_typ(Some(typ));
        d.set_major(maybe::<i64>(g));
        d.set_minor(maybe::<i64>(g));
        d.set_access(Some(access.to_owned()));
        d
    }
}

impl Arbitrary for LinuxMemory {
    fn arbitrary(g: &mut Gen) -> Self {
        let mut m = LinuxMemory::default();
        m.set_limit(maybe::<i64>(g));
        m.set_reservation(maybe::<i64>(g));
        m.set_swap(maybe::<i64>(g));
        m.set_kernel(maybe::<i64>(g));
        m.set_kernel_tcp(maybe::<i64>(g));
        m.set_swappiness(maybe::<u64>(g));
        m.set_disable_oom_killer(maybe::<bool>(g));
        m.set_use_hierarchy(maybe::<bool>(g));
        m.set_check_before_update(maybe::<bool>(g));
        m
    }
}

impl Arbitrary for LinuxHugepageLimit {
    fn arbitrary(g: &mut Gen) -> Self {
        let unit = pick(g, &["KB", "MB", "GB"], "MB");
        let mut h = LinuxHugepageLimit::default();
        h.set_page_size(format!("{}{unit}", u64::arbitrary(g)));
        h.set_limit(i64::arbitrary(g));
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_values_have_the_parsed_shapes() {
        let mut g = Gen::new(50);
        for _ in 0..200 {
            let d = LinuxDeviceCgroup::arbitrary(&mut g);
            assert!(matches!(d.access().as_deref(), Some("rwm" | "m")));
            assert!(d.typ().is_some());
            let h = LinuxHugepageLimit::arbitrary(&mut g);
            let size = h.page_size();
            let digits = size.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            assert!(digits.parse::<u64>().is_ok(), "{size}");
            assert!(
                ["KB", "MB", "GB"].contains(&&size[digits.len()..]),
                "{size}"
            );
            let m = LinuxMemory::arbitrary(&mut g);
            // Every generated value round-trips through JSON.
            let json = serde_json::to_string(&m).unwrap();
            assert_eq!(serde_json::from_str::<LinuxMemory>(&json).unwrap(), m);
        }
    }
}
