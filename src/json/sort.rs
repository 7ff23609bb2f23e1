//! Putting the members of a map that was written out of key order (a std
//! hash map) in order, in place in the serializer's output.
//!
//! The region holds exactly what the serializer wrote between `{` and `}`:
//! members separated by `,` (compact) or `,\n` and an indent (pretty), each
//! preceded in pretty output by the same newline and indent. Members are
//! found by scanning that text, which the serializer itself wrote, so it is
//! well-formed JSON; then they are ordered by the text of their keys (the
//! order of a `BTreeMap<String, _>`), keeping the same separators.

use std::borrow::Cow;

/// Reorders the members of the object text `region` by key.
pub(super) fn sort_members(region: &mut [u8]) {
    let members = split(region);
    if members.len() < 2 {
        return;
    }
    let mut order: Vec<(Cow<'_, str>, (usize, usize))> = members
        .iter()
        .map(|&(start, end)| (key_text(&region[start..end]), (start, end)))
        .collect();
    order.sort_by(|a, b| a.0.cmp(&b.0));
    let first = members[0].0;
    let separator = &region[members[0].1..members[1].0];
    let mut out = Vec::with_capacity(region.len());
    out.extend_from_slice(&region[..first]);
    for (i, (_, (start, end))) in order.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(separator);
        }
        out.extend_from_slice(&region[*start..*end]);
    }
    // The same members and separators, so the same length.
    if out.len() == region.len() {
        region.copy_from_slice(&out);
    }
}

/// The `(start, end)` of each member: from its key's opening quote to the
/// end of its value.
fn split(region: &[u8]) -> Vec<(usize, usize)> {
    let mut members = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escape = false;
    let mut start: Option<usize> = None;
    let mut last_value_end = 0;
    for (i, &b) in region.iter().enumerate() {
        if in_string {
            if escape {
                escape = false;
            } else if b == b'\\' {
                escape = true;
            } else if b == b'"' {
                in_string = false;
                last_value_end = i + 1;
            }
            continue;
        }
        match b {
            b'"' => {
                if depth == 0 && start.is_none() {
                    start = Some(i);
                }
                in_string = true;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                last_value_end = i + 1;
            }
            b',' if depth == 0 => {
                if let Some(s) = start.take() {
                    members.push((s, last_value_end));
                }
            }
            b' ' | b'\n' | b':' => {}
            // Numbers, true, false, null.
            _ => last_value_end = i + 1,
        }
    }
    if let Some(s) = start {
        members.push((s, last_value_end));
    }
    members
}

/// The text of a member's key: its bytes between the quotes, decoded when
/// it holds an escape.
fn key_text(member: &[u8]) -> Cow<'_, str> {
    let mut end = 1;
    let mut escape = false;
    let mut has_escape = false;
    while end < member.len() {
        let b = member[end];
        if escape {
            escape = false;
        } else if b == b'\\' {
            escape = true;
            has_escape = true;
        } else if b == b'"' {
            break;
        }
        end += 1;
    }
    let quoted = &member[..(end + 1).min(member.len())];
    if has_escape {
        if let Ok(s) = serde_json::from_slice::<String>(quoted) {
            return Cow::Owned(s);
        }
    }
    String::from_utf8_lossy(&member[1..end.min(member.len())])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(s: &str) -> String {
        let mut v = s.as_bytes().to_vec();
        sort_members(&mut v);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn compact_members_are_ordered_by_key() {
        assert_eq!(
            sorted(r#""b":1,"a":{"z":[1,{"y":"}"}]},"c":"x,\"y""#),
            r#""a":{"z":[1,{"y":"}"}]},"b":1,"c":"x,\"y""#
        );
    }

    #[test]
    fn pretty_members_keep_their_indent() {
        assert_eq!(
            sorted("\n  \"b\": true,\n  \"a\": [\n    1\n  ]"),
            "\n  \"a\": [\n    1\n  ],\n  \"b\": true"
        );
    }

    #[test]
    fn escaped_keys_sort_by_their_text() {
        // "\u0001" is the byte 1, below "A"; its escaped text is not.
        assert_eq!(
            sorted(r#""A":null,"\u0001":-1.5e3"#),
            r#""\u0001":-1.5e3,"A":null"#
        );
    }
}
