//! `khabar quotes FILE…`: who said what, one "speaker — cue — content" line per quote, or
//! the quote records as JSON lines with `--json`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use khabar::{Analyzer, Budget};

/// Arguments of `khabar quotes`.
#[derive(clap::Args)]
pub struct QuotesArgs {
    /// Files to read (stdin when none).
    files: Vec<PathBuf>,
    /// Print the quote records (kind, content, cue, speaker, sentence, confidence, rule) as
    /// JSON lines.
    #[arg(long)]
    json: bool,
}

/// Run `khabar quotes`.
pub fn run(args: &QuotesArgs, analyzer: &Analyzer, w: &mut impl Write) -> Result<()> {
    for (_, text) in crate::input::read_inputs(&args.files)? {
        print_quotes(analyzer, &text, args.json, w)?;
    }
    Ok(())
}

/// Print the quotes of `text` to `w`.
pub fn print_quotes(analyzer: &Analyzer, text: &str, json: bool, w: &mut impl Write) -> Result<()> {
    let doc = analyzer.analyze(text);
    if json {
        let rec = doc.record(Budget::Sentences(0));
        for q in &rec.quotes {
            serde_json::to_writer(&mut *w, q)?;
            writeln!(w)?;
        }
        return Ok(());
    }
    for q in doc.quotes() {
        let who = q
            .speaker
            .and_then(|s| doc.entities().get(s.entity))
            .map_or("?", |e| e.name.as_str(text));
        let cue = q.cue.map_or("", |c| c.as_str(text));
        let content = q.content.as_str(text).replace('\n', " ");
        writeln!(w, "{who} — {cue} — {content}")?;
    }
    Ok(())
}
