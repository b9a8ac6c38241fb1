"""What one API call does, blocking, in a worker thread: the caller's rate, a turn in the one queue the
page also waits in, the summary or the check, and the result kept for its link, as the page keeps it."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from summarizer import config
from summarizer.admission import Busy, shared_queue, shared_share_allowance
from summarizer.api.access import Caller
from summarizer.api.events import Emit
from summarizer.errors import InputError
from summarizer.plain_words import KEY_SENTENCES_INSTEAD, PICKING_KEY_SENTENCES
from summarizer.progress import Progress
from summarizer.settings import SummarySettings
from summarizer.storage import share_entry, shared_store

SETTINGS_FIELDS = ("model", "engine", "length", "words", "format", "translate_to", "deep_check", "language",
                   "runtime")
def settings_from(body: dict[str, Any]) -> SummarySettings:
    """A model named in the request is the one wanted: with engine auto it runs or the call fails, as on
    the command line, rather than quietly giving key sentences."""
    chosen = {name: body[name] for name in SETTINGS_FIELDS if name in body}
    if "translate_to" in chosen:
        chosen["translate_to"] = tuple(chosen["translate_to"])
    if chosen.get("model") and chosen.get("engine", "auto") == "auto":
        chosen["engine"] = "abstractive"
    try:
        return SummarySettings(max_chars=config.current().max_chars, **chosen)
    except ValueError as error:  # a combination the schema cannot state (min over max): its own words
        raise InputError(str(error)) from None


def summarise_call(body: dict[str, Any], caller: Caller, emit: Emit, page_url: str,
                   streamed: bool = False) -> dict[str, Any]:
    """The result as `--json` gives it, with `id` and `link` (None where results are not kept).
    `streamed`: the model's first draft is sent as it is written (one more greedy pass, as on the page)."""
    from summarizer.sources.documents import article_from_url
    from summarizer.sources.text_input import clean_text
    from summarizer.summarise.pipeline import Summarizer

    settings = settings_from(body)
    caller.limiter.check(caller.identity)
    text = clean_text(body["text"], settings.max_chars) if "text" in body else None

    def progress(report: Progress) -> None:
        message = PICKING_KEY_SENTENCES if report.stage == "fallback" else report.message  # the reason is in the result
        emit("progress", {"stage": report.stage, "message": message, "step": report.step, "total": report.total})
        if report.text:
            emit("draft" if report.stage == "draft" else "partial", {"text": report.text})

    with _turn(emit):  # an import costs a core and seconds as a summary does: it waits its turn too
        if text is None:
            text = clean_text(article_from_url(body["url"], max_chars=settings.max_chars).text, settings.max_chars)
        result = Summarizer(settings).summarise(text, on_progress=progress, show_draft=streamed)
    answer = in_readers_words(result.to_dict())
    entry_id = _kept(text, settings, answer, caller) if config.current().keep_results else None
    return {**answer, "id": entry_id, "link": f"{page_url}?r={entry_id}" if entry_id else None}


def check_call(body: dict[str, Any], caller: Caller, emit: Emit) -> dict[str, Any]:
    """The check's report as `check --json` gives it, after the caller's rate and in the queue."""
    from summarizer.checks.given_summary import check_given_summary
    from summarizer.sources.text_input import clean_text

    max_chars = config.current().max_chars
    caller.limiter.check(caller.identity)
    article, summary = clean_text(body["article"], max_chars), clean_text(body["summary"], max_chars)
    with _turn(emit):
        report = check_given_summary(article, summary, body.get("language"), body.get("deep", False),
                                     lambda p: emit("progress", {"stage": p.stage, "message": p.message}))
    return report.to_dict()


def in_readers_words(result: dict[str, Any]) -> dict[str, Any]:
    """Why a summary is key sentences, and why a translation failed, as the page says them: the command
    line's reasons name its flags and the server's settings (the server log has them)."""
    from summarizer.languages import language_name
    from summarizer.summarise.translation import UNCERTAIN_SOURCE

    if result.get("fallback_reason"):
        result["fallback_reason"] = KEY_SENTENCES_INSTEAD
    result["errors"] = {code: f"No translation into {language_name(code)}: " + (
        f"{UNCERTAIN_SOURCE}; give its language and summarise again." if UNCERTAIN_SOURCE in reason else
        "the translation models are not available on this server right now.")
        for code, reason in result.get("errors", {}).items()}
    return result


@contextmanager
def _turn(emit: Emit) -> Iterator[None]:
    """A turn in the server's one queue (a full queue: Busy at once), telling the caller its place."""
    with shared_queue(config.current().queue_length).turn(on_wait=lambda ahead: emit("queued", {"ahead": ahead})):
        emit("started", {})
        yield


def _kept(text: str, settings: SummarySettings, result: dict[str, Any], caller: Caller) -> str | None:
    """The result stored as the page stores it, so its `?r=` link opens the same view; a failure to keep
    it becomes one of the result's notes, and the result is still returned."""
    page = {"model": settings.model or "auto", "length": settings.length, "engine": settings.engine,
            "targets": list(settings.translate_to), "runtime": settings.runtime, "deep_check": settings.deep_check,
            "format": settings.format, "words": settings.words}
    entry = share_entry(text, page, result)
    try:
        shared_share_allowance(config.current().share_visitor_mb * 1_000_000).take(
            caller.identity, len(json.dumps(entry, ensure_ascii=False).encode("utf-8")))
        return shared_store().put(entry)
    except Exception as error:  # the summary is done; only its link is lost
        logging.getLogger(__name__).warning("result not kept for a link: %s", error)
        why = ("your results today already take the most this server keeps for one caller"
               if isinstance(error, Busy) else "the server's store of links is full or did not answer")
        result["notes"] = [*result["notes"], f"This result is not kept for a link: {why}."]
        return None
