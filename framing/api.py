"""The whole run as library calls: path → story → analysis → JSON, HTML, PDF on disk.

Each CLI command calls exactly one function here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from framing.errors import UsageError
from framing.load import LoadOptions, load_story
from framing.models import Skipped, Story
from framing.report.output import check_out_dir, output_path, prepare_dir, write_atomic, write_set


@dataclass(frozen=True)
class AnalysisResult:
    document: dict[str, Any]
    warnings: tuple[str, ...]
    inputs: tuple[Path, ...] = ()
    skipped: tuple[Skipped, ...] = ()

    @cached_property
    def json(self) -> str:
        """The document as JSON text: UTF-8, indented, in the schema's field order."""
        return json.dumps(self.document, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class ReportResult:
    paths: tuple[Path, ...]
    warnings: tuple[str, ...]
    skipped: tuple[Skipped, ...] = ()


def analyse_path(
    path: str | Path, *, lexicons: Sequence[Path] = (), load_options: LoadOptions = LoadOptions()
) -> AnalysisResult:
    """Load, clean and analyse a story; return its JSON document (see docs/schema.md)."""
    from framing.analyse import analyse

    story = load_story(path, load_options)
    analysis = analyse(story, extra_lexicons=lexicons)
    return AnalysisResult(analysis.to_json(), story.warnings, _inputs(story, lexicons), story.skipped)


def _inputs(story: Story, lexicons: Sequence[Path]) -> tuple[Path, ...]:
    """Every file the run read, and every file of the story folder: outputs must never replace one."""
    root = Path(story.root)
    paths = [root] if root.is_file() else [p for p in root.iterdir() if p.is_file()]
    paths += [Path(a.source.path) for a in story.articles if a.source.kind != "jsonl"]
    paths += [Path(p) for p in (*story.lexicon_paths, *lexicons)]
    if story.manifest:
        paths.append(Path(story.manifest))
    return tuple(paths)


def write_analysis(
    path: str | Path, *, out: Path | None = None, lexicons: Sequence[Path] = (), load_options: LoadOptions = LoadOptions()
) -> AnalysisResult:
    """Analyse a story and, when ``out`` is given, write the JSON there atomically."""
    result = analyse_path(path, lexicons=lexicons, load_options=load_options)
    if out is not None:
        write_atomic(out, result.json.encode("utf-8"), inputs=result.inputs)
    return result


def build_report(
    path: str | Path,
    *,
    out_dir: Path = Path("reports"),
    formats: Sequence[str] = ("html", "pdf"),
    paper: str = "a4",
    templates: Path | None = None,
    lexicons: Sequence[Path] = (),
    load_options: LoadOptions = LoadOptions(),
) -> ReportResult:
    """Analyse a story and write ``<slug>.html`` and/or ``<slug>.pdf`` into ``out_dir``."""
    from framing.report.render import render_html, render_pdf

    unknown = set(formats) - {"html", "pdf", "json"}
    if unknown:
        raise UsageError(f"unknown format {sorted(unknown)[0]!r}; use html, pdf or all")
    check_out_dir(out_dir, Path(path))
    result = analyse_path(path, lexicons=lexicons, load_options=load_options)
    document = result.document
    # Render everything before writing anything, so a failure leaves the previous report whole.
    rendered: list[tuple[str, bytes]] = []
    if "html" in formats:
        rendered.append(("html", render_html(document, templates=templates, paper=paper).encode("utf-8")))
    if "pdf" in formats:
        rendered.append(("pdf", render_pdf(document, templates=templates, paper=paper)))
    if "json" in formats:
        rendered.append(("json", result.json.encode("utf-8")))
    prepare_dir(out_dir)
    files = [(output_path(out_dir, document["story"]["slug"], suffix), data) for suffix, data in rendered]
    written = write_set(files, inputs=result.inputs, within=out_dir)
    return ReportResult(written, result.warnings, result.skipped)
