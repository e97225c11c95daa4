//! The output contract: the record the CLI prints for each article, as plain data.
//!
//! With the `serde` feature every type here serialises to the documented JSON shape:
//! `{"sentences": [...], "quotes": [...], "speakers": [...], "summary": [...]}` where every
//! piece carries `start`/`end` byte offsets into the record's text and the `text` itself.
//!
//! ```
//! use khabar::{Analyzer, Budget};
//!
//! let text = "قال الوزير إن الاتفاق ممكن.";
//! let analyzer = Analyzer::new();
//! let record = analyzer.analyze(text).record(Budget::Sentences(1));
//! assert_eq!(record.sentences[0].text, text);
//! # #[cfg(feature = "serde")] {
//! // With the `serde` feature: the JSON line the CLI prints (without its `id`).
//! let json = serde_json::to_string(&record).unwrap();
//! assert!(json.starts_with(r#"{"sentences":[{"start":0,"#));
//! # }
//! ```

use crate::analysis::Analysis;
use crate::quotes::{Entity, Quote, QuoteKind, SpeakerKind};
use crate::segment::{BlockKind, Sentence};
use crate::span::Span;
use crate::summary::{Budget, Features, SummarySentence};

/// A span with its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SpanText<'a> {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// The covered text.
    pub text: &'a str,
}

impl<'a> SpanText<'a> {
    /// The span `span` of `text`.
    pub fn new(text: &'a str, span: Span) -> SpanText<'a> {
        SpanText {
            start: span.start,
            end: span.end,
            text: span.as_str(text),
        }
    }
}

/// A sentence in the output.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SentenceRecord<'a> {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// The sentence.
    pub text: &'a str,
    /// Kind of its block.
    pub kind: BlockKind,
    /// Paragraph index.
    pub paragraph: usize,
    /// A dateline or byline inside the sentence, if any.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub dateline: Option<SpanText<'a>>,
}

/// A quote's speaker in the output.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SpeakerRecord<'a> {
    /// Byte offset of the mention's start.
    pub start: usize,
    /// Byte offset of the mention's end.
    pub end: usize,
    /// The mention as written.
    pub text: &'a str,
    /// The entity's fullest name.
    pub name: &'a str,
    /// The entity's kind.
    pub kind: SpeakerKind,
    /// Index into `speakers`.
    pub entity: usize,
}

/// A quote in the output.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct QuoteRecord<'a> {
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// What was said.
    pub content: SpanText<'a>,
    /// The cue, if any.
    pub cue: Option<SpanText<'a>>,
    /// The speaker, if known.
    pub speaker: Option<SpeakerRecord<'a>>,
    /// Index of the sentence the quote starts in.
    pub sentence: usize,
    /// Confidence in `[0, 1]`.
    pub confidence: f32,
    /// The rule that found it.
    pub rule: &'a str,
}

/// An entity (speaker) in the output.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct EntityRecord<'a> {
    /// Index of the entity.
    pub id: usize,
    /// Fullest name.
    pub name: &'a str,
    /// Kind of source.
    pub kind: SpeakerKind,
    /// Mentions, in text order.
    pub mentions: Vec<SpanText<'a>>,
}

/// A summary sentence in the output.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SummaryRecord<'a> {
    /// Index of the sentence.
    pub sentence: usize,
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// The sentence.
    pub text: &'a str,
    /// Its score.
    pub score: f64,
    /// The features behind the score.
    pub features: Features,
    /// True when the sentence was cut short (an over-long unit, or to fit a word or
    /// character budget): `text` is its beginning; shown with a trailing "…". Absent when
    /// false.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "std::ops::Not::not"))]
    pub truncated: bool,
}

impl<'a> SentenceRecord<'a> {
    /// The record of sentence `s` of `text`.
    pub fn new(text: &'a str, s: &Sentence) -> SentenceRecord<'a> {
        SentenceRecord {
            start: s.span.start,
            end: s.span.end,
            text: s.span.as_str(text),
            kind: s.kind,
            paragraph: s.paragraph,
            dateline: s.dateline.map(|d| SpanText::new(text, d)),
        }
    }
}

impl<'a> QuoteRecord<'a> {
    /// The record of quote `q` of `text`, its speaker named from `entities` (those of the
    /// same analysis).
    pub fn new(text: &'a str, q: &Quote, entities: &[Entity]) -> QuoteRecord<'a> {
        QuoteRecord {
            kind: q.kind,
            content: SpanText::new(text, q.content),
            cue: q.cue.map(|c| SpanText::new(text, c)),
            speaker: q.speaker.and_then(|sp| {
                let e = entities.get(sp.entity)?;
                Some(SpeakerRecord {
                    start: sp.mention.start,
                    end: sp.mention.end,
                    text: sp.mention.as_str(text),
                    name: e.name.as_str(text),
                    kind: e.kind,
                    entity: sp.entity,
                })
            }),
            sentence: q.sentence,
            confidence: q.confidence,
            rule: q.rule.as_str(),
        }
    }
}

impl<'a> SummaryRecord<'a> {
    /// The record of summary sentence `s` of `text`.
    pub fn new(text: &'a str, s: SummarySentence) -> SummaryRecord<'a> {
        SummaryRecord {
            sentence: s.sentence,
            start: s.span.start,
            end: s.span.end,
            text: s.span.as_str(text),
            score: s.score,
            features: s.features,
            truncated: s.truncated,
        }
    }
}

/// The whole record of one article (without its `id`, which the caller adds).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Record<'a> {
    /// Sentences.
    pub sentences: Vec<SentenceRecord<'a>>,
    /// Quotes.
    pub quotes: Vec<QuoteRecord<'a>>,
    /// Speakers' entities.
    pub speakers: Vec<EntityRecord<'a>>,
    /// Summary sentences, in document order.
    pub summary: Vec<SummaryRecord<'a>>,
}

impl<'a> Record<'a> {
    /// Build the record of `a` with a summary under `budget`.
    pub fn new(a: &Analysis<'a>, budget: Budget) -> Record<'a> {
        let text = a.text();
        let entities = a.entities();
        // The summary first: its working memory (per-sentence candidates, word tables) is
        // freed before the other fields' records are allocated, so that the two never add
        // up (on one 50 MB record, about 25 MB less at the peak).
        let summary = a
            .summary(budget)
            .into_iter()
            .map(|s| SummaryRecord::new(text, s))
            .collect();
        Record {
            sentences: a
                .sentences()
                .iter()
                .map(|s| SentenceRecord::new(text, s))
                .collect(),
            quotes: a
                .quotes()
                .iter()
                .map(|q| QuoteRecord::new(text, q, entities))
                .collect(),
            speakers: entities
                .iter()
                .enumerate()
                .map(|(id, e)| EntityRecord {
                    id,
                    name: e.name.as_str(text),
                    kind: e.kind,
                    mentions: e.mentions.iter().map(|&m| SpanText::new(text, m)).collect(),
                })
                .collect(),
            summary,
        }
    }
}

impl<'a> Analysis<'a> {
    /// The output record (the JSON shape the CLI prints), with a summary under `budget`.
    pub fn record(&self, budget: Budget) -> Record<'a> {
        Record::new(self, budget)
    }
}
