//! Rule `cue_colon_bullets`: "قال فلان:" followed by a bulleted list, one quote per bullet.

use crate::quotes::view::{View, trim_clause};
use crate::quotes::{Raw, Rule};
use crate::span::Span;

/// "قال فلان:" followed by a bulleted list: one quote per bullet line.
pub(crate) fn bullets(v: &View<'_>, r: Raw, raws: &mut Vec<Raw>) {
    let is_bullet = |c: char| matches!(c, '•' | '●' | '▪' | '◾' | '-' | '–' | '*' | '·');
    let Some(mut si) = v.sentence_of(r.content.start) else {
        raws.push(r);
        return;
    };
    let first = v.line_start(r.content.start);
    if !v.text[first..].trim_start().starts_with(is_bullet) {
        raws.push(r);
        return;
    }
    let mut n = 0;
    while si < v.sents.len() && n < 50 {
        let para = v.sents[si].paragraph;
        let line = v.sents[si].span;
        let t = line.as_str(v.text);
        let Some(body) = t.trim_start().strip_prefix(is_bullet) else {
            break;
        };
        let mut end = line.end;
        let mut next = si + 1;
        while next < v.sents.len() && v.sents[next].paragraph == para {
            end = v.sents[next].span.end;
            next += 1;
        }
        let start = line.end - body.len();
        let c = trim_clause(v.text, Span::new(start, end));
        if !c.is_empty() {
            raws.push(Raw {
                content: c,
                sentence: si,
                kind: v.kind_of(c),
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
