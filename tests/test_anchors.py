"""Evidence anchors: made and read by one module, the same id for a link and its target."""

from __future__ import annotations

import pytest

from framing.report.anchors import anchor, make_anchor, parse_anchor, where


@pytest.mark.parametrize("article", ["rt", "al-mayadeen", "a-12-3", "x"])
def test_an_anchor_reads_back_as_what_made_it(article: str) -> None:
    """Article ids may hold hyphens and digits; the offsets are read from the end."""
    made = make_anchor(article, 12, 340)
    assert parse_anchor(made) == (article, 12, 340)
    assert anchor(made) == made


def test_every_way_of_naming_a_span_gives_the_same_id() -> None:
    span = {"article": "rt", "start": 5, "end": 9, "text": "word"}
    assert anchor(span) == anchor(("rt", 5, 9)) == anchor(where(span)) == make_anchor("rt", 5, 9)
    assert where(None) is None


@pytest.mark.parametrize("text", ["", "finding-3", "ev-rt-5", "ev--5-9x", None])
def test_other_ids_are_not_anchors(text: str | None) -> None:
    assert parse_anchor(text) is None


def test_a_broken_anchor_fails_the_render_instead_of_linking_nowhere() -> None:
    with pytest.raises(ValueError, match="not an evidence anchor"):
        anchor("finding-3")
