"""Tests for framing.analyse.lenses.coverage: story elements, what each article leaves out, near-copies."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from conftest import make_article, seed_body_articles

from framing.analyse.lenses.coverage import build_coverage
from framing.models import Mention

A = (
    "Russian envoy Mikhail Bogdanov has arrived in Damascus with a delegation.\n\n"
    "The weather in the capital was cold and wet all week.\n\n"
    "Officials in Kyiv urged the new government to expel Russian troops from the Tartus naval base."
)
B = (
    "Russia sent a delegation led by Bogdanov to Damascus on Tuesday.\n\n"
    "Shops reopened in the old city markets after the holiday ended.\n\n"
    "“We don’t want Russia to exit Syria in a way that undermines its relationship with the country,” he said."
)
C = (
    "The Kremlin hopes to keep its bases in Syria.\n\n"
    "“We don’t want Russia to exit Syria in a way that undermines its relationship with our country,” Sharaa said."
)


def story():
    return [make_article(A, id="a"), make_article(B, id="b"), make_article(C, id="c")]


def mention(article, word, actor):
    start = article.text.index(word)
    return Mention(actor, article.span(start, start + len(word)))


def test_same_fact_in_two_phrasings_is_one_element():
    articles = story()
    cov = build_coverage(articles)
    first = cov.element("e01")
    assert first.articles == ("a", "b")
    assert first.sentences["a"][0].text.startswith("Russian envoy Mikhail Bogdanov has arrived")
    assert first.sentences["b"][0].text.startswith("Russia sent a delegation")
    assert first.lead == ("a", "b")
    assert cov.lead_elements["a"] == ("e01",)


def test_unique_facts_stay_alone_and_ids_follow_first_appearance():
    cov = build_coverage(story())
    ids = [e.id for e in cov.elements]
    assert ids == [f"e{k:02d}" for k in range(1, len(ids) + 1)]
    weather = cov.element("e02")
    assert weather.articles == ("a",) and weather.text.startswith("The weather")
    assert "e02" in cov.only_in["a"]
    bases = cov.element("e03")  # alone, but C's "keep its bases" is close enough that its absence is not claimed
    assert bases.articles == ("a",) and set(bases.related) == {"c"} and "e03" not in cov.only_in["a"]
    assert cov.shared_by_all == ()
    first = cov.elements[0]
    assert {a: len(spans) for a, spans in first.sentences.items()} == {"a": 1, "b": 1}
    quote = next(e for e in cov.elements if "undermines" in e.text)
    assert quote.articles == ("b", "c")


def test_near_copies_are_flagged_with_their_spans():
    articles = story()
    cov = build_coverage(articles)
    assert len(cov.near_copies) == 1
    copy = cov.near_copies[0]
    assert (copy.a.article, copy.b.article) == ("b", "c") and copy.similarity >= 0.8
    assert articles[1].text[copy.a.start : copy.a.end] == copy.a.text
    pair = cov.copied_pairs[0]
    assert (pair.a, pair.b, pair.share, pair.flagged) == ("b", "c", round(2 / 5, 4), True)


def test_actor_mentions_add_to_similarity_but_names_alone_join_nothing():
    a = make_article("Bogdanov landed at the airport late at night.", id="a")
    b = make_article("The envoy Bogdanov held talks with ministers.", id="b")
    mentions = {
        "a": [mention(a, "Bogdanov", "bogdanov"), mention(a, "airport", "damascus-airport")],
        "b": [mention(b, "Bogdanov", "bogdanov"), mention(b, "ministers", "damascus-airport")],
    }
    assert len(build_coverage([a, b], mentions).elements) == 2  # the same people, nothing said alike
    b = make_article("The envoy Bogdanov landed with ministers after talks in the palace.", id="b")
    assert len(build_coverage([a, b]).elements) == 2
    mentions = {
        "a": [mention(a, "Bogdanov", "bogdanov"), mention(a, "airport", "damascus-airport")],
        "b": [mention(b, "Bogdanov", "bogdanov"), mention(b, "ministers", "damascus-airport")],
    }
    assert len(build_coverage([a, b], mentions).elements) == 1


def test_unrelated_sentences_do_not_chain():
    texts = [
        "Bogdanov arrived in Damascus. Ships left the port of Tartus.",
        "Bogdanov reached Damascus on Tuesday. Wheat prices rose in the markets.",
        "Ships were loaded at the port of Tartus. A new museum opened in Aleppo.",
    ]
    cov = build_coverage([make_article(t, id=f"x{k}") for k, t in enumerate(texts)])
    assert max(len(e.articles) for e in cov.elements) == 2
    assert sorted(len(e.articles) for e in cov.elements) == [1, 1, 2, 2]


def test_deterministic_and_plain_json():
    from framing.export import _coverage_json

    first = _coverage_json(build_coverage(story()))
    assert first == _coverage_json(build_coverage(story()))
    assert json.loads(json.dumps(first)) == first
    # Counts name only the articles that report the element: no element × article table.
    assert first["coverage_summary"]["matrix"][0] == {"element": "e01", "counts": {"a": 1, "b": 1}}
    assert [s["article"] for s in first["coverage"][0]["spans"]] == ["a", "b"]


def test_edge_cases():
    assert build_coverage([]).elements == ()
    single = build_coverage([make_article("One fact. Another fact.", id="solo")])
    assert [e.articles for e in single.elements] == [("solo",), ("solo",)]
    assert single.shared_by_all == ()
    with pytest.raises(ValueError, match="unique"):
        build_coverage([make_article("x y.", id="a"), make_article("x y.", id="a")])


def _element_with(cov, phrase):
    return next(e for e in cov.elements for spans in e.sentences.values() for s in spans if phrase in s.text)


def test_seeds():
    articles = seed_body_articles()
    cov = build_coverage(articles)
    first_visit = _element_with(cov, "first visit by Russian officials since the fall of the Assad regime")
    assert len(first_visit.articles) >= 3
    assert "004" in first_visit.articles  # "... marks the first official talks ... since the exit of ... Assad"
    handover = _element_with(cov, "requested during the talks that Russia transfer Assad")
    assert handover.articles == ("004",)  # not joined to other facts about al-Sharaa
    assert all(len(cov.element(e).articles) == 5 for e in cov.shared_by_all)
    quote = _element_with(cov, "exit Syria in a way that undermines")
    assert set(quote.articles) == {"001", "003"}
    assert any({c.a.article, c.b.article} == {"001", "003"} for c in cov.near_copies)
    for e in cov.elements:
        for art, spans in e.sentences.items():
            text = articles[[a.id for a in articles].index(art)].text
            assert all(text[s.start : s.end] == s.text for s in spans)


def test_copies_of_an_article_always_report_the_same_elements():
    base = seed_body_articles()
    articles = [replace(a, id=f"{a.id}-{k}") for k in range(6) for a in base]
    cov = build_coverage(articles)
    assert len(cov.articles) == 30
    for e in cov.elements:  # six identical copies: an element holds all six or none of them
        outlets = {a.rsplit("-", 1)[0] for a in e.articles}
        assert len(e.articles) == 6 * len(outlets)


def _dense_elements(articles, mentions=None, threshold=0.3):
    """Elements by the same rule on the whole sentence × sentence matrix: each sentence, in reading
    order, joins the earlier element it is most similar to on average (over that element's sentences
    of other articles) when one of them reaches the threshold and the average half of it."""
    import numpy as np

    from framing.analyse.lenses.coverage import _Similarity, _units

    units = _units(articles)
    n = len(units)
    sim = _Similarity(units, articles, mentions or {}).block(range(n), range(n))
    owner = np.array([u.article for u in units])
    sim[owner[:, None] == owner[None, :]] = 0.0
    sim[sim < threshold / 2 - 1e-9] = 0.0
    elements: list[list[int]] = []
    for i in range(n):
        best = None
        for e, members in enumerate(elements):
            others = [m for m in members if owner[m] != owner[i]]
            if not others or max(sim[i, m] for m in others) < threshold - 1e-9:
                continue
            mean = sum(sim[i, m] for m in others) / len(others)
            if mean >= threshold / 2 - 1e-9 and (best is None or mean > best[0]):
                best = (mean, e)
        if best is None:
            elements.append([i])
        else:
            elements[best[1]].append(i)
    sim = _Similarity(units, articles, mentions or {}).block(range(n), range(n))
    out = []
    for members in elements:
        sub = sim[np.ix_(members, members)]
        central = members[int(np.argmax(np.round((sub.sum(axis=1) - np.diag(sub)) / max(1, len(members) - 1), 10)))]
        out.append(([units[k].span for k in members], units[central].span))
    return out


@pytest.mark.parametrize("copies", [1, 3])
def test_elements_match_the_rule_on_the_whole_matrix(copies):
    base = seed_body_articles()
    articles = [replace(a, id=f"{a.id}-{k}") for k in range(copies) for a in base]
    mentions = {a.id: [mention(a, "Damascus", "damascus")] for a in articles if "Damascus" in a.text}
    cov = build_coverage(articles, mentions)
    got = [([s for a in cov.articles for s in e.sentences.get(a, ())], e.representative) for e in cov.elements]
    expected = _dense_elements(articles, mentions)
    assert [sorted(spans, key=lambda s: (s.article, s.start)) for spans, _ in got] == [
        sorted(spans, key=lambda s: (s.article, s.start)) for spans, _ in expected
    ]
    assert [rep for _, rep in got] == [rep for _, rep in expected]
    assert len(expected) < sum(len(spans) for spans, _ in expected)  # some elements join several sentences


def test_blocks_of_rows_give_the_same_coverage(monkeypatch):
    import framing.analyse.lenses.coverage as coverage

    articles = [replace(a, id=f"{a.id}-{k}") for k in range(2) for a in seed_body_articles()]
    from framing.export import _coverage_json

    whole = _coverage_json(build_coverage(articles))
    monkeypatch.setattr(coverage, "_BLOCK_CELLS", 1)  # one row at a time
    assert _coverage_json(build_coverage(articles)) == whole
    assert whole["coverage_summary"]["near_copies"] and len(whole["coverage"]) > 1


def test_paraphrases_with_event_synonyms_and_acronyms_join():
    a = make_article("The U.S. envoy arrived in Kyiv on Monday.\n\nThe museum reopened after repairs.", id="a")
    b = make_article("A US diplomat visited Kyiv.\n\nRain fell on the coast all week.", id="b")
    cov = build_coverage([a, b])
    assert cov.element("e01").articles == ("a", "b")  # "arrived" / "visited", "U.S." / "US"
    assert len(cov.elements) == 3


def test_facts_about_one_person_stay_apart():
    a = make_article("Voss asked Russia to hand over Marek Olan.", id="a")
    b = make_article("Voss, an ally of Marek Olan, won the Russia vote.", id="b")
    cov = build_coverage([a, b])
    assert [e.articles for e in cov.elements] == [("a",), ("b",)]  # the same names, nothing said alike


def test_a_fact_every_outlet_tells_in_the_same_common_words_is_one_element():
    # "commission" and "met" stand in more than a quarter of the sentences, so neither is an uncommon
    # word; sharing both still makes the sentences one fact.
    texts = [
        "The commission met in Washington on Friday.\n\nIts members argued for hours about the agenda.\n\nThe chairman left early.",
        "The commission met in Washington on Friday.\n\nReporters waited outside all afternoon.\n\nA vote is planned for spring.",
        "The commission met in Washington on Friday.\n\nThe budget was not discussed.\n\nProtesters gathered nearby.",
    ]
    cov = build_coverage([make_article(t, id=f"x{k}") for k, t in enumerate(texts)])
    assert cov.elements[0].articles == ("x0", "x1", "x2")
    assert cov.shared_by_all == (cov.elements[0].id,)


def test_a_lone_sentence_in_the_others_words_is_related_to_them_not_claimed_alone():
    from test_compare import LONG_SENTENCES_EACH_WITH_ONE_WORD as spread

    suffix = ", residents of several towns told local radio stations, reporters and visiting scholars."
    a = make_article("Voters punished the governor at the polls over rising rents.\n\nFarmers harvested twice the usual crop of barley this autumn.", id="a")
    b = make_article("\n\n".join(s[:-1] + suffix for s in spread), id="b")
    c = make_article("The harbour froze over in January.", id="c")
    cov = build_coverage([a, b, c])
    rents, barley = _element_with(cov, "Voters punished"), _element_with(cov, "barley")
    assert rents.id not in cov.only_in["a"] and barley.id in cov.only_in["a"]
    assert set(rents.related) == {"b"} and rents.related["b"] >= 0.5  # b uses most of its words
    assert barley.related == {}
