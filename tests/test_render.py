"""The renderer: HTML from the seed document, link targets, offline safety, user templates, PDF."""

from __future__ import annotations

import contextlib
import logging
import re
import shutil
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SEEDS
from framing.errors import TemplateError, UsageError
from framing.report.anchors import make_anchor
from framing.report.render import css_string, environment, render_html, safe_url
from framing.report.view import build_view


@pytest.fixture(scope="module")
def seed_doc() -> dict:
    from framing.api import analyse_path

    return analyse_path(SEEDS).document


@pytest.fixture(scope="module")
def seed_html(seed_doc: dict) -> str:
    return render_html(seed_doc)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        for key in ("src", "srcset", "data", "action", "poster"):
            if a.get(key):
                self.srcs.append(a[key])


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def test_every_internal_link_has_a_target(seed_html: str) -> None:
    links = _parse(seed_html)
    internal = [h[1:] for h in links.hrefs if h.startswith("#")]
    assert len([h for h in internal if h.startswith("ev-")]) > 100
    missing = sorted({h for h in internal if h not in links.ids})
    assert missing == []


def test_every_link_of_the_full_pdf_lands_and_highlights_keep_their_own_ids(seed_doc: dict, seed_html: str) -> None:
    printed = render_html(seed_doc, target="pdf", pdf="full")
    links = _parse(printed)
    evidence = [h[1:] for h in links.hrefs if h.startswith("#ev-")]
    assert len(evidence) > 100
    assert sorted({h for h in evidence if h not in links.ids}) == []
    assert 'class="anchor"' not in printed  # print places ids on marks and paragraphs, no wrappers
    # A chip's label is highlighted in the text: its link lands on that highlight in both formats.
    on_marks = set(re.findall(r'<mark class="[^"]*" id="([^"]+)"', seed_html))
    checked = 0
    for row in seed_doc["label_table"]:
        for article, chips in row["cells"].items():
            for chip in chips:
                target = make_anchor(article, chip["start"], chip["end"])
                if target in on_marks and f'href="#{target}"' in printed:
                    assert re.search(rf'<mark class="[^"]*" id="{target}"', printed)
                    checked += 1
    assert checked > 10


@pytest.fixture(scope="module")
def seed_briefing(seed_doc: dict) -> str:
    return render_html(seed_doc, target="pdf")


def test_no_internal_link_of_the_briefing_dangles(seed_doc: dict, seed_briefing: str) -> None:
    """The briefing leaves the texts out, so evidence is printed rather than linked to words it lacks."""
    links = _parse(seed_briefing)
    internal = [h[1:] for h in links.hrefs if h.startswith("#")]
    assert sorted({h for h in internal if h not in links.ids}) == []
    assert 'id="side-by-side"' not in seed_briefing
    assert not any(i.startswith(("ev-", "article-")) for i in links.ids)
    # The evidence is still there, as words: page 1's findings quote it, the chips are verbatim.
    text = _visible(seed_briefing)
    first = seed_doc["findings"][0]["evidence"][0]["text"]
    assert " ".join(first.split()[:3]) in text
    cells = seed_doc["label_table"][0]["cells"]
    assert all(_visible(chips[0]["text"]) in text for chips in cells.values())


def _visible(html: str) -> str:
    """The words a reader sees, one space apart (tags dropped, entities read)."""
    text = re.sub(r"<[^>]+>", "", re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S))
    return " ".join(unescape(text).replace("\u00a0", " ").split())


def test_the_briefing_says_what_each_cut_leaves_out_and_where(seed_doc: dict, seed_briefing: str) -> None:
    from framing.report.brief import CAPS

    text = _visible(seed_briefing)
    for row in seed_doc["label_table"][:CAPS["actors"]]:
        for chips in row["cells"].values():
            if len(chips) > CAPS["chips"]:
                assert f"+{len(chips) - CAPS['chips']} more label" in text, row["name"]
    labelled = len(seed_doc["label_table"])
    if labelled > CAPS["actors"]:
        assert f"+{labelled - CAPS['actors']} more actors" in text
    cut_quotes = 0
    for article in seed_doc["articles"]:
        speakers = {s["speaker"] for s in article["voices"]["speakers"]}
        shown = min(CAPS["speakers"], len({q["speaker"] for q in article["quotes"]} & speakers))
        if len(article["quotes"]) > shown:
            cut_quotes += 1
            more = len(article["quotes"]) - shown
            assert f"+{more} more quote{'s' if more != 1 else ''} in the HTML report (of {len(article['quotes'])}" in text
    assert cut_quotes >= 2  # the seeds quote more than the briefing prints
    assert text.count("in the HTML report") >= cut_quotes + 1


def test_the_briefing_prints_less_than_the_full_pdf_and_keeps_page_one(seed_doc: dict, seed_briefing: str) -> None:
    full = render_html(seed_doc, target="pdf", pdf="full")
    assert len(_visible(seed_briefing)) < 0.6 * len(_visible(full))
    for section in ("summary", "naming", "voices", "frames", "coverage", "vocabulary", "method"):
        assert f'<section id="{section}"' in seed_briefing
    assert 'id="side-by-side"' in full and all(f'id="article-{a["id"]}"' in full for a in seed_doc["articles"])
    page_one = lambda html: html[html.index('<section id="summary"'):html.index('<h3 id="findings">')]  # noqa: E731
    assert _visible(page_one(seed_briefing)) == _visible(page_one(full))
    text = _visible(seed_briefing)
    findings = build_view(seed_doc, target="pdf", brief=True)["findings"]
    assert len(findings) > 6 and all(_visible(f["text"]) in text for f in findings)  # every finding, page 1 or after


def test_unknown_pdf_kind_is_a_usage_error(seed_doc: dict) -> None:
    with pytest.raises(UsageError, match="unknown PDF 'short'; use briefing or full"):
        render_html(seed_doc, target="pdf", pdf="short")


def test_short_names_print_unbroken() -> None:
    from framing.report.render import unbroken

    assert unbroken("Breitbart News") == "Breitbart\u00a0News"
    long = "Asharq Al-Awsat (translated by The Syrian Observer)"
    assert unbroken(long) == long


def test_findings_chips_and_glance_link_to_evidence(seed_doc: dict, seed_html: str) -> None:
    ids = _parse(seed_html).ids
    for f in seed_doc["findings"][:8]:
        for ev in f["evidence"][:3]:
            assert f"ev-{ev['article']}-{ev['start']}-{ev['end']}" in ids
    for row in seed_doc["label_table"]:
        for article, chips in row["cells"].items():
            assert all(make_anchor(article, chip["start"], chip["end"]) in ids for chip in chips)
    for row in seed_doc["glance"]["rows"]:
        for article, cell in row["cells"].items():
            if cell["start"] is not None:
                assert make_anchor(article, cell["start"], cell["end"]) in ids


def test_no_request_leaves_the_page(seed_html: str) -> None:
    links = _parse(seed_html)
    assert links.srcs == []
    external = [h for h in links.hrefs if not h.startswith("#")]
    assert all(h.startswith(("http://", "https://")) for h in external)
    assert "default-src 'none'" in seed_html
    assert not re.search(r"url\(\s*['\"]?(?!data:)", seed_html)
    assert "@import" not in seed_html


def test_the_report_has_every_section_outlet_and_the_legend(seed_doc: dict, seed_html: str) -> None:
    for section in ("summary", "headlines", "naming", "voices", "frames", "coverage", "vocabulary", "side-by-side", "method"):
        assert f'id="{section}"' in seed_html
    for article in seed_doc["articles"]:
        assert f'id="article-{article["id"]}"' in seed_html
    assert 'aria-label="Highlight legend"' in seed_html
    assert 'href="#main"' in seed_html and 'id="main"' in seed_html


def test_svg_charts_have_explicit_sizes(seed_html: str) -> None:
    for svg in re.findall(r"<svg\b[^>]*>", seed_html):
        assert re.search(r'\bwidth="\d+"', svg) and re.search(r'\bheight="\d+"', svg), svg
        assert 'width="100%"' not in svg


def test_highlight_css_meets_wcag_aa(seed_html: str) -> None:
    """Read the colours from the stylesheet the report ships, not from Python constants."""
    from test_view import contrast

    ink = re.search(r"mark\.hl \{ color: (#[0-9a-f]{6})", seed_html).group(1)
    rules = re.findall(r"mark\.hl-([\w-]+) \{ background: (#[0-9a-f]{6})", seed_html)
    assert len(rules) >= 9
    for name, background in rules:
        assert contrast(ink, background) >= 4.5, name
    chips = re.findall(r"\.chip\.stance-(\w+) \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6})", seed_html)
    assert len(chips) == 4
    for name, background, colour in chips:
        assert contrast(colour, background) >= 4.5, name


def test_html_is_deterministic(seed_doc: dict, seed_html: str) -> None:
    assert render_html(seed_doc) == seed_html


def test_css_string_cannot_close_the_style_element() -> None:
    escaped = str(css_string('Title "quoted" </style><script>'))
    assert "</" not in escaped and '"quoted"' not in escaped and escaped.startswith('"')


def test_safe_url() -> None:
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("file:///etc/passwd") is None


def test_unknown_paper_is_a_usage_error(seed_doc: dict) -> None:
    with pytest.raises(UsageError, match="unknown paper size"):
        render_html(seed_doc, paper="a3")


def test_user_report_template_overrides_a_block(seed_doc: dict, tmp_path: Path) -> None:
    (tmp_path / "report.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block masthead %}<p class="house">Newsroom Desk</p>{{ super() }}{% endblock %}',
        encoding="utf-8",
    )
    html = render_html(seed_doc, templates=tmp_path)
    assert '<p class="house">Newsroom Desk</p>' in html
    assert 'id="side-by-side"' in html and doc_title(seed_doc) in html


def test_user_section_template_replaces_one_section(seed_doc: dict, tmp_path: Path) -> None:
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "vocabulary.html.j2").write_text(
        '<section id="vocabulary"><h2>Words</h2><p>{{ view.outlets | length }} outlets</p></section>', encoding="utf-8"
    )
    html = render_html(seed_doc, templates=tmp_path)
    assert f"<h2>Words</h2><p>{len(seed_doc['articles'])} outlets</p>" in html
    assert "How alike the articles are" not in html
    assert 'id="naming"' in html


def test_broken_user_template_names_the_file(seed_doc: dict, tmp_path: Path) -> None:
    (tmp_path / "report.html.j2").write_text("{% extends 'base.html.j2' %}{% block masthead %}", encoding="utf-8")
    with pytest.raises(TemplateError, match="report.html.j2"):
        render_html(seed_doc, templates=tmp_path)


def test_templates_folder_must_exist(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        environment(tmp_path / "missing")


def doc_title(doc: dict) -> str:
    return doc["story"]["title"].replace("'", "&#39;")


def test_pdf_paper_metadata_and_same_text_twice(seed_doc: dict) -> None:
    pytest.importorskip("weasyprint")
    from framing.report.render import render_pdf

    tiny = _tiny(seed_doc)
    with _no_weasyprint_logs():
        a4 = render_pdf(tiny)
        letter = render_pdf(tiny, paper="letter")
        again = render_pdf(tiny)
        tagged = render_pdf(tiny, tagged=True)
    assert a4.startswith(b"%PDF-") and again == a4
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed; the paper sizes are checked in CI")
    info_a4, info_letter = _pdfinfo(a4), _pdfinfo(letter)
    assert "(A4)" in info_a4["Page size"] and "(letter)" in info_letter["Page size"]
    assert info_a4["Title"].endswith("framing briefing") and info_a4["Author"].startswith("framing")
    assert info_a4["Subject"].startswith("How 2 outlets framed") and "media analysis" in info_a4["Keywords"]
    assert info_a4["Tagged"] == "no" and _pdfinfo(tagged)["Tagged"] == "yes"  # PDF/UA-1 on request (--pdf-ua)


@contextlib.contextmanager
def _no_weasyprint_logs():
    """WeasyPrint warnings (unknown CSS, missing fonts, refused URLs) fail the test, as in its own suite."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    assert [r.getMessage() for r in records] == []


def _pdfinfo(pdf: bytes) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def _tiny(doc: dict) -> dict:
    """The seed document cut to its two shortest articles: a PDF in a second, not ten."""
    keep = sorted(doc["articles"], key=lambda a: a["words"])[:2]
    ids = {a["id"] for a in keep}
    out = dict(doc)
    out["articles"] = keep
    out["findings"] = [f for f in doc["findings"] if all(ev["article"] in ids for ev in f["evidence"])]
    out["label_table"] = [
        {**row, "cells": {k: v for k, v in row["cells"].items() if k in ids}} for row in doc["label_table"]
    ]
    out["glance"] = {"rows": [{**r, "cells": {k: v for k, v in r["cells"].items() if k in ids}} for r in doc["glance"]["rows"]]}
    out["coverage"] = [
        {**el, "articles": [a for a in el["articles"] if a in ids], "spans": [s for s in el["spans"] if s["article"] in ids]}
        for el in doc["coverage"] if any(a in ids for a in el["articles"])
    ]
    cov = dict(doc["coverage_summary"])
    cov["only_in"] = {k: v for k, v in cov["only_in"].items() if k in ids}
    cov["near_copies"] = [nc for nc in cov["near_copies"] if nc["a"]["article"] in ids and nc["b"]["article"] in ids]
    out["coverage_summary"] = cov
    order = [i for i, a in enumerate(doc["articles"]) if a["id"] in ids]
    out["similarity"] = {"articles": [doc["similarity"]["articles"][i] for i in order],
                         "matrix": [[doc["similarity"]["matrix"][i][j] for j in order] for i in order]}
    return out


def test_lexicon_scores_are_an_inline_svg_chart(seed_html: str, seed_doc: dict) -> None:
    """One SVG bar per outlet and language category, its length proportional to the rate."""
    bars = re.findall(r'<svg class="rate-bar"[^>]*aria-label="([\d.]+) per 1,000 words">.*?width="([\d.]+)" height="6" fill="#2a578d"', seed_html)
    assert len(bars) >= 2 * len(seed_doc["articles"])
    peak = max(float(rate) for rate, _ in bars)
    for rate, width in bars:
        assert abs(float(width) - 64 * float(rate) / peak) < 0.2


def test_evidence_that_opens_with_a_quote_mark_is_not_quoted_twice(seed_html: str) -> None:
    assert "“\"" not in seed_html and "““" not in seed_html and "“&#34;" not in seed_html


def _user_template(folder: Path, masthead: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "report.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block masthead %}' + masthead + "{% endblock %}", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize(
    "payload",
    [
        "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
        "{{ joiner.__init__.__globals__.os.system('touch MARKER') }}",
        "{{ namespace.__init__.__globals__.__builtins__.open('MARKER', 'w').write('x') }}",
        "{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}",
        "{{ view.highlights.quote.__class__.__init__.__globals__ }}{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{% set x = view.outlets.append(1) %}{{ self._TemplateReference__context }}",
    ],
)
def test_user_templates_cannot_reach_python(seed_doc: dict, tmp_path: Path, payload: str) -> None:
    marker = tmp_path / "made-by-template"
    templates = _user_template(tmp_path / "t", payload.replace("MARKER", str(marker)))
    with pytest.raises(TemplateError, match=r"report\.html\.j2:1: template failed: ") as caught:
        render_html(seed_doc, templates=templates)
    assert "\n" not in str(caught.value)
    assert not marker.exists()


def test_a_sandbox_refusal_says_what_a_template_may_read(seed_doc: dict, tmp_path: Path) -> None:
    templates = _user_template(tmp_path / "t", "{{ doc.__class__ }}")
    with pytest.raises(TemplateError) as caught:
        render_html(seed_doc, templates=templates)
    assert str(caught.value) == (
        f"{templates / 'report.html.j2'}:1: template failed: access to attribute '__class__' of 'dict' object is unsafe"
        " (a template may read the document and the view, nothing else); fix or remove the overriding template"
    )


def test_a_template_linked_from_outside_its_folder_is_not_read(seed_doc: dict, tmp_path: Path) -> None:
    templates = tmp_path / "t"
    (templates / "sections").mkdir(parents=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET {{ 1 + 1 }}")
    (templates / "sections" / "vocabulary.html.j2").symlink_to(secret)
    with pytest.raises(TemplateError, match="links outside the templates folder"):
        render_html(seed_doc, templates=templates)


def test_user_templates_may_still_loop_and_filter(seed_doc: dict, tmp_path: Path) -> None:
    templates = _user_template(tmp_path / "t", "{% for i in range(2) %}<b>{{ view.outlets[i].short | upper }}</b>{% endfor %}")
    html = render_html(seed_doc, templates=templates)
    shorts = [o["short"].upper() for o in build_view(seed_doc)["outlets"][:2]]
    assert "".join(f"<b>{s}</b>" for s in shorts) in html


def test_compiled_templates_are_kept_per_folder(tmp_path: Path) -> None:
    built_in = environment()
    assert environment() is built_in
    assert built_in.get_template("report.html.j2") is environment().get_template("report.html.j2")
    user = environment(tmp_path)
    assert environment(tmp_path / ".") is user and user is not built_in


def test_the_report_says_framing_made_it(seed_html: str) -> None:
    """The loader skips files carrying this, so a report left in a story folder is never read as an article."""
    from framing import __version__

    assert f'<meta name="generator" content="framing {__version__}">' in seed_html


def test_a_user_template_with_a_bad_anchor_fails_naming_its_line(seed_doc: dict, tmp_path: Path) -> None:
    templates = _user_template(tmp_path / "t", '<a href="#{{ "summary" | anchor }}">x</a>')
    with pytest.raises(TemplateError, match=r"report\.html\.j2:1: template failed: 'summary' is not an evidence anchor"):
        render_html(seed_doc, templates=templates)


def test_added_measures_leans_and_page_one_link_to_highlighted_words(tmp_path: Path) -> None:
    import json

    from framing import Lens, Measure, Pipeline

    def marks(ctx):  # noqa: ANN001, ANN202
        spans = tuple(ctx.article.span(i, i + 1) for i, c in enumerate(ctx.article.text) if c in "?!")
        return Measure(len(spans), f"{len(spans)} marks", spans)

    story = tmp_path / "story"
    story.mkdir()
    leans = ["left", "left", "right"]
    lines = []
    for i, (lean, body) in enumerate(zip(leans, ["Talks collapsed! Was it planned? The minister said so.",
                                                   "The minister said talks collapsed. Critics were angry!",
                                                   "Talks went well, the minister said. Nothing else happened."])):
        lines.append(json.dumps({"outlet": f"Outlet {i}", "title": f"Talks collapse in the capital {i}", "lean": lean,
                                 "language": "en", "text": body + "\n\n" + body}))
    source = story / "story.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = Pipeline(extra_lenses=[Lens("marks", marks, description="Marks")]).analyse_path(source).document
    html = render_html(doc)
    links = _parse(html)
    internal = [h[1:] for h in links.hrefs if h.startswith("#")]
    assert [h for h in internal if h not in links.ids] == []
    assert 'id="measures"' in html and 'id="leans"' in html
    # JSON Lines without a story title: titled after the headlines, and the report says so.
    assert doc["story"]["title_from"] == "headlines" and doc["story"]["title"].startswith("Talks collapse in the capital")
    assert "Title taken from the headline" in html


def test_a_template_cache_that_cannot_be_written_or_read_is_passed_over(tmp_path) -> None:
    import jinja2

    from framing.report.render import _QuietBytecodeCache

    folder = tmp_path / "cache"
    folder.mkdir()
    cache = _QuietBytecodeCache(directory=str(folder))
    env = jinja2.Environment(bytecode_cache=cache, loader=jinja2.DictLoader({"t": "{{ 1 + 1 }}"}))
    folder.rmdir()  # the cache folder vanishes: writing the compiled template fails
    assert env.get_template("t").render() == "2"
    folder.mkdir()
    env2 = jinja2.Environment(bytecode_cache=cache, loader=jinja2.DictLoader({"t": "{{ 2 + 2 }}"}))
    assert env2.get_template("t").render() == "4"  # written this time
    for cached in folder.iterdir():
        cached.write_bytes(b"not a compiled template")
    env3 = jinja2.Environment(bytecode_cache=cache, loader=jinja2.DictLoader({"t": "{{ 2 + 2 }}"}))
    assert env3.get_template("t").render() == "4"  # a corrupt cache file is compiled afresh
