"""Tests for framing.analyse.lenses.logodds: Fightin' Words checked by hand and against a plain loop."""

from __future__ import annotations

import math
import random
import re

import pytest
from conftest import make_article

from framing.analyse.lenses.logodds import LogOddsRatio, fightin_words


def _text(counts: dict[str, int]) -> str:
    return " ".join(w for w, n in counts.items() for _ in range(n)) + "."


def test_two_groups_three_words_by_hand():
    a = {"alpha": 10, "bravo": 5, "charlie": 1}  # n_A = 16
    b = {"alpha": 4, "bravo": 6, "charlie": 8}  # n_B = 18
    articles = [make_article(_text(a), id="a", outlet="A"), make_article(_text(b), id="b", outlet="B")]
    est = LogOddsRatio(prior_scale=0.5, min_count=1, stop_words=None).fit(articles)
    # Corpus N = 34, α0 = 0.5 × 34 = 17; α_w = 17 × y_w / 34: alpha 7, bravo 5.5, charlie 4.5.
    assert est.alpha0_ == 17.0
    assert list(est.alpha_) == pytest.approx([7.0, 5.5, 4.5])
    # Group A against the rest (B): δ = log((y_A+α)/(16+17−y_A−α)) − log((y_B+α)/(18+17−y_B−α)).
    expected = {
        "alpha": (math.log(17 / 16) - math.log(11 / 24), 1 / 17 + 1 / 11),
        "bravo": (math.log(10.5 / 22.5) - math.log(11.5 / 23.5), 1 / 10.5 + 1 / 11.5),
        "charlie": (math.log(5.5 / 27.5) - math.log(12.5 / 22.5), 1 / 5.5 + 1 / 12.5),
    }
    assert round(expected["alpha"][0], 6) == 0.840783
    assert round(expected["alpha"][0] / math.sqrt(expected["alpha"][1]), 6) == 2.172830
    by_term = {w: k for k, w in enumerate(est.get_feature_names_out())}
    for word, (delta, var) in expected.items():
        k = by_term[word]
        assert round(float(est.delta_[0, k]), 6) == round(delta, 6)
        assert round(float(est.z_[0, k]), 6) == round(delta / math.sqrt(var), 6)
        # Two groups: B against A is the mirror image.
        assert est.z_[1, k] == pytest.approx(-est.z_[0, k])
    over_a = est.result_.groups[0].over
    assert [t.term for t in over_a] == ["alpha"]
    assert over_a[0].count == 10 and over_a[0].rest_count == 4
    assert len(over_a[0].spans) == 10 and all(s.text == "alpha" for s in over_a[0].spans)


def _plain_fightin_words(docs: list[tuple[str, list[str]]], prior_scale: float, min_count: int):
    """The paper's formula as a loop over dictionaries: {group: {word: z}}."""
    counts: dict[str, dict[str, int]] = {}
    total: dict[str, int] = {}
    for group, words in docs:
        for w in words:
            total[w] = total.get(w, 0) + 1
    vocab = [w for w in total if total[w] >= min_count]
    for group, words in docs:
        bucket = counts.setdefault(group, {})
        for w in words:
            if w in vocab:
                bucket[w] = bucket.get(w, 0) + 1
    n_all = sum(total[w] for w in vocab)
    a0 = prior_scale * n_all
    out: dict[str, dict[str, float]] = {}
    for group, bucket in counts.items():
        n_i = sum(bucket.values())
        n_j = n_all - n_i
        out[group] = {}
        for w in vocab:
            a_w = a0 * total[w] / n_all
            y_i = bucket.get(w, 0)
            y_j = total[w] - y_i
            delta = math.log((y_i + a_w) / (n_i + a0 - y_i - a_w)) - math.log((y_j + a_w) / (n_j + a0 - y_j - a_w))
            out[group][w] = delta / math.sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))
    return out


def test_matches_an_independent_loop_on_a_seeded_corpus():
    rng = random.Random(7)
    vocab = ["word" + "abcdefghijklmnopqrstuvwxyz"[k] + "abcdefghij"[k % 10] for k in range(26)]
    weights = [1 / (k + 1) for k in range(len(vocab))]
    docs = []
    for k in range(9):
        group = "outlet" + "ABCD"[k % 4]
        words = rng.choices(vocab, weights=weights, k=rng.randint(40, 120))
        docs.append((group, words))
    articles = [
        make_article(" ".join(words) + ".", id=f"d{k}", outlet=group) for k, (group, words) in enumerate(docs)
    ]
    est = LogOddsRatio(prior_scale=0.3, min_count=3, stop_words=None).fit(articles)
    expected = _plain_fightin_words(docs, 0.3, 3)
    assert sorted(est.vocabulary_) == sorted(next(iter(expected.values())))
    for g, group in enumerate(est.groups_):
        for k, word in enumerate(est.vocabulary_):
            assert abs(est.z_[g, k] - expected[group][word]) < 1e-9


def test_a_word_only_one_outlet_uses_ranks_top_for_it():
    shared = "The minister met the delegation in the capital and talks covered trade and security."
    articles = [
        make_article(shared + " The regime regime regime fell.", id="x", outlet="X"),
        make_article(shared + " The government changed.", id="y", outlet="Y"),
        make_article(shared + " The administration changed.", id="z", outlet="Z"),
    ]
    result = fightin_words(articles, min_count=1)
    x = result.groups[0]
    assert x.group == "X" and x.articles == ("x",)
    assert x.over[0].term == "regime"
    assert x.over[0].count == 3 and x.over[0].rest_count == 0
    assert [s.text for s in x.over[0].spans] == ["regime"] * 3
    # Under-use carries the evidence where the word is: the other outlets' texts.
    assert all(s.article != "x" for t in x.under for s in t.spans)


def test_groups_given_explicitly_and_json():
    articles = [make_article("Tanks rolled in. Tanks fired.", id="a"), make_article("Talks began. Talks ended.", id="b")]
    est = LogOddsRatio(min_count=1).fit(articles, groups=["hawks", "doves"])
    result = est.result_
    assert [g.group for g in result.groups] == ["hawks", "doves"]
    assert result.groups[0].over[0].term == "tanks"
    assert result == LogOddsRatio(min_count=1).fit(articles, groups=["hawks", "doves"]).result_
    with pytest.raises(ValueError, match="one group per article"):
        LogOddsRatio().fit(articles, groups=["hawks"])


def test_top_terms_and_evidence_as_a_plain_sort_over_the_vocabulary():
    rng = random.Random(3)
    words = [f"w{k:03d}" for k in range(300)]
    outlets = ["A", "B", "C", "D"]
    articles = [
        make_article(" ".join(rng.choice(words[: rng.randint(20, 300)]) for _ in range(rng.randint(30, 200))) + ".", id=f"a{i}", outlet=rng.choice(outlets))
        for i in range(24)
    ]
    est = LogOddsRatio(stop_words=None, top_n=7).fit(articles)
    labels = [a.outlet.name for a in articles]
    for row, group in enumerate(est.result_.groups):
        z, counts = est.z_[row], est.counts_[row]
        rest = est.counts_.sum(axis=0) - counts
        key = lambda k: (-abs(round(float(z[k]), 10)), est.vocabulary_[k])
        over = sorted((k for k in range(len(z)) if z[k] > 0 and counts[k] > 0), key=key)[:7]
        under = sorted((k for k in range(len(z)) if z[k] < 0 and rest[k] > 0), key=key)[:7]
        assert [t.term for t in group.over] == [est.vocabulary_[k] for k in over]
        assert [t.term for t in group.under] == [est.vocabulary_[k] for k in under]
        for t, own in [*((t, True) for t in group.over), *((t, False) for t in group.under)]:
            where = [a for a, label in zip(articles, labels) if (label == group.group) == own]
            spans = [(a.id, m.start()) for a in where for m in re.finditer(rf"\b{t.term}\b", a.text)][:20]
            assert [(s.article, s.start) for s in t.spans] == spans
