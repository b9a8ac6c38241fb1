"""Errors a user can act on; their message is shown as is, without a traceback."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class: the message says what went wrong and what to do about it."""


class InputError(SummarizerError):
    """The text cannot be summarised as given (empty, binary, too long, ...)."""


class ModelUnavailable(SummarizerError):
    """A model could not be found locally or fetched from the Hub."""

    def __init__(self, model_id: str, message: str) -> None:
        super().__init__(message)
        self.model_id = model_id


class UnsupportedLanguage(SummarizerError):
    """No model route covers the requested language."""
