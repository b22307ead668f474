"""How well the loaded-language score separates BABE's Biased from Non-biased sentences (ROC AUC).

BABE (Spinde et al. 2021) is an expert-annotated set of news sentences. It is not shipped with
framing: pass the path of its annotations as JSON Lines, one sentence a line with ``text`` and
``labels.label_bias`` ("Biased" / "Non-biased"). Sentences with any other label are skipped.

The baseline, measured in the same run, is the mean absolute VADER valence of a sentence's words
(words VADER does not list count as 0). It needs the MIT-licensed ``vaderSentiment`` package; without
it the baseline is skipped and the script says so. The word lists scored here were written without
looking at BABE, and nothing in framing is fitted to it.

    python benchmarks/babe_auc.py [path/to/annotations.jsonl]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DEFAULT = Path("/work/shared/data/babe/annotations.jsonl")


def read_babe(path: Path) -> tuple[list[str], list[int]]:
    texts, labels = [], []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            label = (record.get("labels") or {}).get("label_bias")
            if label not in ("Biased", "Non-biased") or not record.get("text"):
                continue
            texts.append(record["text"])
            labels.append(1 if label == "Biased" else 0)
    return texts, labels


def vader_baseline(texts: list[str]) -> list[float] | None:
    """Mean absolute VADER valence per word, or None when vaderSentiment is not installed."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    from framing.words import tokens

    lexicon = SentimentIntensityAnalyzer().lexicon
    out = []
    for text in texts:
        words = [t.text.lower() for t in tokens(text)]
        out.append(sum(abs(lexicon.get(w, 0.0)) for w in words) / len(words) if words else 0.0)
    return out


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not path.is_file():
        print(f"BABE annotations not found at {path}; pass their path as the first argument. Nothing to do.")
        return 0
    from sklearn.metrics import roc_auc_score

    from framing.analyse.lenses.language import loaded_language_score
    from framing.lexicon.format import shipped_lexicons
    from framing.lexicon.matcher import Matcher

    texts, labels = read_babe(path)
    if len(set(labels)) < 2:
        print(f"{path}: need both Biased and Non-biased sentences; found {len(texts)} usable sentences.")
        return 0
    matcher = Matcher(shipped_lexicons())
    ours = [loaded_language_score(t, matcher) for t in texts]
    auc = roc_auc_score(labels, ours)
    print(f"BABE sentences: {len(texts)} ({sum(labels)} Biased, {len(labels) - sum(labels)} Non-biased) from {path}")
    print(f"loaded-language score ROC AUC: {auc:.3f}  (non-zero for {sum(1 for s in ours if s > 0)} sentences)")
    baseline = vader_baseline(texts)
    if baseline is None:
        print("VADER baseline skipped: vaderSentiment is not installed (pip install vaderSentiment).")
        return 0
    base_auc = roc_auc_score(labels, baseline)
    print(f"VADER mean |valence| baseline ROC AUC: {base_auc:.3f}")
    print(f"ratio (ours / baseline): {auc / base_auc:.3f}; above chance: {(auc - 0.5) / (base_auc - 0.5):.2f}x the baseline's lift")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
