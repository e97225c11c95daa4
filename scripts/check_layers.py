#!/usr/bin/env python3
"""One-way layers: fail on an import that goes up a layer, or on an import cycle.

Reads every `crate::…` and `super::…` path in the code (comments and doc comments are
skipped) of the library (`src/`) and of the CLI (`cli/src/`), and checks:

1. between the top-level modules of each crate: a module imports only modules of its own
   layer or below (LAYERS), and the module graph has no cycle;
2. between the files and subdirectories of one module directory (siblings such as
   `quotes/view.rs` and `quotes/rules/`, or `quotes/rules/cue.rs` and
   `quotes/rules/relay.rs`): no cycle. A child naming its parent's items (`super::Raw`) and the
   parent's `mod`/`pub use` of its children are the module's own structure, not layering.

The crate roots (`src/lib.rs`, `cli/src/main.rs`) are façades: they declare and re-export,
and nothing may import from them (checked: `crate::X` for an item X of the root fails).

Usage: python3 scripts/check_layers.py [--graph]   (--graph prints the sibling imports; exit 1 and a list of violations on failure)
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lower number = lower layer. Every top-level module must be listed.
LAYERS = {
    "src": {
        # text primitives
        "chars": 0,
        "hash": 0,
        "data": 0,
        "span": 1,
        "fold": 2,
        "speaker_key": 3,
        # stages, bottom up
        "tokens": 3,
        "segment": 3,
        "quotes": 4,
        "summary": 5,
        # the pipeline and its output record
        "analysis": 6,
        "output": 7,
    },
    "cli/src": {
        "input": 0,
        "record": 1,
        "output": 1,
        "batch": 2,
        "analyze_cmd": 3,
        "split_cmd": 3,
        "quotes_cmd": 3,
        "summarize_cmd": 3,
        "eval": 4,
        "html": 4,
        "index": 4,
    },
}
ROOT_FILES = {"src": "lib.rs", "cli/src": "main.rs"}

PATH_RE = re.compile(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)+|::\{)")
USE_GROUP_RE = re.compile(r"\buse\s+(crate|super)::\{([^;]*)\};", re.S)


def code_of(text):
    """The text without comments and string literals (roughly: enough for paths)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    out = []
    for line in text.splitlines():
        # strip string literals first so that "//" inside them is kept out
        line = re.sub(r'"(?:\\.|[^"\\])*"', '""', line)
        k = line.find("//")
        out.append(line if k < 0 else line[:k])
    return "\n".join(out)


def module_of(crate_dir, f):
    """(top-level module, directory-relative module path) of a source file."""
    rel = f.relative_to(crate_dir).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "mod":
        parts = parts[:-1]
    return parts


def resolve(crate_dir, parts, kind, segs):
    """The module path (list) that `kind::segs` names, as deep as files exist."""
    if kind == "crate":
        base = []
    else:  # super: the parent of the current module
        base = parts[:-1]
        while segs and segs[0] == "super":
            base = base[:-1]
            segs = segs[1:]
    mod = list(base)
    for s in segs:
        cand = crate_dir.joinpath(*mod, s)
        if cand.with_suffix(".rs").exists() or (cand / "mod.rs").exists():
            mod.append(s)
        else:
            break
    return mod


def paths_in(code):
    """Every (kind, [segments]) path of the code, `use` groups expanded one level."""
    found = []
    for m in USE_GROUP_RE.finditer(code):
        kind, body = m.group(1), m.group(2)
        for item in re.split(r",(?![^{]*\})", body):
            item = item.strip()
            if item:
                segs = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", item.split("{")[0])
                found.append((kind, segs))
    code = USE_GROUP_RE.sub("", code)
    for m in PATH_RE.finditer(code):
        segs = [s for s in m.group(2).split("::") if s and s != "{"]
        found.append((m.group(1), segs))
    return found


def root_items(crate_dir):
    text = code_of((crate_dir / ROOT_FILES[str(crate_dir.relative_to(ROOT))]).read_text())
    items = set(
        re.findall(
            r"^(?:pub(?:\([^)]*\))?\s+)?(?:fn|struct|enum|const|static|type|trait)\s+([A-Za-z_][A-Za-z0-9_]*)",
            text,
            re.M,
        )
    )
    return items


def find_cycle(graph):
    color = {}
    stack = []

    def dfs(n):
        color[n] = 1
        stack.append(n)
        for m in sorted(graph.get(n, ())):
            if color.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if color.get(m) is None:
                c = dfs(m)
                if c:
                    return c
        color[n] = 2
        stack.pop()
        return None

    for n in sorted(graph):
        if color.get(n) is None:
            c = dfs(n)
            if c:
                return c
    return None


def check(crate_rel):
    crate_dir = ROOT / crate_rel
    layers = LAYERS[crate_rel]
    root_file = crate_dir / ROOT_FILES[crate_rel]
    forbidden_root = root_items(crate_dir)
    errors = []
    top = {}  # top-level module graph
    local = {}  # per directory: sibling graph
    for f in sorted(crate_dir.rglob("*.rs")):
        if f == root_file:
            continue
        parts = module_of(crate_dir, f)
        me = parts[0]
        if me not in layers:
            errors.append(f"{f.relative_to(ROOT)}: module `{me}` has no layer in scripts/check_layers.py")
            continue
        code = code_of(f.read_text())
        # the tests of a file may use anything (they are not part of the layering)
        code = re.split(r"#\[cfg\(test\)\]\s*mod\s+\w+", code)[0]
        for kind, segs in paths_in(code):
            if kind == "crate" and segs and segs[0] in forbidden_root:
                errors.append(f"{f.relative_to(ROOT)}: imports `crate::{segs[0]}` from the crate root")
                continue
            target = resolve(crate_dir, parts, kind, segs)
            if not target:
                continue
            other = target[0]
            if other != me:
                top.setdefault(me, set()).add(other)
                if other in layers and layers[other] > layers[me]:
                    errors.append(
                        f"{f.relative_to(ROOT)}: `{me}` (layer {layers[me]}) imports `{other}` "
                        f"(layer {layers[other]}) via {kind}::{'::'.join(segs)}"
                    )
            else:
                # Siblings inside one directory, at every level: `quotes/rules/cue.rs` naming
                # `quotes/speaker/phrase.rs` is an edge rules -> speaker in `quotes/`, and one
                # naming `quotes/rules/relay.rs` an edge cue -> relay in `quotes/rules/`.
                # A child naming an item of an ancestor module (`crate::quotes::Raw`) is none.
                for lvl in range(1, len(parts)):
                    if target[:lvl] != parts[:lvl]:
                        break
                    if len(target) > lvl and target[lvl] != parts[lvl]:
                        d = "/".join(parts[:lvl])
                        local.setdefault(d, {}).setdefault(parts[lvl], set()).add(target[lvl])
                        break
    if "--graph" in sys.argv:
        for d, g in sorted(local.items()):
            for a in sorted(g):
                print(f"{crate_rel}/{d}: {a} -> {', '.join(sorted(g[a]))}")
    for where, g in [(crate_rel + " modules", top)] + [
        (f"{crate_rel}/{d} files", g) for d, g in sorted(local.items())
    ]:
        # every cycle: report one, cut its last edge, look again
        while cyc := find_cycle(g):
            errors.append(f"{where}: import cycle: {' -> '.join(cyc)}")
            g[cyc[-2]].discard(cyc[-1])
    return errors, top


def main():
    all_errors = []
    for crate_rel in LAYERS:
        errors, top = check(crate_rel)
        all_errors += errors
        edges = sum(len(v) for v in top.values())
        print(f"{crate_rel}: {len(LAYERS[crate_rel])} modules, {edges} module imports checked")
    if all_errors:
        print("\n".join(all_errors))
        print(f"check_layers: {len(all_errors)} violation(s)")
        return 1
    print("check_layers: imports go down only, no cycles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
