"""Labels: the descriptors articles attach to actors, by pattern, with stance and voice."""

from __future__ import annotations

import pytest
from conftest import make_article
from test_actors import seed_article, seed_registry

from framing.analyse.lenses.actors import build_registry
from framing.analyse.lenses.labels import find_labels
from framing.analyse.lenses.quotes import find_quotes
from framing.models import ActorSpec

SPECS = (
    ActorSpec("petrenko", "Ivan Petrenko"),
    ActorSpec("clf", "Coastal Liberation Front", "group", ("CLF",)),
    ActorSpec("gov", "new coastal authorities", "government", ("new coastal administration", "insurgent government")),
)


def rate(text: str):
    return "delegitimising" if "dictator" in text or "jihadist" in text else None


def labels_of(text: str, quotes: bool = False):
    article = make_article(text)
    registry = build_registry([article], SPECS)
    found = find_quotes(article, registry) if quotes else ()
    return [(lb.actor, lb.text, lb.pattern) for lb in find_labels(article, registry, rate, found)]


@pytest.mark.parametrize(
    "text, label, pattern",
    [
        ("Ivan Petrenko, the leader of the transitional government, spoke.", "leader of the transitional government", "appositive"),
        ("Ivan Petrenko, Levant's deputy foreign minister and envoy to the region, spoke.", "Levant's deputy foreign minister and envoy to the region", "appositive"),
        ("They met Syrian dictator Ivan Petrenko.", "Syrian dictator", "title"),
        ("They met former President Ivan Petrenko.", "former President", "title"),
        ("They met Deputy Foreign Minister Ivan Petrenko.", "Deputy Foreign Minister", "title"),
        ("They met the head of the new government, Ivan Petrenko, on Monday.", "head of the new government", "before-comma"),
        ("They met Levant's de facto leader, Ivan Petrenko, on Monday.", "Levant's de facto leader", "before-comma"),
        ("Ivan Petrenko became Levant's de facto leader last month.", "Levant's de facto leader", "predicate"),
        ("Ivan Petrenko, also known as Abu Karim, spoke.", "also known as Abu Karim", "also-known-as"),
        ("Ivan Petrenko (formerly known as Abu Karim) spoke.", "formerly known as Abu Karim", "also-known-as"),
        ("Ivan Petrenko, also known by his nom de guerre Abu Karim, spoke.", "also known by his nom de guerre Abu Karim", "also-known-as"),
    ],
)
def test_person_label_patterns(text, label, pattern):
    assert ("petrenko", label, pattern) in labels_of(text)


@pytest.mark.parametrize(
    "text, label, pattern",
    [
        ("The offensive was led by a former rebel offshoot called Coastal Liberation Front (CLF).", "former rebel offshoot", "called"),
        ("His Coastal Liberation Front (CLF) jihadist group attacked.", "jihadist group", "group-noun"),
        ("It met the insurgent government that overthrew the king in May.", "insurgent government that overthrew the king in May", "descriptor"),
        ("CLF was the region's strongest militia during the war.", "region's strongest militia", "predicate"),
    ],
)
def test_group_label_patterns(text, label, pattern):
    found = labels_of(text)
    actor = "gov" if "government" in label else "clf"
    assert (actor, label, pattern) in found


def test_no_label_from_a_list_of_other_people():
    found = labels_of("They met Ivan Petrenko, Health Minister Karim Nassar, and others. Ivan Petrenko, on Monday, left.")
    assert [lb for lb in found if lb[0] == "petrenko"] == []


def test_stance_and_voice():
    article = make_article(
        "Syrian dictator Ivan Petrenko left. “We fought the jihadist group Coastal Liberation Front,” Karim Nassar said."
    )
    registry = build_registry([article], SPECS)
    quotes = find_quotes(article, registry)
    labels = {lb.text: lb for lb in find_labels(article, registry, rate, quotes)}
    assert labels["Syrian dictator"].voice == "own"
    assert labels["Syrian dictator"].stance == "delegitimising"
    assert labels["jihadist group"].voice == "quoted"
    assert labels["jihadist group"].actor == "clf"
    unrated = find_labels(make_article("They met former President Ivan Petrenko."), registry, lambda t: None)
    assert unrated[0].stance == "unrated"


def test_label_spans_index_the_cleaned_text():
    article = make_article("Intro.\n\nIvan Petrenko, the leader of the new government, spoke.")
    registry = build_registry([article], SPECS)
    for lb in find_labels(article, registry, rate):
        assert article.text[lb.span.start : lb.span.end] == lb.text == lb.span.text


# --- the seeds -----------------------------------------------------------------------------------


def seed_labels(number: str):
    registry = seed_registry(True)
    article = seed_article(number)
    return {(lb.actor, lb.text) for lb in find_labels(article, registry, lambda t: None, find_quotes(article, registry))}


def test_seed_labels_for_al_sharaa_assad_and_the_new_authorities():
    assert {
        ("ahmed-al-sharaa", "head of the new Syrian administration"),
        ("ahmed-al-sharaa", "leader of the transitional government"),
        ("mikhail-bogdanov", "Russia's deputy foreign minister and special envoy to the Middle East and North Africa region"),
        ("asaad-al-shaybani", "Syrian Foreign Minister"),
    } <= seed_labels("000")
    assert {
        ("ahmed-al-sharaa", "head of the Syrian administration"),
        ("ahmed-al-sharaa", "also known by his nom de guerre Abu Mohammad al-Julani"),
        ("ahmed-al-sharaa", "Syria’s de facto leader"),
        ("hts", "jihadist group"),
        ("bashar-al-assad", "former President"),
        ("maher-al-sharaa", "Health Minister"),
    } <= seed_labels("001")
    assert {
        ("ahmed-al-sharaa", "head of the Syrian administration"),
        ("bashar-al-assad", "ousted President"),
        ("mikhail-bogdanov", "Russia’s Deputy Foreign Minister and presidential envoy to the Middle East and North Africa"),
    } <= seed_labels("002")
    assert {
        ("new-syrian-authorities", "insurgent government that overthrew Syrian dictator Bashar Assad in December"),
        ("bashar-al-assad", "Syrian dictator"),
        ("hts", "former al-Qaeda offshoot"),
        ("hts", "Russia’s military enemy"),
        ("ahmed-al-sharaa", "leader"),
        ("ahmed-al-sharaa", "formerly known as Abu Mohammed al-Jolani"),
        ("alexander-lavrentiev", "Special Representative for Syria"),
        ("asaad-al-shaybani", "his foreign minister"),
    } <= seed_labels("003")
    assert {("ahmed-al-sharaa", "Syria's de facto leader"), ("ahmed-al-sharaa", "new leader")} <= seed_labels("004")


def test_seed_quoted_label_voice():
    registry = seed_registry(True)
    article = seed_article("002")
    labels = find_labels(article, registry, lambda t: None, find_quotes(article, registry))
    friendly = [lb for lb in labels if lb.text == "friendly nation"]
    assert friendly and friendly[0].actor == "syria" and friendly[0].voice == "quoted"


def test_in_body_agrees_with_a_scan_across_articles():
    from framing.words import in_body

    one = make_article("\n\n".join(f"Heading {k}" if k % 3 == 0 else f"Body line {k} here." for k in range(30)), headings=tuple(range(0, 30, 3)))
    two = make_article("Only a body.\n\nAnd another paragraph.", id="b")
    for pos in range(-1, len(one.text) + 2):
        for article in (one, two):  # alternating articles: each answer is for the article asked about
            assert in_body(article, pos) == any(b.start <= pos < b.end for b in article.paragraphs)


def test_a_label_naming_another_person_is_not_theirs():
    article = make_article("Maria Lopez, the deputy of minister Tomas Reyl, spoke. Tomas Reyl, the minister, agreed. Lopez, the envoy, left.")
    registry = build_registry([article])
    labels = [(lab.actor, lab.text) for lab in find_labels(article, registry, lambda text: None)]
    lopez, reyl = registry.resolve("Maria Lopez"), registry.resolve("Tomas Reyl")
    assert (reyl, "minister") in labels and (lopez, "envoy") in labels
    assert not any(actor == lopez and "Reyl" in text for actor, text in labels)  # "deputy of … Reyl" names him


@pytest.fixture(scope="module")
def shipped_rate():
    from framing.analyse.lenses.labels import label_rater
    from framing.lexicon.format import load_lexicon
    from framing.lexicon.matcher import Matcher
    from framing.resources import shipped_lexicons

    return label_rater(Matcher([load_lexicon(p) for p in shipped_lexicons()]))


@pytest.mark.parametrize(
    "label, stance",
    [
        ("disgraced politician", "delegitimising"),  # a loaded word
        ("embattled governor", "delegitimising"),  # an evaluative word of clear polarity
        ("self-styled leader", "delegitimising"),
        ("respected veteran diplomat", "legitimising"),
        ("freedom fighter", "legitimising"),  # a glorifying loaded word
        ("Governor", "neutral"),  # plain titles, roles, names and numbers
        ("former President", "neutral"),
        ("Levant's deputy foreign minister and envoy", "neutral"),
        ("Gov.", "neutral"),
        ("the 36-member panel", "neutral"),
        ("very different national leader", "unrated"),  # words the lexicons cannot judge
    ],
)
def test_label_stance_from_the_lexicons(shipped_rate, label, stance):
    assert shipped_rate(label) == stance


def test_a_story_lexicon_label_stance_wins():
    from framing.analyse.lenses.labels import label_rater
    from framing.lexicon.matcher import Matcher
    from framing.models import Match, Span

    class OneLabel(Matcher):
        def __init__(self):
            pass

        def find(self, text, article_id, start=0, end=None):
            span = Span(article_id, 0, len(text), text)
            return [Match("story", "label", text, span, "petrenko", "legitimising")]

    assert label_rater(OneLabel())("embattled governor") == "legitimising"


@pytest.mark.parametrize(
    "text, label",
    [
        ("It was signed, said Sen. Ivan Petrenko of the coast.", "Sen."),
        ("In the first such action, Gov. Ivan Petrenko issued a mandate.", "Gov."),
        ("Treasury Secretary Ivan Petrenko agreed.", "Treasury Secretary"),
        ("On Monday Homeland Security Secretary Ivan Petrenko spoke.", "Homeland Security Secretary"),
    ],
)
def test_abbreviated_titles_and_offices_before_a_name(text, label):
    assert ("petrenko", label, "title") in labels_of(text)


@pytest.mark.parametrize("text", ["Former Ivan Petrenko aides met.", "Then Ivan Petrenko left."])
def test_a_lone_modifier_is_no_label(text):
    assert [lb for lb in labels_of(text) if lb[0] == "petrenko"] == []


@pytest.mark.parametrize(
    "text",
    [
        "CLF fought the army for years and the government still has it designated as a terrorist organization, but Ivan Petrenko met them.",
        "Ivan Petrenko said the government designated CLF as a terrorist organization in May.",
        "CLF is designated as a terrorist organization by several states.",
    ],
)
def test_a_designation_labels_the_actor_designated(text):
    found = labels_of(text)
    assert ("clf", "terrorist organization", "designated") in found
    assert not [lb for lb in found if lb[1] == "terrorist organization" and lb[0] != "clf"]


@pytest.mark.parametrize(
    "text, label, pattern",
    [
        ("Judge Ivan Petrenko, an Obama appointee, ruled on Monday.", "Obama appointee", "appositive"),
        ("Ivan Petrenko of Virginia, a former Navy secretary, has died.", "former Navy secretary", "appositive"),
        ("It quoted Ivan Petrenko — the head of a nonprofit — on Monday.", "head of a nonprofit", "appositive"),
        ("Ivan Petrenko, 78, received a booster shot.", "78", "age"),
        ("The country is led by Ivan Petrenko, often referred to as the last dictator.", "last dictator", "referred-to-as"),
        ("Ivan Petrenko was identified as the Carolina man on the video.", "Carolina man", "predicate"),
    ],
)
def test_appositives_ages_and_descriptions(text, label, pattern):
    assert ("petrenko", label, pattern) in labels_of(text)


@pytest.mark.parametrize(
    "text, label",
    [
        ("It was said by National Institute of Allergy and Infectious Diseases Director Ivan Petrenko.",
         "National Institute of Allergy and Infectious Diseases Director"),
        ("Then Health and Human Services Secretary Ivan Petrenko spoke.", "Health and Human Services Secretary"),
    ],
)
def test_an_office_named_with_of_and_and_stays_whole(text, label):
    assert ("petrenko", label, "title") in labels_of(text)


@pytest.mark.parametrize(
    "start, end, crosses",
    [(0, 5, False), (12, 18, False), (8, 14, True), (14, 25, True), (5, 25, True), (22, 30, False)],
)
def test_a_label_may_not_cross_a_quote_boundary(start, end, crosses):
    from framing.analyse.lenses.attribution import Intervals
    from framing.analyse.lenses.labels import _crosses_quote

    assert _crosses_quote(Intervals([(10, 20)]), start, end) is crosses


@pytest.mark.parametrize(
    "text, absent",
    [
        # The ruling is the blow, not the judge named inside the subject.
        ("The ruling by Judge Ivan Petrenko is the first legal blow to the law.", "first legal blow"),
        # A person's title before a body's name belongs to someone else.
        ("Levant Radio's chief Coastal Liberation Front correspondent asked a question.", "chief"),
    ],
)
def test_labels_never_attach_to_a_name_the_words_do_not_describe(text, absent):
    assert absent not in [label for _, label, _ in labels_of(text)]


def test_a_name_found_in_the_text_is_no_label_of_itself():
    article = make_article("Police and the Armed Forces of Haiti control the capital. The Armed Forces of Haiti, said so.")
    registry = build_registry([article])
    found = [(lb.actor, lb.text) for lb in find_labels(article, registry, rate)]
    assert not any(text == "Armed Forces of Haiti" for _, text in found)


def test_an_appositive_runs_past_a_dotted_abbreviation():
    found = labels_of("Ivan Petrenko, head of U.S. Central Command, told reporters on Friday that it was over.")
    assert ("petrenko", "head of U.S. Central Command", "appositive") in found


def test_a_definite_description_labels_the_one_person_it_refers_back_to():
    text = "Former Senator Ivan Petrenko died on Monday.\n\nThe former senator was 94, his family said."
    assert ("petrenko", "former senator", "description") in labels_of(text)


@pytest.mark.parametrize(
    "text",
    [
        # Two presidents: "the president" cannot be pinned on one.
        "President Ivan Petrenko met President Lina Haddad.\n\nThe president said the talks went well.",
        # A role word that only modifies another noun is no description.
        "Senator Ivan Petrenko arrived. It marks the first official talks in years.",
        "Senator Ivan Petrenko arrived. The army fought the militant groups in the hills.",
    ],
)
def test_no_description_label_without_one_clear_referent(text):
    assert not [label for label in labels_of(text) if label[2] == "description"]


def test_a_description_with_a_word_never_written_with_the_name_labels_no_one():
    text = "President Ivan Petrenko spoke on Monday.\n\nTalks with the Russian president are planned."
    assert not [label for label in labels_of(text) if label[2] == "description"]


@pytest.mark.parametrize("text", [
    # cut off by a quotation mark: the predicate ends in "of the"
    "It so happened that Ivan Petrenko was the most visible person pressing the case of the “lab leak theory,” which meant little.",
    # a run read back over a clause with its day
    "House Republicans on Wednesday ousted Ivan Petrenko as conference chair.",
    # cut off in the middle of another actor's name
    "Ivan Petrenko has become the first leader declare formal recognition of the Coastal Liberation Front.",
])
def test_a_piece_of_a_clause_is_no_label(text: str) -> None:
    assert labels_of(text) == []


def test_a_label_may_hold_another_actors_whole_name() -> None:
    assert labels_of("Ivan Petrenko, the leader of the Coastal Liberation Front, spoke.") == [
        ("petrenko", "leader of the Coastal Liberation Front", "appositive")]


def test_a_title_of_the_name_after_a_role_is_a_label_of_its_own() -> None:
    texts = [t for _, t, _ in labels_of("White House chief medical adviser Dr. Ivan Petrenko spoke on Monday.")]
    assert "Dr." in texts and not any(t.endswith("Dr.") and t != "Dr." for t in texts)
    # a verb before the title is no label: "ousted Rep. Ivan Petrenko"
    assert [t for _, t, _ in labels_of("House members ousted Rep. Ivan Petrenko as chair.")] == ["Rep."]
    # a title after a title word stays one label
    assert [t for _, t, _ in labels_of("Former Sen. Ivan Petrenko spoke.")] == ["Former Sen."]


def test_the_state_and_party_of_a_politician_label_him_by_description() -> None:
    article = make_article("Speaker Nancy Pelosi (D-Calif.) spoke. Rep. Jim Banks (R-Ind.) replied. "
                           "The California Democrat told reporters the work goes on.")
    registry = build_registry([article], ())
    assert [(lb.actor, lb.text) for lb in find_labels(article, registry, rate) if lb.pattern == "description"] == [
        ("nancy-pelosi", "California Democrat")]
