//! Crockford's base32 alphabet (no I, L, O or U), used for the short codes people read aloud:
//! key fingerprints and receipt codes. Only encoding is needed; codes are compared as text.

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The first `chars` base32 characters (5 bits each) of `bytes`, most significant bit first.
///
/// `bytes` must hold at least `chars * 5` bits; callers pass a SHA-256 digest.
pub(crate) fn encode_prefix(bytes: &[u8], chars: usize) -> String {
    debug_assert!(bytes.len() * 8 >= chars * 5);
    (0..chars)
        .map(|i| {
            let bit = i * 5;
            let (byte, shift) = (bit / 8, bit % 8);
            let hi = u16::from(bytes[byte]) << 8;
            let lo = bytes.get(byte + 1).copied().map_or(0, u16::from);
            let index = ((hi | lo) >> (11 - shift)) & 0x1f;
            char::from(ALPHABET[usize::from(index)])
        })
        .collect()
}

/// `code` split into groups of four joined by hyphens: `K7QF2M9D` → `K7QF-2M9D`.
pub(crate) fn grouped(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    chars.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_five_bits_at_a_time() {
        // 0b00000_00001_00010_00011_00100... laid out over bytes.
        let bytes = [0b0000_0000, 0b0100_0100, 0b0011_0010, 0, 0];
        assert_eq!(encode_prefix(&bytes, 5), "01234");
        assert_eq!(encode_prefix(&[0xff; 5], 8), "ZZZZZZZZ");
    }

    #[test]
    fn groups_by_four() {
        assert_eq!(grouped("ABCDEFGH"), "ABCD-EFGH");
    }
}
