//! Every adversarial generator of issue 6, at small sizes: no panic, and every contract of
//! `support/checks.rs` holds. (The scaling measurement at full size is
//! `cargo run --release --example scaling`.)

#[path = "support/adversarial.rs"]
mod adversarial;
#[path = "support/checks.rs"]
mod checks;

use khabar::Analyzer;

#[test]
fn every_generator_small_sizes() {
    let analyzer = Analyzer::new();
    for g in &adversarial::GENERATORS {
        // A few small sizes in the generator's unit (bytes, marks, commas, lines…).
        let sizes: &[usize] = if g.unit == "bytes" {
            &[0, 1, 97, 5_000, 40_000]
        } else {
            &[0, 1, 7, 300, 2_000]
        };
        for &n in sizes {
            let text = (g.make)(n);
            checks::check_all(&analyzer, &text);
        }
    }
}

#[test]
fn generators_have_the_promised_shape() {
    // The generators themselves: a test that they produce what their names say.
    assert!(!adversarial::no_punctuation(10_000).contains(['.', '،', '\n', '؟']));
    assert_eq!(
        adversarial::quotes_unclosed(1000)
            .matches(['«', '"', '“', '„', '‹'])
            .count(),
        1000
    );
    assert_eq!(adversarial::commas(1000).matches('،').count(), 1000);
    let cues = adversarial::cues(1000);
    assert_eq!(
        cues.matches(" أن ").count() + cues.matches("إن ").count() + cues.matches(": ").count(),
        1000
    );
    assert_eq!(adversarial::one_word_lines(1000).lines().count(), 1000);
    assert!(!adversarial::one_line(100_000).contains('\n'));
    assert!(adversarial::invisibles(10_000).contains("\u{200D}\u{200C}\u{200D}"));
    // The hash-flooding cases: every word distinct, one token each.
    let distinct = |text: &str, pick: &dyn Fn(&str) -> bool| {
        let words: Vec<&str> = text.split([' ', '\n', '.']).filter(|w| pick(w)).collect();
        let set: std::collections::HashSet<&str> = words.iter().copied().collect();
        (words.len(), set.len())
    };
    let text = adversarial::colliding_words(1000);
    assert_eq!(distinct(&text, &|w| w.starts_with('a')), (1000, 1000));
    let tokens = khabar::Tokens::new(&text);
    assert_eq!(tokens.len(), 1000 * 5, "وقال، the word, إن، الاتفاق، ممكن");
    let w = adversarial::colliding_word(5, 10);
    assert_eq!((w.len(), w.chars().count()), (88, 55));
    let text = adversarial::distinct_words(5000);
    assert_eq!(distinct(&text, &|w| !w.is_empty()), (5000, 5000));
}

#[test]
fn pathological_single_strings() {
    // Tiny inputs that often break byte arithmetic: lone marks, lone invisibles, lone
    // combining marks, mixed scripts, CR line ends.
    let analyzer = Analyzer::new();
    for text in [
        "",
        " ",
        "\n",
        "\r\n",
        ".",
        "؟",
        "«",
        "»",
        "\"",
        "\u{200F}",
        "\u{064E}",
        "ـ",
        "\u{FEFF}",
        "قال:",
        "قال: «",
        "« »",
        "\"\"",
        "...",
        "…",
        "د.",
        "3.",
        ".5",
        "\r",
        "a\rb",
        "قال\u{200D}",
        "\u{0651}\u{064B}.",
        "وقال إن",
        "«قال»، قال",
        "http://x.y",
        "U.S.",
        "١٢٫٥",
    ] {
        checks::check_all(&analyzer, text);
    }
}
