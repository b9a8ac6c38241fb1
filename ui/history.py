"""Your summaries: the results this browser session made or opened, listed in the sidebar so a reader
can go back to this morning's articles without pasting them again."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import streamlit as st

from summarizer.result import SummaryResult

from .links import restore_widgets
from .page_settings import PageSettings
from .state import forget_result, session

MAX_KEPT = 20  # the most recent; older ones drop off the list (their links still open)


@dataclass(frozen=True)
class PastResult:
    title: str
    made_at: str  # "09:41", the server's clock
    text: str
    page: PageSettings
    result: SummaryResult
    link: str | None  # its stored link's id, where one was kept


def remember(text: str, page: PageSettings, result: SummaryResult, link: str | None) -> None:
    """List the result shown, once and where it first came: the same summary of the same article
    again (a rerun, a language added, reopened from the list) updates its entry in place."""
    state = session()
    history = state.get("history", [])
    for index, entry in enumerate(history):
        if entry.text == text and entry.result.summary == result.summary:
            if (entry.page, entry.result, entry.link) != (page, result, link):
                history[index] = PastResult(entry.title, entry.made_at, text, page, result, link or entry.link)
            return
    words = text.split("\n", 1)[0].split()  # the article's title or first line: what a reader knows it by
    title = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
    entry = PastResult(title, datetime.datetime.now().strftime("%H:%M"), text, page, result, link)
    state["history"] = [entry, *history][:MAX_KEPT]


def history_section(any_model: bool) -> None:
    """The list, newest first; choosing one shows it again, with its article and settings."""
    history = session().get("history", [])
    if not history:
        return
    with st.sidebar.expander(f"Your summaries ({len(history)})"):
        st.caption("This browser session's results, newest first. Their links keep them for longer.")
        for index, entry in enumerate(history):
            st.button(f"{entry.made_at} · {entry.title}", key=f"history-{index}", on_click=_reopen,
                      args=(index, any_model), width="stretch")


def _reopen(index: int, any_model: bool) -> None:
    state = session()
    entry = state["history"][index]
    forget_result()
    restore_widgets(entry.page, any_model)
    state.update(article=entry.text, result=entry.result, result_settings=entry.page, result_text=entry.text)
    if entry.link:
        state["stored_link"] = entry.link
