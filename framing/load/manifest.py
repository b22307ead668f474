"""The story manifest (``manifest.toml``): the story's title and lexicons, and one entry per article file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from framing.errors import InputError, LexiconError, ManifestError
from framing.load.decode import decode, read_capped
from framing.load.options import inside

MANIFEST_NAMES = ("manifest.toml",)
STORY_LEXICON_NAME = "lexicon.toml"
MAX_MANIFEST_BYTES = 5_000_000
ARTICLE_KEYS = {
    "file", "id", "outlet", "outlet_evidence", "outlet_note", "lean", "title",
    "published", "published_note", "url", "language",
}
_EVIDENCE = {"named", "inferred", "unknown"}
_ENTRY_HEADER_RE = re.compile(re.escape("[[articles]]"))


def empty_manifest() -> dict[str, Any]:
    return {"story": {}, "articles": {}}


def read_manifest(path: Path) -> dict[str, Any]:
    """``{"story": {...}, "articles": {file name: entry}}``; raises ManifestError naming the line at fault."""
    try:
        text = decode(read_capped(path, MAX_MANIFEST_BYTES, what="a manifest.toml file"), path, None).text
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(f"is not valid TOML ({exc}); fix the line it names", path=str(path)) from exc
    except RecursionError as exc:
        raise ManifestError("nests arrays or tables too deeply to read; flatten it", path=str(path)) from exc
    except InputError as exc:
        raise ManifestError(str(exc)) from exc
    story = data.get("story", {})
    if not isinstance(story, dict):
        raise ManifestError("[story] must be a table of title, slug and lexicon", path=str(path))
    articles = data.get("articles", [])
    if not isinstance(articles, list):
        raise ManifestError("articles must be an array of tables: write [[articles]] entries", path=str(path))
    lines = _entry_lines(text)
    by_file: dict[str, dict[str, Any]] = {}
    for i, entry in enumerate(articles):
        line = lines[i] if i < len(lines) else None
        _check_entry(entry, by_file, path, line)
        by_file[entry["file"]] = entry
    return {"story": story, "articles": by_file}


def _check_entry(entry: Any, by_file: dict[str, dict[str, Any]], path: Path, line: int | None) -> None:
    def bad(message: str) -> ManifestError:
        return ManifestError(message, path=str(path), line=line)

    if not isinstance(entry, dict) or not isinstance(entry.get("file"), str) or not entry["file"]:
        raise bad("each [[articles]] entry needs file = \"name.txt\"")
    unknown = set(entry) - ARTICLE_KEYS
    if unknown:
        raise bad(f"unknown key {sorted(unknown)[0]!r} in [[articles]]; use one of {', '.join(sorted(ARTICLE_KEYS))}")
    for key, value in entry.items():
        if not isinstance(value, str):
            raise bad(f"{key} must be a string (quote it)")
    evidence = entry.get("outlet_evidence", "named" if "outlet" in entry else "unknown")
    if evidence not in _EVIDENCE:
        raise bad(f"outlet_evidence must be one of named, inferred, unknown (not {evidence!r})")
    if entry["file"] in by_file:
        raise bad(f"{entry['file']!r} is listed twice; keep one entry")
    if Path(entry["file"]).name != entry["file"]:
        raise bad("file must be a plain file name inside the story folder")


def _entry_lines(text: str) -> list[int]:
    """The line of each ``[[articles]]`` in order, counted in one pass over the text."""
    lines, line, pos = [], 1, 0
    for match in _ENTRY_HEADER_RE.finditer(text):
        line += text.count("\n", pos, match.start())
        pos = match.start()
        lines.append(line)
    return lines


def story_lexicons(root: Path, story_meta: dict[str, Any], manifest_path: Path | None) -> tuple[str, ...]:
    """The story's own lexicon files: ``[story] lexicon`` or ``lexicon.toml`` beside the articles."""
    named = story_meta.get("lexicon")
    if named is None:
        default = root / STORY_LEXICON_NAME
        if default.is_file() and not inside(default, root):
            raise LexiconError("links outside the story folder; copy the lexicon into the folder instead", path=str(default))
        return (str(default),) if default.is_file() else ()
    names = [named] if isinstance(named, str) else named
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        raise ManifestError('[story] lexicon must be a file name or a list of them: lexicon = "lexicon.toml"', path=str(manifest_path))
    paths = []
    for name in names:
        candidate = root / str(name)
        if not inside(candidate, root) or not candidate.is_file():
            raise ManifestError(
                f"lexicon {name!r} is not a file inside the story folder; fix [story] lexicon",
                path=str(manifest_path),
            )
        paths.append(str(candidate))
    return tuple(paths)
