"""Tests for framing.analyse.stats: bootstrap intervals and evidence thresholds."""

from __future__ import annotations

import pytest

from framing.analyse.stats import MIN_EVIDENCE, bootstrap_share, enough


def test_interval_contains_the_share():
    flags = [True, False, False, True, False, False, False, True, False, False]
    share, low, high = bootstrap_share(flags)
    assert share == pytest.approx(0.3)
    assert 0.0 <= low <= share <= high <= 1.0
    assert low < share < high


def test_all_same_flags_give_a_zero_width_interval():
    assert bootstrap_share([True] * 7) == (1.0, 1.0, 1.0)
    assert bootstrap_share([False] * 7) == (0.0, 0.0, 0.0)


def test_same_input_same_output():
    flags = [i % 3 == 0 for i in range(40)]
    assert bootstrap_share(flags, seed=5) == bootstrap_share(flags, seed=5)


def test_more_data_narrows_the_interval():
    small = [True, False, False, False] * 3
    large = small * 20
    _, lo_s, hi_s = bootstrap_share(small)
    _, lo_l, hi_l = bootstrap_share(large)
    assert hi_l - lo_l < hi_s - lo_s


def test_weights_are_accepted():
    share, low, high = bootstrap_share([0.0, 0.5, 1.0, 0.5])
    assert share == pytest.approx(0.5)
    assert low <= 0.5 <= high


def test_no_data_means_nothing_known():
    assert bootstrap_share([]) == (0.0, 0.0, 1.0)


def test_enough():
    assert enough(MIN_EVIDENCE.sentences, MIN_EVIDENCE.sentences)
    assert not enough(MIN_EVIDENCE.sentences - 1, MIN_EVIDENCE.sentences)


@pytest.mark.parametrize("n", [3, 997, 5000])
def test_resampling_in_blocks_gives_the_draws_of_one_matrix(n, monkeypatch):
    import numpy as np

    import framing.analyse.stats as stats

    flags = [bool((k * 7919) % 5 < 2) for k in range(n)]
    values = np.asarray(flags, dtype=float)
    means = values[np.random.default_rng(0).integers(0, n, size=(1000, n))].mean(axis=1)
    low, high = np.quantile(means, [0.025, 0.975])
    expected = (float(values.mean()), float(min(low, values.mean())), float(max(high, values.mean())))
    monkeypatch.setattr(stats, "_BLOCK_CELLS", 3 * n + 1)  # blocks of three resamples: many blocks
    assert stats.bootstrap_share(flags) == expected


def test_shares_of_many_columns_equal_separate_calls() -> None:
    import numpy as np

    from framing.analyse.stats import bootstrap_shares

    rng = np.random.default_rng(3)
    columns = (rng.random((37, 5)) < [0.1, 0.5, 0.0, 1.0, 0.3]).astype(float)
    assert bootstrap_shares(columns) == [bootstrap_share(columns[:, j]) for j in range(5)]
    assert bootstrap_shares(np.zeros((0, 3))) == [(0.0, 0.0, 1.0)] * 3
