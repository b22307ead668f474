"""Actor registry: discovery from text, transliteration folding, surnames, possessives, mentions."""

from __future__ import annotations

from functools import lru_cache

import pytest
from conftest import SEEDS, make_article

from framing.analyse.lenses.actors import build_registry, name_key, token_key
from framing.models import ActorSpec

# The body prose of each seed (line numbers in the seed file, 1-based) and which of those lines are
# sub-headings. Headlines, standfirsts repeated as furniture, comments and menus are left out.
SEED_BODY_LINES = {
    "000": (range(3, 13), (8,)),
    "001": ((9, 11, 13, 15, 17, 19, 21, 23, 25), ()),
    "002": (range(1, 22), (4, 9, 14, 17, 20)),
    "003": (range(1, 15), ()),
    "004": ((5, 13, 15, 17), ()),
}

SPECS = (
    ActorSpec(
        "ahmed-al-sharaa",
        "Ahmed al-Sharaa",
        "person",
        ("Ahmad al-Sharaa", "al-Sharaa", "Sharaa", "Abu Mohammad al-Julani", "al-Jolani"),
        "new-syrian-authorities",
    ),
    ActorSpec("maher-al-sharaa", "Maher al-Sharaa", "person", (), "new-syrian-authorities"),
    ActorSpec("asaad-al-shaybani", "Asaad al-Shaybani", "person", (), "new-syrian-authorities"),
    ActorSpec("mikhail-bogdanov", "Mikhail Bogdanov", "person", (), "russian-government"),
    ActorSpec("alexander-lavrentiev", "Alexander Lavrentiev", "person", (), "russian-government"),
    ActorSpec("sergey-lavrov", "Sergey Lavrov", "person", (), "russian-government"),
    ActorSpec("bashar-al-assad", "Bashar al-Assad", "person", ("Assad",), "assad-regime"),
    ActorSpec("andriy-sybiga", "Andriy Sybiga", "person", (), "ukraine"),
    ActorSpec("hts", "Hayat Tahrir al-Sham", "group", ("HTS",), "new-syrian-authorities"),
    ActorSpec(
        "new-syrian-authorities",
        "new Syrian authorities",
        "government",
        (
            "new Syrian administration",
            "Syrian administration",
            "new Damascus administration",
            "insurgent government",
            "transitional government",
            "new Syrian leadership",
            "new Syrian government",
        ),
        "new-syrian-authorities",
    ),
    ActorSpec("russia", "Russia", "country", ("Moscow", "Kremlin"), "russian-government"),
    ActorSpec("syria", "Syria", "country", (), None),
)


@lru_cache(maxsize=None)
def seed_article(number: str):
    """The cleaned body of one seed, built from the seed file's own lines."""
    lines, headings = SEED_BODY_LINES[number]
    path = next(SEEDS.glob(f"{number}_*.txt"))
    raw = path.read_text(encoding="utf-8").splitlines()
    chunks = [raw[n - 1].strip() for n in lines]
    heading_index = tuple(i for i, n in enumerate(lines) if n in headings)
    return make_article("\n\n".join(chunks), id=number, headings=heading_index)


def seed_articles():
    return [seed_article(n) for n in sorted(SEED_BODY_LINES)]


@lru_cache(maxsize=None)
def seed_registry(with_specs: bool = True):
    return build_registry(seed_articles(), SPECS if with_specs else ())


# --- name keys ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("Shaybani", "Shaibani"),
        ("Shaybani", "Shibani"),
        ("Lavrentyev", "Lavrentiev"),
        ("Khmeimim", "Hmeimim"),
        ("Ahmad", "Ahmed"),
        ("Jolani", "Julani"),
        ("Mohammad", "Mohammed"),
        ("Muhammad", "Mohamed"),
        ("Sergey", "Sergei"),
        ("Djamal", "Jamal"),
        ("Sheeraz", "Shiraz"),
        ("Youssef", "Yusef"),
        ("al-Sharaa", "Sharaa’s"),
        ("Al-Sharaa", "Sharaa"),
        ("Assad", "Asad"),
    ],
)
def test_transliteration_pairs_share_a_key(a, b):
    assert token_key(a) == token_key(b)


@pytest.mark.parametrize("a, b", [("Assad", "Saudi"), ("Sharaa", "Syria"), ("Maher", "Ahmed"), ("Hama", "Khmeimim")])
def test_different_names_keep_different_keys(a, b):
    assert token_key(a) != token_key(b)


def test_name_key_drops_particles_and_articles():
    assert name_key("Bashar Al-Assad") == name_key("Bashar Assad") == name_key("Bashar al Assad")
    assert name_key("Mohammed Abdulrahman Al Thani") == name_key("Mohammed Abdulrahman Thani")


# --- tiny corpora ------------------------------------------------------------------------------

TWO_SHARAAS = make_article(
    "Talks were held with Ahmed al-Sharaa, the leader of the new government. Ahmed al-Sharaa spoke first.\n\n"
    "Health Minister Maher al-Sharaa also attended. Al-Sharaa later said the talks went well, "
    "and Sharaa's aides agreed."
)


def test_two_people_sharing_a_surname_stay_apart():
    registry = build_registry([TWO_SHARAAS], ())
    names = {a.name for a in registry.actors if a.kind == "person"}
    assert {"Ahmed al-Sharaa", "Maher al-Sharaa"} <= names
    ahmed, maher = registry.resolve("Ahmed al-Sharaa"), registry.resolve("Maher al-Sharaa")
    assert ahmed != maher
    # A bare surname goes to the actor whose full name the articles use most, never to Maher.
    assert registry.resolve("Al-Sharaa") == ahmed
    assert registry.resolve("Sharaa's") == ahmed
    assert registry.resolve("Health Minister Maher al-Sharaa") == maher
    found = [(m.span.text, m.actor) for m in registry.mentions(TWO_SHARAAS)]
    assert ("Maher al-Sharaa", maher) in found
    assert ("Al-Sharaa", ahmed) in found
    assert ("Sharaa", ahmed) in found  # the possessive "'s" is left out of the span


def test_lexicon_bare_surname_alias_wins():
    specs = [
        ActorSpec("maher", "Maher al-Sharaa"),
        ActorSpec("ahmed", "Ahmed al-Sharaa", aliases=("al-Sharaa",)),
    ]
    text = "Health Minister Maher al-Sharaa met Maher al-Sharaa's staff. Maher al-Sharaa spoke. Al-Sharaa listened."
    registry = build_registry([make_article(text)], specs)
    assert registry.resolve("Al-Sharaa") == "ahmed"
    assert registry.resolve("Sharaa") == "ahmed"
    assert registry.resolve("Maher al-Sharaa") == "maher"


def test_discovery_titles_acronyms_organisations_and_possessives():
    article = make_article(
        "Deputy Foreign Minister Ivan Petrenko arrived on Monday. He met President Lina Haddad and "
        "envoy Karim Nassar. The Coastal Liberation Front (CLF) welcomed the visit, the Levant News "
        "Agency reported.\n\nPetrenko’s trip followed a call. The CLF said it was ready."
    )
    registry = build_registry([article], [ActorSpec("russia", "Russia", "country")])
    by_name = {a.name: a for a in registry.actors}
    assert {"Ivan Petrenko", "Lina Haddad", "Karim Nassar", "Coastal Liberation Front"} <= set(by_name)
    assert "Levant News Agency" in by_name and by_name["Levant News Agency"].kind == "organisation"
    assert by_name["Coastal Liberation Front"].aliases == ("CLF",)
    assert by_name["Ivan Petrenko"].origin == "text" and by_name["Ivan Petrenko"].id == "ivan-petrenko"
    assert registry.resolve("Petrenko’s") == "ivan-petrenko"
    assert registry.resolve("CLF") == by_name["Coastal Liberation Front"].id
    assert not {"Monday", "The", "He"} & set(by_name)
    mentions = [(m.span.text, m.actor) for m in registry.mentions(article)]
    assert ("Ivan Petrenko", "ivan-petrenko") in mentions  # the title is not part of the mention
    assert ("Petrenko", "ivan-petrenko") in mentions
    assert ("CLF", by_name["CLF" if "CLF" in by_name else "Coastal Liberation Front"].id) in mentions


def test_mentions_are_sorted_non_overlapping_longest_first():
    specs = [ActorSpec("hts", "Hayat Tahrir al-Sham", "group", ("HTS", "Tahrir")), ActorSpec("syria", "Syria", "country")]
    article = make_article("Hayat Tahrir al-Sham (HTS) took Damascus. Syria’s future is open. HTS said so.")
    registry = build_registry([article], specs)
    mentions = registry.mentions(article)
    assert [(m.span.text, m.actor) for m in mentions] == [
        ("Hayat Tahrir al-Sham", "hts"),
        ("HTS", "hts"),
        ("Syria", "syria"),
        ("HTS", "hts"),
    ]
    assert [m.span.start for m in mentions] == sorted(m.span.start for m in mentions)


def test_lower_case_alias_phrases_are_mentions():
    specs = [ActorSpec("gov", "new Syrian authorities", "government", ("new Syrian administration",))]
    article = make_article("Officials of the new Syrian administration met. The New Syrian Administration agreed.")
    registry = build_registry([article], specs)
    assert [m.span.text for m in registry.mentions(article)] == ["new Syrian administration", "New Syrian Administration"]


# --- the seeds ---------------------------------------------------------------------------------


def test_seed_lexicon_actors_fold_every_spelling():
    registry = seed_registry(True)
    assert registry.resolve("Asaad Al-Shibani") == "asaad-al-shaybani"
    assert registry.resolve("Asaad al-Shaibani") == "asaad-al-shaybani"
    assert registry.resolve("Alexander Lavrentyev") == "alexander-lavrentiev"
    assert registry.resolve("Lavrentyev") == "alexander-lavrentiev"
    assert registry.resolve("Sergei Lavrov") == "sergey-lavrov"
    assert registry.resolve("Ahmed Hussein al-Sharaa") == "ahmed-al-sharaa"
    assert registry.resolve("Abu Mohammed al-Jolani") == "ahmed-al-sharaa"
    assert registry.resolve("Bashar Al-Assad") == "bashar-al-assad"
    assert registry.resolve("Russia’s") == "russia"
    assert registry.resolve("Health Minister Maher al-Sharaa") == "maher-al-sharaa"
    lexicon_ids = {s.id for s in SPECS}
    for actor in registry.actors:
        assert (actor.origin == "lexicon") == (actor.id in lexicon_ids)
    text_names = {a.name for a in registry.actors if a.origin == "text"}
    assert "Vladimir Putin" in text_names
    assert not text_names & {"Ahmed Hussein al-Sharaa", "Asaad Al-Shibani", "Alexander Lavrentyev"}


def test_seed_mentions_of_al_sharaa_and_maher():
    registry = seed_registry(True)
    mentions = [(m.span.text, m.actor) for m in registry.mentions(seed_article("001"))]
    assert ("Ahmed Hussein al-Sharaa", "ahmed-al-sharaa") in mentions
    assert ("Maher al-Sharaa", "maher-al-sharaa") in mentions
    assert ("Al-Sharaa", "ahmed-al-sharaa") in mentions
    assert ("Abu Mohammad al-Julani", "ahmed-al-sharaa") in mentions
    assert ("Hayat Tahrir al-Sham", "hts") in mentions and ("HTS", "hts") in mentions
    assert ("Bashar Assad", "bashar-al-assad") in mentions


def test_seed_discovery_without_specs_folds_variants():
    registry = seed_registry(False)
    assert all(a.origin == "text" for a in registry.actors)
    sharaa = registry.resolve("Ahmed al-Sharaa")
    assert sharaa is not None
    for variant in ("Ahmad al-Sharaa", "Ahmad Al-Sharaa", "Ahmed Hussein al-Sharaa", "Al-Sharaa", "Sharaa’s",
                    "Abu Mohammad al-Julani", "Abu Mohammed al-Jolani"):
        assert registry.resolve(variant) == sharaa, variant
    maher = registry.resolve("Maher al-Sharaa")
    assert maher is not None and maher != sharaa
    shaybani = registry.resolve("Asaad al-Shaybani")
    assert shaybani is not None
    assert registry.resolve("Asaad al-Shaibani") == registry.resolve("Asaad Al-Shibani") == shaybani
    lavrov = registry.resolve("Sergey Lavrov")
    assert lavrov is not None and registry.resolve("Sergei Lavrov") == lavrov
    lavrentiev = registry.resolve("Alexander Lavrentyev")
    assert lavrentiev is not None and registry.resolve("Alexander Lavrentiev") == lavrentiev
    assert registry.resolve("Bashar Al-Assad") == registry.resolve("Bashar Assad") == registry.resolve("Assad")
    assert registry.resolve("Bashar Assad") is not None
    hts = registry.resolve("Hayat Tahrir al-Sham")
    assert hts is not None and registry.resolve("HTS") == hts
    assert registry.resolve("Andriy Sybiga") is not None
    assert registry.resolve("Mikhail Bogdanov") == registry.resolve("Bogdanov") is not None
    ids = [a.id for a in registry.actors]
    assert len(ids) == len(set(ids))
    assert build_registry(seed_articles(), ()).actors == registry.actors  # deterministic


def test_initials_stay_inside_a_name() -> None:
    article = make_article(
        "Powell served under President George W. Bush from 2001. "
        "Former President John F. Kennedy was long dead by then."
    )
    names = {a.name for a in build_registry([article]).actors}
    assert {"George W. Bush", "John F. Kennedy"} <= names
    assert not names & {"George W", "John F", "Bush", "Kennedy"}


def test_an_organisation_word_alone_is_not_an_organisation() -> None:
    article = make_article(
        "The Supreme Court ruled on Monday. Court expansion is likely to undermine its legitimacy, "
        "the Justice Department said. Council members disagreed."
    )
    names = {a.name for a in build_registry([article]).actors}
    assert "Supreme Court" in names and "Justice Department" in names
    assert not names & {"Court", "Council"}


def test_the_same_also_known_as_link_in_two_articles_folds_once() -> None:
    articles = [
        make_article("Its leader Ahmed al-Sharaa (formerly known as Abu Mohammed al-Jolani) was quick.", id="a"),
        make_article("Ahmed al-Sharaa (formerly known as Abu Mohammed al-Jolani) met the envoy.", id="b"),
    ]
    registry = build_registry(articles)
    sharaa = registry.resolve("Ahmed al-Sharaa")
    assert sharaa is not None and registry.resolve("Abu Mohammed al-Jolani") == sharaa
    assert [a.id for a in registry.actors].count(sharaa) == 1
    assert [[m.actor for m in registry.mentions(a)] for a in articles] == [[sharaa, sharaa], [sharaa, sharaa]]


def test_mentions_are_found_once_per_article(monkeypatch: pytest.MonkeyPatch) -> None:
    from collections import Counter

    from framing.analyse import analyse
    from framing.analyse.lenses.actors import ActorRegistry
    from framing.load import load_story

    calls: Counter = Counter()
    find = ActorRegistry._find_mentions

    def counted(self, article):
        calls[(id(self), article.id)] += 1
        return find(self, article)

    monkeypatch.setattr(ActorRegistry, "_find_mentions", counted)
    analysis = analyse(load_story(SEEDS))
    final = {(id(analysis.registry), r.article.id) for r in analysis.articles}
    assert final <= set(calls) and set(calls.values()) == {1}
    assert [r.mentions for r in analysis.articles] == [analysis.registry._find_mentions(r.article) for r in analysis.articles]


@pytest.mark.parametrize(
    "text, name",
    [
        ("The bill passed, said Sen. Karim Nassar of the coast.", "Karim Nassar"),
        ("In the first such action, Gov. Karim Nassar issued a mandate.", "Karim Nassar"),
        ("Treasury Secretary Karim Nassar agreed on Monday.", "Karim Nassar"),
        ("House Speaker Karim Nassar said the panel would meet.", "Karim Nassar"),
    ],
)
def test_titles_before_a_name_are_not_part_of_it(text, name):
    article = make_article(text)
    assert [a.name for a in build_registry([article]).actors] == [name]


def test_short_and_long_given_names_join_only_when_surnames_match():
    article = make_article(
        "Tim Nassar said no. Timothy Nassar, the governor, agreed later. Bob Haddad said yes. Robert Khoury said no."
    )
    names = sorted(a.name for a in build_registry([article]).actors)
    assert names == ["Bob Haddad", "Robert Khoury", "Timothy Nassar"]


def test_a_shared_surname_is_the_one_person_of_that_name_the_article_names():
    other = make_article("Joe Nassar said no. Joe Nassar said so again. Nassar left.")
    article = make_article("Karim Nassar said he agreed. Nassar said it was fine.")
    registry = build_registry([other, article])
    assert [m.actor for m in registry.mentions(other)] == ["joe-nassar"] * 3
    assert [m.actor for m in registry.mentions(article)] == ["karim-nassar"] * 2


@pytest.mark.parametrize(
    "text, names",
    [
        ("The Department of Health and Human Services said no.", ["Department of Health and Human Services"]),
        ("The Presidential Commission on the Supreme Court met on Friday.", ["Presidential Commission on the Supreme Court"]),
        ("The Department of Justice on Monday said so.", ["Department of Justice"]),
        (
            "It was said by National Institute of Allergy and Infectious Diseases Director Karim Nassar.",
            ["Karim Nassar", "National Institute of Allergy and Infectious Diseases"],
        ),
        ("Secretary of State Karim Nassar said no.", ["Karim Nassar"]),
        ("The county’s Department of Public Health said no.", ["Department of Public Health"]),
    ],
)
def test_organisation_names_keep_of_and_the_title_of_an_office_is_no_name(text, names):
    assert sorted(a.name for a in build_registry([make_article(text)]).actors) == names


@pytest.mark.parametrize(
    "text",
    ["The White House said on Monday it would act.", "The California Democrat said she would not.", "The Affordable Care Act said nothing."],
)
def test_organisation_and_party_words_are_no_person(text):
    assert [a for a in build_registry([make_article(text)]).actors if a.kind == "person"] == []


def test_a_news_outlet_named_as_a_source_is_not_glued_to_the_next_name():
    article = make_article(
        "According to the Coastal Times Karim Nassar said he would sell. Karim Nassar left. The Coastal Times reported it."
    )
    registry = build_registry([article])
    assert sorted(a.name for a in registry.actors) == ["Coastal Times", "Karim Nassar"]


def test_a_run_of_name_particles_alone_is_no_name():
    article = make_article("They spoke with Abu. Then Karim Nassar said he agreed.")
    assert [a.name for a in build_registry([article]).actors] == ["Karim Nassar"]


def test_a_body_named_after_another_is_not_folded_into_it():
    article = make_article("The Harbour Court ruled on Monday. The Harbour Court Commission met on Friday.")
    assert sorted(a.name for a in build_registry([article]).actors) == ["Harbour Court", "Harbour Court Commission"]


@pytest.mark.parametrize(
    "text, roles",
    [
        ("Former President Karim Nassar spoke.", {("former", "president")}),
        ("It was said by Treasury Secretary Karim Nassar.", {("secretary",)}),
        ("Karim Nassar, the Ruritanian foreign minister, spoke.", {("foreign", "minister")}),
        ("Karim Nassar said he would go.", set()),
    ],
)
def test_the_titles_a_person_is_written_with(text, roles):
    registry = build_registry([make_article(text)])
    person = next(a.id for a in registry.actors if a.name == "Karim Nassar")
    assert set(registry.roles.get(person, ())) == roles


def test_a_hyphenated_double_surname_is_one_name_however_written():
    one = make_article("Rep. Mara Taylor-Voss said no on Monday. Voss left early.")
    two = make_article("Mara Taylor Voss said she would stay. Taylor-Voss said so again.")
    registry = build_registry([one, two])
    assert [a.name for a in registry.actors] == ["Mara Taylor Voss"] or [a.name for a in registry.actors] == ["Mara Taylor-Voss"]
    assert {m.actor for art in (one, two) for m in registry.mentions(art)} == {registry.actors[0].id}
    assert len([m for m in registry.mentions(two)]) == 2


@pytest.mark.parametrize(
    "text, person",
    [
        ("Ann Lee told Levant News’s Tom Marlow on Monday that the port would open.", "Tom Marlow"),
        ("In an interview with Tom Marlow of Levant Radio, Ann Lee said the port would open.", "Tom Marlow"),
        ("Ann Lee told radio co-host Tom Marlow that the port would open.", "Tom Marlow"),
        ("The pair — Reps. Tom Marlow of Indiana and Ann Lee of Ohio — said no.", "Tom Marlow"),
    ],
)
def test_a_journalist_or_member_named_in_a_media_context_is_a_person(text, person):
    actors = {a.name: a.kind for a in build_registry([make_article(text)]).actors}
    assert actors.get(person) == "person"


def test_a_surname_after_told_is_the_person_the_story_names():
    article = make_article("Ann Lee spoke to Levant News’s Tom Marlow on Monday. Later she told Marlow the port would open.")
    registry = build_registry([article])
    assert [(a.name, a.kind) for a in registry.actors if "Marlow" in a.name] == [("Tom Marlow", "person")]
    assert [m.actor for m in registry.mentions(article) if "Marlow" in m.span.text] == ["tom-marlow", "tom-marlow"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Crowds gathered where the World Trade Center towers fell.", "World Trade Center"),
        ("A judge of the Southern District of California ruled on Friday.", "Southern District of California"),
    ],
)
def test_places_and_bodies_ending_in_an_organisation_word_are_organisations(text, name):
    actors = {a.name: a.kind for a in build_registry([make_article(text)]).actors}
    assert actors.get(name) == "organisation"


def test_a_title_opening_the_next_name_is_no_appositive():
    article = make_article("Speaking from the ornate East Room, Mr. Tom Marlow stood by his decision.")
    assert [(a.name, a.kind) for a in build_registry([article]).actors] == [("Tom Marlow", "person")]


def test_an_organisation_named_with_and_is_whole_when_its_acronym_spells_it():
    article = make_article("The U.S. Olympic and Sailing Committee (USOSC) said about 100 athletes remain at home. The USOSC met.")
    actors = build_registry([article]).actors
    assert [(a.name, a.aliases) for a in actors] == [("U.S. Olympic and Sailing Committee", ("USOSC",))]
    assert [m.actor for m in build_registry([article]).mentions(article)] == [actors[0].id] * 3  # the name, its acronym, the acronym again


@pytest.mark.parametrize("text, name, roles", [
    ("House Speaker Nancy Pelosi (D-Calif.) said", "Nancy Pelosi", {("california", "democrat"), ("speaker",)}),
    ("Sen. Brian Schatz (D., Hawaii) said", "Brian Schatz", {("hawaii", "democrat"), ("senator",)}),
    ("Steny Hoyer, D-Md., and others", "Steny Hoyer", {("maryland", "democrat")}),
    ("Sen. Shelley Moore Capito (R-W.Va.) said", "Shelley Moore Capito", {("west", "virginia", "republican"), ("senator",)}),
    ("Democratic Sen. Joe Manchin said", "Joe Manchin", {("democrat",), ("senator",)}),
    ("Texas Gov. Greg Abbott said", "Greg Abbott", {("texas", "governor")}),
])
def test_a_us_politicians_party_and_state_are_roles_written_with_the_name(text: str, name: str, roles: set) -> None:
    from framing.analyse.lenses.actors import written_roles

    start = text.index(name)
    assert written_roles(text, start, start + len(name)) == roles
