"""Turn an annotator's working notes into gold files of offsets: the notes quote the text, the gold never does.

    python benchmarks/gold/anchor.py NOTES... [--data PATH/events.jsonl]

Notes are plain text kept outside the repository (they hold words of the articles). The format is
described in benchmarks/gold/README.md. Each ``@ event_id`` block becomes benchmarks/gold/events/<id>.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The data sits beside the checkout (../shared/data) or beside the folder of worktrees.
CANDIDATES = [root / "shared" / "data" / "neus_allsides" / "events.jsonl" for root in HERE.parents[2:4]]
DEFAULT = next((p for p in CANDIDATES if p.is_file()), CANDIDATES[0])
STANCES = {"+": "legitimising", "0": "neutral", "-": "delegitimising"}
ELIDE = "<>"
PARAGRAPH = "¶"  # after ELIDE: to the end of the paragraph


def sha(text: str) -> str:
    """The first 10 hex digits of the SHA-1 of ``text`` (UTF-8): enough to notice a changed record."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def find(text: str, pattern: str, near: int | None = None) -> tuple[int, int]:
    """Offsets of ``pattern`` in ``text``; ``a<>b`` spans from a to the next b, ``a<>¶`` to the end of the paragraph; ``~n`` picks the nth hit.

    Without ``~n`` the pattern must occur once, unless ``near`` is given: then the closest hit wins.
    Raises ValueError when the pattern is absent or ambiguous.
    """
    nth = None
    match = re.fullmatch(r"(.*)~(\d+)", pattern, flags=re.S)
    if match:
        pattern, nth = match.group(1), int(match.group(2))
    head, _, tail = pattern.partition(ELIDE)
    hits = []
    for m in re.finditer(_loose(head), text):
        end = m.end()
        if tail == PARAGRAPH:
            t = text.find("\n", end)
            end = len(text) if t < 0 else t
        elif tail:
            t = re.compile(_loose(tail)).search(text, end)
            if t is None:
                continue
            end = t.end()
        hits.append((m.start(), end))
    if not hits:
        raise ValueError(f"not found: {pattern!r}")
    if nth is not None:
        return hits[nth - 1]
    if near is not None:
        return min(hits, key=lambda h: min(abs(h[0] - near), abs(h[1] - near)))
    if len(hits) > 1:
        raise ValueError(f"ambiguous ({len(hits)} hits): {pattern!r}")
    return hits[0]


def _loose(words: str) -> str:
    """A regex for ``words`` where any run of spaces matches any whitespace (the data has no-break spaces)."""
    return r"\s+".join(re.escape(part) for part in words.split())


def span(text: str, pattern: str, near: int | None = None) -> dict:
    start, end = find(text, pattern.strip(), near)
    return {"start": start, "end": end, "sha1": sha(text[start:end])}


def selection(records: dict[str, list[dict]], size: int = 45) -> list[str]:
    """The gold events: ids sorted by SHA-1 of the id, keeping the first ``size`` with a quotation mark."""
    marks = ('"', "\u201c")
    ordered = sorted(records, key=lambda event_id: hashlib.sha1(event_id.encode("utf-8")).hexdigest())
    return [e for e in ordered if any(m in r["text"] for r in records[e] for m in marks)][:size]


def split(rank: int) -> str:
    """Every third event of the selection (ranks 2, 5, 8 …) is held out; the rest are for tuning."""
    return "held-out" if rank % 3 == 2 else "tune"


def parse(notes: str, records: dict[str, list[dict]]) -> list[dict]:
    """One gold document per ``@`` block of the notes."""
    events, event, article, text, errors = [], None, None, "", []
    ranks = {event_id: rank for rank, event_id in enumerate(selection(records))}
    for number, raw in enumerate(notes.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            tag, _, rest = line.partition(" ")
            fields = [f.strip() for f in rest.split("||")]
            if tag == "@":
                event_id = fields[0].split()[0]
                event = {"event_id": event_id, "rank": ranks[event_id], "split": split(ranks[event_id]), "actors": [], "facts": [], "articles": [
                    {"outlet": r["outlet"], "url": r["url"], "text_sha1": sha(r["text"]),
                     "quotes": [], "labels": [], "facts": []} for r in records[event_id]]}
                events.append(event)
            elif tag == "actors:":
                event["actors"] = [a.strip() for a in rest.split(";") if a.strip()]
            elif tag == "fact":
                key, _, paraphrase = rest.partition(":")
                event["facts"].append({"id": key.strip(), "text": paraphrase.strip()})
            elif tag == "=":
                article = event["articles"][int(fields[0])]
                text = records[event["event_id"]][int(fields[0])]["text"]
            elif tag == "Q":
                quote = span(text, fields[0])
                speaker = fields[1]
                mention = span(text, fields[2], near=quote["start"]) if len(fields) > 2 and fields[2] else None
                article["quotes"].append({**quote, "speaker": speaker, "mention": mention})
            elif tag == "L":
                actor, pattern, stance = fields
                assert actor in event["actors"], f"unknown actor {actor!r}"
                article["labels"].append({**span(text, pattern), "actor": actor, "stance": STANCES[stance]})
            elif tag == "F":
                key = fields[0]
                assert key in {f["id"] for f in event["facts"]}, f"unknown fact {key!r}"
                for pattern in fields[1:]:
                    article["facts"].append({"fact": key, **span(text, pattern)})
            else:
                raise ValueError(f"unknown tag {tag!r}")
        except (ValueError, AssertionError, KeyError, IndexError) as exc:
            errors.append(f"line {number}: {exc}\n  {raw}")
    if errors:
        raise SystemExit("\n".join(errors))
    return events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notes", nargs="+", type=Path)
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--out", type=Path, default=HERE / "events")
    args = parser.parse_args()
    records: dict[str, list[dict]] = {}
    for line in args.data.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        records.setdefault(record["event_id"], []).append(record)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in args.notes:
        for event in parse(path.read_text(encoding="utf-8"), records):
            target = args.out / f"{event['event_id']}.json"
            target.write_text(json.dumps(event, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(target, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
