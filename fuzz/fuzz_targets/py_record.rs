#![no_main]
//! The Python package's entry point without Python (`python/src/record.rs`: what
//! `khabar.analyze`, `split`, `quotes` and `summarize` build before the Python objects): on
//! any text, with or without a title, the record has no error; every span object's
//! code-point `start`/`end` cut the text (as Python's `text[start:end]`) to the same string as
//! its byte offsets `start_byte`/`end_byte`, and its `text` is that slice; and each part
//! (`split`, `quotes`, `summarize`) equals the whole record's field.
use khabar::Budget;
use khabar_fuzz::node::Node;
use khabar_fuzz::record::{Job, Part, run_one};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static ANALYZER: OnceLock<khabar::Analyzer> = OnceLock::new();

fn get<'n>(kv: &'n [(khabar_fuzz::node::Key, Node)], k: &str) -> Option<&'n Node> {
    kv.iter().find(|(key, _)| key == k).map(|(_, n)| n)
}

/// Every span object in `n`: both offset pairs cut the same text, and `text` is that slice.
fn check_spans(n: &Node, text: &str, starts: &[usize]) {
    match n {
        Node::List(v) => v.iter().for_each(|x| check_spans(x, text, starts)),
        Node::Map(kv) => {
            kv.iter().for_each(|(_, x)| check_spans(x, text, starts));
            let Some(Node::UInt(sb)) = get(kv, "start_byte") else {
                assert!(get(kv, "end_byte").is_none(), "end_byte without start_byte");
                return;
            };
            let (Some(Node::UInt(eb)), Some(Node::UInt(sc)), Some(Node::UInt(ec))) =
                (get(kv, "end_byte"), get(kv, "start"), get(kv, "end"))
            else {
                panic!("a span object without all four offsets: {kv:?}");
            };
            let (sb, eb, sc, ec) = (*sb as usize, *eb as usize, *sc as usize, *ec as usize);
            let by_bytes = text.get(sb..eb).expect("byte offsets on char boundaries");
            // `starts[i]` is the byte offset of code point i (and the text's length last).
            assert!(sc <= ec && ec < starts.len(), "code points {sc}..{ec} out of range");
            assert_eq!(&text[starts[sc]..starts[ec]], by_bytes, "code points vs bytes");
            assert_eq!(
                get(kv, "text"),
                Some(&Node::Slice(sc as u64, ec as u64)),
                "a span's text is its slice"
            );
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let (flag, rest) = data.split_first().unwrap_or((&0, &[]));
    let text = khabar_fuzz::text_of(rest);
    // The first byte: odd gives the text's first line as the title.
    let title = (flag & 1 == 1).then(|| text.lines().next().unwrap_or("").to_string());
    let job = Job {
        text: text.to_string(),
        title,
    };
    let analyzer = ANALYZER.get_or_init(khabar::Analyzer::new);
    let budget = Budget::Sentences(1 + usize::from(flag >> 5));
    let whole = run_one(analyzer, &job, budget, Part::Whole).expect("any text analyses");
    let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    starts.push(text.len());
    check_spans(&whole, &text, &starts);
    let Node::Map(fields) = &whole else {
        panic!("a record is a map")
    };
    for (part, name) in [
        (Part::Sentences, "sentences"),
        (Part::Quotes, "quotes"),
        (Part::Summary, "summary"),
    ] {
        let alone = run_one(analyzer, &job, budget, part).expect("any text analyses");
        assert_eq!(Some(&alone), get(fields, name), "{name} alone = the record's");
    }
});
