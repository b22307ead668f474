"""Time framing as whole processes and print medians, with ratios to a baseline measured in the same run.

    python benchmarks/bench.py [--runs 7] [--story seeds]

The baseline is a bare ``python -c pass``: what any Python command costs on this machine today, so
the ratios compare across machines where the seconds do not.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def time_command(argv: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of each run (after one warm-up run that is not counted)."""
    warm = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    if warm.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({warm.returncode}):\n{warm.stderr}")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (median reported)")
    parser.add_argument("--story", default="seeds", help="story folder or .jsonl to analyse")
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as out:
        commands = {
            "baseline: python -c pass": [py, "-c", "pass"],
            "framing --help": [py, "-m", "framing", "--help"],
            f"framing analyze {args.story}": [py, "-m", "framing", "analyze", args.story],
            f"framing report {args.story} --format html": [py, "-m", "framing", "report", args.story, "--out", out, "--format", "html"],
            f"framing report {args.story} (HTML + PDF)": [py, "-m", "framing", "report", args.story, "--out", out],
        }
        results = {name: time_command(argv, args.runs) for name, argv in commands.items()}
    baseline = statistics.median(results["baseline: python -c pass"])
    print(f"{'command':<44} {'median s':>9} {'min s':>7} {'max s':>7} {'× baseline':>11}")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"{name:<44} {median:>9.3f} {min(times):>7.3f} {max(times):>7.3f} {median / baseline:>11.1f}")
    print(f"({args.runs} runs each after one warm-up; Python {sys.version.split()[0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
