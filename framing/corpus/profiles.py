"""Outlet profiles across a corpus, gathered one event document at a time.

For each outlet (by ``Outlet.key``): how it labels the recurring actors and with what stance, whom it
quotes (speaker groups), its frames and loaded-language rate with bootstrap intervals over its articles,
and the story elements the other outlets reported and it left out. Every figure keeps the events that
back it, so a page can link each one to its reports. Only small per-article figures are kept, never the
documents themselves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from framing.analyse.stats import bootstrap_share

LOADED = "loaded"
RESAMPLES = 1000
SEED = 0


@dataclass
class _Outlet:
    name: str
    lean: str | None = None
    events: dict[str, str] = field(default_factory=dict)  # event id → report href
    labels: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: defaultdict(dict))
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    frames: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    frame_events: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    loaded: list[float] = field(default_factory=list)
    loaded_events: set[str] = field(default_factory=set)
    omitted: list[dict[str, Any]] = field(default_factory=list)
    shared_elements: int = 0
    articles: int = 0


class ProfileBuilder:
    """Add event documents with :meth:`add`; read the profiles with :meth:`profiles`."""

    def __init__(self) -> None:
        self._outlets: dict[str, _Outlet] = {}
        self._frame_labels: dict[str, str] = {}
        self._titles: dict[str, str] = {}

    def add(self, event: str, title: str, href: str, document: dict[str, Any]) -> None:
        """Take one event's figures (``href``: its report, relative to the index)."""
        self._titles[event] = title
        actor_names = {a["id"]: a["name"] for a in document["actors"]}
        self._frame_labels.update({c["name"]: c["label"] for c in document["frame_categories"]})
        for article in document["articles"]:
            key = article["outlet"]["key"]
            outlet = self._outlets.setdefault(key, _Outlet(article["outlet"]["display"]))  # an inferred identity says so
            outlet.lean = outlet.lean or article["outlet"].get("lean")
            outlet.events[event] = href
            outlet.articles += 1
            self._take_labels(outlet, event, article, actor_names)
            self._take_voices(outlet, event, article)
            self._take_frames(outlet, event, article)
        self._take_omissions(event, document)

    def _take_labels(self, outlet: _Outlet, event: str, article: dict[str, Any], names: dict[str, str]) -> None:
        for label in article["labels"]:
            if label["voice"] != "own":
                continue  # a label inside a quotation is the speaker's, not the outlet's
            actor = names.get(label["actor"], label["actor"])
            entry = outlet.labels[actor].setdefault(label["text"].casefold(), {
                "text": label["text"], "stance": label["stance"], "count": 0, "events": {}})
            entry["count"] += 1
            entry["events"][event] = f"#article-{article['id']}"

    def _take_voices(self, outlet: _Outlet, event: str, article: dict[str, Any]) -> None:
        for group in article["voices"].get("groups", []):
            entry = outlet.groups.setdefault(group["group"], {"quotes": 0, "words": 0, "events": {}})
            entry["quotes"] += group.get("quotes", 0)
            entry["words"] += group.get("words", 0)
            entry["events"][event] = f"#article-{article['id']}"

    def _take_frames(self, outlet: _Outlet, event: str, article: dict[str, Any]) -> None:
        frames = article["frames"]
        if frames.get("sentences"):
            for name, figures in frames["categories"].items():
                outlet.frames[name].append(float(figures["share"]))
                if figures["count"]:
                    outlet.frame_events[name].add(event)
        loaded = article["scores"].get(LOADED)
        if loaded is not None and loaded.get("words"):
            outlet.loaded.append(float(loaded["per_1000"]))
            if loaded["count"]:
                outlet.loaded_events.add(event)

    def _take_omissions(self, event: str, document: dict[str, Any]) -> None:
        """An element every other outlet reported (two at least) and this outlet did not."""
        outlet_of = {a["id"]: a["outlet"]["key"] for a in document["articles"]}
        present = set(outlet_of.values())
        for element in document["coverage"]:
            reporting = {outlet_of[a] for a in element["articles"] if a in outlet_of}
            for key in present:
                others = present - {key}
                if len(others) < 2 or not others <= reporting:
                    continue
                self._outlets[key].shared_elements += 1
                if key not in reporting:
                    self._outlets[key].omitted.append({"event": event, "text": element["text"]})

    # -- reading --------------------------------------------------------------------------------

    def profiles(self) -> list[dict[str, Any]]:
        """Each outlet's profile as plain data for a template, ordered by outlet key."""
        return [self._profile(key, self._outlets[key]) for key in sorted(self._outlets)]

    def _profile(self, key: str, outlet: _Outlet) -> dict[str, Any]:
        events = sorted(outlet.events)
        share, low, high = bootstrap_share(outlet.loaded, RESAMPLES, SEED) if outlet.loaded else (0.0, 0.0, 0.0)
        return {
            "key": key,
            "name": outlet.name,
            "lean": outlet.lean,
            "articles": outlet.articles,
            "events": [self._ref(e, outlet) for e in events],
            "actors": self._actors(outlet),
            "groups": [
                {"group": g, "quotes": v["quotes"], "words": v["words"], "events": self._refs(v["events"], outlet)}
                for g, v in sorted(outlet.groups.items(), key=lambda kv: (-kv[1]["words"], -kv[1]["quotes"], kv[0]))
            ],
            "frames": self._frames(outlet),
            "loaded": {"rate": share, "low": low, "high": high, "articles": len(outlet.loaded),
                       "events": [self._ref(e, outlet) for e in sorted(outlet.loaded_events)]},
            "omitted": [{"text": o["text"], **self._ref(o["event"], outlet)} for o in outlet.omitted],
            "shared_elements": outlet.shared_elements,
        }

    def _actors(self, outlet: _Outlet) -> list[dict[str, Any]]:
        """Actors the outlet labels, those labelled in most events first; a surname alone joins the one
        full name it ends (each story finds its actors on its own: "Biden" here, "Joe Biden" there)."""
        merged: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for actor, labels in outlet.labels.items():
            target = _full_name(actor, outlet.labels)
            for key, entry in labels.items():
                into = merged[target].setdefault(key, {**entry, "count": 0, "events": {}})
                into["count"] += entry["count"]
                into["events"].update(entry["events"])
        rows = []
        for actor, labels in merged.items():
            events = {e for entry in labels.values() for e in entry["events"]}
            chips = sorted(labels.values(), key=lambda x: (-x["count"], x["text"]))
            rows.append({
                "actor": actor, "event_count": len(events),
                "labels": [{"text": c["text"], "stance": c["stance"], "count": c["count"],
                            "events": self._refs(c["events"], outlet)} for c in chips],
            })
        return sorted(rows, key=lambda r: (-r["event_count"], -sum(c["count"] for c in r["labels"]), r["actor"]))

    def _frames(self, outlet: _Outlet) -> list[dict[str, Any]]:
        rows = []
        for name, shares in outlet.frames.items():
            share, low, high = bootstrap_share(shares, RESAMPLES, SEED)
            rows.append({"name": name, "label": self._frame_labels.get(name, name), "share": share, "low": low,
                         "high": high, "articles": len(shares),
                         "events": [self._ref(e, outlet) for e in sorted(outlet.frame_events[name])]})
        return sorted(rows, key=lambda r: (-r["share"], r["name"]))

    def _ref(self, event: str, outlet: _Outlet, anchor: str = "") -> dict[str, str]:
        return {"event": event, "title": self._titles.get(event, event), "href": outlet.events[event] + anchor}

    def _refs(self, events: dict[str, str], outlet: _Outlet) -> list[dict[str, str]]:
        return [self._ref(e, outlet, anchor) for e, anchor in sorted(events.items())]


def _full_name(actor: str, labels: dict[str, dict[str, dict[str, Any]]]) -> str:
    """``actor`` itself, or, when it is a single word, the longer name ending in it that the outlet labels
    most (at least twice as often as any other such name: otherwise it is left alone)."""
    if " " in actor.strip():
        return actor
    uses = sorted(
        ((sum(e["count"] for e in entries.values()), name) for name, entries in labels.items()
         if name != actor and name.casefold().endswith(" " + actor.casefold())),
        reverse=True,
    )
    if not uses or (len(uses) > 1 and uses[0][0] < 2 * uses[1][0]):
        return actor
    return uses[0][1]
