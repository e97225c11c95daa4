//! Byte spans into the caller's original text.

pub(crate) use crate::chars::is_blank;

/// A half-open byte range `start..end` into the original text, always on char boundaries.
///
/// Every result khabar returns is a `Span`: the text is borrowed, never rewritten.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes). `start <= end` is the caller's contract.
    #[inline]
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    #[inline]
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The covered text. Panics only if the span does not belong to `text`.
    #[inline]
    pub fn as_str<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// True when `other` lies entirely inside `self`.
    #[inline]
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The same span without leading and trailing white space (and invisible format
    /// characters such as RLM or ZWJ) of `text`.
    pub fn trim(&self, text: &str) -> Span {
        let s = self.as_str(text);
        let t = s.trim_start_matches(is_blank);
        let start = self.start + (s.len() - t.len());
        let t = t.trim_end_matches(is_blank);
        Span::new(start, start + t.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_keeps_boundaries() {
        let text = " \u{200f} قال الوزير. \n";
        let s = Span::new(0, text.len()).trim(text);
        assert_eq!(s.as_str(text), "قال الوزير.");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }

    #[test]
    fn trim_all_blank_is_empty() {
        let text = "  \t ";
        assert!(Span::new(0, text.len()).trim(text).is_empty());
    }
}
