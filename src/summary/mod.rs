//! Extractive summaries: rank body sentences by position and keyword weight, select under a
//! budget with redundancy control, return them in document order.
//!
//! The pipeline, one module per step:
//!
//! - [`units`]: the sentences a summary may pick. With hard-wrapped text (line breaks inside
//!   sentences, as many newspaper archives have) a line-broken sentence is re-joined with its
//!   continuation, so a summary never picks half a sentence ([`HardWrap`]).
//! - [`features`]: per unit, the transparent [`Features`]: position, keyword weight against a
//!   background document-frequency table, title overlap, length and penalties.
//! - [`rank`]: the score, a weighted sum of the features with [`Weights`] read from data.
//! - [`select`]: greedy selection under a [`Budget`] with MMR-style redundancy control, in
//!   document order. Title, captions, datelines and clutter are never picked.

mod clean;
mod features;
mod rank;
mod select;
mod stem;
mod units;

use crate::quotes::Quote;
use crate::segment::Sentence;
use crate::span::Span;
use crate::tokens::Tokens;

pub use features::{Candidate, Candidates, Cut, LONG_UNIT_WORDS};
pub use rank::{Weights, WeightsError};
pub use select::Ranking;
pub use stem::{is_numeric, stem};
pub use units::{HardWrap, is_terminated};

/// How long a summary may be. A budget is never exceeded.
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

/// The feature values behind a sentence's score. Each is in `[0, 1]` except `words`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Features {
    /// Position prior in `(0, 1]`: `1 / (1 + i)` for the `i`-th body unit.
    pub position: f64,
    /// Relative position in the body: 0 for the first unit, 1 for the last.
    pub relative: f64,
    /// 1 for the first body unit (the lead).
    pub first: f64,
    /// 1 when the unit opens its paragraph.
    pub paragraph_start: f64,
    /// Keyword weight: in-document frequency × background rarity of the unit's content
    /// words, per word, relative to the best unit of the document.
    pub keyword: f64,
    /// Cosine similarity of the unit's keyword vector with the whole document's.
    pub centroid: f64,
    /// Share of the title's content words the unit contains; without a title, of the
    /// opening content words of the lead (the topic as the article states it first).
    pub title: f64,
    /// Length: `min(words, 40) / 40`.
    pub length: f64,
    /// Number of words (white-space separated).
    pub words: f64,
    /// 1 for a very short unit (under 6 words).
    pub short: f64,
    /// Excess length above 60 words, up to 1.
    pub long: f64,
    /// 1 when the unit starts with a connective that leans on the sentence before it.
    pub dangling: f64,
    /// 1 for a bare question.
    pub question: f64,
    /// 1 when the unit ends without sentence-final punctuation (a caption, a subtitle).
    pub unterminated: f64,
    /// 1 when the unit looks like page furniture, a caption, a byline or a repeated line;
    /// such units are never picked.
    pub clutter: f64,
    /// 1 when the unit carries a quote with its speaker.
    pub quote: f64,
    /// Maximal similarity to an already picked unit when this one was picked (MMR).
    pub redundancy: f64,
}

/// One selected sentence (or, with hard-wrapped text, a re-joined run of sentences).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SummarySentence {
    /// Index of the (first) sentence in the analysis.
    pub sentence: usize,
    /// Index of the last sentence covered (equal to `sentence` unless re-joined).
    pub last_sentence: usize,
    /// Its span.
    pub span: Span,
    /// Its score.
    pub score: f64,
    /// The features behind the score.
    pub features: Features,
    /// True when the unit was cut short (at a word or clause boundary) to fit a word or
    /// character budget; `span` then covers its beginning only.
    pub truncated: bool,
}

/// The summarizer. Build once; `Send + Sync`. The background frequencies and the weights
/// are embedded data, parsed once per process.
#[derive(Clone, Debug)]
pub struct Summarizer {
    weights: Weights,
    hard_wrap: HardWrap,
    trim: bool,
    ranking: Ranking,
}

impl Default for Summarizer {
    fn default() -> Self {
        Summarizer::new()
    }
}

impl Summarizer {
    /// A summarizer with the built-in weights and background frequencies; hard-wrapped text
    /// is detected per document ([`HardWrap::Auto`]).
    pub fn new() -> Summarizer {
        features::warm_up();
        Summarizer {
            weights: Weights::builtin(),
            hard_wrap: HardWrap::Auto,
            trim: true,
            ranking: Ranking::Scored,
        }
    }

    /// The same summarizer with other weights.
    pub fn with_weights(mut self, weights: Weights) -> Summarizer {
        self.weights = weights;
        self
    }

    /// The same summarizer with another hard-wrap mode.
    pub fn with_hard_wrap(mut self, mode: HardWrap) -> Summarizer {
        self.hard_wrap = mode;
        self
    }

    /// Whether a word or character budget may cut the best unit that does not fit short
    /// (default: true). Sentence budgets never cut.
    pub fn with_trim(mut self, trim: bool) -> Summarizer {
        self.trim = trim;
        self
    }

    /// The same summarizer ranking the candidates another way: [`Ranking::Lead`] gives the
    /// cleaned first body sentences (the Lead baseline: titles, captions, datelines,
    /// clutter and list items left out exactly as for the scored summary), to compare with.
    pub fn with_ranking(mut self, ranking: Ranking) -> Summarizer {
        self.ranking = ranking;
        self
    }

    /// The ranking in use.
    pub fn ranking(&self) -> Ranking {
        self.ranking
    }

    /// The weights in use.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// The hard-wrap mode in use.
    pub fn hard_wrap(&self) -> HardWrap {
        self.hard_wrap
    }

    /// Every unit that could be picked, with its features (the first step of
    /// [`Summarizer::summarize`]; useful to explain or to fit weights).
    pub fn candidates(
        &self,
        text: &str,
        sentences: &[Sentence],
        tokens: &Tokens,
        quotes: &[Quote],
    ) -> Candidates {
        let units = units::units(text, sentences, self.hard_wrap);
        features::candidates(text, sentences, &units, tokens, quotes)
    }

    /// Select from `cands` (the candidates of `text`) under `budget`, in document order.
    pub fn select(&self, text: &str, cands: &Candidates, budget: Budget) -> Vec<SummarySentence> {
        select::select(text, cands, &self.weights, budget, self.trim, self.ranking)
    }

    /// Summarize: pick sentences under `budget`, in document order.
    pub fn summarize(
        &self,
        text: &str,
        sentences: &[Sentence],
        tokens: &Tokens,
        quotes: &[Quote],
        budget: Budget,
    ) -> Vec<SummarySentence> {
        let c = self.candidates(text, sentences, tokens, quotes);
        self.select(text, &c, budget)
    }
}

/// Number of white-space separated words of `s` (the unit of [`Budget::Words`]).
pub fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}
