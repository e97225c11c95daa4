//! The units a summary picks: sentences, or — in hard-wrapped text — runs of sentences that
//! a line break cut apart.
//!
//! Phenomenon: archives and e-mailed copy break lines at a fixed width, inside sentences
//! (`… تحسين الخط\nالعربي وخاصة …`). The splitter follows the gold guideline (a line break
//! always ends a sentence), so such text arrives as half-sentences. When the document is
//! hard-wrapped, a sentence that ends a line without sentence-final punctuation continues on
//! the next line; the summarizer re-joins them into one unit. The splitter's own output is
//! unchanged.

use crate::document::BlockKind;
use crate::segment::Sentence;
use crate::span::Span;

/// Whether to re-join sentences that a hard line wrap cut apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HardWrap {
    /// Never: every sentence is its own unit.
    Off,
    /// Always: a line that ends without sentence-final punctuation continues on the next.
    On,
    /// Decide per document: on when most lines are wrapped (see [`looks_hard_wrapped`]).
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
    /// The kind: body as soon as a body sentence is part of the run.
    pub kind: BlockKind,
    /// The paragraph of the first sentence.
    pub paragraph: usize,
}

/// True when `s` ends with sentence-final punctuation (possibly followed by closing quotes
/// or brackets).
pub fn is_terminated(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '»' | '”' | '’' | '\'' | ')' | ']' | '›')
    });
    t.ends_with(['.', '؟', '?', '!', '…', '۔', ':'])
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
        if l.chars().count() >= 30 && !is_terminated(l) && goes_on {
            joints += 1;
        }
    }
    nonblank >= 4 && joints * 2 >= nonblank.saturating_sub(1).max(1)
}

/// The units of `sentences` under `mode`.
pub fn units(text: &str, sentences: &[Sentence], mode: HardWrap) -> Vec<Unit> {
    let wrapped = mode.applies_to(text);
    let mut out: Vec<Unit> = Vec::with_capacity(sentences.len());
    let mut open = false;
    for (i, s) in sentences.iter().enumerate() {
        // Phenomenon: a period glued to the next word (`قال.وأضاف`) ends a sentence for the
        // splitter but not a white-space word: the two sentences share a word, so a summary
        // takes them as one unit (as the budget counts words by white space).
        if let Some(u) = out.last_mut() {
            let gap = &text[u.span.end.min(s.span.start)..s.span.start];
            if !gap.chars().any(char::is_whitespace) && u.paragraph == s.paragraph {
                u.last = i;
                u.span.end = s.span.end;
                if s.kind == BlockKind::Body {
                    u.kind = BlockKind::Body;
                }
                open = !is_terminated(s.as_str(text));
                continue;
            }
        }
        if wrapped && open {
            if let Some(u) = out.last_mut() {
                let gap = &text[u.span.end..s.span.start];
                if gap.matches('\n').count() == 1 {
                    u.last = i;
                    u.span.end = s.span.end;
                    if s.kind == BlockKind::Body {
                        u.kind = BlockKind::Body;
                    }
                    open = !is_terminated(s.as_str(text));
                    continue;
                }
            }
        }
        out.push(Unit {
            first: i,
            last: i,
            span: s.span,
            kind: s.kind,
            paragraph: s.paragraph,
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
        assert_eq!(u.len(), 2);
        assert!(u[0].span.as_str(WRAPPED).ends_with("الموسم المقبل."));
        assert_eq!(u[0].kind, BlockKind::Body);
        assert_eq!(units(WRAPPED, &s, HardWrap::Off).len(), s.len());
    }

    #[test]
    fn blank_line_stops_a_join() {
        let t =
            "سطر طويل بلا علامة في آخره يتبعه سطر فارغ ثم فقرة\n\nفقرة جديدة تبدأ هنا وتنتهي هنا.";
        let s = Splitter::new().split(t);
        assert_eq!(units(t, &s, HardWrap::On).len(), 2);
    }
}
