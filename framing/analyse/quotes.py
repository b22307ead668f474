"""Who speaks in an article: direct quotes and paraphrases, each with its speaker and attribution cue.

Speakers are resolved through the actor registry; pronouns ("he said") go to the most recent person
named as a speaker or sentence subject before them; unnamed sources ("a source familiar with the
discussions", "Russian diplomatic circles") are kept as written and marked anonymous; media cited as
the channel ("told RT Arabic") or as the source ("according to Syrian media") fill ``via_media``.

A direct quote with no attribution anywhere near it is still reported, with speaker ``"unattributed"``:
scare quotes ("adjustments") are part of how an outlet frames a story, and guessing a speaker for them
would invent evidence.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Article, Mention, Quote
from ..text import fold, split_sentences
from .actors import _NATIONALITY_RE, PERSON_ROLES, ActorRegistry

UNATTRIBUTED = "unattributed"

_BASES = """say tell add note state stress emphasise emphasize affirm confirm claim admit insist urge warn
explain describe clarify welcome announce argue suggest write tweet ask reply acknowledge concede deny vow
pledge report declare assert comment remark observe recall predict anticipate expect believe call
reiterate indicate""".split()
_IRREGULAR = {"say": "says said saying", "tell": "tells told telling", "write": "writes wrote written writing"}


def _inflect(base: str) -> set[str]:
    if base in _IRREGULAR:
        return {base, *_IRREGULAR[base].split()}
    if base.endswith("e"):
        return {base, base + "s", base + "d", base[:-1] + "ing"}
    if base.endswith("y") and base[-2] not in "aeiou":
        return {base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    if base.endswith(("ss", "sh")):
        return {base, base + "es", base + "ed", base + "ing"}
    return {base, base + "s", base + "ed", base + "ing"}


# Forms that are more often nouns ("the state", "calls from elements", "news reports") are left out.
_NOUNISH = frozenset(
    """point points pointed pointing call calls report reports claim claims note notes state states
    comment comments remark remarks pledge pledges vow vows tweet tweets maintain maintains welcome
    welcomes write writes ask asks reply""".split()
)
VERB_FORMS = frozenset(f for b in _BASES for f in _inflect(b)) - _NOUNISH
_SAY_FORMS = frozenset({"say", "says", "said", "tell", "tells", "told"})
_VERB_ALT = "|".join(sorted(VERB_FORMS, key=len, reverse=True))
_AUX = r"(?:(?:has|have|had|also|further|later|previously|then|again|reportedly|recently|once)\s+)*"
_VERB_RE = re.compile(rf"\b{_AUX}(?P<verb>{_VERB_ALT}|put it|pointed out)\b")
_PRONOUNS = {"he", "she"}
_BOUNDARY_RE = re.compile(r"[,;:()“”\"«»—–]|\b(?:and|but|while|that|with|as|after|when|because|although|though|which)\b")
_SOURCE_RE = re.compile(
    r"^(?:(?:a|an|the|one|two|three|four|five|several|some|many|other|senior|top|\d+)\s+)?(?:[\w’'-]+\s+){0,3}?"
    r"(?:sources?|officials?|diplomats?|circles|insiders?|people|persons?|aides?|analysts?|observers?|"
    r"experts?|spokesperson|spokesman|spokeswoman)"
    r"(?:\s+(?:familiar|close|with knowledge|briefed|involved|knowledgeable|speaking)\b[^,;]{0,60})?$",
    re.IGNORECASE,
)
_RELATIVE_RE = re.compile(r"\s+(?:who|which|that)\b.*$", re.DOTALL)
_FINITE = frozenset("has have had is was are were will would did does do can could should may might".split())
_MEDIA_NOUNS = frozenset(
    "media news reports report agency agencies service newspaper newspapers channel broadcaster television tv outlet outlets press daily wire network".split()
)
_MEDIA_CUE_RE = re.compile(
    r"(?:\btold|\b[Ss]peaking (?:to|with)|\bspoke (?:to|with)|\binterview (?:to|with)|\bquoted by|\bcited by|"
    r"\breported by|\b[Aa]ccording to)\s+(?P<m>(?:the\s+|an?\s+)?[^,.;:“”\"]{1,80}?)"
    r"(?=\s+(?:on|last|this|in|during|following|after|that|said|earlier|and)\b|[,.;:“”\"]|$)"
)


@dataclass(frozen=True)
class _Speaker:
    speaker: str
    text: str
    anonymous: bool = False
    media: str | None = None
    pronoun: bool = False


class _Context:
    """One article's mentions, sentences and the people it names as speakers or subjects, in order."""

    def __init__(self, article: Article, registry: ActorRegistry):
        self.article = article
        self.text = article.text
        self.registry = registry
        self.mentions = registry.mentions(article)
        self.kinds = {a.id: a.kind for a in registry.actors}
        self.sentences = [
            (s, e) for b in article.paragraphs for s, e in split_sentences(article.text, b.start, b.end)
        ]
        self.antecedents: list[tuple[int, str]] = [
            (m.span.start, m.actor) for m in self.mentions if self.kinds.get(m.actor) == "person" and self._subject_like(m)
        ]

    def _subject_like(self, m: Mention) -> bool:
        """True when the mention opens a clause ("…, but its leader X was"), not when it is an object."""
        words = re.findall(r"[\w’'-]+|[^\w\s]", self.text[max(0, m.span.start - 120) : m.span.start])
        while words and (words[-1][:1].isupper() or fold(words[-1]) in PERSON_ROLES):
            words.pop()
        if words and re.fullmatch(r"its|his|her|their|the|a|an|\w+['’]s", words[-1], re.IGNORECASE):
            words.pop()
        return not words or words[-1] in {",", ";", "(", "—", "–", ".", "and", "but", "while", "as", "when", "that"}

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.sentences:
            if s <= pos < e:
                return s, e
        return pos, pos

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.span.start and m.span.end <= end]

    def resolve_pronoun(self, pos: int) -> str | None:
        best = None
        for p, actor in self.antecedents:
            if p < pos:
                best = actor
        return best

    def speaker(self, start: int, end: int) -> _Speaker | None:
        """Who the phrase ``text[start:end]`` names as a speaker, or None if it names nobody."""
        raw = self.text[start:end]
        phrase = raw.strip(" ,")
        if not phrase or len(phrase.split()) > 14:
            return None
        ps = start + raw.index(phrase)
        if fold(phrase) in _PRONOUNS:
            actor = self.resolve_pronoun(ps)
            return _Speaker(actor or UNATTRIBUTED, phrase, pronoun=True)
        head = _RELATIVE_RE.sub("", phrase)
        media = _medium_in(self, phrase, ps)
        inside = self.mentions_in(ps, ps + len(head))
        if _SOURCE_RE.match(head) and not any(self.kinds.get(m.actor) == "person" for m in inside):
            return _Speaker(head, head, anonymous=True, media=media)
        first = phrase.split()[0]
        starts_with_name = bool(inside) and inside[0].span.start == ps
        # "opposition leader Tomas Reyl": a lower-case descriptor, then the name.
        ends_with_name = bool(inside) and inside[-1].span.end >= ps + len(head.rstrip()) - 2
        if first[0].islower() and fold(first) not in _STARTING_LOWER and not (starts_with_name or ends_with_name):
            return None
        if any(w in _FINITE for w in head.lower().split()):
            return None
        if head.split()[-1].lower() in _MEDIA_NOUNS:
            name = _medium_name(self, head, ps)
            return _Speaker(self.registry.resolve(name) or name, head, media=name)
        if inside:
            actor = inside[-1].actor
            if self.kinds.get(actor) == "media":
                return _Speaker(actor, phrase, media=inside[-1].span.text)
            return _Speaker(actor, phrase, media=media)
        if phrase[0].isupper() and len(phrase.split()) <= 6 and fold(phrase.split()[0]) not in _NOT_NAMES:
            return _Speaker(phrase, phrase, media=media)
        return None


_NOT_NAMES = frozenset("the this that it its there these those in on at as for with by from to of a an".split())


def _medium_name(ctx: _Context, phrase: str, start: int) -> str:
    """The medium a phrase names: a registry medium, else the proper name in it, else the phrase."""
    for m in ctx.mentions_in(start, start + len(phrase)):
        if ctx.kinds.get(m.actor) == "media":
            return m.span.text
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    sentence_start = ctx.sentence_of(start)[0] == start
    names = [
        m.group()
        for m in re.finditer(r"(?<![\w’'-])[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*(?![\w’'])(?!['’]s)", phrase)
        if not all(_NATIONALITY_RE.match(w) for w in m.group().split())
        # A capital that only opens the sentence ("Local news reports said") is not a name.
        and not (sentence_start and m.start() == 0 and len(phrase.split()) > 1 and " " not in m.group())
    ]
    return names[-1] if names else phrase


def _medium_in(ctx: _Context, sentence: str, offset: int) -> str | None:
    """A medium the sentence cites as its channel ("told RT Arabic", "according to Syrian media")."""
    for m in _MEDIA_CUE_RE.finditer(sentence):
        phrase = m.group("m")
        start = offset + m.start("m")
        kinds = [ctx.kinds.get(x.actor) for x in ctx.mentions_in(start, start + len(phrase))]
        last = phrase.split()[-1].lower()
        if "media" in kinds or last in _MEDIA_NOUNS:
            return _medium_name(ctx, phrase, start)
        if m.group().startswith(("told", "spoke", "Speaking", "speaking", "interview")) and phrase[:1].isupper() and "person" not in kinds:
            return _medium_name(ctx, phrase, start)
    return None


# --- direct quotes ---------------------------------------------------------------------------------

_CLOSERS = {"“": "”", "«": "»", "‘": "’", '"': '"'}


def _opens(text: str, i: int, block_start: int) -> bool:
    before = text[i - 1] if i > block_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–/:") and not after.isspace()


def _find_close(text: str, start: int, end: int, closer: str) -> int | None:
    j = start
    while True:
        j = text.find(closer, j, end)
        if j < 0:
            return None
        after = text[j + 1] if j + 1 < len(text) else " "
        if not text[j - 1].isspace() and not (closer in "’\"" and after.isalnum()):
            return j
        j += 1


def direct_spans(article: Article) -> list[tuple[int, int, int, int]]:
    """Each direct quote as (open mark, words start, words end, end after the closing mark).

    An opening mark whose paragraph has no closing one runs on into following paragraphs that open
    with the same mark, the newspaper convention for quotes longer than a paragraph.
    """
    text = article.text
    paras = article.paragraphs
    out: list[tuple[int, int, int, int]] = []
    resume = -1
    for pi, block in enumerate(paras):
        i = max(block.start, resume)
        while i < block.end:
            ch = text[i]
            if ch not in _CLOSERS or not _opens(text, i, block.start):
                i += 1
                continue
            closer = _CLOSERS[ch]
            j = _find_close(text, i + 1, block.end, closer)
            close_end = None if j is None else j + 1
            if j is None and ch != "‘":
                for nxt in paras[pi + 1 :]:
                    if text[nxt.start] != ch:
                        break
                    j = _find_close(text, nxt.start + 1, nxt.end, closer)
                    if j is not None:
                        close_end = j + 1
                        break
            if j is None:
                if ch == "‘":
                    i += 1
                    continue
                j = close_end = block.end
            cs, ce = i + 1, j
            while ce > cs and (text[ce - 1].isspace() or text[ce - 1] == ","):
                ce -= 1
            if ce > cs:
                out.append((i, cs, ce, close_end))
            if close_end > block.end:
                resume = close_end
                break
            i = close_end
    return out


# --- attribution -----------------------------------------------------------------------------------

_SPK = r"(?P<spk>[^,.;:“”\"()]{1,90}?)"
_AFTER_SPEAKER_VERB = re.compile(rf"^[\s,]*{_SPK}\s+{_AUX}(?P<verb>{_VERB_ALT})\b")
_AFTER_VERB_SPEAKER = re.compile(
    rf"^[\s,]*{_AUX}(?P<verb>{_VERB_ALT})\s+{_SPK}(?=\s*[,.;:!?]|\s+(?:on|in|during|last|at|after|following|who|told|to|this|earlier)\b|\s*$)"
)
_AFTER_ACCORDING = re.compile(r"^[\s,]*according to\s+(?P<spk>[^,.;:“”\"]{1,90})")
_AS_PUT_IT = re.compile(rf",?\s*\bas\s+{_SPK}\s+(?P<verb>put it|{_VERB_ALT})\b")
_FINAL_SPEAKER_VERB = re.compile(rf",\s*{_SPK}\s+{_AUX}(?P<verb>{_VERB_ALT})\b[^,;“”\"]*[.!?]?\s*$")
_FINAL_ACCORDING = re.compile(r",\s*according to\s+(?P<spk>[^,;“”\"]{1,120}?)\s*[.!?]?\s*$")
_STARTING_LOWER = frozenset("a an the one two three four five several some many senior top other he she".split())


@dataclass
class _Found:
    speaker: _Speaker
    verb: str | None
    cue: tuple[int, int]
    span: tuple[int, int]
    kind: str = "direct"
    via: str | None = None


def _match_speaker(ctx: _Context, m: re.Match, offset: int) -> _Speaker | None:
    s, e = offset + m.start("spk"), offset + m.end("spk")
    return ctx.speaker(s, e)


def _subject_before(ctx: _Context, sent_start: int, verb_start: int, participle: bool = False) -> _Speaker | None:
    """The speaker named just before a verb: the shortest clause-final phrase that names one.

    A participle ("with diplomats emphasizing") only takes a subject written right before it.
    """
    max_words = 10
    area = ctx.text[sent_start:verb_start]
    if re.search(r"(?:\b(?:and|but|or)|,)\s*$", area):
        return None
    cuts = [0] + [m.end() for m in _BOUNDARY_RE.finditer(area)]
    for cut in sorted(set(cuts), reverse=True):
        phrase = area[cut:]
        if participle:
            short = phrase.strip() and len(phrase.split()) <= 5 and not _VERB_RE.search(phrase)
            return ctx.speaker(sent_start + cut, verb_start) if short else None
        if not phrase.strip() or len(phrase.split()) > max_words or "," in phrase.strip(" ,"):
            continue
        found = ctx.speaker(sent_start + cut, verb_start)
        if found is not None:
            return found
    return None


def _sentence_subject(ctx: _Context, sent_start: int, limit: int) -> _Speaker | None:
    """The person or body a sentence opens with ("He …", "Ahmad al-Sharaa, the leader of …, affirmed")."""
    head = re.match(r"\s*(He|She)\b", ctx.text[sent_start:limit])
    if head:
        return ctx.speaker(sent_start + head.start(1), sent_start + head.end(1))
    for m in ctx.mentions_in(sent_start, limit):
        if ctx.kinds.get(m.actor) in {"person", "organisation", "group", "government", "media"}:
            return _Speaker(m.actor, m.span.text)
    return None


def _cue_before(ctx: _Context, sent_start: int, pos: int, skip: Sequence[tuple[int, int]]) -> tuple[_Speaker, str, tuple[int, int]] | None:
    """A reporting verb before ``pos`` in its sentence and who it belongs to ("X said that “…”")."""
    verbs = [
        m for m in _VERB_RE.finditer(ctx.text, sent_start, pos)
        if not any(a <= m.start() < b for a, b in skip)
    ]
    written = None
    last = verbs[-1] if verbs else None
    for m in reversed(verbs):
        verb = m.group("verb").lower()
        written = written or verb
        speaker = _subject_before(ctx, sent_start, m.start(), verb.endswith("ing"))
        if speaker is not None:
            return speaker, written, (m.start(), last.end())
    if verbs:
        speaker = _sentence_subject(ctx, sent_start, verbs[-1].start())
        if speaker is not None:
            return speaker, written, (verbs[-1].start(), verbs[-1].end())
    return None


def _attribute_direct(ctx: _Context, q: tuple[int, int, int, int], spans: list) -> _Found:
    o, cs, ce, close_end = q
    ss, _ = ctx.sentence_of(o)
    _, se = ctx.sentence_of(max(close_end - 1, o))
    text = ctx.text
    after = text[close_end:se]
    others = [(a, d) for a, _, _, d in spans if (a, d) != (o, close_end)]
    for pattern in (_AFTER_SPEAKER_VERB, _AFTER_VERB_SPEAKER, _AFTER_ACCORDING):
        m = pattern.match(after)
        if m and (sp := _match_speaker(ctx, m, close_end)) is not None:
            verb = m.groupdict().get("verb")
            return _Found(sp, verb.lower() if verb else "according to", (close_end + m.start(), close_end + m.end()), (cs, ce))
    for pattern in (_AS_PUT_IT, _FINAL_SPEAKER_VERB, _FINAL_ACCORDING):
        m = pattern.search(after)
        if m and (sp := _match_speaker(ctx, m, close_end)) is not None:
            verb = m.groupdict().get("verb")
            return _Found(sp, verb.lower() if verb else "according to", (close_end + m.start(), close_end + m.end()), (cs, ce))
    found = _cue_before(ctx, ss, o, others)
    if found is not None:
        return _Found(found[0], found[1], found[2], (cs, ce))
    # A quote standing alone: "X said:" at the end of the previous sentence, or "X said." after it.
    prev = [s for s in ctx.sentences if s[1] <= ss]
    if prev and text[prev[-1][0] : prev[-1][1]].rstrip().endswith(":"):
        found = _cue_before(ctx, prev[-1][0], prev[-1][1], others)
        if found is not None:
            return _Found(found[0], found[1], found[2], (cs, ce))
    nxt = [s for s in ctx.sentences if s[0] >= close_end]
    if nxt:
        m = re.match(rf"{_SPK}\s+{_AUX}(?P<verb>{_VERB_ALT})\s*[.!?]?\s*$", text[nxt[0][0] : nxt[0][1]])
        if m and (sp := _match_speaker(ctx, m, nxt[0][0])) is not None:
            return _Found(sp, m.group("verb").lower(), (nxt[0][0] + m.start(), nxt[0][0] + m.end()), (cs, ce))
    return _Found(_Speaker(UNATTRIBUTED, ""), None, (o, o), (cs, ce))


# --- paraphrases -----------------------------------------------------------------------------------

_THAT_CUE = re.compile(rf"\b{_AUX}(?P<verb>{_VERB_ALT})\s+that\b")
_SAID_CLAUSE = re.compile(
    r"\b(?P<verb>said|says|say)\s+(?=(?:he|she|they|we|it|the|an?|[A-Z])\b|[A-Z])"
    r"(?!(?:on|in|at|during|last|this|after|following|earlier|to|so|of|about|with|by|from|that)\b)"
)
_FINAL_CUE = re.compile(rf",\s+{_SPK}\s+{_AUX}(?P<verb>{_VERB_ALT})\b(?!\s+that\b)(?!\s*[“\"«])")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<spk>[^,.;:“”\"]{1,120}?)(?=\s*[,.;:]|\s*$)")
_AS_BY = re.compile(r",?\s*\bas\s+(?P<verb>confirmed|reported|announced|stated|noted|said|claimed)\s+by\s+(?P<spk>[^,.;:“”\"]{1,90})")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:!?"):
        e -= 1
    return s, e


def _paraphrases(ctx: _Context, quotes: list[tuple[int, int, int, int]], used: set[int]) -> list[_Found]:
    """Reported speech without quote marks: "X said (that) …", "…, X added", "according to X, …"."""
    text = ctx.text
    inside = [(o, c) for o, _, _, c in quotes]
    claimed: list[tuple[int, int]] = []
    out: list[_Found] = []

    def free(pos: int) -> bool:
        return not any(a <= pos < b for a, b in inside + claimed)

    def add(speaker: _Speaker, verb: str, cue: tuple[int, int], s: int, e: int) -> None:
        s, e = _trim(text, s, e)
        if e - s < 3 or text[s] in "“\"«":
            return
        via = speaker.media
        tail = _FINAL_ACCORDING.search(text, s, e + 1)
        if tail and tail.start() > s:
            via = via or _medium_name(ctx, tail.group("spk"), tail.start("spk"))
            claimed.append((tail.start(), tail.end()))
            s, e = _trim(text, s, tail.start())
        claimed.append((min(s, cue[0]), max(e, cue[1])))
        out.append(_Found(speaker, verb, cue, (s, e), "paraphrase", via))

    for ss, se in ctx.sentences:
        for pattern in (_THAT_CUE, _SAID_CLAUSE):
            for m in pattern.finditer(text, ss, se):
                vs, verb = m.start("verb"), m.group("verb").lower()
                if not free(m.start()) or any(f.cue[0] == m.start() for f in out):
                    continue
                participle = verb.endswith("ing")
                speaker = _subject_before(ctx, ss, m.start(), participle)
                if speaker is None and participle:
                    found = _cue_before(ctx, ss, m.start(), inside)
                    speaker = found[0] if found else None
                if speaker is None and (participle or re.search(r"\b(?:and|but)\s*$", text[ss:m.start()])):
                    speaker = _sentence_subject(ctx, ss, m.start())
                if speaker is not None:
                    used.add(vs)
                    add(speaker, verb, (m.start(), m.end()), m.end(), se)
        for m in _FINAL_CUE.finditer(text, ss, se):
            verb = m.group("verb").lower()
            if not free(m.start()) or m.start("verb") in used or verb.endswith("ing"):
                continue
            if any(ss <= a < m.start() for a, _ in inside):
                continue
            speaker = _match_speaker(ctx, m, 0)
            if speaker is not None:
                used.add(m.start("verb"))
                add(speaker, verb, (m.start() + 1, m.end()), ss, m.start())
        for pattern, verb in ((_ACCORDING, "according to"), (_AS_BY, None)):
            for m in pattern.finditer(text, ss, se):
                if not free(m.start()):
                    continue
                speaker = _match_speaker(ctx, m, 0)
                if speaker is None:
                    continue
                v = verb or m.group("verb").lower()
                rest_s, rest_e = _trim(text, m.end(), se)
                if m.start() - ss < 3:
                    comma = text.find(",", m.end(), se)
                    add(speaker, v, (m.start(), m.end()), comma + 1 if comma > 0 else m.end(), se)
                elif rest_s >= rest_e:
                    add(speaker, v, (m.start(), m.end()), ss, m.start())
                else:
                    add(speaker, v, (m.start(), m.end()), ss, se)
    return out


# --- public API ------------------------------------------------------------------------------------


def find_quotes(article: Article, registry: ActorRegistry) -> list[Quote]:
    """Direct quotes and paraphrased attributions in ``article``, in text order.

    ``speaker`` is an actor id when the registry knows the speaker, the phrase as written for anonymous
    sources and media it does not know, and ``"unattributed"`` for a direct quote nobody is credited with.
    """
    ctx = _Context(article, registry)
    spans = direct_spans(article)
    found = [_attribute_direct(ctx, q, spans) for q in spans]
    used = {_verb_start(ctx.text, f.cue) for f in found}
    found += _paraphrases(ctx, spans, used)
    found.sort(key=lambda f: (f.span[0], f.kind))
    _resolve_pronouns(ctx, found)
    out = []
    for f in found:
        sp = f.speaker
        via = f.via or sp.media
        if via is None and f.kind == "direct":
            ss, se = ctx.sentence_of(f.span[0])
            via = _medium_in(ctx, _blank(ctx.text, ss, se, f.span), ss)
        cue = article.span(*f.cue) if f.cue[1] > f.cue[0] else None
        out.append(
            Quote(
                speaker=sp.speaker,
                speaker_text=sp.text,
                text=ctx.text[f.span[0] : f.span[1]],
                span=article.span(*f.span),
                verb=f.verb,
                kind=f.kind,
                anonymous=sp.anonymous,
                via_media=via,
                cue=cue,
            )
        )
    return out


def _verb_start(text: str, cue: tuple[int, int]) -> int:
    """Where the reported verb of a cue starts: the last reporting verb in it."""
    starts = [m.start("verb") for m in _VERB_RE.finditer(text, cue[0], cue[1])]
    return starts[-1] if starts else cue[0]


def _blank(text: str, start: int, end: int, span: tuple[int, int]) -> str:
    """The sentence with the quoted words blanked out, so a medium is looked for in the outlet's words."""
    s, e = span
    return text[start:s] + " " * (e - s) + text[e:end]


def _resolve_pronouns(ctx: _Context, found: list[_Found]) -> None:
    """Send "he said" to the latest person named as a speaker or as a sentence subject before it."""
    named = [(f.cue[0], f.speaker.speaker) for f in found if not f.speaker.pronoun and ctx.kinds.get(f.speaker.speaker) == "person"]
    antecedents = sorted(ctx.antecedents + named)
    for i, f in enumerate(found):
        if not f.speaker.pronoun:
            continue
        best = None
        for pos, actor in antecedents:
            if pos < f.cue[0]:
                best = actor
        found[i] = _Found(
            _Speaker(best or UNATTRIBUTED, f.speaker.text, pronoun=True, media=f.speaker.media),
            f.verb, f.cue, f.span, f.kind, f.via,
        )


def voice_summary(quotes: Sequence[Quote], registry: ActorRegistry) -> dict:
    """Who gets heard in one outlet: words quoted per speaker, shares of voice, anonymous and media counts.

    ``share`` is a speaker's directly quoted words over all directly quoted words; paraphrases are
    counted per speaker but carry no words, since their wording is the outlet's.
    """
    groups = {a.id: a.group for a in registry.actors}
    names = {a.id: a.name for a in registry.actors}
    words: Counter = Counter()
    direct: Counter = Counter()
    para: Counter = Counter()
    group_of: dict[str, str] = {}
    for q in quotes:
        if q.kind == "direct":
            words[q.speaker] += q.words
            direct[q.speaker] += 1
        else:
            para[q.speaker] += 1
        if q.anonymous:
            group_of[q.speaker] = "anonymous"
        elif q.speaker == UNATTRIBUTED:
            group_of[q.speaker] = UNATTRIBUTED
        else:
            group_of[q.speaker] = groups.get(q.speaker) or "other"
    total = sum(words.values())
    speakers = {}
    by_group: dict[str, dict] = defaultdict(lambda: {"words": 0, "quotes": 0, "paraphrases": 0})
    for sp in sorted(group_of):
        share = words[sp] / total if total else 0.0
        speakers[sp] = {
            "name": names.get(sp, sp),
            "group": group_of[sp],
            "words": words[sp],
            "quotes": direct[sp],
            "paraphrases": para[sp],
            "share": round(share, 4),
        }
        g = by_group[group_of[sp]]
        g["words"] += words[sp]
        g["quotes"] += direct[sp]
        g["paraphrases"] += para[sp]
    for g in by_group.values():
        g["share"] = round(g["words"] / total, 4) if total else 0.0
    return {
        "total_words": total,
        "speakers": speakers,
        "groups": dict(sorted(by_group.items())),
        "anonymous": sum(1 for q in quotes if q.anonymous),
        "media_cited": sum(1 for q in quotes if q.via_media),
        "unattributed": sum(1 for q in quotes if q.speaker == UNATTRIBUTED),
    }
