"""Corpus mode: many articles → events (clustering) → one analysis per event, an index, outlet profiles, a store.

    from framing.corpus import cluster_corpus, batch_corpus
    events = cluster_corpus(["articles/"]).events
    batch_corpus(["articles/"], Path("out"), formats=("html",))

Modules: sources (reading a corpus), events (clustering), store (SQLite), runner (processes / Dask),
profiles (outlet profiles), pages (index and profile pages), tables (CSV), progress, batch (the whole run).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.corpus.batch import BatchResult, ClusterResult, cluster_corpus, run_batch
from framing.corpus.progress import Progress
from framing.load import LoadOptions

__all__ = ["BatchResult", "ClusterResult", "Progress", "batch_corpus", "cluster_corpus", "run_batch", "write_events"]


@dataclass(frozen=True)
class WrittenEvents:
    json: str
    warnings: tuple[str, ...] = ()


def write_events(result: ClusterResult, out: Path | None = None, *, indent: int | None = None) -> WrittenEvents:
    """The events as JSON text ({"events": [...]}); written atomically to ``out`` when given."""
    from framing.export import dumps
    from framing.report.output import write_atomic

    text = dumps(result.to_json(), indent)
    if out is not None:
        inputs = [result.corpus.base / a.shown.rsplit(":", 1)[0] for a in result.corpus.articles]
        write_atomic(out, text.encode("utf-8"), inputs=inputs)
    return WrittenEvents(text)


def batch_corpus(
    paths: Sequence[str | Path],
    out_dir: Path,
    *,
    formats: Sequence[str] = ("html",),
    workers: int | None = None,
    scheduler: str | None = None,
    store_path: Path | None = None,
    lexicons: Sequence[Path] = (),
    load_options: LoadOptions = LoadOptions(),
    progress: Progress | None = None,
) -> BatchResult:
    """Build the pipeline for ``lexicons`` and run :func:`run_batch`; ``workers`` defaults to the machine's cores."""
    from framing.api import Pipeline
    from framing.corpus.runner import default_workers

    pipeline: Any = Pipeline(lexicons=lexicons, load_options=load_options)
    return run_batch(
        paths, out_dir, formats=formats, workers=workers or default_workers(), scheduler=scheduler,
        store_path=store_path, pipeline=pipeline, load_options=load_options, progress=progress,
    )
