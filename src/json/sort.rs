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
use std::cell::RefCell;

/// A member of the region: its range, and where its key's text ends when
/// the key has no escape (so that it compares as bytes).
#[derive(Clone, Copy)]
struct Member {
    from: usize,
    to: usize,
    raw_key_end: Option<usize>,
}

/// The members and the reordered text.
type Scratch = (Vec<Member>, Vec<u8>);

thread_local! {
    /// Reused, so that sorting a map allocates nothing once a thread has
    /// sorted one as large.
    static SCRATCH: RefCell<Scratch> = const { RefCell::new((Vec::new(), Vec::new())) };
}

/// Reorders the members of the object text `region` by key. `region`
/// starts at offset `start` of the output, and `marks` are, for each member
/// as the serializer recorded them, the output offset where its key starts
/// and the one where the key's text ends (`usize::MAX` when the key holds
/// an escape).
pub(super) fn sort_members(region: &mut [u8], start: usize, marks: &[usize]) {
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut scratch) => {
            let (members, out) = &mut *scratch;
            sort_with(region, start, marks, members, out);
        }
        // Not reached (sorting calls nothing that sorts); stay correct.
        Err(_) => sort_with(region, start, marks, &mut Vec::new(), &mut Vec::new()),
    });
}

fn sort_with(
    region: &mut [u8],
    start: usize,
    marks: &[usize],
    members: &mut Vec<Member>,
    out: &mut Vec<u8>,
) {
    if marks.len() < 4 {
        return;
    }
    // Every member but the first is preceded by a comma and the same
    // newline and indent (pretty) that precede the first.
    let first = marks[0] - start;
    let separator = first + 1;
    members.clear();
    for (i, pair) in marks.chunks_exact(2).enumerate() {
        let end = marks
            .get(2 * (i + 1))
            .map_or(region.len(), |next| next - start - separator);
        members.push(Member {
            from: pair[0] - start,
            to: end,
            raw_key_end: (pair[1] != usize::MAX).then(|| pair[1] - start),
        });
    }
    {
        // Unescaped keys compare as bytes (UTF-8 byte order is `str`
        // order).
        let text: &[u8] = region;
        members.sort_by(|a, b| match (a.raw_key_end, b.raw_key_end) {
            (Some(x), Some(y)) => text[a.from + 1..x].cmp(&text[b.from + 1..y]),
            _ => compare_keys(&text[a.from..a.to], &text[b.from..b.to]),
        });
    }
    let sep = marks[2] - start - separator..marks[2] - start;
    out.clear();
    out.extend_from_slice(&region[..first]);
    for (i, m) in members.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&region[sep.clone()]);
        }
        out.extend_from_slice(&region[m.from..m.to]);
    }
    // The same members and separators, so the same length.
    if out.len() == region.len() {
        region.copy_from_slice(out);
    }
}

/// Orders two members by the text of their keys. Written keys without an
/// escape compare as their bytes (UTF-8 byte order is `str` order); a key
/// with one is decoded first.
fn compare_keys(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    match (raw_key(a), raw_key(b)) {
        (Some(x), Some(y)) => x.cmp(y),
        _ => key_text(a).cmp(&key_text(b)),
    }
}

/// The bytes of a member's key between its quotes, when it has no escape.
fn raw_key(member: &[u8]) -> Option<&[u8]> {
    let body = member.get(1..)?;
    let end = body.iter().position(|&b| b == b'"' || b == b'\\')?;
    (body[end] == b'"').then(|| &body[..end])
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

    /// Where each member's key starts and where its text ends (or
    /// `usize::MAX` when escaped) in object text: what the serializer
    /// records as it writes.
    fn marks_of(text: &[u8]) -> Vec<usize> {
        let (mut marks, mut depth, mut in_string, mut escape) = (vec![], 0, false, false);
        let (mut want_key, mut in_key, mut key_escaped) = (true, false, false);
        for (i, &b) in text.iter().enumerate() {
            if in_string {
                if escape {
                    escape = false;
                } else if b == b'\\' {
                    escape = true;
                    key_escaped |= in_key;
                } else if b == b'"' {
                    in_string = false;
                    if in_key {
                        marks.push(if key_escaped { usize::MAX } else { i });
                        in_key = false;
                    }
                }
                continue;
            }
            match b {
                b'"' => {
                    if depth == 0 && want_key {
                        marks.push(i);
                        want_key = false;
                        in_key = true;
                        key_escaped = false;
                    }
                    in_string = true;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => depth -= 1,
                b',' if depth == 0 => want_key = true,
                _ => {}
            }
        }
        marks
    }

    fn sorted(s: &str) -> String {
        let mut v = s.as_bytes().to_vec();
        // As inside a serializer's output: the region starts at offset 7.
        let marks: Vec<usize> = marks_of(&v)
            .into_iter()
            .map(|m| m.saturating_add(7))
            .collect();
        sort_members(&mut v, 7, &marks);
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
