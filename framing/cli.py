"""The command line: each command parses its options, calls one library function, prints, maps errors.

Heavy libraries (scikit-learn, WeasyPrint, trafilatura) are imported inside the library functions
that use them, so ``framing --help`` stays instant.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from collections.abc import Callable
from typing import Annotated, NoReturn, TypeVar

import typer

from framing import __version__
from framing.errors import FramingError
from framing.load import DEFAULT_MAX_BYTES, LoadOptions

T = TypeVar("T")

app = typer.Typer(
    name="framing",
    help="Show, side by side and with evidence, how news outlets frame the same event.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    html = "html"
    pdf = "pdf"
    all = "all"


class Paper(str, Enum):
    a4 = "a4"
    letter = "letter"


StoryPath = Annotated[
    Path,
    typer.Argument(
        help="A story folder (article files and an optional manifest.toml) or a .jsonl file.",
        show_default=False,
        metavar="STORY",
    ),
]
LexiconOpt = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", "-l", help="An extra lexicon file (TOML); repeat for several.", show_default=False, metavar="FILE"),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(help="Read every article in this encoding instead of detecting it.", show_default=False, metavar="NAME"),
]
MaxBytesOpt = Annotated[int, typer.Option(help="Refuse article files larger than this many bytes.", min=1)]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Stop at the first bad article instead of skipping it.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show the full traceback when something fails.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"framing {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Show, side by side and with evidence, how news outlets frame the same event."""


def _fail(exc: BaseException, debug: bool) -> NoReturn:
    if debug:
        raise exc
    if isinstance(exc, FramingError):
        typer.echo(f"framing: error: {exc}", err=True)
        raise typer.Exit(exc.exit_code)
    if isinstance(exc, KeyboardInterrupt):
        typer.echo("framing: interrupted; nothing was half-written", err=True)
        raise typer.Exit(130)
    typer.echo(
        f"framing: internal error: {type(exc).__name__}: {exc} (run again with --debug and report it)", err=True
    )
    raise typer.Exit(1)


def _run(call: Callable[[], T], debug: bool) -> T:
    """Call the library; turn any failure into one line and an exit code; print its warnings."""
    try:
        result = call()
    except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - every failure becomes one line
        _fail(exc, debug)
    for line in result.warnings:
        typer.echo(f"framing: warning: {line}", err=True)
    return result


@app.command()
def report(
    path: StoryPath,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the report into.")] = Path("reports"),
    format: Annotated[Format, typer.Option("--format", "-f", help="Which files to write.")] = Format.all,
    paper: Annotated[Paper, typer.Option(help="Paper size of the PDF.")] = Paper.a4,
    templates: Annotated[
        Path | None,
        typer.Option(help="A folder of templates that override the built-in ones, file by file.", show_default=False),
    ] = None,
    lexicon: LexiconOpt = None,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    strict: StrictOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Build the side-by-side briefing (HTML and PDF) for a story; print the paths written."""
    from framing.api import build_report

    result = _run(
        lambda: build_report(
            path,
            out_dir=out,
            formats=("html", "pdf") if format is Format.all else (format.value,),
            paper=paper.value,
            templates=templates,
            lexicons=tuple(lexicon or ()),
            load_options=LoadOptions(encoding, max_bytes, strict),
        ),
        debug,
    )
    for written in result.paths:
        typer.echo(str(written))


@app.command()
def analyze(
    path: StoryPath,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the JSON to this file instead of standard output.", show_default=False)
    ] = None,
    indent: Annotated[
        int | None, typer.Option(help="Indent the JSON by this many spaces (default: compact).", min=0, max=8, show_default=False)
    ] = None,
    lexicon: LexiconOpt = None,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    strict: StrictOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Print the analysis of a story as JSON (schema: docs/schema.md)."""
    from framing.api import write_analysis

    result = _run(
        lambda: write_analysis(
            path, out=out, lexicons=tuple(lexicon or ()), load_options=LoadOptions(encoding, max_bytes, strict), indent=indent
        ),
        debug,
    )
    if out is None:
        sys.stdout.write(result.dumps(indent))
    else:
        typer.echo(str(out))


def main() -> None:
    """Console-script entry point."""
    app()


# -- corpus mode: many stories at once ------------------------------------------------------------

CorpusPaths = Annotated[
    list[Path],
    typer.Argument(
        help="A folder tree of articles (story folders, manifests honoured) or one or more .jsonl files.",
        show_default=False,
        metavar="CORPUS...",
    ),
]


class CorpusFormat(str, Enum):
    html = "html"
    pdf = "pdf"
    json = "json"
    csv = "csv"
    all = "all"


def _report_skipped(skipped: object) -> None:
    for item in skipped:  # type: ignore[attr-defined]
        typer.echo(f"framing: skipped: {item.path}: {item.reason}", err=True)


@app.command()
def cluster(
    paths: CorpusPaths,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the JSON to this file instead of standard output.", show_default=False)
    ] = None,
    indent: Annotated[
        int | None, typer.Option(help="Indent the JSON by this many spaces (default: compact).", min=0, max=8, show_default=False)
    ] = None,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    strict: StrictOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Group a corpus's articles into events; print them as JSON (docs/corpus.md)."""
    from framing.corpus import cluster_corpus, write_events

    result = _run(lambda: cluster_corpus(paths, load_options=LoadOptions(encoding, max_bytes, strict)), debug)
    _report_skipped(result.corpus.skipped)
    text = _run(lambda: write_events(result, out, indent=indent), debug)
    if out is None:
        sys.stdout.write(text.json)
    else:
        typer.echo(str(out))


@app.command()
def batch(
    paths: CorpusPaths,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the index, reports, profiles and store into.")],
    format: Annotated[CorpusFormat, typer.Option("--format", "-f", help="Which files to write per event.")] = CorpusFormat.html,
    workers: Annotated[
        int | None, typer.Option(help="Analyse events in this many processes (default: the machine's cores).", min=1, show_default=False)
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Send the work to this Dask scheduler (tcp://HOST:PORT), or 'local' for a cluster on this machine.", show_default=False, metavar="ADDRESS"),
    ] = None,
    store: Annotated[
        Path | None, typer.Option(help="The SQLite store (default: framing.sqlite in --out).", show_default=False, metavar="FILE")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no progress on standard error.")] = False,
    lexicon: LexiconOpt = None,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    strict: StrictOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Cluster a corpus, analyse every event with two or more outlets, write an index and outlet profiles.

    Run it again after adding articles: only events whose articles changed are redone.
    """
    from framing.corpus import Progress, batch_corpus

    formats = ("html", "pdf", "json", "csv") if format is CorpusFormat.all else (format.value,)
    result = _run(
        lambda: batch_corpus(
            paths, out, formats=formats, workers=workers, scheduler=scheduler, store_path=store,
            lexicons=tuple(lexicon or ()), load_options=LoadOptions(encoding, max_bytes, strict),
            progress=Progress(quiet=quiet),
        ),
        debug,
    )
    _report_skipped(result.skipped)
    typer.echo(str(result.index))
