//! `khabar analyze`: one JSON record per input record, in input order.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

use anyhow::{Result, bail};
use clap::Args;
use khabar::{Analyzer, Budget};
use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::batch::{self, BatchArgs, Render};
use crate::output::{Ordered, Sink, write_json};
use crate::record::{InputRecord, RecordError};

/// Summary length flags (at most one; default: 3 sentences).
#[derive(Args, Clone, Debug, Default)]
#[group(multiple = false)]
pub struct BudgetArgs {
    /// Summary of at most N sentences (the default is 3).
    #[arg(long, value_name = "N", value_parser = at_least_one())]
    pub sentences: Option<usize>,
    /// Summary of at most N words.
    #[arg(long, value_name = "N", value_parser = at_least_one())]
    pub words: Option<usize>,
    /// Summary of at most N characters.
    #[arg(long, value_name = "N", value_parser = at_least_one())]
    pub chars: Option<usize>,
    /// Summary of at most this fraction (above 0, at most 1) of the body's words.
    #[arg(long, value_name = "R", value_parser = parse_ratio)]
    pub ratio: Option<f64>,
}

fn parse_ratio(s: &str) -> Result<f64, String> {
    let r: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if r > 0.0 && r <= 1.0 {
        Ok(r)
    } else {
        Err(format!("{s} is not above 0 and at most 1"))
    }
}

impl BudgetArgs {
    /// The budget these flags ask for.
    pub fn budget(&self) -> Budget {
        match (self.sentences, self.words, self.chars, self.ratio) {
            (Some(n), ..) => Budget::Sentences(n),
            (_, Some(n), ..) => Budget::Words(n),
            (_, _, Some(n), _) => Budget::Chars(n),
            (.., Some(r)) => Budget::Ratio(r),
            _ => Budget::default(),
        }
    }
}

/// `khabar analyze` arguments.
#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    batch: BatchArgs,
    #[command(flatten)]
    budget: BudgetArgs,
    /// Only these fields of each record (comma-separated: sentences, quotes, speakers,
    /// summary); `id` is always present.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    fields: Option<Vec<String>>,
    /// Indented JSON, for humans (one record spans several lines).
    #[arg(long)]
    pretty: bool,
}

/// The record of one article: its id, then the library's record.
#[derive(Serialize)]
pub struct Out<'a> {
    /// The input record's id.
    pub id: &'a Value,
    /// Sentences, quotes, speakers, summary.
    #[serde(flatten)]
    pub record: khabar::Record<'a>,
}

/// The record fields in the order of the output contract; fields added later follow in
/// name order.
const CONTRACT_ORDER: &[&str] = &["sentences", "quotes", "speakers", "summary"];

/// Renders analysis records.
pub struct Analyze {
    analyzer: Analyzer,
    budget: Budget,
    /// Selected fields in output order, or `None` for all.
    fields: Option<Vec<String>>,
    pretty: bool,
}

impl Analyze {
    /// A renderer with the default analyzer.
    pub fn new(budget: Budget, fields: Option<&[String]>, pretty: bool) -> Result<Analyze> {
        let analyzer = Analyzer::new();
        let fields = match fields {
            None => None,
            Some(list) => {
                // The fields a record has: those of an empty analysis, serialised.
                let empty = serde_json::to_value(analyzer.analyze("").record(budget))?;
                let known: Vec<String> = empty
                    .as_object()
                    .map(|m| m.keys().cloned().collect())
                    .unwrap_or_default();
                let mut want = BTreeSet::new();
                for f in list
                    .iter()
                    .map(|f| f.trim())
                    .filter(|f| !f.is_empty() && *f != "id")
                {
                    if !known.iter().any(|k| k == f) {
                        bail!(
                            "unknown field {f:?} in --fields (known: id, {})",
                            known.join(", ")
                        );
                    }
                    want.insert(f.to_string());
                }
                let mut order: Vec<String> = CONTRACT_ORDER
                    .iter()
                    .filter(|f| want.contains(**f))
                    .map(|f| f.to_string())
                    .collect();
                order.extend(
                    want.into_iter()
                        .filter(|f| !CONTRACT_ORDER.contains(&f.as_str())),
                );
                Some(order)
            }
        };
        Ok(Analyze {
            analyzer,
            budget,
            fields,
            pretty,
        })
    }

    /// The output record of `rec` as a JSON value (the same data `analyze` prints).
    pub fn value(&self, rec: &InputRecord) -> Value {
        let doc = self
            .analyzer
            .analyze_titled(&rec.text, rec.title.as_deref());
        serde_json::to_value(Out {
            id: &rec.id,
            record: doc.record(self.budget),
        })
        .unwrap_or(Value::Null)
    }

    /// The record of `rec` (the analysis, freed before it returns: the record borrows only
    /// the text, which halves the peak memory of a huge record).
    fn analyze<'a>(&'a self, rec: &'a InputRecord) -> khabar::Record<'a> {
        self.analyzer
            .analyze_titled(&rec.text, rec.title.as_deref())
            .record(self.budget)
    }

    /// Write the full record of `rec` (no `--fields`) to `out` as one JSON line (or
    /// indented JSON), once the analysis is done.
    fn write_full<W: Write>(&self, rec: &InputRecord, out: &mut W) -> io::Result<()> {
        let record = self.analyze(rec);
        let v = Out {
            id: &rec.id,
            record,
        };
        if self.pretty {
            serde_json::to_writer_pretty(&mut *out, &v)?;
        } else {
            serde_json::to_writer(&mut *out, &v)?;
        }
        out.write_all(b"\n")
    }
}

impl Render for Analyze {
    fn record(&self, rec: &InputRecord, out: &mut Vec<u8>) {
        match &self.fields {
            None => {
                // Writing plain data into a Vec cannot fail.
                let r = self.write_full(rec, out);
                debug_assert!(r.is_ok());
            }
            Some(fields) => {
                let record = self.analyze(rec);
                // Keep each field's JSON as the library writes it (nested key order too).
                let full = serde_json::to_string(&record).unwrap_or_default();
                let parts: HashMap<&str, &RawValue> =
                    serde_json::from_str(&full).unwrap_or_default();
                let mut kv: Vec<(&str, &RawValue)> = Vec::with_capacity(fields.len() + 1);
                let id = serde_json::value::to_raw_value(&rec.id).unwrap_or_default();
                kv.push(("id", &id));
                for f in fields {
                    if let Some(raw) = parts.get(f.as_str()) {
                        kv.push((f.as_str(), raw));
                    }
                }
                if self.pretty {
                    // Re-read for indentation (nested keys then come out in name order).
                    let vals: Vec<(&str, Value)> = kv
                        .iter()
                        .map(|(k, r)| (*k, serde_json::from_str(r.get()).unwrap_or(Value::Null)))
                        .collect();
                    write_json(out, &Ordered(vals), true);
                } else {
                    write_json(out, &Ordered(kv), false);
                }
            }
        }
    }

    fn record_to<W: Write>(&self, rec: &InputRecord, out: &mut W) -> io::Result<()> {
        match &self.fields {
            // Streamed: the JSON goes out as it is produced, never whole in memory.
            None => self.write_full(rec, out),
            // Selected fields are cut from the full JSON: buffered.
            Some(_) => {
                let mut buf = Vec::new();
                self.record(rec, &mut buf);
                out.write_all(&buf)
            }
        }
    }

    fn error(&self, err: &RecordError, out: &mut Vec<u8>) {
        write_json(out, err, self.pretty);
    }
}

/// Run `khabar analyze`.
pub fn run(args: AnalyzeArgs) -> Result<batch::Stats> {
    let render = Analyze::new(args.budget.budget(), args.fields.as_deref(), args.pretty)?;
    let sources = crate::input::sources(&args.batch.inputs, args.batch.jsonl)?;
    let mut sink = Sink::open(args.batch.output.as_deref())?;
    let stats = batch::run(&sources, &render, &args.batch, &mut sink)?;
    batch::finish(sink, &stats, &args.batch)?;
    Ok(stats)
}

/// A count of at least 1 (`--sentences 0` is a usage error, not an empty summary).
pub(crate) fn at_least_one() -> clap::builder::RangedU64ValueParser<usize> {
    clap::builder::RangedU64ValueParser::<usize>::new().range(1..)
}
