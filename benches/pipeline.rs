//! Criterion benchmarks per stage, in MB/s (`Throughput::Bytes`), each with a baseline in
//! the same group, all on one shared corpus: the Arabic news articles of `corpus/bench/`
//! (written for this project) combined to about 1 MB.
//!
//! `cargo bench -p khabar --bench pipeline`

#[path = "common/corpus.rs"]
mod corpus;

use std::hint::black_box;

use aho_corasick::AhoCorasick;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use khabar::{Analyzer, Budget, QuoteExtractor, Splitter, Summarizer, Tokens};
use unicode_segmentation::UnicodeSegmentation;

const SIZE: usize = 1 << 20;

fn split(c: &mut Criterion) {
    let text = corpus::news_text(SIZE);
    let splitter = Splitter::new();
    let mut g = c.benchmark_group("split");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("khabar", |b| {
        b.iter(|| black_box(splitter.split(black_box(&text))).len())
    });
    // Baseline: UAX #29 sentence boundaries (unicode-segmentation).
    g.bench_function("unicode_segmentation", |b| {
        b.iter(|| black_box(&text).split_sentence_bound_indices().count())
    });
    g.finish();
}

/// The quotation marks and reporting cues a naive quote finder would scan for.
fn mark_scanner() -> AhoCorasick {
    AhoCorasick::new([
        "\"", "«", "»", "“", "”", "„", "‹", "›", "قال", "أكد", "أضاف", "أوضح",
    ])
    .unwrap()
}

fn quotes(c: &mut Criterion) {
    let text = corpus::news_text(SIZE);
    let sentences = Splitter::new().split(&text);
    let tokens = Tokens::new(&text);
    let extractor = QuoteExtractor::new();
    let scan = mark_scanner();
    let mut g = c.benchmark_group("quotes");
    g.throughput(Throughput::Bytes(text.len() as u64));
    // Quote extraction alone, on sentences and tokens computed once.
    g.bench_function("khabar", |b| {
        b.iter(|| {
            black_box(extractor.extract(&text, &sentences, &tokens))
                .quotes
                .len()
        })
    });
    // Baselines: one multi-pattern scan for marks and cue stems; tokenization alone.
    g.bench_function("aho_corasick_mark_scan", |b| {
        b.iter(|| scan.find_iter(black_box(text.as_str())).count())
    });
    g.bench_function("tokenize", |b| {
        b.iter(|| Tokens::new(black_box(&text)).len())
    });
    g.finish();
}

fn summary(c: &mut Criterion) {
    let articles = corpus::news_articles(SIZE);
    let bytes: usize = articles.iter().map(|a| a.len()).sum();
    let analyzer = Analyzer::new();
    let prepared: Vec<_> = articles
        .iter()
        .map(|a| (a, Splitter::new().split(a), Tokens::new(a)))
        .collect();
    let analyses: Vec<_> = articles.iter().map(|a| analyzer.analyze(a)).collect();
    let summarizer = Summarizer::new();
    let mut g = c.benchmark_group("summary");
    g.throughput(Throughput::Bytes(bytes as u64));
    // Summarization alone (3 sentences per article), on analyses computed once.
    g.bench_function("khabar", |b| {
        b.iter(|| {
            analyses
                .iter()
                .map(|a| a.summary(Budget::Sentences(3)).len())
                .sum::<usize>()
        })
    });
    // The same with a word budget (another selection path).
    g.bench_function("khabar_words_60", |b| {
        b.iter(|| {
            prepared
                .iter()
                .map(|(a, s, t)| summarizer.summarize(a, s, t, &[], Budget::Words(60)).len())
                .sum::<usize>()
        })
    });
    // Baseline: tokenization alone (the least a keyword-based summarizer must do).
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| Tokens::new(black_box(a)).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

fn analyze(c: &mut Criterion) {
    let text = corpus::news_text(SIZE);
    let articles = corpus::news_articles(SIZE);
    let analyzer = Analyzer::new();
    let mut g = c.benchmark_group("analyze");
    g.throughput(Throughput::Bytes(text.len() as u64));
    // The whole pipeline (split, tokens, quotes, 3-sentence summary) on 1 MB as one text.
    g.bench_function("khabar_one_text", |b| {
        b.iter(|| {
            let a = analyzer.analyze(black_box(&text));
            (a.quotes().len(), a.summary(Budget::Sentences(3)).len())
        })
    });
    g.bench_function("tokenize", |b| {
        b.iter(|| Tokens::new(black_box(&text)).len())
    });
    g.finish();
    // Per article, as the CLI does for JSON lines.
    per_article(c, "analyze_per_article", &analyzer, &articles, 20);
    // Real news: the first SaudiNewsNet articles (8 MB of text), per article, when the
    // archive is beside the repository (`../shared`).
    if let Some(snn) = corpus::snn_articles(8_000_000) {
        let snn: Vec<&str> = snn.iter().map(String::as_str).collect();
        per_article(c, "analyze_saudinewsnet", &analyzer, &snn, 10);
    }
}

/// The whole pipeline article by article (quotes and a 3-sentence summary of each), beside
/// tokenization alone of the same articles, in the group `name`.
fn per_article(
    c: &mut Criterion,
    name: &str,
    analyzer: &Analyzer,
    articles: &[&str],
    samples: usize,
) {
    let bytes: usize = articles.iter().map(|a| a.len()).sum();
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(samples);
    g.bench_function("khabar", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|t| {
                    let a = analyzer.analyze(black_box(t));
                    a.quotes().len() + a.summary(Budget::Sentences(3)).len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| Tokens::new(black_box(a)).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(4));
    targets = split, quotes, summary, analyze
}
criterion_main!(benches);
