"""The web page: paste an article, summarise it, compare lengths, translate, keep a link to the view.

A short script over `ui/` (one module per section, session keys typed in `ui/state.py`) and the
`summarizer` package, which does all the work. Run with `make run` (or `streamlit run app.py`).
"""

from __future__ import annotations

import logging

import streamlit as st

from summarizer import config
from summarizer.sources.text_input import clean_text
from ui.article_input import article_box, examples_row, import_section, what_will_run
from ui.failures import reader_message, show_failure
from ui.history import history_section, remember
from ui.links import keep_shown, open_shared_result, restore_widgets
from ui.literal import announce, literal, notice
from ui.many_articles import many_articles_section
from ui.page_settings import from_query, to_query
from ui.results import comparison_section, result_section
from ui.shared import planned, rate_limiter
from ui.sidebar import settings_sidebar
from ui.state import session
from ui.style import STYLE
from ui.summary_run import add_chosen_translations, compare_lengths, summarise
from ui.visitor import visitor

st.set_page_config(page_title="News summariser", page_icon="📰", layout="wide")
st.html(STYLE)
try:
    SETTINGS = config.current()
except config.ConfigError as problem:
    logging.error("configuration refused: %s", problem)
    notice("error", "This site is not set up correctly, so it cannot summarise right now. Please try "
                    "again later.")
    st.stop()
state = session()

# --- settings: restored from the address bar once per session, then kept in widgets -------------
if "initialised" not in state:
    state.update(initialised=True, article=state.get("article", ""))
    restore_widgets(from_query(st.query_params.to_dict()), SETTINGS.any_model)
    if st.query_params.get("r"):
        open_shared_result(st.query_params["r"], SETTINGS.any_model)

page = settings_sidebar(SETTINGS.any_model)
query = to_query(page)
link_id = state.get("stored_link") or state.get("shared_id")
if link_id:
    query["r"] = link_id  # a reload or the back button reopens the result shown
st.query_params.from_dict(query)

# --- the article ---------------------------------------------------------------------------------
st.title("News summariser")
examples_row()
import_section()
article = article_box(SETTINGS.max_chars)
what_will_run(article, page, SETTINGS.max_chars)

summarise_column, compare_column, _ = st.columns([1, 1, 3])
summarise_clicked = summarise_column.button("Summarise", type="primary", width="stretch")
compare_clicked = compare_column.button("Compare lengths", width="stretch")
live = st.empty()  # what a screen reader hears of the run: its stages, then where the result is

# --- running the models, only on request ---------------------------------------------------------
if (summarise_clicked or compare_clicked) and not article.strip():
    notice("info", "Paste a news article into the box above, or try one of the examples, then press "
                   "Summarise.")
elif summarise_clicked or compare_clicked:
    for key in ("error", "shared_id", "stored_link"):
        state.pop(key, None)  # type: ignore[misc]
    if state.get("comparison_text") != article:
        state.pop("comparison", None)  # a comparison of another text is not this article's
    if compare_clicked and state.get("result_text") != article:
        for key in ("result", "result_settings", "result_text"):  # nor a summary of another text
            state.pop(key, None)  # type: ignore[misc]
    try:
        text = clean_text(article, SETTINGS.max_chars)
        rate_limiter().check(visitor())
        with st.status("Summarising…", expanded=True) as status:
            settings = page.to_summary_settings(SETTINGS.max_chars)
            if summarise_clicked:
                plan = planned(article, settings)  # the plan the page showed: a download it said would happen
                if plan.to_download and plan.engine == "abstractive" and page.engine == "auto":
                    preview = st.empty()
                    with preview.container():
                        quick = summarise(text, settings.with_changes(engine="extractive"), status)
                        notice("info", "Key sentences from the article, shown while the AI model "
                                       "downloads.")
                        literal(quick.summary, quick.language, "summary")
                    state["result"] = summarise(text, settings, status, live=live)
                    preview.empty()
                else:
                    state["result"] = summarise(text, settings, status, live=live)
                state.update(result_settings=page, result_text=article)
            else:
                state["comparison"] = compare_lengths(text, article, page, SETTINGS.max_chars, status)
                state["comparison_text"] = article
            if SETTINGS.keep_results:  # one link for what is on screen: the summary and the comparison
                keep_shown(article, page)
            status.update(label="Finished", state="complete", expanded=False)
        announce(live, "The summary is ready, below." if summarise_clicked else
                 "The lengths are ready, below, under Compare lengths.")
    except Exception as error:  # the page's boundary: a plain message, the article stays in the box
        state["error"] = reader_message(error, "summarising")

elif "result" in state:
    add_chosen_translations(article, page, SETTINGS.max_chars, SETTINGS.keep_results)

if "error" in state:
    show_failure(state["error"])

if "result" in state and "error" not in state:
    remember(state.get("result_text", article), state.get("result_settings", page), state["result"],
             state.get("stored_link") or state.get("shared_id"))

# --- results -------------------------------------------------------------------------------------
result_section(article, page, SETTINGS)
comparison_section()
many_articles_section(page, SETTINGS)
history_section(SETTINGS.any_model)
