"""The view model: highlight segments, anchors, context windows, outlet rows, and colour contrast."""

from __future__ import annotations

import pytest

from conftest import SEEDS
from framing.report.highlight import HIGHLIGHTS, INK, STANCES, Mark, context, segments
from framing.report.view import cut, rows_of, short_name

TEXT = "The regime said the talks were historic. Officials reportedly disagreed."


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("key", list(HIGHLIGHTS))
def test_highlight_backgrounds_keep_ink_at_wcag_aa(key: str) -> None:
    assert contrast(INK, HIGHLIGHTS[key].background) >= 4.5


@pytest.mark.parametrize("stance", list(STANCES))
def test_chip_text_meets_wcag_aa(stance: str) -> None:
    background, ink, _ = STANCES[stance]
    assert contrast(ink, background) >= 4.5


def test_highlights_differ_in_grayscale_by_line_style() -> None:
    lines = [(s.decoration.split("#")[0].strip(), s.italic) for s in HIGHLIGHTS.values()]
    assert len(set(lines)) == len(lines)
    assert len({border for _, _, border in STANCES.values()}) == len(STANCES)


def test_segments_cut_at_mark_boundaries_and_place_anchors() -> None:
    marks = [Mark(4, 10, "hl-loaded", "loaded", ("a", 4, 10)), Mark(0, 10, "", "", ("a", 0, 10))]
    segs = segments(TEXT, 0, 20, marks)
    assert [s.text for s in segs] == ["The ", "regime", " said the "]
    assert segs[0].anchors == [("a", 0, 10)] and segs[0].classes == []
    assert segs[1].anchors == [("a", 4, 10)] and segs[1].classes == ["hl-loaded"]
    assert "".join(s.text for s in segs) == TEXT[0:20]


def test_context_stays_in_the_sentence() -> None:
    start = TEXT.index("reportedly")
    window = context(TEXT, start, start + len("reportedly"))
    assert window == {"before": "Officials ", "match": "reportedly", "after": " disagreed."}
    first = context(TEXT, 4, 10)
    assert first["before"] == "The " and first["after"].startswith(" said") and "Officials" not in first["after"]


def test_context_cuts_long_sentences_at_words() -> None:
    long = "word " * 40 + "target " + "word " * 40
    start = long.index("target")
    window = context(long, start, start + 6, width=20)
    assert window["before"].startswith("…") and window["after"].endswith("…")
    assert len(window["before"]) <= 22 and len(window["after"]) <= 22


def test_rows_are_even() -> None:
    assert [len(r) for r in rows_of(list(range(5)), 4)] == [3, 2]
    assert [len(r) for r in rows_of(list(range(12)), 4)] == [4, 4, 4]
    assert [len(r) for r in rows_of(list(range(7)), 6)] == [4, 3]
    assert rows_of([], 3) == []


def test_short_names() -> None:
    assert short_name("Asharq Al-Awsat (translated by The Syrian Observer)") == "Asharq Al-Awsat"
    assert short_name("RT") == "RT"
    long = short_name("The Ostrava Nova Evening Chronicle and Riverside Gazette")
    assert long.endswith("…") and len(long) <= 22
    assert cut("a" * 50, 10) == "a" * 9 + "…"


@pytest.fixture(scope="module")
def seed_doc() -> dict:
    from framing.api import analyse_path

    return analyse_path(SEEDS).document


def test_view_of_the_seeds(seed_doc: dict) -> None:
    from framing.report.view import build_view

    view = build_view(seed_doc)
    assert [o["id"] for o in view["outlets"]] == [a["id"] for a in seed_doc["articles"]]
    assert len(view["glance"]["rows"]) == len(seed_doc["articles"])
    assert all(len(r["cells"]) == len(view["frame_table"]["frames"]) for r in view["frame_table"]["rows"])
    assert view["legend"] and all(item["css"].startswith("hl-") for item in view["legend"])
    chart = view["voice_chart"]
    assert chart["width"] == 640 and chart["height"] == 34 * len(seed_doc["articles"])
    for row in chart["rows"]:
        assert sum(s["w"] for s in row["segments"]) <= chart["plot_w"] + 1
    texts = {a["id"]: a["text"] for a in seed_doc["articles"]}
    for row in view["language_table"]["rows"]:
        for ex in row["examples"]:
            article, start, end = ex["anchor"]
            assert article == row["id"] and texts[article][start:end] == ex["match"]


def test_a_span_over_two_blocks_is_anchored_once() -> None:
    text = "First paragraph of a quote.\n\nIts second paragraph."
    marks = [Mark(0, len(text), "hl-quote", "Quote", ("a", 0, len(text)))]
    first = segments(text, 0, 27, marks)
    second = segments(text, 29, len(text), marks)
    anchors = [a for seg in first + second for a in seg.anchors]
    assert anchors == [("a", 0, len(text))]
    assert first[0].anchors and not second[0].anchors


def test_print_lands_every_link_on_its_highlight_or_paragraph_without_wrappers(seed_doc: dict) -> None:
    from framing.report.highlight import link_targets, print_columns

    cols, lands = print_columns(seed_doc)
    placed: dict[tuple, tuple[int, int, bool]] = {}  # id → (start, end) of its element, highlighted or not
    for column, article in zip(cols, seed_doc["articles"]):
        assert "".join(s.text for b in column["blocks"] for s in b["segments"]) == "".join(
            article["text"][b["start"]:b["end"]] for b in article["blocks"])
        for block, source in zip(column["blocks"], article["blocks"]):
            if block["id"]:
                placed[block["id"]] = (source["start"], source["end"], False)
            at = source["start"]
            for seg, after in zip(block["segments"], block["segments"][1:] + [None]):
                assert not seg.anchors or seg.classes, "an unhighlighted run carries no id of its own"
                assert after is None or after.classes != seg.classes, "like runs are one element"
                if seg.anchors:
                    placed[seg.anchors[0]] = (at, at + len(seg.text), True)
                at += len(seg.text)
    assert len(placed) == len(set(placed))
    for article, spans in link_targets(seed_doc).items():
        for start, end in spans:
            lands_on = lands[(article, start, end)]
            first, last, highlighted = placed[lands_on]
            assert lands_on[0] == article and (first <= start < last or start < first)
            if (article, start, end) == lands_on:
                assert start == first
            elif highlighted:
                assert first <= start < last  # inside the highlight it lands on
    assert len(set(lands.values())) < len(lands)  # spans share elements: that is the saving


# -- page 1, scaling layouts, leans, added measures -------------------------------------------------

import copy  # noqa: E402
import functools  # noqa: E402

from framing.report.view import build_view, by_lean, near_copy_pairs, portraits, outlets, readable, category_labels  # noqa: E402


@functools.lru_cache(maxsize=1)
def _seed_doc() -> dict:
    from framing.api import analyse_path

    return analyse_path(SEEDS).document


def test_page_one_gives_each_outlet_its_headline_and_linked_facts() -> None:
    doc = _seed_doc()
    view = build_view(doc)
    assert [p["id"] for p in view["portraits"]] == [a["id"] for a in doc["articles"]]
    for p, article in zip(view["portraits"], doc["articles"]):
        assert p["headline"] == (article["title"] or p["headline"])
        assert p["from_lede"] == (not article["title"])
        for fact in p["facts"]:
            if fact["anchor"]:
                aid, start, end = fact["anchor"]
                assert aid == article["id"] and 0 <= start < end <= len(article["text"])


def test_page_one_says_nothing_of_voices_an_outlet_does_not_quote() -> None:
    doc = copy.deepcopy(_seed_doc())
    quiet = doc["articles"][0]
    quiet["voices"] = {**quiet["voices"], "groups": [], "speakers": []}
    quiet["quotes"] = []
    quiet["frames"]["leading"] = None
    facts = portraits(doc, outlets(doc))[0]["facts"]
    leads = [f["lead"] for f in facts]
    assert "quotes mostly" not in leads and "frames it as" not in leads
    loud = portraits(_seed_doc(), outlets(_seed_doc()))[0]["facts"]
    assert "quotes mostly" in [f["lead"] for f in loud]


def test_no_internal_category_id_reaches_the_reader() -> None:
    doc = _seed_doc()
    view = build_view(doc)
    ids = [c["name"] for c in doc["frame_categories"] + doc["language_categories"] if "_" in c["name"]]
    assert ids
    shown = " ".join([*view["reasons"].values(), *(f["text"] for f in view["findings"]),
                      *(c["label"] for c in view["language_table"]["categories"])])
    for name in ids:
        assert name not in shown
    assert readable("tie between a_b, c", {"a_b": "A and B"}) == "tie between A and B, c"


def test_near_copies_are_grouped_by_pair_of_outlets() -> None:
    doc = copy.deepcopy(_seed_doc())
    a, b = doc["articles"][0]["id"], doc["articles"][1]["id"]
    span = lambda aid, s: {"article": aid, "start": s, "end": s + 5, "text": "x"}  # noqa: E731
    doc["coverage_summary"]["near_copies"] = [
        {"a": span(b, 0), "b": span(a, 0), "similarity": 0.9},
        {"a": span(a, 10), "b": span(b, 10), "similarity": 0.8},
    ]
    pairs = near_copy_pairs(doc)
    assert len(pairs) == 1 and (pairs[0]["a"], pairs[0]["b"]) == (a, b)
    assert len(pairs[0]["copies"]) == 2 and pairs[0]["low"] == 0.8


def test_coverage_by_lean_calls_out_one_sided_elements_only_when_every_reporter_shares_the_lean() -> None:
    doc = copy.deepcopy(_seed_doc())
    assert by_lean(doc) is None  # the seeds give no leans
    ids = [a["id"] for a in doc["articles"]]
    for article, lean in zip(doc["articles"], ["left", "left", "right", "right", None]):
        article["outlet"]["lean"] = lean
    leans = by_lean(doc)
    assert [s["lean"] for s in leans["sides"]] == ["left", "right"]
    assert leans["unleaned"] == [ids[4]]
    by_el = {el["spans"][0]["text"]: el for el in doc["coverage"]}
    for side in leans["sides"]:
        members = set(side["outlets"])
        for item in side["alone"]:
            assert set(by_el[item["text"]]["articles"]) <= members


def test_added_lens_measures_become_a_table_with_evidence() -> None:
    from framing import Lens, Measure, Pipeline

    def questions(ctx):  # noqa: ANN001, ANN202
        text = ctx.article.text
        spans = tuple(ctx.article.span(i, i + 1) for i, c in enumerate(text) if c in "?!")
        return Measure(len(spans), f"{len(spans)} marks", spans, note="Question and exclamation marks")

    doc = Pipeline(extra_lenses=[Lens("marks", questions, description="Marks")]).document(Pipeline().load(SEEDS))
    table = build_view(doc)["measures"]
    assert [lens["name"] for lens in table["lenses"]] == ["marks"]
    for row, article in zip(table["rows"], doc["articles"]):
        cell = row["cells"][0]
        value = article["measures"]["marks"]
        assert cell["display"] == value["display"]
        if value["evidence"]:
            aid, start, end = cell["anchor"]
            assert article["text"][start:end] in "?!"
    assert build_view(_seed_doc())["measures"] is None


def test_language_table_shows_every_category_in_use_with_own_and_quoted_apart() -> None:
    doc = copy.deepcopy(_seed_doc())
    doc["language_categories"].append({"name": "sports_talk", "label": "Sports talk", "kind": "language", "description": ""})
    first = doc["articles"][0]
    first["language_use"]["categories"]["sports_talk"] = {"own": 2, "quoted": 3, "per_1000": 7.1, "examples": []}
    table = build_view(doc)["language_table"]
    names = [c["name"] for c in table["categories"]]
    assert "sports_talk" in names and category_labels(doc)["sports_talk"] == "Sports talk"
    cell = table["rows"][0]["cells"][names.index("sports_talk")]
    assert (cell["own"], cell["quoted"]) == (2, 3)


# -- the briefing (framing.report.brief) ----------------------------------------------------------


def _quote(speaker: str, kind: str, words: int, start: int) -> dict:
    return {"speaker": speaker, "kind": kind, "words": words, "start": start, "end": start + 5 * words, "text": f"q{start}"}


def test_briefing_voices_keep_the_speakers_quoted_most_each_with_their_longest_quote() -> None:
    from framing.report.brief import CAPS, voices

    quotes = [_quote("a", "direct", 4, 0), _quote("a", "direct", 9, 50), _quote("b", "paraphrase", 12, 120),
              _quote("c", "direct", 2, 200), _quote("d", "paraphrase", 7, 300)]
    speakers = [{"speaker": s, "name": s.upper(), "words": w, "quotes": q, "paraphrases": p}
                for s, w, q, p in (("a", 13, 2, 0), ("b", 0, 0, 1), ("c", 2, 1, 0), ("d", 0, 0, 1))]
    doc = {"articles": [{"id": "x", "quotes": quotes, "voices": {"speakers": speakers}}]}
    (row,) = voices(doc)
    assert CAPS["speakers"] == 2
    assert [(s["name"], s["quote"]["start"]) for s in row["speakers"]] == [("A", 50), ("C", 200)]
    assert row["quotes"] == 5 and row["more"] == 3


def test_briefing_naming_cuts_labels_and_actors_and_counts_the_rest() -> None:
    from framing.report.brief import CAPS, naming

    chips = [{"text": f"label {i}"} for i in range(CAPS["chips"] + 2)]
    rows = [{"name": f"actor {i}", "entries": [{"id": "x", "chips": chips}], "silent": []} for i in range(CAPS["actors"] + 1)]
    rows.append({"name": "unlabelled", "entries": [], "silent": ["X"]})
    cut = naming(rows)
    assert len(cut["actors"]) == CAPS["actors"]
    assert cut["actors"][0]["entries"][0]["chips"] == {"shown": chips[:CAPS["chips"]], "more": 2}
    assert cut["more"] == [f"actor {CAPS['actors']}"]  # an actor no outlet labels is not "left out"


def test_briefing_further_findings_quote_once() -> None:
    from framing.report.brief import further

    evidence = [{"article": "x", "start": i, "end": i + 3, "text": f"words {i}"} for i in range(3)]
    findings = [{"text": "first"}, {"text": "Only X calls Y “words 0”", "evidence": evidence},
                {"text": "X leads on security", "evidence": evidence[:1]}]
    quoted, plain = further(findings, 1)
    assert quoted["shown"] == [] and quoted["more"] == 2  # the text quotes its words already
    assert plain["shown"] == evidence[:1] and plain["more"] == 0
