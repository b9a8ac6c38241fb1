"""One of each per server process, for every session: the result cache, the result store, the queue and
the rate limit (`admission` keeps the last two out of any cache a client can clear), and the cached
language guess and plan the page shows as the visitor types."""

from __future__ import annotations

import streamlit as st

from summarizer import config
from summarizer.settings import SummarySettings
from summarizer.storage import ResultStore, open_store
from summarizer.summarise.pipeline import Plan, Summarizer
from summarizer.text.language_detection import LanguageGuess, detect_language

from .admission import RateLimiter, SummaryQueue, shared_queue, shared_rate_limiter
from .result_cache import ResultCache


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
