"""Every test runs offline against tiny random models in a private Hugging Face cache.

The cache is built once per session, before anything imports huggingface_hub (which reads HF_HOME
at import). Set TINY_HF_HOME to reuse a cache built earlier with `python tests/tiny_models.py DIR`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

TINY_HF_HOME = Path(os.environ.get("TINY_HF_HOME") or tempfile.mkdtemp(prefix="tiny-hf-"))
os.environ["HF_HOME"] = str(TINY_HF_HOME)
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.pop("HF_HUB_CACHE", None)
os.environ["SUMMARIZER_DATABASE"] = str(TINY_HF_HOME / "shared-results.sqlite3")

import tiny_models  # noqa: E402

if not (TINY_HF_HOME / "hub").is_dir():
    tiny_models.build_all(TINY_HF_HOME)

DATA = ROOT / "tests" / "data"


def paragraph(language: str) -> str:
    return (DATA / "paragraphs" / f"{language}.txt").read_text(encoding="utf-8").strip()


@pytest.fixture(scope="session")
def hf_home() -> Path:
    return TINY_HF_HOME


@pytest.fixture
def offline_env(hf_home: Path) -> dict[str, str]:
    """Environment for running the real CLI in a subprocess against the tiny cache."""
    env = dict(os.environ, HF_HOME=str(hf_home), HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT))
    return env


@pytest.fixture
def long_english() -> str:
    """About 6,000 words of varied English news-like text: several chunks for any catalogue model."""
    base = paragraph("en")
    sentences = [f"Report {i}: {base}" for i in range(150)]
    return "\n\n".join(sentences)


class GenerateSpy:
    """Wraps a loaded model's `generate` to record what it was given and what it produced."""

    def __init__(self, model) -> None:
        self.model = model
        self.calls: list[dict] = []

    def __enter__(self) -> "GenerateSpy":
        inner = self.model.model
        original = inner.generate

        def spy(*args, **kwargs):
            output = original(*args, **kwargs)
            self.calls.append({"kwargs": kwargs, "input_ids": kwargs["input_ids"].clone(),
                               "output": output.clone()})
            return output

        self._original = original
        inner.generate = spy
        return self

    def __exit__(self, *exc) -> None:
        self.model.model.generate = self._original


@pytest.fixture
def spy_generate():
    return GenerateSpy


@pytest.fixture(scope="session")
def site():
    """The local news site (tests/news_site.py) on a free loopback port."""
    import threading
    from http.server import ThreadingHTTPServer

    from news_site import Handler

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
