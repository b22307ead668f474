"""Per-outlet contrasts and plain-language findings, each carrying the spans it rests on.

Works on the analysis document (the JSON schema), so a finding can only cite what the JSON shows.
No finding is made without evidence, and a finding resting on a single word says so.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from framing.words import fold, quoted

MAX_FINDINGS = 25
_LEADING_DETERMINERS = re.compile(r"^(?:the|a|an|his|her|its|their|our)\s+", re.IGNORECASE)
_STANCE_ORDER = {"delegitimising": 0, "legitimising": 1, "neutral": 2, "unrated": 3}


@dataclass
class Finding:
    kind: str
    text: str
    strength: float
    evidence: list[dict[str, Any]]
    caveat: str = ""
    subjects: list[str] = field(default_factory=list)

    def to_json(self, index: int) -> dict[str, Any]:
        return {
            "id": f"f{index:02d}",
            "kind": self.kind,
            "text": self.text,
            "strength": round(self.strength, 3),
            "caveat": self.caveat,
            "subjects": self.subjects,
            "evidence": self.evidence,
        }


def _ev(article: Mapping[str, Any], start: int, end: int) -> dict[str, Any]:
    return {"article": article["id"], "start": start, "end": end, "text": article["text"][start:end]}


def _label_key(text: str) -> str:
    return _LEADING_DETERMINERS.sub("", fold(text).strip())


def _names(doc: Mapping[str, Any]) -> dict[str, str]:
    """Outlet names as findings must write them: an inferred identity says so."""
    return {a["id"]: a["outlet"]["display"] for a in doc["articles"]}


def _actor_names(doc: Mapping[str, Any]) -> dict[str, str]:
    return {a["id"]: a["name"] for a in doc["actors"]}


# -- the label table -----------------------------------------------------------------------------


def label_table(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Actor × outlet: each label with its count, stance, own/quoted voice counts and first anchor."""
    actor_names = _actor_names(doc)
    cells: dict[str, dict[str, dict[str, dict[str, Any]]]] = defaultdict(lambda: defaultdict(dict))
    for article in doc["articles"]:
        for label in article["labels"]:
            key = _label_key(label["text"])
            chip = cells[label["actor"]][article["id"]].setdefault(
                key,
                {"text": label["text"], "count": 0, "stance": label["stance"], "own": 0, "quoted": 0,
                 "start": label["start"], "end": label["end"],
                 "anchor": f"ev-{article['id']}-{label['start']}-{label['end']}"},
            )
            chip["count"] += 1
            chip[label["voice"]] += 1
            if _STANCE_ORDER[label["stance"]] < _STANCE_ORDER[chip["stance"]]:
                chip["stance"] = label["stance"]
    rows = []
    for actor, per_article in cells.items():
        total = sum(c["count"] for chips in per_article.values() for c in chips.values())
        rows.append({
            "actor": actor,
            "name": actor_names.get(actor, actor),
            "total": total,
            "outlets": len(per_article),
            "cells": {
                aid: sorted(chips.values(), key=lambda c: (_STANCE_ORDER[c["stance"]], -c["count"], c["text"]))
                for aid, chips in sorted(per_article.items())
            },
        })
    rows.sort(key=lambda r: (-r["outlets"], -r["total"], r["name"]))
    return rows


# -- at a glance ---------------------------------------------------------------------------------


def glance(doc: Mapping[str, Any], table: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Outlets against the main framing dimensions, each cell linking to its evidence."""
    rows = []
    for row in [r for r in table if r["outlets"] >= 2][:3]:
        cells = {}
        for aid, chips in row["cells"].items():
            top = next((c for c in chips if c["own"]), chips[0])  # the outlet's own words before a quote's
            cells[aid] = {"text": top["text"], "stance": top["stance"], "anchor": top["anchor"]}
        rows.append({"dimension": f"Calls {row['name']}", "cells": cells})
    voices = {}
    for article in doc["articles"]:
        groups = article["voices"].get("groups", [])
        if groups:
            top = groups[0]
            voices[article["id"]] = {"text": f"{top['group']} ({round(100 * top['share'])}% of {article['voices']['total_words']} words)", "stance": None, "anchor": None}
        else:
            voices[article["id"]] = {"text": "no quoted words", "stance": None, "anchor": None}
    rows.append({"dimension": "Whose voice dominates", "cells": voices})
    frames = {}
    for article in doc["articles"]:
        f = article["frames"]
        frames[article["id"]] = {"text": f["leading_label"] if f["leading"] else "not ranked", "stance": None, "anchor": None}
    rows.append({"dimension": "Leading frame", "cells": frames})
    loaded = {}
    for article in doc["articles"]:
        s = article["scores"].get("loaded", {"count": 0, "per_1000": 0.0, "words": article["words"]})
        loaded[article["id"]] = {"text": f"{s['per_1000']:.1f} per 1,000 words ({s['count']})", "stance": None, "anchor": None}
    rows.append({"dimension": "Loaded language", "cells": loaded})
    return {"rows": rows}


# -- findings ------------------------------------------------------------------------------------


def _label_findings(doc: Mapping[str, Any], table: Sequence[Mapping[str, Any]]) -> list[Finding]:
    """Labels one outlet uses that no other outlet uses for the same actor, stance-rated first."""
    names = _names(doc)
    by_id = {a["id"]: a for a in doc["articles"]}
    out = []
    for row in table:
        if row["outlets"] < 2 and len(doc["articles"]) > 1 and row["total"] < 2:
            continue
        used_by: dict[str, set[str]] = defaultdict(set)
        for aid, chips in row["cells"].items():
            for chip in chips:
                used_by[_label_key(chip["text"])].add(aid)
        for aid, chips in row["cells"].items():
            rated = [c for c in chips if c["stance"] in ("delegitimising", "legitimising") and used_by[_label_key(c["text"])] == {aid}]
            if not rated:
                continue
            article = by_id[aid]
            rated = _drop_contained(rated)
            quoted_only = all(c["own"] == 0 for c in rated)
            words = _join([f"“{c['text']}”" for c in rated[:3]])
            stance = rated[0]["stance"]
            voice = " (inside quotes)" if quoted_only else ""
            what = f"a {stance} label" if len(rated) == 1 else f"{stance} labels"
            text = f"Only {names[aid]} calls {row['name']} {words}{voice}: {what} no other outlet uses."
            evidence = [_ev(article, c["start"], c["end"]) for c in rated[:3]]
            strength = 0.9 if stance == "delegitimising" else 0.75
            out.append(Finding("label", text, strength + 0.02 * len(rated), evidence,
                               caveat="Rests on a single word." if len(rated) == 1 and " " not in rated[0]["text"].strip() else "",
                               subjects=[aid, row["actor"]]))
    return out


def _drop_contained(chips: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Leave out a label whose words stand inside another listed label ("dictator" in "Syrian dictator")."""
    keys = [f" {_label_key(c['text'])} " for c in chips]
    return [c for c, k in zip(chips, keys) if not any(k != other and k in other for other in keys)]


def _voice_findings(doc: Mapping[str, Any]) -> list[Finding]:
    names = _names(doc)
    out = []
    for article in doc["articles"]:
        quotes = [q for q in article["quotes"] if q["kind"] == "direct" and q["speaker"] != "unattributed"]
        if len(quotes) < 2:
            continue
        speakers = sorted({q["speaker_name"] for q in quotes})
        if len(speakers) <= 3:
            listed = " and ".join([", ".join(speakers[:-1]), speakers[-1]] if len(speakers) > 1 else speakers)
            text = f"{names[article['id']]} quotes only {listed} ({len(quotes)} direct quotes, {sum(q['words'] for q in quotes)} words)."
            evidence = [_ev(article, q["start"], q["end"]) for q in quotes[:6]]
            out.append(Finding("voices", text, 0.7, evidence, subjects=[article["id"]]))
    anonymous = {a["id"]: [q for q in a["quotes"] if q["anonymous"]] for a in doc["articles"]}
    users = [aid for aid, qs in anonymous.items() if qs]
    if users and len(users) < len(doc["articles"]):
        by_id = {a["id"]: a for a in doc["articles"]}
        for aid in users:
            qs = anonymous[aid]
            others = "no other outlet does" if len(users) == 1 else f"{len(users) - 1} other outlet{'s' if len(users) > 2 else ''} also do"
            text = f"{names[aid]} relies on anonymous sources ({', '.join(sorted({q['speaker_text'] for q in qs})[:3])}); {others}."
            out.append(Finding("voices", text, 0.6 if len(users) == 1 else 0.45,
                               [_ev(by_id[aid], q["start"], q["end"]) for q in qs[:4]], subjects=[aid]))
    return out


def _coverage_findings(doc: Mapping[str, Any]) -> list[Finding]:
    names = _names(doc)
    by_id = {a["id"]: a for a in doc["articles"]}
    elements = doc["coverage"]
    n = len(doc["articles"])
    out = []
    if n < 2:
        return out
    actor_names = _actor_names(doc)
    actor_kinds = {a["id"]: a["kind"] for a in doc["actors"]}
    mentioned_by: dict[str, set[str]] = defaultdict(set)
    for article in doc["articles"]:
        for m in article["mentions"]:
            mentioned_by[m["actor"]].add(article["id"])
    for element in elements:
        spans = element["spans"]
        if len(element["articles"]) == 1:
            aid = element["articles"][0]
            if not _is_substantive(element["text"]):
                continue
            evidence = [_ev(by_id[s['article']], s["start"], s["end"]) for s in spans[:3]]
            alone = _actors_only_in(by_id[aid], spans, mentioned_by, actor_names, actor_kinds)
            if alone:
                text = f"Only {names[aid]} mentions {_join(alone)}: {quoted(element['text'])}"
                out.append(Finding("coverage", text, 0.72, evidence, subjects=[aid]))
                continue
            text = f"Only {names[aid]} reports: {quoted(element['text'])}"
            out.append(Finding("coverage", text, 0.5 + 0.1 * (aid in element.get("lead_in", [])), evidence, subjects=[aid]))
        elif len(element["articles"]) == n:
            text = f"Every outlet reports: {quoted(element['text'])}"
            out.append(Finding("coverage", text, 0.4, [_ev(by_id[s['article']], s["start"], s["end"]) for s in spans[:n]]))
        missing = sorted(set(by_id) - set(element["articles"]))
        if len(element["articles"]) >= max(3, n - 1) and len(missing) == 1 and n >= 4:
            text = f"{names[missing[0]]} has no sentence matching what {len(element['articles'])} others report: {quoted(element['text'])}"
            out.append(Finding("omission", text, 0.45, [_ev(by_id[s['article']], s["start"], s["end"]) for s in spans[:4]],
                               subjects=missing))
    elements_by_id = {e["id"]: e for e in elements}
    for aid, leads in sorted(doc["coverage_summary"]["leads"].items()):
        for eid in leads[:1]:
            element = elements_by_id[eid]
            others = [x for x in element["articles"] if x != aid]
            if others and set(others) <= set(element["lead_in"]):
                continue
            span = next(s for s in element["spans"] if s["article"] == aid)
            where = "no other outlet reports it" if not others else (
                "1 other outlet reports it, lower down" if len(others) == 1 else f"{len(others)} other outlets report it, not all at the top")
            own = by_id[aid]["text"][span["start"]:span["end"]]
            text = f"{names[aid]} leads with: {quoted(own)} — {where}."
            out.append(Finding("lead", text, 0.65 if not others else 0.5, [_ev(by_id[aid], span["start"], span["end"])], subjects=[aid]))
    return out


def _actors_only_in(
    article: Mapping[str, Any], spans: Sequence[Mapping[str, Any]], mentioned_by: Mapping[str, set[str]], actor_names: Mapping[str, str],
    actor_kinds: Mapping[str, str],
) -> list[str]:
    """Actors named in these spans whom no other article names at all (media, often the outlet itself, aside)."""
    media = {aid for aid, kind in actor_kinds.items() if kind == "media"}
    found = []
    for m in article["mentions"]:
        inside = any(s["article"] == article["id"] and s["start"] <= m["start"] < s["end"] for s in spans)
        if inside and mentioned_by[m["actor"]] == {article["id"]} and m["actor"] in actor_names and m["actor"] not in media:
            name = actor_names[m["actor"]]
            if name not in found:
                found.append(name)
    return found


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _is_substantive(text: str) -> bool:
    return len(text.split()) >= 8


def _rate_findings(doc: Mapping[str, Any], category: str, what: str, minimum: int) -> list[Finding]:
    """An outlet using a category at twice the others' median rate or more, with at least ``minimum`` matches.

    Ratios compare rates smoothed by half a match, so an outlet with none of a category does not
    make another's rate look infinitely larger.
    """
    names = _names(doc)
    rows = []
    for article in doc["articles"]:
        s = article["scores"].get(category, {"count": 0, "per_1000": 0.0})
        smoothed = 1000 * (s["count"] + 0.5) / max(article["words"], 1)
        rows.append((s["per_1000"], s["count"], smoothed, article))
    if len(rows) < 2:
        return []
    out = []
    for rate, count, smoothed, article in rows:
        if count < minimum:
            continue
        others_raw = median(r for r, _, _, a in rows if a is not article)
        ratio = smoothed / median(sm for _, _, sm, a in rows if a is not article)
        if ratio < 2:
            continue
        examples = [m for m in article["matches"] if m["category"] == category][:5]
        phrase = ", ".join(f"“{m['text']}”" for m in examples[:4])
        text = (f"{names[article['id']]} uses {what} at {ratio:.1f}× the rate of the others "
                f"({count} in {article['words']} words, {rate:.1f} per 1,000; the others' median {others_raw:.1f}): {phrase}.")
        distinct = {fold(m["text"]) for m in examples}
        caveat = "Rests on a single word." if len(distinct) == 1 else ""
        out.append(Finding(category, text, min(0.85, 0.45 + 0.08 * ratio), [_ev(article, m["start"], m["end"]) for m in examples],
                           caveat=caveat, subjects=[article["id"]]))
    return out


def _frame_findings(doc: Mapping[str, Any]) -> list[Finding]:
    names = _names(doc)
    leading = {a["id"]: a["frames"]["leading"] for a in doc["articles"] if a["frames"]["leading"]}
    counts = Counter(leading.values())
    out = []
    for article in doc["articles"]:
        frame = leading.get(article["id"])
        if not frame or counts[frame] > 1 or len(leading) < 2:
            continue
        info = article["frames"]["categories"][frame]
        ex = info["example"]
        text = (f"{names[article['id']]} is the only outlet led by the {frame.replace('_', ' ')} frame "
                f"({info['count']} of {article['frames']['sentences']} sentences, interval {100 * info['low']:.0f}–{100 * info['high']:.0f}%).")
        if ex:
            out.append(Finding("frame", text, 0.45, [_ev(article, ex["start"], ex["end"])], subjects=[article["id"]]))
    return out


def _copy_findings(doc: Mapping[str, Any]) -> list[Finding]:
    names = _names(doc)
    by_id = {a["id"]: a for a in doc["articles"]}
    out = []
    for pair in doc["coverage_summary"]["near_copies"][:3]:
        a, b = pair["a"], pair["b"]
        text = f"{names[a['article']]} and {names[b['article']]} share a near-identical sentence (similarity {pair['similarity']:.2f}), likely reused wire text."
        out.append(Finding("near-copy", text, 0.5, [_ev(by_id[a["article"]], a["start"], a["end"]), _ev(by_id[b["article"]], b["start"], b["end"])]))
    return out


def findings(doc: Mapping[str, Any], table: Sequence[Mapping[str, Any]]) -> list[Finding]:
    """Every finding the analysis supports, strongest first, at most MAX_FINDINGS."""
    minimum = int(doc["parameters"]["min_matches"])
    found = [
        *_label_findings(doc, table),
        *_voice_findings(doc),
        *_coverage_findings(doc),
        *_rate_findings(doc, "loaded", "loaded language", minimum),
        *_rate_findings(doc, "hedge", "hedges", minimum),
        *_frame_findings(doc),
        *_copy_findings(doc),
    ]
    found = [f for f in found if f.evidence]
    found.sort(key=lambda f: (-f.strength, f.kind, f.text))
    return _diversify(found)[:MAX_FINDINGS]


def _diversify(found: list[Finding]) -> list[Finding]:
    """Rank so that a kind or an outlet already shown steps down: the top ten should cover the story.

    Greedy: each step takes the finding whose strength, times 0.85 per finding of its kind already
    taken and 0.92 per finding already taken about its first subject, is highest (the earlier one
    on a tie). That factor is shared by every finding of one kind and first subject, so each such
    group offers only its best finding, and groups wait in a heap: a group's factor only falls, so
    a stale entry is re-scored when it surfaces. Raises ValueError for a negative strength (it would
    rise as its factor falls).
    """
    if any(f.strength < 0 for f in found):
        raise ValueError("finding strengths must not be negative")
    import heapq

    kinds: Counter[str] = Counter()
    subjects: Counter[str] = Counter()

    def adjusted(f: Finding) -> float:
        repeat = sum(subjects[s] for s in f.subjects[:1])
        return f.strength * 0.85 ** kinds[f.kind] * 0.92 ** repeat

    # Per group, its strengths strongest last, each with its positions earliest last: taking is a pop.
    groups: dict[tuple[str, str | None], dict[float, list[int]]] = defaultdict(dict)
    for k, f in enumerate(found):
        groups[(f.kind, f.subjects[0] if f.subjects else None)].setdefault(f.strength, []).append(k)
    members = [sorted((ks[::-1] for ks in g.values()), key=lambda ks: found[ks[0]].strength) for g in groups.values()]

    def best(g: int) -> tuple[float, int, int]:
        """The group's pick: (-score, position, which strength). Rounding can make a weaker
        finding score the same as a stronger one, so the strengths scoring the top score are searched."""
        levels = members[g]
        top = adjusted(found[levels[-1][-1]])
        place = len(levels) - 1
        for i in range(len(levels) - 2, -1, -1):
            if adjusted(found[levels[i][-1]]) != top:
                break
            if levels[i][-1] < levels[place][-1]:
                place = i
        return -top, levels[place][-1], place

    heap = [(*best(g), g) for g in range(len(members))]
    heapq.heapify(heap)
    chosen: list[Finding] = []
    while heap:
        entry = heapq.heappop(heap)
        g = entry[-1]
        fresh = best(g)
        if fresh != entry[:3]:
            heapq.heappush(heap, (*fresh, g))
            continue
        level = members[g][fresh[2]]
        f = found[level.pop()]
        if not level:
            del members[g][fresh[2]]
        chosen.append(f)
        kinds[f.kind] += 1
        subjects.update(f.subjects[:1])
        if members[g]:
            heapq.heappush(heap, (*best(g), g))
    return chosen


def limits(doc: Mapping[str, Any]) -> list[str]:
    """Plain statements of what this sample cannot support."""
    out = []
    minimum = int(doc["parameters"]["min_sentences"])
    short = [a for a in doc["articles"] if a["frames"]["sentences"] < minimum]
    if short:
        out.append(f"{len(short)} of {len(doc['articles'])} articles have fewer than {minimum} body sentences; their frames are not ranked.")
    words = sorted(a["words"] for a in doc["articles"])
    out.append(f"Articles run from {words[0]} to {words[-1]} words; rates per 1,000 words on texts this short move a lot with one word, so each rate shows its count.")
    for evidence in ("inferred", "unknown"):
        names = [a["outlet"]["display"] for a in doc["articles"] if a["outlet"]["evidence"] == evidence]
        if names:
            how = "inferred from house style, not stated in the text" if evidence == "inferred" else "not established"
            out.append(f"Outlet identity {how}: {_join(names)}.")
    return out


def compare(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The comparison part of the document: label table, glance matrix, findings and limits."""
    table = label_table(doc)
    return {
        "label_table": table,
        "glance": glance(doc, table),
        "findings": [f.to_json(i) for i, f in enumerate(findings(doc, table), 1)],
        "limits": limits(doc),
    }
