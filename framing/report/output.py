"""Writing reports: only under the chosen folder, never over an input, always atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from framing.errors import OutputError
from framing.words import slugify


def output_path(out_dir: Path, stem: str, suffix: str) -> Path:
    """``out_dir/<slug>.<suffix>``: the stem is slugged, so it can never climb out of ``out_dir``."""
    return out_dir / f"{slugify(stem)}.{suffix}"


def prepare_dir(out_dir: Path) -> Path:
    """Create the output folder if needed; refuse a path that exists and is not a folder."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError("exists and is not a folder; choose another --out", path=str(out_dir))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot be created ({exc.strerror}); choose another --out", path=str(out_dir)) from exc
    return out_dir


def write_atomic(target: Path, data: bytes, *, inputs: Iterable[str | Path] = (), within: Path | None = None) -> Path:
    """Write ``data`` to ``target`` through a temporary file and a rename.

    An interrupted run leaves any previous file whole. Refuses to replace one of ``inputs`` and,
    when ``within`` is given, any path that is not directly inside that folder. An existing symlink
    at ``target`` is replaced by the file, never followed.
    """
    parent = target.parent
    if within is not None and parent.resolve() != within.resolve():
        raise OutputError("would be written outside the output folder; choose a plain --out folder", path=str(target))
    final = parent.resolve() / target.name
    if final.is_dir():
        raise OutputError("is a folder; move it away or choose another --out", path=str(target))
    protected = {Path(p).resolve() for p in inputs}
    if final in protected or (target.exists() and target.resolve() in protected):
        raise OutputError("is one of the inputs; choose an --out folder outside the story", path=str(target))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(f"cannot be written ({exc.strerror}); check the folder's permissions", path=str(target)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, final)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return target
