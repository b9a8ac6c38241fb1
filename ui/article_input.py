"""The article: one-click examples, import from a web page or a file, the text box, and what the page
knows about the text before anything runs (language, length, and what Summarise will do)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from summarizer.errors import UnsupportedLanguage
from summarizer.languages import language_name
from summarizer.sources.documents import FILE_TYPES, ImportedArticle, article_from_file, article_from_url
from summarizer.summarise.pipeline import Plan
from summarizer.text.segmentation import count_words, length_label

from .examples import for_reader, load_examples
from .failures import reader_message, show_failure
from .literal import literal
from .page_settings import PageSettings
from .shared import detected_language, planned, rate_limiter, summary_queue
from .state import forget_result, session
from .upload_guard import release
from .visitor import visitor


def examples_row() -> None:
    examples = st.cache_resource(load_examples)()

    def load(key: str) -> None:
        session()["article"] = next(e for e in examples if e.key == key).text
        forget_result()

    st.caption("Try an example article (one click):")
    locale = st.context.locale if isinstance(st.context.locale, str) else None
    for column, example in zip(st.columns(len(examples)), for_reader(examples, locale)):
        column.button(language_name(example.language), key=f"example-{example.key}", on_click=load,
                      args=(example.key,), help=example.title, width="stretch")


def _take_import(read: Callable[[], ImportedArticle], doing: str) -> None:
    """Put an imported article in the box, or say in plain words why it could not be read.

    Reading a page or a document costs seconds of a core and tens of MB, as a summary does: it counts
    against the visitor's allowance and waits its turn in the same queue."""
    state = session()
    try:
        rate_limiter().check(visitor())
        with summary_queue().turn():
            imported = read()
        state.update(article=imported.text, import_note=imported, import_error="")
    except Exception as error:
        state.update(import_error=reader_message(error, doing), import_note=None)


def _import_from_url() -> None:
    _take_import(lambda: article_from_url(session()["import_url"]), "importing that address")


def _import_from_file() -> None:
    upload = session().get("upload")
    if upload is not None:
        data = upload.getvalue()
        release([upload])
        _take_import(lambda: article_from_file(upload.name, data), "reading that file")


def import_section() -> None:
    state = session()
    with st.expander("Import from a web page or a file"):
        url_column, fetch_column = st.columns([4, 1], vertical_alignment="bottom")
        url_column.text_input("From a URL", key="import_url", placeholder="https://…")
        fetch_column.button("Fetch article", on_click=_import_from_url, width="stretch")
        st.file_uploader("Upload", type=[t.lstrip(".") for t in FILE_TYPES], key="upload",
                         on_change=_import_from_file)
    if state.get("import_error"):
        show_failure(state["import_error"])
    imported = state.get("import_note")
    if imported:
        literal(f"Imported: {imported.title or 'untitled'} — {imported.source}"
                + (". The pages are scans: their text was read by OCR, so check names and numbers against "
                   "the original." if imported.read_by_ocr else ""), None, "import")


def article_box(max_chars: int) -> str:
    state = session()
    if state.get("refused_model"):
        literal("This link asked for a model this site does not offer, so the model is chosen "
                "automatically: " + state["refused_model"], None, "refused-model")
    st.text_area("Article", key="article", height=300, max_chars=max_chars,
                 placeholder="Paste a news article in any language…")
    return state["article"]


def what_will_run(article: str, page: PageSettings, max_chars: int) -> None:
    """Language, length and the plan, live as the reader types; no model runs."""
    if not article.strip():
        return
    try:
        plan: Plan | None = planned(article, page.to_summary_settings(max_chars))
    except UnsupportedLanguage:  # the chosen model cannot summarise this language
        plan = None
    guess = plan.language if plan else detected_language(article)
    language_text = (f"{language_name(guess.language)} ({guess.confidence:.0%} sure)" if guess.language
                     else f"uncertain: {guess.reason}")
    # Literal, not a caption: the model id comes from the address bar, and captions render Markdown.
    literal(f"Language: {language_text} · {length_label(count_words(article), guess.language)} · "
            f"{len(article):,} of {max_chars:,} characters", None, "stats")
    literal(plan_text(plan), None, "plan")


def parts_phrase(parts: int, exact: bool) -> str:
    """", in 3 parts" as the run will count them; an estimate only where the article is clearly long
    (", in about 3 parts"), since one near the limit may come out either way."""
    if exact:
        return f", in {'one part' if parts == 1 else f'{parts} parts'}"
    return f", in about {parts} parts" if parts > 1 else ""


def plan_text(plan: Plan | None) -> str:
    if plan is None:
        return "The chosen model does not summarise this language; choose Automatic."
    if plan.engine == "quotes":
        return "Summarise will show the article's key quotations, as written (no AI model)."
    if plan.engine == "extractive":
        why = f" ({plan.reason})" if plan.reason else " (no AI model)"
        return f"Summarise will pick key sentences from the article{why}."
    if plan.reason:  # the abstractive engine was asked for, and its model cannot be had
        return (f"Summarise cannot write an AI summary with {plan.model}: {plan.reason}. Choose the "
                "auto or extractive engine under More settings for key sentences from the article.")
    size = f", {plan.download_mb:,.0f} MB" if plan.download_mb else ""
    fetch = f"; it is downloaded first ({', '.join(plan.to_download)}{size})" if plan.to_download else ""
    parts = parts_phrase(plan.chunks, plan.parts_exact)
    return f"Summarise will write an AI summary with {plan.model}{parts}{fetch}."
