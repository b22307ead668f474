"""What the templates need, computed from the analysis document: highlights, anchors, chart geometry.

Pure functions of the JSON document, so the report is a function of the JSON a pipeline sees.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Highlight styles: a colour for screens and a distinct underline for grayscale print.
# Categories without a style of their own share the generic slots, in a stable order.
HIGHLIGHTS: dict[str, tuple[str, str]] = {
    "quote": ("Quoted words", "Words the outlet puts in a speaker's mouth (direct quotes)."),
    "label-legitimising": ("Label: legitimising", "A descriptor of an actor that lends it standing."),
    "label-delegitimising": ("Label: delegitimising", "A descriptor of an actor that takes standing away."),
    "label-neutral": ("Label: neutral or unrated", "A descriptor of an actor with no lexicon stance, or a neutral one."),
    "loaded": ("Loaded language", "Pejorative, emotive or loaded words."),
    "evaluative": ("Evaluative", "The writer's judgement: significant, ominous, historic…"),
    "intensifier": ("Intensifier", "Words that turn the volume up."),
    "hedge": ("Hedge", "Words that mark a claim as uncertain or second-hand."),
    "attribution_loaded": ("Loaded reporting verb", "Reporting verbs that tilt: claimed, admitted, insisted…"),
}
_LANGUAGE_KINDS = {"language", "attribution"}


@dataclass
class Mark:
    start: int
    end: int
    css: str
    title: str
    anchor: str | None = None


@dataclass
class Segment:
    text: str
    classes: list[str]
    titles: list[str]
    anchors: list[str] = field(default_factory=list)


def anchor_id(article: str, start: int, end: int) -> str:
    """The HTML id of a span of evidence; findings and chips link to it."""
    return f"ev-{article}-{start}-{end}"


def segments(text: str, start: int, end: int, marks: Iterable[Mark]) -> list[Segment]:
    """Cut ``text[start:end]`` at every mark boundary; each piece lists the marks covering it."""
    inside = [m for m in marks if m.start < end and m.end > start and m.start < m.end]
    cuts = {start, end}
    for m in inside:
        cuts.add(max(m.start, start))
        cuts.add(min(m.end, end))
    points = sorted(cuts)
    anchors_at: dict[int, list[str]] = defaultdict(list)
    for m in inside:
        if m.anchor and m.start >= start:
            anchors_at[m.start].append(m.anchor)
    out: list[Segment] = []
    for a, b in zip(points, points[1:]):
        covering = [m for m in inside if m.start <= a and m.end >= b]
        classes = sorted({m.css for m in covering})
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
    """Every highlight of one article: quotes, labels, language matches and finding evidence."""
    aid = article["id"]
    marks: list[Mark] = []
    for q in article.get("quotes", []):
        if q["kind"] == "direct":
            marks.append(Mark(q["start"], q["end"], "hl-quote", f"Quote: {q['speaker_text']}"))
    for label in article.get("labels", []):
        stance = label["stance"] if label["stance"] in ("legitimising", "delegitimising") else "neutral"
        marks.append(
            Mark(label["start"], label["end"], f"hl-label-{stance}", f"Label of {label['actor']} ({label['stance']}, {label['voice']} voice)")
        )
    for m in article["matches"]:
        if m["category"] in language:
            marks.append(Mark(m["start"], m["end"], f"hl-{m['category']}", f"{m['category']}: {m['phrase']}"))
    seen: set[tuple[int, int]] = set()
    for start, end in sorted(set(evidence)):
        marks.append(Mark(start, end, "hl-evidence", "", anchor_id(aid, start, end)))
        seen.add((start, end))
    for m in marks:
        if m.anchor is None and (m.start, m.end) not in seen:
            m.anchor = anchor_id(aid, m.start, m.end)
            seen.add((m.start, m.end))
    return marks


def _evidence_by_article(doc: Mapping[str, Any]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for finding in doc.get("findings", []):
        for ev in finding["evidence"]:
            out[ev["article"]].append((ev["start"], ev["end"]))
    return out


def columns(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The articles as columns of blocks, each block cut into highlighted segments."""
    language = _language_categories(doc)
    evidence = _evidence_by_article(doc)
    out = []
    for article in doc["articles"]:
        marks = article_marks(article, language, evidence.get(article["id"], []))
        blocks = [
            {"kind": b["kind"], "segments": segments(article["text"], b["start"], b["end"], marks)}
            for b in article["blocks"]
        ]
        out.append({"id": article["id"], "blocks": blocks})
    return out


def legend(cols: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The highlight styles the columns use, in a fixed order."""
    used: set[str] = set()
    for column in cols:
        for block in column["blocks"]:
            for seg in block["segments"]:
                used.update(seg.classes)
    return [
        {"css": f"hl-{key}", "name": name, "description": description}
        for key, (name, description) in HIGHLIGHTS.items()
        if f"hl-{key}" in used
    ]


def bar_chart(rows: list[tuple[str, list[tuple[str, float, str]]]], *, width: int = 520, bar: int = 9) -> dict[str, Any]:
    """Geometry of a grouped horizontal bar chart: rows of (group label, [(series, value, note)])."""
    peak = max((v for _, series in rows for _, v, _ in series), default=0.0) or 1.0
    label_w, gap = 170, 10
    plot_w = width - label_w - 60
    y = 0
    groups = []
    for label, series in rows:
        bars = []
        for i, (name, value, note) in enumerate(series):
            bars.append({
                "series": name, "index": i, "value": value, "note": note,
                "x": label_w, "y": y + i * (bar + 2), "w": round(plot_w * value / peak, 1), "h": bar,
            })
        height = len(series) * (bar + 2)
        groups.append({"label": label, "y": y, "mid": y + height / 2, "bars": bars})
        y += height + gap
    return {"width": width, "height": max(y, 1), "label_w": label_w, "plot_w": plot_w, "groups": groups, "peak": peak}


def score_chart(doc: Mapping[str, Any]) -> dict[str, Any]:
    """Lexicon scores per outlet (per 1,000 words), one group per language category."""
    language = sorted(_language_categories(doc), key=list(HIGHLIGHTS).index)
    rows = []
    for category in language:
        series = []
        for article in doc["articles"]:
            score = article["scores"].get(category, {"count": 0, "per_1000": 0.0, "words": article["words"]})
            series.append((article["outlet"]["display"], float(score["per_1000"]), f"{score['count']} in {score['words']} words"))
        rows.append((HIGHLIGHTS[category][0], series))
    return bar_chart(rows)


def outlets(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One entry per article for headers: outlet, identity evidence, date, headline, lede."""
    out = []
    for i, article in enumerate(doc["articles"]):
        lede = next((article["text"][b["start"]:b["end"]] for b in article["blocks"] if b["kind"] == "paragraph"), "")
        out.append({
            "id": article["id"], "index": i, "outlet": article["outlet"], "title": article["title"],
            "standfirst": article["standfirst"], "lede": lede, "published": article["published"],
            "published_note": article["published_note"], "words": article["words"],
        })
    return out


def build_view(doc: Mapping[str, Any]) -> dict[str, Any]:
    """Everything the templates compute from, besides the document itself."""
    cols = columns(doc)
    return {
        "outlets": outlets(doc),
        "columns": cols,
        "legend": legend(cols),
        "score_chart": score_chart(doc),
        "series_count": len(doc["articles"]),
    }
