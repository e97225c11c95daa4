"""pandas: a column of Arabic news articles -> a table of who said what, and summaries.

    python python/examples/pandas_quotes.py           # runs on two built-in sample texts

``quotes_table(df)`` gives one row per quote (article id, speaker, cue, content, offsets);
``with_summaries(df)`` adds a summary column and the number of quotes per article. Both call
``khabar.analyze_many`` once, which runs in parallel in Rust with the GIL released.
"""

import pandas as pd

import khabar

QUOTE_COLUMNS = [
    "article", "quote", "kind", "speaker", "speaker_kind", "mention", "cue", "content",
    "start", "end", "confidence",
]


def _missing_as_none(values):
    """pandas stores a missing text as NaN (or pd.NA): pass it on as None."""
    return (None if v is None or (not isinstance(v, str) and pd.isna(v)) else v for v in values)


def _items(df, text, title, ids):
    titles = df[title] if title is not None else [None] * len(df)
    return ({"id": i, "text": t, "title": ti}
            for i, t, ti in zip(ids, _missing_as_none(df[text]), _missing_as_none(titles)))


def quotes_table(df, text="text", title=None, id=None, threads=None):
    """One row per quote of ``df[text]``: ``article`` (``df[id]``, or the index), ``quote``
    (its number in the article), ``kind``, ``speaker`` (entity name), ``speaker_kind``,
    ``mention`` (the speaker as written), ``cue``, ``content``, ``start``/``end`` (code-point
    offsets of the content in the article) and ``confidence``. An article that cannot be
    analysed (e.g. a missing text) has no rows."""
    rows = []
    items = _items(df, text, title, df[id] if id is not None else df.index)
    for rec in khabar.analyze_many(items, threads):
        for n, q in enumerate(rec.get("quotes", [])):
            sp, cue = q["speaker"], q["cue"]
            rows.append({
                "article": rec["id"],
                "quote": n,
                "kind": q["kind"],
                "speaker": sp["name"] if sp else None,
                "speaker_kind": sp["kind"] if sp else None,
                "mention": sp["text"] if sp else None,
                "cue": cue["text"] if cue else None,
                "content": q["content"]["text"],
                "start": q["content"]["start"],
                "end": q["content"]["end"],
                "confidence": q["confidence"],
            })
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def with_summaries(df, text="text", title=None, sentences=2, threads=None):
    """``df`` with ``summary`` (the summary sentences joined by a space), ``n_sentences``,
    ``n_quotes`` and ``error`` (``None``, or why the article could not be analysed)."""
    recs = khabar.analyze_many(_items(df, text, title, df.index), threads, sentences=sentences)
    out = df.copy()
    out["summary"] = [" ".join(s["text"] for s in r.get("summary", [])) for r in recs]
    out["n_sentences"] = [len(r.get("sentences", [])) for r in recs]
    out["n_quotes"] = [len(r.get("quotes", [])) for r in recs]
    out["error"] = [r.get("error") for r in recs]
    return out


SAMPLES = [
    "الرياض - واس\n"
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المنطقة الشرقية.\n"
    "وقال المتحدث الرسمي باسم الوزارة محمد العلي إن المستشفى سيخدم أكثر من مليون نسمة.\n"
    "وأضاف: \"سنواصل العمل لتوسيع الخدمات في المحافظات الأخرى\".",
    "أكد رئيس الاتحاد أن الموسم المقبل سيشهد مشاركة أندية جديدة.\n"
    "وأوضح مصدر مسؤول أن اللجنة ستعلن الجدول الكامل الأسبوع المقبل.",
]


if __name__ == "__main__":
    pd.set_option("display.width", 200)
    df = pd.DataFrame({"id": ["a1", "a2"], "text": SAMPLES})
    print(quotes_table(df, id="id")[["article", "speaker", "cue", "content"]].to_string())
    print(with_summaries(df)[["summary", "n_quotes"]].to_string())
