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

#![forbid(unsafe_code)]
#![warn(missing_docs)]

// Layers, bottom up (imports only go down; `scripts/check_layers.py` checks it):
// text primitives (chars, hash, data, span, fold) → tokens, segment → quotes → summary →
// analysis → output. See DESIGN.md.
mod analysis;
mod chars;
mod data;
mod fold;
mod hash;
mod output;
mod quotes;
mod segment;
mod span;
mod speaker_key;
mod summary;
mod tokens;

pub use analysis::{Analysis, Analyzer, AnalyzerBuilder};
pub use output::{
    EntityRecord, QuoteRecord, Record, SentenceRecord, SpanText, SpeakerRecord, SummaryRecord,
};
pub use quotes::{Entity, Quote, QuoteExtractor, QuoteKind, Quotes, Rule, Speaker, SpeakerKind};
pub use segment::{Block, BlockKind, Sentence, SplitIter, Splitter, SplitterBuilder};
pub use span::Span;
pub use speaker_key::speaker_key;
pub use summary::{
    Budget, Candidate, Candidates, Cut, Features, HardWrap, Ranking, Summarizer, SummarySentence,
    Weights, WeightsError, word_count,
};
pub use tokens::{Token, Tokens};

/// Internals that the crate's own tests, benches and examples exercise directly (folding,
/// character classes, the summary's stemmer). Not part of the API: no stability promise.
#[doc(hidden)]
pub mod internals {
    pub use crate::chars::{is_blank, is_invisible, is_word_char};
    pub use crate::fold::{FoldOptions, fold, fold_str, fold_with};
    pub use crate::summary::{LONG_UNIT_WORDS, is_numeric, is_terminated, stem};
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
