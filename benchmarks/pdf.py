"""The cost of the briefing (HTML and PDF) as a ratio to the import floor, measured in the same run.

    python benchmarks/pdf.py [--runs 5] [--story seeds] [--full] [--pdf-ua]

The floor is the CPU time of a process that only imports scikit-learn's text module and WeasyPrint:
what any report costs before it lays out a single box. The report is ``python -m framing report STORY
--format all`` into a temporary folder. CPU time (user + system) of whole processes is read from the
children's resource usage, so other load on a shared machine moves it less than wall-clock time;
runs alternate between the two commands and the medians are compared. Both run as an installed tool
does: Python may keep compiled bytecode (in a temporary cache folder, filled by the uncounted warm-up
runs), even where the environment sets PYTHONDONTWRITEBYTECODE, which would make every run recompile
framing's own modules while the libraries' bytecode was compiled at install. The report measured is the
default one, with the five-minute PDF briefing; ``--full`` also measures ``--pdf full`` (every section
whole, the texts side by side), and ``--pdf-ua`` the tagged briefing; neither has a target.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 2.2  # the report may cost at most this many import floors


def cpu_seconds(argv: list[str], env: dict[str, str]) -> float:
    """User + system CPU seconds of one run of ``argv`` and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=True, capture_output=True, cwd=ROOT, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (medians reported)")
    parser.add_argument("--story", default="seeds", help="story folder or .jsonl to report on")
    parser.add_argument("--full", action="store_true", help="also measure the full PDF (--pdf full)")
    parser.add_argument("--pdf-ua", action="store_true", help="also measure the tagged briefing (--pdf-ua)")
    args = parser.parse_args()
    floor_cmd = [sys.executable, "-c", "import sklearn.feature_extraction.text, weasyprint"]
    floor, report, full, tagged = [], [], [], []
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as bytecode:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env |= {"PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""), "PYTHONPYCACHEPREFIX": bytecode}
        report_cmd = [sys.executable, "-m", "framing", "report", args.story, "--out", out, "--format", "all"]
        extra = [(full, [*report_cmd, "--pdf", "full"], args.full), (tagged, [*report_cmd, "--pdf-ua"], args.pdf_ua)]
        cpu_seconds(floor_cmd, env)  # warm the file and bytecode caches; not counted
        cpu_seconds(report_cmd, env)
        for _, cmd, wanted in extra:
            if wanted:
                cpu_seconds(cmd, env)
        for _ in range(args.runs):
            floor.append(cpu_seconds(floor_cmd, env))
            report.append(cpu_seconds(report_cmd, env))
            for times, cmd, wanted in extra:
                if wanted:
                    times.append(cpu_seconds(cmd, env))
    f, r = statistics.median(floor), statistics.median(report)
    ratio = r / f
    print(f"import floor (sklearn + weasyprint): median {f:.2f} s CPU over {args.runs} runs")
    print(f"framing report {args.story} (HTML + PDF briefing + CSV): median {r:.2f} s CPU")
    print(f"ratio {ratio:.2f}× the floor (target ≤ {TARGET}×) — {'met' if ratio <= TARGET else 'not met'}")
    if full:
        u = statistics.median(full)
        print(f"with --pdf full (texts side by side): median {u:.2f} s CPU, {u / f:.2f}× the floor (no target)")
    if tagged:
        u = statistics.median(tagged)
        print(f"with --pdf-ua (tagged PDF/UA-1): median {u:.2f} s CPU, {u / f:.2f}× the floor (no target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
