"""Evidence anchors: the only code that writes or reads the HTML id of a span of evidence.

Everything else passes spans around as ``(article, start, end)``; the id is made at the edge, by the
``anchor`` template filter, so a link and its target are always spelled the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

Where = tuple[str, int, int]

_PREFIX = "ev-"
_ANCHOR = re.compile(rf"^{_PREFIX}(.+)-(\d+)-(\d+)$")


def make_anchor(article: str, start: int, end: int) -> str:
    """The HTML id of ``text[start:end]`` of an article; findings, chips and tables link to it."""
    return f"{_PREFIX}{article}-{start}-{end}"


def parse_anchor(anchor: str | None) -> Where | None:
    """``(article, start, end)`` from an id :func:`make_anchor` wrote, or None for anything else."""
    found = _ANCHOR.match(anchor or "")
    return (found.group(1), int(found.group(2)), int(found.group(3))) if found else None


def where(span: Mapping[str, Any] | None) -> Where | None:
    """``(article, start, end)`` of a span of the analysis document (or None)."""
    return (span["article"], span["start"], span["end"]) if span else None


def anchor(value: Where | Mapping[str, Any] | str, lands: Mapping[Where, Where] | None = None) -> str:
    """The template filter: an id from ``(article, start, end)``, a span, or an id written elsewhere.

    ``lands`` maps a span to the span whose element carries its id, where the layout gives several
    spans one element (the PDF: see :func:`framing.report.highlight.print_columns`). Raises
    ValueError for a string that is not an evidence anchor, so a broken link fails the render.
    """
    if isinstance(value, str):
        parsed = parse_anchor(value)
        if parsed is None:
            raise ValueError(f"{value!r} is not an evidence anchor")
        span = parsed
    elif isinstance(value, Mapping):
        span = (value["article"], value["start"], value["end"])
    else:
        article, start, end = value
        span = (article, start, end)
    if lands:
        span = lands.get(span, span)
    return make_anchor(*span)
