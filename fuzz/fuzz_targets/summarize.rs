#![no_main]
//! Summaries on any bytes, under a budget chosen by the first two bytes: subset of the
//! sentences, document order, body only, within budget.
use khabar::Budget;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static ANALYZER: OnceLock<khabar::Analyzer> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let (kind, k, rest) = match data {
        [a, b, rest @ ..] => (*a, *b as usize, rest),
        _ => (0, 3, data),
    };
    let budget = match kind % 4 {
        0 => Budget::Sentences(k % 8),
        1 => Budget::Words(k),
        2 => Budget::Chars(k * 4),
        _ => Budget::Ratio(k as f64 / 255.0),
    };
    let text = khabar_fuzz::text_of(rest);
    let a = ANALYZER.get_or_init(khabar::Analyzer::new);
    let doc = a.analyze(&text);
    khabar_fuzz::check_summary(&text, &doc, budget);
});
