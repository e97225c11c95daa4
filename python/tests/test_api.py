"""The Python API: shapes, offsets, options, errors, threads, pickling."""

import ast
import pickle
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest

import khabar
from conftest import ARTICLE, SAMPLES, SHORT, TITLED, TITLED_TITLE, check_offsets, spans


def test_record_has_the_cli_fields_in_order():
    rec = khabar.analyze(ARTICLE)
    assert list(rec) == ["sentences", "quotes", "speakers", "summary"]
    s = rec["sentences"][1]
    assert list(s)[:5] == ["start", "end", "start_byte", "end_byte", "text"]
    assert s["kind"] == "body" and isinstance(s["paragraph"], int)


def test_offsets_are_code_points_and_bytes_differ_on_arabic():
    rec = khabar.analyze(ARTICLE)
    assert check_offsets(ARTICLE, rec) > 10
    last = rec["sentences"][-1]
    assert last["end"] == len(ARTICLE)
    assert last["end_byte"] == len(ARTICLE.encode("utf-8"))
    assert last["end_byte"] > last["end"]


def test_every_sample_slices():
    for text in SAMPLES:
        check_offsets(text, khabar.analyze(text))


def test_dateline_sentence():
    rec = khabar.analyze(ARTICLE)
    assert rec["sentences"][0]["kind"] == "dateline"
    assert rec["sentences"][0]["text"] == "الرياض - واس"


def test_quotes_have_speaker_cue_and_content():
    qs = khabar.quotes(ARTICLE)
    assert len(qs) >= 3
    names = {q["speaker"]["name"] for q in qs if q["speaker"]}
    assert any("العلي" in n for n in names), names
    direct = [q for q in qs if q["kind"] == "direct"]
    assert direct and direct[0]["content"]["text"].startswith("سنواصل العمل")
    for q in qs:
        assert 0.0 <= q["confidence"] <= 1.0
        assert isinstance(q["rule"], str) and q["rule"]
        if q["speaker"]:
            assert q["speaker"]["entity"] < len(khabar.analyze(ARTICLE)["speakers"])


def test_speakers_list_their_mentions():
    rec = khabar.analyze(ARTICLE)
    assert [e["id"] for e in rec["speakers"]] == list(range(len(rec["speakers"])))
    for e in rec["speakers"]:
        assert e["mentions"], e
        assert e["kind"] in {"person", "organization", "document", "media", "anonymous", "group"}


def test_split_quotes_summarize_are_parts_of_analyze():
    for text in (ARTICLE, SHORT, TITLED):
        rec = khabar.analyze(text, sentences=2)
        assert khabar.split(text) == rec["sentences"]
        assert khabar.quotes(text) == rec["quotes"]
        assert khabar.summarize(text, sentences=2) == rec["summary"]


def test_summary_budgets():
    assert len(khabar.summarize(ARTICLE, sentences=1)) == 1
    assert len(khabar.summarize(ARTICLE)) == 3  # the default
    assert khabar.summarize(ARTICLE, sentences=0) == []
    for s in khabar.summarize(ARTICLE, words=25):
        assert len(s["text"].split()) <= 25
    assert sum(len(s["text"]) for s in khabar.summarize(ARTICLE, chars=150)) <= 150
    assert len(khabar.summarize(ARTICLE, ratio=1.0)) >= len(khabar.summarize(ARTICLE, ratio=0.2))


def test_summary_items_are_sentences_in_text_order():
    rec = khabar.analyze(ARTICLE, sentences=3)
    idx = [s["sentence"] for s in rec["summary"]]
    assert idx == sorted(idx)
    for s in rec["summary"]:
        sent = rec["sentences"][s["sentence"]]
        assert sent["start"] <= s["start"] and s["end"] <= sent["end"]
        assert set(s["features"]) >= {"position", "keyword", "centroid", "title"}


def test_budget_errors():
    with pytest.raises(ValueError, match="at most one"):
        khabar.analyze(ARTICLE, sentences=2, words=10)
    with pytest.raises(ValueError, match="between 0 and 1"):
        khabar.summarize(ARTICLE, ratio=1.5)
    with pytest.raises(ValueError, match="between 0 and 1"):
        khabar.summarize(ARTICLE, ratio=float("nan"))
    with pytest.raises(OverflowError):
        khabar.summarize(ARTICLE, sentences=-1)


def test_title_marks_the_headline():
    without = khabar.analyze(TITLED)
    titled = khabar.analyze(TITLED, TITLED_TITLE)
    assert without["sentences"][0]["kind"] == "body"
    assert titled["sentences"][0]["kind"] == "title"
    assert titled["summary"][0]["sentence"] != 0


def test_wrong_types_and_bad_unicode():
    with pytest.raises(TypeError, match="text is int, not str"):
        khabar.analyze(5)
    with pytest.raises(TypeError, match="title is bytes"):
        khabar.analyze("نص", b"x")
    with pytest.raises(ValueError, match="lone surrogate"):
        khabar.analyze("قال \ud800 الوزير")
    with pytest.raises(ValueError, match="lone surrogate"):
        khabar.split("x", "\udfff")


def test_empty_and_blank_text():
    for text in ("", " ", "\n\n\t"):
        rec = khabar.analyze(text)
        assert rec == {"sentences": [], "quotes": [], "speakers": [], "summary": []}


def test_non_bmp_and_combining_characters_slice():
    text = "قال 😀 الوزير إن 𝔸 الاتفاق ممكن.\nوأضاف: \"نعم\" ﷺ 🇸🇦."
    rec = khabar.analyze(text)
    assert check_offsets(text, rec) >= 2
    assert rec["sentences"][0]["end_byte"] - rec["sentences"][0]["end"] > 0


def test_analyze_many_keeps_order_and_equals_analyze():
    texts = SAMPLES * 5
    for threads in (1, 2, 3):
        got = khabar.analyze_many(texts, threads=threads)
        assert got == [khabar.analyze(t) for t in texts]


def test_analyze_many_records_with_ids_and_titles():
    items = [{"id": 7, "text": TITLED, "title": TITLED_TITLE},
             {"id": {"k": [1]}, "text": ARTICLE},
             {"text": SHORT, "title": None, "extra": 1}]
    got = khabar.analyze_many(items, threads=2, sentences=1)
    assert [list(r)[0] for r in got] == ["id", "id", "id"]
    assert [r["id"] for r in got] == [7, {"k": [1]}, None]
    assert got[0] == {"id": 7, **khabar.analyze(TITLED, TITLED_TITLE, sentences=1)}
    assert got[1] == {"id": {"k": [1]}, **khabar.analyze(ARTICLE, sentences=1)}


def test_analyze_many_bad_records_become_error_records_in_place():
    items = [ARTICLE, 42, {"id": "a"}, {"id": "b", "text": None}, {"id": "c", "text": "x", "title": 3},
             "bad \ud800", {"id": "d", "text": SHORT}, None, b"bytes"]
    got = khabar.analyze_many(items, threads=2)
    assert len(got) == len(items)
    assert got[0] == khabar.analyze(ARTICLE)
    assert got[6] == {"id": "d", **khabar.analyze(SHORT)}
    errors = {i: r for i, r in enumerate(got) if "error" in r}
    assert sorted(errors) == [1, 2, 3, 4, 5, 7, 8]
    for i, r in errors.items():
        assert list(r) == ["id", "index", "error"] and r["index"] == i
    assert errors[1]["error"] == 'record is int, not a str or a dict with a "text" field'
    assert errors[2] == {"id": "a", "index": 2, "error": 'record has no "text" field'}
    assert errors[3]["error"] == '"text" is NoneType, not str'
    assert errors[4]["error"] == '"title" is int, not str'
    assert "lone surrogate" in errors[5]["error"]
    assert "bytes" in errors[8]["error"]


def test_analyze_many_takes_any_iterable_longer_than_its_window():
    n = 700  # more than the in-flight window of 2 threads
    gen = ({"id": i, "text": SAMPLES[i % len(SAMPLES)]} for i in range(n))
    got = khabar.analyze_many(gen, threads=2)
    assert [r["id"] for r in got] == list(range(n))
    assert got[1] == {"id": 1, **khabar.analyze(SAMPLES[1])}
    assert khabar.analyze_many(iter([])) == []


def test_analyze_many_calling_thread_analyses_too():
    # threads=2 is one worker thread and the calling thread, which analyses an item itself
    # whenever the next record is not ready (at the start it never is).
    from khabar._khabar import _caller_analysis

    texts = [SAMPLES[i % len(SAMPLES)] for i in range(300)]
    got = khabar.analyze_many(texts, threads=2)
    items, seconds = _caller_analysis()
    assert 1 <= items <= len(texts) and seconds >= 0
    assert got == [khabar.analyze(t) for t in texts]


def test_analyze_many_restores_the_garbage_collector():
    import gc

    assert gc.isenabled()
    khabar.analyze_many(SAMPLES, threads=2)
    assert gc.isenabled()
    with pytest.raises(TypeError):
        khabar.analyze_many([ARTICLE], threads="2")
    assert gc.isenabled()
    gc.disable()
    try:
        khabar.analyze_many(SAMPLES, threads=2)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_analyze_many_argument_errors():
    with pytest.raises(TypeError, match="not one str"):
        khabar.analyze_many(ARTICLE)
    with pytest.raises(TypeError, match="not one dict"):
        khabar.analyze_many({"id": 1, "text": ARTICLE})
    with pytest.raises(ValueError, match="at least 1"):
        khabar.analyze_many([ARTICLE], threads=0)
    with pytest.raises(TypeError):
        khabar.analyze_many(5)

    def broken():
        yield ARTICLE
        raise KeyError("from the iterable")

    with pytest.raises(KeyError, match="from the iterable"):
        khabar.analyze_many(broken(), threads=2)


@pytest.mark.parametrize("threads", [1, 2])
def test_analyze_many_releases_the_gil(threads):
    texts = [ARTICLE * 20] * 150
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    time.sleep(0.01)
    start = time.perf_counter()
    khabar.analyze_many(texts, threads=threads)
    end = time.perf_counter()
    stop.set()
    t.join()
    during = [x for x in ticks if start < x < end]
    # With the GIL held for the whole call, the ticker could not run at all meanwhile.
    assert end - start > 0.05
    assert len(during) >= 5, (len(during), end - start)


def test_threads_agree_on_results_when_called_concurrently():
    a = khabar.Analyzer()
    want = a.analyze(ARTICLE)
    results = []

    def work():
        results.append(all(a.analyze(ARTICLE) == want for _ in range(20)))

    ts = [threading.Thread(target=work) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert results == [True] * 4


def test_analyzer_pickles_as_its_options():
    a = khabar.Analyzer("auto")
    b = pickle.loads(pickle.dumps(a))
    assert isinstance(b, khabar.Analyzer)
    assert b.hard_wrap == "auto" and repr(b) == 'khabar.Analyzer(hard_wrap="auto")'
    assert b.analyze(ARTICLE) == a.analyze(ARTICLE)
    assert len(pickle.dumps(a)) < 200


def test_hard_wrap_modes():
    wrapped = (
        "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في\n"
        "المنطقة الشرقية، وقال المتحدث الرسمي باسم الوزارة إن\n"
        "المستشفى سيخدم أكثر من مليون نسمة في المنطقة.\n\n"
        "وأكد أن العمل جار على توسيع الخدمات في المحافظات\n"
        "الأخرى خلال العام المقبل."
    )
    off = khabar.Analyzer().split(wrapped)
    on = khabar.Analyzer("on").split(wrapped)
    assert len(on) < len(off)
    assert khabar.Analyzer("auto").split(wrapped) == on
    for mode in ("off", "on", "auto"):  # split alone = the record's sentences, in every mode
        a = khabar.Analyzer(mode)
        assert a.split(wrapped, "عنوان") == a.analyze(wrapped, "عنوان")["sentences"]
    check_offsets(wrapped, khabar.Analyzer("on").analyze(wrapped))
    with pytest.raises(ValueError, match="hard_wrap"):
        khabar.Analyzer("sometimes")


def _analyze_in_worker(args):
    analyzer, text = args
    return analyzer.analyze(text)


def test_analyzer_works_in_multiprocessing_workers():
    a = khabar.Analyzer("off")
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as ex:
        got = list(ex.map(_analyze_in_worker, [(a, t) for t in (ARTICLE, SHORT)]))
    assert got == [a.analyze(ARTICLE), a.analyze(SHORT)]


def test_docstrings_and_signatures_are_readable():
    assert "code-point" in khabar.__doc__
    for f in (khabar.analyze, khabar.split, khabar.quotes, khabar.summarize, khabar.analyze_many):
        assert f.__doc__ and len(f.__doc__) > 40, f
    assert khabar.Analyzer.analyze.__text_signature__.startswith("($self, text, title=None, *")
    assert "GIL" in khabar.Analyzer.analyze_many.__doc__


def test_type_stubs_ship_and_cover_the_api():
    pkg = Path(khabar.__file__).parent
    assert (pkg / "py.typed").exists()
    tree = ast.parse((pkg / "__init__.pyi").read_text(encoding="utf-8"))
    names = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    assert set(khabar.__all__) - {"__version__"} <= names
    assert {"Record", "Quote", "Sentence", "Span", "ErrorRecord"} <= names


def test_version_matches_the_package():
    from importlib.metadata import version

    assert khabar.__version__ == version("khabar")
