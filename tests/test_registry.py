"""The lens registry and the pipeline: ordering, failures kept to one article, languages, added lenses."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT, make_article
from framing.analyse.builtin import BUILTIN_LENSES
from framing.analyse.registry import Lens, ordered
from framing.api import Pipeline
from framing.errors import UsageError
from framing.export import document
from framing.models import CleanStory, Measure, Story

NORTH = (
    "Governor Ana Ruiz signed the flood relief bill on Monday after a fierce debate in the assembly.\n\n"
    "“This money reaches families this week,” Ruiz said. Critics called the bill a reckless giveaway."
)
SOUTH = (
    "The assembly passed a flood relief package that opponents say is wasteful and rushed.\n\n"
    "“We were given two days to read it,” said Tom Hale, the opposition leader. Ruiz defended the bill."
)


def story(*articles) -> CleanStory:
    return CleanStory(Story("Flood relief", "flood-relief", ".", ()), tuple(articles))


def two() -> CleanStory:
    return story(make_article(NORTH, id="north", outlet="North Times"), make_article(SOUTH, id="south", outlet="South Post"))


def lens(name: str, *requires: str, scope: str = "article") -> Lens:
    return Lens(name, lambda ctx: name, scope=scope, requires=requires)


# -- ordering ---------------------------------------------------------------------------------


def test_order_follows_requirements_and_keeps_registration_order_otherwise() -> None:
    names = [x.name for x in ordered([lens("c", "b"), lens("a"), lens("b", "a"), lens("d")])]
    assert names == ["a", "b", "c", "d"]


def test_builtin_order_reads_every_product_after_it_is_made() -> None:
    seen: set[str] = set()
    for x in ordered(BUILTIN_LENSES):
        assert set(x.requires) <= seen, x.name
        seen.add(x.name)


@pytest.mark.parametrize(
    ("lenses", "message"),
    [
        ([lens("a"), lens("a")], "two lenses are called 'a'"),
        ([lens("a", "ghost")], "lens 'a' needs 'ghost', which no lens provides"),
        ([lens("a", "b"), lens("b", "a")], "lenses a, b need each other in a cycle"),
    ],
)
def test_impossible_lens_sets_are_refused(lenses: list[Lens], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        ordered(lenses)


# -- failures stay with their article -------------------------------------------------------------


def test_a_lens_failing_on_one_article_does_not_sink_the_story() -> None:
    real = next(x for x in BUILTIN_LENSES if x.name == "quotes")

    def fragile(ctx):
        if ctx.article.id == "south":
            raise KeyError("abu-mohammed")
        return real.run(ctx)

    lenses = [replace(x, run=fragile) if x.name == "quotes" else x for x in BUILTIN_LENSES]
    analysis = Pipeline(lenses=lenses).analyse(two())
    [failure] = analysis.failures
    assert (failure.lens, failure.article, failure.error) == ("quotes", "south", "KeyError: 'abu-mohammed'")
    north, south = analysis.articles
    assert [q.speaker_text for q in north.quotes] == ["Ruiz"]
    # Lenses that read the failed product skip that article and say why; the others still run.
    assert south.skipped["quotes"] == "failed: KeyError: 'abu-mohammed'"
    assert south.skipped["labels"].startswith("needs quotes, which did not run (failed:")
    assert "labels" in north.products and "frames" in south.products
    doc = document(analysis)
    assert doc["failures"][0]["lens"] == "quotes" and doc["failures"][0]["article"] == "south"
    assert any(w.startswith("internal error in the quotes lens on south.txt: KeyError") for w in doc["warnings"])
    assert doc["articles"][1]["quotes"] == [] and "quotes" in doc["articles"][1]["lenses_skipped"]


def test_a_failing_story_lens_leaves_an_empty_product_and_a_failure() -> None:
    def broken(ctx):
        raise ValueError("no vocabulary")

    lenses = [replace(x, run=broken) if x.name == "terms" else x for x in BUILTIN_LENSES]
    analysis = Pipeline(lenses=lenses).analyse(two())
    doc = document(analysis)
    assert [f["lens"] for f in doc["failures"]] == ["terms"]
    assert doc["terms"] == {"distinctive": {"north": [], "south": []}, "shared": []}
    assert next(x for x in doc["lenses"] if x["name"] == "terms")["skipped"] == "failed: ValueError: no vocabulary"
    assert doc["coverage"], "coverage does not read terms and still runs"


# -- languages ------------------------------------------------------------------------------------


def test_an_article_without_a_language_profile_gets_the_lenses_that_apply() -> None:
    other = replace(make_article(SOUTH, id="south", outlet="South Post"), language="xx")
    analysis = Pipeline().analyse(story(make_article(NORTH, id="north", outlet="North Times"), other))
    north, south = analysis.articles
    assert south.skipped["quotes"] == "no language profile for 'xx'"
    assert "quotes" not in south.products and north.quotes
    doc = document(analysis)
    assert "south" in doc["terms"]["distinctive"] and doc["terms"]["distinctive"]["south"]
    assert any("south" in element["articles"] for element in doc["coverage"])
    assert doc["articles"][1]["frames"]["leading_reason"] == "Frames were not analysed: no language profile for 'xx'."


# -- added lenses ---------------------------------------------------------------------------------


def count_exclamations(ctx) -> Measure:
    text = ctx.article.text
    spans = tuple(ctx.article.span(i, i + 1) for i, c in enumerate(text) if c == "!")
    return Measure(len(spans), f"{len(spans)} exclamation marks", spans)


def test_an_added_lens_reaches_the_document_with_its_evidence() -> None:
    loud = make_article(NORTH.replace("week,”", "week!”"), id="north", outlet="North Times")
    pipeline = Pipeline(extra_lenses=[Lens("exclamations", count_exclamations, description="Exclamation marks")])
    doc = pipeline.document(story(loud, make_article(SOUTH, id="south", outlet="South Post")))
    north, south = doc["articles"]
    assert north["measures"]["exclamations"]["value"] == 1
    [ev] = north["measures"]["exclamations"]["evidence"]
    assert north["text"][ev["start"]:ev["end"]] == "!"
    assert south["measures"]["exclamations"]["display"] == "0 exclamation marks"
    assert [x for x in doc["lenses"] if x["added"]] == [
        {"name": "exclamations", "scope": "article", "requires": [], "description": "Exclamation marks",
         "added": True, "skipped": None}
    ]


def test_pipeline_pickles_and_a_copy_gives_the_same_document() -> None:
    pipeline = Pipeline()
    first = pipeline.document(two())
    copy = pickle.loads(pickle.dumps(pipeline))
    assert copy.document(two()) == first


def test_lexicons_are_parsed_once_for_many_stories(monkeypatch: pytest.MonkeyPatch) -> None:
    import framing.lexicon.format as fmt

    pipeline = Pipeline()
    calls: list[object] = []
    original = fmt.load_lexicon
    monkeypatch.setattr(fmt, "load_lexicon", lambda p: calls.append(p) or original(p))
    for _ in range(3):
        pipeline.analyse(two())
    assert calls == []


PLUGIN = '''
from framing import Lens, Measure

def _questions(ctx):
    text = ctx.article.text
    spans = tuple(ctx.article.span(i, i + 1) for i, c in enumerate(text) if c == "?")
    return Measure(len(spans), f"{len(spans)} questions", spans, note="Question marks in the body")

LENS = Lens("questions", _questions, description="Questions the article asks")
'''


def test_a_lens_installed_by_another_package_reaches_json_from_the_command_line(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "askplugin-1.0.dist-info").mkdir(parents=True)
    (site / "askplugin.py").write_text(PLUGIN)
    (site / "askplugin-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: askplugin\nVersion: 1.0\n")
    (site / "askplugin-1.0.dist-info" / "entry_points.txt").write_text("[framing.lenses]\nquestions = askplugin:LENS\n")
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "north.txt").write_text(NORTH.replace("giveaway.", "giveaway. Who pays?") + "\n")
    (folder / "south.txt").write_text(SOUTH + "\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}
    done = subprocess.run([sys.executable, "-m", "framing", "analyze", str(folder)], capture_output=True, text=True,
                          env=env, check=True)
    doc = json.loads(done.stdout)
    by_id = {a["id"]: a for a in doc["articles"]}
    measure = by_id["north"]["measures"]["questions"]
    assert measure["value"] == 1 and measure["note"] == "Question marks in the body"
    assert by_id["north"]["text"][measure["evidence"][0]["start"]] == "?"
    assert by_id["south"]["measures"]["questions"]["value"] == 0


def test_a_story_from_records_goes_through_the_pipeline_without_files() -> None:
    records = [
        {"outlet": "North Times", "title": "Relief bill signed", "text": NORTH, "lean": "left"},
        {"outlet": "South Post", "title": "Relief package passes", "text": SOUTH},
        {"outlet": "Broken", "text": ""},
    ]
    story_ = Story.from_records(records, title="Flood relief")
    doc = Pipeline().document(story_)
    assert [a["outlet"]["name"] for a in doc["articles"]] == ["North Times", "South Post"]
    assert doc["articles"][0]["outlet"]["lean"] == "left"
    assert doc["story"]["title"] == "Flood relief"
    assert [s["path"] for s in doc["skipped"]] == ["<records>:3"]
