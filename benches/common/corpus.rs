//! The one shared benchmark corpus: Arabic news articles written for this project
//! (`corpus/bench/*.txt`, no real article text), combined to about 1 MB at bench time.

/// The articles, embedded so that benches and examples need no files at run time.
pub const ARTICLES: [&str; 5] = [
    include_str!("../../corpus/bench/01_talks.txt"),
    include_str!("../../corpus/bench/02_economy.txt"),
    include_str!("../../corpus/bench/03_weather.txt"),
    include_str!("../../corpus/bench/04_health.txt"),
    include_str!("../../corpus/bench/05_sports.txt"),
];

/// The articles, in a rotating order (so neighbours differ), each separated by a blank
/// line, repeated until the text reaches `target` bytes.
#[allow(dead_code)]
pub fn news_text(target: usize) -> String {
    news_articles(target).join("\n\n")
}

/// The same articles as separate documents (about `target` bytes in all).
#[allow(dead_code)]
pub fn news_articles(target: usize) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut len = 0;
    let mut round = 0;
    while len < target {
        for k in 0..ARTICLES.len() {
            let a = ARTICLES[(k * (round + 1) + round) % ARTICLES.len()];
            out.push(a);
            len += a.len() + 2;
            if len >= target {
                break;
            }
        }
        round += 1;
    }
    out
}
