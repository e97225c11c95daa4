//! Quote extraction throughput in MB/s on Arabic news text (the project's own corpus
//! articles and cases, repeated to about 1 MB), with the tokenizer and the splitter as
//! baselines in the same group so a speed-up shows as a ratio measured in one run.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use khabar::{QuoteExtractor, Splitter, Tokens};

fn corpus() -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut parts = Vec::new();
    if let Ok(a) = std::fs::read_to_string(format!("{root}/corpus/articles/seed_style.txt")) {
        parts.push(a);
    }
    if let Ok(c) = std::fs::read_to_string(format!("{root}/corpus/quotes/cases.jsonl")) {
        for line in c.lines() {
            if let Some(t) = line
                .split("\"text\": \"")
                .nth(1)
                .and_then(|r| r.split("\", \"quotes\"").next())
            {
                parts.push(t.replace("\\n", "\n").replace("\\\"", "\""));
            }
        }
    }
    let one = parts.join("\n\n");
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(&one);
        text.push_str("\n\n");
    }
    text
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let splitter = Splitter::new();
    let extractor = QuoteExtractor::new();
    let sentences = splitter.split(&text);
    let tokens = Tokens::new(&text);
    let mut g = c.benchmark_group("quotes");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("baseline_tokens", |b| b.iter(|| Tokens::new(&text).len()));
    g.bench_function("baseline_split", |b| b.iter(|| splitter.split(&text).len()));
    g.bench_function("extract", |b| {
        b.iter(|| extractor.extract(&text, &sentences, &tokens).quotes.len())
    });
    g.bench_function("split_tokens_extract", |b| {
        b.iter(|| {
            let s = splitter.split(&text);
            let t = Tokens::new(&text);
            extractor.extract(&text, &s, &t).quotes.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
