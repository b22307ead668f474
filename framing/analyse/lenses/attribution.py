"""Who a phrase names as a speaker: reporting verbs, speaker phrases, pronouns, anonymous sources, media.

Speakers are resolved through the actor registry; pronouns ("he said") go to the most recent person
named as a speaker or sentence subject before them; unnamed sources ("a source familiar with the
discussions", "Russian diplomatic circles") are kept as written and marked anonymous; media cited as
the channel ("told RT Arabic") or as the source ("according to Syrian media") fill ``via_media``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate
from dataclasses import dataclass

from framing.models import Article, Mention
from framing.lang import profile
from framing.words import fold, split_sentences
from framing.analyse.lenses.actors import (
    NATIONALITY_RE,
    PARTY_NOUNS,
    PERSON_ROLES,
    ROLE_ADJECTIVES,
    STATE_WORDS,
    ActorRegistry,
    name_words,
)

UNATTRIBUTED = "unattributed"
_EN = profile("en")


def _inflect(base: str) -> set[str]:
    irregular = dict(_EN.reporting_verbs_irregular)
    if base in irregular:
        return {base, *irregular[base].split()}
    if base.endswith("e"):
        return {base, base + "s", base + "d", base[:-1] + "ing"}
    if base.endswith("y") and base[-2] not in "aeiou":
        return {base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    if base.endswith(("ss", "sh")):
        return {base, base + "es", base + "ed", base + "ing"}
    return {base, base + "s", base + "ed", base + "ing"}


# Reporting verbs and the forms of them that are more often nouns ("the state", "news reports") come
# from the English profile.
VERB_FORMS = frozenset(f for b in _EN.reporting_verbs for f in _inflect(b)) - _EN.reporting_verbs_nounish
AFTER_QUOTE_VERBS = _EN.reporting_verbs_after_quote
VERB_ALT = "|".join(sorted(VERB_FORMS, key=len, reverse=True))
AUX = r"(?:(?:has|have|had|also|further|later|previously|then|again|reportedly|recently|once)\s+)*"
# A verb form inside a compound ("highly-anticipated", "so-called") is an adjective, not a cue.
VERB_RE = re.compile(rf"(?<![-‐‑])\b{AUX}(?P<verb>{VERB_ALT}|put it|pointed out)\b(?![-‐‑])")
_PRONOUNS = {"he", "she"}
_BOUNDARY_RE = re.compile(r"[,;:()“”\"«»—–]|\b(?:and|but|while|that|with|as|after|when|because|although|though|which|what|And|But|While|As|After|When|Because|Although|Though)\b")
_SOURCE_RE = re.compile(
    r"^(?:(?:a|an|the|one|two|three|four|five|several|some|many|other|senior|top|\d+)\s+)?"
    r"(?:[\w’'-]+\s+(?:and|or)\s+)?(?:[\w’'-]+\s+){0,3}?"  # "current and former American government officials"
    r"(?:sources?|officials?|diplomats?|circles|insiders?|people|persons?|aides?|analysts?|observers?|"
    r"experts?|spokesperson|spokesman|spokeswoman)"
    r"(?:\s+(?:familiar|close|with knowledge|briefed|involved|knowledgeable|speaking)\b[^,;]{0,60})?$",
    re.IGNORECASE,
)
_UNNAMED_PEOPLE_RE = re.compile(r"\b(?:sources?|officials?|diplomats?|insiders?|aides?)\s*$", re.IGNORECASE)
_RELATIVE_RE = re.compile(r"\s+(?:who|which|that)\b.*$", re.DOTALL)
FINITE = frozenset("has have had is was are were will would did does do can could should may might".split())
_MEDIA_NOUNS = frozenset(
    "media news reports report agency agencies service newspaper newspapers channel broadcaster television tv outlet outlets press daily wire network".split()
)
_MEDIA_CUE_RE = re.compile(
    r"(?:\btold|\b[Ss]peaking (?:to|with)|\bspoke (?:to|with)|\binterview (?:to|with)|\bquoted by|\bcited by|"
    r"\breported by|\b[Aa]ccording to)\s+(?P<m>(?:the\s+|an?\s+)?[^,.;:“”\"]{1,80}?)"
    r"(?=\s+(?:on|last|this|in|during|following|after|that|said|earlier|and)\b|[,.;:“”\"]|$)"
)


MASKED_STOP = "\u2024"  # one dot leader: a full stop that ends no sentence, in the text cues are read in
# A parenthesis that gives a party, a state or a short name ("(D-Calif.)", "(R., Wash.)", "(N.Y.)").
_AFFILIATION_RE = re.compile(
    r"\(\s*(?:[A-Z][A-Za-z]{0,3}\s*[-–.,]+\s*)?[A-Z][A-Za-z.’'-]*(?:\s+[A-Z][A-Za-z.’'-]*){0,3}\s*\)"
)
# An age after a name ("Ann Lee, 45, said"): news style, blanked like an affiliation.
_AGE_RE = re.compile(r"[A-Z][\w’'-]+(?P<age>,\s*\d{1,3}\s*,)(?=\s)")
_STOP_RUN_RE = re.compile(r"[.!?…\"'”’»)\]]*")


def unnamed_source(phrase: str) -> bool:
    """Whether a speaker phrase is an unnamed source in the news sense ("a source familiar with the
    talks", "U.S. officials"), not merely an unnamed person ("a reporter", "the woman")."""
    return bool(_SOURCE_RE.match(phrase.strip()) or _UNNAMED_PEOPLE_RE.search(phrase))


def masked(text: str, sentence_ends: set[int]) -> str:
    """``text`` with affiliations and ages blanked and full stops that end no sentence replaced, same length."""
    chars = list(text)
    for pattern, group in ((_AFFILIATION_RE, 0), (_AGE_RE, "age")):
        for m in pattern.finditer(text):
            chars[m.start(group) : m.end(group)] = " " * (m.end(group) - m.start(group))
    for i in (m.start() for m in re.finditer(r"\.", text)):
        if chars[i] == "." and _STOP_RUN_RE.match(text, i).end() not in sentence_ends:
            chars[i] = MASKED_STOP
    return "".join(chars)


def plain(phrase: str | None) -> str | None:
    """A phrase read in the masked text as it is written, on one line."""
    if phrase is None:
        return None
    text = " ".join(phrase.replace(MASKED_STOP, ".").split())
    if text[:1] in "“\"" and not re.search(r"[”\"]", text[1:]):  # “Tucker Carlson Tonight” host: the title's mark, cut
        text = text[1:]
    return text


@dataclass(frozen=True)
class Speaker:
    """Who a phrase names: an actor id, or the phrase as written, and how it was named."""

    speaker: str
    text: str
    anonymous: bool = False
    media: str | None = None
    pronoun: bool = False


class Context:
    """One article's mentions, sentences and the people it names as speakers or subjects, in order."""

    def __init__(self, article: Article, registry: ActorRegistry):
        self.article = article
        self.registry = registry
        self.mentions = registry.mentions(article)
        self.kinds = registry.kinds
        self.actors = registry.by_id
        self.sentences = [
            (s, e) for b in article.paragraphs for s, e in split_sentences(article.text, b.start, b.end)
        ]
        # Cues are read in a copy of the text of the same length where a full stop that ends no
        # sentence ("Sen.", "U.S.") is not punctuation and a party or state affiliation ("(D-Calif.)")
        # is blank: "said Sen. Ann Lee (D-Ore.) on Friday" then reads like "said Ann Lee on Friday".
        self.text = masked(article.text, self._sentence_ends_set())
        self.antecedents: list[tuple[int, str]] = [
            (m.span.start, m.actor) for m in self.mentions if self.kinds.get(m.actor) == "person" and self.subject_like(m)
        ]
        # Sentences, mentions and antecedents are in text order and never overlap: offsets are bisected.
        self._sentence_starts = [s for s, _ in self.sentences]
        self._sentence_ends = [e for _, e in self.sentences]
        self._mention_starts = [m.span.start for m in self.mentions]
        self._antecedent_starts = [p for p, _ in self.antecedents]
        self.first_seen: dict[str, int] = {}  # where the article first names each actor
        for m in self.mentions:
            self.first_seen.setdefault(m.actor, m.span.start)
        self._documents: list[tuple[int, int, int]] | None = None  # (start, author start, author end)
        # Bodies the article names with a collective noun after a name ("G-7 leaders"), in text order.
        self.collectives: list[tuple[int, str, str, int]] = []  # (start, the body, the noun, end)
        for m in self.mentions:
            body = self._collective_after(m)
            if body is not None:
                self.collectives.append((m.span.start, *body, self._collective_noun(m.span.end).end()))

    def _collective_after(self, m: Mention) -> tuple[str, str] | None:
        """"G-7 leaders", "EU foreign ministers": a body named by a name and a collective noun after it."""
        if self.kinds.get(m.actor) == "person" or self._collective_noun(m.span.end) is None:
            return None
        actor = self.actors.get(m.actor)  # the body by its name: "NC ministers" are "Nordic Council ministers"
        return self.collective(actor.name if actor else m.span.text, m.span.end)

    def _collective_noun(self, end: int) -> re.Match | None:
        c = _COLLECTIVE_AFTER_RE.match(self.text, end)
        if c is None or any(w in _EN.stop_words for w in c.group("words").split()[:-1]):
            return None
        return c

    def collective(self, name: str, end: int) -> tuple[str, str] | None:
        """The body ``name`` and the collective noun right after it at ``end`` make, with that noun."""
        c = self._collective_noun(end)
        return None if c is None else (f"{plain(name)} {c.group('words')}", c.group("noun"))

    def _sentence_ends_set(self) -> set[int]:
        return {e for _, e in self.sentences}

    def subject_like(self, m: Mention) -> bool:
        """True when the mention opens a clause ("…, but its leader X was"), not when it is an object."""
        words = re.findall(r"[\w’'\u2024-]+|[^\w\s]", self.text[max(0, m.span.start - 120) : m.span.start])
        while words and (words[-1][:1].isupper() or fold(words[-1]) in PERSON_ROLES or (
            # "Special Envoy for Haiti Daniel Foote", "Secretary of State Antony Blinken": one title
            words[-1] in ("of", "for") and len(words) > 1 and (words[-2][:1].isupper() or fold(words[-2]) in PERSON_ROLES)
        )):
            words.pop()
        if words and re.fullmatch(r"its|his|her|their|the|a|an|\w+['’]s", words[-1], re.IGNORECASE):
            words.pop()
        return not words or words[-1] in {",", ";", "(", "—", "–", ".", "and", "but", "while", "as", "when", "that"} or (
            words[-1].lower() in _INVERTED_VERBS  # "…, said Ann Lee": the speaker
        )

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i]
        return pos, pos

    def sentence_before(self, pos: int) -> tuple[int, int] | None:
        """The last sentence that ends at or before ``pos``."""
        i = bisect_right(self._sentence_ends, pos)
        return self.sentences[i - 1] if i else None

    def sentence_after(self, pos: int) -> tuple[int, int] | None:
        """The first sentence that starts at or after ``pos``."""
        i = bisect_left(self._sentence_starts, pos)
        return self.sentences[i] if i < len(self.sentences) else None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        first, stop = bisect_left(self._mention_starts, start), bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[first:stop] if m.span.end <= end]

    def subjects_between(self, start: int, end: int) -> list[str]:
        """The people named as a subject in ``text[start:end]``, in order."""
        i, j = bisect_left(self._antecedent_starts, start), bisect_left(self._antecedent_starts, end)
        return [actor for _, actor in self.antecedents[i:j]]

    def resolve_pronoun(self, pos: int) -> str | None:
        i = bisect_left(self._antecedent_starts, pos)
        return self.antecedents[i - 1][1] if i else None

    def speaker(self, start: int, end: int) -> Speaker | None:
        """Who the phrase ``text[start:end]`` names as a speaker, or None if it names nobody."""
        raw = self.text[start:end]
        opener = _OPENER_RE.match(raw)  # "But lawmakers": the conjunction is no part of who speaks
        if opener:
            start, raw = start + opener.end(), raw[opener.end() :]
        raw = trim_speaker_phrase(raw)
        phrase = raw.strip(" ,")
        if not phrase.split() or len(phrase.split()) > 14:  # nothing but spaces names nobody
            return None
        ps = start + raw.index(phrase)
        words = phrase.split()
        last = re.search(r"\s(?:he|she)$", phrase) if len(words) > 1 and words[-2][:1].isupper() else None
        if last:
            # "… at the University of Pennsylvania he said": a clause missing its comma, then the subject
            # ("noting he", "a move that he": not this)
            return self.speaker(ps + last.start() + 1, ps + len(phrase))
        if fold(phrase) in _PRONOUNS:
            actor = self.resolve_pronoun(ps)
            return Speaker(actor or UNATTRIBUTED, phrase, pronoun=True)
        if _CLAUSE_OPENING_RE.match(phrase) or _PARTICIPLE_OPENING_RE.match(phrase) or fold(phrase.split()[0]) in _NOT_SPEAKERS:
            return None  # "It’s hard to", "Speaking to a crowd at the event", "April": a clause or a date
        document = _DOCUMENT_RE.match(phrase)
        if document:  # "a statement from Sen. Ann Lee": the document speaks for its author
            return self.speaker(ps + document.start("author"), ps + len(phrase))
        if _THE_DOCUMENT_RE.fullmatch(phrase):  # "the report said": the last document credited to an author
            author = self.document_author(ps)
            if author is not None:
                return Speaker(author.speaker, phrase, author.anonymous, author.media)
        head = _RELATIVE_RE.sub("", phrase)
        media = medium_in(self, phrase, ps)
        inside = self.mentions_in(ps, ps + len(head))
        if _SOURCE_RE.match(head) and not any(self.kinds.get(m.actor) == "person" for m in inside):
            return Speaker(head, head, anonymous=True, media=media)
        described = self.described(head.strip(), ps, inside)
        if described is not None:
            return described
        owned = _POSSESSED_ROLE_RE.match(head)
        if owned and not any(w[:1].isupper() for w in head[owned.end() :].split()):
            # "Georgia’s secretary of state": a description whose possessor is not the speaker
            described = self.described("the " + head[owned.end() :].strip(), ps, [])
            if described is not None:
                return described
            if fold(head[owned.end() :].split()[0]) in _EN.titles:
                return Speaker(UNATTRIBUTED, phrase)
        first = phrase.split()[0]
        starts_with_name = bool(inside) and inside[0].span.start == ps
        # "opposition leader Tomas Reyl": a lower-case descriptor, then the name.
        ends_with_name = bool(inside) and inside[-1].span.end >= ps + len(head.rstrip()) - 2
        if first[0].islower() and fold(first) not in _STARTING_LOWER and not (starts_with_name or ends_with_name):
            return None
        if any(w in FINITE for w in head.lower().split()):
            return None
        if head.split()[-1].lower() in _MEDIA_NOUNS:
            name = medium_name(self, head, ps)
            return Speaker(self.registry.resolve(name) or name, head, media=name)
        if inside:
            # "Sen. Ann Lee of Oregon": the person in the phrase, not the place after it.
            # "Ann Lee’s Court Commission": a possessor names whose body it is, not who speaks.
            owned = [m for m in inside[:-1] if _POSSESSOR_RE.match(self.text, m.span.end)]
            inside = [m for m in inside if m not in owned]
            people = [m for m in inside if self.kinds.get(m.actor) == "person"]
            chosen = people[-1] if people else inside[-1]
            if len(people) > 1 and re.search(r"\band\b", self.text[people[0].span.end : people[1].span.start]):
                chosen = people[0]  # "Sen. Ann Lee and Reps. Tom Ray and …": a joint statement, credited to the first named
            body = None if people else self._collective_after(chosen)
            if body is not None:  # "Group of Seven (G-7) leaders on Sunday": the leaders speak
                return Speaker(body[0], body[0], media=media)
            if self.kinds.get(chosen.actor) == "media":
                return Speaker(chosen.actor, phrase, media=chosen.span.text)
            longer = None if people else self._longer_body(chosen)
            if longer is not None:  # "Supreme Court Commission": the commission, not the court
                return Speaker(self.registry.resolve(longer) or longer, longer, media=media)
            # "U.S. officials", "Pentagon sources": the body is named, the people who spoke are not.
            unnamed = not people and bool(_UNNAMED_PEOPLE_RE.search(head))
            last = head.split()[-1]
            if not people and chosen.span.end < ps + len(head.rstrip()) - len(last) and last.islower() and fold(last) in PERSON_ROLES:
                unnamed = True  # "a Space Force commander": someone of the body, unnamed
            # As written: the phrase up to the person's name ("Sen. Ann Lee", not "… on Friday sought to").
            written = phrase[: chosen.span.end - ps] if people else phrase
            return Speaker(chosen.actor, written, anonymous=unnamed, media=media)
        name = _name_run(phrase)
        if name is not None:
            body = self.collective(name, ps + len(name))
            if body is not None:  # "G-7 leaders": the leaders speak, not the group
                # "Group of Seven (G-7) leaders" read from the acronym: the body as the article names it
                named = [b for start, b, _, end in self.collectives if start < ps < end]
                return Speaker(named[0] if named else body[0], body[0], media=media)
            if _UNNAMED_PEOPLE_RE.search(head):  # "U.S. officials": unnamed people of a named body
                return Speaker(self.registry.resolve(name) or name, head, anonymous=True, media=media)
            rest = head[head.find(name) + len(name) :].split() if name in head else []
            if rest and all(w[:1].islower() for w in rest):  # "Texas abortion providers": not Texas
                return Speaker(plain(head), plain(head), media=media)
            return Speaker(self.registry.resolve(name) or name, name, media=media)
        return None


    def _longer_body(self, m: Mention) -> str | None:
        """The organisation a mention only begins, as written: "Supreme Court" in "Supreme Court Commission"."""
        run = _NAME_RUN_RE.match(self.text, m.span.start)
        if run is None or run.end() <= m.span.end or self.text[m.span.end] != " ":
            return None
        name = plain(run.group())
        return name if fold(name.split()[-1]) in _ORGANISATION_ENDS else None

    def document_author(self, pos: int) -> Speaker | None:
        """Who wrote the last document the article credits to an author before ``pos`` ("a draft from
        the commission", "the statement signed by Ann Lee")."""
        if self._documents is None:  # found once per article, when first needed
            self._documents = [(m.start(), m.start("author"), m.end("author")) for m in _AUTHORED_RE.finditer(self.text)]
        i = bisect_left(self._documents, (pos,))
        if not i:
            return None
        _, start, end = self._documents[i - 1]
        return self.speaker(start, end) if end <= pos else None

    def described(self, phrase: str, ps: int, inside: list[Mention]) -> Speaker | None:
        """A speaker named by a description ("the department", "the US president", "the leaders"): the
        one actor of the article it can refer back to; else the description as written for a body or an
        unnamed person ("a woman"), and nobody for a title the article gives to several or to none.
        None when the phrase is no description."""
        phrase = _QUOTE_MARKS_RE.sub("", phrase)  # "the “Brave” author": the author
        m = _DESCRIPTION_RE.fullmatch(phrase)
        if m is None:
            return None
        noun = fold(m.group("head"))
        mods = [fold(w.replace(MASKED_STOP, "").strip(".’'")) for w in m.group("mods").split()]
        article = fold(m.group("article"))
        written = f"{article} " + plain(phrase[m.start("mods") :])  # one id however the sentence capitalises it
        if article != "the":  # "a woman", "an aide to the minister": an unnamed person, never resolved
            person = noun in PERSON_ROLES and noun not in ROLE_ADJECTIVES and not inside
            return Speaker(written, phrase, anonymous=True) if person else None
        if noun in _COLLECTIVE:
            if inside:  # "the G-7 leaders": the body names itself
                return Speaker(plain(phrase[m.start("mods") :]), phrase)
            earlier = [body for start, body, n, _ in self.collectives if start < ps and n == noun]
            return Speaker(earlier[-1], phrase) if earlier else Speaker(written, phrase, anonymous=True)
        if inside:
            return None
        if noun in PERSON_ROLES and noun not in ROLE_ADJECTIVES:
            qualifiers = {w for w in mods if w in _EN.titles or w in STATE_WORDS}  # "the California Democrat"
            people = {
                a for a, titles in self.registry.roles.items()
                if self.first_seen.get(a, ps) < ps and any(_same_role(t, noun, qualifiers) for t in titles)
            }
            if len(people) == 1:
                return Speaker(people.pop(), phrase)
            if noun in _EN.titles or noun in PARTY_NOUNS:  # a title the article cannot pin on one person ("the president" of two)
                return Speaker(UNATTRIBUTED, phrase)
            # A plain role ("the actor and activist") refers back to the one person the article has named,
            # unless it introduced someone by that role ("a woman … the woman"): then an unnamed person.
            named = [a for a, start in self.first_seen.items() if start < ps and self.kinds.get(a) == "person"]
            introduced = re.search(rf"\b(?:a|an)\s+(?:[\w’'-]+\s+){{0,3}}?{re.escape(noun)}\b", self.text[:ps], re.IGNORECASE)
            if len(named) == 1 and introduced is None:
                return Speaker(named[0], phrase)
            return Speaker(written, phrase, anonymous=True)
        if noun in _ORGANISATION_ENDS or noun in _EN.group_nouns:
            bodies = {
                a for a, start in self.first_seen.items()
                if start < ps and self.kinds.get(a) != "person" and self._is_body(a, noun, mods)
            }
            return Speaker(bodies.pop(), phrase) if len(bodies) == 1 else Speaker(written, phrase)
        return None

    def _is_body(self, actor_id: str, noun: str, mods: list[str]) -> bool:
        """Whether "the [mods] noun" can refer back to the actor: one of its names ends with the noun, or
        with a head the English profile says the noun can stand for ("the department": "Capitol Police"),
        and holds every modifier ("the education department": "Education Department")."""
        actor = self.actors.get(actor_id)
        heads = _BODY_HEADS.get(noun, frozenset({noun}))
        for form in (actor.name, *actor.aliases) if actor else ():
            words = [fold(w).rstrip(".") for w in name_words(form)]
            if words and words[-1] in heads and set(mods) <= set(words):
                return True
        return False


_COLLECTIVE = _EN.words("collective_speakers")
# A description's noun → the heads of organisation names it can stand for (itself included).
_BODY_HEADS = {
    noun: frozenset(w for group in _EN.data.get("body_heads", ()) if noun in group.split() for w in group.split())
    for noun in {w for group in _EN.data.get("body_heads", ()) for w in group.split()}
}
_RANKS = _EN.words("rank_qualifiers")


def _same_role(title: tuple[str, ...], noun: str, qualifiers: set[str]) -> bool:
    """Whether a description "the [qualifiers] noun" fits a title a person is written with: the same last
    word, every qualifier in the title, and the same rank words ("former", "vice") on both sides."""
    rest = set(title[:-1])
    return title[-1] == noun and qualifiers <= rest and (rest & _RANKS) == (qualifiers & _RANKS)
_POSSESSOR_RE = re.compile(r"['’]s?\s")
_INVERTED_VERBS = _EN.words("reporting_verbs_inverted")
_ORGANISATION_ENDS = _EN.words("organisation_ends")
_COLLECTIVE_AFTER_RE = re.compile(
    rf"(?:['’]s?|\))?(?:\s*\([^()]{{1,12}}\))?\s+(?P<words>(?:[a-z]+\s+){{0,2}}?(?P<noun>{'|'.join(sorted(_COLLECTIVE))}))\b"
)
# "the department", "the US president", "a woman": an article, up to three modifiers, a noun.
# A capitalised possessor of up to four words: "Georgia’s", "CNN’s", "Levant News’s".
POSSESSOR = r"(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*['’]s"
_POSSESSED_ROLE_RE = re.compile(POSSESSOR + r"\s+(?=[a-z])")
_OPENER_RE = re.compile(
    r"\s*(?:But|And|Yet|So|Still|Now|Then|Meanwhile|However|Also|Later|Earlier|Separately|Instead|Previously|"
    r"Afterwards?)\s+"
)
# A phrase that goes on past its speaker: "… Mayorkas said Thursday", "The White House on Thursday
# formally", "a source with knowledge of the matter had earlier", "… the Federal Trade Commission filed".
_TAIL_RE = re.compile(
    r"\s+(?:(?:had|has|have|was|were|is|are|will|would|also|earlier|later|previously|again|first|then|"
    r"formally|officially|publicly|privately|repeatedly|recently|initially|separately|jointly|reportedly|"
    r"continue|continues|continued|to|said|says|told|added|saying)\b)[\s,]*$"
)
# "… the Federal Trade Commission filed": a participle after a name.
_PARTICIPLE_TAIL_RE = re.compile(r"(?<=[A-Za-z])\s+[a-z]+ed[\s,]*$")
# The clause a phrase ends in: "wiping it from the books after Michigan’s Supreme Court", "with Congress
# failing to renew it as Biden". Who speaks follows the last such word ("who", "which" only when they
# open the phrase: "a source who spoke to …" is a speaker and its relative clause).
_CLAUSE_RE = re.compile(
    r"(?:^|\s)(?:(?:hours|days|weeks|months|minutes|shortly|soon|just|long|even)\s+)?"
    r"(?:as|after|before|when|while|though|although|because|since|if|until|whereas|where)\s+",
    re.IGNORECASE,
)
# Words that open no speaker: dates ("counties have until April 29 to confirm").
_NOT_SPEAKERS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_PARTICIPLE_OPENING_RE = re.compile(r"[A-Za-z]+ing\s+(?:to|at|on|in|with|about|from|for|a|an|the|his|her|their)\b")
_CLAUSE_OPENING_RE = re.compile(r"(?:it|that|there|here|what)(?:[’']s|\s+(?:is|was))\b", re.IGNORECASE)
# When something was said, as news style writes it after the speaker or the verb: "Thursday", "on
# Monday morning", "late Sunday", "yesterday". Shared by the quotes and labels lenses.
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
WHEN = rf"(?:(?:on|late|early|last|this)\s+)?(?:{WEEKDAY}|yesterday|today|tonight)(?:\s+(?:morning|afternoon|evening|night))?"
# "Senate Republicans Thursday", "the committee on Monday morning": when they spoke is no part of who.
_WHEN_RE = re.compile(rf"(?:\s*,)?\s+{WHEN}[\s,]*$")
_QUOTE_MARKS_RE = re.compile(r"[“”\"]")
_DESCRIPTION_RE = re.compile(
    r"(?P<article>the|The|an?|An?)\s+(?P<mods>(?:[\w’'\u2024.-]+\s+){0,3}?)(?P<head>[a-z][a-z-]*|Democrat|Republican)"
)


# "a joint statement from X", "the letter signed by X": a document that speaks for its author.
_DOCUMENT_RE = re.compile(
    rf"(?:an?|the|his|her|their|its)\s+(?:[\w’'\u2024-]+\s+){{0,4}}?(?:{'|'.join(sorted(_EN.speech_documents))})\s+"
    r"(?:(?:signed|issued|posted|written|released|sent)\s+)?(?:from|by)\s+(?P<author>\S)",
    re.IGNORECASE,
)
_DOCUMENT_ALT = "|".join(sorted(_EN.speech_documents))
# "the report", "the joint statement": a document named without its author.
_THE_DOCUMENT_RE = re.compile(rf"(?:the|The)\s+(?:[a-z-]+\s+){{0,2}}?(?:{_DOCUMENT_ALT})")
# "a draft from X", "the statement signed by X": a document and its author, up to a preposition or a mark.
_AUTHORED_RE = re.compile(
    rf"\b(?:{_DOCUMENT_ALT})s?\s+(?:(?:signed|issued|posted|written|released|sent|published)\s+)?(?:from|by)\s+"
    r"(?P<author>[^,.;:“”\"()]{1,90}?)"
    r"(?=\s+(?:on|about|to|that|which|in|over|for|at|with|after|before|during|and|who)\b|[,.;:“”\"()]|$)"
)
# A name as written: capitalised words, with the lower-case particles names carry.
_NAME_RUN_RE = re.compile(
    r"(?:[A-Z][\w’'\u2024-]*|(?:al|el|bin|ibn|de|da|van|von|der|la|le)(?=[\s-]))"
    r"(?:[\s-]+(?:[A-Z][\w’'\u2024-]*|(?:al|el|bin|ibn|de|da|van|von|der|la|le)(?=[\s-])))*"
)


def _ends_in_name(phrase: str) -> bool:
    words = phrase.split()
    return len(words) >= 2 and words[-1][:1].isupper()


def trim_speaker_phrase(raw: str) -> str:
    """``raw`` without what is no part of a speaker, keeping its length up to where the speaker ends:
    a day or a verb after it, and a clause it ends in (the speaker is what follows the clause word)."""
    while True:
        cut = raw
        for pattern in (_WHEN_RE, _TAIL_RE, _PARTICIPLE_TAIL_RE):
            end = pattern.search(cut)
            if end and end.start() > 0 and (pattern is not _PARTICIPLE_TAIL_RE or _ends_in_name(cut[: end.start()])):
                cut = cut[: end.start()]
        if cut == raw:
            break
        raw = cut
    clauses = list(_CLAUSE_RE.finditer(raw))
    # The last clause word, or a relative pronoun opening the phrase ("which the head of the agency").
    clause = clauses[-1] if clauses else re.match(r"\s*(?:which|who|whom)\s+", raw)
    if clause is None or clause.end() >= len(raw.rstrip()):
        return raw
    rest = raw[clause.end() :].split()
    if any(w.lower() in FINITE for w in raw[: clause.start()].split()) or fold(rest[0]) in _PRONOUNS | _NOT_SPEAKERS:
        return ""  # "counties have until April": a clause of its own; "even as he": whose, the pronoun does not say
    return " " * clause.end() + raw[clause.end() :]  # blanks keep the offsets of what is left


def _name_run(phrase: str) -> str | None:
    """The capitalised run a speaker phrase opens with ("Republican Sen. Ann Lee" of "… of Oregon"), or
    None when there is none, when it is long, when it opens with a function word, or when it ends in a
    title ("Republican Sen.": a title alone is not a speaker)."""
    # "The Education Department": an organisation's article is not part of its name, but a single word
    # after it ("The Democrat") is a description, not a name.
    article = re.match(r"(?:the|The)\s+", phrase)
    m = _NAME_RUN_RE.match(phrase, article.end() if article else 0)
    if not m or (article and len(m.group().split()) < 2):
        return None
    words = m.group().split()
    last = fold(words[-1].replace(MASKED_STOP, "").rstrip("."))
    if len(words) > 6 or fold(words[0]) in _NOT_NAMES or last in _EN.titles or last in _PRONOUNS:
        return None
    return m.group()


_NOT_NAMES = frozenset("the this that it its there these those in on at as for with by from to of a an".split())


def medium_name(ctx: Context, phrase: str, start: int) -> str:
    """The medium a phrase names: a registry medium, else the proper name in it, else the phrase."""
    for m in ctx.mentions_in(start, start + len(phrase)):
        if ctx.kinds.get(m.actor) == "media":
            return m.span.text
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    sentence_start = ctx.sentence_of(start)[0] == start
    names = [
        m.group()
        for m in re.finditer(r"(?<![\w’'-])[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*(?![\w’'])(?!['’]s)", phrase)
        if not all(NATIONALITY_RE.match(w) for w in m.group().split())
        # A capital that only opens the sentence ("Local news reports said") is not a name.
        and not (sentence_start and m.start() == 0 and len(phrase.split()) > 1 and " " not in m.group())
    ]
    return names[-1] if names else phrase


def medium_in(ctx: Context, sentence: str, offset: int) -> str | None:
    """A medium the sentence cites as its channel ("told RT Arabic", "according to Syrian media")."""
    for m in _MEDIA_CUE_RE.finditer(sentence):
        phrase = m.group("m")
        start = offset + m.start("m")
        kinds = [ctx.kinds.get(x.actor) for x in ctx.mentions_in(start, start + len(phrase))]
        last = phrase.split()[-1].lower()
        if "media" in kinds or last in _MEDIA_NOUNS:
            return medium_name(ctx, phrase, start)
        if m.group().startswith(("told", "spoke", "Speaking", "speaking", "interview")) and phrase[:1].isupper() and "person" not in kinds:
            return medium_name(ctx, phrase, start)
    return None


# --- who a reporting verb belongs to ------------------------------------------------------------

SPK = r"(?P<spk>[^,.;:“”\"()]{1,90}?)"
_STARTING_LOWER = frozenset("a an the one two three four five several some many senior top other he she".split())


def match_speaker(ctx: Context, m: re.Match, offset: int) -> Speaker | None:
    s, e = offset + m.start("spk"), offset + m.end("spk")
    return ctx.speaker(s, e)


_PERCEIVED_RE = re.compile(
    rf"\s+(?:is|was|were|are|be|been|being)\s+(?:{'|'.join(sorted(_EN.words('perceived_speaking')))})\s*$"
)


# A short quoted phrase of capitalised words inside a speaker phrase is a title, not a boundary.
_QUOTED_TITLE_RE = re.compile(r"[“\"](?:[A-Z0-9][\w’'&:-]*\s*){1,6}[”\"]")


def subject_before(ctx: Context, sent_start: int, verb_start: int, participle: bool = False) -> Speaker | None:
    """The speaker named just before a verb: the shortest clause-final phrase that names one.

    A participle ("with diplomats emphasizing") only takes a subject written right before it.
    """
    max_words = 10
    area = ctx.text[sent_start:verb_start]
    pronoun = re.search(r"\b(?:[Hh]e|[Ss]he)\s+$", area)
    if pronoun and not participle:  # "a story she claimed": the pronoun right before the verb is its subject
        return ctx.speaker(sent_start + pronoun.start(), sent_start + pronoun.end())
    if re.search(r"(?:\b(?:and|but|or)|[,—–])\s*$", area):  # a clause after a comma or dash: its subject is the sentence's
        return None
    titles = [(m.start(), m.end()) for m in _QUOTED_TITLE_RE.finditer(area)]  # "the “Brave” author"
    cuts = [0] + [m.end() for m in _BOUNDARY_RE.finditer(area) if not any(s <= m.start() < e for s, e in titles)]
    for cut in sorted(set(cuts), reverse=True):
        phrase = area[cut:]
        if participle:
            # "a woman is heard saying": the one heard or seen speaks.
            seen = _PERCEIVED_RE.search(phrase)
            end = sent_start + cut + (seen.start() if seen else len(phrase))
            phrase = phrase[: end - sent_start - cut]
            short = phrase.strip() and len(phrase.split()) <= 5 and not VERB_RE.search(phrase)
            return ctx.speaker(sent_start + cut, end) if short else None
        if not phrase.strip() or len(phrase.split()) > max_words or "," in phrase.strip(" ,"):
            continue
        found = ctx.speaker(sent_start + cut, verb_start)
        if found is not None:
            return found
    return None


def sentence_subject(ctx: Context, sent_start: int, limit: int) -> Speaker | None:
    """The person or body a sentence opens with ("He …", "Ahmad al-Sharaa, the leader of …, affirmed")."""
    head = re.match(r"\s*(He|She)\b", ctx.text[sent_start:limit])
    if head:
        return ctx.speaker(sent_start + head.start(1), sent_start + head.end(1))
    mentions = ctx.mentions_in(sent_start, limit)
    for k, m in enumerate(mentions):
        if _SUBORDINATE_RE.search(ctx.text, sent_start, m.span.start):
            break  # a name inside a subordinate clause or after a quote is not the sentence's subject
        following = mentions[k + 1] if k + 1 < len(mentions) else None
        if following is not None and ctx.kinds.get(following.actor) == "person" and _ROLE_RUN_RE.fullmatch(ctx.text, m.span.end, following.span.start):
            continue  # "New York Post reporter Ann Lee": the reporter, not the paper
        # Only a name in a subject's place: "A panel formed by Ann Lee … warned" is not Lee's warning.
        if ctx.kinds.get(m.actor) in {"person", "organisation", "group", "government", "media"} and ctx.subject_like(m):
            return Speaker(m.actor, m.span.text)
    return None


_ROLE_RUN_RE = re.compile(r"(?:['’]s?)?\s+(?:[a-z-]+\s+){1,3}")
_SUBORDINATE_RE = re.compile(r"[“”\"]|\b(?:that|which|whether|because|including|if|although|though|whose)\b")


class Intervals:
    """Fixed half-open intervals (start, end) that answer "is this offset inside one?" by bisection."""

    def __init__(self, pairs: Iterable[tuple[int, int]]):
        ordered = sorted(pairs)
        self.starts = [a for a, _ in ordered]
        self.reach = list(accumulate((b for _, b in ordered), max))  # the furthest end so far

    def covers(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos)
        return i > 0 and self.reach[i - 1] > pos

    def contains(self, start: int, end: int) -> bool:
        """Whether one interval holds all of [start, end)."""
        i = bisect_right(self.starts, start)
        return i > 0 and self.reach[i - 1] >= end

    def starts_between(self, start: int, end: int) -> bool:
        """Whether an interval starts in [start, end)."""
        i = bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] < end


def cue_before(ctx: Context, sent_start: int, pos: int, skip: Intervals) -> tuple[Speaker, str, tuple[int, int]] | None:
    """A reporting verb before ``pos`` in its sentence and who it belongs to ("X said that “…”");
    verbs inside ``skip`` (quoted words) do not count."""
    verbs = [m for m in VERB_RE.finditer(ctx.text, sent_start, pos) if not skip.covers(m.start())]
    written = None
    last = verbs[-1] if verbs else None
    for m in reversed(verbs):
        verb = m.group("verb").lower()
        written = written or verb
        speaker = subject_before(ctx, sent_start, m.start(), verb.endswith("ing"))
        if speaker is not None:
            return speaker, written, (m.start(), last.end())
    if verbs:
        speaker = sentence_subject(ctx, sent_start, verbs[-1].start())
        if speaker is not None:
            return speaker, written, (verbs[-1].start(), verbs[-1].end())
    return None
