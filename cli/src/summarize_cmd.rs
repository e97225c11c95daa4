//! `khabar summarize`: extractive summaries under a budget, as text or JSON.

use std::io::{self, BufRead, Read, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use khabar::Analyzer;
use khabar::{Budget, HardWrap, Summarizer, SummarySentence, Weights};

use crate::analyze_cmd::at_least_one;
use serde::Serialize;

/// Arguments of `khabar summarize`.
#[derive(Args, Debug)]
pub struct SummarizeArgs {
    /// File to read (stdin when absent or `-`).
    pub file: Option<PathBuf>,
    /// At most N sentences (default 3).
    #[arg(long, value_name = "N", group = "budget", value_parser = at_least_one())]
    pub sentences: Option<usize>,
    /// At most N words (white-space separated).
    #[arg(long, value_name = "N", group = "budget")]
    pub words: Option<usize>,
    /// At most N characters (one separator counted between sentences).
    #[arg(long, value_name = "N", group = "budget")]
    pub chars: Option<usize>,
    /// At most this fraction of the body's words (0–1).
    #[arg(long, value_name = "R", group = "budget")]
    pub ratio: Option<f64>,
    /// Print one JSON record `{"id", "summary": [...]}`.
    #[arg(long)]
    pub json: bool,
    /// Input is JSON lines `{"id", "text"}` (or `"article"`); prints one JSON record each.
    #[arg(long)]
    pub jsonl: bool,
    /// Show each picked sentence's score and features.
    #[arg(long)]
    pub explain: bool,
    /// Feature weights file (`name value` lines) instead of the built-in weights.
    #[arg(long, value_name = "FILE")]
    pub weights: Option<PathBuf>,
    /// Never cut a sentence short to fit a word or character budget.
    #[arg(long)]
    pub no_trim: bool,
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

fn budget(a: &SummarizeArgs) -> Result<Budget> {
    Ok(match (a.sentences, a.words, a.chars, a.ratio) {
        (Some(n), ..) => Budget::Sentences(n),
        (_, Some(n), ..) => Budget::Words(n),
        (_, _, Some(n), _) => Budget::Chars(n),
        (_, _, _, Some(r)) => {
            if !(0.0..=1.0).contains(&r) {
                bail!("--ratio must be between 0 and 1, got {r}");
            }
            Budget::Ratio(r)
        }
        _ => Budget::Sentences(3),
    })
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

/// Run `khabar summarize`.
pub fn run(a: &SummarizeArgs, analyzer: &Analyzer, w: &mut impl Write) -> Result<()> {
    let budget = budget(a)?;
    let mode = match a.hard_wrap {
        Wrap::Auto => HardWrap::Auto,
        Wrap::On => HardWrap::On,
        Wrap::Off => HardWrap::Off,
    };
    // The analyzer splits hard-wrapped documents by paragraph; the summarizer re-joins what
    // line breaks still cut.
    let analyzer = analyzer.clone().with_hard_wrap(mode);
    let mut summarizer = Summarizer::new().with_trim(!a.no_trim).with_hard_wrap(mode);
    if let Some(p) = &a.weights {
        let s = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
        summarizer = summarizer.with_weights(Weights::parse(&s)?);
    }
    let summarize = |text: &str| {
        let doc = analyzer.analyze(text);
        summarizer.summarize(text, doc.sentences(), doc.tokens(), doc.quotes(), budget)
    };
    let path = a.file.as_ref().filter(|p| p.as_os_str() != "-");
    if a.jsonl {
        let reader: Box<dyn BufRead> = match path {
            None => Box::new(io::BufReader::new(io::stdin())),
            Some(p) => Box::new(io::BufReader::new(
                std::fs::File::open(p).with_context(|| format!("opening {}", p.display()))?,
            )),
        };
        for (n, line) in reader.lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(&line)
                .with_context(|| format!("input line {}: not JSON", n + 1))?;
            let text = ["text", "article"]
                .iter()
                .find_map(|k| v.get(k).and_then(|t| t.as_str()))
                .unwrap_or("");
            let s = summarize(text);
            let out = Out {
                id: v.get("id").unwrap_or(&serde_json::Value::Null),
                summary: picked(text, &s, a.explain),
            };
            serde_json::to_writer(&mut *w, &out)?;
            writeln!(w)?;
        }
        return Ok(());
    }
    let mut text = String::new();
    let id = match path {
        None => {
            io::stdin()
                .read_to_string(&mut text)
                .context("reading stdin")?;
            "-".to_string()
        }
        Some(p) => {
            text =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            p.display().to_string()
        }
    };
    let s = summarize(&text);
    if a.json {
        let id = serde_json::Value::String(id);
        let out = Out {
            id: &id,
            summary: picked(&text, &s, a.explain),
        };
        serde_json::to_writer(&mut *w, &out)?;
        writeln!(w)?;
    } else {
        for p in &s {
            if a.explain {
                let f = &p.features;
                writeln!(
                    w,
                    "[{}] score {:.3} | position {:.2} first {} keyword {:.2} centroid {:.2} title {:.2} words {} short {} long {:.2} dangling {} question {} unterminated {} quote {} redundancy {:.2}",
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
                )?;
            }
            writeln!(w, "{}", p.span.as_str(&text))?;
        }
    }
    Ok(())
}
