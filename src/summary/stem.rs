//! A light Arabic stemmer for keyword weights: strips the common proclitics and suffixes of
//! an already folded word (see [`crate::fold`]), never the root. It conflates the forms a
//! reader sees as one keyword (المدرسة، ومدرسته، المدارس stays apart) without a dictionary.

/// Proclitic sequences, longest first: conjunction + preposition + article.
const PREFIXES: [&str; 9] = ["وال", "بال", "كال", "فال", "لل", "ال", "وب", "ول", "و"];

/// Suffixes (folded: ة is already ه), longest first; stripped one after another.
const SUFFIXES: [&str; 10] = ["هما", "كما", "ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

/// Light-stem a folded word. Keeps at least three letters so short roots survive; returns a
/// subslice of `w`.
pub fn stem(w: &str) -> &str {
    let mut s = w;
    for p in PREFIXES {
        if let Some(r) = s.strip_prefix(p) {
            if crate::tokens::has_chars(r, 3) {
                s = r;
                break;
            }
        }
    }
    for suf in SUFFIXES {
        if let Some(r) = s.strip_suffix(suf) {
            if crate::tokens::has_chars(r, 3) {
                s = r;
            }
        }
    }
    s
}

/// True when a folded word carries no letter (digits, punctuation only).
pub fn is_numeric(w: &str) -> bool {
    !w.chars().any(is_letter)
}

/// `char::is_alphabetic`, with fast paths for ASCII and the Arabic block (U+0600–U+06FF),
/// which make up nearly all of the text the summarizer reads: the general lookup is a binary
/// search over Unicode tables, and the summarizer asks it for every character of a document.
#[inline]
pub fn is_letter(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphabetic();
    }
    if (0x0600..=0x06FF).contains(&u) {
        let k = (u - 0x0600) as usize;
        return ARABIC_LETTERS[k / 64] >> (k % 64) & 1 == 1;
    }
    c.is_alphabetic()
}

/// One bit per character of the Arabic block: `char::is_alphabetic` (the test
/// `letter_fast_path_agrees_with_unicode` checks every bit against it).
const ARABIC_LETTERS: [u64; 4] = [
    0xffff_ffff_07ff_0000,
    0xffff_c000_feff_ffff,
    0xffff_ffff_ffff_ffff,
    0x9c00_e1fe_1fef_ffff,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold_str;

    fn st(w: &str) -> String {
        stem(&fold_str(w)).to_string()
    }

    #[test]
    fn strips_clitics_and_suffixes() {
        assert_eq!(st("المدرسة"), "مدرس");
        assert_eq!(st("والمدرسة"), "مدرس");
        assert_eq!(st("مدرستها"), "مدرست");
        assert_eq!(st("للمعلمين"), "معلم");
        assert_eq!(st("المعلمون"), "معلم");
        assert_eq!(st("الحكومات"), "حكوم");
    }

    #[test]
    fn letter_fast_path_agrees_with_unicode() {
        for u in 0..0x0800u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_letter(c), c.is_alphabetic(), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn keeps_short_roots() {
        assert_eq!(st("قال"), "قال");
        assert_eq!(st("ولد"), "ولد");
        assert_eq!(st("الأب"), "الاب");
    }
}
