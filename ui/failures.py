"""What a reader is told when something fails: the library's own message, or plain words, never a
traceback; the details go to the server log."""

from __future__ import annotations

import logging

from summarizer.errors import SummarizerError

_log = logging.getLogger("app")


def reader_message(error: BaseException, doing: str) -> str:
    if isinstance(error, SummarizerError):
        return str(error)
    _log.error("unexpected failure while %s", doing, exc_info=error)
    if isinstance(error, MemoryError):
        return f"The server ran out of memory while {doing}. Try a shorter article."
    return (f"Something went wrong while {doing}. Your text is still here; please try again in a "
            "moment.")
