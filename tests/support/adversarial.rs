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
        s.push_str(["قال إن ", "وأضاف أن ", "مؤكداً أن ", "وقالت إن ", "وقال: "][i % 5]);
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

/// Word `i` of the family of `2^bits` words that collide under a multiply-rotate hasher
/// (FxHash: `h = (rotl(h, 5) ^ chunk) * K`, eight bytes per chunk) whatever its seed.
///
/// Each word is `bits + 1` chunks of eight bytes: two ASCII letters and three Arabic letters
/// (U+0682, U+0683, then U+0681 or U+06A1). Bit `j` of `i` picks the last letter of chunk
/// `j`, which flips bit 61 of the chunk; after the multiply that difference lies in bits 61
/// and 63 with probability 1/2 whatever the state, and the rotation by 5 moves it to bits 2
/// and 4 of the next chunk's first byte, where `a` ↔ `u` (0x61 ↔ 0x75) cancels it. So two
/// words collide in all 64 bits with probability 2^-d (d: the bits where they differ), and
/// each word shares its hash with about 1.5^bits others: inserting the family into such a
/// table costs n^1.58, not n.
pub fn colliding_word(i: usize, bits: u32) -> String {
    let mut w = String::with_capacity(8 * (bits as usize + 1));
    for j in 0..=bits {
        let prev = j > 0 && (i >> (j - 1)) & 1 == 1;
        let cur = j < bits && (i >> j) & 1 == 1;
        w.push(if prev { 'u' } else { 'a' });
        w.push('q');
        w.push_str("\u{0682}\u{0683}");
        w.push(if cur { '\u{06A1}' } else { '\u{0681}' });
    }
    w
}

/// The bits of [`colliding_words`]' family: words of the same length up to 2^20 of them.
/// The words below `n` differ only in their low bits, and the family's collisions come from
/// those bits, so a longer common tail keeps them colliding.
pub const COLLIDING_BITS: u32 = 20;

/// `n` distinct words of [`colliding_word`]'s family, each in a short reported sentence on a
/// line of its own (so that the words, the sentences and the lines all go into the tables
/// that are keyed by the document's text). Every word has [`COLLIDING_BITS`] + 1 chunks up
/// to 2^20 words (more only beyond), so the text grows in proportion to `n` and a time
/// ratio at n and 2n compares equal amounts of text per word.
pub fn colliding_words(n: usize) -> String {
    let needed = usize::BITS - n.max(2).saturating_sub(1).leading_zeros();
    let bits = needed.max(COLLIDING_BITS);
    let mut s = String::with_capacity(n * (8 * bits as usize + 40));
    for i in 0..n {
        s.push_str("وقال ");
        s.push_str(&colliding_word(i, bits));
        s.push_str(" إن الاتفاق ممكن.\n");
    }
    s
}

/// `n` distinct ordinary-looking words, twelve to a line: a vocabulary that grows with the
/// text. Each word is its index in base 28, five letters (more only from 28^5 words on), a
/// hamza, then 0 to 3 letters of a fixed pseudo-random sequence: 6 to 9 letters, and the same
/// length on average at any `n` below 28^5, so the text grows in proportion to `n`.
pub fn distinct_words(n: usize) -> String {
    const LETTERS: [char; 28] = [
        'ا', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع',
        'غ', 'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي',
    ];
    let mut s = String::with_capacity(n * 17);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..n {
        // A different word for every i: its index in base 28, then pseudo-random letters.
        let mut k = i;
        let mut digits = 0;
        while digits < 5 || k > 0 {
            s.push(LETTERS[k % 28]);
            k /= 28;
            digits += 1;
        }
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s.push('ء');
        for _ in 0..x % 4 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push(LETTERS[(x % 28) as usize]);
        }
        s.push_str(if i % 12 == 11 { ".\n" } else { " " });
    }
    s
}

/// Every generator, with the size issue 6 names (and the hash-flooding cases of issue 16).
#[allow(dead_code)]
pub const GENERATORS: [Generator; 12] = [
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
    Generator {
        name: "colliding_words",
        unit: "words",
        full: 100_000,
        make: colliding_words,
    },
    Generator {
        name: "distinct_words",
        unit: "words",
        full: 500_000,
        make: distinct_words,
    },
];

/// Control case, not adversarial: `n` bytes of ordinary sentences, a few per line.
pub fn news_lines(n: usize) -> String {
    one_line(n).replace("؟ ", "؟\n")
}
