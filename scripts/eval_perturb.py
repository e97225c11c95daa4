#!/usr/bin/env python3
"""eval_perturb.py GOLD.jsonl SEED > SYSTEM.jsonl

Make a plausible but imperfect system output from a gold file, to check that `khabar eval
--system` and score.py agree on every path of the scorer: partial and duplicate quote
contents (ties), optional quotes, speakers right, wrong, empty, null or too long, merged and
split sentences, summaries as objects or strings, missing keys, missing and extra articles.
Nothing is written to the repository: the output goes to stdout.
"""
import json
import random
import sys


def words(s):
    return s.split()


def vary_content(rng, c, text):
    w = words(c)
    r = rng.random()
    if r < 0.3 or len(w) < 3:
        return c
    if r < 0.5:
        k = rng.randint(1, max(1, len(w) // 2))
        return " ".join(w[k:])
    if r < 0.65:
        return " ".join(w[: max(1, len(w) - rng.randint(1, len(w) - 1))])
    if r < 0.8:
        extra = words(text)
        return c + " " + " ".join(rng.sample(extra, min(len(extra), rng.randint(1, 6))))
    if r < 0.9:
        return "«" + c + "»"
    return " ".join(rng.sample(w, len(w)))


def speaker(rng, q, text):
    r = rng.random()
    aliases = q.get("speaker_aliases") or [""]
    other = " ".join(rng.sample(words(text), min(3, len(words(text)))))
    if r < 0.1:
        return None
    if r < 0.2:
        return {}
    if r < 0.45:
        return {"text": rng.choice(aliases), "name": q.get("speaker", "")}
    if r < 0.6:
        return {"text": q.get("cue", ""), "name": rng.choice(aliases)}
    if r < 0.7:
        return {"text": rng.choice(aliases), "name": ""}
    if r < 0.8:
        return {"text": other, "name": other}
    if r < 0.9:  # over 12 tokens: skipped, the mention text decides
        return {"text": rng.choice(aliases), "name": (other + " ") * 5}
    return {"text": "", "name": None}


def system_for(rng, g):
    text = g["text"]
    out = {"id": g["id"]}
    if rng.random() < 0.9:
        qs = []
        for q in g.get("quotes", []):
            if rng.random() < 0.75:
                qs.append({"kind": rng.choice(["direct", "indirect", "mixed", q["kind"], q["kind"]]),
                           "content": {"text": vary_content(rng, q["content"], text)},
                           "cue": {"text": q.get("cue", "")} if rng.random() < 0.8 else None,
                           "speaker": speaker(rng, q, text)})
                if rng.random() < 0.1:  # a duplicate: ties in the pairing
                    qs.append(dict(qs[-1]))
        sents = g.get("sentences") or []
        for _ in range(rng.randint(0, 3)):
            if sents:
                s = rng.choice(sents)
                qs.append({"kind": "indirect", "content": rng.choice([{"text": s}, s, None, {}]),
                           "speaker": {"text": s[:20], "name": ""}})
        rng.shuffle(qs)
        out["quotes"] = qs
    sents = g.get("sentences")
    r = rng.random()
    if sents is not None and r < 0.85:
        ss, i = [], 0
        while i < len(sents):
            x = rng.random()
            if x < 0.08 and i + 1 < len(sents):
                ss.append(sents[i] + " " + sents[i + 1])
                i += 2
                continue
            w = words(sents[i])
            if x < 0.14 and len(w) > 3:
                k = rng.randint(1, len(w) - 1)
                ss += [" ".join(w[:k]), " ".join(w[k:])]
            elif x < 0.17:
                ss.append("  " + sents[i] + "\n")
            elif x < 0.19:
                pass
            else:
                ss.append(sents[i])
            i += 1
        out["sentences"] = [{"text": s} if rng.random() < 0.9 else s for s in ss]
    elif r < 0.92:
        out["sentences"] = None
    summ = g.get("summary") or []
    r = rng.random()
    if r < 0.85:
        pool = list(summ) + list(sents or [])
        pick = rng.sample(pool, min(len(pool), rng.randint(0, 4)))
        out["summary"] = [{"text": p} if rng.random() < 0.8 else p for p in pick]
    elif r < 0.92:
        out["summary"] = None
    return out


def main():
    gold_path, seed = sys.argv[1], int(sys.argv[2])
    rng = random.Random(seed)
    gold = [json.loads(l) for l in open(gold_path, encoding="utf-8") if l.strip()]
    for g in gold:
        if rng.random() < 0.05:
            continue  # missing in system
        print(json.dumps(system_for(rng, g), ensure_ascii=False))
        if rng.random() < 0.03:
            print(json.dumps({"id": str(g["id"]) + "-extra", "quotes": []}, ensure_ascii=False))
    print(json.dumps({"note": "a record without id is ignored"}))


if __name__ == "__main__":
    main()
