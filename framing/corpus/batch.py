"""A corpus → its events clustered, each analysed and reported, an index, outlet profiles and a store.

Layout under the output folder::

    index.html              every event, sortable and filterable, linking its report
    events/<slug>.<fmt>     one briefing per event with two or more outlets (html, pdf, json, -NAME.csv)
    outlets/<key>.html      one profile per outlet
    framing.sqlite          the store (docs/corpus.md), unless --store puts it elsewhere

A second run over the same corpus redoes only events whose articles (or the pipeline) changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from framing.corpus.events import Event, EventClusterer, article_id, find_events
from framing.corpus.progress import Progress
from framing.corpus.sources import Corpus, read_corpus
from framing.errors import UsageError
from framing.load import LoadOptions
from framing.models import Skipped, Story
from framing.words import slugify

FORMATS = ("html", "pdf", "json", "csv")
EVENTS_DIR = "events"
OUTLETS_DIR = "outlets"


@dataclass(frozen=True)
class ClusterResult:
    corpus: Corpus
    events: tuple[Event, ...]

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.corpus.warnings

    @property
    def skipped(self) -> tuple[Skipped, ...]:
        return tuple(self.corpus.skipped)

    def to_json(self) -> dict[str, Any]:
        return {"events": [e.to_json() for e in self.events]}


@dataclass(frozen=True)
class BatchResult:
    index: Path
    store: Path
    events: int
    analysed: int
    reused: int
    failed: int
    single_outlet: int
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]


def cluster_corpus(
    paths: Sequence[str | Path], *, load_options: LoadOptions = LoadOptions(), clusterer: EventClusterer | None = None
) -> ClusterResult:
    """Read a corpus and group its articles into events (see :mod:`framing.corpus.events`)."""
    corpus = read_corpus(paths, load_options)
    return ClusterResult(corpus, tuple(find_events(corpus, clusterer)))


def pipeline_version(pipeline: Any) -> str:
    """framing's version and a hash of the lexicons' sha256 and the lens names: part of every analysis key."""
    from framing import __version__
    from framing.resources import shipped_lexicons

    digest = hashlib.sha256()
    for path in [*shipped_lexicons(), *pipeline.lexicon_paths]:
        digest.update(hashlib.sha256(Path(path).read_bytes()).hexdigest().encode())
    digest.update("\n".join(lens.name for lens in pipeline.lenses).encode())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def event_story(event: Event, base: Path, slug: str) -> Story:
    """The event as a Story of its articles, ids unique within it, paths shown relative to the corpus."""
    raws = []
    for item in event.articles:
        source = replace(item.raw.source, path=str(base / item.shown))
        raws.append(replace(item.raw, id=article_id(item), source=source))
    lexicons = tuple(sorted({p for a in event.articles for p in a.lexicons}))
    return Story(title=event.title, slug=slug, root=str(base), articles=tuple(raws), lexicon_paths=lexicons)


def report_stem(event: Event) -> str:
    """The event's file name without suffix: its title slugged, then its id (titles repeat)."""
    return f"{slugify(event.title, max_length=50)}-{event.id[1:9]}"


def run_batch(
    paths: Sequence[str | Path],
    out_dir: Path,
    *,
    formats: Sequence[str] = ("html",),
    workers: int = 1,
    scheduler: str | None = None,
    store_path: Path | None = None,
    pipeline: Any = None,
    load_options: LoadOptions = LoadOptions(),
    clusterer: EventClusterer | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """Cluster a corpus, analyse every event with two or more outlets, write reports, index, profiles and store.

    Raises UsageError for an unknown format or an output folder inside the corpus, and what
    :func:`read_corpus` raises. An event whose analysis fails is listed with its reason, not fatal.
    """
    from framing.api import Pipeline
    from framing.corpus.store import DEFAULT_NAME, Store
    from framing.report.output import prepare_dir

    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise UsageError(f"unknown format {sorted(unknown)[0]!r}; use html, pdf, json, csv or all")
    progress = progress or Progress(quiet=True)
    _check_outside(paths, out_dir, store_path)
    if scheduler:
        from framing.corpus.runner import check_scheduler

        check_scheduler(scheduler)
    progress.phase("reading the corpus")
    clustered = cluster_corpus(paths, load_options=load_options, clusterer=clusterer)
    corpus, events = clustered.corpus, clustered.events
    progress.phase(f"found {len(events)} events in {len(corpus.articles)} articles")
    pipeline = pipeline or Pipeline(load_options=load_options)
    version = pipeline_version(pipeline)
    prepare_dir(out_dir)
    prepare_dir(out_dir / EVENTS_DIR)
    stems = {e.id: report_stem(e) for e in events}
    eligible = [e for e in events if len(e.outlets) >= 2]
    main_suffix = _main_suffix(formats)
    links = {e.id: f"{EVENTS_DIR}/{stems[e.id]}{main_suffix}" for e in eligible}
    store_path = store_path or out_dir / DEFAULT_NAME
    with Store(store_path) as store:
        store.sync(corpus, events, links)
        done = store.done(version)
        todo = [e for e in eligible if e.id not in done]
        _refresh_missing([e for e in eligible if e.id in done], store, version, out_dir, stems, formats)
        progress.start(len(todo), f"analysing {len(todo)} of {len(eligible)} events ({len(eligible) - len(todo)} already done)")
        failed = _analyse(todo, corpus.base, stems, pipeline, version, store, out_dir, formats, workers, scheduler, progress)
        store.prune(version)
        progress.phase("writing the index and outlet profiles")
        _remove_stale(out_dir / EVENTS_DIR, set(stems.values()))
        from framing.corpus.pages import write_pages

        index = write_pages(out_dir, events, eligible, links, store, version, corpus)
    progress.close(f"wrote {index}")
    return BatchResult(
        index=index, store=store_path, events=len(events), analysed=len(todo) - failed,
        reused=len(eligible) - len(todo), failed=failed, single_outlet=len(events) - len(eligible),
        skipped=corpus.skipped, warnings=corpus.warnings,
    )


def _analyse(
    todo: Sequence[Event], base: Path, stems: dict[str, str], pipeline: Any, version: str, store: Any,
    out_dir: Path, formats: Sequence[str], workers: int, scheduler: str | None, progress: Progress,
) -> int:
    """Run the events' analyses; write each one's files, then commit it to the store. How many failed."""
    from framing.corpus.runner import execute

    if not todo:
        return 0  # no pool or cluster to start for nothing

    def jobs() -> Iterator[tuple[str, Story]]:
        for event in todo:
            yield event.id, event_story(event, base, stems[event.id])

    failed = 0
    for outcome in execute(pipeline, jobs(), formats, workers=workers, scheduler=scheduler):
        if outcome.error is None:
            _write_files(out_dir, stems[outcome.event], outcome.files)
        else:
            failed += 1
        # Files first, then the store: a run stopped between the two redoes this event next time.
        store.put_analysis(outcome.event, version, outcome.document, outcome.strongest, outcome.error)
        progress.advance()
    return failed


def _refresh_missing(
    done: Sequence[Event], store: Any, version: str, out_dir: Path, stems: dict[str, str], formats: Sequence[str]
) -> None:
    """Render again, from the stored document, any report file of a finished event that is missing."""
    from framing.corpus.runner import render_files

    for event in done:
        wanted = _suffixes(formats)
        if all((out_dir / EVENTS_DIR / f"{stems[event.id]}{s}").exists() for s in wanted):
            continue
        document = store.document(event.id, version)
        if document is not None:
            _write_files(out_dir, stems[event.id], render_files(document, formats))


def _write_files(out_dir: Path, stem: str, files: Sequence[tuple[str, bytes]]) -> None:
    from framing.report.output import write_atomic

    folder = out_dir / EVENTS_DIR
    for suffix, data in files:
        write_atomic(folder / f"{stem}{suffix}", data, within=folder)


def _suffixes(formats: Sequence[str]) -> list[str]:
    from framing.report.csvout import TABLES

    out = [f".{f}" for f in ("html", "pdf", "json") if f in formats]
    return out + ([f"-{name}.csv" for name in TABLES] if "csv" in formats else [])


def _main_suffix(formats: Sequence[str]) -> str:
    """The file the index links for an event: the HTML briefing if written, else the first format's."""
    return _suffixes(formats)[0]


def _remove_stale(folder: Path, stems: set[str]) -> None:
    """Delete reports of events that no longer exist (their articles changed): only files this tool names."""
    from framing.report.csvout import TABLES

    for path in folder.iterdir():
        name = path.name
        stem = name.split(".", 1)[0]
        for table in TABLES:
            stem = stem.removesuffix(f"-{table}")
        if path.is_file() and not name.startswith(".") and stem not in stems and path.suffix in {".html", ".pdf", ".json", ".csv"}:
            path.unlink()


def _check_outside(paths: Sequence[str | Path], out_dir: Path, store_path: Path | None) -> None:
    """The output folder may not sit inside a corpus folder (the next run would read its reports as
    articles), and the store may not be one of the corpus files."""
    out = out_dir.resolve()
    for path in paths:
        root = Path(path).resolve()
        if root.is_dir() and (out == root or out.is_relative_to(root)):
            raise UsageError("is inside the corpus; choose an --out folder outside it", path=str(out_dir))
        if store_path is not None and root.is_file() and store_path.resolve() == root:
            raise UsageError("is one of the corpus files; choose another --store", path=str(store_path))
