//! Replays every committed fuzz crash input (`tests/fuzz_crashes/<target>/*`) on stable:
//! each must pass every contract of `support/checks.rs` (with every budget kind), the
//! JSONL-record ones must also go through the record reader's path (JSON parse, then
//! analysis of `text`), and the `summarize/` ones also through that target's own path (the
//! budget picked by the first two bytes, the rest being the text).

#[path = "support/checks.rs"]
mod checks;

use std::path::Path;

use khabar::Analyzer;

/// `(target directory, file path, bytes)` of every committed input.
fn inputs() -> Vec<(String, String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_crashes");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(&root).expect("tests/fuzz_crashes exists") {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let target = dir.file_name().unwrap().to_string_lossy().into_owned();
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            if f.is_file() {
                out.push((
                    target.clone(),
                    f.display().to_string(),
                    std::fs::read(&f).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn replay_crash_inputs() {
    let analyzer = Analyzer::new();
    let all = inputs();
    assert!(!all.is_empty(), "no input to replay");
    for (target, name, data) in &all {
        let text = checks::text_of(data);
        let r = std::panic::catch_unwind(|| {
            checks::check_all(&analyzer, &text);
            // The JSONL reader path: a record's `text` field.
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    checks::check_all(&analyzer, t);
                }
            }
            if target == "summarize" {
                let (budget, rest) = checks::summarize_target_budget(data);
                let text = checks::text_of(rest);
                checks::check_summary(&text, &analyzer.analyze(&text), budget);
            }
        });
        assert!(r.is_ok(), "fuzz crash input {name} fails again");
    }
}

#[test]
fn summarize_inputs_are_replayed() {
    // The fix of the hard-wrap joins over non-body lines (issue 4) comes with its inputs:
    // the directory the replay reads must hold them.
    assert!(
        inputs().iter().any(|(t, _, _)| t == "summarize"),
        "no summarize crash input to replay"
    );
}
