//! The CLI's edges (issue 10, point 7): a closed stdout is exit 141 every time, a zero
//! sentence budget and input matching nothing are usage errors (exit 2).

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_khabar");

/// A JSON-lines file of `n` short articles of our own (far more output than a pipe holds).
fn many_records(n: usize) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new()
        .suffix(".jsonl")
        .tempfile()
        .unwrap();
    for i in 0..n {
        writeln!(
            f,
            r#"{{"id": {i}, "text": "قال وزير النقل اليوم إن الخطة رقم {i} جاهزة للتنفيذ. وأضاف أن العمل يبدأ الشهر المقبل في المدن الكبرى.\nوأكد المتحدث باسم الوزارة: «لن نتأخر هذه المرة»."}}"#
        )
        .unwrap();
    }
    f
}

#[cfg(unix)]
#[test]
fn head_closes_stdout_exit_141_every_time() {
    let input = many_records(3000);
    for cmd in ["analyze", "split"] {
        for run in 0..20 {
            let mut child = Command::new(BIN)
                .args([cmd, "--jsonl", "--quiet", "--threads", "2"])
                .arg(input.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut first = String::new();
            BufReader::new(child.stdout.take().unwrap())
                .read_line(&mut first)
                .unwrap();
            assert!(!first.trim().is_empty(), "{cmd}: no output");
            // `head -1` exits here: the read end of the pipe is closed.
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(141), "{cmd} run {run}: {stderr}");
            assert!(!stderr.contains("Broken pipe"), "{cmd} run {run}: {stderr}");
        }
    }
}

#[test]
fn zero_sentences_is_a_usage_error() {
    for cmd in ["summarize", "analyze"] {
        let out = Command::new(BIN)
            .args([cmd, "--sentences", "0"])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        assert!(out.stdout.is_empty(), "{cmd}");
    }
}

#[test]
fn input_matching_nothing_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let pattern = dir.path().join("nothing-*.jsonl");
    for cmd in ["analyze", "split"] {
        let out = Command::new(BIN)
            .arg(cmd)
            .arg(&pattern)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("no file matches"),
            "{cmd}"
        );
    }
}

/// A directory with a text file and a gzipped JSON-lines file (two records and a bad one).
fn mixed_inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "قال وزير المالية إن العجز تراجع هذا العام. وأضاف أن الإيرادات ارتفعت بشكل كبير.",
    )
    .unwrap();
    let lines = concat!(
        r#"{"id": "x", "text": "أعلن رئيس البلدية أن المشروع سيكتمل قريبا. وقال إن التمويل متوفر."}"#,
        "\n",
        r#"{"id": "y", "text": "قالت المتحدثة باسم الشركة إن الأرباح زادت. وأكدت أن التوسع مستمر."}"#,
        "\n",
        r#"{"id": "z", "title": "بلا نص"}"#,
        "\n",
    );
    let gz = std::fs::File::create(dir.path().join("b.jsonl.gz")).unwrap();
    let mut enc = flate2::write::GzEncoder::new(gz, flate2::Compression::default());
    enc.write_all(lines.as_bytes()).unwrap();
    enc.finish().unwrap();
    dir
}

/// The ids of the JSON lines of `stdout`, in order of first appearance, and the error
/// records among them.
fn ids_and_errors(stdout: &[u8]) -> (Vec<String>, Vec<serde_json::Value>) {
    let mut ids = Vec::new();
    let mut errors = Vec::new();
    for line in String::from_utf8_lossy(stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v.get("error").is_some() {
            errors.push(v.clone());
        }
        let id = v["id"].as_str().unwrap_or("null").to_string();
        let id = id.rsplit('/').next().unwrap().to_string();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    (ids, errors)
}

#[test]
fn every_subcommand_reads_files_directories_globs_and_gz_the_same_way() {
    let dir = mixed_inputs();
    let glob = dir.path().join("*");
    let runs: [&[&str]; 4] = [
        &["split", "--json"],
        &["quotes", "--json"],
        &["summarize", "--json"],
        &["analyze"],
    ];
    for args in runs {
        for input in [dir.path().to_path_buf(), glob.clone()] {
            let out = Command::new(BIN)
                .args(args)
                .arg("--quiet")
                .arg(&input)
                .output()
                .unwrap();
            // the record without text is an error record in its place: exit 3
            assert_eq!(out.status.code(), Some(3), "{args:?} {}", input.display());
            let (ids, errors) = ids_and_errors(&out.stdout);
            assert_eq!(
                ids,
                ["a.txt", "x", "y", "z"],
                "{args:?} {}",
                input.display()
            );
            assert_eq!(errors.len(), 1, "{args:?}");
            let e = &errors[0];
            assert_eq!(e["id"], "z");
            assert_eq!(e["line"], 3);
            assert!(e["file"].as_str().unwrap().ends_with("b.jsonl.gz"));
            assert_eq!(e["error"], "record has no \"text\" field");
        }
    }
}

#[test]
fn every_subcommand_reads_json_lines_from_stdin() {
    let lines =
        "{\"id\": 7, \"text\": \"قال الوزير إن الاتفاق ممكن. وأضاف أن المحادثات مستمرة.\"}\n";
    for args in [
        &["split", "--json"][..],
        &["quotes", "--json"],
        &["summarize", "--json"],
        &["analyze"],
    ] {
        let mut child = Command::new(BIN)
            .args(args)
            .args(["--jsonl", "--quiet"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(lines.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let first: serde_json::Value =
            serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap())
                .unwrap();
        assert_eq!(first["id"], 7, "{args:?}");
    }
}

#[test]
fn a_word_budget_never_prints_a_long_sentence_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    std::fs::write(
        &path,
        "قال وزير الاقتصاد في مؤتمر صحفي عقده صباح اليوم في مقر الوزارة بالعاصمة إن الحكومة \
         ستطلق حزمة جديدة من الإجراءات لدعم الشركات الصغيرة والمتوسطة خلال الأشهر المقبلة. \
         وأضاف أن الحزمة تشمل قروضا ميسرة.",
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["summarize", "--quiet", "--words", "5"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.trim().is_empty());
    for line in text.lines() {
        let words = line.split_whitespace().count();
        assert!(
            line.ends_with('…') || words <= 5,
            "{words} words without an ellipsis: {line}"
        );
        assert!(words <= 5, "over budget: {line}");
    }
}

#[test]
fn progress_and_summary_line_count_the_bytes_read() {
    let dir = mixed_inputs();
    // A larger gzipped file, so that the sizes show in MB.
    let mut text = String::new();
    for i in 0..4000 {
        text.push_str(&format!(
            "{{\"id\": {i}, \"text\": \"قال المتحدث إن الاجتماع رقم {i} انتهى باتفاق على جدول الأعمال.\"}}\n"
        ));
    }
    let gz_path = dir.path().join("big.jsonl.gz");
    let gz = std::fs::File::create(&gz_path).unwrap();
    let mut enc = flate2::write::GzEncoder::new(gz, flate2::Compression::fast());
    enc.write_all(text.as_bytes()).unwrap();
    enc.finish().unwrap();
    let size = std::fs::metadata(&gz_path).unwrap().len();
    let out = Command::new(BIN)
        .args(["split", "--json"])
        .arg(&gz_path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr.lines().last().unwrap();
    let read = format!("{:.1} MB read", size as f64 / 1e6);
    let of_text = format!("({:.1} MB of text)", text.len() as f64 / 1e6);
    assert!(line.contains(&read), "{line} (expected {read})");
    assert!(line.contains(&of_text), "{line} (expected {of_text})");
}
