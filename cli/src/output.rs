//! Output: where results go (stdout, or a file written under a temporary name and renamed
//! when complete) and how one record is rendered as JSON.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Serialize;
use serde::ser::SerializeMap;

/// Where the data goes. A file is written as `.NAME.tmp-PID` beside `NAME` and renamed only
/// by [`Sink::finish`]; dropped unfinished, the temporary file is removed, so an interrupted
/// or failed run never leaves a truncated file under the final name.
pub enum Sink {
    /// Standard output.
    Stdout(BufWriter<io::Stdout>),
    /// A file being written.
    File {
        /// The writer on the temporary file (taken by `finish`).
        w: Option<BufWriter<File>>,
        /// The temporary path.
        tmp: PathBuf,
        /// The final path.
        dest: PathBuf,
    },
}

impl Sink {
    /// Stdout when `output` is `None`, else a temporary file beside `output`.
    pub fn open(output: Option<&Path>) -> Result<Sink> {
        const CAP: usize = 1 << 20;
        let Some(dest) = output else {
            return Ok(Sink::Stdout(BufWriter::with_capacity(CAP, io::stdout())));
        };
        let Some(name) = dest.file_name() else {
            bail!("--output {} is not a file name", dest.display());
        };
        if dest.is_dir() {
            bail!("--output {} is a directory", dest.display());
        }
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let tmp = dir.join(format!(
            ".{}.tmp-{}",
            name.to_string_lossy(),
            std::process::id()
        ));
        let f = File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        Ok(Sink::File {
            w: Some(BufWriter::with_capacity(CAP, f)),
            tmp,
            dest: dest.to_path_buf(),
        })
    }

    /// True for stdout (flushed eagerly so that a reader downstream sees results early).
    pub fn is_stdout(&self) -> bool {
        matches!(self, Sink::Stdout(_))
    }

    /// Flush, and for a file, sync and rename it to its final name.
    pub fn finish(mut self) -> Result<()> {
        match &mut self {
            Sink::Stdout(w) => w.flush().context("writing stdout")?,
            Sink::File { w, tmp, dest } => {
                let w = w.take().expect("finish is called once");
                let f = w
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .context("writing output")?;
                f.sync_all().context("writing output")?;
                drop(f);
                std::fs::rename(&*tmp, &*dest)
                    .with_context(|| format!("renaming {} to {}", tmp.display(), dest.display()))?;
            }
        }
        Ok(())
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File { w, .. } => w.as_mut().map_or(Ok(0), |w| w.write(buf)),
        }
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.write_all(buf),
            Sink::File { w, .. } => w.as_mut().map_or(Ok(()), |w| w.write_all(buf)),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File { w, .. } => w.as_mut().map_or(Ok(()), |w| w.flush()),
        }
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        if let Sink::File {
            w: Some(_), tmp, ..
        } = self
        {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// A JSON object written with its keys in the given order.
pub struct Ordered<'a, V>(pub Vec<(&'a str, V)>);

impl<V: Serialize> Serialize for Ordered<'_, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Write `v` as one JSON line (or indented JSON with `pretty`) to `out`.
pub fn write_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T, pretty: bool) {
    // Serialising plain data into a Vec cannot fail.
    let r = if pretty {
        serde_json::to_writer_pretty(&mut *out, v)
    } else {
        serde_json::to_writer(&mut *out, v)
    };
    debug_assert!(r.is_ok());
    out.push(b'\n');
}
