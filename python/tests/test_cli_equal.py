"""khabar.analyze gives the CLI's record for the same input (with start/end in bytes read
from start_byte/end_byte), and its offsets slice the Python str, on the dev articles."""

import json
import subprocess

import pytest

import khabar
from conftest import ARTICLE, DEV, SAMPLES, TITLED, TITLED_TITLE, check_offsets, to_cli


def run_cli(exe, records, *flags):
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    p = subprocess.run([exe, "analyze", "--jsonl", "--quiet", *flags], input=data.encode(),
                       capture_output=True, check=False)
    assert p.returncode in (0, 3), p.stderr.decode()
    return [json.loads(line) for line in p.stdout.decode().splitlines()]


def dev_records():
    if not DEV.exists():
        pytest.skip(f"{DEV} absent (../shared is not here)")
    recs = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(recs) >= 50
    return recs


def test_samples_equal_the_cli_record(cli):
    recs = [{"id": i, "text": t} for i, t in enumerate(SAMPLES)]
    recs.append({"id": "titled", "text": TITLED, "title": TITLED_TITLE})
    for flags, kw in (((), {}), (("--sentences", "1"), {"sentences": 1}),
                      (("--words", "30"), {"words": 30}), (("--ratio", "0.5"), {"ratio": 0.5})):
        want = run_cli(cli, recs, *flags)
        for r, w in zip(recs, want):
            got = khabar.analyze(r["text"], r.get("title"), **kw)
            assert {"id": r["id"], **to_cli(got)} == w


def test_bad_records_are_errors_in_both(cli):
    want = run_cli(cli, [{"id": "x", "text": 5}, {"id": "y", "text": ARTICLE}])
    got = khabar.analyze_many([{"id": "x", "text": 5}, {"id": "y", "text": ARTICLE}])
    assert "error" in want[0] and "error" in got[0]
    assert to_cli(got[1]) == want[1]


def test_dev_articles_equal_the_cli_record(cli):
    recs = dev_records()
    want = run_cli(cli, recs)
    assert len(want) == len(recs)
    many = khabar.analyze_many(recs, threads=2)
    for r, w, m in zip(recs, want, many):
        got = khabar.analyze(r["text"], r.get("title"))
        assert {"id": r.get("id"), **to_cli(got)} == w, r.get("id")
        assert to_cli(m) == w


def test_dev_offsets_slice_every_item():
    n = sum(check_offsets(r["text"], khabar.analyze(r["text"], r.get("title"))) for r in dev_records())
    assert n > 1000
