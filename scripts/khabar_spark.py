"""khabar on Apache Spark: a DataFrame of articles in, a DataFrame of analyses out.

The khabar binary does the work on the executors: ship it with the job
(``spark-submit --files /path/to/khabar ...`` or ``sc.addFile``) and ship this module too
(``--py-files scripts/khabar_spark.py``). Each partition runs one
``khabar analyze --jsonl --threads 1 --quiet --record-errors-exit 0`` process (Spark already
runs one task per core) and gets exactly one output line per input row, in order.

    import khabar_spark
    adf = khabar_spark.analyze_df(df, text_col="text", id_col="id", title_col="title")
    quotes = khabar_spark.explode_quotes(adf)

``analyze_df`` returns one row per input row (see ``ARTICLE_FIELDS``)::

    id          the input's id column, same type and value
    error       null when the article was analysed; else why not (e.g. the text is null)
    n_sentences int
    sentences   array<struct<start, end: long, text, kind: string, paragraph: int>>
    quotes      array<QUOTE> (QUOTE as the rows of explode_quotes, without id/quote_index)
    speakers    array<struct<name, kind: string, mentions: int>>
    summary     string: the summary's sentences joined by a space
    record      string: khabar's JSON record as printed by the CLI (only with record_col)

``explode_quotes`` returns one row per quote::

    id, quote_index (int, 0-based in the article), kind (direct|indirect|mixed),
    speaker (the entity's fullest name, null when none), speaker_kind (person|organization|
    document|media|anonymous|group), speaker_text (the mention as written),
    speaker_start, speaker_end, cue, cue_start, cue_end, content, content_start,
    content_end (long), sentence (int), confidence (double), rule (string)

All offsets are **byte offsets into the UTF-8 text** (as in the CLI's records):
``text.encode("utf-8")[start:end].decode("utf-8")`` is the covered text.

Count checks are built in: a partition whose process returns a different number of lines
than it was given, or an id other than the one sent, fails its task; so does a process that
exits non-zero (a crash, a kill, a usage error). Bad articles (a null or non-string text)
are data: they get a row with ``error`` set and everything else null.
"""

import json
import os
import subprocess
import threading

SENTENCE = "struct<start:long,end:long,text:string,kind:string,paragraph:int>"
QUOTE = (
    "struct<kind:string,speaker:string,speaker_kind:string,speaker_text:string,"
    "speaker_start:long,speaker_end:long,cue:string,cue_start:long,cue_end:long,"
    "content:string,content_start:long,content_end:long,sentence:int,confidence:double,"
    "rule:string>"
)
SPEAKER = "struct<name:string,kind:string,mentions:int>"
#: The columns of ``analyze_df`` after the id column (``record`` only with ``record_col``).
ARTICLE_FIELDS = (
    f"error string, n_sentences int, sentences array<{SENTENCE}>, quotes array<{QUOTE}>, "
    f"speakers array<{SPEAKER}>, summary string"
)
#: The arguments of every khabar process (one per partition).
BASE_ARGS = ["analyze", "--jsonl", "--threads", "1", "--quiet", "--record-errors-exit", "0"]


def find_binary(name):
    """The path of a file shipped with ``--files``/``addFile``, as seen from this executor."""
    from pyspark import SparkFiles

    candidates = [SparkFiles.get(name), os.path.join(os.getcwd(), name)]
    for path in candidates:
        if os.path.isfile(path):
            if not os.access(path, os.X_OK):
                os.chmod(path, 0o755)
            return path
    raise FileNotFoundError(
        f"khabar_spark: {name!r} was not shipped to this executor (looked in {candidates}); "
        "pass it with spark-submit --files or SparkContext.addFile"
    )


def run_lines(exe, lines, args=()):
    """Run khabar over an iterator of JSON lines (str); yield its output lines (str), one per
    input line. Raises RuntimeError when the process exits non-zero or the counts differ."""
    p = subprocess.Popen([exe, *BASE_ARGS, *args], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sent = [0]
    failure = []

    def feed():
        try:
            for line in lines:
                p.stdin.write(line.encode("utf-8") + b"\n")
                sent[0] += 1
        except BrokenPipeError:
            pass  # the process died: its exit code says so below
        except BaseException as e:  # noqa: BLE001 (re-raised in the task below)
            failure.append(e)
        finally:
            try:
                p.stdin.close()
            except BrokenPipeError:
                pass

    stderr = []
    drain = threading.Thread(target=lambda: stderr.append(p.stderr.read()))
    feeder = threading.Thread(target=feed)
    drain.start()
    feeder.start()
    got = 0
    try:
        for out in p.stdout:
            got += 1
            yield out.decode("utf-8").rstrip("\n")
    except GeneratorExit:  # the consumer stopped early (e.g. take(n)): stop the process
        p.kill()
        p.wait()
        raise
    feeder.join()
    drain.join()
    code = p.wait()
    if failure:
        raise failure[0]
    err = (stderr[0] if stderr else b"").decode("utf-8", "replace").strip()
    if code != 0:
        raise RuntimeError(f"khabar exited with code {code} after {got} of {sent[0]} "
                           f"records: {err[-2000:]}")
    if got != sent[0]:
        raise RuntimeError(f"khabar gave {got} records for {sent[0]} inputs: {err[-2000:]}")


def _span(d):
    d = d or {}
    return d.get("text"), d.get("start"), d.get("end")


def quote_row(q):
    """One quote of a khabar record as a tuple of ``QUOTE``."""
    sp = q.get("speaker") or {}
    cue, cue_s, cue_e = _span(q.get("cue"))
    content, c_s, c_e = _span(q.get("content"))
    return (q.get("kind"), sp.get("name"), sp.get("kind"), sp.get("text"), sp.get("start"),
            sp.get("end"), cue, cue_s, cue_e, content, c_s, c_e, q.get("sentence"),
            float(q["confidence"]) if q.get("confidence") is not None else None, q.get("rule"))


def record_row(rec):
    """A khabar record (dict) as the tuple of ``ARTICLE_FIELDS``."""
    if "error" in rec:
        return (rec["error"], None, None, None, None, None)
    sentences = [(s["start"], s["end"], s["text"], s["kind"], s["paragraph"])
                 for s in rec.get("sentences", [])]
    quotes = [quote_row(q) for q in rec.get("quotes", [])]
    speakers = [(s["name"], s["kind"], len(s.get("mentions", [])))
                for s in rec.get("speakers", [])]
    summary = " ".join(s["text"] for s in rec.get("summary", []))
    return (None, len(sentences), sentences, quotes, speakers, summary)


def analyze_df(df, text_col="text", id_col="id", title_col=None, binary="khabar",
               args=(), record_col=None):
    """Analyse the articles of ``df``: one row per input row, in the partitions' order.

    ``text_col``: the article (string); ``id_col``: any column of a JSON-able type (string,
    integer, ...), returned as it is; ``title_col``: an optional headline column;
    ``binary``: the file name the khabar binary was shipped under; ``args``: more khabar
    options (e.g. ``["--words", "60"]``); ``record_col``: also return khabar's JSON record
    line in this column. The schema is the id column then ``ARTICLE_FIELDS``.
    """
    from pyspark.sql.types import StructField, StructType, _parse_datatype_string

    cols = [id_col, text_col] + ([title_col] if title_col else [])
    fields = [StructField(id_col, df.schema[id_col].dataType, True)]
    fields += _parse_datatype_string(ARTICLE_FIELDS).fields
    if record_col:
        fields.append(StructField(record_col, _parse_datatype_string("string"), True))
    schema = StructType(fields)
    args = list(args)

    def partition(rows):
        rows = list(rows)
        if not rows:
            return
        exe = find_binary(binary)
        ids = [r[0] for r in rows]

        def lines():
            for r in rows:
                d = {"id": r[0], "text": r[1]}
                if title_col:
                    d["title"] = r[2]
                yield json.dumps(d, ensure_ascii=False, default=str)

        for i, out in enumerate(run_lines(exe, lines(), args)):
            rec = json.loads(out)
            want = json.loads(json.dumps(ids[i], default=str))
            if rec.get("id") != want:
                raise RuntimeError(f"khabar_spark: record {i} of the partition has id "
                                   f"{rec.get('id')!r}, expected {want!r}")
            row = (ids[i],) + record_row(rec)
            yield row + (out,) if record_col else row

    rdd = df.select(*cols).rdd.mapPartitions(partition)
    return df.sparkSession.createDataFrame(rdd, schema)


def explode_quotes(adf, id_col="id", check=True):
    """One row per quote of ``analyze_df``'s output: ``id_col``, ``quote_index`` and the
    quote's fields. With ``check`` (one extra Spark job), the number of rows is checked
    against the sum of the articles' quote counts."""
    from pyspark.sql import functions as F

    out = adf.select(F.col(id_col), F.posexplode("quotes").alias("quote_index", "q")).select(
        id_col, "quote_index", "q.*")
    if check:
        n = F.when(F.col("quotes").isNull(), F.lit(0)).otherwise(F.size("quotes"))
        want = adf.select(F.sum(n).alias("n")).first()["n"]
        got = out.count()
        if got != (want or 0):
            raise RuntimeError(f"explode_quotes: {got} rows for {want} quotes")
    return out
