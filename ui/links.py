"""The address bar: settings restored from it once per session, results kept for a link and reopened
from `?r=<id>`."""

from __future__ import annotations

import json
import logging
from dataclasses import replace

import streamlit as st

from summarizer import config
from summarizer.admission import shared_share_allowance
from summarizer.models.catalogue import SUMMARY_MODELS
from summarizer.result import SummaryResult
from summarizer.storage import share_entry

from .failures import reader_message, show_failure
from .page_settings import AUTO_MODEL, PageSettings, from_query, is_comparison_key, to_query
from .shared import result_store
from .state import session
from .visitor import visitor

CUSTOM_MODEL = "custom"
DEFAULT_WORDS = 100  # where the words slider starts
MAX_COMPARED = 3     # Compare lengths shows three at most


def restore_widgets(settings: PageSettings, any_model: bool) -> None:
    """Put `settings` into the sidebar's widgets; a model this site does not offer becomes automatic."""
    state = session()
    if not (any_model or settings.model in SUMMARY_MODELS or settings.model == AUTO_MODEL):
        state["refused_model"] = settings.model
        settings = replace(settings, model=AUTO_MODEL)
    catalogued = settings.model in SUMMARY_MODELS or settings.model == AUTO_MODEL
    state.update(
        model_choice=settings.model if catalogued else CUSTOM_MODEL,
        custom_model="" if catalogued else settings.model,
        length=settings.length, engine=settings.engine, targets=list(settings.targets),
        runtime=settings.runtime, deep_check=settings.deep_check, format=settings.format,
        use_words=settings.words is not None, words=settings.words or DEFAULT_WORDS)


def open_shared_result(entry_id: str, any_model: bool) -> None:
    """A `?r=<id>` link: the stored text, settings and result, shown without running a model."""
    state = session()
    try:
        entry = result_store().get(entry_id)
    except Exception as error:
        state["error"] = reader_message(error, "opening the link")
        return
    if entry is None:
        state["error"] = "This link was not found or has expired. Paste the article again to summarise it."
        return
    try:
        shown = from_query(to_query(PageSettings.from_dict(entry["page"])))  # as a link's values are
        result = SummaryResult.from_dict(entry["result"]) if entry.get("result") is not None else None
        kept = [(length, item) for length, item in (entry.get("comparison") or {}).items()
                if is_comparison_key(length)][:MAX_COMPARED]
        comparison = {length: SummaryResult.from_dict(item) for length, item in kept}
        text = entry["text"]
        if result is None and not comparison:
            raise ValueError("the entry holds no result")
        if not isinstance(text, str):
            raise TypeError("the stored text is not text")
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        logging.warning("shared result %s cannot be shown: %s", entry_id, error)
        state["error"] = ("This link was saved by a different version of the app and cannot be shown. "
                          "Paste the article again to summarise it.")
        return
    restore_widgets(shown, any_model)
    state.update(article=text, result_settings=shown, result_text=text, shared_id=entry_id)
    if result is not None:
        state["result"] = result
    if comparison:
        state.update(comparison=comparison, comparison_text=text)


def keep_shown(text: str, page: PageSettings) -> None:
    """Keep what the page shows for `text` under one link: its summary and its length comparison, each
    only where it was made from this text."""
    state = session()
    result = state.get("result") if state.get("result_text") == text else None
    comparison = state.get("comparison") if state.get("comparison_text") == text else None
    if result is not None or comparison:
        keep_result(text, state.get("result_settings", page) if result is not None else page, result,
                    comparison)


def keep_result(text: str, settings: PageSettings, result: SummaryResult | None,
                comparison: dict[str, SummaryResult] | None = None) -> None:
    """Store the text, settings, the result and the length comparison shown, for the link; a failure
    leaves them on screen."""
    state = session()
    entry = share_entry(text, settings.to_dict(), result.to_dict() if result else None,
                        {preset: item.to_dict() for preset, item in (comparison or {}).items()})
    try:
        shared_share_allowance(config.current().share_visitor_mb * 1_000_000).take(
            visitor(), len(json.dumps(entry, ensure_ascii=False).encode("utf-8")))
        state["stored_link"] = result_store().put(entry)
        st.query_params["r"] = state["stored_link"]
    except Exception as error:
        state.pop("stored_link", None)
        show_failure(reader_message(error, "keeping a link to this result"))
