"""Distinctive and shared terms per article (TF-IDF), with every occurrence as a Span.

Terms are word n-grams read inside one clause of one sentence: an n-gram never crosses a sentence
end or punctuation (comma, colon, quote mark, dash), so "Damascus. The" is never a term. Words are
folded (lower case, no accents) and a possessive is dropped ("Russia's" → "russia"); hyphenated and
apostrophe words stay whole ("al-Sharaa", "don't"). An n-gram that starts or ends with a stop word
is dropped; stop words inside are kept ("head of state").
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from framing.models import Article, Span
from framing.words import WORD_RE, fold, split_sentences

# Words in scikit-learn's list that carry meaning in news text ("de facto", "former president",
# "the UN", "first visit", "interest rates").
_KEEP = frozenset("de un first last former formerly call bill fire system interest found side top".split())
_APOSTROPHES = "'’‘"
# Name particles: a term may start with one ("de facto", "al-Sharaa" is one word anyway, "al thani")
# but a particle alone, or at the end of a term, says nothing.
_PARTICLES = frozenset("de al el bin ibn abu van von la le du da di".split())


@lru_cache(maxsize=1)
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, less a few that matter in news (see ``_KEEP``)."""
    return frozenset(ENGLISH_STOP_WORDS) - _KEEP


def resolve_stop_words(stop_words: str | Collection[str] | None) -> frozenset[str]:
    """``"english"``, a collection of words (folded here), or None for no stop words."""
    if stop_words is None:
        return frozenset()
    if isinstance(stop_words, str):
        if stop_words != "english":
            raise ValueError(f"stop_words must be 'english', a list of words or None, not {stop_words!r}")
        return english_stop_words()
    return frozenset(fold(w) for w in stop_words)


@lru_cache(maxsize=262144)
def normalise_word(word: str) -> str:
    """The folded form a term is counted in: ``Russia’s`` → ``russia``."""
    norm = fold(word)
    if norm.endswith("'s"):
        norm = norm[:-2]
    return norm.rstrip("'")


def clause_tokens(text: str, start: int, end: int) -> Iterator[list[tuple[str, int, int]]]:
    """The runs of words in ``text[start:end]`` not broken by punctuation: (norm, start, end) each."""
    run: list[tuple[str, int, int]] = []
    prev_end = start
    for m in WORD_RE.finditer(text, start, end):  # the words of ``tokens``, without building Tokens
        t_start, t_end = m.span()
        single_space = t_start == prev_end + 1 and text[prev_end] == " "
        if run and not single_space and text[prev_end:t_start].strip().strip(_APOSTROPHES):
            yield run
            run = []
        norm = normalise_word(m.group())
        if norm:
            run.append((norm, t_start, t_end))
        prev_end = t_end
    if run:
        yield run


def article_sentences(doc: Article | str) -> tuple[str, list[tuple[int, int]]]:
    """The text and the sentence bounds of every block (paragraphs and sub-headings) of ``doc``."""
    if isinstance(doc, Article):
        bounds = [b for block in doc.blocks for b in split_sentences(doc.text, block.start, block.end)]
        return doc.text, bounds
    return doc, split_sentences(doc)


class NgramAnalyzer:
    """Callable analyzer for scikit-learn vectorizers: an Article or a string → its n-grams.

    ``occurrences`` gives the same n-grams with their offsets, so counts and Spans always agree.
    """

    def __init__(self, ngram_range: tuple[int, int] = (1, 1), stop_words: Collection[str] = frozenset()):
        self.ngram_range = ngram_range
        self.stop_words = frozenset(stop_words)

    def _keep_edge(self, word: str, last: bool = False) -> bool:
        if last and word in _PARTICLES:
            return False
        return word not in self.stop_words and (len(word) > 1 or word.isdigit())

    def iter_ngrams(self, text: str, bounds: Sequence[tuple[int, int]]) -> Iterator[tuple[str, int, int]]:
        low, high = self.ngram_range
        for s, e in bounds:
            for run in clause_tokens(text, s, e):
                words = [w for w, _, _ in run]
                first = [self._keep_edge(w) for w in words]  # may open a term
                last = [ok and w not in _PARTICLES for w, ok in zip(words, first)]  # may close one
                for i, (_, start, _) in enumerate(run):
                    if not first[i]:
                        continue
                    for j in range(i + low - 1, min(i + high, len(run))):
                        if last[j]:
                            yield (words[i] if i == j else " ".join(words[i : j + 1])), start, run[j][2]

    def occurrences(self, doc: Article | str) -> dict[str, list[tuple[int, int]]]:
        """Each n-gram of ``doc`` with the (start, end) offsets of its occurrences, in text order."""
        text, bounds = article_sentences(doc)
        out: dict[str, list[tuple[int, int]]] = {}
        for term, s, e in self.iter_ngrams(text, bounds):
            out.setdefault(term, []).append((s, e))
        return out

    def __call__(self, doc: Article | str) -> list[str]:
        text, bounds = article_sentences(doc)
        return [term for term, _, _ in self.iter_ngrams(text, bounds)]


def _expand(occurrences: dict[str, list[tuple[int, int]]]) -> list[str]:
    """Each n-gram as often as it occurs: what the vectorizer counts."""
    return [term for term, places in occurrences.items() for _ in places]


def _contained(short: str, long: str) -> bool:
    return short != long and f" {short} " in f" {long} "


@dataclass(frozen=True)
class Term:
    """A term distinctive of one article: its contrast score, TF-IDF weight and occurrences."""

    term: str
    score: float
    weight: float
    count: int
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class SharedTerm:
    """A term every article uses, with its summed TF-IDF weight and per-article counts and Spans."""

    term: str
    weight: float
    counts: dict[str, int]
    spans: dict[str, tuple[Span, ...]]


@dataclass(frozen=True)
class TermsResult:
    """What :class:`DistinctiveTerms` learned, ready for comparison and the report."""

    articles: tuple[str, ...]
    distinctive: dict[str, tuple[Term, ...]]
    shared: tuple[SharedTerm, ...]
    similarity: tuple[tuple[float, ...], ...] | None
    nearest: dict[str, tuple[tuple[str, float], ...]]


SIMILARITY_TABLE_MAX = 40  # articles up to which the full article × article table is kept
NEAREST = 5  # most similar other articles listed for each


class DistinctiveTerms(BaseEstimator):
    """TF-IDF over the articles of one story: what each says that the others do not.

    A term's score in an article is its TF-IDF weight there minus its mean weight in the other
    articles (with one article, the weight itself). Rows are L2-normalised, so scores compare within
    a story, not across stories. Ties sort by length (longer first), then alphabetically, and a term
    contained in a higher-ranked one with the same count is skipped ("facto leader" under
    "de facto leader").

    Learned attributes: ``article_ids_``, ``vocabulary_``, ``idf_``, ``distinctive_`` (article id →
    terms), ``shared_`` (terms in every article, by summed weight), ``similarity_`` (cosine between
    articles, nested lists rounded to 4 decimals, rows and columns in ``article_ids_`` order; None
    for a story of more than ``SIMILARITY_TABLE_MAX`` articles, whose table would grow with the square
    of its size), ``nearest_`` (article id → its ``NEAREST`` most similar others, most similar first)
    and ``result_`` (all of it as a :class:`TermsResult`).
    """

    def __init__(
        self,
        ngram_range: tuple[int, int] = (1, 3),
        top_n: int = 12,
        min_df: int | float = 1,
        stop_words: str | Collection[str] | None = "english",
        sublinear_tf: bool = True,
    ):
        self.ngram_range = ngram_range
        self.top_n = top_n
        self.min_df = min_df
        self.stop_words = stop_words
        self.sublinear_tf = sublinear_tf

    def build_analyzer(self) -> NgramAnalyzer:
        return NgramAnalyzer(tuple(self.ngram_range), resolve_stop_words(self.stop_words))

    def fit(self, articles: Sequence[Article], y: Any = None) -> DistinctiveTerms:
        """Learn IDF, distinctive and shared terms and similarities. Raises ValueError if empty."""
        if not articles:
            raise ValueError("DistinctiveTerms.fit needs at least one article")
        analyzer = self.build_analyzer()
        self.article_ids_ = [a.id for a in articles]
        occurrences = [analyzer.occurrences(a) for a in articles]
        # The vectorizer counts the n-grams already found with their offsets: one analysis per article.
        vectorizer = TfidfVectorizer(analyzer=_expand, min_df=self.min_df, sublinear_tf=self.sublinear_tf)
        try:
            matrix = vectorizer.fit_transform(occurrences)
        except ValueError:  # no term survives: empty articles, or min_df too high
            self.vocabulary_, self.idf_ = {}, np.zeros(0)
            self._features = np.array([], dtype=object)
            self.distinctive_ = {a: () for a in self.article_ids_}
            self.shared_ = ()
            self.similarity_ = [[0.0] * len(articles) for _ in articles] if len(articles) <= SIMILARITY_TABLE_MAX else None
            self.nearest_ = {a: () for a in self.article_ids_}
        else:
            self.vocabulary_ = vectorizer.vocabulary_
            self.idf_ = vectorizer.idf_
            self._features = vectorizer.get_feature_names_out()
            # Sparse throughout: articles × n-grams is far too big to hold densely for a large story.
            # Column totals add the rows in order, as a dense sum over rows would, to the same bits.
            matrix = matrix.tocsr()
            matrix.sort_indices()
            totals = np.bincount(matrix.indices, weights=matrix.data, minlength=matrix.shape[1])
            self.distinctive_ = {
                art.id: self._distinctive(art, matrix, i, totals, occurrences[i]) for i, art in enumerate(articles)
            }
            self.shared_ = self._shared(articles, matrix, totals, occurrences)
            self.similarity_, self.nearest_ = self._similarity(matrix)
        self.result_ = TermsResult(
            articles=tuple(self.article_ids_),
            distinctive=self.distinctive_,
            shared=self.shared_,
            similarity=None if self.similarity_ is None else tuple(tuple(row) for row in self.similarity_),
            nearest=self.nearest_,
        )
        return self

    def _similarity(self, matrix: Any) -> tuple[list[list[float]] | None, dict[str, tuple[tuple[str, float], ...]]]:
        """Cosine between articles, a block of rows at a time: the table for a small story, and each
        article's nearest others (ties by input order)."""
        n = matrix.shape[0]
        table: list[list[float]] | None = [] if n <= SIMILARITY_TABLE_MAX else None
        nearest: dict[str, tuple[tuple[str, float], ...]] = {}
        block = max(1, 4_000_000 // max(n, 1))  # rows per block: a few million cells at most
        for lo in range(0, n, block):
            rows = np.round((matrix[lo : lo + block] @ matrix.T).toarray(), 4)
            if table is not None:
                table.extend(rows.tolist())
            for k, row in enumerate(rows):
                row[lo + k] = -1.0  # not its own neighbour
                top = np.argsort(-row, kind="stable")[:NEAREST]
                nearest[self.article_ids_[lo + k]] = tuple(
                    (self.article_ids_[j], float(row[j])) for j in top if row[j] > 0
                )
        return table, nearest

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray(self._features, dtype=object)

    def _distinctive(
        self, article: Article, matrix: Any, row: int, totals: np.ndarray, occ: dict[str, list[tuple[int, int]]]
    ) -> tuple[Term, ...]:
        n = matrix.shape[0]
        lo, hi = matrix.indptr[row], matrix.indptr[row + 1]
        kept = matrix.data[lo:hi] > 0
        columns, values = matrix.indices[lo:hi][kept], matrix.data[lo:hi][kept]
        mine = dict(zip(columns.tolist(), values))
        scores = dict(zip(columns.tolist(), values - (totals[columns] - values) / (n - 1) if n > 1 else values))
        ranked = sorted(
            columns.tolist(), key=lambda c: (-round(float(scores[c]), 10), -self._features[c].count(" "), self._features[c])
        )
        chosen: list[Term] = []
        for c in ranked:
            term = str(self._features[c])
            count = len(occ[term])
            if any(_contained(term, t.term) and t.count == count for t in chosen):
                continue
            spans = tuple(article.span(s, e) for s, e in occ[term])
            chosen.append(Term(term, round(float(scores[c]), 6), round(float(mine[c]), 6), count, spans))
            if len(chosen) >= self.top_n:
                break
        return tuple(chosen)

    def _shared(
        self, articles: Sequence[Article], matrix: Any, total: np.ndarray, occurrences: list[dict[str, list[tuple[int, int]]]]
    ) -> tuple[SharedTerm, ...]:
        if len(articles) < 2:
            return ()
        used = np.bincount(matrix.indices[matrix.data > 0], minlength=matrix.shape[1])  # articles using each
        everywhere = np.flatnonzero(used == len(articles))
        ranked = sorted(
            everywhere, key=lambda c: (-round(float(total[c]), 10), -self._features[c].count(" "), self._features[c])
        )
        chosen: list[SharedTerm] = []
        for c in ranked:
            term = str(self._features[c])
            counts = {a.id: len(occ[term]) for a, occ in zip(articles, occurrences)}
            if any(_contained(term, t.term) and t.counts == counts for t in chosen):
                continue
            spans = {a.id: tuple(a.span(s, e) for s, e in occ[term]) for a, occ in zip(articles, occurrences)}
            chosen.append(SharedTerm(term, round(float(total[c]), 6), counts, spans))
            if len(chosen) >= self.top_n:
                break
        return tuple(chosen)


def distinctive_terms(articles: Sequence[Article], **params: Any) -> TermsResult:
    """Fit :class:`DistinctiveTerms` with ``params`` on ``articles`` and return its result."""
    return DistinctiveTerms(**params).fit(articles).result_
