//! The splitter's word lists (`data/*.txt`), embedded at build time and parsed once.
//!
//! Every entry is stored folded ([`crate::fold::fold_str`]); look-ups fold the text's word
//! into a small stack buffer, so matching never allocates.

use std::sync::OnceLock;

// Sets of short words, probed on every candidate word of every text: a multiply-rotate
// hasher instead of SipHash (our own word lists, only probed with text words).
use crate::data::entries;
use crate::fold::{FoldChar, FoldOptions, fold_char, fold_str};
pub(crate) use crate::hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// How an abbreviation's final period behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AbbrClass {
    /// Stands before a name or a number (د. محمد): the period never ends a sentence.
    Title,
    /// May close a sentence (ق.م. وقد): the period ends it when the next word starts one.
    End,
}

/// What a clutter phrase matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ClutterKind {
    /// The whole line.
    Line,
    /// The start of the line.
    Prefix,
    /// The whole line, and everything after it is clutter too.
    Tail,
}

/// All word lists of the splitter and the document classifier.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub abbreviations: HashMap<String, AbbrClass>,
    pub letter_names: HashSet<String>,
    pub domain_words: HashSet<String>,
    pub starters: HashSet<String>,
    pub continuations: HashSet<String>,
    pub question_continuations: HashSet<String>,
    pub clutter: Vec<(ClutterKind, String)>,
    /// The first two characters of the `prefix` clutter phrases.
    pub clutter_prefix_starts: HashSet<(char, char)>,
    /// The longest `prefix` clutter phrase, in bytes.
    pub clutter_prefix_max: usize,
    pub agencies: Vec<String>,
    pub date_words: HashSet<String>,
    pub bylines: HashSet<String>,
    pub stamps: Vec<String>,
    pub captions: Vec<String>,
}

const ABBREVIATIONS: &str = include_str!("../../data/abbreviations.txt");
const LETTER_NAMES: &str = include_str!("../../data/letter_names.txt");
const DOMAIN_WORDS: &str = include_str!("../../data/domain_words.txt");
const STARTERS: &str = include_str!("../../data/sentence_starters.txt");
const CONTINUATIONS: &str = include_str!("../../data/quote_continuations.txt");
const CLUTTER: &str = include_str!("../../data/clutter.txt");
const AGENCIES: &str = include_str!("../../data/agencies.txt");
const STRUCTURE: &str = include_str!("../../data/structure.txt");

/// The folded entries of `data` whose first field is `tag`.
fn tagged(data: &str, tag: &str) -> HashSet<String> {
    entries(data)
        .filter_map(|l| {
            let (k, w) = l.split_once(char::is_whitespace)?;
            (k == tag).then(|| fold_str(w.trim()))
        })
        .collect()
}

impl Lexicon {
    /// The built-in lists, parsed on first use.
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let set = |d: &str| entries(d).map(fold_str).collect::<HashSet<_>>();
        let abbreviations = entries(ABBREVIATIONS)
            .filter_map(|l| {
                let (class, form) = l.split_once(char::is_whitespace)?;
                let class = match class {
                    "title" => AbbrClass::Title,
                    "end" => AbbrClass::End,
                    _ => return None,
                };
                Some((fold_str(form.trim()), class))
            })
            .collect();
        let clutter: Vec<(ClutterKind, String)> = entries(CLUTTER)
            .filter_map(|l| {
                let (kind, phrase) = l.split_once(char::is_whitespace)?;
                let kind = match kind {
                    "line" => ClutterKind::Line,
                    "prefix" => ClutterKind::Prefix,
                    "tail" => ClutterKind::Tail,
                    _ => return None,
                };
                Some((kind, fold_str(phrase.trim())))
            })
            .collect();
        let structure = |kind: &str| {
            entries(STRUCTURE)
                .filter_map(move |l| {
                    let (k, e) = l.split_once(char::is_whitespace)?;
                    (k == kind).then(|| fold_str(e.trim()))
                })
                .collect::<Vec<_>>()
        };
        let clutter_prefix_starts = clutter
            .iter()
            .filter(|(k, _)| *k == ClutterKind::Prefix)
            .map(|(_, p)| {
                let mut c = p.chars();
                (c.next().unwrap_or(' '), c.next().unwrap_or(' '))
            })
            .collect();
        let clutter_prefix_max = clutter
            .iter()
            .filter(|(k, _)| *k == ClutterKind::Prefix)
            .map(|(_, p)| p.len())
            .max()
            .unwrap_or(0);
        Lexicon {
            clutter_prefix_starts,
            clutter_prefix_max,
            date_words: structure("date").into_iter().collect(),
            bylines: structure("byline").into_iter().collect(),
            stamps: structure("stamp"),
            captions: structure("caption"),
            abbreviations,
            letter_names: set(LETTER_NAMES),
            domain_words: set(DOMAIN_WORDS),
            starters: set(STARTERS),
            continuations: tagged(CONTINUATIONS, "any"),
            question_continuations: tagged(CONTINUATIONS, "question"),
            clutter,
            agencies: entries(AGENCIES).map(fold_str).collect(),
        }
    }
}

/// A word folded into a fixed buffer (no allocation). Words longer than the buffer are
/// reported as `None`: no list entry is that long.
pub(crate) struct FoldBuf {
    buf: [u8; 64],
    len: usize,
}

impl FoldBuf {
    /// Fold `word` (diacritics, tatweel and invisible characters dropped).
    pub fn new(word: &str) -> Option<FoldBuf> {
        let mut b = FoldBuf {
            buf: [0; 64],
            len: 0,
        };
        for c in word.chars() {
            if let FoldChar::Char(f) = fold_char(c, FoldOptions::default()) {
                let n = f.len_utf8();
                if b.len + n > b.buf.len() {
                    return None;
                }
                f.encode_utf8(&mut b.buf[b.len..]);
                b.len += n;
            }
        }
        Some(b)
    }

    /// The folded word.
    pub fn as_str(&self) -> &str {
        // Only whole chars were written.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse() {
        let lex = Lexicon::get();
        assert_eq!(lex.abbreviations.get("ق.م"), Some(&AbbrClass::End));
        assert_eq!(lex.abbreviations.get("ا.د"), Some(&AbbrClass::Title));
        assert_eq!(lex.abbreviations.get("inc"), Some(&AbbrClass::End));
        assert!(lex.letter_names.contains("بي"));
        assert!(lex.continuations.contains("اضاف"));
        assert!(lex.question_continuations.contains("الي"));
        assert!(
            lex.clutter
                .iter()
                .any(|(k, p)| *k == ClutterKind::Tail && p == "قصص قد تهمك")
        );
    }

    #[test]
    fn foldbuf_folds_and_bounds() {
        assert_eq!(FoldBuf::new("هـ").unwrap().as_str(), "ه");
        assert_eq!(FoldBuf::new("أَضافَ").unwrap().as_str(), "اضاف");
        assert!(FoldBuf::new(&"ب".repeat(40)).is_none());
    }
}
