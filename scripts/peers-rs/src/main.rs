//! Times khabar and the Rust peers on the same texts: one timed pass per tool per call.
//!
//! `khabar-peers TEXTS.jsonl` — one `{"text": …}` per line (an article). The driver,
//! `scripts/compare_peers.sh`, calls this once per round, alternating with the Python
//! peers (`scripts/peers_py.py`), and takes the best and the median over the rounds, so
//! that every tool is timed the same way. Splitters that ignore line structure (sentencex,
//! ICU, unicode-segmentation) get one call per non-blank line; khabar gets one call per
//! article (it reads the lines itself) and, for comparison, one per line. Each tool runs
//! one untimed warm-up pass over the first articles first (lazy tables, page faults).
//!
//! Each peer's passes are paired with khabar's: six whole passes each, back to back, in the
//! order peer, khabar, khabar, peer, peer, khabar (the peer on the lines, khabar on the
//! articles), reported as the mean pass of each, khabar's as "khabar with PEER". Both come
//! from the same ~0.1 s, so the driver's ratio of the two does not move with this machine's
//! speed, which drifts by up to 1.6x within minutes (a 5 ms pass of one tool and of another,
//! a round apart, do not compare).
//!
//! Prints one tab-separated line per tool: tool, task, bytes of article text, wall seconds,
//! on-CPU seconds of the timing thread, count (sentences, or quotes + summary sentences).
//! Every tool runs on this one thread, so its CPU time is what the tool costs, and it holds
//! on a busy machine where wall time does not.

use std::hint::black_box;
use std::io::BufRead;
use std::time::Instant;

use unicode_segmentation::UnicodeSegmentation;

/// On-CPU time of this thread in seconds (`CLOCK_THREAD_CPUTIME_ID`, as Python's
/// `time.thread_time`).
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn cpu_now() -> f64 {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    unsafe extern "C" {
        fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; the call only writes into it.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    ts.sec as f64 + ts.nsec as f64 / 1e9
}

/// Elsewhere: wall time stands in for CPU time.
#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn cpu_now() -> f64 {
    use std::sync::OnceLock;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// One untimed pass over `warm`, then one timed pass over `all`: (wall, CPU, count).
fn time<T: ?Sized, F: FnMut(&T) -> usize>(warm: &[&T], all: &[&T], mut f: F) -> (f64, f64, usize) {
    black_box(warm.iter().map(|t| f(t)).sum::<usize>());
    let (t, c) = (Instant::now(), cpu_now());
    let n = black_box(all.iter().map(|t| f(black_box(t))).sum::<usize>());
    (t.elapsed().as_secs_f64(), cpu_now() - c, n)
}

/// Wall seconds, CPU seconds and count, summed over chunks.
#[derive(Default)]
struct Sum(f64, f64, usize);

impl Sum {
    fn add<F: FnOnce() -> usize>(&mut self, f: F) {
        let (t, c) = (Instant::now(), cpu_now());
        self.2 += black_box(f());
        self.0 += t.elapsed().as_secs_f64();
        self.1 += cpu_now() - c;
    }
}

/// Passes of `peer` (over the lines) and of `mine` (khabar, over the articles), paired:
/// `REPS` times the two in a row, the order alternating (peer, khabar, khabar, peer, …), each
/// a whole pass with warm caches: (peer's total, khabar's total).
fn paired<P: FnMut(&str) -> usize, M: FnMut(&str) -> usize>(
    lines: &[&str],
    articles: &[&str],
    mut peer: P,
    mut mine: M,
) -> ((f64, f64, usize), (f64, f64, usize)) {
    const REPS: usize = 6;
    let (mut p, mut m) = (Sum::default(), Sum::default());
    for i in 0..REPS {
        let mut theirs = |p: &mut Sum| p.add(|| lines.iter().map(|l| peer(black_box(l))).sum());
        let mut ours = |m: &mut Sum| m.add(|| articles.iter().map(|t| mine(black_box(t))).sum());
        if i % 2 == 0 {
            theirs(&mut p);
            ours(&mut m);
        } else {
            ours(&mut m);
            theirs(&mut p);
        }
    }
    // One pass's time, the count of one pass.
    let per = |s: &Sum| (s.0 / REPS as f64, s.1 / REPS as f64, s.2 / REPS);
    (per(&p), per(&m))
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: khabar-peers TEXTS.jsonl");
    let file = std::io::BufReader::new(std::fs::File::open(&path).expect("open texts"));
    let texts: Vec<String> = file
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.expect("line")).expect("json");
            v["text"].as_str().unwrap_or("").to_string()
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let articles: Vec<&str> = texts.iter().map(String::as_str).collect();
    let lines: Vec<&str> = articles
        .iter()
        .flat_map(|t| t.lines())
        .filter(|l| !l.trim().is_empty())
        .collect();
    let warm_articles = &articles[..articles.len().min(20)];
    let warm_lines = &lines[..lines.len().min(200)];
    let report = |tool: &str, task: &str, (secs, cpu, n): (f64, f64, usize)| {
        println!("{tool}\t{task}\t{bytes}\t{secs:.6}\t{cpu:.6}\t{n}");
    };

    let splitter = khabar::Splitter::new();
    report(
        "khabar",
        "split",
        time(warm_articles, &articles, |t: &str| splitter.split(t).len()),
    );
    report(
        "khabar (per line)",
        "split",
        time(warm_lines, &lines, |l: &str| splitter.split(l).len()),
    );
    let mine = |t: &str| splitter.split(t).len();
    let peer = |tool: &str, f: &mut dyn FnMut(&str) -> usize| {
        black_box(warm_lines.iter().map(|l| f(l)).sum::<usize>());
        let (theirs, ours) = paired(&lines, &articles, f, mine);
        report(tool, "split", theirs);
        report(&format!("khabar with {tool}"), "split", ours);
    };
    peer("sentencex (Rust)", &mut |l: &str| {
        sentencex::segment("ar", l).len()
    });
    let icu = icu_segmenter::SentenceSegmenter::new(Default::default());
    peer("icu_segmenter", &mut |l: &str| {
        icu.segment_str(l).count().saturating_sub(1)
    });
    peer("unicode-segmentation", &mut |l: &str| {
        l.split_sentence_bound_indices().count()
    });
    let analyzer = khabar::Analyzer::new();
    report(
        "khabar",
        "analyze",
        time(warm_articles, &articles, |t: &str| {
            let a = analyzer.analyze(t);
            a.quotes().len() + a.summary(khabar::Budget::Sentences(3)).len()
        }),
    );
}
