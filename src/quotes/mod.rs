//! Who said what: quotation marks, reporting cues, content clauses, speakers and entities.

use crate::segment::Sentence;
use crate::span::Span;
use crate::tokens::Tokens;

/// How the content is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum QuoteKind {
    /// The whole content stands inside quotation marks.
    Direct,
    /// Reported speech without quotation marks.
    Indirect,
    /// Indirect content that contains quoted fragments.
    Mixed,
}

/// What kind of source a speaker is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum SpeakerKind {
    /// A named or titled person.
    Person,
    /// A ministry, company, party, country, agency.
    Organization,
    /// A statement, report, ruling.
    Document,
    /// A newspaper, channel or news agency as the source.
    Media,
    /// An unnamed individual (مصدر مطلع).
    Anonymous,
    /// A group of people (شهود عيان، سكان).
    Group,
}

/// The speaker of one quote: the mention in the text and the entity it resolves to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// The mention as written (a name, a title, or the cue verb for a pronoun/continuation).
    pub mention: Span,
    /// Index into the article's entities.
    pub entity: usize,
}

/// A source resolved across the article.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// The fullest name found in the article.
    pub name: Span,
    /// What kind of source it is.
    pub kind: SpeakerKind,
    /// Every mention attributed to it, in text order.
    pub mentions: Vec<Span>,
}

/// One reported statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// What was said.
    pub content: Span,
    /// The reporting verb or attribution phrase, if any.
    pub cue: Option<Span>,
    /// Who said it, if known.
    pub speaker: Option<Speaker>,
    /// Index of the sentence the quote starts in.
    pub sentence: usize,
    /// Confidence in `[0, 1]`.
    pub confidence: f32,
    /// Name of the rule that found the quote and attached its speaker.
    pub rule: &'static str,
}

/// Quotes and the entities their speakers resolve to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Quotes {
    /// The quotes, in text order.
    pub quotes: Vec<Quote>,
    /// The speakers' entities.
    pub entities: Vec<Entity>,
}

/// The quote extractor. Build once; `Send + Sync`.
#[derive(Clone, Debug, Default)]
pub struct QuoteExtractor {
    _private: (),
}

impl QuoteExtractor {
    /// An extractor with the built-in Arabic lexicons.
    pub fn new() -> QuoteExtractor {
        QuoteExtractor::default()
    }

    /// Find the quotes of `text`, given its sentences and tokens.
    pub fn extract(&self, _text: &str, _sentences: &[Sentence], _tokens: &Tokens) -> Quotes {
        Quotes::default()
    }
}
