//! `khabar html`: a self-contained right-to-left HTML view of who said what.
//!
//! `khabar html ARTICLE.txt -o article.html` writes one page (stdout without `-o`);
//! `khabar html --jsonl IN.jsonl -o DIR/` (or any several inputs, a directory, a `.jsonl`
//! file) writes `DIR/00001.html`, … one page per record in input order, and
//! `DIR/index.html` listing them; `khabar html --from-analysis OUT.jsonl [IN...] -o DIR/`
//! renders the records of an earlier `khabar analyze` run without analysing again (with
//! the inputs it was made of, read alongside and matched by id, the texts are exact;
//! without them each text is rebuilt from the record's sentences).
//!
//! Each page is one file: inline CSS, a small inline script allowed by its hash in the
//! page's Content-Security-Policy, no external resource. All article text, ids, names and
//! rules are escaped ([`escape`]).

pub mod escape;
pub mod model;
pub mod render;
#[cfg(test)]
mod render_tests;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Args;
use khabar::{Analyzer, Budget};
use rayon::prelude::*;

use crate::analyze_cmd::BudgetArgs;
use crate::input::{self, Format, RawItem};
use crate::record::{self, RecordError};
use model::Article;
use render::IndexRow;

/// `khabar html` arguments.
#[derive(Args, Debug)]
pub struct HtmlArgs {
    /// Article files, directories or globs (as for `analyze`); stdin when none.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Read stdin and the named files as JSON lines `{"id", "text", "title"}`.
    #[arg(long)]
    pub jsonl: bool,
    /// Render the records of a `khabar analyze` output file (JSON lines) instead of
    /// analysing articles. Give the inputs that analysis was made of (same order, same ids)
    /// to show each text exactly; without them, each article's text is rebuilt from its
    /// sentences (spacing between sentences approximate).
    #[arg(long, value_name = "OUT.jsonl", conflicts_with = "jsonl")]
    pub from_analysis: Option<PathBuf>,
    /// The page to write (one article), or the directory for a batch (pages and
    /// index.html). One article goes to stdout without it.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub budget: BudgetArgs,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub threads: Option<u32>,
    /// Largest record accepted, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub max_record_mb: u32,
    /// No summary line on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// What a run did.
#[derive(Default)]
struct Stats {
    pages: usize,
    errors: usize,
    text_bytes: u64,
    render_time: Duration,
}

/// One record rendered, or why not.
enum Outcome {
    Page {
        html: String,
        row: IndexRow,
        text_bytes: usize,
        time: Duration,
    },
    Failed(RecordError),
}

/// The input record that goes with an analysis record (`--from-analysis` with inputs).
enum Paired {
    /// No inputs given: the text is the record's own or rebuilt.
    None,
    /// The inputs ended before the analysis.
    Missing,
    /// The input record, not yet decoded.
    Item(RawItem),
}

/// Records are rendered in parallel in chunks of this many, written in order.
const CHUNK: usize = 64;

struct Job<'a> {
    analyzer: Option<Analyzer>,
    budget: Budget,
    max_record: usize,
    index_link: Option<&'a str>,
}

impl Job<'_> {
    fn error(item: &RawItem, id: serde_json::Value, error: String) -> RecordError {
        RecordError::at(item, id, error)
    }

    fn one(&self, mut item: RawItem, input: Paired, ordinal: usize) -> Outcome {
        let file = format!("{ordinal:05}.html");
        match &self.analyzer {
            Some(analyzer) => {
                let rec = match record::decode(item, self.max_record) {
                    Ok(r) => r,
                    Err(e) => return Outcome::Failed(e),
                };
                let doc = analyzer.analyze_titled(&rec.text, rec.title.as_deref());
                let r = doc.record(self.budget);
                let a = Article::from_record(&rec.id, rec.title.as_deref(), &rec.text, &r);
                // The library's spans are valid by contract; checked anyway (cheap), so a
                // bug there becomes an error record, not a panic.
                match a.check() {
                    Ok(()) => self.page(&a, file),
                    Err(msg) => Outcome::Failed(RecordError {
                        id: rec.id.clone(),
                        file: None,
                        line: None,
                        offset: None,
                        error: format!("internal error, the analysis has a bad span: {msg}"),
                    }),
                }
            }
            None => {
                let payload =
                    std::mem::replace(&mut item.payload, input::Payload::Bytes(Vec::new()));
                let bytes = match payload {
                    input::Payload::Bytes(b) => b,
                    input::Payload::TooLong(n) => {
                        let msg = format!(
                            "record is {n} bytes, over the limit of {} bytes (--max-record-mb)",
                            self.max_record
                        );
                        return Outcome::Failed(Self::error(&item, serde_json::Value::Null, msg));
                    }
                    input::Payload::ReadError(m) => {
                        return Outcome::Failed(Self::error(&item, serde_json::Value::Null, m));
                    }
                };
                let line = match crate::input::utf8(bytes) {
                    Ok(s) => s,
                    Err(e) => {
                        let msg = format!(
                            "invalid UTF-8 at byte {} of the line",
                            e.utf8_error().valid_up_to()
                        );
                        return Outcome::Failed(Self::error(&item, serde_json::Value::Null, msg));
                    }
                };
                let line = line.trim_end_matches('\r');
                let input = match input {
                    Paired::None => None,
                    Paired::Missing => {
                        let msg = "the inputs hold fewer records than the analysis".to_string();
                        return Outcome::Failed(Self::error(&item, serde_json::Value::Null, msg));
                    }
                    Paired::Item(raw) => match record::decode(raw, self.max_record) {
                        Ok(r) => Some((r.id, r.text, r.title)),
                        Err(e) => {
                            let msg = format!("its input record is bad: {}", e.describe());
                            return Outcome::Failed(Self::error(&item, e.id, msg));
                        }
                    },
                };
                match Article::from_json_with(line, input) {
                    Ok(a) => match a.check() {
                        Ok(()) => self.page(&a, file),
                        Err(msg) => {
                            let id = serde_json::Value::String(a.id.clone());
                            Outcome::Failed(Self::error(&item, id, msg))
                        }
                    },
                    Err((id, msg)) => Outcome::Failed(Self::error(&item, id, msg)),
                }
            }
        }
    }

    fn page(&self, a: &Article, file: String) -> Outcome {
        let t = Instant::now();
        let mut html = String::new();
        render::page(a, self.index_link, &mut html);
        let time = t.elapsed();
        Outcome::Page {
            row: IndexRow {
                file: Some(file),
                title: a.display_title().to_string(),
                id: a.id.clone(),
                quotes: a.quotes.len(),
                speakers: a.speakers.len(),
            },
            html,
            text_bytes: a.text.len(),
            time,
        }
    }
}

fn is_dir_path(p: &Path) -> bool {
    p.is_dir()
        || p.as_os_str()
            .to_string_lossy()
            .ends_with(['/', std::path::MAIN_SEPARATOR])
}

/// Run `khabar html`.
pub fn run(args: HtmlArgs) -> Result<ExitCode> {
    let (sources, analyse) = match &args.from_analysis {
        Some(p) => (input::sources(std::slice::from_ref(p), true)?, false),
        None => (input::sources(&args.inputs, args.jsonl)?, true),
    };
    let single = analyse
        && sources.len() == 1
        && sources[0].format == Format::Text
        && !args.output.as_deref().is_some_and(is_dir_path);
    let dir = if single {
        None
    } else {
        let Some(d) = args.output.clone() else {
            bail!(
                "a batch (JSON lines, several files, --from-analysis) needs -o DIR for its pages"
            );
        };
        fs::create_dir_all(&d).with_context(|| format!("creating directory {}", d.display()))?;
        Some(d)
    };
    // With --from-analysis, the inputs (if any) are the texts the analysis was made of.
    let text_sources = if !analyse && !args.inputs.is_empty() {
        Some(input::sources(&args.inputs, args.jsonl)?)
    } else {
        None
    };
    let job = Job {
        analyzer: analyse.then(Analyzer::new),
        budget: args.budget.budget(),
        max_record: args.max_record_mb as usize * 1024 * 1024,
        index_link: dir.is_some().then_some("index.html"),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, |n| n as usize))
        .build()
        .context("starting worker threads")?;

    let mut stats = Stats::default();
    let mut rows: Vec<IndexRow> = Vec::new();
    let mut single_page: Option<Result<String, RecordError>> = None;
    let mut io_error: Option<anyhow::Error> = None;
    let mut chunk: Vec<(RawItem, Paired)> = Vec::with_capacity(CHUNK);
    let mut ordinal = 0usize;
    let started = Instant::now();

    let mut flush = |chunk: &mut Vec<(RawItem, Paired)>, ordinal: &mut usize| -> Result<()> {
        let first = *ordinal + 1;
        *ordinal += chunk.len();
        let items: Vec<(usize, (RawItem, Paired))> = chunk.drain(..).enumerate().collect();
        let outcomes: Vec<Outcome> = pool.install(|| {
            items
                .into_par_iter()
                .map(|(k, (item, input))| job.one(item, input, first + k))
                .collect()
        });
        for o in outcomes {
            match o {
                Outcome::Page {
                    html,
                    row,
                    text_bytes,
                    time,
                } => {
                    stats.pages += 1;
                    stats.text_bytes += text_bytes as u64;
                    stats.render_time += time;
                    match &dir {
                        Some(d) => {
                            let path = d.join(row.file.as_deref().unwrap_or_default());
                            fs::write(&path, html)
                                .with_context(|| format!("writing {}", path.display()))?;
                            rows.push(row);
                        }
                        None => single_page = Some(Ok(html)),
                    }
                }
                Outcome::Failed(e) => {
                    stats.errors += 1;
                    eprintln!("khabar: {}", e.describe());
                    rows.push(IndexRow {
                        file: None,
                        title: format!("تعذّر العرض: {}", e.error),
                        id: model::id_string(&e.id),
                        quotes: 0,
                        speakers: 0,
                    });
                    if dir.is_none() {
                        single_page = Some(Err(e));
                    }
                }
            }
        }
        Ok(())
    };

    let mut extra_inputs = false;
    std::thread::scope(|scope| {
        // The input texts, read alongside the analysis (bounded: a few chunks ahead).
        let texts = text_sources.as_ref().map(|srcs| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<RawItem>(CHUNK * 2);
            let max = job.max_record;
            scope.spawn(move || {
                input::read_items(srcs, max, Arc::new(AtomicU64::new(0)), |item, _| {
                    tx.send(item).is_ok()
                });
            });
            rx
        });
        input::read_items(
            &sources,
            job.max_record,
            Arc::new(AtomicU64::new(0)),
            |item, _| {
                let paired = match &texts {
                    None => Paired::None,
                    Some(rx) => rx.recv().map_or(Paired::Missing, Paired::Item),
                };
                chunk.push((item, paired));
                if chunk.len() >= CHUNK
                    && let Err(e) = flush(&mut chunk, &mut ordinal)
                {
                    io_error = Some(e);
                    return false;
                }
                true
            },
        );
        if let Some(rx) = texts {
            extra_inputs = rx.try_recv().is_ok() || rx.recv().is_ok();
            drop(rx); // ends the reader thread
        }
    });
    if let Some(e) = io_error {
        return Err(e);
    }
    flush(&mut chunk, &mut ordinal)?;
    if extra_inputs {
        stats.errors += 1;
        eprintln!(
            "khabar: the inputs hold more records than the analysis ({ordinal}): not the inputs it was made of?"
        );
    }

    match &dir {
        Some(d) => {
            let mut html = String::new();
            render::index(&rows, &mut html);
            let path = d.join("index.html");
            fs::write(&path, html).with_context(|| format!("writing {}", path.display()))?;
        }
        None => match single_page {
            Some(Ok(html)) => match &args.output {
                Some(p) => {
                    fs::write(p, html).with_context(|| format!("writing {}", p.display()))?
                }
                None => {
                    let mut out = std::io::stdout().lock();
                    match out.write_all(html.as_bytes()).and_then(|()| out.flush()) {
                        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                            return Ok(ExitCode::from(crate::EXIT_BROKEN_PIPE));
                        }
                        r => r.context("writing stdout")?,
                    }
                }
            },
            Some(Err(_)) => {}
            None => bail!("no input record"),
        },
    }
    if !args.quiet {
        let mb = stats.text_bytes as f64 / 1e6;
        let rt = stats.render_time.as_secs_f64();
        eprintln!(
            "khabar html: {} pages, {} errors{}; {:.1} MB of text in {:.2} s; rendering alone {:.3} s of worker time ({:.0} MB/s per thread)",
            stats.pages,
            stats.errors,
            dir.as_ref()
                .map(|d| format!(" in {}", d.display()))
                .unwrap_or_default(),
            mb,
            started.elapsed().as_secs_f64(),
            rt,
            if rt > 0.0 { mb / rt } else { 0.0 }
        );
    }
    Ok(if stats.errors > 0 {
        ExitCode::from(crate::EXIT_RECORD_ERRORS)
    } else {
        ExitCode::SUCCESS
    })
}
