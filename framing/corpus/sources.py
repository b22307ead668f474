"""A corpus on disk → its distinct articles, each with a content key, a display path and a fixed event if given.

A corpus is a folder tree (every folder holding article files is read as a story folder, its manifest
honoured; every ``.jsonl`` file in the tree as JSON Lines) or one or more JSON Lines files. A bad file
or folder is skipped with its reason, or raises with ``strict``. The same article read twice is kept once.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.errors import FramingError, UsageError
from framing.load import HTML_SUFFIXES, TEXT_SUFFIXES, LoadOptions, load_story
from framing.models import RawArticle, Skipped

JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True)
class CorpusArticle:
    """One distinct article of a corpus. ``key`` is its content hash; ``shown`` its path as reports give it."""

    key: str
    raw: RawArticle
    shown: str
    event: str | None = None
    lexicons: tuple[str, ...] = ()
    lexicons_sha256: str = ""

    @property
    def date(self) -> str | None:
        """The publication day (``YYYY-MM-DD``) when the article states one in ISO form."""
        value = (self.raw.published or "")[:10]
        return value if len(value) == 10 and value[4] == "-" and value[7] == "-" else None


@dataclass(frozen=True)
class Corpus:
    """The articles of a corpus in reading order, what could not be used, and the folder paths are shown from."""

    base: Path
    articles: tuple[CorpusArticle, ...]
    skipped: tuple[Skipped, ...] = ()
    warnings: tuple[str, ...] = ()


def read_corpus(paths: Sequence[str | Path], options: LoadOptions = LoadOptions()) -> Corpus:
    """Read every story folder and JSON Lines file under ``paths``.

    Raises UsageError for a missing path or a corpus with no readable article; with ``options.strict``
    the first bad file's error is raised instead of skipped.
    """
    roots = [Path(p) for p in paths]
    if not roots:
        raise UsageError("no corpus given; name a folder or one or more .jsonl files")
    for root in roots:
        if not root.exists():
            raise UsageError("no such file or folder; give a corpus folder or .jsonl files", path=str(root))
    base = _base(roots)
    articles: list[CorpusArticle] = []
    seen: dict[str, str] = {}
    skipped: list[Skipped] = []
    warnings: list[str] = []
    for unit in _units(roots):
        try:
            story = load_story(unit, options)
        except FramingError as exc:
            if options.strict:
                raise
            skipped.append(Skipped(_shown(str(unit), base), _reason(exc, unit)))
            continue
        skipped += [Skipped(_shown(s.path, base), s.reason) for s in story.skipped]
        warnings += story.warnings
        digest = _digest(story.lexicon_paths)
        for raw in story.articles:
            item = _corpus_article(raw, base, story.lexicon_paths, digest)
            if item.key in seen:
                warnings.append(f"{item.shown}: the same article as {seen[item.key]}; kept once")
                continue
            seen[item.key] = item.shown
            articles.append(item)
    if not articles:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:3]) or "no article files or .jsonl files"
        raise UsageError(f"no usable article in the corpus ({reasons})", path=str(roots[0]))
    return Corpus(base, tuple(articles), tuple(skipped), tuple(warnings))


def content_key(raw: RawArticle) -> str:
    """The article's identity: a hash of its outlet, headline, date, address and text."""
    digest = hashlib.sha256()
    for part in (raw.outlet.key, raw.title or "", raw.published or "", raw.url or "", raw.text):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _digest(paths: Sequence[str]) -> str:
    """One hash of the story lexicons' contents ("" without any): part of an event's identity."""
    return hashlib.sha256(b"".join(Path(p).read_bytes() for p in paths)).hexdigest() if paths else ""


def _corpus_article(raw: RawArticle, base: Path, lexicons: tuple[str, ...], digest: str) -> CorpusArticle:
    event = raw.metadata.get("event")  # the loader keeps a record's `lean` on its outlet already
    fixed = None if event in (None, "") else str(event)
    return CorpusArticle(content_key(raw), raw, _shown(raw.source.path, base), fixed, lexicons, digest)


def _units(roots: Sequence[Path]) -> Iterator[Path]:
    """Each story folder (a folder with article files) and each JSON Lines file, in a stable order."""
    for root in roots:
        if root.is_file():
            if root.suffix.lower() not in JSONL_SUFFIXES:
                raise UsageError("is not a corpus: give a folder or .jsonl files (one article a line)", path=str(root))
            yield root
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            here = Path(folder)
            names = sorted(f for f in files if not f.startswith("."))
            if any(Path(f).suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES for f in names):
                yield here
            yield from (here / f for f in names if Path(f).suffix.lower() in JSONL_SUFFIXES)


def _base(roots: Sequence[Path]) -> Path:
    """The folder every shown path is relative to: the corpus folder, or the folder of the files."""
    folders = [r if r.is_dir() else r.parent for r in roots]
    return Path(os.path.commonpath([str(f.resolve()) for f in folders]))


def _shown(path: str, base: Path) -> str:
    """``path`` relative to ``base`` (a JSON Lines record keeps its ``:LINE``)."""
    name, colon, line = path.rpartition(":")
    if not (colon and line.isdigit()):
        name, line = path, ""
    resolved = Path(name).resolve()
    shown = resolved.relative_to(base).as_posix() if resolved.is_relative_to(base) else name
    return f"{shown}:{line}" if line else shown


def _reason(error: FramingError, unit: Path) -> str:
    message = str(error)
    prefix = f"{error.path}: " if error.path else ""
    if prefix and message.startswith(prefix) and Path(error.path or "") == unit:
        return message[len(prefix):]
    return message
