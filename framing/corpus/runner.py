"""Analyse many events: in this process, in a pool of processes, or on a Dask cluster.

Each event is a job (its Story) sent with the pipeline; the worker analyses it and renders its files,
so the parent only writes bytes. Jobs are submitted a few at a time and results handed back as they
finish, so memory holds a bounded number of documents whatever the corpus size. Results do not depend
on where a job ran: each event's analysis uses nothing but its own articles and the pipeline.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from framing.errors import UsageError
from framing.models import Story

Job = tuple[str, Story]


@dataclass(frozen=True)
class Outcome:
    """One event's result: its document as JSON text and rendered files (name suffix → bytes), or an error."""

    event: str
    document: str | None
    strongest: str | None
    files: tuple[tuple[str, bytes], ...] = ()
    error: str | None = None


def analyse_event(pipeline: Any, event: str, story: Story, formats: Sequence[str]) -> Outcome:
    """Analyse one event's story and render it in ``formats``; a failure becomes the Outcome's error."""
    from framing.errors import FramingError
    from framing.export import dumps

    try:
        document = pipeline.document(story)
        files = render_files(document, formats)
    except FramingError as exc:
        return Outcome(event, None, None, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one broken event must not stop the batch
        return Outcome(event, None, None, error=f"internal error: {type(exc).__name__}: {exc}")
    findings = document.get("findings") or []
    return Outcome(event, dumps(document), findings[0]["text"] if findings else None, files)


def render_files(document: dict[str, Any], formats: Sequence[str]) -> tuple[tuple[str, bytes], ...]:
    """The event's files: ``.html``, ``.pdf``, ``.json`` and the ``-NAME.csv`` tables, as asked."""
    from framing.report.csvout import tables
    from framing.export import dumps

    files: list[tuple[str, bytes]] = []
    if "html" in formats:
        from framing.report.render import render_html

        files.append((".html", render_html(document).encode("utf-8")))
    if "pdf" in formats:
        from framing.report.render import render_pdf

        files.append((".pdf", render_pdf(document)))
    if "json" in formats:
        files.append((".json", dumps(document).encode("utf-8")))
    if "csv" in formats:
        files += [(f"-{name}.csv", data) for name, data in tables(document).items()]
    return tuple(files)


def execute(
    pipeline: Any, jobs: Iterable[Job], formats: Sequence[str], *, workers: int = 1, scheduler: str | None = None
) -> Iterator[Outcome]:
    """Run every job; yield Outcomes as they finish (in completion order)."""
    if scheduler:
        yield from _on_dask(pipeline, jobs, formats, workers, scheduler)
    elif workers <= 1:
        for event, story in jobs:
            yield analyse_event(pipeline, event, story, formats)
    else:
        yield from _in_processes(pipeline, jobs, formats, workers)


def default_workers() -> int:
    """The machine's cores, as this process may use them."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# -- processes ----------------------------------------------------------------------------------

_WORKER_PIPELINE: Any = None


def _start_worker(pipeline: Any) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline


def _in_worker(event: str, story: Story, formats: Sequence[str]) -> Outcome:
    return analyse_event(_WORKER_PIPELINE, event, story, formats)


def _in_processes(pipeline: Any, jobs: Iterable[Job], formats: Sequence[str], workers: int) -> Iterator[Outcome]:
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, as_completed, wait

    # The pipeline is pickled once per worker (initializer), not once per event.
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(pipeline,)) as pool:
        pending: set[Any] = set()
        for event, story in jobs:
            pending.add(pool.submit(_in_worker, event, story, tuple(formats)))
            if len(pending) >= 2 * workers:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in finished)
        for future in as_completed(pending):
            yield future.result()


# -- Dask ---------------------------------------------------------------------------------------


def check_scheduler(scheduler: str) -> None:
    """Raise UsageError, before any work is done, when Dask is missing or the address cannot be one."""
    try:
        from distributed.comm import parse_address
        from distributed.comm.registry import backends
    except ImportError:
        raise UsageError("--scheduler needs Dask: pip install 'framing[dask]'") from None
    if scheduler == "local":
        return
    try:
        scheme, _ = parse_address(scheduler)
    except ValueError as exc:
        raise UsageError(f"{scheduler!r} is not a Dask scheduler address ({exc}); give tcp://HOST:PORT or local") from None
    if scheme not in backends:
        raise UsageError(f"{scheduler!r} is not a Dask scheduler address (unknown scheme {scheme!r}); give tcp://HOST:PORT or local")


def _on_dask(pipeline: Any, jobs: Iterable[Job], formats: Sequence[str], workers: int, scheduler: str) -> Iterator[Outcome]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise UsageError("--scheduler needs Dask: pip install 'framing[dask]'") from None
    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        address: Any = cluster
    else:
        address = scheduler
    try:
        client = Client(address, set_as_default=False)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler!r} ({exc}); check the address") from exc
    try:
        shared = client.scatter(pipeline, broadcast=True)
        limit = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        running = as_completed(loop=client.loop)  # this client's loop: it is not the default client
        in_flight = 0
        for event, story in jobs:
            running.add(client.submit(analyse_event, shared, event, story, tuple(formats), pure=False))
            in_flight += 1
            if in_flight >= limit:
                yield next(running).result()
                in_flight -= 1
        for future in running:
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
