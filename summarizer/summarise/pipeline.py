"""The summariser object: text in, `SummaryResult` out, with every setting explicit."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from summarizer.checks.entailment import entailment_scores
from summarizer.checks.faithfulness import (
    SentenceSupport,
    UnsupportedFact,
    check_summary,
    with_entailment,
)
from summarizer.errors import ModelUnavailable, UnsupportedLanguage
from summarizer.models.catalogue import describe_summary_model
from summarizer.models.hub import cached_folder, can_download, download_size_mb
from summarizer.models.registry import load_check_model, load_model, loaded_model
from summarizer.models.routing import VIA_ENGLISH, Route, choose_route
from summarizer.models.runtime import Seq2SeqModel
from summarizer.progress import Progress, ProgressCallback, no_progress
from summarizer.result import SummaryResult
from summarizer.settings import SummarySettings
from summarizer.sources.text_input import clean_text
from summarizer.summarise.abstractive import article_parts, summarise_abstractive
from summarizer.summarise.extractive import summarise_extractive
from summarizer.summarise.formats import Quote, render, shaped
from summarizer.summarise.lengths import ONE_SENTENCE_PARTS, is_already_short
from summarizer.summarise.translation import translate_into, translate_sentences, translate_text
from summarizer.text.article import Article
from summarizer.text.chunking import estimate_chunk_count
from summarizer.text.language_detection import LanguageGuess, detect_language
from summarizer.text.segmentation import count_words, length_label, split_sentences


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = round(timings.get(stage, 0.0) + time.perf_counter() - start, 3)


@dataclass(frozen=True)
class _Draft:
    """A summary before translation and checks."""

    sentences: list[str]
    engine: str
    model: str | None
    route: str | None
    chunks: int
    fallback_reason: str | None = None
    runtime: str | None = None  # which runtime actually ran the model ("fast" may fall back)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """What `summarize` will do with a text, known before anything runs (for a page to say so)."""

    language: LanguageGuess
    engine: str                 # "abstractive" (a model writes it), "extractive" (key sentences) or
                                # "quotes" (the article's quotations: the quotes format)
    model: str | None
    chunks: int
    to_download: tuple[str, ...]  # models that must be fetched first
    reason: str | None = None     # why key sentences when the settings allowed a model, or why the
                                  # model cannot be fetched (then the run will fail: engine abstractive)
    download_mb: float | None = None  # their size, when the Hub says
    parts_exact: bool = False     # `chunks` counted with the loaded model's tokenizer, not estimated


NOT_FETCHABLE = "the AI model is not on this server and cannot be downloaded right now"


class Summarizer:
    """Holds the settings; models come from the per-process cache, so instances are cheap."""

    def __init__(self, settings: SummarySettings | None = None) -> None:
        self.settings = settings or SummarySettings()

    def summarise(self, text: str | bytes, on_progress: ProgressCallback = no_progress,
                  show_draft: bool = False) -> SummaryResult:
        """`show_draft`: report a streamed first draft before the final summary where a model writes
        an article of one part in its own language (see `summarise_abstractive`); a page sets it, a
        batch job does not, as the draft costs one more greedy pass."""
        settings = self.settings
        timings: dict[str, float] = {}
        text = clean_text(text, settings.max_chars)
        with _timed(timings, "detect"):
            guess = self._language(text)
        language = guess.language
        article = Article.read(text, language)
        draft = self._draft(article, timings, on_progress, show_draft)
        sentences, quotes, format_notes = shaped(settings.format, draft.sentences, article)
        # Quotes are as long as the article's, a headline one line: no length to say anything of.
        length_notes = _notes(article, settings.words) if settings.format not in ("quotes", "headline") else []
        notes = [*length_notes, *draft.notes, *format_notes]
        with _timed(timings, "check"):
            support, unsupported = check_summary(sentences, article)
        if settings.deep_check:
            with _timed(timings, "deep_check"):
                support = self._deep_check(sentences, article, support, unsupported, notes, on_progress)
        with _timed(timings, "translate"):
            translated, errors = translate_into(sentences, language, list(settings.translate_to),
                                                on_progress, settings.runtime)
        summary = render(settings.format, sentences, language, quotes)
        source_words, summary_words = article.word_count, count_words(" ".join(sentences))
        return SummaryResult(
            summary=summary, engine=draft.engine, model=draft.model, language=language,
            language_confidence=guess.confidence, route=draft.route, source_words=source_words,
            summary_words=summary_words,
            compression=round(summary_words / source_words, 3) if source_words else 0.0,
            chunks=draft.chunks, timings=timings, fallback_reason=draft.fallback_reason,
            runtime=draft.runtime,
            translations={t: render(settings.format, s, t, quotes) for t, s in translated.items()},
            translated_sentences=translated, errors=errors,
            support=[s.to_dict() for s in support], unsupported=[f.to_dict() for f in unsupported],
            notes=notes, settings=settings.to_dict(), format=settings.format,
            quotes=[q.to_dict() for q in quotes])

    def add_translations(self, result: SummaryResult, targets: tuple[str, ...],
                         on_progress: ProgressCallback = no_progress) -> SummaryResult:
        """`result` with translations into `targets` it lacks, the summary itself untouched: choosing
        one more language costs one translation, not a new summary."""
        wanted = [t for t in targets if t not in result.translations]
        sentences = [item["sentence"] for item in result.support] or split_sentences(result.summary,
                                                                                       result.language)
        timings = dict(result.timings)
        with _timed(timings, "translate"):
            translated, errors = translate_into(sentences, result.language, wanted, on_progress,
                                                self.settings.runtime)
        kept_errors = {code: message for code, message in result.errors.items() if code not in wanted}
        return replace(result, timings=timings,
                       translations={**result.translations,
                                     **{t: render(result.format, s, t, [Quote(**q) for q in result.quotes])
                                        for t, s in translated.items()}},
                       translated_sentences={**result.translated_sentences, **translated},
                       errors={**kept_errors, **errors},
                       settings={**result.settings, "translate_to": list(dict.fromkeys(
                           [*result.settings.get("translate_to", []), *targets]))})

    def plan(self, text: str, guess: LanguageGuess | None = None) -> Plan:
        """`guess`: the text's language when the caller has detected it already (a page that caches it)."""
        guess = guess if guess is not None and not self.settings.language else self._language(text)
        if self.settings.format == "quotes":  # the article's own words: no model, nothing to fetch
            return Plan(guess, "quotes", None, 1, ())
        if self.settings.engine == "extractive":
            return Plan(guess, "extractive", None, 1, ())
        try:
            route = choose_route(guess.language, self.settings.model)
        except UnsupportedLanguage as error:
            if self.settings.engine == "abstractive":
                raise
            return Plan(guess, "extractive", None, 1, (), str(error))
        missing = tuple(self.models_to_fetch(guess.language))
        entry = describe_summary_model(route.summary_model)
        # Via English the parts are of the translated article, unknown until it is translated.
        loaded = None if route.name == VIA_ENGLISH else loaded_model(route.summary_model, self.settings.runtime)
        if loaded is not None:  # counted as the run will count them
            sentences = Article.read(text, guess.language).sentences
            chunks = len(article_parts(sentences, guess.language, loaded, entry, self.settings.length,
                                       min(loaded.input_limit, entry.input_limit)))
        else:
            chunks = estimate_chunk_count(text, entry.input_limit)
            if entry.one_sentence:  # one sentence a part: a longer preset divides the article further
                chunks = max(chunks, ONE_SENTENCE_PARTS[self.settings.length])
        if missing and not can_download():
            if self.settings.engine == "auto":
                return Plan(guess, "extractive", None, 1, missing, NOT_FETCHABLE)
            return Plan(guess, "abstractive", route.summary_model, chunks, missing, NOT_FETCHABLE,
                        parts_exact=loaded is not None)
        sizes = [size for size in (download_size_mb(m) for m in missing) if size is not None]
        size = sum(sizes) if missing and len(sizes) == len(missing) else None
        return Plan(guess, "abstractive", route.summary_model, chunks, missing, download_mb=size,
                    parts_exact=loaded is not None)

    def models_to_fetch(self, language: str | None) -> list[str]:
        """Models the abstractive route needs that are not on this machine yet (empty when extractive);
        one this process has loaded is here, whatever the cache says."""
        if self.settings.engine == "extractive":
            return []
        try:
            route = choose_route(language, self.settings.model)
        except UnsupportedLanguage:
            return []
        return [m for m in route.model_ids()
                if loaded_model(m, self.settings.runtime) is None and cached_folder(m) is None]

    @staticmethod
    def _deep_check(sentences: list[str], article: Article, support: list[SentenceSupport],
                    unsupported: list[UnsupportedFact], notes: list[str],
                    on_progress: ProgressCallback) -> list[SentenceSupport]:
        """Verdicts from the entailment model; the quick check's stand, with a note, when it cannot run."""
        try:
            model = load_check_model(article.language, on_progress)
        except ModelUnavailable as error:
            logging.getLogger(__name__).warning("deep check skipped: %s", error)
            notes.append("The deep check did not run: its language model is not available on this machine "
                         "(it is downloaded on first use, and the download failed or is not allowed here). "
                         "The verdicts shown are the quick check's.")
            return support
        on_progress(Progress("check", "Checking each summary sentence against the article (deep check)"))
        return with_entailment(support, unsupported, entailment_scores(sentences, article, model),
                               article.sentences)

    def _language(self, text: str) -> LanguageGuess:
        if self.settings.language:
            return LanguageGuess(self.settings.language, 1.0, self.settings.language, "given")
        return detect_language(text)

    def _draft(self, article: Article, timings: dict[str, float], on_progress: ProgressCallback,
               show_draft: bool) -> _Draft:
        engine = self.settings.engine
        if self.settings.format == "quotes":  # the article's own words: no summary is written
            return _Draft([], "extractive", None, None, 1)
        if engine == "extractive":
            return self._extractive(article, timings)
        try:
            route = choose_route(article.language, self.settings.model)
            return self._abstractive(route, article, timings, on_progress, show_draft)
        except (ModelUnavailable, UnsupportedLanguage) as error:
            if engine == "abstractive":
                raise
            on_progress(Progress("fallback", f"Extractive summary instead: {error}"))
            logging.getLogger(__name__).warning("extractive summary instead: %s", error)
            return self._extractive(article, timings, fallback_reason=str(error))

    def _extractive(self, article: Article, timings: dict[str, float],
                    fallback_reason: str | None = None) -> _Draft:
        with _timed(timings, "summarise"):
            summary = summarise_extractive(article, self.settings.length, self.settings.words)
        return _Draft(list(summary.sentences), "extractive", None, None, 1, fallback_reason)

    def _abstractive(self, route: Route, article: Article, timings: dict[str, float],
                     on_progress: ProgressCallback, show_draft: bool) -> _Draft:
        language, sentences = article.language, article.sentences
        entry = describe_summary_model(route.summary_model)
        runtime = self.settings.runtime
        with _timed(timings, "load"):
            model = load_model(route.summary_model, entry.input_limit, on_progress, runtime)
            for translator in (route.to_english, route.from_english):
                if translator:
                    load_model(translator, None, on_progress, runtime)
        if route.name == VIA_ENGLISH:
            assert language is not None
            with _timed(timings, "translate_article"):
                sentences = translate_sentences(sentences, language, "en", on_progress, runtime)
        with _timed(timings, "summarise"):
            summary = summarise_abstractive(sentences, "en" if route.name == VIA_ENGLISH else language,
                                            model, entry, _in_tokens(self.settings, sentences, model),
                                            on_progress, show_draft and route.name != VIA_ENGLISH)
        summary_text = summary.text
        if route.name == VIA_ENGLISH:
            assert language is not None
            with _timed(timings, "translate_article"):
                summary_text = translate_text(summary_text, "en", language, on_progress, runtime)
        return _Draft(split_sentences(summary_text, language) or [summary_text], "abstractive",
                      route.summary_model, route.name, summary.chunks, runtime=model.runtime,
                      notes=(summary.note,) if summary.note else ())


WORD_TARGET_SPREAD = 0.1  # a word target's tokens: this far either side, so the words land within 20 %
TOO_SHORT_FOR_TARGET = 1.5  # an article under one and a half times the word target cannot be cut to it


def _in_tokens(settings: SummarySettings, sentences: list[str], model: Seq2SeqModel) -> SummarySettings:
    """A word target as the model's token budget, at the article's own tokens per word."""
    if settings.words is None:
        return settings
    text = " ".join(sentences)
    per_word = model.count_tokens(text) / max(1, count_words(text))
    tokens = settings.words * per_word
    return settings.with_changes(min_tokens=max(1, round(tokens * (1 - WORD_TARGET_SPREAD))),
                                 max_tokens=max(1, round(tokens * (1 + WORD_TARGET_SPREAD))))


def _notes(article: Article, words: int | None = None) -> list[str]:
    """What a reader should know about the result that is not an error."""
    if words is not None and article.word_count < words * TOO_SHORT_FOR_TARGET:
        return [f"The article is too short for a summary of {length_label(words, article.language)}: it "
                f"has {length_label(article.word_count, article.language)}, so the summary is shorter."]
    if is_already_short(article.word_count, article.language):
        return [f"The article is already short ({length_label(article.word_count, article.language)}): "
                "a summary can only keep a sentence or two of it."]
    return []

