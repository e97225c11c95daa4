#![no_main]
//! The quote archive's text path (`khabar index`): the indexed token stream of any text and
//! the FTS5 query built from any user words. The query must stay a conjunction of quoted
//! terms (no operator, quote or column filter of the user's leaks into FTS5 syntax), and a
//! text always matches the query built from itself.
use khabar_fuzz::index_text::{index_tokens, key_words, match_query};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = khabar_fuzz::text_of(data);
    let tokens = index_tokens(&text);
    assert!(!tokens.starts_with(' ') && !tokens.ends_with(' ') && !tokens.contains("  "));
    assert!(!tokens.contains('"'));
    let _ = key_words(&text);
    if let Some(q) = match_query(&text) {
        let indexed: Vec<&str> = tokens.split(' ').collect();
        for term in q.split(' ') {
            let inner = term
                .strip_prefix('"')
                .and_then(|t| t.strip_suffix('"'))
                .expect("every term is quoted");
            assert!(!inner.is_empty() && !inner.contains('"'), "bad term {term:?}");
            assert!(indexed.contains(&inner), "{inner:?} not in the text's own tokens");
        }
    } else {
        assert!(tokens.is_empty(), "a text with tokens gives a query");
    }
});
