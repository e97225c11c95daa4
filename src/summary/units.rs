//! The units a summary picks: sentences, or — in hard-wrapped text — runs of sentences that
//! a line break cut apart.
//!
//! Phenomenon: archives and e-mailed copy break lines at a fixed width, inside sentences
//! (`… تحسين الخط\nالعربي وخاصة …`). The splitter follows the gold guideline (a line break
//! always ends a sentence), so such text arrives as half-sentences. When the document is
//! hard-wrapped, a sentence that ends a line without sentence-final punctuation continues on
//! the next line; the summarizer re-joins them into one unit. The splitter's own output is
//! unchanged.

use crate::chars::{is_terminal_mark, is_unit_closing_mark};
use crate::segment::BlockKind;
use crate::segment::Sentence;
use crate::span::Span;

/// Whether to re-join sentences that a hard line wrap cut apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HardWrap {
    /// Never: every sentence is its own unit.
    Off,
    /// Always: a line that ends without sentence-final punctuation continues on the next.
    On,
    /// Decide per document: on when at least half of the line breaks fall inside a
    /// sentence, after a line of 30 or more characters without final punctuation.
    #[default]
    Auto,
}

impl HardWrap {
    /// Whether `text` is to be treated as hard-wrapped under this mode.
    pub fn applies_to(self, text: &str) -> bool {
        match self {
            HardWrap::Off => false,
            HardWrap::On => true,
            HardWrap::Auto => looks_hard_wrapped(text),
        }
    }
}

/// A run of consecutive sentences `first..=last` picked as one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Index of the first sentence.
    pub first: usize,
    /// Index of the last sentence.
    pub last: usize,
    /// From the start of the first to the end of the last sentence.
    pub span: Span,
    /// The kind of its sentences: a run of several sentences is always all body (a join
    /// never crosses a title, caption, dateline or clutter line, see [`units`]).
    pub kind: BlockKind,
    /// The paragraph of the first sentence.
    pub paragraph: usize,
    /// A body unit that goes on from a sentence it may not join (the continuation line of a
    /// hard-wrapped line taken for a caption, or a sentence glued by a period to a non-body
    /// one): half a sentence, which a summary never picks.
    pub continues: bool,
}

/// True when `s` ends with sentence-final punctuation (possibly followed by closing quotes
/// or brackets).
pub fn is_terminated(s: &str) -> bool {
    s.trim_end_matches(|c: char| c.is_whitespace() || is_unit_closing_mark(c))
        .ends_with(|c: char| is_terminal_mark(c) || c == ':')
}

/// True when `s` ends with `..` or `...` (closing quotes and brackets aside), the
/// fragment mark of headline-style lines.
fn ends_with_dots(s: &str) -> bool {
    s.trim_end_matches(|c: char| c.is_whitespace() || is_unit_closing_mark(c))
        .ends_with("..")
}

/// Hard-wrap detection: at least four lines, and at least half of the line breaks fall
/// after a line of 30+ characters that has no sentence-final punctuation and before a line
/// that goes on with a word (not a bullet, dash or number).
pub fn looks_hard_wrapped(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    let mut nonblank = 0usize;
    let mut joints = 0usize;
    for (i, l) in lines.iter().enumerate() {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        nonblank += 1;
        let Some(next) = lines.get(i + 1).map(|n| n.trim()) else {
            continue;
        };
        let goes_on = next.chars().next().is_some_and(char::is_alphabetic);
        if crate::tokens::has_chars(l, 30) && !is_terminated(l) && goes_on {
            joints += 1;
        }
    }
    nonblank >= 4 && joints * 2 >= nonblank.saturating_sub(1).max(1)
}

/// The units of `sentences` under `mode`.
///
/// Only body sentences are ever joined: a join never takes in a title, caption, dateline or
/// clutter sentence, nor adds a body sentence to one of those, so that a picked unit never
/// covers text that is not body text (issue 4: such sentences are never selected). Every
/// non-body sentence is a unit of its own (and is never picked).
pub fn units(text: &str, sentences: &[Sentence], mode: HardWrap) -> Vec<Unit> {
    let wrapped = mode.applies_to(text);
    let mut out: Vec<Unit> = Vec::with_capacity(sentences.len());
    let mut open = false;
    for (i, s) in sentences.iter().enumerate() {
        // A join extends a body unit (all of whose sentences are body) with a body sentence.
        let joinable =
            s.kind == BlockKind::Body && out.last().is_some_and(|u| u.kind == BlockKind::Body);
        // Phenomenon: a period glued to the next word (`قال.وأضاف`) ends a sentence for the
        // splitter but not a white-space word: the two sentences share a word, so a summary
        // takes them as one unit (as the budget counts words by white space).
        if let Some(u) = out.last_mut().filter(|_| joinable) {
            let gap = &text[u.span.end.min(s.span.start)..s.span.start];
            if !gap.chars().any(char::is_whitespace) && u.paragraph == s.paragraph {
                u.last = i;
                u.span.end = s.span.end;
                open = !is_terminated(s.as_str(text));
                continue;
            }
        }
        // Phenomenon: a line cut into fragments by `..` (a headline style carried into
        // the body: `الوزير يفتتح المعرض.. والزوار بالآلاف.. والافتتاح غدا`): the fragments
        // of one line are one unit, never picked apart.
        if let Some(u) = out.last_mut().filter(|_| joinable) {
            if u.paragraph == s.paragraph && ends_with_dots(u.span.as_str(text)) {
                u.last = i;
                u.span.end = s.span.end;
                open = !is_terminated(s.as_str(text));
                continue;
            }
        }
        // Set when `s` goes on from a non-body sentence it may not join.
        let mut continues = false;
        if let Some(u) = out.last_mut() {
            let gap = &text[u.span.end.min(s.span.start)..s.span.start];
            let glued = !gap.chars().any(char::is_whitespace) && u.paragraph == s.paragraph;
            let run_on = wrapped && open && gap.matches('\n').count() == 1;
            if run_on && joinable {
                u.last = i;
                u.span.end = s.span.end;
                open = !is_terminated(s.as_str(text));
                continue;
            }
            // Phenomenon: in hard-wrapped text, a long line without final punctuation that
            // was taken for a caption, then a body line that finishes its sentence (the
            // wrapped lead of an article without a headline line). A title, dateline or
            // clutter line is a line of its own: what follows it starts afresh.
            let wrapped_caption = run_on
                && u.kind == BlockKind::Caption
                && crate::tokens::has_chars(u.span.as_str(text), 30)
                && s.as_str(text).starts_with(char::is_alphabetic);
            continues = s.kind == BlockKind::Body && !joinable && (glued || wrapped_caption);
        }
        out.push(Unit {
            first: i,
            last: i,
            span: s.span,
            kind: s.kind,
            paragraph: s.paragraph,
            continues,
        });
        open = !is_terminated(s.as_str(text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Splitter;

    const WRAPPED: &str = "أعلنت الوزارة أمس عن خطة جديدة لدعم المزارعين في\nالمحافظات الجنوبية تتضمن قروضا ميسرة وبذورا محسنة لأكثر من\nعشرة آلاف أسرة خلال الموسم المقبل.\nوقال مدير الإرشاد إن الخطة تستهدف رفع إنتاجية القمح\nبنسبة عشرين في المئة خلال ثلاث سنوات.\n";

    #[test]
    fn detects_hard_wrapped_text() {
        assert!(looks_hard_wrapped(WRAPPED));
        let paragraphs = "عنوان الخبر\nجملة أولى كاملة تنتهي بنقطة في آخر السطر هنا.\nجملة ثانية كاملة تنتهي بنقطة أيضا في آخر السطر.\nجملة ثالثة.\n";
        assert!(!looks_hard_wrapped(paragraphs));
    }

    #[test]
    fn rejoins_wrapped_sentences() {
        let s = Splitter::new().split(WRAPPED);
        let u = units(WRAPPED, &s, HardWrap::Auto);
        // Every unit is one sentence or a run of body sentences.
        for u in &u {
            assert!(u.first == u.last || (u.first..=u.last).all(|i| s[i].kind == BlockKind::Body));
        }
        // The second paragraph's two lines are one unit.
        let said = u
            .iter()
            .find(|u| u.span.as_str(WRAPPED).starts_with("وقال مدير"))
            .unwrap();
        assert!(said.first < said.last);
        assert!(said.span.as_str(WRAPPED).ends_with("ثلاث سنوات."));
        assert!(!said.continues);
        // The lead's last line ends a sentence whose opening lines the line classifier
        // (without hard-wrap knowledge) took for a headline and a caption: it is not joined
        // to them, and it is marked as half a sentence.
        let tail = u
            .iter()
            .find(|u| u.span.as_str(WRAPPED).starts_with("عشرة آلاف"))
            .unwrap();
        let before = s[tail.first - 1].kind;
        if before != BlockKind::Body {
            assert_eq!(tail.first, tail.last);
            assert_eq!(tail.continues, before == BlockKind::Caption);
        }
        assert_eq!(units(WRAPPED, &s, HardWrap::Off).len(), s.len());
        // With every line body text, the whole lead is one unit.
        let (text, body) = lines_of(&[BlockKind::Body; 3]);
        let u = units(&text, &body, HardWrap::On);
        assert_eq!(
            (u.len(), u[0].first, u[0].last, u[0].continues),
            (1, 0, 2, false)
        );
    }

    /// Sentences, one a line, of the given kinds (the text: lines without final
    /// punctuation, so that every line would run on into the next in hard-wrapped text).
    fn lines_of(kinds: &[BlockKind]) -> (String, Vec<Sentence>) {
        let mut text = String::new();
        let mut out = Vec::new();
        for (i, &kind) in kinds.iter().enumerate() {
            let start = text.len();
            text.push_str("سطر طويل بلا علامة في آخره يمضي إلى السطر التالي");
            out.push(Sentence {
                span: Span::new(start, text.len()),
                kind,
                paragraph: i,
                dateline: None,
            });
            text.push('\n');
        }
        (text, out)
    }

    #[test]
    fn wrap_never_joins_across_a_non_body_line() {
        // Phenomenon: an unterminated body line followed by a caption, clutter (تصنيفات: …),
        // title or dateline line: the join stops there, and starts again after it.
        use BlockKind::*;
        for other in [Title, Caption, Dateline, Clutter] {
            let (text, s) = lines_of(&[Body, Body, other, Body, Body]);
            let u = units(&text, &s, HardWrap::On);
            let runs: Vec<(usize, usize, BlockKind)> =
                u.iter().map(|u| (u.first, u.last, u.kind)).collect();
            assert_eq!(
                runs,
                [(0, 1, Body), (2, 2, other), (3, 4, Body)],
                "{other:?}"
            );
            // Only after a long caption line does the next line count as its continuation.
            assert!(!u[1].continues);
            assert_eq!(u[2].continues, other == Caption, "{other:?}");
            // An unterminated non-body line first: it stays alone too.
            let (text, s) = lines_of(&[other, Body, Body]);
            let runs: Vec<(usize, usize, BlockKind)> = units(&text, &s, HardWrap::On)
                .iter()
                .map(|u| (u.first, u.last, u.kind))
                .collect();
            assert_eq!(runs, [(0, 0, other), (1, 2, Body)], "{other:?}");
        }
    }

    #[test]
    fn glued_period_never_joins_a_non_body_sentence() {
        // Phenomenon: a period glued to the next word, where one side is not body text.
        let text = "عنوان.وخبر يبدأ هنا.وتتمة";
        let mk = |a: usize, b: usize, kind| Sentence {
            span: Span::new(a, b),
            kind,
            paragraph: 0,
            dateline: None,
        };
        let (a, b) = (text.find('.').unwrap() + 1, text.rfind('.').unwrap() + 1);
        let all_body = [
            mk(0, a, BlockKind::Body),
            mk(a, b, BlockKind::Body),
            mk(b, text.len(), BlockKind::Body),
        ];
        assert_eq!(units(text, &all_body, HardWrap::Off).len(), 1);
        let title_first = [
            mk(0, a, BlockKind::Title),
            mk(a, b, BlockKind::Body),
            mk(b, text.len(), BlockKind::Body),
        ];
        let u = units(text, &title_first, HardWrap::Off);
        assert_eq!((u.len(), u[1].first, u[1].last), (2, 1, 2));
        assert!(u[1].continues, "glued to a title: half a sentence");
        let clutter_last = [
            mk(0, a, BlockKind::Body),
            mk(a, b, BlockKind::Body),
            mk(b, text.len(), BlockKind::Clutter),
        ];
        let u = units(text, &clutter_last, HardWrap::Off);
        assert_eq!((u.len(), u[0].last, u[1].kind), (2, 1, BlockKind::Clutter));
    }

    #[test]
    fn dotted_fragments_of_one_line_are_one_unit() {
        // Phenomenon: one body line cut into fragments by `..`, then a line of its own.
        let parts = [
            ("افتتاح المعرض الدولي للكتاب..", 0),
            ("مشاركة ألف دار نشر..", 0),
            ("والزوار بالآلاف في اليوم الأول.", 0),
            ("وقال مدير المعرض إن الدورة الحالية هي الأكبر..", 1),
            ("وأضاف أن الدورة المقبلة أكبر.", 2),
        ];
        let mut text = String::new();
        let mut sents = Vec::new();
        for (i, (p, para)) in parts.iter().enumerate() {
            if i > 0 {
                text.push(if parts[i - 1].1 == *para { ' ' } else { '\n' });
            }
            let start = text.len();
            text.push_str(p);
            sents.push(Sentence {
                span: Span::new(start, text.len()),
                kind: BlockKind::Body,
                paragraph: *para,
                dateline: None,
            });
        }
        let u = units(&text, &sents, HardWrap::Off);
        let runs: Vec<(usize, usize)> = u.iter().map(|u| (u.first, u.last)).collect();
        // The fragments of the first line are one unit; a `..` at a line's end does not
        // join the next line.
        assert_eq!(runs, [(0, 2), (3, 3), (4, 4)]);
        // A fragment after a non-body line is not joined to it.
        sents[0].kind = BlockKind::Title;
        let runs: Vec<(usize, usize)> = units(&text, &sents, HardWrap::Off)
            .iter()
            .map(|u| (u.first, u.last))
            .collect();
        assert_eq!(runs, [(0, 0), (1, 2), (3, 3), (4, 4)]);
    }

    #[test]
    fn blank_line_stops_a_join() {
        let t =
            "سطر طويل بلا علامة في آخره يتبعه سطر فارغ ثم فقرة\n\nفقرة جديدة تبدأ هنا وتنتهي هنا.";
        let s = Splitter::new().split(t);
        assert_eq!(units(t, &s, HardWrap::On).len(), 2);
    }
}
