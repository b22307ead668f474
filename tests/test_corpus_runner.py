"""Running a batch in processes and on Dask gives exactly what one process gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_corpus_events import ARTICLES, records, write_corpus

from framing.api import Pipeline
from framing.corpus import run_batch
from framing.corpus.runner import execute


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def one_process(tmp_path_factory, pipeline: Pipeline) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("runner")
    corpus = write_corpus(root / "corpus" / "a.jsonl", records(ARTICLES))
    run_batch([corpus], root / "one", formats=("json", "csv"), workers=1, pipeline=pipeline)
    return corpus, root / "one"


def outputs(out: Path) -> dict[str, bytes]:
    """Every report file, and every stored analysis, by name."""
    files = {p.name: p.read_bytes() for p in sorted((out / "events").iterdir())}
    with sqlite3.connect(out / "framing.sqlite") as db:
        files |= {f"store:{e}": d.encode() for e, d in db.execute("SELECT event, document FROM analyses")}
    return files


def test_processes_give_the_same_results_as_one(one_process, pipeline: Pipeline, tmp_path: Path) -> None:
    corpus, single = one_process
    result = run_batch([corpus], tmp_path / "two", formats=("json", "csv"), workers=2, pipeline=pipeline)
    assert result.analysed == 3
    assert outputs(tmp_path / "two") == outputs(single)


def test_dask_local_cluster_gives_the_same_results_as_one_process(one_process, pipeline: Pipeline, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    corpus, single = one_process
    result = run_batch([corpus], tmp_path / "dask", formats=("json", "csv"), workers=1, scheduler="local", pipeline=pipeline)
    assert result.analysed == 3
    assert outputs(tmp_path / "dask") == outputs(single)


def test_a_failing_event_is_reported_and_the_rest_go_on(pipeline: Pipeline) -> None:
    from framing.models import Story

    empty = Story(title="empty", slug="empty", root=".", articles=())
    outcomes = list(execute(pipeline, [("e1", empty)], ("json",)))
    assert [(o.event, o.document) for o in outcomes] == [("e1", None)]
    assert outcomes[0].error and "no article" in outcomes[0].error


def test_csv_tables_follow_the_document(one_process) -> None:
    import csv
    import json

    from framing.report.csvout import TABLES as COLUMNS

    _, single = one_process
    for document_path in sorted((single / "events").glob("*.json")):
        document = json.loads(document_path.read_text())
        stem = document_path.stem
        tables = {name: list(csv.reader((single / "events" / f"{stem}-{name}.csv").open())) for name in COLUMNS}
        assert all(tables[name][0] == list(COLUMNS[name]) for name in COLUMNS)
        assert len(tables["labels"]) - 1 == sum(len(a["labels"]) for a in document["articles"])
        assert len(tables["quotes"]) - 1 == sum(len(a["quotes"]) for a in document["articles"])
        text = COLUMNS["findings"].index("text")
        assert list(dict.fromkeys(row[text] for row in tables["findings"][1:])) == [f["text"] for f in document["findings"]]
        assert len(tables["coverage"]) - 1 == len(document["coverage"]) * len(document["articles"])
