//! Profile helper: split the ~1 MB bench text `N` times (default 20), for perf or callgrind.
//!
//! `cargo run --release --example split_prof -- 5`

#[path = "../benches/common/corpus.rs"]
mod corpus;

use khabar::Splitter;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let text = corpus::news_text(1 << 20);
    let splitter = Splitter::new();
    let mut total = 0;
    for _ in 0..n {
        total += std::hint::black_box(splitter.split(std::hint::black_box(&text))).len();
    }
    println!("{total}");
}
