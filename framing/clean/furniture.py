"""Which lines of a captured page are furniture, and why: one line at a time, by vocabulary and shape.

Each rule looks at one line alone and knows no outlet: it reads general features of page text —
length, punctuation, share of function words, capitalisation — and a short vocabulary of page
furniture. The same features tell a prose line from a title line, and a byline gives the page's
date (:func:`page_date`). Where a line sits on the page is :mod:`framing.clean`'s business.
"""

from __future__ import annotations

import re
from datetime import date

from framing.words import WORD_RE

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
    "help faq sitemap disclaimer careers jobs editions edition sections "
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
HARD_BREAKS = frozenset(
    {"comment-widget", "copyright", "contact", "disclaimer", "agency-note", "promo", "share-widget"}
)

# ---------------------------------------------------------------------------------------------
# Patterns.

# Full stops and closing quotes include the full-width forms of Chinese and Japanese (。！？ 」』）).
ENDS_SENTENCE_RE = re.compile(r"[.!?…:;。！？：；][\"'”’»)\]」』）】]*$")
ENDS_FULL_STOP_RE = re.compile(r"[.!?…。！？][\"'”’»)\]」』）】]*$")
# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana, Han.
_UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_UNSPACED_RE = re.compile(f"[{_UNSPACED}]")
_UNSPACED_PIECE_RE = re.compile(f"[{_UNSPACED}]|[^{_UNSPACED}]+")
_QUOTE_RE = re.compile(r"[\"“”«»]")
# Bounded by the longest local part and domain label mail allows (RFC 5321: 64 and 63): an unbounded
# pattern retries every start of a long token and takes quadratic time.
_EMAIL_RE = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_PHONE_RE = re.compile(
    r"(?:\+\d[\d\s().-]{6,}\d|\b(?:phone|tel|telephone|fax|mobile)\b\.?\s*:?\s*[+\d(])", re.I
)
_URL_RE = re.compile(r"https?://\S+|\bwww\.\S+", re.I)
_COPYRIGHT_RE = re.compile(r"©|\ball rights reserved\b|^\W*copyright\b|\(c\)\s*\d{4}", re.I)
# A line of only digits, separators and a clock time ("12:04 / 45:10"): two linear tests, where one
# pattern with a time between two open runs backtracks quadratically on a long line of digits.
_TIMESTAMP_CHARS_RE = re.compile(r"[\d:\s/|.-]*")
_CLOCK_RE = re.compile(r"\b\d{1,2}:\d{2}\b")
_NUMBER_LINE_RE = re.compile(r"(?:no\.?\s*)?#?\d{1,3}[.)]?", re.I)
BULLET_RE = re.compile(r"^[•·▪►◦‣*–-]\s*")
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
# Line rules: each names one kind of page furniture.


def _stop_ratio(words: list[str]) -> float:
    return sum(1 for w in words if w.lower() in _STOP) / len(words) if words else 0.0


def _has_date(text: str) -> bool:
    return any(r.search(text) for r in _DATE_RES) or bool(re.search(r"\b\d{1,2}:\d{2}\b", text))


def _furniture_words_reason(text: str, words: list[str]) -> str | None:
    """A short line made only of menu, share-bar or advert words."""
    if not words or len(words) > 8 or ENDS_FULL_STOP_RE.search(text):
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


def furniture_reason(text: str, words: list[str]) -> str | None:
    """The rule that marks a line as page furniture, or None for a line that may be body text."""
    n = len(words)
    ends = bool(ENDS_SENTENCE_RE.search(text))
    quoted = bool(_QUOTE_RE.search(text))
    if not any(ch.isalnum() for ch in text):
        return "blank-furniture"
    if _TIMESTAMP_CHARS_RE.fullmatch(text) and _CLOCK_RE.search(text):
        return "media-player"
    if _NUMBER_LINE_RE.fullmatch(text):
        return "numbered-list"
    content = [w.lower() for w in words if w.lower() not in _STOP]
    if n <= 5 and content and any(w in _MEDIA_WORDS for w in content) and all(
        w in _MEDIA_WORDS | {"article", "story", "now", "min", "mins", "minutes"} for w in content
    ):
        return "media-player"
    if n >= 25 and _stop_ratio(words) < 0.1 and not re.search(r"[.!?,;]\s", text) and not _UNSPACED_RE.search(text):
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
    short_bullet = BULLET_RE.match(text) and n <= 4 and not ENDS_FULL_STOP_RE.search(text)
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
    if n <= 15 and _BY_RE.match(text) and not ENDS_FULL_STOP_RE.search(text):
        return True
    if n > 25 or not _has_date(text):
        return False
    return (not ends or n <= 6) and (
        _stop_ratio(words) < 0.3 or "|" in text or bool(_STAMP_LABEL_RE.search(text))
    )


def line_words(text: str) -> list[str]:
    """The words of a line; in a script written without spaces, each character counts as one.

    A character is the nearest thing to a word such a script shows without a dictionary, and it keeps
    the rules that count words (a paragraph is long, a menu is short) working for it.
    """
    words = WORD_RE.findall(text)
    if not _UNSPACED_RE.search(text):
        return words
    return [piece for word in words for piece in _UNSPACED_PIECE_RE.findall(word)]


def line_kind(text: str, words: list[str]) -> str:
    """prose: a sentence or paragraph; title: a short line without sentence punctuation; other."""
    n = len(words)
    # Stop words are English: a long line in a script without spaces is prose by its length alone.
    if n >= 20 and _UNSPACED_RE.search(text):
        return "prose"
    if n >= 4 and ENDS_SENTENCE_RE.search(text):
        return "prose"
    # A short closing sentence ("He declined to comment.") still reads as prose: it has function words.
    if n >= 2 and ENDS_FULL_STOP_RE.search(text) and _stop_ratio(words) > 0:
        return "prose"
    if n >= 14 and _stop_ratio(words) >= 0.25 and ("," in text or n >= 20):
        return "prose"
    if n and n <= 20 and not ENDS_SENTENCE_RE.search(text) and not text[0].islower():
        return "title"
    return "other"


def is_sentence_like(words: list[str]) -> bool:
    return len(words) >= 8 and _stop_ratio(words) >= 0.2


def is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)



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

