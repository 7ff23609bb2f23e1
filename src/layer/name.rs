//! Tar entry names, checked: [image-spec v1.1.1, layer.md, file
//! types](https://github.com/opencontainers/image-spec/blob/v1.1.1/layer.md#file-types).
//! A name is split into plain components; `.` and empty components are
//! dropped, `..` and absolute names are refused.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;

use crate::layer::error::{LayerError, unsafe_entry};

/// The longest entry name accepted (Linux's `PATH_MAX`).
pub const MAX_NAME_LEN: usize = 4096;

/// The prefix of a whiteout file (`.wh.NAME` removes `NAME`).
pub const WHITEOUT_PREFIX: &str = ".wh.";
/// The name of an opaque-directory marker.
pub const OPAQUE_WHITEOUT: &str = ".wh..wh..opq";

/// The text of a raw name for messages and listings (invalid UTF-8
/// replaced).
pub(crate) fn display(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).into_owned()
}

/// The components of the entry name `raw`: no `..`, not absolute, no NUL,
/// at most [`MAX_NAME_LEN`] bytes. `./`, `/` (as umoci writes it) and the
/// empty name give no component (the root itself).
pub(crate) fn components(raw: &[u8]) -> Result<Vec<OsString>, LayerError> {
    if raw.len() > MAX_NAME_LEN {
        return Err(unsafe_entry(
            display(&raw[..64]),
            format!("name of {} bytes is longer than {MAX_NAME_LEN}", raw.len()),
        ));
    }
    // umoci names the root `/`: the root itself, not an absolute name.
    if raw.first() == Some(&b'/') && raw.iter().any(|&b| b != b'/' && b != b'.') {
        return Err(unsafe_entry(
            display(raw),
            "absolute name: expected a name relative to the root",
        ));
    }
    if raw.contains(&0) {
        return Err(unsafe_entry(display(raw), "name holds a NUL byte"));
    }
    let mut out = Vec::new();
    for part in raw.split(|&b| b == b'/') {
        match part {
            b"" | b"." => {}
            b".." => {
                return Err(unsafe_entry(
                    display(raw),
                    "name holds \"..\": it could lead outside the root",
                ));
            }
            p => out.push(OsStr::from_bytes(p).to_os_string()),
        }
    }
    Ok(out)
}

/// The components joined with `/`, as the set of names written by a layer
/// keeps them.
pub(crate) fn joined(parts: &[OsString]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push(b'/');
        }
        out.extend_from_slice(p.as_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str) -> Vec<String> {
        components(raw.as_bytes())
            .unwrap()
            .into_iter()
            .map(|c| c.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn plain_names() {
        assert_eq!(ok("etc/passwd"), ["etc", "passwd"]);
        assert_eq!(ok("./etc//x/./y/"), ["etc", "x", "y"]);
        assert!(ok("./").is_empty());
        assert!(ok("/").is_empty(), "umoci names the root /");
        assert!(ok("/./").is_empty());
        assert_eq!(ok("a..b/..c"), ["a..b", "..c"]);
    }

    #[test]
    fn refused_names() {
        let e = components(b"../etc").unwrap_err();
        assert_eq!(
            e.to_string(),
            "../etc: name holds \"..\": it could lead outside the root"
        );
        assert!(components(b"a/../../b").is_err());
        let e = components(b"/etc/passwd").unwrap_err();
        assert_eq!(
            e.to_string(),
            "/etc/passwd: absolute name: expected a name relative to the root"
        );
        assert!(components(&vec![b'a'; MAX_NAME_LEN + 1]).is_err());
    }
}
