//! The Python package's records without Python: one article's record tree (or one field's),
//! with code-point offsets added to every span. The binding (`lib.rs`) turns the tree into
//! Python objects; the fuzz target `py_record` (fuzz/) checks this part on any text.

use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};

use khabar::{Analyzer as Core, Budget, QuoteRecord, SentenceRecord, SummaryRecord};

use crate::node::{self, Node};

/// Byte offset -> code-point offset in one text: the count of bytes that start a character
/// (not `10xxxxxx`) before the offset, from a checkpoint every 64 bytes.
pub struct CodePoints<'a> {
    text: &'a str,
    bytes: &'a [u8],
    marks: Vec<u64>,
}

const STRIDE: usize = 64;

fn starts_char(b: &u8) -> bool {
    (*b as i8) >= -0x40
}

impl<'a> CodePoints<'a> {
    pub fn new(text: &'a str) -> CodePoints<'a> {
        let bytes = text.as_bytes();
        let mut marks = Vec::with_capacity(bytes.len() / STRIDE + 1);
        let mut n = 0u64;
        marks.push(0);
        for chunk in bytes.chunks(STRIDE) {
            n += chunk.iter().filter(|b| starts_char(b)).count() as u64;
            marks.push(n);
        }
        CodePoints { text, bytes, marks }
    }

    /// The text between two byte offsets (`None` off a character boundary): a boundary
    /// check, no UTF-8 validation.
    pub fn slice(&self, start: u64, end: u64) -> Option<&str> {
        let (start, end) = (usize::try_from(start).ok()?, usize::try_from(end).ok()?);
        self.text.get(start..end)
    }

    pub fn at(&self, byte: u64) -> u64 {
        let b = (byte as usize).min(self.bytes.len());
        let k = b / STRIDE;
        self.marks[k]
            + self.bytes[k * STRIDE..b]
                .iter()
                .filter(|b| starts_char(b))
                .count() as u64
    }
}

/// Give every span object of `node` code-point `start`/`end` and its byte offsets as
/// `start_byte`/`end_byte` (placed right after `end`).
pub fn add_code_points(node: &mut Node, cp: &CodePoints) {
    match node {
        Node::List(v) => v.iter_mut().for_each(|n| add_code_points(n, cp)),
        Node::Map(kv) => {
            kv.iter_mut().for_each(|(_, n)| add_code_points(n, cp));
            let pos = |k: &str| kv.iter().position(|(key, _)| key == k);
            let (Some(s), Some(e), Some(t)) = (pos("start"), pos("end"), pos("text")) else {
                return;
            };
            let (Node::UInt(sb), Node::UInt(eb), Node::Str(_)) = (&kv[s].1, &kv[e].1, &kv[t].1)
            else {
                return;
            };
            let (sb, eb) = (*sb, *eb);
            let (sc, ec) = (cp.at(sb), cp.at(eb));
            kv[s].1 = Node::UInt(sc);
            kv[e].1 = Node::UInt(ec);
            // The text is that slice of the article: cut it from the caller's `str`.
            if let Node::Str(text) = &kv[t].1
                && cp.slice(sb, eb) == Some(text.as_str())
            {
                kv[t].1 = Node::Slice(sc, ec);
            }
            kv.insert(e + 1, (Cow::Borrowed("start_byte"), Node::UInt(sb)));
            kv.insert(e + 2, (Cow::Borrowed("end_byte"), Node::UInt(eb)));
        }
        _ => {}
    }
}

/// One article to analyse.
pub struct Job {
    /// The article's text.
    pub text: String,
    /// Its headline, when the source gives it apart.
    pub title: Option<String>,
}

/// What a caller wants from a record: the whole of it or one field, computed alone (a
/// field's list is the same as the whole record's, and only the stages it needs run:
/// `sentences` only splits, `quotes` skips the summary).
#[derive(Clone, Copy)]
pub enum Part {
    /// The whole record.
    Whole,
    /// Its `sentences`.
    Sentences,
    /// Its `quotes`.
    Quotes,
    /// Its `summary`.
    Summary,
}

/// Analyse one article into its record tree (or one field's); a panic in the analyzer
/// becomes an error.
pub fn run_one(core: &Core, job: &Job, budget: Budget, part: Part) -> Result<Node, String> {
    let out = catch_unwind(AssertUnwindSafe(|| -> Result<Node, String> {
        let (text, title) = (job.text.as_str(), job.title.as_deref());
        let node = match part {
            Part::Whole => node::to_node(&core.analyze_titled(text, title).record(budget)),
            Part::Sentences => {
                let sentences = core.split_titled(text, title);
                let records: Vec<SentenceRecord> = sentences
                    .iter()
                    .map(|s| SentenceRecord::new(text, s))
                    .collect();
                node::to_node(&records)
            }
            Part::Quotes => {
                let doc = core.analyze_titled(text, title);
                let records: Vec<QuoteRecord> = doc
                    .quotes()
                    .iter()
                    .map(|q| QuoteRecord::new(text, q, doc.entities()))
                    .collect();
                node::to_node(&records)
            }
            Part::Summary => {
                let doc = core.analyze_titled(text, title);
                let records: Vec<SummaryRecord> = doc
                    .summary(budget)
                    .into_iter()
                    .map(|s| SummaryRecord::new(text, s))
                    .collect();
                node::to_node(&records)
            }
        };
        let mut node = node.map_err(|e| e.to_string())?;
        add_code_points(&mut node, &CodePoints::new(&job.text));
        Ok(node)
    }));
    match out {
        Ok(r) => r.map_err(|e| format!("internal error: {e}")),
        Err(p) => {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!(
                "internal error: the analyzer panicked: {msg} (please report it)"
            ))
        }
    }
}
