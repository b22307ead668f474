"""Per-outlet contrasts and plain-language findings, from the analysis records.

:mod:`framing.compare.table` builds the label table and the at-a-glance matrix; :mod:`framing.compare.findings`
has one finder per kind. Every finding keeps the spans it rests on; :mod:`framing.export` writes them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from framing.analyse import Analysis
from framing.compare import findings as finders
from framing.compare.table import glance, label_table
from framing.models import Finding, GlanceRow, LabelRow

MAX_FINDINGS = 25


@dataclass(frozen=True)
class Comparison:
    """What the outlets' analyses show side by side."""

    label_table: tuple[LabelRow, ...]
    glance: tuple[GlanceRow, ...]
    findings: tuple[Finding, ...]
    limits: tuple[str, ...]


def compare(analysis: Analysis) -> Comparison:
    """The label table, the glance matrix, the ranked findings (at most MAX_FINDINGS) and the limits."""
    minimum_matches = int(analysis.parameters.get("min_matches", 3))
    minimum_sentences = int(analysis.parameters.get("min_sentences", 5))
    table = label_table(analysis)
    found = [
        *finders.label_findings(analysis, table),
        *finders.voice_findings(analysis),
        *finders.coverage_findings(analysis),
        *finders.rate_findings(analysis, "loaded", "loaded language", minimum_matches),
        *finders.rate_findings(analysis, "hedge", "hedges", minimum_matches),
        *finders.frame_findings(analysis),
        *finders.copy_findings(analysis),
    ]
    found = [f for f in found if f.evidence]
    found.sort(key=lambda f: (-f.strength, f.kind, f.text))
    found = _dedupe(found)
    return Comparison(
        label_table=tuple(table),
        glance=tuple(glance(analysis, table)),
        findings=tuple(_diversify(found, MAX_FINDINGS)),
        limits=tuple(finders.limits(analysis, minimum_sentences)),
    )


_FACTS = frozenset({"coverage", "lead", "omission"})  # kinds that state what an outlet reports


def _dedupe(found: list[Finding]) -> list[Finding]:
    """One finding per fact: of findings of one family (facts reported, or one kind) about the same
    outlet that rest on the same first sentence, or that say the same words once digits are set
    aside, the first (strongest) is kept."""
    seen: set[tuple] = set()
    out = []
    for f in found:
        first = f.evidence[0]
        family = "facts" if f.kind in _FACTS else f.kind
        keys = {("at", family, f.subjects[:1], first.article, first.start, first.end),
                ("text", re.sub(r"[\d.,]+", "#", f.text.casefold()))}
        if keys & seen:
            continue
        seen |= keys
        out.append(f)
    return out


def _diversify(found: list[Finding], limit: int | None = None) -> list[Finding]:
    """Rank so that a kind or an outlet already shown steps down: the top ten should cover the story.

    Greedy: each step takes the finding whose strength, times 0.85 per finding of its kind already
    taken and 0.92 per finding already taken about its first subject, is highest (the earlier one on
    a tie). Each step is one pass over what is left, and ``limit`` stops after that many steps, so
    the cost is ``limit`` × findings.
    """
    kinds: Counter[str] = Counter()
    subjects: Counter[str] = Counter()
    pool = list(found)
    chosen: list[Finding] = []
    while pool and (limit is None or len(chosen) < limit):
        scored = [(f.strength * 0.85 ** kinds[f.kind] * 0.92 ** sum(subjects[s] for s in f.subjects[:1]), -i)
                  for i, f in enumerate(pool)]
        best = pool.pop(-max(scored)[1])
        chosen.append(best)
        kinds[best.kind] += 1
        subjects.update(best.subjects[:1])
    return chosen
