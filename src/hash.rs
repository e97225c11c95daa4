//! The crate's one hasher for its word tables: foldhash (`foldhash::fast`), randomly seeded
//! per process and per table.
//!
//! The keys are short words (our own lexicons, and the words, stems and lines of one
//! document); no table's iteration order reaches a result. A document's words are chosen by
//! whoever wrote it, so the hash must not let them pile into one bucket (a quadratic table).
//! A seed alone does not give that: the multiply-rotate scheme this crate used before
//! (rustc's FxHash) only carries a difference towards the high bits, so families of words
//! collide in all 64 bits whatever the seed (`colliding_word` in
//! `tests/support/adversarial.rs` builds one; the test below checks that it does not
//! collide here). foldhash mixes each input through a folded 64×64→128-bit multiply with
//! seeded operands, which has no such seed-independent differential, and is as fast on
//! short keys.
//!
//! (The `Fx` names stay for the modules written when it was FxHash.)

/// The build-hasher of every word table: foldhash with a random seed per table (drawn from
/// a per-process random seed).
pub(crate) type FxBuild = foldhash::fast::RandomState;

/// A `HashMap` with [`FxBuild`].
pub(crate) type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;
/// A `HashSet` with [`FxBuild`].
pub(crate) type FxHashSet<T> = std::collections::HashSet<T, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn one_hasher_is_consistent() {
        let a = FxBuild::default();
        assert_eq!(a.hash_one("قال"), a.hash_one("قال"));
        assert_ne!(a.hash_one("قال"), a.hash_one("قالت"));
    }

    /// The word family of `tests/support/adversarial.rs::colliding_word`: 8-byte chunks
    /// whose differences a multiply-rotate hasher cancels whatever its seed.
    fn colliding_word(i: usize, bits: u32) -> String {
        let mut w = String::new();
        for j in 0..=bits {
            let prev = j > 0 && (i >> (j - 1)) & 1 == 1;
            let cur = j < bits && (i >> j) & 1 == 1;
            w.push(if prev { 'u' } else { 'a' });
            w.push('q');
            w.push_str("\u{0682}\u{0683}");
            w.push(if cur { '\u{06A1}' } else { '\u{0681}' });
        }
        w
    }

    /// The multiply-rotate hasher (FxHash) this crate used before, with a seed, as it hashed
    /// a `str` key: to show that the family is a real attack on it.
    fn fx(seed: u64, s: &str) -> u64 {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let step = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
        let mut h = seed;
        let b = s.as_bytes();
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            h = step(h, u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = 0u64;
            for (k, &x) in rest.iter().enumerate() {
                w |= u64::from(x) << (8 * k);
            }
            h = step(h, w ^ ((rest.len() as u64) << 59));
        }
        step(h, 0xff).rotate_left(26)
    }

    fn distinct(hashes: impl Iterator<Item = u64>) -> usize {
        let mut v: Vec<u64> = hashes.collect();
        v.sort_unstable();
        v.dedup();
        v.len()
    }

    #[test]
    fn crafted_words_do_not_collide() {
        let words: Vec<String> = (0..4096).map(|i| colliding_word(i, 12)).collect();
        // Against the old hasher, with any seed, the 4,096 words share a few hundred hashes.
        for seed in [0, 1, 0x9e37_79b9_7f4a_7c15, u64::MAX] {
            let d = distinct(words.iter().map(|w| fx(seed, w)));
            assert!(d < 1024, "seed {seed:#x}: {d} distinct hashes");
        }
        // Ours gives each its own (a random 64-bit hash collides with chance 2^-40 here).
        for _ in 0..4 {
            let b = FxBuild::default();
            assert_eq!(distinct(words.iter().map(|w| b.hash_one(w.as_str()))), 4096);
        }
    }
}
