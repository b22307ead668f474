"""framing: how news outlets frame the same event, side by side and with evidence.

The public API. Names load on first use, so importing framing (and ``framing --help``) stays instant::

    from framing import Pipeline, render_html
    pipeline = Pipeline()                      # lexicons parsed, matcher compiled, lenses ordered: once
    document = pipeline.document(pipeline.load("seeds/"))
    html = render_html(document)
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "LoadOptions": "framing.load",
    "load_story": "framing.load",
    "clean": "framing.clean",
    "load_lexicon": "framing.lexicon",
    "Matcher": "framing.lexicon",
    "analyse_story": "framing.analyse:analyse",
    "Analysis": "framing.analyse",
    "Pipeline": "framing.api",
    "Lens": "framing.analyse.registry",
    "Measure": "framing.models",
    "Story": "framing.models",
    "document": "framing.export",
    "render_html": "framing.report.render",
    "render_pdf": "framing.report.render",
    "analyse_path": "framing.api",
    "build_report": "framing.api",
    "write_analysis": "framing.api",
    "FramingError": "framing.errors",
    "UsageError": "framing.errors",
    "InputError": "framing.errors",
    "ManifestError": "framing.errors",
    "LexiconError": "framing.errors",
    "OutputError": "framing.errors",
    "RenderError": "framing.errors",
    "TemplateError": "framing.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module, _, attribute = _EXPORTS[name].partition(":")
        return getattr(import_module(module), attribute or name)
    raise AttributeError(f"module 'framing' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
