//! Reporting cues and their content: one pass over the tokens of each quotable sentence.
//!
//! A cue (a reporting verb form from `data/quotes/cues.txt`, matched on folded tokens with
//! the conjunctions و ف stripped) makes a quote only when its complement is found after the
//! speaker phrase and a few adjuncts: a complementizer (إن، أن، بأن، إلى أن، على أن …), a
//! colon, a quotation mark, or for some verbs a preposition (شدد على …). This is what keeps
//! non-speech senses out (تابع المباراة، لفت الانتباه، شدد الإجراءات، نجاحاً مؤكداً).

use super::lexicon::NounClass;
use super::lexicon::{Agree, AttrType, Comp, CueType};
use super::speaker::{Phrase, pronoun_agree};
use super::{Ctx, QuoteKind, Raw, Rule, SpeakerKind, Who};
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

/// Most tokens scanned between the speaker phrase and the complement (adjuncts such as
/// "في مؤتمر صحفي عقده في الدوحة اليوم").
const WINDOW: usize = 25;

/// Time words that may stand between a cue and its subject.
fn is_time_word(f: &str) -> bool {
    matches!(
        f,
        "اليوم"
            | "امس"
            | "غدا"
            | "الاسبوع"
            | "الشهر"
            | "العام"
            | "الماضي"
            | "الماضيه"
            | "الحالي"
            | "الجاري"
            | "المقبل"
            | "الاحد"
            | "الاثنين"
            | "الثلاثاء"
            | "الاربعاء"
            | "الخميس"
            | "الجمعه"
            | "السبت"
            | "صباح"
            | "مساء"
            | "ظهر"
            | "فجر"
            | "مؤخرا"
            | "سابقا"
            | "صباحا"
            | "مساءا"
    )
}

/// Adverbs that may stand between a cue's subject and its complement.
fn is_adverb(f: &str) -> bool {
    matches!(
        f,
        "ايضا"
            | "كذلك"
            | "مجددا"
            | "سابقا"
            | "لاحقا"
            | "مرارا"
            | "صراحه"
            | "امس"
            | "بدوره"
            | "بدورها"
    )
}

/// Particles that negate or defer a cue (لم يقل، لن يعلن، سوف يقول، لو قال).
fn negated(f: &str) -> bool {
    matches!(
        crate::tokens::strip_conjunction(f),
        "لم" | "لن" | "لا" | "سوف" | "لو" | "ما" | "ان" | "رفض" | "امتنع" | "دون" | "غير"
    ) || f == "لم"
}

impl Ctx<'_> {
    /// All quotes of the document, in text order, before speaker resolution.
    pub(crate) fn find_quotes(&self) -> Vec<Raw> {
        let mut raws: Vec<Raw> = Vec::new();
        let mut used = vec![false; self.marks.len()];
        for si in 0..self.sents.len() {
            if !self.quotable(si) {
                continue;
            }
            let (a, b) = self.sent_toks[si];
            if a >= b {
                continue;
            }
            if let Some(r) = self.headline(si, &mut used) {
                raws.push(r);
            }
            let mut i = a;
            while i < b {
                if let Some((r, next)) = self.attribution(i, si, &mut used) {
                    raws.push(r);
                    i = next.max(i + 1);
                    continue;
                }
                if let Some(r) = self.cue_quote(i, si, &mut used) {
                    if r.rule == Rule::CueColonParagraph {
                        self.bullets(r, &mut raws);
                    } else {
                        raws.push(r);
                    }
                }
                i += 1;
            }
        }
        self.free_marks(&mut raws, &mut used);
        raws.sort_by_key(|r| (r.content.start, r.at));
        raws.dedup_by(|b, a| b.content == a.content);
        self.cut_siblings(&mut raws);
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

    /// True when tokens from `i` spell an author aside (يذكر أن، من المقرر أن).
    fn aside(&self, i: usize) -> bool {
        let f = self.form(i);
        let f0 = crate::tokens::strip_conjunction(f);
        let Some(rests) = self.lex.asides.get(f0).or_else(|| self.lex.asides.get(f)) else {
            return false;
        };
        rests.iter().any(|rest| {
            rest.iter()
                .enumerate()
                .all(|(n, w)| i + 1 + n < self.toks.len() && self.form(i + 1 + n) == w)
        })
    }

    /// A cue at token `i`, its speaker and its content.
    fn cue_quote(&self, i: usize, si: usize, used: &mut [bool]) -> Option<Raw> {
        let form = self.cue_at(i)?;
        let flags = self.lex.flags(form.lemma);
        let (a, b) = self.sent_toks[si];
        if form.ty == CueType::Noun {
            return None;
        }
        // Speech inside a quoted passage belongs to that passage.
        let m = self.in_mark[i];
        if m > 0 && self.mark_tokens(m as usize - 1) >= 4 {
            return None;
        }
        if i > a && negated(self.form(i - 1)) {
            return None;
        }
        // The verb of a relay in passing (وأضاف الوزير - حسبما ذكرت قناة X - أن …) reports
        // the channel, not a quote of its own.
        if let Some(o) = self.relay_opener_before(i, a) {
            if self.relay_aside_end(o, b).is_some() && self.cue_before(a, o) {
                return None;
            }
        }
        // After a preposition the word is a verbal noun, not a verb (عبر كشف طرق …، بعد
        // إعلان النتائج، من خلال تأكيد …).
        if i > a
            && !self.gap_has_punct(i)
            && matches!(
                crate::tokens::strip_conjunction(self.form(i - 1)),
                "عبر"
                    | "بعد"
                    | "قبل"
                    | "خلال"
                    | "منذ"
                    | "حول"
                    | "دون"
                    | "عند"
                    | "لدى"
                    | "اثر"
            )
        {
            return None;
        }
        // Figurative speech: "ولسان حال العائلة يقول" (the family's state says) reports no
        // statement (the guidelines make it optional at most).
        if (i.saturating_sub(12).max(a)..i).any(|t| {
            crate::tokens::strip_conjunction(self.form(t)) == "لسان"
                && t + 1 < i
                && self.form(t + 1).starts_with("حال")
        }) {
            return None;
        }
        // Evidence does not speak: الفحوصات أكدت، علامة تشير، الأرقام تؤكد.
        if i > a && !self.gap_has_punct(i) && self.lex.is_thing(self.form(i - 1)) {
            return None;
        }
        if i + 1 < b && !self.gap_has_punct(i + 1) && self.lex.is_thing(self.form(i + 1)) {
            return None;
        }
        if self.aside(i) || (i > a && self.aside(i - 1)) {
            return None;
        }
        let mut j = i + 1;
        let mut who = Who::Nobody;
        let mut subject = false;
        if form.ty != CueType::Passive {
            if flags.within {
                // جاء في البيان / ورد في التقرير
                if j < b && self.form(j) == "في" {
                    if let Some(p) = self.phrase_at(j + 1, b) {
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
                j = self.skip_addressee(j, b);
                j = self.skip_time(j, b);
                let quoted = j < b
                    && j == j0
                    && self.gap_has_punct(j)
                    && self.mark_opens_before(j)
                    && !self.gap_has(j, ':');
                if quoted {
                    if let Some((p, next)) = self.quoted_subject(j, b) {
                        who = Who::Phrase(p);
                        j = next;
                        subject = true;
                    }
                } else if j < b && (j != j0 || !self.gap_has_punct(j)) {
                    if let Some(ag) = self.lex.honorific(self.form(j)) {
                        // أكد سموه أن …: the person named before.
                        who = Who::Pronoun(ag, j);
                        j += 1;
                        subject = true;
                    } else if let Some((p, next)) = self.quoted_subject(j, b) {
                        who = Who::Phrase(p);
                        j = next;
                        subject = true;
                    } else if let Some(p) = self
                        .phrase_at(j, b)
                        .or_else(|| self.np_subject(j, b, form.agree))
                        .or_else(|| self.construct_subject(j, b))
                    {
                        who = Who::Phrase(p);
                        j = p.end;
                        subject = true;
                    }
                }
            } else if j < b && self.lex.honorific(self.form(j)).is_some() {
                // مشيراً سموه إلى أن …: the pronoun names no one new.
                j += 1;
            }
            if flags.relay {
                // نقلت وكالة «رويترز» عن مسؤول قوله إن …: the innermost source speaks.
                let mut k = j;
                let src = |f: &str| matches!(f, "عن" | "الي");
                while k < b && k - j < 6 && !src(self.form(k)) && self.cue_at(k).is_none() {
                    k += 1;
                }
                if k < b && src(self.form(k)) {
                    if let Some(p) = self.phrase_at(k + 1, b) {
                        who = Who::Phrase(p);
                        j = p.end;
                        subject = true;
                    }
                }
            }
            if j < b
                && self
                    .lex
                    .cue(self.form(j))
                    .is_some_and(|c| c.ty == CueType::Noun)
            {
                j += 1;
            }
            if !subject {
                who = if form.ty == CueType::Verb {
                    match self.phrase_before(i, a) {
                        Some(p) => Who::Phrase(p),
                        None => match (i > a).then(|| pronoun_agree(self.form(i - 1))).flatten() {
                            Some(ag) => Who::Pronoun(ag, i - 1),
                            None => Who::Continue(form.agree),
                        },
                    }
                } else {
                    Who::Governing(form.agree, self.governor_subject(a, i))
                };
            }
        }
        // A homograph (عبر "via", بين "between", كتب "books") is a cue only at a clause
        // start (sentence start, after punctuation, with و/ف, after قد/كما/لكنه) and with a
        // clear subject: a lexicon head or a proper name, not a definite common noun.
        if flags.amb {
            let f = self.form(i);
            let clause_start = i == a
                || self.gap_has_punct(i)
                || f.starts_with('و')
                || f.starts_with('ف')
                || matches!(
                    self.form(i - 1),
                    "قد" | "وقد"
                        | "كما"
                        | "وكما"
                        | "لكنه"
                        | "لكنها"
                        | "ولكنه"
                        | "ولكنها"
                        | "ثم"
                        | "لكن"
                        | "ولكن"
                        | "بينما"
                        | "فيما"
                        | "بدايه"
                        | "ايضا"
                        | "كذلك"
                        | "الذي"
                        | "التي"
                        | "الذين"
                        | "والذي"
                        | "والتي"
                        | "والذين"
                )
                || (!subject && self.phrase_before(i, a).is_some());
            if !clause_start {
                return None;
            }
            if let Who::Phrase(p) = who {
                // A definite family name right before the complementizer is a subject too
                // (وبيّن الجيار أن …).
                let weak = self.noun_at(p.start).is_none()
                    && !self.name_like(p.start)
                    && !(p.end == p.start + 1
                        && self.form(p.start).starts_with("ال")
                        && matches!(self.comp_at(p.end), Some(Comp::That | Comp::Bi)));
                if weak {
                    return None;
                }
            }
        }
        // A relay verb without a source (نقل "moved") is no cue.
        if flags.relay && !subject {
            return None;
        }
        // A subject-less imperfect opening its sentence and followed at once by أن is the
        // impersonal passive (يُتوقع أن، يُعتقد أن: "it is expected that"), not speech.
        if form.ty == CueType::Verb
            && matches!(who, Who::Continue(_))
            && crate::tokens::strip_conjunction(self.form(i)).starts_with('ي')
            && (i == a || (i == a + 1 && matches!(self.form(a), "و" | "ف")))
            && j < b
            && self.form(j) == "ان"
        {
            return None;
        }
        // Adjuncts between the subject and the complement: في تصريحات له، أمس، …; خلال
        // مؤتمر صحافي عقده …، …; في هذا الصدد; أيضاً.
        let before_adjuncts = j;
        if subject || form.ty == CueType::Participle || matches!(who, Who::Phrase(_)) {
            j = self.skip_adjuncts(j, b);
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
            let mb = if k < self.toks.len() {
                self.mark_before[k]
            } else {
                0
            };
            if k > i + 1 || k == j {
                // A mark may also open the next sentence right after a colon that ends the
                // cue's own (the splitter ends a sentence at «... when the quotation opens
                // with an ellipsis).
                if (k < b || (k == b && self.gap_has(k, ':'))) && mb > 0 {
                    let mi = mb as usize - 1;
                    let colon = self.gap_has(k, ':');
                    // An object verb (وصف X بأنه "…") keeps its object: no bare mark start.
                    let obj_wait =
                        flags.obj && !colon && (j..b).any(|t| self.comp_at(t) == Some(Comp::Bi));
                    if !used[mi]
                        && !obj_wait
                        && (colon || self.mark_tokens(mi) >= 3)
                        && !self.is_term(mi)
                    {
                        start = Some(Start::Mark(mi));
                        break;
                    }
                }
                if k > a && self.gap_has(k, ':') {
                    // A colon after the sentence's last word opens the next paragraph only
                    // when nothing follows on the cue's own line (see `ends_paragraph`).
                    start = if k < b {
                        Some(Start::Colon(k))
                    } else if self.ends_paragraph(si) {
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
            let f = self.form(k);
            match self.comp_at(k) {
                Some(Comp::That | Comp::Bi | Comp::Fa) if !flags.obj || k == j => {
                    if k + 1 < b {
                        start = Some(Start::Tok(k + 1));
                    } else if k + 1 == b && self.gap_has(k + 1, ':') && self.ends_paragraph(si) {
                        start = Some(Start::NextPara(si));
                    }
                    break;
                }
                Some(Comp::Prep) => {
                    if k + 1 < b && matches!(self.comp_at(k + 1), Some(Comp::That)) {
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
            if flags.pp.iter().any(|p| p == "ب") && k == j && f.starts_with('ب') && f.len() > 4 {
                start = Some(Start::Np(k));
                break;
            }
            // A cue inside a relative clause of the subject (فلان الذي جاء …، "…") does
            // not end the search.
            if matches!(f, "الذي" | "التي" | "الذين") {
                relative = true;
            }
            // A relay in passing (، حسبما ذكرت قناة X، أن …): the channel, not the speaker.
            if let Some(e) = self.relay_aside_end(k, b) {
                k = e;
                continue;
            }
            if k > j && !relative && self.cue_at(k).is_some_and(|c| c.ty != CueType::Noun) {
                break;
            }
            k += 1;
        }
        if flags.obj && start.is_none() {
            // وصف X بأنه …: the object and its description are the content.
            let has_bi = (j..b).any(|k| self.comp_at(k) == Some(Comp::Bi));
            if has_bi && j < b {
                start = Some(Start::Np(j));
            }
        }
        // An object verb whose subject phrase ran over its object (توقع محافظ البنك فهد
        // المبارك زيادةَ العجز): the subject ends with its definite family name.
        if flags.np && start.is_none() && subject {
            if let Who::Phrase(p) = who {
                if let Some(m) = self.family_name_end(&p) {
                    who = Who::Phrase(Phrase { end: m, ..p });
                    j = m;
                }
            }
        }
        if flags.np
            && start.is_none()
            && (subject || (form.ty == CueType::Participle && j == i + 1 && !self.gap_has_punct(j)))
        {
            let mut k = j;
            while k < b && k - j < 3 && self.stop_at(k) && !self.gap_has_punct(k) {
                k += 1;
            }
            if k < b && !self.known_at(k) && (!self.gap_has_punct(k) || (k == j && after_aside)) {
                start = Some(Start::Np(k));
            }
        }
        let start = start?;
        if strict {
            if let Start::Mark(_) = start {
                if !matches!(who, Who::Phrase(p) if p.kind == super::SpeakerKind::Person)
                    && k - j > 2
                {
                    return None;
                }
            }
        }
        // "كتب: فلان الفلاني" is a byline, not speech: a line that is only a cue, a colon
        // and a few words.
        if let Start::Colon(k) = start {
            let n = self.sent_toks[si].1 - k;
            let line_start =
                i == a && (si == 0 || self.sents[si - 1].paragraph != self.sents[si].paragraph);
            if n <= 4 && (line_start || (k..k + n).all(|t| self.name_like(t))) {
                return None;
            }
        }
        let cue = Some(self.toks[i].span);
        let (kind, content, rule, conf, cuttable) = match start {
            Start::Tok(k) => {
                let c = self.clause(self.content_start(k), si);
                (self.kind_of(c), c, Rule::CueComplementizer, 0.9, true)
            }
            Start::Np(k) => {
                // An NP object ends before a relative clause set off by a comma
                // (أشاد بحكم المحكمة، الذي وصفه بـ…).
                let mut c = self.clause(self.content_start(k), si);
                let range = self.tokens.range_in(c);
                if let Some(t) = (range.start + 1..range.end).find(|&t| {
                    matches!(self.form(t), "الذي" | "التي" | "الذين")
                        && self.gap(t).contains(['،', ','])
                }) {
                    c = trim_clause(self.text, Span::new(c.start, self.toks[t - 1].span.end));
                }
                (self.kind_of(c), c, Rule::CueObject, 0.6, true)
            }
            Start::Colon(k) => {
                let c = self.clause(self.content_start(k), si);
                (self.kind_of(c), c, Rule::CueColon, 0.85, true)
            }
            Start::Mark(mi) => {
                used[mi] = true;
                (
                    QuoteKind::Direct,
                    self.marks[mi].content,
                    Rule::CueDirect,
                    0.95,
                    false,
                )
            }
            Start::NextPara(si) => {
                let (c, mark) = self.next_paragraph(si)?;
                if let Some(mi) = mark {
                    used[mi] = true;
                    (QuoteKind::Direct, c, Rule::CueColonParagraph, 0.85, false)
                } else {
                    (self.kind_of(c), c, Rule::CueColonParagraph, 0.7, false)
                }
            }
        };
        if content.is_empty() || self.tokens.range_in(content).is_empty() {
            return None;
        }
        let sentence = self.sentence_of(content.start).unwrap_or(si);
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

    /// A source named in quotation marks right after the cue (وذكرت "أرامكو" في بيان أن …،
    /// وقالت «نقابة الأطباء» إن …): the phrase inside the marks and the token after them,
    /// when a complementizer follows (after at most a short adjunct).
    fn quoted_subject(&self, j: usize, b: usize) -> Option<(Phrase, usize)> {
        let mb = self.mark_before[j];
        if mb == 0 || self.gap_has(j, ':') {
            return None;
        }
        let mi = mb as usize - 1;
        let m = self.marks[mi];
        let n = self.mark_tokens(mi);
        if m.close.is_none() || n == 0 || n > 4 {
            return None;
        }
        let inner = self.tokens.range_in(m.content);
        let after = self.tokens.first_at_or_after(m.outer().end);
        if after >= b {
            return None;
        }
        let comp_at = |t: usize| matches!(self.comp_at(t), Some(Comp::That | Comp::Bi));
        // An apposition or a short adjunct may stand between the name and the complement
        // (وقالت "فلانة" الباحثة في الجامعة إن …، وذكرت «الشركة» في بيان أن …).
        let ok = comp_at(after)
            || ((after + 1..b.min(after + 8)).any(comp_at)
                && (after..b.min(after + 8))
                    .take_while(|&t| !comp_at(t))
                    .all(|t| {
                        (t == after || !self.gap_has_punct(t))
                            && !self.mark_opens_before(t)
                            && self.cue_at(t).is_none()
                    }));
        if !ok {
            return None;
        }
        let p = self.classify(inner.start, inner.end).unwrap_or(Phrase {
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

    /// A subject whose head is in no lexicon (أعضاء المجلس البلدي، مصالح الأرصاد الجوية،
    /// والدا الطفل، ثلثا المشاركين في الاستطلاع): the noun phrase between a cue and its
    /// complementizer, when nothing else can stand there.
    fn np_subject(&self, j: usize, b: usize, verb: Agree) -> Option<Phrase> {
        let max = b.min(j + 8);
        let mut c = j;
        while c < max {
            if c > j && (self.gap_has_punct(c) || self.mark_opens_before(c)) {
                return None;
            }
            if matches!(self.comp_at(c), Some(Comp::That | Comp::Bi)) {
                break;
            }
            if self.cue_at(c).is_some() && self.noun_at(c).is_none() {
                return None;
            }
            if self.stop_at(c) && self.noun_at(c).is_none() && self.form(c) != "في" {
                return None;
            }
            c += 1;
        }
        if c >= max || c == j || self.form(j) == "في" || self.form(c - 1) == "في" {
            return None;
        }
        let f0 = self.form(j);
        let bad_start = f0.starts_with("لل")
            || f0.starts_with("بال")
            || f0.starts_with("كال")
            || (self.known_at(j) && self.noun_at(j).is_none())
            || self.lex.is_thing(f0)
            || f0
                .chars()
                .any(|ch| ch.is_ascii_alphanumeric() || ch.is_numeric());
        if bad_start {
            return None;
        }
        let head = super::lexicon::strip_article(crate::tokens::strip_conjunction(f0));
        let single = c - j == 1;
        let plural = head.ends_with("ون") || head.ends_with("ين");
        // One indefinite word before إن is an adverb (مجدداً، أيضاً) or a name (handled by
        // the phrase parser): not a subject.
        if single && (!f0.starts_with("ال") || head.ends_with('ا')) && !plural {
            return None;
        }
        let next_def = j + 1 < c && self.form(j + 1).starts_with("ال");
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
    fn after_connectives(&self, a: usize, end: usize) -> usize {
        let mut s = a;
        while s < end
            && matches!(
                self.form(s),
                "و" | "ف" | "قد" | "وقد" | "كما" | "وكما" | "ثم"
            )
        {
            s += 1;
        }
        s
    }

    /// The subject of a non-speech main verb opening the sentence of a participle cue at
    /// token `i` (أشاد رئيس النادي فلان بأداء اللاعبين، مؤكداً …؛ استقبل أمير المنطقة وفداً
    /// …، مشيراً سموه …). `a` is the sentence's first token.
    fn governor_subject(&self, a: usize, i: usize) -> Option<Phrase> {
        let s = self.after_connectives(a, i);
        if s + 1 >= i {
            return None;
        }
        let f = self.form(s);
        let listed = self.lex.is_governor(f);
        // Any other word opening the sentence that no lexicon knows and that is no noun
        // (no article, no digit) is read as its verb when a titled or institutional
        // subject follows (رفع رئيس الاتحاد فلان التهنئة …، مؤكداً …).
        let verb_like = !listed
            && !self.known_at(s)
            && !f.starts_with("ال")
            && !f.starts_with("وال")
            && !f.chars().any(|c| c.is_numeric() || c.is_ascii_alphabetic())
            && f.chars().count() >= 3;
        if !listed && !verb_like {
            return None;
        }
        let head_class = |t: usize| {
            self.noun_at(t).is_some_and(|n| {
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
        let p = self.phrase_at(s + 1, i)?;
        let headed = head_class(p.start);
        let named = (p.start..p.end).any(|t| self.name_like(t));
        let ok = if listed {
            headed || named || p.kind == SpeakerKind::Group
        } else {
            headed
        };
        ok.then_some(p)
    }

    /// The token after a relay set off in passing that opens at token `k` (حسبما ذكرت قناة
    /// X، / كما نقلت الوكالة -): the opener, its finite cue and the source, up to the
    /// punctuation that closes the aside. `None` when `k` opens no such aside.
    fn relay_aside_end(&self, k: usize, b: usize) -> Option<usize> {
        let (len, _) = self.attribution_at(k, b, |ty| ty == AttrType::What)?;
        let v = k + 1 + len;
        if v >= b || !self.cue_at(v).is_some_and(|c| c.ty == CueType::Verb) {
            return None;
        }
        // The aside must be set off: punctuation after the source.
        let mut e = v + 1;
        while e < b && e - v <= 8 && !self.gap_has_punct(e) {
            if matches!(self.comp_at(e), Some(Comp::That | Comp::Bi)) {
                return None;
            }
            e += 1;
        }
        (e < b && self.gap_has_punct(e)).then_some(e)
    }

    /// The attribution phrase of a type `want` accepts that starts at token `i` and ends
    /// before `b` (longest first): the number of words after its first, and its type.
    fn attribution_at(
        &self,
        i: usize,
        b: usize,
        want: impl Fn(AttrType) -> bool,
    ) -> Option<(usize, AttrType)> {
        if !self.attr_at(i) {
            return None;
        }
        let f = self.form(i);
        let cands = self.lex.attributions.get(f).or_else(|| {
            self.lex
                .attributions
                .get(crate::tokens::strip_conjunction(f))
        })?;
        cands.iter().find_map(|(rest, ty)| {
            let ok = want(*ty)
                && rest.iter().enumerate().all(|(n, w)| {
                    let t = i + 1 + n;
                    t < b && self.form(t) == w
                });
            ok.then_some((rest.len(), *ty))
        })
    }

    /// The opener of a relay aside just before the cue at token `i` (حسبما ذكرت، بحسب ما
    /// أوردت), if any.
    fn relay_opener_before(&self, i: usize, a: usize) -> Option<usize> {
        (i.saturating_sub(3).max(a)..i).find(|&o| self.attr_at(o))
    }

    /// True when a finite cue verb stands in `a..i` outside quotation marks, within the
    /// [`WINDOW`] tokens before `i` (a bounded look: a sentence of many cues stays linear).
    fn cue_before(&self, a: usize, i: usize) -> bool {
        (i.saturating_sub(WINDOW).max(a)..i)
            .any(|t| self.in_mark[t] == 0 && self.cue_at(t).is_some_and(|c| c.ty == CueType::Verb))
    }

    /// The subject after a cue verb opening the sentence at token `a`, whether or not the
    /// verb reports anything here (وكشف والدا الطفل تفاصيل الحادثة): a later subject-less
    /// verb (وقالا) may refer to it.
    fn cue_subject(&self, a: usize, b: usize) -> Option<Phrase> {
        let s = self.after_connectives(a, b);
        if s + 1 >= b || self.gap_has_punct(s + 1) {
            return None;
        }
        if !self.cue_at(s).is_some_and(|c| c.ty == CueType::Verb) {
            return None;
        }
        let j = self.skip_time(s + 1, b);
        if let Some(p) = self.phrase_at(j, b) {
            return Some(p);
        }
        self.construct_subject(j, b)
    }

    /// A dual or plural head in construct with a definite noun, with its definite
    /// adjectives (والدا الطفل المفقود، ممثلو الشركات): a group whatever the head word.
    pub(crate) fn construct_subject(&self, j: usize, b: usize) -> Option<Phrase> {
        let f = self.form(j);
        if j + 1 >= b || f.chars().count() < 4 || self.known_at(j) || f.starts_with("ال") {
            return None;
        }
        let dual = f.ends_with('ا');
        if !(dual || f.ends_with('و')) {
            return None;
        }
        let mut e = j + 1;
        while e < b
            && e - j <= 4
            && !self.gap_has_punct(e)
            && self.form(e).starts_with("ال")
            && self.cue_at(e).is_none()
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

    /// The subjects of non-speech main verbs opening a sentence (أشاد، استقبل، أبدى …),
    /// as (token, sentence, phrase), in text order.
    pub(crate) fn introductions(&self) -> Vec<(usize, usize, Phrase)> {
        let mut out = Vec::new();
        for si in 0..self.sents.len() {
            if !self.quotable(si) {
                continue;
            }
            let (a, b) = self.sent_toks[si];
            if a >= b {
                continue;
            }
            if let Some(p) = self.governor_subject(a, b) {
                out.push((a, si, p));
            } else if let Some(p) = self.cue_subject(a, b) {
                out.push((a, si, p));
            }
        }
        out
    }

    /// Within a person phrase that runs on past its name, the end of the name: a definite
    /// family name after a first name, with a title earlier in the phrase.
    fn family_name_end(&self, p: &Phrase) -> Option<usize> {
        if p.kind != SpeakerKind::Person {
            return None;
        }
        (p.start + 2..p.end.saturating_sub(1)).find_map(|m| {
            let f = self.form(m);
            let family = f.starts_with("ال")
                && self.name_like(m - 1)
                && !self.known_at(m)
                && self.noun_at(m).is_none()
                && (p.start..m - 1)
                    .any(|t| self.noun_at(t).is_some_and(|n| n.class == NounClass::Title));
            family.then_some(m + 1)
        })
    }

    /// The first token after the adjuncts that may stand between a cue's subject and its
    /// complement: adverbs (أيضاً، كذلك، مجدداً), time words, "له/لها", a في/خلال phrase
    /// opening with a speech event or a demonstrative (في تصريحات، خلال مؤتمر صحافي، في هذا
    /// الصدد), and an aside set off by commas that holds no complementizer or cue.
    fn skip_adjuncts(&self, j: usize, b: usize) -> usize {
        let mut k = j;
        let mut guard = 0;
        while k < b && guard < 8 {
            guard += 1;
            let f = self.form(k);
            if is_adverb(f) || is_time_word(f) || matches!(f, "له" | "لها" | "لهم") {
                k += 1;
                continue;
            }
            let opener = matches!(
                f,
                "في" | "خلال"
                    | "عبر"
                    | "اثناء"
                    | "بمناسبه"
                    | "علي"
                    | "امام"
                    | "وسط"
                    | "الي"
            );
            if opener && k + 1 < b {
                let n = self.form(k + 1);
                let event = self.lex.is_event(n)
                    || matches!(n, "هذا" | "هذه" | "ذلك" | "تلك")
                    || (f == "علي" && n == "هامش")
                    || (f == "الي" && n == "جانب");
                if !event {
                    break;
                }
                // The adjunct runs to the next comma when one closes it within reach,
                // else over the event word (and its demonstrative's noun).
                let mut e = k + 1;
                while e < b && e - k < 20 && !self.gap(e).contains(['،', ',']) {
                    if matches!(self.comp_at(e), Some(Comp::That | Comp::Bi | Comp::Fa))
                        || (self.cue_at(e).is_some() && self.noun_at(e).is_none())
                        || self.mark_opens_before(e)
                    {
                        break;
                    }
                    e += 1;
                }
                k = if e < b && self.gap(e).contains(['،', ',']) {
                    e
                } else if matches!(n, "هذا" | "هذه" | "ذلك" | "تلك") {
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
    fn skip_time(&self, j: usize, b: usize) -> usize {
        let mut k = j;
        while k < b && k - j < 3 && is_time_word(self.form(k)) && (k == j || !self.gap_has_punct(k))
        {
            k += 1;
        }
        if k > j && k < b && !self.gap_has_punct(k) && self.phrase_at(k, b).is_some() {
            k
        } else {
            j
        }
    }

    /// Skip an addressee between a cue and its subject: كشف لـ«عكاظ» وكيل الوزارة …،
    /// قال للصحفيين الوزير … (a ل before a quoted outlet, or a ل-word that is no source).
    fn skip_addressee(&self, j: usize, b: usize) -> usize {
        if j >= b {
            return j;
        }
        let f = self.form(j);
        if f == "ل" && j + 1 < b && self.mark_before[j + 1] > 0 {
            let m = self.marks[self.mark_before[j + 1] as usize - 1];
            let k = self.tokens.first_at_or_after(m.outer().end);
            return if k < b { k } else { j };
        }
        if f.starts_with('ل') && f.chars().count() > 3 {
            let addressee = match self.lex.noun_after_prep(f) {
                Some(n) => matches!(
                    n.class,
                    super::lexicon::NounClass::Media | super::lexicon::NounClass::Group
                ),
                None => f.starts_with("لل"),
            };
            if addressee {
                let mut k = j + 1;
                while k < b && k - j < 4 && !self.gap_has_punct(k) {
                    if self.noun_at(k).is_some_and(|n| {
                        matches!(
                            n.class,
                            super::lexicon::NounClass::Title | super::lexicon::NounClass::Org
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

    /// Content start at token `k`, including a quotation mark glued before it.
    fn content_start(&self, k: usize) -> usize {
        match self.mark_before.get(k) {
            Some(&m) if m > 0 => self.marks[m as usize - 1].open.start,
            _ => self.toks[k].span.start,
        }
    }

    /// The sentence holding byte `pos`.
    pub(crate) fn sentence_of(&self, pos: usize) -> Option<usize> {
        let i = self.sents.partition_point(|s| s.span.end <= pos);
        (i < self.sents.len() && self.sents[i].span.start <= pos).then_some(i)
    }

    /// The reported clause from byte `start` to the end of sentence `si` (without the final
    /// punctuation), extended to the closing mark of a quote that opens inside it.
    fn clause(&self, start: usize, si: usize) -> Span {
        let mut end = self.sents[si].span.end;
        // A closed quotation opening inside the clause carries it to its closing mark: the
        // furthest such end, by a range-maximum query (a scan per cue would be quadratic on
        // a long sentence with many cues and marks).
        let i = self.marks.partition_point(|m| m.open.start < start);
        let k = self.marks.partition_point(|m| m.open.start < end);
        end = end.max(self.mark_ends.max(i, k));
        trim_clause(self.text, Span::new(start.min(end), end))
    }

    /// Marks that open inside `start..end` (a binary search; marks are in text order).
    fn marks_in(&self, start: usize, end: usize) -> impl Iterator<Item = &super::Mark> {
        let i = self.marks.partition_point(|m| m.open.start < start);
        self.marks[i..]
            .iter()
            .take_while(move |m| m.open.start < end)
    }

    /// The mark whose opening mark starts at byte `pos`.
    fn mark_at(&self, pos: usize) -> Option<usize> {
        let i = self.marks.partition_point(|m| m.open.start < pos);
        (i < self.marks.len() && self.marks[i].open.start == pos).then_some(i)
    }

    /// Indirect, or mixed when a speech mark stands inside.
    fn kind_of(&self, c: Span) -> QuoteKind {
        // Marks are in text order: only the first mark inside can open at `c.start`.
        match self.marks_in(c.start, c.end).next() {
            None => QuoteKind::Indirect,
            Some(m) if m.open.start == c.start && m.close.is_some_and(|cl| cl.end >= c.end) => {
                QuoteKind::Direct
            }
            Some(_) => QuoteKind::Mixed,
        }
    }

    /// True when mark `mi` quotes a name or term, not speech (حركة "حماس"، ما وصفه بـ«…»).
    pub(crate) fn is_term(&self, mi: usize) -> bool {
        let m = &self.marks[mi];
        let k = self.tokens.first_at_or_after(m.open.start);
        if k == 0 {
            return false;
        }
        let prev = self.form(k - 1);
        let glued = self.toks[k - 1].span.end == m.open.start
            || self.text[self.toks[k - 1].span.end..m.open.start]
                .chars()
                .all(|c| c == 'ـ' || c.is_whitespace());
        self.lex.is_term_trigger(prev) && (glued || self.mark_tokens(mi) <= 6)
    }

    /// The paragraph after sentence `si`'s line, for "وقال:" at a line end.
    /// Phenomenon: a colon that ends a sentence but not its line (`قال المتحدث: (…). وأوضح
    /// أن …` — the colon's words lost to a broken character run, the line going on with
    /// other sentences): the next paragraph is not its content, since what follows on the
    /// same line comes first. True when sentence `si` is the last of its paragraph.
    fn ends_paragraph(&self, si: usize) -> bool {
        self.next_para.get(si).is_some_and(|&n| n == si + 1)
    }

    fn next_paragraph(&self, si: usize) -> Option<(Span, Option<usize>)> {
        let n = self.next_para[si];
        if n >= self.sents.len() {
            return None;
        }
        let end = self.sents[self.next_para[n] - 1].span.end;
        let start = self.sents[n].span.start;
        let k = self.tokens.first_at_or_after(start);
        if k < self.toks.len() && self.mark_before[k] > 0 {
            let mi = self.mark_before[k] as usize - 1;
            if self.marks[mi].open.start == start {
                return Some((self.marks[mi].content, Some(mi)));
            }
        }
        Some((trim_clause(self.text, Span::new(start, end)), None))
    }

    /// "قال فلان:" followed by a bulleted list: one quote per bullet line.
    fn bullets(&self, r: Raw, raws: &mut Vec<Raw>) {
        let is_bullet = |c: char| matches!(c, '•' | '●' | '▪' | '◾' | '-' | '–' | '*' | '·');
        let Some(mut si) = self.sentence_of(r.content.start) else {
            raws.push(r);
            return;
        };
        let first = self.line_start(r.content.start);
        if !self.text[first..].trim_start().starts_with(is_bullet) {
            raws.push(r);
            return;
        }
        let mut n = 0;
        while si < self.sents.len() && n < 50 {
            let para = self.sents[si].paragraph;
            let line = self.sents[si].span;
            let t = line.as_str(self.text);
            let Some(body) = t.trim_start().strip_prefix(is_bullet) else {
                break;
            };
            let mut end = line.end;
            let mut next = si + 1;
            while next < self.sents.len() && self.sents[next].paragraph == para {
                end = self.sents[next].span.end;
                next += 1;
            }
            let start = line.end - body.len();
            let c = trim_clause(self.text, Span::new(start, end));
            if !c.is_empty() {
                raws.push(Raw {
                    content: c,
                    sentence: si,
                    kind: self.kind_of(c),
                    rule: Rule::CueColonBullets,
                    ..r.clone()
                });
            }
            n += 1;
            si = next;
        }
        if n == 0 {
            raws.push(r);
        }
    }

    /// A headline or lead of the form "X: content" (بلينكن: هذه "لحظة حاسمة" …).
    fn headline(&self, si: usize, used: &mut [bool]) -> Option<Raw> {
        let s = &self.sents[si];
        if si > 0 && self.sents[si - 1].paragraph == s.paragraph {
            return None;
        }
        let (a, b) = self.sent_toks[si];
        let mut colon = None;
        for k in a + 1..b.min(a + 9) {
            if self.gap_has(k, ':') {
                colon = Some(k);
                break;
            }
            let g = self.gap(k);
            if g.contains(['-', '–', '(', ')', '/', '|', '،', '.']) {
                return None;
            }
        }
        let k = colon?;
        if (a..k).any(|t| self.cue_at(t).is_some()) {
            return None;
        }
        // Outside the headline, "X:" opening a line is a speaker only with a title or an
        // organisation head (وزير الخارجية:، «الصحة»:); a bare place or name is a dateline
        // (دبي: …) or a label.
        let one_line = self
            .sents
            .get(si + 1)
            .is_none_or(|n| n.paragraph != self.sents[si].paragraph);
        let line = self.sents[si].span.as_str(self.text);
        let headline = self.sents[si].kind == crate::segment::BlockKind::Title
            || self.title.is_some_and(|t| t.as_str(self.text) == line)
            || (one_line && b - a <= 16 && !line.ends_with(['.', '،']));
        if !headline
            && !self.noun_at(a).is_some_and(|n| {
                matches!(
                    n.class,
                    super::lexicon::NounClass::Title | super::lexicon::NounClass::Org
                )
            })
        {
            return None;
        }
        let p = self.phrase_at(a, k)?;
        if k - p.end > 4 || p.kind == super::SpeakerKind::Media {
            return None;
        }
        if (a..k).any(|t| self.form(t).chars().any(|c| c.is_ascii_digit())) {
            return None;
        }
        // A name-only prefix ("آخر تحديث:", "كلمات دلالية:") must be a name that the
        // article mentions again; a lexicon head (وزير الخارجية:، «الصحة»:) stands alone.
        if self.noun_at(p.start).is_none() {
            let last = super::lexicon::strip_article(self.form(p.end - 1));
            let here = (a..b)
                .filter(|&t| super::lexicon::strip_article(self.form(t)) == last)
                .count();
            if self.form_count(last) as usize <= here {
                return None;
            }
        }
        let titled = self
            .noun_at(p.start)
            .is_some_and(|n| n.class == super::lexicon::NounClass::Title);
        let min = if titled { 2 } else { 3 };
        if b - k < min {
            return None;
        }
        let start = self.content_start(k);
        let c = self.clause(start, si);
        let mb = self.mark_before[k];
        let kind = self.kind_of(c);
        if kind == QuoteKind::Direct && mb > 0 {
            used[mb as usize - 1] = true;
        }
        Some(Raw {
            kind,
            content: c,
            cue: Some(Span::new(
                self.toks[a].span.start,
                self.toks[k - 1].span.end,
            )),
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

    /// An attribution phrase at token `i` (بحسب الوزارة، على حد تعبيره، حسبما قال X).
    fn attribution(&self, i: usize, si: usize, used: &mut [bool]) -> Option<(Raw, usize)> {
        if !self.attr_at(i) {
            return None;
        }
        let (a, b) = self.sent_toks[si];
        let (len, ty) = self.attribution_at(i, b, |_| true)?;
        let mut j = i + 1 + len;
        // "وفقاً لـ" written apart or glued: the source may carry the ل.
        let cue_at;
        let who;
        match ty {
            AttrType::Source => {
                // A source written with a glued ل must be a lexicon noun (وفقاً للوزارة),
                // not any noun (وفقاً لتوجيهات الرئيس: "following the directives").
                let glued = j < b && self.form(j).starts_with('ل') && len == 0;
                let p = if glued {
                    self.glued_phrase(j, b)?
                } else {
                    self.phrase_at(j, b).or_else(|| self.glued_phrase(j, b))?
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
                if self.relay_aside_end(i, b).is_some() && self.cue_before(a, i) {
                    return None;
                }
                // "بحسب ما أعلنه الاتحاد": the verb with its object pronoun.
                let form = self.cue_at(j).or_else(|| {
                    let f = self.form(j);
                    let bare = f.strip_suffix("ته").or_else(|| f.strip_suffix('ه'))?;
                    self.lex
                        .cue(bare)
                        .or_else(|| self.lex.cue(&format!("{bare}ت")))
                })?;
                if form.ty != CueType::Verb {
                    return None;
                }
                // A cue with its own complement is an ordinary quote (كما أكد أن …).
                if let Some(r) = self.cue_quote(j, si, used) {
                    return Some((r, j + 1));
                }
                cue_at = j;
                let s0 = self.skip_time(j + 1, b);
                match self.phrase_at(s0, b) {
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
                let last = self.form(i + len);
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
        let at_start = i == a || (i == a + 1 && matches!(self.form(a), "و" | "ف"));
        let content = if at_start && ty != AttrType::Pronoun {
            // Fronted: "وبحسب الوزارة، فإن …" — the content follows, after the source's
            // relative clause if any (وفقاً للأرقام التي أعلنتها الوزارة، فإن …).
            let mut k = j;
            let mut c = j;
            while c < b && c - j < 15 && !self.gap(c).contains(['،', ',']) {
                c += 1;
            }
            if c < b && c - j < 15 {
                k = c;
            }
            if k < b && matches!(self.comp_at(k), Some(Comp::Fa | Comp::That)) {
                k += 1;
            }
            if k >= b {
                return None;
            }
            // "وبحسب وكالة X، فقد أكد الرئيس أن …": the clause has its own cue and speaker,
            // the innermost source; the outlet is no quote of its own.
            let mut c = k;
            while c < b && c - k < 3 && matches!(self.form(c), "فقد" | "قد" | "ف" | "وقد")
            {
                c += 1;
            }
            if c < b && self.cue_at(c).is_some_and(|f| f.ty == CueType::Verb) {
                return None;
            }
            self.clause(self.content_start(k), si)
        } else {
            // Quote-first: "«…»، حسب قولهم" — the passage just before is the content
            // (none when the phrase opens the text).
            if i == 0 {
                return None;
            }
            let (gs, ge) = (self.toks[i - 1].span.end, self.toks[i].span.start);
            let next = self.marks.partition_point(|m| m.outer().end <= gs);
            let prev_mark = self.marks.get(next).and_then(|m| {
                m.close
                    .is_some_and(|c| c.start >= gs && c.end <= ge)
                    .then_some(next)
            });
            if let Some(mi) = prev_mark {
                if !used[mi] && self.mark_tokens(mi) >= 3 {
                    used[mi] = true;
                    return Some((
                        Raw {
                            kind: QuoteKind::Direct,
                            content: self.marks[mi].content,
                            cue: Some(Span::new(
                                self.toks[i].span.start,
                                self.toks[(i + len).min(b - 1)].span.end,
                            )),
                            at: i,
                            who,
                            sentence: self.sentence_of(self.marks[mi].content.start).unwrap_or(si),
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
            if (a..i).any(|t| {
                self.lex
                    .cue(self.form(t))
                    .is_some_and(|c| c.ty != CueType::Noun)
            }) {
                return None;
            }
            // No word before the phrase: no host clause (and no inverted span).
            if a >= i {
                return None;
            }
            let start = self.toks[a].span.start;
            let end = self.toks[i - 1].span.end;
            let mut c = Span::new(start, end);
            // A closing mark glued to the clause stays with it.
            let g = self.gap(i);
            if let Some(p) = g.find(['»', '"', '”', '“']) {
                c.end = end + p + g[p..].chars().next().map_or(0, char::len_utf8);
            }
            trim_clause(self.text, c)
        };
        if self.tokens.range_in(content).len() < 2 {
            return None;
        }
        let mut kind = self.kind_of(content);
        if kind == QuoteKind::Direct {
            if let Some(mi) = self.mark_at(content.start) {
                used[mi] = true;
                kind = QuoteKind::Direct;
            }
        }
        let content = if kind == QuoteKind::Direct {
            strip_marks(self, content)
        } else {
            content
        };
        let cue_end = if ty == AttrType::Source || ty == AttrType::Pronoun {
            self.toks[i + len]
                .span
                .end
                .min(self.toks[(j.max(i + 1)) - 1].span.end)
        } else {
            self.toks[cue_at].span.end
        };
        Some((
            Raw {
                kind,
                content,
                cue: Some(Span::new(
                    self.toks[i].span.start,
                    cue_end.max(self.toks[i].span.end),
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
    fn glued_phrase(&self, j: usize, b: usize) -> Option<Phrase> {
        if j >= b {
            return None;
        }
        let f = self.form(j);
        let n = self.lex.noun_after_prep(f)?;
        let mut k = j + 1;
        while k < b
            && k - j < 8
            && !self.gap_has_punct(k)
            && !self.stop_at(k)
            && (self.cue_at(k).is_none() || self.noun_at(k).is_some())
            && !matches!(self.comp_at(k), Some(Comp::That | Comp::Bi | Comp::Fa))
        {
            k += 1;
        }
        let p = self.classify(j, k).or(Some(Phrase {
            start: j,
            end: k,
            kind: super::SpeakerKind::Organization,
            agree: n.agree,
        }))?;
        Some(p)
    }

    /// Quoted passages no cue claimed: quote-first order («…»، قال الوزير), a whole
    /// paragraph in quotes continuing the previous speaker, or a passage in a sentence
    /// whose cue stood too far away.
    fn free_marks(&self, raws: &mut Vec<Raw>, used: &mut [bool]) {
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
        for (mi, &m) in self.marks.iter().enumerate() {
            if used[mi] {
                continue;
            }
            let Some(si) = self.sentence_of(m.content.start) else {
                continue;
            };
            if !self.quotable(si) || self.sents[si].kind == crate::segment::BlockKind::Title {
                continue;
            }
            let n = self.mark_tokens(mi);
            if n < 3 || self.is_term(mi) {
                continue;
            }
            // Inside another quote's content: part of a mixed quote.
            if inside(m.open.start, m.content.end) {
                continue;
            }
            let after = self.tokens.first_at_or_after(m.outer().end);
            let (_, b) = self.sent_toks[self
                .sentence_of(m.outer().end.saturating_sub(1))
                .unwrap_or(si)];
            // Quote-first: «…»، قال الوزير / «…»، بحسب الوزير
            if after < self.toks.len() && after < b.max(after + 1) {
                let g = &self.text[m.outer().end..self.toks[after].span.start];
                let close_gap = g
                    .chars()
                    .all(|c| c.is_whitespace() || matches!(c, '،' | ',' | '-' | '–'));
                // «الشركة الوطنية» أكدت في بيان أن …: a short quoted name before a cue with its
                // own complement is the cue's subject, not a quotation.
                let subject = n <= 4
                    && g.chars().all(char::is_whitespace)
                    && self.cue_at(after).is_some_and(|f| f.ty == CueType::Verb)
                    && (after + 1..b.min(after + 8))
                        .any(|t| matches!(self.comp_at(t), Some(Comp::That | Comp::Bi)));
                if subject {
                    continue;
                }
                if close_gap {
                    if let Some(form) = self.cue_at(after) {
                        if matches!(form.ty, CueType::Verb) {
                            let sb =
                                self.sent_toks[self.tok_sent[after].min(self.sents.len() - 1)].1;
                            let who = match self.phrase_at(after + 1, sb) {
                                Some(p) => Who::Phrase(p),
                                None => Who::Continue(form.agree),
                            };
                            used[mi] = true;
                            raws.push(Raw {
                                kind: QuoteKind::Direct,
                                content: m.content,
                                cue: Some(self.toks[after].span),
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
            let line_start = self.line_start(m.open.start);
            if self.text[line_start..m.open.start].trim().is_empty() && n >= 4 {
                used[mi] = true;
                raws.push(Raw {
                    kind: QuoteKind::Direct,
                    content: m.content,
                    cue: None,
                    at: self.tokens.first_at_or_after(m.content.start),
                    who: Who::Continue(Agree::Any),
                    sentence: si,
                    confidence: 0.6,
                    rule: Rule::FloatingParagraph,
                    cuttable: false,
                });
            }
        }
    }

    /// Cut an indirect content before a sibling cue of the same sentence ("…، مؤكداً أن").
    fn cut_siblings(&self, raws: &mut [Raw]) {
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
            let range = self.tokens.range_in(r.content);
            for t in range.start + 1..range.end {
                if next.is_some_and(|(cs, _)| self.toks[t].span.start >= cs) {
                    break;
                }
                if self.cue_at(t).is_some_and(|c| c.ty == CueType::Participle)
                    && self.gap(t).contains(['،', ','])
                {
                    next = Some((self.toks[t].span.start, t));
                    break;
                }
            }
            let Some((cs, at)) = next else {
                continue;
            };
            if cs >= r.content.end || at >= self.toks.len() {
                continue;
            }
            // The sibling's clause opens at its connective or its fronted subject.
            let mut k = at;
            let sib = self.gap_has_punct(k)
                || self.form(k).starts_with('و')
                || self.form(k).starts_with('ف')
                || self
                    .lex
                    .cue(self.form(k))
                    .is_some_and(|c| c.ty == CueType::Participle)
                || (k > 0 && pronoun_agree(self.form(k - 1)).is_some());
            if !sib {
                continue;
            }
            while k > 0
                && self.toks[k - 1].span.start >= r.content.start
                && !self.gap_has_punct(k)
                && (pronoun_agree(self.form(k - 1)).is_some()
                    || matches!(
                        self.form(k - 1),
                        "و" | "كما" | "وكما" | "ثم" | "لكن" | "ولكن"
                    ))
            {
                k -= 1;
            }
            if k == 0 || self.toks[k - 1].span.end <= r.content.start {
                continue;
            }
            let mut end = self.toks[k - 1].span.end;
            // Keep a closing mark that ends the clause.
            let g = self.gap(k);
            if let Some(p) = g.find(['»', '"', '”', '“']) {
                end += p + g[p..].chars().next().map_or(0, char::len_utf8);
            }
            let c = trim_clause(self.text, Span::new(r.content.start, end));
            if !c.is_empty() {
                r.content = c;
                r.kind = self.kind_of(c);
            }
        }
    }
}

/// Drop outer quotation marks of a span.
fn strip_marks(ctx: &Ctx<'_>, c: Span) -> Span {
    ctx.mark_at(c.start).map_or(c, |mi| ctx.marks[mi].content)
}

/// Trim white space and final punctuation (. ، ؛ : and a dangling opening mark) from a clause.
pub(crate) fn trim_clause(text: &str, s: Span) -> Span {
    let s = s.trim(text);
    let t = s.as_str(text);
    let t2 = t.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | '،' | ',' | '؛' | ';' | ':' | '-' | '–' | '«')
    });
    Span::new(s.start, s.start + t2.len())
}
