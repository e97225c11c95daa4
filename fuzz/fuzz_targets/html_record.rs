#![no_main]
//! The HTML view of a fresh analysis (`khabar html`): any text renders without a panic, every
//! span of the record is valid for the renderer, and nothing of the text reaches the page
//! unescaped (the page of the text equals, up to the escapes, the page of the same text with
//! every HTML-special character replaced by a plain letter, spans unchanged).
use khabar_fuzz::html::{model::Article, render};
use libfuzzer_sys::fuzz_target;
use std::borrow::Cow;
use std::sync::OnceLock;

static ANALYZER: OnceLock<khabar::Analyzer> = OnceLock::new();

/// The page with every escape of an HTML-special character, and every quote mark, as `x`.
fn normal(page: &str) -> String {
    let mut s = page.to_string();
    for r in ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "\"", "'"] {
        s = s.replace(r, "x");
    }
    s
}

fuzz_target!(|data: &[u8]| {
    let text = khabar_fuzz::text_of(data);
    let analysis = ANALYZER.get_or_init(khabar::Analyzer::new).analyze(&text);
    let rec = analysis.record(khabar::Budget::Sentences(3));
    let id = serde_json::Value::from("fuzz");
    let mut art = Article::from_record(&id, None, &text, &rec);
    art.check().expect("a fresh analysis gives spans the renderer accepts");
    let mut page = String::new();
    render::page(&art, None, &mut page);

    // The same article over a text with the special characters replaced byte for byte.
    let plain: String = text
        .chars()
        .map(|c| if matches!(c, '<' | '>' | '&' | '"' | '\'') { 'x' } else { c })
        .collect();
    art.text = Cow::Owned(plain);
    let mut plain_page = String::new();
    render::page(&art, None, &mut plain_page);
    assert_eq!(normal(&page), normal(&plain_page), "text reached the page unescaped");
});
