//! The batch pipeline: one reader thread, a rayon pool of workers, and an in-order writer.
//!
//! ```text
//! reader ──(seq, raw item)──► workers (decode + analyse + render) ──(seq, bytes)──► writer
//!    ▲                                                                                 │
//!    └──────────────── window credit: released when item `seq` is written ◄────────────┘
//! ```
//!
//! The reader takes a credit from the [`Window`] before handing out an item, and the writer
//! gives it back once the item's output has been written in input order. So at most
//! `window` records (and about `window_bytes` of input) are in flight at any time, however
//! large the input and however slow one record is: memory stays bounded and output order
//! equals input order.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, TryRecvError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::iter::{ParallelBridge, ParallelIterator};

use crate::input::{self, Source};
use crate::output::Sink;
use crate::record::{self, InputRecord, RecordError};

/// What to do with a record that cannot be analysed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OnError {
    /// Write an error record in its place and go on (exit code 3 at the end).
    Record,
    /// Stop at the first one (exit code 3; an `--output` file is not created).
    Fail,
}

/// Options shared by the batch commands.
#[derive(Args, Clone, Debug)]
pub struct BatchArgs {
    /// Files, directories or globs to read; stdin when none (or `-`). `.jsonl`/`.ndjson`
    /// files hold one record per line, other files are one text record each; `.gz` is read
    /// compressed. Directories are walked for .txt/.jsonl/.ndjson (+ .gz) files.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<std::path::PathBuf>,
    /// Read stdin and the named files as JSON lines `{"id", "text", "title"}`.
    #[arg(long)]
    pub jsonl: bool,
    /// Write to FILE (via a temporary name, renamed when complete) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub threads: Option<u32>,
    /// On a bad record: write an error record and go on, or stop.
    #[arg(long, value_enum, default_value_t = OnError::Record, value_name = "MODE")]
    pub on_error: OnError,
    /// No progress bar and no summary line on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Largest record accepted, in MiB; a longer line or file becomes an error record.
    #[arg(long, value_name = "MIB", default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub max_record_mb: u32,
}

impl BatchArgs {
    /// The largest record in bytes.
    pub fn max_record(&self) -> usize {
        self.max_record_mb as usize * 1024 * 1024
    }
}

/// How one command turns records into output bytes. Called from worker threads.
pub trait Render: Sync {
    /// Append the output of one record.
    fn record(&self, rec: &InputRecord, out: &mut Vec<u8>);
    /// Append the output standing for a failed record (an error record), or nothing when
    /// this command reports errors on stderr only.
    fn error(&self, err: &RecordError, out: &mut Vec<u8>);
    /// Whether [`Render::error`] writes to the data stream (else the writer prints errors
    /// on stderr).
    fn errors_in_data(&self) -> bool {
        true
    }
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Stats {
    /// Input records (good and bad).
    pub records: u64,
    /// Records that became error records.
    pub errors: u64,
    /// Input bytes (decompressed).
    pub bytes: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// The error that stopped the run under `--on-error=fail`.
    pub stopped_at: Option<RecordError>,
    /// True when stdout was closed by the reader downstream (a broken pipe).
    pub broken_pipe: bool,
}

impl Stats {
    /// The summary line for stderr.
    pub fn summary(&self) -> String {
        let mb = self.bytes as f64 / 1e6;
        let s = self.elapsed.as_secs_f64();
        format!(
            "khabar: {} records ({} ok, {} errors), {:.1} MB in {:.2} s ({:.1} MB/s)",
            self.records,
            self.records - self.errors,
            self.errors,
            mb,
            s,
            if s > 0.0 { mb / s } else { 0.0 }
        )
    }
}

/// Credits for items in flight between the reader and the writer.
struct Window {
    state: Mutex<(usize, u64)>,
    freed: Condvar,
    max_items: usize,
    max_bytes: u64,
    abort: AtomicBool,
}

impl Window {
    /// Wait for room for an item of `bytes`; false when the run is aborted. An item always
    /// fits when nothing else is in flight, so a single huge record cannot block.
    fn acquire(&self, bytes: u64) -> bool {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if self.abort.load(Ordering::Relaxed) {
                return false;
            }
            let (n, b) = *st;
            if n == 0 || (n < self.max_items && b + bytes <= self.max_bytes) {
                *st = (n + 1, b + bytes);
                return true;
            }
            st = self.freed.wait(st).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn release(&self, bytes: u64) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.0 -= 1;
        st.1 -= bytes;
        self.freed.notify_all();
    }

    fn abort(&self) {
        let _st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        self.abort.store(true, Ordering::Relaxed);
        self.freed.notify_all();
    }
}

/// One item's output, on its way to the writer.
struct Done {
    seq: u64,
    out: Vec<u8>,
    error: Option<RecordError>,
    bytes: u64,
}

fn progress_bar(sources: &[Source], quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let total: Option<u64> = sources.iter().map(|s| s.size).sum();
    let pb = match total {
        Some(t) => {
            let pb = ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr());
            pb.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
                )
                .expect("valid template"),
            );
            pb
        }
        None => {
            let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            pb.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bytes} {binary_bytes_per_sec} {msg}",
                )
                .expect("valid template"),
            );
            pb
        }
    };
    pb.enable_steady_tick(Duration::from_millis(200));
    pb
}

/// Run `render` over every record of `sources`, writing to `sink` in input order.
/// Record errors are counted in the returned [`Stats`]; only I/O failures of the sink are
/// returned as errors.
pub fn run<R: Render>(
    sources: &[Source],
    render: &R,
    args: &BatchArgs,
    sink: &mut Sink,
) -> Result<Stats> {
    let start = Instant::now();
    let threads = args.threads.map_or(0, |n| n as usize);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("khabar-worker-{i}"))
        .build()
        .context("starting worker threads")?;
    let workers = pool.current_num_threads();
    let window = Window {
        state: Mutex::new((0, 0)),
        freed: Condvar::new(),
        max_items: (workers * 32).max(64),
        max_bytes: 16 << 20,
        abort: AtomicBool::new(false),
    };
    let max_record = args.max_record();
    let disk_bytes = Arc::new(AtomicU64::new(0));
    let pb = progress_bar(sources, args.quiet);
    let fail_fast = args.on_error == OnError::Fail;
    let stdout = sink.is_stdout();

    let mut stats = Stats::default();
    let mut sink_error: Option<io::Error> = None;

    std::thread::scope(|scope| {
        let (work_tx, work_rx) = mpsc::sync_channel::<(u64, input::RawItem)>(window.max_items);
        let (done_tx, done_rx) = mpsc::channel::<Done>();
        let window = &window;

        // Reader: in input order, one credit per item.
        let disk = disk_bytes.clone();
        scope.spawn(move || {
            let mut seq = 0u64;
            input::read_items(sources, max_record, disk, |item| {
                if !window.acquire(item.len()) {
                    return false;
                }
                let ok = work_tx.send((seq, item)).is_ok();
                seq += 1;
                ok
            });
        });

        // Workers: decode, analyse, render; a panic in one record becomes its error record.
        scope.spawn(move || {
            pool.install(|| {
                work_rx
                    .into_iter()
                    .par_bridge()
                    .for_each_with(done_tx, |tx, (seq, item)| {
                        let bytes = item.len();
                        if window.abort.load(Ordering::Relaxed) {
                            let _ = tx.send(Done {
                                seq,
                                out: Vec::new(),
                                error: None,
                                bytes,
                            });
                            return;
                        }
                        let mut out = Vec::new();
                        let error = match record::decode(item, max_record) {
                            Ok(rec) => {
                                let r = catch_unwind(AssertUnwindSafe(|| {
                                    render.record(&rec, &mut out)
                                }));
                                match r {
                                    Ok(()) => None,
                                    Err(p) => {
                                        let msg = p
                                            .downcast_ref::<&str>()
                                            .map(|s| s.to_string())
                                            .or_else(|| p.downcast_ref::<String>().cloned())
                                            .unwrap_or_default();
                                        out.clear();
                                        let e = RecordError {
                                            id: rec.id.clone(),
                                            file: None,
                                            line: None,
                                            error: format!(
                                                "internal error: the analyzer panicked: {msg}"
                                            ),
                                        };
                                        render.error(&e, &mut out);
                                        Some(e)
                                    }
                                }
                            }
                            Err(e) => {
                                render.error(&e, &mut out);
                                Some(e)
                            }
                        };
                        let _ = tx.send(Done {
                            seq,
                            out,
                            error,
                            bytes,
                        });
                    });
            });
        });

        // Writer (this thread): reorder, write, give credits back.
        let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
        let mut next = 0u64;
        let mut stopped = false;
        let mut last_msg = Instant::now();
        loop {
            let d = match done_rx.try_recv() {
                Ok(d) => d,
                Err(TryRecvError::Empty) => {
                    // Caught up with the workers: let downstream readers see what we have.
                    if stdout
                        && !stopped
                        && let Err(e) = sink.flush()
                    {
                        sink_error = Some(e);
                        stopped = true;
                        window.abort();
                    }
                    match done_rx.recv() {
                        Ok(d) => d,
                        Err(_) => break,
                    }
                }
                Err(TryRecvError::Disconnected) => break,
            };
            pending.insert(d.seq, d);
            while let Some(d) = pending.remove(&next) {
                next += 1;
                window.release(d.bytes);
                if stopped {
                    continue;
                }
                if let Some(e) = &d.error {
                    if fail_fast {
                        stats.stopped_at = Some(e.clone());
                        stopped = true;
                        window.abort();
                        continue;
                    }
                    if !render.errors_in_data() {
                        pb.suspend(|| eprintln!("khabar: {}", e.describe()));
                    }
                }
                stats.records += 1;
                stats.errors += d.error.is_some() as u64;
                stats.bytes += d.bytes;
                if let Err(e) = sink.write_all(&d.out) {
                    sink_error = Some(e);
                    stopped = true;
                    window.abort();
                    continue;
                }
                pb.set_position(disk_bytes.load(Ordering::Relaxed));
                if last_msg.elapsed() > Duration::from_millis(100) {
                    last_msg = Instant::now();
                    pb.set_message(format!(
                        "{} records, {} errors, {:.1} MB of text",
                        stats.records,
                        stats.errors,
                        stats.bytes as f64 / 1e6
                    ));
                }
            }
        }
    });
    pb.finish_and_clear();
    stats.elapsed = start.elapsed();
    if let Some(e) = sink_error {
        if e.kind() == io::ErrorKind::BrokenPipe {
            stats.broken_pipe = true;
        } else {
            return Err(anyhow::Error::new(e).context("writing output"));
        }
    }
    Ok(stats)
}
