//! Each function against the obvious byte-by-byte definition: every length up to 300 and a
//! few around the 2 KiB `rep` threshold and beyond, every alignment of source and
//! destination within 8 bytes, overlaps of every distance for `move_`, and guard bytes
//! around the destination that must stay untouched.
#![cfg(target_arch = "x86_64")]

use khabar_memfns::x86_64::{compare, copy, move_, set};

/// A deterministic byte stream (xorshift64).
struct Bytes(u64);

impl Bytes {
    fn next(&mut self) -> u8 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 24) as u8
    }
    fn fill(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next()).collect()
    }
}

fn lengths() -> Vec<usize> {
    let mut v: Vec<usize> = (0..=300).collect();
    v.extend([
        511, 512, 513, 1023, 1024, 2047, 2048, 2049, 4095, 4096, 4097, 10_000, 65_537,
    ]);
    v
}

const GUARD: usize = 80;

#[test]
fn copy_matches_the_definition() {
    let mut r = Bytes(0x9e37_79b9_7f4a_7c15);
    for n in lengths() {
        let offsets: &[usize] = if n > 300 { &[0, 3] } else { &[0, 1, 3, 7] };
        for &so in offsets {
            for &dof in offsets {
                let src = r.fill(n + 8);
                let mut dst = r.fill(n + 8 + 2 * GUARD);
                let mut want = dst.clone();
                want[GUARD + dof..GUARD + dof + n].copy_from_slice(&src[so..so + n]);
                // SAFETY: both ranges lie inside their own vectors.
                unsafe { copy(dst.as_mut_ptr().add(GUARD + dof), src.as_ptr().add(so), n) };
                assert!(dst == want, "copy n={n} src+{so} dst+{dof}");
            }
        }
    }
}

#[test]
fn move_matches_the_definition_at_every_overlap() {
    let mut r = Bytes(0x2545_f491_4f6c_dd1d);
    for n in lengths().into_iter().filter(|&n| n <= 4097) {
        let dists: Vec<usize> = (0..=70).chain([127, 128, 129, n / 2, n, n + 1]).collect();
        for &dist in &dists {
            for forward in [true, false] {
                let mut buf = r.fill(n + dist + 2 * GUARD);
                let (s, d) = if forward {
                    (GUARD + dist, GUARD) // destination before the source
                } else {
                    (GUARD, GUARD + dist)
                };
                let mut want = buf.clone();
                want.copy_within(s..s + n, d);
                let p = buf.as_mut_ptr();
                // SAFETY: both ranges lie inside `buf`.
                unsafe { move_(p.add(d), p.add(s), n) };
                assert!(buf == want, "move n={n} dist={dist} forward={forward}");
            }
        }
    }
}

#[test]
fn set_matches_the_definition() {
    let mut r = Bytes(0xdead_beef_cafe_f00d);
    for n in lengths() {
        for off in [0, 1, 5] {
            for c in [0u8, 0x5a, 0xff] {
                let mut dst = r.fill(n + 8 + 2 * GUARD);
                let mut want = dst.clone();
                want[GUARD + off..GUARD + off + n].fill(c);
                // SAFETY: the range lies inside `dst`.
                unsafe { set(dst.as_mut_ptr().add(GUARD + off), c, n) };
                assert!(dst == want, "set n={n} off={off} c={c}");
            }
        }
    }
}

#[test]
fn compare_gives_the_sign_of_the_first_difference() {
    let mut r = Bytes(0x1234_5678_9abc_def1);
    for n in lengths().into_iter().filter(|&n| n <= 2049) {
        let a = r.fill(n + 4);
        let b = a.clone();
        // SAFETY (every call below): n bytes inside each vector, at offsets 0 or 3.
        assert_eq!(
            unsafe { compare(a.as_ptr(), b.as_ptr(), n) },
            0,
            "equal n={n}"
        );
        let step = if n > 300 { 37 } else { 1 };
        for k in (0..n).step_by(step) {
            for (x, y) in [(0x10u8, 0x90u8), (0x90, 0x10), (0, 0xff), (0x7f, 0x80)] {
                let (mut a2, mut b2) = (a.clone(), b.clone());
                a2[3 + k] = x;
                b2[3 + k] = y;
                // A later difference the other way round must not decide.
                if k + 1 < n {
                    a2[3 + n - 1] = 0;
                    b2[3 + n - 1] = 0xff;
                    if k + 1 == n - 1 {
                        a2[3 + n - 1] = b2[3 + n - 1];
                    }
                }
                let got = unsafe { compare(a2.as_ptr().add(3), b2.as_ptr().add(3), n) };
                let want = a2[3..3 + n].cmp(&b2[3..3 + n]);
                assert_eq!(got.signum(), want as i32, "compare n={n} k={k} {x}/{y}");
                // The bytes outside the range never count.
                let mut a3 = a2.clone();
                a3[3 + n] ^= 0xff;
                let got3 = unsafe { compare(a3.as_ptr().add(3), b2.as_ptr().add(3), n) };
                assert_eq!(got3.signum(), want as i32);
            }
        }
    }
}
