"""Run the analysis on every event of the NeuS/AllSides data and print findings beside the editors' summary.

    python benchmarks/allsides.py [PATH/events.jsonl] [--show 5] [--limit N]

The data is research-only and never copied into the repository: it is read from ../shared/data
when present, and the script exits 0 with a message when it is not.
"""

from __future__ import annotations

import argparse
import json
import time
import traceback
from collections import defaultdict
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "neus_allsides" / "events.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=5, help="events whose findings to print")
    parser.add_argument("--limit", type=int, default=0, help="analyse only the first N events (0: all)")
    args = parser.parse_args()
    if not args.path.is_file():
        print(f"no AllSides data at {args.path}; nothing to check")
        return 0

    from framing.api import Pipeline
    from framing.models import Story

    pipeline = Pipeline()  # lexicons parsed and matcher compiled once for every event

    events: dict[str, list[dict]] = defaultdict(list)
    for line in args.path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        events[record["event_id"]].append(record)
    ids = sorted(events)[: args.limit or None]
    failures, timings, shown = [], [], 0
    for event_id in ids:
        records = events[event_id]
        story = [{
            "outlet": r["outlet"], "title": r["title"], "published": r["date"], "url": r["url"], "text": r["text"],
            "lean": r["labels"]["allsides_side"],
        } for r in records]
        start = time.perf_counter()
        try:
            doc = pipeline.document(Story.from_records(story, title=records[0]["labels"]["event_title"]))
        except Exception as exc:  # noqa: BLE001 - the point is to count every failure
            failures.append((event_id, f"{type(exc).__name__}: {exc}", traceback.format_exc(limit=3)))
            continue
        timings.append(time.perf_counter() - start)
        for article in doc["articles"]:
            for key in ("matches", "labels", "quotes"):
                for item in article[key]:
                    assert article["text"][item["start"]:item["end"]], (event_id, key, item)
        if shown < args.show:
            shown += 1
            labels = records[0]["labels"]
            print(f"\n=== {event_id}: {labels['event_title']} ({labels['event_topic']})")
            print("AllSides:", " ".join(labels["allsides_roundup"])[:700])
            for a in doc["articles"]:
                print(f"  [{a['outlet']['lean']}] {a['outlet']['name']}: {a['title']}")
            for f in doc["findings"][:6]:
                print("  -", f["text"][:220])
    timings.sort()
    print(f"\n{len(ids)} events, {sum(len(events[i]) for i in ids)} articles: {len(ids) - len(failures)} analysed, {len(failures)} failed")
    if timings:
        print(f"analysis time per event: median {timings[len(timings) // 2]:.3f} s, max {timings[-1]:.3f} s")
    for event_id, message, trace in failures[:10]:
        print(f"FAILED {event_id}: {message}\n{trace}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
