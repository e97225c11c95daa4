//! The quote lexicons: data files under `data/quotes/`, embedded at build time and parsed
//! once into hash maps keyed by folded forms.

use crate::data::entries as lines;
use crate::fold::fold_str;
use crate::hash::FingerprintTable;
/// A lexicon table keyed by folded words (the crate's one hasher).
pub(crate) use crate::hash::FxHashMap as HashMap;

// Single structural particles and affixes the grammar code tests (named, not word lists:
// the word lists are in `data/quotes/grammar.txt`).
/// The article ال.
pub(crate) const ARTICLE: &str = "ال";
/// The preposition ل on the article (للوزارة: ل + الوزارة).
pub(crate) const LIL: &str = "لل";
/// The preposition ب on the article (بالوزارة).
pub(crate) const BI_ARTICLE: &str = "بال";
/// The preposition ك on the article (كالوزارة).
pub(crate) const KA_ARTICLE: &str = "كال";
/// The conjunction و on the article (والوزارة).
pub(crate) const WA_ARTICLE: &str = "وال";
/// The preposition في (in).
pub(crate) const FI: &str = "في";
/// The complementizer أن/إن, folded.
pub(crate) const ANNA: &str = "ان";
/// The preposition لدى (at, to), folded.
pub(crate) const LADA: &str = "لدي";
/// The preposition ل written apart (لـ«عكاظ»).
pub(crate) const LI: &str = "ل";
/// The conjunction و written apart.
pub(crate) const WA: &str = "و";
/// The conjunction ف written apart.
pub(crate) const FA: &str = "ف";
/// The preposition ب.
pub(crate) const BI: &str = "ب";

/// Strip the article and the proclitics glued before it (وال، فال، بال، كال، لل، ال), and
/// nothing else: a bare initial و or ب is as often part of the word (وزارة، بلينكن).
pub fn strip_article(w: &str) -> &str {
    // Every prefix below starts with one of these letters.
    if !w.starts_with(['و', 'ف', 'ب', 'ك', 'ل', 'ا']) {
        return w;
    }
    for p in [WA_ARTICLE, "فال", BI_ARTICLE, KA_ARTICLE, "وبال", "ولل"] {
        if let Some(r) = w.strip_prefix(p) {
            if two_chars(r) {
                return r;
            }
        }
    }
    for p in [LIL, ARTICLE] {
        if let Some(r) = w.strip_prefix(p) {
            if two_chars(r) {
                return r;
            }
        }
    }
    w
}

/// True when `r` has at least two characters (without counting them all).
fn two_chars(r: &str) -> bool {
    r.chars().nth(1).is_some()
}

/// Grammatical agreement a cue form carries (gender and number of its subject).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Agree {
    /// Masculine singular.
    Ms,
    /// Feminine singular.
    Fs,
    /// Masculine (or mixed) plural.
    Mp,
    /// Dual.
    D,
    /// No agreement information.
    Any,
}

/// The grammatical type of a cue form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueType {
    /// Finite verb (قال، يقول).
    Verb,
    /// Circumstantial participle (مؤكداً): its subject is the governing clause's.
    Participle,
    /// Agentless passive (قيل، أفيد).
    Passive,
    /// Verbal noun carrying the speaker as a suffix (قوله، قولها).
    Noun,
}

/// Properties of a cue lemma.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CueFlags {
    /// Prepositions (folded) that may introduce NP content.
    pub pp: Vec<String>,
    /// An NP object may be the content without a complementizer.
    pub np: bool,
    /// An object stands before بأن (وصف X بأنه).
    pub obj: bool,
    /// Homograph of a frequent non-speech word: strict complement needed.
    pub amb: bool,
    /// Relay verb (نقل): the speaker is the source after عن.
    pub relay: bool,
    /// جاء في: the source is the document after في.
    pub within: bool,
    /// Continuation verb (وأضاف).
    pub cont: bool,
}

/// One cue form found in the lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CueForm {
    /// Index of the lemma in [`Lexicon::lemmas`].
    pub lemma: u16,
    /// The form's type.
    pub ty: CueType,
    /// The form's agreement.
    pub agree: Agree,
}

/// What a complementizer token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Comp {
    /// إن / أن and suffixed forms.
    That,
    /// بأن and suffixed forms.
    Bi,
    /// فإن (after a fronted attribution phrase).
    Fa,
    /// A preposition that may precede أن (إلى، على، من، عن).
    Prep,
}

/// The class of a head noun in a speaker phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NounClass {
    /// Title or role of a person.
    Title,
    /// Unnamed source.
    Anon,
    /// Organisation.
    Org,
    /// Country or capital standing for its government.
    Country,
    /// Media outlet.
    Media,
    /// Document.
    Doc,
    /// Group of people.
    Group,
    /// A word continuing a title chain (باسم، العام).
    Link,
}

/// A noun's class and gender/number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Noun {
    /// Its class.
    pub class: NounClass,
    /// Its agreement.
    pub agree: Agree,
}

/// Type of an attribution phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrType {
    /// The source follows (بحسب الوزارة).
    Source,
    /// The speaker is a pronoun (على حد تعبيره).
    Pronoun,
    /// A finite cue follows (بحسب ما قال).
    What,
}

/// A set of closed grammar-word classes (`data/quotes/grammar.txt`): one bit per class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Words(u32);

impl Words {
    /// No class.
    pub const NONE: Words = Words(0);
    /// Prepositions after which a cue word is a verbal noun (matched bare).
    pub const AFTER_PREP: Words = Words(1 << 0);
    /// Negating or deferring particles and verbs (matched bare).
    pub const NEGATOR: Words = Words(1 << 1);
    /// Words after which a homograph cue opens a clause.
    pub const CLAUSE_OPENER: Words = Words(1 << 2);
    /// Relative pronouns.
    pub const RELATIVE: Words = Words(1 << 3);
    /// الذي، التي، الذين.
    pub const RELATIVE_SHORT: Words = Words(1 << 4);
    /// Auxiliaries and connectives around an SVO subject.
    pub const AUX: Words = Words(1 << 5);
    /// Pronoun connectives, masculine singular (matched bare).
    pub const PRONOUN_MS: Words = Words(1 << 6);
    /// Pronoun connectives, feminine singular (matched bare).
    pub const PRONOUN_FS: Words = Words(1 << 7);
    /// Pronoun connectives, plural (matched bare).
    pub const PRONOUN_MP: Words = Words(1 << 8);
    /// Compound-name particles.
    pub const NAME_PARTICLE: Words = Words(1 << 9);
    /// Quantifiers before a source's head.
    pub const QUANTIFIER: Words = Words(1 << 10);
    /// ذات، نفس.
    pub const SAME: Words = Words(1 << 11);
    /// الأخير، الأخيرة.
    pub const LATTER: Words = Words(1 << 12);
    /// Time words.
    pub const TIME: Words = Words(1 << 13);
    /// Adverbs between a subject and its complement.
    pub const ADVERB: Words = Words(1 << 14);
    /// Dative pronouns (له، لها، لهم).
    pub const DATIVE: Words = Words(1 << 15);
    /// Prepositions opening an adjunct.
    pub const ADJUNCT_OPENER: Words = Words(1 << 16);
    /// Demonstratives.
    pub const DEMONSTRATIVE: Words = Words(1 << 17);
    /// Prepositions of a speech-event adjunct (في، خلال).
    pub const EVENT_PREP: Words = Words(1 << 18);
    /// Clause connectives before a verb.
    pub const CONNECTIVE: Words = Words(1 << 19);
    /// Connectives opening a sibling cue's clause.
    pub const SIBLING_CONNECTIVE: Words = Words(1 << 20);
    /// Particles between a fronted attribution and its clause's cue.
    pub const FRONTED_PARTICLE: Words = Words(1 << 21);
    /// Prepositions introducing a relay's source.
    pub const RELAY_SOURCE: Words = Words(1 << 22);

    /// The class named `name` in the data file.
    fn named(name: &str) -> Option<Words> {
        Some(match name {
            "after_prep" => Words::AFTER_PREP,
            "negator" => Words::NEGATOR,
            "clause_opener" => Words::CLAUSE_OPENER,
            "relative" => Words::RELATIVE,
            "relative_short" => Words::RELATIVE_SHORT,
            "aux" => Words::AUX,
            "pronoun_ms" => Words::PRONOUN_MS,
            "pronoun_fs" => Words::PRONOUN_FS,
            "pronoun_mp" => Words::PRONOUN_MP,
            "name_particle" => Words::NAME_PARTICLE,
            "quantifier" => Words::QUANTIFIER,
            "same" => Words::SAME,
            "latter" => Words::LATTER,
            "time" => Words::TIME,
            "adverb" => Words::ADVERB,
            "dative" => Words::DATIVE,
            "adjunct_opener" => Words::ADJUNCT_OPENER,
            "demonstrative" => Words::DEMONSTRATIVE,
            "event_prep" => Words::EVENT_PREP,
            "connective" => Words::CONNECTIVE,
            "sibling_connective" => Words::SIBLING_CONNECTIVE,
            "fronted_particle" => Words::FRONTED_PARTICLE,
            "relay_source" => Words::RELAY_SOURCE,
            _ => return None,
        })
    }

    /// True when the set shares a class with `other`.
    pub fn has(self, other: Words) -> bool {
        self.0 & other.0 != 0
    }
}

impl std::ops::BitOr for Words {
    type Output = Words;
    fn bitor(self, o: Words) -> Words {
        Words(self.0 | o.0)
    }
}

/// What [`Lexicon::cue`], [`Lexicon::comp`], [`Lexicon::noun`], [`Lexicon::is_stop`] and
/// [`Lexicon::is_known`] say about one folded token, and whether an attribution phrase
/// may start with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct TokInfo {
    pub cue: Option<CueForm>,
    pub comp: Option<Comp>,
    pub noun: Option<Noun>,
    pub stop: bool,
    pub known: bool,
    /// The form, or the form without its conjunction و/ف
    /// ([`crate::tokens::strip_conjunction`]), is a key of [`Lexicon::attributions`].
    pub attr: bool,
    /// The grammar-word classes of the form as written.
    pub words: Words,
    /// The grammar-word classes of the form without its conjunction و/ف.
    pub bare: Words,
}

impl TokInfo {
    /// What no lexicon knows.
    pub const NONE: TokInfo = TokInfo {
        cue: None,
        comp: None,
        noun: None,
        stop: false,
        known: false,
        attr: false,
        words: Words::NONE,
        bare: Words::NONE,
    };
}

/// All quote lexicons, parsed once.
#[derive(Clone, Debug)]
pub struct Lexicon {
    /// Lemma names and flags, indexed by [`CueForm::lemma`].
    pub lemmas: Vec<(String, CueFlags)>,
    cues: HashMap<String, CueForm>,
    comps: HashMap<String, Comp>,
    nouns: HashMap<String, Noun>,
    stops: HashMap<String, ()>,
    terms: HashMap<String, ()>,
    events: HashMap<String, ()>,
    things: HashMap<String, ()>,
    honorifics: HashMap<String, Agree>,
    governors: HashMap<String, ()>,
    /// Closed grammar-word classes of each listed folded word.
    words: HashMap<String, Words>,
    /// Attribution phrases: first token → (rest tokens, type), longest first.
    pub attributions: HashMap<String, Vec<(Vec<String>, AttrType)>>,
    /// Author asides: first token → rest tokens.
    pub asides: HashMap<String, Vec<Vec<String>>>,
    /// Every folded form some of `cue`, `comp`, `noun`, `is_stop` answers for or that may
    /// start an attribution, with all their answers (see [`Lexicon::info`]).
    /// The facts id ([`Lexicon::facts`]) of every form that has any (absent: none), read for
    /// every token of every document: one slot per look-up, no string compare.
    info: FingerprintTable,
    /// The distinct token facts of the lexicon; index 0 is [`TokInfo::NONE`]. A document keeps
    /// a 2-byte id per token instead of the facts themselves.
    facts: Vec<TokInfo>,
}

/// True when `form` is a key of `table` as written, without its article (and what is glued
/// before it), or without a conjunction و/ف and then its article: فحوصات and الفحوصات and
/// والفحوصات, while a word that starts with ف keeps it when that is how it is listed.
fn in_table(table: &HashMap<String, ()>, form: &str) -> bool {
    let has = |f: &str| table.contains_key(f) || table.contains_key(strip_article(f));
    has(form) || {
        let f = crate::tokens::strip_conjunction(form);
        f.len() < form.len() && has(f)
    }
}

/// The proclitics [`Lexicon::cue`] and the attribution test (through
/// [`crate::tokens::strip_conjunction`]) may strip before looking a form up.
const CONJUNCTIONS: &[&str] = &[WA, FA];
/// The proclitic [`Lexicon::comp`] and [`Lexicon::is_stop`] may strip.
const WAW: &[&str] = &[WA];
/// The proclitics [`Lexicon::noun`] may strip: a conjunction
/// ([`crate::tokens::strip_conjunction`]) or an article with what is glued before it
/// ([`strip_article`]).
const NOUN_PREFIXES: &[&str] = &[
    WA, FA, WA_ARTICLE, "فال", BI_ARTICLE, KA_ARTICLE, "وبال", "ولل", LIL, ARTICLE,
];

const CUES: &str = include_str!("../../data/quotes/cues.txt");
const COMPS: &str = include_str!("../../data/quotes/complementizers.txt");
const NOUNS: &str = include_str!("../../data/quotes/nouns.txt");
const STOPS: &str = include_str!("../../data/quotes/stops.txt");
const TERMS: &str = include_str!("../../data/quotes/terms.txt");
const ATTRS: &str = include_str!("../../data/quotes/attribution.txt");
const ASIDES: &str = include_str!("../../data/quotes/asides.txt");
const EVENTS: &str = include_str!("../../data/quotes/events.txt");
const THINGS: &str = include_str!("../../data/quotes/things.txt");
const HONORIFICS: &str = include_str!("../../data/quotes/honorifics.txt");
const GOVERNORS: &str = include_str!("../../data/quotes/governors.txt");
const GRAMMAR: &str = include_str!("../../data/quotes/grammar.txt");

fn agree_of(s: &str) -> Agree {
    match s {
        "ms" | "m" => Agree::Ms,
        "fs" | "f" => Agree::Fs,
        "mp" | "fp" | "p" => Agree::Mp,
        "d" => Agree::D,
        _ => Agree::Any,
    }
}

impl Lexicon {
    /// Parse the built-in data files.
    pub fn builtin() -> Lexicon {
        let mut lemmas = Vec::new();
        let mut cues = HashMap::default();
        for l in lines(CUES) {
            let mut parts = l.split('\t');
            let (Some(lemma), Some(flags), Some(forms)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let mut f = CueFlags::default();
            for fl in flags.split(',') {
                match fl {
                    "np" => f.np = true,
                    "obj" => f.obj = true,
                    "amb" => f.amb = true,
                    "relay" => f.relay = true,
                    "in" => f.within = true,
                    "cont" => f.cont = true,
                    _ => {
                        if let Some(p) = fl.strip_prefix("pp=") {
                            f.pp.push(fold_str(p));
                        }
                    }
                }
            }
            let id = lemmas.len();
            lemmas.push((lemma.to_string(), f));
            for form in forms.split_whitespace() {
                let (w, tag) = form.split_once('/').unwrap_or((form, ""));
                let ty = match tag.chars().next() {
                    Some('P') => CueType::Participle,
                    Some('X') => CueType::Passive,
                    Some('N') => CueType::Noun,
                    _ => CueType::Verb,
                };
                let agree = agree_of(tag.get(1..).unwrap_or(""));
                cues.entry(fold_str(w)).or_insert(CueForm {
                    lemma: u16::try_from(id).expect("fewer than 65,536 cue lemmas"),
                    ty,
                    agree,
                });
            }
        }
        let mut comps = HashMap::default();
        for l in lines(COMPS) {
            let (w, c) = l.split_once('\t').unwrap_or((l, "that"));
            let c = match c.trim() {
                "bi" => Comp::Bi,
                "fa" => Comp::Fa,
                "prep" => Comp::Prep,
                _ => Comp::That,
            };
            comps.insert(fold_str(w), c);
        }
        let mut nouns = HashMap::default();
        for l in lines(NOUNS) {
            let mut p = l.split('\t');
            let (Some(w), Some(c), g) = (p.next(), p.next(), p.next()) else {
                continue;
            };
            let class = match c {
                "title" => NounClass::Title,
                "anon" => NounClass::Anon,
                "org" => NounClass::Org,
                "country" => NounClass::Country,
                "media" => NounClass::Media,
                "doc" => NounClass::Doc,
                "group" => NounClass::Group,
                _ => NounClass::Link,
            };
            let n = Noun {
                class,
                agree: agree_of(g.unwrap_or("")),
            };
            let f = fold_str(w);
            nouns.entry(strip_article(&f).to_string()).or_insert(n);
            nouns.entry(f).or_insert(n);
        }
        let stops = lines(STOPS).map(|w| (fold_str(w), ())).collect();
        let terms = lines(TERMS).map(|w| (fold_str(w), ())).collect();
        let events = lines(EVENTS).map(|w| (fold_str(w), ())).collect();
        let things = lines(THINGS).map(|w| (fold_str(w), ())).collect();
        let governors = lines(GOVERNORS).map(|w| (fold_str(w), ())).collect();
        let honorifics = lines(HONORIFICS)
            .map(|l| {
                let (w, g) = l.split_once('\t').unwrap_or((l, "m"));
                (fold_str(w), agree_of(g.trim()))
            })
            .collect();
        let mut words: HashMap<String, Words> = HashMap::default();
        for l in lines(GRAMMAR) {
            let (class, list) = l.split_once('\t').unwrap_or((l, ""));
            let Some(class) = Words::named(class.trim()) else {
                continue;
            };
            for w in list.split_whitespace() {
                let e = words.entry(fold_str(w)).or_default();
                *e = *e | class;
            }
        }
        let mut attributions: HashMap<String, Vec<(Vec<String>, AttrType)>> = HashMap::default();
        for l in lines(ATTRS) {
            let (p, t) = l.split_once('\t').unwrap_or((l, "src"));
            let t = match t.trim() {
                "pron" => AttrType::Pronoun,
                "what" => AttrType::What,
                _ => AttrType::Source,
            };
            let mut toks: Vec<String> = p.split_whitespace().map(fold_str).collect();
            if toks.is_empty() {
                continue;
            }
            let first = toks.remove(0);
            attributions.entry(first).or_default().push((toks, t));
        }
        for v in attributions.values_mut() {
            v.sort_by_key(|(r, _)| std::cmp::Reverse(r.len()));
        }
        let mut asides: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        for l in lines(ASIDES) {
            let mut toks: Vec<String> = l.split_whitespace().map(fold_str).collect();
            if toks.is_empty() {
                continue;
            }
            let first = toks.remove(0);
            asides.entry(first).or_default().push(toks);
        }
        let mut lex = Lexicon {
            lemmas,
            cues,
            comps,
            nouns,
            stops,
            terms,
            events,
            things,
            honorifics,
            governors,
            words,
            attributions,
            asides,
            info: FingerprintTable::with_capacity(0),
            facts: Vec::new(),
        };
        (lex.info, lex.facts) = lex.build_info();
        lex
    }

    /// The answers of the per-token lookups for every form that can get one. Each lookup
    /// tries its form as is or with one of its own prefixes removed (`cue`: و ف; `comp`
    /// and `is_stop`: و; `noun`: [`NOUN_PREFIXES`]; attributions: و ف), so a form it
    /// answers for is a key of its table, bare or behind one of those prefixes. Every such
    /// form is stored with what all the lookups return for it.
    fn build_info(&self) -> (FingerprintTable, Vec<TokInfo>) {
        let (info, facts) = self.info_map();
        let mut table = FingerprintTable::with_capacity(info.len());
        for (f, &id) in &info {
            table.insert(f, id);
        }
        (table, facts)
    }

    /// [`Lexicon::build_info`]'s forms and ids as a map.
    fn info_map(&self) -> (HashMap<String, u16>, Vec<TokInfo>) {
        let tables: [(Vec<&String>, &[&str]); 6] = [
            (self.cues.keys().collect(), CONJUNCTIONS),
            (self.comps.keys().collect(), WAW),
            (self.stops.keys().collect(), WAW),
            (self.nouns.keys().collect(), NOUN_PREFIXES),
            (self.attributions.keys().collect(), CONJUNCTIONS),
            (self.words.keys().collect(), CONJUNCTIONS),
        ];
        let mut info: HashMap<String, u16> = HashMap::default();
        let mut facts = vec![TokInfo::NONE];
        let mut ids: HashMap<TokInfo, u16> = HashMap::default();
        ids.insert(TokInfo::NONE, 0);
        let mut f = String::new();
        for (keys, prefixes) in tables {
            for k in keys {
                for p in std::iter::once(&"").chain(prefixes) {
                    f.clear();
                    f.push_str(p);
                    f.push_str(k);
                    if info.contains_key(f.as_str()) {
                        continue;
                    }
                    let t = self.info_slow(&f);
                    if t != TokInfo::NONE {
                        let id = *ids.entry(t).or_insert_with(|| {
                            facts.push(t);
                            u16::try_from(facts.len() - 1)
                                .expect("fewer than 65,536 distinct token facts")
                        });
                        info.insert(f.clone(), id);
                    }
                }
            }
        }
        (info, facts)
    }

    /// What the lookup functions say about a folded token, one call each (`known` as
    /// [`Lexicon::is_known`] computes it, from the same answers).
    fn info_slow(&self, form: &str) -> TokInfo {
        let (cue, comp, noun, stop) = (
            self.cue(form),
            self.comp(form),
            self.noun(form),
            self.is_stop(form),
        );
        TokInfo {
            cue,
            comp,
            noun,
            stop,
            known: cue.is_some()
                || comp.is_some()
                || stop
                || noun.is_some_and(|n| n.class != NounClass::Country),
            attr: self.attributions.contains_key(form)
                || self
                    .attributions
                    .contains_key(crate::tokens::strip_conjunction(form)),
            words: self.words(form),
            bare: self.words(crate::tokens::strip_conjunction(form)),
        }
    }

    /// What the lookup functions say about a folded token, in one table lookup.
    #[cfg(test)]
    pub(crate) fn info(&self, form: &str) -> TokInfo {
        self.facts[usize::from(self.fact_id(form))]
    }

    /// The id of a folded token's facts ([`Lexicon::fact`]), in one table lookup.
    #[inline]
    pub(crate) fn fact_id(&self, form: &str) -> u16 {
        self.info.get(form).unwrap_or(0)
    }

    /// The facts of id `id` (from [`Lexicon::fact_id`]).
    #[inline]
    pub(crate) fn fact(&self, id: u16) -> &TokInfo {
        &self.facts[usize::from(id)]
    }

    /// The grammar-word classes of a folded word as written.
    pub(crate) fn words(&self, form: &str) -> Words {
        self.words.get(form).copied().unwrap_or_default()
    }

    /// The cue form of a folded token (conjunction و/ف stripped), if any.
    pub fn cue(&self, form: &str) -> Option<CueForm> {
        if let Some(c) = self.cues.get(form) {
            return Some(*c);
        }
        for p in [WA, FA] {
            if let Some(r) = form.strip_prefix(p) {
                if let Some(c) = self.cues.get(r) {
                    return Some(*c);
                }
            }
        }
        None
    }

    /// The flags of lemma `i`.
    pub fn flags(&self, i: u16) -> &CueFlags {
        &self.lemmas[i as usize].1
    }

    /// The complementizer class of a folded token (conjunction و stripped).
    pub fn comp(&self, form: &str) -> Option<Comp> {
        self.comps
            .get(form)
            .or_else(|| form.strip_prefix('و').and_then(|r| self.comps.get(r)))
            .copied()
    }

    /// The noun class of a folded token, clitics stripped.
    pub fn noun(&self, form: &str) -> Option<Noun> {
        self.nouns
            .get(form)
            .or_else(|| self.nouns.get(strip_article(form)))
            .or_else(|| {
                let f = crate::tokens::strip_conjunction(form);
                (f.len() < form.len()).then(|| self.nouns.get(f)).flatten()
            })
            .copied()
    }

    /// True when the folded word (article and و stripped as needed) names a speech
    /// event (تصريح، مؤتمر، بيان): a في-phrase opening with it is an adjunct, not part of
    /// the speaker (مسؤول في تصريح).
    pub fn is_event(&self, form: &str) -> bool {
        in_table(&self.events, form)
    }

    /// True when the folded word is an inanimate piece of evidence (الفحوصات، الأرقام،
    /// علامة): as the subject of a cue verb it reports no speech.
    pub fn is_thing(&self, form: &str) -> bool {
        in_table(&self.things, form)
    }

    /// The agreement of an honorific or personal pronoun standing as a subject (سموه،
    /// معاليه، فضيلته), if the folded word is one.
    pub fn honorific(&self, form: &str) -> Option<Agree> {
        // The word as written first: فضيلته starts with ف without a conjunction.
        self.honorifics
            .get(form)
            .or_else(|| self.honorifics.get(crate::tokens::strip_conjunction(form)))
            .copied()
    }

    /// True when the folded word is a non-speech verb whose subject a following
    /// participle takes (أشاد فلان بـ…، مؤكداً أن …).
    pub fn is_governor(&self, form: &str) -> bool {
        self.governors
            .contains_key(crate::tokens::strip_conjunction(form))
            || self.governors.contains_key(form)
    }

    /// True when the folded word is itself a key of the noun table, with no prefix taken
    /// off (والدة is a noun, not و + الدة).
    pub fn is_noun_as_written(&self, form: &str) -> bool {
        self.nouns.contains_key(form)
    }

    /// The noun class of a token written with a glued preposition ب or ل (بوزارة، لحركة).
    pub fn noun_after_prep(&self, form: &str) -> Option<Noun> {
        let f = crate::tokens::strip_conjunction(form);
        for p in [LIL, BI, LI] {
            if let Some(r) = f.strip_prefix(p) {
                if two_chars(r) {
                    if let Some(n) = self.noun(r) {
                        return Some(n);
                    }
                }
            }
        }
        None
    }

    /// True when the folded token ends a speaker phrase.
    pub fn is_stop(&self, form: &str) -> bool {
        self.stops.contains_key(form)
            || form
                .strip_prefix('و')
                .is_some_and(|r| two_chars(r) && self.stops.contains_key(r))
    }

    /// True when a quoted span after this folded token is a name or term.
    pub fn is_term_trigger(&self, form: &str) -> bool {
        let f = crate::tokens::strip_conjunction(form);
        let known = |f: &str| {
            self.terms.contains_key(f)
                || self.terms.contains_key(strip_article(f))
                || f.strip_prefix(ARTICLE)
                    .is_some_and(|r| self.terms.contains_key(r))
        };
        // With a possessive suffix (برنامجها، حملتهم، مشروعنا): ة is written ت before it.
        known(f)
            || ["ها", "هم", "هما", "نا", "ه", "ي"].iter().any(|suf| {
                f.strip_suffix(suf).is_some_and(|stem| {
                    stem.chars().nth(2).is_some()
                        && (known(stem)
                            || stem
                                .strip_suffix('ت')
                                .is_some_and(|s| known(&format!("{s}ه"))))
                })
            })
    }

    /// True when the folded token is in any lexicon (so it is not a proper name).
    #[cfg_attr(not(test), allow(dead_code))] // the reference that `info` is tested against
    pub fn is_known(&self, form: &str) -> bool {
        self.cue(form).is_some()
            || self.comp(form).is_some()
            || self.is_stop(form)
            || self
                .noun(form)
                .is_some_and(|n| n.class != NounClass::Country)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-lookup table answers as the lookup functions do, for every stored form, for
    /// every form one or two prefixes away from a lexicon key, and for the words of a text.
    #[test]
    fn info_matches_the_lookups() {
        let lex = Lexicon::builtin();
        let stored = lex.info_map().0;
        // No two stored forms share a fingerprint.
        assert_eq!(lex.info.len(), stored.len());
        let mut forms: Vec<String> = stored.keys().cloned().collect();
        let keys: Vec<String> = lex
            .cues
            .keys()
            .chain(lex.comps.keys())
            .chain(lex.nouns.keys())
            .chain(lex.stops.keys())
            .chain(lex.terms.keys())
            .chain(lex.attributions.keys())
            .chain(lex.asides.keys())
            .chain(lex.words.keys())
            .cloned()
            .collect();
        let more = ["و", "ف", "ب", "ل", "ك", "ال", "لل", "وال", "وب", "فب"];
        for k in &keys {
            forms.push(k.clone());
            for p in NOUN_PREFIXES.iter().chain(more.iter()) {
                forms.push(format!("{p}{k}"));
                for q in ["و", "ف", "ب", "ال"] {
                    forms.push(format!("{q}{p}{k}"));
                }
            }
            // Shortened forms: a key minus its first or last letter.
            let mut cs = k.chars();
            cs.next();
            forms.push(cs.as_str().to_string());
            let mut cs = k.chars();
            cs.next_back();
            forms.push(cs.as_str().to_string());
        }
        let text = "قال وزير الخارجية إن الوزارة والوزير فالمتحدث باسم الحكومة للصحيفة \
                    وأكد مصدر مطلع أن الشهود و ف ال وال لل";
        forms.extend(text.split_whitespace().map(fold_str));
        forms.extend(["", "و", "ف", "ال", "وال", "لل", "ولل"].map(String::from));
        assert!(lex.info.len() > 100);
        for f in &forms {
            assert_eq!(lex.info(f), lex.info_slow(f), "{f}");
            assert_eq!(lex.info(f).known, lex.is_known(f), "{f}");
        }
    }

    /// Every line of the grammar-word list names a known class, and its words are folded
    /// (they are compared with folded tokens).
    #[test]
    fn grammar_words_are_folded_and_classed() {
        let mut n = 0;
        for l in lines(GRAMMAR) {
            let (class, list) = l.split_once('\t').expect("class <TAB> words");
            assert!(Words::named(class).is_some(), "unknown class {class}");
            for w in list.split_whitespace() {
                assert_eq!(fold_str(w), w, "{class}: {w} is not folded");
                n += 1;
            }
        }
        assert!(n > 150);
        let lex = Lexicon::builtin();
        assert!(lex.words("الذين").has(Words::RELATIVE));
        assert!(lex.info("ولم").bare.has(Words::NEGATOR));
        assert!(!lex.info("ولم").words.has(Words::NEGATOR));
    }
}
