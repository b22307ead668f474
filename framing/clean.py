"""Page furniture out, headline, standfirst and date pulled out: a captured page in, an Article out.

The cleaner knows no outlet. It reads a page the way a person skims one: the body is the longest
stretch of prose; what sits around it (menus, bylines, credits, link lists, widgets, footers) is
recognised by general features of page text — length, punctuation, share of function words,
capitalisation, repetition, position — and by a short vocabulary of page furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .models import Article, Block, RawArticle, Removed
from .text import WORD_RE, fold

# ---------------------------------------------------------------------------------------------
# Vocabulary: English function words, and words that only page furniture is made of.

_STOP = frozenset(
    "a an the of and or but nor to in on at by for from with without as that this these those is are "
    "was were be been being has have had do does did it its he she they them his her their we our us "
    "you your i me my not no than then so if which who whom whose what when where while also after "
    "before about into over under between against during since until would will can could should may "
    "might must shall there here said says all any some more most other such only own same too very "
    "just both each few how why because through up down out off again further once per via".split()
)
# Words a menu, share bar or widget label is made of; a short line of nothing else is furniture.
_FURNITURE_WORDS = frozenset(
    "menu navigation nav search home skip content main toggle close open more less back top next "
    "previous prev page pages share shares shared tweet email e-mail mail print copy link links "
    "facebook twitter x whatsapp telegram linkedin reddit pinterest instagram youtube tiktok quora vk "
    "rss feed flipboard threads bluesky mastodon comment comments reply replies like likes follow "
    "subscribe subscribed newsletter newsletters sign signin login logout log register account profile "
    "advertisement advertisements ad ads advert sponsored promoted partner cookie cookies accept reject "
    "manage preferences settings privacy policy terms conditions use service contact about feedback "
    "give connect help faq sitemap disclaimer careers jobs editions edition sections sectors products "
    "latest news trending popular related recommended read view see watch listen loading click here "
    "tap download app apps continue reading show hide expand collapse now today opinion opinions blog "
    "blogs interview interviews video videos photo photos gallery podcast podcasts updates alerts "
    "notifications language english world local live stories story articles article topics tags"
    .split()
)
# A short line with one of these is furniture whatever else it says ("Left Menu", "Share this").
_FURNITURE_STRONG = frozenset(
    "menu navigation advertisement advertisements advert sponsored share tweet subscribe newsletter "
    "login signin cookies trending".split()
)
_ADVERT_WORDS = frozenset("advertisement advertisements ad ads advert sponsored promoted".split())
_SHARE_WORDS = frozenset(
    "share shares tweet facebook twitter whatsapp telegram linkedin reddit pinterest instagram youtube "
    "tiktok quora vk rss flipboard threads bluesky mastodon".split()
)
_MEDIA_WORDS = frozenset("podcast podcasts listen play pause mute unmute audio video episode replay".split())

# Rules whose line marks the end of an article: nothing after one is joined to the body before it.
_HARD_BREAKS = frozenset(
    {"comment-widget", "copyright", "contact", "disclaimer", "agency-note", "promo", "share-widget"}
)

# ---------------------------------------------------------------------------------------------
# Patterns.

_DROP_CHARS_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ENDS_SENTENCE_RE = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_ENDS_FULL_STOP_RE = re.compile(r"[.!?…][\"'”’»)\]]*$")
_QUOTE_RE = re.compile(r"[\"“”«»]")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_RE = re.compile(
    r"(?:\+\d[\d\s().-]{6,}\d|\b(?:phone|tel|telephone|fax|mobile)\b\.?\s*:?\s*[+\d(])", re.I
)
_URL_RE = re.compile(r"https?://\S+|\bwww\.\S+", re.I)
_COPYRIGHT_RE = re.compile(r"©|\ball rights reserved\b|^\W*copyright\b|\(c\)\s*\d{4}", re.I)
_TIMESTAMP_LINE_RE = re.compile(r"[\d:\s/|.-]*\b\d{1,2}:\d{2}\b[\d:\s/|.-]*")
_NUMBER_LINE_RE = re.compile(r"(?:no\.?\s*)?#?\d{1,3}[.)]?", re.I)
_BULLET_RE = re.compile(r"^[•·▪►◦‣*–-]\s*")
_TAG_LABEL_RE = re.compile(
    r"^\W*(?:tags?|topics?|keywords?|filed under|categor(?:y|ies)|section|country|region)\s*:", re.I
)
_SECOND_PERSON_RE = re.compile(r"\b(?:you|your|you['’](?:re|ll|ve|d)|please)\b", re.I)
_COMMENT_RE = re.compile(r"\b(?:comment(?:s|ing|er|ers)?|leave a reply|required fields)\b", re.I)
_COOKIE_RE = re.compile(r"\bcookies?\b", re.I)
_CONSENT_RE = re.compile(r"\b(?:we|our|you|your|accept|consent|agree|privacy|preferences|settings)\b", re.I)
_PROMO_RE = re.compile(
    r"\b(?:subscribe|subscription|newsletters?|sign(?:ing)?[ -]up|inbox|download (?:our|the) app|"
    r"follow us|support (?:our|independent) journalism|donate)\b",
    re.I,
)
_OUR_RE = re.compile(r"\b(?:our|us|you|your|we)\b", re.I)
_DISCLAIMER_STRONG_RE = re.compile(
    r"\bthis (?:article|story|piece|post|content|report)\b.{0,60}?\b(?:was|has been|is|were)\s+"
    r"(?:\w+ly\s+)?(?:translated|edited|republished|reproduced|syndicated|adapted|"
    r"(?:originally|first) (?:published|appeared))"
    r"|\bresponsibility for\b.{0,120}?\b(?:lies|rests)\b"
    r"|\bviews (?:expressed|set out)\b.{0,80}?\b(?:are|is|lies?) (?:those of|solely|entirely|with)\b"
    r"|\bdo(?:es)? not necessarily reflect\b",
    re.I,
)
_SELF_REFERENCE_RE = re.compile(r"\bthis (?:article|story|piece|post|content|report|page)\b", re.I)
_DISCLAIMER_WEAK_RE = re.compile(
    r"\b(?:translated|republished|not (?:been )?(?:independently )?verified|responsibility|"
    r"opinions? expressed|views expressed|the author)\b",
    re.I,
)
_AGENCY_RE = re.compile(
    r"^[(\[]?\s*(?:with (?:additional )?(?:inputs?|reporting|contributions?) from|"
    r"(?:additional )?reporting by|writing by|editing by|edited by|compiled by|inputs from)\b",
    re.I,
)
_PARENTHESISED_NOTE_RE = re.compile(
    r"^[(\[].*\b(?:agenc(?:y|ies)|inputs?|reporting|edited|editing)\b.*[)\]]\.?$", re.I
)
_CREDIT_RE = re.compile(
    r"^\W*(?:image|photo|picture|pic|file photo|photograph|illustration|graphic|credit|source)s?"
    r"\s*(?:credit)?\s*:"
    r"|\b(?:image|photo|picture|pic)s?\s*(?:credit|courtesy|by|source)\b"
    r"|\b(?:getty images|shutterstock|file photo|file image|representative image|afp via getty|"
    r"ap photo|via reuters|reuters photo)\b"
    r"|^\((?:[A-Z][\w.&-]*\s?){1,3}\)$",
    re.I,
)
# "REUTERS/Firas Makdesi", "AFP/Getty Images" closing a caption.
_PHOTOGRAPHER_RE = re.compile(
    r"\b[A-Z]{2,}(?: [A-Z]{2,})?/\s?[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}\)?\.?$"
)
_RELATED_RE = re.compile(
    r"^\W*(?:read more|read also|also read|related(?: articles?| stories| news| content| coverage)?|"
    r"see also|more on this(?: story)?|more from [\w ]{1,30}|recommended(?: stories)?|"
    r"you (?:may|might) also like|don['’]?t miss|must read|further reading|watch|listen|explore more|"
    r"trending(?: now)?|most read|editor['’]?s picks?)\s*[:\-–—|»>]",
    re.I,
)
_BY_RE = re.compile(r"^(?:by|posted by|written by|words by|story by|reported by)\s+[A-Z]", re.I)
_STAMP_LABEL_RE = re.compile(r"\b(?:updated|published|posted|created|last modified|modified)\b", re.I)
_READING_TIME_RE = re.compile(r"^\d+\s*(?:min|mins|minutes?)(?:\s+read)?$", re.I)

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_RES = (
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"\b(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})\b"),
)
_TIME_RE = re.compile(
    r"[,\sT]*(?:at\s+)?(?P<h>\d{1,2}):(?P<min>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s*(?P<tz>(?-i:[A-Z]{2,5})\b|[+-]\d{2}:?\d{2}))?",
    re.I,
)
_FIRST_STAMP_RE = re.compile(r"\b(?:created|published|posted|first published)\b\W*$", re.I)


# ---------------------------------------------------------------------------------------------
# Units: the lines of the page, with wrapped lines of one paragraph joined.


@dataclass
class _Unit:
    """One line of the page, or several lines of one hard-wrapped paragraph."""

    numbers: list[int]
    raw_lines: list[str]
    text: str
    words: list[str] = field(default_factory=list)
    reason: str | None = None
    kind: str = "other"  # prose | title | other

    @cached_property
    def key(self) -> str:
        """The form two lines are compared in to find repeats: folded case, single spaces."""
        return " ".join(fold(self.text).split())


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", " ").replace("\u2029", " ")
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return _DROP_CHARS_RE.sub("", text)


def _units(lines: list[str]) -> list[_Unit]:
    """Non-blank lines as units; wrapped lines of one paragraph joined when the page uses blank lines."""
    filled = [s for s in lines if s]
    blank_separated = bool(filled) and (len(lines) - len(filled)) >= 0.25 * len(filled)
    wrap_width = _wrap_width(lines) if blank_separated else None
    units: list[_Unit] = []
    prev = ""
    for number, line in enumerate(lines, start=1):
        if not line:
            prev = ""
            continue
        if prev and blank_separated and _continues(prev, line, wrap_width):
            unit = units[-1]
            unit.numbers.append(number)
            unit.raw_lines.append(line)
            unit.text = f"{unit.text} {line}"
        else:
            units.append(_Unit([number], [line], line))
        prev = line
    return units


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped capture breaks at, or None when lines are not hard-wrapped.

    Hard-wrapped prose has short lines of similar length, and a wrapped line often goes on in
    lower case; a page of headline, byline and one-line paragraphs has neither.
    """
    prose = sorted(len(s) for s in lines if len(s.split()) >= 5)
    if len(prose) < 4 or sum(1 for n in prose if n <= 100) < 0.75 * len(prose):
        return None
    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if len(a.split()) >= 5 and len(b.split()) >= 2]
    if len(pairs) < 2 or sum(1 for _, b in pairs if b[0].islower()) < 0.4 * len(pairs):
        return None
    return prose[int(0.9 * (len(prose) - 1))]


def _continues(prev: str, line: str, wrap_width: int | None) -> bool:
    """Whether ``line`` goes on with the paragraph ``prev`` belongs to."""
    if _BULLET_RE.match(line):
        return False
    if not _ENDS_SENTENCE_RE.search(prev) and line[0].islower():
        return True
    return wrap_width is not None and len(prev) >= 0.6 * wrap_width


# ---------------------------------------------------------------------------------------------
# Line rules: each names one kind of page furniture.


def _stop_ratio(words: list[str]) -> float:
    return sum(1 for w in words if w.lower() in _STOP) / len(words) if words else 0.0


def _has_date(text: str) -> bool:
    return any(r.search(text) for r in _DATE_RES) or bool(re.search(r"\b\d{1,2}:\d{2}\b", text))


def _furniture_words_reason(text: str, words: list[str]) -> str | None:
    """A short line made only of menu, share-bar or advert words."""
    if not words or len(words) > 8 or _ENDS_FULL_STOP_RE.search(text):
        return None
    lower = [w.lower() for w in words]
    content = [w for w in lower if w not in _STOP]
    strong = any(w in _FURNITURE_STRONG for w in lower) and len(words) <= 4
    if not strong and not (content and all(w in _FURNITURE_WORDS for w in content)):
        return None
    if any(w in _ADVERT_WORDS for w in lower):
        return "advertisement"
    if any(w in _SHARE_WORDS for w in lower):
        return "share-widget"
    return "menu"


def _furniture_reason(text: str, words: list[str]) -> str | None:
    """The rule that marks a line as page furniture, or None for a line that may be body text."""
    n = len(words)
    lower = text.lower()
    ends = bool(_ENDS_SENTENCE_RE.search(text))
    quoted = bool(_QUOTE_RE.search(text))
    if not any(ch.isalnum() for ch in text):
        return "blank-furniture"
    if _TIMESTAMP_LINE_RE.fullmatch(text):
        return "media-player"
    if _NUMBER_LINE_RE.fullmatch(text):
        return "numbered-list"
    content = [w.lower() for w in words if w.lower() not in _STOP]
    if n <= 5 and content and any(w in _MEDIA_WORDS for w in content) and all(
        w in _MEDIA_WORDS | {"article", "story", "now", "min", "mins", "minutes"} for w in content
    ):
        return "media-player"
    if n >= 25 and _stop_ratio(words) < 0.1 and not re.search(r"[.!?,;]\s", text):
        return "icon-dump"
    if _COMMENT_RE.search(text) and _SECOND_PERSON_RE.search(text) and not quoted:
        return "comment-widget"
    if _is_disclaimer(text):
        return "disclaimer"
    if _COOKIE_RE.search(text) and _CONSENT_RE.search(text) and not quoted:
        return "cookie-banner"
    if n <= 40 and _PROMO_RE.search(text) and _OUR_RE.search(text) and not quoted:
        return "promo"
    if n <= 40 and _COPYRIGHT_RE.search(text):
        return "copyright"
    if n <= 20 and (_EMAIL_RE.search(text) or _PHONE_RE.search(text)):
        return "contact"
    if n <= 12 and _URL_RE.search(text):
        return "url"
    if n <= 30 and (_AGENCY_RE.match(text) or (n <= 15 and _PARENTHESISED_NOTE_RE.match(text))):
        return "agency-note"
    if (n <= 20 and _CREDIT_RE.search(text)) or (n <= 45 and _PHOTOGRAPHER_RE.search(text)):
        return "image-credit"
    short_bullet = _BULLET_RE.match(text) and n <= 4 and not _ENDS_FULL_STOP_RE.search(text)
    if short_bullet or _TAG_LABEL_RE.match(text):
        return "tag-list"
    if n <= 30 and _RELATED_RE.match(text):
        return "related-link"
    if _is_byline(text, words, ends):
        return "byline"
    if text.count("|") >= 2 and all(len(part.split()) <= 4 for part in text.split("|")):
        return "menu"
    return _furniture_words_reason(text, words)


def _is_disclaimer(text: str) -> bool:
    """A note about the article itself: translated, republished, unverified, the author's views."""
    if _DISCLAIMER_STRONG_RE.search(text):
        return True
    weak = {m.lower() for m in _DISCLAIMER_WEAK_RE.findall(text)}
    return len(weak) >= 2 and bool(_SELF_REFERENCE_RE.search(text))


def _is_byline(text: str, words: list[str], ends: bool) -> bool:
    n = len(words)
    if _READING_TIME_RE.match(text):
        return True
    if n <= 15 and _BY_RE.match(text) and not _ENDS_FULL_STOP_RE.search(text):
        return True
    if n > 25 or not _has_date(text):
        return False
    return (not ends or n <= 6) and (
        _stop_ratio(words) < 0.3 or "|" in text or bool(_STAMP_LABEL_RE.search(text))
    )


def _kind(unit: _Unit) -> str:
    """prose: a sentence or paragraph; title: a short line without sentence punctuation; other."""
    n = len(unit.words)
    if n >= 4 and _ENDS_SENTENCE_RE.search(unit.text):
        return "prose"
    # A short closing sentence ("He declined to comment.") still reads as prose: it has function words.
    if n >= 2 and _ENDS_FULL_STOP_RE.search(unit.text) and _stop_ratio(unit.words) > 0:
        return "prose"
    if n >= 14 and _stop_ratio(unit.words) >= 0.25 and ("," in unit.text or n >= 20):
        return "prose"
    if n and n <= 20 and not _ENDS_SENTENCE_RE.search(unit.text) and not unit.text[0].islower():
        return "title"
    return "other"


def _is_sentence_like(unit: _Unit) -> bool:
    return len(unit.words) >= 8 and _stop_ratio(unit.words) >= 0.2


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


# ---------------------------------------------------------------------------------------------
# Page structure: the body run, the headline, the standfirst.


def _body_run(units: list[_Unit]) -> tuple[int, int] | None:
    """First and last unit index of the body, or None for a page without prose.

    Prose lines form runs; a run ends at a line that closes an article (comment widget, copyright,
    agency note…), at a gap of three or more non-prose lines (a link box, a footer list) or at a
    section label. The body is the run with most words, joined with the runs before it up to a
    closing line (a link box can sit under the lead paragraph) and with the runs after it that are
    at least half its size (teasers under a footer label are smaller than the story).
    """
    runs: list[list[int]] = []  # [prose words, start, end, closed off from the run before]
    gap, closed = 0, True
    for i, unit in enumerate(units):
        if unit.reason in _HARD_BREAKS:
            gap, closed = 0, True
        elif unit.reason is None and unit.kind == "prose":
            if runs and not closed and gap < 3:
                runs[-1][0] += len(unit.words)
                runs[-1][2] = i
            else:
                runs.append([len(unit.words), i, i, closed])
            gap, closed = 0, False
        elif unit.reason is None:
            gap += 1
        elif unit.reason == "menu":
            gap += 3  # a section label ("More stories", "Latest news") opens a list, not a paragraph
    if not runs:
        return None
    main = max(range(len(runs)), key=lambda r: (runs[r][0], -r))
    first = main
    while first > 0 and not runs[first][3]:
        first -= 1
    last, words = main, sum(r[0] for r in runs[first : main + 1])
    while last + 1 < len(runs) and not runs[last + 1][3] and runs[last + 1][0] >= 0.5 * words:
        last += 1
        words += runs[last][0]
    return runs[first][1], runs[last][2]


def _headline(units: list[_Unit], body_start: int) -> int | None:
    """The index of the page's headline: a title-like line before the body, preferring a repeated one."""
    candidates = [
        i
        for i in range(body_start)
        if units[i].reason is None
        and units[i].kind == "title"
        and 3 <= len(units[i].words) <= 20
        and (len(units[i].words) >= 5 or not _is_caps(units[i].text))
    ]
    keys = [u.key for u in units]
    repeated = [i for i in candidates if keys[i] in keys[i + 1 :]]
    if repeated:
        return repeated[0]
    return candidates[-1] if candidates else None


def _standfirst(units: list[_Unit], headline: int, body_end: int, headline_key: str) -> int | None:
    """The index of the summary line after the headline, when the page clearly sets one apart."""
    i = headline + 1
    while i <= body_end and (units[i].reason is not None or units[i].key == headline_key):
        i += 1
    if i >= body_end or not _is_sentence_like(units[i]):
        return None
    candidate = units[i]
    if not _ENDS_FULL_STOP_RE.search(candidate.text):
        return i
    later = range(i + 1, body_end + 1)
    if any(candidate.key in units[j].key for j in later):
        return i
    for j in later:
        if units[j].reason is None and units[j].kind == "prose":
            break
        if units[j].reason == "byline" or units[j].key == headline_key:
            return i
    return None


def _outside_reason(unit: _Unit, counts: Counter[str]) -> str:
    if counts[unit.key] > 1:
        return "repeated"
    if unit.kind == "title":
        return "menu" if len(unit.words) <= 4 or _is_caps(unit.text) else "link-list"
    return "outside-body"


# ---------------------------------------------------------------------------------------------
# Dates.


def page_date(text: str) -> str | None:
    """The date a byline states, as ``YYYY-MM-DD[ HH:MM[ TZ]]``; a creation date before an update."""
    found = []
    for pattern in _DATE_RES:
        for m in pattern.finditer(text):
            found.append(m)
    found.sort(key=lambda m: m.start())
    if not found:
        return None
    labelled = [m for m in found if _FIRST_STAMP_RE.search(text[max(0, m.start() - 25) : m.start()])]
    for m in labelled + found:
        stamp = _format_date(m, text)
        if stamp:
            return stamp
    return None


def _format_date(m: re.Match[str], text: str) -> str | None:
    groups = m.groupdict()
    year, day = int(groups["y"]), int(groups["d"])
    month = _MONTHS[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
    try:
        date(year, month, day)
    except ValueError:
        return None
    stamp = f"{year:04d}-{month:02d}-{day:02d}"
    t = _TIME_RE.match(text, m.end())
    if t:
        hour, minute = int(t.group("h")), int(t.group("min"))
        ampm = (t.group("ampm") or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            stamp += f" {hour:02d}:{minute:02d}"
            if t.group("tz"):
                stamp += f" {t.group('tz')}"
    return stamp


# ---------------------------------------------------------------------------------------------
# The step.


def clean(raw: RawArticle) -> Article:
    """The article's body with page furniture removed, and its headline, standfirst and date.

    Never raises on odd text: a page without prose gives an Article with empty ``text``.
    Every dropped line is listed in ``removed`` with its 1-based line number and the rule.
    """
    lines = [line.strip() for line in _normalise(raw.text).split("\n")]
    units = _units(lines)
    for unit in units:
        unit.words = WORD_RE.findall(unit.text)
        unit.reason = _furniture_reason(unit.text, unit.words)
        if unit.reason is None:
            unit.kind = _kind(unit)
    head, stand, reasons = _read_page(units, raw.title)
    text, blocks = _assemble(units, reasons)
    removed = tuple(
        Removed(line=number, text=line, reason=reason)
        for unit, reason in zip(units, reasons)
        if reason is not None
        for number, line in zip(unit.numbers, unit.raw_lines)
    )
    published, note = raw.published, raw.published_note
    if not published:
        stated = next((d for u, r in zip(units, reasons) if r == "byline" and (d := page_date(u.text))), None)
        if stated:
            published, note = stated, "stated in the page"
    if raw.title:
        title, title_from = raw.title, "manifest"
    elif head is not None:
        title, title_from = units[head].text, "page"
    else:
        title, title_from = None, "none"
    return Article(
        id=raw.id,
        outlet=raw.outlet,
        source=raw.source,
        text=text,
        blocks=blocks,
        removed=removed,
        title=title,
        title_from=title_from,
        standfirst=units[stand].text if stand is not None else None,
        published=published,
        published_note=note,
        url=raw.url,
        language=raw.language,
        metadata=dict(raw.metadata),
    )


def _read_page(
    units: list[_Unit], manifest_title: str | None
) -> tuple[int | None, int | None, list[str | None]]:
    """Headline index, standfirst index, and for every unit the rule that removes it (None: body)."""
    run = _body_run(units)
    first, last = run if run else (len(units), -1)
    head = _headline(units, first) if run else None
    headline_keys = {units[head].key} if head is not None else set()
    if manifest_title:
        headline_keys.add(" ".join(fold(manifest_title).split()))
    stand = _standfirst(units, head, last, units[head].key) if head is not None else None

    counts = Counter(unit.key for unit in units)
    reasons: list[str | None] = []
    seen: set[str] = set()
    for i, unit in enumerate(units):
        if unit.reason is not None:
            reason = unit.reason
        elif unit.key in headline_keys:
            reason = "headline"
        elif stand is not None and unit.key == units[stand].key:
            reason = "standfirst"
        elif not first <= i <= last:
            reason = _outside_reason(unit, counts)
        elif unit.key in seen:
            reason = "repeated"
        else:
            reason = None
        seen.add(unit.key)
        reasons.append(reason)
    _drop_link_lists(units, reasons)
    _drop_edge_titles(units, reasons)
    return head, stand, reasons


def _drop_link_lists(units: list[_Unit], reasons: list[str | None]) -> None:
    """Three or more title lines in a row inside the body are a link box, not sub-headings."""
    streak: list[int] = []
    for i in [*(i for i, r in enumerate(reasons) if r is None), None]:
        if i is not None and units[i].kind == "title":
            streak.append(i)
            continue
        if len(streak) >= 3:
            for j in streak:
                reasons[j] = "link-list"
        streak = []


def _drop_edge_titles(units: list[_Unit], reasons: list[str | None]) -> None:
    """Sub-headings sit between paragraphs: a title line before the first or after the last is furniture."""
    kept = [i for i, r in enumerate(reasons) if r is None]
    for order in (kept, kept[::-1]):
        for i in order:
            if units[i].kind != "title":
                break
            reasons[i] = "menu" if len(units[i].words) <= 4 or _is_caps(units[i].text) else "link-list"


def _assemble(units: list[_Unit], reasons: list[str | None]) -> tuple[str, tuple[Block, ...]]:
    pieces: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for unit, reason in zip(units, reasons):
        if reason is not None:
            continue
        if pieces:
            pos += 2
        kind = "heading" if unit.kind == "title" else "paragraph"
        blocks.append(Block(kind, pos, pos + len(unit.text)))
        pieces.append(unit.text)
        pos += len(unit.text)
    return "\n\n".join(pieces), tuple(blocks)
