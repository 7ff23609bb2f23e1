//! `Config.User` to `process.user`:
//! [image-spec v1.1.1, conversion.md "Config.User"](https://github.com/opencontainers/image-spec/blob/v1.1.1/conversion.md#configuser).
//!
//! Names are resolved through a caller-supplied [`UserLookup`]; this crate
//! never reads the host's (or an extracted root filesystem's) files itself.
//! [`EtcPasswd`] is a lookup over the text of a container's `/etc/passwd`
//! and `/etc/group`, which the caller reads.

use crate::image::conversion_error::ConversionError;
use crate::runtime::User;

/// Resolves user and group names of the container's context (for
/// instance its `/etc/passwd` and `/etc/group`, or NSS).
pub trait UserLookup {
    /// The uid and primary gid of the user `name`.
    fn user_by_name(&self, name: &str) -> Option<(u32, u32)>;

    /// The primary gid of the user with `uid`, when the container lists it.
    fn primary_gid(&self, uid: u32) -> Option<u32>;

    /// The gid of the group `name`.
    fn group_by_name(&self, name: &str) -> Option<u32>;

    /// The supplementary groups of the user `name` (other than its primary
    /// group), in the container's order.
    fn supplementary_gids(&self, name: &str) -> Vec<u32>;
}

/// A [`UserLookup`] over the text of `/etc/passwd` and `/etc/group`
/// (`name:password:uid:gid:...` and `name:password:gid:member,...`).
/// Comments, blank lines and lines whose IDs are not numbers are skipped;
/// the first entry of a name wins, as NSS does.
///
/// ```
/// use oci_model::image::{EtcPasswd, UserLookup};
///
/// let passwd = "root:x:0:0:root:/root:/bin/sh\nnginx:x:101:101:nginx:/nonexistent:/bin/false\n";
/// let group = "root:x:0:\nnginx:x:101:\nwww-data:x:82:nginx\n";
/// let db = EtcPasswd::parse(passwd, group);
/// assert_eq!(db.user_by_name("nginx"), Some((101, 101)));
/// assert_eq!(db.group_by_name("www-data"), Some(82));
/// assert_eq!(db.supplementary_gids("nginx"), vec![82]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EtcPasswd {
    users: Vec<(String, u32, u32)>,
    groups: Vec<(String, u32, Vec<String>)>,
}

impl EtcPasswd {
    /// Reads the two files' text.
    pub fn parse(passwd: &str, group: &str) -> Self {
        let fields = |line: &str| -> Option<Vec<String>> {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                return None;
            }
            Some(line.split(':').map(str::to_owned).collect())
        };
        let users = passwd
            .lines()
            .filter_map(fields)
            .filter_map(|f| {
                let (name, uid, gid) = (f.first()?, f.get(2)?, f.get(3)?);
                Some((name.clone(), uid.parse().ok()?, gid.parse().ok()?))
            })
            .collect();
        let groups = group
            .lines()
            .filter_map(fields)
            .filter_map(|f| {
                let (name, gid) = (f.first()?, f.get(2)?);
                let members = f
                    .get(3)
                    .map(|m| {
                        m.split(',')
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                Some((name.clone(), gid.parse().ok()?, members))
            })
            .collect();
        Self { users, groups }
    }
}

impl UserLookup for EtcPasswd {
    fn user_by_name(&self, name: &str) -> Option<(u32, u32)> {
        self.users
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|&(_, uid, gid)| (uid, gid))
    }

    fn primary_gid(&self, uid: u32) -> Option<u32> {
        self.users
            .iter()
            .find(|&&(_, u, _)| u == uid)
            .map(|&(_, _, gid)| gid)
    }

    fn group_by_name(&self, name: &str) -> Option<u32> {
        self.groups
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|&(_, gid, _)| gid)
    }

    fn supplementary_gids(&self, name: &str) -> Vec<u32> {
        let primary = self.user_by_name(name).map(|(_, gid)| gid);
        let mut out: Vec<u32> = Vec::new();
        for (_, gid, members) in &self.groups {
            if Some(*gid) != primary && members.iter().any(|m| m == name) && !out.contains(gid) {
                out.push(*gid);
            }
        }
        out
    }
}

/// A number as conversion.md means it: ASCII digits only.
fn numeric(s: &str) -> Option<Result<u32, ()>> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.parse().map_err(|_| ()))
}

/// Applies `Config.User` (`value`, not empty) to `user`, the base
/// process user.
///
/// - `uid` and `gid` are copied verbatim; a name is resolved through
///   `lookup`.
/// - Without a group, the gid is the user's primary group (for a bare uid
///   the container's entry for it, else 0), and a user given by name gets
///   its supplementary groups as `additionalGids`.
/// - With a group, or with a numeric user, `additionalGids` is left as the
///   base has it.
pub(crate) fn apply_user(
    user: &mut User,
    value: &str,
    lookup: Option<&dyn UserLookup>,
) -> Result<(), ConversionError> {
    let bad = || ConversionError::InvalidUser {
        value: value.to_owned(),
    };
    let (name, group) = match value.split_once(':') {
        Some((n, g)) => (n, Some(g)),
        None => (value, None),
    };
    if name.is_empty() || group.is_some_and(|g| g.is_empty() || g.contains(':')) {
        return Err(bad());
    }
    let need = |what: &'static str, n: &str| {
        let (name, value) = (n.to_owned(), value.to_owned());
        if lookup.is_some() {
            ConversionError::UnknownName { what, name, value }
        } else {
            ConversionError::NoLookup { what, name, value }
        }
    };
    let (uid, primary, by_name) = match numeric(name) {
        Some(Ok(uid)) => (
            uid,
            lookup.and_then(|l| l.primary_gid(uid)).unwrap_or(0),
            false,
        ),
        Some(Err(())) => return Err(bad()),
        None => {
            let (uid, gid) = lookup
                .and_then(|l| l.user_by_name(name))
                .ok_or_else(|| need("user", name))?;
            (uid, gid, true)
        }
    };
    user.set_uid(uid);
    let Some(g) = group else {
        user.set_gid(primary);
        if let Some(l) = lookup.filter(|_| by_name) {
            let extra = l.supplementary_gids(name);
            user.set_additional_gids((!extra.is_empty()).then_some(extra));
        }
        return Ok(());
    };
    let gid = match numeric(g) {
        Some(Ok(gid)) => gid,
        Some(Err(())) => return Err(bad()),
        None => lookup
            .and_then(|l| l.group_by_name(g))
            .ok_or_else(|| need("group", g))?,
    };
    user.set_gid(gid);
    Ok(())
}
