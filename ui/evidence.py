"""The article with the sentences a chosen summary sentence rests on highlighted: the reader checks a
claim against its source without searching for it."""

from __future__ import annotations

import html

import streamlit as st

from summarizer.result import SummaryResult

from .literal import literal, text_attributes
from .shared import article_of
from .summary_view import sentence_verdict


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
    literal(f"{chosen + 1}. {support['sentence']}", result.language, "evidence-sentence")
    st.caption(" ".join(sentence_verdict(result, chosen)))
    sources = set(support["sources"])
    sentences = article_of(article_text, result.language).sentences
    pieces = [f'<mark class="source">{html.escape(s)}</mark>' if i in sources else html.escape(s)
              for i, s in enumerate(sentences)]
    st.html(f'<div class="literal literal-evidence" {text_attributes(result.language)}>'
            f'{"<br>".join(pieces)}</div>')
