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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform
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


def _cosine(docs: list[Any], analyzer: Any = None, **params: Any) -> np.ndarray:
    """Cosine similarity between documents given as word lists (or texts, with ``analyzer``)."""
    vectorizer = TfidfVectorizer(analyzer=analyzer or (lambda words: words), sublinear_tf=True, **params)
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError:  # no word at all
        return np.zeros((len(docs), len(docs)))
    return (matrix @ matrix.T).toarray()


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
    for u, ents in zip(units, entities):
        for m in mentions.get(articles[u.article].id, ()):
            if u.span.start <= m.span.start and m.span.end <= u.span.end:
                ents.add(f"actor:{fold(m.actor)}")
    numbers = [{n.replace(",", "") for n in _NUMBER_RE.findall(u.span.text)} for u in units]
    return entities, numbers


def _shared_counts(features: list[set[str]], cap: int = 2) -> np.ndarray:
    """How many uncommon features each pair of sentences shares, capped at ``cap``."""
    n = len(features)
    df: dict[str, int] = {}
    for fs in features:
        for f in fs:
            df[f] = df.get(f, 0) + 1
    limit = max(2, COMMON_ENTITY * n)
    vocab = {f: k for k, f in enumerate(sorted(f for f, c in df.items() if c <= limit))}
    rows = [r for r, fs in enumerate(features) for f in fs if f in vocab]
    cols = [vocab[f] for fs in features for f in fs if f in vocab]
    if not vocab:
        return np.zeros((n, n))
    binary = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(vocab)))
    return np.minimum((binary @ binary.T).toarray(), cap)


def _similarity(
    units: list[_Sentence], articles: Sequence[Article], mentions: Mapping[str, Sequence[Mention]]
) -> np.ndarray:
    content = _cosine([_content_words(u.span, articles[u.article].text) for u in units])
    entities, numbers = _entities(units, articles, mentions)
    bonus = ENTITY_BONUS * _shared_counts(entities) + NUMBER_BONUS * _shared_counts(numbers)
    return content + np.where(content > 0, bonus, 0.0)


def _clusters(sim: np.ndarray, units: list[_Sentence], threshold: float) -> list[list[int]]:
    """Average-linkage clusters of sentences, in order of first appearance."""
    n = len(units)
    if n == 1:
        return [[0]]
    owner = np.array([u.article for u in units])
    distance = 1.0 - np.clip(sim, 0.0, 1.0)
    distance[owner[:, None] == owner[None, :]] = 1.0  # same article: never the evidence of a link
    np.fill_diagonal(distance, 0.0)
    labels = fcluster(linkage(squareform(distance, checks=False), "average"), 1.0 - threshold, "distance")
    groups: dict[int, list[int]] = {}
    for k, label in enumerate(labels):
        groups.setdefault(int(label), []).append(k)
    return sorted(groups.values(), key=lambda g: g[0])


def _element(
    number: int, width: int, members: list[int], units: list[_Sentence], articles: Sequence[Article], sim: np.ndarray
) -> Element:
    if len(members) > 1:
        sub = sim[np.ix_(members, members)]
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
    sim = _cosine([u.span.text for u in units], analyzer, use_idf=False, binary=True)
    copies: dict[tuple[int, int], list[tuple[int, int, float]]] = {}
    for i, j in zip(*np.nonzero(np.triu(sim >= copy_threshold - 1e-12, k=1))):
        a, b = units[i].article, units[j].article
        if a != b:
            copies.setdefault((a, b), []).append((i, j, round(float(sim[i, j]), 4)))
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
    sim = _similarity(units, articles, mentions or {})
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
