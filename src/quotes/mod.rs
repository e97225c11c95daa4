//! Who said what: quotation marks, reporting cues, content clauses, speakers and entities.
//!
//! The stages, in pipeline order (see DESIGN.md, "quote stage"):
//! - `view`: the read-only document view every stage reads: tokens with their lexicon facts
//!   ([`lexicon`], the lists of `data/quotes/`), sentences, and the quotation marks
//!   ([`marks`], paired in one pass over the document);
//! - [`rules`]: detection, one file per rule behind the [`Rule`] enum: reporting cues with
//!   their complement (إن، أن، بأن، إلى أن، `:`, a quotation mark, a preposition), attribution
//!   phrases, headlines, quotations no cue claimed. Each raw quote carries a speaker request
//!   (`Who`): a phrase, a pronoun, a continuation, a governing clause, or nobody;
//! - `order`: the raw quotes sorted, deduplicated, and indirect contents cut at a sibling cue;
//! - `speaker`: the speaker stage: the requests resolved into entities across the article
//!   (takes the view and the raw quotes, returns [`Quotes`]). Its phrase grammar
//!   (`speaker::phrase`, `speaker::subject`) is also what detection uses to step over a
//!   cue's subject to its complement.
//!
//! ```
//! use khabar::{Analyzer, QuoteKind};
//!
//! let text = "قال وزير المالية كريم العلوي إن العجز تراجع. وأضاف: «سنخفض الضرائب».";
//! let analyzer = Analyzer::new();
//! let doc = analyzer.analyze(text);
//! let quotes = doc.quotes();
//! assert_eq!(quotes.len(), 2);
//! assert_eq!(quotes[0].kind, QuoteKind::Indirect);
//! assert_eq!(quotes[0].content.as_str(text), "العجز تراجع");
//! assert_eq!(quotes[1].kind, QuoteKind::Direct);
//! assert_eq!(quotes[1].content.as_str(text), "سنخفض الضرائب");
//! // The continuation "وأضاف" resolves to the same entity, named by its fullest mention.
//! let who = |i: usize| quotes[i].speaker.map(|s| s.entity);
//! assert_eq!(who(0), who(1));
//! let e = &doc.entities()[who(1).unwrap()];
//! assert_eq!(e.name.as_str(text), "وزير المالية كريم العلوي");
//! ```

pub(crate) mod lexicon;
pub(crate) mod marks;
mod order;
pub(crate) mod rules;
mod speaker;
mod view;

use crate::segment::Sentence;
use crate::span::Span;
use crate::tokens::Tokens;
use lexicon::{Agree, Lexicon};
pub use rules::Rule;
use view::View;

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
    /// The rule that found the quote and attached its speaker (its name in the output:
    /// [`Rule::as_str`]).
    pub rule: Rule,
}

/// Quotes and the entities their speakers resolve to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Quotes {
    /// The quotes, in text order: by the sentence that holds the content, then by cue.
    pub quotes: Vec<Quote>,
    /// The speakers' entities.
    pub entities: Vec<Entity>,
}

/// The quote extractor. Cheap to build (the lexicons are parsed once per process);
/// `Send + Sync`.
#[derive(Clone, Debug)]
pub struct QuoteExtractor {
    lex: &'static Lexicon,
}

impl Default for QuoteExtractor {
    fn default() -> Self {
        QuoteExtractor::new()
    }
}

impl QuoteExtractor {
    /// An extractor with the built-in Arabic lexicons.
    pub fn new() -> QuoteExtractor {
        static LEX: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        QuoteExtractor {
            lex: LEX.get_or_init(Lexicon::builtin),
        }
    }

    /// Find the quotes of `text`, given its sentences and tokens.
    pub fn extract(&self, text: &str, sentences: &[Sentence], tokens: &Tokens) -> Quotes {
        let view = View::new(text, self.lex, sentences, tokens);
        let raws = rules::detect(&view);
        let raws = order::arrange(&view, raws);
        speaker::attribute(&view, raws)
    }
}

/// Who a raw quote's speaker is, before resolution into entities.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Who {
    /// An explicit phrase.
    Phrase(speaker::Phrase),
    /// A pronoun-carrying connective (لكنه أكد) at this token.
    Pronoun(Agree, usize),
    /// A subject-less verb (وأضاف): the previous agreeing speaker.
    Continue(Agree),
    /// A participle (مؤكداً): the subject of the governing clause, the subject of its
    /// non-speech main verb when one opens the sentence (أشاد فلان بـ…، مؤكداً).
    Governing(Agree, Option<speaker::Phrase>),
    /// An agentless form (قيل): no speaker.
    Nobody,
}

/// A quote before its speaker is resolved.
#[derive(Clone, Debug)]
pub(crate) struct Raw {
    pub kind: QuoteKind,
    pub content: Span,
    pub cue: Option<Span>,
    /// Token index of the cue (or of the content start), for ordering.
    pub at: usize,
    pub who: Who,
    pub sentence: usize,
    pub confidence: f32,
    pub rule: Rule,
    /// A following cue of the same sentence may cut this content (indirect clauses).
    pub cuttable: bool,
}
