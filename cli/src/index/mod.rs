//! The quote archive: `khabar index build` writes every quote of every speaker of a set of
//! articles into an SQLite database (or JSON-lines tables), merging speakers across
//! articles by [`khabar::speaker_key`]; `khabar who`, `search` and `speakers` query it.

use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

pub mod build;
pub mod db;
#[cfg(test)]
mod merge_eval;
pub mod query;
pub mod text;

/// The form of `index build`'s output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// One SQLite database file (queried by `khabar who/search/speakers`).
    Sqlite,
    /// A directory of JSON-lines tables (articles, mentions, quotes, errors), each row
    /// carrying its speaker key, for a cluster to merge.
    Jsonl,
}

/// `khabar index` arguments.
#[derive(Args, Debug)]
pub struct IndexArgs {
    #[command(subcommand)]
    cmd: IndexCmd,
}

#[derive(Subcommand, Debug)]
enum IndexCmd {
    /// Add articles (or `analyze` records with --from-analysis) to an archive; an article
    /// id already there is replaced.
    Build(BuildArgs),
}

/// `khabar index build` arguments.
#[derive(Args, Debug)]
pub struct BuildArgs {
    /// Files, directories or globs (as for `analyze`); stdin when none.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The archive to create or add to (a directory with --format jsonl).
    #[arg(short, long, value_name = "DB")]
    pub output: PathBuf,
    /// The inputs are `khabar analyze` records (JSON lines), not articles: no analysis is
    /// repeated. Metadata fields (source, url, date, title) are kept when present.
    #[arg(long)]
    pub from_analysis: bool,
    /// Read stdin and the named files as JSON lines.
    #[arg(long)]
    pub jsonl: bool,
    /// Output form.
    #[arg(long, value_enum, default_value_t = TableFormat::Sqlite)]
    pub format: TableFormat,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub threads: Option<u32>,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Largest record accepted, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub max_record_mb: u32,
}

/// The archive to query.
#[derive(Args, Debug)]
pub struct DbArgs {
    /// The archive (built by `khabar index build`).
    #[arg(short = 'd', long = "db", value_name = "DB")]
    db: PathBuf,
    /// JSON output (one document).
    #[arg(long)]
    json: bool,
}

/// `khabar who` arguments.
#[derive(Args, Debug)]
pub struct WhoArgs {
    /// A speaker's name, in any of its forms (جون كيري، وزير الخارجية الأمريكي جون كيري …).
    name: String,
    #[command(flatten)]
    db: DbArgs,
    /// Quotes shown per speaker, newest first.
    #[arg(long, default_value_t = 10)]
    limit: usize,
}

/// `khabar search` arguments.
#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Words that every quote found must hold (folded: hamza, ى/ي, ة/ه, diacritics, clitics).
    text: String,
    #[command(flatten)]
    db: DbArgs,
    /// Only quotes of this speaker (any form of the name).
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    /// Only quotes of articles from this source.
    #[arg(long, value_name = "X")]
    outlet: Option<String>,
    /// Only quotes of articles dated on or after DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// At most N quotes.
    #[arg(long, default_value_t = 20)]
    limit: usize,
}

/// `khabar speakers` arguments.
#[derive(Args, Debug)]
pub struct SpeakersArgs {
    #[command(flatten)]
    db: DbArgs,
    /// How many.
    #[arg(long, default_value_t = 20)]
    top: usize,
}

/// `khabar speaker-key` arguments.
#[derive(Args, Debug)]
pub struct KeyArgs {
    /// Names; with none, one name per line of stdin (or `KIND<TAB>NAME`, KIND being the
    /// analyze record's speaker kind). Prints one key per name, an empty line for a name
    /// that is never merged.
    names: Vec<String>,
    /// The archive-wide step instead: read `KEY<TAB>NAME` lines (every distinct key with the
    /// names it was computed from) and print `KEY<TAB>SPEAKER` for each distinct key, the
    /// speaker it belongs to after the archive's evidence (a family name alone joins the one
    /// full name, a short name the one name with the father's that holds the same office).
    /// `index build` does exactly this; a cluster runs it once over its distinct pairs.
    #[arg(long, conflicts_with = "names")]
    resolve: bool,
}

fn json_out<T: Serialize>(v: &T) -> Result<()> {
    let mut w = BufWriter::new(io::stdout().lock());
    serde_json::to_writer(&mut w, v)?;
    w.write_all(b"\n")?;
    Ok(w.flush()?)
}

/// Run `khabar index …`.
pub fn run_index(args: IndexArgs) -> Result<ExitCode> {
    match args.cmd {
        IndexCmd::Build(b) => {
            let stats = build::run(&b)?;
            Ok(if stats.errors > 0 {
                ExitCode::from(crate::EXIT_RECORD_ERRORS)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// Run `khabar who`.
pub fn run_who(args: WhoArgs) -> Result<ExitCode> {
    let conn = db::open_read(&args.db.db)?;
    query::warn_if_stale(&conn);
    let found = query::who(&conn, &args.name, args.limit)?;
    if args.db.json {
        json_out(&found)?;
    } else {
        let mut w = BufWriter::new(io::stdout().lock());
        if found.is_empty() {
            writeln!(w, "no speaker named {:?}", args.name)?;
        }
        for s in &found {
            query::print_speaker(&mut w, s)?;
        }
        w.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Run `khabar search`.
pub fn run_search(args: SearchArgs) -> Result<ExitCode> {
    let conn = db::open_read(&args.db.db)?;
    query::warn_if_stale(&conn);
    let f = query::Filters {
        speaker: args.speaker.as_deref(),
        outlet: args.outlet.as_deref(),
        since: args.since.as_deref(),
    };
    let found = query::search(&conn, &args.text, &f, args.limit)?;
    if args.db.json {
        json_out(&found)?;
    } else {
        let mut w = BufWriter::new(io::stdout().lock());
        for q in &found {
            query::print_quote(&mut w, q)?;
        }
        w.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Run `khabar speakers`.
pub fn run_speakers(args: SpeakersArgs) -> Result<ExitCode> {
    let conn = db::open_read(&args.db.db)?;
    query::warn_if_stale(&conn);
    let found = query::top_speakers(&conn, args.top)?;
    if args.db.json {
        json_out(&found)?;
    } else {
        let mut w = BufWriter::new(io::stdout().lock());
        for s in &found {
            query::print_speaker(&mut w, s)?;
        }
        w.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The key of one `speaker-key` input line.
fn line_key(line: &str) -> String {
    let (kind, name) = line.split_once('\t').unwrap_or(("", line));
    if matches!(kind, "anonymous" | "group" | "document") {
        return String::new();
    }
    khabar::speaker_key(name).unwrap_or_default()
}

/// Run `khabar speaker-key`.
pub fn run_key(args: KeyArgs) -> Result<ExitCode> {
    let mut w = BufWriter::new(io::stdout().lock());
    if args.resolve {
        let lines: Vec<String> = io::stdin().lock().lines().collect::<io::Result<_>>()?;
        let pairs = lines.iter().filter_map(|l| l.split_once('\t'));
        let resolved = db::resolve_keys(pairs.filter(|(k, _)| !k.is_empty()));
        let mut keys: Vec<(&String, &String)> = resolved.iter().collect();
        keys.sort();
        for (k, s) in keys {
            writeln!(w, "{k}\t{s}")?;
        }
    } else if args.names.is_empty() {
        for line in io::stdin().lock().lines() {
            writeln!(w, "{}", line_key(&line?))?;
        }
    } else {
        for n in &args.names {
            writeln!(w, "{}", line_key(n))?;
        }
    }
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}
