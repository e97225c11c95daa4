"""PySpark: khabar inside ``mapInPandas`` (the wheel on the executors, no binary to ship).

    KHABAR_SPARK=1 python python/examples/spark_mapinpandas.py [JSONL[.gz] [N]]

Needs ``pip install pyspark pyarrow`` and Java 17. Each Spark task builds one
``khabar.Analyzer`` (a few milliseconds) and analyses its Arrow batches with
``analyze_many(threads=1)`` (Spark already runs one task per core). The output has one row
per input row, with the input's id, even for a bad record (then ``error`` says why).
"""

import json
import os
import sys

import pandas as pd

SCHEMA = (
    "id string, n_sentences int, n_quotes int, speakers array<string>, summary string, "
    "quotes string, error string"
)


def _str(v):
    return None if v is None or (not isinstance(v, str) and pd.isna(v)) else v


def analyze_batches(batches):
    """mapInPandas function: batches of ``id, text, title`` -> rows of ``SCHEMA``."""
    import khabar

    analyzer = khabar.Analyzer()
    for pdf in batches:
        titles = pdf["title"] if "title" in pdf else [None] * len(pdf)
        # Arrow hands missing strings to pandas as NaN: pass them on as None.
        items = [{"id": i, "text": _str(t), "title": _str(ti)}
                 for i, t, ti in zip(pdf["id"], pdf["text"], titles)]
        recs = analyzer.analyze_many(items, threads=1, sentences=2)
        yield pd.DataFrame({
            "id": [r["id"] for r in recs],
            "n_sentences": [len(r.get("sentences", [])) for r in recs],
            "n_quotes": [len(r.get("quotes", [])) for r in recs],
            "speakers": [[s["name"] for s in r.get("speakers", [])] for r in recs],
            "summary": [" ".join(s["text"] for s in r.get("summary", [])) for r in recs],
            "quotes": [json.dumps([{"speaker": (q["speaker"] or {}).get("name"),
                                    "content": q["content"]["text"]}
                                   for q in r.get("quotes", [])], ensure_ascii=False)
                       for r in recs],
            "error": [r.get("error") for r in recs],
        })


def session(app="khabar-mapinpandas"):
    """A local Spark session on two cores, its workers on this Python (with khabar)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName(app)
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.memory", "1g")
            .config("spark.sql.execution.arrow.maxRecordsPerBatch", "500")
            .getOrCreate())
    # The workers unpickle `analyze_batches` by reference to this module: ship it to them.
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    return spark


def analyze_frame(spark, rows):
    """``rows``: ``(id, text, title)`` tuples -> a collected pandas frame of results."""
    df = spark.createDataFrame(rows, "id string, text string, title string").repartition(4)
    return df.mapInPandas(analyze_batches, SCHEMA).toPandas()


def main():
    import gzip

    path = sys.argv[1] if len(sys.argv) > 1 else None
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rows = []
    if path:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for k, line in enumerate(f):
                if len(rows) == n:
                    break
                r = json.loads(line)
                rows.append((str(r.get("id", k)), r.get("text"), r.get("title")))
    else:
        from pandas_quotes import SAMPLES

        rows = [(f"s{k}", t, None) for k, t in enumerate(SAMPLES)]
    spark = session()
    spark.sparkContext.setLogLevel("ERROR")
    out = analyze_frame(spark, rows)
    spark.stop()
    print(out[["id", "n_sentences", "n_quotes", "summary", "error"]].head(20))
    print(f"{len(out)} rows for {len(rows)} inputs, {out['error'].notna().sum()} errors")


if __name__ == "__main__":
    main()
