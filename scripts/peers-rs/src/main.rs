//! Times khabar and the Rust peers on the same texts, in one process and one run.
//!
//! `khabar-peers TEXTS.jsonl` — one `{"text": …}` per line (an article). Splitters that
//! ignore line structure (sentencex, ICU, unicode-segmentation) get one call per non-blank
//! line, as the anchors measured them; khabar gets one call per article (it reads the
//! lines itself). Prints one tab-separated line per tool: tool, task, bytes, seconds,
//! sentences (or summaries).

use std::hint::black_box;
use std::io::BufRead;
use std::time::Instant;

use unicode_segmentation::UnicodeSegmentation;

fn time<F: FnMut() -> usize>(rounds: usize, mut f: F) -> (f64, usize) {
    let mut best = f64::MAX;
    let mut count = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        count = black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, count)
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: khabar-peers TEXTS.jsonl");
    let rounds: usize = std::env::var("PEER_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(2);
    let file = std::io::BufReader::new(std::fs::File::open(&path).expect("open texts"));
    let texts: Vec<String> = file
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.expect("line")).expect("json");
            v["text"].as_str().unwrap_or("").to_string()
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let lines: Vec<&str> = texts
        .iter()
        .flat_map(|t| t.lines())
        .filter(|l| !l.trim().is_empty())
        .collect();
    let report = |tool: &str, task: &str, (secs, n): (f64, usize)| {
        println!("{tool}\t{task}\t{bytes}\t{secs:.6}\t{n}");
    };

    let splitter = khabar::Splitter::new();
    report(
        "khabar",
        "split",
        time(rounds, || {
            texts.iter().map(|t| splitter.split(t).len()).sum()
        }),
    );
    report(
        "khabar (per line)",
        "split",
        time(rounds, || {
            lines.iter().map(|l| splitter.split(l).len()).sum()
        }),
    );
    report(
        "sentencex (Rust)",
        "split",
        time(rounds, || {
            lines
                .iter()
                .map(|l| sentencex::segment("ar", l).len())
                .sum()
        }),
    );
    let icu = icu_segmenter::SentenceSegmenter::new(Default::default());
    report(
        "icu_segmenter",
        "split",
        time(rounds, || {
            lines
                .iter()
                .map(|l| icu.segment_str(l).count().saturating_sub(1))
                .sum()
        }),
    );
    report(
        "unicode-segmentation",
        "split",
        time(rounds, || {
            lines
                .iter()
                .map(|l| l.split_sentence_bound_indices().count())
                .sum()
        }),
    );
    let analyzer = khabar::Analyzer::new();
    report(
        "khabar",
        "analyze",
        time(rounds, || {
            texts
                .iter()
                .map(|t| {
                    let a = analyzer.analyze(t);
                    a.quotes().len() + a.summary(khabar::Budget::Sentences(3)).len()
                })
                .sum()
        }),
    );
}
