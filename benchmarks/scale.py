"""How framing's analysis cost grows with its input: CPU seconds and peak memory of whole processes.

    python benchmarks/scale.py [--only allsides|prose|hostile] [--timeout CPU_SECONDS] [--runs 3]

(a) The 1,407 AllSides articles (../shared/data, skipped when absent) as one story, against a
    process that only fits scikit-learn's TfidfVectorizer(ngram_range=(1, 3)) on the same texts.
(b) Single articles of generated unique prose from 100 KB to 5 MB, and ~1 MB hostile shapes (one
    long line, long tokens, many short lines, a flood of combining marks), each as a two-article
    story (the big article plus a short normal one). The growth ratio compares each size with the
    one before it: linear cost gives the ratio of the sizes.

Each process is measured on its own (``os.wait4``): user + system CPU seconds and peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLSIDES = ROOT.parent.parent / "shared" / "data" / "neus_allsides" / "events.jsonl"
if not ALLSIDES.exists():
    ALLSIDES = Path("/work/shared/data/neus_allsides/events.jsonl")
KB = 1000

TFIDF_FIT = """
import json, sys
from sklearn.feature_extraction.text import TfidfVectorizer
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
TfidfVectorizer(ngram_range=(1, 3)).fit(texts)
"""


def run(argv: list[str], limit: float) -> tuple[float, float, str]:
    """(CPU seconds, peak RSS in MiB, status) of one child process, stopped after ``limit`` CPU seconds.

    The limit is on CPU time, not wall time, so that a busy machine does not cut a run short.
    """

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (int(limit), int(limit) + 5))

    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, preexec_fn=cap)
    err = proc.stderr.read().decode("utf-8", "replace").strip().splitlines() if proc.stderr else []
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped above; keeps Popen from waiting again
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code == -signal.SIGXCPU or (code == -signal.SIGKILL and usage.ru_utime + usage.ru_stime >= limit - 1):
        state = f"stopped at {limit:.0f} CPU s"
    elif code != 0:
        state = "failed: " + (err[-1][:60] if err else f"exit {code}")
    else:
        state = "ok"
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, state


def analyze(story: Path, out: Path, timeout: float, max_bytes: int | None = None) -> tuple[float, float, str]:
    argv = [sys.executable, "-m", "framing", "analyze", str(story), "--out", str(out)]
    if max_bytes:
        argv += ["--max-bytes", str(max_bytes)]
    return run(argv, timeout)


# -- generated prose -----------------------------------------------------------------------------


class Prose:
    """Deterministic unique-looking news prose: words from syllables, capitalised names, some quotes."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        syllables = [c + v for c in "bcdfghjklmnprstvwz" for v in "aeiou"] + ["an", "el", "or", "is", "un"]
        self.words = sorted({"".join(self.rng.choice(syllables) for _ in range(self.rng.randint(1, 4))) for _ in range(20000)})
        self.names = [f"{self.rng.choice(self.words).capitalize()} {self.rng.choice(self.words).capitalize()}" for _ in range(400)]

    def sentence(self) -> str:
        rng = self.rng
        words = [rng.choice(self.words) for _ in range(rng.randint(8, 22))]
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(self.names))
        text = " ".join(words)
        text = text[0].upper() + text[1:]
        if rng.random() < 0.12:
            return f'"{text}," said {rng.choice(self.names)}.'
        return text + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def text(self, size: int, sep: str = "\n") -> str:
        parts: list[str] = []
        total = 0
        while total < size:
            parts.append(self.paragraph())
            total += len(parts[-1]) + 1
        return sep.join(parts)[:size].rsplit(" ", 1)[0] + "."


def hostile_shapes(prose: Prose) -> dict[str, str]:
    """~1 MB articles of awkward shape."""
    rng = random.Random(1)
    long_line = prose.text(1000 * KB, sep=" ")
    paragraphs = prose.text(700 * KB).split("\n")
    for i in range(3):
        hexes = "".join(rng.choice("0123456789abcdef") for _ in range(100 * KB))
        paragraphs.insert((i + 1) * len(paragraphs) // 4, f"The key was {hexes} as printed.")
    long_tokens = "\n".join(paragraphs)
    short_lines = "\n".join(f"{rng.choice(prose.words).capitalize()} {rng.choice(prose.words)}." for _ in range(100_000))
    marks = "".join(chr(c) for c in range(0x300, 0x36F))
    flood = []
    for word in prose.text(250 * KB).split(" "):
        flood.append("".join(ch + rng.choice(marks) for ch in word) + (marks * 4 if rng.random() < 0.01 else ""))
    combining = " ".join(flood)
    return {
        "one line, no newlines": long_line,
        "long tokens (3 × 100 KB hex)": long_tokens,
        "100,000 short lines": short_lines,
        "combining-mark flood": combining,
    }


SHORT = (
    "A short normal article\n"
    "Officials met on Tuesday to discuss the plan, according to a statement.\n"
    '"We are ready to work together," said Maria Lopez, the minister.\n'
    "The talks will continue next week in the capital, officials said.\n"
)


def two_article_story(folder: Path, text: str) -> int:
    folder.mkdir()
    (folder / "a_big.txt").write_text("A generated article\n" + text + "\n", encoding="utf-8")
    (folder / "b_short.txt").write_text(SHORT, encoding="utf-8")
    return len(text.encode("utf-8"))


# -- sections --------------------------------------------------------------------------------------


def allsides(tmp: Path, timeout: float, runs: int = 3) -> None:
    print("\n(a) AllSides: 1,407 articles as one story")
    if not ALLSIDES.exists():
        print(f"    skipped: {ALLSIDES} is absent")
        return
    story = tmp / "allsides.jsonl"
    with open(ALLSIDES, encoding="utf-8") as src, open(story, "w", encoding="utf-8") as dst:
        for line in src:
            r = json.loads(line)
            record = {"outlet": r["outlet"], "title": r["title"], "published": r["date"], "url": r["url"], "text": r["text"]}
            dst.write(json.dumps(record, ensure_ascii=False) + "\n")
    # The two processes alternate and medians are compared: on a shared machine a single pair of
    # runs can differ by a third from the next.
    bases, ours = [], []
    for _ in range(runs):
        bases.append(run([sys.executable, "-c", TFIDF_FIT, str(story)], timeout))
        ours.append(analyze(story, tmp / "allsides.json", timeout))
    base_cpu, base_rss, base_state = _median_run(bases)
    cpu, rss, state = _median_run(ours)
    print(f"    medians of {runs} alternating runs; framing/baseline each run: "
          + ", ".join(f"{o[0] / b[0]:.1f}×" for b, o in zip(bases, ours)))
    print(f"    {'process':<44} {'CPU s':>8} {'peak MiB':>9}  status")
    print(f"    {'baseline: TfidfVectorizer((1, 3)).fit':<44} {base_cpu:>8.1f} {base_rss:>9.0f}  {base_state}")
    print(f"    {'framing analyze':<44} {cpu:>8.1f} {rss:>9.0f}  {state}")
    print(f"    ratio to baseline: {cpu / base_cpu:.1f}×  (target ≤ 8×, peak < 600 MiB)")


def _median_run(results: list[tuple[float, float, str]]) -> tuple[float, float, str]:
    """Median CPU seconds, the highest peak memory, and the first status that is not ok (if any)."""
    cpu = sorted(r[0] for r in results)[len(results) // 2]
    state = next((r[2] for r in results if r[2] != "ok"), "ok")
    return cpu, max(r[1] for r in results), state


def table(rows: list[tuple[str, int, float, float, str]], growth: bool) -> None:
    print(f"    {'article':<30} {'bytes':>10} {'CPU s':>8} {'peak MiB':>9} {'growth':>8}  status")
    previous = None
    for name, size, cpu, rss, state in rows:
        ratio = ""
        if growth and previous and state == "ok" and previous[2] == "ok":
            ratio = f"{cpu / previous[1]:.1f}× /{size / previous[0]:.1f}"
        print(f"    {name:<30} {size:>10,} {cpu:>8.1f} {rss:>9.0f} {ratio:>8}  {state}")
        previous = (size, cpu, state)


def prose(tmp: Path, timeout: float) -> None:
    print("\n(b) one article of generated unique prose (+ one short article)")
    gen = Prose()
    rows = []
    for size in (100 * KB, 500 * KB, 1000 * KB, 2000 * KB, 5000 * KB):
        folder = tmp / f"prose_{size}"
        nbytes = two_article_story(folder, gen.text(size))
        rows.append((f"prose {size // KB:,} KB", nbytes, *analyze(folder, tmp / "out.json", timeout, max(nbytes * 2, 5_000_000))))
    table(rows, growth=True)


def hostile(tmp: Path, timeout: float) -> None:
    print("\n(b) hostile shapes at ~1 MB (+ one short article)")
    rows = []
    for i, (name, text) in enumerate(hostile_shapes(Prose(2)).items()):
        folder = tmp / f"hostile_{i}"
        nbytes = two_article_story(folder, text)
        rows.append((name, nbytes, *analyze(folder, tmp / "out.json", timeout, max(nbytes * 2, 5_000_000))))
    table(rows, growth=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["allsides", "prose", "hostile"], help="run one section")
    parser.add_argument("--timeout", type=float, default=900, help="CPU seconds before a process is stopped")
    parser.add_argument("--runs", type=int, default=3, help="alternating runs of the AllSides pair (medians compared)")
    args = parser.parse_args()
    sections = {"allsides": allsides, "prose": prose, "hostile": hostile}
    with tempfile.TemporaryDirectory() as tmp:
        for name, section in sections.items():
            if args.only in (None, name):
                if name == "allsides":
                    section(Path(tmp), args.timeout, args.runs)
                else:
                    section(Path(tmp), args.timeout)
    print(f"\n(Python {sys.version.split()[0]}; CPU = user + system seconds of each process)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
