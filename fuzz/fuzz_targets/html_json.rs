#![no_main]
//! `khabar html` on a line of analysis JSON that anyone may have written: the record is
//! either rejected with a message, or its spans are checked and it renders without a panic.
use khabar_fuzz::html::{model::Article, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else {
        return;
    };
    // The record alone, and the record with an input text of its own (the `--input` path).
    let inputs = [
        None,
        Some((
            serde_json::from_str::<serde_json::Value>(line)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .unwrap_or(serde_json::Value::Null),
            line.chars().rev().collect::<String>(),
            None,
        )),
    ];
    for input in inputs {
        let Ok(art) = Article::from_json_with(line, input) else {
            continue;
        };
        if art.check().is_ok() {
            let mut page = String::new();
            render::page(&art, Some("index.html"), &mut page);
            let mut body = String::new();
            render::body(&art, &mut body);
            assert!(page.ends_with("</html>\n"));
        }
    }
});
