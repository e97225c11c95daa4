#!/usr/bin/env python3
"""Time the Python peers on the same texts as scripts/peers-rs (called by compare_peers.sh).

Usage: peers_py.py TEXTS.jsonl SPLIT_MB SUMY_MB

Prints one tab-separated line per tool: tool, task, bytes, seconds, count. Slow peers run on
a prefix of the articles (SPLIT_MB for pySBD, SUMY_MB for sumy), reported with the bytes
they actually processed, so MB/s stay comparable. Splitters get one call per non-blank line
(as the anchors measured them); sumy LexRank one call per article, 3 sentences.
"""
import json
import re
import sys
import time


def prefix(texts, mb):
    out, size = [], 0
    for t in texts:
        if size >= mb * 1e6:
            break
        out.append(t)
        size += len(t.encode())
    return out, size


def lines_of(texts):
    return [l for t in texts for l in t.split("\n") if l.strip()]


def report(tool, task, nbytes, secs, count):
    print(f"{tool}\t{task}\t{nbytes}\t{secs:.6f}\t{count}", flush=True)


def main():
    path, split_mb, sumy_mb = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    texts = [json.loads(l)["text"] for l in open(path, encoding="utf-8")]
    total = sum(len(t.encode()) for t in texts)

    import sentencex

    lines = lines_of(texts)
    t = time.perf_counter()
    n = sum(len(list(sentencex.segment("ar", l))) for l in lines)
    report("sentencex (Python)", "split", total, time.perf_counter() - t, n)

    import pysbd

    sub, nbytes = prefix(texts, split_mb)
    seg = pysbd.Segmenter(language="ar", clean=False)
    t = time.perf_counter()
    n = sum(len(seg.segment(l)) for l in lines_of(sub))
    report("pySBD", "split", nbytes, time.perf_counter() - t, n)

    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

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

    try:
        stemmer = Stemmer("arabic")
    except Exception:  # noqa: BLE001 - a stemmer is optional for LexRank
        stemmer = None
    lex = LexRankSummarizer(stemmer) if stemmer else LexRankSummarizer()
    try:
        from sumy.utils import get_stop_words

        lex.stop_words = get_stop_words("arabic")
    except Exception:  # noqa: BLE001 - sumy ships no Arabic stop words in some versions
        pass
    tok = Tokenizer()
    sub, nbytes = prefix(texts, sumy_mb)
    t = time.perf_counter()
    n = 0
    for text in sub:
        doc = PlaintextParser.from_string(text, tok).document
        n += len(lex(doc, 3))
    report("sumy LexRank", "summarize", nbytes, time.perf_counter() - t, n)


if __name__ == "__main__":
    main()
