//! Reporting cues and their content: one pass over the tokens of each quotable sentence.
//!
//! A cue (a reporting verb form from `data/quotes/cues.txt`, matched on folded tokens with
//! the conjunctions و ف stripped) makes a quote only when its complement is found after the
//! speaker phrase and a few adjuncts: a complementizer (إن، أن، بأن، إلى أن، على أن …), a
//! colon, a quotation mark, or for some verbs a preposition (شدد على …). This is what keeps
//! non-speech senses out (تابع المباراة، لفت الانتباه، شدد الإجراءات، نجاحاً مؤكداً).

use super::WINDOW;
use crate::quotes::lexicon::{ANNA, ARTICLE, BI, FA, FI, WA};
use crate::quotes::lexicon::{Comp, CueFlags, CueForm, CueType, Words};
use crate::quotes::rules::relay::{aside, cue_before, relay_aside_end, relay_opener_before};
use crate::quotes::speaker::Phrase;
use crate::quotes::speaker::phrase::{name_like, phrase_at, phrase_before};
use crate::quotes::speaker::subject::{
    construct_subject, family_name_end, governor_subject, np_subject, quoted_subject,
    skip_addressee, skip_adjuncts, skip_time,
};
use crate::quotes::view::{View, trim_clause};
use crate::quotes::{QuoteKind, Raw, Rule, Who};
use crate::span::Span;

/// Where a cue's content starts.
enum Start {
    /// Indirect content from this token (after a complementizer or a preposition).
    Tok(usize),
    /// Indirect NP content (أعلن الجيش مقتل …, شدد على …): lower confidence.
    Np(usize),
    /// Direct content: the mark with this index.
    Mark(usize),
    /// Content after a colon, from this token.
    Colon(usize),
    /// A colon ends the sentence: the content is the next paragraph.
    NextPara(usize),
}

/// لسان حال (the state's tongue): figurative speech.
const TONGUE: &str = "لسان";
const STATE: &str = "حال";

/// A cue token and its sentence: what every step of [`cue_quote`] reads.
struct Site<'l> {
    /// The cue's token.
    i: usize,
    /// Its sentence, and the sentence's token range `a..b`.
    si: usize,
    a: usize,
    b: usize,
    form: CueForm,
    flags: &'l CueFlags,
}

/// The cue's speaker request and where its subject ends.
struct Subject {
    who: Who,
    /// The first token after the subject (and later after the adjuncts).
    j: usize,
    /// A subject was found after the cue (not a request for an earlier speaker).
    explicit: bool,
}

/// A cue at token `i`, its speaker and its content: the cue rules `cue_complementizer`,
/// `cue_object`, `cue_colon`, `cue_direct` and `cue_colon_paragraph`, in five steps.
pub(crate) fn cue_quote(v: &View<'_>, i: usize, si: usize, used: &mut [bool]) -> Option<Raw> {
    let form = v.cue_at(i)?;
    let (a, b) = v.sent_toks[si];
    let site = Site {
        i,
        si,
        a,
        b,
        form,
        flags: v.lex.flags(form.lemma),
    };
    if form.ty == CueType::Noun || blocked(v, &site) {
        return None;
    }
    let mut subject = subject(v, &site)?;
    if !clause_ok(v, &site, &subject) {
        return None;
    }
    let (start, k) = complement(v, &site, &mut subject, used);
    let start = start?;
    if !start_ok(v, &site, &subject, &start, k) {
        return None;
    }
    content(v, &site, subject.who, start, used)
}

/// Step 1: a cue word that reports nothing here: inside a quotation, negated, the verb of
/// a relay in passing, a verbal noun after a preposition, figurative speech, evidence as
/// its subject or object, part of an author aside.
fn blocked(v: &View<'_>, site: &Site<'_>) -> bool {
    let Site { i, a, b, .. } = *site;
    // Speech inside a quoted passage belongs to that passage.
    let m = v.in_mark[i];
    if m > 0 && v.mark_tokens(m as usize - 1) >= 4 {
        return true;
    }
    if i > a && v.is_bare_word(i - 1, Words::NEGATOR) {
        return true;
    }
    // The verb of a relay in passing (وأضاف الوزير - حسبما ذكرت قناة X - أن …) reports
    // the channel, not a quote of its own.
    if let Some(o) = relay_opener_before(v, i, a) {
        if relay_aside_end(v, o, b).is_some() && cue_before(v, a, o) {
            return true;
        }
    }
    // After a preposition the word is a verbal noun, not a verb (عبر كشف طرق …، بعد
    // إعلان النتائج، من خلال تأكيد …).
    if i > a && !v.gap_has_punct(i) && v.is_bare_word(i - 1, Words::AFTER_PREP) {
        return true;
    }
    // Figurative speech: "ولسان حال العائلة يقول" (the family's state says) reports no
    // statement (the guidelines make it optional at most).
    if (i.saturating_sub(12).max(a)..i).any(|t| {
        crate::tokens::strip_conjunction(v.form(t)) == TONGUE
            && t + 1 < i
            && v.form(t + 1).starts_with(STATE)
    }) {
        return true;
    }
    // Evidence does not speak: الفحوصات أكدت، علامة تشير، الأرقام تؤكد.
    if i > a && !v.gap_has_punct(i) && v.lex.is_thing(v.form(i - 1)) {
        return true;
    }
    if i + 1 < b && !v.gap_has_punct(i + 1) && v.lex.is_thing(v.form(i + 1)) {
        return true;
    }
    aside(v, i) || (i > a && aside(v, i - 1))
}

/// Step 2: the speaker request: a subject after the cue (a phrase, a quoted source, an
/// honorific pronoun, the source of a relay, the document of جاء في), else the SVO subject
/// before it, a pronoun connective, the previous speaker (a verb), or the governing
/// clause's subject (a participle). `None` when a جاء في cue has no document.
fn subject(v: &View<'_>, site: &Site<'_>) -> Option<Subject> {
    let Site {
        i,
        a,
        b,
        form,
        flags,
        ..
    } = *site;
    let mut j = i + 1;
    let mut who = Who::Nobody;
    let mut subject = false;
    if form.ty != CueType::Passive {
        if flags.within {
            // جاء في البيان / ورد في التقرير
            if j < b && v.form(j) == FI {
                if let Some(p) = phrase_at(v, j + 1, b) {
                    who = Who::Phrase(p);
                    j = p.end;
                    subject = true;
                } else {
                    return None;
                }
            } else {
                return None;
            }
        } else if form.ty != CueType::Participle {
            // A participle's subject is its governing clause's (مؤكداً، مشيداً بـ…):
            // what follows it is its object, never a speaker.
            let j0 = j;
            j = skip_addressee(v, j, b);
            j = skip_time(v, j, b);
            let quoted = j < b
                && j == j0
                && v.gap_has_punct(j)
                && v.mark_opens_before(j)
                && !v.gap_has(j, ':');
            if quoted {
                if let Some((p, next)) = quoted_subject(v, j, b) {
                    who = Who::Phrase(p);
                    j = next;
                    subject = true;
                }
            } else if j < b && (j != j0 || !v.gap_has_punct(j)) {
                if let Some(ag) = v.lex.honorific(v.form(j)) {
                    // أكد سموه أن …: the person named before.
                    who = Who::Pronoun(ag, j);
                    j += 1;
                    subject = true;
                } else if let Some((p, next)) = quoted_subject(v, j, b) {
                    who = Who::Phrase(p);
                    j = next;
                    subject = true;
                } else if let Some(p) = phrase_at(v, j, b)
                    .or_else(|| np_subject(v, j, b, form.agree))
                    .or_else(|| construct_subject(v, j, b))
                {
                    who = Who::Phrase(p);
                    j = p.end;
                    subject = true;
                }
            }
        } else if j < b && v.lex.honorific(v.form(j)).is_some() {
            // مشيراً سموه إلى أن …: the pronoun names no one new.
            j += 1;
        }
        if flags.relay {
            // نقلت وكالة «رويترز» عن مسؤول قوله إن …: the innermost source speaks.
            let mut k = j;
            let src = |k: usize| v.is_word(k, Words::RELAY_SOURCE);
            while k < b && k - j < 6 && !src(k) && v.cue_at(k).is_none() {
                k += 1;
            }
            if k < b && src(k) {
                if let Some(p) = phrase_at(v, k + 1, b) {
                    who = Who::Phrase(p);
                    j = p.end;
                    subject = true;
                }
            }
        }
        if j < b && v.lex.cue(v.form(j)).is_some_and(|c| c.ty == CueType::Noun) {
            j += 1;
        }
        if !subject {
            who = if form.ty == CueType::Verb {
                match phrase_before(v, i, a) {
                    Some(p) => Who::Phrase(p),
                    None => match (i > a).then(|| v.pronoun_agree(i - 1)).flatten() {
                        Some(ag) => Who::Pronoun(ag, i - 1),
                        None => Who::Continue(form.agree),
                    },
                }
            } else {
                Who::Governing(form.agree, governor_subject(v, a, i))
            };
        }
    }
    Some(Subject {
        who,
        j,
        explicit: subject,
    })
}

/// Step 3: a cue that cannot open this clause: a homograph not at a clause start or with a
/// weak subject, a relay verb without a source, an impersonal passive (يُتوقع أن).
fn clause_ok(v: &View<'_>, site: &Site<'_>, s: &Subject) -> bool {
    let Site {
        i,
        a,
        b,
        form,
        flags,
        ..
    } = *site;
    let (who, j, subject) = (s.who, s.j, s.explicit);
    // A homograph (عبر "via", بين "between", كتب "books") is a cue only at a clause
    // start (sentence start, after punctuation, with و/ف, after قد/كما/لكنه) and with a
    // clear subject: a lexicon head or a proper name, not a definite common noun.
    if flags.amb {
        let f = v.form(i);
        let clause_start = i == a
            || v.gap_has_punct(i)
            || f.starts_with('و')
            || f.starts_with('ف')
            || v.is_word(i - 1, Words::CLAUSE_OPENER)
            || (!subject && phrase_before(v, i, a).is_some());
        if !clause_start {
            return false;
        }
        if let Who::Phrase(p) = who {
            // A definite family name right before the complementizer is a subject too
            // (وبيّن الجيار أن …).
            let weak = v.noun_at(p.start).is_none()
                && !name_like(v, p.start)
                && !(p.end == p.start + 1
                    && v.form(p.start).starts_with(ARTICLE)
                    && matches!(v.comp_at(p.end), Some(Comp::That | Comp::Bi)));
            if weak {
                return false;
            }
        }
    }
    // A relay verb without a source (نقل "moved") is no cue.
    if flags.relay && !subject {
        return false;
    }
    // A subject-less imperfect opening its sentence and followed at once by أن is the
    // impersonal passive (يُتوقع أن، يُعتقد أن: "it is expected that"), not speech.
    if form.ty == CueType::Verb
        && matches!(who, Who::Continue(_))
        && crate::tokens::strip_conjunction(v.form(i)).starts_with('ي')
        && (i == a || (i == a + 1 && matches!(v.form(a), WA | FA)))
        && j < b
        && v.form(j) == ANNA
    {
        return false;
    }
    true
}

/// Step 4: the complement after the subject and its adjuncts: a quotation, a colon, a
/// complementizer, a preposition, or an NP object; and the token where the search stopped.
/// May end the subject earlier (an object verb's subject that ran over its object).
fn complement(
    v: &View<'_>,
    site: &Site<'_>,
    s: &mut Subject,
    used: &[bool],
) -> (Option<Start>, usize) {
    let Site {
        i,
        si,
        a,
        b,
        form,
        flags,
    } = *site;
    let subject = s.explicit;
    let (mut who, mut j) = (s.who, s.j);
    // Adjuncts between the subject and the complement: في تصريحات له، أمس، …; خلال
    // مؤتمر صحافي عقده …، …; في هذا الصدد; أيضاً.
    let before_adjuncts = j;
    if subject || form.ty == CueType::Participle || matches!(who, Who::Phrase(_)) {
        j = skip_adjuncts(v, j, b);
    }
    // An object after an aside set off by commas (فلان، خلال مؤتمر صحافي، زيادة …).
    let after_aside = j > before_adjuncts;
    // The complement: directly after the subject for homographs (a quotation mark may
    // stand further, after adjuncts: وكتب فلان في دفتر الزوار، "…").
    let window = WINDOW;
    let strict = flags.amb;
    let mut start = None;
    let mut relative = false;
    let mut k = j;
    while k <= b && k - j <= window {
        let mb = if k < v.toks.len() {
            v.mark_before[k]
        } else {
            0
        };
        if k > i + 1 || k == j {
            // A mark may also open the next sentence right after a colon that ends the
            // cue's own (the splitter ends a sentence at «... when the quotation opens
            // with an ellipsis).
            if (k < b || (k == b && v.gap_has(k, ':'))) && mb > 0 {
                let mi = mb as usize - 1;
                let colon = v.gap_has(k, ':');
                // An object verb (وصف X بأنه "…") keeps its object: no bare mark start.
                let obj_wait =
                    flags.obj && !colon && (j..b).any(|t| v.comp_at(t) == Some(Comp::Bi));
                if !used[mi] && !obj_wait && (colon || v.mark_tokens(mi) >= 3) && !v.is_term(mi) {
                    start = Some(Start::Mark(mi));
                    break;
                }
            }
            if k > a && v.gap_has(k, ':') {
                // A colon after the sentence's last word opens the next paragraph only
                // when nothing follows on the cue's own line (see `ends_paragraph`).
                start = if k < b {
                    Some(Start::Colon(k))
                } else if v.ends_paragraph(si) {
                    Some(Start::NextPara(si))
                } else {
                    None
                };
                break;
            }
        }
        if k >= b {
            break;
        }
        // Without a subject, a homograph needs its complement at once.
        if strict && (k - j > 2 || (!subject && k > j)) {
            k += 1;
            continue;
        }
        let f = v.form(k);
        match v.comp_at(k) {
            Some(Comp::That | Comp::Bi | Comp::Fa) if !flags.obj || k == j => {
                if k + 1 < b {
                    start = Some(Start::Tok(k + 1));
                } else if k + 1 == b && v.gap_has(k + 1, ':') && v.ends_paragraph(si) {
                    start = Some(Start::NextPara(si));
                }
                break;
            }
            Some(Comp::Prep) => {
                if k + 1 < b && matches!(v.comp_at(k + 1), Some(Comp::That)) {
                    if k + 2 < b {
                        start = Some(Start::Tok(k + 2));
                    }
                    break;
                }
                if flags.pp.iter().any(|p| p == f) && k - j <= 2 && k + 1 < b {
                    start = Some(Start::Np(k + 1));
                    break;
                }
            }
            _ => {}
        }
        if flags.pp.iter().any(|p| p == BI) && k == j && f.starts_with('ب') && f.len() > 4 {
            start = Some(Start::Np(k));
            break;
        }
        // A cue inside a relative clause of the subject (فلان الذي جاء …، "…") does
        // not end the search.
        if v.is_word(k, Words::RELATIVE_SHORT) {
            relative = true;
        }
        // A relay in passing (، حسبما ذكرت قناة X، أن …): the channel, not the speaker.
        if let Some(e) = relay_aside_end(v, k, b) {
            k = e;
            continue;
        }
        if k > j && !relative && v.cue_at(k).is_some_and(|c| c.ty != CueType::Noun) {
            break;
        }
        k += 1;
    }
    if flags.obj && start.is_none() {
        // وصف X بأنه …: the object and its description are the content.
        let has_bi = (j..b).any(|k| v.comp_at(k) == Some(Comp::Bi));
        if has_bi && j < b {
            start = Some(Start::Np(j));
        }
    }
    // An object verb whose subject phrase ran over its object (توقع محافظ البنك فهد
    // المبارك زيادةَ العجز): the subject ends with its definite family name.
    if flags.np && start.is_none() && subject {
        if let Who::Phrase(p) = who {
            if let Some(m) = family_name_end(v, &p) {
                who = Who::Phrase(Phrase { end: m, ..p });
                j = m;
            }
        }
    }
    if flags.np
        && start.is_none()
        && (subject || (form.ty == CueType::Participle && j == i + 1 && !v.gap_has_punct(j)))
    {
        let mut k = j;
        while k < b && k - j < 3 && v.stop_at(k) && !v.gap_has_punct(k) {
            k += 1;
        }
        if k < b && !v.known_at(k) && (!v.gap_has_punct(k) || (k == j && after_aside)) {
            start = Some(Start::Np(k));
        }
    }
    s.who = who;
    s.j = j;
    (start, k)
}

/// Step 5: the complement found fits the cue: a homograph's quotation stands close to a
/// person subject, and a colon line is no byline (كتب: فلان الفلاني).
fn start_ok(v: &View<'_>, site: &Site<'_>, s: &Subject, start: &Start, k: usize) -> bool {
    let Site {
        i, si, a, flags, ..
    } = *site;
    let (who, j, strict) = (s.who, s.j, flags.amb);
    if strict {
        if let Start::Mark(_) = *start {
            if !matches!(who, Who::Phrase(p) if p.kind == crate::quotes::SpeakerKind::Person)
                && k - j > 2
            {
                return false;
            }
        }
    }
    // "كتب: فلان الفلاني" is a byline, not speech: a line that is only a cue, a colon
    // and a few words.
    if let Start::Colon(k) = *start {
        let n = v.sent_toks[si].1 - k;
        let line_start = i == a && (si == 0 || v.sents[si - 1].paragraph != v.sents[si].paragraph);
        if n <= 4 && (line_start || (k..k + n).all(|t| name_like(v, t))) {
            return false;
        }
    }
    true
}

/// The quote: its content from the complement, its kind, rule and confidence.
fn content(
    v: &View<'_>,
    site: &Site<'_>,
    who: Who,
    start: Start,
    used: &mut [bool],
) -> Option<Raw> {
    let Site { i, si, .. } = *site;
    let cue = Some(v.toks[i].span);
    let (kind, content, rule, conf, cuttable) = match start {
        Start::Tok(k) => {
            let c = v.clause(v.content_start(k), si);
            (v.kind_of(c), c, Rule::CueComplementizer, 0.9, true)
        }
        Start::Np(k) => {
            // An NP object ends before a relative clause set off by a comma
            // (أشاد بحكم المحكمة، الذي وصفه بـ…).
            let mut c = v.clause(v.content_start(k), si);
            let range = v.tokens.range_in(c);
            if let Some(t) = (range.start + 1..range.end)
                .find(|&t| v.is_word(t, Words::RELATIVE_SHORT) && v.gap(t).contains(['،', ',']))
            {
                c = trim_clause(v.text, Span::new(c.start, v.toks[t - 1].span.end));
            }
            (v.kind_of(c), c, Rule::CueObject, 0.6, true)
        }
        Start::Colon(k) => {
            let c = v.clause(v.content_start(k), si);
            (v.kind_of(c), c, Rule::CueColon, 0.85, true)
        }
        Start::Mark(mi) => {
            used[mi] = true;
            (
                QuoteKind::Direct,
                v.marks[mi].content,
                Rule::CueDirect,
                0.95,
                false,
            )
        }
        Start::NextPara(si) => {
            let (c, mark) = v.next_paragraph(si)?;
            if let Some(mi) = mark {
                used[mi] = true;
                (QuoteKind::Direct, c, Rule::CueColonParagraph, 0.85, false)
            } else {
                (v.kind_of(c), c, Rule::CueColonParagraph, 0.7, false)
            }
        }
    };
    if content.is_empty() || v.tokens.range_in(content).is_empty() {
        return None;
    }
    let sentence = v.sentence_of(content.start).unwrap_or(si);
    Some(Raw {
        kind,
        content,
        cue,
        at: i,
        who,
        sentence,
        confidence: conf,
        rule,
        cuttable,
    })
}
