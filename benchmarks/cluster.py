"""Event clustering on the AllSides dev data: adjusted Rand index of framing's clusterer and of a tuned
TF-IDF / average-linkage baseline, on the events used for tuning and on held-out events.

    python benchmarks/cluster.py [PATH/events.jsonl] [--grid]

The events are split deterministically in two halves by a hash of their id: settings are chosen on
the "tune" half only (--grid searches them for framing's clusterer; the baseline's threshold is always
tuned there), and both halves are reported. Articles are shuffled and their event ids hidden. The data
is research-only and never copied into the repository; the script exits 0 when it is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import sys
import time
from pathlib import Path

CANDIDATES = [
    Path(__file__).resolve().parents[2] / "shared" / "data" / "neus_allsides" / "events.jsonl",
    Path("/work/shared/data/neus_allsides/events.jsonl"),
]


def default_path() -> Path:
    return next((p for p in CANDIDATES if p.is_file()), CANDIDATES[0])


def half(event_id: str) -> str:
    """"tune" or "held-out", fixed by the event id's hash."""
    return "tune" if hashlib.sha256(event_id.encode()).digest()[0] % 2 == 0 else "held-out"


def corpus_records(path: Path, part: str | None = None, seed: int = 0) -> tuple[list[dict], list[str]]:
    """The dev data as framing corpus records (event hidden), shuffled; and each record's true event id."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if part is None or half(r["event_id"]) == part]
    random.Random(seed).shuffle(rows)
    records = [
        {
            "outlet": r["outlet"], "title": r.get("title"), "published": r.get("date"), "url": r.get("url"),
            "language": "en", "text": r["text"], "lean": (r.get("labels") or {}).get("allsides_side"),
        }
        for r in rows
    ]
    return records, [r["event_id"] for r in rows]


def framing_labels(records: list[dict], **settings: float) -> list[int]:
    from framing.corpus.events import EventClusterer

    clusterer = EventClusterer(**settings).fit(
        [r["text"] for r in records], [r["title"] for r in records], [r["published"] for r in records],
        [r["outlet"] for r in records],
    )
    return clusterer.labels_


def baseline_labels(records: list[dict], threshold: float) -> list[int]:
    """TF-IDF of headline and body, cosine distance, average linkage cut at ``threshold`` (dense: small data only)."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [f"{r['title'] or ''}\n{r['text']}" for r in records]
    )
    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold)
    return list(model.fit_predict(vectors.toarray()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=default_path())
    parser.add_argument("--grid", action="store_true", help="search framing's settings on the tune half")
    args = parser.parse_args()
    if not args.path.is_file():
        print(f"no AllSides data at {args.path}; nothing to measure")
        return 0
    from sklearn.metrics import adjusted_rand_score as ari

    tune, tune_truth = corpus_records(args.path, "tune")
    held, held_truth = corpus_records(args.path, "held-out")
    everything, all_truth = corpus_records(args.path)

    cut = max((ari(tune_truth, baseline_labels(tune, t)), t) for t in [x / 40 for x in range(20, 40)])[1]
    settings: dict[str, float] = {}
    if args.grid:
        grid = {"threshold": [0.03, 0.05, 0.08, 0.12], "title_weight": [0.6, 1.0],
                "names_weight": [0.3, 0.6], "window_days": [3, 7], "day_decay": [0.3, 0.5, 1.0]}
        best = max(
            (ari(tune_truth, framing_labels(tune, **dict(zip(grid, values)))), values)
            for values in itertools.product(*grid.values())
        )
        settings = dict(zip(grid, best[1]))
        print(f"best on the tune half: {settings} (ARI {best[0]:.3f})")

    print(f"{'part':<10} {'articles':>8} {'events':>6} {'framing':>8} {'baseline':>8}  (baseline cut {cut:.2f})")
    for name, records, truth in (("tune", tune, tune_truth), ("held-out", held, held_truth), ("all", everything, all_truth)):
        ours = framing_labels(records, **settings)
        base = baseline_labels(records, cut)
        print(f"{name:<10} {len(records):>8} {len(set(truth)):>6} {ari(truth, ours):>8.3f} {ari(truth, base):>8.3f}")

    started = time.perf_counter()
    framing_labels(everything, **settings)
    ours_s = time.perf_counter() - started
    started = time.perf_counter()
    baseline_labels(everything, cut)
    base_s = time.perf_counter() - started
    print(f"time for all {len(everything)} articles: framing {ours_s:.2f} s, baseline {base_s:.2f} s "
          f"(ratio {ours_s / base_s:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
