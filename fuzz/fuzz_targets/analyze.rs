#![no_main]
//! The whole analyzer on any bytes: every contract, several budgets.
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static ANALYZER: OnceLock<khabar::Analyzer> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let text = khabar_fuzz::text_of(data);
    khabar_fuzz::check_all(ANALYZER.get_or_init(khabar::Analyzer::new), &text);
});
