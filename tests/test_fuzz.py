"""Fuzzing the whole pipeline: any story, from files or records, gives a document or a FramingError.

Bounded (a fixed number of examples, no deadline) so it runs in CI in about a minute. A lens that
raises shows up as a failure in the document: the test fails on any, with the lens and error named.
"""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.api import Pipeline
from framing.errors import FramingError
from framing.export import dumps
from framing.models import Story

PIPELINE = Pipeline()
BOUNDED = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces of news text that drive the lenses down their less travelled paths, mixed with anything at all.
NEWSY = st.sampled_from([
    "“No,” Mr. Smith said.", '"Yes," she said. "Later."', "said", "told reporters", "according to",
    "Sen. Jane Roe (D-Calif.)", "President", "former", "the embattled governor", "(formerly known as Abu Ali)",
    "Ahmed al-Sharaa", "al-Sharaa's", "U.S.", "Wash.", "a source familiar with the talks", "“", "”", "«", "»",
    "\n\n", "\n", ". ", ", ", "—", "…", "'", "would-be", "so-called", "regime", "allegedly", "1,000", "2025-01-28",
    "\u202e", "\u200b", "\u0301\u0301\u0301", "東京で会談", "Москва", "دمشق", "x" * 300, "@", "http://example.org/a",
])
TEXT = st.lists(st.one_of(NEWSY, st.text(max_size=40)), min_size=1, max_size=60).map(" ".join)
META = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


def _check(document: dict) -> None:
    assert document["failures"] == [], document["failures"]
    text = dumps(document)  # strict JSON: raises on NaN
    assert json.loads(text)["schema_version"] == document["schema_version"]
    for article in document["articles"]:
        for key in ("labels", "quotes", "mentions", "matches"):
            for item in article[key]:
                assert 0 <= item["start"] <= item["end"] <= len(article["text"])


@BOUNDED
@given(texts=st.lists(TEXT, min_size=1, max_size=4), outlets=st.lists(st.text(max_size=12), min_size=4, max_size=4))
def test_any_story_of_records_gives_a_document_or_a_framing_error(texts: list[str], outlets: list[str]) -> None:
    records = [{"outlet": outlets[i] or "Outlet", "title": t[:30], "text": t} for i, t in enumerate(texts)]
    try:
        document = PIPELINE.document(Story.from_records(records, title="Fuzz"))
    except FramingError:
        return
    _check(document)


@BOUNDED
@given(text=TEXT, metadata=st.dictionaries(st.text(min_size=1, max_size=8), META, max_size=3), language=st.sampled_from(["en", "xx", "", "zh-CN"]))
def test_any_record_metadata_and_language_give_strict_json(text: str, metadata: dict, language: str) -> None:
    records = [
        {"outlet": "A", "title": "One", "text": text, "language": language, **metadata},
        {"outlet": "B", "title": "Two", "text": "The minister said on Monday that talks would resume. " * 3},
    ]
    try:
        document = PIPELINE.document(Story.from_records(records, title="Fuzz"))
    except FramingError:
        return
    _check(document)
    assert all(not (isinstance(v, float) and math.isnan(v)) for a in document["articles"] for v in a["metadata"].values())


@BOUNDED
@given(texts=st.lists(TEXT, min_size=2, max_size=3))
def test_any_story_folder_gives_a_document_or_a_framing_error(tmp_path_factory, texts: list[str]) -> None:
    folder = tmp_path_factory.mktemp("story")
    for i, text in enumerate(texts):
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        document = PIPELINE.document(PIPELINE.load(folder))
    except FramingError:
        return
    _check(document)
