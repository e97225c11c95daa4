//! Speaker mentions resolved into entities across the article.
//!
//! A full mention (title chain + name) opens an entity; a later family name, a title alone
//! (الوزير، وزير الخارجية الأميركي) or a head noun (الوزارة، المصدر) joins the most recent
//! entity it fits; pronoun cues (لكنه أكد) and subject-less verbs (وأضاف، وأضافت) take the
//! most recent speaker whose gender and number agree (قالت الوزارة is feminine without being
//! a woman); participles (مؤكداً) take the subject of their governing clause. Each entity's
//! name is its fullest mention anywhere in the article, captions included.

use super::lexicon::strip_article as strip_clitics;
use super::lexicon::{Agree, NounClass};
use super::speaker::Phrase;
use super::{Ctx, Entity, Quote, Quotes, Raw, Speaker, SpeakerKind, Who};
use crate::hash::FxHashMap;
use crate::span::Span;

struct Ent {
    kind: SpeakerKind,
    /// Gender/number for agreement.
    agree: Agree,
    /// Name tokens (folded, clitics stripped).
    names: Vec<String>,
    /// Last name token of the fullest mention.
    family: Option<String>,
    /// All folded, clitic-stripped tokens of its mentions.
    words: Vec<String>,
    mentions: Vec<Span>,
    best: Span,
    best_len: usize,
}

/// Most distinct words an entity keeps for matching.
const MAX_WORDS: usize = 48;

/// How many recent entities a mention is compared with.
const RECENT: usize = 64;

/// Most tokens an entity name may have (the scorer ignores longer strings).
const MAX_NAME: usize = 12;

fn compatible(e: &Ent, ag: Agree) -> bool {
    match ag {
        Agree::Any | Agree::D => true,
        Agree::Ms => e.agree != Agree::Fs && e.agree != Agree::Mp,
        Agree::Fs => {
            e.agree == Agree::Fs || (e.agree == Agree::Mp && e.kind != SpeakerKind::Person)
        }
        Agree::Mp => e.agree == Agree::Mp || e.kind == SpeakerKind::Group,
    }
}

impl Ctx<'_> {
    /// The span of a phrase, without a preposition ل glued to a source (وفقاً لوزارة الصحة
    /// → وزارة الصحة).
    fn phrase_span(&self, p: &Phrase) -> Span {
        let mut start = self.toks[p.start].span.start;
        let end = self.toks[p.end - 1].span.end;
        let w = &self.text[start..end];
        let f = self.form(p.start);
        if f.starts_with('ل')
            && !f.starts_with("لل")
            && self.lex.noun(f).is_none()
            && self.lex.noun_after_prep(f).is_some()
        {
            let skip = w
                .char_indices()
                .find(|&(i, c)| i > 0 && !crate::chars::is_diacritic(c) && c != 'ـ');
            if let Some((i, _)) = skip {
                start += i;
            }
        }
        Span::new(start, end)
    }

    fn stripped(&self, i: usize) -> String {
        strip_clitics(self.form(i)).to_string()
    }

    /// Name tokens of a phrase (or its single definite name: الصفدي).
    fn names_of(&self, p: &Phrase) -> Vec<String> {
        let mut v: Vec<String> = (p.start..p.end)
            .filter(|&i| self.name_like(i))
            .map(|i| self.stripped(i))
            .collect();
        if v.is_empty() && self.noun_at(p.start).is_none() {
            v.push(self.stripped(p.start));
        } else if p.end - p.start >= 2
            && self.form(p.end - 1).starts_with("ال")
            && self.name_like(p.end - 2)
            && self.noun_at(p.end - 1).is_none()
        {
            // A definite family name after a first name (محمد الكسار).
            v.push(self.stripped(p.end - 1));
        }
        v
    }

    /// Extend an occurrence of a family name (token `k`) leftwards over first names and a
    /// title chain: "وزير الخارجية الأميركي أنتوني بلينكن".
    fn extend_name(&self, k: usize) -> (usize, usize, bool) {
        let mut m = k;
        while m > 0 && k - m < 4 && !self.gap_has_punct(m) && self.name_like(m - 1) {
            m -= 1;
        }
        let mut t = m;
        let mut title = None;
        while t > 0 && m - t < 7 && !self.gap_has_punct(t) && self.chain_word(t - 1) {
            if matches!(self.noun_at(t - 1), Some(n) if n.class == NounClass::Title) {
                title = Some(t - 1);
            }
            t -= 1;
        }
        if let Some(s) = title {
            return (s, k + 1, true);
        }
        // First names only when a cue or a title precedes them (قال جو بايدن).
        let cue_before = m > 0 && !self.gap_has_punct(m) && self.cue_at(m - 1).is_some();
        if cue_before {
            (m, k + 1, false)
        } else {
            (k, k + 1, false)
        }
    }
}

/// Resolve the speakers of `raws` into entities and build the quotes.
pub(crate) fn resolve(ctx: &Ctx<'_>, raws: Vec<Raw>) -> Quotes {
    let mut ents: Vec<Ent> = Vec::new();
    let mut recent: Vec<usize> = Vec::new();
    let mut quotes = Vec::with_capacity(raws.len());
    let mut last_in_sentence: Option<(usize, usize)> = None;
    for r in raws {
        let mut conf = r.confidence;
        let who: Option<(usize, Span)> = match r.who {
            Who::Phrase(p) => {
                let e = mention(ctx, &mut ents, &p, r.cue);
                Some((e, ctx.phrase_span(&p)))
            }
            Who::Pronoun(ag, t) => pick(&ents, &recent, ag).map(|e| (e, ctx.toks[t].span)),
            Who::Continue(ag) => pick(&ents, &recent, ag)
                .or_else(|| salient(ctx, &mut ents, r.at))
                .map(|e| (e, r.cue.unwrap_or(r.content))),
            Who::Governing(ag) => match last_in_sentence {
                Some((s, e)) if s == r.sentence => Some((e, r.cue.unwrap_or(r.content))),
                _ => pick(&ents, &recent, ag)
                    .or_else(|| salient(ctx, &mut ents, r.at))
                    .map(|e| (e, r.cue.unwrap_or(r.content))),
            },
            Who::Nobody => None,
        };
        if who.is_none() && !matches!(r.who, Who::Nobody) {
            conf *= 0.5;
        }
        let speaker = who.map(|(e, mention)| {
            // Duplicates are removed once at the end (sort + dedup): no per-quote scan.
            if !matches!(r.who, Who::Phrase(_)) {
                ents[e].mentions.push(mention);
            }
            recent.retain(|&x| x != e);
            recent.push(e);
            if recent.len() > RECENT {
                recent.remove(0);
            }
            last_in_sentence = Some((r.sentence, e));
            Speaker { mention, entity: e }
        });
        quotes.push(Quote {
            kind: r.kind,
            content: r.content,
            cue: r.cue,
            speaker,
            sentence: r.sentence,
            confidence: conf,
            rule: r.rule,
        });
    }
    // Text order by the sentence that holds each content (a cue may stand in another
    // sentence than its content, before or after it); speakers were resolved in cue order
    // above, and within a sentence that order stays.
    quotes.sort_by_key(|q| q.sentence);
    fullest_names(ctx, &mut ents);
    let entities = ents
        .into_iter()
        .map(|e| {
            let mut mentions = e.mentions;
            mentions.sort();
            mentions.dedup();
            Entity {
                name: e.best,
                kind: e.kind,
                mentions,
            }
        })
        .collect();
    Quotes { quotes, entities }
}

/// The most recent speaker agreeing with `ag`, else the most recent one.
fn pick(ents: &[Ent], recent: &[usize], ag: Agree) -> Option<usize> {
    recent
        .iter()
        .rev()
        .find(|&&e| compatible(&ents[e], ag))
        .or_else(|| recent.last())
        .copied()
}

/// Attach a phrase mention to an entity, creating one when none fits.
fn mention(ctx: &Ctx<'_>, ents: &mut Vec<Ent>, p: &Phrase, cue: Option<Span>) -> usize {
    let names = if p.kind == SpeakerKind::Person {
        ctx.names_of(p)
    } else {
        Vec::new()
    };
    let words: Vec<String> = (p.start..p.end).map(|i| ctx.stripped(i)).collect();
    let span = ctx.phrase_span(p);
    let len = p.end - p.start;
    let definite = ctx.form(p.start).starts_with("ال")
        || matches!(ctx.noun_at(p.start), Some(n) if n.class == NounClass::Title);
    // Only the most recent entities are candidates: resolution stays linear on any input.
    let lo = ents.len().saturating_sub(RECENT);
    let found = ents[lo..].iter().rposition(|e| {
        if !names.is_empty() {
            let fam = names.last();
            fam.is_some_and(|f| e.names.contains(f))
                || e.family.as_ref().is_some_and(|f| names.contains(f))
        } else {
            let org = matches!(
                p.kind,
                SpeakerKind::Organization | SpeakerKind::Media | SpeakerKind::Document
            );
            e.kind == p.kind
                && (words == e.words[..e.words.len().min(words.len())]
                    || (definite && words.iter().all(|w| e.words.contains(w)))
                    // «الصحة» and وزارة الصحة: one organisation.
                    || (org && e.words.iter().all(|w| words.contains(w))))
        }
    });
    // Gender from the cue verb when it precedes its subject (قالت الوزارة), else the head.
    let verb_agree = cue
        .and_then(|c| {
            let k = ctx.tokens.first_at_or_after(c.start);
            (k < ctx.toks.len()).then(|| ctx.cue_at(k)).flatten()
        })
        .map(|f| f.agree)
        .filter(|a| matches!(a, Agree::Ms | Agree::Fs));
    let agree = match (p.agree, verb_agree) {
        (Agree::Mp, _) => Agree::Mp,
        (_, Some(v)) => v,
        (a, None) => a,
    };
    match found.map(|e| e + lo) {
        Some(e) => {
            let ent = &mut ents[e];
            ent.mentions.push(span);
            if len > ent.best_len && len <= MAX_NAME {
                ent.best = span;
                ent.best_len = len;
                if let Some(f) = names.last() {
                    ent.family = Some(f.clone());
                }
            }
            // Bounded word lists keep each comparison constant-time on any input.
            for n in names {
                if ent.names.len() < MAX_WORDS && !ent.names.contains(&n) {
                    ent.names.push(n);
                }
            }
            for w in words {
                if ent.words.len() < MAX_WORDS && !ent.words.contains(&w) {
                    ent.words.push(w);
                }
            }
            e
        }
        None => {
            ents.push(Ent {
                kind: p.kind,
                agree,
                family: names.last().cloned(),
                names,
                words,
                mentions: vec![span],
                best: span,
                best_len: len.min(MAX_NAME),
            });
            ents.len() - 1
        }
    }
}

/// Give each person entity its fullest name found anywhere in the article: its family name
/// with the first names and title chain before it, or its title chain followed by a name.
fn fullest_names(ctx: &Ctx<'_>, ents: &mut [Ent]) {
    if ents.is_empty() {
        return;
    }
    // One pass over the tokens: stripped form → positions, only for the forms we need.
    let mut want: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for e in ents.iter() {
        if e.kind != SpeakerKind::Person {
            continue;
        }
        if let Some(f) = &e.family {
            want.entry(f.clone()).or_default();
        } else if let Some(w) = e.words.first() {
            want.entry(w.clone()).or_default();
        }
    }
    for e in ents.iter() {
        if e.kind == SpeakerKind::Organization && e.best_len == 1 {
            if let Some(w) = e.words.first() {
                want.entry(w.clone()).or_default();
            }
        }
    }
    if !want.is_empty() {
        // The stripped form is the token or a non-empty suffix of it, so it ends in the
        // token's last byte: a token whose last byte ends no wanted form is skipped before
        // stripping and hashing.
        let mut last_byte = [false; 256];
        for k in want.keys() {
            if let Some(&b) = k.as_bytes().last() {
                last_byte[usize::from(b)] = true;
            }
        }
        for i in 0..ctx.toks.len() {
            let f = ctx.form(i);
            if f.as_bytes()
                .last()
                .is_some_and(|&b| !last_byte[usize::from(b)])
            {
                continue;
            }
            if let Some(v) = want.get_mut(strip_clitics(f)) {
                if v.len() < 64 {
                    v.push(i);
                }
            }
        }
    }
    for e in ents.iter_mut() {
        if e.kind == SpeakerKind::Organization && e.best_len == 1 {
            org_fullest(ctx, e, &want);
            continue;
        }
        if e.kind != SpeakerKind::Person {
            continue;
        }
        let mut best: Option<(bool, usize, usize, usize)> = None;
        let consider =
            |best: &mut Option<(bool, usize, usize, usize)>, s: usize, t: usize, titled: bool| {
                let n = t - s;
                if n > MAX_NAME || n == 0 {
                    return;
                }
                let better = match best {
                    None => true,
                    Some((bt, bn, _, _)) => (titled, n) > (*bt, *bn),
                };
                if better {
                    *best = Some((titled, n, s, t));
                }
            };
        if let Some(f) = &e.family {
            for &k in want.get(f).into_iter().flatten() {
                let (s, t, titled) = ctx.extend_name(k);
                consider(&mut best, s, t, titled);
            }
        } else if let Some(w) = e.words.first() {
            // A title-only entity: find the title chain followed by a name elsewhere.
            let n = e.words.len();
            for &k in want.get(w).into_iter().flatten() {
                if k + n > ctx.toks.len() {
                    continue;
                }
                if !(0..n).all(|d| strip_clitics(ctx.form(k + d)) == e.words[d]) {
                    continue;
                }
                let mut t = k + n;
                // Over the rest of the title chain (المدعي العام السنغالي فلان).
                while t < ctx.toks.len()
                    && t - (k + n) < 4
                    && !ctx.gap_has_punct(t)
                    && ctx.chain_word(t)
                {
                    t += 1;
                }
                let chain_end = t;
                while t < ctx.toks.len()
                    && t - chain_end < 4
                    && !ctx.gap_has_punct(t)
                    && ctx.name_like(t)
                {
                    t += 1;
                }
                if t > chain_end {
                    consider(&mut best, k, t, true);
                    if e.family.is_none() {
                        e.family = Some(strip_clitics(ctx.form(t - 1)).to_string());
                    }
                }
            }
        }
        if let Some((_, n, s, t)) = best {
            if n >= e.best_len {
                e.best = Span::new(ctx.toks[s].span.start, ctx.toks[t - 1].span.end);
                e.best_len = n;
            }
        }
    }
}

/// An organisation known only by its head noun (الوزارة): its fullest mention is the
/// nearest earlier occurrence of that head with its complement (وزارة الخارجية الأميركية).
fn org_fullest(ctx: &Ctx<'_>, e: &mut Ent, want: &FxHashMap<String, Vec<usize>>) {
    let Some(head) = e.words.first() else {
        return;
    };
    let first = ctx.tokens.first_at_or_after(e.best.start);
    let mut best: Option<(usize, usize)> = None;
    for &k in want.get(head).into_iter().flatten() {
        if k > first && best.is_some() {
            break;
        }
        let mut t = k + 1;
        while t < ctx.toks.len() && t - k < 5 && !ctx.gap_has_punct(t) && ctx.chain_word(t) {
            t += 1;
        }
        if t > k + 1 {
            best = Some((k, t));
        }
    }
    if let Some((s, t)) = best {
        e.best = Span::new(ctx.toks[s].span.start, ctx.toks[t - 1].span.end);
        e.best_len = t - s;
    }
}

/// Tokens scanned back for the person a speaker-less first quote refers to.
const SALIENT_WINDOW: usize = 300;

/// A subject-less cue with no earlier speaker: the nearest person introduced before it by a
/// title and a name (يخرج زعيم التنظيم فلان … ويؤكد أن …), or the nearest organisation
/// named with its complement (قررت لجنة السياسات النقدية … وقال …).
fn salient(ctx: &Ctx<'_>, ents: &mut Vec<Ent>, at: usize) -> Option<usize> {
    let lo = at.saturating_sub(SALIENT_WINDOW);
    // People first; an organisation only when no person is in sight.
    for want_org in [false, true] {
        if let Some(e) = salient_pass(ctx, ents, lo, at, want_org) {
            return Some(e);
        }
    }
    None
}

fn salient_pass(
    ctx: &Ctx<'_>,
    ents: &mut Vec<Ent>,
    lo: usize,
    at: usize,
    want_org: bool,
) -> Option<usize> {
    for t in (lo..at.min(ctx.toks.len())).rev() {
        let Some(n) = ctx.noun_at(t) else {
            continue;
        };
        if !matches!(n.class, NounClass::Title | NounClass::Org) {
            continue;
        }
        let si = ctx.tok_sent[t];
        let end = if si < ctx.sent_toks.len() {
            ctx.sent_toks[si].1
        } else {
            ctx.toks.len()
        };
        if let Some(p) = ctx.phrase_at(t, end.min(at)) {
            let named = !want_org
                && p.kind == SpeakerKind::Person
                && (p.start..p.end).any(|i| ctx.name_like(i));
            // An organisation with its complement (لجنة السياسات النقدية), not a bare head.
            let org = want_org && p.kind == SpeakerKind::Organization && p.end - p.start >= 2;
            if named || org {
                return Some(mention(ctx, ents, &p, None));
            }
        }
    }
    None
}
