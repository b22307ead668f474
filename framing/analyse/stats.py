"""Small-sample statistics, stated honestly: bootstrap intervals and minimum-evidence checks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_BLOCK_CELLS = 1_000_000  # resampled values held at once


@dataclass(frozen=True)
class Minimums:
    """How much evidence a lens needs before it ranks or names a winner.

    Below these a report says "not enough evidence" instead of a ranking: five news articles are a
    small sample, and a share computed from three sentences is mostly noise.
    """

    sentences: int = 5  # body sentences in an article before its frame shares are ranked
    words: int = 100  # words in an article (or group) before its vocabulary is contrasted
    matches: int = 3  # lexicon matches behind a category before it can lead
    articles: int = 2  # articles before anything is compared across outlets


MIN_EVIDENCE = Minimums()


def enough(count: int | float, minimum: int | float) -> bool:
    """True when ``count`` reaches ``minimum`` (both non-negative)."""
    return count >= minimum


def bootstrap_share(
    flags: Sequence[bool] | Sequence[float],
    n_resamples: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> tuple[float, float, float]:
    """The mean of ``flags`` with a percentile-bootstrap interval: ``(share, low, high)``.

    Each resample draws ``len(flags)`` items (sentences, usually) with replacement, using
    ``numpy.random.default_rng(seed)``, so the same input always gives the same interval. The
    interval is widened, if need be, to contain the share itself. With no data at all the share is
    0.0 and the interval is the whole of [0, 1]: nothing is known.
    """
    return bootstrap_shares(np.asarray(flags, dtype=float).reshape(-1, 1), n_resamples, seed, level)[0]


def bootstrap_shares(
    columns: np.ndarray, n_resamples: int = 1000, seed: int = 0, level: float = 0.95
) -> list[tuple[float, float, float]]:
    """:func:`bootstrap_share` of every column of ``columns`` (rows: sentences), from one set of draws.

    The resamples are the ones ``bootstrap_share`` draws for a column of that length, so each result
    is the same as a separate call; drawing them once serves every category of an article.
    """
    values = np.asarray(columns, dtype=float)
    n, k = values.shape
    if n == 0:
        return [(0.0, 0.0, 1.0)] * k
    shares = values.mean(axis=0)
    varied = [j for j in range(k) if n_resamples > 0 and not np.all(values[:, j] == values[0, j])]
    out = [(float(shares[j]), float(shares[j]), float(shares[j])) for j in range(k)]
    if not varied:
        return out
    rng = np.random.default_rng(seed)
    # Resamples are drawn a block of rows at a time (the same stream, so the same draws) so that
    # memory stays near _BLOCK_CELLS whatever the number of sentences.
    rows = max(1, _BLOCK_CELLS // n)
    picked = values[:, varied]
    means = np.concatenate([
        picked[rng.integers(0, n, size=(min(rows, n_resamples - done), n))].mean(axis=1)
        for done in range(0, n_resamples, rows)
    ])
    tail = (1.0 - level) / 2.0
    bounds = np.quantile(means, [tail, 1.0 - tail], axis=0)
    for col, j in enumerate(varied):
        share = float(shares[j])
        out[j] = (share, float(min(bounds[0, col], share)), float(max(bounds[1, col], share)))
    return out
