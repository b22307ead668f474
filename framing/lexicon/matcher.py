"""Lexicons → one compiled matcher: every phrase found in one pass, as Matches whose Spans index the text.

Matching runs one pass over the words of a text: each word becomes a key (:mod:`framing.lexicon.keys`) and a
token trie built once over every phrase is walked from each word. Phrases are capped at
:data:`framing.lexicon.format.MAX_PHRASE_WORDS` words, so the work is linear in the text's length and no
regular expression is built from lexicon content: nothing can backtrack.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from framing.lexicon.keys import CASE_MARK, EXACT_MARK, HYPHEN_MARK, Word, key_sequence, words_of
from framing.lexicon.format import Category, Entry, Lexicon
from framing.models import Article, Match, Span
from framing.words import body_words, fold, in_body


@dataclass(frozen=True)
class Score:
    """How often a category occurs in an article: the count, the rate and the evidence."""

    count: int
    per_1000: float
    words: int
    spans: tuple[Span, ...]


# ---------------------------------------------------------------------------------------------
# Matching


class _Node:
    __slots__ = ("edges", "prefixes", "entries")

    def __init__(self) -> None:
        self.edges: dict[str, _Node] = {}
        self.prefixes: dict[str, _Node] = {}
        self.entries: list[Entry] = []


class Matcher:
    """Every phrase of some lexicons, compiled once into a token trie."""

    def __init__(self, lexicons: Sequence[Lexicon] | Lexicon, *, include_actors: bool = True):
        self.lexicons = (lexicons,) if isinstance(lexicons, Lexicon) else tuple(lexicons)
        self.categories: dict[str, Category] = {}
        self._root = _Node()
        self._depth = 1
        for lexicon in self.lexicons:
            for name, category in lexicon.categories.items():
                self.categories.setdefault(name, category)
            for entry in lexicon.entries:
                if entry.category == "actor" and not include_actors:
                    continue
                self._add(entry)

    def _add(self, entry: Entry) -> None:
        node = self._root
        keys = key_sequence(entry.phrase, entry.case_sensitive, entry.exact)
        for kind, key in keys:
            table = node.prefixes if kind == "*" else node.edges
            node = table.setdefault(key, _Node())
        node.entries.append(entry)
        self._depth = max(self._depth, len(keys))

    def find(self, text: str, article_id: str, start: int = 0, end: int | None = None) -> list[Match]:
        """Every phrase in ``text[start:end]``; spans are offsets into ``text``.

        Within a category the longest leftmost match wins; matches of different categories may
        overlap. Sorted by (start, end, category, phrase).
        """
        words = words_of(text, start, end)
        found: list[tuple[int, int, Entry]] = []
        for i in range(len(words)):
            active = [self._root]
            for j in range(i, min(len(words), i + self._depth)):
                active = self._step(active, words[j])
                if not active:
                    break
                for node in active:
                    found.extend((words[i].start, words[j].end, e) for e in node.entries)
        return self._resolve(found, text, article_id)

    @staticmethod
    def _step(active: list[_Node], word: Word) -> list[_Node]:
        # A word after a hyphen offers its keys both plain and hyphen-marked; others only plain.
        marks = ("", HYPHEN_MARK) if word.joined else ("",)
        nxt: list[_Node] = []
        for node in active:
            for mark in marks:
                for key in (word.stem, CASE_MARK + word.surface, EXACT_MARK + word.folded):
                    child = node.edges.get(mark + key)
                    if child is not None:
                        nxt.append(child)
                if node.prefixes:
                    for k in range(1, len(word.folded) + 1):
                        child = node.prefixes.get(mark + word.folded[:k])
                        if child is not None:
                            nxt.append(child)
        return nxt

    @staticmethod
    def _resolve(found: list[tuple[int, int, Entry]], text: str, article_id: str) -> list[Match]:
        # Same category and span: a phrase written exactly as the text ("new leaders") wins over one that
        # matched through its stem ("new leader"), so the actor the lexicon gives those words is kept.
        found.sort(key=lambda f: (f[2].category, f[0], -f[1], fold(f[2].phrase) != fold(text[f[0] : f[1]]),
                                  f[2].phrase, f[2].lexicon, f[2].actor or ""))
        kept: list[Match] = []
        last: dict[str, int] = {}
        for s, e, entry in found:
            if s < last.get(entry.category, -1):
                continue
            last[entry.category] = e
            kept.append(Match(entry.lexicon, entry.category, entry.phrase, Span(article_id, s, e, text[s:e]),
                              actor=entry.actor, stance=entry.stance))
        kept.sort(key=lambda m: (m.span.start, m.span.end, m.category, m.phrase))
        return kept

    def match(self, article: Article) -> list[Match]:
        """Every phrase in the article's body, block by block (no match crosses a paragraph)."""
        out: list[Match] = []
        for block in article.blocks:
            out.extend(self.find(article.text, article.id, block.start, block.end))
        out.sort(key=lambda m: (m.span.start, m.span.end, m.category, m.phrase))
        return out


def scores(article: Article, matches: Iterable[Match], categories: Iterable[str]) -> dict[str, Score]:
    """Count, rate per 1,000 words of the body and evidence spans for each named category.

    Body paragraphs only, numerator and denominator alike: sub-headings are structure.
    """
    words = body_words(article)
    by_cat: dict[str, list[Span]] = {c: [] for c in categories}
    for m in matches:
        if m.category in by_cat and in_body(article, m.span.start):
            by_cat[m.category].append(m.span)
    return {
        cat: Score(len(spans), round(1000 * len(spans) / words, 2) if words else 0.0, words, tuple(spans))
        for cat, spans in by_cat.items()
    }
