//! The whole pipeline: [`Analyzer`] runs the stages, [`Analysis`] holds their results.

use crate::quotes::{Entity, Quote, QuoteExtractor};
use crate::segment::{Sentence, Splitter};
use crate::summary::{Budget, HardWrap, Summarizer, SummarySentence};
use crate::tokens::Tokens;

/// The whole pipeline, built once and shared (`Send + Sync`).
///
/// `Analyzer::new()` (the same as `Analyzer::default()` and `Analyzer::builder().build()`)
/// follows the guidelines: every line break ends a sentence, and the summary re-joins the
/// lines of a document that looks hard-wrapped ([`HardWrap::Auto`] for its units). One
/// option, [`AnalyzerBuilder::hard_wrap`], sets both.
///
/// ```
/// use khabar::{Analyzer, HardWrap};
///
/// let text = "قال وزير النقل اليوم إن الخطة الجديدة للطرق\nجاهزة للتنفيذ. وأضاف أنها تبدأ غدا.";
/// assert_eq!(Analyzer::new().analyze(text).sentences().len(), 3);
/// let wrapped = Analyzer::builder().hard_wrap(HardWrap::On).build();
/// assert_eq!(wrapped.analyze(text).sentences().len(), 2);
/// ```
#[derive(Clone, Debug)]
pub struct Analyzer {
    splitter: Splitter,
    /// The splitter for hard-wrapped documents (see [`AnalyzerBuilder::hard_wrap`]).
    wrapped: Splitter,
    hard_wrap: HardWrap,
    quotes: QuoteExtractor,
    summarizer: Summarizer,
}

impl Default for Analyzer {
    fn default() -> Analyzer {
        Analyzer::new()
    }
}

/// The options of an [`Analyzer`] (see [`Analyzer::builder`]).
#[derive(Clone, Debug, Default)]
pub struct AnalyzerBuilder {
    hard_wrap: Option<HardWrap>,
    summarizer: Option<Summarizer>,
}

impl AnalyzerBuilder {
    /// The default options (those of [`Analyzer::new`]).
    pub fn new() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    /// Text hard-wrapped at a fixed width. With [`HardWrap::On`], or [`HardWrap::Auto`] on a
    /// document whose lines mostly break inside sentences (archives wrapped at a fixed
    /// width), the text is split with the hard-wrapped splitter, so that structure and
    /// sentences follow paragraphs rather than printed lines; the summary's units follow the
    /// same mode. Without this option line breaks end sentences ([`HardWrap::Off`] for the
    /// splitter) and the summary detects wrapped documents ([`HardWrap::Auto`]).
    pub fn hard_wrap(mut self, mode: HardWrap) -> AnalyzerBuilder {
        self.hard_wrap = Some(mode);
        self
    }

    /// Another summarizer (weights, trimming); default [`Summarizer::new`]. A hard-wrap mode
    /// set with [`AnalyzerBuilder::hard_wrap`] overrides the summarizer's own.
    pub fn summarizer(mut self, summarizer: Summarizer) -> AnalyzerBuilder {
        self.summarizer = Some(summarizer);
        self
    }

    /// Build the analyzer.
    pub fn build(&self) -> Analyzer {
        let mut summarizer = self.summarizer.clone().unwrap_or_default();
        if let Some(mode) = self.hard_wrap {
            summarizer = summarizer.with_hard_wrap(mode);
        }
        Analyzer {
            splitter: Splitter::new(),
            wrapped: Splitter::builder().hard_wrapped(true).build(),
            hard_wrap: self.hard_wrap.unwrap_or(HardWrap::Off),
            quotes: QuoteExtractor::new(),
            summarizer,
        }
    }
}

impl Analyzer {
    /// An analyzer with the built-in Arabic lexicons and default options.
    pub fn new() -> Analyzer {
        AnalyzerBuilder::new().build()
    }

    /// A builder for options.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::new()
    }

    /// The same analyzer with another hard-wrap mode, for the splitter and the summary's
    /// units (see [`AnalyzerBuilder::hard_wrap`]).
    pub fn with_hard_wrap(mut self, mode: HardWrap) -> Analyzer {
        self.hard_wrap = mode;
        self.summarizer = self.summarizer.with_hard_wrap(mode);
        self
    }

    /// The same analyzer with another summarizer (weights, hard-wrap mode of the summary's
    /// units, trimming).
    pub fn with_summarizer(mut self, summarizer: Summarizer) -> Analyzer {
        self.summarizer = summarizer;
        self
    }

    /// The sentence splitter this analyzer uses for text that is not hard-wrapped
    /// ([`Analyzer::split_titled`] picks the splitter for a given text).
    pub fn splitter(&self) -> &Splitter {
        &self.splitter
    }

    /// The sentences [`Analyzer::analyze_titled`] finds in `text` (with the splitter of this
    /// analyzer's hard-wrap mode), without the other stages.
    ///
    /// ```
    /// use khabar::Analyzer;
    ///
    /// let text = "أعلنت الوزارة الخطة. وقال الوزير إنها تبدأ غدا.";
    /// let analyzer = Analyzer::new();
    /// assert_eq!(analyzer.split_titled(text, None), analyzer.analyze(text).sentences());
    /// ```
    pub fn split_titled(&self, text: &str, title: Option<&str>) -> Vec<Sentence> {
        let splitter = if self.hard_wrap.applies_to(text) {
            &self.wrapped
        } else {
            &self.splitter
        };
        splitter.split_titled(text, title)
    }

    /// Analyze `text`: sentences, tokens and quotes. Summaries are computed on demand by
    /// [`Analysis::summary`]. Never fails and never panics on any `&str`.
    ///
    /// ```
    /// use khabar::Analyzer;
    ///
    /// let text = "قال المتحدث باسم الوزارة: «سنعلن النتائج غدا». وأكد أن اللجنة أنهت عملها.";
    /// let analyzer = Analyzer::new();
    /// let doc = analyzer.analyze(text);
    /// assert_eq!(doc.sentences().len(), 2);
    /// for q in doc.quotes() {
    ///     // Every piece is a byte span of `text`.
    ///     println!("{:?}: {}", q.kind, q.content.as_str(text));
    /// }
    /// assert!(!doc.quotes().is_empty());
    /// ```
    pub fn analyze<'a>(&'a self, text: &'a str) -> Analysis<'a> {
        self.analyze_titled(text, None)
    }

    /// Like [`Analyzer::analyze`], with the article's headline when the source gives it
    /// apart from the text (a record's `title`): a first line equal to it is the title.
    pub fn analyze_titled<'a>(&'a self, text: &'a str, title: Option<&str>) -> Analysis<'a> {
        let sentences = self.split_titled(text, title);
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

    /// The speakers' entities; [`Speaker::entity`](crate::Speaker::entity) indexes this slice.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// An extractive summary under `budget`, in document order.
    ///
    /// ```
    /// use khabar::{Analyzer, Budget};
    ///
    /// let text = "أعلنت الحكومة خطة جديدة للنقل العام في العاصمة. وتشمل الخطة خطوط حافلات \
    ///             جديدة. وقال الوزير إن التنفيذ يبدأ الشهر المقبل.";
    /// let analyzer = Analyzer::new();
    /// let doc = analyzer.analyze(text);
    /// let summary = doc.summary(Budget::Sentences(1));
    /// assert_eq!(summary.len(), 1);
    /// let words = doc.summary(Budget::Words(12));
    /// assert!(words.iter().map(|s| khabar::word_count(s.span.as_str(text))).sum::<usize>() <= 12);
    /// ```
    pub fn summary(&self, budget: Budget) -> Vec<SummarySentence> {
        self.analyzer.summarizer.summarize(
            self.text,
            &self.sentences,
            &self.tokens,
            &self.quotes,
            budget,
        )
    }
}
