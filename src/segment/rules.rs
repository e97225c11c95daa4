//! The boundary rules: one left-to-right pass over the bytes of a region (a line, or a
//! hard-wrapped paragraph), stopping only at bytes that may start a decision.
//!
//! At each run of terminal marks (`. ! ? ؟ … ۔`, `..`, `...`, `؟!`) the rules look at a few
//! characters on each side — never further than a word — so the pass stays linear.

use super::lexicon::{AbbrClass, FoldBuf, Lexicon};
use crate::chars::{
    is_ambiguous_quote, is_arabic_letter, is_clause_punct, is_closing_mark, is_diacritic, is_digit,
    is_invisible, is_letter_or_mark,
};
use crate::span::Span;

/// Bytes at which the scanner stops: ASCII marks and the ASCII double quote, and the byte
/// that identifies a multi-byte mark (the second byte of ؟ U+061F `D8 9F` and ۔ U+06D4
/// `DB 94`, the third of … U+2026 `E2 80 A6`).
static STOP: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'"' as usize] = true;
    t[0x9F] = true;
    t[0x94] = true;
    t[0xA6] = true;
    t
};

/// The terminal mark starting at byte `i` (its length and whether it is a period).
#[inline]
fn mark_at(b: &[u8], i: usize, end: usize) -> Option<(usize, bool)> {
    match b.get(i)? {
        _ if i >= end => None,
        b'.' => Some((1, true)),
        b'!' | b'?' => Some((1, false)),
        0xD8 if b.get(i + 1) == Some(&0x9F) => Some((2, false)),
        0xDB if b.get(i + 1) == Some(&0x94) => Some((2, false)),
        0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6) => Some((3, false)),
        _ => None,
    }
}

/// A word made of letter names or single letters (بي، سي، إن، أ، ف).
fn is_letter_name(lex: &Lexicon, word: &str) -> bool {
    let Some(f) = FoldBuf::new(word) else {
        return false;
    };
    let f = f.as_str();
    f.chars().count() == 1 || lex.letter_names.contains(f)
}

/// What the scanner found at a terminal run.
enum Decision {
    /// The sentence ends at this byte; the next one starts at or after it.
    Split(usize),
    /// No boundary; scanning resumes at this byte.
    Continue(usize),
}

/// Split the region `start..end` of `text` into sentence spans (trimmed of white space,
/// blank-only pieces dropped), pushing them to `out`.
pub(crate) fn split_region(
    lex: &'static Lexicon,
    text: &str,
    start: usize,
    end: usize,
    out: &mut Vec<Span>,
) {
    let s = Scanner {
        lex,
        text,
        b: text.as_bytes(),
        end,
    };
    s.run(start, out);
}

/// The next stop byte (see [`STOP`]) at or after a position, found with three vectorised
/// searches (ASCII marks, the identifying bytes of multi-byte marks, the double quote) whose
/// results are kept until the scan passes them: the same positions as a byte-by-byte walk
/// over `STOP`, in linear time overall.
struct Stops {
    at: [usize; 3],
}

impl Stops {
    fn new(b: &[u8], start: usize, end: usize) -> Stops {
        let mut s = Stops { at: [0; 3] };
        for k in 0..3 {
            s.at[k] = Stops::find(k, b, start, end);
        }
        s
    }

    #[inline]
    fn find(k: usize, b: &[u8], from: usize, end: usize) -> usize {
        let hay = &b[from..end];
        let hit = match k {
            0 => memchr::memchr3(b'.', b'!', b'?', hay),
            1 => memchr::memchr3(0x9F, 0x94, 0xA6, hay),
            _ => memchr::memchr(b'"', hay),
        };
        hit.map_or(end, |p| from + p)
    }

    /// The first stop byte at or after `i` (`end` when none).
    #[inline]
    fn next(&mut self, b: &[u8], i: usize, end: usize) -> usize {
        for k in 0..3 {
            if self.at[k] < i {
                self.at[k] = Stops::find(k, b, i, end);
            }
        }
        self.at[0].min(self.at[1]).min(self.at[2])
    }
}

struct Scanner<'t> {
    lex: &'static Lexicon,
    text: &'t str,
    b: &'t [u8],
    end: usize,
}

impl Scanner<'_> {
    fn run(&self, start: usize, out: &mut Vec<Span>) {
        let b = self.b;
        let mut sent = start;
        let mut i = start;
        // ASCII double quotes seen since the sentence start: odd means a quote is open.
        let mut dq = 0u32;
        let mut stops = Stops::new(b, start, self.end);
        while i < self.end {
            i = stops.next(b, i, self.end);
            if i >= self.end {
                break;
            }
            debug_assert!(STOP[b[i] as usize]);
            let m = match b[i] {
                b'"' => {
                    dq += 1;
                    i += 1;
                    continue;
                }
                b'.' | b'!' | b'?' => i,
                0x9F if i > start && b[i - 1] == 0xD8 => i - 1,
                0x94 if i > start && b[i - 1] == 0xDB => i - 1,
                0xA6 if i >= start + 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x80 => i - 2,
                _ => {
                    i += 1;
                    continue;
                }
            };
            if m < sent {
                i += 1;
                continue;
            }
            let mut j = m;
            let mut marks = 0;
            let mut periods = 0;
            while let Some((len, period)) = mark_at(b, j, self.end) {
                j += len;
                marks += 1;
                periods += period as usize;
            }
            let single_period = marks == 1 && periods == 1;
            match self.decide(sent, m, j, single_period, periods > 0, dq % 2 == 1) {
                Decision::Split(at) => {
                    push_trimmed(self.text, sent, at, out);
                    sent = at;
                    i = at.max(i + 1);
                    dq = 0;
                }
                // Always move forward, whatever the rule returned.
                Decision::Continue(at) => i = at.max(i + 1),
            }
        }
        push_trimmed(self.text, sent, self.end, out);
    }

    #[inline]
    fn next_char(&self, at: usize) -> Option<char> {
        if at >= self.end {
            return None;
        }
        self.text[at..self.end].chars().next()
    }

    #[inline]
    fn prev_char(&self, at: usize) -> Option<char> {
        self.text[..at].chars().next_back()
    }

    /// Skip invisible format characters (RLM, ALM, LRE/PDF …) forward.
    fn skip_invisible(&self, mut at: usize) -> usize {
        while let Some(c) = self.next_char(at) {
            if !is_invisible(c) {
                break;
            }
            at += c.len_utf8();
        }
        at
    }

    /// The char before `at`, skipping invisible characters.
    fn prev_visible(&self, mut at: usize) -> Option<(usize, char)> {
        while let Some(c) = self.prev_char(at) {
            at -= c.len_utf8();
            if !is_invisible(c) {
                return Some((at, c));
            }
        }
        None
    }

    /// The word (letters only, at most 64 bytes) starting at `at`.
    fn word_at(&self, at: usize) -> &str {
        let rest = &self.text[at..self.end];
        let n = rest
            .char_indices()
            .find(|&(i, c)| !is_letter_or_mark(c) || i >= 64)
            .map_or(rest.len(), |(i, _)| i);
        &rest[..n]
    }

    /// The letters (at most 16 bytes; empty when more) ending at `at`.
    fn letters_before(&self, at: usize) -> &str {
        let mut s = at;
        while let Some(c) = self.prev_char(s) {
            if !is_letter_or_mark(c) {
                break;
            }
            s -= c.len_utf8();
            if at - s > 16 {
                return "";
            }
        }
        &self.text[s..at]
    }

    /// The word ending at `at` (letters with periods between letters: ق.م، U.S), at most
    /// 32 bytes, and the byte where it starts. `None` when longer.
    fn word_before(&self, at: usize) -> Option<(usize, &str)> {
        let mut s = at;
        while let Some(c) = self.prev_char(s) {
            let letter = is_letter_or_mark(c);
            let inner_dot =
                c == '.' && s < at && self.prev_char(s - 1).is_some_and(is_letter_or_mark);
            if !(letter || inner_dot) {
                break;
            }
            s -= c.len_utf8();
            if at - s > 32 {
                return None;
            }
        }
        Some((s, &self.text[s..at]))
    }

    /// True when the word after the white space at `at` starts a new sentence.
    fn starts_sentence(&self, at: usize) -> bool {
        let w = self.word_at(at);
        let Some(f) = FoldBuf::new(w) else {
            return false;
        };
        let f = f.as_str();
        (f.starts_with('و') && f.chars().count() >= 3) || self.lex.starters.contains(f)
    }

    /// True when the text after `j` (at most 160 bytes) closes a quotation that is open at
    /// `j` — a closing guillemet or curly quote, or an ASCII quote when one is open — with
    /// no other terminal mark or opening mark before it, and a continuation word follows.
    fn quote_goes_on(&self, j: usize, quote_open: bool) -> bool {
        let lim = (j + 160).min(self.end);
        let mut at = j;
        while at < lim {
            let Some(c) = self.next_char(at) else {
                return false;
            };
            at += c.len_utf8();
            match c {
                '»' | '”' => break,
                '"' if quote_open => break,
                '.' | '!' | '?' | '؟' | '…' | '۔' | '«' | '“' | '"' => return false,
                _ => {}
            }
            if at >= lim {
                return false;
            }
        }
        let next = self.skip_space(at);
        next > at && next < self.end && self.is_continuation(next, false)
    }

    /// True when the word at `at` continues a sentence after a closing quote; after a
    /// question or exclamation (`question`) prepositions do too.
    fn is_continuation(&self, at: usize, question: bool) -> bool {
        let w = self.word_at(at);
        FoldBuf::new(w).is_some_and(|f| {
            let f = f.as_str();
            self.lex.continuations.contains(f)
                || (question && self.lex.question_continuations.contains(f))
        })
    }

    /// Skip white space (not invisible characters) forward.
    fn skip_space(&self, mut at: usize) -> usize {
        while let Some(c) = self.next_char(at) {
            if !(c.is_whitespace() || is_invisible(c)) {
                break;
            }
            at += c.len_utf8();
        }
        at
    }

    /// Decide on the terminal run `m..j` of the sentence that started at `sent`.
    fn decide(
        &self,
        sent: usize,
        m: usize,
        j: usize,
        single_period: bool,
        has_period: bool,
        quote_open: bool,
    ) -> Decision {
        let after = self.skip_invisible(j);
        let nc = self.next_char(after);
        let pc = self.prev_visible(m).map(|(_, c)| c);

        if single_period {
            // Decimals, dates and times: 3.5، ١٢.٣، 12.08.2014، 10.30.
            if pc.is_some_and(is_digit) && nc.is_some_and(is_digit) {
                return Decision::Continue(j);
            }
            if let Some(nc) = nc {
                if !nc.is_whitespace() && !is_closing_mark(nc) {
                    return self.glued_period(m, j, after, pc, nc);
                }
            }
            // A lone number or letter opening the line is a list marker: "1. وقف إطلاق النار".
            let head = &self.text[sent..m];
            if head.len() <= 12 {
                let h = head.trim();
                let n = h.chars().count();
                if (1..=3).contains(&n) && h.chars().all(is_digit) {
                    return Decision::Continue(j);
                }
            }
            if let Some(class) = self.abbreviation_before(m) {
                match class {
                    AbbrClass::Title => return Decision::Continue(j),
                    AbbrClass::End => {
                        let next = self.skip_space(j);
                        if next < self.end && !self.starts_sentence(next) {
                            return Decision::Continue(j);
                        }
                    }
                }
            }
        }

        // A mark inside a quotation that closes a little further on and is followed by its
        // attribution: «لن نتراجع. هذه أرضنا» قال المتحدث … is one sentence.
        if nc.is_some_and(|c| c.is_whitespace()) && self.quote_goes_on(j, quote_open) {
            return Decision::Continue(j);
        }

        // Closing quotes and brackets after the marks belong to the sentence.
        let mut cut = after;
        let mut quoted = false;
        while let Some(c) = self.next_char(cut) {
            if is_invisible(c) {
                cut += c.len_utf8();
                continue;
            }
            if !is_closing_mark(c) {
                break;
            }
            if is_ambiguous_quote(c) {
                let follow = self.next_char(cut + c.len_utf8());
                let closes = (c == '"' && quote_open)
                    || follow.is_none_or(|f| !is_letter_or_mark(f) && !is_digit(f));
                if !closes {
                    break;
                }
            }
            quoted |= !matches!(c, ')' | ']' | '}');
            cut += c.len_utf8();
        }
        match self.next_char(cut) {
            None => Decision::Split(cut),
            Some(c) if c.is_whitespace() => {
                let next = self.skip_space(cut);
                match self.next_char(next) {
                    None => Decision::Split(cut),
                    Some(n) if is_clause_punct(n) => Decision::Continue(next),
                    Some(_) if quoted && self.is_continuation(next, !has_period) => {
                        Decision::Continue(next)
                    }
                    Some(_) => Decision::Split(cut),
                }
            }
            Some(c) if is_clause_punct(c) => Decision::Continue(cut),
            // A period and a closing quote glued to the next word: a missing space.
            Some(c) if has_period && cut > after && is_letter_or_mark(c) => Decision::Split(cut),
            Some(_) => Decision::Continue(cut.max(j)),
        }
    }

    /// A period glued to the next character (no white space after it).
    fn glued_period(
        &self,
        m: usize,
        j: usize,
        after: usize,
        pc: Option<char>,
        nc: char,
    ) -> Decision {
        if !is_letter_or_mark(nc) {
            // "«" or a glued opening quote after a word: a missing space; anything else
            // (digits, punctuation, slashes) stays inside.
            let opener =
                matches!(nc, '«' | '“' | '(') || (nc == '"' && pc.is_some_and(is_letter_or_mark));
            if opener && pc.is_some_and(|p| is_letter_or_mark(p) || is_closing_mark(p)) {
                return Decision::Split(j);
            }
            return Decision::Continue(j);
        }
        // Latin after the period: a domain, a file name, an acronym (www.spa.gov.sa، U.S).
        if nc.is_ascii_alphabetic() || !is_arabic_letter(nc) && !is_diacritic(nc) {
            return Decision::Continue(j);
        }
        let right = self.word_at(after);
        if let Some(f) = FoldBuf::new(right) {
            if self.lex.domain_words.contains(f.as_str()) {
                return Decision::Continue(j);
            }
        }
        if pc.is_some_and(is_letter_or_mark) {
            // Between letters of an acronym: ق.م، أ.ف.ب، إن.بي.سي.
            let last = self.letters_before(m);
            if !last.is_empty() && is_letter_name(self.lex, last) && is_letter_name(self.lex, right)
            {
                return Decision::Continue(j);
            }
            // A title glued to the name it stands before: د.محمد، أ.د.سعاد.
            if self.abbreviation_before(m) == Some(AbbrClass::Title) {
                return Decision::Continue(j);
            }
            // Inside a URL or an e-mail address.
            if self.in_url(m) {
                return Decision::Continue(j);
            }
        }
        Decision::Split(j)
    }

    /// True when the white-space-delimited token around `m` looks like a URL or an e-mail
    /// address (looks back at most 80 bytes).
    fn in_url(&self, m: usize) -> bool {
        let lo = m.saturating_sub(80);
        let s = memchr::memrchr3(b' ', b'\n', b'\t', &self.b[lo..m]).map_or(lo, |k| lo + k + 1);
        // `lo` may fall inside a char: the checks below only look for ASCII.
        let tok = &self.b[s..m];
        let has = |needle: &[u8]| tok.windows(needle.len()).any(|w| w == needle);
        has(b"://") || has(b"www") || tok.contains(&b'@') || tok.contains(&b'/')
    }

    /// The class of the abbreviation whose period is at `m`, if the word before is one.
    fn abbreviation_before(&self, m: usize) -> Option<AbbrClass> {
        let (ps, _) = self.prev_visible(m).map(|(p, c)| (p + c.len_utf8(), c))?;
        let (ws, word) = self.word_before(ps)?;
        // No listed abbreviation is longer than a few letters: skip the look-up for words.
        if word.is_empty() || (word.len() > 12 && !word.contains('.')) {
            return None;
        }
        let f = FoldBuf::new(word)?;
        let f = f.as_str();
        let letters = f.chars().filter(|&c| c != '.').count();
        // The word must stand alone (not the tail of a number or of something longer).
        let mut k = ws;
        while let Some(c) = self.prev_char(k) {
            if !(c.is_whitespace() || is_invisible(c)) || ws - k > 16 {
                break;
            }
            k -= c.len_utf8();
        }
        let after_number = self.prev_char(k).is_some_and(is_digit);
        if letters == 1 && matches!(f, "م" | "ه") && after_number {
            // Era marks after a year: 2015 م. / 1436 هـ.
            return Some(AbbrClass::End);
        }
        if let Some(&c) = self.lex.abbreviations.get(f) {
            return Some(c);
        }
        if letters == 1 {
            // A single Arabic or capital Latin letter: an initial (جون ف. كينيدي، J. Smith).
            // Other single symbols (º, µ) are not.
            let c = word.chars().next()?;
            if is_arabic_letter(c) || c.is_ascii_uppercase() {
                return Some(AbbrClass::Title);
            }
            return None;
        }
        if f.contains('.') && f.split('.').all(|p| is_letter_name(self.lex, p)) {
            // A dotted acronym not in the list (إن.بي.سي.).
            return Some(AbbrClass::End);
        }
        None
    }
}

/// Push `start..end` trimmed of white space, unless it is blank.
fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    if start >= end {
        return;
    }
    let s = &text[start..end];
    let t = s.trim_start();
    let a = start + (s.len() - t.len());
    let t = t.trim_end();
    if t.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
        return;
    }
    out.push(Span::new(a, a + t.len()));
}
