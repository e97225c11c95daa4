//! Rule `floating_paragraph`: a paragraph that is one quotation continues the current
//! speaker.

use crate::quotes::lexicon::Agree;
use crate::quotes::view::View;
use crate::quotes::{QuoteKind, Raw, Rule, Who};

/// The unclaimed quotation `mi` (`n` tokens, in sentence `si`) when it stands alone at the
/// start of its line and has at least four words.
pub(crate) fn floating_paragraph(v: &View<'_>, mi: usize, si: usize, n: usize) -> Option<Raw> {
    let m = v.marks[mi];
    // A paragraph that is one quoted passage continues the current speaker.
    let line_start = v.line_start(m.open.start);
    if v.text[line_start..m.open.start].trim().is_empty() && n >= 4 {
        return Some(Raw {
            kind: QuoteKind::Direct,
            content: m.content,
            cue: None,
            at: v.tokens.first_at_or_after(m.content.start),
            who: Who::Continue(Agree::Any),
            sentence: si,
            confidence: 0.6,
            rule: Rule::FloatingParagraph,
            cuttable: false,
        });
    }
    None
}
