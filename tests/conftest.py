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
    """Records what a loaded model's engine was given, on either backend.

    Each call records `input_ids` (one list of ids per text), `forced_id` (the token forced first,
    or None) and, on the reference path, the raw `kwargs` and `output` of `generate`.
    """

    def __init__(self, model) -> None:
        self.model = model
        self.calls: list[dict] = []

    def __enter__(self) -> GenerateSpy:
        if self.model.backend == "reference":
            self._wrap_transformers()
        else:
            self._wrap_ctranslate2()
        return self

    def _wrap_transformers(self) -> None:
        inner = self.model.model
        original = inner.generate

        def spy(*args, **kwargs):
            output = original(*args, **kwargs)
            self.calls.append({"kwargs": kwargs, "input_ids": kwargs["input_ids"].tolist(),
                               "forced_id": kwargs.get("forced_bos_token_id"), "output": output.clone()})
            return output

        inner.generate = spy
        self._undo = lambda: setattr(inner, "generate", original)

    def _wrap_ctranslate2(self) -> None:
        model, spy = self.model, self
        translator = model.translator

        class Recorder:
            def translate_batch(self, source, **options):
                prefix = options.get("target_prefix")
                results = translator.translate_batch(source, **options)
                spy.calls.append({
                    "input_ids": [model.tokenizer.convert_tokens_to_ids(tokens) for tokens in source],
                    "forced_id": model.tokenizer.convert_tokens_to_ids(prefix[0][0]) if prefix else None,
                    "options": options,
                    "output_ids": [[model.output_ids[t] for t in r.hypotheses[0]] for r in results]})
                return results

        model.translator = Recorder()
        self._undo = lambda: setattr(model, "translator", translator)

    def __exit__(self, *exc) -> None:
        self._undo()


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
