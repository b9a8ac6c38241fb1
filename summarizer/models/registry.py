"""Load each model once per process and share it between callers (CLI, app sessions, batch jobs)."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer import config
from summarizer.errors import ModelUnavailable
from summarizer.models.catalogue import (
    CHECK_MODELS,
    ENTAILMENT_MODEL,
    NLI_MODEL,
    SUMMARY_MODELS,
    check_model_for,
    is_translation_model,
)
from summarizer.models.hub import locate_model
from summarizer.models.runtime import Seq2SeqModel, TransformersModel
from summarizer.progress import Progress, ProgressCallback, no_progress

if TYPE_CHECKING:
    from summarizer.checks.entailment import EntailmentModel

# (model id, runtime) -> the process's one instance: a Seq2SeqModel for the "fast" and "reference"
# runtimes, an EntailmentModel for "entailment". A caller that builds a model itself (a test's fake) may
# place it here, and every front end then gets it from `load_model` / `load_entailment_model`.
loaded_models: OrderedDict[tuple[str, str], Any] = OrderedDict()  # least recently used first
_footprints: dict[tuple[str, str], float] = {}  # MB each loaded model is counted as
_locks: defaultdict[tuple[str, str], threading.Lock] = defaultdict(threading.Lock)
_locks_guard = threading.Lock()
ENTAILMENT = "entailment"


def load_model(model_id: str, input_limit: int | None = None,
               on_progress: ProgressCallback = no_progress, runtime: str = "fast") -> Seq2SeqModel:
    """The shared instance for `model_id` on `runtime`; concurrent callers wait for one load.

    "fast" falls back to the reference runtime, with a progress note, when the model cannot be
    converted (an architecture CTranslate2 lacks, or ctranslate2 not installed).
    """
    return _shared(model_id, runtime, on_progress,
                   lambda folder: build_model(model_id, folder, input_limit, on_progress, runtime))


def load_entailment_model(model_id: str, on_progress: ProgressCallback = no_progress) -> EntailmentModel:
    """The shared classifier for the deep check, downloaded on first use like every other model."""
    from summarizer.checks.entailment import classifier_for

    scoring = next((m.scoring for m in CHECK_MODELS if m.model_id == model_id), "nli")

    def build(folder: str) -> EntailmentModel:
        try:
            return classifier_for(scoring, model_id, folder)
        except (OSError, ValueError, KeyError) as error:
            raise ModelUnavailable(model_id, f"model {model_id} could not be loaded from {folder}: "
                                              f"{error}") from None

    return _shared(model_id, ENTAILMENT, on_progress, build)


def load_check_model(language: str | None, on_progress: ProgressCallback = no_progress) -> EntailmentModel:
    """The deep check's model for a summary in `language`: the specialist that covers it (English), else,
    or where the specialist cannot be had, the multilingual NLI model."""
    entry = check_model_for(language)
    if entry is not ENTAILMENT_MODEL:
        try:
            return load_entailment_model(entry.model_id, on_progress)
        except ModelUnavailable as error:
            logging.getLogger(__name__).warning("deep check: %s unavailable, using %s: %s", entry.model_id,
                                                NLI_MODEL, error)
            on_progress(Progress("load", "The English fact checker is not available here: using the "
                                         "multilingual one instead"))
    return load_entailment_model(NLI_MODEL, on_progress)


def loaded_model(model_id: str, runtime: str) -> Seq2SeqModel | None:
    """The model if this process has it loaded already (nothing is loaded or fetched)."""
    with _locks_guard:
        return loaded_models.get((model_id, runtime))


def _shared(model_id: str, runtime: str, on_progress: ProgressCallback, build: Callable[[str], Any]) -> Any:
    key = (model_id, runtime)
    with _locks_guard:
        if key in loaded_models:
            loaded_models.move_to_end(key)
            return loaded_models[key]
        lock = _locks[key]
    with lock:
        if key not in loaded_models:
            folder = locate_model(model_id, on_progress)
            on_progress(Progress("load", f"Loading the model {model_id}"))
            model = build(folder)
            with _locks_guard:
                loaded_models[key] = model
                _footprints[key] = footprint_mb(folder)
                _evict(keep=key)
        return loaded_models[key]


def footprint_mb(folder: str) -> float:
    """What a loaded model is counted as: the size of its weight files (a fair upper bound for the int8
    fast runtime, about right in full precision)."""
    weights = [p for p in Path(folder).iterdir() if p.suffix in (".safetensors", ".bin")]
    return sum(p.stat().st_size for p in weights) / 1e6


def _evict(keep: tuple[str, str]) -> None:
    """Drop the least recently used models until the rest fit SUMMARIZER_MODEL_MEMORY_MB. A model in use
    stays alive for its caller; it is only no longer shared."""
    budget = config.current().model_memory_mb
    while sum(_footprints.get(k, 0.0) for k in loaded_models) > budget and len(loaded_models) > 1:
        oldest = next(k for k in loaded_models if k != keep)
        loaded_models.pop(oldest)
        _footprints.pop(oldest, None)


def vocabulary_map_languages(model_id: str) -> tuple[str, ...]:
    """The languages whose frequent words a summariser's vocabulary map allows; none (no map) for a
    translator, an uncatalogued model, a many-language one (its 250,000-token vocabulary would need every
    language's list) or where SUMMARIZER_VOCABULARY_MAP=0."""
    entry = SUMMARY_MODELS.get(model_id)
    if entry is None or not config.current().vocabulary_map or "*" in entry.languages \
            or len(entry.languages) > 3:
        return ()
    return entry.languages


def build_model(model_id: str, folder: str, input_limit: int | None = None,
                on_progress: ProgressCallback = no_progress, runtime: str = "fast") -> Seq2SeqModel:
    """A new instance, as `load_model` makes one (the benchmark builds its random models here too)."""
    try:
        if runtime == "fast":
            try:
                from summarizer.models.fast_runtime import FastModel

                threads = 1 if is_translation_model(model_id) else None
                return FastModel(model_id, folder, input_limit, on_progress, threads=threads,
                                 map_languages=vocabulary_map_languages(model_id))
            except (ImportError, ModelUnavailable) as error:
                logging.getLogger(__name__).warning("fast runtime unavailable for %s: %s", model_id, error)
                on_progress(Progress("load", "The faster copy of this model cannot be made here: using the "
                                             "full-precision model, which is slower"))
        return TransformersModel(model_id, folder, input_limit)
    except (OSError, ValueError, KeyError) as error:
        raise ModelUnavailable(model_id, f"model {model_id} could not be loaded from {folder}: "
                                          f"{error}") from None
