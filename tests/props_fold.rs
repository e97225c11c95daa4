//! Property tests of Arabic folding: the offset map. Case count: `PROPTEST_CASES`.

use khabar::internals::{FoldOptions, fold, fold_with};
use proptest::prelude::*;

fn arabic_text() -> impl Strategy<Value = String> {
    let chars = prop::sample::select(vec![
        'ا', 'أ', 'إ', 'آ', 'ٱ', 'ى', 'ي', 'ة', 'ی', 'ک', 'ـ', '\u{064E}', '\u{0651}', '\u{0670}',
        '\u{200F}', '\u{200D}', '\u{200C}', '\u{061C}', '\u{FEFF}', '٣', '۴', '7', ' ', '\n', 'A',
        'é', '😀', '.',
    ]);
    prop::collection::vec(prop_oneof![5 => chars, 1 => any::<char>()], 0..200)
        .prop_map(|v| v.into_iter().collect())
}

fn check_map(text: &str, ta_marbuta: bool) -> Result<(), TestCaseError> {
    let f = fold_with(
        text,
        FoldOptions {
            ta_marbuta,
            ..Default::default()
        },
    );
    let n = f.as_str().len();
    let mut prev = 0;
    for i in 0..=n {
        let o = f.original_offset(i);
        prop_assert!(o <= text.len());
        prop_assert!(text.is_char_boundary(o), "offset {o} not a char boundary");
        prop_assert!(o >= prev, "map not monotonic at {i}");
        prev = o;
    }
    prop_assert_eq!(f.original_offset(n), text.len());
    // Every char boundary of the folded copy maps to a span of the original.
    for (i, c) in f.as_str().char_indices() {
        let sp = f.to_original(i, i + c.len_utf8());
        prop_assert!(sp.start <= sp.end && sp.end <= text.len());
    }
    Ok(())
}

proptest! {
    #[test]
    fn fold_map_is_monotonic_on_char_boundaries(text in arabic_text()) {
        check_map(&text, true)?;
        check_map(&text, false)?;
    }

    #[test]
    fn fold_any_unicode(text in any::<String>()) {
        check_map(&text, true)?;
        let f = fold(&text);
        let dropped = ['\u{200F}', '\u{0640}', '\u{064E}'];
        prop_assert!(!f.as_str().contains(dropped), "a dropped char survived folding");
    }
}

/// Tokens as the folded copy and its offset map define them: maximal runs of word
/// characters of `fold(text)`, each mapped back through the map and trimmed.
fn reference_tokens(text: &str) -> Vec<(khabar::Span, String)> {
    let f = fold(text);
    let s = f.as_str();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let ends = s
        .char_indices()
        .map(|(i, c)| (i, Some(c)))
        .chain([(s.len(), None)]);
    for (i, c) in ends {
        if c.is_some_and(khabar::internals::is_word_char) {
            start.get_or_insert(i);
        } else if let Some(a) = start.take() {
            out.push((f.to_original(a, i).trim(text), s[a..i].to_string()));
        }
    }
    out
}

proptest! {
    #[test]
    fn tokens_agree_with_the_folded_copy(text in arabic_text()) {
        let t = khabar::Tokens::new(&text);
        let got: Vec<(khabar::Span, String)> = t
            .as_slice()
            .iter()
            .enumerate()
            .map(|(i, k)| (k.span, t.form(i).to_string()))
            .collect();
        prop_assert_eq!(got, reference_tokens(&text));
        prop_assert_eq!(t.folded(), fold(&text).as_str().to_string());
    }

    #[test]
    fn fold_str_is_the_folded_copy(text in any::<String>()) {
        prop_assert_eq!(khabar::internals::fold_str(&text), fold(&text).as_str().to_string());
        let t = khabar::Tokens::new(&text);
        prop_assert_eq!(t.folded(), fold(&text).as_str().to_string());
    }
}
