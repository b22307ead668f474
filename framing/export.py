"""Analysis records → the schema document (docs/schema.md): the only place JSON shapes are written."""

from __future__ import annotations

import json
from functools import lru_cache
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from framing import __version__
from framing.analyse import LANGUAGE_KINDS, Analysis, ArticleAnalysis
from framing.analyse.registry import Lens
from framing.compare import Comparison, compare
from framing.compare.table import frame_label, ranked_groups
from framing.models import Chip, GlanceCell, Measure, Story

SCHEMA_VERSION = "2.0"


def document(analysis: Analysis) -> dict[str, Any]:
    """The whole analysis as the documented JSON document, comparison and findings included."""
    story = analysis.story
    registry = analysis.registry
    terms = _product(analysis, "terms")
    added = [lens for lens in analysis.lenses if not lens.builtin]
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "framing", "version": __version__},
        "story": {
            "title": story.title,
            "title_from": story.title_from,
            "slug": story.slug,
            "source": Path(story.root).name,
            "manifest": _shown(story.manifest, story) if story.manifest else None,
            "date_range": _date_range(analysis.articles),
        },
        "parameters": analysis.parameters,
        "lexicons": [_lexicon_json(lex, story) for lex in analysis.lexicons],
        "actors": [_actor_json(a) for a in registry.actors],
        "articles": [_article_json(r, registry, story, added) for r in analysis.articles],
        "skipped": [{"path": _shown(s.path, story), "reason": s.reason} for s in analysis.skipped],
        "warnings": [_relative_message(w, story) for w in (*story.warnings, *(f.message for f in analysis.failures))],
        "frame_categories": _category_list(analysis.categories, ("frame",)),
        "language_categories": _category_list(analysis.categories, LANGUAGE_KINDS),
        "terms": _terms_json(terms),
        "log_odds": _log_odds_json(_product(analysis, "log_odds")),
        "similarity": {
            "articles": list(terms.articles),
            "matrix": None if terms.similarity is None else [list(r) for r in terms.similarity],
            "nearest": {a: [{"article": b, "similarity": v} for b, v in near] for a, near in terms.nearest.items()},
        },
        **_coverage_json(_product(analysis, "coverage")),
        "lenses": [_lens_json(lens, analysis) for lens in analysis.lenses],
        "failures": [
            {"lens": f.lens, "article": f.article, "source": _shown(f.source, story) if f.source else None,
             "error": f.error, "where": f.where}
            for f in analysis.failures
        ],
        "extensions": _extensions(analysis.products, added, "story"),
    }
    doc.update(_comparison_json(compare(analysis)))
    return doc


def _product(analysis: Analysis, name: str) -> Any:
    """A story product, or the empty result of its lens when the lens could not run."""
    if name in analysis.products:
        return analysis.products[name]
    ids = tuple(r.article.id for r in analysis.articles)
    if name == "terms":
        from framing.analyse.lenses.terms import TermsResult

        return TermsResult(ids, {a: () for a in ids}, (), (), {a: () for a in ids})
    if name == "log_odds":
        from framing.analyse.lenses.logodds import LogOddsResult

        return LogOddsResult((), 0.0, 0.0)
    from framing.analyse.lenses.coverage import Coverage

    return Coverage(ids, (), (), {a: () for a in ids}, {a: () for a in ids}, (), (), 0.0)


def _frames(result: ArticleAnalysis) -> Any:
    if "frames" in result.products:
        return result.products["frames"]
    from framing.analyse.lenses.frames import ArticleFrames

    why = result.skipped.get("frames", "not analysed")
    return ArticleFrames(result.article.id, 0, (), (), None, f"Frames were not analysed: {why}.")


def _voices(result: ArticleAnalysis) -> dict[str, Any]:
    if "voices" in result.products:
        return result.products["voices"]
    return {"total_words": 0, "speakers": {}, "groups": {}, "anonymous": 0, "media_cited": 0, "unattributed": 0}


def _comparison_json(comparison: Comparison) -> dict[str, Any]:
    return {
        "label_table": [
            {
                "actor": row.actor, "name": row.name, "total": row.total, "outlets": row.outlets,
                "cells": {aid: [_chip_json(c) for c in chips] for aid, chips in row.cells.items()},
            }
            for row in comparison.label_table
        ],
        "glance": {"rows": [
            {"dimension": row.dimension, "cells": {aid: _glance_cell_json(c) for aid, c in row.cells.items()}}
            for row in comparison.glance
        ]},
        "findings": [
            {
                "id": f"f{i:02d}", "kind": f.kind, "text": f.text, "strength": round(f.strength, 3),
                "caveat": f.caveat, "subjects": list(f.subjects), "evidence": [s.to_json() for s in f.evidence],
            }
            for i, f in enumerate(comparison.findings, 1)
        ],
        "limits": list(comparison.limits),
    }


def _chip_json(chip: Chip) -> dict[str, Any]:
    s = chip.span
    return {"text": chip.text, "count": chip.count, "stance": chip.stance, "own": chip.own, "quoted": chip.quoted,
            "start": s.start, "end": s.end}


def _glance_cell_json(cell: GlanceCell) -> dict[str, Any]:
    s = cell.span
    return {"text": cell.text, "stance": cell.stance, "start": s.start if s else None, "end": s.end if s else None}


def _lens_json(lens: Lens, analysis: Analysis) -> dict[str, Any]:
    return {
        "name": lens.name,
        "scope": lens.scope,
        "requires": list(lens.requires),
        "description": lens.description,
        "added": not lens.builtin,
        "skipped": analysis.story_skipped.get(lens.name),
    }


def _measures(result: ArticleAnalysis, added: Sequence[Lens]) -> dict[str, Any]:
    """What added article lenses measured, as figures with their evidence spans."""
    out = {}
    for lens in added:
        value = result.products.get(lens.name)
        if lens.scope == "article" and isinstance(value, Measure):
            out[lens.name] = {
                "value": value.value, "display": value.display, "note": value.note,
                "evidence": [s.to_json() for s in value.evidence],
            }
    return out


def _extensions(products: dict[str, Any], added: Sequence[Lens], scope: str) -> dict[str, Any]:
    """Other results of added lenses, through each lens's own ``to_json`` (or as they are)."""
    out = {}
    for lens in added:
        if lens.scope != scope or lens.name not in products or isinstance(products[lens.name], Measure):
            continue
        value = products[lens.name]
        out[lens.name] = lens.to_json(value) if lens.to_json else value
    return out


def dumps(doc: dict[str, Any], indent: int | None = None) -> str:
    """The document as JSON text, UTF-8 and strict (no NaN), in the schema's field order.

    Compact by default, which lets the C encoder do the work; ``indent`` for people.
    """
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(doc, ensure_ascii=False, indent=indent, separators=separators, allow_nan=False) + "\n"
@lru_cache(maxsize=16)
def _roots(root: str) -> tuple[Path, Path]:
    """The story's folder and the shipped lexicons' folder, resolved once per story, not per path."""
    from framing.resources import lexicons_dir

    story_root = Path(root)
    return (story_root if story_root.is_dir() else story_root.parent).resolve(), lexicons_dir().resolve()


def _shown(path: str, story: Story) -> str:
    """A path as the document records it: relative to the story folder, or the package's own for a
    shipped lexicon, so the same story gives the same JSON wherever it and framing are installed."""
    root = Path(story.root)
    base, lexicons = _roots(str(root))
    name, line = path, ""
    if root.is_file() and path.startswith(str(root) + ":"):  # a JSON Lines record: "file.jsonl:12"
        name, line = str(root), path[len(str(root)):]
    try:
        resolved = Path(name).resolve()
    except (RuntimeError, OSError):  # a link loop: show the path as given
        return path
    if resolved.is_relative_to(lexicons):
        return f"framing/lexicons/{resolved.name}"
    if resolved.is_relative_to(base):
        return resolved.relative_to(base).as_posix() + line
    return path


def _relative_message(message: str, story: Story) -> str:
    """A loader warning with the story's path as the document records paths: relative to the story."""
    root = str(Path(story.root))
    if root in ("", "."):  # an in-memory story: its paths are already as given
        return message
    return message.replace(root + "/", "").replace(root, Path(story.root).name)


def _category_list(categories: dict[str, Any], kinds: Sequence[str]) -> list[dict[str, str]]:
    return [
        {"name": name, "label": name.replace("_", " ").capitalize(), "kind": c.kind, "description": c.description}
        for name, c in categories.items()
        if c.kind in kinds
    ]


def _date_range(results: Sequence[ArticleAnalysis]) -> list[str] | None:
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
    def near(c: Any) -> dict[str, Any]:
        return {"a": c.a.to_json(), "b": c.b.to_json(), "similarity": c.similarity}

    elements = [
        {"id": e.id, "text": e.text, "representative": e.representative.to_json(), "articles": list(e.articles),
         "related": dict(e.related), "spans": [s.to_json() for s in e.spans], "lead_in": list(e.lead)}
        for e in coverage.elements
    ]
    summary = {
        "articles": list(coverage.articles),
        "threshold": coverage.threshold,
        # Only the articles that report an element: a full element × article table grows with the
        # square of a large story.
        "matrix": [{"element": e.id, "counts": {a: len(e.sentences[a]) for a in e.articles}} for e in coverage.elements],
        "shared_by_all": list(coverage.shared_by_all),
        "only_in": {a: list(ids) for a, ids in coverage.only_in.items()},
        "near_copies": [near(c) for c in coverage.near_copies],
        "copied_pairs": [
            {"a": p.a, "b": p.b, "share": p.share, "flagged": p.flagged, "copies": [near(c) for c in p.copies]}
            for p in coverage.copied_pairs
        ],
        "leads": {a: list(ids) for a, ids in coverage.lead_elements.items()},
    }
    return {"coverage": elements, "coverage_summary": summary}


def _terms_json(terms: Any) -> dict[str, Any]:
    def term(t: Any) -> dict[str, Any]:
        return {"term": t.term, "score": t.score, "weight": t.weight, "count": t.count, "spans": [s.to_json() for s in t.spans]}

    def shared(t: Any) -> dict[str, Any]:
        return {"term": t.term, "weight": t.weight, "counts": dict(t.counts),
                "spans": {a: [s.to_json() for s in spans] for a, spans in t.spans.items()}}

    return {
        "distinctive": {a: [term(t) for t in ts] for a, ts in terms.distinctive.items()},
        "shared": [shared(t) for t in terms.shared],
    }


def _log_odds_json(result: Any) -> dict[str, Any]:
    def weighted(t: Any) -> dict[str, Any]:
        return {"term": t.term, "z": t.z, "delta": t.delta, "count": t.count, "rest_count": t.rest_count,
                "spans": [s.to_json() for s in t.spans]}

    return {
        "method": "log-odds ratio, informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)",
        "prior_scale": result.prior_scale,
        "alpha0": result.alpha0,
        "groups": [
            {"group": g.group, "articles": list(g.articles), "words": g.words, "enough_words": g.enough_words,
             "over": [weighted(t) for t in g.over], "under": [weighted(t) for t in g.under]}
            for g in result.groups
        ],
    }


def _language_json(summary: Any) -> dict[str, Any]:
    from framing.analyse.lenses.language import match_weight

    def category(c: Any) -> dict[str, Any]:
        shown = f"{c.own} in {c.words} own words" + (f" (and {c.quoted} quoted)" if c.quoted else "")
        return {"category": c.category, "own": c.own, "quoted": c.quoted, "per_1000": c.per_1000, "words": c.words,
                "shown": shown, "examples": [s.to_json() for s in c.examples]}

    def sentence(s: Any) -> dict[str, Any]:
        return {
            **s.span.to_json(), "score": round(s.score, 4), "own_words": s.words,
            "evidence": [{"category": m.category, "phrase": m.phrase, "weight": match_weight(m), **m.span.to_json()}
                         for m in s.evidence],
            "quoted": [{"category": m.category, "phrase": m.phrase, **m.span.to_json()} for m in s.quoted],
        }

    return {
        "article": summary.article, "words": summary.words, "own_words": summary.own_words, "score": summary.score,
        "categories": {k: category(v) for k, v in summary.categories.items()},
        "top_sentences": [sentence(s) for s in summary.top_sentences],
    }


def _actor_json(actor: Any) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind, "aliases": list(actor.aliases), "group": actor.group,
            "origin": actor.origin}


def _label_json(label: Any) -> dict[str, Any]:
    return {"actor": label.actor, "text": label.text, "stance": label.stance, "voice": label.voice,
            "pattern": label.pattern, "start": label.span.start, "end": label.span.end}


def _article_json(result: ArticleAnalysis, registry: Any, story: Story, added: Sequence[Lens]) -> dict[str, Any]:
    from framing.words import body_words

    a = result.article
    words = body_words(a)
    frames = _frames(result)
    return {
        "id": a.id,
        "outlet": {
            "name": a.outlet.name, "evidence": a.outlet.evidence, "note": a.outlet.note,
            "lean": a.outlet.lean, "display": a.outlet.display, "key": a.outlet.key,
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
        "labels": [_label_json(lab) for lab in result.labels],
        "quotes": [_quote_json(q, registry) for q in result.quotes],
        "voices": _voices_json(_voices(result)),
        "frames": {
            "sentences": frames.n_sentences,
            "leading": frames.leading,
            "leading_label": frame_label(frames.leading),
            "leading_reason": frames.leading_reason,
            "categories": {
                f.category: {
                    "count": f.sentences, "share": round(f.share, 4), "low": round(f.low, 4), "high": round(f.high, 4),
                    "cues": f.matches, "example": f.examples[0].to_json() if f.examples else None,
                }
                for f in frames.frames
            },
        },
        "language_use": _language_json(result.products["language"]) if "language" in result.products else None,
        "lenses_skipped": dict(sorted(result.skipped.items())),
        "measures": _measures(result, added),
        "extensions": _extensions(result.products, added, "article"),
    }


def _voices_json(voices: dict[str, Any]) -> dict[str, Any]:
    """Speakers and speaker groups as lists, most words first (ties by name)."""
    speakers = [{"speaker": k, **v} for k, v in voices["speakers"].items()]
    speakers.sort(key=lambda s: (-s["words"], -s["quotes"], -s["paraphrases"], s["name"]))
    groups = ranked_groups(voices)
    return {**voices, "speakers": speakers, "groups": [g for g in groups if g["words"]], "paraphrase_groups": groups}


def _quote_json(quote: Any, registry: Any) -> dict[str, Any]:
    actor = registry.get(quote.speaker) if hasattr(registry, "get") else None
    # A speaker the registry does not hold is named as resolved ("he" → "Mr. Lee"); nobody when unattributed.
    return {
        "speaker": quote.speaker, "speaker_text": quote.speaker_text, "text": quote.text, "verb": quote.verb,
        "kind": quote.kind, "anonymous": quote.anonymous, "via_media": quote.via_media, "words": quote.words,
        "start": quote.span.start, "end": quote.span.end,
        "cue": None if quote.cue is None else {"start": quote.cue.start, "end": quote.cue.end},
        "speaker_name": actor.name if actor else ("" if quote.speaker == "unattributed" else quote.speaker),
    }


def _scores_json(result: ArticleAnalysis) -> dict[str, Any]:
    """Per category: the count, the rate per 1,000 body words, and the first matches as examples."""
    out = {}
    for name, score in sorted(result.scores.items()):
        examples = [m.span.to_json() for m in result.matches if m.category == name][:8]
        out[name] = {"count": score.count, "per_1000": round(score.per_1000, 2), "words": score.words, "examples": examples}
    return out
