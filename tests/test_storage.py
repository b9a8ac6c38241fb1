"""Share-link storage on a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import base64
import os
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import ROOT
from postgres_server import PostgresServer, binaries

from summarizer.storage import PostgresStore, SQLiteStore, StoreError, new_id, open_store

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


@pytest.fixture(params=["sqlite", "postgres"])
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
    assert store.get(entry_id) == {"text": "first"}
    assert not hasattr(store, "update") and not hasattr(store, "delete")


def test_size_cap(make_store):
    store = make_store(max_entry_bytes=1_000)
    with pytest.raises(StoreError, match="1,000-byte limit"):
        store.put({"text": "x" * 2_000})


def test_expiry(make_store):
    store = make_store(expiry_days=1.5 / 86_400)  # 1.5 seconds
    entry_id = store.put(PAYLOAD)
    assert store.get(entry_id) == PAYLOAD
    time.sleep(2)
    assert store.get(entry_id) is None
    assert store.purge_expired() >= 1


def test_concurrent_writers(make_store):
    store = make_store()
    with ThreadPoolExecutor(8) as pool:
        ids = list(pool.map(lambda i: store.put({"n": i}), range(80)))
    assert len(set(ids)) == 80
    assert sorted(store.get(i)["n"] for i in ids) == list(range(80))


def test_ids_are_random_and_unguessable():
    ids = [new_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    raw = [base64.urlsafe_b64decode(i + "=" * (-len(i) % 4)) for i in ids]
    assert all(len(r) * 8 >= 128 for r in raw)
    # No shared prefix, as counters or timestamps would give.
    assert len({i[:4] for i in ids}) > 1900


def test_sqlite_uses_wal_and_is_created_on_first_use(tmp_path):
    path = tmp_path / "a" / "b" / "results.sqlite3"
    store = SQLiteStore(path)
    assert path.exists()
    assert store.connect().execute("PRAGMA journal_mode").fetchone()[0] == "wal"


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


def test_open_store_picks_the_backend(tmp_path, postgres_url):
    assert isinstance(open_store(str(tmp_path / "x.sqlite3")), SQLiteStore)
    assert isinstance(open_store(postgres_url), PostgresStore)


def test_unreachable_postgres_is_a_clear_error():
    with pytest.raises(StoreError, match="cannot reach the PostgreSQL database"):
        PostgresStore("postgresql://nobody@127.0.0.1:9/none")
