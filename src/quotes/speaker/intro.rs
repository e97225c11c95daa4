//! Introductions: subjects of non-speech main verbs, the latest source for later
//! continuation verbs and participles.

use crate::quotes::speaker::Phrase;
use crate::quotes::speaker::subject::{cue_subject, governor_subject};
use crate::quotes::view::View;

/// The subjects of non-speech main verbs opening a sentence (أشاد، استقبل، أبدى …),
/// as (token, sentence, phrase), in text order.
pub(crate) fn introductions(v: &View<'_>) -> Vec<(usize, usize, Phrase)> {
    let mut out = Vec::new();
    for si in 0..v.sents.len() {
        if !v.quotable(si) {
            continue;
        }
        let (a, b) = v.sent_toks[si];
        if a >= b {
            continue;
        }
        if let Some(p) = governor_subject(v, a, b) {
            out.push((a, si, p));
        } else if let Some(p) = cue_subject(v, a, b) {
            out.push((a, si, p));
        }
    }
    out
}
