"""Share-link storage on a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import base64
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import ROOT
from postgres_server import PostgresServer, binaries

from summarizer.storage import PURGE_EVERY, PostgresStore, SQLiteStore, StoreError, open_store

pytestmark = pytest.mark.xdist_group("storage")  # one PostgreSQL server, one worker

PAYLOAD = {"text": "مجلس المدينة وافق. Café 東京.", "result": {"summary": "ok", "chunks": 1}}


@pytest.fixture(scope="module")
def postgres_url():
    bin_dir = binaries()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL binaries are missing in CI: `make test` should install them")
        pytest.skip("PostgreSQL is not installed (make test installs it)")
    server = PostgresServer(bin_dir).start()
    yield server.url
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def make_store(request, tmp_path):
    if request.param == "sqlite":
        return lambda **kw: SQLiteStore(tmp_path / "nested" / "results.sqlite3", **kw)
    url = request.getfixturevalue("postgres_url")
    return lambda **kw: PostgresStore(url, **kw)


def test_round_trip_keeps_unicode_byte_for_byte(make_store):
    store = make_store()
    entry_id = store.put(PAYLOAD)
    assert store.get(entry_id) == PAYLOAD
    assert make_store().get(entry_id) == PAYLOAD  # a new process's store (as after a restart)


def test_unknown_id_is_none(make_store):
    assert make_store().get("no-such-id") is None


def test_entries_are_immutable_copies(make_store):
    store = make_store()
    payload = {"text": "first"}
    entry_id = store.put(payload)
    payload["text"] = "changed"
    assert store.get(entry_id) == {"text": "first"}  # a copy was stored, not a reference
    second_id = store.put(payload)  # storing again makes a new entry; the first is untouched
    assert second_id != entry_id
    assert (store.get(entry_id), store.get(second_id)) == ({"text": "first"}, {"text": "changed"})


def test_size_cap(make_store):
    store = make_store(max_entry_bytes=1_000)
    with pytest.raises(StoreError, match="1,000-byte limit"):
        store.put({"text": "x" * 2_000})


def test_expiry(make_store):
    now = [time.time()]
    store = make_store(expiry_days=1.0, clock=lambda: now[0])
    entry_id = store.put(PAYLOAD)
    now[0] += 86_400 - 60
    fresh_id = store.put({"text": "stored a day later"})
    assert store.get(entry_id) == PAYLOAD
    now[0] += 120  # the first entry is now a day and a minute old
    assert store.get(entry_id) is None
    assert store.purge_expired() == 1
    assert store.get(fresh_id) == {"text": "stored a day later"}
    now[0] -= 120
    assert store.get(entry_id) is None  # purged: gone even at a time it was valid


def test_concurrent_writers(make_store):
    store = make_store()
    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(lambda i: store.put({"n": i}), range(80)))
    assert len(set(ids)) == 80
    assert sorted(store.get(i)["n"] for i in ids) == list(range(80))


def test_ids_the_store_hands_out_are_random_and_unguessable(make_store):
    store = make_store()
    ids = [store.put({"n": n}) for n in range(120)]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{32}", i) for i in ids)
    raw = [base64.urlsafe_b64decode(i + "=" * (-len(i) % 4)) for i in ids]
    assert all(len(r) * 8 >= 128 for r in raw)
    # No shared prefix or order, as counters, timestamps or row numbers would give.
    assert len({i[:3] for i in ids}) > 115
    assert ids != sorted(ids)


def test_sqlite_uses_wal_and_is_created_on_first_use(tmp_path):
    path = tmp_path / "a" / "b" / "results.sqlite3"
    store = SQLiteStore(path)
    assert path.exists()
    assert store.connect().execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.subprocess
def test_sqlite_writers_in_several_processes(tmp_path):
    path = tmp_path / "shared.sqlite3"
    SQLiteStore(path)
    script = ("import sys; from summarizer.storage import SQLiteStore; s = SQLiteStore(sys.argv[1]); "
              "print(' '.join(s.put({'w': sys.argv[2], 'n': n}) for n in range(25)))")
    runs = [subprocess.Popen([sys.executable, "-c", script, str(path), str(w)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True) for w in range(4)]
    ids = [i for run in runs for i in run.communicate(timeout=60)[0].split()]
    assert all(run.returncode == 0 for run in runs) and len(ids) == 100
    store = SQLiteStore(path)
    assert len({(store.get(i)["w"], store.get(i)["n"]) for i in ids}) == 100


@pytest.mark.subprocess
def test_write_killed_part_way_leaves_the_database_readable_and_the_entry_absent(tmp_path):
    path = tmp_path / "killed.sqlite3"
    kept = SQLiteStore(path).put({"text": "committed before"})
    script = (
        "import sys, time; from summarizer.storage import SQLiteStore, INSERT_SQL\n"
        "store = SQLiteStore(sys.argv[1]); connection = store.connect()\n"
        "connection.execute('BEGIN')\n"
        "connection.execute(INSERT_SQL.format(p='?'), ('half-written', 0, 9e12, '{\"text\": \"x\"}'))\n"
        "print('inside the transaction', flush=True); time.sleep(60)\n")
    child = subprocess.Popen([sys.executable, "-c", script, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout.readline().strip() == "inside the transaction"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    store = SQLiteStore(path)
    assert store.get("half-written") is None
    assert store.get(kept) == {"text": "committed before"}
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.get(store.put({"text": "after"})) == {"text": "after"}


@pytest.mark.postgres
def test_open_store_picks_the_backend(tmp_path, postgres_url):
    assert isinstance(open_store(str(tmp_path / "x.sqlite3")), SQLiteStore)
    assert isinstance(open_store(postgres_url), PostgresStore)


def test_unreachable_postgres_is_a_clear_error():
    with pytest.raises(StoreError, match="cannot reach the PostgreSQL database"):
        PostgresStore("postgresql://nobody@127.0.0.1:9/none")


def test_a_locked_database_is_a_plain_error_after_a_bounded_wait(tmp_path, caplog):
    path = tmp_path / "locked.sqlite3"
    store = SQLiteStore(path, lock_timeout=0.3)
    kept = store.put({"text": "before the lock"})
    other = sqlite3.connect(path)
    other.execute("BEGIN EXCLUSIVE")  # another process in the middle of a long write
    started = time.monotonic()
    with pytest.raises(StoreError, match="try again in a minute") as error:
        store.put({"text": "while locked"})
    assert time.monotonic() - started < 5
    assert "sqlite3" not in str(error.value) and "locked" in caplog.text  # details in the log only
    other.rollback()
    assert store.get(kept) == {"text": "before the lock"}


@pytest.mark.postgres
def test_database_failures_after_start_up_are_plain_errors(postgres_url, tmp_path):
    import psycopg

    sqlite_store = SQLiteStore(tmp_path / "gone.sqlite3")
    postgres_store = PostgresStore(postgres_url)
    entry_id = postgres_store.put(PAYLOAD)
    sqlite3.connect(tmp_path / "gone.sqlite3").execute("DROP TABLE shared_results")
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("ALTER TABLE shared_results RENAME TO shared_results_moved")
    try:
        for store in (sqlite_store, postgres_store):
            with pytest.raises(StoreError, match="unavailable right now"):
                store.put(PAYLOAD)
            with pytest.raises(StoreError, match="unavailable right now"):
                store.get(entry_id)
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as connection:
            connection.execute("ALTER TABLE shared_results_moved RENAME TO shared_results")
    assert postgres_store.get(entry_id) == PAYLOAD  # nothing acknowledged was lost


def test_an_entry_from_another_schema_version_is_refused_with_a_message(make_store):
    store = make_store()
    entry_id = store.put(PAYLOAD)
    assert store.get(entry_id) == PAYLOAD  # the version travels with the entry and is taken off again
    future = json.dumps({"schema": 99, "text": "from a newer app"})
    store._encode = lambda payload: future  # write as a newer version would
    newer_id = store.put({"ignored": True})
    with pytest.raises(StoreError, match="different version of the app"):
        store.get(newer_id)


def test_expired_entries_are_purged_by_later_writes_on_a_schedule(make_store):
    start = time.time()
    now = [start]
    store = make_store(expiry_days=0.01, clock=lambda: now[0])  # entries live 864 s
    old_id = store.put(PAYLOAD)  # the first write purges (nothing to purge yet)
    now[0] = start + 900
    store.put({"text": "expired by then, but the last purge was 900 s ago"})
    now[0] = start
    assert store.get(old_id) == PAYLOAD  # still in the database: purges are at most hourly
    now[0] = start + PURGE_EVERY + 100
    store.put({"text": "an hour later"})
    now[0] = start
    assert store.get(old_id) is None  # deleted, not just hidden by its expiry


DISK_FULL = """
import json, resource, signal, sys
from summarizer.storage import SQLiteStore, StoreError
store = SQLiteStore(sys.argv[1])
kept = store.put({"text": "stored while there was room"})
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a full disk: writes fail with EFBIG instead of a signal
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
try:
    store.put({"text": "x" * 500_000})
    outcome = "stored"
except StoreError as error:
    outcome = str(error)
print(json.dumps({"kept": kept, "outcome": outcome}))
"""


@pytest.mark.subprocess
def test_a_full_disk_is_a_plain_error_and_loses_nothing_acknowledged(tmp_path):
    path = tmp_path / "full.sqlite3"
    run = subprocess.run([sys.executable, "-c", DISK_FULL, str(path)], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["outcome"].startswith("Shared results are unavailable right now")
    assert SQLiteStore(path).get(report["kept"]) == {"text": "stored while there was room"}


def test_a_database_file_deleted_under_a_running_server_is_made_anew(tmp_path):
    path = tmp_path / "links.sqlite3"
    store = SQLiteStore(path)
    first = store.put({"text": "before"})
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    assert store.get(first) is None  # gone with its file...
    second = store.put({"text": "after"})  # ...but sharing goes on, into a new file
    assert store.get(second) == {"text": "after"} and path.is_file()
    assert SQLiteStore(path).get(second) == {"text": "after"}  # written to the file on disk, not the old one


def test_a_full_store_refuses_new_entries_and_keeps_the_ones_it_has(make_store):
    store = make_store()
    kept = store.put(PAYLOAD)
    full = make_store(max_total_bytes=store.stored_bytes())
    with pytest.raises(StoreError) as refused:
        full.put(PAYLOAD)
    assert "full" in refused.value.reader and "SUMMARIZER" not in refused.value.reader
    assert full.get(kept) == PAYLOAD  # nothing is evicted to make room
    assert make_store(max_total_bytes=10 * store.stored_bytes() + 10_000_000).put(PAYLOAD)
