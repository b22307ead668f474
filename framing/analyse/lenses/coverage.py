"""What each article includes and leaves out: sentences grouped into story elements across articles.

A story element is one reported fact. Sentences of different articles join one element when they
are similar enough: TF-IDF cosine over stemmed content words other than names, titles and numbers
(fitted on all sentences of the story; "U.S." and "US" one word, common event words of one meaning
— "visited", "arrived" — counted as one, from the English profile's ``synonyms``), plus small
bonuses for sharing an actor, a name or a number. Two sentences that share no uncommon word beyond
names and numbers are not similar at all: shared names alone do not make one fact. Common entities
(in more than a quarter of the sentences) earn no bonus. Sentences are clustered by leader
clustering in reading order, against the average of each element, which does not chain unrelated
sentences into one giant element and costs one pass over the similar pairs. An element also
records which other articles have a moderately similar sentence, so that absence is claimed only
where nothing close exists. Near-copies (wire text reused) are judged separately on word
uni- and bigrams, stop words included, so that only close wording counts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer

from framing.models import Article, Mention, Span
from framing.words import fold, sentences, tokens
from framing.analyse.lenses.terms import NgramAnalyzer, english_stop_words, normalise_word

ENTITY_BONUS = 0.1  # per shared actor or name, at most two counted
NUMBER_BONUS = 0.1  # per shared number, at most two counted
COMMON_ENTITY = 0.25  # an entity or word in more than this share of sentences neither earns a bonus nor links
FULL_BONUS = 0.3  # content cosine from which shared names and numbers count fully; below, in proportion
GATE_SHARED = 2  # predicates two sentences must share when none of them is uncommon
RELATED = 0.35  # share of the threshold at which another article's sentence is "related": no claim of absence
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_ACRONYM_RE = re.compile(r"^(?:[A-Z]\.){2,}[A-Z]?\.?$|^(?:[A-Z]\.)+[A-Z]$|^[A-Z]{2,5}$")
_PARTICLES = frozenset("de la le al el da di van von".split())  # kept as words, but they say nothing alone
_BLOCK_CELLS = 1_000_000  # cells of a block of rows computed at once: 8 MB of float64


@lru_cache(maxsize=1)
def _english() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    """Words that do not tell facts apart (titles, particles, the profile's ``weak_words``), reporting
    verbs (stemmed) and the event-word synonyms (stem → the group's stem) of the English profile."""
    import tomllib
    from importlib import resources

    from framing.lang import profile

    english = profile("en")
    with resources.files("framing").joinpath("lang", "en.toml").open("rb") as fh:
        data = tomllib.load(fh)["language"]
    groups = data.get("synonyms", [])
    synonyms = {}
    for group in groups:
        words = group.split()
        for w in words:
            synonyms[_stem(w)] = _stem(words[0])
    weak = (english.titles if english else frozenset()) | _PARTICLES | {w.lower() for w in data.get("weak_words", [])}
    verbs = english.reporting_verbs if english else frozenset()
    return frozenset(weak), frozenset(_stem(v) for v in verbs) | {"said", "told"}, synonyms


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

    ``lead`` lists the articles that carry the element in their first paragraph or first sentence;
    ``related`` maps each other article with a sentence at least moderately similar to one of the
    element's (``RELATED`` of the joining threshold, not enough to join) to that similarity, or, for a
    lone sentence told mostly in the others' words, each article using some of them to the share it
    uses: such an article may report the fact in words too different to tell, so its absence is not
    claimed.
    """

    id: str
    text: str
    representative: Span
    sentences: dict[str, tuple[Span, ...]]
    articles: tuple[str, ...]
    lead: tuple[str, ...]
    related: dict[str, float] = field(default_factory=dict)

    @property
    def spans(self) -> tuple[Span, ...]:
        """Every sentence of the element in article order: ``sentences`` is filled in that order."""
        return tuple(s for spans in self.sentences.values() for s in spans)


@dataclass(frozen=True)
class NearCopy:
    """Two sentences of different articles worded nearly alike (cosine ≥ the copy threshold)."""

    a: Span
    b: Span
    similarity: float


@dataclass(frozen=True)
class CopiedPair:
    """Two articles and the share of their sentences that are near-copies of the other's."""

    a: str
    b: str
    share: float
    flagged: bool
    copies: tuple[NearCopy, ...]


@dataclass(frozen=True)
class Coverage:
    """The story's elements and what they show about each article's selection of facts.

    How many of an article's sentences report an element is ``len(element.sentences[article])``:
    no article × element table is held, as it would grow with the square of a large story.
    """

    articles: tuple[str, ...]
    elements: tuple[Element, ...]
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


def _units(articles: Sequence[Article]) -> list[_Sentence]:
    units = []
    for i, article in enumerate(articles):
        first = article.paragraphs[0] if article.paragraphs else None
        for k, span in enumerate(sentences(article)):
            lead = k == 0 or (first is not None and first.start <= span.start < first.end)
            units.append(_Sentence(i, k, span, lead))
    return units


@dataclass
class _Words:
    """What one sentence says, as features: content stems (names included), the stems that can carry
    its predicate (not names, numbers or reporting verbs), actors and names, and numbers."""

    content: list[str]
    everything: list[str]
    predicates: set[str]
    entities: set[str]
    numbers: set[str]


def _key(word: str) -> tuple[str, bool]:
    """The folded form of a token and whether it is an acronym: "U.S.", "U.S" and "US" are one word."""
    if _ACRONYM_RE.match(word):
        return word.replace(".", "").lower(), True
    return normalise_word(word), False


def _words(units: list[_Sentence], articles: Sequence[Article], mentions: Mapping[str, Sequence[Mention]]) -> list[_Words]:
    """The features of every sentence. A capitalised word is a name when it also stands capitalised
    inside some sentence (so "Russia" at the start of one is still a name, "The" is not)."""
    _, reporting, _ = _english()
    mid_caps: set[str] = set()
    found: list[list[tuple[str, bool, bool]]] = []  # (word, capitalised, first) per token
    for u in units:
        text = articles[u.article].text
        words = []
        for k, tok in enumerate(tokens(text, u.span.start, u.span.end)):
            word = _kept_word(tok.text)
            if word is None:
                continue
            caps = any(part[:1].isupper() for part in tok.text.split("-"))  # "al-Sharaa" too
            words.append((word, caps, k == 0))
            if caps and k:
                mid_caps.add(word)
        found.append(words)
    out = []
    for u, words in zip(units, found):
        content, everything, predicates, names = [], [], set(), set()
        for word, caps, first in words:
            stem = _event_stem(word)
            if stem is None:
                continue
            name = caps and (not first or word in mid_caps)
            if name:
                names.add(f"name:{word}")
            else:
                content.append(stem)
                everything.append(stem)
                if stem not in reporting:
                    predicates.add(stem)
        numbers = {n.replace(",", "") for n in _NUMBER_RE.findall(u.span.text)}
        out.append(_Words(content, everything, predicates, names, numbers))
    counts = Counter(n for w in out for n in w.entities)
    for w in out:  # names that tell sentences apart count as words, common ones ("Russia") do not
        w.everything.extend(n for n in sorted(w.entities) if counts[n] <= max(2, COMMON_ENTITY * len(out)))
    by_start = {a.id: sorted(mentions.get(a.id, ()), key=lambda m: m.span.start) for a in articles}
    starts = {aid: [m.span.start for m in ms] for aid, ms in by_start.items()}
    for u, w in zip(units, out):
        aid = articles[u.article].id
        inside = by_start[aid][bisect_left(starts[aid], u.span.start) : bisect_left(starts[aid], u.span.end)]
        w.entities.update(f"actor:{fold(m.actor)}" for m in inside if m.span.end <= u.span.end)
    return out


def _kept_word(token: str) -> str | None:
    """The folded form of a token that may tell facts apart; None for a stop word or a single letter."""
    word, acronym = _key(token)
    return None if len(word) < 2 or (word in english_stop_words() and not acronym) else word


def _event_stem(word: str) -> str | None:
    """The stem a kept word is compared by, event-word synonyms as one; None for a weak word (a
    title, a particle, the profile's ``weak_words``) or a number."""
    weak, _, synonyms = _english()
    if word in weak or _NUMBER_RE.fullmatch(word):
        return None
    stem = _stem(word)
    return synonyms.get(stem, stem)


def content_stems(text: str, start: int = 0, end: int | None = None) -> set[str]:
    """The content words of ``text[start:end]`` as coverage compares them: stemmed, event-word synonyms
    as one, without stop words, titles and particles; names included (lower-cased)."""
    out = set()
    for tok in tokens(text, start, len(text) if end is None else end):
        word = _kept_word(tok.text)
        stem = _event_stem(word) if word is not None else None
        if stem is not None:
            out.add(stem)
    return out


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


def _incidence(features: list[set[str]]) -> csr_matrix:
    """Sentence × feature incidence of every feature."""
    vocab = {f: k for k, f in enumerate(sorted({f for fs in features for f in fs}))}
    rows = [r for r, fs in enumerate(features) for f in fs]
    cols = [vocab[f] for fs in features for f in fs]
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(features), max(1, len(vocab))))


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
    """Sentence similarity: TF-IDF cosine of content words (synonyms of common event words counted as
    one), plus a bonus for each shared uncommon entity or number (at most two of each) — and zero
    unless the two sentences share an uncommon word beyond names and numbers: two different facts
    about one person share the name, not what is said of him.

    Kept as sparse factors, so a block of rows is computed on demand and no sentence × sentence
    matrix of the whole story is ever held.
    """

    def __init__(self, units: list[_Sentence], articles: Sequence[Article], mentions: Mapping[str, Sequence[Mention]]):
        words = _words(units, articles, mentions)
        self.content = _tfidf([w.content for w in words])
        self.words = _tfidf([w.everything for w in words])
        self.predicates = _uncommon([w.predicates for w in words])
        self.all_predicates = _incidence([w.predicates for w in words])
        self.entities = _uncommon([w.entities for w in words])
        self.numbers = _uncommon([w.numbers for w in words])

    def block(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        """The dense similarities of ``rows`` × ``cols``."""
        content = (self.content[rows] @ self.content[cols].T).toarray()
        content *= self._gate(rows, cols).toarray()
        shared = [np.minimum((m[rows] @ m[cols].T).toarray(), 2) for m in (self.entities, self.numbers)]
        bonus = ENTITY_BONUS * shared[0] + NUMBER_BONUS * shared[1]
        return content + bonus * np.minimum(content / FULL_BONUS, 1.0)

    def _gate(self, rows: Any, cols: Any) -> csr_matrix:
        """Where two sentences say something alike beyond names: one shared uncommon predicate, or
        two shared predicates of any kind (a fact every outlet reports is told in common words)."""
        uncommon = (self.predicates[rows] @ self.predicates[cols].T) > 0
        shared = self.all_predicates[rows] @ self.all_predicates[cols].T
        return uncommon.maximum(shared >= GATE_SHARED)

    def sparse_rows(self, rows: range) -> csr_matrix:
        """The similarities of ``rows`` with every sentence, zero where the gated cosine is zero: the
        same values as ``block`` without a dense row for sentences that share no content word."""
        content = (self.content[rows] @ self.content.T).multiply(self._gate(rows, slice(None))).tocsr()
        shared = []
        for m in (self.entities, self.numbers):
            counts = (m[rows] @ m.T).tocsr()
            counts.data = np.minimum(counts.data, 2)
            shared.append(counts)
        weight = content.copy()
        weight.data = np.minimum(weight.data / FULL_BONUS, 1.0)
        bonus = (ENTITY_BONUS * shared[0] + NUMBER_BONUS * shared[1]).multiply(weight)
        return (content + bonus).tocsr()


Edges = tuple[np.ndarray, np.ndarray, np.ndarray]


def _edges(sim: _Similarity, owner: np.ndarray, floor: float) -> tuple[Edges, Edges]:
    """Every pair of sentences of different articles with a similarity of at least ``floor``, both
    ways round, ordered by the first: (first, second, similarity); and likewise the pairs at least
    that related, on the similarity or on the plain cosine of all their words, names included
    (a sentence that shares the names and some words of another may tell the same fact)."""
    n = len(owner)
    found: list[tuple[np.ndarray, ...]] = []
    near: list[tuple[np.ndarray, ...]] = []
    for rows in _row_blocks(n, n):
        block = sim.sparse_rows(rows)
        for out, values in ((found, block), (near, block.maximum(sim.words[rows] @ sim.words.T))):
            values = values.tocoo()
            i, j = values.row + rows.start, values.col
            keep = (values.data >= floor - 1e-9) & (owner[i] != owner[j])
            out.append((i[keep], j[keep], values.data[keep]))
    return _ordered(found), _ordered(near)


def _ordered(parts: list[tuple[np.ndarray, ...]]) -> Edges:
    i, j, s = (np.concatenate(column) for column in zip(*parts))
    order = np.lexsort((j, i))
    return i[order], j[order], s[order]


def _clusters(
    edges: tuple[np.ndarray, np.ndarray, np.ndarray], owner: np.ndarray, threshold: float
) -> list[int]:
    """The element of each sentence, by leader clustering in reading order.

    A sentence joins the earlier element it is most similar to on average (over that element's
    sentences from other articles), when one of them reaches ``threshold`` and the average reaches
    half of it; otherwise it starts an element. Each sentence looks only at its own edges, so the
    cost is linear in the edges, and no chain of pairwise links can grow one giant element.
    """
    first, second, value = edges
    bounds = np.searchsorted(first, np.arange(len(owner) + 1))
    element = np.full(len(owner), -1)
    size: list[int] = []
    per_article: dict[tuple[int, int], int] = {}
    for i in range(len(owner)):
        total: dict[int, float] = {}
        best: dict[int, float] = {}
        for j, s in zip(second[bounds[i] : bounds[i + 1]], value[bounds[i] : bounds[i + 1]]):
            e = int(element[j])
            if e >= 0:
                total[e] = total.get(e, 0.0) + float(s)
                best[e] = max(best.get(e, 0.0), float(s))
        mine = int(owner[i])
        scored = [
            (total[e] / (size[e] - per_article.get((e, mine), 0)), -e)
            for e in total
            if best[e] >= threshold - 1e-9
        ]
        choice = max(scored, default=None)
        if choice is not None and choice[0] >= RELATED * threshold - 1e-9:
            e = -choice[1]
        else:
            e = len(size)
            size.append(0)
        element[i] = e
        size[e] += 1
        per_article[(e, mine)] = per_article.get((e, mine), 0) + 1
    return [int(e) for e in element]


def _centrals(groups: list[list[int]], sim: _Similarity) -> dict[int, int]:
    """The most central sentence of each group of two or more (highest mean similarity to the rest).

    Groups are taken a batch at a time, one block of similarities per batch whose diagonal blocks are
    the groups: a few sparse products for the whole story rather than one per element."""
    centrals: dict[int, int] = {}
    batch: list[list[int]] = []

    def flush() -> None:
        rows = [k for g in batch for k in g]
        sub = sim.block(rows, rows)
        at = 0
        for g in batch:
            own = sub[at : at + len(g), at : at + len(g)]
            centrality = (own.sum(axis=1) - np.diag(own)) / (len(g) - 1)
            centrals[g[0]] = g[int(np.argmax(np.round(centrality, 10)))]
            at += len(g)
        batch.clear()

    size = 0
    for g in groups:
        if len(g) < 2:
            continue
        if batch and (size + len(g)) ** 2 > _BLOCK_CELLS:
            flush()
            size = 0
        batch.append(g)
        size += len(g)
    if batch:
        flush()
    return centrals


def _element(
    number: int,
    width: int,
    members: list[int],
    central: int,
    units: list[_Sentence],
    articles: Sequence[Article],
    related: Mapping[int, float],
) -> Element:
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
        related={articles[a].id: round(v, 4) for a, v in sorted(related.items()) if articles[a].id not in by_article},
    )


def _near_copies(
    units: list[_Sentence], articles: Sequence[Article], copy_threshold: float, copy_share: float
) -> tuple[tuple[NearCopy, ...], tuple[CopiedPair, ...]]:
    analyzer = NgramAnalyzer((1, 2))
    # Wording overlap alone: which uni- and bigrams both sentences use, no corpus weighting.
    words = _tfidf([u.span.text for u in units], analyzer, use_idf=False, binary=True)
    copies: dict[tuple[int, int], list[tuple[int, int, float]]] = {}
    n = len(units)
    owner = np.array([u.article for u in units])
    for rows in _row_blocks(n, n):
        # Sparse: only pairs that share a word are ever looked at (a dense block would cost the
        # square of a long article's sentences).
        block = (words[rows] @ words.T).tocoo()
        i, j, v = block.row + rows.start, block.col, block.data
        keep = (v >= copy_threshold - 1e-12) & (j > i) & (owner[i] != owner[j])
        i, j, v = i[keep], j[keep], v[keep]
        for k in np.lexsort((j, i)):
            a, b = units[i[k]].article, units[j[k]].article
            copies.setdefault((a, b), []).append((int(i[k]), int(j[k]), round(float(v[k]), 4)))
    sizes = np.bincount([u.article for u in units], minlength=len(articles))
    pairs, all_copies = [], []
    for (a, b), found in sorted(copies.items()):
        near = tuple(NearCopy(units[i].span, units[j].span, s) for i, j, s in found)
        copied = len({i for i, _, _ in found}) + len({j for _, j, _ in found})
        share = round(copied / int(sizes[a] + sizes[b]), 4)
        pairs.append(CopiedPair(articles[a].id, articles[b].id, share, bool(share >= copy_share), near))
        all_copies.extend(near)
    return tuple(all_copies), tuple(pairs)


def _numbers(text: str) -> set[str]:
    """The numbers of two digits or more in ``text`` ("14", "12,000" as "#12000"): a figure another
    article also gives ties a sentence to it more than any word does."""
    return {"#" + n.replace(",", "") for n in _NUMBER_RE.findall(text) if len(n.replace(",", "")) >= 2}


NOVEL_SHARE = 0.7  # share of a lone sentence's content words no other article uses, for its absence elsewhere to be claimed


def _unless_told_elsewhere(elements: tuple[Element, ...], articles: Sequence[Article]) -> tuple[Element, ...]:
    """Elements one article alone reports, unless most of their words are the other articles' words.

    A sentence whose content words the others use, only not together in one sentence, may report the
    same fact in other words ("took a hit" / "sagging"): unless at least ``NOVEL_SHARE`` of its words
    appear in no other article, its element is related to each article that uses some of them (the
    share of its words that article uses), and its absence there is not claimed; so is an element that
    gives a figure of two digits or more another article also gives. Which articles use
    each word is gathered once, so the cost is one pass over the texts plus the lone elements' words."""
    lone = [k for k, e in enumerate(elements) if len(e.articles) == 1 and not e.related]
    if not lone:
        return elements
    by_id = {a.id: a for a in articles}
    used_by: dict[str, set[str]] = {}  # content word → ids of the articles that use it
    for article in articles:
        for word in set().union(*(content_stems(article.text, b.start, b.end) for b in article.paragraphs)):
            used_by.setdefault(word, set()).add(article.id)
        for number in _numbers(article.text):
            used_by.setdefault(number, set()).add(article.id)
    out = list(elements)
    for k in lone:
        e = elements[k]
        mine = e.articles[0]
        own = set().union(*(content_stems(by_id[mine].text, s.start, s.end) for s in e.spans))
        numbers = set().union(*(_numbers(s.text) for s in e.spans))
        shared = any(used_by.get(n, set()) - {mine} for n in numbers)
        novel = sum(1 for w in own if used_by.get(w, set()) <= {mine})
        if not own or (novel >= NOVEL_SHARE * len(own) and not shared):
            continue
        counts: Counter = Counter(aid for w in own | numbers for aid in used_by.get(w, ()) if aid != mine)
        out[k] = replace(e, related={a.id: round(counts[a.id] / len(own), 4) for a in articles if counts[a.id]})
    return tuple(out)


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
        return Coverage(tuple(ids), (), (), {a: () for a in ids}, {a: () for a in ids}, (), (), threshold)
    sim = _Similarity(units, articles, mentions or {})
    owner = np.array([u.article for u in units])
    edges, near_edges = _edges(sim, owner, RELATED * threshold)
    of = _clusters(edges, owner, threshold)
    groups: dict[int, list[int]] = {}
    for k, e in enumerate(of):
        groups.setdefault(e, []).append(k)
    related: dict[int, dict[int, float]] = {e: {} for e in groups}
    for i, j, s in zip(*near_edges):
        near = related[of[i]]
        near[int(owner[j])] = max(near.get(int(owner[j]), 0.0), float(s))
    width = max(2, len(str(len(groups))))
    centrals = _centrals(list(groups.values()), sim)
    elements = tuple(
        _element(k + 1, width, g, centrals.get(g[0], g[0]), units, articles, related[e])
        for k, (e, g) in enumerate(groups.items())
    )
    elements = _unless_told_elsewhere(elements, articles)
    near, pairs = _near_copies(units, articles, copy_threshold, copy_share)
    only_in: dict[str, list[str]] = {a: [] for a in ids}
    leads: dict[str, list[str]] = {a: [] for a in ids}
    for e in elements:  # one pass over the elements, not one per article
        if len(e.articles) == 1 and not e.related:
            only_in[e.articles[0]].append(e.id)
        for a in e.lead:
            leads[a].append(e.id)
    return Coverage(
        articles=tuple(ids),
        elements=elements,
        shared_by_all=tuple(e.id for e in elements if len(ids) > 1 and len(e.articles) == len(ids)),
        only_in={a: tuple(v) for a, v in only_in.items()},
        lead_elements={a: tuple(v) for a, v in leads.items()},
        near_copies=near,
        copied_pairs=pairs,
        threshold=threshold,
    )
