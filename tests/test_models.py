import subprocess
import sys

import pytest

from summarizer.catalogue import all_model_ids
from summarizer.errors import ModelUnavailable
from summarizer.hub import locate_model
from summarizer.models import load_model
from summarizer.settings import GenerationSettings


@pytest.mark.parametrize("model_id", all_model_ids())
def test_every_catalogue_id_loads_offline(model_id):
    model = load_model(model_id)
    assert model.input_limit in (512, 1024)
    assert model.count_tokens("The council approved the budget.") > 3


def test_model_is_loaded_once_per_process_per_backend():
    fast = load_model("sshleifer/distilbart-cnn-6-6")
    assert fast is load_model("sshleifer/distilbart-cnn-6-6") and fast.backend == "fast"
    reference = load_model("sshleifer/distilbart-cnn-6-6", backend="reference")
    assert reference is not fast and reference.backend == "reference"


def test_generate_respects_requested_length(spy_generate):
    model = load_model("sshleifer/distilbart-cnn-6-6", backend="reference")
    settings = GenerationSettings(num_beams=2, min_new_tokens=12, max_new_tokens=12)
    with spy_generate(model) as spy:
        [text] = model.generate(["The council approved the budget after a long debate."], settings)
    assert text
    [call] = spy.calls
    assert call["output"].shape[1] == 12 + 1  # decoder start token + exactly 12 new tokens


def test_local_folder_loads(hf_home):
    folder = locate_model("sshleifer/distilbart-cnn-6-6")
    model = load_model(folder)
    assert model.model_id == folder


def test_missing_local_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ModelUnavailable, match="no model folder"):
        locate_model(str(tmp_path / "nothing-here"))


def test_not_cached_offline_names_the_model_and_how_to_fetch(tmp_path, offline_env):
    env = dict(offline_env, HF_HOME=str(tmp_path))
    article = tmp_path / "a.txt"
    article.write_text("The council approved the budget on Tuesday.", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "summarizer", str(article), "--model",
                          "sshleifer/distilbart-cnn-12-6", "--engine", "abstractive"],
                         env=env, capture_output=True, text=True)
    assert run.returncode == 2
    assert "sshleifer/distilbart-cnn-12-6" in run.stderr and "hf download" in run.stderr
    assert "Traceback" not in run.stderr


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
