//! Shared code of the fuzz targets: the contract checks of the main crate's tests, and the
//! JSON lines record path of the CLI.

#[path = "../../tests/support/checks.rs"]
mod checks;

/// The CLI's HTML view (`khabar html`): the record model and the renderer, compiled here from
/// the CLI's own files (the CLI is a binary crate).
#[path = "../../cli/src/html"]
#[allow(dead_code)]
pub mod html {
    pub mod escape;
    pub mod model;
    pub mod render;
}

/// The quote archive's text functions (`khabar index`): the indexed token stream and the FTS5
/// query built from a user's words.
#[path = "../../cli/src/index/text.rs"]
#[allow(dead_code)]
pub mod index_text;

/// The Python package's record path without Python: the record tree (`node.rs`) and one
/// article's record or field with code-point offsets (`record.rs`), compiled here from the
/// package's own files (its crate links Python).
#[path = "../../python/src/node.rs"]
#[allow(dead_code)]
pub mod node;
#[path = "../../python/src/record.rs"]
#[allow(dead_code)]
pub mod record;

pub use checks::*;

use khabar::{Analyzer, Budget};

/// The CLI's `analyze --jsonl` path for one line: parse the record, analyze its `text`,
/// serialise the output record. The CLI does not expose this as a function yet
/// (cli/src/main.rs does it inline), so this mirrors it: `serde_json::from_str::<Value>`,
/// then `text` (or "" when missing), then the analysis and its JSON record.
pub fn jsonl_record(analyzer: &Analyzer, line: &str) -> Option<String> {
    if line.trim().is_empty() {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    let text = v.get("text").and_then(|t| t.as_str()).unwrap_or("");
    let doc = analyzer.analyze(text);
    check_analysis(text, &doc);
    let rec = doc.record(Budget::Sentences(3));
    let out = serde_json::to_string(&rec).expect("a record always serialises");
    // The serialised record parses back as JSON.
    let back: serde_json::Value = serde_json::from_str(&out).expect("record is valid JSON");
    assert!(back.get("sentences").is_some_and(|s| s.is_array()));
    Some(out)
}
