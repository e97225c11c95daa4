#![no_main]
//! The CLI's JSON lines record path: parse one line, analyze `text`, serialise the record.
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static ANALYZER: OnceLock<khabar::Analyzer> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    if let Ok(line) = std::str::from_utf8(data) {
        khabar_fuzz::jsonl_record(ANALYZER.get_or_init(khabar::Analyzer::new), line);
    }
});
