"""Many articles in one run: every record summarised once, in order, into committed output, so a run
stopped at any point resumes where it left off (records in and out: `batch_io`).

Embedded by default: a pool of worker processes, each building its `Summarizer` once and keeping its models
loaded, with the CPU threads split between them so they do not oversubscribe the cores. With a Ray address
the same per-record work runs on Ray actors instead (`batch_ray`). A bad record becomes an `error` field,
never a stopped run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from summarizer.batch.records import Record, ResultWriter, check_output, done_ids, remove_output
from summarizer.sources.documents import article_from_file, article_from_url
from summarizer.errors import InputError, SummarizerError
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


# --- the work of one record, in a worker --------------------------------------------------------

_worker_settings: SummarySettings | None = None


def _start_worker(settings: SummarySettings, threads: int) -> None:
    global _worker_settings
    os.environ["SUMMARIZER_THREADS"] = str(threads)
    _worker_settings = settings


def error_text(error: Exception) -> str:
    """A record's failure in the command line's words (the page passes its own, for readers)."""
    if isinstance(error, SummarizerError):
        return str(error)
    return f"could not summarise this record ({type(error).__name__}: {error})"


def summarise_record(record: Record, settings: SummarySettings | None = None,
                     explain: Callable[[Exception], str] = error_text) -> dict[str, Any]:
    """The `--json` fields of the record's result, with its id; or its id and a clear `error`."""
    from summarizer.summarise.pipeline import Summarizer

    settings = settings or _worker_settings or SummarySettings()
    try:
        if record.error:
            raise InputError(record.error)
        if record.path:
            text: str | bytes = article_from_file(Path(record.path).name, Path(record.path).read_bytes(),
                                                  max_chars=settings.max_chars).text
        elif record.url:
            text = article_from_url(record.url, max_chars=settings.max_chars).text
        elif record.text is not None:
            text = record.text
        else:
            raise InputError("the record has no text, article or url")
        return {**_named(record), **Summarizer(settings).summarize(text).to_dict()}
    except Exception as error:  # one record's failure, expected or not, never stops the run
        return {**_named(record), "error": explain(error)}


def _named(record: Record) -> dict[str, str]:
    return {"id": record.id, **({"title": record.title} if record.title else {})}


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
    writer = ResultWriter(out)
    done = failed = 0
    finished = False
    try:
        if ray_address:
            from summarizer.batch.ray_cluster import ray_results

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
        yield from pool.imap(summarise_record, records, chunksize=1)
