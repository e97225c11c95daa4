//! Profile helper: time each pipeline stage over the `text` fields of a JSON-lines file.
//!
//! `cargo run --release --example stage_prof -- FILE.jsonl [REPEAT]`
//!
//! Prints seconds and MB/s per stage (split, tokens, quotes, summary, record JSON), each
//! measured on its own, so that a change to one stage shows in one line.

use std::time::Instant;

use khabar::{Analyzer, Budget, Splitter, Tokens};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: stage_prof FILE.jsonl [REPEAT]");
    let repeat: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let data = std::fs::read_to_string(&path).expect("read the file");
    let texts: Vec<String> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text")?.as_str().map(str::to_owned))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * repeat;
    let mb = bytes as f64 / 1e6;
    let report = |name: &str, secs: f64| {
        println!("{name:<10} {secs:>7.3} s {:>8.1} MB/s", mb / secs);
    };
    let splitter = Splitter::new();
    let analyzer = Analyzer::new();
    let budget = Budget::Sentences(3);

    let t = Instant::now();
    let mut n = 0;
    for _ in 0..repeat {
        for s in &texts {
            n += splitter.split(s).len();
        }
    }
    report("split", t.elapsed().as_secs_f64());

    let t = Instant::now();
    for _ in 0..repeat {
        for s in &texts {
            n += Tokens::new(s).len();
        }
    }
    report("tokens", t.elapsed().as_secs_f64());

    let t = Instant::now();
    for _ in 0..repeat {
        for s in &texts {
            n += analyzer.analyze(s).quotes().len();
        }
    }
    report("analyze", t.elapsed().as_secs_f64());

    let t = Instant::now();
    for _ in 0..repeat {
        for s in &texts {
            n += analyzer.analyze(s).summary(budget).len();
        }
    }
    report("+summary", t.elapsed().as_secs_f64());

    let t = Instant::now();
    for _ in 0..repeat {
        for s in &texts {
            let rec = analyzer.analyze(s).record(budget);
            n += serde_json::to_string(&rec).map_or(0, |j| j.len());
        }
    }
    report("+json", t.elapsed().as_secs_f64());
    println!("({} texts, {mb:.1} MB, checksum {n})", texts.len());
}
