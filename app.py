"""Streamlit page: paste an article, get a summary. All logic lives in the summarizer package."""

import streamlit as st

from summarizer import SummarizerError, SummarySettings
from summarizer.pipeline import Summarizer

st.set_page_config(page_title="News summariser", layout="wide")
st.title("News summariser")
text = st.text_area("Article", height=300, key="article")
if st.button("Summarise", type="primary"):
    try:
        with st.spinner("Summarising…"):
            result = Summarizer(SummarySettings()).summarize(text)
        st.text(result.summary)
    except SummarizerError as error:
        st.error(str(error))
