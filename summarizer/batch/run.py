"""Many articles in one run: every record summarised once, in order, into committed output, so a run
stopped at any point resumes where it left off (records in and out: `records`; one record's work: `work`).

Embedded by default: a pool of worker processes, each building its `Summarizer` once and keeping its models
loaded, with the CPU threads split between them so they do not oversubscribe the cores. With a Ray address
the same per-record work runs on Ray actors instead (`ray_cluster`). A bad record becomes an `error` field,
never a stopped run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from summarizer import config
from summarizer.batch.records import Record, ResultWriter, check_output, done_ids, remove_output
from summarizer.batch.work import error_text, summarise_record
from summarizer.settings import SummarySettings


@dataclass(frozen=True)
class BatchReport:
    done: int
    failed: int
    skipped: int
    seconds: float

    @property
    def per_second(self) -> float:
        return (self.done + self.failed) / self.seconds if self.seconds else 0.0


# --- embedded worker processes: each with its share of the cores and the run's settings ---------

_worker_settings: SummarySettings | None = None


def _start_worker(settings: SummarySettings, threads: int) -> None:
    global _worker_settings
    config.use(replace(config.current(), threads=threads))
    _worker_settings = settings


def _summarise_in_worker(record: Record) -> dict[str, Any]:
    assert _worker_settings is not None, "the pool starts each worker with the run's settings"
    return summarise_record(record, _worker_settings)


def run_batch(records: Iterable[Record], out: str | Path, settings: SummarySettings, workers: int | None = 1,
              resume: bool = False, on_record: Callable[[dict[str, Any]], None] = lambda row: None,
              ray_address: str | None = None,
              turn: Callable[[], AbstractContextManager[object]] = nullcontext,
              explain: Callable[[Exception], str] = error_text) -> BatchReport:
    """Summarise every record not yet in `out` (with `resume`), in order: embedded with `workers`
    processes (None: one per core), or with `workers` Ray actors on the cluster at `ray_address` ("auto":
    RAY_ADDRESS or a new local one; None: one per CPU of the cluster). In-process (one worker), each record
    runs inside `turn()` (the page's queue) and `explain` words its failure (the page's reader text)."""
    out = Path(out)
    check_output(out)
    started = time.monotonic()
    skip = done_ids(out) if resume else set()
    if not resume:
        remove_output(out)
    everything = list(records)
    todo = [r for r in everything if r.id not in skip]
    writer = ResultWriter(out, settings.translate_to)
    done = failed = 0
    finished = False
    try:
        if ray_address:
            from summarizer.batch.ray_cluster import ray_results  # Ray is optional

            results = ray_results(todo, settings, ray_address, workers)
        else:
            results = _embedded_results(todo, settings, workers or os.cpu_count() or 1, turn, explain)
        for row in results:
            writer.write(row)
            on_record(row)
            failed += "error" in row
            done += "error" not in row
        finished = True
    finally:
        writer.close(finished)
    return BatchReport(done, failed, len(everything) - len(todo), time.monotonic() - started)


def _embedded_results(records: list[Record], settings: SummarySettings, workers: int,
                      turn: Callable[[], AbstractContextManager[object]],
                      explain: Callable[[Exception], str]) -> Iterator[dict[str, Any]]:
    if workers <= 1 or len(records) <= 1:
        for record in records:
            with turn():
                row = summarise_record(record, settings, explain)
            yield row
        return
    threads = max(1, (os.cpu_count() or 1) // workers)
    with get_context("spawn").Pool(workers, _start_worker, (settings, threads)) as pool:
        yield from pool.imap(_summarise_in_worker, records, chunksize=1)
