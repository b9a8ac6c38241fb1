"""Summarise news articles in any language; no UI code lives here (see app.py for the web page)."""

from summarizer.errors import InputError, ModelUnavailable, SummarizerError, UnsupportedLanguage
from summarizer.result import SummaryResult
from summarizer.settings import SummarySettings

__all__ = ["InputError", "ModelUnavailable", "SummarizerError", "SummaryResult", "SummarySettings",
           "UnsupportedLanguage"]
