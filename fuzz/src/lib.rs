//! Shared code of the fuzz targets: the contract checks of the main crate's tests, and the
//! JSON lines record path of the CLI.

#[path = "../../tests/support/checks.rs"]
mod checks;

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
