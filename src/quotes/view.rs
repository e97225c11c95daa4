//! The read-only document view the quote stages share: the text, its sentences and tokens,
//! the paired quotation marks, and each token's lexicon facts, computed once per document by
//! [`View::new`]; then only read (every stage takes `&View`).

use crate::hash::{FxHashMap, FxHashSet};
use crate::quotes::QuoteKind;
use crate::quotes::lexicon::ARTICLE;
use crate::quotes::lexicon::{self, Agree, Lexicon, Words};
use crate::quotes::marks::{self, Mark};
use crate::segment::{BlockKind, Sentence};
use crate::span::Span;
use crate::tokens::{Token, Tokens};

/// Shared, read-only view of one document for the quote stages.
pub(crate) struct View<'a> {
    pub text: &'a str,
    pub lex: &'a Lexicon,
    pub tokens: &'a Tokens,
    pub toks: &'a [Token],
    pub sents: &'a [Sentence],
    /// Sentence index of each token (`u32::MAX` outside every sentence); read it with
    /// [`View::sent_of`].
    tok_sent: Vec<u32>,
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
    /// Lexicon facts of each token, looked up once: an id into [`Lexicon::fact`].
    info: Vec<u16>,
    /// Definite forms used as family names somewhere (after a first name or a title).
    definite_names: std::cell::OnceCell<FxHashSet<&'a str>>,
    /// How often each article-stripped folded form occurs (built on first use).
    counts: std::cell::OnceCell<FxHashMap<&'a str, u32>>,
}

impl<'a> View<'a> {
    /// Byte offset of the start of the line holding byte `pos`.
    #[inline]
    pub(crate) fn line_start(&self, pos: usize) -> usize {
        let i = self.line_starts.partition_point(|&s| s <= pos);
        if i == 0 { 0 } else { self.line_starts[i - 1] }
    }

    /// Sentence index of token `t` (`usize::MAX` outside every sentence or past the end).
    #[inline]
    pub(crate) fn sent_of(&self, t: usize) -> usize {
        match self.tok_sent.get(t) {
            Some(&s) if s != u32::MAX => s as usize,
            _ => usize::MAX,
        }
    }

    pub(crate) fn new(
        text: &'a str,
        lex: &'a Lexicon,
        sents: &'a [Sentence],
        tokens: &'a Tokens,
    ) -> Self {
        let toks = tokens.as_slice();
        let mut tok_sent = vec![u32::MAX; toks.len()];
        let mut sent_toks = Vec::with_capacity(sents.len());
        let mut t = 0;
        for (si, s) in sents.iter().enumerate() {
            while t < toks.len() && toks[t].span.start < s.span.start {
                t += 1;
            }
            let a = t;
            while t < toks.len() && toks[t].span.end <= s.span.end {
                tok_sent[t] = si as u32;
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
        let info = (0..toks.len())
            .map(|i| lex.fact_id(tokens.form(i)))
            .collect();
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
        View {
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

    /// True when token `i`, as written, is a grammar word of a class in `w`
    /// (`data/quotes/grammar.txt`).
    #[inline]
    pub fn is_word(&self, i: usize, w: Words) -> bool {
        self.lex.fact(self.info[i]).words.has(w)
    }

    /// True when token `i` without its conjunction و/ف is a grammar word of a class in `w`.
    #[inline]
    pub fn is_bare_word(&self, i: usize, w: Words) -> bool {
        self.lex.fact(self.info[i]).bare.has(w)
    }

    /// The agreement carried by a pronoun-suffixed connective at token `i` (لكنه → ms,
    /// لكنها → fs, لكنهم → mp), conjunction و/ف stripped.
    #[inline]
    pub fn pronoun_agree(&self, i: usize) -> Option<Agree> {
        let b = self.lex.fact(self.info[i]).bare;
        if b.has(Words::PRONOUN_MS) {
            Some(Agree::Ms)
        } else if b.has(Words::PRONOUN_FS) {
            Some(Agree::Fs)
        } else if b.has(Words::PRONOUN_MP) {
            Some(Agree::Mp)
        } else {
            None
        }
    }

    /// The cue form of token `i`.
    #[inline]
    pub fn cue_at(&self, i: usize) -> Option<lexicon::CueForm> {
        self.lex.fact(self.info[i]).cue
    }

    /// The complementizer class of token `i`.
    #[inline]
    pub fn comp_at(&self, i: usize) -> Option<lexicon::Comp> {
        self.lex.fact(self.info[i]).comp
    }

    /// The noun class of token `i`.
    #[inline]
    pub fn noun_at(&self, i: usize) -> Option<lexicon::Noun> {
        self.lex.fact(self.info[i]).noun
    }

    /// True when token `i` ends a speaker phrase.
    #[inline]
    pub fn stop_at(&self, i: usize) -> bool {
        self.lex.fact(self.info[i]).stop
    }

    /// True when an attribution phrase may start at token `i` (its form, or its form
    /// without a conjunction, is a key of [`Lexicon::attributions`]).
    #[inline]
    pub fn attr_at(&self, i: usize) -> bool {
        self.lex.fact(self.info[i]).attr
    }

    /// True when token `i` is in some lexicon.
    #[inline]
    pub fn known_at(&self, i: usize) -> bool {
        self.lex.fact(self.info[i]).known
    }

    /// True when the definite form `f` (الصفدي) stands somewhere right after a first name
    /// or a title (أيمن الصفدي، الوزير الصفدي): a family name, not a common noun (التمر).
    pub fn definite_name(&self, f: &str) -> bool {
        let set = self.definite_names.get_or_init(|| {
            let mut set = FxHashSet::default();
            for i in 1..self.toks.len() {
                let w = self.tokens.form(i);
                if !w.starts_with(ARTICLE) || self.lex.fact(self.info[i]).known {
                    continue;
                }
                let p = i - 1;
                let prev = self.tokens.form(p);
                let title = self
                    .lex
                    .fact(self.info[p])
                    .noun
                    .is_some_and(|n| n.class == lexicon::NounClass::Title);
                let first_name = || {
                    !self.lex.fact(self.info[p]).known
                        && self.lex.fact(self.info[p]).noun.is_none()
                        && !prev.starts_with(ARTICLE)
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
    #[inline]
    pub fn form(&self, i: usize) -> &str {
        self.tokens.form(i)
    }

    /// The text between token `k - 1` and token `k`.
    #[inline]
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
    #[inline]
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
    #[inline]
    pub fn gap_has(&self, k: usize, ch: char) -> bool {
        self.gap(k).contains(ch)
    }

    /// The mark opening just before token `k`, if any.
    #[inline]
    pub fn mark_opens_before(&self, k: usize) -> bool {
        self.mark_before.get(k).is_some_and(|&m| m > 0)
    }

    /// Number of tokens inside mark `mi`.
    #[inline]
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

impl View<'_> {
    /// Content start at token `k`, including a quotation mark glued before it.
    #[inline]
    pub(crate) fn content_start(&self, k: usize) -> usize {
        match self.mark_before.get(k) {
            Some(&m) if m > 0 => self.marks[m as usize - 1].open.start,
            _ => self.toks[k].span.start,
        }
    }

    /// The sentence holding byte `pos`.
    #[inline]
    pub(crate) fn sentence_of(&self, pos: usize) -> Option<usize> {
        let i = self.sents.partition_point(|s| s.span.end <= pos);
        (i < self.sents.len() && self.sents[i].span.start <= pos).then_some(i)
    }

    /// The reported clause from byte `start` to the end of sentence `si` (without the final
    /// punctuation), extended to the closing mark of a quote that opens inside it.
    pub(crate) fn clause(&self, start: usize, si: usize) -> Span {
        let mut end = self.sents[si].span.end;
        // A closed quotation opening inside the clause carries it to its closing mark: the
        // furthest such end, by a range-maximum query (a scan per cue would be quadratic on
        // a long sentence with many cues and marks).
        let i = self.marks.partition_point(|m| m.open.start < start);
        let k = self.marks.partition_point(|m| m.open.start < end);
        end = end.max(self.mark_ends.max(i, k));
        trim_clause(self.text, Span::new(start.min(end), end))
    }

    /// Marks that open inside `start..end` (a binary search; marks are in text order).
    pub(crate) fn marks_in(&self, start: usize, end: usize) -> impl Iterator<Item = &Mark> {
        let i = self.marks.partition_point(|m| m.open.start < start);
        self.marks[i..]
            .iter()
            .take_while(move |m| m.open.start < end)
    }

    /// The mark whose opening mark starts at byte `pos`.
    #[inline]
    pub(crate) fn mark_at(&self, pos: usize) -> Option<usize> {
        let i = self.marks.partition_point(|m| m.open.start < pos);
        (i < self.marks.len() && self.marks[i].open.start == pos).then_some(i)
    }

    /// Indirect, or mixed when a speech mark stands inside.
    pub(crate) fn kind_of(&self, c: Span) -> QuoteKind {
        // Marks are in text order: only the first mark inside can open at `c.start`.
        match self.marks_in(c.start, c.end).next() {
            None => QuoteKind::Indirect,
            Some(m) if m.open.start == c.start && m.close.is_some_and(|cl| cl.end >= c.end) => {
                QuoteKind::Direct
            }
            Some(_) => QuoteKind::Mixed,
        }
    }

    /// True when mark `mi` quotes a name or term, not speech (حركة "حماس"، ما وصفه بـ«…»).
    pub(crate) fn is_term(&self, mi: usize) -> bool {
        let m = &self.marks[mi];
        let k = self.tokens.first_at_or_after(m.open.start);
        if k == 0 {
            return false;
        }
        let prev = self.form(k - 1);
        let glued = self.toks[k - 1].span.end == m.open.start
            || self.text[self.toks[k - 1].span.end..m.open.start]
                .chars()
                .all(|c| c == 'ـ' || c.is_whitespace());
        self.lex.is_term_trigger(prev) && (glued || self.mark_tokens(mi) <= 6)
    }

    /// The paragraph after sentence `si`'s line, for "وقال:" at a line end.
    /// Phenomenon: a colon that ends a sentence but not its line (`قال المتحدث: (…). وأوضح
    /// أن …` — the colon's words lost to a broken character run, the line going on with
    /// other sentences): the next paragraph is not its content, since what follows on the
    /// same line comes first. True when sentence `si` is the last of its paragraph.
    pub(crate) fn ends_paragraph(&self, si: usize) -> bool {
        self.next_para.get(si).is_some_and(|&n| n == si + 1)
    }

    pub(crate) fn next_paragraph(&self, si: usize) -> Option<(Span, Option<usize>)> {
        let n = self.next_para[si];
        if n >= self.sents.len() {
            return None;
        }
        let end = self.sents[self.next_para[n] - 1].span.end;
        let start = self.sents[n].span.start;
        let k = self.tokens.first_at_or_after(start);
        if k < self.toks.len() && self.mark_before[k] > 0 {
            let mi = self.mark_before[k] as usize - 1;
            if self.marks[mi].open.start == start {
                return Some((self.marks[mi].content, Some(mi)));
            }
        }
        Some((trim_clause(self.text, Span::new(start, end)), None))
    }
}

/// Drop outer quotation marks of a span.
pub(crate) fn strip_marks(ctx: &View<'_>, c: Span) -> Span {
    ctx.mark_at(c.start).map_or(c, |mi| ctx.marks[mi].content)
}

/// Trim white space and final punctuation (. ، ؛ : and a dangling opening mark) from a clause.
pub(crate) fn trim_clause(text: &str, s: Span) -> Span {
    let s = s.trim(text);
    let t = s.as_str(text);
    let t2 = t.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | '،' | ',' | '؛' | ';' | ':' | '-' | '–' | '«')
    });
    Span::new(s.start, s.start + t2.len())
}

/// A sparse table answering "largest value in `i..k`" in constant time: the values (byte
/// offsets, 32 bits) and a sparse table over the maxima of blocks of [`RangeMax::BLOCK`]
/// values, `O(n)` memory in all (a sparse table over the values themselves would take
/// `n log n` words).
#[derive(Debug, Default)]
pub(crate) struct RangeMax {
    values: Vec<u32>,
    /// Level `l` holds the maximum of `2^l` blocks from each block on.
    levels: Vec<Vec<u32>>,
}

impl RangeMax {
    const BLOCK: usize = 16;

    fn new(values: Vec<usize>) -> RangeMax {
        let values: Vec<u32> = values
            .into_iter()
            .map(|v| u32::try_from(v).unwrap_or(u32::MAX))
            .collect();
        let blocks: Vec<u32> = values
            .chunks(Self::BLOCK)
            .map(|c| c.iter().copied().max().unwrap_or(0))
            .collect();
        let mut levels = vec![blocks];
        let mut w = 1;
        while 2 * w <= levels[0].len() {
            let prev = levels.last().expect("level 0 exists");
            let next: Vec<u32> = (0..prev.len() - w)
                .map(|i| prev[i].max(prev[i + w]))
                .collect();
            levels.push(next);
            w *= 2;
        }
        RangeMax { values, levels }
    }

    /// The largest value in `i..k` (0 when the range is empty).
    pub(crate) fn max(&self, i: usize, k: usize) -> usize {
        if i >= k || k > self.values.len() {
            return 0;
        }
        let scan = |a: usize, b: usize| self.values[a..b].iter().copied().max().unwrap_or(0);
        // Whole blocks bi..bk from the table; the partial blocks at both ends (fewer than
        // 2 × BLOCK values) are scanned.
        let bi = i.div_ceil(Self::BLOCK);
        let bk = k / Self::BLOCK;
        let m = if bi >= bk {
            scan(i, k)
        } else {
            let lvl = (usize::BITS - 1 - (bk - bi).leading_zeros()) as usize;
            let w = 1 << lvl;
            let whole = self.levels[lvl][bi].max(self.levels[lvl][bk - w]);
            whole
                .max(scan(i, bi * Self::BLOCK))
                .max(scan(bk * Self::BLOCK, k))
        };
        m as usize
    }
}

#[cfg(test)]
mod range_max_tests {
    use super::RangeMax;

    #[test]
    fn matches_a_scan() {
        let v: Vec<usize> = (0..300).map(|i| (i * 37 + 11) % 301).collect();
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
