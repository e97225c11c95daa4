//! `speaker_key` on any text: no panic, and a key is words of letters and digits joined by
//! single spaces (never `#`, which the archive reserves for speakers never merged).

use proptest::prelude::*;

fn names() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "وزير",
        "الخارجية",
        "الأمريكي",
        "جون",
        "كيري",
        "بن",
        "آل",
        "عبد",
        "الله",
        "مصدر",
        "الملك",
        "مركز",
        "سلمان",
        "سموه",
        "بل",
        "أبو",
        "الأمير",
        "د",
        "#",
        "\t",
        "،",
        "ـ",
        "ً",
        "\u{200f}",
        "x",
        "٣",
        "«",
        "»",
    ]);
    prop_oneof![
        prop::collection::vec(words, 0..9).prop_map(|w| w.join(" ")),
        any::<String>(),
    ]
}

proptest! {
    #[test]
    fn keys_are_plain_words(name in names()) {
        if let Some(k) = khabar::speaker_key(&name) {
            prop_assert!(!k.is_empty());
            prop_assert!(!k.contains('#'));
            prop_assert!(!k.starts_with(' ') && !k.ends_with(' ') && !k.contains("  "));
            prop_assert!(k.chars().all(|c| c == ' ' || c.is_alphanumeric()), "{k:?}");
        }
    }
}
