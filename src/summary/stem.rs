//! A light Arabic stemmer for keyword weights: strips the common proclitics and suffixes of
//! an already folded word (see [`crate::fold`]), never the root. It conflates the forms a
//! reader sees as one keyword (المدرسة، ومدرسته، المدارس stays apart) without a dictionary.

pub(crate) use crate::chars::is_alphabetic as is_letter;

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
    fn keeps_short_roots() {
        assert_eq!(st("قال"), "قال");
        assert_eq!(st("ولد"), "ولد");
        assert_eq!(st("الأب"), "الاب");
    }
}
