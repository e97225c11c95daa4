//! The speaker stage: who said each detected quote.
//!
/// A speaker phrase: a token range and what it denotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Phrase {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The kind of source.
    pub kind: SpeakerKind,
    /// Grammatical agreement of the head.
    pub agree: Agree,
}

mod entities;
mod intro;
pub(crate) mod phrase;
pub(crate) mod subject;

use crate::quotes::lexicon::Agree;
use crate::quotes::view::View;
use crate::quotes::{Quotes, Raw, SpeakerKind};

/// The speaker stage: resolve each raw quote's speaker request ([`crate::quotes::Who`]) into
/// an entity of the article, and build the quotes. Input: the document view and the raw
/// quotes in cue order (from detection and ordering); output: the quotes in text order and
/// the entities that speak them.
pub(crate) fn attribute(v: &View<'_>, raws: Vec<Raw>) -> Quotes {
    let intros = intro::introductions(v);
    entities::resolve(v, raws, &intros)
}
