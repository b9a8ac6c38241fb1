import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import catalogue_model_ids

import summarizer.models.registry as models
from summarizer.cli import main
from summarizer.errors import ModelUnavailable
from summarizer.models.catalogue import SUMMARY_MODELS, TRANSLATION_MODELS
from summarizer.models.hub import locate_model
from summarizer.models.registry import load_model
from summarizer.settings import GenerationSettings

pytestmark = pytest.mark.usefixtures("hf_home")


LIMITS = {**{m.model_id: m.input_limit for m in SUMMARY_MODELS.values()},
          **{m.model_id: m.input_limit for m in TRANSLATION_MODELS}}
SENTENCE = "The council approved the budget after a long debate."


@pytest.mark.parametrize("model_id", catalogue_model_ids())
def test_every_catalogue_id_loads_offline(model_id):
    model = load_model(model_id, LIMITS[model_id], runtime="reference")  # conversion: test_fast_path.py
    assert model.model_id == model_id and model.input_limit == LIMITS[model_id]
    ids = model.tokenizer(SENTENCE).input_ids
    assert model.count_tokens(SENTENCE) == len(ids) > 3
    # Round trip (M2M100's source-language token is not a special token in transformers 5).
    assert model.tokenizer.decode(ids, skip_special_tokens=True).strip().endswith(SENTENCE)


def test_model_is_loaded_once_per_process_per_runtime():
    fast = load_model("sshleifer/distilbart-cnn-6-6")
    assert fast is load_model("sshleifer/distilbart-cnn-6-6") and fast.runtime == "fast"
    reference = load_model("sshleifer/distilbart-cnn-6-6", runtime="reference")
    assert reference is not fast and reference.runtime == "reference"


def test_two_threads_asking_at_once_share_one_load(monkeypatch):
    model_id = "Helsinki-NLP/opus-mt-en-it"
    builds = []
    real_build = models.build_model

    def slow_build(*args, **kwargs):
        builds.append(args[0])
        time.sleep(0.3)  # both threads are inside load_model while the first builds
        return real_build(*args, **kwargs)

    monkeypatch.setattr(models, "build_model", slow_build)
    monkeypatch.delitem(models.loaded_models, (model_id, "reference"), raising=False)
    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(lambda _: load_model(model_id, runtime="reference"), range(2))
    assert first is second and builds == [model_id]


def test_generate_respects_requested_length(spy_generate):
    model = load_model("sshleifer/distilbart-cnn-6-6", runtime="reference")
    settings = GenerationSettings(num_beams=2, min_new_tokens=12, max_new_tokens=12)
    with spy_generate(model) as spy:
        [text] = model.generate([SENTENCE], settings)
    [call] = spy.calls
    assert call["output"].shape[1] == 12 + 1  # decoder start token + exactly 12 new tokens
    assert text == model.tokenizer.decode(call["output"][0], skip_special_tokens=True).strip()


def test_local_folder_loads_the_same_model_as_its_id():
    folder = locate_model("sshleifer/distilbart-cnn-6-6")
    by_folder = load_model(folder, runtime="reference")
    by_id = load_model("sshleifer/distilbart-cnn-6-6", runtime="reference")
    assert by_folder is not by_id and by_folder.model_id == folder
    greedy = GenerationSettings(num_beams=1, min_new_tokens=8, max_new_tokens=8)
    assert by_folder.generate([SENTENCE], greedy) == by_id.generate([SENTENCE], greedy)


def test_missing_local_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ModelUnavailable, match="no model folder"):
        locate_model(str(tmp_path / "nothing-here"))


def test_not_cached_offline_names_the_model_and_how_to_fetch(tmp_path, monkeypatch, capsys):
    from huggingface_hub import constants

    model_id = "sshleifer/distilbart-cnn-12-6"
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "empty"))  # a new machine
    for runtime in ("fast", "reference"):
        monkeypatch.delitem(models.loaded_models, (model_id, runtime), raising=False)
    article = tmp_path / "a.txt"
    article.write_text("The council approved the budget on Tuesday.", encoding="utf-8")
    assert main([str(article), "--model", model_id, "--engine", "abstractive"]) == 2
    err = capsys.readouterr().err
    assert model_id in err and "hf download" in err and "offline" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.subprocess
def test_hub_unreachable_names_the_model_and_exits_2(tmp_path, offline_env):
    # Online mode, but the Hub address is a closed local port: the same path as a dead network.
    env = dict(offline_env, HF_HOME=str(tmp_path), HF_HUB_OFFLINE="0", HF_ENDPOINT="http://127.0.0.1:9",
               HF_HUB_ETAG_TIMEOUT="2", HF_HUB_DOWNLOAD_TIMEOUT="2")
    article = tmp_path / "a.txt"
    article.write_text("The council approved the budget on Tuesday.", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "summarizer", str(article), "--engine", "abstractive",
                          "--model", "sshleifer/distilbart-cnn-6-6"], env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 2
    assert "sshleifer/distilbart-cnn-6-6" in run.stderr and "could not be reached" in run.stderr
    assert "Traceback" not in run.stderr


def test_the_least_recently_used_model_leaves_when_the_memory_budget_is_full(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MODEL_MEMORY_MB", "100")
    monkeypatch.setattr(models, "footprint_mb", lambda folder: 60.0)  # two of these do not fit in 100 MB
    monkeypatch.setattr(models, "loaded_models", models.OrderedDict())
    first = load_model("Helsinki-NLP/opus-mt-en-de", runtime="reference")
    assert load_model("Helsinki-NLP/opus-mt-en-de", runtime="reference") is first  # shared while it fits
    second = load_model("Helsinki-NLP/opus-mt-en-fr", runtime="reference")
    assert list(models.loaded_models) == [("Helsinki-NLP/opus-mt-en-fr", "reference")]
    assert first.generate  # the caller that holds the evicted model can still use it
    assert load_model("Helsinki-NLP/opus-mt-en-fr", runtime="reference") is second
    assert load_model("Helsinki-NLP/opus-mt-en-de", runtime="reference") is not first  # loaded again


def test_a_download_reports_megabytes_as_they_arrive_and_the_plan_knows_the_size(tmp_path, monkeypatch):
    """The Hub is out of reach here, so its two calls are replaced: model_info says what the files
    weigh, and snapshot_download writes them into the cache's blob folder in steps."""
    import types

    import summarizer.models.hub as hub
    from summarizer.progress import Progress

    monkeypatch.setattr(hub.constants, "HF_HUB_CACHE", str(tmp_path))
    monkeypatch.setattr(hub, "is_offline", lambda: False)
    monkeypatch.setattr(hub, "PROGRESS_EVERY", 0.05)
    hub._files_to_fetch.cache_clear()
    siblings = [types.SimpleNamespace(rfilename="model.safetensors", size=3_000_000),
                types.SimpleNamespace(rfilename="config.json", size=1_000)]
    monkeypatch.setattr(hub, "HfApi", lambda: types.SimpleNamespace(
        model_info=lambda model_id, files_metadata: types.SimpleNamespace(siblings=siblings)))

    def slow_download(model_id, allow_patterns):
        blobs = tmp_path / "models--org--weights" / "blobs"
        blobs.mkdir(parents=True)
        with open(blobs / "abc.incomplete", "wb") as part:
            for _ in range(3):
                part.write(b"x" * 1_000_000)
                part.flush()
                time.sleep(0.2)
        assert allow_patterns == ["*.json", "*.model", "*.spm", "*.txt", "*.safetensors"]
        return str(tmp_path / "snapshot")

    monkeypatch.setattr(hub, "snapshot_download", slow_download)
    assert hub.download_size_mb("org/weights") == 3.001
    reports: list[Progress] = []
    assert hub._download("org/weights", reports.append) == str(tmp_path / "snapshot")
    megabytes = [p.step for p in reports if p.stage == "download"]
    assert reports[0].total == 3 and megabytes[0] == 0
    assert megabytes == sorted(megabytes) and max(megabytes) >= 2  # it grew while the files came
    hub._files_to_fetch.cache_clear()


def test_a_size_the_hub_did_not_give_is_not_asked_for_again_for_a_while(monkeypatch):
    import summarizer.models.hub as hub

    asked, now = [], [0.0]

    def unreachable(model_id):
        asked.append(model_id)
        raise OSError("no route to the Hub")

    monkeypatch.setattr(hub, "is_offline", lambda: False)
    monkeypatch.setattr(hub, "_files_to_fetch", unreachable)
    monkeypatch.setattr(hub, "_failed_lookups", {})
    clock = lambda: now[0]  # noqa: E731
    assert hub.download_size_mb("org/model", clock) is None
    assert hub.download_size_mb("org/model", clock) is None
    assert asked == ["org/model"]
    now[0] = hub.FAILED_LOOKUP_SECONDS + 1
    assert hub.download_size_mb("org/model", clock) is None
    assert asked == ["org/model", "org/model"]



def test_whether_the_hub_can_be_reached_is_asked_once_a_while_and_offline_asks_nothing(monkeypatch):
    import summarizer.models.hub as hub

    asked, now = [], [0.0]
    clock = lambda: now[0]  # noqa: E731

    def unreachable() -> bool:
        asked.append(now[0])
        return False

    monkeypatch.setattr(hub, "_last_check", [])
    monkeypatch.setattr(hub, "is_offline", lambda: False)
    assert hub.can_download(clock, unreachable) is False
    now[0] = hub.HUB_CHECK_KEPT - 1
    assert hub.can_download(clock, lambda: True) is False  # the answer stands a while ...
    assert asked == [0.0]
    now[0] = hub.HUB_CHECK_KEPT + 1
    assert hub.can_download(clock, lambda: True) is True  # ... then the Hub is asked again
    monkeypatch.setattr(hub, "is_offline", lambda: True)
    assert hub.can_download(clock, unreachable) is False and asked == [0.0]


def test_a_missing_model_fails_at_once_with_plain_words_when_the_hub_does_not_answer(monkeypatch, tmp_path):
    import summarizer.models.hub as hub

    monkeypatch.setattr(hub.constants, "HF_HUB_CACHE", str(tmp_path))
    monkeypatch.setattr(hub, "is_offline", lambda: False)
    monkeypatch.setattr(hub, "_last_check", [])
    monkeypatch.setattr(hub, "_ask_hub", lambda: False)
    monkeypatch.setattr(hub, "_download", lambda *a: pytest.fail("no download without the Hub"))
    with pytest.raises(ModelUnavailable) as refused:
        hub.locate_model("org/absent")
    assert "cannot be downloaded right now" in refused.value.reader


def test_the_hub_check_waits_no_longer_than_its_bound_whatever_hangs(monkeypatch):
    import summarizer.models.hub as hub

    class Hanging:
        def head(self, *args, **kwargs):
            time.sleep(30)  # a name lookup the HTTP timeout does not cover

    monkeypatch.setattr("huggingface_hub.utils.get_session", lambda: Hanging())
    monkeypatch.setattr(hub, "HUB_CHECK_SECONDS", 0.2)
    started = time.monotonic()
    assert hub._ask_hub() is False
    assert time.monotonic() - started < 2
