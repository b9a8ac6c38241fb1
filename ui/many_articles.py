"""The page's "Many articles" section: a CSV or JSON-lines list, or several article files, summarised by
the batch code in this server's process (each article one turn of the shared queue and one summary for
the visitor's rate limit), with a progress bar, a results table and downloads."""

from __future__ import annotations

import json
import re
import tempfile
from itertools import islice
from pathlib import Path
from typing import Any

import streamlit as st

from summarizer.admission import admitted_feed, waited_turn
from summarizer.batch.records import Record, csv_text, read_records, translation_languages
from summarizer.batch.run import run_batch
from summarizer.config import Config
from summarizer.errors import InputError
from summarizer.languages import language_name
from summarizer.sources.documents import FILE_TYPES

from .failures import reader_message, show_failure
from .literal import literal
from .page_settings import PageSettings
from .shared import rate_limiter, summary_queue
from .state import session
from .upload_guard import release
from .visitor import visitor

LIST_TYPES = (".csv", ".jsonl")


def many_articles_section(page: PageSettings, config: Config) -> None:
    state = session()
    with st.expander("Many articles", expanded=bool(state.get("batch_rows") or state.get("batch_error"))):
        st.file_uploader("A list of articles (.csv or .jsonl with a text column), or several article files",
                         type=[t.lstrip(".") for t in (*LIST_TYPES, *FILE_TYPES)], accept_multiple_files=True,
                         key=_uploader_key())
        st.text_input("Or a news feed's address (RSS or Atom): each of its articles is fetched and summarised",
                      key="batch_feed", placeholder="https://…/rss", max_chars=2_000)
        st.caption(f"Up to {config.page_batch_articles} articles at a time, each summarised with the "
                   f"settings in the sidebar, at most {config.runs_per_minute} a minute; files up to "
                   f"{config.max_file_bytes / 1e6:g} MB each. A list's rows need a text (or article) column, "
                   "and may have id, title and url columns. A longer feed: its first articles.")
        if state.get("batch_read"):  # visitors' file names: literal text
            literal(f"Summarised and no longer kept on this server: {', '.join(state['batch_read'])}. "
                    "Upload them again to summarise them with other settings.", name="batch-read")
        if st.button("Summarise all", key="batch_run",
                     disabled=not (state.get(_uploader_key()) or state.get("batch_feed", "").strip())):
            _summarise_all(page, config)
        for note in state.get("batch_notes", []):  # names a visitor's feed address: literal text
            literal(note, name="batch-note")
        if state.get("batch_error"):
            show_failure(state["batch_error"])
        rows = state.get("batch_rows")
        if rows:
            _results(rows)


def _uploader_key() -> str:
    """A new key empties the uploader: how the page shows that a list it has read is no longer held."""
    return f"batch_files_{session().get('batch_generation', 0)}"


def _summarise_all(page: PageSettings, config: Config) -> None:
    state = session()
    for key in ("batch_rows", "batch_error", "batch_read", "batch_notes"):
        state.pop(key, None)  # type: ignore[misc]
    rows: list[dict[str, Any]] = []
    uploads = state.get(_uploader_key()) or []
    feed = state.get("batch_feed", "").strip()
    try:
        settings = page.to_summary_settings(config.max_chars)
        with tempfile.TemporaryDirectory(prefix="page-batch-") as folder:
            records = _records(uploads, Path(folder), config) if uploads else []  # refused before any fetch
            records += _feed_records(feed, config, room=config.page_batch_articles - len(records)) if feed else []
            bar = st.progress(0.0, text=f"0 of {len(records)} articles")

            def advance(row: dict[str, Any]) -> None:
                rows.append(row)
                bar.progress(len(rows) / len(records), text=f"{len(rows)} of {len(records)} articles")

            def paused(seconds: float, rate_limited: bool) -> None:
                why = (f"this site summarises {config.runs_per_minute} articles a minute for each visitor"
                       if rate_limited else "the summariser is busy with other readers' articles")
                bar.progress(len(rows) / len(records), text=f"{len(rows)} of {len(records)} articles · {why}: "
                                                            f"the next starts in about {seconds:.0f} s")

            run_batch(records, Path(folder) / "results.jsonl", settings, on_record=advance,
                      turn=lambda: waited_turn(visitor(), summary_queue(), rate_limiter(), paused),
                      explain=_reader_error)
        bar.empty()
        # Read and summarised: Streamlit would otherwise hold the files until the session ends.
        release(uploads)
        state.update(batch_read=[upload.name for upload in uploads],
                     batch_generation=state.get("batch_generation", 0) + 1)
    except Exception as error:  # the section's boundary: a plain message, the uploads stay
        state["batch_error"] = reader_message(error, "summarising the articles")
    if rows:
        state["batch_rows"] = rows  # what finished before a failure is still shown
    if state.get("batch_read"):
        st.rerun()  # the page shows the emptied uploader with the results


def _reader_error(error: Exception) -> str:
    """A listed article's failure in the page's words; the technical message goes to the server log."""
    return reader_message(error, "summarising an article of the list")


def _feed_records(url: str, config: Config, room: int) -> list[Record]:
    """The feed's first articles, as many as the page still takes; its fetch is admitted as an import is
    (one run of the visitor's rate, one turn in the queue)."""
    if room <= 0:
        raise InputError(f"The uploads already hold {config.page_batch_articles} articles, the most this page "
                         "summarises at a time; summarise the feed on its own.")
    notes: list[str] = []
    records = admitted_feed(url, room, visitor(), summary_queue(), rate_limiter(),
                            lambda note: notes.append(note[0].upper() + note[1:] + "."))
    session()["batch_notes"] = notes
    return records


def _records(uploads: list[Any], folder: Path, config: Config) -> list[Record]:
    """The uploads as batch records, refused whole before any work when a file or the count is too big."""
    cap = config.page_batch_articles
    if len(uploads) > cap:
        raise InputError(f"{len(uploads)} files were uploaded; this page summarises up to {cap} articles at a "
                         "time. Upload fewer, or put them in several lists.")
    articles, list_folder = folder / "articles", folder / "lists"
    articles.mkdir()
    list_folder.mkdir()
    lists: list[Path] = []
    for upload in uploads:
        if upload.size > config.max_file_bytes:
            raise InputError(f"{upload.name} is larger than the {config.max_file_bytes / 1e6:g} MB this page "
                             "accepts for one file.")
        name = _safe_name(upload.name, taken={p.name for p in (*lists, *articles.iterdir())})
        is_list = Path(name).suffix.lower() in LIST_TYPES
        path = (list_folder if is_list else articles) / name
        path.write_bytes(upload.getvalue())
        if is_list:
            lists.append(path)
    # Counted as they are read: a list of a million rows stops at the first one past the cap.
    records = list(islice(read_records([*map(str, lists), str(articles)]), cap + 1))
    if len(records) > cap:
        raise InputError(f"The upload holds more than {cap} articles, the most this page summarises at a "
                         "time. Split the list into smaller ones.")
    if not records:
        raise InputError("The upload holds no articles: a list needs rows with a text column.")
    return records


def _safe_name(name: str, taken: set[str]) -> str:
    """A visitor's file name, reduced to letters, digits, dots and dashes (it becomes a path here)."""
    path = Path(name.replace("\\", "/"))
    stem = re.sub(r"[^\w\-]+", "_", path.stem).strip("._")[:60] or "file"
    candidate, number = f"{stem}{path.suffix.lower()}", 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}{path.suffix.lower()}"
    return candidate


def _results(rows: list[dict[str, Any]]) -> None:
    failed = sum("error" in row for row in rows)
    literal(f"{len(rows) - failed} summarised, {failed} could not be summarised.", None, "batch-report")
    targets = translation_languages(rows)  # the CSV download's order too
    # The summary and its translations first, side by side; what identifies the row after them.
    st.dataframe([{"title": row.get("title") or row["id"], "summary": row.get("summary") or "",
                   **{f"summary ({language_name(t)})": (row.get("translations") or {}).get(t, "")
                      for t in targets},
                   "language": language_name(row["language"]) if row.get("language") else "",
                   "problem": row.get("error", ""), "id": row["id"]}
                  for row in rows], hide_index=True, width="stretch")
    jsonl = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    left, right, _ = st.columns([1, 1, 3])
    left.download_button("Download JSON lines", jsonl.encode("utf-8"), "summaries.jsonl",
                         "application/jsonl", key="batch_jsonl")
    right.download_button("Download CSV", csv_text(rows).encode("utf-8"), "summaries.csv", "text/csv",
                          key="batch_csv")
