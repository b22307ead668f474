"""Words and sentences of cleaned text, always with their offsets into it."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # words is a leaf: it reads articles, it does not import their module
    from framing.models import Article, Span

# A word: letters or digits, with inner apostrophes, hyphens and dots ("al-Sharaa", "don't", "U.S.").
WORD_RE = re.compile(r"[^\W_](?:[^\W_]|['’‘][^\W_]|[-‐‑.][^\W_])*", re.UNICODE)



@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Abbreviations after which a full stop does not end a sentence: the English profile's list."""
    from framing.lang import profile  # a leaf module of data, read once

    return profile("en").abbreviations
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+|$)")
_OPEN_QUOTES = "\"“«‘'"


class Token(NamedTuple):
    """One word and its offsets. A tuple, not a dataclass: a long story makes millions of them."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=131072)
def fold(text: str) -> str:
    """Lower-case, strip diacritics and unify apostrophes and dashes: the form words are compared in."""
    text = text.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("‑", "-")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()



def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of ``text[start:end]``, offsets into ``text``."""
    end = len(text) if end is None else end
    new = tuple.__new__  # Token's own __new__ is a Python call per word
    return [new(Token, (m.start(), m.end(), m.group())) for m in WORD_RE.finditer(text, start, end)]


def word_count(text: str) -> int:
    return sum(1 for _ in WORD_RE.finditer(text))


def body_words(article: Article) -> int:
    """Words in the body paragraphs (sub-headings aside): the denominator of every rate (counted once
    per article)."""
    return article.body_words


def in_body(article: Article, start: int) -> bool:
    """Whether an offset falls in a body paragraph rather than a sub-heading."""
    global _PARAGRAPHS
    blocks, starts, ends = _PARAGRAPHS
    if blocks is not article.blocks:  # asked again and again for one article: bisect its paragraphs
        paragraphs = article.paragraphs
        blocks, starts, ends = article.blocks, [b.start for b in paragraphs], [b.end for b in paragraphs]
        _PARAGRAPHS = blocks, starts, ends
    i = bisect_right(starts, start) - 1
    return i >= 0 and start < ends[i]


# The last article's blocks (held, so their identity cannot be reused) and its paragraphs' bounds.
_PARAGRAPHS: tuple[object, list[int], list[int]] = (None, [], [])


def _ends_sentence(text: str, match: re.Match[str], block_start: int) -> bool:
    mark = match.group()
    if not mark.startswith("."):
        return True
    # The word before the full stop (a short window: a word is never longer, and the search stays
    # linear in the paragraph's length): an abbreviation or an initial does not end a sentence.
    before = text[max(block_start, match.start() - 64) : match.start()]
    word = re.search(r"([^\W\d_][\w.]*)$", before)
    if word:
        w = word.group(1).lower().rstrip(".")
        abbreviations = _abbreviations()
        if w in abbreviations or (len(w) == 1 and w.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", w):
            # "Gen. Lee", "U.S. officials" keep going. Only a long dotted run ("U.S.A.") followed by a
            # capital ends the sentence: after "in the U.S." the break is missed, a known trade-off.
            after = text[match.end() : match.end() + 3].lstrip()
            return bool(after) and after[0].isupper() and len(w) > 3 and w not in abbreviations
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence boundaries within ``text[start:end]`` as (start, end) offsets, whitespace trimmed."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    cursor = start
    for m in _SENTENCE_END_RE.finditer(text, start, end):
        if not _ends_sentence(text, m, start):
            continue
        nxt = text[m.end() : m.end() + 2].lstrip()
        # A lower-case continuation ("…," he said.) is not a new sentence, nor is a number ("No. 5"):
        # news style spells out a number that opens a sentence.
        if nxt and (nxt[0].islower() or nxt[0].isdigit()):
            continue
        out.append((cursor, m.end()))
        cursor = m.end()
    out.append((cursor, end))
    trimmed = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e and any(ch.isalnum() for ch in text[s:e]):
            trimmed.append((s, e))
    return trimmed


def sentences(article: Article) -> list[Span]:
    """The body sentences of an article: paragraphs only, sub-headings are structure."""
    spans: list[Span] = []
    for block in article.paragraphs:
        for s, e in split_sentences(article.text, block.start, block.end):
            spans.append(article.span(s, e))
    return spans


def quoted(text: str, limit: int = 140) -> str:
    """``text`` on one line, cut at a word to ``limit`` characters, in quotation marks unless it
    already opens with one (a direct quote must not read “"like this”)."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text if text[:1] in "\"“‘'«" else f"“{text}”"


def slugify(value: str, *, max_length: int = 60) -> str:
    """A file-name-safe ASCII slug: lower-case words joined by hyphens, never empty, never a path."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or "story"
