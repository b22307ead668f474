"""How words are compared: each word of a text or of a lexicon phrase becomes the key it is looked up by.

A key is the word folded and stemmed (inflections only), or its surface form for acronyms and
case-sensitive phrases, or its folded form unstemmed for exact phrases.

A hyphen joins the words of a compound of common words ("would-be", "so-called", "far-right"): such
a phrase's words after a hyphen carry :data:`HYPHEN_MARK`, which only a word written after a hyphen
offers, so "would-be" does not match the verb phrase "would be". In a name ("al-Qaeda",
"al-Sharaa") a hyphen and a space are spelling variants and stay alike, and a phrase written with a
space ("far right") finds the hyphenated form too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, NamedTuple

from framing.words import tokens

_HYPHENS_RE = re.compile(r"[-‐‑]")
_POSSESSIVE = ("'s", "'S")
CASE_MARK = "\x00"  # marks a key that must match the surface form, case and all
EXACT_MARK = "\x01"  # marks a key that must match the folded form, unstemmed
HYPHEN_MARK = "\x02"  # marks a key that must follow a hyphen in the text


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


@lru_cache(maxsize=131072)
def _stem(word: str) -> str:
    """Snowball's stem when it only undid an inflection; otherwise the stem tagged with the rest.

    Snowball English also strips derivational suffixes, folding "powerful" into "power", "critical"
    into "critic" and "likely" into "like". A lexicon word must match its inflections ("claim",
    "claims", "claimed", "claiming") but not its relatives, so whatever Snowball cut beyond the
    inflection is kept as a tag: "power~ful", "critic~al", "like~ly".
    """
    stem = _stemmer().stemWord(word)
    base = word
    if not word.endswith(("ss", "us", "is")):
        for ending, replacement in _INFLECTIONS:
            if word.endswith(ending) and len(word) - len(ending) >= 2:
                base = word[: -len(ending)] + replacement
                break
    candidates = (base, base[:-1] + "i") if base.endswith("y") else (base,)
    for cand in candidates:
        if stem.startswith(cand) and len(stem) - len(cand) <= 1:
            return stem
        if cand.startswith(stem) and (cand[len(stem) :] in ("", "e") or cand[len(stem) :] == stem[-1:]):
            return stem
    rest = candidates[-1][len(stem) :] if candidates[-1].startswith(stem) else candidates[-1]
    return f"{stem}~{rest}"


def _unaccent(text: str) -> str:
    """Strip diacritics and unify apostrophes, keeping case."""
    text = text.replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _is_acronym(surface: str) -> bool:
    letters = [ch for ch in surface if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


class Word(NamedTuple):
    """One comparable word of a text: hyphenated words split, possessive ''s' left outside the span.

    ``joined`` is true for a word written straight after a hyphen ("be" in "would-be").
    """

    start: int
    end: int
    stem: str
    surface: str
    folded: str
    joined: bool = False


def words_of(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The comparable words of ``text[start:end]``, offsets into ``text``."""
    out: list[Word] = []
    for tok in tokens(text, start, end):
        pos = tok.start
        for i, part in enumerate(_HYPHENS_RE.split(tok.text)):
            p_start, p_end = pos, pos + len(part)
            pos = p_end + 1
            surface, folded, stem, cut = _forms(part)
            if surface:
                out.append(Word(p_start, p_end - cut, stem, surface, folded, joined=i > 0))
    return out


@lru_cache(maxsize=131072)
def _forms(part: str) -> tuple[str, str, str, int]:
    """A word as written → (surface, folded, stem, characters of possessive cut from its end).
    Words recur, so each form is worked out once."""
    surface = _unaccent(part)
    cut = 0
    if surface.endswith(_POSSESSIVE) and len(surface) > 2:
        surface, cut = surface[:-2], 2
    surface = surface.replace(".", "")
    folded = surface.casefold()
    return surface, folded, _stem(folded) if surface else "", cut


def key_sequence(phrase: str, case_sensitive: bool, exact: bool = False) -> list[tuple[str, str]]:
    """A phrase as trie edges: ("=", key) for whole words, ("*", prefix) for ``word*``.

    In a compound of lower-case words, each word after a hyphen has its key marked with
    :data:`HYPHEN_MARK`: it matches only text that has the hyphen too.
    """
    keys: list[tuple[str, str]] = []
    for chunk in phrase.split():
        prefix = chunk.endswith("*")
        words = words_of(chunk.rstrip("*"))
        compound = len(words) > 1 and not any(ch.isupper() for ch in chunk)
        for i, w in enumerate(words):
            mark = HYPHEN_MARK if compound and w.joined else ""
            if prefix and i == len(words) - 1:
                keys.append(("*", mark + w.folded))
            elif case_sensitive or _is_acronym(w.surface):
                keys.append(("=", mark + CASE_MARK + w.surface))
            elif exact:
                keys.append(("=", mark + EXACT_MARK + w.folded))
            else:
                keys.append(("=", mark + w.stem))
    return keys

