"""What the templates need, computed from the analysis document: highlights, anchors, tables, charts.

Pure functions of the JSON document, so the report is a function of the JSON a pipeline sees.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from framing.report.anchors import where
from framing.report.brief import briefing
from framing.report.highlight import IN_CONTEXT, HIGHLIGHTS, INK, STANCES, columns, context, legend, print_columns


# Speaker groups in the voices chart; literal colours, as SVG in PDFs does not resolve CSS variables.
SERIES = ("#2a578d", "#c2571a", "#2e7d4f", "#8e3a8a", "#8a6f00", "#1f7f91",
          "#b03a48", "#5b6b2e", "#6c4bb4", "#7a5230", "#3f6f6a", "#9a4f7a")


def rows_of(items: list[Any], most: int) -> list[list[Any]]:
    """Split items into as few rows of at most ``most`` as possible, the rows as even as possible."""
    if not items:
        return []
    n_rows = math.ceil(len(items) / most)
    per = math.ceil(len(items) / n_rows)
    return [items[i:i + per] for i in range(0, len(items), per)]


def cut(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else cut at the last word that fits, with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    head = head.rsplit(" ", 1)[0] if " " in head else head
    return head.rstrip(",;:-– ") + "…"


def short_name(name: str, limit: int = 22) -> str:
    """An outlet name short enough for a narrow column head: parentheses dropped, then cut at a word."""
    return cut(name.split(" (")[0].strip() or name, limit)


def _frame_label(category: Mapping[str, Any]) -> str:
    """A frame's name as a reader says it: the description's head ("Security and defence")."""
    head = category.get("description", "").split(":", 1)[0].strip()
    return head if head and len(head) <= 32 else category["label"]


def outlets(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One entry per article for headers: outlet, identity evidence, date, headline, lede."""
    out = []
    for i, article in enumerate(doc["articles"]):
        lede = next((article["text"][b["start"]:b["end"]] for b in article["blocks"] if b["kind"] == "paragraph"), "")
        lang = article["language"]
        out.append({
            "id": article["id"], "index": i, "number": i + 1, "outlet": article["outlet"], "title": article["title"],
            "standfirst": article["standfirst"], "lede": lede, "published": article["published"],
            "published_note": article["published_note"], "words": article["words"], "lang": lang,
            "short": short_name(article["outlet"]["name"]), "url": article["url"],
        })
    return out


def glance(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The at-a-glance matrix turned so outlets are rows: it grows down, not across, with more outlets."""
    rows = doc.get("glance", {}).get("rows", [])
    frames = {c["label"]: _frame_label(c) for c in doc["frame_categories"]}
    dims = [r["dimension"] for r in rows]
    out = []
    for article in doc["articles"]:
        cells = []
        for r in rows:
            cell = r["cells"].get(article["id"])
            if cell and r["dimension"] == "Leading frame":
                cell = {**cell, "text": frames.get(cell["text"], cell["text"])}
            if cell:
                has_span = cell.get("start") is not None
                cell = {**cell, "anchor": (article["id"], cell["start"], cell["end"]) if has_span else None}
            cells.append(cell)
        out.append({"id": article["id"], "cells": cells})
    return {"dimensions": dims, "rows": out}


def frame_table(doc: Mapping[str, Any]) -> dict[str, Any]:
    """Frames as columns, outlets as rows: each cell a share, its interval and an example."""
    cats = [{"name": c["name"], "label": _frame_label(c), "description": c["description"]} for c in doc["frame_categories"]]
    rows = []
    for article in doc["articles"]:
        fr = article["frames"]
        cells = []
        for c in cats:
            f = fr["categories"].get(c["name"])
            if f is None:
                cells.append(None)
                continue
            ex = f["example"]
            cells.append({
                "share": f["share"], "low": f["low"], "high": f["high"], "count": f["count"],
                "leading": fr["leading"] == c["name"],
                "anchor": where(ex),
                "example": ex["text"] if ex else "",
            })
        leading = next((c["label"] for c in cats if c["name"] == fr["leading"]), None)
        rows.append({"id": article["id"], "sentences": fr["sentences"], "cells": cells,
                     "leading": leading, "reason": fr["leading_reason"]})
    return {"frames": cats, "rows": rows}


def category_labels(doc: Mapping[str, Any]) -> dict[str, str]:
    """Every category name the document uses → the words a reader sees (never the internal id)."""
    labels = {c["name"]: c["label"] for c in doc.get("language_categories", [])}
    labels.update({n: HIGHLIGHTS[n].name for n in labels if n in HIGHLIGHTS})
    labels.update({c["name"]: _frame_label(c) for c in doc.get("frame_categories", [])})
    return labels


def readable(text: str, labels: Mapping[str, str]) -> str:
    """``text`` with every internal category id (``politics_power``) replaced by its label."""
    for name in sorted((n for n in labels if "_" in n), key=len, reverse=True):
        text = text.replace(name, labels[name])
    return text


def language_table(doc: Mapping[str, Any]) -> dict[str, Any]:
    """Every language category any outlet uses (user lexicons' too): the outlet's own words and quoted ones apart.

    The rate is per 1,000 of the outlet's own words (quotes left out); the bar compares outlets.
    """
    labels = category_labels(doc)
    order = [c["name"] for c in doc["language_categories"]]
    used = {name for a in doc["articles"] for name, c in a.get("language_use", {}).get("categories", {}).items()
            if c["own"] or c["quoted"]}
    cats = [{"name": n, "label": labels.get(n, n), "css": f"hl-{n}" if n in HIGHLIGHTS else ""} for n in order if n in used]
    uses = [a.get("language_use", {}).get("categories", {}) for a in doc["articles"]]
    peak = max((u.get(c["name"], {}).get("per_1000", 0.0) for u in uses for c in cats), default=0.0) or 1.0
    rows = []
    for article, use in zip(doc["articles"], uses):
        cells, examples = [], []
        for c in cats:
            u = use.get(c["name"]) or {"own": 0, "quoted": 0, "per_1000": 0.0, "examples": []}
            first = u["examples"][0] if u["examples"] else None
            cells.append({"own": u["own"], "quoted": u["quoted"], "per_1000": u["per_1000"],
                          "bar": round(100 * u["per_1000"] / peak, 1), "anchor": where(first)})
            if c["name"] in IN_CONTEXT or c["name"] not in HIGHLIGHTS:
                for ex in u["examples"][:2]:
                    examples.append({"label": c["label"], "css": c["css"], "anchor": where(ex),
                                     **context(article["text"], ex["start"], ex["end"])})
        rows.append({"id": article["id"], "words": article["words"], "cells": cells, "examples": examples[:5]})
    return {"categories": cats, "rows": rows}


def voice_chart(doc: Mapping[str, Any], *, width: int = 640) -> dict[str, Any]:
    """Geometry of one stacked bar per outlet (name above its bar): shares of quoted words by group."""
    groups: list[str] = []
    for article in doc["articles"]:
        for g in article["voices"].get("groups", []):
            if g["group"] not in groups:
                groups.append(g["group"])
    slots = {g: i % 12 for i, g in enumerate(groups)}
    row_h, bar_h, plot_w = 34, 14, width - 80
    rows = []
    for i, article in enumerate(doc["articles"]):
        x = 0.0
        segs = []
        for g in article["voices"].get("groups", []):
            w = round(plot_w * g["share"], 1)
            if w > 0:
                segs.append({"group": g["group"], "slot": slots[g["group"]], "x": round(x, 1), "w": w,
                             "words": g["words"], "share": g["share"]})
            x += w
        rows.append({"label": article["outlet"]["display"], "y": i * row_h, "bar_y": i * row_h + 14, "bar_h": bar_h,
                     "segments": segs, "total": article["voices"].get("total_words", 0)})
    return {"width": width, "height": max(row_h * len(rows), 1), "plot_w": plot_w, "rows": rows,
            "groups": [{"group": g, "slot": slots[g]} for g in groups]}


def coverage(doc: Mapping[str, Any]) -> dict[str, Any]:
    """Elements only one outlet reports, by outlet; and the elements two or more share, as rows."""
    cov = doc["coverage_summary"]
    by_id = {el["id"]: el for el in doc["coverage"]}
    only = []
    for article in doc["articles"]:
        items = []
        for eid in cov["only_in"].get(article["id"], []):
            el = by_id[eid]
            sp = el["spans"][0]
            items.append({"id": eid, "text": sp["text"], "anchor": where(sp),
                          "lead": article["id"] in el["lead_in"]})
        if items:
            only.append({"id": article["id"], "items": items})
    shared = []
    shorts = {a["id"]: short_name(a["outlet"]["name"]) + ("*" if a["outlet"]["evidence"] != "named" else "") for a in doc["articles"]}
    for el in doc["coverage"]:
        if len(el["articles"]) < 2:
            continue
        spans = {sp["article"]: sp for sp in el["spans"]}
        reporters = [{"id": a["id"], "short": shorts[a["id"]], "anchor": where(spans[a["id"]]),
                      "lead": a["id"] in el["lead_in"]} for a in doc["articles"] if a["id"] in spans]
        shared.append({"id": el["id"], "text": el["text"], "all": len(el["articles"]) == len(doc["articles"]),
                       "reporters": reporters})
    return {"only": only, "shared": shared}


def _top_chip(chips: list[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The label an outlet uses most in its own words, else the one it quotes most."""
    return max(chips, key=lambda c: (c["own"] > 0, c["count"], -c["start"]))


def portraits(doc: Mapping[str, Any], outs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Page 1: each outlet with its headline (or lede) and what the analysis says of it, as linked facts.

    A fact is only stated where the document has its evidence: no quoted words, no "whose voice";
    no ranked frame, no "leads on"; nothing reported alone, no "only it reports".
    """
    labels = category_labels(doc)
    by_el = {el["id"]: el for el in doc["coverage"]}
    only_in = doc["coverage_summary"]["only_in"]
    key_actors = [r for r in doc.get("label_table", []) if r["outlets"] >= 2][:2]
    out = []
    for o, article in zip(outs, doc["articles"]):
        aid = article["id"]
        facts: list[dict[str, Any]] = []
        for row in key_actors:
            chips = row["cells"].get(aid)
            if chips:
                chip = _top_chip(chips)
                facts.append({"lead": f"calls {row['name']}" if chip["own"] else f"quotes others calling {row['name']}",
                              "value": chip["text"], "quoted": True, "stance": chip["stance"],
                              "anchor": (aid, chip["start"], chip["end"])})
        voices = article["voices"]
        groups = [g for g in voices.get("groups", []) if g["words"]]
        if groups:
            top = groups[0]
            speakers = {s["speaker"] for s in voices.get("speakers", []) if s["group"] == top["group"]}
            quote = next((q for q in article["quotes"] if q["kind"] == "direct" and q["speaker"] in speakers), None)
            facts.append({"lead": "quotes mostly", "value": f"{top['group']} ({round(100 * top['share'])}% of {voices['total_words']} quoted words)",
                          "quoted": False, "stance": None, "anchor": (aid, quote["start"], quote["end"]) if quote else None})
        leading = article["frames"]["leading"]
        if leading:
            example = article["frames"]["categories"][leading]["example"]
            facts.append({"lead": "frames it as", "value": labels.get(leading, leading).lower(), "quoted": False,
                          "stance": None, "anchor": where(example)})
        alone = only_in.get(aid, [])
        if alone:
            span = by_el[alone[0]]["spans"][0]
            more = f" (+{len(alone) - 1} more)" if len(alone) > 1 else ""
            facts.append({"lead": "alone reports", "value": cut(span["text"], 90), "more": more, "quoted": True,
                          "stance": None, "anchor": where(span)})
        headline = article["title"] or cut(o["lede"], 160)
        facts = [{"more": "", **f} for f in facts]
        out.append({**o, "headline": headline, "from_lede": not article["title"], "facts": facts})
    return out


def naming(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per actor, only the outlets that label it (with their chips), and the names of those that do not."""
    names = {a["id"]: a["outlet"]["display"] for a in doc["articles"]}
    out = []
    for row in doc.get("label_table", []):
        entries = [{"id": a["id"], "chips": [{**c, "anchor": (a["id"], c["start"], c["end"])} for c in row["cells"][a["id"]]]}
                   for a in doc["articles"] if row["cells"].get(a["id"])]
        silent = [names[a["id"]] for a in doc["articles"] if not row["cells"].get(a["id"])]
        out.append({"name": row["name"], "entries": entries, "silent": silent})
    return out


def near_copy_pairs(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Near-copied sentences grouped by the pair of outlets that share them, most shared first."""
    order = {a["id"]: i for i, a in enumerate(doc["articles"])}
    pairs: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for nc in doc["coverage_summary"]["near_copies"]:
        a, b = sorted((nc["a"], nc["b"]), key=lambda sp: order[sp["article"]])
        pairs[(a["article"], b["article"])].append({"a": a, "b": b, "similarity": nc["similarity"]})
    out = [{"a": a, "b": b, "copies": copies, "low": min(c["similarity"] for c in copies)} for (a, b), copies in pairs.items()]
    return sorted(out, key=lambda p: (-len(p["copies"]), order[p["a"]], order[p["b"]]))


def by_lean(doc: Mapping[str, Any]) -> dict[str, Any] | None:
    """Coverage by the leans users gave: what each side reports, and what one side alone reports.

    None when fewer than two leans are given. An element counts as one side's alone only when every
    outlet reporting it has that lean; outlets without a lean never make an element one-sided.
    """
    lean_of = {a["id"]: (a["outlet"].get("lean") or "").strip() for a in doc["articles"]}
    leans = sorted({v for v in lean_of.values() if v})
    if len(leans) < 2:
        return None
    sides = []
    for lean in leans:
        members = [a["id"] for a in doc["articles"] if lean_of[a["id"]] == lean]
        reported = [el for el in doc["coverage"] if set(el["articles"]) & set(members)]
        alone = [el for el in doc["coverage"] if {lean_of[x] for x in el["articles"]} == {lean}]
        sides.append({
            "lean": lean, "outlets": members, "reported": len(reported),
            "alone": [{"text": el["spans"][0]["text"], "anchor": where(el["spans"][0]),
                       "outlets": list(dict.fromkeys(sp["article"] for sp in el["spans"]))} for el in alone],
        })
    unleaned = [a["id"] for a in doc["articles"] if not lean_of[a["id"]]]
    return {"sides": sides, "unleaned": unleaned, "elements": len(doc["coverage"])}


def measures(doc: Mapping[str, Any]) -> dict[str, Any] | None:
    """The measures of lenses users added: outlet × lens, each figure with the span it links to."""
    names = [lens["name"] for lens in doc.get("lenses", []) if lens.get("added") and lens.get("scope") == "article"]
    names = [n for n in names if any(n in a.get("measures", {}) for a in doc["articles"])]
    if not names:
        return None
    lenses = {lens["name"]: lens for lens in doc["lenses"]}
    rows = []
    for article in doc["articles"]:
        cells = []
        for n in names:
            m = article.get("measures", {}).get(n)
            if m is None:
                skipped = article.get("lenses_skipped", {}).get(n)
                cells.append({"display": None, "note": skipped or "", "anchor": None})
                continue
            ev = m.get("evidence") or []
            cells.append({"display": m["display"], "note": m.get("note") or "", "anchor": where(ev[0]) if ev else None,
                          "more": max(len(ev) - 1, 0)})
        rows.append({"id": article["id"], "cells": cells})
    return {"lenses": [{"name": n, "description": lenses[n]["description"]} for n in names], "rows": rows}


def build_view(doc: Mapping[str, Any], *, target: str = "html", brief: bool = False) -> dict[str, Any]:
    """Everything the templates compute from, besides the document itself.

    ``brief`` is the five-minute PDF: no texts side by side, so nothing to link evidence to
    (``linked`` is false) and each section's lists cut short (``brief``, see framing.report.brief).
    """
    if brief:
        cols, lands = [], {}
    else:
        cols, lands = print_columns(doc) if target == "pdf" else (columns(doc), {})
    outs = outlets(doc)
    labels = category_labels(doc)
    view = {
        "outlets": outs,
        "portraits": portraits(doc, outs),
        "naming": naming(doc),
        "near_copies": near_copy_pairs(doc),
        "leans": by_lean(doc),
        "measures": measures(doc),
        "labels": labels,
        "reasons": {a["id"]: readable(a["frames"]["leading_reason"] or "", labels) for a in doc["articles"]},
        "findings": [{**f, "text": readable(f["text"], labels)} for f in doc.get("findings", [])],
        # Page 1 keeps room for every outlet: fewer findings there the more outlets there are.
        "first_findings": 5 if len(outs) > 6 else 6,
        "columns": cols,
        "lands": lands,
        "column_rows": rows_of(cols, 3 if target == "pdf" else len(cols) or 1),
        "legend": legend(cols),
        "glance": glance(doc),
        "frame_table": frame_table(doc),
        "language_table": language_table(doc),
        "voice_chart": voice_chart(doc),
        "coverage": coverage(doc),
        "highlights": HIGHLIGHTS,
        "stances": STANCES,
        "ink": INK,
        "series": SERIES,
        "short_title": cut(doc["story"]["title"], 90),
        "linked": not brief,
        "brief": None,
        "caps": {},
    }
    if brief:
        view["brief"] = briefing(doc, view)
        view["caps"] = view["brief"]["caps"]
    return view
