"""Findings, one finder per kind, each carrying the spans it rests on.

No finding is made without evidence, and a finding resting on a single word says so.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
import re
from bisect import bisect_left
from statistics import median

from framing.analyse import Analysis, ArticleAnalysis
from framing.analyse.lenses.attribution import unnamed_source
from framing.compare.table import label_key
from framing.models import Chip, Finding, LabelRow, Span
from framing.words import body_words, fold, quoted, tokens


def _names(analysis: Analysis) -> dict[str, str]:
    """Outlet names as findings must write them: an inferred identity says so."""
    return {r.article.id: r.article.outlet.display for r in analysis.articles}


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


NOT_CALLING = frozenset({"designated", "also-known-as"})  # label patterns that are not the outlet's own naming


def label_findings(analysis: Analysis, table: Sequence[LabelRow]) -> list[Finding]:
    """Labels one outlet uses that no other outlet uses for the same actor, stance-rated first."""
    names = _names(analysis)
    # A designation ("has it designated as a terrorist organization") is the designator's word, and an
    # alias ("formerly known as …") is a name: neither is the outlet calling the actor something.
    said = {(r.article.id, lab.actor, label_key(lab.text)) for r in analysis.articles for lab in r.labels
            if lab.pattern not in NOT_CALLING}
    out = []
    for row in table:
        if row.outlets < 2 and len(analysis.articles) > 1 and row.total < 2:
            continue
        used_by: dict[str, set[str]] = defaultdict(set)
        for aid, chips in row.cells.items():
            for chip in chips:
                used_by[label_key(chip.text)].add(aid)
        for aid, chips in row.cells.items():
            rated = [c for c in chips if c.stance in ("delegitimising", "legitimising") and used_by[label_key(c.text)] == {aid}
                     and (aid, row.actor, label_key(c.text)) in said]
            if not rated:
                continue
            rated = _drop_contained(rated)
            quoted_only = all(c.own == 0 for c in rated)
            words = _join([f"“{c.text}”" for c in rated[:3]])
            stance = rated[0].stance
            voice = " (inside quotes)" if quoted_only else ""
            what = f"a {stance} label" if len(rated) == 1 else f"{stance} labels"
            text = f"Only {names[aid]} calls {row.name} {words}{voice}: {what} no other outlet uses."
            strength = 0.9 if stance == "delegitimising" else 0.75
            single = len(rated) == 1 and " " not in rated[0].text.strip()
            out.append(Finding("label", text, strength + 0.02 * len(rated), tuple(c.span for c in rated[:3]),
                               caveat="Rests on a single word." if single else "", subjects=(aid, row.actor)))
    return out


def _drop_contained(chips: Sequence[Chip]) -> list[Chip]:
    """Leave out a label whose words stand inside another listed label ("dictator" in "Syrian dictator")."""
    keys = [f" {label_key(c.text)} " for c in chips]
    return [c for c, k in zip(chips, keys) if not any(k != other and k in other for other in keys)]


ATTRIBUTED = 0.9  # share of an outlet's direct quotes with a speaker for "X quotes only …"


def _speaker_name(speaker: str, quotes: Sequence, actor_names: Mapping[str, str]) -> str:
    """One speaker as a finding names them: the actor's name, or the fullest way the article writes a
    speaker it does not register ("Sarandos", not the "he" a later quote resolved to him)."""
    if speaker in actor_names:
        return actor_names[speaker]
    written = [q.speaker_text for q in quotes if q.speaker == speaker and q.speaker_text]
    named = [w for w in written if w[:1].isupper()] or written or [speaker]
    return max(named, key=lambda w: (len(w.split()), len(w), w))


def voice_findings(analysis: Analysis) -> list[Finding]:
    names = _names(analysis)
    actor_names = {a.id: a.name for a in analysis.registry.actors}
    out = []
    quoted_by = {r.article.id: {q.speaker for q in r.quotes if q.kind == "direct" and q.speaker != "unattributed"}
                 for r in analysis.articles}
    for result in analysis.articles:
        aid = result.article.id
        direct = [q for q in result.quotes if q.kind == "direct"]
        quotes = [q for q in direct if q.speaker != "unattributed"]
        if len(quotes) < 2 or len(quotes) < ATTRIBUTED * len(direct):
            continue  # who is quoted is only known for part of the quotes: "only" would not be shown
        if not any(others - quoted_by[aid] for other, others in quoted_by.items() if other != aid):
            continue  # no other outlet quotes anyone else: "only" would contrast with nothing
        speakers = sorted({_speaker_name(q.speaker, quotes, actor_names) for q in quotes})
        if len(speakers) <= 3:
            listed = " and ".join([", ".join(speakers[:-1]), speakers[-1]] if len(speakers) > 1 else speakers)
            text = f"{names[aid]} quotes only {listed} ({len(quotes)} direct quotes, {sum(q.words for q in quotes)} words)."
            out.append(Finding("voices", text, 0.7, tuple(q.span for q in quotes[:6]), subjects=(aid,)))
    # Sources the outlet leaves unnamed ("officials said"), not people it describes ("a reporter").
    anonymous = {r.article.id: [q for q in r.quotes if q.anonymous and unnamed_source(q.speaker_text)] for r in analysis.articles}
    users = [aid for aid, qs in anonymous.items() if qs]
    if users and len(users) < len(analysis.articles):
        for aid in users:
            qs = anonymous[aid]
            others = "no other outlet does" if len(users) == 1 else ("1 other outlet also does" if len(users) == 2 else f"{len(users) - 1} other outlets also do")
            who = ", ".join(sorted({q.speaker_text for q in qs})[:3])
            # How often, not "relies on": one unnamed "experts say" is not reliance.
            # One attribution ("officials said the paper was “fully aware”") counts once, quote and paraphrase alike.
            times = len({(q.cue.start if q.cue else q.span.start) for q in qs})
            cites = {1: "an unnamed source once", 2: "unnamed sources twice"}.get(times, f"unnamed sources {times} times")
            text = f"{names[aid]} cites {cites} ({who}); {others}."
            out.append(Finding("voices", text, 0.6 if len(users) == 1 else 0.45, tuple(q.span for q in qs[:4]), subjects=(aid,)))
    return out


def coverage_findings(analysis: Analysis) -> list[Finding]:
    coverage = analysis.products.get("coverage")
    n = len(analysis.articles)
    if n < 2 or coverage is None:
        return []
    names = _names(analysis)
    ids = [r.article.id for r in analysis.articles]
    actors = {a.id: a for a in analysis.registry.actors}
    mentioned_by: dict[str, set[str]] = defaultdict(set)
    for result in analysis.articles:
        for m in result.mentions:
            mentioned_by[m.actor].add(result.article.id)
    by_id = {r.article.id: r for r in analysis.articles}
    mention_index = {r.article.id: _by_start(r.mentions) for r in analysis.articles}
    titled = _titles_naming(analysis, {a.name: a for a in analysis.registry.actors})
    named_alone: set[tuple[str, str]] = set()  # (article, actor) already said to be named by it alone
    alone_candidates: dict[str, list[Span]] = defaultdict(list)
    for element in coverage.elements:
        if len(element.articles) == 1 and not element.related and _is_substantive(element.text):
            alone_candidates[element.articles[0]].extend(element.sentences[element.articles[0]])
    quoted_elsewhere = _quotes_found_elsewhere(alone_candidates, analysis)
    out = []
    for element in coverage.elements:
        spans = element.spans
        if len(element.articles) == 1:
            aid = element.articles[0]
            if not _is_substantive(element.text):
                continue
            alone = [a for a in _actors_only_in(by_id[aid], spans, mentioned_by, actors, mention_index,
                                                  people_only=bool(element.related))
                     if (aid, a) not in named_alone and not titled(a) - {aid}]
            if alone:
                named_alone.update((aid, a) for a in alone)
                text = f"Only {names[aid]} mentions {_join(alone)}: {quoted(element.text)}"
                out.append(Finding("coverage", text, 0.72, tuple(spans[:3]), subjects=(aid,)))
                continue
            if element.related:  # another outlet says something close: absence is not shown
                continue
            if any((aid, sp.start) in quoted_elsewhere for sp in spans):  # another outlet quotes the same words
                continue
            text = f"Only {names[aid]} reports: {quoted(element.text)}"
            out.append(Finding("coverage", text, 0.5 + 0.1 * (aid in element.lead), tuple(spans[:3]),
                               caveat=" ".join(filter(None, (_thin(by_id, spans), BY_WORDING))), subjects=(aid,)))
        elif len(element.articles) == n:
            out.append(Finding("coverage", f"Every outlet reports: {quoted(element.text)}", 0.4, tuple(spans[:n])))
        if n < 4 or len(element.articles) != n - 1:
            continue
        missing = sorted(set(ids) - set(element.articles))
        if missing[0] not in element.related:
            text = f"{names[missing[0]]} has no sentence matching what {len(element.articles)} others report: {quoted(element.text)}"
            out.append(Finding("omission", text, 0.45, tuple(spans[:4]), subjects=tuple(missing)))
    elements = {e.id: e for e in coverage.elements}
    for aid, leads in sorted(coverage.lead_elements.items()):
        for eid in leads[:1]:
            element = elements[eid]
            # Only a lead no other outlet reports, even in other words, is a contrast the evidence shows.
            # "Others report it lower down" is not claimed: another outlet's opening may say the same thing
            # in words the grouping did not join, and then the claim would be false.
            if any(x != aid for x in element.articles) or element.related:
                continue
            span = element.sentences[aid][0]
            text = f"{names[aid]} leads with: {quoted(span.text)} — no other outlet reports it."
            out.append(Finding("lead", text, 0.65, (span,), caveat=BY_WORDING, subjects=(aid,)))
    return out


SHORT_ARTICLE = 10  # body sentences: below this, one sentence is thin evidence of what an outlet chose
# What "only X reports" rests on, said where it is claimed: on the gold set about a quarter of such
# claims concern a fact another outlet tells in words of its own.
BY_WORDING = "Found by wording: another outlet may tell it in other words."


def _thin(by_id: Mapping[str, ArticleAnalysis], spans: Sequence[Span]) -> str:
    """A caveat when a claim rests on one sentence and the other articles are short."""
    if len(spans) > 1:
        return ""
    counts = [getattr(r.get("frames"), "n_sentences", 0) for aid, r in by_id.items() if aid != spans[0].article]
    if counts and min(counts) < SHORT_ARTICLE:
        return f"Rests on one sentence; the shortest other article has {min(counts)} sentences."
    return ""


def _actors_only_in(result: ArticleAnalysis, spans: Sequence[Span], mentioned_by: Mapping[str, set[str]],
                    actors: Mapping[str, object], index: Mapping[str, tuple[list, list[int]]],
                    people_only: bool = False) -> list[str]:
    """Actors named in these spans whom no other article names at all (media, often the outlet itself, aside).

    With ``people_only``, people alone: where others report something close, a place or body may be
    named in other words ("the Pentagon", "the Defense Department"), a person rarely is.
    """
    aid = result.article.id
    mentions, starts = index[aid]
    found: list[str] = []
    for s in sorted((s for s in spans if s.article == aid), key=lambda s: s.start):
        for m in mentions[bisect_left(starts, s.start) : bisect_left(starts, s.end)]:
            actor = actors.get(m.actor)
            if actor is None or actor.kind == "media" or mentioned_by[m.actor] != {aid} or (people_only and actor.kind != "person"):
                continue
            if actor.name not in found:
                found.append(actor.name)
    return found


def _titles_naming(analysis: Analysis, by_name: Mapping[str, object]):
    """A function: actor name → the articles whose headline or standfirst names that actor (by a
    name or alias, or a person's surname). Mentions are read in body text only, so "only X mentions
    Fauci" must still look at a headline that leads with him."""
    index: dict[str, set[str]] = defaultdict(set)
    for r in analysis.articles:
        for t in tokens(" ".join(filter(None, (r.article.title, r.article.standfirst)))):
            index[fold(t.text)].add(r.article.id)

    surnames = Counter(fold(a.name.split()[-1]) for a in by_name.values() if a.name.split())

    def naming(words: Sequence[str]) -> set[str]:
        found = [index.get(w, set()) for w in words]
        return set.intersection(*found) if found else set()

    def titled(name: str) -> set[str]:
        actor = by_name.get(name)
        names = (name, *getattr(actor, "aliases", ()))
        out: set[str] = set()
        for n in names:
            words = [fold(t.text) for t in tokens(n)]
            out |= naming(words)
            if getattr(actor, "kind", "") == "person" and len(words) > 1 and surnames[words[-1]] == 1:
                out |= naming(words[-1:])  # a surname no other actor of the story shares
        return out

    return titled


def _by_start(mentions: Sequence) -> tuple[list, list[int]]:
    """Mentions in text order, and where each starts (for bisection)."""
    ordered = sorted(mentions, key=lambda m: (m.span.start, m.span.end))
    return ordered, [m.span.start for m in ordered]


def _is_substantive(text: str) -> bool:
    """Long enough to be a fact, and whole: a sentence cut off by the capture ("… when a response
    from...") cannot be said to be reported by one outlet alone, as its missing end is unknown."""
    return len(text.split()) >= 8 and not _TRUNCATED.search(text)


_TRUNCATED = re.compile(r"(?:\.\.\.|…)[\s\"'”’»)\]]*$")
SHARED_QUOTE_WORDS = 5  # words in a row of a quotation that, found in another article, show it quotes the same


def _words_in_order(text: str) -> list[str]:
    return [fold(t.text) for t in tokens(text)]


def _quotes_found_elsewhere(candidates: Mapping[str, Sequence[Span]], analysis: Analysis) -> set[tuple[str, int]]:
    """(article, sentence start) of candidate sentences holding a direct quotation of which
    ``SHARED_QUOTE_WORDS`` words in a row also stand in another article: the others quote the same words.

    One pass over every article's words, checking them against the candidates' word windows only."""
    n = SHARED_QUOTE_WORDS
    windows: dict[tuple[str, ...], set[tuple[str, int]]] = defaultdict(set)
    by_id = {r.article.id: r for r in analysis.articles}
    for aid, spans in candidates.items():
        quotes = sorted((q.span for q in by_id[aid].get("quotes") or () if q.kind == "direct"), key=lambda q: q.start)
        starts = [q.start for q in quotes]
        longest = max((q.end - q.start for q in quotes), default=0)
        for sentence in spans:
            # Only the quotes that can overlap the sentence: those starting less than the longest
            # quote before it, up to its end (bisection, not every quote for every sentence).
            first = bisect_left(starts, sentence.start - longest)
            for q in quotes[first : bisect_left(starts, sentence.end)]:
                lo, hi = max(q.start, sentence.start), min(q.end, sentence.end)
                if hi <= lo:
                    continue
                words = _words_in_order(q.text[lo - q.start : hi - q.start])
                for k in range(len(words) - n + 1):
                    windows[tuple(words[k : k + n])].add((aid, sentence.start))
    found: set[tuple[str, int]] = set()
    if not windows:
        return found
    for result in analysis.articles:
        words = _words_in_order(result.article.text)
        for k in range(len(words) - n + 1):
            for owner in windows.get(tuple(words[k : k + n]), ()):
                if owner[0] != result.article.id:
                    found.add(owner)
    return found


def rate_findings(analysis: Analysis, category: str, what: str, minimum: int) -> list[Finding]:
    """An outlet using a category in its own words (quotes aside) at twice the others' median rate
    or more, with at least ``minimum`` matches of at least two distinct words.

    Rates are per 1,000 of the outlet's own words (the language lens's summary). Ratios compare
    rates smoothed by half a match, so an outlet with none of a category does not make another's
    rate look infinitely larger.
    """
    names = _names(analysis)
    rows = []
    for result in analysis.articles:
        summary = result.get("language")
        share = summary.categories.get(category) if summary is not None else None
        if share is None:
            continue
        words = max(summary.own_words, 1)
        rows.append((share.per_1000, share.own, 1000 * (share.own + 0.5) / words, summary.own_words, share, result))
    if len(rows) < 2:
        return []
    out = []
    for rate, count, smoothed, words, share, result in rows:
        distinct = {fold(s.text) for s in share.examples}
        if count < minimum or len(distinct) < 2:
            continue  # one word repeated is a word choice, not a rate
        others_raw = median(r[0] for r in rows if r[5] is not result)
        ratio = smoothed / median(r[2] for r in rows if r[5] is not result)
        if ratio < 2:
            continue
        phrase = ", ".join(f"“{s.text}”" for s in share.examples[:4])
        quoted_too = f"; {share.quoted} more inside quotes" if share.quoted else ""
        text = (f"{names[result.article.id]} uses {what} in its own words at {ratio:.1f}× the rate of the others "
                f"({count} in {words} own words, {rate:.1f} per 1,000{quoted_too}; the others' median {others_raw:.1f}): {phrase}.")
        thin = count < THIN_MATCHES or words < THIN_WORDS
        caveat = (f"Thin evidence: {count} matches in {words} own words; one word more or fewer moves the rate a lot."
                  if thin else "")
        strength = min(0.85, 0.45 + 0.08 * ratio) - (0.15 if thin else 0.0)
        out.append(Finding(category, text, strength, tuple(share.examples[:5]), caveat=caveat,
                           subjects=(result.article.id,)))
    return out


THIN_MATCHES = 5  # a rate resting on fewer matches than this is labelled thin
THIN_WORDS = 300  # … or on fewer of the outlet's own words


def frame_findings(analysis: Analysis) -> list[Finding]:
    names = _names(analysis)
    frames = {r.article.id: r.get("frames") for r in analysis.articles}
    leading = {aid: f.leading for aid, f in frames.items() if f is not None and f.leading}
    counts = Counter(leading.values())
    out = []
    for aid, frame in leading.items():
        if counts[frame] > 1 or len(leading) < 2:
            continue
        share = frames[aid].frame(frame)
        if not share.examples:
            continue
        text = (f"{names[aid]} is the only outlet led by the {frame.replace('_', ' ')} frame "
                f"({share.sentences} of {frames[aid].n_sentences} sentences, interval {100 * share.low:.0f}–{100 * share.high:.0f}%).")
        out.append(Finding("frame", text, 0.45, (share.examples[0],), subjects=(aid,)))
    return out


MAX_COPIES = 3


def copy_findings(analysis: Analysis) -> list[Finding]:
    """Near-identical sentences of two outlets. Outside quotation marks, likely reused wire text;
    a shared quotation of one speaker is the same words quoted, said so only when both name him."""
    coverage = analysis.products.get("coverage")
    if coverage is None:
        return []
    names = _names(analysis)
    actor_names = {a.id: a.name for a in analysis.registry.actors}
    quotes = {r.article.id: [q for q in r.quotes if q.kind == "direct"] for r in analysis.articles}
    out: list[Finding] = []
    said: set[tuple[str, str, str]] = set()
    for pair in coverage.near_copies:
        if len(out) >= MAX_COPIES:
            break
        a, b = _quoting(pair.a, quotes), _quoting(pair.b, quotes)
        if a is None and b is None:
            text = (f"{names[pair.a.article]} and {names[pair.b.article]} share a near-identical sentence "
                    f"(similarity {pair.similarity:.2f}), likely reused wire text.")
            out.append(Finding("near-copy", text, 0.5, (pair.a, pair.b)))
            continue
        speakers = {q.speaker for q in (a, b) if q is not None and q.speaker != "unattributed" and not q.anonymous}
        if a is None or b is None or len(speakers) != 1:
            continue  # quoted on one side only, or by different or unknown speakers: no claim
        speaker = speakers.pop()
        key = (pair.a.article, pair.b.article, speaker)
        if key in said:
            continue
        said.add(key)
        who = actor_names.get(speaker, a.speaker_text)
        text = f"{names[pair.a.article]} and {names[pair.b.article]} quote the same words of {who}."
        out.append(Finding("near-copy", text, 0.35, (pair.a, pair.b), subjects=(pair.a.article,)))
    return out


def _quoting(span: Span, quotes: Mapping[str, Sequence]) -> object | None:
    """The direct quote covering most of ``span`` (at least half its characters), if any."""
    best, covered = None, 0
    for q in quotes.get(span.article, ()):
        overlap = min(span.end, q.span.end) - max(span.start, q.span.start)
        if overlap > covered:
            best, covered = q, overlap
    return best if covered * 2 >= span.end - span.start else None


def limits(analysis: Analysis, min_sentences: int) -> list[str]:
    """Plain statements of what this sample cannot support."""
    out = []
    short = [r for r in analysis.articles if getattr(r.get("frames"), "n_sentences", 0) < min_sentences]
    if short:
        out.append(f"{len(short)} of {len(analysis.articles)} articles have fewer than {min_sentences} body sentences; their frames are not ranked.")
    words = sorted(body_words(r.article) for r in analysis.articles)
    out.append(f"Articles run from {words[0]} to {words[-1]} words; rates per 1,000 words on texts this short move a lot with one word, so each rate shows its count.")
    for evidence in ("inferred", "unknown"):
        shown = [r.article.outlet.display for r in analysis.articles if r.article.outlet.evidence == evidence]
        if shown:
            how = "inferred from house style, not stated in the text" if evidence == "inferred" else "not established"
            out.append(f"Outlet identity {how}: {_join(shown)}.")
    return out
