//! `khabar summarize`: extractive summaries under a budget, as text or JSON. Reads its
//! input like every batch command (files, directories, globs, `.gz`, `--jsonl`).

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use khabar::{Analyzer, Budget, HardWrap, Ranking, Summarizer, SummarySentence, Weights};
use serde::Serialize;

use crate::analyze_cmd::BudgetArgs;
use crate::batch::{self, BatchArgs, Render};
use crate::output::{Sink, write_json};
use crate::record::{InputRecord, RecordError};

/// Arguments of `khabar summarize`.
#[derive(Args, Debug)]
pub struct SummarizeArgs {
    #[command(flatten)]
    batch: BatchArgs,
    #[command(flatten)]
    budget: BudgetArgs,
    /// One JSON object per record: `{"id", "summary": [...]}`; error records go to the data
    /// stream too.
    #[arg(long)]
    pub json: bool,
    /// Show each picked sentence's score and features.
    #[arg(long)]
    pub explain: bool,
    /// Feature weights file (`name value` lines) instead of the built-in weights.
    #[arg(long, value_name = "FILE")]
    pub weights: Option<PathBuf>,
    /// Never cut a sentence short to fit a word or character budget.
    #[arg(long)]
    pub no_trim: bool,
    /// The Lead baseline: the first body sentences in text order, cleaned as the summary's
    /// candidates are (no title, caption, dateline, byline, clutter or list item), under the
    /// same budget. For comparison with the ranked summary.
    #[arg(long, conflicts_with = "weights")]
    pub lead: bool,
    /// Re-join sentences cut by hard line wraps: auto-detect, always or never.
    #[arg(long, value_enum, default_value_t = Wrap::Auto)]
    pub hard_wrap: Wrap,
}

/// The `--hard-wrap` values.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Wrap {
    /// Detect per document.
    Auto,
    /// Always re-join.
    On,
    /// Never re-join.
    Off,
}

#[derive(Serialize)]
struct Picked<'a> {
    sentence: usize,
    start: usize,
    end: usize,
    text: &'a str,
    score: f64,
    /// Cut short at a word or clause boundary to fit a word or character budget.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    truncated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    features: Option<khabar::Features>,
}

#[derive(Serialize)]
struct Out<'a> {
    id: &'a serde_json::Value,
    summary: Vec<Picked<'a>>,
}

fn picked<'a>(text: &'a str, s: &[SummarySentence], explain: bool) -> Vec<Picked<'a>> {
    s.iter()
        .map(|p| Picked {
            sentence: p.sentence,
            start: p.span.start,
            end: p.span.end,
            text: p.span.as_str(text),
            score: p.score,
            truncated: p.truncated,
            features: explain.then_some(p.features),
        })
        .collect()
}

struct Summarize {
    analyzer: Analyzer,
    summarizer: Summarizer,
    budget: Budget,
    json: bool,
    explain: bool,
}

impl Render for Summarize {
    fn record(&self, rec: &InputRecord, out: &mut Vec<u8>) {
        let text = rec.text.as_str();
        let doc = self.analyzer.analyze_titled(text, rec.title.as_deref());
        let s = self.summarizer.summarize(
            text,
            doc.sentences(),
            doc.tokens(),
            doc.quotes(),
            self.budget,
        );
        if self.json {
            let o = Out {
                id: &rec.id,
                summary: picked(text, &s, self.explain),
            };
            write_json(out, &o, false);
            return;
        }
        for p in &s {
            if self.explain {
                let f = &p.features;
                out.extend_from_slice(
                    format!(
                        "[{}] score {:.3} | position {:.2} first {} keyword {:.2} centroid {:.2} title {:.2} words {} short {} long {:.2} dangling {} question {} unterminated {} quote {} redundancy {:.2}\n",
                        p.sentence,
                        p.score,
                        f.position,
                        f.first,
                        f.keyword,
                        f.centroid,
                        f.title,
                        f.words,
                        f.short,
                        f.long,
                        f.dangling,
                        f.question,
                        f.unterminated,
                        f.quote,
                        f.redundancy
                    )
                    .as_bytes(),
                );
            }
            out.extend_from_slice(p.span.as_str(text).as_bytes());
            // A sentence cut short to fit the budget says so (the span itself is the text's).
            if p.truncated {
                out.extend_from_slice("…".as_bytes());
            }
            out.push(b'\n');
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

/// Run `khabar summarize`.
pub fn run(a: SummarizeArgs) -> Result<batch::Stats> {
    let mode = match a.hard_wrap {
        Wrap::Auto => HardWrap::Auto,
        Wrap::On => HardWrap::On,
        Wrap::Off => HardWrap::Off,
    };
    // The analyzer splits hard-wrapped documents by paragraph; the summarizer re-joins what
    // line breaks still cut.
    let analyzer = Analyzer::new().with_hard_wrap(mode);
    let mut summarizer = Summarizer::new()
        .with_trim(!a.no_trim)
        .with_hard_wrap(mode)
        .with_ranking(if a.lead {
            Ranking::Lead
        } else {
            Ranking::Scored
        });
    if let Some(p) = &a.weights {
        let s = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
        summarizer = summarizer.with_weights(Weights::parse(&s)?);
    }
    let render = Summarize {
        analyzer,
        summarizer,
        budget: a.budget.budget(),
        json: a.json,
        explain: a.explain,
    };
    let sources = crate::input::sources(&a.batch.inputs, a.batch.jsonl)?;
    let mut sink = Sink::open(a.batch.output.as_deref())?;
    let stats = batch::run(&sources, &render, &a.batch, &mut sink)?;
    batch::finish(sink, &stats, &a.batch)?;
    Ok(stats)
}
