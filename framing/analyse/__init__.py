"""Run every lens over a story's cleaned articles and assemble the analysis document.

One module per lens: terms and log-odds (vocabulary), actors, labels, quotes, frames, coverage;
:mod:`framing.compare` turns their results into per-outlet contrasts and findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from framing import __version__
from framing.models import Article, Label, Match, Quote, Skipped, Story

SCHEMA_VERSION = "1.0"
LANGUAGE_KINDS = ("language", "attribution")


@dataclass
class ArticleResult:
    """Everything found in one article, each piece with its spans."""

    article: Article
    matches: list = field(default_factory=list)
    scores: dict = field(default_factory=dict)
    mentions: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    labels: list = field(default_factory=list)
    frames: Any = None
    voices: dict = field(default_factory=dict)


@dataclass
class Analysis:
    """The analysis of one story. ``to_json()`` gives the documented schema (docs/schema.md)."""

    story: Story
    results: list[ArticleResult]
    lexicons: list
    registry: Any
    terms: Any
    log_odds: Any
    coverage: Any
    categories: dict[str, Any]
    skipped: list[Skipped]
    parameters: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        from framing.compare import compare

        articles = [_article_json(r, self.registry, self.story) for r in self.results]
        doc: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "framing", "version": __version__},
            "story": {
                "title": self.story.title,
                "slug": self.story.slug,
                "source": Path(self.story.root).name,
                "manifest": _shown(self.story.manifest, self.story) if self.story.manifest else None,
                "date_range": _date_range(self.results),
            },
            "parameters": self.parameters,
            "lexicons": [_lexicon_json(lex, self.story) for lex in self.lexicons],
            "actors": [a.to_json() for a in self.registry.actors],
            "articles": articles,
            "skipped": [{"path": _shown(s.path, self.story), "reason": s.reason} for s in self.skipped],
            "warnings": [_relative_message(w, self.story) for w in self.story.warnings],
            "frame_categories": _category_list(self.categories, ("frame",)),
            "language_categories": _category_list(self.categories, LANGUAGE_KINDS),
            "terms": _terms_json(self.terms),
            "log_odds": self.log_odds.to_json(),
            "similarity": {"articles": list(self.terms.articles), "matrix": [list(r) for r in self.terms.similarity]},
            **_coverage_json(self.coverage),
        }
        doc.update(compare(doc))
        return doc


def analyse(story: Story, *, extra_lexicons: Sequence[str | Path] = ()) -> Analysis:
    """Clean the story's articles and run every lens. Raises LexiconError for a bad lexicon."""
    from framing.clean import clean
    from framing.lexicon.format import load_lexicon
    from framing.lexicon.matcher import Matcher, scores
    from framing.resources import shipped_lexicons
    from framing.analyse.lenses.actors import build_registry
    from framing.analyse.lenses.coverage import build_coverage
    from framing.analyse.lenses.frames import tag_frames
    from framing.analyse.lenses.labels import find_labels
    from framing.analyse.lenses.logodds import LogOddsRatio
    from framing.analyse.lenses.quotes import find_quotes, voice_summary
    from framing.analyse.stats import MIN_EVIDENCE
    from framing.analyse.lenses.terms import DistinctiveTerms

    paths = [*shipped_lexicons(), *story.lexicon_paths, *extra_lexicons]
    lexicons = [load_lexicon(p) for p in paths]
    matcher = Matcher(lexicons)
    categories = matcher.categories  # one rule for a category two lexicons define: the first wins
    frame_names = [n for n, c in categories.items() if c.kind == "frame"]
    scored = [n for n, c in categories.items() if c.kind in LANGUAGE_KINDS]

    skipped = list(story.skipped)
    articles: list[Article] = []
    for raw in story.articles:
        article = clean(raw)
        if not article.paragraphs:
            skipped.append(Skipped(raw.source.path, "nothing was left after removing page furniture"))
            continue
        articles.append(article)
    if not articles:
        from framing.errors import InputError

        raise InputError("no article has body text after cleaning", path=story.root)

    registry = build_registry(articles, [spec for lex in lexicons for spec in lex.actors])

    def rate(text: str) -> str | None:
        stances = [m.stance for m in matcher.find(text, "label") if m.stance and m.category in ("label", "loaded")]
        if "delegitimising" in stances:
            return "delegitimising"
        return stances[0] if stances else None

    results = []
    for article in articles:
        matches = matcher.match(article)
        quotes = find_quotes(article, registry)
        result = ArticleResult(
            article=article,
            matches=matches,
            scores=scores(article, matches, scored),
            mentions=registry.mentions(article),
            quotes=quotes,
            labels=merge_lexicon_labels(find_labels(article, registry, rate, quotes), matches, quotes),
            frames=tag_frames(article, [m for m in matches if m.category in frame_names], frame_names),
            voices=voice_summary(quotes, registry),
        )
        results.append(result)

    terms = DistinctiveTerms().fit(articles).result_
    log_odds = LogOddsRatio().fit(articles, [a.outlet.name for a in articles]).result_
    coverage = build_coverage(articles, {r.article.id: r.mentions for r in results})
    return Analysis(
        story=story,
        results=results,
        lexicons=lexicons,
        registry=registry,
        terms=terms,
        log_odds=log_odds,
        coverage=coverage,
        categories=categories,
        skipped=skipped,
        parameters={
            "tfidf_ngram_range": "1-3",
            "min_sentences": MIN_EVIDENCE.sentences,
            "min_matches": MIN_EVIDENCE.matches,
            "bootstrap_resamples": 1000,
            "bootstrap_seed": 0,
        },
    )


def merge_lexicon_labels(labels: Sequence[Label], matches: Sequence[Match], quotes: Sequence[Quote]) -> list[Label]:
    """Labels found by pattern, plus the lexicon's label phrases that no pattern label covers.

    A pattern label the lexicon could not rate on its own words ("President") takes the stance of
    a lexicon phrase for the same actor that overlaps it ("President Bashar al-Assad"). A lexicon
    phrase that overlaps a pattern label of another actor is left to the pattern, which saw the syntax.
    """
    out = list(labels)
    for m in (m for m in matches if m.category == "label" and m.actor):
        overlapping = [i for i, lab in enumerate(out) if lab.span.start < m.span.end and m.span.start < lab.span.end]
        for i in overlapping:
            if out[i].actor == m.actor and out[i].stance == "unrated" and m.stance:
                out[i] = replace(out[i], stance=m.stance)
        if overlapping:  # the pattern already says whom the words describe
            continue
        quoted = any(q.kind == "direct" and q.span.start <= m.span.start and m.span.end <= q.span.end for q in quotes)
        out.append(Label(m.actor, m.span.text, m.span, m.stance or "unrated", "quoted" if quoted else "own", "lexicon"))
    return sorted(out, key=lambda lab: (lab.span.start, lab.span.end, lab.actor, lab.text))


def _shown(path: str, story: Story) -> str:
    """A path as the document records it: relative to the story folder, or the package's own for a
    shipped lexicon, so the same story gives the same JSON wherever it and framing are installed."""
    from framing.resources import lexicons_dir

    root = Path(story.root)
    base = (root if root.is_dir() else root.parent).resolve()
    name, line = path, ""
    if root.is_file() and path.startswith(str(root) + ":"):  # a JSON Lines record: "file.jsonl:12"
        name, line = str(root), path[len(str(root)):]
    resolved = Path(name).resolve()
    if resolved.is_relative_to(lexicons_dir().resolve()):
        return f"framing/lexicons/{resolved.name}"
    if resolved.is_relative_to(base):
        return resolved.relative_to(base).as_posix() + line
    return path


def _relative_message(message: str, story: Story) -> str:
    """A loader warning with the story's path as the document records paths: relative to the story."""
    root = str(Path(story.root))
    return message.replace(root + "/", "").replace(root, Path(story.root).name)


def _category_list(categories: dict[str, Any], kinds: Sequence[str]) -> list[dict[str, str]]:
    return [
        {"name": name, "label": name.replace("_", " ").capitalize(), "kind": c.kind, "description": c.description}
        for name, c in categories.items()
        if c.kind in kinds
    ]


def _date_range(results: Sequence[ArticleResult]) -> list[str] | None:
    dates = sorted(r.article.published[:10] for r in results if r.article.published and r.article.published[:4].isdigit())
    return [dates[0], dates[-1]] if dates else None


def _lexicon_json(lex: Any, story: Story) -> dict[str, Any]:
    return {
        "name": lex.name,
        "version": lex.version,
        "path": _shown(str(lex.path), story),
        "sha256": lex.sha256,
        "licence": lex.licence,
        "sources": list(lex.sources),
        "categories": {
            name: {"kind": c.kind, "description": c.description, "source": c.source} for name, c in lex.categories.items()
        },
        "entries": len(lex.entries),
        "actors": len(lex.actors),
    }


def _coverage_json(coverage: Any) -> dict[str, Any]:
    """``coverage``: the story elements, each with its sentences as one list of spans in article
    order; ``coverage_summary``: what the elements show about each article, and the near-copies."""
    data = coverage.to_json()
    elements = data.pop("elements")
    for element in elements:
        sentences = element.pop("sentences")
        element["spans"] = [s for aid in data["articles"] for s in sentences.get(aid, [])]
        element["lead_in"] = element.pop("lead")
    data["leads"] = data.pop("lead_elements")
    return {"coverage": elements, "coverage_summary": data}


def _terms_json(terms: Any) -> dict[str, Any]:
    data = terms.to_json()
    return {"distinctive": data["distinctive"], "shared": data["shared"]}


def _article_json(result: ArticleResult, registry: Any, story: Story) -> dict[str, Any]:
    from framing.words import body_words

    a = result.article
    words = body_words(a)
    frames = result.frames.to_json()
    return {
        "id": a.id,
        "outlet": {
            "name": a.outlet.name, "evidence": a.outlet.evidence, "note": a.outlet.note,
            "lean": a.outlet.lean, "display": a.outlet.display,
        },
        "title": a.title,
        "title_from": a.title_from,
        "standfirst": a.standfirst,
        "published": a.published,
        "published_note": a.published_note,
        "url": a.url,
        "language": a.language,
        "source": {
            "path": _shown(a.source.path, story), "sha256": a.source.sha256, "size": a.source.size,
            "kind": a.source.kind, "encoding": a.source.encoding,
        },
        "metadata": a.metadata,
        "text": a.text,
        "words": words,
        "blocks": [{"kind": b.kind, "start": b.start, "end": b.end} for b in a.blocks],
        "removed": [{"line": r.line, "text": r.text, "reason": r.reason} for r in a.removed],
        "matches": [m.to_json() for m in result.matches],
        "scores": _scores_json(result),
        "mentions": [{"actor": m.actor, "start": m.span.start, "end": m.span.end} for m in result.mentions],
        "labels": [lab.to_json() for lab in result.labels],
        "quotes": [_quote_json(q, registry) for q in result.quotes],
        "voices": _voices_json(result.voices),
        "frames": {
            "sentences": frames["sentences"],
            "leading": frames["leading"],
            "leading_label": (frames["leading"] or "").replace("_", " ").capitalize(),
            "leading_reason": frames["leading_reason"],
            "categories": {
                f["category"]: {
                    "count": f["sentences"], "share": f["share"], "low": f["low"], "high": f["high"],
                    "cues": f["matches"], "example": f["examples"][0] if f["examples"] else None,
                }
                for f in frames["frames"]
            },
        },
    }


def _voices_json(voices: dict[str, Any]) -> dict[str, Any]:
    """Speakers and speaker groups as lists, most words first (ties by name)."""
    speakers = [{"speaker": k, **v} for k, v in voices["speakers"].items()]
    speakers.sort(key=lambda s: (-s["words"], -s["quotes"], -s["paraphrases"], s["name"]))
    groups = [{"group": k, **v} for k, v in voices["groups"].items() if v["words"] or v["quotes"] or v["paraphrases"]]
    groups.sort(key=lambda g: (-g["words"], -g["quotes"], g["group"]))
    return {**voices, "speakers": speakers, "groups": [g for g in groups if g["words"]], "paraphrase_groups": groups}


def _quote_json(quote: Any, registry: Any) -> dict[str, Any]:
    data = quote.to_json()
    actor = registry.get(quote.speaker) if hasattr(registry, "get") else None
    data["speaker_name"] = actor.name if actor else quote.speaker_text
    return data


def _scores_json(result: ArticleResult) -> dict[str, Any]:
    """Per category: the count, the rate per 1,000 body words, and the first matches as examples."""
    out = {}
    for name, score in sorted(result.scores.items()):
        examples = [m.span.to_json() for m in result.matches if m.category == name][:8]
        out[name] = {"count": score.count, "per_1000": round(score.per_1000, 2), "words": score.words, "examples": examples}
    return out
