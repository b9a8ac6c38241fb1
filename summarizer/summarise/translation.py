"""Translate text sentence by sentence, in batches, so no sentence is dropped and order is kept."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import replace
from functools import partial
from typing import TypeVar

from summarizer.checks.faithfulness import ArticleTranslation
from summarizer.errors import SummarizerError, UnsupportedLanguage
from summarizer.languages import language_name
from summarizer.models.catalogue import TranslationModel, translation_model_for
from summarizer.models.registry import load_model
from summarizer.models.runtime import Seq2SeqModel, cpu_threads
from summarizer.progress import Progress, ProgressCallback, no_progress
from summarizer.settings import GenerationSettings
from summarizer.text.article import Article
from summarizer.text.segmentation import join_sentences, split_sentences

T = TypeVar("T")
UNCERTAIN_SOURCE = "the article's language is uncertain"  # a failure the front ends tell apart
BATCH_SIZE = 8
# One beam count for every translator, so languages translated side by side cost alike: the OPUS-MT
# repositories publish 4 or 6, M2M100 5 (see the README's settings table).
TRANSLATION_BEAMS = 4


def translation_length(entry: TranslationModel, longest_input_tokens: int) -> int:
    """New tokens allowed for a batch: twice its longest sentence and some, so a decoder stuck in a loop
    stops early, and never past the model's published `max_length` (which counts the start token)."""
    return min(entry.published_max_length - 1, 2 * longest_input_tokens + 16)


def _target_token(entry: TranslationModel, target: str) -> tuple[str, str | None]:
    """(text prefix, forced first token): multi-target opus-mt wants `>>xxx<<` in the text,
    M2M100 wants `__xx__` forced as the first generated token."""
    if entry.architecture == "m2m100":
        return "", f"__{target}__"
    token = entry.targets[target]
    return (f"{token} " if token else ""), None


def _model_for(source: str, target: str, on_progress: ProgressCallback,
               runtime: str) -> tuple[TranslationModel, Seq2SeqModel]:
    entry = translation_model_for(source, target)
    if entry is None:
        raise UnsupportedLanguage(f"no model translates {language_name(source)} to {language_name(target)}")
    return entry, load_model(entry.model_id, entry.input_limit, on_progress, runtime)


def translate_sentences(sentences: list[str], source: str, target: str,
                        on_progress: ProgressCallback = no_progress, runtime: str = "fast") -> list[str]:
    """One output per input sentence, in order. Source = target returns the sentences as they are."""
    if source == target:
        return list(sentences)
    entry, model = _model_for(source, target, on_progress, runtime)
    prefix, forced = _target_token(entry, target)
    limit = model.input_limit - model.count_tokens(prefix) if prefix else model.input_limit
    # A sentence longer than the model's input is translated in pieces and the pieces re-joined.
    pieces = [model.split_by_tokens(s, limit) if model.count_tokens(s) > limit else [s] for s in sentences]
    flat = [prefix + p for group in pieces for p in group]
    outputs: list[str] = []
    for start in range(0, len(flat), BATCH_SIZE):
        batch = flat[start:start + BATCH_SIZE]
        longest = max(model.count_tokens(t) for t in batch)
        settings = GenerationSettings(num_beams=TRANSLATION_BEAMS, min_new_tokens=1,
                                      max_new_tokens=translation_length(entry, longest), length_penalty=1.0,
                                      no_repeat_ngram_size=0)
        outputs += model.generate(batch, settings, source_language=source, target_token=forced)
    translated, position = [], 0
    for group in pieces:
        translated.append(join_sentences(outputs[position:position + len(group)], target))
        position += len(group)
    return translated


def article_translation(on_progress: ProgressCallback = no_progress, runtime: str = "fast") -> ArticleTranslation:
    """The fact check's way to an article in a summary's language: translated sentence for sentence, so
    each sentence keeps its place; None where no model translates the pair or it cannot be had."""
    def translate(article: Article, target: str) -> Article | None:
        if not article.language:
            return None
        try:
            sentences = translate_sentences(article.sentences, article.language, target, on_progress, runtime)
        except SummarizerError as error:
            logging.getLogger(__name__).warning("article not translated for the check: %s", error)
            return None
        segments = tuple(replace(segment, text=text) for segment, text in zip(article.segments, sentences))
        return Article(join_sentences(sentences, target), target, segments)

    return translate


def translate_text(text: str, source: str, target: str,
                   on_progress: ProgressCallback = no_progress, runtime: str = "fast") -> str:
    if source == target:
        return text
    sentences = split_sentences(text, source)
    return join_sentences(translate_sentences(sentences, source, target, on_progress, runtime), target)


def side_by_side(jobs: list[Callable[[], T]]) -> Iterator[tuple[int, Future[T]]]:
    """Each job's index and finished future, in the order they finish, as many at once as there are
    cores. Jobs that compute on one core each (translators) then share the machine instead of queueing."""
    with ThreadPoolExecutor(max_workers=max(1, min(len(jobs), cpu_threads()))) as pool:
        futures = {pool.submit(job): index for index, job in enumerate(jobs)}
        for future in as_completed(futures):
            yield futures[future], future


def translate_into(sentences: list[str], source: str | None, targets: list[str],
                   on_progress: ProgressCallback = no_progress, runtime: str = "fast"
                   ) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Sentence-aligned translations that worked, and a clear message for each that did not;
    one failure spoils no other.

    The models load one after another, so download and conversion messages reach `on_progress` from
    this thread; the languages are then translated side by side, as many at once as there are cores
    (each translator computes on one, see `FastModel`)."""
    if not targets:
        return {}, {}
    if source is None:
        return {}, {t: f"{UNCERTAIN_SOURCE}, so it cannot be translated; choose its language explicitly"
                    for t in targets}
    names = ", ".join(language_name(t) for t in targets)
    errors: dict[str, str] = {}
    on_progress(Progress("translate", f"Translating into {names}"))
    for target in targets:
        try:
            if target != source:
                _model_for(source, target, on_progress, runtime)
        except SummarizerError as error:
            errors[target] = str(error)
    runnable = [t for t in targets if t not in errors]
    finished: dict[str, list[str]] = {}
    jobs = [partial(translate_sentences, sentences, source, target, no_progress, runtime)
            for target in runnable]
    for done, (index, future) in enumerate(side_by_side(jobs), 1):
        try:
            finished[runnable[index]] = future.result()
        except SummarizerError as error:
            errors[runnable[index]] = str(error)
        on_progress(Progress("translate", f"Translating into {names}: {done} of {len(runnable)} done",
                             done, len(runnable)))
    return {t: finished[t] for t in targets if t in finished}, {t: errors[t] for t in targets if t in errors}
