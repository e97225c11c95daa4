//! Document structure: lines and paragraphs → blocks of a kind.
//!
//! Real articles arrive with their headline, photo captions, datelines, bylines and page
//! clutter mixed into the body. Each non-blank line becomes a [`Block`] whose [`BlockKind`]
//! tells the later stages what it is.

use crate::span::Span;

/// What a line of an article is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum BlockKind {
    /// The headline.
    Title,
    /// A photo caption (often repeated).
    Caption,
    /// A dateline or byline (تل أبيب-رويترز، كتب: …).
    Dateline,
    /// Body text.
    Body,
    /// Page furniture: related links, tags, share widgets, leaked CSS, schedules.
    Clutter,
}

impl BlockKind {
    /// The lowercase name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Caption => "caption",
            BlockKind::Dateline => "dateline",
            BlockKind::Body => "body",
            BlockKind::Clutter => "clutter",
        }
    }
}

/// One non-blank line of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// The line's span, without surrounding white space.
    pub span: Span,
    /// What the line is.
    pub kind: BlockKind,
    /// Index of the paragraph (0-based): each non-blank line is a paragraph.
    pub paragraph: usize,
    /// A dateline or byline at the start of a body line (سبق- وكالات: …), which stays part
    /// of the line's first sentence.
    pub dateline: Option<Span>,
}

/// Split `text` into blocks and classify them.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut para = 0;
    for line in text.split_inclusive('\n') {
        let span = Span::new(pos, pos + line.len()).trim(text);
        pos += line.len();
        if span.is_empty() {
            continue;
        }
        let kind = if para == 0 && looks_like_title(span.as_str(text)) {
            BlockKind::Title
        } else {
            BlockKind::Body
        };
        out.push(Block {
            span,
            kind,
            paragraph: para,
            dateline: None,
        });
        para += 1;
    }
    out
}

fn looks_like_title(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let ends = line.ends_with(['.', '؟', '?', '!', '…', '۔']);
    words <= 25 && !ends
}
