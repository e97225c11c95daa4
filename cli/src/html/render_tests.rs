//! Tests of the renderer (apart from `render.rs`, which the `html_render` bench compiles
//! into itself).

use super::escape;
use super::model::{Article, Quote, QuoteSpeaker, Range, Sentence, Speaker, SummaryItem};
use super::render::{JS, JS_HASH, body, page};
use std::borrow::Cow;

fn r(start: usize, end: usize) -> Range {
    Range { start, end }
}

/// Check `html` is well nested (every close matches the innermost open element) and
/// return, for each `data-q` quote, the concatenated text of its fragments, and the
/// number of fragments. A deliberately small reader of our own output, not an HTML
/// parser (the html5ever check is in `tests/html.rs`).
pub(crate) fn quote_texts(html: &str, n: usize) -> (Vec<String>, Vec<usize>, String) {
    let mut texts = vec![String::new(); n];
    let mut frags = vec![0; n];
    let mut all = String::new();
    let mut stack: Vec<(&str, Option<usize>)> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let chunk = unescape(&rest[..i]);
        for (_, q) in &stack {
            if let Some(q) = q {
                texts[*q].push_str(&chunk);
            }
        }
        all.push_str(&chunk);
        let j = rest[i..].find('>').expect("tag ends") + i;
        let tag = &rest[i + 1..j];
        rest = &rest[j + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let (open, _) = stack.pop().expect("close without open");
            assert_eq!(open, name, "misnested: </{name}> closes <{open}>");
        } else {
            let name = tag.split(' ').next().unwrap();
            let q = tag
                .split("data-q=\"")
                .nth(1)
                .filter(|_| name == "mark")
                .map(|s| s[..s.find('"').unwrap()].parse::<usize>().unwrap());
            if let Some(q) = q {
                frags[q] += 1;
            }
            stack.push((name, q));
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    all.push_str(&unescape(rest));
    (texts, frags, all)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn article(text: &str) -> Article<'_> {
    Article {
        id: "t".into(),
        title: None,
        text: Cow::Borrowed(text),
        rebuilt: false,
        sentences: vec![],
        quotes: vec![],
        speakers: vec![],
        summary: vec![],
    }
}

fn quote(content: Range, speaker: Option<(Range, usize)>, cue: Option<Range>) -> Quote<'static> {
    Quote {
        kind: Cow::Borrowed("direct"),
        content,
        cue,
        speaker: speaker.map(|(m, e)| QuoteSpeaker {
            mention: m,
            entity: e,
        }),
        confidence: 0.9,
        rule: Cow::Borrowed("test"),
    }
}

fn render_body(a: &Article) -> String {
    a.check().unwrap();
    let mut out = String::new();
    body(a, &mut out);
    out
}

#[test]
fn a_quote_across_sentences_stays_whole() {
    let text = "قال أحمد: «جملة أولى. وجملة ثانية» ثم مضى.";
    let s1 = text.find("وجملة").unwrap();
    let q0 = text.find('«').unwrap() + '«'.len_utf8();
    let q1 = text.find('»').unwrap();
    let mut a = article(text);
    a.sentences = vec![
        Sentence {
            range: r(0, s1 - 1),
            kind: "body".into(),
            paragraph: 0,
            dateline: None,
        },
        Sentence {
            range: r(s1, text.len()),
            kind: "body".into(),
            paragraph: 0,
            dateline: None,
        },
    ];
    let m = text.find("أحمد").unwrap();
    a.speakers = vec![Speaker {
        name: Cow::Borrowed("أحمد"),
        kind: Cow::Borrowed("person"),
        mentions: vec![r(m, m + "أحمد".len())],
    }];
    a.quotes = vec![quote(
        r(q0, q1),
        Some((r(m, m + "أحمد".len()), 0)),
        Some(r(0, m - 1)),
    )];
    a.summary = vec![SummaryItem {
        sentence: 1,
        range: r(s1, text.len()),
    }];
    let html = render_body(&a);
    let (texts, frags, all) = quote_texts(&html, 1);
    assert_eq!(all, text);
    assert_eq!(texts[0], &text[q0..q1]);
    assert_eq!(frags[0], 1, "{html}");
    assert_eq!(html.matches("id=\"s1\"").count(), 1);
    assert_eq!(
        html.matches("data-e=\"0\"").count(),
        1,
        "deduplicated mention"
    );
}

#[test]
fn random_spans_nest_and_keep_text() {
    // Pseudo-random spans over a mixed Arabic/ASCII/markup text: the output is always
    // well nested, keeps the text in order, and each quote's fragments hold exactly
    // its content.
    let text = "قال «أ<b>ب» & 'ج' \u{202E}د\n\nه‍و 🙂 ز\u{1}ح طي، كل.";
    let bounds: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut rnd = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..400 {
        let span = |rnd: &mut dyn FnMut(usize) -> usize| {
            let a = bounds[rnd(bounds.len())];
            let b = bounds[rnd(bounds.len())];
            r(a.min(b), a.max(b))
        };
        let mut a = article(text);
        for _ in 0..rnd(4) {
            a.sentences.push(Sentence {
                range: span(&mut rnd),
                kind: "body".into(),
                paragraph: 0,
                dateline: None,
            });
        }
        let ns = rnd(3);
        for e in 0..ns {
            let ms = (0..rnd(3)).map(|_| span(&mut rnd)).collect();
            a.speakers.push(Speaker {
                name: Cow::Owned(format!("س{e}")),
                kind: Cow::Borrowed("person"),
                mentions: ms,
            });
        }
        for _ in 0..rnd(5) {
            let sp = (ns > 0 && rnd(2) == 0).then(|| (span(&mut rnd), rnd(ns)));
            let cue = (rnd(2) == 0).then(|| span(&mut rnd));
            a.quotes.push(quote(span(&mut rnd), sp, cue));
        }
        if !a.sentences.is_empty() {
            a.summary.push(SummaryItem {
                sentence: 0,
                range: a.sentences[0].range,
            });
        }
        let html = render_body(&a);
        let (texts, _, all) = quote_texts(&html, a.quotes.len());
        let want = |s: &str| escape::text_content(s).replace('\u{FFFD}', "");
        assert_eq!(want(&all.replace('\u{FFFD}', "")), want(text), "{html}");
        for (q, t) in a.quotes.iter().zip(&texts) {
            assert_eq!(
                want(&t.replace('\u{FFFD}', "")),
                want(&text[q.content.start..q.content.end]),
                "{html}"
            );
        }
    }
}

#[test]
fn quotes_win_over_sentences_and_nest_in_each_other() {
    let text = "أ «ب «ج» د» هـ";
    let o = text.find('«').unwrap();
    let i = text[o + 2..].find('«').unwrap() + o + 2;
    let ie = text.find('»').unwrap() + '»'.len_utf8();
    let oe = text.rfind('»').unwrap() + '»'.len_utf8();
    let mut a = article(text);
    a.quotes = vec![quote(r(o, oe), None, None), quote(r(i, ie), None, None)];
    a.sentences = vec![Sentence {
        range: r(0, i + '«'.len_utf8()),
        kind: "clutter".into(),
        paragraph: 0,
        dateline: None,
    }];
    let html = render_body(&a);
    let (texts, frags, _) = quote_texts(&html, 2);
    assert_eq!(frags, vec![1, 1], "{html}");
    assert_eq!(texts[0], &text[o..oe]);
    assert_eq!(texts[1], &text[i..ie]);
    assert!(html.contains("k-clutter"));
}

#[test]
fn pages_escape_everything_untrusted() {
    let text = "قال المتحدث: «<script>window.x=1</script></p>» & \u{202E}انتهى";
    let mut a = article(text);
    a.id = "<img src=x onerror=alert(1)>".into();
    a.title = Some(Cow::Borrowed("</title><script>alert(1)</script>"));
    a.speakers = vec![Speaker {
        name: Cow::Borrowed("\"><script>alert(2)</script>"),
        kind: Cow::Borrowed("<b>"),
        mentions: vec![],
    }];
    let q0 = text.find('«').unwrap();
    a.quotes = vec![quote(
        r(q0, text.find('&').unwrap()),
        Some((r(0, 6), 0)),
        None,
    )];
    a.quotes[0].rule = Cow::Borrowed("\"onmouseover=\"alert(3)");
    let mut out = String::new();
    page(&a, Some("index.html"), &mut out);
    // The only script element is ours; no raw markup from the input survives.
    assert_eq!(out.matches("<script").count(), 1);
    assert!(!out.contains("<img"));
    assert!(!out.contains("\"onmouseover"));
    assert!(out.contains("&lt;script&gt;window.x=1&lt;/script&gt;&lt;/p&gt;"));
    assert!(out.contains("data-cp=\"202E\""));
}

#[test]
fn script_hash_matches_the_script() {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(JS.as_bytes());
    let want = format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    );
    assert_eq!(JS_HASH, want, "update JS_HASH in render.rs");
}
