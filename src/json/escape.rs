//! JSON string escaping, byte for byte as serde_json escapes: `"`, `\` and
//! the control characters below 0x20 (as `\n`, `\t`, ... or `\u00XX`);
//! nothing else, not even DEL or U+2028.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is zero (exact as a yes/no answer:
/// a borrow only runs on from a byte that is itself zero).
const fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// The high bit of each byte of `x` that must be escaped: below 0x20, `"`
/// or `\\` (exact as a yes/no answer, like [`zero_bytes`]).
const fn escape_bits(x: u64) -> u64 {
    let control = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
    let quote = zero_bytes(x ^ (ONES * b'"' as u64));
    let backslash = zero_bytes(x ^ (ONES * b'\\' as u64));
    control | quote | backslash
}

/// True when some byte of `bytes` must be escaped in a JSON string.
///
/// Eight bytes at a time, without stopping early (a string that needs
/// escaping is rare). A string of up to 32 bytes, as most in documents are
/// (timestamps, names, short commands), is read as its first and its last
/// 4, 8 or 16 bytes, which overlap: no loop, so no loop exit for the
/// processor to mispredict at every string of a new length. A longer one
/// is read 32 bytes at a time, then its last 32 bytes.
#[inline]
pub(crate) fn needs_escape(bytes: &[u8]) -> bool {
    let n = bytes.len();
    if n > 32 {
        long_needs_escape(bytes)
    } else if n >= 16 {
        ends::<16>(bytes) != 0
    } else if n >= 8 {
        ends::<8>(bytes) != 0
    } else if n >= 4 {
        match (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
            (Some(a), Some(b)) => {
                let x = u64::from(u32::from_le_bytes(*a)) | u64::from(u32::from_le_bytes(*b)) << 32;
                escape_bits(x) != 0
            }
            _ => false,
        }
    } else {
        short_needs_escape(bytes)
    }
}

/// [`needs_escape`] for more than 32 bytes.
#[inline(never)]
fn long_needs_escape(bytes: &[u8]) -> bool {
    let mut bits = 0;
    let mut rest = bytes;
    while let Some((c, r)) = rest.split_first_chunk::<32>() {
        bits |= words(c);
        rest = r;
    }
    if let Some(last) = bytes.last_chunk::<32>() {
        bits |= words(last);
    }
    bits != 0
}

/// The [`escape_bits`] of the first and the last `H` bytes of `bytes`
/// (`H <= len <= 2 * H`: together they cover it), ORed.
#[inline]
fn ends<const H: usize>(bytes: &[u8]) -> u64 {
    match (bytes.first_chunk::<H>(), bytes.last_chunk::<H>()) {
        (Some(a), Some(b)) => words(a) | words(b),
        _ => 0,
    }
}

/// The [`escape_bits`] of the 8-byte words of `block`, ORed.
#[inline]
fn words<const N: usize>(block: &[u8; N]) -> u64 {
    let mut bits = 0;
    for w in block.chunks_exact(8) {
        if let Some(w) = w.first_chunk::<8>() {
            bits |= escape_bits(u64::from_le_bytes(*w));
        }
    }
    bits
}

/// True when a struct field name (short, almost always plain ASCII) needs
/// escaping: a table lookup per byte, cheaper than the word-at-a-time check
/// for the few bytes of a name.
#[inline]
pub(crate) fn short_needs_escape(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| ESCAPE[usize::from(b)])
}

/// The bytes that must be escaped in a JSON string.
static ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Appends `s`, which needs escaping (see [`needs_escape`]), as a JSON
/// string, quotes included, escaped exactly as serde_json escapes.
pub(crate) fn escaped_string(out: &mut Vec<u8>, s: &str) {
    // Room for the usual case, a few escapes.
    out.reserve(s.len() + 8);
    out.push(b'"');
    escaped(out, s);
    out.push(b'"');
}

/// Appends the text of a JSON string, without its quotes.
pub(crate) fn contents(out: &mut Vec<u8>, s: &str) {
    if needs_escape(s.as_bytes()) {
        escaped(out, s);
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

/// Appends the text of a JSON string that needs escaping: the runs of
/// bytes that need none are copied whole, found by a table lookup per byte.
fn escaped(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !ESCAPE[usize::from(b)] {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            _ => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ],
        };
        out.extend_from_slice(short);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_matches_serde_json_for_every_ascii_byte_and_unicode() {
        let mut s: String = (0u8..=0x7f).map(char::from).collect();
        s.push_str("é€😀\u{2028}/");
        let mut fast = Vec::new();
        escaped_string(&mut fast, &s);
        assert_eq!(fast, serde_json::to_vec(&s).unwrap());
        // Each byte that needs escaping, alone and inside longer text.
        for b in (0u8..0x20).chain([b'"', b'\\']) {
            let one = char::from(b).to_string();
            let long = format!("{}{one}{}", "a".repeat(40), "b".repeat(9));
            for s in [one, long] {
                assert!(needs_escape(s.as_bytes()));
                assert!(short_needs_escape(s.as_bytes()));
                let mut fast = Vec::new();
                escaped_string(&mut fast, &s);
                assert_eq!(fast, serde_json::to_vec(&s).unwrap());
            }
        }
        assert!(!needs_escape(
            "plain text, 日本 é and / ~ \u{7f}".as_bytes()
        ));
        assert!(!needs_escape(b""));
    }

    #[test]
    fn needs_escape_is_exact_at_every_length_position_and_byte() {
        // Each byte value at each position of strings of 1 to 72 bytes (every
        // path: 1-3, 4-7, 8-15, 16-32 bytes, and over 32 with a whole or
        // partial last block), on backgrounds next to the limits (a
        // word-at-a-time false positive or miss would show here).
        for len in 1..=72 {
            for fill in [b'a', 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0xff] {
                for at in 0..len {
                    for b in 0u8..=255 {
                        let mut v = vec![fill; len];
                        v[at] = b;
                        let want = b < 0x20 || b == b'"' || b == b'\\';
                        assert_eq!(short_needs_escape(&v), want);
                        assert_eq!(
                            needs_escape(&v),
                            want,
                            "len {len} fill {fill:#x} at {at} byte {b:#x}"
                        );
                    }
                }
            }
        }
    }
}
