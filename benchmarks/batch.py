"""Batch throughput on the AllSides dev data: events per second with one worker and with all cores, and the
cost of a re-run after adding one event, as ratios measured in the same run.

    python benchmarks/batch.py [PATH/events.jsonl] [--events N] [--workers N] [--format html]

The first N events (by id) minus one are written as a corpus (event ids hidden, see cluster.py), run
with one worker, then with --workers (default: all cores) into a fresh folder; then the held-back
event is added and the one-worker folder is run again: only the new event should be analysed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster import corpus_records, default_path  # noqa: E402


def timed(corpus: Path, out: Path, workers: int, formats: tuple[str, ...]):
    from framing.corpus import batch_corpus

    started = time.perf_counter()
    result = batch_corpus([corpus], out, formats=formats, workers=workers)
    return time.perf_counter() - started, result


def main() -> int:
    from framing.corpus.runner import default_workers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=default_path())
    parser.add_argument("--events", type=int, default=60, help="events to use (0: all)")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--format", default="html")
    args = parser.parse_args()
    if not args.path.is_file():
        print(f"no AllSides data at {args.path}; nothing to measure")
        return 0
    records, truth = corpus_records(args.path)
    chosen = sorted(set(truth))[: args.events or None]
    held_back = chosen[-1]
    first = [r for r, t in zip(records, truth) if t in chosen[:-1]]
    added = [r for r, t in zip(records, truth) if t == held_back]
    formats = (args.format,)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus" / "news.jsonl"
        corpus.parent.mkdir()
        corpus.write_text("".join(json.dumps(r) + "\n" for r in first), encoding="utf-8")
        one_s, one = timed(corpus, root / "one", 1, formats)
        many_s, many = timed(corpus, root / "many", args.workers, formats)
        with corpus.open("a", encoding="utf-8") as handle:
            handle.write("".join(json.dumps(r) + "\n" for r in added))
        again_s, again = timed(corpus, root / "one", 1, formats)

    print(f"{len(first)} articles, {one.events} events found, {one.analysed} analysed ({args.format})")
    print(f"one worker:      {one_s:7.1f} s  {one.analysed / one_s:6.2f} events/s")
    print(f"{args.workers} workers:       {many_s:7.1f} s  {many.analysed / many_s:6.2f} events/s  "
          f"speed-up {one_s / many_s:.2f}x")
    print(f"re-run, +1 event: {again_s:6.1f} s  analysed {again.analysed}, reused {again.reused}  "
          f"cost {again_s / one_s:.2f}x the first run (goal <= 0.35)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
