#[path = "../benches/common/corpus.rs"]
mod corpus;
use std::time::Instant;
fn main() {
    let s = khabar::Splitter::new();
    for kb in [128usize, 256, 512, 1024, 2048] {
        let text = corpus::news_text(kb << 10);
        let mut best = f64::MAX;
        for _ in 0..3 { let t = Instant::now(); std::hint::black_box(s.split(&text).len()); best = best.min(t.elapsed().as_secs_f64()); }
        let arts = corpus::news_articles(kb << 10);
        let mut b2 = f64::MAX;
        for _ in 0..3 { let t = Instant::now(); std::hint::black_box(arts.iter().map(|a| s.split(a).len()).sum::<usize>()); b2 = b2.min(t.elapsed().as_secs_f64()); }
        println!("{kb} KB one text {:.1} ms ({:.0} MB/s)   per article {:.1} ms ({:.0} MB/s)", best*1e3, text.len() as f64/best/1e6, b2*1e3, text.len() as f64/b2/1e6);
    }
}
