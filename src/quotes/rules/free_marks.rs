//! Rules `quote_first` and `floating_paragraph`: quoted passages no cue claimed.

use crate::quotes::lexicon::{Agree, Comp, CueType};
use crate::quotes::speaker::phrase::phrase_at;
use crate::quotes::view::View;
use crate::quotes::{QuoteKind, Raw, Rule, Who};
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
                continue;
            }
            if close_gap {
                if let Some(form) = v.cue_at(after) {
                    if matches!(form.ty, CueType::Verb) {
                        let sb = v.sent_toks[v.tok_sent[after].min(v.sents.len() - 1)].1;
                        let who = match phrase_at(v, after + 1, sb) {
                            Some(p) => Who::Phrase(p),
                            None => Who::Continue(form.agree),
                        };
                        used[mi] = true;
                        raws.push(Raw {
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
                        continue;
                    }
                }
            }
        }
        // A paragraph that is one quoted passage continues the current speaker.
        let line_start = v.line_start(m.open.start);
        if v.text[line_start..m.open.start].trim().is_empty() && n >= 4 {
            used[mi] = true;
            raws.push(Raw {
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
    }
}
