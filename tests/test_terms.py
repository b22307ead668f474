"""Tests for framing.analyse.lenses.terms: TF-IDF terms with exact Spans."""

from __future__ import annotations


import pytest
from conftest import make_article, seed_body_articles
from sklearn.base import clone

from framing.analyse.lenses.terms import DistinctiveTerms, NgramAnalyzer, distinctive_terms, resolve_stop_words

STORY = [
    (
        "rt",
        "Mikhail Bogdanov arrived in Damascus on Tuesday. Al-Sharaa, Syria's de facto leader, met him.\n\n"
        "Russia's envoy praised the strategic partnership with Damascus.",
    ),
    (
        "nyp",
        "A Russian delegation reached Damascus. The insurgent government that ousted the dictator met it.\n\n"
        "The dictator fled to Moscow, and the insurgent government is wary of Moscow.",
    ),
    (
        "asharq",
        "A high-level delegation will visit Damascus soon. Talks will cover the bases in Tartus.\n\n"
        "Both sides want a new phase of relations, a source told the paper.",
    ),
]


def story():
    return [make_article(text, id=i, outlet=i.upper()) for i, text in STORY]


def test_words_keep_hyphens_and_fold_possessives_and_accents():
    analyzer = NgramAnalyzer((1, 1), resolve_stop_words("english"))
    assert analyzer("Al-Sharaa met Russia’s envoy in Hama; Bogdánov don't.") == [
        "al-sharaa",
        "met",
        "russia",
        "envoy",
        "hama",
        "bogdanov",
        "don't",
    ]


def test_ngrams_stop_at_sentence_ends_and_punctuation_and_skip_stop_word_edges():
    analyzer = NgramAnalyzer((2, 3), resolve_stop_words("english"))
    grams = analyzer("The head of state left Damascus. Moscow waited, Tartus did not.")
    assert "head of state" in grams
    assert "damascus moscow" not in grams  # sentence end
    assert "waited tartus" not in grams  # comma
    assert not any(g.split()[0] in {"the", "of"} or g.split()[-1] in {"the", "of"} for g in grams)


def test_distinctive_terms_are_the_articles_own_with_exact_spans():
    articles = story()
    est = DistinctiveTerms(top_n=5).fit(articles)
    nyp = est.distinctive_["nyp"]
    assert nyp[0].term == "insurgent government" and nyp[0].count == 2
    text = articles[1].text
    for term in nyp:
        assert term.count == len(term.spans)
        for span in term.spans:
            assert span.article == "nyp" and text[span.start : span.end] == span.text
    assert nyp[0].spans[0].text == "insurgent government"
    # "dictator" and "moscow" appear twice in nyp only; "damascus" is everywhere, never distinctive.
    assert {"dictator", "moscow"} <= {t.term for t in nyp}
    assert all(t.term != "damascus" for terms in est.distinctive_.values() for t in terms)


def test_contained_ngrams_with_the_same_count_are_not_repeated():
    terms = [t.term for t in DistinctiveTerms(top_n=50).fit(story()).distinctive_["rt"]]
    assert "de facto leader" in terms
    assert "facto leader" not in terms and "de facto" not in terms and "facto" not in terms
    assert "de" not in terms  # a name particle alone says nothing


def test_shared_terms_and_similarity():
    articles = story()
    est = DistinctiveTerms().fit(articles)
    assert [t.term for t in est.shared_] == ["damascus"]
    damascus = est.shared_[0]
    assert damascus.counts == {"rt": 2, "nyp": 1, "asharq": 1}
    assert [s.text for s in damascus.spans["rt"]] == ["Damascus", "Damascus"]
    sim = est.similarity_
    assert len(sim) == 3 and all(len(row) == 3 for row in sim)
    assert all(sim[i][i] == pytest.approx(1.0) for i in range(3))
    assert all(sim[i][j] == sim[j][i] and 0 < sim[i][j] < 1 for i in range(3) for j in range(3) if i != j)
    assert all(round(v, 4) == v for row in sim for v in row)
    # Each article's nearest others are read off the same table, most similar first.
    for i, art in enumerate(est.article_ids_):
        others = sorted(((sim[i][j], -j) for j in range(3) if j != i), reverse=True)
        assert est.nearest_[art] == tuple((est.article_ids_[-j], v) for v, j in others)


def test_a_large_story_keeps_nearest_neighbours_not_the_square_table():
    from framing.analyse.lenses.terms import NEAREST, SIMILARITY_TABLE_MAX

    n = SIMILARITY_TABLE_MAX + 5
    # Article k shares a rare word with k - 1 and k + 1 (a ring) and nothing else but common words.
    words = [f"topic{k}word" for k in range(n)]
    articles = [
        make_article(f"Officials discussed {words[k]} and {words[(k + 1) % n]} today.", id=f"a{k:02d}")
        for k in range(n)
    ]
    est = DistinctiveTerms().fit(articles)
    assert est.similarity_ is None and est.result_.similarity is None
    for k in range(n):
        near = est.nearest_[f"a{k:02d}"]
        assert len(near) == NEAREST and all(b != f"a{k:02d}" for b, _ in near)
        ring = {f"a{(k - 1) % n:02d}", f"a{(k + 1) % n:02d}"}
        assert {b for b, _ in near[:2]} == ring
        assert near[0][1] == near[1][1] > near[2][1]


def test_estimator_conventions_and_determinism():
    est = DistinctiveTerms(ngram_range=(1, 2), top_n=3)
    assert not hasattr(est, "distinctive_")
    assert clone(est).get_params()["ngram_range"] == (1, 2)
    assert est.fit(story()) is est
    names = list(est.get_feature_names_out())
    assert names == sorted(names) and "insurgent government" in names
    assert distinctive_terms(story(), ngram_range=(1, 2), top_n=3) == est.result_
    with pytest.raises(ValueError, match="at least one article"):
        DistinctiveTerms().fit([])


def test_empty_vocabulary_gives_empty_results():
    result = distinctive_terms([make_article("The of and.", id="x"), make_article("It is.", id="y")])
    assert result.distinctive == {"x": (), "y": ()} and result.shared == ()


def test_seeds():
    articles = seed_body_articles()
    est = DistinctiveTerms().fit(articles)
    assert {t.term for t in est.shared_} >= {"bogdanov", "damascus", "russia", "syria"}
    for article in articles:
        terms = est.distinctive_[article.id]
        assert len(terms) == 12
        assert all(article.text[s.start : s.end] == s.text for t in terms for s in t.spans)
    assert "kremlin" in {t.term for t in est.distinctive_["004"]}
    assert "lavrentyev" in {t.term for t in est.distinctive_["003"]}


def test_sparse_scores_match_the_dense_matrix_formula():
    import random

    import numpy as np

    rng = random.Random(11)
    words = [f"w{k:02d}" for k in range(60)]
    articles = [
        make_article(". ".join(" ".join(rng.choice(words) for _ in range(rng.randint(3, 9))) for _ in range(30)) + ".", id=f"a{i}")
        for i in range(15)
    ]
    est = DistinctiveTerms(stop_words=None, top_n=8).fit(articles)
    from sklearn.feature_extraction.text import TfidfVectorizer

    est_matrix = TfidfVectorizer(analyzer=est.build_analyzer(), sublinear_tf=True).fit_transform(articles)
    weights = est_matrix.toarray()
    features = est.get_feature_names_out()
    totals, n = weights.sum(axis=0), len(articles)
    for i, art in enumerate(articles):
        scores = weights[i] - (totals - weights[i]) / (n - 1)
        ranked = sorted(np.flatnonzero(weights[i] > 0), key=lambda c: (-round(float(scores[c]), 10), -features[c].count(" "), features[c]))
        got = est.distinctive_[art.id]
        # Containment may skip a term, never reorder: the chosen follow the dense ranking.
        positions = [list(features[ranked]).index(t.term) for t in got]
        assert positions == sorted(positions) and positions[0] == 0
        assert [t.score for t in got] == [round(float(scores[features.tolist().index(t.term)]), 6) for t in got]
    everywhere = [features[c] for c in np.flatnonzero((weights > 0).all(axis=0))]
    assert {t.term for t in est.shared_} <= set(everywhere) and len(est.shared_) == min(8, len(everywhere))
