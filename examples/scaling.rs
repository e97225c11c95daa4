//! Adversarial scaling benchmark (issue 6): every generator of
//! `tests/support/adversarial.rs` at its full size n and at 2n, through the whole pipeline
//! (split, tokens, quotes, 3-sentence summary). Prints, per generator, the time at n and 2n,
//! their ratio (linear time: ≤ 2.3), seconds per 10 MB (≤ 5 s) and peak RSS.
//!
//! ```text
//! cargo run --release --example scaling                 # full sizes (n and 2n)
//! cargo run --release --example scaling -- --scale 0.1  # a quick run at a tenth
//! cargo run --release --example scaling -- --only cues --trials 5
//! ```
//!
//! Each measurement runs in its own child process so that peak RSS (VmHWM) belongs to it;
//! n and 2n alternate `--trials` times (default 3) and the best time of each is kept.
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
    tokens: f64,
    analyze: f64,
    summary: f64,
    rss_kb: u64,
}

impl Run {
    /// Field-wise best time of two runs of the same case; the larger peak RSS.
    fn best(self, o: Run) -> Run {
        Run {
            bytes: self.bytes,
            split: self.split.min(o.split),
            tokens: self.tokens.min(o.tokens),
            analyze: self.analyze.min(o.analyze),
            summary: self.summary.min(o.summary),
            rss_kb: self.rss_kb.max(o.rss_kb),
        }
    }

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

/// On-CPU time of this thread in seconds (`/proc/thread-self/schedstat`, nanoseconds), so
/// that time spent waiting for a core on a loaded machine is not counted; wall-clock time
/// where that file does not exist.
fn cpu_now(wall: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map(|ns| ns as f64 / 1e9)
        .unwrap_or_else(|| wall.elapsed().as_secs_f64())
}

/// Child: build the text, time each stage (best of a few runs when fast), print one line.
fn child(name: &str, n: usize) {
    let g = adversarial::GENERATORS
        .iter()
        .find(|g| g.name == name)
        .expect("generator");
    let text = (g.make)(n);
    let analyzer = Analyzer::new();
    let (mut split, mut tokens, mut analyze, mut summary) =
        (f64::MAX, f64::MAX, f64::MAX, f64::MAX);
    let started = Instant::now();
    let clock = |since: f64| cpu_now(started) - since;
    for round in 0.. {
        let t = cpu_now(started);
        black_box(analyzer.splitter().split(black_box(&text)).len());
        split = split.min(clock(t));
        let t = cpu_now(started);
        black_box(khabar::Tokens::new(black_box(&text)).len());
        tokens = tokens.min(clock(t));
        let t = cpu_now(started);
        let a = analyzer.analyze(black_box(&text));
        analyze = analyze.min(clock(t));
        let t = cpu_now(started);
        black_box(a.summary(Budget::Sentences(3)).len());
        summary = summary.min(clock(t));
        drop(a);
        if round >= 4 || started.elapsed() > Duration::from_secs(2) {
            break;
        }
    }
    println!(
        "{} {split} {tokens} {analyze} {summary} {}",
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
    if !out.status.success() || f.len() != 6 {
        eprintln!(
            "{name} at {n}: child failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::process::exit(2);
    }
    Run {
        bytes: f[0].parse().unwrap(),
        split: f[1].parse().unwrap(),
        tokens: f[2].parse().unwrap(),
        analyze: f[3].parse().unwrap(),
        summary: f[4].parse().unwrap(),
        rss_kb: f[5].parse().unwrap(),
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
    let mut trials = 3usize;
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--scale" => {
                scale = args[i + 1].parse().expect("--scale F");
                i += 1;
            }
            "--trials" => {
                trials = args[i + 1].parse().expect("--trials K");
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
        "| input | n | MB at 2n | split s (n / 2n) | tokens s (n / 2n) | pipeline s (n / 2n) | ratio | s per 10 MB | peak RSS MB (2n) | RSS / input |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let mut failed = false;
    for g in &adversarial::GENERATORS {
        if only.as_deref().is_some_and(|o| o != g.name) {
            continue;
        }
        let n = ((g.full as f64) * scale).round().max(1.0) as usize;
        // Alternate n and 2n in separate processes and keep the best time of each: on a
        // shared machine the load changes between runs, and the ratio is what matters.
        let (mut a, mut b) = (measure(g.name, n), measure(g.name, 2 * n));
        for _ in 1..trials {
            a = a.best(measure(g.name, n));
            b = b.best(measure(g.name, 2 * n));
        }
        let ratio = b.total() / a.total().max(1e-9);
        let per10 = b.total() / (b.bytes as f64 / 10e6);
        let rss_mb = b.rss_kb as f64 / 1024.0;
        let bad = ratio > MAX_RATIO || per10 > MAX_SECS_PER_10MB;
        failed |= bad;
        println!(
            "| {} | {} {} | {:.1} | {:.3} / {:.3} | {:.3} / {:.3} | {:.3} / {:.3} | {:.2}{} | {:.3} | {:.0} | {:.1}x |",
            g.name,
            n,
            g.unit,
            b.bytes as f64 / 1e6,
            a.split,
            b.split,
            a.tokens,
            b.tokens,
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
