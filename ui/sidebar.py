"""The settings sidebar: model, format, length, engine, languages, deep check and runtime."""

from __future__ import annotations

import streamlit as st

from summarizer.languages import language_name
from summarizer.models.catalogue import ENGLISH_CHECK_MODEL, ENTAILMENT_MODEL, SUMMARY_MODELS, TARGET_LANGUAGES
from summarizer.settings import ENGINES, FORMATS, LENGTH_PRESETS, RUNTIMES, WORD_TARGETS
from summarizer.summarise.formats import FORMAT_LABELS

from .links import CUSTOM_MODEL
from .literal import literal
from .page_settings import AUTO_MODEL, PageSettings, compared_lengths
from .state import session

COMPARE_CHARS = 20  # "300, 300, 300" and some spaces


def model_label(choice: str) -> str:
    """Short enough for the picker at a phone's width; the chosen one's details go beneath it."""
    if choice == AUTO_MODEL:
        return "Automatic"
    if choice == CUSTOM_MODEL:
        return "Other model…"
    return SUMMARY_MODELS[choice].label


def model_details(choice: str) -> str:
    if choice == AUTO_MODEL:
        return "Chosen by the article's language."
    if choice == CUSTOM_MODEL:
        return "Any Hugging Face Hub id, or a model folder on this server."
    entry = SUMMARY_MODELS[choice]
    return (f"{entry.languages_label} · {entry.size_mb / 1000:.1f} GB download · licence {entry.licence}"
            f" · {choice}")


def settings_sidebar(any_model: bool) -> PageSettings:
    """Draw the sidebar and return the settings it shows (a free model id only where `any_model`)."""
    state = session()
    with st.sidebar:
        st.header("Settings")
        st.selectbox("Model", [AUTO_MODEL, *SUMMARY_MODELS, *([CUSTOM_MODEL] if any_model else [])],
                     key="model_choice", format_func=model_label)
        literal(model_details(state["model_choice"]), None, "model-details")
        if state["model_choice"] == CUSTOM_MODEL and any_model:
            st.text_input("Hub id or local folder", key="custom_model", placeholder="org/model-name")
        st.radio("Format", FORMATS, key="format", horizontal=True, format_func=FORMAT_LABELS.__getitem__)
        st.radio("Length", LENGTH_PRESETS, key="length", horizontal=True, disabled=state["use_words"])
        with st.expander("Length in words", expanded=state["use_words"]):  # one Tab stop, folded
            st.checkbox("Set the length in words", key="use_words")
            if state["use_words"]:
                st.slider("Words", *WORD_TARGETS, step=5, key="words")
                st.caption("Characters for Chinese, Japanese and other languages written without spaces. "
                           "Key quotes are as long as the article's quotations.")
            st.text_input("Word counts to compare", key="compare_words", max_chars=COMPARE_CHARS,
                          placeholder="e.g. 50, 120, 250")
            if state.get("compare_words", "").strip() and \
                    compared_lengths(state["compare_words"]) == LENGTH_PRESETS:
                st.caption(f"Give two or three different numbers from {WORD_TARGETS[0]} to {WORD_TARGETS[1]}, "
                           "with commas between them: until then Compare lengths shows the three presets.")
            else:
                st.caption("Compare lengths shows the three presets, or the two or three word counts given "
                           "here.")
        st.multiselect("Translate the summary into", TARGET_LANGUAGES, key="targets",
                       format_func=lambda c: f"{language_name(c)} ({c})")
        # The rest behind one expander, explained in captions rather than help icons: each icon is one
        # more Tab stop before a keyboard reader reaches the article.
        with st.expander("More settings"):
            st.radio("Engine", ENGINES, key="engine", horizontal=True)
            st.caption("auto: an AI model writes the summary where it is available, else key sentences; "
                       "abstractive: the AI model only; extractive: key sentences from the article, no "
                       "download.")
            st.checkbox("Deep check", key="deep_check")
            st.caption("Also asks a language model whether the article really says what each summary "
                       "sentence says: a fact checker made for English, another for other languages. Its "
                       "first use downloads it where this server can (about "
                       f"{ENGLISH_CHECK_MODEL.size_mb / 1000:.1f} GB for English, "
                       f"{ENTAILMENT_MODEL.size_mb / 1000:.1f} GB for the others); then it adds some "
                       "seconds per summary.")
            st.radio("Model runtime", RUNTIMES, key="runtime",
                     format_func=lambda b: {"fast": "fast (a compact 8-bit copy)",
                                            "reference": "reference (full precision, slower)"}[b])
            if state["runtime"] == "reference":
                st.caption("The reference runtime runs the model in full precision: on a CPU one summary "
                           "can take minutes.")
    model = state["model_choice"]
    if model == CUSTOM_MODEL and any_model:
        model = state.get("custom_model", "").strip() or AUTO_MODEL
    if model not in (AUTO_MODEL, *SUMMARY_MODELS) and not any_model:
        model = AUTO_MODEL
    return PageSettings(model=model, length=state["length"], engine=state["engine"],
                        targets=tuple(state["targets"]), runtime=state["runtime"],
                        deep_check=state["deep_check"], format=state["format"],
                        words=state["words"] if state["use_words"] else None)
