//! `khabar split`: sentences, one per line, or one JSON object per sentence with `--json`.

use anyhow::Result;
use clap::Args;
use khabar::{SentenceRecord, SpanText, Splitter};
use serde::Serialize;
use serde_json::Value;

use crate::batch::{self, BatchArgs, Render};
use crate::output::{Sink, write_json};
use crate::record::{InputRecord, RecordError};

/// `khabar split` arguments.
#[derive(Args, Debug)]
pub struct SplitArgs {
    #[command(flatten)]
    batch: BatchArgs,
    /// One JSON object per sentence: `{"id", "index", "start", "end", "text", "kind",
    /// "paragraph"}`; error records go to the data stream too.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct SentenceOut<'a> {
    id: &'a Value,
    index: usize,
    #[serde(flatten)]
    sentence: SentenceRecord<'a>,
}

struct Split {
    splitter: Splitter,
    json: bool,
}

impl Render for Split {
    fn record(&self, rec: &InputRecord, out: &mut Vec<u8>) {
        let text = rec.text.as_str();
        for (index, s) in self.splitter.split(text).iter().enumerate() {
            if self.json {
                let sentence = SentenceRecord {
                    start: s.span.start,
                    end: s.span.end,
                    text: s.as_str(text),
                    kind: s.kind,
                    paragraph: s.paragraph,
                    dateline: s.dateline.map(|d| SpanText::new(text, d)),
                };
                write_json(
                    out,
                    &SentenceOut {
                        id: &rec.id,
                        index,
                        sentence,
                    },
                    false,
                );
            } else {
                out.extend_from_slice(s.as_str(text).as_bytes());
                out.push(b'\n');
            }
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

/// Run `khabar split`.
pub fn run(args: SplitArgs) -> Result<batch::Stats> {
    let render = Split {
        splitter: Splitter::new(),
        json: args.json,
    };
    let sources = crate::input::sources(&args.batch.inputs, args.batch.jsonl)?;
    let mut sink = Sink::open(args.batch.output.as_deref())?;
    let stats = batch::run(&sources, &render, &args.batch, &mut sink)?;
    batch::finish(sink, &stats, &args.batch)?;
    Ok(stats)
}
