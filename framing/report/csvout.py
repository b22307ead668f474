"""The report's main tables as CSV, for spreadsheets: labels, quotes, findings, coverage, measures.

Pure functions of the analysis document, like the view. Columns are fixed and documented in
docs/schema.md ("CSV tables"); rows come in document order, so the same document gives the same bytes.
Every row keeps its evidence as ``article``, ``start`` and ``end`` (offsets into the cleaned text).
Text from the articles is untrusted: a cell that a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

LABELS = ("article", "outlet", "actor", "actor_name", "label", "stance", "voice", "start", "end")
QUOTES = ("article", "outlet", "speaker", "speaker_text", "speaker_group", "kind", "verb", "anonymous",
          "via_media", "words", "text", "start", "end")
FINDINGS = ("finding", "rank", "kind", "strength", "text", "caveat", "article", "outlet", "evidence", "start", "end")
COVERAGE = ("element", "element_text", "outlets_reporting", "article", "outlet", "reports", "leads_with",
            "sentence", "start", "end")
MEASURES = ("article", "outlet", "lens", "value", "display", "note", "evidence", "start", "end")


TABLES = {"labels": LABELS, "quotes": QUOTES, "findings": FINDINGS, "coverage": COVERAGE, "measures": MEASURES}


def tables(doc: Mapping[str, Any]) -> dict[str, bytes]:
    """Every table as UTF-8 CSV bytes, by name (``labels``, ``quotes``, ``findings``, ``coverage``, ``measures``)."""
    return {
        "labels": _csv(LABELS, label_rows(doc)),
        "quotes": _csv(QUOTES, quote_rows(doc)),
        "findings": _csv(FINDINGS, finding_rows(doc)),
        "coverage": _csv(COVERAGE, coverage_rows(doc)),
        "measures": _csv(MEASURES, measure_rows(doc)),
    }


def _outlets(doc: Mapping[str, Any]) -> dict[str, str]:
    return {a["id"]: a["outlet"]["display"] for a in doc["articles"]}


def label_rows(doc: Mapping[str, Any]) -> Iterable[Sequence[Any]]:
    """One row per label occurrence: which actor, which words, the stance and whose voice."""
    names = {a["id"]: a["name"] for a in doc.get("actors", []) if "id" in a}
    for article in doc["articles"]:
        for label in article.get("labels", []):
            yield (article["id"], article["outlet"]["display"], label["actor"], names.get(label["actor"], ""),
                   label["text"],
                   label["stance"] or "unrated", label["voice"], label["start"], label["end"])


def quote_rows(doc: Mapping[str, Any]) -> Iterable[Sequence[Any]]:
    """One row per quote or paraphrase, with its speaker, the speaker's group and the reporting verb."""
    for article in doc["articles"]:
        groups = {s["speaker"]: s["group"] for s in article["voices"].get("speakers", [])}
        for q in article.get("quotes", []):
            yield (article["id"], article["outlet"]["display"], q["speaker_name"] or "", q["speaker_text"] or "",
                   groups.get(q["speaker"], ""), q["kind"], q["verb"] or "", q["anonymous"], q["via_media"] or "",
                   q["words"], q["text"], q["start"], q["end"])


def finding_rows(doc: Mapping[str, Any]) -> Iterable[Sequence[Any]]:
    """One row per piece of evidence of each finding (a finding without evidence gets one row)."""
    outlets = _outlets(doc)
    for rank, f in enumerate(doc.get("findings", []), 1):
        head = (f["id"], rank, f["kind"], f["strength"], f["text"], f["caveat"])
        for ev in f["evidence"] or [None]:
            if ev is None:
                yield (*head, "", "", "", "", "")
            else:
                yield (*head, ev["article"], outlets.get(ev["article"], ""), ev["text"], ev["start"], ev["end"])


def coverage_rows(doc: Mapping[str, Any]) -> Iterable[Sequence[Any]]:
    """Story element × outlet, every pair (so a spreadsheet can filter the omissions), with the sentence."""
    for el in doc["coverage"]:
        spans = {sp["article"]: sp for sp in el["spans"]}
        for article in doc["articles"]:
            sp = spans.get(article["id"])
            yield (el["id"], el["text"], len(el["articles"]), article["id"], article["outlet"]["display"],
                   sp is not None, article["id"] in el["lead_in"],
                   sp["text"] if sp else "", sp["start"] if sp else "", sp["end"] if sp else "")


def measure_rows(doc: Mapping[str, Any]) -> Iterable[Sequence[Any]]:
    """One row per added measure and outlet, with its first evidence span."""
    for article in doc["articles"]:
        for name, m in sorted(article.get("measures", {}).items()):
            ev = (m.get("evidence") or [None])[0]
            yield (article["id"], article["outlet"]["display"], name, m["value"], m["display"], m.get("note") or "",
                   ev["text"] if ev else "", ev["start"] if ev else "", ev["end"] if ev else "")


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value[:1] in _FORMULA:
        return "'" + value
    return value


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
