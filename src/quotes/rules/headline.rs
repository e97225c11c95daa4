//! Rule `headline_colon`: a headline or lead "X: content" (بلينكن: هذه "لحظة حاسمة" …).

use crate::quotes::speaker::Phrase;
use crate::quotes::speaker::phrase::phrase_at;
use crate::quotes::view::View;
use crate::quotes::{QuoteKind, Raw, Rule, Who};
use crate::span::Span;

/// A headline or lead of the form "X: content" (بلينكن: هذه "لحظة حاسمة" …).
pub(crate) fn headline(v: &View<'_>, si: usize, used: &mut [bool]) -> Option<Raw> {
    let s = &v.sents[si];
    if si > 0 && v.sents[si - 1].paragraph == s.paragraph {
        return None;
    }
    let (a, b) = v.sent_toks[si];
    let mut colon = None;
    for k in a + 1..b.min(a + 9) {
        if v.gap_has(k, ':') {
            colon = Some(k);
            break;
        }
        let g = v.gap(k);
        if g.contains(['-', '–', '(', ')', '/', '|', '،', '.']) {
            return None;
        }
    }
    let k = colon?;
    if (a..k).any(|t| v.cue_at(t).is_some()) {
        return None;
    }
    // Outside the headline, "X:" opening a line is a speaker only with a title or an
    // organisation head (وزير الخارجية:، «الصحة»:); a bare place or name is a dateline
    // (دبي: …) or a label.
    let one_line = v
        .sents
        .get(si + 1)
        .is_none_or(|n| n.paragraph != v.sents[si].paragraph);
    let line = v.sents[si].span.as_str(v.text);
    let headline = v.sents[si].kind == crate::segment::BlockKind::Title
        || v.title.is_some_and(|t| t.as_str(v.text) == line)
        || (one_line && b - a <= 16 && !line.ends_with(['.', '،']));
    if !headline
        && !v.noun_at(a).is_some_and(|n| {
            matches!(
                n.class,
                crate::quotes::lexicon::NounClass::Title | crate::quotes::lexicon::NounClass::Org
            )
        })
    {
        return None;
    }
    let p = phrase_at(v, a, k)?;
    if k - p.end > 4 || p.kind == crate::quotes::SpeakerKind::Media {
        return None;
    }
    if (a..k).any(|t| v.form(t).chars().any(|c| c.is_ascii_digit())) {
        return None;
    }
    // A name-only prefix ("آخر تحديث:", "كلمات دلالية:") must be a name that the
    // article mentions again; a lexicon head (وزير الخارجية:، «الصحة»:) stands alone.
    if v.noun_at(p.start).is_none() {
        let last = crate::quotes::lexicon::strip_article(v.form(p.end - 1));
        let here = (a..b)
            .filter(|&t| crate::quotes::lexicon::strip_article(v.form(t)) == last)
            .count();
        if v.form_count(last) as usize <= here {
            return None;
        }
    }
    let titled = v
        .noun_at(p.start)
        .is_some_and(|n| n.class == crate::quotes::lexicon::NounClass::Title);
    let min = if titled { 2 } else { 3 };
    if b - k < min {
        return None;
    }
    let start = v.content_start(k);
    let c = v.clause(start, si);
    let mb = v.mark_before[k];
    let kind = v.kind_of(c);
    if kind == QuoteKind::Direct && mb > 0 {
        used[mb as usize - 1] = true;
    }
    Some(Raw {
        kind,
        content: c,
        cue: Some(Span::new(v.toks[a].span.start, v.toks[k - 1].span.end)),
        at: a,
        who: Who::Phrase(Phrase {
            end: p.end.min(k),
            ..p
        }),
        sentence: si,
        confidence: 0.8,
        rule: Rule::HeadlineColon,
        cuttable: false,
    })
}
