#![no_main]
//! Summaries on any bytes, under a budget chosen by the first two bytes: subset of the
//! sentences, document order, body only, within budget.
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static ANALYZER: OnceLock<khabar::Analyzer> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let (budget, rest) = khabar_fuzz::summarize_target_budget(data);
    let text = khabar_fuzz::text_of(rest);
    let a = ANALYZER.get_or_init(khabar::Analyzer::new);
    let doc = a.analyze(&text);
    khabar_fuzz::check_summary(&text, &doc, budget);
});
