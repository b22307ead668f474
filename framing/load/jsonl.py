"""JSON Lines files → a Story: one record a line, each checked by :mod:`framing.load.records`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.load.decode import decode, read_capped
from framing.load.options import Collected, LoadOptions, reason
from framing.load.records import add_records
from framing.load.title import story_title
from framing.models import Skipped, Story
from framing.words import slugify


def load_jsonl(path: Path, options: LoadOptions) -> Story:
    """Every line of the file that holds an article; bad lines skipped with their line number."""
    data = read_capped(path, options.max_bytes * 1000)
    decoded = decode(data, path, options.encoding)
    collected = Collected(warnings=[decoded.warning] if decoded.warning else [])
    add_records(_records(decoded.text, path, collected, options), str(path), collected, options, unit="line")
    title, title_from = story_title(None, collected.articles, path.stem)
    return Story(
        title=title,
        title_from=title_from,
        slug=slugify(title),
        root=str(path),
        articles=tuple(collected.articles),
        skipped=tuple(collected.skipped),
        warnings=tuple(collected.warnings),
    )


def _records(text: str, path: Path, collected: Collected, options: LoadOptions) -> Iterator[tuple[int, Any]]:
    # Records end at "\n" only: U+2028, U+2029 and U+0085 are ordinary characters inside a JSON string,
    # and str.splitlines would cut a record at them.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("a line must be a JSON object")
        except (ValueError, RecursionError) as exc:
            why = "nests too deeply to read; flatten its metadata" if isinstance(exc, RecursionError) else (
                f"is not a JSON object ({exc}); fix or remove the line"
            )
            error = InputError(why, path=str(path), line=number)
            if options.strict:
                raise error from exc
            collected.skipped.append(Skipped(f"{path}:{number}", reason(error)))
            continue
        yield number, record
