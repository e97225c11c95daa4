#!/usr/bin/env python3
"""Run khabar under Apache Spark (local mode) and check one output per input, in order.

usage: spark_smoke.py KHABAR_BINARY INPUT N

INPUT is a JSON-lines file (optionally .gz; the first N records are used) or a directory
whose .txt and .jsonl files are cycled into N records with unique ids.

The binary is shipped to the executors with SparkContext.addFile and run once per
partition with `--threads 1 --quiet` (Spark already runs one task per core):
  1. mapPartitions + subprocess (portable: the executor finds the binary with SparkFiles.get),
     full records, checked for count, ids in input order, and no error records;
  2. RDD.pipe with --fields summary (exit code 3, "some records became error records", is
     not a task failure), checked the same way, plus one malformed record whose error
     record must come out in its place.
"""
import gzip
import json
import os
import shlex
import subprocess
import sys
import threading
import time


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
            if line.strip():
                lines.append(line.rstrip("\n"))
                if len(lines) == n:
                    break
    return lines


def main():
    binary, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    lines = load(path, n)
    want = [json.loads(l)["id"] for l in lines]
    print(f"spark_smoke: {len(lines)} records from {path}")

    from pyspark import SparkConf, SparkContext, SparkFiles

    conf = (SparkConf().setMaster("local[2]").setAppName("khabar-spark-smoke")
            .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
            .set("spark.driver.memory", "1g"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    sc.addFile(os.path.abspath(binary))
    name = os.path.basename(binary)
    rdd = sc.parallelize(lines, numSlices=8)

    def analyze_partition(records):
        exe = SparkFiles.get(name)
        if not os.access(exe, os.X_OK):
            os.chmod(exe, 0o755)
        p = subprocess.Popen([exe, "analyze", "--jsonl", "--threads", "1", "--quiet"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

        def feed():
            for r in records:
                p.stdin.write(r.encode("utf-8") + b"\n")
            p.stdin.close()

        feeder = threading.Thread(target=feed)
        feeder.start()
        for out in p.stdout:
            yield out.decode("utf-8").rstrip("\n")
        feeder.join()
        err = p.stderr.read().decode("utf-8", "replace")
        code = p.wait()
        if code not in (0, 3):  # 3: some records became error records (they are in the output)
            raise RuntimeError(f"khabar exited {code}: {err}")

    failures = []

    def check(label, out, fields):
        got = [json.loads(o) for o in out]
        ids = [g.get("id") for g in got]
        errors = [g for g in got if "error" in g]
        ok = len(got) == len(want) and ids == want and not errors and all(f in g for g in got for f in fields)
        print(f"spark_smoke: {label}: {len(got)} outputs for {len(want)} inputs, "
              f"ids in order: {ids == want}, error records: {len(errors)} -> {'ok' if ok else 'FAIL'}")
        if not ok:
            failures.append(label)

    t = time.time()
    out = rdd.mapPartitions(analyze_partition).collect()
    check(f"mapPartitions ({time.time() - t:.1f} s)", out, ["sentences", "quotes", "summary"])

    # RDD.pipe with checkCode=True fails the task on any non-zero exit, and khabar exits 3
    # when some records became error records (which are in its output, one per bad input):
    # the command maps 3 to 0, so that only real failures (2: usage or I/O, a crash) fail the
    # job. One malformed line is added to check that it yields its error record in place.
    t = time.time()
    exe = SparkFiles.get(name)  # local mode: driver and executors share this path
    bad_at = len(lines) // 2
    piped = sc.parallelize(lines[:bad_at] + ['{"id": "bad", "text": 5}'] + lines[bad_at:],
                           numSlices=8)
    cmd = ("sh -c '\"$0\" analyze --jsonl --threads 1 --quiet --fields summary; c=$?; "
           "[ $c -eq 3 ] && exit 0; exit $c' " + shlex.quote(exe))
    out = piped.pipe(cmd, checkCode=True).collect()
    got = [json.loads(o) for o in out]
    bad = got[bad_at] if len(got) > bad_at else {}
    bad_ok = bad.get("id") == "bad" and "error" in bad
    print(f"spark_smoke: RDD.pipe: the malformed record gives its error record in place: "
          f"{bad_ok} ({bad.get('error')!r})")
    if not bad_ok:
        failures.append("RDD.pipe error record")
    check(f"RDD.pipe ({time.time() - t:.1f} s)", out[:bad_at] + out[bad_at + 1:], ["summary"])
    sc.stop()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
