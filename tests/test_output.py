"""Writing reports: atomic, inside the output folder, never over an input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framing.errors import OutputError
from framing.report.output import output_path, prepare_dir, write_atomic


def test_output_names_are_slugs_inside_the_folder(tmp_path: Path) -> None:
    for stem in ("../../etc/passwd", "/abs/path", "Ünïcode Story: Part 2", "", "..", "a/b\\c"):
        path = output_path(tmp_path, stem, "html")
        assert path.parent == tmp_path
        assert "/" not in path.name and "\\" not in path.name and not path.name.startswith(".")
    assert output_path(tmp_path, "Ünïcode Story: Part 2", "pdf").name == "unicode-story-part-2.pdf"


def test_write_replaces_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    write_atomic(target, b"first", within=tmp_path)
    write_atomic(target, b"second", within=tmp_path)
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]


def test_failed_write_keeps_the_previous_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.html"
    target.write_bytes(b"previous")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new", within=tmp_path)
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    article = tmp_path / "story.html"
    article.write_text("<p>input</p>")
    with pytest.raises(OutputError, match="is one of the inputs"):
        write_atomic(article, b"report", inputs=[article])
    assert article.read_text() == "<p>input</p>"


def test_symlink_in_output_folder_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.html").symlink_to(outside)
    write_atomic(out / "r.html", b"report", within=out)
    assert outside.read_text() == "keep me"
    assert not (out / "r.html").is_symlink() and (out / "r.html").read_bytes() == b"report"


def test_symlink_to_an_input_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("input")
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.html").symlink_to(article)
    with pytest.raises(OutputError, match="is one of the inputs"):
        write_atomic(out / "r.html", b"report", inputs=[article], within=out)
    assert article.read_text() == "input"


def test_writing_outside_the_chosen_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(OutputError, match="outside the output folder"):
        write_atomic(out / ".." / "escaped.html", b"x", within=out)
    assert not (tmp_path / "escaped.html").exists()


def test_output_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "reports"
    file.write_text("not a folder")
    with pytest.raises(OutputError, match="exists and is not a folder"):
        prepare_dir(file)
