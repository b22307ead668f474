"""What each article includes and leaves out: sentences grouped into story elements across articles.

A story element is one reported fact. Sentences of different articles join one element when they
are similar enough: TF-IDF cosine over stemmed content words (fitted on all sentences of the story)
plus small bonuses for sharing specific things — an actor mentioned in both, a number or year, a
capitalised name. Common entities (in more than a quarter of the sentences: "Russia", "Syria" in
a story about them) earn no bonus: they do not tell facts apart. Sentences are clustered with
average linkage, which, unlike linking pairs into connected components, does not chain unrelated
sentences into one giant element. Near-copies (wire text reused) are judged separately on word
uni- and bigrams, stop words included, so that only close wording counts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

from framing.models import Article, Mention, Span
from framing.words import fold, sentences, tokens
from framing.analyse.lenses.terms import NgramAnalyzer, english_stop_words, normalise_word

ENTITY_BONUS = 0.1  # per shared actor or name, at most two counted
NUMBER_BONUS = 0.1  # per shared number, at most two counted
COMMON_ENTITY = 0.25  # an entity in more than this share of sentences earns no bonus
# Capitalised words that are titles, not names: "Foreign Minister" is said of many people.
_TITLES = frozenset(
    "minister ministry foreign deputy president presidential prime secretary special envoy representative "
    "general chief head leader state government official officials spokesman spokeswoman ambassador "
    "king prince emir sheikh mr mrs ms dr".split()
)
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_BLOCK_CELLS = 1_000_000  # cells of a block of rows computed at once: 8 MB of float64


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    try:
        import snowballstemmer
    except ImportError:  # stemming only sharpens similarity; without it, words match as written
        return None
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    stemmer = _stemmer()
    return stemmer.stemWord(word) if stemmer else word


@dataclass(frozen=True)
class _Sentence:
    article: int
    position: int
    span: Span
    lead: bool


@dataclass(frozen=True)
class Element:
    """One reported fact and where each article reports it.

    ``lead`` lists the articles that carry the element in their first paragraph or first sentence.
    """

    id: str
    text: str
    representative: Span
    sentences: dict[str, tuple[Span, ...]]
    articles: tuple[str, ...]
    lead: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "representative": self.representative.to_json(),
            "articles": list(self.articles),
            "lead": list(self.lead),
            "sentences": {a: [s.to_json() for s in spans] for a, spans in self.sentences.items()},
        }


@dataclass(frozen=True)
class NearCopy:
    """Two sentences of different articles worded nearly alike (cosine ≥ the copy threshold)."""

    a: Span
    b: Span
    similarity: float

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a.to_json(), "b": self.b.to_json(), "similarity": self.similarity}


@dataclass(frozen=True)
class CopiedPair:
    """Two articles and the share of their sentences that are near-copies of the other's."""

    a: str
    b: str
    share: float
    flagged: bool
    copies: tuple[NearCopy, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "share": self.share,
            "flagged": self.flagged,
            "copies": [c.to_json() for c in self.copies],
        }


@dataclass(frozen=True)
class Coverage:
    """The story's elements and what they show about each article's selection of facts.

    ``matrix`` has one row per element (in ``elements`` order) and one column per article (in
    ``articles`` order): how many of the article's sentences report the element.
    """

    articles: tuple[str, ...]
    elements: tuple[Element, ...]
    matrix: tuple[tuple[int, ...], ...]
    shared_by_all: tuple[str, ...]
    only_in: dict[str, tuple[str, ...]]
    lead_elements: dict[str, tuple[str, ...]]
    near_copies: tuple[NearCopy, ...]
    copied_pairs: tuple[CopiedPair, ...]
    threshold: float

    def element(self, element_id: str) -> Element:
        """The element with ``element_id``; raises KeyError if there is none."""
        for e in self.elements:
            if e.id == element_id:
                return e
        raise KeyError(element_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": list(self.articles),
            "threshold": self.threshold,
            "elements": [e.to_json() for e in self.elements],
            "matrix": [{"element": e.id, "counts": list(row)} for e, row in zip(self.elements, self.matrix)],
            "shared_by_all": list(self.shared_by_all),
            "only_in": {a: list(ids) for a, ids in self.only_in.items()},
            "lead_elements": {a: list(ids) for a, ids in self.lead_elements.items()},
            "near_copies": [c.to_json() for c in self.near_copies],
            "copied_pairs": [p.to_json() for p in self.copied_pairs],
        }


def _units(articles: Sequence[Article]) -> list[_Sentence]:
    units = []
    for i, article in enumerate(articles):
        first = article.paragraphs[0] if article.paragraphs else None
        for k, span in enumerate(sentences(article)):
            lead = k == 0 or (first is not None and first.start <= span.start < first.end)
            units.append(_Sentence(i, k, span, lead))
    return units


def _content_words(span: Span, text: str) -> list[str]:
    stop = english_stop_words()
    words = (normalise_word(t.text) for t in tokens(text, span.start, span.end))
    return [_stem(w) for w in words if len(w) > 1 and w not in stop]


def _tfidf(docs: list[Any], analyzer: Any = None, **params: Any) -> csr_matrix:
    """L2-normalised TF-IDF rows of documents given as word lists (or texts, with ``analyzer``):
    row products are cosines."""
    vectorizer = TfidfVectorizer(analyzer=analyzer or (lambda words: words), sublinear_tf=True, **params)
    try:
        return vectorizer.fit_transform(docs).tocsr()
    except ValueError:  # no word at all
        return csr_matrix((len(docs), 1))


def _row_blocks(n: int, width: int) -> Iterator[range]:
    """Ranges of rows so that a block times ``width`` columns stays small (a few million cells)."""
    step = max(1, _BLOCK_CELLS // max(1, width))
    for start in range(0, n, step):
        yield range(start, min(n, start + step))


def _entities(
    units: list[_Sentence], articles: Sequence[Article], mentions: Mapping[str, Sequence[Mention]]
) -> tuple[list[set[str]], list[set[str]]]:
    """Per sentence: actors and capitalised names (one set), and numbers."""
    stop = english_stop_words()
    mid_caps: set[str] = set()
    found: list[list[tuple[str, bool]]] = []
    for u in units:
        text = articles[u.article].text
        caps = []
        for k, tok in enumerate(tokens(text, u.span.start, u.span.end)):
            word = normalise_word(tok.text)
            if tok.text[0].isupper() and len(word) > 1 and word not in stop and word not in _TITLES:
                caps.append((word, k == 0))
                if k:
                    mid_caps.add(word)
        found.append(caps)
    entities = [{f"name:{w}" for w, first in caps if not first or w in mid_caps} for caps in found]
    by_start = {
        a.id: sorted(mentions.get(a.id, ()), key=lambda m: m.span.start) for a in articles
    }
    starts = {aid: [m.span.start for m in ms] for aid, ms in by_start.items()}
    for u, ents in zip(units, entities):
        aid = articles[u.article].id
        inside = by_start[aid][bisect_left(starts[aid], u.span.start) : bisect_left(starts[aid], u.span.end)]
        ents.update(f"actor:{fold(m.actor)}" for m in inside if m.span.end <= u.span.end)
    numbers = [{n.replace(",", "") for n in _NUMBER_RE.findall(u.span.text)} for u in units]
    return entities, numbers


def _uncommon(features: list[set[str]]) -> csr_matrix:
    """Sentence × feature incidence of the features in at most a quarter of the sentences (or two)."""
    n = len(features)
    df: dict[str, int] = {}
    for fs in features:
        for f in fs:
            df[f] = df.get(f, 0) + 1
    limit = max(2, COMMON_ENTITY * n)
    vocab = {f: k for k, f in enumerate(sorted(f for f, c in df.items() if c <= limit))}
    rows = [r for r, fs in enumerate(features) for f in fs if f in vocab]
    cols = [vocab[f] for fs in features for f in fs if f in vocab]
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, max(1, len(vocab))))


class _Similarity:
    """Sentence similarity: TF-IDF cosine of content words, plus a bonus for each shared uncommon
    entity or number (at most two of each) where the cosine is positive.

    Kept as sparse factors, so a block of rows is computed on demand and no sentence × sentence
    matrix of the whole story is ever held.
    """

    def __init__(self, units: list[_Sentence], articles: Sequence[Article], mentions: Mapping[str, Sequence[Mention]]):
        self.content = _tfidf([_content_words(u.span, articles[u.article].text) for u in units])
        entities, numbers = _entities(units, articles, mentions)
        self.entities, self.numbers = _uncommon(entities), _uncommon(numbers)

    def block(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        """The dense similarities of ``rows`` × ``cols``."""
        content = (self.content[rows] @ self.content[cols].T).toarray()
        shared = [np.minimum((m[rows] @ m[cols].T).toarray(), 2) for m in (self.entities, self.numbers)]
        bonus = ENTITY_BONUS * shared[0] + NUMBER_BONUS * shared[1]
        return content + np.where(content > 0, bonus, 0.0)

    def sparse_rows(self, rows: range) -> csr_matrix:
        """The similarities of ``rows`` with every sentence, zero where the cosine is zero: the
        same values as ``block`` without a dense row for sentences that share no content word."""
        content = self.content[rows] @ self.content.T
        shared = []
        for m in (self.entities, self.numbers):
            counts = (m[rows] @ m.T).tocsr()
            counts.data = np.minimum(counts.data, 2)
            shared.append(counts)
        bonus = (ENTITY_BONUS * shared[0] + NUMBER_BONUS * shared[1]).multiply(content > 0)
        return (content + bonus).tocsr()


def _groups(sim: _Similarity, owner: np.ndarray, threshold: float) -> list[list[int]]:
    """Sentences joined by a cross-article similarity of at least ``threshold``, as connected groups.

    Average linkage only merges two clusters whose mean similarity reaches the threshold, so one
    of their pairs does: no element can span two of these groups, and each is clustered alone.
    """
    n = len(owner)
    edges_a, edges_b = [], []
    for rows in _row_blocks(n, n):
        block = sim.sparse_rows(rows).tocoo()
        i, j = block.row + rows.start, block.col
        keep = (block.data >= threshold - 1e-9) & (owner[i] != owner[j])
        edges_a.append(i[keep])
        edges_b.append(j[keep])
    a, b = np.concatenate(edges_a), np.concatenate(edges_b)
    graph = csr_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for k, label in enumerate(labels):
        groups.setdefault(int(label), []).append(k)
    return list(groups.values())


def _condensed_distance(sim: _Similarity, members: list[int], owner: np.ndarray) -> np.ndarray:
    """The condensed distance vector (upper triangle, row by row) of a group, for ``linkage``:
    1 − similarity, and 1 within one article (never the evidence of a link). Built a block of rows
    at a time, so the square matrix is never held."""
    n = len(members)
    out = np.empty(n * (n - 1) // 2)
    mine = owner[members]
    pos = 0
    for rows in _row_blocks(n, n):
        distance = 1.0 - np.clip(sim.block(members[rows.start : rows.stop], members), 0.0, 1.0)
        distance[mine[rows.start : rows.stop, None] == mine[None, :]] = 1.0
        for r, i in enumerate(rows):
            out[pos : pos + n - i - 1] = distance[r, i + 1 :]
            pos += n - i - 1
    return out


def _clusters(sim: _Similarity, units: list[_Sentence], threshold: float) -> list[list[int]]:
    """Average-linkage clusters of sentences, in order of first appearance."""
    owner = np.array([u.article for u in units])
    clusters: list[list[int]] = []
    for members in _groups(sim, owner, threshold):
        if len(members) == 1:
            clusters.append(members)
            continue
        labels = fcluster(linkage(_condensed_distance(sim, members, owner), "average"), 1.0 - threshold, "distance")
        found: dict[int, list[int]] = {}
        for k, label in zip(members, labels):
            found.setdefault(int(label), []).append(k)
        clusters.extend(found.values())
    return sorted(clusters, key=lambda g: g[0])


def _element(
    number: int, width: int, members: list[int], units: list[_Sentence], articles: Sequence[Article], sim: _Similarity
) -> Element:
    if len(members) > 1:
        sub = sim.block(members, members)
        centrality = (sub.sum(axis=1) - np.diag(sub)) / (len(members) - 1)
        central = members[int(np.argmax(np.round(centrality, 10)))]
    else:
        central = members[0]
    by_article: dict[str, list[Span]] = {}
    lead: list[str] = []
    for k in members:
        art = articles[units[k].article].id
        by_article.setdefault(art, []).append(units[k].span)
        if units[k].lead and art not in lead:
            lead.append(art)
    return Element(
        id=f"e{number:0{width}d}",
        text=units[central].span.text,
        representative=units[central].span,
        sentences={a: tuple(spans) for a, spans in by_article.items()},
        articles=tuple(by_article),
        lead=tuple(lead),
    )


def _near_copies(
    units: list[_Sentence], articles: Sequence[Article], copy_threshold: float, copy_share: float
) -> tuple[tuple[NearCopy, ...], tuple[CopiedPair, ...]]:
    analyzer = NgramAnalyzer((1, 2))
    # Wording overlap alone: which uni- and bigrams both sentences use, no corpus weighting.
    words = _tfidf([u.span.text for u in units], analyzer, use_idf=False, binary=True)
    copies: dict[tuple[int, int], list[tuple[int, int, float]]] = {}
    n = len(units)
    for rows in _row_blocks(n, n):
        sim = (words[rows] @ words.T).toarray()
        for i, j in zip(*np.nonzero(np.triu(sim >= copy_threshold - 1e-12, k=1 + rows.start))):
            a, b = units[i + rows.start].article, units[j].article
            if a != b:
                copies.setdefault((a, b), []).append((i + rows.start, j, round(float(sim[i, j]), 4)))
    sizes = np.bincount([u.article for u in units], minlength=len(articles))
    pairs, all_copies = [], []
    for (a, b), found in sorted(copies.items()):
        near = tuple(NearCopy(units[i].span, units[j].span, s) for i, j, s in found)
        copied = len({i for i, _, _ in found}) + len({j for _, j, _ in found})
        share = round(copied / int(sizes[a] + sizes[b]), 4)
        pairs.append(CopiedPair(articles[a].id, articles[b].id, share, bool(share >= copy_share), near))
        all_copies.extend(near)
    return tuple(all_copies), tuple(pairs)


def build_coverage(
    articles: Sequence[Article],
    mentions: Mapping[str, Sequence[Mention]] | None = None,
    threshold: float = 0.3,
    copy_threshold: float = 0.8,
    copy_share: float = 0.3,
) -> Coverage:
    """Group the body sentences of ``articles`` into story elements and compare coverage.

    ``mentions`` maps article id → actor mentions (from the actors lens), used as a similarity
    bonus. ``threshold`` is the average similarity at which sentences of different articles join
    one element; ``copy_threshold`` the cosine for a near-copy; ``copy_share`` the share of near-
    copied sentences for which an article pair is flagged. Element ids ("e01", …) follow the first
    appearance of each element, articles in input order. Raises ValueError for duplicate ids.
    """
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise ValueError(f"article ids must be unique to compare coverage; got {ids}")
    units = _units(articles)
    if not units:
        return Coverage(tuple(ids), (), (), (), {a: () for a in ids}, {a: () for a in ids}, (), (), threshold)
    sim = _Similarity(units, articles, mentions or {})
    groups = _clusters(sim, units, threshold)
    width = max(2, len(str(len(groups))))
    elements = tuple(_element(k + 1, width, g, units, articles, sim) for k, g in enumerate(groups))
    matrix = tuple(tuple(len(e.sentences.get(a, ())) for a in ids) for e in elements)
    near, pairs = _near_copies(units, articles, copy_threshold, copy_share)
    return Coverage(
        articles=tuple(ids),
        elements=elements,
        matrix=matrix,
        shared_by_all=tuple(e.id for e in elements if len(ids) > 1 and len(e.articles) == len(ids)),
        only_in={a: tuple(e.id for e in elements if e.articles == (a,)) for a in ids},
        lead_elements={a: tuple(e.id for e in elements if a in e.lead) for a in ids},
        near_copies=near,
        copied_pairs=pairs,
        threshold=threshold,
    )
