//! The full-text index's view of Arabic: folded (hamza forms, alef maqsura, ta marbuta,
//! diacritics, tatweel, Arabic-Indic digits) and with the article's clitics off, so that
//! "والحكومة" and "للحكومة" find "الحكومة". Quote contents and queries go through the same
//! function.

/// Fold one character for matching; `None` drops it.
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}' => {
            return None;
        }
        '\u{0640}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{061C}' => return None,
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        'ک' => 'ك',
        '٠'..='٩' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        c if c.is_alphanumeric() => c.to_lowercase().next().unwrap_or(c),
        _ => ' ',
    })
}

/// The folded words of `s` (as the archive's keys spell them: hamza seats as ء, عبد joined
/// to the next word), for comparing a name with a key.
pub fn key_words(s: &str) -> Vec<String> {
    let s: String = s
        .chars()
        .map(|c| if matches!(c, 'ؤ' | 'ئ') { 'ء' } else { c })
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut join = false;
    for w in words(&s) {
        match out.last_mut() {
            Some(last) if join => last.push_str(&w),
            _ => out.push(w.clone()),
        }
        join = !join && w == "عبد";
    }
    out
}

/// The folded words of `s`.
fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    let folded: String = s.chars().filter_map(fold_char).collect();
    folded
        .split_whitespace()
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// A folded word without its article and the conjunction or preposition before it
/// (والحكومه، بالحكومه، للحكومه → حكومه); other words unchanged.
fn stem(w: &str) -> &str {
    let chars = |s: &str| s.chars().count();
    let conj = w
        .strip_prefix('و')
        .or_else(|| w.strip_prefix('ف'))
        .unwrap_or(w);
    for prefix in ["ال", "بال", "كال", "لل"] {
        if let Some(rest) = conj.strip_prefix(prefix)
            && chars(rest) >= 2
        {
            return rest;
        }
    }
    w
}

/// The token stream indexed for `text`: each word's stem, and for a word opening with the
/// conjunction و or ف (and no article) also the word without it, so that "قال" finds "وقال"
/// and "وزير" still finds "وزير".
pub fn index_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in words(text) {
        let s = stem(&w);
        push(&mut out, s);
        if s == w
            && let Some(rest) = w.strip_prefix('و').or_else(|| w.strip_prefix('ف'))
            && rest.chars().count() >= 3
        {
            push(&mut out, rest);
        }
    }
    out
}

fn push(out: &mut String, w: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(w);
}

/// An FTS5 query for `text`: every word (stemmed as in [`index_tokens`]) must occur. `None`
/// when `text` has no word.
pub fn match_query(text: &str) -> Option<String> {
    let terms: Vec<String> = words(text)
        .map(|w| format!("\"{}\"", stem(&w).replace('"', "")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_and_spellings_meet_on_one_token() {
        let t = index_tokens("قالت الحكومةُ إنّ الأمر انتهى");
        assert_eq!(t, "قالت حكومه ان امر انتهي");
        for q in ["والحكومة", "للحكومة", "بالحكومة", "الحكومة", "حكومة"]
        {
            assert_eq!(match_query(q).as_deref(), Some("\"حكومه\""), "{q}");
        }
        assert_eq!(index_tokens("وقال الوزير"), "وقال قال وزير");
        assert_eq!(index_tokens("وزير"), "وزير زير");
        assert_eq!(match_query(" ،، "), None);
        assert_eq!(match_query("a\"b"), Some("\"a\" \"b\"".into()));
    }
}
