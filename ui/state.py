"""Every key the page keeps in `st.session_state`, with its type, in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict, cast

import streamlit as st

if TYPE_CHECKING:
    from summarizer.result import SummaryResult
    from summarizer.sources.documents import ImportedArticle

    from .history import PastResult
    from .page_settings import PageSettings


class PageSession(TypedDict, total=False):
    initialised: bool                      # settings restored from the address bar once
    visitor: str                           # this session's name for the rate limit
    article: str                           # the article box
    result: SummaryResult                  # the result on screen ...
    result_settings: PageSettings          # ... the settings that made it
    result_text: str                       # ... and the text that made it
    comparison: dict[str, SummaryResult]   # Compare lengths: preset or "words:N" -> result ...
    comparison_text: str                   # ... and the text it was made from
    stored_link: str                       # the kept result's id (its link)
    shared_id: str                         # the id of a result opened from a link
    translation_refused: PageSettings      # the settings whose added languages could not be translated
    error: str                             # a failed run, in words for readers (details: server log)
    import_error: str
    import_note: ImportedArticle | None
    refused_model: str                     # a model a link asked for that this site does not offer
    downloads_for: tuple[SummaryResult, str]  # the result and text `downloads` were built for
    downloads: tuple[str, str, str]        # the file name stem, Markdown and JSON of the result shown
    history: list[PastResult]              # "Your summaries": this session's results, newest first
    batch_rows: list[dict[str, Any]]       # "Many articles": one result record per article
    batch_error: str
    batch_read: list[str]                  # the names of the files a finished run has let go
    batch_generation: int                  # a new uploader key each time a run lets its files go
    # widgets, by their keys
    model_choice: str
    custom_model: str
    length: str
    engine: str
    targets: list[str]
    runtime: str
    deep_check: bool
    format: str
    use_words: bool                        # a length in words instead of the preset ...
    words: int                             # ... this many
    compare_words: str                     # Compare lengths: two or three word counts, else the presets
    import_url: str
    upload: Any
    batch_feed: str                        # Many articles: a news feed's address
    batch_notes: list[str]                 # ... what the run said of it (entries left out)
    evidence_sentence: int
    # batch_files_<generation>: list[Any], the Many articles uploader


def session() -> PageSession:
    """`st.session_state`, typed: `session()["article"]` is a str to a type checker."""
    return cast(PageSession, st.session_state)


def forget_result() -> None:
    """A new article or a new run: nothing shown belongs to the old one any more."""
    for key in ("result", "comparison", "comparison_text", "error", "shared_id", "stored_link",
                "downloads_for", "downloads"):
        session().pop(key, None)  # type: ignore[misc]
