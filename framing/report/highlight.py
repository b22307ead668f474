"""Article text as the report shows it: highlight styles, marks and segments, and the evidence links.

Pure functions of the JSON document. Every highlighted stretch that something links to carries its
anchor (framing.report.anchors), so a finding, chip or figure lands on the words it counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from framing.report.anchors import Where


INK = "#1b1f24"


@dataclass(frozen=True)
class Style:
    """A highlight category: a tint for screens and a line style that survives grayscale print."""

    name: str
    description: str
    background: str
    decoration: str
    italic: bool = False


# Every text-decoration differs in line position or style, so a grayscale print keeps them apart;
# every background keeps INK text at WCAG AA contrast or better (tests/test_view.py checks it).


# Every text-decoration differs in line position or style, so a grayscale print keeps them apart;
# every background keeps INK text at WCAG AA contrast or better (tests/test_view.py checks it).
HIGHLIGHTS: dict[str, Style] = {
    "quote": Style("Quoted words", "Words the outlet puts in a speaker's mouth (direct quotes); set in italics.", "#e9edf2", "none", italic=True),
    "label-legitimising": Style("Label: legitimising", "A descriptor that lends an actor standing; solid underline.", "#d3ecdb", "underline solid #14532d"),
    "label-delegitimising": Style("Label: delegitimising", "A descriptor that takes an actor's standing away; double underline.", "#fbd9d2", "underline double #8a1c0a"),
    "label-neutral": Style("Label: neutral or unrated", "A descriptor with no stance in the lexicon, or a neutral one; dashed underline.", "#e4e8ee", "underline dashed #2d3640"),
    "loaded": Style("Loaded language", "Pejorative, emotive or loaded words; wavy underline.", "#ffdfb0", "underline wavy #8a4b00"),
    "evaluative": Style("Evaluative", "The writer's judgement (significant, ominous, historic); dotted underline.", "#eedffa", "underline dotted #5d2a87"),
    "intensifier": Style("Intensifier", "Words that turn the volume up; solid overline.", "#fff1a0", "overline solid #6b5a00"),
    "hedge": Style("Hedge", "Words that mark a claim as uncertain or second-hand; dashed overline.", "#d4e9fa", "overline dashed #124f80"),
    "attribution_loaded": Style("Loaded reporting verb", "Reporting verbs that tilt (claimed, admitted, insisted); lines above and below.", "#fad7e8", "underline overline solid #8a1550"),
}


# Chips of actor labels: colour for screens, border style for grayscale.
STANCES: dict[str, tuple[str, str, str]] = {
    "legitimising": ("#dcefe2", "#14532d", "solid"),
    "delegitimising": ("#fbe1dc", "#8a1c0a", "double"),
    "neutral": ("#e8ebef", "#2d3640", "dashed"),
    "unrated": ("#ffffff", "#3b4450", "dotted"),
}


_LANGUAGE_KINDS = {"language", "attribution"}


IN_CONTEXT = ("loaded", "hedge", "attribution_loaded", "evaluative")


@dataclass
class Mark:
    start: int
    end: int
    css: str
    title: str
    anchor: Where | None = None


@dataclass
class Segment:
    text: str
    classes: list[str]
    titles: list[str]
    anchors: list[Where] = field(default_factory=list)


def segments(text: str, start: int, end: int, marks: Iterable[Mark]) -> list[Segment]:
    """Cut ``text[start:end]`` at every mark boundary; each piece lists the marks covering it."""
    inside = [m for m in marks if m.start < end and m.end > start and m.start < m.end]
    cuts = {start, end}
    for m in inside:
        cuts.add(max(m.start, start))
        cuts.add(min(m.end, end))
    points = sorted(cuts)
    anchors_at: dict[int, list[Where]] = defaultdict(list)
    for m in inside:
        if m.anchor and m.start >= start:  # only in the block where the span starts: ids are unique
            anchors_at[m.start].append(m.anchor)
    out: list[Segment] = []
    for a, b in zip(points, points[1:]):
        covering = [m for m in inside if m.start <= a and m.end >= b]
        classes = sorted({m.css for m in covering if m.css})
        titles = sorted({m.title for m in covering if m.title})
        out.append(Segment(text[a:b], classes, titles, sorted(set(anchors_at.get(a, [])))))
    return out


def _language_categories(doc: Mapping[str, Any]) -> set[str]:
    kinds = {}
    for lexicon in doc["lexicons"]:
        for name, category in lexicon["categories"].items():
            kinds[name] = category["kind"]
    return {name for name, kind in kinds.items() if kind in _LANGUAGE_KINDS and name in HIGHLIGHTS}


def article_marks(article: Mapping[str, Any], language: set[str], evidence: Iterable[tuple[int, int]]) -> list[Mark]:
    """Every highlight of one article, plus an anchor for every span the report links to."""
    aid = article["id"]
    marks: list[Mark] = []
    for q in article.get("quotes", []):
        if q["kind"] == "direct":
            marks.append(Mark(q["start"], q["end"], "hl-quote", f"Quote: {q['speaker_name'] or q['speaker_text']}"))
    for label in article.get("labels", []):
        stance = label["stance"] if label["stance"] in ("legitimising", "delegitimising") else "neutral"
        marks.append(
            Mark(label["start"], label["end"], f"hl-label-{stance}", f"Label of {label['actor']} ({label['stance']}, {label['voice']} voice)")
        )
    for m in article["matches"]:
        if m["category"] in language:
            marks.append(Mark(m["start"], m["end"], f"hl-{m['category']}", f"{HIGHLIGHTS[m['category']].name}: {m['phrase']}"))
    seen = {(m.start, m.end) for m in marks}
    for start, end in sorted(set(evidence)):
        if (start, end) not in seen:
            marks.append(Mark(start, end, "", ""))
            seen.add((start, end))
    anchored: set[tuple[int, int]] = set()
    for m in marks:
        if (m.start, m.end) not in anchored:
            m.anchor = (aid, m.start, m.end)
            anchored.add((m.start, m.end))
    return marks


def link_targets(doc: Mapping[str, Any]) -> dict[str, set[tuple[int, int]]]:
    """Every span the report links to, by article: findings, chips, quotes, frames, terms, coverage."""
    out: dict[str, set[tuple[int, int]]] = defaultdict(set)

    def add(span: Mapping[str, Any] | None) -> None:
        if span:
            out[span["article"]].add((span["start"], span["end"]))

    for finding in doc.get("findings", []):
        for ev in finding["evidence"]:
            add(ev)
    for row in doc.get("label_table", []):
        for aid, chips in row["cells"].items():
            for chip in chips:
                out[aid].add((chip["start"], chip["end"]))
    for row in doc.get("glance", {}).get("rows", []):
        for aid, cell in row["cells"].items():
            if cell.get("start") is not None:
                out[aid].add((cell["start"], cell["end"]))
    for article in doc["articles"]:
        aid = article["id"]
        for q in article.get("quotes", []):
            out[aid].add((q["start"], q["end"]))
        for f in article["frames"]["categories"].values():
            add(f["example"])
        for s in article["scores"].values():
            for ex in s["examples"]:
                add(ex)
        for use in article.get("language_use", {}).get("categories", {}).values():
            for ex in use["examples"][:2]:
                add(ex)
        for measure in article.get("measures", {}).values():
            for ex in measure.get("evidence", []):
                add(ex)
        for t in doc["terms"]["distinctive"].get(aid, []):
            add(t["spans"][0] if t["spans"] else None)
    for el in doc["coverage"]:
        for sp in el["spans"]:
            add(sp)
    for nc in doc["coverage_summary"]["near_copies"]:
        add(nc["a"])
        add(nc["b"])
    return out


def columns(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The articles as columns of blocks, each block cut into highlighted segments."""
    language = _language_categories(doc)
    targets = link_targets(doc)
    out = []
    for article in doc["articles"]:
        marks = article_marks(article, language, targets.get(article["id"], ()))
        blocks = [
            {"kind": b["kind"], "id": None, "segments": segments(article["text"], b["start"], b["end"], marks)}
            for b in article["blocks"]
        ]
        out.append({"id": article["id"], "blocks": blocks})
    return out


def _runs(text: str, start: int, end: int, marks: Iterable[Mark]) -> list[tuple[int, int, list[str]]]:
    """``text[start:end]`` cut where its highlighting changes: (start, end, classes) of each run."""
    runs: list[tuple[int, int, list[str]]] = []
    at = start
    for seg in segments(text, start, end, marks):
        if runs and runs[-1][2] == seg.classes:
            runs[-1] = (runs[-1][0], at + len(seg.text), seg.classes)
        else:
            runs.append((at, at + len(seg.text), seg.classes))
        at += len(seg.text)
    return runs


def print_columns(doc: Mapping[str, Any]) -> tuple[list[dict[str, Any]], dict[Where, Where]]:
    """The columns as the PDF lays them out, and where each link target lands in them.

    Every box costs WeasyPrint layout time, so print keeps one element per run of like highlighting
    and adds none for anchors: a span lands on the highlight run its first character is in, or, in
    unhighlighted words, on its paragraph. A PDF link jumps to a point, so that point is the same
    highlight or the same few lines. Returns the columns and a map from every link target to the
    span whose id it lands on (see :func:`framing.report.anchors.anchor`).
    """
    language = _language_categories(doc)
    targets = link_targets(doc)
    out: list[dict[str, Any]] = []
    lands: dict[Where, Where] = {}
    for article in doc["articles"]:
        aid, text = article["id"], article["text"]
        marks = [m for m in article_marks(article, language, ()) if m.css]
        pending = sorted(targets.get(aid, ()))
        blocks = []
        for b in article["blocks"]:
            runs = _runs(text, b["start"], b["end"], marks)
            # A target lands in the block it starts in; one starting between blocks, on the next block.
            here = [t for t in pending if t[0] < b["end"]]
            pending = pending[len(here):]
            ids: dict[int, Where] = {}  # run index → its id; -1 for the block itself
            for start, end in here:
                i = next((k for k, r in enumerate(runs) if r[0] <= start < r[1] and r[2]), -1)
                if i not in ids:
                    # The element's own span if one starts with it, else the empty span at its start
                    # (no link target is empty, so the two kinds of id never meet).
                    first = runs[i][0] if i >= 0 else b["start"]
                    ids[i] = (aid, start, end) if start == first else (aid, first, first)
                lands[(aid, start, end)] = ids[i]
            segs = [Segment(text[r0:r1], classes, [], [ids[k]] if k in ids else [])
                    for k, (r0, r1, classes) in enumerate(runs)]
            blocks.append({"kind": b["kind"], "id": ids.get(-1), "segments": segs})
        out.append({"id": aid, "blocks": blocks})
    return out, lands


def legend(cols: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The highlight styles the columns use, in a fixed order."""
    used: set[str] = set()
    for column in cols:
        for block in column["blocks"]:
            for seg in block["segments"]:
                used.update(seg.classes)
    return [
        {"css": f"hl-{key}", "name": s.name, "description": s.description}
        for key, s in HIGHLIGHTS.items()
        if f"hl-{key}" in used
    ]


def context(text: str, start: int, end: int, width: int = 48) -> dict[str, str]:
    """The words around a match within its sentence: ``before``, ``match``, ``after``, cut at words."""
    dot, newline = text.rfind(". ", 0, start), text.rfind("\n", 0, start)
    left = max(dot + 2 if dot != -1 else 0, newline + 1)
    lead = ""
    if start - left > width:
        space = text.find(" ", start - width, start)
        left, lead = (space + 1 if space != -1 else start - width), "…"
    ends = [i + 1 for i in (text.find(". ", end), text.find(".\n", end)) if i != -1] + [text.find("\n", end)]
    right = min([i for i in ends if i > 0] + [len(text)])
    tail = ""
    if right - end > width:
        space = text.rfind(" ", end, end + width)
        right, tail = (space if space > end else end + width), "…"
    return {"before": lead + text[left:start], "match": text[start:end], "after": text[end:right] + tail}
