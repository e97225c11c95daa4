#![no_main]
//! The sentence splitter on any bytes (lossily decoded): spans valid, ordered, covering.
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static SPLITTER: OnceLock<khabar::Splitter> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let text = khabar_fuzz::text_of(data);
    let s = SPLITTER.get_or_init(khabar::Splitter::new);
    khabar_fuzz::check_sentences(&text, &s.split(&text));
});
