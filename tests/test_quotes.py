"""Quotes: direct and paraphrased attributions, speakers, pronouns, anonymous sources, media, summary."""

from __future__ import annotations


import pytest
from conftest import make_article
from test_actors import SEED_BODY_LINES, SPECS, seed_article, seed_registry

from framing.analyse.lenses.actors import build_registry
from framing.analyse.lenses.attribution import UNATTRIBUTED
from framing.analyse.lenses.quotes import direct_spans, find_quotes, voice_summary
from framing.models import ActorSpec

TINY_SPECS = (
    ActorSpec("petrenko", "Ivan Petrenko", "person", group="ministry"),
    ActorSpec("haddad", "Lina Haddad", "person", group="opposition"),
    ActorSpec("levant-news", "Levant News", "media"),
)


def quotes_of(text: str, specs=TINY_SPECS):
    article = make_article(text)
    return find_quotes(article, build_registry([article], specs))


def quotes_unregistered(text: str):
    """Quotes read against a registry that holds none of the article's names (as for a name the actors lens missed)."""
    return find_quotes(make_article(text), build_registry([], TINY_SPECS))


def direct(quotes):
    return [(q.text, q.speaker, q.verb) for q in quotes if q.kind == "direct"]


def paraphrases(quotes):
    return [(q.text, q.speaker, q.verb) for q in quotes if q.kind == "paraphrase"]


# --- quote marks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, words",
    [
        ("Ivan Petrenko said: “We will stay.”", "We will stay."),
        ('Ivan Petrenko said: "We will stay."', "We will stay."),
        ("Ivan Petrenko said: «We will stay.»", "We will stay."),
        ("Ivan Petrenko said: ‘We will stay.’", "We will stay."),
        ("Ivan Petrenko said: 'We will stay.'", "We will stay."),
        ("Ivan Petrenko said: “We will stay.\"", "We will stay."),
    ],
)
def test_every_kind_of_quote_mark(text, words):
    assert direct(quotes_of(text)) == [(words, "petrenko", "said")]


def test_apostrophes_are_not_quote_marks():
    assert direct(quotes_of("Russia’s envoy and the Assads’ friends met. Ivan Petrenko’s aide left.")) == []


def test_quote_running_over_paragraphs():
    text = "Ivan Petrenko said: “We will stay.\n\n“We will not leave,” he added."
    article = make_article(text)
    spans = direct_spans(article)
    assert len(spans) == 1
    found = find_quotes(article, build_registry([article], TINY_SPECS))
    assert found[0].speaker == "petrenko"
    assert found[0].text.startswith("We will stay.") and found[0].text.endswith("We will not leave")


# --- attribution forms ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, words, verb",
    [
        ("“We will stay,” Ivan Petrenko said.", "We will stay", "said"),
        ("“We will stay,” said Ivan Petrenko.", "We will stay", "said"),
        ("Ivan Petrenko said: “We will stay.”", "We will stay.", "said"),
        ("Ivan Petrenko said that “the talks are over” for now.", "the talks are over", "said"),
        ("“We will stay,” Ivan Petrenko told Levant News on Monday.", "We will stay", "told"),
        ("“We will stay,” Ivan Petrenko stressed.", "We will stay", "stressed"),
        ("“We will stay,” Ivan Petrenko has said.", "We will stay", "said"),
        ("The port “will stay open,” according to Ivan Petrenko.", "will stay open", "according to"),
        ("The port will see “adjustments”, as Ivan Petrenko put it.", "adjustments", "put it"),
        ("Ivan Petrenko praised the deal, calling it “a new start” for both.", "a new start", "calling"),
    ],
)
def test_direct_quote_forms(text, words, verb):
    assert direct(quotes_of(text)) == [(words, "petrenko", verb)]


def test_told_sets_the_medium():
    q = quotes_of("“We will stay,” Ivan Petrenko told Levant News on Monday.")[0]
    assert q.via_media == "Levant News"
    assert q.cue is not None and "Ivan Petrenko told" in q.cue.text


def test_pronoun_speaker_and_added_noting_that():
    text = (
        "Ivan Petrenko arrived on Monday. Lina Haddad met him later.\n\n"
        "“We will stay,” Ivan Petrenko said. “We will build,” he added, noting that the port was open."
    )
    found = quotes_of(text)
    assert direct(found) == [("We will stay", "petrenko", "said"), ("We will build", "petrenko", "added")]
    assert ("the port was open", "petrenko", "noting") in paraphrases(found)


def test_pronoun_goes_to_the_latest_subject_not_an_object():
    text = "Lina Haddad spoke after the army ousted Ivan Petrenko. She said the deal was fair."
    assert paraphrases(quotes_of(text)) == [("the deal was fair", "haddad", "said")]


def test_attribution_in_the_next_sentence_and_after_a_colon():
    found = quotes_of("Ivan Petrenko said on Monday:\n\n“We will stay.”")
    assert direct(found) == [("We will stay.", "petrenko", "said")]
    found = quotes_of("Lina Haddad spoke first. “We will stay.” Ivan Petrenko said.")
    assert direct(found) == [("We will stay.", "petrenko", "said")]


def test_unattributed_scare_quote_is_reported():
    found = quotes_of("The plan is a “reset” of ties.")
    assert direct(found) == [("reset", UNATTRIBUTED, None)]
    assert found[0].speaker_text == ""


# --- descriptions, collective speakers and quotes that continue a speaker -------------------------


def speakers_of(text: str, specs=TINY_SPECS):
    """(words, speaker, as written, anonymous) of each direct quote, read with the story's registry."""
    article = make_article(text)
    return [
        (q.text, q.speaker, q.speaker_text, q.anonymous)
        for q in find_quotes(article, build_registry([article], specs))
        if q.kind == "direct"
    ]


def who(text: str, specs=TINY_SPECS) -> list[tuple[str, str]]:
    """(words, speaker) of each direct quote."""
    return [(words, speaker) for words, speaker, _, _ in speakers_of(text, specs)]


# (words, speaker, as written, anonymous): a description refers back to the one actor it fits in the
# article, else it stands as written, an unnamed person when it names a role.
DESCRIBED = {
    "the_department_refers_back": (
        "The Transport Department announced on Friday that fares would rise.\n\n"
        "The department said that this would be the “last increase” for a year.",
        [("last increase", "transport-department", "The department", False)],
    ),
    "a_department_it_does_not_fit_stays_as_written": (
        "The Transport Department met. The Dutch foreign department said it was “a grave error”.",
        [("a grave error", "the Dutch foreign department", "The Dutch foreign department", False)],
    ),
    "two_presidents_are_not_guessed_between": (
        "President Ivan Petrenko met President Lina Haddad on Monday.\n\n"
        "The president said the state was “ready to act” soon.",
        [("ready to act", UNATTRIBUTED, "The president", False)],
    ),
}


@pytest.mark.parametrize("text, expected", DESCRIBED.values(), ids=DESCRIBED.keys())
def test_descriptions_as_speakers(text, expected):
    assert speakers_of(text, ()) == expected


@pytest.mark.parametrize(
    "description, speaker",
    [("The US president", "lina-haddad"), ("The former president", "ivan-petrenko"), ("The minister", "ann-ray")],
)
def test_the_president_is_the_one_the_story_titles_so(description, speaker):
    text = (
        "Former President Ivan Petrenko met President Lina Haddad and Foreign Minister Ann Ray on Monday.\n\n"
        f"{description} urged calm and said the state was “ready to act” soon."
    )
    assert speakers_of(text, ()) == [("ready to act", speaker, description, False)]


def test_title_read_from_an_appositive_in_another_article():
    first, second = make_article("Lina Haddad, the Ruritanian president, arrived."), make_article(
        "Lina Haddad arrived. The president said it was “a fine day”.", id="a2"
    )
    registry = build_registry([first, second])
    assert [q.speaker for q in find_quotes(second, registry) if q.kind == "direct"] == ["lina-haddad"]


def test_collective_speaker_and_the_noun_that_refers_back_to_it():
    text = (
        "Nordic Council (NC) ministers on Sunday called for a “transparent” inquiry.\n\n"
        "The ministers called for a “timely and open” study."
    )
    assert who(text, ()) == [
        ("transparent", "Nordic Council ministers"),
        ("timely and open", "Nordic Council ministers"),
    ]


def test_a_collective_read_from_its_acronym_is_the_body_the_article_names():
    text = "Group of Nine (G-9) leaders on Sunday called for a “transparent” inquiry."
    assert [(w, s, t) for w, s, t, _ in speakers_of(text, ())] == [("transparent", "Group of Nine leaders", "G-9 leaders")]


def test_what_a_description_called_it():
    text = "Leaders will discuss what the bloc’s spokeswoman called a “hijacking” and the woman called “a shame”."
    assert speakers_of(text, ()) == [
        ("hijacking", "the bloc’s spokeswoman", "the bloc’s spokeswoman", True),
        ("a shame", "the woman", "the woman", True),
    ]









def test_a_body_a_known_name_only_begins_speaks_as_written():
    article = make_article("“We will not sign,” said the Harbour Court Commission on Monday.")
    registry = build_registry([], (ActorSpec("court", "Harbour Court", "organisation"),))
    assert [(q.speaker, q.speaker_text) for q in find_quotes(article, registry)] == [
        ("Harbour Court Commission", "Harbour Court Commission")
    ]



def test_straight_single_quotes_as_quotation_marks():
    text = "Ivan Petrenko recalled the envoy. He cited the 'exceptional seriousness' of the move in the '90s style."
    assert [w for w, _, _, _ in speakers_of(text)] == ["exceptional seriousness"]


def test_one_heard_saying_speaks_not_the_subject_of_another_clause():
    text = "Ivan Petrenko criticised the cut of a call in which a woman is heard saying: “Get here now!”"
    assert speakers_of(text) == [("Get here now!", "a woman", "a woman", True)]


@pytest.mark.parametrize(
    "text",
    [
        "“It is over,” the port’s director, Ivan Petrenko, said.",
        "“It is over,” Ivan Petrenko, the port’s director, said.",
    ],
)
def test_a_name_and_its_appositive_before_the_verb(text):
    assert who(text) == [("It is over", "petrenko")]


def test_a_list_of_places_before_the_verb_is_no_apposition():
    assert speakers_of("“It is over,” Bern, Oslo, said.", ()) == [("It is over", UNATTRIBUTED, "", False)]


def test_an_age_after_the_name_does_not_hide_the_speaker():
    assert who("Ivan Petrenko, 45, said: “We are ready.”") == [("We are ready.", "petrenko")]


def test_a_short_title_is_the_description_in_full():
    text = "Gov. Ivan Petrenko signed the bill. The governor called it “a great day for the port”."
    assert who(text, ()) == [("a great day for the port", "ivan-petrenko")]


# An uncued quote takes the cue of the next quote in its sentence, or continues the reported speaker
# of the sentence before it unless someone else became the subject; a cut-off text's last name speaks;
# "the report" speaks for the author of the last document credited; a possessor or a name inside a
# description is not the speaker.
WHO_SPEAKS = {
    "cue_after_the_next_quote": (
        "It is now “very clear” that prices rise, and “we must act,” according to a statement signed "
        "by Finance Minister Ivan Petrenko.",
        [("very clear", "petrenko"), ("we must act", "petrenko")],
    ),
    "continues_the_reported_speaker_before": (
        "Ivan Petrenko, in his first remarks since the vote, said the talks had failed.\n\n“We tried everything.”",
        [("We tried everything.", "petrenko")],
    ),
    "not_continued_after_another_subject": (
        "Ivan Petrenko said the talks had failed, but Lina Haddad disagreed.\n\n“We tried everything.”",
        [("We tried everything.", UNATTRIBUTED)],
    ),
    "continues_a_pronoun_for_an_inverted_speaker": (
        "Bars must check vaccine cards, said Health Director Dr. Lina Haddad to the council. "
        "Customers must comply by Nov. 4, she said.\n\n“This is a reasonable step...”",
        [("This is a reasonable step...", "haddad")],
    ),
    "text_cut_off_after_the_name": (
        "The order is broad. “Markets will adjust to it,” Finance Minister Ivan Petrenko...",
        [("Markets will adjust to it", "petrenko")],
    ),
    "the_report_speaks_for_its_author": (
        "Critics attacked a draft from Ivan Petrenko’s Port Review Commission on the harbour plan. "
        "“Expansion is likely to fail,” the report said.",
        [("Expansion is likely to fail", "port-review-commission")],
    ),
    "a_possessor_does_not_speak_for_its_body": (
        "“We will not sign,” said Ivan Petrenko’s Port Review Commission on Monday.",
        [("We will not sign", "port-review-commission")],
    ),
    "a_name_inside_a_description_is_not_the_subject": (
        "A panel formed by Ivan Petrenko met, with some members warning it would “undermine” trust.",
        [("undermine", UNATTRIBUTED)],
    ),
}


@pytest.mark.parametrize("text, expected", WHO_SPEAKS.values(), ids=WHO_SPEAKS.keys())
def test_who_speaks(text, expected):
    assert who(text) == expected


# --- paraphrases, anonymous sources and media ------------------------------------------------------


@pytest.mark.parametrize(
    "text, clause, speaker, verb",
    [
        ("Ivan Petrenko said that the port will stay open.", "the port will stay open", "petrenko", "said"),
        ("Ivan Petrenko said the port will stay open.", "the port will stay open", "petrenko", "said"),
        ("The port will stay open, Ivan Petrenko said.", "The port will stay open", "petrenko", "said"),
        ("According to Ivan Petrenko, the port will stay open.", "the port will stay open", "petrenko", "according to"),
        ("The port will stay open, according to Ivan Petrenko.", "The port will stay open", "petrenko", "according to"),
        ("Ivan Petrenko noted that the port will stay open.", "the port will stay open", "petrenko", "noted"),
        ("Ivan Petrenko added that the port will stay open.", "the port will stay open", "petrenko", "added"),
        ("The port will stay open, as confirmed by Ivan Petrenko.", "The port will stay open", "petrenko", "confirmed"),
    ],
)
def test_paraphrase_forms(text, clause, speaker, verb):
    assert paraphrases(quotes_of(text)) == [(clause, speaker, verb)]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("A source familiar with the discussions noted that the port will stay open.", "A source familiar with the discussions"),
        ("Two Syrian sources said that the port will stay open.", "Two Syrian sources"),
        ("Senior officials said the port will stay open.", "Senior officials"),
        ("The port will stay open, according to current and former American government officials.", "current and former American government officials"),
        ("Western diplomatic circles anticipate that the port will stay open.", "Western diplomatic circles"),
        ("The port will stay open, a person close to the talks said.", "a person close to the talks"),
        ("The port will stay open, according to a Russian source who spoke to Levant News.", "a Russian source"),
    ],
)
def test_anonymous_sources(text, speaker):
    found = quotes_of(text)
    assert [(q.speaker, q.speaker_text, q.anonymous) for q in found] == [(speaker, speaker, True)]


def test_anonymous_source_keeps_the_medium_it_spoke_to():
    q = quotes_of("The port will stay open, according to a Russian source who spoke to Levant News.")[0]
    assert q.via_media == "Levant News"


@pytest.mark.parametrize(
    "text, speaker, medium",
    [
        ("According to Syrian media, the contract was void.", "Syrian media", "Syrian media"),
        ("According to Russia’s state-run Tass news service, the talks began.", "Tass", "Tass"),
        ("Local news reports said the talks began.", "Local news reports", "Local news reports"),
        ("According to Levant News, the talks began.", "levant-news", "Levant News"),
    ],
)
def test_media_as_the_source(text, speaker, medium):
    found = quotes_of(text)
    assert [(q.speaker, q.via_media, q.anonymous, q.kind) for q in found] == [(speaker, medium, False, "paraphrase")]


def test_anonymous_claim_cited_from_a_medium():
    found = quotes_of("Two Syrian sources said that the talks began, according to Reuters.")
    assert [(q.speaker, q.text, q.via_media) for q in found] == [("Two Syrian sources", "the talks began", "Reuters")]


def test_voice_summary_counts_words_shares_and_groups():
    text = (
        "“We will stay here,” Ivan Petrenko said. “No,” Lina Haddad said. "
        "Officials said the port was shut. The plan is a “reset” of ties."
    )
    article = make_article(text)
    registry = build_registry([article], TINY_SPECS)
    summary = voice_summary(find_quotes(article, registry), registry)
    assert summary["total_words"] == 6
    assert summary["speakers"]["petrenko"]["words"] == 4
    assert summary["speakers"]["petrenko"]["share"] == round(4 / 6, 4)
    assert summary["speakers"]["petrenko"]["group"] == "ministry"
    assert summary["speakers"]["haddad"]["group"] == "opposition"
    assert summary["speakers"]["Officials"]["group"] == "anonymous"
    assert summary["speakers"][UNATTRIBUTED]["group"] == UNATTRIBUTED
    assert summary["anonymous"] == 1 and summary["unattributed"] == 1
    assert set(summary["groups"]) == {"ministry", "opposition", "anonymous", UNATTRIBUTED}


# --- the seeds -----------------------------------------------------------------------------------

# Every direct quote of the five seeds: (seed, opening words, speaker, verb).
SEED_DIRECT = [
    ("000", "Russia is keen on the unity", "mikhail-bogdanov", "said"),
    ("000", "the second most powerful state in the world", "ahmed-al-sharaa", "calling"),
    ("000", "in a manner that is inconsistent", "ahmed-al-sharaa", "said"),
    ("001", "We confirmed the fundamental immutability", "mikhail-bogdanov", "told"),
    ("001", "will not change the nature", "mikhail-bogdanov", "added"),
    ("001", "As far as we know", "mikhail-bogdanov", "said"),
    ("001", "understanding and attention", "mikhail-bogdanov", "noting"),
    ("001", "strategic interests", "ahmed-al-sharaa", "told"),
    ("001", "We don’t want Russia to exit Syria", "ahmed-al-sharaa", "stressed"),
    ("002", "in the near future", "a Russian source", "according to"),
    ("002", "laying the necessary foundations", "The source", "confirmed"),
    ("002", "the second most powerful country in the world", "ahmed-al-sharaa", "describing"),
    ("002", "We have long-standing strategic relations", "ahmed-al-sharaa", "said"),
    ("002", "We have not withdrawn our diplomats", "sergey-lavrov", "said"),
    ("002", "Syria is a friendly nation to Russia", "sergey-lavrov", "stressed"),
    ("002", "We are ready to resume broader cooperation", "sergey-lavrov", "added"),
    ("002", "launch a new phase of relations", "diplomats", "emphasizing"),
    ("003", "important country", "ahmed-al-sharaa", "described"),
    ("003", "We don’t want Russia to exit Syria", "ahmed-al-sharaa", "said"),
    ("003", "adjustments", "sergey-lavrov", "put it"),
    ("003", "We believe that from a strategic point of view", "andriy-sybiga", "said"),
]


@pytest.mark.parametrize("with_specs", [True, False])
def test_every_seed_direct_quote_has_its_speaker(with_specs):
    registry = seed_registry(with_specs)
    found = {n: [q for q in find_quotes(seed_article(n), registry) if q.kind == "direct"] for n in SEED_BODY_LINES}
    assert sum(len(v) for v in found.values()) == len(SEED_DIRECT)
    for seed, opening, speaker, verb in SEED_DIRECT:
        matches = [q for q in found[seed] if q.text.startswith(opening)]
        assert len(matches) == 1, (seed, opening)
        q = matches[0]
        expected = speaker if (with_specs or "-" not in speaker) else registry.resolve(_NAMES[speaker])
        assert (q.speaker, q.verb) == (expected, verb), (seed, opening)


_NAMES = {
    "mikhail-bogdanov": "Mikhail Bogdanov",
    "ahmed-al-sharaa": "Ahmed al-Sharaa",
    "sergey-lavrov": "Sergey Lavrov",
    "andriy-sybiga": "Andriy Sybiga",
}


def test_seed_anonymous_and_media_attributions():
    registry = seed_registry(True)
    q002 = find_quotes(seed_article("002"), registry)
    near = next(q for q in q002 if q.text == "in the near future")
    assert near.anonymous and near.via_media == "Asharq Al-Awsat"
    assert any(q.anonymous and q.speaker == "Russian diplomatic circles" for q in q002)
    q004 = find_quotes(seed_article("004"), registry)
    source = [q for q in q004 if q.anonymous]
    assert [(q.speaker, q.verb, q.kind) for q in source] == [("A source familiar with the discussions", "noted", "paraphrase")]
    assert source[0].text.startswith("Syria's de facto leader, Ahmed al-Sharaa, requested")
    assert not [q for q in q004 if q.kind == "direct"]
    q000 = find_quotes(seed_article("000"), registry)
    assert any(q.speaker == "Two Syrian sources" and q.anonymous and q.via_media == "Reuters" for q in q000)
    keen = next(q for q in q000 if q.text.startswith("Russia is keen"))
    assert keen.via_media == "RT"
    q001 = find_quotes(seed_article("001"), registry)
    assert next(q for q in q001 if q.text.startswith("We confirmed")).via_media == "RT Arabic"
    q003 = find_quotes(seed_article("003"), registry)
    assert {(q.speaker, q.via_media) for q in q003 if q.via_media} >= {("Tass", "Tass"), ("Syrian media", "Syrian media")}


def test_seed_paraphrases_resolve_pronouns():
    registry = seed_registry(True)
    q002 = paraphrases(find_quotes(seed_article("002"), registry))
    assert any(s == "ahmed-al-sharaa" and v == "stated" for _, s, v in q002)  # "He further stated that …"
    assert any(s == "sergey-lavrov" and v == "added" for _, s, v in q002)  # "He added that …"
    assert any(s == "asaad-al-shaybani" and v == "stated" for _, s, v in q002)
    q001 = paraphrases(find_quotes(seed_article("001"), registry))
    assert all(s == "mikhail-bogdanov" for _, s, _ in q001)
    assert len(q001) >= 4


def test_seed_quotes_are_deterministic():
    registry = seed_registry(True)
    articles = [seed_article(n) for n in SEED_BODY_LINES]
    first = [find_quotes(a, registry) for a in articles]
    assert first == [find_quotes(a, registry) for a in articles]
    assert SPECS  # the registry was built from the story's specs


def test_lower_case_descriptor_before_the_speakers_name() -> None:
    article = make_article("“The regime is brutal,” opposition leader Tomas Reyl told reporters on Monday.")
    spec = ActorSpec("reyl", "Tomas Reyl", "person", ("Reyl",))
    (quote,) = [q for q in find_quotes(article, build_registry([article], [spec])) if q.kind == "direct"]
    assert (quote.speaker, quote.verb, quote.text) == ("reyl", "told", "The regime is brutal")


# --- lookups by bisection agree with a plain scan -------------------------------------------------


def test_intervals_answer_as_a_scan_of_every_interval():
    import random

    from framing.analyse.lenses.attribution import Intervals

    rng = random.Random(5)
    for _ in range(50):
        pairs = [(a, a + rng.randint(0, 30)) for a in (rng.randint(0, 200) for _ in range(rng.randint(0, 12)))]
        box = Intervals(pairs)
        for pos in range(-2, 240):
            assert box.covers(pos) == any(a <= pos < b for a, b in pairs)
            end = pos + rng.randint(0, 20)
            assert box.contains(pos, end) == any(a <= pos and end <= b for a, b in pairs)
            assert box.starts_between(pos, end) == any(pos <= a < end for a, _ in pairs)


@pytest.mark.parametrize("number", sorted(SEED_BODY_LINES))
def test_context_lookups_agree_with_a_scan(number):
    from framing.analyse.lenses.attribution import Context

    article = seed_article(number)
    ctx = Context(article, seed_registry(True))
    for pos in range(0, len(article.text) + 1, 7):
        assert ctx.sentence_of(pos) == next(((s, e) for s, e in ctx.sentences if s <= pos < e), (pos, pos))
        assert ctx.sentence_before(pos) == ([s for s in ctx.sentences if s[1] <= pos] or [None])[-1]
        assert ctx.sentence_after(pos) == ([s for s in ctx.sentences if s[0] >= pos] or [None])[0]
        assert ctx.mentions_in(pos, pos + 60) == [m for m in ctx.mentions if pos <= m.span.start and m.span.end <= pos + 60]
        assert ctx.resolve_pronoun(pos) == ([a for p, a in ctx.antecedents if p < pos] or [None])[-1]
    assert ctx.mentions and ctx.antecedents


def test_many_said_cues_are_each_read_once():
    sentence = "Officials said the talks went well. “We agree,” said Maria Lopez. Lopez added that more talks follow.\n\n"
    article = make_article(sentence * 200)
    registry = build_registry([article])
    quotes = find_quotes(article, registry)
    one = find_quotes(make_article(sentence), registry)
    step = len(sentence)
    assert [(q.kind, q.speaker, q.span.start % step, q.span.end % step) for q in quotes] == [
        (q.kind, q.speaker, q.span.start, q.span.end) for q in one
    ] * 200


# --- news-style attribution: honorifics, affiliations, follow-on quotes, titles -----------------------


@pytest.mark.parametrize(
    "text",
    [
        "“We will stay,” Mr. Petrenko said.",
        "“We will stay,” said Sen. Ivan Petrenko (D-Calif.).",
        "“We will stay,” said Sen. Ivan Petrenko (R., Wash.), who chairs the panel.",
        "“We will stay,” U.S. envoy Ivan Petrenko said in a statement.",
        "Sen. Ivan Petrenko (D-Calif.) on Thursday said “we will stay” in the region.",
    ],
)
def test_honorifics_and_affiliations_keep_the_speaker(text):
    [(_, speaker, _)] = direct(quotes_of(text))
    assert speaker == "petrenko"


def test_unregistered_speaker_is_the_name_without_place_or_time():
    text = "“We will stay,” said Republican Sen. Ann Marie Lee of West Virginia, who led the talks."
    [q] = quotes_unregistered(text)
    assert (q.speaker, q.verb) == ("Republican Sen. Ann Marie Lee", "said")
    [registered] = quotes_of(text)  # the actors lens finds her name under its title: the quote is hers
    assert (registered.speaker, registered.verb) == ("ann-marie-lee", "said")


@pytest.mark.parametrize("text", ["“We will stay,” said Republican Sen.", "“We will stay,” the Sen. said."])
def test_a_title_alone_is_not_a_speaker(text):
    assert [q.speaker for q in quotes_of(text)] == [UNATTRIBUTED]


@pytest.mark.parametrize(
    "text",
    [
        "Ivan Petrenko appeared on “State of the Union” on Sunday.",
        "The film “Nomadland” won the top prize.",
    ],
)
def test_titles_in_quotation_marks_are_not_quotes(text):
    assert direct(quotes_of(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "“We will stay,” Ivan Petrenko told “Morning Edition” on Sunday.",
        "Ivan Petrenko, promoting his new book “The Long Road Home: How the Port Was Saved,” said “we will stay.”",
        "The “Morning Edition” host said “we will stay.”",
    ],
)
def test_titles_of_works_and_shows_are_not_quotes_however_long(text):
    assert [words for words, _, _ in direct(quotes_of(text))] == [w for w in ("We will stay", "we will stay.") if w in text]


@pytest.mark.parametrize(
    "text, speaker",
    [
        pytest.param("Lina Haddad says the port will stay open.\n\n“It gave me hope,” the actor and activist said.", "haddad", id="a_plain_role_refers_back_to_the_one_person_named"),
        pytest.param("Lina Haddad says the port will stay open.\n\nThe “Brave” author called it “a gift.”", "haddad", id="a_role_after_a_quoted_title"),
    ],
)
def test_a_plain_role_refers_back_to_the_one_person_named(text, speaker):
    assert [s for _, s, _ in direct(quotes_of(text))] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Ivan Petrenko spoke, then Lina Haddad.\n\n“It gave me hope,” the activist said.",  # two people: no guess
        "Lina Haddad met a woman at the port.\n\n“It gave me hope,” the woman said.",  # someone introduced by the role
    ],
)
def test_a_plain_role_with_no_single_referent_is_an_unnamed_person(text):
    [quote] = [q for q in quotes_of(text) if q.kind == "direct"]
    assert quote.anonymous and quote.speaker.startswith("the ")


def test_lower_case_scare_quote_is_still_reported_unattributed():
    assert direct(quotes_of("The term “misinformation” is used a lot.")) == [("misinformation", UNATTRIBUTED, None)]


def test_title_after_a_preposition_is_not_a_quote_even_in_a_reported_sentence():
    quotes = direct(quotes_of("“We are worried,” Ivan Petrenko told Levant News on “Morning Edition” on Sunday."))
    assert quotes == [("We are worried", "petrenko", "told")]



# Follow-on quotes keep their speaker; a name in between, or none to follow, leaves them unattributed.
@pytest.mark.parametrize(
    "text, speakers",
    [
        pytest.param("“We will stay,” Ivan Petrenko added as he left. “We will not leave.”\n\nLina Haddad disagreed.", ["petrenko", "petrenko"], id="follow_on_quote_in_the_paragraph_keeps_the_speaker"),
        pytest.param("“We will stay,” Ivan Petrenko said, and Lina Haddad frowned. “We will not leave.”", ["petrenko", UNATTRIBUTED], id="follow_on_quote_after_another_name_is_not_inherited"),
        pytest.param("“We will stay,” Ivan Petrenko said.\n\n“We will not leave.”", ["petrenko", "petrenko"], id="quote_opening_the_next_paragraph_continues_the_speaker"),
        pytest.param("“We will stay,” Ivan Petrenko said, as Lina Haddad looked on.\n\n“We will not leave.”", ["petrenko", UNATTRIBUTED], id="quote_paragraph_after_the_speaker_moved_on_to_someone_else_stays_unattributed"),
        pytest.param("Ivan Petrenko said his side was “ready to move” on Friday.\n\n“We will not leave.”", ["petrenko", "petrenko"], id="quote_paragraph_continues_the_speaker_of_the_paragraph_before"),
    ],
)
def test_speaker_of_each_direct_quote(text, speakers):
    assert [s for _, s, _ in direct(quotes_of(text))] == speakers


def test_pronoun_reaches_a_name_the_registry_does_not_hold():
    text = "“No,” Mr. Novak said.\n\n“It was easy,” he continued. “We knew.”"
    assert [s for _, s, _ in direct(quotes_unregistered(text))] == ["Mr. Novak"] * 3
    assert [s for _, s, _ in direct(quotes_of(text))] == ["novak"] * 3


def test_verb_inside_a_compound_adjective_is_not_the_cue():
    [(_, speaker, verb)] = direct(quotes_of("Ivan Petrenko said the highly-anticipated talks were “good.”"))
    assert (speaker, verb) == ("petrenko", "said")


def test_a_cue_with_only_spaces_for_a_speaker_names_nobody():
    [q] = quotes_of("“We will stay,”\u00a0\u00a0said.")
    assert q.speaker == UNATTRIBUTED


def test_a_heading_or_a_lone_function_word_is_never_a_speaker() -> None:
    article = make_article(
        "What they're saying: “We will not tolerate unscrupulous employers,” the statement read on.\n\n"
        "What he's saying: voters said “no” to the recall by a wide margin."
    )
    quotes = find_quotes(article, build_registry([article], []))
    assert quotes and all(q.speaker_text != "What" and q.speaker != "What" for q in quotes)
    direct = [q for q in quotes if q.kind == "direct"]
    assert all(q.speaker == UNATTRIBUTED or q.speaker_text[:1].isupper() for q in direct)


@pytest.mark.parametrize(
    "text, anonymous",
    [
        ("“We will leave soon,” U.S. officials said on Monday.", True),
        ("U.S. officials said they did not expect the city to fall.", True),
        ("“It is over,” said White House officials.", True),
        ("“It is over,” Ann Lee said.", False),
    ],
)
def test_unnamed_officials_of_a_named_body_are_an_anonymous_source(text, anonymous) -> None:
    article = make_article(text)
    quotes = find_quotes(article, build_registry([article], []))
    assert quotes and [q.anonymous for q in quotes] == [anonymous]
    assert quotes[0].speaker != UNATTRIBUTED


# --- replies, questions, mixed marks and the one a quote is told to --------------------------------


def test_a_reply_after_a_quote_is_its_speakers():
    text = "“Are you better?” Ivan Petrenko said.\n\n“Thank you,” Lina Haddad responded. “You are the only one who asked.”"
    assert [s for _, s, _ in direct(quotes_of(text))] == ["petrenko", "haddad", "haddad"]


def test_a_question_closing_its_sentence_is_credited_to_the_name_after_it():
    text = "“Why are you so sure?” Levant News’s chief correspondent, Lina Haddad, asked the minister."
    assert direct(quotes_of(text)) == [("Why are you so sure?", "haddad", "asked")]


def test_a_straight_opening_mark_closed_by_a_curly_one():
    text = 'Lina Haddad called it "a grave error,” and the talks ended. Ivan Petrenko said nothing.'
    assert direct(quotes_of(text)) == [("a grave error", "haddad", "called")]


def test_the_one_a_quote_is_told_to_does_not_take_the_next_quote():
    text = "“We will stay,” she told host Ivan Petrenko on Sunday. “We will not leave.”"
    text = "Lina Haddad spoke on the radio.\n\n" + text
    assert [s for _, s, _ in direct(quotes_of(text))] == ["haddad", "haddad"]


def test_a_role_before_a_name_makes_it_a_person():
    article = make_article("Radio host Tucker Marlow was granted a visit to the port on Monday.")
    registry = build_registry([article])
    assert [(a.name, a.kind) for a in registry.actors] == [("Tucker Marlow", "person")]


@pytest.mark.parametrize(
    "text",
    [
        "“We will stay,” Ivan Petrenko said on Levant News’s “This Week.”",
        "“We will stay,” Ivan Petrenko told Levant News’ “Hannity.”",
    ],
)
def test_a_show_after_its_channels_name_is_not_a_quote(text):
    assert direct(quotes_of(text)) == [("We will stay", "petrenko", next(v for v in ("said", "told") if v in text))]


def test_a_description_owned_by_a_place_is_not_the_place():
    found = quotes_of("Georgia’s secretary of state said the rolls were “up to date.”")
    assert {(q.kind, q.speaker, q.speaker_text) for q in found} == {
        (kind, UNATTRIBUTED, "Georgia’s secretary of state") for kind in ("direct", "paraphrase")
    }


def test_the_speaker_as_written_ends_at_the_name():
    [quote] = [q for q in quotes_of("Ivan Petrenko on Thursday sought to clarify his argument that “it is our business.”") if q.kind == "direct"]
    assert (quote.speaker, quote.speaker_text) == ("petrenko", "Ivan Petrenko")


@pytest.mark.parametrize(
    "text",
    [
        # A name in a subordinate clause is not the sentence's subject.
        "A group of scientists pushed back on the view that Ivan Petrenko misled them, insisting the theory is “viable.”",
        # A clause after a quote and a dash is no speaker and verb.
        "The group rejected the claim that it is “extremely unlikely” Petrenko Holdings leaked it — insisting on “a proper probe.”",
    ],
)
def test_no_speaker_is_guessed_from_a_name_outside_the_subject(text):
    assert {s for _, s, _ in direct(quotes_of(text))} == {UNATTRIBUTED}


def test_a_pronoun_right_before_the_verb_is_its_subject_not_the_opening_name():
    text = "Levant News reporter Lina Haddad resigned on Tuesday following a story she claimed she was “ordered to write.”"
    assert [(q.speaker, q.kind) for q in quotes_of(text) if q.kind == "direct"] == [("haddad", "direct")]


def test_a_joint_statement_is_credited_to_the_first_named():
    text = "“The plan misses the mark,” said Sen. Lina Haddad and Reps. Ivan Petrenko and Tomas Reyl."
    assert [s for _, s, _ in direct(quotes_of(text))] == ["haddad"]


@pytest.mark.parametrize(
    "text, speaker, anonymous",
    [
        ("Levant abortion providers say the impact has been “exactly what we feared.”", "Levant abortion providers", False),
        ("A recently relieved Harbour Defence Force commander said the unit was “deeply shaken.”", "harbour-defence-force", True),
    ],
)
def test_a_name_that_only_modifies_who_speaks_is_not_the_speaker(text, speaker, anonymous):
    [quote] = [q for q in quotes_of(text) if q.kind == "direct"]
    assert (quote.speaker, quote.anonymous) == (speaker, anonymous)


@pytest.mark.parametrize(
    "text",
    [
        "The deal was signed. But lawmakers still stressed that the plan “delivers on much” of it.",
        "“Costco lines are extremely long this morning.” It’s the toilet paper sellout all over...",
    ],
)
def test_openers_and_contractions_are_never_speakers(text):
    assert {s for _, s, _ in direct(quotes_of(text))} == {UNATTRIBUTED}


@pytest.mark.parametrize("text, expected", [
    # when they spoke is no part of who spoke
    ("Senate Republicans Thursday said that they would oppose the plan.", "Senate Republicans"),
    ("Congressional Democrats Tuesday warned “the bill is dead.”", "Congressional Democrats"),
])
def test_a_day_after_the_speaker_is_not_part_of_the_speaker(text: str, expected: str) -> None:
    quotes = quotes_unregistered(text)
    assert [q.speaker_text for q in quotes] == [expected]


def test_a_quote_after_said_and_a_day_is_one_direct_quote_not_also_a_paraphrase() -> None:
    quotes = quotes_unregistered("Senate Republicans said Thursday “we will oppose it.”")
    assert [(q.kind, q.text) for q in quotes] == [("direct", "we will oppose it.")]


def test_a_title_with_of_or_for_still_opens_the_clause_a_pronoun_refers_to() -> None:
    # "Special Envoy for Petrenko's ministry"-style titles: the name after them is the sentence's subject.
    quotes = quotes_of("Special Envoy for Syria Ivan Petrenko resigned on Friday over what he called “a betrayal.”\n\n"
                       "Lina Haddad did not comment.")
    assert direct(quotes) == [("a betrayal.", "petrenko", "called")]


@pytest.mark.parametrize("text, expected", [
    # what the phrase says after its speaker: a verb, an auxiliary, an adverb, a participle
    ("A diplomat and a source with knowledge of the matter had earlier said the talks had failed.",
     "a source with knowledge of the matter"),
    ("The White House on Thursday formally announced its plan, calling it “the largest-ever donation.”", "The White House"),
    ("Prices rose, according to a new complaint by the Federal Trade Commission filed Thursday.",
     "a new complaint by the Federal Trade Commission"),
    # the clause the phrase ends in: who speaks follows its last clause word
    ("Lawmakers killed the law, wiping it from the books after Michigan’s Supreme Court declared it void.",
     "Michigan’s Supreme Court"),
    ("Most of the criticism was aimed at the chief of staff, who aides claimed had limited access.", "aides"),
])
def test_a_speaker_phrase_is_cut_to_its_speaker(text: str, expected: str) -> None:
    article = make_article(text)
    quotes = find_quotes(article, build_registry([article], ()))  # the names the text itself gives
    assert [q.speaker_text for q in quotes] == [expected]


@pytest.mark.parametrize("text", [
    "It’s hard to believe now, but Lina Haddad was widely seen as a champion of the “reformicons” — a small group.",
    # a date is no speaker: "counties have until April 29 to confirm"
    "That number is expected to grow, as counties have until April 29 to confirm the count.",
])
def test_a_clause_or_a_date_is_no_speaker(text: str) -> None:
    assert {q.speaker for q in quotes_unregistered(text)} <= {UNATTRIBUTED}


def test_a_pronoun_after_a_clause_word_is_not_guessed() -> None:
    # "even as he described": whose "he" is, the nearest name does not say
    quotes = quotes_of("Ivan Petrenko said on Monday that activists who confronted Lina Haddad went too far, "
                       "even as he described such protests as part of public life.")
    assert "haddad" not in {q.speaker for q in quotes}


def test_said_and_a_day_then_what_was_said() -> None:
    quotes = quotes_unregistered("A Central Command spokesperson said Thursday evening an additional service member died.")
    assert [(q.speaker_text, q.text) for q in quotes] == [("A Central Command spokesperson", "an additional service member died")]


def test_a_cue_ending_its_sentence_with_a_day_reports_what_comes_before() -> None:
    quotes = quotes_unregistered("The talks have broken down, administration officials said Tuesday night.")
    assert [(q.kind, q.speaker_text, q.text, q.anonymous) for q in quotes] == [
        ("paraphrase", "administration officials", "The talks have broken down", True)]


def test_a_description_stands_for_a_body_whose_name_has_a_kindred_head() -> None:
    # "the department" for a police force, "the agency" for a commission: the English profile's body heads
    def speakers(text: str) -> list[tuple[str, str]]:
        article = make_article(text)
        return [(q.speaker, q.speaker_text) for q in find_quotes(article, build_registry([article], ()))]

    assert speakers("The Capitol Police arrested a man on Tuesday. “He is in custody,” the department said.") == [
        ("capitol-police", "the department")]
    # two bodies it could stand for: nobody is guessed
    assert speakers("The Capitol Police and the Fire Service met on Tuesday. “He is in custody,” the department said.") == [
        ("the department", "the department")]


def _read(text: str):
    article = make_article(text)
    return article, build_registry([article], ())


def test_the_state_and_party_description_refers_to_the_one_person_written_so() -> None:
    article, registry = _read("Speaker Nancy Pelosi (D-Calif.) spoke. Rep. Jim Banks (R-Ind.) replied. "
                              "The California Democrat told reporters that “the work goes on.” The Republican said “no.”")
    assert [(q.speaker, q.text) for q in find_quotes(article, registry)] == [
        ("nancy-pelosi", "the work goes on."), ("jim-banks", "no.")]


def test_a_party_description_two_people_fit_is_not_guessed() -> None:
    article, registry = _read("Speaker Nancy Pelosi (D-Calif.) spoke. Rep. Adam Schiff (D-Calif.) agreed. "
                              "The California Democrat told reporters that “the work goes on.”")
    assert [(q.speaker, q.speaker_text) for q in find_quotes(article, registry)] == [
        (UNATTRIBUTED, "The California Democrat")]


@pytest.mark.parametrize("text, expected", [
    # a description by a possessive pronoun, then the name it gives: the name speaks
    ("“We tried,” said her spokesman, Tom Ray. “It failed.”", ["Tom Ray", "Tom Ray"]),
    ("“I gave his daughter the flag,” said his wife, Ann Lee, 69, of Richton Park.", ["Ann Lee"]),
    # a name, then a capitalised description ending in a title, then the verb
    ("“The policy is strict,” Kevin Munoz, White House assistant press secretary, wrote on Twitter.", ["Kevin Munoz"]),
    # a verb often a noun is a verb right after a quote
    ("“It is the unspoken formula,” reports Axios.", ["Axios"]),
])
def test_the_speaker_after_a_quote_in_more_of_news_style(text: str, expected: list[str]) -> None:
    article, registry = _read(text)
    assert [q.speaker_text for q in find_quotes(article, registry)] == expected


def test_a_relative_clause_on_the_speaker_does_not_stop_the_next_quote_continuing_him() -> None:
    # "“A,” said Lee, who also met Haddad. “B.”": the clause is about the speaker; B is still his
    quotes = quotes_of("“We tried,” said Ivan Petrenko, who also met Lina Haddad on Monday. “It failed.”")
    assert [q.speaker for q in quotes if q.kind == "direct"] == ["petrenko", "petrenko"]
    # another sentence naming someone else between them: not his
    quotes = quotes_of("“We tried,” said Ivan Petrenko, who leads the group. Lina Haddad disagreed. “It failed.”")
    assert [q.speaker for q in quotes if q.kind == "direct"][1] != "petrenko"


def test_whoever_brands_or_dubs_something_with_quoted_words_speaks_them() -> None:
    quotes = quotes_of("Ivan Petrenko swiftly branded the comments “disappointing” on Monday.")
    assert direct(quotes) == [("disappointing", "petrenko", "branded")]
    quotes = quotes_of("Lina Haddad dubbed the plan “a disaster” on Monday.")
    assert direct(quotes) == [("a disaster", "haddad", "dubbed")]


def test_a_participle_clause_is_no_speaker() -> None:
    quotes = quotes_unregistered("Speaking to a crowd at the event called the “rally,” Lina Haddad thanked the “brave warriors.”")
    assert "Speaking to a crowd at the event" not in {q.speaker_text for q in quotes}
