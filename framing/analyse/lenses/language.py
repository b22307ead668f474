"""Loaded language: how much of a sentence or article grades, dramatises or judges what it reports.

The score is a weighted count of lexicon matches per word. Weights (chosen by reasoning, not
fitted to any data set):

* ``loaded`` 1.0 — pejorative or glorifying labels and emotive words carry judgement outright;
* ``attribution_loaded`` 1.0 — "claimed", "boasted", "slammed" judge the speaker while reporting them;
* ``label`` with a stance other than neutral 1.0 — a story lexicon's leaning descriptors;
* ``evaluative`` 0.5 — grading words ("historic", "disappointing") are opinion, but many are mild;
* ``intensifier`` 0.5 — boosters turn up force without adding a judgement of their own.

Hedges and neutral attribution count for nothing: they are the marks of careful reporting. A
stretch of text matched by several categories counts once, at its highest weight. The word count
has a floor of :data:`MIN_WORDS` so a three-word fragment with one adjective does not outrank a
sentence that is full of them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from framing.lexicon.matcher import Matcher, scores
from framing.models import Article, Match, Span
from framing.words import sentences, word_count

WEIGHTS: dict[str, float] = {
    "loaded": 1.0,
    "attribution_loaded": 1.0,
    "label": 1.0,
    "evaluative": 0.5,
    "intensifier": 0.5,
}
CATEGORIES = ("loaded", "evaluative", "intensifier", "hedge", "attribution_neutral", "attribution_loaded")
MIN_WORDS = 10
EXAMPLES = 5


def _weight(match: Match) -> float:
    if match.category == "label" and match.stance in (None, "neutral", "unrated"):
        return 0.0
    if match.category == "attribution_loaded" and match.stance == "neutral":
        return 0.0
    return WEIGHTS.get(match.category, 0.0)


def weighted_count(matches: list[Match]) -> float:
    """The sum of match weights, each stretch of text counted once at its highest weight."""
    best: dict[tuple[int, int], float] = {}
    for m in matches:
        key = (m.span.start, m.span.end)
        best[key] = max(best.get(key, 0.0), _weight(m))
    return sum(best.values())


def loaded_language_score(text: str, matcher: Matcher) -> float:
    """Loaded-language density of ``text`` (normally one sentence): weighted matches per word.

    0.0 for text with no loaded, evaluative, intensifying or slanted-attribution words; a sentence
    of ten words with one loaded word scores 0.1.
    """
    words = word_count(text)
    if not words:
        return 0.0
    return weighted_count(matcher.find(text, "")) / max(words, MIN_WORDS)


@dataclass(frozen=True)
class CategorySummary:
    """One category in one article: how often, how dense, and where."""

    category: str
    count: int
    per_1000: float
    words: int
    examples: tuple[Span, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "count": self.count,
            "per_1000": self.per_1000,
            "words": self.words,
            "shown": f"{self.count} in {self.words} words",
            "examples": [s.to_json() for s in self.examples],
        }


@dataclass(frozen=True)
class LanguageSummary:
    """An article's language profile: per-category counts and the most loaded sentences."""

    article: str
    words: int
    categories: dict[str, CategorySummary]
    score: float
    top_sentences: tuple[tuple[Span, float], ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "words": self.words,
            "score": self.score,
            "categories": {k: v.to_json() for k, v in self.categories.items()},
            "top_sentences": [{**s.to_json(), "score": round(v, 4)} for s, v in self.top_sentences],
        }


def summarise_language(article: Article, matcher: Matcher, matches: list[Match] | None = None) -> LanguageSummary:
    """Counts, rate per 1,000 words (with the counts it rests on) and example spans per category.

    ``score`` is the whole body's loaded-language density (weighted matches per word);
    ``top_sentences`` are up to five sentences with the highest non-zero density, highest first.
    """
    matches = matcher.match(article) if matches is None else matches
    per_cat = scores(article, matches, CATEGORIES)
    words = next(iter(per_cat.values())).words if per_cat else word_count(article.text)
    categories = {
        cat: CategorySummary(cat, s.count, s.per_1000, s.words, s.spans[:EXAMPLES]) for cat, s in per_cat.items()
    }
    ranked: list[tuple[Span, float]] = []
    by_start = sorted(range(len(matches)), key=lambda i: matches[i].span.start)
    starts = [matches[i].span.start for i in by_start]
    for sentence in sentences(article):
        window = by_start[bisect_left(starts, sentence.start) : bisect_right(starts, sentence.end)]
        inside = [matches[i] for i in sorted(window) if matches[i].span.end <= sentence.end]  # in the given order
        n = word_count(sentence.text)
        value = weighted_count(inside) / max(n, MIN_WORDS) if n else 0.0
        if value > 0:
            ranked.append((sentence, value))
    ranked.sort(key=lambda sv: (-sv[1], sv[0].start))
    score = weighted_count(matches) / max(words, MIN_WORDS) if words else 0.0
    return LanguageSummary(article.id, words, categories, round(score, 4), tuple(ranked[:EXAMPLES]))
