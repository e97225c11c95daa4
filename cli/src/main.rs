//! The `khabar` command line tool.

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use khabar::{Analyzer, Budget};
use serde::Serialize;

mod quotes_cmd;

#[derive(Parser)]
#[command(
    name = "khabar",
    version,
    about = "Arabic news: sentences, who said what, summaries"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Split text into sentences, one per line.
    Split {
        /// Files to read (stdin when none).
        files: Vec<PathBuf>,
        /// Print JSON lines with spans and kinds.
        #[arg(long)]
        json: bool,
    },
    /// Analyze articles: one JSON record per article.
    Analyze {
        /// Files to read (stdin when none).
        files: Vec<PathBuf>,
        /// Input is JSON lines `{"id", "text"}`.
        #[arg(long)]
        jsonl: bool,
    },
    /// Who said what: "speaker — cue — content", one quote per line.
    Quotes {
        /// Files to read (stdin when none).
        files: Vec<PathBuf>,
        /// Print the quote records as JSON lines.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct Out<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    record: khabar::output::Record<'a>,
}

fn read_inputs(files: &[PathBuf]) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    if files.is_empty() {
        let mut s = String::new();
        io::stdin()
            .read_to_string(&mut s)
            .context("reading stdin")?;
        out.push(("-".to_string(), s));
    }
    for f in files {
        let s = std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        out.push((f.display().to_string(), s));
    }
    Ok(out)
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let analyzer = Analyzer::new();
    let stdout = io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    match cli.cmd {
        Cmd::Split { files, json } => {
            for (_, text) in read_inputs(&files)? {
                for s in analyzer.splitter().split(&text) {
                    if json {
                        let r = serde_json::json!({
                            "start": s.span.start, "end": s.span.end,
                            "text": s.as_str(&text), "kind": s.kind, "paragraph": s.paragraph,
                        });
                        writeln!(w, "{r}")?;
                    } else {
                        writeln!(w, "{}", s.as_str(&text))?;
                    }
                }
            }
        }
        Cmd::Analyze { files, jsonl } => {
            if jsonl {
                let reader: Box<dyn BufRead> = match files.first() {
                    None => Box::new(io::BufReader::new(io::stdin())),
                    Some(p) => Box::new(io::BufReader::new(std::fs::File::open(p)?)),
                };
                for line in reader.lines() {
                    let line = line?;
                    if line.trim().is_empty() {
                        continue;
                    }
                    let v: serde_json::Value = serde_json::from_str(&line)?;
                    let text = v.get("text").and_then(|t| t.as_str()).unwrap_or("");
                    let doc = analyzer.analyze(text);
                    let out = Out {
                        id: v.get("id").unwrap_or(&serde_json::Value::Null),
                        record: doc.record(Budget::Sentences(3)),
                    };
                    serde_json::to_writer(&mut w, &out)?;
                    writeln!(w)?;
                }
            } else {
                for (name, text) in read_inputs(&files)? {
                    let doc = analyzer.analyze(&text);
                    let id = serde_json::Value::String(name);
                    let out = Out {
                        id: &id,
                        record: doc.record(Budget::Sentences(3)),
                    };
                    serde_json::to_writer(&mut w, &out)?;
                    writeln!(w)?;
                }
            }
        }
        Cmd::Quotes { files, json } => {
            for (_, text) in read_inputs(&files)? {
                quotes_cmd::print_quotes(&analyzer, &text, json, &mut w)?;
            }
        }
    }
    w.flush()?;
    Ok(())
}
