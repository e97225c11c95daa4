"""khabar: Arabic news text -> sentences, who said what, and extractive summaries.

A native (Rust) package. Every function returns plain Python data in the shape of the
``khabar analyze`` CLI record::

    {"sentences": [...], "quotes": [...], "speakers": [...], "summary": [...]}

Offsets: every span object (a sentence, a quote's ``content``, ``cue`` and ``speaker``, a
speaker's ``mentions``, a summary item, a sentence's ``dateline``) has

* ``start`` / ``end``: code-point offsets, so ``text[s["start"]:s["end"]] == s["text"]``
  for the Python ``str`` you passed in;
* ``start_byte`` / ``end_byte``: UTF-8 byte offsets (what the CLI prints as start/end).

Summary length: at most one of ``sentences=N`` (default 3), ``words=N``, ``chars=N``,
``ratio=R`` (0 <= R <= 1, a fraction of the body's words).

The module-level functions use one shared :class:`Analyzer`; build your own to choose the
hard-wrap mode. An ``Analyzer`` is thread-safe, releases the GIL while it works, and pickles
as its options (workers rebuild it in a few milliseconds), so it can be shipped to Spark
executors and multiprocessing workers.
"""

from ._khabar import Analyzer, __version__

__all__ = ["Analyzer", "analyze", "analyze_many", "quotes", "split", "summarize", "__version__"]

_default = None


def _analyzer():
    global _default
    if _default is None:
        _default = Analyzer()
    return _default


def analyze(text, title=None, *, sentences=None, words=None, chars=None, ratio=None):
    """Analyse one article: its record ``{"sentences", "quotes", "speakers", "summary"}``.

    ``title`` is the article's headline when the source gives it apart from the text (a
    first line equal to it is then the title). Raises ``ValueError`` when ``text`` or
    ``title`` is not valid Unicode text (a lone surrogate) or the summary options conflict.
    """
    return _analyzer().analyze(
        text, title, sentences=sentences, words=words, chars=chars, ratio=ratio
    )


def split(text, title=None):
    """The sentences of ``text``, each ``{"start", "end", "start_byte", "end_byte", "text",
    "kind", "paragraph"}`` (and ``"dateline"`` when the sentence opens with one)."""
    return _analyzer().split(text, title)


def quotes(text, title=None):
    """Who said what: the quotes of ``text``, each with ``kind``, ``content``, ``cue``,
    ``speaker`` (mention, entity ``name`` and ``kind``, or ``None``), ``sentence``,
    ``confidence`` and ``rule``."""
    return _analyzer().quotes(text, title)


def summarize(text, title=None, *, sentences=None, words=None, chars=None, ratio=None):
    """An extractive summary of ``text``: the chosen sentences in text order, each with its
    ``score`` and ``features``."""
    return _analyzer().summarize(
        text, title, sentences=sentences, words=words, chars=chars, ratio=ratio
    )


def analyze_many(items, threads=None, *, sentences=None, words=None, chars=None, ratio=None):
    """Analyse many articles in parallel (in Rust, with the GIL released).

    ``items`` is an iterable of ``str`` or of dicts ``{"id", "text", "title"}`` (``id`` and
    ``title`` optional). Returns a list with one record per item, in input order: a dict
    item's record starts with its ``"id"``. An item that cannot be analysed (not a str or
    dict, no ``"text"``, a non-str text or title, a lone surrogate) gives
    ``{"id": ..., "index": i, "error": "..."}`` in its place instead of raising.
    ``threads`` defaults to the number of CPUs.
    """
    return _analyzer().analyze_many(
        items, threads, sentences=sentences, words=words, chars=chars, ratio=ratio
    )
