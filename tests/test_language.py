"""The loaded-language score ranks loaded sentences above neutral ones, counts only the outlet's own
words, and weighs strong words above mild ones."""

from __future__ import annotations

import math

import pytest

from framing.analyse.lenses.language import (
    loaded_language_score,
    loaded_score,
    match_weight,
    sentence_scores,
    split_quoted,
    summarise_language,
)
from framing.lexicon.format import load_lexicon, shipped_lexicons
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
        "Fat cat bankers squandered a lavish handout on extravagant bonuses.",
        "Bank executives received bonuses after the government loan was repaid.",
    ),
    (
        "Extremist thugs carried out a barbaric massacre in the village.",
        "Armed men attacked the village, killing twelve people, officials said.",
    ),
]

TINY = """\
[lexicon]
name = "tiny"
sources = ["written for the tests"]

[categories.loaded]
kind = "language"
source = "written for the tests"
phrases = ["brutal", "regime", "thug"]

[categories.evaluative]
kind = "language"
source = "written for the tests"
phrases = ["historic"]

[categories.intensifier]
kind = "language"
source = "written for the tests"
phrases = ["utterly"]

[categories.hedge]
kind = "language"
source = "written for the tests"
phrases = ["reportedly"]

[categories.attribution_loaded]
kind = "attribution"
source = "written for the tests"
phrases = [
  { phrase = "claim", stance = "delegitimising" },
  { phrase = "confirm", stance = "legitimising" },
  { phrase = "warn", stance = "unrated" },
]
"""


@pytest.fixture(scope="module")
def shipped() -> Matcher:
    return Matcher(shipped_lexicons())


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Matcher:
    path = tmp_path_factory.mktemp("lex") / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    return Matcher(load_lexicon(path))


@pytest.mark.parametrize(("loaded", "neutral"), PAIRS)
def test_loaded_sentence_scores_higher(shipped, loaded, neutral):
    assert loaded_language_score(loaded, shipped) > loaded_language_score(neutral, shipped)


def test_plain_and_careful_sentences_score_zero(shipped):
    assert loaded_language_score("The minister arrived in the capital on Tuesday.", shipped) == 0.0
    assert loaded_language_score("Officials reportedly said talks may resume in the capital soon.", shipped) == 0.0
    assert loaded_language_score("", shipped) == 0.0


def test_would_be_as_a_verb_phrase_is_not_loaded(shipped):
    assert loaded_language_score("The vote would be held after the talks, officials said.", shipped) == 0.0
    assert loaded_language_score("The would-be candidate held talks with officials on Monday.", shipped) > 0.0


def test_common_grading_words_do_not_make_a_sentence_loaded(shipped):
    text = "It was a very important and significant step, a good and better deal than the best before."
    assert loaded_language_score(text, shipped) == 0.0


def test_score_divides_weight_by_the_square_root_of_own_words(tiny):
    ten = "The brutal regime held talks with neighbours in the capital."
    assert loaded_language_score(ten, tiny) == pytest.approx(2 / math.sqrt(10))
    forty = ten[:-1] + " " + " ".join(["and more talks"] * 10) + "."
    assert loaded_language_score(forty, tiny) == pytest.approx(2 / math.sqrt(40))
    # A fragment counts as MIN_WORDS words, so three words with one loaded word do not top an article.
    assert loaded_language_score("A brutal end.", tiny) == pytest.approx(1 / math.sqrt(10))
    assert loaded_score([], 0) == 0.0


def test_strong_words_outweigh_mild_ones(tiny):
    def weight(text: str, category: str) -> float:
        return next(match_weight(m) for m in tiny.find(text, "") if m.category == category)

    assert weight("a brutal thing", "loaded") == 1.0
    assert weight("a historic thing", "evaluative") == 0.5
    assert weight("an utterly new thing", "intensifier") == 0.5
    assert weight("he claimed it", "attribution_loaded") == 1.0
    assert weight("he confirmed it", "attribution_loaded") == 0.25
    assert weight("he warned of it", "attribution_loaded") == 0.25
    assert weight("it was reportedly so", "hedge") == 0.0


TEXT = (
    'The brutal regime met on Monday. Its envoy said the "thug regime" of old was gone.\n\n'
    "The talks were historic, officials said."
)
QUOTE = (TEXT.index('"thug'), TEXT.index('regime"') + 7)


def test_split_quoted_by_quote_spans(tiny):
    article = make_article(TEXT)
    matches = tiny.match(article)
    own, quoted = split_quoted(matches, [QUOTE])
    assert [m.span.text for m in own] == ["brutal", "regime", "historic"]
    assert [m.span.text for m in quoted] == ["thug", "regime"]
    assert split_quoted(matches, [article.span(*QUOTE)]) == (own, quoted)


def test_sentence_scores_count_own_words_only(tiny):
    article = make_article(TEXT)
    scored = sentence_scores(article, tiny.match(article), [QUOTE])
    assert [s.span.text for s in scored] == [
        "The brutal regime met on Monday.",
        'Its envoy said the "thug regime" of old was gone.',
        "The talks were historic, officials said.",
    ]
    first, second, third = scored
    assert first.score == pytest.approx(2 / math.sqrt(10)) and [m.span.text for m in first.evidence] == ["brutal", "regime"]
    # The quoted "thug regime" is the speaker's language: reported, not the outlet's own.
    assert second.score == 0.0 and [m.span.text for m in second.quoted] == ["thug", "regime"]
    assert second.words == 8
    assert third.score == pytest.approx(0.5 / math.sqrt(10))
    # Without quote spans every word is the outlet's own.
    unquoted = sentence_scores(article, tiny.match(article))
    assert unquoted[1].score == pytest.approx(2 / math.sqrt(10)) and unquoted[1].quoted == ()


def test_summary_splits_own_and_quoted_counts(tiny):
    article = make_article(TEXT + "\n\nSub-heading with a brutal word\n\nA thug.", headings=(2,))
    summary = summarise_language(article, tiny.match(article), [QUOTE])
    loaded = summary.categories["loaded"]
    own_words = 6 + 8 + 6 + 2  # body words outside the quote; the sub-heading is structure
    assert (loaded.own, loaded.quoted, loaded.words) == (3, 2, own_words)
    assert loaded.per_1000 == round(3000 / own_words, 2)
    assert [s.text for s in loaded.examples] == ["brutal", "regime", "thug"]
    assert summary.categories["evaluative"].own == 1 and summary.categories["hedge"].own == 0
    assert summary.score == round(1000 * 3.5 / own_words, 2)
    assert [s.span.text for s in summary.top_sentences] == [
        "The brutal regime met on Monday.",
        "A thug.",
        "The talks were historic, officials said.",
    ]
    assert (summary.categories["loaded"].own, summary.categories["loaded"].quoted) == (3, 2)
    assert summary.top_sentences[0].evidence[0].phrase == "brutal"
