#!/usr/bin/env python3
"""peers_gate.py [PEERS.jsonl] [--bin target/release/khabar] [--min-hard 47] [-v]

Runs `khabar split --json` on every case of ../shared/peers/segmentation_ar.jsonl (the text
on stdin) and compares the sentence texts with the case's `sentences` or any of its
`alternatives` (each alternative is a full list of sentences).

Floors: every case whose `news_compatible` is not false must pass, and at least
--min-hard of the news hard cases (those with a `category`). Prints the counts and every
failure; exits 1 when a floor is missed.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    path = os.path.join(HERE, "..", "..", "shared", "peers", "segmentation_ar.jsonl")
    binary = os.path.join(HERE, "..", "target", "release", "khabar")
    min_hard = 47
    rest = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--bin":
            binary = args[i + 1]
            i += 2
            continue
        if a == "--min-hard":
            min_hard = int(args[i + 1])
            i += 2
            continue
        if a != "-v":
            rest.append(a)
        i += 1
    if rest:
        path = rest[0]
    cases = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]

    peer_total = peer_pass = hard_total = hard_pass = skipped = 0
    failures = []
    for c in cases:
        if c.get("news_compatible") is False:
            skipped += 1
            continue
        out = subprocess.run([binary, "split", "--json"], input=c["text"].encode("utf-8"),
                             capture_output=True, check=True).stdout.decode("utf-8")
        got = [json.loads(l)["text"] for l in out.splitlines() if l.strip()]
        accepted = [c["sentences"]] + list(c.get("alternatives") or [])
        ok = any(got == [s.strip() for s in alt] for alt in accepted)
        hard = "category" in c
        if hard:
            hard_total += 1
            hard_pass += ok
        else:
            peer_total += 1
            peer_pass += ok
        if not ok:
            failures.append((c, got))
        elif verbose:
            print(f"ok   {c['id']}")

    for c, got in failures:
        print(f"FAIL {c['id']} ({c.get('category') or c.get('convention')})")
        print("     want:", json.dumps(c["sentences"], ensure_ascii=False))
        print("     got: ", json.dumps(got, ensure_ascii=False))
    print(f"peer cases (news_compatible not false): {peer_pass}/{peer_total} (floor: all)")
    print(f"news hard cases: {hard_pass}/{hard_total} (floor: {min_hard})")
    print(f"skipped (news_compatible false): {skipped}")
    bad = peer_pass < peer_total or hard_pass < min_hard
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
