//! Data-driven quote tests: every case in `corpus/quotes/*.jsonl` (text + gold quotes in the
//! guidelines' format) must be found with its speaker, and nothing else may be reported.
//!
//! Matching follows `score.py`: a system quote matches a gold quote when the token F1 of
//! their contents (folded, punctuation dropped) is at least 0.5, best pairs first; the
//! speaker is right when a gold alias stands as whole tokens in the entity's name or the
//! mention text (at most 12 tokens).

use std::collections::HashMap;
use std::path::Path;

use khabar::Analyzer;
use serde_json::Value;

fn tokens(s: &str) -> Vec<String> {
    let f = khabar::internals::fold_str(s).to_lowercase();
    f.split(|c: char| !(c.is_alphanumeric()))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn f1(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut counts: HashMap<&str, i32> = HashMap::new();
    for t in a {
        *counts.entry(t).or_default() += 1;
    }
    let mut common = 0;
    for t in b {
        if let Some(c) = counts.get_mut(t.as_str()) {
            if *c > 0 {
                *c -= 1;
                common += 1;
            }
        }
    }
    if common == 0 {
        return 0.0;
    }
    let p = common as f64 / a.len() as f64;
    let r = common as f64 / b.len() as f64;
    2.0 * p * r / (p + r)
}

fn contains(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

struct SysQuote {
    content: String,
    name: String,
    mention: String,
}

fn speaker_ok(aliases: &[String], q: &SysQuote) -> bool {
    [&q.name, &q.mention].iter().any(|field| {
        let cand = tokens(field);
        !cand.is_empty() && cand.len() <= 12 && aliases.iter().any(|a| contains(&cand, &tokens(a)))
    })
}

fn check_case(analyzer: &Analyzer, case: &Value) -> Vec<String> {
    let id = case["id"].as_str().unwrap_or("?");
    let text = case["text"].as_str().unwrap_or("");
    let doc = analyzer.analyze(text);
    let sys: Vec<SysQuote> = doc
        .quotes()
        .iter()
        .map(|q| {
            let (name, mention) = q.speaker.map_or((String::new(), String::new()), |s| {
                let e = &doc.entities()[s.entity];
                (
                    e.name.as_str(text).to_string(),
                    s.mention.as_str(text).to_string(),
                )
            });
            SysQuote {
                content: q.content.as_str(text).to_string(),
                name,
                mention,
            }
        })
        .collect();
    let gold = case["quotes"].as_array().cloned().unwrap_or_default();
    let mut cands = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let gt = tokens(g["content"].as_str().unwrap_or(""));
        for (si, s) in sys.iter().enumerate() {
            let score = f1(&gt, &tokens(&s.content));
            if score >= 0.5 {
                cands.push((score, gi, si));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut ug, mut us) = (vec![None; gold.len()], vec![false; sys.len()]);
    for (_, gi, si) in cands {
        if ug[gi].is_none() && !us[si] {
            ug[gi] = Some(si);
            us[si] = true;
        }
    }
    let mut errs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if g["optional"].as_bool().unwrap_or(false) {
            continue;
        }
        let content = g["content"].as_str().unwrap_or("");
        match ug[gi] {
            None => errs.push(format!("{id}: missed «{content}»")),
            Some(si) => {
                let aliases: Vec<String> = g["speaker_aliases"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| x.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                if !speaker_ok(&aliases, &sys[si]) {
                    errs.push(format!(
                        "{id}: wrong speaker for «{content}»: got «{}» / «{}», want one of {aliases:?}",
                        sys[si].name, sys[si].mention
                    ));
                }
            }
        }
    }
    for (si, s) in sys.iter().enumerate() {
        if !us[si] {
            errs.push(format!("{id}: spurious «{}»", s.content));
        }
    }
    errs
}

#[test]
fn quote_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/quotes");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/quotes exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let analyzer = Analyzer::new();
    let mut n = 0;
    let mut errs = Vec::new();
    for f in files {
        let data = std::fs::read_to_string(&f).expect("readable corpus file");
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let case: Value = serde_json::from_str(line).expect("valid JSON case");
            n += 1;
            errs.extend(check_case(&analyzer, &case));
        }
    }
    assert!(n >= 30, "expected the quote corpus, found {n} cases");
    assert!(
        errs.is_empty(),
        "{} failures in {n} cases:\n{}",
        errs.len(),
        errs.join("\n")
    );
}

/// Cases of the same phenomena kept apart from the rules' development (written together with
/// `corpus/quotes/speakers.jsonl`, never tuned on) and the development cases that still fail
/// (`corpus/quotes-open/`): their pass counts are printed, and the held-out set has a floor.
#[test]
fn held_out_and_open_quote_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let analyzer = Analyzer::new();
    let score = |file: &str| {
        let data = std::fs::read_to_string(root.join(file)).expect("readable corpus file");
        let cases: Vec<Value> = data
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).expect("valid JSON case"))
            .collect();
        let passed = cases
            .iter()
            .filter(|c| check_case(&analyzer, c).is_empty())
            .count();
        eprintln!("{file}: {passed}/{} cases pass", cases.len());
        (passed, cases.len())
    };
    let (held, held_n) = score("quotes-heldout/speakers_heldout.jsonl");
    let (_open, open_n) = score("quotes-open/speakers_open.jsonl");
    assert!(
        held_n >= 40 && open_n > 0,
        "the held-out and open sets are present"
    );
    assert!(
        held * 4 >= held_n * 3,
        "held-out speaker cases: {held}/{held_n} pass, floor 75%"
    );
}
