"""How well loaded-language scores separate BABE's Biased from Non-biased sentences (ROC AUC).

BABE (Spinde et al. 2021) is an expert-annotated set of news sentences. It is not shipped with
framing: pass the path of its annotations as JSON Lines, one sentence a line with ``id``, ``text``
and ``labels.label_bias`` ("Biased" / "Non-biased"). Sentences with any other label are skipped.

The sentences are split for good into two halves by the SHA-1 of their id: the *development* half
is the only one looked at while the word lists and weights were written; the *held-out* half
measures them. Each score is printed with its AUC on both halves, and, on the held-out half, its
AUC within five bands of sentence length (the mean of the five), so a score that only tracks length
shows up near 0.5 there; then the current score's gain over each other row on the held-out half,
with a 95% paired bootstrap interval. Measured in the same run:

* sentence length in words;
* mean absolute VADER valence of a sentence's words (words VADER does not list count as 0); it needs
  the MIT-licensed ``vaderSentiment`` package, and the row is skipped without it;
* the previous score: weighted lexicon matches per word (at least 10), every loaded reporting verb
  at 1.0, quotes counted as the outlet's own words;
* the current score, :func:`framing.analyse.lenses.language.score_span`: the outlet's own words only
  (direct quotes found by :func:`framing.analyse.lenses.quotes.direct_spans`).

    python benchmarks/babe_auc.py [path/to/annotations.jsonl]
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

DEFAULT = Path("/work/shared/data/babe/annotations.jsonl")
PREVIOUS_WEIGHTS = {"loaded": 1.0, "attribution_loaded": 1.0, "label": 1.0, "evaluative": 0.5, "intensifier": 0.5}
LENGTH_BANDS = 5
RESAMPLES = 1000


def read_babe(path: Path) -> list[tuple[str, str, int]]:
    """(id, text, 1 for Biased / 0 for Non-biased) for every usable sentence."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            label = (record.get("labels") or {}).get("label_bias")
            if label not in ("Biased", "Non-biased") or not record.get("text"):
                continue
            out.append((str(record.get("id") or f"line-{n}"), record["text"], 1 if label == "Biased" else 0))
    return out


def is_development(sentence_id: str) -> bool:
    """The development half: ids whose SHA-1 is even."""
    return int(hashlib.sha1(sentence_id.encode("utf-8")).hexdigest(), 16) % 2 == 0


def as_article(sentence_id: str, text: str):
    from framing.models import Article, Block, Outlet, Source

    return Article(
        id=sentence_id,
        outlet=Outlet("BABE", "named"),
        source=Source(path=sentence_id, sha256="0" * 64, size=len(text), kind="text"),
        text=text,
        blocks=(Block("paragraph", 0, len(text)),),
    )


def vader_scorer() -> Callable[[str], float] | None:
    """Mean absolute VADER valence per word, or None when vaderSentiment is not installed."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    from framing.words import tokens

    lexicon = SentimentIntensityAnalyzer().lexicon

    def score(text: str) -> float:
        words = [t.text.lower() for t in tokens(text)]
        return sum(abs(lexicon.get(w, 0.0)) for w in words) / len(words) if words else 0.0

    return score


def previous_score(matches, words: int) -> float:
    """The score before quotes were set apart and reporting verbs weighed by stance."""
    best: dict[tuple[int, int], float] = {}
    for m in matches:
        unrated_label = m.category == "label" and m.stance in (None, "unrated")
        weight = 0.0 if m.stance == "neutral" or unrated_label else PREVIOUS_WEIGHTS.get(m.category, 0.0)
        key = (m.span.start, m.span.end)
        best[key] = max(best.get(key, 0.0), weight)
    return sum(best.values()) / max(words, 10) if words else 0.0


def banded_auc(labels: list[int], scores: list[float], lengths: list[int]) -> float:
    """Mean ROC AUC within bands of equal size by sentence length."""
    from sklearn.metrics import roc_auc_score

    order = sorted(range(len(labels)), key=lambda i: (lengths[i], i))
    size = len(order) / LENGTH_BANDS
    aucs = []
    for b in range(LENGTH_BANDS):
        band = order[round(b * size) : round((b + 1) * size)]
        ys = [labels[i] for i in band]
        if len(set(ys)) == 2:
            aucs.append(roc_auc_score(ys, [scores[i] for i in band]))
    return sum(aucs) / len(aucs)


def bootstrap_gap(labels: list[int], ours: list[float], other: list[float]) -> tuple[float, float]:
    """95% interval of AUC(ours) − AUC(other) over paired bootstrap resamples of the sentences."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(0)
    y, a, b = np.asarray(labels), np.asarray(ours), np.asarray(other)
    gaps = []
    for _ in range(RESAMPLES):
        idx = rng.integers(0, len(y), len(y))
        if len(set(y[idx])) == 2:
            gaps.append(roc_auc_score(y[idx], a[idx]) - roc_auc_score(y[idx], b[idx]))
    low, high = np.percentile(gaps, [2.5, 97.5])
    return float(low), float(high)


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not path.is_file():
        print(f"BABE annotations not found at {path}; pass their path as the first argument. Nothing to do.")
        return 0
    from sklearn.metrics import roc_auc_score

    from framing.lexicon.format import shipped_lexicons
    from framing.lexicon.matcher import Matcher
    from framing.words import word_count

    data = read_babe(path)
    labels = [y for _, _, y in data]
    if len(set(labels)) < 2:
        print(f"{path}: need both Biased and Non-biased sentences; found {len(data)} usable sentences.")
        return 0
    matcher = Matcher(shipped_lexicons())
    articles = [as_article(i, t) for i, t, _ in data]
    matches = [matcher.match(a) for a in articles]
    lengths = [word_count(t) for _, t, _ in data]

    rows: list[tuple[str, list[float]]] = [("sentence length (words)", [float(n) for n in lengths])]
    vader = vader_scorer()
    if vader is not None:
        rows.append(("VADER mean |valence| per word", [vader(t) for _, t, _ in data]))
    rows.append(("previous score (matches per word)", [previous_score(m, n) for m, n in zip(matches, lengths)]))
    try:
        from framing.analyse.lenses.language import score_span
        from framing.analyse.lenses.quotes import direct_spans
    except ImportError:
        score_span = None
    if score_span is not None:
        current = []
        for article, found in zip(articles, matches):
            quotes = [(q[0], q[3]) for q in direct_spans(article)]
            current.append(score_span(article, found, article.span(0, len(article.text)), quotes).score)
        rows.append(("loaded-language score (own words)", current))

    dev = [i for i, (sid, _, _) in enumerate(data) if is_development(sid)]
    held = [i for i in range(len(data)) if i not in set(dev)]
    n_biased = sum(labels)
    print(f"BABE: {len(data)} sentences ({n_biased} Biased, {len(data) - n_biased} Non-biased) from {path}")
    print(f"development half {len(dev)} sentences, held-out half {len(held)} (split by SHA-1 of id)")
    if vader is None:
        print("VADER row skipped: vaderSentiment is not installed (pip install vaderSentiment).")
    print()
    print(f"{'score':38s} {'dev AUC':>8s} {'held-out AUC':>13s} {'held-out, within length bands':>30s}")
    for name, values in rows:
        dev_auc = roc_auc_score([labels[i] for i in dev], [values[i] for i in dev])
        held_y, held_v = [labels[i] for i in held], [values[i] for i in held]
        held_auc = roc_auc_score(held_y, held_v)
        banded = banded_auc(held_y, held_v, [lengths[i] for i in held])
        print(f"{name:38s} {dev_auc:8.3f} {held_auc:13.3f} {banded:30.3f}")
    if score_span is not None:
        print()
        held_y = [labels[i] for i in held]
        ours = [rows[-1][1][i] for i in held]
        for name, values in rows[:-1]:
            other = [values[i] for i in held]
            gap = roc_auc_score(held_y, ours) - roc_auc_score(held_y, other)
            low, high = bootstrap_gap(held_y, ours, other)
            print(f"held-out AUC gain over {name}: {gap:+.3f} (95% bootstrap interval {low:+.3f} to {high:+.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
