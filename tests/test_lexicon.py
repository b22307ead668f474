"""Lexicon files load and fail with file and line; the matcher finds whole words in one pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import LexiconError
from framing.lexicon.format import load_lexicon, shipped_lexicons
from framing.lexicon.matcher import Matcher, scores
from framing.resources import shipped_lexicons as shipped_paths

from conftest import SEEDS, make_article

SMALL = """\
[lexicon]
name = "small"
version = "0.1"
description = "test lexicon"
licence = "MIT"
sources = ["written for the tests"]

[categories.loaded]
kind = "language"
source = "written for the tests"
phrases = [
  "regime", "war", "claim", "thug", "new regime", "al-Qaeda", "terror*", "Sao Paulo",
  "US", "lightning-fast", "lightning", "would-be", "far right", "self-styl*",
  { phrase = "slammed", stance = "delegitimising", note = "aggressive" },
  { phrase = "may", case = true },
]

[categories.hedge]
source = "written for the tests"
phrases = ["reportedly", "appear to"]

[[actors]]
id = "assad"
name = "Bashar al-Assad"
kind = "person"
group = "former Syrian government"
aliases = ["Assad", "Bashar Assad"]

[[actors]]
id = "maher"
name = "Maher al-Sharaa"

[[actors]]
id = "sharaa"
name = "Ahmed al-Sharaa"
aliases = ["al-Sharaa", "Sharaa"]

[[labels]]
actor = "assad"
stance = "delegitimising"
phrases = ["dictator", "regime"]
"""


def write(tmp_path: Path, text: str, name: str = "lex.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def small(tmp_path: Path):
    return load_lexicon(write(tmp_path, SMALL))


@pytest.fixture
def matcher(small) -> Matcher:
    return Matcher([small])


def found(matcher: Matcher, text: str, category: str | None = None) -> list[str]:
    return [m.span.text for m in matcher.find(text, "a") if category is None or m.category == category]


# --- loading --------------------------------------------------------------------------------------


def test_format_loads(small):
    assert small.name == "small" and small.version == "0.1" and small.sources == ("written for the tests",)
    assert len(small.sha256) == 64
    assert small.categories["loaded"].source == "written for the tests"
    assert small.categories["hedge"].kind == "language"
    slammed = next(e for e in small.entries if e.phrase == "slammed")
    assert slammed.stance == "delegitimising" and slammed.note == "aggressive"
    assert next(e for e in small.entries if e.phrase == "may").case_sensitive
    assert [a.id for a in small.actors] == ["assad", "maher", "sharaa"]
    assert small.actors[0].group == "former Syrian government"
    labels = [e for e in small.entries if e.category == "label"]
    assert {(e.phrase, e.actor, e.stance) for e in labels} == {
        ("dictator", "assad", "delegitimising"),
        ("regime", "assad", "delegitimising"),
    }
    assert small.categories["label"].kind == "label"


def test_malformed_toml_names_file_and_line(tmp_path):
    path = write(tmp_path, '[lexicon]\nname = "x"\n\n[categories.a]\nphrases = ["a", "b"\nsource = 3\n')
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    assert err.value.path == str(path)
    assert err.value.line in (5, 6)
    assert str(err.value).startswith(f"{path}:{err.value.line}: not valid TOML")


def test_unknown_stance_names_line(tmp_path):
    text = SMALL.replace('stance = "delegitimising", note', 'stance = "hostile", note')
    path = write(tmp_path, text)
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    line = text.splitlines().index('  { phrase = "slammed", stance = "hostile", note = "aggressive" },') + 1
    assert err.value.line == line
    assert "unknown stance 'hostile'" in str(err.value) and "legitimising" in str(err.value)


def test_empty_phrase_names_line(tmp_path):
    text = SMALL.replace('phrases = ["reportedly", "appear to"]', 'phrases = ["reportedly",\n  ""]')
    path = write(tmp_path, text)
    with pytest.raises(LexiconError) as err:
        load_lexicon(path)
    assert err.value.line == text.splitlines().index('  ""]') + 1
    assert "empty" in str(err.value) and str(path) in str(err.value)


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        ('name = "small"', 'title = "small"', "has no name"),
        ('"reportedly", "appear to"', '"reportedly", 42', "not a string"),
        ('"reportedly", "appear to"', '"reportedly", "' + "word " * 30 + '"', "too long"),
        ('kind = "language"', 'kind = "mood"', "unknown kind"),
        ('actor = "assad"', 'actor = "nobody"', "not declared"),
    ],
)
def test_schema_errors(tmp_path, replace, by, message):
    path = write(tmp_path, SMALL.replace(replace, by, 1))
    with pytest.raises(LexiconError, match=message) as err:
        load_lexicon(path)
    assert str(path) in str(err.value)


def test_missing_file():
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon("/nonexistent/lexicon.toml")


# --- matching -------------------------------------------------------------------------------------


def test_offsets_index_the_text(matcher):
    text = "Critics said the regime slammed the press."
    for m in matcher.find(text, "a"):
        assert text[m.span.start : m.span.end] == m.span.text
    assert found(matcher, text, "loaded") == ["regime", "slammed"]


def test_offsets_with_start_and_end(matcher):
    text = "regime one. Then the regime again."
    ms = matcher.find(text, "a", start=12)
    assert [(m.span.start, m.span.text) for m in ms if m.category == "loaded"] == [(21, "regime")]


def test_word_boundaries(matcher):
    assert found(matcher, "A regimental award for the warden.", "loaded") == []
    assert found(matcher, "The war began.", "loaded") == ["war"]


def test_multi_word_and_overlap_within_category(matcher):
    # "new regime" and "regime" overlap in one category: the longest leftmost wins.
    assert found(matcher, "Sharaa's new regime will decide.", "loaded") == ["new regime"]
    # "lightning-fast" beats "lightning" inside it.
    assert found(matcher, "a lightning-fast offensive", "loaded") == ["lightning-fast"]


def test_overlap_across_categories_keeps_both(matcher):
    ms = matcher.find("the regime fell", "a")
    assert {(m.category, m.span.text) for m in ms} == {("loaded", "regime"), ("label", "regime")}
    label = next(m for m in ms if m.category == "label")
    assert label.actor == "assad" and label.stance == "delegitimising"


def test_inflections(matcher):
    assert found(matcher, "He claimed, she claims, they are claiming.", "loaded") == ["claimed", "claims", "claiming"]
    assert found(matcher, "The thugs left.", "loaded") == ["thugs"]
    ms = [m for m in matcher.find("He slammed it", "a") if m.category == "loaded"]
    assert ms[0].phrase == "slammed" and ms[0].stance == "delegitimising"


def test_case_sensitive_acronyms(matcher):
    assert found(matcher, "The US said it will tell us.", "loaded") == ["US"]
    assert found(matcher, "U.S. officials", "loaded") == ["U.S"]
    assert found(matcher, "In May they may go.", "loaded") == ["may"]


def test_possessives_and_curly_apostrophes(matcher):
    assert found(matcher, "Assad's family and Assad’s aides", "actor") == ["Assad", "Assad"]
    assert found(matcher, "the regime’s end", "loaded") == ["regime"]


def test_hyphen_and_space_are_alike_in_names(matcher):
    assert found(matcher, "al Qaeda and al-Qaeda and al‑Qaeda", "loaded") == ["al Qaeda", "al-Qaeda", "al‑Qaeda"]


def test_hyphenated_compound_matches_only_hyphenated_text(matcher):
    # "would-be" is a compound adjective; "would be" is a verb phrase and must not match it.
    text = "It would be odd. A would-be leader, a would‑be rival."
    assert found(matcher, text, "loaded") == ["would-be", "would‑be"]
    assert found(matcher, "self styled, self-styled and self-stylised", "loaded") == ["self-styled", "self-stylised"]


def test_spaced_phrase_finds_the_hyphenated_compound(matcher):
    assert found(matcher, "the far right and far-right groups", "loaded") == ["far right", "far-right"]


def test_diacritics(matcher):
    assert found(matcher, "in São Paulo", "loaded") == ["São Paulo"]


def test_prefix_star(matcher):
    assert found(matcher, "terrorists and terrorism, not error", "loaded") == ["terrorists", "terrorism"]


def test_longer_alias_wins_over_surname(matcher):
    ms = matcher.find("Maher al-Sharaa met al-Sharaa.", "a")
    assert [(m.actor, m.span.text) for m in ms if m.category == "actor"] == [
        ("maher", "Maher al-Sharaa"),
        ("sharaa", "al-Sharaa"),
    ]


def test_deterministic_order(matcher):
    ms = matcher.find("the regime slammed the new regime", "a")
    keys = [(m.span.start, m.span.end, m.category, m.phrase) for m in ms]
    assert keys == sorted(keys)
    assert ms == matcher.find("the regime slammed the new regime", "a")


def test_match_article_blocks_and_scores(matcher):
    article = make_article("The regime fell. " * 5 + "\n\nA thug and another thug.")
    ms = matcher.match(article)
    assert all(article.text[m.span.start : m.span.end] == m.span.text for m in ms)
    result = scores(article, ms, ["loaded", "hedge"])
    words = 3 * 5 + 5
    assert result["loaded"].count == 7 and result["loaded"].words == words
    assert result["loaded"].per_1000 == round(7000 / words, 2)
    assert [s.text for s in result["loaded"].spans][-2:] == ["thug", "thug"]
    assert result["hedge"].count == 0 and result["hedge"].per_1000 == 0.0


def test_phrases_do_not_cross_blocks(matcher):
    article = make_article("It was new\n\nregime change")
    texts = [m.span.text for m in matcher.match(article) if m.category == "loaded"]
    assert texts == ["regime"]


def test_large_lexicon_builds_and_matches(tmp_path):
    words = [f"zq{i:04d}x" for i in range(5000)]
    phrases = ", ".join(f'"{w} alpha"' if i % 2 else f'"{w}"' for i, w in enumerate(words))
    path = write(tmp_path, f'[lexicon]\nname = "big"\n\n[categories.big]\nsource = "generated"\nphrases = [{phrases}]\n')
    lexicon = load_lexicon(path)
    assert len(lexicon.entries) == 5000
    matcher = Matcher([lexicon])
    text = "zq0001x alpha then zq0002x and zq4999x alpha but zq0003x beta " * 50
    ms = matcher.find(text, "a")
    # "zq0003x" needs "alpha" after it (odd phrases are two words): it must not match.
    assert [m.span.text for m in ms[:3]] == ["zq0001x alpha", "zq0002x", "zq4999x alpha"]
    assert len(ms) == 3 * 50
    assert all(text[m.span.start : m.span.end] == m.span.text for m in ms)


# --- shipped and seed lexicons --------------------------------------------------------------------


def test_shipped_lexicons_load_and_name_sources():
    lexicons = shipped_lexicons()
    assert {lex.name for lex in lexicons} == {"general-english", "frames-foreign-affairs"}
    assert len(lexicons) == len(shipped_paths())
    for lex in lexicons:
        assert lex.sources and lex.licence.startswith("MIT")
        for category in lex.categories.values():
            assert category.source and category.description
    general = next(lex for lex in lexicons if lex.name == "general-english")
    assert set(general.categories) == {
        "loaded", "evaluative", "intensifier", "hedge", "attribution_neutral", "attribution_loaded",
    }
    assert sum(e.category == "loaded" for e in general.entries) >= 200
    frames = next(lex for lex in lexicons if lex.name == "frames-foreign-affairs")
    assert {c.kind for c in frames.categories.values()} == {"frame"}
    for name in frames.categories:
        assert 40 <= sum(e.category == name for e in frames.entries) <= 120


def test_shipped_general_lexicon_behaves():
    matcher = Matcher(shipped_lexicons())
    text = "Officials said the brutal regime claimed, reportedly, that the historic deal was extremely likely."
    cats = {(m.category, m.span.text) for m in matcher.find(text, "a")}
    assert {("attribution_neutral", "said"), ("loaded", "brutal"), ("loaded", "regime"),
            ("attribution_loaded", "claimed"), ("hedge", "reportedly"), ("evaluative", "historic"),
            ("intensifier", "extremely"), ("hedge", "likely")} <= cats
    # Derivational relatives do not match: "remarked" is not "remarkable", "drama" is not "dramatic",
    # "like" is not "likely".
    assert {("evaluative", "remarkable"), ("evaluative", "dramatic")} <= {
        (m.category, m.span.text) for m in matcher.find("A remarkable, dramatic moment.", "a")}
    plain = {m.category for m in matcher.find("Critics remarked on the drama of the power plant; they like it.", "a")}
    assert not plain & {"evaluative", "hedge", "intensifier"}


def test_no_phrase_is_hidden_in_a_comment():
    # A comment inside a phrases list would silently drop the words after it on the same line.
    for path in shipped_paths():
        in_list = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code, _, comment = line.partition("#")
            in_list = in_list or code.rstrip().endswith("phrases = [")
            assert not (in_list and '"' in comment), f"{path.name}:{number} has a phrase inside a comment"
            in_list = in_list and not code.strip().startswith("]")


def test_seed_lexicon_loads_with_actors_and_labels():
    lexicon = load_lexicon(SEEDS / "lexicon.toml")
    ids = {a.id for a in lexicon.actors}
    assert {"sharaa", "maher-sharaa", "shaybani", "bogdanov", "lavrentiev", "lavrov", "assad", "putin",
            "sybiga", "hts", "new-authorities", "russia", "syria", "khmeimim", "tartus", "rt"} <= ids
    maher = next(a for a in lexicon.actors if a.id == "maher-sharaa")
    assert not any(alias.lower().replace("al-", "") == "sharaa" for alias in maher.aliases)
    labels = [e for e in lexicon.entries if e.category == "label"]
    assert labels and all(e.actor in ids and e.stance for e in labels)
    by_phrase = {e.phrase: e for e in labels}
    assert by_phrase["jihadist group"].stance == "delegitimising"
    assert by_phrase["transitional government"].stance == "legitimising"
    assert by_phrase["ousted President"].actor == "assad"


def test_seed_lexicon_on_seed_article():
    matcher = Matcher([load_lexicon(SEEDS / "lexicon.toml")])
    text = (SEEDS / "003_46b48ed3f4d3a1a0.txt").read_text(encoding="utf-8")
    ms = matcher.find(text, "003")
    labels = {(m.span.text, m.actor, m.stance) for m in ms if m.category == "label"}
    assert ("insurgent government", "new-authorities", "delegitimising") in labels
    assert ("former al-Qaeda offshoot", "new-authorities", "delegitimising") in labels
    actors = {m.actor for m in ms if m.category == "actor"}
    assert {"sharaa", "lavrentiev", "assad", "khmeimim", "sybiga"} <= actors


def test_actor_ids_are_unique_after_trimming(tmp_path) -> None:
    path = tmp_path / "dup.toml"
    path.write_text('[lexicon]\nname = "d"\n\n[[actors]]\nid = "x"\nname = "X"\n\n[[actors]]\nid = " x"\nname = "Y"\n')
    with pytest.raises(LexiconError, match="declared twice"):
        load_lexicon(path)


def test_a_phrase_written_as_the_text_wins_over_one_matched_by_its_stem(tmp_path: Path) -> None:
    lexicon = load_lexicon(write(tmp_path, """
[lexicon]
name = "t"

[[actors]]
id = "leader"
name = "Ann Lee"
kind = "person"

[[actors]]
id = "government"
name = "the government"
kind = "government"

[[labels]]
actor = "leader"
stance = "neutral"
phrases = ["new leader"]

[[labels]]
actor = "government"
stance = "neutral"
phrases = ["new leaders"]
"""))
    matcher = Matcher(lexicon)
    found = {(m.span.text, m.actor) for m in matcher.find("Talks with the new leaders began. The new leader spoke.", "a")
             if m.category == "label"}
    assert found == {("new leaders", "government"), ("new leader", "leader")}
