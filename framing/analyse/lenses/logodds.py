"""Words each outlet over- and under-uses: Monroe, Colaresi and Quinn's (2008) "Fightin' Words".

The log-odds ratio of a word between one group (an outlet) and the rest, with an informative
Dirichlet prior, and its z-score. For word w, group i against the rest j::

    δ_w = log((y_iw + α_w) / (n_i + α0 − y_iw − α_w)) − log((y_jw + α_w) / (n_j + α0 − y_jw − α_w))
    σ²_w ≈ 1 / (y_iw + α_w) + 1 / (y_jw + α_w)
    z_w = δ_w / σ_w

y are counts, n totals (over the counted vocabulary), α_w = α0 · y_w / N is the prior: the word's
frequency in the whole story's corpus scaled to α0 = prior_scale · N pseudo-counts, N being the
corpus size. With the default ``prior_scale=1.0`` the prior weighs as much as the story itself:
a story is a few thousand words, so a weaker prior lets one-off words dominate, and the paper's
own choice (a prior from a large background corpus) is not available for one news event.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator

from framing.models import Article, Span
from framing.words import word_count
from framing.analyse.stats import MIN_EVIDENCE, enough
from framing.analyse.lenses.terms import NgramAnalyzer, resolve_stop_words

MAX_EVIDENCE = 20  # spans kept per term: enough to check it, bounded whatever the corpus size


@dataclass(frozen=True)
class WeightedTerm:
    """A term's log-odds (``delta``) and z-score for one group, with its counts and Spans.

    ``spans`` are the group's own occurrences for an over-used term, and the other groups'
    occurrences for an under-used one: the evidence is where the word is.
    """

    term: str
    z: float
    delta: float
    count: int
    rest_count: int
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class GroupTerms:
    """One group's over-used (``over``, z > 0, highest first) and under-used (``under``) terms."""

    group: str
    articles: tuple[str, ...]
    words: int  # all words of the group's articles, stop words included
    enough_words: bool
    over: tuple[WeightedTerm, ...]
    under: tuple[WeightedTerm, ...]


@dataclass(frozen=True)
class LogOddsResult:
    groups: tuple[GroupTerms, ...]
    prior_scale: float
    alpha0: float


def log_odds_z(counts: np.ndarray, alpha: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """δ and z of each group (row of ``counts``) against the others, for prior ``alpha``.

    ``counts`` is groups × words; returns two arrays of the same shape.
    """
    alpha0 = alpha.sum()
    totals = counts.sum(axis=1, keepdims=True)
    rest = counts.sum(axis=0, keepdims=True) - counts
    rest_totals = totals.sum() - totals
    own = counts + alpha
    other = rest + alpha
    with np.errstate(divide="ignore", invalid="ignore"):  # one group alone has no rest to compare with
        delta = np.log(own / (totals + alpha0 - own)) - np.log(other / (rest_totals + alpha0 - other))
        z = delta / np.sqrt(1.0 / own + 1.0 / other)
    return delta, z


class LogOddsRatio(BaseEstimator):
    """Fightin' Words per group: fit on articles and their groups (outlet names by default).

    Terms come from :class:`~framing.analyse.lenses.terms.NgramAnalyzer` (folded words, n-grams inside a
    clause, stop words dropped unless ``stop_words=None``); a term counted fewer than ``min_count``
    times in the whole corpus is left out. Learned: ``groups_``, ``vocabulary_`` (sorted terms),
    ``counts_`` (groups × terms), ``alpha_``, ``alpha0_``, ``delta_``, ``z_`` and ``result_``.
    """

    def __init__(
        self,
        prior_scale: float = 1.0,
        ngram_range: tuple[int, int] = (1, 1),
        min_count: int = 2,
        top_n: int = 15,
        stop_words: str | Collection[str] | None = "english",
    ):
        self.prior_scale = prior_scale
        self.ngram_range = ngram_range
        self.min_count = min_count
        self.top_n = top_n
        self.stop_words = stop_words

    def fit(self, articles: Sequence[Article], groups: Sequence[str] | None = None) -> LogOddsRatio:
        """Count, set the prior and score. Raises ValueError on mismatched or empty input."""
        if not articles:
            raise ValueError("LogOddsRatio.fit needs at least one article")
        labels = [a.outlet.name for a in articles] if groups is None else [str(g) for g in groups]
        if len(labels) != len(articles):
            raise ValueError(f"got {len(articles)} articles but {len(labels)} groups; give one group per article")
        if self.prior_scale <= 0:
            raise ValueError(f"prior_scale must be positive, not {self.prior_scale}")
        analyzer = NgramAnalyzer(tuple(self.ngram_range), resolve_stop_words(self.stop_words))
        occurrences = [analyzer.occurrences(a) for a in articles]
        self.groups_ = list(dict.fromkeys(labels))
        totals: dict[str, int] = {}
        for occ in occurrences:
            for term, spans in occ.items():
                totals[term] = totals.get(term, 0) + len(spans)
        self.vocabulary_ = sorted(t for t, c in totals.items() if c >= max(1, self.min_count))
        index = {t: k for k, t in enumerate(self.vocabulary_)}
        row_of = {g: k for k, g in enumerate(self.groups_)}
        self.counts_ = np.zeros((len(self.groups_), len(self.vocabulary_)))
        for label, occ in zip(labels, occurrences):
            for term, spans in occ.items():
                if term in index:
                    self.counts_[row_of[label], index[term]] += len(spans)
        corpus = self.counts_.sum()
        self.alpha0_ = float(self.prior_scale * corpus)
        self.alpha_ = self.alpha0_ * self.counts_.sum(axis=0) / corpus if corpus else np.zeros(0)
        self.delta_, self.z_ = log_odds_z(self.counts_, self.alpha_)
        postings: dict[str, list[int]] = {}  # term → the articles that use it, in order
        for i, occ in enumerate(occurrences):
            for t in occ:
                postings.setdefault(t, []).append(i)
        column_totals = self.counts_.sum(axis=0)
        self.result_ = LogOddsResult(
            groups=tuple(
                self._group(row, articles, labels, occurrences, postings, column_totals)
                for row in range(len(self.groups_))
            ),
            prior_scale=self.prior_scale,
            alpha0=round(self.alpha0_, 6),
        )
        return self

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray(self.vocabulary_, dtype=object)

    def _top(self, candidates: np.ndarray, z: np.ndarray) -> list[int]:
        """The ``top_n`` candidates by |z| (rounded to 10 places), then term: only those near the
        cut are sorted in Python, so a group costs one pass over the vocabulary, not a sort of it."""
        size = np.abs(z[candidates])
        if len(candidates) > self.top_n > 0:
            cut = np.partition(size, len(size) - self.top_n)[len(size) - self.top_n]
            candidates = candidates[size >= cut - 1e-6]  # rounding moves |z| by far less
        # The vocabulary is sorted, so a term's index orders it as its text does.
        return sorted(candidates.tolist(), key=lambda k: (-abs(round(float(z[k]), 10)), k))[: self.top_n]

    def _group(
        self,
        row: int,
        articles: Sequence[Article],
        labels: list[str],
        occurrences: list[dict[str, list[tuple[int, int]]]],
        postings: dict[str, list[int]],
        column_totals: np.ndarray,
    ) -> GroupTerms:
        group = self.groups_[row]
        z, delta, counts = self.z_[row], self.delta_[row], self.counts_[row]
        rest = column_totals - counts
        members = [i for i, label in enumerate(labels) if label == group]
        member_set = set(members)

        def term(k: int, over: bool) -> WeightedTerm:
            word = self.vocabulary_[k]
            where = (i for i in postings.get(word, ()) if (i in member_set) == over)
            # Enough places to check the word, not every one: evidence must not grow with the corpus squared.
            spans = tuple(islice((articles[i].span(s, e) for i in where for s, e in occurrences[i][word]), MAX_EVIDENCE))
            return WeightedTerm(
                word, round(float(z[k]), 6), round(float(delta[k]), 6), int(counts[k]), int(rest[k]), spans
            )

        over = self._top(np.flatnonzero((z > 0) & (counts > 0)), z)
        under = self._top(np.flatnonzero((z < 0) & (rest > 0)), z)
        words = sum(word_count(articles[i].text) for i in members)
        return GroupTerms(
            group=group,
            articles=tuple(articles[i].id for i in members),
            words=words,
            enough_words=enough(words, MIN_EVIDENCE.words),
            over=tuple(term(k, True) for k in over),
            under=tuple(term(k, False) for k in under),
        )


def fightin_words(
    articles: Sequence[Article], groups: Sequence[str] | None = None, **params: Any
) -> LogOddsResult:
    """Fit :class:`LogOddsRatio` with ``params`` and return its result."""
    return LogOddsRatio(**params).fit(articles, groups).result_
