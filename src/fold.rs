//! Arabic folding for matching, with a map back to original byte offsets.
//!
//! Folding produces a *matching copy* of the text: diacritics and tatweel removed,
//! hamza-carrying alefs (أ إ آ ٱ) to bare alef, alef maqsura ى to ي, optionally ta marbuta
//! ة to ه, Persian ی/ک to ي/ك, Arabic-Indic and Persian digits to ASCII, bidi controls and
//! ZWJ/ZWNJ dropped. The copy is never shown to the user: every folded range maps back to a
//! span of the original text with [`Folded::to_original`].

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

/// True for Arabic diacritics (harakat, tanween, shadda, sukun, superscript alef, Quranic
/// marks) and tatweel.
#[inline]
pub fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// True for invisible format characters: bidi controls, ZWJ/ZWNJ/ZWSP, word joiner, BOM.
#[inline]
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
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
    // Most letters of Arabic text fold to themselves: no table walk for them.
    if ('\u{0621}'..='\u{064A}').contains(&c)
        && !matches!(c, 'آ' | 'أ' | 'إ' | 'ة' | 'ى' | '\u{0640}')
    {
        return FoldChar::Char(c);
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

/// Fold a string for matching (no offset map). Use it on lexicon entries.
pub fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if let FoldChar::Char(f) = fold_char(c, FoldOptions::default()) {
            out.push(f);
        }
    }
    out
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
