//! The `khabar` command line tool.
//!
//! Exit codes: 0 when every record was analysed, 3 when some records failed (each has an
//! error record in the output; with `--on-error=fail` the run stops at the first), 2 on a
//! usage or I/O error, 141 when stdout was closed by the reader downstream.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

mod analyze_cmd;
mod batch;
mod eval;
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
                  record in the output); 2 usage or I/O error; 141 stdout closed early."
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

/// Read every input whole as `(name, text)` pairs; stdin when `files` is empty.
#[allow(dead_code)] // a helper for small commands that do not need the batch pipeline
pub fn read_inputs(files: &[PathBuf]) -> Result<Vec<(String, String)>> {
    input::read_inputs(files)
}

/// Run a small command that writes to stdout with one shared analyzer, e.g.
/// `Cmd::Summarize(args) => to_stdout(|analyzer, w| summarize_cmd::run(&args, analyzer, w))`.
/// A closed stdout (`| head`) ends the run quietly with exit code 141.
#[allow(dead_code)] // for the small subcommands
pub(crate) fn to_stdout(
    f: impl FnOnce(&khabar::Analyzer, &mut BufWriter<io::StdoutLock<'static>>) -> Result<()>,
) -> Result<ExitCode> {
    let analyzer = khabar::Analyzer::new();
    let mut w = BufWriter::new(io::stdout().lock());
    let r = f(&analyzer, &mut w).and_then(|()| Ok(w.flush()?));
    match r {
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<io::Error>()
                    .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            }) =>
        {
            Ok(ExitCode::from(EXIT_BROKEN_PIPE))
        }
        Err(e) => Err(e),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

/// End a batch run: report on stderr, then publish the output unless the run stopped early.
pub(crate) fn finish(
    sink: output::Sink,
    stats: &batch::Stats,
    args: &batch::BatchArgs,
) -> Result<()> {
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

fn exit_code(stats: &batch::Stats) -> ExitCode {
    if stats.broken_pipe {
        ExitCode::from(EXIT_BROKEN_PIPE)
    } else if stats.errors > 0 || stats.stopped_at.is_some() {
        ExitCode::from(EXIT_RECORD_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.cmd {
        Cmd::Split(args) => split_cmd::run(args).map(|s| exit_code(&s)),
        Cmd::Analyze(args) => analyze_cmd::run(args).map(|s| exit_code(&s)),
        Cmd::Eval(args) => eval::run(args),
        Cmd::Summarize(args) => to_stdout(|analyzer, w| summarize_cmd::run(&args, analyzer, w)),
        Cmd::Quotes(args) => to_stdout(|analyzer, w| quotes_cmd::run(&args, analyzer, w)),
        Cmd::Index(args) => index::run_index(args),
        Cmd::Who(args) => index::run_who(args),
        Cmd::Search(args) => index::run_search(args),
        Cmd::Speakers(args) => index::run_speakers(args),
        Cmd::SpeakerKey(args) => index::run_key(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("khabar: error: {e:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_stdout_reports_success_failure_and_closed_pipes() {
        assert_eq!(to_stdout(|_, _| Ok(())).unwrap(), ExitCode::SUCCESS);
        assert!(to_stdout(|_, _| anyhow::bail!("bad input")).is_err());
        let closed = to_stdout(|_, _| Err(io::Error::from(io::ErrorKind::BrokenPipe).into()));
        assert_eq!(closed.unwrap(), ExitCode::from(EXIT_BROKEN_PIPE));
    }
}
