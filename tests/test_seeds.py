"""End to end on the seed story: the contrasts its README lists are in the JSON and the report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from framing.api import analyse_path
from framing.report.render import render_html

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def doc() -> dict:
    return analyse_path(SEEDS).document


@pytest.fixture(scope="module")
def html(doc: dict) -> str:
    return render_html(doc)


def articles(doc: dict) -> dict[str, dict]:
    return {a["id"]: a for a in doc["articles"]}


def chips(doc: dict, actor: str, article: str) -> dict[str, str]:
    row = next(r for r in doc["label_table"] if r["actor"] == actor)
    return {c["text"]: c["stance"] for c in row["cells"].get(article, [])}


@pytest.mark.parametrize(
    ("actor", "article", "label", "stance"),
    [
        ("new-authorities", "almayadeen", "transitional government", "legitimising"),
        ("new-authorities", "almayadeen", "new administration", "neutral"),
        ("hts", "rt", "jihadist group", "delegitimising"),
        ("hts", "breitbart", "former al-Qaeda offshoot", "delegitimising"),
        ("new-authorities", "breitbart", "insurgent government", "delegitimising"),
        ("assad", "devdiscourse", "President", "legitimising"),
        ("assad", "asharq", "ousted President", "neutral"),
        ("assad", "rt", "former President", "neutral"),
        ("assad", "breitbart", "Syrian dictator", "delegitimising"),
    ],
)
def test_label_contrasts(doc: dict, actor: str, article: str, label: str, stance: str) -> None:
    assert chips(doc, actor, article).get(label) == stance


@pytest.mark.parametrize(
    ("article", "written", "actor"),
    [
        ("almayadeen", "al-Sharaa", "sharaa"),
        ("breitbart", "Sharaa", "sharaa"),
        ("almayadeen", "al-Shaybani", "shaybani"),
        ("rt", "al-Shaibani", "shaybani"),
        ("asharq", "Al-Shibani", "shaybani"),
        ("almayadeen", "Lavrentiev", "lavrentiev"),
        ("breitbart", "Lavrentyev", "lavrentiev"),
        ("breitbart", "Khmeimim", "khmeimim"),
        ("asharq", "Hmeimim", "khmeimim"),
        ("rt", "al-Julani", "sharaa"),
        ("breitbart", "al-Jolani", "sharaa"),
        ("rt", "Maher al-Sharaa", "maher-sharaa"),
    ],
)
def test_transliterations_fold_into_one_actor(doc: dict, article: str, written: str, actor: str) -> None:
    a = articles(doc)[article]
    resolved = {m["actor"] for m in a["mentions"] if written in a["text"][m["start"]:m["end"]]}
    assert actor in resolved
    if written != "Maher al-Sharaa":
        assert "maher-sharaa" not in resolved


EXPECTED_QUOTES = {
    "almayadeen": {("bogdanov", "said"), ("sharaa", "calling"), ("sharaa", "said")},
    "rt": {("bogdanov", "told"), ("bogdanov", "added"), ("bogdanov", "said"), ("bogdanov", "noting"),
           ("sharaa", "told"), ("sharaa", "stressed")},
    "breitbart": {("sharaa", "described"), ("sharaa", "said"), ("lavrov", "put it"), ("sybiga", "said")},
    "devdiscourse": set(),
}


@pytest.mark.parametrize("article", sorted(EXPECTED_QUOTES))
def test_every_direct_quote_has_its_speaker(doc: dict, article: str) -> None:
    found = {(q["speaker"], q["verb"]) for q in articles(doc)[article]["quotes"] if q["kind"] == "direct"}
    assert found == EXPECTED_QUOTES[article]


def test_asharq_quotes_lavrov_al_sharaa_and_an_anonymous_source(doc: dict) -> None:
    quotes = [q for q in articles(doc)["asharq"]["quotes"] if q["kind"] == "direct"]
    speakers = {q["speaker"] for q in quotes if not q["anonymous"]}
    assert speakers == {"lavrov", "sharaa"}
    anonymous = [q for q in quotes if q["anonymous"]]
    assert any(q["text"] == "in the near future" for q in anonymous)


def test_devdiscourse_cites_an_anonymous_source(doc: dict) -> None:
    quotes = articles(doc)["devdiscourse"]["quotes"]
    assert any(q["anonymous"] and "source familiar with the discussions" in q["speaker_text"] for q in quotes)


def test_furniture_is_gone_and_body_kept(doc: dict) -> None:
    a = articles(doc)
    assert "rttv.ru" not in a["rt"]["text"] and "Podcasts" not in a["rt"]["text"]
    assert "icon" not in a["rt"]["text"].split()[0]
    assert "Copyright" not in a["devdiscourse"]["text"] and "TRENDING" not in a["devdiscourse"]["text"]
    assert "Neymar" not in a["devdiscourse"]["text"]
    assert "has not verified the content" not in a["asharq"]["text"]
    assert "issues with commenting" not in a["breitbart"]["text"]
    assert "Read more:" not in a["almayadeen"]["text"]
    assert "A Ukrainian delegation visited Damascus in December" in a["breitbart"]["text"]
    assert "A source familiar with the discussions noted" in a["devdiscourse"]["text"]


def test_every_offset_is_its_evidence(doc: dict) -> None:
    by_id = articles(doc)
    for a in doc["articles"]:
        for key in ("matches", "labels", "quotes"):
            for item in a[key]:
                assert 0 <= item["start"] < item["end"] <= len(a["text"])
        for m in a["matches"]:
            assert a["text"][m["start"]:m["end"]] == m["text"]
        for label in a["labels"]:
            assert a["text"][label["start"]:label["end"]] == label["text"]
        for q in a["quotes"]:
            assert a["text"][q["start"]:q["end"]] == q["text"]
    assert doc["findings"]
    for f in doc["findings"]:
        assert f["evidence"], f["text"]
        for ev in f["evidence"]:
            assert by_id[ev["article"]]["text"][ev["start"]:ev["end"]] == ev["text"]


def test_findings_name_the_contrasts(doc: dict) -> None:
    texts = [f["text"] for f in doc["findings"]]
    assert any(f["text"].startswith("Only Breitbart News (inferred) mentions")
               and any("Ukrainian" in ev["text"] for ev in f["evidence"]) for f in doc["findings"])
    assert not any(f["kind"] == "omission" and f["subjects"] == ["devdiscourse"] and "arrived in Damascus" in f["text"]
                   for f in doc["findings"])  # it reports the visit as "marks the first official talks"
    assert any(t.startswith("Only Breitbart News (inferred) calls the new Syrian authorities") and "insurgent government" in t for t in texts)
    assert "RT quotes only Ahmed al-Sharaa and Mikhail Bogdanov (6 direct quotes, 91 words)." in texts
    assert any(t.startswith("Breitbart News (inferred) uses loaded language in its own words at") for t in texts)


def test_inferred_outlets_are_shown_as_inferred(doc: dict, html: str) -> None:
    inferred = {a["outlet"]["name"] for a in doc["articles"] if a["outlet"]["evidence"] == "inferred"}
    assert inferred == {"Al Mayadeen English", "Breitbart News"}
    visible = " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script|head)\b.*?</\1>", " ", html, flags=re.S)).split())
    for name in inferred:
        places = [m.end() for m in re.finditer(re.escape(name), visible)]
        assert places
        marked = [visible[end:].lstrip().startswith(("(inferred)", "inferred", "*")) for end in places]
        assert all(marked), name
    assert any(f["text"].startswith("Only Breitbart News (inferred) ") for f in doc["findings"])


def test_report_shows_labels_and_quotes(doc: dict, html: str) -> None:
    for label in ("jihadist group", "former al-Qaeda offshoot", "transitional government", "ousted President", "Syrian dictator"):
        assert label in html
    for outlet in ("Al Mayadeen English", "RT", "Asharq Al-Awsat", "Breitbart News", "Devdiscourse"):
        assert outlet in html


def test_same_inputs_same_json() -> None:
    first = analyse_path(SEEDS).json
    assert analyse_path(SEEDS).json == first
    assert json.loads(first)["schema_version"] == "2.0"


def test_document_has_the_fields_pipelines_rely_on(doc: dict) -> None:
    assert {"id", "name", "aliases"} <= set(doc["actors"][0])
    for a in doc["articles"]:
        assert {"id", "outlet", "title", "published", "text", "removed", "matches", "scores", "labels", "quotes", "frames"} <= set(a)
        for label in a["labels"]:
            assert {"actor", "text", "stance", "voice", "start", "end"} <= set(label)
            assert label["stance"] in {"legitimising", "delegitimising", "neutral", "unrated"}
            assert label["voice"] in {"own", "quoted"}
        for q in a["quotes"]:
            assert {"speaker", "text", "verb", "start", "end"} <= set(q)
        for m in a["matches"]:
            assert {"category", "phrase", "start", "end"} <= set(m)
        assert set(a["frames"]["categories"]) == {c["name"] for c in doc["frame_categories"]}
    assert isinstance(doc["coverage"], list) and doc["coverage"]
    ids = {a["id"] for a in doc["articles"]}
    for element in doc["coverage"]:
        assert {"id", "text", "articles"} <= set(element) and set(element["articles"]) <= ids
    for f in doc["findings"]:
        assert {"text", "evidence"} <= set(f)
        assert all({"article", "start", "end"} <= set(ev) for ev in f["evidence"])
    assert set(doc["similarity"]["articles"]) == ids
    assert all(len(row) == len(ids) for row in doc["similarity"]["matrix"])


def test_every_rate_uses_the_articles_body_word_count(doc: dict) -> None:
    for a in doc["articles"]:
        assert {s["words"] for s in a["scores"].values()} == {a["words"]}
        heading_starts = [(b["start"], b["end"]) for b in a["blocks"] if b["kind"] == "heading"]
        for name, s in a["scores"].items():
            in_body = [m for m in a["matches"] if m["category"] == name
                       and not any(hs <= m["start"] < he for hs, he in heading_starts)]
            assert s["count"] == len(in_body)


def _inside_direct_quote(doc: dict, ev: dict) -> bool:
    quotes = [q for q in articles(doc)[ev["article"]]["quotes"] if q["kind"] == "direct"]
    return any(min(ev["end"], q["end"]) - max(ev["start"], q["start"]) >= (ev["end"] - ev["start"]) / 2 for q in quotes)


def test_devdiscourse_alone_reports_the_handover_request(doc: dict) -> None:
    element = next(e for e in doc["coverage"] if any("transfer Assad" in s["text"] for s in e["spans"]))
    assert element["articles"] == ["devdiscourse"]


def test_no_absence_is_claimed_where_a_related_sentence_exists(doc: dict) -> None:
    related = {e["id"]: e["related"] for e in doc["coverage"]}
    by_text = {e["text"]: e["id"] for e in doc["coverage"]}
    for f in doc["findings"]:
        if f["kind"] == "omission":
            eid = next(i for t, i in by_text.items() if t[:60] in f["text"])
            assert f["subjects"][0] not in related[eid], f["text"]
        if f["kind"] == "coverage" and " reports: " in f["text"] and f["text"].startswith("Only "):
            eid = next(i for t, i in by_text.items() if t[:60] in f["text"])
            assert not related[eid], f["text"]


def test_shared_quotes_are_not_called_wire_text(doc: dict) -> None:
    copies = [f for f in doc["findings"] if f["kind"] == "near-copy"]
    assert copies
    for f in copies:
        quoted_ev = [_inside_direct_quote(doc, ev) for ev in f["evidence"]]
        assert ("wire text" in f["text"]) == (not any(quoted_ev)), f["text"]
        if "quote the same words of" in f["text"]:
            assert all(quoted_ev)


def test_language_rates_rest_on_own_words_of_more_than_one_word(doc: dict) -> None:
    rates = [f for f in doc["findings"] if f["kind"] in ("loaded", "hedge")]
    assert rates
    for f in rates:
        assert not any(_inside_direct_quote(doc, ev) for ev in f["evidence"]), f["text"]
        assert len({ev["text"].casefold() for ev in f["evidence"]}) >= 2


def test_findings_are_not_repeated(doc: dict) -> None:
    texts = [f["text"] for f in doc["findings"]]
    assert len(texts) == len(set(texts))
    firsts = [(f["kind"] in ("coverage", "lead", "omission"), tuple(f["subjects"][:1]), f["evidence"][0]["article"],
               f["evidence"][0]["start"]) for f in doc["findings"] if f["kind"] in ("coverage", "lead", "omission")]
    assert len(firsts) == len(set(firsts))
