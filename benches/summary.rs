//! Summarization speed in MB/s, with the analysis alone as the baseline in the same group.
//! Input: the summary corpus articles (written for khabar), concatenated into one article.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use khabar::{Analyzer, Budget};

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/summary");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut out = String::new();
    for f in files {
        let s = std::fs::read_to_string(f).unwrap();
        if let Some((_, body)) = s.split_once("\n---\n") {
            out.push_str(body);
            out.push('\n');
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let analyzer = Analyzer::new();
    let mut g = c.benchmark_group("summary");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("analyze (baseline)", |b| {
        b.iter(|| analyzer.analyze(&text).sentences().len())
    });
    g.bench_function("analyze + summary 3 sentences", |b| {
        b.iter(|| analyzer.analyze(&text).summary(Budget::Sentences(3)).len())
    });
    g.bench_function("analyze + summary 100 words", |b| {
        b.iter(|| analyzer.analyze(&text).summary(Budget::Words(100)).len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
