"""Speakers and labels that are fragments of a sentence, over every event of the AllSides data.

    python benchmarks/fragments.py [PATH/events.jsonl] [--show 20]

The gold set annotates 45 events; this looks at all 469, with no annotation: a speaker as written
("who aides", "The White House on Thursday formally", "It’s hard to") or a label is a fragment when
it has the shape of a piece of a clause rather than a name or a description. The shapes are written
from English grammar, not from the texts: a clause word opening it, a day or month ending it, a verb,
auxiliary or function word ending it, a quotation mark in it, or nothing but function words. Prints the share of direct quotes and paraphrases, and of labels, that are fragments, with
examples. The data is research-only and read from ../shared/data; without it the script exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "neus_allsides" / "events.jsonl"

_WHEN = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|June|July|August|September|October|November|December|yesterday|today"
SHAPES = {
    "opens with a clause word": re.compile(
        r"^(?:and|but|or|though|although|when|while|as|after|before|because|since|which|who|whom|what|with|if|"
        r"until|than|hours|days|it[’']s|that[’']s|there[’']s)\b", re.IGNORECASE),
    "ends with a day or month": re.compile(rf"\b(?:{_WHEN})$"),
    "opens with a participle clause": re.compile(r"^[A-Za-z]+ing\s+(?:to|at|on|in|with|about|from|for|a|an|the)\b"),
    "ends with a verb or function word": re.compile(
        r"\b(?:to|of|for|the|a|an|and|or|had|has|have|was|were|is|are|will|would|said|says|told|earlier|later|"
        r"formally|officially|also|first|then|he|she|it|they)$", re.IGNORECASE),
    "holds a quotation mark": re.compile(r"[“”\"]"),
    "ends with the title of a name after it": re.compile(
        r"\b(?!(?:former|acting|late|then|ex)\s)[a-z]+\s(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?$"),
}


# Words that name nobody on their own; a pronoun alone ("he") is a speaker as written, resolved elsewhere.
FUNCTION_WORDS = frozenset("the a an this that these those it its but and or so then what which who former late "
                           "also".split())
# A label on its own ("Mr.": the outlet's house style of address is how it names him), not a speaker.
TITLES = frozenset("mr mrs ms miss messrs sen rep gov dr".split())


def shape(text: str, titles_named: bool = False) -> str | None:
    """Why ``text`` is a fragment, or None when it is not one. A title alone ("Sen.") is one for a
    speaker (it names nobody) but not for a label (``titles_named``: it is what the outlet calls him)."""
    text = text.strip()
    if text.isupper() and len(text) > 1:  # "WHO", "FBI": an acronym names a body
        return None
    words = re.findall(r"[\w’'-]+", text.lower())
    if not words or words in (["he"], ["she"], ["they"]):
        return None
    if all(w in FUNCTION_WORDS | (set() if titles_named else TITLES) for w in words):
        return "only function words" + ("" if titles_named else " or titles")
    for name, pattern in SHAPES.items():
        if pattern.search(text):
            return name
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=20, help="examples to print of each")
    args = parser.parse_args()
    if not args.path.is_file():
        print(f"no AllSides data at {args.path}; nothing to check")
        return 0

    from framing.api import Pipeline
    from framing.models import Story

    pipeline = Pipeline()
    events: dict[str, list[dict]] = defaultdict(list)
    for line in args.path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        events[record["event_id"]].append(record)
    speakers, labels = [], []  # (event, text, why or None)
    for event_id in sorted(events):
        story = [{"outlet": r["outlet"], "title": r["title"], "url": r["url"], "text": r["text"]} for r in events[event_id]]
        doc = pipeline.document(Story.from_records(story))
        for article in doc["articles"]:
            for quote in article["quotes"]:
                if quote["speaker_text"]:
                    speakers.append((event_id, quote["speaker_text"], shape(quote["speaker_text"])))
        for row in doc["label_table"]:
            for chips in row["cells"].values():
                labels.extend((event_id, chip["text"], shape(chip["text"], titles_named=True)) for chip in chips)
    for title, found in (("speakers as written (quotes and paraphrases)", speakers), ("labels", labels)):
        bad = [f for f in found if f[2]]
        print(f"{title}: {len(bad)} of {len(found)} are fragments ({100 * len(bad) / max(1, len(found)):.1f}%)")
        for event_id, text, why in bad[: args.show]:
            print(f"  {event_id}  {text!r}  ({why})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
