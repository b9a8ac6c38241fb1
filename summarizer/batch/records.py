"""Batch records in and result records out: JSON lines, CSV, Parquet, folders of files, lists of URLs.

Output is appended in committed batches (flushed and fsynced), so a killed run loses at most the batch in
flight and `--resume` finds every id already written. Parquet cannot be appended to, so its records are
journalled as JSON lines beside it (`OUT.parquet.partial.jsonl`) and the Parquet file is written whole,
and atomically, when the run ends.
"""

from __future__ import annotations

import csv
import io
import json
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.sources.documents import FILE_TYPES

COMMIT_EVERY = 8           # records per committed (flushed and fsynced) batch of output
OUTPUT_TYPES = (".jsonl", ".csv", ".parquet")
FLAT_FIELDS = ("id", "title", "error", "summary", "language", "engine", "model", "result")


@dataclass(frozen=True)
class Record:
    id: str
    text: str | None = None
    url: str | None = None
    path: str | None = None    # a file to read (folder input)
    title: str | None = None   # carried to the result record
    error: str | None = None   # why the input row itself could not be read


# --- records in ----------------------------------------------------------------------------------

def read_records(inputs: Iterable[str], notice: Callable[[str], None] = lambda message: None
                 ) -> Iterator[Record]:
    """Records from each input in order; ids default to the input's name and position. An http(s)
    address is a news feed; `notice` hears how many of its entries were left out past the limit."""
    for source in inputs:
        path = Path(source)
        suffix = path.suffix.lower()
        if source.startswith(("http://", "https://")):
            yield from feed_records(source, notice=notice)
        elif path.is_dir():
            yield from _folder_records(path)
        elif suffix == ".jsonl":
            for number, line in enumerate(_text(path).splitlines(), 1):
                if line.strip():
                    yield _record(_json_row(line, path, number), f"{path.name}:{number}")
        elif suffix == ".csv":
            yield from _csv_records(path)
        elif suffix == ".parquet":
            for number, row in enumerate(_parquet_rows(path), 1):
                yield _record(row, f"{path.name}:{number}")
        elif path.is_file() and _is_url_list(path):
            for number, line in enumerate(_text(path).splitlines(), 1):
                if line.strip():
                    yield Record(f"{path.name}:{number}", url=line.strip())
        else:
            raise InputError(f"{source}: give .jsonl, .csv or .parquet files, a folder of articles, a text "
                             "file with one web address a line, or a news feed's address (RSS or Atom)")


def feed_records(url: str, max_entries: int | None = None,
                 notice: Callable[[str], None] = lambda message: None) -> list[Record]:
    """One record per entry of the feed at `url`, its link as id (a later run of the same feed with
    --resume skips the articles already summarised)."""
    from summarizer.sources.feeds import read_feed

    feed = read_feed(url, max_entries)
    if feed.left_out:
        notice(f"the feed {feed.url} lists {feed.listed} articles; the first {len(feed.entries)} are "
               "summarised")
    return [Record(entry.link, url=entry.link, title=entry.title) if entry.link else
            Record(f"{feed.url}#{number}", title=entry.title, error="this feed entry links to no article")
            for number, entry in enumerate(feed.entries, 1)]


def _folder_records(folder: Path) -> Iterator[Record]:
    """Its articles, sub-folders included. A symbolic link is never followed: it could lead anywhere on
    the machine (`/etc/shadow` for a run as root), so it becomes that record's error."""
    found = []
    for root, folders, files in os.walk(folder, followlinks=False):
        folders.sort()
        found += [Path(root) / name for name in files if Path(name).suffix.lower() in FILE_TYPES]
    for file in sorted(found):
        record_id = str(file.relative_to(folder))
        if file.is_symlink():
            yield Record(record_id, error=f"{record_id} is a symbolic link; copy the file into the folder")
        else:
            yield Record(record_id, path=str(file))


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{path.name} is not UTF-8 text (byte {error.start}); save it as UTF-8") from error
    except OSError as error:
        raise InputError(f"{path.name} could not be read ({error.strerror})") from error


def _csv_records(path: Path) -> Iterator[Record]:
    text = _text(path)
    # csv refuses fields over 128 KiB; the file is already in memory, and an oversized article must
    # become that record's error (from the summariser's own limit), not stop the run.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    rows = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for number, row in enumerate(rows, 1):
            yield _record(row, f"{path.name}:{number}")
    except csv.Error as error:
        raise InputError(f"{path.name}, line {rows.line_num} is not valid CSV ({error})") from error


def _json_row(line: str, path: Path, number: int) -> dict[str, Any]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError:
        return {"_error": f"{path.name}, line {number} is not JSON"}
    except RecursionError:  # nested thousands deep: json gives up, and so does this one line
        return {"_error": f"{path.name}, line {number} is nested too deeply to read"}
    return row if isinstance(row, dict) else {"_error": f"{path.name}, line {number} is not an object"}


def _parquet_rows(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as parquet

    try:
        table = parquet.ParquetFile(path)
        for batch in table.iter_batches(batch_size=1024):
            yield from batch.to_pylist()
    except Exception as error:  # pyarrow raises several kinds for a file that is not Parquet
        raise InputError(f"{path.name} could not be read as Parquet ({error})") from error


def _record(row: dict[str, Any], fallback_id: str) -> Record:
    record_id = str(row.get("id") or fallback_id)
    if "_error" in row:
        return Record(record_id, error=row["_error"])
    text = row.get("text") or row.get("article")
    title = row.get("title")
    return Record(record_id, text=str(text) if text is not None else None, url=row.get("url") or None,
                  title=str(title) if title else None)


def _is_url_list(path: Path) -> bool:
    lines = [line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    lines = [line for line in lines if line]
    return bool(lines) and all(line.startswith(("http://", "https://")) for line in lines)


# --- results out ---------------------------------------------------------------------------------

def flat_row(row: dict[str, Any], languages: Iterable[str] = ()) -> dict[str, str]:
    """A result record as one spreadsheet row: the main fields as columns, a column for the summary in
    each of `languages` (`summary_fr`), and everything as JSON."""
    result = {k: v for k, v in row.items() if k not in ("id", "title", "error")}
    translations = row.get("translations") or {}
    return {"id": row["id"], "title": row.get("title") or "", "error": row.get("error", ""),
            "summary": (row.get("summary") or "").replace("\n", " "),
            **{translation_field(code): (translations.get(code) or "").replace("\n", " ")
               for code in languages},
            "language": row.get("language") or "", "engine": row.get("engine") or "",
            "model": row.get("model") or "",
            "result": json.dumps(result, ensure_ascii=False) if result else ""}


def translation_field(code: str) -> str:
    return f"summary_{code}"


def fields_for(languages: Iterable[str]) -> list[str]:
    """The columns of a flat output: one per translation language after the summary."""
    return [*FLAT_FIELDS[:4], *(translation_field(code) for code in languages), *FLAT_FIELDS[4:]]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_row(row: dict[str, Any], languages: Iterable[str] = ()) -> dict[str, str]:
    """`flat_row` for a spreadsheet: a cell that would start a formula (text from a web page can) gets a
    leading apostrophe, which spreadsheets show as text, and so does one that starts with an apostrophe,
    so `read_results` can take exactly one off again."""
    return {name: "'" + value if _could_start_a_formula(value) else value
            for name, value in flat_row(row, languages).items()}


def _could_start_a_formula(cell: str) -> bool:
    """Spreadsheets skip leading spaces and read full-width signs (＝, ＋) as their ASCII forms."""
    if cell.startswith(("'", "\t", "\r")):
        return True
    first = unicodedata.normalize("NFKC", cell.lstrip()[:1])
    return first.startswith(FORMULA_STARTS)


def _csv_value(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def translation_languages(rows: Iterable[dict[str, Any]]) -> list[str]:
    """The languages the records were translated into, in the order they first appear."""
    return list(dict.fromkeys(code for row in rows for code in (row.get("translations") or {})))


def csv_text(rows: list[dict[str, Any]]) -> str:
    """Result records as a CSV document, the same columns as a `.csv` output."""
    languages = translation_languages(rows)
    text = io.StringIO()
    writer = csv.DictWriter(text, fields_for(languages), lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_row(row, languages) for row in rows)
    return text.getvalue()


def _unflat(row: dict[str, Any]) -> dict[str, Any]:
    full: dict[str, Any] = {"id": row["id"]}
    if row.get("title"):
        full["title"] = row["title"]
    if row.get("error"):
        full["error"] = row["error"]
    if row.get("result"):
        full.update(json.loads(row["result"]))
    return full


def read_results(out: str | Path) -> list[dict[str, Any]]:
    """The result records in `out`, whatever its format, as the `--json` fields with id (and title)."""
    out = Path(out)
    if out.suffix == ".jsonl":
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line]
    if out.suffix == ".csv":
        with out.open(encoding="utf-8", newline="") as rows:
            return [_unflat({k: _csv_value(v) for k, v in row.items()}) for row in csv.DictReader(rows)]
    import pyarrow.parquet as parquet

    return [_unflat(row) for row in parquet.read_table(out).to_pylist()]


def check_output(out: Path, inputs: Iterable[str] = ()) -> None:
    """The output's type, and that it is none of the inputs (writing, or resuming, would destroy it)."""
    if out.suffix not in OUTPUT_TYPES:
        raise InputError(f"{out}: the output must end in {', '.join(OUTPUT_TYPES)}")
    target = out.resolve()
    for source in inputs:
        if Path(source).resolve() in (target, journal_path(target)):
            raise InputError(f"{out} is also an input; write the results to another file")


def journal_path(out: Path) -> Path:
    """Where a Parquet output's records wait until the run ends."""
    return out.with_name(out.name + ".partial.jsonl")


def remove_output(out: Path) -> None:
    for path in (out, journal_path(out)):
        path.unlink(missing_ok=True)


def done_ids(out: Path) -> set[str]:
    """Ids already written to `out` (and, for Parquet, its journal); a record cut short by a kill (no
    final newline) is removed first."""
    check_output(out)
    if out.suffix == ".parquet":
        ids = {str(row["id"]) for row in read_results(out)} if out.exists() else set()
        return ids | _complete_line_ids(journal_path(out), lambda line: json.loads(line)["id"])
    if out.suffix == ".csv":
        return _complete_line_ids(out, None)
    return _complete_line_ids(out, lambda line: json.loads(line)["id"])


def _complete_line_ids(path: Path, id_of: Any) -> set[str]:
    if not path.exists():
        return set()
    data = path.read_bytes()
    complete = data[:_end_of_last_record(data, quoted=id_of is None) + 1]
    if len(complete) != len(data):
        with path.open("r+b") as file:
            file.truncate(len(complete))
    lines = complete.decode("utf-8").splitlines()
    if id_of is None:  # CSV: a row whose fields are all there
        return {_csv_value(row["id"]) for row in csv.DictReader(lines)
                if row.get("id") and None not in row.values()}
    ids = set()
    for line in lines:
        try:
            ids.add(str(id_of(line)))
        except (json.JSONDecodeError, KeyError, TypeError):
            continue
    return ids


def _end_of_last_record(data: bytes, quoted: bool) -> int:
    """The index of the newline ending the last whole record (-1 if none). In CSV a newline inside a
    quoted field ends nothing: a record ends at a newline after an even number of quotes."""
    if not quoted:
        return data.rfind(b"\n")
    end, quotes = -1, 0
    for index, byte in enumerate(data):
        if byte == 0x22:
            quotes += 1
        elif byte == 0x0A and quotes % 2 == 0:
            end = index
    return end


class ResultWriter:
    """Appends result records; every COMMIT_EVERY records (and at the end) they are flushed and fsynced."""

    def __init__(self, out: Path, languages: tuple[str, ...] = ()) -> None:
        """`languages`: the translations asked for, each a column of a CSV or Parquet output."""
        check_output(out)
        self.out = out
        self.languages = languages
        target = journal_path(out) if out.suffix == ".parquet" else out
        new = not target.exists() or target.stat().st_size == 0
        fields = fields_for(languages)
        if not new and out.suffix == ".csv":  # resumed: the columns the file already has
            with target.open(encoding="utf-8", newline="") as existing:
                fields = next(csv.reader(existing), fields)
        self.file = target.open("a", encoding="utf-8", newline="")
        self.csv = (csv.DictWriter(self.file, fields, lineterminator="\n", extrasaction="ignore")
                    if out.suffix == ".csv" else None)
        if self.csv and new:
            self.csv.writeheader()
        self.pending = 0

    def write(self, row: dict[str, Any]) -> None:
        if self.csv:
            self.csv.writerow(csv_row(row, self.languages))
        else:
            self.file.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.pending += 1
        if self.pending >= COMMIT_EVERY:
            self.commit()

    def commit(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())
        self.pending = 0

    def close(self, finished: bool) -> None:
        """Commit what is written; a finished Parquet run becomes the Parquet file, journal removed."""
        self.commit()
        self.file.close()
        if finished and self.out.suffix == ".parquet":
            self._write_parquet()

    def _write_parquet(self) -> None:
        import pyarrow as arrow
        import pyarrow.parquet as parquet

        journal = journal_path(self.out)
        rows = read_results(self.out) if self.out.exists() else []
        rows += [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines() if line]
        table = arrow.Table.from_pylist([flat_row(row, self.languages) for row in rows],
                                        schema=arrow.schema([(name, arrow.string())
                                                             for name in fields_for(self.languages)]))
        partial = self.out.with_name(self.out.name + ".writing")
        parquet.write_table(table, partial)
        os.replace(partial, self.out)
        journal.unlink()
