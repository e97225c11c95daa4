//! Data-driven splitter tests: every `corpus/segment/*.jsonl` line is one case
//! `{"name", "text", "sentences", "kinds"?, "datelines"?, "title"?, "hard_wrapped"?}`.
//!
//! The harness checks the exact sentence texts, and where given the block kinds and the
//! dateline span of each sentence (`null` for none). All failures are reported together.

use std::fs;
use std::path::Path;

use khabar::SplitterBuilder;
use serde_json::Value;

fn strings(v: Option<&Value>) -> Option<Vec<Option<String>>> {
    Some(
        v?.as_array()?
            .iter()
            .map(|x| x.as_str().map(str::to_string))
            .collect(),
    )
}

#[test]
fn segment_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/segment");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("corpus/segment exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut cases = 0;
    let mut failures = Vec::new();
    for file in &files {
        let data = fs::read_to_string(file).unwrap();
        for (n, line) in data
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let case: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", file.display(), n + 1));
            cases += 1;
            let name = case["name"].as_str().unwrap_or("?");
            let text = case["text"].as_str().expect("text");
            let hard = case["hard_wrapped"].as_bool().unwrap_or(false);
            let splitter = SplitterBuilder::new().hard_wrapped(hard).build();
            let sents = splitter.split_titled(text, case["title"].as_str());
            let where_ = format!(
                "{}:{} {name}",
                file.file_name().unwrap().to_string_lossy(),
                n + 1
            );

            let got: Vec<&str> = sents.iter().map(|s| s.as_str(text)).collect();
            let want: Vec<String> = strings(case.get("sentences"))
                .expect("sentences")
                .into_iter()
                .map(|s| s.expect("sentence text"))
                .collect();
            if got != want {
                failures.push(format!("{where_}\n   want {want:?}\n   got  {got:?}"));
                continue;
            }
            if let Some(kinds) = strings(case.get("kinds")) {
                let got: Vec<Option<String>> = sents
                    .iter()
                    .map(|s| Some(s.kind.as_str().to_string()))
                    .collect();
                if got != kinds {
                    failures.push(format!(
                        "{where_}: kinds\n   want {kinds:?}\n   got  {got:?}"
                    ));
                }
            }
            if let Some(dl) = strings(case.get("datelines")) {
                let got: Vec<Option<String>> = sents
                    .iter()
                    .map(|s| s.dateline.map(|d| d.as_str(text).to_string()))
                    .collect();
                if got != dl {
                    failures.push(format!(
                        "{where_}: datelines\n   want {dl:?}\n   got  {got:?}"
                    ));
                }
            }
            // The iterator and the titled split agree with the plain split when no title.
            if case["title"].is_null() {
                let it: Vec<_> = splitter.split_iter(text).collect();
                if it != sents {
                    failures.push(format!("{where_}: split_iter differs from split_titled"));
                }
            }
        }
    }
    assert!(
        cases >= 40,
        "only {cases} corpus cases found in {}",
        dir.display()
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
