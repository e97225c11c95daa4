//! `khabar eval GOLD.jsonl`: score khabar (or a given system file) against gold annotations.
//!
//! The scorer is a line-for-line port of the project's reference scorer `score.py` (see
//! `../shared/eval/score.py`), so that both print the same numbers on the same files:
//!
//! * tokens: Arabic diacritics and tatweel removed, أإآٱ→ا ى→ي ة→ه ی→ي ک→ك, lowercased
//!   (full Unicode case mapping), then runs of Python's `\w` (Unicode letters, numbers and
//!   `_`; *not* combining marks), a lone `_` dropped;
//! * quotes: token F1 ≥ 0.5, paired one to one in the order of Python's
//!   `sorted((score, required, gi, si), reverse=True)` (on a tie in score a required gold
//!   quote takes the system quote before an optional one); optional gold quotes count
//!   neither way;
//! * speaker: a gold alias's tokens stand contiguously in the system's resolved name (or
//!   failing that its mention text), which has at most 12 tokens;
//! * sentences: located in order in the text (falling back to the first occurrence),
//!   exact-span F1 and boundary F1 (every end but the last);
//! * summary: ROUGE-1/2/L F1 on tokens, and the share of gold summary sentences picked.
//!
//! Every `if`, default and count mirrors the Python, including its truthiness rules, so the
//! port keeps agreeing as system output changes; `scripts/eval_agree.sh` checks it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;

use anyhow::{Context, Result, bail};
use clap::Args;
use rayon::prelude::*;
use regex::Regex;
use serde_json::Value;

use crate::analyze_cmd::{Analyze, BudgetArgs};
use crate::batch;
use crate::input::{Format, Payload, Place, RawItem};
use crate::record::{self, RecordError};

/// `khabar eval` arguments.
#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Gold file: JSON lines with id, text, quotes, sentences, summary (see the README).
    #[arg(value_name = "GOLD.jsonl")]
    gold: PathBuf,
    /// Score this system output (JSON lines, as `khabar analyze` writes) instead of running
    /// the analyzer on the gold texts.
    #[arg(long, value_name = "FILE")]
    system: Option<PathBuf>,
    /// List, per article, missed and spurious quotes and wrong speakers.
    #[arg(long)]
    per_article: bool,
    /// Print the metrics as one JSON object.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    budget: BudgetArgs,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    threads: Option<u32>,
}

// ---------------------------------------------------------------------------------------
// Python semantics the port relies on.

/// Python truthiness of a JSON value.
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// `str.isspace()`: Unicode White_Space plus the information separators U+001C–U+001F.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `str.strip()`.
fn py_strip(s: &str) -> &str {
    s.trim_matches(py_space)
}

/// `s[:n]` on code points.
fn py_prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// `repr()` of a float, as `json.dumps` writes it: shortest round-trip digits, exponent
/// form below 1e-4 and from 1e16.
fn py_float(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let e = format!("{v:e}"); // shortest digits: "-1.2345e-5"
    let (mant, exp) = e.split_once('e').expect("{:e} has an exponent");
    let exp: i32 = exp.parse().expect("integer exponent");
    let (sign, mant) = mant.strip_prefix('-').map_or(("", mant), |m| ("-", m));
    let digits: String = mant.chars().filter(|c| *c != '.').collect();
    if (-4..16).contains(&exp) {
        let s = if exp < 0 {
            format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        } else {
            let point = exp as usize + 1;
            if digits.len() > point {
                format!("{}.{}", &digits[..point], &digits[point..])
            } else {
                format!("{}{}.0", digits, "0".repeat(point - digits.len()))
            }
        };
        format!("{sign}{s}")
    } else {
        let m = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        format!(
            "{sign}{m}e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        )
    }
}

/// `str(v)` for a JSON value as Python would print the decoded object.
fn py_str(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "None".into(),
        Some(Value::Bool(true)) => "True".into(),
        Some(Value::Bool(false)) => "False".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), ..) => i.to_string(),
            (_, Some(u), _) => u.to_string(),
            (.., Some(f)) => py_float(f),
            _ => n.to_string(),
        },
        Some(v) => v.to_string(),
    }
}

/// A dictionary key equal where Python's would be (1 == 1.0 == True).
fn py_key(v: &Value) -> String {
    match v {
        Value::Bool(b) => format!("n:{}", *b as u8),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => format!("n:{}", f as i64),
            Some(f) => format!("n:{}", py_float(f)),
            None => format!("n:{n}"),
        },
        Value::String(s) => format!("s:{s}"),
        other => format!("j:{other}"),
    }
}

fn get<'a>(v: &'a Value, k: &str) -> Option<&'a Value> {
    v.as_object().and_then(|o| o.get(k))
}

fn str_of(v: Option<&Value>) -> &str {
    v.and_then(Value::as_str).unwrap_or("")
}

fn list(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

// ---------------------------------------------------------------------------------------
// The scorer.

fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061a}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{06d6}'..='\u{06ed}' | '\u{0640}')
}

fn fold(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        c => c,
    }
}

/// Python's `\w`: characters of the Unicode categories L* and N*, and `_`.
fn word_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[\p{L}\p{N}_]+").expect("valid regex"))
}

/// `tokens(s)` of score.py.
pub fn tokens(s: &str) -> Vec<String> {
    let folded: String = s.chars().filter(|&c| !is_diacritic(c)).map(fold).collect();
    let lower = folded.to_lowercase();
    word_re()
        .find_iter(&lower)
        .map(|m| m.as_str())
        .filter(|t| *t != "_")
        .map(str::to_string)
        .collect()
}

/// `sum((Counter(a) & Counter(b)).values())`.
fn common<T: std::hash::Hash + Eq>(
    a: impl IntoIterator<Item = T>,
    b: impl IntoIterator<Item = T>,
) -> usize {
    let mut ca: HashMap<T, usize> = HashMap::new();
    for x in a {
        *ca.entry(x).or_default() += 1;
    }
    let mut n = 0;
    for x in b {
        if let Some(k) = ca.get_mut(&x)
            && *k > 0
        {
            *k -= 1;
            n += 1;
        }
    }
    n
}

fn f1(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = common(a, b);
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (
        common as f64 / a.len() as f64,
        common as f64 / b.len() as f64,
    );
    2.0 * p * r / (p + r)
}

fn contains(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn speaker_ok(gold: &Value, sysq: &Value) -> bool {
    let spk = get(sysq, "speaker");
    let spk = if truthy(spk) { spk } else { None };
    for field in ["name", "text"] {
        let cand = tokens(str_of(spk.and_then(|s| get(s, field))));
        if cand.is_empty() || cand.len() > 12 {
            continue;
        }
        if list(get(gold, "speaker_aliases"))
            .iter()
            .any(|a| contains(&cand, &tokens(str_of(Some(a)))))
        {
            return true;
        }
    }
    false
}

/// `text_of(x)`: the `text` of an object, or the string itself.
fn text_of(x: Option<&Value>) -> &str {
    match x {
        Some(Value::Object(o)) => str_of(o.get("text")),
        other => str_of(other),
    }
}

fn match_quotes(gold_qs: &[Value], sys_qs: &[Value]) -> Vec<(usize, usize)> {
    let sys_toks: Vec<Vec<String>> = sys_qs
        .iter()
        .map(|s| tokens(text_of(get(s, "content"))))
        .collect();
    let mut cands = Vec::new();
    for (gi, g) in gold_qs.iter().enumerate() {
        let gt = tokens(str_of(get(g, "content")));
        for (si, st) in sys_toks.iter().enumerate() {
            let score = f1(&gt, st);
            if score >= 0.5 {
                // On a tie, a required gold quote takes the system quote before an optional copy.
                let required = !truthy(get(g, "optional"));
                cands.push((score, required, gi, si));
            }
        }
    }
    // sort(reverse=True) on (score, required, gi, si): scores are never NaN.
    cands.sort_by(|a, b| b.partial_cmp(a).expect("no NaN scores"));
    let (mut used_g, mut used_s) = (vec![false; gold_qs.len()], vec![false; sys_qs.len()]);
    let mut pairs = Vec::new();
    for (_, _, gi, si) in cands {
        if used_g[gi] || used_s[si] {
            continue;
        }
        used_g[gi] = true;
        used_s[si] = true;
        pairs.push((gi, si));
    }
    pairs
}

/// Locate each item in order (after the previous hit, else anywhere); byte offsets, which
/// order and compare exactly as Python's code-point offsets do.
fn spans_in_order<'a>(text: &str, items: impl IntoIterator<Item = &'a str>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for it in items {
        let it = py_strip(it);
        if it.is_empty() {
            continue;
        }
        let at = match text.get(pos..).and_then(|t| t.find(it)) {
            Some(a) => pos + a,
            None => match text.find(it) {
                Some(a) => a,
                None => continue,
            },
        };
        out.push((at, at + it.len()));
        pos = at + it.len();
    }
    out
}

fn lcs(a: &[String], b: &[String]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = Vec::with_capacity(b.len() + 1);
    for x in a {
        cur.clear();
        cur.push(0);
        for (j, y) in b.iter().enumerate() {
            let v = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
            cur.push(v);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// ROUGE-n F1 (`n` = 0 for ROUGE-L).
fn rouge(sys: &[String], rf: &[String], n: usize) -> f64 {
    let (common, ls, lr) = if n == 0 {
        (lcs(sys, rf), sys.len(), rf.len())
    } else {
        let (gs, gr) = (sys.windows(n), rf.windows(n));
        let (ls, lr) = (gs.len(), gr.len());
        (common(gs, gr), ls, lr)
    };
    if common == 0 {
        return 0.0;
    }
    let (p, rc) = (common as f64 / ls as f64, common as f64 / lr as f64);
    2.0 * p * rc / (p + rc)
}

#[derive(Default)]
struct Tally {
    c: HashMap<String, i64>,
    sum: HashMap<&'static str, f64>,
}

impl Tally {
    fn add(&mut self, k: &str, n: i64) {
        *self.c.entry(k.to_string()).or_default() += n;
    }
    fn get(&self, k: &str) -> i64 {
        self.c.get(k).copied().unwrap_or(0)
    }
}

fn score_article(g: &Value, s: &Value, t: &mut Tally, per: Option<&mut String>) {
    let text = str_of(get(g, "text"));
    // quotes
    if get(s, "quotes").is_some() {
        let sys_qs = list(get(s, "quotes"));
        let gold_all = list(get(g, "quotes"));
        let optional = |gi: usize| truthy(get(&gold_all[gi], "optional"));
        let pairs = match_quotes(gold_all, sys_qs);
        let mut matched_s = vec![false; sys_qs.len()];
        let mut matched_g = vec![false; gold_all.len()];
        for &(gi, si) in &pairs {
            matched_s[si] = true;
            matched_g[gi] = true;
        }
        let req: Vec<usize> = (0..gold_all.len()).filter(|&i| !optional(i)).collect();
        t.add("gold", req.len() as i64);
        let mut opt_sys = vec![false; sys_qs.len()];
        for &(gi, si) in &pairs {
            if optional(gi) {
                opt_sys[si] = true;
            }
        }
        let n_opt_sys = opt_sys.iter().filter(|&&x| x).count();
        t.add("sys", sys_qs.len() as i64 - n_opt_sys as i64);
        let (mut art_match, mut art_who) = (0, 0);
        for &(gi, si) in &pairs {
            let gq = &gold_all[gi];
            if optional(gi) {
                continue;
            }
            let ok = speaker_ok(gq, &sys_qs[si]) as i64;
            t.add("match", 1);
            t.add("who", ok);
            art_match += 1;
            art_who += ok;
            t.add(&format!("kind_{}_match", py_str(get(gq, "kind"))), 1);
            let spk = get(&sys_qs[si], "speaker");
            let spk = if truthy(spk) { spk } else { None };
            if !truthy(spk.and_then(|x| get(x, "text")))
                && !truthy(spk.and_then(|x| get(x, "name")))
            {
                t.add("no_speaker", 1);
            }
        }
        for &i in &req {
            t.add(
                &format!("kind_{}_gold", py_str(get(&gold_all[i], "kind"))),
                1,
            );
        }
        let is_direct = |q: &Value| get(q, "kind").and_then(Value::as_str) == Some("direct");
        let sys_direct = sys_qs
            .iter()
            .enumerate()
            .filter(|&(i, q)| is_direct(q) && !opt_sys[i])
            .count();
        t.add("sys_direct", sys_direct as i64);
        let sys_direct_match = pairs
            .iter()
            .filter(|&&(gi, si)| !optional(gi) && is_direct(&sys_qs[si]))
            .count();
        t.add("sys_direct_match", sys_direct_match as i64);
        if let Some(out) = per {
            let _ = writeln!(
                out,
                "## {}: gold {} sys {} matched {} who {}",
                py_str(get(g, "id")),
                req.len(),
                sys_qs.len(),
                art_match,
                art_who
            );
            for &i in &req {
                if !matched_g[i] {
                    let _ = writeln!(
                        out,
                        "   missed: {}",
                        py_prefix(str_of(get(&gold_all[i], "content")), 50)
                    );
                }
            }
            for (i, q) in sys_qs.iter().enumerate() {
                if !matched_s[i] {
                    let _ = writeln!(
                        out,
                        "   spurious: {}",
                        py_prefix(text_of(get(q, "content")), 50)
                    );
                }
            }
            for &(gi, si) in &pairs {
                if optional(gi) || speaker_ok(&gold_all[gi], &sys_qs[si]) {
                    continue;
                }
                let spk = get(&sys_qs[si], "speaker");
                let spk = if truthy(spk) { spk } else { None };
                let name = spk.and_then(|x| get(x, "name"));
                let sys_name = if truthy(name) {
                    name
                } else {
                    spk.and_then(|x| get(x, "text"))
                };
                let _ = writeln!(
                    out,
                    "   speaker: gold {} | system {}",
                    py_str(get(&gold_all[gi], "speaker")),
                    py_str(sys_name)
                );
            }
        }
    }
    // sentences
    let gold_sents = get(g, "sentences").filter(|v| !v.is_null());
    let sys_sents = get(s, "sentences").filter(|v| !v.is_null());
    if let (Some(gsv), Some(ssv)) = (gold_sents, sys_sents) {
        let gs: std::collections::HashSet<(usize, usize)> =
            spans_in_order(text, list(Some(gsv)).iter().map(|x| str_of(Some(x))))
                .into_iter()
                .collect();
        let ss: std::collections::HashSet<(usize, usize)> =
            spans_in_order(text, list(Some(ssv)).iter().map(|x| text_of(Some(x))))
                .into_iter()
                .collect();
        t.add("sent_gold", gs.len() as i64);
        t.add("sent_sys", ss.len() as i64);
        t.add("sent_tp", gs.intersection(&ss).count() as i64);
        let bounds = |set: &std::collections::HashSet<(usize, usize)>| {
            let mut ends: std::collections::HashSet<usize> = set.iter().map(|&(_, e)| e).collect();
            if let Some(&m) = ends.iter().max() {
                ends.remove(&m);
            }
            ends
        };
        let (gb, sb) = (bounds(&gs), bounds(&ss));
        t.add("bnd_gold", gb.len() as i64);
        t.add("bnd_sys", sb.len() as i64);
        t.add("bnd_tp", gb.intersection(&sb).count() as i64);
    }
    // summary
    let sys_sum = get(s, "summary").filter(|v| !v.is_null());
    if truthy(get(g, "summary")) && sys_sum.is_some() {
        let rf: Vec<&str> = list(get(g, "summary"))
            .iter()
            .map(|x| str_of(Some(x)))
            .collect();
        let got: Vec<&str> = list(sys_sum).iter().map(|x| text_of(Some(x))).collect();
        let rt = tokens(&rf.join(" "));
        let st = tokens(&got.join(" "));
        t.add("sum_n", 1);
        for (key, n) in [("rouge1", 1), ("rouge2", 2), ("rougeL", 0)] {
            *t.sum.entry(key).or_default() += rouge(&st, &rt, n);
        }
        let rs: std::collections::HashSet<&str> = rf.iter().map(|x| py_strip(x)).collect();
        t.add(
            "sum_hit",
            got.iter().filter(|x| rs.contains(py_strip(x))).count() as i64,
        );
        t.add("sum_ref", rs.len() as i64);
    }
}

/// One metric's value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Metric {
    /// A count.
    Int(i64),
    /// A ratio.
    Float(f64),
    /// Not defined (Python's `None`).
    None,
}

/// The metrics in score.py's order.
pub type Scores = Vec<(&'static str, Metric)>;

/// A gold file or a system file, keyed by id in first-seen order (a later record with the
/// same id replaces the earlier one in place, as a Python dict does).
#[derive(Default)]
pub struct ById {
    order: Vec<(String, Value)>,
    index: HashMap<String, usize>,
}

impl ById {
    /// Insert or replace the record under `id`.
    pub fn insert(&mut self, id: &Value, rec: Value) {
        let k = py_key(id);
        match self.index.get(&k) {
            Some(&i) => self.order[i].1 = rec,
            None => {
                self.index.insert(k.clone(), self.order.len());
                self.order.push((k, rec));
            }
        }
    }
    fn get(&self, id: &Value) -> Option<&Value> {
        self.index.get(&py_key(id)).map(|&i| &self.order[i].1)
    }
    /// The records in order.
    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.order.iter().map(|(_, v)| v)
    }
    /// How many ids.
    pub fn len(&self) -> usize {
        self.order.len()
    }
}

/// Score `system` against `gold`; with `per`, the per-article listing is written there.
pub fn score(gold: &ById, system: &ById, mut per: Option<&mut String>) -> Scores {
    let mut t = Tally::default();
    let empty = serde_json::json!({"quotes": [], "sentences": [], "summary": []});
    let mut missing = 0;
    for g in gold.values() {
        let id = get(g, "id").unwrap_or(&Value::Null);
        let s = match system.get(id) {
            Some(s) => s,
            None => {
                missing += 1;
                &empty
            }
        };
        score_article(g, s, &mut t, per.as_deref_mut());
    }
    let c = |k: &str| t.get(k);
    let div = |a: i64, b: i64| if b != 0 { a as f64 / b as f64 } else { 0.0 };
    let hm = |p: f64, r: f64| {
        if p + r != 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    };
    let opt = |a: i64, b: i64| {
        if b != 0 {
            Metric::Float(a as f64 / b as f64)
        } else {
            Metric::None
        }
    };
    let mut res: Scores = vec![
        ("articles", Metric::Int(gold.len() as i64)),
        ("articles_missing_in_system", Metric::Int(missing)),
    ];
    if c("gold") != 0 || c("sys") != 0 {
        let (p, r) = (div(c("match"), c("sys")), div(c("match"), c("gold")));
        let (wp, wr) = (div(c("who"), c("sys")), div(c("who"), c("gold")));
        res.extend([
            ("quotes_gold", Metric::Int(c("gold"))),
            ("quotes_system", Metric::Int(c("sys"))),
            ("quote_P", Metric::Float(p)),
            ("quote_R", Metric::Float(r)),
            ("quote_F1", Metric::Float(hm(p, r))),
            ("speaker_accuracy", Metric::Float(div(c("who"), c("match")))),
            ("who_said_what_P", Metric::Float(wp)),
            ("who_said_what_R", Metric::Float(wr)),
            ("who_said_what_F1", Metric::Float(hm(wp, wr))),
            (
                "direct_R",
                opt(c("kind_direct_match"), c("kind_direct_gold")),
            ),
            ("direct_P", opt(c("sys_direct_match"), c("sys_direct"))),
            (
                "indirect_R",
                opt(c("kind_indirect_match"), c("kind_indirect_gold")),
            ),
            ("mixed_R", opt(c("kind_mixed_match"), c("kind_mixed_gold"))),
            ("matched_without_speaker", Metric::Int(c("no_speaker"))),
        ]);
    }
    if c("sent_gold") != 0 {
        let p = div(c("sent_tp"), c("sent_sys"));
        let r = c("sent_tp") as f64 / c("sent_gold") as f64;
        let (bp, br) = (
            div(c("bnd_tp"), c("bnd_sys")),
            div(c("bnd_tp"), c("bnd_gold")),
        );
        res.push(("sentence_F1", Metric::Float(hm(p, r))));
        res.push(("boundary_F1", Metric::Float(hm(bp, br))));
    }
    if c("sum_n") != 0 {
        let n = c("sum_n") as f64;
        for (key, name) in [
            ("rouge1", "summary_rouge1"),
            ("rouge2", "summary_rouge2"),
            ("rougeL", "summary_rougeL"),
        ] {
            res.push((
                name,
                Metric::Float(t.sum.get(key).copied().unwrap_or(0.0) / n),
            ));
        }
        res.push((
            "summary_sentence_recall",
            Metric::Float(div(c("sum_hit"), c("sum_ref"))),
        ));
    }
    res
}

/// The table score.py prints: `{k:28s} {v:.3f}` for ratios, `{k:28s} {v}` otherwise.
pub fn format_table(res: &Scores) -> String {
    let mut s = String::new();
    for (k, v) in res {
        let _ = match v {
            Metric::Float(f) => writeln!(s, "{k:28} {f:.3}"),
            Metric::Int(i) => writeln!(s, "{k:28} {i}"),
            Metric::None => writeln!(s, "{k:28} None"),
        };
    }
    s
}

/// The JSON object score.py prints with `--json` (same key order and number formatting).
pub fn format_json(res: &Scores) -> String {
    let items: Vec<String> = res
        .iter()
        .map(|(k, v)| {
            let v = match v {
                Metric::Float(f) => py_float(*f),
                Metric::Int(i) => i.to_string(),
                Metric::None => "null".into(),
            };
            format!("\"{k}\": {v}")
        })
        .collect();
    format!("{{{}}}\n", items.join(", "))
}

/// Read a JSON-lines file as score.py does: skip blank lines, key records by `id`.
/// With `require_id`, a record without `id` is an error (gold), else it is skipped (system).
fn read_by_id(path: &PathBuf, require_id: bool) -> Result<(ById, Vec<String>)> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: invalid UTF-8 at byte {}",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let mut out = ById::default();
    let mut lines = Vec::new();
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if py_strip(line).is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: malformed JSON", path.display(), n + 1))?;
        match get(&v, "id") {
            Some(id) => {
                let id = id.clone();
                out.insert(&id, v);
                lines.push(line.trim_end_matches(['\n', '\r']).to_string());
            }
            None if require_id => bail!("{}:{}: record has no \"id\"", path.display(), n + 1),
            None => {}
        }
    }
    Ok((out, lines))
}

/// Run `khabar eval`.
pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let (gold, gold_lines) = read_by_id(&args.gold, true)?;
    for g in gold.values() {
        if !matches!(get(g, "text"), Some(Value::String(_))) {
            bail!(
                "gold record {} has no \"text\" string",
                py_str(get(g, "id"))
            );
        }
    }
    let system = match &args.system {
        Some(p) => read_by_id(p, false)?.0,
        None => {
            // Exactly what `khabar analyze --jsonl GOLD` would print for each gold line.
            let render = Analyze::new(args.budget.budget(), None, false)?;
            batch::install_panic_hook();
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(args.threads.map_or(0, |n| n as usize))
                .thread_name(|i| format!("{}{i}", batch::WORKER_PREFIX))
                .build()
                .context("starting worker threads")?;
            let outs: Vec<Value> = pool.install(|| {
                gold_lines
                    .par_iter()
                    .enumerate()
                    .map(|(i, line)| {
                        let item = RawItem {
                            source: args.gold.display().to_string().into(),
                            named: true,
                            format: Format::Jsonl,
                            // (scored, not printed: the byte offset is not needed)
                            place: Place::Line(i as u64 + 1, 0),
                            payload: Payload::Bytes(line.as_bytes().to_vec()),
                        };
                        // As `analyze` does: a bad record or an analyzer panic becomes an
                        // error record (no quotes, sentences or summary to score).
                        let v = record::decode(item, usize::MAX).and_then(|rec| {
                            batch::catch_panic(|| render.value(&rec)).map_err(|error| RecordError {
                                id: rec.id.clone(),
                                file: None,
                                line: None,
                                offset: None,
                                error,
                            })
                        });
                        v.unwrap_or_else(|e| serde_json::to_value(&e).unwrap_or(Value::Null))
                    })
                    .collect()
            });
            let mut sys = ById::default();
            for v in outs {
                let id = get(&v, "id").cloned().unwrap_or(Value::Null);
                sys.insert(&id, v);
            }
            sys
        }
    };
    let mut per = String::new();
    let res = score(&gold, &system, args.per_article.then_some(&mut per));
    print!("{per}");
    if args.json {
        print!("{}", format_json(&res));
    } else {
        print!("{}", format_table(&res));
    }
    // Standard output stays exactly what score.py prints; the reliability table goes to
    // standard error.
    eprint!("{}", format_reliability(&reliability(&gold, &system)));
    Ok(ExitCode::SUCCESS)
}

/// Confidence bands of the reliability table: lower bounds, highest first.
const BANDS: [f64; 5] = [0.9, 0.8, 0.7, 0.5, 0.0];

/// Per confidence band: (system quotes, right ones). A quote is right when it pairs with a
/// required gold quote (as the scorer pairs them) and its speaker is right; quotes paired
/// with an optional gold quote count neither way, as in the scorer.
pub fn reliability(gold: &ById, system: &ById) -> [(u64, u64); BANDS.len()] {
    let mut bands = [(0u64, 0u64); BANDS.len()];
    for g in gold.values() {
        let Some(s) = get(g, "id").and_then(|id| system.get(id)) else {
            continue;
        };
        let sys_qs = list(get(s, "quotes"));
        let gold_all = list(get(g, "quotes"));
        let mut pair_of = vec![None; sys_qs.len()];
        for (gi, si) in match_quotes(gold_all, sys_qs) {
            pair_of[si] = Some(gi);
        }
        for (si, q) in sys_qs.iter().enumerate() {
            let right = match pair_of[si] {
                Some(gi) if truthy(get(&gold_all[gi], "optional")) => continue,
                Some(gi) => speaker_ok(&gold_all[gi], q),
                None => false,
            };
            // Rounded as printed: an f32 0.9 widened to f64 is 0.89999998.
            let c = get(q, "confidence").and_then(Value::as_f64).unwrap_or(0.0);
            let c = (c * 1000.0).round() / 1000.0;
            let b = BANDS
                .iter()
                .position(|&lo| c >= lo)
                .unwrap_or(BANDS.len() - 1);
            bands[b].0 += 1;
            bands[b].1 += u64::from(right);
        }
    }
    bands
}

/// The reliability table: for each confidence band, how many quotes and the share right.
fn format_reliability(bands: &[(u64, u64); BANDS.len()]) -> String {
    let mut out = String::from("confidence  quotes  right (content and speaker)\n");
    for (i, &(n, ok)) in bands.iter().enumerate() {
        let hi = if i == 0 { 1.0 } else { BANDS[i - 1] };
        let share = if n == 0 {
            "-".to_string()
        } else {
            format!("{:.3}", ok as f64 / n as f64)
        };
        let _ = writeln!(out, "{:.1}-{:.1}   {n:6}  {share}", BANDS[i], hi);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn toks(s: &str) -> Vec<String> {
        tokens(s)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn tokens_follow_python_word_semantics() {
        // Diacritics and tatweel go, hamza forms and ى/ة/Persian letters fold.
        assert_eq!(toks("إلى المدرسةِ الكبـــرى"), ["الي", "المدرسه", "الكبري"]);
        assert_eq!(toks("یک کتاب"), ["يك", "كتاب"]);
        // Punctuation splits; a lone underscore is dropped, one inside a word stays.
        assert_eq!(toks("«قال»: نعم، _ a_b __"), ["قال", "نعم", "a_b", "__"]);
        // Lowercase with full case mapping; digits of every script are words.
        assert_eq!(toks("Hello WORLD ٣ 3 ½"), ["hello", "world", "٣", "3", "½"]);
        // A combining mark outside the removed ranges is not \w in Python: it splits.
        assert_eq!(toks("cafe\u{301}s"), ["cafe", "s"]);
        assert_eq!(toks("ab\u{8e3}cd"), ["ab", "cd"]);
        assert!(toks("").is_empty() && toks("!! ؟").is_empty());
    }

    #[test]
    fn f1_and_rouge_by_hand() {
        let a = toks("x y z");
        let b = toks("x y");
        assert!(close(f1(&a, &b), 0.8)); // p 2/3, r 1
        assert_eq!(f1(&a, &[]), 0.0);
        let (s, r) = (toks("a b c"), toks("a b d"));
        assert!(close(rouge(&s, &r, 1), 2.0 / 3.0));
        assert!(close(rouge(&s, &r, 2), 0.5)); // {ab, bc} vs {ab, bd}
        assert!(close(rouge(&s, &r, 0), 2.0 / 3.0)); // LCS "a b"
        assert_eq!(lcs(&toks("a b c d"), &toks("b d a c")), 2);
        assert_eq!(rouge(&toks("a"), &toks("a"), 2), 0.0); // no bigrams at all
        // Repeated tokens count as a multiset.
        assert!(close(f1(&toks("a a b"), &toks("a b b")), 2.0 / 3.0));
    }

    #[test]
    fn quote_pairs_break_ties_like_python_reverse_sort() {
        let g = vec![json!({"content": "المحادثات تمر بلحظة حاسمة"})];
        let s = vec![
            json!({"content": {"text": "المحادثات تمر بلحظة حاسمة"}}),
            json!({"content": {"text": "المحادثات تمر بلحظة حاسمة"}}),
        ];
        // (1.0, 0, 1) sorts before (1.0, 0, 0): the later system quote wins the tie.
        assert_eq!(match_quotes(&g, &s), vec![(0, 1)]);
        let g2 = vec![g[0].clone(), g[0].clone()];
        assert_eq!(match_quotes(&g2, &s[..1]), vec![(1, 0)]);
        // Best score first: the exact match pairs before a partial one.
        let g3 = vec![json!({"content": "a b c d"}), json!({"content": "a b c"})];
        let s3 = vec![json!({"content": {"text": "a b c"}})];
        assert_eq!(match_quotes(&g3, &s3), vec![(1, 0)]);
        // Under 0.5 never pairs.
        let s4 = vec![json!({"content": "a x y z w"})];
        assert!(match_quotes(&g3[1..], &s4).is_empty());
        // A tie between an optional and a required gold quote goes to the required one,
        // whatever their order (without the rule the later gold index, the optional, wins).
        let g5 = vec![
            json!({"content": "المحادثات تمر بلحظة حاسمة"}),
            json!({"content": "المحادثات تمر بلحظة حاسمة", "optional": true}),
        ];
        assert_eq!(match_quotes(&g5, &s[..1]), vec![(0, 0)]);
        let g6 = vec![g5[1].clone(), g5[0].clone()];
        assert_eq!(match_quotes(&g6, &s[..1]), vec![(1, 0)]);
        // A higher score still beats the rule: an exact optional before a partial required.
        let g7 = vec![
            json!({"content": "a b c d"}),
            json!({"content": "a b c", "optional": true}),
        ];
        assert_eq!(match_quotes(&g7, &s3), vec![(1, 0)]);
    }

    #[test]
    fn reliability_bands_count_right_quotes_by_confidence() {
        let mut gold = ById::default();
        let mut sys = ById::default();
        gold.insert(
            &json!("a"),
            json!({"id": "a", "text": "x", "quotes": [
                {"content": "المحادثات تمر بلحظة حاسمة", "speaker": "بلينكن", "speaker_aliases": ["بلينكن"]},
                {"content": "التمويل متوفر الآن", "speaker": "مصادر", "speaker_aliases": ["مصادر"], "optional": true}
            ]}),
        );
        sys.insert(
            &json!("a"),
            json!({"id": "a", "quotes": [
                // right content, right speaker, 0.95
                {"content": {"text": "المحادثات تمر بلحظة حاسمة"}, "speaker": {"name": "أنتوني بلينكن"}, "confidence": 0.95},
                // paired with the optional gold quote: not counted
                {"content": {"text": "التمويل متوفر الآن"}, "speaker": {"name": "مصادر"}, "confidence": 0.85},
                // spurious, 0.6
                {"content": {"text": "شيء آخر تماما"}, "confidence": 0.6}
            ]}),
        );
        let b = reliability(&gold, &sys);
        assert_eq!(b[0], (1, 1));
        assert_eq!(b[1], (0, 0));
        assert_eq!(b[3], (1, 0));
        let t = format_reliability(&b);
        assert!(t.contains("0.9-1.0        1  1.000"), "{t}");
        assert!(t.contains("0.5-0.7        1  0.000"), "{t}");
    }

    #[test]
    fn speakers_match_aliases_as_whole_tokens() {
        let g = json!({"speaker": "أنتوني بلينكن", "speaker_aliases": ["بلينكن", "وزير الخارجية"]});
        assert!(speaker_ok(
            &g,
            &json!({"speaker": {"name": "وزير الخارجية الأميركي", "text": "هو"}})
        ));
        assert!(speaker_ok(
            &g,
            &json!({"speaker": {"name": "", "text": "وقال بلينكن"}})
        ));
        assert!(!speaker_ok(&g, &json!({"speaker": {"name": "بلينكنز"}})));
        assert!(!speaker_ok(&g, &json!({"speaker": null})));
        // A name of more than 12 tokens is skipped; the mention text is tried instead.
        let long = "و ".repeat(12) + "بلينكن";
        assert!(!speaker_ok(&g, &json!({"speaker": {"name": long}})));
        assert!(speaker_ok(
            &g,
            &json!({"speaker": {"name": long, "text": "بلينكن"}})
        ));
    }

    #[test]
    fn spans_in_order_fall_back_to_first_occurrence() {
        let text = "أ. ب. أ. ج.";
        let sp = spans_in_order(text, ["أ.", "أ.", " ج. ", "د.", "ب."]);
        // Second "أ." found after the first; "ج." stripped; "د." absent; "ب." found before pos.
        let a = "أ.".len();
        let b = "ب.".len();
        assert_eq!(sp[0], (0, a));
        assert_eq!(sp[1], (a + 1 + b + 1, a + 1 + b + 1 + a));
        assert_eq!(sp.len(), 4);
        assert_eq!(sp[3], (a + 1, a + 1 + b));
    }

    #[test]
    fn float_repr_matches_python() {
        for (v, s) in [
            (0.0, "0.0"),
            (1.0, "1.0"),
            (0.5, "0.5"),
            (2.0 / 3.0, "0.6666666666666666"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (3.0000000000000004e-5, "3.0000000000000004e-05"),
            (123.25, "123.25"),
            (1e16, "1e+16"),
            (-0.25, "-0.25"),
        ] {
            assert_eq!(py_float(v), s);
        }
    }

    fn by_id(recs: &[Value]) -> ById {
        let mut b = ById::default();
        for r in recs {
            b.insert(&r["id"], r.clone());
        }
        b
    }

    fn metric(res: &Scores, k: &str) -> Metric {
        res.iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("no {k}"))
    }

    fn float(res: &Scores, k: &str) -> f64 {
        match metric(res, k) {
            Metric::Float(f) => f,
            m => panic!("{k} is {m:?}"),
        }
    }

    /// A whole article worked by hand.
    #[test]
    fn article_scored_by_hand() {
        let text =
            "قال الوزير إن الخطة جاهزة. وأضاف أن التنفيذ يبدأ غدا. وقالت مصادر إن التمويل متوفر.";
        let gold = json!({
            "id": "a1", "text": text,
            "quotes": [
                {"kind": "indirect", "speaker": "الوزير", "speaker_aliases": ["الوزير"], "content": "الخطة جاهزة"},
                {"kind": "indirect", "speaker": "الوزير", "speaker_aliases": ["الوزير"], "content": "التنفيذ يبدأ غدا"},
                {"kind": "indirect", "speaker": "مصادر", "speaker_aliases": ["مصادر"], "content": "التمويل متوفر", "optional": true}
            ],
            "sentences": ["قال الوزير إن الخطة جاهزة.", "وأضاف أن التنفيذ يبدأ غدا.", "وقالت مصادر إن التمويل متوفر."],
            "summary": ["قال الوزير إن الخطة جاهزة.", "وأضاف أن التنفيذ يبدأ غدا."]
        });
        let system = json!({
            "id": "a1",
            "quotes": [
                {"kind": "direct", "content": {"text": "الخطة جاهزة"}, "speaker": {"text": "قال", "name": "الوزير"}},
                {"kind": "indirect", "content": {"text": "التمويل متوفر"}, "speaker": null},
                {"kind": "indirect", "content": {"text": "شيء آخر تماما"}, "speaker": {"text": "هو", "name": ""}}
            ],
            "sentences": [{"text": "قال الوزير إن الخطة جاهزة. وأضاف أن التنفيذ يبدأ غدا."}, {"text": "وقالت مصادر إن التمويل متوفر."}],
            "summary": [{"text": "قال الوزير إن الخطة جاهزة."}]
        });
        let mut per = String::new();
        let res = score(&by_id(&[gold]), &by_id(&[system]), Some(&mut per));
        // Quotes: 2 required gold; system 3 minus 1 paired with the optional gold = 2.
        assert_eq!(metric(&res, "quotes_gold"), Metric::Int(2));
        assert_eq!(metric(&res, "quotes_system"), Metric::Int(2));
        assert!(close(float(&res, "quote_P"), 0.5));
        assert!(close(float(&res, "quote_R"), 0.5));
        assert!(close(float(&res, "quote_F1"), 0.5));
        assert!(close(float(&res, "speaker_accuracy"), 1.0));
        assert!(close(float(&res, "who_said_what_F1"), 0.5));
        assert!(close(float(&res, "direct_P"), 1.0)); // the one direct quote matched
        assert_eq!(metric(&res, "direct_R"), Metric::None); // no direct gold
        assert!(close(float(&res, "indirect_R"), 0.5));
        assert_eq!(metric(&res, "mixed_R"), Metric::None);
        assert_eq!(metric(&res, "matched_without_speaker"), Metric::Int(0));
        // Sentences: gold 3, system 2, one exact (the last). Boundaries: gold {e1, e2},
        // system {e2}: bp 1, br 1/2.
        assert!(close(
            float(&res, "sentence_F1"),
            2.0 * 0.5 * (1.0 / 3.0) / (0.5 + 1.0 / 3.0)
        ));
        assert!(close(float(&res, "boundary_F1"), 2.0 / 3.0));
        // Summary: 1 of 2 gold sentences; ROUGE-1: 5 system tokens all in 10 reference
        // tokens → p 1, r 1/2.
        assert!(close(float(&res, "summary_rouge1"), 2.0 / 3.0));
        assert!(close(float(&res, "summary_sentence_recall"), 0.5));
        assert_eq!(
            per,
            "## a1: gold 2 sys 3 matched 1 who 1\n   missed: التنفيذ يبدأ غدا\n   spurious: شيء آخر تماما\n"
        );
        let table = format_table(&res);
        assert!(
            table.starts_with("articles                     1\n"),
            "{table}"
        );
        assert!(table.contains("\ndirect_R                     None\n"));
        assert!(table.contains("\nquote_F1                     0.500\n"));
    }

    #[test]
    fn missing_system_articles_count_as_empty() {
        let gold = json!({"id": 7, "text": "جملة. أخرى.", "quotes": [], "sentences": ["جملة.", "أخرى."], "summary": ["جملة."]});
        let sys = json!({"id": 8, "sentences": []});
        let res = score(&by_id(std::slice::from_ref(&gold)), &by_id(&[sys]), None);
        assert_eq!(metric(&res, "articles_missing_in_system"), Metric::Int(1));
        assert!(close(float(&res, "sentence_F1"), 0.0));
        assert!(close(float(&res, "summary_rouge1"), 0.0));
        assert!(!res.iter().any(|(k, _)| *k == "quote_F1")); // no gold or system quotes
        // 7 and 7.0 are the same key, as in a Python dict.
        let sys = json!({"id": 7.0, "sentences": [{"text": "جملة."}, {"text": "أخرى."}]});
        let res = score(&by_id(&[gold]), &by_id(&[sys]), None);
        assert_eq!(metric(&res, "articles_missing_in_system"), Metric::Int(0));
        assert!(close(float(&res, "sentence_F1"), 1.0));
        assert!(close(float(&res, "boundary_F1"), 1.0));
    }

    #[test]
    fn json_output_is_score_py_shaped() {
        let res: Scores = vec![
            ("articles", Metric::Int(2)),
            ("quote_P", Metric::Float(0.5)),
            ("direct_R", Metric::None),
        ];
        assert_eq!(
            format_json(&res),
            "{\"articles\": 2, \"quote_P\": 0.5, \"direct_R\": null}\n"
        );
    }
}
