//! The article page: the text with its spans nested into elements, the summary, the
//! "who said what" panel, and a little CSS and JS, all in one file.
//!
//! Spans overlap freely (a quote across two sentences, a mention inside a quote, a quote
//! inside a quote). [`nest`] turns them into well-formed HTML in one pass over the spans
//! sorted by start: a stack of open elements; where a span ends while spans opened after
//! it are still open, those are closed and reopened after it (split into fragments). A
//! span of higher priority (quote > mention, cue > dateline > summary > sentence) is kept
//! whole: when it opens inside a lower one that would end before it, the lower one is
//! closed there and reopened inside. Text between span boundaries is copied (escaped)
//! once, in order; boundaries are char boundaries ([`Article::check`]), so UTF-8 is never
//! cut.

use std::fmt::Write;

use super::escape;
use super::model::{Article, Range, cut_chars};

/// Number of distinct speaker colours; speakers beyond it reuse them (their number tells
/// them apart).
pub const PALETTE: usize = 10;

const CSS: &str = include_str!("page.css");
/// The page's script; its hash is in the page's Content-Security-Policy, so no other
/// script can run in the page even if markup ever slipped through the escaping.
pub const JS: &str = include_str!("page.js");
/// `sha256-` + base64 of the SHA-256 of [`JS`] (checked by a test).
pub const JS_HASH: &str = "sha256-i5ANIvJxsbLyY5I+FsgwyPjiCEFksuDCtWjF4xp6wks=";

/// What an element stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Sentence(usize),
    Summary(usize),
    Dateline,
    Mention(usize),
    Cue(Option<usize>),
    Quote(usize),
}

impl Tag {
    fn priority(self) -> u8 {
        match self {
            Tag::Sentence(_) => 0,
            Tag::Summary(_) => 1,
            Tag::Dateline => 2,
            Tag::Mention(_) | Tag::Cue(_) => 3,
            Tag::Quote(_) => 4,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Item {
    start: usize,
    end: usize,
    tag: Tag,
}

/// Arabic names of the kinds.
fn quote_kind_ar(k: &str) -> &'static str {
    match k {
        "direct" => "مباشر",
        "indirect" => "غير مباشر",
        "mixed" => "مختلط",
        _ => "غير معروف",
    }
}

fn speaker_kind_ar(k: &str) -> &'static str {
    match k {
        "person" => "شخص",
        "organization" => "جهة",
        "document" => "وثيقة",
        "media" => "وسيلة إعلام",
        "anonymous" => "مصدر غير مسمّى",
        "group" => "مجموعة",
        _ => "متحدث",
    }
}

/// A CSS class token for a kind read from untrusted JSON.
fn kind_class(k: &str) -> &'static str {
    match k {
        "title" => "k-title",
        "caption" => "k-caption",
        "dateline" => "k-dateline",
        "clutter" => "k-clutter",
        "direct" => "direct",
        "indirect" => "indirect",
        "mixed" => "mixed",
        _ => "k-body",
    }
}

fn colour(entity: Option<usize>) -> String {
    match entity {
        Some(e) => format!("c{}", e % PALETTE),
        None => "cx".to_string(),
    }
}

/// The opening tags of the quotes (first fragment; later fragments drop id and tabindex).
struct QuoteTags {
    first: Vec<String>,
    rest: Vec<String>,
}

fn quote_tags(a: &Article) -> QuoteTags {
    let mut first = Vec::with_capacity(a.quotes.len());
    let mut rest = Vec::with_capacity(a.quotes.len());
    for (i, q) in a.quotes.iter().enumerate() {
        let entity = q.speaker.map(|s| s.entity);
        let (name, num) = match entity.and_then(|e| a.speakers.get(e).map(|s| (e, s))) {
            Some((e, s)) => (s.name.as_ref(), (e + 1).to_string()),
            None => ("غير معروف", "؟".to_string()),
        };
        let mut tip = format!("المتحدث [{num}]: {name}\nالنوع: {}", quote_kind_ar(&q.kind));
        if !q.rule.is_empty() {
            let _ = write!(tip, "\nالقاعدة: {}", q.rule);
        }
        if q.confidence.is_finite() {
            let _ = write!(tip, "\nالثقة: {:.2}", q.confidence);
        }
        let mut t = String::new();
        let _ = write!(
            t,
            "<mark class=\"q {} {}\" data-q=\"{i}\" data-n=\"{num}\" data-tip=\"",
            colour(entity),
            kind_class(&q.kind)
        );
        escape::attr(&mut t, &tip);
        t.push('"');
        let mut f = t.clone();
        let _ = write!(f, " id=\"q{i}\" tabindex=\"0\">");
        f = f.replacen("class=\"q ", "class=\"q first ", 1);
        t.push('>');
        first.push(f);
        rest.push(t);
    }
    QuoteTags { first, rest }
}

struct Ctx<'s, 'a> {
    a: &'s Article<'a>,
    quotes: QuoteTags,
}

impl Ctx<'_, '_> {
    fn open(&self, out: &mut String, tag: Tag, first: bool) {
        match tag {
            Tag::Sentence(i) => {
                let kind = self.a.sentences.get(i).map_or("body", |s| s.kind.as_str());
                let _ = write!(out, "<span class=\"snt {}\"", kind_class(kind));
                if first {
                    let _ = write!(out, " id=\"s{i}\"");
                }
                out.push('>');
            }
            Tag::Summary(k) => {
                out.push_str("<span class=\"sum\"");
                if first {
                    let _ = write!(out, " id=\"m{k}\"");
                }
                out.push('>');
            }
            Tag::Dateline => out.push_str("<span class=\"dl\">"),
            Tag::Mention(e) => {
                let _ = write!(
                    out,
                    "<span class=\"m {}\" data-e=\"{e}\" data-n=\"{}\">",
                    colour(Some(e)),
                    e + 1
                );
            }
            Tag::Cue(e) => {
                let _ = write!(out, "<span class=\"cue {}\">", colour(e));
            }
            Tag::Quote(i) => out.push_str(if first {
                &self.quotes.first[i]
            } else {
                &self.quotes.rest[i]
            }),
        }
    }

    fn close(&self, out: &mut String, tag: Tag) {
        out.push_str(match tag {
            Tag::Quote(_) => "</mark>",
            _ => "</span>",
        });
    }
}

/// The spans of an article, deduplicated where two would be the same element.
fn items(a: &Article) -> Vec<Item> {
    let mut v = Vec::with_capacity(a.sentences.len() * 2 + a.quotes.len() * 3);
    let mut push = |r: Range, tag: Tag| {
        v.push(Item {
            start: r.start,
            end: r.end,
            tag,
        })
    };
    for (i, s) in a.sentences.iter().enumerate() {
        push(s.range, Tag::Sentence(i));
        if let Some(d) = s.dateline {
            push(d, Tag::Dateline);
        }
    }
    for (k, s) in a.summary.iter().enumerate() {
        push(s.range, Tag::Summary(k));
    }
    for (e, sp) in a.speakers.iter().enumerate() {
        for &m in &sp.mentions {
            push(m, Tag::Mention(e));
        }
    }
    for (i, q) in a.quotes.iter().enumerate() {
        push(q.content, Tag::Quote(i));
        if let Some(sp) = q.speaker {
            push(sp.mention, Tag::Mention(sp.entity));
        }
        if let Some(c) = q.cue {
            push(c, Tag::Cue(q.speaker.map(|s| s.entity)));
        }
    }
    // Outer first: by start, then priority, then the longer; drop exact duplicates of
    // mentions and cues (a quote's speaker mention is usually also in the speaker's list).
    v.sort_by(|x, y| {
        (
            x.start,
            std::cmp::Reverse(x.tag.priority()),
            std::cmp::Reverse(x.end),
        )
            .cmp(&(
                y.start,
                std::cmp::Reverse(y.tag.priority()),
                std::cmp::Reverse(y.end),
            ))
    });
    v.dedup_by(|b, a| {
        a.start == b.start
            && a.end == b.end
            && matches!(
                (a.tag, b.tag),
                (Tag::Mention(_), Tag::Mention(_)) | (Tag::Cue(_), Tag::Cue(_))
            )
    });
    v
}

/// Write `text` with `items` (sorted by [`items`]) nested as elements. One pass: each
/// boundary is visited once; at each, only the open elements above the one that ends or
/// is interrupted are closed and reopened.
fn nest(cx: &Ctx, text: &str, items: &[Item], out: &mut String) {
    let mut stack: Vec<usize> = Vec::new();
    let mut opened = vec![false; items.len()];
    let mut next = 0; // next item to open
    let mut pos = 0;
    let mut reopen: Vec<usize> = Vec::new();
    loop {
        let next_start = items.get(next).map(|it| it.start);
        let next_end = stack.iter().map(|&i| items[i].end).min();
        let at = match (next_start, next_end) {
            (None, None) => break,
            (Some(s), None) => s,
            (None, Some(e)) => e,
            (Some(s), Some(e)) => s.min(e),
        };
        if at > pos {
            escape::text(out, &text[pos..at]);
            pos = at;
        }
        // Close what ends here (and, above it, what must be reopened).
        if next_end == Some(at) {
            let k = stack
                .iter()
                .position(|&i| items[i].end == at)
                .unwrap_or(stack.len());
            reopen.clear();
            for &i in stack[k..].iter().rev() {
                cx.close(out, items[i].tag);
            }
            reopen.extend(stack.drain(k..).filter(|&i| items[i].end > at));
            for &i in &reopen {
                cx.open(out, items[i].tag, false);
                stack.push(i);
            }
        }
        // Open what starts here.
        while let Some(it) = items.get(next).filter(|it| it.start == at) {
            let idx = next;
            next += 1;
            if it.end == it.start {
                // An empty span: an empty element in place (only quotes are worth it).
                if matches!(it.tag, Tag::Quote(_)) {
                    cx.open(out, it.tag, true);
                    cx.close(out, it.tag);
                }
                continue;
            }
            // Lower-priority elements that would end inside this one are split instead.
            // Only the run of lower-priority elements on top of the stack can move inside
            // it (moving one from under a higher element would split that one instead).
            let p = it.tag.priority();
            let lower = stack
                .iter()
                .rposition(|&i| items[i].tag.priority() >= p)
                .map_or(0, |j| j + 1);
            let k = stack[lower..]
                .iter()
                .position(|&i| items[i].end < it.end)
                .map(|k| k + lower);
            reopen.clear();
            if let Some(k) = k {
                for &i in stack[k..].iter().rev() {
                    cx.close(out, items[i].tag);
                }
                reopen.extend(stack.drain(k..));
            }
            cx.open(out, it.tag, !opened[idx]);
            opened[idx] = true;
            stack.push(idx);
            for &i in &reopen {
                cx.open(out, items[i].tag, false);
                stack.push(i);
            }
        }
    }
    if pos < text.len() {
        escape::text(out, &text[pos..]);
    }
}

/// Render the article's text with its spans (the inside of `<div class="text">`).
/// `a` must have passed [`Article::check`].
pub fn body(a: &Article, out: &mut String) {
    let cx = Ctx {
        a,
        quotes: quote_tags(a),
    };
    let items = items(a);
    nest(&cx, &a.text, &items, out);
}

fn slice<'t>(a: &'t Article, r: Range) -> &'t str {
    a.text.get(r.start..r.end).unwrap_or("")
}

/// Render the whole page of `a`; `index` links back to the batch's index page.
/// `a` must have passed [`Article::check`].
pub fn page(a: &Article, index: Option<&str>, out: &mut String) {
    let title = a.display_title();
    out.reserve(a.text.len() * 3 + 8192);
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n",
    );
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src '{JS_HASH}'; img-src data:; \
         base-uri 'none'; form-action 'none'\">"
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"khabar html\">\n<title>");
    escape::attr(out, title);
    out.push_str("</title>\n<style>\n");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(
        "<a class=\"skip\" href=\"#panel\">تخطَّ إلى «من قال ماذا»</a>\n<header class=\"top\">\n",
    );
    if let Some(ix) = index {
        out.push_str("<nav><a href=\"");
        escape::attr(out, ix);
        out.push_str("\">→ كل المقالات</a></nav>\n");
    }
    out.push_str("<h1>");
    escape::text(out, title);
    out.push_str("</h1>\n<p class=\"meta\">");
    if !a.id.is_empty() {
        out.push_str("<span class=\"id\" dir=\"auto\">");
        escape::text(out, &a.id);
        out.push_str("</span> · ");
    }
    let _ = write!(
        out,
        "<span class=\"nq\">{} اقتباس</span> · <span class=\"ns\">{} متحدث</span>",
        a.quotes.len(),
        a.speakers.len()
    );
    out.push_str(
        " · <span class=\"keys\">المفاتيح: <kbd>n</kbd>/<kbd>j</kbd> الاقتباس التالي، \
         <kbd>p</kbd>/<kbd>k</kbd> السابق، <kbd>Esc</kbd> إخفاء التفاصيل</span></p>\n",
    );
    if a.rebuilt {
        out.push_str(
            "<p class=\"note\">النص مُعاد بناؤه من جمل سجل التحليل: المسافات بين الجمل تقريبية.</p>\n",
        );
    }
    out.push_str("</header>\n<div class=\"layout\">\n<main>\n");
    // The summary.
    if !a.summary.is_empty() {
        out.push_str("<section class=\"summary\" aria-labelledby=\"sum-h\">\n<h2 id=\"sum-h\">الملخص</h2>\n<ol>\n");
        for (k, s) in a.summary.iter().enumerate() {
            let _ = write!(out, "<li><a href=\"#m{k}\">");
            escape::text(out, slice(a, s.range));
            out.push_str("</a></li>\n");
        }
        out.push_str("</ol>\n</section>\n");
    }
    out.push_str("<article class=\"text\" id=\"text\" lang=\"ar\" dir=\"rtl\">");
    body(a, out);
    out.push_str("</article>\n</main>\n");
    panel(a, out);
    out.push_str("</div>\n<div id=\"tip\" role=\"tooltip\" hidden></div>\n<script>");
    out.push_str(JS);
    out.push_str("</script>\n</body>\n</html>\n");
}

/// The side table "who said what", grouped by speaker, each quote linking to its place.
fn panel(a: &Article, out: &mut String) {
    out.push_str("<aside class=\"panel\" id=\"panel\" aria-labelledby=\"panel-h\">\n<h2 id=\"panel-h\">من قال ماذا</h2>\n");
    let mut by: Vec<Vec<usize>> = vec![Vec::new(); a.speakers.len()];
    let mut none = Vec::new();
    for (i, q) in a.quotes.iter().enumerate() {
        match q.speaker.filter(|s| s.entity < by.len()) {
            Some(s) => by[s.entity].push(i),
            None => none.push(i),
        }
    }
    if a.speakers.is_empty() && none.is_empty() {
        out.push_str("<p class=\"empty\">لا اقتباسات في هذا النص.</p>\n");
    }
    for (e, sp) in a.speakers.iter().enumerate() {
        let _ = write!(
            out,
            "<section class=\"spk {}\" id=\"e{e}\" data-e=\"{e}\">\n<h3><span class=\"num\">{}</span> <span class=\"name\">",
            colour(Some(e)),
            e + 1
        );
        escape::text(out, &sp.name);
        let _ = writeln!(
            out,
            "</span> <small>{} · {} اقتباس</small></h3>",
            speaker_kind_ar(&sp.kind),
            by[e].len()
        );
        quote_list(a, &by[e], out);
        out.push_str("</section>\n");
    }
    if !none.is_empty() {
        out.push_str("<section class=\"spk cx\" id=\"e-none\">\n<h3><span class=\"num\">؟</span> <span class=\"name\">متحدث غير معروف</span></h3>\n");
        quote_list(a, &none, out);
        out.push_str("</section>\n");
    }
    out.push_str("</aside>\n");
}

fn quote_list(a: &Article, quotes: &[usize], out: &mut String) {
    if quotes.is_empty() {
        return;
    }
    out.push_str("<ol>\n");
    for &i in quotes {
        let q = &a.quotes[i];
        let content = slice(a, q.content);
        let short = cut_chars(content, 160);
        let _ = write!(out, "<li><a href=\"#q{i}\" data-q=\"{i}\">");
        escape::text(out, short);
        if short.len() < content.len() {
            out.push('…');
        }
        let _ = writeln!(out, "</a> <small>{}</small></li>", quote_kind_ar(&q.kind));
    }
    out.push_str("</ol>\n");
}

/// One row of a batch's index page.
#[derive(Clone, Debug)]
pub struct IndexRow {
    /// The page's file name, or `None` when the record failed.
    pub file: Option<String>,
    /// Display title (or the error message for a failed record).
    pub title: String,
    /// The record id.
    pub id: String,
    /// Number of quotes.
    pub quotes: usize,
    /// Number of speakers.
    pub speakers: usize,
}

/// The index page of a batch.
pub fn index(rows: &[IndexRow], out: &mut String) {
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n",
    );
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>khabar: من قال ماذا</title>\n<style>\n");
    out.push_str(CSS);
    let ok = rows.iter().filter(|r| r.file.is_some()).count();
    let _ = write!(
        out,
        "</style>\n</head>\n<body class=\"index\">\n<header class=\"top\"><h1>من قال ماذا</h1>\n<p class=\"meta\">{} مقالة",
        ok
    );
    if ok < rows.len() {
        let _ = write!(out, " · {} سجل تعذّر عرضه", rows.len() - ok);
    }
    out.push_str("</p></header>\n<main>\n<table>\n<thead><tr><th>#</th><th>العنوان</th><th>المعرّف</th><th>اقتباسات</th><th>متحدثون</th></tr></thead>\n<tbody>\n");
    for (n, r) in rows.iter().enumerate() {
        let _ = write!(out, "<tr><td>{}</td><td>", n + 1);
        match &r.file {
            Some(f) => {
                out.push_str("<a href=\"");
                escape::attr(out, f);
                out.push_str("\">");
                escape::text(out, &r.title);
                out.push_str("</a>");
            }
            None => {
                out.push_str("<span class=\"err\">");
                escape::text(out, &r.title);
                out.push_str("</span>");
            }
        }
        out.push_str("</td><td dir=\"auto\">");
        escape::text(out, &r.id);
        let _ = writeln!(
            out,
            "</td><td>{}</td><td>{}</td></tr>",
            r.quotes, r.speakers
        );
    }
    out.push_str("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
}

#[cfg(test)]
mod tests {
    use super::super::model::{Quote, QuoteSpeaker, Sentence, Speaker, SummaryItem};
    use super::*;
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

    fn quote(
        content: Range,
        speaker: Option<(Range, usize)>,
        cue: Option<Range>,
    ) -> Quote<'static> {
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
}
