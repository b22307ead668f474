"""Properties that hold for any input: loading, cleaning, matching and rendering never crash or drift.

Hypothesis draws the inputs; example counts stay modest so the suite stays fast.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import markupsafe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.clean import _normalise, clean
from framing.errors import InputError
from framing.lexicon.format import shipped_lexicons
from framing.load import LoadOptions, load_story
from framing.lexicon.matcher import Matcher
from framing.models import Outlet, RawArticle, Source, Story

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of hostile pages mixed into random text, so the search reaches them quickly.
FRAGMENTS = [
    "<script>alert(1)</script>", "{{ 7*7 }}", "{% for x in y %}", "</style>", "javascript:alert(1)",
    '" onmouseover="x', "\x00", "\r\n", "\r", "\n\n", "\u200b", "\ufeff", "\u00ad", "\x07", "\u2028",
    "The minister said", " claimed ", "allegedly", "“quoted,” he said.", "U.S.", "al-Assad's",
    "terrorists", "Menu", "Share this", "© 2025", "Advertisement", "a " * 30, "é", "ﬁ", "İ", "ß",
]
texts = st.lists(st.one_of(st.text(max_size=40), st.sampled_from(FRAGMENTS)), max_size=40).map("".join)
CONTROLS = {chr(c) for c in [*range(0, 9), *range(11, 32), *range(0x7F, 0xA0)]} | {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}


def raw(text: str, id: str = "a1", title: str | None = None) -> RawArticle:
    return RawArticle(id, Outlet(f"Outlet {id}", "named"), Source(f"{id}.txt", "0" * 64, len(text), "text"), text, title=title)


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    return Matcher(shipped_lexicons())


# -- loading -------------------------------------------------------------------------------------

byte_inputs = st.one_of(
    st.binary(max_size=600),
    texts.map(lambda t: t.encode("utf-8")),
    st.tuples(texts, st.sampled_from(["utf-16", "utf-8-sig", "cp1252", "cp1251", "koi8_r", "cp1256", "latin-1"])).map(
        lambda p: p[0].encode(p[1], errors="ignore")
    ),
)


@FAST
@given(data=byte_inputs, suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_any_bytes_load_as_an_article_or_an_input_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / f"article{suffix}").write_bytes(data)
        try:
            story = load_story(folder, LoadOptions(max_bytes=10_000))
        except InputError as exc:
            assert str(exc).startswith(folder)
            return
    (article,) = story.articles
    assert article.text.strip() and article.source.size == len(data)


# -- cleaning ------------------------------------------------------------------------------------


@FAST
@given(text=texts)
def test_cleaning_keeps_only_input_text_at_valid_offsets(text: str) -> None:
    article = clean(raw(text))
    source = _normalise(text)
    lines = [line.strip() for line in source.split("\n")]
    assert not CONTROLS & set(article.text)
    previous_end = -1
    for block in article.blocks:
        assert previous_end < block.start <= block.end <= len(article.text)
        previous_end = block.end
        # A block is one line of the page, or wrapped lines of it joined by single spaces.
        for piece in article.text[block.start:block.end].split(" "):
            assert piece in source
    for removed in article.removed:
        assert 1 <= removed.line <= len(lines) and lines[removed.line - 1] == removed.text
    assert article.text == "\n\n".join(article.text[b.start:b.end] for b in article.blocks)


# -- matching ------------------------------------------------------------------------------------


@FAST
@given(text=texts, start=st.integers(0, 50))
def test_every_match_is_its_own_span_of_the_text(text: str, start: int) -> None:
    start = min(start, len(text))
    for match in matcher().find(text, "a", start):
        assert start <= match.span.start < match.span.end <= len(text)
        assert text[match.span.start:match.span.end] == match.span.text


@FAST
@given(text=texts)
def test_matches_in_a_cleaned_article_index_its_text(text: str) -> None:
    article = clean(raw(text))
    for match in matcher().match(article):
        assert article.text[match.span.start:match.span.end] == match.span.text


# -- rendering -----------------------------------------------------------------------------------

FIXED = (
    "The foreign minister said on Tuesday that the talks had gone well and would continue. "
    "Officials from both countries agreed to meet again next month, a spokesman said.\n"
)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: list[str] = []
        self.scripts = 0
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        self.handlers += [k for k, _ in attrs if k.lower().startswith("on")]

    def handle_data(self, data: str) -> None:
        self.data.append(data)


@SLOW
@given(text=texts, title=texts)
def test_rendered_report_shows_any_text_escaped_and_the_same_each_time(text: str, title: str) -> None:
    from framing.analyse import analyse
    from framing.export import document as to_document
    from framing.report.render import render_html

    articles = (raw(FIXED, "fixed"), raw(FIXED + "\n" + text, "random", title=title.strip() or None))
    story = Story(title="Property story", slug="property-story", root=".", articles=articles)
    document = to_document(analyse(story))
    html = render_html(document)
    assert html == render_html(to_document(analyse(story)))
    page = _Text()
    page.feed(html)
    page.close()
    assert page.scripts == 1 and page.handlers == []
    shown = "".join("".join(page.data).split())
    cleaned = next(a for a in document["articles"] if a["id"] == "random")
    for block in cleaned["blocks"]:
        assert "".join(cleaned["text"][block["start"]:block["end"]].split()) in shown
    if cleaned["title"]:
        assert str(markupsafe.escape(cleaned["title"])) in html
