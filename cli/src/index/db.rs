//! The archive's SQLite database: schema, opening (new or existing, never a foreign file),
//! and the archive-wide speaker table.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags, params};

/// `PRAGMA application_id` of a khabar archive ("KHBR").
pub const APP_ID: i64 = 0x4b48_4252;
/// Schema version (`PRAGMA user_version`).
pub const VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE articles(
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  source TEXT, url TEXT, date TEXT, title TEXT);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_source ON articles(source);
CREATE TABLE mentions(
  article INTEGER NOT NULL, entity INTEGER NOT NULL, skey TEXT,
  name TEXT NOT NULL, kind TEXT NOT NULL, start INTEGER, end INTEGER, text TEXT);
CREATE INDEX mentions_article ON mentions(article);
CREATE INDEX mentions_skey ON mentions(skey);
CREATE TABLE quotes(
  id INTEGER PRIMARY KEY,
  article INTEGER NOT NULL, seq INTEGER NOT NULL,
  entity INTEGER, skey TEXT,
  speaker_name TEXT, speaker_text TEXT, speaker_kind TEXT,
  kind TEXT NOT NULL, cue TEXT, content TEXT NOT NULL,
  content_start INTEGER, content_end INTEGER, cue_start INTEGER, cue_end INTEGER,
  speaker_start INTEGER, speaker_end INTEGER,
  confidence REAL, rule TEXT);
CREATE INDEX quotes_article ON quotes(article);
CREATE INDEX quotes_skey ON quotes(skey);
CREATE VIRTUAL TABLE quotes_fts USING fts5(body, content='', contentless_delete=1);
CREATE TABLE speakers(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT, kind TEXT,
  quotes INTEGER, articles INTEGER, first_date TEXT, last_date TEXT);
CREATE INDEX speakers_quotes ON speakers(quotes DESC);
CREATE TABLE speaker_keys(skey TEXT PRIMARY KEY, speaker INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX speaker_keys_speaker ON speaker_keys(speaker);
CREATE TABLE aliases(speaker INTEGER NOT NULL, alias TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY(speaker, alias)) WITHOUT ROWID;
CREATE INDEX aliases_alias ON aliases(alias);
CREATE TABLE errors(id TEXT, file TEXT, line INTEGER, error TEXT NOT NULL);
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
";

fn check(conn: &Connection, path: &Path) -> Result<()> {
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let ver: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if app != APP_ID {
        bail!(
            "{} is not a khabar archive (build one with `khabar index build INPUT -o {}`)",
            path.display(),
            path.display()
        );
    }
    if ver != VERSION {
        bail!(
            "{} is a khabar archive of schema version {ver}; this khabar reads version {VERSION}",
            path.display()
        );
    }
    Ok(())
}

/// Open an archive for queries: it must exist and be a khabar archive.
pub fn open_read(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        bail!(
            "no archive at {} (build one with `khabar index build INPUT -o {}`)",
            path.display(),
            path.display()
        );
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .with_context(|| format!("opening {}", path.display()))?;
    check(conn_ok(&conn, path)?, path)?;
    Ok(conn)
}

/// A file that is not SQLite fails at its first read: say so plainly.
fn conn_ok<'a>(conn: &'a Connection, path: &Path) -> Result<&'a Connection> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
        .map_err(|e| {
            anyhow::anyhow!(
                "{} is not a khabar archive (not an SQLite database: {e})",
                path.display()
            )
        })?;
    Ok(conn)
}

/// Open an archive for writing, creating it when absent. An existing file must be a khabar
/// archive.
pub fn open_write(path: &Path) -> Result<Connection> {
    let exists = path.exists() && std::fs::metadata(path).map(|m| m.len() > 0).unwrap_or(false);
    let conn = Connection::open(path).with_context(|| format!("opening {}", path.display()))?;
    conn_ok(&conn, path)?;
    if exists {
        check(&conn, path)?;
    } else {
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APP_ID}; PRAGMA user_version = {VERSION};
             BEGIN; {SCHEMA} COMMIT;"
        ))?;
    }
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;",
    )?;
    Ok(conn)
}

/// The skey of an archive-level key: as is. Single-word keys (a family name alone, كيري)
/// join the one multi-word key ending in that word, when exactly one exists — the archive
/// is the evidence that the name is not shared; otherwise they stay apart.
pub fn resolve_keys<'a>(keys: impl Iterator<Item = &'a str>) -> HashMap<String, String> {
    let keys: Vec<&str> = keys.collect();
    let mut by_last: HashMap<&str, Vec<&str>> = HashMap::new();
    for k in &keys {
        if !k.starts_with('#')
            && let Some((_, last)) = k.rsplit_once(' ')
        {
            by_last.entry(last).or_default().push(k);
        }
    }
    let mut out = HashMap::with_capacity(keys.len());
    for k in keys {
        let target = match by_last.get(k) {
            Some(c) if !k.starts_with('#') && !k.contains(' ') && c.len() == 1 => c[0],
            _ => k,
        };
        out.insert(k.to_string(), target.to_string());
    }
    out
}

/// Rebuild the speaker tables from the quotes (one transaction): every quote's skey maps to
/// a speaker; a speaker's name is its most frequent full name, its aliases every name and
/// mention text its quotes carry.
pub fn rebuild_speakers(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction()?;
    // (skey, name, text, kind, n)
    let mut rows: Vec<(String, String, String, String, i64)> = Vec::new();
    {
        let mut st = tx.prepare(
            "SELECT skey, speaker_name, speaker_text, speaker_kind, count(*) FROM quotes
             WHERE skey IS NOT NULL GROUP BY 1, 2, 3, 4",
        )?;
        let it = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                r.get::<_, i64>(4)?,
            ))
        })?;
        for r in it {
            rows.push(r?);
        }
    }
    let resolved = resolve_keys(rows.iter().map(|r| r.0.as_str()));
    // Per speaker key: name counts (own-key names first), kind counts, aliases.
    struct Acc {
        names: HashMap<String, (bool, i64)>,
        kinds: HashMap<String, i64>,
        aliases: HashMap<String, i64>,
        skeys: Vec<String>,
    }
    let mut acc: HashMap<&str, Acc> = HashMap::new();
    for (skey, name, text, kind, n) in &rows {
        let key = resolved.get(skey).map_or(skey.as_str(), String::as_str);
        let a = acc.entry(key).or_insert_with(|| Acc {
            names: HashMap::new(),
            kinds: HashMap::new(),
            aliases: HashMap::new(),
            skeys: Vec::new(),
        });
        let e = a.names.entry(name.clone()).or_insert((false, 0));
        e.0 |= skey == key;
        e.1 += n;
        *a.kinds.entry(kind.clone()).or_default() += n;
        *a.aliases.entry(name.clone()).or_default() += n;
        if text != name {
            *a.aliases.entry(text.clone()).or_default() += n;
        }
        if !a.skeys.contains(skey) {
            a.skeys.push(skey.clone());
        }
    }
    tx.execute_batch("DELETE FROM speakers; DELETE FROM speaker_keys; DELETE FROM aliases;")?;
    {
        let mut ins_sp = tx.prepare("INSERT INTO speakers(key, name, kind) VALUES (?1, ?2, ?3)")?;
        let mut ins_k = tx.prepare("INSERT INTO speaker_keys(skey, speaker) VALUES (?1, ?2)")?;
        let mut ins_a = tx.prepare("INSERT INTO aliases(speaker, alias, n) VALUES (?1, ?2, ?3)")?;
        let mut keys: Vec<&&str> = acc.keys().collect();
        keys.sort();
        for key in keys {
            let a = &acc[*key];
            let name = a
                .names
                .iter()
                .max_by(|x, y| (x.1, y.0).cmp(&(y.1, x.0)))
                .map(|(n, _)| n.as_str())
                .unwrap_or("");
            let kind = a
                .kinds
                .iter()
                .max_by(|x, y| (x.1, y.0).cmp(&(y.1, x.0)))
                .map(|(k, _)| k.as_str())
                .unwrap_or("");
            ins_sp.execute(params![key, name, kind])?;
            let id = tx.last_insert_rowid();
            for s in &a.skeys {
                ins_k.execute(params![s, id])?;
            }
            for (alias, n) in &a.aliases {
                if !alias.is_empty() {
                    ins_a.execute(params![id, alias, n])?;
                }
            }
        }
    }
    tx.execute_batch(
        "UPDATE speakers SET (quotes, articles, first_date, last_date) = (
           SELECT count(*), count(DISTINCT q.article), min(a.date), max(a.date)
           FROM speaker_keys k JOIN quotes q ON q.skey = k.skey
           JOIN articles a ON a.rowid = q.article WHERE k.speaker = speakers.id);
         INSERT OR REPLACE INTO meta(key, value) VALUES ('speakers_stale', '0');",
    )?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_family_name_joins_only_a_unique_full_name() {
        let r = resolve_keys(
            ["جون كيري", "كيري", "عباس", "محمود عباس", "علي عباس", "#a#1", "اوباما"].into_iter(),
        );
        assert_eq!(r["كيري"], "جون كيري");
        assert_eq!(r["عباس"], "عباس", "two people named عباس: no evidence");
        assert_eq!(r["اوباما"], "اوباما");
        assert_eq!(r["#a#1"], "#a#1");
    }
}
