"""Language profiles: the words a language's lenses need, as data (``framing/lang/<code>.toml``).

An article is read with the profile of its ``language``. Lenses that need a profile (actors, quotes,
labels, frames, lexicon rates) skip an article whose language has none, and the analysis says so; the
lenses that only need words (TF-IDF, log-odds, coverage) run on every article.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class LanguageProfile:
    """What the lenses need to read one language."""

    code: str
    name: str
    stemmer: str
    stop_words: frozenset[str]
    titles: frozenset[str]
    person_roles: frozenset[str]
    group_nouns: frozenset[str]
    reporting_verbs: frozenset[str]
    reporting_verbs_irregular: tuple[tuple[str, str], ...]
    reporting_verbs_nounish: frozenset[str]
    reporting_verbs_after_quote: frozenset[str]
    speech_documents: frozenset[str]
    title_cues: frozenset[str]
    abbreviations: frozenset[str]
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def words(self, key: str) -> frozenset[str]:
        """Any list of the profile's file as lower-cased words (empty when the file has none)."""
        return frozenset(str(w).lower() for w in self.data.get(key, ()))


def language_code(value: str | None) -> str:
    """The primary subtag of a language tag, lower-cased: ``"en-GB"`` → ``"en"``; empty when unknown."""
    return (value or "").strip().replace("_", "-").split("-")[0].lower()


def available() -> tuple[str, ...]:
    """Codes of the shipped profiles, sorted."""
    return tuple(sorted(p.name[:-5] for p in _folder().iterdir() if p.name.endswith(".toml")))


@lru_cache(maxsize=None)
def profile(language: str | None) -> LanguageProfile | None:
    """The shipped profile for ``language`` (any tag: ``en``, ``en-US``), or None when there is none."""
    code = language_code(language)
    if not code.isalpha():
        return None
    path = _folder() / f"{code}.toml"
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        return _profile(tomllib.load(fh)["language"])


def _folder() -> Path:
    return Path(str(resources.files("framing").joinpath("lang")))


def _profile(data: dict[str, Any]) -> LanguageProfile:
    words = lambda key: frozenset(str(w).lower() for w in data.get(key, ()))  # noqa: E731
    return LanguageProfile(
        code=data["code"],
        name=data["name"],
        stemmer=data.get("stemmer", ""),
        stop_words=words("stop_words") - words("stop_words_keep"),
        titles=words("titles"),
        person_roles=words("titles") | words("person_roles"),
        group_nouns=words("group_nouns"),
        reporting_verbs=words("reporting_verbs"),
        reporting_verbs_irregular=tuple(sorted(data.get("reporting_verbs_irregular", {}).items())),
        reporting_verbs_nounish=words("reporting_verbs_nounish"),
        reporting_verbs_after_quote=words("reporting_verbs_after_quote"),
        speech_documents=words("speech_documents"),
        title_cues=words("title_cues"),
        abbreviations=words("abbreviations"),
        data=data,
    )
