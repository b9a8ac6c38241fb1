"""Find a model's files: a local folder, the Hugging Face cache, or a download from the Hub."""

from __future__ import annotations

import fnmatch
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from functools import lru_cache
from pathlib import Path

from huggingface_hub import HfApi, constants, snapshot_download
from huggingface_hub.errors import (
    GatedRepoError,
    LocalEntryNotFoundError,
    RepositoryNotFoundError,
)

from summarizer import config
from summarizer.errors import ModelUnavailable
from summarizer.progress import Progress, ProgressCallback, no_progress

PROGRESS_EVERY = 0.5  # seconds between download progress reports
# Tokenizer and config files of every kind the catalogue uses; weights are chosen separately.
_SUPPORT_FILES = ["*.json", "*.model", "*.spm", "*.txt"]


def is_local_folder(model_id: str) -> bool:
    return model_id.startswith((".", "/", "~")) or Path(model_id).expanduser().is_dir()


def is_offline() -> bool:
    return constants.HF_HUB_OFFLINE or config.current().offline


HUB_CHECK_SECONDS = 3.0     # how long one reachability check may wait for the Hub
HUB_CHECK_KEPT = 60.0       # how long its answer stands, reached or not
_last_check: list[tuple[float, bool]] = []  # (when, reached): the latest answer


def _ask_hub() -> bool:
    """Any HTTP answer from the Hub's address means a download can start; no answer within
    HUB_CHECK_SECONDS means it cannot. The request runs in a daemon thread so that a name lookup,
    which the HTTP timeout does not cover, cannot hold the caller longer either."""
    from huggingface_hub.utils import get_session

    answered = threading.Event()

    def ask() -> None:
        try:
            get_session().head(constants.ENDPOINT, timeout=HUB_CHECK_SECONDS)
            answered.set()
        except Exception:  # DNS, refused, timeout, TLS, proxy: all mean "cannot download now"
            pass

    threading.Thread(target=ask, daemon=True, name="hub-check").start()
    return answered.wait(HUB_CHECK_SECONDS)


def can_download(clock: Callable[[], float] = time.monotonic, ask: Callable[[], bool] | None = None) -> bool:
    """Whether a missing model could be fetched now: not told to stay offline, and the Hub answered
    within HUB_CHECK_SECONDS at most HUB_CHECK_KEPT ago. A plan says "downloaded first" only on this,
    so it never promises a download that cannot happen."""
    if is_offline():
        return False
    if _last_check and clock() - _last_check[0][0] < HUB_CHECK_KEPT:
        return _last_check[0][1]
    reached = (ask or _ask_hub)()
    _last_check[:] = [(clock(), reached)]
    return reached


def cached_folder(model_id: str) -> str | None:
    """The model's folder if it is on this machine already, without touching the network."""
    if is_local_folder(model_id):
        path = Path(model_id).expanduser()
        return str(path) if path.is_dir() else None
    try:
        return snapshot_download(model_id, local_files_only=True)
    except (LocalEntryNotFoundError, ValueError):
        return None


def fetch_instructions(model_id: str) -> str:
    return (f"On a machine with internet run `hf download {model_id}` (or any command of this tool "
            f"with that model once), then copy its Hugging Face cache folder ({constants.HF_HOME}) here "
            "or point HF_HOME at a copy.")


def locate_model(model_id: str, on_progress: ProgressCallback = no_progress) -> str:
    """A folder holding the model, downloading it into the standard cache when needed."""
    folder = cached_folder(model_id)
    if folder:
        return folder
    if is_local_folder(model_id):
        raise ModelUnavailable(model_id, f"no model folder at {Path(model_id).expanduser()}")
    if is_offline():
        raise ModelUnavailable(model_id, f"model {model_id} is not downloaded and this machine is "
                                          f"offline (HF_HUB_OFFLINE is set). {fetch_instructions(model_id)}",
                               f"The AI model {model_id} is not on this server, and this server does not "
                               "download models.")
    if not can_download():
        raise ModelUnavailable(model_id, f"model {model_id} is not downloaded and the Hugging Face Hub "
                                         f"could not be reached ({constants.ENDPOINT} did not answer "
                                         f"within {HUB_CHECK_SECONDS:g} s). {fetch_instructions(model_id)}",
                               f"The AI model {model_id} is not on this server and cannot be downloaded "
                               "right now. Try again later.")
    return _download(model_id, on_progress)


@lru_cache(maxsize=64)
def _files_to_fetch(model_id: str) -> tuple[tuple[str, ...], float]:
    """The file patterns to download and their total size in MB (asks the Hub once per process)."""
    info = HfApi().model_info(model_id, files_metadata=True)
    files = {s.rfilename: (s.size or 0) for s in info.siblings or []}
    patterns = _SUPPORT_FILES + _weight_patterns(list(files))
    size = sum(size for name, size in files.items() if any(fnmatch.fnmatch(name, p) for p in patterns))
    return tuple(patterns), size / 1e6


FAILED_LOOKUP_SECONDS = 300.0  # a size the Hub did not give is not asked for again for this long
_failed_lookups: dict[str, float] = {}  # model id -> when the Hub last failed to answer


def download_size_mb(model_id: str, clock: Callable[[], float] = time.monotonic) -> float | None:
    """How much `locate_model` would download for this model, or None when it cannot be known now. A
    failure is remembered for FAILED_LOOKUP_SECONDS: a server that cannot reach the Hub would otherwise
    wait for the same failed request on every plan."""
    if is_offline() or is_local_folder(model_id):
        return None
    failed = _failed_lookups.get(model_id)
    if failed is not None and clock() - failed < FAILED_LOOKUP_SECONDS:
        return None
    try:
        return _files_to_fetch(model_id)[1]
    except Exception:  # unreachable, unknown, gated: the page simply does not show a size
        if len(_failed_lookups) > 1_000:
            _failed_lookups.clear()
        _failed_lookups[model_id] = clock()
        return None


def _download(model_id: str, on_progress: ProgressCallback) -> str:
    try:
        patterns, size_mb = _files_to_fetch(model_id)
        on_progress(Progress("download", f"Downloading {model_id} ({size_mb:,.0f} MB, first use only)",
                             0, round(size_mb)))
        return _with_progress(model_id, list(patterns), size_mb, on_progress)
    except RepositoryNotFoundError:
        raise ModelUnavailable(model_id, f"there is no model named {model_id} on the Hugging Face Hub "
                                         "(check the spelling, or give a local folder)",
                               f"There is no model called {model_id}; check the spelling.") from None
    except GatedRepoError:
        raise ModelUnavailable(model_id, f"model {model_id} is gated: accept its terms on the Hub and "
                                         "log in with `hf auth login`",
                               f"The model {model_id} needs an account to download; choose another "
                               "model.") from None
    except Exception as error:  # network, TLS, proxy, disk: all mean "could not fetch"
        raise ModelUnavailable(model_id, f"model {model_id} is not downloaded and the Hugging Face Hub "
                                         f"could not be reached ({type(error).__name__}: {error}). "
                                         f"{fetch_instructions(model_id)}",
                               f"The AI model {model_id} is not on this server and could not be downloaded "
                               "just now. Try again later.") from None


def _with_progress(model_id: str, patterns: list[str], size_mb: float, on_progress: ProgressCallback) -> str:
    """snapshot_download in a worker thread while this thread reports the megabytes in the cache's blob
    folder every half second: the caller's thread is the one allowed to draw progress on a page."""
    blobs = Path(constants.HF_HUB_CACHE) / f"models--{model_id.replace('/', '--')}" / "blobs"
    with ThreadPoolExecutor(1) as pool:
        download = pool.submit(snapshot_download, model_id, allow_patterns=patterns)
        while True:
            try:
                return download.result(timeout=PROGRESS_EVERY)
            except FutureTimeout:
                done = sum(p.stat().st_size for p in blobs.glob("*") if p.is_file()) / 1e6 \
                    if blobs.is_dir() else 0.0
                on_progress(Progress("download", f"Downloading {model_id}: {done:,.0f} of {size_mb:,.0f} MB",
                                     round(min(done, size_mb)), round(size_mb)))


def _weight_patterns(files: list[str]) -> list[str]:
    """Prefer safetensors; fall back to the PyTorch .bin some models (mT5 XL-Sum) ship alone."""
    if any(name.endswith(".safetensors") for name in files):
        return ["*.safetensors"]
    return ["pytorch_model*.bin"]
