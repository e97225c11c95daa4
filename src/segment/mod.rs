//! The sentence splitter.
//!
//! Follows the gold guidelines (`GUIDELINES.md`, "Sentences"):
//!
//! - `. ؟ ? ! … ۔` (and `..`, `...`, `؟!`) end a sentence before white space or the end;
//!   a line break always does; `،` and `؛` never do;
//! - abbreviations (د. م. أ.د. ق.م ص.ب أ.ف.ب, U.S. — `data/abbreviations.txt`), decimals
//!   in both digit sets, dates, times, URLs, e-mail addresses and domains (الجزيرة.نت) do not;
//! - a mark inside quotation marks ends the sentence only when the words after the closing
//!   mark do not continue it (`"لماذا؟" تساءل الوزير …` is one sentence);
//! - a period glued between two words is a missing space (`للوكالة.وأضاف` splits).
//!
//! Each sentence carries the kind of its line ([`BlockKind`]: title, caption, dateline,
//! body, clutter), its paragraph, and the span of a dateline it opens with.
//!
//! ```
//! use khabar::{BlockKind, Splitter};
//!
//! let text = "بيروت (رويترز) - قال د. أحمد إن النمو بلغ 3.5 بالمئة. وأضاف أن «الوضع صعب».";
//! let sentences = Splitter::new().split(text);
//! assert_eq!(sentences.len(), 2);
//! assert_eq!(sentences[1].as_str(text), "وأضاف أن «الوضع صعب».");
//! assert_eq!(sentences[0].kind, BlockKind::Body);
//! assert_eq!(sentences[0].dateline.map(|d| d.as_str(text)), Some("بيروت (رويترز) -"));
//! ```

pub(crate) mod document;
pub(crate) mod lexicon;
pub(crate) mod rules;

use crate::span::Span;
use document::DocOptions;
pub use document::{Block, BlockKind};
use lexicon::Lexicon;

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

/// The sentence splitter. Cheap to build (the word lists are parsed once per process),
/// `Send + Sync`, reusable across texts.
#[derive(Clone, Debug)]
pub struct Splitter {
    lex: &'static Lexicon,
    hard_wrapped: bool,
}

impl Default for Splitter {
    fn default() -> Self {
        Splitter::new()
    }
}

/// Options for a [`Splitter`].
///
/// ```
/// use khabar::SplitterBuilder;
///
/// // Newspaper text wrapped at a fixed width: a line break inside a sentence is a space.
/// let s = SplitterBuilder::new().hard_wrapped(true).build();
/// let text = "قال وزير النقل اليوم إن الخطة الجديدة\nجاهزة للتنفيذ. وأضاف أنها تبدأ غدا.";
/// assert_eq!(s.split(text).len(), 2);
/// ```
#[derive(Clone, Debug, Default)]
pub struct SplitterBuilder {
    hard_wrapped: bool,
}

impl SplitterBuilder {
    /// The default options (the guidelines' behaviour).
    pub fn new() -> SplitterBuilder {
        SplitterBuilder::default()
    }

    /// Text hard-wrapped at a fixed width (EASC newspaper texts): a single line break inside
    /// a paragraph, after a line that does not end with terminal punctuation, does not end
    /// a sentence. A blank line still does. Default: off (every line break ends one).
    pub fn hard_wrapped(mut self, yes: bool) -> SplitterBuilder {
        self.hard_wrapped = yes;
        self
    }

    /// Build the splitter.
    pub fn build(&self) -> Splitter {
        Splitter {
            lex: Lexicon::get(),
            hard_wrapped: self.hard_wrapped,
        }
    }
}

impl Splitter {
    /// A splitter with the built-in Arabic rules.
    pub fn new() -> Splitter {
        SplitterBuilder::new().build()
    }

    /// A builder for options.
    pub fn builder() -> SplitterBuilder {
        SplitterBuilder::new()
    }

    /// Split `text` into sentences.
    pub fn split(&self, text: &str) -> Vec<Sentence> {
        self.split_iter(text).collect()
    }

    /// Split `text` into sentences; `title` is the record's headline when known (the line
    /// that equals it is the title, lines above it are page clutter).
    pub fn split_titled(&self, text: &str, title: Option<&str>) -> Vec<Sentence> {
        let opts = DocOptions {
            title,
            hard_wrapped: self.hard_wrapped,
        };
        SplitIter::new(self.lex, text, document::blocks_with(text, &opts)).collect()
    }

    /// The sentences of `text` one by one. The line structure is classified first (one
    /// small vector of blocks); sentences are found lazily, block by block.
    pub fn split_iter<'t>(&self, text: &'t str) -> SplitIter<'t> {
        let opts = DocOptions {
            title: None,
            hard_wrapped: self.hard_wrapped,
        };
        SplitIter::new(self.lex, text, document::blocks_with(text, &opts))
    }

    /// The blocks (lines with their kinds) of `text`, as this splitter sees them.
    pub fn blocks(&self, text: &str) -> Vec<Block> {
        let opts = DocOptions {
            title: None,
            hard_wrapped: self.hard_wrapped,
        };
        document::blocks_with(text, &opts)
    }
}

/// Iterator over the sentences of a text (see [`Splitter::split_iter`]).
#[derive(Clone, Debug)]
pub struct SplitIter<'t> {
    lex: &'static Lexicon,
    text: &'t str,
    blocks: std::vec::IntoIter<Block>,
    block: Option<Block>,
    spans: Vec<Span>,
    next: usize,
}

impl<'t> SplitIter<'t> {
    fn new(lex: &'static Lexicon, text: &'t str, blocks: Vec<Block>) -> SplitIter<'t> {
        SplitIter {
            lex,
            text,
            blocks: blocks.into_iter(),
            block: None,
            spans: Vec::new(),
            next: 0,
        }
    }
}

impl Iterator for SplitIter<'_> {
    type Item = Sentence;

    fn next(&mut self) -> Option<Sentence> {
        loop {
            if let Some(b) = self.block {
                if let Some(&span) = self.spans.get(self.next) {
                    let first = self.next == 0;
                    self.next += 1;
                    let dateline = b.dateline.filter(|d| first && span.contains(*d));
                    return Some(Sentence {
                        span,
                        kind: b.kind,
                        paragraph: b.paragraph,
                        dateline,
                    });
                }
            }
            let b = self.blocks.next()?;
            self.spans.clear();
            self.next = 0;
            rules::split_region(
                self.lex,
                self.text,
                b.span.start,
                b.span.end,
                &mut self.spans,
            );
            self.block = Some(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        Splitter::new()
            .split(text)
            .iter()
            .map(|s| s.as_str(text))
            .collect()
    }

    #[test]
    fn basic_marks() {
        assert_eq!(
            texts("هل هذا معقول؟! لا أحد يصدق ذلك!! لكن الأرقام لا تكذب."),
            vec!["هل هذا معقول؟!", "لا أحد يصدق ذلك!!", "لكن الأرقام لا تكذب."]
        );
    }

    #[test]
    fn iter_equals_split() {
        let text = "عنوان الخبر هنا\nقال الوزير. وأضاف.\n\nتصنيفات";
        let s = Splitter::new();
        assert_eq!(s.split(text), s.split_iter(text).collect::<Vec<_>>());
    }

    #[test]
    fn titled_marks_clutter_above() {
        let text = "قسم الأخبار العاجلة اليوم\nالحكومة تقر خطة النقل\nأقرت الحكومة خطة النقل.";
        let s = Splitter::new().split_titled(text, Some("الحكومة تقر خطة النقل"));
        let k: Vec<BlockKind> = s.iter().map(|s| s.kind).collect();
        assert_eq!(
            k,
            vec![BlockKind::Clutter, BlockKind::Title, BlockKind::Body]
        );
    }
}
