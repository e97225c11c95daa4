//! `khabar index build`: articles (or `analyze` records) into the archive, one transaction
//! per chunk, so that a killed build leaves every committed chunk readable and a rerun
//! (which replaces articles by id) completes it.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use khabar::{Analyzer, Budget};
use rayon::prelude::*;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::text::index_tokens;
use super::{BuildArgs, TableFormat, db};
use crate::input::{self, Payload, RawItem};
use crate::record::{self, RecordError};

/// A span of the analysis record.
#[derive(Deserialize, Serialize, Clone, Debug, Default)]
pub struct Span {
    #[serde(default)]
    pub start: u64,
    #[serde(default)]
    pub end: u64,
    #[serde(default)]
    pub text: String,
}

#[derive(Deserialize, Clone, Debug)]
struct SpeakerRef {
    #[serde(flatten)]
    span: Span,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    entity: Option<u64>,
}

#[derive(Deserialize, Clone, Debug)]
struct QuoteRec {
    #[serde(default)]
    kind: String,
    content: Span,
    cue: Option<Span>,
    speaker: Option<SpeakerRef>,
    confidence: Option<f64>,
    rule: Option<String>,
}

#[derive(Deserialize, Clone, Debug)]
struct EntityRec {
    #[serde(default)]
    id: u64,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    mentions: Vec<Span>,
}

/// The parts of an `analyze` record the archive keeps (other fields are ignored).
#[derive(Deserialize, Default, Debug)]
struct AnalysisRec {
    #[serde(default)]
    quotes: Vec<QuoteRec>,
    #[serde(default)]
    speakers: Vec<EntityRec>,
}

/// Article metadata, from whichever of the usual field names the record has.
#[derive(Deserialize, Default, Debug)]
struct Meta {
    id: Option<Value>,
    source: Option<Value>,
    outlet: Option<Value>,
    url: Option<Value>,
    link: Option<Value>,
    date: Option<Value>,
    published: Option<Value>,
    date_published: Option<Value>,
    date_extracted: Option<Value>,
    title: Option<Value>,
}

fn text_of(v: &Option<Value>) -> Option<String> {
    match v.as_ref()? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Null => None,
        Value::String(_) => None,
        other => Some(other.to_string()),
    }
}

/// The id as archive text: a string as is, any other JSON value as JSON.
pub fn id_text(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

/// Which speakers are never merged across articles whatever their name says.
fn unmerged_kind(kind: &str) -> bool {
    matches!(kind, "anonymous" | "group" | "document")
}

/// The archive's key for a speaker of `kind` named `name` (its `skey`): the library's
/// `speaker_key`, or a key of its own in its article when it must not be merged.
pub fn skey(article: &str, entity: u64, name: &str, kind: &str) -> String {
    (!unmerged_kind(kind))
        .then(|| khabar::speaker_key(name))
        .flatten()
        .unwrap_or_else(|| format!("#{article}#{entity}"))
}

/// One article's rows, ready to write.
#[derive(Serialize, Debug)]
pub struct ArticleRow {
    pub id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
}

#[derive(Serialize, Debug)]
pub struct MentionRow {
    pub article: String,
    pub entity: u64,
    pub speaker_key: String,
    pub name: String,
    pub kind: String,
    #[serde(flatten)]
    pub span: Span,
}

#[derive(Serialize, Debug)]
pub struct QuoteRow {
    pub article: String,
    pub seq: u64,
    pub entity: Option<u64>,
    pub speaker_key: Option<String>,
    pub speaker_name: Option<String>,
    pub speaker_text: Option<String>,
    pub speaker_kind: Option<String>,
    pub speaker_span: Option<(u64, u64)>,
    pub kind: String,
    pub cue: Option<Span>,
    pub content: Span,
    pub confidence: Option<f64>,
    pub rule: Option<String>,
    #[serde(skip)]
    pub fts: String,
}

/// An article's rows, or the error record standing for its input record.
pub enum Item {
    Article(ArticleRow, Vec<MentionRow>, Vec<QuoteRow>),
    Error(RecordError),
}

fn rows(meta: Meta, id: &Value, an: AnalysisRec) -> Item {
    let article = id_text(id);
    let row = ArticleRow {
        id: article.clone(),
        source: text_of(&meta.source).or_else(|| text_of(&meta.outlet)),
        url: text_of(&meta.url).or_else(|| text_of(&meta.link)),
        date: text_of(&meta.date)
            .or_else(|| text_of(&meta.published))
            .or_else(|| text_of(&meta.date_published))
            .or_else(|| text_of(&meta.date_extracted)),
        title: text_of(&meta.title),
    };
    let mut mentions = Vec::new();
    for e in an.speakers {
        let key = skey(&article, e.id, &e.name, &e.kind);
        for m in e.mentions {
            mentions.push(MentionRow {
                article: article.clone(),
                entity: e.id,
                speaker_key: key.clone(),
                name: e.name.clone(),
                kind: e.kind.clone(),
                span: m,
            });
        }
    }
    let quotes = an
        .quotes
        .into_iter()
        .enumerate()
        .map(|(i, q)| {
            let sp = q.speaker;
            let entity = sp.as_ref().map(|s| s.entity.unwrap_or(u64::MAX - i as u64));
            QuoteRow {
                article: article.clone(),
                seq: i as u64,
                entity,
                speaker_key: sp
                    .as_ref()
                    .map(|s| skey(&article, entity.unwrap_or(0), &s.name, &s.kind)),
                speaker_name: sp.as_ref().map(|s| s.name.clone()),
                speaker_text: sp.as_ref().map(|s| s.span.text.clone()),
                speaker_kind: sp.as_ref().map(|s| s.kind.clone()),
                speaker_span: sp.as_ref().map(|s| (s.span.start, s.span.end)),
                kind: q.kind,
                fts: index_tokens(&q.content.text),
                cue: q.cue,
                content: q.content,
                confidence: q.confidence,
                rule: q.rule,
            }
        })
        .collect();
    Item::Article(row, mentions, quotes)
}

fn item_error(item: &RawItem, id: Value, error: String) -> RecordError {
    RecordError::at(item, id, error)
}

/// Analyse one raw input record (or read one `analyze` record) into its rows.
fn process(analyzer: &Analyzer, item: RawItem, from_analysis: bool, max: usize) -> Item {
    if from_analysis {
        let bytes = match &item.payload {
            Payload::Bytes(b) => b,
            Payload::TooLong(n) => {
                let e = format!("record of {n} bytes is over the limit of {max} bytes");
                return Item::Error(item_error(&item, Value::Null, e));
            }
            Payload::ReadError(e) => {
                let e = e.clone();
                return Item::Error(item_error(&item, Value::Null, e));
            }
        };
        let meta: Meta = match serde_json::from_slice(bytes) {
            Ok(m) => m,
            Err(e) => {
                let e = format!("not a JSON record: {e}");
                return Item::Error(item_error(&item, Value::Null, e));
            }
        };
        let Some(id) = meta.id.clone().filter(|v| !v.is_null()) else {
            let e = "an analysis record needs an \"id\"".to_string();
            return Item::Error(item_error(&item, Value::Null, e));
        };
        if let Ok(v) = serde_json::from_slice::<Value>(bytes)
            && v.get("error").is_some()
            && v.get("quotes").is_none()
        {
            let e = format!("an error record of analyze: {}", v["error"]);
            return Item::Error(item_error(&item, id, e));
        }
        return match serde_json::from_slice::<AnalysisRec>(bytes) {
            Ok(an) => rows(meta, &id, an),
            Err(e) => Item::Error(item_error(&item, id, format!("bad analysis record: {e}"))),
        };
    }
    let meta: Meta = match (&item.payload, item.format) {
        (Payload::Bytes(b), input::Format::Jsonl) => serde_json::from_slice(b).unwrap_or_default(),
        _ => Meta::default(),
    };
    let at = RecordError::at(&item, Value::Null, String::new());
    let rec = match record::decode(item, max) {
        Ok(r) => r,
        Err(e) => return Item::Error(e),
    };
    let analysed = crate::batch::catch_panic(|| {
        let doc = analyzer.analyze_titled(&rec.text, rec.title.as_deref());
        serde_json::to_value(doc.record(Budget::Sentences(0)))
    });
    match analysed {
        Ok(Ok(v)) => match serde_json::from_value::<AnalysisRec>(v) {
            Ok(an) => {
                let meta = Meta {
                    title: meta.title.or(rec.title.map(Value::String)),
                    ..meta
                };
                rows(meta, &rec.id, an)
            }
            Err(e) => Item::Error(RecordError {
                id: rec.id,
                error: format!("internal error: unexpected analysis record: {e}"),
                ..at
            }),
        },
        Ok(Err(e)) => Item::Error(RecordError {
            id: rec.id,
            error: format!("internal error: {e}"),
            ..at
        }),
        Err(e) => Item::Error(RecordError {
            id: rec.id,
            error: e,
            ..at
        }),
    }
}

/// What a build did.
#[derive(Default, Debug)]
pub struct BuildStats {
    pub articles: u64,
    pub quotes: u64,
    pub errors: u64,
    pub bytes: u64,
}

/// Where rows go: the SQLite archive, or JSON-lines table files.
trait Writer {
    fn chunk(&mut self, items: &[Item]) -> Result<()>;
    fn finish(&mut self) -> Result<()>;
}

struct Sqlite {
    conn: Connection,
}

impl Writer for Sqlite {
    fn chunk(&mut self, items: &[Item]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut upsert = tx.prepare_cached(
                "INSERT INTO articles(id, source, url, date, title) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(id) DO UPDATE SET source = ?2, url = ?3, date = ?4, title = ?5
                 RETURNING rowid",
            )?;
            let mut del_fts = tx.prepare_cached(
                "DELETE FROM quotes_fts WHERE rowid IN (SELECT id FROM quotes WHERE article = ?1)",
            )?;
            let mut del_q = tx.prepare_cached("DELETE FROM quotes WHERE article = ?1")?;
            let mut del_m = tx.prepare_cached("DELETE FROM mentions WHERE article = ?1")?;
            let mut ins_m = tx.prepare_cached(
                "INSERT INTO mentions(article, entity, skey, name, kind, start, end, text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let mut ins_q = tx.prepare_cached(
                "INSERT INTO quotes(article, seq, entity, skey, speaker_name, speaker_text,
                   speaker_kind, kind, cue, content, content_start, content_end, cue_start,
                   cue_end, speaker_start, speaker_end, confidence, rule)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                   ?16, ?17, ?18)",
            )?;
            let mut ins_fts =
                tx.prepare_cached("INSERT INTO quotes_fts(rowid, body) VALUES (?1, ?2)")?;
            let mut ins_err = tx.prepare_cached(
                "INSERT INTO errors(id, file, line, error) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for item in items {
                match item {
                    Item::Error(e) => {
                        let id = (!e.id.is_null()).then(|| id_text(&e.id));
                        ins_err.execute(params![
                            id,
                            e.file.as_deref(),
                            e.line.map(|l| l as i64),
                            e.error
                        ])?;
                    }
                    Item::Article(a, mentions, quotes) => {
                        let rowid: i64 = upsert
                            .query_row(params![a.id, a.source, a.url, a.date, a.title], |r| {
                                r.get(0)
                            })?;
                        del_fts.execute([rowid])?;
                        del_q.execute([rowid])?;
                        del_m.execute([rowid])?;
                        for m in mentions {
                            ins_m.execute(params![
                                rowid,
                                m.entity as i64,
                                m.speaker_key,
                                m.name,
                                m.kind,
                                m.span.start as i64,
                                m.span.end as i64,
                                m.span.text
                            ])?;
                        }
                        for q in quotes {
                            ins_q.execute(params![
                                rowid,
                                q.seq as i64,
                                q.entity.map(|e| e as i64),
                                q.speaker_key,
                                q.speaker_name,
                                q.speaker_text,
                                q.speaker_kind,
                                q.kind,
                                q.cue.as_ref().map(|c| c.text.as_str()),
                                q.content.text,
                                q.content.start as i64,
                                q.content.end as i64,
                                q.cue.as_ref().map(|c| c.start as i64),
                                q.cue.as_ref().map(|c| c.end as i64),
                                q.speaker_span.map(|s| s.0 as i64),
                                q.speaker_span.map(|s| s.1 as i64),
                                q.confidence,
                                q.rule
                            ])?;
                            let qid = tx.last_insert_rowid();
                            ins_fts.execute(params![qid, q.fts])?;
                        }
                    }
                }
            }
            tx.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('speakers_stale', '1')",
                [],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        db::rebuild_speakers(&mut self.conn)?;
        self.conn
            .execute_batch("PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(())
    }
}

/// `articles.jsonl`, `mentions.jsonl`, `quotes.jsonl` (each row with its speaker key) and
/// `errors.jsonl` in a directory: the archive's tables for a cluster to group by key.
struct Jsonl {
    files: Vec<(PathBuf, io::BufWriter<std::fs::File>)>,
}

impl Jsonl {
    fn open(dir: &Path) -> Result<Jsonl> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let mut files = Vec::new();
        for name in ["articles", "mentions", "quotes", "errors"] {
            let p = dir.join(format!("{name}.jsonl"));
            let f =
                std::fs::File::create(&p).with_context(|| format!("creating {}", p.display()))?;
            files.push((p, io::BufWriter::new(f)));
        }
        Ok(Jsonl { files })
    }
}

impl Writer for Jsonl {
    fn chunk(&mut self, items: &[Item]) -> Result<()> {
        for item in items {
            match item {
                Item::Error(e) => {
                    serde_json::to_writer(&mut self.files[3].1, e)?;
                    self.files[3].1.write_all(b"\n")?;
                }
                Item::Article(a, mentions, quotes) => {
                    serde_json::to_writer(&mut self.files[0].1, a)?;
                    self.files[0].1.write_all(b"\n")?;
                    for m in mentions {
                        serde_json::to_writer(&mut self.files[1].1, m)?;
                        self.files[1].1.write_all(b"\n")?;
                    }
                    for q in quotes {
                        serde_json::to_writer(&mut self.files[2].1, q)?;
                        self.files[2].1.write_all(b"\n")?;
                    }
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        for (p, f) in &mut self.files {
            f.flush()
                .with_context(|| format!("writing {}", p.display()))?;
        }
        Ok(())
    }
}

/// Records per chunk (and per transaction).
pub const CHUNK: usize = 1024;

fn progress(total: Option<u64>, quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    let template = if total.is_some() {
        "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ETA {eta} {msg}"
    } else {
        "{spinner} [{elapsed_precise}] {bytes} {msg}"
    };
    pb.set_style(ProgressStyle::with_template(template).expect("valid template"));
    pb.enable_steady_tick(Duration::from_millis(200));
    pb
}

/// Run `khabar index build`.
pub fn run(args: &BuildArgs) -> Result<BuildStats> {
    let start = Instant::now();
    let sources = input::sources(&args.inputs, args.jsonl || args.from_analysis)?;
    let mut writer: Box<dyn Writer + Send> = match args.format {
        TableFormat::Sqlite => Box::new(Sqlite {
            conn: db::open_write(&args.output)?,
        }),
        TableFormat::Jsonl => Box::new(Jsonl::open(&args.output)?),
    };
    crate::batch::install_panic_hook();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, |n| n as usize))
        .thread_name(|i| format!("{}{i}", crate::batch::WORKER_PREFIX))
        .build()
        .context("starting worker threads")?;
    let analyzer = Analyzer::new();
    let max = args.max_record_mb as usize * 1024 * 1024;
    let disk = Arc::new(AtomicU64::new(0));
    let pb = progress(sources.iter().map(|s| s.size).sum(), args.quiet);
    let mut stats = BuildStats::default();
    let from_analysis = args.from_analysis;
    let result: Result<()> = std::thread::scope(|scope| {
        let (raw_tx, raw_rx) = mpsc::sync_channel::<Vec<RawItem>>(2);
        let (done_tx, done_rx) = mpsc::sync_channel::<Vec<Item>>(2);
        let disk2 = disk.clone();
        let srcs = &sources;
        scope.spawn(move || {
            let mut chunk = Vec::with_capacity(CHUNK);
            let mut live = true;
            input::read_items(srcs, max, disk2, |item, _| {
                chunk.push(item);
                if chunk.len() >= CHUNK {
                    live = raw_tx.send(std::mem::take(&mut chunk)).is_ok();
                }
                live
            });
            if live && !chunk.is_empty() {
                let _ = raw_tx.send(chunk);
            }
        });
        let analyzer = &analyzer;
        let pool = &pool;
        scope.spawn(move || {
            for raw in raw_rx {
                let items: Vec<Item> = pool.install(|| {
                    raw.into_par_iter()
                        .map(|it| process(analyzer, it, from_analysis, max))
                        .collect()
                });
                if done_tx.send(items).is_err() {
                    break;
                }
            }
        });
        for items in done_rx {
            writer.chunk(&items)?;
            for it in &items {
                match it {
                    Item::Article(_, _, q) => {
                        stats.articles += 1;
                        stats.quotes += q.len() as u64;
                    }
                    Item::Error(e) => {
                        // The error record, as `analyze` writes it, on stdout (the archive
                        // is the data; stdout carries only these).
                        stats.errors += 1;
                        let line = serde_json::to_string(e)?;
                        pb.suspend(|| -> Result<()> {
                            writeln!(io::stdout().lock(), "{line}")?;
                            if !args.quiet {
                                eprintln!("khabar: {}", e.describe());
                            }
                            Ok(())
                        })?;
                    }
                }
            }
            pb.set_position(disk.load(Ordering::Relaxed));
            pb.set_message(format!(
                "{} articles, {} quotes, {} errors",
                stats.articles, stats.quotes, stats.errors
            ));
        }
        Ok(())
    });
    result?;
    pb.set_message("merging speakers");
    writer.finish()?;
    pb.finish_and_clear();
    stats.bytes = disk.load(Ordering::Relaxed);
    if !args.quiet {
        eprintln!(
            "khabar: {} articles, {} quotes, {} errors indexed into {} in {:.2} s",
            stats.articles,
            stats.quotes,
            stats.errors,
            args.output.display(),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(stats)
}
