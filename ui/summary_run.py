"""One summary run from the page: from the shared cache, or in turn in the queue, with its progress and
its streamed draft drawn on the page."""

from __future__ import annotations

import time
from dataclasses import replace

import streamlit as st

from summarizer.plain_words import PICKING_KEY_SENTENCES, counted, duration
from summarizer.progress import Progress
from summarizer.result import SummaryResult
from summarizer.settings import SummarySettings
from summarizer.sources.text_input import clean_text
from summarizer.summarise.pipeline import Summarizer

from .failures import reader_message
from .links import keep_shown
from .literal import announce, literal
from .page_settings import PageSettings, compared_lengths, length_name, page_length
from .result_cache import cache_key
from .shared import planned, rate_limiter, shared_results, summary_queue
from .state import session
from .visitor import visitor


def summarise(text: str, settings: SummarySettings, status, show_draft: bool = True,
              live=None) -> SummaryResult:
    """A summary, from the shared cache or run in turn, with its progress drawn inside `status`, and
    a streamed first draft there too unless `show_draft` is off (Compare lengths: three drafts would
    cost three more passes); each stage said to a screen reader in `live` (see `announce`)."""
    key = cache_key(text, settings)
    cached = shared_results().get(key)
    if cached is not None:
        status.text("Same text and settings as before: showing the stored result.")
        return cached

    # Placeholders made through `status`, not inside `with status:`: leaving that block would tick the
    # status as finished while the model is still writing.
    line, bar, latest = status.empty(), status.empty(), status.empty()
    started = time.monotonic()
    showing_draft = [False]

    def show(progress: Progress) -> None:
        if progress.stage == "fallback":  # the reason is technical; it is shown with the result
            line.text(PICKING_KEY_SENTENCES)
            return
        line.text(progress.message)
        if live is not None and progress.stage not in ("draft", "download"):  # not every token or MB
            announce(live, progress.message)
        if progress.stage == "download" and progress.total:
            bar.progress(min(1.0, (progress.step or 0) / progress.total), text=progress.message)
        if progress.stage == "partial" and progress.step and progress.total:
            done = progress.step / progress.total
            left = (time.monotonic() - started) / done * (1 - done)
            bar.progress(done, text=f"Part {progress.step} of {progress.total} done · "
                                    + ("every part summarised" if progress.step == progress.total else
                                       f"{duration(left)} left"))
        if progress.text:  # the draft so far, or the latest part's summary while the next are written
            showing_draft[0] = progress.stage == "draft"
            with latest.container():
                literal(progress.text, settings.language, "draft" if showing_draft[0] else "partial")

    def waiting(ahead: int) -> None:
        status.text(f"Waiting for your turn: {counted(ahead, 'article')} ahead of yours.")

    with summary_queue().turn(on_wait=waiting):
        result = Summarizer(settings).summarise(text, on_progress=show, show_draft=show_draft)
    if showing_draft[0]:
        latest.empty()  # the final summary, shown below, replaces the draft
    shared_results().put(key, result)
    planned.clear()  # the run may have downloaded a model: plans made before it no longer hold
    return result


def compare_lengths(text: str, article: str, page: PageSettings, max_chars: int, status) -> dict[str, SummaryResult]:
    """Compare lengths' summaries, each shown in `status` as it finishes: first the page's own length where
    its summary of this article is on screen (no model runs for it again), then the others in turn."""
    state = session()
    lengths = compared_lengths(state.get("compare_words", ""))
    on_screen = state.get("result") if state.get("result_text") == article and state.get("result_settings") == page \
        else None
    own = page_length(page) if on_screen is not None and page_length(page) in lengths else None
    finished = status.container()
    done: dict[str, SummaryResult] = {}
    for length in sorted(lengths, key=lambda key: key != own):
        if length == own:  # the comparison shows summaries alone: its translations are not kept twice
            done[length] = replace(on_screen, translations={}, translated_sentences={}, errors={})
        else:
            done[length] = summarise(text, page.to_summary_settings(max_chars, length).with_changes(translate_to=()),
                                     status, show_draft=False)
        with finished:
            literal(f"{length_name(length, done[length].language)}: {done[length].summary}", done[length].language,
                    f"compare-done-{length.replace(':', '-')}")
    return {length: done[length] for length in lengths}


def add_chosen_translations(article: str, page: PageSettings, max_chars: int, keep_results: bool) -> None:
    """Languages added in the sidebar translate the summary on screen; only a change of anything
    else (or of the article) leaves it out of date for Summarise to redo."""
    state = session()
    shown = state.get("result_settings")
    if shown is None or shown == page or state.get("result_text") != article \
            or replace(shown, targets=page.targets) != page or state.get("translation_refused") == page:
        return
    result = state["result"]
    added = any(code not in result.translations for code in page.targets)
    if added:
        try:
            rate_limiter().check(visitor())
            with st.status("Translating the summary…", expanded=True) as status:
                status.text("Translating the summary into the languages you added.")
                with summary_queue().turn():
                    result = Summarizer(page.to_summary_settings(max_chars)).add_translations(result,
                                                                                            page.targets)
                status.update(label="Translated", state="complete", expanded=False)
        except Exception as error:  # a plain message; the summary stays on screen as it was
            state.update(error=reader_message(error, "translating the summary"), translation_refused=page)
            return  # not tried again on every rerun: only when the languages change again
        text = clean_text(article, max_chars)  # as `summarise` keys its results
        shared_results().put(cache_key(text, page.to_summary_settings(max_chars)), result)
    state.pop("error", None)  # type: ignore[misc]
    state.pop("translation_refused", None)  # type: ignore[misc]
    state.update(result=result, result_settings=page)
    if keep_results and added:
        keep_shown(article, page)  # the link opens what is on screen, comparison included
