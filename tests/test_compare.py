"""Comparisons across outlets on a tiny story of our own: label table, glance, findings, public API."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import framing
from framing.compare import _diversify, Finding
from framing.api import analyse_path

ARTICLES = {
    "north.txt": (
        "General Mara Voss, the leader of the interim council, met envoys in Port Alden on Monday.\n\n"
        "\"We will hold elections within a year,\" Voss said after the talks.\n\n"
        "The interim council controls the capital and the northern ports.\n\n"
        "The talks will resume next week in Port Alden, the foreign ministry said.\n\n"
        "The envoys praised the calm in the capital."
    ),
    "south.txt": (
        "Mara Voss, the junta chief who seized power in a coup, met envoys in Port Alden on Monday.\n\n"
        "The military junta has jailed dozens of critics since the coup, rights groups said.\n\n"
        "\"The regime is brutal and illegitimate,\" opposition leader Tomas Reyl told reporters.\n\n"
        "Reyl urged the envoys to impose sanctions on the junta.\n\n"
        "The talks will resume next week in Port Alden, the foreign ministry said."
    ),
    "east.txt": (
        "Envoys met General Mara Voss in Port Alden on Monday, officials said.\n\n"
        "A diplomat familiar with the talks said the envoys raised the detention of journalists.\n\n"
        "The talks will resume next week in Port Alden, the foreign ministry said.\n\n"
        "Most of the country's grain exports are shipped from there.\n\n"
        "Grain prices rose by 12 percent after the coup."
    ),
}
MANIFEST = """
[story]
title = "Envoys meet Voss in Port Alden"

[[articles]]
file = "north.txt"
outlet = "North Herald"

[[articles]]
file = "south.txt"
outlet = "South Courier"
outlet_evidence = "inferred"

[[articles]]
file = "east.txt"
outlet = "East Wire"
"""
LEXICON = """
[lexicon]
name = "port-alden"
version = "1.0.0"
sources = ["written for this test"]

[[actors]]
id = "voss"
name = "Mara Voss"
kind = "person"
group = "council"
aliases = ["General Mara Voss", "Voss"]

[[actors]]
id = "reyl"
name = "Tomas Reyl"
kind = "person"
group = "opposition"
aliases = ["Reyl"]

[[labels]]
actor = "voss"
stance = "delegitimising"
phrases = ["junta chief"]

[[labels]]
actor = "voss"
stance = "legitimising"
phrases = ["leader of the interim council"]
"""


@pytest.fixture(scope="module")
def seeds_doc() -> dict:
    return analyse_path(Path(__file__).resolve().parent.parent / "seeds").document


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> dict:
    story = tmp_path_factory.mktemp("story")
    for name, text in ARTICLES.items():
        (story / name).write_text(text, encoding="utf-8")
    (story / "manifest.toml").write_text(MANIFEST, encoding="utf-8")
    (story / "lexicon.toml").write_text(LEXICON, encoding="utf-8")
    return analyse_path(story).document


def test_label_table_has_each_outlets_labels_with_stance(doc: dict) -> None:
    row = next(r for r in doc["label_table"] if r["actor"] == "voss")
    cells = {aid: {c["text"]: c["stance"] for c in chips} for aid, chips in row["cells"].items()}
    assert cells["north"]["leader of the interim council"] == "legitimising"
    assert cells["south"]["junta chief"] == "delegitimising"
    chip = next(c for c in row["cells"]["south"] if c["stance"] == "delegitimising")
    start, end = chip["start"], chip["end"]
    south = next(a for a in doc["articles"] if a["id"] == "south")
    assert south["text"][start:end] == chip["text"]


def test_findings_contrast_the_labels_with_evidence(doc: dict) -> None:
    texts = [f["text"] for f in doc["findings"]]
    assert any(t.startswith("Only South Courier (inferred) calls Mara Voss “junta chief") for t in texts)
    assert any(t.startswith("Only North Herald calls Mara Voss “leader of the interim council”") for t in texts)


def test_voice_and_anonymity_findings(doc: dict) -> None:
    texts = [f["text"] for f in doc["findings"]]
    south = next(a for a in doc["articles"] if a["id"] == "south")
    assert [(q["speaker"], q["verb"]) for q in south["quotes"] if q["kind"] == "direct"] == [("reyl", "told")]
    east = next(a for a in doc["articles"] if a["id"] == "east")
    assert any(q["anonymous"] and "diplomat familiar with the talks" in q["speaker_text"] for q in east["quotes"])
    # How often it cites them, not "relies on": the count is the evidence's.
    # "officials said", "A diplomat familiar with the talks said": two attributions.
    assert "East Wire cites unnamed sources twice (A diplomat familiar with the talks, officials); no other outlet does." in texts


def test_unique_fact_is_reported_with_its_outlet(doc: dict) -> None:
    texts = [f["text"] for f in doc["findings"]]
    assert any(t.startswith("Only East Wire") and "grain" in t.lower() for t in texts)
    shared = [f for f in doc["findings"] if f["text"].startswith("Every outlet reports") and "talks will resume" in f["text"]]
    assert len(shared) == 1
    assert {ev["article"] for ev in shared[0]["evidence"]} == {"north", "south", "east"}


def test_glance_rows_cover_labels_voices_frames_and_loaded_language(doc: dict) -> None:
    dimensions = [row["dimension"] for row in doc["glance"]["rows"]]
    assert dimensions[0] == "Calls Mara Voss"
    assert dimensions[-3:] == ["Whose voice dominates", "Leading frame", "Loaded language"]
    loaded = doc["glance"]["rows"][-1]["cells"]
    south = next(a for a in doc["articles"] if a["id"] == "south")
    assert loaded["south"]["text"].endswith(f"({south['scores']['loaded']['count']})")


def test_glance_prefers_the_outlets_own_words(seeds_doc: dict) -> None:
    row = next(r for r in seeds_doc["glance"]["rows"] if r["dimension"] == "Calls the new Syrian authorities")
    assert row["cells"]["asharq"]["text"] != "current Syrian authorities"  # that one is inside a quote
    assert row["cells"]["breitbart"] == {**row["cells"]["breitbart"], "stance": "delegitimising"}


def test_diversify_steps_down_repeated_kinds() -> None:
    found = [Finding("label", f"label {i}", 0.9, [{"article": "a"}], subjects=[f"s{i}"]) for i in range(3)]
    found.append(Finding("voices", "voices", 0.8, [{"article": "a"}], subjects=["t"]))
    ranked = [f.text for f in _diversify(found)]
    assert ranked[:2] == ["label 0", "voices"]


def test_public_api_names_resolve_without_heavy_imports() -> None:
    code = "import sys, framing; framing.load_story; framing.LoadOptions; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    for name in framing.__all__:
        assert getattr(framing, name) is not None
    with pytest.raises(AttributeError):
        framing.no_such_thing  # noqa: B018


def test_library_round_trip(tmp_path: Path) -> None:
    story = tmp_path / "s"
    story.mkdir()
    for name, text in ARTICLES.items():
        (story / name).write_text(text)
    analysis = framing.analyse_story(framing.load_story(story))
    html = framing.render_html(framing.document(analysis))
    for article in ("north", "south", "east"):
        assert f'id="ev-{article}-' in html


def _diversify_reference(found: list[Finding]) -> list[Finding]:
    """The rule as first written: re-score the whole pool at every step (cubic, but plainly right)."""
    from collections import Counter

    chosen, kinds, subjects, pool = [], Counter(), Counter(), list(found)
    while pool:
        def adjusted(f: Finding) -> float:
            return f.strength * 0.85 ** kinds[f.kind] * 0.92 ** sum(subjects[s] for s in f.subjects[:1])
        best = max(pool, key=lambda f: (adjusted(f), -pool.index(f)))
        pool.remove(best)
        chosen.append(best)
        kinds[best.kind] += 1
        subjects.update(best.subjects[:1])
    return chosen


@pytest.mark.parametrize("seed", range(8))
def test_diversify_ranks_as_the_plain_greedy_rule(seed: int) -> None:
    import math
    import random

    rng = random.Random(seed)
    kinds, outlets = ["label", "voice", "coverage", "frame"], ["rt", "bbc", "cnn", "fox", "ap"]
    found = []
    # Coarse strengths make ties and equal findings common; one a unit in the last place above
    # another can score the same once stepped down.
    strengths = [0.2, 0.5, 0.75, math.nextafter(0.75, 1), 0.9, 1.0]
    for k in range(rng.randint(40, 160)):
        subjects = rng.sample(outlets, rng.randint(0, 2))
        found.append(Finding(rng.choice(kinds), f"t{k % 17}", rng.choice(strengths), [], "", subjects))
    if seed % 2:
        found.sort(key=lambda f: (-f.strength, f.kind, f.text))
    assert [id(f) for f in _diversify(found)] == [id(f) for f in _diversify_reference(found)]


@pytest.mark.parametrize("limit", [1, 5, 25])
def test_diversify_with_a_limit_is_the_prefix_of_the_full_ranking(limit: int) -> None:
    found = [Finding(["label", "voices", "coverage"][k % 3], f"t{k}", 0.3 + (k % 7) / 10, [], "", [f"o{k % 4}"])
             for k in range(60)]
    assert [id(f) for f in _diversify(found, limit)] == [id(f) for f in _diversify(found)][:limit]


def _voices_of(speakers: list[str], others: tuple[str, ...] = ("lee",)) -> list[str]:
    """The voice findings for one outlet whose direct quotes have these speakers, and a second outlet
    quoting ``others``."""
    from types import SimpleNamespace

    from framing.compare.findings import voice_findings
    from framing.models import Quote, Span

    def result(aid: str, quotes: list) -> SimpleNamespace:
        outlet = SimpleNamespace(display=aid.title())
        return SimpleNamespace(article=SimpleNamespace(id=aid, outlet=outlet), quotes=quotes)

    quotes = [Quote(who, who.title(), "words said here", Span("a", 10 * k, 10 * k + 5, "words"), "said")
              for k, who in enumerate(speakers)]
    theirs = [Quote(who, who.title(), "other words", Span("b", 10 * k, 10 * k + 5, "words"), "said")
              for k, who in enumerate(others)]
    registry = SimpleNamespace(actors=[SimpleNamespace(id="voss", name="Mara Voss"), SimpleNamespace(id="reyl", name="Tomas Reyl")])
    analysis = SimpleNamespace(articles=[result("a", quotes), result("b", theirs)], registry=registry)
    return [f.text for f in voice_findings(analysis)]


def test_quotes_only_needs_nearly_every_quote_attributed() -> None:
    nine = ["voss"] * 5 + ["reyl"] * 4
    assert _voices_of(nine) == ["A quotes only Mara Voss and Tomas Reyl (9 direct quotes, 27 words)."]
    assert _voices_of(nine + ["unattributed"]) == ["A quotes only Mara Voss and Tomas Reyl (9 direct quotes, 27 words)."]
    assert _voices_of(nine[:8] + ["unattributed"]) == []  # 8 of 9 attributed: who else speaks is unknown


def test_quotes_only_needs_another_outlet_that_quotes_someone_else() -> None:
    two = ["voss", "voss"]
    assert _voices_of(two, others=("voss",)) == []  # both quote only Voss: no contrast to draw
    assert _voices_of(two, others=()) == []
    assert _voices_of(two, others=("voss", "reyl")) == ["A quotes only Mara Voss (2 direct quotes, 6 words)."]


def _story_doc(folder: Path, texts: dict[str, str], lexicon: str = "") -> dict:
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    if lexicon:
        (folder / "lexicon.toml").write_text(lexicon, encoding="utf-8")
    return analyse_path(folder).document


OTHER_FACTS = {
    "b.txt": "The commission met in Washington on Friday.\n\nIts members argued for hours about the agenda.\n\n"
             "The chairman later left for a holiday in the mountains.",
    "c.txt": "The commission met in Washington on Friday.\n\nReporters waited outside the building all afternoon.\n\n"
             "A vote on the budget is planned for the spring.",
}


def test_a_sentence_cut_off_by_the_capture_is_never_said_to_be_one_outlets_alone(tmp_path: Path) -> None:
    whole = "Farmers in the northern valley harvested twice the usual crop of barley this autumn."
    cut = "Fishermen along the eastern coast landed a record catch of herring when the boats..."
    doc = _story_doc(tmp_path / "s", {"a.txt": f"The commission met in Washington on Friday.\n\n{whole}\n\n{cut}", **OTHER_FACTS})
    alone = [f["text"] for f in doc["findings"] if f["text"].startswith("Only ") and " reports: " in f["text"]]
    assert any("barley" in t for t in alone)  # the same kind of sentence, whole, is claimed
    assert not any("herring" in t for t in alone)


def test_a_sentence_quoting_words_another_outlet_quotes_is_not_claimed_as_one_outlets_alone(tmp_path: Path) -> None:
    # Long sentences about other things around the same six quoted words: too little in common to be
    # grouped, yet both quote the same words.
    quote = ("After three hours of testimony from farmers, bankers, teachers, nurses and river engineers about the "
             "drought, flooding, harvests, pensions and schools, the panel concluded that new concrete dams would "
             "“undermine rather than enhance stability” for decades.")
    other = ("Reporters outside the heavily guarded conference hall, waiting in heavy rain near parked buses, heard "
             "one furious delegate shout that any such plan would “undermine rather than enhance stability” before "
             "security staff escorted him away.")
    doc = _story_doc(tmp_path / "s", {
        "a.txt": f"The commission met in Washington on Friday.\n\n{quote}",
        "b.txt": OTHER_FACTS["b.txt"] + "\n\n" + other,
        "c.txt": OTHER_FACTS["c.txt"],
    })
    alone = [f["text"] for f in doc["findings"] if f["text"].startswith("Only ") and " reports: " in f["text"]]
    assert not any("testimony" in t for t in alone)
    assert any("holiday" in t for t in alone)  # b's own fact is still claimed


ALIAS_LEXICON = """
[lexicon]
name = "alias"
version = "1.0.0"
sources = ["written for this test"]

[[actors]]
id = "front"
name = "Liberation Front"
kind = "organisation"
aliases = ["Liberation Front"]

[[labels]]
actor = "front"
stance = "delegitimising"
phrases = ["terrorist organization"]
"""


def test_a_designation_by_someone_else_is_not_the_outlet_calling_the_actor_so(tmp_path: Path) -> None:
    doc = _story_doc(tmp_path / "s", {
        "a.txt": "The Liberation Front took the city on Monday.\n\n"
                 "The Liberation Front is still designated as a terrorist organization by the government.",
        "b.txt": "The Liberation Front, a rebel alliance, took the city on Monday.\n\n"
                 "Its fighters were welcomed in the streets.",
    }, ALIAS_LEXICON)
    row = next(r for r in doc["label_table"] if r["actor"] == "front")
    assert any(c["text"] == "terrorist organization" for c in row["cells"]["a"])  # the chip stays in the table
    assert not any(f["kind"] == "label" and "terrorist organization" in f["text"] for f in doc["findings"])


def test_one_speaker_quoted_twice_is_one_name_in_the_voices_finding() -> None:
    from types import SimpleNamespace as Q

    from framing.compare.findings import _speaker_name

    # A speaker the registry does not know, written "Sarandos" once and resolved from "he" once.
    quotes = [Q(speaker="Sarandos", speaker_text="Sarandos"), Q(speaker="Sarandos", speaker_text="he"),
              Q(speaker="lee", speaker_text="Mr Lee")]
    assert {_speaker_name(q.speaker, quotes, {"lee": "Ann Lee"}) for q in quotes} == {"Sarandos", "Ann Lee"}


def test_would_rather_than_and_unnamed_sources_are_not_hedges() -> None:
    # Unnamed sources are the voices lens's anonymous sources; counted as hedges too, one attribution
    # would make two findings.
    from framing.lexicon import load_lexicon
    from framing.lexicon.matcher import Matcher
    from framing.resources import shipped_lexicons

    matcher = Matcher([load_lexicon(p) for p in shipped_lexicons()])
    text = ("Most people would not respond the way the Left would prefer, rather than by biology. It may rain, "
            "two sources familiar with the matter said.")
    hedges = [m.span.text for m in matcher.find(text, "a") if m.category == "hedge"]
    assert hedges == ["may"]


def test_an_actor_another_outlet_names_in_its_headline_is_not_one_outlets_alone(tmp_path: Path) -> None:
    lexicon = ('[lexicon]\nname = "t"\nversion = "1"\nsources = ["test"]\n\n'
               '[[actors]]\nid = "fauci"\nname = "Anthony Fauci"\nkind = "person"\naliases = ["Fauci"]\n')
    body = "Records released on Tuesday show the grants were approved in 2016 by the institute."
    headline = "Fauci misled Congress about the grants, records suggest\n\n"
    doc = _story_doc(tmp_path / "s", {
        "a.txt": f"{body}\n\nThe grants were overseen at the time by Anthony Fauci, who led the institute for decades.",
        "b.txt": headline + body + "\n\nLawmakers asked for the full files.",
        "c.txt": f"{body}\n\nThe agency declined to comment.",
    }, lexicon)
    b = next(x for x in doc["articles"] if x["id"] == "b")
    assert b["title"] and "Fauci" in b["title"]
    assert not any("mentions Anthony Fauci" in f["text"] for f in doc["findings"])


def test_an_unnamed_person_is_not_an_anonymous_source(tmp_path: Path) -> None:
    doc = _story_doc(tmp_path / "s", {
        "a.txt": "A reporter said that she had been “forced” to write the story.\n\nThe paper disagreed on Monday.",
        "b.txt": "Officials said the paper had been “fully aware” of the story.\n\nThe paper disagreed on Monday.",
        "c.txt": "The paper disagreed on Monday.\n\nIts editors met for hours.",
    })
    users = [f["text"].split(" cites")[0] for f in doc["findings"] if " cites an unnamed source" in f["text"]]
    assert users == ["b (unidentified)"]  # "a reporter" is someone undescribed by name, not a source


LONG_SENTENCES_EACH_WITH_ONE_WORD = [
    "Through a long winter of quarrels in committee rooms, late budget hearings and angry letters, tenants said rents had become the first worry.",
    "Across the quiet suburbs and the crowded harbour districts alike, young families complained loudly that every punished landlord simply moved elsewhere.",
    "At dawn on a cold and windy Tuesday, queues of patient voters stretched past shuttered bakeries, closed libraries and a derelict railway depot.",
    "Months after the scandal broke, the embattled governor still refused to answer detailed questions about contracts, donors and several missing ledgers.",
    "Pollsters working for three separate newspapers published numbers on Sunday suggesting the race had tightened sharply among older suburban polls respondents.",
    "Economists warned on Thursday that construction costs, rising interest payments and a shortage of skilled builders would keep prices high.",
]


def test_a_fact_told_in_words_the_others_use_elsewhere_is_not_claimed_as_one_outlets_alone(tmp_path: Path) -> None:
    # a's sentence shares too little with any one sentence of b to be grouped, but b uses most of its
    # words across two sentences: b may report the same fact in other words.
    doc = _story_doc(tmp_path / "s", {
        "a.txt": "The commission met in Washington on Friday.\n\nVoters punished the governor at the polls over rising rents.\n\n"
                 "Farmers in the northern valley harvested twice the usual crop of barley this autumn.",
        "b.txt": OTHER_FACTS["b.txt"] + "".join(f"\n\n{s[:-1]}, residents of several towns told local radio stations, reporters and visiting scholars." for s in LONG_SENTENCES_EACH_WITH_ONE_WORD),
        "c.txt": OTHER_FACTS["c.txt"],
    })
    alone = [f["text"] for f in doc["findings"] if f["text"].startswith("Only ") and " reports: " in f["text"]]
    assert not any("Voters punished" in t for t in alone)
    assert any("barley" in t for t in alone)  # a fact in words of its own is still claimed


def test_a_figure_another_outlet_gives_ties_a_lone_sentence_to_it(tmp_path: Path) -> None:
    # a's sentence shares no content word with b ("sources"/"firms", "trawling"/"detail"), but both
    # give the 14: b may report the same fact, so a's is not claimed as its alone. The same sentence
    # without the figure is.
    def story(figure: str) -> list[str]:
        doc = _story_doc(tmp_path / figure, {
            "a.txt": "The commission met in Washington on Friday.\n\n"
                     f"Journalists spent months trawling through leaked files from {figure} offshore providers.",
            "b.txt": OTHER_FACTS["b.txt"] + "\n\nThe records detail tax avoidance arranged by 14 firms.",
            "c.txt": OTHER_FACTS["c.txt"],
        })
        return [f["text"] for f in doc["findings"] if f["text"].startswith("Only ") and " reports: " in f["text"]]

    assert not any("trawling" in t for t in story("14"))
    assert any("trawling" in t for t in story("several"))


def _hedge_finding(tmp_path: Path, filler_sentences: int) -> dict:
    filler = " ".join(f"The council met in hall {k} on the river front with the mayor." for k in range(filler_sentences))
    hedged = ("The vote may be delayed. Officials might resign. The plan could reportedly fail. "
              "It possibly appears unlikely. The budget may allegedly be cut.")
    doc = _story_doc(tmp_path / f"h{filler_sentences}", {
        "a.txt": f"{hedged}\n\n{filler}",
        "b.txt": f"The council met on Monday.\n\n{filler}",
        "c.txt": f"The council met on Monday.\n\n{filler}",
    })
    return next(f for f in doc["findings"] if f["kind"] == "hedge" and f["subjects"] == ["a"])


def test_a_rate_on_few_words_is_labelled_thin_and_on_many_is_not(tmp_path: Path) -> None:
    short = _hedge_finding(tmp_path, 2)
    assert short["caveat"].startswith("Thin evidence:") and " own words;" in short["caveat"]
    long = _hedge_finding(tmp_path, 30)  # over 300 of its own words, and more than five hedges
    assert long["caveat"] == ""
    assert long["strength"] > short["strength"]


def test_a_fact_one_outlet_alone_reports_says_it_was_found_by_wording(doc: dict) -> None:
    alone = [f for f in doc["findings"] if f["text"].startswith("Only East Wire reports")]
    assert alone and all(f["caveat"].endswith("Found by wording: another outlet may tell it in other words.") for f in alone)


def test_a_lead_no_other_outlet_reports_says_it_was_found_by_wording(tmp_path: Path) -> None:
    doc = _story_doc(tmp_path / "s", {
        "a.txt": "Farmers in the northern valley harvested twice the usual crop of barley this autumn.\n\n"
                 "The commission met in Washington on Friday.",
        "b.txt": OTHER_FACTS["b.txt"],
        "c.txt": OTHER_FACTS["c.txt"],
    })
    leads = [f for f in doc["findings"] if f["kind"] == "lead"]
    assert [f["subjects"] for f in leads] == [["a"]] and "barley" in leads[0]["text"]
    assert leads[0]["caveat"] == "Found by wording: another outlet may tell it in other words."
