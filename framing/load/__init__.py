"""Paths, manifest and encodings → a Story of raw articles.

A story is a folder of article files (``.txt``/``.md`` plain text, ``.html``/``.htm`` web pages) with
an optional ``manifest.toml``, or a JSON Lines file with one article a line. Bad inputs are skipped
with a reason (or raise at once with ``strict``); nothing here writes anything.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import stat
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.errors import FramingError, InputError, LexiconError, ManifestError, UsageError
from framing.models import Outlet, RawArticle, Skipped, Source, Story
from framing.words import slugify

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
MANIFEST_NAMES = ("manifest.toml",)
STORY_LEXICON_NAME = "lexicon.toml"
DEFAULT_MAX_BYTES = 5_000_000

# Single-byte encodings worth guessing for news text, most common first. Central European code pages
# are left out on purpose: they decode Western text into plausible-looking nonsense (ï → ď).
_GUESSABLE = ["cp1252", "cp1251", "koi8_r", "cp1256", "iso8859_6", "iso8859_5", "cp1253", "cp1255", "cp1254"]
_ARTICLE_KEYS = ("id", "outlet", "title", "published", "url", "language", "text")
_MANIFEST_ARTICLE_KEYS = {
    "file", "id", "outlet", "outlet_evidence", "outlet_note", "lean", "title",
    "published", "published_note", "url", "language",
}
_EVIDENCE = {"named", "inferred", "unknown"}


@dataclass(frozen=True)
class LoadOptions:
    """How inputs are read: a forced encoding, the size limit per file, and whether to stop at the first bad one."""

    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    strict: bool = False


@dataclass
class _Collected:
    articles: list[RawArticle] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def load_story(path: str | Path, options: LoadOptions = LoadOptions()) -> Story:
    """Load a story folder or JSON Lines file.

    Raises UsageError for a missing path or a folder with no article files, ManifestError for a
    malformed manifest, InputError when no article could be used (or the first bad one with strict).
    """
    root = Path(path)
    if options.encoding:
        _check_encoding(options.encoding)
    if not root.exists():
        raise UsageError("no such file or folder; give a story folder or a .jsonl file", path=str(path))
    if root.is_dir():
        story = _load_folder(root, options)
    elif root.suffix.lower() in {".jsonl", ".ndjson"}:
        story = _load_jsonl(root, options)
    else:
        raise UsageError("not a story: give a folder of articles or a .jsonl file (one article a line)", path=str(path))
    if not story.articles:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in story.skipped[:3])
        raise InputError(f"no usable article ({reasons})", path=str(path))
    return story


# -- folders -------------------------------------------------------------------------------------


def _article_files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.iterdir()
        if not p.name.startswith(".") and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES
    )


def _load_folder(root: Path, options: LoadOptions) -> Story:
    files = _article_files(root)
    if not files:
        raise UsageError(
            "no article files (.txt, .md, .html, .htm) in this folder; add some or point at the story folder",
            path=str(root),
        )
    manifest_path = next((root / n for n in MANIFEST_NAMES if (root / n).is_file()), None)
    if manifest_path is not None and not _inside(manifest_path, root):
        raise ManifestError("links outside the story folder; copy the manifest into the folder instead", path=str(manifest_path))
    manifest = _read_manifest(manifest_path) if manifest_path else {"story": {}, "articles": {}}
    story_meta = manifest["story"]
    entries: dict[str, dict[str, Any]] = manifest["articles"]
    collected = _Collected()
    if manifest_path is None:
        collected.warnings.append(f"{root}: no manifest.toml; outlets are named after their files")
    used_ids: set[str] = set()
    for file in files:
        entry = entries.get(file.name)
        if manifest_path is not None and entry is None:
            collected.warnings.append(f"{file}: not in the manifest; its outlet is named after the file")
        try:
            if not _inside(file, root):
                raise InputError("links outside the story folder; copy the file into the folder instead", path=str(file))
            article = _read_article_file(file, entry or {}, options, used_ids)
        except InputError as exc:
            if options.strict:
                raise
            collected.skipped.append(Skipped(str(file), _reason(exc)))
            continue
        used_ids.add(article.id)
        collected.articles.append(article)
    for name in sorted(set(entries) - {f.name for f in files}):
        collected.warnings.append(f"{manifest_path}: lists {name!r}, which is not in the folder")
    title = str(story_meta.get("title") or root.resolve().name)
    lexicons = _story_lexicons(root, story_meta, manifest_path)
    return Story(
        title=title,
        slug=slugify(str(story_meta.get("slug") or title)),
        root=str(root),
        articles=tuple(collected.articles),
        skipped=tuple(collected.skipped),
        lexicon_paths=lexicons,
        manifest=str(manifest_path) if manifest_path else None,
        warnings=tuple(collected.warnings),
    )


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path``, symlinks followed, is inside ``root``: a link must not pull in outside files."""
    return path.resolve().is_relative_to(root.resolve())


def _story_lexicons(root: Path, story_meta: dict[str, Any], manifest_path: Path | None) -> tuple[str, ...]:
    named = story_meta.get("lexicon")
    if named is None:
        default = root / STORY_LEXICON_NAME
        if default.is_file() and not _inside(default, root):
            raise LexiconError("links outside the story folder; copy the lexicon into the folder instead", path=str(default))
        return (str(default),) if default.is_file() else ()
    names = [named] if isinstance(named, str) else named
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        raise ManifestError('[story] lexicon must be a file name or a list of them: lexicon = "lexicon.toml"', path=str(manifest_path))
    paths = []
    for name in names:
        candidate = (root / str(name))
        if not _inside(candidate, root) or not candidate.is_file():
            raise ManifestError(
                f"lexicon {name!r} is not a file inside the story folder; fix [story] lexicon",
                path=str(manifest_path),
            )
        paths.append(str(candidate))
    return tuple(paths)


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        text = _decode(path.read_bytes(), path, None)[0]
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"is not valid TOML ({exc}); fix the line it names", path=str(path)) from exc
    except InputError as exc:
        raise ManifestError(str(exc)) from exc
    story = data.get("story", {})
    if not isinstance(story, dict):
        raise ManifestError("[story] must be a table of title, slug and lexicon", path=str(path))
    articles = data.get("articles", [])
    if not isinstance(articles, list):
        raise ManifestError("articles must be an array of tables: write [[articles]] entries", path=str(path))
    by_file: dict[str, dict[str, Any]] = {}
    for i, entry in enumerate(articles, 1):
        line = _line_of(text, "[[articles]]", i)
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str) or not entry["file"]:
            raise ManifestError("each [[articles]] entry needs file = \"name.txt\"", path=str(path), line=line)
        unknown = set(entry) - _MANIFEST_ARTICLE_KEYS
        if unknown:
            raise ManifestError(
                f"unknown key {sorted(unknown)[0]!r} in [[articles]]; use one of {', '.join(sorted(_MANIFEST_ARTICLE_KEYS))}",
                path=str(path), line=line,
            )
        for key, value in entry.items():
            if not isinstance(value, str):
                raise ManifestError(f"{key} must be a string (quote it)", path=str(path), line=line)
        evidence = entry.get("outlet_evidence", "named" if "outlet" in entry else "unknown")
        if evidence not in _EVIDENCE:
            raise ManifestError(
                f"outlet_evidence must be one of named, inferred, unknown (not {evidence!r})", path=str(path), line=line
            )
        if entry["file"] in by_file:
            raise ManifestError(f"{entry['file']!r} is listed twice; keep one entry", path=str(path), line=line)
        if Path(entry["file"]).name != entry["file"]:
            raise ManifestError("file must be a plain file name inside the story folder", path=str(path), line=line)
        by_file[entry["file"]] = entry
    return {"story": story, "articles": by_file}


def _line_of(text: str, needle: str, occurrence: int) -> int | None:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return None
    return text.count("\n", 0, pos) + 1


def _read_article_file(file: Path, entry: dict[str, Any], options: LoadOptions, used_ids: set[str]) -> RawArticle:
    data = _read_bytes(file, options)
    text, encoding = _decode(data, file, options.encoding)
    kind = "html" if file.suffix.lower() in HTML_SUFFIXES else "text"
    page: dict[str, str | None] = {}
    if kind == "html":
        text, page = _extract_html(text, file)
    if not text.strip():
        raise InputError("has no text; remove it or fill it", path=str(file))
    source = Source(str(file), hashlib.sha256(data).hexdigest(), len(data), kind, encoding)
    outlet_name = entry.get("outlet") or page.get("sitename") or file.stem
    outlet = Outlet(
        name=outlet_name,
        evidence=entry.get("outlet_evidence", "named" if entry.get("outlet") else "unknown"),
        note=entry.get("outlet_note", ""),
        lean=entry.get("lean"),
    )
    return RawArticle(
        id=_unique_id(entry.get("id") or file.stem, used_ids),
        outlet=outlet,
        source=source,
        text=text,
        title=entry.get("title") or page.get("title"),
        published=entry.get("published") or page.get("date"),
        published_note=entry.get("published_note", "stated in the page" if page.get("date") else ""),
        url=entry.get("url") or page.get("url"),
        language=entry.get("language", "en"),
    )


def _unique_id(wanted: str, used: set[str]) -> str:
    base = slugify(wanted, max_length=40)
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _read_bytes(file: Path, options: LoadOptions) -> bytes:
    try:
        info = file.stat()
        if not stat.S_ISREG(info.st_mode):
            # A pipe or device would block the read or never end.
            raise InputError("is not a regular file; give a plain article file", path=str(file))
        size = info.st_size
        if size <= options.max_bytes:
            with file.open("rb") as handle:
                data = handle.read(options.max_bytes + 1)
            size = len(data)
        if size > options.max_bytes:
            raise InputError(
                f"is {size:,} bytes, over the limit of {options.max_bytes:,}; raise it with --max-bytes",
                path=str(file),
            )
        return data
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc}); check its permissions", path=str(file)) from exc


# -- decoding ------------------------------------------------------------------------------------


def _check_encoding(name: str) -> None:
    try:
        codecs.lookup(name)
    except LookupError:
        raise UsageError(f"unknown encoding {name!r}; use a Python codec name such as utf-8, cp1252, cp1251") from None


def _decode(data: bytes, file: Path, forced: str | None) -> tuple[str, str]:
    """Bytes → (text, encoding name). BOMs first, then strict UTF-8, then a narrowed guess."""
    if not data:
        raise InputError("is empty; remove it or fill it", path=str(file))
    if forced:
        try:
            return data.decode(forced), forced
        except UnicodeDecodeError as exc:
            raise InputError(f"is not valid {forced} ({exc.reason}); try another --encoding", path=str(file)) from exc
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(f"has a {name} byte-order mark but is not {name}; re-save it", path=str(file)) from exc
    if _looks_binary(data):
        raise InputError("looks binary, not text; give .txt, .md or .html articles", path=str(file))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_GUESSABLE).best()
    if best is None:
        raise InputError("is in an unknown encoding; name it with --encoding (e.g. cp1252)", path=str(file))
    return str(best), best.encoding


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    nul_share = sample.count(0) / len(sample)
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return nul_share > 0.01 or controls / len(sample) > 0.05


# -- web pages -----------------------------------------------------------------------------------


def _extract_html(html: str, file: Path) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata of a web page, by trafilatura (imported only when a page is loaded)."""
    import trafilatura

    text = trafilatura.extract(
        html, output_format="txt", include_comments=False, include_tables=False,
        include_images=False, include_links=False, favor_precision=True, deduplicate=True,
    ) or ""
    meta = trafilatura.extract_metadata(html)
    page = {"title": None, "date": None, "sitename": None, "url": None}
    if meta is not None:
        page = {"title": meta.title, "date": meta.date, "sitename": meta.sitename, "url": meta.url}
    if page["url"] and not str(page["url"]).startswith(("http://", "https://")):
        page["url"] = None
    # Paragraphs come one a line; a blank line between them keeps the structure for the cleaner.
    return "\n\n".join(line for line in text.splitlines() if line.strip()), page


# -- JSON Lines ----------------------------------------------------------------------------------


def _load_jsonl(path: Path, options: LoadOptions) -> Story:
    data = _read_bytes(path, LoadOptions(options.encoding, options.max_bytes * 1000, options.strict))
    text, _ = _decode(data, path, options.encoding)
    collected = _Collected()
    used_ids: set[str] = set()
    for number, record in _jsonl_records(text, path, collected, options):
        label = f"{path}:{number}"
        try:
            article = _article_from_record(record, label, path, number, used_ids, options)
        except InputError as exc:
            if options.strict:
                raise
            collected.skipped.append(Skipped(label, _reason(exc)))
            continue
        used_ids.add(article.id)
        collected.articles.append(article)
    return Story(
        title=path.stem,
        slug=slugify(path.stem),
        root=str(path),
        articles=tuple(collected.articles),
        skipped=tuple(collected.skipped),
        warnings=tuple(collected.warnings),
    )


def _jsonl_records(
    text: str, path: Path, collected: _Collected, options: LoadOptions
) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("a line must be a JSON object")
        except ValueError as exc:
            error = InputError(f"is not a JSON object ({exc}); fix or remove the line", path=str(path), line=number)
            if options.strict:
                raise error from exc
            collected.skipped.append(Skipped(f"{path}:{number}", _reason(error)))
            continue
        yield number, record


def _article_from_record(
    record: dict[str, Any], label: str, path: Path, number: int, used_ids: set[str], options: LoadOptions
) -> RawArticle:
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError("has no text; give each line a non-empty \"text\"", path=str(path), line=number)
    encoded = body.encode("utf-8")
    if len(encoded) > options.max_bytes:
        raise InputError(f"text is over the limit of {options.max_bytes:,} bytes; raise it with --max-bytes", path=str(path), line=number)
    fields = {k: record.get(k) for k in _ARTICLE_KEYS}
    for key in ("id", "outlet", "title", "published", "url", "language"):
        if fields[key] is not None and not isinstance(fields[key], str):
            fields[key] = str(fields[key])
    outlet_name = fields["outlet"] or f"line {number}"
    metadata = {k: v for k, v in record.items() if k not in _ARTICLE_KEYS}
    url = fields["url"] if fields["url"] and fields["url"].startswith(("http://", "https://")) else None
    return RawArticle(
        id=_unique_id(fields["id"] or f"{outlet_name}", used_ids),
        outlet=Outlet(outlet_name, "named" if fields["outlet"] else "unknown", note="given in the input"),
        source=Source(label, hashlib.sha256(encoded).hexdigest(), len(encoded), "jsonl"),
        text=body,
        title=fields["title"],
        published=fields["published"],
        url=url,
        language=fields["language"] or "en",
        metadata=metadata,
    )


def _reason(error: FramingError) -> str:
    """The message without its path prefix: the report lists the path in its own column."""
    message = str(error)
    prefix = f"{error.path}:{error.line}: " if error.line else f"{error.path}: "
    return message[len(prefix):] if error.path and message.startswith(prefix) else message
