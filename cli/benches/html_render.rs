//! The HTML renderer alone, in MB of article text per second: whole pages (`khabar html`'s
//! `render::page`) from analyses computed once beforehand. Baseline in the same group:
//! escaping the same text with no spans at all (the floor any page costs).
//!
//! `cargo bench -p khabar-cli --bench html_render` — on the project's own articles
//! (`corpus/articles`, `corpus/html`, `corpus/bench`), and, when `../shared` is present, on
//! the 72 dev articles and the first 1,000 SaudiNewsNet articles (measured only).

use std::hint::black_box;
use std::io::{BufRead, BufReader};
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use khabar::{Analyzer, Budget};

// The renderer's modules, compiled into this bench (the CLI is a binary crate). Their
// `super::` paths resolve here as in the CLI's `html` module.
#[allow(dead_code)]
#[path = "../src/html/escape.rs"]
mod escape;
#[allow(dead_code)]
#[path = "../src/html/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "../src/html/render.rs"]
mod render;

use model::Article;

/// `(id, title, text)` records.
type Records = Vec<(serde_json::Value, Option<String>, String)>;

fn own_articles() -> Records {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut v = Vec::new();
    for dir in ["corpus/articles", "corpus/html", "corpus/bench"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            v.push((f.display().to_string().into(), None, text));
        }
    }
    v
}

fn jsonl(r: impl BufRead, limit: usize) -> Records {
    r.lines()
        .take(limit)
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.unwrap()).unwrap();
            let title = v["title"].as_str().map(str::to_string);
            let text = v["text"].as_str().unwrap_or_default().to_string();
            (v["id"].clone(), title, text)
        })
        .collect()
}

fn bench_set(c: &mut Criterion, name: &str, recs: &Records) {
    let analyzer = Analyzer::new();
    let analyses: Vec<_> = recs
        .iter()
        .map(|(_, title, text)| analyzer.analyze_titled(text, title.as_deref()))
        .collect();
    let records: Vec<_> = analyses
        .iter()
        .map(|a| a.record(Budget::default()))
        .collect();
    let articles: Vec<Article> = recs
        .iter()
        .zip(&records)
        .map(|((id, title, text), r)| Article::from_record(id, title.as_deref(), text, r))
        .collect();
    for a in &articles {
        a.check().unwrap();
    }
    let bytes: usize = recs.iter().map(|r| r.2.len()).sum();
    let mut g = c.benchmark_group(format!("html/{name}"));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    let mut out = String::new();
    g.bench_function("page", |b| {
        b.iter(|| {
            let mut n = 0;
            for a in &articles {
                out.clear();
                render::page(black_box(a), Some("index.html"), &mut out);
                n += out.len();
            }
            n
        })
    });
    g.bench_function("escape_only_baseline", |b| {
        b.iter(|| {
            let mut n = 0;
            for (_, _, text) in recs {
                out.clear();
                escape::text(&mut out, black_box(text));
                n += out.len();
            }
            n
        })
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    bench_set(c, "own", &own_articles());
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    let dev = shared.join("eval/dev.jsonl");
    if dev.exists() {
        let f = std::fs::File::open(dev).unwrap();
        bench_set(c, "dev72", &jsonl(BufReader::new(f), usize::MAX));
    }
    let snn = shared.join("corpora/saudinewsnet/saudinewsnet.jsonl.gz");
    if snn.exists() {
        let gz = flate2::read::MultiGzDecoder::new(std::fs::File::open(snn).unwrap());
        bench_set(c, "snn1000", &jsonl(BufReader::new(gz), 1000));
    }
}

criterion_group!(html_benches, benches);
criterion_main!(html_benches);
