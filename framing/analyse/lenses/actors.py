"""Who the articles talk about: the lexicon's actors plus people and organisations found in the text.

Names are compared by a transliteration-tolerant key (:func:`name_key`), so "Asaad al-Shaybani",
"Asaad al-Shaibani" and "Asaad Al-Shibani" are one actor, while "Maher al-Sharaa" and "Ahmed al-Sharaa"
stay two. A bare surname resolves to the lexicon actor that lists it as an alias, otherwise to the
actor with that surname whose full name the articles use most.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cached_property
from dataclasses import dataclass, field

from framing.lang import profile
from framing.models import Actor, ActorSpec, Article, Mention
from framing.words import Token, fold, slugify, tokens

_EN = profile("en")

# General English vocabulary, from the English profile (framing/lang/en.toml): titles that precede a
# name, nouns naming a person's role (titles included) and nouns naming a collective.
TITLE_WORDS = _EN.titles
PERSON_ROLES = _EN.person_roles
GROUP_NOUNS = _EN.group_nouns
# Last words of organisation names ("Justice Department", "White House"), those of them that end a
# news outlet's name, and words that end no person's name ("Affordable Care Act", "California Democrat").
_ORG_END = _EN.words("organisation_ends")
_MEDIA_END = _EN.words("media_ends")
_NOT_NAME_END = _EN.words("not_name_ends")
_STOP = frozenset(
    """the a an this that these those however but and or in on at as for with by from to of after before
    during since while when where what which who whom why how if it its he she they we i you his her their
    our my your there here meanwhile also additionally moreover furthermore still yet so then now today
    yesterday tomorrow last next both all some many most several other another such no not according
    speaking despite although though because under over between among amid following read more once even
    only just one two three four five first second third whether unlike like until unless thus instead
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
NAME_STOP = _STOP  # words that never start a name: sentence openers, dates, function words
# Title words that are adjectives: "former al-Qaeda offshoot" does not make al-Qaeda a person.
ROLE_ADJECTIVES = _EN.words("role_adjectives")
_MAX_NAME_WORDS = 8  # no name is longer; bounds the work on a long run of capitalised words
_CONNECTORS = frozenset("al el bin ibn bint de van von abu da di du".split())
_ARTICLE_PARTICLES = frozenset({"al", "el"})
NATIONALITY_RE = re.compile(r"[A-Z][a-z]+(?:ian|ean|ese|ish|i|an)$")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_MEDIA_CONTEXT_RE = re.compile(
    r"(?:\btold|\b[Ss]peaking (?:to|with)|\bspoke (?:to|with)|\binterview (?:to|with)|\bquoted by|\bcited by|"
    r"\breported by)\s+(?:the\s+)?$"
)
# "told CNN’s Anderson Cooper", "an interview with ABC’s Ann Lee": a medium's journalist, a person.
_OWNER_BEFORE_RE = re.compile(r"\b(?:told|with|to|on)\s+(?:[A-Z][\w.&-]*\s+){0,2}[A-Z][\w.&-]*(?:['’]s|s['’])\s+$")
_AFFILIATION_AFTER_RE = re.compile(r"\s+(?:of|from|at)\s+(?:the\s+)?[A-Z]")
_ORG_PREMODIFIER_RE = re.compile(r"\b(?:firm|company|group|agency|outlet|newspaper|channel|broadcaster|daily)\s+$")
REPORTING_AFTER_RE = re.compile(
    r"^\s+(?:has\s+|had\s+|also\s+|later\s+|previously\s+)?(?:said|says|told|added|noted|stated|stressed|"
    r"emphasi[sz]ed|affirmed|confirmed|claimed|insisted|warned|explained|announced|wrote|tweeted|urged)\b"
)
_APPOSITIVE_ROLE_RE = re.compile(
    r"^,\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+)?(?:[A-Z][\w-]*['’]s\s+)?(?:[\w-]+\s+){0,3}?(" + "|".join(sorted(TITLE_WORDS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_AKA_RE = re.compile(r"\s*[,(]\s*(?:also|formerly|previously|better|otherwise)\s+known\s+(?:as|by)\b[^,;()]{0,40}")


def token_key(word: str) -> str:
    """A transliteration-tolerant key for one name word: a consonant skeleton with vowel slots.

    Doubled letters collapse, "kh-" becomes "h-", "dj" becomes "j", and every run of vowels (``y``
    included) becomes one slot, so Ahmad/Ahmed, Shaybani/Shibani, Jolani/Julani, Lavrentyev/Lavrentiev
    and Khmeimim/Hmeimim share a key while Assad and Saudi do not.
    """
    w = _POSSESSIVE_RE.sub("", fold(word))
    w = re.sub(r"^(?:al|el)[-\s]", "", w)
    w = re.sub(r"[^a-z]", "", w)
    w = re.sub(r"(.)\1+", r"\1", w)
    if w.startswith("kh"):
        w = w[1:]
    w = w.replace("dj", "j").replace("q", "k").replace("ph", "f")
    return re.sub(r"[aeiouy]+", "V", w) or w


def name_words(name: str) -> list[str]:
    """The words of a name, without leading articles, standalone al/el particles and possessives."""
    # "Taylor-Greene" and "Taylor Greene" are one name: a hyphen between capitalised parts splits words.
    words = [w for w in re.split(r"\s+|(?<=[a-z])-(?=[A-Z])", name.strip()) if w]
    while words and fold(words[0]) in {"the", "a", "an"}:
        words = words[1:]
    return [w for w in words if fold(w) not in _ARTICLE_PARTICLES]


def name_key(name: str | Sequence[str]) -> tuple[str, ...]:
    """The key two spellings of one name share (see :func:`token_key`)."""
    words = name_words(name if isinstance(name, str) else " ".join(name))
    return tuple(k for k in (token_key(w) for w in words) if k)


def strip_titles(words: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split leading titles and nationality words off a name: ("Russian Foreign Minister", "Sergey Lavrov")."""
    words = list(words)
    i = 0
    while i < len(words) - 1:
        w = fold(_POSSESSIVE_RE.sub("", words[i]))
        if w in TITLE_WORDS:
            i += 1
        elif NATIONALITY_RE.match(words[i]) and fold(words[i + 1]) in TITLE_WORDS:
            i += 1
        else:
            break
    # A capitalised office before the title ("Treasury Secretary", "House Speaker") goes with it when
    # a short name follows: the last title word of the run ends the titles.
    last = max((j for j in range(i, len(words) - 1) if fold(_POSSESSIVE_RE.sub("", words[j])) in TITLE_WORDS), default=-1)
    if last >= i and len(words) - last - 1 <= 3 and not any(fold(w) in _ORG_END for w in words[last + 1 :]):
        i = last + 1
    return words[:i], words[i:]


def _is_name_token(tok: Token) -> bool:
    t = tok.text
    if t[0].isupper():
        return fold(_POSSESSIVE_RE.sub("", t)) not in _STOP or t.isupper() and len(t) > 1 and fold(t) not in {"a", "i"}
    return bool(re.match(r"(?:al|el)-[A-Z]", t))


_INITIALS_RE = re.compile(r"(?:[A-Z]\.)*[A-Z]")
# Titles written as abbreviations ("Gov.", "Sen.", "Mr."): the full stop after one does not end a name.
TITLE_ABBREVIATIONS = _EN.abbreviations & _EN.titles


def _continues(text: str, prev: Token, tok: Token) -> bool:
    """Whether ``tok`` goes on the name ``prev`` is part of: a plain space, or ". " after an initial ("George W. Bush")."""
    gap = text[prev.end : tok.start]
    return gap == " " or (
        gap == ". " and (bool(_INITIALS_RE.fullmatch(prev.text)) or fold(prev.text) in TITLE_ABBREVIATIONS)
    )


def name_runs(text: str, start: int = 0, end: int | None = None) -> list[list[Token]]:
    """Runs of capitalised words (with name particles such as al-, bin, Abu) in ``text[start:end]``."""
    toks = tokens(text, start, end)
    runs: list[list[Token]] = []
    current: list[Token] = []
    for i, tok in enumerate(toks):
        joined = bool(current) and _continues(text, current[-1], tok) and not _POSSESSIVE_RE.search(current[-1].text[-2:])
        if _is_name_token(tok):
            if not joined and current:
                runs.append(current)
                current = []
            current.append(tok)
        elif joined and _joins_organisation(text, current, toks, i):
            current.append(tok)
        elif (
            tok.text.lower() in _CONNECTORS
            and joined
            and i + 1 < len(toks)
            and toks[i + 1].text[0].isupper()
            and text[tok.end : toks[i + 1].start] == " "
        ):
            current.append(tok)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [r for run in runs for part in _split_at_title(_trim_connectors(run)) for r in _split_media(text, part) if r]


_ACCORDING_RE = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)


def _split_media(text: str, run: list[Token]) -> list[list[Token]]:
    """A news outlet named as a source ends there: "according to the Washington Post | Amazon plans"."""
    if len(run) < 3:
        return [run]
    before = text[max(0, run[0].start - 30) : run[0].start]
    if not (_ACCORDING_RE.search(before) or _MEDIA_CONTEXT_RE.search(before)):
        return [run]
    for k in range(1, len(run) - 1):
        if fold(run[k].text) in _MEDIA_END and fold(run[k + 1].text) not in _ORG_END:
            return [run[: k + 1], run[k + 1 :]]
    return [run]


def _split_at_title(run: list[Token]) -> list[list[Token]]:
    """An organisation's name joined by "of" ends where a title begins: "National Institute of Allergy
    and Infectious Diseases | Director Anthony Fauci", "Department of Health | Minister Ann Lee"."""
    joints = [i for i, t in enumerate(run) if t.text in _ORG_CONNECTORS]
    if not joints or not run:
        return [run]
    for k in range(joints[-1] + 2, len(run)):
        # "Health" ends "Department of Public Health"; it is a title only before one ("Health Minister").
        word = fold(run[k].text)
        if word in TITLE_WORDS and (word not in ROLE_ADJECTIVES or k + 1 < len(run) and fold(run[k + 1].text) in TITLE_WORDS):
            return [run[:k], run[k:]]
    return [run]


_ORG_CONNECTORS = frozenset("of for on and".split())
_TITLE_OF_RE = re.compile(r"\b(?:" + "|".join(sorted(TITLE_WORDS, key=len, reverse=True)) + r")\s+of\s+$", re.IGNORECASE)


def _joins_organisation(text: str, current: list[Token], toks: list[Token], i: int) -> bool:
    """Whether ``toks[i]`` (with a following "the") joins two capitalised parts of one organisation's
    name: "Department of Health and Human Services", "Commission on the Supreme Court". The part before
    must end with an organisation word, or already hold such a joint ("... of Health and Human ...")."""
    word = toks[i].text
    if word == "the" and current[-1].text in _ORG_CONNECTORS - {"and"}:
        return i + 1 < len(toks) and _is_name_token(toks[i + 1]) and text[toks[i].end : toks[i + 1].start] == " "
    if word not in _ORG_CONNECTORS:
        return False
    j = i + 1
    if j < len(toks) and toks[j].text == "the" and word != "and":
        j += 1
    if j >= len(toks) or not _is_name_token(toks[j]) or fold(toks[j].text) in _STOP:
        return False
    if any(text[a.end : b.start] != " " for a, b in zip(toks[i : j], toks[i + 1 : j + 1])):
        return False
    if word == "and":
        if any(t.text in _ORG_CONNECTORS for t in current) and len(current) < _MAX_NAME_WORDS - 1:
            return True
        return _acronym_spans(text, current, toks, j)
    return fold(_POSSESSIVE_RE.sub("", current[-1].text)) in _ORG_END


def _acronym_spans(text: str, current: list[Token], toks: list[Token], j: int) -> bool:
    """Whether the capitalised run from ``toks[j]`` ends an organisation's name whose acronym in brackets
    spells the whole, "and" included: "U.S. Olympic and Paralympic Committee (USOPC)"."""
    k = j
    while k + 1 < len(toks) and _is_name_token(toks[k + 1]) and text[toks[k].end : toks[k + 1].start] == " ":
        k += 1
    acronym = re.match(r"\s*\(([A-Z]{3,8})\)", text[toks[k].end : toks[k].end + 12])
    if not acronym or fold(toks[k].text) not in _ORG_END:
        return False
    return _initials_match(acronym.group(1), [t.text for t in (*current, *toks[j : k + 1])])


def _trim_connectors(run: list[Token]) -> list[Token]:
    while run and run[-1].text.lower() in _CONNECTORS:
        run = run[:-1]
    while run and run[0].text.lower() in _CONNECTORS and not run[0].text[0].isupper():
        run = run[1:]
    return run


def _end_without_possessive(text: str, tok: Token) -> int:
    m = re.search(r"['’]s?$", tok.text)
    return tok.end - (len(m.group()) if m and len(tok.text) > 2 else 0)


@dataclass
class _Candidate:
    kind: str
    forms: Counter = field(default_factory=Counter)
    aliases: set = field(default_factory=set)


@dataclass(frozen=True)
class ActorRegistry:
    """The actors of a story and how to find them: :meth:`mentions` and :meth:`resolve`."""

    actors: tuple[Actor, ...]
    _exact: dict = field(repr=False, default_factory=dict)
    _full: dict = field(repr=False, default_factory=dict)
    _surname: dict = field(repr=False, default_factory=dict)
    _phrases: re.Pattern | None = field(repr=False, default=None)
    _phrase_ids: dict = field(repr=False, default_factory=dict)
    _memo: dict = field(repr=False, compare=False, default_factory=dict)
    # Per person id, the titles the story writes before or in apposition to the name, each as a tuple
    # of title words ("Former President Donald Trump" gives ("former", "president")).
    roles: dict = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_actors(
        cls, actors: Sequence[Actor], counts: Counter | None = None, roles: dict | None = None
    ) -> ActorRegistry:
        """A registry over ``actors``; ``counts`` (full-name mentions per id) ranks actors sharing a surname;
        ``roles`` holds the titles each person is written with (see :func:`written_roles`)."""
        counts = counts or Counter()
        origin_rank = {a.id: (0 if a.origin == "lexicon" else 1) for a in actors}
        exact: dict[tuple[str, ...], str] = {}
        full: dict[tuple[str, str], list[str]] = defaultdict(list)
        surname: dict[str, list[str]] = defaultdict(list)
        phrases: dict[str, str] = {}
        for actor in actors:
            for form in (actor.name, *actor.aliases):
                key = name_key(form)
                if not key:
                    continue
                exact.setdefault(key, actor.id)
                if re.search(r"\b(?!(?:al|el|bin|ibn|de|van|von|abu)\b)[a-z]", form):
                    phrases.setdefault(fold(form), actor.id)
                if len(key) >= 3 and actor.kind == "person":  # a double surname alone: "Hannah-Jones", "Taylor Greene"
                    exact.setdefault(key[-2:], actor.id)
                if len(key) >= 2 and actor.kind == "person":
                    if actor.id not in full[(key[0], key[-1])]:
                        full[(key[0], key[-1])].append(actor.id)
                    if actor.id not in surname[key[-1]]:
                        surname[key[-1]].append(actor.id)

        def rank(ids: list[str]) -> list[str]:
            return sorted(ids, key=lambda i: (-counts[i], origin_rank[i], i))

        pattern = None
        if phrases:
            alts = sorted(phrases, key=len, reverse=True)
            pattern = re.compile(
                r"(?<![\w-])(?:" + "|".join(_phrase_regex(p) for p in alts) + r")(?![\w-])", re.IGNORECASE
            )
        return cls(
            tuple(actors),
            exact,
            {k: rank(v) for k, v in full.items()},
            {k: rank(v) for k, v in surname.items()},
            pattern,
            phrases,
            roles={k: frozenset(v) for k, v in (roles or {}).items()},
        )

    @cached_property
    def by_id(self) -> dict[str, Actor]:
        """Actor id → actor, made once (lenses look actors up per article)."""
        return {a.id: a for a in self.actors}

    @cached_property
    def kinds(self) -> dict[str, str]:
        """Actor id → kind, made once."""
        return {a.id: a.kind for a in self.actors}

    @cached_property
    def names(self) -> dict[str, str]:
        """Actor id → name, made once."""
        return {a.id: a.name for a in self.actors}

    @cached_property
    def groups(self) -> dict[str, str | None]:
        """Actor id → the group that speaks for it, made once."""
        return {a.id: a.group for a in self.actors}

    def get(self, actor_id: str) -> Actor | None:
        """The actor with ``actor_id``, or None."""
        return self.by_id.get(actor_id)

    def resolve(self, name: str) -> str | None:
        """The id of the actor ``name`` (as written, titles and possessive allowed) refers to, or None."""
        phrase = fold(name.strip())
        phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase)
        if phrase in self._phrase_ids:
            return self._phrase_ids[phrase]
        _, words = strip_titles(name_words(name))
        return self._resolve_words(words)

    def _resolve_words(self, words: Sequence[str]) -> str | None:
        key = name_key(words)
        if not key:
            return None
        if key in self._exact:
            return self._exact[key]
        if len(key) >= 2:
            ids = self._full.get((key[0], key[-1]))
            return ids[0] if ids else None
        ids = self._surname.get(key[0])
        return ids[0] if ids else None

    def mentions(self, article: Article) -> list[Mention]:
        """Every place ``article`` names an actor: sorted, non-overlapping, the longest match winning.

        Several lenses ask for the same article's mentions; they are found once per registry.
        """
        key = (article.id, article.text)
        if key not in self._memo:
            self._memo[key] = tuple(self._find_mentions(article))
        return list(self._memo[key])

    def _find_mentions(self, article: Article) -> list[Mention]:
        found: list[tuple[int, int, str]] = []
        text = article.text
        for block in article.blocks:
            for run in name_runs(text, block.start, block.end):
                found.extend(self._match_run(text, run))
            if self._phrases is not None:
                for m in self._phrases.finditer(text, block.start, block.end):
                    actor = self._phrase_ids.get(fold(m.group()))
                    if actor:
                        found.append((m.start(), m.end(), actor))
        chosen: list[tuple[int, int, str]] = []  # kept sorted; never overlapping
        starts: list[int] = []
        for s, e, a in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
            i = bisect_right(starts, s)
            if (i and chosen[i - 1][1] > s) or (i < len(chosen) and chosen[i][0] < e):
                continue
            chosen.insert(i, (s, e, a))
            starts.insert(i, s)
        return [Mention(a, article.span(s, e)) for s, e, a in self._nearest_of_surname(text, chosen)]

    def _nearest_of_surname(self, text: str, chosen: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """A bare surname two people of the story share is the one this article has named in full so far
        when there is only one such ("Karim Nassar ... Nassar" is Karim even where Joe Nassar is the
        story's most named); otherwise the story's most named."""
        named: dict[str, set[str]] = defaultdict(set)  # surname key -> actors named in full so far
        out = []
        for s, e, a in chosen:
            key = name_key(strip_titles(name_words(text[s:e]))[1])
            if len(key) >= 2:
                named[key[-1]].add(a)
            elif len(key) == 1 and key not in self._exact and len(named[key[0]]) == 1:
                a = next(iter(named[key[0]]))
            out.append((s, e, a))
        return out

    def _match_run(self, text: str, run: list[Token]) -> list[tuple[int, int, str]]:
        out = []
        i = 0
        while i < len(run):
            for j in range(min(len(run), i + _MAX_NAME_WORDS), i, -1):
                words = [t.text for t in run[i:j]]
                if j - i > 1 and fold(_POSSESSIVE_RE.sub("", words[0])) in TITLE_WORDS:
                    continue
                actor = self._resolve_words(words)
                if actor:
                    out.append((run[i].start, _end_without_possessive(text, run[j - 1]), actor))
                    i = j
                    break
            else:
                i += 1
        return out


def _phrase_regex(phrase: str) -> str:
    parts = [re.escape(w).replace("'", "['’]") for w in phrase.split()]
    return r"\s+".join(parts)


def build_registry(articles: Sequence[Article], specs: Sequence[ActorSpec] = ()) -> ActorRegistry:
    """The story's actors: every spec (origin "lexicon") plus people and organisations the articles name.

    Discovery uses general patterns of news English: a title before a name ("Foreign Minister X"), an
    appositive role after it ("X, Russia's deputy foreign minister"), a reporting verb ("X said"), Arabic
    name particles (al-, bin, Abu), an acronym in brackets ("Hayat Tahrir al-Sham (HTS)"), an
    organisation word at the end ("... News", "... Council") and "also known as" links between names.
    """
    lexicon = [
        Actor(s.id, s.name, s.kind, tuple(s.aliases), s.group, "lexicon") for s in specs
    ]
    registry = ActorRegistry.from_actors(lexicon)
    candidates: dict[tuple[str, ...], _Candidate] = {}
    links: list[tuple[str, str]] = []
    for article in articles:
        _discover(article, registry, candidates, links)
    text_actors = _merge_candidates(candidates, {a.id for a in lexicon})
    registry = ActorRegistry.from_actors(lexicon + text_actors)
    registry = _apply_links(registry, links)
    counts: Counter = Counter()
    roles: dict[str, set] = defaultdict(set)
    people = {a.id for a in registry.actors if a.kind == "person"}
    for article in articles:
        for m in registry.mentions(article):
            if len(name_key(m.span.text)) >= 2:
                counts[m.actor] += 1
            if m.actor in people:
                roles[m.actor].update(written_roles(article.text, m.span.start, m.span.end))
    return ActorRegistry.from_actors(registry.actors, counts, roles)


_TITLE_IN_FULL = {short: full for short, full in _EN.data.get("title_abbreviations", {}).items()}
_TITLE_RUN_RE = re.compile(r"((?:[A-Za-z][\w.’'-]*\s+)*)$")
# US parties and states (the English profile's ``us_parties`` and ``us_states``): word → party, and
# name or abbreviation (folded, without dots) → the state's name as words.
_PARTIES = {w: line.split()[0] for line in _EN.data.get("us_parties", ()) for w in line.split()}
PARTY_NOUNS = frozenset(_PARTIES.values())  # "the Democrat", "the Republican"
_STATES = {
    w.replace(".", "").replace("_", ""): tuple(line.split()[0].split("_"))
    for line in _EN.data.get("us_states", ())
    for w in line.split()
}
_STATE_NAMES = frozenset(_STATES.values())
STATE_WORDS = frozenset(w for name in _STATE_NAMES for w in name)
_PARTY_STATE_RE = re.compile(
    r"(?:\s*\(\s*|,\s*)(?P<party>[DRI])(?:\s*[-–]\s*|\.,?\s*)(?P<state>[A-Z][A-Za-z.]*(?:\s?[A-Z][A-Za-z.]*)?)\s*[),]"
)
_OF_STATE_RE = re.compile(r"\s+of\s+((?:[A-Z][a-z]+\s?){1,2})")


def _states_in(words: Sequence[str]) -> tuple[str, ...]:
    """The US state named by whole words of ``words`` (folded), as the state's words, or ()."""
    for n in (2, 1):
        for k in range(len(words) - n + 1):
            name = tuple(words[k : k + n])
            if name in _STATE_NAMES:
                return name
    return ()


_ROLE_WORD_RE = re.compile(r"[A-Za-z][\w’'-]*")


def written_roles(text: str, start: int, end: int) -> set[tuple[str, ...]]:
    """The titles a person's name is written with at ``text[start:end]``: the title words of the
    capitalised run before it ("Former President | Donald Trump", "Treasury Secretary | Janet Yellen")
    and of an appositive after it ("Joe Biden, the US president,")."""
    out = set()
    run = _TITLE_RUN_RE.search(text, max(0, start - 80), start).group(1)
    words = _ROLE_WORD_RE.findall(run)
    kept: list[str] = []
    for w in reversed(words):  # the run ends at the name: stop at the first plain lower-case word
        folded = fold(_POSSESSIVE_RE.sub("", w))
        if not (w[0].isupper() or folded in TITLE_WORDS or folded == "of"):
            break
        kept.append(folded)
    run_words = list(reversed(kept))
    states = _states_in(run_words)
    before = tuple(_TITLE_IN_FULL.get(w, w) for w in run_words if w in TITLE_WORDS)
    if before:
        out.add(states + before)  # "Texas Gov. Greg Abbott": ("texas", "governor")
    window = text[end : end + 80]
    party = next((_PARTIES[w] for w in run_words if w in _PARTIES and len(w) > 3), None)  # "Democratic Sen."
    affiliation = _PARTY_STATE_RE.match(window)  # "(D-Calif.)", ", R-Ohio,", "(D., Hawaii)"
    if affiliation:
        party = _PARTIES[affiliation.group("party").lower()]
        states = _STATES.get(fold(affiliation.group("state")).replace(".", "").replace(" ", ""), states)
    else:
        of_state = _OF_STATE_RE.match(window)  # "Jim Banks of Indiana"
        states = states or (_states_in(of_state.group(1).lower().split()) if of_state else ())
    if party:
        out.add(states + (party,))  # "the California Democrat", "the Democrat"
    appositive = _APPOSITIVE_ROLE_RE.match(window)
    if appositive:  # the title words of the appositive, up to the last of them ("the foreign minister")
        words = [fold(w) for w in _ROLE_WORD_RE.findall(appositive.group())]
        for w in map(fold, _ROLE_WORD_RE.findall(window[appositive.end() :])):
            if w not in TITLE_WORDS:
                break
            words.append(w)
        out.add(tuple(w for w in words if w in TITLE_WORDS))
    return out


def _discover(article: Article, registry: ActorRegistry, candidates: dict, links: list) -> None:
    text = article.text
    for block in article.paragraphs:
        runs = name_runs(text, block.start, block.end)
        for n, run in enumerate(runs):
            full = [t.text for t in run]
            last = fold(_POSSESSIVE_RE.sub("", full[-1]))
            if len(full) > 1 and (last in _ORG_END or any(w in _ORG_CONNECTORS for w in full)):
                titles, words = [], full  # "Justice Department": an organisation's name keeps every word
            else:
                titles, words = strip_titles(full)
                if len(words) >= 3 and _TITLE_OF_RE.search(text, max(block.start, run[0].start - 30), run[0].start):
                    titles, words = titles + words[:1], words[1:]  # "Secretary of State Antony Blinken"
            if not words:
                continue
            start = run[len(titles)].start
            end = _end_without_possessive(text, run[-1])
            name = text[start:end]
            kind = _classify(text, block.start, start, end, words, bool(titles), run)
            if kind is None:
                continue
            key = name_key(words)
            if registry._resolve_words(words) is not None:
                continue
            cand = candidates.setdefault(key, _Candidate(kind))
            cand.forms[name] += 1
            acronym = re.match(r"\s*\(([A-Z][A-Za-z]{1,7})\)", text[end : end + 12])
            if acronym and _initials_match(acronym.group(1), words):
                cand.aliases.add(acronym.group(1))
            if n + 1 < len(runs) and _AKA_RE.match(text[end : runs[n + 1][0].start]):
                nxt = runs[n + 1]
                links.append((name, text[nxt[0].start : _end_without_possessive(text, nxt[-1])]))


def _classify(text: str, block_start: int, start: int, end: int, words: list[str], titled: bool, run) -> str | None:
    before = text[max(block_start, start - 40) : start]
    after = text[end : end + 160]
    last = fold(_POSSESSIVE_RE.sub("", words[-1]))
    acronym = re.match(r"\s*\(([A-Z][A-Za-z]{1,7})\)", after)
    if acronym and _initials_match(acronym.group(1), words):
        return "organisation"
    if any(w in _ORG_CONNECTORS for w in words):
        return "organisation"  # joined only after an organisation word: "Department of Health"
    if all(NATIONALITY_RE.match(w) or fold(w) in TITLE_WORDS for w in words):
        return None
    if last in _NOT_NAME_END:
        return None
    prev_word = re.search(r"([A-Za-z-]+)\s+$", before)
    role_before = bool(prev_word) and fold(prev_word.group(1)) in PERSON_ROLES - ROLE_ADJECTIVES
    if len(words) > 1 and not any(fold(w) in _ORG_END for w in words) and (
        role_before  # "co-host Gayle King"
        or _OWNER_BEFORE_RE.search(before)  # "CNN’s Anderson Cooper": a medium's journalist
        or (_AFFILIATION_AFTER_RE.match(after) and _MEDIA_CONTEXT_RE.search(before))  # "with Sean Illing of Vox"
    ):
        return "person"
    if _MEDIA_CONTEXT_RE.search(before) and not titled:
        return "media"
    if last in _ORG_END and len(words) > 1:  # "Supreme Court", not a sentence's opening "Court"
        return "media" if last in _MEDIA_END else "organisation"
    if _ORG_PREMODIFIER_RE.search(before):
        return "organisation"
    if len(words) > 5 or any(fold(w) in _ORG_END for w in words):
        return None
    if titled or (role_before and len(words) > 1):
        return "person"
    if len(words) < 2:
        return None
    appositive = _APPOSITIVE_ROLE_RE.match(after)
    if appositive:
        following = re.match(r"(?:\.?\s+([A-Z][\w’'-]*))+", after[appositive.end() :])
        names = [w for w in re.findall(r"[A-Z][\w’'-]*", following.group()) if fold(w) not in TITLE_WORDS] if following else []
        if names:  # "the ornate East Room, Mr. Biden stood": a title opening the next name, no appositive
            appositive = None
    if REPORTING_AFTER_RE.match(after) or appositive:
        return "person"
    if any(re.match(r"(?:al|el)-[A-Z]", w) or fold(w) in {"al", "bin", "ibn", "abu"} for w in words):
        return "person"
    return None


def _initials_match(acronym: str, words: Sequence[str]) -> bool:
    """Whether ``acronym`` spells the initials of ``words``, with or without their connectors ("of",
    "and") and with a dotted abbreviation's letters each counted ("U.S." gives "US")."""
    letters = [p for w in words for p in (w.split(".") if re.fullmatch(r"[A-Z](?:\.[A-Z])+\.?", w) else [w]) if p]
    initials = "".join(re.sub(r"^(?:al|el)-", "", w)[0] for w in letters if fold(w) not in _ARTICLE_PARTICLES)
    bare = "".join(re.sub(r"^(?:al|el)-", "", w)[0] for w in letters if fold(w) not in _ARTICLE_PARTICLES | _ORG_CONNECTORS | {"the"})
    return acronym.upper() in (initials.upper(), bare.upper())


_NICKNAMES = {fold(short): fold(full) for short, full in _EN.data.get("nicknames", {}).items()}


def _given_names(candidate: _Candidate) -> set[str]:
    """The full forms of the given names a candidate is written with: Tim and Timothy give "timothy"."""
    firsts = {fold(name_words(form)[0]) for form in candidate.forms if name_words(form)}
    return {_NICKNAMES.get(f, f) for f in firsts}


def _last_word(candidate: _Candidate) -> str:
    form = candidate.forms.most_common(1)[0][0] if candidate.forms else ""
    words = name_words(form)
    return fold(_POSSESSIVE_RE.sub("", words[-1])) if words else ""


def _sub_body(longer: _Candidate, shorter: _Candidate) -> bool:
    """Whether the longer name ends in another organisation word than the shorter: a body of its own."""
    last = _last_word(longer)
    return last in _ORG_END and last != _last_word(shorter)


def _merge_candidates(candidates: dict, taken: set[str]) -> list[Actor]:
    keys = sorted(candidates, key=lambda k: (-len(k), k))
    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for key in keys:
        home = None
        for g in groups:
            surname_told = len(key) == 1 and candidates[key].kind == "media" and candidates[g].kind == "person"
            if surname_told and key[-1] == g[-1]:  # "Fauci told Cooper": the surname of a person the story names
                home = g
                break
            if candidates[g].kind != candidates[key].kind and "person" in (candidates[g].kind, candidates[key].kind):
                continue
            if candidates[key].kind == "person":
                same = (len(key) >= 2 and key[-1] == g[-1] and (
                    key[0] == g[0] or bool(_given_names(candidates[key]) & _given_names(candidates[g]))
                )) or (len(key) == 1 and key[-1] == g[-1])
            else:  # "Hayat Tahrir" is "Hayat Tahrir al-Sham", but "Supreme Court" no "Supreme Court Commission"
                same = g[: len(key)] == key and not _sub_body(candidates[g], candidates[key])
            if same:
                home = g
                break
        groups.setdefault(home or key, []).append(key)
    actors = []
    for members in groups.values():
        forms: Counter = Counter()
        aliases: set[str] = set()
        for k in members:
            forms.update(candidates[k].forms)
            aliases |= candidates[k].aliases
        ordered = sorted(forms, key=lambda f: (-forms[f], -len(f), f))
        multi = [f for f in ordered if len(name_key(f)) > 1] or ordered
        name = multi[0]
        actor_id = slugify(name)
        while actor_id in taken:
            actor_id += "-2"
        taken.add(actor_id)
        kind = candidates[members[0]].kind
        others = sorted((set(forms) | aliases) - {name})
        actors.append(Actor(actor_id, name, kind, tuple(others), None, "text"))
    return sorted(actors, key=lambda a: a.id)


def _apply_links(registry: ActorRegistry, links: list[tuple[str, str]]) -> ActorRegistry:
    """Fold "X, also known as Y" pairs: Y's text actor becomes an alias of X."""
    actors = {a.id: a for a in registry.actors}
    merged: dict[str, str] = {}  # a folded actor's id → the actor it became an alias of

    def now(actor_id: str | None) -> str | None:
        while actor_id in merged:
            actor_id = merged[actor_id]
        return actor_id

    changed = False
    for first, second in links:
        a, b = now(registry.resolve(first)), now(registry.resolve(second))
        if a is None or a not in actors or a == b or (b is not None and actors[b].origin == "lexicon"):
            continue
        target = actors[a]
        extra = (second,) if b is None else (actors[b].name, *actors[b].aliases)
        actors[a] = Actor(target.id, target.name, target.kind, tuple(sorted(set(target.aliases) | set(extra))), target.group, target.origin)
        if b is not None:
            del actors[b]
            merged[b] = a
        changed = True
    return ActorRegistry.from_actors(list(actors.values())) if changed else registry
