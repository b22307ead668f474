"""Sentence-level frame tags: which frames each body sentence carries, and each frame's share.

The categories are adapted from the Policy Frames Codebook (Boydstun et al.) to foreign-affairs
news and come from a lexicon of kind "frame"; this module takes that lexicon's matches as input. A
sentence carries every frame whose cue it contains (several at once is normal); a frame's share is
the fraction of the article's body sentences that carry it, with a bootstrap interval over
sentences, because one article is a small sample.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from framing.models import Article, Match, Span
from framing.words import sentences
from framing.analyse.stats import MIN_EVIDENCE, bootstrap_shares, enough

EXAMPLES = 3  # example sentences kept per frame


@dataclass(frozen=True)
class TaggedSentence:
    """A body sentence and the frames its cues put on it."""

    span: Span
    index: int
    frames: tuple[str, ...]
    cues: tuple[Match, ...]


@dataclass(frozen=True)
class FrameShare:
    """One frame in one article: sentences carrying it, their share with interval, and evidence."""

    category: str
    sentences: int
    share: float
    low: float
    high: float
    matches: int
    cues: tuple[Span, ...]
    examples: tuple[Span, ...]


@dataclass(frozen=True)
class ArticleFrames:
    """The frames of one article, in the order the categories were given.

    ``leading`` is the frame with the largest share, or None when the evidence cannot support one;
    ``leading_reason`` then says why.
    """

    article: str
    n_sentences: int
    frames: tuple[FrameShare, ...]
    tagged: tuple[TaggedSentence, ...]
    leading: str | None
    leading_reason: str
    unplaced: int = 0  # matches outside the body sentences (sub-headings), not counted

    def frame(self, category: str) -> FrameShare:
        """The share of ``category``; raises KeyError if it was not among the categories."""
        for f in self.frames:
            if f.category == category:
                return f
        raise KeyError(category)


def _place(matches: Sequence[Match], spans: Sequence[Span]) -> tuple[list[list[Match]], int]:
    """Each sentence's matches (by where the match starts), and how many fell outside all of them."""
    starts = [s.start for s in spans]
    placed: list[list[Match]] = [[] for _ in spans]
    unplaced = 0
    for m in sorted(matches, key=lambda m: (m.span.start, m.span.end, m.category, m.phrase)):
        k = bisect.bisect_right(starts, m.span.start) - 1
        if k >= 0 and m.span.start < spans[k].end:
            placed[k].append(m)
        else:
            unplaced += 1
    return placed, unplaced


def _leading(shares: Sequence[FrameShare], n_sentences: int) -> tuple[str | None, str]:
    if not enough(n_sentences, MIN_EVIDENCE.sentences):
        return None, f"only {n_sentences} body sentences; {MIN_EVIDENCE.sentences} needed to rank frames"
    ranked = sorted(shares, key=lambda f: (-f.sentences, -f.matches, f.category))
    if not ranked or ranked[0].sentences == 0:
        return None, "no frame cue in any body sentence"
    top = ranked[0]
    if not enough(top.matches, MIN_EVIDENCE.matches):
        return None, f"{top.category} has only {top.matches} cues; {MIN_EVIDENCE.matches} needed to lead"
    if len(ranked) > 1 and ranked[1].sentences == top.sentences:
        tied = [f.category for f in ranked if f.sentences == top.sentences]
        return None, f"tie between {', '.join(tied)} ({top.sentences} sentences each)"
    return top.category, f"{top.sentences} of {n_sentences} sentences"


def tag_frames(article: Article, frame_matches: Sequence[Match], categories: Sequence[str]) -> ArticleFrames:
    """Tag the body sentences of ``article`` with frames and measure each category's share.

    Matches of other articles or of categories not in ``categories`` are ignored; matches outside
    the body sentences are counted in ``unplaced``. Returns an :class:`ArticleFrames`.
    """
    order = list(dict.fromkeys(categories))
    wanted = set(order)
    spans = sentences(article)
    mine = [m for m in frame_matches if m.span.article == article.id and m.category in wanted]
    placed, unplaced = _place(mine, spans)
    tagged = []
    for k, (span, cues) in enumerate(zip(spans, placed)):
        if cues:
            frames = tuple(c for c in order if any(m.category == c for m in cues))
            tagged.append(TaggedSentence(span, k, frames, tuple(cues)))
    flags = np.array([[any(m.category == c for m in cues) for c in order] for cues in placed], dtype=float)
    intervals = bootstrap_shares(flags.reshape(len(placed), len(order)))
    shares = []
    for j, category in enumerate(order):
        share, low, high = intervals[j]
        cues = tuple(m.span for ms in placed for m in ms if m.category == category)
        with_cue = [t for t in tagged if category in t.frames]
        best = sorted(with_cue, key=lambda t: (-sum(m.category == category for m in t.cues), t.index))
        examples = tuple(t.span for t in sorted(best[:EXAMPLES], key=lambda t: t.index))
        shares.append(FrameShare(category, int(flags[:, j].sum()) if len(placed) else 0, share, low, high, len(cues), cues, examples))
    leading, reason = _leading(shares, len(spans))
    return ArticleFrames(article.id, len(spans), tuple(shares), tuple(tagged), leading, reason, unplaced)
