//! Escaping untrusted text for HTML.
//!
//! Text content: `&`, `<`, `>` become references. Characters the HTML parser reports as
//! errors (C0 and C1 controls other than whitespace, noncharacters) cannot appear in a
//! valid page at all, not even as references: each becomes a visible `U+FFFD` in a
//! `span.cc` naming the code point. Bidi embedding, override and isolate controls
//! (U+202A–U+202E, U+2066–U+2069) stay in the text, each alone in a `span.bidi` that CSS
//! isolates and labels, so an unbalanced control cannot reorder anything outside its own
//! span (bidi marks U+200E, U+200F, U+061C act on one character and stay as they are).
//!
//! Attribute values and `<title>` (which cannot hold elements) get `&`, `<`, `>`, `"`, `'`
//! escaped, and both kinds of special characters replaced by `U+FFFD`.

use std::fmt::Write;

/// What a character needs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Plain,
    Ref(&'static str),
    /// A bidi embedding/override/isolate control.
    Bidi,
    /// A character that no valid HTML document may contain.
    Bad,
}

/// Lead bytes that may start a character needing more than copying.
const fn lead_table() -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = !matches!(b, 0x09 | 0x0A | 0x0C | 0x0D);
        b += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[0x7F] = true;
    t[0xC2] = true; // U+0080..U+009F
    t[0xE2] = true; // U+202A.., U+2066..
    t[0xEF] = true; // U+FDD0..U+FDEF, U+FFFE, U+FFFF
    let mut b = 0xF0;
    while b <= 0xF4 {
        t[b] = true; // U+1FFFE, U+1FFFF, …
        b += 1;
    }
    t
}

static LEAD: [bool; 256] = lead_table();

fn class(c: char, attr: bool) -> Class {
    match c {
        '&' => Class::Ref("&amp;"),
        '<' => Class::Ref("&lt;"),
        '>' => Class::Ref("&gt;"),
        '"' if attr => Class::Ref("&quot;"),
        '\'' if attr => Class::Ref("&#39;"),
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Class::Bidi,
        '\t' | '\n' | '\u{0C}' | '\r' => Class::Plain,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FDD0}'..='\u{FDEF}' => Class::Bad,
        c if (c as u32) & 0xFFFE == 0xFFFE => Class::Bad,
        _ => Class::Plain,
    }
}

fn escape(out: &mut String, s: &str, attr: bool) {
    let bytes = s.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !LEAD[b as usize] {
            i += 1;
            continue;
        }
        // `i` is on a character boundary: every byte before it was a whole character.
        let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
        let n = c.len_utf8();
        let cls = class(c, attr);
        if cls != Class::Plain {
            out.push_str(&s[last..i]);
            match (cls, attr) {
                (Class::Ref(r), _) => out.push_str(r),
                (_, true) => out.push('\u{FFFD}'),
                (Class::Bidi, false) => {
                    let _ = write!(
                        out,
                        "<span class=\"bidi\" data-cp=\"{:04X}\">{c}</span>",
                        c as u32
                    );
                }
                _ => {
                    let _ = write!(
                        out,
                        "<span class=\"cc\" data-cp=\"{:04X}\">\u{FFFD}</span>",
                        c as u32
                    );
                }
            }
            last = i + n;
        }
        i += n;
    }
    out.push_str(&s[last..]);
}

/// Append `s` as HTML text content (may add `span.bidi` / `span.cc` elements).
pub fn text(out: &mut String, s: &str) {
    escape(out, s, false);
}

/// Append `s` escaped for a quoted attribute value or a `<title>`.
pub fn attr(out: &mut String, s: &str) {
    escape(out, s, true);
}

/// What the browser's `textContent` of [`text`]'s output equals for `s`: `s` itself, with
/// each character no valid page may hold replaced by U+FFFD, and line breaks normalised
/// as the HTML parser does (CR LF and lone CR become LF).
#[cfg(test)]
pub fn text_content(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .map(|c| {
            if class(c, false) == Class::Bad {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> String {
        let mut o = String::new();
        text(&mut o, s);
        o
    }

    fn a(s: &str) -> String {
        let mut o = String::new();
        attr(&mut o, s);
        o
    }

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            t("<script>alert('x')</script> & \"ok\""),
            "&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"ok\""
        );
        assert_eq!(
            a("\"><img src=x onerror='y'>&"),
            "&quot;&gt;&lt;img src=x onerror=&#39;y&#39;&gt;&amp;"
        );
        assert_eq!(t("قال: «نعم»"), "قال: «نعم»");
    }

    #[test]
    fn controls_are_isolated_or_replaced() {
        assert_eq!(
            t("أ\u{202E}ب"),
            "أ<span class=\"bidi\" data-cp=\"202E\">\u{202E}</span>ب"
        );
        assert_eq!(
            t("\u{2067}"),
            "<span class=\"bidi\" data-cp=\"2067\">\u{2067}</span>"
        );
        assert_eq!(t("\u{200F}\u{061C}"), "\u{200F}\u{061C}");
        assert_eq!(
            t("a\u{1}b"),
            "a<span class=\"cc\" data-cp=\"0001\">\u{FFFD}</span>b"
        );
        assert!(
            t("\u{85}\u{FDD0}\u{FFFE}\u{10FFFF}")
                .matches("class=\"cc\"")
                .count()
                == 4
        );
        assert_eq!(t("\t\n\r\u{0C}"), "\t\n\r\u{0C}");
        assert_eq!(a("x\u{202E}\u{0}y"), "x\u{FFFD}\u{FFFD}y");
        assert_eq!(text_content("a\r\nb\rc\u{1}"), "a\nb\nc\u{FFFD}");
    }

    #[test]
    fn every_character_survives_in_order() {
        // Over a sweep of code points, the escaped text decodes back to the original.
        let s: String = (0u32..0x3000)
            .chain(0xFD00..0x10000)
            .chain([0x1FFFE, 0x1F600, 0x10FFFF])
            .filter_map(char::from_u32)
            .collect();
        let out = t(&s);
        let back = out
            .replace('\u{FFFD}', "")
            .replace("&lt;", "<")
            .replace("&gt;", ">");
        let back = strip_spans(&back).replace("&amp;", "&");
        let want: String = s
            .chars()
            .filter(|&c| class(c, false) != Class::Bad && c != '\u{FFFD}')
            .collect();
        assert_eq!(back, want);
    }

    fn strip_spans(s: &str) -> String {
        let mut o = String::new();
        let mut rest = s;
        while let Some(i) = rest.find("<span class=\"") {
            o.push_str(&rest[..i]);
            let j = rest[i..].find('>').unwrap() + i + 1;
            rest = &rest[j..];
            let k = rest.find("</span>").unwrap();
            o.push_str(&rest[..k]);
            rest = &rest[k + 7..];
        }
        o.push_str(rest);
        o
    }
}
