"""The loaded-language score ranks loaded sentences above neutral ones."""

from __future__ import annotations

import pytest

from framing.analyse.lenses.language import loaded_language_score, summarise_language
from framing.lexicon.format import shipped_lexicons
from framing.lexicon.matcher import Matcher

from conftest import make_article

PAIRS = [
    (
        "The brutal regime slammed its critics in a furious tirade.",
        "The government criticised its opponents in a statement on Monday.",
    ),
    (
        "Thugs rampaged through the city, wreaking havoc on terrified residents.",
        "Protesters marched through the city centre on Saturday afternoon.",
    ),
    (
        "The senator boasted that the disastrous bill was an utterly historic triumph.",
        "The senator said the bill would be voted on next week.",
    ),
    (
        "Fat cat bankers squandered a lavish bailout on extravagant bonuses.",
        "Bank executives received bonuses after the government loan was repaid.",
    ),
    (
        "Extremist militants carried out a barbaric massacre in the village.",
        "Armed men attacked the village, killing twelve people, officials said.",
    ),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(shipped_lexicons())


@pytest.mark.parametrize(("loaded", "neutral"), PAIRS)
def test_loaded_sentence_scores_higher(matcher, loaded, neutral):
    assert loaded_language_score(loaded, matcher) > loaded_language_score(neutral, matcher)


def test_plain_sentence_scores_zero(matcher):
    assert loaded_language_score("The minister arrived in the capital on Tuesday.", matcher) == 0.0
    assert loaded_language_score("", matcher) == 0.0


def test_score_is_a_density(matcher):
    # One loaded word in ten words scores 0.1; hedges and neutral attribution add nothing.
    assert loaded_language_score("The regime held talks with its neighbours in the capital.", matcher) == 0.1
    assert loaded_language_score("Officials reportedly said talks may resume in the capital soon.", matcher) == 0.0


def test_summary_counts_rates_and_examples(matcher):
    article = make_article(
        "The brutal regime slammed critics. Officials said talks would resume.\n\n"
        "Talks were held on Monday, according to the ministry."
    )
    summary = summarise_language(article, matcher)
    loaded = summary.categories["loaded"]
    assert loaded.count == 3 and loaded.words == 19
    assert loaded.per_1000 == round(3000 / 19, 2)
    assert [s.text for s in loaded.examples] == ["brutal", "regime", "slammed"]
    assert summary.categories["attribution_neutral"].count == 2
    top_span, top_score = summary.top_sentences[0]
    assert top_span.text == "The brutal regime slammed critics." and top_score > 0
    data = summary.to_json()
    assert data["categories"]["loaded"]["shown"] == "3 in 19 words"
