"""Sentence boundaries: honorifics, titles and initials do not end a sentence; state abbreviations may."""

from __future__ import annotations

import pytest

from framing.words import split_sentences


def pieces(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    "text, first",
    [
        ("“No,” Mr. Smith said. He left early.", "“No,” Mr. Smith said."),
        ("The bill was backed by Sen. Ann Lee and Gov. Bo Ray. It passed.", "The bill was backed by Sen. Ann Lee and Gov. Bo Ray."),
        ("It was signed by Reps. Ann Lee and Bo Ray. It passed.", "It was signed by Reps. Ann Lee and Bo Ray."),
        ("The ruling came from Judge John Q. Public on Friday. He refused.", "The ruling came from Judge John Q. Public on Friday."),
        ("It ranked No. 5 on the list. Nobody was surprised.", "It ranked No. 5 on the list."),
    ],
)
def test_titles_initials_and_numbers_do_not_end_a_sentence(text, first):
    assert pieces(text) == [first, text[len(first) + 1 :]]


@pytest.mark.parametrize(
    "text",
    [
        "The measure was written by Ann Lee, D-Wash. The House votes on Friday.",
        "Sen. Ann Lee (D-Calif.) on Thursday said no. The vote is next week.",
    ],
)
def test_state_abbreviation_or_a_plain_word_before_a_capital_ends_a_sentence(text):
    assert len(pieces(text)) == 2


def test_affiliation_followed_by_lower_case_keeps_the_sentence():
    text = "Sen. Ann Lee (D-Calif.) on Thursday said the vote was close."
    assert pieces(text) == [text]


def test_offsets_point_into_the_text():
    text = "  Gov. Bo Ray spoke.\n\nMr. Lee replied.  "
    for s, e in split_sentences(text):
        assert text[s:e].strip() == text[s:e] and text[s:e]
    assert pieces(text) == ["Gov. Bo Ray spoke.", "Mr. Lee replied."]
