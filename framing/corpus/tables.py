"""An event's document → four CSV tables (labels, quotes, findings, coverage); columns in docs/corpus.md."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

COLUMNS = {
    "labels": ("article", "outlet", "actor", "actor_name", "label", "stance", "voice", "start", "end"),
    "quotes": ("article", "outlet", "speaker", "speaker_name", "group", "kind", "verb", "anonymous", "words", "text", "start", "end"),
    "findings": ("rank", "id", "kind", "strength", "text", "caveat", "articles"),
    "coverage": ("element", "text", "article", "outlet", "reported", "in_lead"),
}


def event_tables(document: dict[str, Any]) -> list[tuple[str, bytes]]:
    """(name, CSV bytes) for each table, in the order of ``COLUMNS``."""
    rows = {"labels": _labels(document), "quotes": _quotes(document), "findings": _findings(document),
            "coverage": _coverage(document)}
    return [(name, _csv(COLUMNS[name], rows[name])) for name in COLUMNS]


def _csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _labels(doc: dict[str, Any]) -> Iterable[tuple[Any, ...]]:
    names = {a["id"]: a["name"] for a in doc["actors"]}
    for article in doc["articles"]:
        for label in article["labels"]:
            yield (article["id"], article["outlet"]["name"], label["actor"], names.get(label["actor"], label["actor"]),
                   label["text"], label["stance"], label["voice"], label["start"], label["end"])


def _quotes(doc: dict[str, Any]) -> Iterable[tuple[Any, ...]]:
    for article in doc["articles"]:
        groups = {s["speaker"]: s.get("group") for s in article["voices"].get("speakers", [])}
        for quote in article["quotes"]:
            yield (article["id"], article["outlet"]["name"], quote["speaker"], quote.get("speaker_name", quote["speaker_text"]),
                   groups.get(quote["speaker"]), quote["kind"], quote["verb"], int(bool(quote["anonymous"])),
                   quote["words"], quote["text"], quote["start"], quote["end"])


def _findings(doc: dict[str, Any]) -> Iterable[tuple[Any, ...]]:
    for rank, finding in enumerate(doc["findings"], 1):
        articles = sorted({e["article"] for e in finding["evidence"]})
        yield (rank, finding["id"], finding["kind"], finding["strength"], finding["text"], finding["caveat"], " ".join(articles))


def _coverage(doc: dict[str, Any]) -> Iterable[tuple[Any, ...]]:
    outlets = {a["id"]: a["outlet"]["name"] for a in doc["articles"]}
    for element in doc["coverage"]:
        reported, leads = set(element["articles"]), set(element["lead_in"])
        for article in outlets:
            yield (element["id"], element["text"], article, outlets[article], int(article in reported), int(article in leads))
