"""Writing reports: only under the chosen folder, never over an input, a report's files as one set."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from framing.errors import OutputError, UsageError
from framing.words import slugify

# Signals that end a run the user or the system asked to stop; they clean up like Ctrl-C does.
_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Stopped(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM, SIGHUP) while it was writing; ``signum`` says by what."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"stopped by signal {signum}")
        self.signum = signum


def output_path(out_dir: Path, stem: str, suffix: str) -> Path:
    """``out_dir/<slug>.<suffix>``: the stem is slugged, so it can never climb out of ``out_dir``."""
    return out_dir / f"{slugify(stem)}.{suffix}"


def check_out_dir(out_dir: Path, story: Path) -> None:
    """Refuse an output folder inside a story folder: the next run would read the report as an article."""
    if story.is_dir() and out_dir.resolve().is_relative_to(story.resolve()):
        raise UsageError(
            "is inside the story folder, so the next run would read the report as an article; "
            f"choose an --out folder outside {story}",
            path=str(out_dir),
        )


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
    """Write one file through a temporary file and a rename; see :func:`write_set`."""
    return write_set([(target, data)], inputs=inputs, within=within)[0]


def write_set(
    files: Sequence[tuple[Path, bytes]], *, inputs: Iterable[str | Path] = (), within: Path | None = None
) -> tuple[Path, ...]:
    """Write ``(target, data)`` pairs as one set: every temporary file first, then every rename.

    A failure or a stop signal (Ctrl-C, SIGTERM, SIGHUP) before the renames removes the temporary
    files and leaves every previous file whole; the renames themselves run with those signals held
    back, so a report's HTML and PDF are replaced together. Refuses to replace one of ``inputs``,
    anything but a regular file (a device, a pipe, a folder) and, when ``within`` is given, any
    path not directly inside that folder. An existing symlink at a target is replaced by the file,
    never followed. New files get the permissions the process umask allows.
    """
    protected = {Path(p).resolve() for p in inputs}
    finals = [_checked_target(target, protected, within) for target, _ in files]
    mode = 0o666 & ~_umask()
    temps: list[str] = []
    with _Stops().installed() as stops:
        try:
            for (target, data), final in zip(files, finals):
                temps.append(_write_temporary(target, final, data, mode))
            with stops.held():
                for tmp, final in zip(temps, finals):
                    os.replace(tmp, final)
        except BaseException:
            for tmp in temps:
                Path(tmp).unlink(missing_ok=True)
            raise
    return tuple(target for target, _ in files)


def _checked_target(target: Path, protected: set[Path], within: Path | None) -> Path:
    """The resolved place ``target`` will be written, after every refusal."""
    parent = target.parent
    if within is not None and parent.resolve() != within.resolve():
        raise OutputError("would be written outside the output folder; choose a plain --out folder", path=str(target))
    final = parent.resolve() / target.name
    if final.is_dir():
        raise OutputError("is a folder; move it away or choose another --out", path=str(target))
    if final in protected or (target.exists() and target.resolve() in protected):
        raise OutputError("is one of the inputs; choose an --out folder outside the story", path=str(target))
    with contextlib.suppress(OSError):
        if not stat.S_ISREG(os.stat(final).st_mode):
            raise OutputError("is not a regular file (a device, pipe or socket); give a new file name", path=str(target))
    return final


def _write_temporary(target: Path, final: Path, data: bytes, mode: int) -> str:
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    except OSError as exc:
        raise OutputError(f"cannot be written ({exc.strerror}); check the folder's permissions", path=str(target)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
    except BaseException as exc:
        Path(tmp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot be written ({exc.strerror}); free some space or choose another --out", path=str(target)) from exc
        raise
    return tmp_name


def _umask() -> int:
    """The process umask (read by setting it, as POSIX offers no other way, and setting it back)."""
    current = os.umask(0o022)
    os.umask(current)
    return current


class _Stops:
    """Turns stop signals into :class:`Stopped` while files are written; holds them back during renames.

    Only signals left at their default action are taken over: one the user ignores (``nohup`` ignores
    SIGHUP) stays ignored. Python runs signal handlers in the main thread only, so elsewhere this
    does nothing.
    """

    def __init__(self) -> None:
        self.holding = False
        self.pending: int | None = None

    def handler(self, signum: int, frame: object) -> None:
        if self.holding:
            self.pending = self.pending or signum
            return
        raise Stopped(signum)

    @contextlib.contextmanager
    def installed(self) -> Iterator[_Stops]:
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        defaults = {signal.SIGINT: signal.default_int_handler, **{sig: signal.SIG_DFL for sig in _STOP_SIGNALS}}
        previous = {sig: signal.getsignal(sig) for sig in defaults}
        taken = [sig for sig, default in defaults.items() if previous[sig] is default]
        for sig in taken:
            signal.signal(sig, self.handler)
        try:
            yield self
        finally:
            for sig in taken:
                signal.signal(sig, previous[sig])

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """A signal that arrives inside this block is raised when the block is done."""
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
        if self.pending is not None:
            raise Stopped(self.pending)
