"""A story folder → a Story: its article files, read and described by the manifest where it has one."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from framing.errors import InputError, ManifestError, UsageError
from framing.load.decode import decode, read_capped
from framing.load.html import extract_html, is_framing_report
from framing.load.manifest import MANIFEST_NAMES, empty_manifest, read_manifest, story_lexicons
from framing.load.names import lookalike_warnings, outlet_name, shown_text
from framing.load.options import Collected, LoadOptions, inside, reason
from framing.load.records import unique_id
from framing.load.title import story_title
from framing.models import Outlet, RawArticle, Skipped, Source, Story
from framing.words import slugify

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}


def load_folder(root: Path, options: LoadOptions) -> Story:
    """Every article file of the folder; bad files skipped with a reason, or the first raised with ``strict``."""
    files = _article_files(root)
    if not files:
        raise UsageError(
            "no article files (.txt, .md, .html, .htm) in this folder; add some or point at the story folder",
            path=str(root),
        )
    manifest_path = next((root / n for n in MANIFEST_NAMES if (root / n).is_file()), None)
    if manifest_path is not None and not inside(manifest_path, root):
        raise ManifestError("links outside the story folder; copy the manifest into the folder instead", path=str(manifest_path))
    manifest = read_manifest(manifest_path) if manifest_path else empty_manifest()
    story_meta = manifest["story"]
    entries: dict[str, dict[str, Any]] = manifest["articles"]
    collected = Collected()
    if manifest_path is None:
        collected.warnings.append(f"{root}: no manifest.toml; outlets are named after their files")
    used_ids: set[str] = set()
    for file in files:
        entry = entries.get(file.name)
        if manifest_path is not None and entry is None:
            collected.warnings.append(f"{file}: not in the manifest; its outlet is named after the file")
        try:
            if not inside(file, root):
                raise InputError("links outside the story folder; copy the file into the folder instead", path=str(file))
            article = _read_article_file(file, entry or {}, options, used_ids, collected.warnings)
        except InputError as exc:
            if options.strict:
                raise
            collected.skipped.append(Skipped(str(file), reason(exc)))
            continue
        used_ids.add(article.id)
        collected.articles.append(article)
    for name in sorted(set(entries) - {f.name for f in files}):
        collected.warnings.append(f"{manifest_path}: lists {name!r}, which is not in the folder")
    collected.warnings.extend(lookalike_warnings((a.outlet.name for a in collected.articles), str(root)))
    title, title_from = story_title(story_meta.get("title"), collected.articles, root.resolve().name)
    return Story(
        title=shown_text(title),
        title_from=title_from,
        slug=slugify(str(story_meta.get("slug") or title)),
        root=str(root),
        articles=tuple(collected.articles),
        skipped=tuple(collected.skipped),
        lexicon_paths=story_lexicons(root, story_meta, manifest_path),
        manifest=str(manifest_path) if manifest_path else None,
        warnings=tuple(collected.warnings),
    )


def _article_files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.iterdir()
        if not p.name.startswith(".") and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES
    )


def _read_article_file(
    file: Path, entry: dict[str, Any], options: LoadOptions, used_ids: set[str], warnings: list[str]
) -> RawArticle:
    data = read_capped(file, options.max_bytes)
    decoded = decode(data, file, options.encoding)
    text = decoded.text
    kind = "html" if file.suffix.lower() in HTML_SUFFIXES else "text"
    page: dict[str, str | None] = {}
    if kind == "html":
        if is_framing_report(text):
            raise InputError(
                "is a report framing wrote, not an article; move it out of the story folder "
                "(write reports with --out to another folder)",
                path=str(file),
            )
        text, page = extract_html(text)
    if not text.strip():
        raise InputError("has no text; remove it or fill it", path=str(file))
    if decoded.warning:
        warnings.append(decoded.warning)
    source = Source(str(file), hashlib.sha256(data).hexdigest(), len(data), kind, decoded.encoding)
    named = entry.get("outlet") or page.get("sitename")
    title = entry.get("title") or page.get("title")
    outlet = Outlet(
        name=outlet_name(named or file.stem) or file.stem,
        evidence=entry.get("outlet_evidence", "named" if entry.get("outlet") else "unknown"),
        note=shown_text(entry.get("outlet_note", "")),
        lean=entry.get("lean"),
    )
    return RawArticle(
        id=unique_id(entry.get("id") or file.stem, used_ids),
        outlet=outlet,
        source=source,
        text=text,
        title=shown_text(title) if title else None,
        published=entry.get("published") or page.get("date"),
        published_note=entry.get("published_note", "stated in the page" if page.get("date") else ""),
        url=entry.get("url") or page.get("url"),
        language=entry.get("language", "en"),
    )
