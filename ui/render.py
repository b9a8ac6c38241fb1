"""Show article and model text literally: escaped HTML, never Markdown, right to left where needed."""

from __future__ import annotations

import datetime
import html
import logging

import regex
import streamlit as st

from summarizer.text.article import Article
from summarizer.models.catalogue import SUMMARY_MODELS
from summarizer.languages import is_right_to_left, language_name
from summarizer.result import SummaryResult
from summarizer.models.routing import CHOSEN_MODEL, ENGLISH_MODEL, MULTILINGUAL_MODEL, VIA_ENGLISH
from summarizer.text.segmentation import length_label, sentence_separator

_log = logging.getLogger("app")

STYLE = """<style>
.literal { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.6; font-size: 1.02rem;
           margin: 0.2rem 0 0.6rem; }
.notice { padding: 0.6rem 0.9rem; border-radius: 0.5rem; margin: 0.3rem 0; white-space: pre-wrap; }
.notice-error { background: #fdecea; color: #611a15; }
.notice-warning { background: #fff4e5; color: #663c00; }
.notice-info { background: #e8f4fd; color: #0d3c61; }
.literal-engine { font-size: 0.85rem; color: #555; }
.literal-stats { font-size: 0.875rem; color: #6b6f76; margin: 0 0 0.5rem; }
.literal-plan { font-size: 0.9rem; color: #33373d; margin: 0 0 0.6rem; }
mark.fact-missing { background: #ffe0b2; color: inherit; border-bottom: 2px solid #e65100; padding: 0 0.1em; }
mark.source { background: #d7ecff; color: inherit; padding: 0 0.1em; }
.literal-evidence { max-height: 24rem; overflow-y: auto; border: 1px solid #e3e6ea; border-radius: 0.5rem;
                    padding: 0.6rem 0.8rem; }
textarea { unicode-bidi: plaintext; text-align: start; }  /* Arabic lines run right to left */
/* The collapsed sidebar's control says what it opens (on a phone it is the only way to the settings). */
[data-testid="stExpandSidebarButton"] { width: auto; padding: 0 0.6rem; gap: 0.3rem; }
[data-testid="stExpandSidebarButton"]::after { content: "Settings"; font-size: 0.9rem; }
code { white-space: pre-wrap !important; overflow-wrap: anywhere; }  /* links wrap instead of clipping */
</style>"""


def literal(text: str, language: str | None = None, name: str = "text") -> None:
    """`name` becomes a class (`literal-<name>`) so tests and styles can find the block."""
    st.html(f'<div class="literal literal-{html.escape(name)}" {_text_attributes(language)}>'
            f'{html.escape(text)}</div>')


def _text_attributes(language: str | None) -> str:
    """dir and lang for a block of text: right to left where the script is, "auto" when unknown."""
    direction = "rtl" if is_right_to_left(language) else ("ltr" if language else "auto")
    return f'dir="{direction}" lang="{html.escape(language or "")}"'


VERDICTS = {"supported": "Supported by the article.",
            "partly": "Partly supported: the article backs some of it, not all of it.",
            "not_found": "Not found in the article."}


def summary_with_marks(result: SummaryResult) -> None:
    """The summary, escaped, with each fact the article does not state marked where it stands."""
    sentences = [item["sentence"] for item in result.support]
    if not sentences or sentence_separator(result.language).join(sentences) != result.summary:
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
            marked.append(f'<mark class="fact-missing" title="{html.escape(fact["kind"])} not found in the '
                          f'article">{html.escape(sentence[fact["start"]:fact["end"]])}</mark>')
            position = fact["end"]
        marked.append(html.escape(sentence[position:]))
        pieces.append("".join(marked))
    st.html(f'<div class="literal literal-summary" {_text_attributes(result.language)}>'
            f'{html.escape(sentence_separator(result.language)).join(pieces)}</div>')


def notice(kind: str, text: str) -> None:
    """Like st.error/st.warning/st.info, but the message is never parsed as Markdown."""
    st.html(f'<div class="notice notice-{kind}" role="alert">{html.escape(text)}</div>')


ROUTE_WORDS = {  # each route, for readers
    ENGLISH_MODEL: " · an English model",
    MULTILINGUAL_MODEL: " · a multilingual model, in the article's language",
    VIA_ENGLISH: " · translated into English, summarised, and translated back",
    CHOSEN_MODEL: " · the model chosen in the settings",
}
RUNTIME_WORDS = {"fast": " · compact copy (8-bit, faster)", "reference": " · full-precision copy (slower)"}


def summary_column(result: SummaryResult) -> None:
    st.subheader(f"Summary · {language_name(result.language)}")
    summary_with_marks(result)
    engine = result.model or "extractive (sentences from the article)"
    st.caption(f"{length_label(result.summary_words, result.language)} · {result.share_label} of "
               f"{length_label(result.source_words, result.language)} · "
               f"{sum(result.timings.values()):.1f} s · {result.chunks} part(s)")
    literal(f"Written by: {engine}" + ROUTE_WORDS.get(result.route or "", "")
            + RUNTIME_WORDS.get(result.runtime or "", ""), None, "engine")
    licence = SUMMARY_MODELS[result.model].licence if result.model in SUMMARY_MODELS else ""
    if "non-commercial" in licence:
        notice("info", f"This summary was written by a model licensed {licence}: it may be used for "
                       "non-commercial purposes only.")
    if result.fallback_reason:
        notice("info", "These are key sentences from the article: the AI model could not be used on this "
                       "server right now.")  # why is in the server log (the pipeline logs it)
    for note in result.notes:
        notice("info", note)
    facts_by_sentence = _facts_by_sentence(result)
    if facts_by_sentence:
        notice("warning", "Not found in the source: " + "; ".join(
            f"sentence {i + 1}: {', '.join(facts)}" for i, facts in sorted(facts_by_sentence.items())))
    for index, support in enumerate(result.support):
        with st.expander(f"Where sentence {index + 1} comes from"):
            if support.get("verdict") in VERDICTS:
                st.caption(VERDICTS[support["verdict"]])
            if support.get("entailment") is not None:
                st.caption(f"Deep check: {support['entailment']:+.2f} on a scale from -1 (the article "
                           "contradicts it) to +1 (the article clearly says it).")
            if not support["sources"]:
                notice("warning", "No supporting sentence found in the article.")
            for number, sentence in zip(support["sources"], support["source_sentences"]):
                st.caption(f"Article sentence {number + 1}")
                literal(sentence, result.language, "source")


def translations(result: SummaryResult, targets: tuple[str, ...]) -> None:
    """The summary's translations two to a row, so fourteen stay readable; failures in one notice,
    their technical reasons in the server log."""
    failed = [code for code in targets if code in result.errors]
    if failed:
        names = ", ".join(language_name(code) for code in failed)
        if all("uncertain" in result.errors[code] for code in failed):
            notice("error", f"No translation into {names}: the article's language is uncertain. Choose "
                            "the article's language and summarise again.")
        else:
            notice("error", f"No translation into {names}: the translation models are not available on "
                            "this server right now. The summary and the other translations are unaffected.")
        for code in failed:
            _log.warning("no translation into %s: %s", code, result.errors[code])
    shown = [code for code in targets if code in result.translations]  # a stored result may lack one
    for start in range(0, len(shown), 2):
        for column, code in zip(st.columns(2), shown[start:start + 2]):
            with column:
                translation_column(result, code)


def translation_column(result: SummaryResult, code: str) -> None:
    st.subheader(language_name(code))
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


def download_stem(text: str, language: str | None, today: datetime.date | None = None) -> str:
    """"riverton-opens-a-library-that-2026-11-30": the article's title (or first sentence) and the date,
    so downloaded files say what they are."""
    article = Article.read(text, language)
    first = article.title or (article.sentences[0] if article.sentences else "")
    words = regex.findall(r"[\p{L}\p{M}\p{N}]+", first.lower())[:6] or ["summary"]
    return f"{'-'.join(words)[:60]}-{(today or datetime.date.today()).isoformat()}"


def evidence(result: SummaryResult, article_text: str) -> None:
    """The article with the sentences a chosen summary sentence rests on highlighted: the reader checks a
    claim against its source without searching for it."""
    if not result.support:
        return
    st.markdown("**Check a sentence against the article**")
    chosen = st.radio("Summary sentence", list(range(len(result.support))), horizontal=True,
                      format_func=lambda i: str(i + 1), key="evidence_sentence",
                      label_visibility="collapsed")
    support = result.support[chosen]
    verdict = VERDICTS.get(support.get("verdict", ""), "")
    literal(f"{chosen + 1}. {support['sentence']}", result.language, "evidence-sentence")
    st.caption(verdict + ("" if support["sources"] else " No sentence of the article is close to it."))
    sources = set(support["sources"])
    sentences = Article.read(article_text, result.language).sentences
    pieces = [f'<mark class="source">{html.escape(s)}</mark>' if i in sources else html.escape(s)
              for i, s in enumerate(sentences)]
    st.html(f'<div class="literal literal-evidence" {_text_attributes(result.language)}>'
            f'{"<br>".join(pieces)}</div>')
