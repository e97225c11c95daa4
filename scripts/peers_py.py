#!/usr/bin/env python3
"""Time the Python peers on the same texts as scripts/peers-rs (called by compare_peers.sh).

Usage: peers_py.py TEXTS.jsonl          one timed pass per tool over all the texts
       peers_py.py --config            print the tools' configuration and versions

Like scripts/peers-rs, one call is one round: every tool makes one untimed warm-up pass over
the first articles, then one timed pass over all of them (the same sample as every other
tool); the driver alternates rounds with the Rust harness and keeps the best and the
median. Prints one tab-separated line per tool: tool, task, bytes of article text, wall
seconds, on-CPU seconds of this (only) thread (time.thread_time), count. Splitters get one
call per non-blank line; sumy LexRank one call per article for 3 sentences, once with sumy's
Arabic stemmer (NLTK's Snowball) and once without a stemmer.

Paired passes: each peer's pass is interleaved, CHUNK articles at a time, with the same
work done by khabar's Python package in this process (`khabar.split(text)` per article for
the splitters, as the Rust harness's "khabar" split, which handles line breaks itself;
`khabar.analyze(text, sentences=3)` per article for sumy), the two alternating which goes
first in each chunk. The khabar side is reported as a line of its own,
"khabar (Python) with TOOL", so that the driver can divide the two times of one pass: both
were measured in the same seconds, and a change of the machine's speed between passes or
rounds (seen here: the same pass taking 1.6x as long a minute later) cancels out.
"""
import json
import re
import sys
import time


def lines_of(texts):
    return [l for t in texts for l in t.split("\n") if l.strip()]


class Timer:
    """Wall and thread CPU time of one timed pass."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.thread_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.thread_time() - self.cpu


def report(tool, task, nbytes, timer, count):
    print(f"{tool}\t{task}\t{nbytes}\t{timer.wall:.6f}\t{timer.cpu:.6f}\t{count}", flush=True)


CHUNK = 8


def paired(tool, task, total, chunks, peer, mine):
    """Time `peer` and `mine` (khabar) over the same chunks, interleaved (see the module
    docstring); report both. Each chunk is a pair: the peer's input, khabar's input (the
    same articles)."""
    tp, tk = Timer(), Timer()
    tp.wall = tp.cpu = tk.wall = tk.cpu = 0.0
    np_ = nk = 0
    for i, (theirs, ours) in enumerate(chunks):
        for who in ((0, 1) if i % 2 == 0 else (1, 0)):
            w, c = time.perf_counter(), time.thread_time()
            if who == 0:
                np_ += peer(theirs)
                tp.wall += time.perf_counter() - w
                tp.cpu += time.thread_time() - c
            else:
                nk += mine(ours)
                tk.wall += time.perf_counter() - w
                tk.cpu += time.thread_time() - c
    report(tool, task, total, tp, np_)
    report("khabar (Python) with " + tool, task, total, tk, nk)


class Tokenizer:
    """Sentences at . ! ? ؟ … and line ends; words as \\w+ runs. sumy's own Arabic
    tokenizer needs NLTK punkt data (a download) and splits at commas."""

    _sent = re.compile(r"(?<=[.!?؟…۔])\s+|\n+")
    _word = re.compile(r"\w+")
    language = "arabic"

    def to_sentences(self, paragraph):
        return [s for s in self._sent.split(paragraph) if s.strip()]

    def to_words(self, sentence):
        return self._word.findall(sentence)


def lexrank(stemmed):
    """sumy's LexRank summarizer, with or without its Arabic stemmer, with sumy's Arabic
    stop words when it ships them; returns (summarizer, description)."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    lex = LexRankSummarizer(Stemmer("arabic")) if stemmed else LexRankSummarizer()
    try:
        lex.stop_words = get_stop_words("arabic")
        stop = "%d Arabic stop words from sumy" % len(lex.stop_words)
    except LookupError:
        stop = "no stop words (sumy ships none for Arabic)"
    stem = "sumy's Arabic stemmer (NLTK Snowball)" if stemmed else "no stemmer"
    return lex, "LexRank, 3 sentences per article, %s, %s, regex tokenizer" % (stem, stop)


def config():
    from importlib.metadata import version

    for p in ["sentencex", "pysbd", "sumy", "nltk", "numpy"]:
        print("python package %s %s" % (p, version(p)))
    for stemmed in (True, False):
        print("sumy LexRank%s: %s" % (" (stemmed)" if stemmed else "", lexrank(stemmed)[1]))
    print("pySBD: Segmenter(language='ar', clean=False), one call per non-blank line")
    print("sentencex (Python): segment('ar', line), one call per non-blank line")


def main():
    if sys.argv[1:] == ["--config"]:
        config()
        return
    path = sys.argv[1]
    texts = [json.loads(l)["text"] for l in open(path, encoding="utf-8")]
    total = sum(len(t.encode()) for t in texts)
    warm = texts[:20]
    warm_lines = lines_of(warm)
    text_chunks = [texts[i : i + CHUNK] for i in range(0, len(texts), CHUNK)]
    line_chunks = [lines_of(c) for c in text_chunks]
    # The same chunks twice: lines for a peer, whole articles for khabar.
    split_chunks = list(zip(line_chunks, text_chunks))

    import khabar

    def khabar_split(ts):
        return sum(len(khabar.split(t)) for t in ts)

    def khabar_analyze(ts):
        return sum(len(khabar.analyze(t, sentences=3)["summary"]) for t in ts)

    khabar_split(warm)
    khabar_analyze(warm)

    import sentencex

    def split_sentencex(ls):
        return sum(len(list(sentencex.segment("ar", l))) for l in ls)

    split_sentencex(warm_lines)
    paired("sentencex (Python)", "split", total, split_chunks, split_sentencex, khabar_split)

    import pysbd

    seg = pysbd.Segmenter(language="ar", clean=False)

    def split_pysbd(ls):
        return sum(len(seg.segment(l)) for l in ls)

    split_pysbd(warm_lines)
    paired("pySBD", "split", total, split_chunks, split_pysbd, khabar_split)

    from sumy.parsers.plaintext import PlaintextParser

    tok = Tokenizer()
    for stemmed in (True, False):
        lex, _ = lexrank(stemmed)

        def summarize(ts):
            n = 0
            for text in ts:
                doc = PlaintextParser.from_string(text, tok).document
                n += len(lex(doc, 3))
            return n

        summarize(warm)
        name = "sumy LexRank (stemmer)" if stemmed else "sumy LexRank (no stemmer)"
        paired(name, "summarize", total, list(zip(text_chunks, text_chunks)), summarize, khabar_analyze)


if __name__ == "__main__":
    main()
