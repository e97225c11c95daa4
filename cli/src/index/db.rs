//! The archive's SQLite database: schema, opening (new or existing, never a foreign file),
//! and the archive-wide speaker table.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags, params};

use super::text::{index_tokens, key_words};

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
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
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
    let exists = path.exists()
        && std::fs::metadata(path)
            .map(|m| m.len() > 0)
            .unwrap_or(false);
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

/// Words of a title chain too common to tell two offices apart (ranks, honorifics,
/// "general", "official"), as [`index_tokens`] writes them.
const ROLE_STOP: &[&str] = &[
    "دكتور",
    "دكتوره",
    "مهندس",
    "استاذ",
    "شيخ",
    "سيد",
    "لواء",
    "عميد",
    "عقيد",
    "مقدم",
    "رائد",
    "فريق",
    "ركن",
    "طيار",
    "معالي",
    "سمو",
    "فخامه",
    "سعاده",
    "امير",
    "ملك",
    "عام",
    "عامه",
    "رسمي",
    "رسميه",
    "اعلامي",
    "باسم",
    "سابق",
    "مكلف",
    "بن",
    "ابن",
    "في",
    "من",
];

/// The words of `name` outside its key: its title chain, for evidence that two names hold
/// the same office.
fn role_words(name: &str, key: &str) -> HashSet<String> {
    let key: HashSet<String> = index_tokens(key).split(' ').map(str::to_string).collect();
    index_tokens(name)
        .split(' ')
        .filter(|w| !w.is_empty() && !key.contains(*w) && !ROLE_STOP.contains(w))
        .map(str::to_string)
        .collect()
}

/// Archive-level merging of keys, given every (key, name) the archive holds. A key maps to
/// itself except:
/// - a given + family name (عادل الجبير) joins the one given بن father family key
///   (عادل بن أحمد الجبير) whose names share a word of office with its names (وزير
///   الخارجية), or the only such key when one side names no office at all: namesakes with
///   different fathers and offices stay apart;
/// - a family name alone (كيري) joins the one speaker whose key ends in it, when exactly one
///   exists: the archive is the evidence that the name is not shared.
///
/// Keys starting with `#` (speakers never merged) always map to themselves.
pub fn resolve_keys<'a>(
    forms: impl Iterator<Item = (&'a str, &'a str)>,
) -> HashMap<String, String> {
    let mut roles: HashMap<&str, HashSet<String>> = HashMap::new();
    let mut names: HashMap<&str, Vec<&str>> = HashMap::new();
    for (k, name) in forms {
        let r = roles.entry(k).or_default();
        if !k.starts_with('#') {
            r.extend(role_words(name, k));
            names.entry(k).or_default().push(name);
        }
    }
    let mut keys: Vec<&str> = roles.keys().copied().collect();
    keys.sort_unstable();
    // Given بن father family keys by (given, family).
    let mut with_father: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    for &k in &keys {
        let w: Vec<&str> = k.split(' ').collect();
        if !k.starts_with('#') && w.len() == 4 && w[1] == "بن" {
            with_father.entry((w[0], w[3])).or_default().push(k);
        }
    }
    // Names cut too long by the speaker stage (جون كيري أطلعنا keys as جون أطلعنا): the given
    // name and the word after it in the name, when that is a key of its own.
    let mut cut: HashMap<&str, &str> = HashMap::new();
    for (k, names) in &names {
        let w: Vec<&str> = k.split(' ').collect();
        if k.starts_with('#') || w.len() != 2 {
            continue;
        }
        for name in names {
            let t = key_words(name);
            if let Some(i) = t.iter().position(|x| x == w[0])
                && let Some(next) = t.get(i + 1)
                && next != w[1]
                && let Some((b, _)) = roles.get_key_value(format!("{} {next}", w[0]).as_str())
            {
                cut.insert(k, b);
                break;
            }
        }
    }
    let mut out: HashMap<String, String> = HashMap::with_capacity(keys.len());
    for &orig in &keys {
        let k = cut.get(orig).copied().unwrap_or(orig);
        let w: Vec<&str> = k.split(' ').collect();
        let mut target = k;
        if !k.starts_with('#')
            && w.len() == 2
            && let Some(cands) = with_father.get(&(w[0], w[1]))
        {
            let mine = &roles[k];
            let shared: Vec<&str> = cands
                .iter()
                .copied()
                .filter(|c| !roles[c].is_disjoint(mine))
                .collect();
            // No office on one side is no counter-evidence when the full name is unique.
            let unopposed = cands.len() == 1 && (mine.is_empty() || roles[cands[0]].is_empty());
            if shared.len() == 1 {
                target = shared[0];
            } else if shared.is_empty() && unopposed {
                target = cands[0];
            }
        }
        out.insert(orig.to_string(), target.to_string());
    }
    // Family names alone.
    let mut by_last: HashMap<&str, HashSet<String>> = HashMap::new();
    for &k in &keys {
        if !k.starts_with('#')
            && let Some((_, last)) = k.rsplit_once(' ')
        {
            by_last.entry(last).or_default().insert(out[k].clone());
        }
    }
    for &k in &keys {
        if !k.starts_with('#')
            && !k.contains(' ')
            && let Some(t) = by_last.get(k)
            && t.len() == 1
        {
            let t = t.iter().next().cloned().unwrap_or_default();
            out.insert(k.to_string(), t);
        }
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
    let resolved = resolve_keys(rows.iter().map(|r| (r.0.as_str(), r.1.as_str())));
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
            [
                ("جون كيري", "جون كيري"),
                ("كيري", "كيري"),
                ("جون كيري", "وزير الخارجية جون كيري"),
                ("عباس", "عباس"),
                ("محمود عباس", "محمود عباس"),
                ("علي عباس", "علي عباس"),
                ("#a#1", "مصدر"),
                ("اوباما", "اوباما"),
            ]
            .into_iter(),
        );
        assert_eq!(r["كيري"], "جون كيري");
        assert_eq!(r["عباس"], "عباس", "two people named عباس: no evidence");
        assert_eq!(r["اوباما"], "اوباما");
        assert_eq!(r["#a#1"], "#a#1");
    }

    #[test]
    fn a_short_name_joins_a_fathers_name_on_a_shared_office() {
        let r = resolve_keys(
            [
                ("عادل بن احمد الجبير", "وزير الخارجية عادل بن أحمد الجبير"),
                ("عادل الجبير", "وزير الخارجية عادل الجبير"),
                ("عادل الجبير", "عادل الجبير"),
                (
                    "محمد بن شباب البقمي",
                    "مدير مرور الرياض العميد محمد بن شباب البقمي",
                ),
                ("محمد البقمي", "المتحدث الرسمي لأمانة جدة محمد البقمي"),
                ("الجبير", "الجبير"),
            ]
            .into_iter(),
        );
        assert_eq!(r["عادل الجبير"], "عادل بن احمد الجبير");
        assert_eq!(r["الجبير"], "عادل بن احمد الجبير");
        assert_eq!(
            r["محمد البقمي"], "محمد البقمي",
            "another office: another man"
        );
    }
}
