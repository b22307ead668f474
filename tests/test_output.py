"""Writing reports: atomic, inside the output folder, never over an input."""

from __future__ import annotations

import errno
import os
import signal
import stat
import threading
from pathlib import Path

import pytest

from framing.errors import OutputError, UsageError
from framing.report.output import Stopped, check_out_dir, output_path, prepare_dir, write_atomic, write_set


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


def test_a_device_or_pipe_is_never_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    (tmp_path / "null.json").symlink_to(os.devnull)
    for target in (pipe, tmp_path / "null.json", Path(os.devnull)):
        with pytest.raises(OutputError, match=r"is not a regular file \(a device, pipe or socket\); give a new file name"):
            write_atomic(target, b"{}")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode) and (tmp_path / "null.json").is_symlink()
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null.json", "pipe"]


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002, 0o077])
def test_new_files_follow_the_umask(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        write_atomic(tmp_path / "r.html", b"report", within=tmp_path)
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "r.html").stat().st_mode) == 0o666 & ~umask


def _old_set(folder: Path) -> list[tuple[Path, bytes]]:
    for name in ("r.html", "r.pdf"):
        (folder / name).write_bytes(b"old " + name.encode())
    return [(folder / "r.html", b"new html"), (folder / "r.pdf", b"new pdf")]


def test_a_failure_while_writing_the_set_keeps_every_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = _old_set(tmp_path)
    calls = []
    real_fsync = os.fsync

    def full_on_second(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_on_second)
    with pytest.raises(OutputError, match=r"r\.pdf: cannot be written \(No space left on device\)"):
        write_set(files, within=tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"r.html": b"old r.html", "r.pdf": b"old r.pdf"}


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_while_writing_removes_the_temporaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    files = _old_set(tmp_path)
    before = signal.getsignal(signum)

    def stopped(fd: int) -> None:
        os.kill(os.getpid(), signum)

    monkeypatch.setattr(os, "fsync", stopped)
    with pytest.raises(Stopped) as caught:
        write_set(files, within=tmp_path)
    assert caught.value.signum == signum
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"r.html": b"old r.html", "r.pdf": b"old r.pdf"}
    assert signal.getsignal(signum) == before


def test_a_stop_signal_during_the_renames_waits_until_the_set_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _old_set(tmp_path)
    real_replace = os.replace

    def signalled(src: str, dst: str) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", signalled)
    # Another thread (numpy's, a test's) may be the one the kernel hands the signal to.
    done = threading.Event()
    other = threading.Thread(target=done.wait, daemon=True)
    other.start()
    try:
        with pytest.raises(Stopped):
            write_set(files, within=tmp_path)
    finally:
        done.set()
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"r.html": b"new html", "r.pdf": b"new pdf"}


def test_a_signal_the_user_ignores_stays_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``nohup framing report …`` ignores SIGHUP; writing must not turn it into a stop."""
    files = _old_set(tmp_path)
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        monkeypatch.setattr(os, "fsync", lambda fd: os.kill(os.getpid(), signal.SIGHUP))
        write_set(files, within=tmp_path)
        assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"r.html": b"new html", "r.pdf": b"new pdf"}


def test_an_output_folder_inside_the_story_is_refused(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    for out in (story, story / "reports", story / "a" / ".." / "b"):
        with pytest.raises(UsageError, match=f"is inside the story folder, so the next run would read the report as an article; choose an --out folder outside {story}"):
            check_out_dir(out, story)
    check_out_dir(tmp_path / "reports", story)
    (tmp_path / "story.jsonl").write_text("{}\n")
    check_out_dir(tmp_path / "reports", tmp_path / "story.jsonl")
