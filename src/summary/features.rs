//! Features of the units a summary may pick, and the embedded lexicons behind them.

use std::sync::OnceLock;

use crate::chars::is_space;
use crate::data::entries as data_lines;
use crate::fold::{FoldChar, FoldOptions, fold_char, fold_str};
use crate::quotes::Quote;
use crate::segment::BlockKind;
use crate::segment::Sentence;
use crate::span::Span;
use crate::tokens::Tokens;

use super::Features;
use super::clean::{has_unpaired_quote, is_lead_in, is_list_item, opens_inside_quote};
use super::stem::{is_letter, is_numeric, stem};
use super::units::{Unit, is_terminated};

const DF_TSV: &str = include_str!("../../data/summary/df.tsv");
const STOPWORDS: &str = include_str!("../../data/summary/stopwords.txt");
const CLUTTER: &str = include_str!("../../data/summary/clutter.txt");
const CONNECTIVES: &str = include_str!("../../data/summary/connectives.txt");

/// How many opening content words of the lead stand in for a missing title.
const PSEUDO_TITLE: usize = 6;

/// A line repeated in a document under this many words is a caption or heading.
const REPEATED_CAPTION_WORDS: usize = 20;

/// A unit under this many words is never picked (a fragment, a label, a bare question).
pub const MIN_WORDS: usize = 4;

/// A unit over this many words (a paragraph without sentence ends, a run-on list) is cut
/// at its last clause boundary within `LONG_CUT_WORDS` (60) words.
pub const LONG_UNIT_WORDS: usize = 100;

/// Where an over-long unit is cut: its last clause boundary within this many words, and
/// not before [`LONG_CUT_MIN_WORDS`].
pub const LONG_CUT_WORDS: usize = 60;
const LONG_CUT_MIN_WORDS: usize = 15;

use crate::hash::{
    FingerprintTable, FxBuild as Fx, FxHashMap as FxMap, FxHashSet as FxSet, Interner,
};

/// The embedded lexicons, parsed once per process.
struct Lexicon {
    /// Folded light stem → the index of its idf in `idfs`, or [`STOP`] for a function word
    /// (read for every distinct word of every document: one slot per look-up, no string
    /// compare).
    stems: FingerprintTable,
    /// The distinct idfs of the background table (one per document frequency).
    idfs: Vec<f64>,
    /// The idf of a stem missing from the background table (seen once).
    idf_missing: f64,
    /// Clutter phrases that must start the unit (folded).
    clutter_start: Prefixes,
    /// Clutter phrases anywhere (folded), one SIMD substring searcher each (a handful of
    /// phrases; an automaton steps through every byte of every unit and costs ten times
    /// more here).
    clutter_any: Vec<memchr::memmem::Finder<'static>>,
    /// Dangling openings (folded, single-spaced).
    connectives: Prefixes,
}

/// Phrases that a text may start with, each with its first four bytes (two Arabic letters)
/// so that most phrases are ruled out without a string compare (every unit is checked
/// against all of them).
struct Prefixes(Vec<(u32, u32, String)>);

/// The first four bytes of `b` (zero-padded), little-endian.
#[inline]
fn head4(b: &[u8]) -> u32 {
    let mut w = 0u32;
    for (k, &x) in b.iter().take(4).enumerate() {
        w |= u32::from(x) << (8 * k);
    }
    w
}

impl Prefixes {
    fn new(phrases: Vec<String>) -> Prefixes {
        Prefixes(
            phrases
                .into_iter()
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let n = p.len().min(4);
                    let mask = if n == 4 {
                        u32::MAX
                    } else {
                        (1u32 << (8 * n)) - 1
                    };
                    (head4(p.as_bytes()), mask, p)
                })
                .collect(),
        )
    }

    /// What follows each phrase that `s` starts with.
    fn rests<'s>(&'s self, s: &'s str) -> impl Iterator<Item = &'s str> + 's {
        let head = head4(s.as_bytes());
        self.0
            .iter()
            .filter(move |(h, mask, _)| head & mask == *h)
            .filter_map(move |(_, _, p)| s.strip_prefix(p.as_str()))
    }
}

/// The value the stem table holds for a function word (any other value indexes
/// [`Lexicon::idfs`]).
const STOP: u16 = u16::MAX;

/// The background document frequencies: (stem, df) pairs and the number of documents.
fn df_rows() -> (Vec<(&'static str, u32)>, f64) {
    let mut rows = Vec::with_capacity(DF_TSV.len() / 12);
    let mut docs = 1.0;
    for l in DF_TSV.lines() {
        let mut it = l.split('\t');
        let (Some(w), Some(n)) = (it.next(), it.next()) else {
            continue;
        };
        let Ok(n) = n.trim().parse::<u32>() else {
            continue;
        };
        if w == "#docs" {
            docs = f64::from(n.max(1));
        } else {
            rows.push((w, n));
        }
    }
    (rows, docs)
}

/// `ln((N + 1) / (df + 1))`, never below 0.
fn idf_of_df(df: u32, docs: f64) -> f64 {
    ((docs + 1.0) / (f64::from(df) + 1.0)).ln().max(0.0)
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let (rows, docs) = df_rows();
        let stop: Vec<String> = data_lines(STOPWORDS)
            .map(|w| stem(&fold_str(w)).to_string())
            .collect();
        let mut stems = FingerprintTable::with_capacity(rows.len() + stop.len());
        let mut idfs = Vec::new();
        let mut of_df: FxMap<u32, u16> = FxMap::default();
        for &(w, n) in &rows {
            let i = *of_df.entry(n).or_insert_with(|| {
                idfs.push(idf_of_df(n, docs));
                u16::try_from(idfs.len() - 1).expect("fewer than 65,535 document frequencies")
            });
            stems.insert(w, i);
        }
        // A function word is one whatever its frequency.
        for w in &stop {
            stems.insert(w, STOP);
        }
        let mut clutter_start = Vec::new();
        let mut clutter_any = Vec::new();
        for l in data_lines(CLUTTER) {
            match l.strip_prefix('^') {
                Some(p) => clutter_start.push(fold_str(p)),
                None => clutter_any.push(fold_str(l)),
            }
        }
        let connectives = Prefixes::new(data_lines(CONNECTIVES).map(fold_str).collect());
        let clutter_start = Prefixes::new(clutter_start);
        let clutter_any = clutter_any
            .iter()
            .map(|p| memchr::memmem::Finder::new(p.as_bytes()).into_owned())
            .collect();
        Lexicon {
            stems,
            idfs,
            idf_missing: idf_of_df(1, docs),
            clutter_start,
            clutter_any,
            connectives,
        }
    })
}

/// Parse the embedded data now (so that the first summary does not pay for it).
pub fn warm_up() {
    let _ = lexicon();
}

/// Background rarity of a folded light stem: `ln((N + 1) / (df + 1))`; a stem missing from
/// the table counts as seen once.
/// A function word ([`is_stopword`]) carries no keyword weight: 0.
#[cfg(test)]
pub fn idf(stem: &str) -> f64 {
    let lex = lexicon();
    match lex.stems.get(stem) {
        Some(STOP) => 0.0,
        Some(i) => lex.idfs[usize::from(i)],
        None => lex.idf_missing,
    }
}

/// True for a folded light stem that is a function word.
#[cfg(test)]
pub fn is_stopword(stem: &str) -> bool {
    lexicon().stems.get(stem) == Some(STOP)
}

/// What a document's stem counts for, given its entry in the stem table: `None` for a
/// function word (or a stem too short or without letters), else its idf.
fn stem_weight(lex: &Lexicon, st: &str, entry: Option<u16>) -> Option<f64> {
    if st.chars().nth(1).is_none() || is_numeric(st) {
        return None;
    }
    match entry {
        Some(STOP) => None,
        Some(i) => Some(lex.idfs[usize::from(i)]),
        None => Some(lex.idf_missing),
    }
}

/// A unit that may be picked, with its features and its keyword vector.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// Index of the first sentence.
    pub first: usize,
    /// Index of the last sentence.
    pub last: usize,
    /// Its span.
    pub span: Span,
    /// Its length in characters.
    pub chars: usize,
    /// The features.
    pub features: Features,
    /// Keyword vector: (per-document stem id, weight), sorted by id, unit length.
    pub vector: Vec<(u32, f32)>,
    /// For an over-long unit, where a sentence budget cuts it (see [`LONG_UNIT_WORDS`]).
    pub long_cut: Option<Cut>,
}

impl Candidate {
    /// The places where the unit may be cut short to fit a word or character budget, in
    /// order (computed on demand: a summary cuts at most a few units). `text` is the
    /// document the candidates were computed from.
    pub fn cuts(&self, text: &str) -> Vec<Cut> {
        cuts(text, self.span)
    }
}

/// A point where a unit may be cut: after a word, before the white space that follows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    /// Byte offset (in the text) where the shortened unit ends.
    pub end: usize,
    /// Words up to there.
    pub words: usize,
    /// Characters up to there.
    pub chars: usize,
    /// True at a clause boundary (after ، ؛ , ; : or a closing quote or bracket).
    pub clause: bool,
}

/// What one pass over a unit's text gives: its size and its folded copy with white-space
/// runs made single spaces.
struct Scan {
    /// White-space separated words (the unit of [`super::Budget::Words`]).
    words: usize,
    /// Characters.
    chars: usize,
    /// The folded text, white-space runs squashed to one space, no space at either end.
    folded: String,
    /// Letters, ASCII letters and visible characters of `folded`.
    letters: usize,
    latin: usize,
    visible: usize,
}

/// Scan the unit `span`: linear in the unit, one pass.
fn scan(text: &str, span: Span) -> Scan {
    let s = span.as_str(text);
    let opts = FoldOptions::default();
    let mut out = Scan {
        words: 0,
        chars: 0,
        folded: String::with_capacity(s.len()),
        letters: 0,
        latin: 0,
        visible: 0,
    };
    let mut pending_space = false;
    // Inside a white-space separated word.
    let mut in_word = false;
    let b = s.as_bytes();
    let mut i = 0;
    // Start of the pending run of characters that fold to themselves: copied into `folded`
    // whole when the run ends (at a space, a dropped or a changed character, or the end).
    let mut run = 0;
    while i < b.len() {
        // Decode one character; ASCII and the Arabic block (two bytes led by D8..DB) without
        // the general decoder.
        let x = b[i];
        if let Some(u) = crate::fold::block_char_at(b, i) {
            // The Arabic block (most of the text), two bytes: never white space, folded by
            // the default table (what `fold_char` does with it).
            let c = char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER);
            out.chars += 1;
            out.words += usize::from(!in_word);
            in_word = true;
            match crate::fold::fold_block_default((u - 0x0600) as usize) {
                0 => {
                    out.folded.push_str(&s[run..i]);
                    run = i + 2;
                }
                f => {
                    if pending_space {
                        out.folded.push(' ');
                        pending_space = false;
                    }
                    let f = char::from_u32(u32::from(f)).unwrap_or(c);
                    if f != c {
                        out.folded.push_str(&s[run..i]);
                        out.folded.push(f);
                        run = i + 2;
                    }
                    out.letters += usize::from(is_letter(f));
                    out.latin += usize::from(f.is_ascii_alphabetic());
                    out.visible += 1;
                }
            }
            i += 2;
            continue;
        }
        let (c, n) = if x < 0x80 {
            (char::from(x), 1)
        } else {
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            (c, c.len_utf8())
        };
        out.chars += 1;
        if is_space(c) {
            out.folded.push_str(&s[run..i]);
            run = i + n;
            pending_space = !out.folded.is_empty();
            in_word = false;
            i += n;
            continue;
        }
        out.words += usize::from(!in_word);
        in_word = true;
        match fold_char(c, opts) {
            FoldChar::Char(f) => {
                if pending_space {
                    // Only spaces and dropped characters since the last run: `run == i`.
                    out.folded.push(' ');
                    pending_space = false;
                }
                if f != c {
                    out.folded.push_str(&s[run..i]);
                    out.folded.push(f);
                    run = i + n;
                }
                out.letters += usize::from(is_letter(f));
                out.latin += usize::from(f.is_ascii_alphabetic());
                out.visible += 1;
            }
            FoldChar::Drop => {
                out.folded.push_str(&s[run..i]);
                run = i + n;
            }
        }
        i += n;
    }
    out.folded.push_str(&s[run..i]);
    out
}

/// The cut points of the unit `span` (every word end but the last; words are white-space
/// separated, as [`super::Budget::Words`] counts them). Linear in the unit.
fn cuts(text: &str, span: Span) -> Vec<Cut> {
    const TRAIL: [char; 7] = ['،', '؛', ',', ';', ':', '-', '–'];
    let s = span.as_str(text);
    let mut out = Vec::new();
    let mut words = 0;
    // The current token: (end without trailing clause punctuation, chars there), its end.
    let mut core: Option<(usize, usize)> = None;
    let mut tok_end: Option<(usize, usize)> = None;
    let mut closing = false;
    for (chars, (i, c)) in s.char_indices().enumerate() {
        if is_space(c) {
            if let Some((tend, tchars)) = tok_end.take() {
                words += 1;
                let (end, n) = core.take().unwrap_or((tend, tchars));
                out.push(Cut {
                    end: span.start + end,
                    words,
                    chars: n,
                    clause: end < tend || closing,
                });
            }
        } else {
            if !TRAIL.contains(&c) {
                core = Some((i + c.len_utf8(), chars + 1));
                closing = matches!(c, '"' | '»' | '”' | ')' | ']');
            }
            tok_end = Some((i + c.len_utf8(), chars + 1));
        }
    }
    out
}

/// All candidates of a document, in document order, with the body's size.
#[derive(Clone, Debug, Default)]
pub struct Candidates {
    /// The candidates, in document order.
    pub items: Vec<Candidate>,
    /// Words in all body units (the base of [`super::Budget::Ratio`]).
    pub body_words: usize,
}

/// Phenomenon: page furniture and bylines that the block classifier let through as body
/// (كتب: …، اقرأ أيضاً، المصدر: …، links, image file names). A start phrase counts when the
/// line is short or the phrase is followed by `:` or `-`, so that a story sentence that
/// happens to begin with the same word is kept.
fn looks_like_clutter(u: &Scan) -> bool {
    let (folded, words) = (u.folded.as_str(), u.words);
    let lex = lexicon();
    if lex
        .clutter_any
        .iter()
        .any(|f| f.find(folded.as_bytes()).is_some())
    {
        return true;
    }
    for rest in lex.clutter_start.rests(folded) {
        let next = rest.trim_start().chars().next();
        if words < 15 || matches!(next, Some(':' | '-' | '–' | '/')) {
            return true;
        }
    }
    // Phenomenon: dates, scores, file names, lists of numbers — few letters; and widgets in
    // another script (copy short url) — more Latin than Arabic letters.
    u.letters * 2 < u.visible || u.latin * 2 > u.letters
}

/// Phenomenon: headings, subtitles and photo captions that the block classifier let through
/// as body. They fill a whole line and read as a label: no sentence-final punctuation and
/// under 20 words (وزير الطاقة الإماراتي، يبدأ في الرابعة مساء ويتطرق لتطورات إقليمية), or a
/// headline's `..` ending, or under five words. Bulleted list items are body, and so is a
/// line whose quotation marks do not pair up (a quotation that runs on into the next line).
fn looks_like_heading(text: &str, sentences: &[Sentence], u: &Unit, words: usize) -> bool {
    let starts_line = u.first == 0
        || sentences
            .get(u.first - 1)
            .is_none_or(|p| p.paragraph != sentences[u.first].paragraph);
    let ends_line = sentences
        .get(u.last + 1)
        .is_none_or(|n| n.paragraph != sentences[u.last].paragraph);
    if !(starts_line && ends_line) {
        return false;
    }
    let s = u.span.as_str(text).trim();
    if s.starts_with(['•', '-', '–', '*', '·', '▪', '●']) {
        return false;
    }
    (!is_terminated(s) && words < 20 && !has_unpaired_quote(s))
        || (s.ends_with("..") && words < 12)
        || words < 5
}

/// Phenomenon: a sentence that opens with a connective or demonstrative that leans on the
/// sentence before it (لكن، كما، وهذا، من جهة أخرى …).
fn is_dangling(folded: &str) -> bool {
    let lex = lexicon();
    lex.connectives
        .rests(folded)
        .any(|r| r.is_empty() || !r.starts_with(char::is_alphanumeric))
}

/// A body unit with its stems (step 1 of [`candidates`]).
struct Raw {
    unit: usize,
    /// The unit's span without the dateline or byline it opens with.
    span: Span,
    stems: Vec<u32>,
    scan: Scan,
}

/// The document's stems: a per-document id for each distinct stem that counts, its
/// background weight (idf) and its frequency among the units kept.
struct Vocab {
    idf: Vec<f64>,
    tf: Vec<u32>,
}

impl Vocab {
    /// The norm of the document's vector (tf × idf over the kept units).
    fn doc_norm(&self) -> f64 {
        self.tf
            .iter()
            .zip(&self.idf)
            .map(|(&t, &w)| (f64::from(t) * w).powi(2))
            .sum::<f64>()
            .sqrt()
    }
}

/// Which of `n` sentences carry a quote with its speaker.
fn quoted_sentences(quotes: &[Quote], n: usize) -> Vec<bool> {
    let mut quoted = vec![false; n];
    for q in quotes.iter().filter(|q| q.speaker.is_some()) {
        if let Some(slot) = quoted.get_mut(q.sentence) {
            *slot = true;
        }
    }
    quoted
}

/// Step 1: the stems of every unit. Title units give the title's stems and lines, other
/// non-body units the first index of their text; body units become [`Raw`]s.
struct Stemmed {
    vocab: Vocab,
    raws: Vec<Raw>,
    title_ids: FxSet<u32>,
    title_lines: FxSet<String>,
    nonbody_first: FxMap<String, usize>,
}

/// The span of a unit that a summary shows: a body unit starts after the dateline or
/// byline its first sentence opens with (`سبق- الرياض:`، `القاهرة (أ ف ب) -`), and after
/// the blanks that follow it.
fn summary_span(text: &str, sentences: &[Sentence], u: &Unit) -> Span {
    let mut span = u.span;
    if u.kind != BlockKind::Body {
        return span;
    }
    if let Some(d) = sentences.get(u.first).and_then(|s| s.dateline) {
        if d.start >= span.start && d.end <= span.end {
            let rest = &text[d.end..span.end];
            span.start = span.end - rest.trim_start().len();
        }
    }
    span
}

fn stem_units(text: &str, sentences: &[Sentence], units: &[Unit], tokens: &Tokens) -> Stemmed {
    let lex = lexicon();
    // Room for the distinct stems of an ordinary article; a huge or repetitive text grows
    // the tables as it needs (a table sized by its token count would spread a few hundred
    // words over tens of megabytes, and every look-up would miss the cache).
    let vocab = (tokens.len() / 2).min(4096);
    // Pass 1: every unit's scan and its tokens' stems, each distinct stem numbered in the
    // order it first appears.
    let mut local = Interner::with_capacity(vocab);
    let mut scanned: Vec<(Span, Scan, Vec<u32>)> = Vec::with_capacity(units.len());
    for u in units {
        let span = summary_span(text, sentences, u);
        let sc = scan(text, span);
        let range = tokens.range_in(span);
        let mut stems = Vec::with_capacity(range.len());
        for ti in range {
            stems.push(local.id(stem(tokens.form(ti))));
        }
        scanned.push((span, sc, stems));
    }
    let distinct = local.into_keys();
    // Pass 2: the background table's entry of each distinct stem, in one loop of
    // independent look-ups (the processor overlaps their cache misses), then the
    // document's ids: the stems that count, numbered in the order they first appear.
    let entries: Vec<Option<u16>> = distinct
        .iter()
        .map(|st| lex.stems.fingerprint(st))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|f| lex.stems.get_fp(f))
        .collect();
    let mut idf_of: Vec<f64> = Vec::with_capacity(distinct.len());
    let ids: Vec<Option<u32>> = distinct
        .iter()
        .zip(entries)
        .map(|(st, e)| {
            stem_weight(lex, st, e).map(|w| {
                idf_of.push(w);
                idf_of.len() as u32 - 1
            })
        })
        .collect();
    let tf = vec![0; idf_of.len()];

    // Title stems (from title-kind sentences), and folded title lines to spot repeats.
    let mut title_ids: FxSet<u32> = FxSet::default();
    // Folded title lines, and the first unit index of every other non-body line's text.
    let mut title_lines: FxSet<String> = FxSet::default();
    let mut nonbody_first: FxMap<String, usize> = FxMap::default();
    let mut raws: Vec<Raw> = Vec::with_capacity(units.len());
    for (ui, (u, (span, sc, mut stems))) in units.iter().zip(scanned).enumerate() {
        // From first-appearance numbers to the document's ids, in place.
        stems.retain_mut(|l| match ids[*l as usize] {
            Some(id) => {
                *l = id;
                true
            }
            None => false,
        });
        if u.kind == BlockKind::Title {
            title_ids.extend(stems.iter().copied());
            title_lines.insert(sc.folded);
            continue;
        }
        if u.kind != BlockKind::Body {
            nonbody_first.entry(sc.folded).or_insert(ui);
            continue;
        }
        raws.push(Raw {
            unit: ui,
            span,
            stems,
            scan: sc,
        });
    }
    Stemmed {
        vocab: Vocab { idf: idf_of, tf },
        raws,
        title_ids,
        title_lines,
        nonbody_first,
    }
}

/// Step 2: the body units a summary may pick — not clutter, not a repeat of the title or
/// of a caption, not half a sentence, not a list item or a lead-in unless the body is
/// nothing else ([`super::clean`]) — in order, with their words counted and their stems
/// added to the document frequencies `tf`.
fn keep_eligible<'r>(
    text: &str,
    sentences: &[Sentence],
    units: &[Unit],
    st: &'r Stemmed,
    tf: &mut [u32],
) -> (Vec<&'r Raw>, usize) {
    let raws = &st.raws;
    let mut kept: Vec<&Raw> = Vec::with_capacity(raws.len());
    let mut aside: Vec<&Raw> = Vec::new();
    // Each unit's group: the index of the first unit with the same folded text (one look-up
    // per unit; the questions below are then answered from arrays), and each group's size.
    let group: Vec<usize> = {
        let mut first: FxMap<&str, usize> =
            FxMap::with_capacity_and_hasher(raws.len().min(4096), Fx::default());
        raws.iter()
            .enumerate()
            .map(|(k, r)| *first.entry(r.scan.folded.as_str()).or_insert(k))
            .collect()
    };
    let mut copies_of = vec![0u32; raws.len()];
    for &g in &group {
        copies_of[g] += 1;
    }
    // Each line's span, to spot a line printed twice in a row (only for a text with a copy,
    // and folded only when asked: most units have no copy, and then the answer does not
    // matter).
    let lines = if copies_of.iter().any(|&c| c > 1) {
        line_spans(sentences)
    } else {
        FxMap::default()
    };
    let is_copy = |k: usize| copies_of[group[k]] > 1;
    // Per group: the headline anywhere, or the first unit of the same text outside the body.
    let mut seen_at: Vec<(bool, Option<usize>)> = Vec::new();
    if !st.title_lines.is_empty() || !st.nonbody_first.is_empty() {
        seen_at = vec![(false, None); raws.len()];
        for (k, r) in raws.iter().enumerate() {
            if group[k] == k {
                seen_at[k] = (
                    st.title_lines.contains(&r.scan.folded),
                    st.nonbody_first.get(&r.scan.folded).copied(),
                );
            }
        }
    }
    for (k, r) in raws.iter().enumerate() {
        let u = &units[r.unit];
        // Phenomenon: a headline or caption repeated inside the body (often twice in a
        // row): short, every copy goes. A run of different sentences seen twice is a
        // duplicated passage (a pasted article twice over): its first copy stays.
        let copies = copies_of[group[k]];
        let later_copy = group[k] != k;
        let in_passage = (k > 0 && is_copy(k - 1) && group[k - 1] != group[k])
            || (k + 1 < raws.len() && is_copy(k + 1) && group[k + 1] != group[k]);
        let para = sentences[u.first].paragraph;
        let line = |p: usize| lines.get(&p).map(|s| fold_str(s.as_str(text)));
        let caption_pair = || {
            let me = line(para);
            let twin = |q: Option<usize>| q.and_then(line).is_some_and(|l| me.as_ref() == Some(&l));
            twin(para.checked_sub(1)) || twin(para.checked_add(1))
        };
        // The headline anywhere, or a caption printed before this copy.
        let seen = seen_at
            .get(group[k])
            .is_some_and(|&(title, nonbody)| title || nonbody.is_some_and(|i| i < r.unit));
        let repeated = seen
            || (copies > 1
                && (later_copy
                    || caption_pair()
                    || (!in_passage && r.scan.words < REPEATED_CAPTION_WORDS)));
        let clutter = repeated
            || r.scan.words < MIN_WORDS
            || looks_like_clutter(&r.scan)
            || looks_like_heading(text, sentences, u, r.scan.words);
        // A body unit that goes on from a non-body line it may not join (see
        // `Unit::continues`) is half a sentence: never picked.
        if clutter || u.continues {
            continue;
        }
        let s = r.span.as_str(text);
        if is_list_item(s) || is_lead_in(s) {
            aside.push(r);
        } else {
            kept.push(r);
        }
    }
    // Phenomenon: list items and the lead-ins that announce them are not summary sentences;
    // only a body that is nothing but a list (a statement given as bullet points) is
    // summarized from its items.
    if kept.is_empty() {
        kept = aside;
    }
    let body_words = count_stems(&kept, tf);
    (kept, body_words)
}

/// The span of each line (paragraph index → from its first sentence's start to its last
/// sentence's end).
fn line_spans(sentences: &[Sentence]) -> FxMap<usize, Span> {
    let mut lines: FxMap<usize, Span> = FxMap::default();
    let mut k = 0;
    while k < sentences.len() {
        let p = sentences[k].paragraph;
        let mut e = k;
        while e + 1 < sentences.len() && sentences[e + 1].paragraph == p {
            e += 1;
        }
        lines.insert(p, Span::new(sentences[k].span.start, sentences[e].span.end));
        k = e + 1;
    }
    lines
}

/// Add the stems of the `kept` units to the document frequencies `tf`; their words in all.
fn count_stems(kept: &[&Raw], tf: &mut [u32]) -> usize {
    let mut body_words = 0;
    for r in kept {
        body_words += r.scan.words;
        for &id in &r.stems {
            tf[id as usize] += 1;
        }
    }
    body_words
}

/// Step 3: each kept unit's idf-weighted stem counts, sorted by id (its vector before
/// normalising), and its raw keyword weight.
fn weigh(kept: &[&Raw], v: &Vocab) -> (Vec<Vec<(u32, f32)>>, Vec<f64>) {
    let mut kw_raw = Vec::with_capacity(kept.len());
    let mut weighted: Vec<Vec<(u32, f32)>> = Vec::with_capacity(kept.len());
    for r in kept {
        let mut sorted = r.stems.clone();
        sorted.sort_unstable();
        let mut counts: Vec<(u32, f32)> = Vec::with_capacity(sorted.len());
        for id in sorted {
            match counts.last_mut() {
                Some(last) if last.0 == id => last.1 += v.idf[id as usize] as f32,
                _ => counts.push((id, v.idf[id as usize] as f32)),
            }
        }
        let kw: f64 = counts
            .iter()
            .map(|&(id, _)| f64::from(v.tf[id as usize]).ln() * v.idf[id as usize])
            .sum::<f64>()
            / (r.scan.words as f64 + 4.0);
        kw_raw.push(kw);
        weighted.push(counts);
    }
    (weighted, kw_raw)
}

/// Step 4 — phenomenon: articles without a headline (encyclopaedia entries, archives)
/// state their topic in the lead's opening words; they stand in for the title.
fn pseudo_title(kept: &[&Raw]) -> FxSet<u32> {
    let mut seen = FxSet::default();
    if let Some(r) = kept.first() {
        for &id in &r.stems {
            if seen.len() >= PSEUDO_TITLE {
                break;
            }
            seen.insert(id);
        }
    }
    seen
}

/// Step 5: what every kept unit is scored on, document-wide.
struct Scoring<'a> {
    text: &'a str,
    sentences: &'a [Sentence],
    units: &'a [Unit],
    vocab: &'a Vocab,
    /// The norm of the document's vector (tf × idf).
    doc_norm: f64,
    /// The best raw keyword weight of the document.
    max_kw: f64,
    title_ids: &'a FxSet<u32>,
    /// Sentences that carry a quote with its speaker.
    quoted: Vec<bool>,
    /// The index of the last kept unit (at least 1).
    last: f64,
}

impl Scoring<'_> {
    /// The candidate of the `bi`-th kept unit `r`, from its weighted counts and raw keyword
    /// weight (step 3).
    fn candidate(&self, bi: usize, r: &Raw, mut counts: Vec<(u32, f32)>, kw_raw: f64) -> Candidate {
        let (text, sentences, tf, idf_of) =
            (self.text, self.sentences, &self.vocab.tf, &self.vocab.idf);
        let u = &self.units[r.unit];
        let s = r.span.as_str(text);
        // Unit vector: idf-weighted counts.
        let norm = counts
            .iter()
            .map(|&(_, w)| f64::from(w).powi(2))
            .sum::<f64>()
            .sqrt();
        let dot: f64 = counts
            .iter()
            .map(|&(id, w)| f64::from(w) * f64::from(tf[id as usize]) * idf_of[id as usize])
            .sum();
        let centroid = if norm > 0.0 && self.doc_norm > 0.0 {
            dot / (norm * self.doc_norm)
        } else {
            0.0
        };
        if norm > 0.0 {
            for c in &mut counts {
                c.1 = (f64::from(c.1) / norm) as f32;
            }
        }
        let title = if self.title_ids.is_empty() {
            0.0
        } else {
            let hit = counts
                .iter()
                .filter(|(id, _)| self.title_ids.contains(id))
                .count();
            hit as f64 / self.title_ids.len() as f64
        };
        let paragraph_start = u.first == 0
            || sentences
                .get(u.first - 1)
                .is_none_or(|p| p.paragraph != u.paragraph);
        let quote = (u.first..=u.last).any(|i| self.quoted.get(i).copied().unwrap_or(false));
        let trimmed = s.trim_end();
        let words = r.scan.words as f64;
        let features = Features {
            position: 1.0 / (1.0 + bi as f64),
            relative: bi as f64 / self.last,
            first: f64::from(u8::from(bi == 0)),
            paragraph_start: f64::from(u8::from(paragraph_start)),
            keyword: if self.max_kw > 0.0 {
                kw_raw / self.max_kw
            } else {
                0.0
            },
            centroid,
            title,
            length: words.min(40.0) / 40.0,
            words,
            short: f64::from(u8::from(r.scan.words < 6)),
            long: ((words - 60.0) / 60.0).clamp(0.0, 1.0),
            dangling: f64::from(u8::from(
                is_dangling(&r.scan.folded) || opens_inside_quote(s),
            )),
            question: f64::from(u8::from(trimmed.ends_with(['؟', '?']))),
            unterminated: f64::from(u8::from(!is_terminated(s))),
            clutter: 0.0,
            quote: f64::from(u8::from(quote)),
            redundancy: 0.0,
        };
        let mut c = Candidate {
            first: u.first,
            last: u.last,
            span: r.span,
            chars: r.scan.chars,
            features,
            vector: counts,
            long_cut: None,
        };
        c.long_cut = long_cut(text, &c);
        c
    }
}

/// Phenomenon: a unit of a hundred words or more (a paragraph without sentence ends, a
/// run-on enumeration) where an editor would keep its first sentence or two. Under a
/// sentence budget (where a unit counts as one, whatever its length) it is cut at its last
/// clause boundary (after ، ؛ : or a closing quote) within [`LONG_CUT_WORDS`] words; word
/// and character budgets pay for its length already (and cut it when it does not fit).
/// Without such a boundary it stays whole.
fn long_cut(text: &str, c: &Candidate) -> Option<Cut> {
    if (c.features.words as usize) < LONG_UNIT_WORDS {
        return None;
    }
    cuts(text, c.span)
        .into_iter()
        .rev()
        .find(|k| k.clause && (LONG_CUT_MIN_WORDS..=LONG_CUT_WORDS).contains(&k.words))
}

/// Compute the candidates of a document: stem the units (1), keep the eligible body units
/// and count document frequencies (2), weigh each unit's stems (3), fall back on the lead's
/// words for a missing title (4), and score every kept unit's features (5).
pub fn candidates(
    text: &str,
    sentences: &[Sentence],
    units: &[Unit],
    tokens: &Tokens,
    quotes: &[Quote],
) -> Candidates {
    let mut st = stem_units(text, sentences, units, tokens);
    let mut tf = std::mem::take(&mut st.vocab.tf);
    let idf = std::mem::take(&mut st.vocab.idf);
    let (kept, body_words) = keep_eligible(text, sentences, units, &st, &mut tf);
    let vocab = Vocab { idf, tf };
    let doc_norm = vocab.doc_norm();
    let (weighted, kw_raw) = weigh(&kept, &vocab);
    let max_kw = kw_raw.iter().fold(0.0f64, |m, &k| m.max(k));
    let pseudo;
    let title_ids = if st.title_ids.is_empty() && !kept.is_empty() {
        pseudo = pseudo_title(&kept);
        &pseudo
    } else {
        &st.title_ids
    };
    let quoted = quoted_sentences(quotes, sentences.len());
    let scoring = Scoring {
        text,
        sentences,
        units,
        vocab: &vocab,
        doc_norm,
        max_kw,
        title_ids,
        quoted,
        last: kept.len().saturating_sub(1).max(1) as f64,
    };
    let items = kept
        .iter()
        .zip(weighted)
        .zip(kw_raw)
        .enumerate()
        .map(|(bi, ((r, counts), kw))| scoring.candidate(bi, r, counts, kw))
        .collect();
    Candidates { items, body_words }
}

/// Cosine similarity of two unit-length sparse vectors sorted by id.
pub fn similarity(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += f64::from(a[i].1) * f64::from(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_agree_with_strip_prefix() {
        let phrases = ["ab", "a", "abcdef", "ق", "قال", "abcx", "لكن"];
        let p = Prefixes::new(phrases.iter().map(|s| s.to_string()).collect());
        for s in ["", "a", "ab", "abcdefg", "abcx", "قالت", "ق", "لكنه", "x"] {
            let want: Vec<&str> = phrases.iter().filter_map(|p| s.strip_prefix(p)).collect();
            let got: Vec<&str> = p.rests(s).collect();
            assert_eq!(got, want, "{s:?}");
        }
    }

    #[test]
    fn stem_table_fingerprints_are_unique() {
        let (rows, _) = df_rows();
        let stop: FxSet<String> = data_lines(STOPWORDS)
            .map(|w| stem(&fold_str(w)).to_string())
            .collect();
        let keys: FxSet<&str> = rows
            .iter()
            .map(|r| r.0)
            .chain(stop.iter().map(String::as_str))
            .collect();
        // One slot per distinct stem: no two share a fingerprint.
        assert_eq!(lexicon().stems.len(), keys.len());
    }

    #[test]
    fn stem_table_agrees_with_the_rows() {
        let (rows, docs) = df_rows();
        let lex = lexicon();
        for &(w, n) in rows.iter().step_by(97) {
            if !is_stopword(w) {
                assert_eq!(idf(w), idf_of_df(n, docs), "{w}");
            }
        }
        assert!(is_stopword("في"));
        assert_eq!(idf("كلمةغيرموجودةابدا"), lex.idf_missing);
    }
}
