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
pub const JS_HASH: &str = "sha256-Vj/2m5736U3JiVLKyBtmg0KGk0nWfkqiT9uGOym6pQk=";

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

/// Append a number (the hot paths avoid `fmt`).
fn num(out: &mut String, mut n: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or("0"));
}

/// Append the colour class of a speaker (`c0`…, or `cx` for none).
fn colour(out: &mut String, entity: Option<usize>) {
    match entity {
        Some(e) => {
            out.push('c');
            num(out, e % PALETTE);
        }
        None => out.push_str("cx"),
    }
}

struct Ctx<'s, 'a> {
    a: &'s Article<'a>,
}

impl Ctx<'_, '_> {
    /// A quote's opening tag; the first fragment carries the id and the tab stop.
    fn open_quote(&self, out: &mut String, i: usize, first: bool) {
        let a = self.a;
        let q = &a.quotes[i];
        let speaker = q
            .speaker
            .and_then(|s| a.speakers.get(s.entity).map(|sp| (s.entity, sp)));
        out.push_str(if first {
            "<mark class=\"q first "
        } else {
            "<mark class=\"q "
        });
        colour(out, speaker.map(|(e, _)| e));
        out.push(' ');
        out.push_str(kind_class(&q.kind));
        out.push_str("\" data-q=\"");
        num(out, i);
        out.push_str("\" data-n=\"");
        match speaker {
            Some((e, _)) => num(out, e + 1),
            None => out.push('؟'),
        }
        out.push_str("\" data-tip=\"المتحدث [");
        match speaker {
            Some((e, sp)) => {
                num(out, e + 1);
                out.push_str("]: ");
                escape::attr(out, &sp.name);
            }
            None => out.push_str("؟]: غير معروف"),
        }
        out.push_str("\nالنوع: ");
        out.push_str(quote_kind_ar(&q.kind));
        if !q.rule.is_empty() {
            out.push_str("\nالقاعدة: ");
            escape::attr(out, &q.rule);
        }
        if q.confidence.is_finite() {
            // Two decimals, by hand (confidence is in [0, 1]; clamp anything else).
            let c = (q.confidence.clamp(0.0, 1.0) * 100.0).round() as usize;
            out.push_str("\nالثقة: ");
            num(out, c / 100);
            out.push('.');
            if c % 100 < 10 {
                out.push('0');
            }
            num(out, c % 100);
        }
        out.push('"');
        if first {
            out.push_str(" id=\"q");
            num(out, i);
            out.push_str("\" tabindex=\"0\" aria-describedby=\"tip\"");
        }
        out.push('>');
    }

    fn open(&self, out: &mut String, tag: Tag, first: bool) {
        match tag {
            Tag::Sentence(i) => {
                let kind = self.a.sentences.get(i).map_or("body", |s| s.kind.as_str());
                out.push_str("<span class=\"snt ");
                out.push_str(kind_class(kind));
                out.push('"');
                if first {
                    out.push_str(" id=\"s");
                    num(out, i);
                    out.push('"');
                }
                out.push('>');
            }
            Tag::Summary(k) => {
                out.push_str("<span class=\"sum\"");
                if first {
                    out.push_str(" id=\"m");
                    num(out, k);
                    out.push('"');
                }
                out.push('>');
            }
            Tag::Dateline => out.push_str("<span class=\"dl\">"),
            Tag::Mention(e) => {
                out.push_str("<span class=\"m ");
                colour(out, Some(e));
                out.push_str("\" data-e=\"");
                num(out, e);
                out.push_str("\" data-n=\"");
                num(out, e + 1);
                out.push_str("\">");
            }
            Tag::Cue(e) => {
                out.push_str("<span class=\"cue ");
                colour(out, e);
                out.push_str("\">");
            }
            Tag::Quote(i) => self.open_quote(out, i, first),
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
    // (Mentions sort before cues of the same span, so that equal spans of one kind are
    // neighbours.)
    let key = |x: &Item| {
        (
            x.start,
            std::cmp::Reverse(x.tag.priority()),
            std::cmp::Reverse(x.end),
            matches!(x.tag, Tag::Cue(_)),
        )
    };
    v.sort_by_key(key);
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
    let cx = Ctx { a };
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
        "<span class=\"keys\"> · المفاتيح: <kbd>n</kbd>/<kbd>j</kbd> الاقتباس التالي، \
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
            out.push_str("<li><a href=\"#m");
            num(out, k);
            out.push_str("\">");
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
        out.push_str("<section class=\"spk ");
        colour(out, Some(e));
        out.push_str("\" id=\"e");
        num(out, e);
        out.push_str("\" data-e=\"");
        num(out, e);
        out.push_str("\">\n<h3><span class=\"num\">");
        num(out, e + 1);
        out.push_str("</span> <span class=\"name\">");
        escape::text(out, &sp.name);
        out.push_str("</span> <small>");
        out.push_str(speaker_kind_ar(&sp.kind));
        out.push_str(" · ");
        num(out, by[e].len());
        out.push_str(" اقتباس</small></h3>\n");
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
        out.push_str("<li><a href=\"#q");
        num(out, i);
        out.push_str("\" data-q=\"");
        num(out, i);
        out.push_str("\">");
        escape::text(out, short);
        if short.len() < content.len() {
            out.push('…');
        }
        out.push_str("</a> <small>");
        out.push_str(quote_kind_ar(&q.kind));
        out.push_str("</small></li>\n");
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
