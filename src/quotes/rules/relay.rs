//! Attribution phrases and relays matched on tokens (بحسب، حسبما ذكرت، نقلاً عن), and author
//! asides (يذكر أن): shared by the attribution rule and the cue rule.

use crate::quotes::lexicon::{AttrType, Comp, CueType};
use crate::quotes::view::View;

use super::WINDOW;

/// True when tokens from `i` spell an author aside (يذكر أن، من المقرر أن).
pub(crate) fn aside(v: &View<'_>, i: usize) -> bool {
    let f = v.form(i);
    let f0 = crate::tokens::strip_conjunction(f);
    let Some(rests) = v.lex.asides.get(f0).or_else(|| v.lex.asides.get(f)) else {
        return false;
    };
    rests.iter().any(|rest| {
        rest.iter()
            .enumerate()
            .all(|(n, w)| i + 1 + n < v.toks.len() && v.form(i + 1 + n) == w)
    })
}

/// The token after a relay set off in passing that opens at token `k` (حسبما ذكرت قناة
/// X، / كما نقلت الوكالة -): the opener, its finite cue and the source, up to the
/// punctuation that closes the aside. `None` when `k` opens no such aside.
pub(crate) fn relay_aside_end(v: &View<'_>, k: usize, b: usize) -> Option<usize> {
    let (len, _) = attribution_at(v, k, b, |ty| ty == AttrType::What)?;
    let verb = k + 1 + len;
    if verb >= b || !v.cue_at(verb).is_some_and(|c| c.ty == CueType::Verb) {
        return None;
    }
    // The aside must be set off: punctuation after the source.
    let mut e = verb + 1;
    while e < b && e - verb <= 8 && !v.gap_has_punct(e) {
        if matches!(v.comp_at(e), Some(Comp::That | Comp::Bi)) {
            return None;
        }
        e += 1;
    }
    (e < b && v.gap_has_punct(e)).then_some(e)
}

/// The attribution phrase of a type `want` accepts that starts at token `i` and ends
/// before `b` (longest first): the number of words after its first, and its type.
pub(crate) fn attribution_at(
    v: &View<'_>,
    i: usize,
    b: usize,
    want: impl Fn(AttrType) -> bool,
) -> Option<(usize, AttrType)> {
    if !v.attr_at(i) {
        return None;
    }
    let f = v.form(i);
    let cands = v
        .lex
        .attributions
        .get(f)
        .or_else(|| v.lex.attributions.get(crate::tokens::strip_conjunction(f)))?;
    cands.iter().find_map(|(rest, ty)| {
        let ok = want(*ty)
            && rest.iter().enumerate().all(|(n, w)| {
                let t = i + 1 + n;
                t < b && v.form(t) == w
            });
        ok.then_some((rest.len(), *ty))
    })
}

/// The opener of a relay aside just before the cue at token `i` (حسبما ذكرت، بحسب ما
/// أوردت), if any.
pub(crate) fn relay_opener_before(v: &View<'_>, i: usize, a: usize) -> Option<usize> {
    (i.saturating_sub(3).max(a)..i).find(|&o| v.attr_at(o))
}

/// True when a finite cue verb stands in `a..i` outside quotation marks, within the
/// [`WINDOW`] tokens before `i` (a bounded look: a sentence of many cues stays linear).
pub(crate) fn cue_before(v: &View<'_>, a: usize, i: usize) -> bool {
    (i.saturating_sub(WINDOW).max(a)..i)
        .any(|t| v.in_mark[t] == 0 && v.cue_at(t).is_some_and(|c| c.ty == CueType::Verb))
}
