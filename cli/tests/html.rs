//! `khabar html` pages checked with a real HTML parser (html5ever, the parser of Servo):
//! no parse errors, `dir="rtl" lang="ar"`, one script (ours), a speaker section per
//! speaker, and every quote of the analysis record highlighted by `mark.q` elements whose
//! text is the quote's content. The expected quotes come from `khabar analyze` on the same
//! input, not from the page.
//!
//! With `../shared` present, the same checks run on the 72 dev articles and on 1,000
//! SaudiNewsNet articles (skipped otherwise).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{ParseOpts, parse_document};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use serde_json::Value;

fn khabar(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run khabar")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// What the browser's text of the page shows for `s`: the HTML parser turns CR LF and CR
/// into LF; characters no valid page may hold are shown as U+FFFD.
fn shown(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .map(|c| match c {
            '\t' | '\n' | '\u{0C}' => c,
            '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FDD0}'..='\u{FDEF}' => '\u{FFFD}',
            c if (c as u32) & 0xFFFE == 0xFFFE => '\u{FFFD}',
            c => c,
        })
        .collect()
}

fn attr(node: &Handle, name: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

fn tag(node: &Handle) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

fn text_of(node: &Handle, out: &mut String) {
    if let NodeData::Text { contents } = &node.data {
        out.push_str(&contents.borrow());
    }
    for c in node.children.borrow().iter() {
        text_of(c, out);
    }
}

#[derive(Default)]
struct Seen {
    quotes: BTreeMap<usize, String>,
    fragments: BTreeMap<usize, usize>,
    scripts: usize,
    speaker_names: Vec<String>,
    html_dir: Option<String>,
    html_lang: Option<String>,
}

fn walk(node: &Handle, seen: &mut Seen) {
    if let Some(t) = tag(node) {
        let class = attr(node, "class").unwrap_or_default();
        let classes: Vec<&str> = class.split(' ').collect();
        if t == "html" {
            seen.html_dir = attr(node, "dir");
            seen.html_lang = attr(node, "lang");
        }
        if t == "script" {
            seen.scripts += 1;
        }
        if t == "mark"
            && classes.contains(&"q")
            && let Some(q) = attr(node, "data-q").and_then(|s| s.parse().ok())
        {
            let mut s = String::new();
            text_of(node, &mut s);
            seen.quotes.entry(q).or_default().push_str(&s);
            *seen.fragments.entry(q).or_default() += 1;
        }
        if t == "section" && classes.contains(&"spk") && attr(node, "data-e").is_some() {
            // The name is the h3's span.name.
            fn find_name(n: &Handle) -> Option<String> {
                if tag(n).as_deref() == Some("span") && attr(n, "class").as_deref() == Some("name")
                {
                    let mut s = String::new();
                    text_of(n, &mut s);
                    return Some(s);
                }
                n.children.borrow().iter().find_map(find_name)
            }
            seen.speaker_names.push(find_name(node).unwrap_or_default());
        }
    }
    for c in node.children.borrow().iter() {
        walk(c, seen);
    }
}

/// Parse `html` with html5ever, failing on any parse error.
fn parse(html: &str, what: &str) -> RcDom {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            exact_errors: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let dom = parse_document(RcDom::default(), opts)
        .from_utf8()
        .read_from(&mut html.as_bytes())
        .expect("parse");
    assert!(
        dom.errors.borrow().is_empty(),
        "{what}: HTML parse errors: {:?}",
        dom.errors.borrow()
    );
    dom
}

/// Parse `html`, fail on any parse error, and check it against the analysis `record`.
/// Returns the number of quotes split into more than one fragment.
fn check_page(html: &str, record: &Value, what: &str) -> usize {
    let dom = parse(html, what);
    let mut seen = Seen::default();
    walk(&dom.document, &mut seen);
    assert_eq!(seen.html_dir.as_deref(), Some("rtl"), "{what}");
    assert_eq!(seen.html_lang.as_deref(), Some("ar"), "{what}");
    assert_eq!(seen.scripts, 1, "{what}: only the page's own script");
    let quotes = record["quotes"].as_array().expect("quotes");
    assert_eq!(
        seen.quotes.len(),
        quotes.len(),
        "{what}: every quote highlighted"
    );
    for (i, q) in quotes.iter().enumerate() {
        let want = shown(q["content"]["text"].as_str().unwrap());
        assert_eq!(seen.quotes.get(&i), Some(&want), "{what}: quote {i}");
    }
    let speakers = record["speakers"].as_array().expect("speakers");
    let names: Vec<String> = speakers
        .iter()
        .map(|s| shown(s["name"].as_str().unwrap()))
        .collect();
    assert_eq!(seen.speaker_names, names, "{what}: the speaker panel");
    seen.fragments.values().filter(|&&n| n > 1).count()
}

fn analyze_lines(args: &[&str]) -> Vec<Value> {
    let out = khabar(&[&["analyze", "-q"], args].concat());
    // Exit code 3: some records are error records (kept in their place).
    assert!(
        matches!(out.status.code(), Some(0 | 3)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
        .collect()
}

#[test]
fn corpus_pages_are_valid_and_highlight_every_quote() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "corpus/articles/seed_style.txt",
        "corpus/html/hostile.txt",
        "corpus/html/nested.txt",
    ] {
        let input = repo().join(name);
        let input = input.to_str().unwrap();
        let page = dir.path().join("page.html");
        let out = khabar(&["html", "-q", input, "-o", page.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let html = std::fs::read_to_string(&page).unwrap();
        let rec = &analyze_lines(&[input])[0];
        assert!(!rec["quotes"].as_array().unwrap().is_empty(), "{name}");
        check_page(&html, rec, name);
        // Without -o the page goes to stdout, the same bytes.
        let out = khabar(&["html", "-q", input]);
        assert_eq!(String::from_utf8(out.stdout).unwrap(), html, "{name}");
    }
}

#[test]
fn hostile_text_stays_text() {
    let input = repo().join("corpus/html/hostile.txt");
    let out = khabar(&["html", "-q", input.to_str().unwrap()]);
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    let text = std::fs::read_to_string(&input).unwrap();
    assert!(text.contains("<script>") && text.contains("\u{202E}") && text.contains("</p>"));
    assert_eq!(html.matches("<script").count(), 1);
    assert!(!html.contains("<img") && !html.contains("<b>") && !html.contains("<style>body"));
    assert!(!html.contains("<a href=\"javascript"));
    assert!(html.contains("Content-Security-Policy"));
}

#[test]
fn batches_write_pages_and_an_index_and_report_bad_records() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let mut f = std::fs::File::create(&input).unwrap();
    let seed = std::fs::read_to_string(repo().join("corpus/articles/seed_style.txt")).unwrap();
    let nested = std::fs::read_to_string(repo().join("corpus/html/nested.txt")).unwrap();
    writeln!(f, "{}", serde_json::json!({"id": "a<1>", "text": seed})).unwrap();
    writeln!(f, "{{\"id\": \"broken\", \"text\": 5}}").unwrap();
    writeln!(
        f,
        "{}",
        serde_json::json!({"id": 2, "text": nested, "title": "عنوان منفصل"})
    )
    .unwrap();
    drop(f);
    let out_dir = dir.path().join("site");
    let out = khabar(&[
        "html",
        "-q",
        input.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3), "a bad record: exit code 3");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("broken") && err.contains("not a string"),
        "{err}"
    );
    let recs = analyze_lines(&[input.to_str().unwrap()]);
    assert_eq!(recs.len(), 3);
    let page1 = std::fs::read_to_string(out_dir.join("00001.html")).unwrap();
    check_page(&page1, &recs[0], "record 1");
    assert!(!out_dir.join("00002.html").exists());
    let page3 = std::fs::read_to_string(out_dir.join("00003.html")).unwrap();
    check_page(&page3, &recs[2], "record 3");
    assert!(page3.contains("<h1>عنوان منفصل</h1>"));
    let index = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    parse(&index, "index.html");
    assert!(index.contains("href=\"00001.html\"") && index.contains("href=\"00003.html\""));
    assert!(index.contains("a&lt;1&gt;"));
    assert_eq!(index.matches("<tr><td>").count(), 3, "one row per record");
    assert!(index.contains("class=\"err\""));
    let n_quotes = recs[0]["quotes"].as_array().unwrap().len();
    assert!(index.contains(&format!("<td>{n_quotes}</td>")));

    // The same batch from the analysis output: same quotes, no second analysis.
    let analysis = dir.path().join("out.jsonl");
    let lines: Vec<String> = recs.iter().map(|r| r.to_string()).collect();
    std::fs::write(&analysis, lines.join("\n") + "\n").unwrap();
    let from = dir.path().join("from");
    let out = khabar(&[
        "html",
        "-q",
        "--from-analysis",
        analysis.to_str().unwrap(),
        "-o",
        from.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "the error record stays an error"
    );
    for (n, rec) in [(1, &recs[0]), (3, &recs[2])] {
        let page = std::fs::read_to_string(from.join(format!("{n:05}.html"))).unwrap();
        check_page(&page, rec, &format!("from-analysis {n}"));
        assert!(
            page.contains("class=\"note\""),
            "the rebuilt text is flagged"
        );
    }

    // With the inputs it was made of, the text is exact: the same pages as a fresh run.
    let exact = dir.path().join("exact");
    let out = khabar(&[
        "html",
        "-q",
        "--from-analysis",
        analysis.to_str().unwrap(),
        input.to_str().unwrap(),
        "-o",
        exact.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    for n in [1, 3] {
        let name = format!("{n:05}.html");
        let fresh = std::fs::read_to_string(out_dir.join(&name)).unwrap();
        let paired = std::fs::read_to_string(exact.join(&name)).unwrap();
        assert_eq!(paired, fresh, "{name}");
    }
    // Inputs that are not those of the analysis: each record says so.
    let other = dir.path().join("other.jsonl");
    std::fs::write(&other, "{\"id\": \"zz\", \"text\": \"x\"}\n").unwrap();
    let out = khabar(&[
        "html",
        "--from-analysis",
        analysis.to_str().unwrap(),
        other.to_str().unwrap(),
        "-o",
        dir.path().join("wrong").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not the input record's id \"zz\""), "{err}");
    assert!(err.contains("fewer records than the analysis"), "{err}");
}

#[test]
fn a_batch_needs_a_directory() {
    let out = khabar(&["html", "--jsonl", "/dev/null"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o DIR"));
}

/// Render `input` (JSON lines) as a batch and check every page against `khabar analyze`.
fn check_corpus(input: &Path, expect: usize) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = khabar(&[
        "html",
        input.to_str().unwrap(),
        "-o",
        site.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{}", String::from_utf8_lossy(&out.stderr).trim());
    let recs = analyze_lines(&[input.to_str().unwrap()]);
    assert_eq!(recs.len(), expect);
    let (mut quotes, mut split) = (0, 0);
    for (i, rec) in recs.iter().enumerate() {
        let page = std::fs::read_to_string(site.join(format!("{:05}.html", i + 1))).unwrap();
        split += check_page(&page, rec, &format!("{} record {}", input.display(), i + 1));
        quotes += rec["quotes"].as_array().unwrap().len();
    }
    eprintln!(
        "{}: {expect} pages valid, {quotes} quotes highlighted ({split} split into fragments)",
        input.display()
    );
}

#[test]
fn shared_dev_articles_render_valid_pages() {
    let dev = repo().join("../shared/eval/dev.jsonl");
    if !dev.exists() {
        eprintln!("../shared absent: skipped");
        return;
    }
    check_corpus(&dev, 72);
}

#[test]
fn shared_saudinewsnet_1000_render_valid_pages() {
    let snn = repo().join("../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz");
    if !snn.exists() {
        eprintln!("../shared absent: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("snn1000.jsonl");
    let gz = flate2::read::MultiGzDecoder::new(std::fs::File::open(&snn).unwrap());
    let mut w = std::io::BufWriter::new(std::fs::File::create(&first).unwrap());
    for line in BufReader::new(gz).lines().take(1000) {
        writeln!(w, "{}", line.unwrap()).unwrap();
    }
    drop(w);
    check_corpus(&first, 1000);
}

#[test]
#[should_panic(expected = "HTML parse errors")]
fn the_parser_check_catches_misnested_markup() {
    parse(
        "<!DOCTYPE html><html lang=\"ar\"><head><title>t</title></head>\
         <body><span><mark>x</span></mark></body></html>",
        "misnested",
    );
}
