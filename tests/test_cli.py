"""The command line: help, messages, exit codes and what gets written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing import __version__
from framing.cli import app

runner = CliRunner()
BODY = (
    "The foreign minister said on Tuesday that the talks had gone well and would continue. "
    "Officials from both countries met in the capital and agreed to meet again next month.\n"
)


def small_story(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "alpha.txt").write_text(BODY)
    (folder / "beta.txt").write_text(BODY.replace("gone well", "collapsed in acrimony"))
    return folder


def test_every_command_has_help() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("report", "analyze"):
        assert command in result.output
        sub = runner.invoke(app, [command, "--help"])
        assert sub.exit_code == 0
        assert "Usage: framing " + command in sub.output
        assert "--out" in sub.output and "--strict" in sub.output


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"framing {__version__}"


def test_help_does_not_import_heavy_libraries() -> None:
    code = "import sys, framing.cli; print(sorted(m for m in ('sklearn', 'weasyprint', 'trafilatura', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_missing_path_is_misuse_with_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr == f"framing: error: {tmp_path / 'nope'}: no such file or folder; give a story folder or a .jsonl file\n"


def test_empty_folder_is_misuse(tmp_path: Path) -> None:
    (tmp_path / "story").mkdir()
    result = runner.invoke(app, ["report", str(tmp_path / "story"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no article files (.txt, .md, .html, .htm) in this folder" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not (tmp_path / "out").exists()


def test_bad_data_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["analyze", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("framing: error: ") and "no usable article" in result.stderr
    assert result.stderr.count("\n") == 1


def test_malformed_lexicon_names_file_and_line(tmp_path: Path) -> None:
    story = small_story(tmp_path / "story")
    bad = tmp_path / "bad.toml"
    bad.write_text('[lexicon]\nname = "x"\n\n[categories.loaded]\nkind = "language"\nsource = "me"\nphrases = ["ok", ""]\n')
    result = runner.invoke(app, ["analyze", str(story), "--lexicon", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"framing: error: {bad}:7: ")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope"), "--debug"])
    assert result.exit_code != 0
    assert result.exception is not None and "no such file" in str(result.exception)


def test_analyze_prints_json_and_skips_bad_files(tmp_path: Path) -> None:
    story = small_story(tmp_path / "story")
    (story / "zero.txt").write_bytes(b"")
    result = runner.invoke(app, ["analyze", str(story)])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == "1.0"
    assert [a["id"] for a in doc["articles"]] == ["alpha", "beta"]
    assert doc["skipped"] == [{"path": "zero.txt", "reason": "is empty; remove it or fill it"}]
    assert "framing: warning:" in result.stderr


def test_strict_stops_at_the_first_bad_file(tmp_path: Path) -> None:
    story = small_story(tmp_path / "story")
    (story / "zero.txt").write_bytes(b"")
    result = runner.invoke(app, ["analyze", str(story), "--strict"])
    assert result.exit_code == 1
    assert result.stderr == f"framing: error: {story / 'zero.txt'}: is empty; remove it or fill it\n"


def test_analyze_out_writes_the_file(tmp_path: Path) -> None:
    story = small_story(tmp_path / "story")
    out = tmp_path / "analysis.json"
    result = runner.invoke(app, ["analyze", str(story), "--out", str(out)])
    assert result.exit_code == 0
    assert result.stdout.strip() == str(out)
    assert json.loads(out.read_text())["story"]["slug"] == "story"


def test_analyze_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    story = small_story(tmp_path / "story")
    before = (story / "alpha.txt").read_bytes()
    result = runner.invoke(app, ["analyze", str(story), "--out", str(story / "alpha.txt")])
    assert result.exit_code == 1
    assert "is one of the inputs" in result.stderr
    assert (story / "alpha.txt").read_bytes() == before


def test_report_html_only_prints_the_path(tmp_path: Path) -> None:
    story = small_story(tmp_path / "story")
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", str(story), "--out", str(out), "--format", "html"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [str(out / "story.html")]
    assert sorted(p.name for p in out.iterdir()) == ["story.html"]


@pytest.mark.parametrize("option", [["--format", "docx"], ["--paper", "a3"], ["--max-bytes", "0"]])
def test_bad_options_are_misuse(tmp_path: Path, option: list[str]) -> None:
    story = small_story(tmp_path / "story")
    result = runner.invoke(app, ["report", str(story), *option])
    assert result.exit_code == 2


def test_python_dash_m_works() -> None:
    out = subprocess.run([sys.executable, "-m", "framing", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"framing {__version__}"


def test_same_story_same_json_however_the_path_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    story = small_story(tmp_path / "story")
    absolute = runner.invoke(app, ["analyze", str(story)]).stdout
    monkeypatch.chdir(tmp_path)
    relative = runner.invoke(app, ["analyze", "./story/"]).stdout
    assert absolute == relative
    doc = json.loads(absolute)
    assert [a["source"]["path"] for a in doc["articles"]] == ["alpha.txt", "beta.txt"]
    assert {lex["path"] for lex in doc["lexicons"]} == {"framing/lexicons/frames.toml", "framing/lexicons/general.toml"}


def test_pdf_without_weasyprint_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    story = small_story(tmp_path / "story")
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as when the package or Pango is missing
    result = runner.invoke(app, ["report", str(story), "--out", str(tmp_path / "out"), "--format", "pdf"])
    assert result.exit_code == 1
    assert result.stderr.startswith("framing: error: WeasyPrint cannot start (") and "--format html" in result.stderr
    html = runner.invoke(app, ["report", str(story), "--out", str(tmp_path / "out"), "--format", "html"])
    assert html.exit_code == 0
