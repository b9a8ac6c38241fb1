"""The web page: paste an article, summarise it, compare lengths, translate, share the view.

All summarising lives in the `summarizer` package; helpers for the page live in `ui/`.
Run with `make run` (or `streamlit run app.py`).
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import replace

import pandas as pd
import streamlit as st

from summarizer import config
from summarizer.catalogue import (
    ENTAILMENT_MODEL,
    SUMMARY_MODELS,
    TARGET_LANGUAGES,
)
from summarizer.documents import FILE_TYPES, article_from_file, article_from_url
from summarizer.errors import UnsupportedLanguage
from summarizer.export import to_markdown
from summarizer.hub import is_offline
from summarizer.language_detection import LanguageGuess, detect_language
from summarizer.languages import language_name
from summarizer.pipeline import Plan, Summarizer
from summarizer.progress import Progress
from summarizer.result import SummaryResult
from summarizer.segmentation import count_words, length_label
from summarizer.settings import BACKENDS, ENGINES, LENGTH_PRESETS, SummarySettings
from summarizer.storage import ResultStore, open_store
from summarizer.text_input import clean_text
from ui.admission import RateLimiter, SummaryQueue
from ui.examples import for_reader, load_examples
from ui.failures import admin_details, reader_message, show_failure
from ui.page_settings import (
    AUTO_MODEL,
    PageSettings,
    from_query,
    result_url,
    to_query,
)
from ui.render import (
    STYLE,
    download_stem,
    evidence,
    literal,
    notice,
    summary_column,
    translations,
)
from ui.result_cache import ResultCache, cache_key

CUSTOM_MODEL = "custom"

st.set_page_config(page_title="News summariser", page_icon="📰", layout="wide")
st.html(STYLE)
try:
    SETTINGS = config.load()
except config.ConfigError as problem:
    logging.error("configuration refused: %s", problem)
    notice("error", "This site is not set up correctly, so it cannot summarise right now. Please try "
                    "again later.")
    st.stop()
MAX_CHARS = SETTINGS.max_chars


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


def plan_text(plan: Plan | None) -> str:
    if plan is None:
        return "The chosen model does not summarise this language; choose Automatic."
    if plan.engine == "extractive":
        why = f" ({plan.reason})" if plan.reason else " (no AI model)"
        return f"Summarise will pick key sentences from the article{why}."
    size = f", {plan.download_mb:,.0f} MB" if plan.download_mb else ""
    fetch = f"; it is downloaded first ({', '.join(plan.to_download)}{size})" if plan.to_download else ""
    return f"Summarise will write an AI summary with {plan.model}, in about {plan.chunks} part(s){fetch}."


@st.cache_resource
def result_store() -> ResultStore:
    """SQLite file by default, PostgreSQL when SUMMARIZER_DATABASE is a postgresql:// URL."""
    return open_store()


def summarise(text: str, settings: SummarySettings, status) -> SummaryResult:
    key = cache_key(text, settings)
    cached = shared_results().get(key)
    if cached is not None:
        status.text("Same text and settings as before: showing the stored result.")
        return cached

    with status:
        line, bar, latest = st.empty(), st.empty(), st.empty()
    started = time.monotonic()

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
        if progress.text:  # only the latest part's summary, while the next parts are summarised
            with latest.container():
                literal(progress.text, settings.language, "partial")

    def waiting(ahead: int) -> None:
        status.text(f"Waiting for your turn: {ahead} article(s) ahead of yours.")

    with summary_queue().turn(waiting):
        result = Summarizer(settings).summarize(text, on_progress=show)
    shared_results().put(key, result)
    return result


@st.cache_resource
def summary_queue() -> SummaryQueue:
    """One queue per server process: summaries run in arrival order, a bounded number wait."""
    return SummaryQueue(SETTINGS.queue_length)


@st.cache_resource
def rate_limiter() -> RateLimiter:
    return RateLimiter(SETTINGS.runs_per_minute)


def visitor() -> str:
    """The visitor's address where the server sees one, else their session."""
    if "visitor" not in st.session_state:
        st.session_state.visitor = f"session:{secrets.token_hex(8)}"
    address = st.context.ip_address
    return address if isinstance(address, str) and address else st.session_state.visitor


def keep_result(text: str, settings: PageSettings, result: SummaryResult) -> None:
    """Store the text, settings and result shown, for the link; a failure leaves the result on screen."""
    try:
        st.session_state.stored_link = result_store().put(
            {"text": text, "page": settings.to_dict(), "result": result.to_dict()})
        st.query_params["r"] = st.session_state.stored_link
    except Exception as error:
        st.session_state.pop("stored_link", None)
        show_failure(reader_message(error, "keeping a link to this result"), admin_details(error))


def restore_widgets(settings: PageSettings) -> None:
    if not (SETTINGS.any_model or settings.model in SUMMARY_MODELS or settings.model == AUTO_MODEL):
        st.session_state.refused_model = settings.model
        settings = replace(settings, model=AUTO_MODEL)
    catalogued = settings.model in SUMMARY_MODELS or settings.model == AUTO_MODEL
    st.session_state.update(
        model_choice=settings.model if catalogued else CUSTOM_MODEL,
        custom_model="" if catalogued else settings.model,
        length=settings.length, engine=settings.engine, targets=list(settings.targets),
        backend=settings.backend, deep_check=settings.deep_check)


def open_shared_result(entry_id: str) -> None:
    """A `?r=<id>` link: the stored text, settings and result, shown without running a model."""
    try:
        entry = result_store().get(entry_id)
    except Exception as error:
        st.session_state.error = reader_message(error, "opening the link")
        return
    if entry is None:
        st.session_state.error = ("This link was not found or has expired. Paste the article again to "
                                  "summarise it.")
        return
    try:
        shown = PageSettings.from_dict(entry["page"])
        result = SummaryResult.from_dict(entry["result"])
        text = str(entry["text"])
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        logging.warning("shared result %s cannot be shown: %s", entry_id, error)
        st.session_state.error = ("This link was saved by a different version of the app and cannot be "
                                  "shown. Paste the article again to summarise it.")
        return
    restore_widgets(shown)
    st.session_state.update(article=text, result=result, result_settings=shown, result_text=text,
                            shared_id=entry_id)


# --- settings: restored from the address bar once per session, then kept in widgets -------------
if "initialised" not in st.session_state:
    st.session_state.update(initialised=True, article=st.session_state.get("article", ""))
    restore_widgets(from_query(st.query_params.to_dict()))
    if st.query_params.get("r"):
        open_shared_result(st.query_params["r"])

examples = st.cache_resource(load_examples)()


def load_example(key: str) -> None:
    chosen = next(e for e in examples if e.key == key)
    st.session_state.article = chosen.text
    st.session_state.pop("result", None)
    st.session_state.pop("comparison", None)


def model_label(choice: str) -> str:
    if choice == AUTO_MODEL:
        return "Automatic: chosen by the article's language"
    if choice == CUSTOM_MODEL:
        return "Other: any Hugging Face Hub id or local folder"
    entry = SUMMARY_MODELS[choice]
    return f"{entry.label} · {entry.languages_label} · {entry.size_mb / 1000:.1f} GB · {entry.licence}"


with st.sidebar:
    st.header("Settings")
    st.selectbox("Model", [AUTO_MODEL, *SUMMARY_MODELS, *([CUSTOM_MODEL] if SETTINGS.any_model else [])],
                 key="model_choice", format_func=model_label)
    if st.session_state.model_choice == CUSTOM_MODEL and SETTINGS.any_model:
        st.text_input("Hub id or local folder", key="custom_model", placeholder="org/model-name")
    st.radio("Length", LENGTH_PRESETS, key="length", horizontal=True)
    st.radio("Engine", ENGINES, key="engine", horizontal=True,
             help="extractive: sentences from the article, no download; abstractive: a model writes "
                  "the summary; auto: abstractive when its model is available")
    st.multiselect("Translate the summary into", TARGET_LANGUAGES, key="targets",
                   format_func=lambda c: f"{language_name(c)} ({c})")
    st.checkbox("Deep check", key="deep_check",
                help="Also ask a language model whether the article really says what each summary "
                     "sentence says. The first use downloads it (about "
                     f"{ENTAILMENT_MODEL.size_mb / 1000:.1f} GB); then it adds a few seconds per summary.")
    with st.expander("Advanced"):
        st.radio("Model runtime", BACKENDS, key="backend",
                 format_func=lambda b: {"fast": "fast (CTranslate2 int8)",
                                        "reference": "reference (transformers fp32)"}[b])
        if st.session_state.backend == "reference":
            st.caption("The reference runtime runs the model in full precision: on a CPU one summary can "
                       "take minutes.")

model = (st.session_state.custom_model.strip() or AUTO_MODEL) \
    if st.session_state.model_choice == CUSTOM_MODEL and SETTINGS.any_model else st.session_state.model_choice
if model not in (AUTO_MODEL, *SUMMARY_MODELS) and not SETTINGS.any_model:
    model = AUTO_MODEL
page = PageSettings(model=model, length=st.session_state.length, engine=st.session_state.engine,
                    targets=tuple(st.session_state.targets), backend=st.session_state.backend,
                    deep_check=st.session_state.deep_check)
query = to_query(page)
link_id = st.session_state.get("stored_link") or st.session_state.get("shared_id")
if link_id:
    query["r"] = link_id  # a reload or the back button reopens the result shown
st.query_params.from_dict(query)

# --- the article ---------------------------------------------------------------------------------
st.title("News summariser")
st.caption("Try an example article (one click):")
locale = st.context.locale if isinstance(st.context.locale, str) else None
for column, example in zip(st.columns(len(examples)), for_reader(examples, locale)):
    column.button(language_name(example.language), key=f"example-{example.key}", on_click=load_example,
                  args=(example.key,), help=example.title, width="stretch")


def import_from_url() -> None:
    try:
        imported = article_from_url(st.session_state.import_url)
        st.session_state.update(article=imported.text, import_note=imported, import_error=None)
    except Exception as error:
        st.session_state.update(import_error=reader_message(error, "importing that address"),
                                import_details=admin_details(error), import_note=None)


def import_from_file() -> None:
    upload = st.session_state.upload
    if upload is None:
        return
    try:
        imported = article_from_file(upload.name, upload.getvalue())
        st.session_state.update(article=imported.text, import_note=imported, import_error=None)
    except Exception as error:
        st.session_state.update(import_error=reader_message(error, "reading that file"),
                                import_details=admin_details(error), import_note=None)


with st.expander("Import from a web page or a file"):
    url_column, fetch_column = st.columns([4, 1], vertical_alignment="bottom")
    url_column.text_input("From a URL", key="import_url", placeholder="https://…")
    fetch_column.button("Fetch article", on_click=import_from_url, width="stretch")
    st.file_uploader("Upload", type=[t.lstrip(".") for t in FILE_TYPES], key="upload",
                     on_change=import_from_file)
if st.session_state.get("import_error"):
    show_failure(st.session_state.import_error, st.session_state.get("import_details"))
if st.session_state.get("import_note"):
    imported = st.session_state.import_note
    literal(f"Imported: {imported.title or 'untitled'} — {imported.source}", None, "import")

if st.session_state.get("refused_model"):
    literal("This link asked for a model this site does not offer, so the model is chosen automatically: "
            + st.session_state.refused_model, None, "refused-model")
st.text_area("Article", key="article", height=300, max_chars=MAX_CHARS,
             placeholder="Paste a news article in any language…")

article = st.session_state.article
if article.strip():
    try:
        plan = planned(article, page.to_summary_settings(MAX_CHARS))
    except UnsupportedLanguage:  # the chosen model cannot summarise this language
        plan = None
    guess = plan.language if plan else detected_language(article)
    language_text = (f"{language_name(guess.language)} ({guess.confidence:.0%} sure)" if guess.language
                     else f"uncertain: {guess.reason}")
    # Literal, not a caption: the model id comes from the address bar, and captions render Markdown.
    literal(f"Language: {language_text} · {length_label(count_words(article), guess.language)} · "
            f"{len(article):,} of {MAX_CHARS:,} characters", None, "stats")
    literal(plan_text(plan), None, "plan")

summarise_column, compare_column, _ = st.columns([1, 1, 3])
summarise_clicked = summarise_column.button("Summarise", type="primary", width="stretch")
compare_clicked = compare_column.button("Compare lengths", width="stretch")

# --- running the models, only on request ---------------------------------------------------------
if summarise_clicked or compare_clicked:
    st.session_state.pop("error", None)
    st.session_state.pop("error_details", None)
    st.session_state.pop("shared_id", None)
    st.session_state.pop("stored_link", None)
    try:
        text = clean_text(article, MAX_CHARS)
        rate_limiter().check(visitor())
        with st.status("Working…", expanded=True) as status:
            settings = page.to_summary_settings(MAX_CHARS)
            if summarise_clicked:
                missing = [] if is_offline() else Summarizer(settings).models_to_fetch(
                    detected_language(text).language)
                if missing and page.engine == "auto":
                    preview = st.empty()
                    with preview.container():
                        quick = summarise(text, settings.with_changes(engine="extractive"), status)
                        notice("info", f"Extractive summary shown while {', '.join(missing)} downloads.")
                        literal(quick.summary, quick.language, "summary")
                    st.session_state.result = summarise(text, settings, status)
                    preview.empty()
                else:
                    st.session_state.result = summarise(text, settings, status)
                st.session_state.update(result_settings=page, result_text=article)
                if SETTINGS.keep_results:
                    keep_result(article, page, st.session_state.result)
            else:
                st.session_state.comparison = {
                    preset: summarise(text, page.to_summary_settings(MAX_CHARS, preset).with_changes(
                        translate_to=()), status) for preset in LENGTH_PRESETS}
            status.update(label="Done", state="complete", expanded=False)
    except Exception as error:  # the page's boundary: a plain message, the article stays in the box
        st.session_state.update(error=reader_message(error, "summarising"),
                                error_details=admin_details(error))

if "error" in st.session_state:
    show_failure(st.session_state.error, st.session_state.get("error_details"))

# --- results -------------------------------------------------------------------------------------
if "result" in st.session_state:
    result: SummaryResult = st.session_state.result
    shown = st.session_state.result_settings
    made_from = st.session_state.get("result_text", article)
    if made_from != article:
        notice("warning", "Out of date: the article has changed since this summary was made. Press "
                          "Summarise to summarise the new text. Share and the downloads keep the summary "
                          "below together with the text it was made from.")
    elif st.session_state.get("shared_id"):
        st.caption("A shared result, shown as it was stored. Change the settings and press Summarise "
                   "to re-run it.")
    elif shown != page:
        notice("warning", "Out of date: the settings have changed since this summary was made. Press "
                          "Summarise to update it.")
    summary_column(result)
    translations(result, shown.targets)
    with st.expander("The article, with the sources of each summary sentence highlighted"):
        evidence(result, made_from)
    download_md, download_json, share_column, _ = st.columns([1, 1, 1, 2])
    stem = download_stem(made_from, result.language)
    download_md.download_button("Download Markdown", to_markdown(result), file_name=f"{stem}.md",
                                mime="text/markdown")
    download_json.download_button("Download JSON", result.to_json(), file_name=f"{stem}.json",
                                  mime="application/json")
    if not SETTINGS.keep_results:
        share_column.caption(f"Share stores the article, this summary and its settings on this server "
                             f"for {SETTINGS.share_expiry_days:g} days.")
        if share_column.button("Share this result"):
            keep_result(made_from, shown, result)
    if st.session_state.get("stored_link"):
        st.caption(f"Link to this result, also in the address bar: it reopens the article, this summary "
                   f"and its settings without running a model. They are kept on this server for "
                   f"{SETTINGS.share_expiry_days:g} days.")
        st.code(result_url(st.context.url or "http://localhost:8501/", st.session_state.stored_link),
                language=None)

if "comparison" in st.session_state:
    st.subheader("Compare lengths")
    comparison: dict[str, SummaryResult] = st.session_state.comparison
    presets = list(comparison.items())
    for start in range(0, len(presets), 2):  # two to a row, like the translations
        for column, (preset, item) in zip(st.columns(2), presets[start:start + 2]):
            with column:
                writer = f"AI summary by {item.model}" if item.model else "key sentences from the article"
                literal(f"{preset.capitalize()} · {length_label(item.summary_words, item.language)} · "
                        f"{writer}", None, f"compare-head-{preset}")
                literal(item.summary, item.language, f"compare-{preset}")
    source_words = next(iter(comparison.values())).source_words
    st.bar_chart(pd.DataFrame({"words": [source_words, *(r.summary_words for r in comparison.values())]},
                              index=["source", *comparison]), horizontal=True, height=220)

