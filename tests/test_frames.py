"""Tests for framing.analyse.lenses.frames: sentence frame tags from lexicon matches built by hand."""

from __future__ import annotations

from conftest import make_article

from framing.analyse.lenses.frames import tag_frames
from framing.models import Match, Span

CATEGORIES = ["security", "economic", "legitimacy"]

TEXT = (
    "Russia wants to keep its naval base at Tartus. Talks covered trade and military bases.\n\n"
    "Sanctions could be eased. The new government seeks recognition.\n\n"
    "The weather was mild. Officials met again. The troops stayed in the base."
)


def cue(article, phrase, category, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(phrase, start + 1)
    return Match("frames", category, phrase.lower(), article.span(start, start + len(phrase)))


def build(text=TEXT):
    article = make_article(text, id="a1")
    matches = [
        cue(article, "naval base", "security"),
        cue(article, "trade", "economic"),
        cue(article, "military bases", "security"),
        cue(article, "Sanctions", "economic"),
        cue(article, "recognition", "legitimacy"),
        cue(article, "troops", "security"),
        cue(article, "base", "security", nth=2),
    ]
    return article, matches


def test_sentences_carry_every_frame_whose_cue_they_contain():
    article, matches = build()
    result = tag_frames(article, matches, CATEGORIES)
    assert result.n_sentences == 7
    by_index = {t.index: t.frames for t in result.tagged}
    assert by_index == {0: ("security",), 1: ("security", "economic"), 2: ("economic",), 3: ("legitimacy",), 6: ("security",)}
    two = next(t for t in result.tagged if t.index == 1)
    assert [m.span.text for m in two.cues] == ["trade", "military bases"]


def test_shares_intervals_and_evidence():
    article, matches = build()
    result = tag_frames(article, matches, CATEGORIES)
    security = result.frame("security")
    assert security.sentences == 3 and security.matches == 4
    assert security.share == 3 / 7
    assert security.low <= security.share <= security.high
    assert [s.text for s in security.cues] == ["naval base", "military bases", "troops", "base"]
    assert all(article.text[s.start : s.end] == s.text for s in security.cues)
    # The sentence with two security cues comes first among examples, shown in text order.
    assert [s.text for s in security.examples] == [
        "Russia wants to keep its naval base at Tartus.",
        "Talks covered trade and military bases.",
        "The troops stayed in the base.",
    ]
    assert [f.category for f in result.frames] == CATEGORIES
    assert result.leading == "security"
    assert result.leading_reason == "3 of 7 sentences"


def test_no_leading_frame_without_enough_evidence():
    article = make_article("Troops massed. Talks failed.", id="a1")
    result = tag_frames(article, [cue(article, "Troops", "security")], CATEGORIES)
    assert result.leading is None
    assert result.leading_reason == "only 2 body sentences; 5 needed to rank frames"
    article, matches = build()
    tie = [m for m in matches if m.span.text != "base" and m.category != "legitimacy"]
    tie.append(cue(article, "Officials", "economic"))
    result = tag_frames(article, tie, CATEGORIES)
    assert result.leading is None and result.leading_reason.startswith("tie between economic, security")
    few = tag_frames(article, [m for m in matches if m.category == "legitimacy"], CATEGORIES)
    assert few.leading is None and "only 1 cues" in few.leading_reason


def test_other_articles_categories_and_headings_are_ignored():
    article = make_article("Security Heading\n\nTroops massed at the border.", id="a1", headings=(0,))
    other = make_article("Troops elsewhere.", id="b2")
    matches = [
        cue(article, "Security", "security"),
        cue(article, "Troops", "security"),
        cue(article, "border", "humanitarian"),
        cue(other, "Troops", "security"),
    ]
    result = tag_frames(article, matches, ["security"])
    assert result.n_sentences == 1 and result.unplaced == 1
    assert result.frame("security").matches == 1


def test_result_does_not_depend_on_match_order():
    article, matches = build()
    first = tag_frames(article, matches, CATEGORIES)
    assert first == tag_frames(article, list(reversed(matches)), CATEGORIES)
    assert first.frames[0].cues[0] == Span("a1", 25, 35, "naval base")
