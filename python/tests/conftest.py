"""Shared fixtures: sample articles written for these tests, the repository's paths, and
the helpers that map a Python record back to the CLI's JSON record."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python" / "examples"))

SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "eval" / "dev.jsonl"
SAUDI = SHARED / "corpora" / "saudinewsnet" / "saudinewsnet.jsonl.gz"

# Written for these tests, in the style of Arabic news (no corpus text).
ARTICLE = (
    "الرياض - واس\n"
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المنطقة الشرقية.\n"
    "وقال المتحدث الرسمي باسم الوزارة محمد العلي إن المستشفى سيخدم أكثر من مليون نسمة.\n"
    "وأضاف العلي: \"سنواصل العمل لتوسيع الخدمات في المحافظات الأخرى خلال العام المقبل\".\n"
    "من جهته، أكد مدير المستشفى أن الطواقم الطبية جاهزة لاستقبال المرضى.\n"
    "وأوضح مصدر مسؤول أن الوزارة ستفتتح ثلاثة مراكز صحية أخرى قبل نهاية العام."
)
SHORT = "قال وزير الخارجية إن المحادثات تمر بلحظة حاسمة. وأضاف: \"الاتفاق ممكن\"."
TITLED_TITLE = "وزارة الصحة تعلن افتتاح مستشفى جديد في المنطقة الشرقية لخدمة أكثر من مليون نسمة من السكان."
TITLED = (
    TITLED_TITLE + "\n"
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المنطقة الشرقية.\n"
    "وقال المتحدث الرسمي باسم الوزارة محمد العلي إن المستشفى سيخدم أكثر من مليون نسمة."
)
SAMPLES = [ARTICLE, SHORT, TITLED, "", "   \n\n", "نص قصير بلا نقطة", "Hello, world. A second one!"]


def spans(rec):
    """Every span object of a record (sentences, datelines, quote content/cue/speaker,
    speaker mentions, summary items), as (where, span)."""
    out = []
    for i, s in enumerate(rec.get("sentences", [])):
        out.append((f"sentences[{i}]", s))
        if "dateline" in s:
            out.append((f"sentences[{i}].dateline", s["dateline"]))
    for i, q in enumerate(rec.get("quotes", [])):
        for k in ("content", "cue", "speaker"):
            if q[k] is not None:
                out.append((f"quotes[{i}].{k}", q[k]))
    for i, e in enumerate(rec.get("speakers", [])):
        for j, m in enumerate(e["mentions"]):
            out.append((f"speakers[{i}].mentions[{j}]", m))
    for i, s in enumerate(rec.get("summary", [])):
        out.append((f"summary[{i}]", s))
    return out


def check_offsets(text, rec):
    """Code-point offsets slice the str, byte offsets slice its UTF-8; returns the count."""
    data = text.encode("utf-8")
    for where, s in spans(rec):
        assert text[s["start"]:s["end"]] == s["text"], where
        assert data[s["start_byte"]:s["end_byte"]].decode("utf-8") == s["text"], where
        assert len(text[: s["start"]].encode("utf-8")) == s["start_byte"], where
    return len(spans(rec))


def to_cli(value):
    """A Python record in the CLI's form: byte offsets as start/end, no code points."""
    if isinstance(value, list):
        return [to_cli(v) for v in value]
    if isinstance(value, dict):
        out = {k: to_cli(v) for k, v in value.items() if k not in ("start_byte", "end_byte")}
        if "start_byte" in value:
            out["start"], out["end"] = value["start_byte"], value["end_byte"]
        return out
    return value


def cli_binary():
    """The khabar CLI: $KHABAR_BIN, or a build under target/ (None when there is none)."""
    env = os.environ.get("KHABAR_BIN")
    if env:
        return env
    for p in (ROOT / "target" / "release" / "khabar", ROOT / "target" / "debug" / "khabar"):
        if p.exists():
            return str(p)
    return None


@pytest.fixture(scope="session")
def cli():
    exe = cli_binary()
    if exe is None:
        pytest.skip("no khabar CLI binary (set KHABAR_BIN or cargo build -p khabar-cli)")
    return exe
