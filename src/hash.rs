//! One small, fast, non-cryptographic hasher for the crate's word tables: the
//! multiply-rotate scheme of rustc's FxHash, eight bytes per step, instead of SipHash.
//!
//! The keys are short words (our own lexicons, and the words of one document); no table's
//! iteration order reaches a result. The words of a document are chosen by whoever wrote
//! it: every table starts from a per-process random seed, so that nobody can prepare words
//! that pile into one bucket (a quadratic table) without knowing it.

use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::OnceLock;

/// The multiply-rotate hasher.
#[derive(Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

/// The seed of every table of this process, drawn once from the standard library's
/// randomly keyed hasher.
fn process_seed() -> u64 {
    static SEED: OnceLock<u64> = OnceLock::new();
    *SEED.get_or_init(|| RandomState::new().hash_one(0x6b68_6162_6172_u64))
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

/// The multiply-rotate step over `bytes`, eight at a time; the last 1–7 bytes in one step
/// with their count in the top bits (read without a `memcpy` call: the words are short).
#[inline]
pub(crate) fn fx_write(mut hash: u64, bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        hash = (hash.rotate_left(5) ^ w).wrapping_mul(FX_SEED);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = 0u64;
        for (k, &b) in rest.iter().enumerate() {
            w |= u64::from(b) << (8 * k);
        }
        let w = w ^ ((rest.len() as u64) << 59);
        hash = (hash.rotate_left(5) ^ w).wrapping_mul(FX_SEED);
    }
    hash
}

impl Hasher for FxHasher {
    #[inline]
    fn finish(&self) -> u64 {
        // The multiply leaves its best bits at the top; the table indexes by the low bits.
        self.hash.rotate_left(26)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.hash = fx_write(self.hash, bytes);
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// The build-hasher of [`FxHasher`]: the per-process seed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FxBuild {
    seed: u64,
}

impl Default for FxBuild {
    #[inline]
    fn default() -> FxBuild {
        FxBuild {
            seed: process_seed(),
        }
    }
}

impl BuildHasher for FxBuild {
    type Hasher = FxHasher;

    #[inline]
    fn build_hasher(&self) -> FxHasher {
        FxHasher { hash: self.seed }
    }
}
/// A `HashMap` with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;
/// A `HashSet` with [`FxHasher`].
pub(crate) type FxHashSet<T> = std::collections::HashSet<T, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_seed_per_process() {
        let (a, b) = (FxBuild::default(), FxBuild::default());
        assert_eq!(a.hash_one("قال"), b.hash_one("قال"));
        assert_ne!(a.hash_one("قال"), a.hash_one("قالت"));
    }
}
