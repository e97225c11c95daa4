//! What is not summary text, by the format of a line or sentence (rules that hold for any
//! outlet; each has a case in `corpus/summary/`).
//!
//! - A list item (`3- …`, `* …`, `• …`, `- اسم :`) is one point of an enumeration or a
//!   sub-heading, not a sentence that tells the story on its own.
//! - A lead-in that ends with a colon (`ومن أبرز التوصيات:`) announces what follows and says
//!   nothing by itself.
//! - A sentence that opens inside a quotation begun in the sentence before
//!   (`… ونحن قلقون من تصاعد العنف".`) is the tail of someone else's sentence.

/// Bullets that open a list item.
const BULLETS: [char; 9] = ['*', '•', '·', '▪', '●', '◦', '■', '►', '○'];

/// Dashes that open a list item or a `- name :` heading.
const DASHES: [char; 3] = ['-', '–', '—'];

/// True when `s` (a unit's text) opens like a list item: a bullet, a dash, or a number
/// followed by `-`, `)`, `.` or `–` and a space (`3- وجود حشرات`، `2) …`، `1. …`), as
/// enumerations are written. A number that starts a sentence (`15 قتيلا …`, `3.5 مليون …`)
/// or a date (`2015/7/1`) is not a list mark.
pub fn is_list_item(s: &str) -> bool {
    let s = s.trim_start();
    let Some(c) = s.chars().next() else {
        return false;
    };
    if BULLETS.contains(&c) || DASHES.contains(&c) {
        return true;
    }
    let digits = s
        .char_indices()
        .find(|&(_, c)| !c.is_numeric())
        .map_or(s.len(), |(i, _)| i);
    if digits == 0 || digits > 3 {
        return false;
    }
    let rest = s[digits..].trim_start_matches(' ');
    let mut it = rest.chars();
    match (it.next(), it.next()) {
        (Some('-' | '–' | ')'), Some(n)) => !n.is_numeric(),
        (Some('.'), Some(n)) => n.is_whitespace(),
        _ => false,
    }
}

/// True when `s` ends with a colon (closing marks and blanks aside): a lead-in to a list or
/// a quotation that follows on the next line.
pub fn is_lead_in(s: &str) -> bool {
    s.trim_end_matches(|c: char| c.is_whitespace() || crate::chars::is_unit_closing_mark(c))
        .ends_with([':', '：'])
}

/// True when the quotation marks of `s` (a line) do not pair up: an odd number of straight
/// `"`, or not as many `«` as `»`. Such a line opens a quotation that goes on in the next
/// line (`وقال الوزير: " نحن مستعدون` then `للتفاوض في أي وقت".`) or closes one begun in the
/// line before: a sentence that a line break cut, never a heading or a label, which are
/// whole in their line.
pub fn has_unpaired_quote(s: &str) -> bool {
    let count = |m: char| s.chars().filter(|&c| c == m).count();
    count('"') % 2 == 1 || count('«') != count('»')
}

/// True when the first quotation mark of `s` closes a quotation: `»` or `”` before any
/// opening mark, or a straight `"` glued to the end of a word and followed by a blank,
/// punctuation or the end (`… ميتاً".`), where an opening one stands before a word.
pub fn opens_inside_quote(s: &str) -> bool {
    // The first quotation mark: `"`, or a mark whose UTF-8 starts with 0xC2 (`«` `»`) or
    // 0xE2 (`“` `”`); most units have none, and Arabic letters never hold these bytes.
    let b = s.as_bytes();
    for i in memchr::memchr3_iter(b'"', 0xC2, 0xE2, b) {
        let Some(c) = s[i..].chars().next() else {
            continue;
        };
        let prev = || s[..i].chars().next_back();
        match c {
            '«' | '“' => return false,
            '»' | '”' => return true,
            '"' => {
                let after_word = prev().is_some_and(|p| p.is_alphanumeric() || is_sentence_mark(p));
                let ends = s[i + 1..]
                    .chars()
                    .next()
                    .is_none_or(|n| n.is_whitespace() || is_sentence_mark(n));
                return after_word && ends;
            }
            _ => {}
        }
    }
    false
}

fn is_sentence_mark(c: char) -> bool {
    matches!(c, '.' | '،' | ',' | '؟' | '?' | '!' | '؛' | ';' | ':' | '…')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items() {
        for s in [
            "3- وجود حشرات في المطبخ",
            "* صعود المدارس الخاصة",
            "• نعمل على زيادة عدد المدارس",
            "- المدير العام :",
            "2) رفع الرسوم",
            "١- تحسين الطرق",
            "  1. الحد من الهدر",
            "– الفريق الأول",
        ] {
            assert!(is_list_item(s), "{s}");
        }
        for s in [
            "15 قتيلا في انفجار سيارة مفخخة",
            "3.5 مليون زائر خلال الموسم",
            "2015/7/1 موعد التطبيق",
            "قال الوزير إن 3- 4 مشاريع تأخرت",
            "",
            "1-2 هزيمة قاسية للفريق",
        ] {
            assert!(!is_list_item(s), "{s}");
        }
    }

    #[test]
    fn lead_ins() {
        assert!(is_lead_in("ومن أبرز التوصيات:"));
        assert!(is_lead_in("وقال الوزير في كلمته: \n"));
        assert!(!is_lead_in("قال الوزير: نحن مستعدون."));
    }

    #[test]
    fn unpaired_quotes() {
        assert!(has_unpaired_quote(
            "وقال الوزير خلال المؤتمر :\" نحن مستعدون للتفاوض"
        ));
        assert!(has_unpaired_quote(
            "وأكد المتحدث «أن الحوار هو الطريق الوحيد"
        ));
        assert!(has_unpaired_quote("للتفاوض في أي وقت\"."));
        assert!(!has_unpaired_quote("وزير الخارجية: \"لن نتراجع\""));
        assert!(!has_unpaired_quote("الرئيس يفتتح «معرض الكتاب» في العاصمة"));
        assert!(!has_unpaired_quote("افتتاح المعرض الدولي للكتاب"));
    }

    #[test]
    fn quote_tails() {
        assert!(opens_inside_quote(
            "ونحن قلقون من تصاعد العنف في المنطقة\"."
        ));
        assert!(opens_inside_quote("وهذا ما نعمل عليه» بحسب قوله."));
        assert!(opens_inside_quote("لن نتراجع عن ذلك”."));
        assert!(!opens_inside_quote("وقال الوزير: \"لن نتراجع عن ذلك\"."));
        assert!(!opens_inside_quote("وقال إن الخطة «جاهزة للتنفيذ»."));
        assert!(!opens_inside_quote("وأكد الوزير أن الخطة جاهزة."));
        assert!(!opens_inside_quote("حركة \"حماس\" أعلنت موافقتها."));
        // Other characters whose UTF-8 starts like a quotation mark's (0xC2, 0xE2) are
        // stepped over: `…` `–` `°` before the mark.
        assert!(opens_inside_quote("تراجع 5° – وهذا كل شيء… كما قال\"."));
        assert!(!opens_inside_quote("تراجع 5° – وقال: «لا»."));
        assert!(!opens_inside_quote("نص بلا علامات… – °"));
        assert!(opens_inside_quote("\u{a0}انتهى الأمر”"));
    }

    /// The character-by-character reading of the rule, to check the byte search against.
    fn opens_inside_quote_by_chars(s: &str) -> bool {
        let mut prev: Option<char> = None;
        let mut it = s.chars().peekable();
        while let Some(c) = it.next() {
            match c {
                '«' | '“' => return false,
                '»' | '”' => return true,
                '"' => {
                    let after_word =
                        prev.is_some_and(|p| p.is_alphanumeric() || is_sentence_mark(p));
                    let ends = it
                        .peek()
                        .is_none_or(|&n| n.is_whitespace() || is_sentence_mark(n));
                    return after_word && ends;
                }
                _ => prev = Some(c),
            }
        }
        false
    }

    #[test]
    fn quote_tails_by_bytes_agree_with_the_rule() {
        let alphabet = [
            "ق", "ا", " ", ".", "،", "\"", "«", "»", "“", "”", "…", "–", "°", "x", "5", "\n",
        ];
        // Every string of up to 4 symbols of the alphabet.
        let mut n = 0;
        let mut stack = vec![String::new()];
        while let Some(s) = stack.pop() {
            assert_eq!(
                opens_inside_quote(&s),
                opens_inside_quote_by_chars(&s),
                "{s:?}"
            );
            n += 1;
            if s.chars().count() < 4 {
                stack.extend(alphabet.iter().map(|a| format!("{s}{a}")));
            }
        }
        assert_eq!(n, 1 + 16 + 256 + 4096 + 65536);
    }
}
