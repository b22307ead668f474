"""Load and clean hostile inputs at two sizes and print how time grows: about 2 when linear, 4 when quadratic.

    python benchmarks/hostile.py [--scale 1.0]

Each case is generated at size n and 2n in this run; the ratio of the two times compares across
machines where the seconds do not.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from framing.clean import clean
from framing.load import load_story

PARA = "The minister said the talks went well, and officials agreed to meet again next week in the capital."


def _page(middle: str) -> Callable[[Path], None]:
    return lambda folder: (folder / "a.txt").write_text(f"{PARA}\n\n{middle}\n\n{PARA}\n", "utf-8")


def _files(n: int) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        for i in range(n):
            (folder / f"a{i:05d}.txt").write_text(f"Outlet {i} said the talks went well on day {i}. {PARA}\n")
    return write


def _manifest(n: int) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        _files(n)(folder)
        (folder / "manifest.toml").write_text(
            "\n".join(f'[[articles]]\nfile = "a{i:05d}.txt"\noutlet = "O{i}"\n' for i in range(n))
        )
    return write


CASES: dict[str, Callable[[int], Callable[[Path], None]]] = {
    "hex token (chars)": lambda n: _page("".join("0123456789abcdef"[(i * 7) % 16] for i in range(n))),
    "combining marks (marks)": lambda n: _page("a" + "\u0301" * n),
    "clock times (chars)": lambda n: _page("1:11 " * (n // 5)),
    "short lines (lines)": lambda n: lambda folder: (folder / "a.txt").write_text("".join(f"Line {i} ok.\n" for i in range(n))),
    "one-paragraph files (files)": _files,
    "manifest entries (entries)": _manifest,
}
SIZES = {
    "hex token (chars)": 50_000, "combining marks (marks)": 170_000, "clock times (chars)": 50_000,
    "short lines (lines)": 50_000, "one-paragraph files (files)": 1_500, "manifest entries (entries)": 5_000,
}


def seconds(write: Callable[[Path], None]) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write(folder)
        start = time.perf_counter()
        for raw in load_story(folder).articles:
            clean(raw)
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    args = parser.parse_args()
    print(f"{'case':32} {'n':>9} {'t(n) s':>8} {'t(2n) s':>8} {'ratio':>6}")
    for name, make in CASES.items():
        n = max(1, int(SIZES[name] * args.scale))
        small, large = seconds(make(n)), seconds(make(2 * n))
        print(f"{name:32} {n:>9,} {small:>8.2f} {large:>8.2f} {large / small:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
