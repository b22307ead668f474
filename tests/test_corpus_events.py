"""Clustering a corpus into events: tiny corpora written here, checked on their known grouping."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.corpus import cluster_corpus
from framing.corpus.events import EventClusterer
from framing.errors import InputError, UsageError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Three events, each told by two or three outlets in their own words; the event key is the truth.
ARTICLES = [
    ("flood", "Daily Planet", "2024-03-04", "Floodwaters swamp Riverton as the Ouse bursts its banks",
     "The river Ouse burst its banks in Riverton on Monday, flooding hundreds of homes. Mayor Alice Hartley "
     "said emergency crews had rescued forty residents from rooftops. The Environment Agency warned that more "
     "rain would fall on the town overnight and urged families near the river to leave."),
    ("flood", "Morning Star", "2024-03-04", "Riverton residents rescued from rooftops after Ouse flood",
     "Emergency crews pulled forty Riverton residents from rooftops after the Ouse flooded the town. "
     "Alice Hartley, the mayor, blamed years of neglect of the flood defences along the river. The Environment "
     "Agency said more rain was expected and told families near the banks to leave their homes."),
    ("flood", "Evening Post", "2024-03-05", "Ouse flood: Riverton counts the cost",
     "Riverton woke to streets under water on Tuesday after the Ouse burst its banks. Hundreds of homes were "
     "flooded and forty residents were rescued from rooftops, Mayor Alice Hartley said. The Environment Agency "
     "kept its severe flood warning for the river in place."),
    ("election", "Daily Planet", "2024-03-05", "Lakeside elects Omar Farouk as mayor",
     "Omar Farouk won the Lakeside mayoral election on Tuesday with 54 percent of the vote, beating the "
     "incumbent Greta Lindqvist. Turnout in the ballot was the highest in a decade. Farouk promised to cut bus "
     "fares and build cheaper housing by the lake."),
    ("election", "Morning Star", "2024-03-05", "Farouk ousts Lindqvist in Lakeside mayoral vote",
     "Greta Lindqvist conceded the Lakeside mayoral election to Omar Farouk, who took 54 percent of the ballot. "
     "Voters turned out in record numbers. Farouk said his first act would be to freeze bus fares and to start "
     "building affordable housing near the lake."),
    ("strike", "Evening Post", "2024-03-06", "Northshire rail workers walk out over pay",
     "Rail workers across Northshire walked out on Wednesday in a dispute over pay, cancelling most trains. "
     "The union leader Priya Natarajan said drivers had gone three years without a rise. Northshire Rail called "
     "the strike reckless and said commuters would pay the price."),
    ("strike", "Daily Planet", "2024-03-06", "Trains cancelled as Northshire rail strike begins",
     "Most trains in Northshire were cancelled on Wednesday as drivers and guards began a strike over pay. "
     "Priya Natarajan, who leads the union, said her members could not afford another year without a rise. "
     "Northshire Rail said the walkout would hurt commuters."),
]


def records(rows=ARTICLES, with_event: bool = False) -> list[dict]:
    out = []
    for event, outlet, day, title, text in rows:
        record = {"outlet": outlet, "title": title, "published": day, "url": None, "language": "en", "text": text}
        if with_event:
            record["event"] = event
        out.append(record)
    return out


def write_corpus(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def grouping(result, key=lambda a: a["source"]) -> set[frozenset]:
    return {frozenset(key(a) for a in e["articles"]) for e in result.to_json()["events"]}


def truth(rows=ARTICLES, name: str = "corpus.jsonl") -> set[frozenset]:
    groups: dict[str, set[str]] = {}
    for line, row in enumerate(rows, 1):
        groups.setdefault(row[0], set()).add(f"{name}:{line}")
    return {frozenset(g) for g in groups.values()}


def test_articles_about_the_same_event_are_grouped(tmp_path: Path) -> None:
    result = cluster_corpus([write_corpus(tmp_path / "corpus.jsonl", records())])
    assert grouping(result) == truth()


def test_grouping_does_not_depend_on_input_order(tmp_path: Path) -> None:
    rows = records()
    first = cluster_corpus([write_corpus(tmp_path / "a" / "corpus.jsonl", rows)]).to_json()
    random.Random(3).shuffle(rows)
    second = cluster_corpus([write_corpus(tmp_path / "b" / "corpus.jsonl", rows)]).to_json()
    def ids(doc):
        return [[(a["id"], a["title"]) for a in e["articles"]] for e in doc["events"]]
    assert ids(first) == ids(second)
    assert [e["id"] for e in first["events"]] == [e["id"] for e in second["events"]]


def test_given_events_are_kept_together_and_apart(tmp_path: Path) -> None:
    rows = records(with_event=True)
    rows[3]["event"] = "flood"  # an election article filed under the flood stays with the flood
    rows[0]["event"] = "other"  # and one flood article given another event is kept apart from it
    result = cluster_corpus([write_corpus(tmp_path / "corpus.jsonl", rows)])
    events = {frozenset(a["source"] for a in e["articles"]) for e in result.to_json()["events"]}
    by_line = {line: next(e for e in events if f"corpus.jsonl:{line}" in e) for line in range(1, len(rows) + 1)}
    assert "corpus.jsonl:4" in by_line[2] and "corpus.jsonl:3" in by_line[2]
    assert "corpus.jsonl:1" not in by_line[2]


def test_the_same_story_a_year_apart_is_two_events(tmp_path: Path) -> None:
    rows = records(ARTICLES[:3])
    later = [dict(r, published=r["published"].replace("2024", "2025")) for r in records(ARTICLES[:3])]
    for r in later:
        r["text"] = r["text"].replace("Monday", "Sunday")  # a different article, not a copy
    result = cluster_corpus([write_corpus(tmp_path / "corpus.jsonl", rows + later)])
    years = [{a["source"] for a in e["articles"]} for e in result.to_json()["events"]]
    assert sorted(len(y) for y in years) == [3, 3]
    assert {"corpus.jsonl:1", "corpus.jsonl:2", "corpus.jsonl:3"} in years


def test_one_outlet_twice_needs_more_similarity_than_two_outlets() -> None:
    texts = ["Mayor Alice Hartley opened the new bridge over the Ouse in Riverton.",
             "Alice Hartley opened the Riverton bridge over the river Ouse on Monday."]
    dates = ["2024-03-04", "2024-03-04"]
    settings = {"threshold": 0.3, "title_weight": 0.0, "names_weight": 0.0}
    different = EventClusterer(**settings).fit(texts, [None, None], dates, ["a", "b"]).labels_
    same = EventClusterer(**settings, same_outlet_factor=0.1).fit(texts, [None, None], dates, ["a", "a"]).labels_
    assert different[0] == different[1]
    assert same[0] != same[1]


def test_the_seed_story_is_one_event() -> None:
    result = cluster_corpus([SEEDS])
    events = result.to_json()["events"]
    assert len(events) == 1
    assert sorted(a["source"] for a in events[0]["articles"]) == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_a_folder_tree_reads_story_folders_and_jsonl_files(tmp_path: Path) -> None:
    story = tmp_path / "corpus" / "nested" / "story"
    story.mkdir(parents=True)
    for i, record in enumerate(records(ARTICLES[:2])):
        (story / f"a{i}.txt").write_text(record["text"], encoding="utf-8")
    write_corpus(tmp_path / "corpus" / "more.jsonl", records(ARTICLES[2:]))
    result = cluster_corpus([tmp_path / "corpus"])
    sources = {a["source"] for e in result.to_json()["events"] for a in e["articles"]}
    assert sources == {"nested/story/a0.txt", "nested/story/a1.txt", *(f"more.jsonl:{i}" for i in range(1, 6))}


def test_a_bad_file_is_skipped_with_its_reason_or_stops_with_strict(tmp_path: Path) -> None:
    from framing.load import LoadOptions

    corpus = tmp_path / "corpus"
    write_corpus(corpus / "good.jsonl", records())
    (corpus / "mixed.jsonl").write_text(json.dumps(records()[0] | {"title": "x"}) + "\nnot json\n", encoding="utf-8")
    (corpus / "bad.jsonl").write_text("[1, 2]\n", encoding="utf-8")
    result = cluster_corpus([corpus])
    skipped = {s.path: s.reason for s in result.corpus.skipped}
    assert sorted(skipped) == ["bad.jsonl", "mixed.jsonl:2"]
    assert skipped["mixed.jsonl:2"].startswith("is not a JSON object")
    assert skipped["bad.jsonl"].startswith("no usable article") and "a line must be a JSON object" in skipped["bad.jsonl"]
    assert len(result.corpus.articles) == len(ARTICLES) + 1
    with pytest.raises(InputError, match=r"bad.jsonl:1: is not a JSON object"):
        cluster_corpus([corpus], load_options=LoadOptions(strict=True))


def test_a_corpus_without_articles_is_misuse(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n")
    with pytest.raises(UsageError, match="no usable article in the corpus"):
        cluster_corpus([tmp_path])


def test_cluster_command_prints_the_events_as_json(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", records())
    result = CliRunner().invoke(app, ["cluster", str(corpus)])
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    assert {frozenset(a["source"] for a in e["articles"]) for e in events} == truth()
    assert set(events[0]) == {"id", "title", "dates", "articles"}
    assert set(events[0]["articles"][0]) == {"id", "outlet", "title", "source"}
    out = tmp_path / "events.json"
    written = CliRunner().invoke(app, ["cluster", str(corpus), "--out", str(out)])
    assert written.exit_code == 0 and written.stdout == f"{out}\n"
    assert json.loads(out.read_text())["events"] == events


def test_articles_with_no_content_words_stay_apart() -> None:
    labels = EventClusterer().fit(["the and of", "of the"], [None, None], [None, None], ["a", "b"]).labels_
    assert labels == [0, 1]
