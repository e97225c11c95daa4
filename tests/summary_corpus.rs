//! Data-driven summary cases: every file in `corpus/summary/` (see its README) is an article
//! written for khabar with the phenomenon it exercises and what its summary must (not) hold.

use std::path::Path;

use khabar::Analyzer;
use khabar::BlockKind;
use khabar::internals::is_terminated;
use khabar::{Budget, HardWrap, Ranking, Summarizer, word_count};

struct Case {
    name: String,
    budget: Budget,
    hard_wrap: HardWrap,
    trim: bool,
    whole: bool,
    expect: Vec<String>,
    forbid: Vec<String>,
    count: Option<usize>,
    /// Some picked piece starts with each of these (after white space).
    starts: Vec<String>,
    max_item_words: Option<usize>,
    ranking: Ranking,
    text: String,
}

fn parse(name: &str, s: &str) -> Case {
    let (head, text) = s
        .split_once("\n---\n")
        .expect("a `---` line before the article");
    let mut c = Case {
        name: name.to_string(),
        budget: Budget::Sentences(3),
        hard_wrap: HardWrap::Auto,
        trim: true,
        whole: false,
        expect: vec![],
        forbid: vec![],
        count: None,
        starts: vec![],
        max_item_words: None,
        ranking: Ranking::Scored,
        text: text.to_string(),
    };
    let mut phenomenon = false;
    for line in head.lines() {
        let Some(rest) = line.strip_prefix("# ") else {
            continue;
        };
        let (k, v) = rest.split_once(": ").expect("`# key: value`");
        match k {
            "phenomenon" => phenomenon = true,
            "budget" => {
                let (kind, n) = v.split_once(' ').expect("budget KIND N");
                c.budget = match kind {
                    "sentences" => Budget::Sentences(n.parse().unwrap()),
                    "words" => Budget::Words(n.parse().unwrap()),
                    "chars" => Budget::Chars(n.parse().unwrap()),
                    "ratio" => Budget::Ratio(n.parse().unwrap()),
                    _ => panic!("{name}: unknown budget {kind}"),
                }
            }
            "hard-wrap" => {
                c.hard_wrap = match v {
                    "on" => HardWrap::On,
                    "off" => HardWrap::Off,
                    _ => HardWrap::Auto,
                }
            }
            "trim" => c.trim = v == "on",
            "whole-sentences" => c.whole = v == "yes",
            "expect" => c.expect.push(v.to_string()),
            "forbid" => c.forbid.push(v.to_string()),
            "count" => c.count = Some(v.parse().unwrap()),
            "starts" => c.starts.push(v.to_string()),
            "max-item-words" => c.max_item_words = Some(v.parse().unwrap()),
            "ranking" => {
                c.ranking = match v {
                    "lead" => Ranking::Lead,
                    "scored" => Ranking::Scored,
                    _ => panic!("{name}: unknown ranking {v}"),
                }
            }
            _ => panic!("{name}: unknown header {k}"),
        }
    }
    assert!(phenomenon, "{name}: every case names its phenomenon");
    c
}

fn run(c: &Case) -> Vec<String> {
    let mut errors = vec![];
    let analyzer = Analyzer::new();
    let doc = analyzer.analyze(&c.text);
    let summarizer = Summarizer::new()
        .with_hard_wrap(c.hard_wrap)
        .with_trim(c.trim)
        .with_ranking(c.ranking);
    let summarize = || {
        summarizer.summarize(
            &c.text,
            doc.sentences(),
            doc.tokens(),
            doc.quotes(),
            c.budget,
        )
    };
    let picked = summarize();
    if picked != summarize() {
        errors.push("not deterministic".to_string());
    }
    let texts: Vec<&str> = picked.iter().map(|p| p.span.as_str(&c.text)).collect();
    // Expectations ignore how white space (line breaks) falls.
    let flat: Vec<String> = texts
        .iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    for e in &c.expect {
        if !flat.iter().any(|t| t.contains(e.as_str())) {
            errors.push(format!("expected a sentence containing {e:?}"));
        }
    }
    for st in &c.starts {
        if !texts
            .iter()
            .any(|t| t.trim_start().starts_with(st.as_str()))
        {
            errors.push(format!("expected a piece starting with {st:?}"));
        }
    }
    if let Some(n) = c.max_item_words {
        for t in &texts {
            if word_count(t) > n {
                errors.push(format!("a piece of {} words (max {n})", word_count(t)));
            }
        }
    }
    for f in &c.forbid {
        if texts.iter().any(|t| t.contains(f.as_str())) {
            errors.push(format!("picked a sentence containing {f:?}"));
        }
    }
    if let Some(n) = c.count {
        if picked.len() != n {
            errors.push(format!("picked {} sentences, expected {n}", picked.len()));
        }
    }
    for w in picked.windows(2) {
        if w[0].span.end > w[1].span.start {
            errors.push("not in document order".to_string());
        }
    }
    for p in &picked {
        // Every sentence a pick covers (a re-joined hard-wrapped run covers several) is
        // body text: never a title, caption, dateline or clutter line.
        for i in p.sentence..=p.last_sentence {
            let k = doc.sentences()[i].kind;
            if k != BlockKind::Body {
                errors.push(format!("picked a {} sentence (sentence {i})", k.as_str()));
            }
        }
        if c.whole && !is_terminated(p.span.as_str(&c.text)) {
            errors.push(format!(
                "picked a half sentence {:?}",
                p.span.as_str(&c.text)
            ));
        }
    }
    let words: usize = texts.iter().map(|t| word_count(t)).sum();
    let chars: usize =
        texts.iter().map(|t| t.chars().count()).sum::<usize>() + texts.len().saturating_sub(1);
    let over = match c.budget {
        Budget::Sentences(n) => picked.len() > n,
        Budget::Words(n) => words > n,
        Budget::Chars(n) => chars > n,
        Budget::Ratio(_) => false,
    };
    if over {
        errors.push(format!(
            "over budget {:?}: {} sentences, {words} words",
            c.budget,
            picked.len()
        ));
    }
    if !errors.is_empty() {
        errors.push(format!("summary: {texts:#?}"));
    }
    errors
}

#[test]
fn summary_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/summary");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/summary")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "summary corpus cases missing");
    let mut failures = vec![];
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let c = parse(&name, &std::fs::read_to_string(f).unwrap());
        let errs = run(&c);
        if !errs.is_empty() {
            failures.push(format!("{}:\n  {}", c.name, errs.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
