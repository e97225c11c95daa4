//! Rule `quote_first`: a quotation followed by its cue verb and speaker («…»، قال الوزير).

use crate::quotes::lexicon::{Comp, CueType};
use crate::quotes::speaker::phrase::phrase_at;
use crate::quotes::view::View;
use crate::quotes::{QuoteKind, Raw, Rule, Who};

/// What the quotation before a cue is.
pub(crate) enum QuoteFirst {
    /// A quote of the cue after it.
    Quote(Raw),
    /// A short quoted name that is the subject of the cue after it: no quotation at all.
    Subject,
    /// Neither: another rule may take it.
    No,
}

/// The unclaimed quotation `mi` (`n` tokens, in sentence `si`) followed by a finite cue
/// verb after at most a comma or a dash: its quote, with the speaker after the verb.
pub(crate) fn quote_first(v: &View<'_>, mi: usize, si: usize, n: usize) -> QuoteFirst {
    let m = v.marks[mi];
    let after = v.tokens.first_at_or_after(m.outer().end);
    let (_, b) = v.sent_toks[v.sentence_of(m.outer().end.saturating_sub(1)).unwrap_or(si)];
    // Quote-first: «…»، قال الوزير / «…»، بحسب الوزير
    if after < v.toks.len() && after < b.max(after + 1) {
        let g = &v.text[m.outer().end..v.toks[after].span.start];
        let close_gap = g
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '،' | ',' | '-' | '–'));
        // «الشركة الوطنية» أكدت في بيان أن …: a short quoted name before a cue with its
        // own complement is the cue's subject, not a quotation.
        let subject = n <= 4
            && g.chars().all(char::is_whitespace)
            && v.cue_at(after).is_some_and(|f| f.ty == CueType::Verb)
            && (after + 1..b.min(after + 8))
                .any(|t| matches!(v.comp_at(t), Some(Comp::That | Comp::Bi)));
        if subject {
            return QuoteFirst::Subject;
        }
        if close_gap {
            if let Some(form) = v.cue_at(after) {
                if matches!(form.ty, CueType::Verb) {
                    let sb = v.sent_toks[v.sent_of(after).min(v.sents.len() - 1)].1;
                    let who = match phrase_at(v, after + 1, sb) {
                        Some(p) => Who::Phrase(p),
                        None => Who::Continue(form.agree),
                    };
                    return QuoteFirst::Quote(Raw {
                        kind: QuoteKind::Direct,
                        content: m.content,
                        cue: Some(v.toks[after].span),
                        at: after,
                        who,
                        sentence: si,
                        confidence: 0.9,
                        rule: Rule::QuoteFirst,
                        cuttable: false,
                    });
                }
            }
        }
    }
    QuoteFirst::No
}
