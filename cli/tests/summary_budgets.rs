//! Summary budgets at the CLI (issue 12): a zero budget of any kind is a usage error, a
//! word budget never cuts a word, a cut sentence ends with "…", a tight budget shows the
//! beginning of the best sentence (not another one), and `--lead` gives the cleaned first
//! body sentences.

use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_khabar");

/// An article of our own: headline, a dateline opening the lead, a list, more body.
const ARTICLE: &str = "وزارة النقل تطلق خطة لتطوير الطرق الريفية\n\
الرياض - واس: أطلقت وزارة النقل اليوم خطة شاملة لتطوير الطرق الريفية في جميع المناطق بتكلفة تبلغ ثلاثة مليارات ريال.\n\
وتشمل الخطة المحاور التالية:\n\
1- صيانة الطرق القائمة\n\
2- إنشاء جسور جديدة فوق الأودية\n\
وقال وزير النقل إن العمل في المرحلة الأولى يبدأ الشهر المقبل في المناطق الجنوبية.\n\
وأضاف أن الوزارة ستنشر تقارير دورية عن سير العمل في كل منطقة.\n";

fn write_article() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    std::fs::write(&path, ARTICLE).unwrap();
    (dir, path)
}

fn summarize(path: &std::path::Path, args: &[&str]) -> Vec<String> {
    let out = Command::new(BIN)
        .arg("summarize")
        .arg("--quiet")
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn zero_budgets_are_usage_errors() {
    for cmd in ["summarize", "analyze"] {
        for flag in ["--words", "--chars", "--ratio"] {
            let out = Command::new(BIN)
                .args([cmd, flag, "0"])
                .stdin(Stdio::null())
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{cmd} {flag} 0");
            assert!(out.stdout.is_empty(), "{cmd} {flag} 0");
        }
    }
}

#[test]
fn word_budgets_cut_at_word_ends_with_an_ellipsis() {
    let (_dir, path) = write_article();
    let words: Vec<&str> = ARTICLE.split_whitespace().collect();
    for n in [1usize, 3, 5, 9, 17, 30] {
        let lines = summarize(&path, &["--words", &n.to_string()]);
        assert!(!lines.is_empty(), "--words {n}");
        let mut total = 0;
        for l in &lines {
            let body = l.strip_suffix('…').unwrap_or(l);
            for w in body.split_whitespace() {
                assert!(
                    words.contains(&w),
                    "--words {n}: {w:?} is a cut word in {l:?}"
                );
            }
            total += body.split_whitespace().count();
            // A piece that is not a whole sentence says so.
            if !khabar::internals::is_terminated(body) {
                assert!(l.ends_with('…'), "--words {n}: cut without …: {l:?}");
            }
        }
        assert!(total <= n, "--words {n}: {total} words");
    }
}

#[test]
fn tight_budgets_show_the_best_sentence_cut() {
    let (_dir, path) = write_article();
    let best = summarize(&path, &["--sentences", "1"]);
    assert_eq!(best.len(), 1);
    for args in [["--chars", "20"], ["--words", "2"], ["--chars", "45"]] {
        let lines = summarize(&path, &args);
        assert_eq!(lines.len(), 1, "{args:?}");
        let piece = lines[0].strip_suffix('…').expect("a cut piece ends with …");
        assert!(best[0].starts_with(piece), "{args:?}: {piece:?}");
        if args[0] == "--chars" {
            let n: usize = args[1].parse().unwrap();
            assert!(piece.chars().count() <= n, "{args:?}");
        }
    }
}

#[test]
fn lead_gives_the_cleaned_first_body_sentences() {
    let (_dir, path) = write_article();
    let lead = summarize(&path, &["--lead", "--sentences", "3"]);
    assert_eq!(
        lead,
        [
            "أطلقت وزارة النقل اليوم خطة شاملة لتطوير الطرق الريفية في جميع المناطق بتكلفة تبلغ ثلاثة مليارات ريال.",
            "وقال وزير النقل إن العمل في المرحلة الأولى يبدأ الشهر المقبل في المناطق الجنوبية.",
            "وأضاف أن الوزارة ستنشر تقارير دورية عن سير العمل في كل منطقة.",
        ]
    );
    // The ranked summary draws from the same cleaned candidates.
    for l in summarize(&path, &["--sentences", "3"]) {
        assert!(lead.contains(&l), "{l:?}");
    }
}
