"""Lexicon files → checked records: the TOML format, its loader, and errors naming the file and line.

The file format is documented in ``docs/lexicon-format.md``. A phrase is read into words the way the
matcher (:mod:`framing.lexicon.matcher`) reads text (:mod:`framing.lexicon.keys`), and capped at
:data:`MAX_PHRASE_WORDS` words, so matching stays linear in the text's length.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from framing.errors import LexiconError
from framing.lexicon.keys import key_sequence
from framing.load.decode import read_capped
from framing.models import ActorSpec, Stance

KINDS = ("language", "frame", "label", "attribution", "actor")
STANCES: tuple[str, ...] = get_args(Stance)
ACTOR_KINDS = ("person", "organisation", "group", "government", "country", "place", "media")
MAX_PHRASE_CHARS = 120
MAX_PHRASE_WORDS = 12
# Far above any hand-written lexicon (a 5,000-phrase file is about 150 kB); the read stops here.
MAX_LEXICON_BYTES = 20_000_000


@dataclass(frozen=True)
class Entry:
    """One phrase of a lexicon, with what it tells about the text that uses it."""

    phrase: str
    category: str
    lexicon: str
    actor: str | None = None
    stance: Stance | None = None
    case_sensitive: bool = False
    note: str = ""
    exact: bool = False


@dataclass(frozen=True)
class Category:
    """A named list of phrases and where it came from."""

    name: str
    description: str
    source: str
    kind: str


@dataclass(frozen=True)
class Lexicon:
    """A loaded lexicon file. ``sha256`` fingerprints the file so a report can cite the exact version."""

    name: str
    version: str
    path: str
    sha256: str
    description: str
    licence: str
    sources: tuple[str, ...]
    categories: dict[str, Category]
    entries: tuple[Entry, ...]
    actors: tuple[ActorSpec, ...] = ()


# ---------------------------------------------------------------------------------------------
# Loading


class _Source:
    """The raw text of a lexicon file, to point error messages at the line at fault."""

    def __init__(self, path: Path, raw: str):
        self.path = str(path)
        self.lines = raw.splitlines()

    def line_of(self, needle: str, after: int = 0) -> int | None:
        for number, line in enumerate(self.lines[after:], start=after + 1):
            if needle in line:
                return number
        return None

    def header_line(self, header: str, nth: int = 0) -> int:
        seen = -1
        for number, line in enumerate(self.lines, start=1):
            if line.strip().startswith(header):
                seen += 1
                if seen == nth:
                    return number
        return 0

    def fail(self, message: str, needle: str | None = None, after: int = 0) -> LexiconError:
        line = self.line_of(needle, after) if needle is not None else None
        return LexiconError(message, path=self.path, line=line or (after or None))


def load_lexicon(path: str | Path) -> Lexicon:
    """Read and check one lexicon file.

    Raises :class:`LexiconError` naming the file and, where it can, the line at fault.
    """
    path = Path(path)
    data = read_capped(path, MAX_LEXICON_BYTES, error=LexiconError, what="a lexicon .toml file",
                       raise_limit="split it into several lexicon files")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError("the lexicon is not UTF-8 text; save it as UTF-8", path=str(path)) from exc
    try:
        doc = tomllib.loads(raw)
    except RecursionError as exc:
        raise LexiconError("nests arrays or tables too deeply to read; flatten it", path=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        raise LexiconError(
            f"not valid TOML: {exc}. Fix the syntax there: strings need double quotes, lists need "
            "commas between items, and a table header is [name] on its own line",
            path=str(path),
            line=int(found.group(1)) if found else None,
        ) from exc
    src = _Source(path, raw)
    head = doc.get("lexicon")
    if not isinstance(head, dict):
        raise src.fail("no [lexicon] table; start the file with [lexicon] and name = \"…\"")
    name = _text(head.get("name"))
    if not name:
        raise src.fail('the [lexicon] table has no name; add name = "my-lexicon"', after=src.header_line("[lexicon]"))
    lexicon_line = src.header_line("[lexicon]")
    sources = head.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise src.fail('sources must be a list of strings: sources = ["…"]', "sources", lexicon_line)

    actors = _actors(doc.get("actors", []), src)
    actor_ids = {a.id for a in actors}
    categories: dict[str, Category] = {}
    entries: list[Entry] = []
    for cat_name, table in _table(doc.get("categories", {}), src, "categories").items():
        line = src.header_line(f"[categories.{cat_name}]")
        category, cat_entries = _category(cat_name, table, name, src, line, actor_ids)
        categories[cat_name] = category
        entries.extend(cat_entries)
    labels = doc.get("labels", [])
    if labels:
        categories.setdefault(
            "label",
            Category("label", "Descriptors an outlet attaches to an actor, rated by how they lean.",
                     "; ".join(sources) or name, "label"),
        )
        entries.extend(_labels(labels, name, src, actor_ids))
    if actors:
        categories.setdefault(
            "actor", Category("actor", "Names and aliases of the story's actors.", "; ".join(sources) or name, "actor")
        )
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                entries.append(Entry(alias, "actor", name, actor=actor.id, case_sensitive=False))
    return Lexicon(
        name=name,
        version=_text(head.get("version")) or "unversioned",
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        description=_text(head.get("description")),
        licence=_text(head.get("licence") or head.get("license")),
        sources=tuple(sources),
        categories=categories,
        entries=tuple(entries),
        actors=actors,
    )


def load_lexicons(paths: Iterable[str | Path]) -> list[Lexicon]:
    """Load several lexicon files, in the order given."""
    return [load_lexicon(p) for p in paths]


def shipped_lexicons() -> list[Lexicon]:
    """The general lexicons that ship with framing (``framing/lexicons/*.toml``)."""
    from framing.resources import shipped_lexicons as shipped_paths

    return load_lexicons(shipped_paths())


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _table(value: Any, src: _Source, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise src.fail(f"{what} must be a table, e.g. [{what}.name]", what)
    return value


def _category(
    cat: str, table: Any, lexicon: str, src: _Source, line: int, actor_ids: set[str]
) -> tuple[Category, list[Entry]]:
    if not isinstance(table, dict):
        raise src.fail(f"[categories.{cat}] must be a table with description, source, kind and phrases", after=line)
    kind = table.get("kind", "language")
    if kind not in KINDS:
        raise src.fail(f"category {cat!r} has unknown kind {kind!r}; use one of: {', '.join(KINDS)}", "kind", line)
    source = _text(table.get("source"))
    if not source:
        raise src.fail(
            f'category {cat!r} does not say where its words come from; add source = "…" (who wrote it, and why)',
            after=line,
        )
    defaults = {k: table.get(k) for k in ("stance", "actor", "exact", "case") if k in table}
    entries = [_entry(item, cat, lexicon, src, line, defaults, actor_ids) for item in _phrases(table, cat, src, line)]
    return Category(cat, _text(table.get("description")), source, kind), entries


def _phrases(table: dict[str, Any], where: str, src: _Source, line: int) -> list[Any]:
    phrases = table.get("phrases")
    if not isinstance(phrases, list):
        raise src.fail(f'{where} needs a list of phrases: phrases = ["…", "…"]', after=line)
    return phrases


def _entry(
    item: Any, cat: str, lexicon: str, src: _Source, line: int, defaults: dict[str, Any], actor_ids: set[str]
) -> Entry:
    meta: dict[str, Any] = dict(defaults)
    if isinstance(item, dict):
        unknown = set(item) - {"phrase", "stance", "note", "case", "exact", "actor"}
        if unknown:
            raise src.fail(
                f"in {cat!r}, unknown key {sorted(unknown)[0]!r}; a phrase table takes phrase, stance, note, "
                "case, exact, actor",
                sorted(unknown)[0], line,
            )
        meta.update({k: v for k, v in item.items() if v is not None})
        phrase = meta.get("phrase")
    else:
        phrase = item
    if not isinstance(phrase, str):
        raise src.fail(
            f"in {cat!r}, the phrase {phrase!r} is not a string; put it in double quotes",
            str(phrase) if phrase is not None else "phrase", line,
        )
    stripped = phrase.strip()
    if not stripped or not key_sequence(stripped, False):
        raise src.fail(f"in {cat!r}, a phrase is empty or has no letters; remove it", f'"{phrase}"', line)
    if len(stripped) > MAX_PHRASE_CHARS or len(key_sequence(stripped, False)) > MAX_PHRASE_WORDS:
        raise src.fail(
            f"in {cat!r}, the phrase {stripped[:40]!r}… is too long; keep phrases under "
            f"{MAX_PHRASE_CHARS} characters and {MAX_PHRASE_WORDS} words",
            phrase[:40], line,
        )
    if "*" in stripped.replace("* ", " ").rstrip("*"):
        raise src.fail(f"in {cat!r}, '*' may only end a word (as in \"terror*\"): {stripped!r}", stripped, line)
    stance = meta.get("stance")
    if stance is not None and stance not in STANCES:
        raise src.fail(
            f"in {cat!r}, unknown stance {stance!r} for {stripped!r}; use one of: {', '.join(STANCES)}",
            f'"{stance}"', line,
        )
    actor = meta.get("actor")
    if actor is not None and actor_ids and actor not in actor_ids:
        raise src.fail(f"in {cat!r}, actor {actor!r} is not declared; add an [[actors]] entry with id = {actor!r}",
                       f'"{actor}"', line)
    case, exact = meta.get("case", False), meta.get("exact", False)
    if not isinstance(case, bool) or not isinstance(exact, bool):
        raise src.fail(f"in {cat!r}, case and exact must be true or false for {stripped!r}", stripped, line)
    note = meta.get("note", "")
    return Entry(stripped, cat, lexicon, actor=actor, stance=stance, case_sensitive=case,
                 note=note if isinstance(note, str) else str(note), exact=exact)


def _labels(labels: Any, lexicon: str, src: _Source, actor_ids: set[str]) -> list[Entry]:
    if not isinstance(labels, list):
        raise src.fail("labels must be an array of tables: [[labels]]", "labels")
    out: list[Entry] = []
    for nth, table in enumerate(labels):
        line = src.header_line("[[labels]]", nth)
        if not isinstance(table, dict) or not _text(table.get("actor")):
            raise src.fail('each [[labels]] needs actor = "actor-id", stance = "…" and phrases = [...]', after=line)
        if table.get("stance") is None:
            raise src.fail(f"[[labels]] for {table['actor']!r} has no stance; add stance = \"neutral\" (or "
                           f"{', '.join(STANCES)})", after=line)
        defaults = {"stance": table["stance"], "actor": table["actor"]}
        out.extend(_entry(i, "label", lexicon, src, line, defaults, actor_ids) for i in _phrases(table, "[[labels]]", src, line))
    return out


def _actors(value: Any, src: _Source) -> tuple[ActorSpec, ...]:
    if not isinstance(value, list):
        raise src.fail("actors must be an array of tables: [[actors]]", "actors")
    out: list[ActorSpec] = []
    for nth, table in enumerate(value):
        line = src.header_line("[[actors]]", nth)
        if not isinstance(table, dict) or not _text(table.get("id")) or not _text(table.get("name")):
            raise src.fail('each [[actors]] needs id = "…" and name = "…"', after=line)
        kind = table.get("kind", "person")
        if kind not in ACTOR_KINDS:
            raise src.fail(f"actor {table['id']!r} has unknown kind {kind!r}; use one of: {', '.join(ACTOR_KINDS)}",
                           "kind", line)
        aliases = table.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise src.fail(f"actor {table['id']!r}: aliases must be a list of non-empty strings", "aliases", line)
        if any(a.id == table["id"].strip() for a in out):
            raise src.fail(f"actor id {table['id']!r} is declared twice; ids must be unique", f'"{table["id"]}"', line)
        out.append(ActorSpec(id=table["id"].strip(), name=table["name"].strip(), kind=kind,
                             aliases=tuple(a.strip() for a in aliases), group=_text(table.get("group")) or None,
                             description=_text(table.get("description"))))
    return tuple(out)
