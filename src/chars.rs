//! The character classes of the crate, in one table.
//!
//! Every stage asks the same questions of a character (is it a letter of a word, a digit,
//! white space, a mark that ends a sentence, a closing quotation mark?); they are answered
//! here and nowhere else. Where a class coincides with one of the standard library's
//! (`char::is_alphabetic`, `is_alphanumeric`, `is_whitespace`), it is that class with fast
//! paths for ASCII and the Arabic block U+0600–U+06FF, which make up nearly all of the text
//! khabar reads; the tests below check every code point against the standard library.

/// Arabic diacritics (harakat, tanween, shadda, sukun, superscript alef, Quranic marks) and
/// tatweel.
#[inline]
pub(crate) fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

/// Invisible format characters: bidi controls, ZWJ/ZWNJ/ZWSP, word joiner, BOM, the Arabic
/// letter mark.
#[inline]
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
}

/// White space as `char::is_whitespace` has it, without the Unicode table walk for ASCII and
/// the Arabic block.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    match c as u32 {
        0x09..=0x0D | 0x20 => true,
        0..0x80 | 0x0600..=0x06FF => false,
        _ => c.is_whitespace(),
    }
}

/// White space or an invisible format character: what [`crate::Span::trim`] removes.
#[inline]
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// A decimal digit of the ASCII, Arabic-Indic or Persian set.
#[inline]
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('٠'..='٩').contains(&c) || ('۰'..='۹').contains(&c)
}

/// `char::is_alphabetic`, with fast paths for ASCII and the Arabic block (a bit table).
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphabetic();
    }
    if (0x0600..=0x06FF).contains(&u) {
        let k = (u - 0x0600) as usize;
        return ARABIC_ALPHABETIC[k / 64] >> (k % 64) & 1 == 1;
    }
    c.is_alphabetic()
}

/// One bit per character of the Arabic block: `char::is_alphabetic` (checked for every bit by
/// the test `alphabetic_is_std`).
const ARABIC_ALPHABETIC: [u64; 4] = [
    0xffff_ffff_07ff_0000,
    0xffff_c000_feff_ffff,
    0xffff_ffff_ffff_ffff,
    0x9c00_e1fe_1fef_ffff,
];

/// A letter of a word with its harakat and tatweel: [`is_alphabetic`] or [`is_diacritic`]
/// (the splitter's notion of a word character).
#[inline]
pub(crate) fn is_letter_or_mark(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        // Arabic letters, tatweel and harakat: the common case, without a table look-up.
        '\u{0621}'..='\u{065F}' | '\u{0670}' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphabetic() || is_diacritic(c),
    }
}

/// A character of a word of the folded text: a letter, a digit or `_` (`char::is_alphanumeric`
/// or `_`, with fast paths for ASCII and the Arabic block).
#[inline]
pub fn is_word_char(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    if (0x0600..=0x06FF).contains(&u) {
        return is_word_char_block(u);
    }
    c.is_alphanumeric()
}

/// [`is_word_char`] of a code point of the Arabic block: Arabic letters and digits, plus the
/// combining marks that Unicode counts as alphabetic (folding drops them before tokenizing,
/// so they rarely reach here).
#[inline]
pub(crate) fn is_word_char_block(u: u32) -> bool {
    matches!(u, 0x0610..=0x061A | 0x0620..=0x0657 | 0x0659..=0x0669 | 0x066E..=0x06D3
        | 0x06D5..=0x06DC | 0x06E1..=0x06E8 | 0x06ED..=0x06FC | 0x06FF)
}

/// A letter of the Arabic script: the letters of the Arabic block (with tatweel and the
/// superscript alef, without digits, punctuation and the other harakat).
#[inline]
pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}' | '\u{06FA}'..='\u{06FF}')
}

/// A mark that ends a sentence before white space or the end: `. ! ? ؟ … ۔`.
#[inline]
pub(crate) fn is_terminal_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

/// A closing quotation mark or bracket that may follow a terminal mark and still belong to
/// its sentence.
#[inline]
pub(crate) fn is_closing_mark(c: char) -> bool {
    matches!(
        c,
        '»' | '”' | '’' | '›' | ')' | ']' | '}' | '"' | '\'' | '“'
    )
}

/// The closing marks the summary skips when it asks whether a unit is finished
/// (`summary::units::is_terminated`): [`is_closing_mark`] without `}` and the ambiguous `“`.
/// Kept apart from it because the summaries depend on the difference (20 of the 31,030
/// SaudiNewsNet articles change their summary scores with the splitter's set).
#[inline]
pub(crate) fn is_unit_closing_mark(c: char) -> bool {
    is_closing_mark(c) && !matches!(c, '}' | '“')
}

/// Quotation marks whose direction is ambiguous: they close only when followed by white
/// space, the end, or punctuation (or, for `"`, when a quote is open).
#[inline]
pub(crate) fn is_ambiguous_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“')
}

/// Punctuation inside a sentence: `، , ؛ ; :`.
#[inline]
pub(crate) fn is_clause_punct(c: char) -> bool {
    matches!(c, '،' | ',' | '؛' | ';' | ':')
}

/// True when `s` ends with a terminal mark ([`is_terminal_mark`]), after trailing blanks and
/// closing marks ([`is_blank`], [`is_closing_mark`]).
pub(crate) fn ends_with_terminal(s: &str) -> bool {
    s.trim_end_matches(|c: char| is_blank(c) || is_closing_mark(c))
        .ends_with(is_terminal_mark)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Unicode scalar value.
    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    #[test]
    fn alphabetic_is_std() {
        for c in all_chars() {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn word_char_is_std_alphanumeric() {
        for c in all_chars() {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || c == '_',
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn space_is_std_whitespace() {
        for c in all_chars() {
            assert_eq!(is_space(c), c.is_whitespace(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn letter_or_mark_is_alphabetic_or_diacritic() {
        for c in all_chars() {
            assert_eq!(
                is_letter_or_mark(c),
                c.is_alphabetic() || is_diacritic(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn classes_nest_in_std_classes() {
        for c in all_chars() {
            let u = c as u32;
            if is_digit(c) {
                assert!(c.is_numeric(), "U+{u:04X}");
            }
            if is_arabic_letter(c) {
                assert!(
                    (0x0600..=0x06FF).contains(&u) && !c.is_numeric(),
                    "U+{u:04X}"
                );
            }
            if is_invisible(c) || is_diacritic(c) || is_terminal_mark(c) || is_closing_mark(c) {
                assert!(!c.is_whitespace(), "U+{u:04X}");
            }
            if is_terminal_mark(c) || is_closing_mark(c) || is_clause_punct(c) {
                assert!(
                    c.is_ascii_punctuation() || !c.is_alphanumeric(),
                    "U+{u:04X}"
                );
            }
            if is_unit_closing_mark(c) {
                assert!(is_closing_mark(c), "U+{u:04X}");
            }
            if is_ambiguous_quote(c) {
                assert!(is_closing_mark(c), "U+{u:04X}");
            }
            assert_eq!(is_blank(c), c.is_whitespace() || is_invisible(c));
        }
    }

    #[test]
    fn terminal_after_closers_and_blanks() {
        assert!(ends_with_terminal("قال الوزير."));
        assert!(ends_with_terminal("قال: «انتهى الأمر؟» \u{200f}"));
        assert!(ends_with_terminal("(انظر الملحق.)"));
        assert!(!ends_with_terminal("قال الوزير،"));
        assert!(!ends_with_terminal("وأضاف:"));
        assert!(!ends_with_terminal(""));
    }
}
