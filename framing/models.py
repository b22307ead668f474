"""Frozen records that flow between the pipeline's steps: load → clean → analyse → compare → render."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

Stance = Literal["legitimising", "delegitimising", "neutral", "unrated"]
Voice = Literal["own", "quoted"]


@dataclass(frozen=True)
class Span:
    """A stretch of one article's cleaned text: ``text[start:end]``."""

    article: str
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Outlet:
    """Who published an article, and how certain we are of it."""

    name: str
    evidence: Literal["named", "inferred", "unknown"] = "unknown"
    note: str = ""
    lean: str | None = None

    @property
    def key(self) -> str:
        """The outlet as one identity across stories: its name folded to a slug ("BBC News" → "bbc-news")."""
        import re
        import unicodedata

        folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", self.name)).casefold()
        ascii_name = "".join(c for c in folded if not unicodedata.combining(c))
        return re.sub(r"[^\w]+", "-", ascii_name).strip("-_") or "unknown"

    @property
    def display(self) -> str:
        """The name as a report must show it: an inferred identity says so."""
        if self.evidence == "inferred":
            return f"{self.name} (inferred)"
        if self.evidence == "unknown":
            return f"{self.name} (unidentified)"
        return self.name


@dataclass(frozen=True)
class Source:
    """Provenance of one input file or JSON Lines record."""

    path: str
    sha256: str
    size: int
    kind: Literal["text", "html", "jsonl"]
    encoding: str = "utf-8"


@dataclass(frozen=True)
class RawArticle:
    """One input as loaded, before cleaning. ``text`` is decoded but otherwise untouched."""

    id: str
    outlet: Outlet
    source: Source
    text: str
    title: str | None = None
    published: str | None = None
    published_note: str = ""
    url: str | None = None
    language: str = "en"
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Removed:
    """A line the cleaner dropped as page furniture, with the rule that dropped it."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Block:
    """A paragraph or sub-heading of the cleaned text, by offsets into it."""

    kind: Literal["paragraph", "heading"]
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """A cleaned article. ``text`` is the body: blocks separated by a blank line.

    Every offset anywhere in the analysis indexes this ``text``.
    """

    id: str
    outlet: Outlet
    source: Source
    text: str
    blocks: tuple[Block, ...]
    removed: tuple[Removed, ...] = ()
    title: str | None = None
    title_from: Literal["manifest", "page", "none"] = "none"
    standfirst: str | None = None
    published: str | None = None
    published_note: str = ""
    url: str | None = None
    language: str = "en"
    metadata: dict[str, Any] = field(default_factory=dict)

    def span(self, start: int, end: int) -> Span:
        return Span(self.id, start, end, self.text[start:end])

    @cached_property
    def body_words(self) -> int:
        """Words in the body paragraphs (sub-headings aside): the denominator of every rate."""
        from framing.words import word_count

        return sum(word_count(self.text[b.start : b.end]) for b in self.paragraphs)

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == "paragraph")

    @property
    def headings(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == "heading")


@dataclass(frozen=True)
class Skipped:
    """An input that could not be used, and why. The report lists these."""

    path: str
    reason: str


@dataclass(frozen=True)
class Story:
    """The articles about one event, as loaded (raw) — cleaning happens in :mod:`framing.clean`."""

    title: str
    slug: str
    root: str
    articles: tuple[RawArticle, ...]
    skipped: tuple[Skipped, ...] = ()
    lexicon_paths: tuple[str, ...] = ()
    manifest: str | None = None
    warnings: tuple[str, ...] = ()
    # Where the title came from: given (--title, from_records), the manifest, the headlines, or a file name.
    title_from: Literal["given", "manifest", "headlines", "file"] = "given"

    @classmethod
    def from_records(cls, records: Any, *, title: str | None = None, slug: str | None = None, **options: Any) -> Story:
        """A story from in-memory dicts (``outlet``, ``title``, ``published``, ``url``, ``language``, ``text``,
        optional ``id``, ``lean``, ``event``; other keys kept as metadata), checked as JSON Lines records are.
        See :func:`framing.load.records.story_from_records`."""
        from framing.load.records import story_from_records  # models stay import-free at load time

        return story_from_records(records, title=title, slug=slug, **options)


@dataclass(frozen=True)
class CleanStory:
    """A story after cleaning: the articles with body text, and every input that could not be used."""

    story: Story
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()


@dataclass(frozen=True)
class Measure:
    """One figure a lens reports for an article, with the spans it counts. Added lenses that return
    a Measure appear in the JSON (``articles[].measures``) and in the report, evidence linked."""

    value: float | int | str
    display: str
    evidence: tuple[Span, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Match:
    """A lexicon phrase found in an article."""

    lexicon: str
    category: str
    phrase: str
    span: Span
    actor: str | None = None
    stance: Stance | None = None

    def to_json(self) -> dict[str, Any]:
        out = {
            "lexicon": self.lexicon,
            "category": self.category,
            "phrase": self.phrase,
            "start": self.span.start,
            "end": self.span.end,
            "text": self.span.text,
        }
        if self.actor:
            out["actor"] = self.actor
        if self.stance:
            out["stance"] = self.stance
        return out


@dataclass(frozen=True)
class ActorSpec:
    """An actor as a story lexicon declares it: who, which names it goes by, which group speaks for it."""

    id: str
    name: str
    kind: Literal["person", "organisation", "group", "government", "country", "place", "media"] = "person"
    aliases: tuple[str, ...] = ()
    group: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Actor:
    """An actor of the story: from the lexicon, or found in the text. Mentions resolve to ``id``."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    group: str | None = None
    origin: Literal["lexicon", "text"] = "text"


@dataclass(frozen=True)
class Mention:
    """A place where an article names an actor."""

    actor: str
    span: Span


@dataclass(frozen=True)
class Label:
    """A descriptor an article attaches to an actor ("the leader of the transitional government")."""

    actor: str
    text: str
    span: Span
    stance: Stance = "unrated"
    voice: Voice = "own"
    pattern: str = ""


@dataclass(frozen=True)
class Quote:
    """Words an article attributes to a speaker, directly quoted or paraphrased.

    ``speaker`` is an actor id when the speaker resolves to one, otherwise the name as written
    ("a source familiar with the discussions"). ``span`` covers the quoted or paraphrased words;
    ``cue`` covers the attribution ("Bogdanov told RT Arabic").
    """

    speaker: str
    speaker_text: str
    text: str
    span: Span
    verb: str | None
    kind: Literal["direct", "paraphrase"] = "direct"
    anonymous: bool = False
    via_media: str | None = None
    cue: Span | None = None

    @property
    def words(self) -> int:
        from framing.words import word_count

        return word_count(self.text)


@dataclass(frozen=True)
class Chip:
    """One label as one outlet uses it for one actor: how often, with which stance, in whose voice.
    ``span`` is its first occurrence."""

    text: str
    count: int
    stance: Stance
    own: int
    quoted: int
    span: Span


@dataclass(frozen=True)
class LabelRow:
    """One actor across outlets: the labels each article attaches to it (article id → chips)."""

    actor: str
    name: str
    total: int
    outlets: int
    cells: dict[str, tuple[Chip, ...]]


@dataclass(frozen=True)
class GlanceCell:
    text: str
    stance: Stance | None = None
    span: Span | None = None


@dataclass(frozen=True)
class GlanceRow:
    """One framing dimension across outlets (article id → cell)."""

    dimension: str
    cells: dict[str, GlanceCell]


@dataclass(frozen=True)
class Finding:
    """A plain-language contrast between outlets, with the spans it rests on.

    ``strength`` (0–1) only ranks findings; ``subjects`` are the article and actor ids it is about,
    the article first.
    """

    kind: str
    text: str
    strength: float
    evidence: tuple[Span, ...]
    caveat: str = ""
    subjects: tuple[str, ...] = ()
