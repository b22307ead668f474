"""The analysis (its JSON document) → a self-contained HTML report and a PDF briefing.

Both come from the same Jinja templates: the HTML inlines its CSS and SVG and fetches nothing; the
PDF is that HTML laid out by WeasyPrint (imported only here, only when a PDF is asked for) with a
URL fetcher that may read the package's own assets and nothing else.
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from framing.errors import RenderError, TemplateError, UsageError
from framing.resources import asset_roots, templates_dir
from framing.words import quoted
from framing.report.anchors import anchor
from framing.report.view import build_view

REPORT_TEMPLATE = "report.html.j2"
PAPER_SIZES = {"a4": "A4", "letter": "Letter"}
# The PDF an editor reads in five minutes, or the full report with the texts side by side.
PDF_KINDS = ("briefing", "full")


class _ConfinedLoader(jinja2.FileSystemLoader):
    """A folder of templates whose files, symlinks followed, must stay inside the folder."""

    def __init__(self, root: Path) -> None:
        super().__init__(str(root))
        self.root = root.resolve()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        path = self.root.joinpath(*split_template_path(template))
        # Checked before reading: a link to /dev/zero or /etc/passwd must not even be opened.
        if os.path.lexists(path) and not path.resolve().is_relative_to(self.root):
            raise jinja2.TemplateError(f"{path}: links outside the templates folder; copy the file into it")
        return super().get_source(environment, template)


def environment(user_templates: Path | None = None) -> jinja2.Environment:
    """The Jinja environment for a folder of user templates (or none), made once per folder.

    Autoescape is on, undefined names are errors, user templates come before the built-ins, and a
    template sees only what it is given (the document and the view model) plus a few filters. User
    templates render in Jinja's immutable sandbox, which refuses private attributes and methods that
    change data, so a template can neither run code nor read a file or a URL; a template file that
    links outside its folder is refused. Compiled templates are kept for the life of the process, and
    between runs in Jinja's per-user cache folder under the system temp directory (safe to delete).
    """
    if user_templates is not None and not user_templates.is_dir():
        raise UsageError("is not a folder of templates; give the folder that holds your .j2 files", path=str(user_templates))
    return _environment(user_templates.resolve() if user_templates is not None else None)


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's per-user cache of compiled templates, which only ever saves time: a cache that cannot
    be read or written (a read-only or full temp folder) is passed over, never a failed report."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache(kind: str) -> jinja2.BytecodeCache | None:
    try:  # Jinja refuses a temp folder it cannot make private to this user
        return _QuietBytecodeCache(pattern=f"framing-{kind}-%s.cache")
    except (OSError, RuntimeError):
        return None


@functools.lru_cache(maxsize=8)
def _environment(user_templates: Path | None) -> jinja2.Environment:
    folders = [user_templates] if user_templates is not None else []
    # The sandbox makes a render about half as slow again; the built-in templates are trusted code.
    kind = jinja2.Environment if user_templates is None else ImmutableSandboxedEnvironment
    env = kind(
        # Compiling the templates costs about as much as rendering them: the compiled code is kept
        # between runs in Jinja's per-user cache folder (keyed on each file's path and source).
        bytecode_cache=_bytecode_cache(kind.__name__),
        loader=jinja2.ChoiceLoader([_ConfinedLoader(folder) for folder in (*folders, templates_dir())]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Jinja's default globals include helpers (cycler, joiner, lipsum, namespace) whose Python
    # internals are one attribute away; a report needs none of them.
    env.globals = {"range": env.globals["range"]}
    env.filters["anchor"] = _anchor
    env.filters["safe_url"] = safe_url
    env.filters["find"] = find
    env.filters["quoted"] = quoted
    env.filters["css_string"] = css_string
    env.filters["unbroken"] = unbroken
    env.filters["pct"] = lambda v, digits=0: f"{100 * float(v):.{digits}f}%"
    env.filters["num"] = lambda v, digits=1: f"{float(v):.{digits}f}"
    return env


@jinja2.pass_context
def _anchor(context: jinja2.runtime.Context, value: Any) -> str:
    """The ``anchor`` filter, landing each span where the view's layout put it."""
    view = context.get("view")
    return anchor(value, view.get("lands") if isinstance(view, Mapping) else None)


def find(items: Any, key: str, value: Any) -> Any:
    """The first item whose ``key`` equals ``value``, or None: a lookup templates can test."""
    return next((item for item in items if item.get(key) == value), None)


def css_string(value: Any) -> Markup:
    """``value`` as a quoted CSS string, safe inside a <style> element (no quote, backslash or tag escapes)."""
    text = " ".join(str(value).split())
    escaped = "".join(ch if ch.isalnum() or ch in " .,;:!?'()-–—" else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{escaped}"')


def unbroken(name: Any, longest: int = 24) -> str:
    """A short name with no-break spaces, for running text: a line never parts "Breitbart" from
    "News". A longer name keeps its spaces, or it could not fit a column; names in table heads
    and cells keep theirs, as a narrow column must wrap between words."""
    text = str(name)
    return text.replace(" ", "\u00a0") if len(text) <= longest else text


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link, else None: reports link to nothing else."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in {"http", "https"} and parts.netloc:
        return url.strip()
    return None


def render_html(
    document: Mapping[str, Any], *, templates: Path | None = None, target: str = "html", paper: str = "a4",
    pdf: str = "briefing",
) -> str:
    """Render the report from an analysis document (``Analysis.to_json()``).

    ``target`` is ``html`` (the full report, for screens) or ``pdf`` (the page the PDF is laid out
    from); ``pdf`` says which PDF: the five-minute ``briefing`` or the ``full`` report.
    """
    if paper not in PAPER_SIZES:
        raise UsageError(f"unknown paper size {paper!r}; use a4 or letter")
    if pdf not in PDF_KINDS:
        raise UsageError(f"unknown PDF {pdf!r}; use briefing or full")
    env = environment(templates)
    view = build_view(document, target=target, brief=target == "pdf" and pdf == "briefing")
    try:
        template = env.get_template(REPORT_TEMPLATE)
        return template.render(doc=document, view=view, target=target, paper=PAPER_SIZES[paper])
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}; fix the template", path=exc.filename, line=exc.lineno) from exc
    except (jinja2.TemplateError, ValueError) as exc:  # ValueError: a filter given what it cannot read
        path, line = _template_frame(exc)
        reason = str(exc).rstrip(".")
        if isinstance(exc, SecurityError):
            reason = f"{reason} (a template may read the document and the view, nothing else)"
        raise TemplateError(f"template failed: {reason}; fix or remove the overriding template", path=path, line=line) from exc


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The template file and line an error was raised at (Jinja puts template lines in tracebacks)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno
    return None, None


@dataclass
class _Fetcher:
    """Lets WeasyPrint read data: URLs and files under the package's asset folders, nothing else."""

    roots: Sequence[Path]
    refused: list[str] = field(default_factory=list)

    def make(self):  # noqa: ANN201 - a weasyprint.URLFetcher subclass instance
        from weasyprint.urls import URLFetcher, URLFetchingError

        outer = self

        class Restricted(URLFetcher):
            def fetch(self, url, headers=None):  # noqa: ANN001, ANN202
                if outer.allowed(url):
                    return super().fetch(url, headers)
                outer.refused.append(url)
                raise URLFetchingError(f"framing does not fetch {url}")

        return Restricted(allowed_protocols={"file", "data"}, allow_redirects=False)

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return True
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        from urllib.request import url2pathname

        path = Path(url2pathname(parts.path)).resolve()
        return any(path.is_relative_to(root) for root in self.roots)


def render_pdf(
    document: Mapping[str, Any], *, templates: Path | None = None, paper: str = "a4", pdf: str = "briefing",
    tagged: bool = False,
) -> bytes:
    """Render the PDF: the five-minute ``briefing`` (the default) or the ``full`` report with the
    texts side by side. ``tagged`` makes it a tagged PDF/UA-1 for screen readers (its structure tree
    costs about a tenth more time). Raises RenderError when WeasyPrint is missing or fails."""
    html = render_html(document, templates=templates, target="pdf", paper=paper, pdf=pdf)
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # pragma: no cover - depends on the installation
        # Without Pango on the system WeasyPrint's import fails with OSError.
        raise RenderError(f"WeasyPrint cannot start ({exc}); install Pango (see the README) or use --format html") from exc
    fetcher = _Fetcher(asset_roots())
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    story = document["story"]
    # WeasyPrint makes hundreds of thousands of short-lived objects, and Python's cycle collector
    # would rescan all of them (and everything the analysis left in memory) every few thousand
    # allocations: about a quarter of the PDF's cost. Paused for this one document, then restored.
    collecting = gc.isenabled()
    gc.disable()
    try:
        data = weasyprint.HTML(
            string=html, base_url=str(templates_dir()) + "/", url_fetcher=fetcher.make()
        ).write_pdf(
            pdf_variant="pdf/ua-1" if tagged else None,
            pdf_tags=tagged,
            uncompressed_pdf=False,
            custom_metadata=True,
            pdf_identifier=story["slug"].encode(),
        )
    except Exception as exc:  # noqa: BLE001 - WeasyPrint raises many kinds; the user needs one line
        raise RenderError(f"the PDF could not be laid out ({type(exc).__name__}: {exc}); try --format html") from exc
    finally:
        if collecting:
            gc.enable()
    return data
