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

/// The texts of the first SaudiNewsNet articles, about `target` bytes of text, read from
/// `../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz` (or `$KHABAR_SNN`) with `zcat`;
/// `None` when the archive is not there (the benches that need it are then skipped).
#[allow(dead_code)]
pub fn snn_articles(target: usize) -> Option<Vec<String>> {
    let path = std::env::var("KHABAR_SNN").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz"
        )
        .to_string()
    });
    if !std::path::Path::new(&path).exists() {
        return None;
    }
    let out = std::process::Command::new("zcat")
        .args(["-f", &path])
        .output()
        .ok()?;
    let mut texts = Vec::new();
    let mut len = 0;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        let Some(t) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        len += t.len();
        texts.push(t.to_string());
        if len >= target {
            break;
        }
    }
    Some(texts)
}
