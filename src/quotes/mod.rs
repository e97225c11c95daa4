//! Who said what: quotation marks, reporting cues, content clauses, speakers and entities.
//!
//! The stages, each in its own file:
//! - [`marks`]: quotation marks paired in one pass over the document;
//! - [`lexicon`]: the cue, complementizer, noun and stop-word lists of `data/quotes/`;
//! - `cues` (this file's [`QuoteExtractor::extract`]): reporting cues matched on folded tokens,
//!   their complement (إن، أن، بأن، إلى أن، `:`, a quotation mark, a preposition) and the
//!   content clause;
//! - `speaker`: the speaker phrase (VSO, SVO, headline, attribution, relay);
//! - `entities`: mentions resolved into entities across the article.
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

mod cues;
mod entities;
pub(crate) mod lexicon;
pub(crate) mod marks;
pub(crate) mod rules;
mod speaker;

use crate::hash::{FxHashMap, FxHashSet};
use crate::segment::BlockKind;
use crate::segment::Sentence;
use crate::span::Span;
use crate::tokens::{Token, Tokens};
use lexicon::{Agree, Lexicon, TokInfo};
use marks::Mark;
pub use rules::Rule;

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
        let ctx = Ctx::new(text, self.lex, sentences, tokens);
        let raws = ctx.find_quotes();
        let intros = ctx.introductions();
        entities::resolve(&ctx, raws, &intros)
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

/// Shared, read-only view of one document for the quote stages.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub lex: &'a Lexicon,
    pub tokens: &'a Tokens,
    pub toks: &'a [Token],
    pub sents: &'a [Sentence],
    /// Sentence index of each token (`usize::MAX` outside every sentence).
    pub tok_sent: Vec<usize>,
    /// Token range of each sentence.
    pub sent_toks: Vec<(usize, usize)>,
    pub marks: Vec<Mark>,
    /// Index + 1 of the mark that opens just before each token (0: none).
    pub mark_before: Vec<u32>,
    /// Index + 1 of the mark whose content holds each token (0: none).
    pub in_mark: Vec<u32>,
    /// Folded text of the title line, to recognise repeated headlines.
    pub title: Option<Span>,
    /// For each sentence, the index of the first sentence of the next paragraph.
    pub next_para: Vec<usize>,
    /// Byte offset of the start of every line after the first (one memchr pass), so that
    /// finding a position's line start is a binary search, not a backward scan.
    line_starts: Vec<usize>,
    /// Range maximum over the marks' outer ends (closed marks only).
    pub(crate) mark_ends: RangeMax,
    /// Lexicon facts of each token, looked up once.
    info: Vec<TokInfo>,
    /// Definite forms used as family names somewhere (after a first name or a title).
    definite_names: std::cell::OnceCell<FxHashSet<&'a str>>,
    /// How often each article-stripped folded form occurs (built on first use).
    counts: std::cell::OnceCell<FxHashMap<&'a str, u32>>,
}

impl<'a> Ctx<'a> {
    /// Byte offset of the start of the line holding byte `pos`.
    pub(crate) fn line_start(&self, pos: usize) -> usize {
        let i = self.line_starts.partition_point(|&s| s <= pos);
        if i == 0 { 0 } else { self.line_starts[i - 1] }
    }

    fn new(text: &'a str, lex: &'a Lexicon, sents: &'a [Sentence], tokens: &'a Tokens) -> Self {
        let toks = tokens.as_slice();
        let mut tok_sent = vec![usize::MAX; toks.len()];
        let mut sent_toks = Vec::with_capacity(sents.len());
        let mut t = 0;
        for (si, s) in sents.iter().enumerate() {
            while t < toks.len() && toks[t].span.start < s.span.start {
                t += 1;
            }
            let a = t;
            while t < toks.len() && toks[t].span.end <= s.span.end {
                tok_sent[t] = si;
                t += 1;
            }
            sent_toks.push((a, t));
        }
        let marks = marks::pair(text);
        let mark_ends = RangeMax::new(
            marks
                .iter()
                .map(|m| if m.close.is_some() { m.outer().end } else { 0 })
                .collect(),
        );
        let mut mark_before = vec![0u32; toks.len()];
        let mut in_mark = vec![0u32; toks.len()];
        for (mi, m) in marks.iter().enumerate() {
            let k = tokens.first_at_or_after(m.open.end);
            // The first word after the opening mark, when it lies inside the content (which
            // may open with an ellipsis or other punctuation: «... نحن»).
            if k < toks.len() && toks[k].span.end <= m.content.end {
                mark_before[k] = mi as u32 + 1;
            }
            let mut k = k;
            while k < toks.len() && toks[k].span.end <= m.content.end {
                in_mark[k] = mi as u32 + 1;
                k += 1;
            }
        }
        let info = (0..toks.len()).map(|i| lex.info(tokens.form(i))).collect();
        let mut next_para = vec![sents.len(); sents.len()];
        for si in (0..sents.len().saturating_sub(1)).rev() {
            next_para[si] = if sents[si + 1].paragraph != sents[si].paragraph {
                si + 1
            } else {
                next_para[si + 1]
            };
        }
        let title = sents
            .iter()
            .find(|s| s.kind == BlockKind::Title)
            .map(|s| s.span);
        Ctx {
            text,
            lex,
            tokens,
            toks,
            sents,
            tok_sent,
            sent_toks,
            marks,
            mark_before,
            in_mark,
            title,
            info,
            next_para,
            mark_ends,
            line_starts: memchr::memchr_iter(b'\n', text.as_bytes())
                .map(|p| p + 1)
                .collect(),
            definite_names: std::cell::OnceCell::new(),
            counts: std::cell::OnceCell::new(),
        }
    }

    /// The cue form of token `i`.
    pub fn cue_at(&self, i: usize) -> Option<lexicon::CueForm> {
        self.info[i].cue
    }

    /// The complementizer class of token `i`.
    pub fn comp_at(&self, i: usize) -> Option<lexicon::Comp> {
        self.info[i].comp
    }

    /// The noun class of token `i`.
    pub fn noun_at(&self, i: usize) -> Option<lexicon::Noun> {
        self.info[i].noun
    }

    /// True when token `i` ends a speaker phrase.
    pub fn stop_at(&self, i: usize) -> bool {
        self.info[i].stop
    }

    /// True when an attribution phrase may start at token `i` (its form, or its form
    /// without a conjunction, is a key of [`Lexicon::attributions`]).
    pub fn attr_at(&self, i: usize) -> bool {
        self.info[i].attr
    }

    /// True when token `i` is in some lexicon.
    pub fn known_at(&self, i: usize) -> bool {
        self.info[i].known
    }

    /// True when the definite form `f` (الصفدي) stands somewhere right after a first name
    /// or a title (أيمن الصفدي، الوزير الصفدي): a family name, not a common noun (التمر).
    pub fn definite_name(&self, f: &str) -> bool {
        let set = self.definite_names.get_or_init(|| {
            let mut set = FxHashSet::default();
            for i in 1..self.toks.len() {
                let w = self.tokens.form(i);
                if !w.starts_with("ال") || self.info[i].known {
                    continue;
                }
                let p = i - 1;
                let prev = self.tokens.form(p);
                let title = self.info[p]
                    .noun
                    .is_some_and(|n| n.class == lexicon::NounClass::Title);
                let first_name = || {
                    !self.info[p].known
                        && self.info[p].noun.is_none()
                        && !prev.starts_with("ال")
                        && !prev.starts_with('و')
                        && prev.chars().nth(1).is_some()
                };
                if (title || first_name()) && !self.gap_has_punct(i) {
                    set.insert(w);
                }
            }
            set
        });
        set.contains(f)
    }

    /// How many tokens of the document have this article-stripped folded form.
    pub fn form_count(&self, f: &str) -> u32 {
        let counts = self.counts.get_or_init(|| {
            let mut m = FxHashMap::default();
            for i in 0..self.toks.len() {
                *m.entry(lexicon::strip_article(self.tokens.form(i)))
                    .or_insert(0) += 1;
            }
            m
        });
        counts.get(f).copied().unwrap_or(0)
    }

    /// Folded form of token `i`.
    pub fn form(&self, i: usize) -> &str {
        self.tokens.form(i)
    }

    /// The text between token `k - 1` and token `k`.
    pub fn gap(&self, k: usize) -> &str {
        let a = if k == 0 { 0 } else { self.toks[k - 1].span.end };
        let b = if k < self.toks.len() {
            self.toks[k].span.start
        } else {
            self.text.len()
        };
        &self.text[a..b.max(a)]
    }

    /// True when punctuation (or a quotation mark) stands between token `k - 1` and `k`.
    pub fn gap_has_punct(&self, k: usize) -> bool {
        let mut prev_space = false;
        self.gap(k).chars().any(|c| {
            // A free-standing run of tatweel (" ــ ") is written as a dash.
            let dash = c == 'ـ' && prev_space;
            prev_space = c.is_whitespace();
            dash || (!c.is_whitespace()
                && !crate::chars::is_diacritic(c)
                && !crate::chars::is_invisible(c))
        })
    }

    /// True when the gap before token `k` holds `ch`.
    pub fn gap_has(&self, k: usize, ch: char) -> bool {
        self.gap(k).contains(ch)
    }

    /// The mark opening just before token `k`, if any.
    pub fn mark_opens_before(&self, k: usize) -> bool {
        self.mark_before.get(k).is_some_and(|&m| m > 0)
    }

    /// Number of tokens inside mark `mi`.
    pub fn mark_tokens(&self, mi: usize) -> usize {
        self.tokens.range_in(self.marks[mi].content).len()
    }

    /// True when a sentence of this kind may hold quotes.
    pub fn quotable(&self, si: usize) -> bool {
        let s = &self.sents[si];
        match s.kind {
            BlockKind::Body | BlockKind::Title => true,
            // A caption or dateline line that repeats the headline is a headline.
            BlockKind::Caption | BlockKind::Dateline => self
                .title
                .is_some_and(|t| t != s.span && t.as_str(self.text) == s.span.as_str(self.text)),
            BlockKind::Clutter => false,
        }
    }
}

/// A sparse table answering "largest value in `i..k`" in constant time, built in
/// `O(n log n)`.
#[derive(Debug, Default)]
pub(crate) struct RangeMax {
    levels: Vec<Vec<usize>>,
}

impl RangeMax {
    fn new(values: Vec<usize>) -> RangeMax {
        let mut levels = vec![values];
        let mut w = 1;
        while 2 * w <= levels[0].len() {
            let prev = levels.last().expect("level 0 exists");
            let next: Vec<usize> = (0..prev.len() - w)
                .map(|i| prev[i].max(prev[i + w]))
                .collect();
            levels.push(next);
            w *= 2;
        }
        RangeMax { levels }
    }

    /// The largest value in `i..k` (0 when the range is empty).
    pub(crate) fn max(&self, i: usize, k: usize) -> usize {
        if i >= k || k > self.levels[0].len() {
            return 0;
        }
        let lvl = (usize::BITS - 1 - (k - i).leading_zeros()) as usize;
        let w = 1 << lvl;
        self.levels[lvl][i].max(self.levels[lvl][k - w])
    }
}

#[cfg(test)]
mod range_max_tests {
    use super::RangeMax;

    #[test]
    fn matches_a_scan() {
        let v: Vec<usize> = (0..100).map(|i| (i * 37 + 11) % 101).collect();
        let r = RangeMax::new(v.clone());
        for i in 0..=v.len() {
            for k in i..=v.len() {
                assert_eq!(
                    r.max(i, k),
                    v[i..k].iter().copied().max().unwrap_or(0),
                    "{i}..{k}"
                );
            }
        }
        assert_eq!(RangeMax::new(Vec::new()).max(0, 0), 0);
    }
}
