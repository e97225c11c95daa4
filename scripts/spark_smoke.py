#!/usr/bin/env python3
"""khabar under Apache Spark in cluster mode: run by scripts/spark_smoke.sh through
``spark-submit --master local-cluster[2,1,1024] --files khabar,khabar-killed.sh
--py-files scripts/khabar_spark.py`` (two workers, executors in their own JVMs; nothing
below uses a path of the driver on an executor).

usage: spark_smoke.py INPUT N   (INPUT: JSON lines, optionally .gz, or a directory of .txt
and .jsonl files cycled into N records; the binary is the local ./khabar the job shipped)

Checks, each printed with its figure; any failure exits 1:
  1. mapPartitions + subprocess (khabar_spark.run_lines): N records, each output line
     byte-identical to the CLI run locally on the same lines (SHA-256 per line, in order);
  2. RDD.pipe("./khabar analyze ... --record-errors-exit 0", checkCode=True): the same;
  3. DataFrame: khabar_spark.analyze_df(record_col="record"): N rows, in order, records
     byte-identical to the CLI, no errors; explode_quotes gives as many rows as the CLI has
     quotes;
  4. bad input (written here, not copied): 14 mixed lines (good, malformed JSON, blank,
     missing text, wrong types) through pipe(checkCode=True) and mapPartitions: 14 records
     out, in order, ids where readable, errors where expected, equal to the CLI's; a
     DataFrame with a null text gives its error row;
  5. a killed khabar process (khabar-killed.sh: SIGKILL once its input is in) fails the job
     through pipe(checkCode=True) and through analyze_df.
"""
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
import time

import khabar_spark

PIPE = "./khabar analyze --jsonl --threads 1 --quiet --record-errors-exit 0"
failures = []


def report(label, ok, detail):
    print(f"spark_smoke: {label}: {detail} -> {'ok' if ok else 'FAIL'}", flush=True)
    if not ok:
        failures.append(label)


def load(path, n):
    if os.path.isdir(path):
        base = []
        for root, _, files in sorted(os.walk(path)):
            for f in sorted(files):
                p = os.path.join(root, f)
                if f.endswith(".txt"):
                    base.append({"id": p, "text": open(p, encoding="utf-8").read()})
                elif f.endswith(".jsonl"):
                    for line in open(p, encoding="utf-8"):
                        r = json.loads(line) if line.strip() else None
                        if isinstance(r, dict) and isinstance(r.get("text"), str):
                            base.append({"id": str(r.get("id")), "text": r["text"]})
        if not base:
            sys.exit(f"spark_smoke: no .txt or .jsonl records under {path}")
        recs = [dict(base[i % len(base)], id=f"{base[i % len(base)]['id']}#{i}") for i in range(n)]
        return [json.dumps(r, ensure_ascii=False) for r in recs]
    opener = gzip.open if path.endswith(".gz") else open
    lines = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            lines.append(line.rstrip("\n"))
            if len(lines) == n:
                break
    return lines


def cli(lines):
    """The local CLI's output lines for these input lines."""
    data = "".join(l + "\n" for l in lines).encode("utf-8")
    p = subprocess.run(["./khabar", "analyze", "--jsonl", "--quiet", "--record-errors-exit", "0"],
                       input=data, capture_output=True, check=True)
    return p.stdout.decode("utf-8").splitlines()


def sha(line):
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def compare(label, got, want, seconds):
    same = sum(g == w for g, w in zip(got, want))
    report(f"{label} ({seconds:.1f} s)", len(got) == len(want) and same == len(want),
           f"{len(got)} outputs for {len(want)} inputs, {same} byte-identical to the CLI in order")


# Bad input written for this test: (input line, expected id, an error expected?).
ARTICLE = "قال وزير الصحة إن المستشفى الجديد سيفتح أبوابه الشهر المقبل. وأضاف أن العمل جار."
MIXED = [
    (json.dumps({"id": "good-1", "text": ARTICLE}, ensure_ascii=False), "good-1", False),
    ('{"id": "broken", "text": "', "broken", True),
    ("", None, True),
    ('{"id": "no-text", "title": "x"}', "no-text", True),
    ('{"id": 5, "text": 42}', 5, True),
    ('{"id": "null-text", "text": null}', "null-text", True),
    ('["not", "an", "object"]', None, True),
    ("   ", None, True),
    ('{"id": {"k": [1, 2]}, "text": "t", "title": 7}', {"k": [1, 2]}, True),
    ('{"text": "x", "title": , "id": "late"}', None, True),
    ('{"id": 123', None, True),
    ("garbage", None, True),
    (json.dumps({"id": 7.5, "text": ""}), 7.5, False),
    (json.dumps({"id": "good-2", "text": ARTICLE, "title": "عنوان"}, ensure_ascii=False),
     "good-2", False),
]


def check_mixed(label, out, want_lines, ignore=()):
    """The 14 mixed lines' records: as expected, and equal to the CLI's but for the fields
    of `ignore` (a pipe's partitions number their lines and bytes from their own start)."""
    recs = [json.loads(o) for o in out]

    def strip(lines):
        return [{k: v for k, v in json.loads(l).items() if k not in ignore} for l in lines]

    same = strip(out) == strip(want_lines)
    ok = len(recs) == len(MIXED) and same
    detail = []
    for i, ((_, want_id, bad), r) in enumerate(zip(MIXED, recs)):
        if r.get("id") != want_id or ("error" in r) != bad or (bad and not r.get("line")):
            ok = False
            detail.append(f"line {i + 1}: {r}")
    errors = sum("error" in r for r in recs)
    report(label, ok, f"{len(recs)} records for {len(MIXED)} lines, {errors} error records "
           f"with ids and lines, equal to the CLI{' but for ' + '/'.join(ignore) if ignore else ''}: {same}"
           + (f"; {detail}" if detail else ""))


def must_fail(label, action, expect):
    """The job must fail, and for the reason `expect` (a regular expression) says."""
    t = time.time()
    try:
        n = action()
    except Exception as e:  # noqa: BLE001 (a job failure is the expected outcome)
        m = re.search(expect, str(e))
        report(f"{label} ({time.time() - t:.1f} s)", m is not None,
               f"the job failed: {m.group(0) if m else str(e)[-1500:]!r}")
        return
    report(label, False, f"the job succeeded with {n} rows")


def main():
    path, n = sys.argv[1], int(sys.argv[2])
    lines = load(path, n)
    print(f"spark_smoke: {len(lines)} records from {path}", flush=True)
    t = time.time()
    want = cli(lines)
    want_sha = [sha(l) for l in want]
    print(f"spark_smoke: CLI reference: {len(want)} records in {time.time() - t:.1f} s",
          flush=True)

    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    spark = SparkSession.builder.appName("khabar-spark-smoke").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    print(f"spark_smoke: Spark {spark.version}, master {sc.master}", flush=True)
    rdd = sc.parallelize(lines, numSlices=8)

    # 1. mapPartitions: the binary found on each executor (SparkFiles / working directory).
    t = time.time()
    got = rdd.mapPartitions(
        lambda it: khabar_spark.run_lines(khabar_spark.find_binary("khabar"), it)
    ).map(sha).collect()
    compare("mapPartitions", got, want_sha, time.time() - t)
    pids = sc.parallelize(range(4), 4).map(lambda _: os.getpid()).distinct().count()
    report("executors", pids >= 2, f"tasks ran in {pids} executor processes")

    # 2. RDD.pipe with checkCode=True: record errors are data (--record-errors-exit 0).
    t = time.time()
    got = rdd.pipe(PIPE, checkCode=True).map(sha).collect()
    compare("RDD.pipe(checkCode=True)", got, want_sha, time.time() - t)

    # 3. DataFrame.
    t = time.time()
    recs = [json.loads(l) for l in lines]
    df = spark.createDataFrame(
        [(r.get("id"), r.get("text"), r.get("title")) for r in recs],
        "id string, text string, title string")
    adf = khabar_spark.analyze_df(df, text_col="text", id_col="id", title_col="title",
                                  record_col="record").cache()
    rows = adf.select("id", "error", F.sha2("record", 256).alias("h")).collect()
    ids_ok = [r["id"] for r in rows] == [r.get("id") for r in recs]
    errors = sum(r["error"] is not None for r in rows)
    compare("DataFrame analyze_df", [r["h"] for r in rows], want_sha, time.time() - t)
    report("DataFrame rows", ids_ok and errors == 0 and adf.count() == len(lines),
           f"{len(rows)} rows, ids in input order: {ids_ok}, error rows: {errors}")
    print("spark_smoke: analyze_df schema: " + adf.schema.simpleString()[:400], flush=True)
    n_quotes = sum(len(json.loads(l).get("quotes", [])) for l in want)
    q = khabar_spark.explode_quotes(adf)
    nq = q.count()
    first = q.first()
    report("explode_quotes", nq == n_quotes and (nq == 0 or first["content"] is not None),
           f"{nq} quote rows, the CLI has {n_quotes} quotes; columns {q.columns}")
    adf.unpersist()

    # 4. Bad input, through the pipe, mapPartitions and the DataFrame.
    mixed = [m[0] for m in MIXED]
    want_mixed = cli(mixed)
    parts = sc.parallelize(mixed, 3)
    got = parts.pipe(PIPE, checkCode=True).collect()
    check_mixed("bad input through pipe(checkCode=True), 3 partitions", got, want_mixed,
                ignore=("line", "offset"))
    # mapPartitionsWithIndex: each partition's --line-offset is the number of lines before
    # it, so that error records carry the line number of the whole input.
    counts = parts.mapPartitions(lambda it: [sum(1 for _ in it)]).collect()
    starts = [sum(counts[:i]) for i in range(len(counts))]
    got = parts.mapPartitionsWithIndex(lambda i, it: khabar_spark.run_lines(
        khabar_spark.find_binary("khabar"), it, ["--line-offset", str(starts[i])])).collect()
    check_mixed("bad input through mapPartitions + --line-offset, 3 partitions", got,
                want_mixed, ignore=("offset",))
    bad_df = spark.createDataFrame([(1, ARTICLE), (2, None), (3, "")], "id long, text string")
    b = khabar_spark.analyze_df(bad_df).orderBy("id").collect()
    ok = ([r["id"] for r in b] == [1, 2, 3] and b[0]["error"] is None
          and b[1]["error"] == '"text" is null, not a string' and b[2]["n_sentences"] == 0)
    report("bad input through analyze_df", ok,
           f"ids {[r['id'] for r in b]}, errors {[r['error'] for r in b]}")

    # 5. A killed process fails the job (the exit-code option does not hide crashes).
    small = sc.parallelize(lines[:40], 2)
    must_fail("killed process through pipe(checkCode=True)",
              lambda: small.pipe(PIPE.replace("./khabar", "./khabar-killed.sh"),
                                 checkCode=True).count(),
              r"Pipe function `[^`]*` exited with error code 137")
    small_df = spark.createDataFrame([(r.get("id"), r.get("text")) for r in recs[:40]],
                                     "id string, text string")
    must_fail("killed process through analyze_df",
              lambda: khabar_spark.analyze_df(small_df, binary="khabar-killed.sh").count(),
              r"khabar exited with code 137 after \d+ of \d+ records")
    spark.stop()
    print(f"spark_smoke: {'FAILED: ' + ', '.join(failures) if failures else 'all checks passed'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
