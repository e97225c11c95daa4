#!/usr/bin/env python3
"""The archive's speaker table built by Apache Spark, with khabar's merging key, checked
against `khabar index build` on the same articles (a cluster and a laptop give the same
speakers).

usage: spark_speakers.py KHABAR_BINARY INPUT.jsonl[.gz] N

1. Spark runs `khabar analyze` over the partitions (RDD.pipe), as in the README's Spark
   section, and joins each article's metadata (source, date) back by id.
2. Every quote's speaker gets its key from `khabar speaker-key` (lines `KIND<TAB>NAME` in,
   one key per line out, in order; an empty key — anonymous sources and other speakers
   never merged — becomes `#ARTICLE#ENTITY`, a speaker of its own in its article).
3. The archive-wide step runs once over the distinct (key, name) pairs:
   `khabar speaker-key --resolve` maps each key to its speaker.
4. spark-sql groups the quotes by speaker: quotes, articles, first and last date.
The same N articles then go through `khabar index build`, and the two speaker tables must
be equal.
"""
import gzip
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

from pyspark.sql import Row, SparkSession


def main():
    khabar, path, n = os.path.abspath(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    opener = gzip.open if path.endswith(".gz") else open
    lines = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                lines.append(line.rstrip("\n"))
            if len(lines) >= n:
                break
    spark = SparkSession.builder.master("local[2]").appName("khabar-speakers").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    sc = spark.sparkContext
    articles = sc.parallelize(lines, 4)

    # 1. analyze on the executors; metadata joined back by id.
    analysed = articles.pipe(f"{khabar} analyze --jsonl --threads 1 --quiet --fields quotes")
    meta = spark.createDataFrame(
        articles.map(json.loads).map(
            lambda r: Row(id=str(r["id"]), source=r.get("source"), date=r.get("date_extracted") or r.get("date"))
        )
    )

    # 2. one row per quote with a speaker, keyed by `khabar speaker-key` per partition.
    def quotes(rec):
        r = json.loads(rec)
        for seq, q in enumerate(r.get("quotes") or []):
            sp = q.get("speaker")
            if sp:
                yield (str(r["id"]), seq, sp.get("entity"), sp.get("kind") or "", sp.get("name") or "")

    def keyed(part):
        rows = list(part)
        if not rows:
            return []
        text = "".join(f"{k}\t{name.replace(chr(9), ' ').replace(chr(10), ' ')}\n" for _, _, _, k, name in rows)
        keys = subprocess.run([khabar, "speaker-key"], input=text, capture_output=True, text=True, check=True).stdout
        out = []
        for (aid, seq, ent, kind, name), key in zip(rows, keys.split("\n")):
            out.append(Row(id=aid, seq=seq, name=name, skey=key or f"#{aid}#{ent}"))
        return out

    q = spark.createDataFrame(analysed.flatMap(quotes).mapPartitions(keyed))
    q.createOrReplaceTempView("quotes")
    meta.createOrReplaceTempView("articles")

    # 3. the archive-wide step, once, over the distinct (key, name) pairs.
    pairs = spark.sql("SELECT DISTINCT skey, name FROM quotes").rdd.map(lambda r: f"{r.skey}\t{r.name}")
    resolved = pairs.coalesce(1).pipe(f"{khabar} speaker-key --resolve").map(lambda l: Row(skey=l.split("\t")[0], speaker=l.split("\t")[1]))
    spark.createDataFrame(resolved).createOrReplaceTempView("speaker_keys")

    # 4. the speaker table, in spark-sql.
    cluster = spark.sql("""
        SELECT k.speaker AS key, count(*) AS quotes, count(DISTINCT q.id) AS articles,
               min(a.date) AS first_date, max(a.date) AS last_date
        FROM quotes q JOIN speaker_keys k ON k.skey = q.skey JOIN articles a ON a.id = q.id
        GROUP BY k.speaker""").collect()
    cluster = {r.key: (r.quotes, r.articles, r.first_date, r.last_date) for r in cluster}
    spark.stop()

    # The laptop: khabar index build on the same articles.
    with tempfile.TemporaryDirectory() as d:
        src, db = os.path.join(d, "in.jsonl"), os.path.join(d, "q.db")
        with open(src, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        subprocess.run([khabar, "index", "build", "-q", src, "-o", db], check=True)
        c = sqlite3.connect(db)
        laptop = {k: (n, a, f, l) for k, n, a, f, l in
                  c.execute("SELECT key, quotes, articles, first_date, last_date FROM speakers")}
    merged = sum(1 for k in cluster if not k.startswith("#"))
    top = sorted(cluster.items(), key=lambda kv: -kv[1][0])[:5]
    print(f"spark: {len(cluster)} speakers ({merged} merged by key) from {len(lines)} articles; top: "
          + ", ".join(f"{k} {v[0]}" for k, v in top))
    if cluster != laptop:
        only_c = {k: v for k, v in cluster.items() if laptop.get(k) != v}
        only_l = {k: v for k, v in laptop.items() if cluster.get(k) != v}
        print("cluster only:", list(only_c.items())[:10])
        print("laptop only:", list(only_l.items())[:10])
        sys.exit("spark_speakers: the cluster's speakers differ from khabar index build's")
    print(f"spark_speakers: the cluster and khabar index build agree on all {len(cluster)} speakers")


if __name__ == "__main__":
    main()
