#![no_main]
//! Quote extraction on any bytes: quote, cue, speaker and entity spans valid.
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static ANALYZER: OnceLock<khabar::Analyzer> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let text = khabar_fuzz::text_of(data);
    let a = ANALYZER.get_or_init(khabar::Analyzer::new);
    let sentences = a.splitter().split(&text);
    let tokens = khabar::Tokens::new(&text);
    let q = khabar::QuoteExtractor::new().extract(&text, &sentences, &tokens);
    for quote in &q.quotes {
        khabar_fuzz::check_span(&text, quote.content, "quote content");
        assert!(!quote.content.is_empty());
        assert!(quote.sentence < sentences.len());
        if let Some(c) = quote.cue {
            khabar_fuzz::check_span(&text, c, "cue");
        }
        if let Some(sp) = quote.speaker {
            khabar_fuzz::check_span(&text, sp.mention, "speaker");
            assert!(sp.entity < q.entities.len());
        }
    }
    // And through the analyzer, with its own checks.
    khabar_fuzz::check_analysis(&text, &a.analyze(&text));
});
