"""Score framing's quotes, labels and coverage against the hand-annotated gold set in benchmarks/gold/.

    python benchmarks/evaluate.py [--split tune|held-out|all] [--data PATH/events.jsonl] [--misses]

``--misses`` (tune split only) also lists every named-speaker quote framing credits to someone else or
to nobody, with the raw words around it, to study the misses.

Each gold event's articles are analysed through framing.api in one process; framing's offsets index its
cleaned text, so every span is mapped back to the raw record text by locating its (normalised) words.
A simple baseline is measured per lens in the same run. The data is research-only and read from
../shared/data; without it the script prints one line and exits 0. The format and annotation rules are
in benchmarks/gold/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "events"
# The data sits beside the checkout (../shared/data) or beside the folder of worktrees.
CANDIDATES = [root / "shared" / "data" / "neus_allsides" / "events.jsonl" for root in HERE.parents[1:3]]
DEFAULT = next((p for p in CANDIDATES if p.is_file()), CANDIDATES[0])

MISSES: list[str] | None = None  # filled with missed speakers when --misses is given
WINDOW = 160  # characters of raw text shown on each side of a missed quote
NAMED_CLASSES = {"unattributed", "anonymous"}
# Words that cannot name a speaker on their own: pronouns, function words, titles, party words.
# Our own list, written for this check.
FRAGMENT_WORDS = set("""
i you he she it we they me him her us them his hers its our their this that these those who which what
a an the and or but of to in on at for by with from as said says say told added according
mr mrs ms miss dr sen senator rep representative gov governor president vice former secretary minister
speaker leader chief director spokesman spokeswoman spokesperson official officials judge justice
republican republicans democrat democrats democratic gop
""".split())
BASELINE_SKIP = set("the a an he she it they we i but and in on at as if so this that his her their its".split())
FOLD = {"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"', "–": "-", "—": "-",
        "…": "...", "\u00ad": ""}
QUOTE_RE = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")


def sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def fold_words(text: str | None) -> list[str]:
    """Lower-case words without diacritics: the unit of every name comparison."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", text.lower())


def same_name(gold: str, predicted: str | None) -> bool:
    """True when the surnames agree: the last word of one name is a word of the other."""
    g, p = fold_words(gold), fold_words(predicted)
    return bool(g and p) and (g[-1] in p or p[-1] in g)


def is_fragment(name: str | None) -> bool:
    """A speaker that is only a pronoun, a function word, a title or a party word ("Mr", "Republican Sen")."""
    words = fold_words(name)
    return bool(words) and all(w in FRAGMENT_WORDS for w in words)


# ---------------------------------------------------------------- span mapping


class Locator:
    """Find a piece of framing's cleaned text in the raw record text, ignoring whitespace and quote styles."""

    def __init__(self, raw: str):
        chars, index, space = [], [], False
        for i, ch in enumerate(raw):
            ch = FOLD.get(ch, ch)
            if ch.isspace():
                if space or not chars:
                    continue
                ch, space = " ", True
            else:
                space = False
            for c in ch:
                chars.append(c)
                index.append(i)
        self.text, self.index, self.size = "".join(chars), index, len(raw)

    @staticmethod
    def normal(text: str) -> str:
        return re.sub(r"\s+", " ", "".join(FOLD.get(ch, ch) for ch in text)).strip()

    def _find(self, needle: str, near: int, after: int = 0) -> int | None:
        hits = [m.start() for m in re.finditer(re.escape(needle), self.text) if m.start() >= after]
        return min(hits, key=lambda h: abs(h - near)) if hits else None

    def locate(self, piece: str, fraction: float = 0.0) -> tuple[int, int] | None:
        """Raw (start, end) of ``piece``, nearest to ``fraction`` of the text when it occurs more than once."""
        needle = self.normal(piece)
        if not needle:
            return None
        near = int(fraction * len(self.text))
        start = self._find(needle, near)
        if start is not None:
            end = start + len(needle)
        else:  # furniture removed from the middle: anchor both ends separately
            head, tail = needle[:40], needle[-40:]
            start = self._find(head, near)
            tail_at = self._find(tail, near + len(needle), after=start) if start is not None else None
            if tail_at is None:
                return None
            end = tail_at + len(tail)
        return self.index[start], self.index[end - 1] + 1


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


# ---------------------------------------------------------------- loading


@dataclass
class Article:
    raw: str
    gold: dict
    doc: dict | None = None
    locator: Locator = field(init=False)

    def __post_init__(self):
        self.locator = Locator(self.raw)

    def spans(self, key: str) -> list[dict]:
        """Gold items of ``key`` whose text still matches its checksum (drifted ones are dropped)."""
        return [item for item in self.gold[key] if sha(self.raw[item["start"]:item["end"]]) == item["sha1"]]

    def mapped(self, item: dict) -> tuple[int, int] | None:
        """The raw span of a framing item (start/end into framing's cleaned text)."""
        cleaned = self.doc["text"]
        return self.locator.locate(cleaned[item["start"]:item["end"]], item["start"] / max(len(cleaned), 1))


def load_events(data: Path, split: str) -> tuple[list[dict], int]:
    """Gold events of ``split`` with their records attached; also the number of drifted gold spans."""
    records: dict[str, list[dict]] = defaultdict(list)
    for line in data.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        records[record["event_id"]].append(record)
    events, drifted = [], 0
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if split != "all" and gold["split"] != split:
            continue
        by_url = {r["url"]: r for r in records.get(gold["event_id"], [])}
        articles = [Article(by_url[g["url"]]["text"], g) for g in gold["articles"] if g["url"] in by_url]
        for a in articles:
            drifted += sum(len(a.gold[k]) - len(a.spans(k)) for k in ("quotes", "labels", "facts"))
        events.append({"gold": gold, "articles": articles, "records": [by_url[g["url"]] for g in gold["articles"]
                                                                        if g["url"] in by_url]})
    return events, drifted


def analyse(events: list[dict]) -> list[str]:
    """Run framing on every event in this process; attach each article's JSON. Returns failures."""
    from framing.api import analyse_path

    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for event in events:
            path = Path(tmp) / f"{event['gold']['event_id']}.jsonl"
            path.write_text("".join(json.dumps({"outlet": r["outlet"], "title": r["title"], "published": r["date"],
                                                "url": r["url"], "text": r["text"]}) + "\n"
                                    for r in event["records"]), encoding="utf-8")
            try:
                doc = analyse_path(path).document
            except Exception as exc:  # noqa: BLE001 - a failing event is counted, not fatal
                failures.append(f"{event['gold']['event_id']}: {type(exc).__name__}: {exc}")
                event["doc"] = None
                continue
            event["doc"] = doc
            by_url = {a["url"]: a for a in doc["articles"]}
            for i, article in enumerate(event["articles"]):
                article.doc = by_url.get(article.gold["url"]) or doc["articles"][i]
    return failures


# ---------------------------------------------------------------- scoring


class Ratios(Counter):
    """Named hit/total counts, printed as 'share (hits/total)'."""

    def add(self, name: str, hit: bool) -> None:
        self[name + ".n"] += 1
        self[name + ".hit"] += bool(hit)

    def show(self, name: str) -> str:
        n, hit = self[name + ".n"], self[name + ".hit"]
        return f"{hit / n:6.1%} ({hit}/{n})" if n else "     - (0/0)"


def score_quotes(article: Article, tally: Ratios) -> None:
    gold = [(q, (q["start"], q["end"])) for q in article.spans("quotes")]
    found = [(q, article.mapped(q)) for q in article.doc["quotes"] if q["kind"] == "direct"]
    for q, span in found:
        tally.add("quotes.unmapped", span is None)
        tally.add("quotes.precision", span is not None and any(overlaps(span, g) for _, g in gold))
        tally.add("quotes.fragment", is_fragment(q.get("speaker_name")))
    for g, span in gold:
        match = next((q for q, s in found if s and overlaps(s, span)), None)
        tally.add("quotes.recall", match is not None)
        if g["speaker"] in NAMED_CLASSES:
            if match is not None:
                handled = match["anonymous"] if g["speaker"] == "anonymous" else not match.get("speaker_name")
                tally.add("quotes.nameless_kept", handled)
            continue
        named = match and same_name(g["speaker"], match.get("speaker_name") or match.get("speaker_text"))
        tally.add("quotes.speaker_all", bool(named))
        if not named and MISSES is not None:
            MISSES.append(_miss(article, g, match))
        if match is not None:
            tally.add("quotes.speaker_matched", bool(named))
    _baseline_quotes(article, gold, tally)


def _miss(article: Article, gold: dict, match: dict | None) -> str:
    """One line per named gold quote whose speaker framing got wrong: gold speaker, framing's, the quote
    and the raw words around it (for studying misses on the tune split only)."""
    raw, (start, end) = article.raw, (gold["start"], gold["end"])
    said = "no quote" if match is None else f"{match.get('speaker_name')!r} (as written {match.get('speaker_text')!r})"
    around = " ".join(raw[max(0, start - WINDOW) : end + WINDOW].split())
    return f"- {article.gold['url']}\n  gold {gold['speaker']!r}, framing {said}\n  … {around} …"


def _baseline_quotes(article: Article, gold: list, tally: Ratios) -> None:
    """Quotes: text between paired quotation marks. Speakers: the nearest capitalised word outside them."""
    raw = article.raw
    spans = [(m.start(1), m.end(1)) for m in QUOTE_RE.finditer(raw)]
    for s in spans:
        tally.add("base.quotes.precision", any(overlaps(s, g) for _, g in gold))
    inside = [(g[0] - 1, g[1] + 1) for _, g in gold] + [(s[0] - 1, s[1] + 1) for s in spans]
    words = [(m.start(), m.group()) for m in re.finditer(r"\b[A-Z][\w'’-]*", raw)
             if m.group().lower() not in BASELINE_SKIP and not any(a <= m.start() < b for a, b in inside)]
    for g, (start, end) in gold:
        tally.add("base.quotes.recall", any(overlaps(s, (start, end)) for s in spans))
        if g["speaker"] in NAMED_CLASSES:
            continue
        nearest = min(words, key=lambda w: start - w[0] if w[0] < start else w[0] - end, default=(0, ""))
        tally.add("base.quotes.speaker_all", same_name(g["speaker"], nearest[1]))


def score_labels(article: Article, actors: dict[str, str], main: list[str], tally: Ratios) -> None:
    gold = [(g, (g["start"], g["end"])) for g in article.spans("labels")]
    found = [(label, article.mapped(label)) for label in article.doc["labels"]]
    for label, span in found:
        name = actors.get(label["actor"], label["actor"])
        hit = span is not None and any(overlaps(span, g) for _, g in gold)
        if hit or any(same_name(m, name) for m in main):
            tally.add("labels.precision", hit)
    for g, span in gold:
        match = next((label for label, s in found if s and overlaps(s, span)), None)
        tally.add("labels.recall", match is not None)
        if match is None:
            continue
        tally.add("labels.actor", same_name(g["actor"], actors.get(match["actor"], match["actor"])))
        stance = match["stance"]
        right = stance == g["stance"] or (stance == "unrated" and g["stance"] == "neutral")
        tally.add("labels.stance", right)
        tally.add("labels.unrated", stance == "unrated")
        if g["stance"] != "neutral":
            tally.add("labels.stance_rated_gold", right)
    _baseline_labels(article, main, gold, tally)


def _baseline_labels(article: Article, main: list[str], gold: list, tally: Ratios) -> None:
    """Labels: the run of capitalised words (or "former") just before an actor's surname; stance neutral."""
    raw, found = article.raw, []
    for actor in main:
        words = actor.split()
        for m in re.finditer(r"\b" + re.escape(words[-1]) + r"\b", raw):
            start = m.start()
            for w in reversed(words[:-1]):  # step over the actor's own first names
                if raw[:start].rstrip().endswith(w):
                    start = raw[:start].rstrip().rfind(w)
            run = list(re.finditer(r"(?:\b(?:[A-Z][\w.'’-]*|former)\s+)+$", raw[:start]))
            if run and run[-1].group().strip():
                found.append((actor, (run[-1].start(), run[-1].start() + len(run[-1].group().rstrip()))))
    for actor, span in found:
        tally.add("base.labels.precision", any(overlaps(span, g) for _, g in gold))
    for g, span in gold:
        match = next((a for a, s in found if overlaps(s, span)), None)
        tally.add("base.labels.recall", match is not None)
        if match is not None:
            tally.add("base.labels.stance", g["stance"] == "neutral")


def score_coverage(event: dict, tally: Ratios, claims: Counter) -> None:
    doc, articles = event["doc"], {a.doc["id"]: a for a in event["articles"]}
    gold_facts = {aid: [(f["fact"], (f["start"], f["end"])) for f in a.spans("facts")] for aid, a in articles.items()}
    reported = {aid: {fact for fact, _ in facts} for aid, facts in gold_facts.items()}

    def facts_at(aid: str, piece: str, start: int) -> set[str] | None:
        article = articles.get(aid)
        if article is None:
            return None
        span = article.locator.locate(piece, start / max(len(article.doc["text"]), 1))
        return None if span is None else {fact for fact, s in gold_facts[aid] if overlaps(span, s)}

    for finding in doc["findings"]:
        kind = _claim_kind(finding)
        if kind is None:
            continue
        named = _MENTIONS.match(finding["text"])
        if kind == "only" and named:  # "Only X mentions A and B": checked on the names, not on gold facts
            _score_mentions(named.group(1), finding["subjects"][0], articles, claims)
            continue
        claims[kind + ".made"] += 1
        located = [(e["article"], facts_at(e["article"], e["text"], e["start"])) for e in finding["evidence"]]
        facts = set().union(*(f for _, f in located if f))
        if not facts:
            continue
        claims[kind + ".gold"] += 1
        if kind in ("only", "lead"):
            elsewhere = set().union(*(reported[aid] for aid in reported if aid != finding["subjects"][0]))
            wrong = bool(facts & elsewhere)
            if kind == "only":
                claims[kind + ".wrong_all"] += facts <= elsewhere
        elif kind == "every":
            wrong = not any(all(fact in reported[aid] for aid in reported) for fact in facts)
        else:  # omission: the outlet said to lack the element does report one of its facts
            wrong = any(facts & reported.get(aid, set()) for aid in finding["subjects"])
        claims[kind + ".wrong"] += wrong

    sentences = []  # (element id, article id, text, gold facts) for every sentence of the coverage table
    for element in doc["coverage"]:
        for s in element["spans"]:
            facts = facts_at(s["article"], s["text"], s["start"])
            sentences.append((element["id"], s["article"], s["text"], facts or set()))
    similar = _tfidf_pairs([s[2] for s in sentences])
    for i, a in enumerate(sentences):
        for j in range(i + 1, len(sentences)):
            b = sentences[j]
            if a[1] == b[1]:
                continue
            truth = bool(a[3] & b[3])
            for name, said in (("coverage.pairs", a[0] == b[0]), ("base.coverage.pairs", (i, j) in similar)):
                if said:
                    tally.add(name + ".precision", truth)
                if truth:
                    tally.add(name + ".recall", said)
    for i, (_, aid, _, facts) in enumerate(sentences):  # baseline "Only X reports": no similar sentence elsewhere
        partners = [j for j in range(len(sentences)) if sentences[j][1] != aid and (min(i, j), max(i, j)) in similar]
        if not partners:
            claims["base.only.made"] += 1
            if facts:
                claims["base.only.gold"] += 1
                claims["base.only.wrong"] += any(facts & reported[x] for x in reported if x != aid)


_MENTIONS = re.compile(r"Only .+? mentions (.+?): [“\"]")


def _score_mentions(names: str, subject: str, articles: dict, claims: Counter) -> None:
    """A name claim is wrong when another outlet's text has the full name; doubtful when it has the last
    word of a name only (a namesake, or the same person by surname: the reader must look)."""
    claims["mention.made"] += 1
    others = [a.doc["text"] for aid, a in articles.items() if aid != subject]
    full = surname = False
    for name in re.split(r", | and ", names):
        last = name.split()[-1]
        full |= any(re.search(rf"\b{re.escape(name)}\b", text) for text in others)
        surname |= any(re.search(rf"\b{re.escape(last)}\b", text) for text in others)
    claims["mention.wrong"] += full
    claims["mention.surname"] += surname and not full


def _claim_kind(finding: dict) -> str | None:
    if finding["kind"] == "omission":
        return "omission"
    if finding["kind"] == "lead":  # "X leads with … no other outlet reports it"
        return "lead"
    if finding["kind"] != "coverage":
        return None
    if finding["text"].startswith("Only "):
        return "only"
    return "every" if finding["text"].startswith("Every outlet") else None


def _tfidf_pairs(texts: list[str], threshold: float = 0.3) -> set[tuple[int, int]]:
    """Index pairs of texts whose TF-IDF cosine (fitted on these texts, English stop words) exceeds threshold."""
    if len(texts) < 2:
        return set()
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english").fit_transform(texts)
    cosine = (matrix @ matrix.T).toarray()
    return {(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts)) if cosine[i, j] > threshold}


# ---------------------------------------------------------------- report


def report(split: str, events: list[dict], drifted: int, failures: list[str]) -> None:
    tally, claims, kinds = Ratios(), Counter(), Counter()
    for event in events:
        if event.get("doc") is None:
            continue
        actors = {a["id"]: a["name"] for a in event["doc"]["actors"]}
        for article in event["articles"]:
            score_quotes(article, tally)
            score_labels(article, actors, event["gold"]["actors"], tally)
        score_coverage(event, tally, claims)
        kinds.update(f["kind"] for f in event["doc"]["findings"])
    n_articles = sum(len(e["articles"]) for e in events)
    print(f"gold split {split}: {len(events)} events, {n_articles} articles; drifted gold spans {drifted}; "
          f"analysis failures {len(failures)}")
    for line in failures:
        print("  FAILED", line)
    t = tally.show
    print("\nquotes (direct; a match is any overlap with a gold quote)")
    print(f"  recall                       {t('quotes.recall')}   baseline {t('base.quotes.recall')}  (text between paired quotation marks)")
    print(f"  precision                    {t('quotes.precision')}   baseline {t('base.quotes.precision')}")
    print(f"  speaker, named gold quotes   {t('quotes.speaker_all')}   baseline {t('base.quotes.speaker_all')}  (nearest capitalised word outside quotes)")
    print(f"  speaker, matched quotes only {t('quotes.speaker_matched')}")
    print(f"  fragment speaker (share of framing's quotes) {t('quotes.fragment')}")
    print(f"  anonymous/unattributed gold quotes kept nameless {t('quotes.nameless_kept')}")
    print(f"  framing quotes not located in the raw text   {t('quotes.unmapped')}")
    print("\nlabels (main actors of each event)")
    print(f"  recall                       {t('labels.recall')}   baseline {t('base.labels.recall')}  (capitalised run before a surname)")
    print(f"  precision                    {t('labels.precision')}   baseline {t('base.labels.precision')}")
    print(f"  actor attached correctly     {t('labels.actor')}")
    print(f"  stance correct               {t('labels.stance')}   baseline {t('base.labels.stance')}  (always neutral)")
    print(f"  stance correct, gold rated   {t('labels.stance_rated_gold')}")
    print(f"  unrated share                {t('labels.unrated')}")
    print("\ncoverage (claims checked against gold facts: made / about a gold fact / wrong)")
    for kind, title in (("only", "Only X reports"), ("lead", "X leads with, alone"), ("every", "Every outlet reports"),
                        ("omission", "X has no sentence")):
        print(f"  {title:<22} {claims[kind + '.made']:4} / {claims[kind + '.gold']:4} / {claims[kind + '.wrong']:4}")
    print(f"  Only X, wrong on every fact it touches: {claims['only.wrong_all']}")
    print(f"  Only X mentions A: {claims['mention.made']} made, {claims['mention.wrong']} with the full name in another "
          f"outlet, {claims['mention.surname']} with its last word only")
    print(f"  baseline Only X (no TF-IDF partner > 0.3) {claims['base.only.made']:4} / {claims['base.only.gold']:4} / "
          f"{claims['base.only.wrong']:4}")
    print(f"  sentence pairs precision     {t('coverage.pairs.precision')}   baseline {t('base.coverage.pairs.precision')}  (TF-IDF cosine > 0.3)")
    print(f"  sentence pairs recall        {t('coverage.pairs.recall')}   baseline {t('base.coverage.pairs.recall')}")
    print("\nfindings per kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tune", "held-out", "all"], default="tune")
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--misses", action="store_true", help="also print each named speaker framing got wrong")
    args = parser.parse_args()
    if args.misses and args.split != "tune":
        parser.error("--misses is for the tune split: held-out examples are not to be studied")
    if not args.data.is_file():
        print(f"no AllSides data at {args.data}; nothing to evaluate")
        return 0
    events, drifted = load_events(args.data, args.split)
    failures = analyse(events)
    global MISSES
    MISSES = [] if args.misses else None
    report(args.split, events, drifted, failures)
    if MISSES:
        print(f"\nmissed named speakers ({len(MISSES)})")
        print("\n".join(MISSES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
