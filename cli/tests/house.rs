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
