#!/usr/bin/env python3
"""Count the Arabic string literals in code (not comments, not `#[cfg(test)]` modules).

Usage: python3 scripts/arabic_literals.py [-v] [--max N] [DIR ...]   (default: src/quotes)
Prints one line per file (count, path) and the total; `-v` lists the literals too; with
`--max N` it fails (exit 1) when the total is above N (a word list creeping back into code).
Word lists belong in `data/`; what stays in code are single structural particles.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARABIC = re.compile(r"[\u0600-\u06FF]")
LIT = re.compile(r'"((?:\\.|[^"\\])*)"')


def code_lines(text):
    text = re.split(r"#\[cfg\(test\)\]\s*mod\s+\w+", text)[0]
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("//"):
            continue
        # drop a trailing comment outside string literals
        out, in_str, i = [], False, 0
        while i < len(line):
            c = line[i]
            if c == "\\" and in_str:
                out.append(line[i : i + 2])
                i += 2
                continue
            if c == '"':
                in_str = not in_str
            if not in_str and line.startswith("//", i):
                break
            out.append(c)
            i += 1
        yield "".join(out)


def main():
    argv = sys.argv[1:]
    limit = None
    if "--max" in argv:
        k = argv.index("--max")
        limit = int(argv[k + 1])
        del argv[k : k + 2]
    args = [a for a in argv if a != "-v"]
    verbose = "-v" in argv
    dirs = [ROOT / a for a in args] or [ROOT / "src" / "quotes"]
    total = 0
    for d in dirs:
        for f in sorted(d.rglob("*.rs")):
            lits = [m.group(1) for l in code_lines(f.read_text()) for m in LIT.finditer(l)]
            lits = [x for x in lits if ARABIC.search(x)]
            total += len(lits)
            if lits:
                print(f"{len(lits):4} {f.relative_to(ROOT)}")
                if verbose:
                    print("     " + " ".join(lits))
    print(f"{total:4} total")
    if limit is not None and total > limit:
        print(f"arabic_literals: {total} Arabic literals in code, more than {limit}: put word lists in data/")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
