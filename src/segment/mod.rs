//! The sentence splitter.
//!
//! Follows the gold guidelines: `. ؟ ? ! … ۔` (and `..`, `...`) end a sentence before white
//! space or the end; a line break always does; `،` and `؛` never do.

use crate::document::{self, BlockKind};
use crate::span::Span;

/// One sentence: a span of the original text with the kind of its block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence's span, without outer white space.
    pub span: Span,
    /// The kind of the block (line) the sentence belongs to.
    pub kind: BlockKind,
    /// Index of the paragraph (line) the sentence belongs to.
    pub paragraph: usize,
    /// A dateline or byline at the start of this sentence, reported so that summaries can
    /// drop it; it stays inside the sentence's span.
    pub dateline: Option<Span>,
}

impl Sentence {
    /// The sentence's text.
    #[inline]
    pub fn as_str<'t>(&self, text: &'t str) -> &'t str {
        self.span.as_str(text)
    }
}

/// The sentence splitter. Cheap to build, `Send + Sync`, reusable across texts.
#[derive(Clone, Debug, Default)]
pub struct Splitter {
    _private: (),
}

impl Splitter {
    /// A splitter with the built-in Arabic rules.
    pub fn new() -> Splitter {
        Splitter::default()
    }

    /// Split `text` into sentences.
    pub fn split(&self, text: &str) -> Vec<Sentence> {
        let mut out = Vec::new();
        for b in document::blocks(text) {
            let line = b.span.as_str(text);
            let mut start = 0;
            let mut iter = line.char_indices().peekable();
            while let Some((i, c)) = iter.next() {
                if matches!(c, '.' | '؟' | '?' | '!' | '…' | '۔') {
                    let end = i + c.len_utf8();
                    let next = iter.peek().map(|&(_, n)| n);
                    if next.is_none_or(char::is_whitespace) {
                        let sp = Span::new(b.span.start + start, b.span.start + end).trim(text);
                        if !sp.is_empty() {
                            out.push(Sentence {
                                span: sp,
                                kind: b.kind,
                                paragraph: b.paragraph,
                                dateline: None,
                            });
                        }
                        start = end;
                    }
                }
            }
            let sp = Span::new(b.span.start + start, b.span.end).trim(text);
            if !sp.is_empty() {
                out.push(Sentence {
                    span: sp,
                    kind: b.kind,
                    paragraph: b.paragraph,
                    dateline: None,
                });
            }
        }
        out
    }
}
