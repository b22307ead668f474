"""The briefing as a person sees it: PDF pages and HTML screenshots, checked for layout facts.

Renders the seed story and a twelve-outlet story (tests/fixtures/twelve: long names, a long title
and URL, Arabic and Cyrillic paragraphs), then asks poppler and headless Chromium what they see.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

TWELVE = ROOT / "tests" / "fixtures" / "twelve"
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
POPPLER = all(shutil.which(n) for n in ("pdftoppm", "pdfinfo", "pdftotext"))
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", '--host-resolver-rules=MAP * ~NOTFOUND',
]

# Added to a copy of the report only: the report itself stays script-light.
MEASURE = """<script>
window.addEventListener("load", function () {
  var vw = document.documentElement.clientWidth, wide = [];
  document.querySelectorAll("body *").forEach(function (el) {
    if (el.closest(".table-wrap") || el.closest(".sr-only") || el.classList.contains("skip")) return;
    var r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > vw + 1 || r.left < -1)) wide.push(el.tagName + "." + el.className);
  });
  var out = {viewport: vw, scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 20),
             outlets: Array.prototype.map.call(document.querySelectorAll(".column h3 .outlet"), function (e) { return e.textContent; }),
             legend: document.querySelectorAll(".legend .legend-item").length,
             resources: performance.getEntriesByType("resource").map(function (e) { return e.name; })};
  var host = window.parent.document, pre = host.createElement("pre");
  pre.id = "measured"; pre.textContent = JSON.stringify(out);
  host.body.appendChild(pre);
});
</script>"""

STORIES = {"seeds": SEEDS, "twelve": TWELVE}
PDFS = [*STORIES, "seeds-full"]  # the briefing of each story, and the full PDF of the seeds


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    pytest.importorskip("weasyprint")
    from framing.api import build_report

    out = {}
    for name, path in STORIES.items():
        folder = tmp_path_factory.mktemp(name)
        result = build_report(path, out_dir=folder)
        html = next(p for p in result.paths if p.suffix == ".html")
        pdf = next(p for p in result.paths if p.suffix == ".pdf")
        doc = json.loads(json.dumps(_document(path)))
        out[name] = {"html": html, "pdf": pdf, "doc": doc, "folder": folder}
    # The full PDF of the seeds, texts side by side, beside the default briefing.
    folder = tmp_path_factory.mktemp("seeds-full")
    full = build_report(SEEDS, out_dir=folder, formats=("pdf",), pdf="full").paths[0]
    out["seeds-full"] = {**out["seeds"], "pdf": full, "folder": folder}
    return out


def _document(path: Path) -> dict:
    from framing.api import analyse_path

    return analyse_path(path).document


def _flat(text: str) -> str:
    return " ".join(text.split())


needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftoppm, pdfinfo, pdftotext) is not installed")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def _pages(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-l", "999", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


@needs_poppler
@pytest.mark.parametrize("name", PDFS)
def test_pdf_pages_are_a4_with_every_outlet(built: dict, name: str) -> None:
    pdf = built[name]["pdf"]
    sizes = _pages(pdf)
    assert sizes
    for w, h in sizes:
        assert sorted((round(w), round(h))) == [595, 842]  # A4, portrait or landscape
    text = _flat(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    for article in built[name]["doc"]["articles"]:
        words = article["outlet"]["name"].split()
        assert _flat(" ".join(words[:3])) in text, article["outlet"]["name"]
    assert "Loaded language" in text and "Page 1 of" in text


@needs_poppler
def test_the_briefing_is_a_few_pages_and_the_full_pdf_keeps_the_texts(built: dict) -> None:
    """Five outlets brief in a handful of pages, twelve in at most twenty; the full PDF adds the texts
    side by side (landscape, under their highlight legend)."""
    seeds, twelve, full = (len(_pages(built[n]["pdf"])) for n in PDFS)
    assert 3 <= seeds <= 7
    assert seeds < twelve <= 20
    assert full >= seeds + len(built["seeds"]["doc"]["articles"])
    assert not any(w > h for w, h in _pages(built["seeds"]["pdf"]))
    assert any(w > h for w, h in _pages(built["seeds-full"]["pdf"]))
    brief_text, full_text = (_flat(" ".join(_page_texts(built[n]["pdf"]))) for n in ("seeds", "seeds-full"))
    assert "Side by side" in full_text and "Highlights" in full_text
    assert "Side by side" not in brief_text
    article = max(built["seeds"]["doc"]["articles"], key=lambda a: a["words"])
    last = [b for b in article["blocks"] if b["kind"] == "paragraph"][-1]
    words = " ".join(article["text"][last["start"]:last["end"]].split()[:8])  # the close of the longest text
    assert words in full_text and words not in brief_text


@needs_poppler
@pytest.mark.parametrize("name", list(STORIES))
def test_the_briefing_counts_what_it_leaves_to_the_html(built: dict, name: str) -> None:
    text = _flat(" ".join(_page_texts(built[name]["pdf"])))
    cuts = re.findall(r"\+(\d+) more (labels?|quotes?|actors?|elements?|shared elements?|examples?)", text)
    assert cuts and all(int(n) > 0 for n, _ in cuts)
    assert "in the HTML report" in text
    assert text.count("in the HTML report") >= len({what for _, what in cuts})


@needs_poppler
@pytest.mark.parametrize("name", PDFS)
def test_every_internal_link_of_the_pdf_lands(built: dict, name: str) -> None:
    objects = _pdf_objects(built[name]["pdf"].read_bytes())
    dests = set(re.findall(rb"/Dests <</Names \[(.*?)\]>>", objects, flags=re.S)[0].split(b"("))
    names = {d.split(b")")[0] for d in dests if b")" in d}
    links = set(re.findall(rb"/Dest \(([^)]*)\)", objects))  # a link's named destination (bookmarks use page arrays)
    assert links and links - names == set()
    if name == "seeds-full":
        assert len(links) > 100  # evidence links into the texts
    else:
        assert not any(link.startswith(b"ev-") for link in links)


@needs_poppler
def test_pdf_has_an_outline_by_section(built: dict) -> None:
    objects = _pdf_objects(built["seeds"]["pdf"].read_bytes())
    assert b"/Outlines" in objects
    titles = re.findall(rb"/Title \((.*?)\)/", objects) + re.findall(rb"/Title <([0-9a-fA-F]+)>", objects)
    assert len(titles) >= 9  # a bookmark per section (h2) and per sub-section (h3)


def _pdf_objects(raw: bytes) -> bytes:
    """The PDF with its compressed streams (object streams included) inflated, for searching."""
    out = [raw]
    for match in re.finditer(rb"stream\r?\n", raw):
        try:
            out.append(zlib.decompressobj().decompress(raw[match.end():match.end() + 2_000_000]))
        except zlib.error:
            continue
    return b"\n".join(out)


@needs_poppler
@pytest.mark.parametrize("name", PDFS)
def test_pdf_page_images_are_not_blank(built: dict, name: str) -> None:
    from PIL import Image, ImageStat

    folder = built[name]["folder"] / "pages"
    folder.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "24", str(built[name]["pdf"]), str(folder / "p")], check=True)
    images = sorted(folder.glob("p-*.png"))
    assert images
    for path in images:
        with Image.open(path) as im:
            grey = im.convert("L")
            assert ImageStat.Stat(grey).stddev[0] > 5, f"{path.name} looks blank"
            assert grey.width < grey.height or name and grey.width > 0


def _chromium(args: list[str]) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=60)


@needs_chromium
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", list(STORIES))
def test_html_fits_the_screen_and_fetches_nothing(built: dict, name: str, width: int) -> None:
    html = built[name]["html"].read_text(encoding="utf-8")
    # Headless windows have a minimum width, so the report is laid out in a frame of the exact width;
    # a srcdoc frame shares the host's origin, so the measuring script can report to it.
    probe = built[name]["folder"] / f"probe-{width}.html"
    framed = html.replace("</body>", MEASURE + "</body>").replace("&", "&amp;").replace('"', "&quot;")
    probe.write_text(f'<!DOCTYPE html><html><body style="margin:0"><iframe width="{width}" height="1500" '
                     f'style="border:0" srcdoc="{framed}"></iframe></body></html>', encoding="utf-8")
    run = _chromium(["--window-size=1400,1600", "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()])
    found = re.search(r'<pre id="measured">(.*?)</pre>', run.stdout, re.S)
    assert found, run.stderr[-2000:]
    measured = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert measured["viewport"] <= width
    assert measured["scroll"] <= measured["viewport"], measured["wide"]
    assert measured["wide"] == []
    assert measured["resources"] == []
    assert len(measured["outlets"]) == len(built[name]["doc"]["articles"])
    assert measured["legend"] >= 3


@needs_chromium
@pytest.mark.parametrize("width", [1280, 390])
def test_html_screenshot_is_not_blank(built: dict, width: int) -> None:
    from PIL import Image, ImageStat

    shot = built["twelve"]["folder"] / f"shot-{width}.png"
    _chromium([f"--window-size={width},1600", f"--screenshot={shot}", built["twelve"]["html"].as_uri()])
    with Image.open(shot) as im:
        assert im.width == width
        assert ImageStat.Stat(im.convert("L")).stddev[0] > 5


def test_html_links_only_to_article_urls(built: dict) -> None:
    for story in built.values():
        html = story["html"].read_text(encoding="utf-8")
        urls = {a["url"] for a in story["doc"]["articles"] if a["url"]}
        for attr, value in re.findall(r'\b(src|href)="(https?://[^"]+)"', html):
            assert attr == "href" and value.replace("&amp;", "&") in urls


def test_scripts_render_in_their_own_direction(built: dict) -> None:
    html = built["twelve"]["html"].read_text(encoding="utf-8")
    arabic = re.search(r'<p dir="auto">(?:<[^>]+>)*قالت', html)
    cyrillic = re.search(r'<p dir="auto">(?:<[^>]+>)*Власти', html)
    assert arabic and cyrillic
    assert '"Noto Naskh Arabic"' in html and '"Noto Sans Arabic"' in html and '"DejaVu Sans"' in html


def _page_texts(pdf: Path) -> list[str]:
    """The text of every page, in reading order (not -layout: a word split over two lines stays visible)."""
    whole = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return whole.split("\f")[:-1] if whole.endswith("\f") else whole.split("\f")


@needs_poppler
@pytest.mark.parametrize("name", PDFS)
def test_no_page_is_nearly_blank(built: dict, name: str) -> None:
    """A page carrying a stray table row or a lone line holds far less text than a typical page.

    Only the page that ends a flow (the last page, or the last before the pages turn landscape) may be
    short, and then it must open with a whole block under its own heading, not a spill of the one before.
    """
    texts = _page_texts(built[name]["pdf"])
    sizes = [len("".join(t.split())) for t in texts]
    typical = sorted(sizes)[len(sizes) // 2]
    html = built[name]["html"].read_text(encoding="utf-8")
    headings = {_flat(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, flags=re.S)}
    ends = _flow_ends(built[name]["pdf"], len(texts))
    for i, (text, n) in enumerate(zip(texts, sizes)):
        if n >= 0.2 * typical:
            continue
        assert i in ends, f"page {i + 1} is nearly blank in mid-flow: {sizes}"
        lines = [_flat(line) for line in text.splitlines() if line.strip()]
        first = lines[2] if len(lines) > 2 else ""  # after the running header: the story's title, the section's
        assert first in headings, f"page {i + 1} is a short spill, not a whole block: {lines[:4]}"


@needs_poppler
def test_no_page_of_the_seed_briefing_is_nearly_blank(built: dict) -> None:
    """The seed briefing has no short page at all, not even where the pages turn landscape or at the end."""
    sizes = [len("".join(t.split())) for t in _page_texts(built["seeds"]["pdf"])]
    typical = sorted(sizes)[len(sizes) // 2]
    assert min(sizes) >= 0.25 * typical, sizes


def _flow_ends(pdf: Path, pages: int) -> set[int]:
    """Indexes of the pages after which the page size changes, and of the last page."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", str(pages), str(pdf)], capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"^Page\s+\d+ size:\s+(.+?) pts", info, flags=re.M)
    return {i for i in range(len(sizes) - 1) if sizes[i] != sizes[i + 1]} | {pages - 1}


@needs_poppler
@pytest.mark.parametrize("name", list(STORIES))
def test_page_one_tells_every_outlets_headline(built: dict, name: str) -> None:
    first = _flat(_page_texts(built[name]["pdf"])[0])
    for article in built[name]["doc"]["articles"]:
        head = article["title"] or next(
            article["text"][b["start"]:b["end"]] for b in article["blocks"] if b["kind"] == "paragraph")
        words = _flat(head).split()[:6]  # the start of a long lede is enough to recognise it
        assert " ".join(words) in first, head
        assert _flat(article["outlet"]["name"]).split()[0] in first


@needs_poppler
@pytest.mark.parametrize("name", list(STORIES))
def test_no_internal_ids_are_shown(built: dict, name: str) -> None:
    doc = built[name]["doc"]
    text = _flat(" ".join(_page_texts(built[name]["pdf"])))
    html = built[name]["html"].read_text(encoding="utf-8")
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S))
    names = [c["name"] for c in doc["frame_categories"] + doc["language_categories"] if "_" in c["name"]]
    assert names
    for category in names:
        assert category not in text and category not in visible, category


@needs_poppler
@pytest.mark.parametrize("name", PDFS)
def test_outlet_names_are_never_broken_inside_a_word(built: dict, name: str) -> None:
    raw = "\f".join(_page_texts(built[name]["pdf"]))
    for article in built[name]["doc"]["articles"]:
        for word in article["outlet"]["name"].split():
            word = word.strip("()")
            for cut in range(2, len(word) - 1):
                broken = re.escape(word[:cut]) + r"-?\n+" + re.escape(word[cut:])
                assert not re.search(broken, raw), f"{word!r} broken as {word[:cut]}|{word[cut:]}"
