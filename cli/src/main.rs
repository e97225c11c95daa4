//! The `khabar` command line tool.
//!
//! Exit codes: 0 when every record was analysed, 3 when some records failed (each has an
//! error record in the output; with `--on-error=fail` the run stops at the first;
//! `--record-errors-exit CODE` changes the 3 of error records), 2 on a usage or I/O error,
//! 141 when stdout was closed by the reader downstream.

use std::io;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc as the allocator (`--features mimalloc`): musl's own allocator makes the static
/// build much slower (many small allocations per article).
/// The static musl binary links khabar-memfns's `memcpy`, `memmove`, `memset`, `memcmp` and
/// `bcmp` instead of musl's (see that crate); naming the crate makes the link include it.
#[cfg(all(target_env = "musl", target_arch = "x86_64"))]
use khabar_memfns as _;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options for a batch run, each changed only when its `MIMALLOC_…` variable is
/// not set (the user's setting wins) and it still has the default of the bundled mimalloc v3:
///
/// - `purge_delay` −1: keep the pages mimalloc frees for reuse instead of returning them to
///   the OS after 1 s. An archive run frees and reallocates each article's memory, and
///   purged pages fault in again, zeroed by the kernel (a tenth of the CPU time of the static
///   musl build went to that). glibc's allocator keeps its heap the same way.
/// - `allow_thp` 0: no transparent huge pages for mimalloc's arena. With them, the first
///   touch of each 2 MiB of the arena had the kernel clear the whole 2 MiB: 6% of the static
///   build's time on 8,000 articles and a peak RSS of 53 MB, against 2.6% and 29 MB without
///   (glibc's build: 2.5%, 17 MB).
///
/// The numbers are the positions in `mi_option_t` of mimalloc v3 (the version
/// libmimalloc-sys 0.1.49 bundles, whose Rust bindings do not name these two); checking the
/// documented default first means another option is never touched.
#[cfg(feature = "mimalloc")]
fn tune_mimalloc() {
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    const ALLOW_THP: libmimalloc_sys::mi_option_t = 43;
    for (option, var, default, value) in [
        (PURGE_DELAY, "MIMALLOC_PURGE_DELAY", 1000, -1),
        (ALLOW_THP, "MIMALLOC_ALLOW_THP", 1, 0),
    ] {
        if std::env::var_os(var).is_some() {
            continue;
        }
        // SAFETY: reading and setting an integer in mimalloc's option table, before any
        // other thread exists.
        unsafe {
            if libmimalloc_sys::mi_option_get(option) == default {
                libmimalloc_sys::mi_option_set(option, value);
            }
        }
    }
}

mod analyze_cmd;
mod batch;
mod eval;
mod html;
mod index;
mod input;
mod output;
mod record;
mod split_cmd;

/// Exit code: some records could not be analysed.
pub const EXIT_RECORD_ERRORS: u8 = 3;
/// Exit code: bad usage, or an input/output failure.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: stdout was closed early (as a shell reports a SIGPIPE death).
pub const EXIT_BROKEN_PIPE: u8 = 141;

mod quotes_cmd;
mod summarize_cmd;

#[derive(Parser)]
#[command(
    name = "khabar",
    version,
    about = "Arabic news: sentences, who said what, summaries",
    after_help = "Exit codes: 0 every record analysed; 3 some records failed (each has an error \
                  record in the output; --record-errors-exit CODE changes it); 2 usage \
                  or I/O error; 141 stdout closed early."
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Split text into sentences, one per line (or JSON with --json).
    Split(split_cmd::SplitArgs),
    /// Analyze articles: one JSON record per input record, in input order.
    Analyze(analyze_cmd::AnalyzeArgs),
    /// Score khabar against a gold file (the same metrics as score.py).
    Eval(eval::EvalArgs),
    /// Summarize an article under a budget (`--sentences`, `--words`, `--chars`, `--ratio`).
    Summarize(summarize_cmd::SummarizeArgs),
    /// Who said what: "speaker — cue — content", one quote per line (JSON with --json).
    Quotes(quotes_cmd::QuotesArgs),
    /// A self-contained right-to-left HTML view of who said what (one page per article,
    /// plus index.html for a batch).
    Html(html::HtmlArgs),
    /// Build a quote archive: `khabar index build INPUT… -o quotes.db`.
    Index(index::IndexArgs),
    /// A speaker of a quote archive: counts, outlets, dates, newest quotes.
    Who(index::WhoArgs),
    /// Full-text search over the quotes of an archive.
    Search(index::SearchArgs),
    /// The most quoted speakers of an archive.
    Speakers(index::SpeakersArgs),
    /// The archive-wide key of speakers' names (the merging key of `index build`).
    SpeakerKey(index::KeyArgs),
}

fn exit_code(stats: &batch::Stats) -> ExitCode {
    if stats.broken_pipe {
        ExitCode::from(EXIT_BROKEN_PIPE)
    } else if stats.stopped_at.is_some() {
        ExitCode::from(EXIT_RECORD_ERRORS)
    } else if stats.errors > 0 {
        ExitCode::from(stats.record_errors_exit)
    } else {
        ExitCode::SUCCESS
    }
}

/// True when `e` comes from writing to a closed pipe.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn main() -> ExitCode {
    #[cfg(feature = "mimalloc")]
    tune_mimalloc();
    let cli = Cli::parse();
    let result = match cli.cmd {
        Cmd::Split(args) => split_cmd::run(args).map(|s| exit_code(&s)),
        Cmd::Analyze(args) => analyze_cmd::run(args).map(|s| exit_code(&s)),
        Cmd::Eval(args) => eval::run(args),
        Cmd::Summarize(args) => summarize_cmd::run(args).map(|s| exit_code(&s)),
        Cmd::Quotes(args) => quotes_cmd::run(args).map(|s| exit_code(&s)),
        Cmd::Html(args) => html::run(args),
        Cmd::Index(args) => index::run_index(args),
        Cmd::Who(args) => index::run_who(args),
        Cmd::Search(args) => index::run_search(args),
        Cmd::Speakers(args) => index::run_speakers(args),
        Cmd::SpeakerKey(args) => index::run_key(args),
    };
    match result {
        Ok(code) => code,
        // stdout closed by the reader downstream (`| head`), wherever the write failed
        Err(e) if is_broken_pipe(&e) => ExitCode::from(EXIT_BROKEN_PIPE),
        Err(e) => {
            eprintln!("khabar: error: {e:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
