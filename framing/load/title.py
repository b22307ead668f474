"""A story's title when nobody gave one: the headline that shares most words with the others.

A file or folder name ("events-0412") is a poor title; the outlets' own headlines say what the story
is. The chosen headline is the one whose words recur most in the other headlines (the first one on a
tie, and the first headline when no word is shared).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from framing.lang import profile
from framing.models import RawArticle
from framing.words import fold, tokens


def headline_title(articles: Sequence[RawArticle]) -> str | None:
    """The most representative headline of ``articles``, or None when none has a headline."""
    heads = [a for a in articles if a.title and a.title.strip()]
    if not heads:
        return None
    words = [_content_words(a) for a in heads]
    shared = Counter(w for ws in words for w in ws)
    # A word counts for each *other* headline that has it.
    scores = [sum(shared[w] - 1 for w in ws) for ws in words]
    best = max(range(len(heads)), key=lambda i: (scores[i], -i))
    return " ".join(heads[best].title.split())


def story_title(given: object, articles: Sequence[RawArticle], name: str) -> tuple[str, str]:
    """The title and where it came from: the one given, else the headlines, else the file name."""
    if given:
        return str(given), "manifest"
    derived = headline_title(articles)
    return (derived, "headlines") if derived else (name, "file")


def _content_words(article: RawArticle) -> set[str]:
    lang = profile(article.language)
    stop = lang.stop_words if lang else frozenset()
    return {fold(t.text) for t in tokens(article.title or "") if len(t.text) > 2 and fold(t.text) not in stop}
