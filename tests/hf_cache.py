"""The Hugging Face cache layout (`hub/models--ORG--NAME/snapshots/REV/` plus `refs/main`), so models
written by the tests load through `snapshot_download(local_files_only=True)` like downloaded ones."""

from __future__ import annotations

from pathlib import Path

REVISION = "0" * 39 + "1"


def snapshot_dir(cache: Path, model_id: str) -> Path:
    """The snapshot folder of `model_id` under the cache root `cache` (HF_HOME), created if needed."""
    repo = cache / "hub" / ("models--" + model_id.replace("/", "--"))
    (repo / "refs").mkdir(parents=True, exist_ok=True)
    (repo / "refs" / "main").write_text(REVISION)
    folder = repo / "snapshots" / REVISION
    folder.mkdir(parents=True, exist_ok=True)
    return folder
