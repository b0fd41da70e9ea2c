//! The crate's one hash: splitmix64's finaliser over 8-byte chunks, with fixed constants.
//! Written here rather than taken from a crate so that nothing a dependency update does can
//! change a stored key or band (the golden test would catch it, but too late for stored rows).

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// splitmix64's finaliser: a bijection on u64 that spreads every input bit.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A 64-bit hash of `bytes` under `seed`.
pub(crate) fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = mix(seed ^ (bytes.len() as u64).wrapping_mul(GOLDEN));
    for chunk in bytes.chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        // Adding GOLDEN first keeps an all-zero chunk from leaving a zero state at zero.
        h = mix(h.wrapping_add(GOLDEN) ^ u64::from_le_bytes(word));
    }
    mix(h ^ GOLDEN)
}

/// A hash of several 64-bit values, in order.
pub(crate) fn hash_words(seed: u64, words: impl IntoIterator<Item = u64>) -> u64 {
    let mut h = mix(seed);
    for w in words {
        h = mix(h.wrapping_add(GOLDEN) ^ w);
    }
    mix(h ^ GOLDEN)
}

/// The `i`th of a fixed family of seeds derived from `base`.
pub(crate) fn seed(base: u64, i: usize) -> u64 {
    mix(base.wrapping_add(GOLDEN.wrapping_mul(i as u64 + 1)))
}
