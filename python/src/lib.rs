//! `khabar._khabar`: the native part of the Python package `khabar` (PyO3, abi3).
//!
//! Every result is the library's output record ([`khabar::Record`], the JSON shape
//! the CLI prints), serialised by the library's own `serde` code (into a `node::Node` tree, see
//! `node.rs`) and turned into Python objects with its key order kept. On top of it, every
//! span object (one with `start`, `end` and `text`) gets Python-usable offsets:
//! `start`/`end` become code-point offsets (`text[start:end]` slices a Python `str`) and
//! the record's byte offsets move to `start_byte`/`end_byte`. Nothing else changes: a
//! record with `start_byte`/`end_byte` renamed back to `start`/`end` is the CLI's record.
//!
//! The analysis runs with the GIL released; `analyze_many` with `threads = n` runs it on
//! `n - 1` worker threads and on the calling thread, which also turns finished records into
//! Python objects, in input order (it analyses an item itself only when the next record is
//! not ready): `n` busy threads in all.

mod node;
mod record;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

use khabar::HardWrap;
use khabar::{Analyzer as Core, Budget};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use crate::node::{Key, Node};
use crate::record::{Job, Part, run_one};

/// How long `analyze_many` holds the GIL at most while it builds records (the default
/// `sys.getswitchinterval()`).
const SWITCH: Duration = Duration::from_millis(5);

/// Python objects from record trees. Keys and kind names repeat in every record: each is
/// made once per conversion run (a static name is found by its address).
struct ToPy<'py> {
    py: Python<'py>,
    /// The `str` of the record being converted: [`Node::Slice`]s are cut from it.
    src: Option<Bound<'py, PyAny>>,
    names: Vec<((*const u8, usize), Bound<'py, PyString>)>,
    owned: HashMap<String, Bound<'py, PyString>>,
}

impl<'py> ToPy<'py> {
    fn new(py: Python<'py>) -> ToPy<'py> {
        ToPy {
            py,
            src: None,
            names: Vec::new(),
            owned: HashMap::new(),
        }
    }

    fn name(&mut self, k: &'static str) -> Bound<'py, PyString> {
        let at = (k.as_ptr(), k.len()); // equal address and length: equal text
        if let Some((_, s)) = self.names.iter().find(|(p, _)| *p == at) {
            return s.clone();
        }
        let s = PyString::intern(self.py, k);
        self.names.push((at, s.clone()));
        s
    }

    fn key(&mut self, k: &Key) -> Bound<'py, PyString> {
        match k {
            Cow::Borrowed(k) => self.name(k),
            Cow::Owned(k) => {
                if let Some(s) = self.owned.get(k.as_str()) {
                    return s.clone();
                }
                let s = PyString::intern(self.py, k);
                self.owned.insert(k.clone(), s.clone());
                s
            }
        }
    }

    fn value(&mut self, node: &Node) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        Ok(match node {
            Node::Null => py.None().into_bound(py),
            Node::Bool(b) => (*b).into_pyobject(py)?.to_owned().into_any(),
            Node::Int(i) => (*i).into_pyobject(py)?.into_any(),
            Node::UInt(u) => (*u).into_pyobject(py)?.into_any(),
            Node::Float(f) => (*f).into_pyobject(py)?.into_any(),
            Node::Str(s) => PyString::new(py, s).into_any(),
            Node::Name(s) => self.name(s).into_any(),
            Node::Slice(start, end) => {
                let src = self.src.as_ref().ok_or_else(|| {
                    PyRuntimeError::new_err("internal error: a span without its text")
                })?;
                let (start, end) = (
                    isize::try_from(*start).unwrap_or(isize::MAX),
                    isize::try_from(*end).unwrap_or(isize::MAX),
                );
                // SAFETY: `src` is a live `str` (checked when the item was read); the call
                // returns a new reference or NULL with an exception set.
                unsafe {
                    Bound::from_owned_ptr_or_err(
                        py,
                        pyo3::ffi::PyUnicode_Substring(src.as_ptr(), start, end),
                    )?
                }
            }
            Node::List(v) => {
                let items = v
                    .iter()
                    .map(|n| self.value(n))
                    .collect::<PyResult<Vec<_>>>()?;
                PyList::new(py, items)?.into_any()
            }
            Node::Map(kv) => self.dict(None, kv)?.into_any(),
        })
    }

    /// A dict of `kv`, after `"id": id` when given.
    fn dict(
        &mut self,
        id: Option<Bound<'py, PyAny>>,
        kv: &[(Key, Node)],
    ) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(self.py);
        if let Some(id) = id {
            d.set_item(self.name("id"), id)?;
        }
        for (k, v) in kv {
            let k = self.key(k);
            d.set_item(k, self.value(v)?)?;
        }
        Ok(d)
    }

    /// The record of one `analyze_many` item, or its error record.
    fn record(
        &mut self,
        index: usize,
        id: Option<Bound<'py, PyAny>>,
        result: &Result<Node, String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        match result {
            Ok(Node::Map(kv)) => Ok(self.dict(id, kv)?.into_any()),
            Ok(other) => self.value(other),
            Err(e) => {
                let d = PyDict::new(py);
                d.set_item(
                    self.name("id"),
                    id.unwrap_or_else(|| py.None().into_bound(py)),
                )?;
                d.set_item(self.name("index"), index)?;
                d.set_item(self.name("error"), e)?;
                Ok(d.into_any())
            }
        }
    }
}

/// The summary budget from the keyword arguments (at most one; default 3 sentences).
fn budget(
    sentences: Option<usize>,
    words: Option<usize>,
    chars: Option<usize>,
    ratio: Option<f64>,
) -> PyResult<Budget> {
    let given = [
        sentences.is_some(),
        words.is_some(),
        chars.is_some(),
        ratio.is_some(),
    ];
    if given.iter().filter(|g| **g).count() > 1 {
        return Err(PyValueError::new_err(
            "give at most one of sentences, words, chars, ratio",
        ));
    }
    Ok(match (sentences, words, chars, ratio) {
        (Some(n), ..) => Budget::Sentences(n),
        (_, Some(n), ..) => Budget::Words(n),
        (_, _, Some(n), _) => Budget::Chars(n),
        (.., Some(r)) if (0.0..=1.0).contains(&r) => Budget::Ratio(r),
        (.., Some(r)) => {
            return Err(PyValueError::new_err(format!(
                "ratio must be between 0 and 1, not {r}"
            )));
        }
        _ => Budget::default(),
    })
}

/// A Python `str` as Rust text; a string with lone surrogates cannot be UTF-8.
fn text_of(obj: &Bound<'_, PyAny>, what: &str) -> Result<String, String> {
    let s = obj.cast::<PyString>().map_err(|_| {
        let ty = obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "?".into());
        format!("{what} is {ty}, not str")
    })?;
    s.extract::<String>().map_err(|_| {
        format!("{what} is not valid Unicode text (it holds a lone surrogate code point)")
    })
}

fn title_of(obj: Option<&Bound<'_, PyAny>>, what: &str) -> Result<Option<String>, String> {
    match obj {
        None => Ok(None),
        Some(t) if t.is_none() => Ok(None),
        Some(t) => text_of(t, what).map(Some),
    }
}

/// One item of `analyze_many`: a `str`, or a mapping with `text` (and `id`, `title`).
/// An item in flight in `analyze_many`: its id, and its text's `str`.
type InFlight<'py> = (Option<Bound<'py, PyAny>>, Option<Bound<'py, PyAny>>);

/// Returns the item's `id` (for a dict), and its job with the text's `str` object.
type Read<'py> = (
    Option<Bound<'py, PyAny>>,
    Result<(Job, Bound<'py, PyAny>), String>,
);

fn job_of<'py>(item: &Bound<'py, PyAny>) -> Read<'py> {
    if item.is_instance_of::<PyString>() {
        return (
            None,
            text_of(item, "text").map(|text| (Job { text, title: None }, item.clone())),
        );
    }
    let get = |k: &str| -> Option<Bound<'py, PyAny>> {
        if let Ok(d) = item.cast::<PyDict>() {
            d.get_item(k).ok().flatten()
        } else {
            item.get_item(k).ok()
        }
    };
    let is_mapping = item.is_instance_of::<PyDict>()
        || item
            .py()
            .import("collections.abc")
            .and_then(|m| m.getattr("Mapping"))
            .and_then(|m| item.is_instance(&m))
            .unwrap_or(false);
    if !is_mapping {
        let ty = item
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "?".into());
        return (
            None,
            Err(format!(
                "record is {ty}, not a str or a dict with a \"text\" field"
            )),
        );
    }
    let id = Some(get("id").unwrap_or_else(|| item.py().None().into_bound(item.py())));
    let (text, src) = match get("text") {
        None => return (id, Err("record has no \"text\" field".into())),
        Some(t) => match text_of(&t, "\"text\"") {
            Ok(text) => (text, t),
            Err(e) => return (id, Err(e)),
        },
    };
    (
        id,
        title_of(get("title").as_ref(), "\"title\"").map(|title| (Job { text, title }, src)),
    )
}

fn hard_wrap_mode(s: &str) -> PyResult<HardWrap> {
    match s {
        "off" => Ok(HardWrap::Off),
        "on" => Ok(HardWrap::On),
        "auto" => Ok(HardWrap::Auto),
        _ => Err(PyValueError::new_err(format!(
            "hard_wrap must be \"off\", \"on\" or \"auto\", not {s:?}"
        ))),
    }
}

/// Items of the last multi-threaded `analyze_many` call that its calling thread analysed,
/// and the CPU seconds (in nanoseconds) it spent on them: what benchmarks subtract from the
/// calling thread's CPU time to get the serial part (reading items, building records).
static CALLER_ITEMS: AtomicU64 = AtomicU64::new(0);
static CALLER_NANOS: AtomicU64 = AtomicU64::new(0);

/// The calling thread's CPU clock (`time.thread_time_ns`) around the items it analyses.
struct CallerClock<'py> {
    clock: Option<Bound<'py, PyAny>>,
    items: u64,
    nanos: u64,
}

impl<'py> CallerClock<'py> {
    fn new(py: Python<'py>) -> CallerClock<'py> {
        let clock = py
            .import("time")
            .and_then(|t| t.getattr("thread_time_ns"))
            .ok();
        CallerClock {
            clock,
            items: 0,
            nanos: 0,
        }
    }

    fn now(&self) -> u64 {
        self.clock
            .as_ref()
            .and_then(|c| c.call0().ok())
            .and_then(|t| t.extract::<u64>().ok())
            .unwrap_or(0)
    }

    fn add(&mut self, t0: u64) {
        self.items += 1;
        self.nanos += self.now().saturating_sub(t0);
    }
}

impl Drop for CallerClock<'_> {
    fn drop(&mut self) {
        CALLER_ITEMS.store(self.items, Ordering::Relaxed);
        CALLER_NANOS.store(self.nanos, Ordering::Relaxed);
    }
}

/// The jobs of `analyze_many` not yet claimed, first in input order, shared by the worker
/// threads (which block on it) and the calling thread (which only takes one when there is).
/// It also carries converted record trees back to the workers, which free them.
#[derive(Default)]
struct Queue {
    state: Mutex<QueueState>,
    ready: Condvar,
}

#[derive(Default)]
struct QueueState {
    jobs: VecDeque<(usize, Job)>,
    closed: bool,
    trash: Vec<Node>,
}

impl Queue {
    fn lock(&self) -> std::sync::MutexGuard<'_, QueueState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Hand the trees of `trash` (emptied) to a worker to free.
    fn bury(&self, trash: &mut Vec<Node>) {
        self.lock().trash.append(trash);
    }

    /// Add the jobs of `batch` (emptied) and wake the workers.
    fn push(&self, batch: &mut Vec<(usize, Job)>) {
        if batch.is_empty() {
            return;
        }
        let n = batch.len();
        self.lock().jobs.extend(batch.drain(..));
        if n == 1 {
            self.ready.notify_one();
        } else {
            self.ready.notify_all();
        }
    }

    fn try_pop(&self) -> Option<(usize, Job)> {
        self.lock().jobs.pop_front()
    }

    /// The next job, waiting for one (and freeing the trees handed back meanwhile);
    /// `None` once the queue is closed.
    fn wait_pop(&self) -> Option<(usize, Job)> {
        let mut state = self.lock();
        loop {
            if state.closed {
                return None;
            }
            if let Some(job) = state.jobs.pop_front() {
                let trash = std::mem::take(&mut state.trash);
                drop(state);
                drop(trash);
                return Some(job);
            }
            state = self.ready.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn close(&self) {
        let mut state = self.lock();
        state.closed = true;
        let (jobs, trash) = (
            std::mem::take(&mut state.jobs),
            std::mem::take(&mut state.trash),
        );
        drop(state);
        drop((jobs, trash));
        self.ready.notify_all();
    }
}

/// Closes the queue (the workers stop) when `analyze_many` returns, error or not.
struct CloseOnDrop(Arc<Queue>);

impl Drop for CloseOnDrop {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// Pauses Python's cycle collector while it lives (when it was enabled).
struct GcPause<'py>(Option<Bound<'py, PyModule>>);

impl<'py> GcPause<'py> {
    fn new(py: Python<'py>) -> GcPause<'py> {
        let gc = py.import("gc").ok().filter(|gc| {
            gc.call_method0("isenabled")
                .and_then(|on| on.is_truthy())
                .unwrap_or(false)
                && gc.call_method0("disable").is_ok()
        });
        GcPause(gc)
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.0 {
            let _ = gc.call_method0("enable");
        }
    }
}

/// A reusable analyzer: sentence splitter, quote extractor and summarizer, with their
/// lexicons built once. Thread-safe; pickles as its options (rebuilt on load).
#[pyclass(module = "khabar", name = "Analyzer", frozen)]
struct Analyzer {
    core: Arc<Core>,
    hard_wrap: String,
}

impl Analyzer {
    fn one<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        title: Option<&Bound<'py, PyAny>>,
        budget: Budget,
        part: Part,
    ) -> PyResult<Bound<'py, PyAny>> {
        // A wrong type is a TypeError; a str that is not valid Unicode, a ValueError.
        let error = |obj: &Bound<'py, PyAny>, e: String| {
            if obj.is_instance_of::<PyString>() {
                PyValueError::new_err(e)
            } else {
                PyTypeError::new_err(e)
            }
        };
        let src = text;
        let text = text_of(text, "text").map_err(|e| error(text, e))?;
        let title = match title {
            Some(t) => title_of(Some(t), "title").map_err(|e| error(t, e))?,
            None => None,
        };
        let job = Job { text, title };
        let core = &self.core;
        let node = py
            .detach(|| run_one(core, &job, budget, part))
            .map_err(PyRuntimeError::new_err)?;
        let mut conv = ToPy::new(py);
        conv.src = Some(src.clone());
        conv.value(&node)
    }
}

#[pymethods]
impl Analyzer {
    /// Build an analyzer. `hard_wrap` is "off" (every line break ends a sentence, the
    /// default), "on" (lines break inside sentences, as in archives wrapped at a fixed
    /// width) or "auto" (decide per document).
    #[new]
    #[pyo3(signature = (hard_wrap = "off"))]
    fn new(hard_wrap: &str) -> PyResult<Analyzer> {
        let mode = hard_wrap_mode(hard_wrap)?;
        Ok(Analyzer {
            core: Arc::new(Core::new().with_hard_wrap(mode)),
            hard_wrap: hard_wrap.to_string(),
        })
    }

    /// The hard-wrap mode: "off", "on" or "auto".
    #[getter]
    fn hard_wrap(&self) -> &str {
        &self.hard_wrap
    }

    fn __repr__(&self) -> String {
        format!("khabar.Analyzer(hard_wrap={:?})", self.hard_wrap)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let args = PyTuple::new(py, [slf.get().hard_wrap.as_str()])?;
        Ok((slf.getattr("__class__")?, args))
    }

    /// The full record of one article: `sentences`, `quotes`, `speakers`, `summary`.
    #[pyo3(signature = (text, title = None, *, sentences = None, words = None, chars = None, ratio = None))]
    #[allow(clippy::too_many_arguments)]
    fn analyze<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        title: Option<&Bound<'py, PyAny>>,
        sentences: Option<usize>,
        words: Option<usize>,
        chars: Option<usize>,
        ratio: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let b = budget(sentences, words, chars, ratio)?;
        self.one(py, text, title, b, Part::Whole)
    }

    /// The sentences of `text` (the `sentences` of its record).
    #[pyo3(signature = (text, title = None))]
    fn split<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        title: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.one(py, text, title, Budget::Sentences(0), Part::Sentences)
    }

    /// The quotes of `text` (the `quotes` of its record), each with its speaker.
    #[pyo3(signature = (text, title = None))]
    fn quotes<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        title: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.one(py, text, title, Budget::Sentences(0), Part::Quotes)
    }

    /// An extractive summary of `text` (the `summary` of its record), in text order.
    #[pyo3(signature = (text, title = None, *, sentences = None, words = None, chars = None, ratio = None))]
    #[allow(clippy::too_many_arguments)]
    fn summarize<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        title: Option<&Bound<'py, PyAny>>,
        sentences: Option<usize>,
        words: Option<usize>,
        chars: Option<usize>,
        ratio: Option<f64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let b = budget(sentences, words, chars, ratio)?;
        self.one(py, text, title, b, Part::Summary)
    }

    /// Records of many articles, analysed in parallel with the GIL released, in input
    /// order. Items are `str` or dicts with `text` (and optional `id`, `title`); a bad item
    /// gives `{"id", "index", "error"}` in its place.
    #[pyo3(signature = (items, threads = None, *, sentences = None, words = None, chars = None, ratio = None))]
    #[allow(clippy::too_many_arguments)]
    fn analyze_many<'py>(
        &self,
        py: Python<'py>,
        items: &Bound<'py, PyAny>,
        threads: Option<usize>,
        sentences: Option<usize>,
        words: Option<usize>,
        chars: Option<usize>,
        ratio: Option<f64>,
    ) -> PyResult<Bound<'py, PyList>> {
        let b = budget(sentences, words, chars, ratio)?;
        if items.is_instance_of::<PyString>() || items.is_instance_of::<PyDict>() {
            let what = if items.is_instance_of::<PyString>() {
                "str"
            } else {
                "dict"
            };
            return Err(PyTypeError::new_err(format!(
                "analyze_many takes an iterable of texts or records, not one {what} (use analyze)"
            )));
        }
        let threads = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let out = PyList::empty(py);
        let mut conv = ToPy::new(py);
        let mut iter = items.try_iter()?;
        // The records are trees of fresh dicts and lists, none of them in a cycle: Python's
        // cycle collector would walk them again and again as they pile up. It is paused
        // for the call (when it was on) and resumed on the way out, error or not.
        let _gc = GcPause::new(py);
        if threads == 1 {
            // Everything on the calling thread, the GIL released during each analysis.
            for (index, item) in iter.enumerate() {
                py.check_signals()?; // Ctrl-C stops a long run
                let (id, job) = job_of(&item?);
                let core = &*self.core;
                let result = match job {
                    Ok((job, src)) => {
                        conv.src = Some(src);
                        py.detach(|| run_one(core, &job, b, Part::Whole))
                    }
                    Err(e) => Err(e),
                };
                out.append(conv.record(index, id, &result)?)?;
            }
            return Ok(out);
        }
        // `threads - 1` workers analyse; this thread reads the items, turns the results
        // into Python objects in input order as they come (a bounded window in flight),
        // and analyses an unclaimed item itself (GIL released) whenever the next result is
        // not ready yet: `threads` busy threads in all, the conversion included.
        // Plain threads that block on the job queue when they run ahead of the conversion
        // (idle rayon workers spin, taking CPU from the thread that builds the records).
        let queue = Arc::new(Queue::default());
        let _close = CloseOnDrop(Arc::clone(&queue));
        let (tx, rx) = mpsc::channel::<(usize, Result<Node, String>)>();
        for w in 1..threads {
            let (core, jobs, tx) = (Arc::clone(&self.core), Arc::clone(&queue), tx.clone());
            std::thread::Builder::new()
                .name(format!("khabar-py-{w}"))
                .spawn(move || {
                    while let Some((i, job)) = jobs.wait_pop() {
                        if tx.send((i, run_one(&core, &job, b, Part::Whole))).is_err() {
                            break;
                        }
                    }
                })
                .map_err(|e| PyRuntimeError::new_err(format!("starting threads: {e}")))?;
        }
        drop(tx);
        let rx = Mutex::new(rx);
        let core = &*self.core;
        let window = threads * 64;
        // Per item in flight: its id, and its text's `str` (span texts are sliced from it).
        let mut ids: VecDeque<InFlight<'py>> = VecDeque::with_capacity(window);
        let mut done: BTreeMap<usize, Result<Node, String>> = BTreeMap::new();
        let (mut read, mut next, mut exhausted) = (0usize, 0usize, false);
        let mut released = Instant::now();
        let mut batch = Vec::new();
        let mut clock = CallerClock::new(py);
        let mut trash = Vec::new();
        loop {
            while !exhausted && read - next < window {
                let Some(item) = iter.next() else {
                    exhausted = true;
                    break;
                };
                let (id, job) = job_of(&item?);
                match job {
                    Ok((job, src)) => {
                        ids.push_back((id, Some(src)));
                        batch.push((read, job));
                    }
                    Err(e) => {
                        ids.push_back((id, None));
                        done.insert(read, Err(e));
                    }
                }
                read += 1;
                if batch.len() >= 16 {
                    queue.push(&mut batch);
                }
            }
            queue.push(&mut batch);
            {
                let rx = rx.lock().unwrap_or_else(|e| e.into_inner());
                done.extend(rx.try_iter());
            }
            while let Some(result) = done.remove(&next) {
                let (id, src) = ids.pop_front().unwrap_or((None, None));
                conv.src = src;
                out.append(conv.record(next, id, &result)?)?;
                next += 1;
                // The record's tree is freed by a worker (which allocated most of it), not
                // on this thread, which holds the GIL.
                if let Ok(node) = result {
                    trash.push(node);
                    if trash.len() >= 16 {
                        queue.bury(&mut trash);
                    }
                }
                // Let other Python threads in between records, as often as the interpreter
                // would switch threads (every 5 ms by default).
                if released.elapsed() >= SWITCH {
                    py.detach(|| ());
                    released = Instant::now();
                }
            }
            if next == read {
                if exhausted {
                    break;
                }
                continue;
            }
            // The next record is not ready: analyse an unclaimed item (the first one), or,
            // when the workers hold them all, wait for theirs.
            if let Some((i, job)) = queue.try_pop() {
                let t0 = clock.now();
                let result = py.detach(|| run_one(core, &job, b, Part::Whole));
                clock.add(t0);
                done.insert(i, result);
            } else {
                let got = py.detach(|| {
                    let rx = rx.lock().unwrap_or_else(|e| e.into_inner());
                    let first = rx.recv();
                    let mut all: Vec<_> = first.into_iter().collect();
                    all.extend(rx.try_iter());
                    all
                });
                if got.is_empty() {
                    return Err(PyRuntimeError::new_err(
                        "khabar: the worker threads stopped",
                    ));
                }
                done.extend(got);
            }
            released = Instant::now();
            py.check_signals()?;
        }
        Ok(out)
    }
}

/// For benchmarks: how many items the calling thread of the last multi-threaded
/// `analyze_many` call analysed itself, and its CPU seconds on them.
#[pyfunction]
fn _caller_analysis() -> (u64, f64) {
    (
        CALLER_ITEMS.load(Ordering::Relaxed),
        CALLER_NANOS.load(Ordering::Relaxed) as f64 / 1e9,
    )
}

/// The native module; the public API is the Python package `khabar`.
#[pymodule]
fn _khabar(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Analyzer>()?;
    m.add_function(wrap_pyfunction!(_caller_analysis, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
