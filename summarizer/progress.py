"""Progress reports from long stages, so a CLI or a web page can show what is happening."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    stage: str  # download, load, split, summarise, reduce, translate, fallback
    message: str
    step: int | None = None
    total: int | None = None
    text: str | None = None  # a partial result (a chunk's summary) a front end may show early


ProgressCallback = Callable[[Progress], None]


def no_progress(_: Progress) -> None:
    """Default callback for callers that do not show progress."""
