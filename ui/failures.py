"""What a reader is told when something fails: plain words, never a traceback. The technical message
goes to the server log only: on a public page it would tell strangers the server's paths, the addresses
a host name resolves to, and which ports answer."""

from __future__ import annotations

import logging

from summarizer.errors import SummarizerError

from .literal import notice

_log = logging.getLogger("app")


def reader_message(error: BaseException, doing: str) -> str:
    if isinstance(error, SummarizerError):
        if error.reader != str(error):
            _log.warning("while %s: %s", doing, error)
        return error.reader
    _log.error("unexpected failure while %s", doing, exc_info=error)
    if isinstance(error, MemoryError):
        return f"The server ran out of memory while {doing}. Try a shorter article."
    return (f"Something went wrong while {doing}. Your text is still here; please try again in a "
            "moment.")


def show_failure(message: str) -> None:
    notice("error", message)
