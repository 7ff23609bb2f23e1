//! Grammar helpers shared by the image validators: RFC 3339 date-times
//! ([image-spec v1.1.1, config.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/config.md#properties)),
//! RFC 3986 URIs, the `ref.name` grammar and the annotation rules of
//! [annotations.md](https://github.com/opencontainers/image-spec/blob/v1.1.1/annotations.md).

use std::collections::HashMap;

use crate::image::annotations as ann;
use crate::image::{Digest, MediaType, is_valid_media_type, rules};
use crate::validate::{Checker, quote};

/// True when `s` is an RFC 3339 §5.6 `date-time`, such as
/// `2015-10-31T22:22:56.015925234Z` or `2019-01-01T00:00:00+01:00`.
pub(crate) fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) {
            Some(part.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0')))
        } else {
            None
        }
    };
    let ok = || -> Option<()> {
        let year = digits(0..4)?;
        (b.get(4) == Some(&b'-')).then_some(())?;
        let month = digits(5..7)?;
        (b.get(7) == Some(&b'-')).then_some(())?;
        let day = digits(8..10)?;
        matches!(b.get(10), Some(b'T' | b't')).then_some(())?;
        let hour = digits(11..13)?;
        (b.get(13) == Some(&b':')).then_some(())?;
        let minute = digits(14..16)?;
        (b.get(16) == Some(&b':')).then_some(())?;
        let second = digits(17..19)?;
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 60).then_some(())?;
        let mut i = 19;
        if b.get(i) == Some(&b'.') {
            let start = i + 1;
            i = start;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            (i > start).then_some(())?;
        }
        match b.get(i)? {
            b'Z' | b'z' => (i + 1 == b.len()).then_some(()),
            b'+' | b'-' => {
                let oh = digits(i + 1..i + 3)?;
                (b.get(i + 3) == Some(&b':')).then_some(())?;
                let om = digits(i + 4..i + 6)?;
                (oh <= 23 && om <= 59 && i + 6 == b.len()).then_some(())
            }
            _ => None,
        }
    };
    ok().is_some()
}

/// True when `s` has the shape of an RFC 3986 URI: a scheme, `:`, then only
/// characters a URI may hold (percent signs followed by two hex digits).
pub(crate) fn is_uri(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(colon) = b.iter().position(|&c| c == b':') else {
        return false;
    };
    let (scheme, rest) = (&b[..colon], &b[colon + 1..]);
    let scheme_ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
    if !scheme_ok {
        return false;
    }
    let mut i = 0;
    while i < rest.len() {
        let c = rest[i];
        if c == b'%' {
            let hex = rest.get(i + 1..i + 3);
            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                return false;
            }
            i += 3;
            continue;
        }
        let allowed = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b':'
                    | b'/'
                    | b'?'
                    | b'#'
                    | b'['
                    | b']'
                    | b'@'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
            );
        if !allowed {
            return false;
        }
        i += 1;
    }
    true
}

/// True when `s` follows the `org.opencontainers.image.ref.name` grammar:
/// components of `[A-Za-z0-9]+` joined by one of `-._:@+` or `--`,
/// separated by `/`.
pub(crate) fn is_ref_name(s: &str) -> bool {
    s.split('/').all(|component| {
        let b = component.as_bytes();
        let mut i = 0;
        let mut need_alnum = true;
        while i < b.len() {
            if b[i].is_ascii_alphanumeric() {
                need_alnum = false;
                i += 1;
            } else if need_alnum {
                return false;
            } else if b[i] == b'-' && b.get(i + 1) == Some(&b'-') {
                need_alnum = true;
                i += 2;
            } else if matches!(b[i], b'-' | b'.' | b'_' | b':' | b'@' | b'+') {
                need_alnum = true;
                i += 1;
            } else {
                return false;
            }
        }
        !need_alnum
    })
}

/// Reports a `media-type-grammar` violation at the current path when `m`
/// breaks RFC 6838.
pub(crate) fn check_media_type(c: &mut Checker, m: &MediaType) {
    if !is_valid_media_type(m.as_str()) {
        c.report(
            &rules::MEDIA_TYPE_GRAMMAR,
            format!(
                "media type {} does not follow rfc 6838: expected type/subtype, each 1 to 127 letters, digits or !#$&-^_.+ starting with a letter or digit",
                quote(m.as_str())
            ),
        );
    }
}

/// The `org.opencontainers.image.` keys image-spec and its sibling specs
/// define (annotations.md, conversion.md, runtime-spec config.md).
const KNOWN_OCI_KEYS: &[&str] = &[
    ann::ANNOTATION_CREATED,
    ann::ANNOTATION_AUTHORS,
    ann::ANNOTATION_URL,
    ann::ANNOTATION_DOCUMENTATION,
    ann::ANNOTATION_SOURCE,
    ann::ANNOTATION_VERSION,
    ann::ANNOTATION_REVISION,
    ann::ANNOTATION_VENDOR,
    ann::ANNOTATION_LICENSES,
    ann::ANNOTATION_REF_NAME,
    ann::ANNOTATION_TITLE,
    ann::ANNOTATION_DESCRIPTION,
    ann::ANNOTATION_BASE_IMAGE_DIGEST,
    ann::ANNOTATION_BASE_IMAGE_NAME,
    ann::ANNOTATION_OS,
    ann::ANNOTATION_OS_VERSION,
    ann::ANNOTATION_OS_FEATURES,
    ann::ANNOTATION_ARCHITECTURE,
    ann::ANNOTATION_VARIANT,
    ann::ANNOTATION_AUTHOR,
    ann::ANNOTATION_STOP_SIGNAL,
    ann::ANNOTATION_EXPOSED_PORTS,
];

/// Checks an annotation map (or `config.Labels`) at the current path, key
/// by key in sorted order (so the report does not depend on the map's
/// iteration order).
pub(crate) fn check_annotations(c: &mut Checker, map: &HashMap<String, String>) {
    let mut entries: Vec<(&String, &String)> = map.iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (key, value) in entries {
        c.key(key, |c| check_annotation(c, key, value));
    }
}

fn check_annotation(c: &mut Checker, key: &str, value: &str) {
    if key.is_empty() {
        c.report(&rules::ANNOTATION_KEY_EMPTY, "annotation key is empty");
        return;
    }
    if key.starts_with("org.opencontainers.") && !KNOWN_OCI_KEYS.contains(&key) {
        c.report(
            &rules::ANNOTATION_RESERVED_KEY,
            format!(
                "annotation key {} uses the reserved org.opencontainers prefix but no oci specification defines it",
                quote(key)
            ),
        );
    }
    match key {
        ann::ANNOTATION_CREATED if !is_rfc3339(value) => c.report(
            &rules::ANNOTATION_CREATED,
            format!(
                "created {} is not an rfc 3339 date-time such as \"2024-01-31T12:00:00Z\"",
                quote(value)
            ),
        ),
        ann::ANNOTATION_BASE_IMAGE_DIGEST => {
            if let Err(e) = Digest::parse(value) {
                c.report(&rules::ANNOTATION_BASE_DIGEST, e.to_string());
            }
        }
        ann::ANNOTATION_REF_NAME if !is_ref_name(value) => c.report(
            &rules::ANNOTATION_REF_NAME,
            format!(
                "ref.name {} does not follow the ref grammar: components of letters and digits joined by one of -._:@+ or --, separated by /",
                quote(value)
            ),
        ),
        ann::ANNOTATION_URL | ann::ANNOTATION_DOCUMENTATION | ann::ANNOTATION_SOURCE
            if !is_uri(value) =>
        {
            c.report(
                &rules::ANNOTATION_URL,
                format!("{} is not a url", quote(value)),
            );
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339() {
        for ok in [
            "2015-10-31T22:22:56.015925234Z",
            "2015-10-31T22:22:56Z",
            "2019-01-01t00:00:00+01:00",
            "2016-02-29T23:59:60-08:30",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "",
            "2015-10-31",
            "2015-10-31 22:22:56Z",
            "2015-13-01T00:00:00Z",
            "2015-02-29T00:00:00Z",
            "2015-10-31T24:00:00Z",
            "2015-10-31T22:22:56",
            "2015-10-31T22:22:56.Z",
            "2015-10-31T22:22:56+0100",
            "2015-10-31T22:22:56Zjunk",
            "yesterday",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }

    #[test]
    fn uri() {
        assert!(is_uri("https://example.com/a?b=c#d"));
        assert!(is_uri("urn:isbn:0451450523"));
        assert!(is_uri("http://[::1]:80/%20x"));
        assert!(!is_uri("value"));
        assert!(!is_uri("1http://x"));
        assert!(!is_uri("http://a b"));
        assert!(!is_uri("http://x/%zz"));
    }

    #[test]
    fn ref_names() {
        for ok in [
            "v1.0",
            "stable-release",
            "1.0.0--rc1",
            "a/b:c@d+e",
            "latest",
        ] {
            assert!(is_ref_name(ok), "{ok}");
        }
        for bad in ["", "/a", "a/", "a//b", "-a", "a-", "a---b", "a b", "a..b"] {
            assert!(!is_ref_name(bad), "{bad}");
        }
    }
}
