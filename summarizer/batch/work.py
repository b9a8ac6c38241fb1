"""The work of one record, the same in an embedded worker process and on a Ray actor, so both give the
same result records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from summarizer.batch.records import Record
from summarizer.errors import InputError, SummarizerError
from summarizer.settings import SummarySettings
from summarizer.sources.documents import article_from_file, article_from_url


def error_text(error: Exception) -> str:
    """A record's failure in the command line's words (the page passes its own, for readers)."""
    if isinstance(error, SummarizerError):
        return str(error)
    return f"could not summarise this record ({type(error).__name__}: {error})"


def summarise_record(record: Record, settings: SummarySettings,
                     explain: Callable[[Exception], str] = error_text) -> dict[str, Any]:
    """The `--json` fields of the record's result, with its id; or its id and a clear `error`."""
    from summarizer.summarise.pipeline import Summarizer

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
        return {**_named(record), **Summarizer(settings).summarise(text).to_dict()}
    except Exception as error:  # one record's failure, expected or not, never stops the run
        return {**_named(record), "error": explain(error)}


def _named(record: Record) -> dict[str, str]:
    return {"id": record.id, **({"title": record.title} if record.title else {})}
