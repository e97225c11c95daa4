//! Adversarial input generators, shared by `tests/adversarial.rs` (small sizes) and
//! `examples/scaling.rs` (n and 2n, release). Each takes a size `n` in its own unit (bytes,
//! marks, commas, lines …) and returns the text.

/// One generator: a name, the unit of `n`, the size the issue asks for, and the function.
#[allow(dead_code)]
pub struct Generator {
    /// Short name used on the command line and in the table.
    pub name: &'static str,
    /// What `n` counts.
    pub unit: &'static str,
    /// The size named in issue 6.
    pub full: usize,
    /// Builds the text for size `n`.
    pub make: fn(usize) -> String,
}

const WORDS: [&str; 12] = [
    "الوزير",
    "المحادثات",
    "الحكومة",
    "بيروت",
    "الاتفاق",
    "قال",
    "مصادر",
    "العاصمة",
    "اليوم",
    "الأمن",
    "المفاوضات",
    "الشعب",
];

/// Repeat `unit` until the text has at least `bytes` bytes.
fn fill(unit: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + unit.len());
    while s.len() < bytes {
        s.push_str(unit);
    }
    s
}

/// `n` bytes of words separated by single spaces: no punctuation, no line break.
pub fn no_punctuation(n: usize) -> String {
    let mut s = String::with_capacity(n + 32);
    let mut i = 0usize;
    while s.len() < n {
        s.push_str(WORDS[i % WORDS.len()]);
        s.push(' ');
        i = i.wrapping_mul(7).wrapping_add(3) % 1_000_003;
    }
    s
}

/// `n` opening quotation marks, none ever closed, each before a word.
pub fn quotes_unclosed(n: usize) -> String {
    let mut s = String::with_capacity(n * 16);
    for i in 0..n {
        s.push_str(["«", "\"", "“", "„", "‹"][i % 5]);
        s.push_str(WORDS[i % WORDS.len()]);
        s.push(' ');
    }
    s
}

/// `n` quotation marks of alternating kinds and directions (« ” » “ " „ ‹ ›), glued to words,
/// with a reporting cue now and then: stray closers, same-character nesting, mismatches.
pub fn quotes_alternating(n: usize) -> String {
    const MARKS: [&str; 9] = ["«", "”", "»", "“", "\"", "„", "‹", "›", "\""];
    let mut s = String::with_capacity(n * 20);
    for i in 0..n {
        s.push_str(MARKS[i % MARKS.len()]);
        s.push_str(WORDS[(i / 3) % WORDS.len()]);
        s.push_str(if i % 7 == 0 { " وقال إن " } else { " " });
    }
    s
}

/// `n` Arabic commas between words, no sentence end.
pub fn commas(n: usize) -> String {
    let mut s = String::with_capacity(n * 10);
    for i in 0..n {
        s.push_str(WORDS[i % WORDS.len()]);
        s.push_str("، ");
    }
    s
}

/// `n` reporting cues with complementizers in a row: "قال إن قال إن …".
pub fn cues(n: usize) -> String {
    let mut s = String::with_capacity(n * 14);
    for i in 0..n {
        s.push_str(["قال إن ", "وأضاف أن ", "مؤكداً أن ", "وقالت إن "][i % 4]);
    }
    s
}

/// `n` bytes of words carrying long chains of proclitics (و ف ب ل ك ال, repeated).
pub fn clitics(n: usize) -> String {
    let word = format!("{}الوزير {}قال ", "وفبلكال".repeat(40), "وف".repeat(100));
    fill(&word, n)
}

/// `n` bytes of runs of diacritics, tatweel, bidi controls and ZWJ/ZWNJ between letters:
/// each run 2,000 characters long, so that words are huge in the original and tiny folded.
pub fn invisibles(n: usize) -> String {
    let mut unit = String::new();
    unit.push('ق');
    unit.push_str(&"\u{064E}".repeat(2000));
    unit.push('ا');
    unit.push_str(&"\u{0640}".repeat(2000));
    unit.push('ل');
    unit.push_str(&"\u{200F}\u{202B}\u{2067}\u{202C}\u{2069}".repeat(400));
    unit.push_str(" إن ");
    unit.push_str(&"\u{200D}\u{200C}".repeat(1000));
    unit.push_str(" \u{0651}\u{064B}.\u{200F} ");
    fill(&unit, n)
}

/// One line of `n` bytes: ordinary news sentences with punctuation but no line break.
pub fn one_line(n: usize) -> String {
    let unit = "قال الوزير إن المحادثات \"ستكون حاسمة\"، مضيفاً أن الاتفاق ممكن. \
وأوضح المتحدث: «لن نقبل بحلول مؤقتة». هل يعني ذلك أن الحل قريب؟ وبلغت النسبة 3.5% في ٢٠٢٤. ";
    fill(unit, n)
}

/// `n` lines of one word each.
pub fn one_word_lines(n: usize) -> String {
    let mut s = String::with_capacity(n * 12);
    for i in 0..n {
        s.push_str(WORDS[i % WORDS.len()]);
        s.push('\n');
    }
    s
}

/// Every generator, with the size issue 6 names.
#[allow(dead_code)]
pub const GENERATORS: [Generator; 10] = [
    Generator {
        name: "no_punctuation",
        unit: "bytes",
        full: 10_000_000,
        make: no_punctuation,
    },
    Generator {
        name: "quotes_unclosed",
        unit: "marks",
        full: 100_000,
        make: quotes_unclosed,
    },
    Generator {
        name: "quotes_alternating",
        unit: "marks",
        full: 100_000,
        make: quotes_alternating,
    },
    Generator {
        name: "commas",
        unit: "commas",
        full: 1_000_000,
        make: commas,
    },
    Generator {
        name: "cues",
        unit: "cues",
        full: 100_000,
        make: cues,
    },
    Generator {
        name: "clitics",
        unit: "bytes",
        full: 10_000_000,
        make: clitics,
    },
    Generator {
        name: "invisibles",
        unit: "bytes",
        full: 10_000_000,
        make: invisibles,
    },
    Generator {
        name: "one_line",
        unit: "bytes",
        full: 50_000_000,
        make: one_line,
    },
    Generator {
        name: "one_word_lines",
        unit: "lines",
        full: 1_000_000,
        make: one_word_lines,
    },
    Generator {
        name: "news_lines",
        unit: "bytes",
        full: 10_000_000,
        make: news_lines,
    },
];

/// Control case, not adversarial: `n` bytes of ordinary sentences, a few per line.
pub fn news_lines(n: usize) -> String {
    one_line(n).replace("؟ ", "؟\n")
}
