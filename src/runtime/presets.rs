//! Opinionated starting points for a `config.json`: the runc-style default
//! spec ([`Spec::runc_default`], also what [`Spec::default`] gives) and its
//! rootless variant ([`Spec::rootless`]). None of them reads the host.
//!
//! They follow the `config.json` that `runc spec` writes (and the `Default`
//! of the `oci-spec` crate): a shell as the process, a read-only `rootfs`,
//! the standard pseudo-filesystem mounts and namespaces, a minimal
//! capability set, and the usual masked and read-only `/proc` and `/sys`
//! paths.

use crate::runtime::{
    Capabilities, Capability, Linux, LinuxCapabilities, PosixRlimit, PosixRlimitType, Process,
    Root, Spec, User, VERSION, get_default_mounts, get_rootless_mounts,
};

/// The capabilities of the preset process in every set:
/// `CAP_AUDIT_WRITE`, `CAP_KILL`, `CAP_NET_BIND_SERVICE`.
pub(crate) fn default_capabilities() -> Capabilities {
    [
        Capability::AuditWrite,
        Capability::Kill,
        Capability::NetBindService,
    ]
    .into_iter()
    .collect()
}

/// The preset process: `sh` as root (uid 0, gid 0) in `/`, with a standard
/// `PATH` and `TERM=xterm`, no terminal, `noNewPrivileges`, the
/// [`default_capabilities`] in all five sets, and `RLIMIT_NOFILE` 1024/1024.
fn default_process() -> Process {
    let mut p = Process::with_cwd("/");
    p.set_terminal(Some(false));
    p.set_user(User::posix(0, 0));
    p.set_args(Some(vec!["sh".to_owned()]));
    p.set_env(Some(vec![
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_owned(),
        "TERM=xterm".to_owned(),
    ]));
    p.set_no_new_privileges(Some(true));
    p.set_capabilities(Some(LinuxCapabilities::all_sets(&default_capabilities())));
    p.set_rlimits(Some(vec![PosixRlimit::new(
        PosixRlimitType::RlimitNofile,
        1024,
        1024,
    )]));
    p
}

impl Spec {
    /// A spec with only the required `ociVersion` ([`VERSION`]) set; every
    /// optional member is absent. Add a `root` before using it on a
    /// non-Hyper-V platform.
    pub fn empty() -> Self {
        Self::with_version(VERSION)
    }

    /// The runc-style default Linux spec, the same meaning as
    /// `oci_spec::runtime::Spec::default()` (and [`Spec::default`] here):
    ///
    /// - `ociVersion` [`VERSION`]; `hostname` `youki`; empty `annotations`;
    /// - `root`: `rootfs`, read-only;
    /// - `process`: `sh` as uid/gid 0 in `/`, `PATH` and `TERM=xterm`,
    ///   `noNewPrivileges`, `CAP_AUDIT_WRITE`, `CAP_KILL` and
    ///   `CAP_NET_BIND_SERVICE` in all five capability sets,
    ///   `RLIMIT_NOFILE` 1024;
    /// - `mounts`: [`get_default_mounts`] (`/proc`, `/dev`, `/dev/pts`,
    ///   `/dev/shm`, `/dev/mqueue`, `/sys`, `/sys/fs/cgroup`);
    /// - `linux`: [`Linux::default`]: the namespaces pid, network, ipc, uts
    ///   and mount, `resources` with an empty `devices` list, runc's masked
    ///   paths and read-only paths.
    ///
    /// `oci-spec` wrote `ociVersion` `1.0.2-dev`; this preset writes the
    /// modeled release.
    ///
    /// ```
    /// use oci_model::Validate;
    /// use oci_model::runtime::Spec;
    ///
    /// let spec = Spec::runc_default();
    /// assert!(spec.validate().is_clean());
    /// assert_eq!(spec, Spec::default());
    /// // Deterministic: the same bytes every time.
    /// assert_eq!(spec.to_vec()?, Spec::runc_default().to_vec()?);
    /// let rootless = Spec::rootless(1000, 1000);
    /// assert!(rootless.validate().is_clean());
    /// # Ok::<(), oci_model::ModelError>(())
    /// ```
    pub fn runc_default() -> Self {
        let mut s = Self::empty();
        s.set_root(Some(Root::default()))
            .set_mounts(Some(get_default_mounts()))
            .set_process(Some(default_process()))
            .set_hostname(Some("youki".to_owned()))
            .set_annotations(Some(std::collections::HashMap::new()))
            .set_linux(Some(Linux::default()));
        s
    }

    /// The rootless variant of [`Spec::runc_default`] for a user `uid` and
    /// group `gid` on the host: [`get_rootless_mounts`] (no `gid=5` on
    /// `/dev/pts`, `/sys` bind-mounted), a user namespace instead of the
    /// network namespace, container root mapped to `uid`/`gid` (one ID each),
    /// and no cgroup resources ([`Linux::rootless`]).
    pub fn rootless(uid: u32, gid: u32) -> Self {
        let mut s = Self::runc_default();
        s.set_mounts(Some(get_rootless_mounts()))
            .set_linux(Some(Linux::rootless(uid, gid)));
        s
    }
}

impl Default for Process {
    /// The preset process of [`Spec::runc_default`] (as in `oci-spec`): `sh`
    /// as root in `/`, `PATH` and `TERM=xterm`, `noNewPrivileges`, the three
    /// preset capabilities, `RLIMIT_NOFILE` 1024.
    fn default() -> Self {
        default_process()
    }
}

impl Default for Root {
    /// `rootfs`, read-only (as in `oci-spec`).
    fn default() -> Self {
        let mut root = Root::new("rootfs");
        root.set_readonly(Some(true));
        root
    }
}

impl Default for LinuxCapabilities {
    /// `CAP_AUDIT_WRITE`, `CAP_KILL` and `CAP_NET_BIND_SERVICE` in all five
    /// sets (as in `oci-spec`). Use `LinuxCapabilitiesBuilder` for empty sets.
    fn default() -> Self {
        LinuxCapabilities::all_sets(&default_capabilities())
    }
}

impl Default for Spec {
    /// The runc-style default spec of [`Spec::runc_default`] (kept from
    /// `oci-spec`, whose users rely on it). It does not read the host. For a
    /// spec with nothing but `ociVersion`, use [`Spec::empty`].
    fn default() -> Self {
        Self::runc_default()
    }
}
