//! Input: which files to read, how to open them, and the raw items they hold.
//!
//! A *source* is stdin or one file. A `.jsonl`/`.ndjson` file (or any source when `--jsonl`
//! is given) holds one record per line; any other file is one text record whose id is its
//! path. A `.gz` suffix means gzip (concatenated members allowed). Directories are walked
//! recursively for `.txt`, `.jsonl` and `.ndjson` files (optionally `.gz`), in path order,
//! skipping hidden names; a path that does not exist but contains `*`, `?` or `[` is a glob.
//!
//! The reader hands out [`RawItem`]s: undecoded bytes plus where they came from. Decoding
//! (UTF-8, JSON) happens in the workers, so a bad line costs the reader nothing and becomes
//! an error record downstream.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, Result, bail};
use flate2::read::MultiGzDecoder;

/// How a source's bytes are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The whole source is one text record.
    Text,
    /// One JSON record per line.
    Jsonl,
}

/// One place to read records from.
#[derive(Clone, Debug)]
pub struct Source {
    /// The file, or `None` for stdin.
    pub path: Option<PathBuf>,
    /// Its layout.
    pub format: Format,
    /// Whether it is gzip-compressed.
    pub gz: bool,
    /// Its size on disk, when known.
    pub size: Option<u64>,
    /// Added to the line numbers of a JSON-lines source (`--line-offset`): the number of
    /// lines before this input in a larger job, e.g. a Spark partition's first line.
    pub line_offset: u64,
}

impl Source {
    /// The name used in ids and error records: the path as given, or `-` for stdin.
    pub fn name(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "-".to_string(),
        }
    }
}

fn has_ext(name: &str, exts: &[&str]) -> bool {
    let name = name.strip_suffix(".gz").unwrap_or(name);
    exts.iter().any(|e| {
        name.len() > e.len()
            && name.is_char_boundary(name.len() - e.len())
            && name[name.len() - e.len()..].eq_ignore_ascii_case(e)
    })
}

fn is_gz(name: &str) -> bool {
    name.len() > 3 && name[name.len() - 3..].eq_ignore_ascii_case(".gz")
}

const JSONL_EXTS: &[&str] = &[".jsonl", ".ndjson"];
const WALK_EXTS: &[&str] = &[".jsonl", ".ndjson", ".txt"];

fn file_source(path: PathBuf, force_jsonl: bool) -> Source {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let size = std::fs::metadata(&path).ok().map(|m| m.len());
    Source {
        format: if force_jsonl || has_ext(&name, JSONL_EXTS) {
            Format::Jsonl
        } else {
            Format::Text
        },
        gz: is_gz(&name),
        size,
        path: Some(path),
        line_offset: 0,
    }
}

/// Collect the input files under `dir`, in path order. Symlinks are followed, but a
/// directory already visited (a link loop) is not entered twice.
fn walk(dir: &Path, out: &mut Vec<PathBuf>, seen: &mut HashSet<PathBuf>) -> Result<()> {
    if let Ok(real) = std::fs::canonicalize(dir)
        && !seen.insert(real)
    {
        return Ok(());
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading directory {}", dir.display()))?
        .collect::<io::Result<Vec<_>>>()
        .with_context(|| format!("reading directory {}", dir.display()))?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = e.path();
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, out, seen)?,
            Ok(m) if m.is_file() && has_ext(&name, WALK_EXTS) => out.push(path),
            _ => {}
        }
    }
    Ok(())
}

fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Turn the command line's inputs into sources. No inputs means stdin. Fails (a usage error)
/// on a path that does not exist or a glob that matches nothing.
pub fn sources(inputs: &[PathBuf], force_jsonl: bool) -> Result<Vec<Source>> {
    let stdin = || Source {
        path: None,
        format: if force_jsonl {
            Format::Jsonl
        } else {
            Format::Text
        },
        gz: false,
        size: None,
        line_offset: 0,
    };
    if inputs.is_empty() {
        return Ok(vec![stdin()]);
    }
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(stdin());
            continue;
        }
        let mut paths = Vec::new();
        if p.exists() {
            paths.push(p.clone());
        } else {
            let s = p.to_string_lossy();
            if !is_glob(&s) {
                bail!("no such file or directory: {}", p.display());
            }
            let mut matched: Vec<PathBuf> = glob::glob(&s)
                .with_context(|| format!("bad glob pattern {s}"))?
                .filter_map(|r| r.ok())
                .collect();
            matched.sort();
            if matched.is_empty() {
                bail!("no file matches {s}");
            }
            paths.extend(matched);
        }
        for path in paths {
            if path.is_dir() {
                let mut files = Vec::new();
                walk(&path, &mut files, &mut HashSet::new())?;
                out.extend(files.into_iter().map(|f| file_source(f, false)));
            } else {
                out.push(file_source(path, force_jsonl));
            }
        }
    }
    Ok(out)
}

/// Where a raw item stands in its source.
#[derive(Clone, Debug)]
pub enum Place {
    /// Line `n` (1-based, plus the source's `line_offset`) of a JSON-lines source, starting
    /// at byte `offset` of the (decompressed) source.
    Line(u64, u64),
    /// A whole text source.
    Whole,
}

/// What the reader found.
#[derive(Debug)]
pub enum Payload {
    /// The bytes of a record (a line without its `\n`, or a whole text file).
    Bytes(Vec<u8>),
    /// A line or file over the size limit: only its length was kept.
    TooLong(u64),
    /// The source could not be opened or read from this point on.
    ReadError(String),
}

/// One item of input, not yet decoded.
#[derive(Debug)]
pub struct RawItem {
    /// The source's name (`-` for stdin); shared by all items of the source.
    pub source: Arc<str>,
    /// Whether the source is a named file (its name goes into error records).
    pub named: bool,
    /// The source's layout.
    pub format: Format,
    /// Where the item stands.
    pub place: Place,
    /// What was read.
    pub payload: Payload,
}

impl RawItem {
    /// Bytes of input this item stands for (for throughput figures).
    pub fn len(&self) -> u64 {
        match &self.payload {
            Payload::Bytes(b) => b.len() as u64,
            Payload::TooLong(n) => *n,
            Payload::ReadError(_) => 0,
        }
    }
}

/// Counts bytes read from the underlying file (before decompression), for progress.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A source opened for reading: decompressed, buffered.
pub type Reader = BufReader<Box<dyn Read + Send>>;

/// Open a source as a buffered byte stream (decompressed), counting on-disk bytes read.
pub fn open(src: &Source, disk_bytes: Arc<AtomicU64>) -> io::Result<Reader> {
    let raw: Box<dyn Read + Send> = match &src.path {
        None => Box::new(io::stdin()),
        Some(p) => Box::new(File::open(p)?),
    };
    let counted = Counting {
        inner: raw,
        count: disk_bytes,
    };
    const BUF: usize = 256 * 1024;
    let inner: Box<dyn Read + Send> = if src.gz {
        Box::new(MultiGzDecoder::new(counted))
    } else {
        Box::new(counted)
    };
    Ok(BufReader::with_capacity(BUF, inner))
}

/// Read one line (without its `\n`) into `buf`, keeping at most `cap` bytes. Returns the
/// line's full length, or `None` at end of input.
pub fn read_line_capped<R: BufRead + ?Sized>(
    r: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Option<u64>> {
    buf.clear();
    let mut total: u64 = 0;
    let mut any = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(any.then_some(total));
        }
        any = true;
        let (chunk, done, used) = match memchr::memchr(b'\n', avail) {
            Some(i) => (&avail[..i], true, i + 1),
            None => (avail, false, avail.len()),
        };
        let room = cap.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        total += chunk.len() as u64;
        r.consume(used);
        if done {
            return Ok(Some(total));
        }
    }
}

/// Read a whole source (a text file) keeping at most `cap` bytes; returns the full length.
pub fn read_all_capped<R: Read + ?Sized>(
    r: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<u64> {
    buf.clear();
    let mut total = 0u64;
    let mut chunk = [0u8; 64 * 1024];
    loop {
        let n = match r.read(&mut chunk) {
            Ok(0) => return Ok(total),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let room = cap.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..n.min(room)]);
        total += n as u64;
    }
}

/// Read every item of every source, in order, calling `emit` for each with a hint: true when
/// more input is already buffered (the next item will not wait on a slow producer), false
/// when the reader may block; a caller that batches items sends its batch then, so that
/// a producer writing one record at a time gets each result at once. Stops early when
/// `emit` returns false. Open and read failures become [`Payload::ReadError`] items: the
/// rest of that source is skipped and the next source is read.
pub fn read_items(
    sources: &[Source],
    max_record: usize,
    disk_bytes: Arc<AtomicU64>,
    mut emit: impl FnMut(RawItem, bool) -> bool,
) {
    for src in sources {
        let name: Arc<str> = src.name().into();
        let named = src.path.is_some();
        let item = |place, payload| RawItem {
            source: name.clone(),
            named,
            format: src.format,
            place,
            payload,
        };
        let mut r = match open(src, disk_bytes.clone()) {
            Ok(r) => r,
            Err(e) => {
                let msg = format!("cannot open {}: {e}", src.name());
                if !emit(item(Place::Whole, Payload::ReadError(msg)), true) {
                    return;
                }
                continue;
            }
        };
        match src.format {
            Format::Text => {
                let mut buf = Vec::new();
                let payload = match read_all_capped(&mut r, &mut buf, max_record) {
                    Ok(n) if n > buf.len() as u64 => Payload::TooLong(n),
                    Ok(_) => Payload::Bytes(buf),
                    Err(e) => Payload::ReadError(format!("cannot read {}: {e}", src.name())),
                };
                if !emit(item(Place::Whole, payload), src.path.is_some()) {
                    return;
                }
            }
            Format::Jsonl => {
                // Every line is an item, a blank one too (it becomes an error record), so
                // that the n-th output line stands for the n-th input line.
                let mut line_no = src.line_offset;
                let mut offset = 0u64;
                loop {
                    let mut buf = Vec::new();
                    let got = read_line_capped(&mut r, &mut buf, max_record);
                    line_no += 1;
                    let at = offset;
                    let payload = match got {
                        Ok(None) => break,
                        Ok(Some(n)) => {
                            offset += n + 1;
                            if n > buf.len() as u64 {
                                Payload::TooLong(n)
                            } else {
                                Payload::Bytes(buf)
                            }
                        }
                        Err(e) => Payload::ReadError(format!(
                            "read error in {} at line {line_no}: {e}; the rest of this input was not read",
                            src.name()
                        )),
                    };
                    let stop = matches!(payload, Payload::ReadError(_));
                    let buffered = !r.buffer().is_empty();
                    if !emit(item(Place::Line(line_no, at), payload), buffered) {
                        return;
                    }
                    if stop {
                        break;
                    }
                }
            }
        }
    }
}

/// `String::from_utf8`, with the check done by SIMD first: every input byte passes here,
/// and the standard check is several times slower on Arabic (non-ASCII) text. An invalid
/// input goes through the standard check again for its error position.
pub fn utf8(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `simdutf8` has just validated `bytes` as UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        String::from_utf8(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_lines_keep_lengths_and_numbers() {
        let data = b"abc\n\nlonger line here\nlast";
        let mut r = io::Cursor::new(&data[..]);
        let mut buf = Vec::new();
        assert_eq!(read_line_capped(&mut r, &mut buf, 5).unwrap(), Some(3));
        assert_eq!(buf, b"abc");
        assert_eq!(read_line_capped(&mut r, &mut buf, 5).unwrap(), Some(0));
        assert_eq!(read_line_capped(&mut r, &mut buf, 5).unwrap(), Some(16));
        assert_eq!(buf, b"longe");
        assert_eq!(read_line_capped(&mut r, &mut buf, 5).unwrap(), Some(4));
        assert_eq!(buf, b"last");
        assert_eq!(read_line_capped(&mut r, &mut buf, 5).unwrap(), None);
    }

    #[test]
    fn capped_lines_across_small_buffers() {
        let data = "سطر أول\nسطر ثان\n".as_bytes();
        let mut r = BufReader::with_capacity(3, data);
        let mut buf = Vec::new();
        let n = read_line_capped(&mut r, &mut buf, 1000).unwrap();
        assert_eq!(n, Some("سطر أول".len() as u64));
        assert_eq!(buf, "سطر أول".as_bytes());
        read_line_capped(&mut r, &mut buf, 1000).unwrap();
        assert_eq!(buf, "سطر ثان".as_bytes());
        assert_eq!(read_line_capped(&mut r, &mut buf, 1000).unwrap(), None);
    }

    #[test]
    fn extensions_pick_the_format() {
        assert!(has_ext("a.jsonl", JSONL_EXTS));
        assert!(has_ext("a.JSONL.gz", JSONL_EXTS));
        assert!(!has_ext("a.txt.gz", JSONL_EXTS));
        assert!(has_ext("b.txt.gz", WALK_EXTS));
        assert!(!has_ext(".jsonl", JSONL_EXTS));
        assert!(is_gz("x.gz") && !is_gz("gz"));
    }
}
