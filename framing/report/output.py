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
    with _stop_signals_raise():
        try:
            for (target, data), final in zip(files, finals):
                temps.append(_write_temporary(target, final, data, mode))
            with _signals_held():
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


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def _stop_signals_raise() -> Iterator[None]:
    """While writing, SIGTERM and SIGHUP raise :class:`Stopped` so temporary files are cleaned up."""
    if not _main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    previous = {sig: signal.signal(sig, stop) for sig in _STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold stop signals back for a few renames; one that arrives meanwhile is delivered after."""
    if not _main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, *_STOP_SIGNALS}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
