//! Word tokens with spans into the original text and folded forms for matching.
//!
//! The text is folded once ([`crate::fold`]); words are maximal runs of letters and digits
//! of the folded copy. Each token knows its original span and its folded form, and can strip
//! the common proclitics (و ف ب ل ك and the article ال) for lexicon look-ups.

pub(crate) use crate::chars::is_word_char;
use crate::chars::{is_invisible, is_word_char_block};
use crate::fold::{FoldChar, FoldOptions, fold_char};
use crate::span::Span;

/// One word of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// The word's span in the original text (with its diacritics).
    pub span: Span,
    /// Byte range of the folded form inside [`Tokens::folded`].
    pub folded: (u32, u32),
}

/// All word tokens of a text, with the folded copy they index into.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    folded: String,
    toks: Vec<Token>,
}

impl Tokens {
    /// Tokenize `text`. One pass: each character is folded (for matching) and
    /// words are the maximal runs of word characters of the folded copy (dropped characters
    /// such as diacritics neither start nor end a word). A token's span runs from its first
    /// letter to the next character that folding keeps, so it holds the word's trailing
    /// harakat, but not trailing invisible characters (bidi marks, ZWJ …).
    pub fn new(text: &str) -> Tokens {
        let opts = FoldOptions::default();
        let b = text.as_bytes();
        let mut folded = String::with_capacity(text.len());
        let mut toks = Vec::with_capacity(text.len() / 10 + 1);
        // The open token: (original start, folded start).
        let mut open: Option<(usize, usize)> = None;
        // End of the last character of the open token that is not invisible.
        let mut end = 0;
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            let (n, c) = if x < 0x80 {
                (1, Some(char::from(x.to_ascii_lowercase())))
            } else if let Some(u) = crate::fold::block_char_at(b, i) {
                // The Arabic block, two bytes: the folding table without the decoder.
                match crate::fold::fold_block_default((u - 0x0600) as usize) {
                    // Dropped: a diacritic (kept with its word) or the Arabic letter mark.
                    0 => {
                        if u != 0x061C {
                            end = i + 2;
                        }
                        (2, None)
                    }
                    f if u32::from(f) == u => {
                        // Folds to itself: copy the two bytes.
                        if open.is_none() && is_word_char_block(u) {
                            open = Some((i, folded.len()));
                        }
                        if is_word_char_block(u) {
                            end = i + 2;
                            folded.push_str(&text[i..i + 2]);
                            i += 2;
                            continue;
                        }
                        (2, char::from_u32(u))
                    }
                    f => (2, char::from_u32(u32::from(f))),
                }
            } else if let Some(orig) = text[i..].chars().next() {
                match fold_char(orig, opts) {
                    FoldChar::Char(f) => (orig.len_utf8(), Some(f)),
                    // A dropped diacritic stays with its word; an invisible character
                    // after the word's last letter does not.
                    FoldChar::Drop => {
                        if !is_invisible(orig) {
                            end = i + orig.len_utf8();
                        }
                        (orig.len_utf8(), None)
                    }
                }
            } else {
                break;
            };
            match c {
                None => {}
                Some(c) if is_word_char(c) => {
                    if open.is_none() {
                        open = Some((i, folded.len()));
                    }
                    end = i + n;
                }
                Some(_) => {
                    if let Some((os, fs)) = open.take() {
                        toks.push(Token {
                            span: Span::new(os, end),
                            folded: (fs as u32, folded.len() as u32),
                        });
                    }
                }
            }
            if let Some(c) = c {
                folded.push(c);
            }
            i += n;
        }
        if let Some((os, fs)) = open {
            toks.push(Token {
                span: Span::new(os, end),
                folded: (fs as u32, folded.len() as u32),
            });
        }
        Tokens { folded, toks }
    }

    /// The tokens, in text order.
    #[inline]
    pub fn as_slice(&self) -> &[Token] {
        &self.toks
    }

    /// Number of tokens.
    #[inline]
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True when the text has no word.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The folded copy of the whole text ([`crate::fold::fold_str`] of it), which the
    /// tokens' folded ranges index.
    #[inline]
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// The folded form of token `i`.
    #[inline]
    pub fn form(&self, i: usize) -> &str {
        let (a, b) = self.toks[i].folded;
        &self.folded[a as usize..b as usize]
    }

    /// Index of the first token whose span starts at or after byte `offset` of the original.
    pub fn first_at_or_after(&self, offset: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < offset)
    }

    /// Token indices whose spans lie inside `span`, as a range.
    pub fn range_in(&self, span: Span) -> std::ops::Range<usize> {
        let a = self.first_at_or_after(span.start);
        let b = self.toks.partition_point(|t| t.span.end <= span.end);
        a..b.max(a)
    }
}

/// True when `s` has at least `n` characters (stops counting there).
#[inline]
pub fn has_chars(s: &str, n: usize) -> bool {
    if n == 0 {
        return true;
    }
    let mut k = 0;
    for &b in s.as_bytes() {
        // Every byte but a continuation byte (10xxxxxx) starts a character.
        if (b as i8) >= -0x40 {
            k += 1;
            if k == n {
                return true;
            }
        }
    }
    false
}

/// Strip one conjunction proclitic (و or ف) from a folded word, if what remains is at least
/// two letters.
pub fn strip_conjunction(w: &str) -> &str {
    for p in ["و", "ف"] {
        if let Some(r) = w.strip_prefix(p) {
            if has_chars(r, 2) {
                return r;
            }
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_original_spans() {
        let text = "وقالَ بلينكن، إنّ \"المحادثات\" ٣.٥";
        let t = Tokens::new(text);
        let words: Vec<&str> = t.as_slice().iter().map(|k| k.span.as_str(text)).collect();
        assert_eq!(words, ["وقالَ", "بلينكن", "إنّ", "المحادثات", "٣", "٥"]);
        assert_eq!(t.form(0), "وقال");
        assert_eq!(t.form(2), "ان");
        assert_eq!(t.form(4), "3");
    }

    #[test]
    fn word_char_fast_path_agrees_with_unicode() {
        for u in 0..0x0800u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(
                    is_word_char(c),
                    c.is_alphanumeric() || c == '_',
                    "U+{u:04X}"
                );
            }
        }
    }

    #[test]
    fn has_chars_counts_characters() {
        assert!(has_chars("", 0));
        assert!(!has_chars("", 1));
        assert!(has_chars("قال", 3));
        assert!(!has_chars("قال", 4));
        assert!(has_chars("abcd", 4));
        assert!(!has_chars("ق", 2));
    }

    #[test]
    fn clitics() {
        assert_eq!(strip_conjunction("وقال"), "قال");
        assert_eq!(strip_conjunction("ول"), "ول");
    }
}
