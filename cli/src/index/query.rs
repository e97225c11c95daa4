//! Queries on an archive: `khabar who`, `khabar search`, `khabar speakers`.

use std::io::Write;

use anyhow::{Result, bail};
use rusqlite::{Connection, params_from_iter, types::Value as Sql};
use serde::Serialize;

use super::text::match_query;

/// One quote as the queries print it.
#[derive(Serialize, Debug)]
pub struct QuoteOut {
    pub article: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub speaker: Option<String>,
    pub speaker_id: Option<i64>,
    pub kind: String,
    pub cue: Option<String>,
    pub content: String,
    pub start: i64,
    pub end: i64,
    pub confidence: Option<f64>,
}

/// One archive speaker.
#[derive(Serialize, Debug)]
pub struct SpeakerOut {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub kind: String,
    pub quotes: i64,
    pub articles: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outlets: Vec<(String, i64)>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<(String, i64)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recent: Option<Vec<QuoteOut>>,
}

const QUOTE_COLS: &str = "a.id, a.source, a.date, a.url, sp.name, sp.id, q.kind, q.cue, q.content,
    q.content_start, q.content_end, q.confidence";

fn quote_row(r: &rusqlite::Row) -> rusqlite::Result<QuoteOut> {
    Ok(QuoteOut {
        article: r.get(0)?,
        source: r.get(1)?,
        date: r.get(2)?,
        url: r.get(3)?,
        speaker: r.get(4)?,
        speaker_id: r.get(5)?,
        kind: r.get(6)?,
        cue: r.get(7)?,
        content: r.get(8)?,
        start: r.get(9)?,
        end: r.get(10)?,
        confidence: r.get(11)?,
    })
}

fn speaker_row(r: &rusqlite::Row) -> rusqlite::Result<SpeakerOut> {
    Ok(SpeakerOut {
        id: r.get(0)?,
        key: r.get(1)?,
        name: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        kind: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        quotes: r.get::<_, Option<i64>>(4)?.unwrap_or(0),
        articles: r.get::<_, Option<i64>>(5)?.unwrap_or(0),
        first_date: r.get(6)?,
        last_date: r.get(7)?,
        outlets: Vec::new(),
        aliases: Vec::new(),
        recent: None,
    })
}

const SPEAKER_COLS: &str =
    "s.id, s.key, s.name, s.kind, s.quotes, s.articles, s.first_date, s.last_date";

/// Warn when a build was interrupted after writing quotes: its speakers are not merged yet.
pub fn warn_if_stale(conn: &Connection) {
    let stale: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'speakers_stale'",
            [],
            |r| r.get(0),
        )
        .ok();
    if stale.as_deref() == Some("1") {
        eprintln!(
            "khabar: warning: the last build of this archive did not finish; quotes of its \
             last chunks have no speaker until `khabar index build` runs again"
        );
    }
}

/// The speaker ids matching `name`: by its key (and the speaker a family name alone was
/// merged into), else by an alias written exactly so.
pub fn find_speakers(conn: &Connection, name: &str) -> Result<Vec<i64>> {
    let mut ids: Vec<i64> = Vec::new();
    if let Some(key) = khabar::speaker_key(name) {
        let mut st = conn.prepare_cached(
            "SELECT speaker FROM speaker_keys WHERE skey = ?1
             UNION SELECT id FROM speakers WHERE key = ?1",
        )?;
        for id in st.query_map([&key], |r| r.get(0))? {
            ids.push(id?);
        }
    }
    if ids.is_empty() {
        let mut st = conn.prepare_cached(
            "SELECT speaker FROM aliases WHERE alias = ?1 GROUP BY speaker ORDER BY sum(n) DESC",
        )?;
        for id in st.query_map([name.trim()], |r| r.get(0))? {
            ids.push(id?);
        }
    }
    ids.dedup();
    Ok(ids)
}

fn speaker(conn: &Connection, id: i64) -> Result<SpeakerOut> {
    Ok(conn.query_row(
        &format!("SELECT {SPEAKER_COLS} FROM speakers s WHERE s.id = ?1"),
        [id],
        speaker_row,
    )?)
}

/// `khabar who`: each matching speaker with counts, outlets, dates, aliases, and its
/// newest quotes.
pub fn who(conn: &Connection, name: &str, limit: usize) -> Result<Vec<SpeakerOut>> {
    let mut out = Vec::new();
    // A name many speakers share (an anonymous source's words, one speaker per article):
    // the 20 most quoted (`find_speakers` gives alias matches most quoted first).
    let mut ids = find_speakers(conn, name)?;
    ids.truncate(20);
    for id in ids {
        let mut s = speaker(conn, id)?;
        let mut st = conn.prepare_cached(
            "SELECT a.source, count(*) FROM speaker_keys k JOIN quotes q ON q.skey = k.skey
             JOIN articles a ON a.rowid = q.article WHERE k.speaker = ?1 AND a.source IS NOT NULL
             GROUP BY 1 ORDER BY 2 DESC, 1",
        )?;
        s.outlets = st
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = conn.prepare_cached(
            "SELECT alias, n FROM aliases WHERE speaker = ?1 ORDER BY n DESC, alias LIMIT 20",
        )?;
        s.aliases = st
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = conn.prepare_cached(&format!(
            "SELECT {QUOTE_COLS} FROM speaker_keys k JOIN quotes q ON q.skey = k.skey
             JOIN articles a ON a.rowid = q.article JOIN speakers sp ON sp.id = k.speaker
             WHERE k.speaker = ?1 ORDER BY a.date DESC, a.id, q.seq LIMIT ?2"
        ))?;
        s.recent = Some(
            st.query_map(rusqlite::params![id, limit as i64], quote_row)?
                .collect::<rusqlite::Result<_>>()?,
        );
        out.push(s);
    }
    Ok(out)
}

/// Filters of `khabar search`.
#[derive(Default, Debug)]
pub struct Filters<'a> {
    pub speaker: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub since: Option<&'a str>,
}

/// `khabar search`: quotes whose content holds every word of `text`, best first (bm25).
pub fn search(conn: &Connection, text: &str, f: &Filters, limit: usize) -> Result<Vec<QuoteOut>> {
    let Some(q) = match_query(text) else {
        bail!("nothing to search for in {text:?}");
    };
    // The matches and their ranks first (the full-text index drives), then the rows; with no
    // filter only the best `limit` matches are looked up.
    let unfiltered = f.speaker.is_none() && f.outlet.is_none() && f.since.is_none();
    let inner_limit = if unfiltered {
        format!("ORDER BY r LIMIT {limit}")
    } else {
        String::new()
    };
    let mut sql = format!(
        "WITH m AS MATERIALIZED (
           SELECT rowid AS id, bm25(quotes_fts) AS r FROM quotes_fts WHERE quotes_fts MATCH ?
           {inner_limit})
         SELECT {QUOTE_COLS} FROM m JOIN quotes q ON q.id = m.id
         JOIN articles a ON a.rowid = q.article
         LEFT JOIN speaker_keys k ON k.skey = q.skey LEFT JOIN speakers sp ON sp.id = k.speaker
         WHERE 1"
    );
    let mut args: Vec<Sql> = vec![Sql::Text(q)];
    if let Some(name) = f.speaker {
        let ids = find_speakers(conn, name)?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        sql.push_str(&format!(
            " AND k.speaker IN ({})",
            ids.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ));
    }
    if let Some(o) = f.outlet {
        sql.push_str(" AND a.source = ?");
        args.push(Sql::Text(o.to_string()));
    }
    if let Some(d) = f.since {
        sql.push_str(" AND a.date >= ?");
        args.push(Sql::Text(d.to_string()));
    }
    sql.push_str(" ORDER BY m.r, a.date DESC LIMIT ?");
    args.push(Sql::Integer(limit as i64));
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(params_from_iter(args), quote_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `khabar speakers`: the most quoted archive speakers (per-article anonymous ones left out).
pub fn top_speakers(conn: &Connection, top: usize) -> Result<Vec<SpeakerOut>> {
    let mut st = conn.prepare(&format!(
        "SELECT {SPEAKER_COLS} FROM speakers s WHERE s.key NOT LIKE '#%'
         ORDER BY s.quotes DESC, s.id LIMIT ?1"
    ))?;
    let rows = st.query_map([top as i64], speaker_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn date(d: &Option<String>) -> &str {
    d.as_deref().map_or("?", |d| d.get(..10).unwrap_or(d))
}

/// A quote as one plain line.
pub fn print_quote(w: &mut impl Write, q: &QuoteOut) -> std::io::Result<()> {
    writeln!(
        w,
        "{}  {}  {}  {} — {} — {}",
        date(&q.date),
        q.source.as_deref().unwrap_or("?"),
        q.article,
        q.speaker.as_deref().unwrap_or("?"),
        q.cue.as_deref().unwrap_or(""),
        q.content.replace('\n', " ")
    )
}

/// A speaker as plain lines.
pub fn print_speaker(w: &mut impl Write, s: &SpeakerOut) -> std::io::Result<()> {
    writeln!(
        w,
        "{} [{}] #{}: {} quotes in {} articles, {} – {}",
        s.name,
        s.kind,
        s.id,
        s.quotes,
        s.articles,
        date(&s.first_date),
        date(&s.last_date)
    )?;
    if !s.outlets.is_empty() {
        let o: Vec<String> = s.outlets.iter().map(|(o, n)| format!("{o} {n}")).collect();
        writeln!(w, "  outlets: {}", o.join(", "))?;
    }
    if !s.aliases.is_empty() {
        let a: Vec<String> = s
            .aliases
            .iter()
            .map(|(a, n)| format!("{a} ({n})"))
            .collect();
        writeln!(w, "  also: {}", a.join("، "))?;
    }
    if let Some(r) = &s.recent {
        for q in r {
            write!(w, "  ")?;
            print_quote(w, q)?;
        }
    }
    Ok(())
}
