"""The corpus commands: help, misuse messages and exit codes."""

from __future__ import annotations

from pathlib import Path

from test_corpus_events import records, write_corpus
from typer.testing import CliRunner

from framing.cli import app


def test_corpus_commands_have_help() -> None:
    for command in ("cluster", "batch"):
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert f"Usage: framing {command}" in result.output and "--strict" in result.output


def test_batch_refuses_an_output_folder_inside_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Some text about a thing that happened.\n")
    result = CliRunner().invoke(app, ["batch", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == f"framing: error: {tmp_path / 'out'}: is inside the corpus; choose an --out folder outside it\n"
    assert not (tmp_path / "out").exists()


def test_batch_refuses_a_store_that_is_a_corpus_file(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "news.jsonl", records())
    result = CliRunner().invoke(app, ["batch", str(corpus), "--out", str(tmp_path / "out"), "--store", str(corpus)])
    assert result.exit_code == 2
    assert result.stderr == f"framing: error: {corpus}: is one of the corpus files; choose another --store\n"
    assert corpus.read_text() == "".join(__import__("json").dumps(r) + "\n" for r in records())


def test_an_unknown_scheduler_address_is_misuse(tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("distributed")
    corpus = write_corpus(tmp_path / "news.jsonl", records())
    result = CliRunner().invoke(app, ["batch", str(corpus), "--out", str(tmp_path / "out"), "--quiet",
                                      "--scheduler", "nonsense://nowhere"])
    assert result.exit_code == 2
    assert result.stderr == ("framing: error: 'nonsense://nowhere' is not a Dask scheduler address "
                             "(unknown scheme 'nonsense'); give tcp://HOST:PORT or local\n")
    assert not (tmp_path / "out").exists()
