"""Hostile and broken input: every case gives a correct report or a clear error, never a crash or a leak.

The corpus is ``tests/hostile/`` (its README lists each case and the expected outcome). Each case is
copied to a temporary folder before it runs, so nothing is ever written into the checkout. Links,
pipes and large folders cannot live in git and are made here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from framing.report import render
from framing.cli import app
from framing.clean import clean
from framing.errors import InputError, LexiconError, ManifestError
from framing.lexicon.format import load_lexicon
from framing.load import LoadOptions, load_story
from framing.lexicon.matcher import Matcher
from framing.api import analyse_path

HOSTILE = Path(__file__).resolve().parent / "hostile"
runner = CliRunner()
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u00ad]")


def story(tmp_path: Path, case: str) -> Path:
    """A private copy of one corpus case."""
    target = tmp_path / case
    shutil.copytree(HOSTILE / case, target)
    return target


def invoke(*args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args])


# -- what every analysis must satisfy ------------------------------------------------------------


def _span_dicts(node: Any) -> list[dict[str, Any]]:
    out = []
    if isinstance(node, dict):
        if {"article", "start", "end", "text"} <= node.keys():
            out.append(node)
        for value in node.values():
            out.extend(_span_dicts(value))
    elif isinstance(node, list):
        for value in node:
            out.extend(_span_dicts(value))
    return out


def assert_sound(doc: dict[str, Any]) -> None:
    """Every evidence span indexes its article's cleaned text, and that text has no control characters."""
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    for article in doc["articles"]:
        text = article["text"]
        assert not CONTROL_RE.search(text), f"{article['id']}: control character in the cleaned text"
        for block in article["blocks"]:
            assert 0 <= block["start"] <= block["end"] <= len(text)
        for m in article["matches"]:
            assert text[m["start"]:m["end"]] == m["text"]
        for q in article["quotes"]:
            assert text[q["start"]:q["end"]] == q["text"]
        for label in article["labels"]:
            assert 0 <= label["start"] < label["end"] <= len(text)
            assert text[label["start"]:label["end"]] == label["text"]
    spans = _span_dicts(doc)
    for span in spans:
        assert texts[span["article"]][span["start"]:span["end"]] == span["text"]


# -- the table of folder cases: files → exit code, skipped reasons, message ---------------------


@dataclass(frozen=True)
class Case:
    case: str
    args: tuple[str, ...] = ()
    exit_code: int = 0
    skipped: dict[str, str] = field(default_factory=dict)  # file name → start of the reason
    stderr: str = ""  # a piece of the one-line error or a warning
    present: tuple[str, ...] = ()  # literal text the cleaned articles must contain


CASES = [
    Case("encodings", present=("café near the président's résumé", "Министр иностранных дел", "وزير الخارجية", "said “on Tuesday”")),
    Case("line-ends", present=("Officials from both countries",)),
    Case("controls", present=("The foreign minister said on Tuesday", "the capital had gone well", "spokesman said")),
    Case("binary", skipped={"photo.txt": "looks binary, not text"}),
    Case("empty", skipped={"empty.txt": "is empty; remove it or fill it", "blank.md": "has no text"}),
    Case("undecodable", skipped={"unknown.txt": "is in an unknown encoding; name it with --encoding"}),
    Case("undecodable", args=("--strict",), exit_code=1, stderr="unknown.txt: is in an unknown encoding; name it with --encoding"),
    Case("encodings", args=("--encoding", "ascii"), exit_code=1, stderr="is not valid ascii"),
    Case("encodings", args=("--encoding", "klingon"), exit_code=2, stderr="unknown encoding 'klingon'"),
    Case("too-big", args=("--max-bytes", "1000"), skipped={"big.txt": "is 5,460 bytes, over the limit of 1,000; raise it with --max-bytes"}),
    Case("too-big", args=("--max-bytes", "1000", "--strict"), exit_code=1, stderr="big.txt: is 5,460 bytes, over the limit of 1,000"),
    Case("skipped", skipped={"empty.txt": "is empty", "photo.txt": "looks binary"}),
    Case("skipped", args=("--strict",), exit_code=1, stderr="empty.txt: is empty; remove it or fill it"),
    Case("markup", present=("<script>alert('body')</script>", "{{ 7*7 }}", "{% for x in range(3) %}", "onerror=alert(2)")),
    Case("manifest-traversal", exit_code=1, stderr="manifest.toml:7: file must be a plain file name inside the story folder"),
    Case("manifest-absolute", exit_code=1, stderr="manifest.toml:1: file must be a plain file name inside the story folder"),
    Case("manifest-bad", exit_code=1, stderr="manifest.toml:4: outlet must be a string (quote it)"),
    Case("lexicon-outside", exit_code=1, stderr="lexicon '../../../../etc/passwd' is not a file inside the story folder"),
    Case("lexicon-bad", exit_code=1, stderr="lexicon.toml:7: in 'loaded', a phrase is empty or has no letters"),
    Case("wide-no-bom", present=("café near the président's résumé",)),
    Case("mixed-encoding", stderr="mixed.txt: mixes encodings (cp1252 on line 3, UTF-8 elsewhere)",
         present=("the café talks had gone well", "the président's résumé of the talks")),
    Case("cjk", present=("首都的会谈进展顺利", "両国の当局者は来月再び会うことで合意した")),
    Case("bidi", present=("the talks had gone llew and would continue", "a spokesman said quietly.")),
    Case("lookalike-outlets", stderr="outlets 'Capital Post' and 'C\u0430pit\u0430l Post' look alike"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.case}{''.join(c.args)}")
def test_folder_case(tmp_path: Path, case: Case) -> None:
    folder = story(tmp_path, case.case)
    result = invoke("analyze", folder, *case.args)
    assert result.exit_code == case.exit_code, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert case.stderr in result.stderr
    if case.exit_code:
        assert result.stderr.startswith("framing: error: ") and result.stderr.count("\n") == 1
        return
    doc = json.loads(result.stdout)
    assert_sound(doc)
    assert {Path(s["path"]).name: s["reason"] for s in doc["skipped"]}.keys() == case.skipped.keys()
    for s in doc["skipped"]:
        assert s["reason"].startswith(case.skipped[Path(s["path"]).name])
    body = "\n".join(a["text"] for a in doc["articles"])
    for literal in case.present:
        assert literal in body


ENCODINGS = [
    ("utf8.txt", "utf-8"),
    ("utf8-bom.txt", "utf-8-sig"),
    ("utf16-bom.txt", "utf-16"),
    ("cp1252.txt", "cp1252"),
    ("latin1.txt", "cp1252"),  # Latin-1 text is read by its superset
    ("cp1251-russian.txt", "cp1251"),
    ("koi8r-russian.txt", "koi8_r"),
    ("cp1256-arabic.txt", "cp1256"),
]
@pytest.mark.parametrize(("name", "encoding"), ENCODINGS)
def test_each_encoding_decodes_to_the_original_text(name: str, encoding: str) -> None:
    raw = next(a for a in load_story(HOSTILE / "encodings").articles if Path(a.source.path).name == name)
    assert raw.source.encoding == encoding
    original = (HOSTILE / "encodings" / name).read_bytes().decode(encoding)
    assert raw.text == original and "\ufeff" not in raw.text
    assert "�" not in raw.text


@pytest.mark.parametrize("name", ["crlf.txt", "cr.txt", "mixed.txt"])
def test_line_ends_give_the_same_article(name: str) -> None:
    articles = {Path(a.source.path).name: clean(a) for a in load_story(HOSTILE / "line-ends").articles}
    reference = clean(next(a for a in load_story(HOSTILE / "encodings").articles if a.id == "utf8"))
    assert articles[name].text == reference.text and "\r" not in articles[name].text
    assert articles[name].blocks == reference.blocks


def test_control_characters_are_dropped_before_offsets_are_taken() -> None:
    raw = next(a for a in load_story(HOSTILE / "controls").articles if a.id == "controls")
    assert "\x00" in raw.text  # the loader keeps the input as it is; the cleaner drops what cannot be shown
    article = clean(raw)
    assert not CONTROL_RE.search(article.text)
    assert article.text.startswith("The foreign minister said on Tuesday that the talks in the capital had gone well")
    doc = analyse_path(HOSTILE / "controls").document
    assert_sound(doc)
    matched = {m["text"] for a in doc["articles"] if a["id"] == "controls" for m in a["matches"]}
    assert "foreign minister" in matched  # the zero-width space inside "foreign\u200b minister" did not split it


# -- markup and template syntax in content -------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.links: list[dict[str, str | None]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend((tag, k, v) for k, v in attrs)
        if tag == "a":
            self.links.append(dict(attrs))

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def assert_inert(html: str) -> _Page:
    """The report's own single inline script and style, no handler, no foreign element, only http(s) links."""
    page = parse(html)
    assert page.tags.count("script") == 1
    assert page.tags.count("style") == 1
    assert not {"img", "iframe", "object", "embed", "link", "base", "form", "frame"} & set(page.tags)
    assert [a for a in page.attrs if a[1].lower().startswith("on")] == []
    for link in page.links:
        href = (link.get("href") or "").strip()
        assert href.startswith(("#", "http://", "https://")), href
        if not href.startswith("#"):
            assert {"noopener", "noreferrer"} <= set((link.get("rel") or "").split()), link
    assert "javascript:" not in " ".join(v or "" for _, k, v in page.attrs if k in ("href", "src", "action"))
    return page


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


MARKUP = [
    ("markup", ("<script>alert('body')</script>", "{{ 7*7 }}", "{% for x in range(3) %}again{% endfor %}",
                "<img src=x onerror=alert(2)>", "</style><style>body{display:none}</style>",
                '<a href="javascript:alert(3)" onclick="alert(4)">this link</a>')),
    ("manifest-markup", ("<script>alert('title')</script> {{ 7*7 }} talks", "<script>alert('outlet')</script>{{ 7*7 }}",
                         "<b onclick=alert(1)>Head</b> {% raw %}line", "javascript:alert('url')", "Plain </style> News")),
    ("html-page", ("<script>alert('text')</script>", "{{ 7*7 }}", "The <script>alert(1)</script> Gazette")),
]


@pytest.mark.parametrize(("case", "literals"), MARKUP, ids=[m[0] for m in MARKUP])
def test_markup_is_shown_literally_and_nothing_runs(tmp_path: Path, case: str, literals: tuple[str, ...]) -> None:
    out = tmp_path / "out"
    # The full PDF prints the texts (the default briefing quotes only a few of their words).
    result = invoke("report", story(tmp_path, case), "--out", out, "--format", "all", "--pdf", "full")
    assert result.exit_code == 0, result.stderr
    html_file = next(out.glob("*.html"))
    html = html_file.read_text("utf-8")
    page = assert_inert(html)
    shown = "".join(page.data)
    pdf_text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(html_file.with_suffix(".pdf")), "-"],
                              capture_output=True, text=True, check=True).stdout
    for literal in literals:
        assert literal in shown, literal
        assert squash(literal) in squash(pdf_text), literal
    for evaluated in ("minister 49 said", "49 talks", "}}49", "againagainagain"):
        assert evaluated not in shown and evaluated not in pdf_text


def test_jsonl_fields_are_escaped_and_bad_lines_skipped(tmp_path: Path) -> None:
    path = story(tmp_path, "jsonl") / "story.jsonl"
    out = tmp_path / "out"
    result = invoke("report", path, "--out", out, "--format", "html")
    assert result.exit_code == 0, result.stderr
    (written,) = out.glob("*.html")  # titled after the headlines: the file name is their slug
    page = assert_inert(written.read_text("utf-8"))
    shown = "".join(page.data)
    for literal in ("<script>alert('j')</script>", "{{ 7*7 }} and {% if 1 %}x{% endif %}", "<script>alert('jsonl')</script>"):
        assert literal in shown
    assert {link["href"] for link in page.links if not link["href"].startswith("#")} == {"https://beta.example/x"}
    for line, reason in (("3", "is not a JSON object"), ("4", "is not a JSON object"), ("5", "has no text")):
        assert f"story.jsonl:{line}" in shown and reason in shown


# -- no fetching ---------------------------------------------------------------------------------


class _Listener:
    """A TCP listener on a free local port that counts connections and stops by itself."""

    def __init__(self, seconds: float = 60.0) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._deadline = time.monotonic() + seconds
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set() and time.monotonic() < self._deadline:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def fetchers(monkeypatch: pytest.MonkeyPatch) -> list[render._Fetcher]:
    """Every URL fetcher the renderer makes, to read what it refused."""
    made: list[render._Fetcher] = []

    class Recording(render._Fetcher):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(render, "_Fetcher", Recording)
    return made


def test_user_template_cannot_read_files_or_call_out(tmp_path: Path, fetchers: list[render._Fetcher]) -> None:
    listener = _Listener()
    try:
        templates = tmp_path / "templates"
        templates.mkdir()
        source = (HOSTILE / "templates-fetch" / "templates" / "report.html.j2").read_text("utf-8")
        (templates / "report.html.j2").write_text(source.replace("PORT", str(listener.port)), "utf-8")
        document = analyse_path(HOSTILE / "templates-fetch" / "story").document
        pdf = render.render_pdf(document, templates=templates)
        time.sleep(0.3)
    finally:
        listener.close()
    assert listener.connections == 0
    refused = fetchers[0].refused
    assert "file:///etc/passwd" in refused
    assert f"http://127.0.0.1:{listener.port}/x.png" in refused
    assert not [u for u in refused if not u.startswith(("file:", "http:"))]
    target = tmp_path / "r.pdf"
    target.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Hostile template" in text and "root:" not in text
    attachments = subprocess.run(["pdfdetach", "-list", str(target)], capture_output=True, text=True, check=True).stdout
    assert attachments.startswith("0 embedded files")
    passwd = Path("/etc/passwd").read_bytes()[:40]
    assert passwd not in pdf


def test_article_pointing_at_files_and_hosts_makes_the_pdf_fetch_nothing(
    tmp_path: Path, fetchers: list[render._Fetcher]
) -> None:
    listener = _Listener()
    try:
        folder = story(tmp_path, "html-page")
        page = folder / "page.html"
        page.write_text(page.read_text("utf-8").replace("127.0.0.1:9", f"127.0.0.1:{listener.port}"), "utf-8")
        (folder / "plain.txt").write_text(
            (folder / "plain.txt").read_text() + f'\n<img src="http://127.0.0.1:{listener.port}/a.png"> url(file:///etc/passwd)\n'
        )
        result = invoke("report", folder, "--out", tmp_path / "out", "--format", "pdf")
        time.sleep(0.3)
    finally:
        listener.close()
    assert result.exit_code == 0, result.stderr
    assert listener.connections == 0
    assert [u for f in fetchers for u in f.refused] == []  # escaped text asks for nothing at all


# -- paths ---------------------------------------------------------------------------------------


def test_article_symlink_outside_the_folder_is_skipped(tmp_path: Path) -> None:
    folder = story(tmp_path, "skipped")
    secret = tmp_path / "secret.txt"
    secret.write_text("The secret plan said the talks would fail. Nobody outside may read this line.\n")
    (folder / "leak.txt").symlink_to(secret)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    result = invoke("analyze", folder)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    reasons = {Path(s["path"]).name: s["reason"] for s in doc["skipped"]}
    assert reasons["leak.txt"] == reasons["passwd.txt"] == "links outside the story folder; copy the file into the folder instead"
    assert "secret plan" not in result.stdout and "root:" not in result.stdout


def test_story_lexicon_symlinked_from_outside_is_refused(tmp_path: Path) -> None:
    folder = story(tmp_path, "skipped")
    outside = tmp_path / "private.toml"
    shutil.copy(HOSTILE / "lexicon-bad" / "lexicon.toml", outside)
    (folder / "lexicon.toml").symlink_to(outside)
    with pytest.raises(LexiconError, match="lexicon.toml: links outside the story folder"):
        load_story(folder)
    result = invoke("analyze", folder)
    assert result.exit_code == 1 and "links outside the story folder" in result.stderr


def test_manifest_symlinked_from_outside_is_refused(tmp_path: Path) -> None:
    folder = story(tmp_path, "skipped")
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('[story]\ntitle = "Not mine"\n')
    (folder / "manifest.toml").symlink_to(outside)
    with pytest.raises(ManifestError, match="manifest.toml: links outside the story folder"):
        load_story(folder)


def test_a_pipe_named_like_an_article_is_skipped_not_waited_on(tmp_path: Path) -> None:
    folder = story(tmp_path, "skipped")
    os.mkfifo(folder / "pipe.txt")
    loaded: list[Any] = []
    worker = threading.Thread(target=lambda: loaded.append(load_story(folder)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert loaded, "loading blocked on a named pipe"
    assert {Path(s.path).name: s.reason for s in loaded[0].skipped}["pipe.txt"] == "is not a regular file; give a plain article file"


def test_report_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    folder = story(tmp_path, "report-over-input")
    before = (folder / "over-input.html").read_bytes()
    result = invoke("report", folder, "--out", folder, "--format", "html")
    assert result.exit_code == 2
    assert result.stderr == (
        f"framing: error: {folder}: is inside the story folder, so the next run would read the report as an article;"
        f" choose an --out folder outside {folder}\n"
    )
    assert (folder / "over-input.html").read_bytes() == before



def test_report_refuses_to_overwrite_a_skipped_input(tmp_path: Path) -> None:
    folder = story(tmp_path, "report-over-input")
    shutil.copy(HOSTILE / "binary" / "photo.txt", folder / "over-input.html")
    before = (folder / "over-input.html").read_bytes()
    result = invoke("report", folder, "--out", folder, "--format", "html")
    assert (folder / "over-input.html").read_bytes() == before
    assert result.exit_code == 2 and "is inside the story folder" in result.stderr


def test_analysis_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    folder = story(tmp_path, "skipped")
    before = (folder / "good.txt").read_bytes()
    result = invoke("analyze", folder, "--out", folder / "good.txt")
    assert result.exit_code == 1 and "is one of the inputs" in result.stderr
    assert (folder / "good.txt").read_bytes() == before


def test_titles_become_slugs_and_symlinks_in_out_are_replaced(tmp_path: Path) -> None:
    folder = story(tmp_path, "skipped")
    (folder / "manifest.toml").write_text('[story]\ntitle = "../../../etc/passwd"\nslug = "/tmp/../../evil"\n')
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.html"
    victim.write_text("keep me")
    (out / "tmp-evil.html").symlink_to(victim)
    result = invoke("report", folder, "--out", out, "--format", "html")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(out / "tmp-evil.html")
    assert victim.read_text() == "keep me"
    assert sorted(p.name for p in out.iterdir()) == ["tmp-evil.html"] and not (out / "tmp-evil.html").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "skipped", "victim.html"]


def test_interrupted_run_leaves_the_previous_report_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = story(tmp_path, "skipped")
    out = tmp_path / "out"
    assert invoke("report", folder, "--out", out, "--format", "html").exit_code == 0
    report = next(out.iterdir())
    previous = report.read_bytes()
    (folder / "good.txt").write_text((folder / "good.txt").read_text().replace("spokesman", "spokeswoman"))

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    result = invoke("report", folder, "--out", out, "--format", "html")
    assert result.exit_code == 130 and "nothing was half-written" in result.stderr
    assert report.read_bytes() == previous
    assert list(out.iterdir()) == [report]


# -- limits --------------------------------------------------------------------------------------


def test_two_thousand_tiny_articles_load_and_clean(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(2000):
        (folder / f"a{i:04d}.txt").write_text(f"Outlet {i} said the talks went well on day {i}. Officials agreed to meet again.\n")
    loaded = load_story(folder)
    articles = [clean(raw) for raw in loaded.articles]
    assert len(articles) == 2000 and all(a.text for a in articles)



MOODS = ("well", "badly", "nowhere")
PLACES = ("capital", "harbour", "desert", "mountains")


def test_analysis_evidence_grows_linearly_with_the_number_of_articles() -> None:
    from framing.analyse.lenses.logodds import fightin_words
    from tests.conftest import make_article

    def evidence(n: int) -> int:
        articles = [
            make_article(f"Outlet {i} said the talks went {MOODS[i % 3]} and the officials agreed to meet again in the "
                         f"{PLACES[i % 4]}. The {PLACES[i % 4]} talks went {MOODS[i % 3]}.",
                         id=f"a{i}", outlet=f"O{i}")
            for i in range(n)
        ]
        result = fightin_words(articles)
        return sum(len(t.spans) for g in result.groups for t in (*g.over, *g.under))

    small, large = evidence(40), evidence(80)
    assert 0 < small and large < 3 * small


def _big_lexicon(path: Path, phrases: int, bad_at: int | None = None) -> list[str]:
    words = [f"{a}{b}{c}" for a in "bcdfgh" for b in "aeiou" for c in "klmnprstvz"]
    listed = [f"{words[i % len(words)]} {words[(i * 7 + 3) % len(words)]} {i:05d}x" for i in range(phrases)]
    lines = ["[lexicon]", 'name = "big"', "", "[categories.loaded]", 'kind = "language"', 'source = "generated"', "phrases = ["]
    for i, phrase in enumerate(listed):
        lines.append('  "",' if i == bad_at else f'  "{phrase}",')
    lines.append("]")
    path.write_text("\n".join(lines) + "\n")
    return listed


def test_lexicon_with_thousands_of_phrases_loads_and_matches(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    listed = _big_lexicon(path, 5000)
    lexicon = load_lexicon(path)
    matcher = Matcher(lexicon)
    text = "The minister said " + " and ".join(listed[::250]) + ". Nothing else here."
    matches = matcher.find(text, "a")
    assert len(lexicon.entries) == 5000
    assert sorted(m.phrase for m in matches) == sorted(listed[::250])
    assert all(text[m.span.start:m.span.end] == m.span.text for m in matches)


def test_error_in_a_big_lexicon_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    _big_lexicon(path, 5000, bad_at=4321)
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert str(info.value).startswith(f"{path}:{8 + 4321}: in 'loaded', a phrase is empty")


def test_pathological_text_and_prefix_phrases_cannot_backtrack(tmp_path: Path) -> None:
    path = tmp_path / "prefixes.toml"
    chains = [" ".join(["a"] * n) for n in range(1, 13)] + [" ".join(["a"] * n) + "*" for n in range(1, 12)]
    prefixes = ["a" * n + "*" for n in range(1, 40)] + ["(a+)+b", "a{1,99}"]
    path.write_text('[lexicon]\nname = "p"\n\n[categories.loaded]\nkind = "language"\nsource = "t"\nphrases = [\n'
                    + "".join(f'  "{p}",\n' for p in chains + prefixes) + "]\n")
    matcher = Matcher(load_lexicon(path))
    text = "a " * 100_000 + "b"
    matches = matcher.find(text, "x")  # the matcher is a trie walk: no regex, nothing to backtrack
    assert matches and all(text[m.span.start:m.span.end] == m.span.text for m in matches)


# -- errors, exit codes and the list of skipped inputs ------------------------------------------


def test_report_lists_skipped_inputs_and_why(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("report", story(tmp_path, "skipped"), "--out", out, "--format", "html")
    assert result.exit_code == 0, result.stderr
    shown = " ".join("".join(parse(next(out.glob("*.html")).read_text("utf-8")).data).split())
    for name, reason in (("empty.txt", "is empty; remove it or fill it"), ("photo.txt", "looks binary, not text")):
        assert name in shown and reason in shown


def test_debug_shows_the_traceback_and_default_does_not(tmp_path: Path) -> None:
    folder = story(tmp_path, "skipped")
    quiet = invoke("analyze", folder, "--strict")
    assert quiet.exit_code == 1 and quiet.exception is None or isinstance(quiet.exception, SystemExit)
    loud = invoke("analyze", folder, "--strict", "--debug")
    assert isinstance(loud.exception, InputError)


def test_unexpected_failure_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import framing.api

    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(framing.api.Pipeline, "analyse_path", boom)
    result = invoke("analyze", story(tmp_path, "skipped"))
    assert result.exit_code == 1
    assert result.stderr == "framing: internal error: RuntimeError: boom (run again with --debug and report it)\n"


def test_forced_encoding_names_the_file_and_the_option(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"cp1251-russian.txt: is not valid ascii .*; try another --encoding"):
        load_story(HOSTILE / "encodings", LoadOptions(encoding="ascii", strict=True))


# -- rendering, output and CLI -------------------------------------------------------------------


def _hostile_templates(tmp_path: Path, payload: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "report.html.j2").write_text('{% extends "base.html.j2" %}\n{% block masthead %}' + payload + "{% endblock %}\n", "utf-8")
    return folder


def _report_with(tmp_path: Path, payload: str) -> Any:
    templates = _hostile_templates(tmp_path, payload)
    return invoke("report", story(tmp_path, "skipped"), "--out", tmp_path / "out", "--format", "html", "--templates", templates)


def test_template_payload_that_runs_a_command_fails_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    result = _report_with(tmp_path, "{{ cycler.__init__.__globals__.os.popen('touch " + str(marker) + "').read() }}")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(f"framing: error: {tmp_path / 'templates' / 'report.html.j2'}:2: template failed: ")
    assert result.stderr.count("framing: error:") == 1 and "Traceback" not in result.stderr
    assert not marker.exists() and not (tmp_path / "out").exists()


def test_template_payload_that_reads_a_file_fails_and_shows_nothing(tmp_path: Path) -> None:
    result = _report_with(tmp_path, "{{ lipsum.__globals__['__builtins__']['open']('/etc/passwd').read() }}")
    assert result.exit_code == 1
    assert "template failed" in result.stderr and "root:" not in result.stderr + result.stdout
    assert not (tmp_path / "out").exists()


def test_template_payload_that_calls_out_fails_and_connects_nowhere(tmp_path: Path) -> None:
    listener = _Listener()
    try:
        url = f"http://127.0.0.1:{listener.port}/leak"
        result = _report_with(
            tmp_path, "{{ lipsum.__globals__.__builtins__.__import__('urllib.request').request.urlopen('" + url + "').read() }}"
        )
        time.sleep(0.3)
    finally:
        listener.close()
    assert result.exit_code == 1 and "template failed" in result.stderr
    assert listener.connections == 0
    assert not (tmp_path / "out").exists()


def test_skipped_hostile_inputs_are_each_named_on_the_terminal(tmp_path: Path) -> None:
    folder = story(tmp_path, "skipped")
    result = invoke("analyze", folder)
    assert result.exit_code == 0
    skipped = sorted(line for line in result.stderr.splitlines() if line.startswith("framing: skipped "))
    assert skipped == [
        f"framing: skipped {folder / 'empty.txt'}: is empty; remove it or fill it",
        f"framing: skipped {folder / 'photo.txt'}: looks binary, not text; give .txt, .md or .html articles",
    ]


def test_analysis_out_on_a_device_leaves_the_device(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    result = invoke("analyze", story(tmp_path, "skipped"), "--out", pipe)
    assert result.exit_code == 1 and "is not a regular file" in result.stderr
    assert not pipe.is_file() and pipe.exists()


# -- round two: what must not pass into the report unseen ----------------------------------------

BIDI_RE = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def test_bidi_controls_reach_neither_text_nor_names(tmp_path: Path) -> None:
    result = invoke("analyze", story(tmp_path, "bidi"))
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert not BIDI_RE.search(json.dumps(doc, ensure_ascii=False))
    override = next(a for a in doc["articles"] if a["id"] == "override")
    assert (override["outlet"]["name"], override["title"]) == ("The enoZ Daily", "Talks deliaf in the capital")


def test_lookalike_outlets_are_normalised_or_warned(tmp_path: Path) -> None:
    result = invoke("analyze", story(tmp_path, "lookalike-outlets"))
    doc = json.loads(result.stdout)
    names = {a["id"]: a["outlet"]["name"] for a in doc["articles"]}
    assert names == {"latin": "Capital Post", "zero-width": "Capital Post", "fullwidth": "Capital Post",
                     "cyrillic": "C\u0430pit\u0430l Post"}
    assert [w for w in doc["warnings"] if "look alike" in w] == [
        "lookalike-outlets: outlets 'Capital Post' and 'C\u0430pit\u0430l Post' look alike but are spelled with "
        "different letters (Latin vs Cyrillic+Latin); spell one outlet the same way everywhere, or rename one of two outlets"
    ]


def _no_constants(name: str) -> None:
    raise AssertionError(f"bare {name} in the output")


def test_broken_json_lines_are_skipped_with_reasons_and_nan_is_null(tmp_path: Path) -> None:
    path = story(tmp_path, "jsonl-broken") / "story.jsonl"
    result = invoke("analyze", path)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout, parse_constant=_no_constants)
    assert_sound(doc)
    assert {s["path"]: s["reason"] for s in doc["skipped"]} == {
        "story.jsonl:2": "'text' holds a lone surrogate (\\udc00), which is not text; fix the \\u escape in the input",
        "story.jsonl:4": "nests too deeply to read; flatten its metadata",
        "story.jsonl:5": "nests 41 levels deep, over the limit of 32; flatten its metadata",
    }
    by_outlet = {a["outlet"]["name"]: a for a in doc["articles"]}
    assert sorted(by_outlet) == ["Lines", "Numbers"]
    assert by_outlet["Lines"]["outlet"]["lean"] == "centre"
    assert by_outlet["Lines"]["text"].endswith("Second line  third fourth.")  # one record, not four broken lines
    assert "story.jsonl:3: range, score held NaN or Infinity, which JSON cannot carry; read as null" in doc["warnings"]


def test_an_article_symlink_loop_is_skipped(tmp_path: Path) -> None:
    folder = story(tmp_path, "skipped")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    result = invoke("analyze", folder)
    assert result.exit_code == 0, result.stderr
    reasons = {Path(s["path"]).name: s["reason"] for s in json.loads(result.stdout)["skipped"]}
    assert reasons["loop.txt"] == "is a symbolic link that loops back on itself; remove the link"


def test_a_report_written_into_the_story_folder_is_not_read_back(tmp_path: Path) -> None:
    folder = story(tmp_path, "skipped")
    before = json.loads(invoke("analyze", folder).stdout)
    result = invoke("report", folder, "--out", tmp_path / "out", "--format", "html")
    assert result.exit_code == 0, result.stderr
    written = Path(result.stdout.strip())
    report = folder / written.name  # copied in by hand: framing itself refuses to write inside the story
    report.write_bytes(written.read_bytes())
    after = json.loads(invoke("analyze", folder).stdout)
    assert [a["id"] for a in after["articles"]] == [a["id"] for a in before["articles"]]
    assert {Path(s["path"]).name: s["reason"] for s in after["skipped"]}[report.name] == (
        "is a report framing wrote, not an article; move it out of the story folder "
        "(write reports with --out to another folder)"
    )


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_lexicon_that_is_no_regular_file_is_refused_at_once(tmp_path: Path, special: str) -> None:
    folder = story(tmp_path, "skipped")
    lexicon = Path(special)
    if special == "fifo":
        lexicon = tmp_path / "lexicon-pipe.toml"
        os.mkfifo(lexicon)
    results: list[Any] = []
    worker = threading.Thread(target=lambda: results.append(invoke("analyze", folder, "--lexicon", lexicon)), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert results, "reading the lexicon blocked"
    assert results[0].exit_code == 1
    assert results[0].stderr == f"framing: error: {lexicon}: is not a regular file; give a lexicon .toml file\n"


def test_a_lexicon_nested_too_deep_is_one_lexicon_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text('[lexicon]\nname = "deep"\nx = ' + "[" * 50_000 + "]" * 50_000 + "\n")
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert str(info.value) == f"{path}: nests arrays or tables too deeply to read; flatten it"
