#!/usr/bin/env python3
"""check_floors.py SCORE.json metric=floor ... — print each metric and fail if any is under
its floor (or missing)."""
import json
import sys

res = json.load(open(sys.argv[1]))
bad = 0
for arg in sys.argv[2:]:
    k, v = arg.split("=")
    got = res.get(k)
    ok = isinstance(got, (int, float)) and got >= float(v)
    print(f"{'ok  ' if ok else 'FAIL'} {k:24s} {got if got is None else round(got, 4)} (floor {v})")
    bad += not ok
sys.exit(1 if bad else 0)
