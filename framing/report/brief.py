"""The five-minute PDF: each section's view cut to what an editor reads, every cut counted.

The briefing leaves out the full texts, so its evidence is printed, not linked: a chip is the
outlet's own words, a quote is the speaker's. Every list cut short says how much it leaves out
(``more``), and the template says where the rest is: the HTML report, which keeps everything.
Pure functions of the JSON document and the view the full report is built from.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# How much of each list the briefing prints. The HTML report prints all of it.
CAPS = {
    "actors": 6,        # actors in the naming table, those most outlets label first
    "chips": 3,         # labels per outlet and actor
    "speakers": 2,      # speakers per outlet, each with one quote
    "in_context": 1,    # "In context" examples per outlet
    "only": 3,          # elements one outlet alone reports, per outlet
    "shared": 4,        # elements two or more outlets report
    "near_copies": 2,   # pairs of outlets sharing sentences
    "terms": 5,         # distinctive terms per outlet
    "log_odds": 3,      # log-odds terms per outlet
    "shared_terms": 8,  # terms every outlet uses
    "evidence": 1,      # quoted evidence per further finding (page 1 keeps three)
}


def capped(items: list[Any], cap: int) -> dict[str, Any]:
    """The first ``cap`` items (``shown``) and how many are left out (``more``)."""
    return {"shown": items[:cap], "more": max(len(items) - cap, 0)}


def naming(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The actors most outlets label, each outlet's first labels, and what is left out."""
    labelled = [r for r in rows if r["entries"]]
    actors = [{**r, "entries": [{**e, "chips": capped(e["chips"], CAPS["chips"])} for e in r["entries"]]}
              for r in labelled[:CAPS["actors"]]]
    return {"actors": actors, "more": [r["name"] for r in labelled[CAPS["actors"]:]]}


def _quote_of(quotes: list[Mapping[str, Any]], speaker: str) -> Mapping[str, Any] | None:
    """The speaker's longest direct quote, else their first paraphrase."""
    theirs = [q for q in quotes if q["speaker"] == speaker]
    direct = [q for q in theirs if q["kind"] == "direct"]
    if direct:
        return max(direct, key=lambda q: (q["words"], -q["start"]))
    return theirs[0] if theirs else None


def voices(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per outlet, its speakers by words quoted, each with one quote; and how many quotes are left out."""
    out = []
    for article in doc["articles"]:
        quotes = article["quotes"]
        speakers = sorted(article["voices"].get("speakers", []),
                          key=lambda s: (-s["words"], -(s["quotes"] + s["paraphrases"])))
        shown = []
        for s in speakers:
            quote = _quote_of(quotes, s["speaker"])
            if quote is not None:
                shown.append({"name": s["name"], "words": s["words"], "quote": quote})
            if len(shown) == CAPS["speakers"]:
                break
        out.append({"id": article["id"], "speakers": shown, "quotes": len(quotes), "more": len(quotes) - len(shown)})
    return out


def further(findings: list[dict[str, Any]], first: int) -> list[dict[str, Any]]:
    """The findings after page 1's, each with its first quoted evidence unless its text already
    quotes the words it rests on; ``more`` counts the evidence left to the HTML report."""
    out = []
    for f in findings[first:]:
        evidence = f["evidence"][:CAPS["evidence"]]
        shown = [] if "“" in f["text"] else evidence
        out.append({**f, "shown": shown, "more": max(len(f["evidence"]) - len(evidence), 0)})
    return out


def briefing(doc: Mapping[str, Any], view: Mapping[str, Any]) -> dict[str, Any]:
    """What the briefing's naming, voices and further findings print; other sections cut their
    lists by ``caps``."""
    return {"caps": CAPS, "naming": naming(view["naming"]), "voices": voices(doc),
            "further": further(view["findings"], view["first_findings"])}
