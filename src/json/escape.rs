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
/// or `\\` (exact as a yes/no answer, like [`zero_bytes`]): eight bytes at
/// a time in an integer register, for strings of 4 to 15 bytes. (Put in
/// one [`Block`], their bytes are taken apart one by one: slower.)
const fn escape_bits(x: u64) -> u64 {
    let control = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
    let quote = zero_bytes(x ^ (ONES * b'"' as u64));
    let backslash = zero_bytes(x ^ (ONES * b'\\' as u64));
    control | quote | backslash
}

/// A block of bytes checked together: 16, one SSE2 or NEON register.
type Block = [u8; 16];

/// Per byte of `block`: zero exactly where the byte must be escaped (below
/// 0x20, `"` or `\\`), as the least of three values that are each zero in
/// one of those cases. Written byte by byte with `^`, `min` and saturating
/// subtraction, which LLVM turns into a few vector instructions (pxor,
/// pminub, psubusb on x86-64): no `unsafe`, no platform-specific code.
/// (Written with `<` and `==` instead, the same check compiles to byte
/// shuffles, slower than eight bytes at a time in a `u64`.)
#[inline]
fn zero_where_escaped(block: &Block) -> Block {
    let mut z = [0; 16];
    for (z, &b) in z.iter_mut().zip(block) {
        *z = (b ^ b'"').min(b ^ b'\\').min(b.saturating_sub(0x1f));
    }
    z
}

/// True when some byte of `v` is zero (a compare and a mask move).
#[inline]
fn any_zero(v: Block) -> bool {
    let mut m = [0; 16];
    for (m, b) in m.iter_mut().zip(v) {
        *m = if b == 0 { 0xff } else { 0 };
    }
    u128::from_le_bytes(m) != 0
}

/// True when some byte of the two blocks must be escaped.
#[inline]
fn blocks_need_escape(a: &Block, b: &Block) -> bool {
    let mut z = zero_where_escaped(a);
    for (z, b) in z.iter_mut().zip(zero_where_escaped(b)) {
        *z = (*z).min(b);
    }
    any_zero(z)
}

/// True when some byte of a 32-byte block must be escaped.
#[inline]
fn halves_need_escape(c: &[u8; 32]) -> bool {
    match (c.first_chunk::<16>(), c.last_chunk::<16>()) {
        (Some(a), Some(b)) => blocks_need_escape(a, b),
        _ => false,
    }
}

/// True when some byte of `bytes` must be escaped in a JSON string.
///
/// A string of up to 32 bytes, as most in documents are (timestamps,
/// names, short commands), is read as its first and last 16, 8 or 4 bytes,
/// which overlap: no loop, so no loop exit for the processor to mispredict
/// at every string of a new length. Sixteen bytes at a time go through
/// vector registers; fewer through [`escape_bits`]. A longer string is read
/// 32 bytes at a time, then its last 32 bytes.
#[inline]
pub(crate) fn needs_escape(bytes: &[u8]) -> bool {
    let n = bytes.len();
    if n > 32 {
        long_needs_escape(bytes)
    } else if n >= 16 {
        match (bytes.first_chunk::<16>(), bytes.last_chunk::<16>()) {
            (Some(a), Some(b)) => blocks_need_escape(a, b),
            _ => false,
        }
    } else if n >= 8 {
        match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
            (Some(a), Some(b)) => {
                escape_bits(u64::from_le_bytes(*a)) | escape_bits(u64::from_le_bytes(*b)) != 0
            }
            _ => false,
        }
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

/// [`needs_escape`] for more than 32 bytes: 32 at a time, stopping at the
/// first block with a byte to escape, then the last 32.
#[inline(never)]
fn long_needs_escape(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    while let Some((block, r)) = rest.split_first_chunk::<32>() {
        if halves_need_escape(block) {
            return true;
        }
        rest = r;
    }
    !rest.is_empty() && bytes.last_chunk::<32>().is_some_and(halves_need_escape)
}

/// True when some of a few bytes (fewer than four) must be escaped: a
/// table lookup per byte.
#[inline]
fn short_needs_escape(bytes: &[u8]) -> bool {
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

/// Writes the text of a JSON string that needs escaping (see
/// [`needs_escape`]), without its quotes, through `write`, escaped exactly
/// as serde_json escapes: the runs of bytes that need none are written
/// whole, found by a table lookup per byte.
#[inline]
pub(crate) fn escaped(s: &str, mut write: impl FnMut(&[u8])) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !ESCAPE[usize::from(b)] {
            continue;
        }
        write(&bytes[start..i]);
        let hex;
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            _ => {
                hex = [
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ];
                &hex
            }
        };
        write(short);
        start = i + 1;
    }
    write(&bytes[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `s` as a JSON string, quotes included.
    fn escaped_string(out: &mut Vec<u8>, s: &str) {
        out.push(b'"');
        escaped(s, |b| out.extend_from_slice(b));
        out.push(b'"');
    }

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
        // false positive or miss of the word or block checks would show here).
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
