"""The batch's memory: an SQLite file of articles (with FTS5 search), events, and each event's analysis.

Tables are described in docs/corpus.md. Every change is made inside a transaction, and each event's
analysis is committed on its own as it arrives, so an interrupted batch leaves a consistent store and
the next run redoes only what is missing. An analysis is reused only when its event (a hash of its
articles' content keys) and the pipeline version (framing's version, the lexicons, the lenses) match.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from framing.corpus.events import Event, article_id
from framing.corpus.sources import Corpus
from framing.errors import OutputError
from framing.models import Skipped

DEFAULT_NAME = "framing.sqlite"
SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY, outlet TEXT NOT NULL, outlet_key TEXT NOT NULL, lean TEXT, title TEXT,
    published TEXT, url TEXT, language TEXT NOT NULL, source TEXT NOT NULL, given_event TEXT, text TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, first_date TEXT, last_date TEXT,
    outlets INTEGER NOT NULL, articles INTEGER NOT NULL, report TEXT
);
CREATE TABLE IF NOT EXISTS event_articles (
    event TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article TEXT NOT NULL REFERENCES articles(key),
    article_id TEXT NOT NULL,
    PRIMARY KEY (event, article)
);
CREATE INDEX IF NOT EXISTS event_articles_article ON event_articles(article);
CREATE TABLE IF NOT EXISTS analyses (
    event TEXT NOT NULL, pipeline TEXT NOT NULL, status TEXT NOT NULL, strongest TEXT, error TEXT, document TEXT,
    PRIMARY KEY (event, pipeline)
);
CREATE TABLE IF NOT EXISTS skipped (path TEXT PRIMARY KEY, reason TEXT NOT NULL);
"""


class Store:
    """An open store. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise OutputError(f"cannot be opened as a store ({exc}); choose another --store", path=str(path)) from exc
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA journal_mode = WAL")
        try:
            # executescript commits on its own, so the script carries its own transaction.
            self.db.executescript(f"BEGIN;{_SCHEMA}INSERT OR IGNORE INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}');COMMIT;")
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise OutputError(f"is not a framing store ({exc}); remove it or choose another --store", path=str(path)) from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Everything inside commits together or not at all."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- writing --------------------------------------------------------------------------------

    def sync(self, corpus: Corpus, events: Iterable[Event], reports: dict[str, str]) -> None:
        """Make the articles, events and skipped inputs those of this corpus, in one transaction.

        Analyses are kept (keyed by event and pipeline), so an event seen before is not redone.
        """
        events = list(events)
        with self.transaction() as db:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS current (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM current")
            db.executemany("INSERT OR IGNORE INTO current VALUES (?)", ((a.key,) for a in corpus.articles))
            db.execute("DELETE FROM event_articles")
            db.execute("DELETE FROM events")
            db.execute("DELETE FROM articles WHERE key NOT IN (SELECT key FROM current)")
            db.executemany(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET source = excluded.source, given_event = excluded.given_event, "
                "lean = excluded.lean",
                (
                    (a.key, a.raw.outlet.name, a.raw.outlet.key, a.raw.outlet.lean, a.raw.title, a.raw.published,
                     a.raw.url, a.raw.language, a.shown, a.event, a.raw.text)
                    for a in corpus.articles
                ),
            )
            for event in events:
                first, last = event.dates or (None, None)
                db.execute(
                    "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (event.id, event.title, first, last, len(event.outlets), len(event.articles), reports.get(event.id)),
                )
                db.executemany(
                    "INSERT INTO event_articles VALUES (?, ?, ?)", ((event.id, a.key, article_id(a)) for a in event.articles)
                )
            db.execute("DELETE FROM skipped")
            db.executemany("INSERT OR REPLACE INTO skipped VALUES (?, ?)", ((s.path, s.reason) for s in corpus.skipped))

    def put_analysis(self, event: str, pipeline: str, document: str | None, strongest: str | None, error: str | None) -> None:
        """Record one event's analysis (or why it failed), committed at once."""
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO analyses VALUES (?, ?, ?, ?, ?, ?)",
                (event, pipeline, "failed" if error else "done", strongest, error, document),
            )

    def prune(self, pipeline: str) -> int:
        """Drop analyses of events no longer in the corpus or made by another pipeline; how many went."""
        with self.transaction() as db:
            cursor = db.execute(
                "DELETE FROM analyses WHERE pipeline != ? OR event NOT IN (SELECT id FROM events)", (pipeline,)
            )
            return cursor.rowcount

    # -- reading --------------------------------------------------------------------------------

    def done(self, pipeline: str) -> set[str]:
        """Ids of events analysed (successfully) by this pipeline."""
        rows = self.db.execute("SELECT event FROM analyses WHERE pipeline = ? AND status = 'done'", (pipeline,))
        return {r[0] for r in rows}

    def outcomes(self, pipeline: str) -> dict[str, tuple[str, str | None, str | None]]:
        """Event id → (status, strongest finding, error) for this pipeline's analyses."""
        rows = self.db.execute("SELECT event, status, strongest, error FROM analyses WHERE pipeline = ?", (pipeline,))
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def document(self, event: str, pipeline: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT document FROM analyses WHERE event = ? AND pipeline = ? AND status = 'done'", (event, pipeline)
        ).fetchone()
        return None if row is None else json.loads(row[0])

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str, str]]:
        """Articles matching an FTS5 query: (key, outlet, title), best first."""
        rows = self.db.execute(
            "SELECT a.key, a.outlet, a.title FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
        return [tuple(r) for r in rows]

    def skipped(self) -> list[Skipped]:
        return [Skipped(p, r) for p, r in self.db.execute("SELECT path, reason FROM skipped ORDER BY path")]
