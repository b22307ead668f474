"""The label table (actor × outlet) and the at-a-glance matrix, from the analysis records."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from framing.analyse import Analysis
from framing.models import Chip, GlanceCell, GlanceRow, LabelRow
from framing.words import fold

STANCE_ORDER = {"delegitimising": 0, "legitimising": 1, "neutral": 2, "unrated": 3}
_LEADING_DETERMINERS = re.compile(r"^(?:the|a|an|his|her|its|their|our)\s+", re.IGNORECASE)


def label_key(text: str) -> str:
    """The form two labels are compared in: folded, without a leading determiner."""
    return _LEADING_DETERMINERS.sub("", fold(text).strip())


def label_table(analysis: Analysis) -> list[LabelRow]:
    """Actor × outlet: each label with its count, stance, own/quoted voice counts and first span.

    Rows: actors named by the most outlets first, then by most labels, then by name.
    """
    names = {a.id: a.name for a in analysis.registry.actors}
    cells: dict[str, dict[str, dict[str, dict[str, Any]]]] = defaultdict(lambda: defaultdict(dict))
    for result in analysis.articles:
        aid = result.article.id
        for label in result.labels:
            chip = cells[label.actor][aid].setdefault(
                label_key(label.text),
                {"text": label.text, "count": 0, "stance": label.stance, "own": 0, "quoted": 0, "span": label.span},
            )
            chip["count"] += 1
            chip[label.voice] += 1
            if STANCE_ORDER[label.stance] < STANCE_ORDER[chip["stance"]]:
                chip["stance"] = label.stance
    rows = []
    for actor, per_article in cells.items():
        total = sum(c["count"] for chips in per_article.values() for c in chips.values())
        rows.append(LabelRow(
            actor=actor,
            name=names.get(actor, actor),
            total=total,
            outlets=len(per_article),
            cells={
                aid: tuple(sorted((Chip(**c) for c in chips.values()), key=lambda c: (STANCE_ORDER[c.stance], -c.count, c.text)))
                for aid, chips in sorted(per_article.items())
            },
        ))
    rows.sort(key=lambda r: (-r.outlets, -r.total, r.name))
    return rows


def ranked_groups(voices: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Speaker groups with quoted words, most words first (ties: most quotes, then name)."""
    groups = [{"group": k, **v} for k, v in voices.get("groups", {}).items() if v["words"] or v["quotes"] or v["paraphrases"]]
    groups.sort(key=lambda g: (-g["words"], -g["quotes"], g["group"]))
    return groups


def frame_label(name: str | None) -> str:
    """A frame category as people read it: ``economic_policy`` → ``Economic policy``."""
    return (name or "").replace("_", " ").capitalize()


def glance(analysis: Analysis, table: Sequence[LabelRow]) -> list[GlanceRow]:
    """Outlets against the main framing dimensions, each labelled cell keeping its evidence span."""
    rows = []
    for row in [r for r in table if r.outlets >= 2][:3]:
        cells = {}
        for aid, chips in row.cells.items():
            top = next((c for c in chips if c.own), chips[0])  # the outlet's own words before a quote's
            cells[aid] = GlanceCell(top.text, top.stance, top.span)
        rows.append(GlanceRow(f"Calls {row.name}", cells))
    voices, frames, loaded = {}, {}, {}
    for result in analysis.articles:
        aid = result.article.id
        summary = result.get("voices") or {}
        groups = [g for g in ranked_groups(summary) if g["words"]]
        if groups:
            top = groups[0]
            voices[aid] = GlanceCell(f"{top['group']} ({round(100 * top['share'])}% of {summary['total_words']} words)")
        else:
            voices[aid] = GlanceCell("no quoted words")
        leading = getattr(result.get("frames"), "leading", None)
        frames[aid] = GlanceCell(frame_label(leading) if leading else "not ranked")
        score = result.scores.get("loaded")
        count, per_1000 = (score.count, score.per_1000) if score else (0, 0.0)
        loaded[aid] = GlanceCell(f"{per_1000:.1f} per 1,000 words ({count})")
    rows.append(GlanceRow("Whose voice dominates", voices))
    rows.append(GlanceRow("Leading frame", frames))
    rows.append(GlanceRow("Loaded language", loaded))
    return rows
