"""Paths, manifest and encodings → a Story of raw articles.

A story is a folder of article files (``.txt``/``.md`` plain text, ``.html``/``.htm`` web pages) with
an optional ``manifest.toml`` (:mod:`.folder`, :mod:`.manifest`), a JSON Lines file with one article a
line (:mod:`.jsonl`), or records in memory (:func:`story_from_records`). Bytes become text in
:mod:`.decode`, web pages in :mod:`.html`. Bad inputs are skipped with a reason (or raise at once with
``strict``); nothing here writes anything.
"""

from __future__ import annotations

from pathlib import Path

from framing.errors import InputError, UsageError
from framing.load.decode import check_encoding
from framing.load.folder import HTML_SUFFIXES, TEXT_SUFFIXES, load_folder
from framing.load.jsonl import load_jsonl
from framing.load.manifest import MANIFEST_NAMES, STORY_LEXICON_NAME
from framing.load.options import DEFAULT_MAX_BYTES, LoadOptions
from framing.load.records import story_from_records
from framing.models import Story

__all__ = [
    "DEFAULT_MAX_BYTES", "HTML_SUFFIXES", "MANIFEST_NAMES", "STORY_LEXICON_NAME", "TEXT_SUFFIXES",
    "LoadOptions", "load_story", "story_from_records",
]


def load_story(path: str | Path, options: LoadOptions = LoadOptions()) -> Story:
    """Load a story folder or JSON Lines file.

    Raises UsageError for a missing path or a folder with no article files, ManifestError for a
    malformed manifest, InputError when no article could be used (or the first bad one with strict).
    """
    root = Path(path)
    if options.encoding:
        check_encoding(options.encoding)
    if not root.exists():
        raise UsageError("no such file or folder; give a story folder or a .jsonl file", path=str(path))
    if root.is_dir():
        story = load_folder(root, options)
    elif root.suffix.lower() in {".jsonl", ".ndjson"}:
        story = load_jsonl(root, options)
    else:
        raise UsageError("not a story: give a folder of articles or a .jsonl file (one article a line)", path=str(path))
    if not story.articles:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in story.skipped[:3])
        raise InputError(f"no usable article ({reasons})", path=str(path))
    return story
