"""What the page shares across sessions (caches, the queue, the rate limit, the result store) and the
one way it runs a summary with progress drawn on the page."""

from __future__ import annotations

import json
import time

import streamlit as st

from summarizer import config
from summarizer.text.language_detection import LanguageGuess, detect_language
from summarizer.summarise.pipeline import Plan, Summarizer
from summarizer.progress import Progress
from summarizer.result import SummaryResult
from summarizer.settings import SummarySettings
from summarizer.storage import ResultStore, open_store

from .admission import (
    RateLimiter,
    SummaryQueue,
    shared_queue,
    shared_rate_limiter,
    shared_share_allowance,
    visitor_key,
)
from .failures import reader_message, show_failure
from .page_settings import PageSettings
from .render import literal
from .result_cache import ResultCache, cache_key
from .state import session


@st.cache_resource
def shared_results() -> ResultCache:
    """One store for the whole server process: identical requests are summarised once."""
    return ResultCache()


@st.cache_data(max_entries=64, show_spinner=False)
def detected_language(text: str) -> LanguageGuess:
    """The live stats rerun with every widget change; the article rarely changes between them."""
    return detect_language(text)


def planned(text: str, settings: SummarySettings) -> Plan:
    """What Summarise will run, said before it runs (not cached: a model may have arrived meanwhile)."""
    return Summarizer(settings).plan(text, detected_language(text))


@st.cache_resource
def result_store() -> ResultStore:
    """SQLite file by default, PostgreSQL when SUMMARIZER_DATABASE is a postgresql:// URL."""
    return open_store()


def summary_queue() -> SummaryQueue:
    """One queue per server process: summaries run in arrival order, a bounded number wait."""
    return shared_queue(config.current().queue_length)


def rate_limiter() -> RateLimiter:
    return shared_rate_limiter(config.current().runs_per_minute)


def visitor() -> str:
    """The visitor's address where the server can tell it (`admission.visitor_key`)."""
    address = st.context.ip_address
    return visitor_key(address if isinstance(address, str) and address else None,
                       st.context.headers.get("X-Forwarded-For"), config.current().trusted_proxies)


def summarise(text: str, settings: SummarySettings, status, show_draft: bool = True) -> SummaryResult:
    """A summary, from the shared cache or run in turn, with its progress drawn inside `status`, and
    a streamed first draft there too unless `show_draft` is off (Compare lengths: three drafts would
    cost three more passes)."""
    key = cache_key(text, settings)
    cached = shared_results().get(key)
    if cached is not None:
        status.text("Same text and settings as before: showing the stored result.")
        return cached

    with status:
        line, bar, latest = st.empty(), st.empty(), st.empty()
    started = time.monotonic()
    showing_draft = [False]

    def show(progress: Progress) -> None:
        if progress.stage == "fallback":  # the reason is technical; it is shown with the result
            line.text("The AI model is not available: picking key sentences from the article instead.")
            return
        line.text(progress.message)
        if progress.stage == "download" and progress.total:
            bar.progress(min(1.0, (progress.step or 0) / progress.total), text=progress.message)
        if progress.stage == "partial" and progress.step and progress.total:
            done = progress.step / progress.total
            left = (time.monotonic() - started) / done * (1 - done)
            bar.progress(done, text=f"Part {progress.step} of {progress.total} done · "
                                    f"about {left:.0f} s left")
        if progress.text:  # the draft so far, or the latest part's summary while the next are written
            showing_draft[0] = progress.stage == "draft"
            with latest.container():
                literal(progress.text, settings.language, "draft" if showing_draft[0] else "partial")

    def waiting(ahead: int) -> None:
        status.text(f"Waiting for your turn: {ahead} article(s) ahead of yours.")

    with summary_queue().turn(on_wait=waiting):
        result = Summarizer(settings).summarise(text, on_progress=show, show_draft=show_draft)
    if showing_draft[0]:
        latest.empty()  # the final summary, shown below, replaces the draft
    shared_results().put(key, result)
    return result


def keep_result(text: str, settings: PageSettings, result: SummaryResult) -> None:
    """Store the text, settings and result shown, for the link; a failure leaves the result on screen."""
    state = session()
    entry = {"text": text, "page": settings.to_dict(), "result": result.to_dict()}
    try:
        shared_share_allowance(config.current().share_visitor_mb * 1_000_000).take(
            visitor(), len(json.dumps(entry, ensure_ascii=False).encode("utf-8")))
        state["stored_link"] = result_store().put(entry)
        st.query_params["r"] = state["stored_link"]
    except Exception as error:
        state.pop("stored_link", None)
        show_failure(reader_message(error, "keeping a link to this result"))
