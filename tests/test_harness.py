"""The test harness itself: tiny models are the same bytes on every build, so no test depends on luck."""

import pytest

pytestmark = pytest.mark.models

IDS = ["sshleifer/distilbart-cnn-6-6", "csebuetnlp/mT5_multilingual_XLSum", "Helsinki-NLP/opus-mt-en-zh",
       "facebook/m2m100_418M", "MoritzLaurer/mDeBERTa-v3-base-xnli-multilingual-nli-2mil7"]  # one of each
# architecture


def test_two_builds_are_byte_identical(tmp_path):
    import tiny_models  # imports transformers and torch: only when this runs

    for model_id in IDS:
        first = tiny_models.build_model(tmp_path / "first", model_id)
        second = tiny_models.build_model(tmp_path / "second", model_id)
        names = sorted(p.name for p in first.iterdir())
        assert names == sorted(p.name for p in second.iterdir()) and "model.safetensors" in names
        for name in names:
            assert (first / name).read_bytes() == (second / name).read_bytes(), (model_id, name)


def test_each_model_draws_its_own_weights(tmp_path):
    """Seeds differ per id, so two models of one architecture are not copies of each other."""
    import tiny_models

    de = tiny_models.build_model(tmp_path, "Helsinki-NLP/opus-mt-en-de") / "model.safetensors"
    fr = tiny_models.build_model(tmp_path, "Helsinki-NLP/opus-mt-en-fr") / "model.safetensors"
    assert de.read_bytes() != fr.read_bytes()
