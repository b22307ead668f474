"""Records (dicts of outlet, title, text…) → articles: the one check every record goes through.

JSON Lines files (:mod:`framing.load.jsonl`) parse their lines into records and come here; a Python
caller with records in memory calls :func:`story_from_records`. A record names its article with
``outlet``, ``title``, ``published``, ``url``, ``language``, ``text`` and optionally ``id``, ``lean``
and ``event``; any other key is kept as metadata.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.load.names import lookalike_warnings, outlet_name, shown_text
from framing.load.options import Collected, LoadOptions, reason
from framing.load.title import story_title
from framing.models import Outlet, RawArticle, Skipped, Source, Story
from framing.words import slugify

_FIELDS = ("id", "outlet", "title", "published", "url", "language", "lean", "event")
# Deeper than this is no longer metadata anyone wrote by hand, and would only strain what reads it later.
MAX_DEPTH = 32


def story_from_records(
    records: Iterable[dict[str, Any]],
    *,
    title: str | None = None,
    slug: str | None = None,
    root: str = "<records>",
    lexicons: Sequence[str | Path] = (),
) -> Story:
    """A Story from in-memory records, checked exactly as JSON Lines records are.

    Bad records are skipped with a reason (``Story.skipped``, path ``<root>:<n>``, counted from 1).
    Raises InputError when no record gives an article.
    """
    collected = Collected()
    add_records(enumerate(records, 1), root, collected, LoadOptions(), unit="record")
    if not collected.articles:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in collected.skipped[:3])
        raise InputError(f"no usable article ({reasons or 'no records'})", path=root)
    name, title_from = (title, "given") if title else story_title(None, collected.articles, root)
    return Story(
        title=name,
        title_from=title_from,
        slug=slugify(slug or name),
        root=root,
        articles=tuple(collected.articles),
        skipped=tuple(collected.skipped),
        lexicon_paths=tuple(str(p) for p in lexicons),
        warnings=tuple(collected.warnings),
    )


def add_records(
    numbered: Iterable[tuple[int, Any]], root: str, collected: Collected, options: LoadOptions, *, unit: str
) -> None:
    """Check each numbered record and add its article, or skip it with the reason (raise with ``strict``)."""
    used_ids: set[str] = set()
    for number, record in numbered:
        try:
            article = article_from_record(record, root, number, used_ids, options.max_bytes, collected.warnings, unit)
        except InputError as exc:
            if options.strict:
                raise
            collected.skipped.append(Skipped(f"{root}:{number}", reason(exc)))
            continue
        used_ids.add(article.id)
        collected.articles.append(article)
    collected.warnings.extend(lookalike_warnings((a.outlet.name for a in collected.articles), root))


def article_from_record(
    record: Any, root: str, number: int, used_ids: set[str], max_bytes: int, warnings: list[str], unit: str = "line"
) -> RawArticle:
    """The article a record describes. Raises InputError (naming ``root`` and ``number``) for a bad record."""
    def bad(message: str) -> InputError:
        return InputError(message, path=root, line=number)

    if not isinstance(record, dict):
        raise bad(f"is not a JSON object; give each {unit} as {{\"outlet\": …, \"text\": …}}")
    depth = nesting_depth(record)
    if depth > MAX_DEPTH:
        raise bad(f"nests {depth if depth <= 10 * MAX_DEPTH else 'over ' + str(10 * MAX_DEPTH)} levels deep, "
                  f"over the limit of {MAX_DEPTH}; flatten its metadata")
    not_finite: list[str] = []
    record = {key: _checked(key, value, not_finite, bad) for key, value in record.items()}
    if not_finite:
        warnings.append(f"{root}:{number}: {', '.join(sorted(set(not_finite)))} held NaN or Infinity, "
                        "which JSON cannot carry; read as null")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise bad(f"has no text; give each {unit} a non-empty \"text\"")
    encoded = body.encode("utf-8")
    if len(encoded) > max_bytes:
        raise bad(f"text is over the limit of {max_bytes:,} bytes; raise it with --max-bytes")
    fields = {k: record.get(k) for k in _FIELDS}
    for key, value in fields.items():
        if value is not None and not isinstance(value, str):
            fields[key] = str(value)
    name = outlet_name(fields["outlet"] or "")
    metadata = {k: v for k, v in record.items() if k not in _FIELDS and k != "text"}
    if fields["event"] is not None:
        metadata["event"] = fields["event"]
    url = fields["url"] if fields["url"] and fields["url"].startswith(("http://", "https://")) else None
    return RawArticle(
        id=unique_id(fields["id"] or name or f"{unit} {number}", used_ids),
        outlet=Outlet(name or f"{unit} {number}", "named" if name else "unknown", note="given in the input",
                      lean=fields["lean"]),
        source=Source(f"{root}:{number}", hashlib.sha256(encoded).hexdigest(), len(encoded), "jsonl"),
        text=body,
        title=shown_text(fields["title"]) if fields["title"] else None,
        published=fields["published"],
        url=url,
        language=fields["language"] or "en",
        metadata=metadata,
    )


def unique_id(wanted: str, used: set[str]) -> str:
    """A slug of ``wanted`` that is not in ``used``: ``-2``, ``-3``… added as needed."""
    base = slugify(wanted, max_length=40)
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def nesting_depth(value: Any) -> int:
    """How many dicts and lists deep ``value`` goes, counted without recursion (stops soon past the limit)."""
    deepest, stack = 0, [(value, 0)]
    while stack and deepest <= 10 * MAX_DEPTH:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Iterable[Any] = item.values()
        elif isinstance(item, (list, tuple)):
            children = item
        else:
            continue
        deepest = max(deepest, depth + 1)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def _checked(key: Any, value: Any, not_finite: list[str], bad: Any) -> Any:
    """``value`` with NaN and Infinity as None; a lone surrogate anywhere (no file can hold one) is an error."""
    for text in (key, value):
        if isinstance(text, str) and not _encodable(text):
            char = next(ch for ch in text if "\ud800" <= ch <= "\udfff")
            raise bad(f"{key!r} holds a lone surrogate ({ascii(char)[1:-1]}), which is not text; "
                      "fix the \\u escape in the input")
    if isinstance(value, float) and not math.isfinite(value):
        not_finite.append(str(key))
        return None
    if isinstance(value, dict):
        return {k: _checked(k, v, not_finite, bad) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_checked(key, v, not_finite, bad) for v in value]
    return value


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
