//! `khabar quotes`: who said what, one "speaker — cue — content" line per quote, or one JSON
//! object per quote with `--json`. Reads its input like every batch command (files,
//! directories, globs, `.gz`, `--jsonl`).

use anyhow::Result;
use clap::Args;
use khabar::{Analyzer, Budget, QuoteRecord};
use serde::Serialize;
use serde_json::Value;

use crate::batch::{self, BatchArgs, Render};
use crate::output::{Sink, write_json};
use crate::record::{InputRecord, RecordError};

/// Arguments of `khabar quotes`.
#[derive(Args, Debug)]
pub struct QuotesArgs {
    #[command(flatten)]
    batch: BatchArgs,
    /// One JSON object per quote: `{"id", "index", "kind", "content", "cue", "speaker",
    /// "sentence", "confidence", "rule"}`; error records go to the data stream too.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    id: &'a Value,
    index: usize,
    #[serde(flatten)]
    quote: &'a QuoteRecord<'a>,
}

struct Quotes {
    analyzer: Analyzer,
    json: bool,
}

impl Render for Quotes {
    fn record(&self, rec: &InputRecord, out: &mut Vec<u8>) {
        let text = rec.text.as_str();
        let doc = self.analyzer.analyze_titled(text, rec.title.as_deref());
        if self.json {
            // The quotes of the record `analyze` prints (no summary is computed).
            let record = doc.record(Budget::Sentences(0));
            for (index, quote) in record.quotes.iter().enumerate() {
                write_json(
                    out,
                    &QuoteOut {
                        id: &rec.id,
                        index,
                        quote,
                    },
                    false,
                );
            }
            return;
        }
        for q in doc.quotes() {
            let who = q
                .speaker
                .and_then(|s| doc.entities().get(s.entity))
                .map_or("?", |e| e.name.as_str(text));
            let cue = q.cue.map_or("", |c| c.as_str(text));
            let content = q.content.as_str(text).replace('\n', " ");
            out.extend_from_slice(format!("{who} — {cue} — {content}\n").as_bytes());
        }
    }

    fn error(&self, err: &RecordError, out: &mut Vec<u8>) {
        if self.json {
            write_json(out, err, false);
        }
    }

    fn errors_in_data(&self) -> bool {
        self.json
    }
}

/// Run `khabar quotes`.
pub fn run(args: QuotesArgs) -> Result<batch::Stats> {
    let render = Quotes {
        analyzer: Analyzer::new(),
        json: args.json,
    };
    let sources = crate::input::sources(&args.batch.inputs, args.batch.jsonl)?;
    let mut sink = Sink::open(args.batch.output.as_deref())?;
    let stats = batch::run(&sources, &render, &args.batch, &mut sink)?;
    batch::finish(sink, &stats, &args.batch)?;
    Ok(stats)
}
