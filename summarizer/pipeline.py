"""The summariser object: text in, `SummaryResult` out, with every setting explicit."""

from __future__ import annotations

import time
from contextlib import contextmanager
from collections.abc import Iterator

from .abstractive import summarise_abstractive
from .catalogue import DEFAULT_SUMMARY_MODEL, describe_summary_model
from .models import load_model
from .progress import ProgressCallback, no_progress
from .result import SummaryResult
from .segmentation import count_words
from .settings import SummarySettings
from .text_input import clean_text


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = round(timings.get(stage, 0.0) + time.perf_counter() - start, 3)


class Summarizer:
    """Holds the settings; models come from the per-process cache, so instances are cheap."""

    def __init__(self, settings: SummarySettings | None = None) -> None:
        self.settings = settings or SummarySettings()

    def summarize(self, text: str | bytes, on_progress: ProgressCallback = no_progress) -> SummaryResult:
        settings = self.settings
        timings: dict[str, float] = {}
        text = clean_text(text, settings.max_chars)
        model_id = settings.model or DEFAULT_SUMMARY_MODEL
        entry = describe_summary_model(model_id)
        with _timed(timings, "load"):
            model = load_model(model_id, entry.input_limit, on_progress)
        with _timed(timings, "summarise"):
            summary = summarise_abstractive(text, settings.language, model, entry, settings, on_progress)
        source_words = count_words(text)
        summary_words = count_words(summary.text)
        return SummaryResult(
            summary=summary.text, engine="abstractive", model=model_id, language=settings.language,
            source_words=source_words, summary_words=summary_words,
            compression=round(summary_words / source_words, 3) if source_words else 0.0,
            chunks=summary.chunks, timings=timings)
