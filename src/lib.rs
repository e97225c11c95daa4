//! # khabar — who said what in Arabic news, fast and exactly
//!
//! khabar (خبر, "a news report") reads Arabic news text and tells where the sentences are,
//! who said what, and what the story is in a few sentences. Every result is a [`Span`]: a
//! byte range into the caller's original text. Nothing is rewritten.
//!
//! ```
//! use khabar::{Analyzer, Budget};
//!
//! let text = "قال وزير الخارجية إن المحادثات تمر بلحظة حاسمة. وأضاف أن الاتفاق ممكن.";
//! let analyzer = Analyzer::new();
//! let doc = analyzer.analyze(text);
//! assert_eq!(doc.sentences().len(), 2);
//! for s in doc.sentences() {
//!     println!("{:?} {}", s.kind, s.as_str(text));
//! }
//! let summary = doc.summary(Budget::Sentences(1));
//! assert!(summary.len() <= 1);
//! ```
//!
//! ## Untrusted input
//!
//! Any `&str` is valid input: no function of this crate panics on text, and every stage runs
//! in time linear in the input. Errors exist only where a user lexicon is built.

#![warn(missing_docs)]

pub mod document;
pub mod fold;
mod hash;
pub mod output;
pub mod quotes;
pub mod segment;
pub mod span;
mod speaker_key;
pub mod summary;
pub mod tokens;

pub use document::{Block, BlockKind};
pub use quotes::{Entity, Quote, QuoteExtractor, QuoteKind, Speaker, SpeakerKind};
pub use segment::{Sentence, SplitIter, Splitter, SplitterBuilder};
pub use span::Span;
pub use speaker_key::speaker_key;
pub use summary::{Budget, Features, Summarizer, SummarySentence};
pub use tokens::Tokens;

/// The whole pipeline, built once and shared (`Send + Sync`).
#[derive(Clone, Debug, Default)]
pub struct Analyzer {
    splitter: Splitter,
    /// The splitter for hard-wrapped documents (see [`Analyzer::with_hard_wrap`]).
    wrapped: Splitter,
    hard_wrap: summary::HardWrap,
    quotes: QuoteExtractor,
    summarizer: Summarizer,
}

impl Analyzer {
    /// An analyzer with the built-in Arabic lexicons and default options.
    pub fn new() -> Analyzer {
        Analyzer {
            wrapped: Splitter::builder().hard_wrapped(true).build(),
            hard_wrap: summary::HardWrap::Off,
            ..Analyzer::default()
        }
    }

    /// The same analyzer with another hard-wrap mode (default [`HardWrap::Off`], the
    /// guidelines' behaviour: every line break ends a sentence). With [`HardWrap::On`], or
    /// [`HardWrap::Auto`] on a document whose lines mostly break inside sentences (archives
    /// wrapped at a fixed width), the text is split with the hard-wrapped splitter, so that
    /// structure and sentences follow paragraphs rather than printed lines.
    ///
    /// [`HardWrap::Off`]: summary::HardWrap::Off
    /// [`HardWrap::On`]: summary::HardWrap::On
    /// [`HardWrap::Auto`]: summary::HardWrap::Auto
    pub fn with_hard_wrap(mut self, mode: summary::HardWrap) -> Analyzer {
        self.wrapped = Splitter::builder().hard_wrapped(true).build();
        self.hard_wrap = mode;
        self
    }

    /// The same analyzer with another summarizer (weights, hard-wrap mode, trimming), e.g.
    /// `Analyzer::new().with_summarizer(Summarizer::new().with_hard_wrap(HardWrap::On))` for
    /// an archive whose lines break inside sentences.
    ///
    /// [`HardWrap::On`]: summary::HardWrap::On
    pub fn with_summarizer(mut self, summarizer: Summarizer) -> Analyzer {
        self.summarizer = summarizer;
        self
    }

    /// The sentence splitter this analyzer uses.
    pub fn splitter(&self) -> &Splitter {
        &self.splitter
    }

    /// Analyze `text`: sentences, tokens and quotes. Summaries are computed on demand by
    /// [`Analysis::summary`]. Never fails and never panics on any `&str`.
    pub fn analyze<'a>(&'a self, text: &'a str) -> Analysis<'a> {
        self.analyze_titled(text, None)
    }

    /// Like [`Analyzer::analyze`], with the article's headline when the source gives it
    /// apart from the text (a record's `title`): a first line equal to it is the title.
    pub fn analyze_titled<'a>(&'a self, text: &'a str, title: Option<&str>) -> Analysis<'a> {
        let splitter = if self.hard_wrap.applies_to(text) {
            &self.wrapped
        } else {
            &self.splitter
        };
        let sentences = splitter.split_titled(text, title);
        let tokens = Tokens::new(text);
        let q = self.quotes.extract(text, &sentences, &tokens);
        Analysis {
            analyzer: self,
            text,
            sentences,
            tokens,
            quotes: q.quotes,
            entities: q.entities,
        }
    }
}

/// The result of [`Analyzer::analyze`]: borrows the text; every piece is a span into it.
#[derive(Clone, Debug)]
pub struct Analysis<'a> {
    analyzer: &'a Analyzer,
    text: &'a str,
    sentences: Vec<Sentence>,
    tokens: Tokens,
    quotes: Vec<Quote>,
    entities: Vec<Entity>,
}

impl<'a> Analysis<'a> {
    /// The analysed text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The sentences, in text order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The word tokens.
    pub fn tokens(&self) -> &Tokens {
        &self.tokens
    }

    /// The quotes, in text order: by the sentence that holds the content, then by cue.
    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }

    /// The speakers' entities; [`Speaker::entity`] indexes this slice.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// An extractive summary under `budget`, in document order.
    pub fn summary(&self, budget: Budget) -> Vec<SummarySentence> {
        self.analyzer.summarizer.summarize(
            self.text,
            &self.sentences,
            &self.tokens,
            &self.quotes,
            budget,
        )
    }

    /// The output record (the JSON shape the CLI prints), with a summary under `budget`.
    pub fn record(&self, budget: Budget) -> output::Record<'a> {
        output::Record::new(self, budget)
    }
}

/// Split `text` into sentences with the default splitter.
pub fn split(text: &str) -> Vec<Sentence> {
    Splitter::new().split(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn analyzer_is_send_sync() {
        assert_send_sync::<Analyzer>();
        assert_send_sync::<Splitter>();
        assert_send_sync::<QuoteExtractor>();
        assert_send_sync::<Summarizer>();
    }
}
