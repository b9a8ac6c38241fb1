"""Every test runs offline. Flow tests use `FakeModel` (tests/fake_model.py); tests of the engines use
tiny random models of the real architectures in a private Hugging Face cache.

HF_HOME is set here, before anything imports huggingface_hub (which reads it at import). The cache is
built lazily, once per session, by the `hf_home` fixture: only tests that load real models pay for it.
Set TINY_HF_HOME to reuse a cache built earlier with `python tests/tiny_models.py DIR`.
"""

from __future__ import annotations

import fcntl
import os
import socket
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

def _tiny_hf_home() -> Path:
    """TINY_HF_HOME if set; else one folder per test run, shared by pytest-xdist's workers."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if os.environ.get("TINY_HF_HOME"):
        folder = Path(os.environ["TINY_HF_HOME"])
    elif run:
        folder = Path(tempfile.gettempdir()) / f"tiny-hf-{run}"
    else:
        return Path(tempfile.mkdtemp(prefix="tiny-hf-"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


TINY_HF_HOME = _tiny_hf_home()
os.environ["HF_HOME"] = str(TINY_HF_HOME)
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.pop("HF_HUB_CACHE", None)
os.environ["SUMMARIZER_DATABASE"] = str(Path(tempfile.mkdtemp(prefix="summarizer-db-")) / "shared.sqlite3")

from fake_model import FakeEntailment, FakeModel, fake_catalogue  # noqa: E402

DATA = ROOT / "tests" / "data"
BUILT_MARKER = ".tiny-models-built-4"  # bump when tiny_models gains a model


MARKERS = {
    "browser": "drives a real Chromium against `streamlit run app.py`",
    "postgres": "starts a real PostgreSQL server",
    "models": "loads tiny random models of the real architectures (builds their cache once)",
    "app": "runs the page script through Streamlit's AppTest",
    "subprocess": "starts Python in a new process (seconds of imports each)",
    "unit": "none of the above: `pytest -m unit tests` runs these alone, in seconds",
}


def pytest_configure(config) -> None:
    for name, meaning in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {meaning}")


def pytest_collection_modifyitems(items) -> None:
    """A test that uses the tiny-model cache is marked `models`; one with no heavy marker is `unit`."""
    for item in items:
        if "hf_home" in item.fixturenames:
            item.add_marker("models")
        if not any(item.get_closest_marker(name) for name in MARKERS if name != "unit"):
            item.add_marker("unit")


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def catalogue_model_ids() -> list[str]:
    """Every summariser and translator the catalogue names (the deep check's model apart)."""
    from summarizer.models.catalogue import SUMMARY_MODELS, TRANSLATION_MODELS

    return [*SUMMARY_MODELS, *(m.model_id for m in TRANSLATION_MODELS)]


def paragraph(language: str) -> str:
    return (DATA / "paragraphs" / f"{language}.txt").read_text(encoding="utf-8").strip()


@pytest.fixture(autouse=True)
def environment_read_afresh(monkeypatch):
    """The library reads the environment once per process (`config.current`); a test that changes it
    with `monkeypatch.setenv` or `delenv` gets a configuration read from the changed environment."""
    from summarizer import config

    def afresh(method):
        def changed(*args, **kwargs):
            method(*args, **kwargs)
            config.forget()
        return changed

    config.forget()
    monkeypatch.setattr(monkeypatch, "setenv", afresh(monkeypatch.setenv))
    monkeypatch.setattr(monkeypatch, "delenv", afresh(monkeypatch.delenv))
    yield
    config.forget()


@pytest.fixture(scope="session")
def hf_home() -> Path:
    """The tiny-model cache, with every catalogue id; built on first use (a few seconds)."""
    with open(TINY_HF_HOME / ".build-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worker may be building it right now
        if not (TINY_HF_HOME / BUILT_MARKER).is_file():
            import tiny_models

            tiny_models.build_all(TINY_HF_HOME)
            (TINY_HF_HOME / BUILT_MARKER).touch()
    return TINY_HF_HOME


class FakeModels(dict):
    """(model id, runtime) -> the FakeModel answering for it; `fakes(model_id)` is the fast one."""

    def __call__(self, model_id: str, runtime: str = "fast") -> FakeModel:
        return self[(model_id, runtime)]

    def entailment(self, model_id: str | None = None) -> FakeEntailment:
        """A deep check model's fake: the multilingual NLI model's unless `model_id` names another."""
        from summarizer.models.catalogue import NLI_MODEL
        from summarizer.models.registry import ENTAILMENT

        return self[(model_id or NLI_MODEL, ENTAILMENT)]


@pytest.fixture
def fake_models(monkeypatch, tmp_path) -> FakeModels:
    """Every catalogue model answered by a FakeModel on both runtimes. The Hugging Face cache is empty
    for the test, so an id it drops from `loaded_models` is "not downloaded", as on a new machine."""
    from huggingface_hub import constants

    import summarizer.models.registry as models

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "empty-hf-cache"))
    fakes = FakeModels(fake_catalogue())
    for key, fake in fakes.items():
        monkeypatch.setitem(models.loaded_models, key, fake)
    return fakes


@pytest.fixture
def offline_env() -> dict[str, str]:
    """Environment for running the real CLI in a subprocess (no tiny models: see `hf_home`)."""
    return dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT))


@pytest.fixture
def long_english() -> str:
    """About 6,000 words of varied English news-like text: several chunks for any catalogue model."""
    base = paragraph("en")
    sentences = [f"Report {i}: {base}" for i in range(150)]
    return "\n\n".join(sentences)


class GenerateSpy:
    """Records what a loaded model's engine was given, on either runtime.

    Each call records `input_ids` (one list of ids per text), `forced_id` (the token forced first,
    or None) and, on the reference runtime, the raw `kwargs` and `output` of `generate`.
    """

    def __init__(self, model) -> None:
        self.model = model
        self.calls: list[dict] = []

    def __enter__(self) -> GenerateSpy:
        if self.model.runtime == "reference":
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

    from news_site import Handler, NewsServer

    server = NewsServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
