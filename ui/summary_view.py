"""The summary as the reader sees it: its facts not found in the article marked, where each sentence
comes from, and its translations two to a row."""

from __future__ import annotations

import html
import logging

import streamlit as st

from summarizer.checks.faithfulness import NOT_FOUND, fact_words, is_relation, verdict_lines
from summarizer.languages import language_name
from summarizer.models.catalogue import SUMMARY_MODELS
from summarizer.models.routing import CHOSEN_MODEL, ENGLISH_MODEL, MULTILINGUAL_MODEL, VIA_ENGLISH
from summarizer.plain_words import KEY_SENTENCES_INSTEAD, counted, duration
from summarizer.result import SummaryResult
from summarizer.summarise.formats import FORMAT_TITLES, ITEM_NOUNS, Quote, render
from summarizer.summarise.translation import UNCERTAIN_SOURCE
from summarizer.text.segmentation import length_label, sentence_separator

from .literal import literal, notice, text_attributes

_log = logging.getLogger("app")


def summary_with_marks(result: SummaryResult) -> None:
    """The summary, escaped, with each fact the article does not state marked where it stands; points
    and quotes as a list, each quote with its speaker."""
    sentences = [item["sentence"] for item in result.support]
    quotes = [Quote(**q) for q in result.quotes]
    if not sentences or render(result.format, sentences, result.language, quotes) != result.summary:
        literal(result.summary, result.language, "summary")  # a result stored without its sentences
        return
    pieces = []
    for index, sentence in enumerate(sentences):
        facts = sorted((f for f in result.unsupported if f["sentence"] == index and "start" in f),
                       key=lambda f: f["start"])
        position, marked = 0, []
        for fact in facts:
            if fact["start"] < position:
                continue
            marked.append(html.escape(sentence[position:fact["start"]]))
            title = fact["reason"] if is_relation(fact) else f"{fact['kind']} not found in the article"
            marked.append(f'<mark class="fact-missing" title="{html.escape(title)}">'
                          f'{html.escape(sentence[fact["start"]:fact["end"]])}</mark>')
            position = fact["end"]
        marked.append(html.escape(sentence[position:]))
        pieces.append("".join(marked))
    if result.format in ("points", "quotes"):
        speakers = [(f' <span class="quote-speaker">— {html.escape(q.speaker)}</span>' if q.speaker else "") +
                    f' <a class="quote-place" href="#quote-{number}">in the article</a>'
                    for number, q in enumerate(quotes, 1)] or [""] * len(pieces)
        items = "".join(f"<li>{piece}{speaker}</li>" for piece, speaker in zip(pieces, speakers))
        body = f'<ul class="summary-list">{items}</ul>'
    else:
        body = html.escape(sentence_separator(result.language)).join(pieces)
    st.html(f'<div class="literal literal-summary" {text_attributes(result.language)}>{body}</div>')


def copy_box(text: str, what: str) -> None:
    """The text as plain text with a copy button (Streamlit's code block has one), folded away."""
    with st.expander(f"Copy {what}"):
        st.code(text, language=None, wrap_lines=True)


ROUTE_WORDS = {  # each route, for readers
    ENGLISH_MODEL: " · an English model",
    MULTILINGUAL_MODEL: " · a multilingual model, in the article's language",
    VIA_ENGLISH: " · translated into English, summarised, and translated back",
    CHOSEN_MODEL: " · the model chosen in the settings",
}


RUNTIME_WORDS = {"fast": " · compact copy (8-bit, faster)", "reference": " · full-precision copy (slower)"}


def summary_column(result: SummaryResult) -> None:
    title = FORMAT_TITLES.get(result.format, "Summary")
    st.subheader(f"{title} · {language_name(result.language)}")
    summary_with_marks(result)
    copy_box(result.summary, "the summary" if title == "Summary" else f"the {title.lower()}")
    engine = result.model or ("quotations from the article, as written" if result.format == "quotes"
                              else "extractive (sentences from the article)")
    st.caption(f"{length_label(result.summary_words, result.language)} · {result.share_label} of "
               f"{length_label(result.source_words, result.language)} · "
               f"{_took(result)} · {counted(result.chunks, 'part')}")
    literal(f"Written by: {engine}" + ROUTE_WORDS.get(result.route or "", "")
            + RUNTIME_WORDS.get(result.runtime or "", ""), None, "engine")
    licence = SUMMARY_MODELS[result.model].licence if result.model in SUMMARY_MODELS else ""
    if "non-commercial" in licence:
        notice("info", f"This summary was written by a model licensed {licence}: it may be used for "
                       "non-commercial purposes only.")
    if result.fallback_reason:
        notice("info", KEY_SENTENCES_INSTEAD)  # why is in the server log (the pipeline logs it)
    for note in result.notes:
        notice("info", note)
    for heading, relations in (("Not found in the article", False), ("Said otherwise in the article", True)):
        facts_by_sentence = _facts_by_sentence(result, relations)
        if facts_by_sentence:
            notice("warning", f"{heading}: " + "; ".join(
                f"sentence {i + 1}: {', '.join(facts)}" for i, facts in sorted(facts_by_sentence.items())))
    noun = ITEM_NOUNS.get(result.format, "sentence")
    for index, support in enumerate(result.support):
        with st.expander(f"Where {noun} {index + 1} comes from" if result.format != "quotes"
                         else f"Where quote {index + 1} is in the article"):
            for line in sentence_verdict(result, index):
                literal(line, None, "verdict")
            backed = support.get("verdict") != NOT_FOUND
            for number, sentence in zip(support["sources"], support["source_sentences"]):
                st.caption(f"Article sentence {number + 1}" + ("" if backed else
                                                               ": the closest, though it does not say this"))
                literal(sentence, result.language, "source")


def translations(result: SummaryResult, targets: tuple[str, ...]) -> None:
    """The summary's translations two to a row, so fourteen stay readable; failures in one notice,
    their technical reasons in the server log."""
    failed = [code for code in targets if code in result.errors]
    if failed:
        names = ", ".join(language_name(code) for code in failed)
        if all(UNCERTAIN_SOURCE in result.errors[code] for code in failed):
            notice("error", f"No translation into {names}: the article's language is uncertain. Choose "
                            "the article's language and summarise again.")
        else:
            notice("error", f"No translation into {names}: the translation models are not available on "
                            "this server right now. The summary and the other translations are unaffected.")
        for code in failed:
            _log.warning("no translation into %s: %s", code, result.errors[code])
    shown = [code for code in targets if code in result.translations]  # a stored result may lack one
    if shown and result.unsupported:  # once for all of them, not under each
        notice("warning", "The translations say what the summary says, sentence by sentence: the facts "
                          "marked above are in them too.")
    for start in range(0, len(shown), 2):
        for column, code in zip(st.columns(2), shown[start:start + 2]):
            with column:
                translation_column(result, code)


def translation_column(result: SummaryResult, code: str) -> None:
    st.subheader(language_name(code))
    if code == result.language:
        st.caption("The article's own language: the summary as written.")
    literal(result.translations[code], code, f"translation-{code}")
    copy_box(result.translations[code], f"the {language_name(code)}")


def sentence_verdict(result: SummaryResult, index: int) -> list[str]:
    """One verdict for summary sentence `index`, and why (the same words in the evidence view)."""
    return verdict_lines(result.support[index], [f for f in result.unsupported if f["sentence"] == index])


def _took(result: SummaryResult) -> str:
    return f"made in {duration(sum(result.timings.values())).removeprefix('about ')}"


def _facts_by_sentence(result: SummaryResult, relations: bool) -> dict[int, list[str]]:
    """The flagged facts, or the relations the article puts otherwise, sentence by sentence."""
    facts: dict[int, list[str]] = {}
    for fact in result.unsupported:
        if is_relation(fact) == relations:
            facts.setdefault(fact["sentence"], []).append(fact_words(fact))
    return facts
