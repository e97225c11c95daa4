#!/usr/bin/env python3
"""Time the Python peers on the same texts as scripts/peers-rs (called by compare_peers.sh).

Usage: peers_py.py TEXTS.jsonl          one timed pass per tool over all the texts
       peers_py.py --config            print the tools' configuration and versions

Like scripts/peers-rs, one call is one round: every tool makes one untimed warm-up pass over
the first articles, then one timed pass over all of them (the same sample as every other
tool); the driver alternates rounds with the Rust harness and keeps the best and the
median. Prints one tab-separated line per tool: tool, task, bytes of article text, wall
seconds, on-CPU seconds of this (only) thread (time.thread_time), count. Splitters get one call per non-blank line; sumy LexRank one call per
article for 3 sentences, once with sumy's Arabic stemmer (NLTK's Snowball) and once
without a stemmer.
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
    lines, warm_lines = lines_of(texts), lines_of(warm)

    import sentencex

    def split_sentencex(ls):
        return sum(len(list(sentencex.segment("ar", l))) for l in ls)

    split_sentencex(warm_lines)
    with Timer() as t:
        n = split_sentencex(lines)
    report("sentencex (Python)", "split", total, t, n)

    import pysbd

    seg = pysbd.Segmenter(language="ar", clean=False)

    def split_pysbd(ls):
        return sum(len(seg.segment(l)) for l in ls)

    split_pysbd(warm_lines)
    with Timer() as t:
        n = split_pysbd(lines)
    report("pySBD", "split", total, t, n)

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
        with Timer() as t:
            n = summarize(texts)
        name = "sumy LexRank (stemmer)" if stemmed else "sumy LexRank (no stemmer)"
        report(name, "summarize", total, t, n)


if __name__ == "__main__":
    main()
