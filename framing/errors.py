"""The library's exceptions. Every message names the file at fault and says how to fix it."""

from __future__ import annotations


class FramingError(Exception):
    """Base of every error framing raises on purpose. ``exit_code`` is what the CLI returns."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(f"{where}{message}")


class UsageError(FramingError):
    """The command was asked for something impossible: a missing path, a bad option."""

    exit_code = 2


class InputError(FramingError):
    """An input article is unusable: empty, binary, undecodable, too large."""


class ManifestError(FramingError):
    """The story manifest is malformed."""


class LexiconError(FramingError):
    """A lexicon file is malformed."""


class TemplateError(FramingError):
    """A report template failed to render."""


class OutputError(FramingError):
    """The report could not be written where it was asked to go."""


class RenderError(FramingError):
    """The PDF renderer is missing or failed."""
