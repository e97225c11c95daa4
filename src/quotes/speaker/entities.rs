//! Speaker mentions resolved into entities across the article.
//!
//! A full mention (title chain + name) opens an entity; a later family name, a title alone
//! (الوزير، وزير الخارجية الأميركي) or a head noun (الوزارة، المصدر) joins the most recent
//! entity it fits; pronoun cues (لكنه أكد) and subject-less verbs (وأضاف، وأضافت) take the
//! most recent speaker whose gender and number agree (قالت الوزارة is feminine without being
//! a woman); participles (مؤكداً) take the subject of their governing clause. Each entity's
//! name is its fullest mention anywhere in the article, captions included.

use super::Phrase;
use super::phrase::{chain_word, name_like, phrase_at};
use crate::hash::FxHashMap;
use crate::quotes::lexicon::strip_article as strip_clitics;
use crate::quotes::lexicon::{ARTICLE, LIL};
use crate::quotes::lexicon::{Agree, NounClass, Words};
use crate::quotes::view::View;
use crate::quotes::{Entity, Quote, Quotes, Raw, Speaker, SpeakerKind, Who};
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

/// Agreement of a dual verb (وقالا، وأضافتا): a dual or plural source, or a group.
fn compatible_dual(e: &Ent) -> bool {
    matches!(e.agree, Agree::D | Agree::Mp) || e.kind == SpeakerKind::Group
}

/// The span of a phrase, without a preposition ل glued to a source (وفقاً لوزارة الصحة
/// → وزارة الصحة).
pub(crate) fn phrase_span(ctx: &View<'_>, p: &Phrase) -> Span {
    // "للناطق الإعلامي … الرائد فلان": the name cannot start inside "للناطق" (the ال
    // is not written); it starts at the last title, else at the next word.
    if ctx.form(p.start).starts_with(LIL) && p.end > p.start + 1 {
        let s = (p.start + 1..p.end)
            .rev()
            .find(|&t| matches!(ctx.noun_at(t), Some(n) if n.class == NounClass::Title))
            .unwrap_or(p.start + 1);
        return Span::new(ctx.toks[s].span.start, ctx.toks[p.end - 1].span.end);
    }
    let mut start = ctx.toks[p.start].span.start;
    let end = ctx.toks[p.end - 1].span.end;
    let w = &ctx.text[start..end];
    let f = ctx.form(p.start);
    // The conjunction و is no part of the name (والمزارعون، وتونس): dropped when what
    // follows it is definite or a lexicon noun (a name like وليد keeps its و).
    let rest = crate::tokens::strip_conjunction(f);
    if f.starts_with('و')
        && rest.len() < f.len()
        && !ctx.lex.is_noun_as_written(f)
        && (rest.starts_with(ARTICLE) || ctx.lex.noun(rest).is_some())
    {
        if let Some((i, _)) = w.char_indices().find(|&(i, c)| {
            i > 0 && !crate::chars::is_diacritic(c) && !crate::chars::is_invisible(c)
        }) {
            return Span::new(start + i, end);
        }
    }
    if f.starts_with('ل')
        && !f.starts_with(LIL)
        && ctx.lex.noun(f).is_none()
        && ctx.lex.noun_after_prep(f).is_some()
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

pub(crate) fn stripped(ctx: &View<'_>, i: usize) -> String {
    strip_clitics(ctx.form(i)).to_string()
}

/// Name tokens of a phrase (or its single definite name: الصفدي).
pub(crate) fn names_of(ctx: &View<'_>, p: &Phrase) -> Vec<String> {
    let mut v: Vec<String> = (p.start..p.end)
        .filter(|&i| name_like(ctx, i))
        .map(|i| stripped(ctx, i))
        .collect();
    if v.is_empty() && ctx.noun_at(p.start).is_none() {
        v.push(stripped(ctx, p.start));
    } else if p.end - p.start >= 2
        && ctx.form(p.end - 1).starts_with(ARTICLE)
        && name_like(ctx, p.end - 2)
        && ctx.noun_at(p.end - 1).is_none()
    {
        // A definite family name after a first name (محمد الكسار).
        v.push(stripped(ctx, p.end - 1));
    }
    v
}

/// Extend an occurrence of a family name (token `k`) leftwards over first names and a
/// title chain: "وزير الخارجية الأميركي أنتوني بلينكن".
pub(crate) fn extend_name(ctx: &View<'_>, k: usize) -> (usize, usize, bool) {
    let mut m = k;
    while m > 0 && k - m < 4 && !ctx.gap_has_punct(m) && name_like(ctx, m - 1) {
        m -= 1;
    }
    let mut t = m;
    let mut title = None;
    while t > 0 && m - t < 7 && !ctx.gap_has_punct(t) && chain_word(ctx, t - 1) {
        if matches!(ctx.noun_at(t - 1), Some(n) if n.class == NounClass::Title) {
            title = Some(t - 1);
        }
        t -= 1;
    }
    if let Some(s) = title {
        return (s, k + 1, true);
    }
    // First names only when a cue or a title precedes them (قال جو بايدن).
    let cue_before = m > 0 && !ctx.gap_has_punct(m) && ctx.cue_at(m - 1).is_some();
    if cue_before {
        (m, k + 1, false)
    } else {
        (k, k + 1, false)
    }
}

/// Resolve the speakers of `raws` into entities and build the quotes.
/// `intros` are subjects of non-speech main verbs (token, sentence, phrase) in text order:
/// they speak no quote but are the latest source for the continuation verbs and
/// participles after them (أبدت الفنانة فلانة إعجابها …، وقالت …).
pub(crate) fn resolve(ctx: &View<'_>, raws: Vec<Raw>, intros: &[(usize, usize, Phrase)]) -> Quotes {
    let mut ents: Vec<Ent> = Vec::new();
    let mut recent: Vec<usize> = Vec::new();
    let mut quotes = Vec::with_capacity(raws.len());
    let mut last_in_sentence: Option<(usize, usize)> = None;
    let mut next_intro = 0;
    for r in raws {
        while next_intro < intros.len() && intros[next_intro].0 < r.at {
            let (_, si, p) = intros[next_intro];
            next_intro += 1;
            let e = mention(ctx, &mut ents, &p, None);
            recent.retain(|&x| x != e);
            recent.push(e);
            if recent.len() > RECENT {
                recent.remove(0);
            }
            last_in_sentence = Some((si, e));
        }
        let mut conf = r.confidence;
        let who: Option<(usize, Span)> = match r.who {
            // "وفق ذات المصدر" (the same source): the latest speaker, whatever its kind,
            // unless a source of the same head was named.
            Who::Phrase(p)
                if ctx.is_word(p.start, Words::SAME)
                    && !recent.is_empty()
                    && find(ctx, &ents, &p).is_none() =>
            {
                recent.last().map(|&e| (e, phrase_span(ctx, &p)))
            }
            Who::Phrase(p) => {
                let e = mention(ctx, &mut ents, &p, r.cue);
                Some((e, phrase_span(ctx, &p)))
            }
            Who::Pronoun(ag, t) => pick(&ents, &recent, ag)
                .or_else(|| salient(ctx, &mut ents, r.at))
                .map(|e| (e, ctx.toks[t].span)),
            Who::Continue(ag) => pick(&ents, &recent, ag)
                .or_else(|| salient(ctx, &mut ents, r.at))
                .map(|e| (e, r.cue.unwrap_or(r.content))),
            Who::Governing(ag, gov) => match last_in_sentence {
                Some((s, e)) if s == r.sentence => Some((e, r.cue.unwrap_or(r.content))),
                _ if gov.is_some() => gov.map(|p| {
                    let e = mention(ctx, &mut ents, &p, None);
                    (e, phrase_span(ctx, &p))
                }),
                _ => pick(&ents, &recent, ag)
                    .or_else(|| salient(ctx, &mut ents, r.at))
                    .map(|e| (e, r.cue.unwrap_or(r.content))),
            },
            Who::Nobody => None,
        };
        if who.is_none() && !matches!(r.who, Who::Nobody) {
            conf *= 0.5;
        }
        // A speaker named at the cue is surer than one carried over from earlier text
        // (measured on the dev articles: 0.96 of explicit speakers right against 0.82 of
        // continuations; see `khabar eval`'s reliability table).
        conf *= match r.who {
            Who::Phrase(_) | Who::Nobody => 1.0,
            Who::Pronoun(..) => 0.9,
            Who::Continue(_) | Who::Governing(..) => 0.88,
        };
        let speaker = who.map(|(e, mention)| {
            // Duplicates are removed once at the end (sort + dedup): no per-quote scan.
            if !matches!(r.who, Who::Phrase(p) if !ctx.is_word(p.start, Words::SAME)) {
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
    // Only sources that are quoted are speakers: entities opened by a non-speech verb's
    // subject or an antecedent search that no quote refers to are dropped, and the quotes'
    // indices follow.
    let mut new_index = vec![usize::MAX; ents.len()];
    for q in &quotes {
        if let Some(s) = q.speaker {
            new_index[s.entity] = 0;
        }
    }
    for (next, slot) in new_index.iter_mut().filter(|s| **s == 0).enumerate() {
        *slot = next;
    }
    for q in &mut quotes {
        if let Some(s) = q.speaker.as_mut() {
            s.entity = new_index[s.entity];
        }
    }
    let entities = ents
        .into_iter()
        .zip(&new_index)
        .filter(|(_, i)| **i != usize::MAX)
        .map(|(e, _)| {
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
    let fits = |e: &Ent| {
        if ag == Agree::D {
            compatible_dual(e)
        } else {
            compatible(e, ag)
        }
    };
    recent
        .iter()
        .rev()
        .find(|&&e| fits(&ents[e]))
        .or_else(|| recent.last())
        .copied()
}

/// Attach a phrase mention to an entity, creating one when none fits.
fn mention(ctx: &View<'_>, ents: &mut Vec<Ent>, p: &Phrase, cue: Option<Span>) -> usize {
    let names = if p.kind == SpeakerKind::Person {
        names_of(ctx, p)
    } else {
        Vec::new()
    };
    // "ذات المصدر" / "نفس المصدر" (the same source) points back like "المصدر".
    let det = usize::from(ctx.is_word(p.start, Words::SAME) && p.end > p.start + 1);
    let words: Vec<String> = (p.start + det..p.end).map(|i| stripped(ctx, i)).collect();
    let span = phrase_span(ctx, p);
    let found = find_with(ctx, ents, p, &names, &words);
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
        (Agree::D, _) => Agree::D,
        (_, Some(v)) => v,
        (a, None) => a,
    };
    let found = found.or_else(|| {
        // A back-reference with no entity of its own: "الأخير" (the latter), a bare role
        // (اللاعب، المدرب) for the person just named, "البيان" for the body that issued it.
        let rep = antecedent(ctx, p)?;
        let e = mention(ctx, ents, &rep, None);
        ents[e].mentions.push(span);
        Some(e)
    });
    let best = name_span(ctx, p);
    attach(ents, found, best, span, names, words, agree, p.kind)
}

/// The name a phrase gives its entity: the phrase itself, or for a chain longer than the
/// scorer's limit the part from its last title on (… المهندس فلان الفلاني), else its last
/// [`MAX_NAME`] tokens.
fn name_span(ctx: &View<'_>, p: &Phrase) -> (Span, usize) {
    let len = p.end - p.start;
    if len <= MAX_NAME {
        let span = phrase_span(ctx, p);
        let skipped = ctx
            .tokens
            .range_in(Span::new(ctx.toks[p.start].span.start, span.start));
        return (span, len - skipped.len());
    }
    let s = (p.end - MAX_NAME..p.end)
        .find(|&t| matches!(ctx.noun_at(t), Some(n) if n.class == NounClass::Title))
        .unwrap_or(p.end - MAX_NAME);
    (
        Span::new(ctx.toks[s].span.start, ctx.toks[p.end - 1].span.end),
        p.end - s,
    )
}

/// The entity a phrase mention refers to among the recent ones, if any.
fn find(ctx: &View<'_>, ents: &[Ent], p: &Phrase) -> Option<usize> {
    let names = if p.kind == SpeakerKind::Person {
        names_of(ctx, p)
    } else {
        Vec::new()
    };
    let det = usize::from(ctx.is_word(p.start, Words::SAME) && p.end > p.start + 1);
    let words: Vec<String> = (p.start + det..p.end).map(|i| stripped(ctx, i)).collect();
    find_with(ctx, ents, p, &names, &words)
}

/// [`find`] with the phrase's name tokens and words already computed (as [`mention`] has
/// them: no second pass over the phrase).
fn find_with(
    ctx: &View<'_>,
    ents: &[Ent],
    p: &Phrase,
    names: &[String],
    words: &[String],
) -> Option<usize> {
    let det = usize::from(ctx.is_word(p.start, Words::SAME) && p.end > p.start + 1);
    let definite = ctx.form(p.start).starts_with(ARTICLE)
        || det == 1
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
                && (*words == e.words[..e.words.len().min(words.len())]
                    || (definite && words.iter().all(|w| e.words.contains(w)))
                    // «الصحة» and وزارة الصحة: one organisation.
                    || (org && e.words.iter().all(|w| words.contains(w))))
        }
    });
    found.map(|e| e + lo)
}

/// Attach a mention to entity `found`, or open a new entity for it.
#[allow(clippy::too_many_arguments)]
fn attach(
    ents: &mut Vec<Ent>,
    found: Option<usize>,
    (best, len): (Span, usize),
    span: Span,
    names: Vec<String>,
    words: Vec<String>,
    agree: Agree,
    kind: SpeakerKind,
) -> usize {
    match found {
        Some(e) => {
            let ent = &mut ents[e];
            ent.mentions.push(span);
            if len > ent.best_len && len <= MAX_NAME {
                ent.best = best;
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
                kind,
                agree,
                family: names.last().cloned(),
                names,
                words,
                mentions: vec![span],
                best,
                best_len: len.min(MAX_NAME),
            });
            ents.len() - 1
        }
    }
}

/// Give each person entity its fullest name found anywhere in the article: its family name
/// with the first names and title chain before it, or its title chain followed by a name.
fn fullest_names(ctx: &View<'_>, ents: &mut [Ent]) {
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
                let (s, t, titled) = extend_name(ctx, k);
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
                    && chain_word(ctx, t)
                {
                    t += 1;
                }
                let chain_end = t;
                while t < ctx.toks.len()
                    && t - chain_end < 4
                    && !ctx.gap_has_punct(t)
                    && name_like(ctx, t)
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
fn org_fullest(ctx: &View<'_>, e: &mut Ent, want: &FxHashMap<String, Vec<usize>>) {
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
        while t < ctx.toks.len() && t - k < 5 && !ctx.gap_has_punct(t) && chain_word(ctx, t) {
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
fn salient(ctx: &View<'_>, ents: &mut Vec<Ent>, at: usize) -> Option<usize> {
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
    ctx: &View<'_>,
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
        let si = ctx.sent_of(t);
        let end = if si < ctx.sent_toks.len() {
            ctx.sent_toks[si].1
        } else {
            ctx.toks.len()
        };
        if let Some(p) = phrase_at(ctx, t, end.min(at)) {
            let named = !want_org
                && p.kind == SpeakerKind::Person
                && (p.start..p.end).any(|i| name_like(ctx, i));
            // An organisation with its complement (لجنة السياسات النقدية), not a bare head.
            let org = want_org && p.kind == SpeakerKind::Organization && p.end - p.start >= 2;
            if named || org {
                return Some(mention(ctx, ents, &p, None));
            }
        }
    }
    None
}

/// البيان (the statement): a back-reference to the body that issued it.
const STATEMENT: &str = "بيان";

/// Tokens searched back for the antecedent of a back-reference.
const ANTECEDENT_WINDOW: usize = 80;

/// The phrase a bare back-reference points to, found in the text before it: the latest
/// person named (for الأخير, or a bare role noun whose person was named in this sentence or
/// the one before), or the organisation named before a bare "البيان".
fn antecedent(ctx: &View<'_>, p: &Phrase) -> Option<Phrase> {
    if p.end != p.start + 1 {
        return None;
    }
    let f = ctx.form(p.start);
    let latter = ctx.is_word(p.start, Words::LATTER);
    let noun = ctx.noun_at(p.start);
    let role = f.starts_with(ARTICLE) && noun.is_some_and(|n| n.class == NounClass::Title);
    let statement = f.starts_with(ARTICLE)
        && noun.is_some_and(|n| n.class == NounClass::Doc)
        && strip_clitics(f) == STATEMENT;
    if !(latter || role || statement) {
        return None;
    }
    let si = ctx.sent_of(p.start);
    // Same sentence or the one before.
    let lo_sent = if si == usize::MAX || si == 0 {
        0
    } else {
        ctx.sent_toks[si - 1].0
    };
    let lo = p
        .start
        .saturating_sub(ANTECEDENT_WINDOW)
        .max(if latter { 0 } else { lo_sent });
    if statement {
        for t in (lo..p.start).rev() {
            if !ctx
                .noun_at(t)
                .is_some_and(|n| matches!(n.class, NounClass::Org | NounClass::Country))
            {
                continue;
            }
            let s = ctx.sent_of(t);
            let end = if s < ctx.sent_toks.len() {
                ctx.sent_toks[s].1
            } else {
                ctx.toks.len()
            };
            if let Some(q) = phrase_at(ctx, t, end.min(p.start)) {
                if q.kind == SpeakerKind::Organization && q.end - q.start >= 2 {
                    return Some(q);
                }
            }
        }
        return None;
    }
    // The latest name: a family name preceded by a first name or a title chain.
    let mut t = p.start;
    while t > lo {
        t -= 1;
        // A family name ends neither in a pronoun suffix or ة (ه) nor in the accusative ا
        // (خلفاً), nor carries a preposition (لمواطنه).
        let f = ctx.form(t);
        if !name_like(ctx, t) || f.ends_with('ه') || f.ends_with('ا') || f.starts_with('ل') {
            continue;
        }
        let (s, e, titled) = extend_name(ctx, t);
        // Two name-like words, neither feminine in ة (nouns and adjectives: إصابة جديدة).
        let two = t > 0
            && name_like(ctx, t - 1)
            && !ctx.gap_has_punct(t)
            && !ctx.form(t).ends_with('ه')
            && !ctx.form(t - 1).ends_with('ه');
        if titled || two {
            let s = if two && s == t { t - 1 } else { s };
            return Some(Phrase {
                start: s,
                end: e,
                kind: SpeakerKind::Person,
                agree: Agree::Any,
            });
        }
    }
    None
}
