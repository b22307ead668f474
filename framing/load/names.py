"""Outlet names and titles as a report may show them: no hidden direction changes, no invisible letters.

A right-to-left override (U+202E) can make a title show text the analysis never saw; a zero-width
space or a Cyrillic "а" can make two outlets look like one. Names are normalised (NFKC, format
characters out) and names that still only look alike are reported as a story warning.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Explicit bidirectional formatting: embeddings and overrides, isolates, the LRM/RLM/ALM marks.
BIDI_CONTROLS_RE = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")

# Cyrillic and Greek letters drawn like Latin ones, after the Unicode confusables data
# (UTS #39, confusables.txt, "prototype" mappings; Unicode licence).
_LOOKALIKES = str.maketrans(
    "аеорсухѕіјԁһӏԛԝАВЕКМНОРСТХУЅІЈԚԜҮ" "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοαιρνυκ",
    "aeopcyxsijdhlqwABEKMHOPCTXYSIJQWY" "ABEZHIKMNOPTYXoaipvuk",
)


def outlet_name(name: str) -> str:
    """The name in NFKC form without format characters (zero-width, bidi controls), spaces collapsed."""
    folded = unicodedata.normalize("NFKC", name)
    visible = "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")
    return " ".join(visible.split())


def shown_text(text: str) -> str:
    """A title or note without the bidi controls that would reorder how it is shown."""
    return BIDI_CONTROLS_RE.sub("", text)


def lookalike_warnings(names: Iterable[str], where: str) -> list[str]:
    """A warning for each pair of different outlet names that are drawn the same."""
    by_shape: dict[str, list[str]] = {}
    for name in sorted(set(names)):
        by_shape.setdefault(name.translate(_LOOKALIKES), []).append(name)
    warnings = []
    for group in by_shape.values():
        for other in group[1:]:
            warnings.append(
                f"{where}: outlets {group[0]!r} and {other!r} look alike but are spelled with different "
                f"letters ({_scripts(group[0])} vs {_scripts(other)}); spell one outlet the same way "
                "everywhere, or rename one of two outlets"
            )
    return warnings


def _scripts(name: str) -> str:
    found = sorted({unicodedata.name(ch, "?").split()[0].title() for ch in name if ch.isalpha()})
    return "+".join(found) or "no letters"
