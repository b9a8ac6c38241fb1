"""What a reader is told when something fails: plain words, never a traceback. The technical message
goes to the server log and to a collapsed "details for the administrator" section."""

from __future__ import annotations

import logging

import streamlit as st

from summarizer.errors import SummarizerError

from .render import literal, notice

_log = logging.getLogger("app")


def reader_message(error: BaseException, doing: str) -> str:
    if isinstance(error, SummarizerError):
        if error.reader != str(error):
            _log.info("while %s: %s", doing, error)
        return error.reader
    _log.error("unexpected failure while %s", doing, exc_info=error)
    if isinstance(error, MemoryError):
        return f"The server ran out of memory while {doing}. Try a shorter article."
    return (f"Something went wrong while {doing}. Your text is still here; please try again in a "
            "moment.")


def admin_details(error: BaseException) -> str | None:
    """The technical message, when it says more than the reader's."""
    if isinstance(error, SummarizerError):
        return str(error) if str(error) != error.reader else None
    return f"{type(error).__name__}: {error}"


def show_failure(message: str, details: str | None) -> None:
    notice("error", message)
    if details:
        with st.expander("Details for the administrator"):
            literal(details, None, "admin-details")
