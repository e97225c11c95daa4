//! The batch pipeline: one reader thread, a rayon pool of workers, and an in-order writer.
//!
//! ```text
//! reader ──(seq, chunk of raw records)──► workers (decode + analyse + render)
//!    ▲                                                  │ (seq, output bytes)
//!    │                                                  ▼
//!    └──── window credit, released when chunk `seq` has been written in order ── writer
//! ```
//!
//! The reader groups consecutive records into chunks (up to 64 records or 1 MB, sent early
//! whenever the input runs dry so that a slow producer still gets each result at once) and
//! takes a credit from the [`Window`] before handing a chunk out; the writer gives the
//! credit back once the chunk's output has been written in input order. So at most a few
//! chunks per worker (and about 16 MB of input) are in flight however large the input and
//! however slow one record is: memory stays bounded and output order equals input order.
//!
//! A record of [`STREAM_BYTES`] or more is not rendered into a buffer: its worker hands
//! the writer a channel first and then writes the record's output into it in pieces, which
//! the writer copies to the sink when the record's turn comes. Its output (twice the input
//! and more, for JSON) is then never held whole next to the record's analysis.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TryRecvError};
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
    /// Add N to the line numbers of JSON-lines input in error records: the lines before
    /// this input in a larger job (e.g. the first line of a Spark partition, minus one).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub line_offset: u64,
    /// Exit code when some records became error records (default 3). `0` makes record
    /// errors data only, so that a caller that fails on a non-zero exit (Spark's
    /// `rdd.pipe(cmd, checkCode=True)`) fails on crashes and I/O errors only.
    #[arg(long, value_name = "CODE", default_value_t = 3)] // the crate's EXIT_RECORD_ERRORS
    pub record_errors_exit: u8,
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
    /// Write the output of one record to `out` as it is produced: the path of a record of
    /// [`STREAM_BYTES`] or more. The bytes must be those [`Render::record`] appends, and
    /// nothing may be written before the record can no longer panic (a panic before the
    /// first byte gives the record its error record). The default renders into a buffer with
    /// [`Render::record`] and writes that.
    fn record_to<W: Write>(&self, rec: &InputRecord, out: &mut W) -> io::Result<()> {
        let mut buf = Vec::new();
        self.record(rec, &mut buf);
        out.write_all(&buf)
    }
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
    /// Input bytes (decompressed): the text.
    pub bytes: u64,
    /// Records whose output was streamed (see [`STREAM_BYTES`]).
    pub streamed: u64,
    /// Input bytes as read from the files and stdin (compressed when the file is): what the
    /// progress bar counts, and the base of the summary line's rate.
    pub read: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// The error that stopped the run under `--on-error=fail`.
    pub stopped_at: Option<RecordError>,
    /// True when stdout was closed by the reader downstream (a broken pipe).
    pub broken_pipe: bool,
    /// The exit code for a run with error records (`--record-errors-exit`).
    pub record_errors_exit: u8,
}

impl Stats {
    /// The summary line for stderr.
    pub fn summary(&self) -> String {
        let read = self.read as f64 / 1e6;
        let text = self.bytes as f64 / 1e6;
        let s = self.elapsed.as_secs_f64();
        // The text's size too when it differs (compressed input); line breaks between
        // records do not count as a difference.
        let of_text = if format!("{read:.1}") == format!("{text:.1}") {
            String::new()
        } else {
            format!(" ({text:.1} MB of text)")
        };
        format!(
            "khabar: {} records ({} ok, {} errors), {read:.1} MB read{of_text} in {s:.2} s ({:.1} MB/s)",
            self.records,
            self.records - self.errors,
            self.errors,
            if s > 0.0 { read / s } else { 0.0 }
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

/// Records handed to one worker at a time: consecutive records of the input, so that
/// threads synchronise once per chunk rather than once per record.
struct Chunk {
    seq: u64,
    items: Vec<input::RawItem>,
    bytes: u64,
}

/// A chunk is sent when it holds this many records or bytes, or when the input runs dry.
const CHUNK_RECORDS: usize = 64;
const CHUNK_BYTES: u64 = 1 << 20;

/// A record whose input has at least this many bytes has its output written in pieces as
/// it is produced (see the module's documentation), not buffered whole.
pub const STREAM_BYTES: u64 = 4 << 20;
/// The size of one piece of a streamed record's output.
const PIECE_BYTES: usize = 1 << 20;
/// Pieces that may wait for the writer (the worker blocks when they are all full).
const PIECES_IN_FLIGHT: usize = 4;

/// One record's place in a chunk's output.
struct Rendered {
    /// End of its output in [`Done::out`].
    end: usize,
    /// Input bytes.
    bytes: u64,
    /// Why it failed, if it did.
    error: Option<RecordError>,
}

/// One chunk's output, on its way to the writer.
struct Done {
    seq: u64,
    out: Vec<u8>,
    records: Vec<Rendered>,
    bytes: u64,
    /// The output of the chunk's last record, when it is streamed: it follows `out`.
    stream: Option<Receiver<Piece>>,
}

/// Part of a streamed record's output.
enum Piece {
    /// The next bytes of its output.
    Bytes(Vec<u8>),
    /// The end: how the record fared, and the last bytes of its output (its error record
    /// when it failed).
    End(Rendered, Vec<u8>),
}

/// The writer of a streamed record: sends its output in pieces of [`PIECE_BYTES`].
struct PieceWriter {
    tx: SyncSender<Piece>,
    buf: Vec<u8>,
    /// Whether a piece has been sent.
    sent: bool,
}

impl PieceWriter {
    fn send(&mut self) -> io::Result<()> {
        let piece = std::mem::replace(&mut self.buf, Vec::with_capacity(PIECE_BYTES));
        self.sent = true;
        self.tx
            .send(Piece::Bytes(piece))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the output was closed"))
    }
}

impl Write for PieceWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }
    fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        // Cut a long write into pieces too (a renderer that buffers its whole output).
        loop {
            let room = PIECE_BYTES - self.buf.len();
            let (now, rest) = buf.split_at(buf.len().min(room));
            self.buf.extend_from_slice(now);
            if self.buf.len() >= PIECE_BYTES {
                self.send()?;
            }
            if rest.is_empty() {
                return Ok(());
            }
            buf = rest;
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            Ok(())
        } else {
            self.send()
        }
    }
}

thread_local! {
    /// Where the last panic on this worker thread happened (set by the panic hook).
    static PANIC_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The name prefix of worker threads, whose panics [`install_panic_hook`] reports briefly.
pub const WORKER_PREFIX: &str = "khabar-worker-";

/// Install (once) a panic hook under which a panic on a worker thread prints one line on
/// stderr instead of a backtrace and leaves its location for the record's error record.
/// Panics elsewhere keep the default report.
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let worker = std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with(WORKER_PREFIX));
            if !worker {
                return default(info);
            }
            let at = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
            eprintln!(
                "khabar: internal error: the analyzer panicked at {}; the record gets an error \
                 record (please report it)",
                at.as_deref().unwrap_or("?")
            );
            PANIC_AT.with(|p| *p.borrow_mut() = at);
        }));
    });
}

/// Run `f` (one record's analysis); a panic becomes `Err(message)` naming where it happened.
pub fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let msg: String = msg.chars().take(300).collect();
        match PANIC_AT.with(|p| p.borrow_mut().take()) {
            Some(at) => format!("internal error: the analyzer panicked at {at}: {msg}"),
            None => format!("internal error: the analyzer panicked: {msg}"),
        }
    })
}

/// Decode, analyse and render one record into `out`; a panic in the analyzer becomes the
/// record's error record, so that one bad input never takes the run down.
fn render_one<R: Render>(
    render: &R,
    item: input::RawItem,
    max_record: usize,
    out: &mut Vec<u8>,
) -> Option<RecordError> {
    let start = out.len();
    let at = RecordError::at(&item, serde_json::Value::Null, String::new());
    let rec = match record::decode(item, max_record) {
        Ok(rec) => rec,
        Err(e) => {
            render.error(&e, out);
            return Some(e);
        }
    };
    let error = catch_panic(|| render.record(&rec, out)).err()?;
    out.truncate(start);
    let e = RecordError {
        id: rec.id.clone(),
        error,
        ..at
    };
    render.error(&e, out);
    Some(e)
}

/// [`render_one`] for a record of [`STREAM_BYTES`] or more: its output goes to `tx` in
/// pieces as it is produced, then [`Piece::End`].
fn stream_one<R: Render>(
    render: &R,
    item: input::RawItem,
    max_record: usize,
    tx: SyncSender<Piece>,
) {
    let bytes = item.len();
    let at = RecordError::at(&item, serde_json::Value::Null, String::new());
    let mut tail = Vec::new();
    let error = match record::decode(item, max_record) {
        Err(e) => {
            render.error(&e, &mut tail);
            Some(e)
        }
        Ok(rec) => {
            let mut w = PieceWriter {
                tx: tx.clone(),
                buf: Vec::with_capacity(PIECE_BYTES),
                sent: false,
            };
            let done = catch_panic(|| render.record_to(&rec, &mut w).and_then(|()| w.flush()));
            // A failed write: the writer has stopped reading (then nothing more reaches
            // it), or the renderer failed to serialise.
            let failed = match done {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(format!("internal error: writing the record failed: {e}")),
                Err(error) => Some(error),
            };
            match failed {
                None => None,
                Some(error) => {
                    if w.sent {
                        // Part of its output is out already (a renderer that writes before
                        // it can no longer fail): end that line before the error record.
                        tail.push(b'\n');
                    }
                    let e = RecordError {
                        id: rec.id.clone(),
                        error,
                        ..at
                    };
                    render.error(&e, &mut tail);
                    Some(e)
                }
            }
        }
    };
    let r = Rendered {
        end: tail.len(),
        bytes,
        error,
    };
    let _ = tx.send(Piece::End(r, tail));
}

/// Count one written record in `stats`; false when the run stops at it (a bad record under
/// `--on-error=fail`: it is not written).
fn count<R: Render>(
    stats: &mut Stats,
    r: &Rendered,
    fail_fast: bool,
    render: &R,
    pb: &ProgressBar,
) -> bool {
    if let Some(e) = &r.error {
        if fail_fast {
            stats.stopped_at = Some(e.clone());
            return false;
        }
        if !render.errors_in_data() {
            pb.suspend(|| eprintln!("khabar: {}", e.describe()));
        }
        stats.errors += 1;
    }
    stats.records += 1;
    stats.bytes += r.bytes;
    true
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
                    "{spinner} [{elapsed_precise}] {wide_bar} {decimal_bytes}/{decimal_total_bytes} read {decimal_bytes_per_sec} ETA {eta} {msg}",
                )
                .expect("valid template"),
            );
            pb
        }
        None => {
            let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            pb.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {decimal_bytes} read {decimal_bytes_per_sec} {msg}",
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
    run_streaming_from(sources, render, args, sink, STREAM_BYTES)
}

/// [`run`], streaming the output of a chunk's last record when its input has at least
/// `stream_bytes` bytes (tests stream small records with a low value).
fn run_streaming_from<R: Render>(
    sources: &[Source],
    render: &R,
    args: &BatchArgs,
    sink: &mut Sink,
    stream_bytes: u64,
) -> Result<Stats> {
    let start = Instant::now();
    install_panic_hook();
    let threads = args.threads.map_or(0, |n| n as usize);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("{WORKER_PREFIX}{i}"))
        .build()
        .context("starting worker threads")?;
    let workers = pool.current_num_threads();
    let window = Window {
        state: Mutex::new((0, 0)),
        freed: Condvar::new(),
        max_items: (workers * 4).max(8),
        max_bytes: 16 << 20,
        abort: AtomicBool::new(false),
    };
    let max_record = args.max_record();
    let disk_bytes = Arc::new(AtomicU64::new(0));
    let pb = progress_bar(sources, args.quiet);
    let fail_fast = args.on_error == OnError::Fail;
    let stdout = sink.is_stdout();

    let mut stats = Stats {
        record_errors_exit: args.record_errors_exit,
        ..Stats::default()
    };
    let sources: Vec<Source> = sources
        .iter()
        .map(|s| Source {
            line_offset: args.line_offset,
            ..s.clone()
        })
        .collect();
    let sources = &sources[..];
    let mut sink_error: Option<io::Error> = None;

    std::thread::scope(|scope| {
        let (work_tx, work_rx) = mpsc::sync_channel::<Chunk>(window.max_items);
        let (done_tx, done_rx) = mpsc::channel::<Done>();
        let window = &window;

        // Reader: in input order, chunk by chunk, one credit per chunk.
        let disk = disk_bytes.clone();
        scope.spawn(move || {
            let mut seq = 0u64;
            let mut chunk = Vec::new();
            let mut chunk_bytes = 0u64;
            let mut send = |items: Vec<input::RawItem>, bytes: u64| {
                if !window.acquire(bytes) {
                    return false;
                }
                let ok = work_tx.send(Chunk { seq, items, bytes }).is_ok();
                seq += 1;
                ok
            };
            let mut live = true;
            input::read_items(sources, max_record, disk, |item, buffered| {
                chunk_bytes += item.len();
                chunk.push(item);
                if !buffered || chunk.len() >= CHUNK_RECORDS || chunk_bytes >= CHUNK_BYTES {
                    live = send(std::mem::take(&mut chunk), std::mem::take(&mut chunk_bytes));
                }
                live
            });
            if live && !chunk.is_empty() {
                send(chunk, chunk_bytes);
            }
        });

        // Workers: decode, analyse, render each record of a chunk, in order.
        scope.spawn(move || {
            pool.install(|| {
                work_rx
                    .into_iter()
                    .par_bridge()
                    .for_each_with(done_tx, |tx, chunk| {
                        let mut items = chunk.items;
                        if window.abort.load(Ordering::Relaxed) {
                            items.clear();
                        }
                        // A large record ends its chunk (chunks are cut at CHUNK_BYTES).
                        let streamed = match items.last() {
                            Some(item) if item.len() >= stream_bytes => items.pop(),
                            _ => None,
                        };
                        let buffered: u64 = items.iter().map(|i| i.len()).sum();
                        let mut out = Vec::with_capacity(buffered as usize * 2);
                        let mut records = Vec::with_capacity(items.len());
                        for item in items {
                            let bytes = item.len();
                            let error = render_one(render, item, max_record, &mut out);
                            records.push(Rendered {
                                end: out.len(),
                                bytes,
                                error,
                            });
                        }
                        let (stream, pieces) = match streamed {
                            Some(item) => {
                                let (ptx, prx) = mpsc::sync_channel(PIECES_IN_FLIGHT);
                                (Some(prx), Some((item, ptx)))
                            }
                            None => (None, None),
                        };
                        let _ = tx.send(Done {
                            seq: chunk.seq,
                            out,
                            records,
                            bytes: chunk.bytes,
                            stream,
                        });
                        // The writer reads the pieces when the chunk's turn comes; the
                        // chunks before it are with other workers or done, so this wait
                        // ends.
                        if let Some((item, ptx)) = pieces {
                            stream_one(render, item, max_record, ptx);
                        }
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
                // Under --on-error=fail, the chunk's output ends before its first bad record.
                let mut end = d.out.len();
                let mut start = 0;
                for r in &d.records {
                    if !count(&mut stats, r, fail_fast, render, &pb) {
                        end = start;
                        break;
                    }
                    start = r.end;
                }
                if let Err(e) = sink.write_all(&d.out[..end]) {
                    sink_error = Some(e);
                    stopped = true;
                    window.abort();
                    continue;
                }
                if stats.stopped_at.is_some() {
                    stopped = true;
                    window.abort();
                    continue;
                }
                // A streamed last record: copy its pieces as they come. Dropping the
                // receiver (on a failure) makes its worker give up.
                if let Some(pieces) = d.stream {
                    for piece in pieces.iter() {
                        let (bytes, last) = match &piece {
                            Piece::Bytes(b) => (&b[..], false),
                            Piece::End(r, tail) => {
                                stats.streamed += 1;
                                let keep = count(&mut stats, r, fail_fast, render, &pb);
                                (if keep { &tail[..] } else { &[][..] }, true)
                            }
                        };
                        if let Err(e) = sink.write_all(bytes) {
                            sink_error = Some(e);
                            stopped = true;
                            window.abort();
                            break;
                        }
                        if last {
                            break;
                        }
                    }
                    if stopped {
                        continue;
                    }
                    if stats.stopped_at.is_some() {
                        stopped = true;
                        window.abort();
                        continue;
                    }
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
    stats.read = disk_bytes.load(Ordering::Relaxed);
    if let Some(e) = sink_error {
        if e.kind() == io::ErrorKind::BrokenPipe {
            stats.broken_pipe = true;
        } else {
            return Err(anyhow::Error::new(e).context("writing output"));
        }
    }
    Ok(stats)
}

/// End a batch run: report on stderr, then publish the output unless the run stopped early.
pub(crate) fn finish(sink: Sink, stats: &Stats, args: &BatchArgs) -> Result<()> {
    if let Some(e) = &stats.stopped_at {
        drop(sink); // removes an unfinished --output file
        eprintln!(
            "khabar: stopped at the first bad record (--on-error=fail): {}",
            e.describe()
        );
    } else if stats.broken_pipe {
        drop(sink);
    } else {
        sink.finish()?;
    }
    if !args.quiet && !stats.broken_pipe {
        eprintln!("{}", stats.summary());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Format;
    use clap::Parser;

    /// Writes the id of each record; panics on the text "boom".
    struct Echo;

    impl Render for Echo {
        fn record(&self, rec: &InputRecord, out: &mut Vec<u8>) {
            out.extend_from_slice(b"partial");
            assert!(rec.text != "boom", "boom");
            out.truncate(out.len() - b"partial".len());
            out.extend_from_slice(format!("{}\n", rec.id).as_bytes());
        }
        fn error(&self, err: &RecordError, out: &mut Vec<u8>) {
            out.extend_from_slice(format!("error {} {}\n", err.id, err.error).as_bytes());
        }
    }

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        batch: BatchArgs,
    }

    fn run_on(lines: &[String], extra: &[&str]) -> (Stats, String) {
        run_with(&Echo, lines, extra, STREAM_BYTES)
    }

    /// Run `render` on `lines` (a JSON-lines file), streaming records of `stream_bytes` or
    /// more; the stats and the output.
    fn run_with<R: Render>(
        render: &R,
        lines: &[String],
        extra: &[&str],
        stream_bytes: u64,
    ) -> (Stats, String) {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.jsonl");
        std::fs::write(&input, lines.join("\n")).unwrap();
        let out = dir.path().join("out.txt");
        let mut argv = vec!["t", "--quiet"];
        argv.extend_from_slice(extra);
        let args = Cli::parse_from(argv).batch;
        let src = vec![Source {
            path: Some(input),
            format: Format::Jsonl,
            gz: false,
            size: None,
            line_offset: 0,
        }];
        let mut sink = Sink::open(Some(&out)).unwrap();
        let stats = run_streaming_from(&src, render, &args, &mut sink, stream_bytes).unwrap();
        sink.finish().unwrap();
        let out = std::fs::read_to_string(out).unwrap();
        // Error records name the input file: the same name in every run.
        let dir = dir.path().to_str().unwrap();
        (stats, out.replace(dir, "DIR"))
    }

    #[test]
    fn a_panicking_record_becomes_an_error_record() {
        let lines: Vec<String> = ["a", "b", "boom", "d"]
            .iter()
            .map(|t| format!("{{\"id\": \"{t}\", \"text\": \"{t}\"}}"))
            .collect();
        let (stats, out) = run_on(&lines, &[]);
        assert_eq!((stats.records, stats.errors), (4, 1));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!((lines[0], lines[1], lines[3]), ("\"a\"", "\"b\"", "\"d\""));
        let err = lines[2];
        assert!(
            err.starts_with("error \"boom\" internal error: the analyzer panicked at "),
            "{err}"
        );
        assert!(
            err.contains("batch.rs:") && err.ends_with(": boom"),
            "{err}"
        );
    }

    #[test]
    fn fail_fast_cuts_a_chunk_before_its_first_bad_record() {
        let mut lines: Vec<String> = (0..300)
            .map(|i| format!("{{\"id\": {i}, \"text\": \"x\"}}"))
            .collect();
        lines[150] = "{bad".into();
        let (stats, out) = run_on(&lines, &["--on-error", "fail", "--threads", "2"]);
        assert_eq!(stats.records, 150);
        assert_eq!(stats.stopped_at.as_ref().and_then(|e| e.line), Some(151));
        let ids: Vec<String> = (0..150).map(|i| format!("{i}\n")).collect();
        assert_eq!(out, ids.concat());
    }

    /// Writes each record's text on a line; streamed, 1,000 bytes at a time. Panics on the
    /// text "boom".
    struct Copy;

    impl Render for Copy {
        fn record(&self, rec: &InputRecord, out: &mut Vec<u8>) {
            assert!(rec.text != "boom", "boom");
            out.extend_from_slice(rec.text.as_bytes());
            out.push(b'\n');
        }
        fn record_to<W: Write>(&self, rec: &InputRecord, out: &mut W) -> io::Result<()> {
            assert!(rec.text != "boom", "boom");
            for piece in rec.text.as_bytes().chunks(1000) {
                out.write_all(piece)?;
            }
            out.write_all(b"\n")
        }
        fn error(&self, err: &RecordError, out: &mut Vec<u8>) {
            Echo.error(err, out)
        }
    }

    /// [`Copy`] with the default streamed path (its whole output in one write).
    struct CopyWhole;

    impl Render for CopyWhole {
        fn record(&self, rec: &InputRecord, out: &mut Vec<u8>) {
            Copy.record(rec, out)
        }
        fn error(&self, err: &RecordError, out: &mut Vec<u8>) {
            Echo.error(err, out)
        }
    }

    /// A text of `n` bytes that differs from place to place (so that a piece written out
    /// of order or twice shows).
    fn long_text(n: usize, seed: usize) -> String {
        (0..n)
            .map(|i| (b'a' + ((i / 7 + i * seed) % 26) as u8) as char)
            .collect()
    }

    #[test]
    fn streamed_records_keep_their_place_and_bytes() {
        let texts = [
            "a".to_string(),
            long_text(3 << 20, 1),
            "boom".to_string(),
            "b".to_string(),
            long_text(1 << 20, 3),
            long_text(2 << 20, 5),
        ];
        let mut lines: Vec<String> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{{\"id\": {i}, \"text\": \"{t}\"}}"))
            .collect();
        // A long line cut short: an error record in its place, with the id read up to the
        // fault.
        lines.insert(
            3,
            format!("{{\"id\": \"cut\", \"text\": \"{}", long_text(2 << 20, 7)),
        );
        let (stats, buffered) = run_with(&Copy, &lines, &["--threads", "3"], u64::MAX);
        assert_eq!((stats.records, stats.errors, stats.streamed), (7, 2, 0));
        let out: Vec<&str> = buffered.lines().collect();
        assert_eq!(out.len(), 7);
        for (i, j) in [(0, 0), (1, 1), (4, 3), (5, 4), (6, 5)] {
            assert!(out[i] == texts[j], "line {i}");
        }
        assert!(out[2].starts_with("error 2 internal error: the analyzer panicked"));
        assert!(
            out[3].starts_with("error \"cut\" malformed JSON: "),
            "{}",
            &out[3][..80]
        );
        // Streamed from 1 MiB (records 1, 3, 5, 6) or every chunk's last record: the same.
        for (from, threads) in [(1 << 20, "3"), (1 << 20, "1"), (0, "2")] {
            let (stats, streamed) = run_with(&Copy, &lines, &["--threads", threads], from);
            assert_eq!((stats.records, stats.errors), (7, 2));
            assert!(stats.streamed >= 4, "{}", stats.streamed);
            assert!(
                streamed == buffered,
                "streamed from {from} bytes, {threads} threads"
            );
        }
        let (stats, streamed) = run_with(&CopyWhole, &lines, &[], 1 << 20);
        assert_eq!((stats.records, stats.errors, stats.streamed), (7, 2, 4));
        assert!(streamed == buffered, "the default streamed path");
        // A streamed record that panics before its first byte: its error record.
        let (stats, out) = run_with(&Copy, &lines[2..3], &[], 0);
        assert_eq!((stats.records, stats.errors, stats.streamed), (1, 1, 1));
        assert!(out.starts_with("error 2 internal error: the analyzer panicked"));
        assert_eq!(out.lines().count(), 1);
    }

    #[test]
    fn fail_fast_stops_before_a_bad_streamed_record() {
        let mut lines: Vec<String> = (0..5)
            .map(|i| format!("{{\"id\": {i}, \"text\": \"{}\"}}", long_text(1000, i)))
            .collect();
        lines.push(format!(
            "{{\"id\": 5, \"text\": \"{}\"}}",
            long_text(2 << 20, 2)
        ));
        lines.push(format!(
            "{{\"id\": 6, \"text\": {}}}",
            long_text(2 << 20, 3)
        ));
        lines.push("{\"id\": 7, \"text\": \"x\"}".into());
        let (stats, out) = run_with(&Copy, &lines, &["--on-error", "fail"], 1 << 20);
        assert_eq!((stats.records, stats.streamed), (6, 2));
        assert_eq!(stats.stopped_at.as_ref().and_then(|e| e.line), Some(7));
        assert_eq!(out.lines().count(), 6);
        assert!(out.ends_with(&format!("{}\n", long_text(2 << 20, 2))));
    }

    #[test]
    fn analyze_streams_the_bytes_it_buffers() {
        // Invented news sentences (with quotes, speakers and numbers) repeated to a few MB
        // of JSON output, so that a streamed record is written in several pieces.
        let para = |i: usize| {
            format!(
                "قال رئيس الغرفة التجارية إن الصادرات ارتفعت بنسبة {i} في المئة خلال الربع \
                 الأول. وأضاف في بيان: «نتوقع نمواً أكبر في العام المقبل». من جهتها، أكدت \
                 وزارة الاقتصاد أن الخطة رقم {i} تسير وفق الجدول المحدد.\n\n"
            )
        };
        let big: String = (0..1500).map(para).collect();
        assert!(big.len() > 256 << 10);
        // The long record last, so that it ends its chunk (which is then under 1 MiB).
        let mut lines: Vec<String> = [para(1), para(2), big]
            .iter()
            .enumerate()
            .map(|(i, t)| serde_json::json!({"id": i, "text": t}).to_string())
            .collect();
        lines.insert(2, "{\"id\": 9}".to_string());
        let render =
            crate::analyze_cmd::Analyze::new(khabar::Budget::default(), None, false).unwrap();
        let (stats, buffered) = run_with(&render, &lines, &[], u64::MAX);
        assert_eq!((stats.records, stats.errors), (4, 1));
        let out: Vec<&str> = buffered.lines().collect();
        assert_eq!(out.len(), 4);
        assert!(
            out[2].contains("record has no \\\"text\\\" field"),
            "{}",
            out[2]
        );
        assert!(out[3].len() > 2 * PIECE_BYTES, "{}", out[3].len());
        let v: serde_json::Value = serde_json::from_str(out[3]).unwrap();
        assert_eq!(v["id"], 2);
        assert_eq!(v["sentences"].as_array().map(Vec::len), Some(3 * 1500));
        assert_eq!(stats.streamed, 0);
        let (stats, streamed) = run_with(&render, &lines, &[], 256 << 10);
        assert_eq!(stats.streamed, 1);
        assert!(streamed == buffered);
    }

    #[test]
    fn the_window_bounds_items_and_bytes() {
        let w = Window {
            state: Mutex::new((0, 0)),
            freed: Condvar::new(),
            max_items: 2,
            max_bytes: 100,
            abort: AtomicBool::new(false),
        };
        assert!(w.acquire(1000)); // alone, an item over the byte limit still fits
        w.release(1000);
        assert!(w.acquire(60));
        assert!(w.acquire(40));
        assert_eq!(*w.state.lock().unwrap(), (2, 100));
        std::thread::scope(|s| {
            let blocked = s.spawn(|| w.acquire(1));
            std::thread::sleep(Duration::from_millis(50));
            assert!(!blocked.is_finished(), "a full window blocks the reader");
            w.release(60);
            assert!(blocked.join().unwrap());
        });
        std::thread::scope(|s| {
            let blocked = s.spawn(|| w.acquire(90)); // 41 + 90 > 100 bytes: waits
            std::thread::sleep(Duration::from_millis(50));
            assert!(!blocked.is_finished());
            w.abort();
            assert!(
                !blocked.join().unwrap(),
                "abort wakes the reader with a refusal"
            );
        });
    }
}
