//! Rules `attribution_phrase` and `attribution_after_quote`: an attribution phrase (بحسب
//! الوزارة، على حد تعبيره، حسبما قال X) with its host clause or the quotation before it.

use crate::quotes::lexicon::{Agree, AttrType, Comp, CueType, Words};
use crate::quotes::lexicon::{FA, WA};
use crate::quotes::rules::cue::cue_quote;
use crate::quotes::rules::relay::{attribution_at, cue_before, relay_aside_end};
use crate::quotes::speaker::Phrase;
use crate::quotes::speaker::phrase::{classify, phrase_at};
use crate::quotes::speaker::subject::skip_time;
use crate::quotes::view::{View, strip_marks, trim_clause};
use crate::quotes::{QuoteKind, Raw, Rule, Who};
use crate::span::Span;

/// An attribution phrase at token `i` (بحسب الوزارة، على حد تعبيره، حسبما قال X).
pub(crate) fn attribution(
    v: &View<'_>,
    i: usize,
    si: usize,
    used: &mut [bool],
) -> Option<(Raw, usize)> {
    if !v.attr_at(i) {
        return None;
    }
    let (a, b) = v.sent_toks[si];
    let (len, ty) = attribution_at(v, i, b, |_| true)?;
    let mut j = i + 1 + len;
    // "وفقاً لـ" written apart or glued: the source may carry the ل.
    let cue_at;
    let who;
    match ty {
        AttrType::Source => {
            // A source written with a glued ل must be a lexicon noun (وفقاً للوزارة),
            // not any noun (وفقاً لتوجيهات الرئيس: "following the directives").
            let glued = j < b && v.form(j).starts_with('ل') && len == 0;
            let p = if glued {
                glued_phrase(v, j, b)?
            } else {
                phrase_at(v, j, b).or_else(|| glued_phrase(v, j, b))?
            };
            who = Who::Phrase(p);
            cue_at = i;
            j = p.end;
        }
        AttrType::What => {
            if j >= b {
                return None;
            }
            // Inside a cue's clause, a relay set off by punctuation is the channel of
            // that cue's speech (وأكد الوزير، حسبما ذكرت قناة X، أن …).
            if relay_aside_end(v, i, b).is_some() && cue_before(v, a, i) {
                return None;
            }
            // "بحسب ما أعلنه الاتحاد": the verb with its object pronoun.
            let form = v.cue_at(j).or_else(|| {
                let f = v.form(j);
                let bare = f.strip_suffix("ته").or_else(|| f.strip_suffix('ه'))?;
                v.lex.cue(bare).or_else(|| v.lex.cue(&format!("{bare}ت")))
            })?;
            if form.ty != CueType::Verb {
                return None;
            }
            // A cue with its own complement is an ordinary quote (كما أكد أن …).
            if let Some(r) = cue_quote(v, j, si, used) {
                return Some((r, j + 1));
            }
            cue_at = j;
            let s0 = skip_time(v, j + 1, b);
            match phrase_at(v, s0, b) {
                Some(p) => {
                    who = Who::Phrase(p);
                    j = p.end;
                }
                None => {
                    who = Who::Continue(form.agree);
                    j += 1;
                }
            }
        }
        AttrType::Pronoun => {
            let last = v.form(i + len);
            let ag = if last.ends_with("ها") {
                Agree::Fs
            } else if last.ends_with("هم") {
                Agree::Mp
            } else {
                Agree::Ms
            };
            who = Who::Continue(ag);
            cue_at = i;
        }
    }
    let at_start = i == a || (i == a + 1 && matches!(v.form(a), WA | FA));
    let content = if at_start && ty != AttrType::Pronoun {
        // Fronted: "وبحسب الوزارة، فإن …" — the content follows, after the source's
        // relative clause if any (وفقاً للأرقام التي أعلنتها الوزارة، فإن …).
        let mut k = j;
        let mut c = j;
        while c < b && c - j < 15 && !v.gap(c).contains(['،', ',']) {
            c += 1;
        }
        if c < b && c - j < 15 {
            k = c;
        }
        if k < b && matches!(v.comp_at(k), Some(Comp::Fa | Comp::That)) {
            k += 1;
        }
        if k >= b {
            return None;
        }
        // "وبحسب وكالة X، فقد أكد الرئيس أن …": the clause has its own cue and speaker,
        // the innermost source; the outlet is no quote of its own.
        let mut c = k;
        while c < b && c - k < 3 && v.is_word(c, Words::FRONTED_PARTICLE) {
            c += 1;
        }
        if c < b && v.cue_at(c).is_some_and(|f| f.ty == CueType::Verb) {
            return None;
        }
        v.clause(v.content_start(k), si)
    } else {
        // Quote-first: "«…»، حسب قولهم" — the passage just before is the content
        // (none when the phrase opens the text).
        if i == 0 {
            return None;
        }
        let (gs, ge) = (v.toks[i - 1].span.end, v.toks[i].span.start);
        let next = v.marks.partition_point(|m| m.outer().end <= gs);
        let prev_mark = v.marks.get(next).and_then(|m| {
            m.close
                .is_some_and(|c| c.start >= gs && c.end <= ge)
                .then_some(next)
        });
        if let Some(mi) = prev_mark {
            if !used[mi] && v.mark_tokens(mi) >= 3 {
                used[mi] = true;
                return Some((
                    Raw {
                        kind: QuoteKind::Direct,
                        content: v.marks[mi].content,
                        cue: Some(Span::new(
                            v.toks[i].span.start,
                            v.toks[(i + len).min(b - 1)].span.end,
                        )),
                        at: i,
                        who,
                        sentence: v.sentence_of(v.marks[mi].content.start).unwrap_or(si),
                        confidence: 0.8,
                        rule: Rule::AttributionAfterQuote,
                        cuttable: false,
                    },
                    j,
                ));
            }
        }
        // Post-posed: "…، بحسب الوزارة." — the host clause before it; a clause that is
        // itself a cue's quote (وأضاف: «…»، وفقاً لـ…) is not taken twice.
        if (a..i).any(|t| v.lex.cue(v.form(t)).is_some_and(|c| c.ty != CueType::Noun)) {
            return None;
        }
        // No word before the phrase: no host clause (and no inverted span).
        if a >= i {
            return None;
        }
        let start = v.toks[a].span.start;
        let end = v.toks[i - 1].span.end;
        let mut c = Span::new(start, end);
        // A closing mark glued to the clause stays with it.
        let g = v.gap(i);
        if let Some(p) = g.find(['»', '"', '”', '“']) {
            c.end = end + p + g[p..].chars().next().map_or(0, char::len_utf8);
        }
        trim_clause(v.text, c)
    };
    if v.tokens.range_in(content).len() < 2 {
        return None;
    }
    let mut kind = v.kind_of(content);
    if kind == QuoteKind::Direct {
        if let Some(mi) = v.mark_at(content.start) {
            used[mi] = true;
            kind = QuoteKind::Direct;
        }
    }
    let content = if kind == QuoteKind::Direct {
        strip_marks(v, content)
    } else {
        content
    };
    let cue_end = if ty == AttrType::Source || ty == AttrType::Pronoun {
        v.toks[i + len]
            .span
            .end
            .min(v.toks[(j.max(i + 1)) - 1].span.end)
    } else {
        v.toks[cue_at].span.end
    };
    Some((
        Raw {
            kind,
            content,
            cue: Some(Span::new(
                v.toks[i].span.start,
                cue_end.max(v.toks[i].span.end),
            )),
            at: i,
            who,
            sentence: si,
            confidence: 0.75,
            rule: Rule::AttributionPhrase,
            cuttable: false,
        },
        j,
    ))
}

/// A source written with a glued ل (وفقاً للوزارة، لرويترز).
pub(crate) fn glued_phrase(v: &View<'_>, j: usize, b: usize) -> Option<Phrase> {
    if j >= b {
        return None;
    }
    let f = v.form(j);
    let n = v.lex.noun_after_prep(f)?;
    let mut k = j + 1;
    while k < b
        && k - j < 8
        && !v.gap_has_punct(k)
        && !v.stop_at(k)
        && (v.cue_at(k).is_none() || v.noun_at(k).is_some())
        && !matches!(v.comp_at(k), Some(Comp::That | Comp::Bi | Comp::Fa))
    {
        k += 1;
    }
    let p = classify(v, j, k).or(Some(Phrase {
        start: j,
        end: k,
        kind: crate::quotes::SpeakerKind::Organization,
        agree: n.agree,
    }))?;
    Some(p)
}
