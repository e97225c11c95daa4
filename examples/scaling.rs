//! Adversarial scaling benchmark (issue 6): every generator of
//! `tests/support/adversarial.rs` at its full size n and at 2n, through the whole pipeline
//! (split, tokens, quotes, 3-sentence summary). Prints, per generator, the time at n and 2n,
//! their ratio (linear time: ≤ 2.3), seconds per 10 MB (≤ 5 s) and peak RSS.
//!
//! ```text
//! cargo run --release --example scaling                 # full sizes (n and 2n)
//! cargo run --release --example scaling -- --scale 0.1  # a quick run at a tenth
//! cargo run --release --example scaling -- --only cues
//! ```
//!
//! Each measurement runs in its own child process so that peak RSS (VmHWM) belongs to it.
//! Exits with status 1 when a ratio or a time limit is exceeded.

#[path = "../tests/support/adversarial.rs"]
mod adversarial;

use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

use khabar::{Analyzer, Budget};

const MAX_RATIO: f64 = 2.3;
const MAX_SECS_PER_10MB: f64 = 5.0;

struct Run {
    bytes: usize,
    split: f64,
    analyze: f64,
    summary: f64,
    rss_kb: u64,
}

impl Run {
    fn total(&self) -> f64 {
        self.analyze + self.summary
    }
}

fn peak_rss_kb() -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Child: build the text, time each stage (best of a few runs when fast), print one line.
fn child(name: &str, n: usize) {
    let g = adversarial::GENERATORS
        .iter()
        .find(|g| g.name == name)
        .expect("generator");
    let text = (g.make)(n);
    let analyzer = Analyzer::new();
    let (mut split, mut analyze, mut summary) = (f64::MAX, f64::MAX, f64::MAX);
    let started = Instant::now();
    for round in 0.. {
        let t = Instant::now();
        black_box(analyzer.splitter().split(black_box(&text)).len());
        split = split.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let a = analyzer.analyze(black_box(&text));
        analyze = analyze.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        black_box(a.summary(Budget::Sentences(3)).len());
        summary = summary.min(t.elapsed().as_secs_f64());
        drop(a);
        if round >= 4 || started.elapsed() > Duration::from_secs(2) {
            break;
        }
    }
    println!(
        "{} {split} {analyze} {summary} {}",
        text.len(),
        peak_rss_kb()
    );
}

fn measure(name: &str, n: usize) -> Run {
    let exe = std::env::current_exe().expect("current exe");
    let out = Command::new(exe)
        .args(["--case", name, &n.to_string()])
        .output()
        .expect("spawn child");
    let line = String::from_utf8_lossy(&out.stdout);
    let f: Vec<&str> = line.split_whitespace().collect();
    if !out.status.success() || f.len() != 5 {
        eprintln!(
            "{name} at {n}: child failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::process::exit(2);
    }
    Run {
        bytes: f[0].parse().unwrap(),
        split: f[1].parse().unwrap(),
        analyze: f[2].parse().unwrap(),
        summary: f[3].parse().unwrap(),
        rss_kb: f[4].parse().unwrap(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 4 && args[1] == "--case" {
        child(&args[2], args[3].parse().expect("size"));
        return;
    }
    let mut scale = 1.0f64;
    let mut only: Option<String> = None;
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--scale" => {
                scale = args[i + 1].parse().expect("--scale F");
                i += 1;
            }
            "--only" => {
                only = Some(args[i + 1].clone());
                i += 1;
            }
            a => panic!("unknown argument {a}"),
        }
        i += 1;
    }
    println!(
        "| input | n | MB at 2n | split s (n / 2n) | pipeline s (n / 2n) | ratio | s per 10 MB | peak RSS MB (2n) | RSS / input |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut failed = false;
    for g in &adversarial::GENERATORS {
        if only.as_deref().is_some_and(|o| o != g.name) {
            continue;
        }
        let n = ((g.full as f64) * scale).round().max(1.0) as usize;
        let a = measure(g.name, n);
        let b = measure(g.name, 2 * n);
        let ratio = b.total() / a.total().max(1e-9);
        let per10 = b.total() / (b.bytes as f64 / 10e6);
        let rss_mb = b.rss_kb as f64 / 1024.0;
        let bad = ratio > MAX_RATIO || per10 > MAX_SECS_PER_10MB;
        failed |= bad;
        println!(
            "| {} | {} {} | {:.1} | {:.3} / {:.3} | {:.3} / {:.3} | {:.2}{} | {:.3} | {:.0} | {:.1}x |",
            g.name,
            n,
            g.unit,
            b.bytes as f64 / 1e6,
            a.split,
            b.split,
            a.total(),
            b.total(),
            ratio,
            if bad { " FAIL" } else { "" },
            per10,
            rss_mb,
            b.rss_kb as f64 * 1024.0 / b.bytes as f64,
        );
    }
    if failed {
        eprintln!("FAIL: a ratio above {MAX_RATIO} or more than {MAX_SECS_PER_10MB} s per 10 MB");
        std::process::exit(1);
    }
}
