"""The result on screen: whether it is still current, the summary with its evidence, translations,
downloads and its link; and Compare lengths."""

from __future__ import annotations

import datetime

import pandas as pd
import regex
import streamlit as st

from summarizer.config import Config
from summarizer.export import to_markdown
from summarizer.result import SummaryResult
from summarizer.text.segmentation import length_label

from .evidence import evidence
from .links import keep_shown
from .literal import literal, notice
from .page_settings import PageSettings, length_name, result_url
from .shared import article_of
from .state import session
from .summary_view import summary_column, translations


def result_section(article: str, page: PageSettings, settings: Config) -> None:
    state = session()
    if "result" not in state:
        return
    result = state["result"]
    shown = state["result_settings"]
    made_from = state.get("result_text", article)
    if made_from != article:
        notice("warning", "Out of date: the article has changed since this summary was made. Press "
                          "Summarise to summarise the new text. Share and the downloads keep the summary "
                          "below together with the text it was made from.")
    elif state.get("shared_id"):
        st.caption("Opened from its link: the article, the summary and its settings as they were kept. "
                   "Change the settings and press Summarise to make it again.")
    elif shown != page:
        notice("warning", "Out of date: the settings have changed since this summary was made. Press "
                          "Summarise to update it.")
    summary_column(result)
    translations(result, shown.targets)
    with st.expander("The article, with the sources of each summary sentence highlighted"):
        evidence(result, made_from)
    download_md, download_json, share_column, _ = st.columns([1, 1, 1, 2])
    stem, markdown, json_text = _downloads(made_from, result)
    download_md.download_button("Download Markdown", markdown, file_name=f"{stem}.md", mime="text/markdown")
    download_json.download_button("Download JSON", json_text, file_name=f"{stem}.json",
                                  mime="application/json")
    if not settings.keep_results:
        share_column.caption(f"Share stores the article, this summary and its settings on this server "
                             f"for {settings.share_expiry_days:g} days.")
        if share_column.button("Share this result"):
            keep_shown(made_from, shown)
    if state.get("stored_link"):
        st.caption(f"Link to this result, also in the address bar: it reopens the article, this summary "
                   f"and its settings without running a model. They are kept on this server for "
                   f"{settings.share_expiry_days:g} days.")
        st.code(result_url(st.context.url or "http://localhost:8501/", state["stored_link"]), language=None)


def comparison_section() -> None:
    comparison: dict[str, SummaryResult] | None = session().get("comparison")
    if not comparison:
        return
    st.subheader("Compare lengths")
    lengths = list(comparison.items())
    names = {length: length_name(length, item.language) for length, item in lengths}
    for start in range(0, len(lengths), 2):  # two to a row, like the translations
        for column, (length, item) in zip(st.columns(2), lengths[start:start + 2]):
            with column:
                writer = f"AI summary by {item.model}" if item.model else "key sentences from the article"
                literal(f"{names[length]} · {length_label(item.summary_words, item.language)} · "
                        f"{writer}", None, f"compare-head-{length.replace(':', '-')}")
                literal(item.summary, item.language, f"compare-{length.replace(':', '-')}")
    source_words = next(iter(comparison.values())).source_words
    st.bar_chart(pd.DataFrame({"words": [source_words, *(r.summary_words for r in comparison.values())]},
                              index=["source", *names.values()]), horizontal=True, height=220)


def _downloads(text: str, result: SummaryResult) -> tuple[str, str, str]:
    """(file name stem, Markdown, JSON) of the result shown, built once for it rather than on every rerun
    of the page (the result object stays the same in the session while it is shown, and is held here so
    no later result can be mistaken for it)."""
    state = session()
    made_for = state.get("downloads_for")
    if made_for is None or made_for[0] is not result or made_for[1] != text:
        state.update(downloads_for=(result, text), downloads=(
            download_stem(text, result.language), to_markdown(result), result.to_json()))
    return state["downloads"]


def download_stem(text: str, language: str | None, today: datetime.date | None = None) -> str:
    """"riverton-opens-a-library-that-2026-11-30": the article's title (or first sentence) and the date,
    so downloaded files say what they are."""
    article = article_of(text, language)
    first = article.title or (article.sentences[0] if article.sentences else "")
    words = regex.findall(r"[\p{L}\p{M}\p{N}]+", first.lower())[:6] or ["summary"]
    return f"{'-'.join(words)[:60]}-{(today or datetime.date.today()).isoformat()}"
