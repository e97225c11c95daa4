//! The contracts every stage keeps on any `&str`, as panicking checks. Shared by the fuzz
//! targets (`fuzz/`), the crash replays (`tests/fuzz_regressions.rs`) and the adversarial
//! tests (`tests/adversarial.rs`).

use khabar::{Analysis, Analyzer, Budget, Sentence, Span};

/// A span lies inside `text`, on char boundaries, `start <= end`.
pub fn check_span(text: &str, s: Span, what: &str) {
    assert!(
        s.start <= s.end,
        "{what}: start {} > end {}",
        s.start,
        s.end
    );
    assert!(
        s.end <= text.len(),
        "{what}: end {} beyond text length {}",
        s.end,
        text.len()
    );
    assert!(
        text.is_char_boundary(s.start),
        "{what}: start {} not a char boundary",
        s.start
    );
    assert!(
        text.is_char_boundary(s.end),
        "{what}: end {} not a char boundary",
        s.end
    );
}

/// Sentences: valid non-empty spans, in text order, not overlapping, without outer white
/// space, and every visible character inside exactly one sentence.
pub fn check_sentences(text: &str, sentences: &[Sentence]) {
    let mut prev_end = 0;
    for (i, s) in sentences.iter().enumerate() {
        check_span(text, s.span, "sentence");
        assert!(!s.span.is_empty(), "sentence {i} is empty");
        assert!(
            s.span.start >= prev_end,
            "sentence {i} overlaps or is out of order"
        );
        let t = s.span.as_str(text);
        // The splitter's contract (tests/props_segment.rs): no outer white space; invisible
        // format characters may stay at the edges, but a sentence is never all blank.
        assert!(
            !t.starts_with(char::is_whitespace) && !t.ends_with(char::is_whitespace),
            "sentence {i} has outer white space: {t:?}"
        );
        assert!(
            !t.chars().all(khabar::internals::is_blank),
            "sentence {i} is blank: {t:?}"
        );
        if let Some(d) = s.dateline {
            check_span(text, d, "dateline");
        }
        // Nothing visible between the previous sentence and this one.
        let gap = &text[prev_end..s.span.start];
        assert!(
            gap.chars().all(khabar::internals::is_blank),
            "visible text {gap:?} outside every sentence (before sentence {i})"
        );
        prev_end = s.span.end;
    }
    let tail = &text[prev_end..];
    assert!(
        tail.chars().all(khabar::internals::is_blank),
        "visible text {:?} after the last sentence",
        tail.chars().take(40).collect::<String>()
    );
}

/// The whole analysis: sentences as above; quotes, cues, speakers and entities in bounds;
/// indices valid; confidence in [0, 1].
pub fn check_analysis(text: &str, a: &Analysis<'_>) {
    check_sentences(text, a.sentences());
    let n = a.sentences().len();
    let mut prev = 0;
    for (i, q) in a.quotes().iter().enumerate() {
        check_span(text, q.content, "quote content");
        assert!(!q.content.is_empty(), "quote {i} has empty content");
        assert!(
            q.sentence < n,
            "quote {i}: sentence index {} of {n}",
            q.sentence
        );
        assert!(
            q.confidence.is_finite() && (0.0..=1.0).contains(&q.confidence),
            "quote {i}: confidence {}",
            q.confidence
        );
        if let Some(c) = q.cue {
            check_span(text, c, "cue");
        }
        if let Some(sp) = q.speaker {
            check_span(text, sp.mention, "speaker mention");
            assert!(
                sp.entity < a.entities().len(),
                "quote {i}: entity {} out of range",
                sp.entity
            );
        }
        assert!(q.sentence >= prev, "quote {i} out of text order");
        prev = q.sentence;
    }
    for e in a.entities() {
        check_span(text, e.name, "entity name");
        for m in &e.mentions {
            check_span(text, *m, "entity mention");
        }
    }
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A summary under `budget`: picks that start in a sentence of the analysis, distinct, in
/// document order, never covering title/caption/dateline/clutter text, finite scores, within the budget.
pub fn check_summary(text: &str, a: &Analysis<'_>, budget: Budget) {
    let sum = a.summary(budget);
    let sents = a.sentences();
    let mut last: Option<usize> = None;
    let (mut w, mut c) = (0usize, 0usize);
    for s in &sum {
        assert!(
            s.sentence < sents.len(),
            "summary sentence {} of {}",
            s.sentence,
            sents.len()
        );
        assert!(
            last.is_none_or(|l| s.sentence > l),
            "summary not in document order"
        );
        last = Some(s.sentence);
        check_span(text, s.span, "summary span");
        // A pick starts in its sentence; it may be trimmed, or run over the following
        // sentences of a hard-wrapped paragraph, but every sentence it touches is body text.
        let first = sents[s.sentence].span;
        assert!(
            first.start <= s.span.start && s.span.start < first.end.max(first.start + 1),
            "summary span does not start in its sentence"
        );
        for (j, t) in sents.iter().enumerate().skip(s.sentence) {
            if t.span.start >= s.span.end {
                break;
            }
            assert_eq!(
                t.kind,
                khabar::BlockKind::Body,
                "summary pick {} covers sentence {j}, a {:?} sentence",
                s.sentence,
                t.kind
            );
        }
        assert!(s.score.is_finite(), "score {}", s.score);
        let t = s.span.as_str(text);
        w += words(t);
        c += t.chars().count();
    }
    match budget {
        Budget::Sentences(n) => assert!(sum.len() <= n, "{} sentences > {n}", sum.len()),
        Budget::Words(n) => assert!(w <= n, "{w} words > {n}"),
        Budget::Chars(n) => assert!(c <= n, "{c} chars > {n}"),
        Budget::Ratio(_) => {}
    }
}

/// Everything at once on `text`, with every kind of budget (sentences, words, chars,
/// ratio): what the stable tests and the fuzz targets run.
#[allow(dead_code)]
pub fn check_all(analyzer: &Analyzer, text: &str) {
    check_with(
        analyzer,
        text,
        &[
            Budget::Sentences(3),
            Budget::Sentences(1),
            Budget::Words(40),
            Budget::Words(7),
            Budget::Chars(200),
            Budget::Ratio(0.3),
        ],
    );
}

/// The same as [`check_all`] (kept for the fuzz targets that call it by this name).
#[allow(dead_code)]
pub fn check_all_budgets(analyzer: &Analyzer, text: &str) {
    check_all(analyzer, text);
}

/// The `summarize` fuzz target's budget: chosen by the first two bytes of the input (the
/// kind, then the amount), the rest being the text. Shared with the crash replay.
#[allow(dead_code)]
pub fn summarize_target_budget(data: &[u8]) -> (Budget, &[u8]) {
    let (kind, k, rest) = match data {
        [a, b, rest @ ..] => (*a, *b as usize, rest),
        _ => (0, 3, data),
    };
    let budget = match kind % 4 {
        0 => Budget::Sentences(k % 8),
        1 => Budget::Words(k),
        2 => Budget::Chars(k * 4),
        _ => Budget::Ratio(k as f64 / 255.0),
    };
    (budget, rest)
}

fn check_with(analyzer: &Analyzer, text: &str, budgets: &[Budget]) {
    check_sentences(text, &analyzer.splitter().split(text));
    let a = analyzer.analyze(text);
    check_analysis(text, &a);
    for &b in budgets {
        check_summary(text, &a, b);
    }
}

/// Turn fuzzer bytes into text the way every target does: valid UTF-8 as is, anything else
/// through lossy decoding (so that invalid input still exercises the pipeline).
#[allow(dead_code)]
pub fn text_of(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}
