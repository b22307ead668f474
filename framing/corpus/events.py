"""Articles → events: average-linkage clustering over a sparse nearest-neighbour graph.

Each article becomes one L2-normalised sparse vector joining three TF-IDF blocks: the body, the
headline, and the proper names (capitalised word runs) of both. Candidate pairs are found only among
articles published within ``window_days`` of each other (undated articles are compared with all), a
pair's similarity multiplied by ``day_decay`` for each day between them, keeping each article's
``neighbours`` most similar ones. Clusters then merge in order of their
average pairwise cosine similarity — computed exactly from the clusters' summed vectors — while it is
at least ``threshold``; a merge that would put one outlet in an event twice counts at
``same_outlet_factor`` of its similarity, because an outlet rarely covers one event twice. Articles
given the same ``event`` start as one cluster and two given events never merge. Input order does not
matter: articles are processed in the order of their content keys.
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from framing.corpus.sources import Corpus, CorpusArticle

# A run of capitalised words ("Supreme Court", "Joe Biden"): a cheap, language-light stand-in for entities.
_NAME = re.compile(r"\b[A-Z][\w'’.-]*[\w](?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][\w'’.-]*[\w])*")


@dataclass(frozen=True)
class Event:
    """Articles reporting the same event. ``id`` is a hash of its articles' keys, so it changes with them."""

    id: str
    title: str
    dates: tuple[str, str] | None
    articles: tuple[CorpusArticle, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlet keys of its articles, sorted and distinct."""
        return tuple(sorted({a.raw.outlet.key for a in self.articles}))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "dates": list(self.dates) if self.dates else None,
            "articles": [
                {"id": article_id(a), "outlet": a.raw.outlet.name, "title": a.raw.title, "source": a.shown}
                for a in self.articles
            ],
        }


class EventClusterer:
    """Groups articles into events; scikit-learn style: settings in the constructor, ``fit`` → ``labels_``.

    The defaults were chosen on half of the AllSides dev events (benchmarks/cluster.py) and checked on
    the other half.
    """

    def __init__(
        self,
        *,
        threshold: float = 0.05,
        window_days: int = 7,
        neighbours: int = 30,
        title_weight: float = 1.0,
        names_weight: float = 0.6,
        same_outlet_factor: float = 0.5,
        day_decay: float = 0.3,
    ) -> None:
        self.threshold = threshold
        self.window_days = window_days
        self.neighbours = neighbours
        self.title_weight = title_weight
        self.names_weight = names_weight
        self.same_outlet_factor = same_outlet_factor
        self.day_decay = day_decay

    def fit(
        self,
        texts: Sequence[str],
        titles: Sequence[str | None],
        dates: Sequence[str | None],
        outlets: Sequence[str],
        fixed: Sequence[str | None] | None = None,
    ) -> EventClusterer:
        """Cluster; ``labels_[i]`` is the event number of article ``i`` (numbered by first article)."""
        n = len(texts)
        fixed = list(fixed) if fixed is not None else [None] * n
        if n == 0:
            self.labels_ = []
            return self
        vectors = self._vectors(texts, titles)
        days = [_day(d) for d in dates]
        edges = self._candidate_edges(vectors, days)
        clusters = _Linkage(n, outlets, fixed, self.same_outlet_factor)
        clusters.merge_all(edges, self.threshold)
        self.labels_ = clusters.labels()
        return self

    def _vectors(self, texts: Sequence[str], titles: Sequence[str | None]) -> Any:
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.preprocessing import normalize

        heads = [t or "" for t in titles]
        blocks = [
            (1.0, TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2)), texts),
            (self.title_weight, TfidfVectorizer(sublinear_tf=True, stop_words="english"), heads),
            (self.names_weight, TfidfVectorizer(analyzer=_names, sublinear_tf=True),
             [f"{h}\n{t}" for h, t in zip(heads, texts)]),
        ]
        parts = []
        for weight, vectorizer, docs in blocks:
            if weight <= 0:
                continue
            try:
                parts.append(weight * normalize(vectorizer.fit_transform(docs)))
            except ValueError:  # an empty vocabulary (no headlines, no names): the block adds nothing
                continue
        if not parts:  # nothing but stop words anywhere: no two articles are alike
            return csr_matrix((len(texts), 1))
        return normalize(hstack(parts).tocsr())

    def _candidate_edges(self, vectors: Any, days: Sequence[int | None]) -> list[tuple[float, int, int]]:
        """Each article's nearest neighbours among those within the date window: (similarity, i, j), i < j."""
        import numpy as np

        order = sorted(range(len(days)), key=lambda i: (days[i] is None, days[i] or 0, i))
        dated = [i for i in order if days[i] is not None]
        undated = [i for i in order if days[i] is None]
        dated_days = np.array([days[i] for i in dated], dtype=np.int64)
        edges: dict[tuple[int, int], float] = {}
        chunk = 256
        for lo in range(0, len(order), chunk):
            rows = order[lo:lo + chunk]
            row_days = [days[i] for i in rows]
            known = [d for d in row_days if d is not None]
            if known and len(known) == len(row_days):
                first = np.searchsorted(dated_days, min(known) - self.window_days, "left")
                last = np.searchsorted(dated_days, max(known) + self.window_days, "right")
                cols = dated[first:last] + undated
            else:
                cols = list(range(len(days)))
            sims = (vectors[rows] @ vectors[cols].T).toarray()
            row_days = np.array([np.nan if d is None else d for d in row_days], dtype=float)
            col_days = np.array([np.nan if days[j] is None else days[j] for j in cols], dtype=float)
            gaps = np.nan_to_num(np.abs(row_days[:, None] - col_days[None, :]), nan=0.0)
            sims *= self.day_decay ** gaps
            with np.errstate(invalid="ignore"):
                sims[gaps > self.window_days] = 0.0
            sims[np.array(rows)[:, None] == np.array(cols)[None, :]] = 0.0
            best = np.argsort(-sims, axis=1, kind="stable")[:, : self.neighbours]
            for r, i in enumerate(rows):
                for c in best[r]:
                    if sims[r, c] > 0:
                        j = cols[c]
                        edges[(min(i, j), max(i, j))] = float(sims[r, c])
        return sorted(((s, i, j) for (i, j), s in edges.items()), key=lambda e: (-e[0], e[1], e[2]))


class _Linkage:
    """Average-linkage merging over the candidate graph. ``between[a][b]`` is the summed similarity of
    the pairs across clusters a and b (Lance–Williams: a merged cluster's sums are its parts' sums)."""

    def __init__(self, n: int, outlets: Sequence[str], fixed: Sequence[str | None], factor: float) -> None:
        self.factor = factor
        self.size = {i: 1 for i in range(n)}
        self.members = {i: [i] for i in range(n)}
        self.outlets = {i: {outlets[i]} for i in range(n)}
        self.fixed = dict(enumerate(fixed))
        self.between: dict[int, dict[int, float]] = {i: {} for i in range(n)}
        self.owner = list(range(n))
        self.next_id = n

    def link(self, a: int, b: int) -> float | None:
        """Average pairwise similarity of clusters ``a`` and ``b``; None when they may not merge."""
        if self.fixed[a] is not None and self.fixed[b] is not None and self.fixed[a] != self.fixed[b]:
            return None
        value = self.between[a].get(b, 0.0) / (self.size[a] * self.size[b])
        return value * self.factor if self.outlets[a] & self.outlets[b] else value

    def merge_all(self, edges: Sequence[tuple[float, int, int]], threshold: float) -> None:
        for sim, i, j in edges:
            self.between[i][j] = self.between[j][i] = sim
        groups: dict[str, list[int]] = {}
        for i, event in sorted(self.fixed.items()):
            if event is not None:
                groups.setdefault(event, []).append(i)
        for event in sorted(groups):
            current = groups[event][0]
            for other in groups[event][1:]:
                current = self._join(current, other)
        heap: list[tuple[float, int, int]] = []
        for a in sorted(self.between):
            for b in sorted(self.between[a]):
                if a < b:
                    self._push(heap, a, b, threshold)
        while heap:
            _, a, b = heapq.heappop(heap)
            if a not in self.size or b not in self.size:
                continue  # a stale pair: one side has merged since
            merged = self._join(a, b)
            for c in sorted(self.between[merged]):
                self._push(heap, c, merged, threshold)

    def _push(self, heap: list[tuple[float, int, int]], a: int, b: int, threshold: float) -> None:
        value = self.link(a, b)
        if value is not None and value >= threshold:
            heapq.heappush(heap, (-value, a, b))

    def _join(self, a: int, b: int) -> int:
        new = self.next_id
        self.next_id += 1
        sums: dict[int, float] = {}
        for old in (a, b):
            for c, value in self.between.pop(old).items():
                if c not in (a, b):
                    sums[c] = sums.get(c, 0.0) + value
                    del self.between[c][old]
        for c, value in sums.items():
            self.between[c][new] = value
        self.between[new] = sums
        self.size[new] = self.size.pop(a) + self.size.pop(b)
        self.outlets[new] = self.outlets.pop(a) | self.outlets.pop(b)
        fa, fb = self.fixed.pop(a), self.fixed.pop(b)
        self.fixed[new] = fa if fa is not None else fb
        self.members[new] = self.members.pop(a) + self.members.pop(b)
        for i in self.members[new]:
            self.owner[i] = new
        return new

    def labels(self) -> list[int]:
        numbers: dict[int, int] = {}
        return [numbers.setdefault(o, len(numbers)) for o in self.owner]


def find_events(corpus: Corpus, clusterer: EventClusterer | None = None) -> list[Event]:
    """The corpus's events, ordered by first date (undated last), then title; deterministic."""
    clusterer = clusterer or EventClusterer()
    items = sorted(corpus.articles, key=lambda a: a.key)
    cleaned = [_cleaned(a) for a in items]
    clusterer.fit(
        [text for text, _ in cleaned],
        [title for _, title in cleaned],
        [a.date for a in items],
        [a.raw.outlet.key for a in items],
        [a.event for a in items],
    )
    groups: dict[int, list[CorpusArticle]] = {}
    for label, item in zip(clusterer.labels_, items):
        groups.setdefault(label, []).append(item)
    titles = {a.key: title for a, (_, title) in zip(items, cleaned)}
    events = [_event(members, titles) for members in groups.values()]
    return sorted(events, key=lambda e: (e.dates is None, e.dates or ("", ""), e.title, e.id))


def article_id(item: CorpusArticle) -> str:
    """The article's id inside its event's story: outlet key and a short content hash, unique per event."""
    return f"{item.raw.outlet.key[:40]}-{item.key[:8]}"


def _cleaned(item: CorpusArticle) -> tuple[str, str | None]:
    """The body without page furniture and the headline (given, or found by the cleaner): what to compare."""
    from framing.clean import clean

    article = clean(item.raw)
    title = item.raw.title or article.title
    return (article.text if article.paragraphs else item.raw.text), title


def _event(members: list[CorpusArticle], titles: dict[str, str | None]) -> Event:
    members = sorted(members, key=lambda a: (a.date or "9999", a.raw.outlet.key, a.key))
    # The story lexicons the articles came with take part: a changed lexicon is a changed event.
    identity = sorted(f"{a.key}:{a.lexicons_sha256}" for a in members)
    digest = hashlib.sha256("\n".join(identity).encode()).hexdigest()
    dates = sorted(d for d in (a.date for a in members) if d)
    return Event(f"e{digest[:12]}", _title(members, titles), (dates[0], dates[-1]) if dates else None, tuple(members))


def _title(members: list[CorpusArticle], titles: dict[str, str | None]) -> str:
    """The headline sharing most words with the others' headlines (the first on a tie)."""
    from framing.words import fold

    titled = [t for t in (titles[a.key] for a in members) if t]
    if not titled:
        return members[0].raw.text.strip().split("\n", 1)[0][:120]
    words = [set(re.findall(r"\w+", fold(t))) for t in titled]
    scores = [sum(len(w & other) for k, other in enumerate(words) if k != i) for i, w in enumerate(words)]
    return titled[max(range(len(titled)), key=lambda i: (scores[i], -i))]


def _names(text: str) -> list[str]:
    """Proper names of a text, folded: runs of capitalised words, skipping a lone capital opening a sentence."""
    names = []
    for match in _NAME.finditer(text):
        name = match.group(0)
        opens_sentence = not text[: match.start()].rstrip(" \"'“‘(") or text[: match.start()].rstrip(" \"'“‘(")[-1] in ".!?\n:"
        if " " in name or not opens_sentence:
            names.append(name.casefold())
    return names


def _day(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None
