"""Stored results behind share links: SQLite by default, PostgreSQL when a database URL is set.

Entries are immutable (insert only), addressed by random 192-bit ids, capped in size and given an
expiry. Every write is one transaction, so a process killed mid-write leaves no partial entry.
"""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from summarizer import config
from summarizer.errors import SummarizerError

DEFAULT_SQLITE_PATH = Path(".data") / "results.sqlite3"
DEFAULT_MAX_ENTRY_BYTES = config.Config.share_max_bytes
DEFAULT_EXPIRY_DAYS = config.Config.share_expiry_days
DEFAULT_TOTAL_BYTES = config.Config.share_total_mb * 1_000_000
DEFAULT_LOCK_TIMEOUT = 5.0  # seconds a write waits for another writer before giving up
ID_BYTES = 24  # 192 bits, 32 URL-safe characters
SCHEMA_VERSION = 1  # stored with every entry; a reader refuses versions it does not know, with a message
PURGE_EVERY = 3_600.0  # seconds: expired entries are deleted by the first write after this long

CREATE_SQL = """CREATE TABLE IF NOT EXISTS shared_results (
    id TEXT PRIMARY KEY,
    created_at DOUBLE PRECISION NOT NULL,
    expires_at DOUBLE PRECISION NOT NULL,
    payload TEXT NOT NULL)"""
INSERT_SQL = "INSERT INTO shared_results (id, created_at, expires_at, payload) VALUES ({p}, {p}, {p}, {p})"
SELECT_SQL = "SELECT payload FROM shared_results WHERE id = {p} AND expires_at > {p}"
PURGE_SQL = "DELETE FROM shared_results WHERE expires_at <= {p}"


log = logging.getLogger(__name__)
UNAVAILABLE = ("Shared results are unavailable right now: the results database did not answer. "
               "Your text and summary are still here; try again in a minute.")
FULL = ("This site's store of shared links is full right now, so this result cannot be kept for a link. "
        "Download it instead.")
FOREIGN = ("This link was saved by a different version of the app and cannot be shown. Paste the article "
           "again to summarise it.")


class StoreError(SummarizerError):
    """The entry cannot be stored (too large) or the database cannot be reached."""


class ResultStore(Protocol):
    def put(self, payload: dict[str, Any]) -> str: ...

    def get(self, entry_id: str) -> dict[str, Any] | None: ...


def new_id() -> str:
    return secrets.token_urlsafe(ID_BYTES)


class _SqlStore:
    """Shared logic; subclasses supply a connection and the driver's placeholder."""

    placeholder = "?"

    def __init__(self, max_entry_bytes: int, expiry_days: float, clock: Callable[[], float],
                 max_total_bytes: int = DEFAULT_TOTAL_BYTES) -> None:
        self.max_entry_bytes = max_entry_bytes
        self.max_total_bytes = max_total_bytes
        self.expiry_seconds = expiry_days * 86_400
        self.clock = clock  # injected so expiry can be tested without waiting
        self._purged_at = float("-inf")

    def purge_expired(self) -> int:
        raise NotImplementedError

    def stored_bytes(self) -> int:
        """What the store takes on disk now (cheap: never a scan of the entries)."""
        raise NotImplementedError

    def _check_room(self, used: int) -> None:
        """Refused, not evicted, when full: a stranger filling the store must not push out others' links."""
        if used >= self.max_total_bytes:
            log.warning("shared results: the store holds %d bytes, at its %d-byte limit", used,
                        self.max_total_bytes)
            raise StoreError(f"the shared-results store holds {used:,} bytes, at its limit of "
                             f"{self.max_total_bytes:,} (SUMMARIZER_SHARE_TOTAL_MB)", FULL)

    def _purge_when_due(self) -> None:
        """Expired entries go on a schedule driven by writes: no thread, and a failure only logs."""
        if self.clock() - self._purged_at < PURGE_EVERY:
            return
        self._purged_at = self.clock()
        try:
            removed = self.purge_expired()
            log.info("shared results: purged %d expired entries", removed)
        except StoreError:
            pass  # already logged; the next write tries again after PURGE_EVERY

    def _decode(self, stored: str) -> dict[str, Any]:
        """The payload as it was put; StoreError for an entry written by a version this one cannot read."""
        data = json.loads(stored)
        version = data.pop("schema", SCHEMA_VERSION) if isinstance(data, dict) else None
        if version != SCHEMA_VERSION:
            log.warning("shared results: an entry has schema %r, this version reads %d", version,
                        SCHEMA_VERSION)
            raise StoreError(FOREIGN)
        return data

    def _encode(self, payload: dict[str, Any]) -> str:
        encoded = json.dumps({**payload, "schema": SCHEMA_VERSION}, ensure_ascii=False)
        size = len(encoded.encode("utf-8"))
        if size > self.max_entry_bytes:
            raise StoreError(f"this result is {size:,} bytes, over the {self.max_entry_bytes:,}-byte limit "
                             "for a shared entry (SUMMARIZER_SHARE_MAX_BYTES)",
                             f"This result is too large to share ({size:,} bytes; the limit is "
                             f"{self.max_entry_bytes:,}). Download it instead.")
        return encoded

    def _sql(self, template: str) -> str:
        return template.format(p=self.placeholder)

    @contextmanager
    def _database(self, action: str,
                  driver_error: type[Exception] | tuple[type[Exception], ...]) -> Iterator[None]:
        """A driver's error (locked, disk full, table gone, server down) becomes a StoreError with a
        message for readers; the driver's own words go to the server log."""
        try:
            yield
        except driver_error as error:
            log.warning("shared results: could not %s: %s: %s", action, type(error).__name__, error)
            raise StoreError(UNAVAILABLE) from None

    def _new_row(self, encoded: str) -> tuple[str, float, float, str]:
        now = self.clock()
        return new_id(), now, now + self.expiry_seconds, encoded


class SQLiteStore(_SqlStore):
    def __init__(self, path: str | Path = DEFAULT_SQLITE_PATH, max_entry_bytes: int = DEFAULT_MAX_ENTRY_BYTES,
                 expiry_days: float = DEFAULT_EXPIRY_DAYS, lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
                 clock: Callable[[], float] = time.time, max_total_bytes: int = DEFAULT_TOTAL_BYTES) -> None:
        super().__init__(max_entry_bytes, expiry_days, clock, max_total_bytes)
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self._local = threading.local()
        with self._database("open the database", (sqlite3.Error, OSError)):
            self.connect()

    def connect(self) -> sqlite3.Connection:
        """One connection per thread (sqlite3 connections must not cross threads). A database file
        deleted or replaced under the running server is opened (and its table made) anew, rather than
        every later write failing into the unlinked file until a restart."""
        connection, inode = getattr(self._local, "connection", None), getattr(self._local, "inode", None)
        current = self._inode()
        if connection is not None and current != inode:
            log.warning("shared results: %s was deleted or replaced; opening it anew", self.path)
            connection.close()
            connection = None
        if connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=self.lock_timeout)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(CREATE_SQL)
            self._local.connection, self._local.inode = connection, self._inode()
        return connection

    def _inode(self) -> int | None:
        try:
            return self.path.stat().st_ino
        except FileNotFoundError:
            return None

    def stored_bytes(self) -> int:
        files = [self.path, Path(f"{self.path}-wal")]
        return sum(f.stat().st_size for f in files if f.exists())

    def put(self, payload: dict[str, Any]) -> str:
        row = self._new_row(self._encode(payload))
        self._check_room(self.stored_bytes())
        with self._database("store a result", (sqlite3.Error, OSError)), self.connect() as connection:
            connection.execute(self._sql(INSERT_SQL), row)  # one transaction: committed whole or not at all
        self._purge_when_due()
        return row[0]

    def get(self, entry_id: str) -> dict[str, Any] | None:
        with self._database("read a result", (sqlite3.Error, OSError)):
            row = self.connect().execute(self._sql(SELECT_SQL), (entry_id, self.clock())).fetchone()
        return self._decode(row[0]) if row else None

    def purge_expired(self) -> int:
        with self._database("purge expired results", sqlite3.Error), self.connect() as connection:
            return connection.execute(self._sql(PURGE_SQL), (self.clock(),)).rowcount


class PostgresStore(_SqlStore):
    placeholder = "%s"

    def __init__(self, url: str, max_entry_bytes: int = DEFAULT_MAX_ENTRY_BYTES,
                 expiry_days: float = DEFAULT_EXPIRY_DAYS, clock: Callable[[], float] = time.time,
                 max_total_bytes: int = DEFAULT_TOTAL_BYTES) -> None:
        super().__init__(max_entry_bytes, expiry_days, clock, max_total_bytes)
        import psycopg

        self._psycopg = psycopg
        self.url = url
        try:
            with psycopg.connect(url, connect_timeout=10) as connection:
                connection.execute(CREATE_SQL)
        except psycopg.OperationalError as error:
            raise StoreError(f"cannot reach the PostgreSQL database ({error})".strip()) from None

    def stored_bytes(self) -> int:
        with self._database("measure the store", self._psycopg.Error), \
                self._psycopg.connect(self.url, connect_timeout=10) as connection:
            return self._relation_bytes(connection)

    @staticmethod
    def _relation_bytes(connection: Any) -> int:
        return int(connection.execute("SELECT pg_total_relation_size('shared_results')").fetchone()[0])

    def put(self, payload: dict[str, Any]) -> str:
        row = self._new_row(self._encode(payload))
        with self._database("store a result", self._psycopg.Error), \
                self._psycopg.connect(self.url, connect_timeout=10) as connection:  # commits on exit
            self._check_room(self._relation_bytes(connection))  # measured on the insert's own connection
            connection.execute(self._sql(INSERT_SQL), row)
        self._purge_when_due()
        return row[0]

    def get(self, entry_id: str) -> dict[str, Any] | None:
        with self._database("read a result", self._psycopg.Error), \
                self._psycopg.connect(self.url, connect_timeout=10) as connection:
            row = connection.execute(self._sql(SELECT_SQL), (entry_id, self.clock())).fetchone()
        return self._decode(row[0]) if row else None

    def purge_expired(self) -> int:
        with self._database("purge expired results", self._psycopg.Error), \
                self._psycopg.connect(self.url, connect_timeout=10) as connection:
            return connection.execute(self._sql(PURGE_SQL), (self.clock(),)).rowcount


def open_store(database: str | None = None) -> ResultStore:
    """`SUMMARIZER_DATABASE`: a postgresql:// URL, or a SQLite file path (default .data/results.sqlite3)."""
    settings = config.current()
    database = database or settings.database or str(DEFAULT_SQLITE_PATH)
    max_bytes, expiry = settings.share_max_bytes, settings.share_expiry_days
    total = settings.share_total_mb * 1_000_000
    if database.startswith(("postgresql://", "postgres://")):
        return PostgresStore(database, max_bytes, expiry, max_total_bytes=total)
    return SQLiteStore(database.removeprefix("sqlite:///"), max_bytes, expiry, max_total_bytes=total)


_shared_lock = threading.Lock()
_shared: dict[str | None, ResultStore] = {}


def shared_store() -> ResultStore:
    """The process's one store for the configured database (opened on first use): the page and the API
    keep links in it together."""
    database = config.current().database
    with _shared_lock:
        if database not in _shared:
            _shared[database] = open_store()
        return _shared[database]


def share_entry(text: str, page: dict[str, Any], result: dict[str, Any] | None,
                comparison: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """What a link keeps, whoever made it: the text, the page's settings, the result and the length
    comparison shown (the page's `?r=` link opens it)."""
    return {"text": text, "page": page, "result": result, "comparison": comparison or {}}
