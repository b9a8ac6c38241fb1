"""Batches started over the API: a news feed or a list of articles summarised in the background by the
batch code, each article one run for the caller's rate and one turn in the shared queue (waiting, as the
page's Many articles does, rather than failing), its progress and results kept in memory for an hour."""

from __future__ import annotations

import secrets
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer import config
from summarizer.admission import admitted_feed, shared_queue, waited_turn
from summarizer.api.access import Caller
from summarizer.api.errors import ApiError, as_api_error
from summarizer.api.work import in_readers_words, settings_from
from summarizer.batch.records import Record
from summarizer.errors import InputError
from summarizer.settings import SummarySettings

KEEP_SECONDS = 3_600.0  # a finished batch's results, for its GET
MAX_KEPT = 64           # batches remembered, finished ones forgotten first
ID_BYTES = 18


@dataclass
class Batch:
    """One batch's progress, read by its GET while the thread that runs it appends results."""

    id: str
    owner: str
    total: int
    status: str = "queued"  # queued, running, done, failed
    results: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    finished_at: float | None = None

    def to_dict(self) -> dict[str, Any]:
        failed = sum("error" in row for row in self.results)
        return {"id": self.id, "status": self.status, "total": self.total, "done": len(self.results) - failed,
                "failed": failed, "results": list(self.results), "notes": list(self.notes)}


class Batches:
    """The server's batches, by id: at most MAX_KEPT, finished ones forgotten after KEEP_SECONDS."""

    def __init__(self) -> None:
        self._batches: OrderedDict[str, Batch] = OrderedDict()
        self._lock = threading.Lock()

    def start(self, body: dict[str, Any], caller: Caller) -> Batch:
        """Read the feed or the list (its errors are the call's), then summarise in a thread of its own.
        One batch at a time per caller, reserved before the feed is read (a burst of calls gets one);
        reading the feed is one run of the caller's rate and one turn in the queue, as an import is."""
        settings = settings_from(body)
        batch = self._reserved(caller)
        try:
            notes: list[str] = []
            if "feed" in body:
                records = admitted_feed(body["feed"], config.current().api_batch_articles, caller.identity,
                                        shared_queue(config.current().queue_length), caller.limiter, notes.append)
            else:
                records = _listed(body["articles"])
            if not records:
                raise InputError("The feed lists no articles.")
        except BaseException:
            with self._lock:
                del self._batches[batch.id]
            raise
        batch.total, batch.notes = len(records), notes
        threading.Thread(target=self._run, args=(batch, records, settings, caller), name="api-batch",
                         daemon=True).start()
        return batch

    def _reserved(self, caller: Caller) -> Batch:
        with self._lock:
            if any(b.owner == caller.identity and b.finished_at is None for b in self._batches.values()):
                raise ApiError(429, "batch_running", "A batch of yours is still running. Wait for it to finish "
                                                     "(GET its address) before starting another.", 60.0)
            self._forget_old()
            batch = Batch(secrets.token_urlsafe(ID_BYTES), caller.identity, 0)
            self._batches[batch.id] = batch
            return batch

    def get(self, batch_id: str) -> Batch | None:
        with self._lock:
            return self._batches.get(batch_id)

    def _run(self, batch: Batch, records: list[Record], settings: SummarySettings, caller: Caller) -> None:
        from summarizer.batch.run import run_batch

        batch.status = "running"
        queue = shared_queue(config.current().queue_length)
        try:
            with tempfile.TemporaryDirectory(prefix="api-batch-") as folder:
                run_batch(records, Path(folder) / "results.jsonl", settings,
                          on_record=lambda row: batch.results.append(in_readers_words(row)),
                          turn=lambda: waited_turn(caller.identity, queue, caller.limiter),
                          explain=lambda error: as_api_error(error).message)
            batch.status = "done"
        except Exception as error:  # what finished before the failure stays in the results
            batch.notes.append(as_api_error(error).message)
            batch.status = "failed"
        finally:
            batch.finished_at = time.monotonic()

    def _forget_old(self) -> None:
        now = time.monotonic()
        for key in [k for k, b in self._batches.items() if b.finished_at and now - b.finished_at > KEEP_SECONDS]:
            del self._batches[key]
        finished = [k for k, b in self._batches.items() if b.finished_at is not None]
        while len(self._batches) >= MAX_KEPT and finished:
            del self._batches[finished.pop(0)]
        if len(self._batches) >= MAX_KEPT:
            raise ApiError(429, "batches_full", "The server is running as many batches as it can. Please try "
                                                "again in a few minutes.", 60.0)


def _listed(articles: list[dict[str, Any]]) -> list[Record]:
    return [Record(str(item.get("id") or f"article-{number}"), text=item.get("text"), url=item.get("url"),
                   title=item.get("title")) for number, item in enumerate(articles, 1)]
