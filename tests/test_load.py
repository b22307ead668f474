"""Loading stories: folders with manifests, JSON Lines, web pages, encodings and bad inputs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from framing.errors import InputError, ManifestError, UsageError
from framing.load import LoadOptions, load_story

BODY = "The minister said the talks went well. Officials agreed to meet again next week in the capital.\n"


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_seed_manifest_describes_every_file(seeds_dir: Path) -> None:
    story = load_story(seeds_dir)
    assert story.slug == "russia-syria-delegation-2025-01"
    assert [a.id for a in story.articles] == ["almayadeen", "rt", "asharq", "breitbart", "devdiscourse"]
    assert story.warnings == () and story.skipped == ()
    by_id = {a.id: a for a in story.articles}
    assert by_id["almayadeen"].outlet.evidence == "inferred"
    assert by_id["almayadeen"].outlet.display == "Al Mayadeen English (inferred)"
    assert by_id["rt"].outlet.display == "RT"
    assert by_id["rt"].published == "2025-01-29T00:38"
    assert by_id["asharq"].published is None and "preview" in by_id["asharq"].published_note
    assert story.lexicon_paths == (str(seeds_dir / "lexicon.toml"),)


def test_seed_hashes_are_of_the_unchanged_files(seeds_dir: Path) -> None:
    story = load_story(seeds_dir)
    for article in story.articles:
        data = Path(article.source.path).read_bytes()
        assert article.source.sha256 == hashlib.sha256(data).hexdigest()
        assert article.text == data.decode("utf-8")


def test_folder_without_manifest_names_outlets_after_files(tmp_path: Path) -> None:
    write(tmp_path, "daily-planet.txt", BODY)
    write(tmp_path, "notes.toml", "not an article")
    story = load_story(tmp_path)
    assert [(a.id, a.outlet.name, a.outlet.evidence) for a in story.articles] == [("daily-planet", "daily-planet", "unknown")]
    assert any("no manifest.toml" in w for w in story.warnings)


def test_file_missing_from_manifest_loads_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "b.txt", BODY)
    write(tmp_path, "manifest.toml", '[[articles]]\nfile = "a.txt"\noutlet = "Alpha"\n')
    story = load_story(tmp_path)
    assert [a.outlet.name for a in story.articles] == ["Alpha", "b"]
    assert any("b.txt: not in the manifest" in w for w in story.warnings)
    from framing.api import analyse_path

    assert analyse_path(tmp_path).document["warnings"] == ["b.txt: not in the manifest; its outlet is named after the file"]


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("[[articles]\nfile = 1", "is not valid TOML"),
        ('[[articles]]\noutlet = "X"\n', "needs file ="),
        ('[[articles]]\nfile = "a.txt"\ncolour = "red"\n', "unknown key 'colour'"),
        ('[[articles]]\nfile = "a.txt"\noutlet_evidence = "guessed"\n', "outlet_evidence must be one of"),
        ('[[articles]]\nfile = "../a.txt"\n', "plain file name"),
        ('[story]\nlexicon = "../../etc/passwd"\n', "not a file inside the story folder"),
        ('[story]\nlexicon = 5\n', "must be a file name or a list of them"),
    ],
)
def test_malformed_manifest_names_file_and_fix(tmp_path: Path, manifest: str, message: str) -> None:
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "manifest.toml", manifest)
    with pytest.raises(ManifestError, match=message) as info:
        load_story(tmp_path)
    assert str(tmp_path / "manifest.toml") in str(info.value)


def test_manifest_error_gives_the_line(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "manifest.toml", '[story]\ntitle = "T"\n\n[[articles]]\nfile = "a.txt"\n\n[[articles]]\nfile = "a.txt"\n')
    with pytest.raises(ManifestError, match=r"manifest.toml:7: 'a.txt' is listed twice"):
        load_story(tmp_path)


def test_missing_path_and_empty_folder_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or folder") as info:
        load_story(tmp_path / "nope")
    assert info.value.exit_code == 2
    with pytest.raises(UsageError, match="no article files"):
        load_story(tmp_path)


def test_bad_files_are_skipped_with_reasons_and_strict_stops(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", BODY)
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 2)
    write(tmp_path, "big.txt", "word " * 400)
    story = load_story(tmp_path, LoadOptions(max_bytes=1000))
    assert [a.id for a in story.articles] == ["good"]
    reasons = {Path(s.path).name: s.reason for s in story.skipped}
    assert reasons["empty.txt"].startswith("is empty")
    assert reasons["binary.txt"].startswith("looks binary")
    assert "over the limit of 1,000" in reasons["big.txt"] and "--max-bytes" in reasons["big.txt"]
    with pytest.raises(InputError, match="big.txt: is 2,000 bytes"):
        load_story(tmp_path, LoadOptions(max_bytes=1000, strict=True))


def test_all_inputs_bad_is_a_data_error(tmp_path: Path) -> None:
    write(tmp_path, "empty.txt", b"   \n")
    with pytest.raises(InputError, match="no usable article") as info:
        load_story(tmp_path)
    assert info.value.exit_code == 1


@pytest.mark.parametrize(
    ("text", "encoding", "detected"),
    [
        ("Café — “quoted” naïve résumé of the président's remarks.", "utf-8-sig", "utf-8-sig"),
        ("Café — “quoted” naïve résumé of the président's remarks.", "utf-16", "utf-16"),
        ("Café au lait — “quoted” naïve résumé of the président's remarks at the summit.", "cp1252", "cp1252"),
        ("Министр иностранных дел заявил журналистам, что переговоры прошли успешно.", "cp1251", "cp1251"),
        ("Министр иностранных дел заявил журналистам, что переговоры прошли успешно.", "koi8_r", "koi8_r"),
        ("قال وزير الخارجية للصحفيين إن المحادثات كانت ناجحة وإن الجانبين اتفقا على اللقاء", "cp1256", "cp1256"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, text: str, encoding: str, detected: str) -> None:
    write(tmp_path, "a.txt", text.encode(encoding))
    article = load_story(tmp_path).articles[0]
    assert article.text == text
    assert article.source.encoding == detected


def test_forced_encoding_and_unknown_encoding(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Ça va très bien, merci beaucoup.".encode("latin-1"))
    assert load_story(tmp_path, LoadOptions(encoding="latin-1")).articles[0].text == "Ça va très bien, merci beaucoup."
    with pytest.raises(UsageError, match="unknown encoding 'klingon'"):
        load_story(tmp_path, LoadOptions(encoding="klingon"))
    with pytest.raises(InputError, match="is not valid ascii"):
        load_story(tmp_path, LoadOptions(encoding="ascii", strict=True))


def test_jsonl_keeps_unknown_keys_and_skips_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"outlet": "Alpha", "title": "T1", "published": "2021-10-18", "url": "https://a.example/1",
                    "language": "en", "text": BODY, "side": "left"}),
        "{not json",
        json.dumps({"outlet": "Beta", "text": ""}),
        json.dumps({"outlet": "Gamma", "text": BODY, "url": "javascript:alert(1)"}),
    ]
    path = write(tmp_path, "story.jsonl", "\n".join(lines) + "\n")
    story = load_story(path)
    assert [a.outlet.name for a in story.articles] == ["Alpha", "Gamma"]
    alpha, gamma = story.articles
    assert alpha.metadata == {"side": "left"} and alpha.title == "T1" and alpha.url == "https://a.example/1"
    assert gamma.url is None
    assert [s.path for s in story.skipped] == [f"{path}:2", f"{path}:3"]
    with pytest.raises(InputError, match=r"story.jsonl:2: is not a JSON object"):
        load_story(path, LoadOptions(strict=True))


def test_html_page_main_text_is_extracted(tmp_path: Path) -> None:
    page = """<html><head><title>Talks resume | The Daily Example</title>
    <meta property="og:site_name" content="The Daily Example"></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
    <article><h1>Talks resume</h1>
    <p>The foreign minister said on Tuesday that the talks had resumed after a pause of several weeks.</p>
    <p>Officials from both countries met in the capital and agreed to continue the dialogue next month.</p>
    </article><footer>Copyright 2025 The Daily Example. All rights reserved.</footer></body></html>"""
    write(tmp_path, "page.html", page)
    article = load_story(tmp_path).articles[0]
    assert "talks had resumed after a pause" in article.text
    assert "continue the dialogue next month" in article.text
    assert "All rights reserved" not in article.text and "Sport" not in article.text
    assert article.source.kind == "html"
    assert article.outlet.name == "The Daily Example"
