//! Arabic folding for matching, with a map back to original byte offsets.
//!
//! Folding produces a *matching copy* of the text: diacritics and tatweel removed,
//! hamza-carrying alefs (أ إ آ ٱ) to bare alef, alef maqsura ى to ي, optionally ta marbuta
//! ة to ه, Persian ی/ک to ي/ك, Arabic-Indic and Persian digits to ASCII, bidi controls and
//! ZWJ/ZWNJ dropped. The copy is never shown to the user: every folded range maps back to a
//! span of the original text with [`Folded::to_original`].

use crate::chars::is_invisible;
use crate::span::Span;

/// Options for [`fold_with`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FoldOptions {
    /// Fold ta marbuta ة to ه (default: true, as the evaluation's scorer does).
    pub ta_marbuta: bool,
    /// Lower-case ASCII letters (default: true).
    pub ascii_lowercase: bool,
}

impl Default for FoldOptions {
    fn default() -> Self {
        FoldOptions {
            ta_marbuta: true,
            ascii_lowercase: true,
        }
    }
}

/// What folding does with one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldChar {
    /// Dropped from the matching copy (diacritic, tatweel, bidi control, ZWJ …).
    Drop,
    /// Replaced by this character.
    Char(char),
}

/// How the Arabic block U+0600..=U+06FF folds: for each code point, the folded code point,
/// or 0 when folding drops it (diacritics, tatweel, the Arabic letter mark). Computed at
/// compile time; `ta_marbuta` picks whether ة folds to ه.
const fn block_table(ta_marbuta: bool) -> [u16; 256] {
    let mut t = [0u16; 256];
    let mut k = 0;
    while k < 256 {
        let u = 0x0600 + k as u32;
        t[k] = match u {
            0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0640 | 0x061C => 0,
            0x0622 | 0x0623 | 0x0625 | 0x0671 | 0x0672 | 0x0673 => 0x0627,
            0x0649 | 0x06CC | 0x06D0 => 0x064A,
            0x0629 if ta_marbuta => 0x0647,
            0x06A9 => 0x0643,
            0x0660..=0x0669 => (u - 0x0660 + 0x30) as u16,
            0x06F0..=0x06F9 => (u - 0x06F0 + 0x30) as u16,
            _ => u as u16,
        };
        k += 1;
    }
    t
}

/// [`block_table`] with ة folded (the default) and kept.
static BLOCK: [[u16; 256]; 2] = [block_table(false), block_table(true)];

/// The code point of the Arabic-block character (U+0600..=U+06FF, two bytes led by D8..DB)
/// that starts at byte `i` of the valid UTF-8 `b`, if one does: the hot loops read the block
/// without the general decoder.
#[inline]
pub(crate) fn block_char_at(b: &[u8], i: usize) -> Option<u32> {
    let x = *b.get(i)?;
    let y = *b.get(i + 1).filter(|_| (0xD8..=0xDB).contains(&x))?;
    Some((u32::from(x & 0x1F) << 6) | u32::from(y & 0x3F))
}

/// How the default folding treats U+0600 + `k` (`k < 256`): the folded code point, or 0
/// when it is dropped.
#[inline]
pub(crate) fn fold_block_default(k: usize) -> u16 {
    BLOCK[1][k]
}

/// The folding table of the Arabic block for `opts`.
#[inline]
fn block(opts: FoldOptions) -> &'static [u16; 256] {
    &BLOCK[usize::from(opts.ta_marbuta)]
}

/// Fold one character.
#[inline]
pub fn fold_char(c: char, opts: FoldOptions) -> FoldChar {
    if c.is_ascii() {
        return FoldChar::Char(if opts.ascii_lowercase {
            c.to_ascii_lowercase()
        } else {
            c
        });
    }
    let u = c as u32;
    if (0x0600..=0x06FF).contains(&u) {
        return match block(opts)[(u - 0x0600) as usize] {
            0 => FoldChar::Drop,
            f => FoldChar::Char(char::from_u32(u32::from(f)).unwrap_or(c)),
        };
    }
    if is_invisible(c) {
        return FoldChar::Drop;
    }
    // Outside the Arabic block only invisible characters fold (Arabic Presentation Forms
    // are not folded).
    FoldChar::Char(c)
}

/// Fold a string for matching (no offset map). Use it on lexicon entries.
pub fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Append the folded form of `s` to `out` (what [`fold_str`] returns). Unchanged runs are
/// copied whole, so folding costs little more than a copy on ordinary Arabic text.
pub fn fold_into(s: &str, out: &mut String) {
    let opts = FoldOptions::default();
    let table = block(opts);
    let b = s.as_bytes();
    // Start of the pending run of characters that fold to themselves.
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if x.is_ascii_uppercase() {
                out.push_str(&s[run..i]);
                out.push(char::from(x.to_ascii_lowercase()));
                run = i + 1;
            }
            i += 1;
            continue;
        }
        if let Some(u) = block_char_at(b, i) {
            let f = table[(u - 0x0600) as usize];
            if u32::from(f) != u {
                out.push_str(&s[run..i]);
                if let Some(c) = char::from_u32(u32::from(f)).filter(|_| f != 0) {
                    out.push(c);
                }
                run = i + 2;
            }
            i += 2;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let n = c.len_utf8();
        match fold_char(c, opts) {
            FoldChar::Char(f) if f == c => {}
            FoldChar::Char(f) => {
                out.push_str(&s[run..i]);
                out.push(f);
                run = i + n;
            }
            FoldChar::Drop => {
                out.push_str(&s[run..i]);
                run = i + n;
            }
        }
        i += n;
    }
    out.push_str(&s[run..]);
}

/// A folded matching copy of a text with a map back to the original's byte offsets.
#[derive(Clone, Debug, Default)]
pub struct Folded {
    text: String,
    /// `map[i]` is the original byte offset of the character that produced folded byte `i`;
    /// `map[text.len()]` is the original length.
    map: Vec<u32>,
}

impl Folded {
    /// The folded text.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original byte offset of folded byte offset `i` (`0..=len`). Always a char
    /// boundary of the original text, and monotonic in `i`.
    #[inline]
    pub fn original_offset(&self, i: usize) -> usize {
        self.map[i] as usize
    }

    /// Map a folded byte range back to a span of the original text. Dropped characters
    /// (diacritics, tatweel) that follow the last kept character are included, so a word's
    /// span keeps its harakat.
    #[inline]
    pub fn to_original(&self, start: usize, end: usize) -> Span {
        Span::new(self.map[start] as usize, self.map[end] as usize)
    }
}

/// Fold `text` with the default options.
pub fn fold(text: &str) -> Folded {
    fold_with(text, FoldOptions::default())
}

/// Fold `text` with `opts`. Texts over 4 GiB are folded as far as offsets fit in `u32`
/// would allow: callers split such inputs first (the CLI reads records, not whole archives).
pub fn fold_with(text: &str, opts: FoldOptions) -> Folded {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut buf = [0u8; 4];
    for (i, c) in text.char_indices() {
        if let FoldChar::Char(f) = fold_char(c, opts) {
            let s = f.encode_utf8(&mut buf);
            out.push_str(s);
            for _ in 0..s.len() {
                map.push(i as u32);
            }
        }
    }
    map.push(text.len() as u32);
    Folded { text: out, map }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chars::is_diacritic;

    #[test]
    fn folds_arabic_forms() {
        let f = fold("أَكَّدَ إنّ الـمدرسة ٣٫٥ ی");
        assert_eq!(f.as_str(), "اكد ان المدرسه 3٫5 ي");
    }

    #[test]
    fn map_back_to_original() {
        let text = "قالَ \u{200f}الوزيرُ";
        let f = fold(text);
        let at = f.as_str().find("الوزير").unwrap();
        let sp = f.to_original(at, at + "الوزير".len());
        assert_eq!(sp.as_str(text), "الوزيرُ");
    }

    /// The folding rules written out per character, as they stood before the table.
    fn reference_fold_char(c: char, opts: FoldOptions) -> FoldChar {
        if c.is_ascii() {
            return FoldChar::Char(if opts.ascii_lowercase {
                c.to_ascii_lowercase()
            } else {
                c
            });
        }
        if is_diacritic(c) || is_invisible(c) {
            return FoldChar::Drop;
        }
        FoldChar::Char(match c {
            'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' => 'ا',
            'ى' => 'ي',
            'ة' if opts.ta_marbuta => 'ه',
            'ی' | 'ې' => 'ي',
            'ک' => 'ك',
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            _ => c,
        })
    }

    #[test]
    fn table_agrees_with_the_rules() {
        for ta_marbuta in [false, true] {
            for ascii_lowercase in [false, true] {
                let opts = FoldOptions {
                    ta_marbuta,
                    ascii_lowercase,
                };
                for c in (0..0x3_0000u32).filter_map(char::from_u32) {
                    assert_eq!(fold_char(c, opts), reference_fold_char(c, opts), "{c:?}");
                }
            }
        }
    }

    #[test]
    fn fold_str_agrees_with_fold_char() {
        let s = "Aأَكَّدَ\u{200f} إنّ الـمدرسة ٣٫٥ ی Ωé\u{FEFF}x ۴ ک\u{0672}";
        let want: String = s
            .chars()
            .filter_map(|c| match fold_char(c, FoldOptions::default()) {
                FoldChar::Char(f) => Some(f),
                FoldChar::Drop => None,
            })
            .collect();
        assert_eq!(fold_str(s), want);
        assert_eq!(fold(s).as_str(), want);
    }

    #[test]
    fn ta_marbuta_optional() {
        let f = fold_with(
            "مدرسة",
            FoldOptions {
                ta_marbuta: false,
                ..Default::default()
            },
        );
        assert_eq!(f.as_str(), "مدرسة");
    }
}
