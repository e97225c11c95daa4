#!/usr/bin/env python3
"""Count summary items that are not clean summary text, over an archive of news articles.

usage: summary_archive_check.py [ARCHIVE.jsonl.gz] [--n 1000] [--bin target/release/khabar]
                                [--max-bad 0] [--show 5] [--analysis OUT.jsonl]

Runs `khabar analyze --jsonl` on the first N articles and checks every summary item (3
sentences, the default budget) with rules written here independently of the library's:

- dateline: the item starts inside a dateline span that the analysis reports for its
  sentence, or starts like one: `PLACE - AGENCY:`، `NAME- OUTLET- PLACE:`,
  `PLACE (AGENCY) -`، `{section: outlet}`;
- list: the item starts with a bullet, a dash, or a number followed by `-`, `)` or `. `
  (counted apart when the whole body is a list, where the summary is made of its items);
- short: the item has fewer than 4 words.

Prints the counts (and a few examples of each); exits 1 when there are more than --max-bad
bad items in all. Skips (exit 0) when the archive is absent.
"""
import gzip
import json
import os
import re
import subprocess
import sys


def arg(name, default):
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return default


DASH = "[-\u2013\u2014]"
WORD = r"[^\s:()\u060c,]+"
# PLACE - AGENCY:   NAME- OUTLET- PLACE:   PLACE (AGENCY) -   {section: outlet}
DATELINE = re.compile(
    r"^\s*(?:(?:" + WORD + r"\s*){1,4}" + DASH + r"\s*(?:" + WORD + r"\s*){0,4}:"
    r"|(?:" + WORD + r"\s+){0,2}" + WORD + r"\s*\((?:[^()\s]+\s*){1,4}\)\s*" + DASH +
    r"|\{[^}]{1,40}\})")
BIDI = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
LIST = re.compile(r"^\s*(?:[0-9\u0660-\u0669\u06f0-\u06f9]{1,3}\s*(?:[-\u2013)]\s*\D|\.\s)|[*\u2022\u00b7\u25aa\u25cf\u25e6\u25a0\u25ba\u25cb]|[-\u2013\u2014])")


def starts_line(s, sentences, i):
    return i == 0 or sentences[i - 1]["paragraph"] != s["paragraph"]


def list_only(sentences):
    """True when the body has no story sentence besides list items: no body line of 4 words
    or more, mostly Arabic, ending with sentence-final punctuation, that is not a list item
    or a lead-in ending with a colon (a statement in bullet points, tips, a recipe)."""
    lines = {}
    for s in sentences:
        if s.get("kind") == "body":
            lines.setdefault(s["paragraph"], []).append(s["text"])
    for parts in lines.values():
        line = BIDI.sub("", " ".join(parts)).strip()
        arabic = sum(1 for c in line if "\u0600" <= c <= "\u06ff")
        latin = sum(1 for c in line if c.isascii() and c.isalpha())
        story = (len(line.split()) >= 4 and arabic > latin and not LIST.match(line)
                 and line.rstrip("\"'»” )").endswith((".", "!", "?", "\u061f", "\u2026")))
        if story:
            return False
    return True


def problems(item, sentences):
    t = item["text"]
    out = []
    for s in sentences:
        d = s.get("dateline")
        if d and s["start"] <= item["start"] < s["end"] and item["start"] < d["end"]:
            out.append("dateline")
            break
    else:
        if DATELINE.match(t):
            out.append("dateline")
    if LIST.match(t):
        out.append("list_in_list_only_body" if list_only(sentences) else "list")
    if len(t.split()) < 4:
        out.append("short")
    return out


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    shared = os.environ.get("SHARED", os.path.join(root, "..", "shared"))
    pos = [a for a in sys.argv[1:] if not a.startswith("--")]
    flagged = {sys.argv[i + 1] for i, a in enumerate(sys.argv[:-1]) if a.startswith("--")}
    pos = [a for a in pos if a not in flagged]
    path = pos[0] if pos else os.path.join(shared, "corpora/saudinewsnet/saudinewsnet.jsonl.gz")
    n = int(arg("--n", "1000"))
    binary = arg("--bin", os.path.join(root, "target/release/khabar"))
    max_bad = int(arg("--max-bad", "0"))
    show = int(arg("--show", "5"))
    if not os.path.exists(path):
        print(f"skip: {path} not found")
        return 0
    lines = []
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                lines.append(line)
            if len(lines) >= n:
                break
    given = arg("--analysis", "")
    if given:
        # The records of an earlier run (to compare binaries): its first N lines.
        out = "".join(open(given, encoding="utf-8").readlines()[:n])
    else:
        out = subprocess.run([binary, "analyze", "--jsonl", "--quiet", "--fields",
                              "sentences,summary"], input="".join(lines), capture_output=True,
                             text=True, check=True).stdout
    counts = {"articles": 0, "items": 0, "dateline": 0, "list": 0, "short": 0,
              "list_in_list_only_body": 0}
    examples = {k: [] for k in ("dateline", "list", "short", "list_in_list_only_body")}
    for line in out.splitlines():
        r = json.loads(line)
        counts["articles"] += 1
        for item in r.get("summary", []):
            counts["items"] += 1
            for p in problems(item, r.get("sentences", [])):
                counts[p] += 1
                if len(examples[p]) < show:
                    examples[p].append(f"{r['id']}: {item['text'][:90]}")
    bad = counts["dateline"] + counts["list"] + counts["short"]
    print(" ".join(f"{k} {v}" for k, v in counts.items()) + f" bad {bad}")
    for k, v in examples.items():
        for e in v:
            print(f"  {k}: {e}")
    if bad > max_bad:
        print(f"FAIL: {bad} bad summary items (max {max_bad})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
