//! Speaker phrases: the subject after a cue (VSO: title chain + name, up to an adjunct, a
//! time word, a comma or the complementizer), before it (SVO: "وكان X قال"), in a headline
//! ("X: …"), after an attribution phrase (بحسب X) or a relay (عن X قوله).

use crate::quotes::SpeakerKind;
use crate::quotes::lexicon::{ARTICLE, BI_ARTICLE, FI, LADA, LIL, WA_ARTICLE};
use crate::quotes::lexicon::{Agree, NounClass, Words};
use crate::quotes::speaker::Phrase;
use crate::quotes::view::View;

/// Most tokens a speaker phrase may hold.
const MAX_PHRASE: usize = 12;

/// Most tokens a title chain may run over to reach its personal name.
const MAX_CHAIN: usize = 18;

/// True when a token looks like part of a proper name: in no lexicon, no article, not a
/// number, not a conjunction-prefixed word.
pub(crate) fn name_like(v: &View<'_>, i: usize) -> bool {
    let f = v.form(i);
    // After a name particle (بن، أبو، عبد) any word is part of the name, a lexicon
    // homograph included (يوسف بن علي: علي folds like the preposition على).
    if i > 0
        && !f.starts_with(ARTICLE)
        && v.is_word(i - 1, Words::NAME_PARTICLE)
        && !v.gap_has_punct(i)
        && f.chars().nth(1).is_some()
        && !v
            .comp_at(i)
            .is_some_and(|c| c != crate::quotes::lexicon::Comp::Prep)
        && v.cue_at(i).is_none()
    {
        return true;
    }
    if f.starts_with(ARTICLE) {
        // A definite part of a compound name: عبد العزيز، أبو الغيط، بن الحسين.
        return i > 0
            && v.is_word(i - 1, Words::NAME_PARTICLE)
            && !v.known_at(i)
            && !v.gap_has_punct(i);
    }
    let n = f.chars().count();
    n >= 2
        && !f.starts_with(ARTICLE)
        && !f.starts_with('و')
        && !f.chars().all(|c| c.is_ascii_digit())
        && !f.chars().any(|c| c.is_ascii_alphabetic())
        && !v.known_at(i)
        && v.noun_at(i).is_none()
}

/// A nisba adjective or definite noun continuing a title chain (الخارجية الأميركي).
pub(crate) fn chain_word(v: &View<'_>, i: usize) -> bool {
    let f = v.form(i);
    // "للمستشار فلان": the person spoken to, not a title of the speaker.
    if f.starts_with(LIL) {
        return false;
    }
    // A lexicon noun continues the chain even when it doubles as a time word
    // (المدعي العام: "general", not "the year").
    if v.noun_at(i).is_some() {
        return true;
    }
    if v.stop_at(i) || v.cue_at(i).is_some() {
        return false;
    }
    f.starts_with(ARTICLE)
}

/// Parse a speaker phrase starting at token `j`, not beyond token `limit`.
pub(crate) fn phrase_at(v: &View<'_>, j: usize, limit: usize) -> Option<Phrase> {
    // A word with the preposition لل is an addressee or a complement (للصحفيين،
    // للوزارة), never a subject.
    if j < v.toks.len() && v.form(j).starts_with(LIL) {
        return None;
    }
    // Nor a pronoun (سموه), a reporting verb or participle (معلقاً), a particle (بل، هل):
    // a source has a noun or a name of more than two letters.
    if j < v.toks.len()
        && (v.lex.honorific(v.form(j)).is_some()
            || (v.cue_at(j).is_some() && v.noun_at(j).is_none())
            || v.form(j).chars().count() <= 2 && v.noun_at(j).is_none())
    {
        return None;
    }
    let mut k = j;
    let mut after_mark = false;
    let org_head = j < v.toks.len()
        && v.noun_at(j).is_some_and(|n| {
            matches!(
                n.class,
                NounClass::Org | NounClass::Country | NounClass::Doc | NounClass::Media
            )
        });
    let limit = limit.min(v.toks.len());
    while k < limit
        && (k - j < MAX_PHRASE
            // A name goes on past the phrase limit (… المهندس طارق بن سعد القرني).
            || (k - j < MAX_CHAIN
                && k > j
                && (v.is_word(k - 1, Words::NAME_PARTICLE) || name_like(v, k - 1))
                && name_like(v, k)
                && !v.gap_has_punct(k)))
    {
        if k > j && v.mark_opens_before(k) {
            // A quoted organisation name inside a title chain continues the phrase
            // (المتحدث باسم «الدوائر الاستثنائية» فلان); any other mark ends it.
            let mi = v.mark_before[k] as usize - 1;
            let prev = v.noun_at(k - 1);
            let m = v.marks[mi];
            if v.mark_tokens(mi) <= 5
                && m.close.is_some()
                && prev.is_some_and(|n| {
                    matches!(
                        n.class,
                        NounClass::Link | NounClass::Title | NounClass::Org | NounClass::Media
                    )
                })
            {
                let after = v.tokens.first_at_or_after(m.outer().end);
                if after > k && after <= limit {
                    k = after;
                    after_mark = true;
                    continue;
                }
            }
            break;
        }
        if k > j
            && v.gap_has_punct(k)
            && !std::mem::take(&mut after_mark)
            && !abbreviation_gap(v, k)
        {
            break;
        }
        if k > j && v.is_word(k - 1, Words::NAME_PARTICLE) && name_like(v, k) {
            // يوسف بن علي: the word after بن is a name, whatever it folds like.
            k += 1;
            continue;
        }
        let f = v.form(k);
        if v.lex
            .comp(f)
            .is_some_and(|c| c != crate::quotes::lexicon::Comp::Prep)
        {
            break;
        }
        if v.noun_at(k).is_none() && v.stop_at(k) {
            // "سفيرة الولايات المتحدة لدى الأمم المتحدة سامنثا باور": a title's
            // complement with لدى runs on to the name.
            if k > j && f == LADA {
                if let Some(e) = chain_to_name(v, j, k, limit) {
                    k = e;
                }
            }
            // "عميد كلية الطب في جامعة الشمال … الدكتور فلان الفلاني إن": a title's في-
            // complement (no speech event) runs on to a name of two words or more.
            if k > j && f == FI && k + 1 < limit.min(v.toks.len()) && !v.lex.is_event(v.form(k + 1))
            {
                if let Some(e) = chain_to_name(v, j, k, limit) {
                    // At least two words of name (a first name and a family name).
                    let two = e >= k + 3
                        && (name_like(v, e - 2) || v.is_word(e - 2, Words::NAME_PARTICLE));
                    if two {
                        k = e;
                    }
                }
            }
            break;
        }
        if k > j && v.cue_at(k).is_some() && v.noun_at(k).is_none() {
            break;
        }
        // An organisation's name is its head with a definite genitive chain and
        // adjectives: after a definite word, an indefinite one is the verb's object
        // (أعلنت وزارة الصحة تسجيل …), unless a glued preposition or a title goes on.
        if k > j + 1
            && org_head
            && !f.starts_with(ARTICLE)
            && !f.starts_with(WA_ARTICLE)
            && (j + 1..k).any(|t| v.form(t).starts_with(ARTICLE))
            && !f.starts_with(['ل', 'ب'])
            && v.noun_at(k).is_none_or(|n| n.class != NounClass::Title)
        {
            break;
        }
        let glued_prep = f.starts_with(LIL)
            || (v.noun_at(k).is_none() && (f.starts_with('ب') || f.starts_with('ل')));
        if k > j && glued_prep {
            // A glued preposition: keep "بوزارة الخارجية", "لحركة"; stop at addressees
            // ("للصحفيين"، "لوكالة"، "لرويترز") and definite objects.
            match v.lex.noun_after_prep(f) {
                Some(n)
                    if matches!(
                        n.class,
                        NounClass::Org | NounClass::Country | NounClass::Title
                    ) => {}
                Some(n) => {
                    // Not an outlet spoken to (لوكالة …): a title chain may run on to
                    // its name (عميد المعهد للناطقين بغيرها الدكتور فلان).
                    if n.class != NounClass::Media {
                        if let Some(e) = chain_to_name(v, j, k, limit) {
                            k = e;
                        }
                    }
                    break;
                }
                // An organisation's name goes on with a definite ل-complement
                // (الشركة الوطنية للطيران، الهيئة العامة للإحصاء).
                None if f.starts_with(LIL)
                    && k - j <= 4
                    && v.lex
                        .noun(v.form(j))
                        .is_some_and(|n| n.class == NounClass::Org) => {}
                None if f.starts_with(BI_ARTICLE) || f.starts_with(LIL) => {
                    // A title chain whose complement runs on to the personal name
                    // (مدير فرع الهيئة العامة للسياحة … بمنطقة تبوك فلان الفلاني أن …).
                    if let Some(e) = chain_to_name(v, j, k, limit) {
                        k = e;
                    }
                    break;
                }
                None => {}
            }
        }
        k += 1;
    }
    if k == j {
        return None;
    }
    // An unnamed source keeps its prepositional phrase (مسؤول في وزارة النقل، مصادر في
    // الاتحاد الآسيوي) when the phrase runs to the complement.
    if k < limit && v.form(k) == FI {
        if let Some(e) = source_pp(v, j, k, limit) {
            k = e;
        }
    }
    classify(v, j, k)
}

/// From a glued-preposition complement at token `k` of a title chain starting at `j`,
/// the end of the personal name that closes the chain, when the name is followed by the
/// complementizer, punctuation or `limit`; `None` otherwise.
pub(crate) fn chain_to_name(v: &View<'_>, j: usize, k: usize, limit: usize) -> Option<usize> {
    let has_title = (j..k).any(|t| v.noun_at(t).is_some_and(|n| n.class == NounClass::Title));
    if !has_title {
        return None;
    }
    let max = limit.min(v.toks.len()).min(j + MAX_CHAIN);
    let mut t = k + 1;
    while t < max {
        if blocks_chain(v, t) {
            return None;
        }
        if name_like(v, t) {
            let mut e = t;
            while e < max && !blocks_chain(v, e) && name_like(v, e) {
                e += 1;
            }
            // A definite family name after the first names (ماجد الشهري).
            if e < max
                && !blocks_chain(v, e)
                && v.form(e).starts_with(ARTICLE)
                && v.noun_at(e).is_none()
                && !v.known_at(e)
            {
                e += 1;
            }
            return ends_subject(v, e, limit).then_some(e);
        }
        t += 1;
    }
    None
}

/// True when token `t` cannot continue a speaker phrase: punctuation before it (not an
/// abbreviation's period), a quotation mark, a complementizer, a cue or a stop word.
pub(crate) fn blocks_chain(v: &View<'_>, t: usize) -> bool {
    (v.gap_has_punct(t) && !abbreviation_gap(v, t))
        || v.mark_opens_before(t)
        || v.comp_at(t)
            .is_some_and(|c| c != crate::quotes::lexicon::Comp::Prep)
        || (v.cue_at(t).is_some() && v.noun_at(t).is_none())
        || (v.stop_at(t) && v.noun_at(t).is_none())
}

/// True when a subject phrase may end before token `e`: at `limit`, a complementizer,
/// punctuation, a quotation mark or an addressee (للصحفيين).
pub(crate) fn ends_subject(v: &View<'_>, e: usize, limit: usize) -> bool {
    e >= limit
        || e >= v.toks.len()
        || v.gap_has_punct(e)
        || v.mark_opens_before(e)
        || v.comp_at(e)
            .is_some_and(|c| c != crate::quotes::lexicon::Comp::Prep)
        || v.form(e).starts_with(LIL)
}

/// The prepositional phrase (في + noun phrase) of an unnamed source or a group, from the
/// في at token `k`: its end when it runs to the complement, else `None`.
pub(crate) fn source_pp(v: &View<'_>, j: usize, k: usize, limit: usize) -> Option<usize> {
    let head = if j + 1 < k && v.is_word(j, Words::QUANTIFIER) {
        j + 1
    } else {
        j
    };
    let unnamed = match v.noun_at(head) {
        Some(n) => matches!(n.class, NounClass::Anon | NounClass::Group),
        None => !(j..k).any(|t| name_like(v, t)) || head > j,
    };
    // A personal name (not a nisba adjective: مصدر أمني) makes it a person.
    let named = (head + 1..k).any(|t| {
        let f = v.form(t);
        name_like(v, t) && !(f.ends_with('ي') || f.ends_with("يه") || f.ends_with("يين"))
    });
    if !unnamed || named {
        return None;
    }
    let first = k + 1;
    if first >= limit.min(v.toks.len()) || v.lex.is_event(v.form(first)) {
        return None;
    }
    let max = limit.min(v.toks.len()).min(first + 6);
    let mut e = first;
    while e < max && !blocks_chain(v, e) {
        e += 1;
    }
    // The phrase runs to the complement, or to an adjunct of the verb before it (مسؤولون
    // في مجلس السلامة في بيان مشترك أن …).
    let adjunct = e + 1 < limit.min(v.toks.len())
        && v.is_word(e, Words::EVENT_PREP)
        && v.lex.is_event(v.form(e + 1));
    (e > first && (ends_subject(v, e, limit) || adjunct)).then_some(e)
}

/// What a token range denotes, or `None` when it does not look like a source.
pub(crate) fn classify(v: &View<'_>, j: usize, k: usize) -> Option<Phrase> {
    // One or two letters are an abbreviation cut at its dot or a particle, never a name;
    // nor is a lone adverbial participle (معلقاً، مبتسماً) or a cue's participle stem
    // (يقول قائل: "someone says").
    if k == j + 1 {
        let f = v.form(j);
        let n = f.chars().count();
        if n <= 2
            || (n >= 5
                && f.starts_with('م')
                && f.ends_with('ا')
                && !f.ends_with("ها")
                && !f.ends_with("نا"))
            || participle_stem(v, f)
        {
            return None;
        }
    }
    // A quantifier before the head (بعض المراقبين، أحد الشهود).
    if k > j + 1 && v.is_word(j, Words::QUANTIFIER | Words::SAME) {
        let p = classify(v, j + 1, k)?;
        return Some(Phrase { start: j, ..p });
    }
    let head = v.noun_at(j);
    // After an unnamed-source head, an indefinite nisba is an adjective, not a name
    // (مسؤول سعودي رفيع، مصدر أمني).
    let anon_name = (j + 1..k).any(|i| {
        let f = v.form(i);
        name_like(v, i) && !(f.ends_with('ي') || f.ends_with("يه") || f.ends_with("يين"))
    });
    let (kind, agree) = match head {
        Some(n) => {
            let kind = match n.class {
                NounClass::Title => SpeakerKind::Person,
                NounClass::Anon if anon_name => SpeakerKind::Person,
                NounClass::Anon => SpeakerKind::Anonymous,
                NounClass::Org | NounClass::Country => SpeakerKind::Organization,
                NounClass::Media => SpeakerKind::Media,
                NounClass::Doc => SpeakerKind::Document,
                NounClass::Group => SpeakerKind::Group,
                NounClass::Link => return None,
            };
            (kind, n.agree)
        }
        None => {
            // A proper name: one to four name-like tokens, optionally followed by an
            // apposition (بلينكن وزير الخارجية). A definite common noun right after a
            // name-like word is an object, not a name (ووصف أحدث الجهود).
            let f0 = v.form(j);
            // A definite family name (الصفدي), not a plural or a noun (الإسرائيليين).
            let first_ok = name_like(v, j)
                || (f0.starts_with(ARTICLE)
                    && k - j == 1
                    && !v.known_at(j)
                    && v.definite_name(f0)
                    && !f0.ends_with("ين")
                    && !f0.ends_with("ون")
                    && !f0.ends_with("ات"));
            // A sound masculine plural head is a group of people (المحتجون، صانعو
            // السياسات، المشاركون في القمة).
            let next_def = j + 1 < k && v.form(j + 1).starts_with(ARTICLE);
            let plural = !v.known_at(j)
                && f0.chars().count() >= 5
                && (f0.ends_with("ون") || (f0.ends_with('و') && next_def));
            if plural {
                return Some(Phrase {
                    start: j,
                    end: k,
                    kind: SpeakerKind::Group,
                    agree: Agree::Mp,
                });
            }
            // An unlisted role noun before a name (الناشط فلان الفلاني).
            let role = f0.starts_with(ARTICLE)
                && k - j >= 2
                && k - j <= 5
                && !v.known_at(j)
                && (j + 1..k).all(|t| name_like(v, t));
            if role {
                return Some(Phrase {
                    start: j,
                    end: k,
                    kind: SpeakerKind::Person,
                    agree: Agree::Any,
                });
            }
            if !first_ok {
                return None;
            }
            let mut i = j + 1;
            while i < k && name_like(v, i) {
                i += 1;
            }
            // First name + definite family name ending the phrase (محمد الكسار،).
            if i + 1 == k
                && i > j
                && v.form(i).starts_with(ARTICLE)
                && !v.known_at(i)
                && !v.form(i).ends_with("ين")
                && !v.form(i).ends_with("ون")
                && !v.form(i).ends_with("ات")
            {
                i += 1;
            }
            if i < k && i - j > 4 {
                return None;
            }
            if i < k {
                let h = v.noun_at(i);
                if !matches!(h, Some(n) if n.class == NounClass::Title) {
                    return None;
                }
            }
            (SpeakerKind::Person, Agree::Any)
        }
    };
    Some(Phrase {
        start: j,
        end: k,
        kind,
        agree,
    })
}

/// The SVO subject of a cue at token `i`: the clause before it ("وكان بلينكن قال",
/// "الرئيس الأميركي جو بايدن، قال"). `first` is the sentence's first token.
pub(crate) fn phrase_before(v: &View<'_>, i: usize, first: usize) -> Option<Phrase> {
    if i == first {
        return None;
    }
    // A subject with a relative clause (الوزارة التي أصدرت القرار قالت، ليلى التي نجت
    // قالت، وتونس، التي تستضيف …، أعلنت).
    if let Some(p) = relative_subject(v, i, first) {
        return Some(p);
    }
    // The subject of an SVO clause opens the sentence ("وكان بلينكن قال"، "الرئيس
    // الأميركي جو بايدن، قال"): a phrase in the middle of a sentence is an object.
    if i - first > 10 {
        return None;
    }
    let mut s = first;
    // Skip auxiliaries and connectives (وكان، لكن، كما).
    while s < i && v.is_word(s, Words::AUX) {
        s += 1;
    }
    if s >= i {
        return None;
    }
    let mut end = i;
    while end > s && v.is_word(end - 1, Words::AUX) {
        end -= 1;
    }
    if end <= s {
        return None;
    }
    let p = phrase_at(v, s, end)?;
    (p.end == end).then_some(p)
}

/// An SVO subject followed by its relative clause before the cue at token `i`: the
/// phrase opening the sentence (after connectives) up to a relative pronoun.
pub(crate) fn relative_subject(v: &View<'_>, i: usize, first: usize) -> Option<Phrase> {
    let mut s = first;
    while s < i && v.is_word(s, Words::AUX) {
        s += 1;
    }
    let r = (s + 1..i.min(s + 6)).find(|&t| v.is_word(t, Words::RELATIVE))?;
    // The relative clause runs up to the cue: at most 16 words, no other cue verb and
    // no sentence-level punctuation but commas.
    if i - r > 16 || (r + 1..i).any(|t| v.cue_at(t).is_some() && v.noun_at(t).is_none()) {
        return None;
    }
    let p = phrase_at(v, s, r)?;
    (p.end == r).then_some(p)
}

/// True when a one-letter abbreviation (د. for دكتور، م. for مهندس، أ. for أستاذ) ends
/// at token `k - 1` and its period is the gap before `k`: the name goes on.
pub(crate) fn abbreviation_gap(ctx: &View<'_>, k: usize) -> bool {
    k > 0
        && ctx.form(k - 1).chars().count() == 1
        && ctx.noun_at(k - 1).is_some()
        && ctx.gap(k).chars().all(|c| c == '.' || c.is_whitespace())
        && ctx.gap(k).contains('.')
}

/// True when `f` + ا is a cue participle (قائل → قائلا): a participle stem, no name. Tried
/// only for words a participle stem can be (at least three letters, not ending in ا), with a
/// stack buffer: no allocation per phrase.
fn participle_stem(ctx: &View<'_>, f: &str) -> bool {
    const ALEF: &str = "ا";
    if f.ends_with(ALEF) || f.chars().nth(2).is_none() || f.len() + ALEF.len() > 64 {
        return false;
    }
    let mut buf = [0u8; 64];
    buf[..f.len()].copy_from_slice(f.as_bytes());
    buf[f.len()..f.len() + ALEF.len()].copy_from_slice(ALEF.as_bytes());
    std::str::from_utf8(&buf[..f.len() + ALEF.len()]).is_ok_and(|w| ctx.lex.cue(w).is_some())
}
