//! The detection rules: each finds quotes of one phenomenon and names itself with a [`Rule`].

/// The rule that found a quote (and attached its speaker request). Its name, as written in
/// the JSON output (`"rule"`), is [`Rule::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Rule {
    /// A headline or lead "X: content" (`headline_colon`).
    HeadlineColon,
    /// A reporting cue and a complementizer: قال إن … (`cue_complementizer`).
    CueComplementizer,
    /// A reporting cue and an NP or prepositional object: أعلن مقتل …، شدد على …
    /// (`cue_object`).
    CueObject,
    /// A reporting cue and a colon: قال: … (`cue_colon`).
    CueColon,
    /// A reporting cue and a quotation: قال «…» (`cue_direct`).
    CueDirect,
    /// A cue whose colon ends its paragraph: the next paragraph is the content
    /// (`cue_colon_paragraph`).
    CueColonParagraph,
    /// A cue whose colon opens a bulleted list: one quote per bullet (`cue_colon_bullets`).
    CueColonBullets,
    /// An attribution phrase: بحسب الوزارة، على حد تعبيره (`attribution_phrase`).
    AttributionPhrase,
    /// An attribution phrase right after a quotation: «…»، حسب قوله
    /// (`attribution_after_quote`).
    AttributionAfterQuote,
    /// A quotation followed by its cue: «…»، قال الوزير (`quote_first`).
    QuoteFirst,
    /// A paragraph that is one quotation, continuing the current speaker
    /// (`floating_paragraph`).
    FloatingParagraph,
}

impl Rule {
    /// Every rule, in the order of the variants.
    pub const ALL: [Rule; 11] = [
        Rule::HeadlineColon,
        Rule::CueComplementizer,
        Rule::CueObject,
        Rule::CueColon,
        Rule::CueDirect,
        Rule::CueColonParagraph,
        Rule::CueColonBullets,
        Rule::AttributionPhrase,
        Rule::AttributionAfterQuote,
        Rule::QuoteFirst,
        Rule::FloatingParagraph,
    ];

    /// The rule's name, as written in the output (`"cue_direct"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Rule::HeadlineColon => "headline_colon",
            Rule::CueComplementizer => "cue_complementizer",
            Rule::CueObject => "cue_object",
            Rule::CueColon => "cue_colon",
            Rule::CueDirect => "cue_direct",
            Rule::CueColonParagraph => "cue_colon_paragraph",
            Rule::CueColonBullets => "cue_colon_bullets",
            Rule::AttributionPhrase => "attribution_phrase",
            Rule::AttributionAfterQuote => "attribution_after_quote",
            Rule::QuoteFirst => "quote_first",
            Rule::FloatingParagraph => "floating_paragraph",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod rule_tests {
    use super::Rule;

    #[test]
    fn names_are_distinct_snake_case() {
        let mut names: Vec<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
        assert!(
            names
                .iter()
                .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        );
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Rule::ALL.len());
        assert_eq!(Rule::CueDirect.to_string(), "cue_direct");
    }
}

mod attribution;
mod bullets;
pub(crate) mod cue;
mod floating;
mod free_marks;
mod headline;
mod quote_first;
mod relay;

use crate::quotes::Raw;
use crate::quotes::view::View;

/// Most tokens scanned between the speaker phrase and the complement (adjuncts such as
/// "في مؤتمر صحفي عقده في الدوحة اليوم").
const WINDOW: usize = 25;

/// Every quote the rules find in the document, before ordering and speaker resolution: per
/// quotable sentence a headline, then left to right attribution phrases and cues; last the
/// quotations no rule claimed. `used` marks the quotations already taken as content.
pub(crate) fn detect(v: &View<'_>) -> Vec<Raw> {
    let mut raws: Vec<Raw> = Vec::new();
    let mut used = vec![false; v.marks.len()];
    for si in 0..v.sents.len() {
        if !v.quotable(si) {
            continue;
        }
        let (a, b) = v.sent_toks[si];
        if a >= b {
            continue;
        }
        if let Some(r) = headline::headline(v, si, &mut used) {
            raws.push(r);
        }
        let mut i = a;
        while i < b {
            if let Some((r, next)) = attribution::attribution(v, i, si, &mut used) {
                raws.push(r);
                i = next.max(i + 1);
                continue;
            }
            if let Some(r) = cue::cue_quote(v, i, si, &mut used) {
                match r.rule {
                    Rule::CueColonParagraph => bullets::bullets(v, r, &mut raws),
                    _ => raws.push(r),
                }
            }
            i += 1;
        }
    }
    free_marks::free_marks(v, &mut raws, &mut used);
    raws
}
