//! Decoding raw input items into records `{"id", "text", "title"}`, and the error record
//! `{"id", "file", "line", "offset", "error"}` written for an item that cannot be decoded.

use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::input::{Format, Payload, Place, RawItem, utf8};

/// One input record, ready to analyse.
#[derive(Clone, Debug, PartialEq)]
pub struct InputRecord {
    /// The record's id as given (any JSON value), or the path of a text file.
    pub id: Value,
    /// The article.
    pub text: String,
    /// The headline, when the record gives one.
    pub title: Option<String>,
}

/// Why an item yields no analysis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RecordError {
    /// The record's id when it could be read, else null.
    pub id: Value,
    /// The file the item came from (absent for stdin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Arc<str>>,
    /// 1-based line number in that file (JSON lines, plus `--line-offset`), or where
    /// invalid UTF-8 starts in a text file; null otherwise.
    pub line: Option<u64>,
    /// Byte offset of the line in its input, decompressed (JSON lines only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// What is wrong, for a human.
    pub error: String,
}

impl RecordError {
    /// The error record of `item` (its file, line and byte offset), with `id` and `error`.
    pub fn at(item: &RawItem, id: Value, error: String) -> RecordError {
        let (line, offset) = match item.place {
            Place::Line(n, at) => (Some(n), Some(at)),
            Place::Whole => (None, None),
        };
        RecordError {
            id,
            file: item.named.then(|| item.source.clone()),
            line,
            offset,
            error,
        }
    }

    /// `file:line: message` for stderr.
    pub fn describe(&self) -> String {
        let mut s = String::new();
        if let Some(f) = &self.file {
            s.push_str(f);
            s.push(':');
        }
        if let Some(l) = self.line {
            if self.file.is_none() {
                s.push_str("line ");
            }
            s.push_str(&l.to_string());
            s.push(':');
        }
        if !s.is_empty() {
            s.push(' ');
        }
        if !self.id.is_null() {
            s.push_str(&format!("record {}: ", self.id));
        }
        s.push_str(&self.error);
        s
    }
}

fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// The fields of a JSON record that khabar reads; the others are ignored.
#[derive(Deserialize)]
struct Wire {
    #[serde(default)]
    id: Value,
    #[serde(default, deserialize_with = "present")]
    text: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    title: Option<Value>,
}

fn what(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn json_error(e: &serde_json::Error) -> String {
    let s = e.to_string();
    let msg = s.rsplit_once(" at line ").map_or(s.as_str(), |(m, _)| m);
    format!("malformed JSON: {msg} at column {}", e.column())
}

/// The `id` of a JSON object line that does not parse as a whole (cut short, a bad value
/// after the id, …): the members are read in order up to the first fault, and the id is
/// taken when its value is complete and followed by `,` or `}`. Null when there is none.
pub fn salvage_id(line: &str) -> Value {
    fn ws(s: &str, i: usize) -> usize {
        i + s[i..].len() - s[i..].trim_start_matches([' ', '\t', '\n', '\r']).len()
    }
    /// One JSON value starting at `i` (after white space): the value and where it ends.
    fn value(s: &str, i: usize) -> Option<(Value, usize)> {
        let mut it = serde_json::Deserializer::from_str(&s[i..]).into_iter::<Value>();
        let v = it.next()?.ok()?;
        Some((v, i + it.byte_offset()))
    }
    let s = line.strip_prefix('\u{feff}').unwrap_or(line);
    let mut i = ws(s, 0);
    if !s[i..].starts_with('{') {
        return Value::Null;
    }
    i += 1;
    loop {
        i = ws(s, i);
        let Some((Value::String(key), end)) = value(s, i) else {
            return Value::Null;
        };
        i = ws(s, end);
        if !s[i..].starts_with(':') {
            return Value::Null;
        }
        i = ws(s, i + 1);
        let Some((v, end)) = value(s, i) else {
            return Value::Null;
        };
        i = ws(s, end);
        let more = s[i..].starts_with(',');
        if !more && !s[i..].starts_with('}') {
            return Value::Null; // the value may be cut short (`{"id": 12` of `123`)
        }
        if key == "id" {
            return v;
        }
        if !more {
            return Value::Null;
        }
        i += 1;
    }
}

/// Decode one JSON line (already valid UTF-8, without its line break).
fn decode_json(line: &str) -> Result<InputRecord, (Value, String)> {
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    if line
        .trim_start_matches([' ', '\t', '\r', '\n', '\x0b', '\x0c'])
        .is_empty()
    {
        return Err((
            Value::Null,
            "blank line: no record (every input line gets an output line)".into(),
        ));
    }
    let first = line.trim_start().as_bytes().first().copied();
    if first != Some(b'{') {
        // Valid JSON that is not an object, or garbage: say which.
        return Err(match serde_json::from_str::<Value>(line) {
            Ok(v) => (
                Value::Null,
                format!("record is {}, not a JSON object", what(&v)),
            ),
            Err(e) => (Value::Null, json_error(&e)),
        });
    }
    let w: Wire = serde_json::from_str(line).map_err(|e| (salvage_id(line), json_error(&e)))?;
    let text = match w.text {
        None => return Err((w.id, "record has no \"text\" field".into())),
        Some(Value::String(s)) => s,
        Some(v) => return Err((w.id, format!("\"text\" is {}, not a string", what(&v)))),
    };
    let title = match w.title {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(v) => return Err((w.id, format!("\"title\" is {}, not a string", what(&v)))),
    };
    Ok(InputRecord {
        id: w.id,
        text,
        title,
    })
}

/// Decode a raw item into a record, or say why it cannot be one.
pub fn decode(item: RawItem, max_record: usize) -> Result<InputRecord, RecordError> {
    let at = RecordError::at(&item, Value::Null, String::new());
    let line = at.line;
    let err = |id: Value, line: Option<u64>, error: String| RecordError {
        id,
        line,
        error,
        ..at.clone()
    };
    let bytes = match item.payload {
        Payload::Bytes(b) => b,
        Payload::TooLong(n) => {
            let id = match item.format {
                Format::Text => Value::String(item.source.to_string()),
                Format::Jsonl => Value::Null,
            };
            let msg = format!(
                "record is {n} bytes, over the limit of {max_record} bytes (--max-record-mb)"
            );
            return Err(err(id, line, msg));
        }
        Payload::ReadError(msg) => {
            let id = match item.format {
                Format::Text => Value::String(item.source.to_string()),
                Format::Jsonl => Value::Null,
            };
            return Err(err(id, line, msg));
        }
    };
    match item.format {
        Format::Text => {
            let id = Value::String(item.source.to_string());
            match utf8(bytes) {
                Ok(text) => Ok(InputRecord {
                    id,
                    text,
                    title: None,
                }),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let bytes = e.as_bytes();
                    let l = 1 + memchr::memchr_iter(b'\n', &bytes[..at]).count() as u64;
                    Err(err(
                        id,
                        Some(l),
                        format!("invalid UTF-8 at byte {at} (line {l})"),
                    ))
                }
            }
        }
        Format::Jsonl => {
            let mut bytes = bytes;
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            match utf8(bytes) {
                Ok(s) => decode_json(&s).map_err(|(id, msg)| err(id, line, msg)),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    // Salvage the id for the error record when the line parses up to it.
                    let lossy = String::from_utf8_lossy(e.as_bytes());
                    let id = salvage_id(&lossy);
                    Err(err(
                        id,
                        line,
                        format!("invalid UTF-8 at byte {at} of the line"),
                    ))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn line(s: &[u8]) -> Result<InputRecord, RecordError> {
        decode(
            RawItem {
                source: "in.jsonl".into(),
                named: true,
                format: Format::Jsonl,
                place: Place::Line(7, 120),
                payload: Payload::Bytes(s.to_vec()),
            },
            1 << 20,
        )
    }

    #[test]
    fn good_records() {
        let r =
            line(br#"{"id": 3, "text": "\u0642\u0627\u0644", "title": "t", "x": [1]}"#).unwrap();
        assert_eq!(r.id, Value::from(3));
        assert_eq!(r.text, "قال");
        assert_eq!(r.title.as_deref(), Some("t"));
        let r = line("\u{feff}{\"text\": \"\", \"title\": null}\r".as_bytes()).unwrap();
        assert_eq!(r.id, Value::Null);
        assert_eq!(r.text, "");
        assert_eq!(r.title, None);
    }

    #[test]
    fn bad_records_say_why() {
        let e = line(br#"{"id": "a", "text": 5}"#).unwrap_err();
        assert_eq!((e.id.as_str(), e.line), (Some("a"), Some(7)));
        assert_eq!(e.error, "\"text\" is a number, not a string");
        let e = line(br#"{"id": "b", "text": null}"#).unwrap_err();
        assert_eq!(e.error, "\"text\" is null, not a string");
        let e = line(br#"{"id": "c"}"#).unwrap_err();
        assert_eq!(e.error, "record has no \"text\" field");
        let e = line(br#"{"id": "d", "text": "x""#).unwrap_err();
        assert!(e.error.starts_with("malformed JSON: "), "{}", e.error);
        assert_eq!(e.id.as_str(), Some("d"), "the id is read up to the fault");
        assert_eq!(e.offset, Some(120));
        let e = line(b"  ").unwrap_err();
        assert!(e.error.starts_with("blank line"), "{}", e.error);
        assert_eq!((e.id.clone(), e.line), (Value::Null, Some(7)));
        let e = line(b"[1, 2]").unwrap_err();
        assert_eq!(e.error, "record is an array, not a JSON object");
        let e = line(br#"{"id": "e", "text": "x", "title": 1}"#).unwrap_err();
        assert_eq!(e.error, "\"title\" is a number, not a string");
        let e = line(b"{\"id\": \"f\", \"text\": \"a\xffb\"}").unwrap_err();
        assert_eq!(e.id.as_str(), Some("f"));
        assert_eq!(e.error, "invalid UTF-8 at byte 22 of the line");
        assert_eq!(
            e.describe(),
            "in.jsonl:7: record \"f\": invalid UTF-8 at byte 22 of the line"
        );
    }

    #[test]
    fn ids_are_salvaged_only_when_complete() {
        assert_eq!(salvage_id(r#"{"id": 12, "text": "x"#), Value::from(12));
        assert_eq!(
            salvage_id(r#" {"a": [1, {"b": "}"}], "id": {"k": null}, "#),
            json!({"k": null})
        );
        assert_eq!(
            salvage_id(r#"{"id": 12"#),
            Value::Null,
            "12 may be the start of 123"
        );
        assert_eq!(salvage_id(r#"{"id": "ab"#), Value::Null);
        assert_eq!(salvage_id(r#"{"text": 1 "id": 2}"#), Value::Null);
        assert_eq!(salvage_id(r#"{"text": "x"}"#), Value::Null);
        assert_eq!(salvage_id(r#"["id", 1]"#), Value::Null);
        assert_eq!(salvage_id("\u{feff}{\"id\":true}"), Value::Bool(true));
        for s in [
            "",
            "{",
            "{\"",
            "{\"id\"",
            "{\"id\":",
            "{,}",
            "}",
            "{\"id\" 1}",
        ] {
            assert_eq!(salvage_id(s), Value::Null, "{s:?}");
        }
    }

    #[test]
    fn text_files_report_the_line_of_bad_bytes() {
        let e = decode(
            RawItem {
                source: "a.txt".into(),
                named: true,
                format: Format::Text,
                place: Place::Whole,
                payload: Payload::Bytes(b"one\ntwo\nth\xc3ree".to_vec()),
            },
            100,
        )
        .unwrap_err();
        assert_eq!(e.id.as_str(), Some("a.txt"));
        assert_eq!(e.line, Some(3));
        assert_eq!(e.error, "invalid UTF-8 at byte 10 (line 3)");
    }
}
