"""Summarise news articles in any language; no UI code lives here (see app.py for the web page)."""

from .errors import InputError, ModelUnavailable, SummarizerError, UnsupportedLanguage
from .result import SummaryResult
from .settings import SummarySettings

__all__ = ["InputError", "ModelUnavailable", "SummarizerError", "SummaryResult", "SummarySettings",
           "UnsupportedLanguage"]
