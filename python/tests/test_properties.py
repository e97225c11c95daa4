"""Property tests: any str is analysed without an exception, and every offset slices it."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import khabar
from conftest import check_offsets, to_cli

# Arabic letters, diacritics, digits, punctuation that ends or opens sentences and quotes,
# line breaks, and the words that cue quotes, so that the generated texts reach every stage.
PIECES = st.sampled_from([
    "قال", "وقال", "أكد", "وأضاف", "أوضح", "إن", "أن", "الوزير", "المتحدث", "محمد",
    "الوزارة", "مصدر", "مسؤول", ":", "«", "»", '"', "“", "”", ".", "؟", "!", "،", "…",
    "\n", "\n\n", " ", " ", " ", "-", "(", ")", "ً", "ّ", "١٢", "2024", "د.", "واس",
    "\r\n", "\u200f", "\u00a0", "😀", "ﷲ", "a.", "Mr.",
])
NEWSY = st.lists(PIECES, max_size=80).map("".join)
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=400))
def test_any_str_round_trips_and_slices(text):
    rec = khabar.analyze(text)
    check_offsets(text, rec)
    assert khabar.split(text) == rec["sentences"]


@SETTINGS
@given(NEWSY, st.one_of(st.none(), NEWSY))
def test_newsy_text_slices_everywhere(text, title):
    rec = khabar.analyze(text, title)
    check_offsets(text, rec)
    for q in rec["quotes"]:
        if q["speaker"] is not None:
            assert 0 <= q["speaker"]["entity"] < len(rec["speakers"])
        assert 0 <= q["sentence"] < len(rec["sentences"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(NEWSY, st.text(max_size=60)), max_size=30), st.integers(1, 3))
def test_analyze_many_equals_analyze_in_order(texts, threads):
    got = khabar.analyze_many(texts, threads=threads)
    assert got == [khabar.analyze(t) for t in texts]
    # Dropping the code points gives byte offsets only (the CLI's record shape).
    for t, r in zip(texts, got):
        b = t.encode("utf-8")
        for s in to_cli(r)["sentences"]:
            assert b[s["start"]:s["end"]].decode("utf-8") == s["text"]
