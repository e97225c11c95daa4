#!/usr/bin/env python3
"""Cross-fitted evaluation of the summary ranking: fit on one fold, score on the other.

usage: python3 scripts/summary_crossfit.py [--splits 5] [--seed 12] [--fit pooled|separate]
                                           [--sets position,+keyword,all]
                                           [--bin target/release/khabar]
                                           [--fitter target/release/examples/fit_summary_weights]

For each of --splits random 2-fold splits of the EASC dev half (`easc_dev.jsonl`) and of the
news dev articles (`dev.jsonl`), and for each feature set below, the weights are fitted with
the shipped fitter (`examples/fit_summary_weights.rs`, feature set in $FEATURES) on one fold
(`--fit pooled`, the default and what ships: the EASC fold and the news fold together;
`separate`: each data set on its own fold) and the other fold is summarized with
`khabar summarize --weights`; both directions together give every article a held-out
summary. Scored with the reference scorers:

- EASC: `easc_score.py` (ROUGE-1 at the human summaries' mean length, `--words N`), against
  Lead at the same length: the held-out diff and its 95% bootstrap CI;
- news: `score.py` (3 sentences, ROUGE-1 against the gold summary), against the cleaned
  first three body sentences (`khabar summarize --lead`): held-out diff, with a paired
  bootstrap CI.

Feature sets: `position` (where the unit is, and the penalties: position, relative, first,
paragraph_start, short, long, dangling, question, unterminated), `+keyword` (and keyword,
centroid, title), `all` (every feature, as the fitter does by default). A set earns its place
over a smaller one only if it is better on held-out articles in every split of both data
sets. Prints one line per split and set, then the means. Skips when ../shared is absent.
"""
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SHARED = os.environ.get("SHARED", os.path.join(ROOT, "..", "shared"))
EVAL = os.path.join(SHARED, "eval")

POSITION = ["position", "relative", "first", "paragraph_start", "short", "long", "dangling",
            "question", "unterminated"]
SETS = {
    "position": POSITION,
    "+keyword": POSITION + ["keyword", "centroid", "title"],
    "all": None,
}


def arg(name, default):
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return default


BIN = arg("--bin", os.path.join(ROOT, "target/release/khabar"))
FITTER = arg("--fitter", os.path.join(ROOT, "target/release/examples/fit_summary_weights"))
sys.path.insert(0, EVAL)


def load(path):
    return [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]


def fit(records, features, tmp):
    """Weights fitted on `records` (EASC or news gold records) with the given feature set."""
    data = os.path.join(tmp, "fit.jsonl")
    with open(data, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    env = dict(os.environ)
    env.pop("FEATURES", None)
    if features is not None:
        env["FEATURES"] = ",".join(features)
    w = subprocess.run([FITTER, data], capture_output=True, text=True, check=True, env=env).stdout
    path = os.path.join(tmp, f"w{random.random()}.txt")
    open(path, "w").write(w)
    return path


def summarize_words(article, words, weights=None, lead=False):
    """`khabar summarize --words N` of one article (text on stdin): the summary pieces."""
    cmd = [BIN, "summarize", "--quiet", "--json", "--words", str(words)]
    if weights:
        cmd += ["--weights", weights]
    if lead:
        cmd += ["--lead"]
    out = subprocess.run(cmd, input=article, capture_output=True, text=True, check=True).stdout
    return [p["text"] for p in json.loads(out)["summary"]]


def summarize_news(records, weights=None, lead=False):
    """`khabar summarize --sentences 3` of news records: id -> pieces."""
    cmd = [BIN, "summarize", "--quiet", "--json", "--jsonl", "--sentences", "3"]
    if weights:
        cmd += ["--weights", weights]
    if lead:
        cmd += ["--lead"]
    inp = "".join(json.dumps({"id": r["id"], "title": r.get("title") or "", "text": r["text"]},
                             ensure_ascii=False) + "\n" for r in records)
    out = subprocess.run(cmd, input=inp, capture_output=True, text=True, check=True).stdout
    res = {}
    for line in out.splitlines():
        r = json.loads(line)
        res[r["id"]] = [p["text"] for p in r.get("summary", [])]
    return res


def bootstrap(diffs, n=2000, seed=7):
    rnd = random.Random(seed)
    means = sorted(statistics.mean(rnd.choice(diffs) for _ in diffs) for _ in range(n))
    return means[int(0.025 * n)], means[int(0.975 * n)]


def easc_budget(d):
    return round(statistics.mean(len(s.split()) for s in d["summaries"]))


def halves(items, rnd):
    ids = [x["id"] for x in items]
    rnd.shuffle(ids)
    return set(ids[: len(ids) // 2]), set(ids[len(ids) // 2:])


def one_split(easc, gold, rnd, features, tmp, pool, lead_out, pooled):
    """One random 2-fold split of both data sets: fit on one fold (of EASC and news
    together when `pooled`, else of each data set alone), score the other, and back.
    Returns the held-out rows (source, system R1, baseline R1) of each data set."""
    import easc_score
    import score
    e_folds, n_folds = halves(easc, rnd), halves(gold, rnd)
    rows = {"easc": [], "news": []}
    for k in (0, 1):
        e_train = [d for d in easc if d["id"] in e_folds[k]]
        n_train = [g for g in gold if g["id"] in n_folds[k]]
        if pooled:
            w_e = w_n = fit(e_train + n_train, features, tmp)
        else:
            w_e, w_n = fit(e_train, features, tmp), fit(n_train, features, tmp)
        test = [d for d in easc if d["id"] in e_folds[1 - k]]
        outs = pool.map(lambda d: summarize_words(d["article"], easc_budget(d), w_e), test)
        for d, pieces in zip(test, outs):
            text = "\n".join(pieces)
            n = len(text.split())
            lead = " ".join(d["article"].split()[:n])
            s = easc_score.score(text, d["summaries"])["rouge1"]
            l = easc_score.score(lead, d["summaries"])["rouge1"]
            rows["easc"].append((d.get("source", ""), s, l))
        test = [g for g in gold if g["id"] in n_folds[1 - k]]
        out = summarize_news(test, w_n)
        for g in test:
            ref = score.tokens(" ".join(g["summary"]))
            s = score.rouge(score.tokens(" ".join(out.get(g["id"], []))), ref, 1)
            l = score.rouge(score.tokens(" ".join(lead_out.get(g["id"], []))), ref, 1)
            rows["news"].append((g["id"], s, l))
    return rows


def report(name, rows):
    diffs = [s - l for _, s, l in rows]
    lo, hi = bootstrap(diffs)
    return (statistics.mean(s for _, s, _ in rows), statistics.mean(l for _, _, l in rows),
            statistics.mean(diffs), lo, hi)


def main():
    if not os.path.exists(os.path.join(EVAL, "easc_dev.jsonl")):
        print(f"skip: {EVAL} not found")
        return 0
    for p in (BIN, FITTER):
        if not os.path.exists(p):
            sys.exit(f"{p} missing: cargo build --release -p khabar-cli && "
                     "cargo build --release --example fit_summary_weights")
    splits = int(arg("--splits", "5"))
    seed = int(arg("--seed", "12"))
    sets = arg("--sets", ",".join(SETS)).split(",")
    easc = load(os.path.join(EVAL, "easc_dev.jsonl"))
    gold = [g for g in load(os.path.join(EVAL, "dev.jsonl")) if g.get("summary")]
    lead_out = summarize_news(gold, lead=True)
    pooled = arg("--fit", "pooled") == "pooled"
    results = {}
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(2) as pool:
        for k in range(splits):
            for name in sets:
                rows = one_split(easc, gold, random.Random(seed * 1000 + k), SETS[name], tmp,
                                 pool, lead_out, pooled)
                for data, base in (("easc", "lead"), ("news", "lead3")):
                    r = report(name, rows[data])
                    results.setdefault((data, name), []).append((r, rows[data]))
                    print(f"{data} split {k} {name:9s} held-out R1 {r[0]:.4f} {base} {r[1]:.4f} "
                          f"diff {r[2]:+.4f} 95% CI [{r[3]:+.4f}, {r[4]:+.4f}]", flush=True)
    print("== means over splits (diff: held-out system minus Lead; CI of the pooled "
          "per-article diffs)")
    for (data, name), rs in sorted(results.items()):
        pooled = [row for _, rows in rs for row in rows]
        r = report(name, pooled)
        diffs = [x[0][2] for x in rs]
        print(f"{data} {name:9s} R1 {r[0]:.4f} lead {r[1]:.4f} diff {r[2]:+.4f} "
              f"95% CI [{r[3]:+.4f}, {r[4]:+.4f}]  per split {min(diffs):+.4f}..{max(diffs):+.4f}")
        if data == "easc":
            by = {}
            for src, s, l in pooled:
                by.setdefault(src, []).append(s - l)
            print("     by source: " + "; ".join(
                f"{src} {statistics.mean(v):+.4f} (n {len(v) // len(rs)})"
                for src, v in sorted(by.items())))
    # Does a larger set earn its place? Better than the smaller one in every split.
    for data in ("easc", "news"):
        for small, big in (("position", "+keyword"), ("+keyword", "all"), ("position", "all")):
            if (data, small) in results and (data, big) in results:
                a = [x[0][0] for x in results[(data, small)]]
                b = [x[0][0] for x in results[(data, big)]]
                wins = sum(1 for x, y in zip(a, b) if y > x)
                print(f"{data}: {big} over {small}: better in {wins}/{len(a)} splits "
                      f"(mean {statistics.mean(b) - statistics.mean(a):+.4f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
