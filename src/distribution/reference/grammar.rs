//! The pieces of the reference grammar: splitting a reference into its
//! parts, the registry host and port, and Docker Hub's defaults. See the
//! [parent module](super) for the grammar.

use super::{DOCKER_HUB_DOMAIN, DOCKER_HUB_DOMAIN_LEGACY, DOCKER_HUB_OFFICIAL_REPO_NAME};
use crate::error::{ParseError, ParseErrorKind};
use crate::image::Digest;

/// The parts of a reference before assembly.
pub(super) struct Parts<'a> {
    pub(super) domain: Option<&'a str>,
    pub(super) path: &'a str,
    pub(super) tag: Option<&'a str>,
    /// The digest text.
    pub(super) digest: Option<&'a str>,
    /// The digest, when it is one for [`Digest`] (not a digest with
    /// uppercase hex, which the reference grammar allows).
    pub(super) typed_digest: Option<Digest>,
}

/// True when `digest` is a digest the reference grammar and `oci-spec` take
/// although [`Digest`] does not: a sha256, sha384 or sha512 digest of the
/// algorithm's length whose hex has uppercase letters (the grammar's
/// `digest-hex` is `[0-9a-fA-F]{32,}`; image-spec requires lowercase).
pub(super) fn is_uppercase_hex_digest(digest: &str) -> bool {
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return false;
    };
    let len = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => return false,
    };
    hex.len() == len
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
        && hex.bytes().any(|b| b.is_ascii_uppercase())
}

pub(super) fn reference_error(
    input: &str,
    expected: impl Into<std::borrow::Cow<'static, str>>,
) -> ParseError {
    ParseError::new(ParseErrorKind::Reference, input, expected)
}

/// True when the first part of a name is a domain rather than a path
/// component (the rule of Docker's `splitDockerDomain`).
pub(super) fn looks_like_domain(first: &str) -> bool {
    first.contains(['.', ':'])
        || first == "localhost"
        || first.starts_with('[')
        || first.bytes().any(|b| b.is_ascii_uppercase())
}

/// Checks `host[:port]`; returns what was expected when it does not match.
pub(super) fn check_domain(domain: &str) -> Result<(), &'static str> {
    const EXPECTED: &str = "a registry host (DNS name, IPv4 address or [IPv6] address) with an optional numeric port before the first \"/\"";
    let (host, port) = if let Some(rest) = domain.strip_prefix('[') {
        let Some(close) = rest.find(']') else {
            return Err(EXPECTED);
        };
        let addr = &rest[..close];
        if addr.is_empty() || !addr.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') {
            return Err("an IPv6 address of hex digits and \":\" between \"[\" and \"]\"");
        }
        let after = &rest[close + 1..];
        if after.is_empty() {
            (domain, None)
        } else if let Some(port) = after.strip_prefix(':') {
            (&domain[..=close + 1], Some(port))
        } else {
            return Err(EXPECTED);
        }
    } else {
        match domain.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (domain, None),
        }
    };
    if !host.starts_with('[') {
        for component in host.split('.') {
            let b = component.as_bytes();
            let ok = !b.is_empty()
                && b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-')
                && b[0] != b'-'
                && b[b.len() - 1] != b'-';
            if !ok {
                return Err(EXPECTED);
            }
        }
    }
    if let Some(port) = port {
        if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
            return Err("a port of decimal digits after the registry host");
        }
    }
    Ok(())
}

/// The Docker Hub repository for `path` on `registry`, when it differs.
pub(super) fn hub_repository(registry: &str, path: &str) -> Option<Box<str>> {
    (registry == DOCKER_HUB_DOMAIN && !path.contains('/'))
        .then(|| format!("{DOCKER_HUB_OFFICIAL_REPO_NAME}/{path}").into_boxed_str())
}

/// The registry a reference with `domain` connects to.
pub(super) fn registry_of(domain: Option<&str>) -> &str {
    match domain {
        None | Some(DOCKER_HUB_DOMAIN_LEGACY) => DOCKER_HUB_DOMAIN,
        Some(d) => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains() {
        for ok in [
            "localhost",
            "a.b",
            "a-b.c:5000",
            "[::1]",
            "[::1]:5000",
            "[2001:db8::1]:443",
            "127.0.0.1:5000",
            "A.B",
        ] {
            assert!(check_domain(ok).is_ok(), "{ok}");
        }
        for bad in [
            "", "-a.b", "a-.b", "a..b", "a.b:", "a.b:x", "[::1", "[]", "[::g]", "[::1]x", "a_b.c",
        ] {
            assert!(check_domain(bad).is_err(), "{bad}");
        }
    }
}
