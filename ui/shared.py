"""One of each per server process, for every session: the result cache, the result store, the queue and
the rate limit (`admission` keeps the last two out of any cache a client can clear), and what a rerun
of the page would otherwise compute again: the language guess, the plan and the article's sentences."""

from __future__ import annotations

import streamlit as st

from summarizer import config
from summarizer.admission import RateLimiter, SummaryQueue, shared_queue, shared_rate_limiter
from summarizer.settings import SummarySettings
from summarizer.storage import ResultStore, shared_store
from summarizer.summarise.pipeline import Plan, Summarizer
from summarizer.text.article import Article
from summarizer.text.language_detection import LanguageGuess, detect_language

from .result_cache import ResultCache


@st.cache_resource
def shared_results() -> ResultCache:
    """One store for the whole server process: identical requests are summarised once."""
    return ResultCache()


@st.cache_data(max_entries=64, show_spinner=False)
def detected_language(text: str) -> LanguageGuess:
    """The live stats rerun with every widget change; the article rarely changes between them."""
    return detect_language(text)


PLAN_SECONDS = 30  # how long a plan stands: a model downloaded meanwhile shows after this


@st.cache_data(ttl=PLAN_SECONDS, max_entries=64, show_spinner=False)
def planned(text: str, settings: SummarySettings) -> Plan:
    """What Summarise will run, said before it runs. Every widget change reruns the page; without this
    each rerun would look every model up on disk and, where the Hub cannot be reached, ask it again."""
    return Summarizer(settings).plan(text, detected_language(text))


@st.cache_resource(max_entries=16, show_spinner=False)
def article_of(text: str, language: str | None) -> Article:
    """The article split once for the evidence view and the download names, not on every rerun."""
    return Article.read(text, language)


def result_store() -> ResultStore:
    """SQLite file by default, PostgreSQL when SUMMARIZER_DATABASE is a postgresql:// URL; one per process,
    shared with the API."""
    return shared_store()


def summary_queue() -> SummaryQueue:
    """One queue per server process: summaries run in arrival order, a bounded number wait."""
    return shared_queue(config.current().queue_length)


def rate_limiter() -> RateLimiter:
    return shared_rate_limiter(config.current().runs_per_minute)
