//! Property tests for quote extraction: on random Arabic news-like text with random
//! quotation marks, every span is in bounds and on char boundaries, content is never empty,
//! speakers index real entities, and nothing panics. `PROPTEST_CASES` sets the number of
//! cases (default 64).

use khabar::Analyzer;
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "قال",
    "وقال",
    "قالت",
    "وأضاف",
    "مؤكداً",
    "أكد",
    "أن",
    "إن",
    "بأن",
    "إلى",
    "على",
    "لكنه",
    "وزير",
    "الخارجية",
    "الأميركي",
    "بلينكن",
    "الوزارة",
    "مصدر",
    "مطلع",
    "بحسب",
    "وفقاً",
    "لـ",
    "عن",
    "قوله",
    "نقلت",
    "وكالة",
    "حركة",
    "في",
    "خلال",
    "الاثنين",
    "كتب",
    "بين",
    "جاء",
    "«",
    "»",
    "\"",
    "“",
    "”",
    "„",
    "‹",
    "›",
    "&quot;",
    ":",
    "،",
    ".",
    "؟",
    "!",
    "…",
    "-",
    "(",
    ")",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\u{200f}",
    "ـ",
    "َ",
    "ّ",
    "ً",
    "٣",
    "3.5",
    "X",
    "é",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "[\u{0600}-\u{06FF} ]{1,6}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|v| v.join(""))
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

fn check(analyzer: &Analyzer, t: &str) {
    let doc = analyzer.analyze(t);
    let ok = |s: khabar::Span| {
        s.start <= s.end
            && s.end <= t.len()
            && t.is_char_boundary(s.start)
            && t.is_char_boundary(s.end)
    };
    for q in doc.quotes() {
        assert!(ok(q.content), "content out of bounds: {:?}", q.content);
        assert!(!q.content.is_empty(), "empty content");
        assert!(!q.content.as_str(t).trim().is_empty(), "blank content");
        assert!((0.0..=1.0).contains(&q.confidence));
        assert!(q.sentence < doc.sentences().len().max(1));
        if let Some(c) = q.cue {
            assert!(ok(c), "cue out of bounds");
        }
        if let Some(sp) = q.speaker {
            assert!(ok(sp.mention), "mention out of bounds");
            assert!(sp.entity < doc.entities().len(), "dangling entity");
        }
    }
    for e in doc.entities() {
        assert!(ok(e.name), "entity name out of bounds");
        assert!(e.mentions.iter().all(|&m| ok(m)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn quote_spans_are_valid(t in text()) {
        let analyzer = Analyzer::new();
        check(&analyzer, &t);
    }

    #[test]
    fn arbitrary_unicode_never_panics(t in "\\PC{0,300}") {
        let analyzer = Analyzer::new();
        check(&analyzer, &t);
    }
}

#[test]
fn long_mark_runs_stay_linear() {
    // Many unclosed and stray marks: pairing is one pass, so this is instant.
    let mut t = String::new();
    for i in 0..20_000 {
        t.push_str(if i % 3 == 0 {
            "« قال إن "
        } else {
            "» وأضاف \" "
        });
    }
    let analyzer = Analyzer::new();
    let start = std::time::Instant::now();
    check(&analyzer, &t);
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

#[test]
fn speakerless_continuations_stay_linear() {
    // Subject-less cues with titles but no named person anywhere: the salient-speaker
    // fallback scans a bounded window, so this stays linear.
    let t = "وزير الخارجية وأضاف أن الأمر مهم، مؤكداً أن «الحل قريب». ".repeat(5_000);
    let analyzer = Analyzer::new();
    let start = std::time::Instant::now();
    check(&analyzer, &t);
    assert!(start.elapsed().as_secs() < 30, "took {:?}", start.elapsed());
}

#[test]
fn colon_cues_in_one_long_paragraph_stay_linear() {
    let t = "قال: . ".repeat(20_000);
    let analyzer = Analyzer::new();
    let start = std::time::Instant::now();
    check(&analyzer, &t);
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}
