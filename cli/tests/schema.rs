//! `schema/record.schema.json` describes what `khabar analyze` really prints.
//!
//! A small JSON Schema validator (the subset the schema uses; any other keyword fails the
//! test, so the schema cannot silently rely on something unchecked) validates real output,
//! records with quotes and speakers built from the library's own output types, and error
//! records; broken records must be rejected.

mod common;

use common::{article, khabar_stdin, rec};
use khabar::{BlockKind, Features, QuoteKind, SpeakerKind};
use khabar::{
    EntityRecord, QuoteRecord, Record, SentenceRecord, SpanText, SpeakerRecord, SummaryRecord,
};
use serde_json::{Value, json};

fn schema() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/record.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("schema file"))
        .expect("schema is JSON")
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        other => panic!("unknown type {other}"),
    }
}

/// Errors of `v` against `s` (empty when valid), with JSON-pointer-ish paths.
fn validate(root: &Value, s: &Value, v: &Value, path: &str, errs: &mut Vec<String>) {
    let Some(obj) = s.as_object() else {
        if s == &Value::Bool(false) {
            errs.push(format!("{path}: not allowed"));
        }
        return;
    };
    for (k, kw) in obj {
        match k.as_str() {
            "$schema" | "title" | "description" | "$defs" | "$comment" => {}
            "$ref" => {
                let r = kw.as_str().unwrap();
                let name = r.strip_prefix("#/$defs/").expect("local $ref");
                validate(root, &root["$defs"][name], v, path, errs);
            }
            "type" => {
                let ok = match kw {
                    Value::String(t) => type_ok(t, v),
                    Value::Array(ts) => ts.iter().any(|t| type_ok(t.as_str().unwrap(), v)),
                    _ => panic!("bad type keyword"),
                };
                if !ok {
                    errs.push(format!("{path}: {v} is not of type {kw}"));
                }
            }
            "enum" => {
                if !kw.as_array().unwrap().contains(v) {
                    errs.push(format!("{path}: {v} not in {kw}"));
                }
            }
            "minimum" | "maximum" => {
                if let (Some(x), Some(lim)) = (v.as_f64(), kw.as_f64())
                    && ((k == "minimum" && x < lim) || (k == "maximum" && x > lim))
                {
                    errs.push(format!("{path}: {x} violates {k} {lim}"));
                }
            }
            "required" => {
                if let Some(o) = v.as_object() {
                    for f in kw.as_array().unwrap() {
                        if !o.contains_key(f.as_str().unwrap()) {
                            errs.push(format!("{path}: missing {f}"));
                        }
                    }
                }
            }
            "properties" => {
                if let Some(o) = v.as_object() {
                    for (name, sub) in kw.as_object().unwrap() {
                        if let Some(x) = o.get(name) {
                            validate(root, sub, x, &format!("{path}/{name}"), errs);
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Some(o) = v.as_object() {
                    let known = obj.get("properties").and_then(Value::as_object);
                    for (name, x) in o {
                        if known.is_some_and(|p| p.contains_key(name)) {
                            continue;
                        }
                        validate(root, kw, x, &format!("{path}/{name}"), errs);
                    }
                }
            }
            "items" => {
                if let Some(a) = v.as_array() {
                    for (i, x) in a.iter().enumerate() {
                        validate(root, kw, x, &format!("{path}/{i}"), errs);
                    }
                }
            }
            "anyOf" | "oneOf" => {
                let n = kw
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|sub| {
                        let mut e = Vec::new();
                        validate(root, sub, v, path, &mut e);
                        e.is_empty()
                    })
                    .count();
                if (k == "anyOf" && n == 0) || (k == "oneOf" && n != 1) {
                    errs.push(format!("{path}: {n} branches of {k} match"));
                }
            }
            "not" => {
                let mut e = Vec::new();
                validate(root, kw, v, path, &mut e);
                if e.is_empty() {
                    errs.push(format!("{path}: matches a `not` schema"));
                }
            }
            other => panic!("schema keyword {other:?} is not supported by this validator"),
        }
    }
}

fn errors(v: &Value) -> Vec<String> {
    let root = schema();
    let mut errs = Vec::new();
    validate(&root, &root, v, "", &mut errs);
    errs
}

fn assert_valid(v: &Value) {
    let e = errors(v);
    assert!(e.is_empty(), "{v}\n{e:#?}");
}

#[test]
fn real_output_validates() {
    let mut input = String::new();
    for i in 0..30 {
        input.push_str(&rec(&format!("a{i}"), &article(i, 1 + i % 9)));
        input.push('\n');
    }
    input.push_str("{\"id\": 5, \"text\": \"عنوان الخبر\\n\\nنص الخبر الأول. ونص ثان.\"}\n");
    input.push_str("{\"id\": \"x\", \"text\": null}\nnot json\n");
    for extra in [
        &[][..],
        &["--fields", "summary"],
        &["--sentences", "1"],
        &["--ratio", "0.5"],
    ] {
        let mut args = vec!["analyze", "--jsonl", "--quiet"];
        args.extend_from_slice(extra);
        let run = khabar_stdin(&args, input.as_bytes());
        assert_eq!(run.code, 3);
        let out = run.json_lines();
        assert_eq!(out.len(), 33);
        for r in &out {
            assert_valid(r);
        }
        assert!(out[32].get("error").is_some());
    }
}

/// Quotes, speakers, datelines and summaries as the library serialises them.
#[test]
fn library_records_with_every_part_validate() {
    let text = "القاهرة-وكالات: قال الوزير إن الخطة \"جاهزة\".";
    fn span(text: &'static str, a: &str) -> SpanText<'static> {
        let s = text.find(a).unwrap();
        SpanText::new(text, khabar::Span::new(s, s + a.len()))
    }
    let span = |a: &str| span(text, a);
    let record = Record {
        sentences: vec![SentenceRecord {
            start: 0,
            end: text.len(),
            text,
            kind: BlockKind::Body,
            paragraph: 0,
            dateline: Some(span("القاهرة-وكالات")),
        }],
        quotes: vec![QuoteRecord {
            kind: QuoteKind::Mixed,
            content: span("الخطة \"جاهزة\""),
            cue: Some(span("قال")),
            speaker: Some(SpeakerRecord {
                start: span("الوزير").start,
                end: span("الوزير").end,
                text: "الوزير",
                name: "الوزير",
                kind: SpeakerKind::Person,
                entity: 0,
            }),
            sentence: 0,
            confidence: 0.9,
            rule: "cue-inna",
        }],
        speakers: vec![EntityRecord {
            id: 0,
            name: "الوزير",
            kind: SpeakerKind::Person,
            mentions: vec![span("الوزير")],
        }],
        summary: vec![SummaryRecord {
            sentence: 0,
            start: 0,
            end: text.len(),
            text,
            score: 0.75,
            features: Features::default(),
            truncated: true,
        }],
    };
    let mut v = serde_json::to_value(&record).unwrap();
    v["id"] = json!("lib");
    assert_valid(&v);
    let mut no_speaker = v.clone();
    no_speaker["quotes"][0]["speaker"] = Value::Null;
    no_speaker["quotes"][0]["cue"] = Value::Null;
    assert_valid(&no_speaker);

    // The validator and the schema reject what breaks the contract.
    let broken = |f: &dyn Fn(&mut Value)| {
        let mut b = v.clone();
        f(&mut b);
        assert!(!errors(&b).is_empty(), "accepted {b}");
    };
    broken(&|b| {
        b.as_object_mut().unwrap().remove("id");
    });
    broken(&|b| b["sentences"][0]["start"] = json!(-1));
    broken(&|b| b["sentences"][0]["kind"] = json!("headline"));
    broken(&|b| b["quotes"][0]["kind"] = json!("reported"));
    broken(&|b| b["quotes"][0]["confidence"] = json!(1.5));
    broken(&|b| b["quotes"][0]["speaker"]["kind"] = json!("robot"));
    broken(&|b| b["quotes"][0]["content"] = json!("text only"));
    broken(&|b| {
        b["quotes"][0].as_object_mut().unwrap().remove("cue");
    });
    broken(&|b| b["summary"][0]["features"]["position"] = json!("high"));
    broken(&|b| b["speakers"][0]["mentions"] = json!({}));
    broken(&|b| b["error"] = json!("both"));
}

#[test]
fn error_records_validate_and_stay_closed() {
    assert_valid(&json!({"id": null, "line": 3, "error": "malformed JSON"}));
    assert_valid(&json!({"id": 7, "line": 3, "offset": 120, "error": "blank line"}));
    assert!(!errors(&json!({"id": 7, "line": 3, "offset": -1, "error": "x"})).is_empty());
    assert_valid(&json!({"id": "a.txt", "file": "a.txt", "line": null, "error": "invalid UTF-8"}));
    assert!(!errors(&json!({"id": null, "line": 0, "error": "x"})).is_empty());
    assert!(!errors(&json!({"id": null, "error": "x"})).is_empty());
    assert!(!errors(&json!({"id": null, "line": 1, "error": "x", "extra": 1})).is_empty());
}
