//! `khabar eval` on hand-made gold and system files (cli/tests/data/eval), against values
//! worked out by hand (they agree with score.py: scripts/eval_agree.sh checks that too).

mod common;

use common::khabar;
use serde_json::Value;

const GOLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/eval/gold.jsonl");
const SYSTEM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/eval/system.jsonl");

fn close(v: &Value, want: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - want).abs() < 1e-9)
}

#[test]
fn system_file_scored_as_worked_by_hand() {
    let run = khabar(&["eval", GOLD, "--system", SYSTEM, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r: Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(r["articles"], 3);
    assert_eq!(r["articles_missing_in_system"], 1); // "c"; 2.0 is the same id as 2
    assert_eq!(
        (r["quotes_gold"].as_i64(), r["quotes_system"].as_i64()),
        (Some(4), Some(5))
    );
    let want = [
        ("quote_P", 3.0 / 5.0),
        ("quote_R", 3.0 / 4.0),
        ("quote_F1", 2.0 * 0.6 * 0.75 / 1.35),
        ("speaker_accuracy", 2.0 / 3.0),
        ("who_said_what_P", 2.0 / 5.0),
        ("who_said_what_R", 2.0 / 4.0),
        ("who_said_what_F1", 2.0 * 0.4 * 0.5 / 0.9),
        ("direct_P", 0.5),
        ("indirect_R", 2.0 / 3.0),
        ("mixed_R", 1.0),
        ("sentence_F1", 2.0 * 0.8 * (4.0 / 7.0) / (0.8 + 4.0 / 7.0)),
        ("boundary_F1", 2.0 * 0.75 / 1.75),
        ("summary_rouge1", 24.0 / 31.0 / 3.0),
        ("summary_rouge2", 22.0 / 29.0 / 3.0),
        ("summary_rougeL", 24.0 / 31.0 / 3.0),
        ("summary_sentence_recall", 0.25),
    ];
    for (k, v) in want {
        assert!(close(&r[k], v), "{k}: {} != {v}", r[k]);
    }
    assert!(r["direct_R"].is_null());
    assert_eq!(r["matched_without_speaker"], 0);
}

#[test]
fn per_article_listing_and_table() {
    let run = khabar(&["eval", GOLD, "--system", SYSTEM, "--per-article"]);
    assert_eq!(run.code, 0);
    let want_head = "## a: gold 2 sys 5 matched 2 who 1\n   spurious: ستخفض العجز\n   spurious: الحكومة لن ترفع الضرائب\n   speaker: gold سامي الحداد | system قال\n## 2: gold 2 sys 1 matched 1 who 1\n   missed: الوضع مستقر\n## c: gold 0 sys 0 matched 0 who 0\narticles                     3\n";
    assert!(run.stdout.starts_with(want_head), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("\nquote_F1                     0.667\n")
    );
    assert!(run.stdout.contains("\ndirect_R                     None\n"));
}

#[test]
fn analyzer_run_on_gold_texts() {
    // Without --system, khabar analyses the gold texts itself: every article is present and
    // the sentence metrics exist.
    let run = khabar(&["eval", GOLD, "--json", "--threads", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r: Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(r["articles_missing_in_system"], 0);
    assert!(
        r["sentence_F1"]
            .as_f64()
            .is_some_and(|f| (0.0..=1.0).contains(&f))
    );
    assert!(r["summary_rouge1"].as_f64().is_some());
    // Bad usage exits 2.
    assert_eq!(khabar(&["eval", "no-such-gold.jsonl"]).code, 2);
    assert_eq!(
        khabar(&["eval", SYSTEM]).code,
        2,
        "a system record without id is not gold"
    );
}
