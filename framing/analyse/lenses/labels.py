"""What an article calls each actor: appositives, titles, "also known as", "X called Y" and the like.

Labels come from bounded regular expressions over the sentence around each mention, so they work on
outlets and stories the lexicons have never seen; the lexicons only rate them (``rate``). Every label
keeps the exact words of the article, without a leading article ("a", "an", "the").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from framing.analyse.lenses.actors import (
    GROUP_NOUNS,
    NAME_STOP,
    NATIONALITY_RE,
    PERSON_ROLES,
    PARTY_NOUNS,
    ROLE_ADJECTIVES,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    ActorRegistry,
)
from framing.analyse.lenses.attribution import FINITE, VERB_FORMS, WEEKDAY, Context, Intervals, unnamed_source
from framing.lang import profile
from framing.models import Article, Label, Mention, Quote, Stance
from framing.words import fold, split_sentences

# Words that describe a person or group when written before the name ("ousted President", "Syrian dictator").
_ADJECTIVES = frozenset(
    """ousted deposed toppled exiled late then de facto self-proclaimed so-called new transitional rebel
    militant jihadist islamist embattled disgraced fallen incumbent outgoing elected unelected longtime
    long-time veteran hardline moderate radical extremist terrorist""".split()
)
DESCRIPTORS = PERSON_ROLES | _ADJECTIVES
# Descriptor words that only modify a title: never a label on their own ("Former", "Then").
_MODIFIERS = _ADJECTIVES - PERSON_ROLES - GROUP_NOUNS | frozenset("former ex acting interim senior top".split())
_PERSON_TITLES = TITLE_WORDS - ROLE_ADJECTIVES - GROUP_NOUNS
_DETERMINER = r"(?:the|a|an|his|her|its|their)"
_POSSESSIVE = r"[A-Z][\w-]*['’]s"
_NP_STOP = frozenset(
    """after last since in on when following until during and but while which who that as at with by
    from to for over under than because""".split()
)
_ABBREVIATED_END_RE = re.compile(
    r"\b(?:" + "|".join(sorted(TITLE_ABBREVIATIONS, key=len, reverse=True)) + r")\.$", re.IGNORECASE
)
_QUOTE_MARKS_RE = re.compile(r"[“”\"«»„]")
_ARTICLE_RE = re.compile(r"(?:the|a|an)\s+", re.IGNORECASE)
_CLAUSE_WORDS = FINITE | frozenset("that which who whom whose".split())
_PREPOSITIONS = frozenset("of for to in at with on from by over".split())

# After the name: an optional party or acronym in brackets ("(D-R.I.)") or home ("of Virginia"), then a
# comma or dash and the noun phrase.
_APPOSITIVE_RE = re.compile(
    r"^(?:\s*\([A-Z][\w.,-]{0,14}\)|\s+of\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?(?:,|\s+[—–])\s+"
    r"(?P<l>[^,;:()“”\"«»—–]{3,160}?)(?=\s*(?:[,;)—–]|(?<!\b[A-Z])\.(?!\w)|$))"  # "head of U.S. Central Command"
)
# "X, 78," : an age in apposition.
_AGE_RE = re.compile(r"^,\s+(?P<l>\d{1,3})\s*,")
# "X, often referred to as Y": a description the writer reports.
_REFERRED_RE = re.compile(
    r"^,?\s+(?:(?:often|widely|commonly|sometimes|also)\s+)?(?:referred\s+to|described|dubbed|branded|called)\s+as\s+"
    r"(?P<l>[^,;:()“”\"«»]{3,80}?)(?=\s*(?:[,;.)—–]|$))"
)
_AKA_RE = re.compile(
    r"^\s*[,(]\s*(?P<l>(?:also|formerly|previously|better|otherwise)\s+known\s+(?:as|by)\b[^,;()“”\"]{1,80})"
)
_OBJECT_BEFORE_RE = re.compile(r"\b(?:by|of|from|to|with|against|for|on|at|about|in)\s+(?:[A-Z][\w.’'-]*\s+)*$")
_PREDICATE_RE = re.compile(
    r"^(?:\s*\([^()]{0,80}\)|,[^,;]{0,120},)?\s+(?:has\s+|had\s+)?"
    r"(?:became|become|becomes|is|was|remains|remained|served\s+as|serves\s+as|(?:was\s+|is\s+|been\s+)?identified\s+as)\s+"
    rf"(?P<l>(?:{_DETERMINER}|{_POSSESSIVE})\s+[^,;:()“”\"]{{1,100}})"
)
_CALLED_RE = re.compile(r"\b(?:called|named|dubbed)\s+$")
_GROUP_AFTER_RE = re.compile(
    r"^\)?\s*(?:\([A-Z][A-Za-z]{1,7}\)\s*)?(?P<l>(?:[a-z][\w-]*\s+){0,2}?(?:"
    + "|".join(sorted(GROUP_NOUNS, key=len, reverse=True))
    + r"))\b"
)
# A word before a name, keeping the full stop of an abbreviated title ("Gov.", "Sen.").
_PREMODIFIER_TOKEN_RE = re.compile(
    r"\b(?:" + "|".join(sorted(TITLE_ABBREVIATIONS, key=len, reverse=True)) + r")\.(?=\s)|[\w’'-]+|[^\w\s]",
    re.IGNORECASE,
)
_DESIGNATION = (
    r"\s+as\s+(?:an?\s+|the\s+)?(?P<l>(?:[\w-]+\s+){0,3}?(?:organi[sz]ation|group|entity|movement|network))\b"
)
_DESIGNATION_RE = re.compile(_DESIGNATION)
_DESIGNATED_RE = re.compile(
    r"^\s+(?:(?:is|was|has\s+been|had\s+been|remains|being)\s+)?(?:(?:\w+ly|still|also|now|long|since)\s+)?designated"
    + _DESIGNATION
)
_DESIGNATED_IT_RE = re.compile(
    r"^[^.;“”\"]{0,160}?\b(?:(?:it|them)\s+designated|designated\s+(?:it|them))" + _DESIGNATION
)
_RELATIVE_RE = re.compile(r"^\s+(?:that|which|who)\s+[^,;:.()“”\"]{1,100}")


def label_rater(matcher: Any) -> Callable[[str], Stance]:
    """A label's stance from the lexicons of ``matcher`` and the English profile's label words.

    A story lexicon's label stance wins; then a loaded word (delegitimising, or legitimising when the
    profile lists it as glorifying) or an evaluative word of clear polarity; a label whose words are all
    titles, roles, group nouns, names, numbers or function words is "neutral"; any other "unrated".
    """
    en = profile("en")
    praise, blame = en.words("label_legitimising"), en.words("label_delegitimising")
    plain = en.stop_words | en.person_roles | en.group_nouns | en.words("label_neutral")

    def rate(text: str) -> Stance:
        stances: list[Stance] = []
        matches = matcher.find(text, "label")
        for m in matches:
            word = fold(m.span.text)
            if m.category == "loaded":
                stances.append(m.stance or ("legitimising" if word in praise else "delegitimising"))
        words = re.findall(r"[\w’'-]+", text)
        for i, w in enumerate(words):
            pair = fold(" ".join(words[i : i + 2]))
            if fold(w) in praise or pair in praise:
                stances.append("legitimising")
            elif fold(w) in blame or pair in blame:
                stances.append("delegitimising")
        story = [m.stance for m in matches if m.category == "label" and m.stance]
        if story:  # the story's own lexicon has the last word on its labels
            return "delegitimising" if "delegitimising" in story else story[0]
        if stances:
            return "delegitimising" if "delegitimising" in stances else stances[0]
        return "neutral" if all(_plain_word(w, plain) for w in words) else "unrated"

    return rate


def _plain_word(word: str, plain: frozenset[str]) -> bool:
    """A word that describes without judging: a title, role, name, number or function word."""
    f = fold(word).strip("’'-")
    f = re.sub(r"['’]s$", "", f)
    return (
        not f
        or word[:1].isupper()
        or f[:1].isdigit()
        or f in plain
        or f.rstrip("s") in plain
        or all(part in plain or part[:1].isdigit() for part in f.split("-"))
    )


def find_labels(
    article: Article,
    registry: ActorRegistry,
    rate: Callable[[str], Stance | None],
    quotes: Sequence[Quote] = (),
) -> list[Label]:
    """Every descriptor ``article`` attaches to an actor mention, sorted by position.

    ``rate`` gives a label's stance from the lexicons (None: "unrated"); a label inside a direct quote
    of ``quotes`` has voice "quoted", any other "own".
    """
    kinds = registry.kinds
    mentions = registry.mentions(article)
    quoted = Intervals((q.span.start, q.span.end) for q in quotes if q.kind == "direct")
    sentences = [(s, e) for b in article.paragraphs for s, e in split_sentences(article.text, b.start, b.end)]
    sentence_starts = [s for s, _ in sentences]  # in text order, never overlapping
    people = [o for o in mentions if kinds.get(o.actor) == "person"]
    mentions_sorted = sorted(mentions, key=lambda o: o.span.start)
    mention_starts = [o.span.start for o in mentions_sorted]
    people_starts = [o.span.start for o in people]
    seen: set[tuple[str, int, int]] = set()
    labels: list[Label] = []
    # A name found in the text is no label of its actor ("the Armed Forces of Haiti"); a lexicon's
    # descriptive aliases ("transitional government") are exactly the labels outlets choose.
    own_names = {a.id: {fold(n) for n in (a.name, *a.aliases)} for a in registry.actors if a.origin == "text"}
    for m in mentions:
        i = bisect_right(sentence_starts, m.span.start) - 1
        ss, se = sentences[i] if i >= 0 and m.span.start < sentences[i][1] else (m.span.start, m.span.end)
        ctx = _Mention(article.text, m, ss, se, kinds.get(m.actor, "person"), people, people_starts)
        for start, end, pattern in ctx.labels():
            start, end = _trim(article.text, start, end)
            k = bisect_right(mention_starts, end) - 1
            if k >= 0 and mention_starts[k] < end < mentions_sorted[k].span.end:
                continue  # a label cut off in the middle of a name ("recognition of the Coastal")
            if end <= start or (m.actor, start, end) in seen:
                continue
            seen.add((m.actor, start, end))
            text = article.text[start:end]
            if _QUOTE_MARKS_RE.search(text) or _crosses_quote(quoted, start, end):
                continue  # never across a quote boundary
            if fold(_ARTICLE_RE.sub("", text, count=1)) in own_names.get(m.actor, ()):
                continue  # the actor's own name is no label of it
            last = _TITLE_AT_END_RE.search(text)
            if last and _TITLE_RUN_WORD_RE.search(text[: last.start()]):
                # "adviser Dr." of "chief medical adviser Dr. Anthony Fauci": two labels, the role and the
                # name's own title
                t_start = start + len(text) - len(last.group().lstrip())
                if (m.actor, t_start, end) not in seen and not quoted.covers(t_start):
                    seen.add((m.actor, t_start, end))
                    title = article.text[t_start:end]
                    labels.append(Label(m.actor, title, article.span(t_start, end), rate(title) or "unrated", "own", pattern))
                start, end = _trim(article.text, start, start + last.start())
                text = article.text[start:end]
            if _fragment(text):
                continue
            voice = "quoted" if quoted.contains(start, end) else "own"
            labels.append(Label(m.actor, text, article.span(start, end), rate(text) or "unrated", voice, pattern))
    labels += _descriptions(article, registry, rate, quoted, seen)
    return sorted(labels, key=lambda lb: (lb.span.start, lb.span.end, lb.actor))


_DESCRIPTION_NOUNS = PERSON_ROLES - ROLE_ADJECTIVES
_DANGLING = frozenset("of the a an and or for to in on at with by from as since after before than like into over "
                      "about against between during through".split())
_ROLES = PERSON_ROLES | GROUP_NOUNS
_DAYS_RE = re.compile(rf"\b{WEEKDAY}\b")
_NOT_LABELS = frozenset("first second third last next only other same".split())
# An abbreviated title ending a label, after a lower-case word that is no title modifier ("adviser
# Dr.", "since Mr"): it belongs to the name after it. "Republican Sen.", "former Sen." stay labels.
_TITLE_AT_END_RE = re.compile(r"\s+(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Lt|Gen|Col|Capt|Sgt|Prof|Rev)\.?$")
_TITLE_RUN_WORD_RE = re.compile(r"\b(?!(?:former|acting|late|then|ex)\b)[a-z][\w-]*$")


def _fragment(text: str) -> bool:
    """A piece of a clause rather than a description: cut off ("the case of the", a text cut off by
    its capture or a quote), running over a clause with its day ("House Republicans on Wednesday
    ousted Rep."), ending in the title of the name after it ("their first since Mr"), or an ordinal
    alone ("first")."""
    words = [fold(w) for w in text.split()]
    return (
        words[-1] in _DANGLING
        or bool(_DAYS_RE.search(text))
        or (len(words) == 1 and words[0] in _NOT_LABELS)
        # "ousted" of "ousted Rep.": a lone word left when the title of the name after it is taken off,
        # which is no role
        or (len(words) == 1 and text[:1].islower() and words[0] not in TITLE_WORDS and words[0] not in _ROLES)
    )


_ENDS_PHRASE = profile("en").stop_words | VERB_FORMS  # words after a description that end its noun phrase
_DEFINITE_RE = re.compile(
    r"\b[Tt]he\s+(?:[\w’'.-]+\s+){0,3}?(?:" + "|".join(sorted(_DESCRIPTION_NOUNS, key=len, reverse=True))
    + r"|Democrat|Republican)\b(?!['’](?!s\b)|\s+[A-Z]|\s+of\b|-)"  # "the former president’s efforts" refers to him too
)


def _descriptions(article: Article, registry: ActorRegistry, rate: Callable[[str], Stance | None],
                  quoted: Intervals, seen: set[tuple[str, int, int]]) -> list[Label]:
    """Definite titles that refer back to one person the story names with that title ("the president",
    "the former senator"): the one person the article titles so, every word of the description among
    the title words written with the name. A description that fits several people, or nobody, or
    holds a word the story never writes with the name ("the Russian leader"), labels no one."""
    ctx = None  # built on the first description found: most articles have none
    found = []
    for m in _DEFINITE_RE.finditer(article.text):
        if ctx is None:
            ctx = Context(article, registry)
        start, end = _trim(article.text, m.start(), m.end())
        inside = ctx.mentions_in(m.start(), m.end())
        following = re.match(r"\s+([a-z-]+)", article.text[m.end() : m.end() + 30])
        # The role word must end its noun phrase: "the president said", not "the first official talks".
        modifies = following is not None and following.group(1) not in _ENDS_PHRASE
        if inside or modifies or _crosses_quote(quoted, start, end) or unnamed_source(m.group()):
            continue
        speaker = ctx.described(ctx.text[m.start() : m.end()], m.start(), [])
        actor = speaker.speaker if speaker is not None and not speaker.anonymous else None
        if actor is None or registry.kinds.get(actor) != "person" or (actor, start, end) in seen:
            continue
        # A label, unlike a speaker, must fit in every word: the title and each word before it are
        # ones the article writes with this person's name ("the former president" of "former
        # President Trump"), so "the Russian leader" never labels an American one.
        words = [fold(w) for w in re.findall(r"[\w’'-]+", m.group())[1:]]
        titles = {w for role in registry.roles.get(actor, ()) for w in role}
        if (words[-1] not in TITLE_WORDS and words[-1] not in PARTY_NOUNS) or not set(words) <= titles:
            continue
        seen.add((actor, start, end))
        text = article.text[start:end]
        voice = "quoted" if quoted.contains(start, end) else "own"
        found.append(Label(actor, text, article.span(start, end), rate(text) or "unrated", voice, "description"))
    return found


def _office_word(word: str, roles: frozenset[str]) -> bool:
    f = fold(word.rstrip("."))
    if word[:1].isupper() and f in NAME_STOP:
        return False  # a sentence opener such as "Then"
    return f in roles or bool(NATIONALITY_RE.match(word)) or word[:1].isupper()


def _crosses_quote(quoted: Intervals, start: int, end: int) -> bool:
    """Whether [start, end) is partly inside a direct quote and partly outside it."""
    inside = quoted.covers(start) or quoted.covers(end - 1)
    return (inside and not quoted.contains(start, end)) or (not inside and quoted.starts_between(start + 1, end))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,;:.":
        if text[end - 1] == "." and _ABBREVIATED_END_RE.search(text, start, end):
            break  # "Gov." keeps its full stop
        end -= 1
    m = _ARTICLE_RE.match(text, start, end)
    return (m.end(), end) if m else (start, end)


class _Mention:
    """One mention in its sentence, and the patterns that find its labels."""

    def __init__(self, text: str, m: Mention, ss: int, se: int, kind: str, people: list[Mention], starts: list[int]):
        """``people``: the article's mentions of people, in text order; ``starts``: where each starts."""
        self.text, self.m, self.ss, self.se, self.kind = text, m, ss, se, kind
        self.people, self.people_starts = people, starts
        self.person = kind == "person"
        self.before = text[ss : m.span.start]
        self.after = text[m.span.end : se]

    def labels(self) -> Iterator[tuple[int, int, str]]:
        yield from self._aka()
        yield from self._appositive()
        yield from self._simple(_AGE_RE, "age")
        yield from self._simple(_REFERRED_RE, "referred-to-as")
        yield from self._before_comma()
        if self.kind not in {"country", "place"}:
            yield from self._premodifier()
        yield from self._predicate()
        yield from self._called()
        if self.kind in {"group", "organisation", "government"}:
            yield from self._designated()
            yield from self._group_noun()
            yield from self._descriptor_alias()

    def _names_other_person(self, start: int, end: int) -> bool:
        first, stop = bisect_left(self.people_starts, start), bisect_left(self.people_starts, end)
        return any(o.actor != self.m.actor for o in self.people[first:stop])

    def _has_role(self, words: list[str]) -> bool:
        """True when the noun phrase's head (its last word before any preposition) names a role."""
        nouns = PERSON_ROLES if self.person else GROUP_NOUNS | {"offshoot", "affiliate", "branch"}
        head = words[: self._head_limit(words)]
        return bool(head) and fold(head[-1].strip("’',")) in nouns

    def _simple(self, pattern: re.Pattern, name: str):
        m = pattern.match(self.after)
        if m:
            yield self.m.span.end + m.start("l"), self.m.span.end + m.end("l"), name

    def _aka(self):
        m = _AKA_RE.match(self.after)
        if m:
            yield self.m.span.end + m.start("l"), self.m.span.end + m.end("l"), "also-known-as"

    def _appositive(self):
        m = _APPOSITIVE_RE.match(self.after)
        if not m:
            return
        words = m.group("l").split()
        first = words[0]
        starts_np = (
            re.fullmatch(_DETERMINER, first, re.IGNORECASE)
            or re.fullmatch(_POSSESSIVE, first)
            or fold(first) in TITLE_WORDS
            or (NATIONALITY_RE.match(first) and len(words) > 1 and fold(words[1]) in TITLE_WORDS)
        )
        start, end = self.m.span.end + m.start("l"), self.m.span.end + m.end("l")
        if not starts_np or any(fold(w) in _CLAUSE_WORDS for w in words) or self._names_other_person(start, end):
            return
        if self._has_role(words):
            yield start, end, "appositive"

    @staticmethod
    def _head_limit(words: list[str]) -> int:
        for i, w in enumerate(words):
            if fold(w) in _PREPOSITIONS:
                return i
        return len(words)

    def _before_comma(self):
        if not self.before.endswith(", ") and not self.before.endswith(","):
            return
        segment_end = len(self.before.rstrip(" ,"))
        cut = max(self.before.rfind(ch, 0, segment_end) for ch in ",;:(“”\"")
        base = self.ss + cut + 1
        segment = self.text[base : self.ss + segment_end]
        for d in re.finditer(rf"\b(?:{_DETERMINER}|{_POSSESSIVE})\s", segment):
            words = segment[d.start() :].split()
            if len(words) > 14 or any(fold(w) in _CLAUSE_WORDS for w in words):
                continue
            if self._has_role(words):
                start = base + d.start()
                if not self._names_other_person(start, self.ss + segment_end):
                    yield start, self.ss + segment_end, "before-comma"
                return

    def _premodifier(self):
        words = list(_PREMODIFIER_TOKEN_RE.finditer(self.before))[-10:]
        taken: list[re.Match] = []
        # A person's title before a body's name belongs to someone else ("CNN's chief White House correspondent").
        roles = DESCRIPTORS | TITLE_WORDS if self.person else (DESCRIPTORS | TITLE_WORDS | GROUP_NOUNS) - _PERSON_TITLES
        for w in reversed(words):
            f = fold(w.group().rstrip("."))
            role = f in roles
            capital = w.group()[:1].isupper() and not re.search(r"['’]s$", w.group())
            office = taken and taken[-1].group()[:1].isupper() and fold(taken[-1].group()) not in roles
            if role or (taken and capital and (NATIONALITY_RE.match(w.group()) or f not in {"the", "a", "an"})):
                taken.append(w)
            elif office and w.group() in ("of", "and", "for", "on", "the"):
                taken.append(w)  # inside an office's name: "National Institute of Allergy and ... Director"
            else:
                break
        if not taken or fold(taken[0].group().rstrip(".")) not in roles:
            return
        # Capitalised words before a title name its office ("Treasury Secretary", "House Speaker"), unless
        # they are sentence openers, dates or other words that never start a name.
        while len(taken) > 1 and not _office_word(taken[-1].group(), roles):
            taken.pop()
        if all(fold(w.group().rstrip(".")) in _MODIFIERS for w in taken):
            return  # "former", "then" alone are not a label
        yield self.ss + taken[-1].start(), self.ss + taken[0].end(), "title"

    def _predicate(self):
        m = _PREDICATE_RE.match(self.after)
        if not m or _OBJECT_BEFORE_RE.search(self.before):
            return  # "The ruling by Judge Ann Lee is the first blow": the ruling is, not the judge
        start = self.m.span.end + m.start("l")
        words = list(re.finditer(r"[\w’'-]+", m.group("l")))
        end_word = 0
        for j, w in enumerate(words[:9]):
            if j > 0 and fold(w.group()) in _NP_STOP | FINITE:
                break
            end_word = j
        yield start, start + words[end_word].end(), "predicate"

    def _called(self):
        m = _CALLED_RE.search(self.before)
        if not m:
            return
        head = self.before[: m.start()]
        d = None
        for d in re.finditer(rf"\b{_DETERMINER}\s", head):
            pass
        if d is None or len(head[d.start() :].split()) > 7:
            return
        yield self.ss + d.start(), self.ss + len(head.rstrip()), "called"

    def _designated(self):
        """A designation names the actor designated, whoever designates it: "X is designated as a
        terrorist organization", "designated X as ...", and "X ... and Y has it designated as ..." when
        X opens the sentence."""
        direct = _DESIGNATED_RE.match(self.after)
        if not direct and re.search(r"\bdesignat\w*\s+$", self.before):
            direct = _DESIGNATION_RE.match(self.after)
        if not direct and not self.before.strip():
            direct = _DESIGNATED_IT_RE.search(self.after)
        if direct:
            yield self.m.span.end + direct.start("l"), self.m.span.end + direct.end("l"), "designated"

    def _group_noun(self):
        m = _GROUP_AFTER_RE.match(self.after)
        if m and not any(fold(w) in FINITE | _NP_STOP | {"its", "his", "her", "their", "the", "a", "an"} for w in m.group("l").split()):
            yield self.m.span.end + m.start("l"), self.m.span.end + m.end("l"), "group-noun"

    def _descriptor_alias(self):
        words = self.m.span.text.split()
        if self.person or not any(w[:1].islower() for w in words) or not self._has_role(words):
            return
        end = self.m.span.end
        rel = _RELATIVE_RE.match(self.after)
        if rel and len(rel.group().split()) <= 13:
            end += rel.end()
        yield self.m.span.start, end, "descriptor"
