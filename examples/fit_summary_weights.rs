//! Fit the summarizer's feature weights on EASC-style data (article + human summaries) and
//! write them as `data/summary/weights.txt`.
//!
//! ```text
//! cargo run --release --example fit_summary_weights -- ../shared/eval/easc_dev.jsonl \
//!     > data/summary/weights.txt
//! ```
//!
//! Objective: the mean, over articles, of ROUGE-1 F1 of the summary under a word budget (the
//! mean human summary length, as `easc_score.py --budgets` computes it) minus ROUGE-1 of Lead
//! at the summary's own length — the figure `easc_score.py` reports as `diff_rouge1`. The
//! tokenizer approximates the scorer's. Search: deterministic coordinate ascent from the
//! current built-in weights over a fixed grid of steps, a few rounds. Before the final fit on
//! all articles it reports a two-fold cross-validation (fit on even, test on odd articles and
//! back) on stderr, so the gain on unseen articles is visible.

use std::collections::HashMap;

use khabar::Analyzer;
use khabar::internals::fold_str;
use khabar::{Budget, Candidates, Summarizer, Weights};

struct Article {
    text: String,
    refs: Vec<HashMap<String, u32>>,
    ref_lens: Vec<usize>,
    budget: usize,
    cands: Candidates,
}

fn is_ar_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

/// Tokens as the EASC scorer sees them (approximately): folded runs of Arabic letters, of
/// Latin letters, or of digits.
fn rouge_tokens(s: &str) -> Vec<String> {
    let f = fold_str(s);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut class = 0u8;
    for c in f.chars() {
        let k = if c.is_ascii_digit() {
            1
        } else if c.is_ascii_lowercase() {
            2
        } else if is_ar_letter(c) {
            3
        } else {
            0
        };
        if k != class && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        class = k;
        if k != 0 {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn bag(t: &[String]) -> HashMap<String, u32> {
    let mut m = HashMap::new();
    for w in t {
        *m.entry(w.clone()).or_insert(0) += 1;
    }
    m
}

fn r1(sys: &[String], refs: &[HashMap<String, u32>], ref_lens: &[usize]) -> f64 {
    let s = bag(sys);
    let mut total = 0.0;
    for (r, &rl) in refs.iter().zip(ref_lens) {
        let common: u32 = s
            .iter()
            .map(|(w, &n)| n.min(r.get(w).copied().unwrap_or(0)))
            .sum();
        if common > 0 && !sys.is_empty() && rl > 0 {
            let p = f64::from(common) / sys.len() as f64;
            let rc = f64::from(common) / rl as f64;
            total += 2.0 * p * rc / (p + rc);
        }
    }
    total / refs.len().max(1) as f64
}

/// Mean (system R1, system − Lead R1) over `idx`.
fn evaluate(arts: &[Article], idx: &[usize], w: &Weights) -> (f64, f64) {
    let summarizer = Summarizer::new().with_weights(*w);
    let (mut sys_sum, mut diff_sum) = (0.0, 0.0);
    for &i in idx {
        let a = &arts[i];
        let picked = summarizer.select(&a.text, &a.cands, Budget::Words(a.budget));
        let text: Vec<&str> = picked.iter().map(|p| p.span.as_str(&a.text)).collect();
        let text = text.join("\n");
        let n = text.split_whitespace().count();
        let lead: Vec<&str> = a.text.split_whitespace().take(n).collect();
        let s = r1(&rouge_tokens(&text), &a.refs, &a.ref_lens);
        let l = r1(&rouge_tokens(&lead.join(" ")), &a.refs, &a.ref_lens);
        sys_sum += s;
        diff_sum += s - l;
    }
    let n = idx.len().max(1) as f64;
    (sys_sum / n, diff_sum / n)
}

/// Reference coverage of a unit: the share of its tokens found in each human summary
/// (clipped counts), averaged over the summaries. The regression target.
fn coverage(unit: &str, a: &Article) -> f64 {
    let t = rouge_tokens(unit);
    if t.is_empty() {
        return 0.0;
    }
    let b = bag(&t);
    let mut sum = 0.0;
    for r in &a.refs {
        let common: u32 = b
            .iter()
            .map(|(w, &n)| n.min(r.get(w).copied().unwrap_or(0)))
            .sum();
        sum += f64::from(common) / t.len() as f64;
    }
    sum / a.refs.len().max(1) as f64
}

/// The features that enter the score, in `Weights::NAMES` order: all of them, or those
/// named in the environment variable `FEATURES` (comma-separated; the others weigh 0, except
/// penalties, which keep their prior). `scripts/summary_crossfit.py` compares such sets on
/// held-apart articles.
fn feature_names() -> Vec<&'static str> {
    let only: Option<Vec<String>> = std::env::var("FEATURES")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map(|v| v.split(',').map(|n| n.trim().to_string()).collect());
    Weights::NAMES
        .iter()
        .copied()
        .filter(|n| *n != "redundancy")
        .filter(|n| only.as_ref().is_none_or(|o| o.iter().any(|x| x == n)))
        .collect()
}

/// Ridge regression of unit coverage on the features, both centred per article, over the
/// articles `idx`. The coefficients become the weights; the intercept does not change a
/// ranking and is dropped.
fn fit(arts: &[Article], idx: &[usize], ridge: f64, redundancy: f64) -> Weights {
    // Penalties are penalties: a penalty feature whose coefficient comes out positive (a
    // handful of bare questions in the data, say) is dropped, the rest refitted, and the
    // dropped one keeps the small prior weight PENALTY_PRIOR.
    let mut names = feature_names();
    loop {
        let w = fit_names(arts, idx, ridge, redundancy, &names);
        let wrong: Vec<&str> = PENALTIES
            .iter()
            .copied()
            .filter(|n| names.contains(n) && w.get(n).unwrap_or(0.0) > 0.0)
            .collect();
        if wrong.is_empty() {
            let mut w = w;
            for n in PENALTIES {
                if !names.contains(&n) {
                    if let Some(v) = w.get_mut(n) {
                        *v = PENALTY_PRIOR;
                    }
                }
            }
            return w;
        }
        names.retain(|n| !wrong.contains(n));
    }
}

/// The weight a penalty keeps when the data cannot estimate it with the right sign: a bare
/// question or a dangling opening still costs a little in a news summary.
const PENALTY_PRIOR: f64 = -0.2;

/// Features that may only lower a score.
const PENALTIES: [&str; 5] = ["short", "long", "dangling", "question", "unterminated"];

fn fit_names(
    arts: &[Article],
    idx: &[usize],
    ridge: f64,
    redundancy: f64,
    names: &[&str],
) -> Weights {
    let k = names.len() + 1;
    let mut a = vec![vec![0.0f64; k + 1]; k];
    for &i in idx {
        let art = &arts[i];
        let rows: Vec<(Vec<f64>, f64)> = art
            .cands
            .items
            .iter()
            .map(|c| {
                let mut x = vec![1.0];
                x.extend(
                    names
                        .iter()
                        .map(|n| Weights::feature(&c.features, n).unwrap_or(0.0)),
                );
                (x, coverage(c.span.as_str(&art.text), art))
            })
            .collect();
        let m = rows.len().max(1) as f64;
        let mut mx = vec![0.0; k];
        let mut my = 0.0;
        for (x, y) in &rows {
            for p in 1..k {
                mx[p] += x[p] / m;
            }
            my += y / m;
        }
        for (x, y) in rows {
            let (mut x, mut y) = (x, y);
            // Within-article: features and coverage centred on the article's means, so the
            // fit learns what ranks units inside an article (all that selection uses), not
            // which articles are easy.
            for p in 1..k {
                x[p] -= mx[p];
            }
            y -= my;
            for p in 0..k {
                for q in 0..k {
                    a[p][q] += x[p] * x[q];
                }
                a[p][k] += x[p] * y;
            }
        }
    }
    for (p, row) in a.iter_mut().enumerate().skip(1) {
        row[p] += ridge;
    }
    // Gauss-Jordan elimination with partial pivoting.
    for c in 0..k {
        let p = (c..k)
            .max_by(|&x, &y| a[x][c].abs().total_cmp(&a[y][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        let d = a[c][c];
        if d.abs() < 1e-12 {
            continue;
        }
        let pivot = a[c].clone();
        for (r, row) in a.iter_mut().enumerate() {
            if r != c {
                let f = row[c] / d;
                if f != 0.0 {
                    for (x, &y) in row.iter_mut().zip(&pivot).skip(c) {
                        *x -= f * y;
                    }
                }
            }
        }
    }
    let mut w = Weights {
        redundancy,
        ..Weights::default()
    };
    for (j, n) in names.iter().enumerate() {
        let d = a[j + 1][j + 1];
        let v = if d.abs() < 1e-12 {
            0.0
        } else {
            a[j + 1][k] / d
        };
        // Rounded so that the data file reads well; the ranking does not notice.
        if let Some(slot) = w.get_mut(n) {
            *slot = (v * 1e4).round() / 1e4;
        }
    }
    w
}

const RIDGE: f64 = 10.0;
const REDUNDANCY: f64 = 0.05;

/// The human summaries of a record: EASC's `summaries`, or the news gold's `summary`
/// sentences as one summary.
fn summaries_of(v: &serde_json::Value) -> Vec<String> {
    let strings = |a: &serde_json::Value| -> Vec<String> {
        a.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    if v.get("summaries").is_some() {
        return strings(&v["summaries"]);
    }
    let sentences = strings(&v["summary"]);
    if sentences.is_empty() {
        return vec![];
    }
    vec![sentences.join(" ")]
}

fn main() {
    // usage: fit_summary_weights DATA.jsonl... [--dump | WEIGHTS.txt]
    // DATA: EASC records {"article", "summaries"} or news gold records {"text", "summary"}
    // (those without a summary are left out).
    let args: Vec<String> = std::env::args().skip(1).collect();
    let paths: Vec<&String> = args.iter().filter(|a| a.ends_with(".jsonl")).collect();
    assert!(
        !paths.is_empty(),
        "usage: fit_summary_weights DATA.jsonl... [--dump | WEIGHTS.txt]"
    );
    let dump = args.iter().any(|a| a == "--dump");
    let weights_path = args
        .iter()
        .find(|a| !a.ends_with(".jsonl") && *a != "--dump");
    let analyzer = Analyzer::new().with_hard_wrap(khabar::HardWrap::Auto);
    let summarizer = Summarizer::new();
    let mut arts = Vec::new();
    let mut lines = Vec::new();
    for path in &paths {
        let data = std::fs::read_to_string(path).expect("reading data");
        lines.extend(
            data.lines()
                .filter(|l| !l.trim().is_empty())
                .map(String::from),
        );
    }
    for line in &lines {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
        let text = v["article"]
            .as_str()
            .or_else(|| v["text"].as_str())
            .unwrap_or("")
            .to_string();
        let sums = summaries_of(&v);
        if sums.is_empty() {
            continue;
        }
        let mean = sums
            .iter()
            .map(|s| s.split_whitespace().count() as f64)
            .sum::<f64>()
            / sums.len().max(1) as f64;
        let toks: Vec<Vec<String>> = sums.iter().map(|s| rouge_tokens(s)).collect();
        let doc = analyzer.analyze_titled(&text, v["title"].as_str().filter(|t| !t.is_empty()));
        let cands = summarizer.candidates(&text, doc.sentences(), doc.tokens(), doc.quotes());
        drop(doc);
        arts.push(Article {
            refs: toks.iter().map(|t| bag(t)).collect(),
            ref_lens: toks.iter().map(Vec::len).collect(),
            budget: mean.round_ties_even() as usize,
            cands,
            text,
        });
    }
    let all: Vec<usize> = (0..arts.len()).collect();
    if dump {
        // One JSON line per candidate: article index, budget, span text, features.
        for (i, a) in arts.iter().enumerate() {
            for c in &a.cands.items {
                let f = &c.features;
                let v = serde_json::json!({"article": i, "budget": a.budget, "first": c.first,
                    "text": c.span.as_str(&a.text), "position": f.position, "keyword": f.keyword,
                    "centroid": f.centroid, "title": f.title, "words": f.words, "dangling": f.dangling,
                    "question": f.question, "unterminated": f.unterminated, "paragraph_start": f.paragraph_start});
                println!("{v}");
            }
        }
        return;
    }
    if let Some(wpath) = weights_path {
        // Evaluate a weights file only, per article.
        let w = Weights::parse(&std::fs::read_to_string(wpath).expect("weights")).expect("weights");
        for i in 0..arts.len() {
            let (s, d) = evaluate(&arts, &[i], &w);
            let summ = Summarizer::new().with_weights(w);
            let picked = summ.select(&arts[i].text, &arts[i].cands, Budget::Words(arts[i].budget));
            let words: usize = picked.iter().map(|p| p.features.words as usize).sum();
            let idx: Vec<usize> = picked.iter().map(|p| p.sentence).collect();
            eprintln!(
                "{i}\tR1 {s:.3} diff {d:+.3} words {words}/{} units {} picked {idx:?}",
                arts[i].budget,
                arts[i].cands.items.len()
            );
        }
        let (s, d) = evaluate(&arts, &all, &w);
        eprintln!("all: R1 {s:.4} diff {d:+.4}");
        return;
    }
    let even: Vec<usize> = all.iter().copied().filter(|i| i % 2 == 0).collect();
    let odd: Vec<usize> = all.iter().copied().filter(|i| i % 2 == 1).collect();
    let ridge: f64 = std::env::var("RIDGE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(RIDGE);
    let red: f64 = std::env::var("REDUNDANCY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(REDUNDANCY);
    let mut cv = Vec::new();
    for (name, train, test) in [("even→odd", &even, &odd), ("odd→even", &odd, &even)] {
        let w = fit(&arts, train, ridge, red);
        let (st, dt) = evaluate(&arts, train, &w);
        let (sv, dv) = evaluate(&arts, test, &w);
        eprintln!("cv {name}: train R1 {st:.4} diff {dt:+.4} | test R1 {sv:.4} diff {dv:+.4}");
        cv.push(format!("{name}: test R1 {sv:.4} diff {dv:+.4}"));
    }
    let w = fit(&arts, &all, ridge, red);
    let (s1, d1) = evaluate(&arts, &all, &w);
    eprintln!("fitted on all: R1 {s1:.4} diff {d1:+.4}");
    println!(
        "# Summary feature weights: within-article ridge regression (lambda {ridge}) of each unit's coverage"
    );
    println!(
        "# by the human summaries on its features, {} articles ({}), made by",
        arts.len(),
        paths
            .iter()
            .map(|p| p.rsplit('/').next().unwrap_or(p))
            .collect::<Vec<_>>()
            .join(" + ")
    );
    let env = std::env::var("FEATURES")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map(|v| format!("FEATURES={v} "))
        .unwrap_or_default();
    println!(
        "#   {env}cargo run --release --example fit_summary_weights -- {}",
        paths
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!("# Features fitted: {}.", feature_names().join(", "));
    println!("# In-sample (approximate scorer): R1 {s1:.4}, diff vs Lead {d1:+.4}.");
    println!(
        "# Two-fold cross-validation on held-out articles: {}.",
        cv.join("; ")
    );
    print!("{}", w.to_text());
}
