"""Every failure of an API call as one JSON body: a stable `code`, the reader's message (never a server
path, a flag or a traceback) and the HTTP status that fits."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any

from starlette.responses import JSONResponse

from summarizer.admission import Busy
from summarizer.errors import InputError, ModelUnavailable, SummarizerError, TooLarge, UnsupportedLanguage
from summarizer.sources.url_fetch import FetchRefused, Unreachable
from summarizer.storage import StoreError

QUEUE_RETRY_SECONDS = 30  # Retry-After for a full queue, which cannot know when a place frees
_log = logging.getLogger("summarizer.api")


@dataclass
class ApiError(Exception):
    status: int
    code: str
    message: str
    retry_after: float | None = None

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "status": self.status}

    def response(self) -> JSONResponse:
        headers = {"Retry-After": str(max(1, math.ceil(self.retry_after)))} if self.retry_after else {}
        if self.status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        return JSONResponse(self.body(), self.status, headers)


def as_api_error(error: BaseException) -> ApiError:
    """The status and code for `error`; the reader's words of a SummarizerError, the technical ones to
    the server log."""
    if isinstance(error, ApiError):
        return error
    if isinstance(error, SummarizerError) and error.reader != str(error):
        _log.warning("API call refused: %s", error)
    if isinstance(error, Busy):  # worded for a client: the page's "your text stays here" is not its case
        if error.retry_after is None:
            return ApiError(429, "queue_full", "The summariser is busy with other articles right now. Try again in "
                                               f"about {QUEUE_RETRY_SECONDS} seconds.", QUEUE_RETRY_SECONDS)
        return ApiError(429, "rate_limited", "You have started the most summaries this server allows in a "
                                             f"minute. Try again in about {math.ceil(error.retry_after)} seconds.",
                        error.retry_after)
    for kind, status, code in ((TooLarge, 413, "too_large"), (UnsupportedLanguage, 422, "unsupported_language"),
                               (ModelUnavailable, 503, "model_unavailable"), (Unreachable, 400, "url_unreachable"),
                               (FetchRefused, 400, "url_refused"), (StoreError, 503, "storage_unavailable"),
                               (InputError, 400, "bad_input"), (SummarizerError, 400, "refused")):
        if isinstance(error, kind):
            return ApiError(status, code, error.reader)  # type: ignore[attr-defined]
    if isinstance(error, ValueError):  # deep in a library, for an input it cannot take: no words of its own
        _log.warning("API call refused by a ValueError", exc_info=error)
        return ApiError(400, "bad_input", "This input could not be processed. Check it, or try a shorter or "
                                          "plainer text.")
    if isinstance(error, MemoryError):
        return ApiError(503, "out_of_memory", "The server ran out of memory for this input. Try a shorter "
                                              "article.")
    _log.error("unexpected failure in an API call", exc_info=error)
    return ApiError(500, "internal", "Something went wrong on the server. Please try again in a moment.")
