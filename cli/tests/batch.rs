//! The batch contract of `khabar analyze` and `khabar split`, tested on the binary: one output
//! per input in input order, error records, exit codes, output files, inputs of every kind.

mod common;

use std::fs;
use std::io::Write;

use common::{article, khabar, khabar_in, khabar_stdin, rec};
use serde_json::{Value, json};

/// The 14 mixed lines of the alignment tests: good records, malformed JSON, blank lines,
/// missing text, wrong types. Returns the input and each line's byte offset.
fn mixed_lines() -> (Vec<u8>, Vec<u64>) {
    let mut input = Vec::new();
    let mut offsets = Vec::new();
    let mut push = |line: &[u8]| {
        offsets.push(input.len() as u64);
        input.extend_from_slice(line);
        input.push(b'\n');
    };
    push(rec("good-1", &article(0, 3)).as_bytes()); // line 1
    push(br#"{"id": "broken", "text": "#); // line 2: malformed JSON, the id readable
    push(b""); // line 3: blank
    push(br#"{"id": "no-text", "title": "x"}"#); // line 4
    push(br#"{"id": 5, "text": 42}"#); // line 5: a number id, a number text
    push(b"{\"id\": \"bad-utf8\", \"text\": \"\xd9\x82\xd8\"}"); // line 6: truncated char
    push(rec("empty", "").as_bytes()); // line 7
    push(br#"["not", "an", "object"]"#); // line 8
    push(b"{\"id\": \"crlf\", \"text\": \"\xd9\x82\xd8\xa7\xd9\x84.\"}\r"); // line 9
    push(b" \t "); // line 10: blank (white space only)
    push(br#"{"id": {"k": [1, 2]}, "text": "t", "title": 7}"#); // line 11: bad title
    push(br#"{"text": "x", "title": , "id": "late"}"#); // line 12: id after the fault
    push(br#"{"id": 123"#); // line 13: cut short inside the id
    push(rec("good-2", &article(2, 4)).as_bytes()); // line 14
    (input, offsets)
}

/// 14 mixed lines in, 14 records out, in order: each bad line becomes an error record in its
/// place with its id when readable, its line (plus --line-offset) and its byte offset.
#[test]
fn every_input_line_yields_one_line_in_order() {
    let (input, offsets) = mixed_lines();
    for (line_offset, extra) in [(0u64, vec![]), (1000, vec!["--line-offset", "1000"])] {
        let mut argv = vec!["analyze", "--jsonl"];
        argv.extend(extra);
        let run = khabar_stdin(&argv, &input);
        assert_eq!(run.code, 3, "some records failed: exit 3\n{}", run.stderr);
        let out = run.json_lines();
        assert_eq!(out.len(), 14, "one output line per input line");
        let ids: Vec<Value> = out.iter().map(|r| r["id"].clone()).collect();
        assert_eq!(
            ids,
            vec![
                json!("good-1"),
                json!("broken"),
                Value::Null,
                json!("no-text"),
                json!(5),
                json!("bad-utf8"),
                json!("empty"),
                Value::Null,
                json!("crlf"),
                Value::Null,
                json!({"k": [1, 2]}),
                Value::Null,
                Value::Null,
                json!("good-2")
            ]
        );
        let err = |i: usize| {
            (
                out[i]["line"].as_u64(),
                out[i]["error"].as_str().unwrap_or(""),
            )
        };
        let ok = [0, 6, 8, 13];
        for i in 0..14 {
            if ok.contains(&i) {
                assert!(out[i].get("error").is_none(), "{}", out[i]);
                continue;
            }
            // Traceable: the line (with the offset) and the byte offset of the input line.
            assert_eq!(
                out[i]["line"],
                json!(line_offset + i as u64 + 1),
                "{}",
                out[i]
            );
            assert_eq!(out[i]["offset"], json!(offsets[i]), "{}", out[i]);
            // Stdin: no file name; id, line, offset, error and nothing else (in name order:
            // serde_json's map).
            let keys: Vec<&String> = out[i].as_object().unwrap().keys().collect();
            assert_eq!(keys, ["error", "id", "line", "offset"], "{}", out[i]);
        }
        assert!(!out[0]["sentences"].as_array().unwrap().is_empty());
        assert!(err(1).1.starts_with("malformed JSON"), "{:?}", err(1));
        assert!(err(2).1.starts_with("blank line"), "{:?}", err(2));
        assert_eq!(err(3).1, "record has no \"text\" field");
        assert_eq!(err(4).1, "\"text\" is a number, not a string");
        assert_eq!(err(5).1, "invalid UTF-8 at byte 30 of the line");
        assert_eq!(out[6]["sentences"], json!([]));
        assert_eq!(out[6]["summary"], json!([]));
        assert_eq!(err(7).1, "record is an array, not a JSON object");
        assert_eq!(out[8]["sentences"][0]["text"], "قال.");
        assert!(err(9).1.starts_with("blank line"), "{:?}", err(9));
        assert_eq!(err(10).1, "\"title\" is a number, not a string");
        assert!(err(11).1.starts_with("malformed JSON"), "{:?}", err(11));
        assert!(err(12).1.starts_with("malformed JSON"), "{:?}", err(12));
        // Exactly one line on stderr: the summary (no progress bar when stderr is not a tty).
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{}", run.stderr);
        assert!(
            lines[0].starts_with("khabar: 14 records (4 ok, 10 errors), "),
            "{}",
            lines[0]
        );
        assert!(lines[0].ends_with(" MB/s)"), "{}", lines[0]);
    }
    // A named file: the error records name it too.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.jsonl");
    fs::write(&path, &input).unwrap();
    let run = khabar(&["analyze", "--fields", "summary", path.to_str().unwrap()]);
    let out = run.json_lines();
    assert_eq!(out.len(), 14);
    assert_eq!(out[2]["file"], json!(path.to_str().unwrap()));
    assert_eq!(
        (out[2]["line"].as_u64(), out[2]["offset"].as_u64()),
        (Some(3), Some(offsets[2]))
    );
}

/// `--record-errors-exit 0`: error records are data (exit 0), a usage error still fails.
#[test]
fn record_errors_exit_code_is_chosen() {
    let (input, _) = mixed_lines();
    let run = khabar_stdin(
        &["analyze", "--jsonl", "--quiet", "--record-errors-exit", "0"],
        &input,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json_lines().len(), 14);
    let run = khabar_stdin(
        &["analyze", "--jsonl", "--quiet", "--record-errors-exit", "7"],
        &input,
    );
    assert_eq!(run.code, 7);
    // All good: 0 whatever the option says.
    let good = format!("{}\n", rec("a", &article(0, 2)));
    let run = khabar_stdin(
        &["analyze", "--jsonl", "--quiet", "--record-errors-exit", "7"],
        good.as_bytes(),
    );
    assert_eq!(run.code, 0);
    // --on-error=fail still stops with 3; a missing input is still a usage error (2).
    let run = khabar_stdin(
        &[
            "analyze",
            "--jsonl",
            "--quiet",
            "--record-errors-exit",
            "0",
            "--on-error=fail",
        ],
        &input,
    );
    assert_eq!(run.code, 3);
    let run = khabar(&[
        "analyze",
        "--record-errors-exit",
        "0",
        "/no/such/file.jsonl",
    ]);
    assert_eq!(run.code, 2);
}

#[test]
fn all_good_exits_zero_and_quiet_is_silent() {
    let input = format!(
        "{}\n{}\n",
        rec("a", &article(0, 2)),
        rec("b", &article(1, 2))
    );
    let run = khabar_stdin(&["analyze", "--jsonl", "--quiet"], input.as_bytes());
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "");
    assert_eq!(run.json_lines().len(), 2);
}

#[test]
fn on_error_fail_stops_at_the_first_bad_record() {
    let input = format!("{}\n{{oops\n{}\n", rec("a", "نص."), rec("c", "نص آخر."));
    let run = khabar_stdin(&["analyze", "--jsonl", "--on-error=fail"], input.as_bytes());
    assert_eq!(run.code, 3);
    let out = run.json_lines();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["id"], "a");
    assert!(
        run.stderr.contains("stopped at the first bad record"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("line 2: malformed JSON"),
        "{}",
        run.stderr
    );
}

/// Many records of very different sizes on several threads: output order is input order.
#[test]
fn many_records_on_many_threads_stay_in_order() {
    let n = 1200;
    let mut input = String::new();
    for i in 0..n {
        // Sizes from 1 to 80 sentences, so that workers finish out of order.
        let len = 1 + (i * 7919) % 80;
        input.push_str(&rec(&format!("r{i}"), &article(i, len)));
        input.push('\n');
    }
    for threads in ["2", "8"] {
        let run = khabar_stdin(
            &[
                "analyze",
                "--jsonl",
                "--threads",
                threads,
                "--fields",
                "summary",
            ],
            input.as_bytes(),
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let out = run.json_lines();
        assert_eq!(out.len(), n);
        for (i, r) in out.iter().enumerate() {
            assert_eq!(r["id"], format!("r{i}"), "threads {threads}");
            assert!(r.get("sentences").is_none());
        }
    }
}

#[test]
fn output_file_is_written_under_a_temporary_name_then_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let mut f = fs::File::create(&input).unwrap();
    for i in 0..200 {
        writeln!(f, "{}", rec(&format!("x{i}"), &article(i, 5))).unwrap();
    }
    drop(f);
    let run = khabar_in(
        dir.path(),
        &["analyze", "in.jsonl", "--output", "out.jsonl"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "", "nothing on stdout with --output");
    let stdout_run = khabar_in(dir.path(), &["analyze", "in.jsonl", "--quiet"]);
    let written = fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert_eq!(written, stdout_run.stdout);
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["in.jsonl", "out.jsonl"],
        "no temporary file left behind"
    );

    // A run that stops early leaves the previous complete file untouched and no temp file.
    fs::write(
        dir.path().join("bad.jsonl"),
        format!("{}\nnot json\n", rec("y", "نص.")),
    )
    .unwrap();
    let run = khabar_in(
        dir.path(),
        &["analyze", "bad.jsonl", "-o", "out.jsonl", "--on-error=fail"],
    );
    assert_eq!(run.code, 3);
    assert_eq!(
        fs::read_to_string(dir.path().join("out.jsonl")).unwrap(),
        written
    );
    let n = fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(n, 3, "only in, bad and out");
    // With the default --on-error=record the file is complete and published.
    let run = khabar_in(dir.path(), &["analyze", "bad.jsonl", "-o", "out2.jsonl"]);
    assert_eq!(run.code, 3);
    let out2 = fs::read_to_string(dir.path().join("out2.jsonl")).unwrap();
    assert_eq!(out2.lines().count(), 2);
    assert!(
        out2.lines()
            .nth(1)
            .unwrap()
            .contains("\"file\":\"bad.jsonl\",\"line\":2")
    );
}

#[test]
fn directories_globs_text_files_and_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("arch/sub")).unwrap();
    fs::write(d.join("arch/a.txt"), article(0, 2)).unwrap();
    fs::write(
        d.join("arch/b.jsonl"),
        format!("{}\n{}\n", rec("b1", "أ."), rec("b2", "ب.")),
    )
    .unwrap();
    fs::write(d.join("arch/.hidden.txt"), "مخفي.").unwrap();
    fs::write(d.join("arch/notes.md"), "ليس من المدخلات").unwrap();
    fs::write(
        d.join("arch/sub/bad.txt"),
        b"\xd9\x82\xd8\xa7\xd9\x84\n\xff",
    )
    .unwrap();
    let gz = fs::File::create(d.join("arch/sub/c.jsonl.gz")).unwrap();
    let mut enc = flate2::write::GzEncoder::new(gz, flate2::Compression::fast());
    writeln!(enc, "{}", rec("c1", &article(3, 2))).unwrap();
    enc.finish().unwrap();

    #[cfg(unix)]
    std::os::unix::fs::symlink("..", d.join("arch/sub/loop")).unwrap(); // a link loop

    let run = khabar_in(d, &["analyze", "arch"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let out = run.json_lines();
    let ids: Vec<&str> = out.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["arch/a.txt", "b1", "b2", "arch/sub/bad.txt", "c1"]);
    assert_eq!(out[0]["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(out[3]["line"], 2);
    assert_eq!(out[3]["file"], "arch/sub/bad.txt");
    assert_eq!(out[3]["error"], "invalid UTF-8 at byte 7 (line 2)");

    // A quoted glob is expanded by khabar, in path order.
    let run = khabar_in(
        d,
        &[
            "analyze",
            "arch/*.jsonl",
            "arch/sub/*.gz",
            "--fields",
            "sentences",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: Vec<String> = run
        .json_lines()
        .iter()
        .map(|r| r["id"].to_string())
        .collect();
    assert_eq!(ids, ["\"b1\"", "\"b2\"", "\"c1\""]);

    // Usage errors: exit 2 and nothing on stdout.
    for args in [
        &["analyze", "missing.jsonl"][..],
        &["analyze", "arch/*.xml"],
        &["analyze", "arch", "--fields", "sentences,nope"],
        &["analyze", "arch", "--sentences", "2", "--words", "10"],
        &["analyze", "arch", "--ratio", "1.5"],
        &["analyze", "arch", "--threads", "0"],
    ] {
        let run = khabar_in(d, args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "");
    }
}

#[test]
fn stdin_text_is_one_record() {
    let run = khabar_stdin(&["analyze", "--quiet"], article(0, 3).as_bytes());
    assert_eq!(run.code, 0);
    let out = run.json_lines();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["id"], "-");
    assert_eq!(out[0]["sentences"].as_array().unwrap().len(), 3);
}

#[test]
fn fields_budget_and_pretty() {
    let text = article(0, 6);
    let input = rec("p", &text);
    let run = khabar_stdin(
        &[
            "analyze",
            "--jsonl",
            "--fields",
            "summary,sentences",
            "--sentences",
            "1",
        ],
        input.as_bytes(),
    );
    assert_eq!(run.code, 0);
    let line = run.stdout.lines().next().unwrap();
    // id first, then the contract's order, whatever order the flag lists.
    assert!(line.starts_with("{\"id\":\"p\",\"sentences\":["), "{line}");
    let r: Value = serde_json::from_str(line).unwrap();
    assert_eq!(r.as_object().unwrap().len(), 3);
    assert_eq!(r["summary"].as_array().unwrap().len(), 1);
    // Offsets index the input text.
    let s0 = &r["sentences"][0];
    let (a, b) = (
        s0["start"].as_u64().unwrap() as usize,
        s0["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[a..b], s0["text"].as_str().unwrap());

    let run = khabar_stdin(
        &["analyze", "--jsonl", "--pretty", "--quiet"],
        format!("{input}\n{input}\n").as_bytes(),
    );
    assert_eq!(run.code, 0);
    assert!(run.stdout.lines().count() > 10);
    let values: Vec<Value> = serde_json::Deserializer::from_str(&run.stdout)
        .into_iter::<Value>()
        .map(Result::unwrap)
        .collect();
    assert_eq!(values.len(), 2);
    assert_eq!(values[1]["id"], "p");
}

#[test]
fn oversized_records_become_error_records() {
    let big = rec("big", &"كلمة ".repeat(300_000)); // ~3 MB
    let input = format!("{}\n{big}\n{}\n", rec("a", "أ."), rec("c", "ج."));
    let run = khabar_stdin(
        &[
            "analyze",
            "--jsonl",
            "--max-record-mb",
            "1",
            "--fields",
            "sentences",
        ],
        input.as_bytes(),
    );
    assert_eq!(run.code, 3);
    let out = run.json_lines();
    assert_eq!(out.len(), 3);
    assert_eq!(out[1]["line"], 2);
    assert!(
        out[1]["error"]
            .as_str()
            .unwrap()
            .contains("over the limit of 1048576 bytes")
    );
    assert_eq!(out[2]["id"], "c");
}

#[test]
fn split_plain_and_json() {
    let text = article(0, 3);
    let run = khabar_stdin(&["split", "--quiet"], text.as_bytes());
    assert_eq!(run.code, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines, &common::SENTENCES[..3]);

    let input = format!(
        "{}\n{{bad\n{}\n",
        rec("a", &article(0, 2)),
        rec("b", &article(4, 1))
    );
    let run = khabar_stdin(&["split", "--jsonl", "--json"], input.as_bytes());
    assert_eq!(run.code, 3);
    let out = run.json_lines();
    assert_eq!(out.len(), 4);
    assert_eq!(
        (out[0]["id"].as_str(), out[0]["index"].as_u64()),
        (Some("a"), Some(0))
    );
    assert_eq!(out[1]["index"], 1);
    assert_eq!(out[1]["kind"], "body");
    assert_eq!(out[2]["line"], 2);
    assert_eq!(out[3]["text"], common::SENTENCES[4]);

    // Plain text mode keeps stdout for sentences: the bad line is reported on stderr.
    let run = khabar_stdin(&["split", "--jsonl"], input.as_bytes());
    assert_eq!(run.code, 3);
    assert_eq!(run.stdout.lines().count(), 3);
    assert!(
        run.stderr.contains("line 2: malformed JSON"),
        "{}",
        run.stderr
    );
}

#[test]
fn closed_stdout_stops_quietly() {
    use std::process::{Command, Stdio};
    let mut input = String::new();
    for i in 0..20000 {
        input.push_str(&rec(&format!("r{i}"), &article(i, 3)));
        input.push('\n');
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(["analyze", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut sin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = sin.write_all(input.as_bytes());
    });
    let mut first = [0u8; 100];
    use std::io::Read;
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take()); // the reader downstream goes away
    let out = child.wait_with_output().unwrap();
    let _ = feeder.join();
    assert_eq!(out.status.code(), Some(141));
    assert!(
        String::from_utf8_lossy(&out.stderr).is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A long-lived producer writing one record at a time gets each result before it sends the
/// next: the writer flushes whenever it has caught up with the workers.
#[test]
fn results_stream_out_as_records_arrive() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    use std::sync::mpsc;
    use std::time::Duration;
    let mut child = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(["analyze", "--jsonl", "--quiet", "--fields", "sentences"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut sin = child.stdin.take().unwrap();
    let sout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(sout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for i in 0..3 {
        writeln!(sin, "{}", rec(&format!("s{i}"), &article(i, 2))).unwrap();
        sin.flush().unwrap();
        let got = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("a result before the next record");
        let v: Value = serde_json::from_str(&got).unwrap();
        assert_eq!(v["id"], format!("s{i}"));
    }
    drop(sin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
}

#[test]
fn version_and_help_work() {
    let run = khabar(&["--help"]);
    assert_eq!(run.code, 0);
    for cmd in ["split", "analyze", "eval"] {
        assert!(run.stdout.contains(cmd), "{}", run.stdout);
    }
}
