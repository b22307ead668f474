"""The reusable pipeline: lexicons parsed, matcher compiled and lenses ordered once, then any number of
stories, from files or from records, through load → clean → analyse → export → report.

Each CLI command makes one :class:`Pipeline` and calls one method. A Pipeline pickles, so batch code can
send it to worker processes::

    from framing.api import Pipeline
    pipeline = Pipeline()
    result = pipeline.analyse_path("seeds/")
    result.document["findings"][0]["text"]
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from framing.errors import InputError, UsageError
from framing.load import LoadOptions, load_story
from framing.models import CleanStory, Skipped, Story
from framing.report.output import check_out_dir, output_path, prepare_dir, write_atomic, write_set
from framing.words import slugify

PARAMETERS = {
    "tfidf_ngram_range": "1-3",
    "bootstrap_resamples": 1000,
    "bootstrap_seed": 0,
}


@contextmanager
def paused_cycle_collection() -> Iterator[None]:
    """Analysis makes millions of small records that hold no reference cycles; Python's cycle
    collector would still rescan all of them every few thousand allocations, about a tenth of the
    cost of a large story. Paused for one story and restored afterwards (reference counting still
    frees everything as usual)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class AnalysisResult:
    document: dict[str, Any]
    warnings: tuple[str, ...]
    inputs: tuple[Path, ...] = ()
    skipped: tuple[Skipped, ...] = ()

    @cached_property
    def json(self) -> str:
        """The document as compact JSON text."""
        from framing.export import dumps

        return dumps(self.document)

    def dumps(self, indent: int | None = None) -> str:
        """The document as JSON text, indented by ``indent`` spaces when given."""
        from framing.export import dumps

        return self.json if indent is None else dumps(self.document, indent)


@dataclass(frozen=True)
class ReportResult:
    paths: tuple[Path, ...]
    warnings: tuple[str, ...]
    skipped: tuple[Skipped, ...] = ()


class Pipeline:
    """framing's analysis, built once and reused for many stories.

    ``lexicons`` are lexicon files added to the shipped ones (a story's own ``lexicon.toml`` is added
    per story). ``lenses`` replaces the lens set (default: framing's lenses plus any installed in the
    ``framing.lenses`` entry point group); ``extra_lenses`` adds to it. Raises LexiconError for a bad
    lexicon and UsageError for lenses whose requirements cannot be met.
    """

    def __init__(
        self,
        *,
        lexicons: Sequence[str | Path] = (),
        lenses: Sequence[Any] | None = None,
        extra_lenses: Sequence[Any] = (),
        load_options: LoadOptions = LoadOptions(),
    ) -> None:
        from framing.analyse.builtin import BUILTIN_LENSES
        from framing.analyse.registry import installed_lenses, ordered
        from framing.lexicon.format import load_lexicon
        from framing.resources import shipped_lexicons

        self.lexicon_paths = tuple(Path(p) for p in lexicons)
        self.load_options = load_options
        self._shipped = tuple(load_lexicon(p) for p in shipped_lexicons())
        self._extra = tuple(load_lexicon(p) for p in self.lexicon_paths)
        chosen = list(BUILTIN_LENSES) + installed_lenses() if lenses is None else list(lenses)
        self.lenses = tuple(ordered([*chosen, *extra_lenses]))
        self._resources: dict[tuple[str, ...], dict[str, Any]] = {}

    # -- the steps ------------------------------------------------------------------------------

    def load(self, path: str | Path) -> Story:
        """A story folder or JSON Lines file → the raw story (see :func:`framing.load.load_story`)."""
        return load_story(path, self.load_options)

    def clean(self, story: Story) -> CleanStory:
        """Remove page furniture from every article; an article left without body text is skipped."""
        from framing.clean import clean

        skipped = list(story.skipped)
        articles = []
        for raw in story.articles:
            article = clean(raw)
            if not article.paragraphs:
                skipped.append(Skipped(raw.source.path, "nothing was left after removing page furniture"))
                continue
            articles.append(article)
        if not articles:
            raise InputError("no article has body text after cleaning", path=story.root)
        return CleanStory(story, tuple(articles), tuple(skipped))

    def analyse(self, story: Story | CleanStory) -> Any:
        """Clean (unless already clean) and run every lens: an :class:`framing.analyse.Analysis`."""
        from framing.analyse import run_lenses
        from framing.analyse.stats import MIN_EVIDENCE
        from framing.lang import profile

        cleaned = story if isinstance(story, CleanStory) else self.clean(story)
        resources = self._story_resources(cleaned.story)
        profiles = {a.id: profile(a.language) for a in cleaned.articles}
        parameters = {
            "tfidf_ngram_range": PARAMETERS["tfidf_ngram_range"],
            "min_sentences": MIN_EVIDENCE.sentences,
            "min_matches": MIN_EVIDENCE.matches,
            "bootstrap_resamples": PARAMETERS["bootstrap_resamples"],
            "bootstrap_seed": PARAMETERS["bootstrap_seed"],
        }
        with paused_cycle_collection():
            return run_lenses(cleaned, self.lenses, resources, profiles, lexicons=resources["lexicons"], parameters=parameters)

    def document(self, story: Story | CleanStory) -> dict[str, Any]:
        """The analysis of ``story`` as the JSON document (docs/schema.md)."""
        from framing.export import document

        with paused_cycle_collection():
            return document(self.analyse(story))

    # -- whole runs -----------------------------------------------------------------------------

    def analyse_path(self, path: str | Path, *, title: str | None = None) -> AnalysisResult:
        """Load, clean and analyse a story; its JSON document, warnings and the files it read.

        ``title`` replaces the story's title and slug (the manifest's, or one derived from the headlines).
        """
        story = self.load(path)
        if title is not None:
            title = " ".join(title.split())
            if not title:
                raise UsageError("the story title is empty; give some words, or leave --title out")
            story = replace(story, title=title, slug=slugify(title), title_from="given")
        from framing.export import document

        with paused_cycle_collection():
            analysis = self.analyse(story)
            doc = document(analysis)
        warnings = (*story.warnings, *(f.message for f in analysis.failures))
        return AnalysisResult(doc, warnings, self._inputs(story), tuple(analysis.skipped))

    def write_analysis(
        self, path: str | Path, out: Path | None = None, *, indent: int | None = None, title: str | None = None
    ) -> AnalysisResult:
        """Analyse a story and, when ``out`` is given, write the JSON there atomically."""
        result = self.analyse_path(path, title=title)
        if out is not None:
            write_atomic(out, result.dumps(indent).encode("utf-8"), inputs=result.inputs)
        return result

    def report(
        self,
        path: str | Path,
        *,
        out_dir: Path = Path("reports"),
        formats: Sequence[str] = ("html", "pdf"),
        paper: str = "a4",
        templates: Path | None = None,
        title: str | None = None,
        pdf: str = "briefing",
        tagged: bool = False,
    ) -> ReportResult:
        """Analyse a story and write ``<slug>.html``, ``<slug>.pdf``, ``.json`` and/or the ``<slug>-*.csv`` tables into ``out_dir``.

        ``pdf`` is ``briefing`` (read in five minutes; the HTML keeps everything) or ``full`` (every
        section whole, the texts side by side); ``tagged`` makes the PDF a tagged PDF/UA-1."""
        from framing.report.render import render_html, render_pdf

        unknown = set(formats) - {"html", "pdf", "json", "csv"}
        if unknown:
            raise UsageError(f"unknown format {sorted(unknown)[0]!r}; use html, pdf, csv or all")
        check_out_dir(out_dir, Path(path))
        result = self.analyse_path(path, title=title)
        document = result.document
        # Render everything before writing anything, so a failure leaves the previous report whole.
        rendered: list[tuple[str, bytes]] = []
        if "html" in formats:
            rendered.append(("html", render_html(document, templates=templates, paper=paper).encode("utf-8")))
        if "pdf" in formats:
            rendered.append(("pdf", render_pdf(document, templates=templates, paper=paper, pdf=pdf, tagged=tagged)))
        if "json" in formats:
            rendered.append(("json", result.json.encode("utf-8")))
        slug = document["story"]["slug"]
        files = [(output_path(out_dir, slug, suffix), data) for suffix, data in rendered]
        if "csv" in formats:
            from framing.report.csvout import tables

            files += [(output_path(out_dir, f"{slug}-{name}", "csv"), data) for name, data in tables(document).items()]
        prepare_dir(out_dir)
        written = write_set(files, inputs=result.inputs, within=out_dir)
        return ReportResult(written, result.warnings, result.skipped)

    # -- internals ------------------------------------------------------------------------------

    def _story_resources(self, story: Story) -> dict[str, Any]:
        """Lexicons, matcher and categories for a story: the pipeline's own, plus the story's lexicon.
        Built once per distinct set of lexicon files and kept."""
        from framing.lexicon.format import load_lexicon

        story_lexicons = tuple(load_lexicon(p) for p in story.lexicon_paths)
        key = tuple(lex.sha256 for lex in story_lexicons)
        if key not in self._resources:
            self._resources[key] = _resources([*self._shipped, *story_lexicons, *self._extra])
        return self._resources[key]

    def _inputs(self, story: Story) -> tuple[Path, ...]:
        """Every file the run read, and every file of the story folder: outputs must never replace one."""
        root = Path(story.root)
        paths = [root] if root.is_file() else [p for p in root.iterdir() if p.is_file()] if root.is_dir() else []
        paths += [Path(a.source.path) for a in story.articles if a.source.kind != "jsonl"]
        paths += [Path(p) for p in (*story.lexicon_paths, *self.lexicon_paths)]
        if story.manifest:
            paths.append(Path(story.manifest))
        return tuple(paths)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_resources"] = {}  # rebuilt on first use in the worker: compiled tries are big to send
        return state


def _resources(lexicons: Iterable[Any]) -> dict[str, Any]:
    from framing.analyse import LANGUAGE_KINDS
    from framing.analyse.lenses.labels import label_rater
    from framing.lexicon.matcher import Matcher

    lexicons = list(lexicons)
    matcher = Matcher(lexicons)
    categories = matcher.categories  # one rule for a category two lexicons define: the first wins

    return {
        "lexicons": lexicons,
        "matcher": matcher,
        "categories": categories,
        "frame_categories": [n for n, c in categories.items() if c.kind == "frame"],
        "scored_categories": [n for n, c in categories.items() if c.kind in LANGUAGE_KINDS],
        "actor_specs": [spec for lex in lexicons for spec in lex.actors],
        "rate_label": label_rater(matcher),
    }


# -- one-call shortcuts, each with a pipeline built for its lexicons ---------------------------


def analyse_path(
    path: str | Path, *, lexicons: Sequence[Path] = (), load_options: LoadOptions = LoadOptions(), title: str | None = None
) -> AnalysisResult:
    """Load, clean and analyse a story; return its JSON document (see docs/schema.md)."""
    return Pipeline(lexicons=lexicons, load_options=load_options).analyse_path(path, title=title)


def write_analysis(
    path: str | Path, *, out: Path | None = None, lexicons: Sequence[Path] = (), load_options: LoadOptions = LoadOptions(),
    indent: int | None = None, title: str | None = None,
) -> AnalysisResult:
    """Analyse a story and, when ``out`` is given, write the JSON there atomically."""
    return Pipeline(lexicons=lexicons, load_options=load_options).write_analysis(path, out, indent=indent, title=title)


def build_report(
    path: str | Path,
    *,
    out_dir: Path = Path("reports"),
    formats: Sequence[str] = ("html", "pdf"),
    paper: str = "a4",
    templates: Path | None = None,
    lexicons: Sequence[Path] = (),
    load_options: LoadOptions = LoadOptions(),
    title: str | None = None,
    pdf: str = "briefing",
    tagged: bool = False,
) -> ReportResult:
    """Analyse a story and write ``<slug>.html`` and/or ``<slug>.pdf`` (and CSV tables) into ``out_dir``."""
    pipeline = Pipeline(lexicons=lexicons, load_options=load_options)
    return pipeline.report(
        path, out_dir=out_dir, formats=formats, paper=paper, templates=templates, title=title, pdf=pdf, tagged=tagged
    )
