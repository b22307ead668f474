"""The command line: help, messages, exit codes and what gets written."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing import __version__
from framing.cli import app
from conftest import SEEDS

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
    assert doc["schema_version"] == "2.0"
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


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "STORY", "--format", "docx"], "--format: 'docx' is not a format; use html, pdf, csv or all"),
        (["report", "STORY", "--paper", "a3"], "--paper: 'a3' is not a paper size; use a4 or letter"),
        (["report", "STORY", "--pdf", "summary"], "--pdf: 'summary' is not a kind of PDF; use briefing or full"),
        (["report", "STORY", "--max-bytes", "0"], "--max-bytes: 0 bytes would refuse every file; give 1 or more"),
        (["analyze", "STORY", "--max-bytes", "lots"], "--max-bytes: 'lots' is not a whole number of bytes; give one like 5000000"),
        (["analyze"], "framing analyze needs STORY; see 'framing analyze --help'"),
        (["analyze", "STORY", "--frmat", "x"], "framing analyze has no option --frmat; see 'framing analyze --help'"),
        (["report", "STORY", "--formt", "html"], "framing report has no option --formt; did you mean --format or --out?"),
        (["analyse", "STORY"], "no such command 'analyse'; did you mean 'analyze'?"),
        (["publish"], "no such command 'publish'; see 'framing --help'"),
        (["analyze", "STORY", "extra"], "got unexpected extra argument(s) (extra); see 'framing analyze --help'"),
    ],
)
def test_command_line_mistakes_are_one_line_of_framings_own(tmp_path: Path, args: list[str], message: str) -> None:
    story = str(small_story(tmp_path / "story"))
    result = runner.invoke(app, [story if a == "STORY" else a for a in args])
    assert result.exit_code == 2
    assert result.stderr == f"framing: error: {message}\n"
    assert result.stdout == ""


def _pdf_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> tuple[object, list[dict]]:
    """``framing report --format pdf`` on a small story with ``args``, and the options each call to
    ``render_pdf`` was given (the PDF itself is not laid out)."""
    import framing.report.render as render

    asked: list[dict] = []
    monkeypatch.setattr(render, "render_pdf", lambda document, **options: asked.append(options) or b"%PDF-1.7\n")
    story = small_story(tmp_path / "story")
    result = runner.invoke(app, ["report", str(story), "--out", str(tmp_path / "out"), "--format", "pdf", *args])
    assert result.exit_code == 0, result.stderr
    return result, asked


@pytest.mark.parametrize(("args", "kind"), [([], "briefing"), (["--pdf", "full"], "full"), (["--pdf", "Briefing"], "briefing")])
def test_pdf_option_chooses_the_briefing_or_the_full_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], kind: str
) -> None:
    result, asked = _pdf_report(tmp_path, monkeypatch, args)
    assert [options["pdf"] for options in asked] == [kind]
    assert result.stdout.splitlines() == [str(tmp_path / "out" / "story.pdf")]


def test_options_take_any_case(tmp_path: Path) -> None:
    story = small_story(tmp_path / "story")
    result = runner.invoke(app, ["report", str(story), "--out", str(tmp_path / "out"), "--format", "HTML", "--paper", "Letter"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [str(tmp_path / "out" / "story.html")]


def test_help_reads_as_framings_own() -> None:
    top = runner.invoke(app, ["--help"]).output
    assert "report   Build the side-by-side briefing (HTML and PDF) for a story.\n" in top
    assert "...\n" not in top.split("Commands:")[1].replace("[ARGS]...", "")
    for command in ("report", "analyze"):
        text = runner.invoke(app, [command, "--help"]).output
        assert text.startswith(f"Usage: framing {command} [OPTIONS] STORY\n")
        assert "{" not in text and "<int" not in text and "range>" not in text
        assert "--max-bytes BYTES" in text
    assert "docs/schema.md in the framing source" in " ".join(runner.invoke(app, ["analyze", "--help"]).output.split())


def test_each_skipped_file_is_one_line_naming_it_the_reason_and_the_fix(tmp_path: Path) -> None:
    story = small_story(tmp_path / "story")
    (story / "empty.txt").write_bytes(b"")
    (story / "noise.txt").write_bytes(bytes(range(256)) * 4)
    (story / "picture.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    result = runner.invoke(app, ["analyze", str(story)])
    assert result.exit_code == 0
    skipped = [line for line in result.stderr.splitlines() if line.startswith("framing: skipped ")]
    assert skipped == [
        f"framing: skipped {story / 'empty.txt'}: is empty; remove it or fill it",
        f"framing: skipped {story / 'noise.txt'}: looks binary, not text; give .txt, .md or .html articles",
        f"framing: skipped {story / 'picture.md'}: looks binary, not text; give .txt, .md or .html articles",
    ]
    report = runner.invoke(app, ["report", str(story), "--out", str(tmp_path / "out"), "--format", "html"])
    assert [line for line in report.stderr.splitlines() if line.startswith("framing: skipped ")] == skipped


@pytest.mark.parametrize("inside", [".", "reports", "reports/nested"])
def test_an_output_folder_inside_the_story_is_misuse(tmp_path: Path, inside: str) -> None:
    story = small_story(tmp_path / "story")
    out = story / inside
    result = runner.invoke(app, ["report", str(story), "--out", str(out), "--format", "html"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"framing: error: {out}: is inside the story folder, so the next run would read the report as an article;"
        f" choose an --out folder outside {story}\n"
    )
    assert sorted(p.name for p in story.iterdir()) == ["alpha.txt", "beta.txt"]


def test_analyze_out_refuses_a_device(tmp_path: Path) -> None:
    story = small_story(tmp_path / "story")
    result = runner.invoke(app, ["analyze", str(story), "--out", os.devnull])
    assert result.exit_code == 1
    assert result.stderr.endswith(f"framing: error: {os.devnull}: is not a regular file (a device, pipe or socket); give a new file name\n")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_standard_output_is_one_line(tmp_path: Path) -> None:
    story = small_story(tmp_path / "story")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "framing", "analyze", str(story)], stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == "framing: error: cannot write to standard output (No space left on device); free some space or use --out"
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_sigterm_while_writing_leaves_the_old_report_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    story = small_story(tmp_path / "story")
    out = tmp_path / "out"
    assert runner.invoke(app, ["report", str(story), "--out", str(out), "--format", "html"]).exit_code == 0
    previous = (out / "story.html").read_bytes()
    (story / "alpha.txt").write_text(BODY.replace("Tuesday", "Wednesday"))
    monkeypatch.setattr(os, "fsync", lambda fd: os.kill(os.getpid(), signal.SIGTERM))
    result = runner.invoke(app, ["report", str(story), "--out", str(out), "--format", "html"])
    assert result.exit_code == 128 + signal.SIGTERM
    assert result.stderr.splitlines()[-1] == "framing: interrupted; nothing was half-written"
    assert [p.name for p in out.iterdir()] == ["story.html"] and (out / "story.html").read_bytes() == previous


def test_json_is_compact_unless_an_indent_is_asked_for(tmp_path: Path) -> None:
    story = small_story(tmp_path)
    compact = runner.invoke(app, ["analyze", str(story)])
    indented = runner.invoke(app, ["analyze", str(story), "--indent", "2"])
    assert compact.exit_code == indented.exit_code == 0
    assert json.loads(compact.stdout) == json.loads(indented.stdout)
    assert compact.stdout.count("\n") == 1 and '": ' not in compact.stdout[:200]
    assert indented.stdout.startswith('{\n  "schema_version": ')


def test_a_bad_indent_is_misuse_in_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(small_story(tmp_path)), "--indent", "9"])
    assert result.exit_code == 2
    assert result.stderr == (
        "framing: error: --indent: '9' is not an indent; give a number of spaces from 0 to 8, or leave it out for compact JSON\n"
    )


def test_title_sets_the_story_title_and_the_file_names(tmp_path: Path) -> None:
    story = str(small_story(tmp_path / "story"))
    analysed = runner.invoke(app, ["analyze", story, "--title", "  Talks in the   capital "])
    assert analysed.exit_code == 0, analysed.stderr
    doc = json.loads(analysed.stdout)
    assert doc["story"]["title"] == "Talks in the capital"
    assert doc["story"]["slug"] == "talks-in-the-capital" and doc["story"]["title_from"] == "given"
    out = tmp_path / "out"
    made = runner.invoke(app, ["report", story, "--out", str(out), "--format", "html", "--title", "Talks in the capital"])
    assert made.exit_code == 0, made.stderr
    assert made.stdout.split() == [str(out / "talks-in-the-capital.html")]
    assert "<h1 id=\"top\" dir=\"auto\">Talks in the capital</h1>" in (out / "talks-in-the-capital.html").read_text()


def test_format_csv_writes_the_main_tables_with_stable_columns(tmp_path: Path) -> None:
    import csv

    from framing.report import csvout

    out = tmp_path / "out"
    made = runner.invoke(app, ["report", str(SEEDS), "--out", str(out), "--format", "csv"])
    assert made.exit_code == 0, made.stderr
    written = sorted(Path(p).name for p in made.stdout.split())
    stem = "russia-syria-delegation-2025-01"
    assert written == sorted(f"{stem}-{n}.csv" for n in ("labels", "quotes", "findings", "coverage", "measures"))
    doc = json.loads(runner.invoke(app, ["analyze", str(SEEDS)]).stdout)
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    headers = {"labels": (csvout.LABELS, "label"), "quotes": (csvout.QUOTES, "text"),
               "findings": (csvout.FINDINGS, "evidence"), "coverage": (csvout.COVERAGE, "sentence")}
    for name, (header, words) in headers.items():
        with open(out / f"{stem}-{name}.csv", newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert tuple(rows[0].keys()) == header and rows
        for row in rows:  # every row's evidence points at its words
            if row["start"]:
                assert row[words] == texts[row["article"]][int(row["start"]):int(row["end"])]
    quotes = list(csv.DictReader(open(out / f"{stem}-quotes.csv", newline="", encoding="utf-8")))
    assert sum(len(a["quotes"]) for a in doc["articles"]) == len(quotes) and all(q["speaker"] or q["speaker_text"] for q in quotes)
    again = tmp_path / "again"
    runner.invoke(app, ["report", str(SEEDS), "--out", str(again), "--format", "csv"])
    for path in out.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes()


def test_csv_cells_that_a_spreadsheet_would_run_are_defused() -> None:
    from framing.report.csvout import _csv

    assert _csv(("a", "b"), [("=HYPERLINK(1)", -3)]) == b"a,b\r\n'=HYPERLINK(1),-3\r\n"


@pytest.mark.parametrize("args, tagged", [([], False), (["--pdf-ua"], True)])
def test_pdf_ua_option_asks_for_a_tagged_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], tagged: bool) -> None:
    _, asked = _pdf_report(tmp_path, monkeypatch, args)
    assert [options["tagged"] for options in asked] == [tagged]
