"""Run the registered lenses over a story's cleaned articles: the analysis as typed records.

Each lens is one module of :mod:`framing.analyse.lenses`, registered in :mod:`framing.analyse.builtin`.
A lens that fails on one article is recorded as a failure of that article and lens; the rest of the
story is still analysed. :mod:`framing.export` turns the records into the JSON document.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from framing.analyse.registry import ArticleContext, Lens, StoryContext
from framing.models import Article, CleanStory, Skipped, Story

LANGUAGE_KINDS = ("language", "attribution")


@dataclass(frozen=True)
class LensFailure:
    """An internal error of one lens, on one article (``article`` is None for a story lens)."""

    lens: str
    article: str | None
    source: str | None
    error: str
    where: str

    @property
    def message(self) -> str:
        on = f" on {self.source}" if self.source else ""
        return (f"internal error in the {self.lens} lens{on}: {self.error} (at {self.where}); the rest of the "
                f"story was analysed. Please report this as a bug, with the article if you can share it.")


@dataclass
class ArticleAnalysis:
    """Everything the lenses found in one article, by product name, and what they could not do."""

    article: Article
    products: dict[str, Any] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def get(self, name: str, default: Any = None) -> Any:
        return self.products.get(name, default)

    @property
    def matches(self) -> list:
        return self.products.get("matches", [])

    @property
    def mentions(self) -> list:
        return self.products.get("mentions", [])

    @property
    def quotes(self) -> list:
        return self.products.get("quotes", [])

    @property
    def labels(self) -> list:
        return self.products.get("labels", [])

    @property
    def scores(self) -> dict:
        return self.products.get("scores", {})


@dataclass
class Analysis:
    """The analysis of one story: per-article and story products, and what was skipped or failed."""

    story: Story
    articles: list[ArticleAnalysis]
    lexicons: list
    categories: dict[str, Any]
    products: dict[str, Any]
    lenses: tuple[Lens, ...]
    skipped: list[Skipped]
    failures: list[LensFailure]
    story_skipped: dict[str, str]
    parameters: dict[str, Any]

    @property
    def registry(self) -> Any:
        """The story's actors (an empty registry when the actors lens could not run)."""
        if "actors" in self.products:
            return self.products["actors"]
        from framing.analyse.lenses.actors import ActorRegistry

        return ActorRegistry([])


def run_lenses(
    cleaned: CleanStory,
    lenses: Sequence[Lens],
    resources: Mapping[str, Any],
    profiles: Mapping[str, Any],
    *,
    lexicons: Sequence[Any] = (),
    parameters: Mapping[str, Any] | None = None,
) -> Analysis:
    """Run ``lenses`` (already ordered) over the cleaned articles; never raises for a lens's own error."""
    results = [ArticleAnalysis(a) for a in cleaned.articles]
    story_products: dict[str, Any] = {}
    story_skipped: dict[str, str] = {}
    failures: list[LensFailure] = []
    story_level = {lens.name for lens in lenses if lens.scope == "story"}
    for lens in lenses:
        if lens.scope == "story":
            _run_story_lens(lens, cleaned, results, story_products, story_skipped, resources, profiles, failures,
                            story_level)
            continue
        for result in results:
            _run_article_lens(lens, result, story_products, story_skipped, resources, profiles, failures)
    return Analysis(
        story=cleaned.story,
        articles=results,
        lexicons=list(lexicons),
        categories=dict(resources.get("categories", {})),
        products=story_products,
        lenses=tuple(lenses),
        skipped=list(cleaned.skipped),
        failures=failures,
        story_skipped=story_skipped,
        parameters=dict(parameters or {}),
    )


def _missing(lens: Lens, have: Mapping[str, Any], skipped: Mapping[str, str], story: Mapping[str, Any]) -> str | None:
    for name in lens.requires:
        if name not in have and name not in story:
            why = skipped.get(name, "")
            return f"needs {name}, which did not run" + (f" ({why})" if why else "")
    return None


def _run_article_lens(lens, result, story, story_skipped, resources, profiles, failures) -> None:
    article = result.article
    profile = profiles.get(article.id)
    if lens.needs_profile and profile is None:
        result.skipped[lens.name] = f"no language profile for {article.language!r}"
        return
    missing = _missing(lens, result.products, {**story_skipped, **result.skipped}, story)
    if missing:
        result.skipped[lens.name] = missing
        return
    ctx = ArticleContext(article, profile, resources, story, result.products)
    try:
        result.products[lens.name] = lens.run(ctx)
    except Exception as exc:  # one lens failing on one article must not sink the story
        failure = _failure(lens, exc, article.id, article.source.path)
        failures.append(failure)
        result.skipped[lens.name] = f"failed: {failure.error}"


def _run_story_lens(lens, cleaned, results, story, story_skipped, resources, profiles, failures, story_level) -> None:
    # An article product a story lens reads may be missing for some or all articles (another language):
    # the lens reads what there is. A story product it reads must be there.
    missing = _missing(replace(lens, requires=tuple(r for r in lens.requires if r in story_level)), {}, story_skipped, story)
    if missing:
        story_skipped[lens.name] = missing
        return
    ctx = StoryContext(cleaned.articles, resources, story, {r.article.id: r.products for r in results}, profiles)
    try:
        story[lens.name] = lens.run(ctx)
    except Exception as exc:
        failure = _failure(lens, exc, None, None)
        failures.append(failure)
        story_skipped[lens.name] = f"failed: {failure.error}"


def _failure(lens: Lens, exc: Exception, article: str | None, source: str | None) -> LensFailure:
    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1] if frames else None
    where = f"{last.filename.rsplit('/', 1)[-1]}:{last.lineno} in {last.name}" if last else "unknown"
    return LensFailure(lens.name, article, source, f"{type(exc).__name__}: {exc}", where)


def analyse(story: Story, *, extra_lexicons: Sequence[Any] = ()) -> Analysis:
    """Clean and analyse a story with framing's lenses and lexicons (plus ``extra_lexicons``).

    A shortcut for ``Pipeline(lexicons=extra_lexicons).analyse(story)``. Raises LexiconError for a bad
    lexicon and InputError when no article has body text.
    """
    from framing.api import Pipeline

    return Pipeline(lexicons=extra_lexicons).analyse(story)
