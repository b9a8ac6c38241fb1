"""Load each model once per process and share it between callers (CLI, app sessions, batch jobs)."""

from __future__ import annotations

import threading
from collections import defaultdict

from .backend import Seq2SeqModel, TransformersModel
from .errors import ModelUnavailable
from .hub import locate_model
from .progress import Progress, ProgressCallback, no_progress

_loaded: dict[str, Seq2SeqModel] = {}
_locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
_locks_guard = threading.Lock()


def load_model(model_ref: str, input_limit: int | None = None,
               on_progress: ProgressCallback = no_progress) -> Seq2SeqModel:
    """The shared instance for `model_ref`; concurrent callers wait for one load, not several."""
    if model_ref in _loaded:
        return _loaded[model_ref]
    with _locks_guard:
        lock = _locks[model_ref]
    with lock:
        if model_ref not in _loaded:
            folder = locate_model(model_ref, on_progress)
            on_progress(Progress("load", f"Loading {model_ref}"))
            try:
                _loaded[model_ref] = TransformersModel(model_ref, folder, input_limit)
            except (OSError, ValueError, KeyError) as error:
                raise ModelUnavailable(model_ref, f"model {model_ref} could not be loaded from {folder}: "
                                                  f"{error}") from None
    return _loaded[model_ref]


def unload_all() -> None:
    """Forget loaded models (tests use this to simulate a fresh process)."""
    _loaded.clear()
