//! Helpers for the integration tests: run the `khabar` binary and read what it printed.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// What one run printed.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Stdout as JSON values, one per line (fails the test on a non-JSON line).
    pub fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l:?}")))
            .collect()
    }
}

fn finish(out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Run `khabar ARGS` with `stdin` as standard input.
pub fn khabar_stdin(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("khabar starts");
    let mut sin = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = sin.write_all(&data);
    });
    let out = child.wait_with_output().expect("khabar runs");
    feeder.join().expect("stdin written");
    finish(out)
}

/// Run `khabar ARGS` in `dir` with no standard input.
pub fn khabar_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("khabar runs");
    finish(out)
}

/// Run `khabar ARGS` with no standard input.
pub fn khabar(args: &[&str]) -> Run {
    khabar_in(Path::new("."), args)
}

/// A JSON line `{"id": id, "text": text}`.
pub fn rec(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string()
}

/// Short news-style sentences written for these tests, to build articles of any length.
pub const SENTENCES: &[&str] = &[
    "أعلنت بلدية المدينة افتتاح جسر جديد فوق النهر.",
    "وقال رئيس البلدية إن المشروع استغرق ثلاث سنوات.",
    "وأضاف أن الجسر سيخفف الازدحام في وسط المدينة.",
    "ويبلغ طول الجسر 450 متراً وعرضه 24 متراً.",
    "وأشار مهندسون إلى أن التصميم يراعي معايير السلامة.",
    "من جهتهم، رحب السكان بالمشروع الذي طال انتظاره.",
];

/// An article of `n` sentences starting at sentence `k`.
pub fn article(k: usize, n: usize) -> String {
    (0..n)
        .map(|i| SENTENCES[(k + i) % SENTENCES.len()])
        .collect::<Vec<_>>()
        .join(" ")
}
