"""Loaded language: how much of a sentence or article grades, dramatises or judges what it reports.

Only the outlet's own words count towards a score: a match inside a direct quote is the speaker's
language, reported, and is counted apart as *quoted*. Each match weighs by how strongly it judges
(weights chosen by reasoning, not fitted to any data set):

* ``loaded`` 1.0 — pejorative or glorifying labels and emotive words carry judgement outright;
* ``label`` with a leaning stance 1.0 — a story lexicon's slanted descriptors;
* ``attribution_loaded`` 1.0 when it casts doubt on the speaker ("claimed", "insisted",
  "boasted"), 0.25 when it vouches ("confirmed") or only names the speech act ("warned", "urged");
* ``evaluative`` 0.5 — grading words ("historic", "disappointing") are opinion, but many are mild;
* ``intensifier`` 0.5 — boosters turn up force without adding a judgement of their own.

Hedges and neutral attribution weigh nothing: they are the marks of careful reporting. A stretch of
text matched by several categories counts once, at its highest weight.

A sentence's score is its weight divided by the square root of its own words (at least
:data:`MIN_WORDS`). A plain density (weight per word) would make any short sentence with one
adjective the most loaded of an article, and a plain count would rank sentences by length; the
square root sits between the two, so neither length nor brevity alone raises a score.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from framing.analyse.lenses.attribution import Intervals
from framing.models import Article, Match, Span
from framing.words import body_words, in_body, sentences, tokens, word_count

WEIGHTS: dict[str, float] = {
    "loaded": 1.0,
    "label": 1.0,
    "evaluative": 0.5,
    "intensifier": 0.5,
}
ATTRIBUTION_WEIGHTS: dict[str, float] = {"delegitimising": 1.0, "legitimising": 0.25, "unrated": 0.25}
CATEGORIES = ("loaded", "evaluative", "intensifier", "hedge", "attribution_neutral", "attribution_loaded")
MIN_WORDS = 10
EXAMPLES = 5

QuoteSpan = Span | tuple[int, int]


def match_weight(match: Match) -> float:
    """How strongly one match judges what it describes, from 0.0 (not at all) to 1.0."""
    if match.category == "attribution_loaded":
        return ATTRIBUTION_WEIGHTS.get(match.stance or "unrated", 0.0)
    if match.category == "label" and match.stance in (None, "neutral", "unrated"):
        return 0.0
    return WEIGHTS.get(match.category, 0.0)


def weighted_count(matches: Iterable[Match]) -> float:
    """The sum of match weights, each stretch of text counted once at its highest weight."""
    best: dict[tuple[int, int], float] = {}
    for m in matches:
        key = (m.span.start, m.span.end)
        best[key] = max(best.get(key, 0.0), match_weight(m))
    return sum(best.values())


def loaded_score(matches: Iterable[Match], words: int) -> float:
    """The loaded-language score of a stretch of ``words`` own words holding ``matches``.

    0.0 when there are no words or no weighted match; one loaded word in a ten-word sentence
    scores 1/√10 ≈ 0.32, and in a forty-word sentence 1/√40 ≈ 0.16.
    """
    return weighted_count(matches) / math.sqrt(max(words, MIN_WORDS)) if words else 0.0


def _bounds(spans: Iterable[QuoteSpan] | Intervals) -> Intervals:
    if isinstance(spans, Intervals):
        return spans
    return Intervals((s.start, s.end) if isinstance(s, Span) else (int(s[0]), int(s[1])) for s in spans)


def split_quoted(matches: Iterable[Match], quote_spans: Iterable[QuoteSpan] | Intervals) -> tuple[list[Match], list[Match]]:
    """``matches`` as (own, quoted): quoted when the match lies wholly inside one of the quote spans."""
    quotes = _bounds(quote_spans)
    own: list[Match] = []
    quoted: list[Match] = []
    for m in matches:
        (quoted if quotes.contains(m.span.start, m.span.end) else own).append(m)
    return own, quoted


def own_word_count(text: str, start: int, end: int, quote_spans: Iterable[QuoteSpan] | Intervals = ()) -> int:
    """Words of ``text[start:end]`` that lie outside every quote span."""
    quotes = _bounds(quote_spans)
    return sum(1 for t in tokens(text, start, end) if not quotes.contains(t.start, t.end))


@dataclass(frozen=True)
class SentenceScore:
    """One body sentence: its loaded-language score and the matches it rests on."""

    span: Span
    score: float
    words: int
    evidence: tuple[Match, ...]
    quoted: tuple[Match, ...]


def score_span(
    article: Article, matches: Sequence[Match], span: Span, quote_spans: Iterable[QuoteSpan] | Intervals = ()
) -> SentenceScore:
    """The loaded-language score of one stretch of the article (normally a sentence).

    ``evidence`` holds the outlet's own weighted matches; ``quoted`` the weighted matches inside quotes,
    which do not count.
    """
    return _score(article, [m for m in matches if span.start <= m.span.start and m.span.end <= span.end], span,
                  _bounds(quote_spans))


def _score(article: Article, inside: Sequence[Match], span: Span, quotes: Intervals) -> SentenceScore:
    own, quoted = split_quoted([m for m in inside if match_weight(m) > 0], quotes)
    words = own_word_count(article.text, span.start, span.end, quotes)
    return SentenceScore(span, loaded_score(own, words), words, tuple(own), tuple(quoted))


def sentence_scores(
    article: Article, matches: Sequence[Match], quote_spans: Iterable[QuoteSpan] | Intervals = ()
) -> list[SentenceScore]:
    """Every body sentence with its loaded-language score, in text order. Each sentence's matches are
    found by bisection, so the cost is linear in the text."""
    quotes = _bounds(quote_spans)
    order = sorted(range(len(matches)), key=lambda i: matches[i].span.start)
    starts = [matches[i].span.start for i in order]
    out = []
    for s in sentences(article):
        window = sorted(order[bisect_left(starts, s.start):bisect_left(starts, s.end)])  # keep the given order
        out.append(_score(article, [matches[i] for i in window if matches[i].span.end <= s.end], s, quotes))
    return out


def loaded_language_score(text: str, matcher: Any) -> float:
    """The loaded-language score of ``text`` taken as one sentence, every word the writer's own."""
    return loaded_score(matcher.find(text, ""), word_count(text))


@dataclass(frozen=True)
class CategorySummary:
    """One category in one article: how often in the outlet's own words and in quotes, and where."""

    category: str
    own: int
    quoted: int
    per_1000: float
    words: int
    examples: tuple[Span, ...]


@dataclass(frozen=True)
class LanguageSummary:
    """An article's language profile: per-category counts and its most loaded sentences.

    ``score`` is the weight of the outlet's own loaded language per 1,000 of its own words.
    """

    article: str
    words: int
    own_words: int
    categories: dict[str, CategorySummary]
    score: float
    top_sentences: tuple[SentenceScore, ...]


def summarise_language(
    article: Article, matches: Sequence[Match], quote_spans: Iterable[QuoteSpan] = (), names: Sequence[str] = CATEGORIES
) -> LanguageSummary:
    """Per category: own and quoted counts, rate per 1,000 own words and example spans; and the
    up to five body sentences with the highest non-zero score, highest first.

    Body paragraphs only (sub-headings are structure); ``quote_spans`` are the article's direct
    quotes, as Spans or (start, end) offsets into its text.
    """
    quotes = _bounds(quote_spans)
    body = [m for m in matches if in_body(article, m.span.start)]
    own, quoted = split_quoted(body, quotes)
    own_words = sum(own_word_count(article.text, b.start, b.end, quotes) for b in article.paragraphs)
    categories = {}
    for cat in names:
        mine = [m.span for m in own if m.category == cat]
        theirs = sum(1 for m in quoted if m.category == cat)
        rate = round(1000 * len(mine) / own_words, 2) if own_words else 0.0
        categories[cat] = CategorySummary(cat, len(mine), theirs, rate, own_words, tuple(mine[:EXAMPLES]))
    ranked = [s for s in sentence_scores(article, body, quotes) if s.score > 0]
    ranked.sort(key=lambda s: (-s.score, s.span.start))
    score = round(1000 * weighted_count(own) / own_words, 2) if own_words else 0.0
    return LanguageSummary(article.id, body_words(article), own_words, categories, score, tuple(ranked[:EXAMPLES]))
