"""What every loader shares: the options, the collected result, and a skip reason without its path."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from framing.errors import FramingError, InputError
from framing.models import RawArticle, Skipped

DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class LoadOptions:
    """How inputs are read: a forced encoding, the size limit per file, and whether to stop at the first bad one."""

    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    strict: bool = False


@dataclass
class Collected:
    """Articles, skipped inputs and warnings as a loader gathers them."""

    articles: list[RawArticle] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def reason(error: FramingError) -> str:
    """The message without its path prefix: the report lists the path in its own column."""
    message = str(error)
    prefix = f"{error.path}:{error.line}: " if error.line else f"{error.path}: "
    return message[len(prefix):] if error.path and message.startswith(prefix) else message


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, symlinks followed, is inside ``root``: a link must not pull in outside files.

    Raises InputError for a link that loops back on itself (it leads nowhere).
    """
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (RuntimeError, OSError) as exc:  # Python 3.11 raises RuntimeError for a loop, 3.13 OSError
        raise InputError("is a symbolic link that loops back on itself; remove the link", path=str(path)) from exc
