"""Lenses as registered parts: each declares what it reads and what it gives, so the order follows.

A lens is a function of a context. An ``article`` lens runs once per article and reads the products
of earlier article lenses for that article; a ``story`` lens runs once and reads story products and,
through :meth:`StoryContext.each`, every article's products. Users add lenses through the
``framing.lenses`` entry point group or ``Pipeline(lenses=...)``; see docs/lenses.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from framing.errors import UsageError

ENTRY_POINT_GROUP = "framing.lenses"


@dataclass(frozen=True)
class Lens:
    """One analysis step.

    ``name`` is also the name of what it provides. ``requires`` names the products it reads.
    ``needs_profile`` is true for a lens that reads a language (titles, reporting verbs): it skips
    articles whose language has no profile. ``to_json`` turns an added lens's result into JSON; a
    result that is a :class:`framing.models.Measure` needs none and is also shown in the report.
    """

    name: str
    run: Callable[[Any], Any]
    scope: Literal["article", "story"] = "article"
    requires: tuple[str, ...] = ()
    needs_profile: bool = False
    description: str = ""
    to_json: Callable[[Any], Any] | None = None
    builtin: bool = field(default=False, compare=False)


@dataclass
class ArticleContext:
    """What an article lens sees: the article, its language profile, the pipeline's resources,
    the story's products so far and this article's products so far."""

    article: Any
    profile: Any
    resources: Mapping[str, Any]
    story: Mapping[str, Any]
    products: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        if name in self.products:
            return self.products[name]
        return self.story[name]


@dataclass
class StoryContext:
    """What a story lens sees: the articles, the resources, story products and every article's."""

    articles: Sequence[Any]
    resources: Mapping[str, Any]
    products: dict[str, Any]
    per_article: Mapping[str, Mapping[str, Any]]
    profiles: Mapping[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.products[name]

    def each(self, name: str) -> dict[str, Any]:
        """Article id → that article's product ``name``, for the articles that have it."""
        return {aid: p[name] for aid, p in self.per_article.items() if name in p}


def ordered(lenses: Iterable[Lens]) -> list[Lens]:
    """The lenses in an order where every product is made before it is read.

    Registration order is kept where the requirements allow it. Raises UsageError for two lenses
    with one name, a requirement nobody provides, or a cycle.
    """
    pending = list(lenses)
    names = [lens.name for lens in pending]
    doubled = sorted({n for n in names if names.count(n) > 1})
    if doubled:
        raise UsageError(f"two lenses are called {doubled[0]!r}; give each lens its own name")
    for lens in pending:
        missing = [r for r in lens.requires if r not in names]
        if missing:
            raise UsageError(f"lens {lens.name!r} needs {missing[0]!r}, which no lens provides")
    done: set[str] = set()
    out: list[Lens] = []
    while pending:
        ready = next((lens for lens in pending if set(lens.requires) <= done), None)
        if ready is None:
            raise UsageError(f"lenses {', '.join(sorted(lens.name for lens in pending))} need each other in a cycle")
        pending.remove(ready)
        done.add(ready.name)
        out.append(ready)
    return out


def installed_lenses() -> list[Lens]:
    """Lenses other packages register in the ``framing.lenses`` entry point group, by name."""
    from importlib.metadata import entry_points

    found = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            value = ep.load()
        except Exception as exc:  # a broken plug-in must say which it is, not crash the run
            raise UsageError(f"the lens plug-in {ep.name!r} ({ep.value}) failed to load: {exc}") from exc
        lens = value() if callable(value) and not isinstance(value, Lens) else value
        if not isinstance(lens, Lens):
            raise UsageError(f"the lens plug-in {ep.name!r} ({ep.value}) is not a framing Lens")
        found.append(lens)
    return found
