"""The view model: highlight segments, anchors, context windows, outlet rows, and colour contrast."""

from __future__ import annotations

import pytest

from conftest import SEEDS
from framing.report.view import HIGHLIGHTS, INK, STANCES, Mark, context, cut, rows_of, segments, short_name

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
