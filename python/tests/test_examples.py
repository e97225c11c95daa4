"""The examples, run as tests: pandas (always) and PySpark mapInPandas (KHABAR_SPARK=1)."""

import os

import pandas as pd
import pytest

import khabar
import pandas_quotes
from conftest import ARTICLE, SHORT, TITLED


def frame():
    return pd.DataFrame({"id": ["a", "b", "c", "d"], "text": [ARTICLE, SHORT, TITLED, None]})


def test_pandas_quotes_table_has_one_row_per_quote():
    df = frame()
    table = pandas_quotes.quotes_table(df, id="id", threads=2)
    assert list(table.columns) == pandas_quotes.QUOTE_COLUMNS
    want = {i: len(khabar.quotes(t)) for i, t in zip(df["id"], df["text"]) if isinstance(t, str)}
    assert table.groupby("article").size().reindex(list(want), fill_value=0).to_dict() == want
    texts = dict(zip(df["id"], df["text"]))
    assert len(table) == sum(want.values()) >= 4
    for row in table.itertuples():
        assert texts[row.article][row.start:row.end] == row.content
        assert row.cue is None or row.cue in texts[row.article]
    assert table["speaker"].notna().sum() >= 3


def test_pandas_summaries_and_errors_per_row():
    out = pandas_quotes.with_summaries(frame(), sentences=1)
    assert len(out) == 4
    assert out.loc[0, "summary"] == khabar.summarize(ARTICLE, sentences=1)[0]["text"]
    assert out.loc[1, "n_quotes"] == len(khabar.quotes(SHORT))
    assert out.loc[3, "error"] == '"text" is NoneType, not str'
    assert out["error"].iloc[:3].isna().all()


def test_pandas_example_script_runs(capsys):
    import runpy

    runpy.run_path(pandas_quotes.__file__, run_name="__main__")
    out = capsys.readouterr().out
    assert "article" in out and "n_quotes" in out


@pytest.mark.skipif(os.environ.get("KHABAR_SPARK") != "1", reason="PySpark runs when KHABAR_SPARK=1")
def test_spark_map_in_pandas_local():
    import spark_mapinpandas as ex

    rows = [(f"r{i}", t, None) for i, t in enumerate([ARTICLE, SHORT, TITLED] * 40)]
    rows.append(("bad", None, None))
    spark = ex.session("khabar-test")
    try:
        out = ex.analyze_frame(spark, rows)
    finally:
        spark.stop()
    assert len(out) == len(rows)
    assert sorted(out["id"]) == sorted(r[0] for r in rows)
    by_id = out.set_index("id")
    assert by_id.loc["r0", "n_quotes"] == len(khabar.quotes(ARTICLE))
    assert by_id.loc["r1", "summary"] == " ".join(
        s["text"] for s in khabar.summarize(SHORT, sentences=2))
    assert by_id.loc["bad", "error"] == '"text" is NoneType, not str'
    assert by_id["error"].notna().sum() == 1
