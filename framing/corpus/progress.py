"""Progress on stderr: a bar (done of total, elapsed, remaining) on a terminal, one line per phase otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Reports phases and per-event progress. ``quiet`` silences it; stdout is never touched."""

    def __init__(self, *, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.bar = not quiet and self.stream.isatty()
        self.total = 0
        self.done = 0
        self.started = time.monotonic()

    def phase(self, message: str) -> None:
        """A new step ("clustering 1,407 articles"): one line."""
        self._finish_bar()
        if not self.quiet:
            print(f"framing: {message}", file=self.stream, flush=True)

    def start(self, total: int, message: str) -> None:
        """Counting begins: ``total`` events to do."""
        self.phase(message)
        self.total, self.done, self.started = total, 0, time.monotonic()
        self._draw()

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._draw()

    def _draw(self) -> None:
        if not self.bar or not self.total:
            return
        elapsed = time.monotonic() - self.started
        left = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        width = 30
        filled = int(width * self.done / self.total)
        line = (f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} events"
                f"  {_clock(elapsed)} elapsed  {_clock(left) if self.done else '--:--'} left")
        self.stream.write(line)
        self.stream.flush()

    def _finish_bar(self) -> None:
        if self.bar and self.total:
            self.stream.write("\n")
            self.total = 0

    def close(self, message: str | None = None) -> None:
        self._finish_bar()
        if message and not self.quiet:
            print(f"framing: {message}", file=self.stream, flush=True)


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
