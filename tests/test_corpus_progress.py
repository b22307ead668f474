"""Progress on stderr: a bar on a terminal, one line per phase otherwise, nothing with --quiet."""

from __future__ import annotations

import io

from framing.corpus.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_not_a_terminal_gets_one_line_per_phase() -> None:
    stream = io.StringIO()
    progress = Progress(stream=stream)
    progress.phase("reading the corpus")
    progress.start(3, "analysing 3 events")
    for _ in range(3):
        progress.advance()
    progress.close("wrote out/index.html")
    assert stream.getvalue() == "framing: reading the corpus\nframing: analysing 3 events\nframing: wrote out/index.html\n"


def test_a_terminal_gets_a_bar_with_counts_and_times() -> None:
    stream = Terminal()
    progress = Progress(stream=stream)
    progress.start(4, "analysing 4 events")
    progress.advance()
    progress.advance()
    progress.close()
    frames = stream.getvalue().split("\r")
    assert frames[0] == "framing: analysing 4 events\n"
    assert frames[1].startswith("[" + "." * 30 + "] 0/4 events  00:00 elapsed  --:-- left")
    assert frames[3].startswith("[" + "#" * 15 + "." * 15 + "] 2/4 events  00:00 elapsed  00:00 left")
    assert frames[-1].endswith("\n")


def test_quiet_prints_nothing() -> None:
    stream = Terminal()
    progress = Progress(quiet=True, stream=stream)
    progress.phase("reading")
    progress.start(2, "analysing")
    progress.advance()
    progress.close("done")
    assert stream.getvalue() == ""
