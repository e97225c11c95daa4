//! Regenerate `data/summary/df.tsv`, the summarizer's background document frequencies:
//! for each folded, light-stemmed word, the number of articles it occurs in.
//!
//! ```text
//! zcat ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz \
//!   | cargo run --release --example build_df -- 40000 > data/summary/df.tsv
//! ```
//!
//! Input: JSON lines with a `text` field. Output: a header `#docs<TAB>N`, then the top-K
//! words by document frequency (ties by word) as `word<TAB>df`. Only counts are shipped, no
//! text.

use std::collections::{HashMap, HashSet};
use std::io::{self, BufRead, Write};

use khabar::Tokens;
use khabar::internals::{is_numeric, stem};

fn main() {
    let top: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(40_000);
    let mut df: HashMap<String, u32> = HashMap::new();
    let mut docs = 0u32;
    let stdin = io::stdin();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { continue };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let text = v.get("text").and_then(|t| t.as_str()).unwrap_or("");
        if text.trim().is_empty() {
            continue;
        }
        docs += 1;
        let toks = Tokens::new(text);
        let mut seen: HashSet<&str> = HashSet::new();
        for i in 0..toks.len() {
            let w = stem(toks.form(i));
            if !is_numeric(w) {
                seen.insert(w);
            }
        }
        for w in seen {
            *df.entry(w.to_string()).or_insert(0) += 1;
        }
    }
    let mut rows: Vec<(String, u32)> = df.into_iter().filter(|(_, n)| *n >= 2).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows.truncate(top);
    let out = io::stdout();
    let mut w = io::BufWriter::new(out.lock());
    writeln!(w, "#docs\t{docs}").unwrap();
    for (word, n) in rows {
        writeln!(w, "{word}\t{n}").unwrap();
    }
}
