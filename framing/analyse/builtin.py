"""framing's own lenses, registered in the order the report reads them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from framing.analyse.registry import ArticleContext, Lens, StoryContext
from framing.models import Label, Match, Quote


def _actors(ctx: StoryContext):
    from framing.analyse.lenses.actors import build_registry

    read = [a for a in ctx.articles if ctx.profiles.get(a.id) is not None]
    return build_registry(read, ctx.resources["actor_specs"])


def _matches(ctx: ArticleContext) -> list[Match]:
    return ctx.resources["matcher"].match(ctx.article)


def _mentions(ctx: ArticleContext):
    return ctx["actors"].mentions(ctx.article)


def _quotes(ctx: ArticleContext) -> list[Quote]:
    from framing.analyse.lenses.quotes import find_quotes

    return find_quotes(ctx.article, ctx["actors"])


def _labels(ctx: ArticleContext) -> list[Label]:
    from framing.analyse.lenses.labels import find_labels

    quotes = ctx["quotes"]
    found = find_labels(ctx.article, ctx["actors"], ctx.resources["rate_label"], quotes)
    return merge_lexicon_labels(found, ctx["matches"], quotes)


def _frames(ctx: ArticleContext):
    from framing.analyse.lenses.frames import tag_frames

    names = ctx.resources["frame_categories"]
    return tag_frames(ctx.article, [m for m in ctx["matches"] if m.category in names], names)


def _scores(ctx: ArticleContext):
    from framing.lexicon.matcher import scores

    return scores(ctx.article, ctx["matches"], ctx.resources["scored_categories"])


def _voices(ctx: ArticleContext):
    from framing.analyse.lenses.quotes import voice_summary

    return voice_summary(ctx["quotes"], ctx["actors"])


def _language(ctx: ArticleContext):
    from framing.analyse.lenses.language import summarise_language

    direct = [q.span for q in ctx["quotes"] if q.kind == "direct"]
    return summarise_language(ctx.article, ctx["matches"], direct, ctx.resources["scored_categories"])


def _terms(ctx: StoryContext):
    from framing.analyse.lenses.terms import DistinctiveTerms

    return DistinctiveTerms().fit(ctx.articles).result_


def _log_odds(ctx: StoryContext):
    from framing.analyse.lenses.logodds import LogOddsRatio

    return LogOddsRatio().fit(ctx.articles, [a.outlet.name for a in ctx.articles]).result_


def _coverage(ctx: StoryContext):
    from framing.analyse.lenses.coverage import build_coverage

    return build_coverage(ctx.articles, ctx.each("mentions"))


def merge_lexicon_labels(labels: Sequence[Label], matches: Sequence[Match], quotes: Sequence[Quote]) -> list[Label]:
    """Labels found by pattern, plus the lexicon's label phrases that no pattern label covers.

    A pattern label the lexicon could not rate on its own words, or rated only as a plain title
    ("President"), takes the stance of
    a lexicon phrase for the same actor that overlaps it ("President Bashar al-Assad"). A lexicon
    phrase that overlaps a pattern label of another actor is left to the pattern, which saw the syntax.
    """
    out = list(labels)
    for m in (m for m in matches if m.category == "label" and m.actor):
        overlapping = [i for i, lab in enumerate(out) if lab.span.start < m.span.end and m.span.start < lab.span.end]
        for i in overlapping:
            if out[i].actor == m.actor and out[i].stance in ("unrated", "neutral") and m.stance:
                out[i] = replace(out[i], stance=m.stance)
        if overlapping:  # the pattern already says whom the words describe
            continue
        quoted = any(q.kind == "direct" and q.span.start <= m.span.start and m.span.end <= q.span.end for q in quotes)
        out.append(Label(m.actor, m.span.text, m.span, m.stance or "unrated", "quoted" if quoted else "own", "lexicon"))
    return sorted(out, key=lambda lab: (lab.span.start, lab.span.end, lab.actor, lab.text))


BUILTIN_LENSES: tuple[Lens, ...] = tuple(
    replace(lens, builtin=True)
    for lens in (
        Lens("actors", _actors, "story", needs_profile=True,
             description="People and organisations: the story lexicon's actors and names found in the text"),
        Lens("matches", _matches, description="Lexicon phrases: loaded words, hedges, frame cues, labels"),
        Lens("mentions", _mentions, requires=("actors",), needs_profile=True, description="Where each actor is named"),
        Lens("quotes", _quotes, requires=("actors",), needs_profile=True,
             description="Direct and paraphrased quotes with their speakers"),
        Lens("labels", _labels, requires=("actors", "quotes", "matches"), needs_profile=True,
             description="Descriptors attached to actors, with stance"),
        Lens("frames", _frames, requires=("matches",), needs_profile=True, description="Frame cues per sentence"),
        Lens("scores", _scores, requires=("matches",), needs_profile=True, description="Lexicon rates per 1,000 words"),
        Lens("language", _language, requires=("matches", "quotes"), needs_profile=True,
             description="Loaded and evaluative words, hedges: the outlet's own words apart from quoted ones"),
        Lens("voices", _voices, requires=("quotes", "actors"), needs_profile=True, description="Share of voice"),
        Lens("terms", _terms, "story", description="Distinctive and shared terms (TF-IDF)"),
        Lens("log_odds", _log_odds, "story", description="Words over- and under-used by each outlet (log-odds)"),
        Lens("coverage", _coverage, "story", requires=("mentions",),
             description="Story elements: which articles report which facts"),
    )
)
