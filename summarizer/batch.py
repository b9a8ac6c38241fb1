"""Many articles in one run: records in (JSON lines, CSV, a folder of files, a list of URLs), one result
record out for each, written in committed batches so a run stopped at any point resumes where it left off.

Each worker process builds its `Summarizer` once and keeps its models loaded; CPU threads are split
between workers so they do not oversubscribe the cores. A bad record becomes an `error` field, never a
stopped run.
"""

from __future__ import annotations

import csv
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from .documents import FILE_TYPES, article_from_file, article_from_url
from .errors import InputError, SummarizerError
from .settings import SummarySettings

COMMIT_EVERY = 8           # records per committed (flushed and fsynced) batch of output
OUTPUT_TYPES = (".jsonl", ".csv")
_CSV_FIELDS = ("id", "error", "summary", "language", "engine", "model", "result")


@dataclass(frozen=True)
class Record:
    id: str
    text: str | None = None
    url: str | None = None
    path: str | None = None    # a file to read (folder input)
    error: str | None = None   # why the input row itself could not be read


@dataclass(frozen=True)
class BatchReport:
    done: int
    failed: int
    skipped: int
    seconds: float

    @property
    def per_second(self) -> float:
        return (self.done + self.failed) / self.seconds if self.seconds else 0.0


def read_records(inputs: Iterable[str]) -> Iterator[Record]:
    """Records from each input in order; ids default to the input's name and position."""
    for source in inputs:
        path = Path(source)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.suffix.lower() in FILE_TYPES):
                yield Record(str(file.relative_to(path)), path=str(file))
        elif path.suffix.lower() == ".jsonl":
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    yield _record(_json_row(line, path, number), f"{path.name}:{number}")
        elif path.suffix.lower() == ".csv":
            with path.open(encoding="utf-8", newline="") as rows:
                for number, row in enumerate(csv.DictReader(rows), 1):
                    yield _record(row, f"{path.name}:{number}")
        elif path.is_file() and _is_url_list(path):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    yield Record(f"{path.name}:{number}", url=line.strip())
        else:
            raise InputError(f"{source}: give .jsonl or .csv files, a folder of articles, or a text file "
                             "with one web address a line")


def _json_row(line: str, path: Path, number: int) -> dict[str, Any]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError:
        return {"_error": f"{path.name}, line {number} is not JSON"}
    return row if isinstance(row, dict) else {"_error": f"{path.name}, line {number} is not an object"}


def _record(row: dict[str, Any], fallback_id: str) -> Record:
    record_id = str(row.get("id") or fallback_id)
    if "_error" in row:
        return Record(record_id, error=row["_error"])
    text = row.get("text") or row.get("article")
    return Record(record_id, text=str(text) if text is not None else None, url=row.get("url") or None)


def _is_url_list(path: Path) -> bool:
    lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    lines = [line for line in lines if line]
    return bool(lines) and all(line.startswith(("http://", "https://")) for line in lines)


# --- the work of one record, in a worker --------------------------------------------------------

_worker_settings: SummarySettings | None = None


def _start_worker(settings: SummarySettings, threads: int) -> None:
    global _worker_settings
    os.environ["SUMMARIZER_THREADS"] = str(threads)
    _worker_settings = settings


def summarise_record(record: Record, settings: SummarySettings | None = None) -> dict[str, Any]:
    """The `--json` fields of the record's result, with its id; or its id and a clear `error`."""
    from .pipeline import Summarizer

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
        return {"id": record.id, **Summarizer(settings).summarize(text).to_dict()}
    except SummarizerError as error:
        return {"id": record.id, "error": str(error)}
    except Exception as error:  # one record's surprise never stops the run
        return {"id": record.id,
                "error": f"could not summarise this record ({type(error).__name__}: {error})"}


# --- output --------------------------------------------------------------------------------------

def done_ids(out: Path) -> set[str]:
    """Ids already in `out`; a record cut short by a kill (no final newline) is removed first."""
    if not out.exists():
        return set()
    data = out.read_bytes()
    complete = data[:data.rfind(b"\n") + 1]
    if len(complete) != len(data):
        with out.open("r+b") as file:
            file.truncate(len(complete))
    if out.suffix == ".csv":
        rows = list(csv.DictReader(complete.decode("utf-8").splitlines()))
        return {row["id"] for row in rows if row.get("id") and None not in row.values()}
    ids = set()
    for line in complete.decode("utf-8").splitlines():
        try:
            ids.add(str(json.loads(line)["id"]))
        except (json.JSONDecodeError, KeyError, TypeError):
            continue
    return ids


class _Writer:
    """Appends records; every COMMIT_EVERY records (and at the end) they are flushed and fsynced."""

    def __init__(self, out: Path) -> None:
        if out.suffix not in OUTPUT_TYPES:
            raise InputError(f"{out}: the output must end in {' or '.join(OUTPUT_TYPES)}")
        new = not out.exists() or out.stat().st_size == 0
        self.file = out.open("a", encoding="utf-8", newline="")
        self.csv = (csv.DictWriter(self.file, _CSV_FIELDS, lineterminator="\n") if out.suffix == ".csv"
                    else None)
        if self.csv and new:
            self.csv.writeheader()
        self.pending = 0

    def write(self, row: dict[str, Any]) -> None:
        if self.csv:
            result = {k: v for k, v in row.items() if k not in ("id", "error")}
            self.csv.writerow({"id": row["id"], "error": row.get("error", ""),
                               "summary": (row.get("summary") or "").replace("\n", " "),
                               "language": row.get("language") or "", "engine": row.get("engine") or "",
                               "model": row.get("model") or "",
                               "result": json.dumps(result, ensure_ascii=False) if result else ""})
        else:
            self.file.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.pending += 1
        if self.pending >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())
        self.pending = 0

    def close(self) -> None:
        self.commit()
        self.file.close()


def run_batch(records: Iterable[Record], out: str | Path, settings: SummarySettings, workers: int = 1,
              resume: bool = False, on_record: Callable[[dict[str, Any]], None] = lambda row: None
              ) -> BatchReport:
    """Summarise every record not yet in `out` (with `resume`), in order, with `workers` processes."""
    out = Path(out)
    started = time.monotonic()
    skip = done_ids(out) if resume else set()
    if not resume and out.exists():
        out.unlink()
    everything = list(records)
    todo = [r for r in everything if r.id not in skip]
    skipped = len(everything) - len(todo)
    writer = _Writer(out)
    done = failed = 0
    try:
        for row in _results(todo, settings, workers):
            writer.write(row)
            on_record(row)
            failed += "error" in row
            done += "error" not in row
    finally:
        writer.close()
    return BatchReport(done, failed, skipped, time.monotonic() - started)


def _results(records: list[Record], settings: SummarySettings, workers: int) -> Iterator[dict[str, Any]]:
    if workers <= 1 or len(records) <= 1:
        for record in records:
            yield summarise_record(record, settings)
        return
    threads = max(1, (os.cpu_count() or 1) // workers)
    with get_context("spawn").Pool(workers, _start_worker, (settings, threads)) as pool:
        yield from pool.imap(summarise_record, records, chunksize=1)
