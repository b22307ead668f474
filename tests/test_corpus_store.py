"""The batch's store: re-runs redo only what changed, an interrupted run resumes, inputs are searchable."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from test_corpus_events import ARTICLES, records, write_corpus

from framing.api import Pipeline
from framing.corpus import run_batch
from framing.corpus import batch as batch_module
from framing.corpus import runner
from framing.corpus.store import Store


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def run(corpus: Path, out: Path, pipeline: Pipeline, **options):
    return run_batch([corpus], out, formats=("json",), workers=1, pipeline=pipeline, **options)


def analyses(store: Path) -> dict[str, str]:
    with sqlite3.connect(store) as db:
        return dict(db.execute("SELECT event, document FROM analyses WHERE status = 'done'"))


def test_a_rerun_redoes_only_the_events_whose_articles_changed(tmp_path: Path, pipeline: Pipeline) -> None:
    corpus = write_corpus(tmp_path / "corpus" / "a.jsonl", records(ARTICLES[:5]))
    first = run(corpus, tmp_path / "out", pipeline)
    assert (first.events, first.analysed, first.reused) == (2, 2, 0)
    before = analyses(first.store)

    again = run(corpus, tmp_path / "out", pipeline)
    assert (again.analysed, again.reused) == (0, 2)
    assert analyses(again.store) == before

    write_corpus(corpus, records(ARTICLES))  # the strike event is added
    grown = run(corpus, tmp_path / "out", pipeline)
    assert (grown.events, grown.analysed, grown.reused) == (3, 1, 2)
    after = analyses(grown.store)
    assert {k: after[k] for k in before} == before

    write_corpus(corpus, records(ARTICLES[:2] + ARTICLES[3:]))  # one flood article removed
    shrunk = run(corpus, tmp_path / "out", pipeline)
    assert (shrunk.analysed, shrunk.reused) == (1, 2)
    with sqlite3.connect(shrunk.store) as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == len(ARTICLES) - 1
        assert db.execute("SELECT count(*) FROM analyses").fetchone()[0] == 3  # the old flood analysis is pruned
    reports = sorted(p.name for p in (tmp_path / "out" / "events").iterdir())
    with sqlite3.connect(shrunk.store) as db:
        linked = sorted(Path(r).name for (r,) in db.execute("SELECT report FROM events WHERE report IS NOT NULL"))
    assert reports == linked


def test_a_new_pipeline_version_redoes_everything(tmp_path: Path, pipeline: Pipeline, monkeypatch) -> None:
    corpus = write_corpus(tmp_path / "corpus" / "a.jsonl", records(ARTICLES[:5]))
    run(corpus, tmp_path / "out", pipeline)
    monkeypatch.setattr(batch_module, "pipeline_version", lambda p: "another")
    redone = run(corpus, tmp_path / "out", pipeline)
    assert (redone.analysed, redone.reused) == (2, 0)


def test_the_pipeline_version_follows_lexicons_and_lenses(tmp_path: Path, pipeline: Pipeline) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text('[lexicon]\nname = "extra"\nversion = "1"\nlicence = "CC0-1.0"\n', encoding="utf-8")
    versions = {
        batch_module.pipeline_version(pipeline),
        batch_module.pipeline_version(Pipeline(lexicons=[extra])),
        batch_module.pipeline_version(Pipeline(lenses=pipeline.lenses[:-1])),
    }
    assert len(versions) == 3
    assert batch_module.pipeline_version(Pipeline()) == batch_module.pipeline_version(pipeline)


def test_an_interrupted_run_leaves_a_consistent_store_and_the_next_resumes(tmp_path: Path, pipeline: Pipeline, monkeypatch) -> None:
    corpus = write_corpus(tmp_path / "corpus" / "a.jsonl", records())
    real = runner.analyse_event
    calls = []

    def interrupted(pipeline, event, story, formats):
        calls.append(event)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(pipeline, event, story, formats)

    monkeypatch.setattr(runner, "analyse_event", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run(corpus, tmp_path / "out", pipeline)
    store = tmp_path / "out" / "framing.sqlite"
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 3
    assert list(analyses(store)) == calls[:1]

    monkeypatch.setattr(runner, "analyse_event", real)
    resumed = run(corpus, tmp_path / "out", pipeline)
    assert (resumed.analysed, resumed.reused) == (2, 1)
    fresh = run(corpus, tmp_path / "fresh", pipeline)
    assert analyses(resumed.store) == analyses(fresh.store)


def test_articles_are_searchable_and_skipped_inputs_recorded(tmp_path: Path, pipeline: Pipeline) -> None:
    corpus = write_corpus(tmp_path / "corpus" / "a.jsonl", records())
    (tmp_path / "corpus" / "bad.jsonl").write_text("[]\n", encoding="utf-8")
    result = run(corpus.parent, tmp_path / "out", pipeline)
    with Store(result.store) as store:
        hits = store.search("rooftops")
        assert sorted(title for _, _, title in hits) == sorted(r[3] for r in ARTICLES if "rooftops" in r[4])
        assert [s.path for s in store.skipped()] == ["bad.jsonl"]
        keys = {k for k, _, _ in hits}
    with sqlite3.connect(result.store) as db:
        rows = db.execute("SELECT event, article_id FROM event_articles WHERE article IN (%s)" % ",".join("?" * len(keys)), sorted(keys))
        for event, article in rows:
            document = json.loads(db.execute("SELECT document FROM analyses WHERE event = ?", (event,)).fetchone()[0])
            assert article in {a["id"] for a in document["articles"]}
