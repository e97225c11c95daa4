//! Quoted passages no cue claimed, offered to the rules `quote_first` and then
//! `floating_paragraph`.

use super::floating;
use super::quote_first::{self, QuoteFirst};
use crate::quotes::Raw;
use crate::quotes::view::View;
use crate::span::Span;

/// Quoted passages no cue claimed: quote-first order («…»، قال الوزير), a whole
/// paragraph in quotes continuing the previous speaker, or a passage in a sentence
/// whose cue stood too far away.
pub(crate) fn free_marks(v: &View<'_>, raws: &mut Vec<Raw>, used: &mut [bool]) {
    // Contents sorted by start with a running maximum of their ends: "is this mark inside
    // some quote's content" is one binary search.
    let mut spans: Vec<Span> = raws.iter().map(|r| r.content).collect();
    spans.sort_unstable();
    let mut max_end = Vec::with_capacity(spans.len());
    let mut m = 0;
    for s in &spans {
        m = m.max(s.end);
        max_end.push(m);
    }
    let inside = |open: usize, end: usize| {
        let i = spans.partition_point(|s| s.start <= open);
        i > 0 && max_end[i - 1] >= end
    };
    for (mi, &m) in v.marks.iter().enumerate() {
        if used[mi] {
            continue;
        }
        let Some(si) = v.sentence_of(m.content.start) else {
            continue;
        };
        if !v.quotable(si) || v.sents[si].kind == crate::segment::BlockKind::Title {
            continue;
        }
        let n = v.mark_tokens(mi);
        if n < 3 || v.is_term(mi) {
            continue;
        }
        // Inside another quote's content: part of a mixed quote.
        if inside(m.open.start, m.content.end) {
            continue;
        }
        let found = match quote_first::quote_first(v, mi, si, n) {
            QuoteFirst::Quote(r) => Some(r),
            QuoteFirst::Subject => continue,
            QuoteFirst::No => floating::floating_paragraph(v, mi, si, n),
        };
        if let Some(r) = found {
            used[mi] = true;
            raws.push(r);
        }
    }
}
