//! Subject phrases of a cue that are no plain speaker phrase: a quoted source, a noun phrase
//! or construct headed by an unlisted noun, the subject of a governing non-speech verb; and
//! the adjuncts skipped between a cue, its subject and its complement.

use crate::quotes::SpeakerKind;
use crate::quotes::lexicon::{ARTICLE, BI_ARTICLE, FI, KA_ARTICLE, LI, LIL, WA_ARTICLE};
use crate::quotes::lexicon::{Agree, Comp, CueType, NounClass, Words};
use crate::quotes::speaker::Phrase;
use crate::quotes::speaker::phrase::{classify, name_like, phrase_at};
use crate::quotes::view::View;

/// A source named in quotation marks right after the cue (وذكرت "أرامكو" في بيان أن …،
/// وقالت «نقابة الأطباء» إن …): the phrase inside the marks and the token after them,
/// when a complementizer follows (after at most a short adjunct).
pub(crate) fn quoted_subject(v: &View<'_>, j: usize, b: usize) -> Option<(Phrase, usize)> {
    let mb = v.mark_before[j];
    if mb == 0 || v.gap_has(j, ':') {
        return None;
    }
    let mi = mb as usize - 1;
    let m = v.marks[mi];
    let n = v.mark_tokens(mi);
    if m.close.is_none() || n == 0 || n > 4 {
        return None;
    }
    let inner = v.tokens.range_in(m.content);
    let after = v.tokens.first_at_or_after(m.outer().end);
    if after >= b {
        return None;
    }
    let comp_at = |t: usize| matches!(v.comp_at(t), Some(Comp::That | Comp::Bi));
    // An apposition or a short adjunct may stand between the name and the complement
    // (وقالت "فلانة" الباحثة في الجامعة إن …، وذكرت «الشركة» في بيان أن …).
    let ok = comp_at(after)
        || ((after + 1..b.min(after + 8)).any(comp_at)
            && (after..b.min(after + 8))
                .take_while(|&t| !comp_at(t))
                .all(|t| {
                    (t == after || !v.gap_has_punct(t))
                        && !v.mark_opens_before(t)
                        && v.cue_at(t).is_none()
                }));
    if !ok {
        return None;
    }
    let p = classify(v, inner.start, inner.end).unwrap_or(Phrase {
        start: inner.start,
        end: inner.end,
        kind: SpeakerKind::Organization,
        agree: Agree::Any,
    });
    Some((
        Phrase {
            start: inner.start,
            end: inner.end,
            ..p
        },
        after,
    ))
}

/// على هامش (on the sidelines of) and إلى جانب (beside), folded: adjunct openers whatever
/// their noun.
const ALA: &str = "علي";
const HAMISH: &str = "هامش";
const ILA: &str = "الي";
const JANIB: &str = "جانب";

/// A subject whose head is in no lexicon (أعضاء المجلس البلدي، مصالح الأرصاد الجوية،
/// والدا الطفل، ثلثا المشاركين في الاستطلاع): the noun phrase between a cue and its
/// complementizer, when nothing else can stand there.
pub(crate) fn np_subject(v: &View<'_>, j: usize, b: usize, verb: Agree) -> Option<Phrase> {
    let max = b.min(j + 8);
    let mut c = j;
    while c < max {
        if c > j && (v.gap_has_punct(c) || v.mark_opens_before(c)) {
            return None;
        }
        if matches!(v.comp_at(c), Some(Comp::That | Comp::Bi)) {
            break;
        }
        if v.cue_at(c).is_some() && v.noun_at(c).is_none() {
            return None;
        }
        if v.stop_at(c) && v.noun_at(c).is_none() && v.form(c) != FI {
            return None;
        }
        c += 1;
    }
    if c >= max || c == j || v.form(j) == FI || v.form(c - 1) == FI {
        return None;
    }
    let f0 = v.form(j);
    let bad_start = f0.starts_with(LIL)
        || f0.starts_with(BI_ARTICLE)
        || f0.starts_with(KA_ARTICLE)
        || (v.known_at(j) && v.noun_at(j).is_none())
        || v.lex.is_thing(f0)
        || f0
            .chars()
            .any(|ch| ch.is_ascii_alphanumeric() || ch.is_numeric());
    if bad_start {
        return None;
    }
    let head = crate::quotes::lexicon::strip_article(crate::tokens::strip_conjunction(f0));
    let single = c - j == 1;
    let plural = head.ends_with("ون") || head.ends_with("ين");
    // One indefinite word before إن is an adverb (مجدداً، أيضاً) or a name (handled by
    // the phrase parser): not a subject.
    if single && (!f0.starts_with(ARTICLE) || head.ends_with('ا')) && !plural {
        return None;
    }
    let next_def = j + 1 < c && v.form(j + 1).starts_with(ARTICLE);
    let (kind, agree) = if plural || (head.ends_with('و') && next_def) {
        (SpeakerKind::Group, Agree::Mp)
    } else if head.ends_with('ا') && next_def {
        (SpeakerKind::Group, Agree::D)
    } else {
        let a = match verb {
            Agree::Ms | Agree::Fs | Agree::Mp | Agree::D => verb,
            Agree::Any => Agree::Any,
        };
        (SpeakerKind::Organization, a)
    };
    Some(Phrase {
        start: j,
        end: c,
        kind,
        agree,
    })
}

/// The first token from `a` (before `end`) that is not a clause connective (و، ف، قد،
/// كما، ثم): where a sentence's verb stands.
pub(crate) fn after_connectives(v: &View<'_>, a: usize, end: usize) -> usize {
    let mut s = a;
    while s < end && v.is_word(s, Words::CONNECTIVE) {
        s += 1;
    }
    s
}

/// The subject of a non-speech main verb opening the sentence of a participle cue at
/// token `i` (أشاد رئيس النادي فلان بأداء اللاعبين، مؤكداً …؛ استقبل أمير المنطقة وفداً
/// …، مشيراً سموه …). `a` is the sentence's first token.
pub(crate) fn governor_subject(v: &View<'_>, a: usize, i: usize) -> Option<Phrase> {
    let s = after_connectives(v, a, i);
    if s + 1 >= i {
        return None;
    }
    let f = v.form(s);
    let listed = v.lex.is_governor(f);
    // Any other word opening the sentence that no lexicon knows and that is no noun
    // (no article, no digit) is read as its verb when a titled or institutional
    // subject follows (رفع رئيس الاتحاد فلان التهنئة …، مؤكداً …).
    let verb_like = !listed
        && !v.known_at(s)
        && !f.starts_with(ARTICLE)
        && !f.starts_with(WA_ARTICLE)
        && !f.chars().any(|c| c.is_numeric() || c.is_ascii_alphabetic())
        && f.chars().count() >= 3;
    if !listed && !verb_like {
        return None;
    }
    let head_class = |t: usize| {
        v.noun_at(t).is_some_and(|n| {
            matches!(
                n.class,
                NounClass::Title | NounClass::Org | NounClass::Country | NounClass::Group
            )
        })
    };
    // An unlisted verb needs a lexicon head right after it: checked before parsing.
    if !listed && !head_class(s + 1) {
        return None;
    }
    let p = phrase_at(v, s + 1, i)?;
    let headed = head_class(p.start);
    let named = (p.start..p.end).any(|t| name_like(v, t));
    let ok = if listed {
        headed || named || p.kind == SpeakerKind::Group
    } else {
        headed
    };
    ok.then_some(p)
}

/// The subject after a cue verb opening the sentence at token `a`, whether or not the
/// verb reports anything here (وكشف والدا الطفل تفاصيل الحادثة): a later subject-less
/// verb (وقالا) may refer to it.
pub(crate) fn cue_subject(v: &View<'_>, a: usize, b: usize) -> Option<Phrase> {
    let s = after_connectives(v, a, b);
    if s + 1 >= b || v.gap_has_punct(s + 1) {
        return None;
    }
    if !v.cue_at(s).is_some_and(|c| c.ty == CueType::Verb) {
        return None;
    }
    let j = skip_time(v, s + 1, b);
    if let Some(p) = phrase_at(v, j, b) {
        return Some(p);
    }
    construct_subject(v, j, b)
}

/// A dual or plural head in construct with a definite noun, with its definite
/// adjectives (والدا الطفل المفقود، ممثلو الشركات): a group whatever the head word.
pub(crate) fn construct_subject(v: &View<'_>, j: usize, b: usize) -> Option<Phrase> {
    let f = v.form(j);
    if j + 1 >= b || f.chars().count() < 4 || v.known_at(j) || f.starts_with(ARTICLE) {
        return None;
    }
    let dual = f.ends_with('ا');
    if !(dual || f.ends_with('و')) {
        return None;
    }
    let mut e = j + 1;
    while e < b
        && e - j <= 4
        && !v.gap_has_punct(e)
        && v.form(e).starts_with(ARTICLE)
        && v.cue_at(e).is_none()
    {
        e += 1;
    }
    (e > j + 1).then_some(Phrase {
        start: j,
        end: e,
        kind: SpeakerKind::Group,
        agree: if dual { Agree::D } else { Agree::Mp },
    })
}

/// Within a person phrase that runs on past its name, the end of the name: a definite
/// family name after a first name, with a title earlier in the phrase.
pub(crate) fn family_name_end(v: &View<'_>, p: &Phrase) -> Option<usize> {
    if p.kind != SpeakerKind::Person {
        return None;
    }
    (p.start + 2..p.end.saturating_sub(1)).find_map(|m| {
        let f = v.form(m);
        let family = f.starts_with(ARTICLE)
            && name_like(v, m - 1)
            && !v.known_at(m)
            && v.noun_at(m).is_none()
            && (p.start..m - 1).any(|t| v.noun_at(t).is_some_and(|n| n.class == NounClass::Title));
        family.then_some(m + 1)
    })
}

/// The first token after the adjuncts that may stand between a cue's subject and its
/// complement: adverbs (أيضاً، كذلك، مجدداً), time words, "له/لها", a في/خلال phrase
/// opening with a speech event or a demonstrative (في تصريحات، خلال مؤتمر صحافي، في هذا
/// الصدد), and an aside set off by commas that holds no complementizer or cue.
pub(crate) fn skip_adjuncts(v: &View<'_>, j: usize, b: usize) -> usize {
    let mut k = j;
    let mut guard = 0;
    while k < b && guard < 8 {
        guard += 1;
        let f = v.form(k);
        if v.is_word(k, Words::ADVERB | Words::TIME | Words::DATIVE) {
            k += 1;
            continue;
        }
        let opener = v.is_word(k, Words::ADJUNCT_OPENER);
        if opener && k + 1 < b {
            let n = v.form(k + 1);
            let event = v.lex.is_event(n)
                || v.is_word(k + 1, Words::DEMONSTRATIVE)
                || (f == ALA && n == HAMISH)
                || (f == ILA && n == JANIB);
            if !event {
                break;
            }
            // The adjunct runs to the next comma when one closes it within reach,
            // else over the event word (and its demonstrative's noun).
            let mut e = k + 1;
            while e < b && e - k < 20 && !v.gap(e).contains(['،', ',']) {
                if matches!(v.comp_at(e), Some(Comp::That | Comp::Bi | Comp::Fa))
                    || (v.cue_at(e).is_some() && v.noun_at(e).is_none())
                    || v.mark_opens_before(e)
                {
                    break;
                }
                e += 1;
            }
            k = if e < b && v.gap(e).contains(['،', ',']) {
                e
            } else if v.is_word(k + 1, Words::DEMONSTRATIVE) {
                (k + 3).min(b)
            } else {
                k + 2
            };
            continue;
        }
        break;
    }
    k
}

/// Skip a time adjunct between a cue and its subject (ذكر الأسبوع الماضي المدعي العام
/// …، قال اليوم الوزير …) when a subject follows it.
pub(crate) fn skip_time(v: &View<'_>, j: usize, b: usize) -> usize {
    let mut k = j;
    while k < b && k - j < 3 && v.is_word(k, Words::TIME) && (k == j || !v.gap_has_punct(k)) {
        k += 1;
    }
    if k > j && k < b && !v.gap_has_punct(k) && phrase_at(v, k, b).is_some() {
        k
    } else {
        j
    }
}

/// Skip an addressee between a cue and its subject: كشف لـ«عكاظ» وكيل الوزارة …،
/// قال للصحفيين الوزير … (a ل before a quoted outlet, or a ل-word that is no source).
pub(crate) fn skip_addressee(v: &View<'_>, j: usize, b: usize) -> usize {
    if j >= b {
        return j;
    }
    let f = v.form(j);
    if f == LI && j + 1 < b && v.mark_before[j + 1] > 0 {
        let m = v.marks[v.mark_before[j + 1] as usize - 1];
        let k = v.tokens.first_at_or_after(m.outer().end);
        return if k < b { k } else { j };
    }
    if f.starts_with('ل') && f.chars().count() > 3 {
        let addressee = match v.lex.noun_after_prep(f) {
            Some(n) => matches!(
                n.class,
                crate::quotes::lexicon::NounClass::Media | crate::quotes::lexicon::NounClass::Group
            ),
            None => f.starts_with(LIL),
        };
        if addressee {
            let mut k = j + 1;
            while k < b && k - j < 4 && !v.gap_has_punct(k) {
                if v.noun_at(k).is_some_and(|n| {
                    matches!(
                        n.class,
                        crate::quotes::lexicon::NounClass::Title
                            | crate::quotes::lexicon::NounClass::Org
                    )
                }) {
                    return k;
                }
                k += 1;
            }
        }
    }
    j
}
