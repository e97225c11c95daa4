//! The ordering step: detected quotes sorted, duplicates and quotes nested in a direct
//! quote dropped, and indirect contents cut before a sibling cue of the same sentence.

use crate::quotes::lexicon::CueType;
use crate::quotes::lexicon::Words;
use crate::quotes::view::{View, trim_clause};
use crate::quotes::{QuoteKind, Raw};
use crate::span::Span;

/// The raw quotes in the order the speaker stage reads them (by cue), each content once:
/// sorted by content, duplicate contents dropped (the earlier cue wins), indirect contents
/// cut before a sibling cue, quotes inside a direct quote's content dropped.
pub(crate) fn arrange(v: &View<'_>, mut raws: Vec<Raw>) -> Vec<Raw> {
    raws.sort_by_key(|r| (r.content.start, r.at));
    raws.dedup_by(|b, a| b.content == a.content);
    cut_siblings(v, &mut raws);
    // A quote inside another one's content (a cue inside a direct quote) is dropped.
    let mut out: Vec<Raw> = Vec::with_capacity(raws.len());
    for r in raws {
        if let Some(p) = out.last() {
            if p.content.contains(r.content) && p.kind == QuoteKind::Direct {
                continue;
            }
        }
        out.push(r);
    }
    out.sort_by_key(|r| r.at);
    out
}

/// Cut an indirect content before a sibling cue of the same sentence ("…، مؤكداً أن").
fn cut_siblings(v: &View<'_>, raws: &mut [Raw]) {
    let mut cues: Vec<(usize, usize)> = raws
        .iter()
        .filter_map(|r| r.cue.map(|c| (c.start, r.at)))
        .collect();
    cues.sort_unstable();
    for r in raws.iter_mut() {
        if !r.cuttable {
            continue;
        }
        let from = cues.partition_point(|&(s, _)| s < r.content.start);
        let mut next = cues.get(from).copied();
        // A circumstantial participle after a comma opens a new clause even when it
        // reports no content of its own ("…، مطالباً المجتمع الدولي بـ…").
        let range = v.tokens.range_in(r.content);
        for t in range.start + 1..range.end {
            if next.is_some_and(|(cs, _)| v.toks[t].span.start >= cs) {
                break;
            }
            if v.cue_at(t).is_some_and(|c| c.ty == CueType::Participle)
                && v.gap(t).contains(['،', ','])
            {
                next = Some((v.toks[t].span.start, t));
                break;
            }
        }
        let Some((cs, at)) = next else {
            continue;
        };
        if cs >= r.content.end || at >= v.toks.len() {
            continue;
        }
        // The sibling's clause opens at its connective or its fronted subject.
        let mut k = at;
        let sib = v.gap_has_punct(k)
            || v.form(k).starts_with('و')
            || v.form(k).starts_with('ف')
            || v.lex
                .cue(v.form(k))
                .is_some_and(|c| c.ty == CueType::Participle)
            || (k > 0 && v.pronoun_agree(k - 1).is_some());
        if !sib {
            continue;
        }
        while k > 0
            && v.toks[k - 1].span.start >= r.content.start
            && !v.gap_has_punct(k)
            && (v.pronoun_agree(k - 1).is_some() || v.is_word(k - 1, Words::SIBLING_CONNECTIVE))
        {
            k -= 1;
        }
        if k == 0 || v.toks[k - 1].span.end <= r.content.start {
            continue;
        }
        let mut end = v.toks[k - 1].span.end;
        // Keep a closing mark that ends the clause.
        let g = v.gap(k);
        if let Some(p) = g.find(['»', '"', '”', '“']) {
            end += p + g[p..].chars().next().map_or(0, char::len_utf8);
        }
        let c = trim_clause(v.text, Span::new(r.content.start, end));
        if !c.is_empty() {
            r.content = c;
            r.kind = v.kind_of(c);
        }
    }
}
