"""The batch's own pages: the index of events and one profile per outlet, from templates/corpus/.

Rendered in Jinja's immutable sandbox (templates may be user-edited), autoescaped, self-contained:
inline CSS and a little inline JavaScript, no external URL.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from framing.corpus.events import Event
from framing.corpus.profiles import ProfileBuilder
from framing.corpus.sources import Corpus

INDEX_TEMPLATE = "corpus/index.html.j2"
OUTLET_TEMPLATE = "corpus/outlet.html.j2"


def environment() -> Any:
    """The sandboxed Jinja environment over the shipped templates folder."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from framing.resources import templates_dir

    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = lambda v, digits=0: f"{100 * float(v):.{digits}f}%"
    env.filters["num"] = lambda v, digits=1: f"{float(v):.{digits}f}"
    return env


def render(template: str, **context: Any) -> str:
    """Render one corpus template; a template error becomes TemplateError."""
    import jinja2

    from framing.errors import TemplateError

    try:
        return environment().get_template(template).render(**context)
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{template}: {exc}") from exc


def write_pages(
    out_dir: Path, events: Sequence[Event], eligible: Sequence[Event], links: dict[str, str], store: Any, version: str,
    corpus: Corpus,
) -> Path:
    """Write ``index.html`` and ``outlets/<key>.html``; documents are read from the store one at a time."""
    from framing.report.output import prepare_dir, write_atomic

    builder = ProfileBuilder()
    outcomes = store.outcomes(version)
    for event in eligible:
        if outcomes.get(event.id, ("",))[0] != "done":
            continue
        document = store.document(event.id, version)
        if document is not None:
            builder.add(event.id, event.title, f"../{links[event.id]}", document)
    profiles = builder.profiles()
    folder = prepare_dir(out_dir / "outlets")
    for profile in profiles:
        html = render(OUTLET_TEMPLATE, profile=profile)
        write_atomic(folder / f"{profile['key']}.html", html.encode("utf-8"), within=folder)
    with_profile = {p["key"] for p in profiles}
    rows = [_row(e, links, outcomes, with_profile) for e in events]
    outlets = sorted(({"key": p["key"], "name": p["name"], "events": len(p["events"])} for p in profiles),
                     key=lambda o: o["name"].casefold())
    html = render(INDEX_TEMPLATE, events=rows, outlets=outlets, skipped=corpus.skipped,
                  articles=len(corpus.articles), analysed=sum(1 for r in rows if r["status"] == "analysed"))
    return write_atomic(out_dir / "index.html", html.encode("utf-8"), within=out_dir)


def _row(event: Event, links: dict[str, str], outcomes: dict[str, tuple[str, str | None, str | None]],
         with_profile: set[str]) -> dict[str, Any]:
    names: dict[str, str] = {}
    for item in event.articles:
        names.setdefault(item.raw.outlet.key, item.raw.outlet.display)  # "(inferred)" where the identity is inferred
    status, strongest, error = outcomes.get(event.id, ("", None, None))
    if event.id not in links:
        status = "single outlet"
    elif status == "done":
        status = "analysed"
    return {
        "id": event.id,
        "title": event.title,
        "first": event.dates[0] if event.dates else "",
        "last": event.dates[1] if event.dates else "",
        "outlets": [{"key": k, "name": names[k], "profile": k in with_profile} for k in sorted(names)],
        "articles": len(event.articles),
        "status": status or "not analysed",
        "strongest": strongest or "",
        "error": error or "",
        "href": links.get(event.id) if status == "analysed" else None,
    }
