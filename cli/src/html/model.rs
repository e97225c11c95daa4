//! What the HTML view shows of one article: the text and every span of its analysis record.
//!
//! An [`Article`] is built either from a fresh analysis (the library's
//! [`khabar::Record`]) or from a line of `khabar analyze` output (the same JSON
//! shape, read back with [`Article::from_json_with`]). Spans read back from JSON are untrusted:
//! [`Article::check`] refuses any that fall outside the text or off a character boundary,
//! so the renderer can slice the text without panicking.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;

/// A byte range `[start, end)` of the article's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Deserialize)]
pub struct Range {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
}

/// A sentence: its range, kind and paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    /// Where it is.
    pub range: Range,
    /// `title`, `caption`, `dateline`, `body` or `clutter` (anything else is shown as body).
    pub kind: String,
    /// Paragraph index.
    pub paragraph: usize,
    /// A dateline or byline inside the sentence.
    pub dateline: Option<Range>,
}

/// A quote's speaker: the mention that names it and the entity it stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QuoteSpeaker {
    /// The mention.
    pub mention: Range,
    /// Index into [`Article::speakers`].
    pub entity: usize,
}

/// A quote.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote<'a> {
    /// `direct`, `indirect` or `mixed`.
    pub kind: Cow<'a, str>,
    /// What was said.
    pub content: Range,
    /// The reporting verb or phrase.
    pub cue: Option<Range>,
    /// Who said it, when known.
    pub speaker: Option<QuoteSpeaker>,
    /// Confidence in `[0, 1]`.
    pub confidence: f64,
    /// The rule that found it.
    pub rule: Cow<'a, str>,
}

/// A speaker (entity).
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker<'a> {
    /// Fullest name.
    pub name: Cow<'a, str>,
    /// `person`, `organization`, …
    pub kind: Cow<'a, str>,
    /// Mentions in the text.
    pub mentions: Vec<Range>,
}

/// A summary sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SummaryItem {
    /// Index into [`Article::sentences`].
    pub sentence: usize,
    /// Where it is.
    pub range: Range,
}

/// One article with its analysis, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct Article<'a> {
    /// The record's id, for display (a string id as is, any other JSON value as JSON).
    pub id: String,
    /// The headline when the record gives it apart from the text.
    pub title: Option<Cow<'a, str>>,
    /// The article text.
    pub text: Cow<'a, str>,
    /// True when the text was rebuilt from the record's sentence texts (the analysis
    /// output does not carry the text between sentences: spacing there is approximate).
    pub rebuilt: bool,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Quotes.
    pub quotes: Vec<Quote<'a>>,
    /// Speakers, indexed by entity id.
    pub speakers: Vec<Speaker<'a>>,
    /// Summary sentences in document order.
    pub summary: Vec<SummaryItem>,
}

/// The display form of a record id.
pub fn id_string(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        v => v.to_string(),
    }
}

fn range(s: usize, e: usize) -> Range {
    Range { start: s, end: e }
}

impl<'a> Article<'a> {
    /// The article of a fresh analysis.
    pub fn from_record(
        id: &Value,
        title: Option<&'a str>,
        text: &'a str,
        rec: &khabar::Record<'a>,
    ) -> Article<'a> {
        Article {
            id: id_string(id),
            title: title.map(Cow::Borrowed),
            text: Cow::Borrowed(text),
            rebuilt: false,
            sentences: rec
                .sentences
                .iter()
                .map(|s| Sentence {
                    range: range(s.start, s.end),
                    kind: s.kind.as_str().to_string(),
                    paragraph: s.paragraph,
                    dateline: s.dateline.map(|d| range(d.start, d.end)),
                })
                .collect(),
            quotes: rec
                .quotes
                .iter()
                .map(|q| Quote {
                    kind: Cow::Borrowed(quote_kind(q.kind)),
                    content: range(q.content.start, q.content.end),
                    cue: q.cue.map(|c| range(c.start, c.end)),
                    speaker: q.speaker.as_ref().map(|sp| QuoteSpeaker {
                        mention: range(sp.start, sp.end),
                        entity: sp.entity,
                    }),
                    confidence: f64::from(q.confidence),
                    rule: Cow::Borrowed(q.rule),
                })
                .collect(),
            speakers: rec
                .speakers
                .iter()
                .map(|e| Speaker {
                    name: Cow::Borrowed(e.name),
                    kind: Cow::Borrowed(speaker_kind(e.kind)),
                    mentions: e.mentions.iter().map(|m| range(m.start, m.end)).collect(),
                })
                .collect(),
            summary: rec
                .summary
                .iter()
                .map(|s| SummaryItem {
                    sentence: s.sentence,
                    range: range(s.start, s.end),
                })
                .collect(),
        }
    }

    /// [`Article::from_json_with`] without an input record.
    #[cfg(test)]
    pub fn from_json(line: &str) -> Result<Article<'static>, (Value, String)> {
        Self::from_json_with(line, None)
    }

    /// The article of one line of `khabar analyze` output. The text is, in order: that of
    /// `input` (the input record the analysis was made of: `(id, text, title)`; its id must
    /// be the record's id), the record's own `text` field, or else rebuilt from the
    /// sentences' texts with spaces (or line breaks between paragraphs) in the gaps, and
    /// [`Article::rebuilt`] set. Errors name what is wrong; the record's id, when readable,
    /// comes with them.
    pub fn from_json_with(
        line: &str,
        input: Option<(Value, String, Option<String>)>,
    ) -> Result<Article<'static>, (Value, String)> {
        if !line.trim_start().starts_with('{') {
            return Err((
                Value::Null,
                "not an analysis record: a line of JSON lines must be an object".into(),
            ));
        }
        let w: WireRecord = match serde_json::from_str(line) {
            Ok(w) => w,
            Err(e) => {
                let id = serde_json::from_str::<IdOnly>(line)
                    .map(|r| r.id)
                    .unwrap_or(Value::Null);
                return Err((id, format!("not an analysis record: {e}")));
            }
        };
        let mut w = w;
        let id = w.id.clone();
        if let Some((in_id, text, title)) = input {
            if in_id != id {
                return Err((
                    id,
                    format!(
                        "the analysis record's id is not the input record's id {in_id} (the \
                         inputs must be those the analysis was made of, in the same order)"
                    ),
                ));
            }
            w.text = Some(text);
            if w.title.is_none() {
                w.title = title;
            }
        }
        w.into_article().map_err(|msg| (id, msg))
    }

    /// Check every span: inside the text, on character boundaries, `start <= end`, and
    /// every index (speaker entity, summary sentence) in range.
    pub fn check(&self) -> Result<(), String> {
        let text: &str = &self.text;
        let ok = |r: Range| {
            r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        };
        let bad = |what: String, r: Range| {
            Err(format!(
                "{what} has span {}..{}, not a character range of the {}-byte text",
                r.start,
                r.end,
                text.len()
            ))
        };
        for (i, s) in self.sentences.iter().enumerate() {
            if !ok(s.range) {
                return bad(format!("sentence {i}"), s.range);
            }
            if let Some(d) = s.dateline
                && !ok(d)
            {
                return bad(format!("the dateline of sentence {i}"), d);
            }
        }
        for (i, q) in self.quotes.iter().enumerate() {
            if !ok(q.content) {
                return bad(format!("quote {i}"), q.content);
            }
            if let Some(c) = q.cue
                && !ok(c)
            {
                return bad(format!("the cue of quote {i}"), c);
            }
            if let Some(sp) = q.speaker {
                if !ok(sp.mention) {
                    return bad(format!("the speaker of quote {i}"), sp.mention);
                }
                if sp.entity >= self.speakers.len() {
                    return Err(format!(
                        "quote {i} names speaker {} but the record has {} speakers",
                        sp.entity,
                        self.speakers.len()
                    ));
                }
            }
        }
        for (i, e) in self.speakers.iter().enumerate() {
            for m in &e.mentions {
                if !ok(*m) {
                    return bad(format!("a mention of speaker {i}"), *m);
                }
            }
        }
        for s in &self.summary {
            if !ok(s.range) {
                return bad(format!("summary sentence {}", s.sentence), s.range);
            }
        }
        Ok(())
    }

    /// The article's display title: the given headline, else its first title sentence,
    /// else the start of its first sentence, else its id.
    pub fn display_title(&self) -> &str {
        if let Some(t) = &self.title
            && !t.trim().is_empty()
        {
            return t.trim();
        }
        let first = self
            .sentences
            .iter()
            .find(|s| s.kind == "title")
            .or(self.sentences.first());
        if let Some(s) = first
            && let Some(t) = self.text.get(s.range.start..s.range.end)
        {
            let t = t.trim();
            if !t.is_empty() {
                return cut_chars(t, 120);
            }
        }
        &self.id
    }
}

/// At most `n` characters of `s`.
pub fn cut_chars(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s; // no more bytes than `n`, so no more characters
    }
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn quote_kind(k: khabar::QuoteKind) -> &'static str {
    match k {
        khabar::QuoteKind::Direct => "direct",
        khabar::QuoteKind::Indirect => "indirect",
        khabar::QuoteKind::Mixed => "mixed",
    }
}

fn speaker_kind(k: khabar::SpeakerKind) -> &'static str {
    match k {
        khabar::SpeakerKind::Person => "person",
        khabar::SpeakerKind::Organization => "organization",
        khabar::SpeakerKind::Document => "document",
        khabar::SpeakerKind::Media => "media",
        khabar::SpeakerKind::Anonymous => "anonymous",
        khabar::SpeakerKind::Group => "group",
    }
}

// The analysis record as `khabar analyze` writes it (fields it does not read are ignored).

#[derive(Deserialize)]
struct IdOnly {
    #[serde(default)]
    id: Value,
}

#[derive(Deserialize)]
struct WireSpan {
    start: usize,
    end: usize,
    #[serde(default)]
    text: Option<String>,
}

impl WireSpan {
    fn range(&self) -> Range {
        range(self.start, self.end)
    }
}

#[derive(Deserialize)]
struct WireSentence {
    start: usize,
    end: usize,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    paragraph: usize,
    #[serde(default)]
    dateline: Option<WireSpan>,
}

#[derive(Deserialize)]
struct WireSpeakerRef {
    start: usize,
    end: usize,
    #[serde(default)]
    text: Option<String>,
    entity: usize,
}

#[derive(Deserialize)]
struct WireQuote {
    #[serde(default)]
    kind: Option<String>,
    content: WireSpan,
    #[serde(default)]
    cue: Option<WireSpan>,
    #[serde(default)]
    speaker: Option<WireSpeakerRef>,
    #[serde(default)]
    confidence: Option<f64>,
    #[serde(default)]
    rule: Option<String>,
}

#[derive(Deserialize)]
struct WireEntity {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    mentions: Vec<WireSpan>,
}

#[derive(Deserialize)]
struct WireSummary {
    sentence: usize,
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct WireRecord {
    #[serde(default)]
    id: Value,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    sentences: Option<Vec<WireSentence>>,
    #[serde(default)]
    quotes: Vec<WireQuote>,
    #[serde(default)]
    speakers: Vec<WireEntity>,
    #[serde(default)]
    summary: Vec<WireSummary>,
}

/// The longest text a rebuilt record may claim (a guard against absurd offsets).
const MAX_REBUILT: usize = 64 << 20;

impl WireRecord {
    fn into_article(self) -> Result<Article<'static>, String> {
        if let Some(e) = self.error {
            return Err(format!("the analysis record is an error record: {e}"));
        }
        let Some(sentences) = self.sentences else {
            return Err(
                "the analysis record has no \"sentences\" (write it without --fields, or \
                 with sentences among them)"
                    .into(),
            );
        };
        let (text, rebuilt) = match self.text {
            Some(t) => (t, false),
            None => (rebuild(&sentences, &self.quotes, &self.speakers)?, true),
        };
        Ok(Article {
            id: id_string(&self.id),
            title: self.title.map(Cow::Owned),
            text: Cow::Owned(text),
            rebuilt,
            sentences: sentences
                .iter()
                .map(|s| Sentence {
                    range: range(s.start, s.end),
                    kind: s.kind.clone().unwrap_or_else(|| "body".into()),
                    paragraph: s.paragraph,
                    dateline: s.dateline.as_ref().map(WireSpan::range),
                })
                .collect(),
            quotes: self
                .quotes
                .into_iter()
                .map(|q| Quote {
                    kind: Cow::Owned(q.kind.unwrap_or_else(|| "direct".into())),
                    content: q.content.range(),
                    cue: q.cue.as_ref().map(WireSpan::range),
                    speaker: q.speaker.map(|sp| QuoteSpeaker {
                        mention: range(sp.start, sp.end),
                        entity: sp.entity,
                    }),
                    confidence: q.confidence.unwrap_or(f64::NAN),
                    rule: Cow::Owned(q.rule.unwrap_or_default()),
                })
                .collect(),
            speakers: self
                .speakers
                .into_iter()
                .map(|e| Speaker {
                    name: Cow::Owned(e.name),
                    kind: Cow::Owned(e.kind.unwrap_or_default()),
                    mentions: e.mentions.iter().map(WireSpan::range).collect(),
                })
                .collect(),
            summary: self
                .summary
                .iter()
                .map(|s| SummaryItem {
                    sentence: s.sentence,
                    range: range(s.start, s.end),
                })
                .collect(),
        })
    }
}

/// Rebuild a record's text from the texts its spans carry. Gaps between sentences become
/// spaces, or a line break (two for a gap of two bytes or more) where the paragraph changes.
fn rebuild(
    sentences: &[WireSentence],
    quotes: &[WireQuote],
    speakers: &[WireEntity],
) -> Result<String, String> {
    let mut pieces: Vec<(usize, usize, &str, String)> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let t = s
            .text
            .as_deref()
            .ok_or_else(|| format!("sentence {i} has no \"text\" to rebuild the article from"))?;
        pieces.push((s.start, s.end, t, format!("sentence {i}")));
    }
    for (i, q) in quotes.iter().enumerate() {
        for (sp, what) in [(Some(&q.content), "content"), (q.cue.as_ref(), "cue")] {
            if let Some(sp) = sp
                && let Some(t) = &sp.text
            {
                pieces.push((sp.start, sp.end, t, format!("the {what} of quote {i}")));
            }
        }
        if let Some(sp) = &q.speaker
            && let Some(t) = &sp.text
        {
            pieces.push((sp.start, sp.end, t, format!("the speaker of quote {i}")));
        }
    }
    for (i, e) in speakers.iter().enumerate() {
        for m in &e.mentions {
            if let Some(t) = &m.text {
                pieces.push((m.start, m.end, t, format!("a mention of speaker {i}")));
            }
        }
    }
    let len = pieces.iter().map(|p| p.1).max().unwrap_or(0);
    if len > MAX_REBUILT {
        return Err(format!(
            "a span ends at byte {len}, past any plausible text"
        ));
    }
    let mut buf = vec![b' '; len];
    let mut filled = vec![false; len];
    // Line breaks between paragraphs.
    for w in sentences.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if b.paragraph != a.paragraph && a.end < b.start && b.start <= len {
            buf[a.end] = b'\n';
            if b.start - a.end >= 2 {
                buf[a.end + 1] = b'\n';
            }
        }
    }
    for (start, end, t, what) in &pieces {
        if start > end || end - start != t.len() {
            return Err(format!(
                "{what} has span {start}..{end} but a text of {} bytes",
                t.len()
            ));
        }
        for (k, &b) in t.as_bytes().iter().enumerate() {
            let at = start + k;
            if filled[at] && buf[at] != b {
                return Err(format!(
                    "{what} disagrees with another span's text at byte {at}"
                ));
            }
            buf[at] = b;
            filled[at] = true;
        }
    }
    String::from_utf8(buf).map_err(|e| {
        format!(
            "the spans' texts do not fit together into UTF-8 text (at byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "قال الوزير إن \"الاتفاق قريب\".\n\nوأضاف أن الجولة مهمة.";

    fn fresh() -> (Value, khabar::Analyzer) {
        (Value::from("a1"), khabar::Analyzer::new())
    }

    #[test]
    fn json_round_trip_keeps_every_span() {
        let (id, an) = fresh();
        let doc = an.analyze(TEXT);
        let rec = doc.record(khabar::Budget::Sentences(1));
        let a = Article::from_record(&id, None, TEXT, &rec);
        a.check().unwrap();
        assert!(!a.quotes.is_empty(), "the test text should yield a quote");
        let mut json = serde_json::to_value(&rec).unwrap();
        json["id"] = id.clone();
        let json = json.to_string();
        let b = Article::from_json(&json).unwrap();
        b.check().unwrap();
        assert!(b.rebuilt);
        assert_eq!(a.sentences, b.sentences);
        assert_eq!(a.speakers, b.speakers);
        assert_eq!(a.summary, b.summary);
        assert_eq!(a.quotes.len(), b.quotes.len());
        for (x, y) in a.quotes.iter().zip(&b.quotes) {
            assert_eq!(
                &a.text[x.content.start..x.content.end],
                &b.text[y.content.start..y.content.end]
            );
        }
        // Sentences carry their text; the gap between paragraphs becomes line breaks.
        assert_eq!(b.text.len(), a.text.trim_end().len());
        assert!(b.text.contains("\n\n"));
    }

    #[test]
    fn the_input_record_gives_the_exact_text() {
        let (id, an) = fresh();
        let doc = an.analyze(TEXT);
        let rec = doc.record(khabar::Budget::Sentences(1));
        let mut json = serde_json::to_value(&rec).unwrap();
        json["id"] = id.clone();
        let json = json.to_string();
        let input = (id.clone(), TEXT.to_string(), Some("t".to_string()));
        let a = Article::from_json_with(&json, Some(input)).unwrap();
        assert!(!a.rebuilt);
        assert_eq!(a.text, TEXT);
        assert_eq!(a.title.as_deref(), Some("t"));
        a.check().unwrap();
        let other = (Value::from("b2"), TEXT.to_string(), None);
        let (eid, msg) = Article::from_json_with(&json, Some(other)).unwrap_err();
        assert_eq!(eid, id);
        assert!(msg.contains("not the input record's id \"b2\""), "{msg}");
    }

    #[test]
    fn a_record_with_its_text_uses_it() {
        let line = r#"{"id":"x","text":"أ ب","sentences":[{"start":0,"end":5,"text":"أ ب","kind":"body","paragraph":0}],"quotes":[],"speakers":[],"summary":[]}"#;
        let a = Article::from_json(line).unwrap();
        assert!(!a.rebuilt);
        assert_eq!(a.text, "أ ب");
        a.check().unwrap();
    }

    #[test]
    fn bad_records_say_why() {
        let err = |s: &str| Article::from_json(s).unwrap_err().1;
        let e = err("[1]");
        assert!(e.starts_with("not an analysis record"), "{e}");
        assert!(err(r#"{"id":1,"error":"boom"}"#).contains("error record: boom"));
        assert!(err(r#"{"id":1,"quotes":[]}"#).contains("no \"sentences\""));
        let (id, msg) =
            Article::from_json(r#"{"id":7,"sentences":[{"start":0,"end":9,"text":"abc"}]}"#)
                .unwrap_err();
        assert_eq!(id, Value::from(7));
        assert!(msg.contains("sentence 0 has span 0..9"), "{msg}");
        // Spans off a character boundary, or out of range, fail the check (no panic later).
        let a = Article::from_json(
            r#"{"id":2,"text":"أب","sentences":[{"start":1,"end":4}],"quotes":[]}"#,
        )
        .unwrap();
        assert!(a.check().unwrap_err().contains("sentence 0"));
        let a = Article::from_json(
            r#"{"id":3,"text":"ab","sentences":[],"quotes":[{"content":{"start":0,"end":1},"speaker":{"start":0,"end":1,"entity":4}}]}"#,
        )
        .unwrap();
        assert!(a.check().unwrap_err().contains("speaker 4"));
        // Texts that disagree where spans overlap.
        let msg = err(
            r#"{"sentences":[{"start":0,"end":2,"text":"ab"}],"quotes":[{"content":{"start":1,"end":2,"text":"x"}}]}"#,
        );
        assert!(msg.contains("disagrees"), "{msg}");
    }

    #[test]
    fn titles_fall_back_in_order() {
        let mut a = Article::from_json(
            r#"{"id":5,"text":"عنوان\nنص","sentences":[{"start":0,"end":10,"kind":"title"}]}"#,
        )
        .unwrap();
        assert_eq!(a.display_title(), "عنوان");
        a.title = Some(Cow::Borrowed(" خبر "));
        assert_eq!(a.display_title(), "خبر");
        a.title = None;
        a.sentences.clear();
        assert_eq!(a.display_title(), "5");
    }
}
