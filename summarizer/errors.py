"""Errors a user can act on; their message is shown as is, without a traceback."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class: the message says what went wrong and what to do about it. `reader` says the same for
    a web page's visitor, with no command-line flags, settings or server paths: those stay in the message,
    which the CLI prints and the page logs."""

    def __init__(self, message: str, reader: str | None = None) -> None:
        super().__init__(message)
        self.reader = reader or message


class InputError(SummarizerError):
    """The text cannot be summarised as given (empty, binary, too long, ...)."""


class TooLarge(InputError):
    """The input is over one of the limits (characters, bytes, pages): an API answers 413 for it."""


class ModelUnavailable(SummarizerError):
    """A model could not be found locally or fetched from the Hub."""

    def __init__(self, model_id: str, message: str, reader: str | None = None) -> None:
        super().__init__(message, reader or f"The AI model {model_id} is not available on this server "
                                            "right now.")
        self.model_id = model_id


class UnsupportedLanguage(SummarizerError):
    """No model route covers the requested language."""
