"""Page furniture out, headline, standfirst and date pulled out: a captured page in, an Article out.

The cleaner knows no outlet. It reads a page the way a person skims one: the body is the longest
stretch of prose; what sits around it (menus, bylines, credits, link lists, widgets, footers) is
recognised line by line in :mod:`framing.clean.furniture`, and here by repetition and position.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from framing.clean.furniture import (
    BULLET_RE,
    ENDS_FULL_STOP_RE,
    ENDS_SENTENCE_RE,
    HARD_BREAKS,
    furniture_reason,
    is_caps,
    is_sentence_like,
    line_kind,
    line_words,
    page_date,
)
from framing.models import Article, Block, RawArticle, Removed
from framing.words import fold

# Controls, zero-width characters, soft hyphens, and the bidi controls that would make the report show
# the text in another order than the analysis read it (U+202A–202E, U+2066–2069, LRM, RLM, ALM).
_DROP_CHARS_RE = re.compile(
    r"[\u200b-\u200f\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u061c]"
)
# Real writing stacks at most three or four combining marks on a letter (Vietnamese two, pointed and
# cantillated Hebrew four); a longer run is "Zalgo" noise, cut back so it cannot swamp what follows.
MAX_MARKS = 4
# Combining marks are neither word characters nor spaces, so a flood is inside such a run.
_MARK_RUN_RE = re.compile(rf"[^\w\s]{{{MAX_MARKS + 1},}}")


# ---------------------------------------------------------------------------------------------
# Units: the lines of the page, with wrapped lines of one paragraph joined.


@dataclass
class _Unit:
    """One line of the page, or several lines of one hard-wrapped paragraph."""

    numbers: list[int]
    raw_lines: list[str]
    text: str
    words: list[str] = field(default_factory=list)
    reason: str | None = None
    kind: str = "other"  # prose | title | other

    @cached_property
    def key(self) -> str:
        """The form two lines are compared in to find repeats: folded case, single spaces."""
        return " ".join(fold(self.text).split())


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", " ").replace("\u2029", " ")
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return _MARK_RUN_RE.sub(_cap_marks, _DROP_CHARS_RE.sub("", text))


def _cap_marks(run: re.Match[str]) -> str:
    """The run with at most MAX_MARKS combining marks in a row."""
    kept, marks = [], 0
    for ch in run.group():
        marks = marks + 1 if unicodedata.category(ch) in ("Mn", "Me") else 0
        if marks <= MAX_MARKS:
            kept.append(ch)
    return "".join(kept)


def _units(lines: list[str]) -> list[_Unit]:
    """Non-blank lines as units; wrapped lines of one paragraph joined when the page uses blank lines."""
    filled = [s for s in lines if s]
    blank_separated = bool(filled) and (len(lines) - len(filled)) >= 0.25 * len(filled)
    wrap_width = _wrap_width(lines) if blank_separated else None
    units: list[_Unit] = []
    prev = ""
    for number, line in enumerate(lines, start=1):
        if not line:
            prev = ""
            continue
        if prev and blank_separated and _continues(prev, line, wrap_width):
            unit = units[-1]
            unit.numbers.append(number)
            unit.raw_lines.append(line)
            unit.text = f"{unit.text} {line}"
        else:
            units.append(_Unit([number], [line], line))
        prev = line
    return units


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped capture breaks at, or None when lines are not hard-wrapped.

    Hard-wrapped prose has short lines of similar length, and a wrapped line often goes on in
    lower case; a page of headline, byline and one-line paragraphs has neither.
    """
    prose = sorted(len(s) for s in lines if len(s.split()) >= 5)
    if len(prose) < 4 or sum(1 for n in prose if n <= 100) < 0.75 * len(prose):
        return None
    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if len(a.split()) >= 5 and len(b.split()) >= 2]
    if len(pairs) < 2 or sum(1 for _, b in pairs if b[0].islower()) < 0.4 * len(pairs):
        return None
    return prose[int(0.9 * (len(prose) - 1))]


def _continues(prev: str, line: str, wrap_width: int | None) -> bool:
    """Whether ``line`` goes on with the paragraph ``prev`` belongs to."""
    if BULLET_RE.match(line):
        return False
    if not ENDS_SENTENCE_RE.search(prev) and line[0].islower():
        return True
    return wrap_width is not None and len(prev) >= 0.6 * wrap_width



# ---------------------------------------------------------------------------------------------
# Page structure: the body run, the headline, the standfirst.


def _body_run(units: list[_Unit]) -> tuple[int, int] | None:
    """First and last unit index of the body, or None for a page without prose.

    Prose lines form runs; a run ends at a line that closes an article (comment widget, copyright,
    agency note…), at a gap of three or more non-prose lines (a link box, a footer list) or at a
    section label. The body is the run with most words, joined with the runs before it up to a
    closing line (a link box can sit under the lead paragraph) and with the runs after it that are
    at least half its size (teasers under a footer label are smaller than the story).
    """
    runs: list[list[int]] = []  # [prose words, start, end, closed off from the run before]
    gap, closed = 0, True
    for i, unit in enumerate(units):
        if unit.reason in HARD_BREAKS:
            gap, closed = 0, True
        elif unit.reason is None and unit.kind == "prose":
            if runs and not closed and gap < 3:
                runs[-1][0] += len(unit.words)
                runs[-1][2] = i
            else:
                runs.append([len(unit.words), i, i, closed])
            gap, closed = 0, False
        elif unit.reason is None:
            gap += 1
        elif unit.reason == "menu":
            gap += 3  # a section label ("More stories", "Latest news") opens a list, not a paragraph
    if not runs:
        return None
    main = max(range(len(runs)), key=lambda r: (runs[r][0], -r))
    first = main
    while first > 0 and not runs[first][3]:
        first -= 1
    last, words = main, sum(r[0] for r in runs[first : main + 1])
    while last + 1 < len(runs) and not runs[last + 1][3] and runs[last + 1][0] >= 0.5 * words:
        last += 1
        words += runs[last][0]
    return runs[first][1], runs[last][2]


def _headline(units: list[_Unit], body_start: int) -> int | None:
    """The index of the page's headline: a title-like line before the body, preferring a repeated one."""
    candidates = [
        i
        for i in range(body_start)
        if units[i].reason is None
        and units[i].kind == "title"
        and 3 <= len(units[i].words) <= 20
        and (len(units[i].words) >= 5 or not is_caps(units[i].text))
    ]
    last = {u.key: i for i, u in enumerate(units)}  # where each line's text last appears
    repeated = [i for i in candidates if last[units[i].key] > i]
    if repeated:
        return repeated[0]
    return candidates[-1] if candidates else None


def _standfirst(units: list[_Unit], headline: int, body_end: int, headline_key: str) -> int | None:
    """The index of the summary line after the headline, when the page clearly sets one apart."""
    i = headline + 1
    while i <= body_end and (units[i].reason is not None or units[i].key == headline_key):
        i += 1
    if i >= body_end or not is_sentence_like(units[i].words):
        return None
    candidate = units[i]
    if not ENDS_FULL_STOP_RE.search(candidate.text):
        return i
    later = range(i + 1, body_end + 1)
    if any(candidate.key in units[j].key for j in later):
        return i
    for j in later:
        if units[j].reason is None and units[j].kind == "prose":
            break
        if units[j].reason == "byline" or units[j].key == headline_key:
            return i
    return None


def _outside_reason(unit: _Unit, counts: Counter[str]) -> str:
    if counts[unit.key] > 1:
        return "repeated"
    if unit.kind == "title":
        return "menu" if len(unit.words) <= 4 or is_caps(unit.text) else "link-list"
    return "outside-body"



# ---------------------------------------------------------------------------------------------
# The step.


def clean(raw: RawArticle) -> Article:
    """The article's body with page furniture removed, and its headline, standfirst and date.

    Never raises on odd text: a page without prose gives an Article with empty ``text``.
    Every dropped line is listed in ``removed`` with its 1-based line number and the rule.
    """
    lines = [line.strip() for line in _normalise(raw.text).split("\n")]
    units = _units(lines)
    for unit in units:
        unit.words = line_words(unit.text)
        unit.reason = furniture_reason(unit.text, unit.words)
        if unit.reason is None:
            unit.kind = line_kind(unit.text, unit.words)
    head, stand, reasons = _read_page(units, raw.title)
    text, blocks = _assemble(units, reasons)
    removed = tuple(
        Removed(line=number, text=line, reason=reason)
        for unit, reason in zip(units, reasons)
        if reason is not None
        for number, line in zip(unit.numbers, unit.raw_lines)
    )
    published, note = raw.published, raw.published_note
    if not published:
        stated = next((d for u, r in zip(units, reasons) if r == "byline" and (d := page_date(u.text))), None)
        if stated:
            published, note = stated, "stated in the page"
    if raw.title:
        title, title_from = raw.title, "manifest"
    elif head is not None:
        title, title_from = units[head].text, "page"
    else:
        title, title_from = None, "none"
    return Article(
        id=raw.id,
        outlet=raw.outlet,
        source=raw.source,
        text=text,
        blocks=blocks,
        removed=removed,
        title=title,
        title_from=title_from,
        standfirst=units[stand].text if stand is not None else None,
        published=published,
        published_note=note,
        url=raw.url,
        language=raw.language,
        metadata=dict(raw.metadata),
    )


def _read_page(
    units: list[_Unit], manifest_title: str | None
) -> tuple[int | None, int | None, list[str | None]]:
    """Headline index, standfirst index, and for every unit the rule that removes it (None: body)."""
    run = _body_run(units)
    first, last = run if run else (len(units), -1)
    head = _headline(units, first) if run else None
    headline_keys = {units[head].key} if head is not None else set()
    if manifest_title:
        headline_keys.add(" ".join(fold(manifest_title).split()))
    stand = _standfirst(units, head, last, units[head].key) if head is not None else None

    counts = Counter(unit.key for unit in units)
    reasons: list[str | None] = []
    seen: set[str] = set()
    for i, unit in enumerate(units):
        if unit.reason is not None:
            reason = unit.reason
        elif unit.key in headline_keys:
            reason = "headline"
        elif stand is not None and unit.key == units[stand].key:
            reason = "standfirst"
        elif not first <= i <= last:
            reason = _outside_reason(unit, counts)
        elif unit.key in seen:
            reason = "repeated"
        else:
            reason = None
        seen.add(unit.key)
        reasons.append(reason)
    _drop_link_lists(units, reasons)
    _drop_edge_titles(units, reasons)
    return head, stand, reasons


def _drop_link_lists(units: list[_Unit], reasons: list[str | None]) -> None:
    """Three or more title lines in a row inside the body are a link box, not sub-headings."""
    streak: list[int] = []
    for i in [*(i for i, r in enumerate(reasons) if r is None), None]:
        if i is not None and units[i].kind == "title":
            streak.append(i)
            continue
        if len(streak) >= 3:
            for j in streak:
                reasons[j] = "link-list"
        streak = []


def _drop_edge_titles(units: list[_Unit], reasons: list[str | None]) -> None:
    """Sub-headings sit between paragraphs: a title line before the first or after the last is furniture."""
    kept = [i for i, r in enumerate(reasons) if r is None]
    for order in (kept, kept[::-1]):
        for i in order:
            if units[i].kind != "title":
                break
            reasons[i] = "menu" if len(units[i].words) <= 4 or is_caps(units[i].text) else "link-list"


def _assemble(units: list[_Unit], reasons: list[str | None]) -> tuple[str, tuple[Block, ...]]:
    pieces: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for unit, reason in zip(units, reasons):
        if reason is not None:
            continue
        if pieces:
            pos += 2
        kind = "heading" if unit.kind == "title" else "paragraph"
        blocks.append(Block(kind, pos, pos + len(unit.text)))
        pieces.append(unit.text)
        pos += len(unit.text)
    return "\n\n".join(pieces), tuple(blocks)
