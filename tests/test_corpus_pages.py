"""The batch's index and outlet profiles, opened in headless Chromium: content, links, sorting, filtering."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_corpus_events import ARTICLES, records, write_corpus
from typer.testing import CliRunner

from framing.analyse.stats import bootstrap_share
from framing.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pages")
    corpus = root / "corpus"
    write_corpus(corpus / "news.jsonl", records(ARTICLES) + [{"outlet": "Lone Voice", "title": "A cat show", "published": "2024-01-01",
                 "text": "Whiskers the cat won the county cat show in Brampton on Saturday, the judges said."}])
    (corpus / "broken.jsonl").write_text("{not json}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(corpus), "--out", str(root / "out"), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{root / 'out' / 'index.html'}\n"
    assert "framing: skipped broken.jsonl: no usable article" in result.stderr
    return root / "out"


def dom(page: Path) -> str:
    """The page's DOM after its scripts ran, as Chromium sees it; no request may leave the machine."""
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--dump-dom", page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.rows: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.urls += [v for k, v in attrs if k in {"href", "src", "action", "srcset", "poster"} and v]
        if tag == "tr" and "data-outlets" in values:
            self.rows.append(values)


def parsed(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


def documents(out: Path) -> list[dict]:
    with sqlite3.connect(out / "framing.sqlite") as db:
        return [json.loads(d) for (d,) in db.execute("SELECT document FROM analyses ORDER BY event")]


def test_pages_reference_no_external_url_and_every_link_resolves(batch: Path) -> None:
    pages = [batch / "index.html", *sorted((batch / "outlets").glob("*.html"))]
    assert len(pages) == 1 + len({r[1] for r in ARTICLES})  # the lone outlet's event is not compared
    for page in pages:
        for url in parsed(page.read_text(encoding="utf-8")).urls:
            assert not re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.I), f"{page.name} links outside: {url}"
            target = (page.parent / url.split("#")[0]).resolve()
            assert target.is_file(), f"{page.name}: broken link {url}"


@needs_chromium
def test_index_lists_every_event_with_dates_outlets_and_strongest_finding(batch: Path) -> None:
    html = dom(batch / "index.html")
    rows = parsed(html).rows
    with sqlite3.connect(batch / "framing.sqlite") as db:
        events = db.execute("SELECT id, title, first_date, report FROM events ORDER BY id").fetchall()
        strongest = dict(db.execute("SELECT event, strongest FROM analyses"))
    assert sorted(r["id"] for r in rows) == [e[0] for e in events]
    for event_id, title, first, report in events:
        row = html[html.index(f'id="{event_id}"'):]
        row = row[: row.index("</tr>")]
        assert title in row and first in row
        if report:
            assert f'href="{report}"' in row and (strongest[event_id] or "").replace("“", "“") in row.replace("&amp;", "&")
        else:
            assert "single outlet" in row
    assert "broken.jsonl" in html and "no usable article" in html
    assert f"{len(events)} shown" in html  # the filter script ran


@needs_chromium
def test_index_sorts_and_filters_without_a_server(batch: Path, tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    clicks = """<script>
var b = document.querySelectorAll("#events th button"); b[3].click(); b[3].click();
var q = document.querySelector("input[type=search]"); q.value = "riverton"; q.dispatchEvent(new Event("input"));
</script></body>"""
    page.write_text((batch / "index.html").read_text(encoding="utf-8").replace("</body>", clicks), encoding="utf-8")
    html = dom(page)
    body = html[html.index("<tbody>"): html.index("</tbody>")]
    counts = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', body)]
    assert counts == sorted(counts, reverse=True)
    visible = [r for r in parsed(html).rows if "hidden" not in r]
    flood_outlets = sorted({o for e, o, *_ in ARTICLES if e == "flood"})
    assert len(visible) == 1 and "1 shown" in html
    assert len(visible[0]["data-outlets"].split()) == len(flood_outlets)


@needs_chromium
def test_outlet_profile_gathers_the_outlet_across_its_events(batch: Path) -> None:
    docs = documents(batch)
    key = "daily-planet"
    mine = [(d, a) for d in docs for a in d["articles"] if a["outlet"]["key"] == key]
    html = dom(batch / "outlets" / f"{key}.html").replace("&amp;", "&")
    assert "<h1>Daily Planet</h1>" in html
    assert f"{len(mine)} articles in {len({d['story']['slug'] for d, _ in mine})} compared events" in html
    rates = [a["scores"]["loaded"]["per_1000"] for _, a in mine if a["scores"]["loaded"]["words"]]
    rate, low, high = bootstrap_share(rates, 1000, 0)
    assert f"{rate:.1f} loaded words per 1,000 (95% interval {low:.1f}–{high:.1f}, bootstrap over {len(rates)} articles)" in html
    for document, article in mine:
        assert f'href="../events/{document["story"]["slug"]}.html"' in html
        for label in article["labels"]:
            if label["voice"] == "own":
                assert f'>{label["text"]}</span>' in html
                assert f'../events/{document["story"]["slug"]}.html#article-{article["id"]}' in html


def test_pages_never_name_an_inferred_outlet_with_more_certainty_than_it_has(tmp_path: Path) -> None:
    from conftest import SEEDS

    result = CliRunner().invoke(app, ["batch", str(SEEDS), "--out", str(tmp_path / "out"), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    index = re.sub(r"<[^>]+>", " ", (tmp_path / "out" / "index.html").read_text(encoding="utf-8"))
    profile = re.sub(r"<[^>]+>", " ", (tmp_path / "out" / "outlets" / "breitbart-news.html").read_text(encoding="utf-8"))
    for page in (index, profile):
        assert "Breitbart News (inferred)" in page
        assert not re.search(r"Breitbart News(?! \(inferred\))", page)
