"""Outlet profiles gathered from event documents: labels, voices, frames, loaded language, omissions."""

from __future__ import annotations

from framing.analyse.stats import bootstrap_share
from framing.corpus.profiles import ProfileBuilder


def article(id, outlet, labels=(), loaded=(0, 0.0, 100), groups=(), frames=None):
    count, per_1000, words = loaded
    return {
        "id": id,
        "outlet": {"key": outlet.lower().replace(" ", "-"), "name": outlet, "display": outlet, "lean": None},
        "labels": [{"actor": a, "text": t, "stance": s, "voice": v} for a, t, s, v in labels],
        "voices": {"groups": [{"group": g, "words": w, "quotes": q} for g, w, q in groups]},
        "frames": {"sentences": 5, "categories": frames or {"economy": {"count": 1, "share": 0.2}}},
        "scores": {"loaded": {"count": count, "per_1000": per_1000, "words": words}},
    }


def document(actors, articles, coverage=()):
    return {
        "actors": [{"id": i, "name": n} for i, n in actors],
        "frame_categories": [{"name": "economy", "label": "Economy"}],
        "articles": articles,
        "coverage": [{"text": t, "articles": list(a)} for t, a in coverage],
    }


def profiles(*events):
    builder = ProfileBuilder()
    for number, doc in enumerate(events, 1):
        builder.add(f"e{number}", f"Event {number}", f"../events/e{number}.html", doc)
    return {p["key"]: p for p in builder.profiles()}


def test_labels_in_the_outlets_own_voice_gather_across_events_surname_joining_full_name() -> None:
    first = document([("biden", "Joe Biden")], [
        article("a1", "Daily Planet", labels=[("biden", "President", "unrated", "own"),
                                              ("biden", "a liar", "delegitimising", "quoted")]),
        article("b1", "Morning Star")])
    second = document([("biden", "Biden")], [article("a2", "Daily Planet", labels=[("biden", "President", "unrated", "own")]),
                                             article("b2", "Morning Star")])
    actors = profiles(first, second)["daily-planet"]["actors"]
    assert [(a["actor"], a["event_count"]) for a in actors] == [("Joe Biden", 2)]
    chip = actors[0]["labels"][0]
    assert (chip["text"], chip["stance"], chip["count"]) == ("President", "unrated", 2)
    assert [r["href"] for r in chip["events"]] == ["../events/e1.html#article-a1", "../events/e2.html#article-a2"]


def test_what_an_outlet_leaves_out_is_what_every_other_outlet_reported() -> None:
    doc = document([], [article("a", "A"), article("b", "B"), article("c", "C")], coverage=[
        ("Everyone reported this.", "abc"), ("Only A left this out.", "bc"), ("Only C reported this.", "c")])
    found = profiles(doc)
    assert [o["text"] for o in found["a"]["omitted"]] == ["Only A left this out."]
    assert (found["a"]["shared_elements"], found["b"]["shared_elements"]) == (2, 1)
    assert found["b"]["omitted"] == [] and found["c"]["omitted"] == []


def test_loaded_rate_voices_and_frames_with_intervals_over_articles() -> None:
    rates = [3.0, 0.0, 12.5]
    docs = [document([], [article(f"a{i}", "A", loaded=(1 if r else 0, r, 200), groups=[("officials", 10 * i, 1)],
                                  frames={"economy": {"count": i, "share": 0.1 * i}}),
                          article(f"b{i}", "B")]) for i, r in enumerate(rates)]
    profile = profiles(*docs)["a"]
    assert (profile["loaded"]["rate"], profile["loaded"]["low"], profile["loaded"]["high"]) == bootstrap_share(rates, 1000, 0)
    assert [e["event"] for e in profile["loaded"]["events"]] == ["e1", "e3"]
    assert [(g["group"], g["words"], g["quotes"]) for g in profile["groups"]] == [("officials", 30, 3)]
    frame = profile["frames"][0]
    assert (frame["label"], frame["share"]) == ("Economy", bootstrap_share([0.0, 0.1, 0.2], 1000, 0)[0])
    assert [e["event"] for e in frame["events"]] == ["e2", "e3"]
