"""Who speaks in an article: direct quotes and paraphrases, each with its speaker and attribution cue.

Quote marks and the patterns of reported speech are found here; who a cue names, and through which
medium, is read by :mod:`framing.analyse.lenses.attribution`.

A direct quote with no attribution anywhere near it is still reported, with speaker ``"unattributed"``:
scare quotes ("adjustments") are part of how an outlet frames a story, and guessing a speaker for them
would invent evidence. A short capitalised phrase in quotation marks that nobody is credited with, or
that follows "on", "in", "dubbed" and the like, is a title ("State of the Union"), not a quote.

Cues are read in a masked copy of the text (see :func:`framing.analyse.lenses.attribution.masked`), so
"Sen.", "U.S." and "(D-Calif.)" do not cut a speaker phrase. A quote with no cue of its own continues
the speaker of the quote before it in its paragraph, or of the last quote before a paragraph that opens
with it, when nobody else is named in between.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from framing.models import Article, Quote
from framing.lang import profile
from framing.words import WORD_RE, fold, tokens
from framing.analyse.lenses.actors import ActorRegistry
from framing.analyse.lenses.attribution import (
    POSSESSOR,
    AUX,
    SPK,
    UNATTRIBUTED,
    AFTER_QUOTE_VERBS,
    VERB_ALT,
    VERB_FORMS,
    VERB_RE,
    Context,
    Intervals,
    Speaker,
    WHEN,
    trim_speaker_phrase,
    cue_before,
    match_speaker,
    medium_in,
    medium_name,
    plain,
    sentence_subject,
    subject_before,
)


# --- direct quotes ---------------------------------------------------------------------------------

# The marks that close each opening mark: a curly quote is sometimes closed by a straight one
# (“…," she said) where an editor or a feed mixed them.
_CLOSERS = {"“": "”\"", "«": "»", "‘": "’", '"': '"”', "'": "'"}  # mixed pairs: “…" and "…”
_SINGLE = {"‘", "'"}  # single marks quote within one paragraph only: an unclosed one is an apostrophe
_SINGLE_REACH = 2000  # characters a quote in single marks may run


def _opens(text: str, i: int, block_start: int) -> bool:
    before = text[i - 1] if i > block_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    # A straight single mark opens a quote only before a letter ("the '90s" is an elision).
    return (before.isspace() or before in "([—–/:") and not after.isspace() and (text[i] != "'" or after.isalpha())


# A closing mark follows a character that is not a space.
_CLOSE_RE = {opener: re.compile(r"(?<=\S)[" + re.escape(marks) + "]") for opener, marks in _CLOSERS.items()}


def _find_close(text: str, start: int, end: int, opener: str) -> int | None:
    find = _CLOSE_RE[opener]
    j = start
    while True:
        m = find.search(text, j, end)
        if m is None:
            return None
        j = m.start()
        after = text[j + 1] if j + 1 < len(text) else " "
        if not (text[j] in "’\"'" and after.isalnum()):
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
            # A single mark closes within a few sentences or is an apostrophe: a bounded search keeps a
            # paragraph full of apostrophes linear.
            reach = min(block.end, i + _SINGLE_REACH) if ch in _SINGLE else block.end
            j = _find_close(text, i + 1, reach, ch)
            close_end = None if j is None else j + 1
            if j is None and ch not in _SINGLE:
                for k in range(pi + 1, len(paras)):  # no slice: a copy per quote mark adds up
                    nxt = paras[k]
                    if text[nxt.start] != ch:
                        break
                    j = _find_close(text, nxt.start + 1, nxt.end, ch)
                    if j is not None:
                        close_end = j + 1
                        break
            if j is None:
                if ch in _SINGLE:
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


_SHORT_QUOTE_WORDS = 3
_EN = profile("en")

# --- attribution -----------------------------------------------------------------------------------

# Right after a quote, a few more verbs report it ("…,” she continued.).
_AFTER_ALT = "|".join(sorted(VERB_FORMS | AFTER_QUOTE_VERBS, key=len, reverse=True))
_EN_NOUNISH = frozenset(w for w in _EN.words("reporting_verbs_nounish") if w.endswith("s"))
_AFTER_SPEAKER_VERB = re.compile(rf"^[\s,]*{SPK}\s+{AUX}(?P<verb>{_AFTER_ALT})\b")
# Right after a quote, a verb that is often a noun is a verb: "“…,” reports Axios", "“…,” notes Lee".
_AFTER_INVERTED_ALT = "|".join(sorted(VERB_FORMS | AFTER_QUOTE_VERBS | _EN_NOUNISH, key=len, reverse=True))
_AFTER_VERB_SPEAKER = re.compile(
    rf"^[\s,]*{AUX}(?P<verb>{_AFTER_INVERTED_ALT})\s+{SPK}(?=\s*[,.;:!?]|\s+(?:on|in|during|last|at|after|following|who|told|to|this|earlier)\b|\s*$)"
)
# "“…,” said his wife, Ann Lee, 69": a description by a possessive pronoun, then the name it gives.
_AFTER_VERB_APPOSED_NAME = re.compile(
    rf"^[\s,]*{AUX}(?P<verb>{_AFTER_ALT})\s+(?:his|her|their|its)\s+[a-z][\w -]{{0,40}}?,\s+"
    r"(?P<spk>(?:[A-Z][\w.’'-]*\s+){1,3}[A-Z][\w’'-]*)(?=\s*[,.;]|\s+(?:of|from|in)\b)"
)
_NOT_AFTER_CUE = re.compile(r"[—–]|ing$")
_AFTER_ACCORDING = re.compile(r"^[\s,]*according to\s+(?P<spk>[^,.;:“”\"]{1,90})")
_AS_PUT_IT = re.compile(rf",?\s*\bas\s+{SPK}\s+(?P<verb>put it|{VERB_ALT})\b")
_FINAL_SPEAKER_VERB = re.compile(rf",\s*{SPK}\s+{AUX}(?P<verb>{VERB_ALT})\b[^,;“”\"]*[.!?]?\s*$")
_FINAL_ACCORDING = re.compile(r",\s*according to\s+(?P<spk>[^,;“”\"]{1,120}?)\s*[.!?]?\s*$")
# “…,” the agency’s director, Ann Lee, said / “…,” Ann Lee, the agency’s director, said.
_AFTER_APPOSITION_VERB = re.compile(
    rf"^[\s,]*(?P<a>[^,.;:“”\"()]{{1,60}}?),\s+(?P<b>[^,.;:“”\"()]{{1,60}}?),\s+{AUX}(?P<verb>{_AFTER_ALT})\b"
)
# The end of a text cut off by its source after a name (a comma, a name, an ellipsis).
_CUT_AFTER_NAME = re.compile(r"[\s,]*(?P<spk>[^,.;:“”\"()…\u2024]{1,90}?)\s*(?:[.\u2024]{3}|…)\s*$")


def _apposed_speaker(ctx: Context, m: re.Match, offset: int) -> Speaker | None:
    """The name of a name and its appositive before a reporting verb, whichever comes first; the other
    part must be a description ("the agency’s director"), so a list ("Paris, Rome and Bern") names nobody."""
    for part, other in (("a", "b"), ("b", "a")):
        # "the agency’s director", or a capitalised one ending in a title: "White House press secretary"
        last = fold(m.group(other).split()[-1]) if m.group(other).split() else ""
        if not (_DESCRIPTION_START.match(m.group(other)) or last in _EN.titles):
            continue
        start, end = offset + m.start(part), offset + m.end(part)
        people = [x for x in ctx.mentions_in(start, end) if ctx.kinds.get(x.actor) == "person"]
        if people:
            return Speaker(people[-1].actor, plain(trim_speaker_phrase(ctx.text[start:end]).strip()))
        sp = ctx.speaker(start, end)  # a name the registry does not hold
        if sp is not None and m.group(part)[:1].isupper() and not (sp.anonymous or sp.pronoun):
            return sp
    return None


# "the agency’s director", "a spokesman", "CNN’s chief correspondent": a description, not a name.
_DESCRIPTION_START = re.compile(r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s|[a-z]|" + POSSESSOR + r"\s+[a-z]")


@dataclass
class _Found:
    speaker: Speaker
    verb: str | None
    cue: tuple[int, int]
    span: tuple[int, int]
    kind: str = "direct"
    via: str | None = None
    follows: bool = False  # the cue is another sentence's, read there too


def _attribute_direct(ctx: Context, q: tuple[int, int, int, int], quoted: Intervals) -> _Found:
    """Who a direct quote is credited to; ``quoted`` holds every quote's marks, and a reporting verb
    inside another quote is not a cue (the quote's own words come after any cue searched for)."""
    o, cs, ce, close_end = q
    ss, _ = ctx.sentence_of(o)
    _, se = ctx.sentence_of(max(close_end - 1, o))
    text = ctx.text
    after = text[close_end:se]
    if not after.strip() and text[ce - 1 : ce] in ("?", "!") and (nxt := ctx.sentence_after(close_end)):
        after = text[close_end : nxt[1]]  # “…?” Ann Lee asked. — the mark ends the sentence, not the cue
    for pattern in (_AFTER_SPEAKER_VERB, _AFTER_VERB_APPOSED_NAME, _AFTER_VERB_SPEAKER, _AFTER_ACCORDING):
        m = pattern.match(after)
        if m and pattern is _AFTER_SPEAKER_VERB and _NOT_AFTER_CUE.search(m.group("spk") + " " + m.group("verb")):
            continue  # “…” COVID-19 leaked — insisting: a new clause, not a speaker and a verb
        if m and (sp := match_speaker(ctx, m, close_end)) is not None:
            verb = m.groupdict().get("verb")
            return _Found(sp, verb.lower() if verb else "according to", (close_end + m.start(), close_end + m.end()), (cs, ce))
    m = _AFTER_APPOSITION_VERB.match(after)
    if m and (sp := _apposed_speaker(ctx, m, close_end)) is not None:
        return _Found(sp, m.group("verb").lower(), (close_end + m.start(), close_end + m.end()), (cs, ce))
    for pattern in (_AS_PUT_IT, _FINAL_SPEAKER_VERB, _FINAL_ACCORDING):
        m = pattern.search(after)
        if m and (sp := match_speaker(ctx, m, close_end)) is not None:
            verb = m.groupdict().get("verb")
            return _Found(sp, verb.lower() if verb else "according to", (close_end + m.start(), close_end + m.end()), (cs, ce))
    found = cue_before(ctx, ss, o, quoted)
    if found is not None:
        return _Found(found[0], found[1], found[2], (cs, ce))
    # A text cut off right after the speaker's name: “…,” Treasury Secretary Ann Lee...
    m = _CUT_AFTER_NAME.match(text[close_end : close_end + 120]) if "," in text[ce - 1 : close_end] else None
    if m and (sp := match_speaker(ctx, m, close_end)) is not None and not sp.pronoun:
        return _Found(sp, None, (close_end + m.start("spk"), close_end + m.end("spk")), (cs, ce))
    # A quote standing alone: "X said:" at the end of the previous sentence, or "X said." after it.
    prev = ctx.sentence_before(ss)
    if prev and text[prev[0] : prev[1]].rstrip().endswith(":"):
        found = cue_before(ctx, prev[0], prev[1], quoted)
        if found is not None:
            return _Found(found[0], found[1], found[2], (cs, ce))
    nxt = ctx.sentence_after(close_end)
    if nxt:
        m = re.match(rf"{SPK}\s+{AUX}(?P<verb>{VERB_ALT})\s*[.!?]?\s*$", text[nxt[0] : nxt[1]])
        if m and (sp := match_speaker(ctx, m, nxt[0])) is not None:
            return _Found(sp, m.group("verb").lower(), (nxt[0] + m.start(), nxt[0] + m.end()), (cs, ce))
    return _Found(Speaker(UNATTRIBUTED, ""), None, (o, o), (cs, ce))


# --- paraphrases -----------------------------------------------------------------------------------

_THAT_CUE = re.compile(rf"\b{AUX}(?P<verb>{VERB_ALT})\s+that\b")
_SAID_CLAUSE = re.compile(
    r"\b(?P<verb>said|says|say)\s+(?=(?:he|she|they|we|it|the|an?|[A-Z])\b|[A-Z])"
    r"(?!(?:on|in|at|during|last|this|after|following|earlier|to|so|of|about|with|by|from|that)\b)"
)
_FINAL_CUE = re.compile(rf",\s+{SPK}\s+{AUX}(?P<verb>{VERB_ALT})\b(?!\s+that\b)(?!\s*[“\"«])")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<spk>[^,.;:“”\"]{1,120}?)(?=\s*[,.;:]|\s*$)")
_AS_BY = re.compile(r",?\s*\bas\s+(?P<verb>confirmed|reported|announced|stated|noted|said|claimed)\s+by\s+(?P<spk>[^,.;:“”\"]{1,90})")


_WHEN_LEAD = re.compile(rf"{WHEN}[\s,]*")
_PARTICIPLE_LEAD = re.compile(rf"(?:{'|'.join(sorted(v for v in VERB_FORMS if v.endswith('ing')))})\b")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:!?"):
        e -= 1
    return s, e


def _paraphrases(ctx: Context, quoted: Intervals, used: set[int]) -> list[_Found]:
    """Reported speech without quote marks: "X said (that) …", "…, X added", "according to X, …".

    ``quoted`` holds the direct quotes' marks; words inside them or inside a cue already read are
    not read again.
    """
    text = ctx.text
    claimed: list[tuple[int, int]] = []  # what this sentence's cues took (earlier ones end before it)
    cues: set[int] = set()
    out: list[_Found] = []

    def free(pos: int) -> bool:
        return not quoted.covers(pos) and not any(a <= pos < b for a, b in claimed)

    def add(speaker: Speaker, verb: str, cue: tuple[int, int], s: int, e: int) -> bool:
        """Add the paraphrase ``text[s:e]``; False when there is none there ("said Tuesday night.")."""
        s, e = _trim(text, s, e)
        when = _WHEN_LEAD.match(text, s, e)  # "said Thursday evening the toll rose": what was said follows the day
        if when:
            s = when.end()
        if e - s < 3 or text[s] in "“\"«" or _PARTICIPLE_LEAD.match(text, s, e):
            return False  # a quote follows ("said Thursday “…”"), or another cue ("said Thursday, saying …")
        via = speaker.media
        tail = _FINAL_ACCORDING.search(text, s, e + 1)
        if tail and tail.start() > s:
            via = via or medium_name(ctx, tail.group("spk"), tail.start("spk"))
            claimed.append((tail.start(), tail.end()))
            s, e = _trim(text, s, tail.start())
        claimed.append((min(s, cue[0]), max(e, cue[1])))
        cues.add(cue[0])
        out.append(_Found(speaker, verb, cue, (s, e), "paraphrase", via))
        return True

    for ss, se in ctx.sentences:
        claimed = [(a, b) for a, b in claimed if b > ss]  # sentences come in order: the rest are behind
        for pattern in (_THAT_CUE, _SAID_CLAUSE):
            for m in pattern.finditer(text, ss, se):
                vs, verb = m.start("verb"), m.group("verb").lower()
                if not free(m.start()) or m.start() in cues:
                    continue
                participle = verb.endswith("ing")
                speaker = subject_before(ctx, ss, m.start(), participle)
                if speaker is None and participle:
                    found = cue_before(ctx, ss, m.start(), quoted)
                    speaker = found[0] if found else None
                if speaker is None and (participle or re.search(r"\b(?:and|but)\s*$", text[ss:m.start()])):
                    speaker = sentence_subject(ctx, ss, m.start())
                if speaker is not None and add(speaker, verb, (m.start(), m.end()), m.end(), se):
                    used.add(vs)  # "…, officials said Tuesday night.": nothing follows, the cue ends the sentence
        for m in _FINAL_CUE.finditer(text, ss, se):
            verb = m.group("verb").lower()
            if not free(m.start()) or m.start("verb") in used or verb.endswith("ing"):
                continue
            if quoted.starts_between(ss, m.start()):
                continue
            speaker = match_speaker(ctx, m, 0)
            if speaker is not None:
                used.add(m.start("verb"))
                add(speaker, verb, (m.start() + 1, m.end()), ss, m.start())
        for pattern, verb in ((_ACCORDING, "according to"), (_AS_BY, None)):
            for m in pattern.finditer(text, ss, se):
                if not free(m.start()):
                    continue
                speaker = match_speaker(ctx, m, 0)
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


def _only_function_words(text: str | None) -> bool:
    """Whether a speaker's words are all function words ("What", "he", "But the"): not a name."""
    from framing.analyse.lenses.terms import english_stop_words

    words = [re.sub(r"['’]\w*$", "", fold(t.text)) for t in tokens(text or "")]  # "It’s": "it"
    return bool(words) and all(w in english_stop_words() for w in words)


def find_quotes(article: Article, registry: ActorRegistry) -> list[Quote]:
    """Direct quotes and paraphrased attributions in ``article``, in text order.

    ``speaker`` is an actor id when the registry knows the speaker, the phrase as written for anonymous
    sources and media it does not know, and ``"unattributed"`` for a direct quote nobody is credited with.
    """
    ctx = Context(article, registry)
    spans = direct_spans(article)
    quoted = Intervals((o, c) for o, _, _, c in spans)
    found = _follow_on([_attribute_direct(ctx, q, quoted) for q in spans], ctx, article, quoted)
    found = [f for f in found if not _is_title(ctx.text, f)]
    used = {_verb_start(ctx.text, f.cue) for f in found if not f.follows}
    found += _paraphrases(ctx, quoted, used)
    found.sort(key=lambda f: (f.span[0], f.kind))
    _resolve_pronouns(ctx, found)
    out = []
    for f in found:
        sp = f.speaker
        if not sp.anonymous and _only_function_words(sp.speaker) and registry.get(sp.speaker) is None:
            # "What" from a heading "What they're saying:", an unresolved "he": no one is named
            sp = replace(sp, speaker="unattributed", text="")
        via = f.via or sp.media
        if via is None and f.kind == "direct":
            ss, se = ctx.sentence_of(f.span[0])
            via = medium_in(ctx, _blank(ctx.text, ss, se, f.span), ss)
        cue = article.span(*f.cue) if f.cue[1] > f.cue[0] else None
        out.append(
            Quote(
                speaker=plain(sp.speaker),
                speaker_text=plain(sp.text),
                text=article.text[f.span[0] : f.span[1]],
                span=article.span(*f.span),
                verb=f.verb,
                kind=f.kind,
                anonymous=sp.anonymous,
                via_media=plain(via),
                cue=cue,
            )
        )
    return out


_WORK_NOUNS = _EN.words("work_nouns")
_TITLE_ROLES = _EN.words("title_roles")
_LONG_TITLE_WORDS = 12


# The word before a quoted title, past the name of whose it is ("on ABC’s “This Week”", "told Fox News’ “Hannity”").
_WORD_BEFORE_TITLE = re.compile(r"([\w-]+)\W*?(?:\s(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*['’]s?)?\W*$")


def _is_title(text: str, f: _Found) -> bool:
    """A capitalised phrase in quotation marks that names a show, a book or a bill ("State of the
    Union"), not words anyone said: a short one that nobody is credited with or that follows a title
    cue ("told “Hannity”"), and one of any length between a work and its title ("his book “…”") or
    before a role ("the “Brave” author")."""
    words = WORD_RE.findall(text, f.span[0], f.span[1])
    content = [w for w in words if fold(w) not in _EN.stop_words]
    if not content or not all(w[0].isupper() or w[0].isdigit() for w in content):
        return False
    before = _WORD_BEFORE_TITLE.search(text[max(0, f.span[0] - 60) : f.span[0]])
    after = re.match(r"\W*([\w-]+)", text[f.span[1] : f.span[1] + 30])
    if len(content) <= _LONG_TITLE_WORDS and (
        (before and fold(before.group(1)) in _WORK_NOUNS) or (after and fold(after.group(1)) in _TITLE_ROLES)
    ):
        return True
    if f.verb is not None and not (before and fold(before.group(1)) in _EN.title_cues):
        return False
    return len(content) <= _SHORT_QUOTE_WORDS


def _follow_on(found: list[_Found], ctx: Context, article: Article, quoted: Intervals) -> list[_Found]:
    """A direct quote with no cue of its own takes the speaker of a quote or a cue near it:

    - of the next quote in its sentence when that quote's cue comes after it and nobody is named and
      no reporting verb comes between them (`It is “clear” that “B,” according to Lee.`);
    - of the quote before it in the same paragraph when no other person is named and no reporting
      verb comes between them (`"A," Lee added. "B."`), or when it opens the paragraph right after one
      that ends with that quote and its cue;
    - of the reporting verb of the sentence before it, in its paragraph or ending the one before, when
      the quote opens its sentence and nobody else is named as a subject after that verb (`Lee said the
      talks failed. “We tried.”`): the news convention for a quote that continues a speaker's remarks.
    """
    starts = [b.start for b in article.paragraphs]
    paragraph = lambda pos: bisect_left(starts, pos + 1)  # noqa: E731 - the index after the paragraph's
    text = ctx.text
    uncued = lambda f: f.cue[0] == f.cue[1]  # noqa: E731
    found = list(found)
    for i in range(len(found) - 2, -1, -1):
        f, nxt = found[i], found[i + 1]
        if not uncued(f) or uncued(nxt) or nxt.speaker.speaker == UNATTRIBUTED or nxt.cue[0] < nxt.span[1]:
            continue
        gap_start, gap_end = f.span[1] + 1, nxt.span[0] - 1
        if (
            ctx.sentence_of(f.span[0]) == ctx.sentence_of(nxt.span[0])
            and not ctx.mentions_in(gap_start, gap_end)
            and not VERB_RE.search(text, gap_start, gap_end)
        ):
            found[i] = _Found(nxt.speaker, nxt.verb, nxt.cue, f.span)
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if uncued(f) and prev is not None and (prev.speaker.speaker != UNATTRIBUTED or prev.speaker.pronoun):
            gap_start, gap_end = max(prev.span[1], prev.cue[1]), f.span[0] - 1
            gap = text[gap_start:gap_end]
            named = [
                m for m in ctx.mentions_in(gap_start, gap_end)
                if ctx.kinds.get(m.actor) == "person" and m.actor != prev.speaker.speaker and not _addressee(text, prev, m)
            ]
            same = paragraph(gap_start) == paragraph(f.span[0])
            # A paragraph that opens with a quote continues the speaker of the last quote before it
            # when nobody else is named after that quote ("…,” Lee said on Friday.\n\n“We …”).
            opens = (
                paragraph(gap_start) + 1 == paragraph(f.span[0])
                and f.span[0] - 1 == starts[paragraph(f.span[0]) - 1]
                and not named
            )
            # "“A,” said Lee, who also called the vote rigged. “B.”": a relative clause on the speaker
            # closing the sentence names no one else who speaks.
            about_speaker = bool(_RELATIVE_TO_END_RE.fullmatch(gap))
            if (same and ((not named and not VERB_RE.search(gap)) or about_speaker)) or opens:
                f = _Found(prev.speaker, prev.verb, prev.cue, f.span)
        if uncued(f):
            f = _continued(ctx, f, quoted, paragraph) or f
        out.append(f)
    return out


_TO_WHOM_VERBS = frozenset({"told", "tells", "telling", "asked", "asks", "asking"})
_RELATIVE_TO_END_RE = re.compile(r"\s*,\s*(?:who|whose)\b[^“”\"«»\n.!?]*[.!?]\s*")  # one sentence: abbreviations are masked
_ADDRESSEE_GAP = re.compile(r"[^,.;:!?“”\"\u2024]{0,40}")


def _addressee(text: str, f: _Found, m) -> bool:  # noqa: ANN001 - a Mention
    """Whether ``m`` is the one a quote was told to ("she told host Ann Lee"), not another speaker."""
    return f.verb in _TO_WHOM_VERBS and f.cue[1] <= m.span.start and bool(_ADDRESSEE_GAP.fullmatch(text, f.cue[1], m.span.start))


def _continued(ctx: Context, f: _Found, quoted: Intervals, paragraph) -> _Found | None:
    """The speaker of the reporting verb in the sentence before a quote that opens its own sentence."""
    ss, _ = ctx.sentence_of(f.span[0])
    if ctx.text[ss : f.span[0]].strip() not in _CLOSERS:
        return None
    prev = ctx.sentence_before(ss)
    if prev is None or paragraph(prev[0]) + 1 < paragraph(ss) or quoted.starts_between(prev[0], prev[1]):
        return None
    cue = cue_before(ctx, prev[0], prev[1], quoted)
    if cue is None or (cue[0].speaker == UNATTRIBUTED and not cue[0].pronoun):
        return None
    speaker, verb, (cue_start, cue_end) = cue
    others = [a for a in ctx.subjects_between(cue_end, ss) if a != speaker.speaker]
    return None if others else _Found(speaker, verb, (cue_start, cue_end), f.span, follows=True)


def _verb_start(text: str, cue: tuple[int, int]) -> int:
    """Where the reported verb of a cue starts: the last reporting verb in it."""
    starts = [m.start("verb") for m in VERB_RE.finditer(text, cue[0], cue[1])]
    return starts[-1] if starts else cue[0]


def _blank(text: str, start: int, end: int, span: tuple[int, int]) -> str:
    """The sentence with the quoted words blanked out, so a medium is looked for in the outlet's words."""
    s, e = span
    return text[start:s] + " " * (e - s) + text[e:end]


def _resolve_pronouns(ctx: Context, found: list[_Found]) -> None:
    """Send "he said" to the latest person named as a speaker or as a sentence subject before it."""
    # Named speakers: people of the registry, and names the registry does not hold ("Mr. Lee").
    named = [
        (f.cue[0], f.speaker.speaker)
        for f in found
        if not f.speaker.pronoun and not f.speaker.anonymous and f.speaker.speaker != UNATTRIBUTED
        and ctx.kinds.get(f.speaker.speaker, "person") == "person" and not f.speaker.media
    ]
    antecedents = sorted(ctx.antecedents + named)
    positions = [pos for pos, _ in antecedents]
    for i, f in enumerate(found):
        if not f.speaker.pronoun:
            continue
        before = bisect_left(positions, f.cue[0])  # the latest antecedent before the cue
        best = antecedents[before - 1][1] if before else None
        found[i] = _Found(
            Speaker(best or UNATTRIBUTED, f.speaker.text, pronoun=True, media=f.speaker.media),
            f.verb, f.cue, f.span, f.kind, f.via,
        )


def voice_summary(quotes: Sequence[Quote], registry: ActorRegistry) -> dict:
    """Who gets heard in one outlet: words quoted per speaker, shares of voice, anonymous and media counts.

    ``share`` is a speaker's directly quoted words over all directly quoted words; paraphrases are
    counted per speaker but carry no words, since their wording is the outlet's.
    """
    groups = registry.groups
    names = registry.names
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
