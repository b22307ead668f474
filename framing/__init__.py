"""framing: how news outlets frame the same event, side by side and with evidence.

The public API. Names load on first use, so importing framing (and ``framing --help``) stays instant::

    from framing import load_story, analyse_story, render_html
    analysis = analyse_story(load_story("seeds/"))
    html = render_html(analysis.to_json())
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "LoadOptions": "framing.load",
    "load_story": "framing.load",
    "clean": "framing.clean",
    "load_lexicon": "framing.lexicon.format",
    "Matcher": "framing.lexicon.matcher",
    "analyse_story": "framing.analyse:analyse",
    "Analysis": "framing.analyse",
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
