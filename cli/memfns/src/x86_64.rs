//! The SSE2 implementations (x86_64 baseline, no run-time dispatch).
//!
//! Every function takes raw pointers with the C library's contract: `n` bytes readable at the
//! sources and writable at the destination; `copy` wants non-overlapping ranges, `move_`
//! allows overlap.

use core::arch::asm;
use core::arch::x86_64::{
    __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8, _mm_storeu_si128,
};

/// From this length on, `copy` and `set` use `rep movsb` / `rep stosb` (glibc's default
/// threshold on CPUs with fast string instructions).
const REP_FROM: usize = 2048;

#[inline(always)]
unsafe fn ld16(p: *const u8) -> __m128i {
    // SAFETY: the caller's 16 readable bytes; unaligned load.
    unsafe { _mm_loadu_si128(p.cast()) }
}

#[inline(always)]
unsafe fn st16(p: *mut u8, v: __m128i) {
    // SAFETY: the caller's 16 writable bytes; unaligned store.
    unsafe { _mm_storeu_si128(p.cast(), v) }
}

#[inline(always)]
unsafe fn ld<T: Copy>(p: *const u8) -> T {
    // SAFETY: the caller's size_of::<T>() readable bytes.
    unsafe { p.cast::<T>().read_unaligned() }
}

#[inline(always)]
unsafe fn st<T: Copy>(p: *mut u8, v: T) {
    // SAFETY: the caller's size_of::<T>() writable bytes.
    unsafe { p.cast::<T>().write_unaligned(v) }
}

/// `n <= 64` bytes, every load before any store: correct for overlapping ranges too.
#[inline(always)]
unsafe fn copy_le64(d: *mut u8, s: *const u8, n: usize) {
    // SAFETY (whole body): every offset is below `n`, the caller's length.
    unsafe {
        if n <= 16 {
            if n >= 8 {
                let (a, b) = (ld::<u64>(s), ld::<u64>(s.add(n - 8)));
                st(d, a);
                st(d.add(n - 8), b);
            } else if n >= 4 {
                let (a, b) = (ld::<u32>(s), ld::<u32>(s.add(n - 4)));
                st(d, a);
                st(d.add(n - 4), b);
            } else if n >= 2 {
                let (a, b) = (ld::<u16>(s), ld::<u16>(s.add(n - 2)));
                st(d, a);
                st(d.add(n - 2), b);
            } else if n == 1 {
                *d = *s;
            }
        } else if n <= 32 {
            let (a, b) = (ld16(s), ld16(s.add(n - 16)));
            st16(d, a);
            st16(d.add(n - 16), b);
        } else {
            let (a, b) = (ld16(s), ld16(s.add(16)));
            let (c, e) = (ld16(s.add(n - 32)), ld16(s.add(n - 16)));
            st16(d, a);
            st16(d.add(16), b);
            st16(d.add(n - 32), c);
            st16(d.add(n - 16), e);
        }
    }
}

/// `n > 64` bytes front to back in 64-byte blocks; the last 64 bytes are loaded first and
/// stored last. Correct when `d <= s` or the ranges do not overlap: each block is loaded
/// before it is stored, and a store only reaches source bytes already loaded.
#[inline(always)]
unsafe fn copy_forward(d: *mut u8, s: *const u8, n: usize) {
    // SAFETY (whole body): every block lies inside the caller's `n` bytes.
    unsafe {
        let t = n - 64;
        let tail = [
            ld16(s.add(t)),
            ld16(s.add(t + 16)),
            ld16(s.add(t + 32)),
            ld16(s.add(t + 48)),
        ];
        let mut i = 0;
        while n - i > 64 {
            let (a, b) = (ld16(s.add(i)), ld16(s.add(i + 16)));
            let (c, e) = (ld16(s.add(i + 32)), ld16(s.add(i + 48)));
            st16(d.add(i), a);
            st16(d.add(i + 16), b);
            st16(d.add(i + 32), c);
            st16(d.add(i + 48), e);
            i += 64;
        }
        for (k, v) in tail.into_iter().enumerate() {
            st16(d.add(t + 16 * k), v);
        }
    }
}

/// `n > 64` bytes back to front in 64-byte blocks; the first 64 bytes are loaded first and
/// stored last. Correct when `d >= s` or the ranges do not overlap.
#[inline(always)]
unsafe fn copy_backward(d: *mut u8, s: *const u8, n: usize) {
    // SAFETY (whole body): every block lies inside the caller's `n` bytes.
    unsafe {
        let head = [ld16(s), ld16(s.add(16)), ld16(s.add(32)), ld16(s.add(48))];
        let mut j = n;
        while j > 64 {
            j -= 64;
            let (a, b) = (ld16(s.add(j)), ld16(s.add(j + 16)));
            let (c, e) = (ld16(s.add(j + 32)), ld16(s.add(j + 48)));
            st16(d.add(j), a);
            st16(d.add(j + 16), b);
            st16(d.add(j + 32), c);
            st16(d.add(j + 48), e);
        }
        for (k, v) in head.into_iter().enumerate() {
            st16(d.add(16 * k), v);
        }
    }
}

/// `memcpy`: `n` bytes from `s` to `d`, the ranges not overlapping.
///
/// # Safety
/// `s` readable and `d` writable for `n` bytes; the ranges do not overlap.
#[inline(always)]
pub unsafe fn copy(d: *mut u8, s: *const u8, n: usize) {
    // SAFETY: the caller's contract; the direction flag is clear by the ABI.
    unsafe {
        if n <= 64 {
            copy_le64(d, s, n);
        } else if n < REP_FROM {
            copy_forward(d, s, n);
        } else {
            asm!("rep movsb", inout("rcx") n => _, inout("rdi") d => _, inout("rsi") s => _,
                 options(nostack, preserves_flags));
        }
    }
}

/// `memmove`: `n` bytes from `s` to `d`, the ranges may overlap.
///
/// # Safety
/// `s` readable and `d` writable for `n` bytes.
#[inline(always)]
pub unsafe fn move_(d: *mut u8, s: *const u8, n: usize) {
    // SAFETY: the caller's contract.
    unsafe {
        if n <= 64 {
            copy_le64(d, s, n);
        } else if (d as usize).wrapping_sub(s as usize) >= n {
            // d < s (the difference wraps) or d >= s + n: front to back is safe.
            copy_forward(d, s, n);
        } else if !core::ptr::eq(d.cast_const(), s) {
            copy_backward(d, s, n);
        }
    }
}

/// `memset`: `n` bytes at `d` set to `c`.
///
/// # Safety
/// `d` writable for `n` bytes.
#[inline(always)]
pub unsafe fn set(d: *mut u8, c: u8, n: usize) {
    // SAFETY (whole body): every store lies inside the caller's `n` bytes; the direction
    // flag is clear by the ABI.
    unsafe {
        if n <= 16 {
            let w = u64::from(c) * 0x0101_0101_0101_0101;
            if n >= 8 {
                st(d, w);
                st(d.add(n - 8), w);
            } else if n >= 4 {
                st(d, w as u32);
                st(d.add(n - 4), w as u32);
            } else if n >= 2 {
                st(d, w as u16);
                st(d.add(n - 2), w as u16);
            } else if n == 1 {
                *d = c;
            }
            return;
        }
        let v = _mm_set1_epi8(c as i8);
        if n <= 32 {
            st16(d, v);
            st16(d.add(n - 16), v);
        } else if n <= 64 {
            st16(d, v);
            st16(d.add(16), v);
            st16(d.add(n - 32), v);
            st16(d.add(n - 16), v);
        } else if n < REP_FROM {
            let mut i = 0;
            while n - i > 64 {
                st16(d.add(i), v);
                st16(d.add(i + 16), v);
                st16(d.add(i + 32), v);
                st16(d.add(i + 48), v);
                i += 64;
            }
            let t = n - 64;
            st16(d.add(t), v);
            st16(d.add(t + 16), v);
            st16(d.add(t + 32), v);
            st16(d.add(t + 48), v);
        } else {
            asm!("rep stosb", inout("rcx") n => _, inout("rdi") d => _, in("al") c,
                 options(nostack, preserves_flags));
        }
    }
}

/// The sign of the first differing byte of two 16-byte blocks, or `None` when equal.
#[inline(always)]
unsafe fn diff16(a: *const u8, b: *const u8) -> Option<i32> {
    // SAFETY: the caller's 16 readable bytes at each.
    unsafe {
        let eq = _mm_movemask_epi8(_mm_cmpeq_epi8(ld16(a), ld16(b))) as u32;
        if eq == 0xFFFF {
            return None;
        }
        let k = (!eq).trailing_zeros() as usize;
        Some(i32::from(*a.add(k)) - i32::from(*b.add(k)))
    }
}

/// `memcmp`: the difference of the first differing bytes (as unsigned), or 0 when the `n`
/// bytes are equal.
///
/// # Safety
/// `a` and `b` readable for `n` bytes.
#[inline(always)]
pub unsafe fn compare(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY (whole body): every load lies inside the caller's `n` bytes.
    unsafe {
        if n >= 16 {
            let mut i = 0;
            while n - i >= 16 {
                if let Some(r) = diff16(a.add(i), b.add(i)) {
                    return r;
                }
                i += 16;
            }
            // The last block overlaps bytes already found equal, so its first difference
            // is the first one of the whole range.
            if i < n
                && let Some(r) = diff16(a.add(n - 16), b.add(n - 16))
            {
                return r;
            }
            return 0;
        }
        // Big-endian words compare in byte order.
        if n >= 8 {
            for off in [0, n - 8] {
                let (x, y) = (ld::<u64>(a.add(off)).to_be(), ld::<u64>(b.add(off)).to_be());
                if x != y {
                    return if x < y { -1 } else { 1 };
                }
            }
            return 0;
        }
        if n >= 4 {
            for off in [0, n - 4] {
                let (x, y) = (ld::<u32>(a.add(off)).to_be(), ld::<u32>(b.add(off)).to_be());
                if x != y {
                    return if x < y { -1 } else { 1 };
                }
            }
            return 0;
        }
        for k in 0..n {
            let (x, y) = (*a.add(k), *b.add(k));
            if x != y {
                return i32::from(x) - i32::from(y);
            }
        }
        0
    }
}
