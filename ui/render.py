"""Show article and model text literally: escaped HTML, never Markdown, right to left where needed."""

from __future__ import annotations

import html

import streamlit as st

from summarizer.languages import is_right_to_left, language_name
from summarizer.result import SummaryResult
from summarizer.segmentation import length_label

STYLE = """<style>
.literal { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.6; font-size: 1.02rem;
           margin: 0.2rem 0 0.6rem; }
.notice { padding: 0.6rem 0.9rem; border-radius: 0.5rem; margin: 0.3rem 0; white-space: pre-wrap; }
.notice-error { background: #fdecea; color: #611a15; }
.notice-warning { background: #fff4e5; color: #663c00; }
.notice-info { background: #e8f4fd; color: #0d3c61; }
.literal-engine { font-size: 0.85rem; color: #555; }
textarea { unicode-bidi: plaintext; text-align: start; }  /* Arabic lines run right to left */
</style>"""


def literal(text: str, language: str | None = None, name: str = "text") -> None:
    """`name` becomes a class (`literal-<name>`) so tests and styles can find the block."""
    direction = "rtl" if is_right_to_left(language) else ("ltr" if language else "auto")
    st.html(f'<div class="literal literal-{html.escape(name)}" dir="{direction}" '
            f'lang="{html.escape(language or "")}">{html.escape(text)}</div>')


def notice(kind: str, text: str) -> None:
    """Like st.error/st.warning/st.info, but the message is never parsed as Markdown."""
    st.html(f'<div class="notice notice-{kind}" role="alert">{html.escape(text)}</div>')


def summary_column(result: SummaryResult) -> None:
    st.subheader(f"Summary · {language_name(result.language)}")
    literal(result.summary, result.language, "summary")
    engine = result.model or "extractive (sentences from the article)"
    st.caption(f"{length_label(result.summary_words, result.language)} · {result.compression:.0%} of "
               f"{result.source_words:,} · "
               f"{sum(result.timings.values()):.1f} s · {result.chunks} chunk(s)")
    runtime = {"fast": " · fast path (CTranslate2)", "reference": " · reference path (transformers)"}
    literal(f"Engine: {engine}" + (f" · route: {result.route}" if result.route else "")
            + runtime.get(result.backend or "", ""), None, "engine")
    if result.fallback_reason:
        notice("info", f"Extractive summary, because {result.fallback_reason}")
    facts_by_sentence = _facts_by_sentence(result)
    if facts_by_sentence:
        notice("warning", "Not found in the source: " + "; ".join(
            f"sentence {i + 1}: {', '.join(facts)}" for i, facts in sorted(facts_by_sentence.items())))
    for index, support in enumerate(result.support):
        with st.expander(f"Where sentence {index + 1} comes from"):
            if not support["sources"]:
                notice("warning", "No supporting sentence found in the article.")
            for number, sentence in zip(support["sources"], support["source_sentences"]):
                st.caption(f"Article sentence {number + 1}")
                literal(sentence, result.language, "source")


def translation_column(result: SummaryResult, code: str) -> None:
    st.subheader(language_name(code))
    if code in result.errors:
        notice("error", result.errors[code])
        return
    if code == result.language:
        st.caption("The article's own language: the summary as written.")
    literal(result.translations[code], code, f"translation-{code}")
    facts_by_sentence = _facts_by_sentence(result)
    if facts_by_sentence:
        # Translation is sentence by sentence, so sentence i here is sentence i of the original.
        notice("warning", "The original of " + ", ".join(
            f"sentence {i + 1}" for i in sorted(facts_by_sentence)) +
            " contains facts not found in the source: " +
            "; ".join(", ".join(f) for _, f in sorted(facts_by_sentence.items())))


def _facts_by_sentence(result: SummaryResult) -> dict[int, list[str]]:
    facts: dict[int, list[str]] = {}
    for fact in result.unsupported:
        facts.setdefault(fact["sentence"], []).append(f"{fact['text']} ({fact['kind']})")
    return facts
