//! Document structure: lines and paragraphs → blocks of a kind.
//!
//! Real articles arrive with their headline, photo captions, datelines, bylines and page
//! clutter mixed into the body. Each non-blank line becomes a [`Block`] whose [`BlockKind`]
//! tells the later stages what it is. The rules read the line's shape (length, final
//! punctuation, dates, separators) and the word lists of `data/structure.txt`,
//! `data/clutter.txt` and `data/agencies.txt`; they never depend on one outlet.

use super::lexicon::{ClutterKind, Lexicon};
use crate::chars::{
    ends_with_terminal, is_arabic_letter, is_digit, is_invisible, is_letter_or_mark,
};
use crate::fold::{FoldChar, FoldOptions, fold_char};
use crate::hash::FxHashMap;
use crate::span::Span;

/// What a line of an article is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum BlockKind {
    /// The headline.
    Title,
    /// A photo caption (often repeated).
    Caption,
    /// A dateline or byline (تل أبيب-رويترز، كتب: …).
    Dateline,
    /// Body text.
    Body,
    /// Page furniture: related links, tags, share widgets, leaked CSS, schedules.
    Clutter,
}

impl BlockKind {
    /// The lowercase name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Caption => "caption",
            BlockKind::Dateline => "dateline",
            BlockKind::Body => "body",
            BlockKind::Clutter => "clutter",
        }
    }
}

/// One non-blank line of the text (or, for hard-wrapped text, one paragraph).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// The line's span, without surrounding white space.
    pub span: Span,
    /// What the line is.
    pub kind: BlockKind,
    /// Index of the paragraph (0-based): each non-blank line is a paragraph.
    pub paragraph: usize,
    /// A dateline or byline at the start of a body line (سبق- وكالات: …), which stays part
    /// of the line's first sentence.
    pub dateline: Option<Span>,
}

/// Options of the structure pass.
#[derive(Clone, Copy, Debug, Default)]
pub struct DocOptions<'a> {
    /// The record's headline, when known: the line that equals it is the title.
    pub title: Option<&'a str>,
    /// Text hard-wrapped at a fixed width: a single line break inside a paragraph whose line
    /// does not end with terminal punctuation joins the two lines into one block.
    pub hard_wrapped: bool,
}

/// Split `text` into blocks and classify them.
#[cfg(test)]
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    blocks_with(text, &DocOptions::default())
}

/// Split `text` into blocks and classify them, with options.
pub fn blocks_with(text: &str, opts: &DocOptions<'_>) -> Vec<Block> {
    let lines = lines(text);
    let lex = Lexicon::get();
    let mut cx = Classifier {
        lex,
        text,
        fold: String::with_capacity(256),
        folded: None,
    };
    let kinds = cx.classify(&lines, opts);
    let mut out: Vec<Block> = Vec::with_capacity(lines.len());
    let mut para = 0;
    for (line, kind) in lines.iter().zip(kinds) {
        let s = line.span.as_str(text);
        if opts.hard_wrapped
            && kind == BlockKind::Body
            && !line.blank_before
            && !starts_list_item(s)
        {
            if let Some(last) = out.last_mut() {
                let prev = last.span.as_str(text);
                if last.kind == BlockKind::Body && !ends_with_terminal(prev) {
                    last.span.end = line.span.end;
                    continue;
                }
            }
        }
        let dateline = if kind == BlockKind::Body {
            inline_dateline(lex, text, line.span)
        } else {
            None
        };
        out.push(Block {
            span: line.span,
            kind,
            paragraph: para,
            dateline,
        });
        para += 1;
    }
    out
}

/// A non-blank line: its span trimmed of white space, and whether a blank line (or the
/// start of the text) precedes it.
#[derive(Clone, Copy, Debug)]
struct Line {
    span: Span,
    blank_before: bool,
}

/// Lines of `text`, broken at `\n`, `\r\n`, `\r`, U+2028 and U+2029; blank lines dropped.
fn lines(text: &str) -> Vec<Line> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    let mut blank_before = true;
    let mut push = |s: usize, e: usize, out: &mut Vec<Line>| {
        let sp = trim_ws(text, s, e);
        if sp.is_empty() || sp.as_str(text).chars().all(is_invisible) {
            blank_before = true;
        } else {
            out.push(Line {
                span: sp,
                blank_before,
            });
            blank_before = false;
        }
    };
    let mut i = 0;
    while let Some(k) = memchr::memchr3(b'\n', b'\r', 0xE2, &b[i..]) {
        let at = i + k;
        let brk = match b[at] {
            b'\r' if b.get(at + 1) == Some(&b'\n') => 2,
            b'\n' | b'\r' => 1,
            _ if b.get(at + 1) == Some(&0x80) && matches!(b.get(at + 2), Some(0xA8 | 0xA9)) => 3,
            _ => {
                i = at + 1;
                continue;
            }
        };
        push(pos, at, &mut out);
        pos = at + brk;
        i = pos;
    }
    push(pos, text.len(), &mut out);
    out
}

/// `start..end` without leading and trailing white space.
fn trim_ws(text: &str, start: usize, end: usize) -> Span {
    let s = &text[start..end];
    let t = s.trim_start();
    let a = start + (s.len() - t.len());
    Span::new(a, a + t.trim_end().len())
}

/// A line that opens a list item (- …، • …، 1. …، ٢- …): never the wrapped tail of the line
/// before it.
fn starts_list_item(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some('-' | '–' | '•' | '*' | '▪' | '◦') => true,
        Some(c) if is_digit(c) => {
            let rest = s.trim_start_matches(is_digit);
            rest.starts_with(['.', '-', ')', '–'])
        }
        _ => false,
    }
}

/// Words of a (trimmed) line, separated by spaces, counted up to `cap`: a plain byte scan
/// (a word starts after each space not followed by another), 64 bytes at a time so that the
/// count stops soon after `cap` on long paragraphs.
fn word_count(line: &str, cap: usize) -> usize {
    let b = line.as_bytes();
    if b.is_empty() {
        return 0;
    }
    let mut n = 1;
    let mut k = 0;
    while k + 1 < b.len() && n < cap {
        let stop = (k + 64).min(b.len() - 1);
        let starts = b[k..stop]
            .iter()
            .zip(&b[k + 1..=stop])
            .fold(0u8, |acc, (&a, &c)| {
                acc + u8::from((a == b' ') & (c != b' '))
            });
        n += usize::from(starts);
        k = stop;
    }
    n.min(cap)
}

struct Classifier<'t> {
    lex: &'static Lexicon,
    text: &'t str,
    fold: String,
    /// The slice (address, length) and cap whose fold `fold` holds.
    folded: Option<(usize, usize, usize)>,
}

/// Longest prefix of a line that the classifier folds (structure lines are short).
const FOLD_PREFIX: usize = 240;

/// Longest line that can equal a clutter phrase (and the prefix folded to look for one).
const CLUTTER_PREFIX: usize = 96;

/// The largest char boundary of `s` not above `max`.
fn floor_boundary(s: &str, max: usize) -> usize {
    (0..=max.min(s.len()))
        .rev()
        .find(|&k| s.is_char_boundary(k))
        .unwrap_or(0)
}

impl Classifier<'_> {
    /// Fold (a prefix of) `s` into the reused buffer, collapsing white space runs.
    fn fold_line(&mut self, s: &str) -> &str {
        self.fold_capped(s, FOLD_PREFIX)
    }

    /// Fold `s` until the fold reaches `cap` bytes. The fold grows char by char, so a
    /// smaller cap gives a prefix of the same fold.
    fn fold_capped(&mut self, s: &str, cap: usize) -> &str {
        // The same slice folded again (a short line tried by several rules): reuse it.
        let key = (s.as_ptr() as usize, s.len(), cap);
        if self.folded == Some(key) {
            return &self.fold;
        }
        self.folded = Some(key);
        self.fold.clear();
        let mut space = false;
        for c in s.chars() {
            if self.fold.len() >= cap {
                break;
            }
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if let FoldChar::Char(f) = fold_char(c, FoldOptions::default()) {
                if space && !self.fold.is_empty() {
                    self.fold.push(' ');
                }
                space = false;
                self.fold.push(f);
            }
        }
        &self.fold
    }

    fn classify(&mut self, lines: &[Line], opts: &DocOptions<'_>) -> Vec<BlockKind> {
        let text = self.text;
        let title_line = opts
            .title
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .and_then(|t| lines.iter().take(40).position(|l| l.span.as_str(text) == t));
        let mut kinds = Vec::with_capacity(lines.len());
        // The kind given to the first copy of each (not too long) line.
        let mut seen: FxHashMap<&str, BlockKind> = FxHashMap::default();
        let mut title: Option<&str> = None;
        let mut header = true; // before the first body line
        let mut tail = false; // after a related-stories marker
        for (i, l) in lines.iter().enumerate() {
            let s = l.span.as_str(text);
            // Every threshold below is under 40 words: counting further changes nothing.
            let words = word_count(s, 40);
            let short = words < 40;
            let terminal = ends_with_terminal(s);
            let headline = (3..=30).contains(&words) && !terminal && !s.ends_with(':');
            let h = if s.len() <= 200 { Some(s) } else { None };
            let earlier = h.and_then(|h| seen.get(&h).copied());
            let next_same = lines.get(i + 1).is_some_and(|n| n.span.as_str(text) == s);
            let kind = if tail {
                BlockKind::Clutter
            } else if let Some(k) = self.clutter(s) {
                // Related stories end the article only once the body has begun: the same
                // words in a page header are a menu.
                tail |= k == ClutterKind::Tail && !header;
                BlockKind::Clutter
            } else if title_line == Some(i) {
                title = Some(s);
                BlockKind::Title
            } else if opts.hard_wrapped && self.wrapped(lines, i, &kinds) {
                // A line of a hard-wrapped paragraph (EASC newspapers): body text.
                header = false;
                BlockKind::Body
            } else if title.is_some_and(|t| t == s) {
                // The headline repeated as a photo caption.
                BlockKind::Caption
            } else if let Some(k) = self.structure_line(s) {
                k
            } else if let Some(k) = earlier.filter(|_| short) {
                // A repeated line: a caption shown twice, or furniture repeated.
                match k {
                    BlockKind::Dateline | BlockKind::Clutter => k,
                    _ => BlockKind::Caption,
                }
            } else if words <= 6 && !s.chars().any(is_arabic_letter) {
                // A short line without Arabic in an Arabic article: a widget or a logo.
                BlockKind::Clutter
            } else if self.is_caption(s) {
                BlockKind::Caption
            } else if next_same && short {
                // The first of two identical lines: the headline shown twice, or a caption.
                if header && title.is_none() && title_line.is_none() && headline {
                    title = Some(s);
                    BlockKind::Title
                } else {
                    BlockKind::Caption
                }
            } else if header {
                if title.is_none() && title_line.is_none_or(|t| i > t) && headline {
                    title = Some(s);
                    BlockKind::Title
                } else if title_line.is_some_and(|t| i < t) || (words <= 2 && !terminal) {
                    BlockKind::Clutter
                } else if title.is_some() && words <= 12 && !terminal && !s.ends_with(':') {
                    // A subtitle or caption between the headline and the body.
                    BlockKind::Caption
                } else {
                    header = false;
                    BlockKind::Body
                }
            } else {
                BlockKind::Body
            };
            if let Some(h) = h {
                seen.entry(h).or_insert(kind);
            }
            kinds.push(kind);
        }
        kinds
    }

    /// In hard-wrapped text: a long line that runs on into the next line (no blank line
    /// between, no terminal punctuation), or a line continuing such a body line.
    fn wrapped(&self, lines: &[Line], i: usize, kinds: &[BlockKind]) -> bool {
        let text = self.text;
        let l = lines[i];
        let continues = i > 0
            && !l.blank_before
            && !starts_list_item(l.span.as_str(text))
            && kinds.get(i - 1) == Some(&BlockKind::Body)
            && !ends_with_terminal(lines[i - 1].span.as_str(text));
        let s = l.span.as_str(text);
        let runs_on = lines.get(i + 1).is_some_and(|n| !n.blank_before)
            && !ends_with_terminal(s)
            && word_count(s, 8) >= 6;
        continues || runs_on
    }

    /// Clutter by the word list, leaked code, file names and bare URLs.
    fn clutter(&mut self, s: &str) -> Option<ClutterKind> {
        // A long paragraph that ends with a full stop is text, even when a share bar or a
        // tag is glued to its start.
        if s.len() > 160 && ends_with_terminal(s) {
            return None;
        }
        if looks_like_code(s) || looks_like_file_or_url(s) {
            return Some(ClutterKind::Line);
        }
        let short = s.len() <= CLUTTER_PREFIX;
        let lex = self.lex;
        // Long lines can only match a prefix phrase: skip folding when none starts with
        // the line's first letter.
        if !short {
            let mut head = s
                .chars()
                .filter_map(|c| match fold_char(c, FoldOptions::default()) {
                    FoldChar::Char(f) => Some(f),
                    FoldChar::Drop => None,
                });
            let start = (head.next().unwrap_or(' '), head.next().unwrap_or(' '));
            if !lex.clutter_prefix_starts.contains(&start) {
                return None;
            }
        }
        // A long line can only match a prefix phrase: fold no further than the longest.
        let cap = if short {
            FOLD_PREFIX
        } else {
            lex.clutter_prefix_max
        };
        let f = self.fold_capped(&s[..floor_boundary(s, CLUTTER_PREFIX)], cap);
        let whole = f.trim_end_matches([':', ' ', '.', '…']);
        for (kind, phrase) in &lex.clutter {
            let hit = match kind {
                ClutterKind::Line | ClutterKind::Tail => short && whole == phrase,
                ClutterKind::Prefix => f.starts_with(phrase.as_str()),
            };
            if hit {
                return Some(*kind);
            }
        }
        None
    }

    /// Date, time, byline and dateline lines.
    fn structure_line(&mut self, s: &str) -> Option<BlockKind> {
        if s.len() > FOLD_PREFIX || ends_with_terminal(s) {
            return None;
        }
        let lex = self.lex;
        let f = self.fold_line(s);
        if lex.stamps.iter().any(|p| f.starts_with(p.as_str())) {
            return Some(BlockKind::Dateline);
        }
        match date_shape(lex, f) {
            DateShape::Time | DateShape::Number => return Some(BlockKind::Clutter),
            DateShape::Date => return Some(BlockKind::Dateline),
            DateShape::No => {}
        }
        // Words counted up to 8 (the largest threshold below is 7); no vectors.
        let mut rest_words = f.split(' ');
        let first = rest_words.next().unwrap_or("");
        let n_words = 1 + rest_words.take(7).count();
        // Byline: كتب: فلان، كتبت - فلانة، بقلم فلان.
        let head = first.trim_end_matches([':', '-', 'ـ']);
        if n_words <= 7 && lex.bylines.contains(head) {
            let rest = &f[first.len()..];
            if first.len() != head.len()
                || rest.trim_start().starts_with([':', '-', '–', 'ـ'])
                || head == "بقلم"
            {
                return Some(BlockKind::Dateline);
            }
        }
        // Place-agency lines: تل أبيب-رويترز، السكة – وكالات، الغد برس/ بغداد.
        let parts = || {
            f.split(['-', '–', '—', '/', '|'])
                .map(|p| p.trim().trim_matches('ـ').trim())
                .filter(|p| !p.is_empty())
        };
        if parts().nth(1).is_some() {
            let content_words = f
                .split(' ')
                .filter(|w| w.chars().any(is_letter_or_mark))
                .count();
            if content_words <= 7 && parts().all(|p| p.split(' ').count() <= 4) {
                let agency = |p: &str| {
                    lex.agencies.iter().any(|a| {
                        a == p
                            || p.strip_suffix(a.as_str()).is_some_and(|r| r.ends_with(' '))
                            || p.strip_prefix(a.as_str())
                                .is_some_and(|r| r.starts_with(' '))
                    })
                };
                if parts().any(agency) {
                    return Some(BlockKind::Dateline);
                }
                if content_words <= 4 && parts().all(|p| p.split(' ').count() <= 3) {
                    return Some(BlockKind::Dateline);
                }
            }
        }
        // A lone agency or outlet credit: سبوتنيك عربي، متابعات.
        if n_words <= 3 && lex.agencies.iter().any(|a| a == f) {
            return Some(BlockKind::Dateline);
        }
        None
    }

    /// Photo captions: a caption word or credit at an end, or a date and agency credit
    /// closing the line (… 19 أغسطس 2024 - Reuters).
    fn is_caption(&mut self, s: &str) -> bool {
        if ends_with_terminal(s) && !s.ends_with(')') {
            return false;
        }
        let lex = self.lex;
        let f = self.fold_line(s);
        if lex.captions.iter().any(|p| f.starts_with(p.as_str())) {
            return true;
        }
        // The line's end, folded.
        let tail_start = s.len().saturating_sub(120);
        let tail_start = (tail_start..=s.len())
            .find(|&k| s.is_char_boundary(k))
            .unwrap_or(s.len());
        let t = self.fold_line(&s[tail_start..]);
        if lex.captions.iter().any(|p| t.ends_with(p.as_str())) {
            return true;
        }
        let year = t
            .split(|c: char| !c.is_ascii_digit())
            .any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")));
        if !year {
            return false;
        }
        let words: Vec<&str> = t
            .split(|c: char| {
                c.is_whitespace() || matches!(c, '-' | '–' | '—' | ',' | '،' | '|' | '/')
            })
            .filter(|w| !w.is_empty())
            .collect();
        let last = words[words.len().saturating_sub(8)..].join(" ");
        let last = format!(" {last} ");
        // Whole words: the agency with a space on each side.
        lex.agencies.iter().any(|a| {
            last.match_indices(a.as_str())
                .any(|(k, _)| last[..k].ends_with(' ') && last[k + a.len()..].starts_with(' '))
        })
    }
}

/// What a short line made of numbers and date words is.
enum DateShape {
    /// Not a date line.
    No,
    /// A date, possibly with a time, a place and an agency.
    Date,
    /// A clock time only (a schedule line).
    Time,
    /// A bare number (a counter).
    Number,
}

fn date_shape(lex: &Lexicon, f: &str) -> DateShape {
    // No digit, no number token: not a date line (skips the word look-ups).
    if !f.chars().any(is_digit) {
        return DateShape::No;
    }
    let mut numbers = 0;
    let mut date_words = 0;
    let mut others = 0;
    let mut has_sep_date = false;
    let mut colon = false;
    for tok in f.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '/' | '-' | '.' | ':' | '|' | ',' | '،' | '(' | ')' | '•' | '*' | '_' | '–'
            )
    }) {
        if tok.is_empty() {
            continue;
        }
        if tok.chars().all(is_digit) {
            numbers += 1;
        } else if lex.date_words.contains(tok)
            || tok
                .strip_prefix('ب')
                .is_some_and(|t| lex.date_words.contains(t))
            || tok
                .strip_prefix('و')
                .is_some_and(|t| lex.date_words.contains(t))
        {
            date_words += 1;
        } else {
            others += 1;
        }
    }
    for w in f.split(' ') {
        let digits = w.chars().filter(|c| is_digit(*c)).count();
        if digits >= 4
            && w.chars()
                .all(|c| is_digit(c) || matches!(c, '/' | '-' | '.'))
            && w.chars().any(|c| matches!(c, '/' | '-' | '.'))
        {
            has_sep_date = true;
        }
        if w.contains(':') && w.chars().any(is_digit) {
            colon = true;
        }
    }
    if numbers == 0 {
        return DateShape::No;
    }
    if others == 0 && date_words == 0 && !has_sep_date {
        return if colon {
            DateShape::Time
        } else {
            DateShape::Number
        };
    }
    if others <= 2 && (date_words > 0 || has_sep_date) && date_words + numbers > others {
        return DateShape::Date;
    }
    DateShape::No
}

/// CSS, JavaScript or markup leaked into the text.
fn looks_like_code(s: &str) -> bool {
    if memchr::memchr3(b'{', b';', b'<', s.as_bytes()).is_none() && !s.contains("function(") {
        return false;
    }
    let head = &s.as_bytes()[..s.len().min(FOLD_PREFIX)];
    let ascii = head.iter().filter(|b| b.is_ascii_graphic()).count();
    let total = head
        .iter()
        .filter(|b| !b.is_ascii_whitespace() && (**b < 0x80 || **b >= 0xC0))
        .count();
    if total == 0 || ascii * 10 < total * 6 {
        return false;
    }
    let braces = s.contains('{') && s.contains('}');
    let syntax = s
        .bytes()
        .filter(|b| matches!(b, b'{' | b'}' | b';' | b'=' | b'<' | b'>'))
        .count();
    (braces && (s.contains(':') || s.contains(';')))
        || syntax >= 3
        || s.contains("function(")
        || s.contains("</")
}

/// A bare file name or URL on its own line (image.jpg، https://…).
fn looks_like_file_or_url(s: &str) -> bool {
    if s.contains(char::is_whitespace) {
        return false;
    }
    let l = s.to_ascii_lowercase();
    l.starts_with("http://")
        || l.starts_with("https://")
        || l.starts_with("www.")
        || [
            ".jpg", ".jpeg", ".png", ".gif", ".webp", ".html", ".htm", ".php",
        ]
        .iter()
        .any(|e| l.ends_with(e))
}

/// A dateline at the start of a body line, ending at its separator:
/// `بيروت (رويترز) -`، `سبق- الرياض:`، `باريس - أ.ف.ب:`، `{سياسية: الفرات نيوز}`.
fn inline_dateline(lex: &Lexicon, text: &str, line: Span) -> Option<Span> {
    let s = line.as_str(text);
    let head_end = (0..=s.len().min(90))
        .rev()
        .find(|&k| s.is_char_boundary(k))?;
    let head = &s[..head_end];
    let words_in = |p: &str| p.split_whitespace().count();
    let done = |end: usize| Some(Span::new(line.start, line.start + end));
    // {section: outlet}
    if head.starts_with('{') {
        if let Some(k) = head.find('}') {
            return done(k + 1);
        }
    }
    let dash = |c: char| matches!(c, '-' | '–' | '—' | 'ـ');
    // PLACE (AGENCY) -
    if let Some(open) = head.find('(') {
        let place = &head[..open];
        if (1..=3).contains(&words_in(place)) && !place.contains(['،', ',', '.']) {
            if let Some(close) = head[open..].find(')').map(|k| open + k) {
                let inner = &head[open + 1..close];
                let after = &head[close + 1..];
                let t = after.trim_start();
                if (1..=4).contains(&words_in(inner)) && t.starts_with(dash) {
                    let sep = close + 1 + (after.len() - t.len());
                    let c = t.chars().next()?;
                    return done(sep + c.len_utf8());
                }
            }
        }
    }
    // A - B:   (سبق- الرياض:، واس- الأحساء:، باريس - أ.ف.ب:)
    if let Some(colon) = head.find(':') {
        let pre = &head[..colon];
        if let Some(d) = pre.find(dash) {
            let a = &pre[..d];
            let b = pre[d..].trim_start_matches(dash);
            if (1..=3).contains(&words_in(a))
                && (1..=3).contains(&words_in(b))
                && !pre.contains(['،', ',', '"', '«'])
            {
                return done(colon + 1);
            }
        }
    }
    // AGENCY -   (واس - …) and PLACE - AGENCY - …
    if let Some(d) = head.find(dash) {
        let a = head[..d].trim();
        if (1..=3).contains(&words_in(a)) {
            let f = crate::fold::fold_str(a);
            let f = f.trim_matches('ـ').trim();
            if lex.agencies.iter().any(|ag| ag == f) {
                let c = head[d..].chars().next()?;
                return done(d + c.len_utf8());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(BlockKind, &str)> {
        blocks(text)
            .into_iter()
            .map(|b| (b.kind, b.span.as_str(text)))
            .collect()
    }

    #[test]
    fn title_caption_dateline_body_clutter() {
        let text = "الحكومة تقر خطة جديدة للنقل العام\n\nصورة الخبر\nالوزير يتحدث للصحفيين في الرياض. 3 مايو 2024 - Reuters\nالرياض-رويترز\nأقرت الحكومة خطة للنقل العام. وقال الوزير إنها تبدأ قريبا.\nتصنيفات\nعنوان خبر آخر لا علاقة له";
        let k = kinds(text);
        let got: Vec<BlockKind> = k.iter().map(|x| x.0).collect();
        assert_eq!(
            got,
            vec![
                BlockKind::Title,
                BlockKind::Caption,
                BlockKind::Caption,
                BlockKind::Dateline,
                BlockKind::Body,
                BlockKind::Clutter,
                BlockKind::Clutter,
            ],
            "{k:?}"
        );
    }

    #[test]
    fn inline_datelines() {
        for (line, dl) in [
            (
                "بيروت (رويترز) - قال مسؤولون إن الغارات توقفت.",
                "بيروت (رويترز) -",
            ),
            ("سبق- الرياض: أعلنت الوزارة بدء التسجيل.", "سبق- الرياض:"),
            ("واس - أعلنت الهيئة نتائج المسابقة.", "واس -"),
        ] {
            let b = blocks(line);
            let d = b[0].dateline.map(|s| s.as_str(line));
            assert_eq!(d, Some(dl), "{line}");
        }
        let b = blocks("قال الوزير (في بيان) إن الخطة جاهزة.");
        assert_eq!(b[0].dateline, None);
    }

    #[test]
    fn hard_wrapped_joins_lines() {
        let text = "أقرت الحكومة اليوم خطة جديدة شاملة\nللنقل العام في المدن. وقال الوزير إن التنفيذ\nسيبدأ قريبا.\n\nفقرة ثانية من النص.";
        let opts = DocOptions {
            hard_wrapped: true,
            ..Default::default()
        };
        let b = blocks_with(text, &opts);
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].paragraph, 1);
    }
}
