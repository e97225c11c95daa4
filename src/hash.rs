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

/// A fixed lexicon from words to small values (`u16`) that is read for every token: an
/// open-addressing table of one `u64` per slot — the key's 48-bit fingerprint and its value —
/// so that a look-up reads one slot (rarely two) and never a key string.
///
/// Only fingerprints are kept, so a word that is not in the table is taken for one that is
/// when the 48 high bits of its seeded hash equal a stored word's in the slots it probes:
/// about 2^-48 per look-up at the table's load (≤ 2/3), once in ~10^14 words. Two words
/// *in* the table could share one (then [`FingerprintTable::len`] counts one key fewer): the
/// tables' tests check their own words.
#[derive(Clone)]
pub(crate) struct FingerprintTable {
    slots: Vec<u64>,
    mask: usize,
    len: usize,
    build: FxBuild,
}

/// A key's slot word without its value: its fingerprint (never 0, which marks an empty
/// slot) in the high 48 bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    hash: u64,
}

impl Fingerprint {
    #[inline]
    fn tag(self) -> u64 {
        match self.hash & !0xffff {
            0 => 0x1_0000,
            t => t,
        }
    }
}

impl std::fmt::Debug for FingerprintTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FingerprintTable")
            .field("len", &self.len)
            .field("slots", &self.slots.len())
            .finish()
    }
}

impl FingerprintTable {
    /// An empty table for `n` keys (at load ≤ 2/3).
    pub(crate) fn with_capacity(n: usize) -> FingerprintTable {
        let size = (n * 3 / 2 + 1).next_power_of_two().max(8);
        FingerprintTable {
            slots: vec![0; size],
            mask: size - 1,
            len: 0,
            build: FxBuild::default(),
        }
    }

    /// The number of keys.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The fingerprint of `s` in this table.
    #[inline]
    pub(crate) fn fingerprint(&self, s: &str) -> Fingerprint {
        use std::hash::BuildHasher;
        Fingerprint {
            hash: self.build.hash_one(s),
        }
    }

    /// Set the value of `s` (a key already in the table gets the new value). The table is
    /// sized for its keys when it is made: more than 3/4 of its slots full is a bug.
    pub(crate) fn insert(&mut self, s: &str, v: u16) {
        assert!(
            (self.len + 1) * 4 <= self.slots.len() * 3,
            "FingerprintTable made for fewer keys"
        );
        let f = self.fingerprint(s);
        let tag = f.tag();
        let mut i = f.hash as usize & self.mask;
        loop {
            let w = self.slots[i];
            if w == 0 {
                self.len += 1;
                break;
            }
            if w & !0xffff == tag {
                break;
            }
            i = (i + 1) & self.mask;
        }
        self.slots[i] = tag | u64::from(v);
    }

    /// The value of `s`, if it is in the table.
    #[inline]
    pub(crate) fn get(&self, s: &str) -> Option<u16> {
        self.get_fp(self.fingerprint(s))
    }

    /// The value of the key of fingerprint `f`, if it is in the table.
    #[inline]
    pub(crate) fn get_fp(&self, f: Fingerprint) -> Option<u16> {
        let tag = f.tag();
        let mut i = f.hash as usize & self.mask;
        loop {
            let w = self.slots[i];
            if w == 0 {
                return None;
            }
            if w & !0xffff == tag {
                return Some(w as u16);
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// A document's words numbered in the order they first appear (`0, 1, 2, …`): the table
/// behind per-document vocabularies, which can hold hundreds of thousands of words.
///
/// Each key's seeded hash is computed once and kept, so that growing the table moves
/// hashes and never reads a key again (a `HashMap<&str, u32>` re-hashes every key string
/// at every growth, a cache miss into the text for each). A slot is one `u64`: the high 32
/// bits of the hash and the id + 1 (0 marks an empty slot); a key string is compared only
/// when those 32 bits match. Linear probing at load ≤ 1/2.
pub(crate) struct Interner<'a> {
    keys: Vec<&'a str>,
    hashes: Vec<u64>,
    slots: Vec<u64>,
    mask: usize,
    build: FxBuild,
}

impl<'a> Interner<'a> {
    /// An empty interner with room for `n` keys before it grows.
    pub(crate) fn with_capacity(n: usize) -> Interner<'a> {
        let size = (n * 2).next_power_of_two().max(8);
        Interner {
            keys: Vec::with_capacity(n),
            hashes: Vec::with_capacity(n),
            slots: vec![0; size],
            mask: size - 1,
            build: FxBuild::default(),
        }
    }

    /// The id of `s`: the number of distinct keys seen before its first appearance.
    #[inline]
    pub(crate) fn id(&mut self, s: &'a str) -> u32 {
        use std::hash::BuildHasher;
        let h = self.build.hash_one(s);
        let tag = h & !0xffff_ffff;
        let mut i = h as usize & self.mask;
        loop {
            let w = self.slots[i];
            if w == 0 {
                break;
            }
            if w & !0xffff_ffff == tag {
                let id = (w as u32).wrapping_sub(1);
                if self.keys[id as usize] == s {
                    return id;
                }
            }
            i = (i + 1) & self.mask;
        }
        let id = u32::try_from(self.keys.len()).expect("fewer than 2^32 - 1 distinct keys");
        assert!(id < u32::MAX, "fewer than 2^32 - 1 distinct keys");
        self.keys.push(s);
        self.hashes.push(h);
        self.slots[i] = tag | u64::from(id + 1);
        if self.keys.len() * 2 > self.slots.len() {
            self.grow();
        }
        id
    }

    /// Twice the slots, every key placed again from its kept hash.
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let mask = size - 1;
        let mut slots = vec![0u64; size];
        for (id, &h) in self.hashes.iter().enumerate() {
            let mut i = h as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (h & !0xffff_ffff) | (id as u64 + 1);
        }
        self.slots = slots;
        self.mask = mask;
    }

    /// The distinct keys, by id, giving up the table.
    pub(crate) fn into_keys(self) -> Vec<&'a str> {
        self.keys
    }
}

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
        // Against the old hasher, with any seed, the 4,096 words share a few hundred hashes;
        // so do the first 4,096 words of the longer family that `colliding_words` writes
        // (20 bits: the words below 2^12 differ only in their low chunks).
        let long: Vec<String> = (0..4096).map(|i| colliding_word(i, 20)).collect();
        for seed in [0, 1, 0x9e37_79b9_7f4a_7c15, u64::MAX] {
            for family in [&words, &long] {
                let d = distinct(family.iter().map(|w| fx(seed, w)));
                assert!(d < 1024, "seed {seed:#x}: {d} distinct hashes");
            }
        }
        // Ours gives each its own (a random 64-bit hash collides with chance 2^-40 here).
        for _ in 0..4 {
            let b = FxBuild::default();
            assert_eq!(distinct(words.iter().map(|w| b.hash_one(w.as_str()))), 4096);
        }
    }

    #[test]
    fn interner_numbers_words_in_order_of_first_appearance() {
        // Grows several times (from 8 slots); a word seen again keeps its id.
        let words: Vec<String> = (0..5000).map(|i| format!("كلمة{}", i % 3001)).collect();
        let mut t = Interner::with_capacity(1);
        let ids: Vec<u32> = words.iter().map(|w| t.id(w)).collect();
        let mut first: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
        for w in &words {
            let next = first.len() as u32;
            first.entry(w.as_str()).or_insert(next);
        }
        let want: Vec<u32> = words.iter().map(|w| first[w.as_str()]).collect();
        assert_eq!(ids, want);
        let keys = t.into_keys();
        assert_eq!(keys.len(), 3001);
        for (id, k) in keys.iter().enumerate() {
            assert_eq!(first[k], id as u32);
        }
        // The crafted family of the old hasher: every word its own id.
        let family: Vec<String> = (0..4096).map(|i| colliding_word(i, 12)).collect();
        let mut t = Interner::with_capacity(16);
        for (i, w) in family.iter().enumerate() {
            assert_eq!(t.id(w), i as u32);
        }
        for (i, w) in family.iter().enumerate().rev() {
            assert_eq!(t.id(w), i as u32);
        }
        assert_eq!(t.into_keys().len(), 4096);
        // The empty string is a key like any other.
        let mut t = Interner::with_capacity(0);
        assert_eq!((t.id(""), t.id("a"), t.id("")), (0, 1, 0));
    }

    #[test]
    fn fingerprint_table_answers_its_words() {
        let words: Vec<String> = (0..3000).map(|i| format!("كلمة{i}")).collect();
        let mut t = FingerprintTable::with_capacity(words.len());
        for (i, w) in words.iter().enumerate() {
            t.insert(w, i as u16);
        }
        assert_eq!(t.len(), words.len());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w), Some(i as u16), "{w}");
        }
        // A second insert of a key changes its value, not the count.
        t.insert(&words[7], u16::MAX);
        assert_eq!((t.get(&words[7]), t.len()), (Some(u16::MAX), words.len()));
        for i in 3000..20000 {
            assert_eq!(t.get(&format!("كلمة{i}")), None);
        }
        assert_eq!(FingerprintTable::with_capacity(0).get(""), None);
    }

    #[test]
    #[should_panic(expected = "made for fewer keys")]
    fn fingerprint_table_refuses_more_keys_than_it_was_made_for() {
        let mut t = FingerprintTable::with_capacity(4);
        for i in 0..100 {
            t.insert(&i.to_string(), 0);
        }
    }
}
