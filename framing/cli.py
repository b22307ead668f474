"""The command line: each command parses its options, calls one library function, prints, maps errors.

Heavy libraries (scikit-learn, WeasyPrint, trafilatura) are imported inside the library functions
that use them, so ``framing --help`` stays instant. Every message is one line on standard error
starting ``framing:``; the exit code is 2 for a mistake on the command line, 1 for bad data.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from framing import __version__
from framing.errors import FramingError
from framing.load import DEFAULT_MAX_BYTES, LoadOptions

try:  # Typer 0.2x carries its own copy of Click; older releases use Click itself.
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - depends on the installed Typer
    from click import exceptions as click_errors

T = TypeVar("T")
FORMATS = {"html": ("html",), "pdf": ("pdf",), "csv": ("csv",), "all": ("html", "pdf", "csv")}
PAPERS = ("a4", "letter")
PDF_KINDS = ("briefing", "full")  # framing.report.render.PDF_KINDS, without importing Jinja for --help


class _Misuse(click_errors.ClickException):
    """A command-line mistake, shown as framing's own one line (exit 2) instead of Click's usage block."""

    exit_code = 2

    def show(self, file: object = None) -> None:
        typer.echo(f"framing: error: {self.message}", err=True)


def _misuse_message(exc: click_errors.UsageError) -> str:
    """Click's complaint about the command line, said the way framing says things, with the fix."""
    where = exc.ctx.command_path if exc.ctx is not None else "framing"
    see = f"see '{where} --help'"
    if isinstance(exc, click_errors.NoSuchOption):
        near = sorted(exc.possibilities or ())
        return f"{where} has no option {exc.option_name}; " + (f"did you mean {' or '.join(near)}?" if near else see)
    if isinstance(exc, click_errors.MissingParameter) and exc.param is not None:
        name = exc.param.metavar or (exc.param.name or "").upper()
        if getattr(exc.param, "opts", None) and exc.param.param_type_name == "option":
            name = f"{max(exc.param.opts, key=len)} {name}"
        return f"{where} needs {name}; {see}"
    if isinstance(exc, click_errors.BadParameter) and exc.param is not None:
        option = max(exc.param.opts, key=len) if exc.param.opts else exc.param.name
        return f"{option}: {exc.message}"
    message = exc.format_message().strip().rstrip(".").replace(". Did you mean", "; did you mean")
    return f"{message[:1].lower()}{message[1:]}" + ("" if message.endswith("?") else f"; {see}")


@contextlib.contextmanager
def _own_words() -> Iterator[None]:
    try:
        yield
    except click_errors.UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # prints the help, which is what was asked
            raise
        raise _Misuse(_misuse_message(exc)) from exc


class _Group(TyperGroup):
    """The ``framing`` command: a mistake on the command line becomes one line and exit 2."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        with _own_words():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        with _own_words():
            return super().invoke(ctx)


class _Command(TyperCommand):
    """A subcommand whose usage line names its argument as the help does: ``[OPTIONS] STORY``."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [piece.replace("{", "").replace("}", "") for piece in super().collect_usage_pieces(ctx)]


def _choice(what: str, allowed: Sequence[str]) -> Callable[[str], str]:
    """A parser that accepts one of ``allowed`` (any case) and names them all when it refuses."""

    def parse(value: str) -> str:
        if value.lower() not in allowed:
            raise typer.BadParameter(f"{value!r} is not a {what}; use {', '.join(allowed[:-1])} or {allowed[-1]}")
        return value.lower()

    return parse


def _positive_bytes(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a whole number of bytes; give one like 5000000") from None
    if number < 1:
        raise typer.BadParameter(f"{number} bytes would refuse every file; give 1 or more")
    return number


def _workers(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise typer.BadParameter(f"{value!r} is not a number of processes; give 1 or more")
    return int(value)


def _indent(value: str) -> int:
    if not value.isdigit() or int(value) > 8:
        raise typer.BadParameter(f"{value!r} is not an indent; give a number of spaces from 0 to 8, or leave it out for compact JSON")
    return int(value)


JsonOutOpt = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Write the JSON to this file instead of standard output.", show_default=False, metavar="FILE"),
]
IndentOpt = Annotated[
    int | None,
    typer.Option(help="Indent the JSON by this many spaces, 0 to 8 (default: compact).", parser=_indent, show_default=False, metavar="SPACES"),
]

app = typer.Typer(
    name="framing",
    cls=_Group,
    help="Show, side by side and with evidence, how news outlets frame the same event.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

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
MaxBytesOpt = Annotated[
    int, typer.Option(help="Refuse article files larger than this many bytes.", parser=_positive_bytes, metavar="BYTES")
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Stop at the first bad article instead of skipping it.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show the full traceback when something fails.")]
TitleOpt = Annotated[
    str | None,
    typer.Option(help="The story's title (and the name of the files written), instead of the manifest's or one from the headlines.", show_default=False, metavar="TEXT"),
]


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
        raise typer.Exit(128 + getattr(exc, "signum", 2))
    typer.echo(
        f"framing: internal error: {type(exc).__name__}: {exc} (run again with --debug and report it)", err=True
    )
    raise typer.Exit(1)


def _run(call: Callable[[], T], debug: bool) -> T:
    """Call the library; turn any failure into one line and an exit code; print its warnings and skips."""
    try:
        result = call()
    except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - every failure becomes one line
        _fail(exc, debug)
    for line in getattr(result, "warnings", ()):
        typer.echo(f"framing: warning: {line}", err=True)
    for skipped in getattr(result, "skipped", ()):
        typer.echo(f"framing: skipped {skipped.path}: {skipped.reason}", err=True)
    return result


def _write_stdout(text: str) -> None:
    """Write the document to standard output; a full disk or a closed pipe is one line, not a traceback."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        with contextlib.suppress(AttributeError, OSError, ValueError):
            # Send what is still buffered nowhere, or Python fails again flushing it at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        if exc.errno != errno.EPIPE:  # a reader that stopped early (| head) needs no message
            typer.echo(f"framing: error: cannot write to standard output ({exc.strerror}); free some space or use --out", err=True)
        raise typer.Exit(1) from None


@app.command(cls=_Command, short_help="Build the side-by-side briefing (HTML and PDF) for a story.")
def report(
    path: StoryPath,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write the report into (not inside the story folder).", metavar="FOLDER")
    ] = Path("reports"),
    format: Annotated[
        str, typer.Option("--format", "-f", help="Which files to write.", parser=_choice("format", tuple(FORMATS)), metavar="html|pdf|csv|all")
    ] = "all",
    title: TitleOpt = None,
    paper: Annotated[str, typer.Option(help="Paper size of the PDF.", parser=_choice("paper size", PAPERS), metavar="a4|letter")] = "a4",
    pdf: Annotated[
        str,
        typer.Option(
            help="Which PDF: a briefing read in five minutes (long lists cut short, saying what they leave out; the HTML "
            "keeps everything), or the full report with the texts side by side.",
            parser=_choice("kind of PDF", PDF_KINDS), metavar="briefing|full",
        ),
    ] = "briefing",
    pdf_ua: Annotated[
        bool,
        typer.Option("--pdf-ua", help="Tag the PDF for screen readers (PDF/UA-1): about a tenth slower."),
    ] = False,
    templates: Annotated[
        Path | None,
        typer.Option(help="A folder of templates that override the built-in ones, file by file.", show_default=False, metavar="FOLDER"),
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
            formats=FORMATS[format],
            paper=paper,
            templates=templates,
            title=title,
            pdf=pdf,
            tagged=pdf_ua,
            lexicons=tuple(lexicon or ()),
            load_options=LoadOptions(encoding, max_bytes, strict),
        ),
        debug,
    )
    for written in result.paths:
        typer.echo(str(written))


@app.command(cls=_Command, short_help="Print the analysis of a story as JSON.")
def analyze(
    path: StoryPath,
    out: JsonOutOpt = None,
    indent: IndentOpt = None,
    title: TitleOpt = None,
    lexicon: LexiconOpt = None,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    strict: StrictOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Print the analysis of a story as JSON; the fields are described in the schema guide (docs/schema.md in the framing source)."""
    from framing.api import write_analysis

    result = _run(
        lambda: write_analysis(
            path, out=out, lexicons=tuple(lexicon or ()), load_options=LoadOptions(encoding, max_bytes, strict), indent=indent,
            title=title,
        ),
        debug,
    )
    if out is None:
        _write_stdout(result.dumps(indent))
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
        metavar="CORPUS",
    ),
]


CORPUS_FORMATS = {"html": ("html",), "pdf": ("pdf",), "json": ("json",), "csv": ("csv",), "all": ("html", "pdf", "json", "csv")}


@app.command(cls=_Command, short_help="Group a corpus of articles into events; print them as JSON.")
def cluster(
    paths: CorpusPaths,
    out: JsonOutOpt = None,
    indent: IndentOpt = None,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    strict: StrictOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Group a corpus's articles into events; print them as JSON (docs/corpus.md)."""
    from framing.corpus import cluster_corpus, write_events

    result = _run(lambda: cluster_corpus(paths, load_options=LoadOptions(encoding, max_bytes, strict)), debug)
    text = _run(lambda: write_events(result, out, indent=indent), debug)
    if out is None:
        sys.stdout.write(text.json)
    else:
        typer.echo(str(out))


@app.command(cls=_Command, short_help="Brief every event of a corpus; write an index, outlet profiles and a store.")
def batch(
    paths: CorpusPaths,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write the index, reports, profiles and store into.", metavar="FOLDER")
    ],
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="Which files to write per event.", parser=_choice("format", tuple(CORPUS_FORMATS)),
                     metavar="html|pdf|json|csv|all"),
    ] = "html",
    workers: Annotated[
        int | None,
        typer.Option(help="Analyse events in this many processes (default: the machine's cores).", parser=_workers, show_default=False,
                     metavar="N"),
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

    formats = CORPUS_FORMATS[format]
    result = _run(
        lambda: batch_corpus(
            paths, out, formats=formats, workers=workers, scheduler=scheduler, store_path=store,
            lexicons=tuple(lexicon or ()), load_options=LoadOptions(encoding, max_bytes, strict),
            progress=Progress(quiet=quiet),
        ),
        debug,
    )
    typer.echo(str(result.index))
