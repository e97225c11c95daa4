//! Quotation marks paired in one linear pass over the whole document.
//!
//! Writers mix « » (and reversed » «), “ ” (and reversed ” “), „ “, ‹ ›, straight " and the
//! HTML remnant `&quot;`. A mark opens when nothing is open and a word follows it; it closes
//! at the next mark of the same family in closing position. Marks of another family inside
//! an open quote are nested marks and ignored; « inside « nests. A quote left open at a line
//! break may close in a following paragraph (a multi-paragraph quote); when instead a new
//! opening mark starts a later paragraph, or nothing closes it, the quote ends at the end of
//! its first paragraph. Stray closing marks are ignored.

use crate::span::Span;

/// One quoted passage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The opening mark.
    pub open: Span,
    /// The closing mark, if the passage was closed.
    pub close: Option<Span>,
    /// What stands between the marks, trimmed (never empty).
    pub content: Span,
}

impl Mark {
    /// From the opening mark to the closing mark (or the content's end).
    pub fn outer(&self) -> Span {
        Span::new(
            self.open.start,
            self.close.map_or(self.content.end, |c| c.end),
        )
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Guillemet,
    Curly,
    Straight,
    Angle,
}

fn family(c: char) -> Option<Family> {
    match c {
        '«' | '»' => Some(Family::Guillemet),
        '“' | '”' | '„' => Some(Family::Curly),
        '"' | '＂' => Some(Family::Straight),
        '‹' | '›' => Some(Family::Angle),
        _ => None,
    }
}

struct Open {
    fam: Family,
    ch: char,
    open: Span,
    depth: u32,
    /// Byte offset of the first line break inside the open quote.
    first_break: Option<usize>,
    /// Line breaks crossed (blank lines not counted).
    lines: u32,
    line_has_text: bool,
}

impl Open {
    /// A quote just opened by mark `ch` at `span`.
    fn new(fam: Family, ch: char, span: Span) -> Open {
        Open {
            fam,
            ch,
            open: span,
            depth: 0,
            first_break: None,
            lines: 0,
            line_has_text: false,
        }
    }
}

/// How many further paragraphs a quote may run over before it is cut at its first one.
const MAX_LINES: u32 = 4;

/// Pair the quotation marks of `text`.
///
/// Only line breaks, quotation marks and `&quot;` change the pairing state, so the scan
/// jumps from one of them to the next (byte searches; see [`Events`]). What the
/// characters in between would have told a character-by-character scan is read off the
/// text where it is needed: the character before a mark, the last non-space before it (a
/// backward walk over spaces only, so never past the previous mark), and whether an open
/// quote's line holds text (a forward walk over each run between events at most once).
pub fn pair(text: &str) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut open: Option<Open> = None;
    let mut events = Events::new(text);
    // Start of the run of ordinary characters after the last event.
    let mut run_from = 0;
    let mut pos = 0;
    while let Some((i, c, len)) = events.next(pos) {
        pos = i + len;
        if let Some(o) = open.as_mut() {
            if !o.line_has_text && text[run_from..i].chars().any(|c| !c.is_whitespace()) {
                o.line_has_text = true;
            }
        }
        run_from = i + len;
        if c == '\n' {
            let mut cut = false;
            if let Some(o) = open.as_mut() {
                if o.line_has_text {
                    o.first_break.get_or_insert(i);
                    o.lines += 1;
                    o.line_has_text = false;
                    cut = o.lines > MAX_LINES;
                }
            }
            if cut {
                if let Some(o) = open.take() {
                    push(text, &mut out, &o, None);
                }
            }
            continue;
        }
        let Some(fam) = family(c) else {
            continue;
        };
        let span = Span::new(i, i + len);
        let prev = prev_char(text, i);
        let next = text[i + len..].chars().next();
        let next_is_word = next.is_some_and(|n| !n.is_whitespace() && !is_punct(n));
        let prev_is_space = prev.is_whitespace() || is_punct(prev) || i == 0;
        // A detached opening mark (`: " نص`): space or punctuation before, a word after
        // one or two spaces on the same line.
        let detached = || {
            after_separator(text, i)
                && !next_is_word
                && text[i + len..]
                    .chars()
                    .take(3)
                    .find(|c| *c != ' ' && *c != '\u{a0}')
                    .is_some_and(char::is_alphanumeric)
        };
        let may_open = || next_is_word || detached() || opens_with_ellipsis(&text[i + len..]);
        let mark = MarkAt {
            fam,
            ch: c,
            span,
            opening_pos: prev_is_space && next_is_word,
        };
        on_mark(text, &mut out, &mut open, mark, may_open);
    }
    if let Some(o) = open {
        push(text, &mut out, &o, None);
    }
    out
}

/// The line breaks, quotation marks and `&quot;` of a text, left to right. Two `memchr3`
/// searches find the bytes that may start one (`\n " &`, and the UTF-8 lead bytes of the
/// other marks: C2 for « », E2 for “ ” „ ‹ ›, EF for ＂); each search resumes only once the
/// scan has passed its last hit, so both together read the text once.
struct Events<'t> {
    bytes: &'t [u8],
    /// The first `\n`, `"` or `&` at or after the last search start.
    ascii: usize,
    /// The first C2, E2 or EF byte at or after the last search start.
    lead: usize,
}

impl<'t> Events<'t> {
    fn new(text: &'t str) -> Events<'t> {
        let bytes = text.as_bytes();
        Events {
            bytes,
            ascii: find_ascii(bytes, 0),
            lead: find_lead(bytes, 0),
        }
    }

    /// The next event at or after byte `from` (a character boundary): its offset, the
    /// character it stands for (`"` for `&quot;`), and its length.
    fn next(&mut self, from: usize) -> Option<(usize, char, usize)> {
        let bytes = self.bytes;
        let mut i = from;
        loop {
            if self.ascii < i {
                self.ascii = find_ascii(bytes, i);
            }
            if self.lead < i {
                self.lead = find_lead(bytes, i);
            }
            let k = self.ascii.min(self.lead);
            if k >= bytes.len() {
                return None;
            }
            let rest = &bytes[k..];
            let hit = match rest {
                [b'\n', ..] => Some(('\n', 1)),
                [b'"', ..] => Some(('"', 1)),
                [b'&', ..] if rest.starts_with(b"&quot;") => Some(('"', 6)),
                [0xC2, 0xAB, ..] => Some(('«', 2)),
                [0xC2, 0xBB, ..] => Some(('»', 2)),
                [0xE2, 0x80, 0x9C, ..] => Some(('“', 3)),
                [0xE2, 0x80, 0x9D, ..] => Some(('”', 3)),
                [0xE2, 0x80, 0x9E, ..] => Some(('„', 3)),
                [0xE2, 0x80, 0xB9, ..] => Some(('‹', 3)),
                [0xE2, 0x80, 0xBA, ..] => Some(('›', 3)),
                [0xEF, 0xBC, 0x82, ..] => Some(('＂', 3)),
                _ => None,
            };
            if let Some((c, len)) = hit {
                return Some((k, c, len));
            }
            // Another character starting with one of these bytes: search on after it (the
            // following bytes are its continuation bytes, which no search matches).
            i = k + 1;
        }
    }
}

fn find_ascii(bytes: &[u8], from: usize) -> usize {
    memchr::memchr3(b'\n', b'"', b'&', &bytes[from..]).map_or(bytes.len(), |k| from + k)
}

fn find_lead(bytes: &[u8], from: usize) -> usize {
    memchr::memchr3(0xC2, 0xE2, 0xEF, &bytes[from..]).map_or(bytes.len(), |k| from + k)
}

/// The character before byte `i`, as the pairing reads it: `&quot;` is `"`, and the start
/// of the text is a space.
fn prev_char(text: &str, i: usize) -> char {
    let before = &text[..i];
    if before.ends_with("&quot;") {
        '"'
    } else {
        before.chars().next_back().unwrap_or(' ')
    }
}

/// True when the last character before byte `i` that is a line break or not a space is a
/// line break, `:`, `،` or `,` (the start of the text counts as a line break). A `&quot;`
/// there ends in `;`, which answers false as the `"` it stands for would.
fn after_separator(text: &str, i: usize) -> bool {
    let solid = text[..i]
        .chars()
        .rev()
        .find(|&c| c == '\n' || !c.is_whitespace())
        .unwrap_or('\n');
    matches!(solid, ':' | '،' | ',' | '\n')
}

/// Phenomenon: a quotation that picks up mid-speech opens with an ellipsis
/// (`قالت: «... أكتب خيالاً»`): the mark before `...` or `…` and then, after at most one
/// space, a word opens a quote.
fn opens_with_ellipsis(after: &str) -> bool {
    let rest = after
        .strip_prefix("...")
        .or_else(|| after.strip_prefix('…'))
        .map(|r| r.trim_start_matches('.'));
    rest.is_some_and(|r| {
        let r = r.strip_prefix([' ', '\u{a0}']).unwrap_or(r);
        r.chars().next().is_some_and(char::is_alphanumeric)
    })
}

fn is_punct(c: char) -> bool {
    matches!(
        c,
        '.' | '،' | ',' | '؛' | ';' | ':' | '؟' | '?' | '!' | ')' | '(' | '-' | '–' | '—' | '…'
    )
}

/// A quotation mark met by the scan.
struct MarkAt {
    fam: Family,
    ch: char,
    span: Span,
    /// Space or punctuation before it and a word after it: where a mark opens.
    opening_pos: bool,
}

/// What a quotation mark does to the open quote: open one (when `may_open` says the mark
/// stands where a quote can start), nest, close, or restart in a later paragraph. The scan
/// and its character-by-character reference in the tests share this step.
fn on_mark(
    text: &str,
    out: &mut Vec<Mark>,
    open: &mut Option<Open>,
    m: MarkAt,
    may_open: impl FnOnce() -> bool,
) {
    match open.take() {
        None => {
            if may_open() {
                *open = Some(Open::new(m.fam, m.ch, m.span));
            }
        }
        Some(mut o) => {
            if m.fam != o.fam {
                o.line_has_text = true;
                *open = Some(o);
            } else if m.opening_pos && o.first_break.is_some() {
                // A new quote opens a later paragraph: the old one ended at its first.
                push(text, out, &o, None);
                *open = Some(Open::new(m.fam, m.ch, m.span));
            } else if m.fam == Family::Guillemet && m.opening_pos && m.ch == o.ch {
                o.depth += 1;
                *open = Some(o);
            } else if o.depth > 0 {
                o.depth -= 1;
                *open = Some(o);
            } else {
                o.first_break = None;
                push(text, out, &o, Some(m.span));
            }
        }
    }
}

fn push(text: &str, out: &mut Vec<Mark>, o: &Open, close: Option<Span>) {
    let end = match close {
        Some(c) => c.start,
        None => o.first_break.unwrap_or_else(|| line_end(text, o.open.end)),
    };
    let content = Span::new(o.open.end, end.max(o.open.end)).trim(text);
    if content.is_empty() {
        return;
    }
    out.push(Mark {
        open: o.open,
        close,
        content,
    });
}

fn line_end(text: &str, from: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<&str> {
        pair(text).iter().map(|m| m.content.as_str(text)).collect()
    }

    #[test]
    fn pairs_all_families() {
        assert_eq!(
            contents("قال «أ ب» و\"ج د\" و“هـ و” و”ز ح“"),
            ["أ ب", "ج د", "هـ و", "ز ح"]
        );
    }

    #[test]
    fn glued_and_stray() {
        assert_eq!(contents("وحركة\"حماس\" ثم » كلام"), ["حماس"]);
    }

    #[test]
    fn unclosed_ends_at_paragraph() {
        assert_eq!(
            contents("قال «نحن هنا\n\nوأضاف «ثم هناك»"),
            ["نحن هنا", "ثم هناك"]
        );
    }

    #[test]
    fn multi_paragraph() {
        assert_eq!(
            contents("قال «نحن هنا.\nوهناك أيضا»"),
            ["نحن هنا.\nوهناك أيضا"]
        );
    }

    #[test]
    fn detached_opening_mark() {
        assert_eq!(contents("وقال :\" نحن هنا \"."), ["نحن هنا"]);
    }

    #[test]
    fn nesting() {
        assert_eq!(contents("«قال «لا» ثم مضى»"), ["قال «لا» ثم مضى"]);
        assert_eq!(contents("«قال \"لا\" ثم مضى»"), ["قال \"لا\" ثم مضى"]);
    }

    /// The character-by-character pairing this module used before [`pair`] skipped
    /// between events; kept to check that both agree.
    fn pair_reference(text: &str) -> Vec<Mark> {
        let mut out = Vec::new();
        let mut open: Option<Open> = None;
        let bytes = text.as_bytes();
        let mut prev: char = ' ';
        // The last character before `prev` that is not a space (a line break counts).
        let mut prev_solid: char = '\n';
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if prev == '\n' || !prev.is_whitespace() {
                prev_solid = prev;
            }
            // `&quot;` remnants act as a straight mark.
            let (c, len) = if c == '&' && bytes[i..].starts_with(b"&quot;") {
                for _ in 0..5 {
                    it.next();
                }
                ('"', 6)
            } else {
                (c, c.len_utf8())
            };
            let next = it.peek().map(|&(_, n)| n);
            if c == '\n' {
                let mut cut = false;
                if let Some(o) = open.as_mut() {
                    if o.line_has_text {
                        o.first_break.get_or_insert(i);
                        o.lines += 1;
                        o.line_has_text = false;
                        cut = o.lines > MAX_LINES;
                    }
                }
                if cut {
                    if let Some(o) = open.take() {
                        push(text, &mut out, &o, None);
                    }
                }
                prev = c;
                continue;
            }
            let Some(fam) = family(c) else {
                if let Some(o) = open.as_mut() {
                    if !c.is_whitespace() {
                        o.line_has_text = true;
                    }
                }
                prev = c;
                continue;
            };
            let span = Span::new(i, i + len);
            let next_is_word = next.is_some_and(|n| !n.is_whitespace() && !is_punct(n));
            let prev_is_space = prev.is_whitespace() || is_punct(prev) || i == 0;
            // A detached opening mark (`: " نص`): space or punctuation before, a word after
            // one or two spaces on the same line.
            let detached = matches!(prev_solid, ':' | '،' | ',' | '\n')
                && !next_is_word
                && text[i + len..]
                    .chars()
                    .take(3)
                    .find(|c| *c != ' ' && *c != '\u{a0}')
                    .is_some_and(char::is_alphanumeric);
            let mark = MarkAt {
                fam,
                ch: c,
                span,
                opening_pos: prev_is_space && next_is_word,
            };
            on_mark(text, &mut out, &mut open, mark, || {
                next_is_word || detached || opens_with_ellipsis(&text[i + len..])
            });
            prev = c;
        }
        if let Some(o) = open {
            push(text, &mut out, &o, None);
        }
        out
    }

    /// Strings over an alphabet of marks, spaces, breaks, punctuation, `&quot;` pieces and
    /// letters: every branch of the pairing, densely.
    fn marky() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "«", "»", "“", "”", "„", "‹", "›", "\"", "＂", "&quot;", "&quo", "&", ";", " ", "  ",
            "\u{a0}", "\u{200f}", "\u{2003}", "\n", "\n\n", "\r\n", "\t", ":", "،", ",", ".", "-",
            "(", "ق", "ال", "a", "1", "\u{64e}", "–", "…", "\u{85}",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn pair_matches_reference(s in marky()) {
            proptest::prop_assert_eq!(pair(&s), pair_reference(&s));
        }
    }

    #[test]
    fn pair_matches_reference_on_tests() {
        for s in [
            "قال «أ ب» و\"ج د\" و“هـ و” و”ز ح“",
            "وحركة\"حماس\" ثم » كلام",
            "قال «نحن هنا\n\nوأضاف «ثم هناك»",
            "وقال :\" نحن هنا \".",
            "«قال «لا» ثم مضى»",
            "&quot;نص&quot; و &quot; كلام &quot;",
            "",
            "«",
            // An invisible mark is text: the open quote's line holds some.
            "«\u{200f}\n“\n",
        ] {
            assert_eq!(pair(s), pair_reference(s), "{s:?}");
        }
    }
}
