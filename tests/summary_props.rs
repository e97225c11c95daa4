//! Property tests of summaries: a subset of the sentences (or a prefix of one, cut to fit a
//! word or character budget), in document order, within budget, deterministic, on any text.
//! `PROPTEST_CASES` sets the number of cases (default 64).

use khabar::Analyzer;
use khabar::internals::LONG_UNIT_WORDS;
use khabar::{Budget, Span, Summarizer, word_count};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    ProptestConfig::with_cases(cases)
}

/// Arabic-news-like text: words, punctuation, quotes, line breaks, digits, marks.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(vec![
            "قال", "الوزير", "إن", "المحادثات", "في", "غزة", "وأضاف", "أن", "الاتفاق",
            "ممكن", "الحكومة", "هل", "لكن", "كتب:", "المصدر:", "اقرأ", "أيضا", "تصوير",
            "٢٠٢٤", "3.5", "www.example.com", "الـ99", "مُحَمَّد", "ـــ",
        ]).prop_map(String::from),
        2 => prop::sample::select(vec![
            " ", " ", " ", "\n", "\n\n", ". ", "؟ ", "! ", "، ", "؛ ", ": ", " - ", "..",
            "«", "»", "\"", "\u{200f}", "…", "•", "\t",
        ]).prop_map(String::from),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..300).prop_map(|v| v.concat())
}

fn budget() -> impl Strategy<Value = Budget> {
    prop_oneof![
        (0usize..6).prop_map(Budget::Sentences),
        (0usize..80).prop_map(Budget::Words),
        (0usize..400).prop_map(Budget::Chars),
        (0.0f64..1.0).prop_map(Budget::Ratio),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn summary_invariants(text in text(), budget in budget(), trim in any::<bool>()) {
        let analyzer = Analyzer::new();
        let doc = analyzer.analyze(&text);
        let s = Summarizer::new().with_trim(trim);
        let sum = s.summarize(&text, doc.sentences(), doc.tokens(), doc.quotes(), budget);
        let again = s.summarize(&text, doc.sentences(), doc.tokens(), doc.quotes(), budget);
        prop_assert_eq!(&sum, &again);
        let sents = doc.sentences();
        let mut words = 0;
        let mut chars = 0;
        for (k, p) in sum.iter().enumerate() {
            prop_assert!(p.sentence <= p.last_sentence && p.last_sentence < sents.len());
            // The span starts where its first sentence starts, or after the dateline that
            // sentence opens with, and ends inside its last one (at its end unless cut short).
            let first = &sents[p.sentence];
            match first.dateline {
                Some(d) => prop_assert!(p.span.start >= d.end && p.span.start < first.span.end),
                None => prop_assert_eq!(p.span.start, first.span.start),
            }
            let last = sents[p.last_sentence].span;
            prop_assert!(p.span.end <= last.end && p.span.end > p.span.start);
            if !p.truncated {
                prop_assert_eq!(p.span.end, last.end);
            }
            prop_assert!(text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
            prop_assert!(p.score.is_finite());
            if k > 0 {
                prop_assert!(sum[k - 1].last_sentence < p.sentence, "document order, no overlap");
            }
            let t = p.span.as_str(&text);
            words += word_count(t);
            chars += t.chars().count();
        }
        chars += sum.len().saturating_sub(1);
        match budget {
            Budget::Sentences(n) => prop_assert!(sum.len() <= n),
            Budget::Words(n) => prop_assert!(words <= n),
            Budget::Chars(n) => prop_assert!(chars <= n),
            Budget::Ratio(_) => {}
        }
        // A sentence budget cuts only an over-long unit (at a clause boundary); without
        // trim, a word or character budget cuts nothing.
        for p in &sum {
            let whole = Span::new(p.span.start, sents[p.last_sentence].span.end);
            let long = word_count(whole.as_str(&text)) >= LONG_UNIT_WORDS;
            if matches!(budget, Budget::Sentences(_)) {
                prop_assert!(!p.truncated || long);
            } else if !trim {
                prop_assert!(!p.truncated);
            }
        }
    }
}

#[test]
fn empty_and_blank_texts() {
    let analyzer = Analyzer::new();
    for t in ["", " ", "\n\n", "؟", "..."] {
        let doc = analyzer.analyze(t);
        assert!(doc.summary(Budget::Sentences(3)).is_empty() || !t.trim().is_empty());
    }
}

#[test]
fn long_input_is_fast() {
    // Many sentences and a budget that takes most of them: selection must stay near linear.
    let text: String = (0..20_000)
        .map(|i| format!("قال الوزير إن المحادثات رقم {i} تمر بلحظة حاسمة وأضاف أن الاتفاق ممكن. "))
        .collect();
    let analyzer = Analyzer::new();
    let doc = analyzer.analyze(&text);
    let t = std::time::Instant::now();
    let s = doc.summary(Budget::Ratio(0.5));
    assert!(!s.is_empty());
    assert!(t.elapsed().as_secs() < 20, "summary took {:?}", t.elapsed());
}
