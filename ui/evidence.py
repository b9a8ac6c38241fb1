"""The article with the sentences a chosen summary sentence rests on highlighted: the reader checks a
claim against its source without searching for it."""

from __future__ import annotations

import html

import streamlit as st

from summarizer.result import SummaryResult
from summarizer.sources.text_input import clean_text

from .literal import literal, text_attributes
from .shared import article_of
from .summary_view import sentence_verdict


def evidence(result: SummaryResult, article_text: str) -> None:
    """The article with the sentences a chosen summary sentence rests on highlighted: the reader checks a
    claim against its source without searching for it."""
    if not result.support:
        return
    quotes = result.format == "quotes" and bool(result.quotes)
    st.markdown("**Find a quote in the article**" if quotes else "**Check a sentence against the article**")
    chosen = st.radio("Summary sentence", list(range(len(result.support))), horizontal=True,
                      format_func=lambda i: str(i + 1), key="evidence_sentence",
                      label_visibility="collapsed")
    support = result.support[chosen]
    literal(f"{chosen + 1}. {support['sentence']}", result.language, "evidence-sentence")
    st.caption(" ".join(sentence_verdict(result, chosen)))
    if quotes:
        st.html(f'<div class="literal literal-evidence" {text_attributes(result.language)}>'
                f'{quotes_marked(article_text, result.quotes, chosen)}</div>')
        return
    sources = set(support["sources"])
    sentences = article_of(article_text, result.language).sentences
    pieces = [f'<mark class="source">{html.escape(s)}</mark>' if i in sources else html.escape(s)
              for i, s in enumerate(sentences)]
    st.html(f'<div class="literal literal-evidence" {text_attributes(result.language)}>'
            f'{"<br>".join(pieces)}</div>')


def quotes_marked(article_text: str, quotes: list[dict], chosen: int) -> str:
    """The article as the summariser read it (line ends made one), escaped, each quote marked where it
    stands (`id="quote-N"`, the target of the summary's links), the chosen one as a source."""
    article_text = clean_text(article_text, max_chars=len(article_text))  # it was summarised: no limit to keep
    pieces, position = [], 0
    for number, quote in enumerate(quotes, 1):
        start = article_text.find(quote["text"], position)
        if start < 0:  # the box's text changed since: the quote is no longer in it
            continue
        end = start + len(quote["text"])
        kind = "source" if number == chosen + 1 else "quote"
        pieces += [html.escape(article_text[position:start]),
                   f'<mark class="{kind}" id="quote-{number}">{html.escape(quote["text"])}</mark>']
        position = end
    return "".join(pieces + [html.escape(article_text[position:])])
