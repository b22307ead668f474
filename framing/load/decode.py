"""Bytes in, text out: a capped read of a regular file, byte-order marks, UTF-16/32 without one, guesses.

Every failure is an error naming the file and saying what to do; a file that mixes encodings is read
line by line and comes back with a warning.
"""

from __future__ import annotations

import codecs
import stat
from dataclasses import dataclass
from pathlib import Path

from framing.errors import FramingError, InputError, UsageError

# Single-byte encodings worth guessing for news text, most common first. Central European code pages
# are left out on purpose: they decode Western text into plausible-looking nonsense (ï → ď).
_GUESSABLE = ["cp1252", "cp1251", "koi8_r", "cp1256", "iso8859_6", "iso8859_5", "cp1253", "cp1255", "cp1254"]
# UTF-32 marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 8192


@dataclass(frozen=True)
class Decoded:
    """A file's text, the encoding it was read in, and a warning when the file was not of one piece."""

    text: str
    encoding: str
    warning: str | None = None


def read_capped(
    file: Path, limit: int, *, error: type[FramingError] = InputError, what: str = "a plain article file",
    raise_limit: str = "raise it with --max-bytes",
) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Pipes, devices and folders are refused before they are opened (a pipe would block the read, a
    device would never end); a file growing past the limit while read is caught by reading one byte more.
    """
    try:
        info = file.stat()
        if not stat.S_ISREG(info.st_mode):
            raise error(f"is not a regular file; give {what}", path=str(file))
        size = info.st_size
        if size <= limit:
            with file.open("rb") as handle:
                data = handle.read(limit + 1)
            size = len(data)
        if size > limit:
            raise error(f"is {size:,} bytes, over the limit of {limit:,}; {raise_limit}", path=str(file))
        return data
    except OSError as exc:
        raise error(f"cannot read this file ({exc.strerror or exc}); check the path and its permissions", path=str(file)) from exc


def check_encoding(name: str) -> None:
    """Raise UsageError unless ``name`` is a codec Python knows."""
    try:
        codecs.lookup(name)
    except LookupError:
        raise UsageError(f"unknown encoding {name!r}; use a Python codec name such as utf-8, cp1252, cp1251") from None


def decode(data: bytes, file: Path, forced: str | None) -> Decoded:
    """Bytes → text. A forced encoding, else BOMs, UTF-16/32 by their NUL pattern, strict UTF-8, a guess."""
    if not data:
        raise InputError("is empty; remove it or fill it", path=str(file))
    if forced:
        try:
            return Decoded(data.decode(forced), forced)
        except UnicodeDecodeError as exc:
            raise InputError(f"is not valid {forced} ({exc.reason}); try another --encoding", path=str(file)) from exc
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name), name)
            except UnicodeDecodeError as exc:
                raise InputError(f"has a {name} byte-order mark but is not {name}; re-save it", path=str(file)) from exc
    wide = _wide_encoding(data)
    if wide is not None:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"looks like {wide} without a byte-order mark but does not decode; try --encoding {wide}",
                path=str(file),
            ) from exc
        if not _has_controls(text):
            return Decoded(text, wide)
    if _looks_binary(data):
        hint = " (or, if it is text, try --encoding utf-16)" if wide else ""
        raise InputError(f"looks binary, not text; give .txt, .md or .html articles{hint}", path=str(file))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _guess(data, file)


def _guess(data: bytes, file: Path) -> Decoded:
    """A single-byte code page for the whole file; line by line, with a warning, when some lines are UTF-8."""
    from charset_normalizer import from_bytes

    lines = data.split(b"\n")
    utf8 = [_is_utf8(line) and not line.isascii() for line in lines]
    foreign = [line for line, ok in zip(lines, utf8) if not ok and not _is_utf8(line)]
    if any(utf8) and foreign:
        best = from_bytes(b"\n".join(foreign), cp_isolation=_GUESSABLE).best()
        if best is not None:
            text = "\n".join(
                line.decode("utf-8") if _is_utf8(line) else line.decode(best.encoding) for line in lines
            )
            where = ", ".join(str(n) for n, line in enumerate(lines, 1) if not _is_utf8(line))
            return Decoded(
                text, f"utf-8+{best.encoding}",
                f"{file}: mixes encodings ({best.encoding} on line {_shorten(where)}, UTF-8 elsewhere); "
                "each line was read in its own encoding, but re-save the file as UTF-8",
            )
    best = from_bytes(data, cp_isolation=_GUESSABLE).best()
    if best is None:
        raise InputError("is in an unknown encoding; name it with --encoding (e.g. cp1252)", path=str(file))
    return Decoded(str(best), best.encoding)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _shorten(numbers: str, keep: int = 5) -> str:
    parts = numbers.split(", ")
    return numbers if len(parts) <= keep else ", ".join(parts[:keep]) + ", …"


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, by where the NUL bytes of mostly-Latin text fall.

    UTF-32 text below U+10000 has two NUL bytes in every four; UTF-16 text in the Latin range has a
    NUL in every other byte, on the odd positions (little-endian) or the even ones (big-endian).
    """
    sample = data[: _SAMPLE - _SAMPLE % 4]
    if len(sample) < 4 or 0 not in sample:
        return None
    share = [sample[i::4].count(0) / len(sample[i::4]) for i in range(4)]
    if len(data) % 4 == 0:
        if share[2] > 0.9 and share[3] > 0.9 and share[0] < 0.5:
            return "utf-32-le"
        if share[0] > 0.9 and share[1] > 0.9 and share[3] < 0.5:
            return "utf-32-be"
    if len(data) % 2 == 0:
        even, odd = (share[0] + share[2]) / 2, (share[1] + share[3]) / 2
        if odd > 0.3 and even < 0.05:
            return "utf-16-le"
        if even > 0.3 and odd < 0.05:
            return "utf-16-be"
    return None


def _has_controls(text: str) -> bool:
    sample = text[:_SAMPLE]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f" or "\x7f" <= ch < "\xa0")
    return controls > 0.01 * len(sample)


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    nul_share = sample.count(0) / len(sample)
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return nul_share > 0.01 or controls / len(sample) > 0.05
