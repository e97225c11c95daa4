//! `memcpy`, `memmove`, `memset`, `memcmp` and `bcmp` for khabar's static musl binary.
//!
//! musl's x86_64 `memcpy` copies with `rep movsq` and a `movsb` loop for the last bytes, and
//! its `memcmp` compares one byte at a time. Both are slow on the many short copies and
//! comparisons of the analysis and of JSON writing (words, spans, output fields): on the
//! SaudiNewsNet batch they took 13% of the musl binary's time, against 5% for glibc's
//! vectorised functions. These are plain SSE2 versions (the x86_64 baseline): overlapping
//! unaligned loads and stores for short lengths, 64-byte blocks for longer ones, `rep movsb` /
//! `rep stosb` from 2 KiB (the threshold glibc uses).
//!
//! The functions are exported under the C names only when building for
//! `x86_64-unknown-linux-musl`, where the static link then takes them instead of the members
//! of musl's `libc.a`; on every other target the crate exports nothing and its functions are
//! only tested. `#![no_builtins]` keeps the compiler from turning their loops back into calls
//! of the functions they define.
#![no_std]
#![no_builtins]

#[cfg(target_arch = "x86_64")]
pub mod x86_64;

#[cfg(all(target_arch = "x86_64", target_env = "musl"))]
mod exports {
    use super::x86_64 as imp;

    /// # Safety
    /// The C contract of `memcpy`.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn memcpy(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
        // SAFETY: the caller's contract.
        unsafe { imp::copy(dest, src, n) };
        dest
    }

    /// # Safety
    /// The C contract of `memmove`.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn memmove(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
        // SAFETY: the caller's contract.
        unsafe { imp::move_(dest, src, n) };
        dest
    }

    /// # Safety
    /// The C contract of `memset`.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn memset(dest: *mut u8, c: i32, n: usize) -> *mut u8 {
        // SAFETY: the caller's contract.
        unsafe { imp::set(dest, c as u8, n) };
        dest
    }

    /// # Safety
    /// The C contract of `memcmp`.
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
        // SAFETY: the caller's contract.
        unsafe { imp::compare(a, b, n) }
    }

    /// # Safety
    /// The C contract of `bcmp` (zero when equal, non-zero otherwise).
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
        // SAFETY: the caller's contract.
        unsafe { imp::compare(a, b, n) }
    }
}
