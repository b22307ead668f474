"""Loading stories: folders with manifests, JSON Lines, web pages, encodings and bad inputs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from framing.errors import InputError, ManifestError, UsageError
from framing.load import LoadOptions, load_story, story_from_records

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


# -- records in memory and JSON Lines share one check ---------------------------------------------



def nested(depth: int) -> list:
    value: list = ["x"]
    for _ in range(depth - 1):
        value = [value]
    return value


BAD_RECORDS = [
    {"outlet": "Empty", "text": ""},
    {"outlet": "Surrogate", "text": BODY + "\udc00"},
    {"outlet": "Deep", "text": BODY, "meta": nested(41)},
]


def test_records_build_a_story_with_lean_event_and_metadata() -> None:
    records = [
        {"outlet": "Alpha", "title": "T1", "published": "2021-10-18", "url": "https://a.example/1", "language": "en",
         "text": BODY, "lean": "left", "event": "talks", "id": "a-1", "side": "x"},
        {"outlet": "Beta", "text": BODY, "lean": "right"},
    ]
    story = story_from_records(records, title="Talks", lexicons=("my.toml",))
    assert (story.title, story.slug, story.root, story.lexicon_paths) == ("Talks", "talks", "<records>", ("my.toml",))
    alpha, beta = story.articles
    assert (alpha.id, alpha.outlet.name, alpha.outlet.lean, alpha.outlet.evidence) == ("a-1", "Alpha", "left", "named")
    assert alpha.metadata == {"side": "x", "event": "talks"} and alpha.title == "T1" and alpha.published == "2021-10-18"
    assert beta.outlet.lean == "right" and beta.source.path == "<records>:2"


def test_records_and_json_lines_skip_the_same_records_for_the_same_reasons(tmp_path: Path) -> None:
    good = {"outlet": "Good", "text": BODY}
    from_memory = story_from_records([good, *BAD_RECORDS], root="mem")
    path = write(tmp_path, "story.jsonl", "\n".join(json.dumps(r) for r in [good, *BAD_RECORDS]) + "\n")
    from_file = load_story(path)
    memory_reasons = [s.reason for s in from_memory.skipped]
    assert memory_reasons == [s.reason.replace("line", "record") for s in from_file.skipped]
    assert [s.path for s in from_memory.skipped] == ["mem:2", "mem:3", "mem:4"]
    assert memory_reasons[1].startswith("'text' holds a lone surrogate (\\udc00)")
    assert memory_reasons[2] == "nests 42 levels deep, over the limit of 32; flatten its metadata"
    with pytest.raises(InputError, match=r"mem: no usable article \(mem:1: has no text"):
        story_from_records(BAD_RECORDS, root="mem")


def test_jsonl_lean_becomes_the_outlets_lean(tmp_path: Path) -> None:
    path = write(tmp_path, "s.jsonl", json.dumps({"outlet": "Alpha", "lean": "centre", "text": BODY}) + "\n")
    article = load_story(path).articles[0]
    assert article.outlet.lean == "centre" and "lean" not in article.metadata


def test_jsonl_records_end_at_newlines_only(tmp_path: Path) -> None:
    text = "First part.\u2028Second part.\u2029Third part.\u0085Fourth part. " + BODY
    path = write(tmp_path, "s.jsonl", json.dumps({"outlet": "A", "text": text}, ensure_ascii=False) + "\r\n"
                 + json.dumps({"outlet": "B", "text": BODY}) + "\n")
    story = load_story(path)
    assert [a.text for a in story.articles] == [text, BODY] and story.skipped == ()


def test_jsonl_nan_and_infinity_become_null_with_a_warning(tmp_path: Path) -> None:
    line = '{"outlet": "A", "text": "%s", "score": NaN, "range": [Infinity, -Infinity, 1e999, 2.5]}' % BODY.strip()
    path = write(tmp_path, "s.jsonl", line + "\n")
    story = load_story(path)
    assert story.articles[0].metadata == {"score": None, "range": [None, None, None, 2.5]}
    json.dumps(story.articles[0].metadata, allow_nan=False)
    assert story.warnings == (f"{path}:1: range, score held NaN or Infinity, which JSON cannot carry; read as null",)


def test_jsonl_nesting_too_deep_for_the_parser_is_skipped(tmp_path: Path) -> None:
    deep = '{"outlet": "A", "text": "x", "meta": ' + "[" * 5000 + "]" * 5000 + "}"
    path = write(tmp_path, "s.jsonl", deep + "\n" + json.dumps({"outlet": "B", "text": BODY}) + "\n")
    story = load_story(path)
    assert [(s.path, s.reason) for s in story.skipped] == [(f"{path}:1", "nests too deeply to read; flatten its metadata")]
    with pytest.raises(InputError, match=r"s.jsonl:1: nests too deeply"):
        load_story(path, LoadOptions(strict=True))


# -- names and titles ------------------------------------------------------------------------------


def test_outlet_names_are_normalised_and_lookalikes_warned(tmp_path: Path) -> None:
    records = [
        {"outlet": "Capital\u200b Post", "text": BODY},
        {"outlet": "\uff23apital Post", "text": BODY},
        {"outlet": "C\u0430pital Post", "text": BODY},
        {"outlet": "Other \u202eNews", "title": "Talks \u202edeliaf\u202c today", "text": BODY},
    ]
    story = story_from_records(records, root="mem")
    assert [a.outlet.name for a in story.articles] == ["Capital Post", "Capital Post", "C\u0430pital Post", "Other News"]
    assert story.articles[3].title == "Talks deliaf today"
    assert story.warnings == (
        "mem: outlets 'Capital Post' and 'C\u0430pital Post' look alike but are spelled with different letters "
        "(Latin vs Cyrillic+Latin); spell one outlet the same way everywhere, or rename one of two outlets",
    )


# -- decoding --------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_byte_order_mark_are_read(tmp_path: Path, encoding: str) -> None:
    text = "Café — the président's “remarks” at the summit. " + BODY
    write(tmp_path, "a.txt", text.encode(encoding))
    article = load_story(tmp_path).articles[0]
    assert (article.text, article.source.encoding) == (text, encoding)


def test_a_file_mixing_utf8_and_cp1252_is_read_line_by_line_with_a_warning(tmp_path: Path) -> None:
    first, second = "Le café était fermé, said the minister.", "The président’s résumé followed on Tuesday."
    path = write(tmp_path, "mixed.txt", first.encode("utf-8") + b"\n" + BODY.encode() + second.encode("cp1252") + b"\n")
    story = load_story(tmp_path)
    assert story.articles[0].text == f"{first}\n{BODY}{second}\n"
    assert story.articles[0].source.encoding == "utf-8+cp1252"
    assert f"{path}: mixes encodings (cp1252 on line 3, UTF-8 elsewhere); each line was read in its own encoding, " \
           "but re-save the file as UTF-8" in story.warnings


# -- files that are not articles --------------------------------------------------------------------


def test_a_symlink_loop_is_skipped_with_its_reason(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", BODY)
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    story = load_story(tmp_path)
    assert [a.id for a in story.articles] == ["good"]
    assert {Path(s.path).name: s.reason for s in story.skipped} == dict.fromkeys(
        ["a.txt", "b.txt", "loop.txt"], "is a symbolic link that loops back on itself; remove the link"
    )


def test_a_report_framing_wrote_is_not_read_as_an_article(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", BODY)
    write(tmp_path, "story.html", '<!DOCTYPE html><html><head><meta charset="utf-8">\n'
                                  '<meta name="generator" content="framing 0.1.0"></head><body><p>' + BODY + "</p></body></html>")
    story = load_story(tmp_path)
    assert [a.id for a in story.articles] == ["good"]
    assert [(Path(s.path).name, s.reason) for s in story.skipped] == [
        ("story.html", "is a report framing wrote, not an article; move it out of the story folder "
                       "(write reports with --out to another folder)")
    ]


# -- manifests --------------------------------------------------------------------------------------


def test_manifest_error_in_a_ten_thousand_entry_manifest_names_its_line(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    entries = [f'[[articles]]\nfile = "f{i}.txt"\noutlet = "O{i}"\n' for i in range(10_000)]
    entries[9_876] = '[[articles]]\nfile = "f9876.txt"\noutlet = 3\n'
    write(tmp_path, "manifest.toml", "\n".join(entries))
    with pytest.raises(ManifestError) as info:
        load_story(tmp_path)
    assert str(info.value) == f"{tmp_path / 'manifest.toml'}:{9_876 * 4 + 1}: outlet must be a string (quote it)"


def test_manifest_nested_too_deep_is_one_manifest_error(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", BODY)
    write(tmp_path, "manifest.toml", "x = " + "[" * 50_000 + "]" * 50_000 + "\n")
    with pytest.raises(ManifestError) as info:
        load_story(tmp_path)
    assert str(info.value) == f"{tmp_path / 'manifest.toml'}: nests arrays or tables too deeply to read; flatten it"
